/* caucus-server.c — the HTTP side of caucus-server: listening, request intake, the worker
 * pool, responses (whole and streamed), request logs and shutdown (long-poll waiters:
 * caucus-server-waiters.c; requests the main thread answers itself: caucus-server-quick.c).
 *
 * Threads: SoupServer and every SoupServerMessage live in the main context of the thread
 * that created the CaucusServer.  A request is copied into a CaucusRequest, its message
 * paused, and the request queued to a worker thread; the worker authenticates, routes and
 * talks to the store through its own connections, then hands the response back to the main
 * context.  Long-poll and continuous _changes clients wait on the main loop, woken by the
 * store's "changed" signal, without holding a thread.
 */
#include "caucus-server-internal.h"

#include <string.h>

#define MIB (1024 * 1024)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_MAX_BODY_BYTES,
  PROP_MAX_DOC_BYTES,
  PROP_MAX_JSON_DEPTH,
  PROP_MAX_BULK_DOCS,
  PROP_WORKER_THREADS,
  PROP_SESSION_TIMEOUT,
  PROP_BASIC_CACHE_SECONDS,
  PROP_LOGIN_DELAY_MS,
  PROP_LOGIN_MAX_FAILURES,
  PROP_LOGIN_LOCKOUT_SECONDS,
  PROP_LOG_REQUESTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static int queue_sentinel;

static void caucus_server_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusServer, caucus_server, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      caucus_server_initable_iface_init))

/* ---- the worker pool ------------------------------------------------------------------- */

static void maybe_finish_shutdown (CaucusServer *self);

static gboolean
delayed_response_cb (gpointer data)
{
  caucus_request_apply_response (data);
  return G_SOURCE_REMOVE;
}

static gboolean
worker_done_cb (gpointer data)
{
  CaucusRequest *req = data;
  CaucusServer *self = req->server;

  req->in_worker = FALSE;
  self->n_in_worker--;

  if (req->db_deleted)
    {
      /* End the feeds parked on the deleted database now rather than at their timeout. */
      CaucusWatch *watch = g_hash_table_lookup (self->watches, req->db);
      if (watch)
        caucus_server_watch_wake_all (watch, TRUE);
      g_hash_table_remove (self->watches, req->db);
    }

  if (req->finished)
    ;
  else if (req->stream)
    {
      caucus_request_flush_stream (req);
      if (req->changes_wait && !req->stream_done)
        caucus_server_register_waiter (self, req);
    }
  else if (req->changes_wait)
    caucus_server_register_waiter (self, req);
  else if (req->delay_ms > 0)
    g_source_unref (caucus_server_timeout_attach (self, req->delay_ms, delayed_response_cb,
                                    caucus_request_ref (req), (GDestroyNotify) caucus_request_unref));
  else
    caucus_request_apply_response (req);

  maybe_finish_shutdown (self);
  caucus_request_unref (req);
  g_object_unref (self);   /* taken by caucus_server_queue_to_worker */
  return G_SOURCE_REMOVE;
}

void
caucus_server_queue_to_worker (CaucusServer *self, CaucusRequest *req)
{
  req->in_worker = TRUE;
  self->n_in_worker++;
  g_object_ref (self);     /* the answer comes back to this server's main context */
  g_async_queue_push (self->queue, caucus_request_ref (req));
}

static gpointer
worker_main (gpointer data)
{
  CaucusServer *self = data;
  CaucusWorker worker = { .server = self };
  g_autoptr(GError) error = NULL;

  worker.users = caucus_users_open (self->data_dir, &error);
  if (worker.users == NULL)
    g_critical ("A server worker could not open the users file: %s", error->message);

  for (;;)
    {
      CaucusRequest *req = g_async_queue_pop (self->queue);

      if (req == (gpointer) &queue_sentinel)
        break;
      if (worker.users == NULL)
        caucus_request_respond_error (req, 500, "internal_server_error",
                                      "The server cannot read its users file");
      else
        caucus_worker_handle (&worker, req);
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, worker_done_cb, req, NULL);
    }

  caucus_worker_clear (&worker);
  g_clear_pointer (&worker.users, caucus_users_free);
  return NULL;
}

/* A quick request (caucus-server-quick.c) answered on the main thread, as a worker would;
 * one that turns out to need a password check goes to a worker after all. */
