/* test-calendar.c — display tests of the Calendar page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application and window under Xvfb with the sample workspace loaded
 * (caucus_sample_load) and checks what the agenda, the day and month views and the
 * event page show: Baku times with their offset, "my time" in New York and Auckland
 * (the US change of 4 November 2012 falls inside Best Bits), "+1 day" marks, following,
 * a deadline countdown for an injected "now", and an import through the async API.
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

static CaucusApplication *app;

typedef struct {
  CaucusWindow *window;
  CaucusCalendarPage *page;
} Fixture;

/* One window for every test: each test starts from a page with no filters, "my time"
 * off and the real clock. */
static CaucusWindow *shared_window;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  GSettings *settings = caucus_application_get_settings (app);

  g_settings_set_string (settings, "my-time-zone", "UTC");
  if (shared_window == NULL)
    {
      shared_window = caucus_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (shared_window), 1000, 800);
      gtk_window_present (GTK_WINDOW (shared_window));
      caucus_test_wait_until (caucus_test_is_mapped, shared_window, 20, "the window is mapped");
    }
  f->window = shared_window;
  g_assert_true (caucus_window_show_page (f->window, "calendar"));
  f->page = CAUCUS_CALENDAR_PAGE (caucus_window_get_page (f->window, "calendar"));
  caucus_test_wait_until (caucus_test_is_mapped, f->page, 20, "the calendar is shown");
  g_assert_nonnull (caucus_calendar_page_get_agenda (f->page));
  caucus_calendar_page_set_view (f->page, "agenda");
  caucus_calendar_page_set_my_time (f->page, FALSE);
  caucus_calendar_page_set_now (f->page, NULL);
  caucus_calendar_page_set_filter (f->page, "conference", NULL);
  caucus_calendar_page_set_filter (f->page, "kind", NULL);
  caucus_calendar_page_set_filter (f->page, "tag", NULL);
  caucus_test_iterate_ms (20);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  caucus_test_iterate_ms (20);
}

typedef struct {
  CaucusCalendarPage *page;
  guint n;
} CountWait;

static gboolean
agenda_has (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (caucus_calendar_page_get_agenda (wait->page)) == wait->n;
}

static void
show_conference (Fixture    *f,
                 const char *id,
                 guint       n_items)
{
  CountWait wait = { f->page, n_items };

  caucus_calendar_page_set_filter (f->page, "conference", id);
  caucus_test_wait_until (agenda_has, &wait, 20, "the conference's sessions are listed");
  caucus_test_iterate_ms (50);
}

static void
assert_row (Fixture    *f,
            guint       position,
            const char *day,
            const char *time,
            const char *mark,
            const char *secondary)
{
  CaucusEventTexts texts = { 0 };
  gboolean starts_day = FALSE;

  g_assert_true (caucus_calendar_page_get_agenda_texts (f->page, position, &texts, &starts_day));
  if (day != NULL)
    {
      g_assert_true (starts_day);
      g_assert_cmpstr (texts.day_title, ==, day);
    }
  else
    g_assert_false (starts_day);
  g_assert_cmpstr (texts.time, ==, time);
  g_assert_cmpstr (texts.day_mark, ==, mark);
  g_assert_cmpstr (texts.secondary, ==, secondary);
  caucus_event_texts_clear (&texts);
}

