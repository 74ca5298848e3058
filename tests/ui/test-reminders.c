/* test-reminders.c — which reminders fire when, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * caucus_reminders_plan() and the calendar's countdowns are pure functions of the
 * events and an injected "now"; these tests pin them across zones and across
 * daylight-saving changes.
 */
#include <locale.h>

#include "caucus-calendar-time.h"
#include "caucus-reminders.h"
#include "caucus-time.h"

static JsonObject *
make_event (const char *id,
            const char *kind,
            const char *title,
            const char *start,
            const char *zone,
            const char *status)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "_id", id);
  json_object_set_string_member (event, "type", "event");
  json_object_set_string_member (event, "kind", kind);
  json_object_set_string_member (event, "title", title);
  json_object_set_string_member (event, "start", start);
  json_object_set_string_member (event, "time_zone", zone);
  if (status != NULL)
    json_object_set_string_member (event, "status", status);
  return event;
}

static GDateTime *
instant (const char *text)
{
  GDateTime *dt = caucus_time_parse_instant (text, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static gint64
unix_of (const char *text)
{
  g_autoptr(GDateTime) dt = instant (text);

  return g_date_time_to_unix (dt);
}

static GPtrArray *
new_events (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
}

static void
test_plan_order_and_exclusions (void)
{
  g_autoptr(GPtrArray) events = new_events ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GDateTime) now = instant ("2012-11-03T04:50:00Z");
  g_autoptr(GHashTable) fired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CaucusReminder *r;

  /* Baku sessions of the sample, one deadline in Zurich */
  g_ptr_array_add (events, make_event ("s:itu", "session", "ITU", "2012-11-03T07:00:00Z", "Asia/Baku", "scheduled"));
  g_ptr_array_add (events, make_event ("s:history", "session", "History", "2012-11-03T05:00:00Z", "Asia/Baku", NULL));
  g_ptr_array_add (events, make_event ("s:gone", "session", "Cancelled", "2012-11-03T06:00:00Z", "Asia/Baku", "cancelled"));
  g_ptr_array_add (events, make_event ("s:past", "session", "Past", "2012-11-02T06:00:00Z", "Asia/Baku", NULL));
  g_ptr_array_add (events, make_event ("d:input", "deadline", "Input", "2012-11-23T22:59:00Z", "Europe/Zurich", "open"));
  g_ptr_array_add (events, make_event ("d:done", "deadline", "Done", "2012-11-24T22:59:00Z", "Europe/Zurich", "done"));

  plan = caucus_reminders_plan (events, 15, now, NULL);
  g_assert_cmpuint (plan->len, ==, 3);

  /* 05:00Z with 15 minutes' lead is 04:45Z, already passed at 04:50Z: fires at once */
  r = g_ptr_array_index (plan, 0);
  g_assert_cmpstr (r->event_id, ==, "s:history");
  g_assert_cmpint (r->fire_at, ==, g_date_time_to_unix (now));
  r = g_ptr_array_index (plan, 1);
  g_assert_cmpstr (r->event_id, ==, "s:itu");
  g_assert_cmpint (r->fire_at, ==, unix_of ("2012-11-03T06:45:00Z"));
  r = g_ptr_array_index (plan, 2);
  g_assert_cmpstr (r->event_id, ==, "d:input");
  g_assert_cmpint (r->fire_at, ==, unix_of ("2012-11-23T22:44:00Z"));

  /* once shown, a reminder is not planned again */
  g_hash_table_add (fired, caucus_reminder_key (g_ptr_array_index (plan, 0)));
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = caucus_reminders_plan (events, 15, now, fired);
  g_assert_cmpuint (plan->len, ==, 2);
  g_assert_cmpstr (((CaucusReminder *) g_ptr_array_index (plan, 0))->event_id, ==, "s:itu");

  /* a lead time of zero turns reminders off */
  g_clear_pointer (&plan, g_ptr_array_unref);
  plan = caucus_reminders_plan (events, 0, now, NULL);
  g_assert_cmpuint (plan->len, ==, 0);
}

/* The night US summer time ends (2024-11-03) is 25 hours long: a reminder an hour
 * before a 09:00 EST session, planned at 08:00 EDT the day before, is 24 h of wall
 * clock but 25 h of real time away.  The plan works on instants, so it says 25 h. */
static void
test_plan_across_dst (void)
{
  g_autoptr(GPtrArray) events = new_events ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GTimeZone) new_york = caucus_time_zone_new ("America/New_York", NULL);
  g_autoptr(GDateTime) start = caucus_time_from_local (new_york, 2024, 11, 3, 9, 0, 0);
  g_autoptr(GDateTime) now = caucus_time_from_local (new_york, 2024, 11, 2, 8, 0, 0);
  g_autofree char *start_text = caucus_time_format_instant (start);
  g_autofree char *body = NULL;
  CaucusReminder *r;

  g_assert_cmpstr (start_text, ==, "2024-11-03T14:00:00Z");
  g_ptr_array_add (events, make_event ("s:un", "session", "Briefing", start_text, "America/New_York", NULL));
  plan = caucus_reminders_plan (events, 60, now, NULL);
  g_assert_cmpuint (plan->len, ==, 1);
  r = g_ptr_array_index (plan, 0);
  g_assert_cmpint (r->fire_at - g_date_time_to_unix (now), ==, 25 * 3600);

  /* the same instant whatever zone the device is in */
  body = caucus_reminder_body (r, "Europe/Berlin");
  g_assert_cmpstr (body, ==, "Starts at 09:00 (UTC-5) in America/New_York · 15:00 (UTC+1) your time");
  g_clear_pointer (&body, g_free);
  body = caucus_reminder_body (r, "America/New_York");
  g_assert_cmpstr (body, ==, "Starts at 09:00 (UTC-5) in America/New_York");
  g_clear_pointer (&body, g_free);
  /* Auckland is already on 4 November */
  body = caucus_reminder_body (r, "Pacific/Auckland");
  g_assert_cmpstr (body, ==, "Starts at 09:00 (UTC-5) in America/New_York · 03:00 (UTC+13) your time +1 day");
}

