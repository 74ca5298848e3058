/* test-server-multipart.c — CouchDB's multipart shapes, against fixtures written from its
 * documentation (tests/server/fixtures). */
#include "server-test-utils.h"

#include <string.h>

static TestServer *ts;

static char *
fixture (const char *name, gsize *length)
{
  g_autofree char *path = test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
fixture_content_type (const char *name)
{
  g_autofree char *text = fixture (name, NULL);
  return g_strdup (g_strstrip (text));
}

static void
assert_attachment (const char *doc, const char *name, const char *expected)
{
  g_autofree char *path = g_strdup_printf ("/ws/%s/%s", doc, name);
  g_autoptr(TestResponse) r = test_request (ts, "GET", path, "rita", NULL);
  gsize size;
  const char *data;

  g_assert_cmpuint (r->status, ==, 200);
  data = g_bytes_get_data (r->body, &size);
  g_assert_cmpmem (data, size, expected, strlen (expected));
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/plain");
}

static TestResponse *
put_multipart (const char *path, const char *content_type, const char *body, gsize length)
{
  return test_request_full (ts, NULL, "PUT", path, "ed", NULL, content_type, body, length, NULL);
}

static void
test_put_related_fixture (void)
{
  gsize length;
  g_autofree char *body = fixture ("put-multipart-related.body", &length);
  g_autofree char *ctype = fixture_content_type ("put-multipart-related.content-type");
  g_autoptr(TestResponse) r = put_multipart ("/ws/somedoc", ctype, body, length);
  g_autoptr(TestResponse) repl = put_multipart (
      "/ws/somedoc-replicated?new_edits=false&rev=1-0123456789abcdef0123456789abcdef", ctype, body, length);
  g_autoptr(TestResponse) doc = test_request (ts, "GET", "/ws/somedoc", "rita", NULL);
  JsonObject *atts;

  g_assert_cmpuint (r->status, ==, 201);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (test_response_object (r), "rev"), "1-"));
  assert_attachment ("somedoc", "foo.txt", "this is 21 chars long");
  assert_attachment ("somedoc", "bar.txt", "this is 20 chars lon");
  atts = json_object_get_object_member (test_response_object (doc), "_attachments");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (atts, "foo.txt"), "length"), ==, 21);
  g_assert_cmpstr (json_object_get_string_member (test_response_object (doc), "body"), ==, "This is a body.");

  g_assert_cmpuint (repl->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (test_response_object (repl), "rev"), ==,
                   "1-0123456789abcdef0123456789abcdef");
  assert_attachment ("somedoc-replicated", "foo.txt", "this is 21 chars long");
  assert_attachment ("somedoc-replicated", "bar.txt", "this is 20 chars lon");
}

static void
test_put_related_bad (void)
{
  gsize length;
  g_autofree char *body = fixture ("put-multipart-related.body", &length);
  const char *ctype = "multipart/related;boundary=\"abc123\"";
  /* the body cut before the second attachment */
  gsize cut = strstr (body, "this is 20") - body;
  g_autofree char *extra = g_strdup_printf ("%.*s\r\n--abc123\r\n\r\nsurplus\r\n--abc123--\r\n",
                                            (int) (strstr (body, "\r\n--abc123--") - body), body);
  const char *broken_json = "--abc123\r\nContent-Type: application/json\r\n\r\n{\"_attachments\": \r\n--abc123--\r\n";
  const char *wrong_length = "--abc123\r\nContent-Type: application/json\r\n\r\n"
    "{\"_attachments\":{\"a.txt\":{\"follows\":true,\"content_type\":\"text/plain\",\"length\":99}}}\r\n"
    "--abc123\r\n\r\nshort\r\n--abc123--\r\n";
  struct { const char *what; const char *ctype; const char *body; gsize length; } cases[] = {
    { "no boundary", "multipart/related", body, length },
    { "truncated", ctype, body, cut },
    { "surplus part", ctype, extra, strlen (extra) },
    { "broken JSON part", ctype, broken_json, strlen (broken_json) },
    { "wrong length", ctype, wrong_length, strlen (wrong_length) },
    { "empty", ctype, "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ws/bad-multipart-%u", i);
      g_autoptr(TestResponse) r = put_multipart (path, cases[i].ctype, cases[i].body, cases[i].length);
      if (r->status != 400)
        g_error ("%s: expected 400, got %u", cases[i].what, r->status);
      g_assert_cmpstr (test_response_error (r), ==, "bad_request");
    }
  {
    g_autoptr(TestResponse) alive = test_request (ts, "GET", "/", NULL, NULL);
    g_assert_cmpuint (alive->status, ==, 200);
  }
}