/* Best Bits: 4 sessions on Saturday 3, 5 on Sunday 4 November 2012, in Baku (UTC+4). */
static void
test_agenda_baku (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CaucusEventRow *first;

  show_conference (f, "event:best-bits-2012", 9);
  g_assert_cmpstr (caucus_calendar_page_get_view (f->page), ==, "agenda");

  assert_row (f, 0, "Saturday 3 November 2012", "09:00 (UTC+4)", NULL, "05:00 (UTC) your time");
  assert_row (f, 1, NULL, "11:00 (UTC+4)", NULL, "07:00 (UTC) your time");
  assert_row (f, 3, NULL, "16:00 (UTC+4)", NULL, "12:00 (UTC) your time");
  assert_row (f, 4, "Sunday 4 November 2012", "09:00 (UTC+4)", NULL, "05:00 (UTC) your time");
  assert_row (f, 8, NULL, "17:00 (UTC+4)", NULL, "13:00 (UTC) your time");

  /* …and on screen: the first row carries the day heading and the Baku time */
  caucus_test_find_mapped (GTK_WIDGET (f->page), CAUCUS_TYPE_EVENT_ROW, rows);
  g_assert_cmpuint (rows->len, >=, 4);
  first = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (caucus_event_row_get_text (first, "day"), ==, "Saturday 3 November 2012");
  g_assert_cmpstr (caucus_event_row_get_text (first, "time"), ==, "09:00 (UTC+4)");
  g_assert_cmpstr (caucus_event_row_get_text (first, "title"), ==, "Internet governance history and review");
  g_assert_null (caucus_event_row_get_text (g_ptr_array_index (rows, 1), "day"));

  /* the window's search bar narrows the agenda (the store's full-text index, titles and
   * descriptions: the two drafting streams and the session where they report back) */
  {
    CountWait wait = { f->page, 3 };
    GListModel *agenda = caucus_calendar_page_get_agenda (f->page);

    caucus_page_set_search_text (CAUCUS_PAGE (f->page), "drafting");
    caucus_test_wait_until (agenda_has, &wait, 20, "the search finds the drafting sessions");
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:wcit-drafting"), >=, 0);
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:igf-principles-drafting"), >=, 0);
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:report-back"), >=, 0);
    caucus_page_set_search_text (CAUCUS_PAGE (f->page), "");
    wait.n = 9;
    caucus_test_wait_until (agenda_has, &wait, 20, "clearing the search lists every session again");
  }
}

/* "My time" in New York: the US leaves summer time on Sunday 4 November 2012 at 06:00Z,
 * between the Best Bits sessions of that morning. */
static void
test_my_time (Fixture *f, gconstpointer data)
{
  GSettings *settings = caucus_application_get_settings (app);
  g_autoptr(JsonObject) session = NULL;

  show_conference (f, "event:best-bits-2012", 9);
  g_settings_set_string (settings, "my-time-zone", "America/New_York");
  caucus_test_iterate_ms (50);
  /* switch off: Baku first, New York beside it */
  assert_row (f, 0, "Saturday 3 November 2012", "09:00 (UTC+4)", NULL, "01:00 (UTC-4) your time");
  assert_row (f, 8, NULL, "17:00 (UTC+4)", NULL, "08:00 (UTC-5) your time");

  caucus_calendar_page_set_my_time (f->page, TRUE);
  caucus_test_iterate_ms (50);
  assert_row (f, 0, "Saturday 3 November 2012", "01:00 (UTC-4)", NULL, "09:00 (UTC+4) in Asia/Baku");
  assert_row (f, 4, "Sunday 4 November 2012", "01:00 (UTC-4)", NULL, "09:00 (UTC+4) in Asia/Baku");
  assert_row (f, 6, NULL, "05:00 (UTC-5)", NULL, "14:00 (UTC+4) in Asia/Baku");

  /* Auckland is a day ahead in the evening: 16:00 in Baku is 01:00 the next day */
  g_settings_set_string (settings, "my-time-zone", "Pacific/Auckland");
  caucus_test_iterate_ms (50);
  assert_row (f, 0, "Saturday 3 November 2012", "18:00 (UTC+13)", NULL, "09:00 (UTC+4) in Asia/Baku");
  assert_row (f, 3, "Sunday 4 November 2012", "01:00 (UTC+13)", "+1 day", "16:00 (UTC+4) in Asia/Baku");

  /* the instants did not move */
  session = caucus_store_get (caucus_application_get_store (app), "event:best-bits-2012:enhanced-cooperation", NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (session, "start"), ==, "2012-11-03T12:00:00Z");

  caucus_calendar_page_set_my_time (f->page, FALSE);
  g_settings_set_string (settings, "my-time-zone", "UTC");
  caucus_test_iterate_ms (50);
  assert_row (f, 3, NULL, "16:00 (UTC+4)", NULL, "12:00 (UTC) your time");

  /* "my time" that follows the device: a new system zone (what the /etc/localtime monitor
   * reports) is read fresh, not from GLib's cached local zone */
  g_settings_set_string (settings, "my-time-zone", "");
  g_setenv ("TZ", "Asia/Kathmandu", TRUE);
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (app), "caucus-reminders"), "system-zone-changed");
  caucus_test_iterate_ms (50);
  assert_row (f, 0, "Saturday 3 November 2012", "09:00 (UTC+4)", NULL, "10:45 (UTC+5:45) your time");
  g_unsetenv ("TZ");
  g_settings_set_string (settings, "my-time-zone", "UTC");
  caucus_test_iterate_ms (20);
}