static void
pause_message (CaucusRequest *req)
{
  BOX (req)->paused = TRUE;
  soup_server_message_pause (req->msg);
}

/* A quick answer is set before the handler returns, so libsoup writes it at once; only
 * what is answered later (on a worker, a stream, a parked feed, a delayed refusal) pauses
 * the message first (an unpause is a main-loop iteration more, per request). */
static void
answer_quick (CaucusServer *self, CaucusRequest *req)
{
  caucus_worker_handle (&self->quick, req);
  if (req->needs_worker || req->stream || req->changes_wait || req->delay_ms > 0)
    pause_message (req);
  if (req->needs_worker)
    {
      req->needs_worker = FALSE;
      caucus_server_queue_to_worker (self, req);
      return;
    }
  req->in_worker = TRUE;
  self->n_in_worker++;
  g_object_ref (self);
  worker_done_cb (caucus_request_ref (req));
}

/* ---- intake ---------------------------------------------------------------------------- */

static void
log_request (CaucusServer *self, CaucusRequest *req, guint status)
{
  double ms;
  g_autofree char *status_text = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *message = NULL;

  /* A connection closed before a request arrived (idle keep-alive) is not a request. */
  if (!self->log_requests || req->method == NULL)
    return;
  ms = (g_get_monotonic_time () - req->started_us) / 1000.0;
  status_text = g_strdup_printf ("%u", status);
  bytes = g_strdup_printf ("%" G_GUINT64_FORMAT, BOX (req)->bytes_out);
  duration = g_strdup_printf ("%.1f", ms);
  /* Only the path is logged: queries and headers (credentials, cookies) never are. */
  message = g_strdup_printf ("%s %s %u %s %s %sms", req->remote_host ? req->remote_host : "-",
                             req->method ? req->method : "-", status,
                             req->path ? req->path : "-", bytes, duration);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "%s", message,
                    "CAUCUS_METHOD", "%s", req->method ? req->method : "-",
                    "CAUCUS_PATH", "%s", req->path ? req->path : "-",
                    "CAUCUS_STATUS", "%s", status_text,
                    "CAUCUS_BYTES", "%s", bytes,
                    "CAUCUS_DURATION_MS", "%s", duration,
                    "CAUCUS_USER", "%s", req->user ? req->user : "-",
                    "CAUCUS_REMOTE", "%s", req->remote_host ? req->remote_host : "-");
}

static void
message_done (CaucusServer *self, SoupServerMessage *msg)
{
  CaucusRequest *req = g_hash_table_lookup (self->requests, msg);

  if (req == NULL)
    return;
  req->finished = TRUE;
  /* A request on a worker is in no waiter list, and its db field is the worker's. */
  if (!req->in_worker)
    caucus_server_waiter_remove (self, req);
  log_request (self, req, soup_server_message_get_status (msg));
  g_hash_table_remove (self->requests, msg);
  maybe_finish_shutdown (self);
}

static void
request_finished_cb (SoupServer *soup, SoupServerMessage *msg, CaucusServer *self)
{
  message_done (self, msg);
}

static void
got_headers_cb (SoupServerMessage *msg, CaucusRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  g_free (req->method);
  req->method = g_strdup (soup_server_message_get_method (msg));
  g_free (req->path);
  req->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  if (!caucus_auth_method_is_known (req->method))
    caucus_auth_note_strange_method (req->server->auth, req->remote_host, &req->limits);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) length > req->limits.max_body_bytes)
    {
      static const char body[] =
        "{\"error\":\"too_large\",\"reason\":\"the request entity is too large\"}\n";
      req->too_large = TRUE;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
      BOX (req)->bytes_out = strlen (body);
      soup_server_message_set_status (msg, 413, NULL);
    }
}

static void
got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, CaucusRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (!req->too_large && (guint64) body->length > req->limits.max_body_bytes)
    {
      req->too_large = TRUE;
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
}

static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, CaucusServer *self)
{
  CaucusRequestBox *box;
  CaucusRequest *req;
  const char *remote = soup_server_message_get_remote_host (msg);

  /* An address that sent many methods no client of ours sends is cut off here, before
   * libsoup reads (and interns for good) another request line from it. */
  if (caucus_auth_address_is_cut (self->auth, remote))
    {
      GSocket *socket = soup_server_message_get_socket (msg);
      if (socket != NULL)
        g_socket_shutdown (socket, TRUE, TRUE, NULL);
      return;
    }

  box = g_new0 (CaucusRequestBox, 1);
  req = &box->req;
  box->refs = 1;
  g_mutex_init (&req->lock);
  g_queue_init (&req->chunks);
  req->server = self;
  req->msg = g_object_ref (msg);
  req->started_us = g_get_monotonic_time ();
  req->limits = self->limits;
  req->remote_host = g_strdup (remote);
  g_hash_table_insert (self->requests, msg, req);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), req);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), req);
}

