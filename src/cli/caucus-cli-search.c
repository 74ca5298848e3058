/* caucus-cli-search.c — `caucusctl search QUERY`: full-text search as you type. */
#include "caucus-cli.h"

static char *opt_type;
static gint opt_limit = 25;

static GOptionEntry entries[] = {
  { "type", 0, 0, G_OPTION_ARG_STRING, &opt_type, "Only documents of this type (org, person, …)", "TYPE" },
  { "limit", 0, 0, G_OPTION_ARG_INT, &opt_limit, "At most N results (default 25)", "N" },
  { NULL }
};

static int
run_search (CaucusCliContext *ctx,
            char            **args,
            guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  JsonArray *rows = json_array_new ();
  CaucusStore *store;

  if (opt_limit < 1)
    return caucus_cli_usage_error ("search", "--limit must be at least 1");
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  hits = caucus_store_search (store, args[0], opt_type, (guint) opt_limit, &error);
  if (hits == NULL)
    {
      json_array_unref (rows);
      return caucus_cli_fail (error);
    }
  for (guint i = 0; i < hits->len; i++)
    {
      CaucusSearchHit *hit = g_ptr_array_index (hits, i);
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "id", hit->id);
      if (hit->type != NULL)
        json_object_set_string_member (row, "type", hit->type);
      else
        json_object_set_null_member (row, "type");
      if (hit->title != NULL)
        json_object_set_string_member (row, "title", hit->title);
      else
        json_object_set_null_member (row, "title");
      json_object_set_double_member (row, "rank", hit->rank);
      json_array_add_object_element (rows, row);
    }
  json_object_set_int_member (out, "total_rows", hits->len);
  json_object_set_array_member (out, "rows", rows);
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_search = {
  .name = "search",
  .parameters = "QUERY",
  .summary = "Full-text search, best first (every word must match, the last as a prefix)",
  .description = "Case- and accent-insensitive, in any script.  Prints {total_rows, rows:\n"
                 "[{id, type, title, rank}]}; rank is bm25, lower is better.",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_search,
};
