/* caucus-bench-fast-server.c — see caucus-bench-fast-server.h */
#include "caucus-bench-fast-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  guint      n_docs;
  GPtrArray *ids;       /* char* */
  GPtrArray *revs;      /* char* "1-<md5>" */
  GPtrArray *docs;      /* char*: the full document with _revisions, for _bulk_get */
  GHashTable *index;    /* id → position + 1 */
  guint64    sunk;
  char      *url;
  GMutex     lock;
  GCond      ready;
} Fast;

static Fast fast;

static void
reply (SoupServerMessage *msg,
       guint              status,
       GString           *body)
{
  gsize len = body->len;
  char *data = g_string_free (body, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, len);
  /* Node's keep-alive agent trips over this SoupServer's connection reuse ("socket hang
   * up" on the second request); one connection per request, for both clients alike. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  reply (msg, status, g_string_new (text));
}

static void
changes (SoupServerMessage *msg,
         GHashTable        *query)
{
  const char *since_s = query ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_s = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint since = since_s ? (guint) strtoul (since_s, NULL, 10) : 0;
  guint limit = limit_s ? (guint) strtoul (limit_s, NULL, 10) : fast.n_docs;
  guint end = MIN ((guint64) since + limit, fast.n_docs);
  GString *out = g_string_new ("{\"results\":[");

  since = MIN (since, fast.n_docs);
  for (guint i = since; i < end; i++)
    g_string_append_printf (out, "%s{\"seq\":%u,\"id\":\"%s\",\"changes\":[{\"rev\":\"%s\"}]}",
                            i > since ? "," : "", i + 1, (char *) g_ptr_array_index (fast.ids, i),
                            (char *) g_ptr_array_index (fast.revs, i));
  g_string_append_printf (out, "],\"last_seq\":%u,\"pending\":%u}", end, fast.n_docs - end);
  reply (msg, 200, out);
}

static void
bulk_get (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *docs;
  GString *out;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    {
      reply_text (msg, 400, "{\"error\":\"bad_request\",\"reason\":\"invalid json\"}");
      return;
    }
  docs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "docs");
  out = g_string_new ("{\"results\":[");
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (docs, i), "id");
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (fast.index, id));

      if (i > 0)
        g_string_append_c (out, ',');
      if (pos == 0)
        g_string_append_printf (out, "{\"id\":\"%s\",\"docs\":[{\"error\":{\"id\":\"%s\",\"error\":\"not_found\","
                                "\"reason\":\"missing\"}}]}", id, id);
      else
        g_string_append_printf (out, "{\"id\":\"%s\",\"docs\":[{\"ok\":%s}]}", id,
                                (char *) g_ptr_array_index (fast.docs, pos - 1));
    }
  g_string_append (out, "]}");
  reply (msg, 200, out);
}

static void
revs_diff (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) ids = NULL;
  JsonObject *req;
  GString *out = g_string_new ("{");

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    {
      g_string_free (out, TRUE);
      reply_text (msg, 400, "{\"error\":\"bad_request\",\"reason\":\"invalid json\"}");
      return;
    }
  req = json_node_get_object (json_parser_get_root (parser));
  ids = json_object_get_members (req);
  for (GList *l = ids; l; l = l->next)
    {
      g_autoptr(JsonNode) revs = json_node_copy (json_object_get_member (req, l->data));
      g_autofree char *text = json_to_string (revs, FALSE);
      g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);
      g_autofree char *ktext = json_to_string (key, FALSE);

      g_string_append_printf (out, "%s%s:{\"missing\":%s}", l == ids ? "" : ",", ktext, text);
    }
  g_string_append_c (out, '}');
  reply (msg, 200, out);
}

static void
bulk_docs (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n = 0;

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    n = json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "docs"));
  g_mutex_lock (&fast.lock);
  fast.sunk += n;
  g_mutex_unlock (&fast.lock);
  reply_text (msg, 201, "[]");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);
  const char *rest;

  g_debug ("fast server: %s %s", method, path);

  if (g_str_has_prefix (path, "/fast"))
    rest = path + 5;
  else if (g_str_has_prefix (path, "/sink"))
    rest = path + 5;
  else
    {
      reply_text (msg, 200, "{\"couchdb\":\"Welcome\",\"version\":\"3.3.0\"}");
      return;
    }
  if (*rest == '\0' || strcmp (rest, "/") == 0)
    {
      gboolean is_fast = g_str_has_prefix (path, "/fast");
      g_autofree char *info = g_strdup_printf ("{\"db_name\":\"%s\",\"doc_count\":%u,\"update_seq\":%u,"
                                               "\"instance_start_time\":\"0\"}",
                                               is_fast ? "fast" : "sink",
                                               is_fast ? fast.n_docs : 0, is_fast ? fast.n_docs : 0);
      reply_text (msg, strcmp (method, "PUT") == 0 ? 412 : 200, info);
    }
  else if (g_str_has_prefix (rest, "/_local/"))
    {
      if (strcmp (method, "GET") == 0)
        reply_text (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
      else
        reply_text (msg, 201, "{\"ok\":true,\"id\":\"_local/x\",\"rev\":\"0-1\"}");
    }
  else if (g_str_has_prefix (rest, "/_changes"))
    changes (msg, query);
  else if (g_str_has_prefix (rest, "/_bulk_get"))
    bulk_get (msg);
  else if (g_str_has_prefix (rest, "/_revs_diff"))
    revs_diff (msg);
  else if (g_str_has_prefix (rest, "/_bulk_docs"))
    bulk_docs (msg);
  else if (g_str_has_prefix (rest, "/_ensure_full_commit"))
    reply_text (msg, 201, "{\"ok\":true,\"instance_start_time\":\"0\"}");
  else
    reply_text (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
}

static gpointer
fast_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("fast server: %s", error->message);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&fast.lock);
  fast.url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_broadcast (&fast.ready);
  g_mutex_unlock (&fast.lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  loop = g_main_loop_new (context, FALSE);
  g_main_loop_run (loop);
  return NULL;
}

char *
caucus_bench_fast_server_start (guint       n_docs,
                                const char *filler)
{
  fast.n_docs = n_docs;
  fast.ids = g_ptr_array_new_with_free_func (g_free);
  fast.revs = g_ptr_array_new_with_free_func (g_free);
  fast.docs = g_ptr_array_new_with_free_func (g_free);
  fast.index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_docs; i++)
    {
      char *id = g_strdup_printf ("fast:%07u", i);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_MD5, id, -1);

      g_ptr_array_add (fast.ids, id);
      g_ptr_array_add (fast.revs, g_strconcat ("1-", hash, NULL));
      g_ptr_array_add (fast.docs, g_strdup_printf (
        "{\"_id\":\"%s\",\"_rev\":\"1-%s\",\"type\":\"org\",\"name\":\"Organisation %u\",\"country\":\"KE\","
        "\"tags\":[\"igf\",\"itu\",\"wsis\"],\"email\":\"contact%u@example.org\",\"notes\":\"%s\","
        "\"_revisions\":{\"start\":1,\"ids\":[\"%s\"]}}", id, hash, i, i, filler, hash));
      g_hash_table_insert (fast.index, id, GUINT_TO_POINTER (i + 1));
    }
  g_thread_unref (g_thread_new ("fast-couch", fast_thread, NULL));
  g_mutex_lock (&fast.lock);
  while (fast.url == NULL)
    g_cond_wait (&fast.ready, &fast.lock);
  g_mutex_unlock (&fast.lock);
  return g_strdup (fast.url);
}

guint64
caucus_bench_fast_server_sunk (void)
{
  guint64 n;

  g_mutex_lock (&fast.lock);
  n = fast.sunk;
  g_mutex_unlock (&fast.lock);
  return n;
}
