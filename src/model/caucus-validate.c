/* caucus-validate.c — per-field validation driven by the subclasses' field tables.
 *
 * Validation never stops at the first problem: a person fixing an imported row wants to
 * see everything that is wrong with it at once. */
#include "caucus-document-private.h"

#include <glib/gi18n-lib.h>

void
_caucus_problems_add (GPtrArray  *problems,
                      const char *field,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, caucus_problem_new (field, message));
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node_is_string (node) ? json_node_get_string (node) : NULL;
}

static void
check_string_value (const char         *path,
                    const char         *label,
                    CaucusCheck         check,
                    const char * const *values,
                    const char         *text,
                    GPtrArray          *problems)
{
  switch (check)
    {
    case CAUCUS_CHECK_NONE:
      break;
    case CAUCUS_CHECK_ENUM:
      if (!g_strv_contains (values, text))
        {
          g_autofree char *choices = g_strjoinv (", ", (char **) values);
          _caucus_problems_add (problems, path, _("‘%s’ is not a valid %s; use one of %s"),
                                text, _(label), choices);
        }
      break;
    case CAUCUS_CHECK_ID:
      if (!caucus_is_document_id (text))
        _caucus_problems_add (problems, path, _("‘%s’ is not a document id (%s)"), text, _(label));
      break;
    case CAUCUS_CHECK_COUNTRY:
      if (!caucus_is_country_code (text))
        _caucus_problems_add (problems, path, _("‘%s’ is not an ISO 3166 country code"), text);
      break;
    case CAUCUS_CHECK_REGIONAL_GROUP:
      if (!caucus_is_regional_group (text))
        _caucus_problems_add (problems, path,
                              _("‘%s’ is not a UN regional group; use one of African, Asia-Pacific, EEG, GRULAC, WEOG"),
                              text);
      break;
    case CAUCUS_CHECK_EMAIL:
      if (!caucus_is_email (text))
        _caucus_problems_add (problems, path, _("‘%s’ does not look like an email address"), text);
      break;
    case CAUCUS_CHECK_URL:
      if (!caucus_is_web_url (text))
        _caucus_problems_add (problems, path, _("‘%s’ is not a web address; it should start with https://"), text);
      break;
    case CAUCUS_CHECK_PHONE:
      if (!caucus_is_phone (text))
        _caucus_problems_add (problems, path, _("‘%s’ does not look like a phone number"), text);
      break;
    case CAUCUS_CHECK_TIMESTAMP:
      if (!caucus_is_utc_timestamp (text))
        _caucus_problems_add (problems, path,
                              _("‘%s’ is not a UTC time in RFC 3339 form, like 2024-11-03T09:30:00Z (%s)"),
                              text, _(label));
      break;
    case CAUCUS_CHECK_TIME_ZONE:
      if (!caucus_is_time_zone (text))
        _caucus_problems_add (problems, path, _("‘%s’ is not a known time zone"), text);
      break;
    case CAUCUS_CHECK_LANGUAGE:
      if (!caucus_is_language_tag (text))
        _caucus_problems_add (problems, path, _("‘%s’ is not a language tag such as en, fr-CA or zh-Hant"), text);
      break;
    case CAUCUS_CHECK_ACCREDITATIONS:
    case CAUCUS_CHECK_LOCATION:
    case CAUCUS_CHECK_ROLES:
    case CAUCUS_CHECK_SOURCE:
    case CAUCUS_CHECK_SECTIONS:
    case CAUCUS_CHECK_ANCHOR:
    default:
      break;
    }
}

/* An optional string member of a nested object. */
static void
check_nested_string (JsonObject *object,
                     const char *parent_path,
                     const char *member,
                     const char *label,
                     CaucusCheck check,
                     GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = g_strdup_printf ("%s.%s", parent_path, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!node_is_string (node))
    {
      _caucus_problems_add (problems, path, _("The %s should be text"), _(label));
      return;
    }
  if (*json_node_get_string (node) != '\0')
    check_string_value (path, label, check, NULL, json_node_get_string (node), problems);
}

static const char * const role_values[] = {
  "speaker", "moderator", "online-moderator", "rapporteur", "organiser", NULL
};
/* The section kinds the pack renderer lays out (src/pack/caucus-pack-sections.c). */
static const char * const section_values[] = {
  "introduction", "agenda", "people", "organisations", "statements", "deadlines",
  "background-papers", "free-text", NULL
};

