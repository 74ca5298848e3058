/* caucus-workspaces.c — the delegate's workspaces (see caucus-workspaces.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "caucus-workspaces.h"

#define NAME_MAX_CHARS 80

/* ---- CaucusWorkspace ---------------------------------------------------------------- */

struct _CaucusWorkspace
{
  GObject parent_instance;

  char *id;
  char *name;
  char *dir;
  char *server_url;
  char *user;
};

G_DEFINE_FINAL_TYPE (CaucusWorkspace, caucus_workspace, G_TYPE_OBJECT)

enum {
  WS_PROP_0,
  WS_PROP_NAME,
  WS_PROP_SERVER_URL,
  WS_N_PROPS
};

static GParamSpec *ws_properties[WS_N_PROPS];

static void
caucus_workspace_finalize (GObject *object)
{
  CaucusWorkspace *self = CAUCUS_WORKSPACE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->dir);
  g_free (self->server_url);
  g_free (self->user);
  G_OBJECT_CLASS (caucus_workspace_parent_class)->finalize (object);
}

static void
caucus_workspace_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CaucusWorkspace *self = CAUCUS_WORKSPACE (object);

  switch (prop_id)
    {
    case WS_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case WS_PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_workspace_class_init (CaucusWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = caucus_workspace_finalize;
  object_class->get_property = caucus_workspace_get_property;
  ws_properties[WS_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  ws_properties[WS_PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, WS_N_PROPS, ws_properties);
}

static void
caucus_workspace_init (CaucusWorkspace *self)
{
}

const char *
caucus_workspace_get_id (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return self->id;
}

const char *
caucus_workspace_get_name (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return self->name;
}

const char *
caucus_workspace_get_dir (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return self->dir;
}

const char *
caucus_workspace_get_server_url (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return self->server_url;
}

const char *
caucus_workspace_get_user (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return self->user;
}

char *
caucus_workspace_dup_store_path (CaucusWorkspace *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (self), NULL);
  return g_build_filename (self->dir, "workspace.caucus", NULL);
}

static CaucusWorkspace *
workspace_new (const char *id,
               const char *name,
               const char *dir)
{
  CaucusWorkspace *ws = g_object_new (CAUCUS_TYPE_WORKSPACE, NULL);

  ws->id = g_strdup (id);
  ws->name = g_strdup (name);
  ws->dir = g_strdup (dir);
  return ws;
}

/* ---- CaucusWorkspaceList ------------------------------------------------------------ */

struct _CaucusWorkspaceList
{
  GObject parent_instance;

  char *path;
  char *root_dir;
  GPtrArray *items;      /* CaucusWorkspace*, sorted by name */
  CaucusWorkspace *selected;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusWorkspaceList, caucus_workspace_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
list_get_item_type (GListModel *model)
{
  return CAUCUS_TYPE_WORKSPACE;
}

static guint
list_get_n_items (GListModel *model)
{
  return CAUCUS_WORKSPACE_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  CaucusWorkspaceList *self = CAUCUS_WORKSPACE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
caucus_workspace_list_finalize (GObject *object)
{
  CaucusWorkspaceList *self = CAUCUS_WORKSPACE_LIST (object);

  g_free (self->path);
  g_free (self->root_dir);
  g_ptr_array_unref (self->items);
  g_clear_object (&self->selected);
  G_OBJECT_CLASS (caucus_workspace_list_parent_class)->finalize (object);
}

static void
caucus_workspace_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaucusWorkspaceList *self = CAUCUS_WORKSPACE_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_workspace_list_class_init (CaucusWorkspaceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = caucus_workspace_list_finalize;
  object_class->get_property = caucus_workspace_list_get_property;
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, CAUCUS_TYPE_WORKSPACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_workspace_list_init (CaucusWorkspaceList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  CaucusWorkspace *wa = *(CaucusWorkspace * const *) a;
  CaucusWorkspace *wb = *(CaucusWorkspace * const *) b;

  return g_utf8_collate (wa->name, wb->name);
}

/* Re-sorts and tells the views that everything may have moved. */
static void
resort (CaucusWorkspaceList *self,
        guint                old_len)
{
  g_ptr_array_sort (self->items, compare_by_name);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

static gboolean
save (CaucusWorkspaceList  *self,
      GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *parent = g_path_get_dirname (self->path);
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "selected");
  json_builder_add_string_value (builder, self->selected ? self->selected->id : NULL);
  json_builder_set_member_name (builder, "workspaces");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      CaucusWorkspace *ws = self->items->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ws->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, ws->name);
      json_builder_set_member_name (builder, "dir");
      json_builder_add_string_value (builder, ws->dir);
      if (ws->server_url != NULL)
        {
          json_builder_set_member_name (builder, "server_url");
          json_builder_add_string_value (builder, ws->server_url);
        }
      if (ws->user != NULL)
        {
          json_builder_set_member_name (builder, "user");
          json_builder_add_string_value (builder, ws->user);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s” for the list of workspaces: %s"),
                   parent, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_set_contents_full (self->path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save the list of workspaces: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
string_member (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
load (CaucusWorkspaceList  *self,
      GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonArray *list;
  const char *selected;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_mapped_file (parser, self->path, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The list of workspaces “%s” cannot be read: %s"), self->path,
                   local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (obj = json_node_get_object (root), "workspaces") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "workspaces")))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The list of workspaces “%s” is not in the expected form "
                     "({\"workspaces\": […]}); move it aside to start a new list"), self->path);
      return FALSE;
    }
  list = json_object_get_array_member (obj, "workspaces");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *w;
      CaucusWorkspace *ws;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      w = json_node_get_object (node);
      if (string_member (w, "id") == NULL || string_member (w, "name") == NULL ||
          string_member (w, "dir") == NULL || !g_path_is_absolute (string_member (w, "dir")))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       _("Workspace %u in “%s” lacks an id, a name or an absolute folder"),
                       i + 1, self->path);
          return FALSE;
        }
      ws = workspace_new (string_member (w, "id"), string_member (w, "name"),
                          string_member (w, "dir"));
      ws->server_url = g_strdup (string_member (w, "server_url"));
      ws->user = g_strdup (string_member (w, "user"));
      g_ptr_array_add (self->items, ws);
    }
  g_ptr_array_sort (self->items, compare_by_name);
  selected = string_member (obj, "selected");
  if (selected != NULL && caucus_workspace_list_lookup (self, selected) != NULL)
    self->selected = g_object_ref (caucus_workspace_list_lookup (self, selected));
  return TRUE;
}

