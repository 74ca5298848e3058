/* caucus-store-checkpoint.c — when the WAL is copied back into the database file.
 *
 * SQLite's default is to checkpoint inside the commit that takes the WAL past 1,000
 * pages.  For ordinary writes that stays so.  A large transaction (a first replication,
 * an import: 100,000 documents are about 135 MiB of WAL) would make its own commit wait
 * for the whole copy and two fsyncs, which measured 0.5–2 s on the shared test machine, a
 * quarter of the transaction or more; its writes are committed before that copy starts.
 * So past BACKGROUND_FRAMES the checkpoint runs on a process-wide worker thread with its
 * own connection, in SQLite's PASSIVE mode: it never blocks readers or writers, later
 * commits append to the WAL meanwhile, and the next write after it completes starts the
 * WAL over.  Durability is unchanged: with synchronous=NORMAL a commit was never fsynced
 * before the checkpoint, and a checkpoint interrupted by a crash is finished by the next
 * one (SQLite's WAL recovery). */
#include "caucus-store-private.h"

#define AUTOCHECKPOINT_FRAMES 1000   /* SQLite's default threshold */
/* Off the commit path, the WAL size from which a commit copies the worker's remainder
 * itself: a stream of writes with no gap would otherwise never let the worker finish, and
 * the WAL would grow without end (measured: 149 MB after 1,500 back-to-back puts). */
#define OFF_COMMIT_MAX_FRAMES (4 * AUTOCHECKPOINT_FRAMES)
#define MAX_PASSES            8

/* WAL frames (pages) past which a commit hands the checkpoint to the worker */
guint caucus_store_background_checkpoint_frames = 4096;

static GThreadPool *pool;
static GMutex       pool_lock;
static GHashTable  *active;      /* paths with a checkpoint queued or running (set, owned) */
static GHashTable  *backfilled;  /* path → WAL frames the worker's last run had copied */
static guint        completed;

static void
checkpoint_cb (gpointer data,
               gpointer user_data)
{
  g_autofree char *path = data;
  sqlite3 *db = NULL;
  int done = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 10000);
      /* a connection knows the file is in WAL mode only once it has read it */
      sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      /* commits made during a pass add frames it did not copy; a few more passes
       * catch up (copying is faster than writing).  Failures (the file went away, a
       * disk error) leave the WAL for the next checkpoint; nothing is lost. */
      for (guint pass = 0; pass < MAX_PASSES; pass++)
        {
          int log = 0;

          if (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done) != SQLITE_OK ||
              done >= log)
            break;
        }
    }
  sqlite3_close_v2 (db);

  g_mutex_lock (&pool_lock);
  g_hash_table_insert (backfilled, g_strdup (path), GINT_TO_POINTER (MAX (done, 0)));
  g_hash_table_remove (active, path);
  completed++;
  g_mutex_unlock (&pool_lock);
}

/* sqlite3_wal_hook: runs after every commit of the connection, with the WAL's size.
 *
 * The worker copies the bulk of a large WAL; while it runs, commits leave the WAL alone (a
 * second checkpointer would only be refused).  SQLite starts the WAL over only when a write
 * begins after a checkpoint copied every frame, and writes made during the worker's run
 * added frames it did not copy: so once it is done, the next commit copies that remainder
 * itself (a few pages) and the write after it starts the WAL over.  Left to the worker, a
 * stream of small writes would keep the WAL growing (measured: 545 MiB after 2,000 puts
 * that followed a 100,000-document batch, and slower reads through its index). */
static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *name,
             int         n_frames)
{
  CaucusStore *self = data;
  const char *path = self->key != NULL ? self->key : self->path;
  /* off the commit path, the worker takes every checkpoint from SQLite's usual size on,
   * and each remainder too (it loops until it has copied all it sees) */
  guint threshold = self->checkpoint_off_commit ? AUTOCHECKPOINT_FRAMES
                                                : caucus_store_background_checkpoint_frames;
  guint queue_from = self->checkpoint_off_commit ? 1 : threshold;
  gboolean too_long = self->checkpoint_off_commit && (guint) n_frames >= OFF_COMMIT_MAX_FRAMES;
  gboolean busy;
  int copied, pending;

  if ((guint) n_frames < threshold)
    {
      /* a small WAL started over since the worker's run: forget what it copied */
      g_mutex_lock (&pool_lock);
      if (backfilled != NULL)
        g_hash_table_remove (backfilled, path);
      g_mutex_unlock (&pool_lock);
      if (n_frames >= AUTOCHECKPOINT_FRAMES)
        sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      return SQLITE_OK;
    }

  g_mutex_lock (&pool_lock);
  if (pool == NULL)
    {
      pool = g_thread_pool_new (checkpoint_cb, NULL, 1, FALSE, NULL);
      active = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      backfilled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  busy = g_hash_table_contains (active, path);
  copied = GPOINTER_TO_INT (g_hash_table_lookup (backfilled, path));
  /* once the WAL started over, what the worker copied before says nothing */
  pending = copied <= n_frames ? n_frames - copied : n_frames;
  if (!busy && (guint) pending >= queue_from && !too_long)
    {
      g_hash_table_add (active, g_strdup (path));
      g_thread_pool_push (pool, g_strdup (path), NULL);
      busy = TRUE;
    }
  g_mutex_unlock (&pool_lock);

  if (!busy && (!self->checkpoint_off_commit || too_long))
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return SQLITE_OK;
}

void
caucus_store_set_checkpoints_off_commit (CaucusStore *self,
                                         gboolean     off_commit)
{
  g_return_if_fail (CAUCUS_IS_STORE (self));
  self->checkpoint_off_commit = off_commit;
}

void
caucus_store_install_checkpointer (CaucusStore *self)
{
  sqlite3_wal_hook (self->db, wal_hook_cb, self);
}

guint
caucus_store_checkpoints_completed (void)
{
  guint n;

  g_mutex_lock (&pool_lock);
  n = completed;
  g_mutex_unlock (&pool_lock);
  return n;
}
