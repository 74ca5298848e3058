/* caucus-pack-editor.c — composing a briefing pack: title, introduction, sections, preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor works on a CaucusDocument of type "pack" (the model validates it on save)
 * and keeps the sections as a JSON array of objects that the section rows edit in place
 * (caucus-pack-section-rows.c).  Every change is written into the document at once, marks
 * it modified and schedules a new preview layout; Save writes it to the store.  Background
 * papers are attachments of the pack document, so adding or removing one saves the pack
 * first and then changes the attachment.  Export and printing are in
 * caucus-pack-editor-output.c.
 */
#include <glib/gi18n.h>
#include <poppler.h>

#include "caucus-document-io.h"
#include "caucus-pack-collect.h"
#include "caucus-pack-editor-private.h"
#include "caucus-pack-section-rows.h"

G_DEFINE_FINAL_TYPE (CaucusPackEditor, caucus_pack_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_MODIFIED,
  PROP_EXPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The sections a pack without "sections" gets, in DOMAIN.md's order; its introduction
 * opens the pack. */
static const char * const default_sections[] = {
  "agenda", "people", "organisations", "statements", "deadlines", "background-papers",
};

static void rebuild_sections (CaucusPackEditor *self);

CaucusStore *
_caucus_pack_editor_get_store (CaucusPackEditor *self)
{
  return self->index != NULL ? caucus_model_index_get_store (self->index) : NULL;
}

void
_caucus_pack_editor_toast (CaucusPackEditor *self,
                           AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
    }
}

static void
toast_error (CaucusPackEditor *self,
             const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  _caucus_pack_editor_toast (self, toast);
}

void
_caucus_pack_editor_notify_exporting (CaucusPackEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

static const char *
who (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && *name != '\0' && g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ();
}

static void
update_preview (CaucusPackEditor *self)
{
  CaucusPackOptions options;

  if (self->document == NULL)
    return;
  caucus_pack_options_init (&options);
  options.paper = self->paper;
  options.home_zone = self->home_zone;
  caucus_pack_preview_update (self->preview, _caucus_pack_editor_get_store (self),
                              caucus_document_peek_json (self->document), &options);
}

static void
set_modified (CaucusPackEditor *self,
              gboolean          modified)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), modified);
  if (modified)
    gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
write_sections (CaucusPackEditor *self)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), self->sections);

  /* the document takes a deep copy, so the rows keep editing our array */
  caucus_document_set_member (self->document, "sections", node);
}

/* A section's JSON was changed by its row. */
static void
section_changed (gpointer editor)
{
  CaucusPackEditor *self = editor;

  if (self->loading)
    return;
  write_sections (self);
  set_modified (self, TRUE);
  update_preview (self);
}

static void
replace_sections (CaucusPackEditor *self,
                  JsonArray        *sections)
{
  g_clear_pointer (&self->sections, json_array_unref);
  self->sections = sections;
  rebuild_sections (self);
  section_changed (self);
}

