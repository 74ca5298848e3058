/* main.c — the caucus-server command line: serve, and manage users and databases. */
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "caucus-server.h"
#include "caucus-store.h"

static const char usage[] =
  "Commands:\n"
  "  serve [--listen IP:PORT]… [--tls-cert FILE --tls-key FILE] [--quiet]\n"
  "        [--max-body-mib N] [--login-max-failures N] [--login-lockout-seconds N] [--workers N]\n"
  "  user add NAME | user passwd NAME | user remove NAME | user list\n"
  "  db create NAME | db delete NAME | db list | db members NAME\n"
  "  db grant NAME USER --role reader|editor|admin | db revoke NAME USER\n"
  "\n"
  "Passwords are read from the terminal without echo, or from the first line of\n"
  "standard input when it is not a terminal; never from the command line.\n"
  "The data directory defaults to $STATE_DIRECTORY (set by systemd).";

static char *opt_data;
static char **opt_listen;
static char *opt_tls_cert;
static char *opt_tls_key;
static char *opt_role;
static gboolean opt_quiet;
static int opt_max_body_mib = 64;
static int opt_max_failures = 10;
static int opt_lockout_seconds = 300;
static int opt_workers = 4;

static const GOptionEntry entries[] = {
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data, "Data directory (one store file per database)", "DIR" },
  { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &opt_listen, "Address to listen on (repeatable; default 127.0.0.1:5984)", "IP:PORT" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, "PEM certificate (chain) for HTTPS", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, "PEM private key for HTTPS", "FILE" },
  { "role", 'r', 0, G_OPTION_ARG_STRING, &opt_role, "Role for db grant: reader, editor or admin", "ROLE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "Do not log every request", NULL },
  { "max-body-mib", 0, 0, G_OPTION_ARG_INT, &opt_max_body_mib, "Largest request body in MiB (default 64)", "N" },
  { "login-max-failures", 0, 0, G_OPTION_ARG_INT, &opt_max_failures, "Failed logins from one address before it gets 429 (default 10)", "N" },
  { "login-lockout-seconds", 0, 0, G_OPTION_ARG_INT, &opt_lockout_seconds, "How long such an address is refused (default 300)", "N" },
  { "workers", 0, 0, G_OPTION_ARG_INT, &opt_workers, "Worker threads for database work (default 4)", "N" },
  { NULL }
};

static char *
read_line (FILE *stream)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (stream)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  return g_string_free (line, FALSE);
}

static char *
prompt_hidden (const char *prompt)
{
  struct termios old, hidden;
  char *line;

  fputs (prompt, stderr);
  fflush (stderr);
  tcgetattr (STDIN_FILENO, &old);
  hidden = old;
  hidden.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &hidden);
  line = read_line (stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  fputs ("\n", stderr);
  return line;
}

static char *
read_password (const char *name, GError **error)
{
  char *password;

  if (isatty (STDIN_FILENO))
    {
      g_autofree char *prompt = g_strdup_printf ("Password for %s: ", name);
      g_autofree char *again = NULL;
      password = prompt_hidden (prompt);
      again = prompt_hidden ("Repeat the password: ");
      if (password == NULL || again == NULL || !g_str_equal (password, again))
        {
          g_free (password);
          g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                       "The passwords do not match");
          return NULL;
        }
    }
  else
    password = read_line (stdin);
  if (password == NULL || *password == '\0')
    {
      g_free (password);
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "No password given (standard input was empty)");
      return NULL;
    }
  return password;
}

static gboolean
need_args (char **args, guint n, const char *what, GError **error)
{
  if (g_strv_length (args) != n)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "Usage: caucus-server --data DIR %s", what);
      return FALSE;
    }
  return TRUE;
}

static void
print_list (GStrv list)
{
  for (guint i = 0; list && list[i]; i++)
    g_print ("%s\n", list[i]);
}

static gboolean
run_user (CaucusUsers *users, char **args, GError **error)
{
  const char *verb = args[0];

  if (verb == NULL)
    return need_args (args, 2, "user add|passwd|remove NAME", error);
  if (g_str_equal (verb, "list"))
    {
      g_auto(GStrv) list = caucus_users_list (users, error);
      print_list (list);
      return list != NULL;
    }
  if (!need_args (args, 2, "user add|passwd|remove NAME", error))
    return FALSE;
  if (g_str_equal (verb, "add") || g_str_equal (verb, "passwd"))
    {
      g_autofree char *password = NULL;
      gboolean ok;
      if (!caucus_users_validate_name (args[1], error))
        return FALSE;
      password = read_password (args[1], error);
      if (password == NULL)
        return FALSE;
      ok = g_str_equal (verb, "add") ? caucus_users_add (users, args[1], password, error)
                                     : caucus_users_set_password (users, args[1], password, error);
      memset (password, 0, strlen (password));
      return ok;
    }
  if (g_str_equal (verb, "remove"))
    return caucus_users_remove (users, args[1], error);
  g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
               "Unknown user command '%s'", verb);
  return FALSE;
}

