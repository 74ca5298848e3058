/* caucus-diff3.c — Myers line diff and a diff3 merge on top of it.
 *
 * Hand-written because none of the declared libraries offers a three-way text merge
 * (GtkSourceView and cmark do not diff; libgit2 is not a dependency and would be a large
 * one for a hundred lines of well-known algorithm).  The diff is Myers' O(ND) greedy
 * algorithm after trimming the common prefix and suffix; when the edit distance would
 * need more than a bounded amount of memory it falls back to one changed region, which is
 * still a correct (if coarse) diff. */
#include "caucus-diff3.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (CaucusTextConflict, caucus_text_conflict,
                     caucus_text_conflict_copy, caucus_text_conflict_free)

CaucusTextConflict *
caucus_text_conflict_copy (const CaucusTextConflict *conflict)
{
  CaucusTextConflict *copy = g_new0 (CaucusTextConflict, 1);

  copy->base_line = conflict->base_line;
  copy->base_lines = conflict->base_lines;
  copy->base = g_strdup (conflict->base);
  copy->ours = g_strdup (conflict->ours);
  copy->theirs = g_strdup (conflict->theirs);
  return copy;
}

void
caucus_text_conflict_free (CaucusTextConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->base);
  g_free (conflict->ours);
  g_free (conflict->theirs);
  g_free (conflict);
}

/* ---- lines ----------------------------------------------------------------------- */

typedef struct {
  const char *start;
  gsize       len;     /* including the '\n' if any */
  guint       id;      /* interned: equal lines have equal ids */
} Line;

typedef struct {
  GArray *lines;       /* Line */
} Text;

static void
split_lines (const char *text,
             GHashTable *intern,
             GArray     *lines)
{
  const char *p = text;

  while (*p)
    {
      const char *nl = strchr (p, '\n');
      Line line;
      g_autofree char *key = NULL;
      gpointer id;

      line.start = p;
      line.len = nl ? (gsize) (nl - p + 1) : strlen (p);
      key = g_strndup (p, line.len);
      if (!g_hash_table_lookup_extended (intern, key, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (intern) + 1);
          g_hash_table_insert (intern, g_steal_pointer (&key), id);
        }
      line.id = GPOINTER_TO_UINT (id);
      g_array_append_val (lines, line);
      p += line.len;
    }
}

typedef struct {
  guint o1, o2;   /* base range [o1, o2) */
  guint s1, s2;   /* side range [s1, s2) */
  int   side;     /* 0 ours, 1 theirs */
} Hunk;

/* Upper bound on the ints kept for the Myers trace (≈ 32 MiB: an edit distance of about
 * 2800 lines); beyond it the diff falls back to one changed region. */
#define MAX_TRACE_INTS (8u * 1024u * 1024u)

