/* caucus-document-summary.h — what a list row shows, read from the model index.
 *
 * A row in a long list (the directory) needs a name, a line of context and a warning
 * badge, not the whole document.  CaucusDocumentSummary carries exactly that, read from
 * the index's row for the document without loading or parsing the stored body, and
 * CaucusSummaryModel presents a CaucusDocumentList as a GListModel of summaries with
 * the same positions and the same items-changed.  The list keeps one summary object per
 * id alive while anybody holds it, so a search or filter change that keeps an id gives
 * back the same object and GtkListView keeps its row instead of building a new one. */
#pragma once

#include <gio/gio.h>

#include "caucus-document-list.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DOCUMENT_SUMMARY (caucus_document_summary_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDocumentSummary, caucus_document_summary, CAUCUS, DOCUMENT_SUMMARY, GObject)

/* Every string may be "" but never NULL.  @detail is an organisation's short name or a
 * person's title; @kind is an organisation's kind (for a person: their organisation's);
 * @country is a person's country (the first of an organisation's). */
CaucusDocumentSummary *caucus_document_summary_new               (const char *id,
                                                                  const char *doc_type,
                                                                  const char *name,
                                                                  const char *detail,
                                                                  const char *kind,
                                                                  const char *regional_group,
                                                                  const char *country,
                                                                  gboolean    is_valid);
const char            *caucus_document_summary_get_id             (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_doc_type       (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_name           (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_detail         (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_kind           (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_regional_group (CaucusDocumentSummary *self);
const char            *caucus_document_summary_get_country        (CaucusDocumentSummary *self);
gboolean               caucus_document_summary_get_is_valid       (CaucusDocumentSummary *self);

#define CAUCUS_TYPE_SUMMARY_MODEL (caucus_summary_model_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSummaryModel, caucus_summary_model, CAUCUS, SUMMARY_MODEL, GObject)

/* A GListModel of CaucusDocumentSummary following @list position for position. */
CaucusSummaryModel    *caucus_summary_model_new                   (CaucusDocumentList *list);
CaucusDocumentList    *caucus_summary_model_get_list              (CaucusSummaryModel *self);

G_END_DECLS
