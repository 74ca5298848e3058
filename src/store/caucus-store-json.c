/* caucus-store-json.c — strict JSON parsing, the canonical serialisation revision ids
 * are computed from, and id/rev validation.
 *
 * json-glib parses; the writer is ours because json-glib's generator neither sorts keys
 * (the canonical form needs byte-ordered keys so that every replica computes the same
 * revision id) nor prints doubles in their shortest round-trip form. */
#include "caucus-store-private.h"

#include <math.h>
#include <string.h>

static const char hex_digits[] = "0123456789abcdef";

/* Appends @s as a JSON string, checking that it is UTF-8, in one pass: ASCII is checked
 * for what needs escaping, and each run of non-ASCII bytes (a multi-byte character has no
 * ASCII byte in it, so a valid run is whole characters) is validated as it is met; runs of
 * plain bytes are copied at once. */
static gboolean
write_string (GString    *out,
              const char *s,
              GError    **error)
{
  const unsigned char *p = (const unsigned char *) s;
  const unsigned char *run = p;

  g_string_append_c (out, '"');
  for (;;)
    {
      unsigned char c = *p;

      if (G_LIKELY (c >= 0x20 && c < 0x80 && c != '"' && c != '\\'))
        {
          p++;
          continue;
        }
      if (c >= 0x80)
        {
          const unsigned char *q = p + 1;

          while (*q >= 0x80)
            q++;
          if (!g_utf8_validate_len ((const char *) p, q - p, NULL))
            {
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                           "The document contains text that is not valid UTF-8");
              return FALSE;
            }
          p = q;
          continue;
        }
      if (c == '\0')
        break;
      g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        default:
          g_string_append_len (out, "\\u00", 4);
          g_string_append_c (out, hex_digits[c >> 4]);
          g_string_append_c (out, hex_digits[c & 0xf]);
          break;
        }
      p++;
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
  return TRUE;
}

static gboolean
write_double (GString *out,
              double   d,
              GError **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Numbers must be finite; NaN and infinity are not JSON");
      return FALSE;
    }
  /* the shortest of %.15g, %.16g, %.17g that reads back as the same double */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  g_string_append (out, buf);
  return TRUE;
}

int
caucus_json_member_compare (gconstpointer a,
                            gconstpointer b)
{
  return strcmp (((const CaucusJsonMember *) a)->name, ((const CaucusJsonMember *) b)->name);
}

static gboolean write_node (GString *out, GString *text, JsonNode *node, gboolean sorted,
                            gboolean skip_reserved, guint depth, GError **error);

static gboolean
write_object (GString    *out,
              GString    *text,
              JsonObject *object,
              gboolean    sorted,
              gboolean    skip_reserved,
              guint       depth,
              GError    **error)
{
  guint size = json_object_get_size (object);
  /* each name with its node, as the iterator yields them: looking every member up
   * again by name was a hash lookup per member (3% of a canonical body) */
  CaucusJsonMember small[32];
  g_autofree CaucusJsonMember *large = NULL;
  CaucusJsonMember *names = small;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint n = 0;

  if (size > G_N_ELEMENTS (small))
    names = large = g_new (CaucusJsonMember, size);
  if (sorted)
    {
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (skip_reserved && name[0] == '_')
            continue;
          names[n].name = name;
          names[n++].node = member;
        }
      if (n > 1)
        qsort (names, n, sizeof (CaucusJsonMember), caucus_json_member_compare);
    }
  else
    {
      /* insertion order, as the document was built */
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        if (!(skip_reserved && ((const char *) l->data)[0] == '_'))
          {
            names[n].name = l->data;
            names[n++].node = json_object_get_member (object, l->data);
          }
      g_list_free (members);
    }

  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (!write_string (out, names[i].name, error))
        return FALSE;
      g_string_append_c (out, ':');
      /* the searchable text leaves out what is under some members (search.c) */
      if (!write_node (out, text != NULL && !caucus_search_skip_member (names[i].name) ? text : NULL,
                       names[i].node, sorted, FALSE, depth + 1, error))
        return FALSE;
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
write_node (GString  *out,
            GString  *text,
            JsonNode *node,
            gboolean  sorted,
            gboolean  skip_reserved,
            guint     depth,
            GError  **error)
{
  if (depth > CAUCUS_JSON_MAX_DEPTH)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The document nests deeper than %d levels", CAUCUS_JSON_MAX_DEPTH);
      return FALSE;
    }
  if (out->len > CAUCUS_STORE_MAX_DOC_SIZE)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_TOO_LARGE,
                   "The document is larger than %d MiB", CAUCUS_STORE_MAX_DOC_SIZE / (1024 * 1024));
      return FALSE;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return write_object (out, text, json_node_get_object (node), sorted, skip_reserved, depth, error);

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint len = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < len; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!write_node (out, text, json_array_get_element (array, i), sorted, FALSE, depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            if (!write_string (out, json_node_get_string (node), error))
              return FALSE;
            if (text != NULL)
              {
                if (text->len > 0)
                  g_string_append_c (text, ' ');
                caucus_search_fold_append (text, json_node_get_string (node));
              }
          }
        else if (type == G_TYPE_INT64 || type == G_TYPE_INT || type == G_TYPE_LONG)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT)
          return write_double (out, json_node_get_double (node), error);
        else
          {
            g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                         "The document holds a value of type %s, which JSON cannot carry",
                         g_type_name (type));
            return FALSE;
          }
        return TRUE;
      }

    default:
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The document holds an unknown JSON node");
      return FALSE;
    }
}

