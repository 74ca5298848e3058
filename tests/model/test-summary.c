/* test-summary.c — list row summaries read from the model index: the fields a row shows,
 * the same object across a search change while held, a fresh one after an edit, and a
 * summary model that follows its list. */
#include <glib/gstdio.h>

#include "caucus-model.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/summary", test_summary);
  return g_test_run ();
}
