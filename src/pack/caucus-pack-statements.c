/* caucus-pack-statements.c: statements with their text, an optional redline since the
 * previous version, and the signatory annex. */
#include <glib/gi18n-lib.h>
#include "caucus-pack-private.h"
#include "caucus-pack-diff.h"
#include "caucus-pack-error.h"

#include <string.h>

static gint
compare_created (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (pack_str (*(JsonObject **) a, "created"), pack_str (*(JsonObject **) b, "created"));
}

static GPtrArray *
versions_of (PackBuild  *build,
             const char *statement_id)
{
  GPtrArray *all = pack_docs_where (build, "statement-version", "statement_id", statement_id);
  GPtrArray *out = g_ptr_array_copy (all, NULL, NULL);

  g_ptr_array_sort (out, compare_created);
  return out;
}

/* A list marker ("• ", "◦ ", "▪ ", "12. ") at the start of a redline paragraph: returned,
 * and @text moved past it, so the paragraph can be set as the list item it was. */
static char *
take_marker (const char **text,
             double      *indent)
{
  static const char *bullets[] = { "• ", "◦ ", "▪ " };
  const char *p = *text;

  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    if (g_str_has_prefix (p, bullets[i]))
      {
        *text = p + strlen (bullets[i]);
        *indent = 18 * (i + 1);
        return g_strndup (p, strlen (bullets[i]) - 1);
      }
  while (g_ascii_isdigit (*p))
    p++;
  if (p > *text && p - *text < 6 && (p[0] == '.' || p[0] == ')') && p[1] == ' ')
    {
      char *marker = g_strndup (*text, p + 1 - *text);

      *text = p + 2;
      *indent = 18;
      return marker;
    }
  return NULL;
}

static void
push_redline_block (GPtrArray  *blocks,
                    PackMarkup *m,
                    char      **marker,
                    double      indent)
{
  PackBlock *block;

  if (m->plain_len == 0 && *marker == NULL)
    {
      pack_markup_clear (m);
      pack_markup_init (m);
      return;
    }
  block = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_BODY);
  block->text = pack_markup_finish (m);
  block->marker = g_steal_pointer (marker);
  block->indent = block->marker != NULL ? indent : 0;
  g_ptr_array_add (blocks, block);
  pack_markup_init (m);
}

/* The redline is computed on the blocks' plain text (caucus-pack-diff.c); paragraphs and
 * list items keep their shape, inline formatting is not shown inside a redline. */
static void
add_redline (GPtrArray  *blocks,
             const char *old_body,
             const char *new_body)
{
  g_autofree char *old_plain = pack_markdown_to_plain_paragraphs (old_body);
  g_autofree char *new_plain = pack_markdown_to_plain_paragraphs (new_body);
  g_autoptr(GPtrArray) chunks = caucus_pack_diff_words (old_plain, new_plain);
  g_autofree char *marker = NULL;
  double indent = 0;
  PackMarkup m;

  pack_markup_init (&m);
  for (guint i = 0; i < chunks->len; i++)
    {
      CaucusDiffChunk *chunk = g_ptr_array_index (chunks, i);
      g_auto(GStrv) paragraphs = g_strsplit (chunk->text, "\n\n", -1);

      for (guint p = 0; paragraphs[p] != NULL; p++)
        {
          const char *text = paragraphs[p];

          if (p > 0)
            push_redline_block (blocks, &m, &marker, indent);
          if (*text == '\0')
            continue;
          if (m.plain_len == 0 && marker == NULL)
            {
              marker = take_marker (&text, &indent);
              if (*text == '\0')
                continue;
            }
          if (m.plain_len > 0)
            pack_markup_text (&m, " ");
          switch (chunk->op)
            {
            case CAUCUS_DIFF_INSERT:
              pack_markup_tag (&m, "<span foreground=\"#1b6b3a\" underline=\"single\" underline_color=\"#1b6b3a\">");
              pack_markup_text (&m, text);
              pack_markup_tag (&m, "</span>");
              break;
            case CAUCUS_DIFF_DELETE:
              pack_markup_tag (&m, "<span foreground=\"#a12a2a\" strikethrough=\"true\" strikethrough_color=\"#a12a2a\">");
              pack_markup_text (&m, text);
              pack_markup_tag (&m, "</span>");
              break;
            case CAUCUS_DIFF_EQUAL:
            default:
              pack_markup_text (&m, text);
              break;
            }
        }
    }
  push_redline_block (blocks, &m, &marker, indent);
  pack_markup_clear (&m);
}

