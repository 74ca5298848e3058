/* test-store-replicate.c — the replicator's store reads (caucus-store-replicate.h):
 * the batch conflict check agrees with caucus_store_get's _conflicts, and the push read
 * gives exactly what get_open_revs (revs) with attachments inlined after a generation
 * gave, spliced from the stored text; the push's changes page equals the changes feed's;
 * bad input is refused and appends nothing. */
#include "caucus-store-replicate.h"
#include "store-test-util.h"

#include <string.h>

static gboolean
has_conflicts_by_get (CaucusStore *store,
                      const char  *id)
{
  CaucusGetOptions opts = { .conflicts = TRUE };
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, &opts, NULL);

  return doc != NULL && json_object_has_member (doc, "_conflicts") &&
         json_array_get_length (json_object_get_array_member (doc, "_conflicts")) > 0;
}

static void
fill_tree (CaucusStore *store)
{
  /* plain: one revision */
  put_history (store, "{\"_id\":\"plain\",\"_rev\":\"1-aa\",\"n\":1}");
  /* two live branches */
  put_history (store, "{\"_id\":\"split\",\"_rev\":\"2-b1\",\"_revisions\":{\"start\":2,\"ids\":[\"b1\",\"a0\"]},\"v\":\"one\"}");
  put_history (store, "{\"_id\":\"split\",\"_rev\":\"2-b2\",\"_revisions\":{\"start\":2,\"ids\":[\"b2\",\"a0\"]},\"v\":\"two\"}");
  /* a live branch and a tombstoned one: no conflict */
  put_history (store, "{\"_id\":\"half\",\"_rev\":\"2-c1\",\"_revisions\":{\"start\":2,\"ids\":[\"c1\",\"a0\"]},\"v\":1}");
  put_history (store, "{\"_id\":\"half\",\"_rev\":\"3-c3\",\"_deleted\":true,\"_revisions\":{\"start\":3,\"ids\":[\"c3\",\"c2\",\"a0\"]}}");
  /* every leaf a tombstone */
  put_history (store, "{\"_id\":\"gone\",\"_rev\":\"2-d1\",\"_deleted\":true,\"_revisions\":{\"start\":2,\"ids\":[\"d1\",\"a0\"]}}");
  put_history (store, "{\"_id\":\"gone\",\"_rev\":\"2-d2\",\"_deleted\":true,\"_revisions\":{\"start\":2,\"ids\":[\"d2\",\"a0\"]}}");
  /* three live leaves */
  put_history (store, "{\"_id\":\"three\",\"_rev\":\"1-e1\",\"x\":1}");
  put_history (store, "{\"_id\":\"three\",\"_rev\":\"1-e2\",\"x\":2}");
  put_history (store, "{\"_id\":\"three\",\"_rev\":\"1-e3\",\"x\":3}");
}

