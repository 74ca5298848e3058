/* caucus-store-migrate.c — the schema: forward-only migrations run when a store is opened,
 * and reading the meta table (uuid, revs_limit).  Split from caucus-store.c. */
#include "caucus-store-private.h"

#include <string.h>

/* ---- schema ---------------------------------------------------------------------------
 * Forward-only migrations: migrations[i] brings user_version i to i + 1, with SQL or,
 * when SQL alone cannot express it, a function.  A new store runs them all. */

/* 1 → 2: revs.doc_id loses its foreign-key clause.  Documents are never deleted (a deleted
 * document is a tombstone revision), so its ON DELETE CASCADE never ran; the check it made
 * on every revision written cost 5% of a replication batch, and it forced a statement
 * journal on multi-row INSERTs, whose savepoint makes FTS5 flush its pending index (see
 * caucus-store-batch.c).  caucus_store_integrity_check() looks for revisions without a
 * document instead.  This is SQLite's documented way of dropping a constraint (the table's
 * CREATE text changes, its content and format do not): the text is replaced under
 * writable_schema and the schema version bumped so every connection reloads it. */
#define REVS_DOC_FK " REFERENCES docs (doc_id) ON DELETE CASCADE"

static gboolean
drop_revs_doc_fk (CaucusStore *self,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) sql = NULL;
  g_autofree char *bump = NULL;
  gint64 schema_version = -1;
  int rc;

  stmt = caucus_store_stmt (self, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'revs'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    sql = g_string_new ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (sql == NULL || g_string_replace (sql, REVS_DOC_FK, "", 0) != 1)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store %s does not have the table layout of its version 1; "
                   "it cannot be upgraded", self->path);
      return FALSE;
    }
  stmt = caucus_store_stmt (self, "PRAGMA schema_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    schema_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (schema_version < 0)
    {
      caucus_store_set_sqlite_error (self, SQLITE_CORRUPT, error, "Could not read the schema version");
      return FALSE;
    }
  if (!caucus_store_exec (self, "PRAGMA writable_schema = ON", error))
    return FALSE;
  stmt = caucus_store_stmt (self, "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'revs'", error);
  rc = SQLITE_ERROR;
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sql->str, (int) sql->len, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  /* an integer we produce, not user data */
  bump = g_strdup_printf ("PRAGMA schema_version = %" G_GINT64_FORMAT, schema_version + 1);
  if (rc == SQLITE_DONE && !caucus_store_exec (self, bump, error))
    rc = SQLITE_ERROR;
  /* RESET also makes this connection parse the new schema text again */
  sqlite3_exec (self->db, "PRAGMA writable_schema = RESET", NULL, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      if (error != NULL && *error == NULL)
        caucus_store_set_sqlite_error (self, rc, error, "Could not upgrade the store");
      return FALSE;
    }
  return TRUE;
}

