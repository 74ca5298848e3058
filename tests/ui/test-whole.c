/* test-whole.c — display tests of the app as a whole (issue 9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application and window under Xvfb, with a real in-process caucus-server:
 * workspaces (create, switch, rename, the removal warning, persistence), the connect
 * dialog's outcomes (wrong password, not a member, unreachable host, success), the sync
 * button following the sync service to "up to date", the digest of others' changes, the
 * review queue resolving a true conflict, and search everywhere on the sample workspace.
 */
#include <gtk/gtk.h>
#include <string.h>

#include "caucus-application.h"
#include "caucus-connect-dialog.h"
#include "caucus-digest.h"
#include "caucus-digest-view.h"
#include "caucus-review-dialog.h"
#include "caucus-sample.h"
#include "caucus-search-everywhere.h"
#include "caucus-window.h"
#include "caucus-window-workspace.h"
#include "sync-test-util.h"
#include "whole-server.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"

static CaucusApplication *app;
static WholeServer *server;

static CaucusWindow *
current_window (void)
{
  GtkWindow *w = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (CAUCUS_IS_WINDOW (w));
  return CAUCUS_WINDOW (w);
}

static GtkWidget *
find_switcher (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), "Switch Workspace") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_switcher (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *root)
{
  guint n = GTK_IS_LIST_BOX_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static gboolean
has_one_item (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 1;
}

static void
test_workspaces (void)
{
  CaucusWorkspaceList *list = caucus_application_get_workspaces (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusWorkspaceList) reloaded = NULL;
  CaucusWorkspace *mine, *second;
  g_autofree char *warning = NULL;
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "caucus", NULL);

  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  mine = caucus_workspace_list_get_selected (list);
  g_assert_cmpstr (caucus_workspace_get_name (mine), ==, "My Workspace");
  g_assert_cmpstr (caucus_workspace_get_dir (mine), ==, data_dir);

  /* Names must be new and not blank. */
  g_assert_null (caucus_workspace_list_create (list, "   ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (caucus_workspace_list_create (list, "my workspace", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  second = caucus_workspace_list_create (list, "WCIT Coalition", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (caucus_workspace_get_dir (second), G_FILE_TEST_IS_DIR));

  /* Switching (as the switcher's row does) opens a new window over the other store. */
  gtk_widget_activate_action (GTK_WIDGET (current_window ()), "win.switch-workspace", "s",
                              caucus_workspace_get_id (second));
  caucus_test_iterate_ms (100);
  g_assert_cmpstr (caucus_application_get_workspace_dir (app), ==,
                   caucus_workspace_get_dir (second));
  g_assert_nonnull (caucus_application_get_store (app));
  g_assert_true (caucus_workspace_list_get_selected (list) == second);

  /* The switcher in the sidebar header names the open workspace and lists both. */
  {
    GtkWidget *switcher = find_switcher (GTK_WIDGET (current_window ()));
    GtkPopover *popover;

    g_assert_nonnull (switcher);
    gtk_menu_button_popup (GTK_MENU_BUTTON (switcher));
    caucus_test_iterate_ms (100);
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (switcher));
    g_assert_nonnull (popover);
    g_assert_cmpuint (count_rows (GTK_WIDGET (popover)), ==, 2);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (switcher));
  }

  /* Rename; the choice and the names persist. */
  g_assert_true (caucus_workspace_list_rename (list, second, "Best Bits", &error));
  g_assert_no_error (error);
  reloaded = caucus_workspace_list_new (caucus_workspace_list_get_path (list), "/nonexistent",
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 2);
  g_assert_cmpstr (caucus_workspace_get_name (caucus_workspace_list_get_selected (reloaded)),
                   ==, "Best Bits");

  /* The removal warning counts what exists only here. */
  g_free (test_put (caucus_application_get_store (app),
                    "{\"_id\":\"org-x\",\"type\":\"org\",\"name\":\"X\",\"kind\":\"media\"}"));
  warning = caucus_describe_workspace_removal (second, caucus_application_get_store (app));
  g_test_message ("%s", warning);
  g_assert_nonnull (strstr (warning, "1 document exists only on this device"));
  g_clear_pointer (&warning, g_free);
  warning = caucus_describe_workspace_removal (mine, NULL);
  g_assert_nonnull (strstr (warning, "no documents"));

  /* Removing the one that is not open deletes its folder. */
  g_assert_true (caucus_workspace_list_remove (list, mine, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  g_assert_false (caucus_workspace_list_remove (list, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Removing the open workspace from its dialog: the warning counts its documents, the app
   * moves to the other workspace first, then the folder goes. */
  {
    CaucusWorkspace *temp = caucus_workspace_list_create (list, "Temporary", &error);
    g_autofree char *temp_dir = NULL;
    AdwMessageDialog *dialog = NULL;

    g_assert_no_error (error);
    temp_dir = g_strdup (caucus_workspace_get_dir (temp));
    g_assert_true (caucus_application_switch_workspace (app, temp, &error));
    g_assert_no_error (error);
    g_free (test_put (caucus_application_get_store (app),
                      "{\"_id\":\"p-1\",\"type\":\"person\",\"name\":\"Ana\"}"));
    g_free (test_put (caucus_application_get_store (app),
                      "{\"_id\":\"p-2\",\"type\":\"person\",\"name\":\"Rui\"}"));
    gtk_widget_activate_action (GTK_WIDGET (current_window ()), "win.remove-workspace", NULL);
    caucus_test_iterate_ms (100);
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
          if (ADW_IS_MESSAGE_DIALOG (w))
            dialog = ADW_MESSAGE_DIALOG (w);
        }
    }
    g_assert_nonnull (dialog);
    g_test_message ("%s — %s", adw_message_dialog_get_heading (dialog),
                    adw_message_dialog_get_body (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 documents exist only"));
    adw_message_dialog_response (dialog, "remove");
    caucus_test_wait_until (has_one_item, list, 30, "the workspace is removed");
    g_test_message ("after removal: %u workspaces, selected %s, open %s",
                    g_list_model_get_n_items (G_LIST_MODEL (list)),
                    caucus_workspace_get_name (caucus_workspace_list_get_selected (list)),
                    caucus_application_get_workspace_dir (app));
    g_assert_true (caucus_workspace_list_get_selected (list) == second);
    g_assert_cmpstr (caucus_application_get_workspace_dir (app), ==,
                     caucus_workspace_get_dir (second));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    g_assert_false (g_file_test (temp_dir, G_FILE_TEST_EXISTS));
  }
}

static gboolean
dialog_idle (gpointer data)
{
  return !caucus_connect_dialog_get_busy (data);
}

static CaucusProbeOutcome
probe_in_dialog (CaucusConnectDialog *dialog,
                 const char          *url,
                 const char          *user,
                 const char          *password)
{
  caucus_connect_dialog_set_fields (dialog, url, user, password);
  caucus_connect_dialog_test (dialog);
  g_assert_true (caucus_connect_dialog_get_busy (dialog));
  caucus_test_wait_until (dialog_idle, dialog, 30, "the connection test finished");
  g_assert_nonnull (caucus_connect_dialog_get_result (dialog));
  g_test_message ("%s", caucus_connect_dialog_get_status_text (dialog));
  g_assert_cmpstr (caucus_connect_dialog_get_status_text (dialog), ==,
                   caucus_connect_dialog_get_result (dialog)->message);
  return caucus_connect_dialog_get_result (dialog)->outcome;
}

static void
test_connect_dialog (void)
{
  CaucusWorkspaceList *list = caucus_application_get_workspaces (app);
  CaucusWorkspace *ws = caucus_workspace_list_get_selected (list);
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  CaucusConnectDialog *dialog;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed = g_strdup_printf ("http://127.0.0.1:%u/coalition", port);

  dialog = caucus_connect_dialog_new (GTK_WINDOW (current_window ()), list, ws);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (probe_in_dialog (dialog, url, "ana", "wrong"), ==, CAUCUS_PROBE_WRONG_PASSWORD);
  g_assert_nonnull (strstr (caucus_connect_dialog_get_status_text (dialog), "refused the password"));
  g_assert_cmpint (probe_in_dialog (dialog, url, "zoe", "s3cret-zoe"), ==, CAUCUS_PROBE_NOT_MEMBER);
  g_assert_nonnull (strstr (caucus_connect_dialog_get_status_text (dialog), "not a member"));
  g_assert_cmpint (probe_in_dialog (dialog, closed, "ana", "s3cret-ana"), ==,
                   CAUCUS_PROBE_UNREACHABLE);
  g_assert_cmpint (probe_in_dialog (dialog, url, "ana", "s3cret-ana"), ==, CAUCUS_PROBE_OK);
  /* Testing writes nothing: the workspace is still local only. */
  g_assert_null (caucus_workspace_get_server_url (ws));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
window_up_to_date (gpointer data)
{
  return caucus_window_get_sync_state (current_window ()) == CAUCUS_SYNC_STATUS_UP_TO_DATE;
}

static gboolean
has_digest_of (gpointer data)
{
  CaucusSyncController *sync = caucus_window_get_sync_controller (current_window ());
  GPtrArray *digest = sync ? caucus_sync_controller_get_digest (sync) : NULL;

  for (guint i = 0; digest != NULL && i < digest->len; i++)
    if (g_str_equal (((CaucusDigestEntry *) digest->pdata[i])->doc_id, data))
      return TRUE;
  return FALSE;
}

static gboolean
has_edited_draft (gpointer data)
{
  CaucusSyncController *sync = caucus_window_get_sync_controller (current_window ());
  GPtrArray *digest = sync ? caucus_sync_controller_get_digest (sync) : NULL;

  for (guint i = 0; digest != NULL && i < digest->len; i++)
    {
      CaucusDigestEntry *e = digest->pdata[i];
      if (g_str_equal (e->doc_id, data) && e->kind == CAUCUS_DIGEST_EDITED_DRAFT)
        return TRUE;
    }
  return FALSE;
}

static void
test_sync_and_digest (void)
{
  CaucusWorkspaceList *list = caucus_application_get_workspaces (app);
  CaucusWorkspace *ws = caucus_workspace_list_get_selected (list);
  g_autofree char *url = whole_server_db_url (server, "coalition");
  g_autofree char *ana_url = g_strdup_printf ("http://ana:s3cret-ana@%s/coalition",
                                              whole_server_get_url (server) + strlen ("http://"));
  g_autoptr(TestStore) other = test_store_new ();
  g_autoptr(GError) error = NULL;
  CaucusSyncController *sync;
  CaucusDigestView *view;

  /* No keyring in the test session: the sync service takes CAUCUS_PASSWORD. */
  g_setenv ("CAUCUS_PASSWORD", "s3cret-ana", TRUE);
  g_assert_true (caucus_workspace_list_set_server (list, ws, url, "ana", &error));
  g_assert_no_error (error);
  g_assert_true (caucus_application_switch_workspace (app, ws, &error));
  g_assert_no_error (error);
  caucus_test_wait_until (window_up_to_date, NULL, 30, "the sync button says up to date");
  g_test_message ("%s", caucus_window_get_sync_title (current_window ()));

  /* Someone else adds a session; it arrives, and the digest says so. */
  g_free (test_put (other->store,
                    "{\"_id\":\"ev-new\",\"type\":\"event\",\"kind\":\"session\",\"title\":"
                    "\"Internet shutdowns\",\"start\":\"2012-11-04T06:00:00Z\",\"end\":"
                    "\"2012-11-04T07:00:00Z\",\"time_zone\":\"Asia/Baku\",\"updated_by\":\"rui\"}"));
  g_free (test_put (other->store,
                    "{\"_id\":\"st-d\",\"type\":\"statement\",\"title\":\"Joint statement\","
                    "\"status\":\"draft\",\"body\":\"We call on governments.\\n\","
                    "\"updated_by\":\"rui\"}"));
  g_assert_true (test_replicate (other->store, ana_url, CAUCUS_REPLICATION_PUSH, 10, &error));
  g_assert_no_error (error);
  sync = caucus_window_get_sync_controller (current_window ());
  caucus_sync_controller_sync_now (sync);
  caucus_test_wait_until (has_digest_of, (gpointer) "ev-new", 30, "the digest lists the new session");
  {
    GPtrArray *digest = caucus_sync_controller_get_digest (sync);
    CaucusDigestEntry *e = NULL;

    for (guint i = 0; i < digest->len; i++)
      if (g_str_equal (((CaucusDigestEntry *) digest->pdata[i])->doc_id, "ev-new"))
        e = digest->pdata[i];
    g_assert_nonnull (e);
    g_assert_cmpint (e->kind, ==, CAUCUS_DIGEST_NEW_SESSION);
    view = caucus_digest_view_new (GTK_WINDOW (current_window ()),
                                   caucus_application_get_store (app), digest);
    g_assert_cmpuint (caucus_digest_view_get_n_groups (view), >=, 1);
    gtk_window_destroy (GTK_WINDOW (view));
  }
  /* The draft is edited elsewhere; the digest shows its redline from what was here. */
  {
    g_autoptr(JsonObject) st = caucus_store_get (other->store, "st-d", NULL, &error);
    g_autofree char *rev = NULL;
    GPtrArray *digest;
    guint index = G_MAXUINT;

    g_assert_no_error (error);
    json_object_set_string_member (st, "body", "We call on all governments.\n");
    rev = caucus_store_put (other->store, st, &error);
    g_assert_no_error (error);
    g_assert_true (test_replicate (other->store, ana_url, CAUCUS_REPLICATION_PUSH, 10, &error));
    g_assert_no_error (error);
    caucus_sync_controller_sync_now (sync);
    caucus_test_wait_until (has_edited_draft, (gpointer) "st-d", 30, "the digest lists the edited draft");
    digest = caucus_sync_controller_get_digest (sync);
    for (guint i = 0; i < digest->len; i++)
      if (g_str_equal (((CaucusDigestEntry *) digest->pdata[i])->doc_id, "st-d"))
        index = i;
    g_assert_cmpint (((CaucusDigestEntry *) digest->pdata[index])->kind, ==,
                     CAUCUS_DIGEST_EDITED_DRAFT);
    view = caucus_digest_view_new (GTK_WINDOW (current_window ()),
                                   caucus_application_get_store (app), digest);
    g_assert_null (caucus_digest_view_get_redline_summary (view));
    g_assert_true (caucus_digest_view_show_redline (view, index));
    g_test_message ("redline: %s", caucus_digest_view_get_redline_summary (view));
    g_assert_nonnull (caucus_digest_view_get_redline_summary (view));
    gtk_window_destroy (GTK_WINDOW (view));
  }
  view = caucus_digest_view_new (GTK_WINDOW (current_window ()), NULL, NULL);
  g_assert_cmpuint (caucus_digest_view_get_n_groups (view), ==, 0);
  gtk_window_destroy (GTK_WINDOW (view));
}

/* A network monitor whose "metered" a test sets. */
#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

struct _FakeMonitor
{
  GObject parent_instance;
  gboolean metered;
};

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void fake_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      fake_monitor_iface_init))

static gboolean
fake_init (GInitable     *initable,
           GCancellable  *cancellable,
           GError       **error)
{
  return TRUE;
}

static void
fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_init;
}

enum { FAKE_PROP_0, FAKE_PROP_AVAILABLE, FAKE_PROP_METERED, FAKE_PROP_CONNECTIVITY };

static gboolean
fake_can_reach (GNetworkMonitor     *monitor,
                GSocketConnectable  *connectable,
                GCancellable        *cancellable,
                GError             **error)
{
  return TRUE;
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = fake_can_reach;
}

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, TRUE);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
}

