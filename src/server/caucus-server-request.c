/* caucus-server-request.c — one request's answer: whole JSON, errors, and streamed chunks
 * handed from a worker thread to the main context. */
#include "caucus-server-private.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

/* ---- requests -------------------------------------------------------------------------- */

CaucusRequest *
caucus_request_ref (CaucusRequest *req)
{
  g_atomic_int_inc (&BOX (req)->refs);
  return req;
}

void
caucus_request_unref (CaucusRequest *req)
{
  if (!g_atomic_int_dec_and_test (&BOX (req)->refs))
    return;
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_free (req->content_type);
  g_free (req->accept);
  g_free (req->authorization);
  g_free (req->cookie);
  g_free (req->if_match);
  g_free (req->remote_host);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->parsed_body, json_node_unref);
  g_free (req->user);
  g_free (req->db);
  g_free (req->resp_content_type);
  g_clear_pointer (&req->resp_body, g_bytes_unref);
  g_clear_pointer (&req->resp_headers, g_ptr_array_unref);
  g_queue_clear_full (&req->chunks, (GDestroyNotify) g_bytes_unref);
  g_mutex_clear (&req->lock);
  g_free (BOX (req));
}

void
caucus_request_respond_bytes (CaucusRequest *req, guint status, const char *content_type,
                              GBytes *body)
{
  req->status = status;
  g_free (req->resp_content_type);
  req->resp_content_type = g_strdup (content_type);
  g_clear_pointer (&req->resp_body, g_bytes_unref);
  req->resp_body = body ? g_bytes_ref (body) : NULL;
}

void
caucus_request_respond_json (CaucusRequest *req, guint status, JsonNode *node)
{
  gsize length = 0;
  char *text = caucus_json_to_string (node, &length);
  g_autoptr(GBytes) body = NULL;

  /* CouchDB ends JSON responses with a newline. */
  text = g_realloc (text, length + 2);
  text[length] = '\n';
  text[length + 1] = '\0';
  body = g_bytes_new_take (text, length + 1);
  caucus_request_respond_bytes (req, status, "application/json", body);
}

void
caucus_request_respond_object (CaucusRequest *req, guint status, JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  caucus_request_respond_json (req, status, node);
}

void
caucus_request_respond_error (CaucusRequest *req, guint status, const char *error,
                              const char *reason)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", error);
  json_object_set_string_member (object, "reason", reason);
  caucus_request_respond_object (req, status, object);
}

void
caucus_request_respond_gerror (CaucusRequest *req, const GError *error)
{
  if (error->domain == CAUCUS_STORE_ERROR)
    {
      switch ((CaucusStoreError) error->code)
        {
        case CAUCUS_STORE_ERROR_INVALID:
          caucus_request_respond_error (req, 400, "bad_request", error->message);
          return;
        case CAUCUS_STORE_ERROR_CONFLICT:
          caucus_request_respond_error (req, 409, "conflict", "Document update conflict.");
          return;
        case CAUCUS_STORE_ERROR_NOT_FOUND:
          caucus_request_respond_error (req, 404, "not_found", "missing");
          return;
        case CAUCUS_STORE_ERROR_DELETED:
          caucus_request_respond_error (req, 404, "not_found", "deleted");
          return;
        case CAUCUS_STORE_ERROR_TOO_LARGE:
          caucus_request_respond_error (req, 413, "too_large", error->message);
          return;
        case CAUCUS_STORE_ERROR_BUSY:
          caucus_request_add_header (req, "Retry-After", "1");
          caucus_request_respond_error (req, 503, "service_unavailable", error->message);
          return;
        case CAUCUS_STORE_ERROR_IO:
        case CAUCUS_STORE_ERROR_CORRUPT:
        default:
          break;
        }
    }
  else if (error->domain == CAUCUS_SERVER_ERROR)
    {
      switch ((CaucusServerError) error->code)
        {
        case CAUCUS_SERVER_ERROR_INVALID:
          caucus_request_respond_error (req, 400, "bad_request", error->message);
          return;
        case CAUCUS_SERVER_ERROR_NOT_FOUND:
          caucus_request_respond_error (req, 404, "not_found", error->message);
          return;
        case CAUCUS_SERVER_ERROR_EXISTS:
          caucus_request_respond_error (req, 412, "file_exists", error->message);
          return;
        case CAUCUS_SERVER_ERROR_IO:
        case CAUCUS_SERVER_ERROR_TLS:
        case CAUCUS_SERVER_ERROR_LISTEN:
        default:
          break;
        }
    }
  g_warning ("%s %s: %s", req->method, req->path, error->message);
  caucus_request_respond_error (req, 500, "internal_server_error", error->message);
}

void
caucus_request_add_header (CaucusRequest *req, const char *name, const char *value)
{
  if (req->resp_headers == NULL)
    req->resp_headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (req->resp_headers, g_strdup (name));
  g_ptr_array_add (req->resp_headers, g_strdup (value));
}

/* ---- main-loop side of responses ------------------------------------------------------ */

static void
apply_headers (CaucusRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->resp_headers)
    for (guint i = 0; i + 1 < req->resp_headers->len; i += 2)
      soup_message_headers_append (headers, req->resp_headers->pdata[i],
                                   req->resp_headers->pdata[i + 1]);
  g_clear_pointer (&req->resp_headers, g_ptr_array_unref);
  /* libsoup closes the connection when the client asked for it but does not say so;
   * clients with keep-alive pools (Node's http agent) would otherwise reuse it. */
  if (soup_message_headers_header_contains (soup_server_message_get_request_headers (req->msg),
                                            "Connection", "close"))
    soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_replace (headers, "Server", "caucus-server/" CAUCUS_VERSION);
  soup_message_headers_replace (headers, "Cache-Control", "must-revalidate");
}

