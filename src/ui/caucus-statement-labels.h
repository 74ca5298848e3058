/* caucus-statement-labels.h — how statuses and versions are named on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-document.h"
#include "caucus-store.h"

G_BEGIN_DECLS

/* "Draft", "Consultation", … translated; other values as they are. */
const char *caucus_statement_status_label     (const char     *status);
/* The name a version is shown with: its own for named versions, a translated one for
 * automatic versions (by role). */
char       *caucus_statement_version_dup_label (CaucusDocument *version);

/* @who as a person reads it: the name of a person or organisation of the directory
 * when @who is its id, else @who itself. */
char       *caucus_statement_dup_person_label  (CaucusStore    *store,
                                                const char     *who);

G_END_DECLS
