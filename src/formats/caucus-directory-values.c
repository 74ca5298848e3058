/* caucus-directory-values.c — the words a spreadsheet uses for countries, UN regional
 * groups, stakeholder groups and column headers (English, French, Spanish), and setting a
 * document field from such a value.
 *
 * The country table is deliberately small and compiled in: ISO codes are always accepted
 * (checked by the model's caucus_is_country_code), and names are listed for the countries
 * that appear in the seed sign-on lists and the IGF/WSIS participant lists, in the three
 * languages the app ships.  The system's iso-codes translations would cover every name,
 * but would make imports depend on which locales are installed; a name that is not here is
 * an error telling the person to use the two-letter code, never a guess. */
#include "caucus-directory-private.h"
#include "caucus-formats-error.h"
#include "caucus-schedule.h"

#include <string.h>

static const struct { const char *code; const char *names[5]; } countries[] = {
  { "AF", { "Afghanistan", "Afganistán", NULL } },
  { "AL", { "Albania", "Albanie", NULL } },
  { "DZ", { "Algeria", "Algérie", "Argelia", NULL } },
  { "AR", { "Argentina", "Argentine", NULL } },
  { "AM", { "Armenia", "Arménie", NULL } },
  { "AU", { "Australia", "Australie", NULL } },
  { "AT", { "Austria", "Autriche", NULL } },
  { "AZ", { "Azerbaijan", "Azerbaïdjan", "Azerbaiyán", NULL } },
  { "BD", { "Bangladesh", NULL } },
  { "BE", { "Belgium", "Belgique", "Bélgica", NULL } },
  { "BJ", { "Benin", "Bénin", NULL } },
  { "BO", { "Bolivia", "Bolivie", NULL } },
  { "BA", { "Bosnia and Herzegovina", "Bosnie-Herzégovine", "Bosnia y Herzegovina", NULL } },
  { "BR", { "Brazil", "Brésil", "Brasil", NULL } },
  { "BG", { "Bulgaria", "Bulgarie", NULL } },
  { "BF", { "Burkina Faso", NULL } },
  { "KH", { "Cambodia", "Cambodge", "Camboya", NULL } },
  { "CM", { "Cameroon", "Cameroun", "Camerún", NULL } },
  { "CA", { "Canada", "Canadá", NULL } },
  { "CL", { "Chile", "Chili", NULL } },
  { "CN", { "China", "Chine", NULL } },
  { "CO", { "Colombia", "Colombie", NULL } },
  { "CD", { "Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática del Congo", NULL } },
  { "CR", { "Costa Rica", NULL } },
  { "CI", { "Côte d'Ivoire", "Ivory Coast", "Costa de Marfil", NULL } },
  { "HR", { "Croatia", "Croatie", "Croacia", NULL } },
  { "CU", { "Cuba", NULL } },
  { "CZ", { "Czechia", "Czech Republic", "Tchéquie", "Chequia", NULL } },
  { "DK", { "Denmark", "Danemark", "Dinamarca", NULL } },
  { "EC", { "Ecuador", "Équateur", NULL } },
  { "EG", { "Egypt", "Égypte", "Egipto", NULL } },
  { "SV", { "El Salvador", "Salvador", NULL } },
  { "EE", { "Estonia", "Estonie", NULL } },
  { "ET", { "Ethiopia", "Éthiopie", "Etiopía", NULL } },
  { "FI", { "Finland", "Finlande", "Finlandia", NULL } },
  { "FR", { "France", "Francia", NULL } },
  { "GE", { "Georgia", "Géorgie", NULL } },
  { "DE", { "Germany", "Allemagne", "Alemania", NULL } },
  { "GH", { "Ghana", NULL } },
  { "GR", { "Greece", "Grèce", "Grecia", NULL } },
  { "GT", { "Guatemala", NULL } },
  { "HT", { "Haiti", "Haïti", "Haití", NULL } },
  { "HN", { "Honduras", NULL } },
  { "HU", { "Hungary", "Hongrie", "Hungría", NULL } },
  { "IN", { "India", "Inde", NULL } },
  { "ID", { "Indonesia", "Indonésie", NULL } },
  { "IR", { "Iran", "Irán", NULL } },
  { "IQ", { "Iraq", "Irak", NULL } },
  { "IE", { "Ireland", "Irlande", "Irlanda", NULL } },
  { "IL", { "Israel", "Israël", NULL } },
  { "IT", { "Italy", "Italie", "Italia", NULL } },
  { "JM", { "Jamaica", "Jamaïque", NULL } },
  { "JP", { "Japan", "Japon", "Japón", NULL } },
  { "JO", { "Jordan", "Jordanie", "Jordania", NULL } },
  { "KZ", { "Kazakhstan", "Kazajistán", NULL } },
  { "KE", { "Kenya", "Kenia", NULL } },
  { "KR", { "Republic of Korea", "South Korea", "Corée du Sud", "Corea del Sur", } },
  { "LB", { "Lebanon", "Liban", "Líbano", NULL } },
  { "LY", { "Libya", "Libye", "Libia", NULL } },
  { "LT", { "Lithuania", "Lituanie", "Lituania", NULL } },
  { "MG", { "Madagascar", NULL } },
  { "MW", { "Malawi", NULL } },
  { "MY", { "Malaysia", "Malaisie", "Malasia", NULL } },
  { "ML", { "Mali", "Malí", NULL } },
  { "MX", { "Mexico", "Mexique", "México", NULL } },
  { "MA", { "Morocco", "Maroc", "Marruecos", NULL } },
  { "MZ", { "Mozambique", NULL } },
  { "MM", { "Myanmar", NULL } },
  { "NP", { "Nepal", "Népal", NULL } },
  { "NL", { "Netherlands", "Pays-Bas", "Países Bajos", NULL } },
  { "NZ", { "New Zealand", "Nouvelle-Zélande", "Nueva Zelanda", NULL } },
  { "NI", { "Nicaragua", NULL } },
  { "NE", { "Niger", "Níger", NULL } },
  { "NG", { "Nigeria", "Nigéria", NULL } },
  { "NO", { "Norway", "Norvège", "Noruega", NULL } },
  { "PK", { "Pakistan", "Pakistán", NULL } },
  { "PS", { "Palestine", "State of Palestine", "Palestina", NULL } },
  { "PA", { "Panama", "Panamá", NULL } },
  { "PY", { "Paraguay", NULL } },
  { "PE", { "Peru", "Pérou", "Perú", NULL } },
  { "PH", { "Philippines", "Filipinas", NULL } },
  { "PL", { "Poland", "Pologne", "Polonia", NULL } },
  { "PT", { "Portugal", NULL } },
  { "QA", { "Qatar", NULL } },
  { "RO", { "Romania", "Roumanie", "Rumania", NULL } },
  { "RU", { "Russia", "Russian Federation", "Russie", "Rusia", } },
  { "RW", { "Rwanda", "Ruanda", NULL } },
  { "SA", { "Saudi Arabia", "Arabie saoudite", "Arabia Saudita", NULL } },
  { "SN", { "Senegal", "Sénégal", NULL } },
  { "RS", { "Serbia", "Serbie", NULL } },
  { "SG", { "Singapore", "Singapour", "Singapur", NULL } },
  { "ZA", { "South Africa", "Afrique du Sud", "Sudáfrica", NULL } },
  { "ES", { "Spain", "Espagne", "España", NULL } },
  { "LK", { "Sri Lanka", NULL } },
  { "SD", { "Sudan", "Soudan", "Sudán", NULL } },
  { "SE", { "Sweden", "Suède", "Suecia", NULL } },
  { "CH", { "Switzerland", "Suisse", "Suiza", NULL } },
  { "SY", { "Syria", "Syrie", "Siria", NULL } },
  { "TW", { "Taiwan", "Taïwan", "Taiwán", NULL } },
  { "TZ", { "Tanzania", "Tanzanie", NULL } },
  { "TH", { "Thailand", "Thaïlande", "Tailandia", NULL } },
  { "TN", { "Tunisia", "Tunisie", "Túnez", NULL } },
  { "TR", { "Türkiye", "Turkey", "Turquie", "Turquía" } },
  { "UG", { "Uganda", "Ouganda", NULL } },
  { "UA", { "Ukraine", "Ucrania", NULL } },
  { "AE", { "United Arab Emirates", "Émirats arabes unis", "Emiratos Árabes Unidos", NULL } },
  { "GB", { "United Kingdom", "UK", "Royaume-Uni", "Reino Unido" } },
  { "US", { "United States", "USA", "États-Unis", "Estados Unidos" } },
  { "UY", { "Uruguay", NULL } },
  { "VE", { "Venezuela", NULL } },
  { "VN", { "Viet Nam", "Vietnam", NULL } },
  { "YE", { "Yemen", "Yémen", NULL } },
  { "ZM", { "Zambia", "Zambie", NULL } },
  { "ZW", { "Zimbabwe", "Zimbabue", NULL } },
};

