/* caucus-sync-controller.h — one workspace's sync, as the window shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the sync layer's CaucusSyncService for the open workspace when it has a server,
 * and turns its state into what the header's sync button says (CaucusSyncStatus and a
 * sentence).  Conflicts a pull brings are merged by the model's rules at once; those that
 * cannot be merged are counted for the review queue.  After a sync that brought others'
 * changes, the digest ("what changed since I last synced") is computed and "digest-ready"
 * is emitted with the number of entries.
 */
#pragma once

#include <gio/gio.h>

#include "caucus-store.h"
#include "caucus-sync-button.h"
#include "caucus-workspaces.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_SYNC_CONTROLLER (caucus_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSyncController, caucus_sync_controller, CAUCUS, SYNC_CONTROLLER, GObject)

/* @workspace NULL or without a server: local only.  @monitor NULL: the default one. */
CaucusSyncController *caucus_sync_controller_new          (CaucusStore          *store,
                                                           CaucusWorkspace      *workspace,
                                                           GNetworkMonitor      *monitor);
void                  caucus_sync_controller_start        (CaucusSyncController *self);
void                  caucus_sync_controller_sync_now     (CaucusSyncController *self);
/* Uses @password from now on (after "wrong password", or right after connecting). */
void                  caucus_sync_controller_set_password (CaucusSyncController *self,
                                                           const char           *password);

/* Honours the "sync-on-metered" key of @settings: while the network is metered and the
 * key is off, sync pauses (shown as offline, with the reason) until "Sync Now" asks for
 * one anyway or the network changes. */
void                  caucus_sync_controller_bind_metered (CaucusSyncController *self,
                                                           GSettings            *settings);
gboolean              caucus_sync_controller_get_paused   (CaucusSyncController *self);

CaucusSyncStatus      caucus_sync_controller_get_status   (CaucusSyncController *self);
const char           *caucus_sync_controller_get_detail   (CaucusSyncController *self);
gboolean              caucus_sync_controller_has_server   (CaucusSyncController *self);
/* Documents with conflicting revisions that wait for a person (counted in the store). */
guint                 caucus_sync_controller_count_conflicts (CaucusSyncController *self);
/* The last digest with entries (CaucusDigestEntry*), or NULL; and recomputing it now. */
GPtrArray            *caucus_sync_controller_get_digest   (CaucusSyncController *self);
guint                 caucus_sync_controller_update_digest (CaucusSyncController *self);

/* The ids of the documents whose winner has live conflicting revisions, sorted. */
GStrv                 caucus_list_conflicted_documents        (CaucusStore          *store,
                                                           GError              **error);

G_END_DECLS
