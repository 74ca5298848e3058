/* caucus-store.h — the document store: CouchDB semantics on SQLite.
 *
 * One CaucusStore is one SQLite connection and belongs to the thread that opened it.
 * Bulk work on another thread opens its own connection with caucus_store_open_worker().
 * Every connection to the same file in this process reports committed writes through
 * the "changed" signal of every CaucusStore opened on that file, emitted in the
 * GMainContext that was thread-default when that CaucusStore was opened.
 *
 * Documents are JSON objects (JsonObject).  Reserved members follow CouchDB:
 * _id, _rev, _deleted, _attachments, _revisions (input of put_with_history),
 * _conflicts, _deleted_conflicts, _revs_info (output of get).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAUCUS_STORE_ERROR (caucus_store_error_quark ())

typedef enum {
  CAUCUS_STORE_ERROR_INVALID,     /* bad input: JSON, id, rev, UTF-8, nesting (HTTP 400) */
  CAUCUS_STORE_ERROR_CONFLICT,    /* _rev is not a leaf / doc exists (HTTP 409) */
  CAUCUS_STORE_ERROR_NOT_FOUND,   /* no such document, revision or attachment (HTTP 404 "missing") */
  CAUCUS_STORE_ERROR_DELETED,     /* the winning revision is a tombstone (HTTP 404 "deleted") */
  CAUCUS_STORE_ERROR_TOO_LARGE,   /* document or attachment over a limit (HTTP 413) */
  CAUCUS_STORE_ERROR_IO,          /* SQLite or file system failure, disk full, read-only */
  CAUCUS_STORE_ERROR_CORRUPT,     /* the file is not a Caucus store or is damaged */
  CAUCUS_STORE_ERROR_BUSY,        /* locked by another writer past busy_timeout */
} CaucusStoreError;

GQuark caucus_store_error_quark (void);

#define CAUCUS_TYPE_STORE (caucus_store_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStore, caucus_store, CAUCUS, STORE, GObject)

/* ---- opening ---------------------------------------------------------------------- */

/* Opens or creates the store file at @path (WAL, busy_timeout, migrations). */
CaucusStore  *caucus_store_open               (const char   *path,
                                               GError      **error);
/* A new connection to the same file, for use on one other (worker) thread. */
CaucusStore  *caucus_store_open_worker        (CaucusStore  *self,
                                               GError      **error);
const char   *caucus_store_get_path           (CaucusStore  *self);
const char   *caucus_store_get_uuid           (CaucusStore  *self);
/* Commits that other processes make on the file (caucusctl, another instance of the app)
 * are announced through "changed" on every store of this process open on it, like this
 * process's own, about 100 ms after they are written.  Call it from the thread that opened
 * @self, on one store per file; it follows the file's write-ahead log while @self lives. */
gboolean      caucus_store_watch_other_processes (CaucusStore *self,
                                                  GError     **error);

typedef struct {
  gint64 doc_count;      /* documents whose winner is not deleted */
  gint64 doc_del_count;  /* documents whose winner is a tombstone */
  gint64 update_seq;     /* last sequence number */
  gint64 data_size;      /* bytes of the file */
} CaucusStoreInfo;

gboolean      caucus_store_get_info           (CaucusStore     *self,
                                               CaucusStoreInfo *info,
                                               GError         **error);
gint64        caucus_store_get_update_seq     (CaucusStore  *self);
guint         caucus_store_get_revs_limit     (CaucusStore  *self);
gboolean      caucus_store_set_revs_limit     (CaucusStore  *self,
                                               guint         revs_limit,
                                               GError      **error);

/* ---- transactions ------------------------------------------------------------------ */
/* Writes outside an explicit transaction are each their own transaction.  Inside one,
 * nothing is visible to other connections and no "changed" is emitted until commit. */
gboolean      caucus_store_begin              (CaucusStore  *self,
                                               GError      **error);
gboolean      caucus_store_commit             (CaucusStore  *self,
                                               GError      **error);
void          caucus_store_rollback           (CaucusStore  *self);
/* A read transaction: every read until read_end() sees one snapshot of the store and the
 * file is locked once for all of them (a request that reads many documents should take
 * one).  Nests; inside a write transaction it only counts.  Writes on this connection are
 * refused (CAUCUS_STORE_ERROR_INVALID) while one is open.  Every successful read_begin()
 * needs its read_end(). */
