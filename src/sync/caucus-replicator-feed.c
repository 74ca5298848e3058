/* caucus-replicator-feed.c — the remote changes feed, read ahead on a thread of its own.
 *
 * A pull's producer spends each round on _changes, the local revs_diff and _bulk_get.  The
 * pages of the feed do not depend on the rest (each starts at the previous page's last_seq),
 * so a third thread with its own HTTP session fetches and validates them ahead (two pages
 * deep): the next _changes travels while the current _bulk_get does.
 */
#include "caucus-json-reader.h"
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
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->last_seq, json_node_unref);
  g_free (page);
}

static void
feed_row_free (CaucusFeedRow *row)
{
  g_free (row->id);
  g_ptr_array_unref (row->revs);
  g_free (row);
}

/* Where a row of the feed does not have the shape it must have; the id when known. */
typedef enum {
  ROW_OK,
  ROW_NO_ID,
  ROW_NO_REVISIONS,
  ROW_BAD_REVISION,
} RowProblem;

/* One entry of "changes": {"rev": "N-hash", …}; *@rev gets the revision or stays NULL. */
static gboolean
scan_change (CaucusJsonScanner  *sc,
             char              **rev,
             GError            **json_error)
{
  for (;;)
    {
      CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);

      if (t == CAUCUS_JSON_ERROR)
        return FALSE;
      if (t == CAUCUS_JSON_END_OBJECT)
        return TRUE;
      if (strcmp (caucus_json_scanner_get_key (sc), "rev") == 0)
        {
          _caucus_scan_string (sc, t, rev);
        }
      if (!caucus_json_scanner_skip (sc, t, json_error))
        return FALSE;
    }
}

/* One row of "results", after its '{': {"seq", "id", "changes": [{"rev"}…], …}. */
static gboolean
scan_row (CaucusJsonScanner  *sc,
          char              **id,
          GPtrArray          *revs,
          RowProblem         *problem,
          GError            **json_error)
{
  gboolean has_changes = FALSE, bad_change = FALSE;

  for (;;)
    {
      CaucusJsonToken t = caucus_json_scanner_next (sc, json_error);
      const char *key;

      if (t == CAUCUS_JSON_ERROR)
        return FALSE;
      if (t == CAUCUS_JSON_END_OBJECT)
        break;
      key = caucus_json_scanner_get_key (sc);
      if (strcmp (key, "id") == 0)
        {
          _caucus_scan_string (sc, t, id);
        }
      else if (strcmp (key, "changes") == 0 && t == CAUCUS_JSON_BEGIN_ARRAY)
        {
          /* the last "changes" counts, as in a tree */
          has_changes = TRUE;
          bad_change = FALSE;
          g_ptr_array_set_size (revs, 0);
          for (;;)
            {
              char *rev = NULL;

              t = caucus_json_scanner_next (sc, json_error);
              if (t == CAUCUS_JSON_ERROR)
                return FALSE;
              if (t == CAUCUS_JSON_END_ARRAY)
                break;
              if (t != CAUCUS_JSON_BEGIN_OBJECT)
                {
                  bad_change = TRUE;
                  if (!caucus_json_scanner_skip (sc, t, json_error))
                    return FALSE;
                  continue;
                }
              if (!scan_change (sc, &rev, json_error))
                {
                  g_free (rev);
                  return FALSE;
                }
              if (rev == NULL)
                bad_change = TRUE;
              else
                g_ptr_array_add (revs, rev);
            }
          continue;
        }
      else if (strcmp (key, "changes") == 0)
        {
          has_changes = FALSE;
          g_ptr_array_set_size (revs, 0);
        }
      if (!caucus_json_scanner_skip (sc, t, json_error))
        return FALSE;
    }

  if (*id == NULL || **id == '\0')
    *problem = ROW_NO_ID;
  else if (!has_changes || (revs->len == 0 && !bad_change))
    *problem = ROW_NO_REVISIONS;
  else if (bad_change)
    *problem = ROW_BAD_REVISION;
  else
    {
      *problem = ROW_OK;
      for (guint i = 0; i < revs->len; i++)
        {
          guint64 gen;
          const char *hash;

          if (!caucus_rev_parse (g_ptr_array_index (revs, i), &gen, &hash))
            *problem = ROW_BAD_REVISION;
        }
    }
  return TRUE;
}

/* Reads and validates a _changes answer into a page, scanning the text: rows become
 * CaucusFeedRows (a document listed twice gets one row with every revision), no tree is
 * built but last_seq's. */
