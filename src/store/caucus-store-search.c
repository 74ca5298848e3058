/* caucus-store-search.c — the full-text index (FTS5) of each document's winner.
 *
 * Searchable text: every string value of the body, at any depth, except those under
 * members that hold identifiers or machine values: names starting with '_', "id", "uid",
 * "type", "rev", names ending in "_id" or "_ids"; the timestamps "created", "updated",
 * "updated_by", "start", "end", "signed_at", "withdrawn_at", "since", "expires",
 * "sign_on_deadline"; and codes and addresses: "time_zone", "email", "phone", "website",
 * "url", "online_url", "country", "countries", "language", "languages" (ISO/BCP 47 codes
 * and addresses are looked up by filters, not typed into a search box).
 *
 * Text is folded into tokens by fold_append(), identically at index and query time:
 * canonical decomposition with the combining marks dropped (é → e, Arabic harakat and
 * hamza marks → the bare letter), lower case, letters and digits of any script kept and
 * everything else a separator, and every Han, Hiragana and Katakana character set apart
 * as its own token (CJK text has no spaces; single-character tokens make any character
 * and any run of characters findable, the run as a phrase).  FTS5 then only splits on
 * spaces (the "caucus" tokenizer registered on every connection): folding once, in our
 * code, is about twice as fast as unicode61 with remove_diacritics, and keeps index and
 * query tokens identical by construction. */
#include "caucus-store-private.h"

#include <stdlib.h>
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

/* How one non-ASCII character folds: dropped (a combining mark), a separator, itself
 * lowered and stripped of its marks, or that set apart as a one-character CJK token. */
enum { FOLD_UNKNOWN, FOLD_DROP, FOLD_SEPARATOR, FOLD_KEEP, FOLD_CJK };
#define FOLD_KIND(v) ((guint32) (v) >> 24)
#define FOLD_CHAR(v) ((gunichar) ((guint32) (v) & 0xffffff))

static guint32
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (is_mark (c))
    return FOLD_DROP << 24;
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0)
    c = decomposed[0];
  c = g_unichar_tolower (c);
  if (is_cjk (c))
    return (FOLD_CJK << 24) | c;
  if (g_unichar_isalnum (c))
    return (FOLD_KEEP << 24) | c;
  return FOLD_SEPARATOR << 24;
}

/* fold_char() of the Basic Multilingual Plane, filled in as characters are met: the
 * GLib Unicode look-ups behind it were a third of preparing a replicated document.
 * Threads fill it concurrently (the preparing thread, other connections); a slot is
 * written whole and always with the same value, so atomic loads and stores suffice. */
static gint fold_cache[0x10000];

static guint32
fold_char_cached (gunichar c)
{
  guint32 v;

  if (c >= G_N_ELEMENTS (fold_cache))
    return fold_char (c);
  v = (guint32) g_atomic_int_get (&fold_cache[c]);
  if (G_UNLIKELY (v == 0))
    {
      v = fold_char (c);
      g_atomic_int_set (&fold_cache[c], (gint) v);
    }
  return v;
}

/* Folds @text into space-separated tokens: the one definition of a token, used for the
 * index and the queries alike (the "caucus" FTS5 tokenizer below only splits on spaces). */
void
caucus_search_fold_append (GString    *out,
                           const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      unsigned char b = (unsigned char) *p;
      guint32 v;

      if (b < 0x80)
        {
          char folded = b >= 'A' && b <= 'Z' ? (char) (b + ('a' - 'A'))
                      : (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ? (char) b : ' ';
          g_string_append_c (out, folded);
          p++;
          continue;
        }
      v = fold_char_cached (g_utf8_get_char (p));
      p = g_utf8_next_char (p);
      switch (FOLD_KIND (v))
        {
        case FOLD_DROP:
          break;
        case FOLD_CJK:
          g_string_append_c (out, ' ');
          g_string_append_unichar (out, FOLD_CHAR (v));
          g_string_append_c (out, ' ');
          break;
        case FOLD_KEEP:
          g_string_append_unichar (out, FOLD_CHAR (v));
          break;
        case FOLD_SEPARATOR:
        default:
          g_string_append_c (out, ' ');
          break;
        }
    }
}

