/* caucus-store-private.h — internals shared by the store's source files.
 * Nothing outside src/store includes this header. */
#pragma once

#include <sqlite3.h>

#include "caucus-store.h"
#include "caucus-json-reader.h"

G_BEGIN_DECLS

/* Largest canonical JSON body accepted for one revision. */
#define CAUCUS_STORE_MAX_DOC_SIZE (8 * 1024 * 1024)
/* Largest single attachment accepted. */
#define CAUCUS_STORE_MAX_ATTACHMENT_SIZE (256 * 1024 * 1024)

struct _CaucusStore
{
  GObject       parent_instance;

  char         *path;          /* as given */
  char         *key;           /* canonical absolute path: the registry key */
  char         *uuid;
  sqlite3      *db;
  GHashTable   *stmts;         /* SQL text → sqlite3_stmt* (prepared once per connection) */
  GMainContext *context;       /* thread-default when opened: where "changed" is emitted */
  guint         revs_limit;

  gboolean      in_txn;        /* an explicit caucus_store_begin() is open */
  guint         op_depth;      /* nesting of write_begin() */
  gboolean      txn_failed;    /* a write failed half-way: the transaction must roll back */
  gint64        op_changes;    /* sqlite3_total_changes64() when the operation began */
  GHashTable   *pending_ids;   /* ids written in the open transaction (set) */
  gint64        seq_cache;     /* last sequence handed out in this transaction, -1 unknown */
  guint         read_depth;    /* nesting of caucus_store_read_begin() */
  gboolean      read_owned;    /* the outermost read_begin() issued BEGIN (not inside a write) */
  gboolean      search_off;    /* meta search_index = 'off': the FTS index is not kept */
  gint64        txn_seq_first; /* first sequence the open transaction handed out, 0 none */
  gint64        txn_seq_noted; /* last one recorded as this process's (caucus-store-outside.c) */
  struct _CaucusStoreWatch *watch; /* commits of other processes followed, or NULL */
  gboolean      checkpoint_off_commit; /* every checkpoint on the worker, none in a commit */
};

/* A revision row as the store reads it. */
typedef struct {
  gint64   rev_id;
  gint64   parent_id;   /* 0: root */
  guint64  gen;
  char    *hash;
  gboolean deleted;
  gboolean leaf;
  gboolean has_body;
  gboolean remote;      /* arrived by replication (put_with_history) */
} CaucusRevRow;

void          caucus_rev_row_free            (CaucusRevRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusRevRow, caucus_rev_row_free)

/* ---- checkpoints (caucus-store-checkpoint.c) ---- */
/* WAL size (pages) from which a commit leaves the checkpoint to a worker thread; a
 * variable so that tests can lower it. */
extern guint  caucus_store_background_checkpoint_frames;
void          caucus_store_install_checkpointer (CaucusStore *self);
/* Background checkpoints finished in this process (for tests). */
guint         caucus_store_checkpoints_completed (void);

/* ---- the changed registry (caucus-store-registry.c) ---- */
void          caucus_store_registry_add      (CaucusStore  *self);
void          caucus_store_registry_remove   (CaucusStore  *self);
/* After a commit: delivers @ids to every store open on the file @key. */
void          caucus_store_registry_notify   (const char   *key,
                                              GStrv         ids);
void          caucus_store_emit_changed      (CaucusStore  *self,
                                              GStrv         ids);

/* ---- commits of other processes (caucus-store-outside.c) ---- */
typedef struct _CaucusStoreWatch CaucusStoreWatch;
void          caucus_store_outside_before_commit (CaucusStore *self);
void          caucus_store_outside_after_commit  (CaucusStore *self,
                                                  gboolean     committed);
void          caucus_store_outside_unwatch       (CaucusStore *self);

/* ---- schema (caucus-store-migrate.c) ---- */
/* Brings the schema to this build's version in one BEGIN IMMEDIATE transaction and reads
 * the meta table.  @rewritten: set when a migration changed the schema's text under
 * writable_schema (the caller must open a fresh connection). */
gboolean      caucus_store_migrate           (CaucusStore  *self,
                                              gboolean     *rewritten,
                                              GError      **error);
/* Reads uuid and revs_limit from the meta table. */
gboolean      caucus_store_read_meta         (CaucusStore  *self,
                                              GError      **error);

/* ---- SQLite helpers (caucus-store.c) ---- */
sqlite3_stmt *caucus_store_stmt              (CaucusStore  *self,
                                              const char   *sql,
                                              GError      **error);
gboolean      caucus_store_exec              (CaucusStore  *self,
                                              const char   *sql,
                                              GError      **error);
gboolean      caucus_store_step_done         (CaucusStore  *self,
                                              sqlite3_stmt *stmt,
                                              GError      **error);
