/* test-cli-directory.c — `caucusctl import` of CSV and vCard files and `caucusctl export
 * csv|vcard` on the real binary: exit codes, the report, the proposed mapping, refused
 * files that write nothing, and an export that imports back into another store. */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  char *dir;
  char *store;
  char *binary;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (path, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const char *build = g_getenv ("CAUCUS_BUILD_DIR");
  g_autoptr(GError) error = NULL;

  f->binary = build != NULL ? g_build_filename (build, "src", "cli", "caucusctl", NULL)
                            : g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "cli", "caucusctl", NULL);
  g_assert_true (g_file_test (f->binary, G_FILE_TEST_IS_EXECUTABLE));
  f->dir = g_dir_make_tmp ("caucusctl-directory-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = g_build_filename (f->dir, "store.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->store);
  g_free (f->binary);
}

static Result
run_with_store (Fixture    *f,
                const char *store,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, f->binary);
  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, (gpointer) store);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "CAUCUS_STORE");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r.status = g_subprocess_get_exit_status (proc);
  return r;
}

static JsonObject *
parse_output (const Result *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
counts (JsonObject *report,
        const char *name)
{
  return json_object_get_int_member (json_object_get_object_member (report, "counts"), name);
}

static gint64
doc_count (Fixture    *f,
           const char *store)
{
  Result r = run_with_store (f, store, "info", NULL);
  g_autoptr(JsonObject) info = NULL;
  gint64 n;

  g_assert_cmpint (r.status, ==, 0);
  info = parse_output (&r);
  n = json_object_get_int_member (info, "doc_count");
  result_clear (&r);
  return n;
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
