/* caucus-server-multipart.c — CouchDB's multipart shapes, parsed and written with SoupMultipart.
 *
 * PUT /{db}/{id} as multipart/related (what CouchDB's replicator sends for documents with
 * attachments): the first part is the JSON document whose _attachments entries say
 * "follows": true; the attachment bodies follow as further parts, in the order of those
 * entries (a Content-Disposition filename, when present, must name the entry).
 *
 * GET /{db}/{id}?open_revs=… with "Accept: multipart/mixed": one part per requested
 * revision; a found revision without attachment bodies is an application/json part, one
 * with attachment bodies is a nested multipart/related part (JSON with "follows": true, then
 * each attachment with Content-Disposition: attachment; filename="…"), and a missing
 * revision is an application/json; error="true" part holding {"missing": rev}.
 */
#include "caucus-server-private.h"

#include <string.h>

static gboolean
bad_multipart (CaucusRequest *req, const char *reason)
{
  caucus_request_respond_error (req, 400, "bad_request", reason);
  return FALSE;
}

static char *
part_filename (SoupMessageHeaders *headers)
{
  g_autofree char *disposition = NULL;
  GHashTable *params = NULL;
  char *filename = NULL;

  if (soup_message_headers_get_content_disposition (headers, &disposition, &params))
    {
      filename = g_strdup (g_hash_table_lookup (params, "filename"));
      g_hash_table_destroy (params);
    }
  return filename;
}

