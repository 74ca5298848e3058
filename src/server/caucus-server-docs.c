/* caucus-server-docs.c — documents, attachments and _bulk_get. */
#include "caucus-server-private.h"

#include <string.h>

static void
respond_rev (CaucusRequest *req, guint status, const char *id, const char *rev)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *etag = g_strdup_printf ("\"%s\"", rev);

  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "id", id);
  json_object_set_string_member (reply, "rev", rev);
  caucus_request_add_header (req, "ETag", etag);
  caucus_request_respond_object (req, status, reply);
}

/* The revision a write names: the body's _rev, ?rev=, or an If-Match header. */
static char *
request_rev (CaucusRequest *req, JsonObject *doc)
{
  const char *rev = g_hash_table_lookup (req->query, "rev");
  char *text;

  if (doc && json_object_has_member (doc, "_rev"))
    {
      JsonNode *node = json_object_get_member (doc, "_rev");
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
    }
  if (rev != NULL || req->if_match == NULL)
    return g_strdup (rev);
  text = g_strstrip (g_strdup (req->if_match));
  if (text[0] == '"' && strlen (text) >= 2 && text[strlen (text) - 1] == '"')
    {
      char *inner = g_strndup (text + 1, strlen (text) - 2);
      g_free (text);
      text = inner;
    }
  return text;
}

static gboolean
accepts_only_multipart (CaucusRequest *req)
{
  return req->accept && strstr (req->accept, "multipart/mixed") != NULL &&
         strstr (req->accept, "application/json") == NULL;
}

static gboolean
parse_get_options (CaucusRequest *req, CaucusGetOptions *opts, GStrv *atts_since)
{
  gboolean meta = FALSE, bad = FALSE;
  g_autoptr(JsonNode) since = NULL;

  if (!caucus_query_bool (req, "revs", FALSE, &opts->revs) ||
      !caucus_query_bool (req, "revs_info", FALSE, &opts->revs_info) ||
      !caucus_query_bool (req, "conflicts", FALSE, &opts->conflicts) ||
      !caucus_query_bool (req, "deleted_conflicts", FALSE, &opts->deleted_conflicts) ||
      !caucus_query_bool (req, "attachments", FALSE, &opts->attachments) ||
      !caucus_query_bool (req, "latest", FALSE, &opts->latest) ||
      !caucus_query_bool (req, "local_seq", FALSE, &opts->local_seq) ||
      !caucus_query_bool (req, "meta", FALSE, &meta))
    return FALSE;
  if (meta)
    opts->conflicts = opts->deleted_conflicts = opts->revs_info = TRUE;
  since = caucus_query_json (req, "atts_since", &bad);
  if (bad)
    return FALSE;
  if (since)
    {
      if (!caucus_json_strv (req, since, "atts_since", atts_since))
        return FALSE;
      opts->atts_since = (const char * const *) *atts_since;
    }
  opts->rev = g_hash_table_lookup (req->query, "rev");
  return TRUE;
}

