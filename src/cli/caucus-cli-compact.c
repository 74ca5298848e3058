/* caucus-cli-compact.c — `caucusctl compact`. */
#include "caucus-cli.h"

static int
run_compact (CaucusCliContext *ctx,
             char            **args,
             guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  CaucusStore *store = caucus_cli_context_get_store (ctx, &error);

  if (store == NULL || !caucus_store_compact (store, &error))
    return caucus_cli_fail (error);
  json_object_set_boolean_member (out, "ok", TRUE);
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_compact = {
  .name = "compact",
  .parameters = "",
  .summary = "Drop old revision bodies that are not merge bases, and unused attachments",
  .needs_store = TRUE,
  .run = run_compact,
};
