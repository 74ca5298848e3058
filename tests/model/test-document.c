/* test-document.c — document types: dispatch, properties, round trips, validation. */
#include "caucus-document-types.h"
#include "caucus-model-error.h"
#include <string.h>

#include "caucus-test-util.h"

static char *
canonical (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

static const struct {
  const char *json;
  GType     (*type) (void);
} round_trips[] = {
  { "{\"_id\":\"org:apc\",\"_rev\":\"3-0123456789abcdef0123456789abcdef\",\"type\":\"org\",\"created\":\"2012-11-01T09:00:00Z\","
    "\"updated\":\"2012-11-02T10:00:00.250Z\",\"updated_by\":\"alice\",\"name\":\"Association for Progressive Communications\","
    "\"short_name\":\"APC\",\"kind\":\"civil-society\",\"regional_group\":\"WEOG\",\"countries\":[\"ZA\",\"GB\"],"
    "\"website\":\"https://www.apc.org/\",\"email\":\"info@apc.org\",\"phone\":\"+27 11 726 1692\",\"expertise\":[\"access\",\"rights\"],"
    "\"accreditations\":[{\"body\":\"ECOSOC\",\"status\":\"general\",\"since\":\"1995-07-24\"}],\"tags\":[\"wcit\"],\"notes\":\"Network\\nof members\","
    "\"x_future\":{\"nested\":[1,2.5,null,true]},\"rating\":4}", caucus_org_get_type },
  { "{\"_id\":\"person:1\",\"type\":\"person\",\"name\":\"Анна Петрова\",\"org_id\":\"org:apc\",\"title\":\"Policy lead\","
    "\"email\":\"anna@example.org\",\"country\":\"RU\",\"regional_group\":\"EEG\",\"languages\":[\"ru\",\"en-GB\",\"zh-Hant-TW\"],"
    "\"expertise\":[\"standards\"],\"bio\":\"Long bio\",\"tags\":[],\"pronouns\":\"she/her\"}", caucus_person_get_type },
  { "{\"_id\":\"event:baku\",\"type\":\"event\",\"kind\":\"conference\",\"title\":\"Best Bits\",\"start\":\"2012-11-03T05:00:00Z\","
    "\"end\":\"2012-11-04T14:00:00Z\",\"time_zone\":\"Asia/Baku\",\"all_day\":false,\"location\":{\"venue\":\"Hotel\",\"city\":\"Baku\","
    "\"country\":\"AZ\",\"online_url\":\"https://bestbits.net/\",\"floor\":3},\"roles\":[{\"name\":\"Jeremy\",\"role\":\"moderator\"}],"
    "\"owner_ids\":[\"org:apc\"],\"statement_ids\":[\"statement:1\"],\"source\":{\"format\":\"frab\",\"uid\":\"42\"},\"tags\":[\"igf\"],"
    "\"description\":\"# Day one\"}", caucus_event_get_type },
  { "{\"_id\":\"statement:1\",\"type\":\"statement\",\"title\":\"WCIT statement\",\"body\":\"We, the undersigned…\\n\",\"language\":\"en\","
    "\"status\":\"consultation\",\"forum\":\"WCIT-12\",\"sign_on_deadline\":\"2012-11-20T23:59:00Z\",\"tags\":[\"itu\"],\"_attachments\":"
    "{\"a.txt\":{\"stub\":true,\"digest\":\"md5-abc\",\"length\":3,\"content_type\":\"text/plain\",\"revpos\":2}}}", caucus_statement_get_type },
  { "{\"_id\":\"v1\",\"type\":\"statement-version\",\"statement_id\":\"statement:1\",\"name\":\"Zero draft\",\"body\":\"\","
    "\"created\":\"2012-11-05T08:00:00Z\"}", caucus_statement_version_get_type },
  { "{\"_id\":\"sig1\",\"type\":\"signature\",\"statement_id\":\"statement:1\",\"org_id\":\"org:apc\",\"version_id\":\"v1\","
    "\"signed_by\":\"Anriette\",\"signed_at\":\"2012-11-06T08:00:00Z\",\"withdrawn_at\":\"2012-11-07T08:00:00Z\"}", caucus_signature_get_type },
  { "{\"_id\":\"c1\",\"type\":\"comment\",\"statement_id\":\"statement:1\",\"anchor\":{\"quote\":\"undersigned\",\"offset\":7},"
    "\"body\":\"Which ones?\",\"author\":\"bob\",\"resolved\":true}", caucus_comment_get_type },
  { "{\"_id\":\"pack1\",\"type\":\"pack\",\"title\":\"Baku briefing\",\"event_id\":\"event:baku\",\"intro\":\"Welcome\","
    "\"sections\":[\"agenda\",{\"kind\":\"people\",\"ids\":[\"person:1\"]}],\"selections\":{\"statements\":[\"statement:1\"]}}", caucus_pack_get_type },
  { "{\"_id\":\"poll:1\",\"type\":\"poll\",\"question\":\"Lunch?\",\"options\":[\"yes\",\"no\"]}", caucus_document_get_type },
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr(JsonObject) in = caucus_test_parse_object (round_trips[i].json);
      g_autoptr(CaucusDocument) doc = caucus_document_new_from_json (in);
      g_autoptr(JsonObject) out = caucus_document_to_json (doc);
      g_autofree char *a = canonical (in);
      g_autofree char *b = canonical (out);

      g_test_message ("round trip %u: %s", i, G_OBJECT_TYPE_NAME (doc));
      g_assert_true (G_OBJECT_TYPE (doc) == round_trips[i].type ());
      /* Byte-identical, member order included: unknown fields survive untouched. */
      g_assert_cmpstr (a, ==, b);
      g_assert_true (caucus_document_is_valid (doc));
      if (!caucus_document_is_valid (doc))
        {
          GPtrArray *p = caucus_document_get_problems (doc);
          for (guint j = 0; j < p->len; j++)
            g_printerr ("%s: %s\n", ((CaucusProblem *) p->pdata[j])->field, ((CaucusProblem *) p->pdata[j])->message);
        }
    }
}

