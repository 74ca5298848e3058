/* test-server-changes.c — _changes: normal, longpoll and continuous feeds, heartbeats,
 * filters, and many parked long-poll clients woken by one write. */
#include "server-test-utils.h"

#include <string.h>

static TestServer *ts;

static JsonArray *
results_of (TestResponse *r)
{
  return json_object_get_array_member (test_response_object (r), "results");
}

static void
test_normal (void)
{
  g_autoptr(TestResponse) bulk = test_request (ts, "POST", "/ws/_bulk_docs", "ed",
      "{\"docs\":[{\"_id\":\"n-1\"},{\"_id\":\"n-2\"},{\"_id\":\"n-3\"}]}");
  g_autoptr(TestResponse) all = test_request (ts, "GET", "/ws/_changes?style=all_docs", "rita", NULL);
  g_autoptr(TestResponse) limited = test_request (ts, "GET", "/ws/_changes?limit=2", "rita", NULL);
  g_autoptr(TestResponse) since = NULL;
  g_autoptr(TestResponse) ids = test_request (ts, "POST", "/ws/_changes?filter=_doc_ids", "rita",
                                              "{\"doc_ids\":[\"n-2\"]}");
  g_autoptr(TestResponse) ids_get = test_request (ts, "GET",
      "/ws/_changes?filter=_doc_ids&doc_ids=%5B%22n-3%22%5D&include_docs=true", "rita", NULL);
  g_autoptr(TestResponse) now = test_request (ts, "GET", "/ws/_changes?since=now", "rita", NULL);
  g_autoptr(TestResponse) badfeed = test_request (ts, "GET", "/ws/_changes?feed=eventsource", "rita", NULL);
  g_autoptr(TestResponse) badsince = test_request (ts, "GET", "/ws/_changes?since=yesterday", "rita", NULL);
  g_autoptr(TestResponse) badfilter = test_request (ts, "GET", "/ws/_changes?filter=app/by_type", "rita", NULL);
  g_autofree char *since_path = NULL;
  JsonObject *row;
  gint64 last;

  g_assert_cmpuint (bulk->status, ==, 201);
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (results_of (all)), >=, 3);
  row = json_array_get_object_element (results_of (all), 0);
  g_assert_true (json_object_has_member (row, "seq"));
  g_assert_true (json_object_has_member (row, "id"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (row, "changes")));
  g_assert_true (json_object_has_member (test_response_object (all), "pending"));
  last = json_object_get_int_member (test_response_object (all), "last_seq");

  g_assert_cmpuint (json_array_get_length (results_of (limited)), ==, 2);
  g_assert_cmpint (json_object_get_int_member (test_response_object (limited), "pending"), >=, 1);

  since_path = g_strdup_printf ("/ws/_changes?since=%" G_GINT64_FORMAT,
                                json_object_get_int_member (test_response_object (limited), "last_seq"));
  since = test_request (ts, "GET", since_path, "rita", NULL);
  g_assert_cmpuint (json_array_get_length (results_of (since)), ==,
                    json_array_get_length (results_of (all)) - 2);

  g_assert_cmpuint (json_array_get_length (results_of (ids)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results_of (ids), 0), "id"), ==, "n-2");
  g_assert_cmpuint (json_array_get_length (results_of (ids_get)), ==, 1);
  g_assert_true (json_object_has_member (json_array_get_object_element (results_of (ids_get), 0), "doc"));

  g_assert_cmpuint (json_array_get_length (results_of (now)), ==, 0);
  g_assert_cmpint (json_object_get_int_member (test_response_object (now), "last_seq"), ==, last);
  g_assert_cmpuint (badfeed->status, ==, 400);
  g_assert_cmpuint (badsince->status, ==, 400);
  g_assert_cmpuint (badfilter->status, ==, 400);
}

typedef struct {
  TestServer   *server;
  char         *path;
  TestResponse *resp;
  gint64        done_us;
} Poller;

