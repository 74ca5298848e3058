/* caucus-pack-paint.c: drawing one laid-out page into any cairo context.
 *
 * The same code draws into the PDF surface, a preview widget's snapshot and a print
 * context; PDF-only features (link annotations, named destinations) are cairo tags, which
 * other surfaces ignore.
 */
#include <glib/gi18n-lib.h>
#include "caucus-pack-layout-private.h"

#include <math.h>
#include <string.h>

#define CELL_PAD 4.0
#define TOC_NUMBER_WIDTH 44.0
#define ACCENT 0.114, 0.208, 0.341          /* #1d3557 */
#define MUTED 0.357, 0.396, 0.451           /* #5b6573 */
#define HAIRLINE 0.80, 0.83, 0.86

/* Cairo tag attribute strings quote values with single quotes; escape quotes and backslashes. */
char *
pack_tag_escape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static PangoLayout *
simple_layout (CaucusPackLayout *self,
               const char       *font,
               const char       *markup,
               double            width,
               PangoAlignment    align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_markup (layout, markup, -1);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* A line of the page's frame (cover, running header, footer) in the document's direction:
 * @align is logical (LEFT: where a line starts).  In a right-to-left pack the paragraph is
 * right to left and the text one first-strong isolate, so an English title keeps its own
 * order and punctuation and still starts at the right. */
static PangoLayout *
frame_layout (CaucusPackLayout *self,
              const char       *font,
              const char       *markup,
              double            width,
              PangoAlignment    align)
{
  g_autofree char *isolated = self->rtl ? g_strconcat (PACK_FSI, markup, PACK_PDI, NULL) : NULL;
  PangoLayout *layout;

  if (self->rtl && align == PANGO_ALIGN_LEFT)
    align = PANGO_ALIGN_RIGHT;
  else if (self->rtl && align == PANGO_ALIGN_RIGHT)
    align = PANGO_ALIGN_LEFT;
  layout = simple_layout (self, font, isolated != NULL ? isolated : markup, width, align);
  pango_layout_set_auto_dir (layout, FALSE);
  return layout;
}

/* x of a box @box_width wide that starts @offset from the start edge of the text column. */
static double
start_x (CaucusPackLayout *self,
         double            offset,
         double            box_width)
{
  double left = self->margin_left;

  return self->rtl ? left + pack_layout_content_width (self) - offset - box_width : left + offset;
}

static void
show_plain (CaucusPackLayout *self,
            cairo_t          *cr,
            const char       *font,
            const char       *text,
            double            x,
            double            y,
            double            width,
            PangoAlignment    align,
            gboolean          ellipsize)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);
  g_autoptr(PangoLayout) layout = frame_layout (self, font, escaped, width, align);

  if (ellipsize)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pack_show_layout (cr, layout, x, y);
}

static void
draw_header_footer (CaucusPackLayout *self,
                    cairo_t          *cr,
                    guint             page_index,
                    PackPage         *page)
{
  double left = self->margin_left;
  double width = pack_layout_content_width (self);
  g_autofree char *footer = NULL;

  if (page->kind == PACK_PAGE_BODY)
    {
      cairo_set_source_rgb (cr, MUTED);
      /* The pack's title where a line starts, the section where it ends (mirrored in a
       * right-to-left pack). */
      show_plain (self, cr, "Noto Sans,DejaVu Sans 7.5", self->title, start_x (self, 0, width * 0.48), 38,
                  width * 0.48, PANGO_ALIGN_LEFT, TRUE);
      show_plain (self, cr, "Noto Sans,DejaVu Sans Bold 7.5", page->running,
                  start_x (self, width * 0.5, width * 0.5), 38, width * 0.5, PANGO_ALIGN_RIGHT, TRUE);
      cairo_set_source_rgb (cr, HAIRLINE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, left, 52);
      cairo_line_to (cr, left + width, 52);
      cairo_stroke (cr);
      /* TRANSLATORS: a briefing pack's page footer: this page's number and the number of pages */
      footer = g_strdup_printf (_("%u of %u"), page_index - self->n_front + 1,
                                self->pages->len - self->n_front);
    }
  else
    footer = pack_layout_label_for (self, page_index);

  cairo_set_source_rgb (cr, MUTED);
  show_plain (self, cr, "Noto Sans,DejaVu Sans 7.5", footer, left, self->page_height - 40, width,
              PANGO_ALIGN_CENTER, FALSE);
}

