/* test-whole-e2e.c — two workspaces of one coalition through a real in-process
 * caucus-server, as the app drives them: an edit on one shows on the other with its
 * digest entries ("what changed since I last synced"); an unmergeable conflict waits,
 * is resolved with a person's choices, and both workspaces and the server converge. */
#include "caucus-digest.h"
#include "caucus-resolve.h"
#include "caucus-sync-probe.h"
#include "sync-test-util.h"
#include "whole-server.h"

#include <string.h>

static WholeServer *server;

typedef struct {
  TestStore *ana;    /* Ana's laptop */
  TestStore *ben;    /* Ben's laptop */
  char      *url;    /* the coalition's database, with Ana's credentials */
} Coalition;

static void
sync_both_ways (CaucusStore *store,
                const char  *url)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_replicate (store, url, CAUCUS_REPLICATION_PUSH, 50, &error));
  g_assert_no_error (error);
  g_assert_true (test_replicate (store, url, CAUCUS_REPLICATION_PULL, 50, &error));
  g_assert_no_error (error);
  /* As the sync service does: what a pull wrote goes through the push feed too (the
   * server has it all, so nothing moves), and the push checkpoint catches up. */
  g_assert_true (test_replicate (store, url, CAUCUS_REPLICATION_PUSH, 50, &error));
  g_assert_no_error (error);
}

static const CaucusDigestEntry *
find_entry (GPtrArray        *entries,
            CaucusDigestKind  kind,
            const char       *doc_id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const CaucusDigestEntry *e = entries->pdata[i];
      if (e->kind == kind && g_str_equal (e->doc_id, doc_id))
        return e;
    }
  return NULL;
}

static char *
get_rev (CaucusStore *store,
         const char  *id)
{
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, NULL);
  g_assert_nonnull (doc);
  return g_strdup (json_object_get_string_member (doc, "_rev"));
}

