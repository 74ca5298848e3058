/* test-server-limits.c — limits (413), hostile input (4xx, and the server keeps serving),
 * and graceful shutdown that loses no acknowledged write. */
#include "server-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

static TestServer *ts;

static void
assert_alive (TestServer *server)
{
  g_autoptr(TestResponse) r = test_request (server, "GET", "/ws", "alice", NULL);
  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_body_limit (void)
{
  TestServerOptions options = { .max_body_bytes = 4096, .max_doc_bytes = 1024, .max_bulk_docs = 5 };
  g_autoptr(TestServer) own = test_server_start (&options);
  g_autofree char *big = NULL;
  g_autofree char *doc = NULL;
  GString *bulk = g_string_new ("{\"docs\":[");
  g_autoptr(TestResponse) r = NULL;
  g_autoptr(TestResponse) d = NULL;
  g_autoptr(TestResponse) b = NULL;
  g_autoptr(TestResponse) ok = NULL;

  big = g_strdup_printf ("{\"pad\":\"%0*d\"}", 10000, 0);
  r = test_request (own, "PUT", "/ws/too-big", "alice", big);
  g_assert_cmpuint (r->status, ==, 413);
  g_assert_cmpstr (test_response_error (r), ==, "too_large");
  assert_alive (own);

  {
    /* a chunked body has no Content-Length to refuse up front: it is cut off once over */
    GString *raw = g_string_new ("PUT /ws/chunked HTTP/1.1\r\nHost: x\r\n"
                                 "Authorization: Basic YWxpY2U6cHctYWxpY2U=\r\n"
                                 "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                 "Connection: close\r\n\r\n");
    for (guint i = 0; i < 4; i++)
      {
        g_string_append_printf (raw, "%x\r\n", 2000);
        for (guint j = 0; j < 2000; j++)
          g_string_append_c (raw, i == 0 && j == 0 ? '[' : ' ');
        g_string_append (raw, "\r\n");
      }
    g_string_append (raw, "0\r\n\r\n");
    g_assert_cmpuint (test_raw_request (own, raw->str), ==, 413);
    g_string_free (raw, TRUE);
    assert_alive (own);
  }

  doc = g_strdup_printf ("{\"pad\":\"%0*d\"}", 2000, 0);
  d = test_request (own, "PUT", "/ws/doc-too-big", "alice", doc);
  g_assert_cmpuint (d->status, ==, 413);
  g_assert_cmpstr (test_response_error (d), ==, "document_too_large");

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (bulk, "%s{\"_id\":\"lim-%u\"}", i ? "," : "", i);
  g_string_append (bulk, "]}");
  b = test_request (own, "POST", "/ws/_bulk_docs", "alice", bulk->str);
  g_string_free (bulk, TRUE);
  g_assert_cmpuint (b->status, ==, 413);
  ok = test_request (own, "POST", "/ws/_bulk_docs", "alice", "{\"docs\":[{\"_id\":\"lim-ok\"}]}");
  g_assert_cmpuint (ok->status, ==, 201);
}

static void
test_hostile_json (void)
{
  GString *deep = g_string_new ("{\"a\":");
  const char bad_utf8[] = "{\"name\":\"\xff\xfe\"}";
  g_autofree char *deep_text = NULL;
  struct { const char *what; const char *body; gssize length; } cases[] = {
    { "malformed", "{\"a\":", -1 },
    { "not an object", "[1,2,3]", -1 },
    { "trailing garbage", "{\"a\":1} x", -1 },
    { "bad UTF-8", bad_utf8, sizeof bad_utf8 - 1 },
    { "huge number", "{\"n\":1e999}", -1 },
    { "nul byte", "{\"a\":\"\\u0000\"}\0", 16 },
    { "deep nesting", NULL, -1 },
  };

  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 0; i < 201; i++)
    g_string_append_c (deep, '}');
  deep_text = g_string_free (deep, FALSE);
  cases[G_N_ELEMENTS (cases) - 1].body = deep_text;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *paths[] = { "/ws/hostile", "/ws/_bulk_docs", "/ws/_revs_diff", "/ws/_bulk_get", "/ws/_local/h" };
      for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
        {
          const char *method = g_str_has_prefix (paths[p], "/ws/_b") || g_str_has_prefix (paths[p], "/ws/_r")
                               ? "POST" : "PUT";
          g_autoptr(TestResponse) r = test_request_full (ts, NULL, method, paths[p], "ed", NULL,
                                                         "application/json", cases[i].body,
                                                         cases[i].length, NULL);
          /* "nul byte" is valid JSON followed by a NUL: still malformed input */
          if (r->status != 400)
            g_error ("%s to %s: expected 400, got %u", cases[i].what, paths[p], r->status);
          g_assert_cmpstr (test_response_error (r), ==, "bad_request");
        }
    }
  assert_alive (ts);
}

