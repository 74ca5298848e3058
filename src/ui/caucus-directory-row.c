/* caucus-directory-row.c — one organisation or person in the directory's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows in the list bind a CaucusDocumentSummary (read from the model index, no document
 * load); a CaucusDocument can be shown too, with the same layout.
 *
 * Initials, name, a line of context (kind and group for an organisation, title and
 * country for a person) and a warning badge for documents that failed validation (they
 * arrive that way by sync and are kept, never dropped).
 *
 * Built for what a row costs, since the list builds one for every row it keeps (33) in
 * the page's first frame and relabels them on every keystroke (measured with
 * bench/directory, see docs/layers/ui-directory.md): a widget costs ~200,000
 * instructions to create, root, style and map, and a GtkLabel shapes its text to
 * measure itself.  So the row is one widget that draws its badge, name and context
 * itself (three Pango layouts), sizes itself from font metrics and a number of
 * characters (measured once per font, not per row), redraws without a resize when a
 * keystroke gives it another entry, and has a child only for the warning image of an
 * invalid entry.  For assistive technologies it is a label named after the entry, with
 * the context as its description.
 * The page's list binds CaucusSummarySlots (position-stable items): a search keeps the
 * rows and only their slots' summaries change, which the row follows.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-directory-row.h"

#define BADGE_SIZE 36          /* the initials badge, px (AdwAvatar's size 36) */
#define SPACING 12             /* between badge, text and warning */
#define MIN_CHARS 16           /* the text's width: at least 16 characters, */
#define NAT_CHARS 26           /* … 26 when there is room (what the labels asked for) */
#define CONTEXT_SIZE 9         /* pt: libadwaita's .caption */
#define CONTEXT_OPACITY 0.55f  /* libadwaita's .dim-label … */
#define CONTEXT_OPACITY_HC 0.9f /* … and in high contrast */

enum { TEXT_INITIALS, TEXT_NAME, TEXT_CONTEXT, N_TEXTS };

struct _CaucusDirectoryRow
{
  GtkWidget parent_instance;

  CaucusDocument *document;
  CaucusDocumentSummary *summary;
  CaucusSummarySlot *slot;
  gulong slot_handler;

  char *initials;                 /* the badge's letters */
  char *name;
  char *context;                  /* the line under the name, may be empty */
  guint color;                    /* index into badge_colors */
  PangoLayout *layouts[N_TEXTS];  /* created when first drawn, dropped on a style change */
  GtkWidget *warning_image;       /* NULL until a row shows an invalid document */
};

G_DEFINE_FINAL_TYPE (CaucusDirectoryRow, caucus_directory_row, GTK_TYPE_WIDGET)

/* "short name · kind · group" for an organisation, "title · country · group" for a
 * person; empty parts are left out. */
static char *
describe (const char *type,
          const char *detail,
          const char *kind,
          const char *country,
          const char *group)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  gboolean is_org = g_strcmp0 (type, "org") == 0;

  if (detail != NULL && *detail != '\0')
    g_ptr_array_add (parts, (gpointer) detail);
  if (is_org && kind != NULL && *kind != '\0')
    g_ptr_array_add (parts, (gpointer) caucus_kind_label (kind));
  if (!is_org && country != NULL && *country != '\0')
    g_ptr_array_add (parts, (gpointer) country);
  if (group != NULL && *group != '\0')
    g_ptr_array_add (parts, (gpointer) group);

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The initials badge: what AdwAvatar shows without an image (the first letter of the
 * first two words, white and bold on a colour chosen from the name).  AdwAvatar 1.2
 * fits its font with a Pango layout on every adw_avatar_set_text (~570,000
 * instructions); a label styled as a badge cost a widget per row.  The colours are
 * AdwAvatar's own palette (the GNOME palette's blue 3, green 4, yellow 5, orange 3,
 * red 3, purple 3, brown 3, dark 2), the same in light and dark styles. */
