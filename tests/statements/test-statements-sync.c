/* test-statements-sync.c — two delegates edit one statement offline, through a real
 * caucus-server (issue 7, "Concurrent editing").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ana's and Ben's laptops are two stores; the coalition's database lives in an in-process
 * caucus-server on a free loopback port (tests/sync/whole-server.c).  Texts are written
 * the way the statement editor writes them (caucus_statement_save_text), replicated with
 * the real replicator, and after every pull each laptop does what the sync service does:
 * caucus_resolve_documents over what came in.
 *
 *  - different paragraphs: merged automatically (diff3) into one new revision that
 *    holds both edits, with an "automatic-merge" statement-version of the result and
 *    "before-merge" versions of both sides; both laptops and the server converge;
 *  - the same paragraph: nothing is written; the statement is in the review queue with
 *    both texts, the conflicting passage and the redline between them; every word
 *    either wrote is still in both stores and on the server; after Ben chooses, a
 *    "reviewed-merge" version is written and everything converges on his choice. */
#include <string.h>

#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-model-index.h"
#include "caucus-redline.h"
#include "caucus-resolve.h"
#include "caucus-statement-versions.h"
#include "sync-test-util.h"
#include "whole-server.h"

static const char *const base_paragraphs[] = {
  "# Civil society statement on the WSIS+20 review",
  "We, the undersigned organisations, welcome the open consultation on the review.",
  "The review must keep the multistakeholder model that made the Internet Governance Forum work.",
  "We call on member states to publish the zero draft at least four weeks before the session.",
  "Human rights online must be protected as they are offline, including privacy and freedom of expression.",
  "We ask for a permanent mandate for the IGF with stable funding.",
  NULL
};

static WholeServer *server;

typedef struct {
  const char       *id;     /* the statement (one per test: the server is shared) */
  TestStore        *ana;
  TestStore        *ben;
  CaucusModelIndex *ana_index;
  CaucusModelIndex *ben_index;
  char             *url;    /* the coalition's database, with Ana's credentials */
} Coalition;

static char *
join_paragraphs (const char *const *paragraphs)
{
  g_autofree char *joined = g_strjoinv ("\n\n", (char **) paragraphs);

  return g_strconcat (joined, "\n", NULL);
}

/* The base text with paragraph @i replaced by @replacement. */
static char *
edited_text (guint       i,
             const char *replacement)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paragraphs = NULL;

  for (guint j = 0; base_paragraphs[j] != NULL; j++)
    g_strv_builder_add (builder, j == i ? replacement : base_paragraphs[j]);
  paragraphs = g_strv_builder_end (builder);
  return join_paragraphs ((const char *const *) paragraphs);
}

static char *
body_of (CaucusStore *store,
         const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) doc = caucus_document_load (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (caucus_document_get_string (doc, "body"));
}

/* What the editor does when its autosave fires: the statement as this laptop has it,
 * the text in the editor, written with the merge of edits saved elsewhere. */
static void
type_and_autosave (CaucusStore *store,
                   const char  *id,
                   const char  *text,
                   const char  *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) doc = caucus_document_load (store, id, &error);
  g_autofree char *base = NULL;
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  g_assert_true (CAUCUS_IS_STATEMENT (doc));
  base = g_strdup (caucus_document_get_string (doc, "body"));
  g_assert_true (caucus_statement_save_text (store, CAUCUS_STATEMENT (doc), base, text, who, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, text);
}

static void
replicate (CaucusStore                *store,
           const char                 *url,
           CaucusReplicationDirection  direction)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_replicate (store, url, direction, 50, &error));
  g_assert_no_error (error);
}

/* One sync as the app's sync service does it: push, pull, resolve what can be resolved,
 * push again (the merge, if one was written). */
static void
sync_laptop (CaucusStore *store,
             const char  *url,
             const char  *id,
             guint       *n_merged,
             guint       *n_conflicted)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { id, NULL };
  guint merged = 0, conflicted = 0;

  replicate (store, url, CAUCUS_REPLICATION_PUSH);
  replicate (store, url, CAUCUS_REPLICATION_PULL);
  g_assert_true (caucus_resolve_documents (store, ids, &merged, &conflicted, &error));
  g_assert_no_error (error);
  replicate (store, url, CAUCUS_REPLICATION_PUSH);
  if (n_merged != NULL)
    *n_merged = merged;
  if (n_conflicted != NULL)
    *n_conflicted = conflicted;
}

/* The bodies of every live leaf of the statement in @store. */
static GPtrArray *
live_bodies (CaucusStore *store,
             const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = caucus_store_get_open_revs (store, id, NULL, NULL, &error);
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    {
      JsonObject *ok = json_object_get_object_member (open->pdata[i], "ok");

      if (ok != NULL && !json_object_get_boolean_member_with_default (ok, "_deleted", FALSE))
        g_ptr_array_add (bodies, g_strdup (json_object_get_string_member (ok, "body")));
    }
  return bodies;
}