static void
test_hostile_paths (void)
{
  struct { const char *path; guint status; } cases[] = {
    { "/..%2F..%2Fetc%2Fpasswd", 400 },
    { "/%2E%2E/ws/_all_docs", 200 },   /* dot segments are removed by URI normalisation */
    { "/%2E%2E%2Fws", 400 },
    { "/Ws", 400 },
    { "/ws%00", 400 },
    { "/ws/%ff%fe", 400 },
    { "/_users", 400 },
    { "/ws/_nonsense", 400 },
    /* 0: any 4xx — these are ids and attachment names, never file names */
    { "/ws/..%2F_caucus-server.sqlite", 0 },
    { "/ws/doc/..%2F..%2Fx", 0 },
    { "/ws/_local/..%2F..%2Fx", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TestResponse) r = test_request (ts, "GET", cases[i].path, "alice", NULL);
      if (cases[i].status == 0 ? (r->status < 400 || r->status >= 500) : r->status != cases[i].status)
        g_error ("GET %s: expected %u, got %u", cases[i].path, cases[i].status, r->status);
    }
  /* bad percent-encoding cannot even be sent by libsoup's client */
  g_assert_cmpuint (test_raw_request (ts, "GET /ws/%zz HTTP/1.1\r\nHost: x\r\n"
                                          "Authorization: Basic YWxpY2U6cHctYWxpY2U=\r\n"
                                          "Connection: close\r\n\r\n"), ==, 400);
  {
    /* a name that escapes nothing: a nested database name is one file in the data dir */
    g_autoptr(TestResponse) r = test_request (ts, "GET", "/a%2F..%2Fb", "alice", NULL);
    g_assert_cmpuint (r->status, ==, 400);
  }
  assert_alive (ts);
}

/* libsoup keeps every request method it parses for the life of the process, so methods
 * no client sends count against their address: after login-max-failures of them the
 * address's connections are closed before another request line is read.  The methods
 * HTTP and CouchDB define never count. */
static void
test_strange_methods (void)
{
  TestServerOptions options = { .login_max_failures = 3, .login_delay_ms = 0, .login_lockout_seconds = 60 };
  g_autoptr(TestServer) own = test_server_start (&options);
  const char *auth = "Authorization: Basic YWxpY2U6cHctYWxpY2U=\r\nConnection: close\r\n\r\n";

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *copy = g_strdup_printf ("COPY /ws/x HTTP/1.1\r\nHost: x\r\n%s", auth);
      g_autofree char *options_req = g_strdup_printf ("OPTIONS /ws HTTP/1.1\r\nHost: x\r\n%s", auth);
      g_assert_cmpuint (test_raw_request (own, copy), >=, 400);
      g_assert_cmpuint (test_raw_request (own, options_req), >=, 200);
    }
  assert_alive (own);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *brew = g_strdup_printf ("BREW%u /ws HTTP/1.1\r\nHost: x\r\n%s", i, auth);
      g_assert_cmpuint (test_raw_request (own, brew), ==, 405);
    }
  {
    /* cut off: no answer at all, not even to a good request, for the lockout */
    g_autofree char *get = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: x\r\n%s", auth);
    g_autofree char *brew = g_strdup_printf ("BREW9 /ws HTTP/1.1\r\nHost: x\r\n%s", auth);
    g_assert_cmpuint (test_raw_request (own, brew), ==, 0);
    g_assert_cmpuint (test_raw_request (own, get), ==, 0);
  }
}