static const struct {
  const char *sql;
  gboolean  (*func) (CaucusStore *self, GError **error);
} migrations[] = {
  /* 0 → 1: the initial schema */
  { "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* one row per document; seq is the document's latest sequence, so the changes feed
   * is an index scan that lists each document once */
  "CREATE TABLE docs ("
  "  doc_id  INTEGER PRIMARY KEY,"
  "  id      TEXT NOT NULL UNIQUE,"
  "  seq     INTEGER NOT NULL,"
  "  rev     TEXT NOT NULL,"              /* the winner, N-hash */
  "  deleted INTEGER NOT NULL DEFAULT 0,"  /* the winner is a tombstone */
  "  type    TEXT,"                        /* the winner's type and title, for search rows */
  "  title   TEXT"
  ");"
  "CREATE UNIQUE INDEX docs_seq ON docs (seq);"
  /* the revision tree: one row per revision, parent NULL for a root (or after stemming) */
  "CREATE TABLE revs ("
  "  rev_id  INTEGER PRIMARY KEY,"
  "  doc_id  INTEGER NOT NULL" REVS_DOC_FK ","
  "  parent  INTEGER,"                       /* rev_id of the parent; NULL for a root */
  "  gen     INTEGER NOT NULL,"
  "  hash    TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  leaf    INTEGER NOT NULL DEFAULT 1,"
  "  remote  INTEGER NOT NULL DEFAULT 0,"  /* arrived by replication */
  "  body    TEXT"                          /* compact JSON; NULL once compacted or never had */
  ");"
  "CREATE UNIQUE INDEX revs_doc ON revs (doc_id, gen, hash);"
  "CREATE TABLE blobs ("
  "  digest TEXT PRIMARY KEY,"   /* md5-<base64> */
  "  length INTEGER NOT NULL,"
  "  data   BLOB NOT NULL"
  ");"
  "CREATE TABLE atts ("
  "  rev_id       INTEGER NOT NULL REFERENCES revs (rev_id) ON DELETE CASCADE,"
  "  name         TEXT NOT NULL,"
  "  digest       TEXT NOT NULL REFERENCES blobs (digest),"
  "  content_type TEXT NOT NULL,"
  "  length       INTEGER NOT NULL,"
  "  revpos       INTEGER NOT NULL,"
  "  PRIMARY KEY (rev_id, name)"
  ") WITHOUT ROWID;"
  "CREATE INDEX atts_digest ON atts (digest);"
  "CREATE TABLE local_docs ("
  "  id   TEXT PRIMARY KEY,"
  "  rev  INTEGER NOT NULL,"
  "  body TEXT NOT NULL"
  ");"
  /* full-text index of each document's winner; rowid = doc_id.  Contentless: the text
   * is derived from the winner's body, and re-derived to delete it (see search.c) */
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  text, content = '', tokenize = 'caucus'"
  ");", NULL },
  /* 1 → 2 */
  { NULL, drop_revs_doc_fk },
  /* 2 → 3: FTS5 keeps up to 8 MiB of pending index (default 1 MiB) before it writes a
   * segment: fewer, larger level-0 segments and less merging.  Callgrind, 30,000-document
   * batch: writer 68.9k -> 61.3k instructions/doc, commit 10.9k -> 7.1k, search
   * unchanged.  A setting of the index (search_config), so every connection has it. */
  { "INSERT INTO search (search, rank) VALUES ('hashsize', 8388608)", NULL },
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* ---- migrating ---------------------------------------------------------------------- */

gboolean
caucus_store_read_meta (CaucusStore *self,
                        GError     **error)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT key, value FROM meta", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (key, "uuid") == 0)
        {
          g_free (self->uuid);
          self->uuid = caucus_store_col_text (stmt, 1);
        }
      else if (g_strcmp0 (key, "revs_limit") == 0)
        self->revs_limit = (guint) CLAMP (sqlite3_column_int64 (stmt, 1), 1, G_MAXINT);
      else if (g_strcmp0 (key, "search_index") == 0)
        self->search_off = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "off") == 0;
    }
  sqlite3_reset (stmt);
  if (self->uuid == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store %s has no uuid; it is damaged", self->path);
      return FALSE;
    }
  return TRUE;
}

/* @rewritten: set when a migration changed the schema's text under writable_schema; this
 * connection keeps the tables as it parsed them before (SQLite records the new schema
 * cookie as its own), so the caller opens a fresh one. */
gboolean
caucus_store_migrate (CaucusStore *self,
                      gboolean    *rewritten,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int version;
  int rc;

  /* take the write lock first, so two processes opening a new file do not both migrate */
  if (!caucus_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = caucus_store_stmt (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not read the store version");
      goto fail;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                   "The store %s has schema version %d, newer than this Caucus (%d); "
                   "update Caucus to open it", self->path, version, SCHEMA_VERSION);
      goto fail;
    }

  for (int v = version; v < SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = NULL;

      if (migrations[v].sql != NULL && !caucus_store_exec (self, migrations[v].sql, error))
        goto fail;
      if (migrations[v].func != NULL)
        {
          if (!migrations[v].func (self, error))
            goto fail;
          *rewritten = TRUE;
        }
      if (v == 0)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *hex = NULL;
          GString *s = g_string_new (NULL);

          /* CouchDB-style uuid: 32 lowercase hex digits */
          for (const char *p = uuid; *p != '\0'; p++)
            if (*p != '-')
              g_string_append_c (s, *p);
          hex = g_string_free (s, FALSE);
          stmt = caucus_store_stmt (self, "INSERT INTO meta (key, value) VALUES ('uuid', ?)", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
          if (!caucus_store_step_done (self, stmt, error))
            goto fail;
        }
      /* an integer we produce, not user data */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!caucus_store_exec (self, set_version, error))
        goto fail;
    }
  if (!caucus_store_read_meta (self, error))
    goto fail;
  return caucus_store_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

