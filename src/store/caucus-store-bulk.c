/* caucus-store-bulk.c — _bulk_docs, and its two-thread path for replication batches. */
#include "caucus-store-private.h"
#include "caucus-json-reader.h"

#include <string.h>

void
caucus_bulk_add_error_row (JsonArray    *results,
               const char   *id,
               const GError *err)
{
  JsonObject *row = json_object_new ();
  const char *name = "bad_request";

  if (err->domain == CAUCUS_STORE_ERROR)
    switch ((CaucusStoreError) err->code)
      {
      case CAUCUS_STORE_ERROR_CONFLICT: name = "conflict"; break;
      case CAUCUS_STORE_ERROR_NOT_FOUND: name = "not_found"; break;
      case CAUCUS_STORE_ERROR_DELETED: name = "not_found"; break;
      case CAUCUS_STORE_ERROR_TOO_LARGE: name = "too_large"; break;
      case CAUCUS_STORE_ERROR_INVALID: name = "bad_request"; break;
      case CAUCUS_STORE_ERROR_IO:
      case CAUCUS_STORE_ERROR_CORRUPT:
      case CAUCUS_STORE_ERROR_BUSY:
      default: name = "internal_server_error"; break;
      }
  if (id != NULL)
    json_object_set_string_member (row, "id", id);
  else
    json_object_set_null_member (row, "id");
  json_object_set_string_member (row, "error", name);
  json_object_set_string_member (row, "reason", err->message);
  json_array_add_object_element (results, row);
}

gboolean
caucus_store_error_is_fatal (const GError *err)
{
  return err->domain != CAUCUS_STORE_ERROR ||
         err->code == CAUCUS_STORE_ERROR_IO ||
         err->code == CAUCUS_STORE_ERROR_CORRUPT ||
         err->code == CAUCUS_STORE_ERROR_BUSY;
}

/* ---- the replication bulk path: prepare on a second thread, write on this one ---------- */

#define PIPELINE_MIN_DOCS 256   /* below this a thread costs more than it saves */
#define PIPELINE_BATCH_MIN_DOCS 2  /* from here new documents are written in batches */
#define PIPELINE_AHEAD    1024  /* bound the memory held by prepared documents */
#define PIPELINE_STEP     32    /* progress is published in steps, not per document */

typedef struct {
  JsonArray *docs;        /* the documents as trees, or NULL: */
  const char  *text;      /* … as JSON text: document i is text[starts[i]], lengths[i] bytes */
  const gsize *starts;
  const gsize *lengths;
  guint        max_depth; /* the caller's nesting limit for that text */
  CaucusPrepared  *slots;
  guint      n;
  guint      revs_limit;
  gboolean   with_text;  /* the store keeps its search index */
  GMutex     lock;
  GCond      cond;
  guint      prepared;   /* slots [0, prepared) are ready for the writer */
  guint      consumed;   /* the writer is done with slots [0, consumed) */
  gboolean   cancelled;
} Pipeline;

static void
prepare_slot (Pipeline          *pl,
              CaucusJsonScanner *scanner,
              guint              i)
{
  JsonNode *node;

  if (pl->text != NULL)
    {
      CaucusPrepared *p = &pl->slots[i];
      const char *text = pl->text + pl->starts[i];

      /* a plain document without a tree; anything else as a tree from its text */
      if (!caucus_prepared_fill_text (p, scanner, text, pl->lengths[i], pl->revs_limit))
        {
          p->src = text;
          p->src_len = pl->lengths[i];
          caucus_prepared_ensure_tree (p, pl->revs_limit, pl->max_depth);
        }
      return;
    }
  node = json_array_get_element (pl->docs, i);

  if (JSON_NODE_HOLDS_OBJECT (node))
    caucus_prepared_fill_full (&pl->slots[i], json_node_get_object (node), pl->revs_limit,
                               pl->with_text);
  else
    g_set_error (&pl->slots[i].error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                 "Document %u of the batch is not a JSON object", i);
}