static gpointer
poller_thread (gpointer data)
{
  Poller *p = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);

  p->resp = test_request_full (p->server, session, "GET", p->path, "rita", NULL, NULL, NULL, 0, NULL);
  p->done_us = g_get_monotonic_time ();
  return NULL;
}

static gint64
current_seq (TestServer *server)
{
  g_autoptr(TestResponse) info = test_request (server, "GET", "/ws", "rita", NULL);
  return json_object_get_int_member (test_response_object (info), "update_seq");
}

static void
test_longpoll_timeout (void)
{
  g_autofree char *path = g_strdup_printf ("/ws/_changes?feed=longpoll&timeout=300&since=%" G_GINT64_FORMAT,
                                           current_seq (ts));
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TestResponse) r = test_request (ts, "GET", path, "rita", NULL);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (results_of (r)), ==, 0);
  g_assert_cmpint (elapsed, >=, 250 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

/* Many clients parked on longpoll, one write, everyone answered. */
static void
test_longpoll_fanout (void)
{
  const guint n = 50;
  Poller pollers[50];
  GThread *threads[50];
  g_autofree char *path = g_strdup_printf ("/ws/_changes?feed=longpoll&heartbeat=10000&since=%" G_GINT64_FORMAT,
                                           current_seq (ts));
  gint64 written;

  for (guint i = 0; i < n; i++)
    {
      pollers[i] = (Poller) { .server = ts, .path = path };
      threads[i] = g_thread_new ("poller", poller_thread, &pollers[i]);
    }
  g_usleep (700 * 1000);   /* let every client park */
  for (guint i = 0; i < n; i++)
    g_assert_null (pollers[i].resp);
  g_free (test_put_doc (ts, "fanout-doc", "{\"news\":true}"));
  written = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      JsonArray *rows;
      g_thread_join (threads[i]);
      g_assert_cmpuint (pollers[i].resp->status, ==, 200);
      rows = results_of (pollers[i].resp);
      g_assert_cmpuint (json_array_get_length (rows), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "id"), ==, "fanout-doc");
      g_assert_cmpint (pollers[i].done_us - written, <, G_USEC_PER_SEC);
      test_response_free (pollers[i].resp);
    }
}

static void
test_longpoll_heartbeat (void)
{
  g_autofree char *path = g_strdup_printf ("/ws/_changes?feed=longpoll&heartbeat=100&timeout=450&since=%" G_GINT64_FORMAT,
                                           current_seq (ts));
  g_autoptr(TestResponse) r = test_request (ts, "GET", path, "rita", NULL);
  gsize size;
  const char *body = g_bytes_get_data (r->body, &size);

  g_assert_cmpuint (r->status, ==, 200);
  /* heartbeat newlines precede the JSON object */
  g_assert_cmpint (body[0], ==, '\n');
  g_assert_cmpint (soup_message_headers_get_encoding (r->headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_nonnull (r->json);
  g_assert_cmpuint (json_array_get_length (results_of (r)), ==, 0);
}

typedef struct {
  GMainLoop *loop;
  GString   *text;
  GInputStream *stream;
  char       buffer[4096];
} Reader;

static void
read_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Reader *reader = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      g_main_loop_quit (reader->loop);
      return;
    }
  g_string_append_len (reader->text, reader->buffer, n);
  g_input_stream_read_async (reader->stream, reader->buffer, sizeof reader->buffer, G_PRIORITY_DEFAULT,
                             NULL, read_cb, reader);
}

static gboolean
write_later_cb (gpointer data)
{
  g_free (test_put_doc (ts, data, "{\"live\":1}"));
  return G_SOURCE_REMOVE;
}