static void
test_conflicts (StoreFixture *f,
                gconstpointer data)
{
  const char *ids[] = { "plain", "split", "half", "gone", "three", "absent" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = NULL;
  gint64 seq;

  fill_tree (f->store);
  got = caucus_store_replicate_conflicts_since (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (got);
  /* in the order written: split's last write came before three's */
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (got, 0), ==, "split");
  g_assert_cmpstr (g_ptr_array_index (got, 1), ==, "three");
  /* the same answer as the winner's _conflicts, document by document */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (has_conflicts_by_get (f->store, ids[i]), ==,
                     g_ptr_array_find_with_equal_func (got, ids[i], g_str_equal, NULL));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* only what was written after the sequence */
  seq = caucus_store_get_update_seq (f->store);
  got = caucus_store_replicate_conflicts_since (f->store, seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_ptr_array_unref);
  put_history (f->store, "{\"_id\":\"plain\",\"_rev\":\"1-ab\",\"n\":2}");   /* now in conflict */
  put_history (f->store, "{\"_id\":\"half\",\"_rev\":\"1-ff\",\"n\":2}");    /* two live leaves */
  put_history (f->store, "{\"_id\":\"gone\",\"_rev\":\"3-ee\",\"_deleted\":true,"
               "\"_revisions\":{\"start\":3,\"ids\":[\"ee\",\"d1\",\"a0\"]}}");   /* still all tombstones */
  put_history (f->store, "{\"_id\":\"fresh\",\"_rev\":\"1-aa\"}");
  got = caucus_store_replicate_conflicts_since (f->store, seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (got, 0), ==, "plain");
  g_assert_cmpstr (g_ptr_array_index (got, 1), ==, "half");
  g_assert_true (has_conflicts_by_get (f->store, "half"));
  g_assert_false (has_conflicts_by_get (f->store, "gone"));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* past the end: nothing */
  got = caucus_store_replicate_conflicts_since (f->store, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_conflicts_in_transaction (StoreFixture *f,
                               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) got = NULL;
  gint64 seq;

  put_history (f->store, "{\"_id\":\"plain\",\"_rev\":\"1-aa\",\"n\":1}");
  g_assert_true (caucus_store_begin (f->store, &error));
  seq = caucus_store_get_update_seq (f->store);
  put_history (f->store, "{\"_id\":\"plain\",\"_rev\":\"1-bb\",\"n\":2}");
  got = caucus_store_replicate_conflicts_since (f->store, seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 1);
  g_clear_pointer (&got, g_ptr_array_unref);
  caucus_store_rollback (f->store);
  got = caucus_store_replicate_conflicts_since (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 0);
}

/* What the push sent before: open_revs with _revisions, then every attachment whose
 * revpos is newer than @known inlined as {content_type, revpos, data}. */
static JsonObject *
expected_doc (CaucusStore *store,
              const char  *id,
              const char  *rev,
              guint64      known)
{
  const char *revs[] = { rev, NULL };
  CaucusGetOptions opts = { .revs = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = caucus_store_get_open_revs (store, id, revs, &opts, &error);
  JsonObject *doc, *atts;
  g_autoptr(GList) names = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  if (!json_object_has_member (g_ptr_array_index (found, 0), "ok"))
    return NULL;
  doc = json_object_ref (json_object_get_object_member (g_ptr_array_index (found, 0), "ok"));
  if (!json_object_has_member (doc, "_attachments"))
    return doc;
  atts = json_object_get_object_member (doc, "_attachments");
  names = json_object_get_members (atts);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *att = json_object_get_object_member (atts, l->data);
      gint64 revpos = json_object_get_int_member (att, "revpos");
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *b64 = NULL;
      JsonObject *full;

      if (revpos > 0 && (guint64) revpos <= known)
        continue;
      bytes = caucus_store_get_blob (store, json_object_get_string_member (att, "digest"), &error);
      g_assert_no_error (error);
      b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      full = json_object_new ();
      json_object_set_string_member (full, "content_type", json_object_get_string_member (att, "content_type"));
      json_object_set_int_member (full, "revpos", revpos);
      json_object_set_string_member (full, "data", b64);
      json_object_set_object_member (atts, l->data, full);
    }
  return doc;
}

static void
assert_read_equals_open_revs (CaucusStore *store,
                              const char  *id,
                              const char  *rev,
                              guint64      known)
{
  const char *revs[] = { rev, NULL };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rev_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) want = expected_doc (store, id, rev, known);
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonNode) want_node = NULL, got_node = NULL;

  g_assert_true (caucus_store_replicate_read (store, id, revs, known, texts, rev_ids, &error));
  g_assert_no_error (error);
  if (want == NULL)
    {
      g_assert_cmpuint (texts->len, ==, 0);
      return;
    }
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rev_ids, 0), ==, rev);
  /* the text is JSON by the strict parser, and the same document */
  got = caucus_json_parse_object (g_ptr_array_index (texts, 0), -1, CAUCUS_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  want_node = json_node_init_object (json_node_alloc (), want);
  got_node = json_node_init_object (json_node_alloc (), got);
  if (!json_node_equal (want_node, got_node))
    {
      g_autofree char *w = obj_to_string (want);
      g_test_message ("want %s", w);
      g_test_message ("got  %s", (char *) g_ptr_array_index (texts, 0));
      g_assert_not_reached ();
    }
}

