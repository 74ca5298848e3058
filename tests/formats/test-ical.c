/* iCalendar: import of UTC, TZID'd, floating and date-only times; recurrence expansion
 * across daylight-saving changes; export with VTIMEZONE and round trips. */
#include "caucus-formats.h"
#include "formats-test-util.h"

#include <libical/ical.h>
#include <string.h>

static GPtrArray *
parse_fixture (const char  *name,
               const char  *zone,
               GError     **error)
{
  g_autofree char *path = test_fixture_path (name);
  g_autofree char *data = NULL;
  gsize length = 0;

  data = test_read_file (path, &length);
  return caucus_ical_parse (data, length, name, zone, error);
}

static GDateTime *
instant (const char *text)
{
  GDateTime *dt = caucus_time_parse_instant (text, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_instants (GPtrArray   *got,
                 const char **expected,
                 guint        n)
{
  g_assert_cmpuint (got->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = caucus_time_format_instant (g_ptr_array_index (got, i));
      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_import_recurring (void)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *weekly, *moved, *deadline, *utc_call, *recurrence;
  JsonArray *exdates;

  docs = parse_fixture ("ical-recurring.ics", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 5);

  weekly = test_find_doc (docs, "event:ical:weekly-coordination@example.org");
  g_assert_nonnull (weekly);
  g_assert_cmpstr (json_object_get_string_member (weekly, "kind"), ==, "meeting");
  g_assert_cmpstr (json_object_get_string_member (weekly, "start"), ==, "2024-10-17T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (weekly, "end"), ==, "2024-10-17T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (weekly, "time_zone"), ==, "Europe/Berlin");
  g_assert_cmpstr (json_object_get_string_member (weekly, "description"), ==, "Agenda: the WSIS+20 zero draft, sign-on list.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (weekly, "tags")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (weekly, "roles"), 0), "name"),
                   ==, "Ana Pérez");
  recurrence = json_object_get_object_member (weekly, "recurrence");
  g_assert_cmpstr (json_object_get_string_member (recurrence, "rrule"), ==, "FREQ=WEEKLY;COUNT=5");
  exdates = json_object_get_array_member (recurrence, "exdates");
  /* the EXDATE (31 Oct 09:00 CET) and the overridden 7 Nov 09:00 CET */
  g_assert_cmpuint (json_array_get_length (exdates), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (exdates, 0), ==, "2024-10-31T08:00:00Z");
  g_assert_cmpstr (json_array_get_string_element (exdates, 1), ==, "2024-11-07T08:00:00Z");

  moved = test_find_doc (docs, "event:ical:weekly-coordination@example.org:20241107T080000Z");
  g_assert_nonnull (moved);
  g_assert_cmpstr (json_object_get_string_member (moved, "recurrence_of"), ==, "event:ical:weekly-coordination@example.org");
  g_assert_cmpstr (json_object_get_string_member (moved, "start"), ==, "2024-11-07T10:00:00Z");

  /* DUE 23:59 in Baku (UTC+4) */
  deadline = test_find_doc (docs, "event:ical:input-deadline@example.org");
  g_assert_cmpstr (json_object_get_string_member (deadline, "kind"), ==, "deadline");
  g_assert_cmpstr (json_object_get_string_member (deadline, "start"), ==, "2024-11-01T19:59:00Z");
  g_assert_cmpstr (json_object_get_string_member (deadline, "time_zone"), ==, "Asia/Baku");
  g_assert_cmpstr (json_object_get_string_member (deadline, "status"), ==, "open");

  utc_call = test_find_doc (docs, "event:ical:utc-call@example.org");
  g_assert_cmpstr (json_object_get_string_member (utc_call, "start"), ==, "2024-11-05T15:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (utc_call, "time_zone"), ==, "UTC");
  g_assert_cmpstr (json_object_get_string_member (utc_call, "status"), ==, "cancelled");
}

static void
test_expand_dst (void)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = instant ("2024-10-01T00:00:00Z");
  g_autoptr(GDateTime) to = instant ("2024-12-31T00:00:00Z");
  g_autoptr(GDateTime) mid = instant ("2024-10-24T07:30:00Z");
  g_autoptr(GDateTime) nov = instant ("2024-11-01T00:00:00Z");
  /* 09:00 Berlin every Thursday: 07:00Z in summer time, 08:00Z after 27 October;
   * 31 Oct excluded, 7 Nov overridden (a separate document). */
  const char *berlin[] = { "2024-10-17T07:00:00Z", "2024-10-24T07:00:00Z", "2024-11-14T08:00:00Z" };
  const char *berlin_from_mid[] = { "2024-10-24T07:00:00Z", "2024-11-14T08:00:00Z" };
  /* 18:00 New York on Sundays: EDT, EDT, then EST from 3 November. */
  const char *new_york[] = { "2024-10-20T22:00:00Z", "2024-10-27T22:00:00Z", "2024-11-03T23:00:00Z" };
  const char *single[] = { "2024-11-05T15:00:00Z" };

  docs = parse_fixture ("ical-recurring.ics", NULL, &error);
  g_assert_no_error (error);

  got = caucus_ical_expand (test_find_doc (docs, "event:ical:weekly-coordination@example.org"), from, to, &error);
  g_assert_no_error (error);
  assert_instants (got, berlin, G_N_ELEMENTS (berlin));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* An occurrence in progress at the start of the range is included. */
  got = caucus_ical_expand (test_find_doc (docs, "event:ical:weekly-coordination@example.org"), mid, to, &error);
  assert_instants (got, berlin_from_mid, G_N_ELEMENTS (berlin_from_mid));
  g_clear_pointer (&got, g_ptr_array_unref);

  got = caucus_ical_expand (test_find_doc (docs, "event:ical:ny-evening@example.org"), from, to, &error);
  g_assert_no_error (error);
  assert_instants (got, new_york, G_N_ELEMENTS (new_york));
  g_clear_pointer (&got, g_ptr_array_unref);

  got = caucus_ical_expand (test_find_doc (docs, "event:ical:utc-call@example.org"), from, to, &error);
  assert_instants (got, single, G_N_ELEMENTS (single));
  g_clear_pointer (&got, g_ptr_array_unref);
  got = caucus_ical_expand (test_find_doc (docs, "event:ical:utc-call@example.org"), from, nov, &error);
  g_assert_cmpuint (got->len, ==, 0);
}

static void
test_expand_unbounded (void)
{
  g_autoptr(JsonObject) event = json_object_new ();
  JsonObject *recurrence = json_object_new ();
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = instant ("2025-03-24T00:00:00Z");
  g_autoptr(GDateTime) to = instant ("2025-04-07T00:00:00Z");
  /* Daily 08:00 in Kolkata, never ending: a window years later is still right. */
  const char *kolkata[] = { "2025-03-31T02:30:00Z", "2025-04-01T02:30:00Z", "2025-04-02T02:30:00Z" };
  /* Weekly Monday 09:00 in Auckland; NZ leaves daylight time on 6 April 2025. */
  const char *auckland[] = { "2025-03-23T20:00:00Z", "2025-03-30T20:00:00Z", "2025-04-06T21:00:00Z" };
  g_autoptr(GDateTime) k_from = instant ("2025-03-31T00:00:00Z");
  g_autoptr(GDateTime) k_to = instant ("2025-04-03T00:00:00Z");
  g_autoptr(GDateTime) a_from = instant ("2025-03-23T00:00:00Z");

  json_object_set_string_member (event, "_id", "event:test:daily");
  json_object_set_string_member (event, "start", "2020-01-01T02:30:00Z");
  json_object_set_string_member (event, "end", "2020-01-01T03:00:00Z");
  json_object_set_string_member (event, "time_zone", "Asia/Kolkata");
  json_object_set_string_member (recurrence, "rrule", "FREQ=DAILY");
  json_object_set_object_member (event, "recurrence", recurrence);
  got = caucus_ical_expand (event, k_from, k_to, &error);
  g_assert_no_error (error);
  assert_instants (got, kolkata, G_N_ELEMENTS (kolkata));
  g_clear_pointer (&got, g_ptr_array_unref);

  json_object_set_string_member (event, "start", "2025-01-05T20:00:00Z");   /* Mon 6 Jan 09:00 NZDT */
  json_object_set_string_member (event, "end", "2025-01-05T21:00:00Z");
  json_object_set_string_member (event, "time_zone", "Pacific/Auckland");
  json_object_set_string_member (recurrence, "rrule", "FREQ=WEEKLY;BYDAY=MO");
  got = caucus_ical_expand (event, a_from, to, &error);
  g_assert_no_error (error);
  assert_instants (got, auckland, G_N_ELEMENTS (auckland));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Every minute since 2020: more than a million occurrences before 2025. */
  json_object_set_string_member (event, "start", "2020-01-01T02:30:00Z");
  json_object_set_string_member (event, "end", "2020-01-01T02:31:00Z");
  json_object_set_string_member (recurrence, "rrule", "FREQ=MINUTELY");
  got = caucus_ical_expand (event, from, to, &error);
  g_assert_null (got);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_TOO_LARGE);
  g_clear_error (&error);
  json_object_set_string_member (event, "start", "2025-01-05T20:00:00Z");

  json_object_set_string_member (recurrence, "rrule", "FREQ=SOMETIMES");
  got = caucus_ical_expand (event, from, to, &error);
  g_assert_null (got);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_clear_error (&error);
  json_object_set_string_member (recurrence, "rrule", "FREQ=DAILY");
  json_object_set_string_member (event, "time_zone", "Europe/Atlantis");
  got = caucus_ical_expand (event, from, to, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE);
}

static void
test_import_all_day_and_floating (void)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *forum, *day, *lunch;

  /* X-WR-TIMEZONE gives dates and floating times their zone. */
  docs = parse_fixture ("ical-allday.ics", NULL, &error);
  g_assert_no_error (error);
  forum = test_find_doc (docs, "event:ical:regional-forum@example.org");
  g_assert_true (json_object_get_boolean_member (forum, "all_day"));
  g_assert_cmpstr (json_object_get_string_member (forum, "kind"), ==, "conference");
  g_assert_cmpstr (json_object_get_string_member (forum, "time_zone"), ==, "Pacific/Auckland");
  g_assert_cmpstr (json_object_get_string_member (forum, "start"), ==, "2024-11-10T11:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (forum, "end"), ==, "2024-11-13T11:00:00Z");
  day = test_find_doc (docs, "event:ical:submission-day@example.org");
  g_assert_cmpstr (json_object_get_string_member (day, "kind"), ==, "deadline");
  g_assert_cmpstr (json_object_get_string_member (day, "start"), ==, "2024-11-19T11:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (day, "end"), ==, "2024-11-20T11:00:00Z");
  lunch = test_find_doc (docs, "event:ical:floating-lunch@example.org");
  g_assert_cmpstr (json_object_get_string_member (lunch, "start"), ==, "2024-11-11T23:30:00Z");
  g_clear_pointer (&docs, g_ptr_array_unref);

  /* A floating time with no zone anywhere: refused, unless the caller names one. */
  docs = parse_fixture ("ical-floating.ics", NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE);
  g_assert_nonnull (strstr (error->message, "line 7"));
  g_clear_error (&error);
  docs = parse_fixture ("ical-floating.ics", "America/St_Johns", &error);
  g_assert_no_error (error);
  /* 09:30 NST (UTC-3:30) */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "start"), ==, "2024-11-12T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (g_ptr_array_index (docs, 0), "roles"), 0), "name"),
                   ==, "host@example.org");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "time_zone"), ==, "America/St_Johns");
}