static void
test_following (Fixture *f, gconstpointer data)
{
  CaucusStore *store = caucus_application_get_store (app);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(CaucusFollowing) reread = NULL;
  g_autoptr(JsonObject) local = NULL;
  CaucusEventRow *first;
  const char *id;

  show_conference (f, "event:best-bits-2012", 9);
  caucus_test_find_mapped (GTK_WIDGET (f->page), CAUCUS_TYPE_EVENT_ROW, rows);
  first = g_ptr_array_index (rows, 0);
  id = caucus_event_row_get_event_id (first);
  g_assert_cmpstr (id, ==, "event:best-bits-2012:ig-history");

  gtk_toggle_button_set_active (caucus_event_row_get_star (first), TRUE);
  g_assert_true (caucus_following_contains (caucus_following_get_for_store (store), id));

  /* stored in the local (never replicated) document, read back by a fresh reader */
  reread = caucus_following_new (store);
  g_assert_true (caucus_following_contains (reread, id));
  local = caucus_store_get_local (store, CAUCUS_FOLLOWING_LOCAL_ID, NULL);
  g_assert_nonnull (local);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (local, "event_ids"), 0), ==, id);

  /* the event page's star agrees */
  g_assert_true (caucus_calendar_page_show_event (f->page, id));
  caucus_test_iterate_ms (20);
  g_assert_cmpstr (caucus_calendar_page_get_view (f->page), ==, "event");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (caucus_test_find_named (GTK_WIDGET (f->page), "follow"))));

  /* a conference's organiser opens as the Directory shows people */
  {
    g_autoptr(GPtrArray) action_rows = g_ptr_array_new ();
    GtkWidget *organiser = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();
    CaucusDocumentDetail *detail = NULL;

    g_assert_true (caucus_calendar_page_show_event (f->page, "event:best-bits-2012"));
    caucus_test_iterate_ms (20);
    caucus_test_find_mapped (GTK_WIDGET (f->page), ADW_TYPE_ACTION_ROW, action_rows);
    for (guint i = 0; i < action_rows->len && organiser == NULL; i++)
      if (g_strcmp0 (g_object_get_data (g_ptr_array_index (action_rows, i), "person-id"), "person:jeremy-malcolm") == 0)
        organiser = g_ptr_array_index (action_rows, i);
    g_assert_nonnull (organiser);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (organiser)), ==, "Organiser · CI");
    g_signal_emit_by_name (organiser, "activated");
    caucus_test_iterate_ms (50);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && detail == NULL; i++)
      {
        g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
        g_autoptr(GPtrArray) found = g_ptr_array_new ();

        caucus_test_find_mapped (window, CAUCUS_TYPE_DOCUMENT_DETAIL, found);
        if (found->len > 0)
          {
            detail = g_ptr_array_index (found, 0);
            g_assert_cmpstr (caucus_document_get_id (caucus_document_detail_get_document (detail)), ==,
                             "person:jeremy-malcolm");
            gtk_window_destroy (GTK_WINDOW (window));
          }
      }
    g_assert_nonnull (detail);
  }
}

/* The WCIT input deadline: 23:59 in Zurich on 23 November 2012 (22:59Z). */
static void
test_countdown (Fixture *f, gconstpointer data)
{
  CountWait wait = { f->page, 2 };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2012, 11, 20, 12, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2012, 11, 23, 23, 30, 0);
  CaucusEventTexts texts = { 0 };
  gboolean found = FALSE;

  caucus_calendar_page_set_now (f->page, now);
  caucus_calendar_page_set_filter (f->page, "kind", "deadline");
  caucus_test_wait_until (agenda_has, &wait, 20, "the sample's deadlines are listed");

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (caucus_calendar_page_get_agenda_texts (f->page, i, &texts, NULL));
      if (g_strcmp0 (texts.title, "Civil society input to national WCIT delegations") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (texts.countdown, ==, "in 3 days");
          g_assert_cmpstr (texts.time, ==, "23:59 (UTC+1)");
          g_assert_cmpstr (texts.subtitle, ==, "Deadline · open · Access · CDT");
          caucus_event_texts_clear (&texts);
          /* 23:30Z on the 23rd is already the 24th in Zurich */
          caucus_calendar_page_set_now (f->page, after);
          g_assert_true (caucus_calendar_page_get_agenda_texts (f->page, i, &texts, NULL));
          g_assert_cmpstr (texts.countdown, ==, "1 day overdue");
        }
      else
        /* the OEWG accreditation deadline is done: no countdown */
        g_assert_null (texts.countdown);
      caucus_event_texts_clear (&texts);
    }
  g_assert_true (found);
  caucus_calendar_page_set_now (f->page, NULL);
}

