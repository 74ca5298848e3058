/* caucus-replicator-fetch.c — a pull's documents from the remote: _bulk_get requests (a
 * big batch as a few concurrent requests, each on a thread with a session of its own),
 * their answers scanned so that only the documents become trees, or open_revs GETs when
 * the server has no _bulk_get; every document checked (id, revision, history, attachment
 * digests and bytes) before it joins the batch.  Split from caucus-replicator-pull.c.
 */
#include "caucus-json-reader.h"
#include "caucus-replicator-private.h"

#include <string.h>

void
_caucus_wanted_free (CaucusWanted *w)
{
  g_free (w->id);
  g_free (w->rev);
  g_clear_pointer (&w->atts_since, g_ptr_array_unref);
  g_free (w);
}

/* ---- documents --------------------------------------------------------------------- */

static gboolean
batch_has_digest (CaucusBatch *batch,
                  const char  *digest)
{
  for (guint i = 0; i < batch->digests->len; i++)
    if (strcmp (g_ptr_array_index (batch->digests, i), digest) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_base64 (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '+' && *s != '/' && *s != '=' && !g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
take_attachments (CaucusRun         *run,
                  CaucusStore       *store,
                  CaucusCouchClient *client,
                  JsonObject        *doc,
                  const char        *id,
                  const char        *rev,
                  guint64            generation,
                  CaucusBatch       *batch,
                  GError           **error)
{
  const char *url = run->remote->url;
  JsonNode *atts_node = json_object_get_member (doc, "_attachments");
  JsonObject *atts;
  g_autoptr(GList) names = NULL;

  if (atts_node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (atts_node))
    return _caucus_malformed_answer (error, url, "the attachments of “%s” are not an object", id);
  atts = json_node_get_object (atts_node);
  names = json_object_get_members (atts);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *att_node = json_object_get_member (atts, name);
      JsonObject *att, *stub;
      const char *ctype, *data, *digest;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *ours = NULL;
      gint64 revpos;

      if (!JSON_NODE_HOLDS_OBJECT (att_node))
        return _caucus_malformed_answer (error, url, "attachment “%s” of “%s” is not an object", name, id);
      att = json_node_get_object (att_node);
      ctype = json_object_get_string_member_with_default (att, "content_type",
                                                          "application/octet-stream");
      data = json_object_get_string_member_with_default (att, "data", NULL);
      digest = json_object_get_string_member_with_default (att, "digest", NULL);
      revpos = json_object_get_int_member_with_default (att, "revpos", (gint64) generation);
      if (revpos < 1 || (guint64) revpos > generation)
        revpos = (gint64) generation;

      if (data != NULL)
        {
          guchar *raw;
          gsize len = 0;

          if (!is_base64 (data))
            return _caucus_malformed_answer (error, url, "attachment “%s” of “%s” is not valid base64", name, id);
          raw = g_base64_decode (data, &len);
          bytes = g_bytes_new_take (raw, len);
          ours = _caucus_md5_digest (bytes);
          if (digest != NULL && g_str_has_prefix (digest, "md5-") && strcmp (digest, ours) != 0)
            return _caucus_malformed_answer (error, url,
                                             "attachment “%s” of “%s” does not match its digest %s",
                                             name, id, digest);
        }
      else if (json_object_get_boolean_member_with_default (att, "stub", FALSE) && digest != NULL)
        {
          ours = g_strdup (digest);
          if (!batch_has_digest (batch, digest) && !caucus_store_has_blob (store, digest))
            {
              /* A stub for bytes we do not have: fetch them on their own. */
              g_autofree char *eid = caucus_couch_escape_doc_id (id);
              g_autofree char *ename = g_uri_escape_string (name, NULL, FALSE);
              g_autofree char *erev = g_uri_escape_string (rev, NULL, FALSE);
              g_autofree char *path = g_strdup_printf ("%s/%s?rev=%s", eid, ename, erev);
              g_autofree char *check = NULL;

              bytes = caucus_couch_client_get_raw (client, path, run->cancellable, error);
              if (bytes == NULL)
                return FALSE;
              check = _caucus_md5_digest (bytes);
              if (g_str_has_prefix (digest, "md5-") && strcmp (check, digest) != 0)
                return _caucus_malformed_answer (error, url,
                                                 "attachment “%s” of “%s” does not match its digest %s",
                                                 name, id, digest);
              g_free (ours);
              ours = g_steal_pointer (&check);
            }
        }
      else
        return _caucus_malformed_answer (error, url, "attachment “%s” of “%s” has neither data nor a digest",
                                         name, id);

      stub = json_object_new ();
      json_object_set_string_member (stub, "content_type", ctype);
      json_object_set_string_member (stub, "digest", ours);
      if (bytes != NULL)
        json_object_set_int_member (stub, "length", (gint64) g_bytes_get_size (bytes));
      else if (json_object_has_member (att, "length"))
        json_object_set_int_member (stub, "length", json_object_get_int_member_with_default (att, "length", 0));
      json_object_set_int_member (stub, "revpos", revpos);
      json_object_set_boolean_member (stub, "stub", TRUE);
      json_object_set_object_member (atts, name, stub);
      if (bytes != NULL && !batch_has_digest (batch, ours))
        {
          g_ptr_array_add (batch->blobs, g_bytes_ref (bytes));
          g_ptr_array_add (batch->digests, g_strdup (ours));
        }
    }
  return TRUE;
}

/* Checks one fetched revision and adds it to @batch. */
static gboolean
take_doc (CaucusRun         *run,
          CaucusStore       *store,
          CaucusCouchClient *client,
          JsonNode          *node,
          const char        *expected_id,
          CaucusBatch       *batch,
          GError           **error)
{
  const char *url = run->remote->url;
  JsonObject *doc;
  const char *id, *rev, *hash, *first;
  guint64 generation;
  JsonNode *revisions;
  JsonObject *ro;
  JsonArray *ids;
  gint64 start;
  guint n;
  g_autoptr(GError) local_error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _caucus_malformed_answer (error, url, "a fetched document of “%s” is not an object", expected_id);
  doc = json_node_get_object (node);
  id = json_object_get_string_member_with_default (doc, "_id", NULL);
  rev = json_object_get_string_member_with_default (doc, "_rev", NULL);
  if (id == NULL || g_strcmp0 (id, expected_id) != 0)
    return _caucus_malformed_answer (error, url, "asked for “%s”, got a document with id “%s”",
                                     expected_id, id ? id : "(none)");
  if (!caucus_store_validate_id (id, &local_error) || g_str_has_prefix (id, "_local/"))
    return _caucus_malformed_answer (error, url, "document id “%s” is not valid: %s", id,
                                     local_error ? local_error->message : "local documents do not replicate");
  if (rev == NULL || !caucus_rev_parse (rev, &generation, &hash))
    return _caucus_malformed_answer (error, url, "document “%s” has a malformed revision", id);

  revisions = json_object_get_member (doc, "_revisions");
  if (revisions == NULL || !JSON_NODE_HOLDS_OBJECT (revisions))
    return _caucus_malformed_answer (error, url, "document “%s” came without its revision history", id);
  ro = json_node_get_object (revisions);
  start = json_object_get_int_member_with_default (ro, "start", -1);
  if (!json_object_has_member (ro, "ids") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (ro, "ids")))
    return _caucus_malformed_answer (error, url, "the revision history of “%s” has no ids", id);
  ids = json_object_get_array_member (ro, "ids");
  n = json_array_get_length (ids);
  if (start < 1 || (guint64) start != generation || n == 0 || (guint64) n > generation)
    return _caucus_malformed_answer (error, url, "the revision history of “%s” does not match %s", id, rev);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (ids, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          *json_node_get_string (e) == '\0')
        return _caucus_malformed_answer (error, url, "the revision history of “%s” has a malformed id", id);
    }
  first = json_array_get_string_element (ids, 0);
  if (strcmp (first, hash) != 0)
    return _caucus_malformed_answer (error, url, "the revision history of “%s” does not start at %s", id, rev);

  if (!take_attachments (run, store, client, doc, id, rev, generation, batch, error))
    return FALSE;
  g_ptr_array_add (batch->docs, json_object_ref (doc));
  return TRUE;
}

