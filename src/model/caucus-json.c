/* caucus-json.c — deep copies and a canonical form for JSON values. */
#include "caucus-json.h"

#include <string.h>

JsonNode *
caucus_json_node_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *copy = caucus_json_object_deep_copy (json_node_get_object (node));
        JsonNode *out = json_node_init_object (json_node_alloc (), copy);
        json_object_unref (copy);
        return out;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *copy = json_array_sized_new (n);
        JsonNode *out;
        for (guint i = 0; i < n; i++)
          json_array_add_element (copy, caucus_json_node_deep_copy (json_array_get_element (array, i)));
        out = json_node_init_array (json_node_alloc (), copy);
        json_array_unref (copy);
        return out;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
caucus_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy;
  GList *members;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, caucus_json_node_deep_copy (json_object_get_member (object, l->data)));
  g_list_free (members);
  return copy;
}

static int
compare_member_names (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
canonical_append (GString  *out,
                  JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = json_object_get_members (object);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (names, l->data);
        g_list_free (members);
        g_ptr_array_sort (names, compare_member_names);
        g_string_append_c (out, '{');
        for (guint i = 0; i < names->len; i++)
          {
            g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), g_ptr_array_index (names, i));
            g_autofree char *key_text = json_to_string (key, FALSE);
            if (i > 0)
              g_string_append_c (out, ',');
            g_string_append (out, key_text);
            g_string_append_c (out, ':');
            canonical_append (out, json_object_get_member (object, g_ptr_array_index (names, i)));
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            canonical_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        {
          double d = json_node_get_double (node);
          /* 1 and 1.0 are the same JSON number. */
          if (d == (double) (gint64) d && d > -1e15 && d < 1e15)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) d);
          else
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              g_string_append (out, g_ascii_dtostr (buf, sizeof buf, d));
            }
        }
      else
        {
          g_autofree char *text = json_to_string (node, FALSE);
          g_string_append (out, text);
        }
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
caucus_json_canonical (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node == NULL)
    return g_string_free (out, FALSE);
  canonical_append (out, node);
  return g_string_free (out, FALSE);
}

gboolean
caucus_json_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  ca = caucus_json_canonical (a);
  cb = caucus_json_canonical (b);
  return g_str_equal (ca, cb);
}

