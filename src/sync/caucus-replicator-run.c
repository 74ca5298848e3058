/* caucus-replicator-run.c — what the replicator's two threads share: batches, the bounded
 * queue between them, and progress, which reaches the owner's main context through idle
 * sources. */
#include "caucus-replicator-private.h"
#include "caucus-main-context.h"

/* ---- batches ----------------------------------------------------------------------- */

CaucusBatch *
_caucus_batch_new (void)
{
  CaucusBatch *batch = g_new0 (CaucusBatch, 1);

  batch->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  batch->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  batch->digests = g_ptr_array_new_with_free_func (g_free);
  batch->texts = g_ptr_array_new_with_free_func (g_free);
  batch->ids = g_ptr_array_new_with_free_func (g_free);
  batch->rev_ids = g_ptr_array_new_with_free_func (g_free);
  batch->pending = -1;
  return batch;
}

void
_caucus_batch_free (CaucusBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->docs);
  g_ptr_array_unref (batch->blobs);
  g_ptr_array_unref (batch->digests);
  g_ptr_array_unref (batch->texts);
  g_ptr_array_unref (batch->ids);
  g_ptr_array_unref (batch->rev_ids);
  g_clear_pointer (&batch->last_seq, json_node_unref);
  g_free (batch);
}

GBytes *
_caucus_json_body (JsonNode *node)
{
  gsize len = 0;
  char *text = caucus_json_to_string (node, &len);

  return g_bytes_new_take (text, len);
}

gboolean
_caucus_malformed_answer (GError    **error,
                          const char *url,
                          const char *format,
                          ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
               "The server at %s sent a malformed answer: %s", url, what);
  return FALSE;
}

CaucusJsonScanner *
_caucus_answer_scanner_new (GBytes *text)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (text, &length);

  return caucus_json_scanner_new (data, length, caucus_couch_response_max_depth ());
}

gboolean
_caucus_answer_open_object (CaucusJsonScanner  *sc,
                            gboolean           *is_object,
                            GError            **json_error)
{
  CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);

  *is_object = t == CAUCUS_JSON_BEGIN_OBJECT;
  if (t == CAUCUS_JSON_ERROR)
    return FALSE;
  if (*is_object)
    return TRUE;
  /* the whole text must still be JSON for the caller's message */
  return caucus_json_scanner_skip (sc, t, json_error) &&
         caucus_json_scanner_next (sc, json_error) == CAUCUS_JSON_END;
}

void
_caucus_scan_string (CaucusJsonScanner  *sc,
                     CaucusJsonToken     t,
                     char              **slot)
{
  g_clear_pointer (slot, g_free);
  if (t == CAUCUS_JSON_STRING)
    *slot = g_strdup (caucus_json_scanner_get_string (sc));
}

char *
_caucus_md5_digest (GBytes *data)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  guint8 raw[16];
  gsize len = sizeof raw;
  g_autofree char *b64 = NULL;

  g_checksum_update (sum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  g_checksum_get_digest (sum, raw, &len);
  b64 = g_base64_encode (raw, len);
  return g_strconcat ("md5-", b64, NULL);
}

/* ---- runs -------------------------------------------------------------------------- */

static void
run_clear (CaucusRun *run)
{
  CaucusBatch *batch;

  while ((batch = g_queue_pop_head (&run->queue)) != NULL)
    _caucus_batch_free (batch);
  g_clear_object (&run->self);
  g_clear_object (&run->store);
  g_clear_pointer (&run->remote, caucus_remote_free);
  g_free (run->replication_id);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->owner_context, g_main_context_unref);
  g_clear_pointer (&run->since, json_node_unref);
  g_clear_error (&run->producer_error);
  g_free (run->last_seq);
  g_clear_pointer (&run->conflicts, g_ptr_array_unref);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

CaucusRun *
_caucus_run_ref (CaucusRun *run)
{
  return g_atomic_rc_box_acquire (run);
}

