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
 * A merged statement also gets a statement-version named "Automatic merge" holding the
 * merged text, with the id "<statement id>:merge:<merged revision>", written in the same
 * transaction (deterministic, so replicas agree on it too). */
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

/* Resolves each of @ids (e.g. the documents a pull wrote); counts what happened.
 * Stops at the first store error. */
gboolean caucus_resolve_documents (CaucusStore        *store,
                                   const char * const *ids,
                                   guint              *n_merged,
                                   guint              *n_conflicted,
                                   GError            **error);

G_END_DECLS
