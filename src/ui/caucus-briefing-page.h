/* caucus-briefing-page.h — the Briefing Packs page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_BRIEFING_PAGE (caucus_briefing_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusBriefingPage, caucus_briefing_page, CAUCUS, BRIEFING_PAGE, CaucusPage)

GtkWidget *caucus_briefing_page_new (void);

G_END_DECLS
