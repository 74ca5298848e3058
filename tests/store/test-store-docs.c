/* test-store-docs.c — documents, revision trees, the winner rule, conflicts,
 * tombstones, stemming, revs_diff, merge bases, changes, all_docs, local documents. */
#include "store-test-util.h"

#include <string.h>

#define H(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c   /* 32 hex chars */

static void
test_put_get (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = put_json (f->store, "{\"_id\":\"org:1\",\"type\":\"org\",\"name\":\"Access Now\"}");
  g_autofree char *rev1_again = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stale = NULL;
  guint64 gen;
  const char *hash;

  g_assert_true (caucus_rev_parse (rev1, &gen, &hash));
  g_assert_cmpuint (gen, ==, 1);
  g_assert_cmpuint (strlen (hash), ==, 32);

  doc = caucus_store_get (f->store, "org:1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, rev1);
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "Access Now");

  /* no _rev on an existing document: conflict */
  rev1_again = caucus_store_put_json (f->store, "{\"_id\":\"org:1\",\"name\":\"x\"}", -1, &error);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
  g_assert_null (rev1_again);
  g_clear_error (&error);

  json = g_strdup_printf ("{\"_id\":\"org:1\",\"_rev\":\"%s\",\"type\":\"org\",\"name\":\"Access Now!\"}", rev1);
  rev2 = put_json (f->store, json);
  g_assert_true (g_str_has_prefix (rev2, "2-"));

  /* the old rev is no longer a leaf */
  stale = caucus_store_put_json (f->store, json, -1, &error);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* a given revision */
  {
    CaucusGetOptions opts = { .rev = rev1, .revs = TRUE, .revs_info = TRUE };
    g_autoptr(JsonObject) old = caucus_store_get (f->store, "org:1", &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (old, "name"), ==, "Access Now");
  }
  /* _revisions and _revs_info of the winner */
  {
    CaucusGetOptions opts = { .revs = TRUE, .revs_info = TRUE };
    g_autoptr(JsonObject) cur = caucus_store_get (f->store, "org:1", &opts, &error);
    JsonObject *revisions;
    JsonArray *info;

    g_assert_no_error (error);
    revisions = json_object_get_object_member (cur, "_revisions");
    g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (revisions, "ids"), 0),
                     ==, rev2 + 2);
    info = json_object_get_array_member (cur, "_revs_info");
    g_assert_cmpuint (json_array_get_length (info), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (info, 1), "status"),
                     ==, "available");
  }
  /* missing */
  g_assert_null (caucus_store_get (f->store, "nope", NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    CaucusGetOptions opts = { .rev = "9-" H("a") };
    g_assert_null (caucus_store_get (f->store, "org:1", &opts, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_deterministic_revs (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path2 = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(CaucusStore) other = caucus_store_open (path2, &error);
  /* same content, different member order and spacing: same revision */
  g_autofree char *a = put_json (f->store, "{\"_id\":\"d\",\"b\":[1,2.5,{\"y\":1,\"x\":\"é\"}],\"a\":true}");
  g_autofree char *b = put_json (other, "{ \"a\" : true, \"_id\":\"d\", \"b\":[1, 2.5, {\"x\":\"é\",\"y\":1}]}");

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, b);
}

static void
test_delete_resurrect (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = put_json (f->store, "{\"_id\":\"p\",\"name\":\"Ana\"}");
  g_autofree char *rev2 = caucus_store_delete (f->store, "p", rev1, &error);
  g_autofree char *rev3 = NULL;
  g_autoptr(JsonObject) tomb = NULL;
  CaucusStoreInfo info;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rev2, "2-"));
  g_assert_null (caucus_store_get (f->store, "p", NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
  g_clear_error (&error);

  {
    CaucusGetOptions opts = { .rev = rev2 };
    tomb = caucus_store_get (f->store, "p", &opts, &error);
    g_assert_no_error (error);
    g_assert_true (json_object_get_boolean_member (tomb, "_deleted"));
  }
  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 0);
  g_assert_cmpint (info.doc_del_count, ==, 1);

  /* put without _rev after delete extends the tombstone: generation 3 */
  rev3 = put_json (f->store, "{\"_id\":\"p\",\"name\":\"Ana B.\"}");
  g_assert_true (g_str_has_prefix (rev3, "3-"));
  {
    g_auto(GStrv) leaves = caucus_store_get_leaves (f->store, "p", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (leaves), ==, 1);
  }
  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 1);
  g_assert_cmpint (info.doc_del_count, ==, 0);

  /* deleting without the rev is a conflict */
  g_assert_null (caucus_store_delete (f->store, "p", NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
}

/* A new branch that resurrects: a replicated live branch beside a tombstone wins. */
static void
test_resurrect_new_branch (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;

  put_history (f->store, "{\"_id\":\"x\",\"_rev\":\"1-" H("a") "\",\"v\":1}");
  put_history (f->store, "{\"_id\":\"x\",\"_rev\":\"2-" H("b") "\",\"_deleted\":true,"
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("b") "\",\"" H("a") "\"]}}");
  g_assert_null (caucus_store_get (f->store, "x", NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
  g_clear_error (&error);

  /* a live sibling of generation 2 from another replica */
  put_history (f->store, "{\"_id\":\"x\",\"_rev\":\"2-" H("1") "\",\"v\":2,"
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("1") "\",\"" H("a") "\"]}}");
  {
    CaucusGetOptions opts = { .deleted_conflicts = TRUE, .conflicts = TRUE };
    doc = caucus_store_get (f->store, "x", &opts, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, "2-" H("1"));
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (doc, "_deleted_conflicts"), 0),
                   ==, "2-" H("b"));
}

typedef struct {
  const char *leaves[4];   /* "gen-hash" or "gen-hash-deleted" */
  const char *winner;
} WinnerCase;

/* CouchDB: live leaves beat deleted ones; then the longest path (generation); then the
 * greater revision hash. */
static const WinnerCase winner_cases[] = {
  { { "1-" H("a"), "1-" H("b"), NULL }, "1-" H("b") },
  { { "2-" H("a"), "1-" H("f"), NULL }, "2-" H("a") },
  { { "3-" H("1"), "2-" H("f"), NULL }, "3-" H("1") },
  { { "3-" H("f") "!", "2-" H("1"), NULL }, "2-" H("1") },      /* deleted loses to shorter live */
  { { "3-" H("a") "!", "3-" H("b") "!", NULL }, "3-" H("b") },  /* all deleted: highest */
  { { "5-" H("0") "!", "4-" H("0") "!", NULL }, "5-" H("0") },
  { { "2-" H("9"), "2-" H("a"), "2-" H("1"), NULL }, "2-" H("a") }, /* string order: a > 9 */
};

static void
test_winner_rule (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (winner_cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("caucus-winner-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "s.db", NULL);
      g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
      g_autoptr(JsonObject) doc = NULL;
      CaucusGetOptions opts = { .rev = NULL };

      g_assert_no_error (error);
      for (guint i = 0; winner_cases[c].leaves[i] != NULL; i++)
        {
          const char *leaf = winner_cases[c].leaves[i];
          gboolean deleted = g_str_has_suffix (leaf, "!");
          g_autofree char *rev = g_strndup (leaf, strlen (leaf) - (deleted ? 1 : 0));
          g_autofree char *json = g_strdup_printf ("{\"_id\":\"w\",\"_rev\":\"%s\"%s}", rev,
                                                   deleted ? ",\"_deleted\":true" : "");
          put_history (store, json);
        }
      {
        g_auto(GStrv) leaves = caucus_store_get_leaves (store, "w", &error);
        g_assert_no_error (error);
        g_assert_cmpstr (leaves[0], ==, winner_cases[c].winner);
      }
      {
        g_autoptr(JsonObject) ch = caucus_store_changes (store, NULL, &error);
        JsonObject *row = json_array_get_object_element (json_object_get_array_member (ch, "results"), 0);
        JsonArray *changes = json_object_get_array_member (row, "changes");
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "rev"),
                         ==, winner_cases[c].winner);
      }
      doc = caucus_store_get (store, "w", &opts, &error);
      if (g_str_has_suffix (winner_cases[c].leaves[0], "!") && g_str_has_suffix (winner_cases[c].leaves[1], "!"))
        g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, winner_cases[c].winner);
        }
      g_clear_object (&store);
      rm_rf (dir);
    }
}

static void
test_history_graft (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 seq_before;
  g_autoptr(JsonObject) doc = NULL;

  /* a local chain 1-a, 2-b */
  put_history (f->store, "{\"_id\":\"s\",\"_rev\":\"2-" H("b") "\",\"t\":\"two\","
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("b") "\",\"" H("a") "\"]}}");
  /* two replicas branch from 2-b: grafted at the shared ancestor */
  put_history (f->store, "{\"_id\":\"s\",\"_rev\":\"4-" H("d") "\",\"t\":\"left\","
                         "\"_revisions\":{\"start\":4,\"ids\":[\"" H("d") "\",\"" H("c") "\",\"" H("b") "\",\"" H("a") "\"]}}");
  put_history (f->store, "{\"_id\":\"s\",\"_rev\":\"3-" H("e") "\",\"t\":\"right\","
                         "\"_revisions\":{\"start\":3,\"ids\":[\"" H("e") "\",\"" H("b") "\"]}}");
  {
    g_auto(GStrv) leaves = caucus_store_get_leaves (f->store, "s", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (leaves), ==, 2);
    g_assert_cmpstr (leaves[0], ==, "4-" H("d"));
    g_assert_cmpstr (leaves[1], ==, "3-" H("e"));
  }
  {
    CaucusGetOptions opts = { .conflicts = TRUE, .revs = TRUE };
    doc = caucus_store_get (f->store, "s", &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (doc, "_conflicts"), 0),
                     ==, "3-" H("e"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_object_get_object_member (doc, "_revisions"), "ids")), ==, 4);
  }
  /* intermediate 3-c has no body */
  {
    CaucusGetOptions opts = { .rev = "3-" H("c") };
    g_assert_null (caucus_store_get (f->store, "s", &opts, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* latest: from 2-b, the winning leaf that descends from it */
  {
    CaucusGetOptions opts = { .rev = "2-" H("b"), .latest = TRUE };
    g_autoptr(JsonObject) latest = caucus_store_get (f->store, "s", &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (latest, "_rev"), ==, "4-" H("d"));
  }
  /* merge base of the two leaves is 2-b, whose body was kept */
  {
    g_autoptr(JsonObject) base = caucus_store_get_merge_base (f->store, "s", "4-" H("d"), "3-" H("e"), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (base, "t"), ==, "two");
  }
  /* known revisions are no-ops: no new sequence */
  seq_before = caucus_store_get_update_seq (f->store);
  put_history (f->store, "{\"_id\":\"s\",\"_rev\":\"3-" H("e") "\",\"t\":\"right\","
                         "\"_revisions\":{\"start\":3,\"ids\":[\"" H("e") "\",\"" H("b") "\"]}}");
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq_before);

  /* no shared revision: a new root, another conflict */
  put_history (f->store, "{\"_id\":\"s\",\"_rev\":\"2-" H("9") "\",\"t\":\"alien\","
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("9") "\",\"" H("8") "\"]}}");
  {
    g_auto(GStrv) leaves = caucus_store_get_leaves (f->store, "s", &error);
    g_assert_cmpuint (g_strv_length (leaves), ==, 3);
  }
  /* open_revs=all: every leaf, winner first */
  {
    g_autoptr(GPtrArray) open = caucus_store_get_open_revs (f->store, "s", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 3);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (g_ptr_array_index (open, 0), "ok"), "_rev"),
                     ==, "4-" H("d"));
  }
  /* open_revs with latest: an inner revision answers with its winning leaf */
  {
    const char *wanted[] = { "1-" H("a"), NULL };
    CaucusGetOptions opts = { .latest = TRUE, .local_seq = TRUE };
    g_autoptr(GPtrArray) open = caucus_store_get_open_revs (f->store, "s", wanted, &opts, &error);
    JsonObject *ok;

    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 1);
    ok = json_object_get_object_member (g_ptr_array_index (open, 0), "ok");
    g_assert_cmpstr (json_object_get_string_member (ok, "_rev"), ==, "4-" H("d"));
    g_assert_cmpint (json_object_get_int_member (ok, "_local_seq"), ==, caucus_store_get_update_seq (f->store));
  }
  {
    const char *wanted[] = { "3-" H("e"), "7-" H("7"), NULL };
    g_autoptr(GPtrArray) open = caucus_store_get_open_revs (f->store, "s", wanted, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 2);
    g_assert_true (json_object_has_member (g_ptr_array_index (open, 0), "ok"));
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 1), "missing"), ==, "7-" H("7"));
  }
}

