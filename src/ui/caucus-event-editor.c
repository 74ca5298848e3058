/* caucus-event-editor.c — create and edit events, with validation problems inline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are typed as wall-clock text in the event's zone ("2012-11-03 09:00") and
 * turned into the stored UTC instant with caucus_time_from_local (RFC 5545's rule for
 * gaps and repeated hours).  The model validates the document (caucus_document_get_problems);
 * each problem is shown on the group holding its field and the field is marked, and
 * nothing is written until there are none.  Editing keeps every member the editor does
 * not show (roles, statement links, a newer peer's fields): the document is the JSON.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-model.h"

typedef struct {
  CaucusCalendarPage *page;          /* strong */
  CaucusDocument *document;
  GtkWindow *window;
  GtkWidget *title, *kind, *status, *zone, *start, *end, *all_day, *venue, *room, *city, *url;
  GtkTextBuffer *description;
  AdwPreferencesGroup *event_group, *time_group, *place_group;
  AdwPreferencesGroup *problems_group;
  GPtrArray *problem_rows;
} Editor;

static void
editor_free (Editor *editor)
{
  g_clear_object (&editor->page);
  g_clear_object (&editor->document);
  g_clear_pointer (&editor->problem_rows, g_ptr_array_unref);
  g_free (editor);
}

static const char *
json_string (JsonObject *object,
             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, row);
  return row;
}

/* "2012-11-03 09:00" in @zone for a stored instant. */
static char *
local_text (const char *instant,
            const char *zone,
            gboolean    date_only)
{
  g_autoptr(GDateTime) utc = instant != NULL ? caucus_time_parse_instant (instant, NULL) : NULL;
  g_autoptr(GTimeZone) tz = zone != NULL ? caucus_time_zone_new (zone, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL || tz == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, date_only ? "%Y-%m-%d" : "%Y-%m-%d %H:%M");
}

/* The instant of "YYYY-MM-DD[ HH:MM]" in @zone, or NULL with a sentence in @message. */
static char *
parse_local (const char  *text,
             const char  *zone,
             char       **message)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GError) error = NULL;
  int y, m, d, hh = 0, mm = 0;
  int n;

  tz = caucus_time_zone_new (zone, &error);
  if (tz == NULL)
    {
      *message = g_strdup (error->message);
      return NULL;
    }
  n = sscanf (text, "%4d-%2d-%2d %2d:%2d", &y, &m, &d, &hh, &mm);
  if ((n != 3 && n != 5) || hh > 23 || mm > 59 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      *message = g_strdup_printf (_("“%s” is not a date and time like 2024-11-03 09:30"), text);
      return NULL;
    }
  instant = caucus_time_from_local (tz, y, m, d, hh, mm, 0);
  if (instant == NULL)
    {
      *message = g_strdup_printf (_("“%s” does not exist in %s"), text, zone);
      return NULL;
    }
  return caucus_time_format_instant (instant);
}

static void
clear_problems (Editor *editor)
{
  GtkWidget *rows[] = { editor->title, editor->kind, editor->status, editor->zone, editor->start,
                        editor->end, editor->venue, editor->room, editor->city, editor->url };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  for (guint i = 0; i < editor->problem_rows->len; i++)
    adw_preferences_group_remove (editor->problems_group, g_ptr_array_index (editor->problem_rows, i));
  g_ptr_array_set_size (editor->problem_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (editor->problems_group), FALSE);
  adw_preferences_group_set_description (editor->event_group, NULL);
  adw_preferences_group_set_description (editor->time_group, NULL);
  adw_preferences_group_set_description (editor->place_group, NULL);
}

static void
add_problem (Editor     *editor,
             const char *field,
             const char *message)
{
  struct { const char *prefix; GtkWidget *row; AdwPreferencesGroup *group; } map[] = {
    { "title", editor->title, editor->event_group },
    { "kind", editor->kind, editor->event_group },
    { "status", editor->status, editor->event_group },
    { "time_zone", editor->zone, editor->time_group },
    { "start", editor->start, editor->time_group },
    { "end", editor->end, editor->time_group },
    { "location.venue", editor->venue, editor->place_group },
    { "location.room", editor->room, editor->place_group },
    { "location.city", editor->city, editor->place_group },
    { "location.online_url", editor->url, editor->place_group },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (field != NULL && g_str_has_prefix (field, map[i].prefix))
      {
        const char *before = adw_preferences_group_get_description (map[i].group);
        /* descriptions are markup; messages quote what was typed */
        g_autofree char *escaped = g_markup_escape_text (message, -1);
        g_autofree char *text = before != NULL ? g_strdup_printf ("%s\n%s", before, escaped)
                                               : g_strdup (escaped);

        gtk_widget_add_css_class (map[i].row, "error");
        adw_preferences_group_set_description (map[i].group, text);
        return;
      }

  /* a field the editor does not show (roles, a peer's members): listed on top */
  {
    GtkWidget *row = adw_action_row_new ();

    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field);
    adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
    adw_preferences_group_add (editor->problems_group, row);
    g_ptr_array_add (editor->problem_rows, row);
    gtk_widget_set_visible (GTK_WIDGET (editor->problems_group), TRUE);
  }
}

