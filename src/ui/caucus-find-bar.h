/* caucus-find-bar.h — find and replace in a GtkSourceView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_FIND_BAR (caucus_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (CaucusFindBar, caucus_find_bar, CAUCUS, FIND_BAR, AdwBin)

/* Searches @view's buffer (set once). */
void          caucus_find_bar_set_view       (CaucusFindBar *self,
                                              GtkSourceView *view);
/* For binding "search-mode-enabled" to a toggle button. */
GtkSearchBar *caucus_find_bar_get_search_bar (CaucusFindBar *self);

G_END_DECLS