static void
test_merge_base_unpushed (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local2 = NULL;
  g_autofree char *local3 = NULL;
  g_autofree char *json = NULL;

  /* 1-a arrives from the server; two local edits on top, not yet pushed */
  put_history (f->store, "{\"_id\":\"m\",\"_rev\":\"1-" H("a") "\",\"text\":\"base\"}");
  local2 = put_json (f->store, "{\"_id\":\"m\",\"_rev\":\"1-" H("a") "\",\"text\":\"mine 1\"}");
  json = g_strdup_printf ("{\"_id\":\"m\",\"_rev\":\"%s\",\"text\":\"mine 2\"}", local2);
  local3 = put_json (f->store, json);
  g_assert_true (caucus_store_compact (f->store, &error));
  g_assert_no_error (error);

  /* the server's body (1-a) survives compaction: it is the merge base of the local edits */
  {
    CaucusGetOptions opts = { .rev = "1-" H("a") };
    g_autoptr(JsonObject) base = caucus_store_get (f->store, "m", &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (base, "text"), ==, "base");
  }
  /* the intermediate local edit is not a merge base: its body goes */
  {
    CaucusGetOptions opts = { .rev = local2, .revs_info = TRUE };
    g_assert_null (caucus_store_get (f->store, "m", &opts, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* a conflicting edit arrives from the server: merge base is there */
  put_history (f->store, "{\"_id\":\"m\",\"_rev\":\"2-" H("f") "\",\"text\":\"theirs\","
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("f") "\",\"" H("a") "\"]}}");
  {
    g_autoptr(JsonObject) base = caucus_store_get_merge_base (f->store, "m", local3, "2-" H("f"), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (base, "text"), ==, "base");
  }
}

static void
test_stemming (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = put_json (f->store, "{\"_id\":\"st\",\"n\":0}");

  g_assert_true (caucus_store_set_revs_limit (f->store, 5, &error));
  g_assert_cmpuint (caucus_store_get_revs_limit (f->store), ==, 5);
  for (int i = 1; i < 12; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"st\",\"_rev\":\"%s\",\"n\":%d}", rev, i);
      g_free (rev);
      rev = put_json (f->store, json);
    }
  g_assert_true (g_str_has_prefix (rev, "12-"));
  {
    CaucusGetOptions opts = { .revs = TRUE };
    g_autoptr(JsonObject) doc = caucus_store_get (f->store, "st", &opts, &error);
    JsonObject *revisions = json_object_get_object_member (doc, "_revisions");

    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (revisions, "start"), ==, 12);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (revisions, "ids")), ==, 5);
  }
  /* revs_limit survives reopening */
  {
    g_autoptr(CaucusStore) again = caucus_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (caucus_store_get_revs_limit (again), ==, 5);
  }
  /* a long replicated history is stemmed on the way in */
  {
    GString *json = g_string_new ("{\"_id\":\"long\",\"_rev\":\"20-" H("0") "\",\"_revisions\":{\"start\":20,\"ids\":[");
    g_autoptr(JsonObject) doc = NULL;
    CaucusGetOptions opts = { .revs = TRUE };

    for (int i = 0; i < 20; i++)
      g_string_append_printf (json, "%s\"%032x\"", i ? "," : "", i);
    g_string_append (json, "]}}");
    put_history (f->store, json->str);
    g_string_free (json, TRUE);
    doc = caucus_store_get (f->store, "long", &opts, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_object_get_object_member (doc, "_revisions"), "ids")), ==, 5);
  }
}

