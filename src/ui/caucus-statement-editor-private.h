/* caucus-statement-editor-private.h — what the editor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-comments-panel.h"
#include "caucus-find-bar.h"
#include "caucus-ledger-panel.h"
#include "caucus-redline-view.h"
#include "caucus-statement-editor.h"
#include "caucus-statement-saver.h"
#include "caucus-versions-panel.h"

G_BEGIN_DECLS

struct _CaucusStatementEditor
{
  AdwBin parent_instance;

  GtkEntry *title_entry;
  GtkDropDown *status_dropdown;
  GtkEntry *language_entry;
  GtkEntry *forum_entry;
  GtkLabel *deadline_label;
  GtkButton *undo_button;
  GtkButton *redo_button;
  GtkToggleButton *find_button;
  GtkToggleButton *preview_button;
  CaucusFindBar *find_bar;
  GtkToggleButton *panels_button;
  AdwFlap *flap;
  GtkStack *main_stack;
  GtkSourceView *source_view;
  GtkTextView *preview_view;
  GtkLabel *redline_title;
  GtkButton *redline_close_button;
  CaucusRedlineView *redline_view;
  GtkStack *side_stack;
  GtkToggleButton *comments_toggle;
  GtkToggleButton *versions_toggle;
  GtkToggleButton *sign_on_toggle;
  CaucusCommentsPanel *comments_panel;
  CaucusVersionsPanel *versions_panel;
  CaucusLedgerPanel *ledger_panel;
  GtkLabel *word_count_label;
  GtkLabel *save_label;

  CaucusModelIndex *index;
  CaucusStatement *statement;
  GtkSourceBuffer *buffer;
  char *who;
  char *saved_body;       /* the text as last written: the base of a merge */

  gboolean loading;       /* filling the widgets: no saves */
  gboolean dirty;         /* the text differs from what was last written */
  gint64 first_dirty;     /* monotonic time of the first unsaved change */
  guint save_source;
  guint count_source;
  guint count_generation; /* the word count asked for last */
  CaucusStatementSaver *saver;   /* writes autosaves on its worker thread */
  gboolean save_again;    /* an autosave came due while one was in flight */
  gint64 autosave_ui_usec;       /* main-thread CPU time of the last autosave */
  guint countdown_source;
  guint n_saves;
  GtkWindow *window;      /* weak: the window whose focus we follow */
};

static inline CaucusStore *
get_store (CaucusStatementEditor *self)
{
  return self->index != NULL ? caucus_model_index_get_store (self->index) : NULL;
}

/* caucus-statement-editor-autosave.c: autosave on the worker, the word count, typing. */
void _caucus_statement_editor_buffer_changed_cb (CaucusStatementEditor *self);
void _caucus_statement_editor_start_autosave    (CaucusStatementEditor *self);
void _caucus_statement_editor_update_word_count (CaucusStatementEditor *self);
/* Puts @text in the editor, the cursor where it was, without counting it as typing. */
void _caucus_statement_editor_replace_text      (CaucusStatementEditor *self,
                                                 const char            *text);
/* Counts a save and says "Saved at HH:MM:SS" in the footer. */
void _caucus_statement_editor_show_saved        (CaucusStatementEditor *self);

G_END_DECLS
