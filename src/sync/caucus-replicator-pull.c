/* caucus-replicator-pull.c — remote → local.
 *
 * Producer thread: pages of _changes (style=all_docs, long-poll when continuous; read
 * ahead by caucus-replicator-feed.c) → what the local store lacks → _bulk_get (or open_revs
 * GETs when the server has no _bulk_get; caucus-replicator-fetch.c) → validated documents
 * with their histories and attachment bytes → queue.
 * Consumer (run thread): one store transaction per batch holding the blobs, every revision
 * (put_with_history) and the local checkpoint, so a batch lands whole or not at all; then
 * the remote checkpoint.
 */
#include "caucus-replicator-private.h"
#include "caucus-store-replicate.h"

#include <string.h>

/* What the local store lacks of a page of the feed, one entry per missing revision,
 * grouped by id; read in one read transaction (one lock and snapshot for the page). */
static GPtrArray *
wanted_from_page (CaucusStore     *store,
                  CaucusFeedPage  *page,
                  GError         **error)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) _caucus_wanted_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  if (!caucus_store_read_begin (store, error))
    return NULL;
  for (guint r = 0; r < page->rows->len && ok; r++)
    {
      CaucusFeedRow *row = g_ptr_array_index (page->rows, r);
      g_autoptr(GPtrArray) ancestors = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_set_size (missing, 0);
      ok = caucus_store_replicate_missing (store, row->id, (const char * const *) row->revs->pdata,
                                           row->revs->len, missing, ancestors, error);
      for (guint i = 0; ok && i < missing->len; i++)
        {
          CaucusWanted *w = g_new0 (CaucusWanted, 1);

          w->id = g_strdup (row->id);
          w->rev = g_steal_pointer (&missing->pdata[i]);
          w->atts_since = ancestors->len > 0 ? g_ptr_array_ref (ancestors) : NULL;
          g_ptr_array_add (wanted, w);
        }
    }
  caucus_store_read_end (store);
  return ok ? g_steal_pointer (&wanted) : NULL;
}

static gboolean
pull_produce (CaucusRun   *run,
              CaucusFeed  *feed,
              GError     **error)
{
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusCouchClient) client = NULL;
  gboolean has_bulk_get = TRUE;
  guint64 bytes_reported = 0;

  store = _caucus_run_open_store (run, error);
  if (store == NULL)
    return FALSE;
  client = caucus_couch_client_new (run->remote, &run->limits);

  for (;;)
    {
      g_autoptr(GError) feed_error = NULL;
      CaucusFeedPage *page = _caucus_feed_next (feed, &feed_error);
      g_autoptr(GPtrArray) wanted = NULL;
      g_autoptr(CaucusBatch) batch = NULL;
      guint64 bytes_now;

      if (page == NULL)
        {
          if (feed_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&feed_error));
          return FALSE;
        }
      batch = _caucus_batch_new ();
      batch->last_seq = json_node_copy (page->last_seq);
      batch->pending = page->pending;
      batch->n_changes = page->n_rows;

      if (page->rows->len > 0)
        {
          wanted = wanted_from_page (store, page, error);
          if (wanted == NULL)
            goto fail;
          if (wanted->len > 0 && has_bulk_get)
            {
              g_autoptr(GError) local_error = NULL;

              if (!_caucus_fetch_bulk_get (run, store, client, wanted, batch, &local_error))
                {
                  if (!g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_UNSUPPORTED) &&
                      !g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND))
                    {
                      g_propagate_error (error, g_steal_pointer (&local_error));
                      goto fail;
                    }
                  g_debug ("no _bulk_get (%s); fetching open_revs one document at a time",
                           local_error->message);
                  has_bulk_get = FALSE;
                  g_ptr_array_set_size (batch->docs, 0);
                  g_ptr_array_set_size (batch->blobs, 0);
                  g_ptr_array_set_size (batch->digests, 0);
                }
            }
          if (wanted->len > 0 && !has_bulk_get &&
              !_caucus_fetch_open_revs (run, store, client, wanted, batch, error))
            goto fail;
        }
      _caucus_feed_page_free (page);

      bytes_now = caucus_couch_client_get_bytes (client);
      _caucus_run_add_progress (run, batch->docs->len, 0, 0, bytes_now - bytes_reported);
      bytes_reported = bytes_now;
      if (!_caucus_run_push_batch (run, g_steal_pointer (&batch)))
        return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
      continue;

    fail:
      _caucus_feed_page_free (page);
      return FALSE;
    }
}

gpointer
_caucus_pull_producer (gpointer data)
{
  CaucusRun *run = data;
  g_autoptr(GError) error = NULL;
  CaucusFeed *feed = _caucus_feed_start (run, run->since);

  pull_produce (run, feed, &error);
  _caucus_feed_stop (feed);
  _caucus_run_producer_finish (run, error);
  return NULL;
}

/* ---- writing ----------------------------------------------------------------------- */