static void
test_hostile_params (void)
{
  const char *paths[] = {
    "/ws/_changes?limit=abc",
    "/ws/_changes?since=-5",
    "/ws/_changes?heartbeat=soon",
    "/ws/_all_docs?keys=%5B1,2%5D",
    "/ws/_all_docs?skip=99999999999999999999999",
    "/ws/x?revs=maybe",
    "/ws/x?atts_since=%7B%7D",
    "/ws/x?open_revs=%5B1%5D",
    "/_uuids?count=-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TestResponse) r = test_request (ts, "GET", paths[i], "alice", NULL);
      if (r->status != 400)
        g_error ("GET %s: expected 400, got %u", paths[i], r->status);
    }
  {
    const char *bad_auth[] = { "Authorization", "Basic !!!not-base64", NULL };
    const char *bearer[] = { "Authorization", "Bearer abc", NULL };
    const char *cookie[] = { "Cookie", "AuthSession=%%%; other=1", NULL };
    g_autoptr(TestResponse) a = test_request_full (ts, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, bad_auth);
    g_autoptr(TestResponse) b = test_request_full (ts, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, bearer);
    g_autoptr(TestResponse) c = test_request_full (ts, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, cookie);
    g_assert_cmpuint (a->status, ==, 400);
    g_assert_cmpuint (b->status, ==, 401);
    g_assert_cmpuint (c->status, ==, 401);
  }
  assert_alive (ts);
}

/* ---- graceful shutdown ------------------------------------------------------------------ */

typedef struct {
  TestServer *server;
  guint       index;
  GPtrArray  *acked;    /* ids answered 201 */
  guint       status;
  gint64      elapsed_us;
} Writer;

static gpointer
big_bulk_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  GString *docs = g_string_new ("{\"docs\":[");
  g_autofree char *body = NULL;
  g_autoptr(TestResponse) r = NULL;
  gint64 start;

  for (guint j = 0; j < 8000; j++)
    g_string_append_printf (docs, "%s{\"_id\":\"big-%05u\",\"pad\":\"%0300d\"}", j ? "," : "", j, 0);
  g_string_append (docs, "]}");
  body = g_string_free (docs, FALSE);
  start = g_get_monotonic_time ();
  r = test_request_full (w->server, session, "POST", "/ws/_bulk_docs", "ed", NULL,
                         "application/json", body, -1, NULL);
  w->elapsed_us = g_get_monotonic_time () - start;
  w->status = r->status;
  return NULL;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);

  for (guint i = 0; ; i++)
    {
      g_autofree char *body = NULL;
      g_autoptr(TestResponse) r = NULL;
      GString *docs = g_string_new ("{\"docs\":[");

      for (guint j = 0; j < 50; j++)
        g_string_append_printf (docs, "%s{\"_id\":\"w%u-%u-%u\",\"pad\":\"%0200d\"}", j ? "," : "",
                                w->index, i, j, 0);
      g_string_append (docs, "]}");
      body = g_string_free (docs, FALSE);
      r = test_request_full (w->server, session, "POST", "/ws/_bulk_docs", "ed", NULL,
                             "application/json", body, -1, NULL);
      if (r->status != 201)
        break;
      for (guint j = 0; j < 50; j++)
        g_ptr_array_add (w->acked, g_strdup_printf ("w%u-%u-%u", w->index, i, j));
    }
  return NULL;
}

static void
test_graceful_shutdown (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  Writer writers[4];
  GThread *threads[4];
  g_autofree char *path = NULL;
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  assert_alive (own);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      writers[i] = (Writer) { .server = own, .index = i, .acked = g_ptr_array_new_with_free_func (g_free) };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  g_usleep (800 * 1000);
  test_server_stop (own);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    g_thread_join (threads[i]);

  path = caucus_db_path (own->dir, TEST_DB);
  store = caucus_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      for (guint j = 0; j < writers[i].acked->len; j++)
        {
          g_autoptr(JsonObject) doc = caucus_store_get (store, writers[i].acked->pdata[j], NULL, &error);
          if (doc == NULL)
            g_error ("acknowledged write %s lost: %s", (char *) writers[i].acked->pdata[j], error->message);
        }
      total += writers[i].acked->len;
      g_ptr_array_unref (writers[i].acked);
    }
  g_test_message ("%u acknowledged documents all present after shutdown", total);
  g_assert_cmpuint (total, >, 0);
}

typedef struct {
  TestServer   *server;
  TestResponse *resp;
} Poll;

static gpointer
poll_thread (gpointer data)
{
  Poll *p = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);

  p->resp = test_request_full (p->server, session, "GET",
                               "/ws/_changes?feed=longpoll&since=now&timeout=60000",
                               "rita", NULL, NULL, NULL, 0, NULL);
  return NULL;
}

