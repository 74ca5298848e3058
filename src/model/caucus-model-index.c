/* caucus-model-index.c — a side index of the store for lists, filters and counts.
 *
 * Why a side database instead of expression indexes over the store's bodies: the store's
 * schema belongs to the store (bodies live per revision, not per document, and the
 * schema may change with its migrations), multi-valued fields such as tags and countries
 * cannot be indexed by json_extract expressions, and the accent-insensitive sort key is
 * not something SQLite's built-in functions compute.  The price is a second file kept up
 * to date from the changes feed; its checkpoint makes that incremental and crash-safe
 * (the index is rebuilt when it does not belong to the store it is opened with). */
#include "caucus-model-index-private.h"
#include "caucus-document-types.h"
#include "caucus-model-error.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>


G_DEFINE_FINAL_TYPE (CaucusModelIndex, caucus_model_index, G_TYPE_OBJECT)

/* 6: type_counts (per-type totals kept by triggers) and the "built" flag in meta;
 * 7: the search table of organisations and people (caucus-model-index-search.c);
 * 8: value_counts (the filter menus' counts, kept by triggers);
 * 9: search_rows keeps each row's type and sort key (a search hit reads no entry);
 * 10: entries.country and a covering entries_name: a page's summaries come with its ids. */
#define INDEX_SCHEMA_VERSION 10

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS entries ("
  "  id             TEXT PRIMARY KEY,"
  "  type           TEXT NOT NULL,"
  "  sort_key       TEXT NOT NULL,"
  "  name           TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  status         TEXT NOT NULL,"
  "  regional_group TEXT NOT NULL,"
  "  ref_id         TEXT NOT NULL,"
  "  start          TEXT NOT NULL,"
  "  updated        TEXT NOT NULL,"
  "  valid          INTEGER NOT NULL,"
  "  conflicted     INTEGER NOT NULL,"
  "  org_group      TEXT NOT NULL,"  /* people: their organisation's regional group */
  "  detail         TEXT NOT NULL,"   /* a list row's second line: short name, title */
  "  country        TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS entries_name ON entries (type, sort_key, id, name, detail, kind, regional_group, valid, country);"
  "CREATE INDEX IF NOT EXISTS entries_updated ON entries (type, updated, id);"
  "CREATE INDEX IF NOT EXISTS entries_start ON entries (type, start, id);"
  "CREATE INDEX IF NOT EXISTS entries_kind ON entries (type, kind, sort_key, id);"
  "CREATE INDEX IF NOT EXISTS entries_group ON entries (type, regional_group, sort_key, id);"
  "CREATE INDEX IF NOT EXISTS entries_ref ON entries (ref_id, type);"
  "CREATE INDEX IF NOT EXISTS entries_balance ON entries (type, regional_group, kind, org_group);"
  "CREATE TABLE IF NOT EXISTS entry_values ("
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  id    TEXT NOT NULL,"
  "  PRIMARY KEY (field, value, id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS entry_values_id ON entry_values (id);"
  /* The number of entries of each type, kept by triggers in the transaction that changes
   * entries: an unfiltered list's count is one row, not a walk of 100,000 index rows. */
  "CREATE TABLE IF NOT EXISTS type_counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TRIGGER IF NOT EXISTS entries_counted AFTER INSERT ON entries BEGIN"
  "  INSERT INTO type_counts (type, n) VALUES (new.type, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS entries_uncounted AFTER DELETE ON entries BEGIN"
  "  UPDATE type_counts SET n = n - 1 WHERE type = old.type;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS entries_recounted AFTER UPDATE OF type ON entries BEGIN"
  "  UPDATE type_counts SET n = n - 1 WHERE type = old.type;"
  "  INSERT INTO type_counts (type, n) VALUES (new.type, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1;"
  " END;"
  /* How many documents of each type have each value of a multi-valued field (the filter
   * menus), kept by triggers: counting them from entry_values took ~1 s per field for
   * 100,000 people.  A value's row is removed with the entry's, while the entry is still
   * there to say its type (remove_entry deletes values first). */
  "CREATE TABLE IF NOT EXISTS value_counts ("
  "  type TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (type, field, value)) WITHOUT ROWID;"
  "CREATE TRIGGER IF NOT EXISTS values_counted AFTER INSERT ON entry_values BEGIN"
  "  INSERT INTO value_counts (type, field, value, n)"
  "   SELECT e.type, new.field, new.value, 1 FROM entries e WHERE e.id = new.id"
  "   ON CONFLICT (type, field, value) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TRIGGER IF NOT EXISTS values_uncounted AFTER DELETE ON entry_values BEGIN"
  "  UPDATE value_counts SET n = n - 1"
  "   WHERE type = (SELECT e.type FROM entries e WHERE e.id = old.id) AND field = old.field AND value = old.value;"
  " END;"
  /* Organisations' and people's searchable text, with prefix indexes for search as
   * you type; search_rows numbers documents in the order they were last indexed and
   * keeps each one's type and sort key beside it (a hit needs no entries lookup). */
  "CREATE TABLE IF NOT EXISTS search_rows (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL, sort_key TEXT NOT NULL);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (text, tokenize = 'ascii', prefix = '1 2 3', columnsize = 0);"
  /* A search list's matches; sort_key is set when they come from the index's own search
   * table, so that a list narrowed by the search alone pages through them directly. */
  "CREATE TEMP TABLE IF NOT EXISTS hits (list INTEGER NOT NULL, id TEXT NOT NULL, sort_key TEXT,"
  "  PRIMARY KEY (list, id)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS temp.hits_sorted ON hits (list, sort_key, id);";

void
caucus_value_count_free (CaucusValueCount *vc)
{
  if (vc == NULL)
    return;
  g_free (vc->value);
  g_free (vc);
}

void
_caucus_query_clear (CaucusQuery *q)
{
  g_clear_pointer (&q->type, g_free);
  g_clear_pointer (&q->kind, g_free);
  g_clear_pointer (&q->status, g_free);
  g_clear_pointer (&q->regional_group, g_free);
  g_clear_pointer (&q->country, g_free);
  g_clear_pointer (&q->expertise, g_free);
  g_clear_pointer (&q->accreditation, g_free);
  g_clear_pointer (&q->tag, g_free);
  g_clear_pointer (&q->ref_id, g_free);
  g_clear_pointer (&q->involves, g_free);
  g_clear_pointer (&q->involves_people_of, g_free);
  g_clear_pointer (&q->start_from, g_free);
  g_clear_pointer (&q->start_to, g_free);
  g_clear_pointer (&q->search, g_free);
}

/* ---- SQLite plumbing ---------------------------------------------------------------- */

static gboolean
set_db_error (CaucusModelIndex *self,
              GError          **error,
              const char       *what)
{
  g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX,
               _("%s: %s (the list index can be rebuilt by deleting %s-index)"),
               what, sqlite3_errmsg (self->db), caucus_store_get_path (self->store));
  return FALSE;
}

