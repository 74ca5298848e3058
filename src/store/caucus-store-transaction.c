/* caucus-store-transaction.c — transactions on one connection: the caller's explicit ones
 * (begin/commit/rollback), read transactions, the write transaction or savepoint around
 * every operation, and what a commit hands on: the changed ids to the "changed" registry
 * and the update sequence. */
#include "caucus-store-private.h"

static void
flush_pending (CaucusStore *self)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) ids = NULL;

  if (g_hash_table_size (self->pending_ids) == 0)
    return;
  ids = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (ids, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_add (ids, NULL);
  caucus_store_registry_notify (self->key, (GStrv) ids->pdata);
}

/* Another connection may have changed revs_limit: read it under the write lock. */
static void
refresh_revs_limit (CaucusStore *self)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT value FROM meta WHERE key = 'revs_limit'", NULL);

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->revs_limit = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 1, G_MAXINT);
  sqlite3_reset (stmt);
  caucus_store_refresh_search_flag (self);
}

gboolean
caucus_store_begin (CaucusStore *self,
                    GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  if (self->in_txn || self->op_depth > 0 || self->read_depth > 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   self->read_depth > 0
                   ? "A read transaction is open on this connection; end it before writing"
                   : "A transaction is already open on this connection");
      return FALSE;
    }
  if (!caucus_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  refresh_revs_limit (self);
  self->in_txn = TRUE;
  self->txn_failed = FALSE;
  self->seq_cache = -1;
  self->txn_seq_first = 0;
  g_hash_table_remove_all (self->pending_ids);
  return TRUE;
}

gboolean
caucus_store_commit (CaucusStore *self,
                     GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  if (!self->in_txn)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "No transaction is open on this connection");
      return FALSE;
    }
  if (self->txn_failed)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_IO,
                   "A write of this transaction failed; it was not committed (roll it back)");
      return FALSE;
    }
  caucus_store_outside_before_commit (self);
  if (!caucus_store_exec (self, "COMMIT", error))
    {
      caucus_store_outside_after_commit (self, FALSE);
      return FALSE;   /* still open (e.g. busy readers): the caller may retry or roll back */
    }
  caucus_store_outside_after_commit (self, TRUE);
  self->in_txn = FALSE;
  self->seq_cache = -1;
  flush_pending (self);
  return TRUE;
}

void
caucus_store_rollback (CaucusStore *self)
{
  g_return_if_fail (CAUCUS_IS_STORE (self));

  if (!self->in_txn)
    return;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_txn = FALSE;
  self->txn_failed = FALSE;
  self->seq_cache = -1;
  self->txn_seq_first = 0;
  g_hash_table_remove_all (self->pending_ids);
}

/* A read transaction: a deferred BEGIN, so that every statement until read_end() reads
 * one WAL snapshot and SQLite takes its shared lock once instead of once per statement
 * (that locking was a quarter of the server's _bulk_get).  Inside a write transaction it
 * only counts: the reads see that transaction.  Writes are refused while a read
 * transaction is open, since a deferred transaction that starts writing can fail with
 * SQLITE_BUSY_SNAPSHOT when another connection wrote meanwhile. */
gboolean
caucus_store_read_begin (CaucusStore *self,
                         GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_depth > 0)
    {
      self->read_depth++;
      return TRUE;
    }
  if (self->in_txn || self->op_depth > 0)
    {
      self->read_owned = FALSE;
      self->read_depth = 1;
      return TRUE;
    }
  {
    /* prepared once: a request takes one of these */
    sqlite3_stmt *begin = caucus_store_stmt (self, "BEGIN", error);
    int rc;

    if (begin == NULL)
      return FALSE;
    rc = sqlite3_step (begin);
    sqlite3_reset (begin);
    if (rc != SQLITE_DONE)
      {
        caucus_store_set_sqlite_error (self, rc, error, "Could not start a read transaction");
        return FALSE;
      }
  }
  self->read_owned = TRUE;
  self->read_depth = 1;
  return TRUE;
}

