/* caucus-sync-probe.c — see caucus-sync-probe.h */
#include "caucus-sync-probe.h"
#include "caucus-checkpoint.h"
#include "caucus-couch-client.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

/* Answers of GET / and GET /db are small; anything bigger is not what we asked for. */
#define PROBE_MAX_BYTES (256 * 1024)

G_DEFINE_ENUM_TYPE (CaucusProbeOutcome, caucus_probe_outcome,
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_INVALID_URL, "invalid-url"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_UNREACHABLE, "unreachable"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_TLS_UNTRUSTED, "tls-untrusted"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_NOT_COUCHDB, "not-couchdb"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_WRONG_PASSWORD, "wrong-password"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_NOT_MEMBER, "not-member"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_NO_DATABASE, "no-database"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_PROBE_SERVER_ERROR, "server-error"))

G_DEFINE_BOXED_TYPE (CaucusProbeResult, caucus_probe_result,
                     caucus_probe_result_copy, caucus_probe_result_free)

CaucusProbeResult *
caucus_probe_result_copy (const CaucusProbeResult *result)
{
  CaucusProbeResult *copy;

  g_return_val_if_fail (result != NULL, NULL);
  copy = g_new0 (CaucusProbeResult, 1);
  *copy = *result;
  copy->message = g_strdup (result->message);
  copy->server_url = g_strdup (result->server_url);
  copy->vendor = g_strdup (result->vendor);
  copy->db_name = g_strdup (result->db_name);
  return copy;
}

void
caucus_probe_result_free (CaucusProbeResult *result)
{
  if (result == NULL)
    return;
  g_free (result->message);
  g_free (result->server_url);
  g_free (result->vendor);
  g_free (result->db_name);
  g_free (result);
}

typedef struct {
  char  *url;
  char  *user;
  char  *password;
  guint  timeout_s;
} ProbeRequest;

static void
probe_request_free (ProbeRequest *req)
{
  g_free (req->url);
  g_free (req->user);
  if (req->password != NULL)
    {
      memset (req->password, 0, strlen (req->password));
      g_free (req->password);
    }
  g_free (req);
}

static CaucusProbeResult *
result_new (CaucusProbeOutcome outcome,
            const char        *message)
{
  CaucusProbeResult *result = g_new0 (CaucusProbeResult, 1);

  result->outcome = outcome;
  result->message = g_strdup (message);
  result->doc_count = -1;
  return result;
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTlsCertificateFlags *seen = user_data;

  *seen = errors;
  return FALSE;   /* never accept a certificate the system does not trust */
}

static char *
describe_tls_flags (GTlsCertificateFlags flags,
                    const char          *host)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup_printf ("The certificate of %s is not signed by an authority this device "
                            "trusts (self-signed or a private authority). Ask the server's "
                            "operator for a certificate from a trusted authority, or install "
                            "their authority on this device.", host);
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup_printf ("The certificate presented by %s is for a different name. Check "
                            "the server address for typos.", host);
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup_printf ("The certificate of %s has expired (or this device's clock is "
                            "wrong). Check the date and time, then tell the server's operator.",
                            host);
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup_printf ("The certificate of %s is not valid yet (or this device's clock is "
                            "wrong). Check the date and time.", host);
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup_printf ("The certificate of %s has been revoked. Do not connect; tell the "
                            "server's operator.", host);
  return g_strdup_printf ("The secure connection to %s could not be verified, so nothing was "
                          "sent. Tell the server's operator.", host);
}

/* Sends one GET; returns the body (NULL with *result set when nothing usable came back). */
static GBytes *
probe_get (SoupSession        *session,
           const char         *url,
           const char         *authorization,
           const char         *host,
           guint              *status,
           CaucusProbeResult **result,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  GTlsCertificateFlags tls_flags = 0;

  *status = 0;
  if (msg == NULL)
    {
      *result = result_new (CAUCUS_PROBE_INVALID_URL, "This server address cannot be used.");
      return NULL;
    }
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), &tls_flags);

  body = soup_session_send_and_read (session, msg, cancellable, &local_error);
  if (body == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (tls_flags != 0 || local_error->domain == G_TLS_ERROR)
        {
          text = describe_tls_flags (tls_flags, host);
          *result = result_new (CAUCUS_PROBE_TLS_UNTRUSTED, text);
        }
      else if (local_error->domain == G_RESOLVER_ERROR)
        {
          text = g_strdup_printf ("The server name “%s” cannot be found. Check the address, "
                                  "or whether this network needs a sign-in first.", host);
          *result = result_new (CAUCUS_PROBE_UNREACHABLE, text);
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        {
          text = g_strdup_printf ("Nothing answers at %s: the connection was refused. Check "
                                  "the port, or whether the server is running.", host);
          *result = result_new (CAUCUS_PROBE_UNREACHABLE, text);
        }
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          text = g_strdup_printf ("%s did not answer in time. The network or the server may be "
                                  "down; try again later.", host);
          *result = result_new (CAUCUS_PROBE_UNREACHABLE, text);
        }
      else
        {
          text = g_strdup_printf ("Cannot reach %s: %s.", host, local_error->message);
          *result = result_new (CAUCUS_PROBE_UNREACHABLE, text);
        }
      return NULL;
    }
  *status = soup_message_get_status (msg);
  if (g_bytes_get_size (body) > PROBE_MAX_BYTES)
    return g_bytes_new_static ("", 0);
  return g_steal_pointer (&body);
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;

  if (data == NULL || len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static char *
server_root (GUri *db_uri)
{
  g_autofree char *path = g_strdup (g_uri_get_path (db_uri));
  char *slash = strrchr (path, '/');

  if (slash != NULL)
    slash[1] = '\0';
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (db_uri), NULL,
                     g_uri_get_host (db_uri), g_uri_get_port (db_uri),
                     *path ? path : "/", NULL, NULL);
}

