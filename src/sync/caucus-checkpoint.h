/* caucus-checkpoint.h — replication checkpoints in _local docs on both sides.
 *
 * The shape is PouchDB's ({session_id, last_seq, history: [{session_id, last_seq}],
 * replicator, version}), so either replicator can read the other's.  The local document is
 * the authority for what this replica holds (a pull writes it in the same transaction as
 * the batch); the remote copy proves that the remote database is still the one we talked
 * to (a database recreated at the same URL has no matching session and starts over).
 * A remote that refuses to let us read or write checkpoints (401/403 on _local) is
 * treated as read-only: the local checkpoint alone decides, so nothing restarts from zero.
 */
#pragma once

#include "caucus-couch-client.h"
#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_CHECKPOINT_HISTORY_MAX 5

typedef struct {
  char       *doc_id;           /* "_local/<replication id>" */
  char       *session_id;       /* fresh for every run */
  char       *local_rev;        /* current revision of the local checkpoint, or NULL */
  char       *remote_rev;       /* same on the remote */
  gboolean    remote_writable;  /* FALSE once the remote refused a checkpoint */
  JsonArray  *history;          /* history of the document we resumed from */
} CaucusCheckpoint;

/* The replication id: a digest of the local store's uuid, the direction ("pull"/"push"),
 * the remote URL without credentials and the filter (NULL: none). */
char             *caucus_replication_id         (const char        *local_uuid,
                                                 const char        *direction,
                                                 const char        *remote_url,
                                                 const char        *filter);

CaucusCheckpoint *caucus_checkpoint_new         (const char        *replication_id);
void              caucus_checkpoint_free        (CaucusCheckpoint  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusCheckpoint, caucus_checkpoint_free)

/* Reads both checkpoints and returns the sequence to resume from: a new reference to an
 * integer or string node, or NULL to start from the beginning.  Errors only for failures
 * that should stop the replication (network, auth on the database itself, local I/O). */
gboolean          caucus_checkpoint_start       (CaucusCheckpoint  *self,
                                                 CaucusStore       *store,
                                                 CaucusCouchClient *client,
                                                 JsonNode         **since,
                                                 GCancellable      *cancellable,
                                                 GError           **error);

/* Writes the local checkpoint (may be called inside a store transaction).  Returns the new
 * local revision; the caller stores it in local_rev once the transaction committed. */
char             *caucus_checkpoint_write_local (CaucusCheckpoint  *self,
                                                 CaucusStore       *store,
                                                 JsonNode          *last_seq,
                                                 GError           **error);
/* Writes the remote checkpoint; a remote that refuses (401/403) becomes read-only for
 * checkpoints and this returns TRUE. */
gboolean          caucus_checkpoint_write_remote (CaucusCheckpoint  *self,
                                                  CaucusCouchClient *client,
                                                  JsonNode          *last_seq,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

/* TRUE if @node is a usable sequence (integer or non-empty string). */
gboolean          caucus_seq_is_valid           (JsonNode          *node);
/* The sequence as query parameter text (escaped). */
char             *caucus_seq_to_param           (JsonNode          *node);

G_END_DECLS
