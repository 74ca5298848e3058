/* caucus-search-everywhere.h — one search across the whole workspace (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches organisations, people, events and statements at once through the store's
 * full-text index, as you type; results are grouped by type (best first within a group),
 * and the keyboard goes from the entry to the results (Down, Enter) and back (Escape
 * closes).  Activating a result shows its page narrowed to it.  A person's result opens to
 * their sessions and the statements their organisation signed.
 */
#pragma once

#include <adwaita.h>

#include "caucus-model-index.h"
#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_SEARCH_EVERYWHERE (caucus_search_everywhere_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSearchEverywhere, caucus_search_everywhere, CAUCUS, SEARCH_EVERYWHERE, AdwWindow)

/* @index (may be NULL) lets a person's result list their sessions and the statements their
 * organisation signed. */
CaucusSearchEverywhere *caucus_search_everywhere_new        (GtkWindow              *parent,
                                                             CaucusStore            *store,
                                                             CaucusModelIndex       *index);
/* Runs a search at once (as typing does after its short delay). */
void                    caucus_search_everywhere_search     (CaucusSearchEverywhere *self,
                                                             const char             *query);
guint                   caucus_search_everywhere_get_n_results (CaucusSearchEverywhere *self);
/* The type of result @index in display order (grouped), e.g. "org". */
const char             *caucus_search_everywhere_get_result_type (CaucusSearchEverywhere *self,
                                                                  guint                   index);

/* How many linked rows (sessions, signed statements) result @index opens to. */
guint                   caucus_search_everywhere_get_n_linked (CaucusSearchEverywhere *self,
                                                               guint                   index);

G_END_DECLS
