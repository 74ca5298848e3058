/* caucus-page.c — base class of the workspace pages shown beside the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page describes itself (title, icon, search placeholder) so the window
 * can build its sidebar from the pages instead of repeating them, and receives
 * the header bar's search text.  Each page's template holds a GtkStack named
 * "stack" with an "empty" child (an AdwStatusPage) and, once the page has data,
 * a "content" child; "is-empty" tells which one is showing.
 */
#include "caucus-page.h"

typedef struct
{
  char *title;
  char *icon_name;
  char *search_placeholder;
  char *search_text;
} CaucusPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CaucusPage, caucus_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_SEARCH_PLACEHOLDER,
  PROP_SEARCH_TEXT,
  PROP_IS_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrives with GLib 2.76; we are pinned to 2.74. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static GtkStack *
find_stack (CaucusPage *self)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (self));

  return GTK_IS_STACK (child) ? GTK_STACK (child) : NULL;
}

static void
stack_visible_child_changed_cb (CaucusPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EMPTY]);
}

static void
caucus_page_constructed (GObject *object)
{
  CaucusPage *self = CAUCUS_PAGE (object);
  GtkStack *stack;

  G_OBJECT_CLASS (caucus_page_parent_class)->constructed (object);

  /* Subclass templates are applied in init, so the stack exists by now. */
  stack = find_stack (self);
  if (stack != NULL)
    g_signal_connect_object (stack, "notify::visible-child-name",
                             G_CALLBACK (stack_visible_child_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
caucus_page_dispose (GObject *object)
{
  GtkWidget *widget = GTK_WIDGET (object);

  /* Subclasses bind their templates; disposing here covers every page.  The
   * bin lets go of its child first, so the two do not both unparent it. */
  adw_bin_set_child (ADW_BIN (widget), NULL);
  gtk_widget_dispose_template (widget, G_OBJECT_TYPE (object));

  G_OBJECT_CLASS (caucus_page_parent_class)->dispose (object);
}

static void
caucus_page_finalize (GObject *object)
{
  CaucusPage *self = CAUCUS_PAGE (object);
  CaucusPagePrivate *priv = caucus_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->icon_name, g_free);
  g_clear_pointer (&priv->search_placeholder, g_free);
  g_clear_pointer (&priv->search_text, g_free);

  G_OBJECT_CLASS (caucus_page_parent_class)->finalize (object);
}

static void
caucus_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CaucusPage *self = CAUCUS_PAGE (object);
  CaucusPagePrivate *priv = caucus_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, priv->icon_name);
      break;

    case PROP_SEARCH_PLACEHOLDER:
      g_value_set_string (value, priv->search_placeholder);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, caucus_page_get_search_text (self));
      break;

    case PROP_IS_EMPTY:
      g_value_set_boolean (value, caucus_page_get_is_empty (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (CaucusPage *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (replace_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
caucus_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CaucusPage *self = CAUCUS_PAGE (object);
  CaucusPagePrivate *priv = caucus_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      set_string (self, &priv->title, g_value_get_string (value), PROP_TITLE);
      break;

    case PROP_ICON_NAME:
      set_string (self, &priv->icon_name, g_value_get_string (value), PROP_ICON_NAME);
      break;

    case PROP_SEARCH_PLACEHOLDER:
      set_string (self, &priv->search_placeholder, g_value_get_string (value),
                  PROP_SEARCH_PLACEHOLDER);
      break;

    case PROP_SEARCH_TEXT:
      caucus_page_set_search_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_page_class_init (CaucusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = caucus_page_constructed;
  object_class->dispose = caucus_page_dispose;
  object_class->finalize = caucus_page_finalize;
  object_class->get_property = caucus_page_get_property;
  object_class->set_property = caucus_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_PLACEHOLDER] =
    g_param_spec_string ("search-placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_EMPTY] =
    g_param_spec_boolean ("is-empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_page_init (CaucusPage *self)
{
}

const char *
caucus_page_get_title (CaucusPage *self)
{
  CaucusPagePrivate *priv;

  g_return_val_if_fail (CAUCUS_IS_PAGE (self), NULL);

  priv = caucus_page_get_instance_private (self);
  return priv->title;
}

const char *
caucus_page_get_icon_name (CaucusPage *self)
{
  CaucusPagePrivate *priv;

  g_return_val_if_fail (CAUCUS_IS_PAGE (self), NULL);

  priv = caucus_page_get_instance_private (self);
  return priv->icon_name;
}

const char *
caucus_page_get_search_placeholder (CaucusPage *self)
{
  CaucusPagePrivate *priv;

  g_return_val_if_fail (CAUCUS_IS_PAGE (self), NULL);

  priv = caucus_page_get_instance_private (self);
  return priv->search_placeholder;
}

const char *
caucus_page_get_search_text (CaucusPage *self)
{
  CaucusPagePrivate *priv;

  g_return_val_if_fail (CAUCUS_IS_PAGE (self), NULL);

  priv = caucus_page_get_instance_private (self);
  return priv->search_text != NULL ? priv->search_text : "";
}

/**
 * caucus_page_set_search_text:
 * @self: a #CaucusPage
 * @text: (nullable): what the person typed in the header bar's search entry
 *
 * Offers the search text to the page; %NULL or "" ends the search.
 */
void
caucus_page_set_search_text (CaucusPage *self,
                             const char *text)
{
  CaucusPagePrivate *priv;

  g_return_if_fail (CAUCUS_IS_PAGE (self));

  priv = caucus_page_get_instance_private (self);
  if (text != NULL && *text == '\0')
    text = NULL;
  if (!replace_str (&priv->search_text, text))
    return;

  if (CAUCUS_PAGE_GET_CLASS (self)->search_changed != NULL)
    CAUCUS_PAGE_GET_CLASS (self)->search_changed (self, caucus_page_get_search_text (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * caucus_page_get_is_empty:
 * @self: a #CaucusPage
 *
 * Returns: %TRUE while the page shows its empty state rather than content
 */
gboolean
caucus_page_get_is_empty (CaucusPage *self)
{
  GtkStack *stack;

  g_return_val_if_fail (CAUCUS_IS_PAGE (self), TRUE);

  stack = find_stack (self);
  return stack == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}
