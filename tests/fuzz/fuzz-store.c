/* fuzz-store.c — JSON documents into the store, both as interactive writes
 * (caucus_store_put_json) and as replication writes with _revisions
 * (caucus_store_put_with_history), on top of a store that already holds a few revision
 * trees for the fuzzed paths to graft onto.  Each input runs in a transaction that is
 * rolled back, so every input sees the same store.
 *
 * Differential: the input is also written as a replication batch (beside a plain
 * document) into two server-style stores (no search index), once from its text
 * (caucus_store_bulk_docs_text, caucus-server's path) and once as a tree
 * (caucus_store_bulk_docs); their answers and what each then reads back for its id must be
 * the same bytes. */
#include <string.h>

#include "fuzz-common.h"
#include "caucus-store.h"
#include "caucus-json-reader.h"

static CaucusStore *store;
static CaucusStore *by_text;
static CaucusStore *by_tree;

static const char *const seed_docs[] = {
  "{\"_id\":\"a\",\"_rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"type\":\"org\",\"name\":\"A\"}",
  "{\"_id\":\"a\",\"_rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"type\":\"org\",\"name\":\"A2\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}",
  "{\"_id\":\"a\",\"_rev\":\"2-cccccccccccccccccccccccccccccccc\",\"type\":\"org\",\"name\":\"A conflict\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"cccccccccccccccccccccccccccccccc\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}",
  "{\"_id\":\"gone\",\"_rev\":\"1-dddddddddddddddddddddddddddddddd\",\"_deleted\":true}",
};

static CaucusStore *
open_seeded (const char *name,
             gboolean    server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fuzz_tmp_dir (), name, NULL);
  CaucusStore *s = caucus_store_open (path, &error);

  if (s == NULL)
    g_error ("fuzz-store: %s", error->message);
  if (server && !caucus_store_set_search_index (s, FALSE, &error))
    g_error ("fuzz-store: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (seed_docs); i++)
    {
      g_autoptr(JsonObject) doc = caucus_json_parse_object (seed_docs[i], -1, 64, &error);

      if (doc == NULL || !caucus_store_put_with_history (s, doc, &error))
        g_error ("fuzz-store: seed %u: %s", i, error->message);
    }
  return s;
}

/* The batch [input, plain] through both paths; NULL-terminated text of each answer and of
 * the input's document read back. */
static char *
write_batch (CaucusStore *s,
             const char  *batch,
             const gsize *starts,
             const gsize *lengths,
             gboolean     text_path,
             const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) answer = NULL;
  GString *out = g_string_new (NULL);

  if (!caucus_store_begin (s, &error))
    g_error ("fuzz-store: begin: %s", error->message);
  if (text_path)
    answer = caucus_store_bulk_docs_text (s, batch, starts, lengths, 2, 64, &error);
  else
    {
      g_autoptr(JsonNode) docs = caucus_json_read (batch, strlen (batch), 64, NULL);

      answer = caucus_store_bulk_docs (s, json_node_get_array (docs), FALSE, &error);
    }
  if (answer != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), answer);
      g_autofree char *text = caucus_json_to_string (node, NULL);
      CaucusGetOptions opts = { .revs = TRUE, .conflicts = TRUE, .deleted_conflicts = TRUE };

      g_string_append (out, text);
      g_string_append_c (out, '\n');
      if (id != NULL && !g_str_has_prefix (id, "_local/"))
        caucus_store_get_json (s, id, &opts, out, NULL);
    }
  else
    g_string_append_printf (out, "error %s", error->message);
  caucus_store_rollback (s);
  return g_string_free (out, FALSE);
}

static void
differential (const char *text,
              size_t      size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = caucus_json_read (text, size, 62, &error);
  g_autoptr(GString) batch = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *id = NULL;
  gsize starts[2], lengths[2];
  static const char plain[] = "{\"_id\":\"zz-plain\",\"_rev\":\"1-eeee\",\"k\":1}";

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  if (json_object_has_member (json_node_get_object (node), "_id") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (json_node_get_object (node), "_id")) &&
      json_node_get_value_type (json_object_get_member (json_node_get_object (node), "_id")) == G_TYPE_STRING)
    id = json_object_get_string_member (json_node_get_object (node), "_id");
  batch = g_string_new ("[");
  starts[0] = batch->len;
  g_string_append_len (batch, text, size);
  lengths[0] = size;
  g_string_append_c (batch, ',');
  starts[1] = batch->len;
  g_string_append (batch, plain);
  lengths[1] = strlen (plain);
  g_string_append_c (batch, ']');
  a = write_batch (by_text, batch->str, starts, lengths, TRUE, id);
  b = write_batch (by_tree, batch->str, starts, lengths, FALSE, id);
  if (strcmp (a, b) != 0)
    g_error ("fuzz-store: the text path and the tree path differ:\n%s\n---\n%s", a, b);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  store = open_seeded ("store.db", FALSE);
  by_text = open_seeded ("by-text.db", TRUE);
  by_tree = open_seeded ("by-tree.db", TRUE);
  {
    g_autofree char *rev = caucus_store_put_json (store, "{\"_id\":\"b\",\"type\":\"person\",\"name\":\"B\"}",
                                                  -1, &error);

    if (rev == NULL)
      g_error ("fuzz-store: seed b: %s", error->message);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *rev = NULL;
  const char *text = (const char *) data;

  if (store == NULL)
    setup ();
  if (!caucus_store_begin (store, &error))
    g_error ("fuzz-store: begin: %s", error->message);

  rev = caucus_store_put_json (store, text, (gssize) size, &error);
  if (rev != NULL)
    {
      guint64 gen = 0;
      const char *hash = NULL;

      /* What the store hands out must parse as a revision. */
      g_assert (caucus_rev_parse (rev, &gen, &hash));
    }
  g_clear_error (&error);

  doc = caucus_json_parse_object (text, (gssize) size, 64, &error);
  if (doc != NULL)
    {
      if (caucus_store_put_with_history (store, doc, &error) &&
          json_object_has_member (doc, "_id") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_id")))
        {
          const char *id = json_object_get_string_member (doc, "_id");
          CaucusGetOptions opts = { .revs = TRUE, .revs_info = TRUE, .conflicts = TRUE,
                                    .deleted_conflicts = TRUE };
          g_autoptr(JsonObject) back = NULL;

          if (id != NULL && !g_str_has_prefix (id, "_local/"))
            back = caucus_store_get (store, id, &opts, NULL);
        }
      g_clear_error (&error);
    }
  caucus_store_rollback (store);
  /* text the reader refuses, or holding U+0000 (strings are C strings), is not a document */
  if (memchr (text, '\0', size) == NULL)
    differential (text, size);
  return 0;
}
