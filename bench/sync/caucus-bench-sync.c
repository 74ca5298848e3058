/* caucus-bench-sync.c — replication throughput and latency against a real peer.
 *
 * In one run, against the same server — caucus-server in-process (default) or pouchdb-server
 * (tests/sync/pouchdb-server.js, in memory, with --server pouchdb):
 *   1. Caucus pushes N ~500-byte documents from a store into an empty server database;
 *   2. Caucus pulls them from there into an empty store;
 *   3. PouchDB (node, memory adapter, default settings) pulls the same database and pushes
 *      it into another empty one;
 *   4. the clients alone: both pull N documents from a server that costs almost nothing
 *      (precomputed answers in C) and push them into one that stores nothing;
 *   5. one edited document travels replica → server → second replica (push, then the
 *      second replica's continuous long-poll pull), repeated, over loopback.
 * Prints docs/s for each, the Caucus/PouchDB ratios and the latency.  Usage:
 *   caucus-bench-sync [--docs N] [--batch-size N] [--server caucus|pouchdb]
 *                     [--skip caucus,pouchdb,clients,latency]
 * (--skip leaves parts out, for profiling one of them under callgrind; the figures bench/run
 * reads need every part.)
 */
#include "caucus-bench-fast-server.h"
#include "caucus-replicator.h"
#include "caucus-server.h"
#include "caucus-store.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        rm_rf (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

/* caucus-server runs in its own thread and main context: the blocking replicator runs
 * private contexts on this one. */
static GMainLoop *server_loop;
static char *server_url;
static GMutex server_lock;
static GCond server_ready;

static gpointer
server_thread (gpointer data)
{
  const char *dir = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusServer) server = NULL;

  g_main_context_push_thread_default (context);
  server = g_initable_new (CAUCUS_TYPE_SERVER, NULL, &error, "data-dir", dir,
                           "log-requests", FALSE, NULL);
  if (server == NULL || !caucus_server_listen (server, "127.0.0.1:0", &error))
    g_error ("caucus-server: %s", error->message);
  g_mutex_lock (&server_lock);
  server_url = caucus_server_get_url (server);
  server_loop = g_main_loop_new (context, FALSE);
  g_cond_broadcast (&server_ready);
  g_mutex_unlock (&server_lock);
  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static char *
start_caucus_server (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusUsers) users = caucus_users_open (dir, &error);
  const char *dbs[] = { "caucus-push", "pouch-push", "latency" };

  if (users == NULL || !caucus_users_add (users, "bench", "bench-password", &error))
    g_error ("caucus-server users: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (dbs); i++)
    if (!caucus_users_db_create (users, dbs[i], &error) ||
        !caucus_users_grant (users, dbs[i], "bench", CAUCUS_ROLE_ADMIN, &error))
      g_error ("caucus-server db: %s", error->message);
  g_thread_unref (g_thread_new ("caucus-server", server_thread, (gpointer) dir));
  g_mutex_lock (&server_lock);
  while (server_url == NULL)
    g_cond_wait (&server_ready, &server_lock);
  g_mutex_unlock (&server_lock);
  return g_strdup_printf ("http://bench:bench-password@%s", server_url + strlen ("http://"));
}

static void
http (const char *method,
      const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  if (soup_message_get_status (msg) >= 300)
    g_error ("%s %s: HTTP %u", method, url, soup_message_get_status (msg));
}

static CaucusStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CaucusStore *store = caucus_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static double
process_cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The process that serves: this one (caucus-server in-process, the fast server) or the
 * pouchdb-server child. */
static GPid server_pid;

