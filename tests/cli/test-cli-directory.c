/* test-cli-directory.c — `caucusctl import` of CSV and vCard files and `caucusctl export
 * csv|vcard` on the real binary: exit codes, the report, the proposed mapping, refused
 * files that write nothing, and an export that imports back into another store. */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;
typedef CliResult Result;

#define result_clear cli_result_clear
#define parse_output cli_parse_output
#define counts cli_report_count
#define doc_count cli_doc_count
#define run_with_store cli_run_with_store

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  cli_fixture_setup (f, "directory");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  cli_fixture_teardown (f);
}

static char *
fixture_path (const char *name)
{
  const char *source = g_getenv ("CAUCUS_SOURCE_DIR");

  g_assert_nonnull (source);
  return g_build_filename (source, "tests", "formats", "fixtures", "directory", name, NULL);
}

static void
test_import_csv (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = fixture_path ("signon-semicolon-bom.csv");
  Result r = run_with_store (f, f->store, "import", csv, NULL);
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) mapping = NULL;
  JsonArray *dups;

  g_assert_cmpint (r.status, ==, 0);
  report = parse_output (&r);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "csv");
  g_assert_cmpint (counts (report, "added"), ==, 11);
  g_assert_cmpint (counts (report, "duplicates"), ==, 2);
  dups = json_object_get_array_member (report, "duplicates");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 1), "reason"), ==, "email");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (dups, 1), "line"), ==, 10);
  result_clear (&r);
  g_assert_cmpint (doc_count (f, f->store), ==, 11);

  /* The mapping, proposed and edited, without importing. */
  r = run_with_store (f, f->store, "import", "--show-mapping", "--mapping",
                      "{\"columns\": {\"Signed (yes/no)\": \"tags\"}}", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  mapping = parse_output (&r);
  g_assert_cmpstr (json_object_get_string_member (mapping, "type"), ==, "person");
  g_assert_cmpstr (json_object_get_string_member (mapping, "delimiter"), ==, ";");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (mapping, "columns"), 4), "field"), ==, "tags");
  result_clear (&r);

  r = run_with_store (f, f->store, "import", "--mapping", "{not json", csv, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_with_store (f, f->store, "import", "--mapping", "{\"columns\": {\"Salary\": \"notes\"}}", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Salary"));
  result_clear (&r);
  g_assert_cmpint (doc_count (f, f->store), ==, 11);
}

static void
test_import_refused (Fixture *f, gconstpointer data)
{
  static const struct { const char *file; const char *expected; } cases[] = {
    { "unterminated.csv", "unterminated.csv:3: a quoted field starts here and is never closed" },
    { "invalid-utf8.csv", "invalid-utf8.csv:3: the text is not valid UTF-8" },
    { "missing-end.vcf", "missing-end.vcf:5:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i].file);
      Result r = run_with_store (f, f->store, "import", path, NULL);

      g_assert_cmpint (r.status, ==, 1);
      g_assert_true (g_str_has_prefix (r.err, "caucusctl: "));
      g_assert_nonnull (strstr (r.err, cases[i].expected));
      g_assert_cmpstr (r.out, ==, "");
      result_clear (&r);
      g_assert_cmpint (doc_count (f, f->store), ==, 0);
    }
}

static void
test_export_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *v3 = fixture_path ("contacts-3.0.vcf");
  g_autofree char *v4 = fixture_path ("contacts-4.0.vcf");
  g_autofree char *vcf = g_build_filename (f->dir, "out.vcf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) report = NULL;
  Result r;

  r = run_with_store (f, f->store, "import", v3, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_with_store (f, f->store, "import", v4, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run_with_store (f, f->store, "export", "vcard", "--output", vcf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\n"));
  g_assert_nonnull (strstr (text, "FN:Анна Петрова\r\n"));
  g_clear_pointer (&text, g_free);

  r = run_with_store (f, other, "import", vcf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  report = parse_output (&r);
  g_assert_cmpint (counts (report, "added"), ==, 7);
  g_assert_cmpint (counts (report, "duplicates"), ==, 0);
  result_clear (&r);

  /* Filtered CSV with a BOM, 3.0 vCard, and the usage errors. */
  r = run_with_store (f, f->store, "export", "csv", "--type", "person", "--filter", "country=DE", "--bom",
                      "--output", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf\"ID\",\"Name\",\"Organisation\""));
  g_assert_nonnull (strstr (text, "\"Chaos Computer Club\""));
  g_assert_null (strstr (text, "王小明"));
  g_clear_pointer (&text, g_free);

  r = run_with_store (f, f->store, "export", "vcard", "--vcard-version", "3.0", "--type", "org", "--output", vcf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_assert_null (strstr (text, "Анна"));

  r = run_with_store (f, f->store, "export", "csv", "--type", "event", "--output", csv, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_with_store (f, f->store, "export", "vcard", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_with_store (f, f->store, "export", "csv", "--id", "person:nobody", "--output", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "person:nobody"));
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/directory/import-csv", Fixture, NULL, fixture_setup, test_import_csv, fixture_teardown);
  g_test_add ("/cli/directory/import-refused", Fixture, NULL, fixture_setup, test_import_refused, fixture_teardown);
  g_test_add ("/cli/directory/export-round-trip", Fixture, NULL, fixture_setup, test_export_round_trip, fixture_teardown);
  return g_test_run ();
}
