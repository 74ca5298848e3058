/* caucus-server-database.c — the database endpoints the router hands a request to: the
 * database's info (with its cache), deletion, _all_docs, _bulk_docs, _revs_diff,
 * _ensure_full_commit and _security.  Documents, _changes and _local are in their own files. */
#include "caucus-server-routes-private.h"
#include "caucus-json-reader.h"

/* caucus_store_get_info() counts documents with a scan of the whole store, and the PouchDB
 * replicator asks for the database info once per batch while pulling.  The counts only
 * change with update_seq (one indexed lookup), so they are remembered per store file and
 * instance until it moves. */
typedef struct {
  char            *instance;
  CaucusStoreInfo  info;
} InfoCacheEntry;

static GMutex info_cache_lock;
static GHashTable *info_cache;   /* store path → InfoCacheEntry */

static void
info_cache_entry_free (gpointer data)
{
  InfoCacheEntry *entry = data;
  g_free (entry->instance);
  g_free (entry);
}

static gboolean
cached_info (CaucusStore *store, const char *instance, CaucusStoreInfo *info, GError **error)
{
  gint64 seq = caucus_store_get_update_seq (store);
  const char *path = caucus_store_get_path (store);
  InfoCacheEntry *entry;
  gboolean hit = FALSE;

  g_mutex_lock (&info_cache_lock);
  if (info_cache == NULL)
    info_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, info_cache_entry_free);
  entry = g_hash_table_lookup (info_cache, path);
  if (entry && g_strcmp0 (entry->instance, instance) == 0 && entry->info.update_seq == seq)
    {
      *info = entry->info;
      hit = TRUE;
    }
  g_mutex_unlock (&info_cache_lock);
  if (hit)
    return TRUE;

  if (!caucus_store_get_info (store, info, error))
    return FALSE;
  entry = g_new0 (InfoCacheEntry, 1);
  entry->instance = g_strdup (instance);
  entry->info = *info;
  g_mutex_lock (&info_cache_lock);
  if (g_hash_table_size (info_cache) > 1000)
    g_hash_table_remove_all (info_cache);
  g_hash_table_replace (info_cache, g_strdup (path), entry);
  g_mutex_unlock (&info_cache_lock);
  return TRUE;
}

void
caucus_route_db_info (CaucusRequest *req, CaucusStore *store, const char *instance)
{
  CaucusStoreInfo info = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonObject *sizes = json_object_new ();

  if (!cached_info (store, instance, &info, &error))
    {
      json_object_unref (sizes);
      caucus_request_respond_gerror (req, error);
      return;
    }
  json_object_set_string_member (reply, "db_name", req->db);
  json_object_set_int_member (reply, "doc_count", info.doc_count);
  json_object_set_int_member (reply, "doc_del_count", info.doc_del_count);
  json_object_set_int_member (reply, "update_seq", info.update_seq);
  json_object_set_int_member (reply, "purge_seq", 0);
  json_object_set_boolean_member (reply, "compact_running", FALSE);
  json_object_set_int_member (sizes, "file", info.data_size);
  json_object_set_int_member (sizes, "active", info.data_size);
  json_object_set_int_member (sizes, "external", info.data_size);
  json_object_set_object_member (reply, "sizes", sizes);
  json_object_set_string_member (reply, "instance_start_time", instance);
  json_object_set_int_member (reply, "disk_format_version", 8);
  caucus_request_respond_object (req, 200, reply);
}

static void
respond_ok (CaucusRequest *req, guint status)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  json_object_set_boolean_member (reply, "ok", TRUE);
  caucus_request_respond_object (req, status, reply);
}

void
caucus_route_db_delete (CaucusWorker *worker, CaucusRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (worker->stores)
    g_hash_table_remove (worker->stores, req->db);
  if (!caucus_users_db_delete (worker->users, req->db, &error))
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  req->db_deleted = TRUE;
  respond_ok (req, 200);
}

static const char * const *
strv_or_null (GStrv v)
{
  return (const char * const *) v;
}

