/* caucus-document-types.c — the field tables of the eight document types and their
 * cross-field rules.  The tables are the one place that says what DOMAIN.md's fields are;
 * properties, validation and merging all read them. */
#include "caucus-document-types.h"
#include "caucus-document-private.h"

#include <glib/gi18n-lib.h>

const char * const caucus_org_kinds[] = {
  "civil-society", "government", "private-sector", "technical", "academia",
  "intergovernmental", "media", NULL
};
const char * const caucus_regional_groups[] = { "African", "Asia-Pacific", "EEG", "GRULAC", "WEOG", NULL };
const char * const caucus_event_kinds[] = { "conference", "session", "meeting", "deadline", "milestone", NULL };
const char * const caucus_statement_statuses[] = { "draft", "consultation", "final", "published", "withdrawn", NULL };
const char * const caucus_role_kinds[] = { "speaker", "moderator", "online-moderator", "rapporteur", "organiser", NULL };

#define F(member, kind, check, values, required, label) \
  { member, CAUCUS_FIELD_##kind, CAUCUS_CHECK_##check, values, required, label }

/* ---- org --------------------------------------------------------------------------- */

static const CaucusFieldSpec org_fields[] = {
  F ("name", STRING, NONE, NULL, N_("The organisation needs a name"), N_("name")),
  F ("short_name", STRING, NONE, NULL, NULL, N_("short name")),
  F ("kind", STRING, ENUM, caucus_org_kinds, NULL, N_("kind of organisation")),
  F ("regional_group", STRING, REGIONAL_GROUP, NULL, NULL, N_("UN regional group")),
  F ("countries", STRV, COUNTRY, NULL, NULL, N_("countries")),
  F ("website", STRING, URL, NULL, NULL, N_("website")),
  F ("email", STRING, EMAIL, NULL, NULL, N_("email address")),
  F ("phone", STRING, PHONE, NULL, NULL, N_("phone number")),
  F ("expertise", STRV, NONE, NULL, NULL, N_("expertise")),
  F ("accreditations", JSON, ACCREDITATIONS, NULL, NULL, N_("accreditations")),
  F ("tags", STRV, NONE, NULL, NULL, N_("tags")),
  F ("notes", TEXT, NONE, NULL, NULL, N_("notes")),
};

struct _CaucusOrg { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusOrg, caucus_org, CAUCUS_TYPE_DOCUMENT)

static void
caucus_org_class_init (CaucusOrgClass *klass)
{
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "org",
                                         org_fields, G_N_ELEMENTS (org_fields));
}

static void caucus_org_init (CaucusOrg *self) { }

/* ---- person ------------------------------------------------------------------------ */

static const CaucusFieldSpec person_fields[] = {
  F ("name", STRING, NONE, NULL, N_("The person needs a name"), N_("name")),
  F ("org_id", STRING, ID, NULL, NULL, N_("organisation")),
  F ("title", STRING, NONE, NULL, NULL, N_("job title")),
  F ("email", STRING, EMAIL, NULL, NULL, N_("email address")),
  F ("phone", STRING, PHONE, NULL, NULL, N_("phone number")),
  F ("country", STRING, COUNTRY, NULL, NULL, N_("country")),
  F ("regional_group", STRING, REGIONAL_GROUP, NULL, NULL, N_("UN regional group")),
  F ("languages", STRV, LANGUAGE, NULL, NULL, N_("languages")),
  F ("expertise", STRV, NONE, NULL, NULL, N_("expertise")),
  F ("bio", TEXT, NONE, NULL, NULL, N_("biography")),
  F ("tags", STRV, NONE, NULL, NULL, N_("tags")),
  F ("notes", TEXT, NONE, NULL, NULL, N_("notes")),
};

struct _CaucusPerson { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusPerson, caucus_person, CAUCUS_TYPE_DOCUMENT)

static void
caucus_person_class_init (CaucusPersonClass *klass)
{
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "person",
                                         person_fields, G_N_ELEMENTS (person_fields));
}

static void caucus_person_init (CaucusPerson *self) { }

/* ---- event ------------------------------------------------------------------------- */

static const CaucusFieldSpec event_fields[] = {
  F ("kind", STRING, ENUM, caucus_event_kinds,
     N_("The event needs a kind: conference, session, meeting, deadline or milestone"), N_("kind of event")),
  F ("title", STRING, NONE, NULL, N_("The event needs a title"), N_("title")),
  F ("parent_id", STRING, ID, NULL, NULL, N_("conference")),
  F ("start", STRING, TIMESTAMP, NULL, NULL, N_("start")),
  F ("end", STRING, TIMESTAMP, NULL, NULL, N_("end")),
  F ("time_zone", STRING, TIME_ZONE, NULL, NULL, N_("time zone")),
  F ("all_day", BOOLEAN, NONE, NULL, NULL, N_("all day")),
  F ("location", JSON, LOCATION, NULL, NULL, N_("location")),
  F ("format", STRING, NONE, NULL, NULL, N_("format")),
  F ("description", TEXT, NONE, NULL, NULL, N_("description")),
  F ("roles", JSON, ROLES, NULL, NULL, N_("roles")),
  F ("owner_ids", STRV, ID, NULL, NULL, N_("responsible organisations")),
  F ("status", STRING, NONE, NULL, NULL, N_("status")),
  F ("tags", STRV, NONE, NULL, NULL, N_("tags")),
  F ("statement_ids", STRV, ID, NULL, NULL, N_("statements")),
  F ("source", JSON, SOURCE, NULL, NULL, N_("source")),
};

