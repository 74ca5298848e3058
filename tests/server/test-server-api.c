/* test-server-api.c — every endpoint of SYNC-PROTOCOL.md, success and error paths. */
#include "server-test-utils.h"

#include <string.h>

static TestServer *ts;


static JsonObject *
obj (TestResponse *resp)
{
  return test_response_object (resp);
}

static void
test_welcome (void)
{
  g_autoptr(TestResponse) r = test_request (ts, "GET", "/", NULL, NULL);
  g_autoptr(TestResponse) r2 = test_request (ts, "POST", "/", NULL, "{}");
  g_autoptr(TestResponse) head = test_request (ts, "HEAD", "/", NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "couchdb"), ==, "Welcome");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (r), "vendor"), "name"),
                   ==, "caucus");
  g_assert_nonnull (json_object_get_string_member (obj (r), "uuid"));
  g_assert_cmpuint (r2->status, ==, 405);
  g_assert_cmpstr (test_response_error (r2), ==, "method_not_allowed");
  g_assert_cmpuint (head->status, ==, 200);
}

static void
test_db_info (void)
{
  g_autoptr(TestResponse) r = test_request (ts, "GET", "/ws", "rita", NULL);
  g_autoptr(TestResponse) c = NULL;
  g_autoptr(TestResponse) missing = test_request (ts, "GET", "/nosuchdb", "alice", NULL);
  g_autoptr(TestResponse) create = test_request (ts, "PUT", "/ws", "alice", NULL);
  g_autoptr(TestResponse) create_new = test_request (ts, "PUT", "/brandnew", "alice", NULL);
  JsonObject *info;

  g_assert_cmpuint (r->status, ==, 200);
  info = obj (r);
  g_assert_cmpstr (json_object_get_string_member (info, "db_name"), ==, "ws");
  g_assert_true (json_object_has_member (info, "doc_count"));
  g_assert_true (json_object_has_member (info, "doc_del_count"));
  g_assert_true (json_object_has_member (info, "update_seq"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (info, "instance_start_time")), ==, G_TYPE_STRING);

  c = test_request (ts, "POST", "/ws/_ensure_full_commit", "alice", "{}");
  g_assert_cmpuint (c->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (obj (c), "ok"));
  g_assert_cmpstr (json_object_get_string_member (obj (c), "instance_start_time"), ==,
                   json_object_get_string_member (info, "instance_start_time"));

  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (test_response_error (missing), ==, "not_found");
  g_assert_cmpuint (create->status, ==, 412);
  g_assert_cmpstr (test_response_error (create), ==, "file_exists");
  g_assert_cmpuint (create_new->status, ==, 403);
}

static void
test_db_delete (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  g_autoptr(TestResponse) put = test_request (own, "PUT", "/ws/x", "alice", "{\"a\":1}");
  g_autoptr(TestResponse) ed = test_request (own, "DELETE", "/ws", "ed", NULL);
  g_autoptr(TestResponse) del = test_request (own, "DELETE", "/ws", "alice", NULL);
  g_autoptr(TestResponse) after = test_request (own, "GET", "/ws", "alice", NULL);
  g_autoptr(TestResponse) all = test_request (own, "GET", "/_all_dbs", "alice", NULL);

  g_assert_cmpuint (put->status, ==, 201);
  g_assert_cmpuint (ed->status, ==, 403);
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_cmpuint (after->status, ==, 404);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (all->json)), ==, 0);
}

