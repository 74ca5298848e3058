/* caucus-redline-view.c — a redline between two texts, readable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runs come from the model's redline (caucus-redline.h), the same the briefing
 * packs print.  Colour is never the only sign: insertions are underlined, deletions
 * struck through, and the Markdown marks are one click away for screen readers. */
#include "caucus-redline-view.h"

#include <glib/gi18n.h>

#include "caucus-redline.h"

struct _CaucusRedlineView
{
  AdwBin parent_instance;

  GtkLabel *summary_label;
  GtkButton *copy_button;
  GtkTextView *text_view;

  char *markdown;
  char *summary;
};

G_DEFINE_FINAL_TYPE (CaucusRedlineView, caucus_redline_view, ADW_TYPE_BIN)

static void
copy_clicked_cb (CaucusRedlineView *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          self->markdown != NULL ? self->markdown : "");
}

void
caucus_redline_view_set_texts (CaucusRedlineView *self,
                               const char        *old_text,
                               const char        *new_text)
{
  g_autoptr(GPtrArray) runs = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  guint ins = 0, del = 0;

  g_return_if_fail (CAUCUS_IS_REDLINE_VIEW (self));

  runs = caucus_redline_compute (old_text, new_text, CAUCUS_REDLINE_FLAGS_NONE);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; i < runs->len; i++)
    {
      CaucusRedlineRun *run = g_ptr_array_index (runs, i);
      const char *tag = run->op == CAUCUS_REDLINE_INSERT ? "insert"
                        : run->op == CAUCUS_REDLINE_DELETE ? "delete" : NULL;

      if (tag != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, run->text, -1, tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, run->text, -1);
    }

  caucus_redline_count_words (runs, &ins, &del);
  g_free (self->summary);
  if (!caucus_redline_has_changes (runs))
    self->summary = g_strdup (_("No changes"));
  else
    {
      /* Translators: "12 words added, 3 removed" */
      g_autofree char *added = g_strdup_printf (g_dngettext (NULL, "%u word added", "%u words added", ins), ins);
      g_autofree char *removed = g_strdup_printf (g_dngettext (NULL, "%u removed", "%u removed", del), del);
      self->summary = g_strdup_printf ("%s, %s", added, removed);
    }
  gtk_label_set_label (self->summary_label, self->summary);
  g_free (self->markdown);
  self->markdown = caucus_redline_to_markdown (runs);
}

const char *
caucus_redline_view_get_markdown (CaucusRedlineView *self)
{
  g_return_val_if_fail (CAUCUS_IS_REDLINE_VIEW (self), NULL);
  return self->markdown;
}

const char *
caucus_redline_view_get_summary (CaucusRedlineView *self)
{
  g_return_val_if_fail (CAUCUS_IS_REDLINE_VIEW (self), NULL);
  return self->summary;
}

static void
caucus_redline_view_finalize (GObject *object)
{
  CaucusRedlineView *self = CAUCUS_REDLINE_VIEW (object);

  g_free (self->markdown);
  g_free (self->summary);
  G_OBJECT_CLASS (caucus_redline_view_parent_class)->finalize (object);
}

static void
caucus_redline_view_class_init (CaucusRedlineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = caucus_redline_view_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-redline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusRedlineView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusRedlineView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusRedlineView, text_view);
}

static void
caucus_redline_view_init (CaucusRedlineView *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_create_tag (buffer, "insert",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              "foreground", "#26a269",
                              "underline-rgba", &(GdkRGBA) { 0.15, 0.64, 0.41, 1 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "delete",
                              "strikethrough", TRUE,
                              "foreground", "#c01c28",
                              NULL);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (copy_clicked_cb), self);
}

GtkWidget *
caucus_redline_view_new (void)
{
  return g_object_new (CAUCUS_TYPE_REDLINE_VIEW, NULL);
}
