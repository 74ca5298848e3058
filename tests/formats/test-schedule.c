/* Schedule parsing (frab / pretalx / Pentabarf, XML and JSON) against the real feeds and
 * small fixtures.  Every expected instant below was worked out by hand from the feed text. */
#include "caucus-formats.h"
#include "caucus-schedule-private.h"
#include "formats-test-util.h"

#include <string.h>

static GPtrArray *
parse_path (const char  *path,
            const char  *zone,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  data = test_read_file (path, &length);
  if (g_str_has_suffix (path, ".json"))
    return caucus_schedule_parse_json (data, length, path, zone, error);
  return caucus_schedule_parse_xml (data, length, path, zone, error);
}

static const char *
source_member (JsonObject *doc,
               const char *name)
{
  JsonObject *source = json_object_get_object_member (doc, "source");

  return json_object_get_string_member_with_default (source, name, NULL);
}

/* Every session's start is its feed <date>, read as an instant. */
static void
assert_starts_match_feed_dates (GPtrArray *docs)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(GDateTime) feed = NULL;
      g_autoptr(GDateTime) start = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", ""), "session") != 0)
        continue;
      feed = caucus_time_parse_instant (source_member (doc, "local_date"), NULL);
      start = caucus_time_parse_instant (json_object_get_string_member (doc, "start"), NULL);
      g_assert_nonnull (feed);
      g_assert_nonnull (start);
      g_assert_true (g_date_time_equal (feed, start));
    }
}

