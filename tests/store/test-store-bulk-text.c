/* test-store-bulk-text.c — a replication batch given as JSON text
 * (caucus_store_bulk_docs_text, what caucus-server hands the store) leaves the store and
 * answers exactly as the same documents given as trees (caucus_store_bulk_docs with
 * new_edits=false): every row, byte for byte, and every error row.  The corpus has what the
 * text path prepares itself (sorted and duplicated members, every kind of number, escapes,
 * non-ASCII text, tombstones, histories) and what it must hand to the tree path
 * (attachments, reserved and unknown members, bad revisions, nesting past the store's
 * limit, updates of existing documents). */
#include <string.h>

#include "store-test-util.h"
#include "caucus-json-reader.h"

#define MAX_DEPTH 1000

/* Batches, each a JSON array of documents as a replicator sends them. */
static const char *const batches[] = {
  /* plain documents: keys out of order, duplicates (the last wins), nested objects with
   * their own underscore keys, escapes, non-ASCII, numbers of every shape */
  "[{\"_id\":\"a\",\"_rev\":\"1-aaaa\",\"z\":1,\"a\":{\"y\":[1,2,{\"b\":null,\"a\":true}],\"x\":\"\\u00e9t\\u00e9\"},"
  "\"type\":\"organisation\",\"name\":\"Caf\\u00e9 \\\"Coop\\\"\",\"_revisions\":{\"start\":1,\"ids\":[\"aaaa\"]}},"
  " {\"_rev\":\"3-bb01\", \"_id\":\"b\", \"_revisions\":{\"start\":3,\"ids\":[\"bb01\",\"bb02\",\"bb03\"]},"
  "  \"n\":[0,-0,-1,9223372036854775807,-9223372036854775808,18446744073709551616,1.5,1e10,1E-7,0.1,-2.5e-3,123456789012345678901234567890],"
  "  \"s\":\"line\\nbreak\\ttab \\\\ back \\/ slash \\ud83d\\ude00 \\u0001\",\"dup\":1,\"dup\":{\"k\":2},\"title\":\"Dup title\"},"
  " {\"_id\":\"c\",\"_rev\":\"2-cc02\",\"_revisions\":{\"start\":2,\"ids\":[\"cc02\",\"cc01\"]},\"_deleted\":true},"
  " {\"_id\":\"d\",\"_rev\":\"1-dd01\",\"nested\":{\"_under\":{\"_id\":\"not-the-doc\"}},\"empty\":{},\"list\":[],"
  "  \"short_name\":\"D\",\"name\":7,\"title\":\"Title wins over a non-string name\",\"\\u00fcml\":\"\\u00fc\"},"
  " {\"_id\":\"e\",\"_rev\":\"1-ee01\",\"_id\":\"e2\",\"type\":\"a\",\"type\":\"person\",\"x\":\"\\u2028\"},"
  " {\"_id\":\"\\u00fcber\",\"_rev\":\"1-ff01\",\"_revisions\":null,\"v\":\"plain\"}]",

  /* what the tree path decides: attachments, _conflicts, unknown reserved members, bad
   * or missing revisions, local ids, a history that does not match, a type that is an
   * object (nesting past the store's 64 levels: deep_batch()) */
  "[{\"_id\":\"att\",\"_rev\":\"1-a770\",\"_attachments\":{\"note.txt\":{\"content_type\":\"text/plain\",\"data\":\"aGVsbG8=\"}},\"k\":1},"
  " {\"_id\":\"conf\",\"_rev\":\"1-c0f1\",\"_conflicts\":[\"1-beef\"],\"k\":2},"
  " {\"_id\":\"unknown\",\"_rev\":\"1-0001\",\"_bogus\":1},"
  " {\"_id\":\"badrev\",\"_rev\":\"one-xyz\"},"
  " {\"_id\":\"norev\",\"k\":3},"
  " {\"_id\":\"_local/x\",\"_rev\":\"1-0002\"},"
  " {\"_id\":\"hist\",\"_rev\":\"2-0003\",\"_revisions\":{\"start\":2,\"ids\":[\"ffff\",\"0004\"]}},"
  " {\"_id\":\"objtype\",\"_rev\":\"1-0005\",\"type\":{\"kind\":\"x\"},\"name\":[\"n\"]}]",

  /* updates of documents the first batch stored (the one-document path, which needs the
   * tree), a new document, the same id twice in one batch, and a conflicting branch */
  "[{\"_id\":\"a\",\"_rev\":\"2-aaa2\",\"_revisions\":{\"start\":2,\"ids\":[\"aaa2\",\"aaaa\"]},\"z\":2},"
  " {\"_id\":\"new\",\"_rev\":\"1-0007\",\"k\":\"v\"},"
  " {\"_id\":\"new\",\"_rev\":\"2-0008\",\"_revisions\":{\"start\":2,\"ids\":[\"0008\",\"0007\"]},\"k\":\"w\"},"
  " {\"_id\":\"b\",\"_rev\":\"3-bbx1\",\"_revisions\":{\"start\":3,\"ids\":[\"bbx1\",\"bb02\",\"bb03\"]},\"n\":[]},"
  " {\"_id\":\"c\",\"_rev\":\"3-cc03\",\"_revisions\":{\"start\":3,\"ids\":[\"cc03\",\"cc02\",\"cc01\"]},\"back\":true}]",

  /* one document alone */
  "[{\"_id\":\"solo\",\"_rev\":\"1-0009\",\"k\":1}]",
};