/* Appends the changed regions of a → b to @hunks. */
static void
diff_ids (const guint *a,
          guint        n,
          const guint *b,
          guint        m,
          int          side,
          GArray      *hunks)
{
  guint prefix = 0, suffix = 0;
  guint an, bm;
  const guint *x, *y;
  GPtrArray *trace;
  int max, d, found_d = -1;
  int *v;
  GArray *matches;   /* pairs (i, j) of matched lines, reversed */
  guint prev_i, prev_j;

  while (prefix < n && prefix < m && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix])
    suffix++;
  an = n - prefix - suffix;
  bm = m - prefix - suffix;
  x = a + prefix;
  y = b + prefix;

  if (an == 0 && bm == 0)
    return;
  if (an == 0 || bm == 0)
    {
      Hunk h = { prefix, prefix + an, prefix, prefix + bm, side };
      g_array_append_val (hunks, h);
      return;
    }

  max = (int) (an + bm);
  v = g_new0 (int, 2 * (gsize) max + 3);
  trace = g_ptr_array_new_with_free_func (g_free);
  {
    gsize used = 0;
    for (d = 0; d <= max; d++)
      {
        int *snapshot;
        gsize width = 2 * (gsize) d + 3;

        used += width;
        if (used > MAX_TRACE_INTS)
          break;
        /* V as left by round d-1, for k in [-d-1, d+1]. */
        snapshot = g_new (int, width);
        memcpy (snapshot, v + (max + 1) - d - 1, width * sizeof (int));
        g_ptr_array_add (trace, snapshot);

        for (int k = -d; k <= d; k += 2)
          {
            int xi, yi;
            int *vk = v + (max + 1) + k;

            if (k == -d || (k != d && vk[-1] < vk[1]))
              xi = vk[1];
            else
              xi = vk[-1] + 1;
            yi = xi - k;
            while (xi < (int) an && yi < (int) bm && x[xi] == y[yi])
              xi++, yi++;
            *vk = xi;
            if (xi >= (int) an && yi >= (int) bm)
              {
                found_d = d;
                break;
              }
          }
        if (found_d >= 0)
          break;
      }
  }

  if (found_d < 0)
    {
      /* Too far apart to afford a minimal diff: one region is still correct. */
      Hunk h = { prefix, prefix + an, prefix, prefix + bm, side };
      g_array_append_val (hunks, h);
      g_ptr_array_unref (trace);
      g_free (v);
      return;
    }

  /* Walk back through the trace collecting matched pairs.  trace[d] holds V as it was
   * before round d, V[k] at index k + d + 1. */
  matches = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  {
    int xi = (int) an, yi = (int) bm;
    for (d = found_d; d > 0; d--)
      {
        const int *snap = g_ptr_array_index (trace, d);
        int k = xi - yi;
        int prev_k, px, py, mx, my;

        if (k == -d || (k != d && snap[k - 1 + d + 1] < snap[k + 1 + d + 1]))
          prev_k = k + 1;
        else
          prev_k = k - 1;
        px = snap[prev_k + d + 1];
        py = px - prev_k;
        /* One step (down or right) from (px, py), then the diagonal snake to (xi, yi). */
        mx = prev_k == k + 1 ? px : px + 1;
        my = mx - k;
        while (xi > mx && yi > my)
          {
            guint pair[2] = { (guint) xi - 1, (guint) yi - 1 };
            g_array_append_val (matches, pair);
            xi--, yi--;
          }
        xi = px;
        yi = py;
      }
    while (xi > 0 && yi > 0)
      {
        guint pair[2] = { (guint) xi - 1, (guint) yi - 1 };
        g_array_append_val (matches, pair);
        xi--, yi--;
      }
  }

  /* Matches are in reverse order; turn the gaps between them into hunks. */
  prev_i = 0;
  prev_j = 0;
  for (guint t = matches->len; t > 0; t--)
    {
      const guint *pair = &g_array_index (matches, guint, (t - 1) * 2);
      if (pair[0] > prev_i || pair[1] > prev_j)
        {
          Hunk h = { prefix + prev_i, prefix + pair[0], prefix + prev_j, prefix + pair[1], side };
          g_array_append_val (hunks, h);
        }
      prev_i = pair[0] + 1;
      prev_j = pair[1] + 1;
    }
  if (prev_i < an || prev_j < bm)
    {
      Hunk h = { prefix + prev_i, prefix + an, prefix + prev_j, prefix + bm, side };
      g_array_append_val (hunks, h);
    }

  g_array_unref (matches);
  g_ptr_array_unref (trace);
  g_free (v);
}

static guint *
ids_of (GArray *lines)
{
  guint *ids = g_new (guint, lines->len + 1);

  for (guint i = 0; i < lines->len; i++)
    ids[i] = g_array_index (lines, Line, i).id;
  return ids;
}

GArray *
caucus_line_diff (const char *old_text,
                  const char *new_text)
{
  g_autoptr(GHashTable) intern = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) hunks = g_array_new (FALSE, FALSE, sizeof (Hunk));
  g_autofree guint *ia = NULL;
  g_autofree guint *ib = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  split_lines (old_text ? old_text : "", intern, a);
  split_lines (new_text ? new_text : "", intern, b);
  ia = ids_of (a);
  ib = ids_of (b);
  diff_ids (ia, a->len, ib, b->len, 0, hunks);
  for (guint i = 0; i < hunks->len; i++)
    {
      const Hunk *h = &g_array_index (hunks, Hunk, i);
      guint q[4] = { h->o1, h->o2, h->s1, h->s2 };
      g_array_append_vals (out, q, 4);
    }
  return out;
}

static void
append_lines (GString *out,
              GArray  *lines,
              guint    from,
              guint    to)
{
  for (guint i = from; i < to; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      g_string_append_len (out, line->start, line->len);
    }
}

static char *
lines_text (GArray *lines,
            guint   from,
            guint   to)
{
  GString *out = g_string_new (NULL);

  append_lines (out, lines, from, to);
  return g_string_free (out, FALSE);
}

static gboolean
ranges_equal (GArray *la, guint a1, guint a2,
              GArray *lb, guint b1, guint b2)
{
  if (a2 - a1 != b2 - b1)
    return FALSE;
  for (guint i = 0; i < a2 - a1; i++)
    if (g_array_index (la, Line, a1 + i).id != g_array_index (lb, Line, b1 + i).id)
      return FALSE;
  return TRUE;
}

