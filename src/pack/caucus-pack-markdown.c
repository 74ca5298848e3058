/* caucus-pack-markdown.c: Markdown bodies to pack blocks, through cmark's node tree.
 *
 * Block structure is walked recursively; the inline content of each leaf block is walked with
 * a cmark iterator and turned into escaped Pango markup, links recorded by their byte range in
 * the plain text so the renderer can put live link annotations over them.
 *
 * Raw HTML inside Markdown is interpreted as a safe subset (caucus-pack-html.c).
 *
 * Tables: libcmark 0.30 (Debian 12) has no GFM table extension, so a paragraph whose source
 * lines form a pipe table (a header row, a delimiter row of dashes with optional colons, body
 * rows) is recognised here from the paragraph's source lines and becomes a real table block.
 * Cell contents are parsed again as Markdown inlines, so emphasis and links work in cells.
 */
#include "caucus-pack-private.h"
#include "caucus-pack-html.h"

#include <cmark.h>
#include <string.h>

typedef struct
{
  char      **source_lines;
  GPtrArray  *blocks;
  guint       heading_offset;
} MdContext;

static void render_inlines (cmark_node *parent,
                            PackMarkup *m);

static void
render_inlines (cmark_node *parent,
                PackMarkup *m)
{
  cmark_iter *iter = cmark_iter_new (parent);
  cmark_event_type ev;
  GArray *link_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (guint));   /* HTML depth per span */
  PackHtmlState html;

  pack_html_state_init (&html);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean entering = (ev == CMARK_EVENT_ENTER);
      cmark_node_type type = cmark_node_get_type (node);
      gboolean span = type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
                      type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE;
      guint floor = marks->len > 0 ? g_array_index (marks, guint, marks->len - 1) : 0;

      if (node == parent)
        continue;
      /* Inside <script> or <style> content is dropped, but spans still open and close so
       * the markup stays balanced. */
      if (html.skip_depth > 0 && !span && type != CMARK_NODE_HTML_INLINE)
        continue;
      if (span && entering)
        {
          pack_html_flush (&html, m);
          g_array_append_val (marks, html.open->len);
        }
      else if (span)
        {
          /* Close HTML opened inside this span before the span itself closes. */
          pack_html_close_to (&html, m, floor);
          g_array_set_size (marks, marks->len - 1);
        }
      switch (type)
        {
        case CMARK_NODE_TEXT:
          pack_html_text (&html, m, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_SOFTBREAK:
          if (!html.at_line_start && !html.pending_newline)
            pack_markup_text (m, " ");
          break;
        case CMARK_NODE_LINEBREAK:
          pack_markup_text (m, "\n");
          html.at_line_start = TRUE;
          break;
        case CMARK_NODE_CODE:
          pack_html_flush (&html, m);
          pack_markup_tag (m, "<span font_family=\"DejaVu Sans Mono\" size=\"90%\" background=\"#eef1f4\">");
          pack_markup_text (m, cmark_node_get_literal (node));
          pack_markup_tag (m, "</span>");
          break;
        case CMARK_NODE_HTML_INLINE:
          /* A safe subset is interpreted, the rest dropped (caucus-pack-html.c). */
          pack_html_render (&html, m, floor, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_EMPH:
          pack_markup_tag (m, entering ? "<i>" : "</i>");
          break;
        case CMARK_NODE_STRONG:
          pack_markup_tag (m, entering ? "<b>" : "</b>");
          break;
        case CMARK_NODE_LINK:
          if (entering)
            {
              g_array_append_val (link_starts, m->plain_len);
              pack_markup_tag (m, "<span foreground=\"#1f5f8b\" underline=\"single\" underline_color=\"#9dbbd0\">");
            }
          else
            {
              gsize start = g_array_index (link_starts, gsize, link_starts->len - 1);
              const char *url = cmark_node_get_url (node);

              g_array_set_size (link_starts, link_starts->len - 1);
              pack_markup_tag (m, "</span>");
              if (url != NULL && *url != '\0' && m->plain_len > start)
                pack_links_add (m->links, start, m->plain_len, url, NULL);
            }
          break;
        case CMARK_NODE_IMAGE:
          if (entering)
            pack_markup_tag (m, "<span foreground=\"#6b7280\">[");
          else
            pack_markup_tag (m, "]</span>");
          break;
        case CMARK_NODE_CUSTOM_INLINE:
          if (cmark_node_get_on_enter (node) != NULL && entering)
            pack_markup_text (m, cmark_node_get_on_enter (node));
          break;
        default:
          break;
        }
    }
  pack_html_close_to (&html, m, 0);
  pack_html_state_clear (&html);
  cmark_iter_free (iter);
  g_array_unref (link_starts);
  g_array_unref (marks);
}

