/* caucus-replicator-private.h — what the replicator's threads share. */
#pragma once

#include "caucus-checkpoint.h"
#include "caucus-json-reader.h"
#include "caucus-replicator.h"
#include "caucus-sync-error.h"

G_BEGIN_DECLS

/* One unit of work handed from the producer thread to the consumer thread. */
typedef struct {
  GPtrArray *docs;        /* pull: JsonObject*, docs with _revisions and attachment stubs */
  GPtrArray *blobs;       /* pull: GBytes* of attachments to add before the docs */
  GPtrArray *digests;     /* pull: the digest of each blob ("md5-…") */
  GPtrArray *texts;       /* push: each doc as JSON text (char*), read on the producer thread */
  GPtrArray *ids;         /* push: the id of each text (char*), for messages */
  GPtrArray *rev_ids;     /* push: the revision of each text (char*) */
  JsonNode  *last_seq;    /* the source sequence this batch brings the target up to */
  gint64     pending;     /* what the source still reports after it, -1 unknown */
  guint      n_changes;   /* rows of the changes feed it covers */
} CaucusBatch;

CaucusBatch *_caucus_batch_new  (void);
void         _caucus_batch_free (CaucusBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusBatch, _caucus_batch_free)

typedef struct _CaucusRun CaucusRun;

struct _CaucusRun {
  /* set before the threads start, read-only afterwards */
  CaucusReplicator           *self;
  CaucusStore                *store;          /* owner thread's store: only open_worker */
  CaucusRemote               *remote;
  CaucusCouchLimits           limits;
  CaucusReplicationDirection  direction;
  guint                       batch_size;
  gboolean                    continuous;
  gboolean                    create_target;
  char                       *replication_id;
  GCancellable               *cancellable;    /* internal: cancelled on error or by the caller */
  GMainContext               *owner_context;
  JsonNode                   *since;          /* where the producer starts (NULL: 0) */

  GMutex     lock;
  GCond      cond;
  /* queue between the threads (bounded) */
  GQueue     queue;
  gboolean   producer_done;
  GError    *producer_error;
  guint64    local_changes;   /* bumped by the store's "changed" signal (push, continuous) */

  /* progress, under lock */
  guint64    docs_read;
  guint64    docs_written;
  guint64    doc_write_failures;
  guint64    bytes;
  gint64     pending;
  gboolean   caught_up;
  char      *last_seq;        /* JSON text */
  GPtrArray *conflicts;       /* ids to report */
  gboolean   notify_queued;
};

CaucusRun   *_caucus_run_ref          (CaucusRun    *run);
void         _caucus_run_unref        (CaucusRun    *run);
void         _caucus_run_wake_cb      (GCancellable *cancellable,
                                       CaucusRun    *run);
/* Runs @func in the owner's context, always later (never on the calling thread). */
void         _caucus_run_in_owner     (CaucusRun      *run,
                                       GSourceFunc     func,
                                       gpointer        data,
                                       GDestroyNotify  destroy);
/* In the owner context: copies the run's progress into the object and notifies. */
void         _caucus_replicator_flush_progress (CaucusReplicator *self,
                                                CaucusRun        *run);
gboolean     _caucus_replicator_notify_cb      (gpointer          data);

/* Queue: push blocks while the queue is full; returns FALSE when the run is cancelled. */
gboolean     _caucus_run_push_batch   (CaucusRun    *run,
                                       CaucusBatch  *batch);
/* Pops the next batch; NULL at the end (producer done or cancelled). */
CaucusBatch *_caucus_run_pop_batch    (CaucusRun    *run);
void         _caucus_run_producer_finish (CaucusRun *run,
                                          GError    *error);
/* Waits up to @timeout_ms for a local change or cancellation; returns the change count. */
guint64      _caucus_run_wait_local_change (CaucusRun *run,
                                            guint64    seen,
                                            guint      timeout_ms);

/* Progress updates (any thread); marshalled to the owner context. */
void         _caucus_run_add_progress (CaucusRun    *run,
                                       guint64       docs_read,
                                       guint64       docs_written,
                                       guint64       failures,
                                       guint64       bytes);
void         _caucus_run_set_position (CaucusRun    *run,
                                       JsonNode     *last_seq,
                                       gint64        pending,
                                       gboolean      caught_up);
void         _caucus_run_add_conflicts (CaucusRun   *run,
                                        GPtrArray   *ids);