gboolean      caucus_store_read_begin         (CaucusStore  *self,
                                               GError      **error);
void          caucus_store_read_end           (CaucusStore  *self);
/* Whether a read transaction is open (for assertions and tests). */
gboolean      caucus_store_in_read            (CaucusStore  *self);

/* ---- documents --------------------------------------------------------------------- */

/* Interactive write (new_edits=true).  @doc must have a valid _id; with _rev it must name
 * a leaf, without _rev the document must not exist or its winner must be deleted.
 * _attachments members are either inline ({content_type, data: base64}) or stubs
 * ({stub: true}) that keep the attachment of the parent revision.
 * Returns the new revision id. */
char         *caucus_store_put                (CaucusStore  *self,
                                               JsonObject   *doc,
                                               GError      **error);
/* Parses @json and puts it; invalid JSON, non-objects and bad UTF-8 are CAUCUS_STORE_ERROR_INVALID. */
char         *caucus_store_put_json           (CaucusStore  *self,
                                               const char   *json,
                                               gssize        length,
                                               GError      **error);
/* Writes a tombstone on top of @rev.  Returns the new revision id. */
char         *caucus_store_delete             (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev,
                                               GError      **error);
/* Replication write (new_edits=false): @doc carries _rev and optionally
 * _revisions {start, ids}; the path is grafted where it meets the existing tree, or starts
 * a new root.  Revisions already known are no-ops.  Attachment stubs must name a digest
 * the store has (see caucus_store_add_blob). */
gboolean      caucus_store_put_with_history   (CaucusStore  *self,
                                               JsonObject   *doc,
                                               GError      **error);

typedef struct {
  const char         *rev;               /* NULL: the winner */
  gboolean            revs;              /* add _revisions */
  gboolean            revs_info;         /* add _revs_info */
  gboolean            conflicts;         /* add _conflicts */
  gboolean            deleted_conflicts; /* add _deleted_conflicts */
  gboolean            attachments;       /* inline attachment data instead of stubs */
  const char * const *atts_since;        /* inline only attachments newer than these revs */
  gboolean            latest;            /* with rev: the leaf that descends from it */
  gboolean            local_seq;         /* add _local_seq */
} CaucusGetOptions;

/* Returns the document body with _id and _rev (and _deleted for tombstones when a rev is
 * asked for explicitly).  A deleted winner without an explicit rev is
 * CAUCUS_STORE_ERROR_DELETED. @opts may be NULL. */
JsonObject   *caucus_store_get                (CaucusStore            *self,
                                               const char             *id,
                                               const CaucusGetOptions *opts,
                                               GError                **error);
/* The same document as caucus_store_get() returns, appended to @out as compact JSON text
 * (exactly what caucus_json_to_string() makes of that object), without building a tree:
 * the stored body text is copied.  On error nothing is appended. */
gboolean      caucus_store_get_json           (CaucusStore            *self,
                                               const char             *id,
                                               const CaucusGetOptions *opts,
                                               GString                *out,
                                               GError                **error);
/* open_revs: @revs NULL means every leaf.  Returns an array of JsonObject, each
 * {"ok": doc} or {"missing": rev}, in the order asked (leaves in winner order for "all").
 * @opts->rev is ignored. */
GPtrArray    *caucus_store_get_open_revs      (CaucusStore            *self,
                                               const char             *id,
                                               const char * const     *revs,
                                               const CaucusGetOptions *opts,
                                               GError                **error);
/* The leaf revision ids of @id, winner first.  Tombstoned leaves included. */
GStrv         caucus_store_get_leaves         (CaucusStore  *self,
                                               const char   *id,
                                               GError      **error);

/* The body of the deepest common ancestor of @rev_a and @rev_b, if its body was kept
 * (the merge base for a three-way merge); NULL with CAUCUS_STORE_ERROR_NOT_FOUND otherwise. */
JsonObject   *caucus_store_get_merge_base     (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev_a,
                                               const char   *rev_b,
                                               GError      **error);

/* ---- bulk -------------------------------------------------------------------------- */

/* _bulk_docs: one transaction; returns CouchDB's per-document result array
 * ([{id, rev, ok} | {id, error, reason}]); with new_edits=false only errors are listed.
 * With new_edits=false and 256+ documents a second thread prepares documents while this
 * one writes: @docs must not be modified during the call.  Inside an explicit
 * transaction a refused document writes nothing and the others go on. */
