/* caucus-window-workspace.c — the window's workspace switcher, sync, review queue,
 * digest and search everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar header's title is the workspace switcher: the open workspace's name, and a
 * popover listing the others with New, Rename, Connect and Remove.  A CaucusSyncController
 * drives the header's sync button; toasts appear only for what needs attention (changes
 * from others arrived, a conflict waits, a workspace action failed).
 */
#include <glib/gi18n.h>

#include "caucus-connect-dialog.h"
#include "caucus-digest-view.h"
#include "caucus-review-dialog.h"
#include "caucus-search-everywhere.h"
#include "caucus-sync-controller.h"
#include "caucus-sync-probe.h"
#include "caucus-window-private.h"
#include "caucus-window-workspace.h"

typedef struct
{
  CaucusWindow *window;           /* not owned: this lives in the window's data */
  AdwToastOverlay *toasts;
  GtkMenuButton *switcher;
  GtkLabel *switcher_label;
  GtkListBox *workspace_list;
  CaucusSyncController *sync;
  CaucusWorkspaceList *workspaces;
  CaucusWorkspace *current;       /* NULL when --workspace named an unregistered folder */
  guint last_conflicts;
} WindowWorkspace;

static WindowWorkspace *
get_ws (CaucusWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "caucus-window-workspace");
}

static void
window_workspace_free (WindowWorkspace *ws)
{
  if (ws->workspaces != NULL)
    g_signal_handlers_disconnect_by_data (ws->workspaces, ws);
  if (ws->sync != NULL)
    g_signal_handlers_disconnect_by_data (ws->sync, ws);
  g_clear_object (&ws->sync);
  g_clear_object (&ws->current);
  g_clear_object (&ws->workspaces);
  g_free (ws);
}

static CaucusApplication *
get_app (CaucusWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return CAUCUS_IS_APPLICATION (app) ? CAUCUS_APPLICATION (app) : NULL;
}

void
caucus_window_add_toast (CaucusWindow *window,
                         AdwToast     *toast)
{
  WindowWorkspace *ws = get_ws (window);

  g_return_if_fail (ws != NULL);
  adw_toast_overlay_add_toast (ws->toasts, toast);
}

static void
toast_message (WindowWorkspace *ws,
               const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (ws->toasts, toast);
}

/* ---- sync ------------------------------------------------------------------------- */

static void
sync_status_cb (WindowWorkspace *ws)
{
  CaucusSyncStatus status = caucus_sync_controller_get_status (ws->sync);
  guint conflicts;

  caucus_window_set_sync_state (ws->window, status, caucus_sync_controller_get_detail (ws->sync));
  gtk_widget_action_set_enabled (GTK_WIDGET (ws->window), "win.sync-now",
                                 caucus_sync_controller_has_server (ws->sync));
  if (status == CAUCUS_SYNC_STATUS_CONFLICTS)
    {
      conflicts = caucus_sync_controller_count_conflicts (ws->sync);
      /* A toast when new conflicts arrive, not each time the state is repeated. */
      if (conflicts > ws->last_conflicts)
        {
          g_autofree char *text =
            g_strdup_printf (ngettext ("%u conflict waits for your decision",
                                       "%u conflicts wait for your decision", conflicts),
                             conflicts);
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_button_label (toast, _("_Review"));
          adw_toast_set_action_name (toast, "win.review-conflicts");
          /* Not 0 (until dismissed): the overlay shows one toast at a time, so a toast
           * that stays would hold back every later one (the digest's, a sync error)
           * until the reader dismissed it.  The header's sync button keeps saying
           * "Conflicts waiting" and offers Review Conflicts… after it goes. */
          adw_toast_set_timeout (toast, 20);
          adw_toast_overlay_add_toast (ws->toasts, toast);
        }
      ws->last_conflicts = conflicts;
    }
  else if (status == CAUCUS_SYNC_STATUS_UP_TO_DATE || status == CAUCUS_SYNC_STATUS_LOCAL_ONLY)
    ws->last_conflicts = 0;
}

