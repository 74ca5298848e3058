/* caucus-server-members.c — who may do what in which database: roles, grants, revocations
 * and the whole member lists that _security reads and replaces. */
#include "caucus-server-users-private.h"

#include <sqlite3.h>

#include "caucus-server-error.h"

const char *
caucus_role_to_string (CaucusRole role)
{
  switch (role)
    {
    case CAUCUS_ROLE_READER: return "reader";
    case CAUCUS_ROLE_EDITOR: return "editor";
    case CAUCUS_ROLE_ADMIN: return "admin";
    case CAUCUS_ROLE_NONE:
    default:
      return "none";
    }
}

gboolean
caucus_role_from_string (const char *text, CaucusRole *role)
{
  if (g_strcmp0 (text, "reader") == 0)
    *role = CAUCUS_ROLE_READER;
  else if (g_strcmp0 (text, "editor") == 0)
    *role = CAUCUS_ROLE_EDITOR;
  else if (g_strcmp0 (text, "admin") == 0)
    *role = CAUCUS_ROLE_ADMIN;
  else
    return FALSE;
  return TRUE;
}

CaucusRole
caucus_users_get_role (CaucusUsers *self, const char *db, const char *user)
{
  sqlite3_stmt *stmt;
  CaucusRole role = CAUCUS_ROLE_NONE;

  if (db == NULL || user == NULL)
    return CAUCUS_ROLE_NONE;
  stmt = caucus_users_hot (self, HOT_ROLE);
  if (stmt == NULL)
    return CAUCUS_ROLE_NONE;
  sqlite3_bind_text (stmt, 1, db, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    role = CLAMP (sqlite3_column_int (stmt, 0), CAUCUS_ROLE_NONE, CAUCUS_ROLE_ADMIN);
  caucus_users_hot_done (stmt);
  return role;
}

static gboolean
check_db_and_user (CaucusUsers *self, const char *db, const char *user, GError **error)
{
  if (!caucus_users_db_lookup (self, db, NULL))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "There is no database '%s'", db);
      return FALSE;
    }
  if (!caucus_users_exists (self, user))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "There is no user '%s'", user);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_member (CaucusUsers *self, const char *db, const char *user, CaucusRole role, GError **error)
{
  sqlite3_stmt *stmt = caucus_users_prepare (self,
      "INSERT INTO members (db, user, role) VALUES (?, ?, ?) "
      "ON CONFLICT (db, user) DO UPDATE SET role = excluded.role", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, db, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, role);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "store the membership");
  return TRUE;
}

gboolean
caucus_users_grant (CaucusUsers *self, const char *db, const char *user, CaucusRole role,
                    GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (role != CAUCUS_ROLE_NONE, FALSE);
  if (!check_db_and_user (self, db, user, error))
    return FALSE;
  return insert_member (self, db, user, role, error);
}

gboolean
caucus_users_revoke (CaucusUsers *self, const char *db, const char *user, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  stmt = caucus_users_prepare (self, "DELETE FROM members WHERE db = ? AND user = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, db, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "remove the membership");
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "'%s' is not a member of '%s'", user, db);
      return FALSE;
    }
  return TRUE;
}

GStrv
caucus_users_members (CaucusUsers *self, const char *db, CaucusRole role, GError **error)
{
  sqlite3_stmt *stmt = caucus_users_prepare (self,
      "SELECT user FROM members WHERE db = ? AND role = ? ORDER BY user", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, db, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, role);
  return caucus_users_collect_strings (self, stmt, error);
}

gboolean
caucus_users_set_members (CaucusUsers        *self,
                          const char         *db,
                          const char * const *admins,
                          const char * const *editors,
                          const char * const *readers,
                          GError            **error)
{
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { readers, editors, admins };
  const CaucusRole list_roles[] = { CAUCUS_ROLE_READER, CAUCUS_ROLE_EDITOR, CAUCUS_ROLE_ADMIN };
  GHashTableIter iter;
  gpointer key, value;
  gboolean any_admin = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; lists[i] && lists[i][j]; j++)
      {
        if (!caucus_users_exists (self, lists[i][j]))
          {
            g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                         "There is no user '%s'", lists[i][j]);
            return FALSE;
          }
        g_hash_table_insert (roles, (gpointer) lists[i][j], GINT_TO_POINTER (list_roles[i]));
        if (list_roles[i] == CAUCUS_ROLE_ADMIN)
          any_admin = TRUE;
      }
  if (!any_admin)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "A database needs at least one admin");
      return FALSE;
    }

  if (!caucus_users_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = caucus_users_prepare (self, "DELETE FROM members WHERE db = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, db, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_users_sqlite_error (self, error, "replace the memberships");
      goto fail;
    }
  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!insert_member (self, db, key, GPOINTER_TO_INT (value), error))
      goto fail;
  return caucus_users_exec (self, "COMMIT", error);

fail:
  caucus_users_exec (self, "ROLLBACK", NULL);
  return FALSE;
}
