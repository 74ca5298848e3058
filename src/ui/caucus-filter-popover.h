/* caucus-filter-popover.h — the directory's filters and sort order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-document-list.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_FILTER_POPOVER (caucus_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (CaucusFilterPopover, caucus_filter_popover, CAUCUS, FILTER_POPOVER, GtkPopover)

/* The list filters the popover offers, in the model's names. */
extern const char * const caucus_filter_popover_fields[];

GtkWidget      *caucus_filter_popover_new               (void);
/* Fills the menus with the values documents of @type have (most used first). */
void            caucus_filter_popover_set_source        (CaucusFilterPopover *self,
                                                         CaucusModelIndex    *index,
                                                         const char          *type);
void            caucus_filter_popover_refresh_values    (CaucusFilterPopover *self);
/* The chosen value of @field, or NULL for any. */
const char     *caucus_filter_popover_get_value         (CaucusFilterPopover *self,
                                                         const char          *field);
/* Chooses @value (NULL: any); FALSE when the menu does not offer it. */
gboolean        caucus_filter_popover_set_value         (CaucusFilterPopover *self,
                                                         const char          *field,
                                                         const char          *value);
gboolean        caucus_filter_popover_get_problems_only (CaucusFilterPopover *self);
CaucusListSort  caucus_filter_popover_get_sort          (CaucusFilterPopover *self);
/* How many filters are set (for the button's badge). */
guint           caucus_filter_popover_count_active      (CaucusFilterPopover *self);
/* Applies every choice to @list. */
void            caucus_filter_popover_apply             (CaucusFilterPopover *self,
                                                         CaucusDocumentList  *list);
void            caucus_filter_popover_clear             (CaucusFilterPopover *self);

G_END_DECLS
