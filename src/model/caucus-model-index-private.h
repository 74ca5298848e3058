/* caucus-model-index-private.h — what CaucusDocumentList and the balance need from the index. */
#pragma once

#include "caucus-model-index.h"
#include "caucus-document-list.h"

#include <sqlite3.h>

G_BEGIN_DECLS

struct _CaucusModelIndex
{
  GObject      parent_instance;

  CaucusStore *store;
  sqlite3     *db;
  GHashTable  *stmts;         /* SQL text → sqlite3_stmt* */
  gint64       seq;
  GPtrArray   *lists;         /* CaucusDocumentList*, not owned */
  guint        next_list_id;
  gulong       changed_id;
  gboolean     refreshing;
  char        *file;          /* the index file (":memory:" in some tests) */
  /* A catch-up on a worker thread (caucus-model-index-follow.c): running, asked to go
   * again when it is over, and what stops it when the index goes away. */
  gboolean     catching_up;
  gboolean     follow_again;
  GCancellable *follow_cancellable;
  GHashTable  *built;         /* during a first fill: ids indexed so far (else NULL) */

  /* Only while opening (caucus-model-index-rebuild.c): who hears of the progress of a
   * catch-up, and what may stop it between batches. */
  CaucusModelIndexProgressFunc progress;
  gpointer                     progress_data;
  GCancellable                *cancellable;
};

/* caucus-model-index-follow.c: the store changed; the index follows, on the spot for a few
 * changes, on a worker for many. */
void              _caucus_model_index_follow       (CaucusModelIndex *self);
/* caucus-model-index.c: a value of the index's meta table (NULL when absent). */
char             *_caucus_model_index_meta_get     (CaucusModelIndex *self,
                                                    const char       *key);
/* g_ptr_array_copy()'s function for a snapshot of the lists (a reference each). */
gpointer          _caucus_model_index_ref_list     (gconstpointer     list,
                                                    gpointer          data);

/* Opening, shared by caucus_model_index_open() and the worker of the asynchronous open
 * (caucus-model-index-rebuild.c): @follow_store connects to the store's "changed" (only
 * on the thread that owns @store); @progress and @cancellable apply during the catch-up. */
CaucusModelIndex *_caucus_model_index_open_full    (CaucusStore                  *store,
                                                    const char                   *path,
                                                    gboolean                      follow_store,
                                                    CaucusModelIndexProgressFunc  progress,
                                                    gpointer                      progress_data,
                                                    GCancellable                 *cancellable,
                                                    GError                      **error);
/* The layout this build writes (PRAGMA user_version). */
int               _caucus_model_index_schema_version (void);
/* The index file of @store for @path (NULL: beside the store, or ":memory:"). */
char             *_caucus_model_index_resolve_path (CaucusStore                  *store,
                                                    const char                   *path);

/* A query: one document type, optional filters (NULL = any), a sort. */
typedef struct {
  char          *type;
  char          *kind;
  char          *status;
  char          *regional_group;
  char          *country;
  char          *expertise;
  char          *accreditation;
  char          *tag;
  char          *ref_id;
  char          *involves;         /* documents that name this id (roles, owners, signer) */
  char          *involves_people_of; /* … that name any person of this organisation */
  char          *start_from;       /* events starting at or after (RFC 3339 UTC) */
  char          *start_to;         /* … and strictly before */
  char          *search;           /* non-NULL: restrict to the hits table of @list_id */
  gboolean       problems_only;
  gboolean       conflicts_only;
  CaucusListSort sort;
  guint          list_id;
} CaucusQuery;

void      _caucus_query_clear        (CaucusQuery *q);

/* Shared between the index and its queries (caucus-model-index-query.c). */
typedef struct sqlite3_stmt sqlite3_stmt;
sqlite3_stmt *_caucus_model_index_stmt     (CaucusModelIndex *self,
                                            const char       *sql,
                                            GError          **error);
gboolean      _caucus_model_index_exec     (CaucusModelIndex *self,
                                            const char       *sql,
                                            GError          **error);
gboolean      _caucus_model_index_db_error (CaucusModelIndex *self,
                                            GError          **error,
                                            const char       *what);
gint64        _caucus_model_index_last_rowid (CaucusModelIndex *self);
int           _caucus_model_index_changes    (CaucusModelIndex *self);
/* "2012-11-03T05:00:00.000000Z", or "" when @text is not an instant. */
char         *_caucus_normalize_instant    (const char       *text);

void      _caucus_model_index_add_list    (CaucusModelIndex *self,
                                           CaucusDocumentList *list);
