/* fuzz-directory.c — the community directory importers: CSV (sniffed delimiter, header
 * row and column mapping, as `caucusctl import` proposes them) and vCard.  The first byte
 * picks the importer; the rest is the file.  Each input runs in a transaction that is
 * rolled back, against a store holding one organisation and one person, so duplicates and
 * organisation links are exercised too. */
#include "fuzz-common.h"
#include "caucus-directory.h"

static CaucusStore *store;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fuzz_tmp_dir (), "store.db", NULL);
  g_autofree char *org = NULL;
  g_autofree char *person = NULL;

  store = caucus_store_open (path, &error);
  if (store == NULL)
    g_error ("fuzz-directory: %s", error->message);
  org = caucus_store_put_json (store, "{\"_id\":\"org:access\",\"type\":\"org\",\"name\":\"Access Now\"}",
                               -1, &error);
  if (org != NULL)
    person = caucus_store_put_json (store, "{\"_id\":\"person:ana\",\"type\":\"person\",\"name\":\"Ana Silva\","
                                    "\"email\":\"ana@example.org\",\"org_id\":\"org:access\"}", -1, &error);
  if (person == NULL)
    g_error ("fuzz-directory: seeding: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDirectoryReport) report = NULL;
  gboolean ok;

  if (size < 1 || size > 256 * 1024)
    return 0;
  if (store == NULL)
    setup ();
  if (!caucus_store_begin (store, &error))
    g_error ("fuzz-directory: begin: %s", error->message);
  if (data[0] & 1)
    ok = caucus_directory_import_vcard (store, (const char *) data + 1, size - 1, "fuzz.vcf",
                                        &report, &error);
  else
    ok = caucus_directory_import_csv (store, (const char *) data + 1, size - 1, "fuzz.csv",
                                      NULL, &report, &error);
  if (!ok)
    g_assert (error != NULL && error->message[0] != '\0');
  else
    {
      g_autoptr(JsonNode) json = caucus_directory_report_to_json (report);

      g_assert (json != NULL);
    }
  caucus_store_rollback (store);
  return 0;
}
