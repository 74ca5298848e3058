/* caucus-comments-panel.c — comments anchored to passages, beside the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every comment is found again in the text as it is in the editor (caucus-anchor.h):
 * exactly, near where it was, or fuzzily; a passage edited away leaves the comment
 * listed as orphaned with its quote, never hidden.  Anchored passages are tinted in
 * the text; activating a comment selects its passage. */
#include "caucus-comments-panel.h"

#include <string.h>
#include <glib/gi18n.h>

#include "caucus-statement-editor.h"
#include "caucus-statement-versions.h"

struct _CaucusCommentsPanel
{
  AdwBin parent_instance;

  GtkEntry *comment_entry;
  GtkButton *add_button;
  GtkCheckButton *resolved_check;
  GtkListBox *list;
  GtkLabel *empty_label;

  CaucusStatementEditor *editor;   /* weak: the editor owns the panel */
  GPtrArray *comments;             /* CaucusComment*, as listed */
  GArray *matches;                 /* CaucusAnchorMatch per comment */
  GArray *spans;                   /* gsize start, end (bytes) per comment */
};

G_DEFINE_FINAL_TYPE (CaucusCommentsPanel, caucus_comments_panel, ADW_TYPE_BIN)

static GtkTextTag *
comment_tag (CaucusCommentsPanel *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (caucus_statement_editor_get_buffer (self->editor));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "caucus-comment");

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "caucus-comment",
                                      "background-rgba", &(GdkRGBA) { 0.96, 0.83, 0.18, 0.28 },
                                      NULL);
  return tag;
}

static void
select_passage (CaucusCommentsPanel *self,
                guint                i)
{
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  gsize start = g_array_index (self->spans, gsize, 2 * i), end = g_array_index (self->spans, gsize, 2 * i + 1);
  GtkTextIter a, b;

  if (self->editor == NULL || g_array_index (self->matches, CaucusAnchorMatch, i) == CAUCUS_ANCHOR_ORPHANED)
    return;
  buffer = GTK_TEXT_BUFFER (caucus_statement_editor_get_buffer (self->editor));
  text = caucus_statement_editor_dup_text (self->editor);
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) g_utf8_pointer_to_offset (text, text + start));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) g_utf8_pointer_to_offset (text, text + end));
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (caucus_statement_editor_get_view (self->editor)), &a, 0.2, FALSE, 0, 0);
}

static void
row_activated_cb (CaucusCommentsPanel *self,
                  GtkListBoxRow       *row)
{
  select_passage (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index")));
}

static void
resolve_clicked_cb (GtkButton           *button,
                    CaucusCommentsPanel *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  CaucusModelIndex *index = self->editor != NULL ? caucus_statement_editor_get_index (self->editor) : NULL;
  g_autoptr(GError) error = NULL;

  if (index == NULL || i >= self->comments->len)
    return;
  if (!caucus_comment_resolve (caucus_model_index_get_store (index), self->comments->pdata[i],
                               caucus_statement_editor_get_who (self->editor), &error))
    {
      caucus_statement_editor_show_message (self->editor, error->message);
      return;
    }
  caucus_comments_panel_reload (self);
}

static GtkWidget *
make_row (CaucusCommentsPanel *self,
          CaucusComment       *comment,
          guint                i,
          CaucusAnchorMatch    match)
{
  CaucusDocument *doc = CAUCUS_DOCUMENT (comment);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *quote, *body, *meta, *bottom;
  const char *text = NULL;
  guint paragraph, offset;
  gboolean resolved = caucus_document_get_boolean (doc, "resolved");
  g_autofree char *quoted = NULL;
  g_autofree char *meta_text = NULL;
  g_autoptr(GDateTime) created = caucus_document_get_datetime (doc, "created");
  g_autofree char *when = created != NULL ? g_date_time_format (created, "%e %b %Y") : g_strdup ("");
  CaucusModelIndex *index = caucus_statement_editor_get_index (self->editor);
  g_autofree char *author = caucus_statement_dup_person_label (index != NULL ? caucus_model_index_get_store (index) : NULL,
                                                               caucus_document_get_string (doc, "author"));

  caucus_anchor_parse (caucus_document_peek_member (doc, "anchor"), &text, &paragraph, &offset);
  quoted = g_strdup_printf ("“%s”", text != NULL ? text : "");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  if (match == CAUCUS_ANCHOR_ORPHANED)
    {
      GtkWidget *badge = gtk_label_new (_("Orphaned: its passage was edited away"));
      gtk_label_set_xalign (GTK_LABEL (badge), 0);
      gtk_label_set_wrap (GTK_LABEL (badge), TRUE);
      gtk_widget_add_css_class (badge, "warning");
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_box_append (GTK_BOX (box), badge);
    }
  else if (match == CAUCUS_ANCHOR_FUZZY)
    {
      GtkWidget *badge = gtk_label_new (_("Passage changed since"));
      gtk_label_set_xalign (GTK_LABEL (badge), 0);
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_add_css_class (badge, "dim-label");
      gtk_box_append (GTK_BOX (box), badge);
    }
  quote = gtk_label_new (quoted);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_lines (GTK_LABEL (quote), 3);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (quote, "dim-label");
  gtk_box_append (GTK_BOX (box), quote);

  body = gtk_label_new (caucus_document_get_string (doc, "body"));
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), body);

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  meta_text = g_strdup_printf ("%s · %s", author != NULL ? author : _("Unknown author"), g_strstrip (when));
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (bottom), meta);
  if (resolved)
    {
      GtkWidget *done = gtk_label_new (_("Resolved"));
      gtk_widget_add_css_class (done, "success");
      gtk_widget_add_css_class (done, "caption");
      gtk_box_append (GTK_BOX (bottom), done);
    }
  else
    {
      GtkWidget *resolve = gtk_button_new_with_mnemonic (_("_Resolve"));
      gtk_widget_add_css_class (resolve, "flat");
      g_object_set_data (G_OBJECT (resolve), "index", GUINT_TO_POINTER (i));
      g_signal_connect (resolve, "clicked", G_CALLBACK (resolve_clicked_cb), self);
      gtk_box_append (GTK_BOX (bottom), resolve);
    }
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), match != CAUCUS_ANCHOR_ORPHANED);
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
  return row;
}

