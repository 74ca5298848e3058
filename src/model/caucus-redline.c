/* caucus-redline.c — word-level redline between two texts.
 *
 * Paragraphs first: caucus_line_diff (Myers over lines) finds the lines that changed;
 * only those regions are cut into tokens (caucus-redline-tokens.c) and diffed again
 * (Myers over tokens).  A 20,000-word statement with 5 % of its paragraphs edited
 * therefore diffs a few hundred words at a time instead of 40,000 tokens at once.  Then
 * the result is tidied for a reader (see caucus-redline.h), handed out as runs, and
 * exported as HTML or Markdown. */
#include "caucus-redline.h"
#include "caucus-redline-private.h"
#include "caucus-diff3.h"

#include <string.h>

/* ---- Myers over token ids ---------------------------------------------------------- */

typedef enum { OP_EQUAL, OP_DELETE, OP_INSERT } Op;

/* Upper bound on the ints kept for the trace (16 MiB); a region further apart than that
 * is shown as one deletion and one insertion, which is still a correct redline. */
#define MAX_TRACE_INTS (4u * 1024u * 1024u)

/* Appends the edit script a → b to @ops (guint8 Op), or returns FALSE when the trace
 * would be too large (nothing appended). */
static gboolean
myers (const guint *a,
       guint        n,
       const guint *b,
       guint        m,
       GArray      *ops)
{
  int max = (int) (n + m);
  g_autofree int *v = g_new0 (int, 2 * (gsize) max + 3);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rev = g_array_new (FALSE, FALSE, sizeof (guint8));
  int found_d = -1;
  gsize used = 0;
  int x, y;

  for (int d = 0; d <= max && found_d < 0; d++)
    {
      gsize width = 2 * (gsize) d + 3;

      used += width;
      if (used > MAX_TRACE_INTS)
        return FALSE;
      /* V before round d, for k in [-d-1, d+1], at index k + d + 1. */
      g_ptr_array_add (trace, g_memdup2 (v + (max + 1) - d - 1, width * sizeof (int)));
      for (int k = -d; k <= d; k += 2)
        {
          int *vk = v + (max + 1) + k;

          if (k == -d || (k != d && vk[-1] < vk[1]))
            x = vk[1];
          else
            x = vk[-1] + 1;
          y = x - k;
          while (x < (int) n && y < (int) m && a[x] == b[y])
            x++, y++;
          *vk = x;
          if (x >= (int) n && y >= (int) m)
            {
              found_d = d;
              break;
            }
        }
    }

  x = (int) n;
  y = (int) m;
  for (int d = found_d; d > 0; d--)
    {
      const int *snap = g_ptr_array_index (trace, d);
      int k = x - y, prev_k, px, py, mx, my;
      guint8 op;

      if (k == -d || (k != d && snap[k - 1 + d + 1] < snap[k + 1 + d + 1]))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      px = snap[prev_k + d + 1];
      py = px - prev_k;
      mx = prev_k == k + 1 ? px : px + 1;
      my = mx - k;
      while (x > mx && y > my)
        {
          op = OP_EQUAL;
          g_array_append_val (rev, op);
          x--, y--;
        }
      op = prev_k == k + 1 ? OP_INSERT : OP_DELETE;
      g_array_append_val (rev, op);
      x = px;
      y = py;
    }
  while (x > 0 && y > 0)
    {
      guint8 op = OP_EQUAL;
      g_array_append_val (rev, op);
      x--, y--;
    }
  for (guint i = rev->len; i > 0; i--)
    g_array_append_val (ops, g_array_index (rev, guint8, i - 1));
  return TRUE;
}

/* ---- segments ---------------------------------------------------------------------- */

/* An equal stretch (its text on both sides, which differ at most in whitespace) or a
 * change (what was deleted, what was inserted). */
