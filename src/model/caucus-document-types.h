/* caucus-document-types.h — one GObject type per document type of DOMAIN.md.
 *
 * Each type's properties are its DOMAIN.md fields, named after the JSON member with '-'
 * for '_' (org "short-name", event "time-zone", "all-day", "owner-ids", …):
 *   text       → gchararray   (name, title, email, start, end, time-zone, body, …)
 *   sets       → GStrv        (countries, expertise, tags, languages, owner-ids, statement-ids)
 *   booleans   → gboolean     (event all-day, comment resolved)
 *   structures → JsonNode     (org accreditations, event location/roles/source,
 *                              comment anchor, pack sections/selections)
 * Timestamps are RFC 3339 UTC text; caucus_document_get_datetime() parses them. */
#pragma once

#include "caucus-document.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_ORG (caucus_org_get_type ())
G_DECLARE_FINAL_TYPE (CaucusOrg, caucus_org, CAUCUS, ORG, CaucusDocument)

#define CAUCUS_TYPE_PERSON (caucus_person_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPerson, caucus_person, CAUCUS, PERSON, CaucusDocument)

#define CAUCUS_TYPE_EVENT (caucus_event_get_type ())
G_DECLARE_FINAL_TYPE (CaucusEvent, caucus_event, CAUCUS, EVENT, CaucusDocument)

#define CAUCUS_TYPE_STATEMENT (caucus_statement_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatement, caucus_statement, CAUCUS, STATEMENT, CaucusDocument)

#define CAUCUS_TYPE_STATEMENT_VERSION (caucus_statement_version_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatementVersion, caucus_statement_version, CAUCUS, STATEMENT_VERSION, CaucusDocument)

#define CAUCUS_TYPE_SIGNATURE (caucus_signature_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSignature, caucus_signature, CAUCUS, SIGNATURE, CaucusDocument)

#define CAUCUS_TYPE_COMMENT (caucus_comment_get_type ())
G_DECLARE_FINAL_TYPE (CaucusComment, caucus_comment, CAUCUS, COMMENT, CaucusDocument)

#define CAUCUS_TYPE_PACK (caucus_pack_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPack, caucus_pack, CAUCUS, PACK, CaucusDocument)

/* The allowed values, NULL-terminated, for pickers in the UI and for imports. */
extern const char * const caucus_org_kinds[];         /* civil-society, government, … */
extern const char * const caucus_regional_groups[];   /* African, Asia-Pacific, EEG, GRULAC, WEOG */
extern const char * const caucus_event_kinds[];       /* conference, session, meeting, deadline, milestone */
extern const char * const caucus_statement_statuses[];/* draft, consultation, final, published, withdrawn */
extern const char * const caucus_role_kinds[];        /* speaker, moderator, online-moderator, rapporteur, organiser */

/* A timestamp member parsed, or NULL when absent or malformed. */
GDateTime *caucus_document_get_datetime (CaucusDocument *self,
                                         const char     *member);

/* Whether a signature is still in force (not withdrawn). */
gboolean   caucus_signature_is_withdrawn (CaucusSignature *self);

G_END_DECLS
