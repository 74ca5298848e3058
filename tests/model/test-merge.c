/* test-merge.c — the merge rules on a table of cases, the symmetry property
 * merge(base, a, b) == merge(base, b, a) over the table and over random cases, and the
 * line diff3 underneath. */
#include "caucus-merge.h"
#include "caucus-model-error.h"

#include <string.h>

#include "caucus-test-util.h"

static char *
canon_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  return caucus_json_canonical (node);
}

typedef struct {
  const char *name;
  const char *base;      /* NULL: no common ancestor body */
  const char *ours;
  const char *theirs;
  const char *merged;    /* expected body, or NULL when conflicts are expected */
  const char *conflicts; /* comma-separated paths */
} MergeCase;

#define ORG "\"_id\":\"o\",\"type\":\"org\""
#define ST "\"_id\":\"s\",\"type\":\"statement\""

static const MergeCase cases[] = {
  { "unchanged", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"A\"}", NULL },
  { "one side edits", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"B\"}", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"B\"}", NULL },
  { "different fields", "{" ORG ",\"name\":\"A\",\"email\":\"a@x.org\"}", "{" ORG ",\"name\":\"B\",\"email\":\"a@x.org\"}",
    "{" ORG ",\"name\":\"A\",\"email\":\"b@x.org\"}", "{" ORG ",\"name\":\"B\",\"email\":\"b@x.org\"}", NULL },
  { "same change", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"B\"}", "{" ORG ",\"name\":\"B\"}", "{" ORG ",\"name\":\"B\"}", NULL },
  { "same field differently", "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"B\"}", "{" ORG ",\"name\":\"C\"}", NULL, "name" },
  { "removed by one", "{" ORG ",\"name\":\"A\",\"phone\":\"+33 1 23 45 67\"}", "{" ORG ",\"name\":\"A\"}",
    "{" ORG ",\"name\":\"A\",\"phone\":\"+33 1 23 45 67\"}", "{" ORG ",\"name\":\"A\"}", NULL },
  { "removed vs edited", "{" ORG ",\"name\":\"A\",\"phone\":\"+33 1 23 45 67\"}", "{" ORG ",\"name\":\"A\"}",
    "{" ORG ",\"name\":\"A\",\"phone\":\"+33 1 23 45 68\"}", NULL, "phone" },
  { "both add same", "{" ORG "}", "{" ORG ",\"kind\":\"media\"}", "{" ORG ",\"kind\":\"media\"}", "{" ORG ",\"kind\":\"media\"}", NULL },
  { "both add different", "{" ORG "}", "{" ORG ",\"kind\":\"media\"}", "{" ORG ",\"kind\":\"academia\"}", NULL, "kind" },
  { "set additions", "{" ORG ",\"tags\":[\"x\"]}", "{" ORG ",\"tags\":[\"x\",\"b\"]}", "{" ORG ",\"tags\":[\"x\",\"a\"]}",
    "{" ORG ",\"tags\":[\"x\",\"a\",\"b\"]}", NULL },
  { "set add and remove", "{" ORG ",\"tags\":[\"x\",\"y\"]}", "{" ORG ",\"tags\":[\"y\"]}", "{" ORG ",\"tags\":[\"x\",\"y\",\"z\"]}",
    "{" ORG ",\"tags\":[\"y\",\"z\"]}", NULL },
  { "set both remove one", "{" ORG ",\"tags\":[\"x\",\"y\"]}", "{" ORG ",\"tags\":[\"y\"]}", "{" ORG ",\"tags\":[\"y\",\"q\"]}",
    "{" ORG ",\"tags\":[\"y\",\"q\"]}", NULL },
  { "set different removals", "{" ORG ",\"expertise\":[\"a\",\"b\",\"c\"]}", "{" ORG ",\"expertise\":[\"b\",\"c\"]}",
    "{" ORG ",\"expertise\":[\"a\",\"c\"]}", "{" ORG ",\"expertise\":[\"c\"]}", NULL },
  { "set member dropped vs added", "{" ORG ",\"tags\":[\"x\"]}", "{" ORG "}", "{" ORG ",\"tags\":[\"x\",\"y\"]}",
    "{" ORG ",\"tags\":[\"y\"]}", NULL },
  { "set reordered by one side", "{" ORG ",\"countries\":[\"FR\",\"DE\"]}", "{" ORG ",\"countries\":[\"DE\",\"FR\"]}",
    "{" ORG ",\"countries\":[\"FR\",\"DE\"]}", "{" ORG ",\"countries\":[\"DE\",\"FR\"]}", NULL },
  { "set of roles", "{\"_id\":\"e\",\"type\":\"event\",\"roles\":[{\"name\":\"A\",\"role\":\"speaker\"}]}",
    "{\"_id\":\"e\",\"type\":\"event\",\"roles\":[{\"name\":\"A\",\"role\":\"speaker\"},{\"role\":\"moderator\",\"name\":\"M\"}]}",
    "{\"_id\":\"e\",\"type\":\"event\",\"roles\":[{\"role\":\"speaker\",\"name\":\"A\"},{\"name\":\"R\",\"role\":\"rapporteur\"}]}",
    "{\"_id\":\"e\",\"type\":\"event\",\"roles\":[{\"name\":\"A\",\"role\":\"speaker\"},{\"name\":\"M\",\"role\":\"moderator\"},{\"name\":\"R\",\"role\":\"rapporteur\"}]}", NULL },
  { "accreditations as a set", "{" ORG ",\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"roster\"}]}",
    "{" ORG ",\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"special\"}]}",
    "{" ORG ",\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"roster\"},{\"body\":\"ITU-D\"}]}",
    "{" ORG ",\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"special\"},{\"body\":\"ITU-D\"}]}", NULL },
  { "text different paragraphs", "{" ST ",\"body\":\"one\\n\\ntwo\\n\\nthree\\n\"}", "{" ST ",\"body\":\"ONE\\n\\ntwo\\n\\nthree\\n\"}",
    "{" ST ",\"body\":\"one\\n\\ntwo\\n\\nTHREE\\n\"}", "{" ST ",\"body\":\"ONE\\n\\ntwo\\n\\nTHREE\\n\"}", NULL },
  { "text same paragraph differently", "{" ST ",\"body\":\"one\\n\\ntwo\\n\"}", "{" ST ",\"body\":\"one\\n\\nTWO\\n\"}",
    "{" ST ",\"body\":\"one\\n\\nzwei\\n\"}", NULL, "body" },
  { "text same edit", "{" ST ",\"body\":\"one\\ntwo\\n\"}", "{" ST ",\"body\":\"one\\n2\\n\"}", "{" ST ",\"body\":\"one\\n2\\n\"}",
    "{" ST ",\"body\":\"one\\n2\\n\"}", NULL },
  { "text insertions at one place", "{" ST ",\"body\":\"a\\nb\\n\"}", "{" ST ",\"body\":\"a\\nX\\nb\\n\"}", "{" ST ",\"body\":\"a\\nY\\nb\\n\"}",
    NULL, "body" },
  { "text append and prepend", "{" ST ",\"body\":\"a\\nb\\nc\\n\"}", "{" ST ",\"body\":\"a\\nb\\nc\\nend\\n\"}",
    "{" ST ",\"body\":\"start\\na\\nb\\nc\\n\"}", "{" ST ",\"body\":\"start\\na\\nb\\nc\\nend\\n\"}", NULL },
  { "text delete and distant edit", "{" ST ",\"body\":\"p1\\np2\\np3\\np4\\n\"}", "{" ST ",\"body\":\"p1\\np3\\np4\\n\"}",
    "{" ST ",\"body\":\"p1\\np2\\np3\\nP4\\n\"}", "{" ST ",\"body\":\"p1\\np3\\nP4\\n\"}", NULL },
  { "text delete vs edit", "{" ST ",\"body\":\"p1\\np2\\np3\\n\"}", "{" ST ",\"body\":\"p1\\np3\\n\"}",
    "{" ST ",\"body\":\"p1\\nP2\\np3\\n\"}", NULL, "body" },
  { "text adjacent lines", "{" ST ",\"body\":\"a\\nb\\nc\\nd\\n\"}", "{" ST ",\"body\":\"a\\nB\\nc\\nd\\n\"}",
    "{" ST ",\"body\":\"a\\nb\\nC\\nd\\n\"}", "{" ST ",\"body\":\"a\\nB\\nC\\nd\\n\"}", NULL },
  { "text with non-Latin lines", "{" ST ",\"body\":\"مرحبا\\n你好\\nПривет\\n\"}", "{" ST ",\"body\":\"مرحبا بكم\\n你好\\nПривет\\n\"}",
    "{" ST ",\"body\":\"مرحبا\\n你好\\nПривет всем\\n\"}", "{" ST ",\"body\":\"مرحبا بكم\\n你好\\nПривет всем\\n\"}", NULL },
  { "nested object per member", "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"venue\":\"V\",\"room\":\"1\"}}",
    "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"venue\":\"V\",\"room\":\"2\"}}",
    "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"venue\":\"W\",\"room\":\"1\"}}",
    "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"venue\":\"W\",\"room\":\"2\"}}", NULL },
  { "nested conflict path", "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"room\":\"1\"}}",
    "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"room\":\"2\"}}", "{\"_id\":\"e\",\"type\":\"event\",\"location\":{\"room\":\"3\"}}",
    NULL, "location.room" },
  { "updated and updated_by", "{" ORG ",\"name\":\"A\",\"updated\":\"2012-01-01T00:00:00Z\",\"updated_by\":\"x\"}",
    "{" ORG ",\"name\":\"B\",\"updated\":\"2012-01-03T00:00:00Z\",\"updated_by\":\"alice\"}",
    "{" ORG ",\"name\":\"A\",\"email\":\"e@x.org\",\"updated\":\"2012-01-02T00:00:00Z\",\"updated_by\":\"bob\"}",
    "{" ORG ",\"name\":\"B\",\"updated\":\"2012-01-03T00:00:00Z\",\"updated_by\":\"alice\",\"email\":\"e@x.org\"}", NULL },
  { "updated_by follows the later side", "{" ORG ",\"updated\":\"2012-01-01T00:00:00Z\",\"updated_by\":\"x\"}",
    "{" ORG ",\"updated\":\"2012-01-02T00:00:00Z\",\"updated_by\":\"zed\"}",
    "{" ORG ",\"updated\":\"2012-01-05T00:00:00Z\",\"updated_by\":\"amy\"}",
    "{" ORG ",\"updated\":\"2012-01-05T00:00:00Z\",\"updated_by\":\"amy\"}", NULL },
  { "created takes the earliest", NULL, "{" ORG ",\"created\":\"2012-01-02T00:00:00Z\",\"name\":\"A\"}",
    "{" ORG ",\"created\":\"2012-01-01T00:00:00Z\",\"name\":\"A\"}", "{" ORG ",\"created\":\"2012-01-01T00:00:00Z\",\"name\":\"A\"}", NULL },
  { "withdrawals: earliest", "{\"_id\":\"g\",\"type\":\"signature\",\"org_id\":\"o\"}",
    "{\"_id\":\"g\",\"type\":\"signature\",\"org_id\":\"o\",\"withdrawn_at\":\"2012-05-02T00:00:00Z\"}",
    "{\"_id\":\"g\",\"type\":\"signature\",\"org_id\":\"o\",\"withdrawn_at\":\"2012-05-01T00:00:00Z\"}",
    "{\"_id\":\"g\",\"type\":\"signature\",\"org_id\":\"o\",\"withdrawn_at\":\"2012-05-01T00:00:00Z\"}", NULL },
  { "withdrawal is not undone", "{\"_id\":\"g\",\"type\":\"signature\",\"withdrawn_at\":\"2012-05-02T00:00:00Z\"}",
    "{\"_id\":\"g\",\"type\":\"signature\"}", "{\"_id\":\"g\",\"type\":\"signature\",\"withdrawn_at\":\"2012-05-02T00:00:00Z\"}",
    "{\"_id\":\"g\",\"type\":\"signature\",\"withdrawn_at\":\"2012-05-02T00:00:00Z\"}", NULL },
  { "resolved wins", "{\"_id\":\"c\",\"type\":\"comment\",\"resolved\":false}", "{\"_id\":\"c\",\"type\":\"comment\",\"resolved\":true}",
    "{\"_id\":\"c\",\"type\":\"comment\",\"resolved\":false}", "{\"_id\":\"c\",\"type\":\"comment\",\"resolved\":true}", NULL },
  { "immutable text is not diff3'd", "{\"_id\":\"c\",\"type\":\"comment\",\"body\":\"a\\nb\\nc\\n\"}",
    "{\"_id\":\"c\",\"type\":\"comment\",\"body\":\"A\\nb\\nc\\n\"}", "{\"_id\":\"c\",\"type\":\"comment\",\"body\":\"a\\nb\\nC\\n\"}",
    NULL, "body" },
  { "version body conflict", "{\"_id\":\"v\",\"type\":\"statement-version\",\"body\":\"x\"}",
    "{\"_id\":\"v\",\"type\":\"statement-version\",\"body\":\"y\"}", "{\"_id\":\"v\",\"type\":\"statement-version\",\"body\":\"z\"}", NULL, "body" },
  { "no base: equal and union", NULL, "{" ORG ",\"name\":\"A\",\"tags\":[\"p\"]}", "{" ORG ",\"name\":\"A\",\"tags\":[\"q\"]}",
    "{" ORG ",\"name\":\"A\",\"tags\":[\"p\",\"q\"]}", NULL },
  { "no base: different", NULL, "{" ORG ",\"name\":\"A\"}", "{" ORG ",\"name\":\"B\"}", NULL, "name" },
  { "unknown nested members", "{" ORG ",\"x_future\":{\"a\":1,\"b\":1}}", "{" ORG ",\"x_future\":{\"a\":2,\"b\":1}}",
    "{" ORG ",\"x_future\":{\"a\":1,\"b\":2,\"c\":true}}", "{" ORG ",\"x_future\":{\"a\":2,\"b\":2,\"c\":true}}", NULL },
  { "unknown arrays are whole values", "{" ORG ",\"x_list\":[1]}", "{" ORG ",\"x_list\":[1,2]}", "{" ORG ",\"x_list\":[1,3]}",
    NULL, "x_list" },
  { "bookkeeping dropped", "{" ORG ",\"_rev\":\"1-a\",\"name\":\"A\"}", "{" ORG ",\"_rev\":\"2-b\",\"name\":\"B\",\"_conflicts\":[\"2-c\"]}",
    "{" ORG ",\"_rev\":\"2-c\",\"name\":\"A\",\"_revisions\":{\"start\":2,\"ids\":[\"c\",\"a\"]}}", "{" ORG ",\"name\":\"B\"}", NULL },
  { "type differs", "{\"_id\":\"o\",\"type\":\"org\"}", "{\"_id\":\"o\",\"type\":\"person\"}", "{\"_id\":\"o\",\"type\":\"pack\"}", NULL, "type" },
  { "attachments per name", "{" ST ",\"_attachments\":{}}",
    "{" ST ",\"_attachments\":{\"a.pdf\":{\"stub\":true,\"digest\":\"md5-A\"}}}",
    "{" ST ",\"_attachments\":{\"b.pdf\":{\"stub\":true,\"digest\":\"md5-B\"}}}",
    "{" ST ",\"_attachments\":{\"a.pdf\":{\"stub\":true,\"digest\":\"md5-A\"},\"b.pdf\":{\"stub\":true,\"digest\":\"md5-B\"}}}", NULL },
  { "sets merge while another field conflicts", "{\"_id\":\"e\",\"type\":\"event\",\"title\":\"T\",\"owner_ids\":[\"a\"]}",
    "{\"_id\":\"e\",\"type\":\"event\",\"title\":\"T1\",\"owner_ids\":[\"a\",\"b\"]}",
    "{\"_id\":\"e\",\"type\":\"event\",\"title\":\"T2\",\"owner_ids\":[\"c\"]}", NULL, "title" },
  { "notes merge by line", "{" ORG ",\"notes\":\"met at IGF\\nfollow up\\n\"}", "{" ORG ",\"notes\":\"met at IGF 2012\\nfollow up\\n\"}",
    "{" ORG ",\"notes\":\"met at IGF\\nfollow up\\ncalled back\\n\"}", "{" ORG ",\"notes\":\"met at IGF 2012\\nfollow up\\ncalled back\\n\"}", NULL },
  { "1 and 1.0 are equal", "{" ORG ",\"x_n\":1}", "{" ORG ",\"x_n\":1.0}", "{" ORG ",\"x_n\":2}", "{" ORG ",\"x_n\":2}", NULL },
  { "duplicates in a set", "{" ORG ",\"tags\":[\"a\",\"a\"]}", "{" ORG ",\"tags\":[\"a\",\"a\",\"b\"]}", "{" ORG ",\"tags\":[\"c\"]}",
    "{" ORG ",\"tags\":[\"b\",\"c\"]}", NULL },
  { "multiple conflicts listed", "{" ORG ",\"name\":\"A\",\"kind\":\"media\"}", "{" ORG ",\"name\":\"B\",\"kind\":\"academia\"}",
    "{" ORG ",\"name\":\"C\",\"kind\":\"technical\"}", NULL, "kind,name" },
};

