/* test-list.c — the lazy list models over a real store: paging, filters, search, balance,
 * and items-changed ranges replayed on a mirror array after inserts, edits and deletes. */
#include <glib/gstdio.h>
#include <string.h>

#include "caucus-model.h"
#include "caucus-balance.h"
#include "caucus-document-list.h"
#include "caucus-document-types.h"
#include "caucus-model-index.h"
#include "caucus-model-error.h"

typedef struct {
  char             *dir;
  char             *path;
  CaucusStore      *store;
  CaucusModelIndex *index;
} Fixture;

static void
rm_rf (const char *dir)
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

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caucus-model-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->index);
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
open_index (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->index);
  f->index = caucus_model_index_open (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->index);
}

/* Lets the store's "changed" reach the index (it is emitted from an idle). */
static void
settle (Fixture *f)
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

static char *
put (Fixture    *f,
     const char *json)
{
  g_autoptr(GError) error = NULL;
  char *rev = caucus_store_put_json (f->store, json, -1, &error);

  g_assert_no_error (error);
  return rev;
}

static void
put_org (Fixture    *f,
         const char *id,
         const char *name,
         const char *kind,
         const char *group)
{
  g_autofree char *json = g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"org\",\"name\":\"%s\",\"kind\":\"%s\","
                                           "\"regional_group\":\"%s\",\"tags\":[\"t%c\"]}",
                                           id, name, kind, group, id[strlen (id) - 1]);
  g_autofree char *rev = put (f, json);
}

static JsonObject *
get (Fixture    *f,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = caucus_store_get (f->store, id, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static GPtrArray *
list_ids (CaucusDocumentList *list)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup (caucus_document_list_get_id (list, i)));
  return ids;
}

/* ---- paging and sorting -------------------------------------------------------------- */

