/* test-hostile.c — a fake CouchDB that misbehaves: garbage, wrong shapes, wrong content
 * types, truncated bodies, hangs, oversized answers, refused credentials, 413s.  Every
 * case must end in a clear error (or, for 413, in success by splitting) and leave the
 * local store exactly as it was before the failing batch. */
#include "sync-test-util.h"
#include "caucus-sync-error.h"

#include <string.h>

/* ---- the fake server (raw HTTP/1.1 on a socket, so it can truncate and hang) ------- */

typedef struct {
  const char *mode;
  guint       bulk_docs_calls;
  guint       bulk_docs_max;     /* most docs seen in one accepted _bulk_docs */
  guint       bulk_docs_total;
  GMutex      lock;
  GCond       release;           /* hangs wait on this until the test ends */
  gboolean    released;
} Fake;

static Fake fake;

static void
respond (GOutputStream *out,
         guint          status,
         const char    *ctype,
         const char    *body)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u X\r\nContent-Type: %s\r\n"
                                           "Content-Length: %zu\r\n\r\n",
                                           status, ctype, strlen (body));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, strlen (body), NULL, NULL, NULL);
}

static const char *GOOD_CHANGES =
  "{\"results\":[{\"seq\":1,\"id\":\"x1\",\"changes\":[{\"rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}]},"
  "{\"seq\":2,\"id\":\"x2\",\"changes\":[{\"rev\":\"1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}]}],"
  "\"last_seq\":2}";

static char *
doc_json (const char *id,
          const char *hash,
          const char *extra)
{
  return g_strdup_printf ("{\"_id\":\"%s\",\"_rev\":\"1-%s\",\"type\":\"org\","
                          "\"_revisions\":{\"start\":1,\"ids\":[\"%s\"]}%s}",
                          id, hash, hash, extra ? extra : "");
}

