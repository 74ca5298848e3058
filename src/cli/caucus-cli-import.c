/* caucus-cli-import.c — `caucusctl import FILE [--format NAME] [--zone ZONE]`.
 *
 * Reads a frab/pretalx schedule (XML or JSON) or an iCalendar file into the store in one
 * transaction and prints what changed as JSON (caucus_import_report_to_json).  Malformed
 * input fails with the file, the line and the reason, and writes nothing. */
#include "caucus-cli.h"
#include "caucus-formats.h"

static char *opt_format;
static char *opt_zone;

static GOptionEntry entries[] = {
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
    "frab-xml, frab-json or ical (default: from the file name, else its first bytes)", "NAME" },
  { "zone", 0, 0, G_OPTION_ARG_STRING, &opt_zone,
    "IANA time zone of the venue, for inputs that name none (e.g. Europe/Brussels)", "ZONE" },
  { NULL }
};

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
  .summary = "Import a conference schedule (frab XML/JSON) or an iCalendar file",
  .description = "Importing the same conference again updates the sessions that changed and "
                 "reports each change; sessions no longer in the feed are marked cancelled.",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 1,
  .max_args = 1,
  .run = run_import,
};
