/* caucus-connect-dialog.c — connect a workspace to its coalition's server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-connect-dialog.h"
#include "caucus-sync-credentials.h"

struct _CaucusConnectDialog
{
  AdwWindow parent_instance;

  CaucusWorkspaceList *list;
  CaucusWorkspace *workspace;
  GCancellable *cancellable;
  CaucusProbeResult *result;
  gboolean busy;
  gboolean connect_after_test;

  AdwEntryRow *url_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkWidget *test_button;
  GtkWidget *connect_button;
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (CaucusConnectDialog, caucus_connect_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (CaucusConnectDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->test_button, !busy);
  gtk_widget_set_sensitive (self->connect_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_status (CaucusConnectDialog *self,
             const char          *icon,
             const char          *text,
             gboolean             error)
{
  gtk_image_set_from_icon_name (self->status_icon, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), icon != NULL);
  gtk_label_set_label (self->status_label, text);
  /* A selectable label is a Tab stop: while it says nothing it is hidden. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  /* Screen readers hear the outcome when it arrives. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* An icon-only button named by its tooltip, kept in step when the tooltip changes. */
static void
name_from_tooltip (GtkWidget *button)
{
  const char *tip = gtk_widget_get_tooltip_text (button);

  if (tip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tip, -1);
}

static void
button_tooltip_changed_cb (GtkWidget  *button,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  name_from_tooltip (button);
}

/* libadwaita 1.2's password row has an icon-only "Show Text"/"Hide Text" button (and
 * a hidden Apply button) with a tooltip and no accessible name: a screen reader says
 * "button".  Each takes its tooltip, which libadwaita translates and switches between
 * "Show Text" and "Hide Text", as its name. */
static void
name_icon_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          name_from_tooltip (child);
          g_signal_connect (child, "notify::tooltip-text",
                            G_CALLBACK (button_tooltip_changed_cb), NULL);
        }
      else
        name_icon_buttons (child);
    }
}

static const char *
field (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

typedef struct
{
  char *url;
  char *user;
  char *password;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->url);
  g_free (data->user);
  g_free (data->password);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (caucus_sync_save_password (data->url, data->user, data->password, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
finish_connect (CaucusConnectDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (field (self->url_row), field (self->user_row),
                                                      NULL, &error);

  if (remote == NULL ||
      !caucus_workspace_list_set_server (self->list, self->workspace, remote->url,
                                         remote->user, &error))
    {
      show_status (self, "dialog-error-symbolic", error->message, TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(CaucusConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = g_strdup_printf (_("The connection works, but the password could not be kept in "
                                "the keyring, so Caucus could not sync on its own: %s. Unlock "
                                "or set up the keyring (GNOME Keyring) and connect again."),
                              error->message);
      show_status (self, "dialog-error-symbolic", text, TRUE);
      return;
    }
  set_busy (self, FALSE);
  finish_connect (self);
}

static void
save_and_connect (CaucusConnectDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (field (self->url_row), field (self->user_row),
                                                      NULL, NULL);
  SaveData *data;

  if (remote == NULL || remote->user == NULL || *field ((AdwEntryRow *) self->password_row) == '\0')
    {
      /* Nothing to keep: an open server, or credentials in the address. */
      finish_connect (self);
      return;
    }
  data = g_new0 (SaveData, 1);
  data->url = g_strdup (remote->url);
  data->user = g_strdup (remote->user);
  data->password = g_strdup (field ((AdwEntryRow *) self->password_row));
  set_busy (self, TRUE);
  show_status (self, NULL, _("Keeping the password in the keyring…"), FALSE);
  task = g_task_new (NULL, self->cancellable, saved_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static const char *
outcome_icon (CaucusProbeOutcome outcome)
{
  switch (outcome)
    {
    case CAUCUS_PROBE_OK:
      return "emblem-ok-symbolic";
    case CAUCUS_PROBE_UNREACHABLE:
      return "network-offline-symbolic";
    case CAUCUS_PROBE_TLS_UNTRUSTED:
      return "channel-insecure-symbolic";
    case CAUCUS_PROBE_WRONG_PASSWORD:
    case CAUCUS_PROBE_NOT_MEMBER:
      return "dialog-password-symbolic";
    case CAUCUS_PROBE_INVALID_URL:
    case CAUCUS_PROBE_NOT_COUCHDB:
    case CAUCUS_PROBE_NO_DATABASE:
    case CAUCUS_PROBE_SERVER_ERROR:
    default:
      return "dialog-error-symbolic";
    }
}

static void
probe_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(CaucusConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CaucusProbeResult *result = caucus_sync_probe_finish (res, &error);

  if (result == NULL)
    return;   /* cancelled: the dialog is closing */
  set_busy (self, FALSE);
  g_clear_pointer (&self->result, caucus_probe_result_free);
  self->result = result;
  show_status (self, outcome_icon (result->outcome), result->message,
               result->outcome != CAUCUS_PROBE_OK);
  if (result->outcome == CAUCUS_PROBE_OK && self->connect_after_test)
    save_and_connect (self);
  self->connect_after_test = FALSE;
}

static void
start_test (CaucusConnectDialog *self)
{
  const char *url = field (self->url_row);

  g_clear_pointer (&self->result, caucus_probe_result_free);
  if (*url == '\0')
    {
      self->connect_after_test = FALSE;
      show_status (self, "dialog-error-symbolic",
                   _("Enter the workspace’s address on the server, such as "
                     "https://sync.example.org/coalition."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  set_busy (self, TRUE);
  show_status (self, NULL, _("Testing the connection…"), FALSE);
  caucus_sync_probe_async (url, field (self->user_row),
                           *field ((AdwEntryRow *) self->password_row)
                             ? field ((AdwEntryRow *) self->password_row) : NULL,
                           15, self->cancellable, probe_cb, g_object_ref (self));
}

void
caucus_connect_dialog_test (CaucusConnectDialog *self)
{
  g_return_if_fail (CAUCUS_IS_CONNECT_DIALOG (self));
  self->connect_after_test = FALSE;
  start_test (self);
}

static void
test_clicked_cb (CaucusConnectDialog *self)
{
  caucus_connect_dialog_test (self);
}

static void
connect_clicked_cb (CaucusConnectDialog *self)
{
  self->connect_after_test = TRUE;
  start_test (self);
}

static void
cancel_clicked_cb (CaucusConnectDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
build_content (CaucusConnectDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *scroll = gtk_scrolled_window_new ();

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->connect_button = gtk_button_new_with_mnemonic (_("C_onnect"));
  gtk_widget_add_css_class (self->connect_button, "suggested-action");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (connect_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->connect_button);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The address of the workspace’s database on your "
                                           "coalition’s caucus-server or CouchDB, and your "
                                           "account there. The password is kept in the "
                                           "keyring, never in a file."));
  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row), _("Server Address"));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "https://");
  self->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User Name"));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  name_icon_buttons (GTK_WIDGET (self->password_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->url_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->user_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->password_row));
  gtk_box_append (GTK_BOX (inner), group);

  self->test_button = gtk_button_new_with_mnemonic (_("_Test Connection"));
  gtk_widget_add_css_class (self->test_button, "pill");
  gtk_widget_set_halign (self->test_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
  gtk_box_append (GTK_BOX (inner), self->test_button);

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->status_icon), GTK_ALIGN_START);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->status_icon));
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (inner), status);

  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), scroll);
  return box;
}

