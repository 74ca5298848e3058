/* caucus-formats.c — choosing a format, and the file-level entry points. */
#include "caucus-formats.h"
#include "caucus-schedule-private.h"

#include <string.h>

const char *
caucus_format_to_string (CaucusFormat format)
{
  switch (format)
    {
    case CAUCUS_FORMAT_FRAB_XML:
      return "frab-xml";
    case CAUCUS_FORMAT_FRAB_JSON:
      return "frab-json";
    case CAUCUS_FORMAT_ICAL:
      return "ical";
    case CAUCUS_FORMAT_CSV:
      return "csv";
    case CAUCUS_FORMAT_VCARD:
      return "vcard";
    case CAUCUS_FORMAT_AUTO:
    default:
      return "auto";
    }
}

gboolean
caucus_format_from_string (const char    *name,
                           CaucusFormat  *format,
                           GError       **error)
{
  static const struct { const char *name; CaucusFormat format; } names[] = {
    { "auto", CAUCUS_FORMAT_AUTO },
    { "frab-xml", CAUCUS_FORMAT_FRAB_XML }, { "xml", CAUCUS_FORMAT_FRAB_XML },
    { "pentabarf", CAUCUS_FORMAT_FRAB_XML },
    { "frab-json", CAUCUS_FORMAT_FRAB_JSON }, { "json", CAUCUS_FORMAT_FRAB_JSON },
    { "pretalx", CAUCUS_FORMAT_FRAB_JSON },
    { "ical", CAUCUS_FORMAT_ICAL }, { "ics", CAUCUS_FORMAT_ICAL }, { "icalendar", CAUCUS_FORMAT_ICAL },
    { "csv", CAUCUS_FORMAT_CSV }, { "vcard", CAUCUS_FORMAT_VCARD }, { "vcf", CAUCUS_FORMAT_VCARD },
  };

  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    {
      *format = CAUCUS_FORMAT_AUTO;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
               "Unknown import format ‘%s’ (expected frab-xml, frab-json, ical, csv or vcard)", name);
  return FALSE;
}

CaucusFormat
caucus_format_detect (const char *file_name,
                      const char *data,
                      gsize       length)
{
  if (file_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (file_name, -1);

      if (g_str_has_suffix (lower, ".xml"))
        return CAUCUS_FORMAT_FRAB_XML;
      if (g_str_has_suffix (lower, ".json"))
        return CAUCUS_FORMAT_FRAB_JSON;
      if (g_str_has_suffix (lower, ".ics") || g_str_has_suffix (lower, ".ical") ||
          g_str_has_suffix (lower, ".ifb") || g_str_has_suffix (lower, ".icalendar"))
        return CAUCUS_FORMAT_ICAL;
      if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
        return CAUCUS_FORMAT_CSV;
      if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
        return CAUCUS_FORMAT_VCARD;
    }
  if (data != NULL)
    {
      gsize i = 0;

      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        i = 3;   /* UTF-8 byte order mark */
      while (i < length && g_ascii_isspace (data[i]))
        i++;
      if (i < length && data[i] == '<')
        return CAUCUS_FORMAT_FRAB_XML;
      if (i < length && data[i] == '{')
        return CAUCUS_FORMAT_FRAB_JSON;
      if (length - i >= 15 && g_ascii_strncasecmp (data + i, "BEGIN:VCALENDAR", 15) == 0)
        return CAUCUS_FORMAT_ICAL;
      if (length - i >= 11 && g_ascii_strncasecmp (data + i, "BEGIN:VCARD", 11) == 0)
        return CAUCUS_FORMAT_VCARD;
      /* A spreadsheet: a first line of text with delimiters. */
      {
        const char *nl = i < length ? memchr (data + i, '\n', length - i) : NULL;
        gsize end = nl != NULL ? (gsize) (nl - data) : length;

        if (end > i && g_utf8_validate_len (data + i, end - i, NULL) &&
            (memchr (data + i, ';', end - i) != NULL || memchr (data + i, ',', end - i) != NULL ||
             memchr (data + i, '\t', end - i) != NULL))
          return CAUCUS_FORMAT_CSV;
      }
    }
  return CAUCUS_FORMAT_AUTO;
}

CaucusFormat
caucus_format_detect_file (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[4096];
  gsize length = 0;
  CaucusFormat format;

  g_return_val_if_fail (path != NULL, CAUCUS_FORMAT_AUTO);

  format = caucus_format_detect (path, NULL, 0);
  if (format != CAUCUS_FORMAT_AUTO)
    return format;
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &length, NULL, NULL))
    return CAUCUS_FORMAT_AUTO;
  /* A first line cut at 4 KiB may end inside a UTF-8 sequence: detect on whole lines. */
  if (length == sizeof head)
    {
      const char *nl = memchr (head, '\n', length);

      if (nl != NULL)
        length = (gsize) (nl - head) + 1;
    }
  return caucus_format_detect (NULL, head, length);
}

