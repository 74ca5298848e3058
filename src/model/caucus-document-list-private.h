/* caucus-document-list-private.h — what the two halves of CaucusDocumentList share:
 * the instance (caucus-document-list.c pages, filters and properties;
 * caucus-document-list-update.c turns an index update into items-changed). */
#pragma once

#include "caucus-model-index-private.h"

G_BEGIN_DECLS

struct _CaucusDocumentList
{
  GObject           parent_instance;

  CaucusModelIndex *index;
  CaucusQuery       query;
  guint             n_items;
  gboolean          search_truncated;
  GError           *error;

  GHashTable       *pages;       /* page number → Page* */
  GHashTable       *summaries;   /* id → CaucusDocumentSummary*, weak: alive while held */
  GQueue            page_lru;    /* page numbers, most recent first */

  /* between _before_update and _after_update */
  gboolean          updating;
  gboolean          update_reset;
  GPtrArray        *update_ids;  /* char*, owned */
  GArray           *old_positions;
  guint             old_n;
};

/* Drops every loaded page (the positions are about to change). */
void      _caucus_document_list_clear_pages  (CaucusDocumentList *self);
/* Takes @error (NULL clears the list's error); a new error is also logged as a warning. */
void      _caucus_document_list_set_error    (CaucusDocumentList *self,
                                              GError             *error);
/* Runs the list's full-text search again (or clears its hits) and notifies
 * "search-truncated" when that changed. */
gboolean  _caucus_document_list_refresh_hits (CaucusDocumentList *self,
                                              GError            **error);
/* Notifies "n-items". */
void      _caucus_document_list_notify_n_items (CaucusDocumentList *self);

G_END_DECLS