void
caucus_route_all_docs (CaucusRequest *req, CaucusStore *store)
{
  CaucusAllDocsOptions opts = { .limit = -1 };
  g_autoptr(JsonNode) startkey = NULL;
  g_autoptr(JsonNode) endkey = NULL;
  g_autoptr(JsonNode) key = NULL;
  g_autoptr(JsonNode) keys_node = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean bad = FALSE, inclusive_end = TRUE;
  const char *names[][2] = { { "startkey", "start_key" }, { "endkey", "end_key" } };
  JsonNode **targets[] = { &startkey, &endkey };

  if (!caucus_route_method_is (req, "GET") && !caucus_route_method_is (req, "POST"))
    {
      caucus_route_not_allowed (req, "GET,HEAD,POST");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      *targets[i] = caucus_query_json (req, names[i][0], &bad);
      if (bad)
        return;
      if (*targets[i] == NULL)
        *targets[i] = caucus_query_json (req, names[i][1], &bad);
      if (bad)
        return;
      if (*targets[i] && (!JSON_NODE_HOLDS_VALUE (*targets[i]) ||
                          json_node_get_value_type (*targets[i]) != G_TYPE_STRING))
        {
          caucus_request_respond_error (req, 400, "query_parse_error",
                                        "_all_docs keys must be strings (document ids)");
          return;
        }
    }
  key = caucus_query_json (req, "key", &bad);
  if (bad)
    return;
  keys_node = caucus_query_json (req, "keys", &bad);
  if (bad)
    return;
  if (g_str_equal (req->method, "POST"))
    {
      g_autoptr(JsonObject) body = caucus_request_parse_body (req, TRUE);
      if (body == NULL)
        return;
      if (json_object_has_member (body, "keys"))
        {
          g_clear_pointer (&keys_node, json_node_unref);
          keys_node = json_node_copy (json_object_get_member (body, "keys"));
        }
    }
  if (key)
    {
      JsonArray *one = json_array_new ();
      json_array_add_element (one, json_node_copy (key));
      g_clear_pointer (&keys_node, json_node_unref);
      keys_node = json_node_init_array (json_node_alloc (), one);
      json_array_unref (one);
    }
  if (keys_node && !caucus_json_strv (req, keys_node, "keys", &keys))
    return;

  if (!caucus_query_int (req, "limit", -1, 0, &opts.limit) ||
      !caucus_query_int (req, "skip", 0, 0, &opts.skip) ||
      !caucus_query_bool (req, "descending", FALSE, &opts.descending) ||
      !caucus_query_bool (req, "include_docs", FALSE, &opts.include_docs) ||
      !caucus_query_bool (req, "conflicts", FALSE, &opts.conflicts) ||
      !caucus_query_bool (req, "inclusive_end", TRUE, &inclusive_end))
    return;
  opts.exclusive_end = !inclusive_end;
  opts.startkey = startkey ? json_node_get_string (startkey) : NULL;
  opts.endkey = endkey ? json_node_get_string (endkey) : NULL;
  opts.keys = strv_or_null (keys);
  result = caucus_store_all_docs (store, &opts, &error);
  if (result == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  caucus_request_respond_object (req, 200, result);
}

/* A replication batch (new_edits=false) handed to the store as text: the body is read
 * once with the scanner for the documents' byte ranges, and the store prepares plain
 * documents without a tree (caucus_store_bulk_docs_text; building, re-serialising and
 * freeing the trees was ~40 % of such a request).  Anything this does not expect (another
 * content type, a body over the document size limit, new_edits missing or true, too many
 * documents, an element that is not an object, bad JSON) returns FALSE before anything is
 * answered or written, and the tree path below answers it as it always did. */
static gboolean
bulk_docs_from_text (CaucusRequest *req, CaucusStore *store)
{
  gsize size = 0;
  const char *data = req->body ? g_bytes_get_data (req->body, &size) : NULL;
  g_autoptr(CaucusJsonScanner) sc = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GArray) lengths = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gboolean seen_docs = FALSE, seen_new_edits = FALSE;
  CaucusJsonToken token;

  if (size == 0 || (guint64) size > req->limits.max_doc_bytes || !caucus_request_body_is_json (req))
    return FALSE;
  sc = caucus_json_scanner_new (data, size, req->limits.max_json_depth);
  if (caucus_json_scanner_next (sc, NULL) != CAUCUS_JSON_BEGIN_OBJECT)
    return FALSE;
  starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 128);
  lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 128);
  while ((token = caucus_json_scanner_next (sc, NULL)) != CAUCUS_JSON_END_OBJECT)
    {
      const char *key;

      if (token == CAUCUS_JSON_ERROR || token == CAUCUS_JSON_END)
        return FALSE;
      key = caucus_json_scanner_get_key (sc);
      if (g_str_equal (key, "new_edits"))
        {
          if (seen_new_edits || token != CAUCUS_JSON_BOOLEAN || caucus_json_scanner_get_boolean (sc))
            return FALSE;
          seen_new_edits = TRUE;
        }
      else if (g_str_equal (key, "docs"))
        {
          if (seen_docs || token != CAUCUS_JSON_BEGIN_ARRAY)
            return FALSE;
          seen_docs = TRUE;
          while ((token = caucus_json_scanner_next (sc, NULL)) != CAUCUS_JSON_END_ARRAY)
            {
              gsize start, length;

              if (token != CAUCUS_JSON_BEGIN_OBJECT || starts->len >= req->limits.max_bulk_docs)
                return FALSE;
              start = caucus_json_scanner_get_offset (sc) - 1;
              if (!caucus_json_scanner_skip (sc, token, NULL))
                return FALSE;
              length = caucus_json_scanner_get_offset (sc) - start;
              g_array_append_val (starts, start);
              g_array_append_val (lengths, length);
            }
        }
      else if (!caucus_json_scanner_skip (sc, token, NULL))
        return FALSE;
    }
  if (!seen_docs || !seen_new_edits || caucus_json_scanner_next (sc, NULL) != CAUCUS_JSON_END)
    return FALSE;

  result = caucus_store_bulk_docs_text (store, data, (const gsize *) starts->data,
                                        (const gsize *) lengths->data, starts->len,
                                        req->limits.max_json_depth, &error);
  if (result == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return TRUE;
    }
  node = json_node_init_array (json_node_alloc (), result);
  caucus_request_respond_json (req, 201, node);
  return TRUE;
}

