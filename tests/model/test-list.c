/* test-list.c — the lazy list models over a real store: paging, sorting, filters, what a
 * document involves, event ranges, saving and deleting, and the index kept across opens.
 * How the lists follow the store's changes is in test-list-updates.c. */
#include <string.h>

#include "caucus-balance.h"
#include "caucus-document-list.h"
#include "caucus-document-types.h"
#include "caucus-model-index.h"
#include "caucus-model-error.h"
#include "list-fixture.h"

/* ---- paging and sorting -------------------------------------------------------------- */

static void
test_paging (ListFixture   *f,
             gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(GPtrArray) forward = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *docs = json_array_new ();
  g_autoptr(JsonArray) results = NULL;
  const char *prev_key = NULL;

  /* 300 organisations in one transaction; names in several scripts and with accents. */
  for (guint i = 0; i < 300; i++)
    {
      static const char * const stems[] = { "Élan", "elan", "Zeta", "Ångström", "Комитет", "مؤسسة", "中心", "alpha" };
      JsonObject *doc = json_object_new ();
      g_autofree char *id = g_strdup_printf ("org:%03u", i);
      g_autofree char *name = g_strdup_printf ("%s %03u", stems[i % G_N_ELEMENTS (stems)], (i * 7919) % 300);
      json_object_set_string_member (doc, "_id", id);
      json_object_set_string_member (doc, "type", "org");
      json_object_set_string_member (doc, "name", name);
      json_array_add_object_element (docs, doc);
    }
  results = caucus_store_bulk_docs (f->store, docs, TRUE, &error);
  json_array_unref (docs);
  g_assert_no_error (error);

  list_fixture_open_index (f);
  list = caucus_document_list_new (f->index, "org");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CAUCUS_TYPE_DOCUMENT);

  /* Forward scrolling (keyset pages) and random access (OFFSET pages) agree. */
  forward = list_fixture_ids (list);
  for (guint k = 0; k < 200; k++)
    {
      guint pos = g_test_rand_int_range (0, 300);
      g_autoptr(GObject) item = NULL;
      g_autoptr(CaucusDocumentList) other = caucus_document_list_new (f->index, "org");

      g_assert_cmpstr (caucus_document_list_get_id (other, pos), ==, forward->pdata[pos]);
      item = g_list_model_get_item (G_LIST_MODEL (other), pos);
      g_assert_true (CAUCUS_IS_ORG (item));
      g_assert_cmpstr (caucus_document_get_id (CAUCUS_DOCUMENT (item)), ==, forward->pdata[pos]);
      g_assert_cmpint (caucus_document_list_find (other, forward->pdata[pos]), ==, pos);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 300));

  /* Accent- and case-insensitive order: "Élan" and "elan" interleave, "Ångström" < "Zeta". */
  for (guint i = 0; i < forward->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *name = caucus_document_get_display_name (CAUCUS_DOCUMENT (item));
      g_autofree char *n1 = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
      g_autofree char *key = NULL;
      GString *s = g_string_new (NULL);
      for (const char *p = n1; *p; p = g_utf8_next_char (p))
        if (g_unichar_type (g_utf8_get_char (p)) != G_UNICODE_NON_SPACING_MARK)
          g_string_append_unichar (s, g_utf8_get_char (p));
      key = g_utf8_casefold (s->str, -1);
      g_string_free (s, TRUE);
      if (prev_key != NULL)
        g_assert_cmpint (strcmp (prev_key, key), <=, 0);
      g_free ((char *) prev_key);
      prev_key = g_steal_pointer (&key);
    }
  g_free ((char *) prev_key);

  /* Newest first. */
  caucus_document_list_set_sort (list, CAUCUS_LIST_SORT_UPDATED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
}

/* ---- filters ----------------------------------------------------------------------- */