/* RFC 5545 §3.3.5's own examples: the first of two 01:30s, and 02:30 in the gap read with
 * the offset before it.  (libical alone would give the second 01:30 and 01:30 EST.) */
static void
test_import_rfc_examples (void)
{
  const char *text =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:twice\r\nDTSTAMP:20070101T000000Z\r\n"
    "DTSTART;TZID=America/New_York:20071104T013000\r\nSUMMARY:Twice\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:never\r\nDTSTAMP:20070101T000000Z\r\n"
    "DTSTART;TZID=America/New_York:20070311T023000\r\nSUMMARY:Never\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:weekly-night\r\nDTSTAMP:20070101T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20241020T023000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
    "SUMMARY:Night shift\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = instant ("2024-10-01T00:00:00Z");
  g_autoptr(GDateTime) to = instant ("2024-11-30T00:00:00Z");
  /* 02:30 on 20 Oct (CEST), on 27 Oct (twice: the first, CEST), on 3 Nov (CET) */
  const char *nights[] = { "2024-10-20T00:30:00Z", "2024-10-27T00:30:00Z", "2024-11-03T01:30:00Z" };

  docs = caucus_ical_parse (text, strlen (text), "rfc.ics", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:ical:twice"), "start"), ==, "2007-11-04T05:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:ical:never"), "start"), ==, "2007-03-11T07:30:00Z");
  got = caucus_ical_expand (test_find_doc (docs, "event:ical:weekly-night"), from, to, &error);
  g_assert_no_error (error);
  assert_instants (got, nights, G_N_ELEMENTS (nights));
}

static void
test_import_lenient (void)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *prep;

  /* Unknown properties, odd attendee parameters and alarms are skipped, not fatal. */
  docs = parse_fixture ("ical-lenient.ics", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  prep = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (json_object_get_string_member (prep, "_id"), ==, "event:ical:3q0v3n3b2c@google.com");
  g_assert_cmpstr (json_object_get_string_member (prep, "start"), ==, "2024-12-03T06:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (prep, "time_zone"), ==, "Africa/Nairobi");
  g_assert_cmpstr (json_object_get_string_member (prep, "description"), ==,
                   "Prep meeting before the open consultation.\nBring the zero draft.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prep, "location"), "venue"),
                   ==, "UN Gigiri, Conference Room 2");
  g_assert_cmpstr (json_object_get_string_member (prep, "status"), ==, "confirmed");
}

static void
test_import_outlook_zone (void)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  /* A Windows zone name: the file's VTIMEZONE gives the instant, but it is no IANA zone. */
  docs = parse_fixture ("ical-outlook.ics", NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE);
  g_assert_nonnull (strstr (error->message, "W. Europe Standard Time"));
  g_clear_error (&error);

  docs = parse_fixture ("ical-outlook.ics", "Europe/Amsterdam", &error);
  g_assert_no_error (error);
  /* 28 Oct 14:00 in the file's own zone rules: already winter time, UTC+1. */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "start"), ==, "2024-10-28T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "time_zone"), ==, "Europe/Amsterdam");
}