static void
test_paging (Fixture      *f,
             gconstpointer data)
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

  open_index (f);
  list = caucus_document_list_new (f->index, "org");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 300);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CAUCUS_TYPE_DOCUMENT);

  /* Forward scrolling (keyset pages) and random access (OFFSET pages) agree. */
  forward = list_ids (list);
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
test_filters (Fixture      *f,
              gconstpointer data)
{
  g_autoptr(CaucusDocumentList) orgs = NULL;
  g_autoptr(CaucusDocumentList) people = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  const char * const signatories[] = { "org:apc", "org:ifex", "org:apc", "org:gone", NULL };
  char *rev;

  rev = put (f, "{\"_id\":\"org:apc\",\"type\":\"org\",\"name\":\"Association for Progressive Communications\",\"kind\":\"civil-society\","
                "\"regional_group\":\"African\",\"countries\":[\"ZA\",\"GB\"],\"expertise\":[\"access\",\"rights\"],"
                "\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"general\"}],\"tags\":[\"wcit\"]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"org:ifex\",\"type\":\"org\",\"name\":\"IFEX\",\"kind\":\"civil-society\",\"regional_group\":\"WEOG\","
                "\"countries\":[\"CA\"],\"expertise\":[\"expression\"],\"tags\":[\"wcit\",\"media\"]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"org:itu\",\"type\":\"org\",\"name\":\"Union internationale des télécommunications\",\"kind\":\"intergovernmental\","
                "\"countries\":[\"CH\"],\"accreditations\":[{\"body\":\"ECOSOC\"}]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"org:bad\",\"type\":\"org\",\"name\":\"Broken Org\",\"kind\":\"ngo\",\"countries\":[\"XX\"]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Anriette Esterhuysen\",\"org_id\":\"org:apc\",\"country\":\"ZA\","
                "\"regional_group\":\"African\",\"languages\":[\"en\",\"af\"]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"p:2\",\"type\":\"person\",\"name\":\"José Pérez\",\"org_id\":\"org:ifex\",\"country\":\"MX\","
                "\"regional_group\":\"GRULAC\"}"); g_free (rev);
  rev = put (f, "{\"_id\":\"p:3\",\"type\":\"person\",\"name\":\"Leila\",\"org_id\":\"org:apc\"}"); g_free (rev);

  open_index (f);
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
  m->mirror = list_ids (list);
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
  actual = list_ids (fresh);
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
rename_doc (Fixture    *f,
            const char *id,
            const char *member,
            const char *value)
{
  g_autoptr(JsonObject) doc = get (f, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, member, value);
  rev = caucus_store_put (f->store, doc, &error);
  g_assert_no_error (error);
}

static void
delete_doc (Fixture    *f,
            const char *id)
{
  g_autoptr(JsonObject) doc = get (f, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = caucus_store_delete (f->store, id, json_object_get_string_member (doc, "_rev"), &error);

  g_assert_no_error (error);
}

static void
test_items_changed (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(CaucusDocumentList) all = NULL;
  g_autoptr(CaucusDocumentList) weog = NULL;
  g_autoptr(GError) error = NULL;
  Mirror m_all = { 0 }, m_weog = { 0 };

  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("org:%03u", i);
      g_autofree char *name = g_strdup_printf ("Org %03u", i * 2);
      put_org (f, id, name, i % 3 ? "civil-society" : "academia", i % 2 ? "WEOG" : "GRULAC");
    }
  open_index (f);
  all = caucus_document_list_new (f->index, "org");
  weog = caucus_document_list_new (f->index, "org");
  g_object_set (weog, "regional-group", "WEOG", NULL);
  mirror_init (&m_all, all);
  mirror_init (&m_weog, weog);
  /* Load a few pages so stale caches would show. */
  g_assert_nonnull (caucus_document_list_get_id (all, 99));
  g_assert_nonnull (caucus_document_list_get_id (weog, 10));

  /* Insert in the middle: one (p, 0, 1). */
  put_org (f, "org:new", "Org 051", "media", "WEOG");
  settle (f);
  g_assert_cmpuint (m_all.signals, ==, 1);
  g_assert_cmpuint (m_all.removed, ==, 0);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpstr (m_all.mirror->pdata[26], ==, "org:new");
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that does not move: one (p, 1, 1). */
  rename_doc (f, "org:010", "kind", "technical");
  settle (f);
  g_assert_cmpuint (m_all.signals, ==, 1);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpuint (m_weog.signals, ==, 0);   /* org:010 is GRULAC */
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that moves: removed at the old place, added at the new one. */
  rename_doc (f, "org:005", "name", "Zz last");
  settle (f);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  g_assert_cmpuint (m_all.signals, ==, 2);
  g_assert_cmpstr (m_all.mirror->pdata[m_all.mirror->len - 1], ==, "org:005");
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Edit that leaves a filter. */
  rename_doc (f, "org:007", "regional_group", "EEG");
  settle (f);
  g_assert_cmpuint (m_weog.removed, ==, 1);
  g_assert_cmpuint (m_weog.added, ==, 0);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 1);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Delete. */
  delete_doc (f, "org:050");
  settle (f);
  g_assert_cmpuint (m_all.removed, ==, 1);
  g_assert_cmpuint (m_all.added, ==, 0);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Several changes in one transaction: adjacent ones share one signal. */
  g_assert_true (caucus_store_begin (f->store, &error));
  rename_doc (f, "org:020", "name", "Org 041a");
  rename_doc (f, "org:021", "name", "Org 041b");
  delete_doc (f, "org:030");
  put_org (f, "org:x1", "Aaa first", "academia", "WEOG");
  put_org (f, "org:x2", "Org 121", "academia", "WEOG");
  g_assert_true (caucus_store_commit (f->store, &error));
  settle (f);
  g_assert_cmpuint (m_all.removed, ==, 3);
  g_assert_cmpuint (m_all.added, ==, 4);
  mirror_check (&m_all);
  mirror_check (&m_weog);

  /* Documents of other types do not disturb the list. */
  {
    g_autofree char *rev = put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Org 001\"}");
  }
  settle (f);
  g_assert_cmpuint (m_all.signals, ==, 0);
  mirror_check (&m_all);

  mirror_clear (&m_all);
  mirror_clear (&m_weog);
}

/* The totals the index keeps by triggers (an unfiltered list's count, the filter menus'
 * value counts) equal what counting the rows gives, after any mix of writes. */
