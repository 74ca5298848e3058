/* caucus-pack-paginate.c: measuring blocks with Pango and placing them on pages.
 *
 * Layout is at 72 units per inch: one unit is one PDF point.  Every block is measured once;
 * its PangoLayout and line geometry are kept so that rendering any page later (to the PDF,
 * a preview widget or a printer) never lays text out again.  Page numbers are not part of
 * the flow (the contents column and footers have fixed widths), so one layout pass settles
 * every page break and the numbers are filled in when pages are drawn.
 */
#include <glib/gi18n-lib.h>
#include "caucus-pack-layout-private.h"

#include <math.h>
#include <string.h>

#define CELL_PAD 4.0
#define TOC_NUMBER_WIDTH 44.0

/* Font families are lists: Noto where installed, DejaVu otherwise; fontconfig falls back per
 * character for scripts the first family lacks (Arabic, CJK). */
#define SERIF "Noto Serif,DejaVu Serif,serif"
#define SANS "Noto Sans,DejaVu Sans,sans-serif"
#define MONO "DejaVu Sans Mono,monospace"

const PackStyleInfo pack_styles[PACK_N_STYLES] = {
  [PACK_STYLE_BODY]        = { SERIF " 9.5",             "#1f2329", 0,  6,  1.25 },
  [PACK_STYLE_SECTION]     = { SANS " Bold 20",          "#1d3557", 0,  16, 0 },
  [PACK_STYLE_H2]          = { SANS " Bold 13",          "#1d3557", 14, 6,  0 },
  [PACK_STYLE_H3]          = { SANS " Bold 10.5",        "#1f2329", 10, 3,  0 },
  [PACK_STYLE_H4]          = { SANS " Bold Italic 9.5",  "#1f2329", 8,  3,  0 },
  [PACK_STYLE_META]        = { SANS " 7.8",              "#5b6573", 0,  4,  1.15 },
  [PACK_STYLE_SMALL]       = { SERIF " 8.5",             "#1f2329", 0,  4,  1.2 },
  [PACK_STYLE_CODE]        = { MONO " 7.8",              "#1f2329", 2,  8,  1.15 },
  [PACK_STYLE_QUOTE]       = { SERIF " Italic 9.5",      "#3d4451", 0,  6,  1.25 },
  [PACK_STYLE_TOC1]        = { SANS " Bold 10",          "#1d3557", 9,  2,  0 },
  [PACK_STYLE_TOC2]        = { SANS " 9",                "#1f2329", 0,  2,  0 },
  [PACK_STYLE_CELL]        = { SANS " 8",                "#1f2329", 0,  0,  1.1 },
  [PACK_STYLE_AGENDA_TIME] = { SANS " 8",                "#1f2329", 0,  0,  1.1 },
  [PACK_STYLE_DAY]         = { SANS " Bold 11.5",        "#1d3557", 16, 6,  0 },
};

const char *
pack_style_font (PackStyle style)
{
  return pack_styles[style].font;
}

double
pack_layout_content_width (CaucusPackLayout *self)
{
  return self->page_width - self->margin_left - self->margin_right;
}

