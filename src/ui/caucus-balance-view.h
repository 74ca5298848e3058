/* caucus-balance-view.h — counts by UN regional group × stakeholder kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-balance.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_BALANCE_SCOPE_ALL,     /* the whole directory (organisations or people) */
  CAUCUS_BALANCE_SCOPE_FILTER,  /* what the list currently shows */
} CaucusBalanceScope;

#define CAUCUS_TYPE_BALANCE_VIEW (caucus_balance_view_get_type ())
G_DECLARE_FINAL_TYPE (CaucusBalanceView, caucus_balance_view, CAUCUS, BALANCE_VIEW, GtkBox)

GtkWidget           *caucus_balance_view_new        (void);
/* Shows @balance (copied); NULL shows an empty table. */
void                 caucus_balance_view_set_balance (CaucusBalanceView   *self,
                                                      const CaucusBalance *balance);
const CaucusBalance *caucus_balance_view_get_balance (CaucusBalanceView   *self);
CaucusBalanceScope   caucus_balance_view_get_scope   (CaucusBalanceView   *self);
void                 caucus_balance_view_set_scope   (CaucusBalanceView   *self,
                                                      CaucusBalanceScope   scope);
/* The label showing cell (@group, @kind), indices as in caucus-balance.h, or NULL for
 * the "not recorded" row and column (counted in the totals only); it carries the
 * "caucus-gap" class when the cell is 0. */
GtkLabel            *caucus_balance_view_get_cell    (CaucusBalanceView   *self,
                                                      guint                group,
                                                      guint                kind);

G_END_DECLS
