/* caucus-markdown-preview.h — Markdown set in a GtkTextBuffer with tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Creates the tags the preview uses (once per buffer). */
void caucus_markdown_preview_add_tags (GtkTextBuffer *preview);
/* Replaces @preview's text with @markdown rendered. */
void caucus_markdown_preview_render   (GtkTextBuffer *preview,
                                       const char    *markdown);

G_END_DECLS
