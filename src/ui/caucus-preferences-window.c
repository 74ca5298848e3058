/* caucus-preferences-window.c — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key with g_settings_bind*, so a change
 * takes effect (and is kept) the moment it is made; there is no Apply button.
 */
#include <glib/gi18n.h>

#include "caucus-preferences-window.h"
#include "caucus-time-zones.h"

struct _CaucusPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  /* Row i of the zone drop-downs stands for zone_ids[i]; "" is the device's zone. */
  GStrv zone_ids;

  GtkDropDown *home_zone_dropdown;
  GtkDropDown *my_zone_dropdown;
  GtkSpinButton *lead_spin;
  AdwComboRow *paper_row;
  GtkSwitch *metered_switch;
};

G_DEFINE_FINAL_TYPE (CaucusPreferencesWindow, caucus_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the paper row's model. */
static const char * const paper_sizes[] = { "a4", "us-letter" };

static gboolean
strv_get_mapping_cb (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
strv_set_mapping_cb (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  const char * const *ids = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((GStrv) ids))
    return NULL;

  return g_variant_new_string (ids[index]);
}

static void
append_unique (GPtrArray  *ids,
               const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return;

  g_ptr_array_add (ids, g_strdup (id));
}

/* The choices: the device's zone, every zone of the tz database, and the
 * zones already chosen (so a value from another system is shown, not lost). */
static GtkStringList *
build_zone_model (CaucusPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) zones = caucus_time_zones_list (&error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *home = g_settings_get_string (self->settings, "home-time-zone");
  g_autofree char *mine = g_settings_get_string (self->settings, "my-time-zone");
  GtkStringList *model = gtk_string_list_new (NULL);

  if (zones == NULL)
    g_warning ("%s", error->message);

  g_ptr_array_add (ids, g_strdup (""));
  for (guint i = 0; zones != NULL && zones[i] != NULL; i++)
    append_unique (ids, zones[i]);
  if (*home != '\0')
    append_unique (ids, home);
  if (*mine != '\0')
    append_unique (ids, mine);
  g_ptr_array_add (ids, NULL);
  self->zone_ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);

  for (guint i = 0; self->zone_ids[i] != NULL; i++)
    {
      if (i == 0)
        {
          /* Translators: %s is a time zone such as “Europe/Paris”. */
          g_autofree char *label = g_strdup_printf (_("Device Time Zone (%s)"),
                                                    g_time_zone_get_identifier (local));
          gtk_string_list_append (model, label);
        }
      else
        gtk_string_list_append (model, self->zone_ids[i]);
    }

  return model;
}

static void
setup_zone_dropdown (CaucusPreferencesWindow *self,
                     GtkDropDown             *dropdown,
                     GListModel              *model,
                     const char              *key)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_drop_down_set_expression (dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (dropdown, model);
  g_settings_bind_with_mapping (self->settings, key, dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                strv_get_mapping_cb, strv_set_mapping_cb,
                                self->zone_ids, NULL);
}

static void
caucus_preferences_window_constructed (GObject *object)
{
  CaucusPreferencesWindow *self = CAUCUS_PREFERENCES_WINDOW (object);
  g_autoptr(GtkStringList) zones = NULL;

  G_OBJECT_CLASS (caucus_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  zones = build_zone_model (self);
  setup_zone_dropdown (self, self->home_zone_dropdown, G_LIST_MODEL (zones), "home-time-zone");
  setup_zone_dropdown (self, self->my_zone_dropdown, G_LIST_MODEL (zones), "my-time-zone");

  g_settings_bind (self->settings, "reminder-lead-minutes",
                   gtk_spin_button_get_adjustment (self->lead_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                strv_get_mapping_cb, strv_set_mapping_cb,
                                (gpointer) paper_sizes, NULL);
  g_settings_bind (self->settings, "sync-on-metered", self->metered_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
caucus_preferences_window_dispose (GObject *object)
{
  CaucusPreferencesWindow *self = CAUCUS_PREFERENCES_WINDOW (object);

  /* The zone bindings point into zone_ids: end them before it goes. */
  if (self->home_zone_dropdown != NULL)
    g_settings_unbind (self->home_zone_dropdown, "selected");
  if (self->my_zone_dropdown != NULL)
    g_settings_unbind (self->my_zone_dropdown, "selected");

  gtk_widget_dispose_template (GTK_WIDGET (self), CAUCUS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (caucus_preferences_window_parent_class)->dispose (object);
}

static void
caucus_preferences_window_finalize (GObject *object)
{
  CaucusPreferencesWindow *self = CAUCUS_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->zone_ids, g_strfreev);

  G_OBJECT_CLASS (caucus_preferences_window_parent_class)->finalize (object);
}

static void
caucus_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CaucusPreferencesWindow *self = CAUCUS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CaucusPreferencesWindow *self = CAUCUS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_preferences_window_class_init (CaucusPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = caucus_preferences_window_constructed;
  object_class->dispose = caucus_preferences_window_dispose;
  object_class->finalize = caucus_preferences_window_finalize;
  object_class->get_property = caucus_preferences_window_get_property;
  object_class->set_property = caucus_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusPreferencesWindow, home_zone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaucusPreferencesWindow, my_zone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaucusPreferencesWindow, lead_spin);
  gtk_widget_class_bind_template_child (widget_class, CaucusPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, CaucusPreferencesWindow, metered_switch);
}

/* AdwPreferencesWindow (libadwaita 1.2) keeps a search entry and empty list boxes
 * (its search results among them) in its tree even with search turned off, none
 * with an accessible name, and AT-SPI (GTK 4.8) lists them as present and
 * focusable: name them as ours are named.  Not all exist before the window is
 * shown, hence on map. */
static void
name_search_parts (GtkWidget *widget,
                   gboolean   in_group)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
  else if (GTK_IS_LIST_BOX (widget) && (!in_group || gtk_widget_get_first_child (widget) == NULL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Results"), -1);

  in_group = in_group || ADW_IS_PREFERENCES_GROUP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_parts (child, in_group);
}

static void
name_search_parts_cb (GtkWidget *widget)
{
  name_search_parts (widget, FALSE);
}

static void
caucus_preferences_window_init (CaucusPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (name_search_parts_cb), NULL);
}

/**
 * caucus_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer none): a new Preferences window (owned by GTK's list of
 *   toplevels, as every window is)
 */
GtkWindow *
caucus_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CAUCUS_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
