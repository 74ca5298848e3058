/* caucus-statements-page.h — the Statements page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-page.h"
#include "caucus-model-index.h"
#include "caucus-statement-editor.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_STATEMENTS_PAGE (caucus_statements_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatementsPage, caucus_statements_page, CAUCUS, STATEMENTS_PAGE, CaucusPage)

GtkWidget             *caucus_statements_page_new             (void);
/* Lists the statements of @index (the application's, once the page is in a window). */
void                   caucus_statements_page_set_model_index (CaucusStatementsPage *self,
                                                               CaucusModelIndex     *index);
/* Selects @statement_id in the list and opens it in the editor. */
gboolean               caucus_statements_page_open            (CaucusStatementsPage *self,
                                                               const char           *statement_id,
                                                               GError              **error);
CaucusStatementEditor *caucus_statements_page_get_editor      (CaucusStatementsPage *self);
GListModel            *caucus_statements_page_get_list        (CaucusStatementsPage *self);

G_END_DECLS
