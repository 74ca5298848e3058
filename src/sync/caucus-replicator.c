/* caucus-replicator.c — the GObject and the run thread (what the threads share is in
 * caucus-replicator-run.c).
 *
 * Signals:
 *   conflicts-detected (GStrv ids): emitted in the owner context after a pulled batch left
 *   these documents with more than one live leaf.  This is the hook for the model layer's
 *   merge rules; until they exist, conflicts stay conflicts.
 */
#include "caucus-replicator-private.h"

#include <string.h>

struct _CaucusReplicator {
  GObject                     parent_instance;

  CaucusStore                *store;
  CaucusRemote               *remote;
  CaucusReplicationDirection  direction;
  gboolean                    continuous;
  guint                       batch_size;
  gboolean                    create_target;
  CaucusCouchLimits           limits;
  char                       *replication_id;

  CaucusRun                  *run;          /* the current run, or NULL */
  GTask                      *task;
  gulong                      cancel_id;
  GCancellable               *user_cancellable;
  gulong                      changed_id;

  /* progress as last seen in the owner context */
  guint64                     docs_read;
  guint64                     docs_written;
  guint64                     doc_write_failures;
  guint64                     bytes;
  gint64                      pending;
  gboolean                    caught_up;
  char                       *last_seq;
};

G_DEFINE_TYPE (CaucusReplicator, caucus_replicator, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CaucusReplicationDirection, caucus_replication_direction,
                    G_DEFINE_ENUM_VALUE (CAUCUS_REPLICATION_PULL, "pull"),
                    G_DEFINE_ENUM_VALUE (CAUCUS_REPLICATION_PUSH, "push"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRECTION,
  PROP_URL,
  PROP_CONTINUOUS,
  PROP_BATCH_SIZE,
  PROP_RUNNING,
  PROP_CAUGHT_UP,
  PROP_DOCS_READ,
  PROP_DOCS_WRITTEN,
  PROP_DOC_WRITE_FAILURES,
  PROP_BYTES,
  PROP_PENDING,
  PROP_LAST_SEQ,
  N_PROPS
};

enum {
  SIGNAL_CONFLICTS_DETECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- progress in the owner context ------------------------------------------------- */

void
_caucus_replicator_flush_progress (CaucusReplicator *self,
                                   CaucusRun        *run)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  guint64 docs_read, docs_written, doc_write_failures, bytes;
  gint64 pending;
  gboolean caught_up;
  g_autofree char *last_seq = NULL;

  g_mutex_lock (&run->lock);
  docs_read = run->docs_read;
  docs_written = run->docs_written;
  doc_write_failures = run->doc_write_failures;
  bytes = run->bytes;
  pending = run->pending;
  caught_up = run->caught_up;
  last_seq = g_strdup (run->last_seq);
  conflicts = g_steal_pointer (&run->conflicts);
  run->notify_queued = FALSE;
  g_mutex_unlock (&run->lock);

  g_object_freeze_notify (G_OBJECT (self));
#define UPDATE(field, prop) \
  if (self->field != field) { self->field = field; g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); }
  UPDATE (docs_read, PROP_DOCS_READ);
  UPDATE (docs_written, PROP_DOCS_WRITTEN);
  UPDATE (doc_write_failures, PROP_DOC_WRITE_FAILURES);
  UPDATE (bytes, PROP_BYTES);
  UPDATE (pending, PROP_PENDING);
  UPDATE (caught_up, PROP_CAUGHT_UP);
#undef UPDATE
  if (last_seq != NULL && g_strcmp0 (last_seq, self->last_seq) != 0)
    {
      g_free (self->last_seq);
      self->last_seq = g_steal_pointer (&last_seq);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEQ]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (conflicts != NULL && conflicts->len > 0)
    {
      g_ptr_array_add (conflicts, NULL);
      g_signal_emit (self, signals[SIGNAL_CONFLICTS_DETECTED], 0,
                     (const char * const *) conflicts->pdata);
    }
}

gboolean
_caucus_replicator_notify_cb (gpointer data)
{
  CaucusRun *run = data;

  if (run->self->run == run)
    _caucus_replicator_flush_progress (run->self, run);
  return G_SOURCE_REMOVE;
}

/* ---- the run thread ---------------------------------------------------------------- */

