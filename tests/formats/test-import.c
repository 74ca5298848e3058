/* Importing into a real store: one transaction, idempotent re-imports, field-level change
 * reports, cancelled sessions, nothing written on failure; export selections. */
#include "caucus-formats.h"
#include "formats-test-util.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  char        *dir;
  CaucusStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("caucus-formats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = caucus_store_open (path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static CaucusImportReport *
import_fixture (Fixture    *f,
                const char *name,
                const char *zone)
{
  g_autofree char *path = test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  CaucusImportReport *report = NULL;

  g_assert_true (caucus_formats_import_file (f->store, path, NULL, zone, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static JsonObject *
get_doc (Fixture    *f,
         const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = caucus_store_get (f->store, id, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static CaucusImportItem *
find_item (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((CaucusImportItem *) g_ptr_array_index (items, i))->id, id) == 0)
      return g_ptr_array_index (items, i);
  return NULL;
}

static gint64
doc_count (Fixture *f)
{
  CaucusStoreInfo info = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (caucus_store_get_info (f->store, &info, &error));
  return info.doc_count;
}

#define S(n) "event:minicon24:a0000000-0000-4000-8000-00000000000" #n

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CaucusImportReport) first = NULL;
  g_autoptr(CaucusImportReport) second = NULL;
  g_autoptr(CaucusImportReport) changed = NULL;
  g_autoptr(CaucusImportReport) back = NULL;
  g_autoptr(JsonObject) opening = NULL;
  g_autoptr(JsonObject) night = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  CaucusImportItem *item;
  CaucusImportChange *change;

  first = import_fixture (f, "minicon.xml", NULL);
  g_assert_cmpuint (first->added->len, ==, 5);         /* the conference and 4 sessions */
  g_assert_cmpuint (first->updated->len, ==, 0);
  g_assert_cmpuint (first->n_unchanged, ==, 0);
  g_assert_cmpuint (first->n_persons_added, ==, 3);
  g_assert_cmpstr (first->conference_id, ==, "event:minicon24");
  g_assert_cmpint (doc_count (f), ==, 8);

  opening = get_doc (f, S (1));
  g_assert_cmpstr (json_object_get_string_member (opening, "start"), ==, "2024-10-26T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (opening, "updated_by"), ==, "import:frab-xml");
  g_assert_nonnull (json_object_get_string_member (opening, "created"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (opening, "_rev"), "1-"));

  /* The same feed again: nothing to do. */
  second = import_fixture (f, "minicon.xml", NULL);
  g_assert_cmpuint (second->added->len, ==, 0);
  g_assert_cmpuint (second->updated->len, ==, 0);
  g_assert_cmpuint (second->cancelled->len, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 5);
  g_assert_cmpuint (second->n_persons_existing, ==, 3);
  g_clear_pointer (&opening, json_object_unref);
  opening = get_doc (f, S (1));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (opening, "_rev"), "1-"));

  /* A day later: a room change, a time change, a new title, one gone, one new. */
  changed = import_fixture (f, "minicon-changed.xml", NULL);
  g_assert_cmpuint (changed->added->len, ==, 1);
  g_assert_cmpstr (((CaucusImportItem *) g_ptr_array_index (changed->added, 0))->id, ==, S (5));
  g_assert_cmpuint (changed->updated->len, ==, 3);
  g_assert_cmpuint (changed->n_unchanged, ==, 1);      /* the conference */
  g_assert_cmpuint (changed->cancelled->len, ==, 1);
  g_assert_cmpstr (((CaucusImportItem *) g_ptr_array_index (changed->cancelled, 0))->id, ==, S (2));

  item = find_item (changed->updated, S (1));
  g_assert_cmpuint (item->changes->len, ==, 1);
  change = g_ptr_array_index (item->changes, 0);
  g_assert_cmpstr (change->field, ==, "room");
  g_assert_cmpstr (change->text, ==, "room: Saal 1 → Saal G");

  item = find_item (changed->updated, S (3));
  g_assert_cmpuint (item->changes->len, ==, 2);
  change = g_ptr_array_index (item->changes, 0);
  g_assert_cmpstr (change->field, ==, "start");
  g_assert_cmpstr (change->old_value, ==, "2024-10-26T12:00:00Z");
  g_assert_cmpstr (change->new_value, ==, "2024-10-26T13:00:00Z");
  g_assert_cmpstr (change->text, ==, "start: 2024-10-26 14:00 (UTC+2) → 2024-10-26 15:00 (UTC+2)");
  g_assert_cmpstr (((CaucusImportChange *) g_ptr_array_index (item->changes, 1))->field, ==, "end");

  item = find_item (changed->updated, S (4));
  g_assert_cmpuint (item->changes->len, ==, 1);
  g_assert_cmpstr (((CaucusImportChange *) g_ptr_array_index (item->changes, 0))->text, ==,
                   "title: Closing → Closing plenary");

  night = get_doc (f, S (2));
  g_assert_cmpstr (json_object_get_string_member (night, "status"), ==, "cancelled");
  g_clear_pointer (&opening, json_object_unref);
  opening = get_doc (f, S (1));
  g_assert_cmpstr (test_location_room (opening), ==, "Saal G");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (opening, "_rev"), "2-"));

  json = caucus_import_report_to_json (changed);
  text = json_to_string (json, FALSE);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\"counts\":{\"added\":1,\"updated\":3,\"unchanged\":1,\"cancelled\":1"));
  g_assert_nonnull (strstr (text, "\"text\":\"room: Saal 1 → Saal G\""));
  g_clear_pointer (&text, g_free);
  text = caucus_import_report_to_text (changed);
  g_assert_nonnull (strstr (text, "updated: Opening — room: Saal 1 → Saal G\n"));
  g_assert_nonnull (strstr (text, "cancelled: Night of the time change\n"));

  /* The original again: the night session is back, the late addition cancelled. */
  back = import_fixture (f, "minicon.xml", NULL);
  item = find_item (back->updated, S (2));
  g_assert_nonnull (item);
  g_assert_cmpstr (((CaucusImportChange *) g_ptr_array_index (item->changes, 0))->text, ==,
                   "status: cancelled → scheduled");
  g_assert_nonnull (find_item (back->cancelled, S (5)));
  g_assert_cmpint (doc_count (f), ==, 9);
}