static const struct { const char *value; const char *names[6]; } groups[] = {
  { "African", { "African", "Africa", "African Group", "Afrique", "Groupe africain", "África" } },
  { "Asia-Pacific", { "Asia-Pacific", "Asia Pacific", "APAC", "Asie-Pacifique", "Asia y el Pacífico", "Asia-Pacífico" } },
  { "EEG", { "EEG", "Eastern European Group", "Eastern Europe", "Europe de l'Est", "Europa Oriental", NULL } },
  { "GRULAC", { "GRULAC", "Latin America and Caribbean", "Latin America", "Amérique latine et Caraïbes", "América Latina y el Caribe", "América Latina" } },
  { "WEOG", { "WEOG", "Western European and Others Group", "Western Europe and Others", "Europe occidentale et autres", "Europa Occidental y otros", NULL } },
};

static const struct { const char *value; const char *names[6]; } kinds[] = {
  { "civil-society", { "civil-society", "Civil society", "CSO", "NGO", "Société civile", "Sociedad civil" } },
  { "government", { "government", "Gouvernement", "Gobierno", "State", "Member State", NULL } },
  { "private-sector", { "private-sector", "Private sector", "Business", "Secteur privé", "Sector privado", NULL } },
  { "technical", { "technical", "Technical community", "Communauté technique", "Comunidad técnica", NULL } },
  { "academia", { "academia", "Academic", "Université", "Universitaire", "Academia", "Universidad" } },
  { "intergovernmental", { "intergovernmental", "IGO", "Intergovernmental organisation", "Intergouvernemental", "Intergubernamental", NULL } },
  { "media", { "media", "Press", "Médias", "Medios", "Presse", NULL } },
};

