/* Time helpers in six display zones (half-hour offsets, south of the equator), day marks,
 * daylight-saving changes and grouping by conference day. */
#include "caucus-formats.h"
#include "formats-test-util.h"

#include <string.h>

static void
test_zones (void)
{
  const char *good[] = { "UTC", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "EST5EDT",
                         "Pacific/Auckland", "Asia/Baku", "America/New_York", "Etc/GMT+3" };
  const char *bad[] = { "", "Europe/Atlantis", "Mars/Olympus_Mons", "UTC+3", "CET-1",
                        "+05:30", "Europe/Berlin/Mitte" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (caucus_time_zone_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTimeZone) tz = caucus_time_zone_new (bad[i], &error);

      g_assert_null (tz);
      g_assert_nonnull (error);
      g_assert_true (error->code == CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE ||
                     error->code == CAUCUS_FORMATS_ERROR_NO_ZONE);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = caucus_time_format_in_zone ("2024-10-26T21:30:00Z", "Europe/Atlantis",
                                                        NULL, NULL, &error);
    g_assert_null (text);
    g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE);
    g_assert_nonnull (strstr (error->message, "Europe/Atlantis"));
  }
}

static void
test_instants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) a = caucus_time_parse_instant ("2024-12-27T10:30:00+01:00", &error);
  g_autoptr(GDateTime) b = caucus_time_parse_instant ("2024-12-27T09:30:00Z", &error);
  g_autoptr(GDateTime) c = caucus_time_parse_instant ("2023-09-10T10:30:00+05:30", &error);
  g_autoptr(GDateTime) none = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (a, b));
  text = caucus_time_format_instant (c);
  g_assert_cmpstr (text, ==, "2023-09-10T05:00:00Z");

  /* Wall-clock text is not an instant. */
  none = caucus_time_parse_instant ("2024-12-27T10:30:00", &error);
  g_assert_null (none);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
  g_clear_error (&error);
  none = caucus_time_parse_instant ("2024-12-27", &error);
  g_assert_null (none);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
  g_clear_error (&error);
  none = caucus_time_parse_instant ("2024-02-30T10:00:00Z", &error);
  g_assert_null (none);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
}

typedef struct {
  const char *zone;
  const char *text;
  int         day_offset;
} Shown;

static void
check_shown (const char  *instant,
             const char  *home,
             const Shown *expected,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      int day_offset = 99;
      g_autofree char *text = caucus_time_format_in_zone (instant, expected[i].zone, home,
                                                          &day_offset, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, expected[i].text);
      g_assert_cmpint (day_offset, ==, expected[i].day_offset);
    }
}

static void
test_six_zones (void)
{
  /* 23:30 in Berlin on Saturday 26 October 2024, still summer time (UTC+2). */
  const Shown late_evening[] = {
    { "Europe/Berlin", "23:30 (UTC+2)", 0 },
    { "Asia/Baku", "01:30 (UTC+4)", 1 },
    { "America/New_York", "17:30 (UTC-4)", 0 },
    { "Pacific/Auckland", "10:30 (UTC+13)", 1 },
    { "Asia/Kolkata", "03:00 (UTC+5:30)", 1 },
    { "America/St_Johns", "19:00 (UTC-2:30)", 0 },
    { "UTC", "21:30 (UTC)", 0 },
  };
  /* 04:30 on 27 October in Baku is the previous evening in the Americas. */
  const Shown early_morning[] = {
    { "Asia/Baku", "04:30 (UTC+4)", 0 },
    { "America/New_York", "20:30 (UTC-4)", -1 },
    { "America/St_Johns", "22:00 (UTC-2:30)", -1 },
    { "Europe/Berlin", "02:30 (UTC+2)", 0 },
  };
  /* The same wall-clock time a week later: Berlin and New York have changed offsets,
   * Auckland has not (its change was in September), Kolkata and Baku never do. */
  const Shown week_later[] = {
    { "Europe/Berlin", "22:30 (UTC+1)", 0 },
    { "America/New_York", "16:30 (UTC-5)", 0 },
    { "Pacific/Auckland", "10:30 (UTC+13)", 1 },
    { "Asia/Kolkata", "03:00 (UTC+5:30)", 1 },
    { "America/St_Johns", "18:00 (UTC-3:30)", 0 },
    { "Asia/Baku", "01:30 (UTC+4)", 1 },
  };

  check_shown ("2024-10-26T21:30:00Z", "Europe/Berlin", late_evening, G_N_ELEMENTS (late_evening));
  check_shown ("2024-10-27T00:30:00Z", "Asia/Baku", early_morning, G_N_ELEMENTS (early_morning));
  check_shown ("2024-11-09T21:30:00Z", "Europe/Berlin", week_later, G_N_ELEMENTS (week_later));
}

