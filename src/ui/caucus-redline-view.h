/* caucus-redline-view.h — a redline between two texts, readable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_REDLINE_VIEW (caucus_redline_view_get_type ())
G_DECLARE_FINAL_TYPE (CaucusRedlineView, caucus_redline_view, CAUCUS, REDLINE_VIEW, AdwBin)

GtkWidget  *caucus_redline_view_new          (void);
/* Shows the changes from @old_text to @new_text: insertions underlined in green,
 * deletions struck through in red, and a summary of words added and removed. */
void        caucus_redline_view_set_texts    (CaucusRedlineView *self,
                                              const char        *old_text,
                                              const char        *new_text);
/* The redline shown, as Markdown with {++insert++}/{--delete--} marks (for copying). */
const char *caucus_redline_view_get_markdown (CaucusRedlineView *self);
const char *caucus_redline_view_get_summary  (CaucusRedlineView *self);

G_END_DECLS
