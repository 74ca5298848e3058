/* caucus-store.c — the object, opening, connections, the statement cache, info and the
 * integrity check.  Transactions are in caucus-store-transaction.c, the schema and its
 * migrations in caucus-store-migrate.c, the "changed" registry in caucus-store-registry.c. */
#include "caucus-store-private.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (caucus-store-error-quark, caucus_store_error)

G_DEFINE_FINAL_TYPE (CaucusStore, caucus_store, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
caucus_store_emit_changed (CaucusStore *self,
                           GStrv        ids)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, ids);
}

#define BUSY_TIMEOUT_MS 10000

/* ---- object ---------------------------------------------------------------------------- */

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

static void
caucus_store_dispose (GObject *object)
{
  CaucusStore *self = CAUCUS_STORE (object);

  caucus_store_outside_unwatch (self);
  if (self->key != NULL)
    caucus_store_registry_remove (self);
  G_OBJECT_CLASS (caucus_store_parent_class)->dispose (object);
}

static void
caucus_store_finalize (GObject *object)
{
  CaucusStore *self = CAUCUS_STORE (object);

  if ((self->in_txn || (self->read_depth > 0 && self->read_owned)) && self->db != NULL)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->pending_ids, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);
  g_free (self->key);
  g_free (self->uuid);
  G_OBJECT_CLASS (caucus_store_parent_class)->finalize (object);
}

static void
caucus_store_class_init (CaucusStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_store_dispose;
  object_class->finalize = caucus_store_finalize;

  /**
   * CaucusStore::changed:
   * @ids: the ids of the documents written by one committed transaction
   *
   * Emitted after any connection of this process to the same file commits, in the
   * main context that was thread-default when this store was opened.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
caucus_store_init (CaucusStore *self)
{
  /* keyed by the address of the SQL literal: hashing the text on every call costs more
   * than the lookup saves (the same text in two files just gets two statements) */
  self->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, stmt_finalize);
  self->pending_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->revs_limit = 1000;
  self->seq_cache = -1;
}

/* ---- SQLite helpers -------------------------------------------------------------------- */

/* Whether @rc means the store could not grow: SQLITE_FULL, or an I/O error from ENOSPC or
 * EFBIG (the file-size limit, which the kernel reports like a full disk).  SQLite keeps
 * the errno of a failed write only until the next system call (sqlite3_system_errno()
 * reads errno when the error is recorded, often after the rollback's own calls), so when
 * neither errno says so, the disk's free space and the file-size limit are looked at. */
static gboolean
out_of_space (CaucusStore *self,
              int          rc,
              int          saved_errno)
{
  struct statvfs vfs;
  struct rlimit limit;
  g_autofree char *dir = NULL;

  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) != SQLITE_IOERR)
    return FALSE;
  if (saved_errno == ENOSPC || saved_errno == EFBIG)
    return TRUE;
  if (self == NULL || self->path == NULL)
    return FALSE;
  if (self->db != NULL &&
      (sqlite3_system_errno (self->db) == ENOSPC || sqlite3_system_errno (self->db) == EFBIG))
    return TRUE;
  dir = g_path_get_dirname (self->path);
  if (statvfs (dir, &vfs) == 0 && (guint64) vfs.f_bavail * vfs.f_frsize < 1024 * 1024)
    return TRUE;
  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    {
      static const char *const suffixes[] = { "", "-wal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (self->path, suffixes[i], NULL);
          GStatBuf st;

          if (g_stat (file, &st) == 0 && (guint64) st.st_size + 64 * 1024 >= (guint64) limit.rlim_cur)
            return TRUE;
        }
    }
  return FALSE;
}

void
caucus_store_set_sqlite_error (CaucusStore *self,
                               int          rc,
                               GError     **error,
                               const char  *what)
{
  int saved_errno = errno;
  int code;
  const char *msg = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  /* a full disk is something a person can act on: say so, not "disk I/O error" */
  if (out_of_space (self, rc, saved_errno))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_IO,
                   "%s: the disk is full; the store %s cannot grow. Free some space and "
                   "try again", what,
                   self != NULL && self->path != NULL ? self->path : "store");
      return;
    }
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CAUCUS_STORE_ERROR_BUSY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = CAUCUS_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_TOOBIG:
      code = CAUCUS_STORE_ERROR_TOO_LARGE;
      break;
    default:
      code = CAUCUS_STORE_ERROR_IO;
      break;
    }
  g_set_error (error, CAUCUS_STORE_ERROR, code, "%s: %s (%s)", what, msg,
               self != NULL && self->path != NULL ? self->path : "store");
}

