/* caucus-model-index-entries.c — one document's rows in the model index.
 *
 * An entry row (type, sort key, the filterable fields), one row per value of each
 * multi-valued field, the organisation's kind and group copied into its people's rows,
 * and for organisations and people their searchable text (caucus-model-index-search.c).
 * The per-type and per-value totals follow by triggers (caucus-model-index.c). */
#include "caucus-model-index-private.h"
#include "caucus-document-types.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

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
  stmt = _caucus_model_index_stmt (self, "INSERT OR IGNORE INTO entry_values (field, value, id) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));
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
  sqlite3_stmt *stmt = _caucus_model_index_stmt (self,
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
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

static gboolean
remove_entry (CaucusModelIndex *self,
              const char       *id,
              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Values first: their trigger reads the entry's type to uncount them. */
  stmt = _caucus_model_index_stmt (self, "DELETE FROM entry_values WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));

  stmt = _caucus_model_index_stmt (self, "DELETE FROM entries WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));
  return _caucus_model_index_search_remove (self, id, error);
}

/* The country a list row shows: the least (in the byte order SQLite sorts the filter
 * values in) of the document's "countries" and "country", "" when it names none. */
static const char *
first_country (JsonObject *doc)
{
  JsonNode *node = json_object_get_member (doc, "countries");
  const char *best = str_member (doc, "country");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *value;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          value = json_node_get_string (element);
          if (value != NULL && *value != '\0' && (*best == '\0' || strcmp (value, best) < 0))
            best = value;
        }
    }
  return best;
}

/* The kind and regional group of organisation @org_id as indexed ("" when unknown). */
static void
lookup_org (CaucusModelIndex *self,
            const char       *org_id,
            char            **kind,
            char            **group)
{
  sqlite3_stmt *stmt = _caucus_model_index_stmt (self, "SELECT kind, regional_group FROM entries WHERE id = ?1 AND type = 'org'", NULL);

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

gboolean
_caucus_model_index_put_document (CaucusModelIndex *self,
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
  if (!_caucus_model_index_first_indexing (self, id) && !remove_entry (self, id, error))
    return FALSE;

  /* People are counted and filtered by their organisation's kind, kept in their row. */
  if (is_person)
    lookup_org (self, str_member (doc, "org_id"), &kind, &org_group);
  else
    {
      kind = g_strdup (str_member (doc, "kind"));
      org_group = g_strdup ("");
    }

  stmt = _caucus_model_index_stmt (self,
                   "INSERT INTO entries (id, type, sort_key, name, kind, status, regional_group, ref_id,"
                   " start, updated, valid, conflicted, org_group, detail, country)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
  sqlite3_bind_text (stmt, 15, first_country (doc), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));

  if (g_str_equal (type, "org") &&
      !run_people_update (self, id, str_member (doc, "kind"), str_member (doc, "regional_group"), error))
    return FALSE;
  if (_caucus_model_index_searches_type (type) && !_caucus_model_index_search_add (self, id, type, key, doc, error))
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
gboolean
_caucus_model_index_collect_affected_people (CaucusModelIndex *self,
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

      stmt = _caucus_model_index_stmt (self, "SELECT id FROM entries WHERE ref_id = ?1 AND type = 'person'", NULL);
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

gboolean
_caucus_model_index_remove_document (CaucusModelIndex *self,
                                     const char       *id,
                                     GError          **error)
{
  /* A deleted organisation's people no longer have its kind and group. */
  return remove_entry (self, id, error) && run_people_update (self, id, "", "", error);
}
