/* caucus-pack-sections.c: turning the pack document and what it refers to into sections.
 *
 * The pack's `sections` array says which sections appear, in which order, and what goes in
 * each; a section is a string (its kind) or an object {kind, title, enabled, …selection}.
 * Without `sections` the pack gets every section in the order of DOMAIN.md.
 */
#include "caucus-pack-private.h"
#include "caucus-pack-error.h"

#include <string.h>

const char *
pack_str (JsonObject *doc,
          const char *member)
{
  JsonNode *node;

  if (doc == NULL || !json_object_has_member (doc, member))
    return NULL;
  node = json_object_get_member (doc, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  if (json_node_get_string (node) == NULL || *json_node_get_string (node) == '\0')
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
pack_obj (JsonObject *doc,
          const char *member)
{
  if (doc == NULL || !json_object_has_member (doc, member) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (doc, member)))
    return NULL;
  return json_object_get_object_member (doc, member);
}

/* The strings of an array member (borrowed), or NULL when the member is absent. */
GPtrArray *
pack_str_array (JsonObject *doc,
                const char *member)
{
  JsonArray *array;
  GPtrArray *out;

  if (doc == NULL || !json_object_has_member (doc, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (doc, member)))
    return NULL;
  array = json_object_get_array_member (doc, member);
  out = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (out, (gpointer) json_node_get_string (node));
    }
  return out;
}

GDateTime *
pack_parse_instant (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

char *
pack_build_next_dest (PackBuild  *build,
                      const char *prefix)
{
  return g_strdup_printf ("%s-%u", prefix, ++build->dest_serial);
}

/* Dates follow the requested locale (LC_TIME only) without touching the process locale. */
char *
pack_format_date (PackBuild  *build,
                  GDateTime  *dt,
                  const char *format)
{
  locale_t old = (locale_t) 0;
  char *out;

  if (build != NULL && build->locale != (locale_t) 0)
    old = uselocale (build->locale);
  out = g_date_time_format (dt, format);
  if (old != (locale_t) 0)
    uselocale (old);
  return out;
}

char *
pack_org_name (PackBuild  *build,
               const char *org_id)
{
  JsonObject *org = caucus_pack_sources_lookup_typed (build->sources, org_id, "org");

  if (org == NULL)
    return NULL;
  return g_strdup (pack_str (org, "name") != NULL ? pack_str (org, "name") : pack_str (org, "short_name"));
}

/* A role names a person by id or by name (imported programmes often only have names). */
char *
pack_person_name (PackBuild  *build,
                  JsonObject *role)
{
  JsonObject *person = caucus_pack_sources_lookup_typed (build->sources, pack_str (role, "person_id"),
                                                         "person");

  if (person != NULL && pack_str (person, "name") != NULL)
    return g_strdup (pack_str (person, "name"));
  return g_strdup (pack_str (role, "name"));
}

/* Documents of @type whose string @member equals @value (borrowed array, insertion order).
 * Each (type, member) pair is indexed once, so large packs stay linear. */
GPtrArray *
pack_docs_where (PackBuild  *build,
                 const char *type,
                 const char *member,
                 const char *value)
{
  g_autofree char *key = g_strconcat (type, "\n", member, NULL);
  GHashTable *index;
  GPtrArray *found;

  if (build->indexes == NULL)
    build->indexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_hash_table_unref);
  index = g_hash_table_lookup (build->indexes, key);
  if (index == NULL)
    {
      g_autoptr(GPtrArray) all = caucus_pack_sources_list_type (build->sources, type);

      index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < all->len; i++)
        {
          const char *v = pack_str (g_ptr_array_index (all, i), member);
          GPtrArray *list;

          if (v == NULL)
            continue;
          list = g_hash_table_lookup (index, v);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (index, (gpointer) v, list);
            }
          g_ptr_array_add (list, g_ptr_array_index (all, i));
        }
      g_hash_table_insert (build->indexes, g_steal_pointer (&key), index);
    }
  found = value != NULL ? g_hash_table_lookup (index, value) : NULL;
  if (found == NULL)
    {
      static GPtrArray *empty;

      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, g_ptr_array_new ());
      return empty;
    }
  return found;
}