typedef struct {
  gboolean  change;
  GString  *old;        /* equal: old side; change: deleted text */
  GString  *new;        /* equal: new side; change: inserted text */
  gboolean  foldable;   /* equal only: no word and no paragraph break in it */
} Segment;

static void
segment_free (gpointer data)
{
  Segment *s = data;

  g_string_free (s->old, TRUE);
  g_string_free (s->new, TRUE);
  g_free (s);
}

static Segment *
last_segment (GPtrArray *segs)
{
  return segs->len > 0 ? g_ptr_array_index (segs, segs->len - 1) : NULL;
}

static void
push (GPtrArray   *segs,
      Op           op,
      const char  *old_text,
      gsize        old_len,
      const char  *new_text,
      gsize        new_len,
      gboolean     foldable)
{
  Segment *last = last_segment (segs);
  gboolean change = op != OP_EQUAL;

  if (last == NULL || last->change != change)
    {
      last = g_new0 (Segment, 1);
      last->change = change;
      last->old = g_string_new (NULL);
      last->new = g_string_new (NULL);
      last->foldable = TRUE;
      g_ptr_array_add (segs, last);
    }
  if (op != OP_INSERT)
    g_string_append_len (last->old, old_text, (gssize) old_len);
  if (op != OP_DELETE)
    g_string_append_len (last->new, new_text, (gssize) new_len);
  if (!change && !foldable)
    last->foldable = FALSE;
}

static guint
token_id (GHashTable        *ids,
          const char        *text,
          const CaucusToken *tok)
{
  g_autofree char *key = NULL;
  gpointer id;

  /* Whitespace compares by kind: re-wrapping is not a change, a new paragraph is. */
  if (tok->kind == CAUCUS_TOKEN_SPACE)
    key = g_strdup (" ");
  else if (tok->kind == CAUCUS_TOKEN_BREAK)
    key = g_strdup ("\n\n");
  else
    key = g_strdup_printf ("%c%.*s", tok->kind == CAUCUS_TOKEN_WORD ? 'w' : 'p',
                           (int) tok->len, text + tok->start);
  if (!g_hash_table_lookup_extended (ids, key, NULL, &id))
    {
      id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
      g_hash_table_insert (ids, g_steal_pointer (&key), id);
    }
  return GPOINTER_TO_UINT (id);
}

/* Diffs one changed region word by word. */
static void
diff_region (GPtrArray  *segs,
             const char *a,
             gsize       a_len,
             const char *b,
             gsize       b_len)
{
  g_autoptr(GArray) ta = _caucus_tokenize (a, a_len);
  g_autoptr(GArray) tb = _caucus_tokenize (b, b_len);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *ia = g_new (guint, ta->len + 1);
  g_autofree guint *ib = g_new (guint, tb->len + 1);
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (guint8));
  guint x = 0, y = 0;

  for (guint i = 0; i < ta->len; i++)
    ia[i] = token_id (ids, a, &g_array_index (ta, CaucusToken, i));
  for (guint i = 0; i < tb->len; i++)
    ib[i] = token_id (ids, b, &g_array_index (tb, CaucusToken, i));

  if (!myers (ia, ta->len, ib, tb->len, ops))
    {
      push (segs, OP_DELETE, a, a_len, NULL, 0, FALSE);
      push (segs, OP_INSERT, NULL, 0, b, b_len, FALSE);
      return;
    }
  for (guint i = 0; i < ops->len; i++)
    {
      Op op = g_array_index (ops, guint8, i);
      const CaucusToken *p = op != OP_INSERT ? &g_array_index (ta, CaucusToken, x) : NULL;
      const CaucusToken *q = op != OP_DELETE ? &g_array_index (tb, CaucusToken, y) : NULL;
      /* Spaces and punctuation between two changes fold into them; a line break (list
       * items, headings) does not. */
      gboolean foldable = p != NULL && p->kind != CAUCUS_TOKEN_WORD && p->kind != CAUCUS_TOKEN_BREAK &&
                          memchr (a + p->start, '\n', p->len) == NULL;

      push (segs, op,
            p ? a + p->start : NULL, p ? p->len : 0,
            q ? b + q->start : NULL, q ? q->len : 0,
            foldable);
      x += op != OP_INSERT;
      y += op != OP_DELETE;
    }
}

