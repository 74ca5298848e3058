/* caucus-ical-import.c — VEVENT / VTODO → event documents.
 *
 * libical is lenient: it turns a line it cannot read into an X-LIC-ERROR property and
 * carries on, and it does not know line numbers.  So the text is first checked line by
 * line (caucus-ical-lines.c: content lines, BEGIN/END nesting, truncation), and an
 * X-LIC-ERROR left in any property this importer reads fails the whole import with the
 * line of that property: nothing is imported from a file whose times could not be read. */
#include "caucus-ical-private.h"
#include "caucus-formats-error.h"
#include "caucus-schedule-private.h"
#include "caucus-time.h"
#include "caucus-problem.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  icalcomponent *calendar;
  const char    *name;
  char          *fallback_zone;   /* X-WR-TIMEZONE, else the caller's zone */
  CaucusIcalItemLines *lines;     /* of the item being read */
  const char    *item_zone;       /* its X-CAUCUS-TIME-ZONE (our export of all-day items) */
} IcalContext;

/* The line of property @name in the current item, else the item's BEGIN line. */
static int
line_of (IcalContext *ctx,
         const char  *name)
{
  gpointer line;

  if (ctx->lines == NULL)
    return 0;
  if (name != NULL && g_hash_table_lookup_extended (ctx->lines->properties, name, NULL, &line))
    return GPOINTER_TO_INT (line);
  return ctx->lines->begin;
}

static const char *
x_property (icalcomponent *component,
            const char    *wanted)
{
  for (icalproperty *prop = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);

      if (name != NULL && g_ascii_strcasecmp (name, wanted) == 0)
        return icalproperty_get_x (prop);
    }
  return NULL;
}

/* The properties this importer reads: a value of theirs that libical could not parse
 * fails the import.  Errors elsewhere (an ATTENDEE's odd parameter, a property name from
 * a newer RFC) concern data we do not import and are skipped, as RFC 5545 asks for
 * unrecognised properties. */
static const char * const read_properties[] = {
  "DTSTART", "DTEND", "DUE", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID",
  "UID", "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS", "CATEGORIES", "URL", "ORGANIZER",
  "TZID", "TZOFFSETFROM", "TZOFFSETTO",
};

/* "Can't parse as DATE-TIME value in DTSTART property. …" → "DTSTART" */
static char *
lic_error_property (const char *message)
{
  const char *in = message != NULL ? strstr (message, " in ") : NULL;
  const char *end;

  if (in == NULL)
    return NULL;
  in += 4;
  end = strstr (in, " property");
  if (end == NULL || end == in || memchr (in, ' ', end - in) != NULL)
    return NULL;
  return g_strndup (in, end - in);
}

static gboolean
lic_error_is_fatal (icalproperty *prop,
                    char        **property)
{
  icalparameter *type = icalproperty_get_first_parameter (prop, ICAL_XLICERRORTYPE_PARAMETER);
  icalparameter_xlicerrortype kind = type != NULL ? icalparameter_get_xlicerrortype (type)
                                                  : ICAL_XLICERRORTYPE_NONE;

  *property = lic_error_property (icalproperty_get_xlicerror (prop));
  switch (kind)
    {
    case ICAL_XLICERRORTYPE_PROPERTYPARSEERROR:
    case ICAL_XLICERRORTYPE_PARAMETERNAMEPARSEERROR:
    case ICAL_XLICERRORTYPE_PARAMETERVALUEPARSEERROR:
      return FALSE;
    case ICAL_XLICERRORTYPE_VALUEPARSEERROR:
      for (guint i = 0; *property != NULL && i < G_N_ELEMENTS (read_properties); i++)
        if (g_ascii_strcasecmp (*property, read_properties[i]) == 0)
          return TRUE;
      return *property == NULL;
    default:
      return TRUE;
    }
}