static void
test_revs_diff (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) req = NULL;
  g_autoptr(JsonObject) res = NULL;
  JsonObject *entry;

  put_history (f->store, "{\"_id\":\"a\",\"_rev\":\"2-" H("b") "\","
                         "\"_revisions\":{\"start\":2,\"ids\":[\"" H("b") "\",\"" H("a") "\"]}}");
  req = parse_obj ("{\"a\":[\"2-" H("b") "\",\"3-" H("c") "\",\"1-" H("a") "\"],"
                   "\"b\":[\"1-" H("1") "\"],\"c\":[\"1-" H("a") "\"]}");
  res = caucus_store_revs_diff (f->store, req, &error);
  g_assert_no_error (error);
  entry = json_object_get_object_member (res, "a");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "missing")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (entry, "missing"), 0),
                   ==, "3-" H("c"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (entry, "possible_ancestors"), 0),
                   ==, "2-" H("b"));
  g_assert_true (json_object_has_member (res, "b"));
  g_assert_false (json_object_has_member (json_object_get_object_member (res, "b"), "possible_ancestors"));
  g_assert_true (json_object_has_member (res, "c"));
  g_assert_cmpuint (json_object_get_size (res), ==, 3);
}

static void
test_changes (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ra = put_json (f->store, "{\"_id\":\"a\",\"v\":1}");
  g_autofree char *rb = put_json (f->store, "{\"_id\":\"b\",\"v\":1}");
  g_autofree char *rc = put_json (f->store, "{\"_id\":\"c\",\"v\":1}");
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"a\",\"_rev\":\"%s\",\"v\":2}", ra);
  g_autofree char *ra2 = put_json (f->store, json);
  g_autofree char *rc2 = caucus_store_delete (f->store, "c", rc, &error);
  g_autoptr(JsonObject) ch = NULL;
  JsonArray *results;
  g_autofree char *local = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) l = parse_obj ("{\"_id\":\"_local/x\",\"a\":1}");
    local = caucus_store_put (f->store, l, &error);
    g_assert_no_error (error);
  }

  ch = caucus_store_changes (f->store, NULL, &error);
  g_assert_no_error (error);
  results = json_object_get_array_member (ch, "results");
  /* each document once, at its latest sequence; local docs never */
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==, "b");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "id"), ==, "a");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "id"), ==, "c");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, 2), "deleted"));
  g_assert_cmpint (json_object_get_int_member (ch, "last_seq"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (ch, "pending"), ==, 0);
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, 5);
  g_clear_pointer (&ch, json_object_unref);

  {
    CaucusChangesOptions opts = { .since = 2, .limit = 1 };
    ch = caucus_store_changes (f->store, &opts, &error);
    results = json_object_get_array_member (ch, "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 1);
    g_assert_cmpint (json_object_get_int_member (ch, "last_seq"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (ch, "pending"), ==, 1);
    g_clear_pointer (&ch, json_object_unref);
  }
  {
    CaucusChangesOptions opts = { .limit = -1, .descending = TRUE, .include_docs = TRUE };
    ch = caucus_store_changes (f->store, &opts, &error);
    results = json_object_get_array_member (ch, "results");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==, "c");
    g_assert_true (json_object_get_boolean_member (
                     json_object_get_object_member (json_array_get_object_element (results, 0), "doc"), "_deleted"));
    g_assert_cmpint (json_object_get_int_member (
                       json_object_get_object_member (json_array_get_object_element (results, 1), "doc"), "v"), ==, 2);
    g_clear_pointer (&ch, json_object_unref);
  }
  {
    const char *ids[] = { "c", "b", "zz", NULL };
    CaucusChangesOptions opts = { .limit = -1, .doc_ids = ids };
    ch = caucus_store_changes (f->store, &opts, &error);
    results = json_object_get_array_member (ch, "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "id"), ==, "b");
    g_clear_pointer (&ch, json_object_unref);
  }
  /* style=all_docs lists every leaf */
  put_history (f->store, "{\"_id\":\"b\",\"_rev\":\"1-" H("f") "\",\"v\":9}");
  {
    CaucusChangesOptions opts = { .since = 5, .limit = -1, .all_docs = TRUE };
    ch = caucus_store_changes (f->store, &opts, &error);
    results = json_object_get_array_member (ch, "results");
    g_assert_cmpuint (json_array_get_length (results), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_array_get_object_element (results, 0), "changes")), ==, 2);
  }
}

