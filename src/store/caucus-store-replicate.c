/* caucus-store-replicate.c — store reads made for the replicator (see the header).
 *
 * Both functions answer per batch what the general API answers per document through
 * JsonObject trees: the conflict check after a pulled batch (get_leaves + get cost ~23k
 * instructions per document, one query for the batch here ~6k), and the revisions a push sends
 * (get_open_revs parsed every stored body into a tree, ~138k instructions per document,
 * only for the replicator to serialise it again; here the tree and the leaves' bodies come
 * in one statement).  The stored body is the canonical
 * compact JSON text of an object without '_' members, so the document is that text with
 * the reserved members written in front of it. */
#include "caucus-store-private.h"
#include "caucus-store-replicate.h"

#include <string.h>

GPtrArray *
caucus_store_replicate_conflicts_since (CaucusStore  *self,
                                        gint64        since,
                                        GError      **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the documents written after @since, in the order written (an index range of
   * docs_seq), with two live leaves at least: then the winner is live (live leaves win
   * over tombstones) and every other live leaf is one of its _conflicts */
  stmt = caucus_store_stmt (self,
                            "SELECT d.id FROM docs d WHERE d.seq > ? AND d.deleted = 0 AND "
                            "(SELECT count(*) FROM revs r WHERE r.doc_id = d.doc_id "
                            "AND r.leaf AND NOT r.deleted) >= 2 ORDER BY d.seq",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, caucus_store_col_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read the revision trees");
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* ---- pull: what the store lacks ----------------------------------------------------- */

gboolean
caucus_store_replicate_missing (CaucusStore        *self,
                                const char         *id,
                                const char * const *revs,
                                guint               n_revs,
                                GPtrArray          *missing,
                                GPtrArray          *ancestors,
                                GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 doc_id;
  guint64 max_missing_gen = 0;
  guint before;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && (revs != NULL || n_revs == 0), FALSE);
  g_return_val_if_fail (missing != NULL && ancestors != NULL, FALSE);

  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return FALSE;
  if (doc_id > 0)
    {
      rows = caucus_store_load_revs (self, doc_id, error);
      if (rows == NULL)
        return FALSE;
    }
  before = missing->len;
  for (guint i = 0; i < n_revs; i++)
    {
      const char *hash;
      guint64 gen = 0;
      gboolean known = FALSE;

      if (caucus_rev_parse (revs[i], &gen, &hash) && rows != NULL)
        known = caucus_revs_find (rows, gen, hash) != NULL;
      if (!known)
        {
          g_ptr_array_add (missing, g_strdup (revs[i]));
          max_missing_gen = MAX (max_missing_gen, gen);
        }
    }
  /* as CouchDB: the leaves older than some missing revision may be its ancestors */
  if (missing->len > before && rows != NULL)
    {
      g_autoptr(GPtrArray) leaves = caucus_revs_leaves (rows);

      for (guint i = 0; i < leaves->len; i++)
        {
          CaucusRevRow *leaf = g_ptr_array_index (leaves, i);

          if (leaf->gen < max_missing_gen)
            g_ptr_array_add (ancestors, caucus_rev_row_to_string (leaf));
        }
    }
  return TRUE;
}

/* ---- push reads ------------------------------------------------------------------------ */

static gboolean
append_attachments (CaucusStore *self,
                    GString     *out,
                    gint64       rev_id,
                    guint64      known_generation,
                    GError     **error)
{
  g_autoptr(GPtrArray) atts = caucus_store_load_attachments (self, rev_id, error);

  if (atts == NULL)
    return FALSE;
  if (atts->len == 0)
    return TRUE;
  g_string_append (out, ",\"_attachments\":{");
  for (guint i = 0; i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (!caucus_json_append_string (out, att->name, error))
        return FALSE;
      g_string_append (out, ":{\"content_type\":");
      if (!caucus_json_append_string (out, att->content_type, error))
        return FALSE;
      if (att->revpos > 0 && (guint64) att->revpos <= known_generation)
        {
          /* the remote has a revision at least this new: it has these bytes */
          g_string_append (out, ",\"digest\":");
          if (!caucus_json_append_string (out, att->digest, error))
            return FALSE;
          g_string_append_printf (out, ",\"length\":%" G_GINT64_FORMAT ",\"revpos\":%"
                                  G_GINT64_FORMAT ",\"stub\":true}", att->length, att->revpos);
        }
      else
        {
          g_autoptr(GBytes) bytes = caucus_store_get_blob (self, att->digest, error);
          g_autofree char *b64 = NULL;

          if (bytes == NULL)
            return FALSE;
          b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          if (att->revpos > 0)
            g_string_append_printf (out, ",\"revpos\":%" G_GINT64_FORMAT, att->revpos);
          g_string_append (out, ",\"data\":\"");
          g_string_append (out, b64);
          g_string_append (out, "\"}");
        }
    }
  g_string_append_c (out, '}');
  return TRUE;
}

/* A revision as the push read loads it: the row, the body of a leaf (read with the tree,
 * so a leaf costs no second statement), whether it has attachments.  @row comes first,
 * so an entry is a CaucusRevRow for caucus_revs_find() and caucus_revs_by_id(). */
typedef struct {
  CaucusRevRow row;
  char        *leaf_body;
  gsize        leaf_body_len;
  gboolean     has_atts;
} RevEntry;

static void
rev_entry_free (gpointer data)
{
  RevEntry *e = data;

  g_free (e->row.hash);
  g_free (e->leaf_body);
  g_free (e);
}

/* The document text of @row, or NULL: FALSE with @error on a store failure, TRUE with
 * *text NULL when its body is no longer stored. */
static gboolean
revision_text (CaucusStore   *self,
               const char    *id,
               GPtrArray     *revs,
               RevEntry      *entry,
               guint64        known_generation,
               char         **text,
               GError       **error)
{
  CaucusRevRow *row = &entry->row;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) out = NULL;
  const char *body;
  gsize body_len;

  *text = NULL;
  if (!row->has_body)
    return TRUE;
  if (entry->leaf_body != NULL)
    {
      body = entry->leaf_body;
      body_len = entry->leaf_body_len;
    }
  else
    {
      /* an inner revision whose body is kept (a merge base): read it on its own */
      int rc;

      stmt = caucus_store_stmt (self, "SELECT body FROM revs WHERE rev_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->rev_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            return TRUE;
          caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision");
          return FALSE;
        }
      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
      body = (const char *) sqlite3_column_text (stmt, 0);
      body_len = (gsize) sqlite3_column_bytes (stmt, 0);
    }
  if (body == NULL || body_len < 2 || body[0] != '{' || body[body_len - 1] != '}')
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The stored body of revision %" G_GUINT64_FORMAT "-%s of “%s” is not a "
                   "JSON object; run an integrity check of the store",
                   row->gen, row->hash, id);
      return FALSE;
    }

  out = g_string_sized_new (body_len + 256);
  g_string_append (out, "{\"_id\":");
  if (!caucus_json_append_string (out, id, error))
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return FALSE;
    }
  g_string_append_printf (out, ",\"_rev\":\"%" G_GUINT64_FORMAT "-%s\"", row->gen, row->hash);
  if (row->deleted)
    g_string_append (out, ",\"_deleted\":true");
  g_string_append_printf (out, ",\"_revisions\":{\"start\":%" G_GUINT64_FORMAT ",\"ids\":[",
                          row->gen);
  for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
    {
      if (r != row)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      g_string_append (out, r->hash);
      g_string_append_c (out, '"');
    }
  g_string_append (out, "]}");
  /* the body's members follow the reserved ones: "{…}" without its braces */
  if (body_len > 2)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, body + 1, body_len - 2);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (entry->has_atts && !append_attachments (self, out, row->rev_id, known_generation, error))
    return FALSE;
  g_string_append_c (out, '}');
  *text = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static gboolean read_revisions (CaucusStore *self, const char *id, const char * const *revs,
                                guint64 known_generation, GPtrArray *new_texts,
                                GPtrArray *new_revs, GError **error);

