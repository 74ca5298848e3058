/* caucus-document-detail.c — an organisation or a person, and what they take part in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields as rows, the problems of a document that failed validation, and the
 * model's lists of what the organisation or person takes part in: an organisation's
 * people, the sessions those people speak at and the statements it signed; a person's
 * sessions and the statements their organisation signed.  The lists are the model's
 * lazy lists, shown through a slice so an organisation with thousands of people does
 * not build thousands of rows.  The detail follows the store: a new revision of the
 * document (an edit, a sync) is shown as soon as it is written.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-document-detail.h"
#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-document-types.h"

/* Rows shown per related list; the group's title gives the full count. */
#define RELATED_ROWS 50

typedef struct {
  char *which;
  char *title;
  CaucusDocumentList *list;
  GtkWidget *group;
  GtkWidget *list_box;
} Related;

struct _CaucusDocumentDetail
{
  GtkBox parent_instance;

  CaucusModelIndex *index;
  CaucusDocument *document;
  GPtrArray *rows;      /* (group, row) pairs added for the current document */
  GPtrArray *related;   /* Related* */
  gulong changed_id;

  /* Built with the first document (an empty detail holds no list boxes). */
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *fields_group;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkBox *content_box;
  GtkWidget *back_button;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *kind_label;
};

G_DEFINE_FINAL_TYPE (CaucusDocumentDetail, caucus_document_detail, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_DOCUMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
related_free (Related *related)
{
  g_free (related->which);
  g_free (related->title);
  g_clear_object (&related->list);
  g_free (related);
}

static CaucusStore *
get_store (CaucusDocumentDetail *self)
{
  return self->index != NULL ? caucus_model_index_get_store (self->index) : NULL;
}

static void
add_row (CaucusDocumentDetail *self,
         AdwPreferencesGroup  *group,
         GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static void
add_text_row (CaucusDocumentDetail *self,
              const char           *title,
              const char           *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  /* Values are the document's text ("Global Partners & Associates"), not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  add_row (self, self->fields_group, row);
}

static void
add_member_row (CaucusDocumentDetail *self,
                const char           *title,
                const char           *member)
{
  JsonNode *node = caucus_document_peek_member (self->document, member);

  if (node == NULL)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_auto(GStrv) values = caucus_document_dup_strv (self->document, member);
      g_autofree char *text = caucus_strv_join_display ((const char * const *) values);

      add_text_row (self, title, text);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_text_row (self, title, json_node_get_string (node));
}

/* "ECOSOC (consultative, since 2010-01-01)" per accreditation. */
static void
add_accreditations_row (CaucusDocumentDetail *self)
{
  JsonNode *node = caucus_document_peek_member (self->document, "accreditations");
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *accreditation;
      const char *body, *status, *since;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      accreditation = json_node_get_object (element);
      body = json_object_get_string_member_with_default (accreditation, "body", "?");
      status = json_object_get_string_member_with_default (accreditation, "status", NULL);
      since = json_object_get_string_member_with_default (accreditation, "since", NULL);

      if (text->len > 0)
        g_string_append (text, "\n");
      g_string_append (text, body);
      if (status != NULL && since != NULL)
        g_string_append_printf (text, _(" (%s, since %s)"), status, since);
      else if (status != NULL)
        g_string_append_printf (text, " (%s)", status);
    }

  add_text_row (self, _("Accreditations"), text->str);
}

static void
related_row_activated_cb (CaucusDocumentDetail *self,
                          GtkListBoxRow        *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "caucus-document-id");

  if (id != NULL)
    g_signal_emit (self, signals[OPEN_DOCUMENT], 0, id);
}

static char *
format_start (CaucusDocument *event)
{
  g_autoptr(GDateTime) start = caucus_document_get_datetime (event, "start");
  const char *zone_name = caucus_document_get_string (event, "time_zone");
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (start == NULL)
    return NULL;

  /* The event's home time first, as delegates read programmes. */
  if (zone_name != NULL)
    zone = g_time_zone_new_identifier (zone_name);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (start, zone);

  return g_date_time_format (local, "%-d %b %Y, %H:%M %Z");
}

static GtkWidget *
create_related_row_cb (gpointer item,
                       gpointer user_data)
{
  Related *related = user_data;
  CaucusDocument *document = item;
  GtkWidget *row = adw_action_row_new ();
  const char *type = caucus_document_get_doc_type (document);

  if (g_strcmp0 (type, "signature") == 0)
    {
      const char *statement_id = caucus_document_get_string (document, "statement_id");
      const char *signed_at = caucus_document_get_string (document, "signed_at");
      CaucusStore *store = g_object_get_data (G_OBJECT (related->group), "caucus-store");
      g_autoptr(CaucusDocument) statement = NULL;

      if (statement_id != NULL && store != NULL)
        statement = caucus_document_load (store, statement_id, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     statement != NULL ? caucus_document_get_display_name (statement)
                                     : statement_id != NULL ? statement_id : "");
      if (caucus_signature_is_withdrawn (CAUCUS_SIGNATURE (document)))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Signature withdrawn"));
      else if (signed_at != NULL)
        {
          g_autofree char *subtitle = g_strdup_printf (_("Signed %.10s"), signed_at);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
    }
  else if (g_strcmp0 (type, "event") == 0)
    {
      g_autofree char *start = format_start (document);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     caucus_document_get_display_name (document));
      if (start != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strstrip (start));
    }
  else
    {
      const char *title = caucus_document_get_string (document, "title");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     caucus_document_get_display_name (document));
      if (title != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "caucus-document-id",
                              g_strdup (caucus_document_get_id (document)), g_free);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (!caucus_document_is_valid (document))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

  return row;
}

static void
update_related_title (Related *related)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (related->list));
  g_autofree char *title = g_strdup_printf ("%s (%u)", related->title, n);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (related->group), title);
}

