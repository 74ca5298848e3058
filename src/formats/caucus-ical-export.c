/* caucus-ical-export.c — event documents → one VCALENDAR.
 *
 * Each zone an item lives in is written once as a VTIMEZONE taken from libical's builtin
 * zones (the system tzdata), with its TZID rewritten to the plain IANA id, which is what
 * calendar clients match on.  Items whose home is UTC are written with "Z". */
#include "caucus-ical-private.h"
#include "caucus-formats-error.h"
#include "caucus-time.h"

#include <string.h>

static const char *
doc_id (JsonObject *doc)
{
  return json_object_get_string_member_with_default (doc, "_id", "(no id)");
}

static gboolean
doc_instant (JsonObject  *doc,
             const char  *member,
             gint64      *out,
             GError     **error)
{
  const char *text = json_object_get_string_member_with_default (doc, member, NULL);
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GError) local_error = NULL;

  dt = text != NULL ? caucus_time_parse_instant (text, &local_error) : NULL;
  if (dt == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "Event ‘%s’ cannot be exported: its %s is %s%s", doc_id (doc), member,
                   text != NULL ? "not an instant: " : "missing",
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* A property holding @t as wall-clock time in @zone_id (TZID), as UTC, or as a DATE. */
static icalproperty *
time_property (icalproperty_kind  kind,
               gint64             t,
               const char        *zone_id,
               icaltimezone      *zone,
               gboolean           date_only)
{
  gboolean utc = zone == icaltimezone_get_utc_timezone ();
  struct icaltimetype value = icaltime_from_timet_with_zone ((time_t) t, date_only, zone);
  icalproperty *prop = icalproperty_new (kind);

  /* The second 02:30 of the night summer time ends has no wall-clock name of its own
   * (RFC 5545 reads 02:30 as the first one): write such an instant in UTC. */
  if (!utc && !date_only && _caucus_ical_local_to_unix (value, zone) != t)
    {
      utc = TRUE;
      value = icaltime_from_timet_with_zone ((time_t) t, FALSE, icaltimezone_get_utc_timezone ());
    }

  if (!utc || date_only)
    value.zone = NULL;   /* the TZID parameter below says it; keeps libical from adding 'Z' */
  if (date_only)
    {
      value.is_date = 1;
      value.hour = value.minute = value.second = 0;
    }
  icalproperty_set_value (prop, date_only ? icalvalue_new_date (value) : icalvalue_new_datetime (value));
  if (date_only)
    icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_DATE));
  else if (!utc)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (zone_id));
  return prop;
}

