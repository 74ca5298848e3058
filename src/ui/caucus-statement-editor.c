/* caucus-statement-editor.c — one statement: its text, versions, comments and sign-on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calm Markdown editor (GtkSourceView: Markdown highlighting, soft wrap, a readable
 * measure through AdwClampScrollable, undo/redo, find and replace in caucus-find-bar.c)
 * with a preview
 * rendered by cmark on demand, the metadata above it and the panels beside it.
 *
 * Autosave writes the text through the model (a validated save of the statement) at
 * most CAUCUS_AUTOSAVE_QUIET_MS after typing stops and at most
 * CAUCUS_AUTOSAVE_MAX_WAIT_MS after the first unsaved keystroke on a worker thread with
 * its own store connection (caucus-statement-saver.c), and synchronously (after the
 * write in flight, if any) when the window loses focus or closes, when another statement
 * is opened and when the editor goes away.
 *
 * A keystroke costs the editor two timer re-arms: the word count (counted on a worker
 * thread) and the panels (comment anchors, sign-on states) wait until typing pauses. */
#include "caucus-statement-editor.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>

#include "caucus-comments-panel.h"
#include "caucus-diff3.h"
#include "caucus-find-bar.h"
#include "caucus-document-io.h"
#include "caucus-ledger-panel.h"
#include "caucus-markdown-preview.h"
#include "caucus-redline-view.h"
#include "caucus-redline.h"
#include "caucus-statement-labels.h"
#include "caucus-statement-saver.h"
#include "caucus-statement-versions.h"
#include "caucus-versions-panel.h"

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

G_DEFINE_FINAL_TYPE (CaucusStatementEditor, caucus_statement_editor, ADW_TYPE_BIN)

static CaucusStore *
get_store (CaucusStatementEditor *self)
{
  return self->index != NULL ? caucus_model_index_get_store (self->index) : NULL;
}

void
caucus_statement_editor_show_message (CaucusStatementEditor *self,
                                      const char            *message)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  gtk_label_set_label (self->save_label, message);
}

/* ---- autosave ------------------------------------------------------------------ */

static void
reload_text_panels (CaucusStatementEditor *self)
{
  caucus_comments_panel_reload (self->comments_panel);
  caucus_ledger_panel_reload (self->ledger_panel);
}

static gboolean autosave_cb (gpointer user_data);

/* CPU time of the calling thread: what the main thread spends, whatever the load. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The text changed: (re)arms the autosave, a quiet period capped by the longest wait
 * since the first unsaved change. */
static void
arm_autosave (CaucusStatementEditor *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms, delay;

  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->first_dirty = now;
      caucus_statement_editor_show_message (self, _("Editing…"));
    }
  waited_ms = (now - self->first_dirty) / 1000;
  delay = MIN (CAUCUS_AUTOSAVE_QUIET_MS, MAX (0, CAUCUS_AUTOSAVE_MAX_WAIT_MS - waited_ms));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add ((guint) delay, autosave_cb, self);
}

/* Puts @text in the editor, the cursor where it was, without counting it as typing. */
static void
replace_text (CaucusStatementEditor *self,
              const char            *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter cursor;
  int offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
  gtk_text_buffer_place_cursor (buffer, &cursor);
  self->loading = FALSE;
}

static void
show_saved (CaucusStatementEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *message = g_strdup_printf (_("Saved at %s"), time);

  self->n_saves++;
  caucus_statement_editor_show_message (self, message);
}

static void start_autosave (CaucusStatementEditor *self);

