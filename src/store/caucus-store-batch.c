/* caucus-store-batch.c — the new-document fast path of a replication batch.
 *
 * Most documents of a large bulk_docs(new_edits=false) batch (a first replication, an
 * import) are new to the store: a docs row, the revs rows of their _revisions path and a
 * search row, nothing to read, no winner to choose.  Written one statement per row, SQLite
 * spends about as much on running each statement (opening cursors, seeking from the root,
 * halting, resetting) as on the rows; here the rows of up to BATCH_DOCS such documents are
 * gathered and written with multi-row INSERTs.
 *
 * The rows are exactly those the one-document path (caucus-store-history.c) writes, in the
 * same order, with the same ids: SQLite gives a new rowid max(rowid) + 1, and that is what
 * the batch assigns explicitly (it holds the write lock, nothing else writes meanwhile).
 * Sequences are taken in document order.  The caller sends a document here only when it
 * is valid, new (not in the store, not already in the batch), has no attachments and a
 * path shorter than revs_limit (nothing to stem); everything else takes the one-document
 * path after the batch is flushed, so the order of writes is the order of the batch. */
#include "caucus-store-private.h"

#define BATCH_DOCS   32
#define CHUNK_DOCS   32   /* rows per multi-row INSERT */
#define CHUNK_REVS   64
/* FTS5 rows one per statement: a multi-row INSERT into a virtual table opens a statement
 * savepoint, and FTS5 writes out its pending index at every savepoint (measured: twice the
 * cost of the whole batch).  For the same reason the multi-row INSERTs above are OR FAIL:
 * with the default ABORT, SQLite opens a statement journal, with its savepoint, for any
 * statement that writes several rows; with FAIL it does not.  A failure is fatal to the
 * batch either way (the transaction is marked failed and can only be rolled back), so
 * undoing a statement's first rows would buy nothing. */
#define CHUNK_SEARCH 1

struct _CaucusBatch {
  GPtrArray  *docs;   /* CaucusPrepared *, owned by the caller until flushed */
  GHashTable *ids;    /* their ids (set) */
  GArray     *revs;   /* RevRow, built while flushing */
};

typedef struct {
  gint64       rev_id;
  gint64       doc_id;
  gint64       parent;  /* 0: root */
  guint64      gen;
  const char  *hash;
  gboolean     deleted;
  gboolean     leaf;
  const char  *body;
  gsize        body_len;
} RevRow;

typedef struct {
  gint64          doc_id;
  gint64          seq;
  CaucusPrepared *p;
} DocRow;

CaucusBatch *
caucus_batch_new (void)
{
  CaucusBatch *b = g_new0 (CaucusBatch, 1);

  b->docs = g_ptr_array_sized_new (BATCH_DOCS);
  b->ids = g_hash_table_new (g_str_hash, g_str_equal);
  b->revs = g_array_sized_new (FALSE, FALSE, sizeof (RevRow), BATCH_DOCS * 2);
  return b;
}

void
caucus_batch_free (CaucusBatch *b)
{
  if (b == NULL)
    return;
  g_ptr_array_unref (b->docs);
  g_hash_table_unref (b->ids);
  g_array_unref (b->revs);
  g_free (b);
}

gboolean
caucus_batch_contains (CaucusBatch *b,
                       const char  *id)
{
  return g_hash_table_contains (b->ids, id);
}

gboolean
caucus_batch_add (CaucusBatch    *b,
                  CaucusPrepared *p)
{
  g_ptr_array_add (b->docs, p);
  g_hash_table_add (b->ids, (gpointer) p->id);
  return b->docs->len >= BATCH_DOCS;
}

gboolean
caucus_batch_eligible (CaucusPrepared *p,
                       guint           revs_limit)
{
  return p->error == NULL && !p->has_atts && p->path->len < revs_limit;
}

/* "INSERT INTO … (cols) VALUES (?,…,?),(?,…,?)…": @rows groups of @n_cols placeholders.
 * Built once per process and kept, so the statement cache (keyed by the SQL's address)
 * can hold it like a literal. */
