/* caucus-anchor.c — finding a comment's passage again after the text changed. */
#include "caucus-anchor.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "caucus-document-io.h"
#include "caucus-model-error.h"
#include "caucus-problem.h"
#include "caucus-redline-private.h"

/* A fuzzy match needs this share of the quote's words. */
#define FUZZY_THRESHOLD 0.6

/* Byte offset of the start of non-empty line @paragraph, or -1 when there are fewer. */
static gssize
paragraph_start (const char *text,
                 guint       paragraph,
                 gsize      *line_len)
{
  const char *p = text;
  guint index = 0;

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl != NULL ? (gsize) (nl - p) : strlen (p);
      gboolean blank = TRUE;

      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isspace (p[i]))
          blank = FALSE;
      if (!blank)
        {
          if (index == paragraph)
            {
              *line_len = len;
              return p - text;
            }
          index++;
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return -1;
}

JsonNode *
caucus_anchor_new_for_range (const char  *text,
                             gsize        start,
                             gsize        end,
                             GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *quote = NULL;
  JsonNode *node;
  gsize len;
  guint paragraph = 0;
  const char *line, *p;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (start >= end || end > len ||
      !g_utf8_validate (text + start, (gssize) (end - start), NULL) ||
      (start > 0 && (text[start] & 0xC0) == 0x80) || (end < len && (text[end] & 0xC0) == 0x80))
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Select the passage the comment is about"));
      return NULL;
    }
  {
    gboolean blank = TRUE;

    for (const char *q = text + start; q < text + end; q = g_utf8_next_char (q))
      if (!g_unichar_isspace (g_utf8_get_char (q)))
        blank = FALSE;
    if (blank)
      {
        g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                     _("Select the passage the comment is about"));
        return NULL;
      }
  }
  quote = g_strndup (text + start, end - start);

  /* The non-empty line the passage starts on, and the offset in it. */
  line = text;
  for (p = text; p < text + start; p++)
    if (*p == '\n')
      {
        gboolean blank = TRUE;

        for (const char *q = line; q < p; q++)
          if (!g_ascii_isspace (*q))
            blank = FALSE;
        paragraph += !blank;
        line = p + 1;
      }

  object = json_object_new ();
  json_object_set_string_member (object, "quote", quote);
  json_object_set_int_member (object, "paragraph", paragraph);
  json_object_set_int_member (object, "offset", g_utf8_pointer_to_offset (line, text + start));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

gboolean
caucus_anchor_parse (JsonNode    *anchor,
                     const char **quote,
                     guint       *paragraph,
                     guint       *offset)
{
  JsonObject *object;
  JsonNode *member;

  *quote = NULL;
  *paragraph = 0;
  *offset = 0;
  if (anchor == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (anchor) && json_node_get_value_type (anchor) == G_TYPE_STRING)
    {
      *quote = json_node_get_string (anchor);
      return *quote != NULL && **quote != '\0';
    }
  if (!JSON_NODE_HOLDS_OBJECT (anchor))
    return FALSE;
  object = json_node_get_object (anchor);
  member = json_object_get_member (object, "quote");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return FALSE;
  *quote = json_node_get_string (member);
  member = json_object_get_member (object, "paragraph");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_INT64)
    *paragraph = (guint) CLAMP (json_node_get_int (member), 0, G_MAXINT);
  member = json_object_get_member (object, "offset");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_INT64)
    *offset = (guint) CLAMP (json_node_get_int (member), 0, G_MAXINT);
  return **quote != '\0';
}

static gsize
distance (gsize a,
          gsize b)
{
  return a > b ? a - b : b - a;
}