static void
set_or_remove (CaucusDocument *document,
               const char     *member,
               const char     *text)
{
  caucus_document_set_string (document, member, text != NULL && *text != '\0' ? text : NULL);
}

static const char *
row_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
save_cb (Editor *editor)
{
  CaucusCalendarPage *self = editor->page;
  const char *zone = row_text (editor->zone);
  gboolean all_day = gtk_switch_get_active (GTK_SWITCH (editor->all_day));
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *start_message = NULL;
  g_autofree char *end_message = NULL;
  g_autoptr(JsonObject) location = NULL;
  g_autoptr(JsonNode) location_node = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *old_location;
  GtkTextIter begin, finish;
  g_autofree char *description = NULL;
  guint kind_index = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->kind));
  GPtrArray *problems;
  gboolean creating = caucus_document_get_id (editor->document) == NULL;

  clear_problems (editor);

  set_or_remove (editor->document, "title", row_text (editor->title));
  if (kind_index < g_strv_length ((char **) caucus_event_kinds))
    caucus_document_set_string (editor->document, "kind", caucus_event_kinds[kind_index]);
  set_or_remove (editor->document, "status", row_text (editor->status));
  set_or_remove (editor->document, "time_zone", zone);
  caucus_document_set_boolean (editor->document, "all_day", all_day);

  if (*row_text (editor->start) != '\0')
    start = parse_local (row_text (editor->start), zone, &start_message);
  if (*row_text (editor->end) != '\0')
    end = parse_local (row_text (editor->end), zone, &end_message);
  if (start_message == NULL)
    set_or_remove (editor->document, "start", start);
  if (end_message == NULL)
    set_or_remove (editor->document, "end", end);

  old_location = caucus_document_peek_member (editor->document, "location");
  location = old_location != NULL && JSON_NODE_HOLDS_OBJECT (old_location)
               ? caucus_json_object_deep_copy (json_node_get_object (old_location)) : json_object_new ();
  {
    const char *members[] = { "venue", "room", "city", "online_url" };
    GtkWidget *rows[] = { editor->venue, editor->room, editor->city, editor->url };

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        if (*row_text (rows[i]) != '\0')
          json_object_set_string_member (location, members[i], row_text (rows[i]));
        else if (json_object_has_member (location, members[i]))
          json_object_remove_member (location, members[i]);
      }
  }
  location_node = json_node_init_object (json_node_alloc (), location);
  caucus_document_set_member (editor->document, "location",
                              json_object_get_size (location) > 0 ? location_node : NULL);

  gtk_text_buffer_get_bounds (editor->description, &begin, &finish);
  description = gtk_text_buffer_get_text (editor->description, &begin, &finish, FALSE);
  set_or_remove (editor->document, "description", description);

  problems = caucus_document_get_problems (editor->document);
  if (start_message != NULL)
    add_problem (editor, "start", start_message);
  if (end_message != NULL)
    add_problem (editor, "end", end_message);
  for (guint i = 0; i < problems->len; i++)
    {
      CaucusProblem *problem = g_ptr_array_index (problems, i);

      /* a time that could not be read is already explained; "needs a start" would repeat it */
      if ((start_message != NULL && g_strcmp0 (problem->field, "start") == 0) ||
          (end_message != NULL && g_strcmp0 (problem->field, "end") == 0))
        continue;
      add_problem (editor, problem->field, problem->message);
    }
  if (problems->len > 0 || start_message != NULL || end_message != NULL)
    return;

  if (!caucus_document_save (editor->document, self->store, "caucus", &error))
    {
      add_problem (editor, NULL, error->message);
      return;
    }

  _caucus_calendar_page_toast (self, creating ? _("Event created") : _("Event saved"));
  caucus_calendar_page_show_event (self, caucus_document_get_id (editor->document));
  gtk_window_destroy (editor->window);
}

static void
cancel_cb (Editor *editor)
{
  gtk_window_destroy (editor->window);
}

