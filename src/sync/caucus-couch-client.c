/* caucus-couch-client.c — see caucus-couch-client.h */
#include "caucus-couch-client.h"
#include "caucus-json-reader.h"
#include "caucus-sync-error.h"
#include "caucus-store.h"

#include <libsoup/soup.h>
#include <string.h>

/* Documents may nest CAUCUS_JSON_MAX_DEPTH levels; answers wrap them a few levels deeper. */
#define RESPONSE_MAX_DEPTH (CAUCUS_JSON_MAX_DEPTH + 8)

struct _CaucusCouchClient {
  CaucusRemote      *remote;
  CaucusCouchLimits  limits;
  SoupSession       *session;
  char              *authorization;
  guint64            bytes;
};

/* ---- remotes ----------------------------------------------------------------------- */

CaucusRemote *
caucus_remote_new (const char  *url,
                   const char  *user,
                   const char  *password,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CaucusRemote) remote = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  gsize len;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "“%s” is not a valid server address: %s", url, local_error->message);
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "“%s” is not an http:// or https:// address", url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "“%s” names no server", url);
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "“%s” should be a database address without “?” or “#” parts", url);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  if (len == 0)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "“%s” names a server but no database (add the database name, e.g. …/workspace)",
                   url);
      return NULL;
    }

  remote = g_new0 (CaucusRemote, 1);
  remote->url = g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                            g_uri_get_port (uri), path, NULL, NULL);
  if (user != NULL && *user != '\0')
    remote->user = g_strdup (user);
  else if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0')
    remote->user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  if (password != NULL)
    remote->password = g_strdup (password);
  else if (g_uri_get_password (uri) != NULL)
    remote->password = g_uri_unescape_string (g_uri_get_password (uri), NULL);
  return g_steal_pointer (&remote);
}

CaucusRemote *
caucus_remote_copy (const CaucusRemote *remote)
{
  CaucusRemote *copy;

  g_return_val_if_fail (remote != NULL, NULL);
  copy = g_new0 (CaucusRemote, 1);
  copy->url = g_strdup (remote->url);
  copy->user = g_strdup (remote->user);
  copy->password = g_strdup (remote->password);
  return copy;
}

void
caucus_remote_free (CaucusRemote *remote)
{
  if (remote == NULL)
    return;
  g_free (remote->url);
  g_free (remote->user);
  if (remote->password != NULL)
    {
      memset (remote->password, 0, strlen (remote->password));
      g_free (remote->password);
    }
  g_free (remote);
}

/* ---- helpers ----------------------------------------------------------------------- */

void
caucus_couch_limits_init_default (CaucusCouchLimits *limits)
{
  limits->timeout_s = 60;
  limits->max_retries = 4;
  limits->retry_base_ms = 500;
  limits->retry_max_ms = 30000;
  limits->max_response_bytes = 256 * 1024 * 1024;
}

char *
caucus_couch_escape_doc_id (const char *id)
{
  static const char *prefixes[] = { "_design/", "_local/" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (id, prefixes[i]))
      {
        g_autofree char *rest = g_uri_escape_string (id + strlen (prefixes[i]), NULL, FALSE);
        return g_strconcat (prefixes[i], rest, NULL);
      }
  return g_uri_escape_string (id, NULL, FALSE);
}

char *
caucus_couch_escape_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (node), NULL, FALSE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  return g_uri_escape_string (text, NULL, FALSE);
}

gboolean
caucus_couch_sleep (guint          ms,
                    GCancellable  *cancellable,
                    GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      gint64 now;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      now = g_get_monotonic_time ();
      if (now >= end)
        return TRUE;
      g_usleep (MIN (end - now, 20000));
    }
}

guint
caucus_couch_backoff_ms (guint attempt,
                         guint base_ms,
                         guint max_ms)
{
  double delay = base_ms;

  for (guint i = 0; i < attempt && delay < max_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double) max_ms);
  /* "Equal jitter": half fixed, half random, so clients that failed together spread out. */
  return (guint) (delay / 2 + g_random_double_range (0, delay / 2));
}

/* ---- the client -------------------------------------------------------------------- */

CaucusCouchClient *
caucus_couch_client_new (const CaucusRemote      *remote,
                         const CaucusCouchLimits *limits)
{
  CaucusCouchClient *self;

  g_return_val_if_fail (remote != NULL, NULL);

  self = g_new0 (CaucusCouchClient, 1);
  self->remote = caucus_remote_copy (remote);
  if (limits != NULL)
    self->limits = *limits;
  else
    caucus_couch_limits_init_default (&self->limits);
  self->session = soup_session_new_with_options ("timeout", self->limits.timeout_s,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Caucus/" CAUCUS_VERSION " ",
                                                 NULL);
  if (remote->user != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", remote->user,
                                               remote->password ? remote->password : "");
      g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
      self->authorization = g_strconcat ("Basic ", b64, NULL);
      memset (pair, 0, strlen (pair));
    }
  return self;
}

