/* caucus-csv-import.c — reading directory spreadsheets with libcsv: the encoding check,
 * the delimiter, the header row, the proposed column mapping, and rows into records.
 *
 * libcsv parses RFC 4180 (quotes, doubled quotes, newlines inside quotes) in strict mode,
 * so a stray quote is an error, not a silently shifted row.  It does not count lines, so
 * the data is fed to it one physical line at a time: a record starts on the line being
 * fed when the previous record has ended, which gives every row (and every error) its
 * line number in the file as a spreadsheet app would show it. */
#include "caucus-directory-private.h"
#include "caucus-formats-error.h"

#include <csv.h>
#include <string.h>

#define SNIFF_ROWS 50

typedef gboolean (*RowFunc) (GPtrArray *cells, guint line, gpointer user_data, GError **error);

typedef struct {
  GPtrArray *cells;
  guint      line;          /* the physical line being fed */
  guint      record_line;   /* where the current record started */
  gboolean   at_boundary;   /* no record is in progress */
  guint      n_rows;
  guint      max_rows;      /* 0: all */
  RowFunc    func;
  gpointer   user_data;
  GError    *error;         /* from func */
  gboolean   stop;
} ParseState;

static int
is_space_cb (unsigned char c)
{
  return c == ' ';
}

static void
field_cb (void  *field,
          size_t length,
          void  *data)
{
  ParseState *state = data;

  if (state->stop)
    return;
  g_ptr_array_add (state->cells, g_strndup (field != NULL ? field : "", length));
}

static void
row_cb (int   c,
        void *data)
{
  ParseState *state = data;

  state->at_boundary = TRUE;
  if (state->stop)
    {
      g_ptr_array_set_size (state->cells, 0);
      return;
    }
  if (state->func != NULL && !state->func (state->cells, state->record_line, state->user_data, &state->error))
    state->stop = TRUE;
  g_ptr_array_set_size (state->cells, 0);
  state->n_rows++;
  if (state->max_rows > 0 && state->n_rows >= state->max_rows)
    state->stop = TRUE;
}

static gboolean
line_is_blank (const char *line,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (line[i] != '\r' && line[i] != '\n' && line[i] != ' ')
      return FALSE;
  return TRUE;
}

/* Calls @func for every row of @data (past any BOM).  Stops after @max_rows rows (0: all). */
static gboolean
parse_rows (const char *data,
            gsize       length,
            const char *source,
            char        delimiter,
            guint       max_rows,
            RowFunc     func,
            gpointer    user_data,
            GError    **error)
{
  struct csv_parser parser;
  ParseState state = { 0 };
  gsize pos = 0;
  gboolean ok = TRUE;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE, "Out of memory reading %s", source);
      return FALSE;
    }
  csv_set_delim (&parser, (unsigned char) delimiter);
  csv_set_space_func (&parser, is_space_cb);
  state.cells = g_ptr_array_new_with_free_func (g_free);
  state.at_boundary = TRUE;
  state.max_rows = max_rows;
  state.func = func;
  state.user_data = user_data;

  while (pos < length && !state.stop)
    {
      const char *nl = memchr (data + pos, '\n', length - pos);
      gsize line_length = nl != NULL ? (gsize) (nl - (data + pos)) + 1 : length - pos;

      state.line++;
      if (state.at_boundary && !line_is_blank (data + pos, line_length))
        {
          state.record_line = state.line;
          state.at_boundary = FALSE;
        }
      if (csv_parse (&parser, data + pos, line_length, field_cb, row_cb, &state) != line_length &&
          !state.stop)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                       "%s:%u: %s: a quote inside a field that does not start with one, or text "
                       "after a closing quote (quote the whole field and double the quotes inside); "
                       "nothing was imported",
                       source, state.line, csv_strerror (csv_error (&parser)));
          ok = FALSE;
          break;
        }
      pos += line_length;
    }
  if (ok && !state.stop && csv_fini (&parser, field_cb, row_cb, &state) != 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                   "%s:%u: a quoted field starts here and is never closed; nothing was imported",
                   source, state.record_line);
      ok = FALSE;
    }
  if (ok && state.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state.error));
      ok = FALSE;
    }
  g_clear_error (&state.error);
  csv_free (&parser);
  g_ptr_array_unref (state.cells);
  return ok;
}

/* ---- sniffing ---------------------------------------------------------------------- */

typedef struct {
  GPtrArray *rows;    /* GStrv */
  GArray    *lines;   /* guint */
} Sample;

