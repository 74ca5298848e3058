/* caucus-document-list.h — a lazy GListModel of CaucusDocument over the model index.
 *
 * The list never loads every document: it asks the index for the count and for the ids
 * of the page a position falls in (64 rows, a few pages cached, keyset paging when
 * scrolling forward), and loads only the documents that are asked for.  When the store
 * changes, it computes where the changed documents were and where they are now and emits
 * items-changed for exactly those places. */
#pragma once

#include <gio/gio.h>

#include "caucus-document.h"

G_BEGIN_DECLS

typedef struct _CaucusModelIndex CaucusModelIndex;
typedef struct _CaucusDocumentSummary CaucusDocumentSummary;

typedef enum {
  CAUCUS_LIST_SORT_NAME,      /* name/title, accent- and case-insensitive */
  CAUCUS_LIST_SORT_UPDATED,   /* most recently changed first */
  CAUCUS_LIST_SORT_START,     /* events: earliest start first */
} CaucusListSort;

GType caucus_list_sort_get_type (void) G_GNUC_CONST;
#define CAUCUS_TYPE_LIST_SORT (caucus_list_sort_get_type ())

#define CAUCUS_TYPE_DOCUMENT_LIST (caucus_document_list_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDocumentList, caucus_document_list, CAUCUS, DOCUMENT_LIST, GObject)

/* A list of the documents of @type ("org", "person", …) in @index. */
CaucusDocumentList *caucus_document_list_new            (CaucusModelIndex   *index,
                                                         const char         *type);

const char         *caucus_document_list_get_doc_type   (CaucusDocumentList *self);
CaucusListSort      caucus_document_list_get_sort       (CaucusDocumentList *self);
void                caucus_document_list_set_sort       (CaucusDocumentList *self,
                                                         CaucusListSort      sort);

/* Filters; NULL or "" means any.  Each is also a property of the same name with '-'.
 *   kind            org/event kind
 *   status          statement status
 *   regional_group  UN regional group
 *   country         org countries / person country
 *   expertise, accreditation (the accrediting body), tag
 *   ref_id          person org_id, event parent_id, statement event_id,
 *                   version/signature/comment statement_id, pack event_id
 *   involves        documents naming this id: events by speaker/moderator/… (roles
 *                   person_id) or responsible organisation (owner_ids), signatures by
 *                   the signing organisation
 *   involves_people_of  … naming any person of this organisation (the sessions an
 *                   organisation's people speak at); such lists update by replacement
 *   start_from, start_to  events starting in [from, to) (RFC 3339 UTC), for day views
 *   search          search as you type (the store's full-text index) */
const char         *caucus_document_list_get_filter     (CaucusDocumentList *self,
                                                         const char         *field);
void                caucus_document_list_set_filter     (CaucusDocumentList *self,
                                                         const char         *field,
                                                         const char         *value);
/* Only documents that failed validation (arrived invalid by sync or import). */
void                caucus_document_list_set_problems_only  (CaucusDocumentList *self,
                                                             gboolean            problems_only);
/* Only documents with unresolved conflicting revisions (the review queue). */
void                caucus_document_list_set_conflicts_only (CaucusDocumentList *self,
                                                             gboolean            conflicts_only);
/* TRUE when a search matched more documents than a list keeps (CAUCUS_SEARCH_HIT_LIMIT
 * matches are listed: for organisations and people the most recently changed). */
gboolean            caucus_document_list_get_search_truncated (CaucusDocumentList *self);

/* The id at @position without loading the document, or NULL. */
const char         *caucus_document_list_get_id         (CaucusDocumentList *self,
                                                         guint               position);
/* What a row shows for @position, read from the index without loading the document
 * (see caucus-document-summary.h), or NULL past the end.  While a caller holds it, the
 * same object comes back for the same id, across searches and filter changes, until
 * the document changes. */
CaucusDocumentSummary *caucus_document_list_get_summary (CaucusDocumentList *self,
                                                         guint               position);
/* The position of @id, or -1. */
gint                caucus_document_list_find           (CaucusDocumentList *self,
                                                         const char         *id);
/* Set when reading the index or the store failed (the list then shows what it had). */
const GError       *caucus_document_list_get_error      (CaucusDocumentList *self);

G_END_DECLS
