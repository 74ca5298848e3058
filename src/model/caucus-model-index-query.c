/* caucus-model-index-query.c — the list queries over the model index.
 *
 * SQL is assembled from constant fragments chosen by which filters are set; every value
 * the caller gives is a bound parameter.  Statements are cached per SQL text. */
#include "caucus-model-index-private.h"
#include "caucus-model-error.h"
#include "caucus-document-summary.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

static void
bind_name (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_text (stmt, i, value ? value : "", -1, SQLITE_TRANSIENT);
}

static void
bind_name_int (sqlite3_stmt *stmt,
               const char   *name,
               gint64        value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_int64 (stmt, i, value);
}

/* ---- queries --------------------------------------------------------------------- */

static const char *
sort_column (CaucusListSort sort)
{
  switch (sort)
    {
    case CAUCUS_LIST_SORT_UPDATED: return "e.updated";
    case CAUCUS_LIST_SORT_START: return "e.start";
    case CAUCUS_LIST_SORT_NAME:
    default: return "e.sort_key";
    }
}

static gboolean
sort_descending (CaucusListSort sort)
{
  return sort == CAUCUS_LIST_SORT_UPDATED;
}

static gboolean
set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The WHERE clause from constant fragments; every value is a named parameter. */
static void
append_where (GString           *sql,
              const CaucusQuery *q)
{

  g_string_append (sql, " WHERE e.type = :type");
  /* A person's kind is their organisation's (kept in the row, see org_changed_people). */
  if (set (q->kind))
    g_string_append (sql, " AND e.kind = :kind");
  if (set (q->status))
    g_string_append (sql, " AND e.status = :status");
  if (set (q->regional_group))
    g_string_append (sql, " AND e.regional_group = :regional_group");
  if (set (q->country))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'country' AND v.value = :country)");
  if (set (q->expertise))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'expertise' AND v.value = :expertise)");
  if (set (q->accreditation))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'accreditation' AND v.value = :accreditation)");
  if (set (q->tag))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'tag' AND v.value = :tag)");
  if (set (q->ref_id))
    g_string_append (sql, " AND e.ref_id = :ref_id");
  if (set (q->involves))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'involves' AND v.value = :involves)");
  if (set (q->involves_people_of))
    g_string_append (sql, " AND e.id IN (SELECT v.id FROM entry_values v WHERE v.field = 'involves' AND v.value IN"
                          " (SELECT p.id FROM entries p WHERE p.ref_id = :involves_people_of AND p.type = 'person'))");
  if (set (q->start_from))
    g_string_append (sql, " AND e.start >= :start_from");
  if (set (q->start_to))
    g_string_append (sql, " AND e.start < :start_to");
  if (set (q->search))
    g_string_append (sql, " AND e.id IN (SELECT h.id FROM temp.hits h WHERE h.list = :list)");
  if (q->problems_only)
    g_string_append (sql, " AND e.valid = 0");
  if (q->conflicts_only)
    g_string_append (sql, " AND e.conflicted = 1");
}

/* Rows that sort strictly before (or after) the row :kid.  A row-value comparison, so
 * SQLite seeks in the (type, column, id) index instead of scanning. */
static void
append_relative (GString           *sql,
                 const CaucusQuery *q,
                 gboolean           before)
{
  const char *col = sort_column (q->sort);
  gboolean lower = before != sort_descending (q->sort);

  g_string_append_printf (sql,
                          " AND (%s, e.id) %s ((SELECT k.%s FROM entries k WHERE k.id = :kid), :kid)",
                          col, lower ? "<" : ">", col + 2);
}

static void
bind_query (sqlite3_stmt      *stmt,
            const CaucusQuery *q)
{
  bind_name (stmt, ":type", q->type);
  bind_name (stmt, ":kind", q->kind);
  bind_name (stmt, ":status", q->status);
  bind_name (stmt, ":regional_group", q->regional_group);
  bind_name (stmt, ":country", q->country);
  bind_name (stmt, ":expertise", q->expertise);
  bind_name (stmt, ":accreditation", q->accreditation);
  bind_name (stmt, ":tag", q->tag);
  bind_name (stmt, ":ref_id", q->ref_id);
  bind_name (stmt, ":involves", q->involves);
  bind_name (stmt, ":involves_people_of", q->involves_people_of);
  if (set (q->start_from))
    {
      g_autofree char *from = _caucus_normalize_instant (q->start_from);
      bind_name (stmt, ":start_from", from);
    }
  if (set (q->start_to))
    {
      g_autofree char *to = _caucus_normalize_instant (q->start_to);
      bind_name (stmt, ":start_to", to);
    }
  bind_name_int (stmt, ":list", q->list_id);
}

