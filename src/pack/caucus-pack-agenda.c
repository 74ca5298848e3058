/* caucus-pack-agenda.c: the programme and the deadlines.
 *
 * Times are shown in the venue's zone first, with the UTC offset valid on that date, and in
 * the reader's zone beside it when it differs, marked "+1 day"/"−1 day" when the conversion
 * crosses midnight (DOMAIN.md, "Time").  Sessions are grouped by conference day in the
 * event's zone.
 */
#include "caucus-pack-private.h"
#include "caucus-pack-error.h"

#include <string.h>
#include <glib/gi18n-lib.h>

static gint
day_number (GDateTime *dt)
{
  return g_date_time_get_year (dt) * 400 + g_date_time_get_day_of_year (dt);
}

static char *
day_mark (GDateTime *venue,
          GDateTime *home)
{
  gint delta = day_number (home) - day_number (venue);

  if (g_date_time_get_year (home) != g_date_time_get_year (venue))
    delta = delta > 0 ? 1 : -1;
  if (delta == 0)
    return g_strdup ("");
  {
    /* TRANSLATORS: beside a time converted to the reader's zone that falls on another day */
    g_autofree char *mark = g_strdup_printf (delta > 0 ? ngettext ("+%d day", "+%d days", delta)
                                                       : ngettext ("-%d day", "-%d days", -delta),
                                             ABS (delta));

    return g_strdup_printf (" <span foreground=\"#b4532a\" weight=\"bold\">%s</span>", mark);
  }
}

/* The left cell of a session row: its times in both zones. */
static char *
time_cell (PackBuild  *build,
           JsonObject *session,
           GTimeZone  *zone,
           const char *zone_id,
           GDateTime  *start,
           GDateTime  *end)
{
  g_autoptr(GDateTime) vs = g_date_time_to_timezone (start, zone);
  g_autoptr(GDateTime) ve = end != NULL ? g_date_time_to_timezone (end, zone) : NULL;
  g_autofree char *offset = g_date_time_format (vs, "UTC%:z");
  g_autofree char *range = NULL;
  GString *out = g_string_new (NULL);

  if (json_object_has_member (session, "all_day") &&
      json_object_get_boolean_member_with_default (session, "all_day", FALSE))
    range = g_strdup (_("All day"));
  else if (ve != NULL)
    range = g_strdup_printf ("%02d:%02d–%02d:%02d", g_date_time_get_hour (vs), g_date_time_get_minute (vs),
                             g_date_time_get_hour (ve), g_date_time_get_minute (ve));
  else
    range = g_strdup_printf ("%02d:%02d", g_date_time_get_hour (vs), g_date_time_get_minute (vs));
  g_string_append_printf (out, "<span size=\"115%%\" weight=\"bold\">%s</span>\n"
                               "<span foreground=\"#5b6573\">%s</span>", range, offset);
  (void) zone_id;

  if (build->home_zone != NULL && range[0] != 'A')
    {
      g_autoptr(GDateTime) hs = g_date_time_to_timezone (start, build->home_zone);
      g_autoptr(GDateTime) he = end != NULL ? g_date_time_to_timezone (end, build->home_zone) : NULL;

      if (g_date_time_get_utc_offset (hs) != g_date_time_get_utc_offset (vs) ||
          g_strcmp0 (build->home_zone_id, zone_id) != 0)
        {
          g_autofree char *home_offset = g_date_time_format (hs, "UTC%:z");
          g_autofree char *mark = day_mark (vs, hs);
          g_autofree char *zone_name = g_markup_escape_text (build->home_zone_id, -1);

          if (he != NULL)
            g_string_append_printf (out, "\n%02d:%02d–%02d:%02d%s", g_date_time_get_hour (hs),
                                    g_date_time_get_minute (hs), g_date_time_get_hour (he),
                                    g_date_time_get_minute (he), mark);
          else
            g_string_append_printf (out, "\n%02d:%02d%s", g_date_time_get_hour (hs),
                                    g_date_time_get_minute (hs), mark);
          g_string_append_printf (out, "\n<span foreground=\"#5b6573\">%s %s</span>", zone_name, home_offset);
        }
    }
  return g_string_free (out, FALSE);
}

static const char *
role_title (const char *role)
{
  if (g_strcmp0 (role, "speaker") == 0) return _("Speakers");
  if (g_strcmp0 (role, "moderator") == 0) return _("Moderator");
  if (g_strcmp0 (role, "online-moderator") == 0) return _("Online moderator");
  if (g_strcmp0 (role, "rapporteur") == 0) return _("Rapporteur");
  if (g_strcmp0 (role, "organiser") == 0) return _("Organisers");
  return _("With");
}

