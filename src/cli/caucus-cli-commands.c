/* caucus-cli-commands.c — the table of caucusctl commands.  To add one, write
 * caucus-cli-<name>.c defining `const CaucusCliCommand caucus_cli_command_<name>`,
 * declare it and list it here, and add the file to meson.build. */
#include "caucus-cli.h"

extern const CaucusCliCommand caucus_cli_command_info;
extern const CaucusCliCommand caucus_cli_command_put;
extern const CaucusCliCommand caucus_cli_command_get;
extern const CaucusCliCommand caucus_cli_command_delete;
extern const CaucusCliCommand caucus_cli_command_all_docs;
extern const CaucusCliCommand caucus_cli_command_changes;
extern const CaucusCliCommand caucus_cli_command_search;
extern const CaucusCliCommand caucus_cli_command_compact;
extern const CaucusCliCommand caucus_cli_command_import;
extern const CaucusCliCommand caucus_cli_command_export;
extern const CaucusCliCommand caucus_cli_command_pack;
extern const CaucusCliCommand caucus_cli_command_sync;
extern const CaucusCliCommand caucus_cli_command_sample;

const CaucusCliCommand *const caucus_cli_commands[] = {
  &caucus_cli_command_info,
  &caucus_cli_command_put,
  &caucus_cli_command_get,
  &caucus_cli_command_delete,
  &caucus_cli_command_all_docs,
  &caucus_cli_command_changes,
  &caucus_cli_command_search,
  &caucus_cli_command_compact,
  &caucus_cli_command_import,
  &caucus_cli_command_export,
  &caucus_cli_command_pack,
  &caucus_cli_command_sync,
  &caucus_cli_command_sample,
  NULL
};