static void
test_edit_keeps_unknown (void)
{
  g_autoptr(JsonObject) in = caucus_test_parse_object (round_trips[0].json);
  g_autoptr(CaucusDocument) doc = caucus_document_new_from_json (in);
  g_autoptr(JsonObject) out = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) countries = NULL;
  g_autoptr(JsonNode) accreditations = NULL;
  const char * const tags[] = { "wcit", "itrs", NULL };
  JsonNode *future;

  g_object_get (doc, "name", &name, "countries", &countries, "accreditations", &accreditations, NULL);
  g_assert_cmpstr (name, ==, "Association for Progressive Communications");
  g_assert_cmpuint (g_strv_length (countries), ==, 2);
  g_assert_cmpstr (countries[1], ==, "GB");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (accreditations));

  g_object_set (doc, "short-name", "A.P.C.", "tags", tags, "notes", NULL, NULL);
  caucus_document_touch (doc, "bob");
  out = caucus_document_to_json (doc);
  g_assert_cmpstr (json_object_get_string_member (out, "short_name"), ==, "A.P.C.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "tags")), ==, 2);
  g_assert_false (json_object_has_member (out, "notes"));
  g_assert_cmpstr (json_object_get_string_member (out, "updated_by"), ==, "bob");
  g_assert_cmpstr (json_object_get_string_member (out, "created"), ==, "2012-11-01T09:00:00Z");
  g_assert_true (caucus_is_utc_timestamp (json_object_get_string_member (out, "updated")));
  g_assert_cmpint (json_object_get_int_member (out, "rating"), ==, 4);
  future = json_object_get_member (out, "x_future");
  g_assert_nonnull (future);
  {
    g_autoptr(JsonNode) expected = json_from_string ("{\"nested\":[1,2.5,null,true]}", NULL);
    g_assert_true (json_node_equal (future, expected));
  }
}

static guint notify_count;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  notify_count++;
}