static void
test_all_docs (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "a", "b", "c", "d", "e" };
  g_autoptr(JsonObject) res = NULL;
  JsonArray *rows;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"i\":%u}", ids[i], i);
      g_autofree char *rev = put_json (f->store, json);
      if (i == 4)
        {
          g_autofree char *del = caucus_store_delete (f->store, "e", rev, &error);
          g_assert_no_error (error);
        }
    }
  res = caucus_store_all_docs (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (res, "total_rows"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "rows")), ==, 4);
  g_clear_pointer (&res, json_object_unref);

  {
    CaucusAllDocsOptions opts = { .startkey = "b", .endkey = "d", .exclusive_end = TRUE, .limit = -1,
                                  .include_docs = TRUE };
    res = caucus_store_all_docs (f->store, &opts, &error);
    rows = json_object_get_array_member (res, "rows");
    g_assert_cmpuint (json_array_get_length (rows), ==, 2);
    g_assert_cmpint (json_object_get_int_member (res, "offset"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                       json_array_get_object_element (rows, 1), "doc"), "i"), ==, 2);
    g_clear_pointer (&res, json_object_unref);
  }
  {
    CaucusAllDocsOptions opts = { .descending = TRUE, .limit = 2, .skip = 1 };
    res = caucus_store_all_docs (f->store, &opts, &error);
    rows = json_object_get_array_member (res, "rows");
    g_assert_cmpuint (json_array_get_length (rows), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "id"), ==, "c");
    g_clear_pointer (&res, json_object_unref);
  }
  {
    const char *keys[] = { "d", "zz", "e", NULL };
    CaucusAllDocsOptions opts = { .keys = keys, .limit = -1, .include_docs = TRUE };
    res = caucus_store_all_docs (f->store, &opts, &error);
    rows = json_object_get_array_member (res, "rows");
    g_assert_cmpuint (json_array_get_length (rows), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "error"), ==, "not_found");
    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (
                     json_array_get_object_element (rows, 2), "value"), "deleted"));
  }
}