static PackText *
session_cell (PackBuild  *build,
              JsonObject *session)
{
  static const char *order[] = { "organiser", "moderator", "speaker", "online-moderator", "rapporteur" };
  JsonObject *location = pack_obj (session, "location");
  g_autoptr(GString) where = g_string_new (NULL);
  JsonArray *roles = NULL;
  PackMarkup m;

  pack_markup_init (&m);
  pack_markup_tag (&m, "<span font_family=\"Noto Sans,DejaVu Sans\" weight=\"bold\" size=\"112%\" foreground=\"#1d3557\">");
  pack_markup_text (&m, pack_str (session, "title") != NULL ? pack_str (session, "title") : _("Untitled session"));
  pack_markup_tag (&m, "</span>");

  if (location != NULL && pack_str (location, "room") != NULL)
    g_string_append (where, pack_str (location, "room"));
  if (pack_str (session, "format") != NULL)
    g_string_append_printf (where, "%s%s", where->len ? " · " : "", pack_str (session, "format"));
  if (where->len > 0)
    {
      pack_markup_tag (&m, "\n<span foreground=\"#5b6573\">");
      pack_markup_text (&m, where->str);
      pack_markup_tag (&m, "</span>");
    }
  if (location != NULL && pack_str (location, "online_url") != NULL)
    {
      pack_markup_text (&m, "\n");
      pack_markup_text (&m, _("Online: "));
      pack_markup_link (&m, pack_str (location, "online_url"), pack_str (location, "online_url"));
    }

  if (json_object_has_member (session, "roles") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (session, "roles")))
    roles = json_object_get_array_member (session, "roles");
  for (guint o = 0; roles != NULL && o < G_N_ELEMENTS (order); o++)
    {
      guint n = 0;

      for (guint r = 0; r < json_array_get_length (roles); r++)
        {
          JsonNode *node = json_array_get_element (roles, r);
          JsonObject *role;
          g_autofree char *name = NULL;
          g_autofree char *org = NULL;
          JsonObject *person;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          role = json_node_get_object (node);
          if (g_strcmp0 (pack_str (role, "role"), order[o]) != 0)
            continue;
          name = pack_person_name (build, role);
          if (name == NULL)
            continue;
          person = caucus_pack_sources_lookup_typed (build->sources, pack_str (role, "person_id"), "person");
          org = person != NULL ? pack_org_name (build, pack_str (person, "org_id")) : NULL;
          if (n++ == 0)
            {
              pack_markup_tag (&m, "\n<span foreground=\"#5b6573\">");
              pack_markup_text (&m, role_title (order[o]));
              pack_markup_text (&m, ": ");
              pack_markup_tag (&m, "</span>");
            }
          else
            pack_markup_text (&m, ", ");
          pack_markup_isolated (&m, name);
          if (org != NULL)
            {
              pack_markup_tag (&m, "<span foreground=\"#5b6573\">");
              pack_markup_text (&m, " (");
              pack_markup_isolated (&m, org);
              pack_markup_text (&m, ")");
              pack_markup_tag (&m, "</span>");
            }
        }
    }
  return pack_markup_finish (&m);
}

/* "Title (continued)", set at the top of a page that a session's description runs onto. */
static PackBlock *
session_marker (PackSection *section,
                JsonObject  *session)
{
  const char *title = pack_str (session, "title") != NULL ? pack_str (session, "title") : _("Untitled session");
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  /* isolated (FSI…PDI), so an Arabic title cannot pull "(continued)" to its side */
  g_autofree char *bold = g_strdup_printf ("<b>\u2068%s\u2069</b>", escaped);
  /* TRANSLATORS: at the top of a page, above the rest of a session's description; %s is the
   * session's title */
  g_autofree char *markup = g_strdup_printf (_("%s (continued)"), bold);
  PackBlock *marker = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_META);

  marker->text = pack_text_new (g_steal_pointer (&markup), NULL);
  marker->text->fixed_dir = TRUE;
  g_ptr_array_add (section->aux, marker);
  return marker;
}

