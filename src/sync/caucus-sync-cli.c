/* caucus-sync-cli.c — see caucus-sync-cli.h */
#include "caucus-sync-cli.h"
#include "caucus-replicator.h"
#include "caucus-sync-credentials.h"
#include "caucus-sync-error.h"

#include <glib-unix.h>
#include <signal.h>

typedef struct {
  GMainLoop        *loop;
  GCancellable     *cancellable;
  CaucusReplicator *replicators[2];
  GError           *errors[2];
  gboolean          finished[2];
  guint             n_running;
  gint64            last_print;
  gboolean          interrupted;
} CliRun;

static const char *
direction_name (CaucusReplicator *r)
{
  return caucus_replicator_get_direction (r) == CAUCUS_REPLICATION_PULL ? "pull" : "push";
}

static void
progress_cb (CaucusReplicator *r,
             GParamSpec       *pspec,
             CliRun           *cli)
{
  gint64 now = g_get_monotonic_time ();

  if (now - cli->last_print < 500000)
    return;
  cli->last_print = now;
  if (caucus_replicator_get_pending (r) >= 0)
    g_printerr ("%s: %" G_GUINT64_FORMAT " documents written, %" G_GINT64_FORMAT " pending\n",
                direction_name (r), caucus_replicator_get_docs_written (r),
                caucus_replicator_get_pending (r));
  else
    g_printerr ("%s: %" G_GUINT64_FORMAT " documents written\n",
                direction_name (r), caucus_replicator_get_docs_written (r));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CliRun *cli = user_data;
  CaucusReplicator *r = CAUCUS_REPLICATOR (source);
  guint i = cli->replicators[0] == r ? 0 : 1;

  caucus_replicator_run_finish (r, result, &cli->errors[i]);
  cli->finished[i] = TRUE;
  /* In continuous mode one direction failing stops the other: the caller retries both. */
  if (cli->errors[i] != NULL)
    g_cancellable_cancel (cli->cancellable);
  if (--cli->n_running == 0)
    g_main_loop_quit (cli->loop);
}

static gboolean
signal_cb (gpointer user_data)
{
  CliRun *cli = user_data;

  g_printerr ("stopping…\n");
  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
add_summary (JsonBuilder      *b,
             CaucusReplicator *r,
             GError           *error)
{
  g_autofree char *seq = caucus_replicator_dup_last_seq (r);

  json_builder_set_member_name (b, direction_name (r));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, error == NULL);
  json_builder_set_member_name (b, "docs_read");
  json_builder_add_int_value (b, (gint64) caucus_replicator_get_docs_read (r));
  json_builder_set_member_name (b, "docs_written");
  json_builder_add_int_value (b, (gint64) caucus_replicator_get_docs_written (r));
  json_builder_set_member_name (b, "doc_write_failures");
  json_builder_add_int_value (b, (gint64) caucus_replicator_get_doc_write_failures (r));
  json_builder_set_member_name (b, "bytes");
  json_builder_add_int_value (b, (gint64) caucus_replicator_get_bytes (r));
  if (seq != NULL)
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      if (json_parser_load_from_data (p, seq, -1, NULL))
        {
          json_builder_set_member_name (b, "last_seq");
          json_builder_add_value (b, json_node_copy (json_parser_get_root (p)));
        }
    }
  if (error != NULL)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
    }
  json_builder_end_object (b);
}

