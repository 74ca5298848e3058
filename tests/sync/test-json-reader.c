/* test-json-reader.c — the replicator's JSON reader against RFC 8259 and json-glib.
 *
 * Valid texts must give the same tree as json-glib's JsonParser (compared through the
 * store's canonical writer); invalid ones must be refused with a message naming the byte;
 * nesting is bounded; random documents round-trip. */
#include "caucus-json-reader.h"
#include "caucus-store.h"

#include <string.h>

static char *
canonical (JsonNode *node)
{
  return caucus_json_to_string (node, NULL);
}

static void
assert_same_as_json_glib (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ours = caucus_json_read (text, strlen (text), 64, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *a = NULL, *b = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (ours);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  a = canonical (ours);
  b = canonical (json_parser_get_root (parser));
  g_assert_cmpstr (a, ==, b);
  g_assert_true (json_node_equal (ours, json_parser_get_root (parser)));
}

static void
test_valid (void)
{
  static const char *texts[] = {
    "{}", "[]", "0", "-0", "1", "-1", "12345678901234", "9223372036854775807",
    "-9223372036854775808", "1.5", "-0.25", "1e3", "1E-3", "2.5e+10", "\"\"", "\"a\"",
    "true", "false", "null", " \t\r\n{ \"a\" : [ 1 , 2 , { } , [ ] ] } \n",
    "{\"_id\":\"x\",\"_rev\":\"1-abc\",\"n\":[1,2.5,\"s\",null,true,false,{\"k\":{}}]}",
    "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\u00e9\\u20ac\"", "\"\\ud83d\\ude00\"",
    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "{\"a\":1,\"a\":2}",
    "[[[[[[[[[[1]]]]]]]]]]", "{\"\":\"\"}", "\"\\u0041\\u007f\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("%s", texts[i]);
      assert_same_as_json_glib (texts[i]);
    }
}

static void
test_numbers (void)
{
  const char *big_text = "[9223372036854775808, -9223372036854775809, 123456789012345678901234567890]";
  const char *ints_text = "[9223372036854775807,-9223372036854775808,0,-0]";
  g_autoptr(JsonNode) big = caucus_json_read (big_text, strlen (big_text), 8, NULL);
  g_autoptr(JsonNode) ints = caucus_json_read (ints_text, strlen (ints_text), 8, NULL);
  JsonArray *a;

  g_assert_nonnull (big);
  a = json_node_get_array (big);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (a, i)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (a, 0), ==, 9223372036854775808.0);
  g_assert_nonnull (ints);
  a = json_node_get_array (ints);
  g_assert_cmpint (json_array_get_int_element (a, 0), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (a, 1), ==, G_MININT64);
  g_assert_cmpint (json_array_get_int_element (a, 3), ==, 0);
}

