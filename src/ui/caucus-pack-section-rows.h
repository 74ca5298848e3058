/* caucus-pack-section-rows.h — the rows of the pack editor's section list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "caucus-model-index.h"

G_BEGIN_DECLS

/* What a row needs from the editor that owns it. */
typedef struct
{
  gpointer          editor;
  CaucusModelIndex *index;
  const char       *event_id;
  /* the pack's PDF attachments (names), for the background papers section */
  GPtrArray        *papers;
  /* a section's JSON was changed in place */
  void            (*changed)      (gpointer    editor);
  /* move section @from to position @to */
  void            (*move)         (gpointer    editor,
                                   guint       from,
                                   guint       to);
  void            (*add_paper)    (gpointer    editor);
  void            (*remove_paper) (gpointer    editor,
                                   const char *name);
  void            (*remove)       (gpointer    editor,
                                   guint       index);
} CaucusPackSectionContext;

/* The default title of a section kind ("agenda" → "Programme"), translated. */
const char *caucus_pack_section_kind_title (const char *kind);

/* A row for section @index of @n_sections, editing @section (an object, kept alive by the
 * row) in place: an AdwExpanderRow with the section's options, or an AdwActionRow for
 * kinds without options; both carry a drag handle, an “included” GtkSwitch and a menu
 * with Move Up, Move Down (and Remove for free text). */
GtkWidget  *caucus_pack_section_row_new    (const CaucusPackSectionContext *context,
                                            JsonObject                     *section,
                                            guint                           index,
                                            guint                           n_sections);
/* The row's “included” switch. */
GtkSwitch  *caucus_pack_section_row_get_switch (GtkWidget *row);

G_END_DECLS
