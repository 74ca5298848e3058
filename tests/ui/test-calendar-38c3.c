/* test-calendar-38c3.c — display tests of the Calendar page with a real feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 38C3 schedule (1,007 sessions, /work/shared/data/schedules/38c3.xml) imported into
 * the sample workspace: what the agenda, day and month views cost to build, a day picked
 * in the month view landing the keyboard on its first session, and a filter change that
 * keeps the agenda's place.
 */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <time.h>

#include "caucus-application.h"
#include "caucus-calendar-page.h"
#include "caucus-document-detail.h"
#include "caucus-document-list.h"
#include "caucus-following.h"
#include "caucus-formats.h"
#include "caucus-model-index.h"
#include "caucus-sample.h"
#include "caucus-window.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"
#include "calendar-fixture.h"

static CaucusApplication *app;

/* The real 38C3 feed (1,007 sessions): the views read only what they show.  Prints the
 * build times of the agenda's first screen, a congress day and the month. */
/* CPU time of this thread in µs: wall time says little on a machine shared by many builds. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
test_38c3_views (CalendarFixture *f, gconstpointer data)
{
  g_autofree char *feed = g_build_filename (g_getenv ("CAUCUS_SHARED_DIR"), "data", "schedules", "38c3.xml", NULL);
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rooms = NULL;
  CalendarCountWait wait = { f->page, 1007 };
  GDate date;
  gint64 started;
  double agenda_ms, day_ms, month_ms;

  g_assert_true (caucus_formats_import_file (caucus_application_get_store (app), feed, NULL, NULL,
                                             &report, &error));
  g_assert_no_error (error);

  /* the model's index catches up with the import first (not the view's cost) */
  caucus_calendar_page_set_filter (f->page, "conference", "event:38c3");
  caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the 38C3 sessions are listed");
  caucus_calendar_page_set_filter (f->page, "conference", NULL);
  caucus_test_iterate_ms (20);

  started = thread_cpu_us ();
  caucus_calendar_page_set_filter (f->page, "conference", "event:38c3");
  g_assert_cmpuint (g_list_model_get_n_items (caucus_calendar_page_get_agenda (f->page)), ==, 1007);
  /* the rows on screen are bound on the next frame */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  agenda_ms = (thread_cpu_us () - started) / 1000.0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 27, 12, 2024);
  caucus_calendar_page_set_view (f->page, "day");
  started = thread_cpu_us ();
  caucus_calendar_page_show_date (f->page, &date);
  day_ms = (thread_cpu_us () - started) / 1000.0;
  rooms = caucus_calendar_page_dup_day_rooms (f->page);
  g_assert_true (g_strv_contains ((const char * const *) rooms, "Saal 1"));
  g_assert_cmpuint (g_strv_length (rooms), >, 5);

  started = thread_cpu_us ();
  caucus_calendar_page_set_view (f->page, "month");
  month_ms = (thread_cpu_us () - started) / 1000.0;
  /* the first congress day, cut in Europe/Berlin */
  g_assert_cmpuint (caucus_calendar_page_get_month_count (f->page, 27), >, 100);
  g_assert_cmpuint (caucus_calendar_page_get_month_count (f->page, 1), ==, 0);

  g_test_message ("38C3, CPU time of the UI thread: agenda filtered and its first screen bound %.1f ms, day view (%u rooms) %.1f ms, month view %.1f ms",
                  agenda_ms, g_strv_length (rooms), day_ms, month_ms);
  g_printerr ("# 38C3 (UI thread CPU): agenda %.1f ms, day view %.1f ms, month view %.1f ms\n", agenda_ms, day_ms, month_ms);
  caucus_calendar_page_set_view (f->page, "agenda");
}

/* The 38C3 schedule in the store (imported once; a second import changes nothing). */
static void
ensure_38c3 (CalendarFixture *f)
{
  g_autofree char *feed = g_build_filename (g_getenv ("CAUCUS_SHARED_DIR"), "data", "schedules", "38c3.xml", NULL);
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_formats_import_file (caucus_application_get_store (app), feed, NULL, NULL,
                                             &report, &error));
  g_assert_no_error (error);
  calendar_fixture_show_conference (f, "event:38c3", 1007);
}