static void
test_filters (ListFixture   *f,
              gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) orgs = NULL;
  g_autoptr(CaucusDocumentList) people = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  const char * const signatories[] = { "org:apc", "org:ifex", "org:apc", "org:gone", NULL };
  char *rev;

  rev = list_fixture_put (f, "{\"_id\":\"org:apc\",\"type\":\"org\",\"name\":\"Association for Progressive Communications\",\"kind\":\"civil-society\","
                             "\"regional_group\":\"African\",\"countries\":[\"ZA\",\"GB\"],\"expertise\":[\"access\",\"rights\"],"
                             "\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"general\"}],\"tags\":[\"wcit\"]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"org:ifex\",\"type\":\"org\",\"name\":\"IFEX\",\"kind\":\"civil-society\",\"regional_group\":\"WEOG\","
                             "\"countries\":[\"CA\"],\"expertise\":[\"expression\"],\"tags\":[\"wcit\",\"media\"]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"org:itu\",\"type\":\"org\",\"name\":\"Union internationale des télécommunications\",\"kind\":\"intergovernmental\","
                             "\"countries\":[\"CH\"],\"accreditations\":[{\"body\":\"ECOSOC\"}]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"org:bad\",\"type\":\"org\",\"name\":\"Broken Org\",\"kind\":\"ngo\",\"countries\":[\"XX\"]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Anriette Esterhuysen\",\"org_id\":\"org:apc\",\"country\":\"ZA\","
                             "\"regional_group\":\"African\",\"languages\":[\"en\",\"af\"]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"p:2\",\"type\":\"person\",\"name\":\"José Pérez\",\"org_id\":\"org:ifex\",\"country\":\"MX\","
                             "\"regional_group\":\"GRULAC\"}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"p:3\",\"type\":\"person\",\"name\":\"Leila\",\"org_id\":\"org:apc\"}"); g_free (rev);

  list_fixture_open_index (f);
  orgs = caucus_document_list_new (f->index, "org");
  people = caucus_document_list_new (f->index, "person");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orgs)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, 3);

