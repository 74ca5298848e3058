/* caucus-statement-editor.c — one statement: its text, versions, comments and sign-on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calm Markdown editor (GtkSourceView: Markdown highlighting, soft wrap, a readable
 * measure through AdwClampScrollable, undo/redo, find and replace in caucus-find-bar.c)
 * with a preview
 * rendered by cmark on demand, the metadata above it and the panels beside it.
 *
 * Autosave writes the text through the model (a validated save of the statement) at
 * most CAUCUS_AUTOSAVE_QUIET_MS after typing stops and at most
 * CAUCUS_AUTOSAVE_MAX_WAIT_MS after the first unsaved keystroke on a worker thread with
 * its own store connection (caucus-statement-saver.c), and synchronously (after the
 * write in flight, if any) when the window loses focus or closes, when another statement
 * is opened and when the editor goes away.
 *
 * A keystroke costs the editor two timer re-arms: the word count (counted on a worker
 * thread) and the panels (comment anchors, sign-on states) wait until typing pauses. */
#include "caucus-statement-editor-private.h"

#include <string.h>
#include <glib/gi18n.h>

#include "caucus-comments-panel.h"
#include "caucus-find-bar.h"
#include "caucus-document-io.h"
#include "caucus-ledger-panel.h"
#include "caucus-markdown-preview.h"
#include "caucus-redline-view.h"
#include "caucus-redline.h"
#include "caucus-statement-labels.h"
#include "caucus-statement-versions.h"
#include "caucus-versions-panel.h"


G_DEFINE_FINAL_TYPE (CaucusStatementEditor, caucus_statement_editor, ADW_TYPE_BIN)


void
caucus_statement_editor_show_message (CaucusStatementEditor *self,
                                      const char            *message)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  gtk_label_set_label (self->save_label, message);
}

/* ---- saving -------------------------------------------------------------------- */

char *
caucus_statement_editor_dup_text (CaucusStatementEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  if (self->buffer == NULL)   /* disposed */
    return g_strdup ("");
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

gboolean
caucus_statement_editor_save (CaucusStatementEditor *self,
                              GError               **error)
{
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);

  /* The autosave in flight lands first (its result is taken in now); none may start
   * behind it, since this save writes whatever is left. */
  self->save_again = FALSE;
  if (self->saver != NULL)
    caucus_statement_saver_wait (self->saver);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->statement == NULL || get_store (self) == NULL || self->buffer == NULL)
    return TRUE;

  text = caucus_statement_editor_dup_text (self);
  self->dirty = FALSE;
  self->first_dirty = 0;
  if (g_strcmp0 (text, self->saved_body) == 0)
    return TRUE;

  /* Merges with edits saved elsewhere since (a pull, another window) when there are. */
  if (!caucus_statement_save_text (get_store (self), self->statement, self->saved_body, text,
                                   self->who, &saved, &local))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), local->message);

      /* Try again with the next keystroke; the text stays in the editor. */
      self->dirty = TRUE;
      caucus_statement_editor_show_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_free (self->saved_body);
  self->saved_body = g_strdup (saved);
  /* Edits from elsewhere came in: show the merged text, the cursor where it was. */
  if (g_strcmp0 (saved, text) != 0)
    _caucus_statement_editor_replace_text (self, saved);
  _caucus_statement_editor_show_saved (self);
  return TRUE;
}

guint
caucus_statement_editor_get_n_saves (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), 0);
  return self->n_saves;
}

static void
window_active_cb (CaucusStatementEditor *self)
{
  /* Focus went elsewhere: write now, on the worker (the person is busy in another window,
   * which a synchronous 20,000-word write would stall). */
  if (self->window != NULL && !gtk_window_is_active (self->window))
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      _caucus_statement_editor_start_autosave (self);
    }
}

static gboolean
window_close_cb (CaucusStatementEditor *self)
{
  caucus_statement_editor_save (self, NULL);
  return FALSE;
}

/* ---- metadata ------------------------------------------------------------------ */

