/* caucus-pack-html.c: the safe subset of HTML found in Markdown bodies.
 *
 * Text pasted from word processors and web pages (the seed briefing pack's programme is an
 * example) carries HTML inside Markdown: <b>, <ul><li>, <p>, <br>.  Showing the tags as text
 * makes a briefing pack unreadable, so a small, closed set is interpreted — emphasis,
 * underline, strike, code, line breaks, paragraphs, list items, table
 * cells — and every other tag is dropped (its text kept, except inside <script> and <style>,
 * whose content is dropped with them).  Nothing from the HTML reaches Pango but our own
 * tags and escaped text, and tags are kept properly nested: a closing tag that does not
 * match the innermost open one is ignored, and whatever is still open is closed at the end
 * of the paragraph or of the Markdown span it was opened in.
 */
#include "caucus-pack-html.h"

#include <string.h>

static const struct { const char *html; const char *pango; } inline_tags[] = {
  { "b", "b" }, { "strong", "b" }, { "i", "i" }, { "em", "i" }, { "cite", "i" },
  { "u", "u" }, { "ins", "u" }, { "s", "s" }, { "del", "s" }, { "strike", "s" },
  { "code", "tt" }, { "tt", "tt" }, { "kbd", "tt" },
};
/* <sub> and <sup> are dropped: Pango 1.50 warns ("Leftover font scales") on some nestings
 * of its baseline shifts. */

static const char *block_tags[] = {
  "p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
  "section", "article", "header", "footer", "dl", "dt", "dd", "pre",
};

void
pack_html_state_init (PackHtmlState *state)
{
  memset (state, 0, sizeof *state);
  state->open = g_ptr_array_new ();
  state->at_line_start = TRUE;
}

void
pack_html_state_clear (PackHtmlState *state)
{
  g_clear_pointer (&state->open, g_ptr_array_unref);
}

/* Closes the HTML tags opened after @depth, innermost first. */
void
pack_html_close_to (PackHtmlState *state,
                    PackMarkup    *m,
                    guint          depth)
{
  while (state->open->len > depth)
    {
      const char *tag = g_ptr_array_steal_index (state->open, state->open->len - 1);
      g_autofree char *close = g_strdup_printf ("</%s>", tag);

      pack_markup_tag (m, close);
    }
}

/* Emits the separators a block tag or list item left pending, before real text. */
static void
flush_pending (PackHtmlState *state,
               PackMarkup    *m,
               const char    *next_text)
{
  if (state->pending_newline && !state->at_line_start)
    pack_markup_text (m, "\n");
  state->pending_newline = FALSE;
  if (state->pending_bullet)
    {
      const char *p = next_text;

      while (p != NULL && (*p == ' ' || *p == '\t'))
        p++;
      /* Lists written with "list-style: none" often carry their own bullet in the text. */
      if (p == NULL || !g_str_has_prefix (p, "•"))
        pack_markup_text (m, "• ");
      state->pending_bullet = FALSE;
    }
  state->at_line_start = FALSE;
}

void
pack_html_text (PackHtmlState *state,
                PackMarkup    *m,
                const char    *text)
{
  if (text == NULL || *text == '\0' || state->skip_depth > 0)
    return;
  if (state->at_line_start || state->pending_newline || state->pending_bullet)
    {
      /* Whitespace between tags is not content. */
      const char *p = text;

      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      if (*p == '\0')
        return;
      flush_pending (state, m, p);
      text = p;
    }
  pack_markup_text (m, text);
  state->at_line_start = g_str_has_suffix (text, "\n");
}

static char *
decode_entities (const char *text,
                 gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *semi;

      if (*p != '&' || (semi = memchr (p, ';', MIN ((gsize) (end - p), 12))) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      {
        g_autofree char *name = g_strndup (p + 1, semi - p - 1);
        gunichar c = 0;

        if (strcmp (name, "amp") == 0) c = '&';
        else if (strcmp (name, "lt") == 0) c = '<';
        else if (strcmp (name, "gt") == 0) c = '>';
        else if (strcmp (name, "quot") == 0) c = '"';
        else if (strcmp (name, "apos") == 0) c = '\'';
        else if (strcmp (name, "nbsp") == 0) c = 0xa0;
        else if (name[0] == '#' && (name[1] == 'x' || name[1] == 'X'))
          c = (gunichar) g_ascii_strtoull (name + 2, NULL, 16);
        else if (name[0] == '#')
          c = (gunichar) g_ascii_strtoull (name + 1, NULL, 10);
        if (c != 0 && g_unichar_validate (c))
          {
            g_string_append_unichar (out, c);
            p = semi + 1;
          }
        else
          g_string_append_c (out, *p++);
      }
    }
  return g_string_free (out, FALSE);
}

