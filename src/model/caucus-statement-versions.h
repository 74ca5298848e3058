/* caucus-statement-versions.h — a statement's immutable versions, and its status.
 *
 * A statement-version is a snapshot of a statement's text.  People make named ones
 * ("Non-paper", "Zero draft", "Final"; role "named"); the model makes automatic ones
 * before every status change (role "before-status-change", here) and before and after
 * every merge (roles "before-merge", "automatic-merge", "reviewed-merge", in
 * caucus-resolve.c), and when an organisation signs a text no version holds yet (role
 * "signed", caucus-sign-on.c).  Automatic names are stored untranslated; the UI shows a
 * translated name from the role. */
#pragma once

#include "caucus-document-types.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

/* Writes a version named @name (not empty) holding @statement's current text.
 * @statement must have been saved (it needs its id). */
CaucusStatementVersion *caucus_statement_create_version (CaucusStore      *store,
                                                         CaucusStatement  *statement,
                                                         const char       *name,
                                                         const char       *who,
                                                         GError          **error);

/* Writes a version of @role/@name (an automatic one) holding @statement's text. */
CaucusStatementVersion *caucus_statement_create_version_full (CaucusStore     *store,
                                                              CaucusStatement *statement,
                                                              const char      *name,
                                                              const char      *role,
                                                              const char      *who,
                                                              GError         **error);

/* Sets @statement's status to @status (one of caucus_statement_statuses) and saves it.
 * When the status changes, an automatic version of the text as it is goes first, in
 * the same transaction.  On failure nothing is written and @statement is unchanged. */
gboolean   caucus_statement_change_status      (CaucusStore      *store,
                                                CaucusStatement  *statement,
                                                const char       *status,
                                                const char       *who,
                                                GError          **error);

/* Saves @text as @statement's body.  When the stored statement moved on since the
 * editor last saved @base (a pull, another window), @text is merged with the stored text
 * by lines (diff3, base @base) and the merge is saved on top of the stored revision;
 * where the two overlap, @text wins and the stored text is first kept as a version
 * (role "before-merge"), so nothing either side wrote is lost.  @saved_text (new) is
 * the body written, which differs from @text when edits from elsewhere came in. */
gboolean   caucus_statement_save_text          (CaucusStore      *store,
                                                CaucusStatement  *statement,
                                                const char       *base,
                                                const char       *text,
                                                const char       *who,
                                                char            **saved_text,
                                                GError          **error);

/* The versions of @statement_id, oldest first (by "created", then id), as
 * CaucusStatementVersion*.  Catches the index up with the store first. */
GPtrArray *caucus_statement_list_versions      (CaucusModelIndex *index,
                                                const char       *statement_id,
                                                GError          **error);

/* The newest of @versions whose text is exactly @body, or NULL (borrowed). */
CaucusStatementVersion *caucus_statement_versions_find_body (GPtrArray  *versions,
                                                             const char *body);

/* "named", "before-status-change", "before-merge", …; NULL for versions made before
 * roles existed (the sample's). */
const char *caucus_statement_version_get_role  (CaucusStatementVersion *version);

/* Every document of @type whose ref_id is @statement_id (its versions, signatures or
 * comments), in the index's name order.  Catches the index up first. */
GPtrArray *caucus_statement_list_related       (CaucusModelIndex *index,
                                                const char       *type,
                                                const char       *statement_id,
                                                GError          **error);

G_END_DECLS