static char *
build_insert (const char *head,
              guint       n_cols,
              guint       rows)
{
  GString *sql = g_string_new (head);

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r == 0 ? " (" : ",(");
      for (guint c = 0; c < n_cols; c++)
        g_string_append (sql, c == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

typedef enum { TABLE_DOCS, TABLE_REVS, TABLE_SEARCH, N_TABLES } Table;

static const struct {
  const char *head;
  guint       n_cols;
  guint       chunk;
} tables[N_TABLES] = {
  [TABLE_DOCS] = { "INSERT OR FAIL INTO docs (doc_id, id, seq, rev, deleted, type, title) VALUES", 7, CHUNK_DOCS },
  [TABLE_REVS] = { "INSERT OR FAIL INTO revs (rev_id, doc_id, parent, gen, hash, deleted, leaf, remote, body) VALUES", 9, CHUNK_REVS },
  [TABLE_SEARCH] = { "INSERT INTO search (rowid, text) VALUES", 2, CHUNK_SEARCH },
};

/* [table][0]: one row, [table][1]: a full chunk */
static const char *insert_sql[N_TABLES][2];

static void
init_sql (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint t = 0; t < N_TABLES; t++)
        {
          insert_sql[t][0] = build_insert (tables[t].head, tables[t].n_cols, 1);
          insert_sql[t][1] = build_insert (tables[t].head, tables[t].n_cols, tables[t].chunk);
        }
      g_once_init_leave (&done, 1);
    }
}

static void
bind_doc (sqlite3_stmt *stmt,
          int           base,
          const DocRow *row)
{
  CaucusPrepared *p = row->p;

  sqlite3_bind_int64 (stmt, base + 1, row->doc_id);
  sqlite3_bind_text (stmt, base + 2, p->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 3, row->seq);
  sqlite3_bind_text (stmt, base + 4, p->rev, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, base + 5, p->deleted);
  sqlite3_bind_text (stmt, base + 6, p->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, base + 7, p->title, -1, SQLITE_STATIC);
}

static void
bind_rev (sqlite3_stmt *stmt,
          int           base,
          const RevRow *row)
{
  sqlite3_bind_int64 (stmt, base + 1, row->rev_id);
  sqlite3_bind_int64 (stmt, base + 2, row->doc_id);
  if (row->parent > 0)
    sqlite3_bind_int64 (stmt, base + 3, row->parent);
  else
    sqlite3_bind_null (stmt, base + 3);
  sqlite3_bind_int64 (stmt, base + 4, (sqlite3_int64) row->gen);
  sqlite3_bind_text (stmt, base + 5, row->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, base + 6, row->deleted);
  sqlite3_bind_int (stmt, base + 7, row->leaf);
  sqlite3_bind_int (stmt, base + 8, TRUE);   /* remote: arrived by replication */
  if (row->body != NULL)
    sqlite3_bind_text (stmt, base + 9, row->body, (int) row->body_len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, base + 9);
}

static void
bind_search (sqlite3_stmt *stmt,
             int           base,
             const DocRow *row)
{
  sqlite3_bind_int64 (stmt, base + 1, row->doc_id);
  sqlite3_bind_text (stmt, base + 2, row->p->text->str, (int) row->p->text->len, SQLITE_STATIC);
}

/* Inserts @n rows of @table, a full chunk per statement while there are enough, then one
 * row per statement.  @bind binds row @i at parameter offset @base. */
static gboolean
insert_rows (CaucusStore   *self,
             Table          table,
             guint          n,
             void         (*bind) (sqlite3_stmt *, int, gconstpointer, guint),
             gconstpointer  rows,
             GError       **error)
{
  guint i = 0;

  while (i < n)
    {
      gboolean full = n - i >= tables[table].chunk;
      guint count = full ? tables[table].chunk : 1;
      sqlite3_stmt *stmt = caucus_store_stmt (self, insert_sql[table][full], error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < count; r++)
        bind (stmt, (int) (r * tables[table].n_cols), rows, i + r);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
      i += count;
    }
  return TRUE;
}

