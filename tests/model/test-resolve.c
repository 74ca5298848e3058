/* test-resolve.c — auto-merging conflicting leaves in a real store, writing one merged
 * revision plus tombstones, and convergence of two replicas. */
#include <glib/gstdio.h>
#include <string.h>

#include "caucus-model-error.h"
#include "caucus-resolve.h"

#include "caucus-test-util.h"

typedef struct {
  char        *dir;
  CaucusStore *a;
  CaucusStore *b;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  f->dir = caucus_test_make_tmp_dir ("caucus-resolve-test-XXXXXX");
  f->a = caucus_test_open_store (f->dir, "a.db");
  f->b = caucus_test_open_store (f->dir, "b.db");
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  caucus_test_remove_tree (f->dir);
  g_free (f->dir);
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = caucus_json_parse_object (json, -1, CAUCUS_JSON_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return o;
}

/* Writes base as generation 1, then two children of it as replicated leaves. */
static void
make_conflict (CaucusStore *store,
               const char  *base,
               const char  *left,
               const char  *right)
{
  g_autoptr(JsonObject) b = parse (base);
  g_autoptr(JsonObject) l = parse (left);
  g_autoptr(JsonObject) r = parse (right);
  const char *hash1 = "11111111111111111111111111111111";

  caucus_test_put_revision (store, b, 1, hash1, NULL);
  caucus_test_put_revision (store, l, 2, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", hash1, NULL);
  caucus_test_put_revision (store, r, 2, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", hash1, NULL);
}

#define BASE  "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"WCIT\",\"tags\":[\"itu\"],\"body\":\"one\\n\\ntwo\\n\\nthree\\n\"}"
#define LEFT  "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"WCIT-12\",\"tags\":[\"itu\",\"wcit\"],\"body\":\"ONE\\n\\ntwo\\n\\nthree\\n\"}"
#define RIGHT "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"WCIT\",\"tags\":[\"itu\",\"dubai\"],\"body\":\"one\\n\\ntwo\\n\\nTHREE\\n\"}"

static void
test_merge_and_write (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_auto(GStrv) leaves = NULL;
  CaucusGetOptions opts = { .conflicts = TRUE };
  CaucusResolveOutcome outcome;
  JsonArray *tags;

  make_conflict (f->a, BASE, LEFT, RIGHT);
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_MERGED);
  g_test_message ("merged rev %s", rev);
  g_assert_true (g_str_has_prefix (rev, "3-"));

  doc = caucus_store_get (f->a, "s1", &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, rev);
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "WCIT-12");
  g_assert_cmpstr (json_object_get_string_member (doc, "body"), ==, "ONE\n\ntwo\n\nTHREE\n");
  tags = json_object_get_array_member (doc, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);

  /* The losing leaf is tombstoned, not lost: its revision is still in the tree. */
  leaves = caucus_store_get_leaves (f->a, "s1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);
  g_assert_cmpstr (leaves[0], ==, rev);

  /* The merged text is a named version, and so is each side's text before it. */
  {
    g_autofree char *version_id = g_strdup_printf ("s1:merge:%s", rev);
    g_autoptr(JsonObject) version = caucus_store_get (f->a, version_id, NULL, &error);
    g_autoptr(JsonObject) left = caucus_store_get (f->a, "s1:rev:2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, &error);
    g_autoptr(JsonObject) right = caucus_store_get (f->a, "s1:rev:2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (version, "type"), ==, "statement-version");
    g_assert_cmpstr (json_object_get_string_member (version, "statement_id"), ==, "s1");
    g_assert_cmpstr (json_object_get_string_member (version, "role"), ==, "automatic-merge");
    g_assert_cmpstr (json_object_get_string_member (version, "body"), ==, "ONE\n\ntwo\n\nTHREE\n");
    g_assert_cmpstr (json_object_get_string_member (left, "body"), ==, "ONE\n\ntwo\n\nthree\n");
    g_assert_cmpstr (json_object_get_string_member (right, "body"), ==, "one\n\ntwo\n\nTHREE\n");
    g_assert_cmpstr (json_object_get_string_member (right, "role"), ==, "before-merge");
  }

  /* Nothing left to do. */
  g_clear_pointer (&rev, g_free);
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev, NULL, NULL, &error));
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_NONE);
}

static void
test_true_conflict_writes_nothing (Fixture      *f,
                                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *conflict_rev = NULL;
  g_autofree char *rev = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  CaucusResolveOutcome outcome;
  const CaucusConflict *c;
  gint64 seq;

  make_conflict (f->a, BASE,
                 "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"A\",\"body\":\"one\\n\\nTWO (left)\\n\\nthree\\n\"}",
                 "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"WCIT\",\"body\":\"one\\n\\nTWO (right)\\n\\nthree\\n\"}");
  before = caucus_store_get_leaves (f->a, "s1", &error);
  seq = caucus_store_get_update_seq (f->a);
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev, &conflicts, &conflict_rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_CONFLICT);
  g_assert_null (rev);
  g_assert_nonnull (conflict_rev);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->path, ==, "body");
  g_assert_cmpuint (c->hunks->len, ==, 1);
  g_assert_nonnull (strstr (((CaucusTextConflict *) c->hunks->pdata[0])->ours, "TWO ("));

  after = caucus_store_get_leaves (f->a, "s1", &error);
  g_assert_cmpint (caucus_store_get_update_seq (f->a), ==, seq);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
}

