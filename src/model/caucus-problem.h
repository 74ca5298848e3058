/* caucus-problem.h — one validation problem: the field it concerns and what to do about it. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  char *field;    /* a path into the document: "name", "countries[1]", "location.country" */
  char *message;  /* a sentence a person can act on */
} CaucusProblem;

#define CAUCUS_TYPE_PROBLEM (caucus_problem_get_type ())
GType          caucus_problem_get_type (void) G_GNUC_CONST;
CaucusProblem *caucus_problem_new      (const char          *field,
                                        const char          *message);
CaucusProblem *caucus_problem_copy     (const CaucusProblem *problem);
void           caucus_problem_free     (CaucusProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusProblem, caucus_problem_free)

/* ---- value checks shared by validation and the import formats ------------------- */

/* ISO 3166-1 alpha-2, upper case ("FR"); XK (Kosovo) is accepted as the widely used
 * user-assigned code. */
gboolean caucus_is_country_code     (const char *code);
/* A document id that can sync: non-empty UTF-8, no leading '_'. */
gboolean caucus_is_document_id      (const char *id);
/* One of African, Asia-Pacific, EEG, GRULAC, WEOG. */
gboolean caucus_is_regional_group   (const char *group);
/* An IANA zone GLib knows (g_time_zone_new_identifier), "UTC" included. */
gboolean caucus_is_time_zone        (const char *identifier);
/* RFC 3339 in UTC with a "Z": 2024-11-03T09:30:00Z, fractions allowed. */
gboolean caucus_is_utc_timestamp    (const char *text);
/* A full date (2024-11-03) or a UTC timestamp, for accreditations. */
gboolean caucus_is_date_or_timestamp (const char *text);
/* A plausibly formed BCP 47 tag: en, fr-CA, zh-Hant-TW, es-419, sr-Latn, x-private. */
gboolean caucus_is_language_tag     (const char *tag);
/* A plausibly formed address: one @, a dotted domain, no spaces. */
gboolean caucus_is_email            (const char *text);
/* An absolute http(s) URL with a host. */
gboolean caucus_is_web_url          (const char *text);
/* Digits with + ( ) - . / and spaces, at least five digits. */
gboolean caucus_is_phone            (const char *text);

/* The current time as RFC 3339 UTC with millisecond precision ("…T09:30:00.123Z"). */
char    *caucus_timestamp_now       (void);
/* Compares two RFC 3339 instants; unparsable ones sort first, ties by string. */
int      caucus_timestamp_compare   (const char *a,
                                     const char *b);

G_END_DECLS