PackSection *
pack_build_agenda (PackBuild  *build,
                   JsonObject *spec,
                   GError    **error)
{
  g_autoptr(GPtrArray) ids = pack_str_array (spec, "session_ids");
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();
  g_autoptr(GTimeZone) event_zone = pack_zone_for (build, build->event, error);
  g_autofree char *dest = pack_build_next_dest (build, "section");
  gboolean descriptions = json_object_get_boolean_member_with_default (spec, "descriptions", TRUE);
  PackSection *section;
  gint current_day = -1;
  PackBlock *table = NULL;

  if (event_zone == NULL)
    return NULL;
  section = pack_section_new (pack_str (spec, "title") != NULL ? pack_str (spec, "title") : _("Programme"), dest);
  for (guint i = 0; i < build->sessions->len; i++)
    {
      JsonObject *s = g_ptr_array_index (build->sessions, i);

      if (ids == NULL || g_ptr_array_find_with_equal_func (ids, pack_str (s, "_id"), g_str_equal, NULL))
        g_ptr_array_add (sessions, s);
    }
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (caucus_pack_sources_lookup_typed (build->sources, ids->pdata[i], "event") == NULL)
      {
        g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                     _("The programme lists session “%s”, which is not in the workspace"),
                     (char *) ids->pdata[i]);
        pack_section_free (section);
        return NULL;
      }

  if (sessions->len == 0)
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No sessions have been scheduled for this event yet."));
      section->empty = TRUE;
      return section;
    }

  for (guint i = 0; i < sessions->len; i++)
    {
      JsonObject *session = g_ptr_array_index (sessions, i);
      g_autoptr(GDateTime) start = pack_parse_instant (pack_str (session, "start"));
      g_autoptr(GDateTime) end = pack_parse_instant (pack_str (session, "end"));
      g_autoptr(GTimeZone) zone = pack_zone_for (build, session, error);
      g_autoptr(GDateTime) day = NULL;
      const char *zone_id;
      PackText *cells[2];

      if (zone == NULL)
        {
          pack_section_free (section);
          return NULL;
        }
      if (start == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                       _("Session “%s” has no valid start time (expected an RFC 3339 instant)"),
                       pack_str (session, "title") ? pack_str (session, "title") : pack_str (session, "_id"));
          pack_section_free (section);
          return NULL;
        }
      zone_id = pack_str (session, "time_zone") ? pack_str (session, "time_zone") : pack_str (build->event, "time_zone");
      day = g_date_time_to_timezone (start, event_zone);
      if (day_number (day) != current_day)
        {
          g_autofree char *label = pack_format_date (build, day, "%A %-d %B %Y");
          PackBlock *heading = pack_add_plain (section->blocks, PACK_STYLE_DAY, label);

          heading->keep_with_next = TRUE;
          heading->dest = pack_build_next_dest (build, "day");
          pack_section_add_child (section, label, heading->dest);
          current_day = day_number (day);
          table = NULL;
        }
      cells[0] = pack_text_new (time_cell (build, session, zone, zone_id ? zone_id : "UTC", start, end), NULL);
      cells[1] = session_cell (build, session);
      if (descriptions && pack_str (session, "description") != NULL)
        {
          /* A session with a description is a block of its own: its row (kept with the first
           * lines that follow), the description, then the rule that closes the session, so
           * the bullets read as part of the session above them.  Sessions without one share
           * a table whose hairlines separate them. */
          g_autoptr(GPtrArray) desc = g_ptr_array_new ();

          pack_markdown_to_blocks (pack_str (session, "description"), desc,
                                   build->content_width * 0.25 + 4, 2);
          if (desc->len > 0)
            {
              PackBlock *marker = session_marker (section, session);
              PackBlock *own = pack_add_table (section->blocks, 2, FALSE);

              own->col_frac = g_new (double, 2);
              own->col_frac[0] = 0.25;
              own->col_frac[1] = 0.75;
              own->open_end = TRUE;
              own->keep_with_next = TRUE;
              pack_table_add_row_texts (own, cells);
              for (guint b = 0; b < desc->len; b++)
                {
                  PackBlock *block = g_ptr_array_index (desc, b);

                  block->continued = marker;
                  g_ptr_array_add (section->blocks, block);
                }
              g_ptr_array_add (section->blocks, pack_block_new (PACK_BLOCK_RULE, PACK_STYLE_BODY));
              table = NULL;    /* the next session starts a fresh row group */
              continue;
            }
        }
      if (table == NULL)
        {
          table = pack_add_table (section->blocks, 2, FALSE);
          table->col_frac = g_new (double, 2);
          table->col_frac[0] = 0.25;
          table->col_frac[1] = 0.75;
        }
      pack_table_add_row_texts (table, cells);
    }
  return section;
}

