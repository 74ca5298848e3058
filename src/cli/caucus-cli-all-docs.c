/* caucus-cli-all-docs.c — `caucusctl all-docs`: CouchDB's _all_docs. */
#include "caucus-cli.h"

static gboolean opt_include_docs;
static gboolean opt_descending;
static gint64 opt_limit = -1;
static gint64 opt_skip;
static char *opt_startkey;
static char *opt_endkey;

static GOptionEntry entries[] = {
  { "include-docs", 0, 0, G_OPTION_ARG_NONE, &opt_include_docs, "Add each document", NULL },
  { "limit", 0, 0, G_OPTION_ARG_INT64, &opt_limit, "At most N rows", "N" },
  { "skip", 0, 0, G_OPTION_ARG_INT64, &opt_skip, "Skip the first N rows", "N" },
  { "descending", 0, 0, G_OPTION_ARG_NONE, &opt_descending, "Reverse id order", NULL },
  { "startkey", 0, 0, G_OPTION_ARG_STRING, &opt_startkey, "First id", "ID" },
  { "endkey", 0, 0, G_OPTION_ARG_STRING, &opt_endkey, "Last id (inclusive)", "ID" },
  { NULL }
};

static int
run_all_docs (CaucusCliContext *ctx,
              char            **args,
              guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  CaucusAllDocsOptions opts = {
    .startkey = opt_startkey,
    .endkey = opt_endkey,
    .limit = opt_limit,
    .skip = opt_skip,
    .descending = opt_descending,
    .include_docs = opt_include_docs,
  };
  CaucusStore *store;

  if (opt_limit < -1 || opt_skip < 0)
    return caucus_cli_usage_error ("all-docs", "--limit and --skip must not be negative");
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  result = caucus_store_all_docs (store, &opts, &error);
  if (result == NULL)
    return caucus_cli_fail (error);
  caucus_cli_print_object (result);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_all_docs = {
  .name = "all-docs",
  .parameters = "",
  .summary = "List documents by id ({total_rows, offset, rows})",
  .entries = entries,
  .needs_store = TRUE,
  .run = run_all_docs,
};