#define N(list) g_list_model_get_n_items (G_LIST_MODEL (list))
  g_object_set (orgs, "kind", "civil-society", NULL);
  g_assert_cmpuint (N (orgs), ==, 2);
  g_object_set (orgs, "regional-group", "WEOG", NULL);
  g_assert_cmpuint (N (orgs), ==, 1);
  g_assert_cmpstr (caucus_document_list_get_id (orgs, 0), ==, "org:ifex");
  g_object_set (orgs, "kind", NULL, "regional-group", NULL, "country", "GB", NULL);
  g_assert_cmpuint (N (orgs), ==, 1);
  g_object_set (orgs, "country", NULL, "expertise", "expression", NULL);
  g_assert_cmpuint (N (orgs), ==, 1);
  g_object_set (orgs, "expertise", NULL, "accreditation", "ECOSOC", NULL);
  g_assert_cmpuint (N (orgs), ==, 2);
  g_object_set (orgs, "accreditation", NULL, "tag", "wcit", NULL);
  g_assert_cmpuint (N (orgs), ==, 2);
  g_object_set (orgs, "tag", NULL, NULL);
  caucus_document_list_set_problems_only (orgs, TRUE);
  g_assert_cmpuint (N (orgs), ==, 1);
  g_assert_cmpstr (caucus_document_list_get_id (orgs, 0), ==, "org:bad");
  caucus_document_list_set_problems_only (orgs, FALSE);

  /* Search as you type through the store's FTS: accents and case do not matter. */
  g_object_set (orgs, "search", "telecommunications", NULL);
  g_assert_cmpuint (N (orgs), ==, 1);
  g_assert_cmpstr (caucus_document_list_get_id (orgs, 0), ==, "org:itu");
  g_object_set (orgs, "search", "progr", NULL);
  g_assert_cmpuint (N (orgs), ==, 1);
  balance = caucus_document_list_compute_balance (orgs, &error);   /* the current filter only */
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, 1);
  g_clear_pointer (&balance, caucus_balance_free);
  g_object_set (orgs, "search", NULL, NULL);
  g_object_set (people, "search", "jose", NULL);
  g_assert_cmpuint (N (people), ==, 1);
  g_object_set (people, "search", "\"(NEAR* OR", NULL);   /* FTS syntax typed by a person is text */
  g_assert_null (caucus_document_list_get_error (people));
  g_object_set (people, "search", NULL, NULL);

  /* People of an organisation; people by their organisation's kind. */
  g_object_set (people, "ref-id", "org:apc", NULL);
  g_assert_cmpuint (N (people), ==, 2);
  g_object_set (people, "ref-id", NULL, "kind", "civil-society", NULL);
  g_assert_cmpuint (N (people), ==, 3);
  g_object_set (people, "kind", "intergovernmental", NULL);
  g_assert_cmpuint (N (people), ==, 0);
  g_object_set (people, "kind", NULL, NULL);

  values = caucus_model_index_list_values (f->index, "org", "tag", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (((CaucusValueCount *) values->pdata[0])->value, ==, "wcit");
  g_assert_cmpuint (((CaucusValueCount *) values->pdata[0])->count, ==, 2);
  g_clear_pointer (&values, g_ptr_array_unref);
  values = caucus_model_index_list_values (f->index, "org", "kind", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CaucusValueCount *) values->pdata[0])->value, ==, "civil-society");
  g_assert_null (caucus_model_index_list_values (f->index, "org", "name; DROP TABLE entries", &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* Balance of the whole directory, of people (by their organisation), of signatories. */
  balance = caucus_document_list_compute_balance (orgs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, 4);
  g_assert_cmpuint (caucus_balance_get (balance, "African", "civil-society"), ==, 1);
  g_assert_cmpuint (caucus_balance_get (balance, "WEOG", "civil-society"), ==, 1);
  g_assert_cmpuint (caucus_balance_get (balance, NULL, "intergovernmental"), ==, 1);
  g_assert_cmpuint (caucus_balance_get (balance, NULL, NULL), ==, 1);   /* "ngo" is not a kind */
  g_assert_cmpuint (caucus_balance_count_gaps (balance), ==, 5 * 7 - 2);
  g_clear_pointer (&balance, caucus_balance_free);

  balance = caucus_document_list_compute_balance (people, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get (balance, "African", "civil-society"), ==, 2);   /* Leila via APC */
  g_assert_cmpuint (caucus_balance_get (balance, "GRULAC", "civil-society"), ==, 1);
  g_clear_pointer (&balance, caucus_balance_free);

  balance = caucus_balance_new_for_org_ids (f->store, signatories, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, 2);
  g_assert_cmpuint (caucus_balance_get_kind_total (balance, "civil-society"), ==, 2);
  g_assert_cmpuint (caucus_balance_get_group_total (balance, "WEOG"), ==, 1);
#undef N
}

static void
test_involves (ListFixture   *f,
               gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) sessions = NULL;
  g_autoptr(CaucusDocumentList) org_sessions = NULL;
  g_autoptr(CaucusDocumentList) signed_by = NULL;
  g_autoptr(CaucusDocumentList) milestones = NULL;
  char *rev;

  list_fixture_put_org (f, "org:apc", "APC", "civil-society", "African");
  rev = list_fixture_put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Anriette\",\"org_id\":\"org:apc\"}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"p:2\",\"type\":\"person\",\"name\":\"Valeria\",\"org_id\":\"org:apc\"}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"p:3\",\"type\":\"person\",\"name\":\"Other\"}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"e:1\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Opening\",\"start\":\"2012-11-03T05:00:00Z\","
                             "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:1\",\"role\":\"speaker\"},{\"name\":\"Guest\",\"role\":\"moderator\"}]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"e:2\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Closing\",\"start\":\"2012-11-04T05:00:00Z\","
                             "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:2\",\"role\":\"rapporteur\"},{\"person_id\":\"p:3\",\"role\":\"speaker\"}]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"e:3\",\"type\":\"event\",\"kind\":\"milestone\",\"title\":\"Map members\",\"owner_ids\":[\"org:apc\"]}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"sig:1\",\"type\":\"signature\",\"statement_id\":\"st:1\",\"org_id\":\"org:apc\","
                             "\"signed_at\":\"2012-11-06T08:00:00Z\"}"); g_free (rev);
  rev = list_fixture_put (f, "{\"_id\":\"sig:2\",\"type\":\"signature\",\"statement_id\":\"st:1\",\"org_id\":\"org:other\","
                             "\"signed_at\":\"2012-11-06T08:00:00Z\"}"); g_free (rev);
  list_fixture_open_index (f);

  sessions = caucus_document_list_new (f->index, "event");
  g_object_set (sessions, "involves", "p:1", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sessions)), ==, 1);
  g_assert_cmpstr (caucus_document_list_get_id (sessions, 0), ==, "e:1");

  org_sessions = caucus_document_list_new (f->index, "event");
  caucus_document_list_set_sort (org_sessions, CAUCUS_LIST_SORT_START);
  g_object_set (org_sessions, "involves-people-of", "org:apc", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (org_sessions)), ==, 2);

  milestones = caucus_document_list_new (f->index, "event");
  g_object_set (milestones, "involves", "org:apc", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (milestones)), ==, 1);
  g_assert_cmpstr (caucus_document_list_get_id (milestones, 0), ==, "e:3");

  signed_by = caucus_document_list_new (f->index, "signature");
  g_object_set (signed_by, "involves", "org:apc", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (signed_by)), ==, 1);

  /* p:3 joins APC: the closing session already counted; a new session by p:3 does too. */
  list_fixture_rename_doc (f, "p:3", "org_id", "org:apc");
  rev = list_fixture_put (f, "{\"_id\":\"e:4\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Lunch talk\",\"start\":\"2012-11-03T09:00:00Z\","
                             "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:3\",\"role\":\"speaker\"}]}"); g_free (rev);
  list_fixture_settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (org_sessions)), ==, 3);
  g_assert_cmpstr (caucus_document_list_get_id (org_sessions, 1), ==, "e:4");
}