static void
digest_ready_cb (CaucusSyncController *sync,
                 guint                 n_entries,
                 WindowWorkspace      *ws)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u change from others",
                                                     "%u changes from others", n_entries),
                                           n_entries);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-digest");
  adw_toast_overlay_add_toast (ws->toasts, toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (ws->window), "win.show-digest", TRUE);
}

/* ---- the switcher ------------------------------------------------------------------ */

static GtkWidget *
create_workspace_row (gpointer item,
                      gpointer user_data)
{
  CaucusWorkspace *workspace = item;
  WindowWorkspace *ws = user_data;
  const char *url = caucus_workspace_get_server_url (workspace);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), caucus_workspace_get_name (workspace));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), url ? url : _("On this device only"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.switch-workspace");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", caucus_workspace_get_id (workspace));
  gtk_widget_set_visible (check, workspace == ws->current);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open now"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  return row;
}

static void
update_switcher_label (WindowWorkspace *ws)
{
  const char *name = ws->current ? caucus_workspace_get_name (ws->current) : NULL;
  g_autofree char *fallback = NULL;

  if (name == NULL)
    {
      CaucusApplication *app = get_app (ws->window);
      fallback = app ? g_path_get_basename (caucus_application_get_workspace_dir (app))
                     : g_strdup (_("Caucus"));
    }
  gtk_label_set_label (ws->switcher_label, name ? name : fallback);
  gtk_widget_set_tooltip_text (GTK_WIDGET (ws->switcher), _("Switch Workspace"));
}

static GtkWidget *
popover_button (const char *label,
                const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
  return button;
}

/* The popover is built when it first opens: until then the window holds no second list
 * box beside the sidebar. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  WindowWorkspace *ws = user_data;
  GtkWidget *popover;
  GtkWidget *content;
  GtkWidget *scroll;
  GtkWidget *heading;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = gtk_popover_new ();
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  scroll = gtk_scrolled_window_new ();
  heading = gtk_label_new (_("Workspaces"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (content), heading);

  ws->workspace_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (ws->workspace_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (ws->workspace_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (ws->workspace_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workspaces"), -1);
  if (ws->workspaces != NULL)
    gtk_list_box_bind_model (ws->workspace_list, G_LIST_MODEL (ws->workspaces),
                             create_workspace_row, ws, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (ws->workspace_list));
  gtk_box_append (GTK_BOX (content), scroll);

  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), popover_button (_("_New Workspace…"), "win.new-workspace"));
  gtk_box_append (GTK_BOX (content), popover_button (_("Re_name Workspace…"),
                                                     "win.rename-workspace"));
  gtk_box_append (GTK_BOX (content), popover_button (_("_Connect to Server…"),
                                                     "win.connect-server"));
  gtk_box_append (GTK_BOX (content), popover_button (_("_Remove Workspace…"),
                                                     "win.remove-workspace"));
  gtk_widget_set_size_request (content, 260, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  gtk_menu_button_set_popover (button, popover);
}

static void
build_switcher (WindowWorkspace *ws)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  ws->switcher_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (ws->switcher_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (ws->switcher_label), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ws->switcher_label));
  gtk_box_append (GTK_BOX (box), arrow);

  ws->switcher = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (ws->switcher, box);
  gtk_menu_button_set_create_popup_func (ws->switcher, create_popup_cb, ws, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (ws->switcher), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (ws->switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Switch Workspace"), -1);
  adw_header_bar_set_title_widget (_caucus_window_get_sidebar_header (ws->window),
                                   GTK_WIDGET (ws->switcher));
}

static void
workspaces_changed_cb (WindowWorkspace *ws)
{
  update_switcher_label (ws);
}

/* Once the window belongs to the application: the store, the workspace, the sync. */
static void
application_set_cb (CaucusWindow *window)
{
  WindowWorkspace *ws = get_ws (window);
  CaucusApplication *app = get_app (window);
  CaucusStore *store;

  if (app == NULL || ws->sync != NULL)
    return;

  ws->workspaces = caucus_application_get_workspaces (app);
  if (ws->workspaces != NULL)
    {
      g_object_ref (ws->workspaces);
      ws->current = caucus_workspace_list_find_dir (ws->workspaces,
                                                    caucus_application_get_workspace_dir (app));
      if (ws->current != NULL)
        g_object_ref (ws->current);
      g_signal_connect_swapped (ws->workspaces, "items-changed",
                                G_CALLBACK (workspaces_changed_cb), ws);
    }
  update_switcher_label (ws);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.rename-workspace", ws->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.connect-server", ws->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.remove-workspace", ws->current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.show-digest", FALSE);

  store = caucus_application_get_store (app);
  if (store == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.sync-now", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.review-conflicts", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.search-everywhere", FALSE);
      return;
    }
  ws->sync = caucus_sync_controller_new (store, ws->current, NULL);
  g_signal_connect_swapped (ws->sync, "notify::status", G_CALLBACK (sync_status_cb), ws);
  g_signal_connect_swapped (ws->sync, "notify::detail", G_CALLBACK (sync_status_cb), ws);
  g_signal_connect (ws->sync, "digest-ready", G_CALLBACK (digest_ready_cb), ws);
  if (caucus_application_get_settings (app) != NULL)
    caucus_sync_controller_bind_metered (ws->sync, caucus_application_get_settings (app));
  sync_status_cb (ws);
  caucus_sync_controller_start (ws->sync);
}

