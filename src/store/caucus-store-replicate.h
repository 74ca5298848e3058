/* caucus-store-replicate.h — store reads made for the replicator: answers it needs per
 * batch without building a JsonObject per document.
 *
 * Part of the store (it reads the store's tables), kept apart from caucus-store.h so that
 * the general API stays what every layer codes against. */
#pragma once

#include "caucus-store.h"

G_BEGIN_DECLS

/* The documents written after sequence @since (whose latest sequence is greater) that
 * now have conflicts: at least two leaves that are not tombstones — exactly the documents
 * whose winner caucus_store_get (.conflicts = TRUE) shows with a non-empty _conflicts.
 * Newly allocated ids, in the order written.  Taken with @since =
 * caucus_store_get_update_seq() before a batch is written in a transaction (reads inside
 * it see its writes), it names the documents that batch left conflicted. */
GPtrArray    *caucus_store_replicate_conflicts_since (CaucusStore  *self,
                                                      gint64        since,
                                                      GError      **error);
/* What caucus_store_revs_diff() answers for one document, without a tree on either side:
 * of @revs (@n_revs "N-hash" strings) appends those the store does not hold to @missing,
 * and when there are any, the leaves older than the newest of them (its possible
 * ancestors, for atts_since) to @ancestors (both char*, freed by the caller).  A string
 * that does not parse as a revision is missing.  Call it inside a read transaction
 * (caucus_store_read_begin()) to answer a whole page from one snapshot. */
gboolean      caucus_store_replicate_missing   (CaucusStore        *self,
                                                const char         *id,
                                                const char * const *revs,
                                                guint               n_revs,
                                                GPtrArray          *missing,
                                                GPtrArray          *ancestors,
                                                GError            **error);
/* A page of the changes feed for a push, written straight into the body of the
 * _revs_diff request that asks the remote about it: the documents written after @since, in
 * sequence order, at most @limit of them, each with every leaf revision (style=all_docs,
 * tombstones included), appended to @request as {"id": ["N-hash", …], …}; their ids
 * appended to @ids (char*).  *@last_seq: the sequence of the last document listed (@since
 * when none); *@pending: how many documents come after it (0 unless the page was cut by
 * @limit), as caucus_store_changes() reports them.  Returns the number of documents
 * listed, or -1 with @error (nothing appended). */
gint64        caucus_store_replicate_changes   (CaucusStore        *self,
                                                gint64              since,
                                                guint               limit,
                                                GString            *request,
                                                GPtrArray          *ids,
                                                gint64             *last_seq,
                                                gint64             *pending,
                                                GError            **error);

/* For each revision in @revs (NULL-terminated "N-hash") that the store holds with its
 * body, appends to @texts (char*, to be freed by the caller) the JSON text of that
 * revision as a replicator sends it with new_edits=false: _id, _rev, _revisions
 * {start, ids} (the path to the oldest revision kept), _deleted for a tombstone,
 * _attachments (every attachment of the revision; those with revpos greater than
 * @known_generation inline as {content_type, revpos, data: base64}, the others as stubs
 * {content_type, digest, length, revpos, stub: true}) and the stored body's members.
 * The body is spliced from its stored text: nothing is parsed.  Revisions the store does
 * not have, or whose body was compacted away, are skipped (open_revs reports them
 * "missing"); a revision named twice is sent once.  Appends to @rev_ids (char*, when not
 * NULL) the revision of each text.  An invalid @id or revision is
 * CAUCUS_STORE_ERROR_INVALID and appends nothing. */
gboolean      caucus_store_replicate_read      (CaucusStore        *self,
                                                const char         *id,
                                                const char * const *revs,
                                                guint64             known_generation,
                                                GPtrArray          *texts,
                                                GPtrArray          *rev_ids,
                                                GError            **error);

G_END_DECLS
