/* caucus-cli-sync.c — `caucusctl sync`: the sync layer parses its own options, so that the
 * command's behaviour (and its tests) live next to the replicator it drives. */
#include "caucus-cli.h"
#include "caucus-sync-cli.h"

static int
run_sync (CaucusCliContext *ctx,
          int               argc,
          char            **argv)
{
  g_autoptr(GError) error = NULL;
  CaucusStore *store;

  /* --help must work without opening (or creating) a store. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      {
        g_print ("Usage:\n"
                 "  caucusctl --store PATH sync --remote URL [OPTION…]\n\n"
                 "Replicate the store with a CouchDB-protocol database (both directions by default).\n"
                 "The password comes from the URL's user info, $CAUCUS_PASSWORD, or the keyring.\n\n"
                 "Options:\n"
                 "  --remote URL        the database on the server (required)\n"
                 "  --user NAME         the account on the server\n"
                 "  --once              replicate what is there now, then stop (default)\n"
                 "  --continuous        keep replicating until interrupted (SIGINT/SIGTERM)\n"
                 "  --pull, --push      only one direction\n"
                 "  --batch-size N      documents per batch (1…100000)\n"
                 "  --timeout SECONDS   per request (1…3600)\n"
                 "  --retries N         retries with back-off before giving up (0…100)\n"
                 "  --create-remote     create the server database if it is missing\n");
        return CAUCUS_CLI_EXIT_OK;
      }

  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  return caucus_sync_cli_run (store, argc, argv);
}

const CaucusCliCommand caucus_cli_command_sync = {
  .name = "sync",
  .parameters = "--remote URL",
  .summary = "Replicate with a CouchDB-protocol server (caucus-server, CouchDB, PouchDB Server)",
  .needs_store = TRUE,
  .run_raw = run_sync,
};
