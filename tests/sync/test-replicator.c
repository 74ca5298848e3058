/* test-replicator.c — the replicator against pouchdb-server (npm): round trips of docs,
 * tombstones, attachments and local docs; incremental sync; resume after cancelling;
 * read-only remotes; servers without _bulk_get. */
#include "sync-test-util.h"
#include "caucus-sync-error.h"

static TestPouch *pouch;
static guint db_counter;

static char *
new_db (void)
{
  g_autofree char *name = g_strdup_printf ("db%u", ++db_counter);
  return test_pouch_new_db (pouch, name);
}

static void
test_round_trip (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autofree char *local_url = NULL;
  guint status = 0;
  g_autoptr(JsonNode) remote_local = NULL;
  g_autoptr(GBytes) att = NULL;

  test_fill_store (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 1000, &error));
  g_assert_no_error (error);
  g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 1000, &error));
  g_assert_no_error (error);
  test_assert_same_docs (a->store, b->store);

  /* Attachment bytes arrived. */
  att = caucus_store_get_attachment (b->store, "statement:1", NULL, "draft.txt", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (att, NULL), g_bytes_get_size (att), "hello, delegates\n", 17);

  /* Local docs stay home. */
  local = caucus_store_get_local (b->store, "_local/device", &error);
  g_assert_null (local);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
  local_url = g_strdup_printf ("%s/_local/device", url);
  remote_local = test_http ("GET", local_url, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_incremental (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, &error);
  g_autoptr(CaucusReplicator) pull = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *json = NULL;

  test_fill_store (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 2, &error));
  pull = caucus_replicator_new (b->store, remote, CAUCUS_REPLICATION_PULL);
  caucus_replicator_set_batch_size (pull, 2);
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_written (pull), ==, 5);

  /* Edit one doc: the next round moves exactly that one, in both directions. */
  doc = caucus_store_get (a->store, "org:1", NULL, &error);
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"_id\":\"org:1\",\"_rev\":\"%s\",\"type\":\"org\",\"name\":\"Access Now!\"}",
                          json_object_get_string_member (doc, "_rev"));
  g_free (test_put (a->store, json));
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 2, &error));
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_written (pull), ==, 1);
  test_assert_same_docs (a->store, b->store);

  /* Nothing new: nothing moves. */
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_cmpuint (caucus_replicator_get_docs_read (pull), ==, 0);
}

/* Conflicting edits on two replicas: both leaves reach both sides, same winner. */
static void
test_conflicts (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = new_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = test_put (a->store, "{\"_id\":\"s\",\"type\":\"statement\",\"text\":\"v1\"}");
  g_autofree char *ja = g_strdup_printf ("{\"_id\":\"s\",\"_rev\":\"%s\",\"type\":\"statement\",\"text\":\"A\"}", rev);
  g_autofree char *jb = g_strdup_printf ("{\"_id\":\"s\",\"_rev\":\"%s\",\"type\":\"statement\",\"text\":\"B\"}", rev);
  g_auto(GStrv) leaves = NULL;

  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
  g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
  g_free (test_put (a->store, ja));
  g_free (test_put (b->store, jb));
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
      g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
      g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
      g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
      g_assert_no_error (error);
    }
  leaves = caucus_store_get_leaves (a->store, "s", &error);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);
  test_assert_same_docs (a->store, b->store);
}

static void
cancel_half_cb (CaucusReplicator *r,
                GParamSpec       *pspec,
                GCancellable     *cancellable)
{
  if (caucus_replicator_get_docs_written (r) >= 600)
    g_cancellable_cancel (cancellable);
}

static void
test_resume_after_cancel (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, &error);
  g_autoptr(CaucusReplicator) pull = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CaucusStoreInfo info;
  guint64 first;

  g_assert_true (caucus_store_begin (a->store, &error));
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"doc:%05u\",\"type\":\"org\",\"n\":%u}", i, i);
      g_free (test_put (a->store, json));
    }
  g_assert_true (caucus_store_commit (a->store, &error));
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 500, &error));
  g_assert_no_error (error);

  pull = caucus_replicator_new (b->store, remote, CAUCUS_REPLICATION_PULL);
  caucus_replicator_set_batch_size (pull, 100);
  g_signal_connect (pull, "notify::docs-written", G_CALLBACK (cancel_half_cb), cancellable);
  g_assert_false (caucus_replicator_run (pull, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handlers_disconnect_by_func (pull, cancel_half_cb, cancellable);

  first = caucus_replicator_get_docs_written (pull);
  g_assert_cmpuint (first, >=, 600);
  g_assert_cmpuint (first, <, 2000);
  /* Whole batches only, and the store is sound. */
  g_assert_true (caucus_store_get_info (b->store, &info, &error));
  g_assert_cmpint (info.doc_count % 100, ==, 0);
  g_assert_cmpint (info.doc_count, ==, (gint64) first);
  g_assert_true (caucus_store_integrity_check (b->store, &error));

  /* Resume: only what is left is read again. */
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_read (pull), ==, 2000 - first);
  test_assert_same_docs (a->store, b->store);
}

static void
test_read_only_remote (void)
{
  const char *env[] = { "CAUCUS_REFUSE_LOCAL=1", NULL };
  TestPouch *ro = test_pouch_start (env);
  g_autofree char *url = test_pouch_new_db (ro, "ro");
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, &error);
  g_autoptr(CaucusReplicator) pull = NULL;

  test_fill_store (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 100, &error));
  g_assert_no_error (error);
  pull = caucus_replicator_new (b->store, remote, CAUCUS_REPLICATION_PULL);
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_written (pull), ==, 5);
  /* The remote refused our checkpoint, yet the second run does not start over. */
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_read (pull), ==, 0);
  test_assert_same_docs (a->store, b->store);
  test_pouch_stop (ro);
}

static void
test_no_bulk_get (void)
{
  const char *env[] = { "CAUCUS_NO_BULK_GET=1", NULL };
  TestPouch *old = test_pouch_start (env);
  g_autofree char *url = test_pouch_new_db (old, "old");
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autoptr(GError) error = NULL;

  test_fill_store (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 100, &error));
  g_assert_no_error (error);
  g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 2, &error));
  g_assert_no_error (error);
  test_assert_same_docs (a->store, b->store);
  test_pouch_stop (old);
}

static void
test_missing_database (void)
{
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = g_strdup_printf ("%s/nothing-here", pouch->base);
  g_autoptr(GError) error = NULL;

  g_assert_false (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 100, &error));
  g_assert_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no database"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_have_node ())
    {
      g_printerr ("node or tests/interop/node_modules missing: skipping\n");
      return TEST_SKIP_EXIT;
    }
  pouch = test_pouch_start (NULL);
  g_test_add_func ("/sync/replicator/round-trip", test_round_trip);
  g_test_add_func ("/sync/replicator/incremental", test_incremental);
  g_test_add_func ("/sync/replicator/conflicts", test_conflicts);
  g_test_add_func ("/sync/replicator/resume-after-cancel", test_resume_after_cancel);
  g_test_add_func ("/sync/replicator/read-only-remote", test_read_only_remote);
  g_test_add_func ("/sync/replicator/no-bulk-get", test_no_bulk_get);
  g_test_add_func ("/sync/replicator/missing-database", test_missing_database);
  ret = g_test_run ();
  test_pouch_stop (pouch);
  return ret;
}
