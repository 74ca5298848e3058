/* calendar-fixture.h — what test-calendar and test-calendar-38c3 share: the application
 * with the sample workspace loaded, and one window on the Calendar page for every test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "app-fixture.h"
#include "caucus-calendar-page.h"
#include "caucus-window.h"

G_BEGIN_DECLS

typedef struct {
  CaucusWindow *window;
  CaucusCalendarPage *page;
} CalendarFixture;

typedef struct {
  CaucusCalendarPage *page;
  guint n;
} CalendarCountWait;

/* app_fixture_init, then the application activated once (it opens its workspace in the
 * fresh data folder, and a window) with the sample workspace loaded.  Returns the
 * application; app_fixture_run runs the tests and drops it. */
CaucusApplication *calendar_fixture_init  (int         *argc,
                                           char      ***argv,
                                           const char  *data_home_tmpl);

/* g_test_add set-up and tear-down: the shared window on the Calendar page, in the agenda
 * view, with no filters, "my time" off (its zone UTC) and the real clock. */
void      calendar_fixture_setup           (CalendarFixture *f,
                                            gconstpointer    data);
void      calendar_fixture_teardown        (CalendarFixture *f,
                                            gconstpointer    data);
/* Whether the agenda lists exactly @data's n items: a CaucusTestCondition on a
 * CalendarCountWait. */
gboolean  calendar_fixture_agenda_has      (gpointer         data);
/* Filters the agenda to the conference @id and waits until it lists @n_items. */
void      calendar_fixture_show_conference (CalendarFixture *f,
                                            const char      *id,
                                            guint            n_items);

G_END_DECLS
