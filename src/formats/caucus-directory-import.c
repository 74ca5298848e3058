/* caucus-directory-import.c — writing directory records in one transaction, possible
 * duplicates, and merging a duplicate into the entry it duplicates.
 *
 * Duplicates are found by id, by email (case-insensitive) and by name key (case and Latin
 * accents ignored, any script kept: caucus_schedule_name_key), against the store and
 * against the rows before them.  The store's organisations and people are read once per
 * import by id range ("org:" and "person:", the ids the model and the importers give);
 * the full-text index is not used because it answers "contains these words", and a
 * miss there would create a duplicate. */
#include "caucus-directory-private.h"
#include "caucus-formats-error.h"
#include "caucus-schedule.h"

#include <string.h>

#define KNOWN_PAGE 2000

typedef struct {
  GHashTable *ids;          /* id → type (live org/person documents, and those created) */
  GHashTable *emails;       /* "type\nemail" → id */
  GHashTable *names;        /* "type\nname key" → id */
} Known;

static void
known_clear (Known *known)
{
  g_clear_pointer (&known->ids, g_hash_table_unref);
  g_clear_pointer (&known->emails, g_hash_table_unref);
  g_clear_pointer (&known->names, g_hash_table_unref);
}

static char *
email_key (const char *type,
           const char *email)
{
  g_autofree char *lower = g_utf8_strdown (email, -1);

  return g_strconcat (type, "\n", lower, NULL);
}

static char *
name_key (const char *type,
          const char *name)
{
  g_autofree char *key = caucus_schedule_name_key (name);

  return g_strconcat (type, "\n", key, NULL);
}

static void
known_add (Known      *known,
           JsonObject *doc)
{
  const char *id = json_object_get_string_member_with_default (doc, "_id", NULL);
  const char *type = json_object_get_string_member_with_default (doc, "type", NULL);
  const char *email = json_object_get_string_member_with_default (doc, "email", NULL);
  const char *name = json_object_get_string_member_with_default (doc, "name", NULL);

  if (id == NULL || type == NULL)
    return;
  g_hash_table_insert (known->ids, g_strdup (id), g_strdup (type));
  if (email != NULL && *email != '\0')
    {
      char *key = email_key (type, email);

      if (!g_hash_table_contains (known->emails, key))
        g_hash_table_insert (known->emails, key, g_strdup (id));
      else
        g_free (key);
    }
  if (name != NULL && *name != '\0')
    {
      char *key = name_key (type, name);

      if (!g_hash_table_contains (known->names, key))
        g_hash_table_insert (known->names, key, g_strdup (id));
      else
        g_free (key);
    }
}

static gboolean
known_load (Known        *known,
            CaucusStore  *store,
            GError      **error)
{
  static const char *types[] = { "org", "person" };

  known->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  known->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  known->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* In pages, so that a directory of 100,000 people is never one JSON value in memory:
   * only the ids, emails and name keys are kept. */
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autofree char *start = g_strconcat (types[t], ":", NULL);
      g_autofree char *end = g_strconcat (types[t], ":\xf4\x8f\xbf\xbf", NULL);
      g_autofree char *last = NULL;

      for (;;)
        {
          CaucusAllDocsOptions opts = { 0 };
          g_autoptr(JsonObject) result = NULL;
          JsonArray *rows;
          guint n_rows;

          opts.startkey = last != NULL ? last : start;
          opts.skip = last != NULL ? 1 : 0;
          opts.endkey = end;
          opts.limit = KNOWN_PAGE;
          opts.include_docs = TRUE;
          result = caucus_store_all_docs (store, &opts, error);
          if (result == NULL)
            return FALSE;
          rows = json_object_get_array_member (result, "rows");
          n_rows = rows != NULL ? json_array_get_length (rows) : 0;
          for (guint i = 0; i < n_rows; i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);
              JsonObject *doc = json_object_has_member (row, "doc") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (row, "doc"))
                                ? json_object_get_object_member (row, "doc") : NULL;

              if (doc != NULL && g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), types[t]) == 0)
                known_add (known, doc);
            }
          if (n_rows < KNOWN_PAGE)
            break;
          g_free (last);
          last = g_strdup (json_object_get_string_member (json_array_get_object_element (rows, n_rows - 1), "id"));
        }
    }
  return TRUE;
}