char *
caucus_search_fold (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  caucus_search_fold_append (out, text);
  return g_string_free (out, FALSE);
}

gboolean
caucus_search_skip_member (const char *name)
{
  static const char *const skipped[] = {
    "id", "uid", "type", "rev", "created", "updated", "updated_by", "start", "end",
    "signed_at", "withdrawn_at", "since", "expires", "time_zone", "sign_on_deadline",
    "email", "phone", "website", "url", "online_url", "country", "countries", "language",
    "languages", NULL
  };
  gsize len = strlen (name);

  if (name[0] == '_')
    return TRUE;
  if ((len > 3 && strcmp (name + len - 3, "_id") == 0) ||
      (len > 4 && strcmp (name + len - 4, "_ids") == 0))
    return TRUE;
  /* compare the first byte before calling strcmp: this runs for every member of every
   * document indexed, and g_strv_contains' 24 strcmp calls were 12% of preparing a
   * replication batch (callgrind) */
  for (guint i = 0; skipped[i] != NULL; i++)
    if (skipped[i][0] == name[0] && strcmp (skipped[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
collect_text (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        /* members in byte order of their names: the text is a function of the
         * content alone, the same from the document as written and from its stored
         * canonical body (what the contentless index is told to delete) */
        JsonObject *object = json_node_get_object (node);
        guint size = json_object_get_size (object);
        CaucusJsonMember small[32];
        g_autofree CaucusJsonMember *large = NULL;
        CaucusJsonMember *names = small;
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        guint n = 0;

        if (size > G_N_ELEMENTS (small))
          names = large = g_new (CaucusJsonMember, size);
        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, &member))
          if (!caucus_search_skip_member (name))
            {
              names[n].name = name;
              names[n++].node = member;
            }
        if (n > 1)
          qsort (names, n, sizeof (CaucusJsonMember), caucus_json_member_compare);
        for (guint i = 0; i < n; i++)
          collect_text (out, names[i].node);
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
          caucus_search_fold_append (out, json_node_get_string (node));
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static const char *
string_member (JsonObject *body,
               const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) != '\0')
    return json_node_get_string (node);
  return NULL;
}

void
caucus_search_doc_meta (JsonObject  *body,
                        const char **type,
                        const char **title)
{
  *type = NULL;
  *title = NULL;
  if (body == NULL)
    return;
  *type = string_member (body, "type");
  *title = string_member (body, "name");
  if (*title == NULL)
    *title = string_member (body, "title");
  if (*title == NULL)
    *title = string_member (body, "short_name");
}

GString *
caucus_search_text (JsonObject *body)
{
  GString *text = g_string_sized_new (512);
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), body);

  collect_text (text, root);
  return text;
}

