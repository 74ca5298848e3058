/* caucus-window-workspace.h — the window's workspace, sync and review helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-sync-controller.h"
#include "caucus-window.h"
#include "caucus-workspaces.h"

G_BEGIN_DECLS

/* A toast over the whole window (for what needs attention only). */
void                  caucus_window_add_toast            (CaucusWindow    *self,
                                                          AdwToast        *toast);
CaucusSyncController *caucus_window_get_sync_controller  (CaucusWindow    *self);
/* The warning of the "Remove workspace" dialog: what would be lost.  @open_store: the
 * workspace's store when it is open, else NULL (it is opened to count). */
char                 *caucus_describe_workspace_removal  (CaucusWorkspace *workspace,
                                                          CaucusStore     *open_store);

G_END_DECLS