/* Servers answer a _bulk_get one document at a time on one worker; a big batch goes out as
 * a few requests at once (as PouchDB's getDocs does), each on a thread with its own
 * session, and the answers are checked here in order. */
#define BULK_GET_PARALLEL  4
#define BULK_GET_MIN_CHUNK 100

/* One result of a _bulk_get answer: the documents of one id. */
typedef struct {
  char      *id;
  GPtrArray *docs;   /* JsonNode*: the "ok" value of each entry; error entries are left out */
} BulkGetResult;

static void
bulk_get_result_free (BulkGetResult *result)
{
  g_free (result->id);
  g_ptr_array_unref (result->docs);
  g_free (result);
}

typedef struct {
  CaucusRun         *run;
  CaucusCouchClient *client;    /* NULL: the thread makes one (a session of its own) */
  GBytes            *body;
  GPtrArray         *results;   /* BulkGetResult* */
  GError            *error;
  guint64            bytes;
} BulkGetChunk;

/* The strings here came through the strict JSON reader, which refuses text that is not
 * UTF-8, so the store's writer cannot fail on them; were one ever refused, null keeps the
 * request JSON and the server answers that document with an error. */
static void
append_string_or_null (GString    *out,
                       const char *s)
{
  if (!caucus_json_append_string (out, s, NULL))
    g_string_append (out, "null");
}