static const GdkRGBA badge_colors[] = {
  { 0x35 / 255.f, 0x84 / 255.f, 0xe4 / 255.f, 1.f },
  { 0x2e / 255.f, 0xc2 / 255.f, 0x7e / 255.f, 1.f },
  { 0xe5 / 255.f, 0xa5 / 255.f, 0x0a / 255.f, 1.f },
  { 0xff / 255.f, 0x78 / 255.f, 0x00 / 255.f, 1.f },
  { 0xe0 / 255.f, 0x1b / 255.f, 0x24 / 255.f, 1.f },
  { 0x91 / 255.f, 0x41 / 255.f, 0xac / 255.f, 1.f },
  { 0x98 / 255.f, 0x6a / 255.f, 0x44 / 255.f, 1.f },
  { 0x5e / 255.f, 0x5c / 255.f, 0x64 / 255.f, 1.f },
};

static void
set_initials (CaucusDirectoryRow *self,
              const char         *name)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (name, " \t\n", -1);
  guint n = 0;
  guint color;

  for (guint i = 0; words[i] != NULL && n < 2; i++)
    {
      gunichar c;

      if (*words[i] == '\0' || !g_utf8_validate (words[i], -1, NULL))
        continue;
      c = g_utf8_get_char (words[i]);
      if (!g_unichar_isalnum (c))
        continue;
      g_string_append_unichar (initials, g_unichar_toupper (c));
      n++;
    }

  color = *name != '\0' ? g_str_hash (name) % G_N_ELEMENTS (badge_colors) : 0;
  self->color = color;
  g_free (self->initials);
  self->initials = g_string_free (g_steal_pointer (&initials), FALSE);
}

static void
set_visible_child (CaucusDirectoryRow *self,
                   GtkWidget          *child,
                   gboolean            visible)
{
  if (gtk_widget_get_visible (child) != visible)
    gtk_widget_set_visible (child, visible);
}

static void
show (CaucusDirectoryRow *self,
      const char         *name,
      const char         *context,
      gboolean            is_valid)
{
  gboolean had_context = self->context != NULL && *self->context != '\0';

  if (g_strcmp0 (name, self->name) != 0 || g_strcmp0 (context, self->context) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_free (self->context);
      self->context = g_strdup (context);
      set_initials (self, name);
      if (self->layouts[TEXT_INITIALS] != NULL)
        pango_layout_set_text (self->layouts[TEXT_INITIALS], self->initials, -1);
      if (self->layouts[TEXT_NAME] != NULL)
        pango_layout_set_text (self->layouts[TEXT_NAME], name, -1);
      if (self->layouts[TEXT_CONTEXT] != NULL)
        pango_layout_set_text (self->layouts[TEXT_CONTEXT], context, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, context,
                                      -1);
      /* Only a context appearing or going changes the row's height. */
      if (had_context != (*context != '\0'))
        gtk_widget_queue_resize (GTK_WIDGET (self));
      else
        gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  if (!is_valid && self->warning_image == NULL)
    {
      self->warning_image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (self->warning_image, _("This entry has problems to fix"));
      gtk_widget_add_css_class (self->warning_image, "warning");
      gtk_widget_set_valign (self->warning_image, GTK_ALIGN_CENTER);
      gtk_widget_set_parent (self->warning_image, GTK_WIDGET (self));
    }
  if (self->warning_image != NULL)
    set_visible_child (self, self->warning_image, !is_valid);
}

/* ---- size: from font metrics, once per font ---------------------------------------- */

typedef struct {
  PangoFontDescription *font;   /* the rows' font these figures are for */
  PangoLanguage *language;
  double resolution;            /* dpi: Large Text changes it, not the font */
  int char_width;               /* px: the wider of a character and a digit, approximately */
  int name_height;              /* px: a line of the name */
  int context_height;           /* px: a line of the context */
} Metrics;

static int
line_height (PangoContext               *context,
             const PangoFontDescription *font)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);
  int height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);

  pango_font_metrics_unref (metrics);
  return PANGO_PIXELS_CEIL (height);
}

/* Rows share one font (the list's): pango_context_get_metrics shapes a sample text
 * (~90,000 instructions), so the figures are kept while the font stays the same. */
