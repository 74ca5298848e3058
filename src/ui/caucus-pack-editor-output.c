/* caucus-pack-editor-output.c — exporting the pack as a PDF and printing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both use the pack renderer's layout, so the preview, the PDF and the printed pages are
 * the same pages.  Export lays the pack out again (the preview may still be catching up
 * with the last keystroke) and writes it on a worker thread, with a progress bar and a
 * Cancel button; the renderer writes beside the target and renames at the end, so a
 * cancelled or failed export leaves nothing behind.  Printing draws page N of the layout
 * into the print context's cairo context in GtkPrintOperation's draw-page.
 */
#include <glib/gi18n.h>

#include "caucus-pack-collect.h"
#include "caucus-pack-editor-private.h"

void
_caucus_pack_editor_output_finalize (CaucusPackEditor *self)
{
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);
  g_clear_error (&self->export_error);
}

static void
set_exporting (CaucusPackEditor *self,
               gboolean          exporting)
{
  self->exporting = exporting;
  if (self->export_revealer != NULL)   /* NULL once the editor is being destroyed */
    gtk_revealer_set_reveal_child (self->export_revealer, exporting);
  _caucus_pack_editor_notify_exporting (self);
}

static void
export_failed (CaucusPackEditor *self,
               GError           *error)
{
  AdwToast *toast;

  g_clear_error (&self->export_error);
  self->export_error = error;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast = adw_toast_new (_("Export cancelled"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("The pack could not be exported: %s"), error->message);

      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 10);
    }
  _caucus_pack_editor_toast (self, toast);
  g_clear_object (&self->export_cancellable);
  set_exporting (self, FALSE);
}

static void
export_progress_cb (double      fraction,
                    const char *stage,
                    gpointer    user_data)
{
  CaucusPackEditor *self = user_data;
  gboolean writing = g_strcmp0 (stage, "Writing pages") == 0;
  double overall = writing ? 0.5 + CLAMP (fraction, 0.0, 1.0) / 2 : CLAMP (fraction, 0.0, 1.0) / 2;

  if (!self->exporting || self->export_progress == NULL)
    return;
  if (overall > gtk_progress_bar_get_fraction (self->export_progress))
    gtk_progress_bar_set_fraction (self->export_progress, overall);
  gtk_label_set_text (self->export_label, writing ? _("Writing pages…") : _("Laying out pages…"));
}

static void
open_exported_cb (AdwToast *toast,
                  gpointer  user_data)
{
  const char *uri = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaucusPackEditor) self = user_data;
  GError *error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!caucus_pack_layout_write_pdf_finish (CAUCUS_PACK_LAYOUT (source), result, &error))
    {
      export_failed (self, error);
      return;
    }
  g_clear_error (&self->export_error);
  name = g_file_get_basename (self->export_file);
  message = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_exported_cb),
                         g_file_get_uri (self->export_file), (GClosureNotify) (void (*) (void)) g_free, 0);
  _caucus_pack_editor_toast (self, toast);
  g_clear_object (&self->export_cancellable);
  set_exporting (self, FALSE);
}

static void
layout_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaucusPackEditor) self = user_data;
  GError *error = NULL;
  g_autoptr(CaucusPackLayout) layout = caucus_pack_layout_new_finish (result, &error);
  g_autofree char *path = NULL;

  if (layout == NULL)
    {
      export_failed (self, error);
      return;
    }
  path = g_file_get_path (self->export_file);
  caucus_pack_layout_write_pdf_async (layout, path, self->export_cancellable, export_progress_cb, self,
                                      pdf_written_cb, g_object_ref (self));
}

typedef struct
{
  CaucusStore *worker;
  JsonObject *pack;
} CollectJob;

static CollectJob *
collect_job_new (CaucusStore *worker,
                 JsonObject  *pack)
{
  CollectJob *job = g_new0 (CollectJob, 1);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), pack);
  g_autoptr(JsonNode) copy = json_node_copy (node);

  job->worker = g_object_ref (worker);
  /* a deep copy: the worker thread shares nothing with the editor */
  job->pack = json_object_ref (json_node_get_object (copy));
  return job;
}

static void
collect_job_free (gpointer data)
{
  CollectJob *job = data;

  g_object_unref (job->worker);
  json_object_unref (job->pack);
  g_free (job);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CollectJob *job = task_data;
  GError *error = NULL;
  CaucusPackSources *sources;

  sources = caucus_pack_sources_new_from_store (job->worker,
                                                json_object_get_string_member (job->pack, "_id"), &error);
  if (sources != NULL && !caucus_pack_sources_add_doc (sources, job->pack, &error))
    g_clear_object (&sources);
  if (sources == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sources, g_object_unref);
}

