/* caucus-store-docs.c — writes: put (new_edits=true), put_with_history (new_edits=false),
 * delete, bulk_docs, and keeping docs.{seq,rev,deleted} and the search index in step. */
#include "caucus-store-private.h"

#include <string.h>

/* Top-level members a document may carry; everything else starting with '_' is refused,
 * as CouchDB does.  The output-only ones are accepted and ignored, so a document read
 * with conflicts=true can be written back. */
static gboolean
check_reserved_members (JsonObject *doc,
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

static const char *
get_id (JsonObject *doc,
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
static gboolean
get_rev (JsonObject  *doc,
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

static gboolean
get_deleted (JsonObject *doc,
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

static char *
canonical_body (JsonObject *doc,
                gsize      *length,
                GError    **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), doc);
  GString *out = g_string_sized_new (256);

  if (!caucus_json_write (out, node, TRUE, TRUE, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

static char *
compute_hash (const char *parent_rev,
              gboolean    deleted,
              const char *body,
              gsize       body_len,
              GPtrArray  *atts)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autoptr(GString) att_map = g_string_new (NULL);

  if (parent_rev != NULL)
    g_checksum_update (md5, (const guchar *) parent_rev, -1);
  g_checksum_update (md5, (const guchar *) (deleted ? "\n1\n" : "\n0\n"), 3);
  g_checksum_update (md5, (const guchar *) body, body_len);
  if (atts != NULL && atts->len > 0)
    {
      caucus_atts_write_digest_map (att_map, atts);
      g_checksum_update (md5, (const guchar *) "\n", 1);
      g_checksum_update (md5, (const guchar *) att_map->str, att_map->len);
    }
  return g_strdup (g_checksum_get_string (md5));
}

static gint64
insert_doc_row (CaucusStore *self,
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

static gint64
insert_rev (CaucusStore *self,
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

static gboolean
clear_leaf (CaucusStore *self,
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
static gboolean
update_existing_doc (CaucusStore   *self,
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

  if (!old_deleted)
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

static char *
read_doc_rev (CaucusStore *self,
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

/* ---- put (new_edits=true) -------------------------------------------------------------- */

static char *
put_locked (CaucusStore *self,
            JsonObject  *doc,
            const char  *id,
            GPtrArray   *resolved_atts,
            GError     **error)
{
  const char *rev, *hash;
  guint64 gen = 0;
  gboolean deleted;
  g_autofree char *body = NULL;
  gsize body_len = 0;
  gint64 doc_id, parent_id = 0, rev_id;
  guint64 parent_gen = 0;
  g_autofree char *parent_rev = NULL;
  g_autofree char *old_rev = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr(GPtrArray) atts = NULL;
  gboolean old_deleted = FALSE;

  if (!get_rev (doc, &rev, &gen, &hash, error) ||
      !get_deleted (doc, &deleted, error) ||
      !check_reserved_members (doc, error))
    return NULL;
  body = canonical_body (doc, &body_len, error);
  if (body == NULL)
    return NULL;

  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return NULL;

  if (doc_id > 0)
    {
      old_rev = read_doc_rev (self, doc_id, &old_deleted, error);
      if (old_rev == NULL)
        return NULL;
    }

  if (rev != NULL)
    {
      sqlite3_stmt *stmt;
      int rc;
      gboolean leaf = FALSE;

      if (doc_id == 0)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                       "Document update conflict: “%s” does not exist, so _rev %s names no leaf",
                       id, rev);
          return NULL;
        }
      stmt = caucus_store_stmt (self, "SELECT rev_id, leaf FROM revs WHERE doc_id = ? AND gen = ? AND hash = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) gen);
      sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          parent_id = sqlite3_column_int64 (stmt, 0);
          leaf = sqlite3_column_int (stmt, 1) != 0;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision");
          return NULL;
        }
      if (!leaf)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                       "Document update conflict: %s is not a current revision of “%s”", rev, id);
          return NULL;
        }
      parent_gen = gen;
      parent_rev = g_strdup (rev);
    }
  else if (doc_id > 0)
    {
      if (!old_deleted)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                       "Document update conflict: “%s” exists; give its current _rev", id);
          return NULL;
        }
      /* recreating a deleted document extends the winning tombstone */
      {
        const char *old_hash;
        sqlite3_stmt *stmt;
        int rc;

        if (!caucus_rev_parse (old_rev, &parent_gen, &old_hash))
          {
            g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                         "The store holds a malformed revision %s", old_rev);
            return NULL;
          }
        stmt = caucus_store_stmt (self, "SELECT rev_id FROM revs WHERE doc_id = ? AND gen = ? AND hash = ?", error);
        if (stmt == NULL)
          return NULL;
        sqlite3_bind_int64 (stmt, 1, doc_id);
        sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) parent_gen);
        sqlite3_bind_text (stmt, 3, old_hash, -1, SQLITE_STATIC);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          parent_id = sqlite3_column_int64 (stmt, 0);
        sqlite3_reset (stmt);
        if (parent_id == 0)
          {
            caucus_store_set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error,
                                           "Could not read the winning revision");
            return NULL;
          }
        parent_rev = g_strdup (old_rev);
      }
    }

  if (resolved_atts != NULL)
    {
      atts = g_ptr_array_ref (resolved_atts);
      for (guint i = 0; i < atts->len; i++)
        {
          CaucusAttRow *att = g_ptr_array_index (atts, i);
          if (att->revpos <= 0)
            att->revpos = (gint64) parent_gen + 1;
        }
    }
  else
    {
      atts = caucus_store_resolve_attachments (self, doc, parent_id, parent_gen + 1, FALSE, error);
      if (atts == NULL)
        return NULL;
    }

  new_hash = compute_hash (parent_rev, deleted, body, body_len, atts);
  if (doc_id == 0)
    {
      g_autofree char *new_rev = g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", parent_gen + 1, new_hash);
      gint64 seq = caucus_store_next_seq (self, error);

      if (seq < 0)
        return NULL;
      doc_id = insert_doc_row (self, id, seq, new_rev, deleted, doc, error);
      if (doc_id < 0)
        return NULL;
      rev_id = insert_rev (self, doc_id, 0, parent_gen + 1, new_hash, deleted, TRUE, FALSE,
                           body, body_len, error);
      if (rev_id < 0 ||
          !caucus_store_insert_attachments (self, rev_id, atts, error) ||
          !caucus_store_index_doc (self, doc_id, NULL, deleted ? NULL : doc, NULL, error))
        return NULL;
      caucus_store_note_changed (self, id);
      return g_steal_pointer (&new_rev);
    }

  rev_id = insert_rev (self, doc_id, parent_id, parent_gen + 1, new_hash, deleted, TRUE, FALSE,
                       body, body_len, error);
  if (rev_id < 0 ||
      (parent_id > 0 && !clear_leaf (self, parent_id, error)) ||
      !caucus_store_insert_attachments (self, rev_id, atts, error) ||
      !update_existing_doc (self, doc_id, old_rev, old_deleted, rev_id, deleted ? NULL : doc, NULL, error) ||
      !caucus_store_stem (self, doc_id, error))
    return NULL;
  caucus_store_note_changed (self, id);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "-%s", parent_gen + 1, new_hash);
}