static gboolean
check_lic_errors (icalcomponent *component,
                  IcalContext   *ctx,
                  GError       **error)
{
  /* Read before the loop: a component has one property cursor, and the getters move it
   * (calling one inside the loop restarts the loop forever). */
  const char *summary = icalcomponent_get_summary (component);

  for (icalproperty *prop = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      g_autofree char *property = NULL;
      g_autofree char *where = NULL;
      int line;

      if (!lic_error_is_fatal (prop, &property))
        {
          g_debug ("%s: skipping what libical could not read: %s", ctx->name,
                   icalproperty_get_xlicerror (prop));
          continue;
        }
      line = line_of (ctx, property);
      where = line > 0 ? g_strdup_printf ("line %d", line)
                       : g_strdup (icalcomponent_kind_to_string (icalcomponent_isa (component)));
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s, %s%s%s%s: %s", ctx->name, where,
                   summary != NULL ? " (‘" : "", summary != NULL ? summary : "",
                   summary != NULL ? "’)" : "",
                   icalproperty_get_xlicerror (prop));
      return FALSE;
    }
  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL;
       child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    if (!check_lic_errors (child, ctx, error))
      return FALSE;
  return TRUE;
}

/* Resolves one date or date-time property value to a UTC instant and the IANA id of its
 * zone.  @what names the property for messages. */
static gboolean
resolve_time (IcalContext          *ctx,
              icalproperty         *prop,
              struct icaltimetype   t,
              const char           *what,
              gint64               *unix_time,
              char                **zone_id,
              GError              **error)
{
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  const char *tzid = param != NULL ? icalparameter_get_tzid (param) : NULL;
  const char *text = icalproperty_get_value_as_string (prop);
  int line = line_of (ctx, what);
  icaltimezone *zone = NULL;

  /* libical keeps out-of-range fields as written (month 13, day 45): check them. */
  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t) ||
      t.month < 1 || t.month > 12 || t.day < 1 || t.year < 1 || t.year > 9999 ||
      t.day > icaltime_days_in_month (t.month, t.year) ||
      (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
                      t.second < 0 || t.second > 60)))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s, line %d: %s ‘%s’ is not a valid date or date-time",
                   ctx->name, line, what, text != NULL ? text : "");
      return FALSE;
    }
  if (tzid != NULL && !icaltime_is_utc (t))
    {
      g_autofree char *iana = NULL;
      icaltimezone *defined = icalcomponent_get_timezone (ctx->calendar, tzid);

      iana = _caucus_ical_iana_for_tzid (tzid, defined != NULL ? icaltimezone_get_component (defined) : NULL);
      zone = defined != NULL ? defined : _caucus_ical_zone_for_id (iana);
      if (zone == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                       "%s, line %d: %s uses TZID ‘%s’, which is neither defined in the file "
                       "(VTIMEZONE) nor a known IANA zone", ctx->name, line, what, tzid);
          return FALSE;
        }
      if (iana == NULL)
        {
          if (ctx->fallback_zone == NULL)
            {
              g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                           "%s, line %d: TZID ‘%s’ is not an IANA zone name; give the zone of "
                           "the venue (e.g. --zone Europe/Berlin)", ctx->name, line, tzid);
              return FALSE;
            }
          iana = g_strdup (ctx->fallback_zone);
        }
      *unix_time = (gint64) _caucus_ical_local_to_unix (t, zone);
      *zone_id = g_steal_pointer (&iana);
      return TRUE;
    }
  if (icaltime_is_utc (t))
    {
      *unix_time = (gint64) icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
      *zone_id = g_strdup (ctx->item_zone != NULL ? ctx->item_zone :
                           ctx->fallback_zone != NULL ? ctx->fallback_zone : "UTC");
      return TRUE;
    }
  /* Floating time or a plain date: wall-clock time in the item's, the calendar's or the
   * caller's zone. */
  if (ctx->item_zone != NULL)
    {
      zone = _caucus_ical_zone_for_id (ctx->item_zone);
      *unix_time = (gint64) _caucus_ical_local_to_unix (t, zone);
      *zone_id = g_strdup (ctx->item_zone);
      return TRUE;
    }
  if (ctx->fallback_zone == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE,
                   "%s, line %d: %s ‘%s’ has no time zone (a %s); give the zone it is meant "
                   "in (e.g. --zone Europe/Berlin)", ctx->name, line, what, text != NULL ? text : "",
                   t.is_date ? "date" : "floating time");
      return FALSE;
    }
  zone = _caucus_ical_zone_for_id (ctx->fallback_zone);
  g_assert (zone != NULL);   /* validated when the context was made */
  *unix_time = (gint64) _caucus_ical_local_to_unix (t, zone);
  *zone_id = g_strdup (ctx->fallback_zone);
  return TRUE;
}

