/* caucus-vcard.c — vCard 3.0/4.0 cards in and out, through evolution-data-server's EVCard
 * (unfolding and folding, escaping, 2.1 quoted-printable and charsets).
 *
 * EVCard parses one card at a time, so a file is cut into cards at its BEGIN:VCARD and
 * END:VCARD lines here, which also gives each card its line for error messages.  EVCard
 * 3.46 writes 2.1 and 3.0 only; a 4.0 card is the same content lines (4.0 kept 3.0's
 * escaping and parameters) under VERSION:4.0, with KIND and LANG, which 3.0 lacks. */
#include "caucus-directory-private.h"
#include "caucus-formats-error.h"

#include <libebook-contacts/libebook-contacts.h>
#include <string.h>

/* ---- reading ----------------------------------------------------------------------- */

static char *
first_value (EVCardAttribute *attr)
{
  GList *values = e_vcard_attribute_get_values (attr);

  return values != NULL && values->data != NULL ? g_strdup (values->data) : NULL;
}

static gboolean
set_values (CaucusDirectoryRecord *record,
            CaucusDirectoryField   field,
            EVCardAttribute       *attr,
            const char            *source,
            GError               **error)
{
  for (GList *l = e_vcard_attribute_get_values (attr); l != NULL; l = l->next)
    if (l->data != NULL && !_caucus_directory_record_set (record, field, l->data, source, error))
      return FALSE;
  return TRUE;
}

static gboolean
is_org_kind (const char *value)
{
  return value != NULL && (g_ascii_strcasecmp (value, "org") == 0 ||
                           g_ascii_strcasecmp (value, "organization") == 0 ||
                           g_ascii_strcasecmp (value, "organisation") == 0);
}