void
_caucus_run_unref (CaucusRun *run)
{
  g_atomic_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

void
_caucus_run_wake_cb (GCancellable *cancellable,
             CaucusRun    *run)
{
  g_mutex_lock (&run->lock);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

gboolean
_caucus_run_push_batch (CaucusRun   *run,
                        CaucusBatch *batch)
{
  g_mutex_lock (&run->lock);
  /* Two batches in flight: one being written, one ready.  More only costs memory. */
  while (run->queue.length >= 2 && !g_cancellable_is_cancelled (run->cancellable))
    g_cond_wait (&run->cond, &run->lock);
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      g_mutex_unlock (&run->lock);
      _caucus_batch_free (batch);
      return FALSE;
    }
  g_queue_push_tail (&run->queue, batch);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
  return TRUE;
}

CaucusBatch *
_caucus_run_pop_batch (CaucusRun *run)
{
  CaucusBatch *batch = NULL;

  g_mutex_lock (&run->lock);
  while (run->queue.length == 0 && !run->producer_done &&
         !g_cancellable_is_cancelled (run->cancellable))
    g_cond_wait (&run->cond, &run->lock);
  if (!g_cancellable_is_cancelled (run->cancellable))
    batch = g_queue_pop_head (&run->queue);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
  return batch;
}

void
_caucus_run_producer_finish (CaucusRun *run,
                             GError    *error)
{
  g_mutex_lock (&run->lock);
  run->producer_done = TRUE;
  if (error != NULL && run->producer_error == NULL)
    run->producer_error = g_error_copy (error);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

guint64
_caucus_run_wait_local_change (CaucusRun *run,
                               guint64    seen,
                               guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint64 now;

  g_mutex_lock (&run->lock);
  while (run->local_changes == seen && !g_cancellable_is_cancelled (run->cancellable))
    if (!g_cond_wait_until (&run->cond, &run->lock, end))
      break;
  now = run->local_changes;
  g_mutex_unlock (&run->lock);
  return now;
}

CaucusStore *
_caucus_run_open_store (CaucusRun  *run,
                        GError    **error)
{
  return caucus_store_open_worker (run->store, error);
}


/* The last call, finish_in_owner_cb, may free @run and its owner's context (the sync
 * wrapper's own) before this thread is out of g_source_attach(): see
 * caucus_main_context_call(). */
void
_caucus_run_in_owner (CaucusRun      *run,
              GSourceFunc     func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  caucus_main_context_call (run->owner_context, G_PRIORITY_DEFAULT,
                            "[caucus-sync] replicator progress", func, data, destroy);
}

static void
queue_notify_locked (CaucusRun *run)
{
  if (run->notify_queued)
    return;
  run->notify_queued = TRUE;
  _caucus_run_in_owner (run, _caucus_replicator_notify_cb, _caucus_run_ref (run),
                        (GDestroyNotify) _caucus_run_unref);
}

void
_caucus_run_add_progress (CaucusRun *run,
                          guint64    docs_read,
                          guint64    docs_written,
                          guint64    failures,
                          guint64    bytes)
{
  g_mutex_lock (&run->lock);
  run->docs_read += docs_read;
  run->docs_written += docs_written;
  run->doc_write_failures += failures;
  run->bytes += bytes;
  queue_notify_locked (run);
  g_mutex_unlock (&run->lock);
}

void
_caucus_run_set_position (CaucusRun *run,
                          JsonNode  *last_seq,
                          gint64     pending,
                          gboolean   caught_up)
{
  g_autofree char *text = last_seq ? caucus_json_to_string (last_seq, NULL) : NULL;

  g_mutex_lock (&run->lock);
  if (text != NULL)
    {
      g_free (run->last_seq);
      run->last_seq = g_steal_pointer (&text);
    }
  run->pending = pending;
  run->caught_up = caught_up;
  queue_notify_locked (run);
  g_mutex_unlock (&run->lock);
}

void
_caucus_run_add_conflicts (CaucusRun *run,
                           GPtrArray *ids)
{
  if (ids == NULL || ids->len == 0)
    return;
  g_mutex_lock (&run->lock);
  if (run->conflicts == NULL)
    run->conflicts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (run->conflicts, g_strdup (g_ptr_array_index (ids, i)));
  queue_notify_locked (run);
  g_mutex_unlock (&run->lock);
}

/* Copies the run's progress into the object and notifies what changed. */
