/* caucus-store-write.c — what every write path shares: checking a document's reserved
 * members, its canonical body, and the rows of docs and revs, including choosing the
 * winner and keeping docs.{seq,rev,deleted,type,title} and the search index in step. */
#include "caucus-store-private.h"

#include <string.h>

/* Top-level members a document may carry; everything else starting with '_' is refused,
 * as CouchDB does.  The output-only ones are accepted and ignored, so a document read
 * with conflicts=true can be written back. */
gboolean
caucus_doc_check_reserved (JsonObject *doc,
                        GError    **error)
{
  static const char *const allowed[] = {
    "_id", "_rev", "_deleted", "_attachments", "_revisions", "_conflicts",
    "_deleted_conflicts", "_revs_info", "_local_seq", NULL
  };
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &member))
    if (name[0] == '_' && !g_strv_contains (allowed, name))
      {
        g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                     "Bad special document member: %s", name);
        return FALSE;
      }
  return TRUE;
}

const char *
caucus_doc_get_id (JsonObject *doc,
        GError    **error)
{
  JsonNode *node = json_object_get_member (doc, "_id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   node == NULL ? "The document has no _id" : "The document's _id is not a string");
      return NULL;
    }
  if (!caucus_store_validate_id (json_node_get_string (node), error))
    return NULL;
  return json_node_get_string (node);
}

/* _rev: absent (returns TRUE with *rev NULL) or a valid "N-hex" with N >= 1. */
gboolean
caucus_doc_get_rev (JsonObject  *doc,
         const char **rev,
         guint64     *gen,
         const char **hash,
         GError     **error)
{
  JsonNode *node = json_object_get_member (doc, "_rev");

  *rev = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The document's _rev is not a string");
      return FALSE;
    }
  *rev = json_node_get_string (node);
  if (!caucus_rev_parse (*rev, gen, hash) || *gen == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Invalid rev format “%s” (expected N-hex)", *rev);
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_doc_get_deleted (JsonObject *doc,
             gboolean   *deleted,
             GError    **error)
{
  JsonNode *node = json_object_get_member (doc, "_deleted");

  *deleted = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The document's _deleted is not a boolean");
      return FALSE;
    }
  *deleted = json_node_get_boolean (node);
  return TRUE;
}

char *
caucus_doc_canonical_body (JsonObject *doc,
                gsize      *length,
                GError    **error)
{
  return caucus_doc_canonical_body_text (doc, length, NULL, error);
}