static CaucusDirectoryRecord *
read_card (const char  *text,
           guint        line,
           const char  *source,
           GError     **error)
{
  g_autoptr(GObject) card_object = NULL;
  EVCard *card = e_vcard_new_from_string (text);
  CaucusDirectoryRecord *record;
  g_autofree char *fn = NULL;
  g_autofree char *n = NULL;
  g_autofree char *org = NULL;
  gboolean is_org = FALSE;
  GList *attrs;

  card_object = G_OBJECT (card);
  attrs = e_vcard_get_attributes (card);
  /* vCard 2.1 may declare a CHARSET per property, which EVCard converts; whatever is
   * still not UTF-8 afterwards is refused here, with the card's line. */
  for (GList *l = attrs; l != NULL; l = l->next)
    for (GList *v = e_vcard_attribute_get_values (l->data); v != NULL; v = v->next)
      if (v->data != NULL && !g_utf8_validate (v->data, -1, NULL))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s:%u: %s of this card is not valid UTF-8 and names no CHARSET that says what "
                       "it is; save the file as UTF-8 and import it again; nothing was imported",
                       source, line, e_vcard_attribute_get_name (l->data));
          return NULL;
        }

  for (GList *l = attrs; l != NULL; l = l->next)
    {
      const char *name = e_vcard_attribute_get_name (l->data);
      g_autofree char *value = first_value (l->data);

      if ((g_ascii_strcasecmp (name, "KIND") == 0 || g_ascii_strcasecmp (name, "X-ADDRESSBOOKSERVER-KIND") == 0) &&
          is_org_kind (value))
        is_org = TRUE;
      else if (g_ascii_strcasecmp (name, "VERSION") == 0 && value != NULL &&
               strcmp (value, "2.1") != 0 && strcmp (value, "3.0") != 0 && strcmp (value, "4.0") != 0)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                       "%s:%u: vCard version ‘%s’ is not one I read (2.1, 3.0 or 4.0); nothing was imported",
                       source, line, value);
          return NULL;
        }
      else if (g_ascii_strcasecmp (name, "FN") == 0 && fn == NULL)
        fn = g_strdup (value);
      else if (g_ascii_strcasecmp (name, "ORG") == 0 && org == NULL)
        org = g_strdup (value);
      else if (g_ascii_strcasecmp (name, "N") == 0 && n == NULL)
        {
          GList *parts = e_vcard_attribute_get_values (l->data);
          const char *family = parts != NULL ? parts->data : NULL;
          const char *given = parts != NULL && parts->next != NULL ? parts->next->data : NULL;
          g_autoptr(GString) joined = g_string_new (NULL);

          if (given != NULL && *given)
            g_string_append (joined, given);
          if (family != NULL && *family)
            g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", family);
          if (joined->len > 0)
            n = g_string_free (g_steal_pointer (&joined), FALSE);
        }
    }

  record = _caucus_directory_record_new (line, is_org ? "org" : "person");
  if (is_org)
    json_object_set_string_member (record->doc, "name", fn != NULL && *fn ? fn : org != NULL ? org : "");
  else
    {
      if (fn != NULL && *fn)
        json_object_set_string_member (record->doc, "name", fn);
      else if (n != NULL)
        json_object_set_string_member (record->doc, "name", n);
      if (org != NULL && *org)
        record->org_name = g_strdup (org);
    }
  if (*json_object_get_string_member_with_default (record->doc, "name", "") == '\0')
    {
      _caucus_directory_record_free (record);
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s:%u: the card has no name (FN, N, or ORG for an organisation); nothing was imported",
                   source, line);
      return NULL;
    }

  for (GList *l = attrs; l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      const char *name = e_vcard_attribute_get_name (attr);
      g_autofree char *value = first_value (attr);
      CaucusDirectoryField field = CAUCUS_DIRECTORY_FIELD_IGNORE;

      /* ADR's first components (post box, extended address) are usually empty. */
      if ((value == NULL || *value == '\0') && g_ascii_strcasecmp (name, "ADR") != 0)
        continue;
      if (g_ascii_strcasecmp (name, "X-CAUCUS-ID") == 0)
        field = CAUCUS_DIRECTORY_FIELD_ID;
      else if (g_ascii_strcasecmp (name, "X-CAUCUS-ORG-ID") == 0)
        {
          g_free (record->org_id);
          record->org_id = g_strdup (value);
        }
      else if (g_ascii_strcasecmp (name, "TITLE") == 0)
        field = CAUCUS_DIRECTORY_FIELD_TITLE;
      else if (g_ascii_strcasecmp (name, "EMAIL") == 0 && !json_object_has_member (record->doc, "email"))
        field = CAUCUS_DIRECTORY_FIELD_EMAIL;
      else if (g_ascii_strcasecmp (name, "TEL") == 0 && !json_object_has_member (record->doc, "phone"))
        {
          const char *tel = value;

          if (g_ascii_strncasecmp (tel, "tel:", 4) == 0)
            tel += 4;
          if (!_caucus_directory_record_set (record, CAUCUS_DIRECTORY_FIELD_PHONE, tel, source, error))
            goto fail;
        }
      else if (g_ascii_strcasecmp (name, "ADR") == 0)
        {
          GList *parts = e_vcard_attribute_get_values (attr);
          const char *country = g_list_nth_data (parts, 6);

          if (country != NULL && *country &&
              !_caucus_directory_record_set (record, CAUCUS_DIRECTORY_FIELD_COUNTRY, country, source, error))
            goto fail;
        }
      else if (g_ascii_strcasecmp (name, "NOTE") == 0)
        field = CAUCUS_DIRECTORY_FIELD_NOTES;
      else if (g_ascii_strcasecmp (name, "CATEGORIES") == 0)
        {
          if (!set_values (record, CAUCUS_DIRECTORY_FIELD_TAGS, attr, source, error))
            goto fail;
        }
      else if (g_ascii_strcasecmp (name, "X-CAUCUS-EXPERTISE") == 0)
        {
          if (!set_values (record, CAUCUS_DIRECTORY_FIELD_EXPERTISE, attr, source, error))
            goto fail;
        }
      else if (g_ascii_strcasecmp (name, "LANG") == 0)
        field = CAUCUS_DIRECTORY_FIELD_LANGUAGES;
      else if (g_ascii_strcasecmp (name, "URL") == 0 && !json_object_has_member (record->doc, "website"))
        field = CAUCUS_DIRECTORY_FIELD_WEBSITE;
      else if (g_ascii_strcasecmp (name, "NICKNAME") == 0 && is_org)
        field = CAUCUS_DIRECTORY_FIELD_SHORT_NAME;
      else if (g_ascii_strcasecmp (name, "X-CAUCUS-KIND") == 0)
        field = CAUCUS_DIRECTORY_FIELD_KIND;
      else if (g_ascii_strcasecmp (name, "X-CAUCUS-REGIONAL-GROUP") == 0)
        field = CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP;
      if (field != CAUCUS_DIRECTORY_FIELD_IGNORE &&
          !_caucus_directory_record_set (record, field, value, source, error))
        goto fail;
    }
  return record;

