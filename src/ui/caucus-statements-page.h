/* caucus-statements-page.h — the Statements page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_STATEMENTS_PAGE (caucus_statements_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatementsPage, caucus_statements_page, CAUCUS, STATEMENTS_PAGE, CaucusPage)

GtkWidget *caucus_statements_page_new (void);

G_END_DECLS
