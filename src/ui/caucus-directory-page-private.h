/* caucus-directory-page-private.h — what the Directory page's action file needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-application.h"
#include "caucus-directory-page.h"

G_BEGIN_DECLS

struct _CaucusDirectoryPage
{
  CaucusPage parent_instance;

  CaucusModelIndex *index;
  CaucusDocumentList *all_orgs;     /* unfiltered: is the directory empty, whole balance */
  CaucusDocumentList *all_people;
  CaucusDocumentList *list;         /* what the list view shows */
  GtkSingleSelection *selection;
  char *doc_type;
  JsonObject *undo_body;            /* the body of the last deleted document */
  CaucusApplication *app;           /* weak: the application whose index we took */
  gboolean filter_values_filled;    /* the filter menus have had the index's values */
  gboolean filter_values_stale;     /* … and the index, type or data changed since */

  /* Template widgets */
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkWidget *empty_actions;
  GtkWidget *sample_button;
  GtkSpinner *sample_spinner;
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkLabel *status_label;
  GtkStack *list_stack;
  GtkGridView *list_view;        /* one column: GTK 4.8 keeps ~33 rows, not 200 */
  GtkMenuButton *filter_button;
  CaucusFilterPopover *filter_popover;
  GtkStack *detail_stack;
  CaucusDocumentDetail *detail;
  CaucusDocumentEditor *editor;
  CaucusBalanceView *balance_view;
  GtkWidget *balance_back_button;
};

void _caucus_directory_page_install_actions (GtkWidgetClass      *widget_class);

void _caucus_directory_page_update_empty    (CaucusDirectoryPage *self);
void _caucus_directory_page_update_actions  (CaucusDirectoryPage *self);
void _caucus_directory_page_update_balance  (CaucusDirectoryPage *self);
/* Shows "none", "detail", "editor" or "balance" beside the list (and slides to it
 * when the page is folded). */
void _caucus_directory_page_show_pane       (CaucusDirectoryPage *self,
                                             const char          *pane);
void _caucus_directory_page_show_detail     (CaucusDirectoryPage *self,
                                             CaucusDocument      *document);
/* Loads caucus-directory.css once for the display (also used by the organisation
 * chooser, whose list is styled as the page's). */
void _caucus_directory_page_load_css        (void);

G_END_DECLS