char *
caucus_store_put_internal (CaucusStore *self,
                           JsonObject  *doc,
                           GPtrArray   *resolved_atts,
                           GError     **error)
{
  const char *id;
  char *rev;

  id = get_id (doc, error);
  if (id == NULL)
    return NULL;
  if (g_str_has_prefix (id, "_local/"))
    return caucus_store_put_local (self, doc, error);
  if (!caucus_store_write_begin (self, error))
    return NULL;
  rev = put_locked (self, doc, id, resolved_atts, error);
  if (!caucus_store_write_end (self, rev != NULL, rev != NULL ? error : NULL))
    g_clear_pointer (&rev, g_free);
  return rev;
}

char *
caucus_store_put (CaucusStore *self,
                  JsonObject  *doc,
                  GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return caucus_store_put_internal (self, doc, NULL, error);
}

char *
caucus_store_put_json (CaucusStore *self,
                       const char  *json,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (json != NULL, NULL);

  doc = caucus_json_parse_object (json, length, CAUCUS_JSON_MAX_DEPTH, error);
  if (doc == NULL)
    return NULL;
  return caucus_store_put (self, doc, error);
}

char *
caucus_store_delete (CaucusStore *self,
                     const char  *id,
                     const char  *rev,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!caucus_store_validate_id (id, error))
    return NULL;
  if (g_str_has_prefix (id, "_local/"))
    {
      if (!caucus_store_delete_local (self, id, rev, error))
        return NULL;
      return g_strdup ("0-0");
    }
  if (rev == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                   "Document update conflict: deleting “%s” needs its current _rev", id);
      return NULL;
    }
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  json_object_set_boolean_member (doc, "_deleted", TRUE);
  return caucus_store_put (self, doc, error);
}