gboolean
caucus_store_index_doc (CaucusStore   *self,
                        gint64         doc_id,
                        JsonObject    *old_body,
                        JsonObject    *new_body,
                        const GString *new_text,
                        GError       **error)
{
  sqlite3_stmt *stmt;

  if (self->search_off)
    return TRUE;   /* caucus_store_set_search_index (TRUE) rebuilds it whole */
  if (old_body != NULL)
    {
      /* a contentless table forgets a row when told exactly what it indexed */
      g_autoptr(GString) text = caucus_search_text (old_body);

      stmt = caucus_store_stmt (self, "INSERT INTO search (search, rowid, text) VALUES ('delete', ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_text (stmt, 2, text->str, (int) text->len, SQLITE_STATIC);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (new_body != NULL)
    {
      g_autoptr(GString) computed = new_text == NULL ? caucus_search_text (new_body) : NULL;
      const GString *text = new_text != NULL ? new_text : computed;

      stmt = caucus_store_stmt (self, "INSERT INTO search (rowid, text) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_text (stmt, 2, text->str, (int) text->len, SQLITE_STATIC);
      if (!caucus_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
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
      g_auto(GStrv) tokens = g_strsplit (folded, " ", -1);
      GString *phrase = g_string_new (NULL);

      for (guint j = 0; tokens[j] != NULL; j++)
        {
          if (*tokens[j] == '\0')
            continue;
          if (phrase->len > 0)
            g_string_append_c (phrase, ' ');
          g_string_append (phrase, tokens[j]);
        }
      if (phrase->len > 0)
        g_ptr_array_add (phrases, g_string_free (phrase, FALSE));
      else
        g_string_free (phrase, TRUE);
    }
  /* tokens hold letters and digits only, so quoting cannot be broken out of */
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

/* ---- the "caucus" FTS5 tokenizer: tokens are the runs of non-space bytes of text
 * already folded by fold_append() ---- */

static int
tokenizer_create (void           *ctx,
                  const char    **args,
                  int             n_args,
                  Fts5Tokenizer **out)
{
  static int instance;

  *out = (Fts5Tokenizer *) &instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    int          (*token) (void *, int, const char *, int, int, int))
{
  const char *p = text;
  const char *end = text + n_text;

  /* memchr for the end of each token: this runs for every token indexed, in the writing
   * thread of a replication batch (byte loops were 7% of it) */
  while (p < end)
    {
      const char *q;
      int rc;

      while (p < end && *p == ' ')
        p++;
      if (p == end)
        break;
      q = memchr (p, ' ', (size_t) (end - p));
      if (q == NULL)
        q = end;
      rc = token (ctx, 0, p, (int) (q - p), (int) (p - text), (int) (q - text));
      if (rc != SQLITE_OK)
        return rc;
      p = q;
    }
  return SQLITE_OK;
}

gboolean
caucus_store_register_tokenizer (CaucusStore *self,
                                 GError     **error)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenizer_tokenize };
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (api == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_IO,
                   "This SQLite has no FTS5 full-text search, which the store needs");
      return FALSE;
    }
  rc = api->xCreateTokenizer (api, "caucus", NULL, &tokenizer, NULL);
  if (rc != SQLITE_OK)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not register the search tokenizer");
      return FALSE;
    }
  return TRUE;
}

/* Ranking costs a few microseconds per matching document, so a two-letter prefix that
 * matches most of a large store would take far longer than a keystroke.  The query is
 * therefore ranked over at most the RANK_WINDOW newest matching documents: exact bm25
 * order whenever fewer documents match (every query worth ranking), and a fast answer
 * from recent documents for the very broad ones, which the next keystroke narrows. */
#define RANK_WINDOW 1000

typedef struct {
  gint64 doc_id;
  double rank;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

void
caucus_store_refresh_search_flag (CaucusStore *self)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT value FROM meta WHERE key = 'search_index'", NULL);

  if (stmt == NULL)
    return;
  self->search_off = sqlite3_step (stmt) == SQLITE_ROW &&
                     g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "off") == 0;
  sqlite3_reset (stmt);
}

gboolean
caucus_store_get_search_index (CaucusStore *self)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);

  caucus_store_refresh_search_flag (self);
  return !self->search_off;
}

