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
#include <string.h>

#include "caucus-calendar-page-private.h"
#include "caucus-calendar-time.h"
#include "caucus-document-summary.h"

#define DAY_MAX_EVENTS 600
#define MONTH_TITLES   3

/* Switching views and dates ---------------------------------------------------------- */

void
_caucus_calendar_page_show_view (CaucusCalendarPage *self,
           const char         *view)
{
  gtk_stack_set_visible_child_name (self->view_stack, "views");
  gtk_stack_set_visible_child_name (self->views, view);
  if (g_strcmp0 (view, "day") == 0 || g_strcmp0 (view, "month") == 0)
    {
      /* built now for the current filters and zone: a queued refresh need not again */
      self->views_dirty = FALSE;
      if (g_strcmp0 (view, "day") == 0)
        _caucus_calendar_page_build_day (self);
      else
        _caucus_calendar_page_build_month (self);
    }
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
      g_autoptr(JsonObject) event = _caucus_calendar_item_json (G_LIST_MODEL (self->agenda), middle);
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

/* The day view is a one-column GtkGridView over the day's events in room order (rooms in
 * name order, each room's events in start order); a row shows its room as a heading when
 * the room differs from the row before it.  Only the rows on screen exist (GTK 4.8's grid
 * view keeps ~30 per column, its list view 200): a busy conference day of 227 sessions in
 * 53 rooms used to build an AdwPreferencesGroup per room and an AdwActionRow per session
 * (1.1 s of the UI thread until its frame); now GTK makes the ~30 rows it keeps, recycled
 * when scrolling and from day to day, with the agenda's row widget (CaucusEventRow: texts
 * measured once). */

typedef struct {
  JsonObject *event;
  const char *room;           /* borrowed from the event's JSON or static */
  char *key;                  /* collation key of the room */
} DayEntry;

static int
compare_day_entries_cb (gconstpointer a,
                        gconstpointer b)
{
  const DayEntry *x = *(const DayEntry * const *) a;
  const DayEntry *y = *(const DayEntry * const *) b;

  return strcmp (x->key, y->key);
}

static void
day_entry_free (gpointer data)
{
  DayEntry *entry = data;

  g_clear_pointer (&entry->event, json_object_unref);
  g_free (entry->key);
  g_free (entry);
}

static const char *
day_heading_at (CaucusCalendarPage *self,
                guint               position)
{
  const char *room;

  if (position >= self->day_item_rooms->len)
    return NULL;
  room = g_ptr_array_index (self->day_item_rooms, position);
  if (position > 0 && g_strcmp0 (room, g_ptr_array_index (self->day_item_rooms, position - 1)) == 0)
    return NULL;
  return room;
}

static gboolean
focus_day_idle_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) widget = user_data;

  /* the list item around the row: focusing it moves the grid view's focus there */
  if (gtk_widget_get_mapped (widget))
    gtk_widget_grab_focus (widget);
  return G_SOURCE_REMOVE;
}

/* Shows the day's event at the list item's position in its row. */
static void
day_bind_item (CaucusCalendarPage *self,
               GtkListItem        *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  guint position = gtk_list_item_get_position (item);

  if (row == NULL || position >= self->day_events->len)
    return;
  caucus_event_row_set_event_with_heading (CAUCUS_EVENT_ROW (row), g_ptr_array_index (self->day_events, position),
                                           day_heading_at (self, position));
  /* a day picked in the month view: the keyboard continues on its first session */
  if (position == 0 && self->focus_day_pending && gtk_widget_get_parent (row) != NULL)
    {
      self->focus_day_pending = FALSE;
      g_idle_add_full (G_PRIORITY_HIGH_IDLE, focus_day_idle_cb,
                       g_object_ref (gtk_widget_get_parent (row)), NULL);
    }
}

static void
day_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CaucusCalendarPage       *self)
{
  gtk_list_item_set_child (item, caucus_event_row_new (self->ctx));
}

static void
day_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CaucusCalendarPage       *self)
{
  g_hash_table_add (self->day_bound, item);
  day_bind_item (self, item);
}

