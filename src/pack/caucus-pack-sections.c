/* caucus-pack-sections.c: turning the pack document and what it refers to into sections.
 *
 * The pack's `sections` array says which sections appear, in which order, and what goes in
 * each; a section is a string (its kind) or an object {kind, title, enabled, …selection}.
 * Without `sections` the pack gets every section in the order of DOMAIN.md.
 */
#include <glib/gi18n-lib.h>
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

/* A readable form of a document id that names nothing in the sources:
 * "person:steve-anderson" → "Steve Anderson".  A value that is not an id is returned as is. */
static char *
readable_id (const char *value)
{
  const char *colon = strchr (value, ':');
  GString *out;
  gboolean word_start = TRUE;

  if (colon == NULL || colon == value || colon[1] == '\0' || strchr (value, ' ') != NULL)
    return g_strdup (value);
  for (const char *p = value; p < colon; p++)
    if (!g_ascii_isalpha (*p) && *p != '-' && *p != '_')
      return g_strdup (value);
  out = g_string_new (NULL);
  for (const char *p = colon + 1; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '-' || c == '_' || c == ':' || c == '.')
        {
          if (!word_start)
            g_string_append_c (out, ' ');
          word_start = TRUE;
          continue;
        }
      g_string_append_unichar (out, word_start ? g_unichar_totitle (c) : c);
      word_start = FALSE;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    return (g_string_free (out, TRUE), g_strdup (value));
  return g_string_free (out, FALSE);
}

/* What to print for a value that may be a document id (a person, an organisation, any
 * titled document) or already a name: the document's name or title, else a readable form
 * of the id; never the raw id.  NULL for NULL or empty. */
char *
pack_display_name (PackBuild  *build,
                   const char *value)
{
  JsonObject *doc;

  if (value == NULL || *value == '\0')
    return NULL;
  doc = caucus_pack_sources_lookup (build->sources, value);
  if (doc != NULL)
    {
      static const char *members[] = { "name", "short_name", "title", "full_name" };

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        if (pack_str (doc, members[i]) != NULL && *pack_str (doc, members[i]) != '\0')
          return g_strdup (pack_str (doc, members[i]));
    }
  return readable_id (value);
}