static char *
conflict_paths (GPtrArray *conflicts)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; conflicts && i < conflicts->len; i++)
    {
      const CaucusConflict *c = g_ptr_array_index (conflicts, i);
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, c->path);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
canon_or_absent (JsonNode *node)
{
  return node ? caucus_json_canonical (node) : g_strdup ("(absent)");
}

/* NULL when the two outcomes are mirror images, else a description of the difference. */
static char *
compare_symmetric (gboolean    ok1,
                   JsonObject *r1,
                   GPtrArray  *c1,
                   gboolean    ok2,
                   JsonObject *r2,
                   GPtrArray  *c2)
{
  if (ok1 != ok2)
    return g_strdup_printf ("one order merged, the other did not (%d vs %d)", ok1, ok2);
  if (ok1)
    {
      g_autofree char *a = canon_object (r1);
      g_autofree char *b = canon_object (r2);
      return g_str_equal (a, b) ? NULL : g_strdup_printf ("results differ:\n  %s\n  %s", a, b);
    }
  if (c1->len != c2->len)
    return g_strdup_printf ("%u conflicts vs %u", c1->len, c2->len);
  for (guint i = 0; i < c1->len; i++)
    {
      const CaucusConflict *x = g_ptr_array_index (c1, i);
      const CaucusConflict *y = g_ptr_array_index (c2, i);
      g_autofree char *xo = canon_or_absent (x->ours), *xt = canon_or_absent (x->theirs), *xb = canon_or_absent (x->base);
      g_autofree char *yo = canon_or_absent (y->ours), *yt = canon_or_absent (y->theirs), *yb = canon_or_absent (y->base);

      if (!g_str_equal (x->path, y->path) || !g_str_equal (xo, yt) || !g_str_equal (xt, yo) || !g_str_equal (xb, yb))
        return g_strdup_printf ("conflict %u differs: %s vs %s", i, x->path, y->path);
      if ((x->hunks == NULL) != (y->hunks == NULL) || (x->hunks && x->hunks->len != y->hunks->len))
        return g_strdup_printf ("conflict %s: hunks differ", x->path);
      for (guint h = 0; x->hunks && h < x->hunks->len; h++)
        {
          const CaucusTextConflict *hx = g_ptr_array_index (x->hunks, h);
          const CaucusTextConflict *hy = g_ptr_array_index (y->hunks, h);
          if (hx->base_line != hy->base_line || hx->base_lines != hy->base_lines ||
              g_strcmp0 (hx->ours, hy->theirs) != 0 || g_strcmp0 (hx->theirs, hy->ours) != 0 ||
              g_strcmp0 (hx->base, hy->base) != 0)
            return g_strdup_printf ("conflict %s: hunk %u differs", x->path, h);
        }
    }
  return NULL;
}

