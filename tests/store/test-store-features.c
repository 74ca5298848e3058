/* test-store-features.c — search, attachments, the changed signal across threads,
 * migrations, bad input, compaction. */
#include "store-test-util.h"

#include <string.h>
#include <sqlite3.h>

/* ---- search ---------------------------------------------------------------------------- */

static gboolean
hits_contain (GPtrArray  *hits,
              const char *id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_strcmp0 (((CaucusSearchHit *) g_ptr_array_index (hits, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
search (CaucusStore *store,
        const char  *query,
        const char  *type)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = caucus_store_search (store, query, type, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static void
test_search (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = put_json (f->store, "{\"_id\":\"org:1\",\"type\":\"org\",\"name\":\"Internet Society Genève\","
                                            "\"notes\":\"Based in Genève since 1992\",\"website_id\":\"geneva-hidden\"}");
  g_autofree char *r2 = put_json (f->store, "{\"_id\":\"person:1\",\"type\":\"person\",\"name\":\"José Peña\","
                                            "\"bio\":\"Works with the Geneva office\",\"org_id\":\"org:1\"}");
  g_autofree char *r3 = put_json (f->store, "{\"_id\":\"person:2\",\"type\":\"person\",\"name\":\"王伟\","
                                            "\"bio\":\"北京大学 互联网治理\"}");
  g_autofree char *r4 = put_json (f->store, "{\"_id\":\"person:3\",\"type\":\"person\",\"name\":\"مُحَمَّد الهاشمي\","
                                            "\"bio\":\"حرية التعبير\"}");
  g_autofree char *r5 = put_json (f->store, "{\"_id\":\"event:1\",\"type\":\"event\",\"title\":\"Privacy roundtable\","
                                            "\"location\":{\"city\":\"Zürich\"},\"tags\":[\"privacy\",\"encryption\"],"
                                            "\"description\":\"privacy privacy privacy\"}");
  g_autofree char *r6 = put_json (f->store, "{\"_id\":\"event:2\",\"type\":\"event\",\"title\":\"Connectivity\","
                                            "\"description\":\"a long text that mentions privacy once among many other "
                                            "words about spectrum and satellites and rural access\"}");
  g_autoptr(GPtrArray) hits = NULL;
  CaucusSearchHit *hit;

  /* accents and case: "geneve" finds "Genève" */
  hits = search (f->store, "geneve", NULL);
  g_assert_true (hits_contain (hits, "org:1"));
  g_assert_false (hits_contain (hits, "person:1"));  /* "Geneva" is another word */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "GENÈVE", NULL);
  g_assert_true (hits_contain (hits, "org:1"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* search as you type: every word must match, the last as a prefix */
  hits = search (f->store, "jose pe", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->id, ==, "person:1");
  g_assert_cmpstr (hit->title, ==, "José Peña");
  g_assert_cmpstr (hit->type, ==, "person");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "pena jos", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "jose zzz", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "gen", NULL);
  g_assert_true (hits_contain (hits, "org:1"));
  g_assert_true (hits_contain (hits, "person:1"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* identifiers are not searchable */
  hits = search (f->store, "geneva-hidden", NULL);
  g_assert_false (hits_contain (hits, "org:1"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* nested values and arrays are */
  hits = search (f->store, "zurich", NULL);
  g_assert_true (hits_contain (hits, "event:1"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* ranking: bm25 puts the document dense in the term first */
  hits = search (f->store, "privacy", NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (((CaucusSearchHit *) g_ptr_array_index (hits, 0))->id, ==, "event:1");
  g_assert_cmpfloat (((CaucusSearchHit *) g_ptr_array_index (hits, 0))->rank, <,
                     ((CaucusSearchHit *) g_ptr_array_index (hits, 1))->rank);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* type filter */
  hits = search (f->store, "gen", "org");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* CJK: single characters and runs */
  hits = search (f->store, "伟", NULL);
  g_assert_true (hits_contain (hits, "person:2"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "北京", NULL);
  g_assert_true (hits_contain (hits, "person:2"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "京北", NULL);   /* not adjacent in that order */
  g_assert_false (hits_contain (hits, "person:2"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "治", NULL);
  g_assert_true (hits_contain (hits, "person:2"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Arabic, with and without diacritics */
  hits = search (f->store, "محمد", NULL);
  g_assert_true (hits_contain (hits, "person:3"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "الهاش", NULL);
  g_assert_true (hits_contain (hits, "person:3"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "التعبير", NULL);
  g_assert_true (hits_contain (hits, "person:3"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS5 syntax in the query is just text */
  hits = search (f->store, "\"jose\" OR NEAR( *", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "   ", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* the index follows edits and deletions in the same transaction */
  {
    g_autofree char *json = g_strdup_printf ("{\"_id\":\"person:1\",\"_rev\":\"%s\",\"type\":\"person\","
                                             "\"name\":\"Josefina Pérez\"}", r2);
    g_autofree char *r2b = put_json (f->store, json);
    g_autofree char *del = NULL;

    hits = search (f->store, "pena", NULL);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
    hits = search (f->store, "josefina perez", NULL);
    g_assert_cmpuint (hits->len, ==, 1);
    g_clear_pointer (&hits, g_ptr_array_unref);
    del = caucus_store_delete (f->store, "person:1", r2b, &error);
    g_assert_no_error (error);
    hits = search (f->store, "josefina", NULL);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);
  }
  /* a conflict that does not change the winner keeps the index; one that does, updates it */
  put_history (f->store, "{\"_id\":\"event:2\",\"_rev\":\"1-00000000000000000000000000000000\","
                         "\"title\":\"Loser branch\"}");
  hits = search (f->store, "loser", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  put_history (f->store, "{\"_id\":\"event:2\",\"_rev\":\"9-ffffffffffffffffffffffffffffffff\","
                         "\"title\":\"Winner branch\"}");
  hits = search (f->store, "winner", NULL);
  g_assert_true (hits_contain (hits, "event:2"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "connectivity", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_true (caucus_store_integrity_check (f->store, &error));
  g_assert_no_error (error);
}

/* Documents whose members come in another order than the stored canonical body: the
 * index entries removed on update and delete must be exactly those that were added. */
static void
test_search_index_consistency (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revs = g_ptr_array_new_with_free_func (g_free);
  const int n_docs = 40, n_fields = 24, n_edits = 4;

  for (int e = 0; e <= n_edits; e++)
    for (int d = 0; d < n_docs; d++)
      {
        g_autoptr(JsonObject) doc = json_object_new ();
        g_autofree char *id = g_strdup_printf ("doc%02d", d);
        g_autofree char *rev = NULL;

        json_object_set_string_member (doc, "_id", id);
        if (e > 0)
          json_object_set_string_member (doc, "_rev", g_ptr_array_index (revs, d));
        /* members added in reverse name order, values naming doc, field and edit */
        for (int k = n_fields - 1; k >= 0; k--)
          {
            g_autofree char *name = g_strdup_printf ("f%02d", k);
            g_autofree char *value = g_strdup_printf ("w%dd%df%d shared%d common", e, d, k, k);
            json_object_set_string_member (doc, name, value);
          }
        rev = caucus_store_put (f->store, doc, &error);
        g_assert_no_error (error);
        if (e == 0)
          g_ptr_array_add (revs, g_steal_pointer (&rev));
        else
          {
            g_free (g_ptr_array_index (revs, d));
            g_ptr_array_index (revs, d) = g_steal_pointer (&rev);
          }
      }

  /* only the last edit's words are found, each in its one document */
  for (int e = 0; e <= n_edits; e++)
    {
      g_autofree char *q = g_strdup_printf ("w%dd7f3", e);
      g_autoptr(GPtrArray) hits = search (f->store, q, NULL);
      g_assert_cmpuint (hits->len, ==, e == n_edits ? 1 : 0);
    }
  {
    g_autoptr(GPtrArray) hits = caucus_store_search (f->store, "common", NULL, 0, &error);
    g_assert_cmpuint (hits->len, ==, n_docs);
  }
  {
    g_autoptr(GPtrArray) hits = search (f->store, "shared5 common", NULL);
    g_assert_cmpuint (hits->len, ==, MIN (n_docs, 50));
  }

  /* delete everything: nothing may be found any more */
  for (int d = 0; d < n_docs; d++)
    {
      g_autofree char *id = g_strdup_printf ("doc%02d", d);
      g_autofree char *del = caucus_store_delete (f->store, id, g_ptr_array_index (revs, d), &error);
      g_assert_no_error (error);
    }
  {
    static const char *const words[] = { "common", "shared1", "w4d7f3", "w0", "w", "d1", "sh" };
    for (guint i = 0; i < G_N_ELEMENTS (words); i++)
      {
        g_autoptr(GPtrArray) hits = caucus_store_search (f->store, words[i], NULL, 0, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (hits->len, ==, 0);
      }
  }
  g_assert_true (caucus_store_integrity_check (f->store, &error));
}

/* ---- attachments ----------------------------------------------------------------------- */

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_attachments (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  /* "hello world" */
  g_autofree char *r1 = put_json (f->store, "{\"_id\":\"d\",\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\","
                                            "\"data\":\"aGVsbG8gd29ybGQ=\"}}}");
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *att;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *ct = NULL;
  g_autofree char *digest = NULL;

  doc = caucus_store_get (f->store, "d", NULL, &error);
  g_assert_no_error (error);
  att = json_object_get_object_member (json_object_get_object_member (doc, "_attachments"), "a.txt");
  g_assert_true (json_object_get_boolean_member (att, "stub"));
  g_assert_cmpstr (json_object_get_string_member (att, "digest"), ==, "md5-XrY7u+Ae7tCTyyK7j1rNww==");
  g_assert_cmpint (json_object_get_int_member (att, "length"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (att, "revpos"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (att, "content_type"), ==, "text/plain");
  g_clear_pointer (&doc, json_object_unref);

  /* a stub keeps the attachment; revpos stays */
  json = g_strdup_printf ("{\"_id\":\"d\",\"_rev\":\"%s\",\"x\":1,\"_attachments\":{\"a.txt\":{\"stub\":true}}}", r1);
  r2 = put_json (f->store, json);
  {
    CaucusGetOptions opts = { .attachments = TRUE };
    doc = caucus_store_get (f->store, "d", &opts, &error);
    att = json_object_get_object_member (json_object_get_object_member (doc, "_attachments"), "a.txt");
    g_assert_cmpstr (json_object_get_string_member (att, "data"), ==, "aGVsbG8gd29ybGQ=");
    g_assert_cmpint (json_object_get_int_member (att, "revpos"), ==, 1);
    g_clear_pointer (&doc, json_object_unref);
  }
  /* atts_since: the client has r1, which already had the attachment: a stub */
  {
    const char *since[] = { r1, NULL };
    CaucusGetOptions opts = { .attachments = TRUE, .atts_since = since };
    doc = caucus_store_get (f->store, "d", &opts, &error);
    att = json_object_get_object_member (json_object_get_object_member (doc, "_attachments"), "a.txt");
    g_assert_true (json_object_get_boolean_member (att, "stub"));
    g_assert_false (json_object_has_member (att, "data"));
    g_clear_pointer (&doc, json_object_unref);
  }

  /* the same bytes on another document: one blob */
  g_free (put_json (f->store, "{\"_id\":\"e\",\"_attachments\":{\"copy.txt\":{\"content_type\":\"text/plain\","
                              "\"data\":\"aGVsbG8gd29ybGQ=\"}}}"));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM blobs"), ==, 1);

  /* put/get/delete attachment API */
  {
    g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 test", 13);
    r3 = caucus_store_put_attachment (f->store, "d", r2, "paper.pdf", "application/pdf", pdf, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (r3, "3-"));
    bytes = caucus_store_get_attachment (f->store, "d", NULL, "paper.pdf", &ct, &digest, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ct, ==, "application/pdf");
    g_assert_true (g_bytes_equal (bytes, pdf));
    g_assert_true (caucus_store_has_blob (f->store, digest));
  }
  {
    g_autoptr(GBytes) old = caucus_store_get_attachment (f->store, "d", NULL, "a.txt", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (old), ==, 11);
  }
  {
    g_autofree char *r4 = caucus_store_delete_attachment (f->store, "d", r3, "a.txt", &error);
    g_autoptr(GBytes) gone = NULL;

    g_assert_no_error (error);
    gone = caucus_store_get_attachment (f->store, "d", NULL, "a.txt", NULL, NULL, &error);
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_null (caucus_store_delete_attachment (f->store, "d", r4, "nope", &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* an attachment can create a document; on an existing one it needs the rev */
  {
    g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
    g_autofree char *nr = caucus_store_put_attachment (f->store, "logo", NULL, "logo.png", "image/png", png, &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (nr, "1-"));
    again = caucus_store_put_attachment (f->store, "logo", NULL, "logo.png", "image/png", png, &error);
    g_assert_null (again);
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_null (caucus_store_put_attachment (f->store, "logo", nr, "_bad", NULL, png, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* blobs for the replicator: add first, then a stub naming the digest */
  {
    g_autoptr(GBytes) blob = g_bytes_new_static ("replicated bytes", 16);
    g_autofree char *d = caucus_store_add_blob (f->store, blob, &error);
    g_autofree char *doc_json = NULL;
    g_autoptr(GBytes) back = NULL;

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (d, "md5-"));
    doc_json = g_strdup_printf ("{\"_id\":\"r\",\"_rev\":\"2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
                                "\"_attachments\":{\"b.bin\":{\"stub\":true,\"digest\":\"%s\","
                                "\"content_type\":\"application/octet-stream\",\"revpos\":1}}}", d);
    put_history (f->store, doc_json);
    back = caucus_store_get_attachment (f->store, "r", NULL, "b.bin", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (back, blob));
  }
  /* a stub naming bytes the store lacks is refused, nothing written */
  {
    g_autoptr(JsonObject) bad = parse_obj ("{\"_id\":\"s\",\"_rev\":\"1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
                                           "\"_attachments\":{\"x\":{\"stub\":true,\"digest\":\"md5-AAAAAAAAAAAAAAAAAAAAAA==\"}}}");
    g_assert_false (caucus_store_put_with_history (f->store, bad, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (caucus_store_get (f->store, "s", NULL, &error));
    g_clear_error (&error);
  }
  /* compaction drops blobs nobody refers to */
  {
    g_autoptr(GBytes) orphan = g_bytes_new_static ("orphan", 6);
    g_autofree char *od = caucus_store_add_blob (f->store, orphan, &error);
    g_assert_true (caucus_store_has_blob (f->store, od));
    g_assert_true (caucus_store_compact (f->store, &error));
    g_assert_no_error (error);
    g_assert_false (caucus_store_has_blob (f->store, od));
    /* the live attachments survive */
    bytes = caucus_store_get_attachment (f->store, "d", NULL, "paper.pdf", NULL, NULL, &error);
    g_assert_no_error (error);
  }
}

/* ---- changed signal across threads ----------------------------------------------------- */

typedef struct {
  char    *path;
  gboolean ok;
} WorkerData;

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *wd = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  g_autoptr(CaucusStore) store = NULL;

  g_main_context_push_thread_default (ctx);
  store = caucus_store_open (wd->path, &error);
  if (store != NULL && caucus_store_begin (store, &error))
    {
      gboolean ok = TRUE;

      for (int i = 0; i < 100 && ok; i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"_id\":\"w%03d\",\"_rev\":\"1-%032x\"}", i, i);
          g_autoptr(JsonObject) doc = caucus_json_parse_object (json, -1, 64, NULL);
          ok = caucus_store_put_with_history (store, doc, &error);
        }
      wd->ok = ok && caucus_store_commit (store, &error);
    }
  g_main_context_pop_thread_default (ctx);
  return NULL;
}

static void
changed_cb (CaucusStore *store,
            GStrv        ids,
            gpointer     user_data)
{
  GPtrArray *seen = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (seen, g_strdup (ids[i]));
}

static void
count_emission_cb (guint *emissions)
{
  (*emissions)++;
}

static void
test_changed_signal (StoreFixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  WorkerData wd = { f->path, FALSE };
  GThread *thread;
  gint64 deadline;

  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), seen);
  thread = g_thread_new ("writer", worker_thread, &wd);
  g_thread_join (thread);
  g_assert_true (wd.ok);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (seen->len < 100 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen->len, ==, 100);

  /* a write on this connection is reported too, once per commit */
  g_ptr_array_set_size (seen, 0);
  g_free (put_json (f->store, "{\"_id\":\"mine\"}"));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "mine");

  /* commits made before the context runs arrive together, each id once */
  {
    guint emissions = 0;
    gulong handler = g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_emission_cb), &emissions);

    g_ptr_array_set_size (seen, 0);
    g_free (put_json (f->store, "{\"_id\":\"one\"}"));
    g_free (put_json (f->store, "{\"_id\":\"two\"}"));
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) again = caucus_store_get (f->store, "one", NULL, &error);
      g_autofree char *rev = NULL;

      json_object_set_int_member (again, "v", 2);
      rev = caucus_store_put (f->store, again, &error);
      g_assert_no_error (error);
    }
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (emissions, ==, 1);
    g_assert_cmpuint (seen->len, ==, 2);
    g_signal_handler_disconnect (f->store, handler);
  }

  /* a worker connection opened from this store reports to it as well */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CaucusStore) worker = caucus_store_open_worker (f->store, &error);

    g_assert_no_error (error);
    g_ptr_array_set_size (seen, 0);
    g_free (put_json (worker, "{\"_id\":\"theirs\"}"));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    /* both connections live in this thread's context: each emits once */
    g_assert_cmpuint (seen->len, ==, 1);
  }
}

/* ---- migrations ------------------------------------------------------------------------ */

static void
test_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caucus-migrate-XXXXXX", &error);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *future = g_build_filename (dir, "future.db", NULL);
  g_autofree char *uuid = NULL;
  CaucusStore *store;

  /* an empty file is migrated to the current schema */
  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  store = caucus_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (caucus_store_get_uuid (store)), ==, 32);
  uuid = g_strdup (caucus_store_get_uuid (store));
  g_free (put_json (store, "{\"_id\":\"kept\"}"));
  g_object_unref (store);
  g_assert_cmpint (count_rows (empty, "PRAGMA user_version"), >=, 1);

  /* reopening keeps the uuid and the data, and migrates nothing twice */
  store = caucus_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (caucus_store_get_uuid (store), ==, uuid);
  g_assert_cmpint (caucus_store_get_update_seq (store), ==, 1);
  g_assert_true (caucus_store_integrity_check (store, &error));
  g_object_unref (store);

  /* not a database */
  g_assert_true (g_file_set_contents (junk, "this is not sqlite, just text that is long enough to be a header", -1, &error));
  store = caucus_store_open (junk, &error);
  g_assert_null (store);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* a store from a newer Caucus is refused, not damaged */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (future, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 9999", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = caucus_store_open (future, &error);
  g_assert_null (store);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (future, "PRAGMA user_version"), ==, 9999);

  rm_rf (dir);
}

/* ---- bad input ------------------------------------------------------------------------- */

static void
test_bad_input (StoreFixture *f, gconstpointer data)
{
  static const char *const bad_json[] = {
    "{\"_id\":\"a\",",                        /* invalid JSON */
    "[1,2,3]",                                /* not an object */
    "\"text\"",
    "",
    "{\"_id\":\"\"}",                         /* empty id */
    "{\"_id\":\"_secret\"}",                  /* reserved id */
    "{\"_id\":\"_local/\"}",
    "{\"v\":1}",                              /* no id */
    "{\"_id\":5}",
    "{\"_id\":\"a\",\"_rev\":\"abc\"}",       /* malformed revs */
    "{\"_id\":\"a\",\"_rev\":\"1-XYZ\"}",
    "{\"_id\":\"a\",\"_rev\":\"0-abc\"}",
    "{\"_id\":\"a\",\"_rev\":\"-1-abc\"}",
    "{\"_id\":\"a\",\"_rev\":\"01-abc\"}",
    "{\"_id\":\"a\",\"_bogus\":1}",           /* unknown special member */
    "{\"_id\":\"a\",\"_deleted\":\"yes\"}",
    "{\"_id\":\"a\",\"_attachments\":{\"x\":{\"data\":\"not base64!\"}}}",
    "{\"_id\":\"a\",\"_attachments\":{\"x\":{\"stub\":true}}}",
    "{\"_id\":\"a\",\"_attachments\":[]}",
  };
  g_autoptr(GError) error = NULL;
  CaucusStoreInfo info;

  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      g_autofree char *rev = caucus_store_put_json (f->store, bad_json[i], -1, &error);

      g_assert_null (rev);
      g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_clear_error (&error);
    }

  /* invalid UTF-8 in text and in a JsonObject built by code */
  {
    g_autofree char *rev = caucus_store_put_json (f->store, "{\"_id\":\"a\",\"v\":\"\xff\xfe\"}", -1, &error);
    g_autoptr(JsonObject) obj = json_object_new ();

    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    json_object_set_string_member (obj, "_id", "a");
    json_object_set_string_member (obj, "v", "bad \xc3\x28 byte");
    g_assert_null (caucus_store_put (f->store, obj, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    json_object_set_string_member (obj, "v", "ok");
    json_object_set_string_member (obj, "k\xff", "bad key");
    g_assert_null (caucus_store_put (f->store, obj, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* over-deep nesting, as text and as an object */
  {
    GString *deep = g_string_new ("{\"_id\":\"deep\",\"v\":");
    g_autoptr(JsonObject) root = json_object_new ();
    JsonObject *cur = root;

    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    g_assert_null (caucus_store_put_json (f->store, deep->str, deep->len, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_string_free (deep, TRUE);

    json_object_set_string_member (root, "_id", "deep");
    for (int i = 0; i < CAUCUS_JSON_MAX_DEPTH + 5; i++)
      {
        JsonObject *child = json_object_new ();
        json_object_set_object_member (cur, "c", child);
        cur = child;
      }
    g_assert_null (caucus_store_put (f->store, root, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* too large */
  {
    GString *big = g_string_new ("{\"_id\":\"big\",\"v\":\"");
    for (int i = 0; i < 9 * 1024 * 1024; i++)
      g_string_append_c (big, 'x');
    g_string_append (big, "\"}");
    g_assert_null (caucus_store_put_json (f->store, big->str, big->len, &error));
    g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_TOO_LARGE);
    g_clear_error (&error);
    g_string_free (big, TRUE);
  }

  /* replication input: _revisions that do not match _rev, or a missing _rev */
  {
    static const char *const bad_history[] = {
      "{\"_id\":\"h\"}",
      "{\"_id\":\"h\",\"_rev\":\"2-aa\",\"_revisions\":{\"start\":3,\"ids\":[\"aa\",\"bb\"]}}",
      "{\"_id\":\"h\",\"_rev\":\"2-aa\",\"_revisions\":{\"start\":2,\"ids\":[\"bb\",\"cc\"]}}",
      "{\"_id\":\"h\",\"_rev\":\"2-aa\",\"_revisions\":{\"start\":2,\"ids\":[\"aa\",\"bb\",\"cc\"]}}",
      "{\"_id\":\"h\",\"_rev\":\"2-aa\",\"_revisions\":{\"start\":2,\"ids\":[\"aa\",\"NOT HEX\"]}}",
      "{\"_id\":\"h\",\"_rev\":\"2-aa\",\"_revisions\":[\"aa\"]}",
      "{\"_id\":\"_local/h\",\"_rev\":\"1-aa\"}",
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad_history); i++)
      {
        g_autoptr(JsonObject) doc = parse_obj (bad_history[i]);
        g_assert_false (caucus_store_put_with_history (f->store, doc, &error));
        g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID);
        g_clear_error (&error);
      }
  }

  /* nothing at all was written */
  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  g_assert_cmpint (info.doc_count + info.doc_del_count, ==, 0);
  g_assert_cmpint (info.update_seq, ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM revs"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM blobs"), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM local_docs"), ==, 0);

  /* the same inside a bulk transaction: refused documents leave the others intact */
  g_assert_true (caucus_store_begin (f->store, &error));
  g_free (put_json (f->store, "{\"_id\":\"good\"}"));
  g_assert_null (caucus_store_put_json (f->store, "{\"_id\":\"_bad\"}", -1, &error));
  g_clear_error (&error);
  g_assert_true (caucus_store_commit (f->store, &error));
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, 1);

  g_assert_false (caucus_store_validate_id ("_design", NULL));
  g_assert_true (caucus_store_validate_id ("_design/app", NULL));
  g_assert_false (caucus_rev_parse ("1-", NULL, NULL));
  g_assert_false (caucus_rev_parse ("x-1", NULL, NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/store/" name, StoreFixture, NULL, store_fixture_setup, fn, store_fixture_teardown)
  ADD ("search", test_search);
  ADD ("search-index-consistency", test_search_index_consistency);
  ADD ("attachments", test_attachments);
  ADD ("changed-signal", test_changed_signal);
  g_test_add_func ("/store/migrations", test_migrations);
  ADD ("bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
