/* caucus-sync-controller.c — one workspace's sync, as the window shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-digest.h"
#include "caucus-resolve.h"
#include "caucus-sync-controller.h"
#include "caucus-sync-service.h"

struct _CaucusSyncController
{
  GObject parent_instance;

  CaucusStore *store;
  CaucusWorkspace *workspace;
  CaucusSyncService *service;     /* NULL: local only */
  CaucusSyncStatus status;
  char *detail;
  GPtrArray *digest;              /* CaucusDigestEntry*, the last one with entries */
  guint conflicts;

  GNetworkMonitor *monitor;
  GSettings *settings;            /* NULL: metered connections are not special */
  gboolean started;               /* start() was called */
  gboolean paused;                /* metered and not allowed: the service is stopped */
  gboolean metered_override;      /* "Sync Now" while paused, until the network changes */
};

G_DEFINE_FINAL_TYPE (CaucusSyncController, caucus_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_DETAIL,
  N_PROPS
};

enum {
  SIGNAL_DIGEST_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GStrv
caucus_list_conflicted_documents (CaucusStore  *store,
                              GError      **error)
{
  CaucusAllDocsOptions opts = { .limit = -1, .include_docs = TRUE, .conflicts = TRUE };
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  JsonArray *rows;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  all = caucus_store_all_docs (store, &opts, error);
  if (all == NULL)
    return NULL;
  rows = json_object_get_array_member (all, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonNode *doc = json_object_get_member (row, "doc");

      if (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc) &&
          json_object_has_member (json_node_get_object (doc), "_conflicts") &&
          json_array_get_length (json_object_get_array_member (json_node_get_object (doc),
                                                               "_conflicts")) > 0)
        g_strv_builder_add (ids, json_object_get_string_member (row, "id"));
    }
  return g_strv_builder_end (ids);
}

static void
set_status (CaucusSyncController *self,
            CaucusSyncStatus      status,
            const char           *detail)
{
  gboolean changed = FALSE;

  if (self->status != status)
    {
      self->status = status;
      changed = TRUE;
    }
  if (g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
      changed = TRUE;
    }
  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
    }
}

static char *
server_host (CaucusSyncController *self)
{
  const char *url = self->workspace ? caucus_workspace_get_server_url (self->workspace) : NULL;
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri ? g_uri_get_host (uri) : _("the server"));
}