static gint
compare_start (gconstpointer a,
               gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  gint c = g_strcmp0 (pack_str (x, "start"), pack_str (y, "start"));

  return c != 0 ? c : g_strcmp0 (pack_str (x, "title"), pack_str (y, "title"));
}

/* Children of the pack's event of one or two kinds, by start time.  Instants are compared
 * as text after normalising to UTC so mixed offsets sort correctly. */
GPtrArray *
pack_event_children (PackBuild  *build,
                     const char *kind1,
                     const char *kind2)
{
  GPtrArray *events = pack_docs_where (build, "event", "parent_id", pack_str (build->event, "_id"));
  const char *event_id = pack_str (build->event, "_id");
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *e = g_ptr_array_index (events, i);
      const char *kind = pack_str (e, "kind");

      if (g_strcmp0 (pack_str (e, "parent_id"), event_id) == 0 &&
          (g_strcmp0 (kind, kind1) == 0 || (kind2 != NULL && g_strcmp0 (kind, kind2) == 0)))
        g_ptr_array_add (out, e);
    }
  g_ptr_array_sort (out, compare_start);
  return out;
}

GTimeZone *
pack_zone_for (PackBuild  *build,
               JsonObject *item,
               GError    **error)
{
  const char *id = pack_str (item, "time_zone");
  GTimeZone *zone;

  if (id == NULL)
    id = pack_str (build->event, "time_zone");
  if (id == NULL)
    return g_time_zone_new_utc ();
  zone = g_time_zone_new_identifier (id);
  if (zone == NULL)
    g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_TIME_ZONE,
                 "“%s” has an unknown time zone “%s”",
                 pack_str (item, "title") != NULL ? pack_str (item, "title") : pack_str (item, "_id"), id);
  return zone;
}

/* "Fri 1 Nov 2024, 23:59 Europe/Geneva (UTC+01:00)" */
char *
pack_format_when (PackBuild  *build,
                  GDateTime  *utc,
                  GTimeZone  *zone,
                  const char *zone_id,
                  gboolean    with_date)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *when = pack_format_date (build, local, with_date ? "%a %-d %b %Y, %H:%M" : "%H:%M");
  g_autofree char *offset = g_date_time_format (local, "UTC%:z");

  return g_strdup_printf ("%s %s (%s)", when, zone_id, offset);
}

/* Introduction, people, organisations, papers, free text ------------------------------ */

static PackSection *
build_introduction (PackBuild  *build,
                    JsonObject *spec,
                    const char *title)
{
  const char *intro = pack_str (build->pack, "intro");
  PackSection *section;
  g_autofree char *dest = pack_build_next_dest (build, "section");

  if (intro == NULL)
    intro = pack_str (build->event, "description");
  if (intro == NULL)
    return NULL;
  section = pack_section_new (title, dest);
  pack_markdown_to_blocks (intro, section->blocks, 0, 0);
  return section;
}

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  if (id != NULL && !g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
    g_ptr_array_add (ids, (gpointer) id);
}

typedef struct
{
  char       *key;
  JsonObject *doc;
} Keyed;

static gint
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Keyed *) a)->key, ((const Keyed *) b)->key);
}