void
caucus_couch_client_free (CaucusCouchClient *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->remote, caucus_remote_free);
  g_clear_object (&self->session);
  g_free (self->authorization);
  g_free (self);
}

guint64
caucus_couch_client_get_bytes (CaucusCouchClient *self)
{
  return self->bytes;
}

const char *
caucus_couch_client_get_url (CaucusCouchClient *self)
{
  return self->remote->url;
}

static void
set_io_error (CaucusCouchClient  *self,
              const char         *method,
              const char         *what,
              GError             *cause,
              gboolean            mid_stream,
              GError            **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NETWORK,
                 mid_stream ? "The server at %s stopped sending its answer to %s %s for %u s"
                            : "The server at %s did not answer %s %s within %u s",
                 self->remote->url, method, what, self->limits.timeout_s);
  else
    g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NETWORK,
                 mid_stream ? "The connection to %s broke while reading the answer to %s %s: %s"
                            : "Cannot reach the server at %s (%s %s): %s",
                 self->remote->url, method, what, cause->message);
}

static char *
reason_from_body (GByteArray *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  const char *err, *reason;

  if (body->len == 0 || body->len > 64 * 1024)
    return NULL;
  root = caucus_json_read ((const char *) body->data, body->len, 8, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  obj = json_node_get_object (root);
  err = json_object_get_string_member_with_default (obj, "error", NULL);
  reason = json_object_get_string_member_with_default (obj, "reason", NULL);
  if (err == NULL && reason == NULL)
    return NULL;
  if (err != NULL && reason != NULL)
    return g_strdup_printf ("%s: %s", err, reason);
  return g_strdup (err ? err : reason);
}

static void
set_status_error (CaucusCouchClient  *self,
                  const char         *method,
                  const char         *what,
                  guint               status,
                  GByteArray         *body,
                  GError            **error)
{
  g_autofree char *reason = reason_from_body (body);
  g_autofree char *said = reason ? g_strdup_printf (" (the server said “%s”)", reason)
                                 : g_strdup ("");

  switch (status)
    {
    case 401:
    case 403:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH,
                   "The server refused these credentials%s%s%s for %s (HTTP %u on %s %s)%s; "
                   "check the user name and password for this workspace",
                   self->remote->user ? " (user “" : "",
                   self->remote->user ? self->remote->user : "",
                   self->remote->user ? "”)" : "",
                   self->remote->url, status, method, what, said);
      break;
    case 404:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND,
                   "%s/%s was not found on the server%s", self->remote->url, what, said);
      break;
    case 409:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_CONFLICT,
                   "The server reported a conflict on %s %s%s", method, what, said);
      break;
    case 413:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_TOO_LARGE,
                   "The server at %s refused %s %s as too large%s", self->remote->url,
                   method, what, said);
      break;
    case 400:
    case 405:
    case 501:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_UNSUPPORTED,
                   "The server at %s does not accept %s %s (HTTP %u)%s", self->remote->url,
                   method, what, status, said);
      break;
    default:
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_SERVER,
                   "The server at %s failed on %s %s (HTTP %u)%s", self->remote->url,
                   method, what, status, said);
      break;
    }
}

/* The part of @path before '?', for messages. */
static char *
path_for_messages (const char *path)
{
  const char *q = strchr (path, '?');

  if (*path == '\0')
    return g_strdup ("(database)");
  return q ? g_strndup (path, q - path) : g_strdup (path);
}

static GByteArray *
send_once (CaucusCouchClient  *self,
           const char         *method,
           const char         *path,
           GBytes             *body,
           gboolean            want_json,
           guint              *status_out,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autofree char *uri = *path ? g_strconcat (self->remote->url, "/", path, NULL)
                               : g_strdup (self->remote->url);
  g_autofree char *what = path_for_messages (path);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  gint64 started = g_get_monotonic_time ();

  *status_out = 0;
  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL,
                   "Cannot build a request for %s", uri);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", want_json ? "application/json" : "*/*");
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (body != NULL)
    {
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      self->bytes += g_bytes_get_size (body);
    }

  stream = soup_session_send (self->session, msg, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (self, method, what, local_error, FALSE, error);
      return NULL;
    }
  status = soup_message_get_status (msg);
  *status_out = status;

  data = g_byte_array_new ();
  for (;;)
    {
      guint8 buf[65536];
      gssize n = g_input_stream_read (stream, buf, sizeof buf, cancellable, &local_error);

      if (n < 0)
        {
          set_io_error (self, method, what, local_error, TRUE, error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > self->limits.max_response_bytes)
        {
          g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                       "The answer of %s to %s %s is larger than %" G_GSIZE_FORMAT
                       " bytes; refusing it", self->remote->url, method, what,
                       self->limits.max_response_bytes);
          return NULL;
        }
      g_byte_array_append (data, buf, n);
    }
  g_input_stream_close (stream, NULL, NULL);
  self->bytes += data->len;
  g_debug ("%s %s/%s → %u, %u bytes in, %.1f ms", method, self->remote->url, what, status,
           data->len, (g_get_monotonic_time () - started) / 1000.0);

  if (status < 200 || status >= 300)
    {
      set_status_error (self, method, what, status, data, error);
      return NULL;
    }

  if (want_json)
    {
      const char *ctype = soup_message_headers_get_content_type (
        soup_message_get_response_headers (msg), NULL);

      /* CouchDB answers text/plain to clients that do not ask for JSON; accept both. */
      if (ctype == NULL ||
          (g_ascii_strcasecmp (ctype, "application/json") != 0 &&
           g_ascii_strcasecmp (ctype, "text/plain") != 0))
        {
          g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                       "The server at %s answered %s %s with %s instead of JSON; "
                       "is this the address of a CouchDB-compatible database?",
                       self->remote->url, method, what, ctype ? ctype : "no content type");
          return NULL;
        }
    }
  return g_steal_pointer (&data);
}