static void
set_unix (JsonObject *object,
          const char *name,
          gint64      t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autofree char *text = caucus_time_format_instant (dt);

  json_object_set_string_member (object, name, text);
}

/* Adds @days calendar days to @t in @zone_id (all-day ends: the next local midnight). */
static gint64
add_local_days (gint64      t,
                const char *zone_id,
                int         days)
{
  g_autoptr(GTimeZone) tz = caucus_time_zone_new (zone_id, NULL);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) later = g_date_time_add_days (local, days);
  g_autoptr(GDateTime) midnight = caucus_time_from_local (tz, g_date_time_get_year (later),
                                                          g_date_time_get_month (later),
                                                          g_date_time_get_day_of_month (later),
                                                          g_date_time_get_hour (local),
                                                          g_date_time_get_minute (local), 0);

  return g_date_time_to_unix (midnight);
}

static const char *
event_kind (const char *declared,
            gboolean    todo,
            gboolean    all_day,
            gint64      start,
            gint64      end)
{
  static const char *kinds[] = { "conference", "session", "meeting", "deadline", "milestone" };

  for (guint i = 0; declared != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_ascii_strcasecmp (declared, kinds[i]) == 0)
      return kinds[i];
  if (todo)
    return "deadline";
  if (all_day)
    return end - start > 25 * 3600 ? "conference" : "deadline";
  return "meeting";
}

/* A VTODO with neither DUE nor DTSTART: a milestone whose timeframe is not set yet (the
 * model accepts that for milestones only). */
static JsonObject *
undated_todo_doc (IcalContext    *ctx,
                  icalcomponent  *item,
                  GError        **error)
{
  JsonObject *doc = json_object_new ();
  JsonObject *source = json_object_new ();
  const char *uid = icalcomponent_get_uid (item);
  const char *summary = icalcomponent_get_summary (item);
  const char *description = icalcomponent_get_description (item);
  const char *caucus_id = x_property (item, "X-CAUCUS-ID");
  g_autofree char *id = NULL;

  if (uid == NULL || *uid == '\0')
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s, line %d: a VTODO without date has no UID either: it cannot be told apart",
                   ctx->name, line_of (ctx, NULL));
      json_object_unref (doc);
      json_object_unref (source);
      return NULL;
    }
  id = caucus_id != NULL && g_str_has_prefix (caucus_id, "event:") ? g_strdup (caucus_id)
                                                                     : g_strconcat ("event:ical:", uid, NULL);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "event");
  json_object_set_string_member (doc, "kind", "milestone");
  json_object_set_string_member (doc, "title", summary != NULL && *summary ? summary : "(no title)");
  if (description != NULL && *description)
    json_object_set_string_member (doc, "description", description);
  json_object_set_string_member (doc, "status",
                                 icalcomponent_get_status (item) == ICAL_STATUS_COMPLETED ? "done" :
                                 icalcomponent_get_status (item) == ICAL_STATUS_CANCELLED ? "cancelled" : "open");
  json_object_set_string_member (source, "format", "ical");
  json_object_set_string_member (source, "uid", uid);
  json_object_set_object_member (doc, "source", source);
  return doc;
}