/* A document nested past the store's limit of 64 levels, beside a plain one. */
static char *
deep_batch (void)
{
  GString *s = g_string_new ("[{\"_id\":\"deep\",\"_rev\":\"1-0006\",\"d\":");

  for (guint i = 0; i < 70; i++)
    g_string_append_c (s, '[');
  g_string_append_c (s, '1');
  for (guint i = 0; i < 70; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "},{\"_id\":\"shallow\",\"_rev\":\"1-000a\",\"d\":[[1]]}]");
  return g_string_free (s, FALSE);
}

/* The documents' byte ranges in @text, found with the scanner as caucus-server finds them. */
static guint
spans (const char *text, GArray *starts, GArray *lengths)
{
  g_autoptr(CaucusJsonScanner) sc = caucus_json_scanner_new (text, strlen (text), MAX_DEPTH);
  CaucusJsonToken token;

  g_assert_cmpint (caucus_json_scanner_next (sc, NULL), ==, CAUCUS_JSON_BEGIN_ARRAY);
  while ((token = caucus_json_scanner_next (sc, NULL)) != CAUCUS_JSON_END_ARRAY)
    {
      gsize start = caucus_json_scanner_get_offset (sc) - 1, length;

      g_assert_cmpint (token, ==, CAUCUS_JSON_BEGIN_OBJECT);
      g_autoptr(GError) error = NULL;

      if (!caucus_json_scanner_skip (sc, token, &error))
        g_error ("%s", error->message);
      length = caucus_json_scanner_get_offset (sc) - start;
      g_array_append_val (starts, start);
      g_array_append_val (lengths, length);
    }
  g_assert_cmpint (caucus_json_scanner_next (sc, NULL), ==, CAUCUS_JSON_END);
  return starts->len;
}

static char *
answer_text (JsonArray *answer)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), answer);
  return caucus_json_to_string (node, NULL);
}

static CaucusStore *
open_server_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CaucusStore *store = caucus_store_open (path, &error);

  g_assert_no_error (error);
  /* a server's store: no search index, where the text path applies */
  g_assert_true (caucus_store_set_search_index (store, FALSE, &error));
  g_assert_no_error (error);
  return store;
}

/* Two server stores side by side, one written through each path. */
typedef struct {
  char        *dir;
  char        *tree_path;
  char        *text_path;
  CaucusStore *tree;
  CaucusStore *text;
} Pair;

static void
pair_open (Pair *pair)
{
  g_autoptr(GError) error = NULL;

  pair->dir = g_dir_make_tmp ("caucus-bulk-text-XXXXXX", &error);
  g_assert_no_error (error);
  pair->tree_path = g_build_filename (pair->dir, "tree.db", NULL);
  pair->text_path = g_build_filename (pair->dir, "text.db", NULL);
  pair->tree = open_server_store (pair->tree_path);
  pair->text = open_server_store (pair->text_path);
}

/* Writes @batch through both paths; the answers must be the same bytes.  Returns the
 * tree path's answer. */
static char *
pair_write (Pair *pair, const char *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint n = spans (batch, starts, lengths);
  g_autoptr(JsonNode) docs = caucus_json_read (batch, strlen (batch), MAX_DEPTH, &error);
  g_autoptr(JsonArray) tree_answer = NULL;
  g_autoptr(JsonArray) text_answer = NULL;
  g_autofree char *text_json = NULL;
  char *tree_json;

  g_assert_no_error (error);
  tree_answer = caucus_store_bulk_docs (pair->tree, json_node_get_array (docs), FALSE, &error);
  g_assert_no_error (error);
  text_answer = caucus_store_bulk_docs_text (pair->text, batch, (gsize *) starts->data,
                                             (gsize *) lengths->data, n, MAX_DEPTH, &error);
  g_assert_no_error (error);
  tree_json = answer_text (tree_answer);
  text_json = answer_text (text_answer);
  g_assert_cmpstr (text_json, ==, tree_json);
  return tree_json;
}

