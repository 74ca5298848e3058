/* caucus-directory-page-actions.c — the Directory page's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * directory.new, .edit, .delete, .undo-delete, .back, .show-balance, .load-sample:
 * the buttons of the page's templates and the toast's Undo activate them, and the
 * display tests drive the page through them.
 */
#include <glib/gi18n.h>

#include "caucus-directory-page-private.h"
#include "caucus-document-io.h"

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);

  caucus_document_editor_edit (self->editor, NULL, self->doc_type);
  _caucus_directory_page_show_pane (self, "editor");
  _caucus_directory_page_update_empty (self);
  gtk_widget_grab_focus (caucus_document_editor_get_row (self->editor, "name"));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);
  CaucusDocument *document = caucus_document_detail_get_document (self->detail);

  if (document == NULL)
    return;

  caucus_document_editor_edit (self->editor, document, NULL);
  _caucus_directory_page_show_pane (self, "editor");
  gtk_widget_grab_focus (caucus_document_editor_get_row (self->editor, "name"));
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);
  CaucusDocument *document = caucus_document_detail_get_document (self->detail);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (document == NULL || self->index == NULL)
    return;

  body = caucus_document_to_json (document);
  if (!caucus_document_delete (document, caucus_model_index_get_store (self->index), &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->undo_body, json_object_unref);
  self->undo_body = g_steal_pointer (&body);

  /* Translators: %s is the name of a deleted organisation or person. */
  title = g_strdup_printf (_("“%s” deleted"), caucus_document_get_display_name (document));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "directory.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  _caucus_directory_page_show_detail (self, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
undo_delete_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *id = NULL;

  if (self->undo_body == NULL || self->index == NULL)
    return;

  body = g_steal_pointer (&self->undo_body);
  id = g_strdup (json_object_get_string_member_with_default (body, "_id", ""));
  /* On top of the tombstone: a put without _rev revives a deleted document. */
  json_object_remove_member (body, "_rev");
  json_object_remove_member (body, "_deleted");
  rev = caucus_store_put (caucus_model_index_get_store (self->index), body, &error);
  if (rev == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not restore the entry: %s"),
                                                  error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      _caucus_directory_page_update_actions (self);
      return;
    }

  caucus_directory_page_show_document (self, id);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
show_balance_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);

  _caucus_directory_page_update_balance (self);
  _caucus_directory_page_show_pane (self, "balance");
}

static void
load_sample_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);

  if (self->app != NULL)
    caucus_application_load_sample (self->app);
}

void
_caucus_directory_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "directory.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.undo-delete", NULL, undo_delete_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.show-balance", NULL, show_balance_action_cb);
  gtk_widget_class_install_action (widget_class, "directory.load-sample", NULL, load_sample_action_cb);
}
