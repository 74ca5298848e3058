/* caucus-json-reader.c — see caucus-json-reader.h */
#include "caucus-json-reader.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (caucus-json-reader-error-quark, caucus_json_reader_error)

typedef struct {
  JsonObject *object;   /* exactly one of these is set */
  JsonArray  *array;
} Frame;

typedef struct {
  const char *data;
  const char *p;
  const char *end;
  GString    *key;      /* the member name the next value goes under */
  GString    *text;     /* a string value being decoded */
  GError    **error;
} Reader;

static gboolean
fail (Reader     *r,
      const char *what)
{
  if (r->p >= r->end)
    g_set_error (r->error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX,
                 "%s at the end of the text (byte %" G_GSIZE_FORMAT ")", what,
                 (gsize) (r->end - r->data));
  else if ((guchar) *r->p >= 0x20 && (guchar) *r->p < 0x7f)
    g_set_error (r->error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX,
                 "%s at byte %" G_GSIZE_FORMAT " (‘%c’)", what, (gsize) (r->p - r->data), *r->p);
  else
    g_set_error (r->error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX,
                 "%s at byte %" G_GSIZE_FORMAT " (byte 0x%02x)", what, (gsize) (r->p - r->data),
                 (guchar) *r->p);
  return FALSE;
}

static inline void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at r->p (after "\u"); -1 when they are not. */
static int
read_hex4 (Reader *r)
{
  int v = 0;

  if (r->end - r->p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (r->p[i]);
      if (h < 0)
        return -1;
      v = v * 16 + h;
    }
  r->p += 4;
  return v;
}

/* Reads a string starting at the opening quote into @out (replacing its contents).  The
 * whole text was checked for UTF-8 beforehand, so only escapes and control characters
 * need looking at here. */