/* Replaces @member of the winner of @id with the JSON value @value_json. */
static void
edit (CaucusStore *store,
      const char  *id,
      const char  *member,
      const char  *value_json,
      const char  *by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, &error);
  g_autoptr(JsonNode) value = json_from_string (value_json, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  json_object_set_member (doc, member, g_steal_pointer (&value));
  json_object_set_string_member (doc, "updated_by", by);
  rev = caucus_store_put (store, doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
}

static void
coalition_setup (Coalition    *c,
                 gconstpointer data)
{
  const char *host = whole_server_get_url (server) + strlen ("http://");
  g_autofree char *db = g_strdup_printf ("coalition");

  c->ana = test_store_new ();
  c->ben = test_store_new ();
  c->url = g_strdup_printf ("http://ana:s3cret-ana@%s/%s", host, db);
}

static void
coalition_teardown (Coalition    *c,
                    gconstpointer data)
{
  test_store_free (c->ana);
  test_store_free (c->ben);
  g_free (c->url);
}

static void
test_digest_and_review (Coalition    *c,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) digest = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(TestStore) fresh = NULL;
  g_autofree char *conflict_rev = NULL, *merged_rev = NULL;
  g_autofree char *statement_rev_before = NULL;
  g_auto(GStrv) leaves = NULL;
  const CaucusDigestEntry *e;
  CaucusResolveOutcome outcome;
  gint64 mark;

  /* The connect dialog's test passes before anything syncs. */
  {
    g_autofree char *plain = g_strdup_printf ("%s/coalition", whole_server_get_url (server));
    g_autoptr(CaucusProbeResult) probe = caucus_sync_probe (plain, "ana", "s3cret-ana", 5, NULL,
                                                            &error);
    g_assert_no_error (error);
    g_assert_cmpint (probe->outcome, ==, CAUCUS_PROBE_OK);
  }

  /* Ana sets up the workspace; Ben joins and reads it. */
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"org-apc\",\"type\":\"org\",\"name\":\"Association for Progressive "
                    "Communications\",\"kind\":\"civil-society\",\"updated_by\":\"ana\"}"));
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"ev-baku\",\"type\":\"event\",\"kind\":\"conference\","
                    "\"title\":\"Best Bits\",\"start\":\"2012-11-03T05:00:00Z\","
                    "\"end\":\"2012-11-04T14:00:00Z\",\"time_zone\":\"Asia/Baku\","
                    "\"updated_by\":\"ana\"}"));
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"ev-s1\",\"type\":\"event\",\"kind\":\"session\",\"parent_id\":"
                    "\"ev-baku\",\"title\":\"Human rights and the ITRs\",\"start\":"
                    "\"2012-11-03T06:00:00Z\",\"end\":\"2012-11-03T07:30:00Z\",\"time_zone\":"
                    "\"Asia/Baku\",\"location\":{\"room\":\"Room A\"},\"updated_by\":\"ana\"}"));
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"st-wcit\",\"type\":\"statement\",\"title\":\"Civil society "
                    "statement on the WCIT\",\"status\":\"draft\",\"body\":\"We call on "
                    "governments.\\n\\nWe ask for transparency.\\n\",\"updated_by\":\"ana\"}"));
  sync_both_ways (c->ana->store, c->url);
  sync_both_ways (c->ben->store, c->url);
  test_assert_same_docs (c->ana->store, c->ben->store);

  /* Ben's app shows the first digest and remembers where it stopped. */
  digest = caucus_digest_compute (c->ben->store, caucus_digest_get_mark (c->ben->store), -1,
                                  "ben", &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_entry (digest, CAUCUS_DIGEST_NEW_SESSION, "ev-s1"));
  g_assert_nonnull (find_entry (digest, CAUCUS_DIGEST_NEW_ORG, "org-apc"));
  g_assert_nonnull (find_entry (digest, CAUCUS_DIGEST_NEW_STATEMENT, "st-wcit"));
  g_clear_pointer (&digest, g_ptr_array_unref);
  mark = caucus_store_get_update_seq (c->ben->store);
  g_assert_true (caucus_digest_set_mark (c->ben->store, mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (caucus_digest_get_mark (c->ben->store), ==, mark);
  statement_rev_before = get_rev (c->ben->store, "st-wcit");

  /* Ana moves the session, edits the draft twice, APC signs, a person joins. */
  edit (c->ana->store, "ev-s1", "start", "\"2012-11-03T08:00:00Z\"", "ana");
  edit (c->ana->store, "ev-s1", "location", "{\"room\":\"Room B\"}", "ana");
  edit (c->ana->store, "st-wcit", "body",
        "\"We call on governments.\\n\\nWe ask for full transparency.\\n\"", "ana");
  edit (c->ana->store, "st-wcit", "body",
        "\"We call on all governments.\\n\\nWe ask for full transparency.\\n\"", "ana");
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"sig-apc\",\"type\":\"signature\",\"statement_id\":\"st-wcit\","
                    "\"org_id\":\"org-apc\",\"signed_by\":\"Ana\",\"signed_at\":"
                    "\"2012-11-02T10:00:00Z\",\"updated_by\":\"ana\"}"));
  g_free (test_put (c->ana->store,
                    "{\"_id\":\"p-rui\",\"type\":\"person\",\"name\":\"Rui Pereira\",\"org_id\":"
                    "\"org-apc\",\"updated_by\":\"ana\"}"));
  /* Ben's own edit meanwhile is not news to Ben. */
  edit (c->ben->store, "org-apc", "website", "\"https://www.apc.org\"", "ben");
  /* Removing Ben's workspace now would lose that edit: the dialog warns about it. */
  {
    guint n = 0;
    g_assert_true (caucus_sync_count_unpushed (c->ben->store, c->url, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_true (caucus_sync_count_unpushed (c->ben->store, NULL, &n, &error));
    g_assert_cmpuint (n, ==, 4);   /* with no server, every document is only here */
  }

  sync_both_ways (c->ana->store, c->url);
  sync_both_ways (c->ben->store, c->url);
  sync_both_ways (c->ana->store, c->url);
  test_assert_same_docs (c->ana->store, c->ben->store);
  {
    guint n = 99;
    g_assert_true (caucus_sync_count_unpushed (c->ben->store, c->url, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 0);
  }

  digest = caucus_digest_compute (c->ben->store, mark, -1, "ben", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < digest->len; i++)
    {
      const CaucusDigestEntry *d = digest->pdata[i];
      g_test_message ("%s: %s — %s", caucus_digest_kind_heading (d->kind), d->title,
                      d->detail ? d->detail : "");
    }
  e = find_entry (digest, CAUCUS_DIGEST_MOVED_SESSION, "ev-s1");
  g_assert_nonnull (e);
  /* shown in the venue's zone, with both rooms */
  g_assert_nonnull (strstr (e->detail, "10:00"));
  g_assert_nonnull (strstr (e->detail, "12:00"));
  g_assert_nonnull (strstr (e->detail, "Room A → Room B"));
  e = find_entry (digest, CAUCUS_DIGEST_EDITED_DRAFT, "st-wcit");
  g_assert_nonnull (e);
  /* the redline runs from the text Ben last had to the new one */
  g_assert_cmpstr (e->old_rev, ==, statement_rev_before);
  e = find_entry (digest, CAUCUS_DIGEST_NEW_SIGNATURE, "sig-apc");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->title, ==, "Association for Progressive Communications");
  g_assert_cmpstr (e->link_id, ==, "st-wcit");
  e = find_entry (digest, CAUCUS_DIGEST_NEW_PERSON, "p-rui");
  g_assert_nonnull (e);
  g_assert_cmpstr (e->detail, ==, "Association for Progressive Communications");
  g_assert_null (find_entry (digest, CAUCUS_DIGEST_EDITED, "org-apc"));
  g_assert_cmpuint (digest->len, ==, 4);
  /* Ana sees Ben's website edit as the one change from others. */
  own = caucus_digest_compute (c->ana->store, mark, -1, "ana", &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_entry (own, CAUCUS_DIGEST_EDITED, "org-apc"));

  /* Both edit the same session's title offline: a true conflict. */
  edit (c->ana->store, "ev-s1", "title", "\"Human rights and the ITRs (plenary)\"", "ana");
  edit (c->ben->store, "ev-s1", "title", "\"Human rights at the WCIT\"", "ben");
  sync_both_ways (c->ana->store, c->url);
  sync_both_ways (c->ben->store, c->url);
  sync_both_ways (c->ana->store, c->url);
  leaves = caucus_store_get_leaves (c->ben->store, "ev-s1", &error);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);

  g_assert_true (caucus_resolve_document (c->ben->store, "ev-s1", &outcome, NULL, &conflicts,
                                          &conflict_rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_CONFLICT);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((CaucusConflict *) conflicts->pdata[0])->path, ==, "title");
  /* nothing was discarded while the conflict waits */
  g_strfreev (leaves);
  leaves = caucus_store_get_leaves (c->ben->store, "ev-s1", &error);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);

  /* Ben decides in the review queue: Ana's title. */
  choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) json_node_unref);
  g_hash_table_insert (choices, g_strdup ("title"),
                       json_from_string ("\"Human rights and the ITRs (plenary)\"", NULL));
  g_assert_true (caucus_resolve_document_with_choices (c->ben->store, "ev-s1", choices,
                                                       &merged_rev, &error));
  g_assert_no_error (error);
  g_assert_nonnull (merged_rev);

  sync_both_ways (c->ben->store, c->url);
  sync_both_ways (c->ana->store, c->url);
  test_assert_same_docs (c->ana->store, c->ben->store);
  g_strfreev (leaves);
  leaves = caucus_store_get_leaves (c->ana->store, "ev-s1", &error);
  g_assert_cmpstr (leaves[0], ==, merged_rev);
  {
    g_autoptr(JsonObject) doc = caucus_store_get (c->ana->store, "ev-s1", NULL, &error);
    g_autoptr(GPtrArray) open = NULL;
    guint live = 0;

    g_assert_cmpstr (json_object_get_string_member (doc, "title"), ==,
                     "Human rights and the ITRs (plenary)");
    /* the session's move survived the decision */
    g_assert_cmpstr (json_object_get_string_member (doc, "start"), ==, "2012-11-03T08:00:00Z");
    open = caucus_store_get_open_revs (c->ana->store, "ev-s1", NULL, NULL, &error);
    for (guint i = 0; i < open->len; i++)
      {
        JsonObject *ok = json_object_get_object_member (open->pdata[i], "ok");
        if (ok && !json_object_get_boolean_member_with_default (ok, "_deleted", FALSE))
          live++;
      }
    g_assert_cmpuint (live, ==, 1);
  }

  /* The server holds the same: a fresh replica pulled from it matches both. */
  fresh = test_store_new ();
  g_assert_true (test_replicate (fresh->store, c->url, CAUCUS_REPLICATION_PULL, 50, &error));
  g_assert_no_error (error);
  test_assert_same_docs (fresh->store, c->ana->store);
  test_assert_same_docs (fresh->store, c->ben->store);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = whole_server_start ();
  g_test_add ("/sync/whole/digest-and-review", Coalition, NULL, coalition_setup,
              test_digest_and_review, coalition_teardown);
  ret = g_test_run ();
  whole_server_stop (server);
  return ret;
}
