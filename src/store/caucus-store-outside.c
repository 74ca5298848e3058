/* caucus-store-outside.c — commits made by other processes on the same file (caucusctl
 * importing or syncing while the app is open, a second instance) reach this process's
 * "changed" signals too.
 *
 * SQLite tells a connection nothing when another process commits, so the watching store
 * follows its write-ahead log with a GFileMonitor (inotify: no polling, no wake-ups while
 * nothing is written).  A burst of events is looked at once, 100 ms after it starts: the
 * documents whose update sequence is past the last one looked at, less those this process
 * committed itself (each commit records its range of sequences here, before COMMIT, while
 * a store of the file is watched), are announced through the registry like any commit.
 * So a document is announced once per commit whichever process made it; a document written
 * here and then elsewhere before the look is announced by both, which costs the handlers
 * one more read and loses nothing. */
#include "caucus-store-private.h"

#define LOOK_DELAY_MS 100

typedef struct {
  gint64 first;
  gint64 last;
} SeqRange;

typedef struct {
  guint   watchers;
  GArray *ranges;   /* SeqRange: this process's commits not yet looked past */
} WatchedFile;

static GMutex      outside_lock;
static GHashTable *watched;   /* key → WatchedFile */
static gint        n_watched; /* atomic: commits skip the lock while nothing is watched */

struct _CaucusStoreWatch {
  GFileMonitor *monitor;
  GSource      *look;
  gint64        seen_seq;
};

static void
watched_file_free (gpointer data)
{
  WatchedFile *file = data;

  g_array_unref (file->ranges);
  g_free (file);
}

static gboolean
caucus_store_outside_is_watched (const char *key)
{
  gboolean found;

  if (g_atomic_int_get (&n_watched) == 0)
    return FALSE;
  g_mutex_lock (&outside_lock);
  found = watched != NULL && g_hash_table_contains (watched, key);
  g_mutex_unlock (&outside_lock);
  return found;
}

static void
caucus_store_outside_note_local (const char *key,
                                 gint64      first,
                                 gint64      last)
{
  WatchedFile *file;

  g_mutex_lock (&outside_lock);
  file = watched != NULL ? g_hash_table_lookup (watched, key) : NULL;
  if (file != NULL)
    {
      SeqRange range = { first, last };
      g_array_append_val (file->ranges, range);
    }
  g_mutex_unlock (&outside_lock);
}

static void
caucus_store_outside_forget_local (const char *key,
                                   gint64      first,
                                   gint64      last)
{
  WatchedFile *file;

  g_mutex_lock (&outside_lock);
  file = watched != NULL ? g_hash_table_lookup (watched, key) : NULL;
  for (guint i = 0; file != NULL && i < file->ranges->len; i++)
    {
      SeqRange *range = &g_array_index (file->ranges, SeqRange, i);
      if (range->first == first && range->last == last)
        {
          g_array_remove_index_fast (file->ranges, i);
          break;
        }
    }
  g_mutex_unlock (&outside_lock);
}

/* The ranges this process committed, copied; those wholly at or below @seen are dropped,
 * they cannot matter to a later look. */
static GArray *
take_local_ranges (const char *key,
                   gint64      seen)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (SeqRange));
  WatchedFile *file;

  g_mutex_lock (&outside_lock);
  file = watched != NULL ? g_hash_table_lookup (watched, key) : NULL;
  for (guint i = file != NULL ? file->ranges->len : 0; i > 0; i--)
    {
      SeqRange *range = &g_array_index (file->ranges, SeqRange, i - 1);
      if (range->last <= seen)
        g_array_remove_index_fast (file->ranges, i - 1);
      else
        g_array_append_val (copy, *range);
    }
  g_mutex_unlock (&outside_lock);
  return copy;
}

static gboolean
in_ranges (GArray *ranges,
           gint64  seq)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      SeqRange *range = &g_array_index (ranges, SeqRange, i);
      if (seq >= range->first && seq <= range->last)
        return TRUE;
    }
  return FALSE;
}

/* Before COMMIT, while a store of the file is watched: the transaction's sequences are
 * recorded as this process's own (a savepoint rolled back may have handed some out again,
 * so the last is read, not remembered). */
void
caucus_store_outside_before_commit (CaucusStore *self)
{
  gint64 last;

  self->txn_seq_noted = 0;
  if (self->txn_seq_first <= 0 || !caucus_store_outside_is_watched (self->key))
    return;
  last = caucus_store_get_update_seq (self);
  if (last < self->txn_seq_first)
    return;
  caucus_store_outside_note_local (self->key, self->txn_seq_first, last);
  self->txn_seq_noted = last;
}

/* After COMMIT: @committed FALSE forgets what caucus_store_outside_before_commit() noted,
 * since those sequences may be handed out again, by any process. */
