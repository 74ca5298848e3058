/* test-store-bulk.c — a large replication batch (bulk_docs new_edits=false, the
 * two-thread path with its multi-row fast path for new documents) leaves the store
 * exactly as the same documents written one put_with_history at a time: the same rows
 * with the same ids and sequences, the same search index. */
#include <sqlite3.h>
#include <string.h>

#include "store-test-util.h"
#include "caucus-store-private.h"

#define REVS_LIMIT 6

static char *
hex32 (guint a, guint b)
{
  return g_strdup_printf ("%08x%08x%08x%08x", a, b, a ^ 0x5a5a5a5au, b * 2654435761u);
}

/* A _revisions path for document @n of @len revisions, the newest @gen. */
static char *
history_doc (const char *id, guint n, guint gen, guint len, guint branch,
             gboolean deleted, const char *extra)
{
  GString *s = g_string_new (NULL);
  g_autofree char *leaf = hex32 (n, gen * 16 + branch);

  g_string_append_printf (s, "{\"_id\":\"%s\",\"_rev\":\"%u-%s\",\"_revisions\":{\"start\":%u,\"ids\":[",
                          id, gen, leaf, gen);
  for (guint k = 0; k < len; k++)
    {
      /* the newest revision is on @branch, its ancestors are shared */
      g_autofree char *h = hex32 (n, (gen - k) * 16 + (k == 0 ? branch : 0));
      g_string_append_printf (s, "%s\"%s\"", k > 0 ? "," : "", h);
    }
  g_string_append_printf (s, "]}%s,\"type\":\"person\",\"name\":\"Zoë Ωmega %u\",\"bio\":\"Genève %u 北京 text\"%s}",
                          deleted ? ",\"_deleted\":true" : "", n, n, extra != NULL ? extra : "");
  return g_string_free (s, FALSE);
}

static JsonArray *
make_batch (void)
{
  JsonArray *docs = json_array_new ();

  for (guint i = 0; i < 900; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc%04u", i % 700);   /* ids 0..199 come twice */
      g_autofree char *json = NULL;
      gboolean again = i >= 700;

      if (i == 50)
        json = g_strdup ("{\"_id\":\"_bad\",\"_rev\":\"1-aa\"}");
      else if (i == 51)
        json = g_strdup ("{\"_id\":\"norev\",\"v\":1}");
      else if (i % 97 == 13)        /* a tombstone arriving first */
        json = history_doc (id, i % 700, 2, 2, 0, TRUE, NULL);
      else if (i % 89 == 7)         /* a path longer than revs_limit: stemmed */
        json = history_doc (id, i % 700, 9, 9, 0, FALSE, NULL);
      else if (i % 83 == 5)         /* with an attachment */
        json = history_doc (id, i % 700, 1, 1, 0, FALSE,
                            ",\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\",\"data\":\"aGVsbG8=\"}}");
      else if (again && i % 3 == 0) /* the same document again: a no-op */
        json = history_doc (id, i % 700, 1 + (i % 700) % 3, 1 + (i % 700) % 3, 0, FALSE, NULL);
      else if (again && i % 3 == 1) /* a conflicting branch */
        json = history_doc (id, i % 700, 1 + (i % 700) % 3, 1 + (i % 700) % 3, 1 + i % 5, FALSE, NULL);
      else if (again)               /* an edit on top */
        json = history_doc (id, i % 700, 2 + (i % 700) % 3, 2 + (i % 700) % 3, 0, FALSE, ",\"edited\":\"again\"");
      else if (i % 10 == 0)         /* already in the store before the batch */
        json = history_doc (id, i, 2, 2, 2, FALSE, NULL);
      else
        json = history_doc (id, i, 1 + i % 3, 1 + i % 3, 0, FALSE, NULL);
      json_array_add_object_element (docs, parse_obj (json));
    }
  return docs;
}

static CaucusStore *
open_prepared (const char *path)
{
  g_autoptr(GError) error = NULL;
  CaucusStore *store = caucus_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (caucus_store_set_revs_limit (store, REVS_LIMIT, &error));
  /* documents the batch finds in the store: every tenth */
  for (guint i = 0; i < 700; i += 10)
    {
      g_autofree char *id = g_strdup_printf ("doc%04u", i);
      g_autofree char *json = history_doc (id, i, 1 + i % 3, 1 + i % 3, 0, FALSE, NULL);
      put_history (store, json);
    }
  return store;
}

/* bulk_docs of @docs in calls of @chunk documents (0: one call), in one transaction;
 * returns the error rows of every call, in order. */
