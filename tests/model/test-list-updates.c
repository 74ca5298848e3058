/* test-list-updates.c — the lazy list models following the store: items-changed ranges
 * replayed on a mirror array after inserts, edits and deletes (planned and random), search
 * lists, people following their organisation, and lists dropped in the middle of an update. */
#include "caucus-balance.h"
#include "caucus-document-list.h"
#include "caucus-document-types.h"
#include "caucus-model-index.h"
#include "caucus-model-error.h"
#include "list-fixture.h"

/* ---- items-changed -------------------------------------------------------------------- */

typedef struct {
  CaucusDocumentList *list;
  GPtrArray          *mirror;     /* char* ids */
  guint               removed;
  guint               added;
  guint               signals;
} Mirror;

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  Mirror *m = user_data;

  g_assert_cmpuint (position + removed, <=, m->mirror->len);
  g_ptr_array_remove_range (m->mirror, position, removed);
  /* Read the new items now, as GtkFilterListModel does: they must already be final. */
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (m->mirror, position + i, g_strdup (caucus_document_list_get_id (m->list, position + i)));
  g_assert_cmpuint (m->mirror->len, ==, g_list_model_get_n_items (model));
  m->removed += removed;
  m->added += added;
  m->signals++;
}

static void
mirror_init (Mirror             *m,
             CaucusDocumentList *list)
{
  m->list = list;
  m->mirror = list_fixture_ids (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_items_changed_cb), m);
}

static void
mirror_check (Mirror *m)
{
  g_autoptr(GPtrArray) actual = NULL;
  g_autoptr(CaucusDocumentList) fresh = NULL;
  g_autoptr(CaucusModelIndex) index = NULL;

  g_object_get (m->list, "index", &index, NULL);
  fresh = caucus_document_list_new (index, caucus_document_list_get_doc_type (m->list));
  g_object_set (fresh,
                "kind", caucus_document_list_get_filter (m->list, "kind"),
                "regional-group", caucus_document_list_get_filter (m->list, "regional_group"),
                "tag", caucus_document_list_get_filter (m->list, "tag"),
                "search", caucus_document_list_get_filter (m->list, "search"),
                "sort", caucus_document_list_get_sort (m->list),
                NULL);
  actual = list_fixture_ids (fresh);
  g_assert_cmpuint (m->mirror->len, ==, actual->len);
  for (guint i = 0; i < actual->len; i++)
    g_assert_cmpstr (m->mirror->pdata[i], ==, actual->pdata[i]);
  m->removed = m->added = m->signals = 0;
}

static void
mirror_clear (Mirror *m)
{
  g_signal_handlers_disconnect_by_data (m->list, m);
  g_ptr_array_unref (m->mirror);
}

