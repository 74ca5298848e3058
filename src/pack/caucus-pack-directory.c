/* caucus-pack-directory.c: the people and organisations sections — who speaks, moderates
 * and reports in the programme, with their organisations, roles and bios. */
#include <glib/gi18n-lib.h>
#include "caucus-pack-private.h"
#include "caucus-pack-error.h"

#include <string.h>

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
  if (g_strcmp0 (role, "moderator") == 0) return _("Moderator");
  if (g_strcmp0 (role, "online-moderator") == 0) return _("Online moderator");
  if (g_strcmp0 (role, "rapporteur") == 0) return _("Rapporteur");
  if (g_strcmp0 (role, "organiser") == 0) return "Organiser";
  return role != NULL ? role : _("Participant");
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

PackSection *
pack_build_people (PackBuild  *build,
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
                       _("The people section lists “%s”, who is not in the workspace"),
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
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No speakers or delegates are listed for this event yet."));
      section->empty = TRUE;
    }
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
      name->text->fixed_dir = TRUE;     /* an entry of a list: set in the document's direction */
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
        {
          PackBlock *line = pack_add_plain (section->blocks, PACK_STYLE_META, meta);

          line->keep_with_next = TRUE;
          line->text->fixed_dir = TRUE;
        }
      roles = g_hash_table_lookup (build->roles_by_person, id);
      if (roles != NULL && roles->len > 0)
        pack_add_plain (section->blocks, PACK_STYLE_META, roles->str)->text->fixed_dir = TRUE;
      pack_markdown_to_blocks (pack_str (person, "bio"), section->blocks, 0, 3);
    }
  return section;
}

PackSection *
pack_build_organisations (PackBuild  *build,
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
                       _("The organisations section lists “%s”, which is not in the workspace"),
                       (char *) ids->pdata[i]);
          pack_section_free (section);
          return NULL;
        }
      g_ptr_array_add (orgs, org);
    }
  sort_by_name (orgs);
  if (orgs->len == 0)
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No organisations are listed for this event yet."));
      section->empty = TRUE;
    }

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
      {
        PackBlock *entry = pack_add_plain (section->blocks, PACK_STYLE_H3, heading);

        entry->keep_with_next = TRUE;
        entry->text->fixed_dir = TRUE;   /* an entry of a list: set in the document's direction */
      }

      if (pack_str (org, "kind") != NULL)
        g_string_append_printf (meta, PACK_FSI "%s" PACK_PDI, pack_str (org, "kind"));
      if (pack_str (org, "regional_group") != NULL)
        g_string_append_printf (meta, "%s" PACK_FSI "%s" PACK_PDI, meta->len ? " · " : "",
                                pack_str (org, "regional_group"));
      /* Each part isolated: in a right-to-left pack the parts follow one another right
       * to left and each keeps its own order (a web address stays whole). */
      for (guint c = 0; countries != NULL && c < countries->len; c++)
        g_string_append_printf (meta, "%s%s%s", c == 0 ? (meta->len ? " · " PACK_FSI : PACK_FSI) : ", ",
                                (char *) countries->pdata[c], c + 1 == countries->len ? PACK_PDI : "");
      pack_markup_init (&m);
      pack_markup_text (&m, meta->str);
      if (pack_str (org, "website") != NULL)
        {
          pack_markup_text (&m, m.plain_len ? " · " PACK_FSI : PACK_FSI);
          pack_markup_link (&m, pack_str (org, "website"), pack_str (org, "website"));
          pack_markup_text (&m, PACK_PDI);
        }
      if (pack_str (org, "email") != NULL)
        {
          g_autofree char *mailto = g_strconcat ("mailto:", pack_str (org, "email"), NULL);
          pack_markup_text (&m, m.plain_len ? " · " PACK_FSI : PACK_FSI);
          pack_markup_link (&m, pack_str (org, "email"), mailto);
          pack_markup_text (&m, PACK_PDI);
        }
      if (m.plain_len > 0)
        {
          PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_META);
          block->text = pack_markup_finish (&m);
          block->text->fixed_dir = TRUE;   /* a line of the entry: set in the document's direction */
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
            g_autofree char *full = g_strconcat (_("Expertise: "), line, NULL);
            pack_add_plain (section->blocks, PACK_STYLE_SMALL, full);
          }
        }
      if (json_object_has_member (org, "accreditations") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (org, "accreditations")))
        {
          JsonArray *acc = json_object_get_array_member (org, "accreditations");
          g_autoptr(GString) line = g_string_new (_("Accreditations: "));
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