static gint
compare_signature_org (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  PackBuild *build = user_data;
  g_autofree char *x = pack_org_name (build, pack_str (*(JsonObject **) a, "org_id"));
  g_autofree char *y = pack_org_name (build, pack_str (*(JsonObject **) b, "org_id"));

  return g_utf8_collate (x ? x : "", y ? y : "");
}

static void
add_annex (PackBuild  *build,
           GPtrArray  *blocks,
           JsonObject *statement,
           const char *shown_version_id,
           const char *shown_body)
{
  GPtrArray *all = pack_docs_where (build, "signature", "statement_id", pack_str (statement, "_id"));
  g_autoptr(GPtrArray) sigs = g_ptr_array_new ();
  g_autoptr(GHashTable) by_region = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *heading = NULL;
  PackBlock *table;

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *sig = g_ptr_array_index (all, i);

      if (pack_str (sig, "withdrawn_at") == NULL)
        g_ptr_array_add (sigs, sig);
    }
  g_ptr_array_sort_with_data (sigs, compare_signature_org, build);

  heading = g_strdup_printf (_("Signatories (%u)"), sigs->len);
  {
    PackBlock *signatories = pack_add_plain (blocks, PACK_STYLE_H3, heading);

    signatories->keep_with_next = TRUE;
    signatories->text->fixed_dir = TRUE;
  }
  if (sigs->len == 0)
    {
      pack_add_plain (blocks, PACK_STYLE_META, _("No organisation has signed this statement yet."));
      return;
    }
  table = pack_add_table (blocks, 4, TRUE);
  table->col_frac = g_new (double, 4);
  table->col_frac[0] = 0.40; table->col_frac[1] = 0.18; table->col_frac[2] = 0.24; table->col_frac[3] = 0.18;
  pack_table_add_row_headers (table, (const char *[]) { _("Organisation"), _("Region"), _("Signed by"), _("Date") }, 4);
  for (guint i = 0; i < sigs->len; i++)
    {
      JsonObject *sig = g_ptr_array_index (sigs, i);
      JsonObject *org = caucus_pack_sources_lookup_typed (build->sources, pack_str (sig, "org_id"), "org");
      JsonObject *version = caucus_pack_sources_lookup_typed (build->sources, pack_str (sig, "version_id"),
                                                              "statement-version");
      const char *region = org != NULL ? pack_str (org, "regional_group") : NULL;
      gboolean current;
      g_autofree char *org_name = pack_org_name (build, pack_str (sig, "org_id"));
      g_autofree char *signer = pack_display_name (build, pack_str (sig, "signed_by"));
      g_autofree char *name = g_markup_escape_text (org_name != NULL ? org_name : "?", -1);
      g_autofree char *org_cell = NULL;
      g_autofree char *region_cell = g_markup_escape_text (region ? region : "", -1);
      g_autofree char *by = g_markup_escape_text (signer != NULL ? signer : "", -1);
      g_autofree char *date = NULL;
      g_autoptr(GDateTime) at = pack_parse_instant (pack_str (sig, "signed_at"));

      if (shown_version_id != NULL)
        current = g_strcmp0 (pack_str (sig, "version_id"), shown_version_id) == 0;
      else
        current = version == NULL || g_strcmp0 (pack_str (version, "body"), shown_body) == 0;
      org_cell = current ? g_strdup (name)
                         : g_strdup_printf ("%s\n<span foreground=\"#b4532a\" size=\"90%%\">%s</span>", name,
                                           _("signed an earlier version"));
      {
        g_autofree char *formatted = at != NULL ? pack_format_date (build, at, "%-d %b %Y") : NULL;
        date = g_markup_escape_text (formatted != NULL ? formatted : "", -1);
      }
      pack_table_add_row (table, (const char *[]) { org_cell, region_cell, by, date });
      g_hash_table_replace (by_region, (gpointer) (region ? region : _("No regional group")),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (by_region, region ? region : _("No regional group"))) + 1));
    }
  {
    g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (by_region), (GCompareFunc) g_strcmp0);
    g_autoptr(GString) line = g_string_new (_("By regional group: "));

    for (GList *l = keys; l != NULL; l = l->next)
      g_string_append_printf (line, "%s%s %u", l == keys ? "" : " · ", (char *) l->data,
                              GPOINTER_TO_UINT (g_hash_table_lookup (by_region, l->data)));
    pack_add_plain (blocks, PACK_STYLE_META, line->str);
  }
}