static void
draw_cover (CaucusPackLayout *self,
            cairo_t          *cr)
{
  double left = self->margin_left;
  double width = pack_layout_content_width (self);
  double band = self->page_height * 0.42;
  double y;
  g_autofree char *title = g_markup_escape_text (self->title, -1);
  g_autoptr(PangoLayout) title_layout = NULL;
  int w, h;

  cairo_set_source_rgb (cr, ACCENT);
  cairo_rectangle (cr, 0, 0, self->page_width, band);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.83, 0.64, 0.27);       /* a thin warm rule under the band */
  cairo_rectangle (cr, 0, band, self->page_width, 4);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.66, 0.77, 0.85);
  /* TRANSLATORS: the label above a briefing pack's title on its cover (capitals where the
   * script has them) */
  show_plain (self, cr, "Noto Sans,DejaVu Sans Bold 9", _("BRIEFING PACK"), left, band * 0.30, width,
              PANGO_ALIGN_LEFT, FALSE);

  title_layout = frame_layout (self, "Noto Sans,DejaVu Sans Bold 24", title, width, PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (title_layout, 2 * PANGO_SCALE);
  pango_layout_get_size (title_layout, &w, &h);
  cairo_set_source_rgb (cr, 1, 1, 1);
  y = band * 0.30 + 22;
  pack_show_layout (cr, title_layout, left, y);
  y += pango_units_to_double (h) + 12;
  if (self->subtitle != NULL)
    {
      cairo_set_source_rgb (cr, 0.86, 0.90, 0.93);
      show_plain (self, cr, "Noto Sans,DejaVu Sans 12", self->subtitle, left, y, width,
                  PANGO_ALIGN_LEFT, FALSE);
    }

  y = band + 40;
  cairo_set_source_rgb (cr, 0.12, 0.14, 0.16);
  if (self->dates != NULL)
    {
      show_plain (self, cr, "Noto Sans,DejaVu Sans Bold 11", self->dates, left, y, width,
                  PANGO_ALIGN_LEFT, FALSE);
      y += 20;
    }
  if (self->venue != NULL)
    {
      show_plain (self, cr, "Noto Sans,DejaVu Sans 11", self->venue, left, y, width,
                  PANGO_ALIGN_LEFT, FALSE);
      y += 20;
    }
  if (self->venue_zone_id != NULL)
    {
      g_autofree char *zones = NULL;

      if (self->home_zone_id != NULL && g_strcmp0 (self->home_zone_id, self->venue_zone_id) != 0)
        zones = g_strdup_printf (_("Times are given in the venue’s zone (%s) and in %s."),
                                 self->venue_zone_id, self->home_zone_id);
      else
        zones = g_strdup_printf (_("Times are given in the venue’s zone (%s)."), self->venue_zone_id);
      cairo_set_source_rgb (cr, MUTED);
      show_plain (self, cr, "Noto Sans,DejaVu Sans 8.5", zones, left, y + 6, width,
                  PANGO_ALIGN_LEFT, FALSE);
    }

  {
    g_autofree char *date = g_date_time_format (self->creation_date, "%-d %B %Y");
    g_autofree char *line = self->author != NULL
                            ? g_strdup_printf (_("Prepared by %s · %s"), self->author, date)
                            : g_strdup_printf (_("Prepared %s"), date);

    cairo_set_source_rgb (cr, HAIRLINE);
    cairo_set_line_width (cr, 0.5);
    cairo_move_to (cr, left, self->page_height - 84);
    cairo_line_to (cr, left + width, self->page_height - 84);
    cairo_stroke (cr);
    cairo_set_source_rgb (cr, MUTED);
    show_plain (self, cr, "Noto Sans,DejaVu Sans 8.5", line, left, self->page_height - 76, width,
                PANGO_ALIGN_LEFT, FALSE);
  }
}

static PangoLayoutLine *
nth_line (PangoLayout *layout,
          guint        n)
{
  return g_slist_nth_data (pango_layout_get_lines_readonly (layout), n);
}