static void
test_local_docs (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = parse_obj ("{\"_id\":\"_local/ckpt\",\"seq\":5}");
  g_autofree char *rev1 = caucus_store_put_local (f->store, doc, &error);
  g_autofree char *rev2 = NULL;
  g_autoptr(JsonObject) got = NULL;
  CaucusStoreInfo info;

  g_assert_no_error (error);
  g_assert_cmpstr (rev1, ==, "0-1");
  g_assert_null (caucus_store_put_local (f->store, doc, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  json_object_set_string_member (doc, "_rev", "0-1");
  json_object_set_int_member (doc, "seq", 9);
  rev2 = caucus_store_put_local (f->store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rev2, ==, "0-2");

  got = caucus_store_get_local (f->store, "ckpt", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (got, "seq"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (got, "_rev"), ==, "0-2");

  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 0);
  g_assert_cmpint (info.update_seq, ==, 0);

  g_assert_false (caucus_store_delete_local (f->store, "_local/ckpt", "0-1", &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (caucus_store_delete_local (f->store, "_local/ckpt", "0-2", &error));
  g_assert_null (caucus_store_get_local (f->store, "_local/ckpt", &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
}

static void
test_bulk_docs (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) res = NULL;
  JsonArray *docs;

  g_assert_true (json_parser_load_from_data (parser,
    "[{\"_id\":\"x\",\"v\":1},{\"v\":2},{\"_id\":\"_bad\"},{\"_id\":\"x\",\"v\":3}, 5]", -1, &error));
  docs = json_node_get_array (json_parser_get_root (parser));
  res = caucus_store_bulk_docs (f->store, docs, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (res), ==, 5);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (res, 0), "ok"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (res, 1), "ok"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 2), "error"), ==, "bad_request");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 3), "error"), ==, "conflict");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 4), "error"), ==, "bad_request");
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, 2);
  g_clear_pointer (&res, json_array_unref);

  /* new_edits=false: only errors are listed */
  g_assert_true (json_parser_load_from_data (parser,
    "[{\"_id\":\"y\",\"_rev\":\"1-" H("a") "\"},{\"_id\":\"z\"}]", -1, &error));
  docs = json_node_get_array (json_parser_get_root (parser));
  res = caucus_store_bulk_docs (f->store, docs, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (res), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 0), "id"), ==, "z");
}