void
_caucus_calendar_page_edit_event (CaucusCalendarPage *self,
                                  const char         *event_id)
{
  Editor *editor;
  GtkWidget *window, *toolbar, *header, *cancel, *save, *page, *view, *all_day_row, *problems;
  AdwPreferencesGroup *description_group;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new ((const char * const *) caucus_event_kinds);
  g_autoptr(GError) error = NULL;
  JsonObject *event;
  JsonNode *location_node;
  JsonObject *location = NULL;
  const char *zone;
  gboolean all_day;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;

  editor = g_new0 (Editor, 1);
  editor->page = g_object_ref (self);
  editor->problem_rows = g_ptr_array_new ();
  if (event_id != NULL)
    {
      editor->document = caucus_document_load (self->store, event_id, &error);
      if (editor->document == NULL)
        {
          _caucus_calendar_page_toast (self, error->message);
          editor_free (editor);
          return;
        }
    }
  else
    {
      editor->document = caucus_document_new_of_type ("event", "caucus");
      caucus_document_set_string (editor->document, "kind", "meeting");
      caucus_document_set_string (editor->document, "time_zone",
                                  _caucus_calendar_page_view_zone (self));
      if (self->conference_id != NULL)
        {
          caucus_document_set_string (editor->document, "parent_id", self->conference_id);
          caucus_document_set_string (editor->document, "kind", "session");
        }
    }
  event = caucus_document_peek_json (editor->document);
  zone = json_string (event, "time_zone");
  all_day = json_object_has_member (event, "all_day") && json_object_get_boolean_member (event, "all_day");
  start = local_text (json_string (event, "start"), zone, all_day);
  end = local_text (json_string (event, "end"), zone, all_day);
  location_node = json_object_get_member (event, "location");
  if (location_node != NULL && JSON_NODE_HOLDS_OBJECT (location_node))
    location = json_node_get_object (location_node);

  window = adw_window_new ();
  editor->window = GTK_WINDOW (window);
  gtk_window_set_title (GTK_WINDOW (window), event_id != NULL ? _("Edit Event") : _("New Event"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 680);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_object_set_data_full (G_OBJECT (window), "editor", editor, (GDestroyNotify) editor_free);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_cb), editor);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_cb), editor);
  gtk_box_append (GTK_BOX (toolbar), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  problems = adw_preferences_group_new ();
  editor->problems_group = ADW_PREFERENCES_GROUP (problems);
  adw_preferences_group_set_title (editor->problems_group, _("Problems"));
  gtk_widget_set_visible (problems, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), editor->problems_group);

  editor->event_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (editor->event_group, _("Event"));
  editor->title = entry_row (editor->event_group, _("Title"), json_string (event, "title"));
  editor->kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (editor->kind), G_LIST_MODEL (kinds));
  for (guint i = 0; caucus_event_kinds[i] != NULL; i++)
    if (g_strcmp0 (caucus_event_kinds[i], json_string (event, "kind")) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (editor->kind), i);
  adw_preferences_group_add (editor->event_group, editor->kind);
  editor->status = entry_row (editor->event_group, _("Status"), json_string (event, "status"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), editor->event_group);

  editor->time_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (editor->time_group, _("Time"));
  editor->zone = entry_row (editor->time_group, _("Time zone of the venue or issuing body"), zone);
  editor->start = entry_row (editor->time_group, _("Start (YYYY-MM-DD HH:MM, in that zone)"), start);
  editor->end = entry_row (editor->time_group, _("End"), end);
  all_day_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (all_day_row), _("All day"));
  editor->all_day = gtk_switch_new ();
  gtk_widget_set_valign (editor->all_day, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (editor->all_day), all_day);
  adw_action_row_add_suffix (ADW_ACTION_ROW (all_day_row), editor->all_day);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (all_day_row), editor->all_day);
  adw_preferences_group_add (editor->time_group, all_day_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), editor->time_group);

  editor->place_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (editor->place_group, _("Place"));
  editor->venue = entry_row (editor->place_group, _("Venue"), json_string (location, "venue"));
  editor->room = entry_row (editor->place_group, _("Room"), json_string (location, "room"));
  editor->city = entry_row (editor->place_group, _("City"), json_string (location, "city"));
  editor->url = entry_row (editor->place_group, _("Online link"), json_string (location, "online_url"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), editor->place_group);

  description_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (description_group, _("Description"));
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_widget_add_css_class (view, "card");
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  editor->description = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (editor->description,
                            json_string (event, "description") != NULL ? json_string (event, "description") : "",
                            -1);
  adw_preferences_group_add (description_group, view);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), description_group);

  gtk_box_append (GTK_BOX (toolbar), page);
  adw_window_set_content (ADW_WINDOW (window), toolbar);
  gtk_window_present (GTK_WINDOW (window));
}