static void
test_choices (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_autofree char *conflict_rev = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) version = NULL;
  g_autofree char *version_id = NULL;
  CaucusGetOptions opts = { .conflicts = TRUE };
  CaucusResolveOutcome outcome;
  gint64 seq;

  make_conflict (f->a, BASE,
                 "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"Left title\",\"tags\":[\"itu\",\"l\"],\"body\":\"one\\n\\nTWO (left)\\n\\nthree\\n\"}",
                 "{\"_id\":\"s1\",\"type\":\"statement\",\"title\":\"Right title\",\"tags\":[\"itu\",\"r\"],\"body\":\"one\\n\\nTWO (right)\\n\\nthree\\n\"}");
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev, &conflicts, &conflict_rev, &error));
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_CONFLICT);
  g_assert_cmpuint (conflicts->len, ==, 2);   /* body, title */

  /* A choice for only one of them: refused, nothing written. */
  seq = caucus_store_get_update_seq (f->a);
  g_hash_table_insert (choices, g_strdup ("title"),
                       caucus_json_node_deep_copy (((CaucusConflict *) conflicts->pdata[1])->theirs));
  g_assert_false (caucus_resolve_document_with_choices (f->a, "s1", choices, &rev, &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "body"));
  g_clear_error (&error);
  g_assert_cmpint (caucus_store_get_update_seq (f->a), ==, seq);

  /* Both decided: the title from one side, a text the person edited. */
  g_hash_table_insert (choices, g_strdup ("body"),
                       json_node_init_string (json_node_alloc (), "one\n\nTWO (both)\n\nthree\n"));
  g_assert_true (caucus_resolve_document_with_choices (f->a, "s1", choices, &rev, &error));
  g_assert_no_error (error);
  doc = caucus_store_get (f->a, "s1", &opts, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (json_object_get_string_member (doc, "body"), ==, "one\n\nTWO (both)\n\nthree\n");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "tags")), ==, 3);
  version_id = g_strdup_printf ("s1:merge:%s", rev);
  version = caucus_store_get (f->a, version_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (version, "role"), ==, "reviewed-merge");
}

