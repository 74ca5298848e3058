/* caucus-following.h — the sessions and deadlines a delegate follows on this device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "caucus-store.h"

G_BEGIN_DECLS

/* The local (never replicated) document holding the selection: {"event_ids": [...]}.
 * caucusctl export ical --following reads the same document. */
#define CAUCUS_FOLLOWING_LOCAL_ID "_local/following"

#define CAUCUS_TYPE_FOLLOWING (caucus_following_get_type ())
G_DECLARE_FINAL_TYPE (CaucusFollowing, caucus_following, CAUCUS, FOLLOWING, GObject)

/* The selection of @store (one object per store, created on first use). */
CaucusFollowing *caucus_following_get_for_store (CaucusStore     *store);
CaucusFollowing *caucus_following_new           (CaucusStore     *store);

gboolean         caucus_following_contains      (CaucusFollowing *self,
                                                 const char      *event_id);
/* Writes the selection at once; emits "changed" (id) on success. */
gboolean         caucus_following_set           (CaucusFollowing *self,
                                                 const char      *event_id,
                                                 gboolean         following,
                                                 GError         **error);
/* The followed ids, sorted (NULL-terminated, free with g_strfreev). */
GStrv            caucus_following_dup_ids       (CaucusFollowing *self);
guint            caucus_following_get_count     (CaucusFollowing *self);

G_END_DECLS