static void
assert_ical_fails (const char *name,
                   int         code,
                   const char *needle)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = parse_fixture (name, "Europe/Berlin", &error);
  g_assert_null (docs);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("‘%s’ not in ‘%s’", needle, error->message);
}

static void
test_bad_ical (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  assert_ical_fails ("ical-truncated.ics", CAUCUS_FORMATS_ERROR_PARSE, "truncated");
  assert_ical_fails ("ical-truncated.ics", CAUCUS_FORMATS_ERROR_PARSE, "line 4");
  assert_ical_fails ("ical-wrong-root.ics", CAUCUS_FORMATS_ERROR_INVALID, "line 1");
  assert_ical_fails ("ical-bad-line.ics", CAUCUS_FORMATS_ERROR_PARSE, "line 9");
  assert_ical_fails ("ical-unknown-tzid.ics", CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, "America/Gotham");
  assert_ical_fails ("ical-unknown-tzid.ics", CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, "line 29");
  assert_ical_fails ("ical-bad-date.ics", CAUCUS_FORMATS_ERROR_BAD_TIME, "line 44");
  assert_ical_fails ("ical-bad-date.ics", CAUCUS_FORMATS_ERROR_BAD_TIME, "20241345T150000Z");

  assert_ical_fails ("ical-bad-value.ics", CAUCUS_FORMATS_ERROR_PARSE, "line 10");
  assert_ical_fails ("ical-bad-value.ics", CAUCUS_FORMATS_ERROR_PARSE, "DTEND");

  docs = caucus_ical_parse ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 31, "x.ics", "Mars/Base", &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE);
  g_clear_error (&error);
  docs = caucus_ical_parse ("", 0, "empty.ics", NULL, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_clear_error (&error);
  docs = caucus_ical_parse ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 31, "empty-cal.ics", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 0);
}