struct _CaucusEvent { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusEvent, caucus_event, CAUCUS_TYPE_DOCUMENT)

static void
caucus_event_validate (CaucusDocument *doc,
                       GPtrArray      *problems)
{
  const char *kind = caucus_document_get_string (doc, "kind");
  const char *start = caucus_document_get_string (doc, "start");
  const char *end = caucus_document_get_string (doc, "end");
  const char *zone = caucus_document_get_string (doc, "time_zone");

  /* Everything but a milestone (whose timeframe may be vague) happens at a time. */
  if ((start == NULL || *start == '\0') && kind != NULL && g_strv_contains (caucus_event_kinds, kind) &&
      !g_str_equal (kind, "milestone"))
    {
      if (g_str_equal (kind, "deadline"))
        _caucus_problems_add (problems, "start", _("The deadline needs a date and time"));
      else
        _caucus_problems_add (problems, "start", _("The %s needs a start time"), kind);
    }
  if (start != NULL && *start && (zone == NULL || *zone == '\0'))
    _caucus_problems_add (problems, "time_zone",
                          _("The event needs the time zone of its venue (or of the body that set the deadline), like Asia/Baku"));
  if (start != NULL && end != NULL && caucus_is_utc_timestamp (start) && caucus_is_utc_timestamp (end) &&
      caucus_timestamp_compare (end, start) < 0)
    {
      const char *what = kind && g_str_equal (kind, "conference") ? _("conference")
                       : kind && g_str_equal (kind, "meeting") ? _("meeting") : _("session");
      _caucus_problems_add (problems, "end", _("The %s ends before it starts"), what);
    }
}

static void
caucus_event_class_init (CaucusEventClass *klass)
{
  CAUCUS_DOCUMENT_CLASS (klass)->validate = caucus_event_validate;
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "event",
                                         event_fields, G_N_ELEMENTS (event_fields));
}

static void caucus_event_init (CaucusEvent *self) { }

/* ---- statement --------------------------------------------------------------------- */

static const CaucusFieldSpec statement_fields[] = {
  F ("title", STRING, NONE, NULL, N_("The statement needs a title"), N_("title")),
  F ("body", TEXT, NONE, NULL, NULL, N_("text")),
  F ("language", STRING, LANGUAGE, NULL, NULL, N_("language")),
  F ("status", STRING, ENUM, caucus_statement_statuses, NULL, N_("status")),
  F ("event_id", STRING, ID, NULL, NULL, N_("event")),
  F ("forum", STRING, NONE, NULL, NULL, N_("forum")),
  F ("sign_on_deadline", STRING, TIMESTAMP, NULL, NULL, N_("sign-on deadline")),
  F ("tags", STRV, NONE, NULL, NULL, N_("tags")),
};

struct _CaucusStatement { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusStatement, caucus_statement, CAUCUS_TYPE_DOCUMENT)

static void
caucus_statement_class_init (CaucusStatementClass *klass)
{
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "statement",
                                         statement_fields, G_N_ELEMENTS (statement_fields));
}

static void caucus_statement_init (CaucusStatement *self) { }

/* ---- statement-version ------------------------------------------------------------- */

static const CaucusFieldSpec statement_version_fields[] = {
  F ("statement_id", STRING, ID, NULL, N_("The version does not say which statement it belongs to"), N_("statement")),
  F ("name", STRING, NONE, NULL, NULL, N_("name")),
  F ("body", TEXT, NONE, NULL, NULL, N_("text")),
};

struct _CaucusStatementVersion { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusStatementVersion, caucus_statement_version, CAUCUS_TYPE_DOCUMENT)

static void
caucus_statement_version_validate (CaucusDocument *doc,
                                   GPtrArray      *problems)
{
  JsonNode *body = caucus_document_peek_member (doc, "body");

  /* An empty text is a legitimate snapshot; a missing one is not. */
  if (body == NULL)
    _caucus_problems_add (problems, "body", _("The version has no text"));
}

static void
caucus_statement_version_class_init (CaucusStatementVersionClass *klass)
{
  CAUCUS_DOCUMENT_CLASS (klass)->validate = caucus_statement_version_validate;
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "statement-version",
                                         statement_version_fields, G_N_ELEMENTS (statement_version_fields));
}

static void caucus_statement_version_init (CaucusStatementVersion *self) { }

/* ---- signature --------------------------------------------------------------------- */