/* {"docs":[{"id":…,"rev":…,"atts_since":[…]}…]}, written directly: a tree per request
 * cost more than the request is worth. */
static GBytes *
bulk_get_body (GPtrArray *wanted,
               guint      from,
               guint      to)
{
  GString *out = g_string_sized_new (64 + (to - from) * 96);

  g_string_append (out, "{\"docs\":[");
  for (guint i = from; i < to; i++)
    {
      CaucusWanted *w = g_ptr_array_index (wanted, i);
      guint n_since = w->atts_since != NULL ? w->atts_since->len : 0;

      g_string_append (out, i > from ? ",{\"id\":" : "{\"id\":");
      append_string_or_null (out, w->id);
      g_string_append (out, ",\"rev\":");
      append_string_or_null (out, w->rev);
      if (n_since > 0)
        {
          g_string_append (out, ",\"atts_since\":[");
          for (guint j = 0; j < n_since; j++)
            {
              if (j > 0)
                g_string_append_c (out, ',');
              append_string_or_null (out, g_ptr_array_index (w->atts_since, j));
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_string_free_to_bytes (out);
}

#define BULK_GET_PATH "_bulk_get?revs=true&latest=true&attachments=true"

typedef enum {
  ENTRY_OK,
  ENTRY_NOT_OBJECT,
  ENTRY_NEITHER,
} EntryProblem;

/* One entry of a result's "docs", after its '{': {"ok": doc} or {"error": …}. */
static gboolean
scan_entry (CaucusJsonScanner  *sc,
            BulkGetResult      *result,
            EntryProblem       *problem,
            GError            **json_error)
{
  g_autoptr(JsonNode) ok = NULL;
  gboolean has_error = FALSE;

  for (;;)
    {
      CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);
      const char *key;

      if (t == CAUCUS_JSON_ERROR)
        return FALSE;
      if (t == CAUCUS_JSON_END_OBJECT)
        break;
      key = caucus_json_scanner_get_key (sc);
      if (strcmp (key, "ok") == 0)
        {
          g_clear_pointer (&ok, json_node_unref);
          ok = caucus_json_scanner_build (sc, t, json_error);
          if (ok == NULL)
            return FALSE;
          continue;
        }
      if (strcmp (key, "error") == 0)
        has_error = TRUE;
      if (!caucus_json_scanner_skip (sc, t, json_error))
        return FALSE;
    }
  /* An error entry: the revision went away on the server since it was listed
   * (compaction, purge); the next changes round brings whatever replaced it. */
  if (ok != NULL)
    g_ptr_array_add (result->docs, g_steal_pointer (&ok));
  else if (!has_error && *problem == ENTRY_OK)
    *problem = ENTRY_NEITHER;
  return TRUE;
}

/* One result, after its '{': {"id", "docs": [entry…]}.  *@has_docs: "docs" was a list. */
static gboolean
scan_result (CaucusJsonScanner  *sc,
             BulkGetResult      *result,
             gboolean           *has_docs,
             EntryProblem       *problem,
             GError            **json_error)
{
  for (;;)
    {
      CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);
      const char *key;

      if (t == CAUCUS_JSON_ERROR)
        return FALSE;
      if (t == CAUCUS_JSON_END_OBJECT)
        return TRUE;
      key = caucus_json_scanner_get_key (sc);
      if (strcmp (key, "id") == 0)
        {
          _caucus_scan_string (sc, t, &result->id);
        }
      else if (strcmp (key, "docs") == 0)
        {
          /* the last "docs" counts, as in a tree */
          g_ptr_array_set_size (result->docs, 0);
          *problem = ENTRY_OK;
          *has_docs = t == CAUCUS_JSON_BEGIN_ARRAY;
          if (*has_docs)
            {
              for (;;)
                {
                  t = caucus_json_scanner_next (sc, json_error);
                  if (t == CAUCUS_JSON_ERROR)
                    return FALSE;
                  if (t == CAUCUS_JSON_END_ARRAY)
                    break;
                  if (t == CAUCUS_JSON_BEGIN_OBJECT)
                    {
                      if (!scan_entry (sc, result, problem, json_error))
                        return FALSE;
                      continue;
                    }
                  if (*problem == ENTRY_OK)
                    *problem = ENTRY_NOT_OBJECT;
                  if (!caucus_json_scanner_skip (sc, t, json_error))
                    return FALSE;
                }
              continue;
            }
        }
      if (!caucus_json_scanner_skip (sc, t, json_error))
        return FALSE;
    }
}

/* Reads a _bulk_get answer {"results": [{"id", "docs": [{"ok": doc} | {"error": …}]}]}
 * by scanning its envelope: only the documents become trees.  Checks the shape; whether
 * the ids were asked for is the caller's business. */
static GPtrArray *
scan_bulk_get (CaucusRun          *run,
               CaucusCouchClient  *client,
               GBytes             *text,
               GError            **error)
{
  const char *url = run->remote->url;
  g_autoptr(CaucusJsonScanner) sc = _caucus_answer_scanner_new (text);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bulk_get_result_free);
  g_autoptr(GError) json_error = NULL;
  gboolean has_results = FALSE, is_object;
  CaucusJsonToken t;

  if (!_caucus_answer_open_object (sc, &is_object, &json_error))
    goto bad_json;
  if (!is_object)
    return _caucus_malformed_answer (error, url, "the _bulk_get answer has no “results” list"), NULL;
  for (;;)
    {
      t = caucus_json_scanner_next (sc, &json_error);
      if (t == CAUCUS_JSON_ERROR)
        goto bad_json;
      if (t == CAUCUS_JSON_END_OBJECT)
        break;
      if (strcmp (caucus_json_scanner_get_key (sc), "results") != 0 || t != CAUCUS_JSON_BEGIN_ARRAY)
        {
          if (strcmp (caucus_json_scanner_get_key (sc), "results") == 0)
            has_results = FALSE;
          if (!caucus_json_scanner_skip (sc, t, &json_error))
            goto bad_json;
          continue;
        }
      /* the last "results" counts, as in a tree */
      has_results = TRUE;
      g_ptr_array_set_size (results, 0);
      for (guint i = 0;; i++)
        {
          BulkGetResult *result;
          gboolean has_docs = FALSE;
          EntryProblem problem = ENTRY_OK;

          t = caucus_json_scanner_next (sc, &json_error);
          if (t == CAUCUS_JSON_ERROR)
            goto bad_json;
          if (t == CAUCUS_JSON_END_ARRAY)
            break;
          if (t != CAUCUS_JSON_BEGIN_OBJECT)
            return _caucus_malformed_answer (error, url, "result %u of _bulk_get is not an object", i), NULL;
          result = g_new0 (BulkGetResult, 1);
          result->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
          g_ptr_array_add (results, result);
          if (!scan_result (sc, result, &has_docs, &problem, &json_error))
            goto bad_json;
          if (result->id == NULL || !has_docs)
            return _caucus_malformed_answer (error, url, "result %u of _bulk_get has no id or docs", i), NULL;
          if (problem == ENTRY_NOT_OBJECT)
            return _caucus_malformed_answer (error, url, "an entry of _bulk_get for “%s” is not an object",
                                             result->id), NULL;
          if (problem == ENTRY_NEITHER)
            return _caucus_malformed_answer (error, url, "an entry of _bulk_get for “%s” is neither ok nor error",
                                             result->id), NULL;
        }
    }
  if (caucus_json_scanner_next (sc, &json_error) != CAUCUS_JSON_END)
    goto bad_json;
  if (!has_results)
    return _caucus_malformed_answer (error, url, "the _bulk_get answer has no “results” list"), NULL;
  return g_steal_pointer (&results);

bad_json:
  caucus_couch_client_json_error (client, "POST", BULK_GET_PATH, json_error, error);
  return NULL;
}