static void
test_38c3 (void)
{
  g_autofree char *path = test_schedule_path ("38c3.xml");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *conf, *opening, *role;
  JsonArray *roles;

  if (path == NULL)
    return;
  docs = parse_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_kind (docs, "event", "conference"), ==, 1);
  g_assert_cmpuint (test_count_kind (docs, "event", "session"), ==, 1007);
  /* 567 distinct spellings in the feed; folding merges "Eli"/"eli", "Anna"/"anna" and
   * "Raketen.Papa"/"Raketen Papa". */
  g_assert_cmpuint (test_count_kind (docs, "person", NULL), ==, 564);

  conf = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (json_object_get_string_member (conf, "_id"), ==, "event:38c3");
  g_assert_cmpstr (json_object_get_string_member (conf, "title"), ==, "38C3");
  g_assert_cmpstr (json_object_get_string_member (conf, "time_zone"), ==, "Europe/Berlin");
  g_assert_cmpstr (json_object_get_string_member (conf, "start"), ==, "2024-12-27T09:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (conf, "end"), ==, "2024-12-30T17:45:00Z");
  g_assert_false (json_object_get_boolean_member (conf, "all_day"));
  /* <day end="2024-12-28T06:00:00+01:00">: the congress day turns over at 06:00. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (conf, "source"), "day_change_minutes"), ==, 360);

  /* Grouped by congress day the sessions fall into the feed's own <day>s (245, 320, 306,
   * 136 events); by calendar day the ones after midnight move to the next date. */
  {
    g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    g_autoptr(GPtrArray) days = NULL;
    g_autoptr(GPtrArray) calendar_days = NULL;

    for (guint i = 1; i < docs->len; i++)
      if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (docs, i), "kind", ""), "session") == 0)
        g_ptr_array_add (sessions, json_object_ref (g_ptr_array_index (docs, i)));
    days = caucus_time_group_by_day (sessions, "Europe/Berlin", 360, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (days->len, ==, 4);
    g_assert_cmpstr (((CaucusDayGroup *) g_ptr_array_index (days, 0))->day, ==, "2024-12-27");
    g_assert_cmpstr (((CaucusDayGroup *) g_ptr_array_index (days, 3))->day, ==, "2024-12-30");
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (days, 0))->events->len, ==, 245);
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (days, 1))->events->len, ==, 320);
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (days, 2))->events->len, ==, 306);
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (days, 3))->events->len, ==, 136);
    calendar_days = caucus_time_group_by_day (sessions, "Europe/Berlin", 0, &error);
    g_assert_cmpuint (calendar_days->len, ==, 4);
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (calendar_days, 0))->events->len, ==, 227);
    g_assert_cmpuint (((CaucusDayGroup *) g_ptr_array_index (calendar_days, 3))->events->len, ==, 156);
  }

  /* <date>2024-12-27T10:30:00+01:00</date>, 00:30, Saal 1, three persons. */
  opening = test_find_doc (docs, "event:38c3:270fa44c-821a-577f-8ca3-33e8d4a8c2a7");
  g_assert_nonnull (opening);
  g_assert_cmpstr (json_object_get_string_member (opening, "title"), ==, "38C3: Opening Ceremony");
  g_assert_cmpstr (json_object_get_string_member (opening, "parent_id"), ==, "event:38c3");
  g_assert_cmpstr (json_object_get_string_member (opening, "start"), ==, "2024-12-27T09:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (opening, "end"), ==, "2024-12-27T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (opening, "time_zone"), ==, "Europe/Berlin");
  g_assert_cmpstr (test_location_room (opening), ==, "Saal 1");
  g_assert_cmpstr (json_object_get_string_member (opening, "format"), ==, "Ceremony");
  g_assert_cmpstr (source_member (opening, "local_start"), ==, "10:30");
  g_assert_cmpstr (source_member (opening, "uid"), ==, "270fa44c-821a-577f-8ca3-33e8d4a8c2a7");
  roles = json_object_get_array_member (opening, "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 3);
  role = json_array_get_object_element (roles, 0);
  g_assert_cmpstr (json_object_get_string_member (role, "name"), ==, "Gabriela Bogk");
  g_assert_cmpstr (json_object_get_string_member (role, "person_id"), ==, "person:gabriela-bogk");
  g_assert_cmpstr (json_object_get_string_member (role, "role"), ==, "speaker");
  g_assert_nonnull (test_find_doc (docs, "person:gabriela-bogk"));

  /* <date>2024-12-27T19:15:00+01:00</date> */
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:38c3:78910469-adfa-5c79-8529-1a9d66ef9e6a"), "start"),
                   ==, "2024-12-27T18:15:00Z");
  assert_starts_match_feed_dates (docs);

  /* Every session has a room and a title, and its <start> is the wall-clock time of its
   * instant in Europe/Berlin. */
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", ""), "session") != 0)
        continue;
      g_assert_nonnull (test_location_room (doc));
      g_assert_cmpstr (json_object_get_string_member (doc, "title"), !=, "");
      text = caucus_time_format_in_zone (json_object_get_string_member (doc, "start"),
                                         "Europe/Berlin", NULL, NULL, &error);
      expected = g_strdup_printf ("%s (UTC+1)", source_member (doc, "local_start"));
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_debconf23 (void)
{
  g_autofree char *path = test_schedule_path ("debconf23.xml");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *opening;
  g_autofree char *shown = NULL;

  if (path == NULL)
    return;
  docs = parse_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_kind (docs, "event", "session"), ==, 117);
  g_assert_cmpuint (test_count_kind (docs, "person", NULL), ==, 87);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"), ==, "event:debconf23");
  /* Conference dates only: all day, 10–18 September in Kochi (UTC+5:30). */
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (docs, 0), "all_day"));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "start"), ==, "2023-09-09T18:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "end"), ==, "2023-09-18T18:30:00Z");
  /* <day end="2023-09-10T21:29:59+00:00"> is 02:59:59 in Kochi */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (g_ptr_array_index (docs, 0), "source"), "day_change_minutes"), ==, 180);

  /* <date>2023-09-10T05:00:00+00:00</date> <start>10:30</start>: UTC date, local start. */
  opening = test_find_doc (docs, "event:debconf23:455d075f-48c0-2ec2-24b3-f5add30c383a");
  g_assert_nonnull (opening);
  g_assert_cmpstr (json_object_get_string_member (opening, "title"), ==, "Opening Ceremony");
  g_assert_cmpstr (json_object_get_string_member (opening, "start"), ==, "2023-09-10T05:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (opening, "end"), ==, "2023-09-10T05:20:00Z");
  g_assert_cmpstr (test_location_room (opening), ==, "Anamudi");
  assert_starts_match_feed_dates (docs);

  /* The feed's wall-clock <start> is what the instant shows in Asia/Kolkata, for every session. */
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", ""), "session") != 0)
        continue;
      text = caucus_time_format_in_zone (json_object_get_string_member (doc, "start"),
                                         "Asia/Kolkata", NULL, NULL, &error);
      g_assert_no_error (error);
      expected = g_strdup_printf ("%s (UTC+5:30)", source_member (doc, "local_start"));
      g_assert_cmpstr (text, ==, expected);
    }
  shown = caucus_time_format_in_zone ("2023-09-10T05:00:00Z", "Asia/Kolkata", NULL, NULL, &error);
  g_assert_cmpstr (shown, ==, "10:30 (UTC+5:30)");
}

