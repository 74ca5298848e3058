/* list-fixture.c — see list-fixture.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "caucus-test-util.h"
#include "list-fixture.h"

void
list_fixture_setup (ListFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caucus-model-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
}

void
list_fixture_teardown (ListFixture   *f,
                       gconstpointer  data)
{
  g_clear_object (&f->index);
  g_clear_object (&f->store);
  caucus_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

void
list_fixture_open_index (ListFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->index);
  f->index = caucus_model_index_open (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->index);
}

void
list_fixture_settle (ListFixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (caucus_model_index_get_seq (f->index) < caucus_store_get_update_seq (f->store))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the index did not catch up with the store");
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

char *
list_fixture_put (ListFixture *f,
                  const char  *json)
{
  g_autoptr(GError) error = NULL;
  char *rev = caucus_store_put_json (f->store, json, -1, &error);

  g_assert_no_error (error);
  return rev;
}

void
list_fixture_put_org (ListFixture *f,
                      const char  *id,
                      const char  *name,
                      const char  *kind,
                      const char  *group)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"org\",\"name\":\"%s\",\"kind\":\"%s\","
                                           "\"regional_group\":\"%s\",\"tags\":[\"t%c\"]}",
                                           id, name, kind, group, id[strlen (id) - 1]);
  g_autofree char *rev = list_fixture_put (f, json);
}

JsonObject *
list_fixture_get (ListFixture *f,
                  const char  *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = caucus_store_get (f->store, id, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

GPtrArray *
list_fixture_ids (CaucusDocumentList *list)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup (caucus_document_list_get_id (list, i)));
  return ids;
}

void
list_fixture_rename_doc (ListFixture *f,
                         const char  *id,
                         const char  *member,
                         const char  *value)
{
  g_autoptr(JsonObject) doc = list_fixture_get (f, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, member, value);
  rev = caucus_store_put (f->store, doc, &error);
  g_assert_no_error (error);
}

void
list_fixture_delete_doc (ListFixture *f,
                         const char  *id)
{
  g_autoptr(JsonObject) doc = list_fixture_get (f, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = caucus_store_delete (f->store, id, json_object_get_string_member (doc, "_rev"), &error);

  g_assert_no_error (error);
}