static GByteArray *
send_with_retries (CaucusCouchClient  *self,
                   const char         *method,
                   const char         *path,
                   GBytes             *body,
                   gboolean            want_json,
                   guint              *status,
                   GCancellable       *cancellable,
                   GError            **error)
{
  guint dummy;

  if (status == NULL)
    status = &dummy;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      GByteArray *data = send_once (self, method, path, body, want_json, status,
                                    cancellable, &local_error);

      if (data != NULL)
        return data;
      if (attempt >= self->limits.max_retries || !caucus_sync_error_is_transient (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("retrying after: %s", local_error->message);
      if (!caucus_couch_sleep (caucus_couch_backoff_ms (attempt, self->limits.retry_base_ms,
                                                        self->limits.retry_max_ms),
                               cancellable, error))
        return NULL;
    }
}

guint
caucus_couch_response_max_depth (void)
{
  return RESPONSE_MAX_DEPTH;
}

GBytes *
caucus_couch_client_request_text (CaucusCouchClient  *self,
                                  const char         *method,
                                  const char         *path,
                                  GBytes             *body,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  GByteArray *data;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  data = send_with_retries (self, method, path, body, TRUE, NULL, cancellable, error);
  if (data == NULL)
    return NULL;
  /* An empty body has no buffer at all (data->data is NULL); say so plainly rather than
   * as a syntax error at byte 0. */
  if (data->len == 0)
    {
      g_autofree char *what = path_for_messages (path);

      g_byte_array_unref (data);
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                   "The answer of %s to %s %s is empty", self->remote->url, method, what);
      return NULL;
    }
  return g_byte_array_free_to_bytes (data);
}

void
caucus_couch_client_json_error (CaucusCouchClient  *self,
                                const char         *method,
                                const char         *path,
                                const GError       *json_error,
                                GError            **error)
{
  g_autofree char *what = path_for_messages (path);

  if (g_error_matches (json_error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_DEPTH))
    g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                 "The answer of %s to %s %s nests JSON deeper than %d levels; refusing it",
                 self->remote->url, method, what, RESPONSE_MAX_DEPTH);
  else
    g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                 "The answer of %s to %s %s is not valid JSON: %s",
                 self->remote->url, method, what, json_error->message);
}

JsonNode *
caucus_couch_client_request (CaucusCouchClient  *self,
                             const char         *method,
                             const char         *path,
                             GBytes             *body,
                             guint              *status,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *what = NULL;
  JsonNode *root;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  data = send_with_retries (self, method, path, body, TRUE, status, cancellable, error);
  if (data == NULL)
    return NULL;

  what = path_for_messages (path);
  /* An empty body has no buffer at all (data->data is NULL); say so plainly rather than
   * as a syntax error at byte 0. */
  if (data->len == 0)
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                   "The answer of %s to %s %s is empty", self->remote->url, method, what);
      return NULL;
    }
  root = caucus_json_read ((const char *) data->data, data->len, RESPONSE_MAX_DEPTH, &local_error);
  if (root == NULL)
    {
      caucus_couch_client_json_error (self, method, path, local_error, error);
      return NULL;
    }
  return root;
}

GBytes *
caucus_couch_client_get_raw (CaucusCouchClient  *self,
                             const char         *path,
                             GCancellable       *cancellable,
                             GError            **error)
{
  GByteArray *data;

  g_return_val_if_fail (self != NULL, NULL);
  data = send_with_retries (self, "GET", path, NULL, FALSE, NULL, cancellable, error);
  if (data == NULL)
    return NULL;
  return g_byte_array_free_to_bytes (data);
}
