/* caucus-test-widgets.h — what the display tests share: GTK and the application set up
 * for tests, windows opened and closed, finding widgets in a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The whole start of a display test, in place of g_test_init: a fresh XDG_DATA_HOME made
 * from @data_home_tmpl ("…-XXXXXX"; the application picks its workspace folder when it is
 * created, before any test's isolated folders exist, so it must never see the user's own),
 * g_test_init with isolated folders, caucus_test_init_gtk, and the system's icon themes,
 * MIME database and GtkSourceView style schemes found again although isolation replaced
 * XDG_DATA_DIRS (without them icons are missing and GtkSourceView warns, and warnings are
 * fatal in tests).  Returns the data folder. */
char      *caucus_test_init_display (int         *argc,
                                     char      ***argv,
                                     const char  *data_home_tmpl);

/* Registers @app as a non-unique instance (so a test never talks to a running app);
 * fails the test when it cannot. */
void       caucus_test_register_app (GApplication *app);

/* After g_test_init: the C.UTF-8 locale (GTK would otherwise take the environment's),
 * gtk_init, and no animations, so a test sees the end state of a transition at once. */
void       caucus_test_init_gtk     (void);

/* Whether @widget (a GtkWidget) is mapped: a CaucusTestCondition. */
gboolean   caucus_test_is_mapped    (gpointer    widget);

/* The first toplevel window of @type (or a subtype); NULL when there is none. */
GtkWindow *caucus_test_find_toplevel       (GType       type);

/* Turns the main loop until a toplevel of @type is mapped, or until none is left; after
 * ten seconds the test fails with "Timed out waiting until @what". */
void       caucus_test_wait_toplevel_shown (GType       type,
                                            const char *what);
void       caucus_test_wait_toplevel_gone  (GType       type,
                                            const char *what);

/* Presents @window (at @width × @height unless @width is 0 or less) and waits until it
 * is mapped. */
void       caucus_test_present_window      (GtkWindow  *window,
                                            int         width,
                                            int         height);

/* Destroys @window and waits until no toplevel of its type is left. */
void       caucus_test_destroy_window      (GtkWindow  *window);

/* Adds to @found every mapped widget of @type in the tree below @root (@root included),
 * in depth-first order. */
void       caucus_test_find_mapped  (GtkWidget  *root,
                                     GType       type,
                                     GPtrArray  *found);

/* The first widget of @type below @root (@root included, mapped or not), depth first;
 * NULL when there is none. */
GtkWidget *caucus_test_find_type    (GtkWidget  *root,
                                     GType       type);

/* The first widget below @root (or @root) whose name (gtk_widget_set_name, the .ui id
 * is not enough) is @name; NULL when there is none. */
GtkWidget *caucus_test_find_named   (GtkWidget  *root,
                                     const char *name);

G_END_DECLS
