/* server-test-utils.c — see server-test-utils.h */
#include "server-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

static char *template_dir;

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
remove_template (void)
{
  if (template_dir)
    remove_tree (template_dir);
}

const char *
test_template_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusUsers) users = NULL;
  const char *names[] = { "alice", "ed", "rita", "nora" };
  const CaucusRole roles[] = { CAUCUS_ROLE_ADMIN, CAUCUS_ROLE_EDITOR, CAUCUS_ROLE_READER, CAUCUS_ROLE_NONE };

  if (template_dir)
    return template_dir;
  template_dir = g_dir_make_tmp ("caucus-server-template-XXXXXX", &error);
  g_assert_no_error (error);
  users = caucus_users_open (template_dir, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_users_db_create (users, TEST_DB, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *password = g_strdup_printf ("pw-%s", names[i]);
      g_assert_true (caucus_users_add (users, names[i], password, &error));
      g_assert_no_error (error);
      if (roles[i] != CAUCUS_ROLE_NONE)
        {
          g_assert_true (caucus_users_grant (users, TEST_DB, names[i], roles[i], &error));
          g_assert_no_error (error);
        }
    }
  atexit (remove_template);
  return template_dir;
}

static gpointer
server_thread (gpointer data)
{
  TestServer *ts = data;
  g_autoptr(GError) error = NULL;
  const TestServerOptions *o = &ts->options;
  const char *names[16];
  GValue values[16] = { G_VALUE_INIT };
  guint n = 0;

  g_main_context_push_thread_default (ts->context);

#define PROP_U64(name, v) do { names[n] = name; g_value_init (&values[n], G_TYPE_UINT64); g_value_set_uint64 (&values[n], v); n++; } while (0)
#define PROP_U(name, v) do { names[n] = name; g_value_init (&values[n], G_TYPE_UINT); g_value_set_uint (&values[n], v); n++; } while (0)
  names[n] = "data-dir";
  g_value_init (&values[n], G_TYPE_STRING);
  g_value_set_string (&values[n], ts->dir);
  n++;
  names[n] = "log-requests";
  g_value_init (&values[n], G_TYPE_BOOLEAN);
  g_value_set_boolean (&values[n], g_getenv ("CAUCUS_TEST_LOG") != NULL);
  n++;
  if (o->max_body_bytes) PROP_U64 ("max-body-bytes", o->max_body_bytes);
  if (o->max_doc_bytes) PROP_U64 ("max-doc-bytes", o->max_doc_bytes);
  if (o->max_bulk_docs) PROP_U ("max-bulk-docs", o->max_bulk_docs);
  PROP_U ("login-max-failures", o->login_max_failures ? o->login_max_failures : 100000);
  PROP_U ("login-delay-ms", o->login_delay_ms == G_MAXUINT ? 200 : o->login_delay_ms);
  if (o->login_lockout_seconds) PROP_U ("login-lockout-seconds", o->login_lockout_seconds);
  if (o->session_timeout) PROP_U ("session-timeout", o->session_timeout);
  if (o->worker_threads) PROP_U ("worker-threads", o->worker_threads);
#undef PROP_U
#undef PROP_U64

  ts->server = (CaucusServer *) g_object_new_with_properties (CAUCUS_TYPE_SERVER, n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  g_assert_true (g_initable_init (G_INITABLE (ts->server), NULL, &error));
  g_assert_no_error (error);
  if (o->tls_cert)
    {
      g_assert_true (caucus_server_set_tls_files (ts->server, o->tls_cert, o->tls_key, &error));
      g_assert_no_error (error);
    }
  g_assert_true (caucus_server_listen (ts->server, "127.0.0.1:0", &error));
  g_assert_no_error (error);

  g_mutex_lock (&ts->lock);
  ts->url = caucus_server_get_url (ts->server);
  ts->ready = TRUE;
  g_cond_broadcast (&ts->cond);
  g_mutex_unlock (&ts->lock);

  g_main_loop_run (ts->loop);

  g_clear_object (&ts->server);
  /* let pending idles (late worker results) run and release their references */
  while (g_main_context_iteration (ts->context, FALSE))
    ;
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

TestServer *
test_server_start (const TestServerOptions *options)
{
  TestServer *ts = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *src = NULL;
  g_autofree char *dst = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (options)
    ts->options = *options;
  else
    ts->options.login_delay_ms = 0;
  ts->dir = g_dir_make_tmp ("caucus-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  src = g_build_filename (test_template_dir (), CAUCUS_USERS_FILE, NULL);
  dst = g_build_filename (ts->dir, CAUCUS_USERS_FILE, NULL);
  g_assert_true (g_file_get_contents (src, &contents, &length, &error));
  g_assert_true (g_file_set_contents (dst, contents, length, &error));

  g_mutex_init (&ts->lock);
  g_cond_init (&ts->cond);
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  ts->thread = g_thread_new ("test-server", server_thread, ts);
  g_mutex_lock (&ts->lock);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->lock);
  g_mutex_unlock (&ts->lock);
  ts->session = soup_session_new_with_options ("timeout", 30, NULL);
  return ts;
}

static void
shutdown_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  TestServer *ts = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_server_shutdown_finish (CAUCUS_SERVER (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (ts->loop);
}

static gboolean
begin_shutdown_cb (gpointer data)
{
  TestServer *ts = data;
  caucus_server_shutdown_async (ts->server, NULL, shutdown_done_cb, ts);
  return G_SOURCE_REMOVE;
}

void
test_server_stop (TestServer *ts)
{
  if (ts->stopped)
    return;
  ts->stopped = TRUE;
  g_main_context_invoke (ts->context, begin_shutdown_cb, ts);
  g_thread_join (ts->thread);
  ts->thread = NULL;
}

void
test_server_free (TestServer *ts)
{
  if (ts == NULL)
    return;
  test_server_stop (ts);
  g_clear_object (&ts->session);
  g_main_loop_unref (ts->loop);
  g_main_context_unref (ts->context);
  remove_tree (ts->dir);
  g_free (ts->dir);
  g_free (ts->url);
  g_mutex_clear (&ts->lock);
  g_cond_clear (&ts->cond);
  g_free (ts);
}

static gboolean
accept_certificate_cb (SoupMessage *msg, GTlsCertificate *cert, GTlsCertificateFlags errors, gpointer data)
{
  return TRUE;
}

TestResponse *
test_request_full (TestServer  *ts,
                   SoupSession *session,
                   const char  *method,
                   const char  *path,
                   const char  *user,
                   const char  *password,
                   const char  *content_type,
                   const void  *body,
                   gssize       length,
                   const char * const *headers)
{
  g_autofree char *uri = g_strconcat (ts->url, path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  TestResponse *resp = g_new0 (TestResponse, 1);
  SoupMessageHeaders *req_headers;

  msg = soup_message_new (method, uri);
  g_assert_nonnull (msg);
  /* the TLS tests use a self-signed certificate */
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  req_headers = soup_message_get_request_headers (msg);
  if (user)
    {
      g_autofree char *pw = password ? g_strdup (password) : g_strdup_printf ("pw-%s", user);
      g_autofree char *plain = g_strdup_printf ("%s:%s", user, pw);
      g_autofree char *b64 = g_base64_encode ((const guchar *) plain, strlen (plain));
      g_autofree char *value = g_strdup_printf ("Basic %s", b64);
      soup_message_headers_replace (req_headers, "Authorization", value);
    }
  for (guint i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    soup_message_headers_replace (req_headers, headers[i], headers[i + 1]);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  resp->body = soup_session_send_and_read (session ? session : ts->session, msg, NULL, &error);
  if (resp->body == NULL)
    {
      g_test_message ("%s %s: %s", method, path, error->message);
      resp->status = 0;
      return resp;
    }
  resp->status = soup_message_get_status (msg);
  resp->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  {
    const char *ct = soup_message_headers_get_content_type (resp->headers, NULL);
    gsize size;
    const char *data = g_bytes_get_data (resp->body, &size);
    if (ct && g_str_equal (ct, "application/json") && size > 0)
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        if (json_parser_load_from_data (parser, data, size, NULL))
          resp->json = json_node_copy (json_parser_get_root (parser));
      }
  }
  return resp;
}

TestResponse *
test_request (TestServer *ts, const char *method, const char *path, const char *user,
              const char *json_body)
{
  return test_request_full (ts, NULL, method, path, user, NULL,
                            json_body ? "application/json" : NULL, json_body, -1, NULL);
}

void
test_response_free (TestResponse *resp)
{
  if (resp == NULL)
    return;
  g_clear_pointer (&resp->body, g_bytes_unref);
  g_clear_pointer (&resp->headers, soup_message_headers_unref);
  g_clear_pointer (&resp->json, json_node_unref);
  g_free (resp);
}

JsonObject *
test_response_object (TestResponse *resp)
{
  g_assert_nonnull (resp->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (resp->json));
  return json_node_get_object (resp->json);
}

const char *
test_response_error (TestResponse *resp)
{
  if (resp->json == NULL || !JSON_NODE_HOLDS_OBJECT (resp->json))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (resp->json), "error", NULL);
}

char *
test_fixture_path (const char *name)
{
  const char *src = g_getenv ("CAUCUS_SOURCE_DIR");
  g_assert_nonnull (src);
  return g_build_filename (src, "tests", "server", "fixtures", name, NULL);
}

char *
test_put_doc (TestServer *ts, const char *id, const char *json)
{
  g_autofree char *path = g_strdup_printf ("/" TEST_DB "/%s", id);
  g_autoptr(TestResponse) resp = test_request (ts, "PUT", path, "alice", json);

  g_assert_cmpuint (resp->status, ==, 201);
  return g_strdup (json_object_get_string_member (test_response_object (resp), "rev"));
}

guint
test_raw_request (TestServer *ts, const char *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (ts->url, G_URI_FLAGS_NONE, NULL);
  char buffer[64] = { 0 };
  gsize n = 0;
  guint status = 0;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            request, strlen (request), NULL, NULL, &error));
  g_assert_no_error (error);
  g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buffer,
                           sizeof buffer - 1, &n, NULL, NULL);
  if (n > 12 && g_str_has_prefix (buffer, "HTTP/1.1 "))
    status = (guint) g_ascii_strtoull (buffer + 9, NULL, 10);
  return status;
}