static void
test_fosdem_2021 (void)
{
  g_autofree char *path = test_schedule_path ("fosdem_2021.xml");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *conf, *welcome;

  if (path == NULL)
    return;
  /* The old Pentabarf layout names no zone: refuse to guess. */
  docs = parse_path (path, NULL, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE);
  g_assert_nonnull (strstr (error->message, "time zone"));
  g_assert_null (docs);
  g_clear_error (&error);

  docs = parse_path (path, "Europe/Brussels", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_kind (docs, "event", "session"), ==, 773);
  conf = g_ptr_array_index (docs, 0);
  g_assert_cmpstr (json_object_get_string_member (conf, "_id"), ==, "event:fosdem-2021");
  g_assert_cmpstr (json_object_get_string_member (conf, "time_zone"), ==, "Europe/Brussels");
  g_assert_true (json_object_get_boolean_member (conf, "all_day"));
  g_assert_cmpstr (json_object_get_string_member (conf, "start"), ==, "2021-02-05T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (conf, "end"), ==, "2021-02-07T23:00:00Z");

  /* day 2021-02-06, <start>09:00</start>, 00:25, CET (UTC+1) */
  welcome = test_find_doc (docs, "event:fosdem-2021:11795");
  g_assert_nonnull (welcome);
  g_assert_cmpstr (json_object_get_string_member (welcome, "title"), ==, "Welcome to FOSDEM 2021");
  g_assert_cmpstr (json_object_get_string_member (welcome, "start"), ==, "2021-02-06T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (welcome, "end"), ==, "2021-02-06T08:25:00Z");
  g_assert_cmpstr (test_location_room (welcome), ==, "K.fosdem");
  g_assert_cmpstr (source_member (welcome, "day"), ==, "2021-02-06");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (welcome, "roles")), ==, 0);
  /* Pentabarf's HTML abstracts arrive as Markdown, none with a tag left. */
  g_assert_cmpstr (json_object_get_string_member (welcome, "description"), ==,
                   "FOSDEM welcome and opening talk.\n\nWelcome to FOSDEM 2021!");
  for (guint i = 0; i < docs->len; i++)
    {
      const char *text = json_object_get_string_member_with_default (g_ptr_array_index (docs, i), "description", "");

      g_assert_null (strstr (text, "<p>"));
      g_assert_null (strstr (text, "</li>"));
      g_assert_null (strstr (text, "&amp;"));
    }
  /* 11164: 10:00 on 2021-02-06, two persons */
  welcome = test_find_doc (docs, "event:fosdem-2021:11164");
  g_assert_cmpstr (json_object_get_string_member (welcome, "start"), ==, "2021-02-06T09:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (welcome, "roles")), ==, 2);
}

static void
test_pretalx_democon (void)
{
  g_autofree char *path = test_schedule_path ("pretalx-democon.json");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *first;

  if (path == NULL)
    return;
  docs = parse_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_kind (docs, "event", "session"), ==, 36);
  g_assert_cmpuint (test_count_kind (docs, "person", NULL), ==, 27);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"), ==, "event:democon");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "time_zone"), ==, "UTC");

  /* The feed says UTC but writes +01:00 dates: the offset of the date decides. */
  first = test_find_doc (docs, "event:democon:8079583e-8321-506c-95af-fd2903a5f075");
  g_assert_nonnull (first);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Focused 5thgeneration hardware");
  g_assert_cmpstr (json_object_get_string_member (first, "start"), ==, "2020-12-14T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "end"), ==, "2020-12-14T08:30:00Z");
  g_assert_cmpstr (test_location_room (first), ==, "Gray Room");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (first, "roles"), 0), "name"),
                   ==, "Brian Robinson");
  g_assert_nonnull (json_object_get_string_member (test_find_doc (docs, "person:brian-robinson"), "bio"));
  assert_starts_match_feed_dates (docs);
}

