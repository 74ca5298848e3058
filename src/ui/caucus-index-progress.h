/* caucus-index-progress.h — the window shown while the workspace index is being built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_INDEX_PROGRESS (caucus_index_progress_get_type ())
G_DECLARE_FINAL_TYPE (CaucusIndexProgress, caucus_index_progress, CAUCUS, INDEX_PROGRESS, AdwApplicationWindow)

/* A window of @application's size (the main window's saved size) saying that the
 * workspace index is being updated; @workspace_name is shown in its title. */
CaucusIndexProgress *caucus_index_progress_new          (GtkApplication      *application,
                                                         const char          *workspace_name);
/* @done of @total documents read; @done == @total: the index is being finished. */
void                 caucus_index_progress_set_progress (CaucusIndexProgress *self,
                                                         guint64              done,
                                                         guint64              total);
/* The sentence the progress bar shows ("41,200 of 120,000 documents"). */
const char          *caucus_index_progress_get_text     (CaucusIndexProgress *self);

G_END_DECLS
