/* caucus-model-index.c — a side index of the store for lists, filters and counts.
 *
 * Why a side database instead of expression indexes over the store's bodies: the store's
 * schema belongs to the store (bodies live per revision, not per document, and the
 * schema may change with its migrations), multi-valued fields such as tags and countries
 * cannot be indexed by json_extract expressions, and the accent-insensitive sort key is
 * not something SQLite's built-in functions compute.  The price is a second file kept up
 * to date from the changes feed; its checkpoint makes that incremental and crash-safe
 * (the index is rebuilt when it does not belong to the store it is opened with). */
#include "caucus-model-index-private.h"
#include "caucus-document-types.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

struct _CaucusModelIndex
{
  GObject      parent_instance;

  CaucusStore *store;
  sqlite3     *db;
  GHashTable  *stmts;         /* SQL text → sqlite3_stmt* */
  gint64       seq;
  GPtrArray   *lists;         /* CaucusDocumentList*, not owned */
  guint        next_list_id;
  gulong       changed_id;
  gboolean     refreshing;
  GHashTable  *built;         /* during a first fill: ids indexed so far (else NULL) */
};

G_DEFINE_FINAL_TYPE (CaucusModelIndex, caucus_model_index, G_TYPE_OBJECT)

#define INDEX_SCHEMA_VERSION 5

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS entries ("
  "  id             TEXT PRIMARY KEY,"
  "  type           TEXT NOT NULL,"
  "  sort_key       TEXT NOT NULL,"
  "  name           TEXT NOT NULL,"
  "  kind           TEXT NOT NULL,"
  "  status         TEXT NOT NULL,"
  "  regional_group TEXT NOT NULL,"
  "  ref_id         TEXT NOT NULL,"
  "  start          TEXT NOT NULL,"
  "  updated        TEXT NOT NULL,"
  "  valid          INTEGER NOT NULL,"
  "  conflicted     INTEGER NOT NULL,"
  "  org_group      TEXT NOT NULL,"  /* people: their organisation's regional group */
  "  detail         TEXT NOT NULL"   /* a list row's second line: short name, title */
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS entries_name ON entries (type, sort_key, id);"
  "CREATE INDEX IF NOT EXISTS entries_updated ON entries (type, updated, id);"
  "CREATE INDEX IF NOT EXISTS entries_start ON entries (type, start, id);"
  "CREATE INDEX IF NOT EXISTS entries_kind ON entries (type, kind, sort_key, id);"
  "CREATE INDEX IF NOT EXISTS entries_group ON entries (type, regional_group, sort_key, id);"
  "CREATE INDEX IF NOT EXISTS entries_ref ON entries (ref_id, type);"
  "CREATE INDEX IF NOT EXISTS entries_balance ON entries (type, regional_group, kind, org_group);"
  "CREATE TABLE IF NOT EXISTS entry_values ("
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  id    TEXT NOT NULL,"
  "  PRIMARY KEY (field, value, id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS entry_values_id ON entry_values (id);"
  "CREATE TEMP TABLE IF NOT EXISTS hits (list INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (list, id)) WITHOUT ROWID;";

void
caucus_value_count_free (CaucusValueCount *vc)
{
  if (vc == NULL)
    return;
  g_free (vc->value);
  g_free (vc);
}

void
_caucus_query_clear (CaucusQuery *q)
{
  g_clear_pointer (&q->type, g_free);
  g_clear_pointer (&q->kind, g_free);
  g_clear_pointer (&q->status, g_free);
  g_clear_pointer (&q->regional_group, g_free);
  g_clear_pointer (&q->country, g_free);
  g_clear_pointer (&q->expertise, g_free);
  g_clear_pointer (&q->accreditation, g_free);
  g_clear_pointer (&q->tag, g_free);
  g_clear_pointer (&q->ref_id, g_free);
  g_clear_pointer (&q->involves, g_free);
  g_clear_pointer (&q->involves_people_of, g_free);
  g_clear_pointer (&q->start_from, g_free);
  g_clear_pointer (&q->start_to, g_free);
  g_clear_pointer (&q->search, g_free);
}

/* ---- SQLite plumbing ---------------------------------------------------------------- */

static gboolean
set_db_error (CaucusModelIndex *self,
              GError          **error,
              const char       *what)
{
  g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX,
               _("%s: %s (the list index can be rebuilt by deleting %s-index)"),
               what, sqlite3_errmsg (self->db), caucus_store_get_path (self->store));
  return FALSE;
}

