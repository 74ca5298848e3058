/* fuzz-pack.c — Markdown into the briefing-pack renderer: the input is both the pack's
 * introduction and a free-text section, parsed by cmark, turned into blocks, laid out
 * with pango and painted (first pages) onto a recording surface: no file is written. */
#include "fuzz-common.h"
#include "caucus-pack-layout.h"
#include "caucus-pack-sources.h"

#include <cairo.h>

static const char *event_json =
  "{\"_id\":\"event:f\",\"type\":\"event\",\"kind\":\"conference\",\"title\":\"Fuzz Forum\","
  "\"start\":\"2024-10-26T06:00:00Z\",\"end\":\"2024-10-27T16:00:00Z\",\"time_zone\":\"Europe/Berlin\"}";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusPackSources) sources = caucus_pack_sources_new ();
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autoptr(JsonObject) pack = json_object_new ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 10, 1, 12, 0, 0);
  g_autofree char *markdown = g_utf8_make_valid ((const char *) data, (gssize) size);
  JsonArray *sections = json_array_new ();
  JsonObject *free_text = json_object_new ();
  CaucusPackOptions options;

  if (size > 64 * 1024)
    return 0;
  if (!caucus_pack_sources_add_json (sources, event_json, &error))
    g_error ("fuzz-pack: %s", error->message);

  json_object_set_string_member (pack, "_id", "pack:f");
  json_object_set_string_member (pack, "type", "pack");
  json_object_set_string_member (pack, "title", "Fuzz pack");
  json_object_set_string_member (pack, "event_id", "event:f");
  json_object_set_string_member (pack, "intro", markdown);
  json_array_add_string_element (sections, "introduction");
  json_object_set_string_member (free_text, "kind", "free-text");
  json_object_set_string_member (free_text, "title", "Notes");
  json_object_set_string_member (free_text, "body", markdown);
  json_array_add_object_element (sections, free_text);
  json_object_set_array_member (pack, "sections", sections);
  if (!caucus_pack_sources_add_doc (sources, pack, &error))
    return 0;

  caucus_pack_options_init (&options);
  options.creation_date = date;
  options.home_zone = "Europe/Berlin";
  layout = caucus_pack_layout_new (sources, "pack:f", &options, NULL, NULL, NULL, &error);
  if (layout == NULL)
    {
      g_assert (error != NULL && error->message[0] != '\0');
      return 0;
    }
  for (guint page = 0; page < MIN (caucus_pack_layout_get_n_pages (layout), 4u); page++)
    {
      double width, height;
      cairo_surface_t *surface;
      cairo_t *cr;

      caucus_pack_layout_get_page_size (layout, &width, &height);
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      caucus_pack_layout_render_page (layout, cr, page, width, height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return 0;
}
