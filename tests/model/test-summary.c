/* test-summary.c — list row summaries read from the model index: the fields a row shows,
 * the same object across a search change while held, a fresh one after an edit, and a
 * summary model that follows its list; slots that keep their position across a search and
 * move with their documents on a precise change. */
#include <glib/gstdio.h>

#include "caucus-model.h"
#include "caucus-summary-slots.h"

static void
settle (CaucusStore      *store,
        CaucusModelIndex *index)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (caucus_model_index_get_seq (index) < caucus_store_get_update_seq (store))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("the index did not catch up with the store");
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
put (CaucusStore *store,
     const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = caucus_store_put_json (store, json, -1, &error);

  g_assert_no_error (error);
}

static void
test_summary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (":memory:", &error);
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(CaucusSummaryModel) model = NULL;
  g_autoptr(CaucusDocumentSummary) org = NULL;
  g_autoptr(CaucusDocumentSummary) person = NULL;
  g_autoptr(CaucusDocumentSummary) again = NULL;
  g_autoptr(CaucusDocumentSummary) edited = NULL;
  gint pos;

  g_assert_no_error (error);
  put (store, "{\"_id\":\"org:a\",\"type\":\"org\",\"name\":\"Access Now\",\"short_name\":\"AN\","
              "\"kind\":\"ngo\",\"regional_group\":\"WEOG\"}");
  put (store, "{\"_id\":\"person:b\",\"type\":\"person\",\"name\":\"Béatrice Genève\",\"title\":\"Policy lead\","
              "\"org_id\":\"org:a\",\"country\":\"FR\",\"regional_group\":\"WEOG\"}");
  put (store, "{\"_id\":\"person:c\",\"type\":\"person\",\"name\":\"Carlos Gente\",\"country\":\"XX\"}");
  index = caucus_model_index_open (store, NULL, &error);
  g_assert_no_error (error);
  settle (store, index);

  list = caucus_document_list_new (index, "org");
  org = caucus_document_list_get_summary (list, 0);
  g_assert_cmpstr (caucus_document_summary_get_id (org), ==, "org:a");
  g_assert_cmpstr (caucus_document_summary_get_doc_type (org), ==, "org");
  g_assert_cmpstr (caucus_document_summary_get_name (org), ==, "Access Now");
  g_assert_cmpstr (caucus_document_summary_get_detail (org), ==, "AN");
  g_assert_cmpstr (caucus_document_summary_get_kind (org), ==, "ngo");
  g_assert_cmpstr (caucus_document_summary_get_regional_group (org), ==, "WEOG");
  {
    g_autoptr(CaucusDocument) doc = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (caucus_document_summary_get_is_valid (org) == caucus_document_is_valid (doc));
  }
  g_assert_null (caucus_document_list_get_summary (list, 1));
  g_clear_object (&list);

  list = caucus_document_list_new (index, "person");
  model = caucus_summary_model_new (list);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CAUCUS_TYPE_DOCUMENT_SUMMARY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  person = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (caucus_document_summary_get_name (person), ==, "Béatrice Genève");
  g_assert_cmpstr (caucus_document_summary_get_detail (person), ==, "Policy lead");
  g_assert_cmpstr (caucus_document_summary_get_country (person), ==, "FR");
  g_assert_cmpstr (caucus_document_summary_get_kind (person), ==, "ngo"); /* the organisation's */
  {
    g_autoptr(CaucusDocument) doc = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (caucus_document_summary_get_is_valid (person) == caucus_document_is_valid (doc));
  }
  {
    g_autoptr(CaucusDocumentSummary) invalid = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_assert_false (caucus_document_summary_get_is_valid (invalid));
  }

  /* A search that keeps the id gives back the same object while it is held. */
  caucus_document_list_set_filter (list, "search", "geneve");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == person);
  g_clear_object (&again);

  /* An edit gives a fresh summary with the new fields. */
  caucus_document_list_set_filter (list, "search", NULL);
  {
    g_autoptr(JsonObject) doc = caucus_store_get (store, "person:b", NULL, &error);
    g_autofree char *rev = NULL;

    g_assert_no_error (error);
    json_object_set_string_member (doc, "title", "Director");
    rev = caucus_store_put (store, doc, &error);
    g_assert_no_error (error);
  }
  settle (store, index);
  pos = caucus_document_list_find (list, "person:b");
  g_assert_cmpint (pos, >=, 0);
  edited = caucus_document_list_get_summary (list, (guint) pos);
  g_assert_true (edited != person);
  g_assert_cmpstr (caucus_document_summary_get_detail (edited), ==, "Director");
  g_assert_cmpstr (caucus_document_summary_get_detail (person), ==, "Policy lead");

  /* Summaries outlive their list safely. */
  g_clear_object (&model);
  g_clear_object (&list);
  g_assert_cmpstr (caucus_document_summary_get_name (edited), ==, "Béatrice Genève");
}