static void
check_kept_counts (Fixture *f,
                   guint    n_orgs)
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
test_items_changed_random (Fixture      *f,
                           gconstpointer data)
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
  open_index (f);
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
              put_org (f, id, name, "media", "WEOG");
              g_ptr_array_add (live, g_steal_pointer (&id));
            }
          else
            {
              guint victim = g_rand_int_range (rand, 0, live->len);
              if (what == 1)
                {
                  delete_doc (f, live->pdata[victim]);
                  g_ptr_array_remove_index (live, victim);
                }
              else if (what == 2)
                rename_doc (f, live->pdata[victim], "name", name);
              else
                {
                  rename_doc (f, live->pdata[victim], "updated", stamp);
                }
            }
        }
      if (txn)
        g_assert_true (caucus_store_commit (f->store, &error));
      settle (f);
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
test_search_list_updates (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  Mirror m = { 0 };

  put_org (f, "org:1", "Café Society", "media", "WEOG");
  put_org (f, "org:2", "Cafeteria Union", "media", "WEOG");
  put_org (f, "org:3", "Tea Club", "media", "WEOG");
  open_index (f);
  list = caucus_document_list_new (f->index, "org");
  g_object_set (list, "search", "cafe", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  mirror_init (&m, list);

  rename_doc (f, "org:3", "name", "Tea Café");
  settle (f);
  g_assert_cmpuint (m.added, ==, 1);
  g_assert_cmpuint (m.removed, ==, 0);
  mirror_check (&m);
  rename_doc (f, "org:1", "name", "Society");
  settle (f);
  g_assert_cmpuint (m.removed, ==, 1);
  mirror_check (&m);

  /* Hits are in name order by the sort key kept beside the search rows, which follows
   * an edit; a person matching the text is not an organisation's hit. */
  g_assert_cmpstr (caucus_document_list_get_id (list, 0), ==, "org:2");   /* Cafeteria Union */
  g_assert_cmpstr (caucus_document_list_get_id (list, 1), ==, "org:3");   /* Tea Café */
  rename_doc (f, "org:2", "name", "Zulu Cafeteria");
  g_free (put (f, "{\"_id\":\"p:cafe\",\"type\":\"person\",\"name\":\"Ana Café\"}"));
  settle (f);
  mirror_check (&m);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpstr (caucus_document_list_get_id (list, 0), ==, "org:3");
  g_assert_cmpstr (caucus_document_list_get_id (list, 1), ==, "org:2");
  mirror_clear (&m);
}

static void
test_people_follow_their_org (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr(CaucusDocumentList) media_people = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  g_autoptr(GError) error = NULL;
  Mirror m = { 0 };

  put_org (f, "org:a", "A", "media", "WEOG");
  put_org (f, "org:b", "B", "academia", "EEG");
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"p:%u\",\"type\":\"person\",\"name\":\"P%02u\",\"org_id\":\"org:%c\"}",
                                               i, (i * 7) % 10, i % 2 ? 'a' : 'b');
      g_autofree char *rev = put (f, json);
    }
  open_index (f);
  media_people = caucus_document_list_new (f->index, "person");
  g_object_set (media_people, "kind", "media", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (media_people)), ==, 5);
  mirror_init (&m, media_people);

  /* The organisation changes kind: its people join the list, placed one by one. */
  rename_doc (f, "org:b", "kind", "media");
  settle (f);
  g_assert_cmpuint (m.added, ==, 5);
  g_assert_cmpuint (m.removed, ==, 0);
  mirror_check (&m);

  balance = caucus_document_list_compute_balance (media_people, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_balance_get (balance, "WEOG", "media"), ==, 5);
  g_assert_cmpuint (caucus_balance_get (balance, "EEG", "media"), ==, 5);

  /* Deleted: its people no longer count as media. */
  delete_doc (f, "org:a");
  settle (f);
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
test_lists_dropped_while_updating (Fixture      *f,
                                   gconstpointer data)
{
  g_autoptr(CaucusDocumentList) first = NULL;
  CaucusDocumentList *second = NULL;
  g_autoptr(CaucusDocumentList) third = NULL;

  put_org (f, "org:1", "One", "media", "WEOG");
  open_index (f);
  first = caucus_document_list_new (f->index, "org");
  second = caucus_document_list_new (f->index, "org");
  third = caucus_document_list_new (f->index, "org");
  /* The first list's handler drops the second list in the middle of the update. */
  g_signal_connect (first, "items-changed", G_CALLBACK (drop_other_cb), &second);
  put_org (f, "org:2", "Two", "media", "WEOG");
  settle (f);
  g_assert_null (second);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 2);
  put_org (f, "org:3", "Three", "media", "WEOG");
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (third)), ==, 3);
}