/* Header words (folded: case and accents dropped, only letters and digits kept). */
static const struct { const char *header; CaucusDirectoryField field; } headers[] = {
  { "id", CAUCUS_DIRECTORY_FIELD_ID }, { "caucusid", CAUCUS_DIRECTORY_FIELD_ID },
  { "name", CAUCUS_DIRECTORY_FIELD_NAME }, { "fullname", CAUCUS_DIRECTORY_FIELD_NAME },
  { "nom", CAUCUS_DIRECTORY_FIELD_NAME }, { "nomcomplet", CAUCUS_DIRECTORY_FIELD_NAME },
  { "nombre", CAUCUS_DIRECTORY_FIELD_NAME }, { "nombrecompleto", CAUCUS_DIRECTORY_FIELD_NAME },
  { "contactperson", CAUCUS_DIRECTORY_FIELD_NAME }, { "contact", CAUCUS_DIRECTORY_FIELD_NAME },
  { "contactname", CAUCUS_DIRECTORY_FIELD_NAME }, { "person", CAUCUS_DIRECTORY_FIELD_NAME },
  { "personnecontact", CAUCUS_DIRECTORY_FIELD_NAME }, { "personnedecontact", CAUCUS_DIRECTORY_FIELD_NAME },
  { "personadecontacto", CAUCUS_DIRECTORY_FIELD_NAME }, { "contacto", CAUCUS_DIRECTORY_FIELD_NAME },
  { "participant", CAUCUS_DIRECTORY_FIELD_NAME }, { "delegate", CAUCUS_DIRECTORY_FIELD_NAME },
  { "delegue", CAUCUS_DIRECTORY_FIELD_NAME }, { "delegado", CAUCUS_DIRECTORY_FIELD_NAME },
  { "lastname", CAUCUS_DIRECTORY_FIELD_NAME }, { "familyname", CAUCUS_DIRECTORY_FIELD_NAME },
  { "surname", CAUCUS_DIRECTORY_FIELD_NAME }, { "nomdefamille", CAUCUS_DIRECTORY_FIELD_NAME },
  { "apellido", CAUCUS_DIRECTORY_FIELD_NAME }, { "apellidos", CAUCUS_DIRECTORY_FIELD_NAME },
  { "firstname", CAUCUS_DIRECTORY_FIELD_GIVEN_NAME }, { "givenname", CAUCUS_DIRECTORY_FIELD_GIVEN_NAME },
  { "prenom", CAUCUS_DIRECTORY_FIELD_GIVEN_NAME },
  { "shortname", CAUCUS_DIRECTORY_FIELD_SHORT_NAME }, { "acronym", CAUCUS_DIRECTORY_FIELD_SHORT_NAME },
  { "acronyme", CAUCUS_DIRECTORY_FIELD_SHORT_NAME }, { "sigle", CAUCUS_DIRECTORY_FIELD_SHORT_NAME },
  { "siglas", CAUCUS_DIRECTORY_FIELD_SHORT_NAME }, { "sigla", CAUCUS_DIRECTORY_FIELD_SHORT_NAME },
  { "acronimo", CAUCUS_DIRECTORY_FIELD_SHORT_NAME }, { "abbreviation", CAUCUS_DIRECTORY_FIELD_SHORT_NAME },
  { "organisation", CAUCUS_DIRECTORY_FIELD_ORG }, { "organization", CAUCUS_DIRECTORY_FIELD_ORG },
  { "org", CAUCUS_DIRECTORY_FIELD_ORG }, { "organisme", CAUCUS_DIRECTORY_FIELD_ORG },
  { "organizacion", CAUCUS_DIRECTORY_FIELD_ORG }, { "entidad", CAUCUS_DIRECTORY_FIELD_ORG },
  { "affiliation", CAUCUS_DIRECTORY_FIELD_ORG }, { "institution", CAUCUS_DIRECTORY_FIELD_ORG },
  { "institucion", CAUCUS_DIRECTORY_FIELD_ORG }, { "company", CAUCUS_DIRECTORY_FIELD_ORG },
  { "entreprise", CAUCUS_DIRECTORY_FIELD_ORG }, { "empresa", CAUCUS_DIRECTORY_FIELD_ORG },
  { "organisationname", CAUCUS_DIRECTORY_FIELD_ORG }, { "organizationname", CAUCUS_DIRECTORY_FIELD_ORG },
  { "nomdelorganisation", CAUCUS_DIRECTORY_FIELD_ORG }, { "nombredelaorganizacion", CAUCUS_DIRECTORY_FIELD_ORG },
  { "kind", CAUCUS_DIRECTORY_FIELD_KIND }, { "stakeholdergroup", CAUCUS_DIRECTORY_FIELD_KIND },
  { "stakeholder", CAUCUS_DIRECTORY_FIELD_KIND }, { "sector", CAUCUS_DIRECTORY_FIELD_KIND },
  { "secteur", CAUCUS_DIRECTORY_FIELD_KIND }, { "groupedepartiesprenantes", CAUCUS_DIRECTORY_FIELD_KIND },
  { "grupodeinteres", CAUCUS_DIRECTORY_FIELD_KIND },
  { "title", CAUCUS_DIRECTORY_FIELD_TITLE }, { "jobtitle", CAUCUS_DIRECTORY_FIELD_TITLE },
  { "position", CAUCUS_DIRECTORY_FIELD_TITLE }, { "role", CAUCUS_DIRECTORY_FIELD_TITLE },
  { "fonction", CAUCUS_DIRECTORY_FIELD_TITLE }, { "titre", CAUCUS_DIRECTORY_FIELD_TITLE },
  { "poste", CAUCUS_DIRECTORY_FIELD_TITLE }, { "cargo", CAUCUS_DIRECTORY_FIELD_TITLE },
  { "puesto", CAUCUS_DIRECTORY_FIELD_TITLE }, { "titulo", CAUCUS_DIRECTORY_FIELD_TITLE },
  { "email", CAUCUS_DIRECTORY_FIELD_EMAIL }, { "mail", CAUCUS_DIRECTORY_FIELD_EMAIL },
  { "emailaddress", CAUCUS_DIRECTORY_FIELD_EMAIL }, { "courriel", CAUCUS_DIRECTORY_FIELD_EMAIL },
  { "adressecourriel", CAUCUS_DIRECTORY_FIELD_EMAIL }, { "adresseelectronique", CAUCUS_DIRECTORY_FIELD_EMAIL },
  { "correo", CAUCUS_DIRECTORY_FIELD_EMAIL }, { "correoelectronico", CAUCUS_DIRECTORY_FIELD_EMAIL },
  { "phone", CAUCUS_DIRECTORY_FIELD_PHONE }, { "telephone", CAUCUS_DIRECTORY_FIELD_PHONE },
  { "tel", CAUCUS_DIRECTORY_FIELD_PHONE }, { "mobile", CAUCUS_DIRECTORY_FIELD_PHONE },
  { "telefono", CAUCUS_DIRECTORY_FIELD_PHONE }, { "movil", CAUCUS_DIRECTORY_FIELD_PHONE },
  { "celular", CAUCUS_DIRECTORY_FIELD_PHONE }, { "phonenumber", CAUCUS_DIRECTORY_FIELD_PHONE },
  { "country", CAUCUS_DIRECTORY_FIELD_COUNTRY }, { "countries", CAUCUS_DIRECTORY_FIELD_COUNTRY },
  { "pays", CAUCUS_DIRECTORY_FIELD_COUNTRY }, { "pais", CAUCUS_DIRECTORY_FIELD_COUNTRY },
  { "paises", CAUCUS_DIRECTORY_FIELD_COUNTRY }, { "nationality", CAUCUS_DIRECTORY_FIELD_COUNTRY },
  { "region", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP }, { "regionalgroup", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP },
  { "unregionalgroup", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP }, { "groupregional", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP },
  { "grouperegional", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP }, { "gruporegional", CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP },
  { "expertise", CAUCUS_DIRECTORY_FIELD_EXPERTISE }, { "areasofexpertise", CAUCUS_DIRECTORY_FIELD_EXPERTISE },
  { "topics", CAUCUS_DIRECTORY_FIELD_EXPERTISE }, { "themes", CAUCUS_DIRECTORY_FIELD_EXPERTISE },
  { "thematiques", CAUCUS_DIRECTORY_FIELD_EXPERTISE }, { "domaines", CAUCUS_DIRECTORY_FIELD_EXPERTISE },
  { "temas", CAUCUS_DIRECTORY_FIELD_EXPERTISE }, { "experiencia", CAUCUS_DIRECTORY_FIELD_EXPERTISE },
  { "tags", CAUCUS_DIRECTORY_FIELD_TAGS }, { "tag", CAUCUS_DIRECTORY_FIELD_TAGS },
  { "labels", CAUCUS_DIRECTORY_FIELD_TAGS }, { "etiquettes", CAUCUS_DIRECTORY_FIELD_TAGS },
  { "etiquetas", CAUCUS_DIRECTORY_FIELD_TAGS }, { "keywords", CAUCUS_DIRECTORY_FIELD_TAGS },
  { "motscles", CAUCUS_DIRECTORY_FIELD_TAGS }, { "palabrasclave", CAUCUS_DIRECTORY_FIELD_TAGS },
  { "categories", CAUCUS_DIRECTORY_FIELD_TAGS },
  { "languages", CAUCUS_DIRECTORY_FIELD_LANGUAGES }, { "language", CAUCUS_DIRECTORY_FIELD_LANGUAGES },
  { "langues", CAUCUS_DIRECTORY_FIELD_LANGUAGES }, { "langue", CAUCUS_DIRECTORY_FIELD_LANGUAGES },
  { "idiomas", CAUCUS_DIRECTORY_FIELD_LANGUAGES }, { "idioma", CAUCUS_DIRECTORY_FIELD_LANGUAGES },
  { "website", CAUCUS_DIRECTORY_FIELD_WEBSITE }, { "web", CAUCUS_DIRECTORY_FIELD_WEBSITE },
  { "url", CAUCUS_DIRECTORY_FIELD_WEBSITE }, { "site", CAUCUS_DIRECTORY_FIELD_WEBSITE },
  { "siteweb", CAUCUS_DIRECTORY_FIELD_WEBSITE }, { "siteinternet", CAUCUS_DIRECTORY_FIELD_WEBSITE },
  { "sitioweb", CAUCUS_DIRECTORY_FIELD_WEBSITE }, { "paginaweb", CAUCUS_DIRECTORY_FIELD_WEBSITE },
  { "notes", CAUCUS_DIRECTORY_FIELD_NOTES }, { "note", CAUCUS_DIRECTORY_FIELD_NOTES },
  { "comments", CAUCUS_DIRECTORY_FIELD_NOTES }, { "commentaires", CAUCUS_DIRECTORY_FIELD_NOTES },
  { "comentarios", CAUCUS_DIRECTORY_FIELD_NOTES }, { "observations", CAUCUS_DIRECTORY_FIELD_NOTES },
  { "observaciones", CAUCUS_DIRECTORY_FIELD_NOTES }, { "remarks", CAUCUS_DIRECTORY_FIELD_NOTES },
};