static void
related_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Related    *related)
{
  update_related_title (related);
}

static void
add_related (CaucusDocumentDetail *self,
             const char           *which,
             const char           *title,
             const char           *type,
             const char           *filter,
             const char           *value,
             const char           *placeholder)
{
  Related *related = g_new0 (Related, 1);
  g_autoptr(GtkSliceListModel) slice = NULL;
  GtkWidget *list_box = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  related->which = g_strdup (which);
  related->title = g_strdup (title);
  related->list = caucus_document_list_new (self->index, type);
  if (g_str_equal (type, "event"))
    caucus_document_list_set_sort (related->list, CAUCUS_LIST_SORT_START);
  caucus_document_list_set_filter (related->list, filter, value);
  related->group = adw_preferences_group_new ();
  g_object_set_data_full (G_OBJECT (related->group), "caucus-store",
                          g_object_ref (get_store (self)), g_object_unref);
  g_ptr_array_add (self->related, related);

  slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (related->list)), 0, RELATED_ROWS);
  gtk_widget_add_css_class (list_box, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_widget_set_margin_start (empty, 12);
  gtk_widget_set_margin_end (empty, 12);
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list_box), empty);
  gtk_list_box_bind_model (GTK_LIST_BOX (list_box), G_LIST_MODEL (slice),
                           create_related_row_cb, related, NULL);
  related->list_box = list_box;
  g_signal_connect_object (list_box, "row-activated", G_CALLBACK (related_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (related->group), list_box);
  g_signal_connect (related->list, "items-changed", G_CALLBACK (related_items_changed_cb), related);
  update_related_title (related);

  gtk_box_append (self->content_box, related->group);
}

static void
clear (CaucusDocumentDetail *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i),
                                  g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->related->len; i++)
    {
      Related *related = g_ptr_array_index (self->related, i);

      g_signal_handlers_disconnect_by_data (related->list, related);
      /* The row factory's data is @related, freed below. */
      gtk_list_box_bind_model (GTK_LIST_BOX (related->list_box), NULL, NULL, NULL, NULL);
      gtk_box_remove (self->content_box, related->group);
    }
  g_ptr_array_set_size (self->related, 0);
}

