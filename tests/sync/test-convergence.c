/* test-convergence.c — three replicas and one server (pouchdb-server).  Thousands of random
 * operations (create, edit, edit a conflicting leaf, delete, edit after delete,
 * attachments) land offline on random replicas, which sync in random order and directions,
 * with random batch sizes and random interruptions.  At the end every replica (and a fresh
 * one pulled from the server) has the same winner, the same leaves and the same bodies for
 * every document, and every revision any replica ever wrote is in every tree.
 * Seeded: CAUCUS_SEED=<n> replays a run; the seed is printed first. */
#include "sync-test-util.h"

#include <string.h>

#define N_REPLICAS 3
#define N_OPS      2500
#define N_IDS      60

static TestPouch *pouch;
static guint seed;

typedef struct {
  GCancellable *cancellable;
  guint         delay_us;
} Interrupt;

static gpointer
interrupt_thread (gpointer data)
{
  Interrupt *in = data;

  g_usleep (in->delay_us);
  g_cancellable_cancel (in->cancellable);
  return NULL;
}

static void
record (GHashTable *written,
        const char *id,
        const char *rev)
{
  GPtrArray *revs = g_hash_table_lookup (written, id);

  if (revs == NULL)
    {
      revs = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (written, g_strdup (id), revs);
    }
  g_ptr_array_add (revs, g_strdup (rev));
}

static char *
random_body (GRand      *rand,
             const char *id,
             const char *rev)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  static const char *words[] = { "IGF", "ITU", "WSIS", "Access", "Privacy", "Kigali", "Geneva", "São Paulo",
                                 "Ελλάδα", "東京", "القاهرة" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "_id");
  json_builder_add_string_value (b, id);
  if (rev != NULL)
    {
      json_builder_set_member_name (b, "_rev");
      json_builder_add_string_value (b, rev);
    }
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "org");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, g_rand_int_range (rand, 0, 1000000));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return caucus_json_to_string (root, NULL);
}

/* One random edit on @store; returns TRUE if it wrote something. */
static void
random_op (GRand       *rand,
           CaucusStore *store,
           GHashTable  *written)
{
  g_autofree char *id = g_strdup_printf ("doc:%02d", g_rand_int_range (rand, 0, N_IDS));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) winner = caucus_store_get (store, id, NULL, &error);
  gboolean exists = winner != NULL;
  gboolean deleted = g_error_matches (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
  const char *wrev = exists ? json_object_get_string_member (winner, "_rev") : NULL;
  int what = g_rand_int_range (rand, 0, 100);
  g_autofree char *rev = NULL;

  g_clear_error (&error);
  if (what < 40)
    {
      /* create, edit the winner, or edit after delete (no _rev on a deleted doc) */
      g_autofree char *body = random_body (rand, id, wrev);
      rev = caucus_store_put_json (store, body, -1, &error);
    }
  else if (what < 55)
    {
      /* edit some leaf, maybe a losing or deleted one: grows conflict branches */
      g_auto(GStrv) leaves = caucus_store_get_leaves (store, id, NULL);
      if (leaves != NULL && leaves[0] != NULL)
        {
          const char *leaf = leaves[g_rand_int_range (rand, 0, g_strv_length (leaves))];
          g_autofree char *body = random_body (rand, id, leaf);
          rev = caucus_store_put_json (store, body, -1, &error);
        }
    }
  else if (what < 75)
    {
      if (exists)
        rev = caucus_store_delete (store, id, wrev, &error);
    }
  else
    {
      if (exists || !deleted)
        {
          guint len = g_rand_int_range (rand, 1, 3000);
          g_autofree guint8 *data = g_malloc (len);
          g_autofree char *name = g_strdup_printf ("file%d.bin", g_rand_int_range (rand, 0, 3));
          g_autoptr(GBytes) bytes = NULL;

          for (guint i = 0; i < len; i++)
            data[i] = (guint8) g_rand_int (rand);
          bytes = g_bytes_new (data, len);
          rev = caucus_store_put_attachment (store, id, wrev, name, "application/octet-stream", bytes, &error);
        }
    }
  if (error != NULL)
    g_error ("seed %u: local write on %s failed: %s", seed, id, error->message);
  if (rev != NULL)
    record (written, id, rev);
}

