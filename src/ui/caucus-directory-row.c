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
 * bench/directory, see docs/layers/ui-directory.md):
 *   - built in code, not from a template (parsing a template per row was a third of a
 *     keystroke on a large directory);
 *   - name and context are GtkInscriptions (GTK 4.8's text widget for list rows): their
 *     size comes from font metrics and a number of characters, not from laying out
 *     the text, and setting their text redraws without a resize, so relabelling a row
 *     on a keystroke does not make the grid measure every row again;
 *   - the initials badge is drawn by the row itself (a circle and a Pango layout), the
 *     warning image is only created for a row that shows an invalid document, and the
 *     row places its children itself: three widgets per row instead of seven (rooting,
 *     styling and mapping a widget cost ~200,000 instructions, callgrind).
 * The page's list binds CaucusSummarySlots (position-stable items): a search keeps the
 * rows and only their slots' summaries change, which the row follows.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-directory-row.h"

#define BADGE_SIZE 36          /* the initials badge, px (AdwAvatar's size 36) */
#define SPACING 12             /* between badge, text and warning */

struct _CaucusDirectoryRow
{
  GtkWidget parent_instance;

  CaucusDocument *document;
  CaucusDocumentSummary *summary;
  CaucusSummarySlot *slot;
  gulong slot_handler;

  char *initials;                 /* the badge's letters */
  PangoLayout *initials_layout;   /* created when first drawn */
  guint color;                    /* index into badge_colors */
  GtkWidget *title_label;         /* GtkInscription */
  GtkWidget *subtitle_label;      /* GtkInscription */
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
  if (color == self->color && g_strcmp0 (initials->str, self->initials) == 0)
    return;
  self->color = color;
  g_free (self->initials);
  self->initials = g_string_free (g_steal_pointer (&initials), FALSE);
  if (self->initials_layout != NULL)
    pango_layout_set_text (self->initials_layout, self->initials, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_visible_child (CaucusDirectoryRow *self,
                   GtkWidget          *child,
                   gboolean            visible)
{
  if (gtk_widget_get_visible (child) != visible)
    gtk_widget_set_visible (child, visible);
}

/* An inscription has the role "label"; its text is also set as its accessible label,
 * so that assistive technologies read it by name as they read a GtkLabel, whether or
 * not this GTK exposes an inscription's text itself. */
static void
set_text (GtkWidget  *inscription,
          const char *text)
{
  if (g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (inscription)), text) == 0)
    return;
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (inscription), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
show (CaucusDirectoryRow *self,
      const char         *name,
      const char         *subtitle,
      gboolean            is_valid)
{
  set_text (self->title_label, name);
  set_text (self->subtitle_label, subtitle);
  set_visible_child (self, self->subtitle_label, *subtitle != '\0');
  set_initials (self, name);

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
  GtkWidget *text[] = { self->title_label, self->subtitle_label };
  int text_min = 0, text_nat = 0, warn_min = 0, warn_nat = 0;

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      int min, nat;

      if (!is_shown (text[i]))
        continue;
      gtk_widget_measure (text[i], orientation, -1, &min, &nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          text_min = MAX (text_min, min);
          text_nat = MAX (text_nat, nat);
        }
      else
        {
          text_min += min;
          text_nat += nat;
        }
    }
  if (is_shown (self->warning_image))
    gtk_widget_measure (self->warning_image, orientation, -1, &warn_min, &warn_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extra = BADGE_SIZE + SPACING + (is_shown (self->warning_image) ? SPACING : 0);

      *minimum = extra + text_min + warn_min;
      *natural = extra + text_nat + warn_nat;
    }
  else
    {
      *minimum = MAX (BADGE_SIZE, MAX (text_min, warn_min));
      *natural = MAX (BADGE_SIZE, MAX (text_nat, warn_nat));
    }
}

static void
caucus_directory_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int title_h = 0, subtitle_h = 0, warn_w = 0, warn_h = 0;
  int text_x, text_w, y;

  gtk_widget_measure (self->title_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &title_h, NULL, NULL);
  if (is_shown (self->subtitle_label))
    gtk_widget_measure (self->subtitle_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &subtitle_h, NULL, NULL);
  if (is_shown (self->warning_image))
    {
      gtk_widget_measure (self->warning_image, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &warn_w, NULL, NULL);
      gtk_widget_measure (self->warning_image, GTK_ORIENTATION_VERTICAL, warn_w, NULL, &warn_h, NULL, NULL);
    }

  text_w = MAX (0, width - BADGE_SIZE - SPACING - (warn_w > 0 ? warn_w + SPACING : 0));
  text_x = rtl ? (warn_w > 0 ? warn_w + SPACING : 0) : BADGE_SIZE + SPACING;
  y = MAX (0, (height - title_h - subtitle_h) / 2);

  gtk_widget_size_allocate (self->title_label,
                            &(GtkAllocation) { text_x, y, text_w, title_h }, -1);
  if (is_shown (self->subtitle_label))
    gtk_widget_size_allocate (self->subtitle_label,
                              &(GtkAllocation) { text_x, y + title_h, text_w, subtitle_h }, -1);
  if (warn_w > 0)
    gtk_widget_size_allocate (self->warning_image,
                              &(GtkAllocation) { rtl ? 0 : width - warn_w, MAX (0, (height - warn_h) / 2),
                                                 warn_w, warn_h }, -1);
}

