/* caucus-model-index-search.c — search as you type for the directory's lists.
 *
 * Organisations and people (the lists that reach 100,000 entries) are searched in the
 * model index's own FTS5 table, `search`, instead of the store's:
 *   - the store's table has no prefix index, so a one- or two-letter prefix makes FTS5
 *     merge the posting lists of every token starting with it (44–87 ms on 100,000
 *     people); this table keeps prefix indexes of 1, 2 and 3 characters;
 *   - the hits go straight into temp.hits with one INSERT … SELECT (the store returns
 *     ranked hits and reads each one's id, type and title: 6–15 ms for 1,000).
 * The text is the store's searchable text, folded by the store's own functions
 * (caucus_search_text, caucus_search_fold), so both searches find the same documents;
 * FTS5's "ascii" tokenizer splits the folded text on spaces exactly as the store's
 * "caucus" tokenizer does (folded text has only letters, digits and spaces, and ascii
 * treats every non-ASCII byte as part of a token).
 *
 * search_rows keeps each document's type and sort key beside its row number, so a hit
 * goes into temp.hits from the two search tables alone: the join with entries it
 * replaced was an index seek per hit (about a sixth of a one-letter keystroke's
 * instructions with 100,000 people, callgrind).
 *
 * A list keeps the newest CAUCUS_SEARCH_HIT_LIMIT matches, as with the store (whose
 * ranking only orders within that window, and lists sort by name anyway): rows of
 * `search` are numbered in the order documents were last indexed (search_rows.rid), so
 * "newest" is "most recently created or changed".  Other types (events, statements,
 * packs) keep the store's search. */
#include "caucus-model-index-private.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

gboolean
_caucus_model_index_searches_type (const char *type)
{
  return g_strcmp0 (type, "org") == 0 || g_strcmp0 (type, "person") == 0;
}

static gboolean
step_done (CaucusModelIndex *self,
           sqlite3_stmt     *stmt,
           GError          **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not update the list index"));
  return TRUE;
}

gboolean
_caucus_model_index_search_remove (CaucusModelIndex *self,
                                   const char       *id,
                                   GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = _caucus_model_index_stmt (self, "DELETE FROM search WHERE rowid = (SELECT rid FROM search_rows WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return FALSE;
  stmt = _caucus_model_index_stmt (self, "DELETE FROM search_rows WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

gboolean
_caucus_model_index_search_add (CaucusModelIndex *self,
                                const char       *id,
                                const char       *type,
                                const char       *sort_key,
                                JsonObject       *doc,
                                GError          **error)
{
  g_autoptr(GString) text = caucus_search_text (doc);
  sqlite3_stmt *stmt;
  gint64 rid;

  stmt = _caucus_model_index_stmt (self, "INSERT INTO search_rows (id, type, sort_key) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return FALSE;
  rid = _caucus_model_index_last_rowid (self);
  stmt = _caucus_model_index_stmt (self, "INSERT INTO search (rowid, text) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rid);
  sqlite3_bind_text (stmt, 2, text->str, (int) text->len, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* The FTS5 query for what was typed, as the store builds it: each whitespace-separated
 * word, folded, becomes a quoted phrase of its tokens; phrases are ANDed and the last
 * one is a prefix.  Folded tokens hold letters and digits only, so the quotes cannot be
 * broken out of.  "" when nothing searchable was typed. */
static char *
build_match (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = caucus_search_fold (words[i]);
      g_auto(GStrv) tokens = g_strsplit (folded, " ", -1);
      g_autoptr(GString) phrase = g_string_new (NULL);

      for (guint j = 0; tokens[j] != NULL; j++)
        if (*tokens[j] != '\0')
          g_string_append_printf (phrase, "%s%s", phrase->len > 0 ? " " : "", tokens[j]);
      if (phrase->len > 0)
        g_ptr_array_add (phrases, g_string_free (g_steal_pointer (&phrase), FALSE));
    }
  for (guint i = 0; i < phrases->len; i++)
    g_string_append_printf (match, "%s\"%s\"%s", i > 0 ? " AND " : "", (char *) g_ptr_array_index (phrases, i),
                            i + 1 == phrases->len ? "*" : "");
  return g_string_free (match, FALSE);
}

void
_caucus_model_index_clear_hits (CaucusModelIndex *self,
                                guint             list_id)
{
  sqlite3_stmt *stmt = _caucus_model_index_stmt (self, "DELETE FROM temp.hits WHERE list = ?1", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, list_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
}

/* Organisations and people: the newest matches, from the index's own table. */
static gboolean
set_hits_from_index (CaucusModelIndex *self,
                     guint             list_id,
                     const char       *type,
                     const char       *text,
                     gboolean         *truncated,
                     GError          **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID, _("The search text is not valid UTF-8"));
      return FALSE;
    }
  match = build_match (text);
  *truncated = FALSE;
  _caucus_model_index_clear_hits (self, list_id);
  if (*match == '\0')
    return TRUE;
  stmt = _caucus_model_index_stmt (self,
                                   "INSERT OR IGNORE INTO temp.hits (list, id, sort_key)"
                                   " SELECT ?1, r.id, r.sort_key FROM search s"
                                   " JOIN search_rows r ON r.rid = s.rowid"
                                   " WHERE search MATCH ?2 AND r.type = ?3"
                                   " ORDER BY s.rowid DESC LIMIT ?4",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, list_id);
  sqlite3_bind_text (stmt, 2, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, CAUCUS_SEARCH_HIT_LIMIT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _caucus_model_index_db_error (self, error, _("Could not search the list"));
  *truncated = _caucus_model_index_changes (self) >= CAUCUS_SEARCH_HIT_LIMIT;
  return TRUE;
}

/* Other types: the store's full-text search. */
static gboolean
set_hits_from_store (CaucusModelIndex *self,
                     guint             list_id,
                     const char       *type,
                     const char       *text,
                     gboolean         *truncated,
                     GError          **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  sqlite3_stmt *stmt;

  hits = caucus_store_search (caucus_model_index_get_store (self), text, type, CAUCUS_SEARCH_HIT_LIMIT, error);
  if (hits == NULL)
    return FALSE;
  *truncated = hits->len >= CAUCUS_SEARCH_HIT_LIMIT;

  _caucus_model_index_clear_hits (self, list_id);
  stmt = _caucus_model_index_stmt (self, "INSERT OR IGNORE INTO temp.hits (list, id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < hits->len; i++)
    {
      const CaucusSearchHit *hit = g_ptr_array_index (hits, i);

      sqlite3_bind_int64 (stmt, 1, list_id);
      sqlite3_bind_text (stmt, 2, hit->id, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, NULL))
        return _caucus_model_index_db_error (self, error, _("Could not keep the search results"));
    }
  return TRUE;
}

gboolean
_caucus_model_index_set_hits (CaucusModelIndex *self,
                              guint             list_id,
                              const char       *type,
                              const char       *text,
                              gboolean         *truncated,
                              GError          **error)
{
  gboolean ok;

  if (!_caucus_model_index_exec (self, "SAVEPOINT hits", error))
    return FALSE;
  if (_caucus_model_index_searches_type (type))
    ok = set_hits_from_index (self, list_id, type, text, truncated, error);
  else
    ok = set_hits_from_store (self, list_id, type, text, truncated, error);
  if (!ok)
    {
      _caucus_model_index_exec (self, "ROLLBACK TO hits; RELEASE hits", NULL);
      return FALSE;
    }
  return _caucus_model_index_exec (self, "RELEASE hits", error);
}
