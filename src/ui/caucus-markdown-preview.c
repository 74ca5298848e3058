/* caucus-markdown-preview.c — Markdown set in a GtkTextBuffer with tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmark parses (the project's Markdown library); the walk over its tree inserts the
 * text and applies one tag per open block or inline: headings, emphasis, strong, code,
 * quotes, links and list items with their numbers or bullets.
 */
#include "caucus-markdown-preview.h"

#include <cmark.h>
#include <string.h>

void
caucus_markdown_preview_add_tags (GtkTextBuffer *preview)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (preview));

  gtk_text_buffer_create_tag (preview, "h1", "scale", 1.6, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (preview, "h2", "scale", 1.25, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (preview, "em", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (preview, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (preview, "code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (preview, "quote", "left-margin", 48, "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (preview, "link", "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (preview, "item", "left-margin", 48, "indent", -24,
                              "pixels-below-lines", 4, NULL);
}

void
caucus_markdown_preview_render (GtkTextBuffer *out,
                                const char    *text)
{
  cmark_node *root = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (root);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  cmark_event_type ev;
  GtkTextIter end;

  gtk_text_buffer_set_text (out, "", 0);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      const char *tag = NULL;
      const char *literal = NULL;

      gtk_text_buffer_get_end_iter (out, &end);
      switch (type)
        {
        case CMARK_NODE_HEADING:
          tag = cmark_node_get_heading_level (node) <= 1 ? "h1" : "h2";
          break;
        case CMARK_NODE_EMPH:
          tag = "em";
          break;
        case CMARK_NODE_STRONG:
          tag = "strong";
          break;
        case CMARK_NODE_CODE:
        case CMARK_NODE_CODE_BLOCK:
          tag = "code";
          break;
        case CMARK_NODE_BLOCK_QUOTE:
          tag = "quote";
          break;
        case CMARK_NODE_LINK:
          tag = "link";
          break;
        case CMARK_NODE_ITEM:
          tag = "item";
          break;
        default:
          break;
        }
      if (tag != NULL)
        {
          if (ev == CMARK_EVENT_ENTER)
            g_ptr_array_add (tags, (gpointer) tag);
          else if (tags->len > 0)
            g_ptr_array_remove_index (tags, tags->len - 1);
        }

      if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_ITEM)
        {
          cmark_node *list = cmark_node_parent (node);
          g_autofree char *marker = NULL;

          if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
            {
              int n = cmark_node_get_list_start (list);
              for (cmark_node *s = cmark_node_previous (node); s != NULL; s = cmark_node_previous (s))
                n++;
              marker = g_strdup_printf ("%d.\t", n);
            }
          else
            marker = g_strdup ("•\t");
          literal = marker;
          gtk_text_buffer_insert_with_tags_by_name (out, &end, literal, -1, "item", NULL);
          continue;
        }
      if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ||
                                      type == CMARK_NODE_CODE_BLOCK))
        literal = cmark_node_get_literal (node);
      else if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_SOFTBREAK)
        literal = " ";
      else if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_LINEBREAK)
        literal = "\n";
      else if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_THEMATIC_BREAK)
        literal = "⁂\n\n";
      else if (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING))
        literal = cmark_node_parent (node) != NULL &&
                  cmark_node_get_type (cmark_node_parent (node)) == CMARK_NODE_ITEM ? "\n" : "\n\n";
      else if (ev == CMARK_EVENT_EXIT && type == CMARK_NODE_LIST)
        literal = "\n";

      if (literal != NULL)
        {
          GtkTextMark *mark = gtk_text_buffer_create_mark (out, NULL, &end, TRUE);
          GtkTextIter start;

          gtk_text_buffer_insert (out, &end, literal, -1);
          gtk_text_buffer_get_iter_at_mark (out, &start, mark);
          gtk_text_buffer_get_end_iter (out, &end);
          for (guint i = 0; i < tags->len; i++)
            gtk_text_buffer_apply_tag_by_name (out, tags->pdata[i], &start, &end);
          gtk_text_buffer_delete_mark (out, mark);
        }
    }
  cmark_iter_free (iter);
  cmark_node_free (root);
}

