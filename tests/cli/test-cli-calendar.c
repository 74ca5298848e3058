/* test-cli-calendar.c — `caucusctl import` and `caucusctl export ical` on the real binary:
 * the 38C3 feed imported twice, malformed input refused with nothing written, and an export
 * that libical parses back with TZID and VTIMEZONE. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>
#include <string.h>

#include "caucus-formats.h"
#include "caucus-sample.h"

#include "cli-test-util.h"
#include "formats-test-util.h"

typedef CliFixture Fixture;
typedef CliResult Result;

#define result_clear cli_result_clear
#define parse_output cli_parse_output
#define counts cli_report_count
#define doc_count(f) cli_doc_count ((f), (f)->store)
#define assert_one_error_line cli_assert_one_error_line

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  cli_fixture_setup (f, "calendar");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  cli_fixture_teardown (f);
}

static Result
run (Fixture    *f,
     const char *first,
     ...)
{
  Result r;
  va_list ap;

  va_start (ap, first);
  r = cli_run_with_store_va (f, f->store, first, ap);
  va_end (ap);
  return r;
}


static void
test_import_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *feed = test_schedule_path ("38c3.xml");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  gint64 docs_after_first;
  Result r;

  if (feed == NULL)
    return;
  r = run (f, "import", feed, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  first = parse_output (&r);
  result_clear (&r);
  g_assert_cmpstr (json_object_get_string_member (first, "format"), ==, "frab-xml");
  g_assert_cmpstr (json_object_get_string_member (first, "conference_id"), ==, "event:38c3");
  /* the conference and its 1,007 sessions */
  g_assert_cmpint (counts (first, "added"), ==, 1008);
  g_assert_cmpint (counts (first, "updated"), ==, 0);
  g_assert_cmpint (counts (first, "unchanged"), ==, 0);
  g_assert_cmpint (counts (first, "persons_added"), >, 500);
  docs_after_first = doc_count (f);

  r = run (f, "import", "--format", "frab-xml", feed, NULL);
  g_assert_cmpint (r.status, ==, 0);
  second = parse_output (&r);
  result_clear (&r);
  g_assert_cmpint (counts (second, "added"), ==, 0);
  g_assert_cmpint (counts (second, "updated"), ==, 0);
  g_assert_cmpint (counts (second, "cancelled"), ==, 0);
  g_assert_cmpint (counts (second, "unchanged"), ==, 1008);
  g_assert_cmpint (counts (second, "persons_added"), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (second, "added")), ==, 0);
  g_assert_cmpint (doc_count (f), ==, docs_after_first);
}

static void
test_import_malformed (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "broken.xml", NULL);
  g_autofree char *good = test_schedule_path ("38c3.xml");
  gint64 before;
  Result r;

  if (good == NULL)
    return;
  /* A store that already holds data, so "nothing written" means something. */
  r = run (f, "import", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  before = doc_count (f);

  g_assert_true (g_file_set_contents (bad,
                                      "<?xml version=\"1.0\"?>\n<schedule>\n  <conference>\n"
                                      "    <title>Broken</title>\n    <time_zone_name>Europe/Berlin"
                                      "</time_zone_name>\n  </conference>\n  <day date=\"2024-01-01\">\n"
                                      "    <room name=\"A\"><event id=\"1\"><title>x</title>\n",
                                      -1, NULL));
  r = run (f, "import", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "broken.xml"));
  g_assert_nonnull (strstr (r.err, "line"));
  result_clear (&r);
  g_assert_cmpint (doc_count (f), ==, before);

  /* usage errors: exit 2, one line */
  r = run (f, "import", "--format", "pdf", good, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  result_clear (&r);
  r = run (f, "import", "--zone", "Mars/Olympus", good, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "Mars/Olympus"));
  result_clear (&r);
  r = run (f, "import", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* a missing file: exit 1 naming it */
  r = run (f, "import", "/nonexistent/feed.xml", NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "/nonexistent/feed.xml"));
  result_clear (&r);
  g_assert_cmpint (doc_count (f), ==, before);
}