static CaucusProbeResult *
run_probe (ProbeRequest  *req,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CaucusRemote) remote = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *root = NULL;
  g_autofree char *host = NULL;
  g_autofree char *authorization = NULL;
  CaucusProbeResult *result = NULL;
  const char *db_name;
  guint status = 0;

  remote = caucus_remote_new (req->url, req->user, req->password, &local_error);
  if (remote == NULL)
    return result_new (CAUCUS_PROBE_INVALID_URL, local_error->message);
  uri = g_uri_parse (remote->url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    return result_new (CAUCUS_PROBE_INVALID_URL, local_error->message);
  host = g_uri_get_port (uri) > 0
         ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri))
         : g_strdup (g_uri_get_host (uri));
  root = server_root (uri);
  db_name = strrchr (g_uri_get_path (uri), '/');
  db_name = db_name != NULL ? db_name + 1 : g_uri_get_path (uri);

  session = soup_session_new_with_options ("timeout", req->timeout_s ? req->timeout_s : 15,
                                           "idle-timeout", req->timeout_s ? req->timeout_s : 15,
                                           "user-agent", "Caucus (connection test)",
                                           NULL);

  /* 1. Is there a CouchDB-compatible server at all? */
  body = probe_get (session, root, NULL, host, &status, &result, cancellable, error);
  if (body == NULL)
    {
      if (result != NULL)
        result->server_url = g_strdup (root);
      return result;
    }
  welcome = parse_object (body);
  if (welcome == NULL || status != 200 ||
      g_strcmp0 (json_object_get_string_member_with_default (welcome, "couchdb", NULL),
                 "Welcome") != 0)
    {
      g_autofree char *text =
        g_strdup_printf ("%s answers, but it is not a CouchDB-compatible server (its home page "
                         "does not say {\"couchdb\": \"Welcome\"}; HTTP status %u). Check the "
                         "address: it should be the sync server, not a web site.", host, status);
      result = result_new (CAUCUS_PROBE_NOT_COUCHDB, text);
      result->server_url = g_strdup (root);
      result->http_status = status;
      return result;
    }
  g_clear_pointer (&body, g_bytes_unref);

  /* 2. The database, with the credentials. */
  if (remote->user != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", remote->user,
                                               remote->password ? remote->password : "");
      g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
      authorization = g_strconcat ("Basic ", b64, NULL);
      memset (pair, 0, strlen (pair));
    }
  body = probe_get (session, remote->url, authorization, host, &status, &result, cancellable,
                    error);
  if (body == NULL)
    {
      if (result != NULL)
        result->server_url = g_strdup (root);
      return result;
    }
  info = parse_object (body);

  if (status == 200 && info != NULL && json_object_has_member (info, "db_name"))
    {
      g_autofree char *text = NULL;

      result = result_new (CAUCUS_PROBE_OK, NULL);
      result->db_name = g_strdup (json_object_get_string_member_with_default (info, "db_name",
                                                                               db_name));
      if (json_object_has_member (info, "doc_count"))
        result->doc_count = json_object_get_int_member (info, "doc_count");
      text = result->doc_count >= 0
             ? g_strdup_printf ("Connected to “%s” on %s (%" G_GINT64_FORMAT " documents).",
                                result->db_name, host, result->doc_count)
             : g_strdup_printf ("Connected to “%s” on %s.", result->db_name, host);
      g_free (result->message);
      result->message = g_steal_pointer (&text);
    }
  else if (status == 401)
    {
      g_autofree char *text = remote->user == NULL
        ? g_strdup_printf ("%s needs a user name and password for this workspace.", host)
        : g_strdup_printf ("%s refused the password for “%s”. Check the user name and "
                           "password (they are case-sensitive).", host, remote->user);
      result = result_new (CAUCUS_PROBE_WRONG_PASSWORD, text);
    }
  else if (status == 403)
    {
      g_autofree char *text =
        g_strdup_printf ("“%s” signed in, but is not a member of the database “%s”. Ask an "
                         "admin of the workspace to add you.",
                         remote->user ? remote->user : "anonymous", db_name);
      result = result_new (CAUCUS_PROBE_NOT_MEMBER, text);
    }
  else if (status == 404)
    {
      g_autofree char *text =
        g_strdup_printf ("%s has no database called “%s”. Check the last part of the address, "
                         "or ask the server's operator to create it.", host, db_name);
      result = result_new (CAUCUS_PROBE_NO_DATABASE, text);
    }
  else if (status == 200)
    {
      g_autofree char *text =
        g_strdup_printf ("%s is a CouchDB-compatible server, but “%s” did not answer like a "
                         "database.", host, db_name);
      result = result_new (CAUCUS_PROBE_NOT_COUCHDB, text);
    }
  else
    {
      const char *reason = info ? json_object_get_string_member_with_default (info, "reason",
                                                                               NULL) : NULL;
      g_autofree char *text =
        g_strdup_printf ("%s answered with an error (HTTP %u%s%s). Try again later, or tell "
                         "the server's operator.", host, status, reason ? ": " : "",
                         reason ? reason : "");
      result = result_new (CAUCUS_PROBE_SERVER_ERROR, text);
    }

  result->http_status = status;
  result->server_url = g_strdup (root);
  if (json_object_has_member (welcome, "vendor") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (welcome, "vendor")))
    {
      JsonObject *vendor = json_object_get_object_member (welcome, "vendor");
      const char *name = json_object_get_string_member_with_default (vendor, "name", NULL);
      const char *version = json_object_get_string_member_with_default (vendor, "version", NULL);
      if (name != NULL)
        result->vendor = version ? g_strdup_printf ("%s %s", name, version) : g_strdup (name);
    }
  return result;
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  CaucusProbeResult *result = run_probe (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) caucus_probe_result_free);
}