static const char *field_names[CAUCUS_DIRECTORY_N_FIELDS] = {
  "ignore", "id", "name", "given_name", "short_name", "org", "kind", "title", "email", "phone",
  "country", "regional_group", "expertise", "tags", "languages", "website", "notes",
};

const char *
caucus_directory_field_to_string (CaucusDirectoryField field)
{
  g_return_val_if_fail (field < CAUCUS_DIRECTORY_N_FIELDS, "ignore");
  return field_names[field];
}

gboolean
caucus_directory_field_from_string (const char           *name,
                                    CaucusDirectoryField *field)
{
  g_return_val_if_fail (name != NULL && field != NULL, FALSE);

  for (guint i = 0; i < CAUCUS_DIRECTORY_N_FIELDS; i++)
    if (g_ascii_strcasecmp (name, field_names[i]) == 0)
      {
        *field = (CaucusDirectoryField) i;
        return TRUE;
      }
  if (*name == '\0')
    {
      *field = CAUCUS_DIRECTORY_FIELD_IGNORE;
      return TRUE;
    }
  return FALSE;
}

/* Case and accents dropped, only letters and digits: "Región" → "region". */
static char *
fold (const char *text)
{
  g_autofree char *key = caucus_schedule_name_key (text);
  GString *out = g_string_new (NULL);

  for (const char *p = key; p != NULL && *p; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static GHashTable *
build_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

const char *
_caucus_directory_country_code (const char *text)
{
  static GHashTable *table;
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  if (g_once_init_enter (&table))
    {
      GHashTable *t = build_table ();

      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        {
          g_hash_table_insert (t, g_ascii_strdown (countries[i].code, -1), (gpointer) countries[i].code);
          for (guint j = 0; j < G_N_ELEMENTS (countries[i].names) && countries[i].names[j]; j++)
            g_hash_table_insert (t, fold (countries[i].names[j]), (gpointer) countries[i].code);
        }
      g_once_init_leave (&table, t);
    }
  if (strlen (text) == 2)
    {
      char code[3] = { g_ascii_toupper (text[0]), g_ascii_toupper (text[1]), '\0' };

      if (caucus_is_country_code (code))
        return g_intern_string (code);
    }
  key = fold (text);
  return g_hash_table_lookup (table, key);
}

const char *
_caucus_directory_regional_group (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  key = fold (text);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    for (guint j = 0; j < G_N_ELEMENTS (groups[i].names) && groups[i].names[j]; j++)
      {
        g_autofree char *name = fold (groups[i].names[j]);

        if (strcmp (name, key) == 0)
          return groups[i].value;
      }
  return NULL;
}

const char *
_caucus_directory_org_kind (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  key = fold (text);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (guint j = 0; j < G_N_ELEMENTS (kinds[i].names) && kinds[i].names[j]; j++)
      {
        g_autofree char *name = fold (kinds[i].names[j]);

        if (strcmp (name, key) == 0)
          return kinds[i].value;
      }
  return NULL;
}

static CaucusDirectoryField
header_word (const char *text)
{
  g_autofree char *key = fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (strcmp (headers[i].header, key) == 0)
      return headers[i].field;
  return CAUCUS_DIRECTORY_FIELD_IGNORE;
}

CaucusDirectoryField
_caucus_directory_header_field (const char *header)
{
  g_autofree char *bare = NULL;
  g_auto(GStrv) parts = NULL;
  CaucusDirectoryField field;
  char *paren;

  if (header == NULL)
    return CAUCUS_DIRECTORY_FIELD_IGNORE;
  /* "Email (work)", "Pays (ISO)": the words before a parenthesis name the column. */
  bare = g_strdup (header);
  paren = strchr (bare, '(');
  if (paren != NULL && paren != bare)
    *paren = '\0';
  field = header_word (bare);
  if (field != CAUCUS_DIRECTORY_FIELD_IGNORE)
    return field;
  /* Bilingual headers: "Pays / Country", "País | Country". */
  parts = g_strsplit_set (bare, "/|", -1);
  for (guint i = 0; parts[i] != NULL && parts[1] != NULL; i++)
    {
      field = header_word (parts[i]);
      if (field != CAUCUS_DIRECTORY_FIELD_IGNORE)
        return field;
    }
  return CAUCUS_DIRECTORY_FIELD_IGNORE;
}

CaucusDirectoryRecord *
_caucus_directory_record_new (guint       line,
                              const char *type)
{
  CaucusDirectoryRecord *record = g_new0 (CaucusDirectoryRecord, 1);

  record->line = line;
  record->doc = json_object_new ();
  json_object_set_string_member (record->doc, "type", type);
  record->org_extra = json_object_new ();
  return record;
}

void
_caucus_directory_record_free (CaucusDirectoryRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->doc, json_object_unref);
  g_clear_pointer (&record->org_extra, json_object_unref);
  g_free (record->org_name);
  g_free (record->org_id);
  g_free (record);
}

/* Adds @value to the string array @member of @object unless it is there already. */
static void
add_to_set (JsonObject *object,
            const char *member,
            const char *value)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    json_object_set_array_member (object, member, json_array_new ());
  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return;
  json_array_add_string_element (array, value);
}

