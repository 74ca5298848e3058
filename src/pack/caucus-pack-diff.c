/* caucus-pack-diff.c — adapter from the model's redline (caucus-redline.c) to the
 * space-separated word runs the pack renderers set.
 *
 * The model computes the redline (paragraphs, then words, any script) with changes
 * widened to whole space-separated words; here each run's whitespace is normalised —
 * a paragraph break becomes "\n\n", any other whitespace one space — and runs left
 * without words are dropped, so re-wrapping a paragraph shows no change. */
#include "caucus-pack-diff.h"

#include <string.h>

#include "caucus-redline.h"

static void
chunk_free (gpointer data)
{
  CaucusDiffChunk *chunk = data;

  g_free (chunk->text);
  g_free (chunk);
}

static CaucusDiffOp
op_of (CaucusRedlineOp op)
{
  switch (op)
    {
    case CAUCUS_REDLINE_INSERT:
      return CAUCUS_DIFF_INSERT;
    case CAUCUS_REDLINE_DELETE:
      return CAUCUS_DIFF_DELETE;
    case CAUCUS_REDLINE_EQUAL:
    default:
      return CAUCUS_DIFF_EQUAL;
    }
}

/* Appends one word or a "\n\n" to the chunk list, joining runs of the same kind. */
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
  if (strcmp (word, "\n\n") == 0 && chunks->len == 0)
    return;   /* no paragraph break before the first word */
  last = g_new0 (CaucusDiffChunk, 1);
  last->op = op;
  last->text = g_strdup (word);
  g_ptr_array_add (chunks, last);
}

GPtrArray *
caucus_pack_diff_words (const char *old_text,
                        const char *new_text)
{
  g_autoptr(GPtrArray) runs = caucus_redline_compute (old_text, new_text,
                                                      CAUCUS_REDLINE_FLAGS_WHOLE_WORDS);
  GPtrArray *chunks = g_ptr_array_new_with_free_func (chunk_free);
  CaucusDiffChunk *last;

  for (guint i = 0; i < runs->len; i++)
    {
      CaucusRedlineRun *run = g_ptr_array_index (runs, i);
      const char *p = run->text;

      while (*p != '\0')
        {
          const char *start;
          guint newlines = 0;

          while (*p != '\0' && g_ascii_isspace (*p))
            newlines += *p++ == '\n';
          /* A paragraph break is a word of its own, in the run that holds it. */
          if (newlines >= 2)
            push (chunks, op_of (run->op), "\n\n");
          start = p;
          while (*p != '\0' && !g_ascii_isspace (*p))
            p++;
          if (p > start)
            {
              g_autofree char *word = g_strndup (start, (gsize) (p - start));
              push (chunks, op_of (run->op), word);
            }
        }
    }
  /* No paragraph break after the last word. */
  last = chunks->len > 0 ? g_ptr_array_index (chunks, chunks->len - 1) : NULL;
  while (last != NULL && g_str_has_suffix (last->text, "\n\n"))
    {
      last->text[strlen (last->text) - 2] = '\0';
      if (last->text[0] == '\0')
        {
          g_ptr_array_remove_index (chunks, chunks->len - 1);
          last = chunks->len > 0 ? g_ptr_array_index (chunks, chunks->len - 1) : NULL;
        }
    }
  return chunks;
}
