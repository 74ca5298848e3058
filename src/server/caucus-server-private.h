/* caucus-server-private.h — what the server's pieces share: one request as a worker sees it. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "caucus-server.h"
#include "caucus-store.h"
#include "caucus-server-users.h"

G_BEGIN_DECLS

typedef struct {
  guint64 max_body_bytes;
  guint64 max_doc_bytes;
  guint   max_json_depth;
  guint   max_bulk_docs;
  guint   session_timeout;
  guint   basic_cache_seconds;
  guint   login_delay_ms;
  guint   login_max_failures;
  guint   login_lockout_seconds;
  gboolean tls;
} CaucusServerLimits;

typedef enum {
  FEED_NORMAL,
  FEED_LONGPOLL,
  FEED_CONTINUOUS,
} CaucusFeed;

/* Per worker thread: its own users connection and its own store connections.  The main
 * thread has one too, for the quick requests it answers itself (caucus-server-quick.c). */
typedef struct {
  CaucusServer *server;
  CaucusUsers  *users;
  GHashTable   *stores;     /* db name → CaucusWorkerStore */
  gboolean      main_thread; /* never verify a password here: hand the request on instead */
} CaucusWorker;

typedef struct _CaucusRequest CaucusRequest;

struct _CaucusRequest {
  /* main thread only */
  CaucusServer       *server;
  SoupServerMessage  *msg;
  gboolean            finished;     /* the connection is gone or the response is complete */
  gboolean            headers_sent; /* a streamed response has started */
  gboolean            completed;    /* the response body is complete: touch the message no more */
  GSource            *wait_source;       /* attached to the server's context */
  GSource            *heartbeat_source;
  gboolean            in_worker;
  gboolean            too_large;
  gboolean            needs_worker; /* the main thread's try needs a password check: queue it */

  /* copied in on the main thread, read by the worker */
  char               *method;
  char               *path;         /* percent-encoded, as received */
  GHashTable         *query;        /* decoded name → value */
  char               *content_type;
  char               *accept;
  char               *authorization;
  char               *cookie;
  char               *if_match;
  char               *remote_host;
  GBytes             *body;
  gint64              started_us;
  CaucusServerLimits  limits;

  /* filled by the worker */
  char               *user;         /* authenticated user, or NULL */
  char               *db;           /* database named by the path, or NULL */
  guint               status;
  char               *resp_content_type;
  GBytes             *resp_body;
  GPtrArray          *resp_headers; /* name, value, name, value … */
  guint               delay_ms;     /* answer only after this long (failed logins) */
  gboolean            db_deleted;   /* this request deleted req->db: end its parked feeds */
  JsonNode           *parsed_body;  /* the body's tree, kept until the request is freed:
                                     * after its answer was sent (freeing a _bulk_docs
                                     * tree is a tenth of the request) */

  /* streamed responses: chunks handed from the worker to the main loop */
  GMutex              lock;
  GQueue              chunks;       /* GBytes */
  gboolean            stream;
  gboolean            stream_done;
  gboolean            flush_queued;

  /* _changes longpoll/continuous state, kept across worker runs */
  gboolean            changes_wait;      /* wait for a change, then run again */
  gboolean            changes_timed_out; /* the wait ended without a change */
  gboolean            changes_started;
  CaucusFeed          feed;
  gint64              changes_since;
  gint64              changes_sent;
  guint               heartbeat_ms;
  guint               timeout_ms;
};

/* One request as allocated: the shared part plus main-thread bookkeeping. */
typedef struct {
  CaucusRequest req;
  gint          refs;
  guint64       bytes_out;
  gboolean      paused;
} CaucusRequestBox;

#define BOX(r) ((CaucusRequestBox *) (r))

/* caucus-server-quick.c */
/* @workers_idle: no worker is running a request (so no write lock is held or taken). */
gboolean     caucus_request_is_quick        (CaucusRequest *req,
                                             gboolean       workers_idle);

/* caucus-server.c: internals the other pieces of the server reach */
GMainContext *caucus_server_get_context      (CaucusServer *self);
SoupServer   *caucus_server_get_soup         (CaucusServer *self);
gboolean      caucus_server_get_tls_enabled  (CaucusServer *self);
void          caucus_server_set_tls_enabled  (CaucusServer *self);

/* caucus-server-request.c: main-context side (only there) */
CaucusRequest *caucus_request_ref            (CaucusRequest *req);
void         caucus_request_unref           (CaucusRequest *req);
void         caucus_request_apply_response  (CaucusRequest *req);
void         caucus_request_start_stream    (CaucusRequest *req,
                                             guint          status,
                                             const char    *content_type);
void         caucus_request_stream_append   (CaucusRequest *req,
                                             GBytes        *chunk);
void         caucus_request_flush_stream    (CaucusRequest *req);
void         caucus_request_message_unpause (CaucusRequest *req);

/* caucus-server-request.c: building answers (any thread) */
void         caucus_request_respond_bytes   (CaucusRequest *req,
                                             guint          status,
                                             const char    *content_type,
                                             GBytes        *body);