static void
test_notify_and_validity (void)
{
  g_autoptr(CaucusDocument) doc = caucus_document_new_of_type ("org", "alice");
  g_autoptr(JsonObject) replacement = NULL;
  g_autoptr(GError) error = NULL;
  guint valid_changes = 0;
  gboolean valid;

  g_assert_true (CAUCUS_IS_ORG (doc));
  g_assert_false (caucus_document_is_valid (doc));
  g_object_get (doc, "is-valid", &valid, NULL);
  g_assert_false (valid);
  g_assert_false (caucus_document_check (doc, &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "The organisation needs a name"));
  g_clear_error (&error);

  g_signal_connect (doc, "notify::is-valid", G_CALLBACK (notify_cb), NULL);
  notify_count = 0;
  g_object_set (doc, "name", "Access Now", NULL);
  valid_changes = notify_count;
  g_assert_cmpuint (valid_changes, ==, 1);
  g_assert_true (caucus_document_is_valid (doc));
  g_object_set (doc, "name", "Access Now", NULL);   /* unchanged: no notification */
  g_assert_cmpuint (notify_count, ==, 1);

  g_signal_connect (doc, "notify::name", G_CALLBACK (notify_cb), NULL);
  replacement = caucus_document_to_json (doc);
  json_object_set_string_member (replacement, "name", "Access Now Inc.");
  notify_count = 0;
  g_assert_true (caucus_document_replace_json (doc, replacement, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notify_count, ==, 1);
  g_assert_cmpstr (caucus_document_get_display_name (doc), ==, "Access Now Inc.");

  json_object_set_string_member (replacement, "type", "person");
  g_assert_false (caucus_document_replace_json (doc, replacement, &error));
  g_assert_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID);
}

/* ---- validation table -------------------------------------------------------------- */

typedef struct {
  const char *json;
  const char *problems[6];   /* "field|message fragment", every problem expected, in order */
} ValidationCase;