/* Main thread: the worker's write of @text finished. */
static void
autosave_done (CaucusStatement *saved,
               const char      *text,
               const char      *saved_text,
               const GError    *error,
               gpointer         user_data)
{
  CaucusStatementEditor *self = user_data;
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_usec ();
  gboolean merged_in = TRUE;

  if (self->buffer == NULL || self->statement == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      /* The text stays in the editor; tried again with the next keystroke or save. */
      self->dirty = TRUE;
      if (self->first_dirty == 0)
        self->first_dirty = start;
      caucus_statement_editor_show_message (self, message);
      return;
    }
  if (g_strcmp0 (caucus_document_get_id (CAUCUS_DOCUMENT (saved)),
                 caucus_document_get_id (CAUCUS_DOCUMENT (self->statement))) != 0)
    return;

  if (g_strcmp0 (saved_text, text) != 0)
    {
      /* Edits saved elsewhere were merged in: bring them into the editor together with
       * what was typed while the write was on its way. */
      g_autofree char *current = caucus_statement_editor_dup_text (self);
      g_autofree char *merged = NULL;

      if (g_strcmp0 (current, text) == 0)
        merged = g_strdup (saved_text);
      else if (!caucus_diff3_merge (text, current, saved_text, &merged, NULL))
        merged_in = FALSE;
      if (merged != NULL)
        {
          replace_text (self, merged);
          if (g_strcmp0 (merged, saved_text) != 0)
            arm_autosave (self);
        }
    }
  if (merged_in)
    {
      /* The worker's copy, as written, becomes the statement (no copy of 20,000 words on
       * this thread); nothing else keeps the old object beyond a call. */
      g_set_object (&self->statement, saved);
      g_free (self->saved_body);
      self->saved_body = g_strdup (saved_text);
    }
  else
    {
      /* What was typed meanwhile overlaps the merged edits: keep the revision we had,
       * so the next save meets the conflict again and keeps the stored text as a
       * version ("Changed elsewhere") before writing ours.  Nothing is lost. */
      g_free (self->saved_body);
      self->saved_body = g_strdup (text);
      arm_autosave (self);
    }
  show_saved (self);
  self->autosave_ui_usec += thread_cpu_usec () - cpu_start;

  if (self->dirty && self->save_again)
    start_autosave (self);
  else if (!self->dirty)
    reload_text_panels (self);   /* typing paused: anchors and sign-on states follow */
}

static CaucusStatementSaver *
get_saver (CaucusStatementEditor *self)
{
  CaucusStore *store = get_store (self);

  if (self->saver != NULL && caucus_statement_saver_get_store (self->saver) != store)
    {
      caucus_statement_saver_wait (self->saver);
      g_clear_object (&self->saver);
    }
  if (self->saver == NULL && store != NULL)
    self->saver = caucus_statement_saver_new (store);
  return self->saver;
}

/* Hands the text to the worker; the editor goes on at once. */
static void
start_autosave (CaucusStatementEditor *self)
{
  gint64 start = thread_cpu_usec ();
  CaucusStatementSaver *saver;
  char *text;

  if (!self->dirty || self->statement == NULL || self->buffer == NULL || (saver = get_saver (self)) == NULL)
    return;
  if (caucus_statement_saver_is_busy (saver))
    {
      self->save_again = TRUE;   /* when the write in flight lands */
      return;
    }
  self->save_again = FALSE;
  text = caucus_statement_editor_dup_text (self);
  self->dirty = FALSE;
  self->first_dirty = 0;
  if (g_strcmp0 (text, self->saved_body) == 0)
    {
      g_free (text);
      return;
    }
  caucus_statement_saver_start (saver, self->statement, self->saved_body, text, self->who,
                                autosave_done, self);
  self->autosave_ui_usec = thread_cpu_usec () - start;
}

static gboolean
autosave_cb (gpointer user_data)
{
  CaucusStatementEditor *self = user_data;

  self->save_source = 0;
  start_autosave (self);
  return G_SOURCE_REMOVE;
}

gint64
caucus_statement_editor_get_autosave_ui_usec (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), 0);
  return self->autosave_ui_usec;
}

static void
set_word_count (CaucusStatementEditor *self,
                guint                  n)
{
  g_autofree char *label = g_strdup_printf (g_dngettext (NULL, "%u word", "%u words", n), n);

  gtk_label_set_label (self->word_count_label, label);
}

static void
update_word_count (CaucusStatementEditor *self)
{
  g_autofree char *text = caucus_statement_editor_dup_text (self);

  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_generation++;   /* a count on its way is out of date */
  set_word_count (self, caucus_text_count_words (text));
}

static void
count_words_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_int (task, caucus_text_count_words (task_data));
}

static void
count_words_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (source);
  gssize n = g_task_propagate_int (G_TASK (result), NULL);

  if (GPOINTER_TO_UINT (user_data) == self->count_generation && self->buffer != NULL && n >= 0)
    set_word_count (self, (guint) n);
}

