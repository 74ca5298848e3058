/* test-options.c — the command line of the caucus executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built executable; none of these cases opens a window.
 */
#include <glib.h>
#include <glib/gstdio.h>

static char *
caucus_path (void)
{
  const char *build_dir = g_getenv ("CAUCUS_BUILD_DIR");

  g_assert_nonnull (build_dir);
  return g_build_filename (build_dir, "src", "ui", "caucus", NULL);
}

static void
run_caucus (const char * const *args,
            int                *exit_status,
            char              **out,
            char              **err)
{
  g_autofree char *path = caucus_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_version (void)
{
  static const char *args[] = { "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  run_caucus (args, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "caucus " CAUCUS_VERSION "\n");
}

static void
test_help_lists_options (void)
{
  static const char *args[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  run_caucus (args, &status, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "--workspace=DIR"));
  g_assert_nonnull (strstr (out, "--sample"));
}

static void
test_workspace_is_a_file (void)
{
  g_autofree char *file = g_build_filename (g_get_tmp_dir (), "not-a-folder", NULL);
  const char *args[] = { "--workspace", file, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_file_set_contents (file, "x", -1, &error);
  g_assert_no_error (error);

  run_caucus (args, &status, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, file));
  g_assert_nonnull (strstr (err, "is a file, not a folder"));

  g_unlink (file);
}

static void
test_unknown_option (void)
{
  static const char *args[] = { "--no-such-option", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  run_caucus (args, &status, &out, &err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "--no-such-option"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/options/version", test_version);
  g_test_add_func ("/ui/options/help", test_help_lists_options);
  g_test_add_func ("/ui/options/workspace-is-a-file", test_workspace_is_a_file);
  g_test_add_func ("/ui/options/unknown", test_unknown_option);

  return g_test_run ();
}
