/* caucus-json-reader.c — see caucus-json-reader.h */
#include "caucus-json-reader.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (caucus-json-reader-error-quark, caucus_json_reader_error)

typedef struct {
  const char *data;
  const char *p;
  const char *end;
  GString    *key;      /* the member name the next value goes under */
  GString    *text;     /* a string value being decoded */
  gint64      int_value;
  double      double_value;
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

/* The length of the UTF-8 sequence at @p (whose first byte is ≥ 0x80) when it is a valid
 * one — no overlong forms, no surrogates, nothing above U+10FFFF: what g_utf8_validate()
 * accepts — else 0. */
static gsize
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar lo = 0x80, hi = 0xbf;
  gsize n;

  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    n = 2;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    {
      n = 3;
      if (p[0] == 0xe0)
        lo = 0xa0;
      else if (p[0] == 0xed)
        hi = 0x9f;
    }
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    {
      n = 4;
      if (p[0] == 0xf0)
        lo = 0x90;
      else if (p[0] == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;
  if ((gsize) (end - p) < n || p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < n; i++)
    if ((p[i] & 0xc0) != 0x80)
      return 0;
  return n;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether any of the eight bytes in @v ends a plain run of a string: a control character
 * (< 0x20), ‘"’, ‘\’ or a byte ≥ 0x80 (the start of a UTF-8 sequence, checked on its
 * own).  (v - 0x20…) & ~v & 0x80… has a high bit set exactly where some byte is < 0x20
 * — exact for the question "is there one", which is all that is asked; x ^ ‘"’… has a
 * zero byte where v has ‘"’, found the same way. */
static inline gboolean
word_ends_run (guint64 v)
{
  guint64 quote = v ^ (ONES * '"');
  guint64 backslash = v ^ (ONES * '\\');

  return ((v | ((v - ONES * 0x20) & ~v) | ((quote - ONES) & ~quote) |
           ((backslash - ONES) & ~backslash)) & HIGHS) != 0;
}

/* Reads a string starting at the opening quote into @out (replacing its contents).  The
 * text is checked for UTF-8 here, sequence by sequence: outside strings the grammar
 * allows only ASCII, so this is the only place where other bytes can be (the whole text
 * is checked in the one pass). */
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

      /* the common case: a run of plain ASCII, eight bytes at a time, then byte by byte */
      for (;;)
        {
          guint64 word;

          while (r->end - r->p >= 8)
            {
              memcpy (&word, r->p, 8);
              if (word_ends_run (word))
                break;
              r->p += 8;
            }
          while (r->p < r->end && (guchar) *r->p >= 0x20 && (guchar) *r->p < 0x80 &&
                 *r->p != '"' && *r->p != '\\')
            r->p++;
          if (r->p < r->end && (guchar) *r->p >= 0x80)
            {
              gsize n = utf8_sequence ((const guchar *) r->p, (const guchar *) r->end);

              if (n == 0)
                return fail (r, "Not valid UTF-8");
              r->p += n;
              continue;
            }
          break;
        }
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

/* Reads a number into r->int_value (returns CAUCUS_JSON_INT) or r->double_value
 * (CAUCUS_JSON_DOUBLE); CAUCUS_JSON_ERROR when it is not one. */
static CaucusJsonToken
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
    return fail (r, "A number without digits"), CAUCUS_JSON_ERROR;
  if (*r->p == '0')
    {
      r->p++;
      if (r->p < r->end && g_ascii_isdigit (*r->p))
        return fail (r, "A number with a leading zero"), CAUCUS_JSON_ERROR;
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
        return fail (r, "A number without digits after its decimal point"), CAUCUS_JSON_ERROR;
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
        return fail (r, "A number without digits in its exponent"), CAUCUS_JSON_ERROR;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }

  if (integral && !overflow)
    {
      if (!negative && magnitude <= (guint64) G_MAXINT64)
        {
          r->int_value = (gint64) magnitude;
          return CAUCUS_JSON_INT;
        }
      if (negative && magnitude <= (guint64) G_MAXINT64 + 1)
        {
          r->int_value = magnitude == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) magnitude;
          return CAUCUS_JSON_INT;
        }
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
        return fail (r, "A number too large for a double"), CAUCUS_JSON_ERROR;
      }
    r->double_value = d;
    return CAUCUS_JSON_DOUBLE;
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

/* Reads a member name into r->key and the ‘:’ after it (spaces allowed around both), for
 * the first member of an object and for every one after a comma. */
static gboolean
read_member_name (Reader *r)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return fail (r, "A member name is missing");
  if (!read_string (r, r->key))
    return FALSE;
  skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    return fail (r, "A ‘:’ is missing after a member name");
  r->p++;
  return TRUE;
}