static void
section_move (gpointer editor,
              guint    from,
              guint    to)
{
  CaucusPackEditor *self = editor;
  guint n = json_array_get_length (self->sections);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  JsonArray *moved;
  GtkWidget *row;

  if (from >= n || to >= n || from == to)
    return;
  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (order, json_array_get_element (self->sections, i));
  g_ptr_array_insert (order, (gint) to, json_array_get_element (self->sections, from));
  moved = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    json_array_add_element (moved, json_node_copy (g_ptr_array_index (order, i)));
  replace_sections (self, moved);
  /* keep the keyboard on the moved section */
  row = caucus_pack_editor_get_section_row (self, to);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
section_remove (gpointer editor,
                guint    index)
{
  CaucusPackEditor *self = editor;
  guint n = json_array_get_length (self->sections);
  JsonArray *kept = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    if (i != index)
      json_array_add_element (kept, json_node_copy (json_array_get_element (self->sections, i)));
  replace_sections (self, kept);
}

static void
add_free_text_cb (CaucusPackEditor *self)
{
  JsonObject *section = json_object_new ();

  json_object_set_string_member (section, "kind", "free-text");
  json_object_set_boolean_member (section, "enabled", TRUE);
  json_object_set_string_member (section, "title", _("Practical Information"));
  json_object_set_string_member (section, "body", "");
  json_array_add_object_element (self->sections, section);
  rebuild_sections (self);
  section_changed (self);
  /* open the new section for writing */
  if (json_array_get_length (self->sections) > 0)
    {
      GtkWidget *row = caucus_pack_editor_get_section_row (self, json_array_get_length (self->sections) - 1);

      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

/* ---- background papers: attachments of the pack document ------------------------- */

static void
read_papers (CaucusPackEditor *self)
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
  read_papers (self);
  rebuild_sections (self);
  update_preview (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
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
      toast_error (self, message);
      return;
    }
  check = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (check == NULL)
    {
      message = g_strdup_printf (_("“%s” is not a PDF that can be embedded: %s"), name, error->message);
      toast_error (self, message);
      return;
    }
  g_object_unref (check);
  if (!save_then_reload (self, name, bytes, &error))
    {
      message = g_strdup_printf (_("“%s” could not be added: %s"), name, error->message);
      toast_error (self, message);
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

static void
section_add_paper (gpointer editor)
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

static void
section_remove_paper (gpointer    editor,
                      const char *name)
{
  CaucusPackEditor *self = editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_strdup (name);   /* the row holding @name is rebuilt */

  if (!save_then_reload (self, copy, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be removed: %s"), copy, error->message);

      toast_error (self, message);
    }
}

/* ---- the section list ------------------------------------------------------------- */

static CaucusPackSectionContext *
get_context (CaucusPackEditor *self)
{
  CaucusPackSectionContext *context = g_object_get_data (G_OBJECT (self), "section-context");

  if (context == NULL)
    {
      context = g_new0 (CaucusPackSectionContext, 1);
      g_object_set_data_full (G_OBJECT (self), "section-context", context, g_free);
    }
  context->editor = self;
  context->index = self->index;
  context->event_id = self->event_id;
  context->papers = self->papers;
  context->changed = section_changed;
  context->move = section_move;
  context->add_paper = section_add_paper;
  context->remove_paper = section_remove_paper;
  context->remove = section_remove;
  return context;
}

static void
rebuild_sections (CaucusPackEditor *self)
{
  const CaucusPackSectionContext *context = get_context (self);
  guint n = json_array_get_length (self->sections);
  gboolean was_loading = self->loading;
  GtkWidget *child;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list))) != NULL)
    gtk_list_box_remove (self->sections_list, child);
  g_ptr_array_set_size (self->section_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *section = json_array_get_object_element (self->sections, i);
      GtkWidget *row = caucus_pack_section_row_new (context, section, i, n);

      g_ptr_array_add (self->section_rows, row);
      gtk_list_box_append (self->sections_list, row);
    }
  self->loading = was_loading;
}

/* Sections as objects: the renderer also accepts bare kinds ("people"). */
static JsonArray *
normalise_sections (CaucusDocument *document)
{
  JsonNode *node = caucus_document_peek_member (document, "sections");
  JsonArray *sections = json_array_new ();

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      for (guint i = 0; i < G_N_ELEMENTS (default_sections); i++)
        {
          JsonObject *section = json_object_new ();

          json_object_set_string_member (section, "kind", default_sections[i]);
          json_object_set_boolean_member (section, "enabled", TRUE);
          json_array_add_object_element (sections, section);
        }
      return sections;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        json_array_add_element (sections, json_node_copy (element));
      else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          JsonObject *section = json_object_new ();

          json_object_set_string_member (section, "kind", json_node_get_string (element));
          json_array_add_object_element (sections, section);
        }
    }
  return sections;
}

static void
title_changed_cb (CaucusPackEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  if (self->loading)
    return;
  caucus_document_set_string (self->document, "title", text);
  gtk_label_set_text (self->title_label, *text != '\0' ? text : _("Untitled Pack"));
  section_changed (self);
}

/* The cover's "Prepared by" (the renderer falls back to whoever saved the pack last). */
static void
author_changed_cb (CaucusPackEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->author_row));

  if (self->loading)
    return;
  caucus_document_set_string (self->document, "author", *text != '\0' ? text : NULL);
  section_changed (self);
}

