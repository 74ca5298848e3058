/* caucus-workspaces.h — the delegate's workspaces (one per coalition) and which one is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is a folder holding its store (workspace.caucus) and the model's index,
 * optionally linked to a remote database (a caucus-server or CouchDB URL and a user name;
 * the password lives in the keyring, see caucus-sync-credentials.h).  The list and the
 * selected workspace are kept in a small JSON file, by default
 * $XDG_CONFIG_HOME/caucus/workspaces.json, written atomically on every change.
 * CaucusWorkspaceList is a GListModel of CaucusWorkspace, sorted by name.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_WORKSPACE (caucus_workspace_get_type ())
G_DECLARE_FINAL_TYPE (CaucusWorkspace, caucus_workspace, CAUCUS, WORKSPACE, GObject)

const char *caucus_workspace_get_id         (CaucusWorkspace *self);
const char *caucus_workspace_get_name       (CaucusWorkspace *self);
const char *caucus_workspace_get_dir        (CaucusWorkspace *self);
/* The database URL without credentials, or NULL for a local-only workspace. */
const char *caucus_workspace_get_server_url (CaucusWorkspace *self);
const char *caucus_workspace_get_user       (CaucusWorkspace *self);
/* <dir>/workspace.caucus */
char       *caucus_workspace_dup_store_path (CaucusWorkspace *self);

#define CAUCUS_TYPE_WORKSPACE_LIST (caucus_workspace_list_get_type ())
G_DECLARE_FINAL_TYPE (CaucusWorkspaceList, caucus_workspace_list, CAUCUS, WORKSPACE_LIST, GObject)

/* Loads @registry_path (a missing file is an empty list).  New workspaces get folders
 * under @root_dir.  When the list is empty, @default_dir (the folder the app used before
 * there were several workspaces) is registered as "My Workspace". */
CaucusWorkspaceList *caucus_workspace_list_new          (const char           *registry_path,
                                                         const char           *root_dir,
                                                         const char           *default_dir,
                                                         GError              **error);
/* The user's list: $XDG_CONFIG_HOME/caucus/workspaces.json, folders under
 * $XDG_DATA_HOME/caucus-workspaces, default $XDG_DATA_HOME/caucus. */
CaucusWorkspaceList *caucus_workspace_list_new_default  (GError              **error);

const char          *caucus_workspace_list_get_path     (CaucusWorkspaceList  *self);
CaucusWorkspace     *caucus_workspace_list_get_selected (CaucusWorkspaceList  *self);
CaucusWorkspace     *caucus_workspace_list_lookup       (CaucusWorkspaceList  *self,
                                                         const char           *id);
/* The workspace whose folder is @dir, or NULL. */
CaucusWorkspace     *caucus_workspace_list_find_dir     (CaucusWorkspaceList  *self,
                                                         const char           *dir);

gboolean             caucus_workspace_list_select       (CaucusWorkspaceList  *self,
                                                         CaucusWorkspace      *workspace,
                                                         GError              **error);
/* Creates the folder and registers it; the name must be new (ignoring case). */
CaucusWorkspace     *caucus_workspace_list_create       (CaucusWorkspaceList  *self,
                                                         const char           *name,
                                                         GError              **error);
gboolean             caucus_workspace_list_rename       (CaucusWorkspaceList  *self,
                                                         CaucusWorkspace      *workspace,
                                                         const char           *name,
                                                         GError              **error);
/* @url NULL makes the workspace local-only again. */
gboolean             caucus_workspace_list_set_server   (CaucusWorkspaceList  *self,
                                                         CaucusWorkspace      *workspace,
                                                         const char           *url,
                                                         const char           *user,
                                                         GError              **error);
/* Unregisters the workspace and deletes its folder.  The only workspace cannot be
 * removed; removing the selected one selects the first of the others. */
gboolean             caucus_workspace_list_remove       (CaucusWorkspaceList  *self,
                                                         CaucusWorkspace      *workspace,
                                                         GError              **error);

G_END_DECLS