static sqlite3_stmt *
get_stmt (CaucusModelIndex *self,
          const char       *sql,
          GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, _("Could not prepare a list query"));
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (CaucusModelIndex *self,
      const char       *sql,
      GError          **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

char *
_caucus_model_index_meta_get (CaucusModelIndex *self,
                              const char       *key)
{
  sqlite3_stmt *stmt = get_stmt (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
meta_set (CaucusModelIndex *self,
          const char       *key,
          const char       *value,
          GError          **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

sqlite3_stmt *
_caucus_model_index_stmt (CaucusModelIndex *self,
                          const char       *sql,
                          GError          **error)
{
  return get_stmt (self, sql, error);
}

gboolean
_caucus_model_index_exec (CaucusModelIndex *self,
                          const char       *sql,
                          GError          **error)
{
  return exec (self, sql, error);
}

gint64
_caucus_model_index_last_rowid (CaucusModelIndex *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

int
_caucus_model_index_changes (CaucusModelIndex *self)
{
  return sqlite3_changes (self->db);
}

gboolean
_caucus_model_index_db_error (CaucusModelIndex *self,
                              GError          **error,
                              const char       *what)
{
  return set_db_error (self, error, what);
}

/* Instants in one fixed shape ("2012-11-03T05:00:00.000000Z") so that text order is time
 * order: "…00Z" and "…00.5Z" do not sort correctly as written.  Unparsable text gives "". */
char *
_caucus_normalize_instant (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (dt);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", seconds, g_date_time_get_microsecond (utc));
}

/* ---- catching up ------------------------------------------------------------------ */

#define CHANGES_BATCH 1000

static gboolean
apply_results (CaucusModelIndex *self,
               JsonArray        *results,
               gint64            last_seq,
               GError          **error)
{
  g_autofree char *seq_text = NULL;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (row, "id");
      gboolean deleted = json_object_has_member (row, "deleted") && json_object_get_boolean_member (row, "deleted");
      JsonNode *doc = json_object_get_member (row, "doc");
      gboolean ok;

      if (g_str_has_prefix (id, "_design/"))
        continue;
      if (deleted || doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
        ok = _caucus_model_index_remove_document (self, id, error);
      else
        ok = _caucus_model_index_put_document (self, json_node_get_object (doc), error);
      if (!ok)
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);
  if (!meta_set (self, "seq", seq_text, error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->seq = last_seq;
  return TRUE;
}

static JsonObject *
read_changes (CaucusModelIndex *self,
              gint64            since,
              GError          **error)
{
  CaucusChangesOptions opts = { 0 };

  opts.since = since;
  opts.limit = CHANGES_BATCH;
  opts.include_docs = TRUE;
  opts.conflicts = TRUE;
  return caucus_store_changes (self->store, &opts, error);
}

gpointer
_caucus_model_index_ref_list (gconstpointer list,
                              gpointer      data)
{
  return g_object_ref ((gpointer) list);
}

gboolean
caucus_model_index_refresh (CaucusModelIndex *self,
                            GError          **error)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  JsonArray *results;
  gboolean more;
  gboolean ok = TRUE;
  guint64 done, total;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), FALSE);

  /* A catch-up on a worker writes the same rows: its end brings the lists up to date. */
  if (self->refreshing || self->catching_up)
    return TRUE;
  first = read_changes (self, self->seq, error);
  if (first == NULL)
    return FALSE;
  results = json_object_get_array_member (first, "results");
  if (json_array_get_length (results) == 0)
    return TRUE;
  more = json_object_get_int_member (first, "pending") > 0;

  self->refreshing = TRUE;

  /* Lists learn which ids change (NULL: too many to place precisely). */
  if (!more && json_array_get_length (results) <= CAUCUS_PRECISE_UPDATE_LIMIT && self->lists->len > 0)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          char *id = g_strdup (json_object_get_string_member (json_array_get_object_element (results, i), "id"));
          g_hash_table_add (seen, id);
          g_ptr_array_add (ids, id);
        }
      if (!_caucus_model_index_collect_affected_people (self, results, ids, seen))
        g_clear_pointer (&ids, g_ptr_array_unref);
    }
  /* Handlers of items-changed may create or drop lists: work on a referenced snapshot. */
  lists = g_ptr_array_copy (self->lists, _caucus_model_index_ref_list, NULL);
  g_ptr_array_set_free_func (lists, g_object_unref);
  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_before_update (g_ptr_array_index (lists, i), ids);

  total = json_array_get_length (results) + MAX (json_object_get_int_member (first, "pending"), 0);
  ok = apply_results (self, results, json_object_get_int_member (first, "last_seq"), error);
  done = json_array_get_length (results);
  if (ok && self->progress != NULL)
    self->progress (done, total, self->progress_data);
  while (ok && more)
    {
      g_autoptr(JsonObject) next = NULL;

      /* Between batches: what is committed is a checkpoint the next open goes on from. */
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      next = read_changes (self, self->seq, error);
      if (next == NULL)
        {
          ok = FALSE;
          break;
        }
      results = json_object_get_array_member (next, "results");
      if (json_array_get_length (results) == 0)
        break;
      more = json_object_get_int_member (next, "pending") > 0;
      ok = apply_results (self, results, json_object_get_int_member (next, "last_seq"), error);
      done += json_array_get_length (results);
      /* Writes during a long catch-up lengthen it. */
      total = MAX (total, done + MAX (json_object_get_int_member (next, "pending"), 0));
      if (ok && self->progress != NULL)
        self->progress (done, total, self->progress_data);
    }

  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_after_update (g_ptr_array_index (lists, i));
  self->refreshing = FALSE;
  return ok;
}

gint64
caucus_model_index_get_seq (CaucusModelIndex *self)
{
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), -1);
  return self->seq;
}