/* ---- the report -------------------------------------------------------------------- */

static void
entry_free (CaucusDirectoryEntry *entry)
{
  g_free (entry->id);
  g_free (entry->type);
  g_free (entry->name);
  g_free (entry);
}

static void
duplicate_free (CaucusDirectoryDuplicate *duplicate)
{
  g_free (duplicate->type);
  g_free (duplicate->name);
  g_free (duplicate->existing_id);
  g_free (duplicate->reason);
  g_clear_pointer (&duplicate->row, json_object_unref);
  g_free (duplicate);
}

static CaucusDirectoryReport *
report_new (const char *format,
            const char *source)
{
  CaucusDirectoryReport *report = g_new0 (CaucusDirectoryReport, 1);

  report->format = g_strdup (format);
  report->source = g_strdup (source);
  report->added = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  report->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) duplicate_free);
  return report;
}

void
caucus_directory_report_free (CaucusDirectoryReport *report)
{
  if (report == NULL)
    return;
  g_free (report->format);
  g_free (report->source);
  g_ptr_array_unref (report->added);
  g_ptr_array_unref (report->duplicates);
  g_free (report);
}

JsonNode *
caucus_directory_report_to_json (CaucusDirectoryReport *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, report->format);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, report->source);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, report->added->len);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, report->duplicates->len);
  json_builder_set_member_name (b, "orgs_linked");
  json_builder_add_int_value (b, report->n_orgs_linked);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "added");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->added->len; i++)
    {
      CaucusDirectoryEntry *entry = g_ptr_array_index (report->added, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, entry->id);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, entry->type);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, entry->name);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, entry->line);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "duplicates");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->duplicates->len; i++)
    {
      CaucusDirectoryDuplicate *dup = g_ptr_array_index (report->duplicates, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, dup->line);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, dup->type);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, dup->name);
      json_builder_set_member_name (b, "existing_id");
      json_builder_add_string_value (b, dup->existing_id);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, dup->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- writing ----------------------------------------------------------------------- */

static gboolean
validate_line (JsonObject  *doc,
               const char  *source,
               guint        line,
               GError     **error)
{
  g_autoptr(GPtrArray) problems = caucus_validate_json (doc);
  g_autoptr(GString) text = NULL;

  if (problems == NULL || problems->len == 0)
    return TRUE;
  text = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      CaucusProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? "; " : "", problem->message, problem->field);
    }
  g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
               "%s:%u: this %s would not be valid: %s; nothing was imported", source, line,
               g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "org") == 0
               ? "organisation" : "person", text->str);
  return FALSE;
}

static gboolean
write_new (CaucusStore  *store,
           JsonObject   *doc,
           const char   *now,
           const char   *actor,
           const char   *source,
           guint         line,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rev = NULL;

  if (!json_object_has_member (doc, "_id"))
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *id = g_strconcat (json_object_get_string_member (doc, "type"), ":", uuid, NULL);

      json_object_set_string_member (doc, "_id", id);
    }
  json_object_set_string_member (doc, "created", now);
  json_object_set_string_member (doc, "updated", now);
  json_object_set_string_member (doc, "updated_by", actor);
  if (!validate_line (doc, source, line, error))
    return FALSE;
  rev = caucus_store_put (store, doc, &local_error);
  if (rev == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s:%u: could not write ‘%s’: ",
                                  source, line, json_object_get_string_member (doc, "_id"));
      return FALSE;
    }
  return TRUE;
}