static gint
compare_created (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (caucus_document_get_created (*(CaucusDocument **) a),
                    caucus_document_get_created (*(CaucusDocument **) b));
}

void
caucus_comments_panel_reload (CaucusCommentsPanel *self)
{
  CaucusStatement *statement;
  CaucusModelIndex *index;
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkTextIter start, end;
  gboolean show_resolved;

  g_return_if_fail (CAUCUS_IS_COMMENTS_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->comments, 0);
  g_array_set_size (self->matches, 0);
  g_array_set_size (self->spans, 0);
  if (self->editor == NULL)
    return;
  buffer = GTK_TEXT_BUFFER (caucus_statement_editor_get_buffer (self->editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, comment_tag (self), &start, &end);

  statement = caucus_statement_editor_get_statement (self->editor);
  index = caucus_statement_editor_get_index (self->editor);
  if (statement == NULL || index == NULL)
    return;
  all = caucus_statement_list_related (index, "comment", caucus_document_get_id (CAUCUS_DOCUMENT (statement)), &error);
  if (all == NULL)
    {
      caucus_statement_editor_show_message (self->editor, error->message);
      return;
    }
  g_ptr_array_sort (all, compare_created);
  text = caucus_statement_editor_dup_text (self->editor);
  show_resolved = gtk_check_button_get_active (self->resolved_check);
  for (guint i = 0; i < all->len; i++)
    {
      CaucusDocument *doc = all->pdata[i];
      gsize a = 0, b = 0;
      CaucusAnchorMatch match;

      if (!show_resolved && caucus_document_get_boolean (doc, "resolved"))
        continue;
      match = caucus_anchor_locate (caucus_document_peek_member (doc, "anchor"), text, &a, &b);
      g_ptr_array_add (self->comments, g_object_ref (doc));
      g_array_append_val (self->matches, match);
      g_array_append_val (self->spans, a);
      g_array_append_val (self->spans, b);
      gtk_list_box_append (self->list, make_row (self, CAUCUS_COMMENT (doc), self->comments->len - 1, match));
      if (match != CAUCUS_ANCHOR_ORPHANED && !caucus_document_get_boolean (doc, "resolved"))
        {
          GtkTextIter x, y;
          gtk_text_buffer_get_iter_at_offset (buffer, &x, (int) g_utf8_pointer_to_offset (text, text + a));
          gtk_text_buffer_get_iter_at_offset (buffer, &y, (int) g_utf8_pointer_to_offset (text, text + b));
          gtk_text_buffer_apply_tag (buffer, comment_tag (self), &x, &y);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->comments->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->comments->len > 0);
}

CaucusComment *
caucus_comments_panel_add (CaucusCommentsPanel *self,
                           const char          *body,
                           GError             **error)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *selected = NULL;
  CaucusStatement *statement;
  CaucusModelIndex *index;
  CaucusComment *comment;

  g_return_val_if_fail (CAUCUS_IS_COMMENTS_PANEL (self), NULL);

  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  index = self->editor != NULL ? caucus_statement_editor_get_index (self->editor) : NULL;
  if (statement == NULL || index == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a statement first"));
      return NULL;
    }
  buffer = GTK_TEXT_BUFFER (caucus_statement_editor_get_buffer (self->editor));
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Select the passage the comment is about"));
      return NULL;
    }
  if (!caucus_statement_editor_save (self->editor, error))
    return NULL;
  text = caucus_statement_editor_dup_text (self->editor);
  {
    GtkTextIter zero;
    gtk_text_buffer_get_start_iter (buffer, &zero);
    before = gtk_text_buffer_get_text (buffer, &zero, &start, FALSE);
    selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  }
  comment = caucus_comment_add (caucus_model_index_get_store (index), statement, text,
                                strlen (before), strlen (before) + strlen (selected), body,
                                caucus_statement_editor_get_who (self->editor), error);
  if (comment != NULL)
    caucus_comments_panel_reload (self);
  return comment;
}