/* Saves one metadata member; on a refusal the entry goes back to the stored value. */
static void
save_member (CaucusStatementEditor *self,
             const char            *member,
             GtkEntry              *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  const char *value = gtk_editable_get_text (GTK_EDITABLE (entry));
  CaucusDocument *doc = CAUCUS_DOCUMENT (self->statement);

  if (self->loading || doc == NULL || get_store (self) == NULL)
    return;
  if (g_strcmp0 (caucus_document_get_string (doc, member), *value != '\0' ? value : NULL) == 0)
    return;
  caucus_statement_editor_save (self, NULL);
  old = g_strdup (caucus_document_get_string (doc, member));
  caucus_document_set_string (doc, member, *value != '\0' ? value : NULL);
  if (!caucus_document_save (doc, get_store (self), self->who, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      caucus_document_set_string (doc, member, old);
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (entry), old != NULL ? old : "");
      self->loading = FALSE;
      caucus_statement_editor_show_message (self, message);
      return;
    }
  caucus_statement_editor_show_message (self, _("Saved"));
}

static void
title_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "title", self->title_entry);
}

static void
language_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "language", self->language_entry);
}

static void
forum_commit_cb (CaucusStatementEditor *self)
{
  save_member (self, "forum", self->forum_entry);
}

static void
add_commit_on_leave (CaucusStatementEditor *self,
                     GtkEntry              *entry,
                     GCallback              callback)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", callback, self);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  g_signal_connect_swapped (entry, "activate", callback, self);
}

static void
status_selected_cb (CaucusStatementEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->statement == NULL || selected >= g_strv_length ((char **) caucus_statement_statuses))
    return;
  caucus_statement_editor_save (self, NULL);
  if (!caucus_statement_change_status (get_store (self), self->statement,
                                       caucus_statement_statuses[selected], self->who, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Status not changed: %s"), error->message);
      const char *status = caucus_document_get_string (CAUCUS_DOCUMENT (self->statement), "status");

      caucus_statement_editor_show_message (self, message);
      self->loading = TRUE;
      for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
        if (g_strcmp0 (caucus_statement_statuses[i], status) == 0)
          gtk_drop_down_set_selected (self->status_dropdown, i);
      self->loading = FALSE;
      return;
    }
  caucus_statement_editor_show_message (self, _("Status changed; the text before it is kept as a version"));
  caucus_versions_panel_reload (self->versions_panel);
}

static gboolean
update_countdown_cb (gpointer user_data)
{
  CaucusStatementEditor *self = user_data;
  CaucusDeadlineState state = CAUCUS_DEADLINE_NONE;
  g_autofree char *text = caucus_statement_dup_deadline_label (self->statement != NULL ? CAUCUS_DOCUMENT (self->statement) : NULL,
                                                               TRUE, &state);

  gtk_label_set_label (self->deadline_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  if (state == CAUCUS_DEADLINE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "warning");
  else if (state != CAUCUS_DEADLINE_OPEN)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
  return G_SOURCE_CONTINUE;
}

/* ---- preview ------------------------------------------------------------------- */

static void
preview_toggled_cb (CaucusStatementEditor *self)
{
  if (gtk_toggle_button_get_active (self->preview_button))
    {
      g_autofree char *text = caucus_statement_editor_dup_text (self);

      caucus_markdown_preview_render (gtk_text_view_get_buffer (self->preview_view), text);
      gtk_stack_set_visible_child_name (self->main_stack, "preview");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->main_stack, "text");
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
    }
}

/* ---- undo ---------------------------------------------------------------------- */

static void
undo_cb (CaucusStatementEditor *self)
{
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (self->buffer));
}

static void
redo_cb (CaucusStatementEditor *self)
{
  gtk_text_buffer_redo (GTK_TEXT_BUFFER (self->buffer));
}

static void
can_undo_cb (CaucusStatementEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button),
                            gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (self->buffer)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->redo_button),
                            gtk_text_buffer_get_can_redo (GTK_TEXT_BUFFER (self->buffer)));
}