static CaucusEventRow *
focused_event_row (CalendarFixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  if (focus == NULL)
    return NULL;
  if (CAUCUS_IS_EVENT_ROW (focus))
    return CAUCUS_EVENT_ROW (focus);
  /* a list item has the focus; the row is its child */
  for (GtkWidget *child = gtk_widget_get_first_child (focus); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CAUCUS_IS_EVENT_ROW (child))
      return CAUCUS_EVENT_ROW (child);
  return NULL;
}

static gboolean
event_row_focused (gpointer data)
{
  return focused_event_row (data) != NULL;
}

typedef struct {
  CalendarFixture *f;
  const char *old_first_id;
  const char *heading;
} NextDayWait;

/* The day view's top row shows @heading, and no row on screen shows the old day's first
 * event. */
static gboolean
next_day_shown (gpointer data)
{
  NextDayWait *wait = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CaucusEventRow *top = NULL;
  double top_y = G_MAXDOUBLE;

  caucus_test_find_mapped (GTK_WIDGET (wait->f->page), CAUCUS_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CaucusEventRow *row = g_ptr_array_index (rows, i);
      GtkWidget *grid = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_GRID_VIEW);
      double x, y;

      /* the day view's grid: the agenda's is not mapped while the day is shown */
      if (grid == NULL || !gtk_widget_get_mapped (grid) ||
          caucus_event_row_get_event_id (row) == NULL ||
          !gtk_widget_translate_coordinates (GTK_WIDGET (row), grid, 0, 0, &x, &y))
        continue;
      if (g_strcmp0 (caucus_event_row_get_event_id (row), wait->old_first_id) == 0)
        return FALSE;
      if (y < top_y)
        {
          top_y = y;
          top = row;
        }
    }
  return top != NULL && g_strcmp0 (caucus_event_row_get_text (top, "day"), wait->heading) == 0;
}

/* A day picked in the Month view: the keyboard lands on the day's first session (under its
 * room's heading), and Return opens it; an empty day leaves the focus on the Day button. */
static void
test_month_day_focus (CalendarFixture *f, gconstpointer data)
{
  g_auto(GStrv) rooms = NULL;
  CaucusEventRow *row;
  GtkWidget *focus;
  GDate date;

  ensure_38c3 (f);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 27, 12, 2024);
  caucus_calendar_page_show_date (f->page, &date);
  caucus_calendar_page_set_view (f->page, "month");
  caucus_test_iterate_ms (50);

  g_assert_true (caucus_calendar_page_activate_month_day (f->page, 27));
  g_assert_cmpstr (caucus_calendar_page_get_view (f->page), ==, "day");
  caucus_test_wait_until (event_row_focused, f, 20, "a session of the day has the keyboard focus");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_false (GTK_IS_SCROLLED_WINDOW (focus));
  row = focused_event_row (f);
  rooms = caucus_calendar_page_dup_day_rooms (f->page);
  g_assert_cmpuint (g_strv_length (rooms), ==, 53);
  g_assert_cmpuint (caucus_calendar_page_get_day_n_events (f->page), ==, 227);
  /* the first row of the first room, with the room as its heading */
  g_assert_cmpstr (caucus_event_row_get_text (row, "day"), ==, rooms[0]);
  g_assert_nonnull (caucus_event_row_get_event_id (row));

  /* Return on the focused row opens the session */
  {
    g_autofree char *id = g_strdup (caucus_event_row_get_event_id (row));

    /* what Return does on a list item (its key binding's signal) */
    g_assert_nonnull (g_signal_lookup ("activate-keybinding", G_OBJECT_TYPE (focus)));
    g_signal_emit_by_name (focus, "activate-keybinding");
    g_assert_cmpstr (caucus_calendar_page_get_view (f->page), ==, "event");
    g_test_message ("opened %s from the keyboard", id);
  }

  /* the next day in the same rows (GTK keeps them; they show their position's new event) */
  {
    g_autofree char *first_id = g_strdup (caucus_event_row_get_event_id (row));
    g_auto(GStrv) next_rooms = NULL;
    NextDayWait wait = { f, first_id, NULL };

    g_date_add_days (&date, 1);
    caucus_calendar_page_set_view (f->page, "day");
    caucus_calendar_page_show_date (f->page, &date);
    next_rooms = caucus_calendar_page_dup_day_rooms (f->page);
    g_assert_cmpuint (g_strv_length (next_rooms), >, 5);
    wait.heading = next_rooms[0];
    caucus_test_wait_until (next_day_shown, &wait, 20, "the day view shows 28 December's first room");
  }

  /* a day without sessions: the focus stays in the page's bar, on the Day button */
  caucus_calendar_page_set_view (f->page, "month");
  caucus_test_iterate_ms (50);
  g_assert_true (caucus_calendar_page_activate_month_day (f->page, 1));
  caucus_test_iterate_ms (50);
  g_assert_cmpuint (caucus_calendar_page_get_day_n_events (f->page), ==, 0);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));
  g_assert_cmpstr (caucus_calendar_page_get_view (f->page), ==, "day");
  caucus_calendar_page_set_view (f->page, "agenda");
}

