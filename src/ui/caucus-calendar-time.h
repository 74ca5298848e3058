/* caucus-calendar-time.h — what the calendar shows about time, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over the formats layer's time helpers (caucus-time.h): countdowns in
 * the issuing body's zone, the device's zone read fresh, and the UTC range of a local day.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The IANA id of the zone "my time" means: @setting when it names a zone, else the
 * device's zone read fresh (not GLib's cached local zone, so a change of /etc/localtime
 * is seen), else "UTC" when the device's zone has no IANA name. */
char     *caucus_calendar_my_zone        (const char *setting);

/* Whole calendar days from @now to @due, both taken as dates in @zone_id (the issuing
 * body's zone): 0 on the due day, negative once it has passed.  FALSE with @error for a
 * bad instant or zone. */
gboolean  caucus_calendar_days_until     (const char  *due,
                                          const char  *zone_id,
                                          GDateTime   *now,
                                          int         *days,
                                          GError     **error);
/* "in 3 days", "tomorrow", "due today", "1 day overdue", "2 days overdue"; NULL with
 * @error for a bad instant or zone. */
char     *caucus_calendar_countdown_text (const char  *due,
                                          const char  *zone_id,
                                          GDateTime   *now,
                                          GError     **error);

/* The UTC instants (stored form) of local midnight of @date and of the next day in
 * @zone_id, for the index's start range of a day view. */
gboolean  caucus_calendar_day_range      (GDate       *date,
                                          const char  *zone_id,
                                          char       **from,
                                          char       **to,
                                          GError     **error);
/* The local date of @instant in @zone_id. */
gboolean  caucus_calendar_local_date     (const char  *instant,
                                          const char  *zone_id,
                                          GDate       *date,
                                          GError     **error);

G_END_DECLS