static void
test_documents (void)
{
  g_autofree char *rev1 = test_put_doc (ts, "doc-a", "{\"title\":\"Agenda\",\"n\":1}");
  g_autofree char *path_rev = NULL;
  g_autoptr(TestResponse) get = test_request (ts, "GET", "/ws/doc-a", "rita", NULL);
  g_autoptr(TestResponse) conflict = test_request (ts, "PUT", "/ws/doc-a", "ed", "{\"title\":\"x\"}");
  g_autoptr(TestResponse) stale = NULL;
  g_autoptr(TestResponse) update = NULL;
  g_autoptr(TestResponse) revs = NULL;
  g_autoptr(TestResponse) old = NULL;
  g_autoptr(TestResponse) del = NULL;
  g_autoptr(TestResponse) gone = NULL;
  g_autoptr(TestResponse) missing = test_request (ts, "GET", "/ws/never-there", "alice", NULL);
  g_autoptr(TestResponse) post = test_request (ts, "POST", "/ws", "ed", "{\"kind\":\"note\"}");
  g_autoptr(TestResponse) mismatch = test_request (ts, "PUT", "/ws/doc-b", "ed", "{\"_id\":\"doc-c\"}");
  g_autoptr(TestResponse) badid = test_request (ts, "PUT", "/ws/_bogus", "ed", "{}");
  g_autoptr(TestResponse) norev = test_request (ts, "DELETE", "/ws/doc-a", "ed", NULL);
  g_autofree char *body = NULL;
  const char *ifmatch[3] = { "If-Match", NULL, NULL };
  g_autofree char *quoted = NULL;

  g_assert_cmpuint (get->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (get), "_rev"), ==, rev1);
  g_assert_cmpstr (json_object_get_string_member (obj (get), "title"), ==, "Agenda");
  g_assert_nonnull (soup_message_headers_get_one (get->headers, "ETag"));

  g_assert_cmpuint (conflict->status, ==, 409);
  g_assert_cmpstr (test_response_error (conflict), ==, "conflict");

  body = g_strdup_printf ("{\"_rev\":\"%s\",\"title\":\"Agenda v2\"}", rev1);
  update = test_request (ts, "PUT", "/ws/doc-a", "ed", body);
  g_assert_cmpuint (update->status, ==, 201);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (obj (update), "rev"), "2-"));
  stale = test_request (ts, "PUT", "/ws/doc-a", "ed", body);
  g_assert_cmpuint (stale->status, ==, 409);

  revs = test_request (ts, "GET", "/ws/doc-a?revs=true&revs_info=true", "alice", NULL);
  g_assert_cmpuint (revs->status, ==, 200);
  g_assert_true (json_object_has_member (obj (revs), "_revisions"));
  path_rev = g_strdup_printf ("/ws/doc-a?rev=%s", rev1);
  old = test_request (ts, "GET", path_rev, "alice", NULL);
  g_assert_cmpuint (old->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (old), "title"), ==, "Agenda");

  quoted = g_strdup_printf ("\"%s\"", json_object_get_string_member (obj (update), "rev"));
  ifmatch[1] = quoted;
  del = test_request_full (ts, NULL, "DELETE", "/ws/doc-a", "ed", NULL, NULL, NULL, 0, ifmatch);
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (obj (del), "rev"), "3-"));
  gone = test_request (ts, "GET", "/ws/doc-a", "alice", NULL);
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpstr (json_object_get_string_member (obj (gone), "reason"), ==, "deleted");

  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (json_object_get_string_member (obj (missing), "reason"), ==, "missing");
  g_assert_cmpuint (post->status, ==, 201);
  g_assert_cmpuint (strlen (json_object_get_string_member (obj (post), "id")), ==, 32);
  g_assert_cmpuint (mismatch->status, ==, 400);
  g_assert_cmpuint (badid->status, ==, 400);
  g_assert_cmpuint (norev->status, ==, 409);
}

