/* caucus-model-index-follow.c — the index keeping up with the store while the app runs.
 *
 * Indexing costs about 0.1 ms a document (layout, sort keys, full-text rows), so a
 * replication batch of 1,000 documents, an import or another process's sync applied on
 * the main thread froze the window for 0.1–0.6 s each time (measured, session 5).  A few
 * changes (up to CAUCUS_PRECISE_UPDATE_LIMIT) are still applied on the spot, where the
 * lists learn exactly which rows changed.  More are applied on a worker thread with
 * connections of its own, by the same catch-up an open runs (_caucus_model_index_open_full:
 * batches of 1,000 committed with their checkpoint); when it is over the main thread reads
 * the checkpoint and resets the lists once.  Changes that arrive meanwhile start another
 * round when it ends.  While a round runs, lists show what the index held before it. */
#include "caucus-model-index-private.h"

typedef struct {
  CaucusStore *worker;
  char        *file;
} CatchUp;

static void
catch_up_free (gpointer data)
{
  CatchUp *c = data;

  g_clear_object (&c->worker);
  g_free (c->file);
  g_free (c);
}

static void
catch_up_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CatchUp *c = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusModelIndex) index = NULL;

  index = _caucus_model_index_open_full (c->worker, c->file, FALSE, NULL, NULL, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* After a catch-up on a worker: what it committed is read from the file, and every list
 * is told that anything may have changed. */
static void
adopt_catch_up (CaucusModelIndex *self)
{
  g_autofree char *seq = _caucus_model_index_meta_get (self, "seq");
  g_autoptr(GPtrArray) lists = g_ptr_array_copy (self->lists, _caucus_model_index_ref_list, NULL);

  g_ptr_array_set_free_func (lists, g_object_unref);
  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_before_update (g_ptr_array_index (lists, i), NULL);
  if (seq != NULL)
    self->seq = MAX (self->seq, g_ascii_strtoll (seq, NULL, 10));
  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_after_update (g_ptr_array_index (lists, i));
}

static void
catch_up_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CaucusModelIndex *self = CAUCUS_MODEL_INDEX (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->catching_up = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    g_warning ("The lists could not be brought up to date: %s", error->message);
  adopt_catch_up (self);
  if (self->follow_again)
    {
      self->follow_again = FALSE;
      _caucus_model_index_follow (self);
    }
}

void
_caucus_model_index_follow (CaucusModelIndex *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CatchUp *c;
  gint64 pending;

  if (self->catching_up)
    {
      self->follow_again = TRUE;
      return;
    }
  pending = caucus_store_get_update_seq (self->store) - self->seq;
  if (pending <= CAUCUS_PRECISE_UPDATE_LIMIT || g_strcmp0 (self->file, ":memory:") == 0)
    {
      if (!caucus_model_index_refresh (self, &error))
        g_warning ("%s", error->message);
      return;
    }

  c = g_new0 (CatchUp, 1);
  c->worker = caucus_store_open_worker (self->store, &error);
  if (c->worker == NULL)
    {
      catch_up_free (c);
      g_warning ("The lists could not be brought up to date: %s", error->message);
      return;
    }
  c->file = g_strdup (self->file);
  if (self->follow_cancellable == NULL)
    self->follow_cancellable = g_cancellable_new ();
  self->catching_up = TRUE;
  task = g_task_new (self, self->follow_cancellable, catch_up_done_cb, NULL);
  g_task_set_source_tag (task, _caucus_model_index_follow);
  g_task_set_task_data (task, c, catch_up_free);
  g_task_run_in_thread (task, catch_up_thread);
}