/* Replays items-changed on a mirror of slot pointers and checks it against the model. */
typedef struct {
  GPtrArray *mirror;   /* CaucusSummarySlot*, owned */
  guint      signals;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *m)
{
  g_ptr_array_remove_range (m->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (m->mirror, (gint) (position + i), g_list_model_get_item (model, position + i));
  m->signals++;
}

static void
check_slots (CaucusSlotModel *slots,
             Mirror          *m)
{
  CaucusDocumentList *list = caucus_slot_model_get_list (slots);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (slots));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (m->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusSummarySlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);

      /* The held object is the model's item at that position, showing that document. */
      g_assert_true (slot == g_ptr_array_index (m->mirror, i));
      g_assert_cmpuint (caucus_summary_slot_get_position (slot), ==, i);
      g_assert_cmpstr (caucus_document_summary_get_id (caucus_summary_slot_get_summary (slot)), ==,
                       caucus_document_list_get_id (list, i));
    }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_slots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (":memory:", &error);
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(CaucusSlotModel) slots = NULL;
  g_autoptr(CaucusSummarySlot) first = NULL;
  g_autoptr(CaucusSummarySlot) last = NULL;
  Mirror m = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  static const char *const names[] = { "Ana", "Bea", "Carla", "Dora", "Elif", "Fatou", "Gita", "Hana" };
  guint notified = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"person:%u\",\"type\":\"person\",\"name\":\"%s %s\"}",
                                               i, names[i], i % 2 ? "Garcia" : "Silva");
      put (store, json);
    }
  index = caucus_model_index_open (store, NULL, &error);
  g_assert_no_error (error);
  settle (store, index);

  list = caucus_document_list_new (index, "person");
  slots = caucus_slot_model_new (list);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == CAUCUS_TYPE_SUMMARY_SLOT);
  g_signal_connect (slots, "items-changed", G_CALLBACK (mirror_changed_cb), &m);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (slots)); i++)
    g_ptr_array_add (m.mirror, g_list_model_get_item (G_LIST_MODEL (slots), i));
  check_slots (slots, &m);
  first = g_object_ref (g_ptr_array_index (m.mirror, 0));
  last = g_object_ref (g_ptr_array_index (m.mirror, 7));
  g_signal_connect_swapped (first, "notify::summary", G_CALLBACK (count_cb), &notified);

  /* A search replaces the content: the slot at position 0 stays the same object and
   * shows the first match; slots past the new end are dropped. */
  caucus_document_list_set_filter (list, "search", "garcia");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 4);
  g_assert_true (g_ptr_array_index (m.mirror, 0) == first);
  check_slots (slots, &m);
  g_assert_cmpstr (caucus_document_summary_get_name (caucus_summary_slot_get_summary (first)), ==, "Bea Garcia");
  g_assert_cmpuint (notified, ==, 1);   /* a row bound to it follows */
  caucus_document_list_set_filter (list, "search", NULL);
  g_assert_true (g_ptr_array_index (m.mirror, 0) == first);
  check_slots (slots, &m);
  g_assert_true (g_ptr_array_index (m.mirror, 7) != last);   /* it had left the list */

  /* A precise change: a new person sorting first shifts the slots after it. */
  {
    gpointer second = g_ptr_array_index (m.mirror, 1);
    guint before = m.signals;

    put (store, "{\"_id\":\"person:new\",\"type\":\"person\",\"name\":\"Aaron Zed\"}");
    settle (store, index);
    g_assert_cmpuint (m.signals, ==, before + 1);
    check_slots (slots, &m);
    g_assert_true (g_ptr_array_index (m.mirror, 1) == first);
    g_assert_true (g_ptr_array_index (m.mirror, 2) == second);
    g_assert_cmpuint (caucus_summary_slot_get_position (first), ==, 1);
  }

  /* A deletion in the middle. */
  {
    g_autoptr(JsonObject) doc = caucus_store_get (store, "person:3", NULL, &error);
    g_autofree char *rev = NULL;

    g_assert_no_error (error);
    rev = caucus_store_delete (store, "person:3", json_object_get_string_member (doc, "_rev"), &error);
    g_assert_no_error (error);
    settle (store, index);
    check_slots (slots, &m);
  }

  g_signal_handlers_disconnect_by_data (slots, &m);
  g_ptr_array_unref (m.mirror);
  g_clear_object (&slots);
  g_clear_object (&list);
  /* Slots outlive their model safely. */
  g_assert_nonnull (caucus_summary_slot_get_summary (first));
}