/* Closes both stores; every row must be the same.  Returns the tree store's rows. */
static char *
pair_close (Pair *pair)
{
  g_autofree char *text_dump = NULL;
  char *tree_dump;

  g_object_unref (pair->tree);
  g_object_unref (pair->text);
  tree_dump = store_dump_tables (pair->tree_path);
  text_dump = store_dump_tables (pair->text_path);
  g_assert_cmpstr (text_dump, ==, tree_dump);
  rm_rf (pair->dir);
  g_free (pair->dir);
  g_free (pair->tree_path);
  g_free (pair->text_path);
  return tree_dump;
}

static void
test_text_equals_tree (void)
{
  g_autofree char *deep = deep_batch ();
  g_autofree char *tree_dump = NULL;
  Pair pair;

  pair_open (&pair);
  for (guint b = 0; b <= G_N_ELEMENTS (batches); b++)
    {
      g_autofree char *answer = pair_write (&pair, b < G_N_ELEMENTS (batches) ? batches[b] : deep);

      g_test_message ("batch %u: %s", b, answer);
    }
  tree_dump = pair_close (&pair);
  /* the second batch's refusals are there, so the comparison covered them */
  g_assert_nonnull (strstr (tree_dump, "|a|"));
  g_assert_nonnull (strstr (tree_dump, "note.txt"));
}

/* The body the text path writes is the canonical one, byte for byte, for many random
 * documents (shapes a fuzzer would not think of are in the corpus above). */
static void
append_random_value (GString *s, GRand *rand, guint depth)
{
  switch (g_rand_int_range (rand, 0, depth > 4 ? 5 : 7))
    {
    case 0: g_string_append_printf (s, "%d", g_rand_int_range (rand, -1000000, 1000000)); break;
    case 1: g_string_append_printf (s, "%.17g", g_rand_double_range (rand, -1e6, 1e6)); break;
    case 2:
      {
        static const char *const words[] = { "plain", "\\u00e9\\u00e8", "\\\"q\\\"", "tab\\t", "北京", "\\ud83c\\udf0d", "" };
        g_string_append_printf (s, "\"%s %u\"", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                g_rand_int (rand) % 100);
        break;
      }
    case 3: g_string_append (s, g_rand_boolean (rand) ? "true" : "false"); break;
    case 4: g_string_append (s, "null"); break;
    case 5:
      {
        guint n = g_rand_int_range (rand, 0, 5);
        g_string_append_c (s, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (s, ',');
            append_random_value (s, rand, depth + 1);
          }
        g_string_append_c (s, ']');
        break;
      }
    default:
      {
        guint n = g_rand_int_range (rand, 0, 6);
        g_string_append_c (s, '{');
        for (guint i = 0; i < n; i++)
          {
            /* few distinct names, so that duplicates happen */
            g_string_append_printf (s, "%s\"%c%c\":", i > 0 ? "," : "",
                                    "_abz"[g_rand_int_range (rand, 0, 4)], "xyé"[g_rand_int_range (rand, 0, 2)]);
            append_random_value (s, rand, depth + 1);
          }
        g_string_append_c (s, '}');
        break;
      }
    }
}

static void
test_text_equals_tree_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  Pair pair;

  pair_open (&pair);
  for (guint b = 0; b < 20; b++)
    {
      g_autoptr(GString) batch = g_string_new ("[");

      for (guint i = 0; i < 30; i++)
        {
          guint members = g_rand_int_range (rand, 0, 8);

          g_string_append_printf (batch, "%s{\"_id\":\"r%02u-%02u\",\"_rev\":\"1-%08x\"", i > 0 ? "," : "",
                                  b, i, g_rand_int (rand));
          for (guint m = 0; m < members; m++)
            {
              /* a few names, so that duplicates happen; the search columns' among them */
              static const char *const names[] = {
                "a", "b", "c", "z", "type", "name", "title", "short_name", "Caf\\u00e9"
              };
              g_string_append_printf (batch, ",\"%s\":", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
              append_random_value (batch, rand, 1);
            }
          g_string_append_c (batch, '}');
        }
      g_string_append_c (batch, ']');
      g_free (pair_write (&pair, batch->str));
    }
  g_free (pair_close (&pair));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/bulk-text/equals-tree", test_text_equals_tree);
  g_test_add_func ("/store/bulk-text/equals-tree-random", test_text_equals_tree_random);
  return g_test_run ();
}