GPtrArray *
caucus_formats_parse (const char    *data,
                      gsize          length,
                      const char    *source_name,
                      CaucusFormat   format,
                      const char    *default_zone,
                      CaucusFormat  *detected,
                      GError       **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (format == CAUCUS_FORMAT_AUTO)
    format = caucus_format_detect (source_name, data, length);
  if (detected != NULL)
    *detected = format;
  switch (format)
    {
    case CAUCUS_FORMAT_FRAB_XML:
      return caucus_schedule_parse_xml (data, length, source_name, default_zone, error);
    case CAUCUS_FORMAT_FRAB_JSON:
      return caucus_schedule_parse_json (data, length, source_name, default_zone, error);
    case CAUCUS_FORMAT_ICAL:
      return caucus_ical_parse (data, length, source_name, default_zone, error);
    case CAUCUS_FORMAT_CSV:
    case CAUCUS_FORMAT_VCARD:
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                   "%s is a directory file (%s): it is imported into a store, where its people are "
                   "linked to organisations and checked for duplicates",
                   source_name != NULL ? source_name : "The input", caucus_format_to_string (format));
      return NULL;
    case CAUCUS_FORMAT_AUTO:
    default:
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                   "%s is neither a frab/pretalx schedule (XML or JSON) nor an iCalendar file; "
                   "name the format with --format",
                   source_name != NULL ? source_name : "The input");
      return NULL;
    }
}

GPtrArray *
caucus_formats_parse_file (const char    *path,
                           CaucusFormat   format,
                           const char    *default_zone,
                           CaucusFormat  *detected,
                           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Refuse a huge file before reading it into memory. */
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, local_error->code, "Cannot read %s: %s", path, local_error->message);
      return NULL;
    }
  if (!_caucus_formats_check_size ((gsize) g_file_info_get_size (info), path, error))
    return NULL;
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Cannot read %s: ", path);
      return NULL;
    }
  return caucus_formats_parse (data, length, path, format, default_zone, detected, error);
}

/* A directory import, reported in the calendar report's terms (see the header). */
static gboolean
import_directory_file (CaucusStore         *store,
                       const char          *path,
                       CaucusFormat         format,
                       CaucusImportReport **report,
                       GError             **error)
{
  g_autoptr(CaucusDirectoryReport) directory = NULL;
  g_autoptr(CaucusImportReport) result = NULL;

  if (!caucus_directory_import_file (store, path, caucus_format_to_string (format), NULL, &directory, error))
    return FALSE;
  result = caucus_import_report_new (caucus_format_to_string (format), path);
  for (guint i = 0; i < directory->added->len; i++)
    {
      CaucusDirectoryEntry *entry = g_ptr_array_index (directory->added, i);
      CaucusImportItem *item = g_new0 (CaucusImportItem, 1);

      item->id = g_strdup (entry->id);
      item->title = g_strdup (entry->name);
      item->changes = g_ptr_array_new ();
      g_ptr_array_add (result->added, item);
      if (g_strcmp0 (entry->type, "person") == 0)
        result->n_persons_added++;
    }
  for (guint i = 0; i < directory->duplicates->len; i++)
    {
      CaucusDirectoryDuplicate *dup = g_ptr_array_index (directory->duplicates, i);

      result->n_unchanged++;
      if (g_strcmp0 (dup->type, "person") == 0)
        result->n_persons_existing++;
    }
  *report = g_steal_pointer (&result);
  return TRUE;
}

gboolean
caucus_formats_import_file (CaucusStore         *store,
                            const char          *path,
                            const char          *format_name,
                            const char          *default_zone,
                            CaucusImportReport **report,
                            GError             **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  CaucusFormat format = CAUCUS_FORMAT_AUTO;
  CaucusFormat detected = CAUCUS_FORMAT_AUTO;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  if (!caucus_format_from_string (format_name, &format, error))
    return FALSE;
  if (default_zone != NULL)
    {
      g_autoptr(GTimeZone) tz = caucus_time_zone_new (default_zone, error);

      if (tz == NULL)
        return FALSE;
    }
  if (format == CAUCUS_FORMAT_AUTO)
    {
      format = caucus_format_detect_file (path);
      if (format != CAUCUS_FORMAT_CSV && format != CAUCUS_FORMAT_VCARD)
        format = CAUCUS_FORMAT_AUTO;
    }
  if (format == CAUCUS_FORMAT_CSV || format == CAUCUS_FORMAT_VCARD)
    return import_directory_file (store, path, format, report, error);
  docs = caucus_formats_parse_file (path, format, default_zone, &detected, error);
  if (docs == NULL)
    return FALSE;
  return caucus_import_docs (store, docs, caucus_format_to_string (detected), path, report, error);
}

typedef struct {
  CaucusStore *worker;
  char        *path;
  char        *format_name;
  char        *default_zone;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_clear_object (&data->worker);
  g_free (data->path);
  g_free (data->format_name);
  g_free (data->default_zone);
  g_free (data);
}

static void
import_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportTask *data = task_data;
  CaucusImportReport *report = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (caucus_formats_import_file (data->worker, data->path, data->format_name,
                                  data->default_zone, &report, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) caucus_import_report_free);
  else
    g_task_return_error (task, error);
}

