/* caucus-statement-editor-autosave.c — the statement editor's autosave and word count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a keystroke starts: the autosave timer (quiet period capped by the longest wait),
 * the write on the saver's worker thread and its result taken back, the word count
 * counted on a worker thread once typing pauses, and the panels that follow the text
 * when an autosave lands with no keystroke since. */
#include "caucus-statement-editor-private.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n.h>

#include "caucus-diff3.h"
#include "caucus-redline.h"

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
void
_caucus_statement_editor_replace_text (CaucusStatementEditor *self,
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

void
_caucus_statement_editor_show_saved (CaucusStatementEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *message = g_strdup_printf (_("Saved at %s"), time);

  self->n_saves++;
  caucus_statement_editor_show_message (self, message);
}

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
          _caucus_statement_editor_replace_text (self, merged);
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
  _caucus_statement_editor_show_saved (self);
  self->autosave_ui_usec += thread_cpu_usec () - cpu_start;

  if (self->dirty && self->save_again)
    _caucus_statement_editor_start_autosave (self);
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
void
_caucus_statement_editor_start_autosave (CaucusStatementEditor *self)
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
  _caucus_statement_editor_start_autosave (self);
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

void
_caucus_statement_editor_update_word_count (CaucusStatementEditor *self)
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

void
_caucus_statement_editor_buffer_changed_cb (CaucusStatementEditor *self)
{
  /* Debounced: counted once typing pauses. */
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (CAUCUS_WORD_COUNT_QUIET_MS, count_words_cb, self);
  if (self->loading || self->statement == NULL)
    return;
  arm_autosave (self);
}

