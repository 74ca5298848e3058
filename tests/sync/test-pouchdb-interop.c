/* test-pouchdb-interop.c — 10,000 documents (edits, tombstones, attachments, conflicts)
 * pushed by Caucus to pouchdb-server; a PouchDB client on the other side of the server
 * sees exactly what Caucus wrote (same leaves, same winner, same bodies and bytes); and
 * Caucus pulls it all back into an empty store unchanged. */
#include "sync-test-util.h"

#include <string.h>

#define N_DOCS 10000

static TestPouch *pouch;

static void
make_docs (CaucusStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_store_begin (store, &error));
  for (guint i = 0; i < N_DOCS; i++)
    {
      g_autofree char *id = g_strdup_printf ("item:%05u", i);
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"org\",\"name\":\"Org %u\","
                                               "\"nested\":{\"a\":[1,2,{\"b\":\"ü\"}]}}", id, i);
      g_autofree char *rev = test_put (store, json);

      if (i % 20 == 1)
        {
          g_autofree char *del = caucus_store_delete (store, id, rev, &error);
          g_assert_no_error (error);
        }
      else if (i % 33 == 2)
        {
          g_autofree char *data = g_strdup_printf ("attachment of %u\n", i);
          g_autoptr(GBytes) bytes = g_bytes_new (data, strlen (data));
          g_autofree char *r2 = caucus_store_put_attachment (store, id, rev, "note.txt", "text/plain",
                                                             bytes, &error);
          g_assert_no_error (error);
        }
      else if (i % 50 == 3)
        {
          /* a conflict: a branch from another root, as if it came from another replica */
          g_autofree char *j = g_strdup_printf (
            "{\"_id\":\"%s\",\"_rev\":\"2-%032x\",\"type\":\"org\",\"name\":\"Their org %u\","
            "\"_revisions\":{\"start\":2,\"ids\":[\"%032x\",\"%032x\"]}}",
            id, i, i, i, i + 1000000);
          g_autoptr(JsonObject) doc = test_parse (j);
          g_assert_true (caucus_store_put_with_history (store, doc, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (caucus_store_commit (store, &error));
}

static void
test_pouchdb_sees_what_caucus_wrote (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) back = test_store_new ();
  g_autofree char *url = test_pouch_new_db (pouch, "interop");
  g_autoptr(GError) error = NULL;
  const char *src = g_getenv ("CAUCUS_SOURCE_DIR");
  g_autofree char *script = g_build_filename (src ? src : ".", "tests", "sync", "pouchdb-dump.js", NULL);
  g_autofree char *modules = g_build_filename (src ? src : ".", "tests", "interop", "node_modules", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) node = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) leaves = NULL;
  guint n = 0, conflicts = 0, deleted = 0, with_atts = 0;

  make_docs (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 1000, &error));
  g_assert_no_error (error);

  g_subprocess_launcher_setenv (launcher, "CAUCUS_NODE_MODULES", modules, TRUE);
  node = g_subprocess_launcher_spawn (launcher, &error, "node", script, url, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (node, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (node));

  leaves = test_leaves_map (a->store);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonObject) row = test_parse (lines[i]);
      const char *id = json_object_get_string_member (row, "id");
      JsonArray *theirs = json_object_get_array_member (row, "leaves");
      GStrv ours = g_hash_table_lookup (leaves, id);
      JsonNode *winner = json_object_get_member (row, "winner");

      g_assert_nonnull (ours);
      g_assert_cmpuint (json_array_get_length (theirs), ==, g_strv_length (ours));
      /* PouchDB reports a winner only when it is not deleted; it must be ours. */
      if (!JSON_NODE_HOLDS_NULL (winner))
        g_assert_cmpstr (json_node_get_string (winner), ==, ours[0]);
      else
        deleted++;
      if (json_array_get_length (theirs) > 1)
        conflicts++;
      for (guint j = 0; j < json_array_get_length (theirs); j++)
        {
          JsonObject *body = json_array_get_object_element (theirs, j);
          CaucusGetOptions opts = { .rev = json_object_get_string_member (body, "_rev"), .attachments = TRUE };
          g_autoptr(JsonObject) mine = caucus_store_get (a->store, id, &opts, &error);
          g_autoptr(JsonNode) nt = NULL, nm = NULL;
          GList *names;

          g_assert_no_error (error);
          /* PouchDB adds _revisions only on request and reports revpos its own way;
           * everything else must be identical. */
          json_object_remove_member (body, "_revisions");
          if (json_object_has_member (body, "_attachments"))
            {
              JsonObject *atts = json_object_get_object_member (body, "_attachments");
              names = json_object_get_members (atts);
              for (GList *l = names; l; l = l->next)
                json_object_remove_member (json_object_get_object_member (atts, l->data), "revpos");
              g_list_free (names);
              atts = json_object_get_object_member (mine, "_attachments");
              names = json_object_get_members (atts);
              for (GList *l = names; l; l = l->next)
                {
                  json_object_remove_member (json_object_get_object_member (atts, l->data), "revpos");
                  /* PouchDB's inline attachments carry no length */
                  json_object_remove_member (json_object_get_object_member (atts, l->data), "length");
                }
              g_list_free (names);
              with_atts++;
            }
          nt = json_node_init_object (json_node_alloc (), body);
          nm = json_node_init_object (json_node_alloc (), mine);
          if (!json_node_equal (nt, nm))
            {
              g_autofree char *t1 = caucus_json_to_string (nt, NULL);
              g_autofree char *t2 = caucus_json_to_string (nm, NULL);
              g_error ("%s differs:\nPouchDB: %s\nCaucus:  %s", id, t1, t2);
            }
        }
      n++;
    }
  g_test_message ("%u docs, %u deleted, %u conflicted, %u leaves with attachments", n, deleted, conflicts, with_atts);
  g_assert_cmpuint (n, ==, N_DOCS);
  g_assert_cmpuint (conflicts, >, 100);
  g_assert_cmpuint (deleted, >, 400);
  g_assert_cmpuint (with_atts, >, 250);

  g_assert_true (test_replicate (back->store, url, CAUCUS_REPLICATION_PULL, 1000, &error));
  g_assert_no_error (error);
  test_assert_same_docs (a->store, back->store);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_have_node ())
    return TEST_SKIP_EXIT;
  pouch = test_pouch_start (NULL);
  g_test_add_func ("/sync/pouchdb/sees-what-caucus-wrote", test_pouchdb_sees_what_caucus_wrote);
  ret = g_test_run ();
  test_pouch_stop (pouch);
  return ret;
}