static void
day_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CaucusCalendarPage       *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->day_bound, item);
  if (row != NULL)
    caucus_event_row_set_event (CAUCUS_EVENT_ROW (row), NULL, FALSE);
}

static void
day_teardown_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CaucusCalendarPage       *self)
{
  g_hash_table_remove (self->day_bound, item);
}

static void
day_activate_cb (GtkGridView        *view,
                 guint               position,
                 CaucusCalendarPage *self)
{
  JsonObject *event = position < self->day_events->len ? g_ptr_array_index (self->day_events, position) : NULL;

  if (event != NULL && json_object_has_member (event, "_id"))
    caucus_calendar_page_show_event (self, json_object_get_string_member (event, "_id"));
}

static void
ensure_day_widgets (CaucusCalendarPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  if (self->day_view != NULL)
    return;
  /* The grid's items are placeholders, one per position, kept from day to day; what a
   * position shows is in day_events.  A new day changes only the number of items, and
   * the rows GTK has bound are given their new events in place: no row is released or
   * made for a new day of equal or smaller size (callgrind: GTK releasing and making the
   * ~30 rows of a new day was 51 M of the 274 M instructions of showing 27 December). */
  self->day_store = g_list_store_new (G_TYPE_OBJECT);
  self->day_events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->day_item_rooms = g_ptr_array_new_with_free_func (g_free);
  self->day_bound = g_hash_table_new (NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (day_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (day_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (day_unbind_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (day_teardown_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->day_store)));
  self->day_view = GTK_GRID_VIEW (g_object_ref_sink (gtk_grid_view_new (GTK_SELECTION_MODEL (selection), factory)));
  gtk_grid_view_set_max_columns (self->day_view, 1);
  gtk_grid_view_set_single_click_activate (self->day_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->day_view), "caucus-agenda");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sessions of the day by room"), -1);
  g_signal_connect (self->day_view, "activate", G_CALLBACK (day_activate_cb), self);

  self->day_list = g_object_ref_sink (adw_clamp_scrollable_new ());
  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (self->day_list), 900);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (self->day_list), GTK_WIDGET (self->day_view));

  self->day_empty = g_object_ref_sink (adw_status_page_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->day_empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->day_empty), _("Nothing This Day"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->day_empty),
                                   _("Use the arrows to go to another day, or the month view to find one with events."));
}

void
_caucus_calendar_page_clear_day (CaucusCalendarPage *self)
{
  if (self->day_view != NULL)
    gtk_grid_view_set_model (self->day_view, NULL);
  g_clear_object (&self->day_view);
  g_clear_object (&self->day_list);
  g_clear_object (&self->day_empty);
  g_clear_object (&self->day_store);
  g_clear_pointer (&self->day_bound, g_hash_table_unref);
  g_clear_pointer (&self->day_events, g_ptr_array_unref);
  g_clear_pointer (&self->day_item_rooms, g_ptr_array_unref);
}

static void
show_day_child (CaucusCalendarPage *self,
                GtkWidget          *child)
{
  if (gtk_scrolled_window_get_child (self->day_scroller) != child)
    gtk_scrolled_window_set_child (self->day_scroller, child);
}

/* Makes the grid list @n placeholders, adding or removing at the end only. */
static void
resize_day_store (CaucusCalendarPage *self,
                  guint               n)
{
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->day_store));

  if (n < old)
    g_list_store_splice (self->day_store, n, old - n, NULL, 0);
  else if (n > old)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = old; i < n; i++)
        g_ptr_array_add (added, g_object_new (G_TYPE_OBJECT, NULL));
      g_list_store_splice (self->day_store, old, 0, added->pdata, added->len);
    }
}

