/* test-index-rebuild.c — display test: a workspace whose index must be rebuilt (an update
 * changed its layout) does not freeze the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace holds 8,000 documents and an index of an older layout.
 * 1. quit-while-rebuilding: the application is run as a start does (g_application_run);
 *    a progress window appears at once, and "app.quit" during the rebuild stops the
 *    worker: run returns promptly and the index is left unfinished, never complete.
 * 2. responsive-then-data: activation shows the progress window, the main loop keeps
 *    turning (every 5 ms tick is timed) while the progress text advances, then the main
 *    window replaces it and the Directory lists every document of the workspace.
 */
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <string.h>

#include "caucus-application-private.h"
#include "caucus-directory-page.h"
#include "caucus-document-list.h"
#include "caucus-index-progress.h"
#include "caucus-window.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"

#define N_ORGS   500
#define N_PEOPLE 7500

static char *workspace_dir;
static char *index_path;

/* Windows ----------------------------------------------------------------- */

static CaucusIndexProgress *
find_progress_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CAUCUS_IS_INDEX_PROGRESS (l->data))
      return l->data;
  return NULL;
}

static CaucusWindow *
find_main_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CAUCUS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The workspace ----------------------------------------------------------- */

static char *
index_meta (const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (index_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* 8,000 documents with a complete index, whose layout is then made an older one (5),
 * as after an update of Caucus that changes it. */
static void
make_workspace (void)
{
  g_autofree char *path = g_build_filename (workspace_dir, "workspace.caucus", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusModelIndex) index = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (workspace_dir, 0700), ==, 0);
  store = caucus_store_open (path, &error);
  g_assert_no_error (error);
  caucus_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ORGS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"org:%04u\",\"type\":\"org\",\"name\":\"Organisation %04u\","
                                               "\"kind\":\"ngo\",\"regional_group\":\"weog\"}", i, i);
      caucus_test_put_json (store, json);
    }
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"person:%05u\",\"type\":\"person\",\"name\":\"Person %05u\","
                                               "\"org_id\":\"org:%04u\"}", i, i, i % N_ORGS);
      caucus_test_put_json (store, json);
    }
  caucus_store_commit (store, &error);
  g_assert_no_error (error);

  index = caucus_model_index_open (store, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&index);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (index_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* 1. Quitting during the rebuild ----------------------------------------------- */

typedef struct {
  CaucusApplication *app;
  gboolean           saw_progress_window;
  gboolean           quit_sent;
  gint64             quit_at;
} QuitRun;

static gboolean
quit_when_rebuilding_cb (gpointer data)
{
  QuitRun *run = data;
  CaucusIndexProgress *progress = find_progress_window (GTK_APPLICATION (run->app));

  if (progress != NULL)
    run->saw_progress_window = TRUE;
  /* Once the worker has reported a batch, quit as a person would (Ctrl+Q). */
  if (!run->quit_sent && progress != NULL && caucus_application_get_index_opening (run->app) &&
      strstr (caucus_index_progress_get_text (progress), " of ") != NULL)
    {
      run->quit_sent = TRUE;
      run->quit_at = g_get_monotonic_time ();
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
test_quit_while_rebuilding (void)
{
  char *argv[] = { (char *) "caucus", (char *) "--workspace", workspace_dir, NULL };
  g_autofree char *built = NULL;
  QuitRun run = { 0 };
  gint64 stopped_in;
  guint poll;
  int status;

  run.app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (run.app), G_APPLICATION_NON_UNIQUE);
  poll = g_timeout_add (5, quit_when_rebuilding_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), 3, argv);
  stopped_in = g_get_monotonic_time () - run.quit_at;
  g_clear_handle_id (&poll, g_source_remove);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.saw_progress_window);
  g_assert_true (run.quit_sent);
  g_test_message ("run returned %.0f ms after quit", stopped_in / 1000.0);
  /* The worker stops at its next batch of 1000 documents. */
  g_assert_cmpint (stopped_in, <, 10 * G_USEC_PER_SEC);
  g_assert_false (caucus_application_get_index_opening (run.app));
  g_assert_null (caucus_application_get_model_index (run.app));
  g_assert_null (caucus_application_get_store (run.app));
  g_clear_object (&run.app);

  /* Interrupted: a checkpoint, never an index taken as complete. */
  built = index_meta ("built");
  g_assert_null (built);
}

/* 2. Responsive, then the data ------------------------------------------------ */

typedef struct {
  CaucusApplication *app;
  gint64             last;
  gint64             max_gap;
  guint              ticks;
  GHashTable        *texts;   /* progress texts seen while the rebuild ran */
} TickRun;