static gboolean
check_database (CaucusRun          *run,
                CaucusCouchClient  *client,
                GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) info = NULL;

  info = caucus_couch_client_request (client, "GET", "", NULL, NULL, run->cancellable,
                                      &local_error);
  if (info == NULL &&
      g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND))
    {
      if (run->direction == CAUCUS_REPLICATION_PUSH && run->create_target)
        {
          guint status = 0;
          g_autoptr(JsonNode) created = NULL;

          g_clear_error (&local_error);
          created = caucus_couch_client_request (client, "PUT", "", NULL, &status,
                                                 run->cancellable, &local_error);
          if (created == NULL && status != 412)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND,
                   "There is no database at %s; check the workspace address", run->remote->url);
      return FALSE;
    }
  if (info == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (info))
    {
      g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                   "%s did not describe itself as a database (expected a JSON object)",
                   run->remote->url);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_main (CaucusRun  *run,
          GError    **error)
{
  g_autoptr(CaucusStore) store = NULL;
  g_autoptr(CaucusCouchClient) client = NULL;
  g_autoptr(CaucusCheckpoint) checkpoint = NULL;
  g_autoptr(GError) consumer_error = NULL;
  GThread *producer;
  gboolean ok;

  store = _caucus_run_open_store (run, error);
  if (store == NULL)
    return FALSE;
  client = caucus_couch_client_new (run->remote, &run->limits);
  if (!check_database (run, client, error))
    return FALSE;

  checkpoint = caucus_checkpoint_new (run->replication_id);
  if (!caucus_checkpoint_start (checkpoint, store, client, &run->since, run->cancellable, error))
    return FALSE;
  _caucus_run_set_position (run, run->since, -1, FALSE);
  _caucus_run_add_progress (run, 0, 0, 0, caucus_couch_client_get_bytes (client));

  producer = g_thread_new (run->direction == CAUCUS_REPLICATION_PULL ? "caucus-pull-fetch"
                                                                      : "caucus-push-read",
                           run->direction == CAUCUS_REPLICATION_PULL ? _caucus_pull_producer
                                                                      : _caucus_push_producer,
                           run);
  if (run->direction == CAUCUS_REPLICATION_PULL)
    ok = _caucus_pull_consumer (run, store, client, checkpoint, &consumer_error);
  else
    ok = _caucus_push_consumer (run, store, client, checkpoint, &consumer_error);
  if (!ok)
    g_cancellable_cancel (run->cancellable);
  g_thread_join (producer);

  if (!ok)
    {
      /* The producer's error is the cause when the consumer only saw the cancellation. */
      if (g_error_matches (consumer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          run->producer_error != NULL &&
          !g_error_matches (run->producer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_error_copy (run->producer_error));
      else
        g_propagate_error (error, g_steal_pointer (&consumer_error));
      return FALSE;
    }
  if (run->producer_error != NULL)
    {
      g_propagate_error (error, g_error_copy (run->producer_error));
      return FALSE;
    }
  return g_cancellable_set_error_if_cancelled (run->cancellable, error) ? FALSE : TRUE;
}

typedef struct {
  CaucusRun *run;
  GError    *error;
} RunResult;

static gboolean
finish_in_owner_cb (gpointer data)
{
  RunResult *result = data;
  CaucusRun *run = result->run;
  CaucusReplicator *self = g_object_ref (run->self);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  _caucus_replicator_flush_progress (self, run);
  if (self->user_cancellable != NULL)
    g_cancellable_disconnect (self->user_cancellable, self->cancel_id);
  self->cancel_id = 0;
  g_clear_object (&self->user_cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  self->run = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (result->error != NULL)
    g_task_return_error (task, g_steal_pointer (&result->error));
  else
    g_task_return_boolean (task, TRUE);

  _caucus_run_unref (run);
  g_free (result);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gpointer
run_thread (gpointer data)
{
  CaucusRun *run = data;
  RunResult *result = g_new0 (RunResult, 1);

  result->run = run;
  if (!run_main (run, &result->error))
    g_debug ("replication of %s ended: %s", run->remote->url, result->error->message);
  _caucus_run_in_owner (run, finish_in_owner_cb, result, NULL);
  return NULL;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

static void
store_changed_cb (CaucusRun *run)
{
  g_mutex_lock (&run->lock);
  run->local_changes++;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

void
caucus_replicator_run_async (CaucusReplicator    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CaucusRun *run;

  g_return_if_fail (CAUCUS_IS_REPLICATOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->run != NULL)
    {
      g_task_report_new_error (self, callback, user_data, caucus_replicator_run_async,
                               G_IO_ERROR, G_IO_ERROR_PENDING,
                               "This replication is already running");
      return;
    }

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, caucus_replicator_run_async);

  run = g_atomic_rc_box_new0 (CaucusRun);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  g_queue_init (&run->queue);
  run->self = g_object_ref (self);
  run->store = g_object_ref (self->store);
  run->remote = caucus_remote_copy (self->remote);
  run->limits = self->limits;
  run->direction = self->direction;
  run->batch_size = self->batch_size;
  run->continuous = self->continuous;
  run->create_target = self->create_target;
  run->replication_id = g_strdup (self->replication_id);
  run->cancellable = g_cancellable_new ();
  run->owner_context = g_main_context_ref_thread_default ();
  run->pending = -1;
  g_cancellable_connect (run->cancellable, G_CALLBACK (_caucus_run_wake_cb), run, NULL);
  self->run = run;

  /* Reset progress for the new run. */
  self->docs_read = self->docs_written = self->doc_write_failures = self->bytes = 0;
  self->pending = -1;
  self->caught_up = FALSE;

  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                               g_object_ref (run->cancellable), g_object_unref);
    }
  if (self->direction == CAUCUS_REPLICATION_PUSH && self->continuous &&
      g_signal_lookup ("changed", CAUCUS_TYPE_STORE) != 0)
    self->changed_id = g_signal_connect_swapped (self->store, "changed",
                                                 G_CALLBACK (store_changed_cb), run);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_thread_unref (g_thread_new (self->direction == CAUCUS_REPLICATION_PULL ? "caucus-pull"
                                                                            : "caucus-push",
                                run_thread, run));
}

gboolean
caucus_replicator_run_finish (CaucusReplicator  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SyncRun;

static void
run_sync_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyncRun *sync = user_data;

  sync->ok = caucus_replicator_run_finish (CAUCUS_REPLICATOR (source), result, &sync->error);
  sync->done = TRUE;
}

gboolean
caucus_replicator_run (CaucusReplicator  *self,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncRun sync = { FALSE, FALSE, NULL };

  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), FALSE);

  g_main_context_push_thread_default (context);
  caucus_replicator_run_async (self, cancellable, run_sync_cb, &sync);
  while (!sync.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  if (!sync.ok)
    g_propagate_error (error, sync.error);
  return sync.ok;
}

/* ---- GObject ----------------------------------------------------------------------- */

CaucusReplicator *
caucus_replicator_new (CaucusStore                *store,
                       const CaucusRemote         *remote,
                       CaucusReplicationDirection  direction)
{
  CaucusReplicator *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (remote != NULL && remote->url != NULL, NULL);

  self = g_object_new (CAUCUS_TYPE_REPLICATOR, "store", store, "direction", direction, NULL);
  self->remote = caucus_remote_copy (remote);
  self->replication_id = caucus_replication_id (caucus_store_get_uuid (store),
                                                direction == CAUCUS_REPLICATION_PULL ? "pull"
                                                                                      : "push",
                                                remote->url, NULL);
  return self;
}

CaucusStore *
caucus_replicator_get_store (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), NULL);
  return self->store;
}

