/* test-store-read.c — the read transaction and the JSON-text reads (get_json,
 * changes_append_json): the text must be exactly what the tree-building calls give. */
#include "store-test-util.h"

#include <string.h>

static const char *const plain_docs[] = {
  "{\"_id\":\"a\",\"title\":\"Hello \\\"x\\\"\\n\\t\\\\\",\"n\":1.5,\"big\":12345678901234,"
  "\"neg\":-3,\"tiny\":1e-300,\"arr\":[1,\"\u00fc\",{\"z\":null,\"a\":true,\"b\":false}],"
  "\"emoji\":\"\xf0\x9f\x98\x80\",\"ctl\":\"\\u0001\\u001f\",\"nested\":{\"k\":{\"k\":[[]]}}}",
  "{\"_id\":\"e\"}",
  "{\"_id\":\"d\\u00e9j\\u00e0 \\\"vu\\\"\",\"x\":{}}",
  "{\"_id\":\"_design/app\",\"views\":{}}",
  NULL,
};

/* A store with plain documents, a conflicted one (two live branches, one deleted), one
 * with attachments edited since, a deleted one and a local one.  Returns the revisions
 * worth reading explicitly. */
static GPtrArray *
fill_store (CaucusStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *explicit = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *att1 = NULL, *att2 = NULL, *del1 = NULL, *del2 = NULL, *local = NULL;
  g_autoptr(JsonObject) local_doc = NULL;

  for (guint i = 0; plain_docs[i] != NULL; i++)
    g_free (put_json (store, plain_docs[i]));

  put_history (store, "{\"_id\":\"c\",\"_rev\":\"3-cc\",\"v\":3,"
                      "\"_revisions\":{\"start\":3,\"ids\":[\"cc\",\"bb\",\"aa\"]}}");
  put_history (store, "{\"_id\":\"c\",\"_rev\":\"3-dd\",\"v\":4,"
                      "\"_revisions\":{\"start\":3,\"ids\":[\"dd\",\"bb\",\"aa\"]}}");
  put_history (store, "{\"_id\":\"c\",\"_rev\":\"4-ee\",\"_deleted\":true,"
                      "\"_revisions\":{\"start\":4,\"ids\":[\"ee\",\"ff\",\"bb\",\"aa\"]}}");
  put_history (store, "{\"_id\":\"c\",\"_rev\":\"2-bb\",\"v\":2,"
                      "\"_revisions\":{\"start\":2,\"ids\":[\"bb\",\"aa\"]}}");
  g_ptr_array_add (explicit, g_strdup ("3-dd"));
  g_ptr_array_add (explicit, g_strdup ("4-ee"));
  g_ptr_array_add (explicit, g_strdup ("2-bb"));   /* kept body, not a leaf: latest differs */
  g_ptr_array_add (explicit, g_strdup ("1-aa"));   /* known by id only: no body */

  att1 = put_json (store, "{\"_id\":\"att\",\"k\":1,\"_attachments\":{"
                          "\"a.txt\":{\"content_type\":\"text/plain\",\"data\":\"aGVsbG8=\"},"
                          "\"b \\\"q\\\".bin\":{\"content_type\":\"application/octet-stream\",\"data\":\"AAEC\"}}}");
  {
    g_autofree char *json = g_strdup_printf ("{\"_id\":\"att\",\"_rev\":\"%s\",\"k\":2,\"_attachments\":{"
                                             "\"a.txt\":{\"stub\":true},"
                                             "\"c.txt\":{\"content_type\":\"text/plain\",\"data\":\"d29ybGQ=\"}}}",
                                             att1);
    att2 = put_json (store, json);
  }
  g_ptr_array_add (explicit, g_strdup (att1));
  g_ptr_array_add (explicit, g_strdup (att2));

  del1 = put_json (store, "{\"_id\":\"del\",\"v\":1}");
  del2 = caucus_store_delete (store, "del", del1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (explicit, g_strdup (del1));
  g_ptr_array_add (explicit, g_strdup (del2));

  local_doc = parse_obj ("{\"_id\":\"_local/cp\",\"seq\":7}");
  local = caucus_store_put_local (store, local_doc, &error);
  g_assert_no_error (error);
  return explicit;
}

static void
assert_get_json_equal (CaucusStore            *store,
                       const char             *id,
                       const CaucusGetOptions *opts)
{
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) text_error = NULL;
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, opts, &tree_error);
  g_autoptr(GString) out = g_string_new ("prefix");
  gboolean ok = caucus_store_get_json (store, id, opts, out, &text_error);

  if (doc == NULL)
    {
      /* the same refusal, and nothing appended */
      g_assert_false (ok);
      g_assert_nonnull (text_error);
      g_assert_true (g_error_matches (text_error, tree_error->domain, tree_error->code));
      g_assert_cmpstr (out->str, ==, "prefix");
    }
  else
    {
      g_autofree char *expected = obj_to_string (doc);

      g_assert_no_error (text_error);
      g_assert_true (ok);
      g_assert_cmpstr (out->str + strlen ("prefix"), ==, expected);
    }
}