/* Parses exported text back with libical directly: every DTSTART/DTEND/DUE carries a TZID
 * with a VTIMEZONE in the file, or is UTC, or is a DATE. */
static void
assert_never_floating (const char *text,
                       guint      *n_tzid)
{
  icalcomponent *cal = icalparser_parse_string (text);

  g_assert_nonnull (cal);
  *n_tzid = 0;
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (cal, ICAL_ANY_COMPONENT))
    {
      icalproperty_kind kinds[] = { ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_DUE_PROPERTY, ICAL_EXDATE_PROPERTY };

      if (icalcomponent_isa (c) != ICAL_VEVENT_COMPONENT && icalcomponent_isa (c) != ICAL_VTODO_COMPONENT)
        continue;
      g_assert_null (icalcomponent_get_first_property (c, ICAL_XLICERROR_PROPERTY));
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        for (icalproperty *p = icalcomponent_get_first_property (c, kinds[k]); p != NULL;
             p = icalcomponent_get_next_property (c, kinds[k]))
          {
            icalparameter *tzid = icalproperty_get_first_parameter (p, ICAL_TZID_PARAMETER);
            struct icaltimetype t = icalvalue_get_datetime (icalproperty_get_value (p));

            if (tzid != NULL)
              {
                (*n_tzid)++;
                g_assert_nonnull (icalcomponent_get_timezone (cal, icalparameter_get_tzid (tzid)));
              }
            else
              g_assert_true (t.is_date || icaltime_is_utc (t));
          }
    }
  icalcomponent_free (cal);
}

