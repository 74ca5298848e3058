/* test-server-auth.c — the auth matrix against every endpoint, sessions, throttling (429). */
#include "server-test-utils.h"
#include "caucus-server-private.h"

#include <string.h>

static TestServer *ts;

enum { ANON, WRONG, NONMEMBER, READER, EDITOR, ADMIN, N_WHO };
static const char *who_user[N_WHO] = { NULL, "alice", "nora", "rita", "ed", "alice" };
static const char *who_name[N_WHO] = { "anonymous", "wrong password", "non-member", "reader", "editor", "admin" };

typedef struct {
  const char *method;
  const char *path;     /* %s: a per-request unique suffix */
  const char *body;
  const char *content_type;
  guint       expect[N_WHO];
} Case;

#define J "application/json"
/* For members: R = what a reader gets, E = editor, A = admin. */
static const Case cases[] = {
  { "GET",    "/",                          NULL, NULL, { 200, 200, 200, 200, 200, 200 } },
  { "GET",    "/_all_dbs",                  NULL, NULL, { 401, 401, 200, 200, 200, 200 } },
  { "GET",    "/_uuids",                    NULL, NULL, { 401, 401, 200, 200, 200, 200 } },
  { "GET",    "/_session",                  NULL, NULL, { 401, 401, 200, 200, 200, 200 } },
  { "GET",    "/ws",                        NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "HEAD",   "/ws",                        NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "PUT",    "/ws",                        NULL, NULL, { 401, 401, 403, 403, 412, 412 } },
  { "POST",   "/ws",                        "{\"k\":1}", J, { 401, 401, 403, 403, 201, 201 } },
  { "GET",    "/ws/_all_docs",              NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "POST",   "/ws/_all_docs",              "{\"keys\":[\"a\"]}", J, { 401, 401, 403, 200, 200, 200 } },
  { "GET",    "/ws/_changes",               NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "POST",   "/ws/_changes?filter=_doc_ids", "{\"doc_ids\":[\"a\"]}", J, { 401, 401, 403, 200, 200, 200 } },
  { "POST",   "/ws/_revs_diff",             "{\"a\":[\"1-00000000000000000000000000000000\"]}", J, { 401, 401, 403, 200, 200, 200 } },
  { "POST",   "/ws/_bulk_get",              "{\"docs\":[{\"id\":\"m-seed\"}]}", J, { 401, 401, 403, 200, 200, 200 } },
  { "POST",   "/ws/_bulk_docs",             "{\"docs\":[{}]}", J, { 401, 401, 403, 403, 201, 201 } },
  { "POST",   "/ws/_ensure_full_commit",    "{}", J, { 401, 401, 403, 201, 201, 201 } },
  { "GET",    "/ws/_security",              NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "PUT",    "/ws/_security",
    "{\"admins\":{\"names\":[\"alice\"]},\"members\":{\"names\":[\"ed\",\"rita\"]},\"readers\":{\"names\":[\"rita\"]}}",
    J, { 401, 401, 403, 403, 403, 200 } },
  { "GET",    "/ws/m-seed",                 NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "GET",    "/ws/m-seed?open_revs=all",   NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "PUT",    "/ws/m-new-%s",               "{\"k\":1}", J, { 401, 401, 403, 403, 201, 201 } },
  { "DELETE", "/ws/m-seed",                 NULL, NULL, { 401, 401, 403, 403, 409, 409 } },
  { "GET",    "/ws/m-seed/a.txt",           NULL, NULL, { 401, 401, 403, 200, 200, 200 } },
  { "PUT",    "/ws/m-att-%s/b.txt",         "bytes", "text/plain", { 401, 401, 403, 403, 201, 201 } },
  { "GET",    "/ws/_local/m-local",         NULL, NULL, { 401, 401, 403, 404, 404, 404 } },
  { "PUT",    "/ws/_local/m-%s",            "{\"seq\":1}", J, { 401, 401, 403, 201, 201, 201 } },
  { "PUT",    "/ws/_design/m-%s",           "{\"views\":{}}", J, { 401, 401, 403, 403, 403, 201 } },
  { "DELETE", "/ws/m-seed/a.txt",           NULL, NULL, { 401, 401, 403, 403, 409, 409 } },
  { "DELETE", "/ws/_local/m-none",          NULL, NULL, { 401, 401, 403, 404, 404, 404 } },
  { "POST",   "/_session",                  "{\"name\":\"ed\",\"password\":\"pw-ed\"}", J, { 200, 200, 200, 200, 200, 200 } },
  { "DELETE", "/_session",                  NULL, NULL, { 401, 401, 200, 200, 200, 200 } },
  { "DELETE", "/ws",                        NULL, NULL, { 401, 401, 403, 403, 403, 200 } },
};

