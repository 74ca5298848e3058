/* caucus-store-search.c — the full-text index (FTS5) of each document's winner.
 *
 * Searchable text: every string value of the body, at any depth, except those under
 * members that hold identifiers or machine values: names starting with '_', "id", "uid",
 * "type", "rev", names ending in "_id" or "_ids", and the timestamps "created",
 * "updated", "updated_by", "start", "end", "signed_at", "withdrawn_at", "since",
 * "expires", "time_zone", "sign_on_deadline".
 *
 * Text is folded before FTS5's unicode61 tokenizer sees it, identically at index and
 * query time: canonical decomposition with the combining marks dropped (é → e, Arabic
 * harakat and hamza carriers → the bare letter), lower case, and every Han, Hiragana and
 * Katakana character set apart as its own token (CJK text has no spaces; single-character
 * tokens make any character and any run of characters findable, the run as a phrase). */
#include "caucus-store-private.h"

#include <string.h>

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return c == 0x0640;  /* Arabic tatweel: elongation, not a letter */
    }
}

static void
fold_append (GString    *out,
             const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      unsigned char b = (unsigned char) *p;
      gunichar c, decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (b < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower ((char) b));
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (is_mark (c))
        continue;
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      if (n > 0)
        c = decomposed[0];
      c = g_unichar_tolower (c);
      if (is_cjk (c))
        {
          g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
}

char *
caucus_search_fold (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  fold_append (out, text);
  return g_string_free (out, FALSE);
}

static gboolean
skip_member (const char *name)
{
  static const char *const skipped[] = {
    "id", "uid", "type", "rev", "created", "updated", "updated_by", "start", "end",
    "signed_at", "withdrawn_at", "since", "expires", "time_zone", "sign_on_deadline", NULL
  };
  gsize len = strlen (name);

  if (name[0] == '_')
    return TRUE;
  if ((len > 3 && strcmp (name + len - 3, "_id") == 0) ||
      (len > 4 && strcmp (name + len - 4, "_ids") == 0))
    return TRUE;
  return g_strv_contains (skipped, name);
}

static void
collect_text (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, &member))
          if (!skip_member (name))
            collect_text (out, member);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          collect_text (out, json_array_get_element (array, i));
        break;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          fold_append (out, json_node_get_string (node));
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static const char *
title_of (JsonObject *body)
{
  static const char *const names[] = { "name", "title", "short_name" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (body, names[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
        return json_node_get_string (node);
    }
  return NULL;
}

gboolean
caucus_store_index_doc (CaucusStore *self,
                        gint64       doc_id,
                        JsonObject  *body,
                        gboolean     is_new_doc,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *type_node;
  const char *type = NULL;

  if (!is_new_doc)
    {
      stmt = caucus_store_stmt (self, "DELETE FROM search WHERE rowid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, doc_id);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (body == NULL)
    return TRUE;

  text = g_string_sized_new (256);
  root = json_node_init_object (json_node_alloc (), body);
  collect_text (text, root);
  type_node = json_object_get_member (body, "type");
  if (type_node != NULL && JSON_NODE_HOLDS_VALUE (type_node) &&
      json_node_get_value_type (type_node) == G_TYPE_STRING)
    type = json_node_get_string (type_node);

  stmt = caucus_store_stmt (self, "INSERT INTO search (rowid, text, type, title) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  sqlite3_bind_text (stmt, 2, text->str, (int) text->len, SQLITE_STATIC);
  if (type != NULL)
    sqlite3_bind_text (stmt, 3, type, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  if (title_of (body) != NULL)
    sqlite3_bind_text (stmt, 4, title_of (body), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  return caucus_store_step_done (self, stmt, error);
}

void
caucus_search_hit_free (CaucusSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->id);
  g_free (hit->type);
  g_free (hit->title);
  g_free (hit);
}

/* Builds the FTS5 query: each whitespace-separated word of @query, folded and split the
 * way the tokenizer splits, becomes a quoted phrase (so nothing the person typed is read
 * as FTS5 syntax); the phrases are ANDed and the last one matches as a prefix. */
static char *
build_match (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\r\n", -1);
  GString *match = g_string_new (NULL);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = caucus_search_fold (words[i]);
      GString *phrase = g_string_new (NULL);
      gboolean in_token = FALSE;

      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            {
              if (!in_token && phrase->len > 0)
                g_string_append_c (phrase, ' ');
              g_string_append_unichar (phrase, c);
              in_token = TRUE;
            }
          else
            in_token = FALSE;
        }
      if (phrase->len > 0)
        g_ptr_array_add (phrases, g_string_free (phrase, FALSE));
      else
        g_string_free (phrase, TRUE);
    }
  for (guint i = 0; i < phrases->len; i++)
    {
      if (i > 0)
        g_string_append (match, " AND ");
      g_string_append_c (match, '"');
      g_string_append (match, g_ptr_array_index (phrases, i));
      g_string_append_c (match, '"');
      if (i + 1 == phrases->len)
        g_string_append_c (match, '*');
    }
  return g_string_free (match, FALSE);
}

GPtrArray *
caucus_store_search (CaucusStore *self,
                     const char  *query,
                     const char  *type,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_search_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The search text is not valid UTF-8");
      return NULL;
    }
  match = build_match (query);
  if (*match == '\0')
    return g_steal_pointer (&hits);

  if (type != NULL)
    stmt = caucus_store_stmt (self,
                              "SELECT docs.id, search.type, search.title, search.rank "
                              "FROM search JOIN docs ON docs.doc_id = search.rowid "
                              "WHERE search MATCH ?1 AND search.type = ?2 "
                              "ORDER BY search.rank LIMIT ?3", error);
  else
    stmt = caucus_store_stmt (self,
                              "SELECT docs.id, search.type, search.title, search.rank "
                              "FROM search JOIN docs ON docs.doc_id = search.rowid "
                              "WHERE search MATCH ?1 "
                              "ORDER BY search.rank LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (type != NULL)
    sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (sqlite3_int64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaucusSearchHit *hit = g_new0 (CaucusSearchHit, 1);

      hit->id = caucus_store_col_text (stmt, 0);
      hit->type = caucus_store_col_text (stmt, 1);
      hit->title = caucus_store_col_text (stmt, 2);
      hit->rank = sqlite3_column_double (stmt, 3);
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not search");
      return NULL;
    }
  return g_steal_pointer (&hits);
}