static gboolean
read_string (Reader  *r,
             GString *out)
{
  const char *run;

  g_string_truncate (out, 0);
  r->p++;   /* the opening quote */
  run = r->p;
  for (;;)
    {
      guchar c;

      /* the common case: a run of plain bytes */
      while (r->p < r->end && (guchar) *r->p >= 0x20 && *r->p != '"' && *r->p != '\\')
        r->p++;
      if (r->p >= r->end)
        return fail (r, "An unterminated string");
      c = (guchar) *r->p;
      g_string_append_len (out, run, r->p - run);
      if (c == '"')
        {
          r->p++;
          return TRUE;
        }
      if (c != '\\')
        return fail (r, "A control character inside a string");
      r->p++;
      if (r->p >= r->end)
        return fail (r, "An unterminated string");
      switch (*r->p++)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int u = read_hex4 (r);
            gunichar cp;

            if (u < 0)
              return fail (r, "A \\u escape without four hex digits");
            if (u >= 0xdc00 && u <= 0xdfff)
              return fail (r, "A \\u escape of a lone low surrogate");
            if (u >= 0xd800 && u <= 0xdbff)
              {
                int lo;

                if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
                  return fail (r, "A \\u escape of a high surrogate without its low half");
                r->p += 2;
                lo = read_hex4 (r);
                if (lo < 0xdc00 || lo > 0xdfff)
                  return fail (r, "A \\u escape of a high surrogate without its low half");
                cp = 0x10000 + (((gunichar) u - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
              }
            else
              cp = (gunichar) u;
            if (cp == 0)
              return fail (r, "A string holding U+0000 (\\u0000), which is not supported,");
            g_string_append_unichar (out, cp);
            break;
          }
        default:
          r->p--;
          return fail (r, "An invalid escape in a string");
        }
      run = r->p;
    }
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean negative = FALSE, integral = TRUE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;

  if (*r->p == '-')
    {
      negative = TRUE;
      r->p++;
    }
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return fail (r, "A number without digits"), NULL;
  if (*r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        return fail (r, "A number with a leading zero"), NULL;
    }
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      {
        guint d = *r->p++ - '0';

        if (magnitude > (G_MAXUINT64 - d) / 10)
          overflow = TRUE;
        else
          magnitude = magnitude * 10 + d;
      }
  if (r->p < r->end && *r->p == '.')
    {
      integral = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail (r, "A number without digits after its decimal point"), NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integral = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return fail (r, "A number without digits in its exponent"), NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  if (integral && !overflow)
    {
      if (!negative && magnitude <= (guint64) G_MAXINT64)
        return json_node_init_int (json_node_alloc (), (gint64) magnitude);
      if (negative && magnitude <= (guint64) G_MAXINT64 + 1)
        return json_node_init_int (json_node_alloc (),
                                   magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64
                                                                         : -(gint64) magnitude);
    }
  {
    /* g_ascii_strtod needs a NUL-terminated copy; numbers are short */
    double d;

    g_string_truncate (r->text, 0);
    g_string_append_len (r->text, start, r->p - start);
    d = g_ascii_strtod (r->text->str, NULL);
    if (!isfinite (d))
      {
        r->p = start;
        return fail (r, "A number too large for a double"), NULL;
      }
    return json_node_init_double (json_node_alloc (), d);
  }
}

static gboolean
read_literal (Reader     *r,
              const char *word,
              gsize       len)
{
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return fail (r, "An unexpected word");
  r->p += len;
  return TRUE;
}

/* Puts @node where the next value goes: the root, the open array, or the open object
 * under r->key.  Takes @node. */
static void
attach (Reader    *r,
        Frame     *stack,
        guint      depth,
        JsonNode **root,
        JsonNode  *node)
{
  if (depth == 0)
    *root = node;
  else if (stack[depth - 1].object != NULL)
    json_object_set_member (stack[depth - 1].object, r->key->str, node);
  else
    json_array_add_element (stack[depth - 1].array, node);
}

JsonNode *
caucus_json_read (const char  *data,
                  gsize        length,
                  guint        max_depth,
                  GError     **error)
{
  Reader r = { data, data, data + length, NULL, NULL, error };
  g_autoptr(JsonNode) root = NULL;
  g_autofree Frame *stack = NULL;
  guint depth = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      const char *bad = NULL;

      g_utf8_validate_len (data, length, &bad);
      g_set_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX,
                   "Not valid UTF-8 (or a NUL byte) at byte %" G_GSIZE_FORMAT,
                   (gsize) (bad - data));
      return NULL;
    }
  stack = g_new (Frame, max_depth);
  r.key = g_string_sized_new (64);
  r.text = g_string_sized_new (256);

  for (;;)
    {
      JsonNode *node;

      /* ---- a value ---- */
      skip_space (&r);
      if (r.p >= r.end)
        {
          fail (&r, "A value is missing");
          goto out;
        }
      switch (*r.p)
        {
        case '{':
        case '[':
          if (depth >= max_depth)
            {
              g_set_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_DEPTH,
                           "The text nests deeper than %u levels (byte %" G_GSIZE_FORMAT ")",
                           max_depth, (gsize) (r.p - r.data));
              goto out;
            }
          if (*r.p == '{')
            {
              JsonObject *o = json_object_new ();
              node = json_node_init_object (json_node_alloc (), o);
              stack[depth].object = o;
              stack[depth].array = NULL;
              json_object_unref (o);
            }
          else
            {
              JsonArray *a = json_array_new ();
              node = json_node_init_array (json_node_alloc (), a);
              stack[depth].object = NULL;
              stack[depth].array = a;
              json_array_unref (a);
            }
          attach (&r, stack, depth, &root, node);
          depth++;
          r.p++;
          skip_space (&r);
          if (r.p < r.end && *r.p == (stack[depth - 1].object ? '}' : ']'))
            {
              r.p++;
              depth--;
              break;   /* an empty container: go on after it */
            }
          if (stack[depth - 1].object != NULL)
            {
              if (r.p >= r.end || *r.p != '"')
                {
                  fail (&r, "A member name is missing");
                  goto out;
                }
              if (!read_string (&r, r.key))
                goto out;
              skip_space (&r);
              if (r.p >= r.end || *r.p != ':')
                {
                  fail (&r, "A ‘:’ is missing after a member name");
                  goto out;
                }
              r.p++;
            }
          continue;   /* the first value inside */
        case '"':
          if (!read_string (&r, r.text))
            goto out;
          node = json_node_init_string (json_node_alloc (), r.text->str);
          attach (&r, stack, depth, &root, node);
          break;
        case 't':
          if (!read_literal (&r, "true", 4))
            goto out;
          attach (&r, stack, depth, &root, json_node_init_boolean (json_node_alloc (), TRUE));
          break;
        case 'f':
          if (!read_literal (&r, "false", 5))
            goto out;
          attach (&r, stack, depth, &root, json_node_init_boolean (json_node_alloc (), FALSE));
          break;
        case 'n':
          if (!read_literal (&r, "null", 4))
            goto out;
          attach (&r, stack, depth, &root, json_node_init_null (json_node_alloc ()));
          break;
        default:
          if (*r.p != '-' && !g_ascii_isdigit (*r.p))
            {
              fail (&r, "An unexpected character");
              goto out;
            }
          node = read_number (&r);
          if (node == NULL)
            goto out;
          attach (&r, stack, depth, &root, node);
          break;
        }

      /* ---- after a value: a separator, or the end of containers ---- */
      for (;;)
        {
          Frame *top;

          skip_space (&r);
          if (depth == 0)
            {
              if (r.p != r.end)
                {
                  fail (&r, "Text follows the JSON value");
                  goto out;
                }
              ok = TRUE;
              goto out;
            }
          top = &stack[depth - 1];
          if (r.p >= r.end)
            {
              fail (&r, top->object ? "An unterminated object" : "An unterminated array");
              goto out;
            }
          if (*r.p == (top->object ? '}' : ']'))
            {
              r.p++;
              depth--;
              continue;
            }
          if (*r.p != ',')
            {
              fail (&r, top->object ? "A ‘,’ or ‘}’ is missing" : "A ‘,’ or ‘]’ is missing");
              goto out;
            }
          r.p++;
          if (top->object != NULL)
            {
              skip_space (&r);
              if (r.p >= r.end || *r.p != '"')
                {
                  fail (&r, "A member name is missing");
                  goto out;
                }
              if (!read_string (&r, r.key))
                goto out;
              skip_space (&r);
              if (r.p >= r.end || *r.p != ':')
                {
                  fail (&r, "A ‘:’ is missing after a member name");
                  goto out;
                }
              r.p++;
            }
          break;   /* the next value */
        }
    }

out:
  g_string_free (r.key, TRUE);
  g_string_free (r.text, TRUE);
  return ok ? g_steal_pointer (&root) : NULL;
}
