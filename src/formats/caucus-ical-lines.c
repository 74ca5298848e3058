/* caucus-ical-lines.c — the line-level check of iCalendar text.
 *
 * libical does not report line numbers and carries on past most damage, so before it
 * sees the text this checks what a person needs to fix a file: content lines (after
 * unfolding), BEGIN/END nesting and truncation, each with its line; and it records where
 * every VEVENT/VTODO and its properties are, so later errors can name a line too. */
#include "caucus-ical-private.h"
#include "caucus-formats-error.h"

#include <string.h>

void
_caucus_ical_item_lines_clear (gpointer data)
{
  CaucusIcalItemLines *lines = data;

  g_clear_pointer (&lines->properties, g_hash_table_unref);
}

/* Checks the text as RFC 5545 lines; fills @item_lines. */
gboolean
_caucus_ical_scan_lines (const char  *data,
            gsize        length,
            const char  *name,
            GArray      *item_lines,
            GError     **error)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) stack_lines = g_array_new (FALSE, FALSE, sizeof (int));
  const char *p = data, *end = data + length;
  int line = 0;
  gboolean seen_calendar = FALSE;

  int physical = 0;

  while (p < end)
    {
      g_autoptr(GString) logical = g_string_new (NULL);
      g_autofree char *text = NULL;

      /* One content line: a physical line plus the folded ones (starting with a space or
       * tab) that continue it.  @line is where it starts. */
      do
        {
          const char *eol = memchr (p, '\n', end - p);
          gsize len = (eol != NULL ? eol : end) - p;

          physical++;
          if (len > 0 && p[len - 1] == '\r')
            len--;
          if (logical->len == 0 && !(len > 0 && (*p == ' ' || *p == '\t')))
            line = physical;
          if (len > 0 && (*p == ' ' || *p == '\t') && logical->len > 0)
            g_string_append_len (logical, p + 1, len - 1);
          else
            g_string_append_len (logical, p, len);
          p = eol != NULL ? eol + 1 : end;
        }
      while (p < end && (*p == ' ' || *p == '\t') && logical->len > 0);
      text = g_string_free (g_steal_pointer (&logical), FALSE);

      if (*text == '\0' || *text == ' ' || *text == '\t')
        continue;   /* blank, or a stray folded line */
      if (strchr (text, ':') == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s, line %d: ‘%.40s’ is not an iCalendar content line (NAME:value)",
                       name, line, text);
          return FALSE;
        }
      if (g_ascii_strncasecmp (text, "BEGIN:", 6) == 0)
        {
          char *component = g_ascii_strup (g_strstrip (text + 6), -1);

          if (stack->len == 0)
            {
              if (strcmp (component, "VCALENDAR") != 0 || seen_calendar)
                {
                  g_set_error (error, CAUCUS_FORMATS_ERROR, seen_calendar ? CAUCUS_FORMATS_ERROR_UNSUPPORTED : CAUCUS_FORMATS_ERROR_INVALID,
                               seen_calendar ? "%s, line %d: a second calendar (BEGIN:%s) in one file"
                                             : "%s, line %d: BEGIN:%s where an iCalendar file starts with BEGIN:VCALENDAR",
                               name, line, component);
                  g_free (component);
                  return FALSE;
                }
              seen_calendar = TRUE;
            }
          else if (stack->len == 1 &&
                   (strcmp (component, "VEVENT") == 0 || strcmp (component, "VTODO") == 0))
            {
              CaucusIcalItemLines item = { line, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

              g_array_append_val (item_lines, item);
            }
          g_ptr_array_add (stack, component);
          g_array_append_val (stack_lines, line);
        }
      else if (g_ascii_strncasecmp (text, "END:", 4) == 0)
        {
          g_autofree char *component = g_ascii_strup (g_strstrip (text + 4), -1);

          if (stack->len == 0 || strcmp (g_ptr_array_index (stack, stack->len - 1), component) != 0)
            {
              if (stack->len == 0)
                g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                             "%s, line %d: END:%s without a BEGIN", name, line, component);
              else
                g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                             "%s, line %d: END:%s, but BEGIN:%s of line %d is still open",
                             name, line, component,
                             (char *) g_ptr_array_index (stack, stack->len - 1),
                             g_array_index (stack_lines, int, stack_lines->len - 1));
              return FALSE;
            }
          g_ptr_array_set_size (stack, stack->len - 1);
          g_array_set_size (stack_lines, stack_lines->len - 1);
        }
      else if (stack->len == 2 && item_lines->len > 0 &&
               g_array_index (stack_lines, int, 1) == g_array_index (item_lines, CaucusIcalItemLines, item_lines->len - 1).begin)
        {
          CaucusIcalItemLines *item = &g_array_index (item_lines, CaucusIcalItemLines, item_lines->len - 1);
          char *property = g_ascii_strup (text, strcspn (text, ";:"));

          if (g_hash_table_contains (item->properties, property))
            g_free (property);
          else
            g_hash_table_insert (item->properties, property, GINT_TO_POINTER (line));
        }
      else if (stack->len == 0)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, seen_calendar ? CAUCUS_FORMATS_ERROR_PARSE : CAUCUS_FORMATS_ERROR_INVALID,
                       seen_calendar ? "%s, line %d: ‘%.40s’ after the end of the calendar"
                                     : "%s, line %d: ‘%.40s’ where an iCalendar file starts with BEGIN:VCALENDAR",
                       name, line, text);
          return FALSE;
        }
    }
  if (stack->len > 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s ends at line %d inside BEGIN:%s of line %d: the file is truncated",
                   name, physical, (char *) g_ptr_array_index (stack, stack->len - 1),
                   g_array_index (stack_lines, int, stack_lines->len - 1));
      return FALSE;
    }
  if (!seen_calendar)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s contains no calendar (BEGIN:VCALENDAR)", name);
      return FALSE;
    }
  return TRUE;
}

