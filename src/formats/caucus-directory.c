/* caucus-directory.c — the directory's file-level entry points: importing a CSV or vCard
 * file, choosing the documents to export, and CSV export with libcsv's quoting. */
#include "caucus-directory-private.h"
#include "caucus-formats-error.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <string.h>

/* Larger files are refused before they are read (a directory of 100,000 people with
 * every field is about 40 MB of CSV). */
#define MAX_DIRECTORY_FILE (256 * 1024 * 1024)

gboolean
caucus_directory_import_csv (CaucusStore            *store,
                             const char             *data,
                             gsize                   length,
                             const char             *source_name,
                             CaucusCsvMapping       *mapping,
                             CaucusDirectoryReport **report,
                             GError                **error)
{
  g_autoptr(CaucusCsvMapping) proposed = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *source = source_name != NULL ? source_name : "CSV";

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  if (mapping == NULL)
    {
      proposed = caucus_csv_sniff (data, length, source, error);
      if (proposed == NULL)
        return FALSE;
      mapping = proposed;
    }
  records = _caucus_csv_read_records (data, length, source, mapping, error);
  if (records == NULL)
    return FALSE;
  return _caucus_directory_import_records (store, records, "csv", source, report, error);
}

gboolean
caucus_directory_import_vcard (CaucusStore            *store,
                               const char             *data,
                               gsize                   length,
                               const char             *source_name,
                               CaucusDirectoryReport **report,
                               GError                **error)
{
  g_autoptr(GPtrArray) records = NULL;
  const char *source = source_name != NULL ? source_name : "vCard";

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  records = _caucus_vcard_read_records (data, length, source, error);
  if (records == NULL)
    return FALSE;
  return _caucus_directory_import_records (store, records, "vcard", source, report, error);
}

static gboolean
looks_like_vcard (const char *path,
                  const char *data,
                  gsize       length)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gsize i = 0;

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return TRUE;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    return FALSE;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return length - i >= 11 && g_ascii_strncasecmp (data + i, "BEGIN:VCARD", 11) == 0;
}

gboolean
caucus_directory_import_file (CaucusStore            *store,
                              const char             *path,
                              const char             *format_name,
                              JsonNode               *mapping_json,
                              CaucusDirectoryReport **report,
                              GError                **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length = 0;
  gboolean vcard;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  if (g_stat (path, &st) == 0 && st.st_size > MAX_DIRECTORY_FILE)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_TOO_LARGE,
                   "%s is larger than %d MB; split it and import the parts", path, MAX_DIRECTORY_FILE >> 20);
      return FALSE;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Cannot read %s: ", path);
      return FALSE;
    }
  if (format_name != NULL && g_ascii_strcasecmp (format_name, "csv") != 0 &&
      g_ascii_strcasecmp (format_name, "vcard") != 0 && g_ascii_strcasecmp (format_name, "vcf") != 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                   "Unknown directory format ‘%s’ (expected csv or vcard)", format_name);
      return FALSE;
    }
  vcard = format_name != NULL ? g_ascii_strcasecmp (format_name, "csv") != 0
                              : looks_like_vcard (path, data, length);
  if (vcard)
    {
      if (mapping_json != NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                       "A column mapping applies to CSV files; %s is a vCard file", path);
          return FALSE;
        }
      return caucus_directory_import_vcard (store, data, length, path, report, error);
    }
  else
    {
      g_autoptr(CaucusCsvMapping) mapping = caucus_csv_sniff (data, length, path, error);

      if (mapping == NULL)
        return FALSE;
      if (mapping_json != NULL && !caucus_csv_mapping_apply_json (mapping, mapping_json, error))
        return FALSE;
      return caucus_directory_import_csv (store, data, length, path, mapping, report, error);
    }
}

typedef struct {
  CaucusStore *worker;
  char        *path;
  char        *format_name;
  JsonNode    *mapping_json;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_clear_object (&data->worker);
  g_free (data->path);
  g_free (data->format_name);
  g_clear_pointer (&data->mapping_json, json_node_unref);
  g_free (data);
}

static void
import_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportTask *data = task_data;
  CaucusDirectoryReport *report = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (caucus_directory_import_file (data->worker, data->path, data->format_name, data->mapping_json,
                                    &report, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) caucus_directory_report_free);
  else
    g_task_return_error (task, error);
}

void
caucus_directory_import_file_async (CaucusStore          *store,
                                    const char           *path,
                                    const char           *format_name,
                                    JsonNode             *mapping_json,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportTask *data;

  g_return_if_fail (CAUCUS_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_directory_import_file_async);
  data = g_new0 (ImportTask, 1);
  data->worker = caucus_store_open_worker (store, &error);
  data->path = g_strdup (path);
  data->format_name = g_strdup (format_name);
  data->mapping_json = mapping_json != NULL ? json_node_copy (mapping_json) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  if (data->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, import_thread_cb);
}

CaucusDirectoryReport *
caucus_directory_import_file_finish (CaucusStore   *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- choosing what to export ------------------------------------------------------- */

static gboolean
is_directory_doc (JsonObject *doc)
{
  const char *type = json_object_get_string_member_with_default (doc, "type", "");

  return strcmp (type, "org") == 0 || strcmp (type, "person") == 0;
}

GPtrArray *
caucus_directory_collect_ids (CaucusStore         *store,
                              const char * const  *ids,
                              GError             **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      JsonObject *doc = caucus_store_get (store, ids[i], NULL, &local_error);

      if (doc == NULL)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NOT_FOUND,
                       "There is no organisation or person ‘%s’ to export (%s)", ids[i], local_error->message);
          return NULL;
        }
      if (!is_directory_doc (doc))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "‘%s’ is a %s: only organisations and people are exported as CSV or vCard", ids[i],
                       json_object_get_string_member_with_default (doc, "type", "document without type"));
          json_object_unref (doc);
          return NULL;
        }
      g_ptr_array_add (docs, doc);
    }
  return g_steal_pointer (&docs);
}