static const ValidationCase validation_cases[] = {
  { "{\"type\":\"org\"}", { "name|The organisation needs a name" } },
  { "{\"type\":\"org\",\"name\":\"  \"}", { "name|The organisation needs a name" } },
  { "{\"type\":\"org\",\"name\":\"X\",\"countries\":[\"FR\",\"XX\",\"fr\"]}",
    { "countries[1]|‘XX’ is not an ISO 3166 country code", "countries[2]|‘fr’ is not an ISO 3166 country code" } },
  { "{\"type\":\"org\",\"name\":\"X\",\"kind\":\"ngo\",\"regional_group\":\"Europe\"}",
    { "kind|‘ngo’ is not a valid kind of organisation; use one of civil-society, government",
      "regional_group|‘Europe’ is not a UN regional group; use one of African, Asia-Pacific, EEG, GRULAC, WEOG" } },
  { "{\"type\":\"org\",\"name\":\"X\",\"website\":\"www.apc.org\",\"email\":\"info at apc.org\",\"phone\":\"call me\"}",
    { "website|‘www.apc.org’ is not a web address; it should start with https://",
      "email|‘info at apc.org’ does not look like an email address",
      "phone|‘call me’ does not look like a phone number" } },
  { "{\"type\":\"org\",\"name\":\"X\",\"accreditations\":[{\"status\":\"general\"},{\"body\":\"ITU-D\",\"since\":\"2013-02-30\"},"
    "{\"body\":\"ECOSOC\",\"since\":\"2014-01-01\",\"expires\":\"2013-01-01\"}]}",
    { "accreditations[0]|needs the body that granted it", "accreditations[1]|‘2013-02-30’ is not a date",
      "accreditations[2]|expires before it starts" } },
  { "{\"type\":\"org\",\"name\":42,\"tags\":\"wcit\"}", { "name|The name should be text", "tags|The tags should be a list of text" } },
  { "{\"type\":\"person\",\"languages\":[\"en\",\"english\",\"fr-CA\",\"zh-Hant-TW\",\"es-419\",\"x-klingon\"]}",
    { "name|The person needs a name", "languages[1]|‘english’ is not a language tag" } },
  { "{\"type\":\"person\",\"name\":\"عمر\",\"country\":\"UK\",\"org_id\":\"_design/x\"}",
    { "org_id|not a document id", "country|‘UK’ is not an ISO 3166 country code" } },
  { "{\"type\":\"event\",\"kind\":\"session\",\"title\":\"Opening\",\"start\":\"2012-11-03T09:00:00Z\",\"end\":\"2012-11-03T08:00:00Z\","
    "\"time_zone\":\"Europe/Parisx\"}",
    { "time_zone|‘Europe/Parisx’ is not a known time zone", "end|The session ends before it starts" } },
  { "{\"type\":\"event\",\"kind\":\"session\",\"title\":\"Opening\",\"start\":\"2012-11-03 09:00\",\"time_zone\":\"Asia/Baku\"}",
    { "start|‘2012-11-03 09:00’ is not a UTC time in RFC 3339 form" } },
  { "{\"type\":\"event\",\"kind\":\"session\",\"title\":\"Opening\",\"start\":\"2012-11-03T09:00:00+04:00\",\"time_zone\":\"Asia/Baku\"}",
    { "start|is not a UTC time in RFC 3339 form" } },
  { "{\"type\":\"event\",\"kind\":\"party\"}",
    { "kind|‘party’ is not a valid kind of event", "title|The event needs a title" } },
  { "{\"type\":\"event\",\"kind\":\"deadline\",\"title\":\"Input due\"}", { "start|The deadline needs a date and time" } },
  { "{\"type\":\"event\",\"kind\":\"meeting\",\"title\":\"Coord\",\"start\":\"2012-11-03T09:00:00Z\"}",
    { "time_zone|needs the time zone of its venue" } },
  { "{\"type\":\"event\",\"kind\":\"conference\",\"title\":\"C\",\"start\":\"2012-11-03T09:00:00Z\",\"end\":\"2012-11-02T09:00:00Z\",\"time_zone\":\"UTC\"}",
    { "end|The conference ends before it starts" } },
  { "{\"type\":\"event\",\"kind\":\"session\",\"title\":\"S\",\"start\":\"2012-11-03T09:00:00Z\",\"time_zone\":\"Asia/Baku\","
    "\"location\":{\"country\":\"Azerbaijan\",\"online_url\":\"zoom\"},\"roles\":[{\"role\":\"speaker\"},{\"name\":\"A\",\"role\":\"chair\"}]}",
    { "location.country|‘Azerbaijan’ is not an ISO 3166 country code", "location.online_url|‘zoom’ is not a web address",
      "roles[0]|needs a person from the directory or a name", "roles[1]|‘chair’ is not a valid role" } },
  { "{\"type\":\"event\",\"kind\":\"milestone\",\"title\":\"Map members\",\"all_day\":\"yes\"}", { "all_day|should be true or false" } },
  { "{\"type\":\"statement\",\"language\":\"English\",\"status\":\"done\",\"sign_on_deadline\":\"tomorrow\"}",
    { "title|The statement needs a title", "language|‘English’ is not a language tag", "status|‘done’ is not a valid status",
      "sign_on_deadline|‘tomorrow’ is not a UTC time" } },
  { "{\"type\":\"statement-version\",\"statement_id\":\"s\"}", { "body|The version has no text" } },
  { "{\"type\":\"statement-version\",\"body\":\"x\"}", { "statement_id|does not say which statement" } },
  { "{\"type\":\"signature\",\"statement_id\":\"s\",\"org_id\":\"o\",\"signed_at\":\"2012-11-06T08:00:00Z\",\"withdrawn_at\":\"2012-11-05T08:00:00Z\"}",
    { "withdrawn_at|withdrawn before it was given" } },
  { "{\"type\":\"signature\"}",
    { "statement_id|which statement was signed", "org_id|which organisation signed", "signed_at|the time it was given" } },
  { "{\"type\":\"comment\",\"statement_id\":\"s\",\"body\":\"\",\"anchor\":{\"offset\":3}}",
    { "anchor|needs the quoted passage", "body|The comment is empty" } },
  { "{\"type\":\"pack\",\"title\":\"P\",\"sections\":[\"agenda\",\"gossip\",{\"ids\":[]}]}",
    { "sections[1]|‘gossip’ is not a valid section", "sections[2]|needs a kind" } },
  { "{\"type\":\"org\",\"name\":\"X\",\"created\":\"yesterday\",\"updated\":\"2012-13-01T00:00:00Z\",\"_id\":\"\"}",
    { "_id|", "created|‘yesterday’ is not a UTC time", "updated|is not a UTC time" } },
  { "{\"name\":\"No type\"}", { "type|The document has no type" } },
  { "{\"type\":\"org\",\"name\":\"Ok\",\"email\":\"a.b@c.example.org\",\"website\":\"http://example.org/x?y=1\",\"phone\":\"+1 (555) 010-9999\"}", { NULL } },
};

