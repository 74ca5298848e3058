/* caucus-sync-service.c — see caucus-sync-service.h
 *
 * One "session" = the time the network is up and the credentials work: a continuous pull
 * replicator plus one-shot pushes started by a debounce timer after local changes (and
 * once at the start, to send what was edited offline).  Any failure ends the session;
 * a timer with exponential back-off and jitter starts the next one, except after refused
 * credentials.  Going offline ends the session without an error.
 */
#include "caucus-sync-service.h"
#include "caucus-replicator.h"
#include "caucus-sync-credentials.h"
#include "caucus-sync-error.h"

#define RETRY_BASE_MS  1000
#define RETRY_MAX_MS   (5 * 60 * 1000)

struct _CaucusSyncService {
  GObject           parent_instance;

  CaucusStore      *store;
  char             *remote_url;
  char             *user;
  char             *password;         /* given with set_password(), else NULL */
  GNetworkMonitor  *monitor;
  gulong            monitor_id;
  gulong            changed_id;
  guint             push_delay_ms;
  guint             timeout_s;

  gboolean          started;
  gboolean          auth_failed;
  GCancellable     *session;          /* non-NULL while a session runs */
  CaucusRemote     *remote;
  CaucusReplicator *pull;
  CaucusReplicator *push;
  gboolean          push_running;
  gboolean          push_again;
  gboolean          connected;
  guint             push_timer;
  guint             retry_timer;
  guint             retry_attempt;
  guint64           docs_base;        /* documents moved by finished pushes of this session */

  CaucusSyncState   state;
  char             *error_message;
  GDateTime        *last_synced;
  guint64           docs_done;
  gint64            docs_pending;
  GHashTable       *conflicted;       /* ids known to have conflicts */
};

G_DEFINE_TYPE (CaucusSyncService, caucus_sync_service, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CaucusSyncState, caucus_sync_state,
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_UP_TO_DATE, "up-to-date"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_REMOTE_URL,
  PROP_USER,
  PROP_NETWORK_MONITOR,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_LAST_SYNCED,
  PROP_DOCS_DONE,
  PROP_DOCS_PENDING,
  PROP_CONFLICTS,
  N_PROPS
};

enum {
  SIGNAL_CONFLICTS_DETECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reconsider (CaucusSyncService *self);

/* ---- state ------------------------------------------------------------------------- */

static void
set_state (CaucusSyncService *self,
           CaucusSyncState    state,
           const char        *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (state == CAUCUS_SYNC_STATE_UP_TO_DATE && self->state != CAUCUS_SYNC_STATE_UP_TO_DATE)
    {
      g_clear_pointer (&self->last_synced, g_date_time_unref);
      self->last_synced = g_date_time_new_now_local ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
recount_conflicts (CaucusSyncService *self)
{
  GHashTableIter iter;
  gpointer key;
  guint before = g_hash_table_size (self->conflicted);

  g_hash_table_iter_init (&iter, self->conflicted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CaucusGetOptions opts = { .conflicts = TRUE };
      g_autoptr(JsonObject) doc = caucus_store_get (self->store, key, &opts, NULL);

      if (doc == NULL || !json_object_has_member (doc, "_conflicts") ||
          json_array_get_length (json_object_get_array_member (doc, "_conflicts")) == 0)
        g_hash_table_iter_remove (&iter);
    }
  if (g_hash_table_size (self->conflicted) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
}

static void
update_progress (CaucusSyncService *self)
{
  guint64 done = self->docs_base;
  gint64 pending = -1;
  gboolean pull_caught_up;

  if (self->session == NULL)
    return;
  if (self->pull != NULL)
    {
      done += caucus_replicator_get_docs_written (self->pull);
      pending = caucus_replicator_get_pending (self->pull);
    }
  if (self->push != NULL && self->push_running)
    done += caucus_replicator_get_docs_written (self->push);
  if (done != self->docs_done)
    {
      self->docs_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCS_DONE]);
    }
  if (pending != self->docs_pending)
    {
      self->docs_pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCS_PENDING]);
    }