char *
caucus_doc_canonical_body_text (JsonObject *doc,
                                gsize      *length,
                                GString    *text,
                                GError    **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);
  GString *out = g_string_sized_new (1024);

  if (!caucus_json_write_with_text (out, text, node, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

gint64
caucus_store_insert_doc_row (CaucusStore *self,
                const char  *id,
                gint64       seq,
                const char  *rev,
                gboolean     deleted,
                JsonObject  *body,
                GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self,
                                          "INSERT INTO docs (id, seq, rev, deleted, type, title) "
                                          "VALUES (?, ?, ?, ?, ?, ?)", error);
  const char *type, *title;

  if (stmt == NULL)
    return -1;
  caucus_search_doc_meta (deleted ? NULL : body, &type, &title);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, deleted);
  sqlite3_bind_text (stmt, 5, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, title, -1, SQLITE_STATIC);
  if (!caucus_store_step_done (self, stmt, error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
caucus_store_insert_rev (CaucusStore *self,
            gint64       doc_id,
            gint64       parent_id,
            guint64      gen,
            const char  *hash,
            gboolean     deleted,
            gboolean     leaf,
            gboolean     remote,
            const char  *body,
            gsize        body_len,
            GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self,
                                          "INSERT INTO revs (doc_id, parent, gen, hash, deleted, leaf, remote, body) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) gen);
  sqlite3_bind_text (stmt, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, deleted);
  sqlite3_bind_int (stmt, 6, leaf);
  sqlite3_bind_int (stmt, 7, remote);
  if (body != NULL)
    sqlite3_bind_text (stmt, 8, body, (int) body_len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 8);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                   "Document update conflict: revision %" G_GUINT64_FORMAT "-%s exists", gen, hash);
      return -1;
    }
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not write a revision");
      return -1;
    }
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
caucus_store_clear_leaf (CaucusStore *self,
            gint64       rev_id,
            GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "UPDATE revs SET leaf = 0 WHERE rev_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rev_id);
  return caucus_store_step_done (self, stmt, error);
}

static JsonObject *
load_body (CaucusStore *self,
           gint64       rev_id,
           GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT body FROM revs WHERE rev_id = ?", error);
  JsonObject *body = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rev_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    body = caucus_json_parse_trusted ((const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision");
      return NULL;
    }
  return body != NULL ? body : json_object_new ();
}

static JsonObject *
load_rev_body (CaucusStore *self,
               gint64       doc_id,
               const char  *rev,
               GError     **error)
{
  sqlite3_stmt *stmt;
  const char *hash;
  guint64 gen;
  gint64 rev_id = 0;
  int rc;

  if (!caucus_rev_parse (rev, &gen, &hash))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store holds a malformed revision %s", rev);
      return NULL;
    }
  stmt = caucus_store_stmt (self, "SELECT rev_id FROM revs WHERE doc_id = ? AND gen = ? AND hash = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) gen);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rev_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rev_id == 0)
    {
      caucus_store_set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error,
                                     "Could not read the winning revision");
      return NULL;
    }
  return load_body (self, rev_id, error);
}

/* After a revision was added to an existing document: pick the winner, give the document
 * the next sequence and, if the winner changed, re-index it.  @old_rev/@old_deleted
 * describe the winner before the write; @written_* the revision just added, whose body
 * the caller still has parsed. */
gboolean
caucus_store_update_existing_doc (CaucusStore   *self,
                     gint64         doc_id,
                     const char    *old_rev,
                     gboolean       old_deleted,
                     gint64         written_rev_id,
                     JsonObject    *written_body,
                     const GString *written_text,
                     GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 win_id, seq;
  gboolean win_deleted;
  g_autofree char *win_rev = NULL;
  g_autoptr(JsonObject) old_body = NULL;
  g_autoptr(JsonObject) loaded = NULL;
  JsonObject *new_body = NULL;
  const GString *new_text = NULL;
  const char *type, *title;
  int rc;

  stmt = caucus_store_stmt (self,
                            "SELECT rev_id, gen || '-' || hash, deleted FROM revs "
                            "WHERE doc_id = ? AND leaf = 1 "
                            "ORDER BY deleted ASC, gen DESC, hash DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      caucus_store_set_sqlite_error (self, rc, error, "Could not choose the winning revision");
      return FALSE;
    }
  win_id = sqlite3_column_int64 (stmt, 0);
  win_rev = caucus_store_col_text (stmt, 1);
  win_deleted = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);

  seq = caucus_store_next_seq (self, error);
  if (seq < 0)
    return FALSE;

  if (g_strcmp0 (old_rev, win_rev) == 0)
    {
      /* the winner did not change (a conflict arrived, or a losing branch moved) */
      stmt = caucus_store_stmt (self, "UPDATE docs SET seq = ? WHERE doc_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, seq);
      sqlite3_bind_int64 (stmt, 2, doc_id);
      return caucus_store_step_done (self, stmt, error);
    }

  if (!old_deleted && !self->search_off)   /* only the index needs the old text */
    {
      old_body = load_rev_body (self, doc_id, old_rev, error);
      if (old_body == NULL)
        return FALSE;
    }
  if (!win_deleted)
    {
      if (win_id == written_rev_id)
        {
          new_body = written_body;
          new_text = written_text;
        }
      else
        {
          loaded = load_body (self, win_id, error);
          if (loaded == NULL)
            return FALSE;
          new_body = loaded;
        }
    }
  if (!caucus_store_index_doc (self, doc_id, old_body, new_body, new_text, error))
    return FALSE;

  caucus_search_doc_meta (new_body, &type, &title);
  stmt = caucus_store_stmt (self,
                            "UPDATE docs SET seq = ?, rev = ?, deleted = ?, type = ?, title = ? "
                            "WHERE doc_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, win_rev, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, win_deleted);
  sqlite3_bind_text (stmt, 4, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, doc_id);
  return caucus_store_step_done (self, stmt, error);
}

char *
caucus_store_read_doc_rev (CaucusStore *self,
              gint64       doc_id,
              gboolean    *deleted,
              GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT rev, deleted FROM docs WHERE doc_id = ?", error);
  char *rev = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rev = caucus_store_col_text (stmt, 0);
      *deleted = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rev == NULL)
    caucus_store_set_sqlite_error (self, rc == SQLITE_ROW ? SQLITE_CORRUPT : rc, error,
                                   "Could not read a document");
  return rev;
}

