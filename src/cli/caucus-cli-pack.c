/* caucus-cli-pack.c — `caucusctl pack`: an event's briefing pack as a PDF.
 *
 * The event's pack document (the most recently updated one when there are several, or a
 * default pack with every section when it has none) is collected from the store and laid
 * out by src/pack; the PDF is written beside the target and renamed at the end, so a
 * failure never leaves a half-written file.  Prints {"ok", "pack_id", "path", "pages"}. */
#include "caucus-cli.h"

#include "caucus-pack-collect.h"
#include "caucus-pack-error.h"
#include "caucus-pack-layout.h"

static char *opt_event;
static char *opt_pack;
static char *opt_output;
static char *opt_paper;
static char *opt_home_zone;
static char *opt_date;
static char *opt_locale;

static GOptionEntry entries[] = {
  { "event", 0, 0, G_OPTION_ARG_STRING, &opt_event,
    "The event whose briefing pack to render (its pack, or every section by default)", "ID" },
  { "pack", 0, 0, G_OPTION_ARG_STRING, &opt_pack,
    "Render this pack document instead of the event's", "ID" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "The PDF file to write", "FILE.pdf" },
  { "paper", 0, 0, G_OPTION_ARG_STRING, &opt_paper, "Paper size: a4 (default) or letter", "SIZE" },
  { "home-zone", 0, 0, G_OPTION_ARG_STRING, &opt_home_zone,
    "Show agenda times in this IANA zone too (e.g. America/New_York)", "ZONE" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "Creation date for reproducible output (RFC 3339, e.g. 2012-10-27T09:00:00Z)", "DATE" },
  { "locale", 0, 0, G_OPTION_ARG_STRING, &opt_locale,
    "Locale for dates (e.g. fr_FR.UTF-8; default: the current locale)", "LOCALE" },
  { NULL }
};

static int
run_pack (CaucusCliContext *ctx,
          char            **args,
          guint             n_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusPackSources) sources = NULL;
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(JsonObject) out = json_object_new ();
  g_autofree char *pack_id = NULL;
  CaucusPackOptions options;
  CaucusStore *store;

  caucus_pack_options_init (&options);
  if ((opt_event == NULL) == (opt_pack == NULL))
    return caucus_cli_usage_error ("pack", "Give the event with --event ID (or a pack with --pack ID)");
  if (opt_output == NULL || *opt_output == '\0')
    return caucus_cli_usage_error ("pack", "Give the PDF to write with --output FILE.pdf");
  if (opt_paper == NULL || g_ascii_strcasecmp (opt_paper, "a4") == 0)
    options.paper = CAUCUS_PACK_PAPER_A4;
  else if (g_ascii_strcasecmp (opt_paper, "letter") == 0)
    options.paper = CAUCUS_PACK_PAPER_LETTER;
  else
    return caucus_cli_usage_error ("pack", "Unknown paper size “%s” (use a4 or letter)", opt_paper);
  if (opt_date != NULL)
    {
      date = g_date_time_new_from_iso8601 (opt_date, NULL);
      if (date == NULL)
        return caucus_cli_usage_error ("pack", "“%s” is not an RFC 3339 date such as "
                                       "2012-10-27T09:00:00Z", opt_date);
      options.creation_date = date;
    }
  options.home_zone = opt_home_zone;
  options.locale = opt_locale;

  store = caucus_cli_context_get_store (ctx, &error);
  if (store == NULL)
    return caucus_cli_fail (error);
  if (opt_pack != NULL)
    {
      sources = caucus_pack_sources_new_from_store (store, opt_pack, &error);
      pack_id = g_strdup (opt_pack);
    }
  else
    sources = caucus_pack_sources_new_for_event (store, opt_event, &pack_id, &error);
  if (sources == NULL)
    return caucus_cli_fail (error);

  layout = caucus_pack_layout_new (sources, pack_id, &options, NULL, NULL, NULL, &error);
  if (layout == NULL || !caucus_pack_layout_write_pdf (layout, opt_output, NULL, NULL, NULL, &error))
    return caucus_cli_fail (error);

  json_object_set_boolean_member (out, "ok", TRUE);
  json_object_set_string_member (out, "pack_id", pack_id);
  json_object_set_string_member (out, "path", opt_output);
  json_object_set_int_member (out, "pages", caucus_pack_layout_get_n_pages (layout));
  caucus_cli_print_object (out);
  return CAUCUS_CLI_EXIT_OK;
}

const CaucusCliCommand caucus_cli_command_pack = {
  .name = "pack",
  .parameters = "",
  .summary = "Write an event's briefing pack as a PDF",
  .description = "Renders the event's briefing pack (or, when it has none, a pack with every\n"
                 "section) with its cover, contents, programme, people, statements and\n"
                 "background papers.  Prints {\"ok\",\"pack_id\",\"path\",\"pages\"}.\n"
                 "\n"
                 "Example: caucusctl --store ws.caucus pack --event event:best-bits-2012 \\\n"
                 "           --output baku.pdf --paper letter --home-zone America/New_York",
  .entries = entries,
  .needs_store = TRUE,
  .min_args = 0,
  .max_args = 0,
  .run = run_pack,
};
