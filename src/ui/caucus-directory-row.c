/* caucus-directory-row.c — one organisation or person in the directory's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name, a line of context (kind and group for an organisation, title and country
 * for a person) and a warning badge for documents that failed validation (they
 * arrive that way by sync and are kept, never dropped).
 *
 * Built in code rather than from a template: GTK 4.8's GtkListView keeps about 200
 * rows alive and rebuilds them all when a search replaces the list, and parsing a
 * template per row was a third of the cost of each keystroke on a large directory.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-directory-row.h"

struct _CaucusDirectoryRow
{
  GtkBox parent_instance;

  CaucusDocument *document;

  AdwAvatar *avatar;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkImage *warning_image;
};

G_DEFINE_FINAL_TYPE (CaucusDirectoryRow, caucus_directory_row, GTK_TYPE_BOX)

static char *
describe (CaucusDocument *document)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *type = caucus_document_get_doc_type (document);

  if (g_strcmp0 (type, "org") == 0)
    {
      const char *kind = caucus_document_get_string (document, "kind");
      const char *group = caucus_document_get_string (document, "regional_group");
      const char *short_name = caucus_document_get_string (document, "short_name");

      if (short_name != NULL && *short_name != '\0')
        g_ptr_array_add (parts, (gpointer) short_name);
      if (kind != NULL)
        g_ptr_array_add (parts, (gpointer) caucus_kind_label (kind));
      if (group != NULL)
        g_ptr_array_add (parts, (gpointer) group);
    }
  else
    {
      const char *title = caucus_document_get_string (document, "title");
      const char *country = caucus_document_get_string (document, "country");
      const char *group = caucus_document_get_string (document, "regional_group");

      if (title != NULL && *title != '\0')
        g_ptr_array_add (parts, (gpointer) title);
      if (country != NULL)
        g_ptr_array_add (parts, (gpointer) country);
      if (group != NULL)
        g_ptr_array_add (parts, (gpointer) group);
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
caucus_directory_row_dispose (GObject *object)
{
  CaucusDirectoryRow *self = CAUCUS_DIRECTORY_ROW (object);

  g_clear_object (&self->document);

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

  self->avatar = ADW_AVATAR (adw_avatar_new (36, NULL, TRUE));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->avatar));

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
  const char *name;

  g_return_if_fail (CAUCUS_IS_DIRECTORY_ROW (self));
  g_return_if_fail (document == NULL || CAUCUS_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  if (document == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->warning_image), FALSE);
      return;
    }

  name = caucus_document_get_display_name (document);
  subtitle = describe (document);
  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');
  adw_avatar_set_text (self->avatar, name);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_image), !caucus_document_is_valid (document));
}

CaucusDocument *
caucus_directory_row_get_document (CaucusDirectoryRow *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_ROW (self), NULL);

  return self->document;
}