/* ---- the scanner: one token at a time ----------------------------------------------- */

typedef enum {
  STATE_VALUE,    /* a value comes next */
  STATE_FIRST,    /* just inside a container: its end or its first member or element */
  STATE_AFTER,    /* after a value: a separator, the end of a container or of the text */
  STATE_DONE,     /* the text is over */
  STATE_FAILED,
} State;

typedef struct {
  JsonObject *object;   /* exactly one of these is set */
  JsonArray  *array;
} Frame;

struct _CaucusJsonScanner {
  Reader    r;
  guint     max_depth;
  guint     depth;
  guint8   *in_object;  /* per open container: an object (1) or an array (0) */
  State     state;
  gboolean  has_key;    /* the value just read is a member of an object, named r.key */
  gboolean  boolean;
  Frame    *frames;     /* caucus_json_scanner_build()'s stack, made on first use */
};

CaucusJsonScanner *
caucus_json_scanner_new (const char *data,
                         gsize       length,
                         guint       max_depth)
{
  CaucusJsonScanner *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  self = g_new0 (CaucusJsonScanner, 1);
  self->r.data = data;
  self->r.p = data;
  self->r.end = data + length;
  self->r.key = g_string_sized_new (64);
  self->r.text = g_string_sized_new (256);
  self->max_depth = max_depth;
  self->in_object = g_new (guint8, max_depth);
  self->state = STATE_VALUE;
  return self;
}

void
caucus_json_scanner_reset (CaucusJsonScanner *self,
                           const char        *data,
                           gsize              length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  self->r.data = data;
  self->r.p = data;
  self->r.end = data + length;
  self->r.error = NULL;
  self->depth = 0;
  self->has_key = FALSE;
  self->state = STATE_VALUE;
}

void
caucus_json_scanner_free (CaucusJsonScanner *self)
{
  if (self == NULL)
    return;
  g_string_free (self->r.key, TRUE);
  g_string_free (self->r.text, TRUE);
  g_free (self->in_object);
  g_free (self->frames);
  g_free (self);
}

static CaucusJsonToken
close_container (CaucusJsonScanner *self)
{
  self->r.p++;
  self->depth--;
  self->has_key = FALSE;
  self->state = STATE_AFTER;
  return self->in_object[self->depth] ? CAUCUS_JSON_END_OBJECT : CAUCUS_JSON_END_ARRAY;
}

gsize
caucus_json_scanner_get_offset (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (gsize) (self->r.p - self->r.data);
}

