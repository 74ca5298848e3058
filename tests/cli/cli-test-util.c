/* cli-test-util.c — shared set-up for the tests that run the real caucusctl binary. */
#include "cli-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (path, name, NULL);

      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        {
          g_chmod (p, 0700);   /* tests make read-only folders */
          remove_tree (p);
        }
      else
        g_unlink (p);
    }
  g_rmdir (path);
}

void
cli_fixture_setup (CliFixture *f,
                   const char *name)
{
  cli_fixture_setup_named (f, name, "store.db");
}

void
cli_fixture_setup_named (CliFixture *f,
                         const char *name,
                         const char *store_name)
{
  const char *build = g_getenv ("CAUCUS_BUILD_DIR");
  g_autofree char *template = g_strdup_printf ("caucusctl-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;

  f->binary = build != NULL ? g_build_filename (build, "src", "cli", "caucusctl", NULL)
                            : g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "cli", "caucusctl", NULL);
  g_assert_true (g_file_test (f->binary, G_FILE_TEST_IS_EXECUTABLE));
  f->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  f->store = g_build_filename (f->dir, store_name, NULL);
}

void
cli_fixture_teardown (CliFixture *f)
{
  remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->store, g_free);
  g_clear_pointer (&f->binary, g_free);
}

void
cli_result_clear (CliResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Under LeakSanitizer with a suppressions file, the binary ends by listing the
 * suppressions it used (fontconfig's caches) on stderr: that is the sanitizer's, not ours. */
static void
strip_sanitizer_report (char *err)
{
  char *report = err != NULL ? strstr (err, "-----------------------------------------------------\nSuppressions used:") : NULL;

  if (report != NULL)
    *report = '\0';
}

static CliResult
run_argv (GPtrArray  *argv,
          const char *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  CliResult r = { 0 };

  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "CAUCUS_STORE");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r.status = g_subprocess_get_exit_status (proc);
  strip_sanitizer_report (r.err);
  return r;
}

CliResult
cli_run_with_store_va (CliFixture *f,
                       const char *store,
                       const char *first,
                       va_list     ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, f->binary);
  g_ptr_array_add (argv, (gpointer) "--store");
  g_ptr_array_add (argv, (gpointer) store);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  return run_argv (argv, NULL);
}

CliResult
cli_run (CliFixture *f,
         const char *input,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, f->binary);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  return run_argv (argv, input);
}

CliResult
cli_run_with_store (CliFixture *f,
                    const char *store,
                    const char *first,
                    ...)
{
  CliResult r;
  va_list ap;

  va_start (ap, first);
  r = cli_run_with_store_va (f, store, first, ap);
  va_end (ap);
  return r;
}

JsonObject *
cli_parse_output (const CliResult *r)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
cli_assert_one_error_line (const CliResult *r)
{
  g_assert_true (g_str_has_prefix (r->err, "caucusctl: "));
  g_assert_true (g_str_has_suffix (r->err, "\n"));
  g_assert_true (strchr (r->err, '\n') == r->err + strlen (r->err) - 1);
  g_assert_cmpstr (r->out, ==, "");
}

gint64
cli_report_count (JsonObject *report,
                  const char *name)
{
  return json_object_get_int_member (json_object_get_object_member (report, "counts"), name);
}

gint64
cli_doc_count (CliFixture *f,
               const char *store)
{
  CliResult r = cli_run_with_store (f, store, "info", NULL);
  g_autoptr(JsonObject) info = NULL;
  gint64 n;

  g_assert_cmpint (r.status, ==, 0);
  info = cli_parse_output (&r);
  n = json_object_get_int_member (info, "doc_count");
  cli_result_clear (&r);
  return n;
}