gboolean
caucus_store_replicate_read (CaucusStore        *self,
                             const char         *id,
                             const char * const *revs,
                             guint64             known_generation,
                             GPtrArray          *texts,
                             GPtrArray          *rev_ids,
                             GError            **error)
{
  g_autoptr(GPtrArray) new_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) new_revs = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (revs != NULL, FALSE);
  g_return_val_if_fail (texts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!caucus_store_validate_id (id, error))
    return FALSE;
  if (g_str_has_prefix (id, "_local/"))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Local document “%s” has no revisions to replicate; local documents "
                   "do not replicate", id);
      return FALSE;
    }
  for (guint i = 0; revs[i] != NULL; i++)
    {
      guint64 gen;
      const char *hash;

      if (!caucus_rev_parse (revs[i], &gen, &hash) || gen == 0)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Invalid revision “%s” of “%s”: expected N-hash with N ≥ 1", revs[i], id);
          return FALSE;
        }
    }
  /* its reads in one snapshot (a caller reading many documents takes one around all) */
  if (!caucus_store_read_begin (self, error))
    return FALSE;
  ok = read_revisions (self, id, revs, known_generation, new_texts, new_revs, error);
  caucus_store_read_end (self);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < new_texts->len; i++)
    {
      g_ptr_array_add (texts, g_steal_pointer (&new_texts->pdata[i]));
      if (rev_ids != NULL)
        g_ptr_array_add (rev_ids, g_steal_pointer (&new_revs->pdata[i]));
    }
  return TRUE;
}

