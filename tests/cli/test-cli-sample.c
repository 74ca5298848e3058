/* test-cli-sample.c — `caucusctl --store PATH sample`: loads the sample workspace once,
 * reports what it added and what was already there, and never overwrites an edit. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "caucus-sample.h"
#include "caucus-store.h"

static char *
caucusctl (void)
{
  const char *build = g_getenv ("CAUCUS_BUILD_DIR");

  return build != NULL ? g_build_filename (build, "src", "cli", "caucusctl", NULL)
                       : g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "cli",
                                                "caucusctl", NULL);
}

/* Runs caucusctl --store @store sample; returns its JSON output (exit status 0 asserted). */
static JsonObject *
run_sample (const char *store)
{
  g_autofree char *binary = caucusctl ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *argv[] = { binary, "--store", store, "sample", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("caucusctl sample failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_sample_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucusctl-sample-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "workspace.caucus", NULL);
  g_autoptr(GPtrArray) docs = caucus_sample_get_documents (&error);
  g_autoptr(JsonObject) first = NULL, second = NULL, third = NULL;
  const char *edited_id;
  g_autofree char *edited_rev = NULL;

  g_assert_no_error (error);
  first = run_sample (path);
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
  second = run_sample (path);
  g_assert_cmpint (json_object_get_int_member (second, "added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (second, "present"), ==, docs->len);
  {
    g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
    g_autoptr(JsonObject) doc = caucus_store_get (store, edited_id, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, edited_rev);
    g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "edited by hand");
  }
  third = run_sample (path);
  g_assert_cmpint (json_object_get_int_member (third, "added"), ==, 0);

  g_unlink (path);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

static void
test_sample_needs_store (void)
{
  g_autofree char *binary = caucusctl ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { binary, "sample", NULL };
  int status = -1;

  g_unsetenv ("CAUCUS_STORE");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "store"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sample/twice", test_sample_twice);
  g_test_add_func ("/cli/sample/needs-store", test_sample_needs_store);
  return g_test_run ();
}
