/* caucus-org-chooser.h — a popover to choose an organisation (or a person)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document-list.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_ORG_CHOOSER (caucus_org_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CaucusOrgChooser, caucus_org_chooser, CAUCUS, ORG_CHOOSER, GtkPopover)

GtkWidget          *caucus_org_chooser_new      (void);
/* The same popover over the directory's people ("chosen" gives a person id). */
GtkWidget          *caucus_org_chooser_new_for_people (void);
void                caucus_org_chooser_set_index (CaucusOrgChooser *self,
                                                  CaucusModelIndex *index);
/* The organisations offered (searched by the chooser's entry). */
CaucusDocumentList *caucus_org_chooser_get_list  (CaucusOrgChooser *self);
/* Chooses the organisation at @position, as a click would; G_MAXUINT chooses none. */
void                caucus_org_chooser_choose    (CaucusOrgChooser *self,
                                                  guint             position);

G_END_DECLS