static void
test_keeps_app_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CaucusImportReport) first = NULL;
  g_autoptr(CaucusImportReport) changed = NULL;
  g_autoptr(JsonObject) opening = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonArray *statements = json_array_new ();

  first = import_fixture (f, "minicon.xml", NULL);
  opening = get_doc (f, S (1));
  json_array_add_string_element (statements, "statement:joint-1");
  json_object_set_array_member (opening, "statement_ids", statements);
  rev = caucus_store_put (f->store, opening, &error);
  g_assert_no_error (error);
  g_clear_pointer (&opening, json_object_unref);

  changed = import_fixture (f, "minicon-changed.xml", NULL);
  opening = get_doc (f, S (1));
  g_assert_cmpstr (test_location_room (opening), ==, "Saal G");
  g_assert_true (json_object_has_member (opening, "statement_ids"));
}

static void
test_links_directory_people (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(CaucusImportReport) first = NULL;
  g_autoptr(CaucusImportReport) again = NULL;
  g_autoptr(JsonObject) opening = NULL;
  g_autoptr(JsonObject) night = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  JsonObject *role;

  /* Already in the directory, under an id of the app's own and with accents. */
  json_object_set_string_member (person, "_id", "person:dir-0001");
  json_object_set_string_member (person, "type", "person");
  json_object_set_string_member (person, "name", "Ana Pérez");
  json_object_set_string_member (person, "email", "ana@example.org");
  rev = caucus_store_put (f->store, person, &error);
  g_assert_no_error (error);

  first = import_fixture (f, "minicon.xml", NULL);
  g_assert_cmpuint (first->n_persons_added, ==, 2);        /* Jürgen Schmidt, 李小龙 */
  g_assert_cmpuint (first->n_persons_existing, ==, 1);
  opening = get_doc (f, S (1));
  role = json_array_get_object_element (json_object_get_array_member (opening, "roles"), 0);
  g_assert_cmpstr (json_object_get_string_member (role, "person_id"), ==, "person:dir-0001");
  g_assert_cmpstr (json_object_get_string_member (role, "name"), ==, "Ana Pérez");
  /* "ANA PEREZ" in the feed is the same person */
  night = get_doc (f, S (2));
  role = json_array_get_object_element (json_object_get_array_member (night, "roles"), 0);
  g_assert_cmpstr (json_object_get_string_member (role, "person_id"), ==, "person:dir-0001");
  {
    g_autoptr(GError) missing = NULL;
    g_autoptr(JsonObject) none = caucus_store_get (f->store, "person:ana-perez", NULL, &missing);
    g_assert_null (none);
  }

  again = import_fixture (f, "minicon.xml", NULL);
  g_assert_cmpuint (again->n_unchanged, ==, 5);
  g_assert_cmpuint (again->updated->len, ==, 0);
}

