/* caucus-store-revs.c — revision trees: loading, the winner rule, ancestry, stemming,
 * and which bodies are merge bases worth keeping. */
#include "caucus-store-private.h"

#include <string.h>

void
caucus_rev_row_free (CaucusRevRow *row)
{
  if (row == NULL)
    return;
  g_free (row->hash);
  g_free (row);
}

char *
caucus_rev_row_to_string (const CaucusRevRow *row)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", row->gen, row->hash);
}

gint64
caucus_store_lookup_doc (CaucusStore *self,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT doc_id FROM docs WHERE id = ?", error);
  gint64 doc_id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    doc_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read the store");
      return -1;
    }
  return doc_id;
}

static int
compare_rev_id (gconstpointer a,
                gconstpointer b)
{
  const CaucusRevRow *x = *(CaucusRevRow * const *) a;
  const CaucusRevRow *y = *(CaucusRevRow * const *) b;

  return x->rev_id < y->rev_id ? -1 : x->rev_id > y->rev_id;
}

GPtrArray *
caucus_store_load_revs (CaucusStore *self,
                        gint64       doc_id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_rev_row_free);
  int rc;

  stmt = caucus_store_stmt (self,
                            "SELECT rev_id, coalesce(parent, 0), gen, hash, deleted, leaf, "
                            "body IS NOT NULL, remote FROM revs WHERE doc_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaucusRevRow *row = g_new0 (CaucusRevRow, 1);

      row->rev_id = sqlite3_column_int64 (stmt, 0);
      row->parent_id = sqlite3_column_int64 (stmt, 1);
      row->gen = (guint64) sqlite3_column_int64 (stmt, 2);
      row->hash = caucus_store_col_text (stmt, 3);
      row->deleted = sqlite3_column_int (stmt, 4) != 0;
      row->leaf = sqlite3_column_int (stmt, 5) != 0;
      row->has_body = sqlite3_column_int (stmt, 6) != 0;
      row->remote = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (revs, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision tree");
      return NULL;
    }
  /* in rev_id order, sorted here: an ORDER BY made SQLite build a temporary b-tree for
   * every tree it read (the index is on doc_id, gen, hash), most of a small read's cost */
  if (revs->len > 1)
    g_ptr_array_sort (revs, compare_rev_id);
  return g_steal_pointer (&revs);
}

CaucusRevRow *
caucus_revs_find (GPtrArray  *revs,
                  guint64     gen,
                  const char *hash)
{
  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);

      if (row->gen == gen && strcmp (row->hash, hash) == 0)
        return row;
    }
  return NULL;
}

/* @revs is in rev_id order (caucus_store_load_revs): walking up a path of n revisions
 * costs n log n, not n², which matters for documents with long histories. */
CaucusRevRow *
caucus_revs_by_id (GPtrArray *revs,
                   gint64     rev_id)
{
  guint lo = 0, hi = revs->len;

  if (rev_id == 0)
    return NULL;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      CaucusRevRow *row = g_ptr_array_index (revs, mid);

      if (row->rev_id == rev_id)
        return row;
      if (row->rev_id < rev_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* CouchDB's winner order: live before deleted, then higher generation, then the higher
 * hash as a string.  Sorting with this puts the winner first. */
int
caucus_rev_row_compare_winner (gconstpointer a,
                               gconstpointer b)
{
  const CaucusRevRow *ra = *(CaucusRevRow * const *) a;
  const CaucusRevRow *rb = *(CaucusRevRow * const *) b;

  if (ra->deleted != rb->deleted)
    return ra->deleted ? 1 : -1;
  if (ra->gen != rb->gen)
    return ra->gen > rb->gen ? -1 : 1;
  return -strcmp (ra->hash, rb->hash);
}

/* The leaves, winner first (borrowed pointers). */
GPtrArray *
caucus_revs_leaves (GPtrArray *revs)
{
  GPtrArray *leaves = g_ptr_array_new ();

  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);

      if (row->leaf)
        g_ptr_array_add (leaves, row);
    }
  g_ptr_array_sort (leaves, caucus_rev_row_compare_winner);
  return leaves;
}