static CaucusFeedPage *
parse_changes (CaucusRun          *run,
               CaucusCouchClient  *client,
               const char         *path,
               GBytes             *text,
               GError            **error)
{
  const char *url = run->remote->url;
  g_autoptr(CaucusJsonScanner) sc = _caucus_answer_scanner_new (text);
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) seq = NULL;
  gboolean has_results = FALSE, is_object;
  gint64 pending = -1;
  guint n_rows = 0;
  CaucusFeedPage *page;
  CaucusJsonToken t;

  if (!_caucus_answer_open_object (sc, &is_object, &json_error))
    goto bad_json;
  if (!is_object)
    return _caucus_malformed_answer (error, url, "the changes feed is not a JSON object"), NULL;
  for (;;)
    {
      const char *key;

      t = caucus_json_scanner_next (sc, &json_error);
      if (t == CAUCUS_JSON_ERROR)
        goto bad_json;
      if (t == CAUCUS_JSON_END_OBJECT)
        break;
      key = caucus_json_scanner_get_key (sc);
      if (strcmp (key, "results") == 0)
        {
          /* the last "results" counts, as in a tree */
          g_ptr_array_set_size (rows, 0);
          g_hash_table_remove_all (by_id);
          n_rows = 0;
          has_results = t == CAUCUS_JSON_BEGIN_ARRAY;
          if (!has_results)
            {
              if (!caucus_json_scanner_skip (sc, t, &json_error))
                goto bad_json;
              continue;
            }
          for (;;)
            {
              g_autofree char *id = NULL;
              g_autoptr(GPtrArray) revs = NULL;
              RowProblem problem;
              CaucusFeedRow *row;

              t = caucus_json_scanner_next (sc, &json_error);
              if (t == CAUCUS_JSON_ERROR)
                goto bad_json;
              if (t == CAUCUS_JSON_END_ARRAY)
                break;
              if (t != CAUCUS_JSON_BEGIN_OBJECT)
                return _caucus_malformed_answer (error, url, "a row of the changes feed is not an object"), NULL;
              n_rows++;
              revs = g_ptr_array_new_with_free_func (g_free);
              if (!scan_row (sc, &id, revs, &problem, &json_error))
                goto bad_json;
              switch (problem)
                {
                case ROW_NO_ID:
                  return _caucus_malformed_answer (error, url, "a row of the changes feed has no document id"), NULL;
                case ROW_NO_REVISIONS:
                  return _caucus_malformed_answer (error, url, "a change lists no revisions (document “%s”)", id), NULL;
                case ROW_BAD_REVISION:
                  return _caucus_malformed_answer (error, url, "a document is listed with a malformed revision (document “%s”)", id), NULL;
                case ROW_OK:
                default:
                  break;
                }
              if (g_str_has_prefix (id, "_local/"))
                continue;   /* never replicated; a well-behaved server does not list them */
              row = g_hash_table_lookup (by_id, id);
              if (row != NULL)
                {
                  for (guint i = 0; i < revs->len; i++)
                    g_ptr_array_add (row->revs, g_steal_pointer (&revs->pdata[i]));
                  continue;
                }
              row = g_new0 (CaucusFeedRow, 1);
              row->id = g_steal_pointer (&id);
              row->revs = g_steal_pointer (&revs);
              g_ptr_array_add (rows, row);
              g_hash_table_insert (by_id, row->id, row);
            }
        }
      else if (strcmp (key, "last_seq") == 0)
        {
          g_clear_pointer (&seq, json_node_unref);
          seq = caucus_json_scanner_build (sc, t, &json_error);
          if (seq == NULL)
            goto bad_json;
        }
      else
        {
          if (strcmp (key, "pending") == 0)
            pending = t == CAUCUS_JSON_INT ? MAX (caucus_json_scanner_get_int (sc), 0) : -1;
          if (!caucus_json_scanner_skip (sc, t, &json_error))
            goto bad_json;
        }
    }
  if (caucus_json_scanner_next (sc, &json_error) != CAUCUS_JSON_END)
    goto bad_json;
  if (!has_results)
    return _caucus_malformed_answer (error, url, "the changes feed has no “results” list"), NULL;
  if (!caucus_seq_is_valid (seq))
    return _caucus_malformed_answer (error, url, "the changes feed has no usable “last_seq”"), NULL;

  page = g_new0 (CaucusFeedPage, 1);
  page->rows = g_steal_pointer (&rows);
  page->last_seq = g_steal_pointer (&seq);
  page->n_rows = n_rows;
  page->pending = pending;
  return page;

bad_json:
  caucus_couch_client_json_error (client, "GET", path, json_error, error);
  return NULL;
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
      g_autoptr(GBytes) changes = NULL;
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
      changes = caucus_couch_client_request_text (client, "GET", path, NULL, feed->cancellable, error);
      if (changes == NULL)
        return FALSE;
      page = parse_changes (run, client, path, changes, error);
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