void          caucus_store_set_sqlite_error  (CaucusStore  *self,
                                              int           rc,
                                              GError      **error,
                                              const char   *what);
/* ---- write operations (caucus-store-transaction.c) ---- */
/* One write operation: inside an explicit transaction a savepoint, else its own
 * transaction.  write_end commits (ok) or undoes everything since write_begin. */
gboolean      caucus_store_write_begin       (CaucusStore  *self,
                                              GError      **error);
gboolean      caucus_store_write_end         (CaucusStore  *self,
                                              gboolean      ok,
                                              GError      **error);
void          caucus_store_note_changed      (CaucusStore  *self,
                                              const char   *id);
gint64        caucus_store_next_seq          (CaucusStore  *self,
                                              GError      **error);
/* caucus-store.c */
char         *caucus_store_col_text          (sqlite3_stmt *stmt,
                                              int           col);

/* ---- JSON (caucus-store-json.c) ---- */
/* Appends @node as JSON.  @sorted: keys in byte order (canonical form).  @skip_reserved:
 * leave out the top-level members starting with '_'.  Checks UTF-8, depth and numbers. */
/* an object member as json_object_iter_next() yields it, for sorting by name */
typedef struct {
  const char *name;
  JsonNode   *node;
} CaucusJsonMember;

int           caucus_json_member_compare     (gconstpointer a,
                                              gconstpointer b);
gboolean      caucus_json_write              (GString      *out,
                                              JsonNode     *node,
                                              gboolean      sorted,
                                              gboolean      skip_reserved,
                                              GError      **error);
/* caucus_json_write (sorted, skip_reserved) that also appends to @text the folded
 * searchable text of @node, exactly as caucus_search_text() derives it: one walk instead
 * of two for a replicated document. */
gboolean      caucus_json_write_with_text    (GString      *out,
                                              GString      *text,
                                              JsonNode     *node,
                                              GError      **error);
/* A double as the canonical writer prints it (the shortest form that reads back). */
gboolean      caucus_json_append_double      (GString      *out,
                                              double        d,
                                              GError      **error);
JsonObject   *caucus_json_parse_trusted      (const char   *json,
                                              gssize        length);

/* ---- revision trees (caucus-store-revs.c) ---- */
gint64        caucus_store_lookup_doc        (CaucusStore  *self,
                                              const char   *id,
                                              GError      **error);
GPtrArray    *caucus_store_load_revs         (CaucusStore  *self,
                                              gint64        doc_id,
                                              GError      **error);
CaucusRevRow *caucus_revs_find               (GPtrArray    *revs,
                                              guint64       gen,
                                              const char   *hash);
CaucusRevRow *caucus_revs_by_id              (GPtrArray    *revs,
                                              gint64        rev_id);
int           caucus_rev_row_compare_winner  (gconstpointer a,
                                              gconstpointer b);
GPtrArray    *caucus_revs_leaves             (GPtrArray    *revs);
char         *caucus_rev_row_to_string       (const CaucusRevRow *row);
gboolean      caucus_store_stem              (CaucusStore  *self,
                                              gint64        doc_id,
                                              GError      **error);
GHashTable   *caucus_revs_merge_bases        (GPtrArray    *revs);
CaucusRevRow *caucus_revs_common_ancestor    (GPtrArray    *revs,
                                              CaucusRevRow *a,
                                              CaucusRevRow *b);

/* ---- reading (caucus-store-read.c) ---- */
/* The revision tree of @id; NOT_FOUND when there is no such document. */
GPtrArray    *caucus_store_load_doc          (CaucusStore  *self,
                                              const char   *id,
                                              gint64       *doc_id,
                                              GError      **error);
/* Revision @rev of the tree (INVALID for a malformed rev, NOT_FOUND when absent). */
CaucusRevRow *caucus_revs_find_rev           (GPtrArray    *revs,
                                              const char   *id,
                                              const char   *rev,
                                              GError      **error);
CaucusRevRow *caucus_revs_latest_of          (GPtrArray    *revs,
                                              CaucusRevRow *row);
/* The revision a get of @id answers with: @opts' rev (or its latest descendant with
 * latest), else the winning leaf; CORRUPT without a leaf, DELETED when it is deleted. */
CaucusRevRow *caucus_revs_pick               (GPtrArray              *revs,
                                              const char             *id,
                                              const CaucusGetOptions *opts,
                                              GError                **error);
gint64        caucus_store_doc_seq           (CaucusStore  *self,
                                              gint64        doc_id);

/* ---- attachments (caucus-store-attachments.c) ---- */
typedef struct {
  char   *name;
  char   *content_type;
  char   *digest;
  gint64  length;
  gint64  revpos;
} CaucusAttRow;