static void
assert_nothing_written (Fixture    *f,
                        const char *path,
                        const char *zone,
                        int         domain_code,
                        GQuark      domain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) report = NULL;
  gint64 seq = caucus_store_get_update_seq (f->store);
  gint64 count = doc_count (f);

  g_assert_false (caucus_formats_import_file (f->store, path, NULL, zone, &report, &error));
  g_assert_null (report);
  g_assert_error (error, domain, domain_code);
  g_test_message ("%s: %s", path, error->message);
  g_assert_cmpint (caucus_store_get_update_seq (f->store), ==, seq);
  g_assert_cmpint (doc_count (f), ==, count);
}

static void
test_failure_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *source = test_fixture_path ("minicon.xml");
  g_autofree char *huge_path = g_build_filename (f->dir, "huge-description.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *bad_date = test_fixture_path ("bad-date.xml");
  g_autofree char *unknown_zone = test_fixture_path ("unknown-zone.xml");
  g_autofree char *truncated = test_fixture_path ("truncated.xml");
  g_autofree char *floating = test_fixture_path ("ical-floating.ics");
  g_autoptr(GString) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) report = NULL;
  gsize length;
  const char *marker = "<title>Closing</title>";

  /* The last session carries a 9 MiB description: the store refuses it (8 MiB documents)
   * after the conference and three sessions have been written in the transaction. */
  text = test_read_file (source, &length);
  feed = g_string_new (text);
  {
    const char *at = strstr (feed->str, marker);
    g_autoptr(GString) description = g_string_sized_new (9 * 1024 * 1024 + 64);

    g_assert_nonnull (at);
    g_string_append (description, "<description>");
    for (guint i = 0; i < 9 * 1024 * 1024 / 64; i++)
      g_string_append (description, "Very long minutes of a very long meeting, line after line. ...\n");
    g_string_append (description, "</description>");
    g_string_insert (feed, (at - feed->str) + strlen (marker), description->str);
  }
  g_assert_true (g_file_set_contents (huge_path, feed->str, feed->len, &error));

  assert_nothing_written (f, huge_path, NULL, CAUCUS_STORE_ERROR_TOO_LARGE, CAUCUS_STORE_ERROR);
  g_assert_cmpint (doc_count (f), ==, 0);

  /* With data already there, a failed re-import leaves it exactly as it was. */
  report = import_fixture (f, "pentabarf-dst.xml", "Europe/Berlin");
  assert_nothing_written (f, huge_path, NULL, CAUCUS_STORE_ERROR_TOO_LARGE, CAUCUS_STORE_ERROR);
  assert_nothing_written (f, bad_date, NULL, CAUCUS_FORMATS_ERROR_BAD_TIME, CAUCUS_FORMATS_ERROR);
  assert_nothing_written (f, unknown_zone, NULL, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, CAUCUS_FORMATS_ERROR);
  assert_nothing_written (f, truncated, NULL, CAUCUS_FORMATS_ERROR_PARSE, CAUCUS_FORMATS_ERROR);
  assert_nothing_written (f, floating, NULL, CAUCUS_FORMATS_ERROR_NO_ZONE, CAUCUS_FORMATS_ERROR);
  assert_nothing_written (f, source, "Not/AZone", CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, CAUCUS_FORMATS_ERROR);

  /* A document of another type where the import wants an event or a person. */
  {
    g_autoptr(JsonObject) org = json_object_new ();
    g_autofree char *rev = NULL;

    json_object_set_string_member (org, "_id", "person:ana-perez");
    json_object_set_string_member (org, "type", "org");
    json_object_set_string_member (org, "name", "Ana Pérez Foundation");
    rev = caucus_store_put (f->store, org, &error);
    g_assert_no_error (error);
    assert_nothing_written (f, source, NULL, CAUCUS_FORMATS_ERROR_INVALID, CAUCUS_FORMATS_ERROR);
  }
  {
    /* A 65 MiB file (sparse: no disk used) is refused from its size, before it is read. */
    g_autofree char *huge = g_build_filename (f->dir, "huge.xml", NULL);
    int fd = g_open (huge, O_CREAT | O_WRONLY | O_TRUNC, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 65 * 1024 * 1024), ==, 0);
    close (fd);
    assert_nothing_written (f, huge, NULL, CAUCUS_FORMATS_ERROR_TOO_LARGE, CAUCUS_FORMATS_ERROR);
  }
  {
    g_autofree char *missing = g_build_filename (f->dir, "no-such-file.xml", NULL);
    g_clear_pointer (&report, caucus_import_report_free);
    g_assert_false (caucus_formats_import_file (f->store, missing, NULL, NULL, &report, &error));
    g_assert_nonnull (strstr (error->message, "no-such-file.xml"));
    g_clear_error (&error);
    g_assert_false (caucus_formats_import_file (f->store, source, "xlsx", NULL, &report, &error));
    g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED);
  }
}