static gboolean
has_body (GPtrArray  *bodies,
          const char *body)
{
  for (guint i = 0; i < bodies->len; i++)
    if (g_strcmp0 (bodies->pdata[i], body) == 0)
      return TRUE;
  return FALSE;
}

/* The statement-versions of the statement with @role, in @index. */
static GPtrArray *
versions_with_role (CaucusModelIndex *index,
                    const char       *id,
                    const char       *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = caucus_statement_list_versions (index, id, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (caucus_statement_version_get_role (all->pdata[i]), role) == 0)
      g_ptr_array_add (out, g_object_ref (all->pdata[i]));
  return out;
}

/* The review queue of @index: the documents with unresolved conflicting revisions. */
static gboolean
in_review_queue (CaucusModelIndex *index,
                 const char       *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocumentList) queue = caucus_document_list_new (index, "statement");

  g_assert_true (caucus_model_index_refresh (index, &error));
  g_assert_no_error (error);
  caucus_document_list_set_conflicts_only (queue, TRUE);
  return caucus_document_list_find (queue, id) >= 0;
}

static void
coalition_setup (Coalition    *c,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) doc = caucus_document_new_of_type ("statement", "ana");
  g_autofree char *base = join_paragraphs (base_paragraphs);
  const char *host = whole_server_get_url (server) + strlen ("http://");

  c->id = data;
  c->ana = test_store_new ();
  c->ben = test_store_new ();
  c->ana_index = caucus_model_index_open (c->ana->store, NULL, &error);
  g_assert_no_error (error);
  c->ben_index = caucus_model_index_open (c->ben->store, NULL, &error);
  g_assert_no_error (error);
  c->url = g_strdup_printf ("http://ana:s3cret-ana@%s/coalition", host);

  /* Ana drafts the statement; both laptops have it before going offline. */
  caucus_document_set_id (doc, c->id);
  caucus_document_set_string (doc, "title", "WSIS+20 review");
  caucus_document_set_string (doc, "status", "draft");
  caucus_document_set_string (doc, "body", base);
  g_assert_true (caucus_document_save (doc, c->ana->store, "ana", &error));
  g_assert_no_error (error);
  sync_laptop (c->ana->store, c->url, c->id, NULL, NULL);
  sync_laptop (c->ben->store, c->url, c->id, NULL, NULL);
  test_assert_same_docs (c->ana->store, c->ben->store);
}

static void
coalition_teardown (Coalition    *c,
                    gconstpointer data)
{
  g_clear_object (&c->ana_index);
  g_clear_object (&c->ben_index);
  test_store_free (c->ana);
  test_store_free (c->ben);
  g_free (c->url);
}

/* Different paragraphs, offline: merged into a new version on their own. */
static void
test_different_paragraphs (Coalition    *c,
                           gconstpointer data)
{
  g_autofree char *ana_text = edited_text (3, "We call on member states to publish the zero draft at least six weeks before the session, in all six UN languages.");
  g_autofree char *ben_text = edited_text (5, "We ask for a permanent mandate for the IGF, with stable and predictable funding.");
  g_autofree char *expected = NULL;
  g_autofree char *ana_body = NULL, *ben_body = NULL;
  g_autoptr(GPtrArray) merges = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) ana_live = NULL;
  g_autoptr(GPtrArray) ben_live = NULL;
  g_autoptr(TestStore) fresh = NULL;
  guint merged = 0, conflicted = 0;

  {
    const char *both[G_N_ELEMENTS (base_paragraphs)];

    memcpy (both, base_paragraphs, sizeof both);
    both[3] = "We call on member states to publish the zero draft at least six weeks before the session, in all six UN languages.";
    both[5] = "We ask for a permanent mandate for the IGF, with stable and predictable funding.";
    expected = join_paragraphs (both);
  }

  /* Offline, each on their own laptop. */
  type_and_autosave (c->ana->store, c->id, ana_text, "ana");
  type_and_autosave (c->ben->store, c->id, ben_text, "ben");

  /* Ana syncs first (nothing to merge yet), then Ben: his pull brings Ana's revision,
   * and the two are merged on his laptop. */
  sync_laptop (c->ana->store, c->url, c->id, &merged, &conflicted);
  g_assert_cmpuint (merged + conflicted, ==, 0);
  sync_laptop (c->ben->store, c->url, c->id, &merged, &conflicted);
  g_assert_cmpuint (merged, ==, 1);
  g_assert_cmpuint (conflicted, ==, 0);
  sync_laptop (c->ana->store, c->url, c->id, NULL, NULL);

  ana_body = body_of (c->ana->store, c->id);
  ben_body = body_of (c->ben->store, c->id);
  g_assert_cmpstr (ben_body, ==, expected);
  g_assert_cmpstr (ana_body, ==, expected);
  ana_live = live_bodies (c->ana->store, c->id);
  ben_live = live_bodies (c->ben->store, c->id);
  g_assert_cmpuint (ana_live->len, ==, 1);
  g_assert_cmpuint (ben_live->len, ==, 1);
  g_assert_false (in_review_queue (c->ana_index, c->id));
  g_assert_false (in_review_queue (c->ben_index, c->id));

  /* The result is a new version; each side's text before it is kept as one too. */
  merges = versions_with_role (c->ana_index, c->id, "automatic-merge");
  g_assert_cmpuint (merges->len, ==, 1);
  g_assert_cmpstr (caucus_document_get_string (merges->pdata[0], "body"), ==, expected);
  before = versions_with_role (c->ana_index, c->id, "before-merge");
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_true ((g_strcmp0 (caucus_document_get_string (before->pdata[0], "body"), ana_text) == 0 &&
                  g_strcmp0 (caucus_document_get_string (before->pdata[1], "body"), ben_text) == 0) ||
                 (g_strcmp0 (caucus_document_get_string (before->pdata[0], "body"), ben_text) == 0 &&
                  g_strcmp0 (caucus_document_get_string (before->pdata[1], "body"), ana_text) == 0));

  /* Both laptops and the server hold the same documents and revisions. */
  test_assert_same_docs (c->ana->store, c->ben->store);
  fresh = test_store_new ();
  replicate (fresh->store, c->url, CAUCUS_REPLICATION_PULL);
  test_assert_same_docs (fresh->store, c->ana->store);
}