static void
test_minicon_dst (void)
{
  g_autofree char *path = test_fixture_path ("minicon.xml");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *night, *conf;
  g_autofree char *end_text = NULL;
  int day_offset = 0;

  docs = parse_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_count_kind (docs, "event", "session"), ==, 4);
  /* "Ana Pérez" and "ANA PEREZ" are one person; 李小龙 keeps its script. */
  g_assert_cmpuint (test_count_kind (docs, "person", NULL), ==, 3);
  g_assert_nonnull (test_find_doc (docs, "person:ana-perez"));
  g_assert_nonnull (test_find_doc (docs, "person:李小龙"));

  conf = g_ptr_array_index (docs, 0);
  /* 26 Oct 00:00 CEST to 28 Oct 00:00 CET: 49 hours, the conference spans the change. */
  g_assert_cmpstr (json_object_get_string_member (conf, "start"), ==, "2024-10-25T22:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (conf, "end"), ==, "2024-10-27T23:00:00Z");
  g_assert_cmpstr (json_object_get_object_member (conf, "location") != NULL ?
                   json_object_get_string_member (json_object_get_object_member (conf, "location"), "city") : NULL,
                   ==, "Berlin");

  /* 23:30 CEST + 4 h of real time = 02:30 CET on the 27th (the clocks went back at 03:00). */
  night = test_find_doc (docs, "event:minicon24:a0000000-0000-4000-8000-000000000002");
  g_assert_cmpstr (json_object_get_string_member (night, "start"), ==, "2024-10-26T21:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (night, "end"), ==, "2024-10-27T01:30:00Z");
  end_text = caucus_time_format_in_zone (json_object_get_string_member (night, "end"),
                                         "Europe/Berlin", NULL, NULL, &error);
  g_assert_cmpstr (end_text, ==, "02:30 (UTC+1)");
  g_clear_pointer (&end_text, g_free);
  /* Closing on the 27th: 10:00 CET. */
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:minicon24:a0000000-0000-4000-8000-000000000004"), "start"),
                   ==, "2024-10-27T09:00:00Z");
  /* In Auckland the night session ends the next morning local time. */
  end_text = caucus_time_format_in_zone (json_object_get_string_member (night, "start"),
                                         "Pacific/Auckland", "Europe/Berlin", &day_offset, &error);
  g_assert_cmpstr (end_text, ==, "10:30 (UTC+13)");
  g_assert_cmpint (day_offset, ==, 1);
}