static void
test_event_range (ListFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) day = NULL;
  const char *starts[] = { "2012-11-02T23:00:00Z", "2012-11-03T05:00:00.5Z", "2012-11-03T05:00:00Z",
                           "2012-11-03T19:59:59.999Z", "2012-11-03T20:00:00Z", NULL };

  for (guint i = 0; starts[i]; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"e%u\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"S%u\","
                                               "\"parent_id\":\"conf\",\"start\":\"%s\",\"time_zone\":\"Asia/Baku\"}",
                                               4 - i, i, starts[i]);
      g_autofree char *rev = list_fixture_put (f, json);
    }
  list_fixture_open_index (f);
  day = caucus_document_list_new (f->index, "event");
  caucus_document_list_set_sort (day, CAUCUS_LIST_SORT_START);
  /* 3 November in Baku (UTC+4): [2012-11-02T20:00Z, 2012-11-03T20:00Z). */
  g_object_set (day, "ref-id", "conf", "start-from", "2012-11-02T20:00:00Z", "start-to", "2012-11-03T20:00:00Z", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (day)), ==, 4);
  /* In time order, fractions included ("…00Z" before "…00.5Z"). */
  g_assert_cmpstr (caucus_document_list_get_id (day, 0), ==, "e4");
  g_assert_cmpstr (caucus_document_list_get_id (day, 1), ==, "e2");
  g_assert_cmpstr (caucus_document_list_get_id (day, 2), ==, "e3");
  g_assert_cmpstr (caucus_document_list_get_id (day, 3), ==, "e1");
}