CaucusReplicationDirection
caucus_replicator_get_direction (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), CAUCUS_REPLICATION_PULL);
  return self->direction;
}

const char *
caucus_replicator_get_url (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), NULL);
  return self->remote->url;
}

const char *
caucus_replicator_get_replication_id (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), NULL);
  return self->replication_id;
}

void
caucus_replicator_set_continuous (CaucusReplicator *self,
                                  gboolean          continuous)
{
  g_return_if_fail (CAUCUS_IS_REPLICATOR (self));
  continuous = !!continuous;
  if (self->continuous == continuous)
    return;
  self->continuous = continuous;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTINUOUS]);
}

gboolean
caucus_replicator_get_continuous (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), FALSE);
  return self->continuous;
}

void
caucus_replicator_set_batch_size (CaucusReplicator *self,
                                  guint             batch_size)
{
  g_return_if_fail (CAUCUS_IS_REPLICATOR (self));
  batch_size = CLAMP (batch_size, 1, 100000);
  if (self->batch_size == batch_size)
    return;
  self->batch_size = batch_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BATCH_SIZE]);
}

guint
caucus_replicator_get_batch_size (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), 0);
  return self->batch_size;
}

void
caucus_replicator_set_limits (CaucusReplicator        *self,
                              const CaucusCouchLimits *limits)
{
  g_return_if_fail (CAUCUS_IS_REPLICATOR (self));
  g_return_if_fail (limits != NULL);
  self->limits = *limits;
}

void
caucus_replicator_set_create_target (CaucusReplicator *self,
                                     gboolean          create)
{
  g_return_if_fail (CAUCUS_IS_REPLICATOR (self));
  self->create_target = !!create;
}