static void
bind_doc_at (sqlite3_stmt *stmt, int base, gconstpointer rows, guint i)
{
  bind_doc (stmt, base, &g_array_index ((GArray *) rows, DocRow, i));
}

static void
bind_rev_at (sqlite3_stmt *stmt, int base, gconstpointer rows, guint i)
{
  bind_rev (stmt, base, &g_array_index ((GArray *) rows, RevRow, i));
}

static void
bind_search_at (sqlite3_stmt *stmt, int base, gconstpointer rows, guint i)
{
  bind_search (stmt, base, &g_array_index ((GArray *) rows, DocRow, i));
}

static gint64
max_rowid (CaucusStore *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, sql, error);
  gint64 value;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    caucus_store_set_sqlite_error (self, rc, error, "Could not read the store");
  return value;
}

static gboolean
batch_write (CaucusStore *self,
             CaucusBatch *b,
             GError     **error)
{
  g_autoptr(GArray) docs = g_array_sized_new (FALSE, FALSE, sizeof (DocRow), b->docs->len);
  g_autoptr(GArray) indexed = g_array_sized_new (FALSE, FALSE, sizeof (DocRow), b->docs->len);
  gint64 doc_id, rev_id;

  doc_id = max_rowid (self, "SELECT coalesce(max(doc_id), 0) FROM docs", error);
  if (doc_id < 0)
    return FALSE;
  rev_id = max_rowid (self, "SELECT coalesce(max(rev_id), 0) FROM revs", error);
  if (rev_id < 0)
    return FALSE;

  g_array_set_size (b->revs, 0);
  for (guint i = 0; i < b->docs->len; i++)
    {
      CaucusPrepared *p = g_ptr_array_index (b->docs, i);
      DocRow row = { ++doc_id, caucus_store_next_seq (self, error), p };
      gint64 parent = 0;

      if (row.seq < 0)
        return FALSE;
      g_array_append_val (docs, row);
      /* the path oldest first, without bodies but for the leaf */
      for (guint k = p->path->len; k > 0; k--)
        {
          CaucusPathRev *pr = &g_array_index (p->path, CaucusPathRev, k - 1);
          gboolean leaf = k == 1;
          RevRow rev = { ++rev_id, row.doc_id, parent, pr->gen, pr->hash,
                         leaf ? p->deleted : FALSE, leaf,
                         leaf ? p->body : NULL, leaf ? p->body_len : 0 };

          g_array_append_val (b->revs, rev);
          parent = rev.rev_id;
        }
      if (!p->deleted && !self->search_off)
        {
          /* prepared while the index was off on this connection's last look */
          if (p->text == NULL)
            p->text = caucus_search_text (p->doc);
          g_array_append_val (indexed, row);
        }
    }
  if (!insert_rows (self, TABLE_DOCS, docs->len, bind_doc_at, docs, error) ||
      !insert_rows (self, TABLE_REVS, b->revs->len, bind_rev_at, b->revs, error) ||
      !insert_rows (self, TABLE_SEARCH, indexed->len, bind_search_at, indexed, error))
    return FALSE;
  for (guint i = 0; i < b->docs->len; i++)
    caucus_store_note_changed (self, ((CaucusPrepared *) g_ptr_array_index (b->docs, i))->id);
  return TRUE;
}

gboolean
caucus_store_batch_flush (CaucusStore *self,
                          CaucusBatch *b,
                          GError     **error)
{
  gboolean ok;

  if (b->docs->len == 0)
    return TRUE;
  init_sql ();
  ok = caucus_store_write_begin (self, error);
  if (ok)
    {
      ok = batch_write (self, b, error);
      ok = caucus_store_write_end (self, ok, ok ? error : NULL) && ok;
    }
  for (guint i = 0; i < b->docs->len; i++)
    caucus_prepared_clear (g_ptr_array_index (b->docs, i));
  g_ptr_array_set_size (b->docs, 0);
  g_hash_table_remove_all (b->ids);
  return ok;
}