static const Metrics *
get_metrics (CaucusDirectoryRow *self)
{
  static Metrics cache = { NULL, NULL, 0, 0, 0, 0 };
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);

  if (cache.font == NULL || !pango_font_description_equal (cache.font, font) ||
      cache.language != language || cache.resolution != resolution)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      PangoFontDescription *small = pango_font_description_copy (font);

      cache.char_width = PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                                 pango_font_metrics_get_approximate_digit_width (metrics)));
      cache.name_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                             + pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
      pango_font_description_set_size (small, CONTEXT_SIZE * PANGO_SCALE);
      cache.context_height = line_height (context, small);
      pango_font_description_free (small);
      g_clear_pointer (&cache.font, pango_font_description_free);
      cache.font = pango_font_description_copy (font);
      cache.language = language;
      cache.resolution = resolution;
    }
  return &cache;
}

static int
text_height (CaucusDirectoryRow *self)
{
  const Metrics *m = get_metrics (self);

  return m->name_height + (self->context != NULL && *self->context != '\0' ? m->context_height : 0);
}

/* ---- layout: [badge] [name over context] [warning], mirrored right to left ------------ */

static gboolean
is_shown (GtkWidget *child)
{
  return child != NULL && gtk_widget_get_visible (child);
}

static void
caucus_directory_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);
  int warn_min = 0, warn_nat = 0;

  if (is_shown (self->warning_image))
    gtk_widget_measure (self->warning_image, orientation, -1, &warn_min, &warn_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extra = BADGE_SIZE + SPACING + (is_shown (self->warning_image) ? SPACING : 0);
      int char_width = get_metrics (self)->char_width;

      *minimum = extra + MIN_CHARS * char_width + warn_min;
      *natural = extra + NAT_CHARS * char_width + warn_nat;
    }
  else
    {
      int text = text_height (self);

      *minimum = MAX (BADGE_SIZE, MAX (text, warn_min));
      *natural = MAX (BADGE_SIZE, MAX (text, warn_nat));
    }
}

static void
caucus_directory_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);
  int warn_w = 0, warn_h = 0;

  if (is_shown (self->warning_image))
    {
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

      gtk_widget_measure (self->warning_image, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &warn_w, NULL, NULL);
      gtk_widget_measure (self->warning_image, GTK_ORIENTATION_VERTICAL, warn_w, NULL, &warn_h, NULL, NULL);
      gtk_widget_size_allocate (self->warning_image,
                                &(GtkAllocation) { rtl ? 0 : width - warn_w, MAX (0, (height - warn_h) / 2),
                                                   warn_w, warn_h }, -1);
    }
}

static PangoLayout *
ensure_layout (CaucusDirectoryRow *self,
               guint               which)
{
  PangoAttrList *attrs;
  const char *text;

  if (self->layouts[which] != NULL)
    return self->layouts[which];

  attrs = pango_attr_list_new ();
  switch (which)
    {
    case TEXT_INITIALS:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      text = self->initials;
      break;
    case TEXT_CONTEXT:
      pango_attr_list_insert (attrs, pango_attr_size_new (CONTEXT_SIZE * PANGO_SCALE));
      text = self->context;
      break;
    case TEXT_NAME:
    default:
      text = self->name;
      break;
    }
  self->layouts[which] = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_set_attributes (self->layouts[which], attrs);
  pango_attr_list_unref (attrs);
  if (which != TEXT_INITIALS)
    {
      pango_layout_set_ellipsize (self->layouts[which], PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layouts[which], TRUE);
    }
  return self->layouts[which];
}

/* One line of @which at (@x, @y), @width wide, ellipsized, starting on the row's own
 * side (right in a right-to-left UI) whatever the direction of the text itself: an
 * English name in an Arabic window starts beside its badge, as an Arabic name does.
 * Pango flips the alignment of a line whose direction differs from the context's base
 * direction (the widget's), so the alignment asked for follows the text's direction. */