gboolean
caucus_replicator_get_running (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), FALSE);
  return self->run != NULL;
}

gboolean
caucus_replicator_get_caught_up (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), FALSE);
  return self->caught_up;
}

guint64
caucus_replicator_get_docs_read (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), 0);
  return self->docs_read;
}

guint64
caucus_replicator_get_docs_written (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), 0);
  return self->docs_written;
}

guint64
caucus_replicator_get_doc_write_failures (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), 0);
  return self->doc_write_failures;
}

guint64
caucus_replicator_get_bytes (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), 0);
  return self->bytes;
}

gint64
caucus_replicator_get_pending (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), -1);
  return self->pending;
}

char *
caucus_replicator_dup_last_seq (CaucusReplicator *self)
{
  g_return_val_if_fail (CAUCUS_IS_REPLICATOR (self), NULL);
  return g_strdup (self->last_seq);
}

static void
caucus_replicator_dispose (GObject *object)
{
  CaucusReplicator *self = CAUCUS_REPLICATOR (object);

  /* A run holds a reference to us until it finished, so no run is active here. */
  g_clear_object (&self->store);
  G_OBJECT_CLASS (caucus_replicator_parent_class)->dispose (object);
}

static void
caucus_replicator_finalize (GObject *object)
{
  CaucusReplicator *self = CAUCUS_REPLICATOR (object);

  g_clear_pointer (&self->remote, caucus_remote_free);
  g_free (self->replication_id);
  g_free (self->last_seq);
  G_OBJECT_CLASS (caucus_replicator_parent_class)->finalize (object);
}

static void
caucus_replicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CaucusReplicator *self = CAUCUS_REPLICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_DIRECTION: g_value_set_enum (value, self->direction); break;
    case PROP_URL: g_value_set_string (value, self->remote ? self->remote->url : NULL); break;
    case PROP_CONTINUOUS: g_value_set_boolean (value, self->continuous); break;
    case PROP_BATCH_SIZE: g_value_set_uint (value, self->batch_size); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->run != NULL); break;
    case PROP_CAUGHT_UP: g_value_set_boolean (value, self->caught_up); break;
    case PROP_DOCS_READ: g_value_set_uint64 (value, self->docs_read); break;
    case PROP_DOCS_WRITTEN: g_value_set_uint64 (value, self->docs_written); break;
    case PROP_DOC_WRITE_FAILURES: g_value_set_uint64 (value, self->doc_write_failures); break;
    case PROP_BYTES: g_value_set_uint64 (value, self->bytes); break;
    case PROP_PENDING: g_value_set_int64 (value, self->pending); break;
    case PROP_LAST_SEQ: g_value_set_string (value, self->last_seq); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_replicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CaucusReplicator *self = CAUCUS_REPLICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_DIRECTION: self->direction = g_value_get_enum (value); break;
    case PROP_CONTINUOUS: caucus_replicator_set_continuous (self, g_value_get_boolean (value)); break;
    case PROP_BATCH_SIZE: caucus_replicator_set_batch_size (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_replicator_class_init (CaucusReplicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = caucus_replicator_dispose;
  object_class->finalize = caucus_replicator_finalize;
  object_class->get_property = caucus_replicator_get_property;
  object_class->set_property = caucus_replicator_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CAUCUS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, CAUCUS_TYPE_REPLICATION_DIRECTION,
                       CAUCUS_REPLICATION_PULL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_CONTINUOUS] =
    g_param_spec_boolean ("continuous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BATCH_SIZE] =
    g_param_spec_uint ("batch-size", NULL, NULL, 1, 100000, CAUCUS_REPLICATOR_DEFAULT_BATCH_SIZE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_CAUGHT_UP] = g_param_spec_boolean ("caught-up", NULL, NULL, FALSE, ro);
  properties[PROP_DOCS_READ] = g_param_spec_uint64 ("docs-read", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DOCS_WRITTEN] = g_param_spec_uint64 ("docs-written", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_DOC_WRITE_FAILURES] =
    g_param_spec_uint64 ("doc-write-failures", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_BYTES] = g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_LAST_SEQ] = g_param_spec_string ("last-seq", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CONFLICTS_DETECTED] =
    g_signal_new ("conflicts-detected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
caucus_replicator_init (CaucusReplicator *self)
{
  self->batch_size = CAUCUS_REPLICATOR_DEFAULT_BATCH_SIZE;
  self->pending = -1;
  caucus_couch_limits_init_default (&self->limits);
}