CaucusWorkspaceList *
caucus_workspace_list_new (const char  *registry_path,
                           const char  *root_dir,
                           const char  *default_dir,
                           GError     **error)
{
  g_autoptr(CaucusWorkspaceList) self = NULL;

  g_return_val_if_fail (registry_path != NULL, NULL);
  g_return_val_if_fail (root_dir != NULL, NULL);

  self = g_object_new (CAUCUS_TYPE_WORKSPACE_LIST, NULL);
  self->path = g_strdup (registry_path);
  self->root_dir = g_strdup (root_dir);
  if (!load (self, error))
    return NULL;
  if (self->items->len == 0 && default_dir != NULL)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_ptr_array_add (self->items, workspace_new (id, _("My Workspace"), default_dir));
    }
  if (self->selected == NULL && self->items->len > 0)
    self->selected = g_object_ref (self->items->pdata[0]);
  return g_steal_pointer (&self);
}

CaucusWorkspaceList *
caucus_workspace_list_new_default (GError **error)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "caucus",
                                            "workspaces.json", NULL);
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "caucus-workspaces", NULL);
  g_autofree char *def = g_build_filename (g_get_user_data_dir (), "caucus", NULL);

  return caucus_workspace_list_new (path, root, def, error);
}

const char *
caucus_workspace_list_get_path (CaucusWorkspaceList *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), NULL);
  return self->path;
}

CaucusWorkspace *
caucus_workspace_list_get_selected (CaucusWorkspaceList *self)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), NULL);
  return self->selected;
}

CaucusWorkspace *
caucus_workspace_list_lookup (CaucusWorkspaceList *self,
                              const char          *id)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), NULL);
  for (guint i = 0; id != NULL && i < self->items->len; i++)
    if (g_str_equal (((CaucusWorkspace *) self->items->pdata[i])->id, id))
      return self->items->pdata[i];
  return NULL;
}

CaucusWorkspace *
caucus_workspace_list_find_dir (CaucusWorkspaceList *self,
                                const char          *dir)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  canonical = g_canonicalize_filename (dir, NULL);
  for (guint i = 0; i < self->items->len; i++)
    {
      CaucusWorkspace *ws = self->items->pdata[i];
      g_autofree char *other = g_canonicalize_filename (ws->dir, NULL);
      if (g_str_equal (other, canonical))
        return ws;
    }
  return NULL;
}

gboolean
caucus_workspace_list_select (CaucusWorkspaceList  *self,
                              CaucusWorkspace      *workspace,
                              GError              **error)
{
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), FALSE);
  g_return_val_if_fail (caucus_workspace_list_lookup (self, workspace->id) == workspace, FALSE);

  g_set_object (&self->selected, workspace);
  if (!save (self, error))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  return TRUE;
}

