/* test-store-outside.c — commits made by another process (caucusctl while the app is open)
 * reach the "changed" signal of a store that watches its file, each document once, and
 * this process's own commits are not announced a second time by the watch. */
#include "store-test-util.h"
#include "caucus-test-util.h"

#include <json-glib/json-glib.h>

typedef struct {
  GHashTable *seen;   /* id → number of announcements */
  guint       emissions;
} Seen;

static void
changed_cb (CaucusStore *store,
            GStrv        ids,
            gpointer     user_data)
{
  Seen *seen = user_data;

  seen->emissions++;
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_insert (seen->seen, g_strdup (ids[i]),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen->seen, ids[i])) + 1));
}

static guint
count (Seen *seen, const char *id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (seen->seen, id));
}

typedef struct {
  Seen       *seen;
  const char *id;
} Awaited;

static gboolean
announced_cb (gpointer data)
{
  Awaited *awaited = data;
  return count (awaited->seen, awaited->id) > 0;
}

/* Turns the main loop until @id has been announced, for at most 5 s. */
static void
wait_for (Seen *seen, const char *id)
{
  Awaited awaited = { seen, id };
  g_autofree char *what = g_strdup_printf ("“%s”, written by another process, is announced", id);

  caucus_test_wait_until (announced_cb, &awaited, 5, what);
}

static void
put_doc (CaucusStore *store, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "note");
  rev = caucus_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

/* The child: another process writing to the same file, four documents in two commits. */
static void
write_from_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (caucus_store_begin (store, &error));
  put_doc (store, "outside-1");
  put_doc (store, "outside-2");
  put_doc (store, "outside-3");
  g_assert_true (caucus_store_commit (store, &error));
  g_assert_no_error (error);
  put_doc (store, "outside-4");
}

static void
test_other_process (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Seen seen = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };

  if (g_test_subprocess ())
    {
      write_from_child (g_getenv ("CAUCUS_TEST_OUTSIDE_STORE"));
      return;
    }
  g_assert_true (caucus_store_watch_other_processes (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (caucus_store_watch_other_processes (f->store, &error));   /* once is enough */
  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &seen);

  g_setenv ("CAUCUS_TEST_OUTSIDE_STORE", f->path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  wait_for (&seen, "outside-1");
  wait_for (&seen, "outside-4");
  caucus_test_iterate_ms (300);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("outside-%u", i);
      g_assert_cmpuint (count (&seen, id), ==, 1);
    }
  g_assert_cmpuint (g_hash_table_size (seen.seen), ==, 4);
  g_hash_table_unref (seen.seen);
}

typedef struct {
  CaucusStore *worker;
  guint        n;
} WorkerJob;

static gpointer
worker_thread (gpointer data)
{
  WorkerJob *job = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_store_begin (job->worker, &error));
  for (guint i = 0; i < job->n; i++)
    {
      g_autofree char *id = g_strdup_printf ("worker-%u", i);
      put_doc (job->worker, id);
    }
  g_assert_true (caucus_store_commit (job->worker, &error));
  g_assert_no_error (error);
  return NULL;
}

/* This process's commits, on the watching connection and on a worker's, are announced by
 * the commit itself and not again by the watch; a transaction rolled back leaves nothing
 * behind that would hide a later commit of another process. */
static void
test_own_commits_once (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Seen seen = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };
  WorkerJob job = { NULL, 50 };
  GThread *thread;

  if (g_test_subprocess ())
    {
      g_autoptr(CaucusStore) store = caucus_store_open (g_getenv ("CAUCUS_TEST_OUTSIDE_STORE"), &error);
      g_assert_no_error (error);
      put_doc (store, "after-rollback");
      return;
    }
  g_assert_true (caucus_store_watch_other_processes (f->store, &error));
  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &seen);

  put_doc (f->store, "own-1");
  job.worker = caucus_store_open_worker (f->store, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("worker", worker_thread, &job);
  g_thread_join (thread);
  g_clear_object (&job.worker);
  caucus_test_iterate_ms (500);
  g_assert_cmpuint (count (&seen, "own-1"), ==, 1);
  for (guint i = 0; i < job.n; i++)
    {
      g_autofree char *id = g_strdup_printf ("worker-%u", i);
      g_assert_cmpuint (count (&seen, id), ==, 1);
    }

  g_assert_true (caucus_store_begin (f->store, &error));
  put_doc (f->store, "rolled-back");
  caucus_store_rollback (f->store);
  g_setenv ("CAUCUS_TEST_OUTSIDE_STORE", f->path, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  wait_for (&seen, "after-rollback");
  g_assert_cmpuint (count (&seen, "rolled-back"), ==, 0);
  g_hash_table_unref (seen.seen);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/outside/other-process", StoreFixture, NULL,
              store_fixture_setup, test_other_process, store_fixture_teardown);
  g_test_add ("/store/outside/own-commits-once", StoreFixture, NULL,
              store_fixture_setup, test_own_commits_once, store_fixture_teardown);
  return g_test_run ();
}