static void
test_save_and_delete (ListFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(CaucusDocument) doc = caucus_document_new_of_type ("org", "alice");
  g_autoptr(CaucusDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  gint64 seq = caucus_store_get_update_seq (f->store);

  /* Invalid local edits are refused and nothing is written. */
  g_object_set (doc, "countries", (const char * const[]) { "XX", NULL }, NULL);
  before = caucus_document_to_json (doc);
  g_assert_false (caucus_document_save (doc, f->store, "alice", &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "The organisation needs a name"));
  g_assert_nonnull (strstr (error->message, "‘XX’ is not an ISO 3166 country code"));
  g_clear_error (&error);
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq);
  after = caucus_document_to_json (doc);
  g_assert_true (json_object_equal (before, after));
  g_assert_null (caucus_document_get_id (doc));

  g_object_set (doc, "name", "Derechos Digitales", "countries", (const char * const[]) { "CL", NULL }, NULL);
  g_assert_true (caucus_document_save (doc, f->store, "bob", &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (caucus_document_get_id (doc), "org:"));
  g_assert_true (g_str_has_prefix (caucus_document_get_rev (doc), "1-"));
  g_assert_cmpstr (caucus_document_get_updated_by (doc), ==, "bob");

  loaded = caucus_document_load (f->store, caucus_document_get_id (doc), &error);
  g_assert_no_error (error);
  g_assert_true (CAUCUS_IS_ORG (loaded));
  g_assert_cmpstr (caucus_document_get_display_name (loaded), ==, "Derechos Digitales");

  /* A stale revision is refused by the store and leaves the document as it was. */
  g_object_set (loaded, "short-name", "DD", NULL);
  g_assert_true (caucus_document_save (loaded, f->store, "carol", &error));
  g_object_set (doc, "short-name", "D.D.", NULL);
  g_assert_false (caucus_document_save (doc, f->store, "bob", &error));
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (g_str_has_prefix (caucus_document_get_rev (doc), "1-"));

  g_assert_true (caucus_document_delete (loaded, f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = caucus_document_load (f->store, caucus_document_get_id (doc), &error);
  g_assert_null (loaded);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
}

static void
test_index_persists (ListFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autofree char *index_path = NULL;
  gint64 seq;

  list_fixture_put_org (f, "org:1", "One", "media", "WEOG");
  list_fixture_open_index (f);
  seq = caucus_model_index_get_seq (f->index);
  g_assert_cmpint (seq, ==, caucus_store_get_update_seq (f->store));
  g_clear_object (&f->index);

  /* Written while no index was open: the checkpoint catches it up on open. */
  list_fixture_put_org (f, "org:2", "Two", "media", "WEOG");
  list_fixture_open_index (f);
  g_assert_cmpint (caucus_model_index_get_seq (f->index), >, seq);
  list = caucus_document_list_new (f->index, "org");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_clear_object (&list);
  g_clear_object (&f->index);

  /* An index that belongs to another store is rebuilt rather than trusted. */
  index_path = g_strconcat (f->path, "-index", NULL);
  g_assert_true (g_file_test (index_path, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
    g_autoptr(CaucusStore) other = caucus_store_open (other_path, &error);
    g_autoptr(CaucusModelIndex) wrong = NULL;
    g_autoptr(CaucusDocumentList) l2 = NULL;
    g_assert_no_error (error);
    wrong = caucus_model_index_open (other, index_path, &error);
    g_assert_no_error (error);
    l2 = caucus_document_list_new (wrong, "org");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l2)), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/model/list/paging", ListFixture, NULL, list_fixture_setup, test_paging, list_fixture_teardown);
  g_test_add ("/model/list/filters", ListFixture, NULL, list_fixture_setup, test_filters, list_fixture_teardown);
  g_test_add ("/model/list/involves", ListFixture, NULL, list_fixture_setup, test_involves, list_fixture_teardown);
  g_test_add ("/model/list/event-range", ListFixture, NULL, list_fixture_setup, test_event_range, list_fixture_teardown);
  g_test_add ("/model/list/save-and-delete", ListFixture, NULL, list_fixture_setup, test_save_and_delete, list_fixture_teardown);
  g_test_add ("/model/list/index-persists", ListFixture, NULL, list_fixture_setup, test_index_persists, list_fixture_teardown);
  return g_test_run ();
}
