/* caucus-store-attachments.c — content-addressed blobs and the attachments of revisions.
 *
 * A blob is stored once per md5 digest ("md5-<base64>", the form CouchDB reports), so the
 * same bytes attached to many revisions or documents take space once.  Revisions refer to
 * blobs through the atts table; compaction removes blobs nothing refers to. */
#include "caucus-store-private.h"

#include <string.h>

void
caucus_att_row_free (CaucusAttRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->content_type);
  g_free (row->digest);
  g_free (row);
}

char *
caucus_store_blob_digest (GBytes *data)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  guint8 raw[16];
  gsize raw_len = sizeof raw;
  g_autofree char *b64 = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  g_checksum_update (md5, bytes, size);
  g_checksum_get_digest (md5, raw, &raw_len);
  b64 = g_base64_encode (raw, raw_len);
  return g_strconcat ("md5-", b64, NULL);
}

gboolean
caucus_store_store_blob (CaucusStore *self,
                         GBytes      *data,
                         const char  *digest,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  if (size > CAUCUS_STORE_MAX_ATTACHMENT_SIZE)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_TOO_LARGE,
                   "The attachment is larger than %d MiB",
                   CAUCUS_STORE_MAX_ATTACHMENT_SIZE / (1024 * 1024));
      return FALSE;
    }
  stmt = caucus_store_stmt (self,
                            "INSERT INTO blobs (digest, length, data) VALUES (?, ?, ?) "
                            "ON CONFLICT (digest) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  sqlite3_bind_blob64 (stmt, 3, size > 0 ? bytes : "", size, SQLITE_STATIC);
  return caucus_store_step_done (self, stmt, error);
}

char *
caucus_store_add_blob (CaucusStore *self,
                       GBytes      *data,
                       GError     **error)
{
  g_autofree char *digest = NULL;
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  digest = caucus_store_blob_digest (data);
  if (!caucus_store_write_begin (self, error))
    return NULL;
  ok = caucus_store_store_blob (self, data, digest, error);
  if (!caucus_store_write_end (self, ok, ok ? error : NULL))
    return NULL;
  return g_steal_pointer (&digest);
}

gboolean
caucus_store_has_blob (CaucusStore *self,
                       const char  *digest)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  stmt = caucus_store_stmt (self, "SELECT 1 FROM blobs WHERE digest = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

GBytes *
caucus_store_get_blob (CaucusStore *self,
                       const char  *digest,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (digest != NULL, NULL);

  stmt = caucus_store_stmt (self, "SELECT data FROM blobs WHERE digest = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                 "No attachment data with digest %s", digest);
  else if (rc != SQLITE_ROW)
    caucus_store_set_sqlite_error (self, rc, error, "Could not read an attachment");
  return bytes;
}

GPtrArray *
caucus_store_load_attachments (CaucusStore *self,
                               gint64       rev_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) atts = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_att_row_free);
  int rc;

  if (rev_id <= 0)
    return g_steal_pointer (&atts);
  stmt = caucus_store_stmt (self,
                            "SELECT name, content_type, digest, length, revpos FROM atts "
                            "WHERE rev_id = ? ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rev_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaucusAttRow *att = g_new0 (CaucusAttRow, 1);

      att->name = caucus_store_col_text (stmt, 0);
      att->content_type = caucus_store_col_text (stmt, 1);
      att->digest = caucus_store_col_text (stmt, 2);
      att->length = sqlite3_column_int64 (stmt, 3);
      att->revpos = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (atts, att);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read attachments");
      return NULL;
    }
  return g_steal_pointer (&atts);
}

gboolean
caucus_store_insert_attachments (CaucusStore *self,
                                 gint64       rev_id,
                                 GPtrArray   *atts,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (atts == NULL || atts->len == 0)
    return TRUE;
  stmt = caucus_store_stmt (self,
                            "INSERT INTO atts (rev_id, name, digest, content_type, length, revpos) "
                            "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rev_id);
      sqlite3_bind_text (stmt, 2, att->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, att->digest, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, att->content_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, att->length);
      sqlite3_bind_int64 (stmt, 6, att->revpos);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_att_names (gconstpointer a,
                   gconstpointer b)
{
  const CaucusAttRow *x = *(CaucusAttRow * const *) a;
  const CaucusAttRow *y = *(CaucusAttRow * const *) b;

  return strcmp (x->name, y->name);
}

void
caucus_atts_write_digest_map (GString   *out,
                              GPtrArray *atts)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) map = json_object_new ();

  g_ptr_array_sort (atts, compare_att_names);
  for (guint i = 0; i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);
      json_object_set_string_member (map, att->name, att->digest);
    }
  node = json_node_init_object (json_node_alloc (), map);
  caucus_json_write (out, node, TRUE, FALSE, NULL);
}

static gboolean
valid_base64 (const char *s)
{
  gsize n = 0, pad = 0;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '+' || *p == '/')
        {
          if (pad > 0)
            return FALSE;
          n++;
        }
      else if (*p == '=')
        pad++;
      else if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return pad <= 2 && (n + pad) % 4 == 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static CaucusAttRow *
