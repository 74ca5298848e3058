/* caucus-import.h — writing parsed documents into the store, and what changed.
 *
 * An import is one store transaction: every document is written or none is.  Documents
 * are addressed by the ids the parsers derive from the source, so importing the same
 * conference again updates the sessions that changed (field by field, reported as
 * "room: Saal 1 → Saal G"), leaves the others untouched, and marks sessions that are no
 * longer in the feed as cancelled (never deletes them: a delegate may have notes on them).
 * Speakers are created when missing and never overwritten (the directory may have been
 * edited since); one whose name is already in the directory under another id is linked to
 * that entry instead.  Every document is checked with the model's caucus_validate_json()
 * before it is written. */
#pragma once

#include "caucus-store.h"

G_BEGIN_DECLS

typedef struct {
  char *field;       /* "title", "start", "room", "status", "source.url", … */
  char *old_value;   /* NULL when the field was absent */
  char *new_value;   /* NULL when the field is gone */
  char *text;        /* for people: "room: Saal 1 → Saal G", times in the event's zone */
} CaucusImportChange;

typedef struct {
  char      *id;
  char      *title;
  GPtrArray *changes;   /* CaucusImportChange; empty for added and cancelled items */
} CaucusImportItem;

typedef struct {
  char      *format;           /* "frab-xml", "frab-json", "ical" */
  char      *source;           /* file name or label */
  char      *conference_id;    /* the conference of a schedule import, else NULL */
  GPtrArray *added;            /* CaucusImportItem, events */
  GPtrArray *updated;          /* CaucusImportItem with changes */
  GPtrArray *cancelled;        /* CaucusImportItem: sessions no longer in the feed */
  guint      n_unchanged;      /* events already exactly as imported */
  guint      n_persons_added;
  guint      n_persons_existing;   /* by id, or linked by name */
} CaucusImportReport;

CaucusImportReport *caucus_import_report_new     (const char *format,
                                                  const char *source);
void                caucus_import_report_free    (CaucusImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusImportReport, caucus_import_report_free)

/* {"format", "source", "conference_id", "counts": {added, updated, unchanged, cancelled,
 *  persons_added, persons_existing}, "added": [{id, title}], "updated": [{id, title,
 *  changes: [{field, old, new, text}]}], "cancelled": [{id, title}]} */
JsonNode           *caucus_import_report_to_json (CaucusImportReport *report);
/* Lines for a terminal: a summary line, then one line per added/updated/cancelled item. */
char               *caucus_import_report_to_text (CaucusImportReport *report);

/* Writes @docs (as returned by the parsers) in one transaction.  On error nothing is
 * written and *@report is left NULL.  @format and @source label the report and become
 * updated_by ("import:<format>"). */
gboolean            caucus_import_docs           (CaucusStore         *store,
                                                  GPtrArray           *docs,
                                                  const char          *format,
                                                  const char          *source,
                                                  CaucusImportReport **report,
                                                  GError             **error);

G_END_DECLS