/* Sorts documents by name with collation keys computed once each, not per comparison. */
static void
sort_by_name (GPtrArray *docs)
{
  g_autofree Keyed *keyed = g_new (Keyed, MAX (docs->len, 1));

  for (guint i = 0; i < docs->len; i++)
    {
      const char *name = pack_str (g_ptr_array_index (docs, i), "name");

      keyed[i].key = g_utf8_collate_key (name != NULL ? name : "", -1);
      keyed[i].doc = g_ptr_array_index (docs, i);
    }
  qsort (keyed, docs->len, sizeof (Keyed), compare_keyed);
  for (guint i = 0; i < docs->len; i++)
    {
      docs->pdata[i] = keyed[i].doc;
      g_free (keyed[i].key);
    }
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "speaker") == 0) return "Speaker";
  if (g_strcmp0 (role, "moderator") == 0) return "Moderator";
  if (g_strcmp0 (role, "online-moderator") == 0) return "Online moderator";
  if (g_strcmp0 (role, "rapporteur") == 0) return "Rapporteur";
  if (g_strcmp0 (role, "organiser") == 0) return "Organiser";
  return role != NULL ? role : "Participant";
}

static JsonArray *
roles_of (JsonObject *event)
{
  if (!json_object_has_member (event, "roles") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (event, "roles")))
    return NULL;
  return json_object_get_array_member (event, "roles");
}

static void
pack_gstring_free (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Everyone named in a role of the event or one of its sessions, in programme order. */
static GPtrArray *
default_person_ids (PackBuild *build)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i <= build->sessions->len; i++)
    {
      JsonObject *e = i == 0 ? build->event : g_ptr_array_index (build->sessions, i - 1);
      JsonArray *roles = roles_of (e);

      for (guint r = 0; roles != NULL && r < json_array_get_length (roles); r++)
        {
          JsonNode *node = json_array_get_element (roles, r);
          if (JSON_NODE_HOLDS_OBJECT (node))
            add_unique (ids, pack_str (json_node_get_object (node), "person_id"));
        }
    }
  return ids;
}

static PackSection *
build_people (PackBuild  *build,
              JsonObject *spec,
              const char *title,
              GPtrArray  *people_out,
              GError    **error)
{
  g_autoptr(GPtrArray) ids = pack_str_array (spec, "person_ids");
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (title, dest);

  if (ids == NULL)
    ids = default_person_ids (build);
  if (build->roles_by_person == NULL)
    {
      build->roles_by_person = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) pack_gstring_free);
      for (guint s = 0; s <= build->sessions->len; s++)
        {
          JsonObject *e = s == 0 ? build->event : g_ptr_array_index (build->sessions, s - 1);
          JsonArray *rl = roles_of (e);

          for (guint r = 0; rl != NULL && r < json_array_get_length (rl); r++)
            {
              JsonNode *node = json_array_get_element (rl, r);
              const char *pid;
              GString *line;

              if (!JSON_NODE_HOLDS_OBJECT (node) || (pid = pack_str (json_node_get_object (node), "person_id")) == NULL)
                continue;
              line = g_hash_table_lookup (build->roles_by_person, pid);
              if (line == NULL)
                {
                  line = g_string_new (NULL);
                  g_hash_table_insert (build->roles_by_person, (gpointer) pid, line);
                }
              g_string_append_printf (line, "%s%s — \u2068%s\u2069", line->len ? "; " : "",
                                      role_label (pack_str (json_node_get_object (node), "role")),
                                      pack_str (e, "title") ? pack_str (e, "title") : "");
            }
        }
    }
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *person = caucus_pack_sources_lookup_typed (build->sources, ids->pdata[i], "person");

      if (person == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                       "The people section lists “%s”, who is not in the workspace",
                       (char *) ids->pdata[i]);
          pack_section_free (section);
          return NULL;
        }
      g_ptr_array_add (people, person);
      if (people_out != NULL)
        g_ptr_array_add (people_out, person);
    }
  sort_by_name (people);

  if (people->len == 0)
    pack_add_plain (section->blocks, PACK_STYLE_BODY, "No speakers or delegates are listed for this event yet.");
  for (guint i = 0; i < people->len; i++)
    {
      JsonObject *person = g_ptr_array_index (people, i);
      const char *id = pack_str (person, "_id");
      g_autofree char *org = pack_org_name (build, pack_str (person, "org_id"));
      GString *roles;
      g_autoptr(GPtrArray) languages = pack_str_array (person, "languages");
      g_autofree char *langs = NULL;
      g_autofree char *meta = NULL;
      PackBlock *name;

      if (languages != NULL && languages->len > 0)
        {
          g_ptr_array_add (languages, NULL);
          langs = g_strjoinv (", ", (char **) languages->pdata);
        }
      name = pack_add_plain (section->blocks, PACK_STYLE_H3, pack_str (person, "name"));
      name->keep_with_next = TRUE;
      {
        GString *m = g_string_new (NULL);
        const char *parts[] = { pack_str (person, "title"), org, pack_str (person, "country"),
                                pack_str (person, "regional_group"), langs };

        for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
          if (parts[p] != NULL)
            g_string_append_printf (m, "%s\u2068%s\u2069", m->len ? " · " : "", parts[p]);
        meta = g_string_free (m, FALSE);
      }
      if (*meta != '\0')
        pack_add_plain (section->blocks, PACK_STYLE_META, meta)->keep_with_next = TRUE;
      roles = g_hash_table_lookup (build->roles_by_person, id);
      if (roles != NULL && roles->len > 0)
        pack_add_plain (section->blocks, PACK_STYLE_META, roles->str);
      pack_markdown_to_blocks (pack_str (person, "bio"), section->blocks, 0, 3);
    }
  return section;
}