static void
test_items_changed (ListFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) all = NULL;
  g_autoptr(CaucusDocumentList) weog = NULL;
  g_autoptr(GError) error = NULL;
  Mirror m_all = { 0 }, m_weog = { 0 };

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("org:%03u", i);
      g_autofree char *name = g_strdup_printf ("Org %03u", i * 2);
      list_fixture_put_org (f, id, name, i % 3 ? "civil-society" : "academia", i % 2 ? "WEOG" : "GRULAC");
    }
  list_fixture_open_index (f);
  all = caucus_document_list_new (f->index, "org");
  weog = caucus_document_list_new (f->index, "org");
  g_object_set (weog, "regional-group", "WEOG", NULL);
  mirror_init (&m_all, all);
  mirror_init (&m_weog, weog);
  /* Load a few pages so stale caches would show. */
  g_assert_nonnull (caucus_document_list_get_id (all, 99));
  g_assert_nonnull (caucus_document_list_get_id (weog, 10));

  /* Insert in the middle: one (p, 0, 1). */
  list_fixture_put_org (f, "org:new", "Org 051", "media", "WEOG");
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.signals, ==, 1);
  g_assert_cmpuint (m_all.removed, ==, 0);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpstr (m_all.mirror->pdata[26], ==, "org:new");
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that does not move: one (p, 1, 1). */
  list_fixture_rename_doc (f, "org:010", "kind", "technical");
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.signals, ==, 1);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpuint (m_weog.signals, ==, 0);   /* org:010 is GRULAC */
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that moves: removed at the old place, added at the new one. */
  list_fixture_rename_doc (f, "org:005", "name", "Zz last");
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpuint (m_all.signals, ==, 2);
  g_assert_cmpstr (m_all.mirror->pdata[m_all.mirror->len - 1], ==, "org:005");
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that leaves a filter. */
  list_fixture_rename_doc (f, "org:007", "regional_group", "EEG");
  list_fixture_settle (f);
  g_assert_cmpuint (m_weog.removed, ==, 1);
  g_assert_cmpuint (m_weog.added, ==, 0);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Delete. */
  list_fixture_delete_doc (f, "org:050");
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 0);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Several changes in one transaction: adjacent ones share one signal. */
  g_assert_true (caucus_store_begin (f->store, &error));
  list_fixture_rename_doc (f, "org:020", "name", "Org 041a");
  list_fixture_rename_doc (f, "org:021", "name", "Org 041b");
  list_fixture_delete_doc (f, "org:030");
  list_fixture_put_org (f, "org:x1", "Aaa first", "academia", "WEOG");
  list_fixture_put_org (f, "org:x2", "Org 121", "academia", "WEOG");
  g_assert_true (caucus_store_commit (f->store, &error));
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.removed, ==, 3);
  g_assert_cmpuint (m_all.added, ==, 4);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Documents of other types do not disturb the list. */
  {
    g_autofree char *rev = list_fixture_put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Org 001\"}");
  }
  list_fixture_settle (f);
  g_assert_cmpuint (m_all.signals, ==, 0);
  mirror_check (&m_all);

  mirror_clear (&m_all);
  mirror_clear (&m_weog);
}

/* The totals the index keeps by triggers (an unfiltered list's count, the filter menus'
 * value counts) equal what counting the rows gives, after any mix of writes. */
static void
check_kept_counts (ListFixture *f,
                   guint        n_orgs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocumentList) all = caucus_document_list_new (f->index, "org");
  g_autoptr(GPtrArray) values = caucus_model_index_list_values (f->index, "org", "tag", &error);
  guint listed = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, n_orgs);
  for (guint i = 0; i < values->len; i++)
    {
      CaucusValueCount *vc = g_ptr_array_index (values, i);
      g_autoptr(CaucusDocumentList) tagged = caucus_document_list_new (f->index, "org");

      g_object_set (tagged, "tag", vc->value, NULL);
      g_assert_cmpuint (vc->count, >, 0);
      g_assert_cmpuint (vc->count, ==, g_list_model_get_n_items (G_LIST_MODEL (tagged)));
      listed += vc->count;
    }
  g_assert_cmpuint (listed, ==, n_orgs);   /* every organisation has exactly one tag */
}

