/* caucus-server.h — caucus-server: the CouchDB-compatible sync server.
 *
 * A CaucusServer serves every database registered in its data directory (one store file
 * per database, users and memberships in CAUCUS_USERS_FILE).  It runs in the thread-default
 * main context of the thread that created it; request handling that touches a database
 * runs on a small pool of worker threads, each with its own store connections, so that a
 * large _bulk_docs never stalls the long-poll clients served by the main loop.
 */
#pragma once

#include <gio/gio.h>

#include "caucus-server-error.h"
#include "caucus-server-users.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_SERVER (caucus_server_get_type ())
G_DECLARE_FINAL_TYPE (CaucusServer, caucus_server, CAUCUS, SERVER, GObject)

/* Properties (all construct-time settable, defaults in brackets):
 *   data-dir            the data directory (required)
 *   max-body-bytes      request body limit [64 MiB] → 413 too_large
 *   max-doc-bytes       one document's JSON [8 MiB] → 413 document_too_large
 *   max-json-depth      JSON nesting [64] → 400 bad_request
 *   max-bulk-docs       docs per _bulk_docs/_bulk_get/_revs_diff/keys [10000] → 413
 *   worker-threads      [4]
 *   session-timeout     seconds an AuthSession cookie lives [600]
 *   basic-cache-seconds how long a verified Basic credential is remembered [300]
 *   login-delay-ms      extra delay per failed login from one address [200]
 *   login-max-failures  failures after which an address gets 429 [10]
 *   login-lockout-seconds how long it stays refused [300]
 *   log-requests        one structured log line per request [TRUE]
 */
CaucusServer *caucus_server_new             (const char    *data_dir,
                                             GError       **error);

/* Loads a PEM certificate and key; listening sockets opened afterwards speak HTTPS. */
gboolean      caucus_server_set_tls_files   (CaucusServer  *self,
                                             const char    *cert_file,
                                             const char    *key_file,
                                             GError       **error);
/* Listens on "HOST:PORT" ("127.0.0.1:5984", "[::1]:5984"); PORT 0 picks a free port. */
gboolean      caucus_server_listen          (CaucusServer  *self,
                                             const char    *address,
                                             GError       **error);
/* The port of the first listening socket (useful after listening on port 0). */
guint16       caucus_server_get_port        (CaucusServer  *self);
/* "http://127.0.0.1:PORT" (or https) of the first listening socket. */
char         *caucus_server_get_url         (CaucusServer  *self);
/* The URLs of every listening socket. */
GStrv         caucus_server_get_urls        (CaucusServer  *self);

/* Graceful shutdown: refuses new requests with 503, lets requests already on a worker
 * finish and answer, ends long-poll and continuous feeds, closes every listener,
 * connection and store.  @callback runs in the server's main context when done. */
void          caucus_server_shutdown_async  (CaucusServer        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      caucus_server_shutdown_finish (CaucusServer  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
