/* caucus-statement-editor.h — one statement: its text, versions, comments and sign-on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "caucus-document-types.h"
#include "caucus-model-index.h"
#include "caucus-statement-labels.h"

G_BEGIN_DECLS

/* Autosave: at most this long after the last keystroke, and never more than
 * CAUCUS_AUTOSAVE_MAX_WAIT_MS after the first unsaved one, even while typing goes on,
 * so a process killed outright loses at most the last second. */
#define CAUCUS_AUTOSAVE_QUIET_MS    700
#define CAUCUS_AUTOSAVE_MAX_WAIT_MS 900
/* The word count follows this long after typing pauses (counted on a worker thread). */
#define CAUCUS_WORD_COUNT_QUIET_MS  300

#define CAUCUS_TYPE_STATEMENT_EDITOR (caucus_statement_editor_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatementEditor, caucus_statement_editor, CAUCUS, STATEMENT_EDITOR, AdwBin)

GtkWidget        *caucus_statement_editor_new            (void);
void              caucus_statement_editor_set_index      (CaucusStatementEditor *self,
                                                          CaucusModelIndex      *index);
CaucusModelIndex *caucus_statement_editor_get_index      (CaucusStatementEditor *self);
/* Who edits (the updated_by of saves, the author of comments). */
const char       *caucus_statement_editor_get_who        (CaucusStatementEditor *self);

/* Saves what is pending in the statement shown, then shows @statement_id. */
gboolean          caucus_statement_editor_open           (CaucusStatementEditor *self,
                                                          const char            *statement_id,
                                                          GError               **error);
/* The statement shown (NULL for none); its body is the text as last saved. */
CaucusStatement  *caucus_statement_editor_get_statement  (CaucusStatementEditor *self);
GtkSourceBuffer  *caucus_statement_editor_get_buffer     (CaucusStatementEditor *self);
GtkSourceView    *caucus_statement_editor_get_view       (CaucusStatementEditor *self);
/* The text in the editor now (new). */
char             *caucus_statement_editor_dup_text       (CaucusStatementEditor *self);

/* Writes the text now if it changed since the last save. */
gboolean          caucus_statement_editor_save           (CaucusStatementEditor *self,
                                                          GError               **error);
/* How many times the text was written (for tests and the footer). */
guint             caucus_statement_editor_get_n_saves    (CaucusStatementEditor *self);
/* Main-thread CPU time of the last autosave in microseconds: handing the text to the
 * worker plus taking its result back (for the benchmark and tests). */
gint64            caucus_statement_editor_get_autosave_ui_usec (CaucusStatementEditor *self);

/* Shows the redline from version @from_id to version @to_id; NULL @to_id means the
 * current text. */
gboolean          caucus_statement_editor_show_redline   (CaucusStatementEditor *self,
                                                          const char            *from_id,
                                                          const char            *to_id,
                                                          GError               **error);
GtkWidget        *caucus_statement_editor_get_redline_view (CaucusStatementEditor *self);
GtkWidget        *caucus_statement_editor_get_comments_panel (CaucusStatementEditor *self);
GtkWidget        *caucus_statement_editor_get_versions_panel (CaucusStatementEditor *self);
GtkWidget        *caucus_statement_editor_get_ledger_panel   (CaucusStatementEditor *self);
/* Shows "comments", "versions" or "sign-on" beside the text. */
void              caucus_statement_editor_show_panel     (CaucusStatementEditor *self,
                                                          const char            *name);
/* Reloads the panels (after a version, a signature or a comment was written). */
void              caucus_statement_editor_reload_panels  (CaucusStatementEditor *self);
/* Shows @message in the footer (an error a person can act on). */
void              caucus_statement_editor_show_message   (CaucusStatementEditor *self,
                                                          const char            *message);

G_END_DECLS
