/* caucus-cli-export.c — `caucusctl export ical --output FILE (--event ID | --following |
 * --deadlines)` and `caucusctl export csv|vcard --output FILE [--type org|person]
 * [--filter FIELD=VALUE]… [--search TEXT] [--id ID]… [--vcard-version 3.0|4.0] [--bom]
 * [--delimiter ,|;|tab]`.
 *
 * Writes one VCALENDAR (TZID + VTIMEZONE, never floating times) atomically.  "Following"
 * is the device's personal selection, kept by the app in the local (never synced) document
 * `_local/following` as {"event_ids": [...]}. */
#include "caucus-cli.h"
#include "caucus-formats.h"

#include <string.h>

#define FOLLOWING_LOCAL_ID "_local/following"

static char *opt_output;
static char *opt_event;
static gboolean opt_following;
static gboolean opt_deadlines;
static char *opt_type;
static char **opt_filters;
static char *opt_search;
static char **opt_ids;
static char *opt_vcard_version;
static gboolean opt_bom;
static char *opt_delimiter;

static GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the calendar to FILE", "FILE" },
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event,
    "This event (a conference with all its sessions)", "ID" },
  { "following", 0, 0, G_OPTION_ARG_NONE, &opt_following,
    "The sessions and deadlines followed on this device", NULL },
  { "deadlines", 0, 0, G_OPTION_ARG_NONE, &opt_deadlines, "Every deadline and milestone", NULL },
  { "type", 0, 0, G_OPTION_ARG_STRING, &opt_type,
    "csv/vcard: org or person (CSV default: person; vCard default: both)", "TYPE" },
  { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_filters,
    "csv/vcard: a directory filter (kind, regional_group, country, expertise, accreditation, tag, "
    "ref_id); repeatable", "FIELD=VALUE" },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search, "csv/vcard: only entries matching TEXT", "TEXT" },
  { "id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_ids, "csv/vcard: these entries (repeatable)", "ID" },
  { "vcard-version", 0, 0, G_OPTION_ARG_STRING, &opt_vcard_version, "vcard: 4.0 (default) or 3.0", "VERSION" },
  { "bom", 0, 0, G_OPTION_ARG_NONE, &opt_bom, "csv: start with a UTF-8 byte order mark (for spreadsheet apps)", NULL },
  { "delimiter", 0, 0, G_OPTION_ARG_STRING, &opt_delimiter, "csv: , (default), ; or tab", "CHAR" },
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

static const char *directory_filters[] = {
  "kind", "regional_group", "country", "expertise", "accreditation", "tag", "ref_id", NULL
};

/* The documents of one type that the directory page would list with these filters. */
static gboolean
collect_filtered (CaucusStore  *store,
                  const char   *type,
                  GPtrArray    *docs,
                  GError      **error)
{
  CaucusModelIndex *index = caucus_model_index_get_default (store, error);
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (index == NULL)
    return FALSE;
  list = caucus_document_list_new (index, type);
  for (guint i = 0; opt_filters != NULL && opt_filters[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (opt_filters[i], "=", 2);

      caucus_document_list_set_filter (list, pair[0], pair[1]);
    }
  if (opt_search != NULL)
    caucus_document_list_set_filter (list, "search", opt_search);
  found = caucus_directory_collect_list (list, error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (docs, json_object_ref (g_ptr_array_index (found, i)));
  return TRUE;
}

static int
run_directory_export (CaucusCliContext *ctx,
                      const char       *format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *text = NULL;
  gboolean csv = strcmp (format, "csv") == 0;
  char delimiter = ',';
  CaucusVCardVersion version = CAUCUS_VCARD_4_0;
  CaucusStore *store;

  if (opt_output == NULL)
    return caucus_cli_usage_error ("export", "Missing --output FILE");
  if (opt_event != NULL || opt_following || opt_deadlines)
    return caucus_cli_usage_error ("export", "--event, --following and --deadlines are for ical exports");
  if (opt_type != NULL && strcmp (opt_type, "org") != 0 && strcmp (opt_type, "person") != 0)
    return caucus_cli_usage_error ("export", "--type must be org or person, not “%s”", opt_type);
  for (guint i = 0; opt_filters != NULL && opt_filters[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (opt_filters[i], "=", 2);

      if (pair[0] == NULL || pair[1] == NULL || !g_strv_contains (directory_filters, pair[0]))
        return caucus_cli_usage_error ("export", "--filter “%s”: expected FIELD=VALUE with FIELD one of kind, "
                                       "regional_group, country, expertise, accreditation, tag, ref_id",
                                       opt_filters[i]);
    }
  if (opt_ids != NULL && (opt_filters != NULL || opt_search != NULL))
    return caucus_cli_usage_error ("export", "Give either --id or --filter/--search, not both");
  if (opt_delimiter != NULL)
    {
      if (!csv)
        return caucus_cli_usage_error ("export", "--delimiter applies to csv exports");
      if (strcmp (opt_delimiter, ",") == 0 || strcmp (opt_delimiter, ";") == 0)
        delimiter = opt_delimiter[0];
      else if (strcmp (opt_delimiter, "tab") == 0 || strcmp (opt_delimiter, "\t") == 0)
        delimiter = '\t';
      else
        return caucus_cli_usage_error ("export", "--delimiter must be , ; or tab, not “%s”", opt_delimiter);
    }
  if (opt_vcard_version != NULL)
    {
      if (csv)
        return caucus_cli_usage_error ("export", "--vcard-version applies to vcard exports");
      if (strcmp (opt_vcard_version, "3.0") == 0 || strcmp (opt_vcard_version, "3") == 0)
        version = CAUCUS_VCARD_3_0;
      else if (strcmp (opt_vcard_version, "4.0") != 0 && strcmp (opt_vcard_version, "4") != 0)
        return caucus_cli_usage_error ("export", "--vcard-version must be 3.0 or 4.0, not “%s”", opt_vcard_version);
    }
  if (opt_bom && !csv)
    return caucus_cli_usage_error ("export", "--bom applies to csv exports");

  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  if (opt_ids != NULL)
    {
      g_autoptr(GPtrArray) found = caucus_directory_collect_ids (store, (const char * const *) opt_ids, &error);

      if (found == NULL)
        return caucus_cli_fail (error);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (docs, json_object_ref (g_ptr_array_index (found, i)));
    }
  else
    {
      /* Organisations before people, so an import of the file links people to them. */
      if ((opt_type != NULL ? strcmp (opt_type, "org") == 0 : !csv) &&
          !collect_filtered (store, "org", docs, &error))
        return caucus_cli_fail (error);
      if ((opt_type != NULL ? strcmp (opt_type, "person") == 0 : TRUE) &&
          !collect_filtered (store, "person", docs, &error))
        return caucus_cli_fail (error);
    }
  text = csv ? caucus_directory_export_csv (store, docs, delimiter, opt_bom, &error)
             : caucus_directory_export_vcard (store, docs, version, &error);
  if (text == NULL || !caucus_directory_write_file (opt_output, text, &error))
    return caucus_cli_fail (error);
  return CAUCUS_CLI_EXIT_OK;
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

  if (g_strcmp0 (args[0], "csv") == 0 || g_strcmp0 (args[0], "vcard") == 0)
    return run_directory_export (ctx, args[0]);
  if (g_strcmp0 (args[0], "ical") != 0)
    return caucus_cli_usage_error ("export", "Unknown export format “%s” (ical, csv or vcard)", args[0]);
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
  .parameters = "ical|csv|vcard",
  .summary = "Export events as iCalendar, or the directory (or a filter of it) as CSV or vCard",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_export,
};
