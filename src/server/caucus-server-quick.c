/* caucus-server-quick.c — which requests the main thread answers itself.
 *
 * A request normally goes to a worker thread and its answer comes back to the main loop:
 * two thread hand-offs, each a wake-up of a sleeping thread.  For the small reads a
 * replicator sends between its bulk requests (the database info, its checkpoint, a
 * _revs_diff, a _changes page, a _bulk_get of one batch) those hand-offs cost more than
 * the answer, and on a loaded machine every wake-up may wait for a CPU.  So the main thread
 * answers these itself with its own connections (a CaucusWorker of its own), measured in
 * docs/layers/server.md.
 *
 * What stays on the workers, so that nothing on the main loop can take long:
 * - writes (PUT, DELETE, attachments, large _bulk_docs): a write may wait for the
 *   database's write lock while a worker runs a large _bulk_docs.  The exceptions are a
 *   replicator's checkpoint (PUT _local/…) and a _bulk_docs of one replication batch
 *   (body ≤ 128 KiB, one short transaction of a few ms) while no worker is running
 *   anything: only this server's threads write its databases, and the workers take work
 *   only from the main thread, so the write lock is free and stays free meanwhile;
 * - every password check (argon2id, ~0.1 s): the main thread answers only requests whose
 *   Basic credentials are in the verified cache, or that carry a session cookie (an HMAC)
 *   or no credentials; otherwise the request is handed on (req->needs_worker) before
 *   anything was answered or recorded, and the worker checks it from the start;
 * - reads whose size the request does not bound: documents and attachments, _all_docs,
 *   feeds (longpoll, continuous), _changes without a limit or with more than one page,
 *   _changes with the documents, _bulk_get with attachments or with a large body.
 * Readers never wait for SQLite's write lock (WAL), so the reads below never block. */
#include "caucus-server-private.h"

#include <string.h>

/* A _bulk_get or _revs_diff body up to this size: a PouchDB batch of 100 is ~5.5 KiB. */
#define QUICK_MAX_BODY    (16 * 1024)
/* A checkpoint (_local) written on the main thread: PouchDB's are ~250 bytes. */
#define QUICK_MAX_LOCAL   (4 * 1024)
/* A _bulk_docs written on the main thread, in one short transaction: a PouchDB batch of
 * 100 ~500-byte documents is ~60 KiB and ~2.5 ms. */
#define QUICK_MAX_BULK_DOCS (128 * 1024)
/* _changes pages up to this limit are answered whole (the stream starts past 500 rows). */
#define QUICK_MAX_CHANGES 500

static gboolean
query_is (CaucusRequest *req, const char *name, const char *value)
{
  const char *v = g_hash_table_lookup (req->query, name);
  return v != NULL && g_str_equal (v, value);
}

static gboolean
quick_changes (CaucusRequest *req)
{
  const char *limit = g_hash_table_lookup (req->query, "limit");
  const char *feed = g_hash_table_lookup (req->query, "feed");
  guint64 n = 0;

  if (feed != NULL && !g_str_equal (feed, "normal"))
    return FALSE;
  if (g_hash_table_contains (req->query, "include_docs") && !query_is (req, "include_docs", "false"))
    return FALSE;
  /* A bad limit is answered by the worker's parameter checks. */
  return limit != NULL &&
         g_ascii_string_to_unsigned (limit, 10, 1, QUICK_MAX_CHANGES, &n, NULL);
}

static gboolean
small_body (CaucusRequest *req)
{
  return req->body != NULL && g_bytes_get_size (req->body) <= QUICK_MAX_BODY;
}

gboolean
caucus_request_is_quick (CaucusRequest *req,
                         gboolean       workers_idle)
{
  const char *path = req->path;
  const char *slash;
  const char *rest;
  gboolean get = g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD");
  gboolean post = g_str_equal (req->method, "POST");

  if (path == NULL || path[0] != '/')
    return FALSE;
  path++;
  /* GET / */
  if (path[0] == '\0')
    return get;
  /* _session, _all_dbs, _uuids: login (argon2id) or rare */
  if (path[0] == '_')
    return FALSE;
  slash = strchr (path, '/');
  /* GET /{db} */
  if (slash == NULL || slash[1] == '\0')
    return get;
  rest = slash + 1;
  if (g_str_has_prefix (rest, "_local/"))
    {
      if (strchr (rest + strlen ("_local/"), '/') != NULL)
        return FALSE;
      if (get)
        return TRUE;
      return workers_idle && g_str_equal (req->method, "PUT") && req->body != NULL &&
             g_bytes_get_size (req->body) <= QUICK_MAX_LOCAL;
    }
  if (g_str_equal (rest, "_changes"))
    return get && quick_changes (req);
  if (g_str_equal (rest, "_bulk_docs"))
    return post && workers_idle && req->body != NULL &&
           g_bytes_get_size (req->body) <= QUICK_MAX_BULK_DOCS;
  if (g_str_equal (rest, "_revs_diff"))
    return post && small_body (req);
  if (g_str_equal (rest, "_bulk_get"))
    return post && small_body (req) && !g_hash_table_contains (req->query, "attachments");
  return FALSE;
}