/* ---- workspace actions ------------------------------------------------------------- */

typedef struct
{
  CaucusWindow *window;
  GtkEditable *entry;
  CaucusWorkspace *target;     /* rename / remove */
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->target);
  g_free (data);
}

static AdwMessageDialog *
name_dialog (CaucusWindow *window,
             const char   *heading,
             const char   *body,
             const char   *initial,
             const char   *accept_label,
             DialogData  **data_out)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                                          heading, body));
  GtkWidget *entry = gtk_entry_new ();
  DialogData *data = g_new0 (DialogData, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Workspace name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "accept");
  adw_message_dialog_set_close_response (dialog, "cancel");
  data->window = g_object_ref (window);
  data->entry = GTK_EDITABLE (entry);
  *data_out = data;
  return dialog;
}

static void
new_workspace_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           DialogData       *data)
{
  WindowWorkspace *ws = get_ws (data->window);
  CaucusApplication *app = get_app (data->window);
  g_autoptr(GError) error = NULL;
  CaucusWorkspace *created;

  if (!g_str_equal (response, "accept") || ws == NULL || ws->workspaces == NULL || app == NULL)
    return;
  created = caucus_workspace_list_create (ws->workspaces, gtk_editable_get_text (data->entry),
                                          &error);
  if (created == NULL || !caucus_application_switch_workspace (app, created, &error))
    toast_message (ws, error->message);
}

static void
new_workspace_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DialogData *data = NULL;
  AdwMessageDialog *dialog = name_dialog (CAUCUS_WINDOW (widget), _("New Workspace"),
                                          _("A workspace keeps one coalition’s directory, "
                                            "calendar and statements. You can connect it to "
                                            "the coalition’s server afterwards."),
                                          NULL, _("C_reate"), &data);

  g_signal_connect_data (dialog, "response", G_CALLBACK (new_workspace_response_cb), data,
                         (GClosureNotify) dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DialogData       *data)
{
  WindowWorkspace *ws = get_ws (data->window);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "accept") || ws == NULL || ws->workspaces == NULL)
    return;
  if (!caucus_workspace_list_rename (ws->workspaces, data->target,
                                     gtk_editable_get_text (data->entry), &error))
    toast_message (ws, error->message);
  update_switcher_label (ws);
}