static PackText *
inline_text (cmark_node *node)
{
  PackMarkup m;

  pack_markup_init (&m);
  render_inlines (node, &m);
  return pack_markup_finish (&m);
}

/* Cell text and one-line fields: Markdown inlines only, paragraphs joined by line breaks. */
PackText *
pack_markdown_inline (const char *markdown)
{
  cmark_node *doc = cmark_parse_document (markdown != NULL ? markdown : "",
                                          markdown != NULL ? strlen (markdown) : 0,
                                          CMARK_OPT_DEFAULT);
  PackMarkup m;
  gboolean first = TRUE;

  pack_markup_init (&m);
  for (cmark_node *child = cmark_node_first_child (doc); child; child = cmark_node_next (child))
    {
      if (!first)
        pack_markup_text (&m, "\n");
      first = FALSE;
      if (cmark_node_get_type (child) == CMARK_NODE_PARAGRAPH ||
          cmark_node_get_type (child) == CMARK_NODE_HEADING)
        render_inlines (child, &m);
      else
        {
          char *plain = cmark_render_commonmark (child, CMARK_OPT_DEFAULT, 0);

          g_strchomp (plain);
          pack_markup_text (&m, plain);
          free (plain);
        }
    }
  cmark_node_free (doc);
  return pack_markup_finish (&m);
}

/* Pipe tables -------------------------------------------------------------------------- */

static char *
strip_container_prefix (const char *line)
{
  while (*line == ' ' || *line == '\t' || *line == '>')
    line++;
  return g_strstrip (g_strdup (line));
}

static GPtrArray *
split_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = line;
  const char *end = line + strlen (line);

  if (*p == '|')
    p++;
  if (end > p && end[-1] == '|' && !(end - 1 > p && end[-2] == '\\'))
    end--;
  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end && p[1] == '|')
        {
          g_string_append_c (cell, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_string_free (cell, FALSE)));
          cell = g_string_new (NULL);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_ptr_array_add (cells, g_strstrip (g_string_free (cell, FALSE)));
  return cells;
}

static gboolean
is_delimiter_row (const char *line,
                  guint      *n_cols)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (regex, line, 0, NULL))
    return FALSE;
  {
    g_autoptr(GPtrArray) cells = split_row (line);
    *n_cols = cells->len;
  }
  return TRUE;
}

static gboolean
try_table (MdContext  *ctx,
           cmark_node *para,
           double      indent)
{
  int first = cmark_node_get_start_line (para);
  int last = cmark_node_get_end_line (para);
  guint n_lines = g_strv_length (ctx->source_lines);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint n_cols = 0;
  PackBlock *table;

  if (first < 1 || last < first + 1 || (guint) last > n_lines)
    return FALSE;
  for (int i = first; i <= last; i++)
    {
      char *line = strip_container_prefix (ctx->source_lines[i - 1]);

      if (strchr (line, '|') == NULL)
        {
          g_free (line);
          return FALSE;
        }
      g_ptr_array_add (lines, line);
    }
  if (((char *) lines->pdata[0])[0] != '|' || !is_delimiter_row (lines->pdata[1], &n_cols))
    return FALSE;
  {
    g_autoptr(GPtrArray) header = split_row (lines->pdata[0]);
    if (header->len != n_cols)
      return FALSE;
  }

  table = pack_add_table (ctx->blocks, n_cols, TRUE);
  table->indent = indent;
  {
    g_autoptr(GPtrArray) delims = split_row (lines->pdata[1]);

    table->col_align = g_new0 (PangoAlignment, n_cols);
    for (guint c = 0; c < n_cols && c < delims->len; c++)
      {
        const char *d = delims->pdata[c];
        gsize len = strlen (d);
        gboolean left = len > 0 && d[0] == ':';
        gboolean right = len > 0 && d[len - 1] == ':';

        table->col_align[c] = (left && right) ? PANGO_ALIGN_CENTER
                              : right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
      }
  }
  for (guint r = 0; r < lines->len; r++)
    {
      g_autoptr(GPtrArray) cells = NULL;
      g_autofree PackText **texts = NULL;

      if (r == 1)
        continue;
      cells = split_row (lines->pdata[r]);
      texts = g_new0 (PackText *, n_cols);
      for (guint c = 0; c < n_cols; c++)
        {
          const char *src = c < cells->len ? cells->pdata[c] : "";

          if (r == 0)
            {
              PackText *inner = pack_markdown_inline (src);
              char *bold = g_strconcat ("<b>", inner->markup, "</b>", NULL);

              g_free (inner->markup);
              inner->markup = bold;
              texts[c] = inner;
            }
          else
            texts[c] = pack_markdown_inline (src);
        }
      pack_table_add_row_texts (table, texts);
    }
  return TRUE;
}

