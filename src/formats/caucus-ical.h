/* caucus-ical.h — iCalendar (RFC 5545) import, export and recurrence expansion, on libical.
 *
 * Import turns VEVENTs and VTODOs into `event` documents with id "event:ical:<UID>"
 * (an overridden occurrence: "event:ical:<UID>:<RECURRENCE-ID as UTC>").  Times may be UTC,
 * carry a TZID (resolved against the file's VTIMEZONEs, then libical's builtin zones), or be
 * floating/date-only: those are read in the calendar's X-WR-TIMEZONE, else in the caller's
 * zone, else the import fails.  A recurring item is stored once, as its first occurrence
 * plus "recurrence": {"rrule", "exdates", "rdates"}, and expanded with caucus_ical_expand().
 *
 * Export writes every timed value as TZID + VTIMEZONE (from libical's builtin zones, TZID
 * being the plain IANA id), or as UTC for items whose home is UTC; never floating.
 * Deadlines and milestones become VTODOs with DUE; other events VEVENTs.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns a GPtrArray of JsonObject (event documents, without _rev/created/updated). */
GPtrArray  *caucus_ical_parse        (const char   *data,
                                      gsize         length,
                                      const char   *source_name,
                                      const char   *default_zone,
                                      GError      **error);

/* @events: JsonObject event documents.  Returns the text of one VCALENDAR. */
char       *caucus_ical_export_docs  (GPtrArray    *events,
                                      GError      **error);

/* The start instants (UTC GDateTime, ascending) of the occurrences of @event that overlap
 * [@range_start, @range_end).  Non-recurring events give their single start if it overlaps.
 * Wall-clock times of a recurring item stay fixed in its home zone across daylight-saving
 * changes (a weekly 09:00 Berlin meeting is 07:00Z in summer and 08:00Z in winter). */
GPtrArray  *caucus_ical_expand       (JsonObject   *event,
                                      GDateTime    *range_start,
                                      GDateTime    *range_end,
                                      GError      **error);

G_END_DECLS