  pull_caught_up = self->pull != NULL && caucus_replicator_get_caught_up (self->pull);
  if (pull_caught_up)
    self->connected = TRUE;
  if (pull_caught_up && !self->push_running && self->push_timer == 0)
    {
      self->retry_attempt = 0;
      set_state (self, CAUCUS_SYNC_STATE_UP_TO_DATE, NULL);
    }
  else if (self->connected || done > 0)
    set_state (self, CAUCUS_SYNC_STATE_SYNCING, NULL);
  else if (self->state != CAUCUS_SYNC_STATE_ERROR)
    set_state (self, CAUCUS_SYNC_STATE_CONNECTING, NULL);
}

static void
progress_cb (CaucusSyncService *self)
{
  update_progress (self);
}

static void
conflicts_detected_cb (CaucusReplicator   *replicator,
                       const char * const *ids,
                       CaucusSyncService  *self)
{
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (self->conflicted, g_strdup (ids[i]));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
  /* Handlers (the model layer's merge rules) may resolve some of them right here. */
  g_signal_emit (self, signals[SIGNAL_CONFLICTS_DETECTED], 0, ids);
  recount_conflicts (self);
}

/* ---- sessions ---------------------------------------------------------------------- */

static void
halt (CaucusSyncService *self)
{
  if (self->session != NULL)
    g_cancellable_cancel (self->session);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->push_timer, g_source_remove);
  if (self->pull != NULL)
    g_signal_handlers_disconnect_by_data (self->pull, self);
  if (self->push != NULL)
    g_signal_handlers_disconnect_by_data (self->push, self);
  g_clear_object (&self->pull);
  g_clear_object (&self->push);
  g_clear_pointer (&self->remote, caucus_remote_free);
  self->push_running = FALSE;
  self->push_again = FALSE;
  self->connected = FALSE;
  self->docs_base = 0;
}

static gboolean
retry_cb (gpointer data)
{
  CaucusSyncService *self = data;

  self->retry_timer = 0;
  reconsider (self);
  return G_SOURCE_REMOVE;
}

static void
fail (CaucusSyncService *self,
      const GError      *error)
{
  halt (self);
  if (g_error_matches (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH) ||
      g_error_matches (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_INVALID_URL))
    {
      /* Retrying cannot help: wait for new credentials or a new address. */
      self->auth_failed = TRUE;
      set_state (self, CAUCUS_SYNC_STATE_ERROR, error->message);
    }
  else
    {
      guint delay = caucus_couch_backoff_ms (self->retry_attempt++, RETRY_BASE_MS, RETRY_MAX_MS);
      g_autofree char *msg = g_strdup_printf ("%s. Trying again in %u s.", error->message,
                                              MAX (1u, (delay + 500) / 1000));
      set_state (self, CAUCUS_SYNC_STATE_ERROR, msg);
      g_clear_handle_id (&self->retry_timer, g_source_remove);
      self->retry_timer = g_timeout_add (delay, retry_cb, self);
    }
}

/* What a finishing replication needs to find its service again.  A weak reference: a
 * service dropped by its owner is disposed (which cancels its session) instead of being
 * kept alive by its own continuous pull. */
typedef struct {
  GWeakRef      self;
  GCancellable *session;
} DoneData;

static DoneData *
done_data_new (CaucusSyncService *self)
{
  DoneData *d = g_new0 (DoneData, 1);

  g_weak_ref_init (&d->self, self);
  d->session = g_object_ref (self->session);
  return d;
}

static void
done_data_free (DoneData *d)
{
  g_weak_ref_clear (&d->self);
  g_object_unref (d->session);
  g_free (d);
}

/* The service, if it still exists and @d's session is its current one. */
static CaucusSyncService *
done_data_current (DoneData *d)
{
  CaucusSyncService *self = g_weak_ref_get (&d->self);

  if (self != NULL && self->session != d->session)
    g_clear_object (&self);
  return self;
}

