/* caucus-sync-button.c — the header bar's sync-status button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An icon in the header bar and a popover that says in words what the sync
 * service is doing.  The sync service drives it through
 * caucus_window_set_sync_state(); until a server is configured it reads
 * "Local only — no server".
 */
#include <glib/gi18n.h>

#include "caucus-sync-button.h"

struct _CaucusSyncButton
{
  AdwBin parent_instance;

  GtkMenuButton *menu_button;
  GtkLabel *title_label;
  GtkLabel *description_label;
  GtkWidget *retry_button;
  GtkWidget *sync_now_button;
  GtkWidget *review_button;
  GtkWidget *digest_button;
  GtkWidget *connect_button;

  CaucusSyncStatus state;
  char *detail;
};

G_DEFINE_ENUM_TYPE (CaucusSyncStatus, caucus_sync_status,
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_LOCAL_ONLY, "local-only"),
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATUS_CONFLICTS, "conflicts"))

G_DEFINE_FINAL_TYPE (CaucusSyncButton, caucus_sync_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *icon_name;
  const char *title;
  const char *description;
} StateInfo;

static const StateInfo state_info[] = {
  [CAUCUS_SYNC_STATUS_LOCAL_ONLY] = {
    "computer-symbolic",
    N_("Local only — no server"),
    N_("Everything is kept on this device. Connect to your coalition’s server to share the "
       "directory, calendar and statements with your team."),
  },
  [CAUCUS_SYNC_STATUS_OFFLINE] = {
    "network-offline-symbolic",
    N_("Offline"),
    N_("Your changes are kept on this device and are sent as soon as the server can be "
       "reached again."),
  },
  [CAUCUS_SYNC_STATUS_SYNCING] = {
    "emblem-synchronizing-symbolic",
    N_("Syncing…"),
    N_("Exchanging changes with the server."),
  },
  [CAUCUS_SYNC_STATUS_UP_TO_DATE] = {
    "emblem-ok-symbolic",
    N_("Up to date"),
    N_("Everything on this device matches the server."),
  },
  [CAUCUS_SYNC_STATUS_ERROR] = {
    "dialog-warning-symbolic",
    N_("Sync failed"),
    N_("The last attempt to sync did not succeed. Caucus tries again on its own."),
  },
  [CAUCUS_SYNC_STATUS_CONFLICTS] = {
    "dialog-warning-symbolic",
    N_("Conflicts waiting"),
    N_("Some changes made here and elsewhere could not be merged on their own and wait "
       "for your review."),
  },
};

static void
update_display (CaucusSyncButton *self)
{
  const StateInfo *info = &state_info[self->state];
  const char *title = gettext (info->title);
  const char *description = self->detail != NULL ? self->detail : gettext (info->description);

  gtk_menu_button_set_icon_name (self->menu_button, info->icon_name);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->description_label, description);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  /* The popover offers what can be done in this state. */
  gtk_widget_set_visible (self->retry_button, self->state == CAUCUS_SYNC_STATUS_ERROR ||
                                              self->state == CAUCUS_SYNC_STATUS_OFFLINE);
  gtk_widget_set_visible (self->sync_now_button, self->state == CAUCUS_SYNC_STATUS_UP_TO_DATE ||
                                                 self->state == CAUCUS_SYNC_STATUS_SYNCING ||
                                                 self->state == CAUCUS_SYNC_STATUS_CONFLICTS);
  gtk_widget_set_visible (self->review_button, self->state == CAUCUS_SYNC_STATUS_CONFLICTS);
  gtk_widget_set_visible (self->digest_button, self->state != CAUCUS_SYNC_STATUS_LOCAL_ONLY);
  /* After an error (a changed password, a moved server) the connection can be fixed here. */
  gtk_widget_set_visible (self->connect_button, self->state == CAUCUS_SYNC_STATUS_LOCAL_ONLY ||
                                                self->state == CAUCUS_SYNC_STATUS_ERROR);

  if (self->state == CAUCUS_SYNC_STATUS_ERROR || self->state == CAUCUS_SYNC_STATUS_CONFLICTS)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");
}