static void
test_read (StoreFixture *f,
           gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = NULL, *rev2 = NULL, *rev3 = NULL, *rev4 = NULL, *del = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n-bytes", 14);
  g_autoptr(GBytes) txt = g_bytes_new_static ("hello", 5);
  const char *odd_id = "odd \"quoted\" \\ id\t\x01 é ✓";
  g_autofree char *odd_json = NULL;
  g_autofree char *odd_rev = NULL;

  fill_tree (f->store);
  /* attachments added at generations 2 and 3 */
  rev1 = put_json (f->store, "{\"_id\":\"att\",\"title\":\"Minutes\",\"list\":[1,2.5,\"x\",null,true,{\"k\":\"v\"}]}");
  rev2 = caucus_store_put_attachment (f->store, "att", rev1, "scan.png", "image/png", png, &error);
  g_assert_no_error (error);
  rev3 = caucus_store_put_attachment (f->store, "att", rev2, "note.txt", "text/plain", txt, &error);
  g_assert_no_error (error);
  /* an escaped id and an empty body */
  {
    JsonObject *o = json_object_new ();
    g_autoptr(JsonNode) n = json_node_init_object (json_node_alloc (), o);
    json_object_set_string_member (o, "_id", odd_id);
    odd_json = caucus_json_to_string (n, NULL);
    json_object_unref (o);
  }
  odd_rev = put_json (f->store, odd_json);
  rev4 = put_json (f->store, "{\"_id\":\"todel\",\"a\":\"b\"}");
  del = caucus_store_delete (f->store, "todel", rev4, &error);
  g_assert_no_error (error);

  assert_read_equals_open_revs (f->store, "plain", "1-aa", 0);
  assert_read_equals_open_revs (f->store, "split", "2-b1", 0);
  assert_read_equals_open_revs (f->store, "split", "2-b2", 1);
  assert_read_equals_open_revs (f->store, "half", "3-c3", 0);
  assert_read_equals_open_revs (f->store, "three", "1-e2", 0);
  assert_read_equals_open_revs (f->store, "todel", del, 0);
  assert_read_equals_open_revs (f->store, "todel", rev4, 0);   /* a non-leaf with its body */
  assert_read_equals_open_revs (f->store, odd_id, odd_rev, 0);
  for (guint64 known = 0; known <= 4; known++)
    {
      assert_read_equals_open_revs (f->store, "att", rev3, known);
      assert_read_equals_open_revs (f->store, "att", rev2, known);
    }
  /* a revision the store does not have, one of a document it does not have */
  assert_read_equals_open_revs (f->store, "plain", "7-ffff", 0);
  assert_read_equals_open_revs (f->store, "nobody", "1-aa", 0);
}