static void
test_open_revs_json (void)
{
  g_autoptr(TestResponse) graft1 = test_request (ts, "PUT", "/ws/split?new_edits=false", "ed",
      "{\"_rev\":\"2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"side\":\"b\",\"_revisions\":{\"start\":2,\"ids\":[\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}");
  g_autoptr(TestResponse) graft2 = test_request (ts, "PUT", "/ws/split?new_edits=false", "ed",
      "{\"_rev\":\"2-cccccccccccccccccccccccccccccccc\",\"side\":\"c\",\"_revisions\":{\"start\":2,\"ids\":[\"cccccccccccccccccccccccccccccccc\",\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}");
  g_autoptr(TestResponse) all = test_request (ts, "GET", "/ws/split?open_revs=all", "rita", NULL);
  g_autoptr(TestResponse) some = test_request (ts, "GET",
      "/ws/split?open_revs=%5B%222-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb%22,%223-dddddddddddddddddddddddddddddddd%22%5D&revs=true",
      "rita", NULL);
  g_autoptr(TestResponse) conflicts = test_request (ts, "GET", "/ws/split?conflicts=true", "rita", NULL);
  g_autoptr(TestResponse) bad = test_request (ts, "GET", "/ws/split?open_revs=%5Bnot-json", "rita", NULL);
  g_autoptr(TestResponse) none = test_request (ts, "GET", "/ws/nothing-here?open_revs=all", "rita", NULL);
  JsonArray *a;

  g_assert_cmpuint (graft1->status, ==, 201);
  g_assert_cmpuint (graft2->status, ==, 201);
  g_assert_cmpuint (all->status, ==, 200);
  a = json_node_get_array (all->json);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_cmpuint (some->status, ==, 200);
  a = json_node_get_array (some->json);
  g_assert_cmpuint (json_array_get_length (a), ==, 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (a, 0), "ok"));
  g_assert_true (json_object_has_member (json_object_get_object_member (json_array_get_object_element (a, 0), "ok"),
                                         "_revisions"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 1), "missing"), ==,
                   "3-dddddddddddddddddddddddddddddddd");
  g_assert_cmpuint (conflicts->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (conflicts), "_rev"), ==, "2-cccccccccccccccccccccccccccccccc");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (conflicts), "_conflicts")), ==, 1);
  g_assert_cmpuint (bad->status, ==, 400);
  g_assert_cmpuint (none->status, ==, 404);
}

static void
test_attachments (void)
{
  g_autofree char *rev = test_put_doc (ts, "with-att", "{\"t\":1}");
  g_autofree char *path = g_strdup_printf ("/ws/with-att/notes%%2Fday1.txt?rev=%s", rev);
  const char data[] = "Plenary notes \xc3\xa9\n";
  g_autoptr(TestResponse) put = test_request_full (ts, NULL, "PUT", path, "ed", NULL, "text/plain", data, -1, NULL);
  g_autoptr(TestResponse) get = test_request (ts, "GET", "/ws/with-att/notes%2Fday1.txt", "rita", NULL);
  g_autoptr(TestResponse) doc = test_request (ts, "GET", "/ws/with-att", "rita", NULL);
  g_autoptr(TestResponse) inline_doc = test_request (ts, "GET", "/ws/with-att?attachments=true", "rita", NULL);
  g_autoptr(TestResponse) none = test_request (ts, "GET", "/ws/with-att/nope.txt", "rita", NULL);
  g_autoptr(TestResponse) reader = test_request_full (ts, NULL, "PUT", "/ws/with-att/x.txt", "rita", NULL,
                                                      "text/plain", "x", 1, NULL);
  g_autoptr(TestResponse) underscore = test_request_full (ts, NULL, "PUT", "/ws/with-att/_x", "ed", NULL,
                                                          "text/plain", "x", 1, NULL);
  g_autoptr(TestResponse) del = NULL;
  g_autofree char *del_path = NULL;
  JsonObject *stub;
  gsize size;

  g_assert_cmpuint (put->status, ==, 201);
  g_assert_cmpuint (get->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (get->headers, NULL), ==, "text/plain");
  g_assert_cmpmem (g_bytes_get_data (get->body, &size), size, data, strlen (data));
  stub = json_object_get_object_member (json_object_get_object_member (obj (doc), "_attachments"), "notes/day1.txt");
  g_assert_true (json_object_get_boolean_member (stub, "stub"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (stub, "digest"), "md5-"));
  g_assert_cmpint (json_object_get_int_member (stub, "length"), ==, strlen (data));
  stub = json_object_get_object_member (json_object_get_object_member (obj (inline_doc), "_attachments"), "notes/day1.txt");
  g_assert_true (json_object_has_member (stub, "data"));
  g_assert_cmpuint (none->status, ==, 404);
  g_assert_cmpuint (reader->status, ==, 403);
  g_assert_cmpuint (underscore->status, ==, 400);

  del_path = g_strdup_printf ("/ws/with-att/notes%%2Fday1.txt?rev=%s",
                              json_object_get_string_member (obj (put), "rev"));
  del = test_request (ts, "DELETE", del_path, "ed", NULL);
  g_assert_cmpuint (del->status, ==, 200);
}