/* Word tokens of @text[0, @len) as casefolded keys. */
static GPtrArray *
word_keys (const char *text,
           gsize       len,
           GArray     *tokens_out)
{
  g_autoptr(GArray) tokens = _caucus_tokenize (text, len);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tokens->len; i++)
    {
      CaucusToken tok = g_array_index (tokens, CaucusToken, i);

      if (tok.kind != CAUCUS_TOKEN_WORD)
        continue;
      g_ptr_array_add (keys, g_utf8_casefold (text + tok.start, (gssize) tok.len));
      if (tokens_out != NULL)
        g_array_append_val (tokens_out, tok);
    }
  return keys;
}

static gboolean
locate_fuzzy (const char *quote,
              const char *text,
              gsize       estimate,
              gsize      *start,
              gsize      *end)
{
  g_autoptr(GPtrArray) qkeys = word_keys (quote, strlen (quote), NULL);
  g_autoptr(GArray) ttoks = g_array_new (FALSE, FALSE, sizeof (CaucusToken));
  g_autoptr(GPtrArray) tkeys = word_keys (text, strlen (text), ttoks);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *want = NULL;   /* per id: how often the quote has it */
  g_autofree guint *have = NULL;   /* per id: how often the window has it */
  g_autofree guint *tid = NULL;
  g_autofree guint *shared = NULL;  /* per window start: words shared with the quote */
  guint n = qkeys->len, t = tkeys->len, window, common = 0, best_common = 0;
  guint best_last = 0, best_covered = 0;
  gssize best = -1;
  gsize best_distance = G_MAXSIZE;

  if (n < 2 || t == 0)
    return FALSE;   /* one word is found exactly or not at all */

  want = g_new0 (guint, n + 1);
  have = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      gpointer id = g_hash_table_lookup (ids, qkeys->pdata[i]);

      if (id == NULL)
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, qkeys->pdata[i], id);
        }
      want[GPOINTER_TO_UINT (id)]++;
    }
  tid = g_new0 (guint, t);
  for (guint i = 0; i < t; i++)
    tid[i] = GPOINTER_TO_UINT (g_hash_table_lookup (ids, tkeys->pdata[i]));

  /* Slide a window of n words over the text, keeping the shared-word count. */
  window = MIN (n, t);
  shared = g_new0 (guint, t);
  for (guint i = 0; i < t; i++)
    {
      guint id = tid[i];

      if (id != 0 && have[id]++ < want[id])
        common++;
      if (i >= window)
        {
          guint out = tid[i - window];
          if (out != 0 && --have[out] < want[out])
            common--;
        }
      if (i + 1 >= window)
        {
          shared[i + 1 - window] = common;
          best_common = MAX (best_common, common);
        }
    }
  if (best_common == 0 || (double) best_common / n < FUZZY_THRESHOLD)
    return FALSE;

  /* Among the windows sharing the most words: the one covering most of the quote once
   * widened to the quote's words that follow it (words inserted into the passage push
   * its last words out of the window) and trimmed to quote words at both ends; then
   * the one nearest to where the passage was. */
  for (guint w = 0; w + window <= t; w++)
    {
      guint first = w, last = w + window - 1, covered = 0;
      gsize d;

      if (shared[w] != best_common)
        continue;
      for (guint extra = 0; extra < n && last + 1 < t && tid[last + 1] != 0; extra++)
        last++;
      while (first < last && tid[first] == 0)
        first++;
      while (last > first && tid[last] == 0)
        last--;
      for (guint k = first; k <= last; k++)
        covered += tid[k] != 0;
      d = distance (g_array_index (ttoks, CaucusToken, first).start, estimate);
      if (best < 0 || covered > best_covered || (covered == best_covered && d < best_distance))
        {
          best = first;
          best_last = last;
          best_covered = covered;
          best_distance = d;
        }
    }
  *start = g_array_index (ttoks, CaucusToken, best).start;
  *end = g_array_index (ttoks, CaucusToken, best_last).start + g_array_index (ttoks, CaucusToken, best_last).len;
  return TRUE;
}

