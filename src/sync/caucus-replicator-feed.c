/* caucus-replicator-feed.c — the remote changes feed, read ahead on a thread of its own.
 *
 * A pull's producer spends each round on _changes, the local revs_diff and _bulk_get.  The
 * pages of the feed do not depend on the rest (each starts at the previous page's last_seq),
 * so a third thread with its own HTTP session fetches and validates them ahead (two pages
 * deep): the next _changes travels while the current _bulk_get does.
 */
#include "caucus-replicator-private.h"

#include <string.h>

struct _CaucusFeed {
  CaucusRun    *run;
  JsonNode     *since;
  GCancellable *cancellable;    /* ours; cancelled with the run's or by _caucus_feed_stop() */
  gulong        chain_id;
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  GQueue        pages;
  gboolean      done;
  GError       *error;
};

void
_caucus_feed_page_free (CaucusFeedPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->request, json_object_unref);
  g_clear_pointer (&page->last_seq, json_node_unref);
  g_free (page);
}

static gboolean
feed_error (GError    **error,
            const char *url,
            const char *what,
            const char *id)
{
  g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
               "The server at %s sent a malformed answer: %s%s%s%s", url, what,
               id ? " (document “" : "", id ? id : "", id ? "”)" : "");
  return FALSE;
}

/* Validates a _changes answer into a page: a revs_diff request {id: [revs]}. */
static CaucusFeedPage *
parse_changes (CaucusRun  *run,
               JsonNode   *root,
               GError    **error)
{
  const char *url = run->remote->url;
  g_autoptr(JsonObject) request = json_object_new ();
  JsonObject *obj;
  JsonNode *results, *seq, *pend;
  JsonArray *rows;
  CaucusFeedPage *page;
  guint n_rows;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return feed_error (error, url, "the changes feed is not a JSON object", NULL), NULL;
  obj = json_node_get_object (root);
  results = json_object_get_member (obj, "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    return feed_error (error, url, "the changes feed has no “results” list", NULL), NULL;
  seq = json_object_get_member (obj, "last_seq");
  if (!caucus_seq_is_valid (seq))
    return feed_error (error, url, "the changes feed has no usable “last_seq”", NULL), NULL;

  rows = json_node_get_array (results);
  n_rows = json_array_get_length (rows);
  for (guint i = 0; i < n_rows; i++)
    {
      JsonNode *row_node = json_array_get_element (rows, i);
      JsonObject *row;
      const char *id;
      JsonNode *changes;
      JsonArray *revs;
      guint n;

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        return feed_error (error, url, "a row of the changes feed is not an object", NULL), NULL;
      row = json_node_get_object (row_node);
      id = json_object_get_string_member_with_default (row, "id", NULL);
      if (id == NULL || *id == '\0' || !g_utf8_validate (id, -1, NULL))
        return feed_error (error, url, "a row of the changes feed has no document id", NULL), NULL;
      changes = json_object_get_member (row, "changes");
      if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
          json_array_get_length (json_node_get_array (changes)) == 0)
        return feed_error (error, url, "a change lists no revisions", id), NULL;
      if (g_str_has_prefix (id, "_local/"))
        continue;   /* never replicated; a well-behaved server does not list them */

      if (json_object_has_member (request, id))
        revs = json_object_get_array_member (request, id);
      else
        {
          revs = json_array_new ();
          json_object_set_array_member (request, id, revs);
        }
      n = json_array_get_length (json_node_get_array (changes));
      for (guint j = 0; j < n; j++)
        {
          JsonNode *c = json_array_get_element (json_node_get_array (changes), j);
          const char *rev = NULL;
          guint64 gen;
          const char *hash;

          if (JSON_NODE_HOLDS_OBJECT (c))
            rev = json_object_get_string_member_with_default (json_node_get_object (c), "rev", NULL);
          if (rev == NULL || !caucus_rev_parse (rev, &gen, &hash))
            return feed_error (error, url, "a document is listed with a malformed revision", id), NULL;
          json_array_add_string_element (revs, rev);
        }
    }

  page = g_new0 (CaucusFeedPage, 1);
  page->request = g_steal_pointer (&request);
  page->last_seq = json_node_copy (seq);
  page->n_rows = n_rows;
  page->pending = -1;
  pend = json_object_get_member (obj, "pending");
  if (pend != NULL && JSON_NODE_HOLDS_VALUE (pend) && json_node_get_value_type (pend) == G_TYPE_INT64)
    page->pending = MAX (json_node_get_int (pend), 0);
  return page;
}

static gboolean
feed_push (CaucusFeed     *feed,
           CaucusFeedPage *page)
{
  g_mutex_lock (&feed->lock);
  while (feed->pages.length >= 2 && !g_cancellable_is_cancelled (feed->cancellable))
    g_cond_wait (&feed->cond, &feed->lock);
  if (g_cancellable_is_cancelled (feed->cancellable))
    {
      g_mutex_unlock (&feed->lock);
      _caucus_feed_page_free (page);
      return FALSE;
    }
  g_queue_push_tail (&feed->pages, page);
  g_cond_broadcast (&feed->cond);
  g_mutex_unlock (&feed->lock);
  return TRUE;
}

