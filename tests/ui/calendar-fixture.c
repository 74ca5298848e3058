/* calendar-fixture.c — see calendar-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "app-fixture.h"
#include "calendar-fixture.h"
#include "caucus-sample.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"

static CaucusApplication *fixture_app;   /* app_fixture_init's */

/* One window for every test: each test starts from a page with no filters, "my time"
 * off and the real clock. */
static CaucusWindow *shared_window;

CaucusApplication *
calendar_fixture_init (int         *argc,
                       char      ***argv,
                       const char  *data_home_tmpl)
{
  g_autoptr(GError) error = NULL;

  fixture_app = app_fixture_init (argc, argv, data_home_tmpl);
  /* the first activation opens the workspace and a window, kept for the whole run */
  g_application_activate (G_APPLICATION (fixture_app));
  g_assert_nonnull (caucus_application_get_store (fixture_app));
  g_assert_true (g_str_has_prefix (caucus_application_get_workspace_dir (fixture_app),
                                   app_fixture_get_data_home ()));
  if (!caucus_sample_load (caucus_application_get_store (fixture_app), NULL, &error))
    g_error ("Could not load the sample: %s", error->message);
  return fixture_app;
}

void
calendar_fixture_setup (CalendarFixture *f, gconstpointer data)
{
  GSettings *settings = caucus_application_get_settings (fixture_app);

  g_settings_set_string (settings, "my-time-zone", "UTC");
  if (shared_window == NULL)
    {
      shared_window = caucus_window_new (fixture_app);
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

void
calendar_fixture_teardown (CalendarFixture *f, gconstpointer data)
{
  caucus_test_iterate_ms (20);
}

gboolean
calendar_fixture_agenda_has (gpointer data)
{
  CalendarCountWait *wait = data;

  return g_list_model_get_n_items (caucus_calendar_page_get_agenda (wait->page)) == wait->n;
}

void
calendar_fixture_show_conference (CalendarFixture *f,
                                  const char      *id,
                                  guint            n_items)
{
  CalendarCountWait wait = { f->page, n_items };

  caucus_calendar_page_set_filter (f->page, "conference", id);
  caucus_test_wait_until (calendar_fixture_agenda_has, &wait, 20, "the conference's sessions are listed");
  caucus_test_iterate_ms (50);
}
