/* caucus-schedule-feed.c — the read feed's lifetime, and the input size limit. */
#include "caucus-schedule-private.h"
#include "caucus-formats-error.h"

static void
feed_person_free (CaucusFeedPerson *person)
{
  g_free (person->name);
  g_free (person->uid);
  g_free (person->bio);
  g_free (person);
}

static void
feed_session_free (CaucusFeedSession *s)
{
  g_free (s->where);
  g_free (s->guid);
  g_free (s->id);
  g_free (s->date);
  g_free (s->day_date);
  g_free (s->start);
  g_free (s->duration);
  g_free (s->room);
  g_free (s->title);
  g_free (s->subtitle);
  g_free (s->track);
  g_free (s->type);
  g_free (s->language);
  g_free (s->abstract);
  g_free (s->description);
  g_free (s->url);
  g_free (s->slug);
  g_clear_pointer (&s->persons, g_ptr_array_unref);
  g_free (s);
}

CaucusFeed *
_caucus_feed_new (const char *format,
                  const char *source_name)
{
  CaucusFeed *feed = g_new0 (CaucusFeed, 1);

  feed->format = format;
  feed->source_name = g_strdup (source_name != NULL ? source_name : "schedule");
  feed->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_session_free);
  feed->day_ends = g_ptr_array_new_with_free_func (g_free);
  return feed;
}

void
_caucus_feed_free (CaucusFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->source_name);
  g_free (feed->acronym);
  g_free (feed->title);
  g_free (feed->start);
  g_free (feed->end);
  g_free (feed->time_zone_name);
  g_free (feed->url);
  g_free (feed->base_url);
  g_free (feed->venue);
  g_free (feed->city);
  g_free (feed->day_change);
  g_clear_pointer (&feed->sessions, g_ptr_array_unref);
  g_clear_pointer (&feed->day_ends, g_ptr_array_unref);
  g_free (feed);
}

CaucusFeedSession *
_caucus_feed_add_session (CaucusFeed *feed,
                          const char *where)
{
  CaucusFeedSession *session = g_new0 (CaucusFeedSession, 1);

  session->where = g_strdup (where);
  session->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_person_free);
  g_ptr_array_add (feed->sessions, session);
  return session;
}

CaucusFeedPerson *
_caucus_feed_session_add_person (CaucusFeedSession *session)
{
  CaucusFeedPerson *person = g_new0 (CaucusFeedPerson, 1);

  g_ptr_array_add (session->persons, person);
  return person;
}

gboolean
_caucus_formats_check_size (gsize        length,
                            const char  *source_name,
                            GError     **error)
{
  if (length > CAUCUS_FORMATS_MAX_INPUT)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_TOO_LARGE,
                   "%s is %" G_GSIZE_FORMAT " MiB, more than the %d MiB an import may be",
                   source_name != NULL ? source_name : "The input",
                   length / (1024 * 1024), CAUCUS_FORMATS_MAX_INPUT / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}