static int
compare_rev_id (gconstpointer a,
                gconstpointer b)
{
  const CaucusRevRow *x = *(CaucusRevRow * const *) a;
  const CaucusRevRow *y = *(CaucusRevRow * const *) b;

  return x->rev_id < y->rev_id ? -1 : x->rev_id > y->rev_id;
}

/* The revision tree of @id in rev_id order (RevEntry*), with the leaves' bodies, in one
 * statement; empty when the store does not have the document. */
static GPtrArray *
load_tree (CaucusStore *self,
           const char  *id,
           GError     **error)
{
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func (rev_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = caucus_store_stmt (self,
                            "SELECT r.rev_id, coalesce(r.parent, 0), r.gen, r.hash, r.deleted, "
                            "r.leaf, r.body IS NOT NULL, CASE WHEN r.leaf THEN r.body END, "
                            "EXISTS (SELECT 1 FROM atts a WHERE a.rev_id = r.rev_id) "
                            "FROM revs r WHERE r.doc_id = (SELECT doc_id FROM docs WHERE id = ?)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RevEntry *e = g_new0 (RevEntry, 1);

      e->row.rev_id = sqlite3_column_int64 (stmt, 0);
      e->row.parent_id = sqlite3_column_int64 (stmt, 1);
      e->row.gen = (guint64) sqlite3_column_int64 (stmt, 2);
      e->row.hash = caucus_store_col_text (stmt, 3);
      e->row.deleted = sqlite3_column_int (stmt, 4) != 0;
      e->row.leaf = sqlite3_column_int (stmt, 5) != 0;
      e->row.has_body = sqlite3_column_int (stmt, 6) != 0;
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          e->leaf_body_len = (gsize) sqlite3_column_bytes (stmt, 7);
          e->leaf_body = g_strndup ((const char *) sqlite3_column_text (stmt, 7), e->leaf_body_len);
        }
      e->has_atts = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (revs, e);
      if (e->row.hash == NULL)
        {
          sqlite3_reset (stmt);
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                       "A revision of “%s” has no hash; run an integrity check of the store", id);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision tree");
      return NULL;
    }
  /* in rev_id order, sorted here: an ORDER BY makes SQLite build a temporary b-tree (the
   * index is on doc_id, gen, hash), most of a small read's cost (as in load_revs) */
  if (revs->len > 1)
    g_ptr_array_sort (revs, compare_rev_id);
  return g_steal_pointer (&revs);
}

