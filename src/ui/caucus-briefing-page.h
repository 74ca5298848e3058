/* caucus-briefing-page.h — the Briefing Packs page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-model-index.h"
#include "caucus-pack-editor.h"
#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_BRIEFING_PAGE (caucus_briefing_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusBriefingPage, caucus_briefing_page, CAUCUS, BRIEFING_PAGE, CaucusPage)

GtkWidget        *caucus_briefing_page_new             (void);
/* The workspace the page lists packs of.  Without one, the page takes the application's
 * (caucus_application_get_model_index) when it is shown in a window. */
void              caucus_briefing_page_set_model_index (CaucusBriefingPage *self,
                                                        CaucusModelIndex   *index);
CaucusModelIndex *caucus_briefing_page_get_model_index (CaucusBriefingPage *self);
/* The list of packs (CaucusDocument items). */
GListModel       *caucus_briefing_page_get_packs       (CaucusBriefingPage *self);
/* Opens pack @pack_id in the editor. */
gboolean          caucus_briefing_page_open_pack       (CaucusBriefingPage *self,
                                                        const char         *pack_id,
                                                        GError            **error);
/* Writes a new pack for @event_id (every section) and opens it. */
gboolean          caucus_briefing_page_new_pack        (CaucusBriefingPage *self,
                                                        const char         *event_id,
                                                        GError            **error);
CaucusPackEditor *caucus_briefing_page_get_editor      (CaucusBriefingPage *self);

G_END_DECLS
