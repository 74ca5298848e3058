/* caucus-replicator-push.c — local → remote.
 *
 * Producer thread: the local changes feed (every leaf) → the remote's _revs_diff → the
 * missing revisions read from the local store as JSON text with their _revisions path
 * (caucus_store_replicate_read: stored bodies spliced, not parsed), attachment bytes
 * inlined only when the remote's possible ancestors predate them → queue.
 * Consumer (run thread): _bulk_docs with new_edits:false (a 413 splits the batch in
 * halves), then the checkpoints (remote, then local).
 */
#include "caucus-json-reader.h"
#include "caucus-replicator-private.h"
#include "caucus-store-replicate.h"

#include <string.h>

/* One document of a _revs_diff answer. */
typedef struct {
  char      *id;
  GPtrArray *missing;       /* char*, the revisions the remote lacks */
  guint64    known;         /* the newest generation among its possible ancestors, 0: none */
  gboolean   has_missing;   /* "missing" was a list */
  gboolean   bad_rev;       /* it listed something that is not a revision */
} DiffEntry;

static void
diff_entry_free (DiffEntry *entry)
{
  g_free (entry->id);
  g_ptr_array_unref (entry->missing);
  g_free (entry);
}

/* The members of one entry, after its '{': {"missing": [...], "possible_ancestors": [...]}
 * (the last of a member named twice counts, as in a tree). */
static gboolean
scan_diff_entry (CaucusJsonScanner  *sc,
                 DiffEntry          *entry,
                 GError            **json_error)
{
  for (;;)
    {
      CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);
      gboolean missing, ancestors;

      if (t == CAUCUS_JSON_ERROR)
        return FALSE;
      if (t == CAUCUS_JSON_END_OBJECT)
        return TRUE;
      missing = strcmp (caucus_json_scanner_get_key (sc), "missing") == 0;
      ancestors = strcmp (caucus_json_scanner_get_key (sc), "possible_ancestors") == 0;
      if (missing)
        {
          entry->has_missing = t == CAUCUS_JSON_BEGIN_ARRAY;
          entry->bad_rev = FALSE;
          g_ptr_array_set_size (entry->missing, 0);
        }
      if (ancestors)
        entry->known = 0;
      if ((!missing && !ancestors) || t != CAUCUS_JSON_BEGIN_ARRAY)
        {
          if (!caucus_json_scanner_skip (sc, t, json_error))
            return FALSE;
          continue;
        }
      for (;;)
        {
          guint64 gen = 0;
          const char *hash;
          gboolean is_rev;

          t = caucus_json_scanner_next (sc, json_error);
          if (t == CAUCUS_JSON_ERROR)
            return FALSE;
          if (t == CAUCUS_JSON_END_ARRAY)
            break;
          is_rev = t == CAUCUS_JSON_STRING &&
                   caucus_rev_parse (caucus_json_scanner_get_string (sc), &gen, &hash) && gen > 0;
          if (missing && is_rev)
            g_ptr_array_add (entry->missing, g_strdup (caucus_json_scanner_get_string (sc)));
          else if (missing)
            entry->bad_rev = TRUE;
          else if (is_rev)
            entry->known = MAX (entry->known, gen);
          if (!caucus_json_scanner_skip (sc, t, json_error))
            return FALSE;
        }
    }
}

/* Reads a _revs_diff answer {id: {"missing": [...], "possible_ancestors": [...]}, …} by
 * scanning it (no tree): one entry per document, in the answer's order.  @asked: the ids
 * of the request. */
