/* caucus-couch-client.h — a blocking CouchDB-protocol HTTP client for one thread.
 *
 * The replicator runs on worker threads; each of them owns one CaucusCouchClient (one
 * SoupSession, keep-alive connections, gzip through the session's default
 * SoupContentDecoder).  Every answer is bounded in size, checked for its content type and
 * JSON nesting before it is parsed, and HTTP statuses become CAUCUS_SYNC_ERROR codes with
 * messages a person can act on.  Transient failures are retried with exponential back-off
 * and jitter; 401/403 never are.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where to replicate with: a database URL and the credentials for it. */
typedef struct {
  char *url;           /* the database URL without user info and without a trailing slash */
  char *user;          /* NULL: anonymous */
  char *password;
} CaucusRemote;

/* Parses @url (http or https).  User info in the URL is taken out of the URL; @user and
 * @password, when not NULL, override it. */
CaucusRemote *caucus_remote_new  (const char          *url,
                                  const char          *user,
                                  const char          *password,
                                  GError             **error);
CaucusRemote *caucus_remote_copy (const CaucusRemote  *remote);
void          caucus_remote_free (CaucusRemote        *remote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusRemote, caucus_remote_free)

typedef struct {
  guint  timeout_s;            /* I/O silence before a request fails (default 60) */
  guint  max_retries;          /* retries of transient failures (default 4) */
  guint  retry_base_ms;        /* first back-off (default 500 ms), doubled each time, jittered */
  guint  retry_max_ms;         /* back-off cap (default 30 s) */
  gsize  max_response_bytes;   /* larger answers are refused (default 256 MiB) */
} CaucusCouchLimits;

void caucus_couch_limits_init_default (CaucusCouchLimits *limits);

typedef struct _CaucusCouchClient CaucusCouchClient;

CaucusCouchClient *caucus_couch_client_new  (const CaucusRemote      *remote,
                                             const CaucusCouchLimits *limits);
void               caucus_couch_client_free (CaucusCouchClient       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusCouchClient, caucus_couch_client_free)

/* Sends @method to the database URL + "/" + @path (@path "" is the database itself;
 * it must already be escaped, see caucus_couch_escape_doc_id()).  @body is JSON or NULL.
 * Returns the parsed JSON answer of a 2xx response; *@status (may be NULL) receives the
 * HTTP status even on failure (0 when nothing was received). */
JsonNode *caucus_couch_client_request   (CaucusCouchClient  *self,
                                         const char         *method,
                                         const char         *path,
                                         GBytes             *body,
                                         guint              *status,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* Like request, but returns the answer's JSON text unread (checked for a JSON content type
 * and for being non-empty), for a caller that scans it with caucus_json_scanner_new(). */
GBytes   *caucus_couch_client_request_text (CaucusCouchClient  *self,
                                            const char         *method,
                                            const char         *path,
                                            GBytes             *body,
                                            GCancellable       *cancellable,
                                            GError            **error);
/* The nesting an answer may have: documents' limit (CAUCUS_JSON_MAX_DEPTH) and a few
 * levels of envelope. */
guint     caucus_couch_response_max_depth (void);
/* Sets @error for a JSON reader error @json_error found in the answer to @method @path
 * (the message request() gives). */
void      caucus_couch_client_json_error (CaucusCouchClient  *self,
                                          const char         *method,
                                          const char         *path,
                                          const GError       *json_error,
                                          GError            **error);
/* Like request with GET, but returns the raw body (attachments). */
GBytes   *caucus_couch_client_get_raw   (CaucusCouchClient  *self,
                                         const char         *path,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* Bytes sent and received so far (bodies, after decoding). */
guint64   caucus_couch_client_get_bytes (CaucusCouchClient  *self);
const char *caucus_couch_client_get_url (CaucusCouchClient  *self);

/* Escapes a document id for a URL path ("_design/" and "_local/" prefixes stay readable). */
char     *caucus_couch_escape_doc_id    (const char         *id);
/* Encodes a JSON value (a sequence) for a query parameter. */
char     *caucus_couch_escape_json_node (JsonNode           *node);

/* Sleeps @ms milliseconds unless @cancellable fires first; FALSE (and G_IO_ERROR_CANCELLED)
 * when cancelled. */
gboolean  caucus_couch_sleep            (guint               ms,
                                         GCancellable       *cancellable,
                                         GError            **error);
/* The back-off before retry number @attempt (0-based): exponential, capped, jittered. */
guint     caucus_couch_backoff_ms       (guint               attempt,
                                         guint               base_ms,
                                         guint               max_ms);

G_END_DECLS