void          caucus_att_row_free            (CaucusAttRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusAttRow, caucus_att_row_free)
/* Resolves the _attachments member of @doc for a new revision of generation @gen on top
 * of @parent_rev_id (0: none): inline data becomes blobs, stubs are looked up.  Returns
 * an array of CaucusAttRow (possibly empty). */
GPtrArray    *caucus_store_resolve_attachments (CaucusStore *self,
                                                JsonObject  *doc,
                                                gint64       parent_rev_id,
                                                guint64      gen,
                                                gboolean     replicated,
                                                GError     **error);
GPtrArray    *caucus_store_load_attachments  (CaucusStore  *self,
                                              gint64        rev_id,
                                              GError      **error);
gboolean      caucus_store_insert_attachments (CaucusStore *self,
                                               gint64       rev_id,
                                               GPtrArray   *atts,
                                               GError     **error);
void          caucus_atts_write_digest_map   (GString      *out,
                                              GPtrArray    *atts);
char         *caucus_store_blob_digest       (GBytes       *data);
gboolean      caucus_store_store_blob        (CaucusStore  *self,
                                              GBytes       *data,
                                              const char   *digest,
                                              GError      **error);

/* ---- shared by the write paths (caucus-store-write.c) ---- */
gboolean      caucus_doc_check_reserved      (JsonObject   *doc,
                                              GError      **error);
/* The valid _id of @doc, or NULL with an error. */
const char   *caucus_doc_get_id              (JsonObject   *doc,
                                              GError      **error);
/* _rev: absent (TRUE with *rev NULL) or a valid "N-hex" with N >= 1. */
gboolean      caucus_doc_get_rev             (JsonObject   *doc,
                                              const char  **rev,
                                              guint64      *gen,
                                              const char  **hash,
                                              GError      **error);
gboolean      caucus_doc_get_deleted         (JsonObject   *doc,
                                              gboolean     *deleted,
                                              GError      **error);
/* The canonical JSON of the body (sorted keys, no '_' members). */
char         *caucus_doc_canonical_body      (JsonObject   *doc,
                                              gsize        *length,
                                              GError      **error);
/* The same, and when @text is not NULL the searchable text into it (see above). */
char         *caucus_doc_canonical_body_text (JsonObject   *doc,
                                              gsize        *length,
                                              GString      *text,
                                              GError      **error);
gint64        caucus_store_insert_doc_row    (CaucusStore  *self,
                                              const char   *id,
                                              gint64        seq,
                                              const char   *rev,
                                              gboolean      deleted,
                                              JsonObject   *body,
                                              GError      **error);
gint64        caucus_store_insert_rev        (CaucusStore  *self,
                                              gint64        doc_id,
                                              gint64        parent_id,
                                              guint64       gen,
                                              const char   *hash,
                                              gboolean      deleted,
                                              gboolean      leaf,
                                              gboolean      remote,
                                              const char   *body,
                                              gsize         body_len,
                                              GError      **error);
gboolean      caucus_store_clear_leaf        (CaucusStore  *self,
                                              gint64        rev_id,
                                              GError      **error);
/* After a revision was added to an existing document: the winner, the next sequence,
 * and the search index if the winner changed. */
gboolean      caucus_store_update_existing_doc (CaucusStore   *self,
                                                gint64         doc_id,
                                                const char    *old_rev,
                                                gboolean       old_deleted,
                                                gint64         written_rev_id,
                                                JsonObject    *written_body,
                                                const GString *written_text,
                                                GError       **error);
/* The winner's rev and deleted flag from docs. */
char         *caucus_store_read_doc_rev      (CaucusStore  *self,
                                              gint64        doc_id,
                                              gboolean     *deleted,
                                              GError      **error);

/* ---- replication writes (caucus-store-history.c) ---- */
/* Everything about a replicated document that needs no database: done up front, and in
 * bulk_docs on a second thread while the first one writes. */
/* one revision of a _revisions path */
typedef struct {
  guint64     gen;
  const char *hash;
} CaucusPathRev;

typedef struct {
  JsonObject *doc;
  const char *id;
  const char *rev;
  const char *hash;
  guint64     gen;
  gboolean    deleted;
  GArray     *path;     /* CaucusPathRev, newest first */
  char       *body;
  gsize       body_len;
  GString    *text;     /* folded searchable text, NULL for a tombstone */
  const char *type;     /* what its docs row shows in search hits (NULL for a tombstone) */
  const char *title;
  gboolean    has_atts; /* carries an _attachments member */
  GError     *error;    /* why the document is refused */
  /* prepared from JSON text (caucus-store-bulk-text.c): @doc is NULL until a tree is
   * needed, @head holds the members the pointers above point into, and the document's
   * text is @src[0..@src_len) (the caller's, alive for the call) */
  JsonObject *head;
  const char *src;
  gsize       src_len;
} CaucusPrepared;

