/* caucus-connect-dialog.h — connect a workspace to its coalition's server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server address, user name and password, a "Test Connection" button that says exactly
 * what is wrong (caucus_sync_probe_async), and "Connect", which tests again, keeps the
 * password in the keyring (caucus_sync_save_password) and links the workspace to the
 * server; then "connected" is emitted.
 */
#pragma once

#include <adwaita.h>

#include "caucus-sync-probe.h"
#include "caucus-workspaces.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_CONNECT_DIALOG (caucus_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CaucusConnectDialog, caucus_connect_dialog, CAUCUS, CONNECT_DIALOG, AdwWindow)

CaucusConnectDialog *caucus_connect_dialog_new          (GtkWindow           *parent,
                                                         CaucusWorkspaceList *list,
                                                         CaucusWorkspace     *workspace);
void                 caucus_connect_dialog_set_fields   (CaucusConnectDialog *self,
                                                         const char          *url,
                                                         const char          *user,
                                                         const char          *password);
/* Starts "Test Connection" (as the button does). */
void                 caucus_connect_dialog_test         (CaucusConnectDialog *self);
/* The outcome of the last test, or NULL while none finished; and its sentence. */
const CaucusProbeResult *caucus_connect_dialog_get_result (CaucusConnectDialog *self);
const char          *caucus_connect_dialog_get_status_text (CaucusConnectDialog *self);
gboolean             caucus_connect_dialog_get_busy     (CaucusConnectDialog *self);

G_END_DECLS
