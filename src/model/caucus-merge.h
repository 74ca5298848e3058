/* caucus-merge.h — deterministic three-way merge of documents (pure functions).
 *
 * Rules (ARCHITECTURE.md "Conflicts and merging"), applied per member:
 *   - same value on both sides, or only one side changed it: no conflict;
 *   - both changed it differently:
 *       sets (tags, expertise, countries, languages, owner_ids, statement_ids, roles,
 *         accreditations): both sides' additions and removals are applied;
 *       long text (statement body, notes, bio, description, intro): diff3 by line;
 *       nested objects (location, source, unknown ones): the same rules per member;
 *       created → the earliest; updated → the latest, updated_by follows it;
 *       immutable types' appended fields: withdrawn_at → the earliest, resolved → true;
 *       anything else: a true conflict.
 * The merge never depends on which side is "ours": merge(base, a, b) and
 * merge(base, b, a) give the same body, or the same conflicts with ours/theirs swapped,
 * so every replica computes the same result. */
#pragma once

#include <json-glib/json-glib.h>

#include "caucus-diff3.h"
#include "caucus-json.h"

G_BEGIN_DECLS

typedef struct {
  char      *path;     /* "name", "location.room", "body" */
  JsonNode  *base;     /* NULL: the member was absent */
  JsonNode  *ours;
  JsonNode  *theirs;
  GPtrArray *hunks;    /* CaucusTextConflict* for text members, else NULL */
} CaucusConflict;

#define CAUCUS_TYPE_CONFLICT (caucus_conflict_get_type ())
GType           caucus_conflict_get_type (void) G_GNUC_CONST;
CaucusConflict *caucus_conflict_copy     (const CaucusConflict *conflict);
void            caucus_conflict_free     (CaucusConflict       *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusConflict, caucus_conflict_free)

/* Merges @ours and @theirs, which both descend from @base (NULL or empty when no common
 * ancestor body is known: then every member counts as added by both).  CouchDB members
 * (_rev, _revisions, _conflicts, …) are not part of the result; _id is kept.
 * On success returns TRUE and @result (new).  With true conflicts returns FALSE, sets
 * @conflicts (CaucusConflict*, ordered by path) and a CAUCUS_MODEL_ERROR_CONFLICT error
 * naming the fields.  Documents with different _id are CAUCUS_MODEL_ERROR_INVALID. */
gboolean caucus_merge_documents (JsonObject  *base,
                                 JsonObject  *ours,
                                 JsonObject  *theirs,
                                 JsonObject **result,
                                 GPtrArray  **conflicts,
                                 GError     **error);


/* The same merge with a person's decisions: @choices maps a conflict path ("name",
 * "location.room", "body") to the value to keep — a JsonNode* (ours, theirs, or an
 * edited text), or NULL to drop the member.  Conflicts without a choice are reported
 * as usual. */
gboolean caucus_merge_documents_with_choices (JsonObject  *base,
                                              JsonObject  *ours,
                                              JsonObject  *theirs,
                                              GHashTable  *choices,
                                              JsonObject **result,
                                              GPtrArray  **conflicts,
                                              GError     **error);

G_END_DECLS