static void
rename_workspace_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  WindowWorkspace *ws = get_ws (CAUCUS_WINDOW (widget));
  DialogData *data = NULL;
  AdwMessageDialog *dialog;

  if (ws == NULL || ws->current == NULL)
    return;
  dialog = name_dialog (CAUCUS_WINDOW (widget), _("Rename Workspace"), NULL,
                        caucus_workspace_get_name (ws->current), _("_Rename"), &data);
  data->target = g_object_ref (ws->current);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb), data,
                         (GClosureNotify) dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
switch_workspace_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  WindowWorkspace *ws = get_ws (window);
  CaucusApplication *app = get_app (window);
  CaucusWorkspace *target;
  g_autoptr(GError) error = NULL;

  if (ws == NULL || ws->workspaces == NULL || app == NULL)
    return;
  target = caucus_workspace_list_lookup (ws->workspaces, g_variant_get_string (parameter, NULL));
  if (target == NULL || target == ws->current)
    {
      gtk_menu_button_popdown (ws->switcher);
      return;
    }
  if (!caucus_application_switch_workspace (app, target, &error))
    toast_message (ws, error->message);
}

/* The warning names what would be lost: changes the server has not seen, or for a
 * local-only workspace every document in it. */
char *
caucus_describe_workspace_removal (CaucusWorkspace *workspace,
                                   CaucusStore     *open_store)
{
  g_autoptr(CaucusStore) own = NULL;
  g_autofree char *path = caucus_workspace_dup_store_path (workspace);
  g_autoptr(GError) error = NULL;
  CaucusStore *store = open_store;
  const char *url = caucus_workspace_get_server_url (workspace);
  guint n = 0;

  if (store == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    store = own = caucus_store_open (path, &error);
  if (store == NULL && error != NULL)
    return g_strdup_printf (_("Its data could not be read to check for unsynced changes (%s). "
                              "Everything in it will be deleted from this device."),
                            error->message);
  if (store == NULL || !caucus_sync_count_unpushed (store, url, &n, &error))
    {
      if (error != NULL)
        return g_strdup_printf (_("Unsynced changes could not be counted (%s). Everything in "
                                  "it will be deleted from this device."), error->message);
      return g_strdup (_("It holds no documents yet."));
    }
  if (n == 0)
    return url ? g_strdup (_("Everything in it has reached the server; you can connect a new "
                             "workspace to the server to get it back."))
               : g_strdup (_("It holds no documents."));
  if (url != NULL)
    return g_strdup_printf (ngettext ("Warning: %u change made on this device has not reached "
                                      "the server yet and will be lost. Connect and let it sync "
                                      "first to keep it.",
                                      "Warning: up to %u changes made on this device have not "
                                      "reached the server yet and will be lost. Connect and let "
                                      "it sync first to keep them.", n), n);
  return g_strdup_printf (ngettext ("Warning: this workspace is not connected to a server, so "
                                    "its %u document exists only on this device and will be "
                                    "deleted.",
                                    "Warning: this workspace is not connected to a server, so "
                                    "its %u documents exist only on this device and will be "
                                    "deleted.", n), n);
}

typedef struct
{
  CaucusApplication *app;
  CaucusWorkspaceList *list;
  CaucusWorkspace *target;
} RemoveJob;

static void
remove_job_free (RemoveJob *job)
{
  g_clear_object (&job->app);
  g_clear_object (&job->list);
  g_clear_object (&job->target);
  g_free (job);
}

static void
report_to_active_window (CaucusApplication *app,
                         const char        *message)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (CAUCUS_IS_WINDOW (active) && get_ws (CAUCUS_WINDOW (active)) != NULL)
    toast_message (get_ws (CAUCUS_WINDOW (active)), message);
  else
    g_warning ("%s", message);
}

/* Runs once the dialog has finished answering: switching may close the window (and with it
 * the dialog), which must not happen inside the dialog's own response. */