/* Fills @p from the JSON text of one document without building its tree, when it is a
 * plain replicated document (members _id, _rev, _revisions, _deleted and its own data):
 * the same fields, errors and canonical body as caucus_prepared_fill_full() without the
 * searchable text.  FALSE (and @p untouched) for anything else, which then takes the tree
 * path. */
/* @scanner: any scanner made with a max_depth of CAUCUS_JSON_MAX_DEPTH, reused (reset)
 * from one document to the next. */
gboolean      caucus_prepared_fill_text      (CaucusPrepared    *p,
                                              CaucusJsonScanner *scanner,
                                              const char        *text,
                                              gsize              length,
                                              guint              revs_limit);
/* Gives a slot filled from text its tree (for the paths that need one): refills it with
 * caucus_prepared_fill_full() from its text.  FALSE when the text is not JSON. */
gboolean      caucus_prepared_ensure_tree    (CaucusPrepared *p,
                                              guint           revs_limit,
                                              guint           max_depth);
/* caucus_prepared_fill_full()'s checks of the reserved members, on @doc (the whole
 * document or its text path's head). */
void          caucus_prepared_fill_head      (CaucusPrepared *p,
                                              JsonObject     *doc,
                                              guint           revs_limit);

/* Fills @p from @doc (no database): on bad input sets p->error. */
/* @with_text: derive the searchable text too (not when the store keeps no index). */
void          caucus_prepared_fill_full      (CaucusPrepared *p,
                                              JsonObject     *doc,
                                              guint           revs_limit,
                                              gboolean        with_text);
void          caucus_prepared_fill           (CaucusPrepared *p,
                                              JsonObject     *doc,
                                              guint           revs_limit);
void          caucus_prepared_clear          (CaucusPrepared *p);
gboolean      caucus_store_write_prepared    (CaucusStore    *self,
                                              CaucusPrepared *p,
                                              GError        **error);

/* ---- the new-document fast path of replication batches (caucus-store-batch.c) ---- */
typedef struct _CaucusBatch CaucusBatch;

CaucusBatch  *caucus_batch_new               (void);
void          caucus_batch_free              (CaucusBatch    *b);
/* A valid document without attachments whose path needs no stemming. */
gboolean      caucus_batch_eligible          (CaucusPrepared *p,
                                              guint           revs_limit);
gboolean      caucus_batch_contains          (CaucusBatch    *b,
                                              const char     *id);
/* Adds @p (a new document, see caucus-store-batch.c); TRUE when the batch is full. */
gboolean      caucus_batch_add               (CaucusBatch    *b,
                                              CaucusPrepared *p);
/* Writes the batch's documents and clears them (also on failure). */
gboolean      caucus_store_batch_flush       (CaucusStore    *self,
                                              CaucusBatch    *b,
                                              GError        **error);

/* ---- bulk (caucus-store-bulk.c) ---- */
void          caucus_bulk_add_error_row      (JsonArray    *results,
                                              const char   *id,
                                              const GError *err);
/* I/O, corruption, busy: errors that end a batch rather than refuse one document. */
gboolean      caucus_store_error_is_fatal    (const GError *err);

/* ---- documents (caucus-store-docs.c) ---- */
/* Shared by put_attachment/delete_attachment: a new_edits=true write with attachments
 * already resolved. */
char         *caucus_store_put_internal      (CaucusStore  *self,
                                              JsonObject   *doc,
                                              GPtrArray    *resolved_atts,
                                              GError      **error);

/* ---- search (caucus-store-search.c) ---- */
/* Updates the index of document @doc_id: removes the text of @old_body (the winner that
 * was indexed, NULL if none) and adds that of @new_body (NULL: nothing to index), whose text @new_text may give already folded. */
gboolean      caucus_store_index_doc         (CaucusStore   *self,
                                              gint64         doc_id,
                                              JsonObject    *old_body,
                                              JsonObject    *new_body,
                                              const GString *new_text,
                                              GError       **error);
/* Re-reads whether the store keeps its search index (another connection may switch it). */
void          caucus_store_refresh_search_flag (CaucusStore *self);
/* The folded searchable text of @body (see caucus-store-search.c for the rule). */
GString      *caucus_search_text             (JsonObject   *body);
/* The type and title (name/title/short_name) a search row shows for @body. */
void          caucus_search_doc_meta         (JsonObject   *body,
                                              const char  **type,
                                              const char  **title);
char         *caucus_search_fold             (const char   *text);
/* Appends the folded tokens of @text to @out (the one definition of a token). */
void          caucus_search_fold_append      (GString      *out,
                                              const char   *text);
/* Whether the strings under member @name are left out of the searchable text. */
gboolean      caucus_search_skip_member      (const char   *name);
gboolean      caucus_store_register_tokenizer (CaucusStore *self,
                                               GError     **error);

G_END_DECLS
