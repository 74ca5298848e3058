/* caucus-cli-export.c — `caucusctl export ical --output FILE (--event ID | --following |
 * --deadlines)`.
 *
 * Writes one VCALENDAR (TZID + VTIMEZONE, never floating times) atomically.  "Following"
 * is the device's personal selection, kept by the app in the local (never synced) document
 * `_local/following` as {"event_ids": [...]}. */
#include "caucus-cli.h"
#include "caucus-formats.h"

#define FOLLOWING_LOCAL_ID "_local/following"

static char *opt_output;
static char *opt_event;
static gboolean opt_following;
static gboolean opt_deadlines;

static GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the calendar to FILE", "FILE" },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event,
    "This event (a conference with all its sessions)", "ID" },
  { "following", 0, 0, G_OPTION_ARG_NONE, &opt_following,
    "The sessions and deadlines followed on this device", NULL },
  { "deadlines", 0, 0, G_OPTION_ARG_NONE, &opt_deadlines, "Every deadline and milestone", NULL },
  { NULL }
};

/* The followed ids, NULL-terminated; an empty selection is an error a person can act on. */
static GStrv
read_following (CaucusStore  *store,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) doc = caucus_store_get_local (store, FOLLOWING_LOCAL_ID, &local_error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *ids = NULL;
  guint n = 0;

  if (doc == NULL && !g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (doc != NULL && json_object_has_member (doc, "event_ids") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, "event_ids")))
    ids = json_object_get_array_member (doc, "event_ids");
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *node = json_array_get_element (ids, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_strv_builder_add (builder, json_node_get_string (node));
          n++;
        }
    }
  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Nothing is followed in this store: follow sessions in the app first, "
                           "or export with --event ID or --deadlines");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static int
run_export (CaucusCliContext *ctx,
            char            **args,
            guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) following = NULL;
  CaucusExportSelection selection = { 0 };
  CaucusStore *store;
  int n_selections = (opt_event != NULL) + (opt_following ? 1 : 0) + (opt_deadlines ? 1 : 0);

  if (g_strcmp0 (args[0], "ical") != 0)
    return caucus_cli_usage_error ("export", "Unknown export format “%s” (only “ical”)", args[0]);
  if (opt_output == NULL)
    return caucus_cli_usage_error ("export", "Missing --output FILE");
  if (n_selections != 1)
    return caucus_cli_usage_error ("export", "Give exactly one of --event ID, --following, --deadlines");

  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);

  if (opt_event != NULL)
    {
      selection.kind = CAUCUS_EXPORT_EVENT;
      selection.event_id = opt_event;
    }
  else if (opt_following)
    {
      following = read_following (store, &error);
      if (following == NULL)
        return caucus_cli_fail (error);
      selection.kind = CAUCUS_EXPORT_IDS;
      selection.ids = (const char * const *) following;
    }
  else
    selection.kind = CAUCUS_EXPORT_DEADLINES;

  if (!caucus_formats_export_ical (store, &selection, opt_output, &error))
    return caucus_cli_fail (error);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_export = {
  .name = "export",
  .parameters = "ical",
  .summary = "Export events as iCalendar (--event ID, --following or --deadlines)",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_export,
};