static void
test_invalid (void)
{
  static const struct { const char *text; const char *needle; } cases[] = {
    { "", "missing" }, { " ", "missing" }, { "{", "member name" }, { "{\"a\":1", "unterminated object" }, { "[1", "unterminated array" }, { "[1,", "missing" },
    { "[1 2]", "‘,’ or ‘]’" }, { "{\"a\" 1}", "‘:’" }, { "{\"a\":1,}", "member name" },
    { "[1,]", "unexpected character" }, { "{a:1}", "member name" }, { "'a'", "unexpected" },
    { "01", "leading zero" }, { "-", "without digits" }, { "1.", "decimal point" },
    { "1e", "exponent" }, { "+1", "unexpected" }, { ".5", "unexpected" }, { "tru", "word" },
    { "nul", "word" }, { "True", "unexpected" }, { "\"abc", "unterminated string" },
    { "\"a\\x\"", "invalid escape" }, { "\"\\u12\"", "four hex" }, { "\"\\ud800\"", "high surrogate" },
    { "\"\\udc00\"", "low surrogate" }, { "\"\\ud800\\u0041\"", "high surrogate" },
    { "\"\\u0000\"", "u+0000" }, { "\"a\nb\"", "control character" }, { "{} {}", "follows" },
    { "[1] x", "follows" }, { "/* c */ 1", "unexpected" }, { "1e400", "too large" },
    { "-1e400", "too large" }, { "NaN", "unexpected" }, { "[Infinity]", "unexpected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = caucus_json_read (cases[i].text, strlen (cases[i].text), 64, &error);
      g_autofree char *lower = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_null (node);
      g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
      lower = g_utf8_strdown (error->message, -1);
      if (strstr (lower, cases[i].needle) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", cases[i].text, error->message, cases[i].needle);
      g_assert_nonnull (strstr (error->message, "byte"));
    }
}

static void
test_bad_utf8 (void)
{
  static const char *texts[] = {
    "\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "\"\xc0\xaf\"", "[1,\"\xe2\x82\"]",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = caucus_json_read (texts[i], strlen (texts[i]), 64, &error);
      g_assert_null (node);
      g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
      g_clear_error (&error);
    }
  /* a NUL byte inside the given length */
  g_assert_null (caucus_json_read ("\"a\0b\"", 5, 64, &error));
  g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
}

/* UTF-8 is checked inside strings as they are read, eight bytes at a time where they are
 * plain: a string of random bytes (no control characters, quotes or backslashes) at every
 * offset and length must be accepted exactly when g_utf8_validate() accepts it, and read
 * back byte for byte. */
static void
test_utf8_random (void)
{
  static const guchar pieces[][4] = {
    { 'a' }, { 'z' }, { 0xc3, 0xa9 }, { 0xe2, 0x82, 0xac }, { 0xf0, 0x9f, 0x98, 0x80 },
    { 0xf4, 0x8f, 0xbf, 0xbf }, { 0xed, 0x9f, 0xbf }, { 0xee, 0x80, 0x80 }, { 0xef, 0xbf, 0xbe },
    { 0x80 }, { 0xbf }, { 0xc0 }, { 0xc1 }, { 0xc2 }, { 0xe0 }, { 0xe0, 0x80 }, { 0xe0, 0x9f },
    { 0xe0, 0xa0 }, { 0xed }, { 0xed, 0xa0 }, { 0xf0, 0x80 }, { 0xf0, 0x8f }, { 0xf4, 0x90 },
    { 0xf5 }, { 0xf8 }, { 0xfe }, { 0xff }, { 0x7f }, { '~' }, { ' ' },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) content = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new ("\"");
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      guint n = g_rand_int_range (rand, 0, 24);
      gboolean valid;

      for (guint i = 0; i < n; i++)
        {
          const guchar *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
          gsize len = 1;

          while (len < 4 && piece[len] != 0)
            len++;
          g_string_append_len (content, (const char *) piece, len);
        }
      valid = g_utf8_validate_len (content->str, content->len, NULL);
      g_string_append_len (text, content->str, content->len);
      g_string_append_c (text, '"');
      node = caucus_json_read (text->str, text->len, 8, &error);
      if (valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (json_node_get_string (node), ==, content->str);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
        }
    }
}

/* The scanner gives the tokens in order with their member names; skip() and build() read
 * exactly one value; errors are the reader's. */
static void
test_scanner (void)
{
  const char *text = " {\"a\": [1, -2.5, \"x\\u00e9\", true, null, {}], \"b\": {\"c\": [[]], \"d\": false},"
                     " \"e\": \"last\"} ";
  static const CaucusJsonToken expected[] = {
    CAUCUS_JSON_BEGIN_OBJECT, CAUCUS_JSON_BEGIN_ARRAY, CAUCUS_JSON_INT, CAUCUS_JSON_DOUBLE,
    CAUCUS_JSON_STRING, CAUCUS_JSON_BOOLEAN, CAUCUS_JSON_NULL, CAUCUS_JSON_BEGIN_OBJECT,
    CAUCUS_JSON_END_OBJECT, CAUCUS_JSON_END_ARRAY, CAUCUS_JSON_BEGIN_OBJECT,
    CAUCUS_JSON_BEGIN_ARRAY, CAUCUS_JSON_BEGIN_ARRAY, CAUCUS_JSON_END_ARRAY,
    CAUCUS_JSON_END_ARRAY, CAUCUS_JSON_BOOLEAN, CAUCUS_JSON_END_OBJECT, CAUCUS_JSON_STRING,
    CAUCUS_JSON_END_OBJECT, CAUCUS_JSON_END,
  };
  static const char *keys[] = {
    NULL, "a", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "b", "c", NULL, NULL, NULL, "d",
    NULL, "e", NULL, NULL,
  };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CaucusJsonScanner) sc = caucus_json_scanner_new (text, strlen (text), 8);

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        CaucusJsonToken t = caucus_json_scanner_next (sc, &error);

        g_assert_no_error (error);
        g_assert_cmpint (t, ==, expected[i]);
        if (t != CAUCUS_JSON_END_OBJECT && t != CAUCUS_JSON_END_ARRAY)
          g_assert_cmpstr (caucus_json_scanner_get_key (sc), ==, keys[i]);
        if (i == 2)
          g_assert_cmpint (caucus_json_scanner_get_int (sc), ==, 1);
        if (i == 3)
          g_assert_cmpfloat (caucus_json_scanner_get_double (sc), ==, -2.5);
        if (i == 4)
          g_assert_cmpstr (caucus_json_scanner_get_string (sc), ==, "x\xc3\xa9");
        if (i == 5)
          g_assert_true (caucus_json_scanner_get_boolean (sc));
        if (i == 12)
          g_assert_cmpuint (caucus_json_scanner_get_depth (sc), ==, 4);
      }
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_END);
  }

  /* skip "a", build "b", then "e" and the end */
  {
    g_autoptr(CaucusJsonScanner) sc = caucus_json_scanner_new (text, strlen (text), 8);
    g_autoptr(JsonNode) b = NULL;
    g_autoptr(JsonNode) expect_b = caucus_json_read ("{\"c\": [[]], \"d\": false}", 23, 8, NULL);
    CaucusJsonToken t;

    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_BEGIN_OBJECT);
    t = caucus_json_scanner_next (sc, &error);
    g_assert_true (caucus_json_scanner_skip (sc, t, &error));
    t = caucus_json_scanner_next (sc, &error);
    g_assert_cmpstr (caucus_json_scanner_get_key (sc), ==, "b");
    b = caucus_json_scanner_build (sc, t, &error);
    g_assert_no_error (error);
    g_assert_true (json_node_equal (b, expect_b));
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_STRING);
    g_assert_cmpstr (caucus_json_scanner_get_key (sc), ==, "e");
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_END_OBJECT);
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_END);
    g_assert_no_error (error);
  }

  /* an error mid-way, then every later call is one too; text after the value */
  {
    g_autoptr(CaucusJsonScanner) sc = caucus_json_scanner_new ("[1 2]", 5, 8);

    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_BEGIN_ARRAY);
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_INT);
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_ERROR);
    g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
    g_clear_error (&error);
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_ERROR);
    g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX);
    g_clear_error (&error);
  }
  {
    g_autoptr(CaucusJsonScanner) sc = caucus_json_scanner_new ("{} x", 4, 8);
    CaucusJsonToken t = caucus_json_scanner_next (sc, &error);

    g_assert_true (caucus_json_scanner_skip (sc, t, &error));
    g_assert_cmpint (caucus_json_scanner_next (sc, &error), ==, CAUCUS_JSON_ERROR);
    g_assert_nonnull (strstr (error->message, "follows"));
  }
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (caucus_json_read (deep->str, deep->len, 64, &error));
  g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_DEPTH);
  g_clear_error (&error);

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '}');
  ok = caucus_json_read (deep->str, deep->len, 64, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_null (caucus_json_read (deep->str, deep->len, 63, &error));
  g_assert_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_DEPTH);
}