/* Posts one _bulk_get request and reads its answer: on a thread of its own (with a client
 * of its own) or on the producer's. */
static gpointer
bulk_get_chunk_thread (gpointer data)
{
  BulkGetChunk *chunk = data;
  g_autoptr(CaucusCouchClient) own = NULL;
  CaucusCouchClient *client = chunk->client;
  g_autoptr(GBytes) text = NULL;
  guint64 bytes_before;

  if (client == NULL)
    client = own = caucus_couch_client_new (chunk->run->remote, &chunk->run->limits);
  bytes_before = caucus_couch_client_get_bytes (client);
  text = caucus_couch_client_request_text (client, "POST", BULK_GET_PATH, chunk->body,
                                           chunk->run->cancellable, &chunk->error);
  if (text != NULL)
    chunk->results = scan_bulk_get (chunk->run, client, text, &chunk->error);
  chunk->bytes = caucus_couch_client_get_bytes (client) - bytes_before;
  return NULL;
}

static gboolean
take_bulk_get_answer (CaucusRun         *run,
                      CaucusStore       *store,
                      CaucusCouchClient *client,
                      GPtrArray         *results,
                      GHashTable        *asked,
                      GHashTable        *answered,
                      CaucusBatch       *batch,
                      GError           **error)
{
  const char *url = run->remote->url;

  for (guint i = 0; i < results->len; i++)
    {
      BulkGetResult *result = g_ptr_array_index (results, i);

      /* An answer about something we did not ask for is not the answer to our request
       * (a proxy that mixed answers up, say); taking it would checkpoint past what we
       * asked for and never got. */
      if (!g_hash_table_contains (asked, result->id))
        return _caucus_malformed_answer (error, url, "the _bulk_get answer names “%s”, which was not asked for",
                                         result->id);
      g_hash_table_add (answered, (gpointer) g_hash_table_lookup (asked, result->id));
      for (guint j = 0; j < result->docs->len; j++)
        if (!take_doc (run, store, client, g_ptr_array_index (result->docs, j), result->id,
                       batch, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
_caucus_fetch_bulk_get (CaucusRun         *run,
                        CaucusStore       *store,
                        CaucusCouchClient *client,
                        GPtrArray         *wanted,
                        CaucusBatch       *batch,
                        GError           **error)
{
  guint n_chunks = CLAMP (wanted->len / BULK_GET_MIN_CHUNK, 1, BULK_GET_PARALLEL);
  BulkGetChunk chunks[BULK_GET_PARALLEL] = { { 0 } };
  GThread *threads[BULK_GET_PARALLEL] = { NULL };
  g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) answered = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;
  guint64 bytes = 0;

  for (guint i = 0; i < wanted->len; i++)
    {
      CaucusWanted *w = g_ptr_array_index (wanted, i);
      g_hash_table_insert (asked, w->id, w->id);
    }

  for (guint c = 0; c < n_chunks; c++)
    {
      guint from = wanted->len * c / n_chunks;
      guint to = wanted->len * (c + 1) / n_chunks;

      chunks[c].run = run;
      chunks[c].body = bulk_get_body (wanted, from, to);
      if (n_chunks == 1)
        chunks[c].client = client;   /* one request: on this thread */
      else
        threads[c] = g_thread_new ("caucus-pull-get", bulk_get_chunk_thread, &chunks[c]);
    }
  if (n_chunks == 1)
    bulk_get_chunk_thread (&chunks[0]);
  for (guint c = 0; c < n_chunks; c++)
    {
      if (threads[c] != NULL)
        {
          g_thread_join (threads[c]);
          bytes += chunks[c].bytes;
        }
    }
  for (guint c = 0; c < n_chunks; c++)
    {
      if (ok && chunks[c].error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chunks[c].error));
          ok = FALSE;
        }
      else if (ok && !take_bulk_get_answer (run, store, client, chunks[c].results, asked,
                                            answered, batch, error))
        ok = FALSE;
      g_clear_error (&chunks[c].error);
      g_clear_pointer (&chunks[c].results, g_ptr_array_unref);
      g_clear_pointer (&chunks[c].body, g_bytes_unref);
    }
  /* the producer's own client counts its bytes itself */
  if (bytes > 0)
    _caucus_run_add_progress (run, 0, 0, 0, bytes);
  if (ok && g_hash_table_size (answered) != g_hash_table_size (asked))
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, asked);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (answered, id))
          return _caucus_malformed_answer (error, run->remote->url,
                                           "the _bulk_get answer left out “%s”, which was asked for",
                                           (const char *) id);
    }
  return ok;
}