static gboolean
sample_row_cb (GPtrArray *cells,
               guint      line,
               gpointer   user_data,
               GError   **error)
{
  Sample *sample = user_data;
  GStrv row = g_new0 (char *, cells->len + 1);

  for (guint i = 0; i < cells->len; i++)
    row[i] = g_strdup (g_ptr_array_index (cells, i));
  g_ptr_array_add (sample->rows, row);
  g_array_append_val (sample->lines, line);
  return TRUE;
}

static void
sample_clear (Sample *sample)
{
  g_clear_pointer (&sample->rows, g_ptr_array_unref);
  g_clear_pointer (&sample->lines, g_array_unref);
}

static gboolean
sample_read (Sample     *sample,
             const char *data,
             gsize       length,
             const char *source,
             char        delimiter,
             GError    **error)
{
  sample->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sample->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  return parse_rows (data, length, source, delimiter, SNIFF_ROWS, sample_row_cb, sample, error);
}

/* How well a delimiter splits the sample: the columns of the first row (the header, or
 * the first record), times two, plus one when at least four rows in five have as many.
 * Rows that are shorter or longer than the first are common in hand-kept sheets, so
 * consistency only breaks ties. */
static guint
delimiter_score (Sample *sample)
{
  guint first, same = 0;

  if (sample->rows->len == 0)
    return 0;
  first = g_strv_length (g_ptr_array_index (sample->rows, 0));
  for (guint i = 0; i < sample->rows->len; i++)
    if (g_strv_length (g_ptr_array_index (sample->rows, i)) == first)
      same++;
  return first * 2 + (same * 5 >= sample->rows->len * 4 ? 1 : 0);
}

void
caucus_csv_mapping_free (CaucusCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->doc_type);
  g_strfreev (mapping->headers);
  g_free (mapping->fields);
  g_free (mapping);
}

static gboolean
is_set_field (CaucusDirectoryField field)
{
  return field == CAUCUS_DIRECTORY_FIELD_IGNORE || field == CAUCUS_DIRECTORY_FIELD_NOTES ||
         field == CAUCUS_DIRECTORY_FIELD_TAGS || field == CAUCUS_DIRECTORY_FIELD_EXPERTISE ||
         field == CAUCUS_DIRECTORY_FIELD_COUNTRY || field == CAUCUS_DIRECTORY_FIELD_LANGUAGES;
}

static gboolean
has_field (CaucusCsvMapping     *mapping,
           CaucusDirectoryField  field)
{
  for (guint i = 0; i < mapping->n_columns; i++)
    if (mapping->fields[i] == field)
      return TRUE;
  return FALSE;
}

/* A column's field guessed from its values (files without a header row). */
static CaucusDirectoryField
guess_from_values (Sample *sample,
                   guint   column,
                   guint   first_row)
{
  guint n = 0, emails = 0, urls = 0, countries = 0, groups = 0;

  for (guint r = first_row; r < sample->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (sample->rows, r);
      const char *value = column < g_strv_length (row) ? row[column] : "";
      g_autofree char *url = NULL;

      if (*value == '\0')
        continue;
      n++;
      url = g_str_has_prefix (value, "www.") ? g_strconcat ("https://", value, NULL) : g_strdup (value);
      emails += caucus_is_email (value);
      urls += caucus_is_web_url (url);
      countries += _caucus_directory_country_code (value) != NULL;
      groups += _caucus_directory_regional_group (value) != NULL;
    }
  if (n == 0)
    return CAUCUS_DIRECTORY_FIELD_IGNORE;
  if (emails * 2 > n)
    return CAUCUS_DIRECTORY_FIELD_EMAIL;
  if (urls * 2 > n)
    return CAUCUS_DIRECTORY_FIELD_WEBSITE;
  if (groups == n)
    return CAUCUS_DIRECTORY_FIELD_REGIONAL_GROUP;
  if (countries == n)
    return CAUCUS_DIRECTORY_FIELD_COUNTRY;
  return CAUCUS_DIRECTORY_FIELD_NAME;
}

/* People when the rows name a person (a name next to an organisation, a title or a given
 * name), organisations when only an organisation is named or org-only fields appear. */
