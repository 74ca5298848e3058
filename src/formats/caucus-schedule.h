/* caucus-schedule.h — frab / pretalx / Pentabarf conference schedules (XML and JSON).
 *
 * Parsing turns a feed into plain store documents (DOMAIN.md): first the conference
 * `event` (kind "conference"), then one `event` per session (kind "session", parent_id
 * the conference), then one `person` per distinct speaker name.  Ids are derived from the
 * feed so a re-import of the same conference addresses the same documents:
 *   event:<conference-slug>                 the conference (slug: acronym, else title)
 *   event:<conference-slug>:<guid or id>    a session
 *   person:<name-key>                       a speaker (name case-folded, accents dropped)
 * The documents carry no _rev, created, updated or updated_by: the importer adds those.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Input larger than this is refused before parsing (the largest real feed is ~2 MiB). */
#define CAUCUS_FORMATS_MAX_INPUT (64 * 1024 * 1024)

/* @default_zone is used only when the feed names no zone (old Pentabarf feeds); the feed's
 * own time_zone_name wins.  With neither, parsing fails with CAUCUS_FORMATS_ERROR_NO_ZONE.
 * @source_name (a file name, may be NULL) prefixes error messages.
 * Returns a GPtrArray of JsonObject (conference, sessions, persons). */
GPtrArray  *caucus_schedule_parse_xml   (const char   *data,
                                         gsize         length,
                                         const char   *source_name,
                                         const char   *default_zone,
                                         GError      **error);
GPtrArray  *caucus_schedule_parse_json  (const char   *data,
                                         gsize         length,
                                         const char   *source_name,
                                         const char   *default_zone,
                                         GError      **error);

/* A duration of a frab feed in minutes: "HH:MM", "HH:MM:SS" (Pentabarf) or "D:HH:MM"
 * (pretalx, for items of a day or more: the day count is never zero-padded). */
gboolean    caucus_schedule_parse_duration (const char *text,
                                            int        *minutes,
                                            GError    **error);

/* The key used in person ids: case-folded, accents dropped, runs of anything that is not
 * a letter or digit replaced by one '-'.  Any script is kept. */
char       *caucus_schedule_name_key       (const char *name);

G_END_DECLS