static JsonArray *
bulk_in_chunks (CaucusStore *store,
                JsonArray   *docs,
                guint        chunk)
{
  g_autoptr(GError) error = NULL;
  JsonArray *all = json_array_new ();
  guint n = json_array_get_length (docs);

  if (chunk == 0)
    chunk = n;
  g_assert_true (caucus_store_begin (store, &error));
  for (guint start = 0; start < n; start += chunk)
    {
      g_autoptr(JsonArray) part = json_array_new ();
      g_autoptr(JsonArray) res = NULL;

      for (guint i = start; i < MIN (n, start + chunk); i++)
        json_array_add_element (part, json_node_copy (json_array_get_element (docs, i)));
      res = caucus_store_bulk_docs (store, part, FALSE, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < json_array_get_length (res); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (res, i)));
    }
  g_assert_true (caucus_store_commit (store, &error));
  g_assert_no_error (error);
  return all;
}

/* @data: documents per bulk_docs call: 0 (all 900, the two-thread path), or small
 * batches as a replicator sends them (one thread, still batching new documents). */
static void
test_bulk_equals_sequential (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-bulk-XXXXXX", &error);
  g_autofree char *bulk_path = g_build_filename (dir, "bulk.db", NULL);
  g_autofree char *seq_path = g_build_filename (dir, "seq.db", NULL);
  g_autoptr(JsonArray) docs = make_batch ();
  g_autoptr(JsonArray) res = NULL;
  g_autofree char *bulk_dump = NULL;
  g_autofree char *seq_dump = NULL;
  CaucusStore *bulk = open_prepared (bulk_path);
  CaucusStore *seq = open_prepared (seq_path);
  guint refused = 0;

  res = bulk_in_chunks (bulk, docs, GPOINTER_TO_UINT (data));

  g_assert_true (caucus_store_begin (seq, &error));
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!caucus_store_put_with_history (seq, json_array_get_object_element (docs, i), &local_error))
        {
          g_assert_cmpuint (refused, <, json_array_get_length (res));
          g_assert_cmpstr (local_error->message, ==,
                           json_object_get_string_member (json_array_get_object_element (res, refused), "reason"));
          refused++;
        }
    }
  g_assert_true (caucus_store_commit (seq, &error));
  g_assert_cmpuint (refused, ==, json_array_get_length (res));
  g_assert_cmpuint (refused, ==, 2);

  g_assert_true (caucus_store_integrity_check (bulk, &error));
  g_assert_no_error (error);
  for (guint q = 0; q < 3; q++)
    {
      static const char *const queries[] = { "zoe ωmega 12", "geneve", "北京" };
      g_autoptr(GPtrArray) a = caucus_store_search (bulk, queries[q], NULL, 0, &error);
      g_autoptr(GPtrArray) b = caucus_store_search (seq, queries[q], NULL, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (a->len, ==, b->len);
      g_assert_cmpuint (a->len, >, 0);
      for (guint i = 0; i < a->len; i++)
        g_assert_cmpstr (((CaucusSearchHit *) a->pdata[i])->id, ==, ((CaucusSearchHit *) b->pdata[i])->id);
    }
  g_object_unref (bulk);
  g_object_unref (seq);

  bulk_dump = store_dump_tables (bulk_path);
  seq_dump = store_dump_tables (seq_path);
  g_assert_cmpstr (bulk_dump, ==, seq_dump);
  rm_rf (dir);
}

/* The replication path derives a document's searchable text while it writes the
 * canonical body; the index is told to delete exactly caucus_search_text() of the stored
 * body later, so the two must agree to the byte. */
static void
test_text_in_one_walk (void)
{
  static const char *const edge[] = {
    "{\"_id\":\"x\",\"a\":[\"s1\",{\"id\":\"skip\",\"b\":\"t\",\"_x\":\"hidden\",\"c_id\":\"no\",\"d_ids\":[\"no\"]}],"
    "\"z\":\"Zoë\",\"type\":\"person\",\"nested\":{\"url\":\"http://x\",\"deep\":[[\"a  b\",\"\"]],\"k\":null},"
    "\"n\":1.5,\"t\":true,\"name\":\"Ωmega 北京 — «quoted» \\\"x\\\"\",\"B\":\"upper first\",\"émoji\":\"🎉 ok\"}",
    "{\"_id\":\"empty\"}",
    "{\"_id\":\"only-skipped\",\"email\":\"a@b.c\",\"start\":\"2026-01-01\"}",
    "{\"_id\":\"blank\",\"a\":\"\",\"b\":\"   \",\"c\":\"x\"}",
  };
  g_autoptr(JsonArray) docs = make_batch ();

  for (guint i = 0; i < G_N_ELEMENTS (edge); i++)
    json_array_add_object_element (docs, parse_obj (edge[i]));
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) expected = caucus_search_text (doc);
      gsize len = 0, len2 = 0;
      g_autofree char *body = caucus_doc_canonical_body_text (doc, &len, text, &error);
      g_autofree char *body2 = caucus_doc_canonical_body (doc, &len2, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text->str, ==, expected->str);
      g_assert_cmpstr (body, ==, body2);
    }
}