static void
test_day_and_month (Fixture *f, gconstpointer data)
{
  GDate date;
  g_auto(GStrv) rooms = NULL;

  show_conference (f, "event:best-bits-2012", 9);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, 11, 2012);
  caucus_calendar_page_set_view (f->page, "day");
  caucus_calendar_page_show_date (f->page, &date);
  rooms = caucus_calendar_page_dup_day_rooms (f->page);
  g_assert_cmpuint (g_strv_length (rooms), ==, 1);
  g_assert_cmpstr (rooms[0], ==, "Main hall");

  caucus_calendar_page_set_view (f->page, "month");
  /* days cut in the conference's zone: 4 sessions on the 3rd, 5 on the 4th */
  g_assert_cmpuint (caucus_calendar_page_get_month_count (f->page, 3), ==, 4);
  g_assert_cmpuint (caucus_calendar_page_get_month_count (f->page, 4), ==, 5);
  g_assert_cmpuint (caucus_calendar_page_get_month_count (f->page, 5), ==, 0);
  /* the day's first titles, read from the index's summaries */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean found = FALSE;

    caucus_test_iterate_ms (20);
    caucus_test_find_mapped (GTK_WIDGET (f->page), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len && !found; i++)
      found = g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)),
                         "• Internet governance history and review") == 0;
    g_assert_true (found);
  }
  caucus_calendar_page_set_view (f->page, "agenda");
}

static gboolean
not_importing (gpointer data)
{
  return !caucus_calendar_page_get_importing (CAUCUS_CALENDAR_PAGE (data));
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("CAUCUS_SOURCE_DIR"), "tests", "formats", "fixtures", name, NULL);
}

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("minicon.xml");
  g_autofree char *changed_path = fixture_path ("minicon-changed.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) changed = g_file_new_for_path (changed_path);
  GtkWindow *dialog;
  CountWait wait = { f->page, 4 };
  CaucusEventTexts texts = { 0 };

  caucus_calendar_page_set_filter (f->page, "conference", "event:minicon24");
  caucus_calendar_page_import_file (f->page, file);
  g_assert_true (caucus_calendar_page_get_importing (f->page));
  caucus_test_wait_until (not_importing, f->page, 20, "the import finished");
  dialog = caucus_calendar_page_get_import_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Schedule Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "5 added"));
  gtk_window_destroy (dialog);
  /* the page follows the store: the new conference's sessions are in the agenda */
  caucus_test_wait_until (agenda_has, &wait, 20, "the imported sessions are listed");
  g_assert_true (caucus_calendar_page_get_agenda_texts (f->page, 0, &texts, NULL));
  g_assert_cmpstr (texts.title, ==, "Opening");
  g_assert_cmpstr (texts.time, ==, "10:00 (UTC+2)");
  g_assert_cmpstr (texts.subtitle, ==, "Saal 1 · Congress Centre");
  caucus_event_texts_clear (&texts);

  /* the changed feed: the room moves, a session is cancelled, one is added */
  caucus_calendar_page_import_file (f->page, changed);
  caucus_test_wait_until (not_importing, f->page, 20, "the second import finished");
  dialog = caucus_calendar_page_get_import_dialog (f->page);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1 cancelled"));
  gtk_window_destroy (dialog);
  wait.n = 5;
  caucus_test_wait_until (agenda_has, &wait, 20, "the added session is listed");
  caucus_test_iterate_ms (50);
  g_assert_true (caucus_calendar_page_get_agenda_texts (f->page, 0, &texts, NULL));
  g_assert_cmpstr (texts.subtitle, ==, "Saal G · Congress Centre");
  caucus_event_texts_clear (&texts);

  /* a malformed file: an error naming the line, nothing written */
  {
    g_autofree char *bad_path = fixture_path ("truncated.xml");
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    caucus_calendar_page_import_file (f->page, bad);
    caucus_test_wait_until (not_importing, f->page, 20, "the failed import finished");
    dialog = caucus_calendar_page_get_import_dialog (f->page);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "The Schedule Was Not Imported");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "line"));
    gtk_window_destroy (dialog);
    g_assert_cmpuint (g_list_model_get_n_items (caucus_calendar_page_get_agenda (f->page)), ==, 5);
  }
}

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
test_38c3_views (Fixture *f, gconstpointer data)
{
  g_autofree char *feed = g_build_filename (g_getenv ("CAUCUS_SHARED_DIR"), "data", "schedules", "38c3.xml", NULL);
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rooms = NULL;
  CountWait wait = { f->page, 1007 };
  GDate date;
  gint64 started;
  double agenda_ms, day_ms, month_ms;

  g_assert_true (caucus_formats_import_file (caucus_application_get_store (app), feed, NULL, NULL,
                                             &report, &error));
  g_assert_no_error (error);

  /* the model's index catches up with the import first (not the view's cost) */
  caucus_calendar_page_set_filter (f->page, "conference", "event:38c3");
  caucus_test_wait_until (agenda_has, &wait, 20, "the 38C3 sessions are listed");
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
ensure_38c3 (Fixture *f)
{
  g_autofree char *feed = g_build_filename (g_getenv ("CAUCUS_SHARED_DIR"), "data", "schedules", "38c3.xml", NULL);
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_formats_import_file (caucus_application_get_store (app), feed, NULL, NULL,
                                             &report, &error));
  g_assert_no_error (error);
  show_conference (f, "event:38c3", 1007);
}

