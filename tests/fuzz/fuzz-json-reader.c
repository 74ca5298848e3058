/* fuzz-json-reader.c — the strict JSON reader (src/store/caucus-json-reader.c), which reads
 * every answer a remote sends the replicator and every request body caucus-server gets,
 * on arbitrary bytes.
 *
 * Checks, beyond ASan/UBSan: exactly one of a tree or an error; a tree the store's
 * canonical writer writes back out reads again to an equal tree (not json-glib's generator:
 * it prints 1e27 as "1e+27.0", which is not JSON); and when json-glib's parser also
 * accepts the input, both trees are equal (unless the input has integers beyond 64 bits,
 * which we read as doubles and json-glib does not). */
#include "fuzz-common.h"
#include "caucus-json-reader.h"
#include "caucus-store.h"

#include <math.h>
#include <string.h>

static gboolean
has_big_integer (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (has_big_integer (member))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (a); i++)
          if (has_big_integer (json_array_get_element (a, i)))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          return fabs (d) >= 9.2e18 || (d != 0 && fabs (d) < 1e-300);
        }
      return FALSE;
    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = caucus_json_read ((const char *) data, size, 64, &error);

  if ((node == NULL) == (error == NULL))
    g_error ("caucus_json_read returned %s with %s", node ? "a tree" : "nothing",
             error ? "an error" : "no error");
  if (node != NULL)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len = 0;

      text = caucus_json_to_string (node, &len);
      if (text == NULL)
        g_error ("the canonical writer refuses a tree the reader built");
      again = caucus_json_read (text, len, 64, &error);
      if (again == NULL)
        g_error ("the canonical text of our tree does not read back: %s\n%s", error->message, text);
      if (!has_big_integer (node) && !json_node_equal (node, again))
        g_error ("the canonical text of our tree reads back differently: %s", text);
      if (size < 65536 && !has_big_integer (node) &&
          json_parser_load_from_data (parser, (const char *) data, size, NULL) &&
          json_parser_get_root (parser) != NULL &&
          !json_node_equal (node, json_parser_get_root (parser)))
        g_error ("json-glib reads this input differently");
    }
  return 0;
}
