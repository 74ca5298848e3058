/* caucus-directory-page.h — the Directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-balance-view.h"
#include "caucus-document-detail.h"
#include "caucus-document-editor.h"
#include "caucus-document-list.h"
#include "caucus-filter-popover.h"
#include "caucus-model-index.h"
#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIRECTORY_PAGE (caucus_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDirectoryPage, caucus_directory_page, CAUCUS, DIRECTORY_PAGE, CaucusPage)

GtkWidget            *caucus_directory_page_new             (void);
/* The index to list from.  Without one, the page takes its application's when it is
 * put in a window. */
void                  caucus_directory_page_set_model_index (CaucusDirectoryPage *self,
                                                             CaucusModelIndex    *index);
/* "org" or "person": what the list shows. */
const char           *caucus_directory_page_get_doc_type    (CaucusDirectoryPage *self);
void                  caucus_directory_page_set_doc_type    (CaucusDirectoryPage *self,
                                                             const char          *type);
/* Shows the organisation or person @id in the detail pane. */
gboolean              caucus_directory_page_show_document   (CaucusDirectoryPage *self,
                                                             const char          *id);

/* The parts, for the window and the display tests. */
CaucusDocumentList   *caucus_directory_page_get_list          (CaucusDirectoryPage *self);
GtkGridView          *caucus_directory_page_get_list_view     (CaucusDirectoryPage *self);
/* The filter popover, its menus filled with the values in use as when it opens. */
CaucusFilterPopover  *caucus_directory_page_get_filter_popover (CaucusDirectoryPage *self);
CaucusDocumentDetail *caucus_directory_page_get_detail        (CaucusDirectoryPage *self);
CaucusDocumentEditor *caucus_directory_page_get_editor        (CaucusDirectoryPage *self);
CaucusBalanceView    *caucus_directory_page_get_balance_view  (CaucusDirectoryPage *self);
/* "none", "detail", "editor" or "balance". */
const char           *caucus_directory_page_get_pane          (CaucusDirectoryPage *self);

G_END_DECLS
