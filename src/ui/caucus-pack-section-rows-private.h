/* caucus-pack-section-rows-private.h — shared by the section rows and their header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-pack-section-rows.h"

G_BEGIN_DECLS

typedef struct
{
  const CaucusPackSectionContext *context;
  JsonObject *section;
  guint index;
  GtkSwitch *enabled;

  /* agenda */
  AdwComboRow *sessions_mode;
  gboolean updating_checks;
  GPtrArray *session_checks;     /* GtkCheckButton, with "session-id" data */

  /* statements */
  GPtrArray *statement_rows;     /* AdwComboRow, with "statement-id" and "version-ids" data */
  GtkSwitch *annex;
} SectionRow;

/* The editor's "changed" callback for the row's section. */
void        _caucus_pack_section_notify_changed (SectionRow *rd);
/* @section's boolean @member, or @fallback when absent or not a boolean. */
gboolean    _caucus_pack_section_bool           (JsonObject *section,
                                                 const char *member,
                                                 gboolean    fallback);
/* A GtkSwitch, centred, whose accessible name is @label. */
GtkWidget  *_caucus_pack_section_new_switch     (gboolean    active,
                                                 const char *label);
/* The drag handle, the "included" switch and the Move/Remove menu of @row. */
void        _caucus_pack_section_add_header     (GtkWidget  *row,
                                                 SectionRow *rd,
                                                 guint       n_sections);

G_END_DECLS