static void
store_changed_cb (CaucusStore *store,
                  GStrv        ids,
                  gpointer     user_data)
{
  _caucus_model_index_follow (user_data);
}


/* ---- opening -------------------------------------------------------------------- */

static gboolean
reset_index (CaucusModelIndex *self,
             GError          **error)
{
  return exec (self, "BEGIN IMMEDIATE; DELETE FROM entries; DELETE FROM entry_values; DELETE FROM type_counts;"
                     " DELETE FROM value_counts; DELETE FROM search; DELETE FROM search_rows; DELETE FROM meta; COMMIT", error) &&
         meta_set (self, "store_uuid", caucus_store_get_uuid (self->store), error) &&
         meta_set (self, "seq", "0", error);
}

int
_caucus_model_index_schema_version (void)
{
  return INDEX_SCHEMA_VERSION;
}

/* The file the index of @store lives in when @path is NULL. */
char *
_caucus_model_index_resolve_path (CaucusStore *store,
                                  const char  *path)
{
  const char *store_path = caucus_store_get_path (store);

  if (path != NULL)
    return g_strdup (path);
  if (store_path == NULL || *store_path == '\0' || g_str_equal (store_path, ":memory:"))
    return g_strdup (":memory:");
  return g_strconcat (store_path, "-index", NULL);
}