/* ---- put_with_history (new_edits=false) ------------------------------------------------ */

typedef struct {
  guint64     gen;
  const char *hash;
} PathRev;

static GArray *
parse_history (JsonObject  *doc,
               guint64      gen,
               const char  *hash,
               guint        revs_limit,
               GError     **error)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (PathRev));
  JsonNode *node = json_object_get_member (doc, "_revisions");
  JsonObject *revisions;
  JsonArray *ids;
  gint64 start;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      PathRev pr = { gen, hash };
      g_array_append_val (path, pr);
      return path;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  revisions = json_node_get_object (node);
  node = json_object_get_member (revisions, "start");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    goto bad;
  start = json_node_get_int (node);
  node = json_object_get_member (revisions, "ids");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  ids = json_node_get_array (node);
  n = json_array_get_length (ids);
  if (n == 0 || start < 1 || (guint64) start != gen || (gint64) n > start)
    goto bad;
  for (guint i = 0; i < n && i < revs_limit; i++)
    {
      JsonNode *id = json_array_get_element (ids, i);
      PathRev pr;
      gsize len = 0;

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        goto bad;
      pr.gen = (guint64) start - i;
      pr.hash = json_node_get_string (id);
      for (const char *h = pr.hash; *h != '\0'; h++, len++)
        if (!g_ascii_isxdigit (*h) || g_ascii_isupper (*h))
          goto bad;
      if (len == 0 || len > 128)
        goto bad;
      if (i == 0 && strcmp (pr.hash, hash) != 0)
        goto bad;
      g_array_append_val (path, pr);
    }
  return path;

bad:
  g_array_unref (path);
  g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
               "Invalid _revisions: expected {start: N, ids: [newest hash first, …]} "
               "matching _rev %" G_GUINT64_FORMAT "-%s", gen, hash);
  return NULL;
}

/* Everything about a replicated document that needs no database: done up front, and in
 * bulk_docs on a second thread while the first one writes. */
typedef struct {
  JsonObject *doc;
  const char *id;
  const char *rev;
  const char *hash;
  guint64     gen;
  gboolean    deleted;
  GArray     *path;
  char       *body;
  gsize       body_len;
  GString    *text;     /* folded searchable text, NULL for a tombstone */
  GError     *error;    /* why the document is refused */
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_clear_pointer (&p->doc, json_object_unref);
  g_clear_pointer (&p->path, g_array_unref);
  g_clear_pointer (&p->body, g_free);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  p->text = NULL;
  g_clear_error (&p->error);
}

/* Fills @p from @doc; on bad input sets p->error. */
static void
prepare_history (Prepared   *p,
                 JsonObject *doc,
                 guint       revs_limit)
{
  GError **error = &p->error;

  JsonNode *id_node = json_object_get_member (doc, "_id");

  p->doc = json_object_ref (doc);
  /* the id as given, for error reports even when it is not a valid one */
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    p->id = json_node_get_string (id_node);
  if (get_id (doc, error) == NULL)
    return;
  if (g_str_has_prefix (p->id, "_local/"))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Local document “%s” cannot be written with new_edits=false; local "
                   "documents do not replicate", p->id);
      return;
    }
  if (!get_rev (doc, &p->rev, &p->gen, &p->hash, error) ||
      !get_deleted (doc, &p->deleted, error) ||
      !check_reserved_members (doc, error))
    return;
  if (p->rev == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "A replicated document (new_edits=false) needs a _rev");
      return;
    }
  p->path = parse_history (doc, p->gen, p->hash, revs_limit, error);
  if (p->path == NULL)
    return;
  p->body = canonical_body (doc, &p->body_len, error);
  if (p->body == NULL)
    return;
  if (!p->deleted)
    p->text = caucus_search_text (doc);
}