static void
fake_monitor_set_metered (FakeMonitor *self,
                          gboolean     metered)
{
  self->metered = metered;
  g_object_notify (G_OBJECT (self), "network-metered");
}

static void
test_metered (void)
{
  CaucusWorkspaceList *list = caucus_application_get_workspaces (app);
  CaucusWorkspace *ws = caucus_workspace_list_get_selected (list);
  g_autoptr(FakeMonitor) monitor = g_object_new (FAKE_TYPE_MONITOR, NULL);
  g_autoptr(GSettings) settings = g_settings_new (CAUCUS_APP_ID);
  g_autoptr(CaucusSyncController) sync = NULL;

  g_assert_nonnull (caucus_workspace_get_server_url (ws));
  g_settings_set_boolean (settings, "sync-on-metered", FALSE);
  sync = caucus_sync_controller_new (caucus_application_get_store (app), ws,
                                     G_NETWORK_MONITOR (monitor));
  caucus_sync_controller_bind_metered (sync, settings);
  caucus_sync_controller_start (sync);
  g_assert_false (caucus_sync_controller_get_paused (sync));

  /* On a metered network sync pauses and says why. */
  fake_monitor_set_metered (monitor, TRUE);
  g_assert_true (caucus_sync_controller_get_paused (sync));
  g_assert_cmpint (caucus_sync_controller_get_status (sync), ==, CAUCUS_SYNC_STATUS_OFFLINE);
  g_assert_nonnull (strstr (caucus_sync_controller_get_detail (sync), "metered"));
  /* Allowed in Preferences: it goes on. */
  g_settings_set_boolean (settings, "sync-on-metered", TRUE);
  g_assert_false (caucus_sync_controller_get_paused (sync));
  g_settings_set_boolean (settings, "sync-on-metered", FALSE);
  g_assert_true (caucus_sync_controller_get_paused (sync));
  /* "Sync Now" asks for it anyway, until the network changes. */
  caucus_sync_controller_sync_now (sync);
  g_assert_false (caucus_sync_controller_get_paused (sync));
  fake_monitor_set_metered (monitor, TRUE);
  g_assert_true (caucus_sync_controller_get_paused (sync));
  fake_monitor_set_metered (monitor, FALSE);
  g_assert_false (caucus_sync_controller_get_paused (sync));
}

