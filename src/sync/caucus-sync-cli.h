/* caucus-sync-cli.h — the `caucusctl sync` command, for the cli layer to register.
 *
 *   sync --remote URL [--user NAME] [--once|--continuous] [--pull|--push]
 *        [--batch-size N] [--timeout SECONDS] [--retries N] [--create-remote]
 *
 * Both directions by default (pull, then push; concurrently with --continuous, which runs
 * until SIGINT/SIGTERM).  The password comes from the URL's user info, CAUCUS_PASSWORD, or
 * the keyring.  Progress goes to stderr, a JSON summary to stdout.  Exit codes: 0 done,
 * 1 replication failed, 2 usage error.
 */
#pragma once

#include "caucus-store.h"

G_BEGIN_DECLS

/* @argv[0] is the command name ("sync"). */
int caucus_sync_cli_run (CaucusStore  *store,
                         int           argc,
                         char        **argv);

G_END_DECLS
