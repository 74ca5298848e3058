/* caucus-schedule-xml.c — frab / Pentabarf schedule XML, read with GMarkup.
 *
 * The feeds use plain UTF-8 XML with the five predefined entities, character references
 * and at most an unused namespace attribute: GMarkup reads all of them, reports errors
 * with line and column, and needs no dependency beyond GLib (see docs/layers/formats.md).
 * Only the elements we use are looked at; every other element is skipped, which is how
 * the reader stays tolerant of the many dialects of this format. */
#include "caucus-schedule-private.h"
#include "caucus-formats-error.h"

#include <string.h>

typedef struct {
  const char        *data;
  gsize              length;
  GArray            *line_starts;  /* byte offset of each line, built on first use */
  CaucusFeed        *feed;
  GPtrArray         *stack;     /* element names, root first */
  GString           *text;
  char              *day_date;
  char              *room_name;
  CaucusFeedSession *session;
  CaucusFeedPerson  *person;
  gboolean           seen_root;
} XmlState;

static const char *
parent_name (XmlState *state,
             guint     up)
{
  if (state->stack->len < up + 1)
    return NULL;
  return g_ptr_array_index (state->stack, state->stack->len - 1 - up);
}

/* The line of the '<' that opened the element being reported: GMarkup's position is
 * where its scanner stands (past the tag, often on the next line). */
static int
tag_line (XmlState            *state,
          GMarkupParseContext *context)
{
  int line = 0, column = 0;
  const char *line_start, *p;

  g_markup_parse_context_get_position (context, &line, &column);
  if (state->line_starts == NULL)
    {
      state->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_array_append_val (state->line_starts, (gsize) { 0 });
      for (gsize i = 0; i < state->length; i++)
        if (state->data[i] == '\n')
          {
            gsize next = i + 1;
            g_array_append_val (state->line_starts, next);
          }
    }
  if (line < 1 || (guint) line > state->line_starts->len)
    return line;
  line_start = state->data + g_array_index (state->line_starts, gsize, line - 1);
  p = line_start;
  /* column counts characters from 1; walk them, never past the data */
  for (int c = 1; c < column && p < state->data + state->length && *p != '\n'; c++)
    p = g_utf8_next_char (p);
  /* a lead byte near the end can step past it: stay on the last byte */
  if (state->length == 0)
    return line;
  if (p >= state->data + state->length)
    p = state->data + state->length - 1;
  while (p > state->data && *p != '<')
    {
      if (*p == '\n')
        line--;
      p--;
    }
  return line;
}

static const char *
find_attr (const char **names,
           const char **values,
           const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], wanted) == 0)
      return values[i];
  return NULL;
}

static char *
dup_nonempty (const char *text)
{
  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return NULL;
  return g_strstrip (g_strdup (text));
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  XmlState *state = user_data;
  guint depth = state->stack->len;

  if (depth == 0)
    {
      if (state->seen_root || strcmp (element_name, "schedule") != 0)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "line %d: the root element is <%s>, but a schedule starts with <schedule>",
                       tag_line (state, context), element_name);
          return;
        }
      state->seen_root = TRUE;
    }
  else if (depth == 1 && strcmp (element_name, "day") == 0)
    {
      const char *day_end = find_attr (attribute_names, attribute_values, "end");

      g_free (state->day_date);
      state->day_date = dup_nonempty (find_attr (attribute_names, attribute_values, "date"));
      if (day_end != NULL)
        g_ptr_array_add (state->feed->day_ends, g_strdup (day_end));
    }
  else if (depth == 2 && strcmp (element_name, "room") == 0 &&
           g_strcmp0 (parent_name (state, 0), "day") == 0)
    {
      g_free (state->room_name);
      state->room_name = dup_nonempty (find_attr (attribute_names, attribute_values, "name"));
    }
  else if (depth == 3 && strcmp (element_name, "event") == 0 &&
           g_strcmp0 (parent_name (state, 0), "room") == 0 &&
           g_strcmp0 (parent_name (state, 1), "day") == 0)
    {
      g_autofree char *where = g_strdup_printf ("line %d", tag_line (state, context));

      state->session = _caucus_feed_add_session (state->feed, where);
      state->session->guid = dup_nonempty (find_attr (attribute_names, attribute_values, "guid"));
      state->session->id = dup_nonempty (find_attr (attribute_names, attribute_values, "id"));
      state->session->day_date = g_strdup (state->day_date);
    }
  else if (state->session != NULL && depth == 5 && strcmp (element_name, "person") == 0 &&
           g_strcmp0 (parent_name (state, 0), "persons") == 0)
    {
      const char *uid = find_attr (attribute_names, attribute_values, "guid");

      if (uid == NULL)
        uid = find_attr (attribute_names, attribute_values, "code");
      if (uid == NULL)
        uid = find_attr (attribute_names, attribute_values, "id");
      state->person = _caucus_feed_session_add_person (state->session);
      state->person->uid = dup_nonempty (uid);
    }

  g_ptr_array_add (state->stack, g_strdup (element_name));
  g_string_truncate (state->text, 0);
}

