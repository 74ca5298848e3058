/* caucus-model-index-rebuild.c — opening the model index without blocking the main thread.
 *
 * A first build, or a rebuild after a layout change or a damaged file, reads every
 * document of the store: seconds for a workspace of a few thousand documents, minutes for
 * 120,000.  caucus_model_index_open_async() does that part on a worker thread with its own
 * store connection (caucus_store_open_worker) and its own connection to the index file,
 * through the same code as caucus_model_index_open() (_caucus_model_index_open_full), then
 * opens the finished file on the calling thread, where only the changes written meanwhile
 * remain to be read.
 *
 * Transactions: every batch of 1000 changes is committed with its checkpoint, and "built"
 * is written in the transaction that creates the secondary indexes at the end.  A
 * cancelled or killed rebuild therefore leaves an index without "built", which the next
 * open (either kind) fills from its checkpoint; nothing reads it as complete. */
#include "caucus-model-index-private.h"
#include "caucus-main-context.h"

#include <sqlite3.h>

/* ---- how much there is to do --------------------------------------------------------- */

static char *
read_meta (sqlite3    *db,
           const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
caucus_model_index_count_pending (CaucusStore *store,
                                  const char  *path)
{
  g_autofree char *file = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *seq_text = NULL;
  g_autofree char *built = NULL;
  gint64 store_seq, seq;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), -1);

  store_seq = caucus_store_get_update_seq (store);
  file = _caucus_model_index_resolve_path (store, path);
  if (g_str_equal (file, ":memory:") || !g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return store_seq;
  if (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version == _caucus_model_index_schema_version ())
    {
      uuid = read_meta (db, "store_uuid");
      seq_text = read_meta (db, "seq");
      built = read_meta (db, "built");
    }
  sqlite3_close (db);

  seq = seq_text != NULL ? g_ascii_strtoll (seq_text, NULL, 10) : 0;
  if (g_strcmp0 (uuid, caucus_store_get_uuid (store)) != 0 || seq > store_seq || seq < 0)
    return store_seq;
  /* An unfinished fill goes on from its checkpoint, then builds the lists' indexes. */
  return store_seq - seq + (built == NULL ? 1 : 0);
}

/* ---- progress, from the worker to the caller's main context ------------------------- */

typedef struct {
  GMutex                        lock;
  guint64                       done;
  guint64                       total;
  gboolean                      queued;     /* an idle is on its way to the main context */
  gboolean                      finished;   /* the open has returned: report nothing more */
  CaucusModelIndexProgressFunc  func;
  gpointer                      data;
  GDestroyNotify                data_free;
  GMainContext                 *context;
} Progress;

static void
progress_clear (gpointer data)
{
  Progress *p = data;

  /* progress_finish() already released the caller's data on the caller's thread. */
  g_mutex_clear (&p->lock);
  g_main_context_unref (p->context);
}

static Progress *
progress_new (CaucusModelIndexProgressFunc func,
              gpointer                     data,
              GDestroyNotify               data_free)
{
  Progress *p = g_atomic_rc_box_new0 (Progress);

  g_mutex_init (&p->lock);
  p->func = func;
  p->data = data;
  p->data_free = data_free;
  p->context = g_main_context_ref_thread_default ();
  return p;
}

static void
progress_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_clear);
}

/* On the caller's thread, when the open is over: no report after the callback. */
static void
progress_finish (Progress *p)
{
  g_mutex_lock (&p->lock);
  p->finished = TRUE;
  g_mutex_unlock (&p->lock);
  if (p->data_free != NULL)
    p->data_free (p->data);
  p->data_free = NULL;
  p->data = NULL;
  p->func = NULL;
}