static void
report_added (CaucusDirectoryReport *report,
              JsonObject            *doc,
              guint                  line)
{
  CaucusDirectoryEntry *entry = g_new0 (CaucusDirectoryEntry, 1);

  entry->id = g_strdup (json_object_get_string_member (doc, "_id"));
  entry->type = g_strdup (json_object_get_string_member (doc, "type"));
  entry->name = g_strdup (json_object_get_string_member_with_default (doc, "name", ""));
  entry->line = line;
  g_ptr_array_add (report->added, entry);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* The id of the organisation a person row names: an explicit id the directory (or this
 * import) has, else the organisation of that name, else (when @create) a new one made
 * from the row. */
static gboolean
resolve_org (CaucusStore            *store,
             CaucusDirectoryRecord  *record,
             gboolean                create,
             Known                  *known,
             const char             *now,
             const char             *actor,
             const char             *source,
             CaucusDirectoryReport  *report,
             char                  **org_id,
             GError                **error)
{
  g_autofree char *key = NULL;
  const char *existing;
  g_autoptr(JsonObject) org = NULL;
  g_autoptr(GList) members = NULL;

  *org_id = NULL;
  if (record->org_id != NULL &&
      g_strcmp0 (g_hash_table_lookup (known->ids, record->org_id), "org") == 0)
    {
      *org_id = g_strdup (record->org_id);
      return TRUE;
    }
  if (record->org_name == NULL || *record->org_name == '\0')
    return TRUE;
  key = name_key ("org", record->org_name);
  existing = g_hash_table_lookup (known->names, key);
  if (existing != NULL)
    {
      report->n_orgs_linked++;
      *org_id = g_strdup (existing);
      return TRUE;
    }
  if (!create)
    return TRUE;
  org = json_object_new ();
  json_object_set_string_member (org, "type", "org");
  if (record->org_id != NULL && g_str_has_prefix (record->org_id, "org:") &&
      !g_hash_table_contains (known->ids, record->org_id))
    json_object_set_string_member (org, "_id", record->org_id);
  json_object_set_string_member (org, "name", record->org_name);
  members = json_object_get_members (record->org_extra);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (org, l->data, json_node_copy (json_object_get_member (record->org_extra, l->data)));
  if (!write_new (store, org, now, actor, source, record->line, error))
    return FALSE;
  known_add (known, org);
  report_added (report, org, record->line);
  *org_id = g_strdup (json_object_get_string_member (org, "_id"));
  return TRUE;
}

/* The id @doc duplicates and why, or NULL. */
static const char *
find_duplicate (Known       *known,
                JsonObject  *doc,
                const char **reason)
{
  const char *type = json_object_get_string_member (doc, "type");
  const char *id = json_object_get_string_member_with_default (doc, "_id", NULL);
  const char *email = json_object_get_string_member_with_default (doc, "email", NULL);
  const char *name = json_object_get_string_member_with_default (doc, "name", NULL);
  const char *hit;

  if (id != NULL && g_hash_table_contains (known->ids, id))
    {
      *reason = "id";
      return id;
    }
  if (email != NULL)
    {
      g_autofree char *key = email_key (type, email);

      hit = g_hash_table_lookup (known->emails, key);
      if (hit != NULL)
        {
          *reason = "email";
          return hit;
        }
    }
  if (name != NULL)
    {
      g_autofree char *key = name_key (type, name);

      hit = g_hash_table_lookup (known->names, key);
      if (hit != NULL)
        {
          *reason = "name";
          return hit;
        }
    }
  return NULL;
}

gboolean
_caucus_directory_import_records (CaucusStore            *store,
                                  GPtrArray              *records,
                                  const char             *format,
                                  const char             *source,
                                  CaucusDirectoryReport **report,
                                  GError                **error)
{
  g_autoptr(CaucusDirectoryReport) result = report_new (format, source);
  g_autofree char *now = caucus_timestamp_now ();
  g_autofree char *actor = g_strconcat ("import:", format, NULL);
  Known known = { 0 };

  if (!caucus_store_begin (store, error))
    return FALSE;
  if (!known_load (&known, store, error))
    goto fail;
  /* Organisations first, so the people of the same file link to them by name. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < records->len; i++)
      {
        CaucusDirectoryRecord *record = g_ptr_array_index (records, i);
        const char *type = json_object_get_string_member (record->doc, "type");
        g_autoptr(JsonObject) doc = NULL;
        const char *reason = NULL;
        const char *duplicate_of;

        if ((g_strcmp0 (type, "org") == 0) != (pass == 0))
          continue;
        doc = copy_object (record->doc);
        duplicate_of = find_duplicate (&known, doc, &reason);
        /* A duplicate row creates nothing, not even its organisation; it is linked to
         * one that exists, for the merge. */
        if (pass == 1)
          {
            g_autofree char *org_id = NULL;

            if (!resolve_org (store, record, duplicate_of == NULL, &known, now, actor, source, result,
                              &org_id, error))
              goto fail;
            if (org_id != NULL)
              json_object_set_string_member (doc, "org_id", org_id);
          }
        if (duplicate_of != NULL)
          {
            CaucusDirectoryDuplicate *dup = g_new0 (CaucusDirectoryDuplicate, 1);

            dup->line = record->line;
            dup->type = g_strdup (type);
            dup->name = g_strdup (json_object_get_string_member_with_default (doc, "name", ""));
            dup->existing_id = g_strdup (duplicate_of);
            dup->reason = g_strdup (reason);
            dup->row = g_steal_pointer (&doc);
            g_ptr_array_add (result->duplicates, dup);
            continue;
          }
        if (!write_new (store, doc, now, actor, source, record->line, error))
          goto fail;
        known_add (&known, doc);
        report_added (result, doc, record->line);
      }
  if (!caucus_store_commit (store, error))
    goto fail;
  known_clear (&known);
  *report = g_steal_pointer (&result);
  return TRUE;

fail:
  caucus_store_rollback (store);
  known_clear (&known);
  return FALSE;
}