static void
draw_line (CaucusDirectoryRow *self,
           GtkSnapshot        *snapshot,
           guint               which,
           float               x,
           float               y,
           int                 width,
           const GdkRGBA      *color)
{
  PangoLayout *layout = ensure_layout (self, which);
  PangoLayoutLine *line;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  line = pango_layout_get_line_readonly (layout, 0);
  pango_layout_set_alignment (layout, line != NULL && line->resolved_dir == PANGO_DIRECTION_RTL
                                      ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
caucus_directory_row_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int warn = is_shown (self->warning_image) ? gtk_widget_get_width (self->warning_image) + SPACING : 0;
  int text_w = MAX (0, width - BADGE_SIZE - SPACING - warn);
  float text_x = rtl ? warn : BADGE_SIZE + SPACING;
  float x = rtl ? width - BADGE_SIZE : 0;
  float y = (height - BADGE_SIZE) / 2.f;
  const Metrics *m = get_metrics (self);
  float text_y = MAX (0, (height - text_height (self)) / 2);
  GskRoundedRect circle;
  GdkRGBA color;

  gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x, y, BADGE_SIZE, BADGE_SIZE),
                                   BADGE_SIZE / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &badge_colors[self->color], &circle.bounds);
  gtk_snapshot_pop (snapshot);

  if (self->initials != NULL && *self->initials != '\0')
    {
      static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
      PangoLayout *layout = ensure_layout (self, TEXT_INITIALS);
      PangoRectangle ink;

      pango_layout_get_pixel_extents (layout, &ink, NULL);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + (BADGE_SIZE - ink.width) / 2.f - ink.x,
                                                    y + (BADGE_SIZE - ink.height) / 2.f - ink.y));
      gtk_snapshot_append_layout (snapshot, layout, &white);
      gtk_snapshot_restore (snapshot);
    }

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  if (self->name != NULL && *self->name != '\0')
    draw_line (self, snapshot, TEXT_NAME, text_x, text_y, text_w, &color);
  if (self->context != NULL && *self->context != '\0')
    {
      color.alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
                     ? CONTEXT_OPACITY_HC : CONTEXT_OPACITY;
      draw_line (self, snapshot, TEXT_CONTEXT, text_x, text_y + m->name_height, text_w, &color);
    }

  if (self->warning_image != NULL)
    gtk_widget_snapshot_child (widget, self->warning_image, snapshot);
}

static void
drop_layouts (CaucusDirectoryRow *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_clear_object (&self->layouts[i]);
}

/* Each layout has its own Pango context, made when it was: a new direction or new
 * font settings (Large Text changes the resolution) need new layouts, as for a label. */
static void
caucus_directory_row_direction_changed (GtkWidget        *widget,
                                        GtkTextDirection  previous)
{
  drop_layouts (CAUCUS_DIRECTORY_ROW (widget));
  GTK_WIDGET_CLASS (caucus_directory_row_parent_class)->direction_changed (widget, previous);
}

static void
caucus_directory_row_system_setting_changed (GtkWidget        *widget,
                                             GtkSystemSetting  setting)
{
  drop_layouts (CAUCUS_DIRECTORY_ROW (widget));
  gtk_widget_queue_resize (widget);
  GTK_WIDGET_CLASS (caucus_directory_row_parent_class)->system_setting_changed (widget, setting);
}

/* The layouts follow the row's font (a theme or text scale change). */
static void
caucus_directory_row_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);

  GTK_WIDGET_CLASS (caucus_directory_row_parent_class)->css_changed (widget, change);
  drop_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
caucus_directory_row_dispose (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);
  GtkWidget *child;

  caucus_directory_row_set_slot (self, NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->summary);
  drop_layouts (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->warning_image = NULL;

  G_OBJECT_CLASS (caucus_directory_row_parent_class)->dispose (object);
}

static void
caucus_directory_row_finalize (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);

  g_free (self->initials);
  g_free (self->name);
  g_free (self->context);

  G_OBJECT_CLASS (caucus_directory_row_parent_class)->finalize (object);
}