static void
test_validation_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (validation_cases); i++)
    {
      const ValidationCase *c = &validation_cases[i];
      g_autoptr(JsonObject) in = caucus_test_parse_object (c->json);
      g_autoptr(GPtrArray) problems = caucus_validate_json (in);
      guint expected = 0;

      while (expected < G_N_ELEMENTS (c->problems) && c->problems[expected] != NULL)
        expected++;

      for (guint j = 0; j < problems->len; j++)
        {
          const CaucusProblem *p = g_ptr_array_index (problems, j);
          g_test_message ("case %u: %s — %s", i, p->field, p->message);
        }
      g_assert_cmpuint (problems->len, ==, expected);
      for (guint j = 0; j < expected; j++)
        {
          g_auto(GStrv) parts = g_strsplit (c->problems[j], "|", 2);
          gboolean found = FALSE;
          for (guint k = 0; k < problems->len && !found; k++)
            {
              const CaucusProblem *p = g_ptr_array_index (problems, k);
              found = g_str_equal (p->field, parts[0]) && strstr (p->message, parts[1]) != NULL;
            }
          if (!found)
            g_error ("case %u: expected problem ‘%s’ not reported", i, c->problems[j]);
        }
    }
}

static void
test_value_checks (void)
{
  g_assert_true (caucus_is_country_code ("FR"));
  g_assert_true (caucus_is_country_code ("XK"));
  g_assert_true (caucus_is_country_code ("AD"));   /* first and last of the table */
  g_assert_true (caucus_is_country_code ("ZW"));
  g_assert_false (caucus_is_country_code ("ZZ"));
  g_assert_false (caucus_is_country_code ("XX"));
  g_assert_false (caucus_is_country_code ("fr"));
  g_assert_false (caucus_is_country_code ("FRA"));
  g_assert_true (caucus_is_time_zone ("Europe/Paris"));
  g_assert_true (caucus_is_time_zone ("Asia/Baku"));
  g_assert_true (caucus_is_time_zone ("UTC"));
  g_assert_false (caucus_is_time_zone ("Europe/Parisx"));
  g_assert_false (caucus_is_time_zone (""));
  g_assert_true (caucus_is_utc_timestamp ("2024-02-29T23:59:59.123456Z"));
  g_assert_false (caucus_is_utc_timestamp ("2023-02-29T00:00:00Z"));
  g_assert_false (caucus_is_utc_timestamp ("2024-01-01T00:00:00"));
  g_assert_true (caucus_is_date_or_timestamp ("2012-06-30"));
  g_assert_false (caucus_is_date_or_timestamp ("2012-06-31"));
  for (const char * const *t = (const char * const[]) { "en", "fr-CA", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-CH-1996",
                                                          "ar", "x-private", "en-US-x-twain", NULL }; *t; t++)
    g_assert_true (caucus_is_language_tag (*t));
  for (const char * const *t = (const char * const[]) { "english", "e", "en_US", "en-", "-en", "fr-CAN-", "", NULL }; *t; t++)
    g_assert_false (caucus_is_language_tag (*t));
  g_assert_true (caucus_is_email ("info@apc.org"));
  g_assert_true (caucus_is_email ("δοκιμή@παράδειγμα.δοκιμή"));
  g_assert_false (caucus_is_email ("info@apc"));
  g_assert_false (caucus_is_email ("a@@b.org"));
  g_assert_false (caucus_is_email ("a b@c.org"));
  g_assert_false (caucus_is_email ("a..b@c.org"));
  g_assert_true (caucus_is_web_url ("https://www.intgovforum.org/en"));
  g_assert_false (caucus_is_web_url ("ftp://example.org"));
  g_assert_false (caucus_is_web_url ("https://"));
  g_assert_true (caucus_is_phone ("+994 12 555 01 01"));
  g_assert_false (caucus_is_phone ("1234"));
  g_assert_cmpint (caucus_timestamp_compare ("2012-11-03T09:00:00Z", "2012-11-03T09:00:00.5Z"), <, 0);
}