static GPtrArray *
scan_revs_diff (CaucusRun          *run,
                CaucusCouchClient  *client,
                GBytes             *text,
                GHashTable         *asked,
                GError            **error)
{
  const char *url = run->remote->url;
  g_autoptr(CaucusJsonScanner) sc = _caucus_answer_scanner_new (text);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) diff_entry_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) json_error = NULL;
  gboolean is_object;
  CaucusJsonToken t;

  if (!_caucus_answer_open_object (sc, &is_object, &json_error))
    goto bad_json;
  if (!is_object)
    return _caucus_malformed_answer (error, url, "the _revs_diff answer is not an object"), NULL;
  for (;;)
    {
      const char *id;
      DiffEntry *entry;

      t = caucus_json_scanner_next (sc, &json_error);
      if (t == CAUCUS_JSON_ERROR)
        goto bad_json;
      if (t == CAUCUS_JSON_END_OBJECT)
        break;
      id = caucus_json_scanner_get_key (sc);
      /* An id we did not ask about means this is not the answer to our request (a
       * proxy that mixed up answers, say): trusting it would take "nothing listed"
       * for "nothing missing" and checkpoint past documents never sent. */
      if (!g_hash_table_contains (asked, id))
        return _caucus_malformed_answer (error, url, "the _revs_diff answer names a document that was not asked about"), NULL;
      if (t != CAUCUS_JSON_BEGIN_OBJECT)
        return _caucus_malformed_answer (error, url, "a _revs_diff entry has no “missing” list"), NULL;
      entry = g_hash_table_lookup (by_id, id);
      if (entry == NULL)
        {
          entry = g_new0 (DiffEntry, 1);
          entry->id = g_strdup (id);
          entry->missing = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (entries, entry);
          g_hash_table_insert (by_id, entry->id, entry);
        }
      else
        {
          /* named twice: the last counts, as in a tree */
          g_ptr_array_set_size (entry->missing, 0);
          entry->known = 0;
        }
      entry->has_missing = FALSE;
      entry->bad_rev = FALSE;
      if (!scan_diff_entry (sc, entry, &json_error))
        goto bad_json;
      if (!entry->has_missing)
        return _caucus_malformed_answer (error, url, "a _revs_diff entry has no “missing” list"), NULL;
      if (entry->bad_rev)
        return _caucus_malformed_answer (error, url, "a _revs_diff entry lists a malformed revision"), NULL;
    }
  if (caucus_json_scanner_next (sc, &json_error) != CAUCUS_JSON_END)
    goto bad_json;
  return g_steal_pointer (&entries);

bad_json:
  caucus_couch_client_json_error (client, "POST", "_revs_diff", json_error, error);
  return NULL;
}

/* For each document of the _revs_diff answer, the missing revisions as JSON text into
 * @batch. */
static gboolean
read_missing (CaucusStore *store,
              GPtrArray   *entries,
              CaucusBatch *batch,
              GError     **error)
{
  for (guint e = 0; e < entries->len; e++)
    {
      DiffEntry *entry = g_ptr_array_index (entries, e);
      guint n_before;

      if (entry->missing->len == 0)
        continue;
      g_ptr_array_add (entry->missing, NULL);
      /* the revisions as JSON text, spliced from the stored bodies; those the store
       * no longer has (the remote invented them, or they were compacted) are left out */
      n_before = batch->texts->len;
      if (!caucus_store_replicate_read (store, entry->id, (const char * const *) entry->missing->pdata,
                                        entry->known, batch->texts, batch->rev_ids, error))
        return FALSE;
      for (guint i = n_before; i < batch->texts->len; i++)
        g_ptr_array_add (batch->ids, g_strdup (entry->id));
    }
  return TRUE;
}

static gboolean
push_produce (CaucusRun  *run,
              GError    **error)
{
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusCouchClient) client = NULL;
  gint64 since = 0;
  guint64 seen_changes = 0;
  guint64 bytes_reported = 0;
  gboolean announced_idle = FALSE;

  store = _caucus_run_open_store (run, error);
  if (store == NULL)
    return FALSE;
  client = caucus_couch_client_new (run->remote, &run->limits);
  if (run->since != NULL && json_node_get_value_type (run->since) == G_TYPE_INT64)
    since = json_node_get_int (run->since);

  for (;;)
    {
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) request = g_string_sized_new (96 * run->batch_size + 2);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) diff_text = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(CaucusBatch) batch = NULL;
      gboolean ok;
      gint64 last_seq, pending, listed;
      guint n_rows;
      guint64 bytes_now;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      /* the local changes feed (every leaf), written straight into the _revs_diff request
       * {id: [every leaf], …}: no tree of the feed */
      listed = caucus_store_replicate_changes (store, since, run->batch_size, request, ids,
                                               &last_seq, &pending, error);
      if (listed < 0)
        return FALSE;
      n_rows = (guint) listed;

      if (n_rows == 0)
        {
          if (!run->continuous)
            return TRUE;
          if (!announced_idle)
            {
              /* Tell the consumer (and through it the UI) that we are caught up. */
              batch = _caucus_batch_new ();
              batch->last_seq = json_node_init_int (json_node_alloc (), MAX (last_seq, since));
              batch->pending = 0;
              if (!_caucus_run_push_batch (run, g_steal_pointer (&batch)))
                return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
              announced_idle = TRUE;
            }
          seen_changes = _caucus_run_wait_local_change (run, seen_changes, 1000);
          continue;
        }
      announced_idle = FALSE;

      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (asked, g_ptr_array_index (ids, i));
      body = g_string_free_to_bytes (g_steal_pointer (&request));
      diff_text = caucus_couch_client_request_text (client, "POST", "_revs_diff", body,
                                                    run->cancellable, error);
      if (diff_text == NULL)
        return FALSE;
      entries = scan_revs_diff (run, client, diff_text, asked, error);
      if (entries == NULL)
        return FALSE;

      batch = _caucus_batch_new ();
      batch->last_seq = json_node_init_int (json_node_alloc (), last_seq);
      batch->pending = pending;
      batch->n_changes = n_rows;

      /* one read transaction for the batch's revisions: one lock, one snapshot */
      if (!caucus_store_read_begin (store, error))
        return FALSE;
      ok = read_missing (store, entries, batch, error);
      caucus_store_read_end (store);
      if (!ok)
        return FALSE;

      bytes_now = caucus_couch_client_get_bytes (client);
      _caucus_run_add_progress (run, batch->texts->len, 0, 0, bytes_now - bytes_reported);
      bytes_reported = bytes_now;
      since = last_seq;
      if (!_caucus_run_push_batch (run, g_steal_pointer (&batch)))
        return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
      if (!run->continuous && (pending == 0 || n_rows < run->batch_size))
        return TRUE;
    }
}

