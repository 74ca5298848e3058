/* caucus-directory.h — the community directory in and out: CSV (with a column-mapping
 * step) and vCard 3.0/4.0, for organisations and people.
 *
 * Imports run in three steps: read the file into rows (refusing malformed input with the
 * line and the reason), turn each row into an org or person document, then write them in
 * one store transaction.  A row that names somebody already in the directory — the same
 * id, the same email, or the same name ignoring case and accents — is not created twice:
 * it is reported as a possible duplicate with the existing id, and
 * caucus_directory_merge_duplicate() merges it into the existing entry on request. */
#pragma once

#include "caucus-store.h"
#include "caucus-model.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_DIRECTORY_FIELD_IGNORE,
  CAUCUS_DIRECTORY_FIELD_ID,
  CAUCUS_DIRECTORY_FIELD_NAME,
  CAUCUS_DIRECTORY_FIELD_GIVEN_NAME,     /* joined before a name/family-name column */
  CAUCUS_DIRECTORY_FIELD_SHORT_NAME,
  CAUCUS_DIRECTORY_FIELD_ORG,            /* people: the organisation's name */
  CAUCUS_DIRECTORY_FIELD_KIND,           /* organisations: stakeholder group */
  CAUCUS_DIRECTORY_FIELD_TITLE,
  CAUCUS_DIRECTORY_FIELD_EMAIL,
  CAUCUS_DIRECTORY_FIELD_PHONE,
  CAUCUS_DIRECTORY_FIELD_COUNTRY,
  CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP,
  CAUCUS_DIRECTORY_FIELD_EXPERTISE,
  CAUCUS_DIRECTORY_FIELD_TAGS,
  CAUCUS_DIRECTORY_FIELD_LANGUAGES,
  CAUCUS_DIRECTORY_FIELD_WEBSITE,
  CAUCUS_DIRECTORY_FIELD_NOTES,
  CAUCUS_DIRECTORY_N_FIELDS
} CaucusDirectoryField;

/* "ignore", "id", "name", "given_name", "short_name", "org", "kind", "title", "email",
 * "phone", "country", "regional_group", "expertise", "tags", "languages", "website", "notes" */
const char *caucus_directory_field_to_string   (CaucusDirectoryField  field);
gboolean    caucus_directory_field_from_string (const char           *name,
                                                CaucusDirectoryField *field);

/* ---- CSV: sniff, propose a mapping, let the caller edit it ------------------------- */

typedef struct {
  char                  *doc_type;     /* "org" or "person" */
  char                   delimiter;    /* ',', ';' or '\t' */
  gboolean               has_header;
  gboolean               has_bom;
  guint                  n_columns;
  char                 **headers;      /* n_columns strings ("" without a header row) */
  CaucusDirectoryField  *fields;       /* n_columns */
} CaucusCsvMapping;

void              caucus_csv_mapping_free    (CaucusCsvMapping *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusCsvMapping, caucus_csv_mapping_free)

/* Checks the encoding (UTF-8, with or without BOM), finds the delimiter, decides whether
 * the first row is a header (known column names in English, French and Spanish) and
 * proposes a field per column (from the header, else from the values). */
CaucusCsvMapping *caucus_csv_sniff           (const char        *data,
                                              gsize              length,
                                              const char        *source_name,
                                              GError           **error);
/* {"type": "person", "delimiter": ";", "header": true,
 *  "columns": [{"index": 0, "header": "Organisation", "field": "org"}, …]} */
JsonNode         *caucus_csv_mapping_to_json (CaucusCsvMapping  *mapping);
/* Applies a caller-edited mapping on top of @mapping: the same shape as _to_json, where
 * every member is optional and "columns" may also be an object {"<header or index>":
 * "<field>"}.  Unknown fields, headers or columns are errors. */
gboolean          caucus_csv_mapping_apply_json (CaucusCsvMapping *mapping,
                                                 JsonNode         *json,
                                                 GError          **error);

/* ---- the outcome of an import ------------------------------------------------------ */

typedef struct {
  char       *id;
  char       *type;
  char       *name;
  guint       line;        /* of the row or card (that named it, for organisations made for people) */
} CaucusDirectoryEntry;

typedef struct {
  guint       line;
  char       *type;
  char       *name;
  char       *existing_id;
  char       *reason;      /* "id", "email" or "name" */
  JsonObject *row;         /* the document the row would have been (for merging) */
} CaucusDirectoryDuplicate;