static gpointer
pipeline_thread (gpointer data)
{
  Pipeline *pl = data;
  /* documents given as text are read with one scanner, reset for each */
  g_autoptr(CaucusJsonScanner) scanner = pl->text != NULL ? caucus_json_scanner_new ("", 0, CAUCUS_JSON_MAX_DEPTH)
                                                         : NULL;

  for (guint i = 0; i < pl->n; i++)
    {
      if (i % PIPELINE_STEP == 0)
        {
          g_mutex_lock (&pl->lock);
          while (!pl->cancelled && i >= pl->consumed + PIPELINE_AHEAD)
            g_cond_wait (&pl->cond, &pl->lock);
          g_mutex_unlock (&pl->lock);
          if (g_atomic_int_get (&pl->cancelled))
            break;
        }
      prepare_slot (pl, scanner, i);
      if ((i + 1) % PIPELINE_STEP == 0 || i + 1 == pl->n)
        {
          g_mutex_lock (&pl->lock);
          pl->prepared = i + 1;
          g_cond_broadcast (&pl->cond);
          g_mutex_unlock (&pl->lock);
        }
    }
  return NULL;
}

/* With @threaded, a second thread prepares the documents ahead of this one; without (a
 * batch too small for a thread to pay), each is prepared here just before it is
 * written.  Either way new documents are written in batches (caucus-store-batch.c). */