/* ---- style --------------------------------------------------------------------- */

static void
update_scheme (CaucusStatementEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* ---- opening ------------------------------------------------------------------- */

gboolean
caucus_statement_editor_open (CaucusStatementEditor *self,
                              const char            *statement_id,
                              GError               **error)
{
  g_autoptr(CaucusDocument) doc = NULL;
  const char *status, *body;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (statement_id != NULL, FALSE);

  if (get_store (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return FALSE;
    }
  caucus_statement_editor_save (self, NULL);
  doc = caucus_document_load (get_store (self), statement_id, error);
  if (doc == NULL)
    return FALSE;
  if (!CAUCUS_IS_STATEMENT (doc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("‘%s’ is not a statement"), statement_id);
      return FALSE;
    }

  self->loading = TRUE;
  g_set_object (&self->statement, CAUCUS_STATEMENT (doc));
  body = caucus_document_get_string (doc, "body");
  g_free (self->saved_body);
  self->saved_body = g_strdup (body != NULL ? body : "");
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), body != NULL ? body : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  {
    GtkTextIter start;
    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), caucus_document_get_string (doc, "title") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->language_entry), caucus_document_get_string (doc, "language") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->forum_entry), caucus_document_get_string (doc, "forum") ?: "");
  {
    const char *event_id = caucus_document_get_string (doc, "event_id");
    g_autoptr(CaucusDocument) event = NULL;
    g_autofree char *placeholder = NULL;

    /* A statement for an event of the calendar names it; the forum is free text. */
    if (event_id != NULL)
      event = caucus_document_load (get_store (self), event_id, NULL);
    placeholder = event != NULL ? g_strdup (caucus_document_get_display_name (event)) : g_strdup (_("Event or forum"));
    gtk_entry_set_placeholder_text (self->forum_entry, placeholder);
  }
  status = caucus_document_get_string (doc, "status");
  gtk_drop_down_set_selected (self->status_dropdown, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
    if (g_strcmp0 (caucus_statement_statuses[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);
  self->dirty = FALSE;
  self->loading = FALSE;

  gtk_toggle_button_set_active (self->preview_button, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "text");
  caucus_statement_editor_show_message (self, "");
  update_countdown_cb (self);
  _caucus_statement_editor_update_word_count (self);
  caucus_statement_editor_reload_panels (self);
  return TRUE;
}

CaucusStatement *
caucus_statement_editor_get_statement (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->statement;
}

GtkSourceBuffer *
caucus_statement_editor_get_buffer (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->buffer;
}

GtkSourceView *
caucus_statement_editor_get_view (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->source_view;
}

void
caucus_statement_editor_set_index (CaucusStatementEditor *self,
                                   CaucusModelIndex      *index)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  if (self->index != index)
    caucus_statement_editor_save (self, NULL);
  g_set_object (&self->index, index);
}

CaucusModelIndex *
caucus_statement_editor_get_index (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->index;
}

const char *
caucus_statement_editor_get_who (CaucusStatementEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), NULL);
  return self->who;
}

void
caucus_statement_editor_reload_panels (CaucusStatementEditor *self)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  caucus_comments_panel_reload (self->comments_panel);
  caucus_versions_panel_reload (self->versions_panel);
  caucus_ledger_panel_reload (self->ledger_panel);
}

void
caucus_statement_editor_show_panel (CaucusStatementEditor *self,
                                    const char            *name)
{
  g_return_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self));
  if (g_strcmp0 (name, "versions") == 0)
    gtk_toggle_button_set_active (self->versions_toggle, TRUE);
  else if (g_strcmp0 (name, "sign-on") == 0)
    gtk_toggle_button_set_active (self->sign_on_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->comments_toggle, TRUE);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

GtkWidget *
caucus_statement_editor_get_redline_view (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->redline_view);
}

GtkWidget *
caucus_statement_editor_get_comments_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->comments_panel);
}

GtkWidget *
caucus_statement_editor_get_versions_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->versions_panel);
}

