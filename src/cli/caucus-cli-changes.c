/* caucus-cli-changes.c — `caucusctl changes [--since SEQ]`: CouchDB's _changes. */
#include "caucus-cli.h"

static gint64 opt_since;
static gint64 opt_limit = -1;
static gboolean opt_all_docs;
static gboolean opt_include_docs;
static gboolean opt_descending;

static GOptionEntry entries[] = {
  { "since", 0, 0, G_OPTION_ARG_INT64, &opt_since, "Changes after this sequence", "SEQ" },
  { "limit", 0, 0, G_OPTION_ARG_INT64, &opt_limit, "At most N rows", "N" },
  { "all-docs", 0, 0, G_OPTION_ARG_NONE, &opt_all_docs, "Every leaf revision (style=all_docs)", NULL },
  { "include-docs", 0, 0, G_OPTION_ARG_NONE, &opt_include_docs, "Add each document", NULL },
  { "descending", 0, 0, G_OPTION_ARG_NONE, &opt_descending, "Newest first", NULL },
  { NULL }
};

static int
run_changes (CaucusCliContext *ctx,
             char            **args,
             guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  CaucusChangesOptions opts = {
    .since = opt_since,
    .limit = opt_limit,
    .all_docs = opt_all_docs,
    .include_docs = opt_include_docs,
    .descending = opt_descending,
  };
  CaucusStore *store;

  if (opt_since < 0 || opt_limit < -1)
    return caucus_cli_usage_error ("changes", "--since and --limit must not be negative");
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  result = caucus_store_changes (store, &opts, &error);
  if (result == NULL)
    return caucus_cli_fail (error);
  caucus_cli_print_object (result);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_changes = {
  .name = "changes",
  .parameters = "",
  .summary = "List changed documents, each once at its latest sequence",
  .entries = entries,
  .needs_store = TRUE,
  .run = run_changes,
};
