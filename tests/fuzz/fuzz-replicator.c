/* fuzz-replicator.c — what a remote may answer, into the replicator's parsers: a one-shot
 * pull runs against a fake CouchDB (a SoupServer in a thread of its own) that answers every
 * request correctly except one, whose body is the fuzz input.
 *
 * Input: the first byte picks the answer that is fuzzed — the database info, the _local
 * checkpoint, _changes, _bulk_get, or a document GET with open_revs (the fake server then
 * answers _bulk_get with 404, so the replicator falls back to open_revs), or, for a push
 * of a store holding two documents, the _revs_diff or the _bulk_docs answer; the second byte's
 * low bit picks the status (200 or a 500 for the error path), its next two bits the content
 * type (application/json; text/plain, which CouchDB sends to clients that do not ask for
 * JSON; multipart/mixed, as CouchDB answers open_revs to a client that accepts it; and
 * multipart/related, as it sends a document with its attachments); the rest is the body.
 * The replicator asks for JSON and reads no multipart: a multipart answer must be refused
 * as a protocol error, with nothing written.
 * Every run uses a fresh store; when a pull fails the store must hold nothing, and a push
 * leaves its store as it was. */
#include "fuzz-common.h"
#include "caucus-replicator.h"

#include <libsoup/soup.h>
#include <string.h>

typedef enum {
  FUZZ_INFO,
  FUZZ_LOCAL,
  FUZZ_CHANGES,
  FUZZ_BULK_GET,
  FUZZ_OPEN_REVS,
  /* push: the store holds two documents, the answers to what the replicator sends */
  FUZZ_REVS_DIFF,
  FUZZ_BULK_DOCS,
  N_FUZZ,
} FuzzTarget;

#define PUSHING(t) ((t) == FUZZ_REVS_DIFF || (t) == FUZZ_BULK_DOCS)

static GMainContext *context;
static char         *base_url;
static GMutex        lock;
static GCond         cond;
static gboolean      ready;

/* what the current input says (set before a run, read by the server thread during it) */
static FuzzTarget    target;
static guint         fuzz_status;
static const char   *fuzz_content_type;
static GBytes       *fuzz_body;

static const char *GOOD_INFO =
  "{\"db_name\":\"db\",\"update_seq\":\"2-x\",\"instance_start_time\":\"0\"}";
static const char *GOOD_CHANGES =
  "{\"results\":[{\"seq\":1,\"id\":\"x1\",\"changes\":[{\"rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]},"
  "{\"seq\":2,\"id\":\"x2\",\"changes\":[{\"rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}]}],\"last_seq\":2}";
static const char *GOOD_BULK_GET =
  "{\"results\":["
  "{\"id\":\"x1\",\"docs\":[{\"ok\":{\"_id\":\"x1\",\"_rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"type\":\"org\","
  "\"name\":\"Org\",\"_revisions\":{\"start\":1,\"ids\":[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}}]},"
  "{\"id\":\"x2\",\"docs\":[{\"ok\":{\"_id\":\"x2\",\"_rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"type\":\"note\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"cccccccccccccccccccccccccccccccc\"]},"
  "\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\",\"revpos\":2,"
  "\"digest\":\"md5-XUFAKrxLKna5cZ2REBfFkg==\",\"data\":\"aGVsbG8=\"}}}}]}]}";

static const char *const content_types[] = {
  "application/json",
  "text/plain; charset=utf-8",
  "multipart/mixed; boundary=\"7b1596fc4940bc1be725ad67f11ec1c4\"",
  "multipart/related; boundary=\"e89b3e29388aef23453450d10e5aaed0\"",
};

/* What a push sends: an organisation and a note with an attachment. */
static const char *const push_docs[] = {
  "{\"_id\":\"o1\",\"type\":\"org\",\"name\":\"Derechos Digitales\",\"kind\":\"civil-society\"}",
  "{\"_id\":\"n1\",\"type\":\"note\",\"body\":\"مرحبا\",\"_attachments\":{\"a.txt\":"
  "{\"content_type\":\"text/plain\",\"data\":\"aGVsbG8=\"}}}",
};

static void
answer_typed (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              const char        *body,
              gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *body,
        gsize              length)
{
  answer_typed (msg, status, "application/json", body, length);
}

static void
answer_fuzz (SoupServerMessage *msg)
{
  gsize length = 0;
  const char *body = g_bytes_get_data (fuzz_body, &length);

  answer_typed (msg, fuzz_status, fuzz_content_type, body ? body : "", length);
}

/* The correct _revs_diff answer when the remote has nothing: every revision asked about
 * is missing. */