/* Byte offsets of the start of each line (lines keep their '\n', as caucus_line_diff
 * counts them), plus the length at the end. */
static GArray *
line_starts (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize p = 0, len = strlen (text);

  while (p < len)
    {
      const char *nl = memchr (text + p, '\n', len - p);

      g_array_append_val (starts, p);
      p = nl != NULL ? (gsize) (nl - text) + 1 : len;
    }
  g_array_append_val (starts, len);
  return starts;
}

static void
push_equal_lines (GPtrArray  *segs,
                  const char *a,
                  GArray     *la,
                  guint       a1,
                  guint       a2,
                  const char *b,
                  GArray     *lb,
                  guint       b1,
                  guint       b2)
{
  gsize as = g_array_index (la, gsize, a1), ae = g_array_index (la, gsize, a2);
  gsize bs = g_array_index (lb, gsize, b1), be = g_array_index (lb, gsize, b2);

  /* Whole equal lines never fold: even a lone "\n" line between two changed lines is
   * part of a paragraph break, and changes do not run across paragraphs. */
  if (be > bs)
    push (segs, OP_EQUAL, a + as, ae - as, b + bs, be - bs, FALSE);
}

/* Folds an equal stretch of only spaces/punctuation between two changes into them, and
 * merges changes that end up next to each other. */
static GPtrArray *
fold_segments (GPtrArray *segs)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (segment_free);
  gsize n = 0;
  g_autofree gpointer *items = g_ptr_array_steal (segs, &n);

  for (gsize i = 0; i < n; i++)
    {
      Segment *s = items[i];
      Segment *prev = last_segment (out);

      if (s->change && prev != NULL && !prev->change && prev->foldable && out->len >= 2)
        {
          Segment *eq = g_ptr_array_steal_index (out, out->len - 1);

          prev = last_segment (out);
          g_string_append_len (prev->old, eq->old->str, (gssize) eq->old->len);
          g_string_append_len (prev->new, eq->new->str, (gssize) eq->new->len);
          segment_free (eq);
        }
      if (prev != NULL && prev->change == s->change)
        {
          g_string_append_len (prev->old, s->old->str, (gssize) s->old->len);
          g_string_append_len (prev->new, s->new->str, (gssize) s->new->len);
          prev->foldable = prev->foldable && s->foldable;
          segment_free (s);
        }
      else
        g_ptr_array_add (out, s);
    }
  return out;
}

/* Bytes of whitespace at the end (or start) of @s. */
static gsize
space_len (GString  *s,
           gboolean  at_end)
{
  gsize n = 0;

  if (at_end)
    while (n < s->len && g_ascii_isspace (s->str[s->len - 1 - n]))
      n++;
  else
    while (n < s->len && g_ascii_isspace (s->str[n]))
      n++;
  return n;
}

/* A replacement whose two sides end (or start) with whitespace gives it back to the
 * equal text beside it: "{--don't--}{++do not++} stop", not "{--don't --}{++do not ++}stop". */
