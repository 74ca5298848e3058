/* caucus-server-users.c — the server's SQLite file: opening it, its settings (secret, uuid),
 * users and passwords, databases, and the read transaction around a request's lookups.
 * Memberships are in caucus-server-members.c. */
#include "caucus-server-users-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "caucus-server-error.h"

static const char *const hot_sql[N_HOT] = {
  [HOT_HASH]   = "SELECT hash FROM users WHERE name = ?",
  [HOT_DB]     = "SELECT instance FROM dbs WHERE name = ?",
  [HOT_ROLE]   = "SELECT role FROM members WHERE db = ? AND user = ?",
  [HOT_BEGIN]  = "BEGIN",
  [HOT_COMMIT] = "COMMIT",
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, hash TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS dbs (name TEXT PRIMARY KEY, instance TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS members (db TEXT NOT NULL REFERENCES dbs(name) ON DELETE CASCADE,"
  "  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,"
  "  role INTEGER NOT NULL, PRIMARY KEY (db, user));";

gboolean
caucus_users_sqlite_error (CaucusUsers *self, GError **error, const char *what)
{
  g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
               "Could not %s in %s/%s: %s", what, self->data_dir, CAUCUS_USERS_FILE,
               sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3_stmt *
caucus_users_prepare (CaucusUsers *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      caucus_users_sqlite_error (self, error, "prepare a query");
      return NULL;
    }
  return stmt;
}

/* A prepared statement of hot_sql, ready to bind; release it with caucus_users_hot_done(). */
sqlite3_stmt *
caucus_users_hot (CaucusUsers *self, HotQuery which)
{
  if (self->hot[which] == NULL &&
      sqlite3_prepare_v3 (self->db, hot_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                          &self->hot[which], NULL) != SQLITE_OK)
    {
      g_warning ("Could not prepare a query of %s/%s: %s", self->data_dir, CAUCUS_USERS_FILE,
                 sqlite3_errmsg (self->db));
      return NULL;
    }
  return self->hot[which];
}

void
caucus_users_hot_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
caucus_users_exec (CaucusUsers *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "Could not update %s/%s: %s", self->data_dir, CAUCUS_USERS_FILE,
                   msg ? msg : "unknown error");
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static char *
get_setting (CaucusUsers *self, const char *key, gsize *length)
{
  sqlite3_stmt *stmt = caucus_users_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_bytes (stmt, 0);
      value = g_malloc0 (n + 1);
      memcpy (value, sqlite3_column_blob (stmt, 0), n);
      if (length)
        *length = n;
    }
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
ensure_setting (CaucusUsers *self, const char *key, const void *value, gsize length, GError **error)
{
  sqlite3_stmt *stmt = caucus_users_prepare (self, "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, value, (int) length, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "store the server settings");
  return TRUE;
}

CaucusUsers *
caucus_users_open (const char *data_dir, GError **error)
{
  g_autoptr(CaucusUsers) self = NULL;
  g_autofree char *path = NULL;
  guint8 secret[32];
  char *stored;
  gsize length = 0;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "libsodium could not be initialised");
      return NULL;
    }
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "Could not create the data directory %s: %s", data_dir, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (CaucusUsers, 1);
  self->data_dir = g_strdup (data_dir);
  path = g_build_filename (data_dir, CAUCUS_USERS_FILE, NULL);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "Could not open %s: %s", path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  /* It holds password hashes and the cookie secret: owner only (SQLite gives its -wal and
   * -shm files the same mode). */
  if (g_chmod (path, 0600) != 0)
    {
      int saved = errno;
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "Could not restrict the permissions of %s: %s", path, g_strerror (saved));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);
  if (!caucus_users_exec (self, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", error) ||
      !caucus_users_exec (self, schema, error))
    return NULL;

  randombytes_buf (secret, sizeof secret);
  if (!ensure_setting (self, "secret", secret, sizeof secret, error))
    return NULL;
  sodium_memzero (secret, sizeof secret);
  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *hex = NULL;
    GString *s = g_string_new (NULL);
    for (const char *p = uuid; *p; p++)
      if (*p != '-')
        g_string_append_c (s, *p);
    hex = g_string_free (s, FALSE);
    if (!ensure_setting (self, "uuid", hex, strlen (hex), error))
      return NULL;
  }

  stored = get_setting (self, "secret", &length);
  if (stored == NULL || length != 32)
    {
      g_free (stored);
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "The server secret in %s is damaged", path);
      return NULL;
    }
  self->secret = g_bytes_new_take (stored, length);
  self->uuid = get_setting (self, "uuid", NULL);
  return g_steal_pointer (&self);
}

