/* caucus-calendar-views.c — the Calendar page's day view (by room) and month view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both cut days in the view zone (_caucus_calendar_page_view_zone: "my time", else the
 * filtered conference's zone, else mine) with caucus_calendar_day_range, and ask the
 * model's index for the events starting in that UTC range: the day view loads one day's
 * events (grouped by room), the month view asks the index for each day's count and reads
 * at most MONTH_TITLES titles per day from the index's summaries — it loads no document.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-calendar-time.h"
#include "caucus-document-summary.h"

#define DAY_MAX_EVENTS 600
#define MONTH_TITLES   3

static JsonObject *
view_item_json (GListModel *model,
                guint       position)
{
  g_autoptr(CaucusDocument) document = g_list_model_get_item (model, position);

  return document != NULL ? json_object_ref (caucus_document_peek_json (document)) : NULL;
}

/* Switching views and dates ---------------------------------------------------------- */

void
_caucus_calendar_page_show_view (CaucusCalendarPage *self,
           const char         *view)
{
  gtk_stack_set_visible_child_name (self->view_stack, "views");
  gtk_stack_set_visible_child_name (self->views, view);
  if (g_strcmp0 (view, "day") == 0)
    _caucus_calendar_page_build_day (self);
  else if (g_strcmp0 (view, "month") == 0)
    _caucus_calendar_page_build_month (self);
  _caucus_calendar_page_update_range (self);
}

void
_caucus_calendar_page_view_button_toggled_cb (CaucusCalendarPage *self,
                        GtkToggleButton    *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->day_button)
    _caucus_calendar_page_show_view (self, "day");
  else if (button == self->month_button)
    _caucus_calendar_page_show_view (self, "month");
  else
    _caucus_calendar_page_show_view (self, "agenda");
}

void
_caucus_calendar_page_today_date (CaucusCalendarPage *self,
            GDate              *date)
{
  g_autoptr(GDateTime) now = self->ctx != NULL ? caucus_calendar_context_now (self->ctx)
                                                : g_date_time_new_now_utc ();
  g_autofree char *text = caucus_time_format_instant (now);

  if (!caucus_calendar_local_date (text, _caucus_calendar_page_view_zone (self), date, NULL))
    {
      g_date_clear (date, 1);
      g_date_set_time_t (date, (time_t) g_date_time_to_unix (now));
    }
}

/* The first position of the agenda that starts at or after @instant (binary search:
 * log2(n) documents loaded). */
guint
_caucus_calendar_page_agenda_position_at (CaucusCalendarPage *self,
                    const char         *instant)
{
  guint low = 0;
  guint high = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(JsonObject) event = view_item_json (G_LIST_MODEL (self->agenda), middle);
      const char *start = event != NULL && json_object_has_member (event, "start")
                            ? json_object_get_string_member (event, "start") : NULL;

      if (start != NULL && caucus_timestamp_compare (start, instant) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

void
caucus_calendar_page_jump_to_today (CaucusCalendarPage *self)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));

  _caucus_calendar_page_today_date (self, &self->date);
  if (self->agenda != NULL && self->agenda_view != NULL)
    {
      g_autoptr(GDateTime) now = caucus_calendar_context_now (self->ctx);
      g_autoptr(GDateTime) day_ago = g_date_time_add_hours (now, -12);
      g_autofree char *from = caucus_time_format_instant (day_ago);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
      guint position = _caucus_calendar_page_agenda_position_at (self, from);

      if (n > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->agenda_view), "list.scroll-to-item", "u",
                                    MIN (position, n - 1));
    }
  _caucus_calendar_page_show_view (self, gtk_stack_get_visible_child_name (self->views));
}

void
_caucus_calendar_page_step_cb (CaucusCalendarPage *self,
         GtkButton          *button)
{
  int direction = button == self->next_button ? 1 : -1;

  if (!g_date_valid (&self->date))
    _caucus_calendar_page_today_date (self, &self->date);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->views), "month") == 0)
    {
      g_date_set_day (&self->date, 1);
      if (direction > 0)
        g_date_add_months (&self->date, 1);
      else
        g_date_subtract_months (&self->date, 1);
    }
  else if (direction > 0)
    g_date_add_days (&self->date, 1);
  else
    g_date_subtract_days (&self->date, 1);
  _caucus_calendar_page_show_view (self, gtk_stack_get_visible_child_name (self->views));
}