static gboolean
bulk_history (CaucusStore *self,
              Pipeline    *source,
              guint        n,
              JsonArray   *results,
              gboolean     threaded,
              GError     **error)
{
  Pipeline pl = { 0 };
  CaucusBatch *batch = caucus_batch_new ();
  g_autoptr(CaucusJsonScanner) scanner = source->text != NULL && !threaded
                                        ? caucus_json_scanner_new ("", 0, CAUCUS_JSON_MAX_DEPTH) : NULL;
  GThread *thread = NULL;
  guint ready = 0;
  gboolean ok = TRUE;

  pl.docs = source->docs;
  pl.text = source->text;
  pl.starts = source->starts;
  pl.lengths = source->lengths;
  pl.max_depth = source->max_depth;
  pl.n = n;
  pl.slots = g_new0 (CaucusPrepared, pl.n);
  pl.revs_limit = self->revs_limit;
  pl.with_text = !self->search_off;
  g_mutex_init (&pl.lock);
  g_cond_init (&pl.cond);
  if (threaded)
    thread = g_thread_new ("caucus-store-prepare", pipeline_thread, &pl);

  for (guint i = 0; i < pl.n && ok; i++)
    {
      CaucusPrepared *p = &pl.slots[i];
      g_autoptr(GError) local_error = NULL;

      if (!threaded)
        prepare_slot (&pl, scanner, i);
      else if (i >= ready)
        {
          g_mutex_lock (&pl.lock);
          while (pl.prepared <= i)
            g_cond_wait (&pl.cond, &pl.lock);
          ready = pl.prepared;
          g_mutex_unlock (&pl.lock);
        }
      /* a new document joins the batch (written with multi-row INSERTs, see
       * caucus-store-batch.c); anything else flushes the batch and takes the
       * one-document path, so writes keep the order of the documents */
      if (caucus_batch_eligible (p, self->revs_limit) && !caucus_batch_contains (batch, p->id))
        {
          gint64 doc_id = caucus_store_lookup_doc (self, p->id, error);

          if (doc_id < 0)
            {
              ok = FALSE;
              break;
            }
          if (doc_id == 0)
            {
              if (caucus_batch_add (batch, p) && !caucus_store_batch_flush (self, batch, error))
                ok = FALSE;
              goto next;
            }
        }
      if (!caucus_store_batch_flush (self, batch, error))
        {
          ok = FALSE;
          break;
        }
      /* the one-document path reads the tree (attachments, the revision tree's merge) */
      if (p->doc == NULL && p->error == NULL)
        caucus_prepared_ensure_tree (p, self->revs_limit, pl.max_depth);
      if (!caucus_store_write_prepared (self, p, &local_error))
        {
          if (caucus_store_error_is_fatal (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
          else
            caucus_bulk_add_error_row (results, p->id, local_error);
        }
      caucus_prepared_clear (p);
    next:
      if (threaded && (i + 1) % PIPELINE_STEP == 0)
        {
          g_mutex_lock (&pl.lock);
          pl.consumed = i + 1;
          g_cond_broadcast (&pl.cond);
          g_mutex_unlock (&pl.lock);
        }
    }

  if (ok && !caucus_store_batch_flush (self, batch, error))
    ok = FALSE;
  caucus_batch_free (batch);

  if (thread != NULL)
    {
      g_mutex_lock (&pl.lock);
      pl.cancelled = TRUE;
      g_cond_broadcast (&pl.cond);
      g_mutex_unlock (&pl.lock);
      g_thread_join (thread);
    }
  for (guint i = 0; i < pl.n; i++)
    caucus_prepared_clear (&pl.slots[i]);
  g_free (pl.slots);
  g_mutex_clear (&pl.lock);
  g_cond_clear (&pl.cond);
  return ok;
}

/* bulk_history() for the whole batch, in a transaction of its own unless the caller has
 * one open; its answers, or NULL with nothing written. */
static JsonArray *
bulk_history_txn (CaucusStore *self,
                  Pipeline    *source,
                  guint        n,
                  GError     **error)
{
  g_autoptr(JsonArray) results = json_array_new ();
  gboolean own_txn = !self->in_txn;

  if (own_txn && !caucus_store_begin (self, error))
    return NULL;
  if (!bulk_history (self, source, n, results, n >= PIPELINE_MIN_DOCS, error) ||
      (own_txn && !caucus_store_commit (self, error)))
    {
      if (own_txn)
        caucus_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&results);
}

JsonArray *
caucus_store_bulk_docs (CaucusStore *self,
                        JsonArray   *docs,
                        gboolean     new_edits,
                        GError     **error)
{
  g_autoptr(JsonArray) results = NULL;
  gboolean own_txn;
  guint n;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = json_array_get_length (docs);
  if (!new_edits && n >= PIPELINE_BATCH_MIN_DOCS)
    {
      Pipeline source = { .docs = docs };

      return bulk_history_txn (self, &source, n, error);
    }

  results = json_array_new ();
  own_txn = !self->in_txn;
  if (own_txn && !caucus_store_begin (self, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (docs, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) doc = NULL;
      const char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "Document %u of the batch is not a JSON object", i);
          caucus_bulk_add_error_row (results, NULL, local_error);
          continue;
        }
      doc = json_object_ref (json_node_get_object (node));
      if (new_edits && !json_object_has_member (doc, "_id"))
        {
          /* like POST /db: a new document gets a generated id (on a copy; the caller's
           * object may be immutable) */
          JsonObject *copy = json_object_new ();
          GList *members = json_object_get_members (doc);
          g_autofree char *uuid = g_uuid_string_random ();
          GString *hex = g_string_new (NULL);

          for (const char *p = uuid; *p != '\0'; p++)
            if (*p != '-')
              g_string_append_c (hex, *p);
          json_object_set_string_member (copy, "_id", hex->str);
          g_string_free (hex, TRUE);
          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (copy, l->data,
                                    json_node_copy (json_object_get_member (doc, l->data)));
          g_list_free (members);
          g_clear_pointer (&doc, json_object_unref);
          doc = copy;
        }
      if (json_object_has_member (doc, "_id") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (doc, "_id")) &&
          json_node_get_value_type (json_object_get_member (doc, "_id")) == G_TYPE_STRING)
        id = json_object_get_string_member (doc, "_id");

      if (new_edits)
        {
          g_autofree char *rev = caucus_store_put (self, doc, &local_error);

          if (rev != NULL)
            {
              JsonObject *row = json_object_new ();

              json_object_set_boolean_member (row, "ok", TRUE);
              json_object_set_string_member (row, "id", id);
              json_object_set_string_member (row, "rev", rev);
              json_array_add_object_element (results, row);
              continue;
            }
        }
      else if (caucus_store_put_with_history (self, doc, &local_error))
        continue;

      if (caucus_store_error_is_fatal (local_error))
        {
          if (own_txn)
            caucus_store_rollback (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      caucus_bulk_add_error_row (results, id, local_error);
    }

  if (own_txn && !caucus_store_commit (self, error))
    {
      caucus_store_rollback (self);
      return NULL;
    }
  return g_steal_pointer (&results);
}

JsonArray *
caucus_store_bulk_docs_text (CaucusStore *self,
                             const char  *text,
                             const gsize *starts,
                             const gsize *lengths,
                             guint        n,
                             guint        max_depth,
                             GError     **error)
{
  Pipeline source = { .text = text, .starts = starts, .lengths = lengths, .max_depth = max_depth };

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* a store that keeps its search index derives the text from the tree; and a single
   * document takes put_with_history's path: both as trees, as caucus_store_bulk_docs() */
  if (!self->search_off || n < PIPELINE_BATCH_MIN_DOCS)
    {
      g_autoptr(JsonArray) docs = json_array_sized_new (n);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) local_error = NULL;
          JsonNode *node = caucus_json_read (text + starts[i], lengths[i], max_depth, &local_error);

          if (node == NULL)
            {
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                           "Document %u of the batch is not JSON: %s", i, local_error->message);
              return NULL;
            }
          json_array_add_element (docs, node);
        }
      return caucus_store_bulk_docs (self, docs, FALSE, error);
    }
  return bulk_history_txn (self, &source, n, error);
}
