/* test-store-upgrade.c — a store written by an earlier Caucus opens, is upgraded in place
 * and keeps everything.
 *
 * data/store-v1.db.gz is a real schema-version-1 store, made by the first session's
 * build (caucus-bench-store --docs 40 --writes 10 --keep): 40 replicated documents with
 * two-revision paths, 10 of them edited on top, the search index. */
#include <sqlite3.h>
#include <string.h>

#include "store-test-util.h"

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
unpack_fixture (const char *dest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("CAUCUS_SOURCE_DIR"), "tests", "store", "data",
                                           "store-v1.db.gz", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (src);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GFile) out_file = g_file_new_for_path (dest);
  g_autoptr(GFileOutputStream) out = NULL;

  g_assert_no_error (error);
  in = g_converter_input_stream_new (raw, G_CONVERTER (gz));
  out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_output_stream_splice (G_OUTPUT_STREAM (out), in,
                                           G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                           G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_upgrade_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-upgrade-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *version = NULL;
  g_autofree char *revs_sql = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(JsonArray) batch = json_array_new ();
  g_autoptr(JsonArray) res = NULL;
  CaucusStore *store;
  CaucusStoreInfo info;

  unpack_fixture (path);
  version = sql_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  g_clear_pointer (&version, g_free);
  revs_sql = sql_text (path, "SELECT sql FROM sqlite_master WHERE name = 'revs'");
  g_assert_nonnull (strstr (revs_sql, "REFERENCES docs"));
  g_clear_pointer (&revs_sql, g_free);
  uuid = sql_text (path, "SELECT value FROM meta WHERE key = 'uuid'");

  store = caucus_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (caucus_store_get_uuid (store), ==, uuid);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_assert_no_error (error);

  /* everything is still there: documents, their histories, edits, the index */
  g_assert_true (caucus_store_get_info (store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 40);
  g_assert_cmpint (info.update_seq, ==, 50);
  {
    g_autoptr(JsonObject) doc = caucus_store_get (store, "org:000000",
                                                  &(CaucusGetOptions) { .revs = TRUE }, &error);
    JsonObject *revisions;

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_rev"), "3-"));
    g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "edited during the benchmark");
    revisions = json_object_get_object_member (doc, "_revisions");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 3);
  }
  {
    g_autoptr(GPtrArray) hits = caucus_store_search (store, "edited", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 10);
  }

  /* and it takes writes on both paths: a put, a replication batch */
  g_free (put_json (store, "{\"_id\":\"after-upgrade\",\"name\":\"Zoë\"}"));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"new%04u\",\"_rev\":\"2-%032x\","
                                               "\"_revisions\":{\"start\":2,\"ids\":[\"%032x\",\"%032x\"]},"
                                               "\"name\":\"Genève %u\"}", i, i + 1, i + 1, i + 7, i);
      json_array_add_object_element (batch, parse_obj (json));
    }
  res = caucus_store_bulk_docs (store, batch, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (res), ==, 0);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  version = sql_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "3");
  {
    g_autofree char *hashsize = sql_text (path, "SELECT v FROM search_config WHERE k = 'hashsize'");
    g_assert_cmpstr (hashsize, ==, "8388608");
  }
  revs_sql = sql_text (path, "SELECT sql FROM sqlite_master WHERE name = 'revs'");
  g_assert_null (strstr (revs_sql, "REFERENCES docs"));
  g_assert_nonnull (strstr (revs_sql, "doc_id  INTEGER NOT NULL,"));

  /* reopened: nothing to migrate, everything there */
  store = caucus_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_store_get_info (store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 40 + 1 + 300);
  {
    g_autoptr(GPtrArray) hits = caucus_store_search (store, "geneve 29", NULL, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 11);   /* 29 and 290..299 */
  }
  g_object_unref (store);
  rm_rf (dir);
}

/* An in-memory store migrates on its one connection (it cannot be opened again) and takes
 * both write paths. */
static void
test_memory_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (":memory:", &error);
  g_autoptr(JsonArray) batch = json_array_new ();
  g_autoptr(JsonArray) res = NULL;
  CaucusStoreInfo info;

  g_assert_no_error (error);
  g_free (put_json (store, "{\"_id\":\"one\",\"name\":\"Zoë\"}"));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"m%04u\",\"_rev\":\"1-%032x\",\"name\":\"Genève %u\"}",
                                               i, i + 1, i);
      json_array_add_object_element (batch, parse_obj (json));
    }
  res = caucus_store_bulk_docs (store, batch, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (res), ==, 0);
  g_assert_true (caucus_store_get_info (store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 301);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/upgrade-v1", test_upgrade_v1);
  g_test_add_func ("/store/memory-store", test_memory_store);
  return g_test_run ();
}
