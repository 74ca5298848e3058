/* test-caucusctl.c — runs the real caucusctl binary and checks outputs and exit codes. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "cli-test-util.h"

typedef CliFixture Fixture;
typedef CliResult Result;

#define result_clear cli_result_clear
#define assert_one_error_line cli_assert_one_error_line
/* Runs caucusctl with the arguments (NULL-terminated), feeding @input on stdin. */
#define run cli_run

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  cli_fixture_setup (f, "test");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  cli_fixture_teardown (f);
}

/* One JSON object on one line. */
static JsonObject *
parse_output (const Result *r)
{
  g_assert_true (g_str_has_suffix (r->out, "\n"));
  g_assert_true (strchr (r->out, '\n') == r->out + strlen (r->out) - 1);
  return cli_parse_output (r);
}

static void
test_workflow (Fixture *f, gconstpointer data)
{
  Result r;
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  g_autofree char *file = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *update = NULL;

  r = run (f, NULL, "--store", f->store, "info", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpint (json_object_get_int_member (obj, "doc_count"), ==, 0);
  g_assert_cmpuint (strlen (json_object_get_string_member (obj, "uuid")), ==, 32);
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* put from stdin */
  r = run (f, "{\"_id\":\"org:1\",\"type\":\"org\",\"name\":\"Internet Society Genève\"}",
           "--store", f->store, "put", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_true (json_object_get_boolean_member (obj, "ok"));
  g_assert_cmpstr (json_object_get_string_member (obj, "id"), ==, "org:1");
  rev1 = g_strdup (json_object_get_string_member (obj, "rev"));
  g_assert_true (g_str_has_prefix (rev1, "1-"));
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* put from a file, updating */
  update = g_strdup_printf ("{\"_id\":\"org:1\",\"_rev\":\"%s\",\"type\":\"org\",\"name\":\"ISOC Genève\"}", rev1);
  g_assert_true (g_file_set_contents (file, update, -1, NULL));
  r = run (f, NULL, "--store", f->store, "put", file, NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  rev2 = g_strdup (json_object_get_string_member (obj, "rev"));
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* the same update again: conflict, exit 1, one line on stderr */
  r = run (f, NULL, "--store", f->store, "put", file, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "conflict"));
  result_clear (&r);

  /* get, with revs and an old rev */
  r = run (f, NULL, "--store", f->store, "get", "org:1", "--revs", "--conflicts", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpstr (json_object_get_string_member (obj, "_rev"), ==, rev2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj, "_revisions"), "start"), ==, 2);
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);
  r = run (f, NULL, "--store", f->store, "get", "org:1", "--rev", rev1, NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Internet Society Genève");
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* search */
  r = run (f, NULL, "--store", f->store, "search", "geneve", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpint (json_object_get_int_member (obj, "total_rows"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (obj, "rows"), 0), "title"), ==, "ISOC Genève");
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* all-docs and changes */
  r = run (f, "{\"_id\":\"person:1\",\"name\":\"Ana\"}", "--store", f->store, "put", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run (f, NULL, "--store", f->store, "all-docs", "--include-docs", "--limit", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpint (json_object_get_int_member (obj, "total_rows"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "rows")), ==, 1);
  g_assert_true (json_object_has_member (json_array_get_object_element (
                   json_object_get_array_member (obj, "rows"), 0), "doc"));
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);
  r = run (f, NULL, "--store", f->store, "changes", "--since", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "results")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "last_seq"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (obj, "pending"), ==, 0);
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  /* delete, then get says deleted */
  r = run (f, NULL, "--store", f->store, "delete", "org:1", "--rev", rev2, NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (obj, "rev"), "3-"));
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);
  r = run (f, NULL, "--store", f->store, "get", "org:1", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "deleted"));
  result_clear (&r);

  r = run (f, NULL, "--store", f->store, "compact", NULL);
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_output (&r);
  g_assert_true (json_object_get_boolean_member (obj, "ok"));
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);

  r = run (f, NULL, "--store", f->store, "info", NULL);
  obj = parse_output (&r);
  g_assert_cmpint (json_object_get_int_member (obj, "doc_count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "doc_del_count"), ==, 1);
  g_clear_pointer (&obj, json_object_unref);
  result_clear (&r);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  static const char *const cases[][8] = {
    /* usage errors: exit 2 */
    { "2", NULL },                                         /* no command */
    { "2", "--store", NULL },                              /* --store without path */
    { "2", "--bogus", "info", NULL },
    { "2", "frobnicate", NULL },
    { "2", "get", NULL },                                  /* no --store */
    { "2", "S", "get", NULL },                             /* missing ID */
    { "2", "S", "get", "a", "b", NULL },
    { "2", "S", "get", "a", "--nope", NULL },
    { "2", "S", "delete", "a", NULL },                     /* --rev required */
    { "2", "S", "changes", "--since", "abc", NULL },
    { "2", "S", "all-docs", "--limit", "-5", NULL },
    { "2", "S", "search", NULL },
    /* errors: exit 1 */
    { "1", "S", "get", "missing", NULL },
    { "1", "S", "get", "_bad", NULL },
    { "1", "S", "put", "/nonexistent/file.json", NULL },
    { "1", "S", "delete", "missing", "--rev", "1-abc", NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, f->binary);
      for (guint i = 1; i < 8 && cases[c][i] != NULL; i++)
        {
          if (strcmp (cases[c][i], "S") == 0)
            {
              g_ptr_array_add (argv, (gpointer) "--store");
              g_ptr_array_add (argv, f->store);
            }
          else
            g_ptr_array_add (argv, (gpointer) cases[c][i]);
        }
      g_ptr_array_add (argv, NULL);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_unsetenv (launcher, "CAUCUS_STORE");
      proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_test_message ("case %u: exit %d, stderr %s", c, g_subprocess_get_exit_status (proc), err);
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, atoi (cases[c][0]));
      g_assert_true (g_str_has_prefix (err, "caucusctl: ") || g_str_has_prefix (err, "Usage:"));
      if (g_str_has_prefix (err, "caucusctl: "))
        g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }

  /* bad JSON on stdin: exit 1, nothing written */
  {
    Result r = run (f, "{\"_id\": oops", "--store", f->store, "put", "-", NULL);
    g_autoptr(JsonObject) obj = NULL;

    g_assert_cmpint (r.status, ==, 1);
    assert_one_error_line (&r);
    g_assert_nonnull (strstr (r.err, "JSON"));
    result_clear (&r);
    r = run (f, "[1,2]", "--store", f->store, "put", "-", NULL);
    g_assert_cmpint (r.status, ==, 1);
    result_clear (&r);
    r = run (f, NULL, "--store", f->store, "info", NULL);
    obj = parse_output (&r);
    g_assert_cmpint (json_object_get_int_member (obj, "update_seq"), ==, 0);
    result_clear (&r);
  }
}

static void
test_help (Fixture *f, gconstpointer data)
{
  static const char *const commands[] = {
    "info", "put", "get", "delete", "all-docs", "changes", "search", "compact"
  };
  Result r = run (f, NULL, "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (r.out, commands[i]));
  result_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      r = run (f, NULL, commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, commands[i]));
      g_assert_nonnull (strstr (r.out, "Usage"));
      result_clear (&r);
    }
  r = run (f, NULL, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "caucusctl "));
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/workflow", Fixture, NULL, fixture_setup, test_workflow, fixture_teardown);
  g_test_add ("/cli/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/cli/help", Fixture, NULL, fixture_setup, test_help, fixture_teardown);
  return g_test_run ();
}
