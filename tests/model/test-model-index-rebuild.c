/* test-model-index-rebuild.c — the model index opened off the main thread: progress in the
 * main context, a main loop that keeps running, cancellation, an interrupted rebuild that
 * the next open completes, layout changes and damaged files, and a result identical (row
 * for row) to the synchronous open's. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "caucus-model.h"
#include "caucus-document-list.h"
#include "caucus-model-index.h"

#include "caucus-test-util.h"

#define N_ORGS   400
#define N_PEOPLE 2600

typedef struct {
  char        *dir;
  char        *path;
  CaucusStore *store;
} Fixture;

/* 3000 documents (organisations with tags and countries, people in them) and a few
 * deletions, written in one transaction. */
static void
fill_store (CaucusStore *store)
{
  static const char *const kinds[] = { "ngo", "government", "academia", "business" };
  static const char *const groups[] = { "african", "asia_pacific", "eastern_european", "latin_american_caribbean", "weog" };
  g_autoptr(GError) error = NULL;

  caucus_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ORGS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"org-%04u\",\"type\":\"org\",\"name\":\"Órganisation %u\","
                                               "\"kind\":\"%s\",\"regional_group\":\"%s\",\"tags\":[\"t%u\",\"climate\"],"
                                               "\"countries\":[\"FR\",\"K%c\"]}",
                                               i, i, kinds[i % 4], groups[i % 5], i % 7, 'E' + (i % 3));
      caucus_test_put_json (store, json);
    }
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"person-%05u\",\"type\":\"person\",\"name\":\"Person %u Ñandú\","
                                               "\"org_id\":\"org-%04u\",\"title\":\"Delegate\",\"languages\":[\"en\",\"fr\"]}",
                                               i, i, i % N_ORGS);
      caucus_test_put_json (store, json);
    }
  caucus_store_commit (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("person-%05u", i * 7);
      g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, &error);
      g_autofree char *rev = NULL;

      g_assert_no_error (error);
      rev = caucus_store_delete (store, id, json_object_get_string_member (doc, "_rev"), &error);
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->dir = caucus_test_make_tmp_dir ("caucus-index-rebuild-XXXXXX");
  f->path = g_build_filename (f->dir, "workspace.caucus", NULL);
  f->store = caucus_test_open_store (f->dir, "workspace.caucus");
  fill_store (f->store);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->store);
  caucus_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Every row of the index's tables, one sorted text: what a list, a count, a filter menu or
 * a search can read. */
