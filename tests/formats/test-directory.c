/* test-directory.c — CSV and vCard import and export of the directory: hostile and
 * real-world-shaped files, duplicates, merging, round trips. */
#include "caucus-formats.h"
#include "formats-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char        *dir;
  CaucusStore *store;
} Fixture;

static CaucusStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  CaucusStore *store = caucus_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caucus-directory-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f, "a.db");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
fixture (const char *name)
{
  g_autofree char *rel = g_build_filename ("directory", name, NULL);

  return test_fixture_path (rel);
}

/* Every live org and person, by id. */
static GHashTable *
directory_docs (CaucusStore *store)
{
  g_autoptr(GError) error = NULL;
  CaucusAllDocsOptions opts = { 0 };
  g_autoptr(JsonObject) result = NULL;
  GHashTable *docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  JsonArray *rows;

  opts.limit = -1;
  opts.include_docs = TRUE;
  result = caucus_store_all_docs (store, &opts, &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (result, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *doc = json_object_get_object_member (json_array_get_object_element (rows, i), "doc");

      g_hash_table_insert (docs, g_strdup (json_object_get_string_member (doc, "_id")), json_object_ref (doc));
    }
  return docs;
}

static JsonObject *
find_by_name (GHashTable *docs,
              const char *name)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (json_object_get_string_member_with_default (value, "name", NULL), name) == 0)
      return value;
  return NULL;
}