static gboolean
write_batch (CaucusRun         *run,
             CaucusStore       *store,
             CaucusCheckpoint  *checkpoint,
             CaucusBatch       *batch,
             GPtrArray         *conflicts,
             GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *new_rev = NULL;
  gint64 seq_before;

  if (!caucus_store_begin (store, error))
    return FALSE;
  seq_before = caucus_store_get_update_seq (store);
  for (guint i = 0; i < batch->blobs->len; i++)
    {
      g_autofree char *digest = caucus_store_add_blob (store, g_ptr_array_index (batch->blobs, i),
                                                       &local_error);
      if (digest == NULL)
        goto fail;
    }
  if (batch->docs->len > 0)
    {
      /* One bulk call: with new_edits=false and a few hundred documents the store
       * prepares documents (canonical bodies, search text) on a second thread while this
       * one writes.  Inside our transaction a refused document is reported in the result
       * rows and the others go on; we take the batch whole or not at all. */
      g_autoptr(JsonArray) docs = json_array_sized_new (batch->docs->len);
      g_autoptr(JsonArray) refused = NULL;

      for (guint i = 0; i < batch->docs->len; i++)
        json_array_add_object_element (docs, json_object_ref (g_ptr_array_index (batch->docs, i)));
      refused = caucus_store_bulk_docs (store, docs, FALSE, &local_error);
      if (refused == NULL)
        goto fail;
      if (json_array_get_length (refused) > 0)
        {
          JsonObject *row = json_array_get_object_element (refused, 0);
          const char *id = row ? json_object_get_string_member_with_default (row, "id", NULL) : NULL;
          const char *kind = row ? json_object_get_string_member_with_default (row, "error", "") : "";
          const char *reason = row ? json_object_get_string_member_with_default (row, "reason", "") : "";
          const char *rev = "?";

          for (guint i = 0; i < batch->docs->len && id != NULL; i++)
            {
              JsonObject *doc = g_ptr_array_index (batch->docs, i);
              if (g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), id) == 0)
                {
                  rev = json_object_get_string_member_with_default (doc, "_rev", "?");
                  break;
                }
            }
          caucus_store_rollback (store);
          g_set_error (error, CAUCUS_SYNC_ERROR,
                       g_strcmp0 (kind, "bad_request") == 0 ? CAUCUS_SYNC_ERROR_PROTOCOL
                                                            : CAUCUS_SYNC_ERROR_LOCAL,
                       "The server at %s sent revision %s of “%s” that the local store refused "
                       "(%s); nothing of this batch was written",
                       run->remote->url, rev, id ? id : "?", reason);
          return FALSE;
        }
    }
  if (batch->docs->len > 0)
    {
      /* which documents this batch left with conflicts: one query for the batch */
      g_autoptr(GPtrArray) conflicted = caucus_store_replicate_conflicts_since (store, seq_before,
                                                                               &local_error);
      if (conflicted == NULL)
        goto fail;
      for (guint i = 0; i < conflicted->len; i++)
        g_ptr_array_add (conflicts, g_steal_pointer (&conflicted->pdata[i]));
    }
  new_rev = caucus_checkpoint_write_local (checkpoint, store, batch->last_seq, &local_error);
  if (new_rev == NULL)
    goto fail;
  if (!caucus_store_commit (store, &local_error))
    goto fail;
  g_free (checkpoint->local_rev);
  checkpoint->local_rev = g_steal_pointer (&new_rev);
  return TRUE;

fail:
  caucus_store_rollback (store);
  g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_LOCAL,
               "Could not write pulled documents to the local store: %s", local_error->message);
  return FALSE;
}

gboolean
_caucus_pull_consumer (CaucusRun         *run,
                       CaucusStore       *store,
                       CaucusCouchClient *client,
                       CaucusCheckpoint  *checkpoint,
                       GError           **error)
{
  g_autofree char *written_seq = run->since ? caucus_json_to_string (run->since, NULL) : NULL;
  guint64 bytes_reported = caucus_couch_client_get_bytes (client);
  CaucusBatch *raw;

  while ((raw = _caucus_run_pop_batch (run)) != NULL)
    {
      g_autoptr(CaucusBatch) batch = raw;
      g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *seq_text = caucus_json_to_string (batch->last_seq, NULL);
      guint64 bytes_now;

      if (batch->docs->len > 0 || g_strcmp0 (seq_text, written_seq) != 0)
        {
          gint64 started = g_get_monotonic_time ();

          if (!write_batch (run, store, checkpoint, batch, conflicts, error))
            return FALSE;
          g_debug ("wrote %u revisions and %u attachments in %.1f ms", batch->docs->len,
                   batch->blobs->len, (g_get_monotonic_time () - started) / 1000.0);
          /* Count them now: they are in, whatever happens to the remote checkpoint. */
          _caucus_run_add_progress (run, 0, batch->docs->len, 0, 0);
          g_free (written_seq);
          written_seq = g_steal_pointer (&seq_text);
          if (!caucus_checkpoint_write_remote (checkpoint, client, batch->last_seq,
                                               run->cancellable, error))
            return FALSE;
        }
      bytes_now = caucus_couch_client_get_bytes (client);
      _caucus_run_add_progress (run, 0, 0, 0, bytes_now - bytes_reported);
      bytes_reported = bytes_now;
      _caucus_run_set_position (run, batch->last_seq, batch->pending,
                                run->continuous && batch->pending <= 0 &&
                                batch->n_changes < run->batch_size);
      _caucus_run_add_conflicts (run, conflicts);
    }
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}