GPtrArray *
caucus_directory_collect_list (CaucusDocumentList  *list,
                               GError             **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (list), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (item == NULL)
        break;
      g_ptr_array_add (docs, caucus_document_to_json (item));
    }
  if (caucus_document_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (caucus_document_list_get_error (list)));
      return NULL;
    }
  /* A search list keeps only its best matches: exporting it would drop the others
   * without a word. */
  if (caucus_document_list_get_search_truncated (list))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "The search “%s” matches more entries than a list keeps (%u are listed); "
                   "narrow the search, or export with filters only",
                   caucus_document_list_get_filter (list, "search"), n);
      return NULL;
    }
  return g_steal_pointer (&docs);
}

char *
_caucus_directory_org_name (CaucusStore *store,
                            const char  *org_id,
                            GHashTable  *cache)
{
  const char *cached = g_hash_table_lookup (cache, org_id);
  g_autoptr(JsonObject) org = NULL;
  char *name;

  if (cached != NULL)
    return g_strdup (cached);
  org = caucus_store_get (store, org_id, NULL, NULL);
  if (org == NULL)
    return NULL;
  name = g_strdup (json_object_get_string_member_with_default (org, "name", ""));
  g_hash_table_insert (cache, g_strdup (org_id), g_strdup (name));
  return name;
}

/* ---- CSV export -------------------------------------------------------------------- */

typedef struct {
  const char *header;
  const char *member;
} Column;

static const Column org_columns[] = {
  { "ID", "_id" }, { "Name", "name" }, { "Short name", "short_name" }, { "Kind", "kind" },
  { "Regional group", "regional_group" }, { "Countries", "countries" }, { "Website", "website" },
  { "Email", "email" }, { "Phone", "phone" }, { "Expertise", "expertise" }, { "Tags", "tags" },
  { "Notes", "notes" },
};

static const Column person_columns[] = {
  { "ID", "_id" }, { "Name", "name" }, { "Organisation", "org_id" }, { "Title", "title" },
  { "Email", "email" }, { "Phone", "phone" }, { "Country", "country" },
  { "Regional group", "regional_group" }, { "Languages", "languages" },
  { "Expertise", "expertise" }, { "Tags", "tags" }, { "Notes", "notes" },
};

static void
append_field (GString    *out,
              const char *value,
              gboolean    first,
              char        delimiter)
{
  gsize length = strlen (value);
  gsize size = 2 * length + 2;
  g_autofree char *quoted = g_malloc (size);
  gsize written = csv_write (quoted, size, value, length);

  if (!first)
    g_string_append_c (out, delimiter);
  g_string_append_len (out, quoted, (gssize) MIN (written, size));
}

static char *
member_text (JsonObject *doc,
             const char *member)
{
  JsonNode *node = json_object_get_member (doc, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = json_array_get_string_element (array, i);

          if (item != NULL)
            g_string_append_printf (joined, "%s%s", joined->len > 0 ? "; " : "", item);
        }
      return g_string_free (g_steal_pointer (&joined), FALSE);
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup ("");
}

char *
caucus_directory_export_csv (CaucusStore  *store,
                             GPtrArray    *docs,
                             char          delimiter,
                             gboolean      bom,
                             GError      **error)
{
  g_autoptr(GString) out = g_string_new (bom ? "\xef\xbb\xbf" : "");
  g_autoptr(GHashTable) org_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *type = NULL;
  const Column *columns;
  guint n_columns;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (docs != NULL, NULL);
  g_return_val_if_fail (delimiter == ',' || delimiter == ';' || delimiter == '\t', NULL);

  for (guint i = 0; i < docs->len; i++)
    {
      const char *t = json_object_get_string_member_with_default (g_ptr_array_index (docs, i), "type", "");

      if (type == NULL)
        type = t;
      else if (strcmp (type, t) != 0)
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                       "A CSV export holds one kind of entry: choose organisations or people (--type org|person)");
          return NULL;
        }
    }
  if (type == NULL)
    type = "person";
  if (strcmp (type, "org") != 0 && strcmp (type, "person") != 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "Only organisations and people are exported as CSV, not ‘%s’ documents", type);
      return NULL;
    }
  columns = strcmp (type, "org") == 0 ? org_columns : person_columns;
  n_columns = strcmp (type, "org") == 0 ? G_N_ELEMENTS (org_columns) : G_N_ELEMENTS (person_columns);
  for (guint c = 0; c < n_columns; c++)
    append_field (out, columns[c].header, c == 0, delimiter);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *value = NULL;

          if (strcmp (columns[c].member, "org_id") == 0)
            {
              const char *org_id = json_object_get_string_member_with_default (doc, "org_id", NULL);

              value = org_id != NULL ? _caucus_directory_org_name (store, org_id, org_names) : NULL;
              if (value == NULL)
                value = g_strdup ("");
            }
          else
            value = member_text (doc, columns[c].member);
          append_field (out, value, c == 0, delimiter);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
caucus_directory_write_file (const char  *path,
                             const char  *text,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL && text != NULL, FALSE);

  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Cannot write %s: ", path);
      return FALSE;
    }
  return TRUE;
}
