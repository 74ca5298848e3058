/* fuzz-server.c — every HTTP endpoint of caucus-server, in process: a real CaucusServer
 * listens on 127.0.0.1 in a thread of its own, and each input becomes one request on a
 * fresh connection.
 *
 * Input: the first line is "METHOD /path?query" (a leading '!' sends no credentials, a
 * leading '~' sends a reader's; METHOD becomes one of a fixed set, see append_method());
 * the following lines up to an empty line are extra
 * headers ("Name: value"); the rest is the body.  Bytes that HTTP cannot carry in a
 * request line or a header are percent-encoded or dropped, so the fuzzer spends its time
 * on the server's routing, query parsing, JSON, multipart and store code rather than on
 * libsoup's request-line parser. */
#include "fuzz-common.h"
#include "caucus-server.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define DB "ws"

static GMainContext *context;
static GMainLoop    *loop;
static CaucusServer *server;
static CaucusUsers  *users;
static guint16       port;
static GThread      *thread;
static GMutex        lock;
static GCond         cond;
static gboolean      ready;

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  server = g_object_new (CAUCUS_TYPE_SERVER,
                         "data-dir", (const char *) data,
                         "log-requests", FALSE,
                         "login-delay-ms", 0u,
                         "login-max-failures", 1000000u,
                         "max-body-bytes", (guint64) (1024 * 1024),
                         "worker-threads", 2u,
                         NULL);
  if (!g_initable_init (G_INITABLE (server), NULL, &error) ||
      !caucus_server_listen (server, "127.0.0.1:0", &error))
    g_error ("fuzz-server: %s", error->message);
  g_mutex_lock (&lock);
  port = caucus_server_get_port (server);
  ready = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  g_main_loop_run (loop);
  g_clear_object (&server);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
shutdown_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_server_shutdown_finish (CAUCUS_SERVER (source), result, &error))
    g_printerr ("fuzz-server: shutting down: %s\n", error->message);
  g_main_loop_quit (loop);
}

