/* caucus-digest-view.h — "What changed since I last synced"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a digest (caucus-digest.h) grouped by kind — new and moved sessions, edited
 * drafts, signatures, new people and organisations, deadlines — each entry leading to the
 * page that shows it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIGEST_VIEW (caucus_digest_view_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDigestView, caucus_digest_view, CAUCUS, DIGEST_VIEW, AdwWindow)

/* @entries: CaucusDigestEntry* (may be NULL or empty: "nothing new"). */
CaucusDigestView *caucus_digest_view_new         (GtkWindow        *parent,
                                                  GPtrArray        *entries);
/* The number of groups shown (kinds with entries). */
guint             caucus_digest_view_get_n_groups (CaucusDigestView *self);

/* The page that shows a document of @doc_type ("directory", "calendar", "statements"),
 * or NULL. */
const char       *caucus_page_for_doc_type        (const char       *doc_type);

G_END_DECLS