static gboolean
line_is_rtl (PangoLayoutLine *line)
{
  return line != NULL && line->resolved_dir == PANGO_DIRECTION_RTL;
}

/* Draws lines [first, last) of @text with their top at @y, and their link annotations. */
static void
draw_text_lines (cairo_t  *cr,
                 PackText *text,
                 double    x,
                 double    y,
                 guint     first,
                 guint     last)
{
  GSList *lines = g_slist_nth (pango_layout_get_lines_readonly (text->layout), first);
  double top = g_array_index (text->lines, PackLine, first).top;

  for (guint i = first; i < last && lines != NULL; i++, lines = lines->next)
    {
      PangoLayoutLine *line = lines->data;
      PackLine *geom = &g_array_index (text->lines, PackLine, i);
      double baseline = y + geom->baseline - top;

      pack_show_layout_line (cr, line, x + geom->x, baseline);

      for (guint l = 0; l < text->links->len; l++)
        {
          PackLink *link = &g_array_index (text->links, PackLink, l);
          int *ranges = NULL;
          int n_ranges = 0;
          int start = MAX ((int) link->start, line->start_index);
          int end = MIN ((int) link->end, line->start_index + line->length);

          if (start >= end)
            continue;
          pango_layout_line_get_x_ranges (line, start, end, &ranges, &n_ranges);
          for (int r = 0; r < n_ranges; r++)
            {
              double x0 = x + pango_units_to_double (ranges[2 * r]);
              double x1 = x + pango_units_to_double (ranges[2 * r + 1]);
              g_autofree char *target = pack_tag_escape (link->uri != NULL ? link->uri : link->dest);
              g_autofree char *attrs = g_strdup_printf ("%s='%s' rect=[%.2f %.2f %.2f %.2f]",
                                                        link->uri != NULL ? "uri" : "dest", target,
                                                        x0, y + geom->top - top, x1 - x0, geom->height);

              cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs);
              cairo_tag_end (cr, CAIRO_TAG_LINK);
            }
          g_free (ranges);
        }
    }
}

static void
emit_dest (cairo_t    *cr,
           const char *dest,
           double      x,
           double      y)
{
  g_autofree char *name = pack_tag_escape (dest);
  g_autofree char *attrs = g_strdup_printf ("name='%s' x=%.2f y=%.2f", name, x, MAX (0, y - 12));

  cairo_tag_begin (cr, CAIRO_TAG_DEST, attrs);
  cairo_tag_end (cr, CAIRO_TAG_DEST);
}