/* A replication batch large enough to take the two-thread path of bulk_docs. */
static void
test_bulk_history_pipeline (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) docs = json_array_new ();
  g_autoptr(JsonArray) res = NULL;
  CaucusStoreInfo info;

  for (int i = 0; i < 5000; i++)
    {
      g_autofree char *json = NULL;

      if (i == 100)
        json = g_strdup ("{\"_id\":\"_bad\",\"_rev\":\"1-aa\"}");
      else if (i == 200)
        json = g_strdup ("{\"_id\":\"norev\"}");
      else if (i % 1000 == 999)  /* the same revision again: a no-op */
        json = g_strdup_printf ("{\"_id\":\"p%05d\",\"_rev\":\"1-%032x\",\"name\":\"Zoë %d\"}", i - 1, i - 1, i - 1);
      else
        json = g_strdup_printf ("{\"_id\":\"p%05d\",\"_rev\":\"1-%032x\",\"name\":\"Zoë %d\"}", i, i, i);
      json_array_add_object_element (docs, parse_obj (json));
    }
  json_array_add_int_element (docs, 7);
  res = caucus_store_bulk_docs (f->store, docs, FALSE, &error);
  g_assert_no_error (error);
  /* only the errors, in order */
  g_assert_cmpuint (json_array_get_length (res), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 0), "id"), ==, "_bad");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (res, 1), "id"), ==, "norev");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (res, 2), "id") ||
                 JSON_NODE_HOLDS_NULL (json_object_get_member (json_array_get_object_element (res, 2), "id")));
  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, 5000 - 2 - 5);
  g_assert_cmpint (info.update_seq, ==, 5000 - 2 - 5);
  {
    g_autoptr(GPtrArray) hits = caucus_store_search (f->store, "zoe 4321", NULL, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* Thousands of replicated writes in one explicit transaction. */
static void
test_transaction (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) reader = caucus_store_open_worker (f->store, &error);

  g_assert_no_error (error);
  g_assert_true (caucus_store_begin (f->store, &error));
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"doc%05d\",\"_rev\":\"1-%032x\",\"n\":%d}", i, i, i);
      put_history (f->store, json);
    }
  /* another connection sees nothing before commit */
  g_assert_cmpint (caucus_store_get_update_seq (reader), ==, 0);
  /* a failed write inside the transaction leaves the others alone */
  {
    g_autoptr(JsonObject) bad = parse_obj ("{\"_id\":\"doc00001\",\"_rev\":\"bogus\"}");
    g_assert_false (caucus_store_put_with_history (f->store, bad, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (caucus_store_commit (f->store, &error));
  g_assert_cmpint (caucus_store_get_update_seq (reader), ==, 3000);

  g_assert_true (caucus_store_begin (f->store, &error));
  g_free (put_json (f->store, "{\"_id\":\"gone\"}"));
  caucus_store_rollback (f->store);
  g_assert_null (caucus_store_get (f->store, "gone", NULL, &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, StoreFixture, NULL, store_fixture_setup, fn, store_fixture_teardown)
  ADD ("put-get", test_put_get);
  ADD ("deterministic-revs", test_deterministic_revs);
  ADD ("delete-resurrect", test_delete_resurrect);
  ADD ("resurrect-new-branch", test_resurrect_new_branch);
  g_test_add_func ("/store/winner-rule", test_winner_rule);
  ADD ("history-graft", test_history_graft);
  ADD ("merge-base-unpushed", test_merge_base_unpushed);
  ADD ("stemming", test_stemming);
  ADD ("revs-diff", test_revs_diff);
  ADD ("changes", test_changes);
  ADD ("all-docs", test_all_docs);
  ADD ("local-docs", test_local_docs);
  ADD ("bulk-docs", test_bulk_docs);
  ADD ("transaction", test_transaction);
  ADD ("bulk-history-pipeline", test_bulk_history_pipeline);
#undef ADD

  return g_test_run ();
}