static PackSection *
build_organisations (PackBuild  *build,
                     JsonObject *spec,
                     const char *title,
                     GPtrArray  *people,
                     GError    **error)
{
  g_autoptr(GPtrArray) ids = pack_str_array (spec, "org_ids");
  g_autoptr(GPtrArray) orgs = g_ptr_array_new ();
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (title, dest);

  if (ids == NULL)
    {
      g_autoptr(GPtrArray) owners = pack_str_array (build->event, "owner_ids");

      g_autoptr(GPtrArray) person_ids = default_person_ids (build);

      ids = g_ptr_array_new ();
      for (guint i = 0; i < people->len; i++)
        add_unique (ids, pack_str (g_ptr_array_index (people, i), "org_id"));
      for (guint i = 0; i < person_ids->len; i++)
        add_unique (ids, pack_str (caucus_pack_sources_lookup_typed (build->sources, person_ids->pdata[i], "person"),
                                   "org_id"));
      for (guint i = 0; owners != NULL && i < owners->len; i++)
        add_unique (ids, owners->pdata[i]);
    }
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *org = caucus_pack_sources_lookup_typed (build->sources, ids->pdata[i], "org");

      if (org == NULL)
        {
          /* A person's organisation may simply not be in the directory; an explicit
           * selection naming a missing organisation is an error. */
          if (!json_object_has_member (spec, "org_ids"))
            continue;
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                       "The organisations section lists “%s”, which is not in the workspace",
                       (char *) ids->pdata[i]);
          pack_section_free (section);
          return NULL;
        }
      g_ptr_array_add (orgs, org);
    }
  sort_by_name (orgs);
  if (orgs->len == 0)
    pack_add_plain (section->blocks, PACK_STYLE_BODY, "No organisations are listed for this event yet.");

  for (guint i = 0; i < orgs->len; i++)
    {
      JsonObject *org = g_ptr_array_index (orgs, i);
      g_autoptr(GPtrArray) countries = pack_str_array (org, "countries");
      g_autoptr(GPtrArray) expertise = pack_str_array (org, "expertise");
      g_autoptr(GString) meta = g_string_new (NULL);
      g_autofree char *heading = NULL;
      PackMarkup m;

      heading = pack_str (org, "short_name") != NULL && g_strcmp0 (pack_str (org, "short_name"), pack_str (org, "name")) != 0
                ? g_strdup_printf ("%s (%s)", pack_str (org, "name"), pack_str (org, "short_name"))
                : g_strdup (pack_str (org, "name"));
      pack_add_plain (section->blocks, PACK_STYLE_H3, heading)->keep_with_next = TRUE;

      if (pack_str (org, "kind") != NULL)
        g_string_append (meta, pack_str (org, "kind"));
      if (pack_str (org, "regional_group") != NULL)
        g_string_append_printf (meta, "%s%s", meta->len ? " · " : "", pack_str (org, "regional_group"));
      for (guint c = 0; countries != NULL && c < countries->len; c++)
        g_string_append_printf (meta, "%s%s", c == 0 ? (meta->len ? " · " : "") : ", ",
                                (char *) countries->pdata[c]);
      pack_markup_init (&m);
      pack_markup_text (&m, meta->str);
      if (pack_str (org, "website") != NULL)
        {
          pack_markup_text (&m, m.plain_len ? " · " : "");
          pack_markup_link (&m, pack_str (org, "website"), pack_str (org, "website"));
        }
      if (pack_str (org, "email") != NULL)
        {
          g_autofree char *mailto = g_strconcat ("mailto:", pack_str (org, "email"), NULL);
          pack_markup_text (&m, m.plain_len ? " · " : "");
          pack_markup_link (&m, pack_str (org, "email"), mailto);
        }
      if (m.plain_len > 0)
        {
          PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_META);
          block->text = pack_markup_finish (&m);
          g_ptr_array_add (section->blocks, block);
        }
      else
        pack_markup_clear (&m);
      if (expertise != NULL && expertise->len > 0)
        {
          g_autofree char *line = NULL;
          g_ptr_array_add (expertise, NULL);
          line = g_strjoinv (", ", (char **) expertise->pdata);
          {
            g_autofree char *full = g_strconcat ("Expertise: ", line, NULL);
            pack_add_plain (section->blocks, PACK_STYLE_SMALL, full);
          }
        }
      if (json_object_has_member (org, "accreditations") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (org, "accreditations")))
        {
          JsonArray *acc = json_object_get_array_member (org, "accreditations");
          g_autoptr(GString) line = g_string_new ("Accreditations: ");
          guint n = 0;

          for (guint a = 0; a < json_array_get_length (acc); a++)
            {
              JsonNode *node = json_array_get_element (acc, a);
              JsonObject *o;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                continue;
              o = json_node_get_object (node);
              g_string_append_printf (line, "%s%s", n++ ? "; " : "", pack_str (o, "body") ? pack_str (o, "body") : "?");
              if (pack_str (o, "status") != NULL)
                g_string_append_printf (line, " (%s%s%s)", pack_str (o, "status"),
                                        pack_str (o, "since") ? ", since " : "",
                                        pack_str (o, "since") ? pack_str (o, "since") : "");
            }
          if (n > 0)
            pack_add_plain (section->blocks, PACK_STYLE_SMALL, line->str);
        }
    }
  return section;
}