sqlite3_stmt *
caucus_store_stmt (CaucusStore *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not prepare a statement");
      return NULL;
    }
  /* keys are the callers' string literals, which live as long as the program */
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
caucus_store_step_done (CaucusStore  *self,
                        sqlite3_stmt *stmt,
                        GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not write to the store");
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_store_exec (CaucusStore *self,
                   const char  *sql,
                   GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not run a store statement");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

char *
caucus_store_col_text (sqlite3_stmt *stmt,
                       int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* ---- opening --------------------------------------------------------------------------- */

static char *
canonical_key (const char *path)
{
  g_autofree char *abs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  if (g_path_is_absolute (path))
    abs = g_strdup (path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      abs = g_build_filename (cwd, path, NULL);
    }
  dir = g_path_get_dirname (abs);
  base = g_path_get_basename (abs);
  real = realpath (dir, NULL);
  if (real != NULL)
    {
      char *key = g_build_filename (real, base, NULL);
      free (real);
      return key;
    }
  return g_steal_pointer (&abs);
}

static gboolean
caucus_store_path_is_memory (const char *path)
{
  return path == NULL || *path == '\0' || g_strcmp0 (path, ":memory:") == 0 ||
         (g_str_has_prefix (path, "file:") && strstr (path, "mode=memory") != NULL) ||
         g_str_has_prefix (path, "file::memory:");
}

static CaucusStore *
open_connection (const char *path,
                 gboolean    run_migrations,
                 GError    **error)
{
  g_autoptr(CaucusStore) self = g_object_new (CAUCUS_TYPE_STORE, NULL);
  int rc;

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_IO,
                   "Could not open the store %s: %s", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* 16 KiB pages for a new file (no effect on an existing one): documents of about
   * 1 KiB and FTS segments fit better than in 4 KiB pages; measured on the bulk path
   * +25% documents/s, half the system time, -25% search time */
  sqlite3_exec (self->db, "PRAGMA page_size = 16384", NULL, NULL, NULL);
  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                     "%s is not a Caucus store (not an SQLite database)", path);
      else
        caucus_store_set_sqlite_error (self, rc, error, "Could not open the store");
      return NULL;
    }
  if (!caucus_store_exec (self, "PRAGMA synchronous = NORMAL;"
                                "PRAGMA foreign_keys = ON;"
                                "PRAGMA temp_store = MEMORY;"
                                /* a WAL that a large transaction grew is cut back to
                                 * 64 MiB when it starts over (see caucus-store-checkpoint.c) */
                                "PRAGMA journal_size_limit = 67108864;"
                                "PRAGMA cache_size = -32000", error))
    return NULL;

  if (!caucus_store_register_tokenizer (self, error))
    return NULL;
  if (run_migrations)
    {
      gboolean rewritten = FALSE;

      if (!caucus_store_migrate (self, &rewritten, error))
        return NULL;
      /* An in-memory store cannot be opened again: it would be a new, empty one. */
      if (rewritten && !caucus_store_path_is_memory (path))
        {
          g_clear_object (&self);
          return open_connection (path, FALSE, error);
        }
    }
  else if (!caucus_store_read_meta (self, error))
    return NULL;

  self->context = g_main_context_ref_thread_default ();
  self->key = canonical_key (path);
  caucus_store_install_checkpointer (self);
  caucus_store_registry_add (self);
  return g_steal_pointer (&self);
}

CaucusStore *
caucus_store_open (const char *path,
                   GError    **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "No store path given");
      return NULL;
    }
  return open_connection (path, TRUE, error);
}

CaucusStore *
caucus_store_open_worker (CaucusStore *self,
                          GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_connection (self->path, FALSE, error);
}

const char *
caucus_store_get_path (CaucusStore *self)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  return self->path;
}

const char *
caucus_store_get_uuid (CaucusStore *self)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  return self->uuid;
}

/* ---- info ------------------------------------------------------------------------------ */

gint64
caucus_store_get_update_seq (CaucusStore *self)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), 0);

  stmt = caucus_store_stmt (self, "SELECT max(seq) FROM docs", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

gboolean
caucus_store_get_info (CaucusStore     *self,
                       CaucusStoreInfo *info,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  stmt = caucus_store_stmt (self,
                            "SELECT coalesce(sum(deleted = 0), 0), coalesce(sum(deleted), 0), "
                            "coalesce(max(seq), 0) FROM docs", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      caucus_store_set_sqlite_error (self, rc, error, "Could not read the store");
      return FALSE;
    }
  info->doc_count = sqlite3_column_int64 (stmt, 0);
  info->doc_del_count = sqlite3_column_int64 (stmt, 1);
  info->update_seq = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);

  if (g_stat (self->path, &st) == 0)
    info->data_size = st.st_size;
  {
    g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
    if (g_stat (wal, &st) == 0)
      info->data_size += st.st_size;
  }
  return TRUE;
}

guint
caucus_store_get_revs_limit (CaucusStore *self)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), 1000);
  return self->revs_limit;
}

gboolean
caucus_store_set_revs_limit (CaucusStore *self,
                             guint        revs_limit,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  if (revs_limit == 0 || revs_limit > G_MAXINT)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "revs_limit must be a positive integer, not %u", revs_limit);
      return FALSE;
    }
  if (!caucus_store_write_begin (self, error))
    return FALSE;
  stmt = caucus_store_stmt (self,
                            "INSERT INTO meta (key, value) VALUES ('revs_limit', ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, revs_limit);
      ok = caucus_store_step_done (self, stmt, error);
    }
  if (!caucus_store_write_end (self, ok, ok ? error : NULL))
    return FALSE;
  if (ok)
    self->revs_limit = revs_limit;
  return ok;
}

gboolean
caucus_store_integrity_check (CaucusStore *self,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  stmt = caucus_store_stmt (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not check the store");
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store %s is damaged: %s", self->path, problems->str);
      return FALSE;
    }
  /* every revision belongs to a document (no foreign key enforces it, see migrations) */
  stmt = caucus_store_stmt (self,
                            "SELECT count(*) FROM revs WHERE NOT EXISTS "
                            "(SELECT 1 FROM docs WHERE docs.doc_id = revs.doc_id)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
    g_string_append_printf (problems, "%" G_GINT64_FORMAT " revisions belong to no document",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not check the store");
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store %s is damaged: %s", self->path, problems->str);
      return FALSE;
    }
  /* the full-text index must agree with its content */
  return caucus_store_exec (self, "INSERT INTO search (search) VALUES ('integrity-check')", error);
}