static gboolean
remove_job_cb (gpointer data)
{
  RemoveJob *job = data;
  g_autoptr(GError) error = NULL;
  const char *open_dir = caucus_application_get_workspace_dir (job->app);

  if (g_strcmp0 (open_dir, caucus_workspace_get_dir (job->target)) == 0)
    {
      /* Close the open store before its files go: switch to another workspace first. */
      CaucusWorkspace *other = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (job->list)) && other == NULL;
           i++)
        {
          g_autoptr(CaucusWorkspace) item = g_list_model_get_item (G_LIST_MODEL (job->list), i);
          if (item != job->target)
            other = item;
        }
      if (other == NULL)
        {
          report_to_active_window (job->app, _("This is the only workspace; create another one "
                                               "before removing it"));
          return G_SOURCE_REMOVE;
        }
      if (!caucus_application_switch_workspace (job->app, other, &error))
        {
          report_to_active_window (job->app, error->message);
          return G_SOURCE_REMOVE;
        }
    }
  if (!caucus_workspace_list_remove (job->list, job->target, &error))
    report_to_active_window (job->app, error->message);
  return G_SOURCE_REMOVE;
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DialogData       *data)
{
  WindowWorkspace *ws = get_ws (data->window);
  CaucusApplication *app = get_app (data->window);
  RemoveJob *job;

  if (!g_str_equal (response, "remove") || ws == NULL || ws->workspaces == NULL || app == NULL)
    return;
  job = g_new0 (RemoveJob, 1);
  job->app = g_object_ref (app);
  job->list = g_object_ref (ws->workspaces);
  job->target = g_object_ref (data->target);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, remove_job_cb, job, (GDestroyNotify) remove_job_free);
}

static void
remove_workspace_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  WindowWorkspace *ws = get_ws (window);
  CaucusApplication *app = get_app (window);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  DialogData *data;

  if (ws == NULL || ws->current == NULL || app == NULL)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (ws->workspaces)) <= 1)
    {
      toast_message (ws, _("This is the only workspace; create another one before removing it"));
      return;
    }
  heading = g_strdup_printf (_("Remove “%s”?"), caucus_workspace_get_name (ws->current));
  body = caucus_describe_workspace_removal (ws->current, caucus_application_get_store (app));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  data = g_new0 (DialogData, 1);
  data->window = g_object_ref (window);
  data->target = g_object_ref (ws->current);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), data,
                         (GClosureNotify) dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connected_cb (CaucusConnectDialog *dialog,
              CaucusWindow        *window)
{
  WindowWorkspace *ws = get_ws (window);
  CaucusApplication *app = get_app (window);
  g_autoptr(GError) error = NULL;

  /* Reopen the workspace so the sync service starts with the new server. */
  if (ws != NULL && ws->current != NULL && app != NULL &&
      !caucus_application_switch_workspace (app, ws->current, &error))
    toast_message (ws, error->message);
}

static void
connect_server_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  WindowWorkspace *ws = get_ws (window);
  CaucusConnectDialog *dialog;

  if (ws == NULL || ws->current == NULL || ws->workspaces == NULL)
    return;
  dialog = caucus_connect_dialog_new (GTK_WINDOW (window), ws->workspaces, ws->current);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (connected_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- sync, review, digest, search -------------------------------------------------- */

static void
sync_now_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WindowWorkspace *ws = get_ws (CAUCUS_WINDOW (widget));

  if (ws != NULL && ws->sync != NULL)
    caucus_sync_controller_sync_now (ws->sync);
}

static void
review_resolved_cb (CaucusReviewDialog *dialog,
                    CaucusWindow       *window)
{
  WindowWorkspace *ws = get_ws (window);

  if (ws != NULL && ws->sync != NULL)
    caucus_sync_controller_sync_now (ws->sync);
}