/* Day view ---------------------------------------------------------------------------- */

static void
set_day_filters (CaucusCalendarPage *self,
                 CaucusDocumentList *list,
                 const char         *from,
                 const char         *to)
{
  caucus_document_list_set_filter (list, "ref_id", self->conference_id);
  caucus_document_list_set_filter (list, "kind", self->kind);
  caucus_document_list_set_filter (list, "tag", self->tag);
  caucus_document_list_set_filter (list, "search", caucus_page_get_search_text (CAUCUS_PAGE (self)));
  caucus_document_list_set_filter (list, "start_from", from);
  caucus_document_list_set_filter (list, "start_to", to);
}

static void
event_row_activated_cb (AdwActionRow       *row,
                        CaucusCalendarPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "event-id");

  if (id != NULL)
    caucus_calendar_page_show_event (self, id);
}

static int
compare_rooms_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

void
_caucus_calendar_page_build_day (CaucusCalendarPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) groups = NULL;
  GtkWidget *box;
  guint n;

  g_ptr_array_set_size (self->day_rooms, 0);
  if (self->probe == NULL || !g_date_valid (&self->date))
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);

  if (!caucus_calendar_day_range (&self->date, _caucus_calendar_page_view_zone (self), &from, &to, &error))
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      gtk_scrolled_window_set_child (self->day_scroller, box);
      return;
    }

  set_day_filters (self, self->probe, from, to);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->probe)), DAY_MAX_EVENTS);
  groups = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) document = g_list_model_get_item (G_LIST_MODEL (self->probe), i);
      JsonObject *event;
      CaucusEventTexts texts = { 0 };
      JsonNode *location;
      const char *room = NULL;
      AdwPreferencesGroup *group;
      GtkWidget *row;
      GtkWidget *star;
      g_autofree char *subtitle = NULL;

      if (document == NULL)
        continue;
      event = caucus_document_peek_json (document);
      location = json_object_get_member (event, "location");
      if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
        {
          JsonObject *object = json_node_get_object (location);

          if (json_object_has_member (object, "room"))
            room = json_object_get_string_member (object, "room");
        }
      if (room == NULL || *room == '\0')
        room = _("No room");

      group = g_hash_table_lookup (groups, room);
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          g_autofree char *escaped = g_markup_escape_text (room, -1);

          /* group titles are markup; room names come from feeds */
          adw_preferences_group_set_title (group, escaped);
          g_ptr_array_add (self->day_rooms, g_strdup (room));
          g_hash_table_insert (groups, (gpointer) g_ptr_array_index (self->day_rooms, self->day_rooms->len - 1),
                               group);
        }

      caucus_event_texts_compute (self->ctx, event, &texts);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), texts.title);
      subtitle = texts.secondary != NULL
        ? g_strdup_printf ("%s%s%s · %s", texts.time, texts.day_mark != NULL ? " " : "",
                           texts.day_mark != NULL ? texts.day_mark : "", texts.secondary)
        : g_strdup_printf ("%s%s%s", texts.time, texts.day_mark != NULL ? " " : "",
                           texts.day_mark != NULL ? texts.day_mark : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "event-id",
                              g_strdup (caucus_document_get_id (document)), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (event_row_activated_cb), self);
      if (caucus_following_contains (self->ctx->following, caucus_document_get_id (document)))
        {
          star = gtk_image_new_from_icon_name ("starred-symbolic");
          gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Followed"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), star);
        }
      adw_preferences_group_add (group, row);
      caucus_event_texts_clear (&texts);
    }

  if (self->day_rooms->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing This Day"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Use the arrows to go to another day, or the month view to find one with events."));
      gtk_box_append (GTK_BOX (box), status);
    }
  else
    {
      /* rooms in name order, each group keeping its events in start order */
      g_autoptr(GPtrArray) sorted = g_ptr_array_copy (self->day_rooms, (GCopyFunc) g_strdup, NULL);

      g_ptr_array_set_free_func (sorted, g_free);
      g_ptr_array_sort (sorted, compare_rooms_cb);
      for (guint i = 0; i < sorted->len; i++)
        gtk_box_append (GTK_BOX (box), g_hash_table_lookup (groups, g_ptr_array_index (sorted, i)));
      g_ptr_array_set_size (self->day_rooms, 0);
      for (guint i = 0; i < sorted->len; i++)
        g_ptr_array_add (self->day_rooms, g_strdup (g_ptr_array_index (sorted, i)));
    }

  {
    AdwClamp *clamp = ADW_CLAMP (adw_clamp_new ());

    adw_clamp_set_maximum_size (clamp, 900);
    adw_clamp_set_child (clamp, box);
    gtk_scrolled_window_set_child (self->day_scroller, GTK_WIDGET (clamp));
  }
}

