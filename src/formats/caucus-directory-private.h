/* caucus-directory-private.h — what the CSV and vCard readers hand to the directory
 * importer, and the value tables they share. */
#pragma once

#include "caucus-directory.h"

G_BEGIN_DECLS

/* One row or card, already shaped as an org or person document (no _rev, no stamps). */
typedef struct {
  guint       line;
  JsonObject *doc;        /* type and fields; _id only when the source carries one */
  char       *org_name;   /* people: the organisation named by the row, or NULL */
  char       *org_id;     /* people: an explicit organisation id (vCard X-CAUCUS-ORG-ID) */
  JsonObject *org_extra;  /* fields for the organisation if it has to be created */
} CaucusDirectoryRecord;

CaucusDirectoryRecord *_caucus_directory_record_new  (guint       line,
                                                      const char *type);
void                   _caucus_directory_record_free (CaucusDirectoryRecord *record);

/* ISO 3166-1 alpha-2 for a code ("fr", "FR") or a country name in English, French or
 * Spanish, ignoring case and accents; NULL when unknown. */
const char *_caucus_directory_country_code   (const char *text);
/* "African", "Asia-Pacific", "EEG", "GRULAC", "WEOG" for those and common spellings
 * (EN/FR/ES); NULL when unknown. */
const char *_caucus_directory_regional_group (const char *text);
/* An org kind (civil-society, government, …) for EN/FR/ES spellings; NULL when unknown. */
const char *_caucus_directory_org_kind       (const char *text);
/* The field a column header names, or CAUCUS_DIRECTORY_FIELD_IGNORE. */
CaucusDirectoryField _caucus_directory_header_field (const char *header);

/* Sets one field of @record from a text value; errors name @source and the line. */
gboolean    _caucus_directory_record_set     (CaucusDirectoryRecord *record,
                                              CaucusDirectoryField   field,
                                              const char            *value,
                                              const char            *source,
                                              GError               **error);

/* Refuses anything but UTF-8, naming the first bad line; *@offset gets past the BOM. */
gboolean    _caucus_directory_check_utf8     (const char  *data,
                                              gsize        length,
                                              const char  *source,
                                              gsize       *offset,
                                              gboolean    *has_bom,
                                              GError     **error);

/* Reads rows with @mapping into CaucusDirectoryRecord*. */
GPtrArray  *_caucus_csv_read_records         (const char        *data,
                                              gsize              length,
                                              const char        *source,
                                              CaucusCsvMapping  *mapping,
                                              GError           **error);
GPtrArray  *_caucus_vcard_read_records       (const char        *data,
                                              gsize              length,
                                              const char        *source,
                                              GError           **error);
/* Writes @records in one transaction (duplicates reported, not written). */
gboolean    _caucus_directory_import_records (CaucusStore            *store,
                                              GPtrArray              *records,
                                              const char             *format,
                                              const char             *source,
                                              CaucusDirectoryReport **report,
                                              GError                **error);

/* The organisation name of a person's org_id, or NULL. */
char       *_caucus_directory_org_name       (CaucusStore *store,
                                              const char  *org_id,
                                              GHashTable  *cache);

G_END_DECLS