static void
choose_type (CaucusCsvMapping *mapping)
{
  gboolean name = has_field (mapping, CAUCUS_DIRECTORY_FIELD_NAME);
  gboolean person = has_field (mapping, CAUCUS_DIRECTORY_FIELD_TITLE) ||
                    has_field (mapping, CAUCUS_DIRECTORY_FIELD_GIVEN_NAME) ||
                    has_field (mapping, CAUCUS_DIRECTORY_FIELD_LANGUAGES) ||
                    (name && has_field (mapping, CAUCUS_DIRECTORY_FIELD_ORG));
  gboolean org = has_field (mapping, CAUCUS_DIRECTORY_FIELD_SHORT_NAME) ||
                 has_field (mapping, CAUCUS_DIRECTORY_FIELD_KIND) ||
                 has_field (mapping, CAUCUS_DIRECTORY_FIELD_WEBSITE) ||
                 !name;

  g_free (mapping->doc_type);
  mapping->doc_type = g_strdup (person || !org ? "person" : "org");
}

CaucusCsvMapping *
caucus_csv_sniff (const char  *data,
                  gsize        length,
                  const char  *source_name,
                  GError     **error)
{
  static const char delimiters[] = { ';', ',', '\t' };
  g_autoptr(CaucusCsvMapping) mapping = g_new0 (CaucusCsvMapping, 1);
  const char *source = source_name != NULL ? source_name : "The CSV file";
  g_autoptr(GError) first_error = NULL;
  Sample best = { 0 };
  guint best_columns = 0;
  gsize offset = 0;
  GStrv first;
  guint n_known = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!_caucus_directory_check_utf8 (data, length, source, &offset, &mapping->has_bom, error))
    return NULL;
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      Sample sample = { 0 };
      g_autoptr(GError) local_error = NULL;
      guint columns;

      if (!sample_read (&sample, data + offset, length - offset, source, delimiters[d], &local_error))
        {
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          sample_clear (&sample);
          continue;
        }
      columns = delimiter_score (&sample);
      if (best.rows == NULL || columns > best_columns)
        {
          sample_clear (&best);
          best = sample;
          best_columns = columns;
          mapping->delimiter = delimiters[d];
        }
      else
        sample_clear (&sample);
    }
  if (best.rows == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }
  if (best.rows->len == 0)
    {
      sample_clear (&best);
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s has no rows; nothing was imported", source);
      return NULL;
    }

  first = g_ptr_array_index (best.rows, 0);
  for (guint i = 0; first[i] != NULL; i++)
    {
      if (_caucus_directory_header_field (first[i]) != CAUCUS_DIRECTORY_FIELD_IGNORE)
        n_known++;
      if (caucus_is_email (first[i]) || caucus_is_web_url (first[i]))
        {
          n_known = 0;   /* a data row, not a header */
          break;
        }
    }
  /* A header row says how many columns there are; without one, the widest row does. */
  mapping->n_columns = g_strv_length (first);
  for (guint r = 1; n_known == 0 && r < best.rows->len; r++)
    mapping->n_columns = MAX (mapping->n_columns, g_strv_length (g_ptr_array_index (best.rows, r)));
  mapping->headers = g_new0 (char *, mapping->n_columns + 1);
  mapping->fields = g_new0 (CaucusDirectoryField, mapping->n_columns);
  mapping->has_header = n_known > 0;
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      CaucusDirectoryField field;

      mapping->headers[i] = g_strdup (mapping->has_header && i < g_strv_length (first) ? first[i] : "");
      field = mapping->has_header ? _caucus_directory_header_field (mapping->headers[i])
                                  : guess_from_values (&best, i, 0);
      /* One column per single-valued field: the first one wins, the others are left
       * for the person to map. */
      if (!is_set_field (field) && field != CAUCUS_DIRECTORY_FIELD_NAME && has_field (mapping, field))
        field = CAUCUS_DIRECTORY_FIELD_IGNORE;
      if (!mapping->has_header && field == CAUCUS_DIRECTORY_FIELD_NAME && has_field (mapping, field))
        field = CAUCUS_DIRECTORY_FIELD_IGNORE;
      mapping->fields[i] = field;
    }
  /* "Nom" next to "Prénom" is the family name; two full-name columns are one too many. */
  if (!has_field (mapping, CAUCUS_DIRECTORY_FIELD_GIVEN_NAME))
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < mapping->n_columns; i++)
        if (mapping->fields[i] == CAUCUS_DIRECTORY_FIELD_NAME)
          {
            if (seen)
              mapping->fields[i] = CAUCUS_DIRECTORY_FIELD_IGNORE;
            seen = TRUE;
          }
    }
  choose_type (mapping);
  sample_clear (&best);
  return g_steal_pointer (&mapping);
}

