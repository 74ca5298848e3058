/* caucus-directory-row.h — one organisation or person in the directory's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document.h"
#include "caucus-document-summary.h"
#include "caucus-summary-slots.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIRECTORY_ROW (caucus_directory_row_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDirectoryRow, caucus_directory_row, CAUCUS, DIRECTORY_ROW, GtkWidget)

GtkWidget      *caucus_directory_row_new          (void);
void            caucus_directory_row_set_document (CaucusDirectoryRow *self,
                                                   CaucusDocument     *document);
CaucusDocument *caucus_directory_row_get_document (CaucusDirectoryRow *self);
/* Shows what the list's index says about a document, without loading it. */
void            caucus_directory_row_set_summary  (CaucusDirectoryRow    *self,
                                                   CaucusDocumentSummary *summary);
/* Shows the summary of @slot's position and follows it when the position gets another
 * document (a list view keeps the row and the slot across a search). */
void            caucus_directory_row_set_slot     (CaucusDirectoryRow    *self,
                                                   CaucusSummarySlot     *slot);

G_END_DECLS