static void
month_day_clicked_cb (GtkButton          *button,
                      CaucusCalendarPage *self)
{
  GDate *date = g_object_get_data (G_OBJECT (button), "date");

  self->date = *date;
  caucus_calendar_page_set_view (self, "day");
}

void
_caucus_calendar_page_build_month (CaucusCalendarPage *self)
{
  GtkWidget *grid;
  GDate first, cell;
  int lead;
  const char *zone = _caucus_calendar_page_view_zone (self);
  guint month;

  memset (self->month_counts, 0, sizeof self->month_counts);
  if (self->probe == NULL || !g_date_valid (&self->date))
    return;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (&self->date), g_date_get_year (&self->date));
  month = g_date_get_month (&first);
  /* weeks start on Monday (ISO 8601) */
  lead = (int) g_date_get_weekday (&first) - (int) G_DATE_MONDAY;
  cell = first;
  g_date_subtract_days (&cell, (guint) lead);

  grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), FALSE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_add_css_class (grid, "caucus-month");

  for (int column = 0; column < 7; column++)
    {
      GDate weekday = cell;
      char buffer[32];
      GtkWidget *label;

      g_date_add_days (&weekday, (guint) column);
      g_date_strftime (buffer, sizeof buffer, "%a", &weekday);
      label = gtk_label_new (buffer);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, column, 0, 1, 1);
    }

  for (int index = 0; index < 42; index++, g_date_add_days (&cell, 1))
    {
      GtkWidget *button, *box, *number;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *day_text = NULL;
      g_autofree char *accessible = NULL;
      guint n = 0;
      gboolean in_month = g_date_get_month (&cell) == month;

      if (index == 35 && !in_month)
        break;

      button = gtk_button_new ();
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caucus-month-day");
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_valign (box, GTK_ALIGN_START);
      day_text = g_strdup_printf ("%u", g_date_get_day (&cell));
      number = gtk_label_new (day_text);
      gtk_label_set_xalign (GTK_LABEL (number), 0.0f);
      gtk_widget_add_css_class (number, in_month ? "heading" : "dim-label");
      gtk_box_append (GTK_BOX (box), number);

      if (in_month && caucus_calendar_day_range (&cell, zone, &from, &to, NULL))
        {
          set_day_filters (self, self->probe, from, to);
          n = g_list_model_get_n_items (G_LIST_MODEL (self->probe));
          self->month_counts[g_date_get_day (&cell)] = n;
          for (guint i = 0; i < MIN (n, MONTH_TITLES); i++)
            {
              /* the index's summary: the title without loading the document */
              g_autoptr(CaucusDocumentSummary) summary = caucus_document_list_get_summary (self->probe, i);
              g_autofree char *text = NULL;
              GtkWidget *title;

              if (summary == NULL)
                continue;
              text = g_strdup_printf ("• %s", *caucus_document_summary_get_name (summary) != '\0'
                                                ? caucus_document_summary_get_name (summary)
                                                : caucus_document_summary_get_id (summary));
              title = gtk_label_new (text);
              gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
              gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
              gtk_label_set_width_chars (GTK_LABEL (title), 1);
              gtk_widget_add_css_class (title, "caption");
              gtk_box_append (GTK_BOX (box), title);
            }
          if (n > MONTH_TITLES)
            {
              g_autofree char *more = g_strdup_printf (_("+%u more"), n - MONTH_TITLES);
              GtkWidget *label = gtk_label_new (more);

              gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
              gtk_widget_add_css_class (label, "caption");
              gtk_widget_add_css_class (label, "dim-label");
              gtk_box_append (GTK_BOX (box), label);
            }
        }

      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_size_request (button, 40, 72);
      accessible = g_strdup_printf (ngettext ("%s: %u event", "%s: %u events", n), day_text, n);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_object_set_data_full (G_OBJECT (button), "date", g_memdup2 (&cell, sizeof cell), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (month_day_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), button, index % 7, 1 + index / 7, 1, 1);
    }

  gtk_scrolled_window_set_child (self->month_scroller, grid);
}