static void
get_document (CaucusRequest *req, CaucusStore *store, const char *id)
{
  CaucusGetOptions opts = { 0 };
  g_auto(GStrv) atts_since = NULL;
  g_autoptr(GError) error = NULL;
  const char *open_revs = g_hash_table_lookup (req->query, "open_revs");

  if (!parse_get_options (req, &opts, &atts_since))
    return;

  if (open_revs)
    {
      g_auto(GStrv) revs = NULL;
      g_autoptr(GPtrArray) results = NULL;

      if (!g_str_equal (open_revs, "all"))
        {
          gboolean bad = FALSE;
          g_autoptr(JsonNode) node = caucus_query_json (req, "open_revs", &bad);
          if (bad)
            return;
          if (!caucus_json_strv (req, node, "open_revs", &revs))
            return;
        }
      results = caucus_store_get_open_revs (store, id, (const char * const *) revs, &opts, &error);
      if (results == NULL)
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      if (revs == NULL && results->len == 0)
        {
          caucus_request_respond_error (req, 404, "not_found", "missing");
          return;
        }
      if (accepts_only_multipart (req))
        {
          g_autofree char *content_type = NULL;
          g_autoptr(GBytes) body = caucus_multipart_open_revs (results, &content_type);
          caucus_request_respond_bytes (req, 200, content_type, body);
        }
      else
        {
          JsonArray *array = json_array_new ();
          g_autoptr(JsonNode) node = NULL;
          for (guint i = 0; i < results->len; i++)
            json_array_add_object_element (array, json_object_ref (results->pdata[i]));
          node = json_node_init_array (json_node_alloc (), array);
          json_array_unref (array);
          caucus_request_respond_json (req, 200, node);
        }
      return;
    }

  {
    g_autoptr(JsonObject) doc = caucus_store_get (store, id, &opts, &error);
    g_autofree char *etag = NULL;
    if (doc == NULL)
      {
        caucus_request_respond_gerror (req, error);
        return;
      }
    etag = g_strdup_printf ("\"%s\"", json_object_get_string_member (doc, "_rev"));
    caucus_request_add_header (req, "ETag", etag);
    caucus_request_respond_object (req, 200, doc);
  }
}

static void
put_document (CaucusRequest *req, CaucusStore *store, const char *id)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_rev = NULL;
  gboolean new_edits = TRUE;
  g_autofree char *rev = NULL;

  if (!caucus_query_bool (req, "new_edits", TRUE, &new_edits))
    return;
  if (req->content_type && g_str_has_prefix (req->content_type, "multipart/related"))
    {
      if (!caucus_multipart_parse_related (req, store, new_edits, &doc))
        return;
    }
  else
    {
      doc = caucus_request_parse_body (req, FALSE);
      if (doc == NULL)
        return;
    }
  if (!caucus_request_check_doc_size (req, doc))
    return;
  if (json_object_has_member (doc, "_id"))
    {
      JsonNode *node = json_object_get_member (doc, "_id");
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_str_equal (json_node_get_string (node), id))
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "Document id must match the id in the URL");
          return;
        }
    }
  json_object_set_string_member (doc, "_id", id);
  rev = request_rev (req, doc);
  if (rev && !json_object_has_member (doc, "_rev"))
    json_object_set_string_member (doc, "_rev", rev);

  if (!new_edits)
    {
      if (!json_object_has_member (doc, "_rev"))
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "new_edits=false needs the document's _rev");
          return;
        }
      if (!caucus_store_put_with_history (store, doc, &error))
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      respond_rev (req, 201, id, json_object_get_string_member (doc, "_rev"));
      return;
    }
  new_rev = caucus_store_put (store, doc, &error);
  if (new_rev == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  respond_rev (req, 201, id, new_rev);
}