/* Texts around the European change (2024-10-27) and for a half-hour zone. */
static void
test_body_zones (void)
{
  g_autoptr(GPtrArray) events = new_events ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GDateTime) now = instant ("2024-10-26T12:00:00Z");
  g_autofree char *body = NULL;

  g_ptr_array_add (events, make_event ("s:berlin", "session", "After the change", "2024-10-27T09:00:00Z", "Europe/Berlin", NULL));
  g_ptr_array_add (events, make_event ("d:delhi", "deadline", "Submissions", "2024-10-27T18:29:00Z", "Asia/Kolkata", "open"));
  plan = caucus_reminders_plan (events, 30, now, NULL);
  g_assert_cmpuint (plan->len, ==, 2);

  body = caucus_reminder_body (g_ptr_array_index (plan, 0), "America/New_York");
  g_assert_cmpstr (body, ==, "Starts at 10:00 (UTC+1) in Europe/Berlin · 05:00 (UTC-4) your time");
  g_clear_pointer (&body, g_free);
  body = caucus_reminder_body (g_ptr_array_index (plan, 1), "America/Los_Angeles");
  g_assert_cmpstr (body, ==, "Due at 23:59 (UTC+5:30) in Asia/Kolkata · 11:29 (UTC-7) your time");
  g_assert_cmpint (((CaucusReminder *) g_ptr_array_index (plan, 1))->fire_at, ==,
                   unix_of ("2024-10-27T17:59:00Z"));
}

