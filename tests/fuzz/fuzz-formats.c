/* fuzz-formats.c — the calendar importers (frab XML, frab/pretalx JSON, iCalendar) through
 * caucus_formats_parse, the entry point import uses before anything touches a store.
 * The first byte picks the format (auto, frab-xml, frab-json, ical); the rest is the file. */
#include "fuzz-common.h"
#include "caucus-formats.h"

static const CaucusFormat formats[] = {
  CAUCUS_FORMAT_AUTO, CAUCUS_FORMAT_FRAB_XML, CAUCUS_FORMAT_FRAB_JSON, CAUCUS_FORMAT_ICAL,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  CaucusFormat detected = CAUCUS_FORMAT_AUTO;

  if (size < 1)
    return 0;
  docs = caucus_formats_parse ((const char *) data + 1, size - 1, "fuzz-input",
                               formats[data[0] % G_N_ELEMENTS (formats)], "Europe/Berlin",
                               &detected, &error);
  if (docs == NULL)
    g_assert (error != NULL && error->message[0] != '\0');
  else
    for (guint i = 0; i < docs->len; i++)
      {
        /* Every document the importers make must be one the store would accept. */
        JsonObject *doc = g_ptr_array_index (docs, i);
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);
        g_autofree char *text = caucus_json_to_string (node, NULL);

        g_assert (text != NULL);
      }
  return 0;
}