static void
draw_text_block (CaucusPackLayout *self,
                 cairo_t          *cr,
                 PackPlacement    *p)
{
  PackBlock *block = p->block;
  PackText *text = block->text;
  double width = pack_layout_content_width (self) - block->indent;
  gboolean rtl = line_is_rtl (nth_line (text->layout, 0));
  double x = rtl ? self->margin_left : self->margin_left + block->indent;
  double height = g_array_index (text->lines, PackLine, p->last - 1).top
                  + g_array_index (text->lines, PackLine, p->last - 1).height
                  - g_array_index (text->lines, PackLine, p->first).top;
  double y = p->y + (block->shaded ? 4 : 0);

  if (block->shaded)
    {
      cairo_set_source_rgb (cr, 0.95, 0.96, 0.97);
      cairo_rectangle (cr, x, p->y, width, height + 8);
      cairo_fill (cr);
      x += 6;
    }
  for (guint d = 0; d < block->quote_depth; d++)
    {
      double bar = rtl ? self->margin_left + width + 4 + 14 * d
                       : self->margin_left + block->indent - 10 - 14 * d;

      cairo_set_source_rgb (cr, 0.74, 0.80, 0.86);
      cairo_rectangle (cr, bar, p->y + 1, 2, height - 1);
      cairo_fill (cr);
    }
  if (p->starts_block && block->style == PACK_STYLE_SECTION)
    {
      cairo_set_source_rgb (cr, 0.83, 0.64, 0.27);
      cairo_rectangle (cr, start_x (self, 0, 36), p->y + height + 5, 36, 2.5);
      cairo_fill (cr);
    }
  if (p->starts_block && block->dest != NULL)
    emit_dest (cr, block->dest, self->margin_left, p->y);

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text_lines (cr, text, x, y, p->first, p->last);

  if (p->starts_block && block->marker != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (block->marker, -1);
      g_autoptr(PangoLayout) marker = simple_layout (self, pack_style_font (block->style), escaped, 16,
                                                     rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      PackLine *first = &g_array_index (text->lines, PackLine, 0);
      int baseline = pango_layout_get_baseline (marker);
      double mx = rtl ? self->margin_left + width + 4 : x - 20;

      cairo_set_source_rgb (cr, 0.36, 0.40, 0.45);
      pack_show_layout (cr, marker, mx, y + first->baseline - first->top - pango_units_to_double (baseline));
    }
}

/* A contents line: the title where a line starts, dot leaders, the page number at the
 * other edge (the left one in a right-to-left pack). */
static void
draw_toc_entry (CaucusPackLayout *self,
                cairo_t          *cr,
                PackPlacement    *p)
{
  PackBlock *block = p->block;
  PackText *text = block->text;
  double left = self->margin_left;
  double right = self->margin_left + pack_layout_content_width (self);
  double x = self->rtl ? left + TOC_NUMBER_WIDTH : left + block->indent;
  double link_x = self->rtl ? left : x;
  double link_w = self->rtl ? right - block->indent - left : right - x;
  int page = pack_layout_dest_page (self, block->toc_dest);
  g_autofree char *label = page >= 0 ? pack_layout_label_for (self, page) : g_strdup ("");
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  g_autoptr(PangoLayout) number = simple_layout (self, pack_style_font (block->style), escaped,
                                                 TOC_NUMBER_WIDTH,
                                                 self->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  PackLine *last = &g_array_index (text->lines, PackLine, p->last - 1);
  PackLine *first = &g_array_index (text->lines, PackLine, p->first);
  double baseline = p->y + last->baseline - first->top;
  double height = last->top + last->height - first->top;
  PangoRectangle ink, logical;
  g_autofree char *dest = pack_tag_escape (block->toc_dest);
  g_autofree char *attrs = g_strdup_printf ("dest='%s' rect=[%.2f %.2f %.2f %.2f]", dest,
                                            link_x, p->y, link_w, height);

  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text_lines (cr, text, x, p->y, p->first, p->last);

  /* Dot leaders between the end of the title's last line and the number. */
  pango_layout_line_get_extents (nth_line (text->layout, p->last - 1), &ink, &logical);
  {
    double from = self->rtl ? left + TOC_NUMBER_WIDTH - 20
                            : x + last->x + pango_units_to_double (logical.width) + 6;
    double to = self->rtl ? x + last->x - 6 : right - TOC_NUMBER_WIDTH + 20;

    cairo_set_source_rgb (cr, 0.70, 0.73, 0.77);
    for (double dx = ceil (from / 4) * 4; dx < to; dx += 4)
      {
        cairo_rectangle (cr, dx, baseline - 1.2, 0.9, 0.9);
      }
    cairo_fill (cr);
  }
  cairo_set_source_rgb (cr, 0.12, 0.14, 0.16);
  pack_show_layout (cr, number, self->rtl ? left : right - TOC_NUMBER_WIDTH,
                 baseline - pango_units_to_double (pango_layout_get_baseline (number)));

  cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs);
  cairo_tag_end (cr, CAIRO_TAG_LINK);
}

static void
draw_row (CaucusPackLayout *self,
          cairo_t          *cr,
          PackBlock        *block,
          PackRow          *row,
          double            y,
          gboolean          header,
          gboolean          last)
{
  double x = self->margin_left + block->indent;
  double width = 0;

  for (guint c = 0; c < block->n_cols; c++)
    width += block->col_width[c];
  /* A table narrower than the column stands at its start edge. */
  x = start_x (self, block->indent, width);
  if (header)
    {
      cairo_set_source_rgb (cr, 0.92, 0.94, 0.96);
      cairo_rectangle (cr, x, y, width, row->height);
      cairo_fill (cr);
    }
  /* Columns run in the document's direction: the first column on the right in a
   * right-to-left pack. */
  if (self->rtl)
    x += width;
  for (guint c = 0; c < block->n_cols; c++)
    {
      PackText *cell = g_ptr_array_index (row->cells, c);

      if (self->rtl)
        x -= block->col_width[c];
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text_lines (cr, cell, x + CELL_PAD, y + CELL_PAD, 0, cell->lines->len);
      if (!self->rtl)
        x += block->col_width[c];
    }
  if (block->grid && !(last && block->open_end))
    {
      cairo_set_source_rgb (cr, HAIRLINE);
      cairo_set_line_width (cr, header ? 0.8 : 0.4);
      cairo_move_to (cr, start_x (self, block->indent, width), y + row->height);
      cairo_rel_line_to (cr, width, 0);
      cairo_stroke (cr);
    }
}

static void
draw_table (CaucusPackLayout *self,
            cairo_t          *cr,
            PackPlacement    *p)
{
  PackBlock *block = p->block;
  double y = p->y;

  if (p->starts_block && block->dest != NULL)
    emit_dest (cr, block->dest, self->margin_left, p->y);
  if (p->repeat_header)
    {
      PackRow *header = g_ptr_array_index (block->rows, 0);

      draw_row (self, cr, block, header, y, TRUE, FALSE);
      y += header->height;
    }
  for (guint r = p->first; r < p->last; r++)
    {
      PackRow *row = g_ptr_array_index (block->rows, r);

      draw_row (self, cr, block, row, y, block->header_row && r == 0, r + 1 == block->rows->len);
      y += row->height;
    }
}

static void
draw_pdf_page (CaucusPackLayout *self,
               cairo_t          *cr,
               PackPlacement    *p)
{
  double pw, ph;
  double avail_w = pack_layout_content_width (self);
  double avail_h = self->content_bottom - p->y;
  double scale, x, y;

  poppler_page_get_size (p->block->pdf_page, &pw, &ph);
  scale = MIN (avail_w / pw, avail_h / ph);
  x = self->margin_left + (avail_w - pw * scale) / 2;
  y = p->y;
  if (p->block->dest != NULL)
    emit_dest (cr, p->block->dest, x, y);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, pw * scale, ph * scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, HAIRLINE);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
  cairo_rectangle (cr, x, y, pw * scale, ph * scale);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  poppler_page_render (p->block->pdf_page, cr);
  cairo_restore (cr);
}