void
caucus_users_free (CaucusUsers *self)
{
  if (self == NULL)
    return;
  if (self->in_read)
    caucus_users_read_end (self);
  for (guint i = 0; i < N_HOT; i++)
    sqlite3_finalize (self->hot[i]);
  if (self->db)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_free (self->uuid);
  g_free (self->data_dir);
  g_free (self);
}

const char *
caucus_users_get_data_dir (CaucusUsers *self)
{
  return self->data_dir;
}

GBytes *
caucus_users_get_secret (CaucusUsers *self)
{
  return g_bytes_ref (self->secret);
}

const char *
caucus_users_get_uuid (CaucusUsers *self)
{
  return self->uuid;
}

/* ---- users ------------------------------------------------------------------------- */

gboolean
caucus_users_validate_name (const char *name, GError **error)
{
  gsize len = name ? strlen (name) : 0;

  if (len == 0 || len > 128 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "A user name must be 1 to 128 bytes of UTF-8");
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == ':' || *p == 0x7f)
      {
        g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                     "A user name cannot contain ':' or control characters");
        return FALSE;
      }
  return TRUE;
}

char *
caucus_users_hash_password (const char *password, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (password == NULL || *password == '\0')
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
                   "The password is empty");
      return NULL;
    }
  if (crypto_pwhash_str (hash, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_IO,
                   "Out of memory while hashing the password");
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
caucus_users_verify_hash (const char *hash, const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

gboolean
caucus_users_exists (CaucusUsers *self, const char *name)
{
  g_autofree char *hash = caucus_users_get_hash (self, name);
  return hash != NULL;
}

gboolean
caucus_users_add (CaucusUsers *self, const char *name, const char *password, GError **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!caucus_users_validate_name (name, error))
    return FALSE;
  if (caucus_users_exists (self, name))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_EXISTS,
                   "The user '%s' already exists; use 'user passwd' to change the password", name);
      return FALSE;
    }
  hash = caucus_users_hash_password (password, error);
  if (hash == NULL)
    return FALSE;
  stmt = caucus_users_prepare (self, "INSERT INTO users (name, hash, created) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "add the user");
  return TRUE;
}

gboolean
caucus_users_set_password (CaucusUsers *self, const char *name, const char *password, GError **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!caucus_users_exists (self, name))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "There is no user '%s'", name);
      return FALSE;
    }
  hash = caucus_users_hash_password (password, error);
  if (hash == NULL)
    return FALSE;
  stmt = caucus_users_prepare (self, "UPDATE users SET hash = ? WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "change the password");
  return TRUE;
}

gboolean
caucus_users_remove (CaucusUsers *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  stmt = caucus_users_prepare (self, "DELETE FROM users WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "remove the user");
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "There is no user '%s'", name);
      return FALSE;
    }
  return TRUE;
}

GStrv
caucus_users_collect_strings (CaucusUsers *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_users_sqlite_error (self, error, "read the list");
      return NULL;
    }
  return g_strv_builder_end (builder);
}

GStrv
caucus_users_list (CaucusUsers *self, GError **error)
{
  sqlite3_stmt *stmt = caucus_users_prepare (self, "SELECT name FROM users ORDER BY name", error);
  return stmt ? caucus_users_collect_strings (self, stmt, error) : NULL;
}