static int
hunk_compare (gconstpointer pa,
              gconstpointer pb)
{
  const Hunk *a = pa, *b = pb;

  if (a->o1 != b->o1)
    return a->o1 < b->o1 ? -1 : 1;
  if (a->o2 != b->o2)
    return a->o2 < b->o2 ? -1 : 1;
  return a->side - b->side;
}

gboolean
caucus_diff3_merge (const char  *base,
                    const char  *ours,
                    const char  *theirs,
                    char       **merged,
                    GPtrArray  **conflicts)
{
  g_autoptr(GHashTable) intern = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) lo = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) la = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) lb = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) hunks = g_array_new (FALSE, FALSE, sizeof (Hunk));
  g_autofree guint *io = NULL, *ia = NULL, *ib = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_text_conflict_free);
  GArray *sides[2];
  guint pos = 0;
  guint i = 0;

  split_lines (base ? base : "", intern, lo);
  split_lines (ours ? ours : "", intern, la);
  split_lines (theirs ? theirs : "", intern, lb);
  sides[0] = la;
  sides[1] = lb;
  io = ids_of (lo);
  ia = ids_of (la);
  ib = ids_of (lb);
  diff_ids (io, lo->len, ia, la->len, 0, hunks);
  diff_ids (io, lo->len, ib, lb->len, 1, hunks);
  g_array_sort (hunks, hunk_compare);

  while (i < hunks->len)
    {
      const Hunk *first = &g_array_index (hunks, Hunk, i);
      guint g_lo = first->o1, g_hi = first->o2;
      gboolean empty_at_hi = first->o1 == first->o2;
      gboolean has_side[2] = { FALSE, FALSE };
      const Hunk *side_first[2] = { NULL, NULL };
      const Hunk *side_last[2] = { NULL, NULL };
      guint j = i;

      /* Gather every hunk that overlaps the group; an insertion touching a change or
       * another insertion at the same place counts as overlapping. */
      while (j < hunks->len)
        {
          const Hunk *h = &g_array_index (hunks, Hunk, j);
          gboolean h_empty = h->o1 == h->o2;
          if (j > i && !(h->o1 < g_hi || (h->o1 == g_hi && (h_empty || empty_at_hi))))
            break;
          if (h->o2 > g_hi)
            {
              g_hi = h->o2;
              empty_at_hi = h_empty;
            }
          else if (h->o2 == g_hi && h_empty)
            empty_at_hi = TRUE;
          has_side[h->side] = TRUE;
          if (side_first[h->side] == NULL)
            side_first[h->side] = h;
          side_last[h->side] = h;
          j++;
        }

      append_lines (out, lo, pos, g_lo);
      if (!(has_side[0] && has_side[1]))
        {
          int s = has_side[0] ? 0 : 1;
          for (guint t = i; t < j; t++)
            {
              const Hunk *h = &g_array_index (hunks, Hunk, t);
              append_lines (out, lo, t == i ? g_lo : g_array_index (hunks, Hunk, t - 1).o2, h->o1);
              append_lines (out, sides[s], h->s1, h->s2);
            }
          append_lines (out, lo, g_array_index (hunks, Hunk, j - 1).o2, g_hi);
        }
      else
        {
          /* Each side's text for the whole base range of the group. */
          guint r1[2], r2[2];
          for (int s = 0; s < 2; s++)
            {
              r1[s] = side_first[s]->s1 - (side_first[s]->o1 - g_lo);
              r2[s] = side_last[s]->s2 + (g_hi - side_last[s]->o2);
            }
          if (ranges_equal (la, r1[0], r2[0], lb, r1[1], r2[1]))
            append_lines (out, la, r1[0], r2[0]);
          else
            {
              CaucusTextConflict *c = g_new0 (CaucusTextConflict, 1);
              c->base_line = g_lo;
              c->base_lines = g_hi - g_lo;
              c->base = lines_text (lo, g_lo, g_hi);
              c->ours = lines_text (la, r1[0], r2[0]);
              c->theirs = lines_text (lb, r1[1], r2[1]);
              g_ptr_array_add (found, c);
            }
        }
      pos = g_hi;
      i = j;
    }
  append_lines (out, lo, pos, lo->len);

  if (found->len > 0)
    {
      if (conflicts != NULL)
        *conflicts = g_steal_pointer (&found);
      if (merged != NULL)
        *merged = NULL;
      return FALSE;
    }
  if (merged != NULL)
    *merged = g_string_free (g_steal_pointer (&out), FALSE);
  if (conflicts != NULL)
    *conflicts = NULL;
  return TRUE;
}
