/* caucus-store-feeds.c — _all_docs and _changes in CouchDB's shapes, and compaction. */
#include "caucus-store-private.h"

#include <string.h>

/* ---- _all_docs ------------------------------------------------------------------------- */

static gint64
count_live (CaucusStore *self,
            const char  *before,
            gboolean     descending,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  if (before == NULL)
    stmt = caucus_store_stmt (self, "SELECT count(*) FROM docs WHERE deleted = 0", error);
  else if (!descending)
    stmt = caucus_store_stmt (self, "SELECT count(*) FROM docs WHERE deleted = 0 AND id < ?", error);
  else
    stmt = caucus_store_stmt (self, "SELECT count(*) FROM docs WHERE deleted = 0 AND id > ?", error);
  if (stmt == NULL)
    return -1;
  if (before != NULL)
    sqlite3_bind_text (stmt, 1, before, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not count documents");
      return -1;
    }
  return n;
}

static JsonObject *
all_docs_row (CaucusStore                *self,
              const char                 *id,
              const char                 *rev,
              gboolean                    deleted,
              const CaucusAllDocsOptions *opts,
              GError                    **error)
{
  JsonObject *row = json_object_new ();
  JsonObject *value = json_object_new ();

  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "key", id);
  json_object_set_string_member (value, "rev", rev);
  if (deleted)
    json_object_set_boolean_member (value, "deleted", TRUE);
  json_object_set_object_member (row, "value", value);
  if (opts->include_docs)
    {
      if (deleted)
        json_object_set_null_member (row, "doc");
      else
        {
          CaucusGetOptions get_opts = { .rev = rev, .conflicts = opts->conflicts };
          JsonObject *doc = caucus_store_get (self, id, &get_opts, error);

          if (doc == NULL)
            {
              json_object_unref (row);
              return NULL;
            }
          json_object_set_object_member (row, "doc", doc);
        }
    }
  return row;
}

/* Range statements, chosen from fixed SQL texts (nothing from the request enters SQL). */
static const char *
range_sql (gboolean descending,
           gboolean has_start,
           int      end_kind)   /* 0 none, 1 inclusive, 2 exclusive */
{
  static const char *const asc[2][3] = {
    { "SELECT id, rev FROM docs WHERE deleted = 0 ORDER BY id LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id <= ?2 ORDER BY id LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id < ?2 ORDER BY id LIMIT ?3 OFFSET ?4" },
    { "SELECT id, rev FROM docs WHERE deleted = 0 AND id >= ?1 ORDER BY id LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id >= ?1 AND id <= ?2 ORDER BY id LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3 OFFSET ?4" },
  };
  static const char *const desc[2][3] = {
    { "SELECT id, rev FROM docs WHERE deleted = 0 ORDER BY id DESC LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id >= ?2 ORDER BY id DESC LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id > ?2 ORDER BY id DESC LIMIT ?3 OFFSET ?4" },
    { "SELECT id, rev FROM docs WHERE deleted = 0 AND id <= ?1 ORDER BY id DESC LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id <= ?1 AND id >= ?2 ORDER BY id DESC LIMIT ?3 OFFSET ?4",
      "SELECT id, rev FROM docs WHERE deleted = 0 AND id <= ?1 AND id > ?2 ORDER BY id DESC LIMIT ?3 OFFSET ?4" },
  };

  return descending ? desc[has_start][end_kind] : asc[has_start][end_kind];
}

