/* caucus-cli-get.c — `caucusctl get ID [--rev REV] [--revs] [--conflicts]`. */
#include "caucus-cli.h"

static char *opt_rev;
static gboolean opt_revs;
static gboolean opt_revs_info;
static gboolean opt_conflicts;
static gboolean opt_attachments;

static GOptionEntry entries[] = {
  { "rev", 0, 0, G_OPTION_ARG_STRING, &opt_rev, "This revision instead of the winner", "REV" },
  { "revs", 0, 0, G_OPTION_ARG_NONE, &opt_revs, "Add _revisions (the revision path)", NULL },
  { "revs-info", 0, 0, G_OPTION_ARG_NONE, &opt_revs_info, "Add _revs_info", NULL },
  { "conflicts", 0, 0, G_OPTION_ARG_NONE, &opt_conflicts, "Add _conflicts and _deleted_conflicts", NULL },
  { "attachments", 0, 0, G_OPTION_ARG_NONE, &opt_attachments, "Inline attachment data (base64)", NULL },
  { NULL }
};

static int
run_get (CaucusCliContext *ctx,
         char            **args,
         guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  CaucusGetOptions opts = {
    .rev = opt_rev,
    .revs = opt_revs,
    .revs_info = opt_revs_info,
    .conflicts = opt_conflicts,
    .deleted_conflicts = opt_conflicts,
    .attachments = opt_attachments,
  };
  CaucusStore *store = caucus_cli_context_get_store (ctx, &error);

  if (store == NULL)
    return caucus_cli_fail (error);
  doc = caucus_store_get (store, args[0], &opts, &error);
  if (doc == NULL)
    return caucus_cli_fail (error);
  caucus_cli_print_object (doc);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_get = {
  .name = "get",
  .parameters = "ID",
  .summary = "Print a document (the winning revision unless --rev)",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_get,
};