find_att (GPtrArray  *atts,
          const char *name)
{
  for (guint i = 0; atts != NULL && i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);

      if (strcmp (att->name, name) == 0)
        return att;
    }
  return NULL;
}

static gint64
blob_length (CaucusStore *self,
             const char  *digest,
             GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT length FROM blobs WHERE digest = ?", error);
  gint64 length = -1;
  int rc;

  if (stmt == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    length = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read an attachment");
      return -2;
    }
  return length;
}

GPtrArray *
caucus_store_resolve_attachments (CaucusStore *self,
                                  JsonObject  *doc,
                                  gint64       parent_rev_id,
                                  guint64      gen,
                                  gboolean     replicated,
                                  GError     **error)
{
  g_autoptr(GPtrArray) atts = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_att_row_free);
  g_autoptr(GPtrArray) parent_atts = NULL;
  JsonNode *node = json_object_get_member (doc, "_attachments");
  JsonObject *map;
  GList *names;
  gboolean ok = TRUE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&atts);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "_attachments must be an object of name → attachment");
      return NULL;
    }
  map = json_node_get_object (node);
  names = json_object_get_members (map);
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (map, name);
      JsonObject *att_obj;
      const char *data, *digest, *content_type;
      g_autoptr(CaucusAttRow) att = g_new0 (CaucusAttRow, 1);
      JsonNode *revpos;

      if (*name == '\0' || name[0] == '_' || !g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Attachment name “%s” is empty, starts with '_' or is not UTF-8", name);
          ok = FALSE;
          break;
        }
      if (!JSON_NODE_HOLDS_OBJECT (value))
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Attachment “%s” is not an object", name);
          ok = FALSE;
          break;
        }
      att_obj = json_node_get_object (value);
      data = member_string (att_obj, "data");
      digest = member_string (att_obj, "digest");
      content_type = member_string (att_obj, "content_type");
      att->name = g_strdup (name);
      revpos = json_object_get_member (att_obj, "revpos");

      if (data != NULL)
        {
          g_autoptr(GBytes) bytes = NULL;
          guchar *raw;
          gsize raw_len = 0;

          if (!valid_base64 (data))
            {
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                           "Attachment “%s”: data is not valid base64", name);
              ok = FALSE;
              break;
            }
          raw = g_base64_decode (data, &raw_len);
          bytes = g_bytes_new_take (raw, raw_len);
          att->digest = caucus_store_blob_digest (bytes);
          if (!caucus_store_store_blob (self, bytes, att->digest, error))
            {
              ok = FALSE;
              break;
            }
          att->length = (gint64) raw_len;
          att->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
          att->revpos = (gint64) gen;
          if (replicated && revpos != NULL && JSON_NODE_HOLDS_VALUE (revpos) &&
              json_node_get_value_type (revpos) == G_TYPE_INT64 && json_node_get_int (revpos) > 0)
            att->revpos = json_node_get_int (revpos);
        }
      else
        {
          CaucusAttRow *prev;

          if (parent_atts == NULL)
            {
              parent_atts = caucus_store_load_attachments (self, parent_rev_id, error);
              if (parent_atts == NULL)
                {
                  ok = FALSE;
                  break;
                }
            }
          prev = find_att (parent_atts, name);
          if (digest != NULL && (prev == NULL || strcmp (prev->digest, digest) != 0))
            {
              /* a stub naming bytes added beforehand (multipart upload, replication) */
              gint64 length = blob_length (self, digest, error);

              if (length == -2)
                {
                  ok = FALSE;
                  break;
                }
              if (length < 0)
                {
                  g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                               "Attachment stub “%s” names data %s the store does not have",
                               name, digest);
                  ok = FALSE;
                  break;
                }
              att->digest = g_strdup (digest);
              att->length = length;
              att->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
              att->revpos = (gint64) gen;
              if (revpos != NULL && JSON_NODE_HOLDS_VALUE (revpos) &&
                  json_node_get_value_type (revpos) == G_TYPE_INT64 && json_node_get_int (revpos) > 0)
                att->revpos = MIN (json_node_get_int (revpos), (gint64) gen);
            }
          else if (prev != NULL)
            {
              att->digest = g_strdup (prev->digest);
              att->length = prev->length;
              att->content_type = g_strdup (content_type != NULL ? content_type : prev->content_type);
              att->revpos = prev->revpos;
            }
          else
            {
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                           "Attachment stub “%s” names no attachment of the parent revision "
                           "(missing_stub)", name);
              ok = FALSE;
              break;
            }
        }
      g_ptr_array_add (atts, g_steal_pointer (&att));
    }
  g_list_free (names);
  if (!ok)
    return NULL;
  return g_steal_pointer (&atts);
}

/* ---- attachment API -------------------------------------------------------------------- */