/* ---- merging a duplicate ----------------------------------------------------------- */

static gboolean
is_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) == '\0';
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

/* A copy without empty members, so that the merge sees them as absent and fills them. */
static JsonObject *
without_empty (JsonObject *doc)
{
  JsonObject *copy = copy_object (doc);
  g_autoptr(GList) members = json_object_get_members (doc);

  for (GList *l = members; l != NULL; l = l->next)
    if (is_empty (json_object_get_member (copy, l->data)))
      json_object_remove_member (copy, l->data);
  return copy;
}

gboolean
caucus_directory_merge_duplicate (CaucusStore              *store,
                                  CaucusDirectoryDuplicate *duplicate,
                                  GHashTable               *choices,
                                  GError                  **error)
{
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GHashTable) decided = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = caucus_timestamp_now ();
  g_autofree char *rev = NULL;
  static const char *stamps[] = { "_rev", "created", "updated", "updated_by" };

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (duplicate != NULL && duplicate->row != NULL, FALSE);

  existing = caucus_store_get (store, duplicate->existing_id, NULL, error);
  if (existing == NULL)
    return FALSE;
  ours = without_empty (existing);
  theirs = without_empty (duplicate->row);
  json_object_set_string_member (theirs, "_id", duplicate->existing_id);
  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    json_object_remove_member (theirs, stamps[i]);
  if (choices != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, choices);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (decided, key, value);
    }
  if (!caucus_merge_documents_with_choices (NULL, ours, theirs, decided, &merged, &conflicts, &local_error))
    {
      if (conflicts == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Fields that differ keep the directory's value unless the caller chose. */
      for (guint i = 0; i < conflicts->len; i++)
        {
          CaucusConflict *conflict = g_ptr_array_index (conflicts, i);

          if (!g_hash_table_contains (decided, conflict->path))
            g_hash_table_insert (decided, conflict->path, conflict->ours);
        }
      g_clear_error (&local_error);
      if (!caucus_merge_documents_with_choices (NULL, ours, theirs, decided, &merged, NULL, error))
        return FALSE;
    }
  json_object_set_string_member (merged, "_rev", json_object_get_string_member (existing, "_rev"));
  if (json_object_has_member (existing, "created"))
    json_object_set_string_member (merged, "created", json_object_get_string_member (existing, "created"));
  json_object_set_string_member (merged, "updated", now);
  json_object_set_string_member (merged, "updated_by", "import:merge");
  if (!validate_line (merged, duplicate->existing_id, duplicate->line, error))
    return FALSE;
  rev = caucus_store_put (store, merged, &local_error);
  if (rev == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Could not merge into ‘%s’: ",
                                  duplicate->existing_id);
      return FALSE;
    }
  return TRUE;
}
