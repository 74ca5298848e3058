/* caucus-directory-labels.h — what the directory calls the model's values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Translated names of the stored values ("civil-society" → "Civil society");
 * unknown values come back as they are, NULL or "" as "Not recorded". */
const char *caucus_kind_label           (const char *kind);
const char *caucus_regional_group_label (const char *regional_group);
/* Shorter forms for the balance table's headers. */
const char *caucus_kind_short_label     (const char *kind);

/* "a, b, c" from a set member and back (trimmed, empty parts dropped). */
char       *caucus_strv_join_display    (const char * const *values);
GStrv       caucus_strv_split_display   (const char         *text);

G_END_DECLS