/* Typing paused: count the words of a copy of the text on a worker thread. */
static gboolean
count_words_cb (gpointer user_data)
{
  CaucusStatementEditor *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, NULL, count_words_done, GUINT_TO_POINTER (++self->count_generation));

  self->count_source = 0;
  g_task_set_task_data (task, caucus_statement_editor_dup_text (self), g_free);
  g_task_run_in_thread (task, count_words_thread);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (CaucusStatementEditor *self)
{
  /* Debounced: counted once typing pauses. */
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (CAUCUS_WORD_COUNT_QUIET_MS, count_words_cb, self);
  if (self->loading || self->statement == NULL)
    return;
  arm_autosave (self);
}

/* ---- saving -------------------------------------------------------------------- */

char *
caucus_statement_editor_dup_text (CaucusStatementEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  if (self->buffer == NULL)   /* disposed */
    return g_strdup ("");
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

gboolean
caucus_statement_editor_save (CaucusStatementEditor *self,
                              GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);

  /* The autosave in flight lands first (its result is taken in now); none may start
   * behind it, since this save writes whatever is left. */
  self->save_again = FALSE;
  if (self->saver != NULL)
    caucus_statement_saver_wait (self->saver);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->statement == NULL || get_store (self) == NULL || self->buffer == NULL)
    return TRUE;

  text = caucus_statement_editor_dup_text (self);
  self->dirty = FALSE;
  self->first_dirty = 0;
  if (g_strcmp0 (text, self->saved_body) == 0)
    return TRUE;

  /* Merges with edits saved elsewhere since (a pull, another window) when there are. */
  if (!caucus_statement_save_text (get_store (self), self->statement, self->saved_body, text,
                                   self->who, &saved, &local))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), local->message);

      /* Try again with the next keystroke; the text stays in the editor. */
      self->dirty = TRUE;
      caucus_statement_editor_show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_free (self->saved_body);
  self->saved_body = g_strdup (saved);
  /* Edits from elsewhere came in: show the merged text, the cursor where it was. */
  if (g_strcmp0 (saved, text) != 0)
    replace_text (self, saved);
  show_saved (self);
  return TRUE;
}

guint
caucus_statement_editor_get_n_saves (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), 0);
  return self->n_saves;
}

static void
window_active_cb (CaucusStatementEditor *self)
{
  /* Focus went elsewhere: write now, on the worker (the person is busy in another window,
   * which a synchronous 20,000-word write would stall). */
  if (self->window != NULL && !gtk_window_is_active (self->window))
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      start_autosave (self);
    }
}

static gboolean
window_close_cb (CaucusStatementEditor *self)
{
  caucus_statement_editor_save (self, NULL);
  return FALSE;
}

/* ---- metadata ------------------------------------------------------------------ */

/* Saves one metadata member; on a refusal the entry goes back to the stored value. */
static void
save_member (CaucusStatementEditor *self,
             const char            *member,
             GtkEntry              *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  const char *value = gtk_editable_get_text (GTK_EDITABLE (entry));
  CaucusDocument *doc = CAUCUS_DOCUMENT (self->statement);

  if (self->loading || doc == NULL || get_store (self) == NULL)
    return;
  if (g_strcmp0 (caucus_document_get_string (doc, member), *value != '\0' ? value : NULL) == 0)
    return;
  caucus_statement_editor_save (self, NULL);
  old = g_strdup (caucus_document_get_string (doc, member));
  caucus_document_set_string (doc, member, *value != '\0' ? value : NULL);
  if (!caucus_document_save (doc, get_store (self), self->who, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      caucus_document_set_string (doc, member, old);
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (entry), old != NULL ? old : "");
      self->loading = FALSE;
      caucus_statement_editor_show_message (self, message);
      return;
    }
  caucus_statement_editor_show_message (self, _("Saved"));
}

static void
title_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "title", self->title_entry);
}

static void
language_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "language", self->language_entry);
}

static void
forum_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "forum", self->forum_entry);
}

static void
add_commit_on_leave (CaucusStatementEditor *self,
                     GtkEntry              *entry,
                     GCallback              callback)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", callback, self);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  g_signal_connect_swapped (entry, "activate", callback, self);
}

static void
status_selected_cb (CaucusStatementEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->statement == NULL || selected >= g_strv_length ((char **) caucus_statement_statuses))
    return;
  caucus_statement_editor_save (self, NULL);
  if (!caucus_statement_change_status (get_store (self), self->statement,
                                       caucus_statement_statuses[selected], self->who, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Status not changed: %s"), error->message);
      const char *status = caucus_document_get_string (CAUCUS_DOCUMENT (self->statement), "status");

      caucus_statement_editor_show_message (self, message);
      self->loading = TRUE;
      for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
        if (g_strcmp0 (caucus_statement_statuses[i], status) == 0)
          gtk_drop_down_set_selected (self->status_dropdown, i);
      self->loading = FALSE;
      return;
    }
  caucus_statement_editor_show_message (self, _("Status changed; the text before it is kept as a version"));
  caucus_versions_panel_reload (self->versions_panel);
}