JsonNode *
caucus_csv_mapping_to_json (CaucusCsvMapping *mapping)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char delimiter[2] = { 0 };

  g_return_val_if_fail (mapping != NULL, NULL);

  delimiter[0] = mapping->delimiter;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, mapping->doc_type);
  json_builder_set_member_name (builder, "delimiter");
  json_builder_add_string_value (builder, delimiter);
  json_builder_set_member_name (builder, "header");
  json_builder_add_boolean_value (builder, mapping->has_header);
  json_builder_set_member_name (builder, "bom");
  json_builder_add_boolean_value (builder, mapping->has_bom);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "header");
      json_builder_add_string_value (builder, mapping->headers[i]);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, caucus_directory_field_to_string (mapping->fields[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
mapping_error (GError    **error,
               const char *format,
               ...) G_GNUC_PRINTF (2, 3);

static gboolean
mapping_error (GError    **error,
               const char *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID, "Column mapping: %s", message);
  return FALSE;
}

/* The column a key names: its header (as in the file, or folded), else its index. */
static gboolean
find_column (CaucusCsvMapping *mapping,
             const char       *key,
             guint            *column)
{
  char *end = NULL;
  guint64 index;

  for (guint i = 0; i < mapping->n_columns; i++)
    if (*mapping->headers[i] != '\0' && g_utf8_collate (mapping->headers[i], key) == 0)
      {
        *column = i;
        return TRUE;
      }
  index = g_ascii_strtoull (key, &end, 10);
  if (end != key && *end == '\0' && index < mapping->n_columns)
    {
      *column = (guint) index;
      return TRUE;
    }
  return FALSE;
}

static gboolean
set_column (CaucusCsvMapping *mapping,
            guint             column,
            JsonNode         *value,
            GError          **error)
{
  const char *name = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;
  CaucusDirectoryField field;

  if (JSON_NODE_HOLDS_NULL (value))
    name = "ignore";
  if (name == NULL || !caucus_directory_field_from_string (name, &field))
    return mapping_error (error, "‘%s’ is not a field (use one of ignore, id, name, given_name, short_name, "
                          "org, kind, title, email, phone, country, regional_group, expertise, tags, "
                          "languages, website, notes)", name != NULL ? name : "(not a string)");
  mapping->fields[column] = field;
  return TRUE;
}

gboolean
caucus_csv_mapping_apply_json (CaucusCsvMapping  *mapping,
                               JsonNode          *json,
                               GError           **error)
{
  JsonObject *object;
  JsonNode *columns;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (json))
    return mapping_error (error, "expected a JSON object such as {\"type\": \"person\", \"columns\": {\"Pays\": \"country\"}}");
  object = json_node_get_object (json);
  if (json_object_has_member (object, "type"))
    {
      const char *type = json_object_get_string_member_with_default (object, "type", "");

      if (g_strcmp0 (type, "org") != 0 && g_strcmp0 (type, "person") != 0)
        return mapping_error (error, "‘type’ must be ‘org’ or ‘person’, not ‘%s’", type);
      g_free (mapping->doc_type);
      mapping->doc_type = g_strdup (type);
    }
  if (json_object_has_member (object, "delimiter"))
    {
      const char *delimiter = json_object_get_string_member_with_default (object, "delimiter", "");

      if (g_strcmp0 (delimiter, "\\t") == 0 || g_strcmp0 (delimiter, "tab") == 0)
        delimiter = "\t";
      if (strlen (delimiter) != 1 || strchr (",;\t|", delimiter[0]) == NULL)
        return mapping_error (error, "the delimiter must be one of , ; | or tab, not ‘%s’", delimiter);
      mapping->delimiter = delimiter[0];
    }
  if (json_object_has_member (object, "header"))
    mapping->has_header = json_object_get_boolean_member_with_default (object, "header", mapping->has_header);
  columns = json_object_get_member (object, "columns");
  if (columns != NULL && JSON_NODE_HOLDS_OBJECT (columns))
    {
      JsonObject *map = json_node_get_object (columns);
      g_autoptr(GList) members = json_object_get_members (map);

      for (GList *l = members; l != NULL; l = l->next)
        {
          guint column;

          if (!find_column (mapping, l->data, &column))
            return mapping_error (error, "the file has no column ‘%s’", (const char *) l->data);
          if (!set_column (mapping, column, json_object_get_member (map, l->data), error))
            return FALSE;
        }
    }
  else if (columns != NULL && JSON_NODE_HOLDS_ARRAY (columns))
    {
      JsonArray *array = json_node_get_array (columns);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          guint column = i;

          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonObject *col = json_node_get_object (element);

              if (json_object_has_member (col, "index"))
                column = (guint) json_object_get_int_member (col, "index");
              element = json_object_get_member (col, "field");
              if (element == NULL)
                return mapping_error (error, "column %u has no ‘field’", column);
            }
          if (column >= mapping->n_columns)
            return mapping_error (error, "the file has %u columns; there is no column %u",
                                  mapping->n_columns, column);
          if (!set_column (mapping, column, element, error))
            return FALSE;
        }
    }
  else if (columns != NULL)
    return mapping_error (error, "‘columns’ must be an array or an object");
  if (!has_field (mapping, CAUCUS_DIRECTORY_FIELD_NAME) && !has_field (mapping, CAUCUS_DIRECTORY_FIELD_ORG) &&
      !has_field (mapping, CAUCUS_DIRECTORY_FIELD_GIVEN_NAME))
    return mapping_error (error, "no column is mapped to ‘name’ or ‘org’, so the rows would have no name");
  return TRUE;
}

