/* caucus-schedule.c — a read feed (XML or JSON) becomes store documents.
 *
 * Time rules, in order of trust:
 *  1. a session's <date> with an offset is the instant (38C3 writes +01:00, DebConf writes
 *     UTC with <start> in local time, the pretalx demo mixes both: the offset decides);
 *  2. a <date> without an offset is wall-clock time in the conference zone;
 *  3. without <date> (Pentabarf), the enclosing <day date> plus <start> in the conference
 *     zone; a start before the feed's <day_change> belongs to the next calendar day.
 * The conference zone is the feed's time_zone_name, else the caller's zone, else an error. */
#include "caucus-schedule-private.h"
#include "caucus-formats-error.h"
#include "caucus-time.h"
#include "caucus-problem.h"

#include <stdlib.h>
#include <string.h>

/* Reads 1–@max_digits decimal digits; returns the end or NULL. */
static const char *
read_number (const char *p,
             int         max_digits,
             int        *value,
             int        *n_digits)
{
  int v = 0, n = 0;

  while (g_ascii_isdigit (*p) && n < max_digits)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n == 0 || g_ascii_isdigit (*p))
    return NULL;
  *value = v;
  if (n_digits != NULL)
    *n_digits = n;
  return p;
}

gboolean
caucus_schedule_parse_duration (const char  *text,
                                int         *minutes,
                                GError     **error)
{
  int parts[3] = { 0 }, digits0 = 0, n = 0;
  const char *p = text;

  g_return_val_if_fail (minutes != NULL, FALSE);

  while (p != NULL && n < 3)
    {
      p = read_number (p, n == 0 ? 4 : 2, &parts[n], n == 0 ? &digits0 : NULL);
      if (p == NULL)
        break;
      n++;
      if (*p == ':')
        p++;
      else
        break;
    }
  if (p == NULL || *p != '\0' || n < 2)
    goto bad;
  if (n == 2)
    {
      if (parts[1] > 59)
        goto bad;
      *minutes = parts[0] * 60 + parts[1];
      return TRUE;
    }
  if (digits0 == 1 && parts[0] > 0)
    {
      /* pretalx: D:HH:MM */
      if (parts[1] > 23 || parts[2] > 59)
        goto bad;
      *minutes = parts[0] * 24 * 60 + parts[1] * 60 + parts[2];
      return TRUE;
    }
  /* Pentabarf: HH:MM:SS, seconds dropped */
  if (parts[1] > 59 || parts[2] > 59)
    goto bad;
  *minutes = parts[0] * 60 + parts[1];
  return TRUE;

bad:
  g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
               "‘%s’ is not a duration (expected HH:MM, HH:MM:SS or D:HH:MM)",
               text != NULL ? text : "");
  return FALSE;
}