JsonArray    *caucus_store_bulk_docs          (CaucusStore  *self,
                                               JsonArray    *docs,
                                               gboolean      new_edits,
                                               GError      **error);
/* caucus_store_bulk_docs (new_edits=false) for documents given as JSON text, as a sync
 * server receives them: document i is @text[@starts[i]] for @lengths[i] bytes (a span of
 * one request body the caller has read as JSON with nesting up to @max_depth, which must
 * stay alive for the call).  Stores and answers exactly as caucus_store_bulk_docs() would
 * for the same documents; plain ones are prepared without a tree
 * (caucus-store-bulk-text.c). */
JsonArray    *caucus_store_bulk_docs_text     (CaucusStore  *self,
                                               const char   *text,
                                               const gsize  *starts,
                                               const gsize  *lengths,
                                               guint         n,
                                               guint         max_depth,
                                               GError      **error);
/* _revs_diff: @request {id: [revs]} → {id: {missing: [...], possible_ancestors: [...]}} */
JsonObject   *caucus_store_revs_diff          (CaucusStore  *self,
                                               JsonObject   *request,
                                               GError      **error);

typedef struct {
  const char         *startkey;
  const char         *endkey;
  gboolean            exclusive_end;   /* FALSE = CouchDB's default inclusive_end=true */
  gint64              limit;           /* < 0: no limit */
  gint64              skip;
  gboolean            descending;
  gboolean            include_docs;
  gboolean            conflicts;       /* with include_docs */
  const char * const *keys;            /* NULL-terminated; overrides the range */
} CaucusAllDocsOptions;

/* _all_docs in CouchDB's shape: {total_rows, offset, rows: [{id, key, value: {rev}, doc?}]} */
JsonObject   *caucus_store_all_docs           (CaucusStore                *self,
                                               const CaucusAllDocsOptions *opts,
                                               GError                    **error);

/* ---- changes ----------------------------------------------------------------------- */

typedef struct {
  gint64              since;
  gint64              limit;           /* < 0: no limit */
  gboolean            descending;
  gboolean            all_docs;        /* style=all_docs: every leaf, not only the winner */
  gboolean            include_docs;
  gboolean            conflicts;       /* with include_docs */
  const char * const *doc_ids;         /* NULL-terminated filter, or NULL */
} CaucusChangesOptions;

/* {results: [{seq, id, changes: [{rev}...], deleted?, doc?}], last_seq, pending}.
 * Each document appears once, at its latest sequence.  Local docs never appear. */
JsonObject   *caucus_store_changes            (CaucusStore                *self,
                                               const CaucusChangesOptions *opts,
                                               GError                    **error);

/* What caucus_store_changes_append_json() read. */
typedef struct {
  gint64 rows;        /* rows appended */
  gint64 last_seq;    /* as caucus_store_changes()'s last_seq */
  gint64 pending;     /* as its pending */
} CaucusChangesPage;

/* The rows of caucus_store_changes()'s "results", appended to @out as compact JSON text
 * (each exactly what caucus_json_to_string() makes of that row), with @separator between
 * rows; when *@first is FALSE, @separator also goes before the first row.  *@first is
 * FALSE afterwards if a row was appended.  On error nothing is appended. */
gboolean      caucus_store_changes_append_json (CaucusStore                *self,
                                                const CaucusChangesOptions *opts,
                                                GString                    *out,
                                                const char                 *separator,
                                                gboolean                   *first,
                                                CaucusChangesPage          *page,
                                                GError                    **error);

/* ---- local documents (_local/...) -------------------------------------------------- */
/* @id may be given with or without the "_local/" prefix.  Revisions are "0-N". */
JsonObject   *caucus_store_get_local          (CaucusStore  *self,
                                               const char   *id,
                                               GError      **error);
/* _rev must match the current one (or be absent for a new doc); returns the new "0-N". */
char         *caucus_store_put_local          (CaucusStore  *self,
                                               JsonObject   *doc,
                                               GError      **error);
gboolean      caucus_store_delete_local       (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev,
                                               GError      **error);

/* ---- attachments ------------------------------------------------------------------- */

/* Stores @data as a content-addressed blob; returns its digest "md5-<base64>".
 * Compaction deletes blobs no attachment refers to: add a blob and the document whose
 * stub names it in one transaction (begin, add_blob, put…, commit). */
char         *caucus_store_add_blob           (CaucusStore  *self,
                                               GBytes       *data,
                                               GError      **error);