static void
intro_changed_cb (CaucusPackEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->intro_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  caucus_document_set_string (self->document, "intro", *text != '\0' ? text : NULL);
  section_changed (self);
}

gboolean
caucus_pack_editor_load (CaucusPackEditor  *self,
                         CaucusModelIndex  *index,
                         const char        *pack_id,
                         GError           **error)
{
  g_autoptr(CaucusDocument) document = NULL;
  g_autoptr(CaucusDocument) event = NULL;
  const char *title;

  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), FALSE);
  g_return_val_if_fail (pack_id != NULL, FALSE);

  document = caucus_document_load (caucus_model_index_get_store (index), pack_id, error);
  if (document == NULL)
    return FALSE;
  if (g_strcmp0 (caucus_document_get_doc_type (document), "pack") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a briefing pack"), pack_id);
      return FALSE;
    }

  g_set_object (&self->index, index);
  g_set_object (&self->document, document);
  g_free (self->event_id);
  self->event_id = g_strdup (caucus_document_get_string (document, "event_id"));
  g_clear_pointer (&self->sections, json_array_unref);
  self->sections = normalise_sections (document);
  read_papers (self);

  self->loading = TRUE;
  title = caucus_document_get_string (document, "title");
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
  gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : _("Untitled Pack"));
  gtk_editable_set_text (GTK_EDITABLE (self->author_row),
                         caucus_document_get_string (document, "author") != NULL
                         ? caucus_document_get_string (document, "author") : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->intro_view),
                            caucus_document_get_string (document, "intro") != NULL
                            ? caucus_document_get_string (document, "intro") : "", -1);
  if (self->event_id != NULL)
    event = caucus_document_load (caucus_model_index_get_store (index), self->event_id, NULL);
  if (event != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (caucus_document_get_display_name (event), -1);

      adw_action_row_set_subtitle (self->event_row, escaped);
    }
  else
    adw_action_row_set_subtitle (self->event_row, _("The event is not in this workspace"));
  rebuild_sections (self);
  self->loading = FALSE;

  set_modified (self, FALSE);
  update_preview (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  return TRUE;
}

gboolean
caucus_pack_editor_save (CaucusPackEditor  *self,
                         GError           **error)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  if (!caucus_document_save (self->document, _caucus_pack_editor_get_store (self), who (), error))
    return FALSE;
  set_modified (self, FALSE);
  return TRUE;
}

static void
save_clicked_cb (CaucusPackEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_pack_editor_save (self, &error))
    toast_error (self, error->message);
}

static void
back_clicked_cb (CaucusPackEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* leaving keeps the work: a valid pack is saved, an invalid one keeps the editor open */
  if (self->modified && !caucus_pack_editor_save (self, &error))
    {
      toast_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* Narrow (the leaflet folded), the form and the pages take turns, with a toggle in the
 * toolbar; wide, they sit side by side. */
static void
folded_changed_cb (CaucusPackEditor *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_button), folded);
  if (!folded)
    gtk_toggle_button_set_active (self->preview_button, FALSE);
}

static void
preview_toggled_cb (CaucusPackEditor *self)
{
  adw_leaflet_set_visible_child (self->leaflet,
                                 gtk_toggle_button_get_active (self->preview_button)
                                 ? GTK_WIDGET (self->preview) : self->form);
}

static void
leaflet_child_cb (CaucusPackEditor *self)
{
  /* swiping back to the form untoggles the button */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_toggle_button_set_active (self->preview_button,
                                  adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->preview));
}

static void
export_clicked_cb (CaucusPackEditor *self)
{
  _caucus_pack_editor_export_dialog (self);
}

static void
print_clicked_cb (CaucusPackEditor *self)
{
  _caucus_pack_editor_print (self);
}

static void
cancel_export_clicked_cb (CaucusPackEditor *self)
{
  _caucus_pack_editor_cancel_export (self);
}

CaucusPackSources *
_caucus_pack_editor_collect (CaucusPackEditor *self,
                             GError          **error)
{
  g_autoptr(CaucusPackSources) sources = NULL;
  JsonObject *pack = caucus_document_to_json (self->document);

  sources = caucus_pack_sources_new_from_store (_caucus_pack_editor_get_store (self),
                                                caucus_document_get_id (self->document), error);
  if (sources == NULL || !caucus_pack_sources_add_doc (sources, pack, error))
    {
      json_object_unref (pack);
      return NULL;
    }
  json_object_unref (pack);
  return g_steal_pointer (&sources);
}