CaucusAnchorMatch
caucus_anchor_locate (JsonNode   *anchor,
                      const char *text,
                      gsize      *start,
                      gsize      *end)
{
  const char *quote;
  guint paragraph, offset;
  gsize line_len = 0, estimate, qlen, best_distance = G_MAXSIZE;
  gssize line, best = -1;

  g_return_val_if_fail (start != NULL && end != NULL, CAUCUS_ANCHOR_ORPHANED);

  *start = *end = 0;
  if (text == NULL || !caucus_anchor_parse (anchor, &quote, &paragraph, &offset))
    return CAUCUS_ANCHOR_ORPHANED;

  /* Where the passage was: its paragraph, if the text still has that many, plus the
   * offset (clamped to the line). */
  line = paragraph_start (text, paragraph, &line_len);
  if (line < 0)
    estimate = strlen (text);
  else
    {
      const char *p = text + line;
      glong chars = g_utf8_strlen (p, (gssize) line_len);

      estimate = (gsize) (g_utf8_offset_to_pointer (p, MIN ((glong) offset, chars)) - text);
    }

  qlen = strlen (quote);
  for (const char *hit = strstr (text, quote); hit != NULL; hit = strstr (hit + 1, quote))
    {
      gsize d = distance ((gsize) (hit - text), estimate);

      if (d < best_distance)
        {
          best_distance = d;
          best = hit - text;
        }
    }
  if (best >= 0)
    {
      *start = (gsize) best;
      *end = (gsize) best + qlen;
      return CAUCUS_ANCHOR_EXACT;
    }
  if (locate_fuzzy (quote, text, estimate, start, end))
    return CAUCUS_ANCHOR_FUZZY;
  return CAUCUS_ANCHOR_ORPHANED;
}

CaucusComment *
caucus_comment_add (CaucusStore      *store,
                    CaucusStatement  *statement,
                    const char       *text,
                    gsize             start,
                    gsize             end,
                    const char       *body,
                    const char       *author,
                    GError          **error)
{
  g_autoptr(CaucusDocument) comment = NULL;
  g_autoptr(JsonNode) anchor = NULL;
  const char *statement_id;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  statement_id = caucus_document_get_id (CAUCUS_DOCUMENT (statement));
  if (statement_id == NULL)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Save the statement before commenting on it"));
      return NULL;
    }
  anchor = caucus_anchor_new_for_range (text, start, end, error);
  if (anchor == NULL)
    return NULL;

  comment = caucus_document_new_of_type ("comment", author);
  caucus_document_set_string (comment, "statement_id", statement_id);
  caucus_document_set_member (comment, "anchor", anchor);
  caucus_document_set_string (comment, "body", body);
  if (author != NULL)
    caucus_document_set_string (comment, "author", author);
  caucus_document_set_boolean (comment, "resolved", FALSE);
  if (!caucus_document_save (comment, store, author, error))
    return NULL;
  return CAUCUS_COMMENT (g_steal_pointer (&comment));
}

gboolean
caucus_comment_resolve (CaucusStore    *store,
                        CaucusComment  *comment,
                        const char     *who,
                        GError        **error)
{
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(CaucusDocument) copy = NULL;
  g_autofree char *now = caucus_timestamp_now ();

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (CAUCUS_IS_COMMENT (comment), FALSE);

  if (caucus_document_get_boolean (CAUCUS_DOCUMENT (comment), "resolved"))
    return TRUE;
  json = caucus_document_to_json (CAUCUS_DOCUMENT (comment));
  copy = caucus_document_new_from_json (json);
  caucus_document_set_boolean (copy, "resolved", TRUE);
  caucus_document_set_string (copy, "resolved_at", now);
  if (!caucus_document_save (copy, store, who, error))
    return FALSE;
  g_clear_pointer (&json, json_object_unref);
  json = caucus_document_to_json (copy);
  return caucus_document_replace_json (CAUCUS_DOCUMENT (comment), json, error);
}
