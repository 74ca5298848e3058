/* caucus-document.h — the base of every domain document.
 *
 * A CaucusDocument wraps the full JSON object of a store document.  The JSON object is
 * the single source of truth: properties read from and write to it, so members this
 * version does not know (added by a newer peer) survive loading and saving untouched.
 *
 * Subclasses (caucus-document-types.h) describe their fields in a table; each field
 * becomes a GObject property named after the JSON member with '-' for '_'
 * ("short_name" → "short-name"), and carries the validation rule for that member. */
#pragma once

#include <json-glib/json-glib.h>

#include "caucus-problem.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DOCUMENT (caucus_document_get_type ())
G_DECLARE_DERIVABLE_TYPE (CaucusDocument, caucus_document, CAUCUS, DOCUMENT, GObject)

struct _CaucusDocumentClass
{
  GObjectClass parent_class;

  /* Appends CaucusProblem* for rules that span fields (an event that ends before it
   * starts).  Per-field rules come from the field table and need no code. */
  void (*validate) (CaucusDocument *self,
                    GPtrArray      *problems);

  gpointer padding[8];
};

/* Dispatches on the "type" member: "org" → CaucusOrg, … ; a missing or unknown type
 * (a newer peer's) gives a plain CaucusDocument that keeps every member.  @json is
 * copied. */
CaucusDocument *caucus_document_new_from_json   (JsonObject     *json);
/* A new, empty document of @type_name ("org", …) with created/updated set to now. */
CaucusDocument *caucus_document_new_of_type     (const char     *type_name,
                                                 const char     *updated_by);
/* The GType for a "type" member, or G_TYPE_INVALID. */
GType           caucus_document_type_for_name   (const char     *type_name);
/* The "type" member a subclass is saved with ("org"), or NULL for the base class. */
const char     *caucus_document_class_get_type_name (CaucusDocumentClass *klass);

/* A deep copy of the whole document, unknown members included: what to put in the store. */
JsonObject     *caucus_document_to_json         (CaucusDocument *self);
/* Borrowed; valid until the next change.  Do not modify it: use the setters. */
JsonObject     *caucus_document_peek_json       (CaucusDocument *self);
/* Replaces every member with a copy of @json (a newer revision arrived); notifies the
 * properties whose values changed.  @json must have the same "type". */
gboolean        caucus_document_replace_json    (CaucusDocument *self,
                                                 JsonObject     *json,
                                                 GError        **error);

const char     *caucus_document_get_id          (CaucusDocument *self);
void            caucus_document_set_id          (CaucusDocument *self,
                                                 const char     *id);
const char     *caucus_document_get_rev         (CaucusDocument *self);
void            caucus_document_set_rev         (CaucusDocument *self,
                                                 const char     *rev);
const char     *caucus_document_get_doc_type    (CaucusDocument *self);
const char     *caucus_document_get_created     (CaucusDocument *self);
const char     *caucus_document_get_updated     (CaucusDocument *self);
const char     *caucus_document_get_updated_by  (CaucusDocument *self);
/* Sets "updated" (and "created" when missing) to now and "updated_by" to @who. */
void            caucus_document_touch           (CaucusDocument *self,
                                                 const char     *who);
/* What a list row shows: name, title, or the id. */
const char     *caucus_document_get_display_name (CaucusDocument *self);

/* Generic member access; @member is the JSON name ("short_name").  Setting NULL removes
 * the member.  Setters notify the matching property and revalidate. */
const char     *caucus_document_get_string      (CaucusDocument *self,
                                                 const char     *member);
void            caucus_document_set_string      (CaucusDocument *self,
                                                 const char     *member,
                                                 const char     *value);
GStrv           caucus_document_dup_strv        (CaucusDocument *self,
                                                 const char     *member);
void            caucus_document_set_strv        (CaucusDocument *self,
                                                 const char     *member,
                                                 const char * const *value);
gboolean        caucus_document_get_boolean     (CaucusDocument *self,
                                                 const char     *member);
void            caucus_document_set_boolean     (CaucusDocument *self,
                                                 const char     *member,
                                                 gboolean        value);
/* Borrowed node of any member, or NULL. */
JsonNode       *caucus_document_peek_member     (CaucusDocument *self,
                                                 const char     *member);
/* Takes a copy of @node; NULL removes the member. */
void            caucus_document_set_member      (CaucusDocument *self,
                                                 const char     *member,
                                                 JsonNode       *node);

/* Every problem of the current content, as CaucusProblem* (borrowed array, never NULL). */
GPtrArray      *caucus_document_get_problems    (CaucusDocument *self);
gboolean        caucus_document_is_valid        (CaucusDocument *self);
/* Validates a bare JSON object without building a GObject (imports, sync).  Returns a
 * new array of CaucusProblem*. */
GPtrArray      *caucus_validate_json            (JsonObject     *json);
/* Sets @error to the problems joined in one message when there are any. */
gboolean        caucus_document_check           (CaucusDocument *self,
                                                 GError        **error);

G_END_DECLS