static void
test_pentabarf_day_change (void)
{
  g_autofree char *path = test_fixture_path ("pentabarf-dst.xml");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = parse_path (path, "Europe/Berlin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (docs, 0), "_id"), ==, "event:night-owls-summit");
  /* 10:00 CEST, HH:MM:SS duration 01:30:00 */
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:night-owls-summit:101"), "start"), ==, "2024-10-26T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:night-owls-summit:101"), "end"), ==, "2024-10-26T09:30:00Z");
  /* 01:30 under day 26 with a 06:00 day change: the 27th at 01:30 CEST. */
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:night-owls-summit:102"), "start"), ==, "2024-10-26T23:30:00Z");
  /* 10:00 on the 27th is CET. */
  g_assert_cmpstr (json_object_get_string_member (test_find_doc (docs, "event:night-owls-summit:201"), "start"), ==, "2024-10-27T09:00:00Z");
  g_assert_nonnull (test_find_doc (docs, "person:zoe-ng"));
}

static void
test_pretalx_small (void)
{
  g_autofree char *path = test_fixture_path ("pretalx-small.json");
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *hack, *walls;
  g_autofree char *shown = NULL;

  docs = parse_path (path, NULL, &error);
  g_assert_no_error (error);
  hack = test_find_doc (docs, "event:nlcon:c0000000-0000-4000-8000-000000000007");
  /* 09:00 NDT (-2:30) = 11:30Z; "1:02:00" is one day and two hours. */
  g_assert_cmpstr (json_object_get_string_member (hack, "start"), ==, "2024-07-01T11:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (hack, "end"), ==, "2024-07-02T13:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (hack, "description"), ==, "Build things.");
  shown = caucus_time_format_in_zone (json_object_get_string_member (hack, "start"),
                                      "America/St_Johns", NULL, NULL, &error);
  g_assert_cmpstr (shown, ==, "09:00 (UTC-2:30)");
  /* A date without an offset is wall-clock time in the conference zone. */
  walls = test_find_doc (docs, "event:nlcon:c0000000-0000-4000-8000-000000000008");
  g_assert_cmpstr (json_object_get_string_member (walls, "start"), ==, "2024-07-02T12:30:00Z");
  g_assert_nonnull (test_find_doc (docs, "person:mary-o-brien"));
  g_assert_nonnull (test_find_doc (docs, "person:sam-tobin"));
}

static void
test_durations (void)
{
  struct { const char *text; int minutes; } good[] = {
    { "00:30", 30 }, { "2:30", 150 }, { "01:30:00", 90 }, { "00:05:00", 5 },
    { "1:00:00", 1440 }, { "1:02:30", 1590 }, { "100:00", 6000 },
  };
  const char *bad[] = { "", "abc", "00:60", "1:24:00", "00:30:", "-1:00", "1", "00:30:61", "1:2:3:4" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      g_assert_true (caucus_schedule_parse_duration (good[i].text, &minutes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minutes, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      g_assert_false (caucus_schedule_parse_duration (bad[i], &minutes, &error));
      g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
    }
}

static void
assert_fixture_fails (const char *name,
                      const char *zone,
                      int         code,
                      const char *needle)
{
  g_autofree char *path = test_fixture_path (name);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  docs = parse_path (path, zone, &error);
  g_assert_null (docs);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, code);
  g_test_message ("%s: %s", name, error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("‘%s’ not in the message ‘%s’", needle, error->message);
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  assert_fixture_fails ("truncated.xml", NULL, CAUCUS_FORMATS_ERROR_PARSE, "line 10");
  assert_fixture_fails ("wrong-root.xml", NULL, CAUCUS_FORMATS_ERROR_INVALID, "<html>");
  assert_fixture_fails ("wrong-root.xml", NULL, CAUCUS_FORMATS_ERROR_INVALID, "line 2");
  assert_fixture_fails ("bad-date.xml", NULL, CAUCUS_FORMATS_ERROR_BAD_TIME, "2024-10-32T14:00:00+02:00");
  assert_fixture_fails ("bad-date.xml", NULL, CAUCUS_FORMATS_ERROR_BAD_TIME, "line 43");
  assert_fixture_fails ("unknown-zone.xml", NULL, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, "Europe/Atlantis");
  /* A caller's zone never overrides a broken feed zone, and must itself be known. */
  assert_fixture_fails ("unknown-zone.xml", "Europe/Berlin", CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, "Europe/Atlantis");
  assert_fixture_fails ("pentabarf-dst.xml", "Mars/Olympus_Mons", CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE, "Mars/Olympus_Mons");
  assert_fixture_fails ("malformed.json", NULL, CAUCUS_FORMATS_ERROR_PARSE, "line 2, column 61: unexpected character");

  {
    const char *bad_local = "{\"schedule\": {\"conference\": {\"acronym\": \"x\", \"title\": \"X\","
                            " \"time_zone_name\": \"Europe/Paris\", \"days\": [{\"date\": \"2024-07-01\","
                            " \"rooms\": {\"Salle A\": [{\"id\": 1, \"title\": \"t\", \"date\": \"2024-07-02T25:00:00\"}]}}]}}}";

    docs = caucus_schedule_parse_json (bad_local, strlen (bad_local), "local.json", NULL, &error);
    g_assert_null (docs);
    g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "days[0].rooms[“Salle A”][0]"));
    g_assert_nonnull (strstr (error->message, "2024-07-02T25:00:00"));
    g_clear_error (&error);
  }

  docs = caucus_schedule_parse_json ("[1, 2]", 6, "list.json", NULL, &error);
  g_assert_null (docs);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_clear_error (&error);
  docs = caucus_schedule_parse_json ("{\"schedule\": {}}", 16, "empty.json", NULL, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID);
  g_clear_error (&error);
  docs = caucus_schedule_parse_xml ("", 0, "empty.xml", NULL, &error);
  g_assert_null (docs);
  g_assert_nonnull (error);
  g_clear_error (&error);
  docs = caucus_schedule_parse_xml ("<schedule></schedule><schedule/>", 32, "two.xml", NULL, &error);
  g_assert_null (docs);
  g_assert_nonnull (error);
  g_clear_error (&error);
  docs = caucus_schedule_parse_xml ("<schedule>\xff\xfe</schedule>", 23, "binary.xml", NULL, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE);
  g_clear_error (&error);
  /* Size is checked before a byte is read. */
  docs = caucus_schedule_parse_xml ("<", (gsize) CAUCUS_FORMATS_MAX_INPUT + 1, "huge.xml", NULL, &error);
  g_assert_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.xml"));
}

static void
test_html_to_markdown (void)
{
  struct { const char *html, *markdown; } cases[] = {
    { "<p>One.</p>\n<p>Two &amp; three.</p>", "One.\n\nTwo & three." },
    { "<p>Read <a href=\"https://example.org/a?b=1&amp;c=2\">the brief</a>, <em>now</em>.</p>",
      "Read [the brief](https://example.org/a?b=1&c=2), *now*." },
    { "<ul><li>first</li>\n<li>second <strong>bold</strong></li></ul><p>after</p>",
      "- first\n- second **bold**\n\nafter" },
    { "<ol><li>one</li><li>two<ul><li>nested</li></ul></li></ol>", "1. one\n2. two\n  - nested" },
    { "<h2>Title</h2><p>Use <code>make</code>:</p><pre><code>a  &lt; b\n  c\n</code></pre>",
      "## Title\n\nUse `make`:\n\n```\na  < b\n  c\n```" },
    { "<p>line<br/>break &#8212; &#x2014; &hellip; &unknown; 5 < 6</p>", "line  \nbreak — — … &unknown; 5 < 6" },
    { "<p>unclosed <b", "unclosed <b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markdown = _caucus_schedule_html_to_markdown (cases[i].html);

      g_assert_true (_caucus_schedule_looks_like_html (cases[i].html));
      g_assert_cmpstr (markdown, ==, cases[i].markdown);
    }
  /* Markdown with an autolink or inline HTML is left alone. */
  g_assert_false (_caucus_schedule_looks_like_html ("<https://example.org> is *Markdown*"));
  g_assert_false (_caucus_schedule_looks_like_html ("Plain text with <b>bold</b>"));
}

static void
test_name_keys (void)
{
  struct { const char *name, *key; } cases[] = {
    { "Gabriela Bogk", "gabriela-bogk" },
    { "  Ana  Pérez ", "ana-perez" },
    { "ANA PEREZ", "ana-perez" },
    { "Mary O'Brien", "mary-o-brien" },
    { "Zoë Ng", "zoe-ng" },
    { "李小龙", "李小龙" },
    { "Лев Толстой", "лев-толстой" },
    { "محمد علي", "محمد-علي" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = caucus_schedule_name_key (cases[i].name);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/schedule/38c3", test_38c3);
  g_test_add_func ("/formats/schedule/debconf23", test_debconf23);
  g_test_add_func ("/formats/schedule/fosdem-2021", test_fosdem_2021);
  g_test_add_func ("/formats/schedule/pretalx-democon", test_pretalx_democon);
  g_test_add_func ("/formats/schedule/minicon-dst", test_minicon_dst);
  g_test_add_func ("/formats/schedule/pentabarf-day-change", test_pentabarf_day_change);
  g_test_add_func ("/formats/schedule/pretalx-small", test_pretalx_small);
  g_test_add_func ("/formats/schedule/durations", test_durations);
  g_test_add_func ("/formats/schedule/bad-input", test_bad_input);
  g_test_add_func ("/formats/schedule/name-keys", test_name_keys);
  g_test_add_func ("/formats/schedule/html-to-markdown", test_html_to_markdown);
  return g_test_run ();
}