static void
test_review_queue (void)
{
  CaucusStore *store = caucus_application_get_store (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev1 = test_put (store, "{\"_id\":\"st-r\",\"type\":\"statement\","
                                           "\"title\":\"Draft\",\"status\":\"draft\","
                                           "\"body\":\"One.\\n\"}");
  g_autofree char *edit = g_strdup_printf ("{\"_id\":\"st-r\",\"_rev\":\"%s\",\"type\":"
                                           "\"statement\",\"title\":\"Draft here\",\"status\":"
                                           "\"draft\",\"body\":\"One.\\n\"}", rev1);
  g_autofree char *rev2 = test_put (store, edit);
  g_autofree char *sibling = g_strdup_printf ("{\"_id\":\"st-r\",\"_rev\":\"2-%032x\","
                                              "\"_revisions\":{\"start\":2,\"ids\":[\"%032x\","
                                              "\"%s\"]},\"type\":\"statement\",\"title\":"
                                              "\"Draft elsewhere\",\"status\":\"draft\","
                                              "\"body\":\"One.\\n\"}", 1, 1, strchr (rev1, '-') + 1);
  g_autoptr(JsonObject) doc = test_parse (sibling);
  g_autoptr(JsonObject) after = NULL;
  g_auto(GStrv) leaves = NULL;
  CaucusReviewDialog *dialog;
  guint live = 0;

  /* A conflicting revision arrives as replication writes it. */
  g_assert_true (caucus_store_put_with_history (store, doc, &error));
  g_assert_no_error (error);

  dialog = caucus_review_dialog_new (GTK_WINDOW (current_window ()), store);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (caucus_review_dialog_get_n_waiting (dialog), ==, 1);
  g_assert_true (caucus_review_dialog_open_document (dialog, "st-r"));
  g_assert_cmpuint (caucus_review_dialog_get_n_fields (dialog), ==, 1);
  /* Nothing is discarded without a decision. */
  g_assert_false (caucus_review_dialog_resolve (dialog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  leaves = caucus_store_get_leaves (store, "st-r", NULL);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);

  g_assert_true (caucus_review_dialog_choose (dialog, "title", 1));
  g_assert_true (caucus_review_dialog_resolve (dialog, &error));
  g_assert_no_error (error);
  after = caucus_store_get (store, "st-r", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (after, "_conflicts"));
  {
    g_autoptr(GPtrArray) open = caucus_store_get_open_revs (store, "st-r", NULL, NULL, &error);
    for (guint i = 0; i < open->len; i++)
      {
        JsonObject *ok = json_object_get_object_member (open->pdata[i], "ok");
        if (ok && !json_object_get_boolean_member_with_default (ok, "_deleted", FALSE))
          live++;
      }
  }
  g_assert_cmpuint (live, ==, 1);
  /* Which title won depends on which leaf was the winner; the other one was chosen. */
  g_assert_cmpstr (json_object_get_string_member (after, "title"), !=, "Draft");
  gtk_window_destroy (GTK_WINDOW (dialog));
  (void) rev2;
}

static gboolean
person_linked (gpointer data)
{
  CaucusSearchEverywhere *search = data;

  caucus_search_everywhere_search (search, "micek");
  return caucus_search_everywhere_get_n_results (search) >= 1 &&
         g_strcmp0 (caucus_search_everywhere_get_result_type (search, 0), "person") == 0 &&
         caucus_search_everywhere_get_n_linked (search, 0) >= 2;
}

static void
test_search_everywhere (void)
{
  CaucusStore *store = caucus_application_get_store (app);
  g_autoptr(GError) error = NULL;
  CaucusSampleReport report = { 0, 0 };
  CaucusSearchEverywhere *search;
  int last_group = -1;
  static const char *order[] = { "org", "person", "event", "statement" };

  g_assert_true (caucus_sample_load (store, &report, &error));
  g_assert_no_error (error);
  search = caucus_search_everywhere_new (GTK_WINDOW (current_window ()), store,
                                         caucus_application_get_model_index (app));
  gtk_window_present (GTK_WINDOW (search));
  caucus_search_everywhere_search (search, "baku");
  g_assert_cmpuint (caucus_search_everywhere_get_n_results (search), >, 0);
  for (guint i = 0; i < caucus_search_everywhere_get_n_results (search); i++)
    {
      const char *type = caucus_search_everywhere_get_result_type (search, i);
      int group = -1;

      for (guint g = 0; g < G_N_ELEMENTS (order); g++)
        if (g_str_equal (order[g], type))
          group = g;
      g_assert_cmpint (group, >=, last_group);
      last_group = group;
    }
  /* A person leads to their sessions and their organisation's signed statements. */
  /* The model's index follows the store's changes in the main loop: search until it has. */
  caucus_test_wait_until (person_linked, search, 30, "a person's result links sessions and statements");
  caucus_search_everywhere_search (search, "zzzqqq");
  g_assert_cmpuint (caucus_search_everywhere_get_n_results (search), ==, 0);
  gtk_window_destroy (GTK_WINDOW (search));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  data_home = caucus_test_isolate_user_dirs ("caucus-test-whole-XXXXXX");

  g_test_init (&argc, &argv, NULL);
  caucus_test_init_gtk ();

  server = whole_server_start ();
  app = caucus_application_new ();
  caucus_test_register_app (G_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));

  /* In order: each test builds on what the previous ones left. */
  g_test_add_func ("/ui/whole/workspaces", test_workspaces);
  g_test_add_func ("/ui/whole/connect-dialog", test_connect_dialog);
  g_test_add_func ("/ui/whole/sync-and-digest", test_sync_and_digest);
  g_test_add_func ("/ui/whole/metered", test_metered);
  g_test_add_func ("/ui/whole/review-queue", test_review_queue);
  g_test_add_func ("/ui/whole/search-everywhere", test_search_everywhere);
  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  caucus_test_iterate_ms (50);
  g_clear_object (&app);
  whole_server_stop (server);
  caucus_test_remove_tree (data_home);
  return status;
}