static gboolean
put_history_locked (CaucusStore *self,
                    Prepared    *p,
                    GError     **error)
{
  JsonObject *doc = p->doc;
  const char *id = p->id;
  gboolean deleted = p->deleted;
  GArray *path = p->path;
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) atts = NULL;
  g_autofree char *old_rev = NULL;
  gint64 doc_id, parent_id = 0, rev_id = 0;
  guint graft;
  gboolean old_deleted = FALSE;
  gboolean is_new;

  if (p->error != NULL)
    {
      g_propagate_error (error, g_error_copy (p->error));
      return FALSE;
    }

  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return FALSE;
  is_new = doc_id == 0;

  /* find the newest revision of the path the tree already has: the graft point */
  graft = path->len;
  if (!is_new)
    {
      revs = caucus_store_load_revs (self, doc_id, error);
      if (revs == NULL)
        return FALSE;
      for (guint i = 0; i < path->len; i++)
        {
          PathRev *pr = &g_array_index (path, PathRev, i);
          CaucusRevRow *row = caucus_revs_find (revs, pr->gen, pr->hash);

          if (row != NULL)
            {
              graft = i;
              parent_id = row->rev_id;
              break;
            }
        }
      if (graft == 0)
        return TRUE;  /* already known: a no-op */
      old_rev = read_doc_rev (self, doc_id, &old_deleted, error);
      if (old_rev == NULL)
        return FALSE;
    }

  atts = caucus_store_resolve_attachments (self, doc, parent_id, p->gen, TRUE, error);
  if (atts == NULL)
    return FALSE;

  if (is_new)
    {
      gint64 seq = caucus_store_next_seq (self, error);

      if (seq < 0)
        return FALSE;
      doc_id = insert_doc_row (self, id, seq, p->rev, deleted, doc, error);
      if (doc_id < 0)
        return FALSE;
    }
  /* the revisions between the graft point and the new leaf, oldest first, without bodies */
  for (guint i = graft; i > 0; i--)
    {
      PathRev *pr = &g_array_index (path, PathRev, i - 1);
      gboolean is_leaf = i == 1;

      rev_id = insert_rev (self, doc_id, parent_id, pr->gen, pr->hash,
                           is_leaf ? deleted : FALSE, is_leaf, TRUE,
                           is_leaf ? p->body : NULL, p->body_len, error);
      if (rev_id < 0)
        return FALSE;
      if (i == graft && parent_id > 0 && !clear_leaf (self, parent_id, error))
        return FALSE;
      parent_id = rev_id;
    }
  if (!caucus_store_insert_attachments (self, rev_id, atts, error))
    return FALSE;
  if (is_new)
    {
      if (!caucus_store_index_doc (self, doc_id, NULL, deleted ? NULL : doc, p->text, error))
        return FALSE;
    }
  else if (!update_existing_doc (self, doc_id, old_rev, old_deleted, rev_id, deleted ? NULL : doc,
                                 p->text, error) ||
           !caucus_store_stem (self, doc_id, error))
    return FALSE;
  if (is_new && path->len >= self->revs_limit && !caucus_store_stem (self, doc_id, error))
    return FALSE;
  caucus_store_note_changed (self, id);
  return TRUE;
}

static gboolean
write_prepared (CaucusStore *self,
                Prepared    *p,
                GError     **error)
{
  gboolean ok;

  if (p->error != NULL)
    {
      g_propagate_error (error, g_error_copy (p->error));
      return FALSE;
    }
  if (!caucus_store_write_begin (self, error))
    return FALSE;
  ok = put_history_locked (self, p, error);
  return caucus_store_write_end (self, ok, ok ? error : NULL) && ok;
}