static void
assert_same_times (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      JsonObject *x = g_ptr_array_index (a, i);
      JsonObject *y = test_find_doc (b, json_object_get_string_member (x, "_id"));
      const char *members[] = { "start", "end", "time_zone", "kind", "title" };

      if (y == NULL)
        g_error ("%s did not come back", json_object_get_string_member (x, "_id"));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_cmpstr (json_object_get_string_member (x, members[m]), ==,
                         json_object_get_string_member (y, members[m]));
      g_assert_cmpint (json_object_get_boolean_member (x, "all_day"), ==,
                       json_object_get_boolean_member (y, "all_day"));
      if (json_object_has_member (x, "recurrence"))
        {
          JsonNode *rx = json_object_get_member (x, "recurrence");
          JsonNode *ry = json_object_get_member (y, "recurrence");

          g_assert_nonnull (ry);
          g_assert_true (json_node_equal (rx, ry));
        }
    }
}

/* The text without DTSTAMP lines (the time of export, for items that have no "updated"). */
static char *
without_stamps (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP:"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static void
test_round_trip_ical (void)
{
  const char *fixtures[] = { "ical-recurring.ics", "ical-allday.ics" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GPtrArray) second = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *again = NULL;
      guint n_tzid = 0;

      first = parse_fixture (fixtures[f], NULL, &error);
      g_assert_no_error (error);
      text = caucus_ical_export_docs (first, &error);
      g_assert_no_error (error);
      assert_never_floating (text, &n_tzid);
      second = caucus_ical_parse (text, strlen (text), "exported.ics", NULL, &error);
      g_assert_no_error (error);
      assert_same_times (first, second);
      /* Exporting again gives the same text: zones and items are written deterministically. */
      again = caucus_ical_export_docs (second, &error);
      g_assert_no_error (error);
      {
        g_autofree char *a = without_stamps (text);
        g_autofree char *b = without_stamps (again);

        g_assert_cmpstr (a, ==, b);
      }
    }
}