gboolean      caucus_store_has_blob           (CaucusStore  *self,
                                               const char   *digest);
GBytes       *caucus_store_get_blob           (CaucusStore  *self,
                                               const char   *digest,
                                               GError      **error);
/* The attachment @name of @rev (NULL: winner). */
GBytes       *caucus_store_get_attachment     (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev,
                                               const char   *name,
                                               char        **content_type,
                                               char        **digest,
                                               GError      **error);
/* Adds or replaces attachment @name on top of @rev (NULL only when @id does not exist
 * yet); returns the new revision id. */
char         *caucus_store_put_attachment     (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev,
                                               const char   *name,
                                               const char   *content_type,
                                               GBytes       *data,
                                               GError      **error);
char         *caucus_store_delete_attachment  (CaucusStore  *self,
                                               const char   *id,
                                               const char   *rev,
                                               const char   *name,
                                               GError      **error);

/* ---- full-text search -------------------------------------------------------------- */

typedef struct {
  char   *id;
  char   *type;      /* the document's "type" member, or NULL */
  char   *title;     /* name/title/short text for a result row */
  double  rank;      /* bm25; lower is better */
} CaucusSearchHit;

void          caucus_search_hit_free          (CaucusSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusSearchHit, caucus_search_hit_free)

/* Search as you type: every word of @query must match (the last one as a prefix);
 * case- and accent-insensitive, any script.  @type may restrict to one document type.
 * Returns CaucusSearchHit*, best first; @limit 0 means every match.  With a @limit,
 * bm25 ranks the 1,000 newest matching documents (all of them when fewer match). */
GPtrArray    *caucus_store_search             (CaucusStore  *self,
                                               const char   *query,
                                               const char   *type,
                                               guint         limit,
                                               GError      **error);

/* Whether the store keeps its full-text index (on by default; a setting of the file, seen
 * by every connection).  A sync server, which never searches, turns it off: writes then
 * skip the searchable text and the index, and caucus_store_search() is refused
 * (CAUCUS_STORE_ERROR_INVALID).  Turning it on again rebuilds the index from every live
 * document's winner, in one write transaction. */
gboolean      caucus_store_get_search_index   (CaucusStore  *self);
gboolean      caucus_store_set_search_index   (CaucusStore  *self,
                                               gboolean      enabled,
                                               GError      **error);

/* Whether this connection's commits ever copy the WAL back into the database file
 * themselves (the default: below a few thousand pages a commit past 1,000 checkpoints
 * inline, as SQLite does).  A server answering a client only after the commit turns that
 * off: every checkpoint then runs on the process's checkpoint worker, after the answer,
 * and the WAL still starts over whenever the worker has copied all of it.  Durability is
 * the same either way (see caucus-store-checkpoint.c). */
void          caucus_store_set_checkpoints_off_commit (CaucusStore *self,
                                                       gboolean     off_commit);

/* ---- maintenance ------------------------------------------------------------------- */

/* Drops bodies of non-leaf revisions that are no longer merge bases, and orphaned blobs. */
gboolean      caucus_store_compact            (CaucusStore  *self,
                                               GError      **error);
gboolean      caucus_store_integrity_check    (CaucusStore  *self,
                                               GError      **error);

/* ---- helpers shared with the server, replicator and model ------------------------ */

/* Validates a document id: non-empty UTF-8, no leading '_' other than _local/ or _design/. */
gboolean      caucus_store_validate_id        (const char   *id,
                                               GError      **error);
/* Parses "N-hex" into generation and hash; FALSE for anything malformed. */
gboolean      caucus_rev_parse                (const char   *rev,
                                               guint64      *generation,
                                               const char  **hash);
/* Parses JSON text strictly (valid UTF-8, an object, nesting at most @max_depth). */
JsonObject   *caucus_json_parse_object        (const char   *json,
                                               gssize        length,
                                               guint         max_depth,
                                               GError      **error);
/* Serialises compactly (no whitespace). */
char         *caucus_json_to_string           (JsonNode     *node,
                                               gsize        *length);

/* Appends @s as a JSON string (minimal escapes, as caucus_json_to_string() writes it);
 * text that is not UTF-8 is CAUCUS_STORE_ERROR_INVALID and appends nothing. */
gboolean      caucus_json_append_string       (GString      *out,
                                               const char   *s,
                                               GError      **error);

#define CAUCUS_JSON_MAX_DEPTH 64

G_END_DECLS