static void
test_bulk_docs (void)
{
  g_autoptr(TestResponse) r = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"docs\":[{\"_id\":\"bulk-1\",\"v\":1},{\"_id\":\"bulk-2\",\"v\":2},{\"v\":3}]}");
  g_autoptr(TestResponse) again = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"docs\":[{\"_id\":\"bulk-1\",\"v\":9}]}");
  g_autoptr(TestResponse) repl = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"new_edits\":false,\"docs\":[{\"_id\":\"bulk-r\",\"_rev\":\"3-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"_revisions\":{\"start\":3,\"ids\":[\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"ffffffffffffffffffffffffffffffff\",\"00000000000000000000000000000000\"]}}]}");
  g_autoptr(TestResponse) repl_again = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"new_edits\":false,\"docs\":[{\"_id\":\"bulk-r\",\"_rev\":\"3-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"_revisions\":{\"start\":3,\"ids\":[\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\",\"ffffffffffffffffffffffffffffffff\",\"00000000000000000000000000000000\"]}}]}");
  g_autoptr(TestResponse) nodocs = test_request (ts, "POST", "/ws/_bulk_docs", "ed", "{\"doc\":[]}");
  g_autoptr(TestResponse) notobj = test_request (ts, "POST", "/ws/_bulk_docs", "ed", "{\"docs\":[1]}");
  g_autoptr(TestResponse) get = test_request (ts, "GET", "/ws/_bulk_docs", "ed", NULL);
  g_autoptr(TestResponse) wrongtype = test_request_full (ts, NULL, "POST", "/ws/_bulk_docs", "ed", NULL,
                                                         "application/xml", "<docs/>", -1, NULL);
  JsonArray *a;

  g_assert_cmpuint (r->status, ==, 201);
  a = json_node_get_array (r->json);
  g_assert_cmpuint (json_array_get_length (a), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (a, 0), "ok"));
  g_assert_cmpuint (again->status, ==, 201);
  a = json_node_get_array (again->json);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, 0), "error"), ==, "conflict");
  g_assert_cmpuint (repl->status, ==, 201);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (repl->json)), ==, 0);
  g_assert_cmpuint (repl_again->status, ==, 201);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (repl_again->json)), ==, 0);
  g_assert_cmpuint (nodocs->status, ==, 400);
  g_assert_cmpuint (notobj->status, ==, 400);
  g_assert_cmpuint (get->status, ==, 405);
  g_assert_cmpuint (wrongtype->status, ==, 415);
}

static void
test_revs_diff_and_bulk_get (void)
{
  g_autofree char *rev = test_put_doc (ts, "rd-1", "{\"v\":1}");
  g_autofree char *diff_body = g_strdup_printf (
      "{\"rd-1\":[\"%s\",\"2-99999999999999999999999999999999\"],\"rd-none\":[\"1-11111111111111111111111111111111\"]}", rev);
  g_autoptr(TestResponse) diff = test_request (ts, "POST", "/ws/_revs_diff", "rita", diff_body);
  g_autofree char *get_body = g_strdup_printf (
      "{\"docs\":[{\"id\":\"rd-1\",\"rev\":\"%s\"},{\"id\":\"rd-none\",\"rev\":\"1-11111111111111111111111111111111\"},{\"id\":\"rd-1\"}]}", rev);
  g_autoptr(TestResponse) bulk = test_request (ts, "POST", "/ws/_bulk_get?revs=true", "rita", get_body);
  g_autoptr(TestResponse) bad = test_request (ts, "POST", "/ws/_bulk_get", "rita", "{\"nodocs\":1}");
  JsonObject *d;
  JsonArray *results;

  g_assert_cmpuint (diff->status, ==, 200);
  d = obj (diff);
  g_assert_true (json_object_has_member (d, "rd-1"));
  g_assert_true (json_object_has_member (d, "rd-none"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (d, "rd-1"), "missing")), ==, 1);

  g_assert_cmpuint (bulk->status, ==, 200);
  results = json_object_get_array_member (obj (bulk), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (results, i), "docs")), ==, 1);
  {
    JsonObject *first = json_array_get_object_element (
        json_object_get_array_member (json_array_get_object_element (results, 0), "docs"), 0);
    JsonObject *second = json_array_get_object_element (
        json_object_get_array_member (json_array_get_object_element (results, 1), "docs"), 0);
    g_assert_true (json_object_has_member (json_object_get_object_member (first, "ok"), "_revisions"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (second, "error"), "error"),
                     ==, "not_found");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "id"), ==, "rd-none");
  }
  g_assert_cmpuint (bad->status, ==, 400);
}

