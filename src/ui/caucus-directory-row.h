/* caucus-directory-row.h — one organisation or person in the directory's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document.h"
#include "caucus-document-summary.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIRECTORY_ROW (caucus_directory_row_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDirectoryRow, caucus_directory_row, CAUCUS, DIRECTORY_ROW, GtkBox)

GtkWidget      *caucus_directory_row_new          (void);
void            caucus_directory_row_set_document (CaucusDirectoryRow *self,
                                                   CaucusDocument     *document);
CaucusDocument *caucus_directory_row_get_document (CaucusDirectoryRow *self);
/* Shows what the list's index says about a document, without loading it. */
void            caucus_directory_row_set_summary  (CaucusDirectoryRow    *self,
                                                   CaucusDocumentSummary *summary);

G_END_DECLS