/* Indexes every live document's winner (the index was emptied before). */
static gboolean
rebuild_index (CaucusStore *self,
               GError     **error)
{
  g_autoptr(GArray) doc_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = caucus_store_stmt (self, "SELECT doc_id, rev FROM docs WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 doc_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (doc_ids, doc_id);
      g_ptr_array_add (revs, caucus_store_col_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not list documents to index");
      return FALSE;
    }
  for (guint i = 0; i < doc_ids->len; i++)
    {
      gint64 doc_id = g_array_index (doc_ids, gint64, i);
      g_autoptr(JsonObject) body = NULL;
      const char *hash;
      guint64 gen;

      if (!caucus_rev_parse (g_ptr_array_index (revs, i), &gen, &hash))
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                       "A document of %s has a malformed winning revision", self->path);
          return FALSE;
        }
      stmt = caucus_store_stmt (self, "SELECT body FROM revs WHERE doc_id = ? AND gen = ? AND hash = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, doc_id);
      sqlite3_bind_int64 (stmt, 2, (gint64) gen);
      sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        body = caucus_json_parse_trusted ((const char *) sqlite3_column_text (stmt, 0),
                                          sqlite3_column_bytes (stmt, 0));
      sqlite3_reset (stmt);
      if (body == NULL)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                       "The winning revision of a document of %s has no body", self->path);
          return FALSE;
        }
      if (!caucus_store_index_doc (self, doc_id, NULL, body, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
caucus_store_set_search_index (CaucusStore *self,
                               gboolean     enabled,
                               GError     **error)
{
  gboolean was_off, ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!caucus_store_write_begin (self, error))
    return FALSE;
  caucus_store_refresh_search_flag (self);   /* under the write lock: current */
  was_off = self->search_off;
  if (was_off == !enabled)
    return caucus_store_write_end (self, TRUE, error);

  ok = caucus_store_exec (self, "INSERT INTO search (search) VALUES ('delete-all')", error);
  if (ok && !enabled)
    ok = caucus_store_exec (self, "INSERT INTO meta (key, value) VALUES ('search_index', 'off') "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (ok && enabled)
    {
      ok = caucus_store_exec (self, "DELETE FROM meta WHERE key = 'search_index'", error);
      self->search_off = FALSE;
      ok = ok && rebuild_index (self, error);
    }
  if (!caucus_store_write_end (self, ok, ok ? error : NULL) || !ok)
    {
      self->search_off = was_off;
      return FALSE;
    }
  self->search_off = !enabled;
  return TRUE;
}

GPtrArray *
caucus_store_search (CaucusStore *self,
                     const char  *query,
                     const char  *type,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_search_hit_free);
  g_autoptr(GArray) window = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  caucus_store_refresh_search_flag (self);
  if (self->search_off)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Full-text search is turned off for the store %s (it keeps no index); "
                   "turn it on with caucus_store_set_search_index() to rebuild the index",
                   self->path);
      return NULL;
    }
  if (!g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The search text is not valid UTF-8");
      return NULL;
    }
  match = build_match (query);
  if (*match == '\0')
    return g_steal_pointer (&hits);

  /* the newest RANK_WINDOW matches, ranked: only rowid and rank, the rows of the
   * documents that make the cut are read afterwards */
  if (type != NULL)
    stmt = caucus_store_stmt (self,
                              "SELECT search.rowid, search.rank "
                              "FROM search JOIN docs ON docs.doc_id = search.rowid "
                              "WHERE search MATCH ?1 AND docs.type = ?2 "
                              "ORDER BY search.rowid DESC LIMIT ?3", error);
  else
    stmt = caucus_store_stmt (self,
                              "SELECT rowid, rank FROM search WHERE search MATCH ?1 "
                              "ORDER BY rowid DESC LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (type != NULL)
    sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  /* limit 0 asks for every match: no window then */
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : MAX (RANK_WINDOW, (sqlite3_int64) limit));
  window = g_array_new (FALSE, FALSE, sizeof (Ranked));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Ranked r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (window, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      caucus_store_set_sqlite_error (self, rc, error, "Could not search");
      return NULL;
    }
  /* best (lowest bm25) first; g_array_sort() is stable, so equal ranks stay newest first */
  g_array_sort (window, compare_ranked);
  if (limit > 0 && window->len > limit)
    g_array_set_size (window, limit);

  stmt = caucus_store_stmt (self, "SELECT id, type, title FROM docs WHERE doc_id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < window->len; i++)
    {
      Ranked *r = &g_array_index (window, Ranked, i);
      CaucusSearchHit *hit;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, r->doc_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          caucus_store_set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error,
                                         "The search index names a missing document");
          return NULL;
        }
      hit = g_new0 (CaucusSearchHit, 1);
      hit->id = caucus_store_col_text (stmt, 0);
      hit->type = caucus_store_col_text (stmt, 1);
      hit->title = caucus_store_col_text (stmt, 2);
      hit->rank = r->rank;
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&hits);
}
