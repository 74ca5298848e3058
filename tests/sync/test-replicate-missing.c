/* test-replicate-missing.c — caucus_store_replicate_missing() (the pull's per-document
 * revs_diff, src/store/caucus-store-replicate.c) answers exactly what
 * caucus_store_revs_diff() answers, on random revision trees: linear histories,
 * conflicting branches, tombstones, documents the store has never seen, revisions older,
 * newer and beside the ones it holds, and strings that are not revisions. */
#include "caucus-store-replicate.h"

#include <glib/gstdio.h>
#include <string.h>

static char *
hash_for (GRand *rand)
{
  return g_strdup_printf ("%08x%08x", g_rand_int (rand), g_rand_int (rand));
}

/* A revision of @id at generation @gen on top of the history @hashes (newest first). */
static void
put_branch (CaucusStore *store,
            const char  *id,
            GPtrArray   *hashes,
            gboolean     deleted)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  JsonObject *revisions = json_object_new ();
  JsonArray *ids = json_array_new ();
  g_autofree char *rev = g_strdup_printf ("%u-%s", hashes->len, (char *) g_ptr_array_index (hashes, 0));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < hashes->len; i++)
    json_array_add_string_element (ids, g_ptr_array_index (hashes, i));
  json_object_set_int_member (revisions, "start", hashes->len);
  json_object_set_array_member (revisions, "ids", ids);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_object_member (doc, "_revisions", revisions);
  if (deleted)
    json_object_set_boolean_member (doc, "_deleted", TRUE);
  else
    json_object_set_string_member (doc, "v", rev);
  g_assert_true (caucus_store_put_with_history (store, doc, &error));
  g_assert_no_error (error);
}

static void
test_matches_revs_diff (void)
{
  g_autofree char *dir = g_dir_make_tmp ("caucus-missing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4041);
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) diff = NULL;
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);   /* "id rev" */
  guint compared = 0;

  g_assert_no_error (error);
  for (guint d = 0; d < 60; d++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%u", d);
      g_autoptr(GPtrArray) trunk = g_ptr_array_new_with_free_func (g_free);
      guint depth = g_rand_int_range (rand, 1, 6);
      guint branches = d % 3 == 0 ? 0 : (guint) g_rand_int_range (rand, 1, 4);   /* 0: unknown document */

      for (guint g = 0; g < depth; g++)
        g_ptr_array_insert (trunk, 0, hash_for (rand));
      for (guint b = 0; b < branches; b++)
        {
          /* a branch off the trunk at some generation, a few revisions long */
          g_autoptr(GPtrArray) branch = g_ptr_array_new_with_free_func (g_free);
          guint from = b == 0 ? depth : (guint) g_rand_int_range (rand, 1, depth + 1);
          guint extra = b == 0 ? 0 : (guint) g_rand_int_range (rand, 1, 3);

          for (guint i = depth - from; i < depth; i++)
            g_ptr_array_add (branch, g_strdup (g_ptr_array_index (trunk, i)));
          for (guint e = 0; e < extra; e++)
            g_ptr_array_insert (branch, 0, hash_for (rand));
          put_branch (store, id, branch, g_rand_int_range (rand, 0, 4) == 0);
          g_ptr_array_add (known, g_strdup_printf ("%u-%s", branch->len,
                                                   (char *) g_ptr_array_index (branch, 0)));
        }
      {
        /* ask about: some revisions the store has, some it lacks (older, newer, beside),
         * and a string that is no revision */
        JsonArray *asked = json_array_new ();
        guint n = g_rand_int_range (rand, 1, 6);

        for (guint i = 0; i < n; i++)
          {
            guint kind = g_rand_int_range (rand, 0, 4);

            if (kind == 0 && known->len > 0)
              json_array_add_string_element (asked, g_ptr_array_index (known, known->len - 1));
            else if (kind == 1)
              {
                guint g = g_rand_int_range (rand, 1, depth + 1);
                g_autofree char *rev = g_strdup_printf ("%u-%s", g,
                                                        (char *) g_ptr_array_index (trunk, depth - g));
                json_array_add_string_element (asked, rev);
              }
            else if (kind == 2)
              {
                g_autofree char *h = hash_for (rand);
                g_autofree char *rev = g_strdup_printf ("%u-%s", g_rand_int_range (rand, 1, 9), h);
                json_array_add_string_element (asked, rev);
              }
            else
              json_array_add_string_element (asked, "not-a-revision");
          }
        json_object_set_array_member (request, id, asked);
      }
    }

  g_assert_true (caucus_store_read_begin (store, &error));
  diff = caucus_store_revs_diff (store, request, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GList) ids = json_object_get_members (request);

    for (GList *l = ids; l != NULL; l = l->next)
      {
        JsonArray *asked = json_object_get_array_member (request, l->data);
        g_autoptr(GPtrArray) revs = g_ptr_array_new ();
        g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) ancestors = g_ptr_array_new_with_free_func (g_free);
        JsonObject *entry = json_object_has_member (diff, l->data)
                            ? json_object_get_object_member (diff, l->data) : NULL;

        for (guint i = 0; i < json_array_get_length (asked); i++)
          g_ptr_array_add (revs, (gpointer) json_array_get_string_element (asked, i));
        g_assert_true (caucus_store_replicate_missing (store, l->data, (const char * const *) revs->pdata,
                                                       revs->len, missing, ancestors, &error));
        g_assert_no_error (error);
        if (entry == NULL)
          {
            g_assert_cmpuint (missing->len, ==, 0);
            continue;
          }
        {
          JsonArray *m = json_object_get_array_member (entry, "missing");
          JsonArray *a = json_object_has_member (entry, "possible_ancestors")
                         ? json_object_get_array_member (entry, "possible_ancestors") : NULL;

          g_assert_cmpuint (missing->len, ==, json_array_get_length (m));
          for (guint i = 0; i < missing->len; i++)
            g_assert_cmpstr (g_ptr_array_index (missing, i), ==, json_array_get_string_element (m, i));
          g_assert_cmpuint (ancestors->len, ==, a ? json_array_get_length (a) : 0);
          for (guint i = 0; i < ancestors->len; i++)
            g_assert_cmpstr (g_ptr_array_index (ancestors, i), ==, json_array_get_string_element (a, i));
        }
        compared++;
      }
  }
  caucus_store_read_end (store);
  g_assert_cmpuint (compared, >, 30);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/replicate-missing/matches-revs-diff", test_matches_revs_diff);
  return g_test_run ();
}
