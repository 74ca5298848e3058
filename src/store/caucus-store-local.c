/* caucus-store-local.c — local documents (_local/…): no revision tree, revisions
 * "0-N", never in the changes feed, never counted, never replicated. */
#include "caucus-store-private.h"

#include <string.h>

static char *
local_id (const char *id,
          GError    **error)
{
  char *full;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Local document id is empty");
      return NULL;
    }
  full = g_str_has_prefix (id, "_local/") ? g_strdup (id) : g_strconcat ("_local/", id, NULL);
  if (!caucus_store_validate_id (full, error))
    g_clear_pointer (&full, g_free);
  return full;
}

/* Reads the current revision number of @id: 0 when absent, -1 on error. */
static gint64
current_rev (CaucusStore *self,
             const char  *id,
             char       **body,
             GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT rev, body FROM local_docs WHERE id = ?", error);
  gint64 rev = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rev = sqlite3_column_int64 (stmt, 0);
      if (body != NULL)
        *body = caucus_store_col_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read a local document");
      return -1;
    }
  return rev;
}

/* "0-N" → N; -1 for anything else. */
static gint64
parse_local_rev (const char *rev)
{
  guint64 n = 0;

  if (rev == NULL || !g_str_has_prefix (rev, "0-") || rev[2] == '\0')
    return -1;
  for (const char *p = rev + 2; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || n > G_MAXINT64 / 20)
        return -1;
      n = n * 10 + (guint64) (*p - '0');
    }
  return (gint64) n;
}

JsonObject *
caucus_store_get_local (CaucusStore *self,
                        const char  *id,
                        GError     **error)
{
  g_autofree char *full = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *rev_str = NULL;
  JsonObject *doc;
  gint64 rev;
  GList *members;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);

  full = local_id (id, error);
  if (full == NULL)
    return NULL;
  rev = current_rev (self, full, &body, error);
  if (rev < 0)
    return NULL;
  if (rev == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No local document “%s”", full);
      return NULL;
    }
  stored = caucus_json_parse_trusted (body, -1);
  doc = json_object_new ();
  rev_str = g_strdup_printf ("0-%" G_GINT64_FORMAT, rev);
  json_object_set_string_member (doc, "_id", full);
  json_object_set_string_member (doc, "_rev", rev_str);
  members = json_object_get_members (stored);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (doc, l->data, json_node_copy (json_object_get_member (stored, l->data)));
  g_list_free (members);
  return doc;
}

static gboolean
write_local (CaucusStore *self,
             const char  *id,
             gint64       rev,
             const char  *body,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (body == NULL)
    {
      stmt = caucus_store_stmt (self, "DELETE FROM local_docs WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      return caucus_store_step_done (self, stmt, error);
    }
  stmt = caucus_store_stmt (self,
                            "INSERT INTO local_docs (id, rev, body) VALUES (?, ?, ?) "
                            "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, body = excluded.body",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  return caucus_store_step_done (self, stmt, error);
}

static gboolean
check_rev (const char *full,
           const char *given,
           gint64      current,
           GError    **error)
{
  gint64 n;

  if (given == NULL)
    {
      if (current == 0)
        return TRUE;
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                   "Document update conflict: local document “%s” exists; give its _rev", full);
      return FALSE;
    }
  n = parse_local_rev (given);
  if (n < 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Invalid local revision “%s” (expected 0-N)", given);
      return FALSE;
    }
  if (n != current || current == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT,
                   "Document update conflict: %s is not the current revision of “%s”", given, full);
      return FALSE;
    }
  return TRUE;
}

char *
caucus_store_put_local (CaucusStore *self,
                        JsonObject  *doc,
                        GError     **error)
{
  JsonNode *id_node, *rev_node, *del_node;
  const char *given_rev = NULL;
  g_autofree char *full = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  gboolean deleted = FALSE;
  gint64 current;
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (doc != NULL, NULL);

  id_node = json_object_get_member (doc, "_id");
  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
      json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The local document has no string _id");
      return NULL;
    }
  full = local_id (json_node_get_string (id_node), error);
  if (full == NULL)
    return NULL;
  rev_node = json_object_get_member (doc, "_rev");
  if (rev_node != NULL && !JSON_NODE_HOLDS_NULL (rev_node))
    {
      if (!JSON_NODE_HOLDS_VALUE (rev_node) || json_node_get_value_type (rev_node) != G_TYPE_STRING)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "The local document's _rev is not a string");
          return NULL;
        }
      given_rev = json_node_get_string (rev_node);
    }
  del_node = json_object_get_member (doc, "_deleted");
  if (del_node != NULL && JSON_NODE_HOLDS_VALUE (del_node) &&
      json_node_get_value_type (del_node) == G_TYPE_BOOLEAN)
    deleted = json_node_get_boolean (del_node);

  root = json_node_init_object (json_node_alloc (), doc);
  if (!caucus_json_write (body, root, TRUE, TRUE, error))
    return NULL;

  if (!caucus_store_write_begin (self, error))
    return NULL;
  current = current_rev (self, full, NULL, error);
  ok = current >= 0 && check_rev (full, given_rev, current, error);
  if (ok && deleted && current == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No local document “%s”", full);
      ok = FALSE;
    }
  ok = ok && write_local (self, full, current + 1, deleted ? NULL : body->str, error);
  if (!caucus_store_write_end (self, ok, ok ? error : NULL))
    return NULL;
  return g_strdup_printf ("0-%" G_GINT64_FORMAT, deleted ? 0 : current + 1);
}

gboolean
caucus_store_delete_local (CaucusStore *self,
                           const char  *id,
                           const char  *rev,
                           GError     **error)
{
  g_autofree char *full = NULL;
  gint64 current;
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  full = local_id (id, error);
  if (full == NULL)
    return FALSE;
  if (!caucus_store_write_begin (self, error))
    return FALSE;
  current = current_rev (self, full, NULL, error);
  ok = current >= 0;
  if (ok && current == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No local document “%s”", full);
      ok = FALSE;
    }
  ok = ok && check_rev (full, rev, current, error) && write_local (self, full, 0, NULL, error);
  return caucus_store_write_end (self, ok, ok ? error : NULL) && ok;
}