fail:
  _caucus_directory_record_free (record);
  return NULL;
}

static gboolean
line_is (const char *line,
         gsize       length,
         const char *word)
{
  gsize n = strlen (word);

  while (length > 0 && (line[length - 1] == '\r' || line[length - 1] == '\n' || line[length - 1] == ' '))
    length--;
  return length == n && g_ascii_strncasecmp (line, word, n) == 0;
}

GPtrArray *
_caucus_vcard_read_records (const char  *data,
                            gsize        length,
                            const char  *source,
                            GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) _caucus_directory_record_free);
  gsize pos = 0, card_start = 0;
  guint line = 0, card_line = 0;
  gboolean inside = FALSE;

  /* Raw bytes in another charset are refused for the whole file: EVCard would replace
   * them with U+FFFD even under a CHARSET parameter, losing letters silently.  2.1 cards
   * in other charsets are quoted-printable (ASCII in the file), which EVCard decodes and
   * converts, and read_card() checks the result. */
  if (!_caucus_directory_check_utf8 (data, length, source, &pos, NULL, error))
    return NULL;
  while (pos < length)
    {
      const char *nl = memchr (data + pos, '\n', length - pos);
      gsize n = nl != NULL ? (gsize) (nl - (data + pos)) + 1 : length - pos;
      const char *text = data + pos;

      line++;
      if (line_is (text, n, "BEGIN:VCARD"))
        {
          if (inside)
            {
              g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                           "%s:%u: a card begins before the card of line %u has ended (END:VCARD "
                           "missing); nothing was imported", source, line, card_line);
              return NULL;
            }
          inside = TRUE;
          card_start = pos;
          card_line = line;
        }
      else if (line_is (text, n, "END:VCARD"))
        {
          g_autofree char *card = NULL;
          CaucusDirectoryRecord *record;

          if (!inside)
            {
              g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                           "%s:%u: END:VCARD without a BEGIN:VCARD; nothing was imported", source, line);
              return NULL;
            }
          inside = FALSE;
          card = g_strndup (data + card_start, pos + n - card_start);
          record = read_card (card, card_line, source, error);
          if (record == NULL)
            return NULL;
          g_ptr_array_add (records, record);
        }
      else if (!inside && !line_is (text, n, ""))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s:%u: text outside a card (expected BEGIN:VCARD); nothing was imported",
                       source, line);
          return NULL;
        }
      else if (inside && n > 0 && text[0] != ' ' && text[0] != '\t' && !line_is (text, n, "") &&
               memchr (text, ':', n) == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s:%u: a line without ‘:’ that is not the continuation of a folded line "
                       "(continuations start with a space); nothing was imported", source, line);
          return NULL;
        }
      pos += n;
    }
  if (inside)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s:%u: the card that begins here has no END:VCARD; nothing was imported",
                   source, card_line);
      return NULL;
    }
  if (records->len == 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s has no cards (BEGIN:VCARD … END:VCARD); nothing was imported", source);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* ---- writing ----------------------------------------------------------------------- */

static void
add_text (EVCard     *card,
          const char *name,
          const char *value)
{
  if (value != NULL && *value != '\0')
    e_vcard_append_attribute_with_value (card, e_vcard_attribute_new (NULL, name), value);
}

static void
add_member (EVCard     *card,
            const char *name,
            JsonObject *doc,
            const char *member)
{
  add_text (card, name, json_object_get_string_member_with_default (doc, member, NULL));
}

/* One attribute with every value of a string array (CATEGORIES:a,b). */
static void
add_list (EVCard     *card,
          const char *name,
          JsonObject *doc,
          const char *member)
{
  JsonArray *array = json_object_has_member (doc, member) &&
                     JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, member))
                     ? json_object_get_array_member (doc, member) : NULL;
  EVCardAttribute *attr;

  if (array == NULL || json_array_get_length (array) == 0)
    return;
  attr = e_vcard_attribute_new (NULL, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);

      if (value != NULL)
        e_vcard_attribute_add_value (attr, value);
    }
  e_vcard_append_attribute (card, attr);
}