static void
take_conference_field (CaucusFeed *feed,
                       const char *name,
                       char       *value)
{
  char **slot = NULL;

  if (strcmp (name, "acronym") == 0) slot = &feed->acronym;
  else if (strcmp (name, "title") == 0) slot = &feed->title;
  else if (strcmp (name, "start") == 0) slot = &feed->start;
  else if (strcmp (name, "end") == 0) slot = &feed->end;
  else if (strcmp (name, "time_zone_name") == 0) slot = &feed->time_zone_name;
  else if (strcmp (name, "url") == 0) slot = &feed->url;
  else if (strcmp (name, "base_url") == 0) slot = &feed->base_url;
  else if (strcmp (name, "venue") == 0) slot = &feed->venue;
  else if (strcmp (name, "city") == 0) slot = &feed->city;
  else if (strcmp (name, "day_change") == 0) slot = &feed->day_change;

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = value;
    }
  else
    g_free (value);
}

static void
take_session_field (CaucusFeedSession *session,
                    const char        *name,
                    char              *value)
{
  char **slot = NULL;

  if (strcmp (name, "date") == 0) slot = &session->date;
  else if (strcmp (name, "start") == 0) slot = &session->start;
  else if (strcmp (name, "duration") == 0) slot = &session->duration;
  else if (strcmp (name, "room") == 0) slot = &session->room;
  else if (strcmp (name, "title") == 0) slot = &session->title;
  else if (strcmp (name, "subtitle") == 0) slot = &session->subtitle;
  else if (strcmp (name, "track") == 0) slot = &session->track;
  else if (strcmp (name, "type") == 0) slot = &session->type;
  else if (strcmp (name, "language") == 0) slot = &session->language;
  else if (strcmp (name, "abstract") == 0) slot = &session->abstract;
  else if (strcmp (name, "description") == 0) slot = &session->description;
  else if (strcmp (name, "url") == 0) slot = &session->url;
  else if (strcmp (name, "slug") == 0) slot = &session->slug;
  else if (strcmp (name, "origin_url") == 0 && session->url == NULL) slot = &session->url;

  if (slot != NULL)
    {
      g_free (*slot);
      *slot = value;
    }
  else
    g_free (value);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  XmlState *state = user_data;
  guint depth = state->stack->len;   /* including this element */
  const char *parent = parent_name (state, 1);

  if (depth == 3 && g_strcmp0 (parent, "conference") == 0)
    take_conference_field (state->feed, element_name, dup_nonempty (state->text->str));
  else if (state->session != NULL && depth == 5 && g_strcmp0 (parent, "event") == 0)
    take_session_field (state->session, element_name, dup_nonempty (state->text->str));
  else if (state->person != NULL && depth == 6 && strcmp (element_name, "person") == 0)
    {
      state->person->name = dup_nonempty (state->text->str);
      state->person = NULL;
    }
  else if (state->session != NULL && depth == 4 && strcmp (element_name, "event") == 0)
    {
      if (state->session->room == NULL)
        state->session->room = g_strdup (state->room_name);
      state->session = NULL;
    }

  g_ptr_array_set_size (state->stack, depth - 1);
  g_string_truncate (state->text, 0);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  XmlState *state = user_data;

  /* Only leaf text is kept; whitespace between elements is dropped at the next start. */
  g_string_append_len (state->text, text, text_len);
}

static const GMarkupParser parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

GPtrArray *
caucus_schedule_parse_xml (const char  *data,
                           gsize        length,
                           const char  *source_name,
                           const char  *default_zone,
                           GError     **error)
{
  g_autoptr(CaucusFeed) feed = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) stack = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) local_error = NULL;
  XmlState state = { 0 };
  const char *name = source_name != NULL ? source_name : "schedule";

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!_caucus_formats_check_size (length, source_name, error))
    return NULL;

  feed = _caucus_feed_new ("frab-xml", source_name);
  stack = g_ptr_array_new_with_free_func (g_free);
  text = g_string_new (NULL);
  state.data = data;
  state.length = length;
  state.feed = feed;
  state.stack = stack;
  state.text = text;

  context = g_markup_parse_context_new (&parser,
                                        G_MARKUP_TREAT_CDATA_AS_TEXT,
                                        &state, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_free (state.day_date);
      g_free (state.room_name);
      g_clear_pointer (&state.line_starts, g_array_unref);
      if (local_error->domain == CAUCUS_FORMATS_ERROR)
        g_set_error (error, CAUCUS_FORMATS_ERROR, local_error->code,
                     "%s: %s", name, local_error->message);
      else
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                     "%s is not well-formed XML: %s", name, local_error->message);
      return NULL;
    }
  g_free (state.day_date);
  g_free (state.room_name);
  g_clear_pointer (&state.line_starts, g_array_unref);

  if (!state.seen_root)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s is empty: no <schedule> element", name);
      return NULL;
    }
  return _caucus_feed_to_docs (feed, default_zone, error);
}