static void
test_day_marks (void)
{
  g_autofree char *plus = caucus_time_day_mark (1);
  g_autofree char *minus = caucus_time_day_mark (-1);
  g_autofree char *two = caucus_time_day_mark (2);

  g_assert_null (caucus_time_day_mark (0));
  g_assert_cmpstr (plus, ==, "+1 day");
  g_assert_cmpstr (minus, ==, "-1 day");
  g_assert_cmpstr (two, ==, "+2 days");
}

static void
test_dst_wall_clock (void)
{
  g_autoptr(GTimeZone) berlin = caucus_time_zone_new ("Europe/Berlin", NULL);
  g_autoptr(GDateTime) before = caucus_time_from_local (berlin, 2024, 10, 27, 1, 30, 0);
  g_autoptr(GDateTime) after = caucus_time_from_local (berlin, 2024, 10, 27, 4, 0, 0);
  g_autofree char *a = caucus_time_format_instant (before);
  g_autofree char *b = caucus_time_format_instant (after);
  g_autofree char *offset_a = caucus_time_format_offset (before);
  g_autofree char *offset_b = caucus_time_format_offset (after);

  /* 01:30 → 04:00 local is 2.5 hours on the wall but 3.5 hours of real time. */
  g_assert_cmpstr (a, ==, "2024-10-26T23:30:00Z");
  g_assert_cmpstr (b, ==, "2024-10-27T03:00:00Z");
  g_assert_cmpstr (offset_a, ==, "UTC+2");
  g_assert_cmpstr (offset_b, ==, "UTC+1");
  g_assert_cmpint (g_date_time_difference (after, before), ==, 3 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE);

  /* RFC 5545: 02:30 on 27 October happens twice, the first (summer) one is meant;
   * 02:30 on 31 March does not happen, it is read with the winter offset: 03:30 summer time. */
  {
    g_autoptr(GDateTime) twice = caucus_time_from_local (berlin, 2024, 10, 27, 2, 30, 0);
    g_autoptr(GDateTime) never = caucus_time_from_local (berlin, 2024, 3, 31, 2, 30, 0);
    g_autoptr(GTimeZone) ny = caucus_time_zone_new ("America/New_York", NULL);
    g_autoptr(GTimeZone) santiago = caucus_time_zone_new ("America/Santiago", NULL);
    g_autoptr(GDateTime) ny_twice = caucus_time_from_local (ny, 2007, 11, 4, 1, 30, 0);
    g_autoptr(GDateTime) ny_never = caucus_time_from_local (ny, 2007, 3, 11, 2, 30, 0);
    /* Chile starts summer time at midnight: 8 September 2024 00:00 does not exist. */
    g_autoptr(GDateTime) midnight = caucus_time_from_local (santiago, 2024, 9, 8, 0, 0, 0);
    g_autofree char *t1 = caucus_time_format_instant (twice);
    g_autofree char *t2 = caucus_time_format_instant (never);
    g_autofree char *t3 = caucus_time_format_instant (ny_twice);
    g_autofree char *t4 = caucus_time_format_instant (ny_never);
    g_autofree char *t5 = caucus_time_format_instant (midnight);
    g_autofree char *local_never = g_date_time_format (never, "%H:%M");

    g_assert_cmpstr (t1, ==, "2024-10-27T00:30:00Z");
    g_assert_cmpstr (t2, ==, "2024-03-31T01:30:00Z");
    g_assert_cmpstr (local_never, ==, "03:30");
    /* the examples of RFC 5545 §3.3.5 */
    g_assert_cmpstr (t3, ==, "2007-11-04T05:30:00Z");
    g_assert_cmpstr (t4, ==, "2007-03-11T07:30:00Z");
    g_assert_cmpstr (t5, ==, "2024-09-08T04:00:00Z");
    g_assert_null (caucus_time_from_local (berlin, 2024, 2, 30, 10, 0, 0));
  }
}