/* Random documents: json-glib's generator writes them, we read them back. */
static JsonNode *
random_node (GRand *rand,
             guint  depth)
{
  guint kind = g_rand_int_range (rand, 0, depth > 4 ? 6 : 8);

  switch (kind)
    {
    case 0: return json_node_init_null (json_node_alloc ());
    case 1: return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2: return json_node_init_int (json_node_alloc (), (gint64) g_rand_int (rand) * (g_rand_boolean (rand) ? 1 : -1) * 1000003);
    case 3: return json_node_init_double (json_node_alloc (), g_rand_int_range (rand, -100000, 100000) / 64.0);
    case 4:
    case 5:
      {
        static const char *pieces[] = { "a", "é", "€", "😀", "\"", "\\", "\n", "\t", "\x01", "/", " ", "z" };
        g_autoptr(GString) s = g_string_new (NULL);
        guint n = g_rand_int_range (rand, 0, 12);

        for (guint i = 0; i < n; i++)
          g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        return json_node_init_string (json_node_alloc (), s->str);
      }
    case 6:
      {
        JsonArray *a = json_array_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          json_array_add_element (a, random_node (rand, depth + 1));
        return json_node_init_array (json_node_alloc (), a);
      }
    default:
      {
        JsonObject *o = json_object_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *key = g_strdup_printf ("k%u\xc3\xa9", g_rand_int_range (rand, 0, 6));
            json_object_set_member (o, key, random_node (rand, depth + 1));
          }
        return json_node_init_object (json_node_alloc (), o);
      }
    }
}

static void
test_random_round_trip (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("seed %u", seed);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(JsonNode) node = random_node (rand, 0);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) back = NULL;
      g_autofree char *a = NULL, *b = NULL;
      gsize len;

      json_generator_set_root (gen, node);
      json_generator_set_pretty (gen, i % 2 == 0);
      text = json_generator_to_data (gen, &len);
      back = caucus_json_read (text, len, 64, &error);
      g_assert_no_error (error);
      a = canonical (node);
      b = canonical (back);
      g_assert_cmpstr (a, ==, b);
      assert_same_as_json_glib (text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-reader/valid", test_valid);
  g_test_add_func ("/json-reader/numbers", test_numbers);
  g_test_add_func ("/json-reader/invalid", test_invalid);
  g_test_add_func ("/json-reader/bad-utf8", test_bad_utf8);
  g_test_add_func ("/json-reader/utf8-random", test_utf8_random);
  g_test_add_func ("/json-reader/scanner", test_scanner);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/random-round-trip", test_random_round_trip);
  return g_test_run ();
}
