/* caucus-digest.h — "What changed since I last synced".
 *
 * The digest reads the store's changes feed between two sequence numbers and says, per
 * document, what happened in words a delegate cares about: a new or moved session (time or
 * room), an edited draft, a new or withdrawn signature, a new person or organisation, a
 * deadline added or moved.  What a document was before is its nearest ancestor revision
 * whose body the store still holds: after a pull that is the revision this replica had
 * (pulled intermediate revisions arrive without bodies), so a moved session is compared with
 * the time and room the delegate last saw.  Changes whose winner was last updated by
 * @me (the "updated_by" field) are the delegate's own and are left out.
 *
 * The app keeps the sequence of the last digest in the local document
 * "_local/caucus-digest" (caucus_digest_get_mark / caucus_digest_set_mark), so "since I last
 * synced" survives restarts and never syncs.
 */
#pragma once

#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_DIGEST_NEW_SESSION,        /* a session (or meeting) appeared */
  CAUCUS_DIGEST_MOVED_SESSION,      /* its start, end or room changed */
  CAUCUS_DIGEST_CANCELLED_EVENT,    /* an event was deleted or its status set to cancelled */
  CAUCUS_DIGEST_DEADLINE,           /* a deadline or milestone was added or its date moved */
  CAUCUS_DIGEST_NEW_EVENT,          /* another event appeared (a conference) */
  CAUCUS_DIGEST_EDITED_DRAFT,       /* a statement's text changed (old_rev → new_rev) */
  CAUCUS_DIGEST_NEW_STATEMENT,      /* a statement appeared */
  CAUCUS_DIGEST_STATEMENT_STATUS,   /* a statement's status changed (draft → consultation …) */
  CAUCUS_DIGEST_NEW_SIGNATURE,      /* an organisation signed */
  CAUCUS_DIGEST_WITHDRAWN_SIGNATURE,/* an organisation withdrew its signature */
  CAUCUS_DIGEST_NEW_PERSON,
  CAUCUS_DIGEST_NEW_ORG,
  CAUCUS_DIGEST_EDITED,             /* any other change to an existing document */
  CAUCUS_DIGEST_REMOVED,            /* any other document deleted */
  CAUCUS_DIGEST_N_KINDS
} CaucusDigestKind;

typedef struct {
  CaucusDigestKind  kind;
  char             *doc_id;
  char             *doc_type;     /* "event", "statement", … */
  char             *title;        /* what to show: the name, title, or "Org — Statement" */
  char             *detail;       /* e.g. "10:00 → 11:30 UTC, Room A → Room B"; may be NULL */
  char             *link_id;      /* where it leads: the statement of a signature; else doc_id */
  char             *old_rev;      /* the revision compared with (redline), or NULL */
  char             *new_rev;      /* the current winner */
  gint64            seq;
} CaucusDigestEntry;

void caucus_digest_entry_free (CaucusDigestEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusDigestEntry, caucus_digest_entry_free)

/* A heading for the group of entries of @kind ("New sessions", "Moved sessions", …). */
const char *caucus_digest_kind_heading (CaucusDigestKind kind);

/* The changes in (@since, @until] (@until < 0: up to now), one entry per changed document,
 * ordered by kind (the order of CaucusDigestEntry kinds) and then by title.  @me may be
 * NULL (keep everything).  Returns a GPtrArray of CaucusDigestEntry, empty when nothing
 * that matters to a delegate changed. */
GPtrArray  *caucus_digest_compute      (CaucusStore  *store,
                                        gint64        since,
                                        gint64        until,
                                        const char   *me,
                                        GError      **error);

/* The sequence the last digest was shown up to (0 when none was), and setting it. */
gint64      caucus_digest_get_mark     (CaucusStore  *store);
gboolean    caucus_digest_set_mark     (CaucusStore  *store,
                                        gint64        seq,
                                        GError      **error);

G_END_DECLS