static void
add_x (icalcomponent *component,
       const char    *name,
       const char    *value)
{
  icalproperty *prop;

  if (value == NULL || *value == '\0')
    return;
  prop = icalproperty_new_x (value);
  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

static char *
location_text (JsonObject *doc)
{
  JsonObject *location = json_object_has_member (doc, "location") ?
                         json_object_get_object_member (doc, "location") : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *members[] = { "room", "venue", "city", "country", "online_url" };

  if (location == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *v = json_object_get_string_member_with_default (location, members[i], NULL);

      if (v != NULL && *v != '\0')
        g_ptr_array_add (parts, (gpointer) v);
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* Remembers that @zone_id is used from @t on (the earliest time its VTIMEZONE must cover). */
static void
note_zone (GHashTable *zones,
           const char *zone_id,
           gint64      t)
{
  gint64 *earliest = g_hash_table_lookup (zones, zone_id);

  if (earliest == NULL)
    {
      earliest = g_new (gint64, 1);
      *earliest = t;
      g_hash_table_insert (zones, g_strdup (zone_id), earliest);
    }
  else if (t < *earliest)
    *earliest = t;
}

static icalcomponent *
item_component (JsonObject  *doc,
                GHashTable  *zones,
                GError     **error)
{
  const char *kind = json_object_get_string_member_with_default (doc, "kind", "meeting");
  const char *zone_id = json_object_get_string_member_with_default (doc, "time_zone", NULL);
  const char *status = json_object_get_string_member_with_default (doc, "status", NULL);
  const char *description = json_object_get_string_member_with_default (doc, "description", NULL);
  gboolean todo = g_strcmp0 (kind, "deadline") == 0 || g_strcmp0 (kind, "milestone") == 0;
  gboolean all_day = json_object_get_boolean_member_with_default (doc, "all_day", FALSE);
  JsonObject *source = json_object_has_member (doc, "source") ?
                       json_object_get_object_member (doc, "source") : NULL;
  const char *uid = NULL;
  g_autofree char *location = NULL;
  icaltimezone *zone = NULL;
  icalcomponent *item;
  gint64 start = 0, end = 0, stamp;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *start_text = json_object_get_string_member_with_default (doc, "start", NULL);
  /* A milestone's timeframe may be vague (DOMAIN.md): a VTODO without DUE. */
  gboolean undated = todo && (start_text == NULL || *start_text == '\0');

  if (!undated)
    zone = _caucus_ical_zone_for_id (zone_id);
  if (!undated && zone == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "Event ‘%s’ cannot be exported: its time zone ‘%s’ is unknown",
                   doc_id (doc), zone_id != NULL ? zone_id : "(none)");
      return NULL;
    }
  if (!undated && !doc_instant (doc, "start", &start, error))
    return NULL;
  end = start;
  if (!undated && json_object_has_member (doc, "end") && !doc_instant (doc, "end", &end, error))
    return NULL;
  if (!doc_instant (doc, "updated", &stamp, NULL))
    stamp = g_date_time_to_unix (now);
  if (!undated && zone != icaltimezone_get_utc_timezone ())
    note_zone (zones, zone_id, start);

  if (source != NULL && g_strcmp0 (json_object_get_string_member_with_default (source, "format", NULL), "ical") == 0)
    uid = json_object_get_string_member_with_default (source, "uid", NULL);
  if (uid == NULL)
    uid = doc_id (doc);

  item = todo ? icalcomponent_new_vtodo () : icalcomponent_new_vevent ();
  icalcomponent_set_uid (item, uid);
  icalcomponent_add_property (item, time_property (ICAL_DTSTAMP_PROPERTY, stamp, "UTC",
                                                   icaltimezone_get_utc_timezone (), FALSE));
  if (undated)
    ;   /* no DUE: the item has no date yet */
  else if (todo)
    icalcomponent_add_property (item, time_property (ICAL_DUE_PROPERTY, start, zone_id, zone, all_day));
  else
    {
      icalcomponent_add_property (item, time_property (ICAL_DTSTART_PROPERTY, start, zone_id, zone, all_day));
      if (end > start)
        icalcomponent_add_property (item, time_property (ICAL_DTEND_PROPERTY, end, zone_id, zone, all_day));
    }
  if (!undated && source != NULL && json_object_has_member (source, "recurrence_id"))
    {
      gint64 rid;
      g_autoptr(GError) ignored = NULL;

      if (doc_instant (source, "recurrence_id", &rid, &ignored) && zone != icaltimezone_get_utc_timezone ())
        note_zone (zones, zone_id, rid);
      if (ignored == NULL)
        icalcomponent_add_property (item, time_property (ICAL_RECURRENCEID_PROPERTY, rid, zone_id, zone, all_day));
    }
  icalcomponent_set_summary (item, json_object_get_string_member_with_default (doc, "title", ""));
  if (description != NULL && *description != '\0')
    icalcomponent_set_description (item, description);
  location = location_text (doc);
  if (location != NULL)
    icalcomponent_set_location (item, location);
  if (source != NULL && json_object_get_string_member_with_default (source, "url", NULL) != NULL)
    icalcomponent_add_property (item, icalproperty_new_url (json_object_get_string_member (source, "url")));

  if (json_object_has_member (doc, "tags"))
    {
      JsonArray *tags = json_object_get_array_member (doc, "tags");

      for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
        {
          const char *tag = json_array_get_string_element (tags, i);

          if (tag != NULL && *tag != '\0')
            icalcomponent_add_property (item, icalproperty_new_categories (tag));
        }
    }

  if (g_strcmp0 (status, "cancelled") == 0)
    icalcomponent_set_status (item, ICAL_STATUS_CANCELLED);
  else if (todo)
    icalcomponent_set_status (item, g_strcmp0 (status, "done") == 0 ? ICAL_STATUS_COMPLETED
                                                                     : ICAL_STATUS_NEEDSACTION);
  else if (g_strcmp0 (status, "tentative") == 0)
    icalcomponent_set_status (item, ICAL_STATUS_TENTATIVE);
  else
    icalcomponent_set_status (item, ICAL_STATUS_CONFIRMED);

  if (!undated && json_object_has_member (doc, "recurrence"))
    {
      JsonObject *recurrence = json_object_get_object_member (doc, "recurrence");
      const char *rule = recurrence != NULL ?
                         json_object_get_string_member_with_default (recurrence, "rrule", NULL) : NULL;
      const char *lists[] = { "exdates", "rdates" };

      if (rule != NULL)
        {
          struct icalrecurrencetype r = icalrecurrencetype_from_string (rule);

          if (r.freq == ICAL_NO_RECURRENCE)
            {
              g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                           "Event ‘%s’ cannot be exported: unreadable recurrence rule ‘%s’",
                           doc_id (doc), rule);
              icalcomponent_free (item);
              return NULL;
            }
          icalcomponent_add_property (item, icalproperty_new_rrule (r));
        }
      for (guint l = 0; recurrence != NULL && l < G_N_ELEMENTS (lists); l++)
        {
          JsonArray *list = json_object_has_member (recurrence, lists[l]) ?
                            json_object_get_array_member (recurrence, lists[l]) : NULL;

          for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
            {
              g_autoptr(GDateTime) dt = caucus_time_parse_instant (json_array_get_string_element (list, i), NULL);

              if (dt != NULL)
                icalcomponent_add_property (item, time_property (l == 0 ? ICAL_EXDATE_PROPERTY : ICAL_RDATE_PROPERTY,
                                                                 g_date_time_to_unix (dt), zone_id, zone, all_day));
            }
        }
    }

  add_x (item, "X-CAUCUS-ID", doc_id (doc));
  add_x (item, "X-CAUCUS-KIND", kind);
  /* DATE values and UTC times carry no zone of their own: keep the item's home. */
  if (!undated && (all_day || zone == icaltimezone_get_utc_timezone ()))
    add_x (item, "X-CAUCUS-TIME-ZONE", zone_id);
  add_x (item, "X-CAUCUS-PARENT", json_object_get_string_member_with_default (doc, "parent_id", NULL));
  return item;
}

static int
compare_strings_cb (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

char *
caucus_ical_export_docs (GPtrArray  *events,
                         GError    **error)
{
  g_autoptr(GHashTable) zones = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree const char **zone_ids = NULL;
  icalcomponent *calendar;
  char *text, *result;
  guint n_zones = 0;

  g_return_val_if_fail (events != NULL, NULL);

  _caucus_ical_init ();
  zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  items = g_ptr_array_new ();
  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *item = item_component (g_ptr_array_index (events, i), zones, error);

      if (item == NULL)
        {
          for (guint j = 0; j < items->len; j++)
            icalcomponent_free (g_ptr_array_index (items, j));
          return NULL;
        }
      g_ptr_array_add (items, item);
    }

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Caucus//Caucus " CAUCUS_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  /* Zones sorted, so the same selection always exports the same text. */
  zone_ids = (const char **) g_hash_table_get_keys_as_array (zones, &n_zones);
  qsort (zone_ids, n_zones, sizeof (char *), compare_strings_cb);
  for (guint i = 0; i < n_zones; i++)
    {
      icaltimezone *zone = _caucus_ical_zone_for_id (zone_ids[i]);
      icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
      icalproperty *tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
      gint64 earliest = *(gint64 *) g_hash_table_lookup (zones, zone_ids[i]);

      /* Only the rules from a year before the earliest exported time: the zone's whole
       * history since 1893 would be most of a small export. */
      icaltimezone_truncate_vtimezone (vtimezone,
                                       icaltime_from_timet_with_zone ((time_t) (earliest - 366 * 86400), 0,
                                                                      icaltimezone_get_utc_timezone ()),
                                       icaltime_null_time (), 0);

      if (tzid != NULL)
        icalproperty_set_tzid (tzid, zone_ids[i]);
      else
        icalcomponent_add_property (vtimezone, icalproperty_new_tzid (zone_ids[i]));
      icalcomponent_add_component (calendar, vtimezone);
    }
  for (guint i = 0; i < items->len; i++)
    icalcomponent_add_component (calendar, g_ptr_array_index (items, i));

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  icalcomponent_free (calendar);
  return result;
}