static gint64
find_rev_id (CaucusStore *self,
             const char  *id,
             const char  *rev,
             GError     **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  gint64 doc_id = caucus_store_lookup_doc (self, id, error);
  CaucusRevRow *row;

  if (doc_id < 0)
    return -1;
  if (doc_id == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No document “%s”", id);
      return -1;
    }
  revs = caucus_store_load_revs (self, doc_id, error);
  if (revs == NULL)
    return -1;
  if (rev == NULL)
    {
      leaves = caucus_revs_leaves (revs);
      row = leaves->len > 0 ? g_ptr_array_index (leaves, 0) : NULL;
      if (row != NULL && row->deleted)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED,
                       "Document “%s” is deleted", id);
          return -1;
        }
    }
  else
    {
      guint64 gen;
      const char *hash;

      if (!caucus_rev_parse (rev, &gen, &hash))
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Invalid rev format “%s”", rev);
          return -1;
        }
      row = caucus_revs_find (revs, gen, hash);
    }
  if (row == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "Document “%s” has no revision %s", id, rev != NULL ? rev : "");
      return -1;
    }
  return row->rev_id;
}

GBytes *
caucus_store_get_attachment (CaucusStore *self,
                             const char  *id,
                             const char  *rev,
                             const char  *name,
                             char       **content_type,
                             char       **digest,
                             GError     **error)
{
  g_autoptr(GPtrArray) atts = NULL;
  CaucusAttRow *att;
  gint64 rev_id;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  rev_id = find_rev_id (self, id, rev, error);
  if (rev_id < 0)
    return NULL;
  atts = caucus_store_load_attachments (self, rev_id, error);
  if (atts == NULL)
    return NULL;
  att = find_att (atts, name);
  if (att == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "Document “%s” has no attachment “%s”", id, name);
      return NULL;
    }
  if (content_type != NULL)
    *content_type = g_strdup (att->content_type);
  if (digest != NULL)
    *digest = g_strdup (att->digest);
  return caucus_store_get_blob (self, att->digest, error);
}

/* Edits the attachments of @rev (or a new document) and writes the result as a new
 * revision; @data NULL removes @name. */
static char *
edit_attachment (CaucusStore *self,
                 const char  *id,
                 const char  *rev,
                 const char  *name,
                 const char  *content_type,
                 GBytes      *data,
                 GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GPtrArray) atts = NULL;
  gint64 rev_id = 0;
  char *new_rev;

  if (!caucus_store_validate_id (id, error))
    return NULL;
  if (*name == '\0' || name[0] == '_' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Attachment name “%s” is empty, starts with '_' or is not UTF-8", name);
      return NULL;
    }
  if (!caucus_store_write_begin (self, error))
    return NULL;

  if (rev != NULL)
    {
      CaucusGetOptions opts = { .rev = rev };

      doc = caucus_store_get (self, id, &opts, error);
      if (doc == NULL)
        goto fail;
      rev_id = find_rev_id (self, id, rev, error);
      if (rev_id < 0)
        goto fail;
      json_object_remove_member (doc, "_attachments");
      json_object_remove_member (doc, "_deleted");
    }
  else
    {
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", id);
    }
  atts = caucus_store_load_attachments (self, rev_id, error);
  if (atts == NULL)
    goto fail;
  {
    CaucusAttRow *old = find_att (atts, name);

    if (old != NULL)
      g_ptr_array_remove (atts, old);
    else if (data == NULL)
      {
        g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                     "Document “%s” has no attachment “%s”", id, name);
        goto fail;
      }
  }
  if (data != NULL)
    {
      CaucusAttRow *att = g_new0 (CaucusAttRow, 1);

      att->name = g_strdup (name);
      att->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
      att->digest = caucus_store_blob_digest (data);
      att->length = (gint64) g_bytes_get_size (data);
      att->revpos = 0;  /* the new revision's generation */
      g_ptr_array_add (atts, att);
      if (!caucus_store_store_blob (self, data, att->digest, error))
        goto fail;
    }
  new_rev = caucus_store_put_internal (self, doc, atts, error);
  if (new_rev == NULL)
    goto fail;
  if (!caucus_store_write_end (self, TRUE, error))
    {
      g_free (new_rev);
      return NULL;
    }
  return new_rev;

fail:
  caucus_store_write_end (self, FALSE, NULL);
  return NULL;
}

char *
caucus_store_put_attachment (CaucusStore *self,
                             const char  *id,
                             const char  *rev,
                             const char  *name,
                             const char  *content_type,
                             GBytes      *data,
                             GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && name != NULL && data != NULL, NULL);

  return edit_attachment (self, id, rev, name, content_type, data, error);
}

char *
caucus_store_delete_attachment (CaucusStore *self,
                                const char  *id,
                                const char  *rev,
                                const char  *name,
                                GError     **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && name != NULL, NULL);

  if (rev == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                   "Document update conflict: removing an attachment needs the current _rev");
      return NULL;
    }
  return edit_attachment (self, id, rev, name, NULL, NULL, error);
}
