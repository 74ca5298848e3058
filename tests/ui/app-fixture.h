/* app-fixture.h — what the display tests of the shell and the calendar share: the real
 * application, registered in a data folder of its own, and its windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-application.h"
#include "caucus-window.h"

G_BEGIN_DECLS

/* In place of g_test_init (see caucus_test_init_display, which makes the data folder
 * from @data_home_tmpl): the application, created and registered.  Returns it (owned by
 * the fixture until app_fixture_run returns). */
CaucusApplication *app_fixture_init        (int         *argc,
                                            char      ***argv,
                                            const char  *data_home_tmpl);
/* g_test_run; then the application and its data folder are dropped. */
int                app_fixture_run         (void);
/* The data folder app_fixture_init made (XDG_DATA_HOME). */
const char        *app_fixture_get_data_home (void);
/* A new main window, presented at @width × @height (unless @width is 0 or less) and
 * mapped. */
CaucusWindow      *app_fixture_open_window (int          width,
                                            int          height);

G_END_DECLS