void
_caucus_calendar_page_build_day (CaucusCalendarPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GHashTableIter iter;
  gpointer item;
  guint n;

  g_ptr_array_set_size (self->day_rooms, 0);
  if (self->probe == NULL || !g_date_valid (&self->date))
    return;
  ensure_day_widgets (self);

  if (!caucus_calendar_day_range (&self->date, _caucus_calendar_page_view_zone (self), &from, &to, &error))
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->day_empty), error->message);
      g_ptr_array_set_size (self->day_events, 0);
      g_ptr_array_set_size (self->day_item_rooms, 0);
      resize_day_store (self, 0);
      show_day_child (self, self->day_empty);
      return;
    }

  set_day_filters (self, self->probe, from, to);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->probe)), DAY_MAX_EVENTS);
  entries = g_ptr_array_new_full (n, day_entry_free);

  for (guint i = 0; i < n; i++)
    {
      /* the stored body itself: the day's events are read once, for their rooms */
      const char *id = caucus_document_list_get_id (self->probe, i);
      JsonObject *event = id != NULL ? caucus_store_get (self->store, id, NULL, NULL) : NULL;
      JsonNode *location;
      const char *room = NULL;
      DayEntry *entry;

      if (event == NULL)
        continue;
      location = json_object_get_member (event, "location");
      if (location != NULL && JSON_NODE_HOLDS_OBJECT (location))
        {
          JsonObject *object = json_node_get_object (location);

          if (json_object_has_member (object, "room"))
            room = json_object_get_string_member (object, "room");
        }
      if (room == NULL || *room == '\0')
        room = _("No room");
      entry = g_new0 (DayEntry, 1);
      entry->event = event;
      entry->room = room;
      entry->key = g_utf8_collate_key (room, -1);
      g_ptr_array_add (entries, entry);
    }
  /* rooms in name order; a stable sort keeps each room's events in start order */
  g_ptr_array_sort (entries, compare_day_entries_cb);

  g_ptr_array_set_size (self->day_events, 0);
  g_ptr_array_set_size (self->day_item_rooms, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      DayEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (self->day_events, json_object_ref (entry->event));
      g_ptr_array_add (self->day_item_rooms, g_strdup (entry->room));
      if (i == 0 || strcmp (entry->key, ((DayEntry *) g_ptr_array_index (entries, i - 1))->key) != 0)
        g_ptr_array_add (self->day_rooms, g_strdup (entry->room));
    }
  resize_day_store (self, entries->len);
  /* the rows GTK kept show their position's new event */
  g_hash_table_iter_init (&iter, self->day_bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    day_bind_item (self, item);

  if (entries->len == 0)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->day_empty),
                                       _("Use the arrows to go to another day, or the month view to find one with events."));
      self->focus_day_pending = FALSE;
      show_day_child (self, self->day_empty);
      return;
    }
  show_day_child (self, self->day_list);
  /* a new day starts at its first room */
  gtk_widget_activate_action (GTK_WIDGET (self->day_view), "list.scroll-to-item", "u", 0);
}

guint
caucus_calendar_page_get_day_n_events (CaucusCalendarPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), 0);

  return self->day_store != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->day_store)) : 0;
}

static void
month_day_clicked_cb (GtkButton          *button,
                      CaucusCalendarPage *self)
{
  GDate *date = g_object_get_data (G_OBJECT (button), "date");

  self->date = *date;
  self->focus_day_pending = TRUE;
  caucus_calendar_page_set_view (self, "day");
  /* no session that day: the keyboard stays in the views' bar, on the Day button */
  if (caucus_calendar_page_get_day_n_events (self) == 0)
    {
      self->focus_day_pending = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->day_button));
    }
}

gboolean
caucus_calendar_page_activate_month_day (CaucusCalendarPage *self,
                                         guint               day_of_month)
{
  GtkWidget *grid;

  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), FALSE);

  grid = gtk_scrolled_window_get_child (self->month_scroller);
  if (GTK_IS_VIEWPORT (grid))
    grid = gtk_viewport_get_child (GTK_VIEWPORT (grid));
  for (GtkWidget *child = grid != NULL ? gtk_widget_get_first_child (grid) : NULL;
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GDate *date = g_object_get_data (G_OBJECT (child), "date");

      if (date != NULL && g_date_get_month (date) == g_date_get_month (&self->date) &&
          g_date_get_day (date) == day_of_month)
        {
          /* what a click ends in (a key's "activate" shows the press for 250 ms first) */
          g_signal_emit_by_name (child, "clicked");
          return TRUE;
        }
    }
  return FALSE;
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