GtkWidget *
caucus_statement_editor_get_ledger_panel (CaucusStatementEditor *self)
{
  return GTK_WIDGET (self->ledger_panel);
}

gboolean
caucus_statement_editor_show_redline (CaucusStatementEditor *self,
                                      const char            *from_id,
                                      const char            *to_id,
                                      GError               **error)
{
  g_autoptr(CaucusDocument) from = NULL;
  g_autoptr(CaucusDocument) to = NULL;
  g_autofree char *current = NULL;
  g_autofree char *from_label = NULL, *to_label = NULL, *title = NULL;

  g_return_val_if_fail (CAUCUS_IS_STATEMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (from_id != NULL, FALSE);

  from = caucus_document_load (get_store (self), from_id, error);
  if (from == NULL)
    return FALSE;
  if (to_id != NULL && (to = caucus_document_load (get_store (self), to_id, error)) == NULL)
    return FALSE;
  current = to == NULL ? caucus_statement_editor_dup_text (self) : NULL;

  caucus_redline_view_set_texts (self->redline_view, caucus_document_get_string (from, "body"),
                                 to != NULL ? caucus_document_get_string (to, "body") : current);
  from_label = caucus_statement_version_dup_label (from);
  to_label = to != NULL ? caucus_statement_version_dup_label (to) : g_strdup (_("the current text"));
  /* Translators: "Changes from “Zero draft” to the current text" */
  title = g_strdup_printf (_("Changes from “%s” to %s%s%s"), from_label,
                           to != NULL ? "“" : "", to_label, to != NULL ? "”" : "");
  gtk_label_set_label (self->redline_title, title);
  gtk_toggle_button_set_active (self->preview_button, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "redline");
  return TRUE;
}

static void
panel_toggled_cb (GtkToggleButton       *button,
                  CaucusStatementEditor *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_stack_set_visible_child_name (self->side_stack,
                                    button == self->versions_toggle ? "versions"
                                    : button == self->sign_on_toggle ? "sign-on" : "comments");
}

static void
redline_close_cb (CaucusStatementEditor *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "text");
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

/* ---- GObject ------------------------------------------------------------------- */

static void
caucus_statement_editor_root (GtkWidget *widget)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (caucus_statement_editor_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      g_object_add_weak_pointer (G_OBJECT (root), (gpointer *) &self->window);
      g_signal_connect_object (root, "notify::is-active", G_CALLBACK (window_active_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
caucus_statement_editor_unroot (GtkWidget *widget)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (widget);

  caucus_statement_editor_save (self, NULL);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  GTK_WIDGET_CLASS (caucus_statement_editor_parent_class)->unroot (widget);
}

static void
caucus_statement_editor_dispose (GObject *object)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (object);

  /* Whatever is typed is written (after the autosave in flight), then nothing may call
   * back into the editor: the panels forget it before the template disposes them. */
  caucus_statement_editor_save (self, NULL);
  if (self->saver != NULL)
    caucus_statement_saver_wait (self->saver);
  g_clear_object (&self->saver);
  if (self->comments_panel != NULL)
    caucus_comments_panel_set_editor (self->comments_panel, NULL);
  if (self->versions_panel != NULL)
    caucus_versions_panel_set_editor (self->versions_panel, NULL);
  if (self->ledger_panel != NULL)
    caucus_ledger_panel_set_editor (self->ledger_panel, NULL);
  if (self->buffer != NULL)
    g_signal_handlers_disconnect_by_data (self->buffer, self);
  self->buffer = NULL;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  g_clear_object (&self->statement);
  g_clear_object (&self->index);
  G_OBJECT_CLASS (caucus_statement_editor_parent_class)->dispose (object);
}

static void
caucus_statement_editor_finalize (GObject *object)
{
  CaucusStatementEditor *self = CAUCUS_STATEMENT_EDITOR (object);

  g_free (self->who);
  g_free (self->saved_body);
  G_OBJECT_CLASS (caucus_statement_editor_parent_class)->finalize (object);
}

static void
caucus_statement_editor_class_init (CaucusStatementEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_statement_editor_dispose;
  object_class->finalize = caucus_statement_editor_finalize;
  widget_class->root = caucus_statement_editor_root;
  widget_class->unroot = caucus_statement_editor_unroot;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (CAUCUS_TYPE_REDLINE_VIEW);
  g_type_ensure (CAUCUS_TYPE_FIND_BAR);
  g_type_ensure (CAUCUS_TYPE_COMMENTS_PANEL);
  g_type_ensure (CAUCUS_TYPE_VERSIONS_PANEL);
  g_type_ensure (CAUCUS_TYPE_LEDGER_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-statement-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, CaucusStatementEditor, name)
  CHILD (title_entry);
  CHILD (status_dropdown);
  CHILD (language_entry);
  CHILD (forum_entry);
  CHILD (deadline_label);
  CHILD (undo_button);
  CHILD (redo_button);
  CHILD (find_button);
  CHILD (preview_button);
  CHILD (find_bar);
  CHILD (panels_button);
  CHILD (flap);
  CHILD (main_stack);
  CHILD (source_view);
  CHILD (preview_view);
  CHILD (redline_title);
  CHILD (redline_close_button);
  CHILD (redline_view);
  CHILD (side_stack);
  CHILD (comments_toggle);
  CHILD (versions_toggle);
  CHILD (sign_on_toggle);
  CHILD (comments_panel);
  CHILD (versions_panel);
  CHILD (ledger_panel);
  CHILD (word_count_label);
  CHILD (save_label);
#undef CHILD
}

static void
caucus_statement_editor_init (CaucusStatementEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *real_name = g_get_real_name ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->who = g_strdup (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0 && *real_name != '\0'
                        ? real_name : g_get_user_name ());

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (languages, "markdown"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (_caucus_statement_editor_buffer_changed_cb), self);
  g_signal_connect_swapped (self->buffer, "notify::can-undo", G_CALLBACK (can_undo_cb), self);
  g_signal_connect_swapped (self->buffer, "notify::can-redo", G_CALLBACK (can_undo_cb), self);
  g_signal_connect_swapped (self->undo_button, "clicked", G_CALLBACK (undo_cb), self);
  g_signal_connect_swapped (self->redo_button, "clicked", G_CALLBACK (redo_cb), self);

  caucus_find_bar_set_view (self->find_bar, self->source_view);
  g_object_bind_property (self->find_button, "active",
                          caucus_find_bar_get_search_bar (self->find_bar), "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL);

  for (guint i = 0; caucus_statement_statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, caucus_statement_status_label (caucus_statement_statuses[i]));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_signal_connect_swapped (self->status_dropdown, "notify::selected", G_CALLBACK (status_selected_cb), self);

  add_commit_on_leave (self, self->title_entry, G_CALLBACK (title_commit_cb));
  add_commit_on_leave (self, self->language_entry, G_CALLBACK (language_commit_cb));
  add_commit_on_leave (self, self->forum_entry, G_CALLBACK (forum_commit_cb));

  g_object_bind_property (self->panels_button, "active", self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->preview_button, "toggled", G_CALLBACK (preview_toggled_cb), self);
  g_signal_connect (self->comments_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect (self->versions_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect (self->sign_on_toggle, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect_swapped (self->redline_close_button, "clicked", G_CALLBACK (redline_close_cb), self);

  caucus_markdown_preview_add_tags (gtk_text_view_get_buffer (self->preview_view));

  caucus_comments_panel_set_editor (self->comments_panel, self);
  caucus_versions_panel_set_editor (self->versions_panel, self);
  caucus_ledger_panel_set_editor (self->ledger_panel, self);

  self->countdown_source = g_timeout_add_seconds (30, update_countdown_cb, self);
  update_countdown_cb (self);
  _caucus_statement_editor_update_word_count (self);
}

GtkWidget *
caucus_statement_editor_new (void)
{
  return g_object_new (CAUCUS_TYPE_STATEMENT_EDITOR, NULL);
}
