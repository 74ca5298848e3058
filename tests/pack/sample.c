/* sample: renders the fixture pack to a PDF file, for looking at it (pdftoppm).
 *   pack-sample OUT.pdf [a4|letter] [INTRO.md]
 * With INTRO.md (e.g. ../shared/seeds/003_….txt) that file becomes the introduction. */
#include "caucus-pack-layout.h"
#include "pack-fixture.h"

int
main (int argc, char **argv)
{
  g_autoptr(CaucusPackSources) sources = pack_fixture_new_sources ();
  g_autoptr(GError) error = NULL;
  CaucusPackOptions options;

  caucus_pack_options_init (&options);
  options.home_zone = "America/New_York";
  if (argc > 2 && g_str_equal (argv[2], "letter"))
    options.paper = CAUCUS_PACK_PAPER_LETTER;
  if (argc > 3)
    {
      g_autofree char *intro = NULL;
      JsonObject *pack = caucus_pack_sources_lookup (sources, "pack:forum");

      if (!g_file_get_contents (argv[3], &intro, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      json_object_set_string_member (pack, "intro", intro);
    }
  if (!caucus_pack_render_to_file (sources, "pack:forum", &options, argc > 1 ? argv[1] : "sample.pdf",
                                   NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
