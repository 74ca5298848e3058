/* caucus-server-routes.c — routing on a worker thread, server and database endpoints. */
#include "caucus-server-private.h"

#include <string.h>

typedef struct {
  CaucusStore *store;
  char        *instance;
} CaucusWorkerStore;

static void
worker_store_free (gpointer data)
{
  CaucusWorkerStore *ws = data;
  g_clear_object (&ws->store);
  g_free (ws->instance);
  g_free (ws);
}

void
caucus_worker_clear (CaucusWorker *worker)
{
  g_clear_pointer (&worker->stores, g_hash_table_unref);
}

static CaucusStore *
worker_store (CaucusWorker *worker, CaucusRequest *req, const char *db, const char *instance)
{
  CaucusWorkerStore *ws;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (worker->stores == NULL)
    worker->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, worker_store_free);
  ws = g_hash_table_lookup (worker->stores, db);
  if (ws && g_strcmp0 (ws->instance, instance) == 0)
    return ws->store;
  g_hash_table_remove (worker->stores, db);

  path = caucus_db_path (caucus_users_get_data_dir (worker->users), db);
  ws = g_new0 (CaucusWorkerStore, 1);
  ws->store = caucus_store_open (path, &error);
  if (ws->store == NULL)
    {
      g_free (ws);
      caucus_request_respond_gerror (req, error);
      return NULL;
    }
  /* The server never searches: its databases keep no full-text index, which was a third
   * of every replicated write (a database an older server wrote is switched once). */
  if (caucus_store_get_search_index (ws->store) &&
      !caucus_store_set_search_index (ws->store, FALSE, &error))
    {
      g_warning ("Could not turn off the search index of %s: %s", db, error->message);
      g_clear_error (&error);
    }
  ws->instance = g_strdup (instance);
  g_hash_table_insert (worker->stores, g_strdup (db), ws);
  return ws->store;
}

static gboolean
method_is (CaucusRequest *req, const char *method)
{
  return g_str_equal (req->method, method) ||
         (g_str_equal (method, "GET") && g_str_equal (req->method, "HEAD"));
}

static void
not_allowed (CaucusRequest *req, const char *allowed)
{
  g_autofree char *reason = g_strdup_printf ("Only %s allowed", allowed);
  caucus_request_add_header (req, "Allow", allowed);
  caucus_request_respond_error (req, 405, "method_not_allowed", reason);
}

/* ---- server endpoints ----------------------------------------------------------------- */

static void
route_welcome (CaucusWorker *worker, CaucusRequest *req)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonObject *vendor = json_object_new ();
  JsonArray *features = json_array_new ();

  if (!method_is (req, "GET"))
    {
      not_allowed (req, "GET,HEAD");
      return;
    }
  json_object_set_string_member (reply, "couchdb", "Welcome");
  /* The CouchDB API level this server follows; the product is in "vendor". */
  json_object_set_string_member (reply, "version", "3.3.3");
  json_object_set_string_member (reply, "uuid", caucus_users_get_uuid (worker->users));
  json_object_set_array_member (reply, "features", features);
  json_object_set_string_member (vendor, "name", "caucus");
  json_object_set_string_member (vendor, "version", CAUCUS_VERSION);
  json_object_set_object_member (reply, "vendor", vendor);
  caucus_request_respond_object (req, 200, reply);
}