/* Returns FALSE to drop the connection. */
static gboolean
handle (GOutputStream *out,
        const char    *method,
        const char    *path,
        const char    *body)
{
  const char *mode = fake.mode;
  const char *json = "application/json";

  if (strcmp (mode, "auth") == 0)
    {
      respond (out, 401, json, "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}");
      return TRUE;
    }
  if (strcmp (mode, "server-error") == 0)
    {
      respond (out, 500, json, "{\"error\":\"internal\",\"reason\":\"kaput\"}");
      return TRUE;
    }
  if (strcmp (path, "/db") == 0)
    {
      respond (out, 200, json, "{\"db_name\":\"db\",\"update_seq\":2,\"instance_start_time\":\"0\"}");
      return TRUE;
    }
  if (g_str_has_prefix (path, "/db/_local/"))
    {
      if (strcmp (method, "GET") == 0)
        respond (out, 404, json, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
      else
        respond (out, 201, json, "{\"ok\":true,\"id\":\"x\",\"rev\":\"0-1\"}");
      return TRUE;
    }
  if (g_str_has_prefix (path, "/db/_changes"))
    {
      gboolean second = strstr (path, "since=2") != NULL;

      if (strcmp (mode, "garbage") == 0)
        respond (out, 200, json, "{\"results\":[tru");
      else if (strcmp (mode, "wrong-type") == 0)
        respond (out, 200, "text/html", "<html><body>Captive portal: please log in</body></html>");
      else if (strcmp (mode, "bad-shape") == 0)
        respond (out, 200, json, "{\"results\":{\"id\":1},\"last_seq\":2}");
      else if (strcmp (mode, "bad-rev") == 0)
        respond (out, 200, json, "{\"results\":[{\"seq\":1,\"id\":\"x1\",\"changes\":[{\"rev\":\"banana\"}]}],\"last_seq\":1}");
      else if (strcmp (mode, "deep") == 0)
        {
          g_autofree char *deep = g_strnfill (100000, '[');
          respond (out, 200, json, deep);
        }
      else if (strcmp (mode, "too-large") == 0)
        {
          g_autoptr(GString) big = g_string_new ("{\"results\":[],\"pad\":\"");
          for (guint i = 0; i < 3 * 1024 * 1024; i++)
            g_string_append_c (big, 'x');
          g_string_append (big, "\",\"last_seq\":2}");
          respond (out, 200, json, big->str);
        }
      else if (strcmp (mode, "truncated") == 0)
        {
          const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
          g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
          g_output_stream_write_all (out, GOOD_CHANGES, 60, NULL, NULL, NULL);
          return FALSE;
        }
      else if (strcmp (mode, "hang") == 0)
        {
          const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
          g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
          g_output_stream_write_all (out, GOOD_CHANGES, 60, NULL, NULL, NULL);
          g_output_stream_flush (out, NULL, NULL);
          g_mutex_lock (&fake.lock);
          while (!fake.released)
            g_cond_wait (&fake.release, &fake.lock);
          g_mutex_unlock (&fake.lock);
          return FALSE;
        }
      else if (strcmp (mode, "second-batch-bad") == 0 && second)
        respond (out, 200, json,
                 "{\"results\":[{\"seq\":3,\"id\":\"x3\",\"changes\":[{\"rev\":\"1-cccccccccccccccccccccccccccccccc\"}]}],"
                 "\"last_seq\":3}");
      else if (second)
        respond (out, 200, json, "{\"results\":[],\"last_seq\":2}");
      else
        respond (out, 200, json, GOOD_CHANGES);
      return TRUE;
    }
  if (g_str_has_prefix (path, "/db/_bulk_get"))
    {
      g_autofree char *d1 = doc_json ("x1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
      g_autofree char *d2 = NULL;
      g_autofree char *answer = NULL;

      if (strstr (body, "\"x3\"") != NULL)
        {
          /* history that does not lead to the revision */
          respond (out, 200, json,
                   "{\"results\":[{\"id\":\"x3\",\"docs\":[{\"ok\":{\"_id\":\"x3\",\"_rev\":\"1-cccccccccccccccccccccccccccccccc\","
                   "\"_revisions\":{\"start\":1,\"ids\":[\"dddddddddddddddddddddddddddddddd\"]}}}]}]}");
          return TRUE;
        }
      if (strcmp (mode, "left-out") == 0)
        {
          /* the answer to some other request: x2 is missing from it */
          answer = g_strdup_printf ("{\"results\":[{\"id\":\"x1\",\"docs\":[{\"ok\":%s}]}]}", d1);
          respond (out, 200, json, answer);
          return TRUE;
        }
      if (strcmp (mode, "bad-history") == 0)
        d2 = g_strdup ("{\"_id\":\"x2\",\"_rev\":\"1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"_revisions\":{\"start\":7,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"]}}");
      else if (strcmp (mode, "wrong-id") == 0)
        d2 = doc_json ("someone-else", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL);
      else if (strcmp (mode, "bad-attachment") == 0)
        d2 = doc_json ("x2", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                       ",\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\",\"revpos\":1,"
                       "\"digest\":\"md5-AAAAAAAAAAAAAAAAAAAAAA==\",\"data\":\"aGVsbG8=\"}}");
      else
        d2 = doc_json ("x2", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL);
      answer = g_strdup_printf ("{\"results\":[{\"id\":\"x1\",\"docs\":[{\"ok\":%s}]},"
                                "{\"id\":\"x2\",\"docs\":[{\"ok\":%s}]}]}", d1, d2);
      respond (out, 200, json, answer);
      return TRUE;
    }
  if (g_str_has_prefix (path, "/db/_revs_diff"))
    {
      /* everything is missing: echo the request's ids and revs */
      g_autoptr(JsonParser) p = json_parser_new ();
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      JsonObject *req;
      g_autoptr(GList) ids = NULL;

      g_assert_true (json_parser_load_from_data (p, body, -1, NULL));
      req = json_node_get_object (json_parser_get_root (p));
      ids = json_object_get_members (req);
      json_builder_begin_object (b);
      for (GList *l = ids; l; l = l->next)
        {
          json_builder_set_member_name (b, l->data);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "missing");
          json_builder_add_value (b, json_node_copy (json_object_get_member (req, l->data)));
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, FALSE);
      respond (out, 200, json, text);
      return TRUE;
    }
  if (g_str_has_prefix (path, "/db/_bulk_docs"))
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      guint n;

      g_assert_true (json_parser_load_from_data (p, body, -1, NULL));
      n = json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (p)), "docs"));
      g_mutex_lock (&fake.lock);
      fake.bulk_docs_calls++;
      g_mutex_unlock (&fake.lock);
      if (n > 3)
        {
          respond (out, 413, json, "{\"error\":\"too_large\",\"reason\":\"the request entity is too large\"}");
          return TRUE;
        }
      g_mutex_lock (&fake.lock);
      fake.bulk_docs_max = MAX (fake.bulk_docs_max, n);
      fake.bulk_docs_total += n;
      g_mutex_unlock (&fake.lock);
      respond (out, 201, json, "[]");
      return TRUE;
    }
  respond (out, 404, json, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
  return TRUE;
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  for (;;)
    {
      g_autofree char *request = g_data_input_stream_read_line (in, NULL, NULL, NULL);
      g_auto(GStrv) parts = NULL;
      g_autofree char *body = NULL;
      gsize length = 0;

      if (request == NULL)
        return TRUE;
      for (;;)
        {
          g_autofree char *header = g_data_input_stream_read_line (in, NULL, NULL, NULL);
          if (header == NULL)
            return TRUE;
          if (*header == '\0')
            break;
          if (g_ascii_strncasecmp (header, "Content-Length:", 15) == 0)
            length = g_ascii_strtoull (header + 15, NULL, 10);
        }
      body = g_malloc0 (length + 1);
      if (length > 0 && !g_input_stream_read_all (G_INPUT_STREAM (in), body, length, NULL, NULL, NULL))
        return TRUE;
      parts = g_strsplit (request, " ", 3);
      if (g_strv_length (parts) < 2 || !handle (out, parts[0], parts[1], body))
        return TRUE;
    }
}