/* CPU seconds @pid has used so far, from /proc (-1 when unreadable). */
static double
pid_cpu_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  const char *rest;
  g_auto(GStrv) f = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (rest = strrchr (text, ')')) == NULL)
    return -1;
  f = g_strsplit (rest + 2, " ", 16);
  if (g_strv_length (f) < 14)
    return -1;
  return (g_ascii_strtod (f[11], NULL) + g_ascii_strtod (f[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* CPU the server used since @since (a pid_cpu_seconds () reading); 0 when the server is
 * this process, whose own CPU figure already includes it. */
static double
server_cpu_since (double since)
{
  if (server_pid == getpid () || since < 0)
    return 0;
  return pid_cpu_seconds (server_pid) - since;
}

/* Returns the wall time; *cpu gets the CPU time of client and server together (this
 * process, plus the server process when it is another one). */
static double
replicate (CaucusStore                *store,
           const char                 *url,
           CaucusReplicationDirection  direction,
           guint                       batch_size,
           guint64                    *docs,
           double                     *cpu,
           double                     *client_cpu)
{
  double cpu0 = process_cpu_seconds ();
  double server0 = pid_cpu_seconds (server_pid);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, &error);
  g_autoptr(CaucusReplicator) r = caucus_replicator_new (store, remote, direction);
  gint64 t0 = g_get_monotonic_time ();

  caucus_replicator_set_batch_size (r, batch_size);
  if (!caucus_replicator_run (r, NULL, &error))
    g_error ("%s", error->message);
  *docs = caucus_replicator_get_docs_written (r);
  *client_cpu = process_cpu_seconds () - cpu0;
  *cpu = *client_cpu + server_cpu_since (server0);
  return (g_get_monotonic_time () - t0) / 1e6;
}

typedef struct {
  double pull_docs, pull_s, pull_cpu, push_docs, push_s, push_cpu;
  double pull_server_cpu, push_server_cpu;   /* the server's CPU while PouchDB ran, -1 unknown */
} PouchRun;

static void
run_pouch (const char *script,
           const char *modules,
           const char *src,
           const char *dst,
           PouchRun   *out)
{
  g_autoptr(GSubprocessLauncher) pl = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *o;

  g_autofree char *pid = g_strdup_printf ("%d", (int) server_pid);
  g_autofree char *tck = g_strdup_printf ("%ld", sysconf (_SC_CLK_TCK));

  g_subprocess_launcher_setenv (pl, "CAUCUS_NODE_MODULES", modules, TRUE);
  g_subprocess_launcher_setenv (pl, "CAUCUS_SERVER_PID", pid, TRUE);
  g_subprocess_launcher_setenv (pl, "CAUCUS_CLK_TCK", tck, TRUE);
  node = g_subprocess_launcher_spawn (pl, &error, "node", script, src, dst, NULL);
  if (node == NULL || !g_subprocess_communicate_utf8 (node, NULL, NULL, &text, NULL, &error))
    g_error ("%s", error->message);
  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("PouchDB run failed: %s", text);
  o = json_node_get_object (json_parser_get_root (parser));
  out->pull_docs = json_object_get_int_member (o, "pull_docs");
  out->pull_s = json_object_get_double_member (o, "pull_seconds");
  out->pull_cpu = json_object_get_double_member (o, "pull_cpu_seconds");
  out->push_docs = json_object_get_int_member (o, "push_docs");
  out->push_s = json_object_get_double_member (o, "push_seconds");
  out->push_cpu = json_object_get_double_member (o, "push_cpu_seconds");
  out->pull_server_cpu = json_object_get_double_member_with_default (o, "pull_server_cpu_seconds", -1);
  out->push_server_cpu = json_object_get_double_member_with_default (o, "push_server_cpu_seconds", -1);
}

/* "client + server" CPU per document of a PouchDB phase, or "?" */
static char *
pouch_total_us (double client_cpu,
                double server_cpu,
                double docs)
{
  if (server_cpu < 0 || docs <= 0)
    return g_strdup ("?");
  return g_strdup_printf ("%.0f", (client_cpu + server_cpu) * 1e6 / docs);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  int n_docs = 100000, batch_size = 1000;
  g_autofree char *server_kind = NULL, *skip = NULL;
  gboolean use_pouch, skip_caucus, skip_pouch, skip_clients, skip_latency;
  g_autofree char *server_dir = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_kind, "caucus (default) or pouchdb", "KIND" },
    { "docs", 0, 0, G_OPTION_ARG_INT, &n_docs, "Documents (default 100000)", "N" },
    { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size, "Caucus batch size (default 1000)", "N" },
    { "skip", 0, 0, G_OPTION_ARG_STRING, &skip, "Parts to leave out: caucus (against caucus-server; implies pouchdb), pouchdb, clients, latency", "LIST" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— Caucus vs PouchDB replication");
  g_autoptr(GError) error = NULL;
  const char *src = g_getenv ("CAUCUS_SOURCE_DIR") ? g_getenv ("CAUCUS_SOURCE_DIR") : CAUCUS_SOURCE_ROOT;
  g_autofree char *modules = g_build_filename (src, "tests", "interop", "node_modules", NULL);
  g_autofree char *server_js = g_build_filename (src, "tests", "sync", "pouchdb-server.js", NULL);
  g_autofree char *pouch_js = g_build_filename (src, "bench", "sync", "pouchdb-replicate.js", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL, *base = NULL, *dir = NULL;
  g_autofree char *db_caucus = NULL, *db_pouch = NULL, *db_latency = NULL;
  g_autoptr(CaucusStore) origin = NULL, pulled = NULL, l1 = NULL, l2 = NULL;
  g_autoptr(GString) filler = g_string_new (NULL);
  double push_s = 0, pull_s = 0, push_cpu = 0, pull_cpu = 0, push_client_cpu = 0, pull_client_cpu = 0;
  guint64 pushed_docs = 0, pulled_docs = 0;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || n_docs < 1 || batch_size < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--docs and --batch-size must be positive");
      return 2;
    }
  if (!g_file_test (modules, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("%s is missing: run npm ci in tests/interop\n", modules);
      return 77;
    }

  {
    g_auto(GStrv) parts = g_strsplit (skip ? skip : "", ",", -1);

    skip_pouch = g_strv_contains ((const char * const *) parts, "pouchdb");
    skip_clients = g_strv_contains ((const char * const *) parts, "clients");
    skip_latency = g_strv_contains ((const char * const *) parts, "latency");
    skip_caucus = g_strv_contains ((const char * const *) parts, "caucus");
    skip_pouch |= skip_caucus;
    for (guint i = 0; parts[i] != NULL; i++)
      if (*parts[i] != '\0' && !g_str_equal (parts[i], "pouchdb") && !g_str_equal (parts[i], "caucus") &&
          !g_str_equal (parts[i], "clients") && !g_str_equal (parts[i], "latency"))
        {
          g_printerr ("--skip takes caucus, pouchdb, clients, latency; not “%s”\n", parts[i]);
          return 2;
        }
  }
  use_pouch = g_strcmp0 (server_kind, "pouchdb") == 0;
  if (server_kind != NULL && !use_pouch && g_strcmp0 (server_kind, "caucus") != 0)
    {
      g_printerr ("--server must be caucus or pouchdb\n");
      return 2;
    }
  dir = g_dir_make_tmp ("caucus-bench-sync-XXXXXX", &error);

  /* The server. */
  if (use_pouch)
    {
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_subprocess_launcher_setenv (launcher, "CAUCUS_NODE_MODULES", modules, TRUE);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      server = g_subprocess_launcher_spawn (launcher, &error, "node", server_js, NULL);
      if (server == NULL)
        g_error ("%s", error->message);
      server_pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server), NULL, 10);
      in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
      line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
      if (line == NULL || !g_str_has_prefix (line, "PORT "))
        g_error ("pouchdb-server did not start");
      base = g_strdup_printf ("http://127.0.0.1:%s", line + 5);
    }
  else
    {
      server_dir = g_build_filename (dir, "server", NULL);
      g_mkdir (server_dir, 0700);
      base = start_caucus_server (server_dir);
      server_pid = getpid ();
    }
  db_caucus = g_strdup_printf ("%s/caucus-push", base);
  db_pouch = g_strdup_printf ("%s/pouch-push", base);
  db_latency = g_strdup_printf ("%s/latency", base);
  if (use_pouch)
    {
      http ("PUT", db_caucus);
      http ("PUT", db_pouch);
      http ("PUT", db_latency);
    }

  origin = open_store (dir, "origin.db");
  pulled = open_store (dir, "pulled.db");

  /* ~500-byte documents. */
  for (guint i = 0; i < 40; i++)
    g_string_append (filler, "lorem ipsum ");
  if (!caucus_store_begin (origin, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < n_docs; i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"_id\":\"org:%07d\",\"type\":\"org\",\"name\":\"Organisation %d\",\"country\":\"KE\","
        "\"tags\":[\"igf\",\"itu\",\"wsis\"],\"email\":\"contact%d@example.org\",\"notes\":\"%s\"}",
        i, i, i, filler->str);
      g_autofree char *rev = caucus_store_put_json (origin, json, -1, &error);
      if (rev == NULL)
        g_error ("%s", error->message);
    }
  if (!caucus_store_commit (origin, &error))
    g_error ("%s", error->message);
  g_print ("documents: %d (~%zu bytes each), batch size %d, server %s\n",
           n_docs, filler->len + 120, batch_size,
           use_pouch ? "pouchdb-server (memory)" : "caucus-server (in-process)");

  if (!skip_caucus)
    {
      push_s = replicate (origin, db_caucus, CAUCUS_REPLICATION_PUSH,
                          batch_size, &pushed_docs, &push_cpu, &push_client_cpu);
      g_print ("caucus  push: %" G_GUINT64_FORMAT " docs in %.2f s = %.0f docs/s, %.0f us CPU/doc (client and server)",
               pushed_docs, push_s, pushed_docs / push_s, push_cpu * 1e6 / pushed_docs);
      if (use_pouch)
        g_print (", %.0f (client)", push_client_cpu * 1e6 / pushed_docs);
      g_print ("\n");
      pull_s = replicate (pulled, db_caucus, CAUCUS_REPLICATION_PULL,
                          batch_size, &pulled_docs, &pull_cpu, &pull_client_cpu);
      g_print ("caucus  pull: %" G_GUINT64_FORMAT " docs in %.2f s = %.0f docs/s, %.0f us CPU/doc (client and server)",
               pulled_docs, pull_s, pulled_docs / pull_s, pull_cpu * 1e6 / pulled_docs);
      if (use_pouch)
        g_print (", %.0f (client)", pull_client_cpu * 1e6 / pulled_docs);
      g_print ("\n");
    }

  if (!skip_pouch)
    {
      PouchRun pr;
      g_autofree char *pull_total = NULL, *push_total = NULL;

      run_pouch (pouch_js, modules, db_caucus, db_pouch, &pr);
      pull_total = pouch_total_us (pr.pull_cpu, pr.pull_server_cpu, pr.pull_docs);
      push_total = pouch_total_us (pr.push_cpu, pr.push_server_cpu, pr.push_docs);
      g_print ("pouchdb pull: %.0f docs in %.2f s = %.0f docs/s, %.0f us CPU/doc (client), %s (client and server)\n",
               pr.pull_docs, pr.pull_s, pr.pull_docs / pr.pull_s, pr.pull_cpu * 1e6 / pr.pull_docs, pull_total);
      g_print ("pouchdb push: %.0f docs in %.2f s = %.0f docs/s, %.0f us CPU/doc (client), %s (client and server)\n",
               pr.push_docs, pr.push_s, pr.push_docs / pr.push_s, pr.push_cpu * 1e6 / pr.push_docs, push_total);
      g_print ("ratio caucus/pouchdb docs/s: pull %.1fx, push %.1fx (target >= 10x)\n",
               (pulled_docs / pull_s) / (pr.pull_docs / pr.pull_s),
               (pushed_docs / push_s) / (pr.push_docs / pr.push_s));
      if (pr.pull_server_cpu >= 0 && pr.push_server_cpu >= 0)
        {
          g_print ("ratio pouchdb/caucus CPU per doc, client and server together: pull %.1fx, push %.1fx\n",
                   ((pr.pull_cpu + pr.pull_server_cpu) / pr.pull_docs) / (pull_cpu / pulled_docs),
                   ((pr.push_cpu + pr.push_server_cpu) / pr.push_docs) / (push_cpu / pushed_docs));
          /* the load-independent view of the same runs (no target: the target is
           * docs/s) */
          g_print ("BENCH name=sync.pull_cpu value=%.1f unit=us/doc better=lower anchor=%.1f anchor_name=pouchdb\n",
                   pull_cpu * 1e6 / pulled_docs, (pr.pull_cpu + pr.pull_server_cpu) * 1e6 / pr.pull_docs);
          g_print ("BENCH name=sync.push_cpu value=%.1f unit=us/doc better=lower anchor=%.1f anchor_name=pouchdb\n",
                   push_cpu * 1e6 / pushed_docs, (pr.push_cpu + pr.push_server_cpu) * 1e6 / pr.push_docs);
        }
      /* machine-readable lines for bench/run */
      g_print ("BENCH name=sync.pull value=%.1f unit=docs/s better=higher anchor=%.1f anchor_name=pouchdb target=ratio>=10\n",
               pulled_docs / pull_s, pr.pull_docs / pr.pull_s);
      g_print ("BENCH name=sync.push value=%.1f unit=docs/s better=higher anchor=%.1f anchor_name=pouchdb target=ratio>=10\n",
               pushed_docs / push_s, pr.push_docs / pr.push_s);
    }

  /* The clients alone, against a server that costs almost nothing. */
  if (!skip_clients)
  {
    g_autofree char *fast_base = caucus_bench_fast_server_start (n_docs, filler->str);
    g_autofree char *fast_url = g_strdup_printf ("%s/fast", fast_base);
    g_autofree char *sink_url = g_strdup_printf ("%s/sink", fast_base);
    g_autoptr(CaucusStore) ceiling = open_store (dir, "ceiling.db");
    double cpull_s, cpush_s, cpull_cpu, cpush_cpu, unused_cpu;
    guint64 cpulled, cpushed;
    PouchRun pr;

    server_pid = getpid ();   /* the fast server runs in this process */
    cpull_s = replicate (ceiling, fast_url, CAUCUS_REPLICATION_PULL,
                         batch_size, &cpulled, &cpull_cpu, &unused_cpu);
    cpush_s = replicate (ceiling, sink_url, CAUCUS_REPLICATION_PUSH,
                         batch_size, &cpushed, &cpush_cpu, &unused_cpu);
    g_print ("clients only (precomputed server in C, a sink that stores nothing; CPU includes that server):\n");
    g_print ("  caucus  pull: %.0f docs/s, push: %.0f docs/s (%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             " docs), %.0f/%.0f us CPU/doc (client and that server)\n",
             cpulled / cpull_s, cpushed / cpush_s, cpulled, cpushed,
             cpull_cpu * 1e6 / cpulled, cpush_cpu * 1e6 / cpushed);
    if (!skip_pouch)
      {
        g_autofree char *pull_total = NULL, *push_total = NULL;

        run_pouch (pouch_js, modules, fast_url, sink_url, &pr);
        pull_total = pouch_total_us (pr.pull_cpu, pr.pull_server_cpu, pr.pull_docs);
        push_total = pouch_total_us (pr.push_cpu, pr.push_server_cpu, pr.push_docs);
        g_print ("  pouchdb pull: %.0f docs/s, push: %.0f docs/s (%.0f/%.0f docs), %.0f/%.0f us CPU/doc (client), "
                 "%s/%s (client and that server)\n",
                 pr.pull_docs / pr.pull_s, pr.push_docs / pr.push_s, pr.pull_docs, pr.push_docs,
                 pr.pull_cpu * 1e6 / pr.pull_docs, pr.push_cpu * 1e6 / pr.push_docs, pull_total, push_total);
        g_print ("  ratio caucus/pouchdb docs/s: pull %.1fx, push %.1fx\n",
                 (cpulled / cpull_s) / (pr.pull_docs / pr.pull_s),
                 (cpushed / cpush_s) / (pr.push_docs / pr.push_s));
        g_print ("BENCH name=sync.client_pull value=%.1f unit=docs/s better=higher anchor=%.1f anchor_name=pouchdb\n",
                 cpulled / cpull_s, pr.pull_docs / pr.pull_s);
        g_print ("BENCH name=sync.client_push value=%.1f unit=docs/s better=higher anchor=%.1f anchor_name=pouchdb\n",
                 cpushed / cpush_s, pr.push_docs / pr.push_s);
      }
  }

  /* Latency: one edit on l1 → push → l2's continuous pull. */
  l1 = open_store (dir, "l1.db");
  l2 = open_store (dir, "l2.db");
  if (!skip_latency)
  {
    g_autoptr(CaucusRemote) remote = caucus_remote_new (db_latency, NULL, NULL, &error);
    g_autoptr(CaucusReplicator) live = caucus_replicator_new (l2, remote, CAUCUS_REPLICATION_PULL);
    g_autoptr(CaucusReplicator) push = caucus_replicator_new (l1, remote, CAUCUS_REPLICATION_PUSH);
    g_autoptr(GCancellable) stop = g_cancellable_new ();
    g_autofree char *rev = caucus_store_put_json (l1, "{\"_id\":\"agenda\",\"type\":\"event\",\"n\":0}", -1, &error);

    caucus_replicator_set_continuous (live, TRUE);
    caucus_replicator_run_async (live, stop, NULL, NULL);
    for (guint round = 1; round <= 20; round++)
      {
        g_autofree char *json = g_strdup_printf ("{\"_id\":\"agenda\",\"_rev\":\"%s\",\"type\":\"event\",\"n\":%u}",
                                                 rev, round);
        gint64 t0;
        double ms;

        g_free (rev);
        rev = caucus_store_put_json (l1, json, -1, &error);
        t0 = g_get_monotonic_time ();
        if (!caucus_replicator_run (push, NULL, &error))
          g_error ("%s", error->message);
        for (;;)
          {
            g_autoptr(JsonObject) doc = caucus_store_get (l2, "agenda", NULL, NULL);
            if (doc != NULL && g_strcmp0 (json_object_get_string_member (doc, "_rev"), rev) == 0)
              break;
            if (g_get_monotonic_time () - t0 > 10 * G_USEC_PER_SEC)
              g_error ("the edit did not arrive within 10 s");
            g_main_context_iteration (NULL, FALSE);
            g_usleep (1000);
          }
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        if (round > 1)   /* the first one includes connection set-up */
          g_array_append_val (latencies, ms);
      }
    g_cancellable_cancel (stop);
    while (caucus_replicator_get_running (live))
      g_main_context_iteration (NULL, TRUE);
    g_array_sort (latencies, cmp_double);
    g_print ("incremental one-doc sync to a second replica: median %.0f ms, max %.0f ms "
             "over %u edits (target < 300 ms)\n",
             g_array_index (latencies, double, latencies->len / 2),
             g_array_index (latencies, double, latencies->len - 1), latencies->len);
    g_print ("BENCH name=sync.edit_latency value=%.1f unit=ms better=lower target=value<300\n",
             g_array_index (latencies, double, latencies->len / 2));
  }

  if (server != NULL)
    {
      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait (server, NULL, NULL);
    }
  else
    g_main_loop_quit (server_loop);
  g_clear_object (&origin);
  g_clear_object (&pulled);
  g_clear_object (&l1);
  g_clear_object (&l2);
  rm_rf (dir);
  return 0;
}