static GBytes *
gzip_bytes (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GByteArray *
related_with (const char *json, GBytes *part)
{
  GByteArray *body = g_byte_array_new ();
  g_autofree char *head = g_strdup_printf ("--abc123\r\nContent-Type: application/json\r\n\r\n%s\r\n"
                                           "--abc123\r\nContent-Disposition: attachment; filename=\"t.txt\"\r\n"
                                           "Content-Type: text/plain\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                           json, g_bytes_get_size (part));
  g_byte_array_append (body, (const guint8 *) head, strlen (head));
  g_byte_array_append (body, g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  g_byte_array_append (body, (const guint8 *) "\r\n--abc123--\r\n", 14);
  return body;
}

/* CouchDB's replicator sends text attachments gzip-encoded, as CouchDB stores them. */
static void
test_put_related_gzip (void)
{
  const char *text = "Operative paragraph 4, as amended in the contact group. Operative paragraph 4.\n";
  g_autoptr(GBytes) gz = gzip_bytes (text);
  g_autofree char *json = g_strdup_printf (
      "{\"_id\":\"gz\",\"_rev\":\"1-abababababababababababababababab\",\"_attachments\":{\"t.txt\":"
      "{\"follows\":true,\"content_type\":\"text/plain\",\"revpos\":1,\"encoding\":\"gzip\","
      "\"length\":%" G_GSIZE_FORMAT ",\"encoded_length\":%" G_GSIZE_FORMAT ",\"digest\":\"md5-AAAAAAAAAAAAAAAAAAAAAA==\"}}}",
      strlen (text), g_bytes_get_size (gz));
  g_autoptr(GByteArray) body = related_with (json, gz);
  g_autoptr(TestResponse) r = put_multipart ("/ws/gz?new_edits=false", "multipart/related; boundary=\"abc123\"",
                                             (const char *) body->data, body->len);
  g_autoptr(GBytes) junk = g_bytes_new_static ("not gzip at all", 15);
  g_autofree char *bad_json = g_strdup_printf (
      "{\"_id\":\"gz2\",\"_rev\":\"1-cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd\",\"_attachments\":{\"t.txt\":"
      "{\"follows\":true,\"content_type\":\"text/plain\",\"encoding\":\"gzip\"}}}");
  g_autoptr(GByteArray) bad_body = related_with (bad_json, junk);
  g_autoptr(TestResponse) bad = put_multipart ("/ws/gz2?new_edits=false", "multipart/related; boundary=\"abc123\"",
                                               (const char *) bad_body->data, bad_body->len);

  g_assert_cmpuint (r->status, ==, 201);
  assert_attachment ("gz", "t.txt", text);
  g_assert_cmpuint (bad->status, ==, 400);
}

/* A description of a multipart body's structure, independent of boundaries and values. */
static void
describe (GString *out, SoupMessageHeaders *headers, GBytes *raw)
{
  /* libsoup's parser wants a NUL after the body */
  gsize raw_size;
  const char *raw_data = g_bytes_get_data (raw, &raw_size);
  g_autofree char *nul = g_malloc (raw_size + 1);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMultipart *mp;

  memcpy (nul, raw_data, raw_size);
  nul[raw_size] = '\0';
  whole = g_bytes_new_take (g_steal_pointer (&nul), raw_size + 1);
  body = g_bytes_new_from_bytes (whole, 0, raw_size);
  mp = soup_multipart_new_from_message (headers, body);
  guint n;

  if (mp == NULL)
    g_error ("not multipart (%s): %.*s", soup_message_headers_get_one (headers, "Content-Type"),
             (int) MIN (g_bytes_get_size (body), 400), (const char *) g_bytes_get_data (body, NULL));
  n = soup_multipart_get_length (mp);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      SoupMessageHeaders *h;
      GBytes *b;
      GHashTable *params = NULL;
      const char *ct;

      g_assert_true (soup_multipart_get_part (mp, i, &h, &b));
      ct = soup_message_headers_get_content_type (h, &params);
      if (i > 0)
        g_string_append_c (out, ',');
      if (ct && g_str_equal (ct, "multipart/related"))
        {
          g_autoptr(SoupMessageHeaders) inner = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
          g_autoptr(GByteArray) copy = g_byte_array_new ();
          g_autoptr(GBytes) terminated = NULL;
          gsize size;
          const guint8 *data = g_bytes_get_data (b, &size);
          /* libsoup's parser wants a line end after the closing delimiter, which a nested
           * body ends without (CouchDB writes "--inner--" straight before "\r\n--outer") */
          g_byte_array_append (copy, data, size);
          g_byte_array_append (copy, (const guint8 *) "\r\n", 2);
          terminated = g_byte_array_free_to_bytes (g_steal_pointer (&copy));
          soup_message_headers_replace (inner, "Content-Type", soup_message_headers_get_one (h, "Content-Type"));
          g_string_append (out, "related");
          describe (out, inner, terminated);
        }
      else if (ct && g_str_equal (ct, "application/json"))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *o;
          gsize size;
          const char *data = g_bytes_get_data (b, &size);

          g_assert_true (json_parser_load_from_data (parser, data, size, NULL));
          o = json_node_get_object (json_parser_get_root (parser));
          if (params && g_strcmp0 (g_hash_table_lookup (params, "error"), "true") == 0)
            g_string_append_printf (out, "error-json{missing:%s}",
                                    json_object_has_member (o, "missing") ? "yes" : "no");
          else
            {
              g_string_append (out, "json{");
              if (json_object_has_member (o, "_attachments"))
                {
                  JsonObject *atts = json_object_get_object_member (o, "_attachments");
                  g_autoptr(GList) names = json_object_get_members (atts);
                  for (GList *l = names; l; l = l->next)
                    {
                      JsonObject *att = json_object_get_object_member (atts, l->data);
                      g_autoptr(GList) keys = g_list_sort (json_object_get_members (att), (GCompareFunc) g_strcmp0);
                      g_string_append_printf (out, "%s:", (char *) l->data);
                      for (GList *k = keys; k; k = k->next)
                        g_string_append_printf (out, "%s;", (char *) k->data);
                    }
                }
              g_string_append_c (out, '}');
            }
        }
      else
        {
          g_autofree char *disposition = NULL;
          GHashTable *dparams = NULL;
          g_assert_true (soup_message_headers_get_content_disposition (h, &disposition, &dparams));
          g_string_append_printf (out, "att(%s,%s,%s,len=%s)", disposition,
                                  (char *) g_hash_table_lookup (dparams, "filename"), ct,
                                  soup_message_headers_get_content_length (h) == (goffset) g_bytes_get_size (b)
                                  ? "ok" : "bad");
          g_hash_table_destroy (dparams);
        }
      if (params)
        g_hash_table_destroy (params);
    }
  g_string_append_c (out, ']');
  soup_multipart_free (mp);
}

static void
test_open_revs_mixed_fixture (void)
{
  gsize length;
  g_autofree char *body = fixture ("open-revs-multipart-mixed.body", &length);
  g_autofree char *ctype = fixture_content_type ("open-revs-multipart-mixed.content-type");
  g_autoptr(SoupMessageHeaders) fh = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) fb = g_bytes_new (body, length);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) actual = g_string_new (NULL);
  g_autofree char *rev1 = test_put_doc (ts, "spaghetti", "{\"name\":\"Spaghetti with meatballs\"}");
  g_autofree char *att_path = g_strdup_printf ("/ws/spaghetti/recipe.txt?rev=%s", rev1);
  g_autoptr(TestResponse) att = test_request_full (ts, NULL, "PUT", att_path, "ed", NULL, "text/plain",
                                                   "1. Cook spaghetti\n6. PROFIT!\n", -1, NULL);
  const char *rev2;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *list = NULL;
  const char *accept[] = { "Accept", "multipart/mixed", NULL };
  g_autoptr(TestResponse) r = NULL;
  g_autoptr(TestResponse) json = NULL;
  g_autoptr(SoupMessageHeaders) rh = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);

  soup_message_headers_replace (fh, "Content-Type", ctype);
  describe (expected, fh, fb);

  g_assert_cmpuint (att->status, ==, 201);
  rev2 = json_object_get_string_member (test_response_object (att), "rev");
  list = g_strdup_printf ("[\"%s\",\"%s\",\"3-6bcedf1aaaaaaaaaaaaaaaaaaaaaaaaa\"]", rev1, rev2);
  escaped = g_uri_escape_string (list, NULL, FALSE);
  path = g_strdup_printf ("/ws/spaghetti?revs=true&attachments=true&open_revs=%s", escaped);
  r = test_request_full (ts, NULL, "GET", path, "rita", NULL, NULL, NULL, 0, accept);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "multipart/mixed");
  soup_message_headers_replace (rh, "Content-Type", soup_message_headers_get_one (r->headers, "Content-Type"));
  describe (actual, rh, r->body);
  g_test_message ("expected %s", expected->str);
  g_test_message ("actual   %s", actual->str);
  g_assert_cmpstr (actual->str, ==, expected->str);

  /* A client that accepts JSON gets JSON. */
  json = test_request (ts, "GET", path, "rita", NULL);
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json->json));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_template_dir ();
  ts = test_server_start (NULL);
  g_test_add_func ("/server/multipart/put-related-fixture", test_put_related_fixture);
  g_test_add_func ("/server/multipart/put-related-bad", test_put_related_bad);
  g_test_add_func ("/server/multipart/put-related-gzip", test_put_related_gzip);
  g_test_add_func ("/server/multipart/open-revs-mixed-fixture", test_open_revs_mixed_fixture);
  rc = g_test_run ();
  test_server_free (ts);
  return rc;
}
