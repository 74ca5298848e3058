/* The sample workspace: every document valid, loads in one transaction, loading twice is harmless. */
#include <glib/gstdio.h>

#include "caucus-document.h"
#include "caucus-problem.h"
#include "caucus-sample.h"

static char *
temp_store_path (char **dir)
{
  *dir = g_dir_make_tmp ("caucus-sample-XXXXXX", NULL);
  g_assert_nonnull (*dir);
  return g_build_filename (*dir, "workspace.caucus", NULL);
}

static void
test_sample_documents_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = caucus_sample_get_documents (&error);
  guint orgs = 0, sessions = 0, milestones = 0, signatures = 0, packs = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, >, 50);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(GPtrArray) problems = caucus_validate_json (doc);
      const char *type = json_object_get_string_member (doc, "type");

      for (guint p = 0; p < problems->len; p++)
        {
          CaucusProblem *problem = g_ptr_array_index (problems, p);
          g_test_message ("%s: %s: %s", json_object_get_string_member (doc, "_id"),
                          problem->field, problem->message);
        }
      g_assert_cmpuint (problems->len, ==, 0);

      if (g_str_equal (type, "org"))
        orgs++;
      else if (g_str_equal (type, "signature"))
        signatures++;
      else if (g_str_equal (type, "pack"))
        packs++;
      else if (g_str_equal (type, "event"))
        {
          const char *kind = json_object_get_string_member (doc, "kind");
          sessions += g_str_equal (kind, "session");
          milestones += g_str_equal (kind, "milestone");
        }
    }

  /* What DOMAIN.md says the sample shows. */
  g_assert_cmpuint (orgs, >=, 13);        /* the WCIT statement's signatories */
  g_assert_cmpuint (signatures, >=, 13);
  g_assert_cmpuint (sessions, >=, 9);     /* Best Bits programme + the IGF workshop */
  g_assert_cmpuint (milestones, >=, 10);  /* Christchurch Call work plan */
  g_assert_cmpuint (packs, ==, 1);
}

static void
test_sample_load_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_store_path (&dir);
  g_autoptr(CaucusStore) store = caucus_store_open (path, &error);
  g_autoptr(GPtrArray) docs = caucus_sample_get_documents (&error);
  g_autoptr(JsonObject) baku = NULL;
  CaucusSampleReport report;
  CaucusStoreInfo info;

  g_assert_no_error (error);
  g_assert_true (caucus_sample_load (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, docs->len);
  g_assert_cmpuint (report.present, ==, 0);

  g_assert_true (caucus_store_get_info (store, &info, &error));
  g_assert_cmpint (info.doc_count, ==, docs->len);

  /* The Baku programme is in Baku time, stored as UTC instants. */
  baku = caucus_store_get (store, "event:best-bits-2012:ig-history", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (baku, "time_zone"), ==, "Asia/Baku");
  g_assert_cmpstr (json_object_get_string_member (baku, "start"), ==, "2012-11-03T05:00:00Z");

  /* A second load adds nothing and overwrites nothing. */
  g_assert_true (caucus_sample_load (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.present, ==, docs->len);

  g_clear_object (&store);
  g_unlink (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/formats/sample/documents-valid", test_sample_documents_valid);
  g_test_add_func ("/formats/sample/load-twice", test_sample_load_twice);
  return g_test_run ();
}