JsonObject *
caucus_store_all_docs (CaucusStore                *self,
                       const CaucusAllDocsOptions *opts,
                       GError                    **error)
{
  static const CaucusAllDocsOptions defaults = { .limit = -1 };
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *rows = json_array_new ();
  gint64 total, offset;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);

  if (opts == NULL)
    opts = &defaults;
  json_object_set_array_member (result, "rows", rows);

  total = count_live (self, NULL, FALSE, error);
  if (total < 0)
    return NULL;

  if (opts->keys != NULL)
    {
      gint64 skipped = 0, taken = 0;

      for (guint i = 0; opts->keys[i] != NULL; i++)
        {
          sqlite3_stmt *stmt;
          const char *key = opts->keys[i];
          g_autofree char *rev = NULL;
          gboolean deleted = FALSE, found = FALSE;
          JsonObject *row;
          int rc;

          if (opts->limit >= 0 && taken >= opts->limit)
            break;
          if (skipped < opts->skip)
            {
              skipped++;
              continue;
            }
          stmt = caucus_store_stmt (self, "SELECT rev, deleted FROM docs WHERE id = ?", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              found = TRUE;
              rev = caucus_store_col_text (stmt, 0);
              deleted = sqlite3_column_int (stmt, 1) != 0;
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              caucus_store_set_sqlite_error (self, rc, error, "Could not list documents");
              return NULL;
            }
          if (!found)
            {
              row = json_object_new ();
              json_object_set_string_member (row, "key", key);
              json_object_set_string_member (row, "error", "not_found");
            }
          else
            {
              row = all_docs_row (self, key, rev, deleted, opts, error);
              if (row == NULL)
                return NULL;
            }
          json_array_add_object_element (rows, row);
          taken++;
        }
      offset = opts->skip;
    }
  else
    {
      int end_kind = opts->endkey == NULL ? 0 : opts->exclusive_end ? 2 : 1;
      sqlite3_stmt *stmt = caucus_store_stmt (self, range_sql (opts->descending, opts->startkey != NULL, end_kind), error);
      int rc;

      if (stmt == NULL)
        return NULL;
      if (opts->startkey != NULL)
        sqlite3_bind_text (stmt, 1, opts->startkey, -1, SQLITE_TRANSIENT);
      if (opts->endkey != NULL)
        sqlite3_bind_text (stmt, 2, opts->endkey, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, opts->limit >= 0 ? opts->limit : -1);
      sqlite3_bind_int64 (stmt, 4, MAX (opts->skip, 0));

      /* collect first: include_docs reads with other statements */
      {
        g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            g_ptr_array_add (found, caucus_store_col_text (stmt, 0));
            g_ptr_array_add (found, caucus_store_col_text (stmt, 1));
          }
        sqlite3_reset (stmt);
        if (rc != SQLITE_DONE)
          {
            caucus_store_set_sqlite_error (self, rc, error, "Could not list documents");
            return NULL;
          }
        for (guint i = 0; i < found->len; i += 2)
          {
            JsonObject *row = all_docs_row (self, g_ptr_array_index (found, i),
                                            g_ptr_array_index (found, i + 1), FALSE, opts, error);
            if (row == NULL)
              return NULL;
            json_array_add_object_element (rows, row);
          }
      }
      offset = opts->startkey != NULL ? count_live (self, opts->startkey, opts->descending, error) : 0;
      if (offset < 0)
        return NULL;
      offset += MAX (opts->skip, 0);
      offset = MIN (offset, total);
    }

  json_object_set_int_member (result, "total_rows", total);
  json_object_set_int_member (result, "offset", offset);
  /* CouchDB puts total_rows and offset before rows */
  json_array_ref (rows);
  json_object_remove_member (result, "rows");
  json_object_set_array_member (result, "rows", rows);
  return g_steal_pointer (&result);
}

/* ---- _changes -------------------------------------------------------------------------- */

typedef struct {
  gint64  seq;
  gint64  doc_id;
  char   *id;
  char   *rev;
  gboolean deleted;
  gint64  leaves;   /* its revision tree's leaves: with one, rev is the only one */
} ChangeRow;