static char *
header_dup (SoupMessageHeaders *headers, const char *name)
{
  const char *value = soup_message_headers_get_list (headers, name);
  return g_strdup (value);
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  CaucusServer *self = user_data;
  CaucusRequest *req = g_hash_table_lookup (self->requests, msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);

  if (req == NULL)
    return;
  g_free (req->method);
  req->method = g_strdup (soup_server_message_get_method (msg));
  g_free (req->path);
  req->path = g_strdup (g_uri_get_path (uri));
  if (g_uri_get_query (uri))
    {
      /* soup's own decoding of the query is lenient; CouchDB's parameters are decoded here. */
      req->query = soup_form_decode (g_uri_get_query (uri));
    }
  else
    req->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->content_type = header_dup (headers, "Content-Type");
  req->accept = header_dup (headers, "Accept");
  req->authorization = header_dup (headers, "Authorization");
  req->cookie = header_dup (headers, "Cookie");
  req->if_match = header_dup (headers, "If-Match");

  if (req->too_large)
    {
      caucus_request_respond_error (req, 413, "too_large", "the request entity is too large");
      caucus_request_add_header (req, "Connection", "close");
      caucus_request_apply_response (req);
      return;
    }
  if (self->shutting_down)
    {
      caucus_request_add_header (req, "Connection", "close");
      caucus_request_respond_error (req, 503, "service_unavailable",
                                    "The server is shutting down.");
      caucus_request_apply_response (req);
      return;
    }

  {
    SoupMessageBody *body = soup_server_message_get_request_body (msg);
    req->body = soup_message_body_flatten (body);
  }
  if (self->quick.users != NULL && caucus_request_is_quick (req, self->n_in_worker == 0))
    answer_quick (self, req);
  else
    {
      pause_message (req);
      caucus_server_queue_to_worker (self, req);
    }
}

/* ---- shutdown -------------------------------------------------------------------------- */

static void
stop_workers (CaucusServer *self)
{
  if (self->threads == NULL)
    return;
  for (guint i = 0; i < self->threads->len; i++)
    g_async_queue_push (self->queue, &queue_sentinel);
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (self->threads->pdata[i]);
  g_clear_pointer (&self->threads, g_ptr_array_unref);
}

static void
finish_shutdown (CaucusServer *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->shutdown_task);

  caucus_server_source_clear (&self->shutdown_timeout);
  stop_workers (self);
  caucus_worker_clear (&self->quick);
  soup_server_disconnect (self->soup);
  g_hash_table_remove_all (self->watches);
  if (task)
    g_task_return_boolean (task, TRUE);
}

static void
maybe_finish_shutdown (CaucusServer *self)
{
  if (self->shutdown_task == NULL || self->n_in_worker > 0)
    return;
  /* Every answer queued by a worker has been handed to its connection; wait until
   * those responses are written (the message finishes) before closing sockets. */
  {
    GHashTableIter iter;
    gpointer value;
    g_hash_table_iter_init (&iter, self->requests);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        CaucusRequest *req = value;
        if (req->method != NULL && !req->finished)
          return;
      }
  }
  finish_shutdown (self);
}