static JsonObject *
item_doc (IcalContext    *ctx,
          icalcomponent  *item,
          int             line,
          GHashTable     *overrides,
          GError        **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  gboolean todo = icalcomponent_isa (item) == ICAL_VTODO_COMPONENT;
  icalproperty *dtstart = icalcomponent_get_first_property (item, ICAL_DTSTART_PROPERTY);
  icalproperty *due = todo ? icalcomponent_get_first_property (item, ICAL_DUE_PROPERTY) : NULL;
  icalproperty *dtend = icalcomponent_get_first_property (item, ICAL_DTEND_PROPERTY);
  icalproperty *duration = icalcomponent_get_first_property (item, ICAL_DURATION_PROPERTY);
  icalproperty *rrule = icalcomponent_get_first_property (item, ICAL_RRULE_PROPERTY);
  icalproperty *recurrence_id = icalcomponent_get_first_property (item, ICAL_RECURRENCEID_PROPERTY);
  icalproperty *prop;
  const char *uid = icalcomponent_get_uid (item);
  const char *summary = icalcomponent_get_summary (item);
  const char *caucus_id = x_property (item, "X-CAUCUS-ID");
  const char *parent_id = x_property (item, "X-CAUCUS-PARENT");
  g_autofree char *generated_uid = NULL;
  g_autofree char *id = NULL;
  g_autofree char *zone_id = NULL;
  g_autofree char *end_zone = NULL;
  icalproperty *anchor = todo && due != NULL ? due : dtstart;
  struct icaltimetype anchor_time;
  gint64 start, end;
  gboolean all_day;
  JsonObject *location, *source;
  JsonArray *tags, *roles;

  ctx->item_zone = x_property (item, "X-CAUCUS-TIME-ZONE");
  if (ctx->item_zone != NULL && _caucus_ical_zone_for_id (ctx->item_zone) == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "%s, line %d: X-CAUCUS-TIME-ZONE ‘%s’ is not a known IANA zone",
                   ctx->name, line_of (ctx, "X-CAUCUS-TIME-ZONE"), ctx->item_zone);
      return NULL;
    }
  if (anchor == NULL && todo)
    return undated_todo_doc (ctx, item, error);
  if (anchor == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s, line %d: VEVENT ‘%s’ has no DTSTART", ctx->name, line,
                   summary != NULL ? summary : "");
      return NULL;
    }
  anchor_time = anchor == due ? icalproperty_get_due (anchor) : icalproperty_get_dtstart (anchor);
  if (!resolve_time (ctx, anchor, anchor_time, anchor == due ? "DUE" : "DTSTART",
                     &start, &zone_id, error))
    return NULL;
  all_day = anchor_time.is_date;

  if (todo)
    end = all_day ? add_local_days (start, zone_id, 1) : start;
  else if (dtend != NULL)
    {
      if (!resolve_time (ctx, dtend, icalproperty_get_dtend (dtend), "DTEND", &end, &end_zone, error))
        return NULL;
    }
  else if (duration != NULL)
    {
      struct icaldurationtype d = icalproperty_get_duration (duration);

      if (icaldurationtype_is_bad_duration (d))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                       "%s, line %d: DURATION ‘%s’ cannot be read", ctx->name, line,
                       icalproperty_get_value_as_string (duration));
          return NULL;
        }
      if (all_day && d.hours == 0 && d.minutes == 0 && d.seconds == 0)
        end = add_local_days (start, zone_id, (int) (d.weeks * 7 + d.days));
      else
        end = start + icaldurationtype_as_int (d);
    }
  else
    end = all_day ? add_local_days (start, zone_id, 1) : start;
  if (end < start)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s, line %d: ‘%s’ ends before it starts", ctx->name, line,
                   summary != NULL ? summary : "");
      return NULL;
    }

  if (uid == NULL || *uid == '\0')
    {
      /* No UID: derive one from what identifies the item, so a re-import matches. */
      g_autofree char *key = g_strdup_printf ("%s|%" G_GINT64_FORMAT, summary != NULL ? summary : "", start);

      generated_uid = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
      uid = generated_uid;
    }
  if (caucus_id != NULL && g_str_has_prefix (caucus_id, "event:") && recurrence_id == NULL)
    id = g_strdup (caucus_id);
  else
    id = g_strconcat ("event:ical:", uid, NULL);

  source = json_object_new ();
  json_object_set_string_member (source, "format", "ical");
  json_object_set_string_member (source, "uid", uid);

  if (recurrence_id != NULL)
    {
      gint64 original;
      g_autofree char *original_zone = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *compact = NULL;
      g_autofree char *master = g_strdup (id);
      GArray *list;

      if (!resolve_time (ctx, recurrence_id, icalproperty_get_recurrenceid (recurrence_id),
                         "RECURRENCE-ID", &original, &original_zone, error))
        return NULL;
      dt = g_date_time_new_from_unix_utc (original);
      compact = g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
      g_free (id);
      id = g_strdup_printf ("%s:%s", master, compact);
      json_object_set_string_member (doc, "recurrence_of", master);
      set_unix (source, "recurrence_id", original);
      list = g_hash_table_lookup (overrides, master);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (overrides, g_strdup (master), list);
        }
      g_array_append_val (list, original);
    }

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "event");
  json_object_set_string_member (doc, "kind",
                                 event_kind (x_property (item, "X-CAUCUS-KIND"), todo, all_day, start, end));
  json_object_set_string_member (doc, "title", summary != NULL && *summary ? summary : "(no title)");
  if (parent_id != NULL && g_str_has_prefix (parent_id, "event:"))
    json_object_set_string_member (doc, "parent_id", parent_id);
  set_unix (doc, "start", start);
  set_unix (doc, "end", end);
  json_object_set_string_member (doc, "time_zone", zone_id);
  json_object_set_boolean_member (doc, "all_day", all_day);

  location = json_object_new ();
  if (icalcomponent_get_location (item) != NULL && *icalcomponent_get_location (item))
    json_object_set_string_member (location, "venue", icalcomponent_get_location (item));
  json_object_set_object_member (doc, "location", location);
  if (icalcomponent_get_description (item) != NULL && *icalcomponent_get_description (item))
    json_object_set_string_member (doc, "description", icalcomponent_get_description (item));

  roles = json_array_new ();
  prop = icalcomponent_get_first_property (item, ICAL_ORGANIZER_PROPERTY);
  if (prop != NULL)
    {
      icalparameter *cn = icalproperty_get_first_parameter (prop, ICAL_CN_PARAMETER);
      const char *name = cn != NULL ? icalparameter_get_cn (cn) : icalproperty_get_organizer (prop);

      /* Without a CN the address is all there is: "mailto:lead@example.org" → the address. */
      if (cn == NULL && name != NULL && g_ascii_strncasecmp (name, "mailto:", 7) == 0)
        name += 7;

      if (name != NULL && *name)
        {
          JsonObject *role = json_object_new ();

          json_object_set_string_member (role, "name", name);
          json_object_set_string_member (role, "role", "organiser");
          json_array_add_object_element (roles, role);
        }
    }
  json_object_set_array_member (doc, "roles", roles);

  tags = json_array_new ();
  for (prop = icalcomponent_get_first_property (item, ICAL_CATEGORIES_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (item, ICAL_CATEGORIES_PROPERTY))
    {
      g_auto(GStrv) parts = g_strsplit (icalproperty_get_categories (prop), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            json_array_add_string_element (tags, parts[i]);
        }
    }
  json_object_set_array_member (doc, "tags", tags);

  switch (icalcomponent_get_status (item))
    {
    case ICAL_STATUS_CANCELLED:
      json_object_set_string_member (doc, "status", "cancelled");
      break;
    case ICAL_STATUS_TENTATIVE:
      json_object_set_string_member (doc, "status", "tentative");
      break;
    case ICAL_STATUS_CONFIRMED:
      json_object_set_string_member (doc, "status", "confirmed");
      break;
    case ICAL_STATUS_COMPLETED:
      json_object_set_string_member (doc, "status", "done");
      break;
    default:
      json_object_set_string_member (doc, "status", todo ? "open" : "scheduled");
      break;
    }

  if (rrule != NULL && recurrence_id == NULL)
    {
      struct icalrecurrencetype r = icalproperty_get_rrule (rrule);
      JsonObject *recurrence = json_object_new ();
      JsonArray *exdates = json_array_new ();
      JsonArray *rdates = json_array_new ();
      char *rule = icalrecurrencetype_as_string_r (&r);

      json_object_set_string_member (recurrence, "rrule", rule);
      icalmemory_free_buffer (rule);
      for (prop = icalcomponent_get_first_property (item, ICAL_EXDATE_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (item, ICAL_EXDATE_PROPERTY))
        {
          gint64 t;
          g_autofree char *z = NULL;
          g_autoptr(GDateTime) dt = NULL;
          g_autofree char *text = NULL;

          if (!resolve_time (ctx, prop, icalproperty_get_exdate (prop), "EXDATE", &t, &z, error))
            {
              json_object_unref (recurrence);
              json_array_unref (exdates);
              json_array_unref (rdates);
              json_object_unref (source);
              return NULL;
            }
          dt = g_date_time_new_from_unix_utc (t);
          text = caucus_time_format_instant (dt);
          json_array_add_string_element (exdates, text);
        }
      for (prop = icalcomponent_get_first_property (item, ICAL_RDATE_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (item, ICAL_RDATE_PROPERTY))
        {
          struct icaldatetimeperiodtype rd = icalproperty_get_rdate (prop);
          struct icaltimetype when = icaltime_is_null_time (rd.time) ? rd.period.start : rd.time;
          gint64 t;
          g_autofree char *z = NULL;
          g_autoptr(GDateTime) dt = NULL;
          g_autofree char *text = NULL;

          if (!resolve_time (ctx, prop, when, "RDATE", &t, &z, error))
            {
              json_object_unref (recurrence);
              json_array_unref (exdates);
              json_array_unref (rdates);
              json_object_unref (source);
              return NULL;
            }
          dt = g_date_time_new_from_unix_utc (t);
          text = caucus_time_format_instant (dt);
          json_array_add_string_element (rdates, text);
        }
      json_object_set_array_member (recurrence, "exdates", exdates);
      json_object_set_array_member (recurrence, "rdates", rdates);
      json_object_set_object_member (doc, "recurrence", recurrence);
    }

  prop = icalcomponent_get_first_property (item, ICAL_URL_PROPERTY);
  if (prop != NULL && icalproperty_get_url (prop) != NULL && caucus_is_web_url (icalproperty_get_url (prop)))
    json_object_set_string_member (source, "url", icalproperty_get_url (prop));
  if (icalproperty_get_value_as_string (anchor) != NULL)
    json_object_set_string_member (source, "local_start", icalproperty_get_value_as_string (anchor));
  {
    icalparameter *tzid = icalproperty_get_first_parameter (anchor, ICAL_TZID_PARAMETER);

    if (tzid != NULL)
      json_object_set_string_member (source, "tzid", icalparameter_get_tzid (tzid));
  }
  json_object_set_object_member (doc, "source", source);
  return g_steal_pointer (&doc);
}

GPtrArray *
caucus_ical_parse (const char  *data,
                   gsize        length,
                   const char  *source_name,
                   const char  *default_zone,
                   GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GArray) item_lines = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autofree char *text = NULL;
  IcalContext ctx = { 0 };
  icalcomponent *calendar;
  const char *name = source_name != NULL ? source_name : "calendar";
  const char *wr_zone;
  guint index = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  _caucus_ical_init ();
  if (!_caucus_formats_check_size (length, source_name, error))
    return NULL;
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s is not valid UTF-8 text", name);
      return NULL;
    }
  if (default_zone != NULL && !caucus_time_zone_is_valid (default_zone))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "Unknown time zone ‘%s’ (expected an IANA name such as Europe/Berlin)", default_zone);
      return NULL;
    }
  item_lines = g_array_new (FALSE, TRUE, sizeof (CaucusIcalItemLines));
  g_array_set_clear_func (item_lines, _caucus_ical_item_lines_clear);
  if (!_caucus_ical_scan_lines (data, length, name, item_lines, error))
    return NULL;

  text = g_strndup (data, length);
  calendar = icalparser_parse_string (text);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s could not be read as an iCalendar file", name);
      g_clear_pointer (&calendar, icalcomponent_free);
      return NULL;
    }

  ctx.calendar = calendar;
  ctx.name = name;
  wr_zone = x_property (calendar, "X-WR-TIMEZONE");
  if (wr_zone != NULL && !caucus_time_zone_is_valid (wr_zone))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "%s: the calendar's X-WR-TIMEZONE ‘%s’ is not a known IANA zone", name, wr_zone);
      icalcomponent_free (calendar);
      return NULL;
    }
  ctx.fallback_zone = g_strdup (wr_zone != NULL ? wr_zone : default_zone);

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  /* Properties of the calendar itself (a broken line outside any item). */
  for (icalproperty *prop = icalcomponent_get_first_property (calendar, ICAL_XLICERROR_PROPERTY);
       ok && prop != NULL;
       prop = icalcomponent_get_next_property (calendar, ICAL_XLICERROR_PROPERTY))
    {
      g_autofree char *property = NULL;

      if (lic_error_is_fatal (prop, &property))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s: %s", name, icalproperty_get_xlicerror (prop));
          ok = FALSE;
        }
    }

  for (icalcomponent *item = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
       ok && item != NULL;
       item = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (item);
      int line = 0;
      JsonObject *doc;

      if (kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT)
        {
          ctx.lines = index < item_lines->len ? &g_array_index (item_lines, CaucusIcalItemLines, index++) : NULL;
          line = line_of (&ctx, NULL);
        }
      if (!check_lic_errors (item, &ctx, error))
        {
          ok = FALSE;
          break;
        }
      if (kind != ICAL_VEVENT_COMPONENT && kind != ICAL_VTODO_COMPONENT)
        continue;   /* VTIMEZONE is used through TZID; VJOURNAL, VFREEBUSY are not calendar items here */
      doc = item_doc (&ctx, item, line, overrides, error);
      ctx.lines = NULL;
      ctx.item_zone = NULL;
      if (doc == NULL)
        {
          ok = FALSE;
          break;
        }
      if (g_hash_table_contains (ids, json_object_get_string_member (doc, "_id")))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "%s, line %d: a second item with UID ‘%s’", name, line,
                       json_object_get_string_member (json_object_get_object_member (doc, "source"), "uid"));
          json_object_unref (doc);
          ok = FALSE;
          break;
        }
      g_hash_table_add (ids, g_strdup (json_object_get_string_member (doc, "_id")));
      g_ptr_array_add (docs, doc);
    }

  /* An overridden occurrence replaces the rule's own: exclude it from the master. */
  for (guint i = 0; ok && i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      GArray *list = g_hash_table_lookup (overrides, json_object_get_string_member (doc, "_id"));
      JsonArray *exdates;

      if (list == NULL || !json_object_has_member (doc, "recurrence"))
        continue;
      exdates = json_object_get_array_member (json_object_get_object_member (doc, "recurrence"), "exdates");
      for (guint j = 0; j < list->len; j++)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (g_array_index (list, gint64, j));
          g_autofree char *instant = caucus_time_format_instant (dt);
          gboolean listed = FALSE;

          /* Our own export writes the override's EXDATE too. */
          for (guint k = 0; k < json_array_get_length (exdates) && !listed; k++)
            listed = g_strcmp0 (json_array_get_string_element (exdates, k), instant) == 0;
          if (!listed)
            json_array_add_string_element (exdates, instant);
        }
    }

  g_free (ctx.fallback_zone);
  icalcomponent_free (calendar);
  if (!ok)
    return NULL;
  return g_steal_pointer (&docs);
}