typedef struct {
  char      *format;       /* "csv", "vcard" */
  char      *source;
  GPtrArray *added;        /* CaucusDirectoryEntry, organisations and people */
  GPtrArray *duplicates;   /* CaucusDirectoryDuplicate */
  guint      n_orgs_linked;   /* people linked to an organisation already there */
} CaucusDirectoryReport;

void      caucus_directory_report_free    (CaucusDirectoryReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusDirectoryReport, caucus_directory_report_free)
/* {"format", "source", "counts": {added, duplicates, orgs_linked}, "added": [{id, type,
 *  name, line}], "duplicates": [{line, type, name, existing_id, reason}]} */
JsonNode *caucus_directory_report_to_json (CaucusDirectoryReport *report);

/* ---- imports ----------------------------------------------------------------------- */

/* @mapping NULL: the proposal of caucus_csv_sniff() is used as it is. */
gboolean  caucus_directory_import_csv     (CaucusStore            *store,
                                           const char             *data,
                                           gsize                   length,
                                           const char             *source_name,
                                           CaucusCsvMapping       *mapping,
                                           CaucusDirectoryReport **report,
                                           GError                **error);
gboolean  caucus_directory_import_vcard   (CaucusStore            *store,
                                           const char             *data,
                                           gsize                   length,
                                           const char             *source_name,
                                           CaucusDirectoryReport **report,
                                           GError                **error);
/* Reads @path; @format_name "csv", "vcard" or NULL (by extension, else content);
 * @mapping_json (CSV only, may be NULL) as for caucus_csv_mapping_apply_json(). */
gboolean  caucus_directory_import_file    (CaucusStore            *store,
                                           const char             *path,
                                           const char             *format_name,
                                           JsonNode               *mapping_json,
                                           CaucusDirectoryReport **report,
                                           GError                **error);

/* The same on a worker thread with its own store connection (bulk work off the UI
 * thread); @mapping_json is copied.  @callback runs in the caller's thread-default main
 * context; the "changed" signal of @store reports the new entries there after the
 * commit. */
void      caucus_directory_import_file_async  (CaucusStore          *store,
                                               const char           *path,
                                               const char           *format_name,
                                               JsonNode             *mapping_json,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* Returns the report, or NULL with @error. */
CaucusDirectoryReport *caucus_directory_import_file_finish (CaucusStore   *store,
                                                            GAsyncResult  *result,
                                                            GError       **error);

/* Merges @duplicate's row into the existing document with the model's merge rules: set
 * members are added, empty fields filled; a field that differs is kept as it is unless
 * @choices (field name → JsonNode* to keep, borrowed) says otherwise.  Writes one new
 * revision (updated_by "import:merge") in a transaction. */
gboolean  caucus_directory_merge_duplicate (CaucusStore              *store,
                                            CaucusDirectoryDuplicate *duplicate,
                                            GHashTable               *choices,
                                            GError                  **error);

/* ---- exports ----------------------------------------------------------------------- */

typedef enum {
  CAUCUS_VCARD_4_0,
  CAUCUS_VCARD_3_0,
} CaucusVCardVersion;

/* The documents of a selection, in its order: @ids (NULL-terminated) or every item of
 * @list (a CaucusDocumentList with its filters: the directory's current view).  Ids
 * that are missing, deleted or neither org nor person are errors naming them; so is a
 * search list that keeps only its best matches (caucus_document_list_get_search_truncated). */
GPtrArray *caucus_directory_collect_ids   (CaucusStore         *store,
                                           const char * const  *ids,
                                           GError             **error);
GPtrArray *caucus_directory_collect_list  (CaucusDocumentList  *list,
                                           GError             **error);

/* @docs: JsonObject of one type (org or person).  Columns use the English headers the
 * importer recognises, sets are joined with "; ", a person's organisation by name. */
char      *caucus_directory_export_csv    (CaucusStore  *store,
                                           GPtrArray    *docs,
                                           char          delimiter,
                                           gboolean      bom,
                                           GError      **error);
/* One card per document (orgs as KIND:org), CRLF line ends, folded by EVCard. */
char      *caucus_directory_export_vcard  (CaucusStore        *store,
                                           GPtrArray          *docs,
                                           CaucusVCardVersion  version,
                                           GError            **error);
/* Writes @text to @path atomically. */
gboolean   caucus_directory_write_file    (const char  *path,
                                           const char  *text,
                                           GError     **error);

G_END_DECLS