static gboolean
shutdown_timeout_cb (gpointer data)
{
  CaucusServer *self = data;

  if (self->n_in_worker == 0)
    {
      finish_shutdown (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
caucus_server_shutdown_async (CaucusServer        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (CAUCUS_IS_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_server_shutdown_async);
  if (self->shutdown_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The server is already shutting down");
      return;
    }
  self->shutting_down = TRUE;
  self->shutdown_task = g_steal_pointer (&task);

  /* End every waiting feed now: each gets its final line from a worker. */
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CaucusWatch *watch = value;
      GList *waiters = g_steal_pointer (&watch->waiters);
      for (GList *l = waiters; l; l = l->next)
        {
          CaucusRequest *req = l->data;
          caucus_server_waiter_clear_sources (req);
          req->changes_timed_out = TRUE;
          caucus_server_queue_to_worker (self, req);
          caucus_request_unref (req);
        }
      g_list_free (waiters);
    }
  /* Responses still being written get a grace period, then connections are closed. */
  self->shutdown_timeout = caucus_server_timeout_attach (self, 5000, shutdown_timeout_cb, self, NULL);
  maybe_finish_shutdown (self);
}

gboolean
caucus_server_shutdown_finish (CaucusServer *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GMainContext *
caucus_server_get_context (CaucusServer *self)
{
  return self->context;
}

SoupServer *
caucus_server_get_soup (CaucusServer *self)
{
  return self->soup;
}

gboolean
caucus_server_get_tls_enabled (CaucusServer *self)
{
  return self->limits.tls;
}

void
caucus_server_set_tls_enabled (CaucusServer *self)
{
  self->limits.tls = TRUE;
}

CaucusAuthState *
caucus_server_get_auth_state (CaucusServer *self)
{
  return self->auth;
}

/* ---- GObject --------------------------------------------------------------------------- */

static gboolean
caucus_server_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  CaucusServer *self = CAUCUS_SERVER (initable);

  if (self->data_dir == NULL)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "caucus-server needs a data directory (--data DIR)");
      return FALSE;
    }
  self->users = caucus_users_open (self->data_dir, error);
  if (self->users == NULL)
    return FALSE;
  self->quick.server = self;
  self->quick.main_thread = TRUE;
  self->quick.users = caucus_users_open (self->data_dir, error);
  if (self->quick.users == NULL)
    return FALSE;

  self->context = g_main_context_ref_thread_default ();
  self->soup = soup_server_new ("server-header", "caucus-server/" CAUCUS_VERSION " ", NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_finished_cb), self);

  self->threads = g_ptr_array_new ();
  for (guint i = 0; i < self->n_workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("caucus-worker-%u", i);
      GThread *thread = g_thread_try_new (name, worker_main, self, error);
      if (thread == NULL)
        return FALSE;
      g_ptr_array_add (self->threads, thread);
    }
  return TRUE;
}

static void
caucus_server_initable_iface_init (GInitableIface *iface)
{
  iface->init = caucus_server_initable_init;
}

CaucusServer *
caucus_server_new (const char *data_dir, GError **error)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  return g_initable_new (CAUCUS_TYPE_SERVER, NULL, error, "data-dir", data_dir, NULL);
}

static void
caucus_server_dispose (GObject *object)
{
  CaucusServer *self = CAUCUS_SERVER (object);

  stop_workers (self);
  caucus_worker_clear (&self->quick);
  if (self->soup)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->soup);
  g_clear_pointer (&self->watches, g_hash_table_unref);
  G_OBJECT_CLASS (caucus_server_parent_class)->dispose (object);
}

static void
caucus_server_finalize (GObject *object)
{
  CaucusServer *self = CAUCUS_SERVER (object);

  caucus_server_source_clear (&self->shutdown_timeout);
  g_clear_pointer (&self->requests, g_hash_table_unref);
  g_clear_pointer (&self->users, caucus_users_free);
  g_clear_pointer (&self->quick.users, caucus_users_free);
  g_clear_pointer (&self->auth, caucus_auth_state_free);
  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->data_dir);
  G_OBJECT_CLASS (caucus_server_parent_class)->finalize (object);
}