/* The same paragraph, offline: the review queue, nothing lost, then a choice. */
static void
test_same_paragraph (Coalition    *c,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *ana_para = "The review must strengthen the multistakeholder model that made the Internet Governance Forum work.";
  const char *ben_para = "The review must keep the multistakeholder model that made the IGF and the WSIS Forum work.";
  g_autofree char *ana_text = edited_text (2, ana_para);
  g_autofree char *ben_text = edited_text (2, ben_para);
  g_autofree char *chosen = edited_text (2, "The review must strengthen the multistakeholder model that made the IGF and the WSIS Forum work.");
  g_autofree char *conflict_rev = NULL, *new_rev = NULL;
  g_autofree char *base = join_paragraphs (base_paragraphs);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(TestStore) fresh = NULL;
  g_autoptr(GPtrArray) reviewed = NULL;
  CaucusResolveOutcome outcome;
  CaucusConflict *body = NULL;
  guint merged = 0, conflicted = 0;

  type_and_autosave (c->ana->store, c->id, ana_text, "ana");
  type_and_autosave (c->ben->store, c->id, ben_text, "ben");
  sync_laptop (c->ana->store, c->url, c->id, NULL, NULL);
  sync_laptop (c->ben->store, c->url, c->id, &merged, &conflicted);
  g_assert_cmpuint (merged, ==, 0);
  g_assert_cmpuint (conflicted, ==, 1);
  sync_laptop (c->ana->store, c->url, c->id, &merged, &conflicted);
  g_assert_cmpuint (merged, ==, 0);
  g_assert_cmpuint (conflicted, ==, 1);

  /* Nothing either wrote is lost: both texts are live leaves on both laptops and on the
   * server, and the statement waits in both review queues. */
  {
    g_autoptr(GPtrArray) ana_live = live_bodies (c->ana->store, c->id);
    g_autoptr(GPtrArray) ben_live = live_bodies (c->ben->store, c->id);

    fresh = test_store_new ();
    replicate (fresh->store, c->url, CAUCUS_REPLICATION_PULL);
    {
      g_autoptr(GPtrArray) server_live = live_bodies (fresh->store, c->id);

      for (guint i = 0; i < 3; i++)
        {
          GPtrArray *live = i == 0 ? ana_live : i == 1 ? ben_live : server_live;

          g_assert_cmpuint (live->len, ==, 2);
          g_assert_true (has_body (live, ana_text));
          g_assert_true (has_body (live, ben_text));
        }
    }
    g_clear_pointer (&fresh, test_store_free);
  }
  g_assert_true (in_review_queue (c->ana_index, c->id));
  g_assert_true (in_review_queue (c->ben_index, c->id));
  {
    g_autoptr(GPtrArray) none = versions_with_role (c->ben_index, c->id, "automatic-merge");
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* What the review queue shows Ben: the body conflicts; both texts; the passage they
   * both changed with the base it came from; the redline from one to the other. */
  g_assert_true (caucus_resolve_document (c->ben->store, c->id, &outcome, NULL, &conflicts,
                                          &conflict_rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, CAUCUS_RESOLVE_CONFLICT);
  for (guint i = 0; i < conflicts->len; i++)
    if (g_strcmp0 (((CaucusConflict *) conflicts->pdata[i])->path, "body") == 0)
      body = conflicts->pdata[i];
  g_assert_nonnull (body);
  {
    const char *ours = json_node_get_string (body->ours);
    const char *theirs = json_node_get_string (body->theirs);
    g_autoptr(GPtrArray) runs = NULL;
    g_autofree char *marked = NULL;
    CaucusTextConflict *hunk;

    g_assert_true ((g_strcmp0 (ours, ana_text) == 0 && g_strcmp0 (theirs, ben_text) == 0) ||
                   (g_strcmp0 (ours, ben_text) == 0 && g_strcmp0 (theirs, ana_text) == 0));
    g_assert_cmpstr (json_node_get_string (body->base), ==, base);
    g_assert_nonnull (body->hunks);
    g_assert_cmpuint (body->hunks->len, ==, 1);
    hunk = body->hunks->pdata[0];
    g_assert_nonnull (strstr (hunk->base, base_paragraphs[2]));
    g_assert_true ((strstr (hunk->ours, ana_para) != NULL && strstr (hunk->theirs, ben_para) != NULL) ||
                   (strstr (hunk->ours, ben_para) != NULL && strstr (hunk->theirs, ana_para) != NULL));

    runs = caucus_redline_compute (ana_text, ben_text, CAUCUS_REDLINE_FLAGS_NONE);
    marked = caucus_redline_to_markdown (runs);
    g_test_message ("redline Ana → Ben: %s", marked);
    g_assert_nonnull (strstr (marked, "{--strengthen--}{++keep++}"));
    g_assert_nonnull (strstr (marked, "{--Internet Governance--}{++IGF and the WSIS++} Forum work."));
  }

  /* Ben chooses in the review queue: a text of his own making from both. */
  choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  {
    JsonNode *node = json_node_new (JSON_NODE_VALUE);

    json_node_set_string (node, chosen);
    g_hash_table_insert (choices, g_strdup ("body"), node);
  }
  for (guint i = 0; i < conflicts->len; i++)
    {
      CaucusConflict *other = conflicts->pdata[i];

      /* Any other field in conflict (none expected beyond updated metadata): his own. */
      if (g_strcmp0 (other->path, "body") != 0)
        g_hash_table_insert (choices, g_strdup (other->path), json_node_copy (other->ours));
    }
  g_assert_true (caucus_resolve_document_with_choices (c->ben->store, c->id, choices, &new_rev, &error));
  g_assert_no_error (error);
  g_assert_nonnull (new_rev);

  sync_laptop (c->ben->store, c->url, c->id, NULL, NULL);
  sync_laptop (c->ana->store, c->url, c->id, &merged, &conflicted);
  g_assert_cmpuint (conflicted, ==, 0);
  sync_laptop (c->ben->store, c->url, c->id, NULL, NULL);

  {
    g_autofree char *ana_body = body_of (c->ana->store, c->id);
    g_autofree char *ben_body = body_of (c->ben->store, c->id);
    g_autoptr(GPtrArray) ana_live = live_bodies (c->ana->store, c->id);

    g_assert_cmpstr (ben_body, ==, chosen);
    g_assert_cmpstr (ana_body, ==, chosen);
    g_assert_cmpuint (ana_live->len, ==, 1);
  }
  g_assert_false (in_review_queue (c->ana_index, c->id));
  g_assert_false (in_review_queue (c->ben_index, c->id));
  reviewed = versions_with_role (c->ana_index, c->id, "reviewed-merge");
  g_assert_cmpuint (reviewed->len, ==, 1);
  g_assert_cmpstr (caucus_document_get_string (reviewed->pdata[0], "body"), ==, chosen);
  test_assert_same_docs (c->ana->store, c->ben->store);
  fresh = test_store_new ();
  replicate (fresh->store, c->url, CAUCUS_REPLICATION_PULL);
  test_assert_same_docs (fresh->store, c->ana->store);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* One server for both; each test has its own statement in the coalition's database. */
  g_test_add ("/statements/sync/different-paragraphs-merge", Coalition, "statement:wsis-review",
              coalition_setup, test_different_paragraphs, coalition_teardown);
  g_test_add ("/statements/sync/same-paragraph-waits-for-review", Coalition, "statement:igf-mandate",
              coalition_setup, test_same_paragraph, coalition_teardown);
  server = whole_server_start ();
  ret = g_test_run ();
  whole_server_stop (server);
  return ret;
}
