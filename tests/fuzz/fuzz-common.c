/* fuzz-common.c — see fuzz-common.h */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static char *tmp_dir;

void
fuzz_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
          fuzz_rm_rf (path);
        else
          g_unlink (path);
      }
  g_rmdir (dir);
}

static void
remove_tmp_dir (void)
{
  if (tmp_dir != NULL)
    fuzz_rm_rf (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

const char *
fuzz_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;

  if (tmp_dir != NULL)
    return tmp_dir;
  tmp_dir = g_dir_make_tmp ("caucus-fuzz-XXXXXX", &error);
  if (tmp_dir == NULL)
    g_error ("fuzz: cannot make a temporary directory: %s", error->message);
  atexit (remove_tmp_dir);
  return tmp_dir;
}
