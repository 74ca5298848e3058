/* test-server-cli.c — the caucus-server command line: users, databases, memberships, and
 * serving until SIGTERM. */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "caucus-server.h"

static const char *binary;
static char *dir;

static int
run (const char *input, char **out, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, dir);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, out, err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

#define OK(input, ...) do { g_autofree char *o = NULL, *e = NULL; \
    int rc = run (input, &o, &e, __VA_ARGS__, NULL); \
    if (rc != 0) g_error ("expected success: %s", e); } while (0)
#define FAILS(needle, input, ...) do { g_autofree char *o = NULL, *e = NULL; \
    int rc = run (input, &o, &e, __VA_ARGS__, NULL); \
    g_assert_cmpint (rc, !=, 0); \
    if (strstr (e, needle) == NULL) g_error ("expected '%s' in: %s", needle, e); } while (0)

static void
test_users_and_dbs (void)
{
  g_autofree char *members = NULL;
  g_autofree char *list = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CaucusUsers) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  OK ("s3cret\n", "user", "add", "amina");
  OK ("other\n", "user", "add", "bo");
  FAILS ("already exists", "again\n", "user", "add", "amina");
  FAILS ("No password", "", "user", "add", "carl");
  FAILS ("cannot contain", "pw\n", "user", "add", "bad:name");
  OK (NULL, "db", "create", "coalition-1");
  FAILS ("already exists", NULL, "db", "create", "coalition-1");
  FAILS ("Only lowercase", NULL, "db", "create", "Coalition");
  FAILS ("Only lowercase", NULL, "db", "create", "../etc");
  OK (NULL, "db", "grant", "coalition-1", "amina", "--role", "admin");
  OK (NULL, "db", "grant", "coalition-1", "bo", "--role", "reader");
  FAILS ("--role", NULL, "db", "grant", "coalition-1", "bo", "--role", "owner");
  FAILS ("no user", NULL, "db", "grant", "coalition-1", "ghost", "--role", "reader");
  FAILS ("no database", NULL, "db", "grant", "nope", "bo", "--role", "reader");

  g_assert_cmpint (run (NULL, &members, &err, "db", "members", "coalition-1", NULL), ==, 0);
  g_assert_cmpstr (members, ==, "amina\tadmin\nbo\treader\n");
  g_assert_cmpint (run (NULL, &list, NULL, "db", "list", NULL), ==, 0);
  g_assert_cmpstr (list, ==, "coalition-1\n");

  {
    /* password hashes and the cookie secret are readable by the owner only */
    g_autofree char *file = g_build_filename (dir, CAUCUS_USERS_FILE, NULL);
    GStatBuf st;
    g_assert_cmpint (g_stat (file, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  /* the password is stored as an argon2id hash, never as given */
  users = caucus_users_open (dir, &error);
  g_assert_no_error (error);
  hash = caucus_users_get_hash (users, "amina");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (caucus_users_verify_hash (hash, "s3cret"));
  OK ("n3w\n", "user", "passwd", "amina");
  g_free (hash);
  hash = caucus_users_get_hash (users, "amina");
  g_assert_true (caucus_users_verify_hash (hash, "n3w"));

  OK (NULL, "db", "revoke", "coalition-1", "bo");
  FAILS ("not a member", NULL, "db", "revoke", "coalition-1", "bo");
  OK (NULL, "user", "remove", "amina");
  FAILS ("no user", NULL, "user", "remove", "amina");
  g_assert_cmpint (caucus_users_get_role (users, "coalition-1", "amina"), ==, CAUCUS_ROLE_NONE);
  OK (NULL, "db", "delete", "coalition-1");
  FAILS ("no database", NULL, "db", "delete", "coalition-1");
  FAILS ("Unknown command", NULL, "frobnicate");
}

static void
test_serve_and_sigterm (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;

  proc = g_subprocess_launcher_spawn (launcher, &error, binary, "--data", dir, "serve", "--quiet",
                                      "--listen", "127.0.0.1:0", "--max-body-mib", "1", "--workers", "2",
                                      NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:"));
  url = g_strdup (line + strlen ("Listening on "));
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  {
    /* --max-body-mib 1 took effect */
    g_autofree char *big_url = g_strconcat (url, "/somedb/doc", NULL);
    g_autoptr(SoupMessage) big = soup_message_new ("PUT", big_url);
    g_autofree char *payload = g_malloc0 (2 * 1024 * 1024);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GBytes) reply = NULL;
    memset (payload, ' ', 2 * 1024 * 1024);
    bytes = g_bytes_new_take (g_steal_pointer (&payload), 2 * 1024 * 1024);
    soup_message_set_request_body_from_bytes (big, "application/json", bytes);
    /* wait for the server's verdict before sending the body, so the 413 is read cleanly */
    soup_message_headers_set_expectations (soup_message_get_request_headers (big), SOUP_EXPECTATION_CONTINUE);
    reply = soup_session_send_and_read (session, big, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (big), ==, 413);
  }

  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);

  {
    g_autoptr(GSubprocess) bad = g_subprocess_launcher_spawn (launcher, &error, binary, "--data", dir, "serve",
                                                              "--workers", "0", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait (bad, NULL, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (bad), ==, 1);
  }
  {
    g_autoptr(GSubprocess) bad = g_subprocess_launcher_spawn (launcher, &error, binary, "--data", dir, "serve",
                                                              "--listen", "localhost", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait (bad, NULL, &error));
    g_assert_cmpint (g_subprocess_get_exit_status (bad), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  int rc;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  binary = argv[1];
  dir = g_dir_make_tmp ("caucus-server-cli-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/server/cli/users-and-dbs", test_users_and_dbs);
  g_test_add_func ("/server/cli/serve-sigterm", test_serve_and_sigterm);
  rc = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
    g_free (dir);
  }
  return rc;
}