static void
check_structured (const CaucusFieldSpec *spec,
                  JsonNode              *node,
                  GPtrArray             *problems)
{
  const char *m = spec->member;

  switch (spec->check)
    {
    case CAUCUS_CHECK_ACCREDITATIONS:
    case CAUCUS_CHECK_ROLES:
    case CAUCUS_CHECK_SECTIONS:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            _caucus_problems_add (problems, m, _("The %s should be a list"), _(spec->label));
            return;
          }
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            g_autofree char *path = g_strdup_printf ("%s[%u]", m, i);
            JsonObject *item;

            if (spec->check == CAUCUS_CHECK_SECTIONS && node_is_string (element))
              {
                check_string_value (path, N_("section"), CAUCUS_CHECK_ENUM, section_values,
                                    json_node_get_string (element), problems);
                continue;
              }
            if (!JSON_NODE_HOLDS_OBJECT (element))
              {
                _caucus_problems_add (problems, path, _("Each entry of the %s should be an object"), _(spec->label));
                continue;
              }
            item = json_node_get_object (element);
            if (spec->check == CAUCUS_CHECK_ACCREDITATIONS)
              {
                const char *body = member_string (item, "body");
                const char *since = member_string (item, "since");
                const char *expires = member_string (item, "expires");

                if (body == NULL || *body == '\0')
                  _caucus_problems_add (problems, path,
                                        _("Each accreditation needs the body that granted it (ECOSOC, ITU-D, …)"));
                check_nested_string (item, path, "status", N_("accreditation status"), CAUCUS_CHECK_NONE, problems);
                if (since != NULL && *since && !caucus_is_date_or_timestamp (since))
                  _caucus_problems_add (problems, path, _("‘%s’ is not a date like 2012-06-30 (accreditation start)"), since);
                if (expires != NULL && *expires && !caucus_is_date_or_timestamp (expires))
                  _caucus_problems_add (problems, path, _("‘%s’ is not a date like 2012-06-30 (accreditation expiry)"), expires);
                if (since != NULL && expires != NULL && caucus_is_date_or_timestamp (since) &&
                    caucus_is_date_or_timestamp (expires) && g_strcmp0 (expires, since) < 0)
                  _caucus_problems_add (problems, path, _("The accreditation expires before it starts"));
              }
            else if (spec->check == CAUCUS_CHECK_ROLES)
              {
                const char *person = member_string (item, "person_id");
                const char *name = member_string (item, "name");
                const char *role = member_string (item, "role");

                if ((person == NULL || *person == '\0') && (name == NULL || *name == '\0'))
                  _caucus_problems_add (problems, path, _("Each role needs a person from the directory or a name"));
                if (role == NULL || *role == '\0')
                  _caucus_problems_add (problems, path,
                                        _("Each role needs a role: speaker, moderator, online-moderator, rapporteur or organiser"));
                else
                  check_string_value (path, N_("role"), CAUCUS_CHECK_ENUM, role_values, role, problems);
                if (person != NULL && *person)
                  check_string_value (path, N_("person"), CAUCUS_CHECK_ID, NULL, person, problems);
              }
            else
              {
                const char *kind = member_string (item, "kind");
                if (kind == NULL)
                  _caucus_problems_add (problems, path, _("Each section needs a kind such as agenda or people"));
                else
                  check_string_value (path, N_("section"), CAUCUS_CHECK_ENUM, section_values, kind, problems);
              }
          }
        break;
      }
    case CAUCUS_CHECK_LOCATION:
    case CAUCUS_CHECK_SOURCE:
      {
        JsonObject *object;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          {
            _caucus_problems_add (problems, m, _("The %s should be an object"), _(spec->label));
            return;
          }
        object = json_node_get_object (node);
        if (spec->check == CAUCUS_CHECK_LOCATION)
          {
            check_nested_string (object, m, "venue", N_("venue"), CAUCUS_CHECK_NONE, problems);
            check_nested_string (object, m, "room", N_("room"), CAUCUS_CHECK_NONE, problems);
            check_nested_string (object, m, "city", N_("city"), CAUCUS_CHECK_NONE, problems);
            check_nested_string (object, m, "country", N_("country"), CAUCUS_CHECK_COUNTRY, problems);
            check_nested_string (object, m, "online_url", N_("online address"), CAUCUS_CHECK_URL, problems);
          }
        else
          {
            check_nested_string (object, m, "format", N_("source format"), CAUCUS_CHECK_NONE, problems);
            check_nested_string (object, m, "uid", N_("source identifier"), CAUCUS_CHECK_NONE, problems);
            check_nested_string (object, m, "url", N_("source address"), CAUCUS_CHECK_URL, problems);
          }
        break;
      }
    case CAUCUS_CHECK_ANCHOR:
      if (node_is_string (node))
        break;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        _caucus_problems_add (problems, m, _("The anchor should be the quoted passage or an object with a quote"));
      else if (member_string (json_node_get_object (node), "quote") == NULL)
        _caucus_problems_add (problems, m, _("The anchor needs the quoted passage (quote)"));
      break;
    case CAUCUS_CHECK_NONE:
    case CAUCUS_CHECK_ENUM:
    case CAUCUS_CHECK_ID:
    case CAUCUS_CHECK_COUNTRY:
    case CAUCUS_CHECK_REGIONAL_GROUP:
    case CAUCUS_CHECK_EMAIL:
    case CAUCUS_CHECK_URL:
    case CAUCUS_CHECK_PHONE:
    case CAUCUS_CHECK_TIMESTAMP:
    case CAUCUS_CHECK_TIME_ZONE:
    case CAUCUS_CHECK_LANGUAGE:
    default:
      break;
    }
}