/* ---- rows into records ------------------------------------------------------------- */

typedef struct {
  CaucusCsvMapping *mapping;
  const char       *source;
  GPtrArray        *records;
  gboolean          skip_header;
} ReadState;

static gboolean
record_row_cb (GPtrArray *cells,
               guint      line,
               gpointer   user_data,
               GError   **error)
{
  ReadState *state = user_data;
  CaucusCsvMapping *mapping = state->mapping;
  CaucusDirectoryRecord *record;
  gboolean empty = TRUE;

  if (state->skip_header)
    {
      state->skip_header = FALSE;
      return TRUE;
    }
  for (guint i = 0; i < cells->len; i++)
    if (*g_strstrip ((char *) g_ptr_array_index (cells, i)) != '\0')
      {
        if (i >= mapping->n_columns)
          {
            g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_PARSE,
                         "%s:%u: %u values, but the file has %u columns (is a value with a ‘%c’ "
                         "missing its quotes?); nothing was imported",
                         state->source, line, cells->len, mapping->n_columns, mapping->delimiter);
            return FALSE;
          }
        empty = FALSE;
      }
  if (empty)
    return TRUE;
  record = _caucus_directory_record_new (line, mapping->doc_type);
  g_ptr_array_add (state->records, record);
  for (guint i = 0; i < cells->len && i < mapping->n_columns; i++)
    if (!_caucus_directory_record_set (record, mapping->fields[i], g_ptr_array_index (cells, i),
                                       state->source, error))
      return FALSE;
  /* A sign-on sheet row with an organisation and no contact person is the organisation. */
  if (!json_object_has_member (record->doc, "name") && record->org_name != NULL)
    {
      JsonObject *doc = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (record->org_extra);

      json_object_set_string_member (doc, "type", "org");
      json_object_set_string_member (doc, "name", record->org_name);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (doc, l->data, json_node_copy (json_object_get_member (record->org_extra, l->data)));
      for (guint m = 0; m < 4; m++)
        {
          static const char *shared[] = { "email", "phone", "tags", "expertise" };

          if (json_object_has_member (record->doc, shared[m]))
            json_object_set_member (doc, shared[m], json_node_copy (json_object_get_member (record->doc, shared[m])));
        }
      if (json_object_has_member (record->doc, "notes"))
        json_object_set_member (doc, "notes", json_node_copy (json_object_get_member (record->doc, "notes")));
      if (json_object_has_member (record->doc, "regional_group"))
        json_object_set_member (doc, "regional_group", json_node_copy (json_object_get_member (record->doc, "regional_group")));
      json_object_unref (record->doc);
      record->doc = doc;
      g_clear_pointer (&record->org_name, g_free);
    }
  if (!json_object_has_member (record->doc, "name"))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "%s:%u: the row has no name (map a column to ‘name’ or ‘org’); nothing was imported",
                   state->source, line);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
_caucus_csv_read_records (const char        *data,
                          gsize              length,
                          const char        *source,
                          CaucusCsvMapping  *mapping,
                          GError           **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) _caucus_directory_record_free);
  ReadState state = { mapping, source, records, mapping->has_header };
  gsize offset = 0;

  if (!_caucus_directory_check_utf8 (data, length, source, &offset, NULL, error))
    return NULL;
  if (!parse_rows (data + offset, length - offset, source, mapping->delimiter, 0, record_row_cb, &state, error))
    return NULL;
  return g_steal_pointer (&records);
}