static gboolean
update_countdown_cb (gpointer user_data)
{
  CaucusStatementEditor *self = user_data;
  CaucusDeadlineState state = CAUCUS_DEADLINE_NONE;
  g_autofree char *text = caucus_statement_dup_deadline_label (self->statement != NULL ? CAUCUS_DOCUMENT (self->statement) : NULL,
                                                               TRUE, &state);

  gtk_label_set_label (self->deadline_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  if (state == CAUCUS_DEADLINE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "warning");
  else if (state != CAUCUS_DEADLINE_OPEN)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  return G_SOURCE_CONTINUE;
}

/* ---- preview ------------------------------------------------------------------- */

static void
preview_toggled_cb (CaucusStatementEditor *self)
{
  if (gtk_toggle_button_get_active (self->preview_button))
    {
      g_autofree char *text = caucus_statement_editor_dup_text (self);

      caucus_markdown_preview_render (gtk_text_view_get_buffer (self->preview_view), text);
      gtk_stack_set_visible_child_name (self->main_stack, "preview");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "text");
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
    }
}

/* ---- undo ---------------------------------------------------------------------- */

static void
undo_cb (CaucusStatementEditor *self)
{
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (self->buffer));
}

static void
redo_cb (CaucusStatementEditor *self)
{
  gtk_text_buffer_redo (GTK_TEXT_BUFFER (self->buffer));
}

static void
can_undo_cb (CaucusStatementEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button),
                            gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (self->buffer)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->redo_button),
                            gtk_text_buffer_get_can_redo (GTK_TEXT_BUFFER (self->buffer)));
}

/* ---- style --------------------------------------------------------------------- */

static void
update_scheme (CaucusStatementEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* ---- opening ------------------------------------------------------------------- */

gboolean
caucus_statement_editor_open (CaucusStatementEditor *self,
                              const char            *statement_id,
                              GError               **error)
{
  g_autoptr(CaucusDocument) doc = NULL;
  const char *status, *body;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (statement_id != NULL, FALSE);

  if (get_store (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return FALSE;
    }
  caucus_statement_editor_save (self, NULL);
  doc = caucus_document_load (get_store (self), statement_id, error);
  if (doc == NULL)
    return FALSE;
  if (!CAUCUS_IS_STATEMENT (doc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("‘%s’ is not a statement"), statement_id);
      return FALSE;
    }

  self->loading = TRUE;
  g_set_object (&self->statement, CAUCUS_STATEMENT (doc));
  body = caucus_document_get_string (doc, "body");
  g_free (self->saved_body);
  self->saved_body = g_strdup (body != NULL ? body : "");
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), body != NULL ? body : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  {
    GtkTextIter start;
    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), caucus_document_get_string (doc, "title") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->language_entry), caucus_document_get_string (doc, "language") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->forum_entry), caucus_document_get_string (doc, "forum") ?: "");
  {
    const char *event_id = caucus_document_get_string (doc, "event_id");
    g_autoptr(CaucusDocument) event = NULL;
    g_autofree char *placeholder = NULL;

    /* A statement for an event of the calendar names it; the forum is free text. */
    if (event_id != NULL)
      event = caucus_document_load (get_store (self), event_id, NULL);
    placeholder = event != NULL ? g_strdup (caucus_document_get_display_name (event)) : g_strdup (_("Event or forum"));
    gtk_entry_set_placeholder_text (self->forum_entry, placeholder);
  }
  status = caucus_document_get_string (doc, "status");
  gtk_drop_down_set_selected (self->status_dropdown, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
    if (g_strcmp0 (caucus_statement_statuses[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);
  self->dirty = FALSE;
  self->loading = FALSE;

  gtk_toggle_button_set_active (self->preview_button, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "text");
  caucus_statement_editor_show_message (self, "");
  update_countdown_cb (self);
  update_word_count (self);
  caucus_statement_editor_reload_panels (self);
  return TRUE;
}

CaucusStatement *
caucus_statement_editor_get_statement (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->statement;
}

GtkSourceBuffer *
caucus_statement_editor_get_buffer (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->buffer;
}

GtkSourceView *
caucus_statement_editor_get_view (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->source_view;
}

void
caucus_statement_editor_set_index (CaucusStatementEditor *self,
                                   CaucusModelIndex      *index)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  if (self->index != index)
    caucus_statement_editor_save (self, NULL);
  g_set_object (&self->index, index);
}

CaucusModelIndex *
caucus_statement_editor_get_index (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->index;
}

const char *
caucus_statement_editor_get_who (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->who;
}

void
caucus_statement_editor_reload_panels (CaucusStatementEditor *self)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  caucus_comments_panel_reload (self->comments_panel);
  caucus_versions_panel_reload (self->versions_panel);
  caucus_ledger_panel_reload (self->ledger_panel);
}

