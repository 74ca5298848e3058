/* caucus-bench-calendar-ui.h — the display half of the calendar benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the application on a display, measures the Calendar page's frames on an empty
 * calendar and with @feed imported, prints them (BENCH lines) and returns the exit
 * status: 0 when every figure meets its target.  With @screenshot, it then writes the
 * window showing the conference's agenda there (PNG).  The window is @width pixels wide
 * (at least what its content needs), 768 high. */
int caucus_bench_calendar_ui_main (const char *feed,
                                   const char *my_zone,
                                   guint       rounds,
                                   const char *screenshot,
                                   int         width);

/* Removes @path and everything under it (the benchmark's own temporary folders). */
void caucus_bench_remove_tree (const char *path);

G_END_DECLS