static void
test_matrix (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  g_autofree char *seed = test_put_doc (own, "m-seed", "{\"t\":1}");
  g_autofree char *att_path = g_strdup_printf ("/ws/m-seed/a.txt?rev=%s", seed);
  g_autoptr(TestResponse) att = test_request_full (own, NULL, "PUT", att_path, "alice", NULL,
                                                   "text/plain", "abc", 3, NULL);
  guint n = 0;

  g_assert_cmpuint (att->status, ==, 201);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint w = 0; w < N_WHO; w++)
      {
        g_autofree char *suffix = g_strdup_printf ("%u-%u", c, w);
        g_autofree char *path = strstr (cases[c].path, "%s")
          ? g_strdup_printf ("%.*s%s%s", (int) (strstr (cases[c].path, "%s") - cases[c].path),
                             cases[c].path, suffix, strstr (cases[c].path, "%s") + 2)
          : g_strdup (cases[c].path);
        g_autoptr(TestResponse) r = NULL;

        /* Deleting the database goes last, and only the admin's request really deletes. */
        r = test_request_full (own, NULL, cases[c].method, path, who_user[w],
                               w == WRONG ? "not-the-password" : NULL,
                               cases[c].content_type, cases[c].body, -1, NULL);
        if (r->status != cases[c].expect[w])
          g_error ("%s %s as %s: got %u, expected %u (%.*s)", cases[c].method, path, who_name[w],
                   r->status, cases[c].expect[w],
                   r->body ? (int) g_bytes_get_size (r->body) : 0,
                   r->body ? (const char *) g_bytes_get_data (r->body, NULL) : "");
        if (r->status == 401 && !g_str_equal (cases[c].method, "HEAD"))
          g_assert_cmpstr (test_response_error (r), ==, "unauthorized");
        if (r->status == 403 && !g_str_equal (cases[c].method, "HEAD"))
          g_assert_cmpstr (test_response_error (r), ==, "forbidden");
        n++;
      }
  g_test_message ("%u requests checked", n);
}

static char *
login_cookie (TestServer *server, const char *content_type, const char *body, guint *status)
{
  g_autoptr(TestResponse) r = test_request_full (server, NULL, "POST", "/_session", NULL, NULL,
                                                 content_type, body, -1, NULL);
  const char *set_cookie;

  *status = r->status;
  if (r->status != 200)
    return NULL;
  g_assert_true (json_object_get_boolean_member (test_response_object (r), "ok"));
  set_cookie = soup_message_headers_get_one (r->headers, "Set-Cookie");
  g_assert_nonnull (set_cookie);
  g_assert_true (g_str_has_prefix (set_cookie, "AuthSession="));
  g_assert_nonnull (strstr (set_cookie, "HttpOnly"));
  return g_strndup (set_cookie, strcspn (set_cookie, ";"));
}