void
caucus_statement_editor_show_panel (CaucusStatementEditor *self,
                                    const char            *name)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  if (g_strcmp0 (name, "versions") == 0)
    gtk_toggle_button_set_active (self->versions_toggle, TRUE);
  else if (g_strcmp0 (name, "sign-on") == 0)
    gtk_toggle_button_set_active (self->sign_on_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->comments_toggle, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

GtkWidget *
caucus_statement_editor_get_redline_view (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->redline_view);
}

GtkWidget *
caucus_statement_editor_get_comments_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->comments_panel);
}

GtkWidget *
caucus_statement_editor_get_versions_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->versions_panel);
}

GtkWidget *
caucus_statement_editor_get_ledger_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->ledger_panel);
}

gboolean
caucus_statement_editor_show_redline (CaucusStatementEditor *self,
                                      const char            *from_id,
                                      const char            *to_id,
                                      GError               **error)
{
  g_autoptr(CaucusDocument) from = NULL;
  g_autoptr(CaucusDocument) to = NULL;
  g_autofree char *current = NULL;
  g_autofree char *from_label = NULL, *to_label = NULL, *title = NULL;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (from_id != NULL, FALSE);

  from = caucus_document_load (get_store (self), from_id, error);
  if (from == NULL)
    return FALSE;
  if (to_id != NULL && (to = caucus_document_load (get_store (self), to_id, error)) == NULL)
    return FALSE;
  current = to == NULL ? caucus_statement_editor_dup_text (self) : NULL;

  caucus_redline_view_set_texts (self->redline_view, caucus_document_get_string (from, "body"),
                                 to != NULL ? caucus_document_get_string (to, "body") : current);
  from_label = caucus_statement_version_dup_label (from);
  to_label = to != NULL ? caucus_statement_version_dup_label (to) : g_strdup (_("the current text"));
  /* Translators: "Changes from “Zero draft” to the current text" */
  title = g_strdup_printf (_("Changes from “%s” to %s%s%s"), from_label,
                           to != NULL ? "“" : "", to_label, to != NULL ? "”" : "");
  gtk_label_set_label (self->redline_title, title);
  gtk_toggle_button_set_active (self->preview_button, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "redline");
  return TRUE;
}

static void
panel_toggled_cb (GtkToggleButton       *button,
                  CaucusStatementEditor *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_stack_set_visible_child_name (self->side_stack,
                                    button == self->versions_toggle ? "versions"
                                    : button == self->sign_on_toggle ? "sign-on" : "comments");
}

static void
redline_close_cb (CaucusStatementEditor *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "text");
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
caucus_statement_editor_root (GtkWidget *widget)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (caucus_statement_editor_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &self->window);
      g_signal_connect_object (root, "notify::is-active", G_CALLBACK (window_active_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
caucus_statement_editor_unroot (GtkWidget *widget)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (widget);

  caucus_statement_editor_save (self, NULL);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  GTK_WIDGET_CLASS (caucus_statement_editor_parent_class)->unroot (widget);
}

static void
caucus_statement_editor_dispose (GObject *object)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (object);

  /* Whatever is typed is written (after the autosave in flight), then nothing may call
   * back into the editor: the panels forget it before the template disposes them. */
  caucus_statement_editor_save (self, NULL);
  if (self->saver != NULL)
    caucus_statement_saver_wait (self->saver);
  g_clear_object (&self->saver);
  if (self->comments_panel != NULL)
    caucus_comments_panel_set_editor (self->comments_panel, NULL);
  if (self->versions_panel != NULL)
    caucus_versions_panel_set_editor (self->versions_panel, NULL);
  if (self->ledger_panel != NULL)
    caucus_ledger_panel_set_editor (self->ledger_panel, NULL);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  self->buffer = NULL;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  g_clear_object (&self->statement);
  g_clear_object (&self->index);
  G_OBJECT_CLASS (caucus_statement_editor_parent_class)->dispose (object);
}