static void
factor_spaces (GPtrArray *segs)
{
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = g_ptr_array_index (segs, i);
      Segment *next = i + 1 < segs->len ? g_ptr_array_index (segs, i + 1) : NULL;
      Segment *prev = i > 0 ? g_ptr_array_index (segs, i - 1) : NULL;
      gsize a, b;

      if (!s->change || s->old->len == 0 || s->new->len == 0)
        continue;
      a = space_len (s->old, TRUE);
      b = space_len (s->new, TRUE);
      if (a > 0 && b > 0 && a < s->old->len && b < s->new->len && next != NULL && !next->change)
        {
          g_string_prepend_len (next->old, s->old->str + s->old->len - a, (gssize) a);
          g_string_prepend_len (next->new, s->new->str + s->new->len - b, (gssize) b);
          g_string_truncate (s->old, s->old->len - a);
          g_string_truncate (s->new, s->new->len - b);
        }
      a = space_len (s->old, FALSE);
      b = space_len (s->new, FALSE);
      if (a > 0 && b > 0 && a < s->old->len && b < s->new->len && prev != NULL && !prev->change)
        {
          g_string_append_len (prev->old, s->old->str, (gssize) a);
          g_string_append_len (prev->new, s->new->str, (gssize) b);
          g_string_erase (s->old, 0, (gssize) a);
          g_string_erase (s->new, 0, (gssize) b);
        }
    }
}

static gboolean
starts_with_word (GString *s)
{
  return s->len > 0 && !g_unichar_isspace (g_utf8_get_char (s->str));
}

static gboolean
ends_with_word (GString *s)
{
  return s->len > 0 && !g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (s->str, s->str + s->len)));
}

/* Bytes at the end of @s after its last whitespace (all of it when none). */
static gsize
tail_word_len (GString *s)
{
  const char *end = s->str + s->len, *p = end;

  while (p > s->str)
    {
      const char *q = g_utf8_find_prev_char (s->str, p);
      if (g_unichar_isspace (g_utf8_get_char (q)))
        break;
      p = q;
    }
  return (gsize) (end - p);
}