static void
test_session (void)
{
  guint status;
  g_autofree char *form = login_cookie (ts, "application/x-www-form-urlencoded", "name=rita&password=pw-rita", &status);
  g_autofree char *json = NULL;
  g_autofree char *tampered = NULL;
  const char *headers[3] = { "Cookie", NULL, NULL };
  g_autoptr(TestResponse) info = NULL;
  g_autoptr(TestResponse) db = NULL;
  g_autoptr(TestResponse) write = NULL;
  g_autoptr(TestResponse) bad = NULL;
  g_autoptr(TestResponse) logout = NULL;
  g_autoptr(TestResponse) wrongtype = NULL;
  g_autoptr(TestResponse) missing = NULL;

  g_assert_cmpuint (status, ==, 200);
  json = login_cookie (ts, "application/json", "{\"name\":\"ed\",\"password\":\"pw-ed\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (login_cookie (ts, "application/json", "{\"name\":\"ed\",\"password\":\"nope\"}", &status));
  g_assert_cmpuint (status, ==, 401);
  g_assert_null (login_cookie (ts, "application/json", "{\"name\":\"ghost\",\"password\":\"nope\"}", &status));
  g_assert_cmpuint (status, ==, 401);

  headers[1] = form;
  info = test_request_full (ts, NULL, "GET", "/_session", NULL, NULL, NULL, NULL, 0, headers);
  g_assert_cmpuint (info->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (test_response_object (info), "userCtx"), "name"),
                   ==, "rita");
  db = test_request_full (ts, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, headers);
  g_assert_cmpuint (db->status, ==, 200);
  write = test_request_full (ts, NULL, "PUT", "/ws/by-cookie", NULL, NULL, "application/json", "{}", -1, headers);
  g_assert_cmpuint (write->status, ==, 403);   /* rita reads only */

  /* A forged cookie: rita's payload with the name changed keeps the wrong MAC. */
  tampered = g_strdup (form);
  tampered[strlen ("AuthSession=") + 2] ^= 1;
  headers[1] = tampered;
  bad = test_request_full (ts, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, headers);
  g_assert_cmpuint (bad->status, ==, 401);

  headers[1] = json;
  logout = test_request_full (ts, NULL, "DELETE", "/_session", NULL, NULL, NULL, NULL, 0, headers);
  g_assert_cmpuint (logout->status, ==, 200);
  g_assert_nonnull (strstr (soup_message_headers_get_one (logout->headers, "Set-Cookie"), "Max-Age=0"));

  wrongtype = test_request_full (ts, NULL, "POST", "/_session", NULL, NULL, "text/csv", "a,b", -1, NULL);
  g_assert_cmpuint (wrongtype->status, ==, 415);
  missing = test_request (ts, "POST", "/_session", NULL, "{\"name\":\"ed\"}");
  g_assert_cmpuint (missing->status, ==, 400);
}

static void
test_session_refresh_and_expiry (void)
{
  TestServerOptions options = { .session_timeout = 10 };
  g_autoptr(TestServer) own = test_server_start (&options);
  guint status;
  g_autofree char *cookie = login_cookie (own, "application/json", "{\"name\":\"ed\",\"password\":\"pw-ed\"}", &status);
  const char *headers[3] = { "Cookie", cookie, NULL };
  g_autoptr(TestResponse) fresh = test_request_full (own, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, headers);
  g_autoptr(TestResponse) later = NULL;

  g_assert_cmpuint (fresh->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (fresh->headers, "Set-Cookie"));
  g_usleep (6 * G_USEC_PER_SEC);
  later = test_request_full (own, NULL, "GET", "/ws", NULL, NULL, NULL, NULL, 0, headers);
  g_assert_cmpuint (later->status, ==, 200);
  /* past half of its life the cookie is replaced */
  g_assert_nonnull (soup_message_headers_get_one (later->headers, "Set-Cookie"));
}

static void
test_password_change_invalidates (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  g_autoptr(TestResponse) before = test_request (own, "GET", "/ws", "ed", NULL);
  g_autoptr(TestResponse) after = NULL;
  g_autoptr(CaucusUsers) users = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  users = caucus_users_open (own->dir, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_users_set_password (users, "ed", "new-secret", &error));
  /* the cached Basic verification must not outlive the password */
  after = test_request (own, "GET", "/ws", "ed", NULL);
  g_assert_cmpuint (after->status, ==, 401);
}

