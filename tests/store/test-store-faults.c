/* test-store-faults.c — the store when the disk is full or the store is read-only (issue 11).
 *
 * Faults are provoked without root: SQLite's max_page_count (the database may not grow:
 * SQLITE_FULL), the process file-size limit (RLIMIT_FSIZE: the kernel refuses to write
 * past it, as on a full disk, in the database and in its WAL), PRAGMA query_only
 * (SQLITE_READONLY) and, when not running as root, a store file the user may not write.
 * In every case: a clear CAUCUS_STORE_ERROR naming the store, the file intact
 * (integrity_check), every write that was acknowledged still there with its revision
 * after reopening, nothing of the failed write visible, and writes succeed again once the
 * fault is gone. */
#include "caucus-store.h"
#include "caucus-store-private.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  char        *dir;
  char        *path;
  CaucusStore *store;
  GHashTable  *acked;   /* id → rev the store acknowledged */
} Fixture;

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  g_rmdir (dir);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caucus-store-faults-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
  f->acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_chmod (f->dir, 0700);
  if (f->path != NULL)
    g_chmod (f->path, 0600);
  rm_rf (f->dir);
  g_hash_table_unref (f->acked);
  g_free (f->path);
  g_free (f->dir);
}

/* A document of about @size bytes (a text field of letters from several scripts). */
static char *
doc_json (const char *id,
          gsize       size)
{
  static const char *words[] = { "Access", "أمينة", "Ситуация", "中文段落", "Délégation", "Ñandú" };
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; body->len < size; i++)
    {
      g_string_append (body, words[i % G_N_ELEMENTS (words)]);
      g_string_append_c (body, ' ');
    }
  return g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"note\",\"body\":\"%s\"}", id, body->str);
}

/* Puts and, on success, records the acknowledged revision. */
static char *
put_doc (Fixture    *f,
         const char *id,
         gsize       size,
         GError    **error)
{
  g_autofree char *json = doc_json (id, size);
  char *rev = caucus_store_put_json (f->store, json, -1, error);

  if (rev != NULL)
    g_hash_table_replace (f->acked, g_strdup (id), g_strdup (rev));
  return rev;
}

static void
fill (Fixture *f,
      guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("ack:%03u", i);
      g_autofree char *rev = put_doc (f, id, 2000, &error);

      g_assert_no_error (error);
    }
}

/* Every acknowledged document is there at its acknowledged revision, the file passes
 * integrity_check, and @absent ids are not there at all. */
static void
assert_intact (CaucusStore        *store,
               GHashTable         *acked,
               const char * const *absent)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer id, rev;

  gboolean ok = caucus_store_integrity_check (store, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &id, &rev))
    {
      g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, rev);
    }
  for (guint i = 0; absent != NULL && absent[i] != NULL; i++)
    {
      g_autoptr(JsonObject) doc = caucus_store_get (store, absent[i], NULL, &error);

      g_assert_null (doc);
      g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
}

/* Closes and reopens the file: what was acknowledged survived on disk. */
static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
}

static gint64
pragma_int (CaucusStore *store,
            const char  *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = caucus_store_stmt (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
set_pragma (CaucusStore *store,
            const char  *name,
            gint64       value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);
  sqlite3_stmt *stmt = caucus_store_stmt (store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
}

static void
assert_store_error (GError     *error,
                    const char *path)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == CAUCUS_STORE_ERROR);
  g_assert_cmpint (error->code, ==, CAUCUS_STORE_ERROR_IO);
  /* the message names the file, so a person knows which store is affected */
  g_assert_nonnull (strstr (error->message, path));
}

/* ---- the database may not grow (SQLITE_FULL) -------------------------------------- */

