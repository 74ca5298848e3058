/* caucus-document-private.h — how subclasses describe their fields.  Model layer only. */
#pragma once

#include "caucus-document.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_FIELD_STRING,   /* short text: gchararray property */
  CAUCUS_FIELD_TEXT,     /* long Markdown text: gchararray property, merged by lines */
  CAUCUS_FIELD_STRV,     /* a set of strings: GStrv property, merged as a set */
  CAUCUS_FIELD_BOOLEAN,  /* gboolean property */
  CAUCUS_FIELD_JSON,     /* a nested object or array: JsonNode property */
} CaucusFieldKind;

typedef enum {
  CAUCUS_CHECK_NONE,
  CAUCUS_CHECK_ENUM,            /* one of spec->values */
  CAUCUS_CHECK_ID,              /* a document id (a reference) */
  CAUCUS_CHECK_COUNTRY,
  CAUCUS_CHECK_REGIONAL_GROUP,
  CAUCUS_CHECK_EMAIL,
  CAUCUS_CHECK_URL,
  CAUCUS_CHECK_PHONE,
  CAUCUS_CHECK_TIMESTAMP,
  CAUCUS_CHECK_TIME_ZONE,
  CAUCUS_CHECK_LANGUAGE,
  CAUCUS_CHECK_ACCREDITATIONS,  /* [{body, status, since, expires}] */
  CAUCUS_CHECK_LOCATION,        /* {venue, room, city, country, online_url} */
  CAUCUS_CHECK_ROLES,           /* [{person_id | name, role}] */
  CAUCUS_CHECK_SOURCE,          /* {format, uid, url} */
  CAUCUS_CHECK_SECTIONS,        /* ["agenda", …] or [{kind, …}] */
  CAUCUS_CHECK_ANCHOR,          /* "quoted text" or {quote, …} */
} CaucusCheck;

typedef struct {
  const char         *member;    /* JSON member name */
  CaucusFieldKind     kind;
  CaucusCheck         check;     /* for STRV: applied to each element */
  const char * const *values;    /* CAUCUS_CHECK_ENUM */
  const char         *required;  /* N_() message when missing/empty, NULL if optional */
  const char         *label;     /* N_() human name of the field, for messages */
} CaucusFieldSpec;

/* Called from a subclass's class_init: records the "type" member and installs one
 * property per field (ids 1..n_fields of that class). */
void                   _caucus_document_class_install_fields (CaucusDocumentClass   *klass,
                                                              const char            *type_name,
                                                              const CaucusFieldSpec *fields,
                                                              guint                  n_fields);
const CaucusFieldSpec *_caucus_document_class_get_fields     (GType                  type,
                                                              guint                 *n_fields);
/* The field spec of @member for the document type @type_name, or NULL. */
const CaucusFieldSpec *_caucus_field_spec_lookup             (const char            *type_name,
                                                              const char            *member);

/* Per-field validation (caucus-validate.c). */
void _caucus_validate_common (JsonObject *json,
                              GPtrArray  *problems);
void _caucus_validate_fields (JsonObject            *json,
                              const CaucusFieldSpec *fields,
                              guint                  n_fields,
                              GPtrArray             *problems);
void _caucus_problems_add    (GPtrArray  *problems,
                              const char *field,
                              const char *format,
                              ...) G_GNUC_PRINTF (3, 4);

/* Ensures every subclass is registered (for dispatch by name). */
void _caucus_document_types_ensure (void);

G_END_DECLS
