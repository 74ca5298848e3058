/* test-caucus-server.c — the replicator against an in-process caucus-server (with
 * authentication): round trips, conflicts, resume after cancelling, refused credentials,
 * and a reader, who may pull but not push. */
#include "sync-test-util.h"
#include "caucus-server.h"
#include "caucus-sync-error.h"

#include <string.h>

static char *data_dir;
static char *base_url;       /* http://127.0.0.1:PORT */
static GMainLoop *server_loop;
static GMutex lock;
static GCond ready;

/* The server runs in the thread-default context of its thread; the blocking replicator
 * runs private contexts, so the server gets a thread of its own. */
static gpointer
server_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusServer) server = NULL;

  g_main_context_push_thread_default (context);
  server = g_initable_new (CAUCUS_TYPE_SERVER, NULL, &error, "data-dir", data_dir,
                           "log-requests", FALSE, NULL);
  g_assert_no_error (error);
  g_assert_true (caucus_server_listen (server, "127.0.0.1:0", &error));
  g_mutex_lock (&lock);
  base_url = caucus_server_get_url (server);
  server_loop = g_main_loop_new (context, FALSE);
  g_cond_broadcast (&ready);
  g_mutex_unlock (&lock);
  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static char *
db_url (const char *user,
        const char *password,
        const char *db)
{
  const char *host = base_url + strlen ("http://");
  return g_strdup_printf ("http://%s:%s@%s/%s", user, password, host, db);
}

static void
make_db (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusUsers) users = caucus_users_open (data_dir, &error);

  g_assert_no_error (error);
  g_assert_true (caucus_users_db_create (users, name, &error));
  g_assert_true (caucus_users_grant (users, name, "ana", CAUCUS_ROLE_EDITOR, &error));
  g_assert_true (caucus_users_grant (users, name, "rui", CAUCUS_ROLE_READER, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) local = NULL;

  make_db ("round");
  url = db_url ("ana", "s3cret-ana", "round");
  test_fill_store (a->store);
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 2, &error));
  g_assert_no_error (error);
  g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 2, &error));
  g_assert_no_error (error);
  test_assert_same_docs (a->store, b->store);
  local = caucus_store_get_local (b->store, "_local/device", &error);
  g_assert_null (local);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
}

static void
test_conflicts_and_tombstones (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL, *ja = NULL, *jb = NULL, *del = NULL;
  g_auto(GStrv) leaves = NULL;

  make_db ("conflicts");
  url = db_url ("ana", "s3cret-ana", "conflicts");
  rev = test_put (a->store, "{\"_id\":\"s\",\"type\":\"statement\",\"text\":\"v1\"}");
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
  g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
  ja = g_strdup_printf ("{\"_id\":\"s\",\"_rev\":\"%s\",\"type\":\"statement\",\"text\":\"A\"}", rev);
  g_free (test_put (a->store, ja));
  del = caucus_store_delete (b->store, "s", rev, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
      g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PUSH, 10, &error));
      g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
      g_assert_true (test_replicate (b->store, url, CAUCUS_REPLICATION_PULL, 10, &error));
      g_assert_no_error (error);
    }
  leaves = caucus_store_get_leaves (b->store, "s", &error);
  g_assert_cmpuint (g_strv_length (leaves), ==, 2);
  test_assert_same_docs (a->store, b->store);
}

static void
cancel_cb (CaucusReplicator *r,
           GParamSpec       *pspec,
           GCancellable     *cancellable)
{
  if (caucus_replicator_get_docs_written (r) >= 300)
    g_cancellable_cancel (cancellable);
}

static void
test_resume (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusRemote) remote = NULL;
  g_autoptr(CaucusReplicator) pull = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint64 first;

  make_db ("resume");
  url = db_url ("ana", "s3cret-ana", "resume");
  remote = caucus_remote_new (url, NULL, NULL, &error);
  g_assert_true (caucus_store_begin (a->store, &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"_id\":\"d%04u\",\"type\":\"org\",\"n\":%u}", i, i);
      g_free (test_put (a->store, json));
    }
  g_assert_true (caucus_store_commit (a->store, &error));
  g_assert_true (test_replicate (a->store, url, CAUCUS_REPLICATION_PUSH, 250, &error));
  g_assert_no_error (error);

  pull = caucus_replicator_new (b->store, remote, CAUCUS_REPLICATION_PULL);
  caucus_replicator_set_batch_size (pull, 50);
  g_signal_connect (pull, "notify::docs-written", G_CALLBACK (cancel_cb), cancellable);
  g_assert_false (caucus_replicator_run (pull, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handlers_disconnect_by_func (pull, cancel_cb, cancellable);
  first = caucus_replicator_get_docs_written (pull);
  g_assert_cmpuint (first % 50, ==, 0);
  g_assert_true (caucus_replicator_run (pull, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caucus_replicator_get_docs_read (pull), ==, 1000 - first);
  test_assert_same_docs (a->store, b->store);
}

static void
test_credentials (void)
{
  g_autoptr(TestStore) a = test_store_new ();
  g_autoptr(TestStore) b = test_store_new ();
  g_autofree char *wrong = NULL, *reader = NULL, *editor = NULL;
  g_autoptr(GError) error = NULL;

  make_db ("creds");
  wrong = db_url ("ana", "not-her-password", "creds");
  reader = db_url ("rui", "s3cret-rui", "creds");
  editor = db_url ("ana", "s3cret-ana", "creds");
  test_fill_store (a->store);

  g_assert_false (test_replicate (a->store, wrong, CAUCUS_REPLICATION_PULL, 10, &error));
  g_assert_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "refused these credentials"));
  g_clear_error (&error);

  /* A reader cannot push ... */
  g_assert_false (test_replicate (a->store, reader, CAUCUS_REPLICATION_PUSH, 10, &error));
  g_assert_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  /* ... but pulls, twice, without starting over (whatever the server lets it checkpoint). */
  g_assert_true (test_replicate (a->store, editor, CAUCUS_REPLICATION_PUSH, 10, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CaucusRemote) remote = caucus_remote_new (reader, NULL, NULL, &error);
    g_autoptr(CaucusReplicator) pull = caucus_replicator_new (b->store, remote, CAUCUS_REPLICATION_PULL);

    g_assert_true (caucus_replicator_run (pull, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (caucus_replicator_get_docs_written (pull), ==, 5);
    g_assert_true (caucus_replicator_run (pull, NULL, &error));
    g_assert_cmpuint (caucus_replicator_get_docs_read (pull), ==, 0);
  }
  test_assert_same_docs (a->store, b->store);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  data_dir = g_dir_make_tmp ("caucus-sync-server-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CaucusUsers) users = caucus_users_open (data_dir, &error);
    g_assert_no_error (error);
    g_assert_true (caucus_users_add (users, "ana", "s3cret-ana", &error));
    g_assert_true (caucus_users_add (users, "rui", "s3cret-rui", &error));
    g_assert_no_error (error);
  }
  g_thread_unref (g_thread_new ("caucus-server", server_thread, NULL));
  g_mutex_lock (&lock);
  while (server_loop == NULL)
    g_cond_wait (&ready, &lock);
  g_mutex_unlock (&lock);

  g_test_add_func ("/sync/caucus-server/round-trip", test_round_trip);
  g_test_add_func ("/sync/caucus-server/conflicts-and-tombstones", test_conflicts_and_tombstones);
  g_test_add_func ("/sync/caucus-server/resume", test_resume);
  g_test_add_func ("/sync/caucus-server/credentials", test_credentials);
  ret = g_test_run ();
  g_main_loop_quit (server_loop);
  test_rm_rf (data_dir);
  return ret;
}