static void
add_country (EVCard     *card,
             const char *code)
{
  EVCardAttribute *attr;

  if (code == NULL || *code == '\0')
    return;
  attr = e_vcard_attribute_new (NULL, "ADR");
  e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new ("TYPE"), "work");
  e_vcard_attribute_add_values (attr, "", "", "", "", "", "", code, NULL);
  e_vcard_append_attribute (card, attr);
}

static char *
card_text (JsonObject         *doc,
           CaucusStore        *store,
           GHashTable         *org_names,
           CaucusVCardVersion  version)
{
  g_autoptr(GObject) card_object = NULL;
  EVCard *card = e_vcard_new ();
  gboolean is_org = g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "org") == 0;
  const char *name = json_object_get_string_member_with_default (doc, "name", "");
  g_autofree char *text = NULL;
  EVCardAttribute *n;
  const char *space;

  card_object = G_OBJECT (card);
  if (is_org)
    add_text (card, "KIND", "org");
  add_text (card, "FN", name);
  n = e_vcard_attribute_new (NULL, "N");
  space = strchr (name, ' ');   /* "Zoë Müller von X": given Zoë, family the rest */
  if (is_org || space == NULL)
    e_vcard_attribute_add_values (n, name, "", "", "", "", NULL);
  else
    {
      g_autofree char *given = g_strndup (name, space - name);

      e_vcard_attribute_add_values (n, space + 1, given, "", "", "", NULL);
    }
  e_vcard_append_attribute (card, n);
  if (is_org)
    {
      add_text (card, "ORG", name);
      add_member (card, "NICKNAME", doc, "short_name");
      add_member (card, "URL", doc, "website");
    }
  else
    {
      const char *org_id = json_object_get_string_member_with_default (doc, "org_id", NULL);
      g_autofree char *org_name = org_id != NULL ? _caucus_directory_org_name (store, org_id, org_names) : NULL;

      add_text (card, "ORG", org_name);
      add_member (card, "TITLE", doc, "title");
    }
  add_member (card, "EMAIL", doc, "email");
  add_member (card, "TEL", doc, "phone");
  if (is_org)
    {
      JsonArray *countries = json_object_has_member (doc, "countries") &&
                             JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, "countries"))
                             ? json_object_get_array_member (doc, "countries") : NULL;

      for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
        add_country (card, json_array_get_string_element (countries, i));
    }
  else
    add_country (card, json_object_get_string_member_with_default (doc, "country", NULL));
  if (!is_org && json_object_has_member (doc, "languages") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, "languages")))
    {
      JsonArray *languages = json_object_get_array_member (doc, "languages");

      for (guint i = 0; i < json_array_get_length (languages); i++)
        add_text (card, "LANG", json_array_get_string_element (languages, i));
    }
  add_list (card, "CATEGORIES", doc, "tags");
  add_member (card, "NOTE", doc, "notes");
  add_member (card, "X-CAUCUS-ID", doc, "_id");
  if (!is_org)
    add_member (card, "X-CAUCUS-ORG-ID", doc, "org_id");
  add_member (card, "X-CAUCUS-KIND", doc, "kind");
  add_member (card, "X-CAUCUS-REGIONAL-GROUP", doc, "regional_group");
  add_list (card, "X-CAUCUS-EXPERTISE", doc, "expertise");

  text = e_vcard_to_string (card, EVC_FORMAT_VCARD_30);
  if (version == CAUCUS_VCARD_4_0)
    {
      char *v = strstr (text, "VERSION:3.0");

      if (v != NULL)
        v[8] = '4';
    }
  return g_steal_pointer (&text);
}

char *
caucus_directory_export_vcard (CaucusStore         *store,
                               GPtrArray           *docs,
                               CaucusVCardVersion   version,
                               GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) org_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (docs != NULL, NULL);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autofree char *text = card_text (doc, store, org_names, version);

      g_string_append (out, text);
      if (!g_str_has_suffix (text, "\r\n"))
        g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
