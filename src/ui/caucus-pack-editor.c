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

void
_caucus_pack_editor_toast_error (CaucusPackEditor *self,
                                 const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  _caucus_pack_editor_toast (self, toast);
}

void
_caucus_pack_editor_notify_document (CaucusPackEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
_caucus_pack_editor_notify_exporting (CaucusPackEditor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

const char *
_caucus_pack_editor_who (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && *name != '\0' && g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ();
}

void
_caucus_pack_editor_update_preview (CaucusPackEditor *self)
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
  _caucus_pack_editor_update_preview (self);
}

static void
replace_sections (CaucusPackEditor *self,
                  JsonArray        *sections)
{
  g_clear_pointer (&self->sections, json_array_unref);
  self->sections = sections;
  _caucus_pack_editor_rebuild_sections (self);
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
  _caucus_pack_editor_rebuild_sections (self);
  section_changed (self);
  /* open the new section for writing */
  if (json_array_get_length (self->sections) > 0)
    {
      GtkWidget *row = caucus_pack_editor_get_section_row (self, json_array_get_length (self->sections) - 1);

      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
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
  context->add_paper = _caucus_pack_editor_add_paper_dialog;
  context->remove_paper = _caucus_pack_editor_remove_paper;
  context->remove = section_remove;
  return context;
}

void
_caucus_pack_editor_rebuild_sections (CaucusPackEditor *self)
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
  _caucus_pack_editor_read_papers (self);

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
  _caucus_pack_editor_rebuild_sections (self);
  self->loading = FALSE;

  set_modified (self, FALSE);
  _caucus_pack_editor_update_preview (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  return TRUE;
}

gboolean
caucus_pack_editor_save (CaucusPackEditor  *self,
                         GError           **error)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_EDITOR (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  if (!caucus_document_save (self->document, _caucus_pack_editor_get_store (self),
                             _caucus_pack_editor_who (), error))
    return FALSE;
  set_modified (self, FALSE);
  return TRUE;
}

static void
save_clicked_cb (CaucusPackEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_pack_editor_save (self, &error))
    _caucus_pack_editor_toast_error (self, error->message);
}

static void
back_clicked_cb (CaucusPackEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* leaving keeps the work: a valid pack is saved, an invalid one keeps the editor open */
  if (self->modified && !caucus_pack_editor_save (self, &error))
    {
      _caucus_pack_editor_toast_error (self, error->message);
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
  _caucus_pack_editor_update_preview (self);
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

/* Leaving the composer (another page, the window closing) keeps the work, as the back
 * button does: a valid pack with changes is saved; an invalid one stays as it is. */
static void
caucus_pack_editor_unmap (GtkWidget *widget)
{
  CaucusPackEditor *self = CAUCUS_PACK_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->modified && self->document != NULL && caucus_document_is_valid (self->document) &&
      !caucus_pack_editor_save (self, &error))
    g_warning ("The briefing pack could not be saved: %s", error->message);

  GTK_WIDGET_CLASS (caucus_pack_editor_parent_class)->unmap (widget);
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
  widget_class->unmap = caucus_pack_editor_unmap;

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