static void
test_items_changed_random (ListFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) by_name = NULL;
  g_autoptr(CaucusDocumentList) by_updated = NULL;
  g_autoptr(CaucusDocumentList) tagged = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_free);
  Mirror m1 = { 0 }, m2 = { 0 }, m3 = { 0 };
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint next = 0;

  g_test_message ("seed %u", seed);
  list_fixture_open_index (f);
  by_name = caucus_document_list_new (f->index, "org");
  by_updated = caucus_document_list_new (f->index, "org");
  caucus_document_list_set_sort (by_updated, CAUCUS_LIST_SORT_UPDATED);
  tagged = caucus_document_list_new (f->index, "org");
  g_object_set (tagged, "tag", "t3", NULL);
  mirror_init (&m1, by_name);
  mirror_init (&m2, by_updated);
  mirror_init (&m3, tagged);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(GError) error = NULL;
      guint ops = g_rand_int_range (rand, 1, 6);
      gboolean txn = ops > 1 && g_rand_boolean (rand);

      if (txn)
        g_assert_true (caucus_store_begin (f->store, &error));
      for (guint k = 0; k < ops; k++)
        {
          guint what = live->len == 0 ? 0 : g_rand_int_range (rand, 0, 4);
          g_autofree char *name = g_strdup_printf ("N%02d", g_rand_int_range (rand, 0, 40));
          g_autofree char *stamp = g_strdup_printf ("2012-01-01T00:%02u:%02uZ", round, k);

          if (what == 0)
            {
              g_autofree char *id = g_strdup_printf ("org:%u", next++);
              list_fixture_put_org (f, id, name, "media", "WEOG");
              g_ptr_array_add (live, g_steal_pointer (&id));
            }
          else
            {
              guint victim = g_rand_int_range (rand, 0, live->len);
              if (what == 1)
                {
                  list_fixture_delete_doc (f, live->pdata[victim]);
                  g_ptr_array_remove_index (live, victim);
                }
              else if (what == 2)
                list_fixture_rename_doc (f, live->pdata[victim], "name", name);
              else
                {
                  list_fixture_rename_doc (f, live->pdata[victim], "updated", stamp);
                }
            }
        }
      if (txn)
        g_assert_true (caucus_store_commit (f->store, &error));
      list_fixture_settle (f);
      mirror_check (&m1);
      mirror_check (&m2);
      mirror_check (&m3);
      check_kept_counts (f, live->len);
    }
  mirror_clear (&m1);
  mirror_clear (&m2);
  mirror_clear (&m3);
}

static void
test_search_list_updates (ListFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  Mirror m = { 0 };

  list_fixture_put_org (f, "org:1", "Café Society", "media", "WEOG");
  list_fixture_put_org (f, "org:2", "Cafeteria Union", "media", "WEOG");
  list_fixture_put_org (f, "org:3", "Tea Club", "media", "WEOG");
  list_fixture_open_index (f);
  list = caucus_document_list_new (f->index, "org");
  g_object_set (list, "search", "cafe", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  mirror_init (&m, list);

  list_fixture_rename_doc (f, "org:3", "name", "Tea Café");
  list_fixture_settle (f);
  g_assert_cmpuint (m.added, ==, 1);
  g_assert_cmpuint (m.removed, ==, 0);
  mirror_check (&m);
  list_fixture_rename_doc (f, "org:1", "name", "Society");
  list_fixture_settle (f);
  g_assert_cmpuint (m.removed, ==, 1);
  mirror_check (&m);

  /* Hits are in name order by the sort key kept beside the search rows, which follows
   * an edit; a person matching the text is not an organisation's hit. */
  g_assert_cmpstr (caucus_document_list_get_id (list, 0), ==, "org:2");   /* Cafeteria Union */
  g_assert_cmpstr (caucus_document_list_get_id (list, 1), ==, "org:3");   /* Tea Café */
  list_fixture_rename_doc (f, "org:2", "name", "Zulu Cafeteria");
  g_free (list_fixture_put (f, "{\"_id\":\"p:cafe\",\"type\":\"person\",\"name\":\"Ana Café\"}"));
  list_fixture_settle (f);
  mirror_check (&m);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (caucus_document_list_get_id (list, 0), ==, "org:3");
  g_assert_cmpstr (caucus_document_list_get_id (list, 1), ==, "org:2");
  mirror_clear (&m);
}

static void
test_people_follow_their_org (ListFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) media_people = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  g_autoptr(GError) error = NULL;
  Mirror m = { 0 };

  list_fixture_put_org (f, "org:a", "A", "media", "WEOG");
  list_fixture_put_org (f, "org:b", "B", "academia", "EEG");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"p:%u\",\"type\":\"person\",\"name\":\"P%02u\",\"org_id\":\"org:%c\"}",
                                               i, (i * 7) % 10, i % 2 ? 'a' : 'b');
      g_autofree char *rev = list_fixture_put (f, json);
    }
  list_fixture_open_index (f);
  media_people = caucus_document_list_new (f->index, "person");
  g_object_set (media_people, "kind", "media", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (media_people)), ==, 5);
  mirror_init (&m, media_people);

  /* The organisation changes kind: its people join the list, placed one by one. */
  list_fixture_rename_doc (f, "org:b", "kind", "media");
  list_fixture_settle (f);
  g_assert_cmpuint (m.added, ==, 5);
  g_assert_cmpuint (m.removed, ==, 0);
  mirror_check (&m);

  balance = caucus_document_list_compute_balance (media_people, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get (balance, "WEOG", "media"), ==, 5);
  g_assert_cmpuint (caucus_balance_get (balance, "EEG", "media"), ==, 5);

  /* Deleted: its people no longer count as media. */
  list_fixture_delete_doc (f, "org:a");
  list_fixture_settle (f);
  g_assert_cmpuint (m.removed, ==, 5);
  mirror_check (&m);
  mirror_clear (&m);
}