static gboolean
array_has (JsonObject *doc,
           const char *member,
           const char *value)
{
  JsonArray *array = json_object_has_member (doc, member) ? json_object_get_array_member (doc, member) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static CaucusDirectoryReport *
import_ok (CaucusStore *store,
           const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture (name);
  CaucusDirectoryReport *report = NULL;

  caucus_directory_import_file (store, path, NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static CaucusDirectoryReport *
import_text (CaucusStore *store,
             const char  *text,
             GError     **error)
{
  CaucusDirectoryReport *report = NULL;

  caucus_directory_import_csv (store, text, strlen (text), "inline.csv", NULL, &report, error);
  return report;
}

static void
test_sniff_signon (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("signon-semicolon-bom.csv");
  gsize length;
  g_autofree char *data = test_read_file (path, &length);
  g_autoptr(CaucusCsvMapping) mapping = caucus_csv_sniff (data, length, "signon.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (mapping->delimiter, ==, ';');
  g_assert_true (mapping->has_header);
  g_assert_true (mapping->has_bom);
  g_assert_cmpstr (mapping->doc_type, ==, "person");
  g_assert_cmpuint (mapping->n_columns, ==, 5);
  g_assert_cmpint (mapping->fields[0], ==, CAUCUS_DIRECTORY_FIELD_ORG);
  g_assert_cmpint (mapping->fields[1], ==, CAUCUS_DIRECTORY_FIELD_COUNTRY);
  g_assert_cmpint (mapping->fields[2], ==, CAUCUS_DIRECTORY_FIELD_NAME);
  g_assert_cmpint (mapping->fields[3], ==, CAUCUS_DIRECTORY_FIELD_EMAIL);
  g_assert_cmpint (mapping->fields[4], ==, CAUCUS_DIRECTORY_FIELD_IGNORE);
  g_assert_cmpstr (mapping->headers[0], ==, "Organisation");
}

static void
test_sniff_variants (void)
{
  g_autoptr(GError) error = NULL;
  const char *french = "Nom,Pays,Courriel,Thématiques,Organisation,Región\nFatou,SN,f@example.sn,x,Y,African\n";
  const char *bare = "Ana Pérez,ana@example.org,Chile\nLi Wei,li@example.cn,CN\n";
  const char *orgs = "Name\tAcronym\tWebsite\nElectronic Frontier Foundation\tEFF\thttps://www.eff.org\n";
  const char *bilingual = "Nom de l'organisation;Pays / Country;E-mail (travail)\nJonction;SN;a@b.sn\n";
  g_autoptr(CaucusCsvMapping) m4 = caucus_csv_sniff (bilingual, strlen (bilingual), "b.csv", &error);
  g_autoptr(CaucusCsvMapping) m1 = caucus_csv_sniff (french, strlen (french), "f.csv", &error);
  g_autoptr(CaucusCsvMapping) m2 = NULL;
  g_autoptr(CaucusCsvMapping) m3 = NULL;
  g_autoptr(JsonNode) edit = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (m4->fields[0], ==, CAUCUS_DIRECTORY_FIELD_ORG);
  g_assert_cmpint (m4->fields[1], ==, CAUCUS_DIRECTORY_FIELD_COUNTRY);
  g_assert_cmpint (m4->fields[2], ==, CAUCUS_DIRECTORY_FIELD_EMAIL);
  g_assert_cmpstr (m4->doc_type, ==, "org");
  g_assert_cmpint (m1->delimiter, ==, ',');
  g_assert_false (m1->has_bom);
  g_assert_cmpint (m1->fields[0], ==, CAUCUS_DIRECTORY_FIELD_NAME);
  g_assert_cmpint (m1->fields[2], ==, CAUCUS_DIRECTORY_FIELD_EMAIL);
  g_assert_cmpint (m1->fields[3], ==, CAUCUS_DIRECTORY_FIELD_EXPERTISE);
  g_assert_cmpint (m1->fields[5], ==, CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP);

  m2 = caucus_csv_sniff (bare, strlen (bare), "bare.csv", &error);
  g_assert_no_error (error);
  g_assert_false (m2->has_header);
  g_assert_cmpint (m2->fields[0], ==, CAUCUS_DIRECTORY_FIELD_NAME);
  g_assert_cmpint (m2->fields[1], ==, CAUCUS_DIRECTORY_FIELD_EMAIL);
  g_assert_cmpint (m2->fields[2], ==, CAUCUS_DIRECTORY_FIELD_COUNTRY);

  m3 = caucus_csv_sniff (orgs, strlen (orgs), "orgs.tsv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m3->delimiter, ==, '\t');
  g_assert_cmpstr (m3->doc_type, ==, "org");
  g_assert_cmpint (m3->fields[1], ==, CAUCUS_DIRECTORY_FIELD_SHORT_NAME);

  /* The caller edits the proposal: by header and by index; bad edits are refused. */
  edit = json_from_string ("{\"type\": \"person\", \"columns\": {\"Acronym\": \"tags\", \"2\": \"ignore\"}}", &error);
  g_assert_no_error (error);
  g_assert_true (caucus_csv_mapping_apply_json (m3, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (m3->doc_type, ==, "person");
  g_assert_cmpint (m3->fields[1], ==, CAUCUS_DIRECTORY_FIELD_TAGS);
  g_assert_cmpint (m3->fields[2], ==, CAUCUS_DIRECTORY_FIELD_IGNORE);
  g_clear_pointer (&edit, json_node_unref);
  edit = json_from_string ("{\"columns\": {\"Nope\": \"name\"}}", &error);
  g_assert_false (caucus_csv_mapping_apply_json (m3, edit, &error));
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nope"));
  g_clear_error (&error);
  g_clear_pointer (&edit, json_node_unref);
  edit = json_from_string ("{\"columns\": [\"name\", \"salary\"]}", &error);
  g_assert_false (caucus_csv_mapping_apply_json (m3, edit, &error));
  g_assert_nonnull (strstr (error->message, "salary"));
}

static void
test_import_signon (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CaucusDirectoryReport) report = import_ok (f->store, "signon-semicolon-bom.csv");
  g_autoptr(GHashTable) docs = directory_docs (f->store);
  JsonObject *access, *peter, *quinn, *derechos, *arabic, *cipesa, *li;
  CaucusDirectoryDuplicate *dup;

  g_assert_cmpuint (report->added->len, ==, 11);
  g_assert_cmpuint (g_hash_table_size (docs), ==, 11);
  access = find_by_name (docs, "Access Now");
  g_assert_nonnull (access);
  g_assert_cmpstr (json_object_get_string_member (access, "type"), ==, "org");
  g_assert_true (array_has (access, "countries", "US"));
  peter = find_by_name (docs, "Peter Micek");
  g_assert_cmpstr (json_object_get_string_member (peter, "org_id"), ==, json_object_get_string_member (access, "_id"));
  g_assert_cmpstr (json_object_get_string_member (peter, "country"), ==, "US");
  g_assert_cmpstr (json_object_get_string_member (peter, "updated_by"), ==, "import:csv");
  derechos = find_by_name (docs, "Derechos Digitales; América Latina");
  g_assert_nonnull (derechos);
  g_assert_true (array_has (derechos, "countries", "CL"));
  quinn = find_by_name (docs, "Quinn\nMcKew");
  g_assert_nonnull (quinn);
  g_assert_cmpstr (json_object_get_string_member (quinn, "country"), ==, "GB");
  arabic = find_by_name (docs, "أحمد علي");
  g_assert_cmpstr (json_object_get_string_member (arabic, "country"), ==, "EG");
  g_assert_nonnull (find_by_name (docs, "جمعية الإنترنت"));
  li = find_by_name (docs, "李小龙");
  g_assert_cmpstr (json_object_get_string_member (li, "country"), ==, "CN");
  cipesa = find_by_name (docs, "CIPESA");
  g_assert_cmpstr (json_object_get_string_member (cipesa, "type"), ==, "org");
  g_assert_true (array_has (cipesa, "countries", "UG"));

  /* Rows 9 and 10: the same person by name (case) and by email (case). */
  g_assert_cmpuint (report->duplicates->len, ==, 2);
  dup = g_ptr_array_index (report->duplicates, 0);
  g_assert_cmpuint (dup->line, ==, 9);
  g_assert_cmpstr (dup->reason, ==, "name");
  g_assert_cmpstr (dup->existing_id, ==, json_object_get_string_member (peter, "_id"));
  dup = g_ptr_array_index (report->duplicates, 1);
  g_assert_cmpuint (dup->line, ==, 10);
  g_assert_cmpstr (dup->reason, ==, "email");
  g_assert_cmpstr (dup->existing_id, ==, json_object_get_string_member (peter, "_id"));
}

/* Rows shorter than the header, blank rows and empty trailing columns (as spreadsheet
 * apps write them) are fine: missing cells are empty. */
static void
test_short_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CaucusDirectoryReport) report = import_ok (f->store, "short-rows.csv");
  g_autoptr(GHashTable) docs = directory_docs (f->store);
  JsonObject *access = find_by_name (docs, "Access Now");
  JsonObject *anriette = find_by_name (docs, "Anriette Esterhuysen");
  JsonObject *najem = find_by_name (docs, "Mohamad Najem");

  g_assert_cmpuint (report->added->len, ==, 5);   /* Access Now, APC, SMEX, two people */
  g_assert_cmpstr (json_object_get_string_member (access, "type"), ==, "org");
  g_assert_true (array_has (access, "countries", "US"));
  g_assert_false (json_object_has_member (anriette, "email"));
  g_assert_cmpstr (json_object_get_string_member (anriette, "country"), ==, "ZA");
  g_assert_cmpstr (json_object_get_string_member (najem, "country"), ==, "LB");
  g_assert_cmpuint (((CaucusDirectoryEntry *) g_ptr_array_index (report->added, 4))->line, ==, 5);
}

static void
assert_refused (Fixture    *f,
                const char *name,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture (name);
  g_autoptr(CaucusDirectoryReport) report = NULL;
  g_autoptr(GHashTable) docs = NULL;

  g_assert_false (caucus_directory_import_file (f->store, path, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_null (report);
  docs = directory_docs (f->store);
  g_assert_cmpuint (g_hash_table_size (docs), ==, 0);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  assert_refused (f, "stray-quote.csv", "stray-quote.csv:3:");
  assert_refused (f, "unterminated.csv", "unterminated.csv:3: a quoted field starts here");
  assert_refused (f, "invalid-utf8.csv", "invalid-utf8.csv:3: the text is not valid UTF-8");
  assert_refused (f, "bad-country.csv", "bad-country.csv:2: ‘Narnia’");
  assert_refused (f, "missing-end.vcf", "missing-end.vcf:5: a card begins before the card of line 1");
}

static void
test_refused_midway (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) docs = NULL;
  /* Rows 2 and 3 are fine; row 4's email is not: nothing at all is written. */
  CaucusDirectoryReport *report = import_text (f->store,
                                               "Name,Organisation,Email\nAna,Org A,ana@example.org\n"
                                               "Bob,Org B,bob@example.org\nCarl,Org C,not an email\n",
                                               &error);

  g_assert_null (report);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "inline.csv:4:"));
  docs = directory_docs (f->store);
  g_assert_cmpuint (g_hash_table_size (docs), ==, 0);
  g_clear_error (&error);

  report = import_text (f->store, "Name,Email\nAna,ana@example.org,extra,more\n", &error);
  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "inline.csv:2: 4 values"));
}

static void
test_duplicates_and_merge (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDirectoryReport) first = import_ok (f->store, "people-french.csv");
  g_autoptr(CaucusDirectoryReport) again = import_ok (f->store, "people-french.csv");
  g_autoptr(CaucusDirectoryReport) accents = NULL;
  g_autoptr(GHashTable) docs = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(JsonNode) choice = NULL;
  JsonObject *jose, *fatou;
  CaucusDirectoryDuplicate *dup;

  g_assert_cmpuint (first->added->len, ==, 4);   /* two people, two organisations */
  docs = directory_docs (f->store);
  fatou = find_by_name (docs, "Fatou Diop");
  g_assert_true (array_has (fatou, "expertise", "droits numériques"));
  g_assert_true (array_has (fatou, "expertise", "genre"));
  g_assert_cmpstr (json_object_get_string_member (fatou, "regional_group"), ==, "African");
  g_assert_cmpstr (json_object_get_string_member (fatou, "country"), ==, "SN");
  jose = find_by_name (docs, "José Álvarez");
  g_assert_cmpstr (json_object_get_string_member (jose, "country"), ==, "MX");

  g_assert_cmpuint (again->added->len, ==, 0);
  g_assert_cmpuint (again->duplicates->len, ==, 2);
  g_assert_cmpuint (again->n_orgs_linked, ==, 2);
  dup = g_ptr_array_index (again->duplicates, 0);
  g_assert_cmpstr (dup->reason, ==, "email");

  /* A duplicate row creates nothing, not even the organisation it names. */
  {
    g_autoptr(CaucusDirectoryReport) dup_org = import_text (f->store, "Name,Organisation\nFatou Diop,Brand New Org\n", &error);
    g_autoptr(GHashTable) now = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (dup_org->added->len, ==, 0);
    g_assert_cmpuint (dup_org->duplicates->len, ==, 1);
    now = directory_docs (f->store);
    g_assert_null (find_by_name (now, "Brand New Org"));
  }

  /* Without accents, in capitals, with another email: the same person by name. */
  accents = import_text (f->store, "Name,Email,Title,Tags\nJOSE ALVAREZ,jose@other.mx,Director,privacidad; vigilancia\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accents->added->len, ==, 0);
  g_assert_cmpuint (accents->duplicates->len, ==, 1);
  dup = g_ptr_array_index (accents->duplicates, 0);
  g_assert_cmpstr (dup->reason, ==, "name");
  g_assert_cmpstr (dup->existing_id, ==, json_object_get_string_member (jose, "_id"));

  /* Merge: empty fields filled, sets added, the differing email kept… */
  g_assert_true (caucus_directory_merge_duplicate (f->store, dup, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&docs, g_hash_table_unref);
  docs = directory_docs (f->store);
  jose = g_hash_table_lookup (docs, dup->existing_id);
  g_assert_cmpstr (json_object_get_string_member (jose, "name"), ==, "José Álvarez");
  g_assert_cmpstr (json_object_get_string_member (jose, "email"), ==, "jose@example.mx");
  g_assert_cmpstr (json_object_get_string_member (jose, "title"), ==, "Director");
  g_assert_true (array_has (jose, "tags", "vigilancia"));
  g_assert_true (array_has (jose, "expertise", "privacidad"));
  g_assert_nonnull (json_object_get_string_member (jose, "org_id"));
  g_assert_cmpstr (json_object_get_string_member (jose, "updated_by"), ==, "import:merge");

  /* … unless the person chooses the row's value. */
  choices = g_hash_table_new (g_str_hash, g_str_equal);
  choice = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (choice, "jose@other.mx");
  g_hash_table_insert (choices, (gpointer) "email", choice);
  g_assert_true (caucus_directory_merge_duplicate (f->store, dup, choices, &error));
  g_assert_no_error (error);
  g_clear_pointer (&docs, g_hash_table_unref);
  docs = directory_docs (f->store);
  jose = g_hash_table_lookup (docs, dup->existing_id);
  g_assert_cmpstr (json_object_get_string_member (jose, "email"), ==, "jose@other.mx");
  g_assert_cmpstr (json_object_get_string_member (jose, "title"), ==, "Director");
}

static void
test_vcard_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CaucusDirectoryReport) v3 = import_ok (f->store, "contacts-3.0.vcf");
  g_autoptr(CaucusDirectoryReport) v4 = import_ok (f->store, "contacts-4.0.vcf");
  g_autoptr(GHashTable) docs = directory_docs (f->store);
  JsonObject *zoe, *ccc, *wang, *mohamed, *apc, *anna;

  g_assert_cmpstr (v3->format, ==, "vcard");
  g_assert_cmpuint (v3->added->len, ==, 5);   /* three people, two organisations */
  zoe = find_by_name (docs, "Zoë Müller-Lüdenscheidt von Hohenzollern-Sigmaringen und Anhalt zu Dessau");
  g_assert_nonnull (zoe);
  ccc = find_by_name (docs, "Chaos Computer Club");
  g_assert_cmpstr (json_object_get_string_member (zoe, "org_id"), ==, json_object_get_string_member (ccc, "_id"));
  g_assert_cmpstr (json_object_get_string_member (zoe, "title"), ==, "Policy Lead");
  g_assert_cmpstr (json_object_get_string_member (zoe, "email"), ==, "zoe@example.de");
  g_assert_cmpstr (json_object_get_string_member (zoe, "phone"), ==, "+49 30 1234567");
  g_assert_cmpstr (json_object_get_string_member (zoe, "country"), ==, "DE");
  g_assert_cmpstr (json_object_get_string_member (zoe, "notes"), ==, "Met at IGF 2023, Kyoto");
  g_assert_true (array_has (zoe, "tags", "encryption"));
  g_assert_true (array_has (zoe, "tags", "surveillance"));
  wang = find_by_name (docs, "王小明");
  g_assert_nonnull (find_by_name (docs, "互联网协会"));
  g_assert_nonnull (json_object_get_string_member (wang, "org_id"));
  mohamed = find_by_name (docs, "محمد الأمين");
  g_assert_cmpstr (json_object_get_string_member (mohamed, "country"), ==, "MA");

  g_assert_cmpuint (v4->added->len, ==, 2);
  apc = find_by_name (docs, "Association for Progressive Communications");
  g_assert_cmpstr (json_object_get_string_member (apc, "type"), ==, "org");
  g_assert_cmpstr (json_object_get_string_member (apc, "short_name"), ==, "APC");
  g_assert_cmpstr (json_object_get_string_member (apc, "website"), ==, "https://www.apc.org");
  g_assert_true (array_has (apc, "countries", "ZA"));
  g_assert_true (array_has (apc, "tags", "network"));
  anna = find_by_name (docs, "Анна Петрова");
  g_assert_cmpstr (json_object_get_string_member (anna, "org_id"), ==, json_object_get_string_member (apc, "_id"));
  g_assert_cmpstr (json_object_get_string_member (anna, "phone"), ==, "+27-11-555-0100");
  g_assert_true (array_has (anna, "languages", "ru"));
  g_assert_true (array_has (anna, "languages", "en"));
}