static void
route_all_dbs (CaucusWorker *worker, CaucusRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dbs = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (!method_is (req, "GET"))
    {
      not_allowed (req, "GET,HEAD");
      return;
    }
  dbs = caucus_users_db_list (worker->users, req->user, &error);
  if (dbs == NULL)
    {
      caucus_request_respond_gerror (req, error);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; dbs[i]; i++)
    json_array_add_string_element (array, dbs[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  caucus_request_respond_json (req, 200, node);
}

static void
route_uuids (CaucusWorker *worker, CaucusRequest *req)
{
  gint64 count;
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *uuids;

  if (!method_is (req, "GET"))
    {
      not_allowed (req, "GET,HEAD");
      return;
    }
  if (!caucus_query_int (req, "count", 1, 0, &count))
    return;
  if (count > 1000)
    {
      caucus_request_respond_error (req, 400, "bad_request",
                                    "count parameter too large (at most 1000)");
      return;
    }
  uuids = json_array_new ();
  for (gint64 i = 0; i < count; i++)
    {
      g_autofree char *uuid = caucus_random_id ();
      json_array_add_string_element (uuids, uuid);
    }
  json_object_set_array_member (reply, "uuids", uuids);
  caucus_request_respond_object (req, 200, reply);
}

/* ---- database endpoints --------------------------------------------------------------- */

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

static void
route_db_info (CaucusRequest *req, CaucusStore *store, const char *instance)
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

static void
route_db_delete (CaucusWorker *worker, CaucusRequest *req)
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

static void
route_all_docs (CaucusRequest *req, CaucusStore *store)
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

  if (!method_is (req, "GET") && !method_is (req, "POST"))
    {
      not_allowed (req, "GET,HEAD,POST");
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

static void
route_bulk_docs (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *docs;
  gboolean new_edits = TRUE;

  if (!g_str_equal (req->method, "POST"))
    {
      not_allowed (req, "POST");
      return;
    }
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

static void
route_revs_diff (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (req->method, "POST"))
    {
      not_allowed (req, "POST");
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

static void
route_ensure_full_commit (CaucusRequest *req, const char *instance)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  if (!g_str_equal (req->method, "POST"))
    {
      not_allowed (req, "POST");
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

static void
route_security (CaucusWorker *worker, CaucusRequest *req, CaucusRole role)
{
  g_autoptr(GError) error = NULL;

  if (method_is (req, "GET"))
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
    not_allowed (req, "GET,HEAD,PUT");
}

/* ---- the router ------------------------------------------------------------------------ */

static GPtrArray *
split_path (CaucusRequest *req)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) raw = NULL;
  const char *path = req->path;

  if (path == NULL || path[0] != '/')
    goto bad;
  raw = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; raw[i]; i++)
    {
      char *segment;
      if (raw[i][0] == '\0' && raw[i + 1] == NULL)
        break;   /* a trailing slash */
      segment = g_uri_unescape_string (raw[i], NULL);
      if (segment == NULL || !g_utf8_validate (segment, -1, NULL))
        {
          g_free (segment);
          goto bad;
        }
      g_ptr_array_add (segments, segment);
    }
  return g_steal_pointer (&segments);

bad:
  caucus_request_respond_error (req, 400, "bad_request",
                                "The path is not valid: bad percent-encoding or UTF-8");
  return NULL;
}

static gboolean
is_read_method (CaucusRequest *req)
{
  return g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD");
}

static gboolean
store_read_begin (CaucusRequest *req, CaucusStore *store)
{
  g_autoptr(GError) error = NULL;

  if (caucus_store_read_begin (store, &error))
    return TRUE;
  caucus_request_respond_gerror (req, error);
  return FALSE;
}

static void route_db (CaucusWorker  *worker,
                      CaucusRequest *req,
                      CaucusStore   *store,
                      CaucusRole     role,
                      GPtrArray     *segments,
                      const char    *instance);

void
caucus_worker_handle (CaucusWorker *worker, CaucusRequest *req)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *instance = NULL;
  g_autoptr(GError) error = NULL;
  CaucusStore *store;
  CaucusRole role = CAUCUS_ROLE_NONE;
  gboolean have_db = FALSE, reads_only;
  const char *first, *second;
  guint n;

  /* A long-poll feed that has been woken up again keeps its earlier routing. */
  if (req->changes_started)
    {
      if (!caucus_users_db_lookup (worker->users, req->db, &instance) ||
          (store = worker_store (worker, req, req->db, instance)) == NULL)
        {
          /* the database went away while the feed waited */
          req->changes_wait = FALSE;
          if (req->stream)
            caucus_request_stream_end (req);
          else
            caucus_request_respond_error (req, 404, "not_found", "Database does not exist.");
          return;
        }
      if (!store_read_begin (req, store))
        return;
      caucus_route_changes (worker, req, store);
      caucus_store_read_end (store);
      return;
    }

  segments = split_path (req);
  if (segments == NULL)
    return;
  n = segments->len;
  first = n > 0 ? segments->pdata[0] : NULL;

  if (n == 0)
    {
      route_welcome (worker, req);
      return;
    }
  if (n == 1 && g_str_equal (first, "_session"))
    {
      caucus_auth_handle_session (worker, req);
      return;
    }
  /* Authentication, the database and the role: one snapshot of the users file. */
  caucus_users_read_begin (worker->users);
  if (!caucus_auth_check (worker, req, TRUE))
    {
      caucus_users_read_end (worker->users);
      return;
    }
  if (first[0] != '_' && caucus_db_name_validate (first, NULL))
    {
      have_db = caucus_users_db_lookup (worker->users, first, &instance);
      if (have_db)
        role = caucus_users_get_role (worker->users, first, req->user);
    }
  caucus_users_read_end (worker->users);

  if (first[0] == '_')
    {
      if (n == 1 && g_str_equal (first, "_all_dbs"))
        route_all_dbs (worker, req);
      else if (n == 1 && g_str_equal (first, "_uuids"))
        route_uuids (worker, req);
      else
        caucus_request_respond_error (req, 400, "illegal_database_name",
                                      "Name: '_'. Only lowercase characters (a-z), digits (0-9), "
                                      "and any of the characters _, $, (, ), +, -, and / are "
                                      "allowed. Must begin with a letter.");
      return;
    }
  if (!caucus_db_name_validate (first, &error))
    {
      caucus_request_respond_error (req, 400, "illegal_database_name", error->message);
      return;
    }
  req->db = g_strdup (first);

  if (!have_db)
    {
      if (n == 1 && g_str_equal (req->method, "PUT"))
        caucus_request_respond_error (req, 403, "forbidden",
                                      "Databases are created by the server operator "
                                      "(caucus-server db create NAME).");
      else
        caucus_request_respond_error (req, 404, "not_found", "Database does not exist.");
      return;
    }
  if (role == CAUCUS_ROLE_NONE)
    {
      caucus_request_respond_error (req, 403, "forbidden", "You are not a member of this database.");
      return;
    }

  second = n > 1 ? segments->pdata[1] : NULL;
  /* Writes need an editor; _local checkpoints, and the read-only POST queries, any member. */
  if (!is_read_method (req) && role < CAUCUS_ROLE_EDITOR)
    {
      gboolean allowed = FALSE;
      if (second && g_str_equal (req->method, "POST") &&
          (g_str_equal (second, "_all_docs") || g_str_equal (second, "_changes") ||
           g_str_equal (second, "_bulk_get") || g_str_equal (second, "_revs_diff") ||
           g_str_equal (second, "_ensure_full_commit")))
        allowed = TRUE;
      if (second && g_str_equal (second, "_local"))
        allowed = TRUE;
      if (second && g_str_equal (second, "_security"))
        allowed = TRUE;   /* route_security checks for an admin */
      if (!allowed)
        {
          caucus_request_respond_error (req, 403, "forbidden",
                                        "You are a reader of this database and cannot change it.");
          return;
        }
    }

  if (n == 1)
    {
      if (g_str_equal (req->method, "PUT"))
        {
          caucus_request_respond_error (req, 412, "file_exists",
                                        "The database could not be created, the file already exists.");
          return;
        }
      if (g_str_equal (req->method, "DELETE"))
        {
          if (role < CAUCUS_ROLE_ADMIN)
            caucus_request_respond_error (req, 403, "forbidden",
                                          "Only admins of this database may delete it.");
          else
            route_db_delete (worker, req);
          return;
        }
    }

  store = worker_store (worker, req, first, instance);
  if (store == NULL)
    return;

  /* A request that only reads runs in one read transaction: one snapshot, and SQLite's
   * lock taken once instead of once per statement (a quarter of a _bulk_get's time). */
  reads_only = is_read_method (req) ||
               (n == 2 && g_str_equal (req->method, "POST") &&
                (g_str_equal (second, "_all_docs") || g_str_equal (second, "_changes") ||
                 g_str_equal (second, "_bulk_get") || g_str_equal (second, "_revs_diff")));
  if (reads_only && !store_read_begin (req, store))
    return;
  route_db (worker, req, store, role, segments, instance);
  if (reads_only)
    caucus_store_read_end (store);
}

static void
route_db (CaucusWorker  *worker,
          CaucusRequest *req,
          CaucusStore   *store,
          CaucusRole     role,
          GPtrArray     *segments,
          const char    *instance)
{
  guint n = segments->len;
  const char *second = n > 1 ? segments->pdata[1] : NULL;

  if (n == 1)
    {
      if (method_is (req, "GET"))
        route_db_info (req, store, instance);
      else if (g_str_equal (req->method, "POST"))
        caucus_route_document (worker, req, store, role, (char **) segments->pdata, n);
      else
        not_allowed (req, "GET,HEAD,PUT,POST,DELETE");
      return;
    }

  if (second[0] == '_')
    {
      if (n == 2 && g_str_equal (second, "_all_docs"))
        route_all_docs (req, store);
      else if (n == 2 && g_str_equal (second, "_changes"))
        {
          if (method_is (req, "GET") || g_str_equal (req->method, "POST"))
            caucus_route_changes (worker, req, store);
          else
            not_allowed (req, "GET,HEAD,POST");
        }
      else if (n == 2 && g_str_equal (second, "_bulk_docs"))
        route_bulk_docs (req, store);
      else if (n == 2 && g_str_equal (second, "_bulk_get"))
        {
          if (g_str_equal (req->method, "POST"))
            caucus_route_bulk_get (worker, req, store);
          else
            not_allowed (req, "POST");
        }
      else if (n == 2 && g_str_equal (second, "_revs_diff"))
        route_revs_diff (req, store);
      else if (n == 2 && g_str_equal (second, "_ensure_full_commit"))
        route_ensure_full_commit (req, instance);
      else if (n == 2 && g_str_equal (second, "_security"))
        route_security (worker, req, role);
      else if (n >= 3 && g_str_equal (second, "_local"))
        {
          /* ids of local docs may contain '/': join what follows "_local" */
          GString *joined = g_string_new (segments->pdata[2]);
          g_autofree char *id = NULL;
          for (guint i = 3; i < n; i++)
            g_string_append_printf (joined, "/%s", (char *) segments->pdata[i]);
          id = g_string_free (joined, FALSE);
          caucus_route_local (req, store, id);
        }
      else if (n >= 3 && g_str_equal (second, "_design"))
        {
          if (role < CAUCUS_ROLE_ADMIN && !is_read_method (req))
            {
              caucus_request_respond_error (req, 403, "forbidden",
                                            "Only admins of this database may change design documents.");
              return;
            }
          caucus_route_document (worker, req, store, role, (char **) segments->pdata, n);
        }
      else
        caucus_request_respond_error (req, 400, "illegal_docid",
                                      "Only reserved document ids may start with underscore.");
      return;
    }
  caucus_route_document (worker, req, store, role, (char **) segments->pdata, n);
}
