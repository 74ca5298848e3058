/* caucus-balance.h — counts by UN regional group × stakeholder kind, with the gaps.
 *
 * The "mapping exercise and gap analysis": for the whole directory, the current filter,
 * a panel's speakers or a statement's signatories.  Rows are the five UN regional groups
 * and a sixth for "not recorded"; columns the seven kinds and "not recorded".  A cell
 * with 0 is a gap. */
#pragma once

#include "caucus-document-list.h"
#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_BALANCE_N_GROUPS 6   /* African … WEOG, then not recorded */
#define CAUCUS_BALANCE_N_KINDS  8   /* civil-society … media, then not recorded */

typedef struct {
  guint counts[CAUCUS_BALANCE_N_GROUPS][CAUCUS_BALANCE_N_KINDS];
} CaucusBalance;

#define CAUCUS_TYPE_BALANCE (caucus_balance_get_type ())
GType          caucus_balance_get_type       (void) G_GNUC_CONST;
CaucusBalance *caucus_balance_new            (void);
CaucusBalance *caucus_balance_copy           (const CaucusBalance *balance);
void           caucus_balance_free           (CaucusBalance       *balance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusBalance, caucus_balance_free)

/* Row/column of a value; unknown or empty values map to the "not recorded" slot. */
guint          caucus_balance_group_index    (const char *regional_group);
guint          caucus_balance_kind_index     (const char *kind);
/* The label of a row/column ("WEOG", "civil-society"), NULL for "not recorded". */
const char    *caucus_balance_group_name     (guint       index);
const char    *caucus_balance_kind_name      (guint       index);

void           caucus_balance_add            (CaucusBalance       *balance,
                                              const char          *regional_group,
                                              const char          *kind,
                                              guint                count);
guint          caucus_balance_get            (const CaucusBalance *balance,
                                              const char          *regional_group,
                                              const char          *kind);
guint          caucus_balance_get_total      (const CaucusBalance *balance);
guint          caucus_balance_get_group_total (const CaucusBalance *balance,
                                               const char          *regional_group);
guint          caucus_balance_get_kind_total (const CaucusBalance *balance,
                                              const char          *kind);
/* Number of empty cells among the known groups × known kinds. */
guint          caucus_balance_count_gaps     (const CaucusBalance *balance);

/* Over documents already in hand: orgs count by their own group and kind; people by
 * theirs, falling back to @orgs_by_id (id → JsonObject*, may be NULL) for the kind and
 * a missing group.  Each @docs element is a JsonObject*. */
CaucusBalance *caucus_balance_new_for_documents (GPtrArray  *docs,
                                                 GHashTable *orgs_by_id);
/* The organisations @org_ids (duplicates counted once) read from @store, e.g. a
 * statement's signatories.  Ids that are missing or deleted are skipped. */
CaucusBalance *caucus_balance_new_for_org_ids   (CaucusStore        *store,
                                                 const char * const *org_ids,
                                                 GError            **error);
/* Everything @list currently shows (its type and filters), computed in the index
 * without loading documents. */
CaucusBalance *caucus_document_list_compute_balance (CaucusDocumentList *list,
                                                     GError            **error);

G_END_DECLS
