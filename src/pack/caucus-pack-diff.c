/* caucus-pack-diff.c: word-level difference between two texts, for statement redlines.
 *
 * No other layer offers a diff yet, so the pack layer carries its own: Myers' O((N+M)·D)
 * greedy algorithm over word tokens, keeping one V vector per edit distance so the edit
 * script can be walked back.  Memory is O(D²), which stays small for the drafts delegates
 * exchange (a few thousand words, a few hundred edits).  Whitespace is not significant:
 * re-wrapping a paragraph is not a change worth redlining.  A "\n\n" paragraph break is a
 * token of its own so that paragraph structure survives into the redline.
 */
#include "caucus-pack-diff.h"

#include <string.h>

static void
chunk_free (gpointer data)
{
  CaucusDiffChunk *chunk = data;

  g_free (chunk->text);
  g_free (chunk);
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start;
      guint newlines = 0;

      while (*p != '\0' && g_ascii_isspace (*p))
        {
          if (*p == '\n')
            newlines++;
          p++;
        }
      if (newlines >= 2 && tokens->len > 0 && *p != '\0')
        g_ptr_array_add (tokens, g_strdup ("\n\n"));
      start = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (p > start)
        g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
  return tokens;
}

static void
push (GPtrArray    *chunks,
      CaucusDiffOp  op,
      const char   *word)
{
  CaucusDiffChunk *last = chunks->len > 0 ? g_ptr_array_index (chunks, chunks->len - 1) : NULL;

  if (last != NULL && last->op == op)
    {
      char *joined;

      if (strcmp (word, "\n\n") == 0 || g_str_has_suffix (last->text, "\n\n"))
        joined = g_strconcat (last->text, word, NULL);
      else
        joined = g_strconcat (last->text, " ", word, NULL);
      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (CaucusDiffChunk, 1);
  last->op = op;
  last->text = g_strdup (word);
  g_ptr_array_add (chunks, last);
}

/* Returns the edit script from @old_text to @new_text as runs of equal, inserted and deleted
 * words (a GPtrArray of CaucusDiffChunk, freed with the array). */
GPtrArray *
caucus_pack_diff_words (const char *old_text,
                        const char *new_text)
{
  g_autoptr(GPtrArray) a = tokenize (old_text);
  g_autoptr(GPtrArray) b = tokenize (new_text);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *ia = g_new (guint, a->len + 1);
  g_autofree guint *ib = g_new (guint, b->len + 1);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *chunks = g_ptr_array_new_with_free_func (chunk_free);
  g_autoptr(GArray) script = g_array_new (FALSE, FALSE, sizeof (guint8));
  gint n = a->len, m = b->len, max = n + m;
  gint offset = max + 1;
  gint *v;
  gint d, found_d = -1;
  gint x, y;

  /* Words become small integers so the inner loop compares numbers, not strings. */
  for (guint i = 0; i < a->len + b->len; i++)
    {
      const char *word = i < a->len ? a->pdata[i] : b->pdata[i - a->len];
      gpointer id = g_hash_table_lookup (ids, word);

      if (id == NULL)
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, (gpointer) word, id);
        }
      if (i < a->len)
        ia[i] = GPOINTER_TO_UINT (id);
      else
        ib[i - a->len] = GPOINTER_TO_UINT (id);
    }

  v = g_new0 (gint, 2 * max + 3);
  for (d = 0; d <= max && found_d < 0; d++)
    {
      for (gint k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            x = v[offset + k + 1];
          else
            x = v[offset + k - 1] + 1;
          y = x - k;
          while (x < n && y < m && ia[x] == ib[y])
            {
              x++;
              y++;
            }
          v[offset + k] = x;
          if (x >= n && y >= m)
            {
              found_d = d;
              break;
            }
        }
      /* Keep the diagonal band -d..d of this round for the walk back. */
      g_ptr_array_add (trace, g_memdup2 (v + offset - d, sizeof (gint) * (2 * d + 1)));
    }
  g_free (v);

  /* Walk back from (n, m), recording ops in reverse. */
  x = n;
  y = m;
  for (d = found_d; d > 0; d--)
    {
      gint *prev = g_ptr_array_index (trace, d - 1);   /* band -(d-1)..(d-1) */
      gint k = x - y;
      gint prev_k, prev_x, prev_y;

#define PREV(kk) prev[(kk) + (d - 1)]
      if (k == -d || (k != d && PREV (k - 1) < PREV (k + 1)))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = PREV (prev_k);
#undef PREV
      prev_y = prev_x - prev_k;
      while (x > prev_x && y > prev_y)
        {
          guint8 op = CAUCUS_DIFF_EQUAL;
          g_array_append_val (script, op);
          x--;
          y--;
        }
      {
        guint8 op = (x == prev_x) ? CAUCUS_DIFF_INSERT : CAUCUS_DIFF_DELETE;
        g_array_append_val (script, op);
      }
      x = prev_x;
      y = prev_y;
    }
  while (x > 0 && y > 0)
    {
      guint8 op = CAUCUS_DIFF_EQUAL;
      g_array_append_val (script, op);
      x--;
      y--;
    }

  x = 0;
  y = 0;
  for (gint i = (gint) script->len - 1; i >= 0; i--)
    {
      guint8 op = g_array_index (script, guint8, i);

      switch (op)
        {
        case CAUCUS_DIFF_EQUAL:
          push (chunks, CAUCUS_DIFF_EQUAL, b->pdata[y]);
          x++;
          y++;
          break;
        case CAUCUS_DIFF_INSERT:
          push (chunks, CAUCUS_DIFF_INSERT, b->pdata[y]);
          y++;
          break;
        case CAUCUS_DIFF_DELETE:
          push (chunks, CAUCUS_DIFF_DELETE, a->pdata[x]);
          x++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return chunks;
}