gpointer
_caucus_push_producer (gpointer data)
{
  CaucusRun *run = data;
  g_autoptr(GError) error = NULL;

  push_produce (run, &error);
  _caucus_run_producer_finish (run, error);
  return NULL;
}

/* Sends docs [start, start + count) of @batch; splits on 413. */
static gboolean
send_docs (CaucusRun         *run,
           CaucusCouchClient *client,
           CaucusBatch       *batch,
           guint              start,
           guint              count,
           guint64           *failures,
           GError           **error)
{
  g_autoptr(GString) text = g_string_new ("{\"new_edits\":false,\"docs\":[");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  for (guint i = start; i < start + count; i++)
    {
      if (i > start)
        g_string_append_c (text, ',');
      g_string_append (text, g_ptr_array_index (batch->texts, i));
    }
  g_string_append (text, "]}");
  body = g_string_free_to_bytes (g_steal_pointer (&text));

  answer = caucus_couch_client_request (client, "POST", "_bulk_docs", body, NULL,
                                        run->cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_TOO_LARGE))
        {
          if (count == 1)
            {
              g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_TOO_LARGE,
                           "Document “%s” (%s) is larger than the server at %s accepts",
                           (const char *) g_ptr_array_index (batch->ids, start),
                           (const char *) g_ptr_array_index (batch->rev_ids, start),
                           run->remote->url);
              return FALSE;
            }
          return send_docs (run, client, batch, start, count / 2, failures, error) &&
                 send_docs (run, client, batch, start + count / 2, count - count / 2, failures, error);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (answer))
    return _caucus_malformed_answer (error, run->remote->url, "the _bulk_docs answer is not a list");
  results = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *r = json_array_get_element (results, i);

      if (JSON_NODE_HOLDS_OBJECT (r) && json_object_has_member (json_node_get_object (r), "error"))
        {
          JsonObject *ro = json_node_get_object (r);
          g_debug ("the server did not take %s: %s",
                   json_object_get_string_member_with_default (ro, "id", "?"),
                   json_object_get_string_member_with_default (ro, "reason", "?"));
          (*failures)++;
        }
    }
  return TRUE;
}

gboolean
_caucus_push_consumer (CaucusRun         *run,
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
      g_autofree char *seq_text = caucus_json_to_string (batch->last_seq, NULL);
      guint64 failures = 0;
      guint64 bytes_now;

      if (batch->texts->len > 0 &&
          !send_docs (run, client, batch, 0, batch->texts->len, &failures, error))
        return FALSE;
      /* Count them now: they are on the server, whatever happens to the checkpoints. */
      _caucus_run_add_progress (run, 0, batch->texts->len - failures, failures, 0);
      if (g_strcmp0 (seq_text, written_seq) != 0)
        {
          char *new_rev;

          if (!caucus_checkpoint_write_remote (checkpoint, client, batch->last_seq,
                                               run->cancellable, error))
            return FALSE;
          new_rev = caucus_checkpoint_write_local (checkpoint, store, batch->last_seq, error);
          if (new_rev == NULL)
            return FALSE;
          g_free (checkpoint->local_rev);
          checkpoint->local_rev = new_rev;
          g_free (written_seq);
          written_seq = g_steal_pointer (&seq_text);
        }
      bytes_now = caucus_couch_client_get_bytes (client);
      _caucus_run_add_progress (run, 0, 0, 0, bytes_now - bytes_reported);
      bytes_reported = bytes_now;
      _caucus_run_set_position (run, batch->last_seq, batch->pending,
                                run->continuous && batch->pending == 0);
    }
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}
