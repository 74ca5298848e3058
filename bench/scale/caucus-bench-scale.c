/* caucus-bench-scale.c — one point of the scale curve (issue 11): how the cost of the store,
 * search and sync grows with the number of documents.
 *
 *   caucus-bench-scale --docs N [--searches N]
 *
 * 1. N realistic documents (bench/common, caucus_bench_data_replicated: each with a
 *    two-revision history, 2% of them tombstones and 2.5% conflicts with two leaves) are
 *    written as replication batches of 10,000 (bulk_docs new_edits=false) in ONE
 *    transaction into a database of an in-process caucus-server (timed: insert);
 * 2. search-as-you-type prefix searches on that store (timed: median latency);
 * 3. a one-shot pull of the whole database from the server over loopback HTTP into an
 *    empty store (timed: pull);
 * 4. the model index's first build over the pulled store (what an update that changes the
 *    index's layout costs at the next start): the synchronous open, during which the main
 *    thread is blocked throughout, then caucus_model_index_open_async in a main loop whose
 *    5 ms timer is timed: the longest gap between its ticks is the longest main-thread
 *    stall a window would suffer (the timer's period included).
 * Prints human lines and machine-readable BENCH lines (bench/run --scale collects them). */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "caucus-bench-data.h"
#include "caucus-model-index.h"
#include "caucus-replicator.h"
#include "caucus-server.h"
#include "caucus-store.h"

#define CHUNK 10000

static char      *data_dir;
static char      *server_url;
static GMainLoop *server_loop;
static GMutex     lock;
static GCond      ready;

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusServer) server = NULL;

  g_main_context_push_thread_default (context);
  server = g_initable_new (CAUCUS_TYPE_SERVER, NULL, &error, "data-dir", data_dir,
                           "log-requests", FALSE, NULL);
  if (server == NULL || !caucus_server_listen (server, "127.0.0.1:0", &error))
    g_error ("caucus-server: %s", error->message);
  g_mutex_lock (&lock);
  server_url = caucus_server_get_url (server);
  server_loop = g_main_loop_new (context, FALSE);
  g_cond_broadcast (&ready);
  g_mutex_unlock (&lock);
  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* Step 4: the longest gap between ticks of a 5 ms timer while the index opens. */
typedef struct {
  GMainLoop        *loop;
  CaucusModelIndex *index;
  GError           *error;
  gint64            last;
  gint64            max_gap;
  gint64            max_gap_end;   /* when the longest gap ended */
  gint64            opened_at;     /* when the callback ran */
} StallRun;