PackSection *
pack_build_deadlines (PackBuild  *build,
                      JsonObject *spec,
                      GError    **error)
{
  g_autoptr(GPtrArray) ids = pack_str_array (spec, "event_ids");
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (pack_str (spec, "title") ? pack_str (spec, "title") : _("Deadlines"), dest);
  PackBlock *table;

  if (ids != NULL)
    {
      items = g_ptr_array_new ();
      for (guint i = 0; i < ids->len; i++)
        {
          JsonObject *e = caucus_pack_sources_lookup_typed (build->sources, ids->pdata[i], "event");
          if (e == NULL)
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                           _("The deadlines section lists “%s”, which is not in the workspace"),
                           (char *) ids->pdata[i]);
              pack_section_free (section);
              return NULL;
            }
          g_ptr_array_add (items, e);
        }
    }
  else
    items = pack_event_children (build, "deadline", "milestone");

  if (items->len == 0)
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No deadlines are recorded for this event."));
      section->empty = TRUE;
      return section;
    }
  table = pack_add_table (section->blocks, 3, TRUE);
  table->col_frac = g_new (double, 3);
  table->col_frac[0] = 0.34; table->col_frac[1] = 0.44; table->col_frac[2] = 0.22;
  pack_table_add_row_headers (table, (const char *[]) { _("Due"), _("What"), _("Responsible") }, 3);
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);
      g_autoptr(GDateTime) due = pack_parse_instant (pack_str (item, "end") ? pack_str (item, "end") : pack_str (item, "start"));
      g_autoptr(GTimeZone) zone = pack_zone_for (build, item, error);
      g_autoptr(GPtrArray) owners = pack_str_array (item, "owner_ids");
      const char *zone_id = pack_str (item, "time_zone") ? pack_str (item, "time_zone") : pack_str (build->event, "time_zone");
      g_autoptr(GString) when = g_string_new (NULL);
      g_autoptr(GString) who = g_string_new (NULL);
      PackText *cells[3];
      PackMarkup m;

      if (zone == NULL)
        {
          pack_section_free (section);
          return NULL;
        }
      if (due != NULL)
        {
          g_autofree char *venue = pack_format_when (build, due, zone, zone_id ? zone_id : "UTC", TRUE);
          g_autofree char *escaped = g_markup_escape_text (venue, -1);

          g_string_append (when, escaped);
          if (build->home_zone != NULL && g_strcmp0 (build->home_zone_id, zone_id) != 0)
            {
              g_autofree char *home = pack_format_when (build, due, build->home_zone, build->home_zone_id, TRUE);
              g_autofree char *home_escaped = g_markup_escape_text (home, -1);

              g_string_append_printf (when, "\n<span foreground=\"#5b6573\">%s</span>", home_escaped);
            }
        }
      for (guint o = 0; owners != NULL && o < owners->len; o++)
        {
          g_autofree char *name = pack_org_name (build, owners->pdata[o]);
          g_autofree char *escaped = g_markup_escape_text (name != NULL ? name : "", -1);

          g_string_append_printf (who, "%s%s", o ? ", " : "", escaped);
        }
      pack_markup_init (&m);
      pack_markup_tag (&m, "<b>");
      pack_markup_text (&m, pack_str (item, "title"));
      pack_markup_tag (&m, "</b>");
      if (pack_str (item, "description") != NULL)
        {
          PackText *desc = pack_markdown_inline (pack_str (item, "description"));

          pack_markup_text (&m, "\n");
          for (guint l = 0; l < desc->links->len; l++)
            {
              PackLink *link = &g_array_index (desc->links, PackLink, l);
              pack_links_add (m.links, link->start + m.plain_len, link->end + m.plain_len, link->uri, link->dest);
            }
          g_string_append (m.markup, desc->markup);
          {
            /* plain length of the description: the same text without markup */
            g_autofree char *plain = NULL;
            if (pango_parse_markup (desc->markup, -1, 0, NULL, &plain, NULL, NULL))
              m.plain_len += strlen (plain);
          }
          pack_text_free (desc);
        }
      cells[0] = pack_text_new (g_string_free (g_steal_pointer (&when), FALSE), NULL);
      cells[1] = pack_markup_finish (&m);
      cells[2] = pack_text_new (g_string_free (g_steal_pointer (&who), FALSE), NULL);
      pack_table_add_row_texts (table, cells);
    }
  return section;
}
