/* caucus-cli-put.c — `caucusctl put FILE|-`: write one JSON document. */
#include "caucus-cli.h"

static int
run_put (CaucusCliContext *ctx,
         char            **args,
         guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rev = NULL;
  gsize length = 0;
  CaucusStore *store;

  text = caucus_cli_read_input (args[0], &length, &error);
  if (text == NULL)
    return caucus_cli_fail (error);
  doc = caucus_json_parse_object (text, (gssize) length, CAUCUS_JSON_MAX_DEPTH, &error);
  if (doc == NULL)
    {
      g_prefix_error (&error, "%s: ", g_strcmp0 (args[0], "-") == 0 ? "stdin" : args[0]);
      return caucus_cli_fail (error);
    }
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  rev = caucus_store_put (store, doc, &error);
  if (rev == NULL)
    return caucus_cli_fail (error);
  json_object_set_boolean_member (out, "ok", TRUE);
  json_object_set_string_member (out, "id", json_object_get_string_member (doc, "_id"));
  json_object_set_string_member (out, "rev", rev);
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_put = {
  .name = "put",
  .parameters = "FILE|-",
  .summary = "Write a JSON document (with _id; _rev to update) from a file or stdin",
  .description = "Prints {\"ok\":true,\"id\":…,\"rev\":…}.  Without _rev the document must not exist\n"
                 "(or be deleted); with _rev it must name the current revision.",
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_put,
};