/* vCard 2.1: quoted-printable values in UTF-8 and ISO-8859-1, decoded and converted by EVCard. */
static void
test_vcard_21 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CaucusDirectoryReport) report = import_ok (f->store, "contacts-2.1-qp.vcf");
  g_autoptr(GHashTable) docs = directory_docs (f->store);
  JsonObject *ayse = find_by_name (docs, "Ayşe Öztürk");
  JsonObject *org = find_by_name (docs, "Société civile");

  g_assert_cmpuint (report->added->len, ==, 2);
  g_assert_nonnull (ayse);
  g_assert_nonnull (org);
  g_assert_cmpstr (json_object_get_string_member (ayse, "org_id"), ==, json_object_get_string_member (org, "_id"));
  g_assert_cmpstr (json_object_get_string_member (ayse, "title"), ==, "Coordinatrice");
}

static GPtrArray *
all_of_type (CaucusStore *store,
             const char  *type)
{
  g_autoptr(GHashTable) docs = directory_docs (store);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GPtrArray *result;

  g_hash_table_iter_init (&iter, docs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (type == NULL || g_strcmp0 (json_object_get_string_member (value, "type"), type) == 0)
      g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);
  result = caucus_directory_collect_ids (store, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  return result;
}

static void
assert_same_docs (CaucusStore *a,
                  CaucusStore *b)
{
  g_autoptr(GHashTable) da = directory_docs (a);
  g_autoptr(GHashTable) db = directory_docs (b);
  GHashTableIter iter;
  gpointer key, value;
  static const char *stamps[] = { "_rev", "created", "updated", "updated_by" };

  g_assert_cmpuint (g_hash_table_size (da), ==, g_hash_table_size (db));
  g_hash_table_iter_init (&iter, da);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *other = g_hash_table_lookup (db, key);
      g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) ca = NULL;
      g_autoptr(JsonNode) cb = NULL;

      g_assert_nonnull (other);
      json_node_set_object (na, value);
      json_node_set_object (nb, other);
      ca = json_node_copy (na);
      cb = json_node_copy (nb);
      for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
        {
          json_object_remove_member (json_node_get_object (ca), stamps[i]);
          json_object_remove_member (json_node_get_object (cb), stamps[i]);
        }
      if (!json_node_equal (ca, cb))
        {
          g_autofree char *ta = json_to_string (ca, FALSE);
          g_autofree char *tb = json_to_string (cb, FALSE);

          g_error ("%s differs after the round trip:\n%s\n%s", (const char *) key, ta, tb);
        }
    }
}