/* Once the checkpoint worker is done, nothing is left in the WAL that the file lacks: a
 * checkpoint of our own copies every frame.  The worker may still be running its last
 * passes: a second checkpointer is refused (SQLITE_BUSY), and frames a running pass's
 * snapshot does not reach are left for later, so this retries for up to 30 s.  Returns
 * the WAL's frames. */
static int
assert_wal_copied (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  int log = -1, done = -2, rc;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* a connection knows the file is in WAL mode only once it has read it */
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM docs", NULL, NULL, NULL), ==, SQLITE_OK);
  while (((rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done)) == SQLITE_BUSY ||
          (rc == SQLITE_OK && done != log)) &&
         g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (done, ==, log);
  sqlite3_close (db);
  return log;
}

/* A commit that leaves a large WAL hands the checkpoint to the worker thread, which
 * copies every frame back into the database file. */
static void
test_background_checkpoint (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-ckpt-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(JsonArray) docs = make_batch ();
  g_autoptr(JsonArray) res = NULL;
  CaucusStore *store = caucus_store_open (path, &error);
  guint before = caucus_store_checkpoints_completed ();
  guint saved = caucus_store_background_checkpoint_frames;
  gint64 deadline;

  GStatBuf st;
  goffset size_before;

  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  size_before = st.st_size;
  caucus_store_background_checkpoint_frames = 20;
  res = caucus_store_bulk_docs (store, docs, FALSE, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (caucus_store_checkpoints_completed () == before && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (caucus_store_checkpoints_completed (), >, before);
  caucus_store_background_checkpoint_frames = saved;
  /* the commit itself did not checkpoint (fewer than SQLite's 1,000 pages), the worker did */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, size_before);

  /* nothing is left in the WAL that the database file lacks */
  g_assert_cmpint (assert_wal_copied (path), >, 20);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);
  rm_rf (dir);
}

/* A store that keeps no search index (a sync server's) stores exactly the same documents;
 * turning the index on again rebuilds it to exactly what a store that always kept it
 * has, and search is refused while it is off. */
