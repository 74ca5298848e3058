/* caucus-time.c — instants, IANA zones and conference-local days. */
#include "caucus-time.h"
#include "caucus-formats-error.h"

#include <string.h>

/* g_time_zone_new_identifier() reads and parses the tzdata file every time (~1.5 ms
 * here), and views format hundreds of times per screen: zones are immutable, so each id
 * is looked up once per process.  Unknown ids are remembered too. */
static GTimeZone *
lookup_zone (const char *zone_id)
{
  static GMutex lock;
  static GHashTable *cache;
  GTimeZone *tz;
  gpointer cached;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  if (g_hash_table_lookup_extended (cache, zone_id, NULL, &cached))
    tz = cached != NULL ? g_time_zone_ref (cached) : NULL;
  else
    {
      tz = g_time_zone_new_identifier (zone_id);
      if (tz != NULL)
        g_hash_table_insert (cache, g_strdup (zone_id), g_time_zone_ref (tz));
      else
        g_hash_table_insert (cache, g_strdup (zone_id), NULL);
    }
  g_mutex_unlock (&lock);
  return tz;
}

static const char * const legacy_ids_with_digits[] = {
  "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "GMT0", "GMT+0", "GMT-0", NULL,
};

GTimeZone *
caucus_time_zone_new (const char  *zone_id,
                      GError     **error)
{
  GTimeZone *tz;

  if (zone_id == NULL || *zone_id == '\0')
    {
      g_set_error_literal (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE,
                           "No time zone was given");
      return NULL;
    }
  /* g_time_zone_new_identifier() also accepts POSIX TZ strings like "CET-1" or "UTC+3"
   * (whose sign is inverted).  We only want IANA ids, which contain digits only in
   * Etc/GMT±N and a few legacy names, so refuse anything else before asking GLib. */
  if (!g_str_has_prefix (zone_id, "Etc/") && !g_strv_contains (legacy_ids_with_digits, zone_id))
    {
      for (const char *p = zone_id; *p; p++)
        if (g_ascii_isdigit (*p) || *p == ',' || *p == '<')
          {
            g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                         "‘%s’ is not an IANA time zone name (expected e.g. ‘Europe/Berlin’)",
                         zone_id);
            return NULL;
          }
    }
  tz = lookup_zone (zone_id);
  if (tz == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "Unknown time zone ‘%s’ (expected an IANA name such as ‘Europe/Berlin’)",
                   zone_id);
      return NULL;
    }
  return tz;
}

gboolean
caucus_time_zone_is_valid (const char *zone_id)
{
  g_autoptr(GTimeZone) tz = caucus_time_zone_new (zone_id, NULL);

  return tz != NULL;
}

GDateTime *
caucus_time_parse_instant (const char  *text,
                           GError     **error)
{
  GDateTime *dt;
  const char *time_part;
  gsize len;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                           "Missing date-time");
      return NULL;
    }
  /* GLib falls back to the default zone when there is none; refuse that: an instant
   * without an offset is a wall-clock time and must be resolved against a named zone.
   * In the time part (after 'T') only an offset can contain '+' or '-'. */
  len = strlen (text);
  time_part = strpbrk (text, "Tt ");
  if (time_part == NULL ||
      !(text[len - 1] == 'Z' || text[len - 1] == 'z' || strpbrk (time_part, "+-") != NULL))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "‘%s’ is not a date-time with a UTC offset (expected e.g. ‘2024-12-27T10:30:00+01:00’)",
                   text);
      return NULL;
    }
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "‘%s’ is not a valid date-time (expected e.g. ‘2024-12-27T10:30:00+01:00’)",
                   text);
      return NULL;
    }
  return dt;
}

char *
caucus_time_format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  utc = g_date_time_to_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gint32
offset_at (GTimeZone *tz,
           gint64     unix_time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);

  return g_time_zone_get_offset (tz, interval);
}

GDateTime *
caucus_time_from_local (GTimeZone *tz,
                        int        year,
                        int        month,
                        int        day,
                        int        hour,
                        int        minute,
                        int        second)
{
  g_autoptr(GDateTime) as_utc = NULL;
  gint64 local, candidates[2];
  gint32 offsets[2];
  guint n = 0;

  g_return_val_if_fail (tz != NULL, NULL);

  /* RFC 5545 §3.3.5, as libical reads TZID times: a wall-clock time that happens twice
   * means the first occurrence; one that does not happen (in a spring-forward gap) is
   * read with the offset before the gap, so 02:30 becomes 03:30.  (GLib's own
   * g_date_time_new() takes the second occurrence and clamps a gap to its end.)
   * The offsets before and after any change near this time are the ones a day earlier
   * and a day later: zones change at most once within two days. */
  as_utc = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (as_utc == NULL)
    return NULL;
  local = g_date_time_to_unix (as_utc);
  offsets[0] = offset_at (tz, local - 86400);
  offsets[1] = offset_at (tz, local + 86400);
  for (guint i = 0; i < 2; i++)
    {
      gint64 t = local - offsets[i];

      if (offset_at (tz, t) == offsets[i] && (n == 0 || candidates[0] != t))
        candidates[n++] = t;
    }
  if (n == 0)
    candidates[0] = local - offsets[0];          /* in a gap */
  else if (n == 2 && candidates[1] < candidates[0])
    candidates[0] = candidates[1];               /* twice: the first */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (candidates[0]);

    return g_date_time_to_timezone (utc, tz);
  }
}