static gboolean
write_top (GString  *out,
           GString  *text,
           JsonNode *node,
           gboolean  sorted,
           gboolean  skip_reserved,
           GError  **error)
{
  if (!write_node (out, text, node, sorted, skip_reserved, 1, error))
    return FALSE;
  if (out->len > CAUCUS_STORE_MAX_DOC_SIZE)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_TOO_LARGE,
                   "The document is larger than %d MiB", CAUCUS_STORE_MAX_DOC_SIZE / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_json_write (GString  *out,
                   JsonNode *node,
                   gboolean  sorted,
                   gboolean  skip_reserved,
                   GError  **error)
{
  return write_top (out, NULL, node, sorted, skip_reserved, error);
}

gboolean
caucus_json_write_with_text (GString  *out,
                             GString  *text,
                             JsonNode *node,
                             GError  **error)
{
  return write_top (out, text, node, TRUE, TRUE, error);
}

gboolean
caucus_json_append_double (GString *out,
                           double   d,
                           GError **error)
{
  return write_double (out, d, error);
}

gboolean
caucus_json_append_string (GString    *out,
                           const char *s,
                           GError    **error)
{
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (s != NULL, FALSE);

  len = out->len;
  if (!write_string (out, s, error))
    {
      g_string_truncate (out, len);
      return FALSE;
    }
  return TRUE;
}

char *
caucus_json_to_string (JsonNode *node,
                       gsize    *length)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  if (!write_node (out, NULL, node, FALSE, FALSE, 1, NULL))
    {
      /* only for values no JSON text can hold; fall back on json-glib's own writer */
      g_string_free (out, TRUE);
      return json_to_string (node, FALSE);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Measures the nesting of JSON text without building it, so that a hostile document
 * cannot drive the recursive parser into the stack limit. */
static gboolean
check_depth (const char *json,
             gsize       length,
             guint       max_depth,
             GError    **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                           "The JSON nests deeper than %u levels", max_depth);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonObject *
caucus_json_parse_object (const char *json,
                          gssize      length,
                          guint       max_depth,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize len;

  g_return_val_if_fail (json != NULL, NULL);

  len = length < 0 ? strlen (json) : (gsize) length;
  if (len > CAUCUS_STORE_MAX_DOC_SIZE * 2)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_TOO_LARGE,
                   "The JSON text is larger than %d MiB", CAUCUS_STORE_MAX_DOC_SIZE * 2 / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate_len (json, len, NULL))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The JSON text is not valid UTF-8");
      return NULL;
    }
  if (!check_depth (json, len, max_depth, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, len, &local_error))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Invalid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "The JSON text is not an object (a document must be {…})");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* For bodies the store wrote itself. */
JsonObject *
caucus_json_parse_trusted (const char *json,
                           gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, NULL))
    return json_object_new ();
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

gboolean
caucus_store_validate_id (const char *id,
                          GError    **error)
{
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Document id is empty");
      return FALSE;
    }
  if (!g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Document id is not valid UTF-8");
      return FALSE;
    }
  if (strlen (id) > 1024)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Document id is longer than 1024 bytes");
      return FALSE;
    }
  if (id[0] == '_')
    {
      if ((g_str_has_prefix (id, "_local/") && id[7] != '\0') ||
          (g_str_has_prefix (id, "_design/") && id[8] != '\0'))
        return TRUE;
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Document id “%s” starts with an underscore; only _local/ and _design/ "
                   "ids may", id);
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_rev_parse (const char  *rev,
                  guint64     *generation,
                  const char **hash)
{
  guint64 gen = 0;
  const char *p = rev;
  gsize hash_len = 0;

  if (rev == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (gen > (G_MAXINT64 - 9) / 10)
        return FALSE;
      gen = gen * 10 + (guint64) (*p - '0');
    }
  if (*p != '-' || p - rev > 1 + 18)
    return FALSE;
  if (rev[0] == '0' && p - rev > 1)
    return FALSE;  /* no leading zeros */
  p++;
  for (const char *h = p; *h != '\0'; h++, hash_len++)
    if (!g_ascii_isxdigit (*h) || g_ascii_isupper (*h))
      return FALSE;
  if (hash_len == 0 || hash_len > 128)
    return FALSE;
  if (generation != NULL)
    *generation = gen;
  if (hash != NULL)
    *hash = p;
  return TRUE;
}