static void
test_round_trip_schedule (void)
{
  g_autofree char *path = test_fixture_path ("minicon.xml");
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  guint n_tzid = 0;

  data = test_read_file (path, &length);
  docs = caucus_schedule_parse_xml (data, length, "minicon.xml", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (docs, i), "type"), "event") == 0)
      g_ptr_array_add (events, json_object_ref (g_ptr_array_index (docs, i)));

  text = caucus_ical_export_docs (events, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BEGIN:VTIMEZONE"));
  g_assert_nonnull (strstr (text, "TZID:Europe/Berlin"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:20241026T233000"));
  /* It ends at the second 02:30 of that night (CET), which only UTC can name. */
  g_assert_nonnull (strstr (text, "DTEND:20241027T013000Z"));
  g_assert_nonnull (strstr (text, "LOCATION:Saal 1\\, Congress Centre\\, Berlin"));
  g_assert_null (strstr (text, "freeassociation"));
  assert_never_floating (text, &n_tzid);
  /* 4 sessions × DTSTART/DTEND but that one DTEND; the all-day conference as DATEs. */
  g_assert_cmpuint (n_tzid, ==, 7);

  back = caucus_ical_parse (text, strlen (text), "exported.ics", NULL, &error);
  g_assert_no_error (error);
  /* X-CAUCUS-ID keeps the ids, X-CAUCUS-KIND the kinds. */
  assert_same_times (events, back);
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (back, "event:minicon24:a0000000-0000-4000-8000-000000000001"), "parent_id"),
                   ==, "event:minicon24");
}

/* Every real feed through iCalendar and back: titles with commas, semicolons and emoji,
 * multi-paragraph descriptions, 1,008 items. */
static void
test_round_trip_real_feeds (void)
{
  struct { const char *name, *zone; } feeds[] = {
    { "38c3.xml", NULL }, { "debconf23.xml", NULL }, { "fosdem_2021.xml", "Europe/Brussels" },
    { "pretalx-democon.json", NULL },
  };

  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      g_autofree char *path = test_schedule_path (feeds[f].name);
      g_autoptr(GPtrArray) docs = NULL;
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(GPtrArray) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      guint n_tzid = 0;

      if (path == NULL)
        return;
      docs = caucus_formats_parse_file (path, CAUCUS_FORMAT_AUTO, feeds[f].zone, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < docs->len; i++)
        if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (docs, i), "type"), "event") == 0)
          g_ptr_array_add (events, json_object_ref (g_ptr_array_index (docs, i)));
      text = caucus_ical_export_docs (events, &error);
      g_assert_no_error (error);
      assert_never_floating (text, &n_tzid);
      back = caucus_ical_parse (text, strlen (text), feeds[f].name, NULL, &error);
      g_assert_no_error (error);
      assert_same_times (events, back);
      for (guint i = 0; i < events->len; i++)
        {
          JsonObject *a = g_ptr_array_index (events, i);
          JsonObject *b = test_find_doc (back, json_object_get_string_member (a, "_id"));

          g_assert_cmpstr (json_object_get_string_member_with_default (a, "description", NULL), ==,
                           json_object_get_string_member_with_default (b, "description", NULL));
          g_assert_cmpstr (json_object_get_string_member_with_default (a, "parent_id", NULL), ==,
                           json_object_get_string_member_with_default (b, "parent_id", NULL));
        }
      g_test_message ("%s: %u items, %" G_GSIZE_FORMAT " bytes of iCalendar",
                      feeds[f].name, events->len, strlen (text));
    }
}