static void
test_replicas_converge (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev_a = NULL, *rev_b = NULL;
  g_auto(GStrv) leaves_a = NULL, leaves_b = NULL;
  CaucusResolveOutcome outcome;
  const char * const ids[] = { "s1", "missing", NULL };
  guint merged = 0, conflicted = 0;

  /* The same conflict reaches both replicas (in a different order on b). */
  make_conflict (f->a, BASE, LEFT, RIGHT);
  make_conflict (f->b, BASE, RIGHT, LEFT);
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev_a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (caucus_resolve_document (f->b, "s1", &outcome, &rev_b, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rev_a, ==, rev_b);
  {
    /* Both replicas wrote the same version document, revision included. */
    g_autofree char *version_id = g_strdup_printf ("s1:merge:%s", rev_a);
    g_autoptr(JsonObject) va = caucus_store_get (f->a, version_id, NULL, &error);
    g_autoptr(JsonObject) vb = caucus_store_get (f->b, version_id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (va, "_rev"), ==, json_object_get_string_member (vb, "_rev"));
  }
  leaves_a = caucus_store_get_leaves (f->a, "s1", &error);
  leaves_b = caucus_store_get_leaves (f->b, "s1", &error);
  g_assert_cmpuint (g_strv_length (leaves_a), ==, g_strv_length (leaves_b));
  for (guint i = 0; leaves_a[i]; i++)
    g_assert_cmpstr (leaves_a[i], ==, leaves_b[i]);

  g_assert_true (caucus_resolve_documents (f->a, ids, &merged, &conflicted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (merged, ==, 0);
  g_assert_cmpuint (conflicted, ==, 0);
}

static void
test_attachments_survive (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(GBytes) paper = NULL;
  g_autoptr(JsonObject) doc = NULL;
  CaucusResolveOutcome outcome;

  /* The losing side attached a background paper; the winning side edited the title. */
  make_conflict (f->a,
                 "{\"_id\":\"pk\",\"type\":\"pack\",\"title\":\"Baku\"}",
                 "{\"_id\":\"pk\",\"type\":\"pack\",\"title\":\"Baku\",\"_attachments\":{\"paper.pdf\":"
                 "{\"content_type\":\"application/pdf\",\"data\":\"JVBERi0xLjQK\"}}}",
                 "{\"_id\":\"pk\",\"type\":\"pack\",\"title\":\"Baku briefing\"}");
  g_assert_true (caucus_resolve_document (f->a, "pk", &outcome, &rev, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_MERGED);
  doc = caucus_store_get (f->a, "pk", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==, "Baku briefing");
  paper = caucus_store_get_attachment (f->a, "pk", NULL, "paper.pdf", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (paper), ==, 9);   /* "%PDF-1.4\n" */
}

static void
test_loser_adds_nothing (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_auto(GStrv) leaves = NULL;
  CaucusResolveOutcome outcome;

  /* The losing side made the same edit as the winner: only the tombstone is written. */
  make_conflict (f->a, BASE, LEFT, LEFT);
  g_assert_true (caucus_resolve_document (f->a, "s1", &outcome, &rev, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_MERGED);
  g_assert_true (g_str_has_prefix (rev, "2-"));
  leaves = caucus_store_get_leaves (f->a, "s1", &error);
  g_assert_cmpstr (leaves[0], ==, rev);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/model/resolve/merge-and-write", Fixture, NULL, fixture_setup, test_merge_and_write, fixture_teardown);
  g_test_add ("/model/resolve/true-conflict", Fixture, NULL, fixture_setup, test_true_conflict_writes_nothing, fixture_teardown);
  g_test_add ("/model/resolve/choices", Fixture, NULL, fixture_setup, test_choices, fixture_teardown);
  g_test_add ("/model/resolve/replicas-converge", Fixture, NULL, fixture_setup, test_replicas_converge, fixture_teardown);
  g_test_add ("/model/resolve/attachments-survive", Fixture, NULL, fixture_setup, test_attachments_survive, fixture_teardown);
  g_test_add ("/model/resolve/loser-adds-nothing", Fixture, NULL, fixture_setup, test_loser_adds_nothing, fixture_teardown);
  return g_test_run ();
}
