/* caucus-cli-info.c — `caucusctl info`: the store's CouchDB-style database info. */
#include "caucus-cli.h"

static int
run_info (CaucusCliContext *ctx,
          char            **args,
          guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  g_autofree char *name = NULL;
  CaucusStore *store = caucus_cli_context_get_store (ctx, &error);
  CaucusStoreInfo info;

  if (store == NULL || !caucus_store_get_info (store, &info, &error))
    return caucus_cli_fail (error);
  name = g_path_get_basename (caucus_store_get_path (store));
  json_object_set_string_member (out, "db_name", name);
  json_object_set_string_member (out, "uuid", caucus_store_get_uuid (store));
  json_object_set_int_member (out, "doc_count", info.doc_count);
  json_object_set_int_member (out, "doc_del_count", info.doc_del_count);
  json_object_set_int_member (out, "update_seq", info.update_seq);
  json_object_set_int_member (out, "data_size", info.data_size);
  json_object_set_int_member (out, "revs_limit", caucus_store_get_revs_limit (store));
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_info = {
  .name = "info",
  .parameters = "",
  .summary = "Show the store's uuid, document counts and update sequence",
  .needs_store = TRUE,
  .run = run_info,
};