static void
review_conflicts_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  CaucusApplication *app = get_app (window);
  CaucusReviewDialog *dialog;

  if (app == NULL || caucus_application_get_store (app) == NULL)
    return;
  dialog = caucus_review_dialog_new (GTK_WINDOW (window), caucus_application_get_store (app));
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (review_resolved_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_digest_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  WindowWorkspace *ws = get_ws (window);
  CaucusApplication *app = get_app (window);
  GPtrArray *digest = ws && ws->sync ? caucus_sync_controller_get_digest (ws->sync) : NULL;
  GtkWidget *view;

  view = GTK_WIDGET (caucus_digest_view_new (GTK_WINDOW (window),
                                             app ? caucus_application_get_store (app) : NULL,
                                             digest));
  gtk_window_present (GTK_WINDOW (view));
}

static void
search_everywhere_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CaucusWindow *window = CAUCUS_WINDOW (widget);
  CaucusApplication *app = get_app (window);
  GtkWidget *search;

  if (app == NULL || caucus_application_get_store (app) == NULL)
    return;
  search = GTK_WIDGET (caucus_search_everywhere_new (GTK_WINDOW (window),
                                                     caucus_application_get_store (app),
                                                     caucus_application_get_model_index (app)));
  gtk_window_present (GTK_WINDOW (search));
}

void
_caucus_window_workspace_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL,
                                   new_workspace_action_cb);
  gtk_widget_class_install_action (widget_class, "win.rename-workspace", NULL,
                                   rename_workspace_action_cb);
  gtk_widget_class_install_action (widget_class, "win.remove-workspace", NULL,
                                   remove_workspace_action_cb);
  gtk_widget_class_install_action (widget_class, "win.switch-workspace", "s",
                                   switch_workspace_action_cb);
  gtk_widget_class_install_action (widget_class, "win.connect-server", NULL,
                                   connect_server_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action_cb);
  gtk_widget_class_install_action (widget_class, "win.review-conflicts", NULL,
                                   review_conflicts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-digest", NULL,
                                   show_digest_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search-everywhere", NULL,
                                   search_everywhere_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.search-everywhere", NULL);
}

/* The window's widgets go at destroy, before the window is finalized: let go of the list's
 * signals and stop syncing then, not later. */
static void
window_destroyed_cb (CaucusWindow *window)
{
  WindowWorkspace *ws = get_ws (window);

  if (ws->workspaces != NULL)
    g_signal_handlers_disconnect_by_data (ws->workspaces, ws);
  if (ws->sync != NULL)
    g_signal_handlers_disconnect_by_data (ws->sync, ws);
  g_clear_object (&ws->sync);
  /* The workspace list belongs to the application and outlives this window: a workspace
   * added or removed after the window is gone must not build rows for it. */
  if (ws->workspace_list != NULL)
    gtk_list_box_bind_model (ws->workspace_list, NULL, NULL, NULL, NULL);
  ws->workspace_list = NULL;
}

void
_caucus_window_workspace_init (CaucusWindow *self)
{
  WindowWorkspace *ws = g_new0 (WindowWorkspace, 1);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  ws->window = self;
  g_object_set_data_full (G_OBJECT (self), "caucus-window-workspace", ws,
                          (GDestroyNotify) window_workspace_free);

  /* Window-wide toasts sit over the whole content. */
  g_object_ref (content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);
  ws->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ws->toasts, content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (ws->toasts));
  g_object_unref (content);

  build_switcher (ws);
  update_switcher_label (ws);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_set_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (window_destroyed_cb), NULL);
  application_set_cb (self);
}

/**
 * caucus_window_get_sync_controller:
 * @self: a #CaucusWindow
 *
 * Returns: (transfer none) (nullable): the sync of the window's workspace
 */
CaucusSyncController *
caucus_window_get_sync_controller (CaucusWindow *self)
{
  WindowWorkspace *ws = get_ws (self);

  return ws ? ws->sync : NULL;
}