static void
caucus_directory_row_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);
  float x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
            ? gtk_widget_get_width (widget) - BADGE_SIZE : 0;
  float y = (gtk_widget_get_height (widget) - BADGE_SIZE) / 2.f;
  GskRoundedRect circle;

  gsk_rounded_rect_init_from_rect (&circle, &GRAPHENE_RECT_INIT (x, y, BADGE_SIZE, BADGE_SIZE),
                                   BADGE_SIZE / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &badge_colors[self->color], &circle.bounds);
  gtk_snapshot_pop (snapshot);

  if (self->initials != NULL && *self->initials != '\0')
    {
      static const GdkRGBA white = { 1.f, 1.f, 1.f, 1.f };
      PangoRectangle ink;

      if (self->initials_layout == NULL)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
          self->initials_layout = gtk_widget_create_pango_layout (widget, self->initials);
          pango_layout_set_attributes (self->initials_layout, attrs);
          pango_attr_list_unref (attrs);
        }
      pango_layout_get_pixel_extents (self->initials_layout, NULL, &ink);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + (BADGE_SIZE - ink.width) / 2.f - ink.x,
                                                    y + (BADGE_SIZE - ink.height) / 2.f - ink.y));
      gtk_snapshot_append_layout (snapshot, self->initials_layout, &white);
      gtk_snapshot_restore (snapshot);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

/* The badge's layout follows the row's font (a theme or text scale change). */
static void
caucus_directory_row_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (widget);

  GTK_WIDGET_CLASS (caucus_directory_row_parent_class)->css_changed (widget, change);
  g_clear_object (&self->initials_layout);
}

static void
caucus_directory_row_dispose (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);
  GtkWidget *child;

  caucus_directory_row_set_slot (self, NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->summary);
  g_clear_object (&self->initials_layout);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->title_label = self->subtitle_label = self->warning_image = NULL;

  G_OBJECT_CLASS (caucus_directory_row_parent_class)->dispose (object);
}

static void
caucus_directory_row_finalize (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);

  g_free (self->initials);

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
  /* As the GtkBox it was: a group holding the name and the context. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkWidget *
add_text (CaucusDirectoryRow *self)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  /* What the labels asked for: at least 16 characters, 26 when there is room. */
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), 16);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (text), 26);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (text), 1);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_parent (text, GTK_WIDGET (self));

  return text;
}

static void
caucus_directory_row_init (CaucusDirectoryRow *self)
{
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->initials = g_strdup ("");
  self->title_label = add_text (self);
  self->subtitle_label = add_text (self);
  gtk_widget_add_css_class (self->subtitle_label, "caption");
  gtk_widget_add_css_class (self->subtitle_label, "dim-label");
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