/* Opens a store connection for the calling worker thread. */
CaucusStore *_caucus_run_open_store   (CaucusRun    *run,
                                       GError      **error);

/* Direction-specific halves.  The consumer runs on the run thread after
 * caucus_checkpoint_start(); the producer on its own thread. */
gpointer     _caucus_pull_producer    (gpointer      data);
gboolean     _caucus_pull_consumer    (CaucusRun         *run,
                                       CaucusStore       *store,
                                       CaucusCouchClient *client,
                                       CaucusCheckpoint  *checkpoint,
                                       GError           **error);
gpointer     _caucus_push_producer    (gpointer      data);
gboolean     _caucus_push_consumer    (CaucusRun         *run,
                                       CaucusStore       *store,
                                       CaucusCouchClient *client,
                                       CaucusCheckpoint  *checkpoint,
                                       GError           **error);

/* A revision a pull fetches: what the local store lacks of the feed's rows. */
typedef struct {
  char      *id;
  char      *rev;
  GPtrArray *atts_since;   /* char*, the possible ancestors (shared by an id's entries), or NULL */
} CaucusWanted;

void     _caucus_wanted_free     (CaucusWanted      *w);
/* Fetches @wanted (CaucusWanted*, grouped by id) into @batch with _bulk_get; a server
 * without it answers CAUCUS_SYNC_ERROR_UNSUPPORTED or _NOT_FOUND.  (caucus-replicator-fetch.c) */
gboolean _caucus_fetch_bulk_get  (CaucusRun         *run,
                                  CaucusStore       *store,
                                  CaucusCouchClient *client,
                                  GPtrArray         *wanted,
                                  CaucusBatch       *batch,
                                  GError           **error);
/* The same with one open_revs GET per document. */
gboolean _caucus_fetch_open_revs (CaucusRun         *run,
                                  CaucusStore       *store,
                                  CaucusCouchClient *client,
                                  GPtrArray         *wanted,
                                  CaucusBatch       *batch,
                                  GError           **error);

/* The remote changes feed, read ahead by a thread of its own (pull). */
/* A document the feed lists, with every leaf it names (style=all_docs). */
typedef struct {
  char      *id;
  GPtrArray *revs;        /* char* */
} CaucusFeedRow;

typedef struct {
  GPtrArray  *rows;       /* CaucusFeedRow*, one per document (not _local/) */
  JsonNode   *last_seq;
  gint64      pending;    /* -1 when the server does not say */
  guint       n_rows;
} CaucusFeedPage;

typedef struct _CaucusFeed CaucusFeed;

CaucusFeed     *_caucus_feed_start     (CaucusRun       *run,
                                        JsonNode        *since);
/* The next page; NULL at the end of a one-shot feed, or NULL with @error. */
CaucusFeedPage *_caucus_feed_next      (CaucusFeed      *feed,
                                        GError         **error);
void            _caucus_feed_stop      (CaucusFeed      *feed);
void            _caucus_feed_page_free (CaucusFeedPage  *page);

/* Helpers shared by both directions. */
GBytes      *_caucus_json_body        (JsonNode     *node);
char        *_caucus_md5_digest       (GBytes       *data);

/* ---- reading the remote's answers (caucus-replicator-run.c) ---------------------------- */

/* Sets "The server at @url sent a malformed answer: …" (CAUCUS_SYNC_ERROR_PROTOCOL) and
 * returns FALSE. */
gboolean           _caucus_malformed_answer   (GError            **error,
                                               const char         *url,
                                               const char         *format,
                                               ...) G_GNUC_PRINTF (3, 4);

/* A scanner over an answer's @text, nested no deeper than the client accepts. */
CaucusJsonScanner *_caucus_answer_scanner_new (GBytes             *text);

/* Reads the answer's first token.  TRUE with *@is_object set when the answer opens an
 * object; TRUE with it unset when the whole text is some other JSON value (the caller
 * names what it expected); FALSE when the text is not JSON (@json_error says why when the
 * scanner knows). */
gboolean           _caucus_answer_open_object (CaucusJsonScanner  *sc,
                                               gboolean           *is_object,
                                               GError            **json_error);

/* A member's value (token @t, just read) into *@slot when it is a string, NULL otherwise
 * (the last of a member named twice counts, as in a tree). */
void               _caucus_scan_string        (CaucusJsonScanner  *sc,
                                               CaucusJsonToken     t,
                                               char              **slot);

G_END_DECLS
