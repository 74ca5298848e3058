/* caucus-cli-import.c — `caucusctl import FILE [--format NAME] [--zone ZONE]
 * [--mapping JSON|@FILE] [--show-mapping]`.
 *
 * Reads a frab/pretalx schedule (XML or JSON) or an iCalendar file into the store in one
 * transaction and prints what changed as JSON (caucus_import_report_to_json).  Malformed
 * input fails with the file, the line and the reason, and writes nothing.
 * Directory files (CSV, vCard) print the directory report instead, with the possible
 * duplicates that were not created (caucus_directory_report_to_json); for CSV,
 * --show-mapping prints the proposed column mapping and --mapping applies an edited one. */
#include "caucus-cli.h"
#include "caucus-formats.h"

static char *opt_format;
static char *opt_zone;
static char *opt_mapping;
static gboolean opt_show_mapping;

static GOptionEntry entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
    "frab-xml, frab-json or ical (default: from the file name, else its first bytes)", "NAME" },
  { "zone", 0, 0, G_OPTION_ARG_STRING, &opt_zone,
    "IANA time zone of the venue, for inputs that name none (e.g. Europe/Brussels)", "ZONE" },
  { "mapping", 0, 0, G_OPTION_ARG_STRING, &opt_mapping,
    "CSV column mapping as JSON, or @FILE (e.g. '{\"columns\": {\"Pays\": \"country\"}}')", "JSON" },
  { "show-mapping", 0, 0, G_OPTION_ARG_NONE, &opt_show_mapping,
    "Print the proposed CSV column mapping and import nothing", NULL },
  { NULL }
};

/* CSV and vCard: the directory importer, with its own report. */
static int
run_directory_import (CaucusCliContext *ctx,
                      const char       *path,
                      CaucusFormat      format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mapping = NULL;
  g_autoptr(CaucusDirectoryReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  CaucusStore *store;

  if (opt_mapping != NULL)
    {
      g_autofree char *text = NULL;

      if (opt_mapping[0] == '@')
        {
          if (!g_file_get_contents (opt_mapping + 1, &text, NULL, &error))
            return caucus_cli_usage_error ("import", "--mapping: %s", error->message);
        }
      else
        text = g_strdup (opt_mapping);
      mapping = json_from_string (text, &error);
      if (mapping == NULL)
        return caucus_cli_usage_error ("import", "--mapping is not JSON: %s",
                                       error != NULL ? error->message : "empty");
    }
  if (format != CAUCUS_FORMAT_CSV && (mapping != NULL || opt_show_mapping))
    return caucus_cli_usage_error ("import", "--mapping and --show-mapping apply to CSV files only");
  if (opt_show_mapping)
    {
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(CaucusCsvMapping) proposed = NULL;

      if (!g_file_get_contents (path, &data, &length, &error))
        return caucus_cli_fail (error);
      proposed = caucus_csv_sniff (data, length, path, &error);
      if (proposed == NULL || (mapping != NULL && !caucus_csv_mapping_apply_json (proposed, mapping, &error)))
        return caucus_cli_fail (error);
      node = caucus_csv_mapping_to_json (proposed);
      caucus_cli_print_json (node);
      return CAUCUS_CLI_EXIT_OK;
    }
  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  if (!caucus_directory_import_file (store, path, caucus_format_to_string (format), mapping, &report, &error))
    return caucus_cli_fail (error);
  node = caucus_directory_report_to_json (report);
  caucus_cli_print_json (node);
  return CAUCUS_CLI_EXIT_OK;
}

static int
run_import (CaucusCliContext *ctx,
            char            **args,
            guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  CaucusFormat format = CAUCUS_FORMAT_AUTO;
  CaucusStore *store;

  /* The command line is checked before the store is touched. */
  if (opt_format != NULL && !caucus_format_from_string (opt_format, &format, &error))
    return caucus_cli_usage_error ("import", "%s", error->message);
  if (opt_zone != NULL && !caucus_time_zone_is_valid (opt_zone))
    return caucus_cli_usage_error ("import", "“%s” is not a known IANA time zone "
                                   "(e.g. Europe/Brussels)", opt_zone);
  if (!g_file_test (args[0], G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "%s: no such file (or not a regular file)", args[0]);
      return caucus_cli_fail (error);
    }

  if (format == CAUCUS_FORMAT_AUTO)
    format = caucus_format_detect_file (args[0]);
  if (format == CAUCUS_FORMAT_CSV || format == CAUCUS_FORMAT_VCARD)
    return run_directory_import (ctx, args[0], format);
  if (opt_mapping != NULL || opt_show_mapping)
    return caucus_cli_usage_error ("import", "--mapping and --show-mapping apply to CSV files only");

  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  if (!caucus_formats_import_file (store, args[0], opt_format, opt_zone, &report, &error))
    return caucus_cli_fail (error);

  node = caucus_import_report_to_json (report);
  caucus_cli_print_json (node);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_import = {
  .name = "import",
  .parameters = "FILE",
  .summary = "Import a conference schedule (frab XML/JSON), an iCalendar file, or a directory (CSV, vCard)",
  .description = "Importing the same conference again updates the sessions that changed and "
                 "reports each change; sessions no longer in the feed are marked cancelled. "
                 "Directory rows that match an entry by email or name are reported as possible "
                 "duplicates instead of being created twice.",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_import,
};