static void
pull_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DoneData *d = user_data;
  g_autoptr(CaucusSyncService) self = done_data_current (d);
  g_autoptr(GError) error = NULL;

  caucus_replicator_run_finish (CAUCUS_REPLICATOR (source), result, &error);
  if (self != NULL)
    {
      /* A continuous pull only ends by failing (or being cancelled by halt()). */
      if (error == NULL)
        error = g_error_new_literal (CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NETWORK,
                                     "The server ended the changes feed");
      fail (self, error);
    }
  done_data_free (d);
}

static void start_push (CaucusSyncService *self);

static void
push_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DoneData *d = user_data;
  g_autoptr(CaucusSyncService) self = done_data_current (d);
  g_autoptr(GError) error = NULL;
  gboolean ok = caucus_replicator_run_finish (CAUCUS_REPLICATOR (source), result, &error);

  if (self != NULL)
    {
      self->push_running = FALSE;
      if (!ok)
        fail (self, error);
      else
        {
          self->docs_base += caucus_replicator_get_docs_written (CAUCUS_REPLICATOR (source));
          self->connected = TRUE;
          if (self->push_again)
            start_push (self);
          update_progress (self);
        }
    }
  done_data_free (d);
}

static void
start_push (CaucusSyncService *self)
{
  self->push_again = FALSE;
  self->push_running = TRUE;
  caucus_replicator_run_async (self->push, self->session, push_done_cb, done_data_new (self));
  update_progress (self);
}