static gboolean
start_shutdown_cb (gpointer user_data)
{
  caucus_server_shutdown_async (server, NULL, shutdown_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* When libFuzzer exits (its time is up), the server shuts down the way SIGTERM shuts it
 * down: requests still on a worker finish, feeds end, stores close and everything is
 * freed before LeakSanitizer looks.  Without it the leak check raced the server's threads
 * and the last request, and a leak it reported could not be told from work in flight;
 * with it, a leak reported is one, also in the shutdown path.  Registered after
 * fuzz_tmp_dir()'s own atexit(), so it runs before the data directory is removed. */
static void
teardown (void)
{
  g_main_context_invoke (context, start_shutdown_cb, NULL);
  g_thread_join (g_steal_pointer (&thread));
  g_clear_pointer (&loop, g_main_loop_unref);
  g_clear_pointer (&context, g_main_context_unref);
  g_clear_pointer (&users, caucus_users_free);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = fuzz_tmp_dir ();

  users = caucus_users_open (dir, &error);
  if (users == NULL ||
      !caucus_users_db_create (users, DB, &error) ||
      !caucus_users_add (users, "alice", "pw-alice", &error) ||
      !caucus_users_add (users, "rita", "pw-rita", &error) ||
      !caucus_users_grant (users, DB, "alice", CAUCUS_ROLE_ADMIN, &error) ||
      !caucus_users_grant (users, DB, "rita", CAUCUS_ROLE_READER, &error))
    g_error ("fuzz-server: %s", error->message);

  context = g_main_context_new ();
  loop = g_main_loop_new (context, FALSE);
  thread = g_thread_new ("fuzz-server", server_thread, (gpointer) dir);
  g_mutex_lock (&lock);
  while (!ready)
    g_cond_wait (&cond, &lock);
  g_mutex_unlock (&lock);
  atexit (teardown);
}

/* The database and its members come back if an input deleted them, so that every input
 * meets the same server. */
static void
restore_db (void)
{
  g_autoptr(GError) error = NULL;

  if (caucus_users_db_lookup (users, DB, NULL))
    return;
  if (!caucus_users_db_create (users, DB, &error) ||
      !caucus_users_grant (users, DB, "alice", CAUCUS_ROLE_ADMIN, &error) ||
      !caucus_users_grant (users, DB, "rita", CAUCUS_ROLE_READER, &error))
    g_error ("fuzz-server: restoring %s: %s", DB, error->message);
}

static void
append_target (GString    *out,
               const char *p,
               gsize       n)
{
  if (n == 0 || p[0] != '/')
    g_string_append_c (out, '/');
  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) p[i];

      if (c > 0x20 && c < 0x7f && c != '#')
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

/* libsoup 3.2 interns every request method for the life of the process
 * (g_intern_string), and GLib deliberately leaks its old quark table each time the
 * number of quarks passes a multiple of 2,048.  A fuzzer that sent every mutated token
 * as a method would grow that table without bound and trip LeakSanitizer on GLib's
 * design, not on our code (docs/layers/server.md, "Known limits").  So the token
 * becomes one of a fixed set: the methods the server routes, and a few it must refuse
 * with 405 (a lowercase method included: HTTP methods are case-sensitive). */
static const char *const methods[] = {
  "GET", "HEAD", "PUT", "POST", "DELETE", "COPY", "OPTIONS",
  "PATCH", "TRACE", "PROPFIND", "get", "BREW",
};

static void
append_method (GString    *out,
               const char *p,
               gsize       n)
{
  guint hash = 5381;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (strlen (methods[i]) == n && g_ascii_strncasecmp (methods[i], p, n) == 0 &&
        g_ascii_isupper (methods[i][0]))
      {
        g_string_append (out, methods[i]);
        return;
      }
  for (gsize i = 0; i < n; i++)
    hash = hash * 33 + (guchar) p[i];
  g_string_append (out, methods[hash % G_N_ELEMENTS (methods)]);
}

static void
append_header (GString    *out,
               const char *p,
               gsize       n,
               gboolean   *has_type)
{
  const char *colon = memchr (p, ':', n);

  if (colon == NULL || colon == p)
    return;
  for (const char *q = p; q < colon; q++)
    if (!g_ascii_isalnum (*q) && *q != '-')
      return;
  if ((gsize) (colon - p) == strlen ("Content-Length") && g_ascii_strncasecmp (p, "Content-Length", colon - p) == 0)
    return;
  if ((gsize) (colon - p) == strlen ("Transfer-Encoding") && g_ascii_strncasecmp (p, "Transfer-Encoding", colon - p) == 0)
    return;
  if ((gsize) (colon - p) == strlen ("Connection") && g_ascii_strncasecmp (p, "Connection", colon - p) == 0)
    return;
  if ((gsize) (colon - p) == strlen ("Content-Type") && g_ascii_strncasecmp (p, "Content-Type", colon - p) == 0)
    *has_type = TRUE;
  for (const char *q = p; q < p + n; q++)
    if ((guchar) *q >= 0x20 && *q != 0x7f)
      g_string_append_c (out, *q);
  g_string_append (out, "\r\n");
}

static void
send_request (GString *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  GInputStream *in;
  char buf[16384];
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  gssize got;

  g_socket_client_set_timeout (client, 3);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (conn == NULL)
    g_error ("fuzz-server: the server stopped answering");
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                  request->str, request->len, NULL, NULL, NULL))
    return;
  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  /* Read until the server closes (Connection: close); a feed that stays open is cut after
   * a few seconds, which is also how a client going away is exercised. */
  while ((got = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    if (g_get_monotonic_time () > deadline)
      break;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *p = (const char *) data;
  const char *end = p + size;
  const char *nl, *space;
  const char *auth = "alice:pw-alice";
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) headers = g_string_new (NULL);
  g_autofree char *credentials = NULL;
  gboolean has_type = FALSE;
  gsize n;

  if (size > 256 * 1024)
    return 0;
  if (server == NULL)
    setup ();
  restore_db ();

  if (p < end && *p == '!')
    auth = NULL, p++;
  else if (p < end && *p == '~')
    auth = "rita:pw-rita", p++;

  nl = memchr (p, '\n', end - p);
  n = nl ? (gsize) (nl - p) : (gsize) (end - p);
  space = memchr (p, ' ', n);
  if (space == NULL || space == p)
    g_string_append (request, "GET");
  else
    append_method (request, p, space - p);
  g_string_append_c (request, ' ');
  if (space != NULL)
    append_target (request, space + 1, n - (space + 1 - p));
  else
    append_target (request, p, n);
  g_string_append (request, " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
  p = nl ? nl + 1 : end;

  /* extra headers up to an empty line */
  while (p < end)
    {
      nl = memchr (p, '\n', end - p);
      n = nl ? (gsize) (nl - p) : (gsize) (end - p);
      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n == 0)
        {
          p = nl ? nl + 1 : end;
          break;
        }
      append_header (headers, p, n, &has_type);
      p = nl ? nl + 1 : end;
    }
  if (auth != NULL)
    {
      credentials = g_base64_encode ((const guchar *) auth, strlen (auth));
      g_string_append_printf (request, "Authorization: Basic %s\r\n", credentials);
    }
  g_string_append (request, headers->str);
  if (!has_type)
    g_string_append (request, "Content-Type: application/json\r\n");
  g_string_append_printf (request, "Content-Length: %zu\r\n\r\n", (gsize) (end - p));
  g_string_append_len (request, p, end - p);
  send_request (request);
  return 0;
}