/* Opens the database and brings its layout to INDEX_SCHEMA_VERSION (dropping another
 * layout's tables).  *@damaged says whether SQLite found the file unreadable. */
static gboolean
connect_index (CaucusModelIndex *self,
               const char       *path,
               gboolean         *damaged,
               GError          **error)
{
  int version = 0;
  int rc;
  sqlite3_stmt *stmt;
  gboolean ok;

  *damaged = FALSE;
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX,
                   _("Could not open the list index %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : _("out of memory"));
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  /* The index can always be rebuilt from the store: durability is not worth an fsync.
   * Memory: no mmap (mapped pages count in the process's resident memory, and a search
   * touched 70–79 MiB of them) and a page cache of at most 16 MiB, which a session's
   * searches fill only in part (the pages of the entries they show). */
  ok = exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
                   " PRAGMA cache_size = -16384; PRAGMA mmap_size = 0", error);
  if (ok)
    {
      stmt = get_stmt (self, "PRAGMA user_version", error);
      ok = stmt != NULL;
      if (ok)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            version = sqlite3_column_int (stmt, 0);
          else
            ok = set_db_error (self, error, _("Could not read the list index"));
          sqlite3_reset (stmt);
        }
    }
  /* Another layout: the index is derived data, start over.  One transaction with the new
   * layout and its version (user_version is transactional), so that a crash leaves the
   * old layout, which the next open drops again, or the new one without "built". */
  if (ok && version != INDEX_SCHEMA_VERSION)
    ok = exec (self, "BEGIN IMMEDIATE", error) &&
         ((version == 0 ||
           exec (self, "DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS entry_values; DROP TABLE IF EXISTS meta;"
                       " DROP TABLE IF EXISTS type_counts; DROP TABLE IF EXISTS value_counts;"
                       " DROP TABLE IF EXISTS search; DROP TABLE IF EXISTS search_rows", error)) &&
          exec (self, schema, error) &&
          exec (self, "PRAGMA user_version = " G_STRINGIFY (INDEX_SCHEMA_VERSION) "; COMMIT", error));
  else if (ok)
    ok = exec (self, schema, error);
  if (!ok)
    {
      rc = sqlite3_errcode (self->db);
      *damaged = rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
      if (!sqlite3_get_autocommit (self->db))
        exec (self, "ROLLBACK", NULL);
    }
  return ok;
}

/* Brings the rows up to the store's sequence: a first fill (or its resumption after an
 * interruption) when the index was never completed, else an incremental catch-up. */
static gboolean
catch_up (CaucusModelIndex *self,
          GError          **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *seq = NULL;
  g_autofree char *built = NULL;

  uuid = _caucus_model_index_meta_get (self, "store_uuid");
  seq = _caucus_model_index_meta_get (self, "seq");
  built = _caucus_model_index_meta_get (self, "built");
  self->seq = seq ? g_ascii_strtoll (seq, NULL, 10) : 0;
  if (g_strcmp0 (uuid, caucus_store_get_uuid (self->store)) != 0 || self->seq > caucus_store_get_update_seq (self->store))
    {
      if (!reset_index (self, error))
        return FALSE;
      self->seq = 0;
      g_clear_pointer (&built, g_free);
    }

  if (built != NULL)
    return caucus_model_index_refresh (self, error);

  /* A first fill happens once per index, not at every open of an empty store (seq 0):
   * "built" is set in the same transaction as the last step, so an index without it is
   * never taken as complete.  An interrupted fill kept its checkpoint and goes on from
   * it; only a fill from 0 may skip the removal of older rows (first_indexing). */
  if (self->seq == 0)
    self->built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Rows are loaded without the secondary indexes, which are built once at the end:
   * several times faster than keeping them sorted row by row. */
  if (!exec (self, "DROP INDEX IF EXISTS entries_name; DROP INDEX IF EXISTS entries_updated;"
                   " DROP INDEX IF EXISTS entries_start; DROP INDEX IF EXISTS entries_kind;"
                   " DROP INDEX IF EXISTS entries_group; DROP INDEX IF EXISTS entries_balance", error) ||
      !caucus_model_index_refresh (self, error))
    {
      g_clear_pointer (&self->built, g_hash_table_unref);
      return FALSE;
    }
  g_clear_pointer (&self->built, g_hash_table_unref);
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!exec (self, schema, error) || !exec (self, "ANALYZE", error) ||
      !meta_set (self, "built", "1", error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

static int
interrupt_when_cancelled_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
remove_index_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove the damaged list index %s: %s", file, g_strerror (errno));
    }
}