static void
answer_all_missing (SoupServerMessage *msg)
{
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) diff = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *revs;
  gsize length;
  const char *data = g_bytes_get_data (request, &length);

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      answer (msg, 400, "{\"error\":\"bad_request\",\"reason\":\"not an object\"}",
              strlen ("{\"error\":\"bad_request\",\"reason\":\"not an object\"}"));
      return;
    }
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &id, &revs))
    {
      JsonObject *entry = json_object_new ();

      json_object_set_member (entry, "missing", json_node_copy (revs));
      json_object_set_object_member (diff, id, entry);
    }
  root = json_node_init_object (json_node_alloc (), diff);
  text = json_to_string (root, FALSE);
  answer (msg, 200, text, strlen (text));
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (path, "/db") == 0 || strcmp (path, "/db/") == 0)
    {
      if (target == FUZZ_INFO)
        answer_fuzz (msg);
      else
        answer (msg, 200, GOOD_INFO, strlen (GOOD_INFO));
    }
  else if (g_str_has_prefix (path, "/db/_local/"))
    {
      if (strcmp (method, "GET") == 0 && target == FUZZ_LOCAL)
        answer_fuzz (msg);
      else if (strcmp (method, "GET") == 0)
        answer (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}", 40);
      else
        answer (msg, 201, "{\"ok\":true,\"id\":\"_local/x\",\"rev\":\"0-1\"}", 39);
    }
  else if (strcmp (path, "/db/_changes") == 0)
    {
      const char *since = query ? g_hash_table_lookup (query, "since") : NULL;

      if (since != NULL && strcmp (since, "0") != 0)
        answer (msg, 200, "{\"results\":[],\"last_seq\":2}", 27);
      else if (target == FUZZ_CHANGES)
        answer_fuzz (msg);
      else
        answer (msg, 200, GOOD_CHANGES, strlen (GOOD_CHANGES));
    }
  else if (strcmp (path, "/db/_bulk_get") == 0)
    {
      if (target == FUZZ_BULK_GET)
        answer_fuzz (msg);
      else if (target == FUZZ_OPEN_REVS)
        answer (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}", 40);
      else
        answer (msg, 200, GOOD_BULK_GET, strlen (GOOD_BULK_GET));
    }
  else if (strcmp (path, "/db/_revs_diff") == 0 && strcmp (method, "POST") == 0)
    {
      if (target == FUZZ_REVS_DIFF)
        answer_fuzz (msg);
      else
        answer_all_missing (msg);
    }
  else if (strcmp (path, "/db/_bulk_docs") == 0 && strcmp (method, "POST") == 0)
    {
      if (target == FUZZ_BULK_DOCS)
        answer_fuzz (msg);
      else
        answer (msg, 201, "[]", 2);
    }
  else if (g_str_has_prefix (path, "/db/x") && target == FUZZ_OPEN_REVS)
    answer_fuzz (msg);
  else
    answer (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}", 40);
}

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  GSList *uris;

  g_main_context_push_thread_default (context);
  soup = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup, NULL, handler_cb, NULL, NULL);
  if (!soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("fuzz-replicator: %s", error->message);
  uris = soup_server_get_uris (soup);
  g_mutex_lock (&lock);
  base_url = g_strdup_printf ("http://127.0.0.1:%d/db", g_uri_get_port (uris->data));
  ready = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);
  return NULL;
}

static void
setup (void)
{
  context = g_main_context_new ();
  g_thread_unref (g_thread_new ("fuzz-fake-couch", server_thread, NULL));
  g_mutex_lock (&lock);
  while (!ready)
    g_cond_wait (&cond, &lock);
  g_mutex_unlock (&lock);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = NULL;
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusReplicator) replicator = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  CaucusCouchLimits limits;
  CaucusStoreInfo info;
  gboolean ok;

  if (size < 2 || size > 512 * 1024)
    return 0;
  if (context == NULL)
    setup ();
  target = data[0] % N_FUZZ;
  fuzz_status = (data[1] & 1) ? 500 : 200;
  fuzz_content_type = content_types[(data[1] >> 1) & 3];
  g_clear_pointer (&fuzz_body, g_bytes_unref);
  fuzz_body = g_bytes_new (data + 2, size - 2);

  dir = g_strdup_printf ("%s/run-%u", fuzz_tmp_dir (), serial++);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "store.db", NULL);
  store = caucus_store_open (path, &error);
  if (store == NULL)
    g_error ("fuzz-replicator: %s", error->message);
  remote = caucus_remote_new (base_url, NULL, NULL, &error);
  g_assert (remote != NULL);
  if (PUSHING (target))
    for (guint i = 0; i < G_N_ELEMENTS (push_docs); i++)
      {
        g_autofree char *rev = caucus_store_put_json (store, push_docs[i], -1, &error);

        if (rev == NULL)
          g_error ("fuzz-replicator: %s", error->message);
      }
  replicator = caucus_replicator_new (store, remote,
                                      PUSHING (target) ? CAUCUS_REPLICATION_PUSH : CAUCUS_REPLICATION_PULL);
  caucus_couch_limits_init_default (&limits);
  limits.max_retries = 0;
  limits.timeout_s = 5;
  limits.max_response_bytes = 1024 * 1024;
  caucus_replicator_set_limits (replicator, &limits);

  ok = caucus_replicator_run (replicator, NULL, &error);
  if (PUSHING (target))
    {
      /* Whatever the remote answered, a push writes nothing but its checkpoint. */
      g_assert (ok || (error != NULL && error->message[0] != '\0'));
      g_assert (caucus_store_get_info (store, &info, NULL));
      g_assert_cmpint (info.doc_count, ==, 2);
      g_assert_cmpint (info.doc_del_count, ==, 0);
    }
  else if (!ok)
    {
      /* A failed pull says why and has written no document. */
      g_assert (error != NULL && error->message[0] != '\0');
      g_assert (caucus_store_get_info (store, &info, NULL));
      g_assert_cmpint (info.doc_count + info.doc_del_count, ==, 0);
    }
  g_assert (caucus_store_integrity_check (store, NULL));
  g_clear_object (&replicator);
  g_clear_object (&store);
  fuzz_rm_rf (dir);
  return 0;
}
