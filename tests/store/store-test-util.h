/* store-test-util.h — small helpers shared by the store test programs. */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "caucus-store.h"

typedef struct {
  char        *dir;
  char        *path;
  CaucusStore *store;
} StoreFixture;

static inline void
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

static inline void
store_fixture_setup (StoreFixture *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caucus-store-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static inline void
store_fixture_teardown (StoreFixture *f,
                        gconstpointer data)
{
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static inline JsonObject *
parse_obj (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *obj = caucus_json_parse_object (json, -1, CAUCUS_JSON_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return obj;
}

static inline char *
put_json (CaucusStore *store,
          const char  *json)
{
  g_autoptr(GError) error = NULL;
  char *rev = caucus_store_put_json (store, json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
  return rev;
}

static inline void
put_history (CaucusStore *store,
             const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = parse_obj (json);

  g_assert_true (caucus_store_put_with_history (store, doc, &error));
  g_assert_no_error (error);
}

static inline char *
obj_to_string (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  return caucus_json_to_string (node, NULL);
}

/* Every row of the tables that hold documents, in id order, one line per row. */
static inline char *
store_dump_tables (const char *path)
{
  static const char *const queries[] = {
    "SELECT doc_id, id, seq, rev, deleted, type, title FROM docs ORDER BY doc_id",
    "SELECT rev_id, doc_id, parent, gen, hash, deleted, leaf, remote, body FROM revs ORDER BY rev_id",
    "SELECT rev_id, name, digest, content_type, length, revpos FROM atts ORDER BY rev_id, name",
    "SELECT digest, length, hex(data) FROM blobs ORDER BY digest",
    "SELECT id, hex(sz) FROM search_docsize ORDER BY id",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "-- %s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *v = sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", v != NULL ? (const char *) v : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}