static void
test_vcard_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CaucusDirectoryReport) r1 = import_ok (f->store, "contacts-3.0.vcf");
  g_autoptr(CaucusDirectoryReport) r2 = import_ok (f->store, "contacts-4.0.vcf");
  g_autoptr(CaucusDirectoryReport) r3 = import_ok (f->store, "people-french.csv");
  g_autoptr(GPtrArray) docs = all_of_type (f->store, NULL);

  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("rt%u.db", v);
      g_autoptr(CaucusStore) other = open_store (f, name);
      g_autofree char *text = caucus_directory_export_vcard (f->store, docs, v == 0 ? CAUCUS_VCARD_4_0 : CAUCUS_VCARD_3_0, &error);
      g_autoptr(CaucusDirectoryReport) back = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, v == 0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n"));
      g_assert_nonnull (strstr (text, "KIND:org\r\n"));
      g_assert_true (caucus_directory_import_vcard (other, text, strlen (text), "export.vcf", &back, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (back->added->len, ==, docs->len);
      g_assert_cmpuint (back->duplicates->len, ==, 0);
      assert_same_docs (f->store, other);
    }
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDirectoryReport) r1 = import_ok (f->store, "signon-semicolon-bom.csv");
  g_autoptr(CaucusDirectoryReport) r2 = import_ok (f->store, "contacts-4.0.vcf");
  g_autoptr(CaucusDirectoryReport) r3 = import_ok (f->store, "orgs-tab.tsv");
  g_autoptr(GPtrArray) orgs = all_of_type (f->store, "org");
  g_autoptr(GPtrArray) people = all_of_type (f->store, "person");
  g_autoptr(CaucusStore) other = open_store (f, "csv.db");
  g_autofree char *org_csv = caucus_directory_export_csv (f->store, orgs, ',', TRUE, &error);
  g_autofree char *people_csv = caucus_directory_export_csv (f->store, people, ';', FALSE, &error);
  g_autoptr(CaucusDirectoryReport) back_orgs = NULL;
  g_autoptr(CaucusDirectoryReport) back_people = NULL;
  g_autoptr(GPtrArray) mixed = all_of_type (f->store, NULL);
  g_autofree char *refused = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (org_csv, "\xef\xbb\xbf\"ID\",\"Name\""));
  g_assert_true (g_str_has_prefix (people_csv, "\"ID\";\"Name\";\"Organisation\""));
  g_assert_nonnull (strstr (people_csv, "\"Quinn\nMcKew\""));
  g_assert_true (caucus_directory_import_csv (other, org_csv, strlen (org_csv), "orgs.csv", NULL, &back_orgs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back_orgs->added->len, ==, orgs->len);
  g_assert_true (caucus_directory_import_csv (other, people_csv, strlen (people_csv), "people.csv", NULL, &back_people, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back_people->added->len, ==, people->len);
  g_assert_cmpuint (back_people->n_orgs_linked, ==, people->len);   /* every person has an organisation */
  assert_same_docs (f->store, other);

  refused = caucus_directory_export_csv (f->store, mixed, ',', FALSE, &error);
  g_assert_null (refused);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
}

static void
test_export_list (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDirectoryReport) report = import_ok (f->store, "signon-semicolon-bom.csv");
  g_autoptr(CaucusModelIndex) index = caucus_model_index_open (f->store, NULL, &error);
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  list = caucus_document_list_new (index, "person");
  caucus_document_list_set_filter (list, "country", "CN");
  docs = caucus_directory_collect_list (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  text = caucus_directory_export_vcard (f->store, docs, CAUCUS_VCARD_4_0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "FN:李小龙\r\n"));
  g_assert_nonnull (strstr (text, "ORG:互联网协会\r\n"));
}

