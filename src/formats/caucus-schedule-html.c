/* caucus-schedule-html.c — the HTML of Pentabarf abstracts as Markdown.
 *
 * Event descriptions are Markdown (DOMAIN.md).  pretalx and frab feeds already write
 * Markdown, but Pentabarf (FOSDEM) writes HTML fragments: 1,000 of FOSDEM 2021's fields,
 * using p, li/ul/ol, a, em, strong, code/pre, h1-h3, br and hr.  No HTML parser is among
 * the project's libraries (libxml2's would need a new dependency, and GMarkup refuses the
 * unclosed <br> and named entities of HTML), so this is a small converter for exactly
 * that subset: block tags become paragraphs, lists become "- "/"1. " items, links
 * [text](href), emphasis * and **, code ` and fenced blocks; other tags are dropped and
 * their text kept.  It never fails: the worst case is plain text. */
#include "caucus-schedule-private.h"

#include <string.h>

typedef struct {
  GString    *out;
  GArray     *lists;     /* int per open list: 0 for ul, else the next number of an ol */
  GPtrArray  *hrefs;     /* href of each open <a> (NULL when it had none) */
  int         pre;       /* depth of <pre> */
} Html;

static void
trim_trailing_spaces (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

static void
blank_line (Html *h)
{
  trim_trailing_spaces (h->out);
  if (h->out->len == 0)
    return;
  while (h->out->len < 2 || h->out->str[h->out->len - 1] != '\n' || h->out->str[h->out->len - 2] != '\n')
    g_string_append_c (h->out, '\n');
}

static void
new_line (Html *h)
{
  trim_trailing_spaces (h->out);
  if (h->out->len > 0 && h->out->str[h->out->len - 1] != '\n')
    g_string_append_c (h->out, '\n');
}

static gboolean
at_line_start (Html *h)
{
  return h->out->len == 0 || h->out->str[h->out->len - 1] == '\n';
}

/* Appends the character an entity at @p stands for; returns the bytes consumed, or 0. */
static gsize
append_entity (GString    *out,
               const char *p)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", "\u00a0" }, { "hellip", "…" }, { "mdash", "—" }, { "ndash", "–" },
    { "lsquo", "‘" }, { "rsquo", "’" }, { "ldquo", "“" }, { "rdquo", "”" },
    { "copy", "©" }, { "reg", "®" }, { "euro", "€" }, { "laquo", "«" }, { "raquo", "»" },
  };
  const char *semi = strchr (p, ';');
  gsize len;

  if (semi == NULL || semi - p > 10)
    return 0;
  len = semi - p + 1;
  if (p[1] == '#')
    {
      gunichar c;
      char *end = NULL;

      c = (p[2] == 'x' || p[2] == 'X') ? (gunichar) g_ascii_strtoull (p + 3, &end, 16)
                                       : (gunichar) g_ascii_strtoull (p + 2, &end, 10);
      if (end != semi || c == 0 || !g_unichar_validate (c))
        return 0;
      g_string_append_unichar (out, c);
      return len;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == len - 2 && strncmp (p + 1, named[i].name, len - 2) == 0)
      {
        g_string_append (out, named[i].text);
        return len;
      }
  return 0;
}

/* The value of attribute @name in the tag text between '<' and '>'. */
static char *
tag_attribute (const char *tag,
               gsize       tag_len,
               const char *name)
{
  g_autofree char *text = g_strndup (tag, tag_len);
  gsize name_len = strlen (name);

  for (char *p = text; (p = strstr (p, name)) != NULL; p += name_len)
    {
      char *v = p + name_len;
      char quote;
      char *end;

      if (p > text && !g_ascii_isspace (p[-1]))
        continue;
      while (g_ascii_isspace (*v))
        v++;
      if (*v != '=')
        continue;
      v++;
      while (g_ascii_isspace (*v))
        v++;
      quote = (*v == '"' || *v == '\'') ? *v++ : '\0';
      end = quote ? strchr (v, quote) : v + strcspn (v, " \t\n>");
      if (end == NULL)
        return NULL;
      {
        GString *value = g_string_new (NULL);

        for (const char *q = v; q < end; q++)
          {
            gsize used = *q == '&' ? append_entity (value, q) : 0;

            if (used > 0)
              q += used - 1;
            else
              g_string_append_c (value, *q);
          }
        return g_string_free (value, FALSE);
      }
    }
  return NULL;
}

