/* caucus-digest-view.h — "What changed since I last synced"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a digest (caucus-digest.h) grouped by kind — new and moved sessions, edited
 * drafts, signatures, new people and organisations, deadlines — each entry leading to what
 * it is about: the event's page in the calendar, the statement in the editor, the person or
 * organisation in the directory; an edited draft also shows its redline.
 */
#pragma once

#include <adwaita.h>

#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIGEST_VIEW (caucus_digest_view_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDigestView, caucus_digest_view, CAUCUS, DIGEST_VIEW, AdwWindow)

/* @entries: CaucusDigestEntry* (may be NULL or empty: "nothing new").  @store (may be
 * NULL) lets an edited draft show its redline from the text this device had. */
CaucusDigestView *caucus_digest_view_new         (GtkWindow        *parent,
                                                  CaucusStore      *store,
                                                  GPtrArray        *entries);
/* Shows the redline of entry @index (an edited draft); FALSE when it has none. */
gboolean          caucus_digest_view_show_redline (CaucusDigestView *self,
                                                   guint             index);
/* The redline's summary while one is shown, else NULL. */
const char       *caucus_digest_view_get_redline_summary (CaucusDigestView *self);
/* The number of groups shown (kinds with entries). */
guint             caucus_digest_view_get_n_groups (CaucusDigestView *self);

/* The page that shows a document of @doc_type ("directory", "calendar", "statements"),
 * or NULL. */
const char       *caucus_page_for_doc_type        (const char       *doc_type);

G_END_DECLS