static void
caucus_server_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CaucusServer *self = CAUCUS_SERVER (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR: g_value_set_string (value, self->data_dir); break;
    case PROP_MAX_BODY_BYTES: g_value_set_uint64 (value, self->limits.max_body_bytes); break;
    case PROP_MAX_DOC_BYTES: g_value_set_uint64 (value, self->limits.max_doc_bytes); break;
    case PROP_MAX_JSON_DEPTH: g_value_set_uint (value, self->limits.max_json_depth); break;
    case PROP_MAX_BULK_DOCS: g_value_set_uint (value, self->limits.max_bulk_docs); break;
    case PROP_WORKER_THREADS: g_value_set_uint (value, self->n_workers); break;
    case PROP_SESSION_TIMEOUT: g_value_set_uint (value, self->limits.session_timeout); break;
    case PROP_BASIC_CACHE_SECONDS: g_value_set_uint (value, self->limits.basic_cache_seconds); break;
    case PROP_LOGIN_DELAY_MS: g_value_set_uint (value, self->limits.login_delay_ms); break;
    case PROP_LOGIN_MAX_FAILURES: g_value_set_uint (value, self->limits.login_max_failures); break;
    case PROP_LOGIN_LOCKOUT_SECONDS: g_value_set_uint (value, self->limits.login_lockout_seconds); break;
    case PROP_LOG_REQUESTS: g_value_set_boolean (value, self->log_requests); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_server_set_property (GObject *object, guint prop_id, const GValue *value,
                            GParamSpec *pspec)
{
  CaucusServer *self = CAUCUS_SERVER (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_free (self->data_dir);
      self->data_dir = g_value_dup_string (value);
      break;
    case PROP_MAX_BODY_BYTES: self->limits.max_body_bytes = g_value_get_uint64 (value); break;
    case PROP_MAX_DOC_BYTES: self->limits.max_doc_bytes = g_value_get_uint64 (value); break;
    case PROP_MAX_JSON_DEPTH: self->limits.max_json_depth = g_value_get_uint (value); break;
    case PROP_MAX_BULK_DOCS: self->limits.max_bulk_docs = g_value_get_uint (value); break;
    case PROP_WORKER_THREADS: self->n_workers = g_value_get_uint (value); break;
    case PROP_SESSION_TIMEOUT: self->limits.session_timeout = g_value_get_uint (value); break;
    case PROP_BASIC_CACHE_SECONDS: self->limits.basic_cache_seconds = g_value_get_uint (value); break;
    case PROP_LOGIN_DELAY_MS: self->limits.login_delay_ms = g_value_get_uint (value); break;
    case PROP_LOGIN_MAX_FAILURES: self->limits.login_max_failures = g_value_get_uint (value); break;
    case PROP_LOGIN_LOCKOUT_SECONDS: self->limits.login_lockout_seconds = g_value_get_uint (value); break;
    case PROP_LOG_REQUESTS: self->log_requests = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_server_class_init (CaucusServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = caucus_server_dispose;
  object_class->finalize = caucus_server_finalize;
  object_class->get_property = caucus_server_get_property;
  object_class->set_property = caucus_server_set_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL, flags);
  properties[PROP_MAX_BODY_BYTES] =
    g_param_spec_uint64 ("max-body-bytes", NULL, NULL, 1024, G_MAXUINT32, 64 * MIB, flags);
  properties[PROP_MAX_DOC_BYTES] =
    g_param_spec_uint64 ("max-doc-bytes", NULL, NULL, 256, G_MAXUINT32, 8 * MIB, flags);
  properties[PROP_MAX_JSON_DEPTH] =
    g_param_spec_uint ("max-json-depth", NULL, NULL, 4, 1024, CAUCUS_JSON_MAX_DEPTH, flags);
  properties[PROP_MAX_BULK_DOCS] =
    g_param_spec_uint ("max-bulk-docs", NULL, NULL, 1, G_MAXINT32, 10000, flags);
  properties[PROP_WORKER_THREADS] =
    g_param_spec_uint ("worker-threads", NULL, NULL, 1, 64, 4, flags);
  properties[PROP_SESSION_TIMEOUT] =
    g_param_spec_uint ("session-timeout", NULL, NULL, 10, G_MAXINT32, 600, flags);
  properties[PROP_BASIC_CACHE_SECONDS] =
    g_param_spec_uint ("basic-cache-seconds", NULL, NULL, 0, 86400, 300, flags);
  properties[PROP_LOGIN_DELAY_MS] =
    g_param_spec_uint ("login-delay-ms", NULL, NULL, 0, 60000, 200, flags);
  properties[PROP_LOGIN_MAX_FAILURES] =
    g_param_spec_uint ("login-max-failures", NULL, NULL, 1, 100000, 10, flags);
  properties[PROP_LOGIN_LOCKOUT_SECONDS] =
    g_param_spec_uint ("login-lockout-seconds", NULL, NULL, 1, 86400, 300, flags);
  properties[PROP_LOG_REQUESTS] =
    g_param_spec_boolean ("log-requests", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_server_init (CaucusServer *self)
{
  self->queue = g_async_queue_new ();
  self->auth = caucus_auth_state_new ();
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, caucus_server_watch_free);
  self->requests = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                          (GDestroyNotify) caucus_request_unref);
}