/* TRUE when @q is every document of its type: its count is kept in type_counts. */
static gboolean
is_unfiltered (const CaucusQuery *q)
{
  return !set (q->kind) && !set (q->status) && !set (q->regional_group) && !set (q->country) &&
         !set (q->expertise) && !set (q->accreditation) && !set (q->tag) && !set (q->ref_id) &&
         !set (q->involves) && !set (q->involves_people_of) && !set (q->start_from) &&
         !set (q->start_to) && !set (q->search) && !q->problems_only && !q->conflicts_only;
}

/* TRUE when @q is its type narrowed by a search alone, from the index's own search
 * table: its rows are the hits (with the type and sort key search_rows keeps beside each
 * row, when they were found; an index update finds them again). */
static gboolean
is_search_only (const CaucusQuery *q)
{
  return set (q->search) && _caucus_model_index_searches_type (q->type) &&
         !set (q->kind) && !set (q->status) && !set (q->regional_group) && !set (q->country) &&
         !set (q->expertise) && !set (q->accreditation) && !set (q->tag) && !set (q->ref_id) &&
         !set (q->involves) && !set (q->involves_people_of) && !set (q->start_from) &&
         !set (q->start_to) && !q->problems_only && !q->conflicts_only;
}

gint64
_caucus_model_index_count (CaucusModelIndex  *self,
                           const CaucusQuery *q,
                           GError           **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  if (is_unfiltered (q))
    {
      stmt = _caucus_model_index_stmt (self, "SELECT n FROM type_counts WHERE type = ?1", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, q->type, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      n = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _caucus_model_index_db_error (self, error, _("Could not count the list"));
          return -1;
        }
      return n;
    }

  if (is_search_only (q))
    {
      stmt = _caucus_model_index_stmt (self, "SELECT count(*) FROM temp.hits WHERE list = ?1", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, q->list_id);
      rc = sqlite3_step (stmt);
      n = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (n < 0)
        _caucus_model_index_db_error (self, error, _("Could not count the list"));
      return n;
    }

  sql = g_string_new ("SELECT count(*) FROM entries e");
  append_where (sql, q);
  stmt = _caucus_model_index_stmt (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, q);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _caucus_model_index_db_error (self, error, _("Could not count the list"));
  sqlite3_reset (stmt);
  return n;
}

static void
unref_summary (gpointer summary)
{
  if (summary != NULL)
    g_object_unref (summary);
}