/* Blocks ------------------------------------------------------------------------------- */

static PackBlock *
add_block (MdContext   *ctx,
           PackBlock   *block,
           double       indent,
           guint        quote_depth,
           char       **marker)
{
  block->indent = indent;
  block->quote_depth = quote_depth;
  if (marker != NULL && *marker != NULL)
    {
      block->marker = g_steal_pointer (marker);
      if (block->text != NULL)
        block->text->fixed_dir = TRUE;
    }
  g_ptr_array_add (ctx->blocks, block);
  return block;
}

static const char *
bullet_for_depth (guint depth)
{
  static const char *bullets[] = { "•", "◦", "▪" };

  return bullets[depth % G_N_ELEMENTS (bullets)];
}

static void
walk_blocks (MdContext   *ctx,
             cmark_node  *parent,
             double       indent,
             guint        quote_depth,
             guint        list_depth,
             char       **marker)
{
  gboolean tight = cmark_node_get_type (parent) == CMARK_NODE_ITEM &&
                   cmark_node_get_list_tight (cmark_node_parent (parent));

  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    {
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_PARAGRAPH:
          if (marker != NULL && *marker == NULL && try_table (ctx, node, indent))
            break;
          {
            PackBlock *block = pack_block_new (PACK_BLOCK_TEXT,
                                               quote_depth > 0 ? PACK_STYLE_QUOTE : PACK_STYLE_BODY);
            block->text = inline_text (node);
            /* the list's very last paragraph keeps normal space before what follows */
            block->tight = tight && !(cmark_node_next (node) == NULL && cmark_node_next (parent) == NULL);
            add_block (ctx, block, indent, quote_depth, marker);
          }
          break;
        case CMARK_NODE_HEADING:
          {
            guint level = cmark_node_get_heading_level (node) + ctx->heading_offset;
            PackStyle style = level <= 2 ? PACK_STYLE_H2 : level == 3 ? PACK_STYLE_H3 : PACK_STYLE_H4;
            PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, style);

            block->text = inline_text (node);
            block->keep_with_next = TRUE;
            add_block (ctx, block, indent, quote_depth, marker);
          }
          break;
        case CMARK_NODE_BLOCK_QUOTE:
          walk_blocks (ctx, node, indent + 14, quote_depth + 1, list_depth, marker);
          break;
        case CMARK_NODE_LIST:
          {
            gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
            int number = cmark_node_get_list_start (node);
            gboolean paren = cmark_node_get_list_delim (node) == CMARK_PAREN_DELIM;

            for (cmark_node *item = cmark_node_first_child (node); item; item = cmark_node_next (item))
              {
                char *item_marker = ordered ? g_strdup_printf (paren ? "%d)" : "%d.", number++)
                                            : g_strdup (bullet_for_depth (list_depth));

                walk_blocks (ctx, item, indent + 18, quote_depth, list_depth + 1, &item_marker);
                g_free (item_marker);
              }
          }
          break;
        case CMARK_NODE_HTML_BLOCK:
          {
            PackHtmlState html;
            PackMarkup m;

            pack_html_state_init (&html);
            pack_markup_init (&m);
            pack_html_render (&html, &m, 0, cmark_node_get_literal (node));
            pack_html_close_to (&html, &m, 0);
            pack_html_state_clear (&html);
            if (m.plain_len == 0)
              pack_markup_clear (&m);
            else
              {
                PackBlock *block = pack_block_new (PACK_BLOCK_TEXT,
                                                   quote_depth > 0 ? PACK_STYLE_QUOTE : PACK_STYLE_BODY);
                block->text = pack_markup_finish (&m);
                add_block (ctx, block, indent, quote_depth, marker);
              }
          }
          break;
        case CMARK_NODE_CODE_BLOCK:
          {
            g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
            PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, PACK_STYLE_CODE);
            PackMarkup m;

            g_strchomp (literal);
            pack_markup_init (&m);
            pack_markup_text (&m, literal);
            block->text = pack_markup_finish (&m);
            block->shaded = TRUE;
            add_block (ctx, block, indent, quote_depth, marker);
          }
          break;
        case CMARK_NODE_THEMATIC_BREAK:
          add_block (ctx, pack_block_new (PACK_BLOCK_RULE, PACK_STYLE_BODY), indent, quote_depth, marker);
          break;
        default:
          break;
        }
    }
}