static void
test_throttle (void)
{
  TestServerOptions options = { .login_max_failures = 4, .login_delay_ms = 50, .login_lockout_seconds = 2 };
  g_autoptr(TestServer) own = test_server_start (&options);
  gint64 start;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TestResponse) r = test_request_full (own, NULL, "GET", "/ws", "ed", "bad", NULL, NULL, 0, NULL);
      g_assert_cmpuint (r->status, ==, 401);
    }
  start = g_get_monotonic_time ();
  {
    g_autoptr(TestResponse) r = test_request_full (own, NULL, "GET", "/ws", "ed", "bad", NULL, NULL, 0, NULL);
    g_assert_cmpuint (r->status, ==, 401);
    /* the 4th failure is answered only after 4 × 50 ms */
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 190 * 1000);
  }
  {
    g_autoptr(TestResponse) r = test_request (own, "GET", "/ws", "ed", NULL);
    g_autoptr(TestResponse) s = test_request (own, "POST", "/_session", NULL, "{\"name\":\"ed\",\"password\":\"pw-ed\"}");
    g_assert_cmpuint (r->status, ==, 429);
    g_assert_cmpstr (test_response_error (r), ==, "too_many_requests");
    g_assert_nonnull (soup_message_headers_get_one (r->headers, "Retry-After"));
    g_assert_cmpuint (s->status, ==, 429);
  }
  {
    /* anonymous and unrelated requests are still served */
    g_autoptr(TestResponse) r = test_request (own, "GET", "/", NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_usleep (2200 * 1000);
  {
    g_autoptr(TestResponse) r = test_request (own, "GET", "/ws", "ed", NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
}

/* The requests the main thread answers itself (caucus-server-quick.c) answer exactly as a
 * worker would: with cold and warm Basic caches, wrong passwords, readers, non-members. */
static void
test_quick_requests (void)
{
  static const struct { const char *method, *path, *body; guint ok; } quick[] = {
    { "GET", "/", NULL, 200 },
    { "GET", "/ws", NULL, 200 },
    { "HEAD", "/ws", NULL, 200 },
    { "GET", "/ws/_local/quick-missing", NULL, 404 },
    { "GET", "/ws/_changes?style=all_docs&limit=10", NULL, 200 },
    { "POST", "/ws/_revs_diff", "{\"quick\":[\"1-abc\"]}", 200 },
    { "POST", "/ws/_bulk_get?revs=true&latest=true", "{\"docs\":[{\"id\":\"quick\"}]}", 200 },
    { "PUT", "/ws/_local/quick-checkpoint", "{\"last_seq\":\"1\"}", 201 },
  };
  TestServerOptions options = { .worker_threads = 1 };
  g_autoptr(TestServer) own = test_server_start (&options);

  for (guint i = 0; i < G_N_ELEMENTS (quick); i++)
    {
      gboolean anonymous_ok = g_str_equal (quick[i].path, "/");
      /* cold cache (handed to the worker for argon2id), then warm (the main thread) */
      for (guint round = 0; round < 2; round++)
        {
          /* checkpoints are written once each (a second PUT without _rev conflicts) */
          gboolean put = g_str_equal (quick[i].method, "PUT");
          g_autofree char *editor_path = put ? g_strdup_printf ("%s-ed-%u", quick[i].path, round) : g_strdup (quick[i].path);
          g_autofree char *reader_path = put ? g_strdup_printf ("%s-rita-%u", quick[i].path, round) : g_strdup (quick[i].path);
          g_autoptr(TestResponse) editor = test_request (own, quick[i].method, editor_path, "ed", quick[i].body);
          g_autoptr(TestResponse) reader = test_request (own, quick[i].method, reader_path, "rita", quick[i].body);
          g_autoptr(TestResponse) nonmember = test_request (own, quick[i].method, quick[i].path, "nora", quick[i].body);
          g_autoptr(TestResponse) anonymous = test_request (own, quick[i].method, quick[i].path, NULL, quick[i].body);
          g_autoptr(TestResponse) wrong = test_request_full (own, NULL, quick[i].method, quick[i].path, "ed", "bad",
                                                             quick[i].body ? "application/json" : NULL,
                                                             quick[i].body, -1, NULL);

          g_test_message ("%s %s, round %u", quick[i].method, quick[i].path, round);
          g_assert_cmpuint (editor->status, ==, quick[i].ok);
          g_assert_cmpuint (reader->status, ==, quick[i].ok);
          g_assert_cmpuint (nonmember->status, ==, anonymous_ok ? 200 : 403);
          g_assert_cmpuint (anonymous->status, ==, anonymous_ok ? 200 : 401);
          /* GET / is anonymous: it reads no credentials */
          g_assert_cmpuint (wrong->status, ==, anonymous_ok ? 200 : 401);
        }
    }
}

/* Which requests are quick: small reads, and a checkpoint or a small _bulk_docs while the
 * workers are idle; other writes, feeds, documents, password checks and unbounded answers
 * go to a worker. */
static void
test_quick_choice (void)
{
  static const struct { const char *method, *path, *query; gsize body; gboolean quick; } choice[] = {
    { "GET", "/", NULL, 0, TRUE },
    { "GET", "/ws", NULL, 0, TRUE },
    { "HEAD", "/ws/", NULL, 0, TRUE },
    { "GET", "/ws/_local/cp", NULL, 0, TRUE },
    { "PUT", "/ws/_local/cp", NULL, 40, TRUE },   /* only while the workers are idle */
    { "PUT", "/ws/_local/cp", NULL, 5000, FALSE },
    { "DELETE", "/ws/_local/cp", NULL, 0, FALSE },
    { "GET", "/ws/_local/cp/extra", NULL, 0, FALSE },
    { "GET", "/ws/_changes", "style=all_docs&limit=100", 0, TRUE },
    { "GET", "/ws/_changes", "feed=normal&limit=500", 0, TRUE },
    { "GET", "/ws/_changes", "limit=501", 0, FALSE },
    { "GET", "/ws/_changes", "limit=abc", 0, FALSE },
    { "GET", "/ws/_changes", NULL, 0, FALSE },
    { "GET", "/ws/_changes", "feed=longpoll&limit=10", 0, FALSE },
    { "GET", "/ws/_changes", "feed=continuous&limit=10", 0, FALSE },
    { "GET", "/ws/_changes", "include_docs=true&limit=10", 0, FALSE },
    { "GET", "/ws/_changes", "include_docs=false&limit=10", 0, TRUE },
    { "POST", "/ws/_changes", "limit=10", 20, FALSE },
    { "POST", "/ws/_revs_diff", NULL, 5000, TRUE },
    { "POST", "/ws/_revs_diff", NULL, 17 * 1024, FALSE },
    { "POST", "/ws/_bulk_get", "revs=true&latest=true", 5000, TRUE },
    { "POST", "/ws/_bulk_get", "attachments=true", 5000, FALSE },
    { "POST", "/ws/_bulk_get", NULL, 17 * 1024, FALSE },
    { "POST", "/ws/_bulk_docs", NULL, 5000, TRUE },   /* only while the workers are idle */
    { "POST", "/ws/_bulk_docs", NULL, 129 * 1024, FALSE },
    { "POST", "/ws", NULL, 100, FALSE },
    { "PUT", "/ws", NULL, 0, FALSE },
    { "DELETE", "/ws", NULL, 0, FALSE },
    { "GET", "/ws/doc", NULL, 0, FALSE },
    { "GET", "/ws/_all_docs", NULL, 0, FALSE },
    { "GET", "/ws/_security", NULL, 0, FALSE },
    { "POST", "/_session", NULL, 40, FALSE },
    { "GET", "/_session", NULL, 0, FALSE },
    { "GET", "/_all_dbs", NULL, 0, FALSE },
    { "GET", "/_uuids", NULL, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (choice); i++)
    {
      CaucusRequest req = { 0 };
      g_autofree char *body = g_malloc0 (choice[i].body + 1);

      req.method = (char *) choice[i].method;
      req.path = (char *) choice[i].path;
      req.query = choice[i].query ? soup_form_decode (choice[i].query)
                                 : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      req.body = choice[i].body ? g_bytes_new_static (body, choice[i].body) : NULL;
      g_test_message ("%s %s?%s", choice[i].method, choice[i].path, choice[i].query ? choice[i].query : "");
      g_assert_cmpint (caucus_request_is_quick (&req, TRUE), ==, choice[i].quick);
      /* a write is quick only while no worker runs anything (no write lock can be held) */
      g_assert_cmpint (caucus_request_is_quick (&req, FALSE), ==,
                       choice[i].quick && !g_str_equal (choice[i].method, "PUT") &&
                       !g_str_has_suffix (choice[i].path, "/_bulk_docs"));
      g_hash_table_unref (req.query);
      g_clear_pointer (&req.body, g_bytes_unref);
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_template_dir ();
  ts = test_server_start (NULL);
  g_test_add_func ("/server/auth/matrix", test_matrix);
  g_test_add_func ("/server/auth/session", test_session);
  g_test_add_func ("/server/auth/session-refresh", test_session_refresh_and_expiry);
  g_test_add_func ("/server/auth/password-change", test_password_change_invalidates);
  g_test_add_func ("/server/auth/throttle-429", test_throttle);
  g_test_add_func ("/server/auth/quick-requests", test_quick_requests);
  g_test_add_func ("/server/auth/quick-choice", test_quick_choice);
  rc = g_test_run ();
  test_server_free (ts);
  return rc;
}