static gboolean
is_missing (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node_is_string (node))
    {
      const char *s = json_node_get_string (node);
      while (*s && g_unichar_isspace (g_utf8_get_char (s)))
        s = g_utf8_next_char (s);
      return *s == '\0';
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

void
_caucus_validate_fields (JsonObject            *json,
                         const CaucusFieldSpec *fields,
                         guint                  n_fields,
                         GPtrArray             *problems)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const CaucusFieldSpec *spec = &fields[i];
      JsonNode *node = json_object_get_member (json, spec->member);

      if (is_missing (node))
        {
          if (spec->required != NULL)
            _caucus_problems_add (problems, spec->member, "%s", _(spec->required));
          continue;
        }

      switch (spec->kind)
        {
        case CAUCUS_FIELD_STRING:
        case CAUCUS_FIELD_TEXT:
          if (!node_is_string (node))
            _caucus_problems_add (problems, spec->member, _("The %s should be text"), _(spec->label));
          else if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
            _caucus_problems_add (problems, spec->member, _("The %s is not valid UTF-8 text"), _(spec->label));
          else
            check_string_value (spec->member, spec->label, spec->check, spec->values,
                                json_node_get_string (node), problems);
          break;
        case CAUCUS_FIELD_STRV:
          {
            JsonArray *array;
            if (!JSON_NODE_HOLDS_ARRAY (node))
              {
                _caucus_problems_add (problems, spec->member, _("The %s should be a list of text"), _(spec->label));
                break;
              }
            array = json_node_get_array (node);
            for (guint j = 0; j < json_array_get_length (array); j++)
              {
                JsonNode *element = json_array_get_element (array, j);
                g_autofree char *path = g_strdup_printf ("%s[%u]", spec->member, j);
                if (!node_is_string (element))
                  _caucus_problems_add (problems, path, _("Each entry of the %s should be text"), _(spec->label));
                else
                  check_string_value (path, spec->label, spec->check, spec->values,
                                      json_node_get_string (element), problems);
              }
            break;
          }
        case CAUCUS_FIELD_BOOLEAN:
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            _caucus_problems_add (problems, spec->member, _("The %s should be true or false"), _(spec->label));
          break;
        case CAUCUS_FIELD_JSON:
          check_structured (spec, node, problems);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
_caucus_validate_common (JsonObject *json,
                         GPtrArray  *problems)
{
  static const struct { const char *member; const char *label; } stamps[] = {
    { "created", N_("creation time") },
    { "updated", N_("last change time") },
  };
  JsonNode *node;

  node = json_object_get_member (json, "_id");
  if (node != NULL)
    {
      if (!node_is_string (node))
        _caucus_problems_add (problems, "_id", _("The document id should be text"));
      else if (!caucus_is_document_id (json_node_get_string (node)))
        _caucus_problems_add (problems, "_id",
                              _("‘%s’ cannot be a document id: it must be non-empty and not start with ‘_’"),
                              json_node_get_string (node));
    }

  node = json_object_get_member (json, "type");
  if (node == NULL || !node_is_string (node) || *json_node_get_string (node) == '\0')
    _caucus_problems_add (problems, "type", _("The document has no type (org, person, event, statement, …)"));

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    {
      node = json_object_get_member (json, stamps[i].member);
      if (node == NULL)
        continue;
      if (!node_is_string (node))
        _caucus_problems_add (problems, stamps[i].member, _("The %s should be text"), _(stamps[i].label));
      else
        check_string_value (stamps[i].member, stamps[i].label, CAUCUS_CHECK_TIMESTAMP, NULL,
                            json_node_get_string (node), problems);
    }

  node = json_object_get_member (json, "updated_by");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !node_is_string (node))
    _caucus_problems_add (problems, "updated_by", _("The name of who changed the document last should be text"));
}