static gboolean
read_revisions (CaucusStore        *self,
                const char         *id,
                const char * const *revs,
                guint64             known_generation,
                GPtrArray          *new_texts,
                GPtrArray          *new_revs,
                GError            **error)
{
  g_autoptr(GPtrArray) rows = load_tree (self, id, error);
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; revs[i] != NULL; i++)
    {
      guint64 gen;
      const char *hash;
      CaucusRevRow *row;
      char *text;

      caucus_rev_parse (revs[i], &gen, &hash);
      row = caucus_revs_find (rows, gen, hash);
      if (row == NULL || g_ptr_array_find (done, row, NULL))
        continue;
      g_ptr_array_add (done, row);
      if (!revision_text (self, id, rows, (RevEntry *) row, known_generation, &text, error))
        return FALSE;
      if (text == NULL)
        continue;
      g_ptr_array_add (new_texts, text);
      g_ptr_array_add (new_revs, caucus_rev_row_to_string (row));
    }
  return TRUE;
}

/* ---- the push's changes feed ------------------------------------------------------------ */

gint64
caucus_store_replicate_changes (CaucusStore *self,
                                gint64       since,
                                guint        limit,
                                GString     *request,
                                GPtrArray   *ids,
                                gint64      *last_seq,
                                gint64      *pending,
                                GError     **error)
{
  g_autoptr(GString) out = g_string_new ("{");
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 last = since, count = 0;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), -1);
  g_return_val_if_fail (limit > 0, -1);
  g_return_val_if_fail (request != NULL && ids != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!caucus_store_read_begin (self, error))
    return -1;
  /* the documents in sequence order (docs_seq), each joined to its leaves (revs_doc);
   * CROSS JOIN keeps docs the outer loop, so the rows come in sequence order unsorted */
  stmt = caucus_store_stmt (self,
                            "SELECT d.seq, d.id, r.gen, r.hash FROM docs d CROSS JOIN revs r "
                            "ON r.doc_id = d.doc_id WHERE d.seq > ? AND r.leaf ORDER BY d.seq",
                            error);
  if (stmt == NULL)
    {
      caucus_store_read_end (self);
      return -1;
    }
  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *hash = (const char *) sqlite3_column_text (stmt, 3);

      if (seq != last || count == 0)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 1);

          if (count == (gint64) limit)
            break;   /* the next document: the page is full */
          if (id == NULL || hash == NULL)
            {
              rc = SQLITE_CORRUPT;
              break;
            }
          if (count > 0)
            g_string_append (out, "],");
          if (!caucus_json_append_string (out, id, NULL))
            {
              rc = SQLITE_CORRUPT;   /* ids are checked when written */
              break;
            }
          g_string_append (out, ":[");
          g_ptr_array_add (listed, g_strdup (id));
          last = seq;
          count++;
        }
      else
        g_string_append_c (out, ',');
      if (hash == NULL)
        {
          rc = SQLITE_CORRUPT;
          break;
        }
      g_string_append_printf (out, "\"%" G_GINT64_FORMAT "-%s\"", (gint64) sqlite3_column_int64 (stmt, 2), hash);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read the changes feed");
      caucus_store_read_end (self);
      return -1;
    }
  *pending = 0;
  if (rc == SQLITE_ROW)
    {
      /* cut by the limit: count what is left */
      stmt = caucus_store_stmt (self, "SELECT count(*) FROM docs WHERE seq > ?", error);
      if (stmt == NULL)
        {
          caucus_store_read_end (self);
          return -1;
        }
      sqlite3_bind_int64 (stmt, 1, last);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *pending = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          caucus_store_set_sqlite_error (self, rc, error, "Could not read the changes feed");
          caucus_store_read_end (self);
          return -1;
        }
    }
  caucus_store_read_end (self);

  if (count > 0)
    g_string_append_c (out, ']');
  g_string_append_c (out, '}');
  g_string_append_len (request, out->str, out->len);
  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (ids, g_steal_pointer (&listed->pdata[i]));
  *last_seq = last;
  return count;
}
