/* caucus-test-util.c — what the test programs share (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "caucus-test-util.h"

#include <glib/gstdio.h>
#include <stdarg.h>

static gboolean
flag_set_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
caucus_test_iterate_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_set_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
caucus_test_wait_until (CaucusTestCondition condition,
                        gpointer            data,
                        guint               timeout_s,
                        const char         *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting until %s", what);
      caucus_test_iterate_ms (10);
    }
}

char *
caucus_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
caucus_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        caucus_test_remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_rmdir (path);
  else
    g_unlink (path);
}

char *
caucus_test_isolate_user_dirs (const char *tmpl)
{
  static const char * const user_dirs[] = {
    "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  char *top = caucus_test_make_tmp_dir (tmpl);

  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (top, user_dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (user_dirs[i], dir, TRUE);
    }
  return top;
}

CaucusStore *
caucus_test_open_store (const char *dir,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CaucusStore *store = caucus_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
caucus_test_put_json (CaucusStore *store,
                      const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = caucus_store_put_json (store, json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

void
caucus_test_put_revision (CaucusStore *store,
                          JsonObject  *doc,
                          guint        start,
                          const char  *hash,
                          ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = g_strdup_printf ("%u-%s", start, hash);
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();
  const char *ancestor;
  va_list args;

  json_array_add_string_element (ids, hash);
  va_start (args, hash);
  while ((ancestor = va_arg (args, const char *)) != NULL)
    json_array_add_string_element (ids, ancestor);
  va_end (args);
  json_object_set_int_member (revisions, "start", start);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_object_member (doc, "_revisions", revisions);
  g_assert_true (caucus_store_put_with_history (store, doc, &error));
  g_assert_no_error (error);
}

JsonObject *
caucus_test_parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (json == NULL)
    return NULL;
  parser = json_parser_new ();
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}
