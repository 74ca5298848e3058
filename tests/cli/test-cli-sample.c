/* test-cli-sample.c — `caucusctl --store PATH sample`: loads the sample workspace once,
 * reports what it added and what was already there, and never overwrites an edit. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "caucus-sample.h"
#include "caucus-store.h"

#include "cli-test-util.h"

/* Runs caucusctl --store STORE sample; returns its JSON output (exit status 0 asserted). */
static JsonObject *
run_sample (CliFixture *f)
{
  CliResult r = cli_run_with_store (f, f->store, "sample", NULL);
  JsonObject *report;

  if (r.status != 0)
    g_error ("caucusctl sample failed: %s", r.err);
  report = cli_parse_output (&r);
  cli_result_clear (&r);
  return report;
}

static void
test_sample_twice (void)
{
  g_autoptr(GError) error = NULL;
  CliFixture f = { 0 };
  g_autoptr(GPtrArray) docs = caucus_sample_get_documents (&error);
  g_autoptr(JsonObject) first = NULL, second = NULL, third = NULL;
  const char *path;
  const char *edited_id;
  g_autofree char *edited_rev = NULL;

  g_assert_no_error (error);
  cli_fixture_setup_named (&f, "sample", "workspace.caucus");
  path = f.store;
  first = run_sample (&f);
  g_assert_cmpint (json_object_get_int_member (first, "added"), ==, docs->len);
  g_assert_cmpint (json_object_get_int_member (first, "present"), ==, 0);

  /* An edit to a sample document survives loading the sample again. */
  edited_id = json_object_get_string_member (docs->pdata[0], "_id");
  {
    g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
    g_autoptr(JsonObject) doc = NULL;

    g_assert_no_error (error);
    doc = caucus_store_get (store, edited_id, NULL, &error);
    g_assert_no_error (error);
    json_object_set_string_member (doc, "notes", "edited by hand");
    edited_rev = caucus_store_put (store, doc, &error);
    g_assert_no_error (error);
  }
  second = run_sample (&f);
  g_assert_cmpint (json_object_get_int_member (second, "added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "present"), ==, docs->len);
  {
    g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
    g_autoptr(JsonObject) doc = caucus_store_get (store, edited_id, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, edited_rev);
    g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "edited by hand");
  }
  third = run_sample (&f);
  g_assert_cmpint (json_object_get_int_member (third, "added"), ==, 0);

  cli_fixture_teardown (&f);
}

static void
test_sample_needs_store (void)
{
  CliFixture f = { 0 };
  CliResult r;

  cli_fixture_setup (&f, "sample-no-store");
  r = cli_run (&f, NULL, "sample", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "store"));
  cli_result_clear (&r);
  cli_fixture_teardown (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sample/twice", test_sample_twice);
  g_test_add_func ("/cli/sample/needs-store", test_sample_needs_store);
  return g_test_run ();
}