static PackSection *
build_papers (PackBuild  *build,
              JsonObject *spec,
              const char *title,
              GError    **error)
{
  const char *pack_id = pack_str (build->pack, "_id");
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (title, dest);
  g_autoptr(GPtrArray) papers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  PackBlock *table = NULL;

  if (json_object_has_member (spec, "papers") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (spec, "papers")))
    {
      JsonArray *array = json_object_get_array_member (spec, "papers");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (papers, json_object_ref (json_node_get_object (node)));
          else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              JsonObject *o = json_object_new ();
              json_object_set_string_member (o, "attachment", json_node_get_string (node));
              g_ptr_array_add (papers, o);
            }
        }
    }
  else if (json_object_has_member (build->pack, "_attachments") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (build->pack, "_attachments")))
    {
      JsonObject *atts = json_object_get_object_member (build->pack, "_attachments");
      g_autoptr(GList) names = json_object_get_members (atts);

      names = g_list_sort (names, (GCompareFunc) g_strcmp0);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *o = json_object_new ();
          json_object_set_string_member (o, "attachment", l->data);
          g_ptr_array_add (papers, o);
        }
    }

  if (papers->len == 0)
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, "No background papers are attached to this pack.");
      return section;
    }
  table = pack_add_table (section->blocks, 3, TRUE);
  table->col_frac = g_new (double, 3);
  table->col_frac[0] = 0.45; table->col_frac[1] = 0.12; table->col_frac[2] = 0.43;
  pack_table_add_row (table, (const char *[]) { "<b>Paper</b>", "<b>Pages</b>", "<b>Note</b>" });

  for (guint i = 0; i < papers->len; i++)
    {
      JsonObject *paper = g_ptr_array_index (papers, i);
      const char *name = pack_str (paper, "attachment");
      const char *paper_title = pack_str (paper, "title") != NULL ? pack_str (paper, "title") : name;
      GBytes *bytes = caucus_pack_sources_lookup_attachment (build->sources, pack_id, name);
      g_autoptr(GError) local_error = NULL;
      PopplerDocument *doc = NULL;
      g_autofree char *paper_dest = NULL;
      g_autofree char *running = NULL;
      g_autofree char *pages = NULL;
      int n_pages;

      if (name == NULL || bytes == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                       "Background paper “%s” is not attached to briefing pack “%s”",
                       name != NULL ? name : "(unnamed)", pack_id);
          pack_section_free (section);
          return NULL;
        }
      doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
      if (doc == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_ATTACHMENT,
                       "Background paper “%s” is not a readable PDF (%s); attach it again or remove it",
                       name, local_error->message);
          pack_section_free (section);
          return NULL;
        }
      g_ptr_array_add (build->papers, doc);   /* keeps the pages' document alive */
      n_pages = poppler_document_get_n_pages (doc);
      pages = g_strdup_printf ("%d", n_pages);
      {
        g_autofree char *t = g_markup_escape_text (paper_title, -1);
        g_autofree char *n = g_markup_escape_text (pack_str (paper, "note") ? pack_str (paper, "note") : "", -1);
        pack_table_add_row (table, (const char *[]) { t, pages, n });
      }
      paper_dest = pack_build_next_dest (build, "paper");
      running = g_strdup_printf ("%s · %s", title, paper_title);
      pack_section_add_child (section, paper_title, paper_dest);
      for (int p = 0; p < n_pages; p++)
        {
          PackBlock *block = pack_block_new (PACK_BLOCK_PDF_PAGE, PACK_STYLE_BODY);

          block->pdf_page = poppler_document_get_page (doc, p);
          if (p == 0)
            {
              block->dest = g_strdup (paper_dest);
              block->running_title = g_strdup (running);
            }
          g_ptr_array_add (section->blocks, block);
        }
    }
  return section;
}