/* Creates (or re-creates at another width) the PangoLayout of @text and records its lines. */
void
pack_layout_prepare_text (CaucusPackLayout *self,
                          PackText         *text,
                          PackStyle         style,
                          double            width,
                          PangoAlignment    align)
{
  g_autoptr(GError) error = NULL;
  PangoAttrList *attrs = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *markup = NULL;
  gboolean isolate;
  PangoLayoutIter *iter;
  PangoColor color;

  if (text->layout == NULL)
    {
      text->layout = pango_layout_new (self->context);
      pango_layout_set_font_description (text->layout, self->fonts[style]);
      pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
      if (pack_styles[style].line_spacing > 0)
        pango_layout_set_line_spacing (text->layout, pack_styles[style].line_spacing);
      /* Structural lines (titles, contents, day headings) are set in the document's
       * direction like list entries.  In a right-to-left pack such a line is one
       * first-strong isolate (U+2068 … U+2069) inside a right-to-left paragraph: an
       * English name keeps its own order and its punctuation ("Access Now (Access)."),
       * and the whole stands at the right, where the reader starts. */
      if (style == PACK_STYLE_SECTION || style == PACK_STYLE_TOC1 || style == PACK_STYLE_TOC2 ||
          style == PACK_STYLE_DAY)
        text->fixed_dir = TRUE;
      /* A line built of isolated parts ("title · organisation · country") already
       * keeps each part whole; its parts then follow one another right to left. */
      isolate = self->rtl && text->fixed_dir && strstr (text->markup, PACK_FSI) == NULL;
      markup = isolate ? g_strconcat (PACK_FSI, text->markup, PACK_PDI, NULL) : g_strdup (text->markup);
      if (isolate)
        for (guint l = 0; l < text->links->len; l++)
          {
            g_array_index (text->links, PackLink, l).start += strlen (PACK_FSI);
            g_array_index (text->links, PackLink, l).end += strlen (PACK_FSI);
          }
      if (!pango_parse_markup (markup, -1, 0, &attrs, &plain, NULL, &error))
        {
          /* Our markup escapes all document text, so this is a bug; still show the words. */
          g_warning ("Briefing pack markup rejected (%s): %s", error->message, text->markup);
          plain = g_strdup (text->markup);
          attrs = pango_attr_list_new ();
          g_array_set_size (text->links, 0);
        }
      if (pango_color_parse (&color, pack_styles[style].color))
        {
          PangoAttribute *fg = pango_attr_foreground_new (color.red, color.green, color.blue);
          pango_attr_list_insert_before (attrs, fg);
        }
      pango_layout_set_text (text->layout, plain, -1);
      pango_layout_set_attributes (text->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (text->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  /* @align is logical (LEFT: the start of the line in the document's direction).  Table cells
   * and list items follow the document's direction, so an Arabic-first name stays at the
   * start of a left-to-right table (its Arabic run still shaped and ordered right to left);
   * free paragraphs take their direction from their first strong character. */
  pango_layout_set_auto_dir (text->layout, !text->fixed_dir);
  if (self->rtl && align == PANGO_ALIGN_LEFT)
    align = PANGO_ALIGN_RIGHT;
  else if (self->rtl && align == PANGO_ALIGN_RIGHT)
    align = PANGO_ALIGN_LEFT;
  pango_layout_set_alignment (text->layout, align);

  if (text->lines == NULL)
    text->lines = g_array_new (FALSE, FALSE, sizeof (PackLine));
  g_array_set_size (text->lines, 0);
  iter = pango_layout_get_iter (text->layout);
  do
    {
      PangoRectangle logical;
      PackLine line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = pango_units_to_double (logical.y);
      line.height = pango_units_to_double (logical.height);
      line.x = pango_units_to_double (logical.x);
      line.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      g_array_append_val (text->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  {
    PangoRectangle logical;

    pango_layout_get_extents (text->layout, NULL, &logical);
    text->height = pango_units_to_double (logical.height);
  }
}

static double
text_natural_width (CaucusPackLayout *self,
                    PackText         *text,
                    PackStyle         style)
{
  int w, h;

  pack_layout_prepare_text (self, text, style, -1, PANGO_ALIGN_LEFT);
  pango_layout_get_size (text->layout, &w, &h);
  return pango_units_to_double (w);
}

static void
measure_table (CaucusPackLayout *self,
               PackBlock        *table,
               double            avail)
{
  guint n = table->n_cols;
  g_autofree double *natural = g_new0 (double, n);

  g_free (table->col_width);
  table->col_width = g_new0 (double, n);
  if (table->col_frac != NULL)
    {
      for (guint c = 0; c < n; c++)
        table->col_width[c] = table->col_frac[c] * avail;
    }
  else
    {
      double total = 0, given = 0, extra = 0;

      for (guint r = 0; r < table->rows->len; r++)
        {
          PackRow *row = g_ptr_array_index (table->rows, r);

          for (guint c = 0; c < n; c++)
            natural[c] = MAX (natural[c],
                              text_natural_width (self, g_ptr_array_index (row->cells, c), table->style)
                              + 2 * CELL_PAD + 1);
        }
      for (guint c = 0; c < n; c++)
        total += natural[c];
      if (total <= avail)
        {
          /* Spread the slack evenly so narrow tables still span the measure. */
          for (guint c = 0; c < n; c++)
            table->col_width[c] = natural[c] + (avail - total) / n;
        }
      else
        {
          for (guint c = 0; c < n; c++)
            {
              table->col_width[c] = MIN (natural[c], avail / n);
              given += table->col_width[c];
              extra += natural[c] - table->col_width[c];
            }
          for (guint c = 0; c < n; c++)
            if (extra > 0)
              table->col_width[c] += (avail - given) * (natural[c] - table->col_width[c]) / extra;
        }
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      PackRow *row = g_ptr_array_index (table->rows, r);

      row->height = 0;
      for (guint c = 0; c < n; c++)
        {
          PackText *cell = g_ptr_array_index (row->cells, c);
          PangoAlignment align = table->col_align != NULL ? table->col_align[c] : PANGO_ALIGN_LEFT;
          PackStyle style = (!table->grid && c == 0) ? PACK_STYLE_AGENDA_TIME : table->style;

          pack_layout_prepare_text (self, cell, style, table->col_width[c] - 2 * CELL_PAD, align);
          row->height = MAX (row->height, cell->height + 2 * CELL_PAD);
        }
    }
}

static void
measure_block (CaucusPackLayout *self,
               PackBlock        *block)
{
  double width = pack_layout_content_width (self) - block->indent;

  if (block->measured)
    return;
  block->measured = TRUE;
  switch (block->kind)
    {
    case PACK_BLOCK_TEXT:
      pack_layout_prepare_text (self, block->text, block->style,
                                width - (block->shaded ? 12 : 0), PANGO_ALIGN_LEFT);
      break;
    case PACK_BLOCK_TOC_ENTRY:
      pack_layout_prepare_text (self, block->text, block->style, width - TOC_NUMBER_WIDTH,
                                PANGO_ALIGN_LEFT);
      break;
    case PACK_BLOCK_TABLE:
      measure_table (self, block, width);
      break;
    case PACK_BLOCK_RULE:
    case PACK_BLOCK_PDF_PAGE:
    case PACK_BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* Pagination --------------------------------------------------------------------------- */

typedef struct
{
  CaucusPackLayout *self;
  PackPage         *page;
  double            y;
  gboolean          used;
  const char       *running;
  PackPageKind      kind;
  PackBlock        *continued;   /* the marker of the session the current block belongs to */
  gboolean          substantive; /* the page holds more than empty sections' sentences */
} Flow;

void
pack_page_free (gpointer data)
{
  PackPage *page = data;

  g_array_unref (page->placements);
  g_free (page->running);
  g_free (page);
}

static void
flow_new_page (Flow *flow)
{
  PackPage *page = g_new0 (PackPage, 1);

  page->kind = flow->kind;
  page->placements = g_array_new (FALSE, TRUE, sizeof (PackPlacement));
  page->running = g_strdup (flow->running);
  g_ptr_array_add (flow->self->pages, page);
  flow->page = page;
  flow->y = flow->self->content_top;
  flow->used = FALSE;
  flow->substantive = FALSE;

  /* A programme session running over a page break: say whose description this is. */
  if (flow->continued != NULL && flow->kind == PACK_PAGE_BODY)
    {
      PackBlock *marker = flow->continued;
      PackPlacement placement = { marker, flow->y, 0, 0, FALSE, FALSE };

      measure_block (flow->self, marker);
      placement.last = marker->text->lines->len;
      g_array_append_val (page->placements, placement);
      flow->y += marker->text->height + pack_styles[marker->style].space_after + 4;
      /* still unused: the marker alone never holds a page against a block that needs one */
    }
}

static void
flow_place (Flow      *flow,
            PackBlock *block,
            double     height,
            guint      first,
            guint      last,
            gboolean   repeat_header)
{
  PackPlacement placement = { block, flow->y, first, last, repeat_header, first == 0 && !repeat_header };

  if (placement.starts_block && block->dest != NULL)
    {
      PackDestPos *pos = g_new0 (PackDestPos, 1);

      pos->page = flow->self->pages->len - 1;
      pos->y = flow->y;
      g_hash_table_replace (flow->self->dests, g_strdup (block->dest), pos);
    }
  g_array_append_val (flow->page->placements, placement);
  flow->y += height;
  flow->used = TRUE;
}

static double
text_lines_height (PackText *text,
                   guint     first,
                   guint     last)
{
  PackLine *a = &g_array_index (text->lines, PackLine, first);
  PackLine *b = &g_array_index (text->lines, PackLine, last - 1);

  return b->top + b->height - a->top;
}

/* The least of @block that must follow a keep-with-next heading onto the same page. */
static double
min_chunk (PackBlock *block)
{
  if (block == NULL)
    return 0;
  switch (block->kind)
    {
    case PACK_BLOCK_TEXT:
    case PACK_BLOCK_TOC_ENTRY:
      return pack_styles[block->style].space_before
             + text_lines_height (block->text, 0, MIN (2, block->text->lines->len));
    case PACK_BLOCK_TABLE:
      {
        double h = 0;
        for (guint r = 0; r < MIN (2, block->rows->len); r++)
          h += ((PackRow *) g_ptr_array_index (block->rows, r))->height;
        return h;
      }
    case PACK_BLOCK_RULE:
    case PACK_BLOCK_PDF_PAGE:
    case PACK_BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

static void
flow_text (Flow      *flow,
           PackBlock *block,
           PackBlock *next)
{
  CaucusPackLayout *self = flow->self;
  PackText *text = block->text;
  guint n = text->lines->len;
  guint first = 0;
  double pad = block->shaded ? 8 : 0;

  if (flow->used)
    flow->y += pack_styles[block->style].space_before;
  /* The heading's own space after counts: without it a section title could keep its
   * first lines on paper and still be left alone at the foot of the page. */
  if (block->keep_with_next && flow->used &&
      flow->y + text->height + pad + pack_styles[block->style].space_after + min_chunk (next)
      > self->content_bottom)
    flow_new_page (flow);

  while (first < n)
    {
      double avail = self->content_bottom - flow->y - pad;
      guint fit = first;

      while (fit < n && text_lines_height (text, first, fit + 1) <= avail)
        fit++;
      if (fit == n)
        {
          flow_place (flow, block, text_lines_height (text, first, n) + pad, first, n, FALSE);
          break;
        }
      /* Widows and orphans: never leave a single line behind or carry one over. */
      if (n - first >= 4 && fit - first >= 2 && n - fit < 2)
        fit = n - 2;
      if ((fit - first < 2 && n - first >= 2) || fit == first)
        {
          if (flow->used)
            {
              flow_new_page (flow);
              continue;
            }
          fit = MAX (fit, first + 1);    /* a line taller than a page: place it anyway */
        }
      flow_place (flow, block, text_lines_height (text, first, fit) + pad, first, fit, FALSE);
      first = fit;
      flow_new_page (flow);
    }
  flow->y += block->tight ? 2 : pack_styles[block->style].space_after;
}

static void
flow_table (Flow      *flow,
            PackBlock *block,
            PackBlock *next)
{
  CaucusPackLayout *self = flow->self;
  guint first = 0, r;
  double header_h = block->header_row && block->rows->len > 0
                    ? ((PackRow *) g_ptr_array_index (block->rows, 0))->height : 0;
  double space = block->grid ? 6 : 2;

  if (flow->used)
    flow->y += space;
  if (block->keep_with_next && flow->used)
    {
      /* A programme session's header row stays with the first lines of its description. */
      double h = 0;

      for (r = 0; r < block->rows->len; r++)
        h += ((PackRow *) g_ptr_array_index (block->rows, r))->height;
      if (flow->y + h + min_chunk (next) > self->content_bottom &&
          h + min_chunk (next) <= self->content_bottom - self->content_top)
        flow_new_page (flow);
    }
  while (first < block->rows->len)
    {
      gboolean repeat = block->header_row && first > 0;
      double y = flow->y + (repeat ? header_h : 0);

      for (r = first; r < block->rows->len; r++)
        {
          PackRow *row = g_ptr_array_index (block->rows, r);

          if (y + row->height > self->content_bottom && (r > first || flow->used))
            break;
          y += row->height;
        }
      /* Keep a header row with at least one body row. */
      if (block->header_row && first == 0 && r == 1 && block->rows->len > 1 && flow->used)
        r = 0;
      if (r == first)
        {
          flow_new_page (flow);
          continue;
        }
      flow_place (flow, block, y - flow->y, first, r, repeat);
      first = r;
      if (first < block->rows->len)
        flow_new_page (flow);
    }
  /* a session's row is followed by its own description: keep them close */
  flow->y += block->open_end ? 2 : space + (block->grid ? 4 : 0);
}

static void
flow_block (Flow      *flow,
            PackBlock *block,
            PackBlock *next)
{
  flow->continued = block->continued;
  if (block->running_title != NULL)
    {
      flow->running = block->running_title;
      if (!flow->used)
        {
          g_free (flow->page->running);
          flow->page->running = g_strdup (block->running_title);
        }
    }
  switch (block->kind)
    {
    case PACK_BLOCK_TEXT:
    case PACK_BLOCK_TOC_ENTRY:
      flow_text (flow, block, next);
      break;
    case PACK_BLOCK_TABLE:
      flow_table (flow, block, next);
      break;
    case PACK_BLOCK_RULE:
      /* A rule that would open a page separates nothing: the page break does it. */
      if (flow->used && flow->y + 14 <= flow->self->content_bottom)
        flow_place (flow, block, 14, 0, 1, FALSE);
      break;
    case PACK_BLOCK_PAGE_BREAK:
      if (flow->used)
        flow_new_page (flow);
      break;
    case PACK_BLOCK_PDF_PAGE:
      if (flow->used)
        flow_new_page (flow);
      flow_place (flow, block, flow->self->content_bottom - flow->y, 0, 1, FALSE);
      flow->y = flow->self->content_bottom;
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
pack_layout_paginate (CaucusPackLayout       *self,
                      GCancellable           *cancellable,
                      CaucusPackProgressFunc  progress,
                      gpointer                user_data,
                      GError                **error)
{
  Flow flow = { self, NULL, 0, FALSE, NULL, PACK_PAGE_COVER, NULL, FALSE };
  guint total = self->front_blocks->len, done = 0;

  for (guint s = 0; s < self->sections->len; s++)
    total += ((PackSection *) g_ptr_array_index (self->sections, s))->blocks->len;

  flow_new_page (&flow);     /* the cover, drawn on its own */

  flow.kind = PACK_PAGE_FRONT;
  flow_new_page (&flow);
  for (guint i = 0; i < self->front_blocks->len; i++)
    {
      PackBlock *block = g_ptr_array_index (self->front_blocks, i);

      measure_block (self, block);
      flow_block (&flow, block, i + 1 < self->front_blocks->len
                                ? g_ptr_array_index (self->front_blocks, i + 1) : NULL);
    }
  done += self->front_blocks->len;
  self->n_front = self->pages->len;

  flow.kind = PACK_PAGE_BODY;
  for (guint s = 0; s < self->sections->len; s++)
    {
      PackSection *section = g_ptr_array_index (self->sections, s);

      flow.running = section->title;
      flow.continued = NULL;
      /* A section with nothing to show is its title and one sentence: it follows the previous
       * section on its page instead of taking a page of its own. */
      /* A page that holds only empty sections' sentences is not "taken": the next section
       * with content goes on it too rather than leaving a page with one line. */
      if (s > 0 && flow.used && (section->empty || !flow.substantive))
        flow.y += 18;
      else
        flow_new_page (&flow);
      for (guint i = 0; i < section->blocks->len; i++)
        {
          PackBlock *block = g_ptr_array_index (section->blocks, i);

          if ((done & 63) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          measure_block (self, block);
          if (i + 1 < section->blocks->len)
            measure_block (self, g_ptr_array_index (section->blocks, i + 1));
          flow_block (&flow, block, i + 1 < section->blocks->len
                                    ? g_ptr_array_index (section->blocks, i + 1) : NULL);
          flow.substantive |= !section->empty;
          done++;
          if (progress != NULL && (done & 31) == 0)
            progress (0.2 + 0.3 * done / MAX (total, 1), _("Laying out pages"), user_data);
        }
    }
  return TRUE;
}
