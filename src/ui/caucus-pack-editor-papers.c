/* caucus-pack-editor-papers.c — background papers: PDF attachments of the pack document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer embeds every PDF attached to the pack, so adding a paper is attaching it:
 * the file is read asynchronously and checked with poppler, the pack is saved if it has
 * changes (an attachment is written on top of the stored revision), the PDF is attached,
 * and the editor reloads the pack so it holds the new revision.  Removing is the same with
 * caucus_store_delete_attachment.
 */
#include <glib/gi18n.h>
#include <poppler.h>

#include "caucus-document-io.h"
#include "caucus-pack-editor-private.h"

void
_caucus_pack_editor_read_papers (CaucusPackEditor *self)
{
  JsonNode *node = caucus_document_peek_member (self->document, "_attachments");

  g_ptr_array_set_size (self->papers, 0);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  {
    JsonObject *attachments = json_node_get_object (node);
    g_autoptr(GList) names = json_object_get_members (attachments);

    names = g_list_sort (names, (GCompareFunc) g_utf8_collate);
    for (GList *l = names; l != NULL; l = l->next)
      {
        JsonObject *att = json_object_get_object_member (attachments, l->data);
        const char *type = att != NULL ? json_object_get_string_member_with_default (att, "content_type", "") : "";

        if (g_str_equal (type, "application/pdf") || g_str_has_suffix (l->data, ".pdf"))
          g_ptr_array_add (self->papers, g_strdup (l->data));
      }
  }
}

/* Saves the pack when it has changes, then reloads it after @store_change (an attachment
 * added or removed), so the editor holds the stored revision. */
static gboolean
save_then_reload (CaucusPackEditor *self,
                  const char       *name,
                  GBytes           *pdf,
                  GError          **error)
{
  CaucusStore *store = _caucus_pack_editor_get_store (self);
  g_autofree char *rev = NULL;
  g_autofree char *id = g_strdup (caucus_document_get_id (self->document));
  g_autoptr(CaucusDocument) reloaded = NULL;

  if ((self->modified || caucus_document_get_rev (self->document) == NULL) &&
      !caucus_pack_editor_save (self, error))
    return FALSE;
  if (pdf != NULL)
    rev = caucus_store_put_attachment (store, id, caucus_document_get_rev (self->document), name,
                                       "application/pdf", pdf, error);
  else
    rev = caucus_store_delete_attachment (store, id, caucus_document_get_rev (self->document), name, error);
  if (rev == NULL)
    return FALSE;
  reloaded = caucus_document_load (store, id, error);
  if (reloaded == NULL)
    return FALSE;
  g_set_object (&self->document, reloaded);
  _caucus_pack_editor_read_papers (self);
  _caucus_pack_editor_rebuild_sections (self);
  _caucus_pack_editor_update_preview (self);
  _caucus_pack_editor_notify_document (self);
  return TRUE;
}

static void
paper_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaucusPackEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;
  PopplerDocument *check;

  if (self->document == NULL)
    return;   /* the editor went away meanwhile */
  if (bytes == NULL)
    {
      message = g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);
      _caucus_pack_editor_toast_error (self, message);
      return;
    }
  check = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (check == NULL)
    {
      message = g_strdup_printf (_("“%s” is not a PDF that can be embedded: %s"), name, error->message);
      _caucus_pack_editor_toast_error (self, message);
      return;
    }
  g_object_unref (check);
  if (!save_then_reload (self, name, bytes, &error))
    {
      message = g_strdup_printf (_("“%s” could not be added: %s"), name, error->message);
      _caucus_pack_editor_toast_error (self, message);
      return;
    }
  message = g_strdup_printf (_("Added “%s”"), name);
  _caucus_pack_editor_toast (self, adw_toast_new (message));
}

/**
 * caucus_pack_editor_add_paper:
 * @self: a #CaucusPackEditor
 * @file: a PDF
 *
 * Reads @file asynchronously, checks that it is a PDF poppler can open, saves the pack if
 * it has changes and attaches the PDF to it; the outcome is shown in a toast.
 */
void
caucus_pack_editor_add_paper (CaucusPackEditor *self,
                              GFile            *file)
{
  g_return_if_fail (CAUCUS_IS_PACK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  g_file_load_bytes_async (file, NULL, paper_loaded_cb, g_object_ref (self));
}

static void
paper_chosen_cb (GtkNativeDialog  *dialog,
                 int               response,
                 CaucusPackEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    caucus_pack_editor_add_paper (self, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
_caucus_pack_editor_add_paper_dialog (gpointer editor)
{
  CaucusPackEditor *self = editor;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Add a Background Paper"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (paper_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_caucus_pack_editor_remove_paper (gpointer    editor,
                                  const char *name)
{
  CaucusPackEditor *self = editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_strdup (name);   /* the row holding @name is rebuilt */

  if (!save_then_reload (self, copy, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be removed: %s"), copy, error->message);

      _caucus_pack_editor_toast_error (self, message);
    }
}
