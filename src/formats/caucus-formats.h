/* caucus-formats.h — import and export of calendars (frab/pretalx schedules, iCalendar).
 * One include for the layers above (cli, ui, pack); the entry points caucusctl calls. */
#pragma once

#include "caucus-formats-error.h"
#include "caucus-time.h"
#include "caucus-schedule.h"
#include "caucus-ical.h"
#include "caucus-import.h"
#include "caucus-directory.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_FORMAT_AUTO,        /* from the file name, else from the first bytes */
  CAUCUS_FORMAT_FRAB_XML,
  CAUCUS_FORMAT_FRAB_JSON,
  CAUCUS_FORMAT_ICAL,
  CAUCUS_FORMAT_CSV,         /* directory spreadsheets (caucus-directory.h) */
  CAUCUS_FORMAT_VCARD,       /* vCard 2.1/3.0/4.0 (caucus-directory.h) */
} CaucusFormat;

/* "frab-xml", "frab-json", "ical", "csv", "vcard" (and "auto"). */
const char   *caucus_format_to_string      (CaucusFormat   format);
/* Accepts the names above plus "xml", "json", "ics", "vcf"; NULL means auto. */
gboolean      caucus_format_from_string    (const char    *name,
                                            CaucusFormat  *format,
                                            GError       **error);
/* By extension (.xml, .json, .ics/.ical/.ifb, .csv/.tsv, .vcf/.vcard), else by content
 * ('<', '{', BEGIN:VCALENDAR, BEGIN:VCARD, a first line with ';', ',' or tabs);
 * CAUCUS_FORMAT_AUTO if neither tells. */
CaucusFormat  caucus_format_detect         (const char    *file_name,
                                            const char    *data,
                                            gsize          length);

/* caucus_format_detect() on @path's name, else its first 4 KiB (never the whole file). */
CaucusFormat  caucus_format_detect_file    (const char    *path);

/* Parses @data without touching a store: a GPtrArray of JsonObject documents.
 * (CSV and vCard need the store to link people to organisations and to find duplicates:
 * for them this is CAUCUS_FORMATS_ERROR_UNSUPPORTED; use caucus-directory.h.)
 * @format may be CAUCUS_FORMAT_AUTO; *@detected (may be NULL) receives the one used. */
GPtrArray    *caucus_formats_parse         (const char    *data,
                                            gsize          length,
                                            const char    *source_name,
                                            CaucusFormat   format,
                                            const char    *default_zone,
                                            CaucusFormat  *detected,
                                            GError       **error);
GPtrArray    *caucus_formats_parse_file    (const char    *path,
                                            CaucusFormat   format,
                                            const char    *default_zone,
                                            CaucusFormat  *detected,
                                            GError       **error);

/* `caucusctl import FILE [--format NAME] [--zone ZONE]`: parses @path (@format_name NULL
 * for auto) and writes it in one transaction.  CSV and vCard files go through
 * caucus_directory_import_file() with the proposed column mapping; in the report, the
 * organisations and people created are `added`, the possible duplicates (not written)
 * count as `unchanged` and, for people, `persons_existing`.  @default_zone is used only for inputs that
 * name no zone.  On success *@report says what changed (caucus_import_report_to_json). */
gboolean      caucus_formats_import_file   (CaucusStore         *store,
                                            const char          *path,
                                            const char          *format_name,
                                            const char          *default_zone,
                                            CaucusImportReport **report,
                                            GError             **error);

/* The same on a worker thread with its own store connection (ARCHITECTURE.md: bulk work
 * off the UI thread); @callback runs in the caller's thread-default main context, and the
 * "changed" signal of @store reports the new documents there after the commit. */
void          caucus_formats_import_file_async  (CaucusStore         *store,
                                                 const char          *path,
                                                 const char          *format_name,
                                                 const char          *default_zone,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* Returns the report, or NULL with @error. */
CaucusImportReport *caucus_formats_import_file_finish (CaucusStore   *store,
                                                       GAsyncResult  *result,
                                                       GError       **error);

typedef enum {
  CAUCUS_EXPORT_EVENT,       /* one event; a conference with all its sessions */
  CAUCUS_EXPORT_IDS,         /* the given event ids (the "following" selection) */
  CAUCUS_EXPORT_DEADLINES,   /* every deadline and milestone */
} CaucusExportKind;

typedef struct {
  CaucusExportKind    kind;
  const char         *event_id;   /* CAUCUS_EXPORT_EVENT */
  const char * const *ids;        /* CAUCUS_EXPORT_IDS, NULL-terminated */
} CaucusExportSelection;

/* The events a selection names, in start order.  An id that is missing, deleted or not an
 * event is an error naming it. */
GPtrArray    *caucus_formats_select_events (CaucusStore                 *store,
                                            const CaucusExportSelection *selection,
                                            GError                     **error);
/* `caucusctl export ical --output FILE [--event ID | --following | --deadlines]`:
 * writes the selection as one VCALENDAR to @path (atomically). */
gboolean      caucus_formats_export_ical   (CaucusStore                 *store,
                                            const CaucusExportSelection *selection,
                                            const char                  *path,
                                            GError                     **error);
char         *caucus_formats_export_ical_text (CaucusStore                 *store,
                                               const CaucusExportSelection *selection,
                                               GError                     **error);

G_END_DECLS
