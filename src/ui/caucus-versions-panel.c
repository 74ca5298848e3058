/* caucus-versions-panel.c — a statement's versions, and redlines between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Newest first, each with a one-click redline to the current text; two drop-downs
 * compare any two versions (or a version and the current text). */
#include "caucus-versions-panel.h"

#include <glib/gi18n.h>

#include "caucus-redline.h"
#include "caucus-statement-editor.h"
#include "caucus-statement-versions.h"

struct _CaucusVersionsPanel
{
  AdwBin parent_instance;

  GtkEntry *name_entry;
  GtkButton *create_button;
  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  GtkButton *compare_button;
  GtkListBox *list;

  CaucusStatementEditor *editor;   /* weak: the editor owns the panel */
  GPtrArray *versions;             /* oldest first */
};

G_DEFINE_FINAL_TYPE (CaucusVersionsPanel, caucus_versions_panel, ADW_TYPE_BIN)

static void
compare_with_current_cb (GtkButton           *button,
                         CaucusVersionsPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "version-id");
  g_autoptr(GError) error = NULL;

  if (self->editor == NULL)
    return;
  if (!caucus_statement_editor_show_redline (self->editor, id, NULL, &error))
    caucus_statement_editor_show_message (self->editor, error->message);
}

static void
compare_cb (CaucusVersionsPanel *self)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  g_autoptr(GError) error = NULL;
  const char *to_id = NULL;

  if (self->editor == NULL || from >= self->versions->len)
    return;
  /* "to" lists the current text first, then the versions newest first. */
  if (to > 0 && to <= self->versions->len)
    to_id = caucus_document_get_id (self->versions->pdata[self->versions->len - to]);
  if (!caucus_statement_editor_show_redline (self->editor,
                                             caucus_document_get_id (self->versions->pdata[self->versions->len - 1 - from]),
                                             to_id, &error))
    caucus_statement_editor_show_message (self->editor, error->message);
}

static GtkWidget *
make_row (CaucusVersionsPanel *self,
          CaucusDocument      *version)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name, *meta, *button;
  g_autofree char *label = caucus_statement_version_dup_label (version);
  g_autoptr(GDateTime) created = caucus_document_get_datetime (version, "created");
  g_autoptr(GDateTime) local = created != NULL ? g_date_time_to_local (created) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%e %b %Y, %H:%M") : g_strdup ("");
  guint words = caucus_text_count_words (caucus_document_get_string (version, "body"));
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u word", "%u words", words), words);
  g_autofree char *meta_text = g_strdup_printf ("%s · %s", g_strstrip (when), count);
  const char *role = caucus_document_get_string (version, "role");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  name = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  if (role == NULL || g_strcmp0 (role, "named") == 0)
    gtk_widget_add_css_class (name, "heading");
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), meta);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  button = gtk_button_new_with_label (_("Changes Since"));
  gtk_widget_set_tooltip_text (button, _("Redline from this version to the current text"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "version-id",
                          g_strdup (caucus_document_get_id (version)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (compare_with_current_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
caucus_versions_panel_reload (CaucusVersionsPanel *self)
{
  CaucusStatement *statement;
  CaucusModelIndex *index;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) from = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to = gtk_string_list_new (NULL);
  GtkWidget *child;

  g_return_if_fail (CAUCUS_IS_VERSIONS_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->versions, 0);
  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  index = self->editor != NULL ? caucus_statement_editor_get_index (self->editor) : NULL;
  if (statement != NULL && index != NULL)
    {
      versions = caucus_statement_list_versions (index, caucus_document_get_id (CAUCUS_DOCUMENT (statement)), &error);
      if (versions == NULL)
        caucus_statement_editor_show_message (self->editor, error->message);
    }

  gtk_string_list_append (to, _("Current text"));
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    g_ptr_array_add (self->versions, g_object_ref (versions->pdata[i]));
  for (guint i = self->versions->len; i > 0; i--)
    {
      CaucusDocument *v = self->versions->pdata[i - 1];
      g_autofree char *label = caucus_statement_version_dup_label (v);

      gtk_list_box_append (self->list, make_row (self, v));
      gtk_string_list_append (from, label);
      gtk_string_list_append (to, label);
    }
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (from));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (to));
  gtk_drop_down_set_selected (self->to_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), self->versions->len > 0);
}

CaucusStatementVersion *
caucus_versions_panel_create (CaucusVersionsPanel *self,
                              const char          *name,
                              GError             **error)
{
  CaucusStatement *statement;
  CaucusModelIndex *index;
  CaucusStatementVersion *version;

  g_return_val_if_fail (CAUCUS_IS_VERSIONS_PANEL (self), NULL);

  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  index = self->editor != NULL ? caucus_statement_editor_get_index (self->editor) : NULL;
  if (statement == NULL || index == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a statement first"));
      return NULL;
    }
  if (!caucus_statement_editor_save (self->editor, error))
    return NULL;
  version = caucus_statement_create_version (caucus_model_index_get_store (index), statement, name,
                                             caucus_statement_editor_get_who (self->editor), error);
  if (version != NULL)
    caucus_versions_panel_reload (self);
  return version;
}

static void
create_clicked_cb (CaucusVersionsPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStatementVersion) version = NULL;

  version = caucus_versions_panel_create (self, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)), &error);
  if (self->editor == NULL)
    return;
  if (version == NULL)
    {
      caucus_statement_editor_show_message (self->editor, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  caucus_statement_editor_show_message (self->editor, _("Version kept"));
}

static void
name_changed_cb (CaucusVersionsPanel *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), *name != '\0');
}

GPtrArray *
caucus_versions_panel_get_versions (CaucusVersionsPanel *self)
{
  g_return_val_if_fail (CAUCUS_IS_VERSIONS_PANEL (self), NULL);
  return self->versions;
}

void
caucus_versions_panel_set_editor (CaucusVersionsPanel   *self,
                                  CaucusStatementEditor *editor)
{
  g_return_if_fail (CAUCUS_IS_VERSIONS_PANEL (self));
  g_return_if_fail (editor == NULL || CAUCUS_IS_STATEMENT_EDITOR (editor));

  /* Weak: the editor owns the panel and may go first. */
  g_set_weak_pointer (&self->editor, editor);
}

static void
caucus_versions_panel_dispose (GObject *object)
{
  caucus_versions_panel_set_editor (CAUCUS_VERSIONS_PANEL (object), NULL);
  G_OBJECT_CLASS (caucus_versions_panel_parent_class)->dispose (object);
}

static void
caucus_versions_panel_finalize (GObject *object)
{
  CaucusVersionsPanel *self = CAUCUS_VERSIONS_PANEL (object);

  g_ptr_array_unref (self->versions);
  G_OBJECT_CLASS (caucus_versions_panel_parent_class)->finalize (object);
}

static void
caucus_versions_panel_class_init (CaucusVersionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_versions_panel_dispose;
  object_class->finalize = caucus_versions_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-versions-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, create_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusVersionsPanel, list);
}

static void
caucus_versions_panel_init (CaucusVersionsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (create_clicked_cb), self);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (create_clicked_cb), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->compare_button, "clicked", G_CALLBACK (compare_cb), self);
}
