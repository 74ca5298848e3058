/* sync-test-util.c — see sync-test-util.h */
#include "sync-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>

static char *
node_modules_dir (void)
{
  const char *src = g_getenv ("CAUCUS_SOURCE_DIR");

  return g_build_filename (src ? src : ".", "tests", "interop", "node_modules", NULL);
}

gboolean
test_have_node (void)
{
  g_autofree char *modules = node_modules_dir ();
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *pouch = g_build_filename (modules, "express-pouchdb", NULL);

  return node != NULL && g_file_test (pouch, G_FILE_TEST_IS_DIR);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

TestPouch *
test_pouch_start (const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *modules = node_modules_dir ();
  const char *src = g_getenv ("CAUCUS_SOURCE_DIR");
  g_autofree char *script = g_build_filename (src ? src : ".", "tests", "sync", "pouchdb-server.js", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  TestPouch *pouch = g_new0 (TestPouch, 1);

  g_subprocess_launcher_setenv (launcher, "CAUCUS_NODE_MODULES", modules, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  /* The server must not outlive a test that aborts. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  pouch->proc = g_subprocess_launcher_spawn (launcher, &error, "node", script, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (pouch->proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  pouch->port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
  pouch->base = g_strdup_printf ("http://127.0.0.1:%u", pouch->port);
  return pouch;
}

void
test_pouch_stop (TestPouch *pouch)
{
  if (pouch == NULL)
    return;
  g_subprocess_send_signal (pouch->proc, SIGTERM);
  g_subprocess_wait (pouch->proc, NULL, NULL);
  g_object_unref (pouch->proc);
  g_free (pouch->base);
  g_free (pouch);
}

char *
test_pouch_new_db (TestPouch  *pouch,
                   const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", pouch->base, name);
  guint status = 0;
  g_autoptr(JsonNode) answer = test_http ("PUT", url, NULL, &status);

  g_assert_cmpuint (status, ==, 201);
  return g_steal_pointer (&url);
}

JsonNode *
test_http (const char *method,
           const char *url,
           const char *body,
           guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

void
test_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        test_rm_rf (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

TestStore *
test_store_new (void)
{
  g_autoptr(GError) error = NULL;
  TestStore *ts = g_new0 (TestStore, 1);

  ts->dir = g_dir_make_tmp ("caucus-sync-test-XXXXXX", &error);
  g_assert_no_error (error);
  ts->path = g_build_filename (ts->dir, "store.db", NULL);
  ts->store = caucus_store_open (ts->path, &error);
  g_assert_no_error (error);
  return ts;
}

void
test_store_free (TestStore *ts)
{
  if (ts == NULL)
    return;
  g_clear_object (&ts->store);
  test_rm_rf (ts->dir);
  g_free (ts->dir);
  g_free (ts->path);
  g_free (ts);
}

gboolean
test_replicate (CaucusStore                *store,
                const char                 *url,
                CaucusReplicationDirection  direction,
                guint                       batch_size,
                GError                    **error)
{
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, error);
  g_autoptr(CaucusReplicator) r = NULL;

  if (remote == NULL)
    return FALSE;
  r = caucus_replicator_new (store, remote, direction);
  caucus_replicator_set_batch_size (r, batch_size);
  caucus_replicator_set_create_target (r, TRUE);
  return caucus_replicator_run (r, NULL, error);
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GHashTable *
test_leaves_map (CaucusStore *store)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  CaucusChangesOptions opts = { .since = 0, .limit = -1, .all_docs = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = caucus_store_changes (store, &opts, &error);
  JsonArray *rows;

  g_assert_no_error (error);
  rows = json_object_get_array_member (changes, "results");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (rows, i), "id");
      GStrv leaves = caucus_store_get_leaves (store, id, &error);
      g_assert_no_error (error);
      g_hash_table_insert (map, g_strdup (id), leaves);
    }
  return map;
}

/* revpos is bookkeeping for atts_since, not content, and PouchDB rewrites it to the
 * current generation whenever it stores inline attachment data (its adapter's
 * saveAttachment); compare everything else. */
static void
drop_revpos (JsonObject *doc)
{
  JsonObject *atts = json_object_has_member (doc, "_attachments")
                       ? json_object_get_object_member (doc, "_attachments") : NULL;
  g_autoptr(GList) names = atts ? json_object_get_members (atts) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    json_object_remove_member (json_object_get_object_member (atts, l->data), "revpos");
}

void
test_assert_same_docs (CaucusStore *a,
                       CaucusStore *b)
{
  g_autoptr(GHashTable) ma = test_leaves_map (a);
  g_autoptr(GHashTable) mb = test_leaves_map (b);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (ma), ==, g_hash_table_size (mb));
  g_hash_table_iter_init (&iter, ma);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GStrv la = value, lb = g_hash_table_lookup (mb, key);
      g_autoptr(GPtrArray) sa = g_ptr_array_new ();
      g_autoptr(GPtrArray) sb = g_ptr_array_new ();

      if (lb == NULL)
        g_error ("document %s is missing from the second store", (char *) key);
      /* same winner */
      g_assert_cmpstr (la[0], ==, lb[0]);
      for (guint i = 0; la[i]; i++)
        g_ptr_array_add (sa, la[i]);
      for (guint i = 0; lb[i]; i++)
        g_ptr_array_add (sb, lb[i]);
      g_ptr_array_sort (sa, cmp_str);
      g_ptr_array_sort (sb, cmp_str);
      g_assert_cmpuint (sa->len, ==, sb->len);
      for (guint i = 0; i < sa->len; i++)
        {
          CaucusGetOptions opts = { .rev = g_ptr_array_index (sa, i), .attachments = TRUE };
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) da = NULL, db = NULL;
          g_autoptr(JsonNode) na = NULL, nb = NULL;

          g_assert_cmpstr (g_ptr_array_index (sa, i), ==, g_ptr_array_index (sb, i));
          da = caucus_store_get (a, key, &opts, &error);
          g_assert_no_error (error);
          db = caucus_store_get (b, key, &opts, &error);
          g_assert_no_error (error);
          drop_revpos (da);
          drop_revpos (db);
          na = json_node_init_object (json_node_alloc (), da);
          nb = json_node_init_object (json_node_alloc (), db);
          if (!json_node_equal (na, nb))
            {
              g_autofree char *ta = caucus_json_to_string (na, NULL);
              g_autofree char *tb = caucus_json_to_string (nb, NULL);
              g_error ("%s %s differs:\n%s\n%s", (char *) key, (char *) g_ptr_array_index (sa, i), ta, tb);
            }
        }
    }
}

JsonObject *
test_parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *obj = caucus_json_parse_object (json, -1, CAUCUS_JSON_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return obj;
}

char *
test_put (CaucusStore *store,
          const char  *json)
{
  g_autoptr(GError) error = NULL;
  char *rev = caucus_store_put_json (store, json, -1, &error);

  g_assert_no_error (error);
  return rev;
}

void
test_fill_store (CaucusStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *del = NULL, *att = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hello, delegates\n", 17);
  g_autoptr(JsonObject) local = test_parse ("{\"_id\":\"_local/device\",\"theme\":\"dark\"}");
  g_autofree char *lrev = NULL;

  g_free (test_put (store, "{\"_id\":\"org:1\",\"type\":\"org\",\"name\":\"Access Now\"}"));
  r1 = test_put (store, "{\"_id\":\"person:1\",\"type\":\"person\",\"name\":\"Ana\"}");
  {
    g_autofree char *json = g_strdup_printf ("{\"_id\":\"person:1\",\"_rev\":\"%s\",\"type\":\"person\","
                                             "\"name\":\"Ana María\",\"tags\":[\"IGF\",\"ITU\"]}", r1);
    r2 = test_put (store, json);
  }
  r3 = test_put (store, "{\"_id\":\"gone\",\"type\":\"org\",\"name\":\"Short-lived\"}");
  del = caucus_store_delete (store, "gone", r3, &error);
  g_assert_no_error (error);
  att = caucus_store_put_attachment (store, "statement:1", NULL, "draft.txt", "text/plain", bytes, &error);
  g_assert_no_error (error);
  g_free (test_put (store, "{\"_id\":\"unicode:é/ü?\",\"type\":\"org\",\"name\":\"ünïcødé & slashes\"}"));
  lrev = caucus_store_put_local (store, local, &error);
  g_assert_no_error (error);
}