static CaucusEventRow *
focused_event_row (Fixture *f)
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
  Fixture *f;
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
test_month_day_focus (Fixture *f, gconstpointer data)
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
visible_agenda_ids (Fixture *f)
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
agenda_id (Fixture *f,
           guint    position)
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
  Fixture *f;
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
wait_on_screen (Fixture    *f,
                const char *id)
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
  Fixture *f = data;
  guint first = caucus_calendar_page_get_agenda_first_visible (f->page);

  return first != GTK_INVALID_LIST_POSITION && first > 300;
}

/* A filter change keeps the reader's place: the first row on screen stays on screen when
 * the filter keeps it, else the first row starting at or after it is shown. */
static void
test_filter_keeps_place (Fixture *f, gconstpointer data)
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *workspace = NULL;
  int status;

  /* The application picks its workspace folder when it is created, before any test's
   * isolated folders exist: give it a fresh data folder of its own. */
  workspace = g_dir_make_tmp ("test-calendar-XXXXXX", &error);
  if (workspace == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", workspace, TRUE);

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (icon_dirs, g_build_filename (*dir, "icons", NULL));
  g_ptr_array_add (icon_dirs, NULL);
  g_content_type_set_mime_dirs (NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  caucus_test_init_gtk ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icon_dirs->pdata);

  app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  /* the first activation opens the workspace and a window, kept for the whole run */
  g_application_activate (G_APPLICATION (app));
  g_assert_nonnull (caucus_application_get_store (app));
  g_assert_true (g_str_has_prefix (caucus_application_get_workspace_dir (app), workspace));
  if (!caucus_sample_load (caucus_application_get_store (app), NULL, &error))
    g_error ("Could not load the sample: %s", error->message);

  g_test_add ("/calendar/agenda-baku", Fixture, NULL, fixture_setup, test_agenda_baku, fixture_teardown);
  g_test_add ("/calendar/my-time", Fixture, NULL, fixture_setup, test_my_time, fixture_teardown);
  g_test_add ("/calendar/following", Fixture, NULL, fixture_setup, test_following, fixture_teardown);
  g_test_add ("/calendar/countdown", Fixture, NULL, fixture_setup, test_countdown, fixture_teardown);
  g_test_add ("/calendar/day-and-month", Fixture, NULL, fixture_setup, test_day_and_month, fixture_teardown);
  g_test_add ("/calendar/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/calendar/38c3-views", Fixture, NULL, fixture_setup, test_38c3_views, fixture_teardown);
  g_test_add ("/calendar/month-day-focus", Fixture, NULL, fixture_setup, test_month_day_focus, fixture_teardown);
  g_test_add ("/calendar/filter-keeps-place", Fixture, NULL, fixture_setup, test_filter_keeps_place, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  caucus_test_remove_tree (workspace);
  return status;
}