static gboolean
add_statement (PackBuild   *build,
               PackSection *section,
               JsonObject  *item,
               gboolean     default_redline,
               GError     **error)
{
  const char *statement_id = pack_str (item, "statement_id");
  JsonObject *statement = caucus_pack_sources_lookup_typed (build->sources, statement_id, "statement");
  const char *version_id = pack_str (item, "version_id");
  JsonObject *version = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  JsonObject *base = NULL;
  const char *body;
  g_autofree char *dest = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  PackBlock *title;

  if (statement == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   _("The statements section lists “%s”, which is not in the workspace"),
                   statement_id != NULL ? statement_id : "(no id)");
      return FALSE;
    }
  versions = versions_of (build, statement_id);
  if (version_id != NULL)
    {
      version = caucus_pack_sources_lookup_typed (build->sources, version_id, "statement-version");
      if (version == NULL || g_strcmp0 (pack_str (version, "statement_id"), statement_id) != 0)
        {
          g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                       _("Version “%s” chosen for statement “%s” does not exist or belongs to another statement"),
                       version_id, pack_str (statement, "title") ? pack_str (statement, "title") : statement_id);
          return FALSE;
        }
      body = pack_str (version, "body");
      for (guint i = 0; i < versions->len && g_ptr_array_index (versions, i) != version; i++)
        base = g_ptr_array_index (versions, i);
    }
  else
    {
      body = pack_str (statement, "body");
      /* The current text's "last version" is the newest snapshot that differs from it. */
      for (guint i = versions->len; i > 0 && base == NULL; i--)
        if (g_strcmp0 (pack_str (g_ptr_array_index (versions, i - 1), "body"), body) != 0)
          base = g_ptr_array_index (versions, i - 1);
    }

  dest = pack_build_next_dest (build, "statement");
  title = pack_add_plain (section->blocks, PACK_STYLE_H2,
                          pack_str (statement, "title") ? pack_str (statement, "title") : _("Untitled statement"));
  title->dest = g_strdup (dest);
  title->keep_with_next = TRUE;
  title->text->fixed_dir = TRUE;   /* a heading of the pack: set in the document's direction */
  pack_section_add_child (section, pack_str (statement, "title") ? pack_str (statement, "title") : _("Untitled statement"), dest);

  if (pack_str (statement, "status") != NULL)
    g_string_append_printf (meta, _("Status: %s"), pack_str (statement, "status"));
  if (pack_str (statement, "language") != NULL)
    g_string_append_printf (meta, _("%sLanguage: %s"), meta->len ? " · " : "", pack_str (statement, "language"));
  if (version != NULL)
    g_string_append_printf (meta, _("%sText: %s"), meta->len ? " · " : "",
                            pack_str (version, "name") ? pack_str (version, "name") : version_id);
  else
    g_string_append_printf (meta, _("%sText: current draft"), meta->len ? " · " : "");
  {
    g_autoptr(GDateTime) deadline = pack_parse_instant (pack_str (statement, "sign_on_deadline"));
    if (deadline != NULL)
      {
        g_autoptr(GTimeZone) zone = pack_zone_for (build, build->event, NULL);
        if (zone == NULL)
          zone = g_time_zone_new_utc ();
        const char *zone_id = pack_str (build->event, "time_zone") ? pack_str (build->event, "time_zone") : "UTC";
        g_autofree char *when = pack_format_when (build, deadline, zone, zone_id, TRUE);
        g_string_append_printf (meta, _("%sSign-on deadline: %s"), meta->len ? " · " : "", when);
      }
  }
  pack_add_plain (section->blocks, PACK_STYLE_META, meta->str)->text->fixed_dir = TRUE;

  if (json_object_get_boolean_member_with_default (item, "redline", default_redline) && base != NULL)
    {
      g_autoptr(GDateTime) created = pack_parse_instant (pack_str (base, "created"));
      g_autofree char *formatted = created != NULL ? pack_format_date (build, created, "%-d %B %Y") : NULL;
      g_autofree char *when = g_markup_escape_text (formatted != NULL ? formatted : "", -1);
      g_autofree char *name = g_markup_escape_text (pack_str (base, "name") ? pack_str (base, "name") : _("previous version"), -1);
      /* TRANSLATORS: the redline's legend; %s: the earlier version's name, %s: its date */
      g_autofree char *since = g_strdup_printf (_("Changes since “%s” %s:"), name, when);
      g_autofree char *legend = g_strdup_printf ("%s <span foreground=\"#1b6b3a\" underline=\"single\">%s</span>, "
                                                 "<span foreground=\"#a12a2a\" strikethrough=\"true\">%s</span>",
                                                 since, _("inserted text"), _("deleted text"));

      pack_add_text (section->blocks, PACK_STYLE_META, legend);
      add_redline (section->blocks, pack_str (base, "body"), body);
    }
  else
    pack_markdown_to_blocks (body, section->blocks, 0, 1);

  if (json_object_get_boolean_member_with_default (item, "annex", TRUE))
    add_annex (build, section->blocks, statement, version_id, body);
  return TRUE;
}

