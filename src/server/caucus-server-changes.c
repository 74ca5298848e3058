/* caucus-server-changes.c — GET/POST /{db}/_changes: normal, longpoll and continuous feeds.
 *
 * The feed is always streamed (chunked) in pages read from the store, so the replicator
 * that asks without a limit gets the whole feed without the server holding it all.  A
 * longpoll or continuous feed with nothing to send sets req->changes_wait and returns its
 * worker thread: the main loop parks it until the store's "changed" signal, the timeout or
 * shutdown, sending heartbeat newlines meanwhile, and then runs it on a worker again.
 */
#include "caucus-server-private.h"

#include <string.h>

#define CHANGES_PAGE 500

typedef struct {
  CaucusChangesOptions opts;
  GStrv                doc_ids;
  gint64               limit;      /* < 0: none */
} ChangesParams;

static void
changes_params_clear (ChangesParams *p)
{
  g_clear_pointer (&p->doc_ids, g_strfreev);
}

static gboolean
parse_params (CaucusRequest *req, CaucusStore *store, ChangesParams *p, gint64 *since)
{
  const char *feed = g_hash_table_lookup (req->query, "feed");
  const char *style = g_hash_table_lookup (req->query, "style");
  const char *filter = g_hash_table_lookup (req->query, "filter");
  const char *since_text = g_hash_table_lookup (req->query, "since");
  const char *heartbeat = g_hash_table_lookup (req->query, "heartbeat");
  gint64 timeout = -1, value;
  gboolean bad = FALSE;

  if (feed == NULL || g_str_equal (feed, "normal"))
    req->feed = FEED_NORMAL;
  else if (g_str_equal (feed, "longpoll"))
    req->feed = FEED_LONGPOLL;
  else if (g_str_equal (feed, "continuous"))
    req->feed = FEED_CONTINUOUS;
  else
    {
      caucus_request_respond_error (req, 400, "bad_request",
                                    "feed must be normal, longpoll or continuous");
      return FALSE;
    }
  if (style && !g_str_equal (style, "all_docs") && !g_str_equal (style, "main_only"))
    {
      caucus_request_respond_error (req, 400, "bad_request", "style must be main_only or all_docs");
      return FALSE;
    }
  p->opts.all_docs = style && g_str_equal (style, "all_docs");

  if (since_text == NULL)
    *since = 0;
  else if (g_str_equal (since_text, "now"))
    *since = caucus_store_get_update_seq (store);
  else
    {
      g_autofree char *plain = NULL;
      /* a JSON string ("\"12\"") as CouchDB 2+ clients send it, or a bare number */
      if (since_text[0] == '"' && strlen (since_text) >= 2 &&
          since_text[strlen (since_text) - 1] == '"')
        plain = g_strndup (since_text + 1, strlen (since_text) - 2);
      else
        plain = g_strdup (since_text);
      if (!g_ascii_string_to_signed (plain, 10, 0, G_MAXINT64, since, NULL))
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "since must be a sequence number or \"now\"");
          return FALSE;
        }
    }
  if (!caucus_query_int (req, "limit", -1, 0, &p->limit) ||
      !caucus_query_bool (req, "descending", FALSE, &p->opts.descending) ||
      !caucus_query_bool (req, "include_docs", FALSE, &p->opts.include_docs) ||
      !caucus_query_bool (req, "conflicts", FALSE, &p->opts.conflicts) ||
      !caucus_query_int (req, "timeout", -1, 0, &timeout))
    return FALSE;

  req->heartbeat_ms = 0;
  if (heartbeat && g_str_equal (heartbeat, "true"))
    req->heartbeat_ms = 60000;
  else if (heartbeat)
    {
      if (!caucus_query_int (req, "heartbeat", 0, 0, &value))
        return FALSE;
      req->heartbeat_ms = value == 0 ? 0 : (guint) CLAMP (value, 100, 3600000);
    }
  if (timeout >= 0)
    req->timeout_ms = (guint) CLAMP (timeout, 1, 3600000);
  else
    req->timeout_ms = req->feed == FEED_CONTINUOUS && req->heartbeat_ms > 0 ? 0 : 60000;

  if (filter)
    {
      g_autoptr(JsonNode) ids = NULL;
      if (!g_str_equal (filter, "_doc_ids"))
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "caucus-server supports only the _doc_ids filter");
          return FALSE;
        }
      if (g_str_equal (req->method, "POST"))
        {
          g_autoptr(JsonObject) body = caucus_request_parse_body (req, TRUE);
          if (body == NULL)
            return FALSE;
          if (json_object_has_member (body, "doc_ids"))
            ids = json_node_copy (json_object_get_member (body, "doc_ids"));
        }
      if (ids == NULL)
        ids = caucus_query_json (req, "doc_ids", &bad);
      if (bad)
        return FALSE;
      if (ids == NULL)
        {
          caucus_request_respond_error (req, 400, "bad_request",
                                        "filter=_doc_ids needs a doc_ids list");
          return FALSE;
        }
      if (!caucus_json_strv (req, ids, "doc_ids", &p->doc_ids))
        return FALSE;
      p->opts.doc_ids = (const char * const *) p->doc_ids;
    }
  return TRUE;
}

/* Reads one page; appends its rows to @out separated by @sep; returns the row count.
 * The rows are written as text by the store (no tree per row). */