static ProbeRequest *
probe_request_new (const char *url,
                   const char *user,
                   const char *password,
                   guint       timeout_s)
{
  ProbeRequest *req = g_new0 (ProbeRequest, 1);

  req->url = g_strdup (url);
  req->user = (user && *user) ? g_strdup (user) : NULL;
  req->password = g_strdup (password);
  req->timeout_s = timeout_s;
  return req;
}

void
caucus_sync_probe_async (const char          *url,
                         const char          *user,
                         const char          *password,
                         guint                timeout_s,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_sync_probe_async);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, probe_request_new (url, user, password, timeout_s),
                        (GDestroyNotify) probe_request_free);
  g_task_run_in_thread (task, probe_thread);
}

CaucusProbeResult *
caucus_sync_probe_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

CaucusProbeResult *
caucus_sync_probe (const char    *url,
                   const char    *user,
                   const char    *password,
                   guint          timeout_s,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ProbeRequest *req;
  CaucusProbeResult *result;

  g_return_val_if_fail (url != NULL, NULL);
  req = probe_request_new (url, user, password, timeout_s);
  result = run_probe (req, cancellable, error);
  probe_request_free (req);
  return result;
}

/* ---- unpushed changes -------------------------------------------------------------- */

static gboolean
count_changes_since (CaucusStore  *store,
                     gint64        since,
                     guint        *n,
                     GError      **error)
{
  CaucusChangesOptions opts = { .since = since, .limit = -1 };
  g_autoptr(JsonObject) changes = caucus_store_changes (store, &opts, error);

  if (changes == NULL)
    return FALSE;
  *n = json_array_get_length (json_object_get_array_member (changes, "results"));
  return TRUE;
}

gboolean
caucus_sync_count_unpushed (CaucusStore  *store,
                            const char   *url,
                            guint        *n_unpushed,
                            GError      **error)
{
  g_autoptr(CaucusRemote) remote = NULL;
  g_autoptr(JsonObject) checkpoint = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rid = NULL;
  gint64 since = 0;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_unpushed != NULL, FALSE);

  *n_unpushed = 0;
  if (url == NULL)
    return count_changes_since (store, 0, n_unpushed, error);

  remote = caucus_remote_new (url, NULL, NULL, error);
  if (remote == NULL)
    return FALSE;
  rid = caucus_replication_id (caucus_store_get_uuid (store), "push", remote->url, NULL);
  checkpoint = caucus_store_get_local (store, rid, &local_error);
  if (checkpoint == NULL && !g_error_matches (local_error, CAUCUS_STORE_ERROR,
                                              CAUCUS_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (checkpoint != NULL && json_object_has_member (checkpoint, "last_seq"))
    {
      JsonNode *seq = json_object_get_member (checkpoint, "last_seq");

      if (JSON_NODE_HOLDS_VALUE (seq) && json_node_get_value_type (seq) == G_TYPE_INT64)
        since = json_node_get_int (seq);
      else if (JSON_NODE_HOLDS_VALUE (seq) && json_node_get_value_type (seq) == G_TYPE_STRING)
        since = g_ascii_strtoll (json_node_get_string (seq), NULL, 10);
    }
  return count_changes_since (store, MAX (since, 0), n_unpushed, error);
}