static void
test_table (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MergeCase *c = &cases[i];
      g_autoptr(JsonObject) base = caucus_test_parse_object (c->base);
      g_autoptr(JsonObject) ours = caucus_test_parse_object (c->ours);
      g_autoptr(JsonObject) theirs = caucus_test_parse_object (c->theirs);
      g_autoptr(JsonObject) r1 = NULL, r2 = NULL;
      g_autoptr(GPtrArray) c1 = NULL, c2 = NULL;
      g_autoptr(GError) e1 = NULL, e2 = NULL;
      g_autofree char *difference = NULL;
      gboolean ok1, ok2;

      g_test_message ("case %u: %s", i, c->name);
      ok1 = caucus_merge_documents (base, ours, theirs, &r1, &c1, &e1);
      ok2 = caucus_merge_documents (base, theirs, ours, &r2, &c2, &e2);

      if (c->merged != NULL)
        {
          g_autoptr(JsonObject) expected = caucus_test_parse_object (c->merged);
          g_autofree char *want = canon_object (expected);
          g_autofree char *got = NULL;

          if (!ok1)
            g_error ("case %u (%s): unexpected conflicts: %s", i, c->name, e1->message);
          g_assert_no_error (e1);
          got = canon_object (r1);
          if (!g_str_equal (want, got))
            g_error ("case %u (%s):\n  want %s\n  got  %s", i, c->name, want, got);
        }
      else
        {
          g_autofree char *paths = NULL;
          if (ok1)
            g_error ("case %u (%s): merged but conflicts were expected", i, c->name);
          g_assert_error (e1, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_CONFLICT);
          paths = conflict_paths (c1);
          g_assert_cmpstr (paths, ==, c->conflicts);
          g_assert_null (r1);
        }

      difference = compare_symmetric (ok1, r1, c1, ok2, r2, c2);
      if (difference != NULL)
        g_error ("case %u (%s) is not symmetric: %s", i, c->name, difference);
    }
}

