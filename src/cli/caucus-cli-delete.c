/* caucus-cli-delete.c — `caucusctl delete ID --rev REV`: write a tombstone. */
#include "caucus-cli.h"

static char *opt_rev;

static GOptionEntry entries[] = {
  { "rev", 0, 0, G_OPTION_ARG_STRING, &opt_rev, "The current revision (required)", "REV" },
  { NULL }
};

static int
run_delete (CaucusCliContext *ctx,
            char            **args,
            guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) out = NULL;
  g_autofree char *rev = NULL;
  CaucusStore *store;

  if (opt_rev == NULL)
    return caucus_cli_usage_error ("delete", "--rev REV is required");
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  rev = caucus_store_delete (store, args[0], opt_rev, &error);
  if (rev == NULL)
    return caucus_cli_fail (error);
  out = json_object_new ();
  json_object_set_boolean_member (out, "ok", TRUE);
  json_object_set_string_member (out, "id", args[0]);
  json_object_set_string_member (out, "rev", rev);
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_delete = {
  .name = "delete",
  .parameters = "ID",
  .summary = "Delete a document (writes a tombstone on top of --rev)",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_delete,
};