CaucusRevRow *
caucus_revs_common_ancestor (GPtrArray    *revs,
                             CaucusRevRow *a,
                             CaucusRevRow *b)
{
  g_autoptr(GHashTable) ancestors = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (CaucusRevRow *r = a; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
    g_hash_table_add (ancestors, &r->rev_id);
  /* walking up from b, the first revision also above a is the deepest shared one */
  for (CaucusRevRow *r = b; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
    if (g_hash_table_contains (ancestors, &r->rev_id))
      return r;
  return NULL;
}

/* The non-leaf revisions whose bodies compaction keeps, as a set of rev_id (gint64*
 * pointing into @revs):
 *  1. for every live leaf, its nearest ancestor that arrived by replication: the last
 *     revision the other side is known to have, i.e. the merge base of the local edits
 *     stacked on it that may not have been pushed yet;
 *  2. for every pair of live leaves, their deepest common ancestor: the merge base of
 *     that conflict.
 * Both sets only ever shrink as leaves are merged or tombstoned, so a body dropped by
 * compaction is never needed again by a three-way merge. */
GHashTable *
caucus_revs_merge_bases (GPtrArray *revs)
{
  GHashTable *keep = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) live = g_ptr_array_new ();

  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);

      if (row->leaf && !row->deleted)
        g_ptr_array_add (live, row);
    }
  for (guint i = 0; i < live->len; i++)
    {
      CaucusRevRow *leaf = g_ptr_array_index (live, i);

      for (CaucusRevRow *r = caucus_revs_by_id (revs, leaf->parent_id);
           r != NULL && !leaf->remote;
           r = caucus_revs_by_id (revs, r->parent_id))
        if (r->remote)
          {
            g_hash_table_add (keep, &r->rev_id);
            break;
          }
      for (guint j = i + 1; j < live->len; j++)
        {
          CaucusRevRow *base = caucus_revs_common_ancestor (revs, leaf, g_ptr_array_index (live, j));

          if (base != NULL)
            g_hash_table_add (keep, &base->rev_id);
        }
    }
  return keep;
}

/* Keeps at most revs_limit revisions on every path from a leaf towards the root. */
gboolean
caucus_store_stem (CaucusStore *self,
                   gint64       doc_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 min_gen, max_gen;
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GHashTable) keep = NULL;
  int rc;

  stmt = caucus_store_stmt (self, "SELECT min(gen), max(gen) FROM revs WHERE doc_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision tree");
      return FALSE;
    }
  min_gen = sqlite3_column_int64 (stmt, 0);
  max_gen = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  /* generations grow by one along a path, so no path can be longer than this */
  if (max_gen - min_gen + 1 <= (gint64) self->revs_limit)
    return TRUE;

  revs = caucus_store_load_revs (self, doc_id, error);
  if (revs == NULL)
    return FALSE;
  keep = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);
      guint n = 0;

      if (!row->leaf)
        continue;
      for (CaucusRevRow *r = row; r != NULL && n < self->revs_limit;
           r = caucus_revs_by_id (revs, r->parent_id), n++)
        g_hash_table_add (keep, &r->rev_id);
    }

  for (guint i = 0; i < revs->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (revs, i);

      if (g_hash_table_contains (keep, &row->rev_id))
        {
          /* the new roots: their parents are going */
          if (row->parent_id == 0 || g_hash_table_contains (keep, &row->parent_id))
            continue;
          stmt = caucus_store_stmt (self, "UPDATE revs SET parent = NULL WHERE rev_id = ?", error);
        }
      else
        stmt = caucus_store_stmt (self, "DELETE FROM revs WHERE rev_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->rev_id);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}
