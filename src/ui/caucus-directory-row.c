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
 * Built in code rather than from a template: rows are built for every row a view
 * keeps, and parsing a template per row was a third of the cost of each keystroke on a
 * large directory.  The page's list binds CaucusSummarySlots (position-stable items):
 * a search keeps the rows and only their slots' summaries change, which the row follows.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-directory-row.h"

struct _CaucusDirectoryRow
{
  GtkBox parent_instance;

  CaucusDocument *document;
  CaucusDocumentSummary *summary;
  CaucusSummarySlot *slot;
  gulong slot_handler;

  GtkLabel *initials;
  guint color;                    /* 1..N_COLORS, 0 before the first name */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkImage *warning_image;
};

G_DEFINE_FINAL_TYPE (CaucusDirectoryRow, caucus_directory_row, GTK_TYPE_BOX)

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
 * first two words on a colour chosen from the name), as one label styled by
 * caucus-directory.css.  AdwAvatar 1.2 lays out a Pango layout to fit its font on every
 * adw_avatar_set_text, ~570,000 instructions (callgrind): with 33 rows relabelled per
 * keystroke that was the largest single cost of a search, and of a row. */
#define N_COLORS 8

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
  gtk_label_set_label (self->initials, initials->str);

  color = *name != '\0' ? g_str_hash (name) % N_COLORS + 1 : 1;
  if (color != self->color)
    {
      char class_name[32];

      if (self->color != 0)
        {
          g_snprintf (class_name, sizeof class_name, "caucus-initials-%u", self->color);
          gtk_widget_remove_css_class (GTK_WIDGET (self->initials), class_name);
        }
      g_snprintf (class_name, sizeof class_name, "caucus-initials-%u", color);
      gtk_widget_add_css_class (GTK_WIDGET (self->initials), class_name);
      self->color = color;
    }
}

static void
show (CaucusDirectoryRow *self,
      const char         *name,
      const char         *subtitle,
      gboolean            is_valid)
{
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  set_initials (self, name);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_image), !is_valid);
}

static void
caucus_directory_row_dispose (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);

  caucus_directory_row_set_slot (self, NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (caucus_directory_row_parent_class)->dispose (object);
}

static void
caucus_directory_row_class_init (CaucusDirectoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_directory_row_dispose;
}

static GtkLabel *
add_label (GtkBox *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
caucus_directory_row_init (CaucusDirectoryRow *self)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->initials = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->initials), "caucus-initials");
  gtk_widget_set_valign (GTK_WIDGET (self->initials), GTK_ALIGN_CENTER);
  /* The name is in the row's title: the badge is decoration for assistive technologies. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->initials), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->initials));

  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (self), text);
  self->title_label = add_label (GTK_BOX (text));
  self->subtitle_label = add_label (GTK_BOX (text));
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");

  self->warning_image = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_set_visible (GTK_WIDGET (self->warning_image), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->warning_image), _("This entry has problems to fix"));
  gtk_widget_add_css_class (GTK_WIDGET (self->warning_image), "warning");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->warning_image));
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
