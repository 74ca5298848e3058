/* caucus-find-bar.c — find and replace in a GtkSourceView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkSourceSearchContext does the searching (with highlighting and a count of the
 * matches); this bar moves between matches, replaces one or all, and says how many
 * there are.
 */
#include "caucus-find-bar.h"

#include <glib/gi18n.h>

struct _CaucusFindBar
{
  AdwBin parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkButton *previous_button;
  GtkButton *next_button;
  GtkEntry *replace_entry;
  GtkButton *replace_button;
  GtkButton *replace_all_button;
  GtkLabel *matches_label;

  GtkSourceView *view;
  GtkSourceSearchContext *search;
};

G_DEFINE_FINAL_TYPE (CaucusFindBar, caucus_find_bar, ADW_TYPE_BIN)

static void
update_matches (CaucusFindBar *self)
{
  int n = gtk_source_search_context_get_occurrences_count (self->search);
  g_autofree char *text = NULL;

  if (n < 0 || *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No matches"));
  else
    text = g_strdup_printf (g_dngettext (NULL, "%d match", "%d matches", n), n);
  gtk_label_set_label (self->matches_label, text);
}

static void
search_changed_cb (CaucusFindBar *self)
{
  GtkSourceSearchSettings *settings = gtk_source_search_context_get_settings (self->search);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_source_search_settings_set_search_text (settings, *text != '\0' ? text : NULL);
}

static void
move_to_match (CaucusFindBar *self,
               gboolean               forward)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkTextIter start, end, match_start, match_end;
  gboolean wrapped, found;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  if (forward)
    found = gtk_source_search_context_forward (self->search, &end, &match_start, &match_end, &wrapped);
  else
    found = gtk_source_search_context_backward (self->search, &start, &match_start, &match_end, &wrapped);
  if (!found)
    return;
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &match_start, 0.1, FALSE, 0, 0);
}

static void
next_match_cb (CaucusFindBar *self)
{
  move_to_match (self, TRUE);
}

static void
previous_match_cb (CaucusFindBar *self)
{
  move_to_match (self, FALSE);
}

static void
replace_cb (CaucusFindBar *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view));
  GtkTextIter start, end;
  const char *with = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  /* Replaces the selected match, if the selection is one; then goes to the next. */
  if (gtk_source_search_context_get_occurrence_position (self->search, &start, &end) > 0)
    gtk_source_search_context_replace (self->search, &start, &end, with, -1, NULL);
  move_to_match (self, TRUE);
}

static void
replace_all_cb (CaucusFindBar *self)
{
  const char *with = gtk_editable_get_text (GTK_EDITABLE (self->replace_entry));
  guint n = gtk_source_search_context_replace_all (self->search, with, -1, NULL);
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u replaced", "%u replaced", n), n);

  gtk_label_set_label (self->matches_label, text);
}

void
caucus_find_bar_set_view (CaucusFindBar *self,
                          GtkSourceView *view)
{
  g_autoptr(GtkSourceSearchSettings) settings = gtk_source_search_settings_new ();

  g_return_if_fail (CAUCUS_IS_FIND_BAR (self));
  g_return_if_fail (GTK_SOURCE_IS_VIEW (view));
  g_return_if_fail (self->view == NULL);

  self->view = view;
  gtk_source_search_settings_set_wrap_around (settings, TRUE);
  self->search = gtk_source_search_context_new (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view))),
                                                settings);
  g_signal_connect_swapped (self->search, "notify::occurrences-count", G_CALLBACK (update_matches), self);
}

GtkSearchBar *
caucus_find_bar_get_search_bar (CaucusFindBar *self)
{
  g_return_val_if_fail (CAUCUS_IS_FIND_BAR (self), NULL);
  return self->search_bar;
}

static void
caucus_find_bar_dispose (GObject *object)
{
  CaucusFindBar *self = CAUCUS_FIND_BAR (object);

  g_clear_object (&self->search);
  self->view = NULL;
  G_OBJECT_CLASS (caucus_find_bar_parent_class)->dispose (object);
}

static void
caucus_find_bar_class_init (CaucusFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_find_bar_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, next_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, replace_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, replace_all_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusFindBar, matches_label);
}

static void
caucus_find_bar_init (CaucusFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (self->replace_button, "clicked", G_CALLBACK (replace_cb), self);
  g_signal_connect_swapped (self->replace_entry, "activate", G_CALLBACK (replace_cb), self);
  g_signal_connect_swapped (self->replace_all_button, "clicked", G_CALLBACK (replace_all_cb), self);
}