static void
sources_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CaucusPackEditor *self = CAUCUS_PACK_EDITOR (source);
  GError *error = NULL;
  g_autoptr(CaucusPackSources) sources = g_task_propagate_pointer (G_TASK (result), &error);
  CollectJob *job = g_task_get_task_data (G_TASK (result));
  CaucusPackOptions options;

  if (sources == NULL)
    {
      export_failed (self, error);
      return;
    }
  caucus_pack_options_init (&options);
  options.paper = self->paper;
  options.home_zone = self->home_zone;
  caucus_pack_layout_new_async (sources, json_object_get_string_member (job->pack, "_id"), &options,
                                self->export_cancellable, export_progress_cb, self,
                                layout_ready_cb, g_object_ref (self));
}

void
caucus_pack_editor_export (CaucusPackEditor *self,
                           GFile            *file)
{
  g_autoptr(CaucusStore) worker = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (CAUCUS_IS_PACK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  if (self->exporting)
    return;
  g_set_object (&self->export_file, file);
  set_exporting (self, TRUE);
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_label_set_text (self->export_label, _("Laying out pages…"));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a folder on this computer"));
      export_failed (self, error);
      return;
    }
  worker = caucus_store_open_worker (_caucus_pack_editor_get_store (self), &error);
  if (worker == NULL)
    {
      export_failed (self, error);
      return;
    }
  self->export_cancellable = g_cancellable_new ();
  /* reading the workspace can take a moment in a large one: off the main thread too */
  task = g_task_new (self, self->export_cancellable, sources_ready_cb, NULL);
  g_task_set_source_tag (task, caucus_pack_editor_export);
  g_task_set_task_data (task, collect_job_new (worker, caucus_document_peek_json (self->document)),
                        collect_job_free);
  g_task_run_in_thread (task, collect_thread);
}

void
_caucus_pack_editor_cancel_export (CaucusPackEditor *self)
{
  g_cancellable_cancel (self->export_cancellable);
}

static void
export_chosen_cb (GtkNativeDialog  *dialog,
                  int               response,
                  CaucusPackEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    caucus_pack_editor_export (self, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* “Best Bits — briefing pack.pdf”: the title, without characters file systems refuse. */
static char *
suggested_name (CaucusPackEditor *self)
{
  const char *title = caucus_document_get_string (self->document, "title");
  g_autofree char *name = g_strdup (title != NULL && *title != '\0' ? title : _("Briefing pack"));

  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strconcat (name, ".pdf", NULL);
}

void
_caucus_pack_editor_export_dialog (CaucusPackEditor *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->document == NULL || self->exporting)
    return;
  name = suggested_name (self);
  dialog = gtk_file_chooser_native_new (_("Export Briefing Pack"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- printing --------------------------------------------------------------------- */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CaucusPackLayout  *layout)
{
  caucus_pack_layout_render_page (layout, gtk_print_context_get_cairo_context (context), page_nr,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CaucusPackEditor        *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The pack could not be printed: %s"),
                                 error != NULL ? error->message : _("the printing system failed"));
      _caucus_pack_editor_toast (self, adw_toast_new (message));
    }
}

void
_caucus_pack_editor_print (CaucusPackEditor *self)
{
  g_autoptr(CaucusPackLayout) layout = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  GtkPaperSize *paper;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  CaucusPackLayout *shown = caucus_pack_preview_get_layout (self->preview);

  if (self->document == NULL)
    return;
  /* the preview's pages when they are current, else a layout of the pack as it is now */
  if (shown != NULL && !caucus_pack_preview_get_busy (self->preview))
    layout = g_object_ref (shown);
  else
    {
      g_autoptr(CaucusPackSources) sources = _caucus_pack_editor_collect (self, &error);
      CaucusPackOptions options;

      caucus_pack_options_init (&options);
      options.paper = self->paper;
      options.home_zone = self->home_zone;
      if (sources != NULL)
        layout = caucus_pack_layout_new (sources, caucus_document_get_id (self->document), &options,
                                         NULL, NULL, NULL, &error);
    }
  if (layout == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The pack could not be printed: %s"), error->message);

      _caucus_pack_editor_toast (self, adw_toast_new (message));
      return;
    }

  operation = gtk_print_operation_new ();
  /* kept until the next print or the editor goes, whether or not "done" comes */
  g_object_set_data_full (G_OBJECT (self), "print-operation", operation, g_object_unref);
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (self->paper == CAUCUS_PACK_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_paper_size_free (paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) caucus_pack_layout_get_n_pages (layout));
  /* the layout has its own margins */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, caucus_pack_layout_get_title (layout));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (layout), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The pack could not be printed: %s"), error->message);

      _caucus_pack_editor_toast (self, adw_toast_new (message));
    }
}