static void
test_text_conflict_hunks (void)
{
  g_autoptr(JsonObject) base = caucus_test_parse_object ("{" ST ",\"body\":\"intro\\nold para\\nend\\n\"}");
  g_autoptr(JsonObject) ours = caucus_test_parse_object ("{" ST ",\"body\":\"intro\\nours para\\nend\\n\"}");
  g_autoptr(JsonObject) theirs = caucus_test_parse_object ("{" ST ",\"body\":\"intro\\ntheirs para\\nend\\n\"}");
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const CaucusConflict *c;
  const CaucusTextConflict *h;

  g_assert_false (caucus_merge_documents (base, ours, theirs, &result, &conflicts, &error));
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->path, ==, "body");
  g_assert_nonnull (c->hunks);
  g_assert_cmpuint (c->hunks->len, ==, 1);
  h = g_ptr_array_index (c->hunks, 0);
  g_assert_cmpuint (h->base_line, ==, 1);
  g_assert_cmpuint (h->base_lines, ==, 1);
  g_assert_cmpstr (h->base, ==, "old para\n");
  g_assert_cmpstr (h->ours, ==, "ours para\n");
  g_assert_cmpstr (h->theirs, ==, "theirs para\n");
  g_assert_cmpstr (json_node_get_string (c->base), ==, "intro\nold para\nend\n");
  g_assert_nonnull (strstr (error->message, "body"));
}

