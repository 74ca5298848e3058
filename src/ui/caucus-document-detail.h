/* caucus-document-detail.h — an organisation or a person, and what they take part in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DOCUMENT_DETAIL (caucus_document_detail_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDocumentDetail, caucus_document_detail, CAUCUS, DOCUMENT_DETAIL, GtkBox)

GtkWidget      *caucus_document_detail_new          (void);
void            caucus_document_detail_set_index    (CaucusDocumentDetail *self,
                                                     CaucusModelIndex     *index);
/* Shows @document (NULL: nothing) and the lists it takes part in. */
void            caucus_document_detail_set_document (CaucusDocumentDetail *self,
                                                     CaucusDocument       *document);
CaucusDocument *caucus_document_detail_get_document (CaucusDocumentDetail *self);
/* The related lists shown: "people", "sessions", "signatures" (NULL when not shown). */
GListModel     *caucus_document_detail_get_related  (CaucusDocumentDetail *self,
                                                     const char           *which);
/* Shows the back button (the directory's leaflet is folded). */
void            caucus_document_detail_set_show_back (CaucusDocumentDetail *self,
                                                      gboolean              show_back);
/* The problems group (visible only for documents that failed validation). */
GtkWidget      *caucus_document_detail_get_problems_group (CaucusDocumentDetail *self);

G_END_DECLS