static gboolean
run_db (CaucusUsers *users, char **args, GError **error)
{
  const char *verb = args[0];

  if (verb == NULL)
    return need_args (args, 2, "db create|delete|members NAME", error);
  if (g_str_equal (verb, "list"))
    {
      g_auto(GStrv) list = caucus_users_db_list (users, NULL, error);
      print_list (list);
      return list != NULL;
    }
  if (g_str_equal (verb, "create") || g_str_equal (verb, "delete") || g_str_equal (verb, "members"))
    {
      if (!need_args (args, 2, "db create|delete|members NAME", error))
        return FALSE;
      if (g_str_equal (verb, "create"))
        {
          g_autofree char *path = NULL;
          g_autoptr(CaucusStore) store = NULL;
          if (!caucus_users_db_create (users, args[1], error))
            return FALSE;
          path = caucus_db_path (caucus_users_get_data_dir (users), args[1]);
          store = caucus_store_open (path, error);
          if (store == NULL)
            {
              caucus_users_db_delete (users, args[1], NULL);
              return FALSE;
            }
          /* the workspace's documents: owner only, like the users file */
          if (g_chmod (path, 0600) != 0)
            g_printerr ("caucus-server: warning: could not make %s private: %s\n",
                        path, g_strerror (errno));
          return TRUE;
        }
      if (g_str_equal (verb, "delete"))
        return caucus_users_db_delete (users, args[1], error);
      if (!caucus_users_db_lookup (users, args[1], NULL))
        {
          g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                       "There is no database '%s'", args[1]);
          return FALSE;
        }
      for (CaucusRole role = CAUCUS_ROLE_ADMIN; role >= CAUCUS_ROLE_READER; role--)
        {
          g_auto(GStrv) list = caucus_users_members (users, args[1], role, error);
          if (list == NULL)
            return FALSE;
          for (guint i = 0; list[i]; i++)
            g_print ("%s\t%s\n", list[i], caucus_role_to_string (role));
        }
      return TRUE;
    }
  if (g_str_equal (verb, "grant"))
    {
      CaucusRole role;
      if (!need_args (args, 3, "db grant NAME USER --role reader|editor|admin", error))
        return FALSE;
      if (opt_role == NULL || !caucus_role_from_string (opt_role, &role))
        {
          g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                       "db grant needs --role reader, editor or admin");
          return FALSE;
        }
      return caucus_users_grant (users, args[1], args[2], role, error);
    }
  if (g_str_equal (verb, "revoke"))
    {
      if (!need_args (args, 3, "db revoke NAME USER", error))
        return FALSE;
      return caucus_users_revoke (users, args[1], args[2], error);
    }
  g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
               "Unknown db command '%s'", verb);
  return FALSE;
}

typedef struct {
  GMainLoop *loop;
  CaucusServer *server;
  gboolean stopping;
} ServeState;

static void
shutdown_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ServeState *state = data;
  g_autoptr(GError) error = NULL;

  if (!caucus_server_shutdown_finish (CAUCUS_SERVER (source), result, &error))
    g_warning ("Shutdown: %s", error->message);
  g_message ("caucus-server stopped");
  g_main_loop_quit (state->loop);
}

static gboolean
signal_cb (gpointer data)
{
  ServeState *state = data;

  if (!state->stopping)
    {
      state->stopping = TRUE;
      g_message ("Shutting down: finishing requests in flight");
      caucus_server_shutdown_async (state->server, NULL, shutdown_done_cb, state);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
run_serve (const char *data_dir, GError **error)
{
  g_autoptr(CaucusServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) urls = NULL;
  ServeState state = { 0 };
  const char *default_listen[] = { "127.0.0.1:5984", NULL };
  const char * const *listen = opt_listen ? (const char * const *) opt_listen : default_listen;
  guint sigterm, sigint;

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "--tls-cert and --tls-key go together");
      return FALSE;
    }
  if (opt_max_body_mib < 1 || opt_max_body_mib > 4095 || opt_max_failures < 1 ||
      opt_lockout_seconds < 1 || opt_lockout_seconds > 86400 || opt_workers < 1 || opt_workers > 64)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "Out of range: --max-body-mib 1–4095, --login-max-failures ≥ 1, "
                   "--login-lockout-seconds 1–86400, --workers 1–64");
      return FALSE;
    }
  server = g_initable_new (CAUCUS_TYPE_SERVER, NULL, error,
                           "data-dir", data_dir,
                           "log-requests", !opt_quiet,
                           "max-body-bytes", (guint64) opt_max_body_mib * 1024 * 1024,
                           "login-max-failures", (guint) opt_max_failures,
                           "login-lockout-seconds", (guint) opt_lockout_seconds,
                           "worker-threads", (guint) opt_workers,
                           NULL);
  if (server == NULL)
    return FALSE;
  if (opt_tls_cert && !caucus_server_set_tls_files (server, opt_tls_cert, opt_tls_key, error))
    return FALSE;
  for (guint i = 0; listen[i]; i++)
    if (!caucus_server_listen (server, listen[i], error))
      return FALSE;

  urls = caucus_server_get_urls (server);
  for (guint i = 0; urls[i]; i++)
    g_print ("Listening on %s\n", urls[i]);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.server = server;
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &state);
  sigint = g_unix_signal_add (SIGINT, signal_cb, &state);
  g_main_loop_run (loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusUsers) users = NULL;
  const char *data_dir;
  const char *command;
  gboolean ok;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("COMMAND [ARGS…] — the Caucus sync server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, usage);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("caucus-server: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }
  data_dir = opt_data ? opt_data : g_getenv ("STATE_DIRECTORY");
  if (data_dir == NULL)
    {
      g_printerr ("caucus-server: give the data directory with --data DIR\n");
      return 2;
    }

  command = argv[1];
  if (g_str_equal (command, "serve"))
    ok = run_serve (data_dir, &error);
  else if (g_str_equal (command, "user") || g_str_equal (command, "db"))
    {
      users = caucus_users_open (data_dir, &error);
      if (users == NULL)
        ok = FALSE;
      else if (g_str_equal (command, "user"))
        ok = run_user (users, argv + 2, &error);
      else
        ok = run_db (users, argv + 2, &error);
    }
  else
    {
      g_set_error (&error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "Unknown command '%s' (serve, user, db)", command);
      ok = FALSE;
    }
  if (!ok)
    {
      g_printerr ("caucus-server: %s\n", error->message);
      return 1;
    }
  return 0;
}