/* "HH:MM" or "HH:MM:SS" → minutes after midnight. */
static gboolean
parse_clock (const char *text,
             int        *minutes)
{
  int h, m, s;
  const char *p = text;

  if (p == NULL || (p = read_number (p, 2, &h, NULL)) == NULL || *p++ != ':' ||
      (p = read_number (p, 2, &m, NULL)) == NULL)
    return FALSE;
  if (*p == ':')
    {
      if ((p = read_number (p + 1, 2, &s, NULL)) == NULL || s > 59)
        return FALSE;
    }
  if (*p != '\0' || h > 23 || m > 59)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

/* "YYYY-MM-DD" (anything after the day, e.g. "T…", is ignored by the caller's choice). */
static gboolean
parse_date (const char *text,
            gboolean    date_only,
            int        *year,
            int        *month,
            int        *day)
{
  const char *p = text;

  if (p == NULL || (p = read_number (p, 4, year, NULL)) == NULL || *p++ != '-' ||
      (p = read_number (p, 2, month, NULL)) == NULL || *p++ != '-' ||
      (p = read_number (p, 2, day, NULL)) == NULL)
    return FALSE;
  if (date_only && *p != '\0')
    return FALSE;
  return g_date_valid_dmy (*day, *month, *year);
}

/* "YYYY-MM-DDTHH:MM[:SS]" without offset: wall-clock time in @tz (RFC 5545's rule for
 * times that happen twice or never, see caucus_time_from_local). */
static GDateTime *
local_date_time (const char *text,
                 GTimeZone  *tz)
{
  const char *t = strpbrk (text, "Tt ");
  g_autofree char *date = NULL;
  int y, m, d, minutes, seconds = 0;
  const char *sec;

  if (t == NULL)
    return NULL;
  date = g_strndup (text, t - text);
  if (!parse_date (date, TRUE, &y, &m, &d))
    return NULL;
  /* seconds, if any, are the third field; a fraction is dropped */
  sec = strlen (t + 1) > 5 ? t + 6 : NULL;
  {
    g_autofree char *clock = g_strndup (t + 1, 5);

    if (!parse_clock (clock, &minutes))
      return NULL;
  }
  if (sec != NULL)
    {
      if (*sec != ':' || !g_ascii_isdigit (sec[1]) || !g_ascii_isdigit (sec[2]) ||
          (sec[3] != '\0' && sec[3] != '.'))
        return NULL;
      seconds = (sec[1] - '0') * 10 + (sec[2] - '0');
      if (seconds > 59)
        return NULL;
    }
  return caucus_time_from_local (tz, y, m, d, minutes / 60, minutes % 60, seconds);
}

char *
caucus_schedule_name_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) key = NULL;
  gboolean dash = FALSE;
  GUnicodeScript base_script = G_UNICODE_SCRIPT_COMMON;

  g_return_val_if_fail (name != NULL, NULL);

  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  key = g_string_new (NULL);
  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      gboolean mark = t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK ||
                      t == G_UNICODE_SPACING_MARK;

      /* Accents are dropped from Latin letters only ("Pérez" = "Perez"); in other
       * scripts a mark can make a different letter (Cyrillic й is not и). */
      if (mark && base_script == G_UNICODE_SCRIPT_LATIN)
        continue;
      if (g_unichar_isalnum (c) || mark)
        {
          if (!mark)
            base_script = g_unichar_get_script (c);
          if (dash && key->len > 0)
            g_string_append_c (key, '-');
          dash = FALSE;
          g_string_append_unichar (key, c);
        }
      else
        dash = TRUE;
    }
  if (key->len == 0)
    {
      /* A name of punctuation only: still a stable key. */
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, name, -1);
      g_string_append_printf (key, "x%.12s", sum);
    }
  return g_utf8_normalize (key->str, -1, G_NORMALIZE_NFC);
}

static char *
conference_slug (CaucusFeed *feed)
{
  if (feed->acronym != NULL)
    {
      g_autofree char *key = caucus_schedule_name_key (feed->acronym);
      return g_steal_pointer (&key);
    }
  if (feed->title != NULL)
    return caucus_schedule_name_key (feed->title);
  return NULL;
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

static void
set_instant (JsonObject *object,
             const char *name,
             GDateTime  *dt)
{
  g_autofree char *text = caucus_time_format_instant (dt);

  json_object_set_string_member (object, name, text);
}

/* A conference bound: an instant, or a date meaning local midnight (@end: the midnight
 * after that date, so the last day is included). */
static GDateTime *
conference_bound (CaucusFeed  *feed,
                  const char  *text,
                  GTimeZone   *tz,
                  gboolean     end,
                  gboolean    *date_only,
                  GError     **error)
{
  int y, m, d;

  if (strpbrk (text, "Tt") != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      GDateTime *dt;

      *date_only = FALSE;
      dt = caucus_time_parse_instant (text, &local_error);
      if (dt == NULL)
        dt = local_date_time (text, tz);
      if (dt == NULL)
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                     "%s: the conference %s ‘%s’ is not a date or date-time",
                     feed->source_name, end ? "end" : "start", text);
      return dt;
    }
  *date_only = TRUE;
  if (!parse_date (text, TRUE, &y, &m, &d))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s: the conference %s ‘%s’ is not a date (expected YYYY-MM-DD)",
                   feed->source_name, end ? "end" : "start", text);
      return NULL;
    }
  if (end)
    {
      g_autoptr(GDateTime) day = caucus_time_from_local (tz, y, m, d, 0, 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

      /* Re-resolve midnight in the zone: adding a day keeps the instant arithmetic. */
      return caucus_time_from_local (tz, g_date_time_get_year (next), g_date_time_get_month (next),
                                     g_date_time_get_day_of_month (next), 0, 0, 0);
    }
  return caucus_time_from_local (tz, y, m, d, 0, 0, 0);
}