/* A list narrowed by a search alone pages through its hits directly (in name order,
 * keyset paging after the first page); the same search with a filter that every hit
 * passes goes through the entries: both must list the same ids in the same order. */
static void
test_search_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open (":memory:", &error);
  g_autoptr(CaucusModelIndex) index = NULL;
  g_autoptr(CaucusDocumentList) direct = NULL;
  g_autoptr(CaucusDocumentList) filtered = NULL;
  guint n;

  g_assert_no_error (error);
  g_assert_true (caucus_store_begin (store, &error));
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"person:%03u\",\"type\":\"person\",\"name\":\"Zoé %c%03u\","
                                               "\"country\":\"FR\"}", i, 'A' + (i * 7) % 26, (i * 37) % 150);
      put (store, json);
    }
  put (store, "{\"_id\":\"person:other\",\"type\":\"person\",\"name\":\"Ana Silva\",\"country\":\"FR\"}");
  g_assert_true (caucus_store_commit (store, &error));
  index = caucus_model_index_open (store, NULL, &error);
  g_assert_no_error (error);
  settle (store, index);

  direct = caucus_document_list_new (index, "person");
  filtered = caucus_document_list_new (index, "person");
  caucus_document_list_set_filter (direct, "search", "zoe");
  caucus_document_list_set_filter (filtered, "search", "zoe");
  caucus_document_list_set_filter (filtered, "country", "FR");
  n = g_list_model_get_n_items (G_LIST_MODEL (direct));
  g_assert_cmpuint (n, ==, 150);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filtered)), ==, 150);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup (caucus_document_list_get_id (direct, i));

      g_assert_cmpstr (id, ==, caucus_document_list_get_id (filtered, i));
      g_assert_cmpint (caucus_document_list_find (direct, id), ==, (gint) i);
    }
  /* Backwards (OFFSET, not keyset) gives the same. */
  for (guint i = n; i-- > 0;)
    g_assert_cmpstr (caucus_document_list_get_id (direct, i), ==, caucus_document_list_get_id (filtered, i));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/summary", test_summary);
  g_test_add_func ("/model/summary/slots", test_slots);
  g_test_add_func ("/model/summary/search-paging", test_search_paging);
  return g_test_run ();
}