static void
test_full_pages (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(GPtrArray) batch_ids = g_ptr_array_new_with_free_func (g_free);
  const char *absent[] = { "big:1", NULL };
  gint64 pages;
  guint i;

  fill (f, 20);
  pages = pragma_int (f->store, "PRAGMA page_count");
  set_pragma (f->store, "max_page_count", pages + 2);

  /* one write that does not fit: refused whole */
  rev = put_doc (f, "big:1", 200 * 1024, &error);
  g_assert_null (rev);
  assert_store_error (error, f->path);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  assert_intact (f->store, f->acked, absent);

  /* a transaction that runs out of space part-way: nothing of it remains */
  g_assert_true (caucus_store_begin (f->store, &error));
  g_assert_no_error (error);
  for (i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("batch:%03u", i);
      g_autofree char *json = doc_json (id, 4000);
      g_autofree char *r = caucus_store_put_json (f->store, json, -1, &error);

      g_ptr_array_add (batch_ids, g_steal_pointer (&id));
      if (r == NULL || !caucus_store_commit (f->store, &error))
        break;
      g_assert_true (caucus_store_begin (f->store, &error));
    }
  g_assert_cmpuint (i, <, 200);
  assert_store_error (error, f->path);
  g_clear_error (&error);
  caucus_store_rollback (f->store);
  /* the batch member that failed is not there; those committed before it were acknowledged */
  {
    const char *failed[] = { batch_ids->pdata[batch_ids->len - 1], NULL };

    for (guint j = 0; j + 1 < batch_ids->len; j++)
      {
        g_autoptr(JsonObject) doc = caucus_store_get (f->store, batch_ids->pdata[j], NULL, &error);

        g_assert_no_error (error);
        g_hash_table_replace (f->acked, g_strdup (batch_ids->pdata[j]),
                              g_strdup (json_object_get_string_member (doc, "_rev")));
      }
    assert_intact (f->store, f->acked, failed);
  }

  /* space returns: the same write succeeds */
  set_pragma (f->store, "max_page_count", 1073741823);
  rev = put_doc (f, "big:1", 200 * 1024, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
  reopen (f);
  assert_intact (f->store, f->acked, NULL);
}

/* ---- the kernel refuses to write past a size (disk full as the OS reports it) ----- */

static void
test_full_disk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *wal = NULL;
  const char *absent[] = { "huge:1", NULL };
  struct rlimit saved, limited;
  GStatBuf st_db, st_wal;
  guint64 limit;

  fill (f, 20);
  wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_cmpint (g_stat (f->path, &st_db), ==, 0);
  if (g_stat (wal, &st_wal) != 0)
    st_wal.st_size = 0;
  limit = MAX ((guint64) st_db.st_size, (guint64) st_wal.st_size) + 32 * 1024;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = limit;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);

  rev = put_doc (f, "huge:1", 1024 * 1024, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_null (rev);
  assert_store_error (error, f->path);
  g_test_message ("disk full says: %s", error->message);
  /* it says the disk is full, not SQLite's "disk I/O error" */
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_null (strstr (error->message, "I/O error"));
  g_clear_error (&error);
  assert_intact (f->store, f->acked, absent);

  /* space returns */
  rev = put_doc (f, "huge:1", 1024 * 1024, &error);
  g_assert_no_error (error);
  reopen (f);
  assert_intact (f->store, f->acked, NULL);
}

/* ---- read-only ------------------------------------------------------------------- */

static void
test_read_only_pragma (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *local = NULL;
  const char *absent[] = { "ro:1", NULL };

  fill (f, 5);
  set_pragma (f->store, "query_only", 1);

  rev = put_doc (f, "ro:1", 100, &error);
  g_assert_null (rev);
  assert_store_error (error, f->path);
  g_assert_nonnull (strstr (error->message, "readonly"));
  g_clear_error (&error);

  {
    g_autoptr(JsonObject) doc = json_object_new ();

    json_object_set_string_member (doc, "_id", "_local/ckpt");
    json_object_set_int_member (doc, "last_seq", 5);
    local = caucus_store_put_local (f->store, doc, &error);
  }
  g_assert_null (local);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* reads still work while read-only */
  {
    g_autoptr(JsonObject) doc = caucus_store_get (f->store, "ack:000", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==,
                     g_hash_table_lookup (f->acked, "ack:000"));
  }

  /* (integrity_check also asks FTS5 to check its index, which SQLite counts as a write,
   * so it runs once writes are allowed again) */
  set_pragma (f->store, "query_only", 0);
  assert_intact (f->store, f->acked, absent);
  rev = put_doc (f, "ro:1", 100, &error);
  g_assert_no_error (error);
  reopen (f);
  assert_intact (f->store, f->acked, NULL);
}

static void
test_read_only_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) ro = NULL;
  g_autofree char *rev = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write any file: the read-only file case needs an ordinary user");
      return;
    }
  fill (f, 5);
  g_clear_object (&f->store);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0500), ==, 0);

  ro = caucus_store_open (f->path, &error);
  if (ro != NULL)
    {
      /* opened for reading: reads work, writes fail clearly */
      assert_intact (ro, f->acked, NULL);
      f->store = g_steal_pointer (&ro);
      rev = put_doc (f, "ro:2", 100, &error);
      g_assert_null (rev);
      g_clear_object (&f->store);
    }
  assert_store_error (error, f->path);
  g_test_message ("read-only store says: %s", error->message);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  reopen (f);
  assert_intact (f->store, f->acked, NULL);
  rev = put_doc (f, "ro:2", 100, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/faults/full-pages", Fixture, NULL, fixture_setup, test_full_pages, fixture_teardown);
  g_test_add ("/store/faults/full-disk", Fixture, NULL, fixture_setup, test_full_disk, fixture_teardown);
  g_test_add ("/store/faults/read-only-pragma", Fixture, NULL, fixture_setup, test_read_only_pragma, fixture_teardown);
  g_test_add ("/store/faults/read-only-file", Fixture, NULL, fixture_setup, test_read_only_file, fixture_teardown);
  return g_test_run ();
}