gboolean
caucus_store_put_with_history (CaucusStore *self,
                               JsonObject  *doc,
                               GError     **error)
{
  Prepared p = { NULL };
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prepare_history (&p, doc, self->revs_limit);
  ok = write_prepared (self, &p, error);
  prepared_clear (&p);
  return ok;
}

/* ---- bulk_docs ------------------------------------------------------------------------- */

static void
add_error_row (JsonArray    *results,
               const char   *id,
               const GError *err)
{
  JsonObject *row = json_object_new ();
  const char *name = "bad_request";

  if (err->domain == CAUCUS_STORE_ERROR)
    switch ((CaucusStoreError) err->code)
      {
      case CAUCUS_STORE_ERROR_CONFLICT: name = "conflict"; break;
      case CAUCUS_STORE_ERROR_NOT_FOUND: name = "not_found"; break;
      case CAUCUS_STORE_ERROR_DELETED: name = "not_found"; break;
      case CAUCUS_STORE_ERROR_TOO_LARGE: name = "too_large"; break;
      case CAUCUS_STORE_ERROR_INVALID: name = "bad_request"; break;
      case CAUCUS_STORE_ERROR_IO:
      case CAUCUS_STORE_ERROR_CORRUPT:
      case CAUCUS_STORE_ERROR_BUSY:
      default: name = "internal_server_error"; break;
      }
  if (id != NULL)
    json_object_set_string_member (row, "id", id);
  else
    json_object_set_null_member (row, "id");
  json_object_set_string_member (row, "error", name);
  json_object_set_string_member (row, "reason", err->message);
  json_array_add_object_element (results, row);
}

static gboolean
is_fatal (const GError *err)
{
  return err->domain != CAUCUS_STORE_ERROR ||
         err->code == CAUCUS_STORE_ERROR_IO ||
         err->code == CAUCUS_STORE_ERROR_CORRUPT ||
         err->code == CAUCUS_STORE_ERROR_BUSY;
}

/* ---- the replication bulk path: prepare on a second thread, write on this one ---------- */

#define PIPELINE_MIN_DOCS 256   /* below this a thread costs more than it saves */
#define PIPELINE_AHEAD    1024  /* bound the memory held by prepared documents */
#define PIPELINE_STEP     32    /* progress is published in steps, not per document */

typedef struct {
  JsonArray *docs;
  Prepared  *slots;
  guint      n;
  guint      revs_limit;
  GMutex     lock;
  GCond      cond;
  guint      prepared;   /* slots [0, prepared) are ready for the writer */
  guint      consumed;   /* the writer is done with slots [0, consumed) */
  gboolean   cancelled;
} Pipeline;