static void
show_org (CaucusDocumentDetail *self)
{
  const char *id = caucus_document_get_id (self->document);
  const char *kind = caucus_document_get_string (self->document, "kind");
  const char *group = caucus_document_get_string (self->document, "regional_group");
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (kind != NULL)
    g_string_append (subtitle, caucus_kind_label (kind));
  if (group != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                            caucus_regional_group_label (group));
  gtk_label_set_label (self->kind_label, subtitle->str);
  add_member_row (self, _("Short name"), "short_name");
  add_member_row (self, _("Countries"), "countries");
  add_member_row (self, _("Website"), "website");
  add_member_row (self, _("Email"), "email");
  add_member_row (self, _("Phone"), "phone");
  add_member_row (self, _("Expertise"), "expertise");
  add_accreditations_row (self);
  add_member_row (self, _("Tags"), "tags");
  add_member_row (self, _("Notes"), "notes");

  if (self->index == NULL || id == NULL)
    return;
  add_related (self, "people", _("People"), "person", "ref_id", id,
               _("Nobody from this organisation is in the directory yet"));
  add_related (self, "sessions", _("Sessions Its People Speak At"), "event",
               "involves_people_of", id, _("None of its people has a role in a session yet"));
  add_related (self, "signatures", _("Statements It Signed"), "signature", "involves", id,
               _("It has not signed a statement yet"));
}

static void
show_person (CaucusDocumentDetail *self)
{
  const char *id = caucus_document_get_id (self->document);
  const char *org_id = caucus_document_get_string (self->document, "org_id");
  const char *title = caucus_document_get_string (self->document, "title");
  g_autoptr(CaucusDocument) org = NULL;

  if (org_id != NULL && get_store (self) != NULL)
    org = caucus_document_load (get_store (self), org_id, NULL);

  gtk_label_set_label (self->kind_label, title != NULL ? title : "");
  if (org_id != NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Organisation"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   org != NULL ? caucus_document_get_display_name (org) : org_id);
      if (org != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "caucus-document-id", g_strdup (org_id), g_free);
          g_signal_connect_object (row, "activated", G_CALLBACK (related_row_activated_cb),
                                   self, G_CONNECT_SWAPPED);
        }
      add_row (self, self->fields_group, row);
    }
  add_member_row (self, _("Country"), "country");
  if (caucus_document_get_string (self->document, "regional_group") != NULL)
    add_text_row (self, _("UN regional group"),
                  caucus_regional_group_label (caucus_document_get_string (self->document,
                                                                           "regional_group")));
  add_member_row (self, _("Languages"), "languages");
  add_member_row (self, _("Email"), "email");
  add_member_row (self, _("Phone"), "phone");
  add_member_row (self, _("Expertise"), "expertise");
  add_member_row (self, _("Biography"), "bio");
  add_member_row (self, _("Tags"), "tags");
  add_member_row (self, _("Notes"), "notes");

  if (self->index == NULL || id == NULL)
    return;
  add_related (self, "sessions", _("Sessions"), "event", "involves", id,
               _("No role in a session yet"));
  if (org_id != NULL)
    add_related (self, "signatures", _("Statements Their Organisation Signed"), "signature",
                 "involves", org_id, _("Their organisation has not signed a statement yet"));
}

static void
ensure_groups (CaucusDocumentDetail *self)
{
  if (self->fields_group != NULL)
    return;

  self->problems_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems_group, _("Problems to Fix"));
  adw_preferences_group_set_description (self->problems_group,
                                         _("This entry arrived or was imported with problems. "
                                           "It is kept as it is; edit it to fix them."));
  gtk_box_append (self->content_box, GTK_WIDGET (self->problems_group));

  self->fields_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->fields_group, _("Details"));
  gtk_box_append (self->content_box, GTK_WIDGET (self->fields_group));
}

static void
render (CaucusDocumentDetail *self)
{
  GPtrArray *problems;
  const char *type;

  clear (self);
  if (self->document == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->kind_label, "");
      if (self->problems_group != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
      return;
    }

  ensure_groups (self);

  gtk_label_set_label (self->name_label, caucus_document_get_display_name (self->document));
  adw_avatar_set_text (self->avatar, caucus_document_get_display_name (self->document));

  problems = caucus_document_get_problems (self->document);
  for (guint i = 0; i < problems->len; i++)
    {
      CaucusProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->field);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->problems_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);

  type = caucus_document_get_doc_type (self->document);
  if (g_strcmp0 (type, "person") == 0)
    show_person (self);
  else
    show_org (self);

  /* A bare entry (a name and nothing else) has no details to list. */
  {
    gboolean has_fields = FALSE;

    for (guint i = 0; i + 1 < self->rows->len && !has_fields; i += 2)
      has_fields = g_ptr_array_index (self->rows, i) == (gpointer) self->fields_group;
    gtk_widget_set_visible (GTK_WIDGET (self->fields_group), has_fields);
  }
}

