/* caucus-store-docs.c — interactive writes: put (new_edits=true) and delete. */
#include "caucus-store-private.h"

#include <string.h>

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

  if (!caucus_doc_get_rev (doc, &rev, &gen, &hash, error) ||
      !caucus_doc_get_deleted (doc, &deleted, error) ||
      !caucus_doc_check_reserved (doc, error))
    return NULL;
  body = caucus_doc_canonical_body (doc, &body_len, error);
  if (body == NULL)
    return NULL;

  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return NULL;

  if (doc_id > 0)
    {
      old_rev = caucus_store_read_doc_rev (self, doc_id, &old_deleted, error);
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
      doc_id = caucus_store_insert_doc_row (self, id, seq, new_rev, deleted, doc, error);
      if (doc_id < 0)
        return NULL;
      rev_id = caucus_store_insert_rev (self, doc_id, 0, parent_gen + 1, new_hash, deleted, TRUE, FALSE,
                           body, body_len, error);
      if (rev_id < 0 ||
          !caucus_store_insert_attachments (self, rev_id, atts, error) ||
          !caucus_store_index_doc (self, doc_id, NULL, deleted ? NULL : doc, NULL, error))
        return NULL;
      caucus_store_note_changed (self, id);
      return g_steal_pointer (&new_rev);
    }

  rev_id = caucus_store_insert_rev (self, doc_id, parent_id, parent_gen + 1, new_hash, deleted, TRUE, FALSE,
                       body, body_len, error);
  if (rev_id < 0 ||
      (parent_id > 0 && !caucus_store_clear_leaf (self, parent_id, error)) ||
      !caucus_store_insert_attachments (self, rev_id, atts, error) ||
      !caucus_store_update_existing_doc (self, doc_id, old_rev, old_deleted, rev_id, deleted ? NULL : doc, NULL, error) ||
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

  id = caucus_doc_get_id (doc, error);
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
