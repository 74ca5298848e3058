/* test-cli-pack.c — `caucusctl pack` on the sample workspace, read back with poppler-glib.
 *
 * Runs the real binary (found through CAUCUS_BUILD_DIR) on a store loaded with the sample
 * workspace, whose Best Bits meeting in Baku has a briefing pack. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "caucus-sample.h"
#include "caucus-store.h"

#include "cli-test-util.h"

#define EVENT_ID "event:best-bits-2012"

typedef CliFixture Fixture;
typedef CliResult Result;

#define result_clear cli_result_clear
#define assert_one_error_line cli_assert_one_error_line
#define run(f, ...) cli_run ((f), NULL, __VA_ARGS__)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = NULL;
  CaucusSampleReport report = { 0 };

  cli_fixture_setup_named (f, "pack", "workspace.caucus");
  store = caucus_store_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_sample_load (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, >, 50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cli_fixture_teardown (f);
}

/* The files in @dir other than the store (and its WAL files). */
static guint
count_outputs (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "workspace.caucus"))
      n++;
  return n;
}

static char *
document_text (PopplerDocument *doc)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_object_unref (page);
      g_string_append (text, t);
      g_string_append_c (text, '\f');
    }
  return g_string_free (text, FALSE);
}

static void
test_sample_pack (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "baku.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GObject) doc_object = NULL;
  PopplerDocument *doc;
  JsonObject *out;
  const char *programme, *day1, *day2;
  Result r;

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", pdf,
           "--home-zone", "Europe/Berlin", "--date", "2012-10-27T09:00:00Z", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  out = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (out, "ok"));
  g_assert_cmpstr (json_object_get_string_member (out, "pack_id"), ==, "pack:best-bits-2012");
  g_assert_cmpstr (json_object_get_string_member (out, "path"), ==, pdf);
  result_clear (&r);

  uri = g_filename_to_uri (pdf, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  doc_object = G_OBJECT (doc);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >, 3);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, json_object_get_int_member (out, "pages"));
  title = poppler_document_get_title (doc);
  g_assert_cmpstr (title, ==, "Best Bits — briefing pack for delegates");
  g_assert_cmpint (poppler_document_get_creation_date (doc), ==, 1351328400);

  /* The Baku sessions, in order, with the venue's zone and the reader's. */
  text = document_text (doc);
  g_assert_nonnull (strstr (text, "Baku Expo Center"));
  programme = strstr (text, "Programme\n");
  g_assert_nonnull (programme);
  day1 = strstr (programme, "Saturday 3 November 2012");
  day2 = strstr (programme, "Sunday 4 November 2012");
  g_assert_nonnull (day1);
  g_assert_nonnull (day2);
  g_assert_true (day1 < day2);
  g_assert_nonnull (strstr (day1, "Internet governance history and review"));
  g_assert_true (strstr (day1, "Internet governance history and review") < day2);
  g_assert_nonnull (strstr (day2, "Joint exercise: drafting a civil society statement to WCIT"));
  g_assert_nonnull (strstr (programme, "09:00–10:30"));
  g_assert_nonnull (strstr (programme, "UTC+04:00"));
  g_assert_nonnull (strstr (programme, "Europe/Berlin"));
  g_assert_nonnull (strstr (text, "ITU unity statement"));
}

/* Same input and date, same bytes; Letter paper on request. */
static void
test_deterministic_and_letter (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.pdf", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.pdf", NULL);
  g_autofree char *letter = g_build_filename (f->dir, "letter.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *ca = NULL, *cb = NULL;
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  gsize la, lb;
  double w, h;
  Result r;

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", a, "--date", "2012-10-27T09:00:00Z", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", b, "--date", "2012-10-27T09:00:00Z", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (a, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (b, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "-o", letter, "--paper", "letter", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  uri = g_filename_to_uri (letter, NULL, &error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 612.0, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 792.0, 0.5);
  g_object_unref (page);
  g_object_unref (doc);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *locked_pdf = g_build_filename (locked, "out.pdf", NULL);
  Result r;

  /* an id that is not in the workspace: exit 1, the id in the message, nothing written */
  r = run (f, "--store", f->store, "pack", "--event", "event:no-such-meeting", "--output", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "event:no-such-meeting"));
  result_clear (&r);

  r = run (f, "--store", f->store, "pack", "--pack", "pack:no-such-pack", "--output", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "pack:no-such-pack"));
  result_clear (&r);

  /* unwritable paths */
  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", missing_dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, missing_dir));
  result_clear (&r);

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (g_access (locked, W_OK) != 0)   /* root writes anywhere */
    {
      r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", locked_pdf, NULL);
      g_assert_cmpint (r.status, ==, 1);
      assert_one_error_line (&r);
      g_assert_false (g_file_test (locked_pdf, G_FILE_TEST_EXISTS));
      result_clear (&r);
    }
  g_chmod (locked, 0700);
  g_rmdir (locked);

  /* an unknown home zone */
  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", pdf, "--home-zone", "Mars/Olympus_Mons", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "Mars/Olympus_Mons"));
  result_clear (&r);

  g_assert_cmpuint (count_outputs (f->dir), ==, 0);

  /* usage errors */
  r = run (f, "--store", f->store, "pack", "--output", pdf, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "--event"));
  result_clear (&r);

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "--output"));
  result_clear (&r);

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", pdf, "--paper", "a3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "a3"));
  result_clear (&r);

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", pdf, "--date", "yesterday", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "yesterday"));
  result_clear (&r);

  r = run (f, "pack", "--event", EVENT_ID, "--output", pdf, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  result_clear (&r);

  r = run (f, "--store", f->store, "pack", "--event", EVENT_ID, "--output", pdf, "extra", NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  result_clear (&r);

  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  Result r = run (f, "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  pack "));
  result_clear (&r);
  r = run (f, "pack", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--event"));
  g_assert_nonnull (strstr (r.out, "--home-zone"));
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/pack/sample", Fixture, NULL, fixture_setup, test_sample_pack, fixture_teardown);
  g_test_add ("/cli/pack/deterministic-and-letter", Fixture, NULL, fixture_setup,
              test_deterministic_and_letter, fixture_teardown);
  g_test_add ("/cli/pack/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/cli/pack/help", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  return g_test_run ();
}
