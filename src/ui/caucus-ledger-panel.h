/* caucus-ledger-panel.h — who signed the statement, and which text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-sign-on.h"

G_BEGIN_DECLS

typedef struct _CaucusStatementEditor CaucusStatementEditor;

#define CAUCUS_TYPE_LEDGER_PANEL (caucus_ledger_panel_get_type ())
G_DECLARE_FINAL_TYPE (CaucusLedgerPanel, caucus_ledger_panel, CAUCUS, LEDGER_PANEL, AdwBin)

void             caucus_ledger_panel_set_editor (CaucusLedgerPanel     *self,
                                                 CaucusStatementEditor *editor);
/* Reads the signatures again and judges them against the text in the editor. */
void             caucus_ledger_panel_reload     (CaucusLedgerPanel     *self);
/* @org_id signs (or confirms) the current text, authorised by @signed_by. */
CaucusSignature *caucus_ledger_panel_sign       (CaucusLedgerPanel     *self,
                                                 const char            *org_id,
                                                 const char            *signed_by,
                                                 GError               **error);
/* The organisation of the directory person @person_id signs the current text, with
 * @person_id recorded as who authorised it; an error when they have no organisation. */
CaucusSignature *caucus_ledger_panel_sign_for_person (CaucusLedgerPanel *self,
                                                      const char        *person_id,
                                                      GError           **error);
gboolean         caucus_ledger_panel_withdraw   (CaucusLedgerPanel     *self,
                                                 const char            *org_id,
                                                 GError               **error);
/* The entries shown (CaucusSignOnEntry*, borrowed), and the badge of one organisation
 * as shown ("Signed", "Signed an earlier version", "Withdrawn"), or NULL. */
GPtrArray       *caucus_ledger_panel_get_entries (CaucusLedgerPanel    *self);
const char      *caucus_ledger_panel_get_badge   (CaucusLedgerPanel    *self,
                                                  const char           *org_id);
const char      *caucus_ledger_panel_get_summary (CaucusLedgerPanel    *self);

G_END_DECLS