static char *
dump_index (const char *file)
{
  static const char *const queries[] = {
    "SELECT * FROM entries",
    "SELECT * FROM entry_values",
    "SELECT * FROM type_counts WHERE n > 0",
    "SELECT * FROM value_counts WHERE n > 0",
    "SELECT r.id, s.text FROM search_rows r JOIN search s ON s.rowid = r.rid",
    "SELECT value FROM meta WHERE key = 'built'",
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", queries[q], sqlite3_errmsg (db));
      g_ptr_array_set_size (rows, 0);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (row, "%s\x1f", (const char *) sqlite3_column_text (stmt, c));
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_rows);
      g_string_append_printf (out, "== %s (%u)\n", queries[q], rows->len);
      for (guint i = 0; i < rows->len; i++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (rows, i));
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
meta_value (const char *file,
            const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The reference: a synchronous first build into another file. */
static char *
reference_dump (Fixture *f)
{
  g_autofree char *file = g_build_filename (f->dir, "reference-index", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusModelIndex) index = caucus_model_index_open (f->store, file, &error);

  g_assert_no_error (error);
  g_clear_object (&index);
  return dump_index (file);
}

static char *
index_file (Fixture *f)
{
  return g_strconcat (f->path, "-index", NULL);
}

typedef struct {
  GMainLoop        *loop;
  CaucusModelIndex *index;
  GError           *error;
  GArray           *done;          /* guint64 per progress call */
  guint64           total;
  guint             ticks;         /* main loop iterations seen meanwhile */
  gboolean          in_callback;
  GCancellable     *cancel_at_first_progress;
  CaucusStore      *write_at_first_progress;
  gboolean          progress_freed;
} Run;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer data)
{
  Run *run = data;

  g_assert_false (run->in_callback);
  g_assert_cmpuint (done, <=, total);
  if (run->done->len > 0)
    g_assert_cmpuint (done, >, g_array_index (run->done, guint64, run->done->len - 1));
  g_array_append_val (run->done, done);
  run->total = total;
  if (run->done->len == 1 && run->cancel_at_first_progress != NULL)
    g_cancellable_cancel (run->cancel_at_first_progress);
  if (run->done->len == 1 && run->write_at_first_progress != NULL)
    caucus_test_put_json (run->write_at_first_progress,
              "{\"_id\":\"org-late\",\"type\":\"org\",\"name\":\"Written During The Build\",\"kind\":\"ngo\"}");
}

static void
progress_free_cb (gpointer data)
{
  Run *run = data;

  run->progress_freed = TRUE;
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Run *run = data;

  run->in_callback = TRUE;
  run->index = caucus_model_index_open_finish (result, &run->error);
  run->in_callback = FALSE;
  g_main_loop_quit (run->loop);
}

static gboolean
tick_cb (gpointer data)
{
  Run *run = data;

  run->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
run_async (Fixture      *f,
           Run          *run,
           GCancellable *cancellable)
{
  guint tick;

  run->loop = g_main_loop_new (NULL, FALSE);
  run->done = g_array_new (FALSE, FALSE, sizeof (guint64));
  tick = g_timeout_add (1, tick_cb, run);
  caucus_model_index_open_async (f->store, NULL, progress_cb, run, progress_free_cb, cancellable, opened_cb, run);
  /* Nothing is reported before the call returns. */
  g_assert_cmpuint (run->done->len, ==, 0);
  g_assert_null (run->index);
  g_main_loop_run (run->loop);
  g_source_remove (tick);
  g_assert_true (run->progress_freed);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->index);
  g_clear_error (&run->error);
  g_clear_pointer (&run->done, g_array_unref);
}

static guint
count_people (CaucusModelIndex *index)
{
  g_autoptr(CaucusDocumentList) list = caucus_document_list_new (index, "person");

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_async_first_build (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *expected = reference_dump (f);
  g_autofree char *file = index_file (f);
  g_autofree char *actual = NULL;
  Run run = { 0 };

  /* No index yet: every change of the store is to be read. */
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, caucus_store_get_update_seq (f->store));
  run_async (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.index);

  /* Progress: batches of 1000 changes, increasing, up to every change of the store. */
  g_assert_cmpuint (run.done->len, >=, 1);
  g_assert_cmpuint (run.total, ==, N_ORGS + N_PEOPLE);
  g_assert_cmpuint (g_array_index (run.done, guint64, run.done->len - 1), ==, run.total);
  /* The main loop kept turning while the worker built the index. */
  g_assert_cmpuint (run.ticks, >, 0);

  g_assert_cmpint (caucus_model_index_get_seq (run.index), ==, caucus_store_get_update_seq (f->store));
  g_assert_cmpuint (count_people (run.index), ==, N_PEOPLE - 20);
  g_clear_object (&run.index);
  actual = dump_index (file);
  g_assert_cmpstr (actual, ==, expected);
  run_clear (&run);
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, 0);
  caucus_test_put_json (f->store, "{\"_id\":\"org-new\",\"type\":\"org\",\"name\":\"New\",\"kind\":\"ngo\"}");
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, 1);

  /* A built index opens the same way and reads only what changed since. */
  run_async (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.done->len, ==, 1);
  g_assert_cmpuint (run.total, ==, 1);
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, 0);
  run_clear (&run);
}

/* A document written on the main thread while the worker builds is in the result, and the
 * index follows the store afterwards. */
static void
test_async_concurrent_write (Fixture      *f,
                             gconstpointer data)
{
  g_autoptr(CaucusDocumentList) orgs = NULL;
  Run run = { 0 };

  run.write_at_first_progress = f->store;
  run_async (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpint (caucus_model_index_get_seq (run.index), ==, caucus_store_get_update_seq (f->store));
  orgs = caucus_document_list_new (run.index, "org");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, N_ORGS + 1);
  run_clear (&run);
}

static void
test_async_cancel_then_reopen (Fixture      *f,
                               gconstpointer data)
{
  g_autofree char *expected = reference_dump (f);
  g_autofree char *file = index_file (f);
  g_autofree char *built = NULL;
  g_autofree char *seq = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  run.cancel_at_first_progress = cancellable;
  run_async (f, &run, cancellable);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.index);
  /* Reports stop with the callback: one, the one that cancelled. */
  g_assert_cmpuint (run.done->len, ==, 1);
  run_clear (&run);

  /* What was committed is a checkpoint, never an index taken as complete. */
  built = meta_value (file, "built");
  seq = meta_value (file, "seq");
  g_assert_null (built);
  g_assert_nonnull (seq);
  g_assert_cmpint (g_ascii_strtoll (seq, NULL, 10), <, caucus_store_get_update_seq (f->store));
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==,
                   caucus_store_get_update_seq (f->store) - g_ascii_strtoll (seq, NULL, 10) + 1);

  /* The next open (the synchronous one, as caucusctl's) completes it. */
  index = caucus_model_index_open (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_people (index), ==, N_PEOPLE - 20);
  g_clear_object (&index);
  actual = dump_index (file);
  g_assert_cmpstr (actual, ==, expected);
}