static void
add_clicked_cb (CaucusCommentsPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusComment) comment = NULL;

  comment = caucus_comments_panel_add (self, gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)), &error);
  if (comment == NULL)
    {
      if (self->editor != NULL)
        caucus_statement_editor_show_message (self->editor, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
}

static void
entry_changed_cb (CaucusCommentsPanel *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            *gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)) != '\0');
}

guint
caucus_comments_panel_get_n_comments (CaucusCommentsPanel *self)
{
  g_return_val_if_fail (CAUCUS_IS_COMMENTS_PANEL (self), 0);
  return self->comments->len;
}

CaucusAnchorMatch
caucus_comments_panel_get_match (CaucusCommentsPanel *self,
                                 guint                i,
                                 char               **passage)
{
  CaucusAnchorMatch match;

  g_return_val_if_fail (CAUCUS_IS_COMMENTS_PANEL (self), CAUCUS_ANCHOR_ORPHANED);
  g_return_val_if_fail (i < self->comments->len, CAUCUS_ANCHOR_ORPHANED);

  match = g_array_index (self->matches, CaucusAnchorMatch, i);
  if (passage != NULL && self->editor == NULL)
    *passage = NULL;
  else if (passage != NULL)
    {
      g_autofree char *text = caucus_statement_editor_dup_text (self->editor);
      gsize a = g_array_index (self->spans, gsize, 2 * i), b = g_array_index (self->spans, gsize, 2 * i + 1);

      *passage = match == CAUCUS_ANCHOR_ORPHANED || b > strlen (text) ? NULL : g_strndup (text + a, b - a);
    }
  return match;
}

void
caucus_comments_panel_set_editor (CaucusCommentsPanel   *self,
                                  CaucusStatementEditor *editor)
{
  g_return_if_fail (CAUCUS_IS_COMMENTS_PANEL (self));
  g_return_if_fail (editor == NULL || CAUCUS_IS_STATEMENT_EDITOR (editor));

  /* Weak: the editor owns the panel, and may go first while a row or a button still
   * has an event on its way to the panel. */
  g_set_weak_pointer (&self->editor, editor);
}

static void
caucus_comments_panel_dispose (GObject *object)
{
  caucus_comments_panel_set_editor (CAUCUS_COMMENTS_PANEL (object), NULL);
  G_OBJECT_CLASS (caucus_comments_panel_parent_class)->dispose (object);
}

static void
caucus_comments_panel_finalize (GObject *object)
{
  CaucusCommentsPanel *self = CAUCUS_COMMENTS_PANEL (object);

  g_ptr_array_unref (self->comments);
  g_array_unref (self->matches);
  g_array_unref (self->spans);
  G_OBJECT_CLASS (caucus_comments_panel_parent_class)->finalize (object);
}

static void
caucus_comments_panel_class_init (CaucusCommentsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_comments_panel_dispose;
  object_class->finalize = caucus_comments_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-comments-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusCommentsPanel, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusCommentsPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCommentsPanel, resolved_check);
  gtk_widget_class_bind_template_child (widget_class, CaucusCommentsPanel, list);
  gtk_widget_class_bind_template_child (widget_class, CaucusCommentsPanel, empty_label);
}

static void
caucus_comments_panel_init (CaucusCommentsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->comments = g_ptr_array_new_with_free_func (g_object_unref);
  self->matches = g_array_new (FALSE, FALSE, sizeof (CaucusAnchorMatch));
  self->spans = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (self->comment_entry, "activate", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect_swapped (self->comment_entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect_swapped (self->resolved_check, "toggled", G_CALLBACK (caucus_comments_panel_reload), self);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
}