static gboolean
push_timer_cb (gpointer data)
{
  CaucusSyncService *self = data;

  self->push_timer = 0;
  if (self->session == NULL)
    return G_SOURCE_REMOVE;
  if (self->push_running)
    self->push_again = TRUE;
  else
    start_push (self);
  recount_conflicts (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_push (CaucusSyncService *self,
               guint              delay_ms)
{
  if (self->session == NULL || self->push == NULL)
    return;
  g_clear_handle_id (&self->push_timer, g_source_remove);
  self->push_timer = g_timeout_add (delay_ms, push_timer_cb, self);
}

static void
store_changed_cb (CaucusSyncService *self)
{
  /* Also fires for what the pull wrote; the push then finds nothing missing on the
   * server (one _revs_diff), which is cheaper than telling the two apart. */
  schedule_push (self, self->push_delay_ms);
}

static void
start_replicators (CaucusSyncService *self)
{
  CaucusCouchLimits limits;

  caucus_couch_limits_init_default (&limits);
  limits.timeout_s = self->timeout_s;

  self->pull = caucus_replicator_new (self->store, self->remote, CAUCUS_REPLICATION_PULL);
  caucus_replicator_set_continuous (self->pull, TRUE);
  caucus_replicator_set_limits (self->pull, &limits);
  self->push = caucus_replicator_new (self->store, self->remote, CAUCUS_REPLICATION_PUSH);
  caucus_replicator_set_limits (self->push, &limits);
  g_signal_connect_swapped (self->pull, "notify::caught-up", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (self->pull, "notify::docs-written", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (self->pull, "notify::pending", G_CALLBACK (progress_cb), self);
  g_signal_connect_swapped (self->push, "notify::docs-written", G_CALLBACK (progress_cb), self);
  g_signal_connect (self->pull, "conflicts-detected", G_CALLBACK (conflicts_detected_cb), self);

  caucus_replicator_run_async (self->pull, self->session, pull_done_cb, done_data_new (self));
  /* Send what was edited while offline. */
  schedule_push (self, 0);
}

static void
password_looked_up_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  DoneData *d = user_data;
  g_autoptr(CaucusSyncService) self = done_data_current (d);
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (self != NULL && self->remote != NULL)
    {
      if (password != NULL)
        self->remote->password = g_strdup (password);
      else if (error != NULL)
        g_debug ("keyring: %s", error->message);
      start_replicators (self);
    }
  if (password != NULL)
    secret_password_free (password);
  done_data_free (d);
}

static void
begin_session (CaucusSyncService *self)
{
  g_autoptr(GError) error = NULL;

  self->remote = caucus_remote_new (self->remote_url, self->user, self->password, &error);
  if (self->remote == NULL)
    {
      fail (self, error);
      return;
    }
  self->session = g_cancellable_new ();
  self->connected = FALSE;
  set_state (self, CAUCUS_SYNC_STATE_CONNECTING, NULL);

  if (self->remote->user != NULL && self->remote->password == NULL)
    {
      const char *env = g_getenv ("CAUCUS_PASSWORD");

      if (env != NULL)
        self->remote->password = g_strdup (env);
      else
        {
          secret_password_lookup (caucus_account_schema (), self->session,
                                  password_looked_up_cb, done_data_new (self),
                                  "server", self->remote->url, "user", self->remote->user, NULL);
          return;
        }
    }
  start_replicators (self);
}

static void
reconsider (CaucusSyncService *self)
{
  if (!self->started)
    return;
  if (!g_network_monitor_get_network_available (self->monitor))
    {
      halt (self);
      g_clear_handle_id (&self->retry_timer, g_source_remove);
      self->retry_attempt = 0;
      set_state (self, CAUCUS_SYNC_STATE_OFFLINE, NULL);
      return;
    }
  if (self->auth_failed || self->session != NULL || self->retry_timer != 0)
    return;
  begin_session (self);
}

static void
network_changed_cb (GNetworkMonitor   *monitor,
                    gboolean           available,
                    CaucusSyncService *self)
{
  reconsider (self);
}

/* ---- conflicts scan at start ------------------------------------------------------- */

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CaucusStore *main_store = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = caucus_store_open_worker (main_store, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 since = 0;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (;;)
    {
      CaucusChangesOptions opts = { .since = since, .limit = 5000, .all_docs = TRUE };
      g_autoptr(JsonObject) changes = caucus_store_changes (store, &opts, &error);
      JsonArray *rows;
      guint n;

      if (changes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      rows = json_object_get_array_member (changes, "results");
      n = json_array_get_length (rows);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          if (json_array_get_length (json_object_get_array_member (row, "changes")) > 1)
            g_ptr_array_add (ids, g_strdup (json_object_get_string_member (row, "id")));
        }
      since = json_object_get_int_member_with_default (changes, "last_seq", since);
      if (n < 5000 || g_task_return_error_if_cancelled (task))
        break;
    }
  if (!g_task_had_error (task))
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) g_ptr_array_unref);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CaucusSyncService *self = CAUCUS_SYNC_SERVICE (source);
  g_autoptr(GPtrArray) ids = g_task_propagate_pointer (G_TASK (result), NULL);

  if (ids == NULL)
    return;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (self->conflicted, g_strdup (g_ptr_array_index (ids, i)));
  recount_conflicts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
}

/* ---- public ------------------------------------------------------------------------ */

CaucusSyncService *
caucus_sync_service_new (CaucusStore     *store,
                         const char      *remote_url,
                         const char      *user,
                         GNetworkMonitor *monitor)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (remote_url != NULL, NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (CAUCUS_TYPE_SYNC_SERVICE, "store", store, "remote-url", remote_url,
                       "user", user, "network-monitor", monitor, NULL);
}

void
caucus_sync_service_start (CaucusSyncService *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  if (self->started)
    return;
  self->started = TRUE;
  self->auth_failed = FALSE;
  self->monitor_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  if (g_signal_lookup ("changed", CAUCUS_TYPE_STORE) != 0)
    self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                                 G_CALLBACK (store_changed_cb), self);
  task = g_task_new (self, NULL, scan_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, scan_thread);
  reconsider (self);
}

void
caucus_sync_service_stop (CaucusSyncService *self)
{
  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  if (!self->started)
    return;
  self->started = FALSE;
  halt (self);
  g_clear_handle_id (&self->retry_timer, g_source_remove);
  g_clear_signal_handler (&self->monitor_id, self->monitor);
  g_clear_signal_handler (&self->changed_id, self->store);
  set_state (self, CAUCUS_SYNC_STATE_STOPPED, NULL);
}

void
caucus_sync_service_set_password (CaucusSyncService *self,
                                  const char        *password)
{
  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  g_free (self->password);
  self->password = g_strdup (password);
  self->auth_failed = FALSE;
  halt (self);
  g_clear_handle_id (&self->retry_timer, g_source_remove);
  reconsider (self);
}