static void
handle_tag (PackHtmlState *state,
            PackMarkup    *m,
            guint          floor,
            const char    *name,
            gboolean       closing)
{
  if (strcmp (name, "script") == 0 || strcmp (name, "style") == 0)
    {
      if (closing && state->skip_depth > 0)
        state->skip_depth--;
      else if (!closing)
        state->skip_depth++;
      return;
    }
  if (strcmp (name, "br") == 0)
    {
      if (state->skip_depth == 0)
        {
          pack_markup_text (m, "\n");
          state->at_line_start = TRUE;
        }
      return;
    }
  if (strcmp (name, "li") == 0)
    {
      if (!closing)
        {
          state->pending_newline = TRUE;
          state->pending_bullet = TRUE;
        }
      return;
    }
  if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      if (closing && !state->at_line_start)
        pack_markup_text (m, "  ");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (strcmp (name, block_tags[i]) == 0)
      {
        state->pending_newline = TRUE;
        state->pending_bullet = FALSE;
        return;
      }
  for (guint i = 0; i < G_N_ELEMENTS (inline_tags); i++)
    if (strcmp (name, inline_tags[i].html) == 0)
      {
        const char *pango = inline_tags[i].pango;

        if (!closing)
          {
            g_autofree char *open = g_strdup_printf ("<%s>", pango);

            pack_markup_tag (m, open);
            g_ptr_array_add (state->open, (gpointer) pango);
          }
        else if (state->open->len > floor &&
                 strcmp (g_ptr_array_index (state->open, state->open->len - 1), pango) == 0)
          pack_html_close_to (state, m, state->open->len - 1);
        return;
      }
  /* Any other tag is dropped; its text stays. */
}

/* Emits what block tags and list items left pending, before content other than text. */
void
pack_html_flush (PackHtmlState *state,
                 PackMarkup    *m)
{
  if (state->pending_newline || state->pending_bullet)
    flush_pending (state, m, NULL);
  state->at_line_start = FALSE;
}

/* The text of an HTML fragment, tags interpreted as above, for comparisons (redlines). */
char *
pack_html_to_plain (const char *html)
{
  PackHtmlState state;
  PackMarkup m;
  g_autoptr(PackText) text = NULL;
  char *plain = NULL;

  pack_html_state_init (&state);
  pack_markup_init (&m);
  pack_html_render (&state, &m, 0, html);
  pack_html_close_to (&state, &m, 0);
  pack_html_state_clear (&state);
  text = pack_markup_finish (&m);
  if (!pango_parse_markup (text->markup, -1, 0, NULL, &plain, NULL, NULL))
    plain = g_strdup ("");
  return plain;
}

/* Renders @html (a whole HTML block, or one inline tag from cmark) into @m.  Tags opened
 * before @floor belong to an enclosing span and are not closed by this call's tags. */
void
pack_html_render (PackHtmlState *state,
                  PackMarkup    *m,
                  guint          floor,
                  const char    *html)
{
  const char *p = html;

  while (p != NULL && *p != '\0')
    {
      const char *lt = strchr (p, '<');
      const char *gt;

      if (lt == NULL)
        lt = p + strlen (p);
      if (lt > p)
        {
          g_autofree char *text = decode_entities (p, lt - p);
          pack_html_text (state, m, text);
        }
      if (*lt == '\0')
        break;
      if (g_str_has_prefix (lt, "<!--"))
        {
          const char *end = strstr (lt + 4, "-->");
          p = end != NULL ? end + 3 : lt + strlen (lt);
          continue;
        }
      gt = strchr (lt, '>');
      if (gt == NULL)
        {
          pack_html_text (state, m, lt);       /* a lone '<' is text */
          break;
        }
      {
        const char *q = lt + 1;
        gboolean closing = FALSE;
        g_autofree char *name = NULL;
        const char *start;

        if (*q == '/')
          {
            closing = TRUE;
            q++;
          }
        start = q;
        if (!g_ascii_isalpha (*q))
          {
            pack_html_text (state, m, "<");     /* "5 < 6" and the like: text */
            p = lt + 1;
            continue;
          }
        while (q < gt && g_ascii_isalnum (*q))
          q++;
        name = g_ascii_strdown (start, q - start);
        handle_tag (state, m, floor, name, closing);
      }
      p = gt + 1;
    }
}