static void
test_export_deadline_and_errors (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *deadline = json_object_new ();
  JsonObject *bad;

  json_object_set_string_member (deadline, "_id", "event:cc:deadline-1");
  json_object_set_string_member (deadline, "type", "event");
  json_object_set_string_member (deadline, "kind", "deadline");
  json_object_set_string_member (deadline, "title", "Input to the OEWG zero draft");
  json_object_set_string_member (deadline, "start", "2024-11-15T16:59:00Z");
  json_object_set_string_member (deadline, "end", "2024-11-15T16:59:00Z");
  json_object_set_string_member (deadline, "time_zone", "Europe/Zurich");
  json_object_set_string_member (deadline, "status", "open");
  g_ptr_array_add (events, deadline);

  text = caucus_ical_export_docs (events, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BEGIN:VTODO"));
  g_assert_nonnull (strstr (text, "DUE;TZID=Europe/Zurich:20241115T175900"));
  g_assert_nonnull (strstr (text, "STATUS:NEEDS-ACTION"));

  /* 01:30Z on 27 October is the second 02:30 in Berlin: no TZID time names it. */
  {
    g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    g_autoptr(GPtrArray) back = NULL;
    g_autofree char *ambiguous = NULL;
    JsonObject *night = json_object_new ();

    json_object_set_string_member (night, "_id", "event:x:second-half-past-two");
    json_object_set_string_member (night, "kind", "meeting");
    json_object_set_string_member (night, "title", "The hour that happens twice");
    json_object_set_string_member (night, "start", "2024-10-27T00:30:00Z");
    json_object_set_string_member (night, "end", "2024-10-27T01:30:00Z");
    json_object_set_string_member (night, "time_zone", "Europe/Berlin");
    g_ptr_array_add (second, night);
    ambiguous = caucus_ical_export_docs (second, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (ambiguous, "DTSTART;TZID=Europe/Berlin:20241027T023000"));
    g_assert_nonnull (strstr (ambiguous, "DTEND:20241027T013000Z"));
    back = caucus_ical_parse (ambiguous, strlen (ambiguous), "ambiguous.ics", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 0), "start"), ==, "2024-10-27T00:30:00Z");
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 0), "end"), ==, "2024-10-27T01:30:00Z");
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (back, 0), "time_zone"), ==, "Europe/Berlin");
  }

  bad = json_object_new ();
  json_object_set_string_member (bad, "_id", "event:x:bad");
  json_object_set_string_member (bad, "kind", "meeting");
  json_object_set_string_member (bad, "start", "2024-11-15T16:59:00Z");
  json_object_set_string_member (bad, "time_zone", "Europe/Atlantis");
  g_ptr_array_add (events, bad);
  g_clear_pointer (&text, g_free);
  text = caucus_ical_export_docs (events, &error);
  g_assert_null (text);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE);
  g_assert_nonnull (strstr (error->message, "event:x:bad"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/ical/import-recurring", test_import_recurring);
  g_test_add_func ("/formats/ical/expand-dst", test_expand_dst);
  g_test_add_func ("/formats/ical/expand-unbounded", test_expand_unbounded);
  g_test_add_func ("/formats/ical/import-all-day-floating", test_import_all_day_and_floating);
  g_test_add_func ("/formats/ical/import-outlook-zone", test_import_outlook_zone);
  g_test_add_func ("/formats/ical/import-lenient", test_import_lenient);
  g_test_add_func ("/formats/ical/import-rfc-examples", test_import_rfc_examples);
  g_test_add_func ("/formats/ical/bad-input", test_bad_ical);
  g_test_add_func ("/formats/ical/round-trip", test_round_trip_ical);
  g_test_add_func ("/formats/ical/round-trip-schedule", test_round_trip_schedule);
  g_test_add_func ("/formats/ical/round-trip-real-feeds", test_round_trip_real_feeds);
  g_test_add_func ("/formats/ical/export-deadline", test_export_deadline_and_errors);
  return g_test_run ();
}
