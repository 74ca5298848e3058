/* caucus-document-editor.h — the form that creates and edits organisations and people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DOCUMENT_EDITOR (caucus_document_editor_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDocumentEditor, caucus_document_editor, CAUCUS, DOCUMENT_EDITOR, GtkBox)

GtkWidget      *caucus_document_editor_new          (void);
void            caucus_document_editor_set_index    (CaucusDocumentEditor *self,
                                                     CaucusModelIndex     *index);
/* Starts editing a copy of @document, or a new document of @type ("org", "person")
 * when @document is NULL.  Nothing is written until the form is saved. */
void            caucus_document_editor_edit         (CaucusDocumentEditor *self,
                                                     CaucusDocument       *document,
                                                     const char           *type);
/* The copy being edited. */
CaucusDocument *caucus_document_editor_get_document (CaucusDocumentEditor *self);
/* The row editing @member ("name", "countries", "org_id", …), or NULL. */
GtkWidget      *caucus_document_editor_get_row      (CaucusDocumentEditor *self,
                                                     const char           *member);
/* The problem shown beside @member's row, or NULL when it shows none. */
const char     *caucus_document_editor_get_problem  (CaucusDocumentEditor *self,
                                                     const char           *member);
/* Sets the person's organisation as the chooser does (NULL: none). */
void            caucus_document_editor_set_org      (CaucusDocumentEditor *self,
                                                     const char           *org_id);
/* Reopens the form a previous session left unsaved; FALSE when there is none.  Every
 * change is kept in the store as it is typed, until the form is saved or cancelled. */
gboolean        caucus_document_editor_restore_draft (CaucusDocumentEditor *self);
gboolean        caucus_document_editor_get_can_save (CaucusDocumentEditor *self);
/* Validates and writes the document; emits "saved" with its id. */
gboolean        caucus_document_editor_save         (CaucusDocumentEditor *self,
                                                     GError              **error);

G_END_DECLS