/* Parses @path with libical: every DTSTART carries a TZID that has a VTIMEZONE, or is UTC. */
static guint
check_ical_file (const char *path,
                 guint      *n_tzid)
{
  g_autofree char *text = NULL;
  icalcomponent *cal;
  guint n_events = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  cal = icalparser_parse_string (text);
  g_assert_nonnull (cal);
  g_assert_cmpint (icalcomponent_isa (cal), ==, ICAL_VCALENDAR_COMPONENT);
  *n_tzid = 0;
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (cal, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (c);
      icalproperty *dtstart;
      icalparameter *tzid;

      if (kind != ICAL_VEVENT_COMPONENT && kind != ICAL_VTODO_COMPONENT)
        continue;
      n_events++;
      dtstart = icalcomponent_get_first_property (c, kind == ICAL_VTODO_COMPONENT
                                                       ? ICAL_DUE_PROPERTY : ICAL_DTSTART_PROPERTY);
      g_assert_nonnull (dtstart);
      tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
      if (tzid != NULL)
        {
          const char *id = icalparameter_get_tzid (tzid);

          g_assert_nonnull (icalcomponent_get_timezone (cal, id));
          (*n_tzid)++;
        }
      else
        {
          struct icaltimetype t = icalproperty_get_dtstart (dtstart);

          /* never floating: without TZID it must be UTC or a date */
          g_assert_true (icaltime_is_utc (t) || t.is_date);
        }
    }
  icalcomponent_free (cal);
  return n_events;
}

static void
test_export (Fixture *f, gconstpointer data)
{
  g_autofree char *feed = test_schedule_path ("38c3.xml");
  g_autofree char *out = g_build_filename (f->dir, "38c3.ics", NULL);
  g_autofree char *deadlines = g_build_filename (f->dir, "deadlines.ics", NULL);
  g_autofree char *following = g_build_filename (f->dir, "following.ics", NULL);
  g_autofree char *text = NULL;
  guint n_tzid = 0;
  Result r;

  if (feed == NULL)
    return;
  r = run (f, "import", feed, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run (f, "export", "ical", "--event", "event:38c3", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);
  g_assert_cmpuint (check_ical_file (out, &n_tzid), ==, 1008);
  g_assert_cmpuint (n_tzid, ==, 1008);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:"));

  /* an unknown event: exit 1, nothing written */
  r = run (f, "export", "ical", "--event", "event:nope", "--output", deadlines, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  g_assert_nonnull (strstr (r.err, "event:nope"));
  result_clear (&r);
  g_assert_false (g_file_test (deadlines, G_FILE_TEST_EXISTS));

  /* nothing followed yet: a clear error */
  r = run (f, "export", "ical", "--following", "--output", following, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_one_error_line (&r);
  result_clear (&r);

  /* the sample's deadlines and a selection stored as the app stores it */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CaucusStore) store = caucus_store_open (f->store, &error);
    g_autoptr(JsonObject) local = json_object_new ();
    g_autoptr(JsonArray) ids = json_array_new ();
    g_autofree char *rev = NULL;

    g_assert_no_error (error);
    g_assert_true (caucus_sample_load (store, NULL, &error));
    g_assert_no_error (error);
    json_array_add_string_element (ids, "event:best-bits-2012:ig-history");
    json_array_add_string_element (ids, "event:38c3");
    json_object_set_string_member (local, "_id", "_local/following");
    json_object_set_array_member (local, "event_ids", json_array_ref (ids));
    rev = caucus_store_put_local (store, local, &error);
    g_assert_no_error (error);
  }

  r = run (f, "export", "ical", "--deadlines", "--output", deadlines, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  /* the sample's deadlines and milestones: VTODOs with DUE in their zones */
  g_assert_cmpuint (check_ical_file (deadlines, &n_tzid), >=, 10);
  g_assert_cmpuint (n_tzid, >, 0);

  r = run (f, "export", "ical", "--following", "--output", following, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_cmpuint (check_ical_file (following, &n_tzid), ==, 2);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (following, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "TZID:Asia/Baku"));

  /* usage errors */
  r = run (f, "export", "ical", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  assert_one_error_line (&r);
  result_clear (&r);
  r = run (f, "export", "ical", "--deadlines", "--following", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run (f, "export", "csv", "--deadlines", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run (f, "export", "ical", "--deadlines", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/calendar/import-twice", Fixture, NULL, fixture_setup, test_import_twice, fixture_teardown);
  g_test_add ("/cli/calendar/import-malformed", Fixture, NULL, fixture_setup, test_import_malformed, fixture_teardown);
  g_test_add ("/cli/calendar/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  return g_test_run ();
}
