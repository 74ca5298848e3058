/* caucus-sign-on.h — the sign-on ledger of a statement.
 *
 * Organisations sign a specific version (a signature names version_id); withdrawing
 * sets withdrawn_at and keeps the document; confirming again writes a new signature for
 * the current text.  An organisation's state comes from its latest signature:
 *   CURRENT    it signed the text the statement has now (same text, whatever version);
 *   EARLIER    it signed a text that has changed since ("signed an earlier version");
 *   WITHDRAWN  its latest signature was withdrawn. */
#pragma once

#include "caucus-balance.h"
#include "caucus-document-types.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_SIGN_ON_CURRENT,
  CAUCUS_SIGN_ON_EARLIER,
  CAUCUS_SIGN_ON_WITHDRAWN,
} CaucusSignOnState;

typedef struct {
  char                   *org_id;
  CaucusSignOnState       state;
  CaucusSignature        *signature;   /* the organisation's latest */
  CaucusStatementVersion *version;     /* the version it signed, NULL if unknown */
  guint                   n_signatures;/* every signature it gave, withdrawn ones too */
} CaucusSignOnEntry;

void caucus_sign_on_entry_free (CaucusSignOnEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusSignOnEntry, caucus_sign_on_entry_free)

/* One entry per organisation that ever signed @statement, by org id, judged against
 * @statement's text as it is in memory.  (CaucusSignOnEntry*) */
GPtrArray *caucus_sign_on_ledger   (CaucusModelIndex *index,
                                    CaucusStatement  *statement,
                                    GError          **error);

/* @org_id (an organisation of the directory) signs @statement's current text, as
 * authorised by @signed_by: a version holding that text is reused or written (role
 * "signed"), then the signature, in one transaction.  Confirming a text the
 * organisation already signed returns its signature unchanged. */
CaucusSignature *caucus_sign_on_sign     (CaucusModelIndex *index,
                                          CaucusStatement  *statement,
                                          const char       *org_id,
                                          const char       *signed_by,
                                          const char       *who,
                                          GError          **error);

/* Records the withdrawal of @org_id's signature (withdrawn_at = now). */
gboolean         caucus_sign_on_withdraw (CaucusModelIndex *index,
                                          CaucusStatement  *statement,
                                          const char       *org_id,
                                          const char       *who,
                                          GError          **error);

void             caucus_sign_on_count    (GPtrArray        *entries,
                                          guint            *n_current,
                                          guint            *n_earlier,
                                          guint            *n_withdrawn);

/* Regional group × kind of the organisations whose signature stands (current or
 * earlier, not withdrawn). */
CaucusBalance   *caucus_sign_on_balance  (CaucusStore      *store,
                                          GPtrArray        *entries,
                                          GError          **error);

/* The signatory list as CSV (RFC 4180): organisation, regional group, kind, countries,
 * status, authorised by, signed at, version, withdrawn at; one row per entry. */
char            *caucus_sign_on_to_csv   (CaucusStore      *store,
                                          GPtrArray        *entries,
                                          GError          **error);

G_END_DECLS