static gboolean
stall_tick_cb (gpointer data)
{
  StallRun *run = data;
  gint64 now = g_get_monotonic_time ();

  if (now - run->last > run->max_gap)
    {
      run->max_gap = now - run->last;
      run->max_gap_end = now;
    }
  run->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
stall_quit_cb (gpointer data)
{
  g_main_loop_quit (((StallRun *) data)->loop);
  return G_SOURCE_REMOVE;
}

static void
stall_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  StallRun *run = data;

  run->opened_at = g_get_monotonic_time ();
  run->index = caucus_model_index_open_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

/* CPU time of the calling thread: what the main thread itself spent, whatever the load. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
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

int
main (int argc, char *argv[])
{
  gint n_docs = 10000, n_searches = 300;
  GOptionEntry entries[] = {
    { "docs", 0, 0, G_OPTION_ARG_INT, &n_docs, "Documents (10000)", "N" },
    { "searches", 0, 0, G_OPTION_ARG_INT, &n_searches, "Prefix searches (300)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("— one point of the scale curve");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusBenchData) data = NULL;
  g_autoptr(CaucusUsers) users = NULL;
  g_autoptr(CaucusStore) origin = NULL;
  g_autoptr(CaucusStore) pulled = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *origin_path = NULL;
  g_autofree char *pulled_path = NULL;
  g_autofree char *url = NULL;
  gint64 gen_us = 0, t0, t1;
  double insert_s, pull_s, median_ms, p95_ms;
  double index_sync_s, index_async_s, index_stall_ms, index_call_ms, index_main_cpu_ms;
  double index_stall_before_end_ms, idle_gap_ms;
  CaucusStoreInfo info;
  GThread *thread;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error) || n_docs <= 0 || n_searches <= 0)
    {
      g_printerr ("caucus-bench-scale: %s\n", error ? error->message : "--docs and --searches must be positive");
      return 2;
    }

  data_dir = g_dir_make_tmp ("caucus-bench-scale-XXXXXX", &error);
  if (data_dir == NULL)
    g_error ("%s", error->message);
  users = caucus_users_open (data_dir, &error);
  if (users == NULL ||
      !caucus_users_add (users, "bench", "bench-password", &error) ||
      !caucus_users_db_create (users, "scale", &error) ||
      !caucus_users_grant (users, "scale", "bench", CAUCUS_ROLE_ADMIN, &error))
    g_error ("users: %s", error->message);

  /* 1. insert (generation of each chunk is not counted) */
  origin_path = caucus_db_path (data_dir, "scale");
  origin = caucus_store_open (origin_path, &error);
  if (origin == NULL)
    g_error ("%s", error->message);
  data = caucus_bench_data_new (20121103);
  t0 = g_get_monotonic_time ();
  if (!caucus_store_begin (origin, &error))
    g_error ("%s", error->message);
  for (gint start = 0; start < n_docs; start += CHUNK)
    {
      g_autoptr(JsonArray) batch = json_array_new ();
      g_autoptr(JsonArray) results = NULL;
      gint64 g0 = g_get_monotonic_time ();

      for (gint i = start; i < MIN (n_docs, start + CHUNK); i++)
        caucus_bench_data_replicated (data, (guint) i, batch);
      gen_us += g_get_monotonic_time () - g0;
      results = caucus_store_bulk_docs (origin, batch, FALSE, &error);
      if (results == NULL)
        g_error ("%s", error->message);
      if (json_array_get_length (results) > 0)
        g_error ("%u documents refused", json_array_get_length (results));
    }
  if (!caucus_store_commit (origin, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  insert_s = (t1 - t0 - gen_us) / 1e6;

  /* 2. search */
  for (gint i = 0; i < n_searches; i++)
    {
      g_autofree char *query = caucus_bench_data_query (data);
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      hits = caucus_store_search (origin, query, NULL, 40, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (hits == NULL)
        g_error ("%s", error->message);
      g_array_append_val (latencies, ms);
    }
  g_array_sort (latencies, compare_double);
  median_ms = g_array_index (latencies, double, latencies->len / 2);
  p95_ms = g_array_index (latencies, double, (latencies->len * 95) / 100);
  caucus_store_get_info (origin, &info, NULL);
  g_clear_object (&origin);

  /* 3. pull over loopback HTTP */
  thread = g_thread_new ("caucus-server", server_thread, NULL);
  g_mutex_lock (&lock);
  while (server_loop == NULL)
    g_cond_wait (&ready, &lock);
  g_mutex_unlock (&lock);
  url = g_strdup_printf ("http://bench:bench-password@%s/scale", server_url + strlen ("http://"));
  pulled_path = g_build_filename (data_dir, "pulled.db", NULL);
  pulled = caucus_store_open (pulled_path, &error);
  if (pulled == NULL)
    g_error ("%s", error->message);
  {
    g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, &error);
    g_autoptr(CaucusReplicator) r = caucus_replicator_new (pulled, remote, CAUCUS_REPLICATION_PULL);
    CaucusStoreInfo pinfo;

    t0 = g_get_monotonic_time ();
    if (!caucus_replicator_run (r, NULL, &error))
      g_error ("pull: %s", error->message);
    pull_s = (g_get_monotonic_time () - t0) / 1e6;
    caucus_store_get_info (pulled, &pinfo, NULL);
    if (pinfo.doc_count + pinfo.doc_del_count != info.doc_count + info.doc_del_count)
      g_error ("pull: %" G_GINT64_FORMAT " documents arrived of %" G_GINT64_FORMAT,
               pinfo.doc_count + pinfo.doc_del_count, info.doc_count + info.doc_del_count);
    /* the tombstones and conflicts of the mix travelled as such */
    if (pinfo.doc_del_count != info.doc_del_count || info.doc_del_count != (n_docs + 42) / 50)
      g_error ("pull: %" G_GINT64_FORMAT " tombstones arrived, %" G_GINT64_FORMAT " written, %d generated",
               pinfo.doc_del_count, info.doc_del_count, (n_docs + 42) / 50);
    if (n_docs > 13)
      {
        CaucusGetOptions opts = { .conflicts = TRUE };
        g_autoptr(JsonObject) doc = caucus_store_get (pulled, "event:000013", &opts, &error);

        if (doc == NULL || !json_object_has_member (doc, "_conflicts") ||
            json_array_get_length (json_object_get_array_member (doc, "_conflicts")) != 1)
          g_error ("pull: the conflict of event:000013 did not arrive%s%s",
                   error != NULL ? ": " : "", error != NULL ? error->message : "");
      }
  }
  /* 4. the index's first build: synchronous (a stall as long as the build), then on a
   * worker with the main loop's ticks timed */
  {
    g_autofree char *sync_path = g_build_filename (data_dir, "index-sync", NULL);
    g_autofree char *async_path = g_build_filename (data_dir, "index-async", NULL);
    g_autoptr(CaucusModelIndex) index = NULL;
    StallRun run = { 0 };
    guint tick;
    double cpu0;

    t0 = g_get_monotonic_time ();
    index = caucus_model_index_open (pulled, sync_path, &error);
    if (index == NULL)
      g_error ("index: %s", error->message);
    index_sync_s = (g_get_monotonic_time () - t0) / 1e6;
    g_clear_object (&index);

    /* The baseline: the same timer for 3 s with nothing else to do, since on a loaded
     * machine the scheduler alone delays a thread by tens or hundreds of ms. */
    run.loop = g_main_loop_new (NULL, FALSE);
    run.last = g_get_monotonic_time ();
    tick = g_timeout_add (5, stall_tick_cb, &run);
    g_timeout_add (3000, stall_quit_cb, &run);
    g_main_loop_run (run.loop);
    g_source_remove (tick);
    idle_gap_ms = run.max_gap / 1000.0;
    run.max_gap = 0;

    cpu0 = thread_cpu_ms ();
    t0 = run.last = g_get_monotonic_time ();
    tick = g_timeout_add (5, stall_tick_cb, &run);
    caucus_model_index_open_async (pulled, async_path, NULL, NULL, NULL, NULL, stall_opened_cb, &run);
    index_call_ms = (g_get_monotonic_time () - t0) / 1000.0;
    g_main_loop_run (run.loop);
    index_async_s = (g_get_monotonic_time () - t0) / 1e6;
    index_main_cpu_ms = thread_cpu_ms () - cpu0;
    g_source_remove (tick);
    /* The tail: the callback's own open, until the loop is back. */
    stall_tick_cb (&run);
    if (run.index == NULL)
      g_error ("index: %s", run.error->message);
    index_stall_ms = run.max_gap / 1000.0;
    index_stall_before_end_ms = (run.opened_at - run.max_gap_end) / 1000.0;
    g_clear_object (&run.index);
    g_main_loop_unref (run.loop);
  }

  g_clear_object (&pulled);
  g_main_loop_quit (server_loop);
  g_thread_join (thread);

  g_print ("scale: %d documents (file %.1f MiB)\n", n_docs, info.data_size / (1024.0 * 1024.0));
  g_print ("  insert (bulk_docs, one transaction): %.2f s = %.0f docs/s\n", insert_s, n_docs / insert_s);
  g_print ("  prefix search: median %.3f ms, p95 %.3f ms\n", median_ms, p95_ms);
  g_print ("  pull from caucus-server: %.2f s = %.0f docs/s\n", pull_s, n_docs / pull_s);
  g_print ("BENCH name=scale.insert docs=%d value=%.1f unit=docs/s seconds=%.3f\n", n_docs, n_docs / insert_s, insert_s);
  g_print ("BENCH name=scale.search_median docs=%d value=%.4f unit=ms p95=%.4f\n", n_docs, median_ms, p95_ms);
  g_print ("BENCH name=scale.pull docs=%d value=%.1f unit=docs/s seconds=%.3f\n", n_docs, n_docs / pull_s, pull_s);
  g_print ("  model index first build: synchronous %.2f s, all of it a main-thread stall; on a worker %.2f s,\n"
           "    longest main-thread stall %.1f ms (gap between ticks of a 5 ms timer; it ended %.0f ms\n"
           "    before the callback), the call %.1f ms, main thread CPU meanwhile %.0f ms (ticks included);\n"
           "    the same timer with nothing else to do, for 3 s: longest gap %.1f ms\n",
           index_sync_s, index_async_s, index_stall_ms, index_stall_before_end_ms, index_call_ms, index_main_cpu_ms,
           idle_gap_ms);
  g_print ("BENCH name=scale.file docs=%d value=%.2f unit=MiB\n", n_docs, info.data_size / (1024.0 * 1024.0));
  g_print ("BENCH name=scale.index_stall docs=%d value=%.1f unit=ms sync_stall_ms=%.0f async_seconds=%.3f"
           " call_ms=%.1f main_cpu_ms=%.0f idle_gap_ms=%.1f\n",
           n_docs, index_stall_ms, index_sync_s * 1000.0, index_async_s, index_call_ms, index_main_cpu_ms, idle_gap_ms);

  g_main_loop_unref (server_loop);
  rm_rf (data_dir);
  g_free (data_dir);
  g_free (server_url);
  return 0;
}