static GDateTime *
session_start (CaucusFeed         *feed,
               CaucusFeedSession  *s,
               GTimeZone          *tz,
               int                 day_change,
               GError            **error)
{
  const char *date = s->date;
  int y, m, d, minutes;

  if (date != NULL && strpbrk (date, "Tt") != NULL)
    {
      const char *time_part = strpbrk (date, "Tt");
      GDateTime *dt;

      if (date[strlen (date) - 1] == 'Z' || date[strlen (date) - 1] == 'z' ||
          strpbrk (time_part, "+-") != NULL)
        dt = caucus_time_parse_instant (date, NULL);
      else
        dt = local_date_time (date, tz);
      if (dt == NULL)
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                     "%s, %s: the session date ‘%s’ is not a valid date-time "
                     "(expected e.g. 2024-12-27T10:30:00+01:00)",
                     feed->source_name, s->where, date);
      return dt;
    }
  if (date == NULL)
    date = s->day_date;
  if (date == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s, %s: the session has no <date> and is not inside a <day date=…>",
                   feed->source_name, s->where);
      return NULL;
    }
  if (!parse_date (date, TRUE, &y, &m, &d))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s, %s: ‘%s’ is not a date (expected YYYY-MM-DD)",
                   feed->source_name, s->where, date);
      return NULL;
    }
  if (!parse_clock (s->start, &minutes))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s, %s: the start time ‘%s’ is not a time of day (expected HH:MM)",
                   feed->source_name, s->where, s->start != NULL ? s->start : "");
      return NULL;
    }
  if (date == s->day_date && minutes < day_change)
    {
      /* Past midnight but before the feed's day change: still the previous "day". */
      g_autoptr(GDate) next = g_date_new_dmy (d, m, y);

      g_date_add_days (next, 1);
      y = g_date_get_year (next);
      m = g_date_get_month (next);
      d = g_date_get_day (next);
    }
  return caucus_time_from_local (tz, y, m, d, minutes / 60, minutes % 60, 0);
}

static JsonObject *
person_doc (const char       *id,
            CaucusFeedPerson *p,
            const char       *format)
{
  JsonObject *doc = json_object_new ();
  JsonObject *source = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "person");
  json_object_set_string_member (doc, "name", p->name);
  set_string (doc, "bio", p->bio);
  json_object_set_string_member (source, "format", format);
  set_string (source, "uid", p->uid);
  json_object_set_object_member (doc, "source", source);
  return doc;
}

/* Pentabarf's HTML abstracts become Markdown, like every other description. */
static void
markdown_in_place (char **text)
{
  if (*text != NULL && _caucus_schedule_looks_like_html (*text))
    {
      char *markdown = _caucus_schedule_html_to_markdown (*text);

      g_free (*text);
      *text = markdown;
    }
}

static JsonObject *
session_doc (CaucusFeed         *feed,
             CaucusFeedSession  *s,
             const char         *conference_id,
             const char         *zone_id,
             GTimeZone          *tz,
             int                 day_change,
             GHashTable         *persons,
             GPtrArray          *person_docs,
             GError            **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *id = NULL;
  const char *uid = s->guid != NULL ? s->guid : s->id;
  const char *title = s->title != NULL ? s->title : s->slug;
  JsonObject *location, *source;
  JsonArray *roles, *tags;
  int minutes = 0;

  if (uid == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s, %s: the session has neither a guid nor an id", feed->source_name, s->where);
      return NULL;
    }
  if (title == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s, %s: session ‘%s’ has no title", feed->source_name, s->where, uid);
      return NULL;
    }
  start = session_start (feed, s, tz, day_change, error);
  if (start == NULL)
    return NULL;
  if (s->duration != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!caucus_schedule_parse_duration (s->duration, &minutes, &local_error))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                       "%s, %s: %s", feed->source_name, s->where, local_error->message);
          return NULL;
        }
    }
  end = g_date_time_add_minutes (start, minutes);

  id = g_strdup_printf ("%s:%s", conference_id, uid);
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "event");
  json_object_set_string_member (doc, "kind", "session");
  json_object_set_string_member (doc, "title", title);
  set_string (doc, "subtitle", s->subtitle);
  json_object_set_string_member (doc, "parent_id", conference_id);
  set_instant (doc, "start", start);
  set_instant (doc, "end", end);
  json_object_set_string_member (doc, "time_zone", zone_id);
  json_object_set_boolean_member (doc, "all_day", FALSE);

  location = json_object_new ();
  set_string (location, "venue", feed->venue);
  set_string (location, "room", s->room);
  set_string (location, "city", feed->city);
  json_object_set_object_member (doc, "location", location);

  set_string (doc, "format", s->type);
  markdown_in_place (&s->abstract);
  markdown_in_place (&s->description);
  if (s->abstract != NULL && s->description != NULL && strcmp (s->abstract, s->description) != 0)
    {
      g_autofree char *both = g_strconcat (s->abstract, "\n\n", s->description, NULL);
      json_object_set_string_member (doc, "description", both);
    }
  else
    set_string (doc, "description", s->abstract != NULL ? s->abstract : s->description);
  set_string (doc, "language", s->language);

  roles = json_array_new ();
  for (guint i = 0; i < s->persons->len; i++)
    {
      CaucusFeedPerson *p = g_ptr_array_index (s->persons, i);
      g_autofree char *key = NULL;
      g_autofree char *person_id = NULL;
      JsonObject *role;

      if (p->name == NULL)
        continue;
      key = caucus_schedule_name_key (p->name);
      person_id = g_strconcat ("person:", key, NULL);
      if (!g_hash_table_contains (persons, person_id))
        {
          g_ptr_array_add (person_docs, person_doc (person_id, p, feed->format));
          g_hash_table_add (persons, g_strdup (person_id));
        }
      role = json_object_new ();
      json_object_set_string_member (role, "person_id", person_id);
      json_object_set_string_member (role, "name", p->name);
      json_object_set_string_member (role, "role", "speaker");
      json_array_add_object_element (roles, role);
    }
  json_object_set_array_member (doc, "roles", roles);

  tags = json_array_new ();
  if (s->track != NULL)
    json_array_add_string_element (tags, s->track);
  json_object_set_array_member (doc, "tags", tags);
  json_object_set_string_member (doc, "status", "scheduled");

  source = json_object_new ();
  json_object_set_string_member (source, "format", feed->format);
  json_object_set_string_member (source, "uid", uid);
  /* Only web addresses: the model refuses anything else as a source URL. */
  if (s->url != NULL && caucus_is_web_url (s->url))
    set_string (source, "url", s->url);
  set_string (source, "local_date", s->date);
  set_string (source, "day", s->day_date);
  set_string (source, "local_start", s->start);
  set_string (source, "duration", s->duration);
  json_object_set_object_member (doc, "source", source);

  return g_steal_pointer (&doc);
}