void         caucus_request_respond_json    (CaucusRequest *req,
                                             guint          status,
                                             JsonNode      *node);
void         caucus_request_respond_object  (CaucusRequest *req,
                                             guint          status,
                                             JsonObject    *object);
void         caucus_request_respond_error   (CaucusRequest *req,
                                             guint          status,
                                             const char    *error,
                                             const char    *reason);
void         caucus_request_respond_gerror  (CaucusRequest *req,
                                             const GError  *error);
void         caucus_request_add_header      (CaucusRequest *req,
                                             const char    *name,
                                             const char    *value);
/* Streaming from a worker: begin, any number of writes, end. */
void         caucus_request_stream_begin    (CaucusRequest *req,
                                             guint          status,
                                             const char    *content_type);
void         caucus_request_stream_write    (CaucusRequest *req,
                                             GBytes        *chunk);
void         caucus_request_stream_printf   (CaucusRequest *req,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void         caucus_request_stream_end      (CaucusRequest *req);

/* caucus-server-auth.c: shared state of the server (mutex-protected) */
typedef struct _CaucusAuthState CaucusAuthState;
CaucusAuthState *caucus_auth_state_new      (void);
void         caucus_auth_state_free         (CaucusAuthState *state);
CaucusAuthState *caucus_server_get_auth_state (CaucusServer *self);
/* A method outside HTTP's and CouchDB's (libsoup interns each one for good) counts against
 * its address; after login-max-failures of them the address is cut off for
 * login-lockout-seconds: caucus_auth_address_is_cut() says so when a connection's next
 * request starts, before libsoup reads its request line. */
gboolean     caucus_auth_method_is_known    (const char               *method);
void         caucus_auth_note_strange_method (CaucusAuthState         *state,
                                             const char               *address,
                                             const CaucusServerLimits *limits);
gboolean     caucus_auth_address_is_cut     (CaucusAuthState          *state,
                                             const char               *address);
/* Authenticates @req by Basic or AuthSession; on success sets req->user (and may add a
 * refreshed cookie).  Returns FALSE when a response (401/429) has been set. */
gboolean     caucus_auth_check              (CaucusWorker  *worker,
                                             CaucusRequest *req,
                                             gboolean       required);
void         caucus_auth_handle_session     (CaucusWorker  *worker,
                                             CaucusRequest *req);

/* caucus-server-routes.c */
void         caucus_worker_handle           (CaucusWorker  *worker,
                                             CaucusRequest *req);
void         caucus_worker_clear            (CaucusWorker  *worker);

/* caucus-server-changes.c */
void         caucus_route_changes           (CaucusWorker  *worker,
                                             CaucusRequest *req,
                                             CaucusStore   *store);

/* caucus-server-docs.c */
void         caucus_route_document          (CaucusWorker  *worker,
                                             CaucusRequest *req,
                                             CaucusStore   *store,
                                             CaucusRole     role,
                                             char         **segments,
                                             guint          n_segments);
void         caucus_route_local             (CaucusRequest *req,
                                             CaucusStore   *store,
                                             const char    *id);
void         caucus_route_bulk_get          (CaucusWorker  *worker,
                                             CaucusRequest *req,
                                             CaucusStore   *store);

/* caucus-server-params.c */
/* 32 lowercase hex digits, for new document ids and _uuids. */
char        *caucus_random_id               (void);
/* Whether the request's Content-Type is one a JSON body may come with (CouchDB takes
 * text/plain as well as application/json). */
gboolean     caucus_request_body_is_json    (CaucusRequest *req);
JsonObject  *caucus_request_parse_body      (CaucusRequest *req,
                                             gboolean       allow_empty);
gboolean     caucus_query_bool              (CaucusRequest *req,
                                             const char    *name,
                                             gboolean       fallback,
                                             gboolean      *value);
gboolean     caucus_query_int               (CaucusRequest *req,
                                             const char    *name,
                                             gint64         fallback,
                                             gint64         min,
                                             gint64        *value);
/* A query value that CouchDB encodes as JSON; NULL (no response set) when absent,
 * NULL with a 400 response set when malformed (@bad set to TRUE). */
JsonNode    *caucus_query_json              (CaucusRequest *req,
                                             const char    *name,
                                             gboolean      *bad);
/* A JSON array of strings as a GStrv; FALSE with a 400 set if not. */
gboolean     caucus_json_strv               (CaucusRequest *req,
                                             JsonNode      *node,
                                             const char    *what,
                                             GStrv         *out);
gboolean     caucus_request_check_doc_size  (CaucusRequest *req,
                                             JsonObject    *doc);

/* caucus-server-multipart.c */
gboolean     caucus_multipart_parse_related (CaucusRequest *req,
                                             CaucusStore   *store,
                                             gboolean       new_edits,
                                             JsonObject   **doc_out);
GBytes      *caucus_multipart_open_revs     (GPtrArray     *results,
                                             char         **content_type);

G_END_DECLS
