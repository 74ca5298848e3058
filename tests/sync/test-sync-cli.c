/* test-sync-cli.c — the `sync` command: usage errors, a two-way round trip with a JSON
 * summary, an unreachable server, continuous mode stopped by SIGTERM, and SIGKILL in a
 * loop in the middle of a pull: every restart resumes, nothing is lost, the store is sound. */
#include "sync-test-util.h"

#include <signal.h>
#include <string.h>

static TestPouch *pouch;

static char *
tool_path (void)
{
  const char *build = g_getenv ("CAUCUS_BUILD_DIR");
  return g_build_filename (build ? build : ".", "tests", "sync", "caucus-sync-tool", NULL);
}

/* Runs the tool to completion; returns its exit code, stdout in *out. */
static int
run_tool (const char  *store_path,
          char       **out,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, tool_path ());
  g_ptr_array_add (args, g_strdup ("--store"));
  g_ptr_array_add (args, g_strdup (store_path));
  g_ptr_array_add (args, g_strdup ("sync"));
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static JsonObject *
summary (const char *text)
{
  return test_parse (text);
}

static void
test_usage (void)
{
  g_autoptr(TestStore) ts = test_store_new ();

  g_assert_cmpint (run_tool (ts->path, NULL, NULL), ==, 2);
  g_assert_cmpint (run_tool (ts->path, NULL, "--remote", "ftp://example.org/db", NULL), ==, 2);
  g_assert_cmpint (run_tool (ts->path, NULL, "--remote", "http://127.0.0.1:9/db", "--once",
                             "--continuous", NULL), ==, 2);
  g_assert_cmpint (run_tool (ts->path, NULL, "--remote", "http://127.0.0.1:9/db", "--frobnicate", NULL), ==, 2);
}

static void
test_round_trip (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "cli");
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) s = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"p%u\",\"type\":\"person\",\"name\":\"P %u\"}", i, i);
      g_free (test_put (a->store, json));
    }
  g_assert_cmpint (run_tool (a->path, &out, "--remote", url, NULL), ==, 0);
  s = summary (out);
  g_assert_true (json_object_get_boolean_member (s, "ok"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "push"), "docs_written"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "pull"), "docs_written"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&s, json_object_unref);

  g_assert_cmpint (run_tool (b->path, &out, "--remote", url, "--pull", "--batch-size", "7", NULL), ==, 0);
  s = summary (out);
  g_assert_false (json_object_has_member (s, "push"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "pull"), "docs_written"), ==, 50);
  test_assert_same_docs (a->store, b->store);
}

static void
test_unreachable (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) s = NULL;

  /* Port 9 (discard) is closed on loopback. */
  g_assert_cmpint (run_tool (ts->path, &out, "--remote", "http://127.0.0.1:9/db", "--retries", "1",
                             "--timeout", "2", NULL), ==, 1);
  s = summary (out);
  g_assert_false (json_object_get_boolean_member (s, "ok"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (s, "pull"), "error"),
                            "Cannot reach"));
}

static void
test_continuous (void)
{
  g_autoptr(TestStore) ts = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "live");
  g_autofree char *tool = tool_path ();
  g_autofree char *doc_url = g_strdup_printf ("%s/news", url);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) s = NULL;
  g_autoptr(JsonNode) put = NULL;
  gint64 deadline;
  gboolean seen = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           tool, "--store", ts->path, "sync", "--remote", url, "--continuous", NULL);
  g_assert_no_error (error);
  g_usleep (500000);
  put = test_http ("PUT", doc_url, "{\"type\":\"event\",\"title\":\"Plenary moved to room B\"}", NULL);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!seen && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(JsonObject) doc = caucus_store_get (ts->store, "news", NULL, &e);
      seen = doc != NULL;
      if (!seen)
        g_usleep (50000);
    }
  g_assert_true (seen);
  g_subprocess_send_signal (proc, SIGTERM);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  s = summary (out);
  g_assert_true (json_object_get_boolean_member (s, "ok"));
}

static void
test_sigkill_loop (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "killme");
  g_autofree char *tool = tool_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-sync-kill-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  guint seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint kills = 0;
  gboolean finished = FALSE;
  const guint total = 3000;

  g_test_message ("seed %u", seed);
  g_assert_true (caucus_store_begin (a->store, &error));
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"org:%05u\",\"type\":\"org\",\"name\":\"Organisation %u\","
                                               "\"country\":\"KE\",\"tags\":[\"igf\",\"itu\"]}", i, i);
      g_free (test_put (a->store, json));
    }
  g_assert_true (caucus_store_commit (a->store, &error));
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 1000, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 40 && !finished; round++)
    {
      g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                      tool, "--store", path, "sync", "--remote", url,
                                                      "--pull", "--batch-size", "50", NULL);
      g_autoptr(CaucusStore) check = NULL;
      CaucusStoreInfo info;

      g_assert_no_error (error);
      /* Later rounds wait longer, so the run always gets somewhere. */
      g_usleep (g_rand_int_range (rand, 50000, 250000) + round * 20000);
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_exited (proc))
        {
          g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
          finished = TRUE;
        }
      else
        kills++;

      check = caucus_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (caucus_store_integrity_check (check, &error));
      g_assert_no_error (error);
      g_assert_true (caucus_store_get_info (check, &info, &error));
      /* Batches land whole. */
      if (info.doc_count % 50 != 0 && info.doc_count != total)
        g_error ("seed %u: %" G_GINT64_FORMAT " docs after a kill: a batch landed in part", seed, info.doc_count);
    }
  g_test_message ("killed %u times", kills);
  g_assert_cmpuint (kills, >, 0);
  {
    g_autoptr(CaucusStore) b = caucus_store_open (path, &error);
    g_assert_no_error (error);
    /* Finish (if the last round was killed) and compare. */
    g_assert_true (test_replicate (b, url, CAUCUS_REPLICATION_PULL, 50, &error));
    g_assert_no_error (error);
    test_assert_same_docs (a->store, b);
  }
  test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_have_node ())
    return TEST_SKIP_EXIT;
  pouch = test_pouch_start (NULL);
  g_test_add_func ("/sync/cli/usage", test_usage);
  g_test_add_func ("/sync/cli/round-trip", test_round_trip);
  g_test_add_func ("/sync/cli/unreachable", test_unreachable);
  g_test_add_func ("/sync/cli/continuous", test_continuous);
  g_test_add_func ("/sync/cli/sigkill-loop", test_sigkill_loop);
  ret = g_test_run ();
  test_pouch_stop (pouch);
  return ret;
}
