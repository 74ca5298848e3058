/* caucus-model-index.h — the model's query index over a store.
 *
 * The store answers by id; lists need "people of kind X in group Y sorted by name, rows
 * 200–263".  The index is a small SQLite database owned by the model, next to the store
 * file, with one row per live document (type, sort key, the filterable fields) and one
 * row per value of each multi-valued field (countries, expertise, accreditations, tags,
 * languages).  It follows the store's changes feed from a checkpointed sequence, so it
 * survives restarts and catches up with writes from any connection. */
#pragma once

#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_MODEL_INDEX (caucus_model_index_get_type ())
G_DECLARE_FINAL_TYPE (CaucusModelIndex, caucus_model_index, CAUCUS, MODEL_INDEX, GObject)

/* Opens (creating or rebuilding as needed) the index at @path — NULL means the store's
 * path with "-index" appended, or memory for an in-memory store — and catches up with
 * the store.  Must be called on the thread that owns @store. */
CaucusModelIndex *caucus_model_index_open        (CaucusStore      *store,
                                                  const char       *path,
                                                  GError          **error);
/* How far a catch-up has come: @done of @total changes of the store read (documents,
 * deleted ones included).  Called between batches of 1000. */
typedef void (*CaucusModelIndexProgressFunc) (guint64  done,
                                              guint64  total,
                                              gpointer user_data);

/* The same as caucus_model_index_open(), with the long part — a first build or a rebuild
 * after a layout change or damage (minutes for 120k documents), or a long catch-up — on a
 * worker thread with its own connections to the store and the index.  @progress is called
 * in the thread-default main context of the caller, at most once per batch, never after
 * @callback.  Cancelling stops the worker between batches; what it committed is a
 * checkpoint the next open continues from, never an index taken as complete.  The result
 * is opened on the calling thread (which must own @store) from the finished file. */
void              caucus_model_index_open_async  (CaucusStore                  *store,
                                                  const char                   *path,
                                                  CaucusModelIndexProgressFunc  progress,
                                                  gpointer                      progress_data,
                                                  GDestroyNotify                progress_data_free,
                                                  GCancellable                 *cancellable,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data);
CaucusModelIndex *caucus_model_index_open_finish (GAsyncResult                 *result,
                                                  GError                      **error);
/* How many changes of @store an open of the index at @path (as for open) would read: the
 * store's whole sequence when the index is missing, of another layout or store, damaged
 * or never completed, else the changes since its checkpoint.  A read-only look that
 * writes nothing (under a millisecond), for choosing between the two opens. */
gint64            caucus_model_index_count_pending (CaucusStore                *store,
                                                    const char                 *path);
/* The index shared by every list of @store (opened on first use). */
CaucusModelIndex *caucus_model_index_get_default (CaucusStore      *store,
                                                  GError          **error);
CaucusStore      *caucus_model_index_get_store   (CaucusModelIndex *self);
/* Reads the store's changes since the index's checkpoint and updates the index and every
 * list over it.  Runs by itself on the store's "changed" signal. */
gboolean          caucus_model_index_refresh     (CaucusModelIndex *self,
                                                  GError          **error);
gint64            caucus_model_index_get_seq     (CaucusModelIndex *self);

typedef struct {
  char  *value;
  guint  count;
} CaucusValueCount;

void caucus_value_count_free (CaucusValueCount *vc);

/* The distinct values of a filter field among documents of @type, most used first, for
 * filter menus.  @field: "kind", "status", "regional_group", "country", "expertise",
 * "accreditation", "tag", "language".  Returns CaucusValueCount*. */
GPtrArray        *caucus_model_index_list_values (CaucusModelIndex *self,
                                                  const char       *type,
                                                  const char       *field,
                                                  GError          **error);

G_END_DECLS
