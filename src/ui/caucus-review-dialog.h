/* caucus-review-dialog.h — the review queue: conflicts that could not merge on their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists every document whose revisions conflict beyond the merge rules, of any type.  For
 * one document it shows each conflicting field side by side (the revision kept for now
 * and the other one, with who changed it and when); the person chooses a side per field,
 * or for texts edits the merged result passage by passage.  "Resolve" calls
 * caucus_resolve_document_with_choices(): one revision and tombstones on the losing
 * leaves, so every replica converges.  Nothing is written before that decision.
 */
#pragma once

#include <adwaita.h>

#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_REVIEW_DIALOG (caucus_review_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CaucusReviewDialog, caucus_review_dialog, CAUCUS, REVIEW_DIALOG, AdwWindow)

CaucusReviewDialog *caucus_review_dialog_new            (GtkWindow          *parent,
                                                         CaucusStore        *store);
/* How many documents wait (as listed now). */
guint               caucus_review_dialog_get_n_waiting  (CaucusReviewDialog *self);
/* Opens document @id for a decision; FALSE when it has no conflict that needs one. */
gboolean            caucus_review_dialog_open_document  (CaucusReviewDialog *self,
                                                         const char         *id);
/* The number of conflicting fields of the open document. */
guint               caucus_review_dialog_get_n_fields   (CaucusReviewDialog *self);
/* Chooses for field @path: 0 the kept revision, 1 the other one. */
gboolean            caucus_review_dialog_choose         (CaucusReviewDialog *self,
                                                         const char         *path,
                                                         guint               side);
/* Writes the decision (as the Resolve button does). */
gboolean            caucus_review_dialog_resolve        (CaucusReviewDialog *self,
                                                         GError            **error);

G_END_DECLS