static void
test_involves (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(CaucusDocumentList) sessions = NULL;
  g_autoptr(CaucusDocumentList) org_sessions = NULL;
  g_autoptr(CaucusDocumentList) signed_by = NULL;
  g_autoptr(CaucusDocumentList) milestones = NULL;
  char *rev;

  put_org (f, "org:apc", "APC", "civil-society", "African");
  rev = put (f, "{\"_id\":\"p:1\",\"type\":\"person\",\"name\":\"Anriette\",\"org_id\":\"org:apc\"}"); g_free (rev);
  rev = put (f, "{\"_id\":\"p:2\",\"type\":\"person\",\"name\":\"Valeria\",\"org_id\":\"org:apc\"}"); g_free (rev);
  rev = put (f, "{\"_id\":\"p:3\",\"type\":\"person\",\"name\":\"Other\"}"); g_free (rev);
  rev = put (f, "{\"_id\":\"e:1\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Opening\",\"start\":\"2012-11-03T05:00:00Z\","
                "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:1\",\"role\":\"speaker\"},{\"name\":\"Guest\",\"role\":\"moderator\"}]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"e:2\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Closing\",\"start\":\"2012-11-04T05:00:00Z\","
                "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:2\",\"role\":\"rapporteur\"},{\"person_id\":\"p:3\",\"role\":\"speaker\"}]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"e:3\",\"type\":\"event\",\"kind\":\"milestone\",\"title\":\"Map members\",\"owner_ids\":[\"org:apc\"]}"); g_free (rev);
  rev = put (f, "{\"_id\":\"sig:1\",\"type\":\"signature\",\"statement_id\":\"st:1\",\"org_id\":\"org:apc\","
                "\"signed_at\":\"2012-11-06T08:00:00Z\"}"); g_free (rev);
  rev = put (f, "{\"_id\":\"sig:2\",\"type\":\"signature\",\"statement_id\":\"st:1\",\"org_id\":\"org:other\","
                "\"signed_at\":\"2012-11-06T08:00:00Z\"}"); g_free (rev);
  open_index (f);

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
  rename_doc (f, "p:3", "org_id", "org:apc");
  rev = put (f, "{\"_id\":\"e:4\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"Lunch talk\",\"start\":\"2012-11-03T09:00:00Z\","
                "\"time_zone\":\"Asia/Baku\",\"roles\":[{\"person_id\":\"p:3\",\"role\":\"speaker\"}]}"); g_free (rev);
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (org_sessions)), ==, 3);
  g_assert_cmpstr (caucus_document_list_get_id (org_sessions, 1), ==, "e:4");
}

static void
test_event_range (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(CaucusDocumentList) day = NULL;
  const char *starts[] = { "2012-11-02T23:00:00Z", "2012-11-03T05:00:00.5Z", "2012-11-03T05:00:00Z",
                           "2012-11-03T19:59:59.999Z", "2012-11-03T20:00:00Z", NULL };

  for (guint i = 0; starts[i]; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"e%u\",\"type\":\"event\",\"kind\":\"session\",\"title\":\"S%u\","
                                               "\"parent_id\":\"conf\",\"start\":\"%s\",\"time_zone\":\"Asia/Baku\"}",
                                               4 - i, i, starts[i]);
      g_autofree char *rev = put (f, json);
    }
  open_index (f);
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
test_save_and_delete (Fixture      *f,
                      gconstpointer data)
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
test_index_persists (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autofree char *index_path = NULL;
  gint64 seq;

  put_org (f, "org:1", "One", "media", "WEOG");
  open_index (f);
  seq = caucus_model_index_get_seq (f->index);
  g_assert_cmpint (seq, ==, caucus_store_get_update_seq (f->store));
  g_clear_object (&f->index);

  /* Written while no index was open: the checkpoint catches it up on open. */
  put_org (f, "org:2", "Two", "media", "WEOG");
  open_index (f);
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
  g_test_add ("/model/list/paging", Fixture, NULL, fixture_setup, test_paging, fixture_teardown);
  g_test_add ("/model/list/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/model/list/items-changed", Fixture, NULL, fixture_setup, test_items_changed, fixture_teardown);
  g_test_add ("/model/list/items-changed-random", Fixture, NULL, fixture_setup, test_items_changed_random, fixture_teardown);
  g_test_add ("/model/list/search-updates", Fixture, NULL, fixture_setup, test_search_list_updates, fixture_teardown);
  g_test_add ("/model/list/people-follow-their-org", Fixture, NULL, fixture_setup, test_people_follow_their_org, fixture_teardown);
  g_test_add ("/model/list/lists-dropped-while-updating", Fixture, NULL, fixture_setup, test_lists_dropped_while_updating, fixture_teardown);
  g_test_add ("/model/list/involves", Fixture, NULL, fixture_setup, test_involves, fixture_teardown);
  g_test_add ("/model/list/event-range", Fixture, NULL, fixture_setup, test_event_range, fixture_teardown);
  g_test_add ("/model/list/save-and-delete", Fixture, NULL, fixture_setup, test_save_and_delete, fixture_teardown);
  g_test_add ("/model/list/index-persists", Fixture, NULL, fixture_setup, test_index_persists, fixture_teardown);
  return g_test_run ();
}
