/* caucus-pack-editor.h — composing a briefing pack: title, introduction, sections, preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document.h"
#include "caucus-model-index.h"
#include "caucus-pack-layout.h"
#include "caucus-pack-preview.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_PACK_EDITOR (caucus_pack_editor_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPackEditor, caucus_pack_editor, CAUCUS, PACK_EDITOR, GtkWidget)

GtkWidget         *caucus_pack_editor_new              (void);
/* Loads pack @pack_id from @index's store into the editor. */
gboolean           caucus_pack_editor_load             (CaucusPackEditor  *self,
                                                        CaucusModelIndex  *index,
                                                        const char        *pack_id,
                                                        GError           **error);
CaucusDocument    *caucus_pack_editor_get_document     (CaucusPackEditor  *self);
gboolean           caucus_pack_editor_get_modified     (CaucusPackEditor  *self);
/* Validates and writes the pack (nothing is written when it is invalid). */
gboolean           caucus_pack_editor_save             (CaucusPackEditor  *self,
                                                        GError           **error);
/* Paper and the reader's zone for the preview, export and printing (NULL: venue only). */
void               caucus_pack_editor_set_options      (CaucusPackEditor  *self,
                                                        CaucusPackPaper    paper,
                                                        const char        *home_zone);
CaucusPackPreview *caucus_pack_editor_get_preview      (CaucusPackEditor  *self);
guint              caucus_pack_editor_get_n_sections   (CaucusPackEditor  *self);
/* The list row of section @index (an AdwActionRow or AdwExpanderRow). */
GtkWidget         *caucus_pack_editor_get_section_row  (CaucusPackEditor  *self,
                                                        guint              index);
/* Attaches the PDF @file to the pack as a background paper (asynchronously; saves the
 * pack first when it has changes).  "document" is notified when it is attached. */
void               caucus_pack_editor_add_paper        (CaucusPackEditor  *self,
                                                        GFile             *file);
/* Writes the pack as a PDF on a worker thread, with progress and Cancel in the editor and
 * a toast at the end; "exporting" is TRUE meanwhile. */
void               caucus_pack_editor_export           (CaucusPackEditor  *self,
                                                        GFile             *file);
gboolean           caucus_pack_editor_get_exporting    (CaucusPackEditor  *self);
/* Why the last export failed (NULL after a success). */
const GError      *caucus_pack_editor_get_export_error (CaucusPackEditor  *self);

G_END_DECLS
