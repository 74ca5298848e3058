/* caucus-test-widgets.h — what the display tests share: GTK set up for tests, finding
 * widgets in a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* After g_test_init: the C.UTF-8 locale (GTK would otherwise take the environment's),
 * gtk_init, and no animations, so a test sees the end state of a transition at once. */
void       caucus_test_init_gtk     (void);

/* Whether @widget (a GtkWidget) is mapped: a CaucusTestCondition. */
gboolean   caucus_test_is_mapped    (gpointer    widget);

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