static void
test_get_json_matches_get (void)
{
  g_autofree char *dir = g_dir_make_tmp ("caucus-store-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
  g_autoptr(GPtrArray) explicit = NULL;
  const char *const ids[] = { "a", "e", "d\u00e9j\u00e0 \"vu\"", "_design/app", "c", "att", "del",
                              "_local/cp", "nope", NULL };
  const char *const since_sets[][3] = { { NULL }, { "1-aa", NULL }, { "zzz", "1-00", NULL } };
  guint checked = 0;

  g_assert_no_error (error);
  explicit = fill_store (store);
  for (guint mask = 0; mask < 128; mask++)
    for (guint s = 0; s < G_N_ELEMENTS (since_sets); s++)
      {
        g_autofree char *att1 = NULL;
        const char *since[3] = { since_sets[s][0], since_sets[s][1], NULL };
        CaucusGetOptions opts = {
          .revs = (mask & 1) != 0,
          .revs_info = (mask & 2) != 0,
          .conflicts = (mask & 4) != 0,
          .deleted_conflicts = (mask & 8) != 0,
          .attachments = (mask & 16) != 0,
          .local_seq = (mask & 32) != 0,
          .latest = (mask & 64) != 0,
        };

        if (s == 1)
          since[0] = g_ptr_array_index (explicit, 4);   /* att's first revision */
        if (s > 0)
          {
            if (!opts.attachments)
              continue;
            opts.atts_since = since;
          }
        for (guint i = 0; ids[i] != NULL; i++)
          {
            assert_get_json_equal (store, ids[i], &opts);
            checked++;
          }
        for (guint i = 0; i < explicit->len; i++)
          {
            const char *rev = g_ptr_array_index (explicit, i);
            const char *id = i < 4 ? "c" : i < 6 ? "att" : "del";

            opts.rev = rev;
            assert_get_json_equal (store, id, &opts);
            opts.rev = NULL;
            checked++;
          }
      }
  /* a NULL @opts is the winner without extras */
  assert_get_json_equal (store, "c", NULL);
  g_assert_cmpuint (checked, >, 1000);

  /* compaction drops the non-leaf bodies: reading one is NOT_FOUND both ways */
  g_assert_true (caucus_store_compact (store, &error));
  g_assert_no_error (error);
  {
    CaucusGetOptions opts = { .rev = g_ptr_array_index (explicit, 4) };
    assert_get_json_equal (store, "att", &opts);
  }
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_get_json_bad_input (StoreFixture *f, gconstpointer data)
{
  struct {
    const char *id;
    const char *rev;
    int         code;
  } cases[] = {
    { "", NULL, CAUCUS_STORE_ERROR_INVALID },
    { "_bad", NULL, CAUCUS_STORE_ERROR_INVALID },
    { "\xff\xfe", NULL, CAUCUS_STORE_ERROR_INVALID },
    { "missing", NULL, CAUCUS_STORE_ERROR_NOT_FOUND },
    { "gone", NULL, CAUCUS_STORE_ERROR_DELETED },
    { "here", "x", CAUCUS_STORE_ERROR_INVALID },
    { "here", "1-XYZ", CAUCUS_STORE_ERROR_INVALID },
    { "here", "9-abc", CAUCUS_STORE_ERROR_NOT_FOUND },
    { "_local/none", NULL, CAUCUS_STORE_ERROR_NOT_FOUND },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = put_json (f->store, "{\"_id\":\"gone\"}");
  g_autofree char *tomb = caucus_store_delete (f->store, "gone", rev, &error);

  g_assert_no_error (error);
  g_free (put_json (f->store, "{\"_id\":\"here\",\"v\":1}"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CaucusGetOptions opts = { .rev = cases[i].rev, .revs = TRUE, .conflicts = TRUE };
      g_autoptr(GString) out = g_string_new ("[");
      g_autoptr(GError) local_error = NULL;

      g_assert_false (caucus_store_get_json (f->store, cases[i].id, &opts, out, &local_error));
      g_assert_error (local_error, CAUCUS_STORE_ERROR, cases[i].code);
      g_assert_nonnull (local_error->message);
      g_assert_cmpstr (out->str, ==, "[");
    }
}

static void
test_changes_json_matches_changes (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) explicit = fill_store (f->store);
  const char *const doc_ids[] = { "c", "a", "nope", "att", "c", NULL };
  const gint64 limits[] = { -1, 0, 1, 3 };
  const gint64 sinces[] = { 0, 2, 6, 1000 };
  guint checked = 0;

  for (guint mask = 0; mask < 32; mask++)
    for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
      for (guint s = 0; s < G_N_ELEMENTS (sinces); s++)
        {
          CaucusChangesOptions opts = {
            .since = sinces[s],
            .limit = limits[l],
            .all_docs = (mask & 1) != 0,
            .include_docs = (mask & 2) != 0,
            .conflicts = (mask & 4) != 0,
            .descending = (mask & 8) != 0,
            .doc_ids = (mask & 16) != 0 ? doc_ids : NULL,
          };
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) result = caucus_store_changes (f->store, &opts, &error);
          g_autoptr(GString) expected = g_string_new ("<");
          g_autoptr(GString) out = g_string_new ("<");
          CaucusChangesPage page = { -1, -1, -1 };
          JsonArray *rows;
          gboolean first = (s % 2) == 0;
          gboolean expected_first = first;

          g_assert_no_error (error);
          rows = json_object_get_array_member (result, "results");
          for (guint i = 0; i < json_array_get_length (rows); i++)
            {
              g_autofree char *row = caucus_json_to_string (json_array_get_element (rows, i), NULL);

              if (!expected_first)
                g_string_append (expected, ",\n");
              expected_first = FALSE;
              g_string_append (expected, row);
            }
          g_assert_true (caucus_store_changes_append_json (f->store, &opts, out, ",\n", &first,
                                                           &page, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (out->str, ==, expected->str);
          g_assert_cmpint (first, ==, expected_first);
          g_assert_cmpint (page.rows, ==, json_array_get_length (rows));
          g_assert_cmpint (page.last_seq, ==, json_object_get_int_member (result, "last_seq"));
          g_assert_cmpint (page.pending, ==, json_object_get_int_member (result, "pending"));
          checked++;
        }
  g_assert_cmpuint (checked, ==, 32 * 16);
  /* NULL options: the whole feed */
  {
    g_autoptr(GString) out = g_string_new (NULL);
    CaucusChangesPage page = { 0 };
    gboolean first = TRUE;
    g_autoptr(GError) error = NULL;

    g_assert_true (caucus_store_changes_append_json (f->store, NULL, out, "\n", &first, &page, &error));
    g_assert_no_error (error);
    g_assert_cmpint (page.rows, ==, 7);
    g_assert_cmpint (page.pending, ==, 0);
  }
}

static void
test_read_transaction (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) other = caucus_store_open_worker (f->store, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *rev = NULL;
  g_autoptr(JsonObject) doc = NULL;
  gint64 seq;

  g_assert_no_error (error);
  g_free (put_json (f->store, "{\"_id\":\"one\"}"));

  /* nesting */
  g_assert_false (caucus_store_in_read (f->store));
  g_assert_true (caucus_store_read_begin (f->store, &error));
  g_assert_true (caucus_store_read_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (caucus_store_in_read (f->store));

  /* one snapshot: a write committed by another connection is not seen until read_end */
  seq = caucus_store_get_update_seq (f->store);
  g_free (put_json (other, "{\"_id\":\"two\"}"));
  g_assert_cmpint (caucus_store_get_update_seq (other), ==, seq + 1);
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq);
  g_assert_false (caucus_store_get_json (f->store, "two", NULL, out, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* failed reads leave it open and usable */
  g_assert_false (caucus_store_get_json (f->store, "_bad", NULL, out, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (caucus_store_get_json (f->store, "one", NULL, out, &error));
  g_assert_no_error (error);

  /* writes on this connection are refused while it is open, and write nothing */
  rev = caucus_store_put_json (f->store, "{\"_id\":\"three\"}", -1, &error);
  g_assert_null (rev);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "read transaction"));
  g_clear_error (&error);
  g_assert_false (caucus_store_begin (f->store, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  doc = parse_obj ("{\"_id\":\"_local/x\"}");
  g_assert_null (caucus_store_put_local (f->store, doc, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  caucus_store_read_end (f->store);
  g_assert_true (caucus_store_in_read (f->store));
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq);
  caucus_store_read_end (f->store);
  g_assert_false (caucus_store_in_read (f->store));

  /* released: the other connection's write is seen, and this one writes again */
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq + 1);
  g_assert_null (caucus_store_get_local (f->store, "_local/x", &error));
  g_clear_error (&error);
  g_free (put_json (f->store, "{\"_id\":\"three\"}"));
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq + 2);

  /* the other connection could not checkpoint past our snapshot meanwhile; now it can
   * write in a transaction of its own without waiting */
  g_assert_true (caucus_store_begin (other, &error));
  g_assert_no_error (error);
  g_free (put_json (other, "{\"_id\":\"four\"}"));
  g_assert_true (caucus_store_commit (other, &error));
  g_assert_no_error (error);
}

static void
test_read_inside_write (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  /* inside an explicit write transaction a read transaction only counts: the reads see
   * the transaction's own writes, and writing goes on */
  g_assert_true (caucus_store_begin (f->store, &error));
  g_free (put_json (f->store, "{\"_id\":\"w1\"}"));
  g_assert_true (caucus_store_read_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (caucus_store_get_json (f->store, "w1", NULL, out, &error));
  g_assert_no_error (error);
  g_free (put_json (f->store, "{\"_id\":\"w2\"}"));
  caucus_store_read_end (f->store);
  g_assert_false (caucus_store_in_read (f->store));
  g_assert_true (caucus_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, 2);

  /* and a rollback with a read transaction counted inside leaves nothing open */
  g_assert_true (caucus_store_begin (f->store, &error));
  g_assert_true (caucus_store_read_begin (f->store, &error));
  caucus_store_read_end (f->store);
  caucus_store_rollback (f->store);
  g_assert_true (caucus_store_read_begin (f->store, &error));
  g_assert_no_error (error);
  caucus_store_read_end (f->store);
  g_free (put_json (f->store, "{\"_id\":\"w3\"}"));
}

static void
test_read_transaction_on_close (void)
{
  g_autofree char *dir = g_dir_make_tmp ("caucus-store-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr(GError) error = NULL;
  CaucusStore *store = caucus_store_open (path, &error);
  g_autoptr(CaucusStore) again = NULL;

  g_assert_no_error (error);
  g_free (put_json (store, "{\"_id\":\"x\"}"));
  g_assert_true (caucus_store_read_begin (store, &error));
  g_assert_cmpint (caucus_store_get_update_seq (store), ==, 1);
  /* a store finalized with a read transaction open releases it */
  g_object_unref (store);
  again = caucus_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_store_begin (again, &error));
  g_free (put_json (again, "{\"_id\":\"y\"}"));
  g_assert_true (caucus_store_commit (again, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  rm_rf (dir);
}

static void
test_append_string (void)
{
  g_autoptr(GString) out = g_string_new ("x");
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_json_append_string (out, "a\"b\\c\n\x01\u00e9", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, "x\"a\\\"b\\\\c\\n\\u0001\u00e9\"");
  g_assert_false (caucus_json_append_string (out, "ok\xc3(", &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_assert_cmpstr (out->str, ==, "x\"a\\\"b\\\\c\\n\\u0001\u00e9\"");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/read/get-json-matches-get", test_get_json_matches_get);
  g_test_add ("/store/read/get-json-bad-input", StoreFixture, NULL,
              store_fixture_setup, test_get_json_bad_input, store_fixture_teardown);
  g_test_add ("/store/read/changes-json-matches-changes", StoreFixture, NULL,
              store_fixture_setup, test_changes_json_matches_changes, store_fixture_teardown);
  g_test_add ("/store/read/transaction", StoreFixture, NULL,
              store_fixture_setup, test_read_transaction, store_fixture_teardown);
  g_test_add ("/store/read/inside-write", StoreFixture, NULL,
              store_fixture_setup, test_read_inside_write, store_fixture_teardown);
  g_test_add_func ("/store/read/released-on-close", test_read_transaction_on_close);
  g_test_add_func ("/store/read/append-string", test_append_string);
  return g_test_run ();
}