/* Decodes gzip data, refusing (G_IO_ERROR_NO_SPACE) to grow past @limit bytes. */
static GBytes *
gunzip (GBytes *data, guint64 limit, GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (decompressor));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (out->len + (guint64) n > limit)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                       "decompressed, it is larger than the request size limit");
          return NULL;
        }
      g_byte_array_append (out, buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
caucus_multipart_parse_related (CaucusRequest *req,
                                CaucusStore   *store,
                                gboolean       new_edits,
                                JsonObject   **doc_out)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) terminated = NULL;
  SoupMultipart *multipart;
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part_body = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attachments = NULL;
  g_autoptr(GList) names = NULL;
  guint next_part = 1, n_parts;
  gboolean ok = FALSE;
  const char *ctype;
  gsize size;
  const char *data;

  soup_message_headers_replace (headers, "Content-Type", req->content_type);
  {
    /* libsoup's parser runs str functions over the body: give it a terminating NUL */
    gsize body_size = 0;
    const char *body_data = req->body ? g_bytes_get_data (req->body, &body_size) : "";
    GByteArray *copy = g_byte_array_sized_new (body_size + 1);
    g_autoptr(GBytes) whole = NULL;
    g_byte_array_append (copy, (const guint8 *) body_data, body_size);
    g_byte_array_append (copy, (const guint8 *) "", 1);
    whole = g_byte_array_free_to_bytes (copy);
    terminated = g_bytes_new_from_bytes (whole, 0, body_size);
  }
  multipart = soup_multipart_new_from_message (headers, terminated);
  if (multipart == NULL)
    return bad_multipart (req, "Malformed multipart/related body: no boundary or no parts");
  n_parts = soup_multipart_get_length (multipart);
  if (n_parts < 1 || !soup_multipart_get_part (multipart, 0, &part_headers, &part_body))
    {
      bad_multipart (req, "A multipart/related document needs a JSON part first");
      goto out;
    }
  ctype = soup_message_headers_get_content_type (part_headers, NULL);
  if (ctype && !g_str_equal (ctype, "application/json"))
    {
      bad_multipart (req, "The first part of multipart/related must be application/json");
      goto out;
    }
  data = g_bytes_get_data (part_body, &size);
  doc = caucus_json_parse_object (data, size, req->limits.max_json_depth, &error);
  if (doc == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("invalid UTF-8 JSON: %s", error->message);
      bad_multipart (req, reason);
      goto out;
    }

  if (json_object_has_member (doc, "_attachments"))
    {
      JsonNode *node = json_object_get_member (doc, "_attachments");
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_multipart (req, "_attachments must be an object");
          goto out;
        }
      attachments = json_node_get_object (node);
      names = json_object_get_members (attachments);
    }
  for (GList *l = names; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (attachments, name);
      JsonObject *att;
      g_autofree char *filename = NULL;
      g_autofree char *digest = NULL;
      g_autoptr(GBytes) decoded = NULL;
      const char *att_type;
      const char *encoding;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_multipart (req, "Each _attachments entry must be an object");
          goto out;
        }
      att = json_node_get_object (node);
      if (!json_object_has_member (att, "follows") ||
          !json_object_get_boolean_member_with_default (att, "follows", FALSE))
        continue;
      if (next_part >= n_parts ||
          !soup_multipart_get_part (multipart, next_part, &part_headers, &part_body))
        {
          g_autofree char *reason = g_strdup_printf ("The body of attachment '%s' is missing", name);
          bad_multipart (req, reason);
          goto out;
        }
      next_part++;
      filename = part_filename (part_headers);
      if (filename && !g_str_equal (filename, name))
        {
          g_autofree char *reason = g_strdup_printf ("Attachment part '%s' arrived where '%s' was expected",
                                                     filename, name);
          bad_multipart (req, reason);
          goto out;
        }
      /* CouchDB sends text attachments as it stores them, gzip-compressed, saying so with
       * "encoding": "gzip" (length is then the decoded size, encoded_length the part's). */
      encoding = json_object_get_string_member_with_default (att, "encoding", NULL);
      if (encoding && !g_str_equal (encoding, "gzip"))
        {
          g_autofree char *reason = g_strdup_printf ("Attachment '%s' has an unknown encoding '%s'",
                                                     name, encoding);
          bad_multipart (req, reason);
          goto out;
        }
      if (encoding)
        {
          g_autoptr(GError) gz_error = NULL;
          if (json_object_has_member (att, "encoded_length") &&
              json_object_get_int_member_with_default (att, "encoded_length", -1) != (gint64) g_bytes_get_size (part_body))
            {
              g_autofree char *reason = g_strdup_printf ("Attachment '%s' is not as long as its encoded_length says", name);
              bad_multipart (req, reason);
              goto out;
            }
          decoded = gunzip (part_body, req->limits.max_body_bytes, &gz_error);
          if (decoded == NULL)
            {
              g_autofree char *reason = g_strdup_printf ("Attachment '%s': %s", name, gz_error->message);
              if (g_error_matches (gz_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
                caucus_request_respond_error (req, 413, "too_large", reason);
              else
                bad_multipart (req, reason);
              goto out;
            }
          part_body = decoded;
        }
      if (json_object_has_member (att, "length") &&
          json_object_get_int_member_with_default (att, "length", -1) != (gint64) g_bytes_get_size (part_body))
        {
          g_autofree char *reason = g_strdup_printf ("Attachment '%s' is not as long as its length says", name);
          bad_multipart (req, reason);
          goto out;
        }
      att_type = json_object_get_string_member_with_default (att, "content_type", NULL);
      if (att_type == NULL)
        att_type = soup_message_headers_get_content_type (part_headers, NULL);
      if (att_type == NULL)
        att_type = "application/octet-stream";

      if (new_edits)
        {
          JsonObject *inline_att = json_object_new ();
          gsize len;
          const guchar *bytes = g_bytes_get_data (part_body, &len);
          g_autofree char *encoded = g_base64_encode (bytes, len);
          json_object_set_string_member (inline_att, "content_type", att_type);
          json_object_set_string_member (inline_att, "data", encoded);
          json_object_set_object_member (attachments, name, inline_att);
        }
      else
        {
          JsonObject *stub = json_object_new ();
          digest = caucus_store_add_blob (store, part_body, &error);
          if (digest == NULL)
            {
              json_object_unref (stub);
              caucus_request_respond_gerror (req, error);
              goto out;
            }
          /* CouchDB's digest of a gzip-encoded attachment is over the encoded bytes */
          if (encoding == NULL && json_object_has_member (att, "digest") &&
              !g_str_equal (json_object_get_string_member_with_default (att, "digest", ""), digest))
            {
              g_autofree char *reason = g_strdup_printf ("Attachment '%s' does not match its digest", name);
              json_object_unref (stub);
              bad_multipart (req, reason);
              goto out;
            }
          json_object_set_string_member (stub, "content_type", att_type);
          json_object_set_string_member (stub, "digest", digest);
          json_object_set_int_member (stub, "length", g_bytes_get_size (part_body));
          json_object_set_int_member (stub, "revpos",
                                      json_object_get_int_member_with_default (att, "revpos", 1));
          json_object_set_boolean_member (stub, "stub", TRUE);
          json_object_set_object_member (attachments, name, stub);
        }
    }
  if (next_part != n_parts)
    {
      bad_multipart (req, "The multipart body has more parts than attachments that follow");
      goto out;
    }
  *doc_out = g_steal_pointer (&doc);
  ok = TRUE;

out:
  soup_multipart_free (multipart);
  return ok;
}