static gboolean
feed_read (CaucusFeed  *feed,
           GError     **error)
{
  CaucusRun *run = feed->run;
  g_autoptr(CaucusCouchClient) client = caucus_couch_client_new (run->remote, &run->limits);
  g_autoptr(JsonNode) since = json_node_copy (feed->since);
  guint64 bytes_reported = 0;
  gboolean live = FALSE;   /* long-poll only once caught up, so the first answer is immediate */

  for (;;)
    {
      g_autofree char *eseq = caucus_seq_to_param (since);
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) changes = NULL;
      CaucusFeedPage *page;
      guint n_rows;
      gint64 pending;
      guint64 bytes_now;

      if (g_cancellable_set_error_if_cancelled (feed->cancellable, error))
        return FALSE;
      if (run->continuous && live)
        /* CouchDB ends a long-poll after "timeout"; pouchdb-server waits for the next
         * change and only sends heartbeat newlines (every 6 s, whatever we ask). Both keep
         * the connection busier than our I/O timeout (default 60 s). */
        path = g_strdup_printf ("_changes?style=all_docs&since=%s&limit=%u&feed=longpoll"
                                "&timeout=%u&heartbeat=%u",
                                eseq, run->batch_size,
                                MIN (30000u, MAX (run->limits.timeout_s, 2u) * 500u),
                                MIN (10000u, MAX (run->limits.timeout_s, 2u) * 300u));
      else
        path = g_strdup_printf ("_changes?style=all_docs&since=%s&limit=%u", eseq, run->batch_size);
      changes = caucus_couch_client_request (client, "GET", path, NULL, NULL, feed->cancellable, error);
      if (changes == NULL)
        return FALSE;
      page = parse_changes (run, changes, error);
      if (page == NULL)
        return FALSE;
      n_rows = page->n_rows;
      pending = page->pending;
      g_clear_pointer (&since, json_node_unref);
      since = json_node_copy (page->last_seq);

      bytes_now = caucus_couch_client_get_bytes (client);
      _caucus_run_add_progress (run, 0, 0, 0, bytes_now - bytes_reported);
      bytes_reported = bytes_now;

      if (!feed_push (feed, page))
        return !g_cancellable_set_error_if_cancelled (feed->cancellable, error);
      /* Exhausted: pending 0, or a short page when the server does not report pending.
       * One-shot stops there; continuous goes on with long-polls. */
      if (n_rows == 0 || pending == 0 || (pending < 0 && n_rows < run->batch_size))
        {
          if (!run->continuous)
            return TRUE;
          live = TRUE;
        }
    }
}

static gpointer
feed_thread (gpointer data)
{
  CaucusFeed *feed = data;
  g_autoptr(GError) error = NULL;

  feed_read (feed, &error);
  g_mutex_lock (&feed->lock);
  feed->done = TRUE;
  feed->error = g_steal_pointer (&error);
  g_cond_broadcast (&feed->cond);
  g_mutex_unlock (&feed->lock);
  return NULL;
}

static void
feed_wake_cb (GCancellable *cancellable,
              CaucusFeed   *feed)
{
  g_mutex_lock (&feed->lock);
  g_cond_broadcast (&feed->cond);
  g_mutex_unlock (&feed->lock);
}

static void
chain_cancel_cb (GCancellable *run_cancellable,
                 GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

CaucusFeed *
_caucus_feed_start (CaucusRun *run,
                    JsonNode  *since)
{
  CaucusFeed *feed = g_new0 (CaucusFeed, 1);

  feed->run = run;
  feed->since = since ? json_node_copy (since) : json_node_init_int (json_node_alloc (), 0);
  feed->cancellable = g_cancellable_new ();
  g_mutex_init (&feed->lock);
  g_cond_init (&feed->cond);
  g_queue_init (&feed->pages);
  g_cancellable_connect (feed->cancellable, G_CALLBACK (feed_wake_cb), feed, NULL);
  feed->chain_id = g_cancellable_connect (run->cancellable, G_CALLBACK (chain_cancel_cb),
                                          feed->cancellable, NULL);
  feed->thread = g_thread_new ("caucus-pull-feed", feed_thread, feed);
  return feed;
}

CaucusFeedPage *
_caucus_feed_next (CaucusFeed  *feed,
                   GError     **error)
{
  CaucusFeedPage *page = NULL;

  g_mutex_lock (&feed->lock);
  while (feed->pages.length == 0 && !feed->done && !g_cancellable_is_cancelled (feed->cancellable))
    g_cond_wait (&feed->cond, &feed->lock);
  if (feed->pages.length > 0 && !g_cancellable_is_cancelled (feed->cancellable))
    page = g_queue_pop_head (&feed->pages);
  else if (feed->error != NULL)
    g_propagate_error (error, g_error_copy (feed->error));
  else if (g_cancellable_is_cancelled (feed->cancellable))
    g_cancellable_set_error_if_cancelled (feed->cancellable, error);
  g_cond_broadcast (&feed->cond);
  g_mutex_unlock (&feed->lock);
  return page;
}

void
_caucus_feed_stop (CaucusFeed *feed)
{
  CaucusFeedPage *page;

  if (feed == NULL)
    return;
  g_cancellable_cancel (feed->cancellable);
  g_thread_join (feed->thread);
  g_cancellable_disconnect (feed->run->cancellable, feed->chain_id);
  while ((page = g_queue_pop_head (&feed->pages)) != NULL)
    _caucus_feed_page_free (page);
  g_clear_error (&feed->error);
  g_clear_pointer (&feed->since, json_node_unref);
  g_clear_object (&feed->cancellable);
  g_mutex_clear (&feed->lock);
  g_cond_clear (&feed->cond);
  g_free (feed);
}