static PackSection *
build_free_text (PackBuild  *build,
                 JsonObject *spec,
                 const char *title)
{
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (title, dest);

  pack_markdown_to_blocks (pack_str (spec, "body"), section->blocks, 0, 0);
  return section;
}

/* Dispatch ------------------------------------------------------------------------------ */

static const struct { const char *kind; const char *title; } known_kinds[] = {
  { "introduction", "Introduction" },
  { "agenda", "Programme" },
  { "people", "People" },
  { "organisations", "Organisations" },
  { "statements", "Statements" },
  { "deadlines", "Deadlines" },
  { "background-papers", "Background papers" },
  { "free-text", "Notes" },
};

static char *
normalise_kind (const char *kind)
{
  char *k = g_ascii_strdown (kind, -1);

  g_strdelimit (k, "_ ", '-');
  if (strcmp (k, "organizations") == 0 || strcmp (k, "orgs") == 0)
    return (g_free (k), g_strdup ("organisations"));
  if (strcmp (k, "papers") == 0)
    return (g_free (k), g_strdup ("background-papers"));
  if (strcmp (k, "intro") == 0)
    return (g_free (k), g_strdup ("introduction"));
  if (strcmp (k, "programme") == 0 || strcmp (k, "program") == 0)
    return (g_free (k), g_strdup ("agenda"));
  if (strcmp (k, "text") == 0)
    return (g_free (k), g_strdup ("free-text"));
  return k;
}