static void
caucus_statement_editor_finalize (GObject *object)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (object);

  g_free (self->who);
  g_free (self->saved_body);
  G_OBJECT_CLASS (caucus_statement_editor_parent_class)->finalize (object);
}

static void
caucus_statement_editor_class_init (CaucusStatementEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_statement_editor_dispose;
  object_class->finalize = caucus_statement_editor_finalize;
  widget_class->root = caucus_statement_editor_root;
  widget_class->unroot = caucus_statement_editor_unroot;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (CAUCUS_TYPE_REDLINE_VIEW);
  g_type_ensure (CAUCUS_TYPE_FIND_BAR);
  g_type_ensure (CAUCUS_TYPE_COMMENTS_PANEL);
  g_type_ensure (CAUCUS_TYPE_VERSIONS_PANEL);
  g_type_ensure (CAUCUS_TYPE_LEDGER_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-statement-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, CaucusStatementEditor, name)
  CHILD (title_entry);
  CHILD (status_dropdown);
  CHILD (language_entry);
  CHILD (forum_entry);
  CHILD (deadline_label);
  CHILD (undo_button);
  CHILD (redo_button);
  CHILD (find_button);
  CHILD (preview_button);
  CHILD (find_bar);
  CHILD (panels_button);
  CHILD (flap);
  CHILD (main_stack);
  CHILD (source_view);
  CHILD (preview_view);
  CHILD (redline_title);
  CHILD (redline_close_button);
  CHILD (redline_view);
  CHILD (side_stack);
  CHILD (comments_toggle);
  CHILD (versions_toggle);
  CHILD (sign_on_toggle);
  CHILD (comments_panel);
  CHILD (versions_panel);
  CHILD (ledger_panel);
  CHILD (word_count_label);
  CHILD (save_label);
#undef CHILD
}

static void
caucus_statement_editor_init (CaucusStatementEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *real_name = g_get_real_name ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->who = g_strdup (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0 && *real_name != '\0'
                        ? real_name : g_get_user_name ());

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect_swapped (self->buffer, "notify::can-undo", G_CALLBACK (can_undo_cb), self);
  g_signal_connect_swapped (self->buffer, "notify::can-redo", G_CALLBACK (can_undo_cb), self);
  g_signal_connect_swapped (self->undo_button, "clicked", G_CALLBACK (undo_cb), self);
  g_signal_connect_swapped (self->redo_button, "clicked", G_CALLBACK (redo_cb), self);

  caucus_find_bar_set_view (self->find_bar, self->source_view);
  g_object_bind_property (self->find_button, "active",
                          caucus_find_bar_get_search_bar (self->find_bar), "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL);

  for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, caucus_statement_status_label (caucus_statement_statuses[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (status_selected_cb), self);

  add_commit_on_leave (self, self->title_entry, G_CALLBACK (title_commit_cb));
  add_commit_on_leave (self, self->language_entry, G_CALLBACK (language_commit_cb));
  add_commit_on_leave (self, self->forum_entry, G_CALLBACK (forum_commit_cb));

  g_object_bind_property (self->panels_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->preview_button, "toggled", G_CALLBACK (preview_toggled_cb), self);
  g_signal_connect (self->comments_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect (self->versions_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect (self->sign_on_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect_swapped (self->redline_close_button, "clicked", G_CALLBACK (redline_close_cb), self);

  caucus_markdown_preview_add_tags (gtk_text_view_get_buffer (self->preview_view));

  caucus_comments_panel_set_editor (self->comments_panel, self);
  caucus_versions_panel_set_editor (self->versions_panel, self);
  caucus_ledger_panel_set_editor (self->ledger_panel, self);

  self->countdown_source = g_timeout_add_seconds (30, update_countdown_cb, self);
  update_countdown_cb (self);
  update_word_count (self);
}

GtkWidget *
caucus_statement_editor_new (void)
{
  return g_object_new (CAUCUS_TYPE_STATEMENT_EDITOR, NULL);
}