void
caucus_request_message_unpause (CaucusRequest *req)
{
  BOX (req)->paused = FALSE;
  soup_server_message_unpause (req->msg);
}

/* libsoup writes a response's status line and headers, then its body, in two send()s on
 * a socket with TCP_NODELAY: two segments, and a client that reads as data arrives (node's
 * HTTP parser: two 'data' events) handles each.  A whole (not streamed) answer is corked
 * while libsoup writes it and leaves in one segment when the body is written; the kernel
 * would send corked data after 200 ms anyway.  For the socket option (Linux's TCP_CORK)
 * see tcp(7). */
static void
uncork_cb (SoupServerMessage *msg,
           gpointer           data)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, 0, NULL);
}

static void
cork (CaucusRequest *req)
{
  GSocket *socket = soup_server_message_get_socket (req->msg);

  if (socket == NULL || g_socket_get_family (socket) == G_SOCKET_FAMILY_UNIX ||
      !g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, 1, NULL))
    return;
  g_signal_connect (req->msg, "wrote-body", G_CALLBACK (uncork_cb), NULL);
}

void
caucus_request_apply_response (CaucusRequest *req)
{
  SoupMessageBody *body;

  if (req->finished || req->completed)
    return;
  req->completed = TRUE;
  if (req->status == 0)
    caucus_request_respond_error (req, 500, "internal_server_error", "no response");
  apply_headers (req);
  soup_server_message_set_status (req->msg, req->status, NULL);
  body = soup_server_message_get_response_body (req->msg);
  if (req->resp_body)
    {
      BOX (req)->bytes_out += g_bytes_get_size (req->resp_body);
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Content-Type", req->resp_content_type);
      soup_message_body_append_bytes (body, req->resp_body);
    }
  soup_message_body_complete (body);
  cork (req);
  /* a quick answer, set in the handler, was never paused (caucus-server.c) */
  if (BOX (req)->paused)
    caucus_request_message_unpause (req);
}

void
caucus_request_start_stream (CaucusRequest *req, guint status, const char *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  apply_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  req->headers_sent = TRUE;
}

void
caucus_request_stream_append (CaucusRequest *req, GBytes *chunk)
{
  if (g_bytes_get_size (chunk) == 0)
    return;
  BOX (req)->bytes_out += g_bytes_get_size (chunk);
  soup_message_body_append_bytes (soup_server_message_get_response_body (req->msg), chunk);
}

/* Moves queued chunks to the message; completes it when the worker said so. */
void
caucus_request_flush_stream (CaucusRequest *req)
{
  GQueue chunks = G_QUEUE_INIT;
  gboolean done;
  GBytes *chunk;

  g_mutex_lock (&req->lock);
  chunks = req->chunks;
  g_queue_init (&req->chunks);
  done = req->stream_done;
  req->flush_queued = FALSE;
  g_mutex_unlock (&req->lock);

  if (req->finished || req->completed)
    {
      g_queue_clear_full (&chunks, (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (!req->headers_sent)
    caucus_request_start_stream (req, req->status ? req->status : 200,
                  req->resp_content_type ? req->resp_content_type : "application/json");
  while ((chunk = g_queue_pop_head (&chunks)) != NULL)
    {
      caucus_request_stream_append (req, chunk);
      g_bytes_unref (chunk);
    }
  if (done)
    {
      soup_message_body_complete (soup_server_message_get_response_body (req->msg));
      req->completed = TRUE;
    }
  caucus_request_message_unpause (req);
}

static gboolean
flush_stream_cb (gpointer data)
{
  caucus_request_flush_stream (data);
  return G_SOURCE_REMOVE;
}

void
caucus_request_stream_begin (CaucusRequest *req, guint status, const char *content_type)
{
  g_mutex_lock (&req->lock);
  if (!req->stream)
    {
      req->stream = TRUE;
      req->status = status;
      g_free (req->resp_content_type);
      req->resp_content_type = g_strdup (content_type);
    }
  g_mutex_unlock (&req->lock);
}

static void
queue_chunk (CaucusRequest *req, GBytes *chunk, gboolean done)
{
  gboolean schedule = FALSE;

  g_mutex_lock (&req->lock);
  if (chunk)
    g_queue_push_tail (&req->chunks, g_bytes_ref (chunk));
  if (done)
    req->stream_done = TRUE;
  if (!req->flush_queued)
    req->flush_queued = schedule = TRUE;
  g_mutex_unlock (&req->lock);
  if (schedule)
    g_main_context_invoke_full (caucus_server_get_context (req->server), G_PRIORITY_DEFAULT, flush_stream_cb,
                                caucus_request_ref (req), (GDestroyNotify) caucus_request_unref);
}

void
caucus_request_stream_write (CaucusRequest *req, GBytes *chunk)
{
  queue_chunk (req, chunk, FALSE);
}

void
caucus_request_stream_printf (CaucusRequest *req, const char *format, ...)
{
  va_list args;
  char *text;
  g_autoptr(GBytes) chunk = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  chunk = g_bytes_new_take (text, strlen (text));
  queue_chunk (req, chunk, FALSE);
}

void
caucus_request_stream_end (CaucusRequest *req)
{
  queue_chunk (req, NULL, TRUE);
}