static void
unref_node_if_set (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

static void
test_choices (void)
{
  g_autoptr(JsonObject) base = caucus_test_parse_object ("{\"_id\":\"o\",\"type\":\"org\",\"name\":\"A\",\"phone\":\"+1 555 0100\",\"location\":{\"room\":\"1\"},\"tags\":[\"x\"]}");
  g_autoptr(JsonObject) ours = caucus_test_parse_object ("{\"_id\":\"o\",\"type\":\"org\",\"name\":\"B\",\"phone\":\"+1 555 0101\",\"location\":{\"room\":\"2\"},\"tags\":[\"x\",\"y\"]}");
  g_autoptr(JsonObject) theirs = caucus_test_parse_object ("{\"_id\":\"o\",\"type\":\"org\",\"name\":\"C\",\"phone\":\"+1 555 0102\",\"location\":{\"room\":\"3\"},\"tags\":[\"z\"]}");
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, unref_node_if_set);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (choices, "name", json_node_init_string (json_node_alloc (), "C"));
  g_hash_table_insert (choices, "phone", NULL);   /* drop it */
  g_hash_table_insert (choices, "location.room", json_node_init_string (json_node_alloc (), "2"));
  g_assert_true (caucus_merge_documents_with_choices (base, ours, theirs, choices, &result, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (result, "name"), ==, "C");
  g_assert_false (json_object_has_member (result, "phone"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "location"), "room"), ==, "2");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "tags")), ==, 2);   /* y, z */

  /* A choice for a path that does not conflict changes nothing. */
  g_clear_pointer (&result, json_object_unref);
  g_hash_table_remove_all (choices);
  g_hash_table_insert (choices, "tags", json_node_init_string (json_node_alloc (), "ignored"));
  g_assert_false (caucus_merge_documents_with_choices (base, ours, theirs, choices, &result, &conflicts, &error));
  g_assert_cmpuint (conflicts->len, ==, 3);
}