static void
caucus_sync_button_dispose (GObject *object)
{
  /* The bin lets go of its child first, so the two do not both unparent it. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_SYNC_BUTTON);

  G_OBJECT_CLASS (caucus_sync_button_parent_class)->dispose (object);
}

static void
caucus_sync_button_finalize (GObject *object)
{
  CaucusSyncButton *self = CAUCUS_SYNC_BUTTON (object);

  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (caucus_sync_button_parent_class)->finalize (object);
}

static void
caucus_sync_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaucusSyncButton *self = CAUCUS_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_sync_button_class_init (CaucusSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_sync_button_dispose;
  object_class->finalize = caucus_sync_button_finalize;
  object_class->get_property = caucus_sync_button_get_property;

  /* Read-only: a state and its detail change together, through set_state(). */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CAUCUS_TYPE_SYNC_STATUS, CAUCUS_SYNC_STATUS_LOCAL_ONLY,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, title_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, description_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, review_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, digest_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusSyncButton, connect_button);
}

static void
caucus_sync_button_init (CaucusSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* An action taken from the popover closes it. */
  g_signal_connect_swapped (self->retry_button, "clicked",
                            G_CALLBACK (gtk_menu_button_popdown), self->menu_button);
  g_signal_connect_swapped (self->sync_now_button, "clicked",
                            G_CALLBACK (gtk_menu_button_popdown), self->menu_button);
  g_signal_connect_swapped (self->review_button, "clicked",
                            G_CALLBACK (gtk_menu_button_popdown), self->menu_button);
  g_signal_connect_swapped (self->digest_button, "clicked",
                            G_CALLBACK (gtk_menu_button_popdown), self->menu_button);
  g_signal_connect_swapped (self->connect_button, "clicked",
                            G_CALLBACK (gtk_menu_button_popdown), self->menu_button);

  self->state = CAUCUS_SYNC_STATUS_LOCAL_ONLY;
  update_display (self);
}

GtkWidget *
caucus_sync_button_new (void)
{
  return g_object_new (CAUCUS_TYPE_SYNC_BUTTON, NULL);
}

CaucusSyncStatus
caucus_sync_button_get_state (CaucusSyncButton *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_BUTTON (self), CAUCUS_SYNC_STATUS_LOCAL_ONLY);

  return self->state;
}

const char *
caucus_sync_button_get_detail (CaucusSyncButton *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_BUTTON (self), NULL);

  return self->detail;
}

/**
 * caucus_sync_button_get_title:
 * @self: a #CaucusSyncButton
 *
 * Returns: the words the button shows for its state (its tooltip and the
 *   popover's heading), translated
 */
const char *
caucus_sync_button_get_title (CaucusSyncButton *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_BUTTON (self), NULL);

  return gtk_label_get_label (self->title_label);
}

/**
 * caucus_sync_button_set_state:
 * @self: a #CaucusSyncButton
 * @state: the sync state
 * @detail: (nullable): a sentence for the popover in place of the state's
 *   general description: the reason of an error, the progress of a sync
 *
 * Shows @state.
 */
void
caucus_sync_button_set_state (CaucusSyncButton *self,
                              CaucusSyncStatus   state,
                              const char       *detail)
{
  gboolean state_changed;
  gboolean detail_changed;

  g_return_if_fail (CAUCUS_IS_SYNC_BUTTON (self));
  g_return_if_fail (state <= CAUCUS_SYNC_STATUS_CONFLICTS);

  state_changed = self->state != state;
  detail_changed = g_strcmp0 (self->detail, detail) != 0;
  if (!state_changed && !detail_changed)
    return;

  self->state = state;
  if (detail_changed)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
    }
  update_display (self);

  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (detail_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}