static const CaucusFieldSpec signature_fields[] = {
  F ("statement_id", STRING, ID, NULL, N_("The signature does not say which statement was signed"), N_("statement")),
  F ("org_id", STRING, ID, NULL, N_("The signature does not say which organisation signed"), N_("organisation")),
  F ("version_id", STRING, ID, NULL, NULL, N_("signed version")),
  F ("signed_by", STRING, NONE, NULL, NULL, N_("authorised by")),
  F ("signed_at", STRING, TIMESTAMP, NULL, N_("The signature needs the time it was given"), N_("signing time")),
  F ("withdrawn_at", STRING, TIMESTAMP, NULL, NULL, N_("withdrawal time")),
};

struct _CaucusSignature { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusSignature, caucus_signature, CAUCUS_TYPE_DOCUMENT)

static void
caucus_signature_validate (CaucusDocument *doc,
                           GPtrArray      *problems)
{
  const char *signed_at = caucus_document_get_string (doc, "signed_at");
  const char *withdrawn_at = caucus_document_get_string (doc, "withdrawn_at");

  if (caucus_is_utc_timestamp (signed_at) && caucus_is_utc_timestamp (withdrawn_at) &&
      caucus_timestamp_compare (withdrawn_at, signed_at) < 0)
    _caucus_problems_add (problems, "withdrawn_at", _("The signature is withdrawn before it was given"));
}

static void
caucus_signature_class_init (CaucusSignatureClass *klass)
{
  CAUCUS_DOCUMENT_CLASS (klass)->validate = caucus_signature_validate;
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "signature",
                                         signature_fields, G_N_ELEMENTS (signature_fields));
}

static void caucus_signature_init (CaucusSignature *self) { }

gboolean
caucus_signature_is_withdrawn (CaucusSignature *self)
{
  const char *withdrawn_at;

  g_return_val_if_fail (CAUCUS_IS_SIGNATURE (self), FALSE);
  withdrawn_at = caucus_document_get_string (CAUCUS_DOCUMENT (self), "withdrawn_at");
  return withdrawn_at != NULL && *withdrawn_at != '\0';
}

/* ---- comment ----------------------------------------------------------------------- */

static const CaucusFieldSpec comment_fields[] = {
  F ("statement_id", STRING, ID, NULL, N_("The comment does not say which statement it is about"), N_("statement")),
  F ("anchor", JSON, ANCHOR, NULL, NULL, N_("anchor")),
  F ("body", TEXT, NONE, NULL, N_("The comment is empty"), N_("text")),
  F ("author", STRING, NONE, NULL, NULL, N_("author")),
  F ("resolved", BOOLEAN, NONE, NULL, NULL, N_("resolved")),
};

struct _CaucusComment { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusComment, caucus_comment, CAUCUS_TYPE_DOCUMENT)

static void
caucus_comment_class_init (CaucusCommentClass *klass)
{
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "comment",
                                         comment_fields, G_N_ELEMENTS (comment_fields));
}

static void caucus_comment_init (CaucusComment *self) { }

/* ---- pack -------------------------------------------------------------------------- */

static const CaucusFieldSpec pack_fields[] = {
  F ("title", STRING, NONE, NULL, N_("The briefing pack needs a title"), N_("title")),
  F ("event_id", STRING, ID, NULL, NULL, N_("event")),
  F ("intro", TEXT, NONE, NULL, NULL, N_("introduction")),
  F ("sections", JSON, SECTIONS, NULL, NULL, N_("sections")),
  F ("selections", JSON, NONE, NULL, NULL, N_("selected items")),
};

struct _CaucusPack { CaucusDocument parent_instance; };
G_DEFINE_FINAL_TYPE (CaucusPack, caucus_pack, CAUCUS_TYPE_DOCUMENT)

static void
caucus_pack_class_init (CaucusPackClass *klass)
{
  _caucus_document_class_install_fields (CAUCUS_DOCUMENT_CLASS (klass), "pack",
                                         pack_fields, G_N_ELEMENTS (pack_fields));
}

static void caucus_pack_init (CaucusPack *self) { }

/* ---- shared ------------------------------------------------------------------------ */

void
_caucus_document_types_ensure (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_ORG));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_PERSON));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_EVENT));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_STATEMENT));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_STATEMENT_VERSION));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_SIGNATURE));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_COMMENT));
      g_type_class_unref (g_type_class_ref (CAUCUS_TYPE_PACK));
      g_once_init_leave (&done, 1);
    }
}

GDateTime *
caucus_document_get_datetime (CaucusDocument *self,
                              const char     *member)
{
  const char *text;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  text = caucus_document_get_string (self, member);
  if (text == NULL || !caucus_is_date_or_timestamp (text))
    return NULL;
  if (!caucus_is_utc_timestamp (text))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autofree char *full = g_strconcat (text, "T00:00:00Z", NULL);
      return g_date_time_new_from_iso8601 (full, utc);
    }
  return g_date_time_new_from_iso8601 (text, NULL);
}