void
caucus_store_read_end (CaucusStore *self)
{
  g_return_if_fail (CAUCUS_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_owned)
    return;
  self->read_owned = FALSE;
  /* nothing was written: COMMIT only releases the snapshot; should it fail, ROLLBACK
   * does the same */
  {
    sqlite3_stmt *commit = caucus_store_stmt (self, "COMMIT", NULL);
    int rc = SQLITE_ERROR;

    if (commit != NULL)
      {
        rc = sqlite3_step (commit);
        sqlite3_reset (commit);
      }
    if (rc != SQLITE_DONE)
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  }
}

gboolean
caucus_store_in_read (CaucusStore *self)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  return self->read_depth > 0;
}

/* Inside an explicit transaction an operation takes no savepoint: FTS5 flushes its
 * pending index data at every savepoint, which would turn a bulk transaction into one
 * index segment per document.  Instead every operation validates its input before its
 * first write, so a refused document leaves nothing behind; if an operation fails after
 * it has written (an SQLite error), the transaction is marked failed and can only be
 * rolled back. */
gboolean
caucus_store_write_begin (CaucusStore *self,
                          GError     **error)
{
  gboolean ok;

  if (self->read_depth > 0 && self->read_owned)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "A read transaction is open on this connection; end it before writing");
      return FALSE;
    }
  if (self->in_txn)
    {
      if (self->txn_failed)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_IO,
                       "An earlier write of this transaction failed; roll it back");
          return FALSE;
        }
      if (self->op_depth == 0)
        self->op_changes = sqlite3_total_changes64 (self->db);
      self->op_depth++;
      return TRUE;
    }
  if (self->op_depth > 0)
    ok = caucus_store_exec (self, "SAVEPOINT caucus_op", error);
  else
    {
      self->seq_cache = -1;
      self->txn_seq_first = 0;
      ok = caucus_store_exec (self, "BEGIN IMMEDIATE", error);
      if (ok)
        refresh_revs_limit (self);
    }
  if (ok)
    self->op_depth++;
  return ok;
}

gboolean
caucus_store_write_end (CaucusStore *self,
                        gboolean     ok,
                        GError     **error)
{
  g_return_val_if_fail (self->op_depth > 0, FALSE);

  self->op_depth--;
  if (self->in_txn)
    {
      if (!ok && self->op_depth == 0 && sqlite3_total_changes64 (self->db) != self->op_changes)
        self->txn_failed = TRUE;
      return ok;
    }
  if (self->op_depth > 0)
    {
      if (ok)
        return caucus_store_exec (self, "RELEASE caucus_op", error);
      sqlite3_exec (self->db, "ROLLBACK TO caucus_op; RELEASE caucus_op", NULL, NULL, NULL);
      self->seq_cache = -1;
      return FALSE;
    }
  self->seq_cache = -1;
  if (ok)
    {
      caucus_store_outside_before_commit (self);
      if (!caucus_store_exec (self, "COMMIT", error))
        {
          caucus_store_outside_after_commit (self, FALSE);
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_hash_table_remove_all (self->pending_ids);
          return FALSE;
        }
      caucus_store_outside_after_commit (self, TRUE);
      flush_pending (self);
      return TRUE;
    }
  self->txn_seq_first = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_hash_table_remove_all (self->pending_ids);
  return FALSE;
}

void
caucus_store_note_changed (CaucusStore *self,
                           const char  *id)
{
  if (!g_hash_table_contains (self->pending_ids, id))
    g_hash_table_add (self->pending_ids, g_strdup (id));
}

gint64
caucus_store_next_seq (CaucusStore *self,
                       GError     **error)
{
  if (self->seq_cache < 0)
    {
      sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT coalesce(max(seq), 0) FROM docs", error);
      int rc;

      if (stmt == NULL)
        return -1;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          caucus_store_set_sqlite_error (self, rc, error, "Could not read the update sequence");
          return -1;
        }
      self->seq_cache = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  ++self->seq_cache;
  if (self->txn_seq_first == 0)
    self->txn_seq_first = self->seq_cache;
  return self->seq_cache;
}
