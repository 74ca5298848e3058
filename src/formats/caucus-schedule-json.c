/* caucus-schedule-json.c — pretalx / frab schedule JSON ({"schedule": {"conference": …}}). */
#include "caucus-schedule-private.h"
#include "caucus-formats-error.h"

#include <stdio.h>
#include <string.h>

/* A member as text: strings as they are, numbers printed, everything else absent. */
static char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        while (s != NULL && g_ascii_isspace (*s))
          s++;
        return (s == NULL || *s == '\0') ? NULL : g_strstrip (g_strdup (s));
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));
    default:
      return NULL;
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
read_session (CaucusFeed *feed,
              JsonObject *object,
              const char *day_date,
              const char *room_name,
              const char *where)
{
  CaucusFeedSession *session = _caucus_feed_add_session (feed, where);
  JsonArray *persons;

  session->guid = member_text (object, "guid");
  session->id = member_text (object, "id");
  session->date = member_text (object, "date");
  session->day_date = g_strdup (day_date);
  session->start = member_text (object, "start");
  session->duration = member_text (object, "duration");
  session->room = member_text (object, "room");
  if (session->room == NULL)
    session->room = g_strdup (room_name);
  session->title = member_text (object, "title");
  session->subtitle = member_text (object, "subtitle");
  session->track = member_text (object, "track");
  session->type = member_text (object, "type");
  session->language = member_text (object, "language");
  session->abstract = member_text (object, "abstract");
  session->description = member_text (object, "description");
  session->url = member_text (object, "url");
  if (session->url == NULL)
    session->url = member_text (object, "origin_url");
  session->slug = member_text (object, "slug");

  persons = member_array (object, "persons");
  for (guint i = 0; persons != NULL && i < json_array_get_length (persons); i++)
    {
      JsonNode *node = json_array_get_element (persons, i);
      CaucusFeedPerson *person;
      JsonObject *p;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      p = json_node_get_object (node);
      person = _caucus_feed_session_add_person (session);
      person->name = member_text (p, "public_name");
      if (person->name == NULL)
        person->name = member_text (p, "name");
      person->uid = member_text (p, "guid");
      if (person->uid == NULL)
        person->uid = member_text (p, "code");
      if (person->uid == NULL)
        person->uid = member_text (p, "id");
      person->bio = member_text (p, "biography");
    }
}

GPtrArray *
caucus_schedule_parse_json (const char  *data,
                            gsize        length,
                            const char  *source_name,
                            const char  *default_zone,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CaucusFeed) feed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name = source_name != NULL ? source_name : "schedule";
  JsonNode *root;
  JsonObject *schedule, *conference;
  JsonArray *days;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!_caucus_formats_check_size (length, source_name, error))
    return NULL;
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s is not valid UTF-8 text", name);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: Parse error: …"; say it in our words. */
      const char *message = local_error->message;
      unsigned line = 0, column = 0;
      int consumed = 0;

      if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        {
          message += consumed;
          if (g_str_has_prefix (message, "Parse error: "))
            message += strlen ("Parse error: ");
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s is not well-formed JSON: line %u, column %u: %s", name, line, column, message);
        }
      else
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                     "%s is not well-formed JSON: %s", name, message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s: the top level is not a JSON object with a “schedule” member", name);
      return NULL;
    }
  schedule = member_object (json_node_get_object (root), "schedule");
  conference = member_object (schedule, "conference");
  if (conference == NULL)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s: no “schedule.conference” object: this is not a frab/pretalx schedule", name);
      return NULL;
    }

  feed = _caucus_feed_new ("frab-json", source_name);
  feed->acronym = member_text (conference, "acronym");
  feed->title = member_text (conference, "title");
  feed->start = member_text (conference, "start");
  feed->end = member_text (conference, "end");
  feed->time_zone_name = member_text (conference, "time_zone_name");
  feed->url = member_text (conference, "url");
  feed->base_url = member_text (schedule, "base_url");
  if (feed->base_url == NULL)
    feed->base_url = member_text (conference, "base_url");
  feed->venue = member_text (conference, "venue");
  feed->city = member_text (conference, "city");
  feed->day_change = member_text (conference, "day_change");

  days = member_array (conference, "days");
  for (guint d = 0; days != NULL && d < json_array_get_length (days); d++)
    {
      JsonNode *day_node = json_array_get_element (days, d);
      g_autofree char *day_date = NULL;
      JsonObject *day, *rooms;
      JsonObjectIter iter;
      const char *room_name;
      JsonNode *room_node;

      if (!JSON_NODE_HOLDS_OBJECT (day_node))
        continue;
      day = json_node_get_object (day_node);
      day_date = member_text (day, "date");
      {
        char *day_end = member_text (day, "day_end");

        if (day_end != NULL)
          g_ptr_array_add (feed->day_ends, day_end);
      }
      rooms = member_object (day, "rooms");
      if (rooms == NULL)
        continue;
      json_object_iter_init (&iter, rooms);
      while (json_object_iter_next (&iter, &room_name, &room_node))
        {
          JsonArray *events;

          if (!JSON_NODE_HOLDS_ARRAY (room_node))
            continue;
          events = json_node_get_array (room_node);
          for (guint e = 0; e < json_array_get_length (events); e++)
            {
              JsonNode *event = json_array_get_element (events, e);
              g_autofree char *where = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (event))
                continue;
              where = g_strdup_printf ("schedule.conference.days[%u].rooms[“%s”][%u]",
                                       d, room_name, e);
              read_session (feed, json_node_get_object (event), day_date, room_name, where);
            }
        }
    }
  return _caucus_feed_to_docs (feed, default_zone, error);
}