static void
update_status (CaucusSyncController *self)
{
  g_autofree char *host = NULL;
  g_autofree char *detail = NULL;

  if (self->service == NULL)
    {
      if (self->conflicts > 0)
        {
          detail = g_strdup_printf (ngettext ("%u document has changes that could not be "
                                              "merged on their own; open the review queue to "
                                              "decide.",
                                              "%u documents have changes that could not be "
                                              "merged on their own; open the review queue to "
                                              "decide.", self->conflicts), self->conflicts);
          set_status (self, CAUCUS_SYNC_STATUS_CONFLICTS, detail);
        }
      else
        set_status (self, CAUCUS_SYNC_STATUS_LOCAL_ONLY, NULL);
      return;
    }

  host = server_host (self);
  if (self->paused)
    {
      detail = g_strdup_printf (_("Paused: this connection is metered. Your changes are kept "
                                  "on this device; “Sync Now” sends them to %s anyway, or allow "
                                  "metered connections in Preferences."), host);
      set_status (self, CAUCUS_SYNC_STATUS_OFFLINE, detail);
      return;
    }
  switch (caucus_sync_service_get_state (self->service))
    {
    case CAUCUS_SYNC_STATE_STOPPED:
    case CAUCUS_SYNC_STATE_OFFLINE:
      detail = g_strdup_printf (_("No network. Your changes are kept on this device and are "
                                  "sent to %s as soon as it can be reached."), host);
      set_status (self, CAUCUS_SYNC_STATUS_OFFLINE, detail);
      break;

    case CAUCUS_SYNC_STATE_CONNECTING:
      detail = g_strdup_printf (_("Connecting to %s…"), host);
      set_status (self, CAUCUS_SYNC_STATUS_SYNCING, detail);
      break;

    case CAUCUS_SYNC_STATE_SYNCING:
      {
        guint64 done = caucus_sync_service_get_docs_done (self->service);
        gint64 pending = caucus_sync_service_get_docs_pending (self->service);

        /* Numbers as strings: a G_GUINT64_FORMAT inside _() would cut the message
         * short for xgettext, and translators would never see it whole. */
        g_autofree char *done_text = g_strdup_printf ("%" G_GUINT64_FORMAT, done);
        g_autofree char *pending_text = g_strdup_printf ("%" G_GINT64_FORMAT, pending);

        if (pending > 0)
          /* Translators: "Exchanging changes with sync.example.org: 120 done, 30 to go." */
          detail = g_strdup_printf (_("Exchanging changes with %s: %s done, %s to go."),
                                    host, done_text, pending_text);
        else
          detail = g_strdup_printf (_("Exchanging changes with %s: %s done."), host, done_text);
        set_status (self, CAUCUS_SYNC_STATUS_SYNCING, detail);
      }
      break;

    case CAUCUS_SYNC_STATE_UP_TO_DATE:
      if (self->conflicts > 0)
        {
          detail = g_strdup_printf (ngettext ("Up to date with %s. %u document has changes "
                                              "that could not be merged on their own; open "
                                              "the review queue to decide.",
                                              "Up to date with %s. %u documents have changes "
                                              "that could not be merged on their own; open "
                                              "the review queue to decide.", self->conflicts),
                                    host, self->conflicts);
          set_status (self, CAUCUS_SYNC_STATUS_CONFLICTS, detail);
        }
      else
        {
          GDateTime *when = caucus_sync_service_get_last_synced (self->service);
          g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
          g_autofree char *time = local ? g_date_time_format (local, "%H:%M") : NULL;

          detail = time ? g_strdup_printf (_("Everything matches %s (checked at %s)."), host, time)
                        : g_strdup_printf (_("Everything matches %s."), host);
          set_status (self, CAUCUS_SYNC_STATUS_UP_TO_DATE, detail);
        }
      break;

    case CAUCUS_SYNC_STATE_ERROR:
      {
        const char *message = caucus_sync_service_get_error_message (self->service);
        detail = g_strdup (message ? message : _("The last attempt to sync failed; Caucus "
                                                 "tries again on its own."));
        set_status (self, CAUCUS_SYNC_STATUS_ERROR, detail);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
recount_conflicts (CaucusSyncController *self)
{
  g_auto(GStrv) ids = caucus_list_conflicted_documents (self->store, NULL);

  self->conflicts = ids ? g_strv_length (ids) : 0;
}

guint
caucus_sync_controller_update_digest (CaucusSyncController *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 mark, now;

  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), 0);

  mark = caucus_digest_get_mark (self->store);
  now = caucus_store_get_update_seq (self->store);
  if (now <= mark)
    return 0;
  entries = caucus_digest_compute (self->store, mark, now,
                                   self->workspace ? caucus_workspace_get_user (self->workspace)
                                                   : NULL, &error);
  if (entries == NULL)
    {
      g_warning ("The digest of what changed could not be computed: %s", error->message);
      return 0;
    }
  if (!caucus_digest_set_mark (self->store, now, &error))
    g_warning ("The digest mark could not be saved: %s", error->message);
  if (entries->len == 0)
    return 0;
  g_clear_pointer (&self->digest, g_ptr_array_unref);
  self->digest = g_steal_pointer (&entries);
  g_signal_emit (self, signals[SIGNAL_DIGEST_READY], 0, self->digest->len);
  return self->digest->len;
}

static void
service_state_cb (CaucusSyncController *self)
{
  if (caucus_sync_service_get_state (self->service) == CAUCUS_SYNC_STATE_UP_TO_DATE)
    {
      recount_conflicts (self);
      caucus_sync_controller_update_digest (self);
    }
  update_status (self);
}

static void
conflicts_detected_cb (CaucusSyncService  *service,
                       const char * const *ids,
                       CaucusSyncController *self)
{
  g_autoptr(GError) error = NULL;
  guint merged = 0, conflicted = 0;

  /* What the merge rules can settle is settled here, and converges on every replica. */
  if (!caucus_resolve_documents (self->store, ids, &merged, &conflicted, &error))
    g_warning ("Conflicting changes could not be merged: %s", error->message);
  recount_conflicts (self);
  update_status (self);
}

static void
apply_metered (CaucusSyncController *self)
{
  gboolean allowed = self->settings == NULL ||
                     g_settings_get_boolean (self->settings, "sync-on-metered");
  gboolean pause = self->service != NULL && !allowed && !self->metered_override &&
                   g_network_monitor_get_network_metered (self->monitor);

  if (pause != self->paused)
    {
      self->paused = pause;
      if (self->started)
        {
          if (pause)
            caucus_sync_service_stop (self->service);
          else
            caucus_sync_service_start (self->service);
        }
    }
  update_status (self);
}

static void
network_metered_cb (CaucusSyncController *self)
{
  /* A new network: "Sync Now" on the old one does not carry over. */
  self->metered_override = FALSE;
  apply_metered (self);
}

void
caucus_sync_controller_bind_metered (CaucusSyncController *self,
                                     GSettings            *settings)
{
  g_return_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::sync-on-metered", G_CALLBACK (apply_metered),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-metered",
                           G_CALLBACK (network_metered_cb), self, G_CONNECT_SWAPPED);
  apply_metered (self);
}