CaucusJsonToken
caucus_json_scanner_next (CaucusJsonScanner  *self,
                          GError            **error)
{
  Reader *r;
  CaucusJsonToken token;

  g_return_val_if_fail (self != NULL, CAUCUS_JSON_ERROR);

  r = &self->r;
  r->error = error;
  switch (self->state)
    {
    case STATE_FAILED:
      g_set_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_SYNTAX,
                   "The text was already found not to be JSON (byte %" G_GSIZE_FORMAT ")",
                   (gsize) (r->p - r->data));
      return CAUCUS_JSON_ERROR;
    case STATE_DONE:
      return CAUCUS_JSON_END;
    case STATE_FIRST:
      skip_space (r);
      if (r->p < r->end && *r->p == (self->in_object[self->depth - 1] ? '}' : ']'))
        return close_container (self);   /* an empty container */
      if (self->in_object[self->depth - 1] && !read_member_name (r))
        goto failed;
      break;
    case STATE_AFTER:
      {
        gboolean object;

        skip_space (r);
        if (self->depth == 0)
          {
            if (r->p != r->end)
              {
                fail (r, "Text follows the JSON value");
                goto failed;
              }
            self->state = STATE_DONE;
            return CAUCUS_JSON_END;
          }
        object = self->in_object[self->depth - 1];
        if (r->p >= r->end)
          {
            fail (r, object ? "An unterminated object" : "An unterminated array");
            goto failed;
          }
        if (*r->p == (object ? '}' : ']'))
          return close_container (self);
        if (*r->p != ',')
          {
            fail (r, object ? "A ‘,’ or ‘}’ is missing" : "A ‘,’ or ‘]’ is missing");
            goto failed;
          }
        r->p++;
        if (object && !read_member_name (r))
          goto failed;
        break;
      }
    case STATE_VALUE:
    default:
      break;
    }

  /* ---- a value ---- */
  self->has_key = self->depth > 0 && self->in_object[self->depth - 1];
  skip_space (r);
  if (r->p >= r->end)
    {
      fail (r, "A value is missing");
      goto failed;
    }
  switch (*r->p)
    {
    case '{':
    case '[':
      if (self->depth >= self->max_depth)
        {
          g_set_error (error, CAUCUS_JSON_READER_ERROR, CAUCUS_JSON_READER_ERROR_DEPTH,
                       "The text nests deeper than %u levels (byte %" G_GSIZE_FORMAT ")",
                       self->max_depth, (gsize) (r->p - r->data));
          goto failed;
        }
      self->in_object[self->depth++] = *r->p == '{';
      r->p++;
      self->state = STATE_FIRST;
      return self->in_object[self->depth - 1] ? CAUCUS_JSON_BEGIN_OBJECT : CAUCUS_JSON_BEGIN_ARRAY;
    case '"':
      if (!read_string (r, r->text))
        goto failed;
      token = CAUCUS_JSON_STRING;
      break;
    case 't':
      if (!read_literal (r, "true", 4))
        goto failed;
      self->boolean = TRUE;
      token = CAUCUS_JSON_BOOLEAN;
      break;
    case 'f':
      if (!read_literal (r, "false", 5))
        goto failed;
      self->boolean = FALSE;
      token = CAUCUS_JSON_BOOLEAN;
      break;
    case 'n':
      if (!read_literal (r, "null", 4))
        goto failed;
      token = CAUCUS_JSON_NULL;
      break;
    default:
      if (*r->p != '-' && !g_ascii_isdigit (*r->p))
        {
          fail (r, "An unexpected character");
          goto failed;
        }
      token = read_number (r);
      if (token == CAUCUS_JSON_ERROR)
        goto failed;
      break;
    }
  self->state = STATE_AFTER;
  return token;

failed:
  self->state = STATE_FAILED;
  return CAUCUS_JSON_ERROR;
}

const char *
caucus_json_scanner_get_key (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_key ? self->r.key->str : NULL;
}

const char *
caucus_json_scanner_get_string (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->r.text->str;
}

gint64
caucus_json_scanner_get_int (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->r.int_value;
}

double
caucus_json_scanner_get_double (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->r.double_value;
}

gboolean
caucus_json_scanner_get_boolean (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->boolean;
}

guint
caucus_json_scanner_get_depth (CaucusJsonScanner *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->depth;
}

/* The node of a scalar token next() just returned; NULL for any other token. */
static JsonNode *
scalar_node (CaucusJsonScanner *self,
             CaucusJsonToken    token)
{
  switch (token)
    {
    case CAUCUS_JSON_STRING:
      return json_node_init_string (json_node_alloc (), self->r.text->str);
    case CAUCUS_JSON_INT:
      return json_node_init_int (json_node_alloc (), self->r.int_value);
    case CAUCUS_JSON_DOUBLE:
      return json_node_init_double (json_node_alloc (), self->r.double_value);
    case CAUCUS_JSON_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), self->boolean);
    case CAUCUS_JSON_NULL:
      return json_node_init_null (json_node_alloc ());
    case CAUCUS_JSON_BEGIN_OBJECT:
    case CAUCUS_JSON_END_OBJECT:
    case CAUCUS_JSON_BEGIN_ARRAY:
    case CAUCUS_JSON_END_ARRAY:
    case CAUCUS_JSON_END:
    case CAUCUS_JSON_ERROR:
    default:
      return NULL;
    }
}