static gboolean
tick_cb (gpointer data)
{
  TickRun *run = data;
  gint64 now = g_get_monotonic_time ();
  CaucusIndexProgress *progress = find_progress_window (GTK_APPLICATION (run->app));

  if (run->last != 0)
    run->max_gap = MAX (run->max_gap, now - run->last);
  run->last = now;
  run->ticks++;
  if (progress != NULL)
    g_hash_table_add (run->texts, g_strdup (caucus_index_progress_get_text (progress)));
  return G_SOURCE_CONTINUE;
}

static void
test_responsive_then_data (void)
{
  g_autoptr(CaucusDocumentList) orgs = NULL;
  g_autoptr(CaucusDocumentList) people = NULL;
  CaucusIndexProgress *progress;
  CaucusWindow *window;
  CaucusDirectoryPage *page;
  CaucusDocumentList *shown;
  g_autofree char *built = NULL;
  TickRun run = { 0 };
  gint64 started, deadline;
  guint tick;
  gboolean saw_count = FALSE;
  GHashTableIter iter;
  gpointer text;

  run.app = caucus_application_new ();
  run.texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  caucus_test_register_app (G_APPLICATION (run.app));

  /* Activation returns at once with the progress window; the index is not there yet. */
  started = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (run.app));
  g_test_message ("activation took %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_true (caucus_application_get_index_opening (run.app));
  g_assert_null (caucus_application_get_model_index (run.app));
  progress = find_progress_window (GTK_APPLICATION (run.app));
  g_assert_nonnull (progress);
  g_assert_null (find_main_window (GTK_APPLICATION (run.app)));

  tick = g_timeout_add (5, tick_cb, &run);
  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  while (caucus_application_get_index_opening (run.app))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the index was not rebuilt within 90 s");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);

  g_test_message ("rebuild: %.0f ms, %u main loop ticks, longest gap between ticks %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0, run.ticks, run.max_gap / 1000.0);
  /* The loop turned throughout, and the window said how far the rebuild was. */
  g_assert_cmpuint (run.ticks, >=, 5);
  g_hash_table_iter_init (&iter, run.texts);
  while (g_hash_table_iter_next (&iter, &text, NULL))
    if (g_str_has_suffix (text, " documents") && strstr (text, " of ") != NULL)
      saw_count = TRUE;
  g_assert_true (saw_count);
  g_assert_cmpuint (g_hash_table_size (run.texts), >=, 2);

  /* Then the main window takes its place and shows the data. */
  g_assert_no_error (caucus_application_get_store_error (run.app));
  g_assert_nonnull (caucus_application_get_model_index (run.app));
  window = find_main_window (GTK_APPLICATION (run.app));
  g_assert_nonnull (window);
  caucus_test_iterate_ms (50);
  g_assert_null (find_progress_window (GTK_APPLICATION (run.app)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  caucus_window_show_page (window, "directory");
  page = CAUCUS_DIRECTORY_PAGE (caucus_window_get_page (window, "directory"));
  caucus_test_iterate_ms (50);
  shown = caucus_directory_page_get_list (page);
  g_assert_nonnull (shown);
  orgs = caucus_document_list_new (caucus_application_get_model_index (run.app), "org");
  people = caucus_document_list_new (caucus_application_get_model_index (run.app), "person");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, N_ORGS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, N_PEOPLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==,
                    g_str_equal (caucus_directory_page_get_doc_type (page), "org") ? N_ORGS : N_PEOPLE);
  g_assert_false (caucus_page_get_is_empty (CAUCUS_PAGE (page)));

  built = index_meta ("built");
  g_assert_cmpstr (built, ==, "1");

  gtk_window_destroy (GTK_WINDOW (window));
  caucus_test_iterate_ms (50);
  g_clear_object (&orgs);
  g_clear_object (&people);
  g_hash_table_unref (run.texts);
  g_clear_object (&run.app);
}

/* Set-up ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* Every user folder is a fresh folder of this run, before GLib reads them. */
  home = caucus_test_isolate_user_dirs ("caucus-test-index-rebuild-XXXXXX");

  g_test_init (&argc, &argv, NULL);
  caucus_test_init_gtk ();

  /* The application's default workspace: activation without --workspace opens it. */
  workspace_dir = g_build_filename (g_get_user_data_dir (), "caucus", NULL);
  index_path = g_build_filename (workspace_dir, "workspace.caucus-index", NULL);
  make_workspace ();

  /* In order: the second resumes the rebuild the first interrupted. */
  g_test_add_func ("/ui/index-rebuild/quit-while-rebuilding", test_quit_while_rebuilding);
  g_test_add_func ("/ui/index-rebuild/responsive-then-data", test_responsive_then_data);
  status = g_test_run ();

  caucus_test_remove_tree (home);
  g_free (workspace_dir);
  g_free (index_path);
  return status;
}