/* Splits "a; b, c" into trimmed non-empty items. */
static GStrv
split_set (const char *value)
{
  g_auto(GStrv) parts = g_strsplit_set (value, ";,\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

static gboolean
bad_value (GError    **error,
           const char *source,
           guint       line,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
bad_value (GError    **error,
           const char *source,
           guint       line,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
               "%s:%u: %s; nothing was imported", source, line, message);
  return FALSE;
}

gboolean
_caucus_directory_record_set (CaucusDirectoryRecord *record,
                              CaucusDirectoryField   field,
                              const char            *raw,
                              const char            *source,
                              GError               **error)
{
  gboolean is_org = g_strcmp0 (json_object_get_string_member (record->doc, "type"), "org") == 0;
  JsonObject *doc = record->doc;
  g_autofree char *value = g_strstrip (g_strdup (raw != NULL ? raw : ""));

  if (*value == '\0')
    return TRUE;
  switch (field)
    {
    case CAUCUS_DIRECTORY_FIELD_IGNORE:
      break;
    case CAUCUS_DIRECTORY_FIELD_ID:
      if (!caucus_is_document_id (value) || !g_str_has_prefix (value, is_org ? "org:" : "person:"))
        return bad_value (error, source, record->line, "‘%s’ is not an id of %s (it must start with ‘%s’)",
                          value, is_org ? "an organisation" : "a person", is_org ? "org:" : "person:");
      json_object_set_string_member (doc, "_id", value);
      break;
    case CAUCUS_DIRECTORY_FIELD_NAME:
    case CAUCUS_DIRECTORY_FIELD_GIVEN_NAME:
      {
        const char *old = json_object_get_string_member_with_default (doc, "name", NULL);
        g_autofree char *joined = NULL;

        if (old == NULL)
          joined = g_strdup (value);
        else if (field == CAUCUS_DIRECTORY_FIELD_GIVEN_NAME)
          joined = g_strconcat (value, " ", old, NULL);
        else
          joined = g_strconcat (old, " ", value, NULL);
        json_object_set_string_member (doc, "name", joined);
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_SHORT_NAME:
      json_object_set_string_member (is_org ? doc : record->org_extra, "short_name", value);
      break;
    case CAUCUS_DIRECTORY_FIELD_ORG:
      if (is_org)
        {
          if (!json_object_has_member (doc, "name"))
            json_object_set_string_member (doc, "name", value);
        }
      else
        {
          g_free (record->org_name);
          record->org_name = g_strdup (value);
        }
      break;
    case CAUCUS_DIRECTORY_FIELD_KIND:
      {
        const char *kind = _caucus_directory_org_kind (value);

        if (kind == NULL)
          return bad_value (error, source, record->line,
                            "‘%s’ is not a stakeholder group (civil society, government, private sector, "
                            "technical community, academia, intergovernmental, media)", value);
        json_object_set_string_member (is_org ? doc : record->org_extra, "kind", kind);
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_TITLE:
      if (!is_org)
        json_object_set_string_member (doc, "title", value);
      break;
    case CAUCUS_DIRECTORY_FIELD_EMAIL:
    case CAUCUS_DIRECTORY_FIELD_PHONE:
      {
        g_auto(GStrv) parts = g_strsplit_set (value, ";,\n", 2);
        const char *member = field == CAUCUS_DIRECTORY_FIELD_EMAIL ? "email" : "phone";
        char *first = g_strstrip (parts[0]);

        if (field == CAUCUS_DIRECTORY_FIELD_EMAIL && g_ascii_strncasecmp (first, "mailto:", 7) == 0)
          first += 7;
        if (field == CAUCUS_DIRECTORY_FIELD_EMAIL ? !caucus_is_email (first) : !caucus_is_phone (first))
          return bad_value (error, source, record->line, "‘%s’ does not look like %s", first,
                            field == CAUCUS_DIRECTORY_FIELD_EMAIL ? "an email address" : "a phone number");
        json_object_set_string_member (doc, member, first);
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_COUNTRY:
      {
        g_auto(GStrv) items = split_set (value);

        for (guint i = 0; items[i] != NULL; i++)
          {
            const char *code = _caucus_directory_country_code (items[i]);

            if (code == NULL)
              return bad_value (error, source, record->line,
                                "‘%s’ is not a country name I know; use its two-letter ISO 3166 code (e.g. KE)",
                                items[i]);
            if (is_org)
              add_to_set (doc, "countries", code);
            else
              {
                if (!json_object_has_member (doc, "country"))
                  json_object_set_string_member (doc, "country", code);
                add_to_set (record->org_extra, "countries", code);
              }
          }
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP:
      {
        const char *group = _caucus_directory_regional_group (value);

        if (group == NULL)
          return bad_value (error, source, record->line,
                            "‘%s’ is not a UN regional group (African, Asia-Pacific, EEG, GRULAC, WEOG)", value);
        json_object_set_string_member (doc, "regional_group", group);
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_EXPERTISE:
    case CAUCUS_DIRECTORY_FIELD_TAGS:
    case CAUCUS_DIRECTORY_FIELD_LANGUAGES:
      {
        g_auto(GStrv) items = split_set (value);
        const char *member = field == CAUCUS_DIRECTORY_FIELD_EXPERTISE ? "expertise"
                             : field == CAUCUS_DIRECTORY_FIELD_TAGS ? "tags" : "languages";

        for (guint i = 0; items[i] != NULL; i++)
          {
            if (field == CAUCUS_DIRECTORY_FIELD_LANGUAGES && !caucus_is_language_tag (items[i]))
              return bad_value (error, source, record->line,
                                "‘%s’ is not a BCP 47 language tag (e.g. fr, es, ar)", items[i]);
            if (field == CAUCUS_DIRECTORY_FIELD_LANGUAGES && is_org)
              continue;
            add_to_set (doc, member, items[i]);
          }
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_WEBSITE:
      {
        g_autofree char *url = g_str_has_prefix (value, "www.") ? g_strconcat ("https://", value, NULL)
                                                                : g_strdup (value);

        if (!caucus_is_web_url (url))
          return bad_value (error, source, record->line,
                            "‘%s’ is not a web address (http:// or https://)", value);
        json_object_set_string_member (is_org ? doc : record->org_extra, "website", url);
        break;
      }
    case CAUCUS_DIRECTORY_FIELD_NOTES:
      {
        const char *old = json_object_get_string_member_with_default (doc, "notes", NULL);
        g_autofree char *joined = old != NULL ? g_strconcat (old, "\n\n", value, NULL) : g_strdup (value);

        json_object_set_string_member (doc, "notes", joined);
        break;
      }
    case CAUCUS_DIRECTORY_N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

gboolean
_caucus_directory_check_utf8 (const char  *data,
                              gsize        length,
                              const char  *source,
                              gsize       *offset,
                              gboolean    *has_bom,
                              GError     **error)
{
  const char *end = NULL;
  gsize start = 0;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s is UTF-16 text; save it as UTF-8 (“CSV UTF-8” in spreadsheet apps) and "
                   "import it again; nothing was imported", source);
      return FALSE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  if (has_bom != NULL)
    *has_bom = start == 3;
  if (offset != NULL)
    *offset = start;
  if (!g_utf8_validate_len (data + start, length - start, &end))
    {
      guint line = 1;

      for (const char *p = data; p < end; p++)
        if (*p == '\n')
          line++;
      if (end < data + length && *end == '\0')
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                     "%s:%u: a NUL byte: this is not a text file; nothing was imported", source, line);
      else
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                     "%s:%u: the text is not valid UTF-8 (byte 0x%02x); save the file as UTF-8 "
                     "(in spreadsheet apps: “CSV UTF-8”) and import it again; nothing was imported",
                     source, line, (guchar) *end);
      return FALSE;
    }
  return TRUE;
}
