/* caucus-statement-saver.c — the editor's autosave, written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One exclusive GThreadPool thread per saver: it opens its own connection to the store
 * file on its first job and keeps it (the store's rule: a connection belongs to one
 * thread).  The job carries a deep copy of the statement, so the main thread's object is
 * never touched by the worker; the editor takes the written revision back when the
 * result is delivered.  The store reports the commit through the "changed" signal of the
 * main thread's connection, so the model index and the lists follow as for any write. */
#include "caucus-statement-saver.h"

#include "caucus-document-io.h"
#include "caucus-statement-versions.h"

typedef struct {
  gatomicrefcount           ref;
  CaucusStatementSaver     *saver;       /* strong while in flight */
  CaucusStatement          *statement;   /* the copy the worker writes */
  char                     *base;
  char                     *text;
  char                     *who;
  CaucusStatementSaverDone  done;
  gpointer                  user_data;
  /* Set by the worker, under the saver's lock. */
  gboolean                  finished;
  char                     *saved_text;
  GError                   *error;
} SaveJob;

struct _CaucusStatementSaver
{
  GObject parent_instance;

  CaucusStore *store;          /* the main thread's connection: only its path is used */
  CaucusStore *worker_store;   /* used on the pool's thread only */
  GThreadPool *pool;
  GMutex lock;
  GCond cond;
  SaveJob *job;                /* in flight or not yet delivered; main thread's */
  gint64 last_start_usec;
};

G_DEFINE_FINAL_TYPE (CaucusStatementSaver, caucus_statement_saver, G_TYPE_OBJECT)

static SaveJob *
job_ref (SaveJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
job_unref (SaveJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_clear_object (&job->statement);
  g_free (job->base);
  g_free (job->text);
  g_free (job->who);
  g_free (job->saved_text);
  g_clear_error (&job->error);
  g_free (job);
}

/* Main thread: hands the result of @job to its caller unless that was done already. */
static void
deliver (CaucusStatementSaver *self,
         SaveJob              *job)
{
  if (self->job != job)
    return;
  self->job = NULL;
  job->done (job->error == NULL ? job->statement : NULL, job->text, job->saved_text, job->error,
             job->user_data);
  job_unref (job);
}

static gboolean
deliver_cb (gpointer user_data)
{
  SaveJob *job = user_data;
  CaucusStatementSaver *self = job->saver;

  deliver (self, job);
  return G_SOURCE_REMOVE;
}

static void
deliver_destroy (gpointer user_data)
{
  SaveJob *job = user_data;
  CaucusStatementSaver *self = g_steal_pointer (&job->saver);

  job_unref (job);
  g_object_unref (self);
}

/* Worker thread. */
static void
write_cb (gpointer data,
          gpointer user_data)
{
  SaveJob *job = data;
  CaucusStatementSaver *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  if (self->worker_store == NULL)
    self->worker_store = caucus_store_open_worker (self->store, &error);
  if (self->worker_store != NULL)
    caucus_statement_save_text (self->worker_store, job->statement, job->base, job->text, job->who,
                                &saved, &error);

  g_mutex_lock (&self->lock);
  job->saved_text = g_steal_pointer (&saved);
  job->error = g_steal_pointer (&error);
  job->finished = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  /* The job's own reference goes with the idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, deliver_cb, job, deliver_destroy);
}

gboolean
caucus_statement_saver_start (CaucusStatementSaver     *self,
                              CaucusStatement          *statement,
                              const char               *base,
                              char                     *text,
                              const char               *who,
                              CaucusStatementSaverDone  done,
                              gpointer                  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  SaveJob *job;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_SAVER (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), FALSE);
  g_return_val_if_fail (text != NULL && done != NULL, FALSE);

  if (self->job != NULL)
    {
      g_free (text);
      return FALSE;
    }
  job = g_new0 (SaveJob, 1);
  g_atomic_ref_count_init (&job->ref);
  job->saver = g_object_ref (self);
  /* One deep copy (new_from_json copies what peek_json lends). */
  job->statement = CAUCUS_STATEMENT (caucus_document_new_from_json (caucus_document_peek_json (CAUCUS_DOCUMENT (statement))));
  job->base = g_strdup (base);
  job->text = text;
  job->who = g_strdup (who);
  job->done = done;
  job->user_data = user_data;
  self->job = job_ref (job);   /* the main thread's reference; the pool gets the first */
  if (self->pool == NULL || !g_thread_pool_push (self->pool, job, &error))
    {
      /* No thread could be started: write here rather than not at all. */
      write_cb (job, self);
    }
  self->last_start_usec = g_get_monotonic_time () - start;
  return TRUE;
}

gboolean
caucus_statement_saver_is_busy (CaucusStatementSaver *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_SAVER (self), FALSE);
  return self->job != NULL;
}

void
caucus_statement_saver_wait (CaucusStatementSaver *self)
{
  SaveJob *job;

  g_return_if_fail (CAUCUS_IS_STATEMENT_SAVER (self));

  if ((job = self->job) == NULL)
    return;
  g_mutex_lock (&self->lock);
  while (!job->finished)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  deliver (self, job);
}

CaucusStore *
caucus_statement_saver_get_store (CaucusStatementSaver *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_SAVER (self), NULL);
  return self->store;
}

gint64
caucus_statement_saver_get_last_start_usec (CaucusStatementSaver *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_SAVER (self), 0);
  return self->last_start_usec;
}

CaucusStatementSaver *
caucus_statement_saver_new (CaucusStore *store)
{
  CaucusStatementSaver *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  self = g_object_new (CAUCUS_TYPE_STATEMENT_SAVER, NULL);
  self->store = g_object_ref (store);
  /* Exclusive: the same thread for every job, so its connection stays on one thread. */
  self->pool = g_thread_pool_new (write_cb, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_warning ("Autosave writes on the main thread: %s", error->message);
  return self;
}

static void
caucus_statement_saver_finalize (GObject *object)
{
  CaucusStatementSaver *self = CAUCUS_STATEMENT_SAVER (object);

  /* Every job holds a reference to the saver until delivered, so none is left here;
   * freeing the pool waits for its thread, after which its connection can close. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->store);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (caucus_statement_saver_parent_class)->finalize (object);
}

static void
caucus_statement_saver_class_init (CaucusStatementSaverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_statement_saver_finalize;
}

static void
caucus_statement_saver_init (CaucusStatementSaver *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}