gboolean
pack_build_sections (PackBuild    *build,
                     GPtrArray    *sections,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autoptr(GPtrArray) sessions = pack_event_children (build, "session", NULL);

  build->sessions = sessions;
  if (json_object_has_member (build->pack, "sections") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (build->pack, "sections")))
    {
      JsonArray *array = json_object_get_array_member (build->pack, "sections");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            g_ptr_array_add (specs, json_object_ref (json_node_get_object (node)));
          else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              JsonObject *o = json_object_new ();
              json_object_set_string_member (o, "kind", json_node_get_string (node));
              g_ptr_array_add (specs, o);
            }
          else
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                           "Section %u of briefing pack “%s” is neither a name nor an object",
                           i + 1, pack_str (build->pack, "_id"));
              build->sessions = NULL;
              return FALSE;
            }
        }
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (known_kinds) - 1; i++)
      {
        JsonObject *o = json_object_new ();
        json_object_set_string_member (o, "kind", known_kinds[i].kind);
        g_ptr_array_add (specs, o);
      }

  for (guint i = 0; i < specs->len; i++)
    {
      JsonObject *spec = g_ptr_array_index (specs, i);
      const char *raw_kind = pack_str (spec, "kind") != NULL ? pack_str (spec, "kind") : pack_str (spec, "type");
      g_autofree char *kind = NULL;
      const char *title = NULL;
      PackSection *section = NULL;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          build->sessions = NULL;
          return FALSE;
        }
      if (json_object_has_member (spec, "enabled") && !json_object_get_boolean_member (spec, "enabled"))
        continue;
      if (raw_kind == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                       "Section %u of briefing pack “%s” has no “kind”", i + 1, pack_str (build->pack, "_id"));
          build->sessions = NULL;
          return FALSE;
        }
      kind = normalise_kind (raw_kind);
      for (guint k = 0; k < G_N_ELEMENTS (known_kinds); k++)
        if (strcmp (kind, known_kinds[k].kind) == 0)
          title = known_kinds[k].title;
      if (title == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                       "Briefing pack “%s” has a section of unknown kind “%s” (expected introduction, "
                       "agenda, people, organisations, statements, deadlines, background-papers or free-text)",
                       pack_str (build->pack, "_id"), raw_kind);
          build->sessions = NULL;
          return FALSE;
        }
      if (pack_str (spec, "title") != NULL)
        title = pack_str (spec, "title");

      if (strcmp (kind, "introduction") == 0)
        section = build_introduction (build, spec, title);
      else if (strcmp (kind, "agenda") == 0)
        section = pack_build_agenda (build, spec, &local_error);
      else if (strcmp (kind, "people") == 0)
        section = build_people (build, spec, title, people, &local_error);
      else if (strcmp (kind, "organisations") == 0)
        section = build_organisations (build, spec, title, people, &local_error);
      else if (strcmp (kind, "statements") == 0)
        section = pack_build_statements (build, spec, &local_error);
      else if (strcmp (kind, "deadlines") == 0)
        section = pack_build_deadlines (build, spec, &local_error);
      else if (strcmp (kind, "background-papers") == 0)
        section = build_papers (build, spec, title, &local_error);
      else
        section = build_free_text (build, spec, title);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          build->sessions = NULL;
          return FALSE;
        }
      if (section == NULL)
        continue;
      if (pack_str (spec, "title") != NULL)
        {
          g_free (section->title);
          section->title = g_strdup (title);
        }
      g_ptr_array_add (sections, section);
    }
  build->sessions = NULL;
  return TRUE;
}

void
pack_build_free_indexes (PackBuild *build)
{
  g_clear_pointer (&build->indexes, g_hash_table_unref);
  g_clear_pointer (&build->roles_by_person, g_hash_table_unref);
}
