/* caucus-pack-blocks.c: the flow of blocks the section writers produce, and Pango markup
 * built with every piece of document text escaped. */
#include "caucus-pack-private.h"

#include <string.h>

static void
pack_link_clear (gpointer data)
{
  PackLink *link = data;

  g_free (link->uri);
  g_free (link->dest);
}

GArray *
pack_links_new (void)
{
  GArray *links = g_array_new (FALSE, TRUE, sizeof (PackLink));

  g_array_set_clear_func (links, pack_link_clear);
  return links;
}

void
pack_links_add (GArray     *links,
                guint       start,
                guint       end,
                const char *uri,
                const char *dest)
{
  PackLink link = { start, end, g_strdup (uri), g_strdup (dest) };

  g_array_append_val (links, link);
}

PackText *
pack_text_new (char   *markup,
               GArray *links)
{
  PackText *text = g_new0 (PackText, 1);

  text->markup = markup;
  text->links = links != NULL ? links : pack_links_new ();
  return text;
}

void
pack_text_free (PackText *text)
{
  if (text == NULL)
    return;
  g_free (text->markup);
  g_clear_pointer (&text->links, g_array_unref);
  g_clear_object (&text->layout);
  g_clear_pointer (&text->lines, g_array_unref);
  g_free (text);
}

static void
pack_row_free (gpointer data)
{
  PackRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

PackBlock *
pack_block_new (PackBlockKind kind,
                PackStyle     style)
{
  PackBlock *block = g_new0 (PackBlock, 1);

  block->kind = kind;
  block->style = style;
  return block;
}

void
pack_block_free (PackBlock *block)
{
  if (block == NULL)
    return;
  pack_text_free (block->text);
  g_free (block->marker);
  g_free (block->dest);
  g_free (block->running_title);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block->col_frac);
  g_free (block->col_width);
  g_free (block->col_align);
  g_clear_object (&block->pdf_page);
  g_free (block->toc_dest);
  g_free (block);
}

static void
pack_entry_free (gpointer data)
{
  PackEntry *entry = data;

  g_free (entry->title);
  g_free (entry->dest);
  g_free (entry);
}

PackSection *
pack_section_new (const char *title,
                  const char *dest)
{
  PackSection *section = g_new0 (PackSection, 1);

  section->title = g_strdup (title);
  section->dest = g_strdup (dest);
  section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_block_free);
  section->children = g_ptr_array_new_with_free_func (pack_entry_free);
  section->aux = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_block_free);
  return section;
}

void
pack_section_free (PackSection *section)
{
  if (section == NULL)
    return;
  g_free (section->title);
  g_free (section->dest);
  g_ptr_array_unref (section->blocks);
  g_ptr_array_unref (section->children);
  g_ptr_array_unref (section->aux);
  g_free (section);
}

void
pack_section_add_child (PackSection *section,
                        const char  *title,
                        const char  *dest)
{
  PackEntry *entry = g_new0 (PackEntry, 1);

  entry->title = g_strdup (title);
  entry->dest = g_strdup (dest);
  g_ptr_array_add (section->children, entry);
}

PackBlock *
pack_add_text (GPtrArray  *blocks,
               PackStyle   style,
               const char *markup)
{
  PackBlock *block = pack_block_new (PACK_BLOCK_TEXT, style);

  block->text = pack_text_new (g_strdup (markup), NULL);
  g_ptr_array_add (blocks, block);
  return block;
}

PackBlock *
pack_add_plain (GPtrArray  *blocks,
                PackStyle   style,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return pack_add_text (blocks, style, escaped);
}

/* A header row: each label escaped and set in bold. */
void
pack_table_add_row_headers (PackBlock   *table,
                            const char **labels,
                            guint        n)
{
  g_autofree char **cells = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (labels[i], -1);

      cells[i] = g_strdup_printf ("<b>%s</b>", escaped);
    }
  pack_table_add_row (table, (const char **) cells);
  for (guint i = 0; i < n; i++)
    g_free (cells[i]);
}

PackBlock *
pack_add_table (GPtrArray *blocks,
                guint      n_cols,
                gboolean   header_row)
{
  PackBlock *block = pack_block_new (PACK_BLOCK_TABLE, PACK_STYLE_CELL);

  block->rows = g_ptr_array_new_with_free_func (pack_row_free);
  block->n_cols = n_cols;
  block->header_row = header_row;
  block->grid = TRUE;
  g_ptr_array_add (blocks, block);
  return block;
}

/* Takes ownership of @cells[0 .. n_cols). */
void
pack_table_add_row_texts (PackBlock *table,
                          PackText **cells)
{
  PackRow *row = g_new0 (PackRow, 1);

  row->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_text_free);
  for (guint i = 0; i < table->n_cols; i++)
    {
      PackText *cell = cells[i] != NULL ? cells[i] : pack_text_new (g_strdup (""), NULL);

      cell->fixed_dir = TRUE;
      g_ptr_array_add (row->cells, cell);
    }
  g_ptr_array_add (table->rows, row);
}

void
pack_table_add_row (PackBlock   *table,
                    const char **cell_markups)
{
  g_autofree PackText **cells = g_new0 (PackText *, table->n_cols);

  for (guint i = 0; i < table->n_cols; i++)
    cells[i] = pack_text_new (g_strdup (cell_markups[i] != NULL ? cell_markups[i] : ""), NULL);
  pack_table_add_row_texts (table, cells);
}

void
pack_markup_init (PackMarkup *m)
{
  m->markup = g_string_new (NULL);
  m->plain_len = 0;
  m->links = pack_links_new ();
}

void
pack_markup_clear (PackMarkup *m)
{
  if (m->markup != NULL)
    g_string_free (m->markup, TRUE);
  m->markup = NULL;
  g_clear_pointer (&m->links, g_array_unref);
}

/* Appends document text, escaped; invalid UTF-8 is replaced rather than passed to Pango. */
void
pack_markup_text (PackMarkup *m,
                  const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0')
    return;
  valid = g_utf8_make_valid (text, -1);
  escaped = g_markup_escape_text (valid, -1);
  g_string_append (m->markup, escaped);
  m->plain_len += strlen (valid);
}

/* Appends a literal tag of our own (never document text). */
void
pack_markup_tag (PackMarkup *m,
                 const char *tag)
{
  g_string_append (m->markup, tag);
}

/* Appends a name or title that may be in another script, isolated (FSI … PDI) so that an
 * Arabic name inside an English line does not pull the punctuation around it into its run. */
void
pack_markup_isolated (PackMarkup *m,
                      const char *text)
{
  pack_markup_text (m, "\u2068");
  pack_markup_text (m, text);
  pack_markup_text (m, "\u2069");
}

void
pack_markup_link (PackMarkup *m,
                  const char *text,
                  const char *uri)
{
  gsize start = m->plain_len;

  pack_markup_tag (m, "<span foreground=\"#1f5f8b\" underline=\"single\" underline_color=\"#9dbbd0\">");
  pack_markup_text (m, text);
  pack_markup_tag (m, "</span>");
  if (uri != NULL && *uri != '\0')
    pack_links_add (m->links, start, m->plain_len, uri, NULL);
}

PackText *
pack_markup_finish (PackMarkup *m)
{
  PackText *text = pack_text_new (g_string_free (m->markup, FALSE), m->links);

  m->markup = NULL;
  m->links = NULL;
  return text;
}