/* A new container node for a BEGIN token, opened as @frame. */
static JsonNode *
container_node (CaucusJsonToken  token,
                Frame           *frame)
{
  JsonNode *node;

  if (token == CAUCUS_JSON_BEGIN_OBJECT)
    {
      JsonObject *o = json_object_new ();
      node = json_node_init_object (json_node_alloc (), o);
      frame->object = o;
      frame->array = NULL;
      json_object_unref (o);
    }
  else
    {
      JsonArray *a = json_array_new ();
      node = json_node_init_array (json_node_alloc (), a);
      frame->object = NULL;
      frame->array = a;
      json_array_unref (a);
    }
  return node;
}

JsonNode *
caucus_json_scanner_build (CaucusJsonScanner  *self,
                           CaucusJsonToken     first,
                           GError            **error)
{
  JsonNode *root;
  guint top = 0;   /* containers open in this call */

  g_return_val_if_fail (self != NULL, NULL);

  if (first != CAUCUS_JSON_BEGIN_OBJECT && first != CAUCUS_JSON_BEGIN_ARRAY)
    {
      root = scalar_node (self, first);
      g_return_val_if_fail (root != NULL, NULL);
      return root;
    }
  if (self->frames == NULL)
    self->frames = g_new (Frame, self->max_depth);
  root = container_node (first, &self->frames[top++]);
  while (top > 0)
    {
      CaucusJsonToken token = caucus_json_scanner_next (self, error);
      Frame *parent = &self->frames[top - 1];
      JsonNode *node;

      switch (token)
        {
        case CAUCUS_JSON_END_OBJECT:
        case CAUCUS_JSON_END_ARRAY:
          top--;
          continue;
        case CAUCUS_JSON_BEGIN_OBJECT:
        case CAUCUS_JSON_BEGIN_ARRAY:
          /* depth is bounded by max_depth in next(), and so is top */
          node = container_node (token, &self->frames[top++]);
          break;
        case CAUCUS_JSON_STRING:
        case CAUCUS_JSON_INT:
        case CAUCUS_JSON_DOUBLE:
        case CAUCUS_JSON_BOOLEAN:
        case CAUCUS_JSON_NULL:
          node = scalar_node (self, token);
          break;
        case CAUCUS_JSON_END:     /* only at depth 0, so never here */
        case CAUCUS_JSON_ERROR:
        default:
          json_node_unref (root);
          return NULL;
        }
      if (parent->object != NULL)
        json_object_set_member (parent->object, self->r.key->str, node);
      else
        json_array_add_element (parent->array, node);
    }
  return root;
}

gboolean
caucus_json_scanner_skip (CaucusJsonScanner  *self,
                          CaucusJsonToken     first,
                          GError            **error)
{
  guint depth;

  g_return_val_if_fail (self != NULL, FALSE);

  if (first == CAUCUS_JSON_ERROR)
    return FALSE;
  if (first != CAUCUS_JSON_BEGIN_OBJECT && first != CAUCUS_JSON_BEGIN_ARRAY)
    return TRUE;
  depth = self->depth;
  for (;;)
    {
      CaucusJsonToken token = caucus_json_scanner_next (self, error);

      if (token == CAUCUS_JSON_ERROR || token == CAUCUS_JSON_END)
        return FALSE;
      if ((token == CAUCUS_JSON_END_OBJECT || token == CAUCUS_JSON_END_ARRAY) && self->depth < depth)
        return TRUE;
    }
}

JsonNode *
caucus_json_read (const char  *data,
                  gsize        length,
                  guint        max_depth,
                  GError     **error)
{
  g_autoptr(CaucusJsonScanner) scanner = NULL;
  g_autoptr(JsonNode) root = NULL;
  CaucusJsonToken first;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0, NULL);

  /* UTF-8 is checked inside strings, the only place the grammar lets other bytes than
   * ASCII be (a NUL byte is a control character there and unexpected elsewhere). */
  scanner = caucus_json_scanner_new (data, length, max_depth);
  first = caucus_json_scanner_next (scanner, error);
  if (first == CAUCUS_JSON_ERROR)
    return NULL;
  root = caucus_json_scanner_build (scanner, first, error);
  if (root == NULL)
    return NULL;
  /* the text must end after the value */
  if (caucus_json_scanner_next (scanner, error) != CAUCUS_JSON_END)
    return NULL;
  return g_steal_pointer (&root);
}
