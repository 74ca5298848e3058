/* caucus-cli-sample.c — `caucusctl sample`: load the sample workspace into a store. */
#include "caucus-cli.h"
#include "caucus-sample.h"

static int
run_sample (CaucusCliContext *ctx,
            char            **args,
            guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  CaucusSampleReport report = { 0, 0 };
  CaucusStore *store = caucus_cli_context_get_store (ctx, &error);

  if (store == NULL || !caucus_sample_load (store, &report, &error))
    return caucus_cli_fail (error);
  json_object_set_int_member (out, "added", report.added);
  json_object_set_int_member (out, "present", report.present);
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_sample = {
  .name = "sample",
  .parameters = "",
  .summary = "Load the sample workspace (Best Bits Baku 2012, the WCIT statement, …)",
  .description = "Writes every document of the sample workspace that the store does not "
                 "have yet, in one transaction; documents already there, edited or deleted "
                 "since, are left alone, so running it twice is harmless.  Prints "
                 "{\"added\": N, \"present\": M}.",
  .needs_store = TRUE,
  .run = run_sample,
};