void
caucus_formats_import_file_async (CaucusStore         *store,
                                  const char          *path,
                                  const char          *format_name,
                                  const char          *default_zone,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportTask *data;

  g_return_if_fail (CAUCUS_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_formats_import_file_async);
  data = g_new0 (ImportTask, 1);
  data->worker = caucus_store_open_worker (store, &error);
  data->path = g_strdup (path);
  data->format_name = g_strdup (format_name);
  data->default_zone = g_strdup (default_zone);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  if (data->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, import_thread_cb);
}

CaucusImportReport *
caucus_formats_import_file_finish (CaucusStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- export ------------------------------------------------------------------------ */

static int
compare_start_cb (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *ea = *(JsonObject **) a;
  JsonObject *eb = *(JsonObject **) b;
  int c = g_strcmp0 (json_object_get_string_member_with_default (ea, "start", ""),
                     json_object_get_string_member_with_default (eb, "start", ""));

  return c != 0 ? c : g_strcmp0 (json_object_get_string_member_with_default (ea, "_id", ""),
                                 json_object_get_string_member_with_default (eb, "_id", ""));
}

static gboolean
is_event (JsonObject *doc)
{
  return g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), "event") == 0;
}

/* Every live event document, for the selections that filter on members. */
static GPtrArray *
all_events (CaucusStore  *store,
            GError      **error)
{
  CaucusAllDocsOptions opts = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *rows;

  opts.limit = -1;
  opts.include_docs = TRUE;
  result = caucus_store_all_docs (store, &opts, error);
  if (result == NULL)
    return NULL;
  rows = json_object_get_array_member (result, "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc = json_object_has_member (row, "doc") ? json_object_get_object_member (row, "doc") : NULL;

      if (doc != NULL && is_event (doc))
        g_ptr_array_add (events, json_object_ref (doc));
    }
  return g_steal_pointer (&events);
}

static JsonObject *
get_event (CaucusStore  *store,
           const char   *id,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, &local_error);

  if (doc == NULL)
    {
      if (g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED))
        g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NOT_FOUND,
                     "There is no event ‘%s’ to export", id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!is_event (doc))
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "‘%s’ is a %s, not an event: only events can be exported to iCalendar", id,
                   json_object_get_string_member_with_default (doc, "type", "document without type"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

GPtrArray *
caucus_formats_select_events (CaucusStore                 *store,
                              const CaucusExportSelection *selection,
                              GError                     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (selection != NULL, NULL);

  switch (selection->kind)
    {
    case CAUCUS_EXPORT_EVENT:
      {
        JsonObject *event;
        g_autoptr(GPtrArray) all = NULL;

        g_return_val_if_fail (selection->event_id != NULL, NULL);
        event = get_event (store, selection->event_id, error);
        if (event == NULL)
          return NULL;
        g_ptr_array_add (events, event);
        all = all_events (store, error);
        if (all == NULL)
          return NULL;
        for (guint i = 0; i < all->len; i++)
          {
            JsonObject *doc = g_ptr_array_index (all, i);

            if (g_strcmp0 (json_object_get_string_member_with_default (doc, "parent_id", NULL),
                           selection->event_id) == 0)
              g_ptr_array_add (events, json_object_ref (doc));
          }
        break;
      }
    case CAUCUS_EXPORT_IDS:
      for (guint i = 0; selection->ids != NULL && selection->ids[i] != NULL; i++)
        {
          JsonObject *event = get_event (store, selection->ids[i], error);

          if (event == NULL)
            return NULL;
          g_ptr_array_add (events, event);
        }
      break;
    case CAUCUS_EXPORT_DEADLINES:
      {
        g_autoptr(GPtrArray) all = all_events (store, error);

        if (all == NULL)
          return NULL;
        for (guint i = 0; i < all->len; i++)
          {
            JsonObject *doc = g_ptr_array_index (all, i);
            const char *kind = json_object_get_string_member_with_default (doc, "kind", NULL);

            if (g_strcmp0 (kind, "deadline") == 0 || g_strcmp0 (kind, "milestone") == 0)
              g_ptr_array_add (events, json_object_ref (doc));
          }
        break;
      }
    default:
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_UNSUPPORTED,
                   "Unknown export selection %d", (int) selection->kind);
      return NULL;
    }
  g_ptr_array_sort (events, compare_start_cb);
  return g_steal_pointer (&events);
}

char *
caucus_formats_export_ical_text (CaucusStore                 *store,
                                 const CaucusExportSelection *selection,
                                 GError                     **error)
{
  g_autoptr(GPtrArray) events = caucus_formats_select_events (store, selection, error);

  if (events == NULL)
    return NULL;
  return caucus_ical_export_docs (events, error);
}

gboolean
caucus_formats_export_ical (CaucusStore                 *store,
                            const CaucusExportSelection *selection,
                            const char                  *path,
                            GError                     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = caucus_formats_export_ical_text (store, selection, error);
  if (text == NULL)
    return FALSE;
  return g_file_set_contents (path, text, -1, error);
}
