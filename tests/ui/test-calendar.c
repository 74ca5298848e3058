/* test-calendar.c — display tests of the Calendar page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application and window under Xvfb with the sample workspace loaded
 * (caucus_sample_load) and checks what the agenda, the day and month views and the
 * event page show: Baku times with their offset, "my time" in New York and Auckland
 * (the US change of 4 November 2012 falls inside Best Bits), "+1 day" marks, following,
 * a deadline countdown for an injected "now", and an import through the async API.
 * The real 38C3 feed is in test-calendar-38c3.c.
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

static void
assert_row (CalendarFixture *f,
            guint            position,
            const char      *day,
            const char      *time,
            const char      *mark,
            const char      *secondary)
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
test_agenda_baku (CalendarFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CaucusEventRow *first;

  calendar_fixture_show_conference (f, "event:best-bits-2012", 9);
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
    CalendarCountWait wait = { f->page, 3 };
    GListModel *agenda = caucus_calendar_page_get_agenda (f->page);

    caucus_page_set_search_text (CAUCUS_PAGE (f->page), "drafting");
    caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the search finds the drafting sessions");
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:wcit-drafting"), >=, 0);
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:igf-principles-drafting"), >=, 0);
    g_assert_cmpint (caucus_document_list_find (CAUCUS_DOCUMENT_LIST (agenda), "event:best-bits-2012:report-back"), >=, 0);
    caucus_page_set_search_text (CAUCUS_PAGE (f->page), "");
    wait.n = 9;
    caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "clearing the search lists every session again");
  }
}

/* "My time" in New York: the US leaves summer time on Sunday 4 November 2012 at 06:00Z,
 * between the Best Bits sessions of that morning. */
static void
test_my_time (CalendarFixture *f, gconstpointer data)
{
  GSettings *settings = caucus_application_get_settings (app);
  g_autoptr(JsonObject) session = NULL;

  calendar_fixture_show_conference (f, "event:best-bits-2012", 9);
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
test_following (CalendarFixture *f, gconstpointer data)
{
  CaucusStore *store = caucus_application_get_store (app);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(CaucusFollowing) reread = NULL;
  g_autoptr(JsonObject) local = NULL;
  CaucusEventRow *first;
  const char *id;

  calendar_fixture_show_conference (f, "event:best-bits-2012", 9);
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
test_countdown (CalendarFixture *f, gconstpointer data)
{
  CalendarCountWait wait = { f->page, 2 };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2012, 11, 20, 12, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2012, 11, 23, 23, 30, 0);
  CaucusEventTexts texts = { 0 };
  gboolean found = FALSE;

  caucus_calendar_page_set_now (f->page, now);
  caucus_calendar_page_set_filter (f->page, "kind", "deadline");
  caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the sample's deadlines are listed");

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
test_day_and_month (CalendarFixture *f, gconstpointer data)
{
  GDate date;
  g_auto(GStrv) rooms = NULL;

  calendar_fixture_show_conference (f, "event:best-bits-2012", 9);
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
test_import (CalendarFixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("minicon.xml");
  g_autofree char *changed_path = fixture_path ("minicon-changed.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) changed = g_file_new_for_path (changed_path);
  GtkWindow *dialog;
  CalendarCountWait wait = { f->page, 4 };
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
  caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the imported sessions are listed");
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
  caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the added session is listed");
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

int
main (int   argc,
      char *argv[])
{
  app = calendar_fixture_init (&argc, &argv, "test-calendar-XXXXXX");

  g_test_add ("/calendar/agenda-baku", CalendarFixture, NULL, calendar_fixture_setup, test_agenda_baku, calendar_fixture_teardown);
  g_test_add ("/calendar/my-time", CalendarFixture, NULL, calendar_fixture_setup, test_my_time, calendar_fixture_teardown);
  g_test_add ("/calendar/following", CalendarFixture, NULL, calendar_fixture_setup, test_following, calendar_fixture_teardown);
  g_test_add ("/calendar/countdown", CalendarFixture, NULL, calendar_fixture_setup, test_countdown, calendar_fixture_teardown);
  g_test_add ("/calendar/day-and-month", CalendarFixture, NULL, calendar_fixture_setup, test_day_and_month, calendar_fixture_teardown);
  g_test_add ("/calendar/import", CalendarFixture, NULL, calendar_fixture_setup, test_import, calendar_fixture_teardown);

  return app_fixture_run ();
}
