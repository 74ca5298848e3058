/* caucus-calendar-time.c — what the calendar shows about time, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets are never computed here: instants are converted with GLib's zones as the
 * formats layer opens them (caucus_time_zone_new), local midnights come from
 * caucus_time_from_local (RFC 5545's rule for gaps), and day differences are taken
 * between calendar dates (GDate), so a daylight-saving change never shifts a count.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-time.h"
#include "caucus-time.h"

char *
caucus_calendar_my_zone (const char *setting)
{
  const char *tz_env = g_getenv ("TZ");
  GTimeZone *device;
  char *id = NULL;

  if (setting != NULL && *setting != '\0' && caucus_time_zone_is_valid (setting))
    return g_strdup (setting);

  /* TZ first, as the C library reads it (":Europe/Paris" is the same as "Europe/Paris");
   * GLib's zone for the identifier NULL looks at /etc/localtime only. */
  if (tz_env != NULL && *tz_env == ':')
    tz_env++;
  if (tz_env != NULL && *tz_env != '\0' && caucus_time_zone_is_valid (tz_env))
    return g_strdup (tz_env);

  /* g_time_zone_new_local() caches its answer for the life of the process; a new zone
   * from the identifier NULL reads TZ and /etc/localtime again. */
  device = g_time_zone_new_identifier (NULL);
  if (device != NULL)
    {
      const char *device_id = g_time_zone_get_identifier (device);

      /* /etc/localtime as a copy (not a link) has no IANA name; TZ may hold a path. */
      if (device_id != NULL && caucus_time_zone_is_valid (device_id) &&
          !g_str_has_prefix (device_id, "/"))
        id = g_strdup (device_id);
      g_time_zone_unref (device);
    }

  return id != NULL ? id : g_strdup ("UTC");
}

gboolean
caucus_calendar_local_date (const char  *instant,
                            const char  *zone_id,
                            GDate       *date,
                            GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  tz = caucus_time_zone_new (zone_id, error);
  if (tz == NULL)
    return FALSE;
  utc = caucus_time_parse_instant (instant, error);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
caucus_calendar_days_until (const char  *due,
                            const char  *zone_id,
                            GDateTime   *now,
                            int         *days,
                            GError     **error)
{
  g_autofree char *now_text = NULL;
  GDate due_date, today;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (days != NULL, FALSE);

  now_text = caucus_time_format_instant (now);
  if (!caucus_calendar_local_date (due, zone_id, &due_date, error) ||
      !caucus_calendar_local_date (now_text, zone_id, &today, error))
    return FALSE;

  *days = g_date_days_between (&today, &due_date);
  return TRUE;
}

char *
caucus_calendar_countdown_text (const char  *due,
                                const char  *zone_id,
                                GDateTime   *now,
                                GError     **error)
{
  int days;

  if (!caucus_calendar_days_until (due, zone_id, now, &days, error))
    return NULL;

  if (days == 0)
    return g_strdup (_("due today"));
  if (days == 1)
    return g_strdup (_("due tomorrow"));
  if (days > 1)
    return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
  return g_strdup_printf (ngettext ("%d day overdue", "%d days overdue", -days), -days);
}

gboolean
caucus_calendar_day_range (GDate       *date,
                           const char  *zone_id,
                           char       **from,
                           char       **to,
                           GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate next;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  tz = caucus_time_zone_new (zone_id, error);
  if (tz == NULL)
    return FALSE;

  next = *date;
  g_date_add_days (&next, 1);
  start = caucus_time_from_local (tz, g_date_get_year (date), g_date_get_month (date),
                                  g_date_get_day (date), 0, 0, 0);
  end = caucus_time_from_local (tz, g_date_get_year (&next), g_date_get_month (&next),
                                g_date_get_day (&next), 0, 0, 0);
  if (start == NULL || end == NULL)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_FAILED,
                   _("The date %d-%02d-%02d cannot be shown in %s"),
                   g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                   zone_id);
      return FALSE;
    }

  *from = caucus_time_format_instant (start);
  *to = caucus_time_format_instant (end);
  return TRUE;
}
