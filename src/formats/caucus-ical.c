/* caucus-ical.c — zones shared by iCalendar import and export, and recurrence expansion. */
#include "caucus-ical-private.h"
#include "caucus-formats-error.h"
#include "caucus-time.h"

#include <string.h>

/* Safety bound on rule iterations for one expansion (a minutely rule over a year is
 * ~525,600; nothing a calendar view asks for comes near this). */
#define MAX_ITERATIONS 1000000

void
_caucus_ical_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Malformed input must come back as X-LIC-ERROR properties, never abort(). */
      icalerror_set_errors_are_fatal (0);
      g_once_init_leave (&initialized, 1);
    }
}

icaltimezone *
_caucus_ical_zone_for_id (const char *zone_id)
{
  if (zone_id == NULL)
    return NULL;
  if (strcmp (zone_id, "UTC") == 0 || strcmp (zone_id, "Etc/UTC") == 0)
    return icaltimezone_get_utc_timezone ();
  if (!caucus_time_zone_is_valid (zone_id))
    return NULL;
  return icaltimezone_get_builtin_timezone (zone_id);
}

char *
_caucus_ical_iana_for_tzid (const char    *tzid,
                            icalcomponent *vtimezone)
{
  if (tzid != NULL)
    {
      const char *candidate = tzid;

      if (caucus_time_zone_is_valid (candidate))
        return g_strdup (candidate);
      /* "/freeassociation.sourceforge.net/Europe/Berlin", "/citadel.org/20190914_1/Europe/Berlin":
       * try each tail that starts after a '/'. */
      for (const char *p = strchr (tzid, '/'); p != NULL; p = strchr (p + 1, '/'))
        if (p[1] != '\0' && caucus_time_zone_is_valid (p + 1))
          return g_strdup (p + 1);
    }
  if (vtimezone != NULL)
    {
      for (icalproperty *prop = icalcomponent_get_first_property (vtimezone, ICAL_X_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (vtimezone, ICAL_X_PROPERTY))
        {
          const char *name = icalproperty_get_x_name (prop);
          const char *value = icalproperty_get_x (prop);

          if (name != NULL && g_ascii_strcasecmp (name, "X-LIC-LOCATION") == 0 &&
              value != NULL && caucus_time_zone_is_valid (value))
            return g_strdup (value);
        }
    }
  return NULL;
}

static int
offset_at (icaltimezone *zone,
           gint64        unix_time)
{
  struct icaltimetype utc = icaltime_from_timet_with_zone ((time_t) unix_time, 0,
                                                           icaltimezone_get_utc_timezone ());

  return icaltimezone_get_utc_offset_of_utc_time (zone, &utc, NULL);
}

gint64
_caucus_ical_local_to_unix (struct icaltimetype  t,
                            icaltimezone        *zone)
{
  gint64 local, candidates[2];
  int offsets[2];
  guint n = 0;

  /* The fields read as if they were UTC, then each offset in force around that time
   * (a day before, a day after: zones change at most once in two days) is tried. */
  t.zone = icaltimezone_get_utc_timezone ();
  t.is_daylight = 0;
  local = (gint64) icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
  if (zone == NULL || zone == icaltimezone_get_utc_timezone ())
    return local;
  offsets[0] = offset_at (zone, local - 86400);
  offsets[1] = offset_at (zone, local + 86400);
  for (guint i = 0; i < 2; i++)
    {
      gint64 candidate = local - offsets[i];

      if (offset_at (zone, candidate) == offsets[i] && (n == 0 || candidates[0] != candidate))
        candidates[n++] = candidate;
    }
  if (n == 0)
    return local - offsets[0];                     /* in a gap: the offset before it */
  if (n == 2 && candidates[1] < candidates[0])
    return candidates[1];                          /* twice: the first */
  return candidates[0];
}

static GDateTime *
date_time_from_unix (time_t t)
{
  return g_date_time_new_from_unix_utc ((gint64) t);
}

static gint64
instant_member (JsonObject  *object,
                const char  *name,
                gboolean    *ok,
                GError     **error)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GError) local_error = NULL;

  dt = text != NULL ? caucus_time_parse_instant (text, &local_error) : NULL;
  if (dt == NULL)
    {
      if (*ok)
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                     "Event ‘%s’ has no valid %s%s%s",
                     json_object_get_string_member_with_default (object, "_id", "(no id)"), name,
                     local_error != NULL ? ": " : "", local_error != NULL ? local_error->message : "");
      *ok = FALSE;
      return 0;
    }
  return g_date_time_to_unix (dt);
}

static int
compare_instants_cb (gconstpointer a,
                     gconstpointer b)
{
  return g_date_time_compare (*(GDateTime **) a, *(GDateTime **) b);
}