static void
caucus_directory_row_class_init (CaucusDirectoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_directory_row_dispose;
  object_class->finalize = caucus_directory_row_finalize;
  widget_class->measure = caucus_directory_row_measure;
  widget_class->size_allocate = caucus_directory_row_size_allocate;
  widget_class->snapshot = caucus_directory_row_snapshot;
  widget_class->css_changed = caucus_directory_row_css_changed;
  widget_class->direction_changed = caucus_directory_row_direction_changed;
  widget_class->system_setting_changed = caucus_directory_row_system_setting_changed;
  /* Read as its name, then its context (the description). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
caucus_directory_row_init (CaucusDirectoryRow *self)
{
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->initials = g_strdup ("");
  self->name = g_strdup ("");
  self->context = g_strdup ("");
}

GtkWidget *
caucus_directory_row_new (void)
{
  return g_object_new (CAUCUS_TYPE_DIRECTORY_ROW, NULL);
}

void
caucus_directory_row_set_document (CaucusDirectoryRow *self,
                                   CaucusDocument     *document)
{
  g_autofree char *subtitle = NULL;
  const char *type;
  gboolean is_org;

  g_return_if_fail (CAUCUS_IS_DIRECTORY_ROW (self));
  g_return_if_fail (document == NULL || CAUCUS_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  if (document == NULL)
    {
      g_clear_object (&self->summary);
      show (self, "", "", TRUE);
      return;
    }

  g_clear_object (&self->summary);
  type = caucus_document_get_doc_type (document);
  is_org = g_strcmp0 (type, "org") == 0;
  subtitle = describe (type,
                       caucus_document_get_string (document, is_org ? "short_name" : "title"),
                       caucus_document_get_string (document, "kind"),
                       caucus_document_get_string (document, "country"),
                       caucus_document_get_string (document, "regional_group"));
  show (self, caucus_document_get_display_name (document), subtitle, caucus_document_is_valid (document));
}

void
caucus_directory_row_set_summary (CaucusDirectoryRow    *self,
                                  CaucusDocumentSummary *summary)
{
  g_autofree char *subtitle = NULL;

  g_return_if_fail (CAUCUS_IS_DIRECTORY_ROW (self));
  g_return_if_fail (summary == NULL || CAUCUS_IS_DOCUMENT_SUMMARY (summary));

  g_clear_object (&self->document);
  if (summary == self->summary)
    return;
  g_set_object (&self->summary, summary);
  if (summary == NULL)
    {
      show (self, "", "", TRUE);
      return;
    }

  subtitle = describe (caucus_document_summary_get_doc_type (summary),
                       caucus_document_summary_get_detail (summary),
                       caucus_document_summary_get_kind (summary),
                       caucus_document_summary_get_country (summary),
                       caucus_document_summary_get_regional_group (summary));
  show (self, caucus_document_summary_get_name (summary), subtitle,
        caucus_document_summary_get_is_valid (summary));
}

static void
slot_summary_changed_cb (CaucusDirectoryRow *self)
{
  caucus_directory_row_set_summary (self, caucus_summary_slot_get_summary (self->slot));
}

void
caucus_directory_row_set_slot (CaucusDirectoryRow *self,
                               CaucusSummarySlot  *slot)
{
  g_return_if_fail (CAUCUS_IS_DIRECTORY_ROW (self));
  g_return_if_fail (slot == NULL || CAUCUS_IS_SUMMARY_SLOT (slot));

  if (slot != self->slot)
    {
      if (self->slot != NULL)
        g_clear_signal_handler (&self->slot_handler, self->slot);
      g_set_object (&self->slot, slot);
      if (slot != NULL)
        self->slot_handler = g_signal_connect_swapped (slot, "notify::summary",
                                                       G_CALLBACK (slot_summary_changed_cb), self);
    }
  if (slot != NULL)
    caucus_directory_row_set_summary (self, caucus_summary_slot_get_summary (slot));
}

CaucusDocument *
caucus_directory_row_get_document (CaucusDirectoryRow *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_ROW (self), NULL);

  return self->document;
}