static void
change_row_free (gpointer data)
{
  ChangeRow *row = data;

  g_free (row->id);
  g_free (row->rev);
  g_free (row);
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  const ChangeRow *x = *(ChangeRow * const *) a;
  const ChangeRow *y = *(ChangeRow * const *) b;

  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static ChangeRow *
read_change_row (sqlite3_stmt *stmt)
{
  ChangeRow *row = g_new0 (ChangeRow, 1);

  row->seq = sqlite3_column_int64 (stmt, 0);
  row->doc_id = sqlite3_column_int64 (stmt, 1);
  row->id = caucus_store_col_text (stmt, 2);
  row->rev = caucus_store_col_text (stmt, 3);
  row->deleted = sqlite3_column_int (stmt, 4) != 0;
  row->leaves = sqlite3_column_int64 (stmt, 5);
  return row;
}

/* How many leaves the row's revision tree has (through the revs_doc index): a style=all_docs
 * feed lists them all, and for the common tree of one leaf that is the row's own rev, with
 * no revision tree to load per row (a third of a 100-row replication page). */
#define LEAVES "(SELECT count(*) FROM revs WHERE revs.doc_id = docs.doc_id AND revs.leaf)"

/* The rows of a feed, in order, and how many matched in all (for pending). */
static GPtrArray *
collect_changes (CaucusStore                *self,
                 const CaucusChangesOptions *opts,
                 gint64                     *total_out,
                 GError                    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (change_row_free);
  gint64 total = 0;
  int rc;

  if (opts->doc_ids != NULL)
    {
      sqlite3_stmt *stmt = caucus_store_stmt (self,
                                              "SELECT seq, doc_id, id, rev, deleted, " LEAVES " FROM docs "
                                              "WHERE id = ? AND seq > ?", error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; opts->doc_ids[i] != NULL; i++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, opts->doc_ids[i], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, opts->since);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              ChangeRow *row = read_change_row (stmt);
              gboolean dup = FALSE;

              for (guint j = 0; j < found->len && !dup; j++)
                dup = ((ChangeRow *) g_ptr_array_index (found, j))->doc_id == row->doc_id;
              if (dup)
                change_row_free (row);
              else
                g_ptr_array_add (found, row);
            }
          else if (rc != SQLITE_DONE)
            {
              sqlite3_reset (stmt);
              caucus_store_set_sqlite_error (self, rc, error, "Could not read changes");
              return NULL;
            }
        }
      sqlite3_reset (stmt);
      g_ptr_array_sort (found, compare_seq);
      if (opts->descending)
        {
          for (guint i = 0; i < found->len / 2; i++)
            {
              gpointer tmp = found->pdata[i];
              found->pdata[i] = found->pdata[found->len - 1 - i];
              found->pdata[found->len - 1 - i] = tmp;
            }
        }
      total = found->len;
      if (opts->limit >= 0 && (gint64) found->len > opts->limit)
        g_ptr_array_set_size (found, (guint) opts->limit);
    }
  else
    {
      sqlite3_stmt *stmt;

      if (opts->descending)
        stmt = caucus_store_stmt (self,
                                  "SELECT seq, doc_id, id, rev, deleted, " LEAVES " FROM docs WHERE seq > ? "
                                  "ORDER BY seq DESC LIMIT ?", error);
      else
        stmt = caucus_store_stmt (self,
                                  "SELECT seq, doc_id, id, rev, deleted, " LEAVES " FROM docs WHERE seq > ? "
                                  "ORDER BY seq LIMIT ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, opts->since);
      sqlite3_bind_int64 (stmt, 2, opts->limit >= 0 ? opts->limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (found, read_change_row (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          caucus_store_set_sqlite_error (self, rc, error, "Could not read changes");
          return NULL;
        }
      /* pending: only a feed cut by its limit has any, and only then is it counted */
      total = found->len;
      if (opts->limit >= 0 && (gint64) found->len == opts->limit)
        {
          stmt = caucus_store_stmt (self, "SELECT count(*) FROM docs WHERE seq > ?", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, opts->since);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            total = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW)
            {
              caucus_store_set_sqlite_error (self, rc, error, "Could not read changes");
              return NULL;
            }
        }
    }
  *total_out = total;
  return g_steal_pointer (&found);
}

JsonObject *
caucus_store_changes (CaucusStore                *self,
                      const CaucusChangesOptions *opts,
                      GError                    **error)
{
  static const CaucusChangesOptions defaults = { .limit = -1 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonArray *results;
  gint64 total = 0, last_seq;
  guint n;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);

  if (opts == NULL)
    opts = &defaults;
  found = collect_changes (self, opts, &total, error);
  if (found == NULL)
    return NULL;

  result = json_object_new ();
  results = json_array_new ();
  json_object_set_array_member (result, "results", results);
  n = found->len;
  last_seq = opts->since;
  for (guint i = 0; i < n; i++)
    {
      ChangeRow *change = g_ptr_array_index (found, i);
      JsonObject *row = json_object_new ();
      JsonArray *changes = json_array_new ();

      json_object_set_int_member (row, "seq", change->seq);
      json_object_set_string_member (row, "id", change->id);
      if (opts->all_docs)
        {
          g_autoptr(GPtrArray) revs = caucus_store_load_revs (self, change->doc_id, error);
          g_autoptr(GPtrArray) leaves = NULL;

          if (revs == NULL)
            {
              json_object_unref (row);
              json_array_unref (changes);
              return NULL;
            }
          leaves = caucus_revs_leaves (revs);
          for (guint j = 0; j < leaves->len; j++)
            {
              JsonObject *c = json_object_new ();
              g_autofree char *s = caucus_rev_row_to_string (g_ptr_array_index (leaves, j));

              json_object_set_string_member (c, "rev", s);
              json_array_add_object_element (changes, c);
            }
        }
      else
        {
          JsonObject *c = json_object_new ();

          json_object_set_string_member (c, "rev", change->rev);
          json_array_add_object_element (changes, c);
        }
      json_object_set_array_member (row, "changes", changes);
      if (change->deleted)
        json_object_set_boolean_member (row, "deleted", TRUE);
      if (opts->include_docs)
        {
          CaucusGetOptions get_opts = { .rev = change->rev, .conflicts = opts->conflicts };
          JsonObject *doc = caucus_store_get (self, change->id, &get_opts, error);

          if (doc == NULL)
            {
              json_object_unref (row);
              return NULL;
            }
          json_object_set_object_member (row, "doc", doc);
        }
      json_array_add_object_element (results, row);
      last_seq = change->seq;
    }
  if (opts->descending && n == 0)
    last_seq = caucus_store_get_update_seq (self);
  json_object_set_int_member (result, "last_seq", last_seq);
  json_object_set_int_member (result, "pending", MAX (total - (gint64) n, 0));
  return g_steal_pointer (&result);
}

/* One row of caucus_store_changes() as text, in its member order. */
static gboolean
append_change_row (CaucusStore                *self,
                   const CaucusChangesOptions *opts,
                   ChangeRow                  *change,
                   GString                    *out,
                   GError                    **error)
{
  g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",\"id\":", change->seq);
  if (!caucus_json_append_string (out, change->id, error))
    return FALSE;
  g_string_append (out, ",\"changes\":[");
  if (opts->all_docs && change->leaves != 1)
    {
      g_autoptr(GPtrArray) revs = caucus_store_load_revs (self, change->doc_id, error);
      g_autoptr(GPtrArray) leaves = NULL;

      if (revs == NULL)
        return FALSE;
      leaves = caucus_revs_leaves (revs);
      for (guint j = 0; j < leaves->len; j++)
        {
          CaucusRevRow *leaf = g_ptr_array_index (leaves, j);

          /* "N-hash": digits and lowercase hex, nothing to escape */
          g_string_append_printf (out, "%s{\"rev\":\"%" G_GUINT64_FORMAT "-%s\"}",
                                  j > 0 ? "," : "", leaf->gen, leaf->hash);
        }
    }
  else
    {
      g_string_append (out, "{\"rev\":");
      if (!caucus_json_append_string (out, change->rev, error))
        return FALSE;
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  if (change->deleted)
    g_string_append (out, ",\"deleted\":true");
  if (opts->include_docs)
    {
      CaucusGetOptions get_opts = { .rev = change->rev, .conflicts = opts->conflicts };

      g_string_append (out, ",\"doc\":");
      if (!caucus_store_get_json (self, change->id, &get_opts, out, error))
        return FALSE;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

gboolean
caucus_store_changes_append_json (CaucusStore                *self,
                                  const CaucusChangesOptions *opts,
                                  GString                    *out,
                                  const char                 *separator,
                                  gboolean                   *first,
                                  CaucusChangesPage          *page,
                                  GError                    **error)
{
  static const CaucusChangesOptions defaults = { .limit = -1 };
  g_autoptr(GPtrArray) found = NULL;
  gint64 total = 0, last_seq;
  gsize start;
  gboolean was_first;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (out != NULL && separator != NULL && first != NULL && page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (opts == NULL)
    opts = &defaults;
  found = collect_changes (self, opts, &total, error);
  if (found == NULL)
    return FALSE;

  start = out->len;
  was_first = *first;
  last_seq = opts->since;
  for (guint i = 0; i < found->len; i++)
    {
      ChangeRow *change = g_ptr_array_index (found, i);

      if (!*first)
        g_string_append (out, separator);
      *first = FALSE;
      if (!append_change_row (self, opts, change, out, error))
        {
          g_string_truncate (out, start);
          *first = was_first;
          return FALSE;
        }
      last_seq = change->seq;
    }
  if (opts->descending && found->len == 0)
    last_seq = caucus_store_get_update_seq (self);
  page->rows = found->len;
  page->last_seq = last_seq;
  page->pending = MAX (total - (gint64) found->len, 0);
  return TRUE;
}

/* ---- compaction ------------------------------------------------------------------------ */

static gboolean
compact_doc (CaucusStore *self,
             gint64       doc_id,
             GError     **error)
{
  g_autoptr(GPtrArray) revs = caucus_store_load_revs (self, doc_id, error);
  g_autoptr(GHashTable) keep = NULL;
  sqlite3_stmt *drop_body, *drop_atts;

  if (revs == NULL)
    return FALSE;
  keep = caucus_revs_merge_bases (revs);
  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);

      if (row->leaf || !row->has_body || g_hash_table_contains (keep, &row->rev_id))
        continue;
      drop_body = caucus_store_stmt (self, "UPDATE revs SET body = NULL WHERE rev_id = ?", error);
      if (drop_body == NULL)
        return FALSE;
      sqlite3_bind_int64 (drop_body, 1, row->rev_id);
      if (!caucus_store_step_done (self, drop_body, error))
        return FALSE;
      drop_atts = caucus_store_stmt (self, "DELETE FROM atts WHERE rev_id = ?", error);
      if (drop_atts == NULL)
        return FALSE;
      sqlite3_bind_int64 (drop_atts, 1, row->rev_id);
      if (!caucus_store_step_done (self, drop_atts, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
caucus_store_compact (CaucusStore *self,
                      GError     **error)
{
  g_autoptr(GArray) doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  if (!caucus_store_write_begin (self, error))
    return FALSE;
  stmt = caucus_store_stmt (self,
                            "SELECT DISTINCT doc_id FROM revs WHERE leaf = 0 AND body IS NOT NULL",
                            error);
  ok = stmt != NULL;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 doc_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (doc_ids, doc_id);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  for (guint i = 0; ok && i < doc_ids->len; i++)
    ok = compact_doc (self, g_array_index (doc_ids, gint64, i), error);
  ok = ok && caucus_store_exec (self,
                                "DELETE FROM blobs WHERE NOT EXISTS "
                                "(SELECT 1 FROM atts WHERE atts.digest = blobs.digest)", error);
  ok = ok && caucus_store_exec (self, "INSERT INTO search (search) VALUES ('optimize')", error);
  if (!caucus_store_write_end (self, ok, ok ? error : NULL))
    return FALSE;
  /* outside a transaction: fold the WAL into the file, and give the freed pages back to
   * the file system when they are a quarter of it or more (VACUUM rewrites the whole
   * file, which is not worth it for a few pages) */
  if (!self->in_txn && self->op_depth == 0)
    {
      gint64 free_pages = 0, pages = 0;

      sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
      stmt = caucus_store_stmt (self, "SELECT freelist_count, page_count "
                                      "FROM pragma_freelist_count, pragma_page_count", NULL);
      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          free_pages = sqlite3_column_int64 (stmt, 0);
          pages = sqlite3_column_int64 (stmt, 1);
        }
      if (stmt != NULL)
        sqlite3_reset (stmt);
      if (pages > 0 && free_pages * 4 >= pages)
        sqlite3_exec (self->db, "VACUUM", NULL, NULL, NULL);
    }
  return TRUE;
}
