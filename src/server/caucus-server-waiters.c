/* caucus-server-waiters.c — long-poll and continuous _changes feeds parked on the main
 * loop.  A feed with nothing to send releases its worker and waits here without a thread:
 * the main thread keeps one store per database only for its "changed" signal, which sends
 * every feed parked on that database back to a worker; heartbeats and timeouts are
 * main-loop timers. */
#include "caucus-server-internal.h"

void
caucus_server_watch_free (gpointer data)
{
  CaucusWatch *watch = data;

  g_clear_signal_handler (&watch->handler, watch->store);
  g_clear_object (&watch->store);
  g_free (watch->instance);
  g_list_free (watch->waiters);
  g_free (watch);
}

/* Timeouts run in the server's main context, which need not be the global default. */
GSource *
caucus_server_timeout_attach (CaucusServer *self, guint ms, GSourceFunc func, gpointer data, GDestroyNotify notify)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, self->context);
  return source;
}

void
caucus_server_source_clear (GSource **source)
{
  if (*source)
    {
      g_source_destroy (*source);
      g_source_unref (*source);
      *source = NULL;
    }
}

void
caucus_server_waiter_clear_sources (CaucusRequest *req)
{
  caucus_server_source_clear (&req->wait_source);
  caucus_server_source_clear (&req->heartbeat_source);
}

void
caucus_server_waiter_remove (CaucusServer *self, CaucusRequest *req)
{
  CaucusWatch *watch = req->db ? g_hash_table_lookup (self->watches, req->db) : NULL;

  caucus_server_waiter_clear_sources (req);
  if (watch && g_list_find (watch->waiters, req))
    {
      watch->waiters = g_list_remove (watch->waiters, req);
      caucus_request_unref (req);
    }
}

static void
waiter_wake (CaucusServer *self, CaucusRequest *req, gboolean timed_out)
{
  caucus_server_waiter_remove (self, req);
  req->changes_timed_out = timed_out;
  caucus_server_queue_to_worker (self, req);
}

/* Sends every feed parked on @watch back to a worker; @timed_out: it answers with what it
 * has (the database went away or changed instance) instead of looking for changes. */
void
caucus_server_watch_wake_all (CaucusWatch *watch,
                              gboolean     timed_out)
{
  GList *waiters = g_steal_pointer (&watch->waiters);

  for (GList *l = waiters; l; l = l->next)
    {
      CaucusRequest *req = l->data;

      caucus_server_waiter_clear_sources (req);
      req->changes_timed_out = timed_out;
      caucus_server_queue_to_worker (req->server, req);
      caucus_request_unref (req);
    }
  g_list_free (waiters);
}

static void
watch_changed_cb (CaucusWatch *watch)
{
  caucus_server_watch_wake_all (watch, FALSE);
}

static gboolean
waiter_timeout_cb (gpointer data)
{
  CaucusRequest *req = data;

  waiter_wake (req->server, req, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
waiter_heartbeat_cb (gpointer data)
{
  CaucusRequest *req = data;
  g_autoptr(GBytes) newline = g_bytes_new_static ("\n", 1);

  if (req->finished || req->completed)
    return G_SOURCE_REMOVE;
  caucus_request_stream_append (req, newline);
  caucus_request_message_unpause (req);
  return G_SOURCE_CONTINUE;
}

static CaucusWatch *
watch_for (CaucusServer *self, const char *db)
{
  CaucusWatch *watch = g_hash_table_lookup (self->watches, db);
  g_autofree char *instance = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (!caucus_users_db_lookup (self->users, db, &instance))
    return NULL;
  if (watch && g_strcmp0 (watch->instance, instance) == 0)
    return watch;
  if (watch)
    {
      caucus_server_watch_wake_all (watch, TRUE);
      g_hash_table_remove (self->watches, db);
    }

  path = caucus_db_path (self->data_dir, db);
  watch = g_new0 (CaucusWatch, 1);
  watch->store = caucus_store_open (path, &error);
  if (watch->store == NULL)
    {
      g_warning ("Could not watch database %s for changes: %s", db, error->message);
      g_free (watch);
      return NULL;
    }
  watch->instance = g_steal_pointer (&instance);
  watch->handler = g_signal_connect_swapped (watch->store, "changed",
                                             G_CALLBACK (watch_changed_cb), watch);
  g_hash_table_insert (self->watches, g_strdup (db), watch);
  return watch;
}

void
caucus_server_register_waiter (CaucusServer *self, CaucusRequest *req)
{
  CaucusWatch *watch;

  req->changes_wait = FALSE;
  if (self->shutting_down || (watch = watch_for (self, req->db)) == NULL)
    {
      req->changes_timed_out = TRUE;
      caucus_server_queue_to_worker (self, req);
      return;
    }
  /* A write may have committed between the worker's read and now. */
  if (caucus_store_get_update_seq (watch->store) > req->changes_since)
    {
      req->changes_timed_out = FALSE;
      caucus_server_queue_to_worker (self, req);
      return;
    }
  watch->waiters = g_list_prepend (watch->waiters, caucus_request_ref (req));
  if (req->heartbeat_ms > 0)
    {
      if (!req->headers_sent)
        {
          g_mutex_lock (&req->lock);
          req->stream = TRUE;
          g_mutex_unlock (&req->lock);
          caucus_request_start_stream (req, 200, "application/json");
          caucus_request_message_unpause (req);
        }
      req->heartbeat_source = caucus_server_timeout_attach (self, req->heartbeat_ms, waiter_heartbeat_cb, req, NULL);
    }
  if (req->timeout_ms > 0)
    req->wait_source = caucus_server_timeout_attach (self, req->timeout_ms, waiter_timeout_cb, req, NULL);
}