static sqlite3_stmt *
get_stmt (CaucusModelIndex *self,
          const char       *sql,
          GError          **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, _("Could not prepare a list query"));
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (CaucusModelIndex *self,
      const char       *sql,
      GError          **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

static char *
meta_get (CaucusModelIndex *self,
          const char       *key)
{
  sqlite3_stmt *stmt = get_stmt (self, "SELECT value FROM meta WHERE key = ?1", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
meta_set (CaucusModelIndex *self,
          const char       *key,
          const char       *value,
          GError          **error)
{
  sqlite3_stmt *stmt = get_stmt (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

sqlite3_stmt *
_caucus_model_index_stmt (CaucusModelIndex *self,
                          const char       *sql,
                          GError          **error)
{
  return get_stmt (self, sql, error);
}

gboolean
_caucus_model_index_exec (CaucusModelIndex *self,
                          const char       *sql,
                          GError          **error)
{
  return exec (self, sql, error);
}

gboolean
_caucus_model_index_db_error (CaucusModelIndex *self,
                              GError          **error,
                              const char       *what)
{
  return set_db_error (self, error, what);
}

/* Instants in one fixed shape ("2012-11-03T05:00:00.000000Z") so that text order is time
 * order: "…00Z" and "…00.5Z" do not sort correctly as written.  Unparsable text gives "". */
char *
_caucus_normalize_instant (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (dt);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06dZ", seconds, g_date_time_get_microsecond (utc));
}

/* ---- entries ---------------------------------------------------------------------- */

/* Accent- and case-insensitive, locale-independent: the same on every machine, so an
 * index built under one locale stays valid under another. */
static char *
sort_key_for (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) stripped = g_string_new (NULL);

  for (const char *p = decomposed; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (stripped, c);
    }
  return g_utf8_casefold (stripped->str, -1);
}

static const char *
str_member (JsonObject *doc,
            const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

static const char *
ref_member_for (const char *type)
{
  if (g_strcmp0 (type, "person") == 0)
    return "org_id";
  if (g_strcmp0 (type, "event") == 0)
    return "parent_id";
  if (g_strcmp0 (type, "statement") == 0 || g_strcmp0 (type, "pack") == 0)
    return "event_id";
  if (g_strcmp0 (type, "statement-version") == 0 || g_strcmp0 (type, "signature") == 0 ||
      g_strcmp0 (type, "comment") == 0)
    return "statement_id";
  return NULL;
}

static gboolean
insert_value (CaucusModelIndex *self,
              const char       *field,
              const char       *value,
              const char       *id,
              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (value == NULL || *value == '\0')
    return TRUE;
  stmt = get_stmt (self, "INSERT OR IGNORE INTO entry_values (field, value, id) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

static gboolean
insert_array_values (CaucusModelIndex *self,
                     JsonObject       *doc,
                     const char       *member,
                     const char       *object_member,
                     const char       *field,
                     const char       *id,
                     GError          **error)
{
  JsonNode *node = json_object_get_member (doc, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value = NULL;

      if (object_member != NULL && JSON_NODE_HOLDS_OBJECT (element))
        value = str_member (json_node_get_object (element), object_member);
      else if (object_member == NULL && JSON_NODE_HOLDS_VALUE (element) &&
               json_node_get_value_type (element) == G_TYPE_STRING)
        value = json_node_get_string (element);
      if (!insert_value (self, field, value, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_people_update (CaucusModelIndex *self,
                   const char       *org_id,
                   const char       *kind,
                   const char       *group,
                   GError          **error)
{
  sqlite3_stmt *stmt = get_stmt (self,
                                 "UPDATE entries SET kind = ?2, org_group = ?3"
                                 " WHERE ref_id = ?1 AND type = 'person' AND (kind != ?2 OR org_group != ?3)",
                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, org_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, group, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

static gboolean
remove_entry (CaucusModelIndex *self,
              const char       *id,
              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_stmt (self, "DELETE FROM entries WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));

  stmt = get_stmt (self, "DELETE FROM entry_values WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

/* The kind and regional group of organisation @org_id as indexed ("" when unknown). */
static void
lookup_org (CaucusModelIndex *self,
            const char       *org_id,
            char            **kind,
            char            **group)
{
  sqlite3_stmt *stmt = get_stmt (self, "SELECT kind, regional_group FROM entries WHERE id = ?1 AND type = 'org'", NULL);

  *kind = NULL;
  *group = NULL;
  if (stmt != NULL && org_id != NULL && *org_id != '\0')
    {
      sqlite3_bind_text (stmt, 1, org_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *group = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  if (*kind == NULL)
    *kind = g_strdup ("");
  if (*group == NULL)
    *group = g_strdup ("");
}

static gboolean
index_document (CaucusModelIndex *self,
                JsonObject       *doc,
                GError          **error)
{
  g_autoptr(CaucusDocument) object = caucus_document_new_from_json (doc);
  const char *id = str_member (doc, "_id");
  const char *type = str_member (doc, "type");
  const char *ref_member = ref_member_for (type);
  const char *name = caucus_document_get_display_name (object);
  g_autofree char *key = sort_key_for (name);
  g_autofree char *kind = NULL;
  g_autofree char *org_group = NULL;
  g_autofree char *start = _caucus_normalize_instant (str_member (doc, "start"));
  g_autofree char *updated = _caucus_normalize_instant (str_member (doc, "updated"));
  JsonNode *conflicts = json_object_get_member (doc, "_conflicts");
  gboolean is_person = g_str_equal (type, "person");
  sqlite3_stmt *stmt;
  int rc;

  /* On a first fill there is nothing to replace, unless the document changed again
   * while the fill was running. */
  if ((self->built == NULL || !g_hash_table_add (self->built, g_strdup (id))) &&
      !remove_entry (self, id, error))
    return FALSE;

  /* People are counted and filtered by their organisation's kind, kept in their row. */
  if (is_person)
    lookup_org (self, str_member (doc, "org_id"), &kind, &org_group);
  else
    {
      kind = g_strdup (str_member (doc, "kind"));
      org_group = g_strdup ("");
    }

  stmt = get_stmt (self,
                   "INSERT INTO entries (id, type, sort_key, name, kind, status, regional_group, ref_id,"
                   " start, updated, valid, conflicted, org_group, detail)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, name ? name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, str_member (doc, "status"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, str_member (doc, "regional_group"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, ref_member ? str_member (doc, ref_member) : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, updated, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 11, caucus_document_is_valid (object) ? 1 : 0);
  sqlite3_bind_int (stmt, 12, conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts) &&
                              json_array_get_length (json_node_get_array (conflicts)) > 0);
  sqlite3_bind_text (stmt, 13, org_group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, str_member (doc, g_str_equal (type, "org") ? "short_name" : "title"),
                     -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, _("Could not update the list index"));

  if (g_str_equal (type, "org") &&
      !run_people_update (self, id, str_member (doc, "kind"), str_member (doc, "regional_group"), error))
    return FALSE;

  return insert_array_values (self, doc, "countries", NULL, "country", id, error) &&
         insert_value (self, "country", str_member (doc, "country"), id, error) &&
         insert_array_values (self, doc, "expertise", NULL, "expertise", id, error) &&
         insert_array_values (self, doc, "accreditations", "body", "accreditation", id, error) &&
         insert_array_values (self, doc, "tags", NULL, "tag", id, error) &&
         insert_array_values (self, doc, "languages", NULL, "language", id, error) &&
         insert_value (self, "language", str_member (doc, "language"), id, error) &&
         /* Who a document involves: a session's speakers and organisers, a milestone's
          * responsible organisations, the organisation that signed. */
         insert_array_values (self, doc, "roles", "person_id", "involves", id, error) &&
         insert_array_values (self, doc, "owner_ids", NULL, "involves", id, error) &&
         (!g_str_equal (type, "signature") || insert_value (self, "involves", str_member (doc, "org_id"), id, error));
}

/* People whose row changes because their organisation's kind or group changes: lists
 * must place them too.  Returns FALSE when there are too many to place one by one. */
static gboolean
collect_affected_people (CaucusModelIndex *self,
                         JsonArray        *results,
                         GPtrArray        *ids,
                         GHashTable       *seen)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (row, "id");
      JsonNode *doc_node = json_object_get_member (row, "doc");
      JsonObject *doc = doc_node && JSON_NODE_HOLDS_OBJECT (doc_node) &&
                        !(json_object_has_member (row, "deleted") && json_object_get_boolean_member (row, "deleted"))
                        ? json_node_get_object (doc_node) : NULL;
      g_autofree char *old_kind = NULL;
      g_autofree char *old_group = NULL;
      sqlite3_stmt *stmt;

      lookup_org (self, id, &old_kind, &old_group);
      if (doc != NULL && g_str_equal (str_member (doc, "type"), "org"))
        {
          if (g_str_equal (old_kind, str_member (doc, "kind")) &&
              g_str_equal (old_group, str_member (doc, "regional_group")))
            continue;
        }
      else if (*old_kind == '\0' && *old_group == '\0')
        continue;

      stmt = get_stmt (self, "SELECT id FROM entries WHERE ref_id = ?1 AND type = 'person'", NULL);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char *person = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          if (!g_hash_table_add (seen, person))
            continue;
          g_ptr_array_add (ids, person);
          if (ids->len > CAUCUS_PRECISE_UPDATE_LIMIT)
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* ---- catching up ------------------------------------------------------------------ */

#define CHANGES_BATCH 1000

static gboolean
apply_results (CaucusModelIndex *self,
               JsonArray        *results,
               gint64            last_seq,
               GError          **error)
{
  g_autofree char *seq_text = NULL;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (row, "id");
      gboolean deleted = json_object_has_member (row, "deleted") && json_object_get_boolean_member (row, "deleted");
      JsonNode *doc = json_object_get_member (row, "doc");
      gboolean ok;

      if (g_str_has_prefix (id, "_design/"))
        continue;
      if (deleted || doc == NULL || !JSON_NODE_HOLDS_OBJECT (doc))
        ok = remove_entry (self, id, error) && run_people_update (self, id, "", "", error);
      else
        ok = index_document (self, json_node_get_object (doc), error);
      if (!ok)
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);
  if (!meta_set (self, "seq", seq_text, error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->seq = last_seq;
  return TRUE;
}

static JsonObject *
read_changes (CaucusModelIndex *self,
              gint64            since,
              GError          **error)
{
  CaucusChangesOptions opts = { 0 };

  opts.since = since;
  opts.limit = CHANGES_BATCH;
  opts.include_docs = TRUE;
  opts.conflicts = TRUE;
  return caucus_store_changes (self->store, &opts, error);
}

static gpointer
ref_list (gconstpointer list,
          gpointer      data)
{
  return g_object_ref ((gpointer) list);
}

gboolean
caucus_model_index_refresh (CaucusModelIndex *self,
                            GError          **error)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  JsonArray *results;
  gboolean more;
  gboolean ok = TRUE;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), FALSE);

  if (self->refreshing)
    return TRUE;
  first = read_changes (self, self->seq, error);
  if (first == NULL)
    return FALSE;
  results = json_object_get_array_member (first, "results");
  if (json_array_get_length (results) == 0)
    return TRUE;
  more = json_object_get_int_member (first, "pending") > 0;

  self->refreshing = TRUE;

  /* Lists learn which ids change (NULL: too many to place precisely). */
  if (!more && json_array_get_length (results) <= CAUCUS_PRECISE_UPDATE_LIMIT && self->lists->len > 0)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          char *id = g_strdup (json_object_get_string_member (json_array_get_object_element (results, i), "id"));
          g_hash_table_add (seen, id);
          g_ptr_array_add (ids, id);
        }
      if (!collect_affected_people (self, results, ids, seen))
        g_clear_pointer (&ids, g_ptr_array_unref);
    }
  /* Handlers of items-changed may create or drop lists: work on a referenced snapshot. */
  lists = g_ptr_array_copy (self->lists, ref_list, NULL);
  g_ptr_array_set_free_func (lists, g_object_unref);
  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_before_update (g_ptr_array_index (lists, i), ids);

  ok = apply_results (self, results, json_object_get_int_member (first, "last_seq"), error);
  while (ok && more)
    {
      g_autoptr(JsonObject) next = read_changes (self, self->seq, error);
      if (next == NULL)
        {
          ok = FALSE;
          break;
        }
      results = json_object_get_array_member (next, "results");
      if (json_array_get_length (results) == 0)
        break;
      more = json_object_get_int_member (next, "pending") > 0;
      ok = apply_results (self, results, json_object_get_int_member (next, "last_seq"), error);
    }

  for (guint i = 0; i < lists->len; i++)
    _caucus_document_list_after_update (g_ptr_array_index (lists, i));
  self->refreshing = FALSE;
  return ok;
}

gint64
caucus_model_index_get_seq (CaucusModelIndex *self)
{
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), -1);
  return self->seq;
}

static void
store_changed_cb (CaucusStore *store,
                  GStrv        ids,
                  gpointer     user_data)
{
  CaucusModelIndex *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!caucus_model_index_refresh (self, &error))
    g_warning ("%s", error->message);
}

/* ---- opening -------------------------------------------------------------------- */

static gboolean
reset_index (CaucusModelIndex *self,
             GError          **error)
{
  return exec (self, "BEGIN IMMEDIATE; DELETE FROM entries; DELETE FROM entry_values; DELETE FROM meta; COMMIT", error) &&
         meta_set (self, "store_uuid", caucus_store_get_uuid (self->store), error) &&
         meta_set (self, "seq", "0", error);
}

CaucusModelIndex *
caucus_model_index_open (CaucusStore *store,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(CaucusModelIndex) self = NULL;
  g_autofree char *derived = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *seq = NULL;
  const char *store_path;
  int version = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CAUCUS_TYPE_MODEL_INDEX, NULL);
  self->store = g_object_ref (store);

  store_path = caucus_store_get_path (store);
  if (path == NULL)
    {
      if (store_path == NULL || *store_path == '\0' || g_str_equal (store_path, ":memory:"))
        path = ":memory:";
      else
        path = derived = g_strconcat (store_path, "-index", NULL);
    }

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX,
                   _("Could not open the list index %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : _("out of memory"));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  /* The index can always be rebuilt from the store: durability is not worth an fsync. */
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;"
                   " PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456", error))
    return NULL;

  stmt = get_stmt (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (version != 0 && version != INDEX_SCHEMA_VERSION)
    {
      /* Another layout: the index is derived data, start over. */
      if (!exec (self, "DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS entry_values; DROP TABLE IF EXISTS meta", error))
        return NULL;
    }
  if (!exec (self, schema, error) || !exec (self, "PRAGMA user_version = " G_STRINGIFY (INDEX_SCHEMA_VERSION), error))
    return NULL;

  uuid = meta_get (self, "store_uuid");
  seq = meta_get (self, "seq");
  self->seq = seq ? g_ascii_strtoll (seq, NULL, 10) : 0;
  if (g_strcmp0 (uuid, caucus_store_get_uuid (store)) != 0 || self->seq > caucus_store_get_update_seq (store))
    {
      if (!reset_index (self, error))
        return NULL;
      self->seq = 0;
    }

  if (self->seq == 0)
    {
      /* A first fill: load rows without the secondary indexes and build those once at
       * the end, which is several times faster than keeping them sorted row by row. */
      self->built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!exec (self, "DROP INDEX IF EXISTS entries_name; DROP INDEX IF EXISTS entries_updated;"
                       " DROP INDEX IF EXISTS entries_start; DROP INDEX IF EXISTS entries_kind;"
                       " DROP INDEX IF EXISTS entries_group; DROP INDEX IF EXISTS entries_balance", error))
        return NULL;
      if (!caucus_model_index_refresh (self, error))
        return NULL;
      g_clear_pointer (&self->built, g_hash_table_unref);
      if (!exec (self, schema, error) || !exec (self, "ANALYZE", error))
        return NULL;
    }
  else if (!caucus_model_index_refresh (self, error))
    return NULL;

  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  return g_steal_pointer (&self);
}

static void
default_index_gone_cb (gpointer  data,
                       GObject  *where_the_object_was)
{
  g_object_set_data (G_OBJECT (data), "caucus-model-index", NULL);
}

CaucusModelIndex *
caucus_model_index_get_default (CaucusStore *store,
                                GError     **error)
{
  CaucusModelIndex *index;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  index = g_object_get_data (G_OBJECT (store), "caucus-model-index");
  if (index != NULL)
    return g_object_ref (index);
  index = caucus_model_index_open (store, NULL, error);
  if (index == NULL)
    return NULL;
  /* A weak pointer: the index holds the store, the store must not hold the index. */
  g_object_set_data (G_OBJECT (store), "caucus-model-index", index);
  g_object_weak_ref (G_OBJECT (index), default_index_gone_cb, store);
  return index;
}

CaucusStore *
caucus_model_index_get_store (CaucusModelIndex *self)
{
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), NULL);
  return self->store;
}

/* ---- lists ----------------------------------------------------------------------- */

void
_caucus_model_index_add_list (CaucusModelIndex   *self,
                              CaucusDocumentList *list)
{
  g_ptr_array_add (self->lists, list);
}

void
_caucus_model_index_remove_list (CaucusModelIndex   *self,
                                 CaucusDocumentList *list)
{
  g_ptr_array_remove (self->lists, list);
}

guint
_caucus_model_index_new_list_id (CaucusModelIndex *self)
{
  return ++self->next_list_id;
}

/* ---- GObject ------------------------------------------------------------------- */

static void
caucus_model_index_dispose (GObject *object)
{
  CaucusModelIndex *self = CAUCUS_MODEL_INDEX (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  G_OBJECT_CLASS (caucus_model_index_parent_class)->dispose (object);
}

static void
caucus_model_index_finalize (GObject *object)
{
  CaucusModelIndex *self = CAUCUS_MODEL_INDEX (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);   /* finalizes statements first */
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->built, g_hash_table_unref);
  G_OBJECT_CLASS (caucus_model_index_parent_class)->finalize (object);
}

static void
caucus_model_index_class_init (CaucusModelIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_model_index_dispose;
  object_class->finalize = caucus_model_index_finalize;
}

static void
caucus_model_index_init (CaucusModelIndex *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sqlite3_finalize);
  self->lists = g_ptr_array_new ();
}