void      _caucus_model_index_remove_list (CaucusModelIndex *self,
                                           CaucusDocumentList *list);
guint     _caucus_model_index_new_list_id (CaucusModelIndex *self);

/* Number of documents matching @q, or -1 with @error. */
gint64    _caucus_model_index_count       (CaucusModelIndex *self,
                                           const CaucusQuery *q,
                                           GError          **error);
/* Ids of rows [offset, offset+limit) in order; with @after_id the page starts just after
 * that row (keyset) and @offset is ignored. */
GPtrArray *_caucus_model_index_ids        (CaucusModelIndex *self,
                                           const CaucusQuery *q,
                                           const char       *after_id,
                                           guint             offset,
                                           guint             limit,
                                           GPtrArray       **summaries,
                                           GError          **error);
/* Position of @id in @q, or -1 when it is not part of it. */
gint64    _caucus_model_index_position    (CaucusModelIndex *self,
                                           const CaucusQuery *q,
                                           const char       *id,
                                           GError          **error);
/* Replaces the search hits of @list_id with the store's FTS matches for @text. */
gboolean  _caucus_model_index_set_hits    (CaucusModelIndex *self,
                                           guint             list_id,
                                           const char       *type,
                                           const char       *text,
                                           gboolean         *truncated,
                                           GError          **error);
/* What a list row shows for @id, from its index row; NULL with @error when the index
 * has no row for it. */
CaucusDocumentSummary *_caucus_model_index_summary (CaucusModelIndex *self,
                                                    const char       *id,
                                                    GError          **error);
void      _caucus_model_index_clear_hits  (CaucusModelIndex *self,
                                           guint             list_id);

/* One document's rows (caucus-model-index-entries.c). */
gboolean  _caucus_model_index_put_document    (CaucusModelIndex *self,
                                               JsonObject       *doc,
                                               GError          **error);
gboolean  _caucus_model_index_remove_document (CaucusModelIndex *self,
                                               const char       *id,
                                               GError          **error);
/* Adds to @ids (and @seen) the people whose row changes because an organisation in
 * @results (a changes feed page) changed kind or group; FALSE when there are too many
 * to place one by one. */
gboolean  _caucus_model_index_collect_affected_people (CaucusModelIndex *self,
                                                       JsonArray        *results,
                                                       GPtrArray        *ids,
                                                       GHashTable       *seen);
/* During a first fill: TRUE when @id is indexed for the first time (nothing to replace). */
gboolean  _caucus_model_index_first_indexing  (CaucusModelIndex *self,
                                               const char       *id);

/* The index's own full-text table (caucus-model-index-search.c): which types it holds,
 * and keeping a document's row in it. */
gboolean  _caucus_model_index_searches_type (const char       *type);
gboolean  _caucus_model_index_search_add    (CaucusModelIndex *self,
                                             const char       *id,
                                             const char       *type,
                                             const char       *sort_key,
                                             JsonObject       *doc,
                                             GError          **error);
gboolean  _caucus_model_index_search_remove (CaucusModelIndex *self,
                                             const char       *id,
                                             GError          **error);

/* The store's definition of searchable text and of a token, which the index's search
 * table must share with the store's so that both find the same documents.  They are
 * exported by libcaucus-store but declared only in its private header; declared here
 * until the store offers them publicly (see docs/layers/model.md, "Needs from the store"). */
GString  *caucus_search_text                (JsonObject       *body);
char     *caucus_search_fold                (const char       *text);
/* Counts of (regional_group, kind) pairs for @q; for people the kind is their
 * organisation's.  Calls @func for each pair. */
gboolean  _caucus_model_index_group_counts (CaucusModelIndex *self,
                                            const CaucusQuery *q,
                                            void (*func) (const char *group, const char *kind, guint count, gpointer data),
                                            gpointer          data,
                                            GError          **error);

CaucusQuery *_caucus_document_list_peek_query (CaucusDocumentList *self);

/* Called by the index around an update that touches @ids. */
void      _caucus_document_list_before_update (CaucusDocumentList *self,
                                               GPtrArray          *ids);
void      _caucus_document_list_after_update  (CaucusDocumentList *self);

/* The upper bound of FTS hits a search list keeps: the store ranks that many best
 * matches per keystroke (50–130 ms for 5000 on 100k people, 7–50 ms for 1000). */
#define CAUCUS_SEARCH_HIT_LIMIT 1000
/* More changed ids than this in one update: lists emit one full replacement instead of
 * computing exact positions (each position costs a counting query). */
#define CAUCUS_PRECISE_UPDATE_LIMIT 256

G_END_DECLS