void
caucus_store_outside_after_commit (CaucusStore *self,
                                   gboolean     committed)
{
  if (!committed && self->txn_seq_noted > 0)
    caucus_store_outside_forget_local (self->key, self->txn_seq_first, self->txn_seq_noted);
  self->txn_seq_first = 0;
  self->txn_seq_noted = 0;
}

static gboolean look_cb (gpointer data);

static void
schedule_look (CaucusStore *self)
{
  CaucusStoreWatch *watch = self->watch;

  watch->look = g_timeout_source_new (LOOK_DELAY_MS);
  g_source_set_callback (watch->look, look_cb, self, NULL);
  g_source_set_static_name (watch->look, "[caucus] store outside commits");
  g_source_attach (watch->look, self->context);
}

/* Announces what other processes committed since the last look. */
static gboolean
look_cb (gpointer data)
{
  CaucusStore *self = data;
  CaucusStoreWatch *watch = self->watch;
  g_autoptr(GArray) local = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 seen = watch->seen_seq;
  int rc;

  g_clear_pointer (&watch->look, g_source_unref);
  /* A transaction of this connection is open: look again once it is over. */
  if (self->in_txn || self->op_depth > 0 || self->read_depth > 0)
    {
      schedule_look (self);
      return G_SOURCE_REMOVE;
    }

  local = take_local_ranges (self->key, seen);
  stmt = caucus_store_stmt (self, "SELECT id, seq FROM docs WHERE seq > ?1 ORDER BY seq", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not look for changes made by other programs: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  sqlite3_bind_int64 (stmt, 1, seen);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 1);

      seen = MAX (seen, seq);
      if (!in_ranges (local, seq))
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, &error, "Could not read the changes");
      g_warning ("Could not look for changes made by other programs: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  watch->seen_seq = seen;
  if (ids->len > 0)
    {
      g_ptr_array_add (ids, NULL);
      caucus_store_registry_notify (self->key, (GStrv) ids->pdata);
    }
  return G_SOURCE_REMOVE;
}

static void
wal_changed_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                gpointer           user_data)
{
  CaucusStore *self = user_data;
  CaucusStoreWatch *watch = self->watch;

  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    return;
  if (watch != NULL && watch->look == NULL)
    schedule_look (self);
}

gboolean
caucus_store_watch_other_processes (CaucusStore *self,
                                    GError     **error)
{
  g_autofree char *wal_path = NULL;
  g_autoptr(GFile) wal = NULL;
  g_autoptr(GFileMonitor) monitor = NULL;
  WatchedFile *file;
  gint64 seq;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->watch != NULL)
    return TRUE;

  seq = caucus_store_get_update_seq (self);
  wal_path = g_strconcat (self->key, "-wal", NULL);
  wal = g_file_new_for_path (wal_path);
  monitor = g_file_monitor_file (wal, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (monitor == NULL)
    {
      g_prefix_error (error, "Cannot follow changes that other programs make to %s: ", self->path);
      return FALSE;
    }

  g_mutex_lock (&outside_lock);
  if (watched == NULL)
    watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, watched_file_free);
  file = g_hash_table_lookup (watched, self->key);
  if (file == NULL)
    {
      file = g_new0 (WatchedFile, 1);
      file->ranges = g_array_new (FALSE, FALSE, sizeof (SeqRange));
      g_hash_table_insert (watched, g_strdup (self->key), file);
    }
  file->watchers++;
  g_atomic_int_inc (&n_watched);
  g_mutex_unlock (&outside_lock);

  self->watch = g_new0 (CaucusStoreWatch, 1);
  self->watch->seen_seq = seq;
  self->watch->monitor = g_steal_pointer (&monitor);
  g_signal_connect (self->watch->monitor, "changed", G_CALLBACK (wal_changed_cb), self);
  return TRUE;
}

void
caucus_store_outside_unwatch (CaucusStore *self)
{
  CaucusStoreWatch *watch = g_steal_pointer (&self->watch);
  WatchedFile *file;

  if (watch == NULL)
    return;
  g_signal_handlers_disconnect_by_data (watch->monitor, self);
  g_file_monitor_cancel (watch->monitor);
  g_clear_object (&watch->monitor);
  if (watch->look != NULL)
    {
      g_source_destroy (watch->look);
      g_source_unref (watch->look);
    }
  g_free (watch);

  g_mutex_lock (&outside_lock);
  file = watched != NULL ? g_hash_table_lookup (watched, self->key) : NULL;
  if (file != NULL && --file->watchers == 0)
    g_hash_table_remove (watched, self->key);
  g_atomic_int_dec_and_test (&n_watched);
  g_mutex_unlock (&outside_lock);
}