static void
test_all_docs (void)
{
  g_autoptr(TestResponse) bulk = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"docs\":[{\"_id\":\"ad-a\"},{\"_id\":\"ad-b\"},{\"_id\":\"ad-c\"}]}");
  g_autoptr(TestResponse) range = test_request (ts, "GET",
      "/ws/_all_docs?startkey=%22ad-a%22&endkey=%22ad-b%22&include_docs=true", "rita", NULL);
  g_autoptr(TestResponse) keys = test_request (ts, "POST", "/ws/_all_docs", "rita",
      "{\"keys\":[\"ad-c\",\"ad-zzz\",\"ad-a\"]}");
  g_autoptr(TestResponse) limit = test_request (ts, "GET",
      "/ws/_all_docs?startkey=%22ad-a%22&limit=1&skip=1&descending=false", "rita", NULL);
  g_autoptr(TestResponse) badkey = test_request (ts, "GET", "/ws/_all_docs?startkey=ad-a", "rita", NULL);
  g_autoptr(TestResponse) badlimit = test_request (ts, "GET", "/ws/_all_docs?limit=-3", "rita", NULL);
  g_autoptr(TestResponse) badbool = test_request (ts, "GET", "/ws/_all_docs?include_docs=yes", "rita", NULL);
  JsonArray *rows;

  g_assert_cmpuint (bulk->status, ==, 201);
  g_assert_cmpuint (range->status, ==, 200);
  rows = json_object_get_array_member (obj (range), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (rows, 0), "doc"));
  g_assert_cmpuint (keys->status, ==, 200);
  rows = json_object_get_array_member (obj (keys), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "id"), ==, "ad-c");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "error"), ==, "not_found");
  g_assert_cmpuint (limit->status, ==, 200);
  rows = json_object_get_array_member (obj (limit), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "id"), ==, "ad-b");
  g_assert_cmpuint (badkey->status, ==, 400);
  g_assert_cmpuint (badlimit->status, ==, 400);
  g_assert_cmpuint (badbool->status, ==, 400);
}

static void
test_local_docs (void)
{
  g_autoptr(TestResponse) put = test_request (ts, "PUT", "/ws/_local/repl-1", "rita", "{\"last_seq\":5}");
  g_autoptr(TestResponse) get = test_request (ts, "GET", "/ws/_local/repl-1", "rita", NULL);
  g_autoptr(TestResponse) put2 = test_request (ts, "PUT", "/ws/_local/repl-1", "rita",
                                               "{\"_rev\":\"0-1\",\"last_seq\":9}");
  g_autoptr(TestResponse) stale = test_request (ts, "PUT", "/ws/_local/repl-1", "rita",
                                                "{\"_rev\":\"0-1\",\"last_seq\":10}");
  g_autoptr(TestResponse) changes = test_request (ts, "GET", "/ws/_changes", "rita", NULL);
  g_autoptr(TestResponse) del = test_request (ts, "DELETE", "/ws/_local/repl-1?rev=0-2", "rita", NULL);
  g_autoptr(TestResponse) gone = test_request (ts, "GET", "/ws/_local/repl-1", "rita", NULL);
  g_autoptr(TestResponse) empty = test_request (ts, "GET", "/ws/_local/", "rita", NULL);
  JsonArray *rows;

  g_assert_cmpuint (put->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (put), "rev"), ==, "0-1");
  g_assert_cmpstr (json_object_get_string_member (obj (put), "id"), ==, "_local/repl-1");
  g_assert_cmpuint (get->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (get), "last_seq"), ==, 5);
  g_assert_cmpuint (put2->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (put2), "rev"), ==, "0-2");
  g_assert_cmpuint (stale->status, ==, 409);
  rows = json_object_get_array_member (obj (changes), "results");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_false (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (rows, i), "id"), "_local"));
  g_assert_cmpuint (del->status, ==, 200);
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpuint (empty->status, ==, 400);
}