static void
handle_tag (Html       *h,
            const char *name,
            gboolean    closing,
            const char *tag,
            gsize       tag_len)
{
  if (strcmp (name, "p") == 0 || strcmp (name, "div") == 0 || strcmp (name, "table") == 0 ||
      strcmp (name, "tr") == 0)
    blank_line (h);
  else if (strcmp (name, "br") == 0)
    {
      trim_trailing_spaces (h->out);
      g_string_append (h->out, "  \n");
    }
  else if (strcmp (name, "hr") == 0)
    {
      blank_line (h);
      g_string_append (h->out, "---\n\n");
    }
  else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      blank_line (h);
      if (!closing)
        {
          for (int i = 0; i < name[1] - '0'; i++)
            g_string_append_c (h->out, '#');
          g_string_append_c (h->out, ' ');
        }
    }
  else if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0)
    {
      if (!closing)
        {
          int first = strcmp (name, "ol") == 0 ? 1 : 0;

          if (h->lists->len == 0)
            blank_line (h);
          g_array_append_val (h->lists, first);
        }
      else
        {
          if (h->lists->len > 0)
            g_array_set_size (h->lists, h->lists->len - 1);
          if (h->lists->len == 0)
            blank_line (h);
        }
    }
  else if (strcmp (name, "li") == 0)
    {
      if (!closing)
        {
          int *number = h->lists->len > 0 ? &g_array_index (h->lists, int, h->lists->len - 1) : NULL;

          new_line (h);
          for (guint i = 1; i < h->lists->len; i++)
            g_string_append (h->out, "  ");
          if (number != NULL && *number > 0)
            g_string_append_printf (h->out, "%d. ", (*number)++);
          else
            g_string_append (h->out, "- ");
        }
      else
        new_line (h);
    }
  else if (strcmp (name, "a") == 0)
    {
      if (!closing)
        {
          char *href = tag_attribute (tag, tag_len, "href");

          g_ptr_array_add (h->hrefs, href);
          if (href != NULL)
            g_string_append_c (h->out, '[');
        }
      else if (h->hrefs->len > 0)
        {
          char *href = g_ptr_array_steal_index (h->hrefs, h->hrefs->len - 1);

          if (href != NULL)
            g_string_append_printf (h->out, "](%s)", href);
          g_free (href);
        }
    }
  else if (strcmp (name, "em") == 0 || strcmp (name, "i") == 0)
    g_string_append_c (h->out, '*');
  else if (strcmp (name, "strong") == 0 || strcmp (name, "b") == 0)
    g_string_append (h->out, "**");
  else if (strcmp (name, "code") == 0 || strcmp (name, "tt") == 0)
    {
      if (h->pre == 0)
        g_string_append_c (h->out, '`');
    }
  else if (strcmp (name, "pre") == 0)
    {
      if (!closing)
        {
          blank_line (h);
          g_string_append (h->out, "```\n");
          h->pre++;
        }
      else if (h->pre > 0)
        {
          h->pre--;
          new_line (h);
          g_string_append (h->out, "```\n\n");
        }
    }
  else if (strcmp (name, "blockquote") == 0)
    {
      blank_line (h);
      if (!closing)
        g_string_append (h->out, "> ");
    }
  /* anything else (span, img, font, …): the tag goes, its text stays */
}

gboolean
_caucus_schedule_looks_like_html (const char *text)
{
  static const char * const starts[] = { "<p>", "<p ", "<ul", "<ol", "<div", "<pre", "<h1",
                                         "<h2", "<h3", "<h4", "<blockquote", "<table", "<br", NULL };

  while (text != NULL && g_ascii_isspace (*text))
    text++;
  if (text == NULL || *text != '<')
    return FALSE;
  for (guint i = 0; starts[i] != NULL; i++)
    if (g_ascii_strncasecmp (text, starts[i], strlen (starts[i])) == 0)
      return TRUE;
  return FALSE;
}

char *
_caucus_schedule_html_to_markdown (const char *html)
{
  Html h = { 0 };
  const char *p = html;

  h.out = g_string_new (NULL);
  h.lists = g_array_new (FALSE, FALSE, sizeof (int));
  h.hrefs = g_ptr_array_new_with_free_func (g_free);

  while (*p != '\0')
    {
      gsize used;

      if (*p == '<' && (g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2]))))
        {
          const char *end = strchr (p, '>');
          gboolean closing = p[1] == '/';
          const char *name_start = p + (closing ? 2 : 1);
          gsize name_len = 0;
          g_autofree char *name = NULL;

          if (end == NULL)
            {
              g_string_append (h.out, p);   /* a lone '<': text */
              break;
            }
          while (g_ascii_isalnum (name_start[name_len]))
            name_len++;
          name = g_ascii_strdown (name_start, name_len);
          handle_tag (&h, name, closing, name_start + name_len, end - (name_start + name_len));
          p = end + 1;
        }
      else if (*p == '<' && p[1] == '!')
        {
          const char *end = strstr (p, "-->");   /* a comment */
          p = end != NULL ? end + 3 : p + strlen (p);
        }
      else if (*p == '&' && (used = append_entity (h.out, p)) > 0)
        p += used;
      else if (h.pre == 0 && g_ascii_isspace (*p))
        {
          if (!at_line_start (&h) && h.out->str[h.out->len - 1] != ' ')
            g_string_append_c (h.out, ' ');
          p++;
        }
      else
        {
          g_string_append_c (h.out, *p);
          p++;
        }
    }

  g_array_unref (h.lists);
  g_ptr_array_unref (h.hrefs);
  trim_trailing_spaces (h.out);
  while (h.out->len > 0 && h.out->str[h.out->len - 1] == '\n')
    g_string_truncate (h.out, h.out->len - 1);
  return g_string_free (h.out, FALSE);
}
