/* caucus-time.h — instants, IANA zones and conference-local days.
 *
 * Every timed item is stored as a UTC instant written as RFC 3339 with a "Z"
 * ("2024-12-27T09:30:00Z") plus the IANA id of its home zone (DOMAIN.md, "Time").
 * These helpers are what the importers use and what the views and the briefing pack
 * use to show those instants: always in a named zone with the offset valid on that date.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Looks up an IANA zone id ("Europe/Berlin", "UTC").  An unknown or empty id is an error
 * (never a silent fall-back to UTC or to the device zone). */
GTimeZone  *caucus_time_zone_new             (const char   *zone_id,
                                              GError      **error);
gboolean    caucus_time_zone_is_valid        (const char   *zone_id);

/* Parses an instant: RFC 3339 / ISO 8601 date-time that carries "Z" or an offset.
 * A text without offset is an error (it is not an instant). */
GDateTime  *caucus_time_parse_instant        (const char   *text,
                                              GError      **error);
/* The stored form: UTC, "YYYY-MM-DDTHH:MM:SSZ". */
char       *caucus_time_format_instant       (GDateTime    *instant);

/* The instant of a wall-clock time in @tz, by RFC 5545's rule (as libical): a time that
 * happens twice (the night summer time ends) is its first occurrence; a time that does not
 * happen (the night it starts) is read with the offset before the gap, 02:30 → 03:30.
 * NULL for a date that does not exist. */
GDateTime  *caucus_time_from_local           (GTimeZone    *tz,
                                              int           year,
                                              int           month,
                                              int           day,
                                              int           hour,
                                              int           minute,
                                              int           second);

/* "UTC+4", "UTC+5:30", "UTC-3:30", "UTC" for the offset @local has on its date. */
char       *caucus_time_format_offset        (GDateTime    *local);

/* Formats @instant (stored form) in @zone_id as "09:30 (UTC+4)".  When @home_zone_id is
 * given, *@day_offset receives how many calendar days the date in @zone_id lies after (or,
 * negative, before) the date of the same instant in the home zone, for a "+1 day" mark. */
char       *caucus_time_format_in_zone       (const char   *instant,
                                              const char   *zone_id,
                                              const char   *home_zone_id,
                                              int          *day_offset,
                                              GError      **error);
/* "+1 day", "-1 day", "+2 days"; NULL for 0. */
char       *caucus_time_day_mark             (int           day_offset);

/* The conference-local day ("YYYY-MM-DD") of @instant in @zone_id, where a day starts at
 * @day_change_minutes after local midnight (a session at 01:00 with a 06:00 day change
 * belongs to the previous day, as in frab schedules). */
char       *caucus_time_local_day            (const char   *instant,
                                              const char   *zone_id,
                                              int           day_change_minutes,
                                              GError      **error);

typedef struct {
  char      *day;     /* "YYYY-MM-DD" in the grouping zone */
  GPtrArray *events;  /* JsonObject (referenced), sorted by start, then title */
} CaucusDayGroup;

void        caucus_day_group_free            (CaucusDayGroup *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusDayGroup, caucus_day_group_free)

/* Groups event documents (JsonObject with "start") by local day in @zone_id, days in
 * ascending order.  Documents without a valid start are an error naming the document. */
GPtrArray  *caucus_time_group_by_day         (GPtrArray    *events,
                                              const char   *zone_id,
                                              int           day_change_minutes,
                                              GError      **error);

G_END_DECLS
