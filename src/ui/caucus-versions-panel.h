/* caucus-versions-panel.h — a statement's versions, and redlines between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document-types.h"

G_BEGIN_DECLS

typedef struct _CaucusStatementEditor CaucusStatementEditor;

#define CAUCUS_TYPE_VERSIONS_PANEL (caucus_versions_panel_get_type ())
G_DECLARE_FINAL_TYPE (CaucusVersionsPanel, caucus_versions_panel, CAUCUS, VERSIONS_PANEL, AdwBin)

void                    caucus_versions_panel_set_editor (CaucusVersionsPanel   *self,
                                                          CaucusStatementEditor *editor);
void                    caucus_versions_panel_reload     (CaucusVersionsPanel   *self);
/* Saves the text, then keeps it as a version named @name. */
CaucusStatementVersion *caucus_versions_panel_create     (CaucusVersionsPanel   *self,
                                                          const char            *name,
                                                          GError               **error);
/* The versions listed, oldest first (CaucusStatementVersion*, borrowed). */
GPtrArray              *caucus_versions_panel_get_versions (CaucusVersionsPanel *self);

G_END_DECLS