static GBytes *
json_bytes (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize length = 0;
  char *text = caucus_json_to_string (node, &length);
  return g_bytes_new_take (text, length);
}

/* A found revision: plain JSON, or multipart/related when it carries attachment bodies. */
static void
append_document (SoupMultipart *outer, JsonObject *doc)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonObject *attachments = NULL;
  SoupMultipart *inner;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) inner_body = NULL;
  g_autoptr(GList) members = NULL;

  if (json_object_has_member (doc, "_attachments") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, "_attachments")))
    {
      JsonObject *atts = json_object_get_object_member (doc, "_attachments");
      members = json_object_get_members (atts);
      for (GList *l = members; l; l = l->next)
        {
          JsonObject *att = json_object_get_object_member (atts, l->data);
          if (att && json_object_has_member (att, "data"))
            break;
          if (l->next == NULL)
            g_clear_pointer (&members, g_list_free);
        }
    }
  if (members == NULL)
    {
      g_autoptr(GBytes) body = json_bytes (doc);
      soup_message_headers_replace (headers, "Content-Type", "application/json");
      soup_multipart_append_part (outer, headers, body);
      return;
    }

  /* A new document (json_node_copy shares objects) with inline data replaced by "follows". */
  copy = json_object_new ();
  {
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;
    json_object_iter_init (&iter, doc);
    while (json_object_iter_next (&iter, &key, &value))
      if (!g_str_equal (key, "_attachments"))
        json_object_set_member (copy, key, json_node_ref (value));
  }
  attachments = json_object_new ();
  json_object_set_object_member (copy, "_attachments", attachments);
  for (GList *l = members; l; l = l->next)
    {
      JsonObject *src = json_object_get_object_member (json_object_get_object_member (doc, "_attachments"),
                                                       l->data);
      JsonObject *att;
      gsize len = 0;
      guchar *bytes;

      if (src == NULL || !json_object_has_member (src, "data"))
        {
          if (src)
            json_object_set_object_member (attachments, l->data, json_object_ref (src));
          continue;
        }
      bytes = g_base64_decode (json_object_get_string_member (src, "data"), &len);
      att = json_object_new ();
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *value;
        json_object_iter_init (&iter, src);
        while (json_object_iter_next (&iter, &key, &value))
          if (!g_str_equal (key, "data") && !g_str_equal (key, "stub"))
            json_object_set_member (att, key, json_node_copy (value));
      }
      json_object_set_boolean_member (att, "follows", TRUE);
      json_object_set_int_member (att, "length", len);
      json_object_set_object_member (attachments, l->data, att);
      g_ptr_array_add (bodies, g_bytes_new_take (bytes, len));
      g_ptr_array_add (names, l->data);
    }

  inner = soup_multipart_new ("multipart/related");
  json = json_bytes (copy);
  {
    g_autoptr(SoupMessageHeaders) h = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
    soup_message_headers_replace (h, "Content-Type", "application/json");
    soup_multipart_append_part (inner, h, json);
  }
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(SoupMessageHeaders) h = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
      g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
      JsonObject *att = json_object_get_object_member (attachments, names->pdata[i]);
      const char *ct = json_object_get_string_member_with_default (att, "content_type",
                                                                   "application/octet-stream");
      g_hash_table_insert (params, (gpointer) "filename", names->pdata[i]);
      soup_message_headers_set_content_disposition (h, "attachment", params);
      soup_message_headers_replace (h, "Content-Type", ct);
      soup_message_headers_set_content_length (h, g_bytes_get_size (bodies->pdata[i]));
      soup_multipart_append_part (inner, h, bodies->pdata[i]);
    }
  soup_multipart_to_message (inner, headers, &inner_body);
  soup_multipart_free (inner);
  soup_multipart_append_part (outer, headers, inner_body);
}

GBytes *
caucus_multipart_open_revs (GPtrArray *results, char **content_type)
{
  SoupMultipart *outer = soup_multipart_new ("multipart/mixed");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  GBytes *body = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      JsonObject *entry = results->pdata[i];
      if (json_object_has_member (entry, "ok"))
        append_document (outer, json_object_get_object_member (entry, "ok"));
      else
        {
          g_autoptr(SoupMessageHeaders) h = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
          g_autoptr(GBytes) missing = json_bytes (entry);
          soup_message_headers_replace (h, "Content-Type", "application/json; error=\"true\"");
          soup_multipart_append_part (outer, h, missing);
        }
    }
  soup_multipart_to_message (outer, headers, &body);
  soup_multipart_free (outer);
  *content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  return body;
}