static gpointer
pipeline_thread (gpointer data)
{
  Pipeline *pl = data;

  for (guint i = 0; i < pl->n; i++)
    {
      JsonNode *node;

      if (i % PIPELINE_STEP == 0)
        {
          g_mutex_lock (&pl->lock);
          while (!pl->cancelled && i >= pl->consumed + PIPELINE_AHEAD)
            g_cond_wait (&pl->cond, &pl->lock);
          g_mutex_unlock (&pl->lock);
          if (g_atomic_int_get (&pl->cancelled))
            break;
        }
      node = json_array_get_element (pl->docs, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        prepare_history (&pl->slots[i], json_node_get_object (node), pl->revs_limit);
      else
        g_set_error (&pl->slots[i].error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                     "Document %u of the batch is not a JSON object", i);
      if ((i + 1) % PIPELINE_STEP == 0 || i + 1 == pl->n)
        {
          g_mutex_lock (&pl->lock);
          pl->prepared = i + 1;
          g_cond_broadcast (&pl->cond);
          g_mutex_unlock (&pl->lock);
        }
    }
  return NULL;
}

static gboolean
bulk_history (CaucusStore *self,
              JsonArray   *docs,
              JsonArray   *results,
              GError     **error)
{
  Pipeline pl = { 0 };
  GThread *thread;
  guint ready = 0;
  gboolean ok = TRUE;

  pl.docs = docs;
  pl.n = json_array_get_length (docs);
  pl.slots = g_new0 (Prepared, pl.n);
  pl.revs_limit = self->revs_limit;
  g_mutex_init (&pl.lock);
  g_cond_init (&pl.cond);
  thread = g_thread_new ("caucus-store-prepare", pipeline_thread, &pl);

  for (guint i = 0; i < pl.n && ok; i++)
    {
      Prepared *p = &pl.slots[i];
      g_autoptr(GError) local_error = NULL;

      if (i >= ready)
        {
          g_mutex_lock (&pl.lock);
          while (pl.prepared <= i)
            g_cond_wait (&pl.cond, &pl.lock);
          ready = pl.prepared;
          g_mutex_unlock (&pl.lock);
        }
      if (!write_prepared (self, p, &local_error))
        {
          if (is_fatal (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
          else
            add_error_row (results, p->id, local_error);
        }
      prepared_clear (p);
      if ((i + 1) % PIPELINE_STEP == 0)
        {
          g_mutex_lock (&pl.lock);
          pl.consumed = i + 1;
          g_cond_broadcast (&pl.cond);
          g_mutex_unlock (&pl.lock);
        }
    }

  g_mutex_lock (&pl.lock);
  pl.cancelled = TRUE;
  g_cond_broadcast (&pl.cond);
  g_mutex_unlock (&pl.lock);
  g_thread_join (thread);
  for (guint i = 0; i < pl.n; i++)
    prepared_clear (&pl.slots[i]);
  g_free (pl.slots);
  g_mutex_clear (&pl.lock);
  g_cond_clear (&pl.cond);
  return ok;
}

JsonArray *
caucus_store_bulk_docs (CaucusStore *self,
                        JsonArray   *docs,
                        gboolean     new_edits,
                        GError     **error)
{
  g_autoptr(JsonArray) results = json_array_new ();
  gboolean own_txn;
  guint n;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  own_txn = !self->in_txn;
  if (own_txn && !caucus_store_begin (self, error))
    return NULL;

  n = json_array_get_length (docs);
  if (!new_edits && n >= PIPELINE_MIN_DOCS)
    {
      if (!bulk_history (self, docs, results, error))
        {
          if (own_txn)
            caucus_store_rollback (self);
          return NULL;
        }
      n = 0;  /* done */
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (docs, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) doc = NULL;
      const char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Document %u of the batch is not a JSON object", i);
          add_error_row (results, NULL, local_error);
          continue;
        }
      doc = json_object_ref (json_node_get_object (node));
      if (new_edits && !json_object_has_member (doc, "_id"))
        {
          /* like POST /db: a new document gets a generated id (on a copy; the caller's
           * object may be immutable) */
          JsonObject *copy = json_object_new ();
          GList *members = json_object_get_members (doc);
          g_autofree char *uuid = g_uuid_string_random ();
          GString *hex = g_string_new (NULL);

          for (const char *p = uuid; *p != '\0'; p++)
            if (*p != '-')
              g_string_append_c (hex, *p);
          json_object_set_string_member (copy, "_id", hex->str);
          g_string_free (hex, TRUE);
          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (copy, l->data,
                                    json_node_copy (json_object_get_member (doc, l->data)));
          g_list_free (members);
          g_clear_pointer (&doc, json_object_unref);
          doc = copy;
        }
      if (json_object_has_member (doc, "_id") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_id")) &&
          json_node_get_value_type (json_object_get_member (doc, "_id")) == G_TYPE_STRING)
        id = json_object_get_string_member (doc, "_id");

      if (new_edits)
        {
          g_autofree char *rev = caucus_store_put (self, doc, &local_error);

          if (rev != NULL)
            {
              JsonObject *row = json_object_new ();

              json_object_set_boolean_member (row, "ok", TRUE);
              json_object_set_string_member (row, "id", id);
              json_object_set_string_member (row, "rev", rev);
              json_array_add_object_element (results, row);
              continue;
            }
        }
      else if (caucus_store_put_with_history (self, doc, &local_error))
        continue;

      if (is_fatal (local_error))
        {
          if (own_txn)
            caucus_store_rollback (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      add_error_row (results, id, local_error);
    }

  if (own_txn && !caucus_store_commit (self, error))
    {
      caucus_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&results);
}
