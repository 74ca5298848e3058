/* caucus-directory-row.c — one organisation or person in the directory's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name, a line of context (kind and group for an organisation, title and country
 * for a person) and a warning badge for documents that failed validation (they
 * arrive that way by sync and are kept, never dropped).
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-directory-row.h"

struct _CaucusDirectoryRow
{
  GtkBox parent_instance;

  CaucusDocument *document;

  /* Template widgets */
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
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_DIRECTORY_ROW);

  G_OBJECT_CLASS (caucus_directory_row_parent_class)->dispose (object);
}

static void
caucus_directory_row_class_init (CaucusDirectoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_directory_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-directory-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryRow, warning_image);
}

static void
caucus_directory_row_init (CaucusDirectoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
