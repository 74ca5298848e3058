/* app-fixture.c — see app-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "app-fixture.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"

static CaucusApplication *fixture_app;
static char *data_home;

CaucusApplication *
app_fixture_init (int         *argc,
                  char      ***argv,
                  const char  *data_home_tmpl)
{
  data_home = caucus_test_init_display (argc, argv, data_home_tmpl);
  fixture_app = caucus_application_new ();
  caucus_test_register_app (G_APPLICATION (fixture_app));
  return fixture_app;
}

int
app_fixture_run (void)
{
  int status = g_test_run ();

  g_clear_object (&fixture_app);
  caucus_test_remove_tree (data_home);
  g_clear_pointer (&data_home, g_free);
  return status;
}

const char *
app_fixture_get_data_home (void)
{
  return data_home;
}

CaucusWindow *
app_fixture_open_window (int width,
                         int height)
{
  CaucusWindow *window = caucus_window_new (fixture_app);

  caucus_test_present_window (GTK_WINDOW (window), width, height);
  return window;
}