static void
test_continuous (void)
{
  gint64 seq = current_seq (ts);
  g_autofree char *uri = g_strdup_printf ("%s/ws/_changes?feed=continuous&heartbeat=100&timeout=1200&since=%" G_GINT64_FORMAT,
                                          ts->url, seq > 0 ? seq - 1 : 0);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = g_strdup_printf ("Basic %s", "cml0YTpwdy1yaXRh");  /* rita:pw-rita */
  Reader reader = { 0 };
  g_auto(GStrv) lines = NULL;
  guint rows = 0, blanks = 0;
  gboolean saw_live = FALSE, saw_last = FALSE;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reader.stream = soup_session_send (ts->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  reader.loop = g_main_loop_new (NULL, FALSE);
  reader.text = g_string_new (NULL);
  g_input_stream_read_async (reader.stream, reader.buffer, sizeof reader.buffer, G_PRIORITY_DEFAULT,
                             NULL, read_cb, &reader);
  g_timeout_add (400, write_later_cb, (gpointer) "continuous-live");
  g_main_loop_run (reader.loop);

  lines = g_strsplit (reader.text->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;
      if (lines[i][0] == '\0')
        {
          blanks++;
          continue;
        }
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      if (json_object_has_member (o, "last_seq") && !json_object_has_member (o, "id"))
        saw_last = TRUE;
      else
        {
          rows++;
          if (g_str_equal (json_object_get_string_member (o, "id"), "continuous-live"))
            saw_live = TRUE;
        }
    }
  g_assert_cmpuint (rows, >=, 2);
  g_assert_true (saw_live);
  g_assert_true (saw_last);
  g_assert_cmpuint (blanks, >=, 3);   /* heartbeats */
  g_string_free (reader.text, TRUE);
  g_object_unref (reader.stream);
  g_main_loop_unref (reader.loop);
}

static void
test_large_feed_streams (void)
{
  GString *body = g_string_new ("{\"docs\":[");
  g_autoptr(TestResponse) bulk = NULL;
  g_autoptr(TestResponse) feed = NULL;

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (body, "%s{\"_id\":\"big-%04u\",\"n\":%u}", i ? "," : "", i, i);
  g_string_append (body, "]}");
  bulk = test_request (ts, "POST", "/ws/_bulk_docs", "ed", body->str);
  g_string_free (body, TRUE);
  g_assert_cmpuint (bulk->status, ==, 201);
  feed = test_request (ts, "GET", "/ws/_changes?style=all_docs", "rita", NULL);
  g_assert_cmpuint (feed->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (feed->headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_cmpuint (json_array_get_length (results_of (feed)), >=, 1500);
  g_assert_cmpint (json_object_get_int_member (test_response_object (feed), "pending"), ==, 0);
}

static void
test_feed_of_deleted_db (void)
{
  g_autoptr(TestServer) own = test_server_start (NULL);
  Poller poller = { .server = own, .path = (char *) "/ws/_changes?feed=longpoll&since=now&timeout=60000" };
  GThread *thread;
  gint64 start;

  {
    g_autoptr(TestResponse) warm = test_request (own, "GET", "/ws", "rita", NULL);
    g_assert_cmpuint (warm->status, ==, 200);
  }
  thread = g_thread_new ("poller", poller_thread, &poller);
  g_usleep (400 * 1000);
  start = g_get_monotonic_time ();
  {
    g_autoptr(TestResponse) del = test_request (own, "DELETE", "/ws", "alice", NULL);
    g_assert_cmpuint (del->status, ==, 200);
  }
  g_thread_join (thread);
  /* the parked feed ends at once instead of after its minute */
  g_assert_cmpuint (poller.resp->status, ==, 404);
  g_assert_cmpint (poller.done_us - start, <, 2 * G_USEC_PER_SEC);
  test_response_free (poller.resp);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  test_template_dir ();
  ts = test_server_start (NULL);
  g_test_add_func ("/server/changes/normal", test_normal);
  g_test_add_func ("/server/changes/longpoll-timeout", test_longpoll_timeout);
  g_test_add_func ("/server/changes/longpoll-fanout", test_longpoll_fanout);
  g_test_add_func ("/server/changes/longpoll-heartbeat", test_longpoll_heartbeat);
  g_test_add_func ("/server/changes/continuous", test_continuous);
  g_test_add_func ("/server/changes/large-feed", test_large_feed_streams);
  g_test_add_func ("/server/changes/deleted-db", test_feed_of_deleted_db);
  rc = g_test_run ();
  test_server_free (ts);
  return rc;
}
