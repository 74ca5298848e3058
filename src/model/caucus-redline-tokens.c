/* caucus-redline-tokens.c — cutting text into words, punctuation, spaces and paragraph
 * breaks: the tokens the redline diffs and comment anchors hold on to, and the word count
 * built on them.  A word keeps its combining marks, an apostrophe between letters ("don't",
 * "l’accès"), and in scripts written without spaces (Han, Thai…) is one character. */
#include "caucus-redline.h"
#include "caucus-redline-private.h"

#include <string.h>

static gboolean
is_spaceless_script (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
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
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return c == 0x200C || c == 0x200D;   /* ZWNJ, ZWJ inside Persian and Indic words */
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || is_mark (c);
}

/* The character at @p, or (gunichar) -1 past the end or on a broken sequence. */
static gunichar
char_at (const char *text,
         gsize       len,
         gsize       p,
         gsize      *clen)
{
  gunichar c;

  if (p >= len)
    {
      *clen = 0;
      return (gunichar) -1;
    }
  c = g_utf8_get_char_validated (text + p, (gssize) (len - p));
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *clen = 1;
      return (gunichar) -1;
    }
  *clen = (gsize) (g_utf8_next_char (text + p) - (text + p));
  return c;
}

GArray *
_caucus_tokenize (const char *text,
                  gsize       len)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (CaucusToken));
  gsize p = 0;

  while (p < len)
    {
      CaucusToken tok = { p, 0, CAUCUS_TOKEN_PUNCT };
      gsize clen, q;
      gunichar c = char_at (text, len, p, &clen);

      q = p + clen;
      if (c != (gunichar) -1 && g_unichar_isspace (c))
        {
          guint newlines = c == '\n';

          for (;;)
            {
              gsize l;
              gunichar d = char_at (text, len, q, &l);

              if (d == (gunichar) -1 || !g_unichar_isspace (d))
                break;
              newlines += d == '\n';
              q += l;
            }
          tok.kind = newlines >= 2 ? CAUCUS_TOKEN_BREAK : CAUCUS_TOKEN_SPACE;
        }
      else if (c != (gunichar) -1 && is_word_char (c))
        {
          gboolean spaceless = is_spaceless_script (c);

          tok.kind = CAUCUS_TOKEN_WORD;
          for (;;)
            {
              gsize l, l2;
              gunichar d = char_at (text, len, q, &l);

              if (d == (gunichar) -1)
                break;
              if (is_mark (d))
                q += l;   /* a combining mark always stays on its letter */
              else if (spaceless)
                break;
              else if (is_word_char (d) && !is_spaceless_script (d))
                q += l;
              else if (d == '\'' || d == 0x2019)
                {
                  /* "don't", "l’accès": an apostrophe between letters is inside the word. */
                  gunichar e = char_at (text, len, q + l, &l2);

                  if (e == (gunichar) -1 || !is_word_char (e) || is_spaceless_script (e))
                    break;
                  q += l + l2;
                }
              else
                break;
            }
        }
      tok.len = q - p;
      g_array_append_val (tokens, tok);
      p = q;
    }
  return tokens;
}

guint
caucus_text_count_words (const char *text)
{
  g_autoptr(GArray) tokens = NULL;
  guint n = 0;

  if (text == NULL)
    return 0;
  tokens = _caucus_tokenize (text, strlen (text));
  for (guint i = 0; i < tokens->len; i++)
    n += g_array_index (tokens, CaucusToken, i).kind == CAUCUS_TOKEN_WORD;
  return n;
}
