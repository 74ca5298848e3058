/* caucus-event-text.c — the agenda row's text widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "caucus-event-text.h"


struct _CaucusEventText
{
  GtkWidget parent_instance;

  char *text;
  PangoAttrList *attrs;
  int lines;
  PangoLayout *layout;                 /* NULL until measured; dropped on a new text or font */
  PangoFontDescription *font;          /* the font the layout was made with */
  int natural_width, natural_height;   /* unwrapped, in pixels */
  int min_width;
  int wrap_width[3], wrap_height[3];   /* the last heights asked for a width (wrapping) */
  guint wrap_next;
};

G_DEFINE_FINAL_TYPE (CaucusEventText, caucus_event_text, GTK_TYPE_WIDGET)

static void
event_text_drop_layout (CaucusEventText *self)
{
  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->wrap_width); i++)
    self->wrap_width[i] = -1;
}

static void
event_text_ensure_layout (CaucusEventText *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->layout != NULL)
    return;
  self->layout = gtk_widget_create_pango_layout (widget, self->text);
  self->font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  pango_layout_set_attributes (self->layout, self->attrs);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  if (self->lines > 1)
    {
      pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (self->layout, -self->lines);
    }
  pango_layout_get_pixel_size (self->layout, &self->natural_width, &self->natural_height);
  if (self->lines > 1)
    {
      /* as GtkLabel with width-chars 16: wrapping never makes it narrower than that.
       * Font metrics shape a sample text: kept for the last font asked. */
      static PangoFontDescription *metrics_font;
      static int char_width;

      if (metrics_font == NULL || !pango_font_description_equal (metrics_font, self->font))
        {
          PangoFontMetrics *metrics = pango_context_get_metrics (pango_layout_get_context (self->layout), NULL, NULL);

          char_width = pango_font_metrics_get_approximate_char_width (metrics);
          pango_font_metrics_unref (metrics);
          g_clear_pointer (&metrics_font, pango_font_description_free);
          metrics_font = pango_font_description_copy (self->font);
        }
      self->min_width = MIN (self->natural_width, PANGO_PIXELS (16 * char_width));
    }
  else
    self->min_width = 0;
}

static void
caucus_event_text_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CaucusEventText *self = CAUCUS_EVENT_TEXT (widget);

  event_text_ensure_layout (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->min_width;
      *natural = self->natural_width;
      return;
    }
  if (self->lines <= 1 || for_size < 0 || for_size >= self->natural_width)
    {
      *minimum = *natural = self->natural_height;
      return;
    }
  /* a list asks a row's height at a few widths (its column, the box's shares) */
  for (guint i = 0; i < G_N_ELEMENTS (self->wrap_width); i++)
    if (self->wrap_width[i] == for_size)
      {
        *minimum = *natural = self->wrap_height[i];
        return;
      }
  pango_layout_set_width (self->layout, for_size * PANGO_SCALE);
  self->wrap_width[self->wrap_next] = for_size;
  pango_layout_get_pixel_size (self->layout, NULL, &self->wrap_height[self->wrap_next]);
  *minimum = *natural = self->wrap_height[self->wrap_next];
  self->wrap_next = (self->wrap_next + 1) % G_N_ELEMENTS (self->wrap_width);
}

/* A wrapping text is taller when narrower: GTK asks for its height at a width only when
 * the widget says so (and its containers follow). */
static GtkSizeRequestMode
caucus_event_text_get_request_mode (GtkWidget *widget)
{
  return CAUCUS_EVENT_TEXT (widget)->lines > 1 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                                : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
caucus_event_text_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CaucusEventText *self = CAUCUS_EVENT_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA color;
  float x = 0;

  event_text_ensure_layout (self);
  if (width < self->natural_width)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
  else
    {
      pango_layout_set_width (self->layout, -1);
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        x = (float) (width - self->natural_width);
    }
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
caucus_event_text_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  CaucusEventText *self = CAUCUS_EVENT_TEXT (widget);

  GTK_WIDGET_CLASS (caucus_event_text_parent_class)->css_changed (widget, change);
  /* a hover or focus change restyles the row without touching the font */
  if (self->font != NULL &&
      !pango_font_description_equal (self->font, pango_context_get_font_description (gtk_widget_get_pango_context (widget))))
    {
      event_text_drop_layout (self);
      gtk_widget_queue_resize (widget);
    }
}

static void
caucus_event_text_direction_changed (GtkWidget        *widget,
                                     GtkTextDirection  previous)
{
  event_text_drop_layout (CAUCUS_EVENT_TEXT (widget));
  GTK_WIDGET_CLASS (caucus_event_text_parent_class)->direction_changed (widget, previous);
}

static void
caucus_event_text_system_setting_changed (GtkWidget        *widget,
                                          GtkSystemSetting  setting)
{
  event_text_drop_layout (CAUCUS_EVENT_TEXT (widget));
  gtk_widget_queue_resize (widget);
  GTK_WIDGET_CLASS (caucus_event_text_parent_class)->system_setting_changed (widget, setting);
}

static void
caucus_event_text_finalize (GObject *object)
{
  CaucusEventText *self = CAUCUS_EVENT_TEXT (object);

  event_text_drop_layout (self);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (caucus_event_text_parent_class)->finalize (object);
}

static void
caucus_event_text_class_init (CaucusEventTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = caucus_event_text_finalize;
  widget_class->get_request_mode = caucus_event_text_get_request_mode;
  widget_class->measure = caucus_event_text_measure;
  widget_class->snapshot = caucus_event_text_snapshot;
  widget_class->css_changed = caucus_event_text_css_changed;
  widget_class->direction_changed = caucus_event_text_direction_changed;
  widget_class->system_setting_changed = caucus_event_text_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
caucus_event_text_init (CaucusEventText *self)
{
  self->lines = 1;
  event_text_drop_layout (self);
}

GtkWidget *
caucus_event_text_new (const char *css_class,
                       int         lines)
{
  CaucusEventText *self = g_object_new (CAUCUS_TYPE_EVENT_TEXT, NULL);

  self->lines = lines;
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return GTK_WIDGET (self);
}

/* Shows @text with @attrs (taken), or hides the widget when there is no text. */
void
caucus_event_text_set (GtkWidget     *widget,
                       const char    *text,
                       PangoAttrList *attrs)
{
  CaucusEventText *self = CAUCUS_EVENT_TEXT (widget);
  g_autoptr(PangoAttrList) owned = attrs;

  gtk_widget_set_visible (widget, text != NULL && *text != '\0');
  if (g_strcmp0 (self->text, text) == 0 &&
      (self->attrs == attrs || (self->attrs != NULL && attrs != NULL && pango_attr_list_equal (self->attrs, attrs))))
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = g_steal_pointer (&owned);
  event_text_drop_layout (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  gtk_widget_queue_resize (widget);
}