gboolean
caucus_sync_controller_get_paused (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), FALSE);
  return self->paused;
}

CaucusSyncController *
caucus_sync_controller_new (CaucusStore     *store,
                            CaucusWorkspace *workspace,
                            GNetworkMonitor *monitor)
{
  CaucusSyncController *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (workspace == NULL || CAUCUS_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (CAUCUS_TYPE_SYNC_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  self->monitor = g_object_ref (monitor ? monitor : g_network_monitor_get_default ());
  if (workspace != NULL)
    self->workspace = g_object_ref (workspace);
  if (workspace != NULL && caucus_workspace_get_server_url (workspace) != NULL)
    {
      self->service = caucus_sync_service_new (store, caucus_workspace_get_server_url (workspace),
                                               caucus_workspace_get_user (workspace), monitor);
      g_signal_connect_object (self->service, "notify::state", G_CALLBACK (service_state_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->service, "notify::docs-done", G_CALLBACK (update_status),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->service, "notify::error-message",
                               G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->service, "conflicts-detected",
                               G_CALLBACK (conflicts_detected_cb), self, 0);
    }
  /* The first time a workspace is opened, "since I last synced" starts now: what is
   * already here is not news. */
  if (caucus_digest_get_mark (store) == 0 &&
      !caucus_digest_set_mark (store, caucus_store_get_update_seq (store), NULL))
    g_warning ("The digest mark of the workspace could not be saved");
  recount_conflicts (self);
  update_status (self);
  return self;
}

void
caucus_sync_controller_start (CaucusSyncController *self)
{
  g_return_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self));
  self->started = TRUE;
  if (self->service != NULL && !self->paused)
    caucus_sync_service_start (self->service);
  update_status (self);
}

void
caucus_sync_controller_sync_now (CaucusSyncController *self)
{
  g_return_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self));
  recount_conflicts (self);
  if (self->paused)
    {
      /* Asked for explicitly: sync on this metered network after all. */
      self->metered_override = TRUE;
      apply_metered (self);
    }
  else if (self->service != NULL)
    caucus_sync_service_sync_now (self->service);
  update_status (self);
}

void
caucus_sync_controller_set_password (CaucusSyncController *self,
                                     const char           *password)
{
  g_return_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self));
  if (self->service != NULL)
    caucus_sync_service_set_password (self->service, password);
}

CaucusSyncStatus
caucus_sync_controller_get_status (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), CAUCUS_SYNC_STATUS_LOCAL_ONLY);
  return self->status;
}

const char *
caucus_sync_controller_get_detail (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), NULL);
  return self->detail;
}

gboolean
caucus_sync_controller_has_server (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), FALSE);
  return self->service != NULL;
}

guint
caucus_sync_controller_count_conflicts (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), 0);
  recount_conflicts (self);
  update_status (self);
  return self->conflicts;
}

GPtrArray *
caucus_sync_controller_get_digest (CaucusSyncController *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_CONTROLLER (self), NULL);
  return self->digest;
}

static void
caucus_sync_controller_dispose (GObject *object)
{
  CaucusSyncController *self = CAUCUS_SYNC_CONTROLLER (object);

  if (self->service != NULL)
    caucus_sync_service_stop (self->service);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (caucus_sync_controller_parent_class)->dispose (object);
}

static void
caucus_sync_controller_finalize (GObject *object)
{
  CaucusSyncController *self = CAUCUS_SYNC_CONTROLLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->workspace);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->digest, g_ptr_array_unref);
  G_OBJECT_CLASS (caucus_sync_controller_parent_class)->finalize (object);
}

static void
caucus_sync_controller_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CaucusSyncController *self = CAUCUS_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_sync_controller_class_init (CaucusSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_sync_controller_dispose;
  object_class->finalize = caucus_sync_controller_finalize;
  object_class->get_property = caucus_sync_controller_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CAUCUS_TYPE_SYNC_STATUS,
                       CAUCUS_SYNC_STATUS_LOCAL_ONLY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DIGEST_READY] =
    g_signal_new ("digest-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
caucus_sync_controller_init (CaucusSyncController *self)
{
  self->status = CAUCUS_SYNC_STATUS_LOCAL_ONLY;
}