/* Where the feed's days turn over, in minutes after local midnight, read from the days'
 * end instants (38C3: 06:00, DebConf: 02:59:59 → 03:00): the most common one wins, so
 * a short last day does not count.  0 when the days end at midnight or say nothing. */
static int
derived_day_change (CaucusFeed *feed,
                    GTimeZone  *tz)
{
  int counts[24 * 60] = { 0 };
  int best = 0;

  for (guint i = 0; i < feed->day_ends->len; i++)
    {
      g_autoptr(GDateTime) end = caucus_time_parse_instant (g_ptr_array_index (feed->day_ends, i), NULL);
      g_autoptr(GDateTime) local = NULL;
      int minutes;

      if (end == NULL)
        continue;
      local = g_date_time_to_timezone (end, tz);
      minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) +
                (g_date_time_get_second (local) > 0 ? 1 : 0);
      minutes %= 24 * 60;
      counts[minutes]++;
      if (counts[minutes] > counts[best])
        best = minutes;
    }
  /* A day change past noon is an evening end of programme, not a night-owl day. */
  return best < 12 * 60 ? best : 0;
}

static void
doc_unref (gpointer doc)
{
  if (doc != NULL)
    json_object_unref (doc);
}

GPtrArray *
_caucus_feed_to_docs (CaucusFeed  *feed,
                      const char  *default_zone,
                      GError     **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) person_docs = NULL;
  g_autoptr(GHashTable) persons = NULL;
  g_autoptr(GHashTable) session_ids = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *conference_id = NULL;
  g_autoptr(JsonObject) conference = NULL;
  JsonObject *location, *source;
  const char *zone_id;
  gboolean start_date_only = FALSE, end_date_only = FALSE;
  int day_change = 0;

  slug = conference_slug (feed);
  if (slug == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s: the conference has neither an acronym nor a title", feed->source_name);
      return NULL;
    }
  conference_id = g_strconcat ("event:", slug, NULL);

  zone_id = feed->time_zone_name != NULL ? feed->time_zone_name : default_zone;
  if (zone_id == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE,
                   "%s does not name its time zone (no time_zone_name): give the zone of the venue, "
                   "e.g. --zone Europe/Brussels", feed->source_name);
      return NULL;
    }
  tz = caucus_time_zone_new (zone_id, NULL);
  if (tz == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,
                   "%s: unknown time zone ‘%s’ (expected an IANA name such as Europe/Berlin)",
                   feed->time_zone_name != NULL ? feed->source_name : "The given zone", zone_id);
      return NULL;
    }
  if (feed->day_change != NULL && !parse_clock (feed->day_change, &day_change))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s: the day change ‘%s’ is not a time of day (expected HH:MM)",
                   feed->source_name, feed->day_change);
      return NULL;
    }

  docs = g_ptr_array_new_with_free_func (doc_unref);
  person_docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  session_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (docs, NULL);   /* the conference, once its bounds are known */

  for (guint i = 0; i < feed->sessions->len; i++)
    {
      CaucusFeedSession *s = g_ptr_array_index (feed->sessions, i);
      JsonObject *doc = session_doc (feed, s, conference_id, zone_id, tz, day_change,
                                     persons, person_docs, error);
      g_autoptr(GDateTime) s_start = NULL;
      g_autoptr(GDateTime) s_end = NULL;
      const char *id;

      if (doc == NULL)
        return NULL;
      id = json_object_get_string_member (doc, "_id");
      if (g_hash_table_contains (session_ids, id))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "%s, %s: a second session with the id ‘%s’",
                       feed->source_name, s->where, id + strlen (conference_id) + 1);
          json_object_unref (doc);
          return NULL;
        }
      g_ptr_array_add (docs, doc);
      g_hash_table_add (session_ids, (gpointer) json_object_get_string_member (doc, "_id"));

      s_start = caucus_time_parse_instant (json_object_get_string_member (doc, "start"), NULL);
      s_end = caucus_time_parse_instant (json_object_get_string_member (doc, "end"), NULL);
      if (first == NULL || g_date_time_compare (s_start, first) < 0)
        {
          g_clear_pointer (&first, g_date_time_unref);
          first = g_date_time_ref (s_start);
        }
      if (last == NULL || g_date_time_compare (s_end, last) > 0)
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = g_date_time_ref (s_end);
        }
    }

  if (feed->start != NULL &&
      (start = conference_bound (feed, feed->start, tz, FALSE, &start_date_only, error)) == NULL)
    return NULL;
  if (feed->end != NULL &&
      (end = conference_bound (feed, feed->end, tz, TRUE, &end_date_only, error)) == NULL)
    return NULL;
  if (start == NULL && first != NULL)
    start = g_date_time_ref (first);
  if (end == NULL && last != NULL)
    end = g_date_time_ref (last);
  if (start == NULL || end == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s: the conference has no %s and no sessions to take it from",
                   feed->source_name, start == NULL ? "start" : "end");
      return NULL;
    }
  if (g_date_time_compare (end, start) < 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_BAD_TIME,
                   "%s: the conference ends (%s) before it starts (%s)",
                   feed->source_name, feed->end, feed->start);
      return NULL;
    }

  conference = json_object_new ();
  json_object_set_string_member (conference, "_id", conference_id);
  json_object_set_string_member (conference, "type", "event");
  json_object_set_string_member (conference, "kind", "conference");
  json_object_set_string_member (conference, "title", feed->title != NULL ? feed->title : feed->acronym);
  set_instant (conference, "start", start);
  set_instant (conference, "end", end);
  json_object_set_string_member (conference, "time_zone", zone_id);
  json_object_set_boolean_member (conference, "all_day", start_date_only && end_date_only);
  location = json_object_new ();
  set_string (location, "venue", feed->venue);
  set_string (location, "city", feed->city);
  json_object_set_object_member (conference, "location", location);
  json_object_set_array_member (conference, "tags", json_array_new ());
  json_object_set_string_member (conference, "status", "scheduled");
  source = json_object_new ();
  json_object_set_string_member (source, "format", feed->format);
  json_object_set_string_member (source, "uid", slug);
  if (feed->url != NULL && caucus_is_web_url (feed->url))
    set_string (source, "url", feed->url);
  else if (feed->base_url != NULL && caucus_is_web_url (feed->base_url))
    set_string (source, "url", feed->base_url);
  set_string (source, "local_start", feed->start);
  set_string (source, "local_end", feed->end);
  if (day_change == 0)
    day_change = derived_day_change (feed, tz);
  if (day_change != 0)
    json_object_set_int_member (source, "day_change_minutes", day_change);
  json_object_set_object_member (conference, "source", source);
  g_ptr_array_index (docs, 0) = g_steal_pointer (&conference);

  for (guint i = 0; i < person_docs->len; i++)
    g_ptr_array_add (docs, json_object_ref (g_ptr_array_index (person_docs, i)));
  return g_steal_pointer (&docs);
}
