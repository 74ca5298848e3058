/* caucus-sync-tool.c — `caucusctl --store PATH sync …` until the cli layer registers
 * caucus_sync_cli_run(); the tests drive the command (and SIGKILL it) through this. */
#include "caucus-sync-cli.h"

#include <locale.h>

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = NULL;

  setlocale (LC_ALL, "");
  if (argc < 4 || g_strcmp0 (argv[1], "--store") != 0 || g_strcmp0 (argv[3], "sync") != 0)
    {
      g_printerr ("usage: %s --store PATH sync --remote URL [options]\n", argv[0]);
      return 2;
    }
  store = caucus_store_open (argv[2], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return caucus_sync_cli_run (store, argc - 3, argv + 3);
}