static void
test_security (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  g_autoptr(TestResponse) get = test_request (own, "GET", "/ws/_security", "rita", NULL);
  g_autoptr(TestResponse) ed = test_request (own, "PUT", "/ws/_security", "ed", "{}");
  g_autoptr(TestResponse) noadmin = test_request (own, "PUT", "/ws/_security", "alice",
                                                  "{\"admins\":{\"names\":[]},\"members\":{\"names\":[\"ed\"]}}");
  g_autoptr(TestResponse) unknown = test_request (own, "PUT", "/ws/_security", "alice",
                                                  "{\"admins\":{\"names\":[\"alice\",\"ghost\"]}}");
  g_autoptr(TestResponse) roles = test_request (own, "PUT", "/ws/_security", "alice",
                                                "{\"admins\":{\"names\":[\"alice\"],\"roles\":[\"_admin\"]}}");
  g_autoptr(TestResponse) put = test_request (own, "PUT", "/ws/_security", "alice",
      "{\"admins\":{\"names\":[\"alice\"],\"roles\":[]},\"members\":{\"names\":[\"ed\",\"nora\",\"rita\"],\"roles\":[]},\"readers\":{\"names\":[\"ed\"]}}");
  g_autoptr(TestResponse) nora = test_request (own, "GET", "/ws", "nora", NULL);
  g_autoptr(TestResponse) ed_write = test_request (own, "PUT", "/ws/sec-x", "ed", "{}");
  g_autoptr(TestResponse) rita_write = test_request (own, "PUT", "/ws/sec-y", "rita", "{}");
  JsonObject *s;

  g_assert_cmpuint (get->status, ==, 200);
  s = obj (get);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (s, "admins"), "names"), 0), ==, "alice");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (s, "members"), "names")), ==, 2);
  g_assert_cmpuint (ed->status, ==, 403);
  g_assert_cmpuint (noadmin->status, ==, 400);
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpuint (roles->status, ==, 400);
  g_assert_cmpuint (put->status, ==, 200);
  g_assert_cmpuint (nora->status, ==, 200);
  g_assert_cmpuint (ed_write->status, ==, 403);   /* ed is now a reader */
  g_assert_cmpuint (rita_write->status, ==, 201); /* rita is now an editor */
}

static void
test_server_endpoints (void)
{
  g_autoptr(TestResponse) dbs = test_request (ts, "GET", "/_all_dbs", "nora", NULL);
  g_autoptr(TestResponse) dbs_alice = test_request (ts, "GET", "/_all_dbs", "alice", NULL);
  g_autoptr(TestResponse) uuids = test_request (ts, "GET", "/_uuids?count=5", "nora", NULL);
  g_autoptr(TestResponse) too_many = test_request (ts, "GET", "/_uuids?count=100000", "nora", NULL);
  g_autoptr(TestResponse) unknown = test_request (ts, "GET", "/_config", "alice", NULL);

  g_assert_cmpuint (dbs->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (dbs->json)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (dbs_alice->json)), ==, 1);
  g_assert_cmpuint (uuids->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (uuids), "uuids")), ==, 5);
  g_assert_cmpuint (too_many->status, ==, 400);
  g_assert_cmpuint (unknown->status, ==, 400);
}

/* Requests that only read run in one read transaction of the worker's store connection;
 * whatever way they end (answered, refused, failed half-way), the transaction must be
 * released, or the next write on that worker would be refused.  One worker, so that
 * every request uses the same connection. */
