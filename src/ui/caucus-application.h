/* caucus-application.h — the Caucus application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-model-index.h"
#include "caucus-workspaces.h"

G_BEGIN_DECLS

/* Icons are named after the stable id in every profile: the GResource carries
 * them, so they resolve whether or not the app is installed. */
#define CAUCUS_ICON_NAME "io.github.caucusapp.Caucus"

#define CAUCUS_TYPE_APPLICATION (caucus_application_get_type ())
G_DECLARE_FINAL_TYPE (CaucusApplication, caucus_application, CAUCUS, APPLICATION, AdwApplication)

CaucusApplication *caucus_application_new                  (void);
const char        *caucus_application_get_workspace_dir    (CaucusApplication *self);
gboolean           caucus_application_get_sample_requested (CaucusApplication *self);
GSettings         *caucus_application_get_settings         (CaucusApplication *self);
CaucusStore       *caucus_application_get_store            (CaucusApplication *self);
CaucusModelIndex  *caucus_application_get_model_index      (CaucusApplication *self);
const GError      *caucus_application_get_store_error      (CaucusApplication *self);
gboolean           caucus_application_get_sample_loading   (CaucusApplication *self);
void               caucus_application_load_sample          (CaucusApplication *self);
CaucusWorkspaceList *caucus_application_get_workspaces     (CaucusApplication *self);
gboolean           caucus_application_switch_workspace     (CaucusApplication *self,
                                                            CaucusWorkspace   *workspace,
                                                            GError           **error);

G_END_DECLS