CaucusModelIndex *
_caucus_model_index_open_full (CaucusStore                  *store,
                               const char                   *path,
                               gboolean                      follow_store,
                               CaucusModelIndexProgressFunc  progress,
                               gpointer                      progress_data,
                               GCancellable                 *cancellable,
                               GError                      **error)
{
  g_autoptr(CaucusModelIndex) self = NULL;
  g_autofree char *file = _caucus_model_index_resolve_path (store, path);
  gboolean damaged = FALSE;
  gboolean ok;

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      self = g_object_new (CAUCUS_TYPE_MODEL_INDEX, NULL);
      self->store = g_object_ref (store);
      self->file = g_strdup (file);
      if (connect_index (self, file, &damaged, &local_error))
        break;
      /* The index is derived data: a damaged file is replaced by a rebuilt one. */
      if (attempt == 0 && damaged && !g_str_equal (file, ":memory:"))
        {
          g_debug ("Rebuilding the damaged list index %s: %s", file, local_error->message);
          g_clear_object (&self);
          remove_index_files (file);
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->progress = progress;
  self->progress_data = progress_data;
  self->cancellable = cancellable;
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 10000, interrupt_when_cancelled_cb, cancellable);
  ok = catch_up (self, error);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  self->progress = NULL;
  self->progress_data = NULL;
  self->cancellable = NULL;
  if (!ok)
    {
      /* An interrupted statement says "interrupted": say what happened instead. */
      if (error != NULL && *error != NULL && g_cancellable_is_cancelled (cancellable) &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      return NULL;
    }

  if (follow_store)
    self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  return g_steal_pointer (&self);
}

CaucusModelIndex *
caucus_model_index_open (CaucusStore *store,
                         const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _caucus_model_index_open_full (store, path, TRUE, NULL, NULL, NULL, error);
}

static void
default_index_gone_cb (gpointer  data,
                       GObject  *where_the_object_was)
{
  g_object_set_data (G_OBJECT (data), "caucus-model-index", NULL);
}

CaucusModelIndex *
caucus_model_index_get_default (CaucusStore *store,
                                GError     **error)
{
  CaucusModelIndex *index;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  index = g_object_get_data (G_OBJECT (store), "caucus-model-index");
  if (index != NULL)
    return g_object_ref (index);
  index = caucus_model_index_open (store, NULL, error);
  if (index == NULL)
    return NULL;
  /* A weak pointer: the index holds the store, the store must not hold the index. */
  g_object_set_data (G_OBJECT (store), "caucus-model-index", index);
  g_object_weak_ref (G_OBJECT (index), default_index_gone_cb, store);
  return index;
}

CaucusStore *
caucus_model_index_get_store (CaucusModelIndex *self)
{
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), NULL);
  return self->store;
}

gboolean
_caucus_model_index_first_indexing (CaucusModelIndex *self,
                                    const char       *id)
{
  return self->built != NULL && g_hash_table_add (self->built, g_strdup (id));
}

/* ---- lists ----------------------------------------------------------------------- */

void
_caucus_model_index_add_list (CaucusModelIndex   *self,
                              CaucusDocumentList *list)
{
  g_ptr_array_add (self->lists, list);
}

void
_caucus_model_index_remove_list (CaucusModelIndex   *self,
                                 CaucusDocumentList *list)
{
  g_ptr_array_remove (self->lists, list);
}

guint
_caucus_model_index_new_list_id (CaucusModelIndex *self)
{
  return ++self->next_list_id;
}

/* ---- GObject ------------------------------------------------------------------- */

static void
caucus_model_index_dispose (GObject *object)
{
  CaucusModelIndex *self = CAUCUS_MODEL_INDEX (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->follow_cancellable != NULL)
    g_cancellable_cancel (self->follow_cancellable);
  G_OBJECT_CLASS (caucus_model_index_parent_class)->dispose (object);
}

static void
caucus_model_index_finalize (GObject *object)
{
  CaucusModelIndex *self = CAUCUS_MODEL_INDEX (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);   /* finalizes statements first */
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->built, g_hash_table_unref);
  g_clear_object (&self->follow_cancellable);
  g_free (self->file);
  G_OBJECT_CLASS (caucus_model_index_parent_class)->finalize (object);
}

static void
caucus_model_index_class_init (CaucusModelIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_model_index_dispose;
  object_class->finalize = caucus_model_index_finalize;
}

static void
caucus_model_index_init (CaucusModelIndex *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sqlite3_finalize);
  self->lists = g_ptr_array_new ();
}