PackSection *
pack_build_statements (PackBuild  *build,
                       JsonObject *spec,
                       GError    **error)
{
  g_autofree char *dest = pack_build_next_dest (build, "section");
  PackSection *section = pack_section_new (pack_str (spec, "title") ? pack_str (spec, "title") : _("Statements"), dest);
  gboolean redline = json_object_get_boolean_member_with_default (spec, "redline", FALSE);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (json_object_has_member (spec, "items") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (spec, "items")))
    {
      JsonArray *array = json_object_get_array_member (spec, "items");
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          g_ptr_array_add (items, json_object_ref (json_array_get_object_element (array, i)));
    }
  else
    {
      g_autoptr(GPtrArray) ids = pack_str_array (spec, "statement_ids");
      g_autoptr(GPtrArray) all = caucus_pack_sources_list_type (build->sources, "statement");

      for (guint i = 0; i < (ids != NULL ? ids->len : all->len); i++)
        {
          JsonObject *s = ids != NULL ? NULL : g_ptr_array_index (all, i);
          JsonObject *o;

          if (s != NULL && g_strcmp0 (pack_str (s, "event_id"), pack_str (build->event, "_id")) != 0)
            continue;
          o = json_object_new ();
          json_object_set_string_member (o, "statement_id", ids != NULL ? ids->pdata[i] : pack_str (s, "_id"));
          g_ptr_array_add (items, o);
        }
    }

  if (items->len == 0)
    {
      pack_add_plain (section->blocks, PACK_STYLE_BODY, _("No statements are attached to this event."));
      section->empty = TRUE;
    }
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_ptr_array_add (section->blocks, pack_block_new (PACK_BLOCK_PAGE_BREAK, PACK_STYLE_BODY));
      if (!add_statement (build, section, g_ptr_array_index (items, i), redline, error))
        {
          pack_section_free (section);
          return NULL;
        }
    }
  return section;
}