void
caucus_pack_layout_render_page (CaucusPackLayout *self,
                                cairo_t          *cr,
                                guint             page_index,
                                double            width,
                                double            height)
{
  g_autoptr(GRecMutexLocker) cairo_locker = g_rec_mutex_locker_new (&caucus_pack_cairo_lock);
  PackPage *page;
  double scale;

  g_return_if_fail (CAUCUS_IS_PACK_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_index < self->pages->len);

  g_rec_mutex_lock (&self->draw_lock);
  page = g_ptr_array_index (self->pages, page_index);
  cairo_save (cr);
  scale = MIN (width / self->page_width, height / self->page_height);
  cairo_translate (cr, (width - self->page_width * scale) / 2, (height - self->page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (page->kind == PACK_PAGE_COVER)
    draw_cover (self, cr);
  else
    draw_header_footer (self, cr, page_index, page);

  for (guint i = 0; i < page->placements->len; i++)
    {
      PackPlacement *p = &g_array_index (page->placements, PackPlacement, i);

      switch (p->block->kind)
        {
        case PACK_BLOCK_TEXT:
          draw_text_block (self, cr, p);
          break;
        case PACK_BLOCK_TOC_ENTRY:
          draw_toc_entry (self, cr, p);
          break;
        case PACK_BLOCK_TABLE:
          draw_table (self, cr, p);
          break;
        case PACK_BLOCK_RULE:
          cairo_set_source_rgb (cr, HAIRLINE);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, start_x (self, p->block->indent, pack_layout_content_width (self) - p->block->indent), p->y + 7);
          cairo_rel_line_to (cr, pack_layout_content_width (self) - p->block->indent, 0);
          cairo_stroke (cr);
          break;
        case PACK_BLOCK_PDF_PAGE:
          draw_pdf_page (self, cr, p);
          break;
        case PACK_BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }
  cairo_restore (cr);
  g_rec_mutex_unlock (&self->draw_lock);
}