static void
test_read_transaction_released (void)
{
  TestServerOptions options = { .worker_threads = 1 };
  g_autoptr(TestServer) own = test_server_start (&options);
  g_autofree char *rev = test_put_doc (own, "rt-1", "{\"v\":1}");
  struct {
    const char *method;
    const char *path;
    const char *body;
    guint       status;
  } reads[] = {
    { "GET", "/ws", NULL, 200 },
    { "GET", "/ws/rt-1", NULL, 200 },
    { "GET", "/ws/rt-1?revs=true&conflicts=true&open_revs=all", NULL, 200 },
    { "GET", "/ws/rt-none", NULL, 404 },
    { "GET", "/ws/rt-1?rev=nonsense", NULL, 400 },
    { "GET", "/ws/rt-1?revs=maybe", NULL, 400 },
    { "GET", "/ws/rt-1/no-such-attachment", NULL, 404 },
    { "GET", "/ws/_local/none", NULL, 404 },
    { "GET", "/ws/_all_docs?include_docs=true", NULL, 200 },
    { "GET", "/ws/_all_docs?limit=x", NULL, 400 },
    { "POST", "/ws/_all_docs", "{\"keys\":3}", 400 },
    { "GET", "/ws/_changes?style=all_docs&include_docs=true", NULL, 200 },
    { "GET", "/ws/_changes?feed=longpoll&timeout=1", NULL, 200 },
    { "GET", "/ws/_changes?since=yesterday", NULL, 400 },
    { "POST", "/ws/_changes?filter=_doc_ids", "{\"doc_ids\":[\"rt-1\"]}", 200 },
    { "POST", "/ws/_changes?filter=_doc_ids", "{not json", 400 },
    { "POST", "/ws/_bulk_get?revs=true", "{\"docs\":[{\"id\":\"rt-1\"},{\"id\":\"rt-none\"},"
                                          "{\"id\":\"rt-1\",\"rev\":\"bad\"},{\"id\":\"_bad\"}]}", 200 },
    { "POST", "/ws/_bulk_get", "{\"docs\":3}", 400 },
    { "POST", "/ws/_bulk_get", "[1,2", 400 },
    { "POST", "/ws/_revs_diff", "{\"rt-1\":[\"1-00\"]}", 200 },
    { "POST", "/ws/_revs_diff", "{\"rt-1\":\"1-00\"}", 400 },
    { "POST", "/ws/_revs_diff", "\xff", 400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(TestResponse) resp = test_request (own, reads[i].method, reads[i].path, "alice",
                                                   reads[i].body);
      g_autofree char *id = g_strdup_printf ("rt-w%u", i);
      g_autoptr(TestResponse) write = NULL;
      g_autofree char *path = g_strdup_printf ("/ws/%s", id);

      g_test_message ("%s %s", reads[i].method, reads[i].path);
      g_assert_cmpuint (resp->status, ==, reads[i].status);
      write = test_request (own, "PUT", path, "alice", "{\"after\":true}");
      g_assert_cmpuint (write->status, ==, 201);
    }
}

/* _bulk_get answers with the stored text: each "ok" is the document GET returns with the
 * same options, and the refusals keep CouchDB's shape. */
static void
test_bulk_get_text (void)
{
  g_autofree char *rev1 = test_put_doc (ts, "bg-1", "{\"t\":\"\u00e9\\\"\\n\",\"n\":[1.25,{}],\"e\":{}}");
  g_autofree char *put2 = g_strdup_printf ("{\"_rev\":\"%s\",\"t\":2}", rev1);
  g_autofree char *rev2 = test_put_doc (ts, "bg-1", put2);
  g_autofree char *rev_e = test_put_doc (ts, "bg-empty", "{}");
  g_autofree char *rev_d = test_put_doc (ts, "bg-del", "{\"x\":1}");
  g_autofree char *del_path = g_strdup_printf ("/ws/bg-del?rev=%s", rev_d);
  g_autoptr(TestResponse) del = test_request (ts, "DELETE", del_path, "alice", NULL);
  g_autofree char *body = g_strdup_printf (
      "{\"docs\":[{\"id\":\"bg-1\",\"rev\":\"%s\"},{\"id\":\"bg-1\"},{\"id\":\"bg-empty\"},"
      "{\"id\":\"bg-del\"},{\"id\":\"bg-1\",\"rev\":\"zz\"},{\"id\":\"bg-1\",\"rev\":\"%s\"}]}",
      rev1, rev2);
  g_autoptr(TestResponse) bulk = test_request (ts, "POST", "/ws/_bulk_get?revs=true&latest=true", "alice", body);
  g_autoptr(TestResponse) bulk_plain = test_request (ts, "POST", "/ws/_bulk_get?revs=true", "alice", body);
  g_autofree char *get1_path = g_strdup_printf ("/ws/bg-1?rev=%s&revs=true", rev1);
  g_autoptr(TestResponse) get1 = test_request (ts, "GET", get1_path, "alice", NULL);
  g_autoptr(TestResponse) get2 = test_request (ts, "GET", "/ws/bg-1?revs=true", "alice", NULL);
  g_autoptr(TestResponse) get_e = test_request (ts, "GET", "/ws/bg-empty?revs=true", "alice", NULL);
  JsonArray *results, *plain;
  const char *const expect_error[] = { NULL, NULL, NULL, "deleted", "missing", NULL };

  g_assert_cmpuint (del->status, ==, 200);
  g_assert_cmpuint (bulk->status, ==, 200);
  g_assert_cmpuint (bulk_plain->status, ==, 200);
  results = json_object_get_array_member (obj (bulk), "results");
  plain = json_object_get_array_member (obj (bulk_plain), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonArray *docs = json_object_get_array_member (json_array_get_object_element (results, i), "docs");
      JsonObject *entry = json_array_get_object_element (docs, 0);

      g_assert_cmpuint (json_array_get_length (docs), ==, 1);
      if (expect_error[i] != NULL)
        {
          JsonObject *err = json_object_get_object_member (entry, "error");
          g_assert_cmpstr (json_object_get_string_member (err, "error"), ==, "not_found");
          g_assert_cmpstr (json_object_get_string_member (err, "reason"), ==, expect_error[i]);
        }
      else
        {
          JsonNode *ok = json_object_get_member (entry, "ok");
          g_autofree char *text = caucus_json_to_string (ok, NULL);
          TestResponse *get = i == 2 ? get_e : get2;   /* latest=true: rev1 reads as rev2 */
          g_autofree char *expected = caucus_json_to_string (get->json, NULL);

          g_assert_cmpstr (text, ==, expected);
        }
    }
  /* without latest, the old revision itself */
  {
    JsonObject *entry = json_array_get_object_element (
        json_object_get_array_member (json_array_get_object_element (plain, 0), "docs"), 0);
    g_autofree char *text = caucus_json_to_string (json_object_get_member (entry, "ok"), NULL);
    g_autofree char *expected = caucus_json_to_string (get1->json, NULL);

    g_assert_cmpstr (text, ==, expected);
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_template_dir ();
  ts = test_server_start (NULL);
  g_test_add_func ("/server/api/welcome", test_welcome);
  g_test_add_func ("/server/api/db-info", test_db_info);
  g_test_add_func ("/server/api/db-delete", test_db_delete);
  g_test_add_func ("/server/api/documents", test_documents);
  g_test_add_func ("/server/api/open-revs-json", test_open_revs_json);
  g_test_add_func ("/server/api/attachments", test_attachments);
  g_test_add_func ("/server/api/bulk-docs", test_bulk_docs);
  g_test_add_func ("/server/api/revs-diff-bulk-get", test_revs_diff_and_bulk_get);
  g_test_add_func ("/server/api/all-docs", test_all_docs);
  g_test_add_func ("/server/api/local-docs", test_local_docs);
  g_test_add_func ("/server/api/security", test_security);
  g_test_add_func ("/server/api/server-endpoints", test_server_endpoints);
  g_test_add_func ("/server/api/read-transaction-released", test_read_transaction_released);
  g_test_add_func ("/server/api/bulk-get-text", test_bulk_get_text);
  rc = g_test_run ();
  test_server_free (ts);
  return rc;
}