/* Appends the blocks of @markdown to @blocks.  Markdown heading level 1 maps to the pack's
 * second level (plus @heading_offset), since the section title is the first. */
void
pack_markdown_to_blocks (const char *markdown,
                         GPtrArray  *blocks,
                         double      indent,
                         guint       heading_offset)
{
  g_autofree char *valid = NULL;
  cmark_node *doc;
  MdContext ctx;

  if (markdown == NULL || *markdown == '\0')
    return;
  valid = g_utf8_make_valid (markdown, -1);
  doc = cmark_parse_document (valid, strlen (valid), CMARK_OPT_DEFAULT);
  ctx.source_lines = g_strsplit (valid, "\n", -1);
  ctx.blocks = blocks;
  ctx.heading_offset = heading_offset + 1;
  {
    char *none = NULL;
    walk_blocks (&ctx, doc, indent, 0, 0, &none);
  }
  g_strfreev (ctx.source_lines);
  cmark_node_free (doc);
}

/* Plain text of each leaf block, separated by blank lines: what the redline compares. */
static void
plain_walk (cmark_node *parent,
            GString    *out,
            guint       list_depth)
{
  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    {
      cmark_node_type type = cmark_node_get_type (node);

      if (type == CMARK_NODE_LIST)
        {
          gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;
          int number = cmark_node_get_list_start (node);

          for (cmark_node *item = cmark_node_first_child (node); item; item = cmark_node_next (item))
            {
              if (out->len > 0)
                g_string_append (out, "\n\n");
              if (ordered)
                g_string_append_printf (out, "%d. ", number++);
              else
                g_string_append_printf (out, "%s ", bullet_for_depth (list_depth));
              {
                GString *inner = g_string_new (NULL);

                plain_walk (item, inner, list_depth + 1);
                g_string_append (out, inner->str);
                g_string_free (inner, TRUE);
              }
            }
        }
      else if (type == CMARK_NODE_BLOCK_QUOTE)
        plain_walk (node, out, list_depth);
      else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING)
        {
          cmark_iter *iter = cmark_iter_new (node);
          cmark_event_type ev;

          if (out->len > 0 && !g_str_has_suffix (out->str, " "))
            g_string_append (out, "\n\n");
          while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
            {
              cmark_node *n = cmark_iter_get_node (iter);

              if (ev != CMARK_EVENT_ENTER)
                continue;
              switch (cmark_node_get_type (n))
                {
                case CMARK_NODE_TEXT:
                case CMARK_NODE_CODE:
                  g_string_append (out, cmark_node_get_literal (n));
                  break;
                case CMARK_NODE_SOFTBREAK:
                case CMARK_NODE_LINEBREAK:
                  g_string_append_c (out, ' ');
                  break;
                default:
                  break;
                }
            }
          cmark_iter_free (iter);
        }
      else if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK)
        {
          g_autofree char *text = type == CMARK_NODE_HTML_BLOCK
                                  ? pack_html_to_plain (cmark_node_get_literal (node))
                                  : g_strdup (cmark_node_get_literal (node));

          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, text);
        }
    }
}

char *
pack_markdown_to_plain_paragraphs (const char *markdown)
{
  g_autofree char *valid = g_utf8_make_valid (markdown != NULL ? markdown : "", -1);
  cmark_node *doc = cmark_parse_document (valid, strlen (valid), CMARK_OPT_DEFAULT);
  GString *out = g_string_new (NULL);

  plain_walk (doc, out, 0);
  cmark_node_free (doc);
  return g_string_free (out, FALSE);
}