void
caucus_route_bulk_docs (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *docs;
  gboolean new_edits = TRUE;

  if (!g_str_equal (req->method, "POST"))
    {
      caucus_route_not_allowed (req, "POST");
      return;
    }
  if (bulk_docs_from_text (req, store))
    return;
  body = caucus_request_parse_body (req, FALSE);
  if (body == NULL)
    return;
  if (!json_object_has_member (body, "docs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "docs")))
    {
      caucus_request_respond_error (req, 400, "bad_request", "POST body must include `docs` parameter.");
      return;
    }
  if (json_object_has_member (body, "new_edits"))
    {
      JsonNode *ne = json_object_get_member (body, "new_edits");
      if (!JSON_NODE_HOLDS_VALUE (ne) || json_node_get_value_type (ne) != G_TYPE_BOOLEAN)
        {
          caucus_request_respond_error (req, 400, "bad_request", "`new_edits` must be a boolean.");
          return;
        }
      new_edits = json_node_get_boolean (ne);
    }
  docs = json_object_get_array_member (body, "docs");
  if (json_array_get_length (docs) > req->limits.max_bulk_docs)
    {
      g_autofree char *reason = g_strdup_printf ("Too many documents in one request (at most %u)",
                                                 req->limits.max_bulk_docs);
      caucus_request_respond_error (req, 413, "too_large", reason);
      return;
    }
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonNode *element = json_array_get_element (docs, i);
      JsonObject *doc;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          caucus_request_respond_error (req, 400, "bad_request", "Document must be a JSON object");
          return;
        }
      doc = json_node_get_object (element);
      if (!caucus_request_check_doc_size (req, doc))
        return;
      if (new_edits && !json_object_has_member (doc, "_id"))
        {
          g_autofree char *id = caucus_random_id ();
          json_object_set_string_member (doc, "_id", id);
        }
    }
  result = caucus_store_bulk_docs (store, docs, new_edits, &error);
  if (result == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  node = json_node_init_array (json_node_alloc (), result);
  caucus_request_respond_json (req, 201, node);
}

void
caucus_route_revs_diff (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (req->method, "POST"))
    {
      caucus_route_not_allowed (req, "POST");
      return;
    }
  body = caucus_request_parse_body (req, FALSE);
  if (body == NULL)
    return;
  if (json_object_get_size (body) > req->limits.max_bulk_docs)
    {
      caucus_request_respond_error (req, 413, "too_large", "Too many documents in one request");
      return;
    }
  result = caucus_store_revs_diff (store, body, &error);
  if (result == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  caucus_request_respond_object (req, 200, result);
}

void
caucus_route_ensure_full_commit (CaucusRequest *req, const char *instance)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  if (!g_str_equal (req->method, "POST"))
    {
      caucus_route_not_allowed (req, "POST");
      return;
    }
  /* Every acknowledged write is already committed (SQLite, synchronous commit). */
  json_object_set_boolean_member (reply, "ok", TRUE);
  json_object_set_string_member (reply, "instance_start_time", instance);
  caucus_request_respond_object (req, 201, reply);
}