static void
test_read_many (StoreFixture *f,
                gconstpointer data)
{
  const char *revs[] = { "2-b2", "9-ab", "2-b1", "2-b2", "1-a0", NULL };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rev_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  fill_tree (f->store);
  g_ptr_array_add (texts, g_strdup ("kept"));
  g_ptr_array_add (rev_ids, g_strdup ("kept"));
  /* asked order, each once; the unknown 9-ab and the bodiless ancestor 1-a0 left out */
  g_assert_true (caucus_store_replicate_read (f->store, "split", revs, 0, texts, rev_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "kept");
  g_assert_cmpstr (g_ptr_array_index (rev_ids, 1), ==, "2-b2");
  g_assert_cmpstr (g_ptr_array_index (rev_ids, 2), ==, "2-b1");
  g_assert_nonnull (strstr (g_ptr_array_index (texts, 1), "\"ids\":[\"b2\",\"a0\"]"));
  /* rev_ids is optional */
  g_assert_true (caucus_store_replicate_read (f->store, "plain", (const char *[]) { "1-aa", NULL },
                                              0, texts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 4);
}

static void
test_read_after_compaction (StoreFixture *f,
                            gconstpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = put_json (f->store, "{\"_id\":\"c\",\"v\":1}");
  g_autofree char *rev2 = NULL;
  g_autofree char *body = g_strdup_printf ("{\"_id\":\"c\",\"_rev\":\"%s\",\"v\":2}", rev1);

  rev2 = put_json (f->store, body);
  g_assert_true (caucus_store_compact (f->store, &error));
  g_assert_no_error (error);
  /* the old body is gone: missing, as open_revs says; the leaf still reads */
  g_assert_true (caucus_store_replicate_read (f->store, "c", (const char *[]) { rev1, rev2, NULL },
                                              0, texts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 1);
  assert_read_equals_open_revs (f->store, "c", rev1, 0);
  assert_read_equals_open_revs (f->store, "c", rev2, 0);
}

static void
test_read_bad_input (StoreFixture *f,
                     gconstpointer data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *bad_revs[][3] = {
    { "1-aa", "nonsense", NULL },
    { "0-aa", NULL, NULL },
    { "1-", NULL, NULL },
    { "-aa", NULL, NULL },
  };

  fill_tree (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (bad_revs); i++)
    {
      g_assert_false (caucus_store_replicate_read (f->store, "plain", bad_revs[i], 0, texts, NULL, &error));
      g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "plain"));
      g_clear_error (&error);
      g_assert_cmpuint (texts->len, ==, 0);   /* nothing half-way: not even the good 1-aa */
    }
  g_assert_false (caucus_store_replicate_read (f->store, "", (const char *[]) { "1-aa", NULL }, 0, texts, NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (caucus_store_replicate_read (f->store, "_bad", (const char *[]) { "1-aa", NULL }, 0, texts, NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (caucus_store_replicate_read (f->store, "_local/cp", (const char *[]) { "0-1", NULL }, 0, texts, NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "_local/cp"));
  g_clear_error (&error);
  g_assert_cmpuint (texts->len, ==, 0);
}

/* What the push reads goes into another store by the replication write and comes out
 * the same: bodies, trees, attachments. */
static void
test_read_round_trip (StoreFixture *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(CaucusStore) other = caucus_store_open (dir, &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("attached", 8);
  g_autofree char *rev1 = put_json (f->store, "{\"_id\":\"r\",\"v\":[1,{\"w\":\"ü\"}]}");
  g_autofree char *rev2 = caucus_store_put_attachment (f->store, "r", rev1, "a.bin", "application/octet-stream", bytes, &error);
  const char *ids[] = { "plain", "split", "half", "gone", "three", "r" };

  g_assert_no_error (error);
  fill_tree (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_auto(GStrv) leaves = caucus_store_get_leaves (f->store, ids[i], &error);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) copied = NULL;

      g_assert_no_error (error);
      g_assert_true (caucus_store_replicate_read (f->store, ids[i], (const char * const *) leaves,
                                                  0, texts, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (texts->len, ==, g_strv_length (leaves));
      for (guint k = 0; k < texts->len; k++)
        put_history (other, g_ptr_array_index (texts, k));
      copied = caucus_store_get_leaves (other, ids[i], &error);
      g_assert_no_error (error);
      g_assert_true (g_strv_equal ((const char * const *) leaves, (const char * const *) copied));
      for (guint k = 0; leaves[k] != NULL; k++)
        {
          CaucusGetOptions opts = { .rev = leaves[k], .revs = TRUE };
          g_autoptr(JsonObject) a = caucus_store_get (f->store, ids[i], &opts, &error);
          g_autoptr(JsonObject) b = NULL;
          g_autofree char *sa = NULL, *sb = NULL;

          g_assert_no_error (error);
          b = caucus_store_get (other, ids[i], &opts, &error);
          g_assert_no_error (error);
          sa = obj_to_string (a);
          sb = obj_to_string (b);
          g_assert_cmpstr (sa, ==, sb);
        }
    }
}

/* The push's page of the changes feed equals caucus_store_changes (style=all_docs) page by
 * page: ids in order, every leaf, last_seq and pending; the request it writes is JSON. */
static void
test_changes (StoreFixture *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fill_tree (f->store);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"q\\\"%u\",\"v\":%u}", i, i);
      g_autofree char *rev = put_json (f->store, json);
    }
  for (guint limit = 1; limit <= 12; limit += 3)
    {
      gint64 since = 0;

      for (;;)
        {
          CaucusChangesOptions opts = { .since = since, .limit = limit, .all_docs = TRUE };
          g_autoptr(JsonObject) want = caucus_store_changes (f->store, &opts, &error);
          g_autoptr(GString) request = g_string_new ("");
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(JsonObject) got = NULL;
          JsonArray *rows;
          gint64 last_seq = -1, pending = -1, n;

          g_assert_no_error (error);
          n = caucus_store_replicate_changes (f->store, since, limit, request, ids, &last_seq,
                                              &pending, &error);
          g_assert_no_error (error);
          rows = json_object_get_array_member (want, "results");
          g_assert_cmpint (n, ==, json_array_get_length (rows));
          g_assert_cmpint (last_seq, ==, json_object_get_int_member (want, "last_seq"));
          g_assert_cmpint (pending, ==, json_object_get_int_member (want, "pending"));
          got = caucus_json_parse_object (request->str, -1, CAUCUS_JSON_MAX_DEPTH, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (json_object_get_size (got), ==, n);
          for (guint i = 0; i < (guint) n; i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);
              const char *id = json_object_get_string_member (row, "id");
              JsonArray *changes = json_object_get_array_member (row, "changes");
              JsonArray *revs = json_object_get_array_member (got, id);

              g_assert_cmpstr (g_ptr_array_index (ids, i), ==, id);
              g_assert_nonnull (revs);
              g_assert_cmpuint (json_array_get_length (revs), ==, json_array_get_length (changes));
              for (guint j = 0; j < json_array_get_length (changes); j++)
                {
                  const char *rev = json_object_get_string_member (
                                      json_array_get_object_element (changes, j), "rev");
                  gboolean found = FALSE;

                  for (guint k = 0; k < json_array_get_length (revs); k++)
                    found |= g_strcmp0 (json_array_get_string_element (revs, k), rev) == 0;
                  g_assert_true (found);
                }
            }
          if (n == 0)
            break;
          since = last_seq;
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/replicate/conflicts", StoreFixture, NULL, store_fixture_setup, test_conflicts, store_fixture_teardown);
  g_test_add ("/store/replicate/conflicts-in-transaction", StoreFixture, NULL, store_fixture_setup, test_conflicts_in_transaction, store_fixture_teardown);
  g_test_add ("/store/replicate/read", StoreFixture, NULL, store_fixture_setup, test_read, store_fixture_teardown);
  g_test_add ("/store/replicate/read-many", StoreFixture, NULL, store_fixture_setup, test_read_many, store_fixture_teardown);
  g_test_add ("/store/replicate/read-after-compaction", StoreFixture, NULL, store_fixture_setup, test_read_after_compaction, store_fixture_teardown);
  g_test_add ("/store/replicate/read-bad-input", StoreFixture, NULL, store_fixture_setup, test_read_bad_input, store_fixture_teardown);
  g_test_add ("/store/replicate/read-round-trip", StoreFixture, NULL, store_fixture_setup, test_read_round_trip, store_fixture_teardown);
  g_test_add ("/store/replicate/changes", StoreFixture, NULL, store_fixture_setup, test_changes, store_fixture_teardown);
  return g_test_run ();
}
