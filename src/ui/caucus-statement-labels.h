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

typedef enum {
  CAUCUS_DEADLINE_NONE,     /* no sign-on deadline */
  CAUCUS_DEADLINE_OPEN,
  CAUCUS_DEADLINE_SOON,     /* closes within two days */
  CAUCUS_DEADLINE_CLOSED,
} CaucusDeadlineState;

/* The sign-on deadline as a countdown: "Sign-on closes in 3 days" (@long_form adds the
 * hours and the local date: "… in 3 days 4 h (10 Dec 2021, 17:00)"), "Sign-on closed";
 * without a deadline NULL, or "No sign-on deadline" in the long form. */
char       *caucus_statement_dup_deadline_label (CaucusDocument      *statement,
                                                 gboolean             long_form,
                                                 CaucusDeadlineState *state);

G_END_DECLS
