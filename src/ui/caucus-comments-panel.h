/* caucus-comments-panel.h — comments anchored to passages, beside the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-anchor.h"

G_BEGIN_DECLS

typedef struct _CaucusStatementEditor CaucusStatementEditor;

#define CAUCUS_TYPE_COMMENTS_PANEL (caucus_comments_panel_get_type ())
G_DECLARE_FINAL_TYPE (CaucusCommentsPanel, caucus_comments_panel, CAUCUS, COMMENTS_PANEL, AdwBin)

void               caucus_comments_panel_set_editor   (CaucusCommentsPanel   *self,
                                                       CaucusStatementEditor *editor);
/* Reads the statement's comments again and finds their passages in the current text. */
void               caucus_comments_panel_reload       (CaucusCommentsPanel   *self);
/* Writes a comment on the passage selected in the editor. */
CaucusComment     *caucus_comments_panel_add          (CaucusCommentsPanel   *self,
                                                       const char            *body,
                                                       GError               **error);
guint              caucus_comments_panel_get_n_comments (CaucusCommentsPanel *self);
/* How comment @i (in the order listed) is anchored now; @passage (optional, new) is
 * the text it is attached to. */
CaucusAnchorMatch  caucus_comments_panel_get_match    (CaucusCommentsPanel   *self,
                                                       guint                  i,
                                                       char                 **passage);

G_END_DECLS