static void
test_shutdown_ends_feeds (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  Poll poll = { .server = own };
  GThread *thread;
  gint64 start;

  assert_alive (own);
  thread = g_thread_new ("poll", poll_thread, &poll);
  g_usleep (400 * 1000);
  start = g_get_monotonic_time ();
  test_server_stop (own);
  g_thread_join (thread);
  /* the parked long-poll is answered (empty) instead of being cut off */
  g_assert_cmpuint (poll.resp->status, ==, 200);
  g_assert_true (json_object_has_member (test_response_object (poll.resp), "last_seq"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  test_response_free (poll.resp);
}

static void
test_tls (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  int status = -1;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed to make a test certificate");
      return;
    }
#ifdef __SANITIZE_ADDRESS__
  /* GCC 12's LeakSanitizer crashes ("Tracer caught signal 11") scanning the dynamic TLS
   * of gnutls, which GIO's TLS module dlopens; the rest of the suite still runs. */
  g_test_skip ("TLS is not tested under AddressSanitizer (LeakSanitizer DTLS crash)");
  return;
#endif
  dir = g_dir_make_tmp ("caucus-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    TestServerOptions options = { .tls_cert = cert, .tls_key = key };
    g_autoptr(TestServer) own = test_server_start (&options);
    g_autoptr(TestResponse) r = NULL;
    g_autoptr(TestResponse) s = NULL;

    g_assert_true (g_str_has_prefix (own->url, "https://"));
    r = test_request (own, "GET", "/ws", "ed", NULL);
    g_assert_cmpuint (r->status, ==, 200);
    s = test_request (own, "POST", "/_session", NULL, "{\"name\":\"ed\",\"password\":\"pw-ed\"}");
    g_assert_cmpuint (s->status, ==, 200);
    /* over TLS the session cookie is marked Secure */
    g_assert_nonnull (strstr (soup_message_headers_get_one (s->headers, "Set-Cookie"), "Secure"));
  }
  {
    g_autoptr(CaucusServer) server = caucus_server_new (test_template_dir (), &error);
    g_assert_no_error (error);
    g_assert_false (caucus_server_set_tls_files (server, key, cert, &error));
    g_assert_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_TLS);
  }
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

/* A large _bulk_docs on one worker does not hold up other clients. */
static void
test_big_bulk_does_not_stall (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  Writer big = { .server = own };
  GThread *thread;
  gint64 worst = 0;

  assert_alive (own);
  {
    /* verify rita's password (argon2id) and ed's before timing anything */
    g_autoptr(TestResponse) warm = test_request (own, "GET", "/ws", "rita", NULL);
    g_autoptr(TestResponse) warm2 = test_request (own, "GET", "/ws", "ed", NULL);
  }
  thread = g_thread_new ("big-bulk", big_bulk_thread, &big);
  g_usleep (50 * 1000);
  for (guint i = 0; i < 20; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TestResponse) r = test_request (own, "GET", "/ws/_all_docs?limit=1", "rita", NULL);
      g_assert_cmpuint (r->status, ==, 200);
      worst = MAX (worst, g_get_monotonic_time () - start);
      g_usleep (20 * 1000);
    }
  g_thread_join (thread);
  g_test_message ("big _bulk_docs took %.0f ms; the slowest concurrent read took %.1f ms",
                  big.elapsed_us / 1000.0, worst / 1000.0);
  g_assert_cmpuint (big.status, ==, 201);
  g_assert_cmpint (worst, <, 500 * 1000);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_template_dir ();
  ts = test_server_start (NULL);
  g_test_add_func ("/server/limits/body-doc-bulk-413", test_body_limit);
  g_test_add_func ("/server/limits/hostile-json", test_hostile_json);
  g_test_add_func ("/server/limits/hostile-paths", test_hostile_paths);
  g_test_add_func ("/server/limits/hostile-params", test_hostile_params);
  g_test_add_func ("/server/limits/strange-methods-cut-off", test_strange_methods);
  g_test_add_func ("/server/limits/graceful-shutdown", test_graceful_shutdown);
  g_test_add_func ("/server/limits/shutdown-ends-feeds", test_shutdown_ends_feeds);
  g_test_add_func ("/server/limits/tls", test_tls);
  g_test_add_func ("/server/limits/big-bulk-does-not-stall", test_big_bulk_does_not_stall);
  rc = g_test_run ();
  test_server_free (ts);
  return rc;
}
