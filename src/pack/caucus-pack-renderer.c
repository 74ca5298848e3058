/* caucus-pack-renderer.c: a PangoRenderer that keeps right-to-left text extractable.
 *
 * pango_cairo_show_layout_line() hands cairo right-to-left runs as "backward" clusters, and
 * cairo's PDF backend then writes each Arabic or Hebrew glyph in logical order, moving left.
 * PDF readers (poppler, hence Evince and pdftotext) see every glyph as a separate word
 * placed right to left and give back the letters in visual order, so a copied Arabic name
 * comes out reversed.  This renderer writes every run's glyphs left to right, with the
 * text of each cluster attached in the same visual order (and, inside a right-to-left
 * cluster such as a lam-alef ligature, reversed), which is what readers expect: they
 * re-order a visual right-to-left run into logical order themselves.
 *
 * Decorations (underline, strikethrough, backgrounds) and colours come from PangoRenderer's
 * own attribute handling; only glyphs and rectangles are drawn here.
 */
#include "caucus-pack-private.h"

#include <string.h>

typedef struct
{
  PangoRenderer    parent_instance;
  cairo_t         *cr;
  cairo_pattern_t *default_source;   /* the context's source when the line was drawn */
} PackRenderer;

typedef struct
{
  PangoRendererClass parent_class;
} PackRendererClass;

GType pack_renderer_get_type (void);

G_DEFINE_TYPE (PackRenderer, pack_renderer, PANGO_TYPE_RENDERER)

static void
set_part_color (PackRenderer    *self,
                PangoRenderPart  part)
{
  PangoColor *color = pango_renderer_get_color (PANGO_RENDERER (self), part);
  guint16 alpha = pango_renderer_get_alpha (PANGO_RENDERER (self), part);

  if (color == NULL)
    color = pango_renderer_get_color (PANGO_RENDERER (self), PANGO_RENDER_PART_FOREGROUND);
  if (color == NULL)
    cairo_set_source (self->cr, self->default_source);   /* as pango_cairo_show_layout does */
  else
    cairo_set_source_rgba (self->cr, color->red / 65535., color->green / 65535., color->blue / 65535.,
                           alpha ? alpha / 65535. : 1);
}

