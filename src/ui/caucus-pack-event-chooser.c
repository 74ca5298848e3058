/* caucus-pack-event-chooser.c — choosing the event a new briefing pack is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Packs are made for gatherings, not for single sessions or deadlines: the dialog lists
 * the conferences and then the meetings of the workspace (two lazy document lists over
 * the model index, earliest first), each with its dates and city.
 */
#include <glib/gi18n.h>

#include "caucus-document-list.h"
#include "caucus-pack-event-chooser.h"

struct _CaucusPackEventChooser
{
  AdwWindow parent_instance;

  GtkListBox *list_box;
  GtkStack *stack;

  CaucusModelIndex *index;
  GListModel *events;
};

G_DEFINE_FINAL_TYPE (CaucusPackEventChooser, caucus_pack_event_chooser, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EVENT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* “3–4 November 2012 · Baku” from the event's start, end and city. */
static char *
describe_event (CaucusDocument *event)
{
  const char *start = caucus_document_get_string (event, "start");
  const char *end = caucus_document_get_string (event, "end");
  const char *zone_id = caucus_document_get_string (event, "time_zone");
  g_autoptr(GTimeZone) zone = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autoptr(GDateTime) utc_from = start != NULL ? g_date_time_new_from_iso8601 (start, NULL) : NULL;
  g_autoptr(GDateTime) utc_to = end != NULL ? g_date_time_new_from_iso8601 (end, NULL) : NULL;
  /* the days as the venue counts them */
  g_autoptr(GDateTime) from = utc_from != NULL && zone != NULL ? g_date_time_to_timezone (utc_from, zone)
                              : utc_from != NULL ? g_date_time_ref (utc_from) : NULL;
  g_autoptr(GDateTime) to = utc_to != NULL && zone != NULL ? g_date_time_to_timezone (utc_to, zone)
                            : utc_to != NULL ? g_date_time_ref (utc_to) : NULL;
  JsonNode *location = caucus_document_peek_member (event, "location");
  const char *kind = caucus_document_get_string (event, "kind");
  GString *text = g_string_new (NULL);

  if (from != NULL)
    {
      g_autofree char *first = g_date_time_format (from, "%-d %B %Y");

      g_string_append (text, first);
      if (to != NULL && (g_date_time_get_year (to) != g_date_time_get_year (from) ||
                         g_date_time_get_day_of_year (to) != g_date_time_get_day_of_year (from)))
        {
          g_autofree char *last = g_date_time_format (to, "%-d %B %Y");

          g_string_append_printf (text, " – %s", last);
        }
    }
  if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
    {
      const char *city = json_object_get_string_member_with_default (json_node_get_object (location), "city", NULL);

      if (city != NULL && *city != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", city);
    }
  if (g_strcmp0 (kind, "meeting") == 0)
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("Meeting"));
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CaucusDocument *event = item;
  g_autofree char *subtitle = describe_event (event);
  g_autofree char *escaped = g_markup_escape_text (caucus_document_get_display_name (event), -1);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "event-id", g_strdup (caucus_document_get_id (event)), g_free);
  return row;
}

static void
row_activated_cb (CaucusPackEventChooser *self,
                  GtkListBoxRow          *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "event-id");

  if (id == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_EVENT_CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
items_changed_cb (CaucusPackEventChooser *self)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (self->events) > 0 ? "events" : "empty");
}

static void
caucus_pack_event_chooser_dispose (GObject *object)
{
  CaucusPackEventChooser *self = CAUCUS_PACK_EVENT_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CAUCUS_TYPE_PACK_EVENT_CHOOSER);
  g_clear_object (&self->events);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (caucus_pack_event_chooser_parent_class)->dispose (object);
}

static void
caucus_pack_event_chooser_class_init (CaucusPackEventChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_pack_event_chooser_dispose;

  /**
   * CaucusPackEventChooser::event-chosen:
   * @self: the chooser
   * @event_id: the chosen event's id
   */
  signals[SIGNAL_EVENT_CHOSEN] =
    g_signal_new ("event-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-pack-event-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEventChooser, list_box);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEventChooser, stack);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
caucus_pack_event_chooser_init (CaucusPackEventChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
caucus_pack_event_chooser_new (GtkWindow        *parent,
                               CaucusModelIndex *index)
{
  CaucusPackEventChooser *self;
  GListStore *lists;
  const char * const kinds[] = { "conference", "meeting" };

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);

  self = g_object_new (CAUCUS_TYPE_PACK_EVENT_CHOOSER,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->index = g_object_ref (index);
  lists = g_list_store_new (G_TYPE_LIST_MODEL);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(CaucusDocumentList) list = caucus_document_list_new (index, "event");

      caucus_document_list_set_filter (list, "kind", kinds[i]);
      caucus_document_list_set_sort (list, CAUCUS_LIST_SORT_START);
      g_list_store_append (lists, list);
    }
  self->events = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (lists)));
  gtk_list_box_bind_model (self->list_box, self->events, create_row_cb, self, NULL);
  g_signal_connect_object (self->events, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  items_changed_cb (self);
  return GTK_WIDGET (self);
}
