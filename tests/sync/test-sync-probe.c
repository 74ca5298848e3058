/* test-sync-probe.c — "Test connection" against a real in-process caucus-server: every
 * outcome the connect dialog shows (success, wrong password, not a member, no such
 * database, unreachable host, untrusted certificate, not a CouchDB server). */
#include "caucus-sync-probe.h"
#include "whole-server.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

static WholeServer *server;

typedef struct {
  GMainLoop         *loop;
  CaucusProbeResult *result;
} Waiter;

static void
probe_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  Waiter *w = data;
  g_autoptr(GError) error = NULL;

  w->result = caucus_sync_probe_finish (res, &error);
  g_assert_no_error (error);
  g_main_loop_quit (w->loop);
}

/* Runs the asynchronous probe the way the dialog does: the main loop keeps turning. */
static CaucusProbeResult *
probe (const char *url,
       const char *user,
       const char *password)
{
  Waiter w = { g_main_loop_new (NULL, FALSE), NULL };

  caucus_sync_probe_async (url, user, password, 5, NULL, probe_done_cb, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  g_assert_nonnull (w.result);
  g_assert_nonnull (w.result->message);
  g_test_message ("%s → %s", url, w.result->message);
  return w.result;
}

static void
test_ok (void)
{
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autoptr(CaucusProbeResult) r = probe (url, "ana", "s3cret-ana");

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_OK);
  g_assert_cmpstr (r->db_name, ==, "coalition");
  g_assert_cmpint (r->doc_count, ==, 0);
  g_assert_nonnull (r->vendor);
  g_assert_cmpuint (r->http_status, ==, 200);
}

static void
test_user_in_url (void)
{
  g_autofree char *url = g_strdup_printf ("http://ana:s3cret-ana@%s/coalition",
                                          whole_server_get_url (server) + strlen ("http://"));
  g_autoptr(CaucusProbeResult) r = probe (url, NULL, NULL);

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_OK);
}

static void
test_wrong_password (void)
{
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autoptr(CaucusProbeResult) r = probe (url, "ana", "not-her-password");
  g_autoptr(CaucusProbeResult) anon = probe (url, NULL, NULL);
  g_autoptr(CaucusProbeResult) nobody = probe (url, "nobody", "x");

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_WRONG_PASSWORD);
  g_assert_cmpuint (r->http_status, ==, 401);
  g_assert_nonnull (strstr (r->message, "ana"));
  g_assert_cmpint (anon->outcome, ==, CAUCUS_PROBE_WRONG_PASSWORD);
  g_assert_nonnull (strstr (anon->message, "needs a user name"));
  g_assert_cmpint (nobody->outcome, ==, CAUCUS_PROBE_WRONG_PASSWORD);
}

static void
test_not_member (void)
{
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autoptr(CaucusProbeResult) r = probe (url, "zoe", "s3cret-zoe");

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_NOT_MEMBER);
  g_assert_cmpuint (r->http_status, ==, 403);
  g_assert_nonnull (strstr (r->message, "zoe"));
  g_assert_nonnull (strstr (r->message, "coalition"));
}

static void
test_no_database (void)
{
  g_autofree char *url = whole_server_db_url (server, "no-such-db");
  g_autoptr(CaucusProbeResult) r = probe (url, "ana", "s3cret-ana");

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_NO_DATABASE);
  g_assert_nonnull (strstr (r->message, "no-such-db"));
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  guint16 port;

  /* A loopback port that was free a moment ago and is closed now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/coalition", port);
  {
    g_autoptr(CaucusProbeResult) r = probe (url, "ana", "s3cret-ana");
    g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_UNREACHABLE);
    g_assert_nonnull (strstr (r->message, "refused"));
  }
}

static void
test_invalid_url (void)
{
  g_autoptr(CaucusProbeResult) r = probe ("ftp://example.org/x", NULL, NULL);
  g_autoptr(CaucusProbeResult) s = probe ("http://127.0.0.1:5984/", NULL, NULL);

  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_INVALID_URL);
  g_assert_cmpint (s->outcome, ==, CAUCUS_PROBE_INVALID_URL);
  g_assert_nonnull (strstr (s->message, "database"));
}

static void
not_couch_cb (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  static const char page[] = "<!doctype html><title>Welcome to nginx!</title>";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
test_not_couchdb (void)
{
  g_autoptr(SoupServer) soup = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  soup_server_add_handler (soup, NULL, not_couch_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);
  url = g_strdup_printf ("http://127.0.0.1:%d/coalition", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  {
    g_autoptr(CaucusProbeResult) r = probe (url, "ana", "s3cret-ana");
    g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_NOT_COUCHDB);
    g_assert_nonnull (strstr (r->message, "not a CouchDB-compatible server"));
  }
  soup_server_disconnect (soup);
}

static void
test_tls_untrusted (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autofree char *dir = NULL, *cert_file = NULL, *key_file = NULL, *url = NULL;
  GSList *uris;
  int status = -1;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed to make a test certificate");
      return;
    }
#ifdef __SANITIZE_ADDRESS__
  g_test_skip ("TLS is not tested under AddressSanitizer (LeakSanitizer DTLS crash)");
  return;
#endif
  dir = g_dir_make_tmp ("caucus-probe-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_file = g_build_filename (dir, "cert.pem", NULL);
  key_file = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-keyout", key_file, "-out", cert_file, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  cert = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);
  soup = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (soup, NULL, not_couch_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (soup, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup);
  url = g_strdup_printf ("https://127.0.0.1:%d/coalition", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  {
    g_autoptr(CaucusProbeResult) r = probe (url, "ana", "s3cret-ana");
    g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_TLS_UNTRUSTED);
    g_assert_nonnull (strstr (r->message, "not signed by an authority"));
  }
  soup_server_disconnect (soup);
  g_unlink (cert_file);
  g_unlink (key_file);
  g_rmdir (dir);
}

static void
test_blocking (void)
{
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusProbeResult) r = caucus_sync_probe (url, "ana", "s3cret-ana", 5, NULL, &error);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(CaucusProbeResult) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (r->outcome, ==, CAUCUS_PROBE_OK);
  g_cancellable_cancel (cancel);
  none = caucus_sync_probe (url, "ana", "s3cret-ana", 5, cancel, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = whole_server_start ();
  g_test_add_func ("/sync/probe/ok", test_ok);
  g_test_add_func ("/sync/probe/user-in-url", test_user_in_url);
  g_test_add_func ("/sync/probe/wrong-password", test_wrong_password);
  g_test_add_func ("/sync/probe/not-member", test_not_member);
  g_test_add_func ("/sync/probe/no-database", test_no_database);
  g_test_add_func ("/sync/probe/unreachable", test_unreachable);
  g_test_add_func ("/sync/probe/invalid-url", test_invalid_url);
  g_test_add_func ("/sync/probe/not-couchdb", test_not_couchdb);
  g_test_add_func ("/sync/probe/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/sync/probe/blocking", test_blocking);
  ret = g_test_run ();
  whole_server_stop (server);
  return ret;
}