static void
test_dispatch (void)
{
  static const char * const names[] = { "org", "person", "event", "statement", "statement-version",
                                        "signature", "comment", "pack", NULL };

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(CaucusDocument) doc = caucus_document_new_of_type (names[i], "alice");
      g_assert_cmpstr (caucus_document_get_doc_type (doc), ==, names[i]);
      g_assert_cmpstr (caucus_document_class_get_type_name (CAUCUS_DOCUMENT_GET_CLASS (doc)), ==, names[i]);
      g_assert_true (G_OBJECT_TYPE (doc) == caucus_document_type_for_name (names[i]));
      g_assert_cmpstr (caucus_document_get_updated_by (doc), ==, "alice");
    }
  g_assert_true (caucus_document_type_for_name ("poll") == G_TYPE_INVALID);
}

static void
test_event_datetime (void)
{
  g_autoptr(JsonObject) in = caucus_test_parse_object (round_trips[2].json);
  g_autoptr(CaucusDocument) doc = caucus_document_new_from_json (in);
  g_autoptr(GDateTime) start = caucus_document_get_datetime (doc, "start");
  g_autoptr(JsonNode) location = NULL;
  gboolean all_day = TRUE;

  g_assert_nonnull (start);
  g_assert_cmpint (g_date_time_get_hour (start), ==, 5);
  g_object_get (doc, "location", &location, "all-day", &all_day, NULL);
  g_assert_false (all_day);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (location), "city"), ==, "Baku");

  /* What a property hands out is the caller's: changing it does not change the document. */
  json_object_set_string_member (json_node_get_object (location), "city", "Tbilisi");
  {
    JsonNode *inside = caucus_document_peek_member (doc, "location");
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (inside), "city"), ==, "Baku");
  }
}

/* The sample workspace that ships with the app is real-world-shaped data: every document
 * must validate and survive a round trip. */
static void
test_sample_workspace (void)
{
  const char *source_dir = g_getenv ("CAUCUS_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *docs;
  guint n_types = 0;
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (source_dir == NULL)
    {
      g_test_skip ("CAUCUS_SOURCE_DIR is not set (run through meson test)");
      return;
    }
  path = g_build_filename (source_dir, "data", "sample", "sample-workspace.json", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no sample workspace in this tree");
      return;
    }
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  docs = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                                      : json_object_get_array_member (json_node_get_object (root), "docs");
  g_assert_nonnull (docs);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *json = json_array_get_object_element (docs, i);
      g_autoptr(CaucusDocument) doc = caucus_document_new_from_json (json);
      g_autoptr(JsonObject) out = caucus_document_to_json (doc);
      g_autofree char *a = canonical (json);
      g_autofree char *b = canonical (out);
      GPtrArray *problems = caucus_document_get_problems (doc);

      for (guint j = 0; j < problems->len; j++)
        g_printerr ("%s: %s — %s\n", caucus_document_get_id (doc),
                    ((CaucusProblem *) problems->pdata[j])->field, ((CaucusProblem *) problems->pdata[j])->message);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpstr (a, ==, b);
      if (g_hash_table_add (types, g_strdup (caucus_document_get_doc_type (doc))))
        n_types++;
    }
  g_test_message ("%u sample documents of %u types", json_array_get_length (docs), n_types);
  g_assert_cmpuint (n_types, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/document/round-trip", test_round_trip);
  g_test_add_func ("/model/document/edit-keeps-unknown", test_edit_keeps_unknown);
  g_test_add_func ("/model/document/notify-and-validity", test_notify_and_validity);
  g_test_add_func ("/model/document/dispatch", test_dispatch);
  g_test_add_func ("/model/document/event-datetime", test_event_datetime);
  g_test_add_func ("/model/validate/table", test_validation_table);
  g_test_add_func ("/model/validate/value-checks", test_value_checks);
  g_test_add_func ("/model/validate/sample-workspace", test_sample_workspace);
  return g_test_run ();
}