static GSocketService *service;
static char *fake_url;
static GMainLoop *fake_loop;

/* The service accepts in the thread-default context of whoever starts it; the replicator's
 * blocking run iterates a private context, so the fake server gets a thread of its own. */
static gpointer
fake_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), addr, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (run_cb), NULL);
  g_socket_service_start (service);
  g_mutex_lock (&fake.lock);
  fake_url = g_strdup_printf ("http://127.0.0.1:%u/db",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  fake_loop = g_main_loop_new (context, FALSE);
  g_cond_broadcast (&fake.release);
  g_mutex_unlock (&fake.lock);
  g_main_loop_run (fake_loop);
  g_socket_service_stop (service);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
fake_start (void)
{
  g_thread_unref (g_thread_new ("fake-couch", fake_thread, NULL));
  g_mutex_lock (&fake.lock);
  while (fake_url == NULL)
    g_cond_wait (&fake.release, &fake.lock);
  g_mutex_unlock (&fake.lock);
}

/* ---- the cases --------------------------------------------------------------------- */

typedef struct {
  const char *mode;
  GQuark      domain;
  int         code;
  const char *needle;     /* part of the message a person reads */
} Case;

static gboolean
pull_with (CaucusStore  *store,
           guint         batch_size,
           GError      **error)
{
  g_autoptr(CaucusRemote) remote = caucus_remote_new (fake_url, "ana", "secret", NULL);
  g_autoptr(CaucusReplicator) r = caucus_replicator_new (store, remote, CAUCUS_REPLICATION_PULL);
  CaucusCouchLimits limits;

  caucus_couch_limits_init_default (&limits);
  limits.timeout_s = 1;
  limits.max_retries = 1;
  limits.retry_base_ms = 10;
  limits.max_response_bytes = 1024 * 1024;
  caucus_replicator_set_limits (r, &limits);
  caucus_replicator_set_batch_size (r, batch_size);
  return caucus_replicator_run (r, NULL, error);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(TestStore) ts = test_store_new ();
  g_autoptr(GError) error = NULL;
  CaucusStoreInfo before, after;
  gint64 started = g_get_monotonic_time ();

  g_free (test_put (ts->store, "{\"_id\":\"mine\",\"type\":\"org\",\"name\":\"already here\"}"));
  g_assert_true (caucus_store_get_info (ts->store, &before, &error));
  fake.mode = c->mode;

  g_assert_false (pull_with (ts->store, 2, &error));
  g_assert_nonnull (error);
  if (!g_error_matches (error, c->domain, c->code))
    g_error ("%s: expected %s/%d, got %s/%d: %s", c->mode, g_quark_to_string (c->domain), c->code,
             g_quark_to_string (error->domain), error->code, error->message);
  if (strstr (error->message, c->needle) == NULL)
    g_error ("%s: message lacks “%s”: %s", c->mode, c->needle, error->message);
  g_test_message ("%s → %s", c->mode, error->message);
  /* Quick: no endless retrying. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 15 * G_USEC_PER_SEC);

  g_assert_true (caucus_store_get_info (ts->store, &after, &error));
  g_assert_cmpint (after.update_seq, ==, before.update_seq);
  g_assert_cmpint (after.doc_count, ==, before.doc_count);
  g_assert_true (caucus_store_integrity_check (ts->store, &error));
}

/* The first batch is good, the second is not: the first stays, whole. */
static void
test_second_batch_bad (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autoptr(GError) error = NULL;
  CaucusStoreInfo info;

  fake.mode = "second-batch-bad";
  g_assert_false (pull_with (ts->store, 2, &error));
  g_assert_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL);
  g_assert_true (caucus_store_get_info (ts->store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 2);
  g_assert_true (caucus_store_integrity_check (ts->store, &error));
}

static void
test_413_splits (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (fake_url, NULL, NULL, NULL);
  g_autoptr(CaucusReplicator) r = caucus_replicator_new (ts->store, remote, CAUCUS_REPLICATION_PUSH);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"d%u\",\"type\":\"org\"}", i);
      g_free (test_put (ts->store, json));
    }
  fake.mode = "ok";
  caucus_replicator_set_batch_size (r, 10);
  g_assert_true (caucus_replicator_run (r, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake.bulk_docs_total, ==, 20);
  g_assert_cmpuint (fake.bulk_docs_max, <=, 3);
  g_assert_cmpuint (caucus_replicator_get_docs_written (r), ==, 20);
}

static Case cases[] = {
  { "garbage", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "not valid JSON" },
  { "wrong-type", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "text/html" },
  { "bad-shape", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "results" },
  { "bad-rev", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "malformed revision" },
  { "deep", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "nests JSON deeper" },
  { "too-large", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "larger than" },
  { "truncated", 0, CAUCUS_SYNC_ERROR_NETWORK, "broke while reading" },
  { "hang", 0, CAUCUS_SYNC_ERROR_NETWORK, "stopped sending" },
  { "bad-history", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "revision history" },
  { "wrong-id", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "asked for" },
  { "bad-attachment", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "digest" },
  { "left-out", 0, CAUCUS_SYNC_ERROR_PROTOCOL, "left out" },
  { "auth", 0, CAUCUS_SYNC_ERROR_AUTH, "refused these credentials" },
  { "server-error", 0, CAUCUS_SYNC_ERROR_SERVER, "HTTP 500" },
};

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_mutex_init (&fake.lock);
  g_cond_init (&fake.release);
  fake_start ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/hostile/%s", cases[i].mode);
      cases[i].domain = CAUCUS_SYNC_ERROR;
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sync/hostile/second-batch-bad", test_second_batch_bad);
  g_test_add_func ("/sync/hostile/413-splits", test_413_splits);
  ret = g_test_run ();
  g_mutex_lock (&fake.lock);
  fake.released = TRUE;
  g_cond_broadcast (&fake.release);
  g_mutex_unlock (&fake.lock);
  g_main_loop_quit (fake_loop);
  return ret;
}