GPtrArray *
_caucus_model_index_ids (CaucusModelIndex  *self,
                         const CaucusQuery *q,
                         const char        *after_id,
                         guint              offset,
                         guint              limit,
                         GPtrArray        **summaries,
                         GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT e.id, e.type, e.name, e.detail, e.kind, e.regional_group, e.valid, e.country FROM entries e");
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (unref_summary);
  gboolean with_summaries = TRUE;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *col = sort_column (q->sort);
  const char *dir = sort_descending (q->sort) ? "DESC" : "ASC";
  sqlite3_stmt *stmt;
  int rc;

  if (is_search_only (q) && q->sort == CAUCUS_LIST_SORT_NAME)
    {
      /* The hits in name order, from their own index: no entry is read. */
      with_summaries = FALSE;
      g_string_assign (sql, "SELECT h.id FROM temp.hits h WHERE h.list = :list");
      if (after_id != NULL)
        g_string_append (sql, " AND (h.sort_key, h.id) >"
                              " ((SELECT k.sort_key FROM temp.hits k WHERE k.list = :list AND k.id = :kid), :kid)");
      g_string_append (sql, " ORDER BY h.sort_key, h.id LIMIT :limit OFFSET :offset");
      stmt = _caucus_model_index_stmt (self, sql->str, error);
      if (stmt == NULL)
        return NULL;
      bind_name_int (stmt, ":list", q->list_id);
    }
  else
    {
      append_where (sql, q);
      if (after_id != NULL)
        append_relative (sql, q, FALSE);
      g_string_append_printf (sql, " ORDER BY %s %s, e.id %s LIMIT :limit OFFSET :offset", col, dir, dir);
      stmt = _caucus_model_index_stmt (self, sql->str, error);
      if (stmt == NULL)
        return NULL;
      bind_query (stmt, q);
    }
  bind_name (stmt, ":kid", after_id);
  bind_name_int (stmt, ":limit", limit);
  bind_name_int (stmt, ":offset", after_id != NULL ? 0 : offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (ids, g_strdup (id));
      if (with_summaries)
        g_ptr_array_add (sums, caucus_document_summary_new (id,
                                                           (const char *) sqlite3_column_text (stmt, 1),
                                                           (const char *) sqlite3_column_text (stmt, 2),
                                                           (const char *) sqlite3_column_text (stmt, 3),
                                                           (const char *) sqlite3_column_text (stmt, 4),
                                                           (const char *) sqlite3_column_text (stmt, 5),
                                                           (const char *) sqlite3_column_text (stmt, 7),
                                                           sqlite3_column_int (stmt, 6) != 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _caucus_model_index_db_error (self, error, _("Could not read the list"));
      return NULL;
    }
  if (summaries != NULL)
    *summaries = with_summaries ? g_steal_pointer (&sums) : NULL;
  return g_steal_pointer (&ids);
}

gint64
_caucus_model_index_position (CaucusModelIndex  *self,
                              const CaucusQuery *q,
                              const char        *id,
                              GError           **error)
{
  g_autoptr(GString) member = g_string_new ("SELECT 1 FROM entries e");
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM entries e");
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 n = -1;
  int rc;

  append_where (member, q);
  g_string_append (member, " AND e.id = :kid");
  stmt = _caucus_model_index_stmt (self, member->str, error);
  if (stmt == NULL)
    return -2;
  bind_query (stmt, q);
  bind_name (stmt, ":kid", id);
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _caucus_model_index_db_error (self, error, _("Could not read the list"));
      return -2;
    }
  if (!found)
    return -1;

  append_where (sql, q);
  append_relative (sql, q, TRUE);
  stmt = _caucus_model_index_stmt (self, sql->str, error);
  if (stmt == NULL)
    return -2;
  bind_query (stmt, q);
  bind_name (stmt, ":kid", id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    {
      _caucus_model_index_db_error (self, error, _("Could not read the list"));
      n = -2;
    }
  sqlite3_reset (stmt);
  return n;
}

gboolean
_caucus_model_index_group_counts (CaucusModelIndex  *self,
                                  const CaucusQuery *q,
                                  void             (*func) (const char *, const char *, guint, gpointer),
                                  gpointer           data,
                                  GError           **error)
{
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (g_strcmp0 (q->type, "person") == 0)
    sql = g_string_new ("SELECT CASE WHEN e.regional_group != '' THEN e.regional_group ELSE e.org_group END,"
                        " e.kind, count(*) FROM entries e");
  else
    sql = g_string_new ("SELECT e.regional_group, e.kind, count(*) FROM entries e");
  append_where (sql, q);
  g_string_append (sql, " GROUP BY 1, 2");
  stmt = _caucus_model_index_stmt (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (guint) sqlite3_column_int64 (stmt, 2), data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not count the directory"));
  return TRUE;
}

GPtrArray *
caucus_model_index_list_values (CaucusModelIndex *self,
                                const char       *type,
                                const char       *field,
                                GError          **error)
{
  static const char * const single[] = { "kind", "status", "regional_group", NULL };
  static const char * const multi[] = { "country", "expertise", "accreditation", "tag", "language", NULL };
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_value_count_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (self), NULL);
  g_return_val_if_fail (type != NULL && field != NULL, NULL);

  if (g_strv_contains (single, field))
    {
      /* The column name comes from the fixed list above, never from the caller's text. */
      const char *column = g_str_equal (field, "kind") ? "kind" : g_str_equal (field, "status") ? "status" : "regional_group";
      g_autofree char *sql = g_strdup_printf ("SELECT %s, count(*) FROM entries WHERE type = ?1 AND %s != ''"
                                              " GROUP BY 1 ORDER BY 2 DESC, 1", column, column);
      stmt = _caucus_model_index_stmt (self, sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
    }
  else if (g_strv_contains (multi, field))
    {
      stmt = _caucus_model_index_stmt (self, "SELECT value, n FROM value_counts"
                                       " WHERE type = ?1 AND field = ?2 AND n > 0 ORDER BY n DESC, value", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
    }
  else
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Lists cannot be filtered by ‘%s’"), field);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaucusValueCount *vc = g_new0 (CaucusValueCount, 1);
      vc->value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      vc->count = (guint) sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (values, vc);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _caucus_model_index_db_error (self, error, _("Could not read the filter values"));
      return NULL;
    }
  return g_steal_pointer (&values);
}


/* ---- a row's summary ------------------------------------------------------------- */

CaucusDocumentSummary *
_caucus_model_index_summary (CaucusModelIndex *self,
                             const char       *id,
                             GError          **error)
{
  sqlite3_stmt *stmt;
  CaucusDocumentSummary *summary = NULL;
  int rc;

  stmt = _caucus_model_index_stmt (self,
                                   "SELECT e.type, e.name, e.detail, e.kind, e.regional_group, e.valid, e.country"
                                   " FROM entries e WHERE e.id = :kid",
                                   error);
  if (stmt == NULL)
    return NULL;
  bind_name (stmt, ":kid", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    summary = caucus_document_summary_new (id,
                                           (const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           (const char *) sqlite3_column_text (stmt, 4),
                                           (const char *) sqlite3_column_text (stmt, 6),
                                           sqlite3_column_int (stmt, 5) != 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INDEX,
                 _("The list index has no entry for ‘%s’"), id);
  else if (rc != SQLITE_ROW)
    _caucus_model_index_db_error (self, error, _("Could not read the list"));
  return summary;
}
