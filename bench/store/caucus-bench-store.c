/* caucus-bench-store.c — the store benchmark.
 *
 *   caucus-bench-store [--docs N] [--writes N] [--searches N] [--keep PATH]
 *
 * 1. generates N (100,000) realistic documents (bench/common), not timed;
 * 2. inserts them as a replication batch (bulk_docs with new_edits=false, which
 *    prepares documents on a second thread while it writes) in ONE transaction;
 * 3. 10,000 single-document interactive writes (put, each its own transaction);
 * 4. 1,000 search-as-you-type prefix searches;
 * and prints docs/s and the median search latency against the targets, PASS/FAIL. */
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "caucus-bench-data.h"
#include "caucus-store.h"

#define TARGET_BULK_DOCS_PER_S 50000.0
#define TARGET_SEARCH_MEDIAN_MS 2.0

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* CPU time of this thread: the machine is shared, so wall time alone says little */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
rm_store (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

int
main (int argc, char *argv[])
{
  gint n_docs = 100000, n_writes = 10000, n_searches = 1000;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "docs", 0, 0, G_OPTION_ARG_INT, &n_docs, "Documents in the bulk transaction", "N" },
    { "writes", 0, 0, G_OPTION_ARG_INT, &n_writes, "Single-document writes", "N" },
    { "searches", 0, 0, G_OPTION_ARG_INT, &n_searches, "Prefix searches", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Write the store here and keep it", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— benchmark the Caucus store");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusBenchData) data = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(JsonArray) batch = json_array_new ();
  g_autoptr(CaucusStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GArray) latencies = NULL;
  g_autoptr(GArray) cpu_latencies = NULL;
  gint64 t0, t1, c0, c1, tc;
  double bulk_secs, commit_secs;
  struct rusage ru0, ru1;
  double bulk_cpu_rate, search_cpu_ms = 0, process_cpu;
  double bulk_rate, write_rate, median_ms, p95_ms;
  guint total_hits = 0;
  gboolean pass;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("caucus-bench-store: %s\n", error->message);
      return 2;
    }
  if (n_docs < 1 || n_writes < 0 || n_searches < 1)
    {
      g_printerr ("caucus-bench-store: --docs and --searches must be positive\n");
      return 2;
    }

  if (keep != NULL)
    path = g_strdup (keep);
  else
    {
      dir = g_dir_make_tmp ("caucus-bench-store-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("caucus-bench-store: %s\n", error->message);
          return 1;
        }
      path = g_build_filename (dir, "bench.db", NULL);
    }
  rm_store (path);

  /* 1. generate */
  data = caucus_bench_data_new (20121103);
  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (gint i = 0; i < n_docs; i++)
    {
      JsonObject *doc = caucus_bench_data_document (data, (guint) i);
      JsonObject *revisions = json_object_new ();
      JsonArray *ids = json_array_new ();
      g_autofree char *h2 = g_strdup_printf ("%08x%08x%08x%08x", i, g_random_int (), g_random_int (), 2);
      g_autofree char *h1 = g_strdup_printf ("%08x%08x%08x%08x", i, g_random_int (), g_random_int (), 1);
      g_autofree char *rev = g_strconcat ("2-", h2, NULL);

      json_object_set_string_member (doc, "_rev", rev);
      json_array_add_string_element (ids, h2);
      json_array_add_string_element (ids, h1);
      json_object_set_int_member (revisions, "start", 2);
      json_object_set_array_member (revisions, "ids", ids);
      json_object_set_object_member (doc, "_revisions", revisions);
      g_ptr_array_add (docs, doc);
      json_array_add_object_element (batch, json_object_ref (doc));
    }

  store = caucus_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("caucus-bench-store: %s\n", error->message);
      return 1;
    }

  /* 2. bulk, one transaction */
  getrusage (RUSAGE_SELF, &ru0);
  t0 = g_get_monotonic_time ();
  c0 = cpu_usec ();
  if (!caucus_store_begin (store, &error))
    goto fail;
  {
    g_autoptr(JsonArray) results = caucus_store_bulk_docs (store, batch, FALSE, &error);

    if (results == NULL)
      goto fail;
    if (json_array_get_length (results) > 0)
      {
        g_printerr ("caucus-bench-store: %u documents refused\n", json_array_get_length (results));
        return 1;
      }
  }
  tc = g_get_monotonic_time ();
  if (!caucus_store_commit (store, &error))
    goto fail;
  t1 = g_get_monotonic_time ();
  c1 = cpu_usec ();
  getrusage (RUSAGE_SELF, &ru1);
  bulk_rate = n_docs / ((t1 - t0) / 1e6);
  bulk_secs = (t1 - t0) / 1e6;
  commit_secs = (t1 - tc) / 1e6;
  bulk_cpu_rate = n_docs / (MAX (c1 - c0, 1) / 1e6);
  process_cpu = (ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec) + (ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6 +
                (ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) + (ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;

  /* 3. single-document interactive writes on top of existing documents */
  t0 = g_get_monotonic_time ();
  for (gint i = 0; i < n_writes; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, (guint) ((i * 7919) % n_docs));
      g_autofree char *rev = NULL;

      json_object_set_string_member (doc, "notes", "edited during the benchmark");
      json_object_remove_member (doc, "_revisions");
      rev = caucus_store_put (store, doc, &error);
      if (rev == NULL)
        goto fail;
      json_object_set_string_member (doc, "_rev", rev);
    }
  t1 = g_get_monotonic_time ();
  write_rate = n_writes > 0 ? n_writes / ((t1 - t0) / 1e6) : 0;

  /* 4. prefix searches */
  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  cpu_latencies = g_array_new (FALSE, FALSE, sizeof (double));
  for (gint i = 0; i < n_searches; i++)
    {
      g_autofree char *query = caucus_bench_data_query (data);
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      c0 = cpu_usec ();
      hits = caucus_store_search (store, query, NULL, 20, &error);
      t1 = g_get_monotonic_time ();
      {
        double cms = (cpu_usec () - c0) / 1000.0;
        search_cpu_ms += cms;
        g_array_append_val (cpu_latencies, cms);
      }
      if (hits == NULL)
        goto fail;
      total_hits += hits->len;
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (latencies, ms);
    }
  g_array_sort (latencies, compare_double);
  g_array_sort (cpu_latencies, compare_double);
  median_ms = g_array_index (latencies, double, latencies->len / 2);
  p95_ms = g_array_index (latencies, double, (latencies->len * 95) / 100);

  {
    CaucusStoreInfo info;

    caucus_store_get_info (store, &info, NULL);
    g_print ("store benchmark: %d documents, %d single writes, %d searches (file %.1f MiB)\n",
             n_docs, n_writes, n_searches, info.data_size / (1024.0 * 1024.0));
  }
  g_print ("  bulk insert (bulk_docs new_edits=false, one txn): %9.0f docs/s   target >= %.0f  %s\n",
           bulk_rate, TARGET_BULK_DOCS_PER_S, bulk_rate >= TARGET_BULK_DOCS_PER_S ? "PASS" : "FAIL");
  /* a WAL this large is checkpointed by the store's worker thread after the commit */
  g_print ("    (commit: %.2f s of %.2f s)\n", commit_secs, bulk_secs);
  g_print ("    (CPU time of the writing thread: %.0f docs/s, of which system %.2f s; wall time "
           "above, on a shared machine)\n", bulk_cpu_rate,
           (ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec) + (ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6);
  g_print ("    (CPU time of the whole process, preparing and writing threads: %.0f docs/s, "
           "%.2f s)\n", n_docs / MAX (process_cpu, 1e-6), process_cpu);
  g_print ("  single-document writes (put, own transaction):   %9.0f docs/s\n", write_rate);
  g_print ("  prefix search median:                             %9.3f ms      target <= %.1f    %s\n",
           median_ms, TARGET_SEARCH_MEDIAN_MS, median_ms <= TARGET_SEARCH_MEDIAN_MS ? "PASS" : "FAIL");
  g_print ("    (CPU time per search: median %.3f ms, mean %.3f ms)\n",
           g_array_index (cpu_latencies, double, cpu_latencies->len / 2), search_cpu_ms / n_searches);
  g_print ("  prefix search p95:                                %9.3f ms   (%.1f hits/query)\n",
           p95_ms, (double) total_hits / n_searches);
  /* machine-readable lines for bench/run */
  g_print ("BENCH name=store.bulk_insert value=%.1f unit=docs/s better=higher target=value>=%.0f\n",
           bulk_rate, TARGET_BULK_DOCS_PER_S);
  g_print ("BENCH name=store.single_put value=%.1f unit=docs/s better=higher\n", write_rate);
  g_print ("BENCH name=store.search_median value=%.4f unit=ms better=lower target=value<=%.1f\n",
           median_ms, TARGET_SEARCH_MEDIAN_MS);
  g_print ("BENCH name=store.search_p95 value=%.4f unit=ms better=lower\n", p95_ms);
  pass = bulk_rate >= TARGET_BULK_DOCS_PER_S && median_ms <= TARGET_SEARCH_MEDIAN_MS;

  g_clear_object (&store);
  if (keep == NULL)
    {
      rm_store (path);
      g_rmdir (dir);
    }
  return pass ? 0 : 1;

fail:
  g_printerr ("caucus-bench-store: %s\n", error->message);
  return 1;
}