static gboolean
progress_dispatch_cb (gpointer data)
{
  Progress *p = data;
  guint64 done, total;
  gboolean finished;

  g_mutex_lock (&p->lock);
  done = p->done;
  total = p->total;
  finished = p->finished;
  p->queued = FALSE;
  g_mutex_unlock (&p->lock);
  if (!finished && p->func != NULL)
    p->func (done, total, p->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: keeps the latest figures; one idle at a time carries them over, so a
 * busy main loop gets the newest state, not a queue of stale ones. */
static void
progress_report_cb (guint64  done,
                    guint64  total,
                    gpointer data)
{
  Progress *p = data;
  gboolean queue;

  g_mutex_lock (&p->lock);
  p->done = done;
  p->total = total;
  queue = !p->queued && !p->finished;
  p->queued = TRUE;
  g_mutex_unlock (&p->lock);
  if (queue)
    caucus_main_context_call (p->context, G_PRIORITY_DEFAULT, "[caucus] index progress",
                              progress_dispatch_cb, g_atomic_rc_box_acquire (p), progress_release);
}

/* ---- the open ---------------------------------------------------------------------- */

typedef struct {
  CaucusStore *worker;     /* a connection of the worker's own */
  char        *path;       /* the index file, resolved */
  Progress    *progress;
} WorkerData;

static void
worker_data_free (gpointer data)
{
  WorkerData *d = data;

  g_clear_object (&d->worker);
  g_free (d->path);
  progress_release (d->progress);
  g_free (d);
}

static void
open_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  WorkerData *d = task_data;
  CaucusModelIndex *index;
  GError *error = NULL;

  index = _caucus_model_index_open_full (d->worker, d->path, FALSE, progress_report_cb, d->progress,
                                         cancellable, &error);
  if (index == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Closed here, before the caller opens the file. */
  g_object_unref (index);
  g_task_return_boolean (task, TRUE);
}

/* Back on the caller's thread: open the finished file there. */
static void
worker_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WorkerData *d = g_task_get_task_data (G_TASK (result));
  CaucusModelIndex *index;
  GError *error = NULL;

  progress_finish (d->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  index = _caucus_model_index_open_full (CAUCUS_STORE (source_object), d->path, TRUE, NULL, NULL, NULL, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, g_object_unref);
}

void
caucus_model_index_open_async (CaucusStore                  *store,
                               const char                   *path,
                               CaucusModelIndexProgressFunc  progress,
                               gpointer                      progress_data,
                               GDestroyNotify                progress_data_free,
                               GCancellable                 *cancellable,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker_task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  WorkerData *d;

  g_return_if_fail (CAUCUS_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_model_index_open_async);
  g_task_set_name (task, "[caucus] open the model index");

  file = _caucus_model_index_resolve_path (store, path);
  if (g_str_equal (file, ":memory:"))
    {
      /* An in-memory index belongs to one connection, so no worker can build it; such
       * stores are small (tests, scratch work).  The callback still comes from the main
       * loop (GTask defers a result returned during the call that created it). */
      CaucusModelIndex *index = _caucus_model_index_open_full (store, file, TRUE, NULL, NULL, cancellable, &error);

      if (progress_data_free != NULL)
        progress_data_free (progress_data);
      if (index == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, index, g_object_unref);
      return;
    }

  d = g_new0 (WorkerData, 1);
  d->progress = progress_new (progress, progress_data, progress_data_free);
  d->path = g_steal_pointer (&file);
  d->worker = caucus_store_open_worker (store, &error);
  if (d->worker == NULL)
    {
      progress_finish (d->progress);
      worker_data_free (d);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  worker_task = g_task_new (store, cancellable, worker_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker_task, caucus_model_index_open_async);
  g_task_set_name (worker_task, "[caucus] build the model index");
  /* The worker ends by itself between batches when cancelled; the caller's callback
   * comes after it has closed its connections. */
  g_task_set_return_on_cancel (worker_task, FALSE);
  g_task_set_check_cancellable (worker_task, FALSE);
  g_task_set_task_data (worker_task, d, worker_data_free);
  g_task_run_in_thread (worker_task, open_thread_cb);
}

CaucusModelIndex *
caucus_model_index_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == caucus_model_index_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