gboolean
_caucus_fetch_open_revs (CaucusRun         *run,
                         CaucusStore       *store,
                         CaucusCouchClient *client,
                         GPtrArray         *wanted,
                         CaucusBatch       *batch,
                         GError           **error)
{
  const char *url = run->remote->url;
  guint i = 0;

  while (i < wanted->len)
    {
      CaucusWanted *first = g_ptr_array_index (wanted, i);
      g_autoptr(JsonArray) revs = json_array_new ();
      g_autoptr(JsonNode) revs_node = NULL;
      g_autofree char *erevs = NULL, *eid = NULL, *path = NULL, *esince = NULL;
      g_autoptr(JsonNode) answer = NULL;
      JsonArray *items;

      /* wanted is grouped by id: one GET per document with all its missing leaves. */
      while (i < wanted->len && strcmp (((CaucusWanted *) g_ptr_array_index (wanted, i))->id, first->id) == 0)
        json_array_add_string_element (revs, ((CaucusWanted *) g_ptr_array_index (wanted, i++))->rev);
      revs_node = json_node_init_array (json_node_alloc (), revs);
      erevs = caucus_couch_escape_json_node (revs_node);
      eid = caucus_couch_escape_doc_id (first->id);
      if (first->atts_since != NULL && first->atts_since->len > 0)
        {
          JsonArray *since = json_array_sized_new (first->atts_since->len);
          g_autoptr(JsonNode) since_node = NULL;
          g_autofree char *e = NULL;

          for (guint j = 0; j < first->atts_since->len; j++)
            json_array_add_string_element (since, g_ptr_array_index (first->atts_since, j));
          since_node = json_node_init_array (json_node_alloc (), since);
          json_array_unref (since);
          e = caucus_couch_escape_json_node (since_node);
          esince = g_strconcat ("&atts_since=", e, NULL);
        }
      path = g_strdup_printf ("%s?revs=true&latest=true&attachments=true&open_revs=%s%s",
                              eid, erevs, esince ? esince : "");
      answer = caucus_couch_client_request (client, "GET", path, NULL, NULL, run->cancellable, error);
      if (answer == NULL)
        return FALSE;
      if (!JSON_NODE_HOLDS_ARRAY (answer))
        return _caucus_malformed_answer (error, url, "the open_revs answer for “%s” is not a list", first->id);
      items = json_node_get_array (answer);
      /* At least one entry ({ok} or {missing}; with latest=true two asked revisions may
       * come back as one leaf); none means this is not the answer to our request, and
       * taking it would checkpoint past what never came. */
      if (json_array_get_length (items) == 0)
        return _caucus_malformed_answer (error, url, "the open_revs answer for “%s” left out revisions", first->id);
      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonNode *item = json_array_get_element (items, j);
          JsonNode *ok;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return _caucus_malformed_answer (error, url, "an open_revs entry of “%s” is not an object", first->id);
          ok = json_object_get_member (json_node_get_object (item), "ok");
          if (ok != NULL && !take_doc (run, store, client, ok, first->id, batch, error))
            return FALSE;
        }
    }
  return TRUE;
}