void
caucus_sync_service_sync_now (CaucusSyncService *self)
{
  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  if (self->session != NULL)
    {
      schedule_push (self, 0);
      return;
    }
  g_clear_handle_id (&self->retry_timer, g_source_remove);
  self->auth_failed = FALSE;
  reconsider (self);
}

CaucusSyncState
caucus_sync_service_get_state (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), CAUCUS_SYNC_STATE_STOPPED);
  return self->state;
}

const char *
caucus_sync_service_get_error_message (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), NULL);
  return self->error_message;
}

GDateTime *
caucus_sync_service_get_last_synced (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), NULL);
  return self->last_synced;
}

guint64
caucus_sync_service_get_docs_done (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), 0);
  return self->docs_done;
}

gint64
caucus_sync_service_get_docs_pending (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), -1);
  return self->docs_pending;
}

guint
caucus_sync_service_get_conflicts (CaucusSyncService *self)
{
  g_return_val_if_fail (CAUCUS_IS_SYNC_SERVICE (self), 0);
  return g_hash_table_size (self->conflicted);
}

void
caucus_sync_service_set_push_delay (CaucusSyncService *self,
                                    guint              ms)
{
  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  self->push_delay_ms = ms;
}

void
caucus_sync_service_set_timeout (CaucusSyncService *self,
                                 guint              seconds)
{
  g_return_if_fail (CAUCUS_IS_SYNC_SERVICE (self));
  self->timeout_s = MAX (seconds, 1u);
}

static void
caucus_sync_service_dispose (GObject *object)
{
  CaucusSyncService *self = CAUCUS_SYNC_SERVICE (object);

  if (self->started)
    caucus_sync_service_stop (self);
  halt (self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (caucus_sync_service_parent_class)->dispose (object);
}

static void
caucus_sync_service_finalize (GObject *object)
{
  CaucusSyncService *self = CAUCUS_SYNC_SERVICE (object);

  g_free (self->remote_url);
  g_free (self->user);
  g_free (self->password);
  g_free (self->error_message);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_hash_table_unref (self->conflicted);
  G_OBJECT_CLASS (caucus_sync_service_parent_class)->finalize (object);
}

static void
caucus_sync_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CaucusSyncService *self = CAUCUS_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_REMOTE_URL: g_value_set_string (value, self->remote_url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_NETWORK_MONITOR: g_value_set_object (value, self->monitor); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_LAST_SYNCED: g_value_set_boxed (value, self->last_synced); break;
    case PROP_DOCS_DONE: g_value_set_uint64 (value, self->docs_done); break;
    case PROP_DOCS_PENDING: g_value_set_int64 (value, self->docs_pending); break;
    case PROP_CONFLICTS: g_value_set_uint (value, g_hash_table_size (self->conflicted)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_sync_service_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CaucusSyncService *self = CAUCUS_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_REMOTE_URL: self->remote_url = g_value_dup_string (value); break;
    case PROP_USER: self->user = g_value_dup_string (value); break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      if (self->monitor == NULL)
        self->monitor = g_object_ref (g_network_monitor_get_default ());
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_sync_service_class_init (CaucusSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = caucus_sync_service_dispose;
  object_class->finalize = caucus_sync_service_finalize;
  object_class->get_property = caucus_sync_service_get_property;
  object_class->set_property = caucus_sync_service_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CAUCUS_TYPE_STORE, co);
  properties[PROP_REMOTE_URL] = g_param_spec_string ("remote-url", NULL, NULL, NULL, co);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, co);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR, co);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CAUCUS_TYPE_SYNC_STATE,
                                              CAUCUS_SYNC_STATE_STOPPED, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SYNCED] = g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_DOCS_DONE] = g_param_spec_uint64 ("docs-done", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DOCS_PENDING] = g_param_spec_int64 ("docs-pending", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CONFLICTS_DETECTED] =
    g_signal_new ("conflicts-detected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
caucus_sync_service_init (CaucusSyncService *self)
{
  self->push_delay_ms = 1000;
  self->timeout_s = 60;
  self->docs_pending = -1;
  self->conflicted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