static gboolean
set_font (PackRenderer *self,
          PangoFont    *font)
{
  cairo_scaled_font_t *scaled;

  if (font == NULL || !PANGO_IS_CAIRO_FONT (font))
    return FALSE;
  scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  if (scaled == NULL || cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  cairo_set_font_face (self->cr, cairo_scaled_font_get_font_face (scaled));
  {
    cairo_matrix_t matrix;
    cairo_font_options_t *options = cairo_font_options_create ();

    cairo_scaled_font_get_font_matrix (scaled, &matrix);
    cairo_set_font_matrix (self->cr, &matrix);
    cairo_scaled_font_get_font_options (scaled, options);
    cairo_set_font_options (self->cr, options);
    cairo_font_options_destroy (options);
  }
  return TRUE;
}

static gboolean
drawable_glyph (PangoGlyph glyph)
{
  return glyph != PANGO_GLYPH_EMPTY && glyph != PANGO_GLYPH_INVALID_INPUT;
}

/* A character no installed font covers is never dropped: it is drawn as the font's .notdef
 * glyph (glyph 0, a box in the fonts we use) with its text attached, so the gap is visible
 * on paper and the words still copy, search and extract. */
static unsigned long
cairo_glyph_index (PangoGlyph glyph)
{
  return (glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? 0 : glyph;
}

static void
pack_renderer_draw_glyphs (PangoRenderer    *renderer,
                           PangoFont        *font,
                           PangoGlyphString *glyphs,
                           int               x,
                           int               y)
{
  PackRenderer *self = (PackRenderer *) renderer;
  g_autofree cairo_glyph_t *out = g_new (cairo_glyph_t, MAX (glyphs->num_glyphs, 1));
  int x_position = 0, n = 0;

  if (!set_font (self, font))
    return;
  set_part_color (self, PANGO_RENDER_PART_FOREGROUND);
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      PangoGlyphInfo *gi = &glyphs->glyphs[i];

      if (drawable_glyph (gi->glyph))
        {
          out[n].index = cairo_glyph_index (gi->glyph);
          out[n].x = (x + x_position + gi->geometry.x_offset) / (double) PANGO_SCALE;
          out[n].y = (y + gi->geometry.y_offset) / (double) PANGO_SCALE;
          n++;
        }
      x_position += gi->geometry.width;
    }
  cairo_show_glyphs (self->cr, out, n);
}

static void
append_reversed_chars (GString    *out,
                       const char *start,
                       const char *end)
{
  const char *p = end;

  while (p > start)
    {
      const char *prev = g_utf8_find_prev_char (start, p);

      if (prev == NULL)
        prev = start;
      g_string_append_len (out, prev, p - prev);
      p = prev;
    }
}

static void
pack_renderer_draw_glyph_item (PangoRenderer  *renderer,
                               const char     *text,
                               PangoGlyphItem *glyph_item,
                               int             x,
                               int             y)
{
  PackRenderer *self = (PackRenderer *) renderer;
  PangoGlyphString *glyphs = glyph_item->glyphs;
  PangoItem *item = glyph_item->item;
  gboolean rtl = item->analysis.level % 2 == 1;
  const char *item_text = text + item->offset;
  g_autofree cairo_glyph_t *out = g_new (cairo_glyph_t, MAX (glyphs->num_glyphs, 1));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  g_autoptr(GString) utf8 = g_string_new (NULL);
  int x_position = 0, n = 0;

  if (!set_font (self, item->analysis.font))
    return;
  set_part_color (self, PANGO_RENDER_PART_FOREGROUND);

  for (int i = 0; i < glyphs->num_glyphs;)
    {
      int cluster_start = glyphs->log_clusters[i];
      int cluster_end = item->length;
      int first_glyph = n;
      cairo_text_cluster_t cluster;
      int j;

      for (j = i; j < glyphs->num_glyphs && glyphs->log_clusters[j] == cluster_start; j++)
        {
          PangoGlyphInfo *gi = &glyphs->glyphs[j];

          if (drawable_glyph (gi->glyph))
            {
              out[n].index = cairo_glyph_index (gi->glyph);
              out[n].x = (x + x_position + gi->geometry.x_offset) / (double) PANGO_SCALE;
              out[n].y = (y + gi->geometry.y_offset) / (double) PANGO_SCALE;
              n++;
            }
          x_position += gi->geometry.width;
        }
      /* The cluster's text ends where the next cluster in logical order begins: the next
       * glyph's cluster left to right, the previous one right to left. */
      if (!rtl && j < glyphs->num_glyphs)
        cluster_end = glyphs->log_clusters[j];
      else if (rtl && i > 0)
        cluster_end = glyphs->log_clusters[i - 1];
      i = j;
      if (n == first_glyph)
        continue;      /* nothing visible: its text is not attached anywhere */
      if (rtl && n - first_glyph > 1 &&
          g_utf8_strlen (item_text + cluster_start, cluster_end - cluster_start) == n - first_glyph)
        {
          /* As many glyphs as characters (a letter and its marks): give each glyph its own
           * character, visual glyph i being logical character n-1-i, so readers can place
           * the marks on their letters. */
          const char *p = item_text + cluster_start + (cluster_end - cluster_start);

          for (int g = first_glyph; g < n; g++)
            {
              const char *prev = g_utf8_find_prev_char (item_text + cluster_start, p);
              cairo_text_cluster_t one = { (int) (p - prev), 1 };

              g_string_append_len (utf8, prev, p - prev);
              g_array_append_val (clusters, one);
              p = prev;
            }
          continue;
        }
      cluster.num_bytes = utf8->len;
      if (rtl && n - first_glyph == 1)
        append_reversed_chars (utf8, item_text + cluster_start, item_text + cluster_end);
      else
        g_string_append_len (utf8, item_text + cluster_start, cluster_end - cluster_start);
      cluster.num_bytes = utf8->len - cluster.num_bytes;
      cluster.num_glyphs = n - first_glyph;
      if (cluster.num_bytes == 0)
        {
          /* A glyph with no text of its own (rare): fold it into the previous cluster. */
          if (clusters->len > 0)
            g_array_index (clusters, cairo_text_cluster_t, clusters->len - 1).num_glyphs += cluster.num_glyphs;
          else
            {
              n = first_glyph;
              continue;
            }
        }
      else
        g_array_append_val (clusters, cluster);
    }
  if (n == 0)
    return;
  cairo_show_text_glyphs (self->cr, utf8->str, utf8->len, out, n,
                          (cairo_text_cluster_t *) clusters->data, clusters->len, 0);
}

static void
pack_renderer_draw_rectangle (PangoRenderer   *renderer,
                              PangoRenderPart  part,
                              int              x,
                              int              y,
                              int              width,
                              int              height)
{
  PackRenderer *self = (PackRenderer *) renderer;

  set_part_color (self, part);
  cairo_rectangle (self->cr, x / (double) PANGO_SCALE, y / (double) PANGO_SCALE,
                   width / (double) PANGO_SCALE, height / (double) PANGO_SCALE);
  cairo_fill (self->cr);
}

static void
pack_renderer_draw_trapezoid (PangoRenderer   *renderer,
                              PangoRenderPart  part,
                              double           y1,
                              double           x11,
                              double           x21,
                              double           y2,
                              double           x12,
                              double           x22)
{
  PackRenderer *self = (PackRenderer *) renderer;

  set_part_color (self, part);
  cairo_move_to (self->cr, x11, y1);
  cairo_line_to (self->cr, x21, y1);
  cairo_line_to (self->cr, x22, y2);
  cairo_line_to (self->cr, x12, y2);
  cairo_close_path (self->cr);
  cairo_fill (self->cr);
}

static void
pack_renderer_class_init (PackRendererClass *klass)
{
  PangoRendererClass *renderer_class = PANGO_RENDERER_CLASS (klass);

  renderer_class->draw_glyphs = pack_renderer_draw_glyphs;
  renderer_class->draw_glyph_item = pack_renderer_draw_glyph_item;
  renderer_class->draw_rectangle = pack_renderer_draw_rectangle;
  renderer_class->draw_trapezoid = pack_renderer_draw_trapezoid;
}

static void
pack_renderer_init (PackRenderer *self)
{
}

/* Draws @line with its baseline origin at (@x, @y) in @cr's user space. */
void
pack_show_layout_line (cairo_t         *cr,
                       PangoLayoutLine *line,
                       double           x,
                       double           y)
{
  static GPrivate key = G_PRIVATE_INIT (g_object_unref);
  PackRenderer *renderer = g_private_get (&key);

  /* One renderer per thread; it holds the cairo context only for the duration of a call. */
  if (renderer == NULL)
    {
      renderer = g_object_new (pack_renderer_get_type (), NULL);
      g_private_set (&key, renderer);
    }
  renderer->cr = cr;
  renderer->default_source = cairo_pattern_reference (cairo_get_source (cr));
  cairo_save (cr);
  pango_renderer_draw_layout_line (PANGO_RENDERER (renderer), line,
                                   (int) (x * PANGO_SCALE), (int) (y * PANGO_SCALE));
  cairo_restore (cr);
  g_clear_pointer (&renderer->default_source, cairo_pattern_destroy);
  renderer->cr = NULL;
}

void
pack_show_layout (cairo_t     *cr,
                  PangoLayout *layout,
                  double       x,
                  double       y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pack_show_layout_line (cr, line, x + pango_units_to_double (logical.x),
                             y + pango_units_to_double (pango_layout_iter_get_baseline (iter)));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}