int
caucus_sync_cli_run (CaucusStore  *store,
                     int           argc,
                     char        **argv)
{
  g_autofree char *remote_url = NULL;
  g_autofree char *user = NULL;
  gboolean once = FALSE, continuous = FALSE, pull = FALSE, push = FALSE, create = FALSE;
  int batch_size = CAUCUS_REPLICATOR_DEFAULT_BATCH_SIZE, timeout = 60, retries = 4;
  GOptionEntry entries[] = {
    { "remote", 0, 0, G_OPTION_ARG_STRING, &remote_url, "Database URL on the server", "URL" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "User name on the server", "NAME" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "Replicate what there is, then stop (default)", NULL },
    { "continuous", 0, 0, G_OPTION_ARG_NONE, &continuous, "Keep replicating until interrupted", NULL },
    { "pull", 0, 0, G_OPTION_ARG_NONE, &pull, "Only from the server to this store", NULL },
    { "push", 0, 0, G_OPTION_ARG_NONE, &push, "Only from this store to the server", NULL },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, "Documents per batch (default 1000)", "N" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Seconds of silence before a request fails", "S" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries, "Retries of a failing request (default 4)", "N" },
    { "create-remote", 0, 0, G_OPTION_ARG_NONE, &create, "Create the server database if missing", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— replicate with a CouchDB-compatible server");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) args = NULL;
  CaucusCouchLimits limits;
  CliRun cli = { 0 };
  GSource *signal_sources[2];
  gboolean ok = TRUE;
  int n_args = argc;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), 2);

  /* GOptionContext rewrites argv; work on a copy. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_help_enabled (ctx, TRUE);
  if (!g_option_context_parse_strv (ctx, &args, &error))
    {
      g_printerr ("sync: %s\n", error->message);
      return 2;
    }
  n_args = g_strv_length (args);
  if (n_args > 1)
    {
      g_printerr ("sync: unexpected argument “%s”\n", args[1]);
      return 2;
    }
  if (remote_url == NULL)
    {
      g_printerr ("sync: --remote URL is required (the workspace database on the server)\n");
      return 2;
    }
  if (once && continuous)
    {
      g_printerr ("sync: --once and --continuous exclude each other\n");
      return 2;
    }
  if (batch_size < 1 || batch_size > 100000 || timeout < 1 || timeout > 3600 ||
      retries < 0 || retries > 100)
    {
      g_printerr ("sync: --batch-size must be 1…100000, --timeout 1…3600 and --retries 0…100\n");
      return 2;
    }
  if (!pull && !push)
    pull = push = TRUE;

  remote = caucus_remote_new (remote_url, user, NULL, &error);
  if (remote == NULL)
    {
      g_printerr ("sync: %s\n", error->message);
      return 2;
    }
  caucus_sync_resolve_password (remote, NULL);
  caucus_couch_limits_init_default (&limits);
  limits.timeout_s = timeout;
  limits.max_retries = retries;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  cli.loop = g_main_loop_new (context, FALSE);
  cli.cancellable = g_cancellable_new ();
  for (guint i = 0; i < 2; i++)
    {
      signal_sources[i] = g_unix_signal_source_new (i == 0 ? SIGINT : SIGTERM);
      g_source_set_callback (signal_sources[i], signal_cb, &cli, NULL);
      g_source_attach (signal_sources[i], context);
    }

  for (guint i = 0; i < 2; i++)
    {
      gboolean want = i == 0 ? pull : push;
      if (!want)
        continue;
      cli.replicators[i] = caucus_replicator_new (store, remote,
                                                  i == 0 ? CAUCUS_REPLICATION_PULL
                                                         : CAUCUS_REPLICATION_PUSH);
      caucus_replicator_set_continuous (cli.replicators[i], continuous);
      caucus_replicator_set_batch_size (cli.replicators[i], batch_size);
      caucus_replicator_set_limits (cli.replicators[i], &limits);
      caucus_replicator_set_create_target (cli.replicators[i], create);
      g_signal_connect (cli.replicators[i], "notify::docs-written", G_CALLBACK (progress_cb), &cli);
    }

  if (continuous)
    {
      for (guint i = 0; i < 2; i++)
        if (cli.replicators[i] != NULL)
          {
            cli.n_running++;
            caucus_replicator_run_async (cli.replicators[i], cli.cancellable, run_done_cb, &cli);
          }
      g_main_loop_run (cli.loop);
    }
  else
    {
      /* Pull first, so a push never sends what the server is about to tell us anyway. */
      for (guint i = 0; i < 2 && !g_cancellable_is_cancelled (cli.cancellable); i++)
        if (cli.replicators[i] != NULL)
          {
            cli.n_running = 1;
            caucus_replicator_run_async (cli.replicators[i], cli.cancellable, run_done_cb, &cli);
            g_main_loop_run (cli.loop);
            if (cli.errors[i] != NULL)
              break;
          }
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  for (guint i = 0; i < 2; i++)
    if (cli.replicators[i] != NULL)
      {
        GError *e = cli.errors[i];
        /* Stopping a continuous run on request is its normal end. */
        if (e != NULL && cli.interrupted && g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
          e = NULL;
        if (e != NULL)
          {
            ok = FALSE;
            g_printerr ("sync: %s failed: %s\n", direction_name (cli.replicators[i]), e->message);
          }
        add_summary (b, cli.replicators[i], e);
      }
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, ok);
  json_builder_end_object (b);
  summary = json_builder_get_root (b);
  text = json_to_string (summary, TRUE);
  g_print ("%s\n", text);

  for (guint i = 0; i < 2; i++)
    {
      g_source_destroy (signal_sources[i]);
      g_source_unref (signal_sources[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&cli.replicators[i]);
      g_clear_error (&cli.errors[i]);
    }
  g_clear_object (&cli.cancellable);
  g_main_loop_unref (cli.loop);
  g_main_context_pop_thread_default (context);
  return ok ? 0 : 1;
}
