/* caucus-server-routes.c — routing on a worker thread: each worker's store connections, the
 * server endpoints (welcome, _all_dbs, _uuids), and the router that checks authentication
 * and membership and hands database requests to caucus-server-database.c, -docs.c and
 * -changes.c. */
#include "caucus-server-routes-private.h"

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
  /* A client waits for the commit of its write; copying the WAL back can wait for the
   * checkpoint worker instead (measured: a 1,000-page copy inside the commit of a
   * replication batch took 8–21 ms, four to eight times the batch itself). */
  caucus_store_set_checkpoints_off_commit (ws->store, TRUE);
  ws->instance = g_strdup (instance);
  g_hash_table_insert (worker->stores, g_strdup (db), ws);
  return ws->store;
}

gboolean
caucus_route_method_is (CaucusRequest *req, const char *method)
{
  return g_str_equal (req->method, method) ||
         (g_str_equal (method, "GET") && g_str_equal (req->method, "HEAD"));
}

void
caucus_route_not_allowed (CaucusRequest *req, const char *allowed)
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

  if (!caucus_route_method_is (req, "GET"))
    {
      caucus_route_not_allowed (req, "GET,HEAD");
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

  if (!caucus_route_method_is (req, "GET"))
    {
      caucus_route_not_allowed (req, "GET,HEAD");
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

  if (!caucus_route_method_is (req, "GET"))
    {
      caucus_route_not_allowed (req, "GET,HEAD");
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
            caucus_route_db_delete (worker, req);
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
      if (caucus_route_method_is (req, "GET"))
        caucus_route_db_info (req, store, instance);
      else if (g_str_equal (req->method, "POST"))
        caucus_route_document (worker, req, store, role, (char **) segments->pdata, n);
      else
        caucus_route_not_allowed (req, "GET,HEAD,PUT,POST,DELETE");
      return;
    }

  if (second[0] == '_')
    {
      if (n == 2 && g_str_equal (second, "_all_docs"))
        caucus_route_all_docs (req, store);
      else if (n == 2 && g_str_equal (second, "_changes"))
        {
          if (caucus_route_method_is (req, "GET") || g_str_equal (req->method, "POST"))
            caucus_route_changes (worker, req, store);
          else
            caucus_route_not_allowed (req, "GET,HEAD,POST");
        }
      else if (n == 2 && g_str_equal (second, "_bulk_docs"))
        caucus_route_bulk_docs (req, store);
      else if (n == 2 && g_str_equal (second, "_bulk_get"))
        {
          if (g_str_equal (req->method, "POST"))
            caucus_route_bulk_get (worker, req, store);
          else
            caucus_route_not_allowed (req, "POST");
        }
      else if (n == 2 && g_str_equal (second, "_revs_diff"))
        caucus_route_revs_diff (req, store);
      else if (n == 2 && g_str_equal (second, "_ensure_full_commit"))
        caucus_route_ensure_full_commit (req, instance);
      else if (n == 2 && g_str_equal (second, "_security"))
        caucus_route_security (worker, req, role);
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