CaucusConnectDialog *
caucus_connect_dialog_new (GtkWindow           *parent,
                           CaucusWorkspaceList *list,
                           CaucusWorkspace     *workspace)
{
  CaucusConnectDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CAUCUS_IS_WORKSPACE_LIST (list), NULL);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (CAUCUS_TYPE_CONNECT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 480, "default-height", 460, NULL);
  self->list = g_object_ref (list);
  self->workspace = g_object_ref (workspace);
  title = g_strdup_printf (_("Connect “%s”"), caucus_workspace_get_name (workspace));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (caucus_workspace_get_server_url (workspace) != NULL)
    caucus_connect_dialog_set_fields (self, caucus_workspace_get_server_url (workspace),
                                      caucus_workspace_get_user (workspace), NULL);
  return self;
}

void
caucus_connect_dialog_set_fields (CaucusConnectDialog *self,
                                  const char          *url,
                                  const char          *user,
                                  const char          *password)
{
  g_return_if_fail (CAUCUS_IS_CONNECT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

const CaucusProbeResult *
caucus_connect_dialog_get_result (CaucusConnectDialog *self)
{
  g_return_val_if_fail (CAUCUS_IS_CONNECT_DIALOG (self), NULL);
  return self->result;
}

const char *
caucus_connect_dialog_get_status_text (CaucusConnectDialog *self)
{
  g_return_val_if_fail (CAUCUS_IS_CONNECT_DIALOG (self), NULL);
  return gtk_label_get_label (self->status_label);
}

gboolean
caucus_connect_dialog_get_busy (CaucusConnectDialog *self)
{
  g_return_val_if_fail (CAUCUS_IS_CONNECT_DIALOG (self), FALSE);
  return self->busy;
}

static void
caucus_connect_dialog_dispose (GObject *object)
{
  CaucusConnectDialog *self = CAUCUS_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (caucus_connect_dialog_parent_class)->dispose (object);
}

static void
caucus_connect_dialog_finalize (GObject *object)
{
  CaucusConnectDialog *self = CAUCUS_CONNECT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->list);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->result, caucus_probe_result_free);
  G_OBJECT_CLASS (caucus_connect_dialog_parent_class)->finalize (object);
}

static void
caucus_connect_dialog_class_init (CaucusConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_connect_dialog_dispose;
  object_class->finalize = caucus_connect_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
caucus_connect_dialog_init (CaucusConnectDialog *self)
{
  self->cancellable = g_cancellable_new ();
  adw_window_set_content (ADW_WINDOW (self), build_content (self));
}