static void
test_different_ids (void)
{
  g_autoptr(JsonObject) a = caucus_test_parse_object ("{\"_id\":\"a\",\"type\":\"org\"}");
  g_autoptr(JsonObject) b = caucus_test_parse_object ("{\"_id\":\"b\",\"type\":\"org\"}");
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (caucus_merge_documents (NULL, a, b, &result, &conflicts, &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_assert_null (conflicts);
}

/* ---- diff3 ------------------------------------------------------------------------ */

static void
test_diff3_basics (void)
{
  char *merged = NULL;
  GPtrArray *conflicts = NULL;

  g_assert_true (caucus_diff3_merge ("", "", "", &merged, &conflicts));
  g_assert_cmpstr (merged, ==, "");
  g_clear_pointer (&merged, g_free);

  /* Last line without a newline. */
  g_assert_true (caucus_diff3_merge ("a\nb", "A\nb", "a\nB", &merged, &conflicts));
  g_assert_cmpstr (merged, ==, "A\nB");
  g_clear_pointer (&merged, g_free);

  /* Both delete everything. */
  g_assert_true (caucus_diff3_merge ("a\nb\n", "", "", &merged, &conflicts));
  g_assert_cmpstr (merged, ==, "");
  g_clear_pointer (&merged, g_free);

  /* Empty base: competing texts conflict, equal ones do not. */
  g_assert_false (caucus_diff3_merge ("", "x\n", "y\n", &merged, &conflicts));
  g_assert_null (merged);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  g_assert_true (caucus_diff3_merge ("", "x\n", "x\n", &merged, NULL));
  g_assert_cmpstr (merged, ==, "x\n");
  g_clear_pointer (&merged, g_free);
}

/* Applies a line diff to old and checks that it reproduces new. */
static void
check_diff (const char *old_text,
            const char *new_text)
{
  g_autoptr(GArray) d = caucus_line_diff (old_text, new_text);
  g_auto(GStrv) old_lines = g_strsplit (old_text, "\n", -1);
  g_auto(GStrv) new_lines = g_strsplit (new_text, "\n", -1);
  g_autoptr(GString) rebuilt = g_string_new (NULL);
  guint pos = 0;
  guint n_old = g_strv_length (old_lines);

  /* g_strsplit gives a trailing "" for a final newline; lines here always end in \n. */
  for (guint i = 0; i < d->len; i += 4)
    {
      guint o1 = g_array_index (d, guint, i), o2 = g_array_index (d, guint, i + 1);
      guint s1 = g_array_index (d, guint, i + 2), s2 = g_array_index (d, guint, i + 3);
      for (; pos < o1; pos++)
        g_string_append_printf (rebuilt, "%s\n", old_lines[pos]);
      for (guint j = s1; j < s2; j++)
        g_string_append_printf (rebuilt, "%s\n", new_lines[j]);
      pos = o2;
    }
  for (; pos + 1 < n_old; pos++)
    g_string_append_printf (rebuilt, "%s\n", old_lines[pos]);
  g_assert_cmpstr (rebuilt->str, ==, new_text);
}

static char *
random_text (GRand *rand,
             guint  max_lines)
{
  static const char * const words[] = { "a", "b", "c", "d", "e", "مرحبا", "你好" };
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max_lines + 1);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\n", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  return g_string_free (s, FALSE);
}

static void
test_line_diff_random (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("seed %u", seed);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *a = random_text (rand, 30);
      g_autofree char *b = random_text (rand, 30);
      g_test_message ("diff case %u (seed %u)", i, seed);
      check_diff (a, b);
    }
}