/* Cancelled before the worker starts: nothing reported, the callback says so. */
static void
test_async_cancelled_early (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  g_cancellable_cancel (cancellable);
  run_async (f, &run, cancellable);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.done->len, ==, 0);
  run_clear (&run);
}

static void
set_user_version (const char *file,
                  int         version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open_v2 (file, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* An index of an older layout (e.g. 5) is rebuilt by the worker, with progress. */
static void
test_async_layout_change (Fixture      *f,
                          gconstpointer data)
{
  g_autofree char *expected = reference_dump (f);
  g_autofree char *file = index_file (f);
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusModelIndex) index = caucus_model_index_open (f->store, NULL, &error);
  Run run = { 0 };

  g_assert_no_error (error);
  g_clear_object (&index);
  set_user_version (file, 5);
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, caucus_store_get_update_seq (f->store));

  run_async (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.total, ==, N_ORGS + N_PEOPLE);
  g_clear_object (&run.index);
  actual = dump_index (file);
  g_assert_cmpstr (actual, ==, expected);
  run_clear (&run);
}

/* A damaged index file is replaced by a rebuilt one. */
static void
test_async_damaged (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *expected = reference_dump (f);
  g_autofree char *file = index_file (f);
  g_autofree char *garbage = g_malloc (8192);
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  memset (garbage, 'x', 8192);
  g_file_set_contents (file, garbage, 8192, &error);
  g_assert_no_error (error);
  g_assert_cmpint (caucus_model_index_count_pending (f->store, NULL), ==, caucus_store_get_update_seq (f->store));

  run_async (f, &run, NULL);
  g_assert_no_error (run.error);
  g_assert_cmpuint (count_people (run.index), ==, N_PEOPLE - 20);
  g_clear_object (&run.index);
  actual = dump_index (file);
  g_assert_cmpstr (actual, ==, expected);
  run_clear (&run);
}

/* An unusable place for the index is an error that names it. */
static void
test_async_error (Fixture      *f,
                  gconstpointer data)
{
  g_autofree char *dir_as_file = g_build_filename (f->dir, "not-a-file", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { 0 };

  g_mkdir (dir_as_file, 0700);
  run.loop = loop;
  caucus_model_index_open_async (f->store, dir_as_file, NULL, NULL, NULL, NULL, opened_cb, &run);
  g_main_loop_run (loop);
  g_assert_error (run.error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX);
  g_assert_nonnull (strstr (run.error->message, "not-a-file"));
  g_clear_error (&run.error);
  g_rmdir (dir_as_file);
}

/* An in-memory store's index cannot be reached from a worker: the open still answers
 * through the main loop. */
static void
test_async_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (":memory:", &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { 0 };

  g_assert_no_error (error);
  caucus_test_put_json (store, "{\"_id\":\"org-1\",\"type\":\"org\",\"name\":\"One\",\"kind\":\"ngo\"}");
  run.loop = loop;
  caucus_model_index_open_async (store, NULL, NULL, NULL, NULL, NULL, opened_cb, &run);
  g_assert_null (run.index);
  g_main_loop_run (loop);
  g_assert_no_error (run.error);
  g_assert_cmpint (caucus_model_index_get_seq (run.index), ==, 1);
  g_clear_object (&run.index);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/model/index-rebuild/first-build", Fixture, NULL, fixture_setup, test_async_first_build, fixture_teardown);
  g_test_add ("/model/index-rebuild/concurrent-write", Fixture, NULL, fixture_setup, test_async_concurrent_write, fixture_teardown);
  g_test_add ("/model/index-rebuild/cancel-then-reopen", Fixture, NULL, fixture_setup, test_async_cancel_then_reopen, fixture_teardown);
  g_test_add ("/model/index-rebuild/cancelled-early", Fixture, NULL, fixture_setup, test_async_cancelled_early, fixture_teardown);
  g_test_add ("/model/index-rebuild/layout-change", Fixture, NULL, fixture_setup, test_async_layout_change, fixture_teardown);
  g_test_add ("/model/index-rebuild/damaged", Fixture, NULL, fixture_setup, test_async_damaged, fixture_teardown);
  g_test_add ("/model/index-rebuild/error", Fixture, NULL, fixture_setup, test_async_error, fixture_teardown);
  g_test_add_func ("/model/index-rebuild/memory", test_async_memory);
  return g_test_run ();
}