/* The ids of the agenda rows on screen. */
static GPtrArray *
visible_agenda_ids (CalendarFixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *grids = g_ptr_array_new ();
  GtkWidget *agenda = NULL;
  double x, y;

  caucus_test_find_mapped (GTK_WIDGET (f->page), GTK_TYPE_GRID_VIEW, grids);
  for (guint i = 0; i < grids->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (grids, i), "caucus-agenda"))
      agenda = g_ptr_array_index (grids, i);
  g_ptr_array_unref (grids);
  g_assert_nonnull (agenda);
  caucus_test_find_mapped (agenda, CAUCUS_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (caucus_event_row_get_event_id (CAUCUS_EVENT_ROW (row)) == NULL ||
          !gtk_widget_translate_coordinates (row, agenda, 0, 0, &x, &y))
        continue;
      if (y + gtk_widget_get_height (row) > 0 && y < gtk_widget_get_height (agenda))
        g_ptr_array_add (ids, g_strdup (caucus_event_row_get_event_id (CAUCUS_EVENT_ROW (row))));
    }
  return ids;
}

static char *
agenda_id (CalendarFixture *f,
           guint            position)
{
  g_autoptr(CaucusDocument) document = g_list_model_get_item (caucus_calendar_page_get_agenda (f->page), position);

  g_assert_nonnull (document);
  return g_strdup (caucus_document_get_id (document));
}

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

typedef struct {
  CalendarFixture *f;
  const char *id;
} OnScreen;

static gboolean
row_on_screen (gpointer data)
{
  OnScreen *wait = data;
  g_autoptr(GPtrArray) ids = visible_agenda_ids (wait->f);

  return ids_contain (ids, wait->id);
}

/* Waits until the agenda shows @id's row (the rows are bound on the next frames). */
static void
wait_on_screen (CalendarFixture *f,
                const char      *id)
{
  OnScreen wait = { f, id };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!row_on_screen (&wait))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s is on screen: the agenda lists %u rows and shows row %u first",
                 id, g_list_model_get_n_items (caucus_calendar_page_get_agenda (f->page)),
                 caucus_calendar_page_get_agenda_first_visible (f->page));
      caucus_test_iterate_ms (10);
    }
}

static gboolean
scrolled_down (gpointer data)
{
  CalendarFixture *f = data;
  guint first = caucus_calendar_page_get_agenda_first_visible (f->page);

  return first != GTK_INVALID_LIST_POSITION && first > 300;
}

/* A filter change keeps the reader's place: the first row on screen stays on screen when
 * the filter keeps it, else the first row starting at or after it is shown. */