/* ---- random symmetry ---------------------------------------------------------------- */

static const char * const pool_tags[] = { "access", "rights", "standards", "gender", "security", "itu" };
static const char * const pool_lines[] = { "We, the undersigned,", "call on governments", "to protect", "human rights online",
                                           "", "Signed in Baku", "نحن الموقعين", "我们呼吁", "Paragraph seven" };
static const char * const pool_names[] = { "APC", "Access Now", "CDT", "Article 19", "IT for Change" };

static JsonObject *
random_base (GRand *rand)
{
  JsonObject *o = json_object_new ();
  JsonArray *tags = json_array_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  JsonObject *location = json_object_new ();

  json_object_set_string_member (o, "_id", "doc");
  json_object_set_string_member (o, "type", g_rand_boolean (rand) ? "statement" : "org");
  json_object_set_string_member (o, "name", pool_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_names))]);
  json_object_set_string_member (o, "title", pool_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_names))]);
  for (guint i = 0; i < G_N_ELEMENTS (pool_tags); i++)
    if (g_rand_boolean (rand))
      json_array_add_string_element (tags, pool_tags[i]);
  json_object_set_array_member (o, "tags", tags);
  for (guint i = 0, n = g_rand_int_range (rand, 0, 8); i < n; i++)
    g_string_append_printf (body, "%s\n", pool_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_lines))]);
  json_object_set_string_member (o, "body", body->str);
  json_object_set_string_member (o, "notes", body->str);
  json_object_set_string_member (location, "room", "1");
  json_object_set_string_member (location, "venue", "V");
  json_object_set_object_member (o, "x_location", location);
  json_object_set_string_member (o, "updated", "2012-01-01T00:00:00Z");
  json_object_set_string_member (o, "updated_by", "base");
  return o;
}

static char *
mutate_text (GRand      *rand,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  guint n = g_strv_length (lines);   /* last element is "" after the final \n */
  GString *s = g_string_new (NULL);

  for (guint i = 0; i + 1 < n || (n == 1 && i == 0 && *lines[0]); i++)
    {
      guint r = g_rand_int_range (rand, 0, 10);
      if (r == 0)
        continue;                                   /* delete */
      if (r == 1)
        g_ptr_array_add (out, (gpointer) pool_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_lines))]);  /* insert */
      if (r == 2)
        g_ptr_array_add (out, (gpointer) pool_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_lines))]);  /* replace */
      else
        g_ptr_array_add (out, lines[i]);
    }
  if (g_rand_int_range (rand, 0, 4) == 0)
    g_ptr_array_add (out, (gpointer) pool_lines[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_lines))]);
  for (guint i = 0; i < out->len; i++)
    g_string_append_printf (s, "%s\n", (const char *) out->pdata[i]);
  return g_string_free (s, FALSE);
}