char *
pack_org_name (PackBuild  *build,
               const char *org_id)
{
  JsonObject *org = caucus_pack_sources_lookup_typed (build->sources, org_id, "org");

  if (org == NULL)
    return pack_display_name (build, org_id);
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
  if (pack_str (role, "name") != NULL)
    return g_strdup (pack_str (role, "name"));
  return pack_display_name (build, pack_str (role, "person_id"));
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
                 _("“%s” has an unknown time zone “%s”"),
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

/* Introduction, papers, free text -------------------------------------------------------- */

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
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No background papers are attached to this pack."));
      section->empty = TRUE;
      return section;
    }
  table = pack_add_table (section->blocks, 3, TRUE);
  table->col_frac = g_new (double, 3);
  table->col_frac[0] = 0.45; table->col_frac[1] = 0.12; table->col_frac[2] = 0.43;
  pack_table_add_row_headers (table, (const char *[]) { _("Paper"), _("Pages"), _("Note") }, 3);

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
                       _("Background paper “%s” is not attached to briefing pack “%s”"),
                       name != NULL ? name : "(unnamed)", pack_id);
          pack_section_free (section);
          return NULL;
        }
      doc = poppler_document_new_from_bytes (bytes, NULL, &local_error);
      if (doc == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_ATTACHMENT,
                       _("Background paper “%s” is not a readable PDF (%s); attach it again or remove it"),
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
  { "introduction", N_("Introduction") },
  { "agenda", N_("Programme") },
  { "people", N_("People") },
  { "organisations", N_("Organisations") },
  { "statements", N_("Statements") },
  { "deadlines", N_("Deadlines") },
  { "background-papers", N_("Background papers") },
  { "free-text", N_("Notes") },
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

/* The pack's `selections` object ({"agenda": [ids], "people": [ids], …}) fills a section's
 * selection when the section itself does not carry one. */
static void
apply_selection (PackBuild  *build,
                 JsonObject *spec,
                 const char *kind)
{
  static const struct { const char *kind; const char *member; } members[] = {
    { "agenda", "session_ids" }, { "people", "person_ids" }, { "organisations", "org_ids" },
    { "statements", "items" }, { "deadlines", "event_ids" }, { "background-papers", "papers" },
  };
  JsonObject *selections = pack_obj (build->pack, "selections");

  if (selections == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node;

      if (strcmp (kind, members[i].kind) != 0 || json_object_has_member (spec, members[i].member) ||
          (strcmp (kind, "statements") == 0 && json_object_has_member (spec, "statement_ids")))
        continue;
      node = json_object_get_member (selections, kind);
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      if (strcmp (kind, "statements") == 0)
        {
          /* A list of ids, or of {statement_id, version_id, redline, annex} items. */
          JsonArray *array = json_node_get_array (node);
          gboolean ids = json_array_get_length (array) > 0 &&
                         JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0));

          json_object_set_member (spec, ids ? "statement_ids" : "items", json_node_copy (node));
        }
      else
        json_object_set_member (spec, members[i].member, json_node_copy (node));
    }
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

  gboolean explicit = json_object_has_member (build->pack, "sections") &&
                      JSON_NODE_HOLDS_ARRAY (json_object_get_member (build->pack, "sections"));
  guint first_built = sections->len;

  build->sessions = sessions;
  if (json_object_has_member (build->pack, "sections") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (build->pack, "sections")))
    {
      JsonArray *array = json_object_get_array_member (build->pack, "sections");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              /* A copy of the members (json_node_copy() shares the object): selections are
               * filled in below, and the document must stay as it is. */
              JsonObject *original = json_node_get_object (node);
              JsonObject *copy = json_object_new ();
              g_autoptr(GList) members = json_object_get_members (original);

              for (GList *l = members; l != NULL; l = l->next)
                json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (original, l->data)));
              g_ptr_array_add (specs, copy);
            }
          else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              JsonObject *o = json_object_new ();
              json_object_set_string_member (o, "kind", json_node_get_string (node));
              g_ptr_array_add (specs, o);
            }
          else
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                           _("Section %u of briefing pack “%s” is neither a name nor an object"),
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

  /* The model keeps the introduction as a field, not a section: it opens the pack unless
   * the sections place it. */
  {
    gboolean placed = FALSE;

    for (guint i = 0; i < specs->len; i++)
      {
        const char *k = pack_str (g_ptr_array_index (specs, i), "kind");
        g_autofree char *norm = k != NULL ? normalise_kind (k) : NULL;

        placed |= g_strcmp0 (norm, "introduction") == 0;
      }
    if (!placed && (pack_str (build->pack, "intro") != NULL))
      {
        JsonObject *o = json_object_new ();
        json_object_set_string_member (o, "kind", "introduction");
        g_ptr_array_insert (specs, 0, o);
      }
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
                       _("Section %u of briefing pack “%s” has no “kind”"), i + 1, pack_str (build->pack, "_id"));
          build->sessions = NULL;
          return FALSE;
        }
      kind = normalise_kind (raw_kind);
      for (guint k = 0; k < G_N_ELEMENTS (known_kinds); k++)
        if (strcmp (kind, known_kinds[k].kind) == 0)
          title = _(known_kinds[k].title);
      if (title == NULL)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                       _("Briefing pack “%s” has a section of unknown kind “%s” (expected introduction, "
                       "agenda, people, organisations, statements, deadlines, background-papers or free-text)"),
                       pack_str (build->pack, "_id"), raw_kind);
          build->sessions = NULL;
          return FALSE;
        }
      if (pack_str (spec, "title") != NULL)
        title = pack_str (spec, "title");
      apply_selection (build, spec, kind);

      if (strcmp (kind, "introduction") == 0)
        section = build_introduction (build, spec, title);
      else if (strcmp (kind, "agenda") == 0)
        section = pack_build_agenda (build, spec, &local_error);
      else if (strcmp (kind, "people") == 0)
        section = pack_build_people (build, spec, title, people, &local_error);
      else if (strcmp (kind, "organisations") == 0)
        section = pack_build_organisations (build, spec, title, people, &local_error);
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

  /* Sections the pack did not ask for (a pack without `sections` gets every kind) are left
   * out when they have nothing to show, unless that would leave the pack with nothing at all:
   * then their sentences say what is missing.  Sections the pack lists keep their sentence. */
  if (!explicit)
    {
      gboolean any = FALSE;

      for (guint i = first_built; i < sections->len; i++)
        any |= !((PackSection *) g_ptr_array_index (sections, i))->empty;
      for (guint i = sections->len; any && i > first_built; i--)
        if (((PackSection *) g_ptr_array_index (sections, i - 1))->empty)
          g_ptr_array_remove_index (sections, i - 1);
    }
  return TRUE;
}

void
pack_build_free_indexes (PackBuild *build)
{
  g_clear_pointer (&build->indexes, g_hash_table_unref);
  g_clear_pointer (&build->roles_by_person, g_hash_table_unref);
}