static JsonObject *
event_at (const char *id,
          const char *title,
          const char *start)
{
  JsonObject *e = json_object_new ();

  json_object_set_string_member (e, "_id", id);
  json_object_set_string_member (e, "title", title);
  json_object_set_string_member (e, "start", start);
  return e;
}

static void
test_group_by_day (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) berlin = NULL;
  g_autoptr(GPtrArray) auckland = NULL;
  g_autoptr(GPtrArray) night_owls = NULL;
  g_autoptr(GError) error = NULL;
  CaucusDayGroup *g;

  g_ptr_array_add (events, event_at ("e4", "Closing", "2024-10-27T09:00:00Z"));
  g_ptr_array_add (events, event_at ("e1", "Opening", "2024-10-26T08:00:00Z"));
  g_ptr_array_add (events, event_at ("e3", "Workshop", "2024-10-26T12:00:00Z"));
  g_ptr_array_add (events, event_at ("e2", "Night", "2024-10-26T23:30:00Z"));   /* 01:30 CEST on the 27th */

  berlin = caucus_time_group_by_day (events, "Europe/Berlin", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (berlin->len, ==, 2);
  g = g_ptr_array_index (berlin, 0);
  g_assert_cmpstr (g->day, ==, "2024-10-26");
  g_assert_cmpuint (g->events->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (g->events, 0), "title"), ==, "Opening");
  g = g_ptr_array_index (berlin, 1);
  g_assert_cmpstr (g->day, ==, "2024-10-27");
  g_assert_cmpuint (g->events->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (g->events, 0), "title"), ==, "Night");

  /* A 06:00 day change keeps the 01:30 session on the conference's Saturday. */
  night_owls = caucus_time_group_by_day (events, "Europe/Berlin", 6 * 60, &error);
  g_assert_cmpuint (night_owls->len, ==, 2);
  g = g_ptr_array_index (night_owls, 0);
  g_assert_cmpuint (g->events->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (g->events, 2), "title"), ==, "Night");

  /* In Auckland (UTC+13) the same instants fall on other days. */
  auckland = caucus_time_group_by_day (events, "Pacific/Auckland", 0, &error);
  g_assert_cmpuint (auckland->len, ==, 2);
  g = g_ptr_array_index (auckland, 0);
  g_assert_cmpstr (g->day, ==, "2024-10-26");
  g_assert_cmpuint (g->events->len, ==, 1);
  g = g_ptr_array_index (auckland, 1);
  g_assert_cmpstr (g->day, ==, "2024-10-27");
  g_assert_cmpuint (g->events->len, ==, 3);

  {
    g_autofree char *day = caucus_time_local_day ("2024-10-26T23:30:00Z", "America/St_Johns", 0, &error);
    g_assert_cmpstr (day, ==, "2024-10-26");
  }

  g_ptr_array_add (events, event_at ("bad", "Broken", "tomorrow"));
  g_clear_pointer (&berlin, g_ptr_array_unref);
  berlin = caucus_time_group_by_day (events, "Europe/Berlin", 0, &error);
  g_assert_null (berlin);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
  g_assert_nonnull (strstr (error->message, "bad"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/time/zones", test_zones);
  g_test_add_func ("/formats/time/instants", test_instants);
  g_test_add_func ("/formats/time/six-zones", test_six_zones);
  g_test_add_func ("/formats/time/day-marks", test_day_marks);
  g_test_add_func ("/formats/time/dst-wall-clock", test_dst_wall_clock);
  g_test_add_func ("/formats/time/group-by-day", test_group_by_day);
  return g_test_run ();
}