static void
post_document (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) doc = caucus_request_parse_body (req, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *id = NULL;

  if (doc == NULL || !caucus_request_check_doc_size (req, doc))
    return;
  if (!json_object_has_member (doc, "_id"))
    {
      g_autofree char *new_id = caucus_random_id ();
      json_object_set_string_member (doc, "_id", new_id);
    }
  else if (!JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_id")) ||
           json_node_get_value_type (json_object_get_member (doc, "_id")) != G_TYPE_STRING)
    {
      caucus_request_respond_error (req, 400, "illegal_docid", "Document id must be a string");
      return;
    }
  id = g_strdup (json_object_get_string_member (doc, "_id"));
  rev = caucus_store_put (store, doc, &error);
  if (rev == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  respond_rev (req, 201, id, rev);
}

static void
delete_document (CaucusRequest *req, CaucusStore *store, const char *id)
{
  g_autofree char *rev = request_rev (req, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_rev = NULL;

  if (rev == NULL)
    {
      caucus_request_respond_error (req, 409, "conflict", "Document update conflict.");
      return;
    }
  new_rev = caucus_store_delete (store, id, rev, &error);
  if (new_rev == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  respond_rev (req, 200, id, new_rev);
}

/* ---- attachments ------------------------------------------------------------------------ */

static void
route_attachment (CaucusRequest *req, CaucusStore *store, CaucusRole role, const char *id,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = request_rev (req, NULL);

  if (name[0] == '_')
    {
      caucus_request_respond_error (req, 400, "bad_request",
                                    "Attachment name can't start with '_'");
      return;
    }
  if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    {
      g_autofree char *content_type = NULL;
      g_autofree char *digest = NULL;
      g_autoptr(GBytes) data = caucus_store_get_attachment (store, id, rev, name, &content_type,
                                                            &digest, &error);
      if (data == NULL)
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      if (digest)
        {
          g_autofree char *etag = g_strdup_printf ("\"%s\"", digest);
          caucus_request_add_header (req, "ETag", etag);
        }
      caucus_request_respond_bytes (req, 200,
                                    content_type ? content_type : "application/octet-stream", data);
    }
  else if (g_str_equal (req->method, "PUT"))
    {
      g_autofree char *new_rev = NULL;
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      new_rev = caucus_store_put_attachment (store, id, rev, name,
                                             req->content_type ? req->content_type
                                                               : "application/octet-stream",
                                             req->body ? req->body : empty, &error);
      if (new_rev == NULL)
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      respond_rev (req, 201, id, new_rev);
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      g_autofree char *new_rev = NULL;

      if (rev == NULL)
        {
          caucus_request_respond_error (req, 409, "conflict", "Document update conflict.");
          return;
        }
      new_rev = caucus_store_delete_attachment (store, id, rev, name, &error);
      if (new_rev == NULL)
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      respond_rev (req, 200, id, new_rev);
    }
  else
    {
      caucus_request_add_header (req, "Allow", "GET,HEAD,PUT,DELETE");
      caucus_request_respond_error (req, 405, "method_not_allowed", "Only GET,HEAD,PUT,DELETE allowed");
    }
}

void
caucus_route_document (CaucusWorker  *worker,
                       CaucusRequest *req,
                       CaucusStore   *store,
                       CaucusRole     role,
                       char         **segments,
                       guint          n_segments)
{
  g_autofree char *id = NULL;
  g_autoptr(GString) attachment = NULL;
  g_autoptr(GError) error = NULL;
  guint next;

  if (n_segments == 1)
    {
      post_document (req, store);
      return;
    }
  if (g_str_equal (segments[1], "_design"))
    {
      id = g_strconcat ("_design/", segments[2], NULL);
      next = 3;
    }
  else
    {
      id = g_strdup (segments[1]);
      next = 2;
    }
  if (!caucus_store_validate_id (id, &error))
    {
      caucus_request_respond_error (req, 400, "illegal_docid", error->message);
      return;
    }
  if (next < n_segments)
    {
      attachment = g_string_new (segments[next]);
      for (guint i = next + 1; i < n_segments; i++)
        g_string_append_printf (attachment, "/%s", segments[i]);
      if (attachment->len == 0)
        {
          caucus_request_respond_error (req, 400, "bad_request", "Attachment name is empty");
          return;
        }
      route_attachment (req, store, role, id, attachment->str);
      return;
    }

  if (g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD"))
    get_document (req, store, id);
  else if (g_str_equal (req->method, "PUT"))
    put_document (req, store, id);
  else if (g_str_equal (req->method, "DELETE"))
    delete_document (req, store, id);
  else
    {
      caucus_request_add_header (req, "Allow", "GET,HEAD,PUT,DELETE");
      caucus_request_respond_error (req, 405, "method_not_allowed", "Only GET,HEAD,PUT,DELETE allowed");
    }
}

/* ---- _local ------------------------------------------------------------------------------ */

void
caucus_route_local (CaucusRequest *req, CaucusStore *store, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full_id = g_strconcat ("_local/", id, NULL);
  g_autoptr(JsonObject) reply = json_object_new ();

  if (*id == '\0')
    {
      caucus_request_respond_error (req, 400, "bad_request", "A local document needs an id.");
      return;
    }
  if ((g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD")))
    {
      g_autoptr(JsonObject) doc = caucus_store_get_local (store, full_id, &error);
      if (doc == NULL)
        caucus_request_respond_gerror (req, error);
      else
        caucus_request_respond_object (req, 200, doc);
    }
  else if (g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonObject) doc = caucus_request_parse_body (req, FALSE);
      g_autofree char *rev = NULL;

      if (doc == NULL || !caucus_request_check_doc_size (req, doc))
        return;
      json_object_set_string_member (doc, "_id", full_id);
      rev = caucus_store_put_local (store, doc, &error);
      if (rev == NULL)
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      json_object_set_boolean_member (reply, "ok", TRUE);
      json_object_set_string_member (reply, "id", full_id);
      json_object_set_string_member (reply, "rev", rev);
      caucus_request_respond_object (req, 201, reply);
    }
  else if (g_str_equal (req->method, "DELETE"))
    {
      const char *rev = g_hash_table_lookup (req->query, "rev");
      if (rev == NULL)
        rev = req->if_match;
      if (!caucus_store_delete_local (store, full_id, rev, &error))
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      json_object_set_boolean_member (reply, "ok", TRUE);
      json_object_set_string_member (reply, "id", full_id);
      json_object_set_string_member (reply, "rev", "0-0");
      caucus_request_respond_object (req, 200, reply);
    }
  else
    {
      caucus_request_add_header (req, "Allow", "GET,HEAD,PUT,DELETE");
      caucus_request_respond_error (req, 405, "method_not_allowed", "Only GET,HEAD,PUT,DELETE allowed");
    }
}

/* ---- _bulk_get ----------------------------------------------------------------------- */

static JsonObject *
bulk_get_error (const char *id, const char *rev, const char *error, const char *reason)
{
  JsonObject *wrapper = json_object_new ();
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id ? id : "");
  json_object_set_string_member (object, "rev", rev ? rev : "undefined");
  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "reason", reason);
  json_object_set_object_member (wrapper, "error", object);
  return wrapper;
}

static JsonObject *
bulk_get_error_from (const char *id, const char *rev, const GError *error)
{
  if (error->domain == CAUCUS_STORE_ERROR &&
      (error->code == CAUCUS_STORE_ERROR_NOT_FOUND || error->code == CAUCUS_STORE_ERROR_DELETED))
    return bulk_get_error (id, rev, "not_found",
                           error->code == CAUCUS_STORE_ERROR_DELETED ? "deleted" : "missing");
  if (error->domain == CAUCUS_STORE_ERROR && error->code == CAUCUS_STORE_ERROR_INVALID)
    return bulk_get_error (id, rev, "bad_request", error->message);
  return bulk_get_error (id, rev, "internal_server_error", error->message);
}

/* Appends @object as compact JSON. */
static void
append_object (GString *out, JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize length = 0;
  g_autofree char *text = caucus_json_to_string (node, &length);

  g_string_append_len (out, text, length);
}

static void
append_string (GString *out, const char *value)
{
  /* request strings were checked as UTF-8 by the reader; should one not be, json-glib's
   * writer escapes what it can, as before */
  if (!caucus_json_append_string (out, value, NULL))
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
      gsize length = 0;
      g_autofree char *text = caucus_json_to_string (node, &length);

      g_string_append_len (out, text, length);
    }
}

/* Appends one entry of a result's "docs": {"ok": doc} or {"error": {…}}; takes @entry. */
static void
append_entry (GString *out, gboolean *first, JsonObject *entry)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  append_object (out, entry);
  json_object_unref (entry);
}

/* The answer is written as each document is read, so only one document's tree exists at a
 * time; its shape is CouchDB's {"results":[{"id":…,"docs":[…]},…]}. */
void
caucus_route_bulk_get (CaucusWorker *worker, CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CaucusGetOptions base = { 0 };
  JsonArray *requests;
  GString *out;
  guint n;

  if (!caucus_query_bool (req, "revs", FALSE, &base.revs) ||
      !caucus_query_bool (req, "latest", FALSE, &base.latest) ||
      !caucus_query_bool (req, "attachments", FALSE, &base.attachments))
    return;
  body = caucus_request_parse_body (req, FALSE);
  if (body == NULL)
    return;
  if (!json_object_has_member (body, "docs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "docs")))
    {
      caucus_request_respond_error (req, 400, "bad_request", "Missing JSON list of 'docs'.");
      return;
    }
  requests = json_object_get_array_member (body, "docs");
  n = json_array_get_length (requests);
  if (n > req->limits.max_bulk_docs)
    {
      caucus_request_respond_error (req, 413, "too_large", "Too many documents in one request");
      return;
    }

  out = g_string_sized_new (64 + (gsize) n * 1024);
  g_string_append (out, "{\"results\":[");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (requests, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *id = NULL, *rev = NULL;
      g_auto(GStrv) atts_since = NULL;
      CaucusGetOptions opts = base;
      g_autoptr(GError) error = NULL;
      gboolean first = TRUE;

      if (item && json_object_has_member (item, "id") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (item, "id")) &&
          json_node_get_value_type (json_object_get_member (item, "id")) == G_TYPE_STRING)
        id = json_object_get_string_member (item, "id");
      if (item && json_object_has_member (item, "rev") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (item, "rev")) &&
          json_node_get_value_type (json_object_get_member (item, "rev")) == G_TYPE_STRING)
        rev = json_object_get_string_member (item, "rev");
      if (item && json_object_has_member (item, "atts_since"))
        {
          JsonNode *since = json_object_get_member (item, "atts_since");
          if (JSON_NODE_HOLDS_ARRAY (since))
            {
              g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
              JsonArray *a = json_node_get_array (since);
              for (guint j = 0; j < json_array_get_length (a); j++)
                if (JSON_NODE_HOLDS_VALUE (json_array_get_element (a, j)) &&
                    json_node_get_value_type (json_array_get_element (a, j)) == G_TYPE_STRING)
                  g_strv_builder_add (b, json_array_get_string_element (a, j));
              atts_since = g_strv_builder_end (b);
              opts.atts_since = (const char * const *) atts_since;
              opts.attachments = TRUE;
            }
        }

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"id\":");
      append_string (out, id ? id : "");
      g_string_append (out, ",\"docs\":[");
      if (id == NULL || !caucus_store_validate_id (id, NULL))
        append_entry (out, &first, bulk_get_error (id, rev, "illegal_docid",
                                                   "Document id must be a valid string"));
      else
        {
          gsize mark;

          /* the document's stored text goes straight into the answer (no tree); an
           * unparseable rev is "missing", as open_revs answers it */
          if (rev != NULL && !caucus_rev_parse (rev, NULL, NULL))
            append_entry (out, &first, bulk_get_error (id, rev, "not_found", "missing"));
          else
            {
              opts.rev = rev;
              mark = out->len;
              g_string_append (out, "{\"ok\":");
              if (caucus_store_get_json (store, id, &opts, out, &error))
                {
                  g_string_append_c (out, '}');
                  first = FALSE;
                }
              else
                {
                  g_string_truncate (out, mark);
                  append_entry (out, &first, bulk_get_error_from (id, rev, error));
                }
            }
        }
      g_string_append (out, "]}");
    }
  /* CouchDB ends JSON responses with a newline. */
  g_string_append (out, "]}\n");
  bytes = g_string_free_to_bytes (out);
  caucus_request_respond_bytes (req, 200, "application/json", bytes);
}
