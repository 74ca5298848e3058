/* caucus-sync-button.h — the header bar's sync-status button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * CaucusSyncStatus:
 * @CAUCUS_SYNC_STATUS_LOCAL_ONLY: no server is configured for the workspace
 * @CAUCUS_SYNC_STATUS_OFFLINE: a server is configured but cannot be reached
 * @CAUCUS_SYNC_STATUS_SYNCING: changes are being exchanged with the server
 * @CAUCUS_SYNC_STATUS_UP_TO_DATE: the workspace matches the server
 * @CAUCUS_SYNC_STATUS_ERROR: the last attempt failed; the detail says why
 * @CAUCUS_SYNC_STATUS_CONFLICTS: conflicts wait in the review queue
 *
 * What the sync service reports to the window.
 */
typedef enum {
  CAUCUS_SYNC_STATUS_LOCAL_ONLY,
  CAUCUS_SYNC_STATUS_OFFLINE,
  CAUCUS_SYNC_STATUS_SYNCING,
  CAUCUS_SYNC_STATUS_UP_TO_DATE,
  CAUCUS_SYNC_STATUS_ERROR,
  CAUCUS_SYNC_STATUS_CONFLICTS,
} CaucusSyncStatus;

#define CAUCUS_TYPE_SYNC_STATUS (caucus_sync_status_get_type ())
GType caucus_sync_status_get_type (void) G_GNUC_CONST;

#define CAUCUS_TYPE_SYNC_BUTTON (caucus_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSyncButton, caucus_sync_button, CAUCUS, SYNC_BUTTON, AdwBin)

GtkWidget       *caucus_sync_button_new         (void);
CaucusSyncStatus caucus_sync_button_get_state   (CaucusSyncButton *self);
const char      *caucus_sync_button_get_detail  (CaucusSyncButton *self);
const char      *caucus_sync_button_get_title   (CaucusSyncButton *self);
void             caucus_sync_button_set_state   (CaucusSyncButton *self,
                                                 CaucusSyncStatus  state,
                                                 const char       *detail);

G_END_DECLS