static JsonObject *
random_edit (GRand      *rand,
             JsonObject *base,
             const char *who)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), base);
  g_autoptr(JsonNode) copy = caucus_json_node_deep_copy (node);
  JsonObject *o = json_object_ref (json_node_get_object (copy));
  g_autofree char *stamp = g_strdup_printf ("2012-01-%02dT00:00:00Z", g_rand_int_range (rand, 2, 6));

  if (g_rand_int_range (rand, 0, 3) == 0)
    json_object_set_string_member (o, "name", pool_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_names))]);
  if (g_rand_int_range (rand, 0, 4) == 0)
    json_object_remove_member (o, "title");
  if (g_rand_boolean (rand))
    {
      JsonArray *tags = json_array_new ();
      JsonArray *old = json_object_get_array_member (o, "tags");
      for (guint i = 0; i < json_array_get_length (old); i++)
        if (g_rand_int_range (rand, 0, 4) != 0)
          json_array_add_string_element (tags, json_array_get_string_element (old, i));
      if (g_rand_boolean (rand))
        json_array_add_string_element (tags, pool_tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool_tags))]);
      json_object_set_array_member (o, "tags", tags);
    }
  if (g_rand_boolean (rand))
    {
      g_autofree char *body = mutate_text (rand, json_object_get_string_member (o, "body"));
      json_object_set_string_member (o, "body", body);
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_autofree char *notes = mutate_text (rand, json_object_get_string_member (o, "notes"));
      json_object_set_string_member (o, "notes", notes);
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    json_object_set_string_member (json_object_get_object_member (o, "x_location"),
                                   g_rand_boolean (rand) ? "room" : "venue", g_rand_boolean (rand) ? "2" : "3");
  if (g_rand_int_range (rand, 0, 5) == 0)
    json_object_set_int_member (o, g_rand_boolean (rand) ? "x_a" : "x_b", g_rand_int_range (rand, 0, 3));
  json_object_set_string_member (o, "updated", stamp);
  json_object_set_string_member (o, "updated_by", who);
  return o;
}

static void
test_symmetry_random (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint merged = 0, conflicted = 0;

  g_test_message ("seed %u", seed);
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(JsonObject) base = random_base (rand);
      g_autoptr(JsonObject) a = random_edit (rand, base, g_rand_boolean (rand) ? "alice" : "bob");
      g_autoptr(JsonObject) b = random_edit (rand, base, g_rand_boolean (rand) ? "carol" : "dave");
      g_autoptr(JsonObject) r1 = NULL, r2 = NULL, r3 = NULL;
      g_autoptr(GPtrArray) c1 = NULL, c2 = NULL, c3 = NULL;
      gboolean ok1, ok2;
      g_autofree char *difference = NULL;

      ok1 = caucus_merge_documents (base, a, b, &r1, &c1, NULL);
      ok2 = caucus_merge_documents (base, b, a, &r2, &c2, NULL);
      difference = compare_symmetric (ok1, r1, c1, ok2, r2, c2);
      if (difference != NULL)
        {
          g_autofree char *sb = canon_object (base), *sa = canon_object (a), *sc = canon_object (b);
          g_error ("random case %u (seed %u, rerun with --seed or -p): %s\nbase %s\nours %s\ntheirs %s",
                   i, seed, difference, sb, sa, sc);
        }
      ok1 ? merged++ : conflicted++;

      /* merge(base, a, base) == a, apart from CouchDB bookkeeping. */
      g_assert_true (caucus_merge_documents (base, a, base, &r3, &c3, NULL));
      {
        g_autofree char *x = canon_object (r3), *y = canon_object (a);
        if (!g_str_equal (x, y))
          g_error ("random case %u (seed %u): merge with an unchanged side changed the result", i, seed);
      }
    }
  g_test_message ("%u merged, %u with conflicts", merged, conflicted);
  /* The generator must exercise both outcomes. */
  g_assert_cmpuint (merged, >, 20);
  g_assert_cmpuint (conflicted, >, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/merge/table", test_table);
  g_test_add_func ("/model/merge/text-conflict-hunks", test_text_conflict_hunks);
  g_test_add_func ("/model/merge/choices", test_choices);
  g_test_add_func ("/model/merge/different-ids", test_different_ids);
  g_test_add_func ("/model/merge/symmetry-random", test_symmetry_random);
  g_test_add_func ("/model/diff3/basics", test_diff3_basics);
  g_test_add_func ("/model/diff3/line-diff-random", test_line_diff_random);
  return g_test_run ();
}