static void
random_sync (GRand       *rand,
             CaucusStore *store,
             const char  *url,
             gboolean     may_interrupt)
{
  g_autoptr(CaucusRemote) remote = caucus_remote_new (url, NULL, NULL, NULL);
  CaucusReplicationDirection dir = g_rand_boolean (rand) ? CAUCUS_REPLICATION_PULL : CAUCUS_REPLICATION_PUSH;
  g_autoptr(CaucusReplicator) r = caucus_replicator_new (store, remote, dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Interrupt in = { cancellable, 0 };
  GThread *thread = NULL;

  caucus_replicator_set_batch_size (r, g_rand_int_range (rand, 1, 25));
  if (may_interrupt && g_rand_int_range (rand, 0, 100) < 30)
    {
      in.delay_us = g_rand_int_range (rand, 0, 40000);
      thread = g_thread_new ("interrupt", interrupt_thread, &in);
    }
  if (!caucus_replicator_run (r, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_error ("seed %u: %s failed: %s", seed, dir == CAUCUS_REPLICATION_PULL ? "pull" : "push", error->message);
  if (thread != NULL)
    g_thread_join (thread);
}

static void
assert_has_all (CaucusStore *store,
                GHashTable  *written,
                const char  *name)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) diff = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *revs = value;
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < revs->len; i++)
        json_array_add_string_element (arr, g_ptr_array_index (revs, i));
      json_object_set_array_member (request, key, arr);
    }
  diff = caucus_store_revs_diff (store, request, &error);
  g_assert_no_error (error);
  if (json_object_get_size (diff) != 0)
    {
      g_autoptr(JsonNode) n = json_node_init_object (json_node_alloc (), diff);
      g_autofree char *text = caucus_json_to_string (n, NULL);
      g_error ("seed %u: %s lost revisions: %s", seed, name, text);
    }
}

static void
test_convergence (void)
{
  const char *env_seed = g_getenv ("CAUCUS_SEED");
  g_autoptr(GRand) rand = NULL;
  g_autofree char *url = test_pouch_new_db (pouch, "converge");
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  TestStore *replicas[N_REPLICAS];
  g_autoptr(TestStore) fresh = test_store_new ();
  g_autoptr(GError) error = NULL;
  guint syncs = 0;

  seed = env_seed ? (guint) g_ascii_strtoull (env_seed, NULL, 10) : (guint) g_test_rand_int ();
  g_printerr ("# convergence seed %u (replay with CAUCUS_SEED=%u)\n", seed, seed);
  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < N_REPLICAS; i++)
    replicas[i] = test_store_new ();

  for (guint op = 0; op < N_OPS; op++)
    {
      TestStore *r = replicas[g_rand_int_range (rand, 0, N_REPLICAS)];

      if (g_rand_int_range (rand, 0, 100) < 12)
        {
          random_sync (rand, r->store, url, TRUE);
          syncs++;
        }
      else
        random_op (rand, r->store, written);
    }
  g_test_message ("%u operations, %u interrupted-or-not syncs, %u documents",
                  N_OPS, syncs, g_hash_table_size (written));

  /* Everyone pushes, then everyone pulls: the server and every replica hold the union. */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < N_REPLICAS; i++)
        if (!test_replicate (replicas[i]->store, url, CAUCUS_REPLICATION_PUSH, 100, &error))
          g_error ("seed %u: final push: %s", seed, error->message);
      for (guint i = 0; i < N_REPLICAS; i++)
        if (!test_replicate (replicas[i]->store, url, CAUCUS_REPLICATION_PULL, 100, &error))
          g_error ("seed %u: final pull: %s", seed, error->message);
    }
  g_assert_true (test_replicate (fresh->store, url, CAUCUS_REPLICATION_PULL, 1000, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autofree char *name = g_strdup_printf ("replica %u", i);
      g_assert_true (caucus_store_integrity_check (replicas[i]->store, &error));
      assert_has_all (replicas[i]->store, written, name);
      test_assert_same_docs (replicas[0]->store, replicas[i]->store);
    }
  assert_has_all (fresh->store, written, "a fresh replica of the server");
  test_assert_same_docs (replicas[0]->store, fresh->store);
  for (guint i = 0; i < N_REPLICAS; i++)
    test_store_free (replicas[i]);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_have_node ())
    return TEST_SKIP_EXIT;
  pouch = test_pouch_start (NULL);
  g_test_add_func ("/sync/convergence/three-replicas", test_convergence);
  ret = g_test_run ();
  test_pouch_stop (pouch);
  return ret;
}