static void
test_model_validation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(CaucusImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *good = json_object_new ();
  JsonObject *bad = json_object_new ();

  json_object_set_string_member (good, "_id", "event:test:good");
  json_object_set_string_member (good, "type", "event");
  json_object_set_string_member (good, "kind", "meeting");
  json_object_set_string_member (good, "title", "Fine");
  json_object_set_string_member (good, "start", "2024-11-05T15:00:00Z");
  json_object_set_string_member (good, "end", "2024-11-05T16:00:00Z");
  json_object_set_string_member (good, "time_zone", "Europe/Paris");
  g_ptr_array_add (docs, good);
  json_object_set_string_member (bad, "_id", "event:test:bad");
  json_object_set_string_member (bad, "type", "event");
  json_object_set_string_member (bad, "kind", "party");
  json_object_set_string_member (bad, "title", "Not a kind the model knows");
  json_object_set_string_member (bad, "start", "2024-11-05T15:00:00Z");
  json_object_set_string_member (bad, "time_zone", "Europe/Paris");
  g_ptr_array_add (docs, bad);

  /* The first document is fine, the second is not: neither is written. */
  g_assert_false (caucus_import_docs (f->store, docs, "ical", "hand-made", &report, &error));
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "event:test:bad"));
  g_assert_null (report);
  g_assert_cmpint (doc_count (f), ==, 0);
}

static void
test_real_feed_38c3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = test_schedule_path ("38c3.xml");
  g_autoptr(CaucusImportReport) first = NULL;
  g_autoptr(CaucusImportReport) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  double import_s, reimport_s;

  if (path == NULL)
    return;
  timer = g_timer_new ();
  g_assert_true (caucus_formats_import_file (f->store, path, NULL, NULL, &first, &error));
  g_assert_no_error (error);
  import_s = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (first->added->len, ==, 1008);
  g_assert_cmpuint (first->n_persons_added, ==, 564);
  g_assert_cmpint (doc_count (f), ==, 1008 + 564);

  g_timer_start (timer);
  g_assert_true (caucus_formats_import_file (f->store, path, "frab-xml", NULL, &second, &error));
  reimport_s = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (second->added->len, ==, 0);
  g_assert_cmpuint (second->updated->len, ==, 0);
  g_assert_cmpuint (second->n_unchanged, ==, 1008);
  g_test_message ("38C3: import of 1008 events and 564 speakers %.3f s, unchanged re-import %.3f s",
                  import_s, reimport_s);
}