static gint64
read_page (CaucusRequest *req, CaucusStore *store, ChangesParams *p, gint64 since,
           gint64 page_limit, GString *out, const char *sep, gboolean *first,
           gint64 *last_seq, gint64 *pending, GError **error)
{
  CaucusChangesPage page = { 0 };

  p->opts.since = since;
  p->opts.limit = page_limit;
  if (!caucus_store_changes_append_json (store, &p->opts, out, sep, first, &page, error))
    return -1;
  *last_seq = page.last_seq;
  if (*last_seq < since && !p->opts.descending)
    *last_seq = since;
  *pending = page.pending;
  return page.rows;
}

static void
write_chunk (CaucusRequest *req, GString *out)
{
  g_autoptr(GBytes) bytes = NULL;

  if (out->len == 0)
    return;
  bytes = g_bytes_new (out->str, out->len);
  caucus_request_stream_write (req, bytes);
  g_string_truncate (out, 0);
}

void
caucus_route_changes (CaucusWorker *worker, CaucusRequest *req, CaucusStore *store)
{
  ChangesParams p = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 since, last_seq, pending = 0, seq_before, remaining, got;
  gboolean first = TRUE;
  gboolean final, done;

  if (!parse_params (req, store, &p, &since))
    goto out;
  if (req->changes_started)
    since = req->changes_since;
  remaining = p.limit < 0 ? -1 : p.limit - req->changes_sent;
  last_seq = since;
  seq_before = caucus_store_get_update_seq (store);
  final = req->changes_timed_out;

  if (req->feed == FEED_CONTINUOUS)
    {
      caucus_request_stream_begin (req, 200, "application/json");
      while (remaining != 0)
        {
          gint64 page = remaining < 0 ? CHANGES_PAGE : MIN (remaining, CHANGES_PAGE);
          first = TRUE;
          got = read_page (req, store, &p, last_seq, page, out, "\n", &first, &last_seq,
                           &pending, &error);
          if (got < 0)
            break;
          if (got > 0)
            g_string_append_c (out, '\n');
          write_chunk (req, out);
          req->changes_sent += got;
          if (remaining > 0)
            remaining -= got;
          if (got < page || p.opts.descending)
            break;
        }
      if (error)
        g_warning ("_changes of %s failed: %s", req->db, error->message);
      req->changes_started = TRUE;
      req->changes_since = MAX (last_seq, since == last_seq ? seq_before : last_seq);
      if (remaining == 0 || final || error || p.opts.descending)
        {
          g_string_append_printf (out, "{\"last_seq\":%" G_GINT64_FORMAT ",\"pending\":%" G_GINT64_FORMAT "}\n",
                                  last_seq, pending);
          write_chunk (req, out);
          req->changes_wait = FALSE;
          caucus_request_stream_end (req);
        }
      else
        req->changes_wait = TRUE;
      goto out;
    }

  /* normal and longpoll: one JSON object */
  if (req->feed == FEED_LONGPOLL && !final && !p.opts.descending)
    {
      got = read_page (req, store, &p, since, remaining < 0 ? CHANGES_PAGE : MIN (remaining, CHANGES_PAGE),
                       out, ",\n", &first, &last_seq, &pending, &error);
      if (got == 0)
        {
          req->changes_started = TRUE;
          req->changes_since = MAX (since, seq_before);
          req->changes_wait = TRUE;
          goto out;
        }
      g_string_truncate (out, 0);
      first = TRUE;
      last_seq = since;
      g_clear_error (&error);
    }
  req->changes_wait = FALSE;

  /* A feed that ends within its first page (a replicator's batch) is answered whole, with
   * a Content-Length and one hand-off to the main loop; a longer one is streamed in
   * chunks, page by page, as it is read. */
  g_string_append (out, "{\"results\":[\n");
  while (remaining != 0)
    {
      gint64 page = remaining < 0 ? CHANGES_PAGE : MIN (remaining, CHANGES_PAGE);
      if (p.opts.descending)
        page = remaining;   /* one read: since does not page a descending feed */
      got = read_page (req, store, &p, last_seq, page, out, ",\n", &first, &last_seq,
                       &pending, &error);
      if (got < 0 && !req->stream)
        {
          caucus_request_respond_gerror (req, error);
          goto out;
        }
      if (got < 0)
        break;
      if (remaining > 0)
        remaining -= got;
      done = got < page || p.opts.descending || remaining == 0;
      if (req->stream || !done)
        {
          caucus_request_stream_begin (req, 200, "application/json");
          write_chunk (req, out);
        }
      if (done)
        break;
    }
  /* When streaming, the status line is gone already: end the JSON so the client sees a
   * short feed and retries from its checkpoint. */
  if (error)
    g_warning ("_changes of %s failed: %s", req->db, error->message);
  g_string_append_printf (out, "%s],\n\"last_seq\":%" G_GINT64_FORMAT ",\"pending\":%" G_GINT64_FORMAT "}\n",
                          first ? "" : "\n", last_seq, pending);
  if (req->stream)
    {
      write_chunk (req, out);
      caucus_request_stream_end (req);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new (out->str, out->len);
      caucus_request_respond_bytes (req, 200, "application/json", bytes);
    }

out:
  changes_params_clear (&p);
}