static void
test_filter_keeps_place (CalendarFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *first_id = NULL;
  GtkWidget *grid;
  guint first;
  g_autoptr(GPtrArray) grids = g_ptr_array_new ();

  ensure_38c3 (f);
  caucus_calendar_page_set_filter (f->page, "conference", NULL);
  caucus_test_iterate_ms (50);
  caucus_test_find_mapped (GTK_WIDGET (f->page), GTK_TYPE_GRID_VIEW, grids);
  grid = NULL;
  for (guint i = 0; i < grids->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (grids, i), "caucus-agenda"))
      grid = g_ptr_array_index (grids, i);
  g_assert_nonnull (grid);

  /* the reader has scrolled to the 400th session (the third congress day) */
  gtk_widget_activate_action (grid, "list.scroll-to-item", "u", 400);
  caucus_test_wait_until (scrolled_down, f, 20, "the agenda is scrolled to its 400th row");
  caucus_test_iterate_ms (100);
  first = caucus_calendar_page_get_agenda_first_visible (f->page);
  g_assert_cmpuint (first, >, 300);
  first_id = agenda_id (f, first);
  before = visible_agenda_ids (f);
  g_assert_true (ids_contain (before, first_id));

  /* a filter that keeps the row: the same row is still on screen */
  caucus_calendar_page_set_filter (f->page, "kind", "session");
  wait_on_screen (f, first_id);
  caucus_test_iterate_ms (100);
  after = visible_agenda_ids (f);
  g_test_message ("first %u %s; after: %u rows on screen, first %u", first, first_id, after->len,
                  caucus_calendar_page_get_agenda_first_visible (f->page));
  g_assert_true (ids_contain (after, first_id));
  g_clear_pointer (&after, g_ptr_array_unref);

  caucus_calendar_page_set_filter (f->page, "conference", "event:38c3");
  wait_on_screen (f, first_id);

  /* and back to everything, two changes before a frame: still there, not at the top */
  caucus_calendar_page_set_filter (f->page, "kind", NULL);
  caucus_calendar_page_set_filter (f->page, "conference", NULL);
  wait_on_screen (f, first_id);
  caucus_test_iterate_ms (100);
  g_assert_cmpuint (caucus_calendar_page_get_agenda_first_visible (f->page), >, 300);

  /* a filter that drops the row: the agenda shows the first row starting at or after it */
  {
    g_autoptr(CaucusDocument) kept = g_list_model_get_item (caucus_calendar_page_get_agenda (f->page),
                                                            caucus_calendar_page_get_agenda_first_visible (f->page));
    JsonObject *event = caucus_document_peek_json (kept);
    g_autofree char *start = g_strdup (json_object_get_string_member (event, "start"));
    JsonArray *tags = json_object_has_member (event, "tags") ? json_object_get_array_member (event, "tags") : NULL;
    g_autoptr(GPtrArray) values = caucus_model_index_list_values (caucus_application_get_model_index (app),
                                                                  "event", "tag", NULL);
    const char *tag = NULL;
    GListModel *agenda = caucus_calendar_page_get_agenda (f->page);
    g_autofree char *expected = NULL;
    guint n;

    for (guint i = 0; values != NULL && i < values->len && tag == NULL; i++)
      {
        const char *value = ((CaucusValueCount *) g_ptr_array_index (values, i))->value;
        gboolean carried = FALSE;

        for (guint j = 0; tags != NULL && j < json_array_get_length (tags); j++)
          carried |= g_strcmp0 (json_array_get_string_element (tags, j), value) == 0;
        if (!carried)
          tag = value;
      }
    g_assert_nonnull (tag);
    caucus_calendar_page_set_filter (f->page, "tag", tag);
    n = g_list_model_get_n_items (agenda);
    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n && expected == NULL; i++)
      {
        g_autoptr(CaucusDocument) document = g_list_model_get_item (agenda, i);
        const char *other = json_object_get_string_member (caucus_document_peek_json (document), "start");

        if (i == n - 1 || g_strcmp0 (other, start) >= 0)
          expected = g_strdup (caucus_document_get_id (document));
      }
    g_test_message ("tag %s: %u rows, expecting %s (start %s) on screen", tag, n, expected, start);
    wait_on_screen (f, expected);
    caucus_calendar_page_set_filter (f->page, "tag", NULL);
  }
  caucus_calendar_page_set_filter (f->page, "kind", NULL);
}

int
main (int   argc,
      char *argv[])
{
  app = calendar_fixture_init (&argc, &argv, "test-calendar-38c3-XXXXXX");

  g_test_add ("/calendar/38c3-views", CalendarFixture, NULL, calendar_fixture_setup, test_38c3_views, calendar_fixture_teardown);
  g_test_add ("/calendar/month-day-focus", CalendarFixture, NULL, calendar_fixture_setup, test_month_day_focus, calendar_fixture_teardown);
  g_test_add ("/calendar/filter-keeps-place", CalendarFixture, NULL, calendar_fixture_setup, test_filter_keeps_place, calendar_fixture_teardown);

  return app_fixture_run ();
}
