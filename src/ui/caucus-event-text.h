/* caucus-event-text.h — the agenda row's text widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text the agenda row shows: what a GtkLabel would, for a label that is measured once.
 * GtkLabel lays its text out again for every width it is measured at (smallest,
 * natural, then each width asked), and a list re-measures rows at several widths: the
 * ~30 rows a filter change creates spent most of its time shaping the same strings
 * (callgrind: ~27,000 pango_layout_get_size per round of the benchmark, 60 % of it).
 * This widget shapes its text once unwrapped (natural size) and once at the width it
 * gets, and remembers both.  One line per paragraph, ellipsized; or, with @lines > 1,
 * wrapped to at most that many lines.  Font and colour come from CSS as for a label. */
#define CAUCUS_TYPE_EVENT_TEXT (caucus_event_text_get_type ())
G_DECLARE_FINAL_TYPE (CaucusEventText, caucus_event_text, CAUCUS, EVENT_TEXT, GtkWidget)

/* A hidden text widget with @css_class (may be NULL) showing at most @lines lines. */
GtkWidget *caucus_event_text_new (const char    *css_class,
                                  int            lines);
/* Shows @text with @attrs (taken), or hides the widget when there is no text. */
void       caucus_event_text_set (GtkWidget     *widget,
                                  const char    *text,
                                  PangoAttrList *attrs);

G_END_DECLS