CaucusDocument *
caucus_pack_editor_get_document (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), NULL);
  return self->document;
}

gboolean
caucus_pack_editor_get_modified (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), FALSE);
  return self->modified;
}

void
caucus_pack_editor_set_options (CaucusPackEditor *self,
                                CaucusPackPaper   paper,
                                const char       *home_zone)
{
  g_return_if_fail (CAUCUS_IS_PACK_EDITOR (self));

  if (home_zone != NULL && *home_zone == '\0')
    home_zone = NULL;
  if (self->paper == paper && g_strcmp0 (self->home_zone, home_zone) == 0)
    return;
  self->paper = paper;
  g_free (self->home_zone);
  self->home_zone = g_strdup (home_zone);
  update_preview (self);
}

CaucusPackPreview *
caucus_pack_editor_get_preview (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), NULL);
  return self->preview;
}

guint
caucus_pack_editor_get_n_sections (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), 0);
  return self->section_rows->len;
}

GtkWidget *
caucus_pack_editor_get_section_row (CaucusPackEditor *self,
                                    guint             index)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), NULL);
  return index < self->section_rows->len ? g_ptr_array_index (self->section_rows, index) : NULL;
}

gboolean
caucus_pack_editor_get_exporting (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), FALSE);
  return self->exporting;
}

const GError *
caucus_pack_editor_get_export_error (CaucusPackEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), NULL);
  return self->export_error;
}

static void
caucus_pack_editor_dispose (GObject *object)
{
  CaucusPackEditor *self = CAUCUS_PACK_EDITOR (object);

  g_cancellable_cancel (self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CAUCUS_TYPE_PACK_EDITOR);
  g_clear_object (&self->document);
  g_clear_object (&self->index);

  G_OBJECT_CLASS (caucus_pack_editor_parent_class)->dispose (object);
}

static void
caucus_pack_editor_finalize (GObject *object)
{
  CaucusPackEditor *self = CAUCUS_PACK_EDITOR (object);

  _caucus_pack_editor_output_finalize (self);
  g_clear_pointer (&self->sections, json_array_unref);
  g_clear_pointer (&self->section_rows, g_ptr_array_unref);
  g_clear_pointer (&self->papers, g_ptr_array_unref);
  g_free (self->event_id);
  g_free (self->home_zone);

  G_OBJECT_CLASS (caucus_pack_editor_parent_class)->finalize (object);
}

static void
caucus_pack_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaucusPackEditor *self = CAUCUS_PACK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_EXPORTING:
      g_value_set_boolean (value, self->exporting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_pack_editor_class_init (CaucusPackEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_pack_editor_dispose;
  object_class->finalize = caucus_pack_editor_finalize;
  object_class->get_property = caucus_pack_editor_get_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CAUCUS_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaucusPackEditor::back:
   *
   * The user leaves the editor (after its changes were saved).
   */
  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (CAUCUS_TYPE_PACK_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-pack-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, content);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, export_progress);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, export_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, event_row);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, author_row);
  gtk_widget_class_bind_template_callback (widget_class, author_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, intro_view);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, sections_list);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, form);
  gtk_widget_class_bind_template_child (widget_class, CaucusPackEditor, preview_button);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_free_text_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "pack.save", NULL);
  gtk_widget_class_install_action (widget_class, "pack.save", NULL,
                                   (GtkWidgetActionActivateFunc) save_clicked_cb);
}

static void
caucus_pack_editor_init (CaucusPackEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sections = json_array_new ();
  self->section_rows = g_ptr_array_new ();
  self->papers = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->intro_view), "changed",
                            G_CALLBACK (intro_changed_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (leaflet_child_cb), self);
  folded_changed_cb (self);
  set_modified (self, FALSE);
}

GtkWidget *
caucus_pack_editor_new (void)
{
  return g_object_new (CAUCUS_TYPE_PACK_EDITOR, NULL);
}
