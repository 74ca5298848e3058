/* caucus-server-params.c — reading what a request says: JSON bodies within the limits,
 * CouchDB's query parameters (booleans, integers, JSON-encoded values), new ids. */
#include "caucus-server-private.h"
#include "caucus-json-reader.h"

#include <string.h>

gboolean
caucus_request_body_is_json (CaucusRequest *req)
{
  return req->content_type != NULL &&
         (g_str_has_prefix (req->content_type, "application/json") ||
          g_str_has_prefix (req->content_type, "text/plain"));
}

JsonObject *
caucus_request_parse_body (CaucusRequest *req, gboolean allow_empty)
{
  gsize size = 0;
  const char *data = req->body ? g_bytes_get_data (req->body, &size) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (size == 0 && allow_empty)
    return json_object_new ();
  if (!caucus_request_body_is_json (req))
    {
      caucus_request_respond_error (req, 415, "bad_content_type",
                                    "Content-Type must be application/json");
      return NULL;
    }
  if (size == 0)
    {
      caucus_request_respond_error (req, 400, "bad_request", "Request body must be a JSON object");
      return NULL;
    }
  /* the store's strict reader (one pass, no tokenizer; json-glib's JsonParser was 40 % of
   * a _bulk_docs): UTF-8, nesting, RFC 8259 syntax and finite numbers (1e999 is refused)
   * checked as it reads, so the tree needs no second walk */
  node = caucus_json_read (data, size, req->limits.max_json_depth, &error);
  if (node == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("invalid UTF-8 JSON: %s", error->message);
      caucus_request_respond_error (req, 400, "bad_request", reason);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      caucus_request_respond_error (req, 400, "bad_request", "Request body must be a JSON object");
      return NULL;
    }
  object = json_object_ref (json_node_get_object (node));
  /* the request keeps the tree: it is freed with the request, once the answer is out */
  g_clear_pointer (&req->parsed_body, json_node_unref);
  req->parsed_body = g_steal_pointer (&node);
  return g_steal_pointer (&object);
}

gboolean
caucus_request_check_doc_size (CaucusRequest *req, JsonObject *doc)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (req->body && g_bytes_get_size (req->body) <= req->limits.max_doc_bytes)
    return TRUE;
  node = json_node_init_object (json_node_alloc (), doc);
  text = caucus_json_to_string (node, &length);
  if (length > req->limits.max_doc_bytes)
    {
      const char *id = json_object_has_member (doc, "_id") &&
                       JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_id"))
                       ? json_object_get_string_member (doc, "_id") : NULL;
      caucus_request_respond_error (req, 413, "document_too_large", id ? id : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_query_bool (CaucusRequest *req, const char *name, gboolean fallback, gboolean *value)
{
  const char *text = g_hash_table_lookup (req->query, name);

  if (text == NULL)
    *value = fallback;
  else if (g_str_equal (text, "true"))
    *value = TRUE;
  else if (g_str_equal (text, "false"))
    *value = FALSE;
  else
    {
      g_autofree char *reason = g_strdup_printf ("Invalid boolean parameter: \"%s\"", name);
      caucus_request_respond_error (req, 400, "query_parse_error", reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_query_int (CaucusRequest *req, const char *name, gint64 fallback, gint64 min, gint64 *value)
{
  const char *text = g_hash_table_lookup (req->query, name);

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, min, G_MAXINT64, value, NULL))
    {
      g_autofree char *reason = g_strdup_printf ("Invalid value for integer parameter \"%s\"", name);
      caucus_request_respond_error (req, 400, "query_parse_error", reason);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
caucus_query_json (CaucusRequest *req, const char *name, gboolean *bad)
{
  const char *text = g_hash_table_lookup (req->query, name);
  g_autoptr(JsonParser) parser = NULL;

  *bad = FALSE;
  if (text == NULL)
    return NULL;
  parser = json_parser_new_immutable ();
  if (!g_utf8_validate (text, -1, NULL) || !json_parser_load_from_data (parser, text, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("Invalid JSON in parameter \"%s\"", name);
      caucus_request_respond_error (req, 400, "query_parse_error", reason);
      *bad = TRUE;
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

gboolean
caucus_json_strv (CaucusRequest *req, JsonNode *node, const char *what, GStrv *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > req->limits.max_bulk_docs)
    {
      g_autofree char *reason = g_strdup_printf ("Too many %s (at most %u)", what,
                                                 req->limits.max_bulk_docs);
      caucus_request_respond_error (req, 413, "too_large", reason);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        goto bad;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;

bad:
  {
    g_autofree char *reason = g_strdup_printf ("%s must be an array of strings", what);
    caucus_request_respond_error (req, 400, "bad_request", reason);
  }
  return FALSE;
}

char *
caucus_random_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *s = g_string_new (NULL);

  for (const char *p = uuid; *p; p++)
    if (*p != '-')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}