/* A new revision of the document shown (an edit here, a sync) replaces it. */
static void
store_changed_cb (CaucusStore          *store,
                  GStrv                 ids,
                  CaucusDocumentDetail *self)
{
  const char *id;
  g_autoptr(CaucusDocument) fresh = NULL;

  if (self->document == NULL || ids == NULL)
    return;

  id = caucus_document_get_id (self->document);
  if (id == NULL || !g_strv_contains ((const char * const *) ids, id))
    return;

  fresh = caucus_document_load (store, id, NULL);
  caucus_document_detail_set_document (self, fresh);
}

static void
caucus_document_detail_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CaucusDocumentDetail *self = CAUCUS_DOCUMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_document_detail_dispose (GObject *object)
{
  CaucusDocumentDetail *self = CAUCUS_DOCUMENT_DETAIL (object);

  if (self->index != NULL)
    g_clear_signal_handler (&self->changed_id, caucus_model_index_get_store (self->index));
  if (self->related != NULL)
    for (guint i = 0; i < self->related->len; i++)
      {
        Related *related = g_ptr_array_index (self->related, i);

        g_signal_handlers_disconnect_by_data (related->list, related);
        gtk_list_box_bind_model (GTK_LIST_BOX (related->list_box), NULL, NULL, NULL, NULL);
      }
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_DOCUMENT_DETAIL);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (caucus_document_detail_parent_class)->dispose (object);
}

static void
caucus_document_detail_class_init (CaucusDocumentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_document_detail_dispose;
  object_class->get_property = caucus_document_detail_get_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CAUCUS_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ("open-document", const char *id): a related organisation or person was chosen. */
  signals[OPEN_DOCUMENT] = g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-document-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, content_box);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentDetail, kind_label);
}

static void
caucus_document_detail_init (CaucusDocumentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->related = g_ptr_array_new_with_free_func ((GDestroyNotify) related_free);
}

GtkWidget *
caucus_document_detail_new (void)
{
  return g_object_new (CAUCUS_TYPE_DOCUMENT_DETAIL, NULL);
}

void
caucus_document_detail_set_index (CaucusDocumentDetail *self,
                                  CaucusModelIndex     *index)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self));
  g_return_if_fail (CAUCUS_IS_MODEL_INDEX (index));

  if (self->index != NULL)
    g_clear_signal_handler (&self->changed_id, caucus_model_index_get_store (self->index));
  g_set_object (&self->index, index);
  self->changed_id = g_signal_connect (caucus_model_index_get_store (index), "changed",
                                       G_CALLBACK (store_changed_cb), self);
}

void
caucus_document_detail_set_document (CaucusDocumentDetail *self,
                                     CaucusDocument       *document)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self));
  g_return_if_fail (document == NULL || CAUCUS_IS_DOCUMENT (document));

  /* Another document starts at its top; a new revision of the same one stays put. */
  if (document == NULL || self->document == NULL
      || g_strcmp0 (caucus_document_get_id (document), caucus_document_get_id (self->document)) != 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_set_object (&self->document, document);
  render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

CaucusDocument *
caucus_document_detail_get_document (CaucusDocumentDetail *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self), NULL);

  return self->document;
}

GListModel *
caucus_document_detail_get_related (CaucusDocumentDetail *self,
                                    const char           *which)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self), NULL);

  for (guint i = 0; i < self->related->len; i++)
    {
      Related *related = g_ptr_array_index (self->related, i);

      if (g_strcmp0 (related->which, which) == 0)
        return G_LIST_MODEL (related->list);
    }

  return NULL;
}

GtkWidget *
caucus_document_detail_get_problems_group (CaucusDocumentDetail *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self), NULL);

  return self->problems_group != NULL ? GTK_WIDGET (self->problems_group) : NULL;
}

void
caucus_document_detail_set_show_back (CaucusDocumentDetail *self,
                                      gboolean              show_back)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_DETAIL (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