static void
test_real_feeds_all (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *name, *zone; guint events; } feeds[] = {
    { "debconf23.xml", NULL, 118 },
    { "fosdem_2021.xml", "Europe/Brussels", 774 },
    { "pretalx-democon.json", NULL, 37 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *path = test_schedule_path (feeds[i].name);
      g_autoptr(CaucusImportReport) report = NULL;
      g_autoptr(CaucusImportReport) again = NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        return;
      g_assert_true (caucus_formats_import_file (f->store, path, NULL, feeds[i].zone, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report->added->len, ==, feeds[i].events);
      g_assert_true (caucus_formats_import_file (f->store, path, NULL, feeds[i].zone, &again, &error));
      g_assert_cmpuint (again->n_unchanged, ==, feeds[i].events);
      g_assert_cmpuint (again->added->len + again->updated->len + again->cancelled->len, ==, 0);
    }
}

static void
test_export_selections (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CaucusImportReport) a = import_fixture (f, "minicon.xml", NULL);
  g_autoptr(CaucusImportReport) b = import_fixture (f, "ical-recurring.ics", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = g_build_filename (f->dir, "following.ics", NULL);
  const char *following[] = { S (4), S (1), "event:ical:ny-evening@example.org", NULL };
  const char *missing[] = { S (1), "event:nowhere", NULL };
  const char *not_event[] = { "person:ana-perez", NULL };
  CaucusExportSelection conference = { CAUCUS_EXPORT_EVENT, "event:minicon24", NULL };
  CaucusExportSelection ids = { CAUCUS_EXPORT_IDS, NULL, following };
  CaucusExportSelection deadlines = { CAUCUS_EXPORT_DEADLINES, NULL, NULL };
  CaucusExportSelection bad = { CAUCUS_EXPORT_IDS, NULL, missing };
  CaucusExportSelection person = { CAUCUS_EXPORT_IDS, NULL, not_event };

  g_assert_cmpuint (b->added->len, ==, 5);
  {
    g_autoptr(CaucusImportReport) again = import_fixture (f, "ical-recurring.ics", NULL);

    g_assert_cmpuint (again->n_unchanged, ==, 5);
    g_assert_cmpuint (again->added->len + again->updated->len + again->cancelled->len, ==, 0);
    g_assert_cmpstr (again->format, ==, "ical");
    g_assert_null (again->conference_id);
  }
  events = caucus_formats_select_events (f->store, &conference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events, 0), "_id"), ==, "event:minicon24");
  g_clear_pointer (&events, g_ptr_array_unref);

  g_assert_true (caucus_formats_export_ical (f->store, &ids, out, &error));
  g_assert_no_error (error);
  text = test_read_file (out, NULL);
  back = caucus_ical_parse (text, strlen (text), out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 3);
  /* sorted by start; ids and instants survive */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 0), "_id"), ==, "event:ical:ny-evening@example.org");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 1), "_id"), ==, S (1));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 1), "start"), ==, "2024-10-26T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 2), "_id"), ==, S (4));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_ptr_array_index (back, 0), "recurrence"), "rrule"),
                   ==, "FREQ=WEEKLY;COUNT=3");
  g_assert_nonnull (strstr (text, "TZID:America/New_York"));
  g_assert_nonnull (strstr (text, "TZID:Europe/Berlin"));
  g_clear_pointer (&text, g_free);

  {
    /* A work-plan milestone with no timeframe yet: a VTODO without DUE, and back. */
    g_autoptr(JsonObject) milestone = json_object_new ();
    g_autofree char *rev = NULL;

    json_object_set_string_member (milestone, "_id", "event:cc:objective-3");
    json_object_set_string_member (milestone, "type", "event");
    json_object_set_string_member (milestone, "kind", "milestone");
    json_object_set_string_member (milestone, "title", "Objective 3: transparency reporting");
    json_object_set_string_member (milestone, "status", "open");
    rev = caucus_store_put (f->store, milestone, &error);
    g_assert_no_error (error);
  }
  text = caucus_formats_export_ical_text (f->store, &deadlines, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BEGIN:VTODO"));
  g_assert_nonnull (strstr (text, "DUE;TZID=Asia/Baku:20241101T235900"));
  g_assert_nonnull (strstr (text, "SUMMARY:Objective 3: transparency reporting"));
  g_assert_null (strstr (text, "BEGIN:VEVENT"));
  g_clear_pointer (&back, g_ptr_array_unref);
  back = caucus_ical_parse (text, strlen (text), "deadlines.ics", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  {
    JsonObject *objective = test_find_doc (back, "event:cc:objective-3");

    g_assert_nonnull (objective);
    g_assert_cmpstr (json_object_get_string_member (objective, "kind"), ==, "milestone");
    g_assert_false (json_object_has_member (objective, "start"));
  }
  g_clear_pointer (&text, g_free);

  text = caucus_formats_export_ical_text (f->store, &bad, &error);
  g_assert_null (text);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "event:nowhere"));
  g_clear_error (&error);
  text = caucus_formats_export_ical_text (f->store, &person, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CaucusImportReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = caucus_formats_import_file_finish (CAUCUS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = test_fixture_path ("minicon.xml");
  g_autofree char *bad = test_fixture_path ("bad-date.xml");
  CaucusImportReport *report = NULL;
  g_autoptr(JsonObject) opening = NULL;

  caucus_formats_import_file_async (f->store, path, NULL, NULL, NULL, import_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (report->added->len, ==, 5);
  caucus_import_report_free (report);

  /* The worker's commit is visible on the caller's connection. */
  opening = get_doc (f, S (1));
  g_assert_cmpstr (json_object_get_string_member (opening, "title"), ==, "Opening");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    gint64 count = doc_count (f);

    caucus_formats_import_file_async (f->store, bad, NULL, NULL, NULL, async_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (caucus_formats_import_file_finish (f->store, result, &error));
    g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
    g_assert_cmpint (doc_count (f), ==, count);
  }
}

static void
test_detect (void)
{
  CaucusFormat format;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (caucus_format_detect ("a/38c3.XML", NULL, 0), ==, CAUCUS_FORMAT_FRAB_XML);
  g_assert_cmpint (caucus_format_detect ("x.json", NULL, 0), ==, CAUCUS_FORMAT_FRAB_JSON);
  g_assert_cmpint (caucus_format_detect ("x.ics", NULL, 0), ==, CAUCUS_FORMAT_ICAL);
  g_assert_cmpint (caucus_format_detect ("feed", "\xef\xbb\xbf  <?xml", 10), ==, CAUCUS_FORMAT_FRAB_XML);
  g_assert_cmpint (caucus_format_detect ("feed", "\n{\"schedule\"", 12), ==, CAUCUS_FORMAT_FRAB_JSON);
  g_assert_cmpint (caucus_format_detect ("feed", "BEGIN:VCALENDAR\r\n", 17), ==, CAUCUS_FORMAT_ICAL);
  g_assert_cmpint (caucus_format_detect ("feed", "hello", 5), ==, CAUCUS_FORMAT_AUTO);
  g_assert_true (caucus_format_from_string ("ICS", &format, &error));
  g_assert_cmpint (format, ==, CAUCUS_FORMAT_ICAL);
  g_assert_false (caucus_format_from_string ("xlsx", &format, &error));
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_null (caucus_formats_parse ("hello", 5, "feed", CAUCUS_FORMAT_AUTO, NULL, NULL, &error));
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/formats/import/reimport", Fixture, NULL, fixture_set_up, test_reimport, fixture_tear_down);
  g_test_add ("/formats/import/links-directory-people", Fixture, NULL, fixture_set_up, test_links_directory_people, fixture_tear_down);
  g_test_add ("/formats/import/keeps-app-fields", Fixture, NULL, fixture_set_up, test_keeps_app_fields, fixture_tear_down);
  g_test_add ("/formats/import/failure-writes-nothing", Fixture, NULL, fixture_set_up, test_failure_writes_nothing, fixture_tear_down);
  g_test_add ("/formats/import/model-validation", Fixture, NULL, fixture_set_up, test_model_validation, fixture_tear_down);
  g_test_add ("/formats/import/38c3", Fixture, NULL, fixture_set_up, test_real_feed_38c3, fixture_tear_down);
  g_test_add ("/formats/import/real-feeds", Fixture, NULL, fixture_set_up, test_real_feeds_all, fixture_tear_down);
  g_test_add ("/formats/import/export-selections", Fixture, NULL, fixture_set_up, test_export_selections, fixture_tear_down);
  g_test_add ("/formats/import/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add_func ("/formats/import/detect", test_detect);
  return g_test_run ();
}
