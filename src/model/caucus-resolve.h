/* caucus-resolve.h — resolving a document's conflicting revisions in the store.
 *
 * After a pull, a document may have several live leaves.  For each losing leaf the
 * merge base is fetched (caucus_store_get_merge_base), and the winner and the loser are
 * merged with caucus_merge_documents.  If everything merges, one transaction writes the
 * merged body as a child of the winner and a tombstone on every losing leaf, so every
 * replica that does the same converges on the same revisions (revision ids derive from
 * parent and body).  If anything truly conflicts, nothing is written and the conflicts
 * are returned for the review queue.
 *
 * A merged statement also gets statement-versions, in the same transaction: each side's
 * text before the merge ("<id>:rev:<rev>", role "before-merge") and the result
 * ("<id>:merge:<merged rev>", role "automatic-merge" or "reviewed-merge").  Their ids
 * and bodies derive from revisions only, so replicas agree on them too. */
#pragma once

#include "caucus-merge.h"
#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_RESOLVE_NONE,      /* no live conflicting revisions (or the document is deleted) */
  CAUCUS_RESOLVE_MERGED,    /* merged and written */
  CAUCUS_RESOLVE_CONFLICT,  /* true conflicts: a person must choose; nothing written */
} CaucusResolveOutcome;

/* @new_rev (optional): the merged revision when MERGED.  @conflicts (optional): the
 * CaucusConflict* when CONFLICT, with @conflict_rev set to the losing revision they are
 * against.  Returns FALSE only on store errors. */
gboolean caucus_resolve_document (CaucusStore          *store,
                                  const char           *id,
                                  CaucusResolveOutcome *outcome,
                                  char                **new_rev,
                                  GPtrArray           **conflicts,
                                  char                **conflict_rev,
                                  GError              **error);

/* The review queue's decision: merges again with @choices (conflict path → JsonNode*
 * to keep, NULL to drop the member; see caucus_merge_documents_with_choices) and writes
 * the result like an automatic merge.  If a conflict has no choice — or the document
 * changed since the conflicts were shown — nothing is written and the error is
 * CAUCUS_MODEL_ERROR_CONFLICT naming the fields. */
gboolean caucus_resolve_document_with_choices (CaucusStore *store,
                                               const char  *id,
                                               GHashTable  *choices,
                                               char       **new_rev,
                                               GError     **error);

/* Resolves each of @ids (e.g. the documents a pull wrote); counts what happened.
 * Stops at the first store error. */
gboolean caucus_resolve_documents (CaucusStore        *store,
                                   const char * const *ids,
                                   guint              *n_merged,
                                   guint              *n_conflicted,
                                   GError            **error);

G_END_DECLS