static void
test_entry_points (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) report = NULL;
  g_autofree char *path = fixture ("contacts-4.0.vcf");
  CaucusFormat format;

  g_assert_cmpint (caucus_format_detect ("people.CSV", NULL, 0), ==, CAUCUS_FORMAT_CSV);
  g_assert_cmpint (caucus_format_detect ("a.vcf", NULL, 0), ==, CAUCUS_FORMAT_VCARD);
  g_assert_cmpint (caucus_format_detect ("a.vcard", NULL, 0), ==, CAUCUS_FORMAT_VCARD);
  g_assert_cmpint (caucus_format_detect (NULL, "\xef\xbb\xbf" "BEGIN:VCARD\r\n", 14), ==, CAUCUS_FORMAT_VCARD);
  g_assert_cmpint (caucus_format_detect (NULL, "Name;Email\n", 11), ==, CAUCUS_FORMAT_CSV);
  g_assert_cmpint (caucus_format_detect (NULL, "BEGIN:VCALENDAR\r\n", 17), ==, CAUCUS_FORMAT_ICAL);
  {
    g_autofree char *no_extension = g_build_filename (f->dir, "contacts", NULL);

    g_assert_true (g_file_set_contents (no_extension, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n", -1, NULL));
    g_assert_cmpint (caucus_format_detect_file (no_extension), ==, CAUCUS_FORMAT_VCARD);
    g_assert_cmpint (caucus_format_detect_file (path), ==, CAUCUS_FORMAT_VCARD);
  }
  g_assert_true (caucus_format_from_string ("vcf", &format, &error));
  g_assert_cmpint (format, ==, CAUCUS_FORMAT_VCARD);
  g_assert_cmpstr (caucus_format_to_string (CAUCUS_FORMAT_CSV), ==, "csv");

  g_assert_true (caucus_formats_import_file (f->store, path, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->format, ==, "vcard");
  g_assert_cmpuint (report->added->len, ==, 2);
  g_assert_cmpuint (report->n_persons_added, ==, 1);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CaucusDirectoryReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = caucus_directory_import_file_finish (CAUCUS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = fixture ("signon-semicolon-bom.csv");
  g_autoptr(JsonNode) mapping = json_from_string ("{\"columns\": {\"Signed (yes/no)\": \"tags\"}}", NULL);
  g_autoptr(CaucusDirectoryReport) report = NULL;
  g_autoptr(GHashTable) docs = NULL;

  caucus_directory_import_file_async (f->store, path, NULL, mapping, NULL, import_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (report->added->len, ==, 11);
  docs = directory_docs (f->store);
  g_assert_true (array_has (find_by_name (docs, "Peter Micek"), "tags", "yes"));
  g_assert_true (array_has (find_by_name (docs, "Quinn\nMcKew"), "tags", "no"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/directory/sniff-signon", test_sniff_signon);
  g_test_add_func ("/formats/directory/sniff-variants", test_sniff_variants);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/formats/directory/import-signon", test_import_signon);
  ADD ("/formats/directory/short-rows", test_short_rows);
  ADD ("/formats/directory/refused", test_refused);
  ADD ("/formats/directory/refused-midway", test_refused_midway);
  ADD ("/formats/directory/duplicates-and-merge", test_duplicates_and_merge);
  ADD ("/formats/directory/vcard-import", test_vcard_import);
  ADD ("/formats/directory/vcard-2.1", test_vcard_21);
  ADD ("/formats/directory/vcard-round-trip", test_vcard_round_trip);
  ADD ("/formats/directory/csv-round-trip", test_csv_round_trip);
  ADD ("/formats/directory/export-list", test_export_list);
  ADD ("/formats/directory/entry-points", test_entry_points);
  ADD ("/formats/directory/async", test_async);
#undef ADD
  return g_test_run ();
}
