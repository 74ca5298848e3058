/* fuzz-store.c — JSON documents into the store, both as interactive writes
 * (caucus_store_put_json) and as replication writes with _revisions
 * (caucus_store_put_with_history), on top of a store that already holds a few revision
 * trees for the fuzzed paths to graft onto.  Each input runs in a transaction that is
 * rolled back, so every input sees the same store. */
#include "fuzz-common.h"
#include "caucus-store.h"

static CaucusStore *store;

static const char *const seed_docs[] = {
  "{\"_id\":\"a\",\"_rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"type\":\"org\",\"name\":\"A\"}",
  "{\"_id\":\"a\",\"_rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"type\":\"org\",\"name\":\"A2\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}",
  "{\"_id\":\"a\",\"_rev\":\"2-cccccccccccccccccccccccccccccccc\",\"type\":\"org\",\"name\":\"A conflict\","
  "\"_revisions\":{\"start\":2,\"ids\":[\"cccccccccccccccccccccccccccccccc\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}",
  "{\"_id\":\"gone\",\"_rev\":\"1-dddddddddddddddddddddddddddddddd\",\"_deleted\":true}",
};

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fuzz_tmp_dir (), "store.db", NULL);

  store = caucus_store_open (path, &error);
  if (store == NULL)
    g_error ("fuzz-store: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (seed_docs); i++)
    {
      g_autoptr(JsonObject) doc = caucus_json_parse_object (seed_docs[i], -1, 64, &error);

      if (doc == NULL || !caucus_store_put_with_history (store, doc, &error))
        g_error ("fuzz-store: seed %u: %s", i, error->message);
    }
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
  return 0;
}