static void
drop_other_cb (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  g_clear_object ((CaucusDocumentList **) user_data);
}

static void
test_lists_dropped_while_updating (ListFixture   *f,
                                   gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) first = NULL;
  CaucusDocumentList *second = NULL;
  g_autoptr(CaucusDocumentList) third = NULL;

  list_fixture_put_org (f, "org:1", "One", "media", "WEOG");
  list_fixture_open_index (f);
  first = caucus_document_list_new (f->index, "org");
  second = caucus_document_list_new (f->index, "org");
  third = caucus_document_list_new (f->index, "org");
  /* The first list's handler drops the second list in the middle of the update. */
  g_signal_connect (first, "items-changed", G_CALLBACK (drop_other_cb), &second);
  list_fixture_put_org (f, "org:2", "Two", "media", "WEOG");
  list_fixture_settle (f);
  g_assert_null (second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 2);
  list_fixture_put_org (f, "org:3", "Three", "media", "WEOG");
  list_fixture_settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 3);
}

/* A batch of more changes than the lists can place precisely (a replication batch, an
 * import, another process's sync) is indexed on a worker thread, not on the thread that
 * draws; when it is over each list is reset once and shows every new row.  Writes that
 * arrive while it runs are picked up by another round. */
static void
test_big_batch_on_a_worker (ListFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) all = NULL;
  g_autoptr(GError) error = NULL;
  Mirror m_all = { 0 };

  list_fixture_put_org (f, "org:first", "Org first", "media", "WEOG");
  list_fixture_open_index (f);
  all = caucus_document_list_new (f->index, "org");
  mirror_init (&m_all, all);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1);

  g_assert_true (caucus_store_begin (f->store, &error));
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("org:big-%03u", i);
      g_autofree char *name = g_strdup_printf ("Big %03u", i);
      list_fixture_put_org (f, id, name, "academia", i % 2 ? "WEOG" : "GRULAC");
    }
  g_assert_true (caucus_store_commit (f->store, &error));
  g_assert_no_error (error);
  /* The store's idle delivers "changed": the index hands the batch to a worker at once,
   * so the lists do not change yet. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (caucus_model_index_get_seq (f->index), <, caucus_store_get_update_seq (f->store));
  /* One more write while the worker runs: the next round takes it. */
  list_fixture_put_org (f, "org:late", "Late", "media", "WEOG");
  list_fixture_settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 602);
  mirror_check (&m_all);
  mirror_clear (&m_all);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/model/list/items-changed", ListFixture, NULL, list_fixture_setup, test_items_changed, list_fixture_teardown);
  g_test_add ("/model/list/items-changed-random", ListFixture, NULL, list_fixture_setup, test_items_changed_random, list_fixture_teardown);
  g_test_add ("/model/list/search-updates", ListFixture, NULL, list_fixture_setup, test_search_list_updates, list_fixture_teardown);
  g_test_add ("/model/list/people-follow-their-org", ListFixture, NULL, list_fixture_setup, test_people_follow_their_org, list_fixture_teardown);
  g_test_add ("/model/list/lists-dropped-while-updating", ListFixture, NULL, list_fixture_setup, test_lists_dropped_while_updating, list_fixture_teardown);
  g_test_add ("/model/list/big-batch-on-a-worker", ListFixture, NULL, list_fixture_setup, test_big_batch_on_a_worker, list_fixture_teardown);
  return g_test_run ();
}