/* A weekly 09:00 Berlin call keeps its wall-clock time across the change. */
static void
test_plan_recurring (void)
{
  g_autoptr(GPtrArray) events = new_events ();
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GDateTime) now = instant ("2024-10-27T12:00:00Z");
  JsonObject *call = make_event ("m:weekly", "meeting", "Weekly call", "2024-10-21T07:00:00Z", "Europe/Berlin", NULL);
  JsonObject *recurrence = json_object_new ();

  json_object_set_string_member (call, "end", "2024-10-21T08:00:00Z");
  json_object_set_string_member (recurrence, "rrule", "FREQ=WEEKLY");
  json_object_set_object_member (call, "recurrence", recurrence);
  g_ptr_array_add (events, call);

  plan = caucus_reminders_plan (events, 15, now, NULL);
  g_assert_cmpuint (plan->len, ==, 1);
  g_assert_cmpstr (((CaucusReminder *) g_ptr_array_index (plan, 0))->start, ==, "2024-10-28T08:00:00Z");
  g_assert_cmpint (((CaucusReminder *) g_ptr_array_index (plan, 0))->fire_at, ==,
                   unix_of ("2024-10-28T07:45:00Z"));
}

static void
assert_countdown (const char *due,
                  const char *zone,
                  const char *now_text,
                  const char *expected)
{
  g_autoptr(GDateTime) now = instant (now_text);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = caucus_calendar_countdown_text (due, zone, now, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

/* Days are counted in the issuing body's zone: the WCIT input deadline is 23:59 in
 * Zurich on 23 November 2012 (22:59Z). */
static void
test_countdown (void)
{
  const char *due = "2012-11-23T22:59:00Z";
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = instant ("2012-11-20T12:00:00Z");
  g_autofree char *text = NULL;
  GDate date;
  char *from = NULL;
  char *to = NULL;

  assert_countdown (due, "Europe/Zurich", "2012-11-20T12:00:00Z", "in 3 days");
  assert_countdown (due, "Europe/Zurich", "2012-11-22T12:00:00Z", "due tomorrow");
  assert_countdown (due, "Europe/Zurich", "2012-11-23T00:30:00Z", "due today");
  /* 23:30Z on the 22nd is already the 23rd in Zurich, not yet in UTC */
  assert_countdown (due, "Europe/Zurich", "2012-11-22T23:30:00Z", "due today");
  assert_countdown (due, "UTC", "2012-11-22T23:30:00Z", "due tomorrow");
  assert_countdown (due, "Europe/Zurich", "2012-11-24T08:00:00Z", "1 day overdue");
  assert_countdown (due, "Europe/Zurich", "2012-11-25T23:30:00Z", "3 days overdue");
  /* across the change of 27 October: still whole days */
  assert_countdown ("2024-10-28T10:00:00Z", "Europe/Berlin", "2024-10-26T22:30:00Z", "due tomorrow");

  text = caucus_calendar_countdown_text (due, "Europe/Zürich", now, &error);
  g_assert_null (text);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a local day's range: 25 hours the day New York leaves summer time */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, 11, 2024);
  g_assert_true (caucus_calendar_day_range (&date, "America/New_York", &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (from, ==, "2024-11-03T04:00:00Z");
  g_assert_cmpstr (to, ==, "2024-11-04T05:00:00Z");
  g_free (from);
  g_free (to);
}

static void
test_my_zone (void)
{
  g_autofree char *chosen = caucus_calendar_my_zone ("America/New_York");
  g_autofree char *bad = caucus_calendar_my_zone ("Not/AZone");
  g_autofree char *device = NULL;

  g_assert_cmpstr (chosen, ==, "America/New_York");
  /* an unusable setting follows the device, which must be a real IANA name */
  g_assert_true (caucus_time_zone_is_valid (bad));
  g_setenv ("TZ", "Asia/Kathmandu", TRUE);
  device = caucus_calendar_my_zone ("");
  g_assert_cmpstr (device, ==, "Asia/Kathmandu");
  g_unsetenv ("TZ");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reminders/plan", test_plan_order_and_exclusions);
  g_test_add_func ("/reminders/dst", test_plan_across_dst);
  g_test_add_func ("/reminders/body-zones", test_body_zones);
  g_test_add_func ("/reminders/recurring", test_plan_recurring);
  g_test_add_func ("/reminders/countdown", test_countdown);
  g_test_add_func ("/reminders/my-zone", test_my_zone);
  return g_test_run ();
}
