/* caucus-replicator.h — one direction of CouchDB-protocol replication.
 *
 * A CaucusReplicator moves revisions between a local CaucusStore and a remote database,
 * pull (remote → local) or push (local → remote), once or continuously (long-poll).  The
 * work happens on two worker threads with their own store connections and HTTP sessions:
 * a producer that reads the source (changes, revs_diff, _bulk_get / open_revs, or the
 * local feed) and a consumer that writes the target (one store transaction per pulled
 * batch, _bulk_docs new_edits=false for pushed ones) and checkpoints, so that fetching
 * batch N+1 overlaps writing batch N.  Progress properties are updated, and signals
 * emitted, in the GMainContext that was thread-default when run_async() was called.
 */
#pragma once

#include <gio/gio.h>

#include "caucus-couch-client.h"
#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_REPLICATION_PULL,
  CAUCUS_REPLICATION_PUSH,
} CaucusReplicationDirection;

#define CAUCUS_TYPE_REPLICATION_DIRECTION (caucus_replication_direction_get_type ())
GType caucus_replication_direction_get_type (void);

#define CAUCUS_REPLICATOR_DEFAULT_BATCH_SIZE 1000

#define CAUCUS_TYPE_REPLICATOR (caucus_replicator_get_type ())
G_DECLARE_FINAL_TYPE (CaucusReplicator, caucus_replicator, CAUCUS, REPLICATOR, GObject)

CaucusReplicator *caucus_replicator_new            (CaucusStore                *store,
                                                    const CaucusRemote         *remote,
                                                    CaucusReplicationDirection  direction);

CaucusStore      *caucus_replicator_get_store      (CaucusReplicator           *self);
CaucusReplicationDirection
                  caucus_replicator_get_direction  (CaucusReplicator           *self);
const char       *caucus_replicator_get_url        (CaucusReplicator           *self);
/* The id of the _local checkpoint document (without "_local/"). */
const char       *caucus_replicator_get_replication_id (CaucusReplicator       *self);

/* Settings; they take effect at the next run. */
void              caucus_replicator_set_continuous (CaucusReplicator           *self,
                                                    gboolean                    continuous);
gboolean          caucus_replicator_get_continuous (CaucusReplicator           *self);
void              caucus_replicator_set_batch_size (CaucusReplicator           *self,
                                                    guint                       batch_size);
guint             caucus_replicator_get_batch_size (CaucusReplicator           *self);
void              caucus_replicator_set_limits     (CaucusReplicator           *self,
                                                    const CaucusCouchLimits    *limits);
/* Push only: create the remote database when it does not exist (default FALSE). */
void              caucus_replicator_set_create_target (CaucusReplicator        *self,
                                                       gboolean                 create);

/* Runs until the source is exhausted (one-shot) or until @cancellable fires (continuous;
 * a continuous run also ends with an error when the remote fails past its retries).
 * Cancelling leaves the store at the last completed batch; the next run resumes from the
 * checkpoint. */
void              caucus_replicator_run_async      (CaucusReplicator           *self,
                                                    GCancellable               *cancellable,
                                                    GAsyncReadyCallback         callback,
                                                    gpointer                    user_data);
gboolean          caucus_replicator_run_finish     (CaucusReplicator           *self,
                                                    GAsyncResult               *result,
                                                    GError                    **error);
/* Blocking convenience: runs in a private main context (progress is still notified). */
gboolean          caucus_replicator_run            (CaucusReplicator           *self,
                                                    GCancellable               *cancellable,
                                                    GError                    **error);

/* Progress (also as properties of the same names, notified in the owner context). */
gboolean          caucus_replicator_get_running    (CaucusReplicator           *self);
gboolean          caucus_replicator_get_caught_up  (CaucusReplicator           *self);
guint64           caucus_replicator_get_docs_read  (CaucusReplicator           *self);
guint64           caucus_replicator_get_docs_written (CaucusReplicator         *self);
guint64           caucus_replicator_get_doc_write_failures (CaucusReplicator   *self);
guint64           caucus_replicator_get_bytes      (CaucusReplicator           *self);
/* Changes the source still reports after the last batch; -1 when unknown. */
gint64            caucus_replicator_get_pending    (CaucusReplicator           *self);
/* The last checkpointed source sequence as JSON text, or NULL. */
char             *caucus_replicator_dup_last_seq   (CaucusReplicator           *self);

G_END_DECLS