/* A trimmed, valid, unused name, or NULL with an error saying what is wrong. */
static char *
check_name (CaucusWorkspaceList  *self,
            CaucusWorkspace      *except,
            const char           *name,
            GError              **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *folded = NULL;

  if (!g_utf8_validate (trimmed, -1, NULL) || *trimmed == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A workspace needs a name, such as the coalition’s"));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A workspace name can have at most %d characters"), NAME_MAX_CHARS);
      return NULL;
    }
  folded = g_utf8_casefold (trimmed, -1);
  for (guint i = 0; i < self->items->len; i++)
    {
      CaucusWorkspace *ws = self->items->pdata[i];
      g_autofree char *other = g_utf8_casefold (ws->name, -1);

      if (ws != except && g_str_equal (other, folded))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("There is already a workspace called “%s”"), ws->name);
          return NULL;
        }
    }
  return g_steal_pointer (&trimmed);
}

CaucusWorkspace *
caucus_workspace_list_create (CaucusWorkspaceList  *self,
                              const char           *name,
                              GError              **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  CaucusWorkspace *ws;
  guint old_len;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), NULL);

  clean = check_name (self, NULL, name, error);
  if (clean == NULL)
    return NULL;
  /* The folder is named by a random id: names change, may be in any script, and two
   * workspaces may once have had the same name. */
  id = g_uuid_string_random ();
  dir = g_build_filename (self->root_dir, id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the workspace folder “%s”: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  ws = workspace_new (id, clean, dir);
  old_len = self->items->len;
  g_ptr_array_add (self->items, ws);
  if (!save (self, error))
    {
      g_ptr_array_remove (self->items, ws);
      g_rmdir (dir);
      return NULL;
    }
  resort (self, old_len);
  return ws;
}

gboolean
caucus_workspace_list_rename (CaucusWorkspaceList  *self,
                              CaucusWorkspace      *workspace,
                              const char           *name,
                              GError              **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), FALSE);

  clean = check_name (self, workspace, name, error);
  if (clean == NULL)
    return FALSE;
  old = g_steal_pointer (&workspace->name);
  workspace->name = g_steal_pointer (&clean);
  if (!save (self, error))
    {
      g_free (workspace->name);
      workspace->name = g_steal_pointer (&old);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (workspace), ws_properties[WS_PROP_NAME]);
  resort (self, self->items->len);
  return TRUE;
}

gboolean
caucus_workspace_list_set_server (CaucusWorkspaceList  *self,
                                  CaucusWorkspace      *workspace,
                                  const char           *url,
                                  const char           *user,
                                  GError              **error)
{
  g_autofree char *old_url = NULL;
  g_autofree char *old_user = NULL;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), FALSE);

  old_url = g_steal_pointer (&workspace->server_url);
  old_user = g_steal_pointer (&workspace->user);
  workspace->server_url = (url && *url) ? g_strdup (url) : NULL;
  workspace->user = (url && *url && user && *user) ? g_strdup (user) : NULL;
  if (!save (self, error))
    {
      g_free (workspace->server_url);
      g_free (workspace->user);
      workspace->server_url = g_steal_pointer (&old_url);
      workspace->user = g_steal_pointer (&old_user);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (workspace), ws_properties[WS_PROP_SERVER_URL]);
  return TRUE;
}

static gboolean
delete_tree (GFile         *file,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (children != NULL)
    {
      for (;;)
        {
          GFile *child = NULL;

          if (!g_file_enumerator_iterate (children, NULL, &child, NULL, error))
            return FALSE;
          if (child == NULL)
            break;
          if (!delete_tree (child, error))
            return FALSE;
        }
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;
  return g_file_delete (file, NULL, error);
}

gboolean
caucus_workspace_list_remove (CaucusWorkspaceList  *self,
                              CaucusWorkspace      *workspace,
                              GError              **error)
{
  g_autoptr(CaucusWorkspace) keep = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean was_selected;
  guint old_len;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), FALSE);

  if (self->items->len <= 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This is the only workspace; create another one before removing it"));
      return FALSE;
    }
  keep = g_object_ref (workspace);
  old_len = self->items->len;
  was_selected = self->selected == workspace;
  if (!g_ptr_array_remove (self->items, workspace))
    g_return_val_if_reached (FALSE);
  if (was_selected)
    g_set_object (&self->selected, self->items->pdata[0]);
  if (!save (self, error))
    {
      g_ptr_array_add (self->items, g_object_ref (workspace));
      if (was_selected)
        g_set_object (&self->selected, workspace);
      g_ptr_array_sort (self->items, compare_by_name);
      return FALSE;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  if (was_selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);

  dir = g_file_new_for_path (workspace->dir);
  if (!delete_tree (dir, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The workspace “%s” was removed from the list, but its folder “%s” could "
                     "not be deleted: %s"), workspace->name, workspace->dir,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