static JsonObject *
names_object (GStrv a, GStrv b)
{
  JsonObject *object = json_object_new ();
  JsonArray *names = json_array_new ();

  for (guint i = 0; a && a[i]; i++)
    json_array_add_string_element (names, a[i]);
  for (guint i = 0; b && b[i]; i++)
    json_array_add_string_element (names, b[i]);
  json_object_set_array_member (object, "names", names);
  json_object_set_array_member (object, "roles", json_array_new ());
  return object;
}

static gboolean
security_names (CaucusRequest *req, JsonObject *body, const char *member, GStrv *out)
{
  JsonObject *section;
  JsonNode *node;

  *out = NULL;
  if (!json_object_has_member (body, member))
    return TRUE;
  node = json_object_get_member (body, member);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  section = json_node_get_object (node);
  if (json_object_has_member (section, "roles"))
    {
      JsonNode *roles = json_object_get_member (section, "roles");
      if (!JSON_NODE_HOLDS_ARRAY (roles) || json_array_get_length (json_node_get_array (roles)) > 0)
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "caucus-server has no roles: list member names only");
          return FALSE;
        }
    }
  if (!json_object_has_member (section, "names"))
    return TRUE;
  return caucus_json_strv (req, json_object_get_member (section, "names"), "names", out);

bad:
  caucus_request_respond_error (req, 400, "bad_request", "_security sections must be objects");
  return FALSE;
}

void
caucus_route_security (CaucusWorker *worker, CaucusRequest *req, CaucusRole role)
{
  g_autoptr(GError) error = NULL;

  if (caucus_route_method_is (req, "GET"))
    {
      g_auto(GStrv) admins = caucus_users_members (worker->users, req->db, CAUCUS_ROLE_ADMIN, NULL);
      g_auto(GStrv) editors = caucus_users_members (worker->users, req->db, CAUCUS_ROLE_EDITOR, NULL);
      g_auto(GStrv) readers = caucus_users_members (worker->users, req->db, CAUCUS_ROLE_READER, NULL);
      g_autoptr(JsonObject) reply = json_object_new ();

      json_object_set_object_member (reply, "admins", names_object (admins, NULL));
      json_object_set_object_member (reply, "members", names_object (editors, readers));
      json_object_set_object_member (reply, "readers", names_object (readers, NULL));
      caucus_request_respond_object (req, 200, reply);
    }
  else if (g_str_equal (req->method, "PUT"))
    {
      g_autoptr(JsonObject) body = NULL;
      g_auto(GStrv) admins = NULL, members = NULL, readers = NULL;
      g_autoptr(GStrvBuilder) editors = g_strv_builder_new ();
      g_auto(GStrv) editor_list = NULL;

      if (role < CAUCUS_ROLE_ADMIN)
        {
          caucus_request_respond_error (req, 403, "forbidden",
                                        "Only admins of this database may change its members.");
          return;
        }
      body = caucus_request_parse_body (req, FALSE);
      if (body == NULL)
        return;
      if (!security_names (req, body, "admins", &admins) ||
          !security_names (req, body, "members", &members) ||
          !security_names (req, body, "readers", &readers))
        return;
      for (guint i = 0; members && members[i]; i++)
        if (!(readers && g_strv_contains ((const char * const *) readers, members[i])))
          g_strv_builder_add (editors, members[i]);
      editor_list = g_strv_builder_end (editors);
      if (!caucus_users_set_members (worker->users, req->db, strv_or_null (admins),
                                     strv_or_null (editor_list), strv_or_null (readers), &error))
        {
          caucus_request_respond_gerror (req, error);
          return;
        }
      respond_ok (req, 200);
    }
  else
    caucus_route_not_allowed (req, "GET,HEAD,PUT");
}