char *
caucus_time_format_offset (GDateTime *local)
{
  GTimeSpan offset;
  gint64 minutes;
  char sign;

  g_return_val_if_fail (local != NULL, NULL);

  offset = g_date_time_get_utc_offset (local);
  minutes = offset / G_TIME_SPAN_MINUTE;
  if (minutes == 0)
    return g_strdup ("UTC");
  sign = minutes < 0 ? '-' : '+';
  minutes = ABS (minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf ("UTC%c%d", sign, (int) (minutes / 60));
  return g_strdup_printf ("UTC%c%d:%02d", sign, (int) (minutes / 60), (int) (minutes % 60));
}

static int
days_between (GDateTime *a,
              GDateTime *b)
{
  g_autoptr(GDate) da = g_date_new_dmy (g_date_time_get_day_of_month (a),
                                        g_date_time_get_month (a),
                                        g_date_time_get_year (a));
  g_autoptr(GDate) db = g_date_new_dmy (g_date_time_get_day_of_month (b),
                                        g_date_time_get_month (b),
                                        g_date_time_get_year (b));

  return g_date_days_between (da, db);
}

char *
caucus_time_format_in_zone (const char  *instant,
                            const char  *zone_id,
                            const char  *home_zone_id,
                            int         *day_offset,
                            GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *clock = NULL;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (zone_id != NULL, NULL);

  if (day_offset != NULL)
    *day_offset = 0;
  dt = caucus_time_parse_instant (instant, error);
  if (dt == NULL)
    return NULL;
  tz = caucus_time_zone_new (zone_id, error);
  if (tz == NULL)
    return NULL;
  local = g_date_time_to_timezone (dt, tz);
  if (home_zone_id != NULL)
    {
      g_autoptr(GTimeZone) home_tz = caucus_time_zone_new (home_zone_id, error);
      g_autoptr(GDateTime) home = NULL;

      if (home_tz == NULL)
        return NULL;
      home = g_date_time_to_timezone (dt, home_tz);
      if (day_offset != NULL)
        *day_offset = days_between (home, local);
    }
  offset = caucus_time_format_offset (local);
  clock = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s (%s)", clock, offset);
}

char *
caucus_time_day_mark (int day_offset)
{
  if (day_offset == 0)
    return NULL;
  return g_strdup_printf ("%c%d %s", day_offset > 0 ? '+' : '-', ABS (day_offset),
                          ABS (day_offset) == 1 ? "day" : "days");
}

static char *
local_day_in_tz (GDateTime *dt,
                 GTimeZone *tz,
                 int        day_change_minutes)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);
  g_autoptr(GDateTime) shifted = g_date_time_add_minutes (local, -day_change_minutes);

  return g_date_time_format (shifted, "%Y-%m-%d");
}

char *
caucus_time_local_day (const char  *instant,
                       const char  *zone_id,
                       int          day_change_minutes,
                       GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (day_change_minutes >= 0 && day_change_minutes < 24 * 60, NULL);

  dt = caucus_time_parse_instant (instant, error);
  if (dt == NULL)
    return NULL;
  tz = caucus_time_zone_new (zone_id, error);
  if (tz == NULL)
    return NULL;
  return local_day_in_tz (dt, tz, day_change_minutes);
}

void
caucus_day_group_free (CaucusDayGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->day);
  g_clear_pointer (&group->events, g_ptr_array_unref);
  g_free (group);
}

static int
compare_events_cb (gconstpointer a,
                   gconstpointer b)
{
  JsonObject *ea = *(JsonObject **) a;
  JsonObject *eb = *(JsonObject **) b;
  /* Stored instants are all "…Z" of the same width, so text order is time order. */
  int c = g_strcmp0 (json_object_get_string_member_with_default (ea, "start", ""),
                     json_object_get_string_member_with_default (eb, "start", ""));

  if (c != 0)
    return c;
  return g_strcmp0 (json_object_get_string_member_with_default (ea, "title", ""),
                    json_object_get_string_member_with_default (eb, "title", ""));
}

static int
compare_groups_cb (gconstpointer a,
                   gconstpointer b)
{
  const CaucusDayGroup *ga = *(CaucusDayGroup **) a;
  const CaucusDayGroup *gb = *(CaucusDayGroup **) b;

  return strcmp (ga->day, gb->day);
}

GPtrArray *
caucus_time_group_by_day (GPtrArray   *events,
                          const char  *zone_id,
                          int          day_change_minutes,
                          GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GHashTable) by_day = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (day_change_minutes >= 0 && day_change_minutes < 24 * 60, NULL);

  tz = caucus_time_zone_new (zone_id, error);
  if (tz == NULL)
    return NULL;

  by_day = g_hash_table_new (g_str_hash, g_str_equal);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_day_group_free);
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *event = g_ptr_array_index (events, i);
      const char *start = json_object_get_string_member_with_default (event, "start", NULL);
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *day = NULL;
      g_autoptr(GError) local_error = NULL;
      CaucusDayGroup *group;

      dt = start != NULL ? caucus_time_parse_instant (start, &local_error) : NULL;
      if (dt == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                       "Event ‘%s’ has no valid start: %s",
                       json_object_get_string_member_with_default (event, "_id", "(no id)"),
                       local_error != NULL ? local_error->message : "missing");
          return NULL;
        }
      day = local_day_in_tz (dt, tz, day_change_minutes);
      group = g_hash_table_lookup (by_day, day);
      if (group == NULL)
        {
          group = g_new0 (CaucusDayGroup, 1);
          group->day = g_steal_pointer (&day);
          group->events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (by_day, group->day, group);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->events, json_object_ref (event));
    }
  g_ptr_array_sort (groups, compare_groups_cb);
  for (guint i = 0; i < groups->len; i++)
    {
      CaucusDayGroup *group = g_ptr_array_index (groups, i);
      g_ptr_array_sort (group->events, compare_events_cb);
    }
  return g_steal_pointer (&groups);
}