static gsize
head_word_len (GString *s)
{
  const char *p = s->str, *end = s->str + s->len;

  while (p < end && !g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return (gsize) (p - s->str);
}

/* CAUCUS_REDLINE_FLAGS_WHOLE_WORDS: moves the rest of a partly changed word from the
 * neighbouring equal stretches into the change, on both sides. */
static void
widen_to_words (GPtrArray *segs)
{
  for (guint i = 0; i < segs->len; i++)
    {
      Segment *s = g_ptr_array_index (segs, i);
      Segment *prev = i > 0 ? g_ptr_array_index (segs, i - 1) : NULL;
      Segment *next = i + 1 < segs->len ? g_ptr_array_index (segs, i + 1) : NULL;

      if (!s->change)
        continue;
      if (prev != NULL && !prev->change && ends_with_word (prev->new) &&
          (starts_with_word (s->old) || starts_with_word (s->new)))
        {
          gsize n = tail_word_len (prev->new);
          g_autofree char *w = g_strndup (prev->new->str + prev->new->len - n, n);

          g_string_truncate (prev->new, prev->new->len - n);
          g_string_truncate (prev->old, prev->old->len >= n ? prev->old->len - n : 0);
          g_string_prepend (s->old, w);
          g_string_prepend (s->new, w);
        }
      if (next != NULL && !next->change && starts_with_word (next->new) &&
          (ends_with_word (s->old) || ends_with_word (s->new)))
        {
          gsize n = head_word_len (next->new);
          g_autofree char *w = g_strndup (next->new->str, n);

          g_string_erase (next->new, 0, (gssize) n);
          g_string_erase (next->old, 0, (gssize) MIN (n, next->old->len));
          g_string_append (s->old, w);
          g_string_append (s->new, w);
        }
    }
  /* Drop emptied equal stretches and merge the changes they separated. */
  for (guint i = 0; i < segs->len;)
    {
      Segment *s = g_ptr_array_index (segs, i);
      Segment *prev = i > 0 ? g_ptr_array_index (segs, i - 1) : NULL;

      if (!s->change && s->new->len == 0)
        g_ptr_array_remove_index (segs, i);
      else if (prev != NULL && prev->change && s->change)
        {
          g_string_append_len (prev->old, s->old->str, (gssize) s->old->len);
          g_string_append_len (prev->new, s->new->str, (gssize) s->new->len);
          g_ptr_array_remove_index (segs, i);
        }
      else
        i++;
    }
}

static void
run_free (gpointer data)
{
  CaucusRedlineRun *run = data;

  g_free (run->text);
  g_free (run);
}

static void
add_run (GPtrArray       *runs,
         CaucusRedlineOp  op,
         GString         *text)
{
  CaucusRedlineRun *run;

  if (text->len == 0)
    return;
  run = g_new0 (CaucusRedlineRun, 1);
  run->op = op;
  run->text = g_strndup (text->str, text->len);
  g_ptr_array_add (runs, run);
}

GPtrArray *
caucus_redline_compute (const char         *old_text,
                        const char         *new_text,
                        CaucusRedlineFlags  flags)
{
  const char *a = old_text != NULL ? old_text : "";
  const char *b = new_text != NULL ? new_text : "";
  g_autoptr(GArray) hunks = caucus_line_diff (a, b);
  g_autoptr(GArray) la = line_starts (a);
  g_autoptr(GArray) lb = line_starts (b);
  g_autoptr(GPtrArray) segs = g_ptr_array_new_with_free_func (segment_free);
  g_autoptr(GPtrArray) folded = NULL;
  GPtrArray *runs = g_ptr_array_new_with_free_func (run_free);
  guint ai = 0, bi = 0;

  for (guint h = 0; h + 3 < hunks->len; h += 4)
    {
      guint o1 = g_array_index (hunks, guint, h), o2 = g_array_index (hunks, guint, h + 1);
      guint s1 = g_array_index (hunks, guint, h + 2), s2 = g_array_index (hunks, guint, h + 3);
      gsize as = g_array_index (la, gsize, o1), ae = g_array_index (la, gsize, o2);
      gsize bs = g_array_index (lb, gsize, s1), be = g_array_index (lb, gsize, s2);

      push_equal_lines (segs, a, la, ai, o1, b, lb, bi, s1);
      diff_region (segs, a + as, ae - as, b + bs, be - bs);
      ai = o2;
      bi = s2;
    }
  push_equal_lines (segs, a, la, ai, la->len - 1, b, lb, bi, lb->len - 1);

  folded = fold_segments (segs);
  factor_spaces (folded);
  if (flags & CAUCUS_REDLINE_FLAGS_WHOLE_WORDS)
    widen_to_words (folded);
  for (guint i = 0; i < folded->len; i++)
    {
      Segment *s = g_ptr_array_index (folded, i);

      if (s->change)
        {
          add_run (runs, CAUCUS_REDLINE_DELETE, s->old);
          add_run (runs, CAUCUS_REDLINE_INSERT, s->new);
        }
      else
        add_run (runs, CAUCUS_REDLINE_EQUAL, s->new);
    }
  return runs;
}

gboolean
caucus_redline_has_changes (GPtrArray *runs)
{
  g_return_val_if_fail (runs != NULL, FALSE);

  for (guint i = 0; i < runs->len; i++)
    if (((CaucusRedlineRun *) g_ptr_array_index (runs, i))->op != CAUCUS_REDLINE_EQUAL)
      return TRUE;
  return FALSE;
}

void
caucus_redline_count_words (GPtrArray *runs,
                            guint     *n_inserted,
                            guint     *n_deleted)
{
  guint ins = 0, del = 0;

  g_return_if_fail (runs != NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      CaucusRedlineRun *run = g_ptr_array_index (runs, i);

      if (run->op == CAUCUS_REDLINE_INSERT)
        ins += caucus_text_count_words (run->text);
      else if (run->op == CAUCUS_REDLINE_DELETE)
        del += caucus_text_count_words (run->text);
    }
  if (n_inserted != NULL)
    *n_inserted = ins;
  if (n_deleted != NULL)
    *n_deleted = del;
}

/* ---- export ------------------------------------------------------------------------ */

typedef struct {
  GString  *out;
  gboolean  html;
  gboolean  in_para;   /* html: a <p> is open */
  gboolean  at_start;  /* nothing written in the current paragraph yet */
} Writer;

static void
write_text (Writer     *w,
            const char *text,
            gsize       len)
{
  if (!w->html)
    {
      g_string_append_len (w->out, text, (gssize) len);
      return;
    }
  {
    g_autofree char *escaped = g_markup_escape_text (text, (gssize) len);
    g_auto(GStrv) lines = g_strsplit (escaped, "\n", -1);
    g_autofree char *joined = g_strjoinv ("<br>\n", lines);

    g_string_append (w->out, joined);
  }
}

static void
write_piece (Writer          *w,
             CaucusRedlineOp  op,
             const char      *text,
             gsize            len)
{
  static const char *html_open[] = { "", "<del>", "<ins>" };
  static const char *html_close[] = { "", "</del>", "</ins>" };
  static const char *md_open[] = { "", "{--", "{++" };
  static const char *md_close[] = { "", "--}", "++}" };
  gboolean blank = TRUE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      blank = FALSE;
  if (blank && (w->at_start || op == CAUCUS_REDLINE_DELETE))
    return;   /* leading space of a paragraph, or a deleted space: nothing to show */
  if (w->html && !w->in_para)
    {
      g_string_append (w->out, "<p>");
      w->in_para = TRUE;
    }
  w->at_start = FALSE;
  if (blank)
    {
      write_text (w, text, len);
      return;
    }
  /* Marks hug the words: spaces and line ends at either side stay outside them. */
  {
    gsize lead = 0, trail = 0;

    while (lead < len && g_ascii_isspace (text[lead]))
      lead++;
    while (trail < len - lead && g_ascii_isspace (text[len - 1 - trail]))
      trail++;
    write_text (w, text, lead);
    g_string_append (w->out, w->html ? html_open[op] : md_open[op]);
    write_text (w, text + lead, len - lead - trail);
    g_string_append (w->out, w->html ? html_close[op] : md_close[op]);
    write_text (w, text + len - trail, trail);
  }
}

static void
write_break (Writer *w)
{
  if (w->at_start)
    return;
  if (w->html)
    {
      if (w->in_para)
        g_string_append (w->out, "</p>\n");
      w->in_para = FALSE;
    }
  else
    g_string_append (w->out, "\n\n");
  w->at_start = TRUE;
}

static char *
export_runs (GPtrArray *runs,
             gboolean   html)
{
  Writer w = { g_string_new (NULL), html, FALSE, TRUE };

  for (guint i = 0; i < runs->len; i++)
    {
      CaucusRedlineRun *run = g_ptr_array_index (runs, i);
      gsize len = strlen (run->text);
      g_autoptr(GArray) toks = _caucus_tokenize (run->text, len);
      gsize piece = 0;

      for (guint t = 0; t <= toks->len; t++)
        {
          const CaucusToken *tok = t < toks->len ? &g_array_index (toks, CaucusToken, t) : NULL;

          if (tok != NULL && tok->kind != CAUCUS_TOKEN_BREAK)
            continue;
          if (tok == NULL || tok->start > piece)
            write_piece (&w, run->op, run->text + piece, (tok ? tok->start : len) - piece);
          if (tok != NULL)
            {
              write_break (&w);
              piece = tok->start + tok->len;
            }
        }
    }
  if (html && w.in_para)
    g_string_append (w.out, "</p>\n");
  if (!html && w.out->len > 0 && w.out->str[w.out->len - 1] != '\n')
    g_string_append_c (w.out, '\n');
  return g_string_free (w.out, FALSE);
}

char *
caucus_redline_to_html (GPtrArray *runs)
{
  g_return_val_if_fail (runs != NULL, NULL);
  return export_runs (runs, TRUE);
}

char *
caucus_redline_to_markdown (GPtrArray *runs)
{
  g_return_val_if_fail (runs != NULL, NULL);
  return export_runs (runs, FALSE);
}