GPtrArray *
caucus_ical_expand (JsonObject  *event,
                    GDateTime   *range_start,
                    GDateTime   *range_end,
                    GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GHashTable) excluded = NULL;
  JsonObject *recurrence = NULL;
  const char *zone_id, *rrule;
  gint64 start, end, duration, from, to;
  gboolean ok = TRUE;
  icaltimezone *zone;
  struct icalrecurrencetype recur;
  icalrecur_iterator *iter;
  struct icaltimetype dtstart;
  gboolean all_day;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (range_start != NULL && range_end != NULL, NULL);

  _caucus_ical_init ();
  start = instant_member (event, "start", &ok, error);
  end = json_object_has_member (event, "end") ? instant_member (event, "end", &ok, error) : start;
  if (!ok)
    return NULL;
  duration = MAX (end - start, 0);
  from = g_date_time_to_unix (range_start);
  to = g_date_time_to_unix (range_end);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  if (json_object_has_member (event, "recurrence"))
    recurrence = json_object_get_object_member (event, "recurrence");
  rrule = recurrence != NULL ? json_object_get_string_member_with_default (recurrence, "rrule", NULL) : NULL;

  /* An occurrence overlaps [from, to) if it starts before @to and ends after @from
   * (a zero-length one: starts at or after @from). */
#define OVERLAPS(s) ((s) < to && ((s) + duration > from || ((s) >= from)))

  if (recurrence == NULL)
    {
      if (OVERLAPS (start))
        g_ptr_array_add (result, date_time_from_unix (start));
      return g_steal_pointer (&result);
    }

  zone_id = json_object_get_string_member_with_default (event, "time_zone", NULL);
  zone = _caucus_ical_zone_for_id (zone_id);
  if (zone == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "Event ‘%s’ recurs in the unknown time zone ‘%s’",
                   json_object_get_string_member_with_default (event, "_id", "(no id)"),
                   zone_id != NULL ? zone_id : "(none)");
      return NULL;
    }
  all_day = json_object_get_boolean_member_with_default (event, "all_day", FALSE);

  excluded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (json_object_has_member (recurrence, "exdates"))
    {
      JsonArray *exdates = json_object_get_array_member (recurrence, "exdates");

      for (guint i = 0; exdates != NULL && i < json_array_get_length (exdates); i++)
        {
          g_autoptr(GDateTime) dt = caucus_time_parse_instant (json_array_get_string_element (exdates, i), NULL);

          if (dt != NULL)
            {
              gint64 *key = g_new (gint64, 1);

              *key = g_date_time_to_unix (dt);
              g_hash_table_add (excluded, key);
            }
        }
    }

  if (rrule != NULL)
    {
      guint n = 0;

      recur = icalrecurrencetype_from_string (rrule);
      if (recur.freq == ICAL_NO_RECURRENCE)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "Event ‘%s’ has an unreadable recurrence rule ‘%s’",
                       json_object_get_string_member_with_default (event, "_id", "(no id)"), rrule);
          return NULL;
        }
      dtstart = icaltime_from_timet_with_zone ((time_t) start, all_day, zone);
      iter = icalrecur_iterator_new (recur, dtstart);
      if (iter == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "Event ‘%s’: libical cannot expand the rule ‘%s’",
                       json_object_get_string_member_with_default (event, "_id", "(no id)"), rrule);
          return NULL;
        }
      for (struct icaltimetype next = icalrecur_iterator_next (iter);
           !icaltime_is_null_time (next) && n < MAX_ITERATIONS;
           next = icalrecur_iterator_next (iter), n++)
        {
          gint64 t = _caucus_ical_local_to_unix (next, zone);

          if (t >= to)
            break;
          if (OVERLAPS (t) && !g_hash_table_contains (excluded, &t))
            g_ptr_array_add (result, date_time_from_unix (t));
        }
      icalrecur_iterator_free (iter);
      if (n >= MAX_ITERATIONS)
        {
          /* Rather no answer than a silently incomplete one. */
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_TOO_LARGE,
                       "Event ‘%s’: the rule ‘%s’ has more than %d occurrences before the range asked for",
                       json_object_get_string_member_with_default (event, "_id", "(no id)"), rrule,
                       MAX_ITERATIONS);
          return NULL;
        }
    }
  else if (OVERLAPS (start) && !g_hash_table_contains (excluded, &start))
    g_ptr_array_add (result, date_time_from_unix (start));

  {
    JsonArray *rdates = json_object_has_member (recurrence, "rdates") ?
                        json_object_get_array_member (recurrence, "rdates") : NULL;

    for (guint i = 0; rdates != NULL && i < json_array_get_length (rdates); i++)
      {
        g_autoptr(GDateTime) dt = caucus_time_parse_instant (json_array_get_string_element (rdates, i), NULL);
        gint64 t;
        gboolean seen = FALSE;

        if (dt == NULL)
          continue;
        t = g_date_time_to_unix (dt);
        for (guint j = 0; j < result->len && !seen; j++)
          seen = g_date_time_to_unix (g_ptr_array_index (result, j)) == t;
        if (!seen && OVERLAPS (t) && !g_hash_table_contains (excluded, &t))
          g_ptr_array_add (result, g_date_time_ref (dt));
      }
  }
#undef OVERLAPS

  g_ptr_array_sort (result, compare_instants_cb);
  return g_steal_pointer (&result);
}