char *
caucus_users_get_hash (CaucusUsers *self, const char *name)
{
  sqlite3_stmt *stmt;
  char *hash = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  if (name == NULL)
    return NULL;
  stmt = caucus_users_hot (self, HOT_HASH);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  caucus_users_hot_done (stmt);
  return hash;
}

/* ---- databases --------------------------------------------------------------------- */

gboolean
caucus_db_name_validate (const char *name, GError **error)
{
  gsize len = name ? strlen (name) : 0;

  if (len == 0 || len > CAUCUS_DB_NAME_MAX || !g_ascii_islower (name[0]))
    goto bad;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || strchr ("_$()+/-", *p) != NULL))
      goto bad;
  return TRUE;

bad:
  g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_INVALID,
               "Name: '%s'. Only lowercase characters (a-z), digits (0-9), and any of the "
               "characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.",
               name ? name : "");
  return FALSE;
}

char *
caucus_db_path (const char *data_dir, const char *name)
{
  GString *file = g_string_new (NULL);
  g_autofree char *basename = NULL;

  for (const char *p = name; *p; p++)
    {
      if (*p == '/')
        g_string_append (file, "%2F");
      else
        g_string_append_c (file, *p);
    }
  g_string_append (file, ".caucus");
  basename = g_string_free (file, FALSE);
  return g_build_filename (data_dir, basename, NULL);
}

gboolean
caucus_users_db_create (CaucusUsers *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *instance = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!caucus_db_name_validate (name, error))
    return FALSE;
  if (caucus_users_db_lookup (self, name, NULL))
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_EXISTS,
                   "The database '%s' already exists", name);
      return FALSE;
    }
  instance = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  stmt = caucus_users_prepare (self, "INSERT INTO dbs (name, instance) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, instance, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "register the database");
  return TRUE;
}

static void
remove_store_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

gboolean
caucus_users_db_delete (CaucusUsers *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *path = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  if (!caucus_db_name_validate (name, error))
    return FALSE;
  stmt = caucus_users_prepare (self, "DELETE FROM dbs WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return caucus_users_sqlite_error (self, error, "unregister the database");
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CAUCUS_SERVER_ERROR, CAUCUS_SERVER_ERROR_NOT_FOUND,
                   "There is no database '%s'", name);
      return FALSE;
    }
  path = caucus_db_path (self->data_dir, name);
  remove_store_files (path);
  return TRUE;
}

gboolean
caucus_users_db_lookup (CaucusUsers *self, const char *name, char **instance)
{
  sqlite3_stmt *stmt = caucus_users_hot (self, HOT_DB);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (instance)
        *instance = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  caucus_users_hot_done (stmt);
  return found;
}

GStrv
caucus_users_db_list (CaucusUsers *self, const char *member, GError **error)
{
  sqlite3_stmt *stmt;

  if (member == NULL)
    stmt = caucus_users_prepare (self, "SELECT name FROM dbs ORDER BY name", error);
  else
    stmt = caucus_users_prepare (self, "SELECT db FROM members WHERE user = ? ORDER BY db", error);
  if (stmt == NULL)
    return NULL;
  if (member)
    sqlite3_bind_text (stmt, 1, member, -1, SQLITE_TRANSIENT);
  return caucus_users_collect_strings (self, stmt, error);
}

/* One read transaction around the few lookups a request makes: one snapshot, and one
 * lock acquisition instead of one per query.  Nothing may write in between. */
void
caucus_users_read_begin (CaucusUsers *self)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->in_read);
  stmt = caucus_users_hot (self, HOT_BEGIN);
  if (stmt == NULL)
    return;
  self->in_read = sqlite3_step (stmt) == SQLITE_DONE;
  caucus_users_hot_done (stmt);
}

void
caucus_users_read_end (CaucusUsers *self)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (self != NULL);
  if (!self->in_read)
    return;
  self->in_read = FALSE;
  stmt = caucus_users_hot (self, HOT_COMMIT);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_DONE)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (stmt)
    caucus_users_hot_done (stmt);
}