static void
test_search_index_off (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-bulk-XXXXXX", &error);
  g_autofree char *off_path = g_build_filename (dir, "off.db", NULL);
  g_autofree char *on_path = g_build_filename (dir, "on.db", NULL);
  g_autoptr(JsonArray) docs = make_batch ();
  g_autofree char *off_dump = NULL;
  g_autofree char *on_dump = NULL;
  CaucusStore *off = caucus_store_open (off_path, &error);
  CaucusStore *on = caucus_store_open (on_path, &error);
  g_autoptr(CaucusStore) other = NULL;
  CaucusStore *stores[2] = { off, on };

  g_assert_no_error (error);
  g_assert_true (caucus_store_get_search_index (off));
  g_assert_true (caucus_store_set_search_index (off, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (caucus_store_get_search_index (off));
  /* a second connection sees the setting of the file */
  other = caucus_store_open_worker (off, &error);
  g_assert_no_error (error);
  g_assert_false (caucus_store_get_search_index (other));
  g_assert_null (caucus_store_search (other, "geneve", NULL, 0, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(JsonArray) res = NULL;
      g_autofree char *rev = NULL;
      g_autofree char *rev2 = NULL;
      g_autofree char *tomb = NULL;
      g_auto(GStrv) leaves = NULL;

      g_assert_true (caucus_store_set_revs_limit (stores[s], REVS_LIMIT, &error));
      /* both write paths: the batched one (documents in 100s) and one at a time */
      res = bulk_in_chunks (stores[s], docs, s == 0 ? 100 : 1);
      g_assert_cmpuint (json_array_get_length (res), ==, 2);
      /* interactive writes: new, edited (the winner's text changes), deleted */
      rev = put_json (stores[s], "{\"_id\":\"person-1\",\"name\":\"Zoë Ωmega\",\"city\":\"Genève\"}");
      {
        g_autofree char *edit = g_strdup_printf ("{\"_id\":\"person-1\",\"_rev\":\"%s\","
                                                 "\"name\":\"Zoë Ωmega-Ngata\",\"city\":\"北京\"}", rev);
        rev2 = put_json (stores[s], edit);
      }
      g_free (put_json (stores[s], "{\"_id\":\"gone\",\"name\":\"geneve\"}"));
      leaves = caucus_store_get_leaves (stores[s], "gone", &error);
      g_assert_nonnull (leaves);
      tomb = caucus_store_delete (stores[s], "gone", leaves[0], &error);
      g_assert_nonnull (tomb);
      g_assert_no_error (error);
    }
  /* the other connection writes too while the index is off */
  g_free (put_json (other, "{\"_id\":\"late\",\"name\":\"geneve late\"}"));
  g_free (put_json (on, "{\"_id\":\"late\",\"name\":\"geneve late\"}"));
  g_assert_null (caucus_store_search (off, "geneve", NULL, 0, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (caucus_store_set_search_index (off, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (caucus_store_get_search_index (other));
  for (guint q = 0; q < 4; q++)
    {
      static const char *const queries[] = { "zoe ωmega", "geneve", "北京", "ngata" };
      g_autoptr(GPtrArray) a = caucus_store_search (other, queries[q], NULL, 0, &error);
      g_autoptr(GPtrArray) b = caucus_store_search (on, queries[q], NULL, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (a->len, ==, b->len);
      g_assert_cmpuint (a->len, >, 0);
      for (guint i = 0; i < a->len; i++)
        g_assert_cmpstr (((CaucusSearchHit *) a->pdata[i])->id, ==, ((CaucusSearchHit *) b->pdata[i])->id);
    }
  g_assert_true (caucus_store_integrity_check (off, &error));
  g_assert_no_error (error);
  /* switching to what it already is changes nothing */
  g_assert_true (caucus_store_set_search_index (off, TRUE, &error));
  g_clear_object (&other);
  g_object_unref (off);
  g_object_unref (on);

  off_dump = store_dump_tables (off_path);
  on_dump = store_dump_tables (on_path);
  g_assert_cmpstr (off_dump, ==, on_dump);
  rm_rf (dir);
}

/* A server's store (checkpoints off the commit) never copies the WAL inside a commit: the
 * worker does it, from SQLite's usual 1,000 pages on, and the WAL still starts over. */
static void
test_checkpoint_off_commit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-ckpt-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *filler = g_strnfill (6000, 'x');
  CaucusStore *store = caucus_store_open (path, &error);
  guint before = caucus_store_checkpoints_completed ();
  gint64 deadline;
  GStatBuf st;
  const guint n = 1500;  /* two pages of body each: 3,000 frames and more in all */

  g_assert_no_error (error);
  g_assert_true (caucus_store_set_search_index (store, FALSE, &error));
  g_assert_no_error (error);
  caucus_store_set_checkpoints_off_commit (store, TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("doc-%05u", i);
      g_autofree char *rev = NULL;

      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "text", filler);
      rev = caucus_store_put (store, doc, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rev);
    }
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (caucus_store_checkpoints_completed () == before && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (caucus_store_checkpoints_completed (), >, before);
  /* the WAL started over on the way: back-to-back writes leave the worker no gap to
   * finish in, so past 4,000 pages a commit copies the worker's remainder itself
   * (measured: 66 MB here; without that bound 149 MB, every frame written) */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 110 * 1024 * 1024);

  /* once the worker is done, nothing is left in the WAL that the file lacks */
  assert_wal_copied (path);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);
  rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/store/bulk-equals-sequential", GUINT_TO_POINTER (0), test_bulk_equals_sequential);
  g_test_add_data_func ("/store/bulk-equals-sequential/batches-of-100", GUINT_TO_POINTER (100),
                        test_bulk_equals_sequential);
  g_test_add_data_func ("/store/bulk-equals-sequential/batches-of-7", GUINT_TO_POINTER (7),
                        test_bulk_equals_sequential);
  g_test_add_data_func ("/store/bulk-equals-sequential/one-by-one", GUINT_TO_POINTER (1),
                        test_bulk_equals_sequential);
  g_test_add_func ("/store/search-index-off", test_search_index_off);
  g_test_add_func ("/store/text-in-one-walk", test_text_in_one_walk);
  g_test_add_func ("/store/background-checkpoint", test_background_checkpoint);
  g_test_add_func ("/store/checkpoint-off-commit", test_checkpoint_off_commit);
  return g_test_run ();
}
