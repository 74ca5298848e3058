/* caucus-import.c — one transaction per import, field-level change reports. */
#include "caucus-import.h"
#include "caucus-document.h"
#include "caucus-formats-error.h"
#include "caucus-schedule.h"
#include "caucus-time.h"

#include <string.h>

/* The members of an event that an import owns: a re-import sets them to the feed's values.
 * Anything else on the document (statement_ids, owner_ids, notes added in the app) is kept. */
static const char * const event_members[] = {
  "kind", "title", "subtitle", "parent_id", "start", "end", "time_zone", "all_day",
  "location", "format", "description", "language", "roles", "tags", "status",
  "recurrence", "recurrence_of", "source",
};

static void
change_free (CaucusImportChange *change)
{
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->text);
  g_free (change);
}

static void
item_free (CaucusImportItem *item)
{
  g_free (item->id);
  g_free (item->title);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_free (item);
}

static CaucusImportItem *
item_new (const char *id,
          const char *title)
{
  CaucusImportItem *item = g_new0 (CaucusImportItem, 1);

  item->id = g_strdup (id);
  item->title = g_strdup (title);
  item->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return item;
}

CaucusImportReport *
caucus_import_report_new (const char *format,
                          const char *source)
{
  CaucusImportReport *report = g_new0 (CaucusImportReport, 1);

  report->format = g_strdup (format);
  report->source = g_strdup (source);
  report->added = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  report->updated = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  report->cancelled = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return report;
}

void
caucus_import_report_free (CaucusImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->format);
  g_free (report->source);
  g_free (report->conference_id);
  g_clear_pointer (&report->added, g_ptr_array_unref);
  g_clear_pointer (&report->updated, g_ptr_array_unref);
  g_clear_pointer (&report->cancelled, g_ptr_array_unref);
  g_free (report);
}

static JsonArray *
items_to_json (GPtrArray *items,
               gboolean   with_changes)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      CaucusImportItem *item = g_ptr_array_index (items, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", item->id);
      json_object_set_string_member (object, "title", item->title);
      if (with_changes)
        {
          JsonArray *changes = json_array_new ();

          for (guint j = 0; j < item->changes->len; j++)
            {
              CaucusImportChange *change = g_ptr_array_index (item->changes, j);
              JsonObject *c = json_object_new ();

              json_object_set_string_member (c, "field", change->field);
              if (change->old_value != NULL)
                json_object_set_string_member (c, "old", change->old_value);
              else
                json_object_set_null_member (c, "old");
              if (change->new_value != NULL)
                json_object_set_string_member (c, "new", change->new_value);
              else
                json_object_set_null_member (c, "new");
              json_object_set_string_member (c, "text", change->text);
              json_array_add_object_element (changes, c);
            }
          json_object_set_array_member (object, "changes", changes);
        }
      json_array_add_object_element (array, object);
    }
  return array;
}

JsonNode *
caucus_import_report_to_json (CaucusImportReport *report)
{
  JsonObject *object, *counts;
  JsonNode *node;

  g_return_val_if_fail (report != NULL, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "format", report->format);
  if (report->source != NULL)
    json_object_set_string_member (object, "source", report->source);
  if (report->conference_id != NULL)
    json_object_set_string_member (object, "conference_id", report->conference_id);
  counts = json_object_new ();
  json_object_set_int_member (counts, "added", report->added->len);
  json_object_set_int_member (counts, "updated", report->updated->len);
  json_object_set_int_member (counts, "unchanged", report->n_unchanged);
  json_object_set_int_member (counts, "cancelled", report->cancelled->len);
  json_object_set_int_member (counts, "persons_added", report->n_persons_added);
  json_object_set_int_member (counts, "persons_existing", report->n_persons_existing);
  json_object_set_object_member (object, "counts", counts);
  json_object_set_array_member (object, "added", items_to_json (report->added, FALSE));
  json_object_set_array_member (object, "updated", items_to_json (report->updated, TRUE));
  json_object_set_array_member (object, "cancelled", items_to_json (report->cancelled, FALSE));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

char *
caucus_import_report_to_text (CaucusImportReport *report)
{
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s (%s): %u added, %u updated, %u unchanged, %u cancelled; "
                          "%u speakers added, %u already known\n",
                          report->source != NULL ? report->source : "import", report->format,
                          report->added->len, report->updated->len, report->n_unchanged,
                          report->cancelled->len, report->n_persons_added, report->n_persons_existing);
  for (guint i = 0; i < report->added->len; i++)
    {
      CaucusImportItem *item = g_ptr_array_index (report->added, i);
      g_string_append_printf (text, "added: %s\n", item->title);
    }
  for (guint i = 0; i < report->updated->len; i++)
    {
      CaucusImportItem *item = g_ptr_array_index (report->updated, i);

      g_string_append_printf (text, "updated: %s —", item->title);
      for (guint j = 0; j < item->changes->len; j++)
        g_string_append_printf (text, "%s %s", j > 0 ? ";" : "",
                                ((CaucusImportChange *) g_ptr_array_index (item->changes, j))->text);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->cancelled->len; i++)
    {
      CaucusImportItem *item = g_ptr_array_index (report->cancelled, i);
      g_string_append_printf (text, "cancelled: %s\n", item->title);
    }
  return g_string_free (text, FALSE);
}

/* ---- comparing --------------------------------------------------------------------- */

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* A value as a person reads it: strings as they are, lists of names or strings joined. */
static char *
node_display (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "yes" : "no");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              json_object_has_member (json_node_get_object (element), "name"))
            g_ptr_array_add (parts, g_strdup (json_object_get_string_member_with_default (json_node_get_object (element), "name", "")));
          else
            g_ptr_array_add (parts, node_display (element));
        }
      g_ptr_array_add (parts, NULL);
      return g_strjoinv (", ", (char **) parts->pdata);
    }
  return json_to_string (node, FALSE);
}

/* "2024-10-26 14:00 (UTC+2)" in the event's zone, else the instant itself. */
static char *
time_display (const char *instant,
              const char *zone_id)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *clock = NULL;

  if (instant == NULL)
    return g_strdup ("(none)");
  dt = caucus_time_parse_instant (instant, NULL);
  tz = zone_id != NULL ? caucus_time_zone_new (zone_id, NULL) : NULL;
  if (dt == NULL || tz == NULL)
    return g_strdup (instant);
  local = g_date_time_to_timezone (dt, tz);
  offset = caucus_time_format_offset (local);
  clock = g_date_time_format (local, "%Y-%m-%d %H:%M");
  return g_strdup_printf ("%s (%s)", clock, offset);
}

static void
add_change (CaucusImportItem *item,
            const char       *field,
            JsonNode         *old_node,
            JsonNode         *new_node,
            const char       *zone_id)
{
  CaucusImportChange *change = g_new0 (CaucusImportChange, 1);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  change->field = g_strdup (field);
  change->old_value = node_display (old_node);
  change->new_value = node_display (new_node);
  if (strcmp (field, "start") == 0 || strcmp (field, "end") == 0)
    {
      old_text = time_display (change->old_value, zone_id);
      new_text = time_display (change->new_value, zone_id);
    }
  else
    {
      old_text = g_strdup (change->old_value != NULL ? change->old_value : "(none)");
      new_text = g_strdup (change->new_value != NULL ? change->new_value : "(none)");
    }
  change->text = g_strdup_printf ("%s: %s → %s", field, old_text, new_text);
  g_ptr_array_add (item->changes, change);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name) ?
         json_object_get_member (object, name) : NULL;
}

/* Compares objects member by member (location: room, venue…; source: source.url…). */
static void
diff_object (CaucusImportItem *item,
             const char       *prefix,
             JsonNode         *old_node,
             JsonNode         *new_node,
             const char       *zone_id)
{
  JsonObject *old_object = old_node != NULL && JSON_NODE_HOLDS_OBJECT (old_node) ? json_node_get_object (old_node) : NULL;
  JsonObject *new_object = new_node != NULL && JSON_NODE_HOLDS_OBJECT (new_node) ? json_node_get_object (new_node) : NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) sorted = NULL;

  JsonObject *objects[] = { old_object, new_object };

  for (guint o = 0; o < G_N_ELEMENTS (objects); o++)
    {
      g_autoptr(GList) members = objects[o] != NULL ? json_object_get_members (objects[o]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_add (names, l->data);
    }
  sorted = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) strcmp);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      JsonNode *a = member (old_object, l->data);
      JsonNode *b = member (new_object, l->data);

      if (!nodes_equal (a, b))
        {
          g_autofree char *field = prefix != NULL ? g_strconcat (prefix, ".", l->data, NULL) : g_strdup (l->data);
          add_change (item, field, a, b, zone_id);
        }
    }
}

/* Fills @item with the changes from @existing to @incoming over the imported members. */
static void
diff_event (CaucusImportItem *item,
            JsonObject       *existing,
            JsonObject       *incoming)
{
  const char *zone_id = json_object_get_string_member_with_default (incoming, "time_zone", NULL);
  gboolean source_changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (event_members); i++)
    {
      const char *name = event_members[i];
      JsonNode *a = member (existing, name);
      JsonNode *b = member (incoming, name);

      if (nodes_equal (a, b))
        continue;
      if (strcmp (name, "location") == 0)
        diff_object (item, NULL, a, b, zone_id);   /* "room: Saal 1 → Saal G" */
      else if (strcmp (name, "source") == 0)
        source_changed = TRUE;
      else
        add_change (item, name, a, b, zone_id);
    }
  /* The source's wall-clock text changes with every time change: report it only when it
   * is all that changed (a new URL, say), so the report stays readable. */
  if (source_changed && item->changes->len == 0)
    diff_object (item, "source", member (existing, "source"), member (incoming, "source"), zone_id);
}

/* ---- writing ----------------------------------------------------------------------- */

static JsonObject *
get_existing (CaucusStore  *store,
              const char   *id,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *doc = caucus_store_get (store, id, NULL, &local_error);

  if (doc == NULL && !g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND) &&
      !g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return doc;
}

/* The model's rules apply to imports as to local edits (DOMAIN.md): a document the model
 * would flag is not written, and the import stops with the model's own words. */
static gboolean
validate (JsonObject  *doc,
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
               "‘%s’ would not be a valid %s: %s",
               json_object_get_string_member_with_default (doc, "_id", "(no id)"),
               json_object_get_string_member_with_default (doc, "type", "document"), text->str);
  return FALSE;
}

static gboolean
put (CaucusStore  *store,
     JsonObject   *doc,
     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *rev = NULL;

  if (!validate (doc, error))
    return FALSE;
  rev = caucus_store_put (store, doc, &local_error);

  if (rev == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Could not write ‘%s’: ",
                                  json_object_get_string_member_with_default (doc, "_id", "(no id)"));
      return FALSE;
    }
  return TRUE;
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

static void
stamp (JsonObject *doc,
       const char *now,
       const char *actor,
       gboolean    created)
{
  if (created)
    json_object_set_string_member (doc, "created", now);
  json_object_set_string_member (doc, "updated", now);
  json_object_set_string_member (doc, "updated_by", actor);
}

/* A person of the directory with the same name (compared as name keys: case and Latin
 * accents ignored), so a speaker who is already there is linked rather than duplicated.
 * The lookup is a convenience: if the search fails, the speaker is simply created. */
static char *
find_person_by_name (CaucusStore *store,
                     const char  *name)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *key = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  hits = caucus_store_search (store, name, "person", 50, &local_error);
  if (hits == NULL)
    {
      g_debug ("Looking up ‘%s’ in the directory failed: %s", name, local_error->message);
      return NULL;
    }
  key = caucus_schedule_name_key (name);
  for (guint i = 0; i < hits->len; i++)
    {
      CaucusSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *hit_key = hit->title != NULL ? caucus_schedule_name_key (hit->title) : NULL;

      if (g_strcmp0 (hit_key, key) == 0)
        return g_strdup (hit->id);
    }
  return NULL;
}

/* Fills @person_ids (feed id → directory id) for the speakers not in the store under their
 * own id but there under another one with the same name.  Done before the first write of
 * the transaction: a full-text query after writes makes SQLite's FTS5 merge its pending
 * index data each time, which made the 38C3 import five times slower. */
static gboolean
link_people (CaucusStore  *store,
             GPtrArray    *docs,
             GHashTable   *person_ids,
             GError      **error)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = json_object_get_string_member_with_default (doc, "_id", NULL);
      g_autoptr(JsonObject) existing = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *same_name = NULL;

      if (id == NULL || g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), "person") != 0)
        continue;
      existing = get_existing (store, id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Could not read ‘%s’: ", id);
          return FALSE;
        }
      if (existing != NULL)
        continue;
      same_name = find_person_by_name (store, json_object_get_string_member_with_default (doc, "name", NULL));
      if (same_name != NULL)
        g_hash_table_insert (person_ids, g_strdup (id), g_steal_pointer (&same_name));
    }
  return TRUE;
}

/* @doc with its roles' person_ids replaced through @person_ids (feed id → directory id),
 * or NULL when none is. */
static JsonObject *
relink_roles (JsonObject *doc,
              GHashTable *person_ids)
{
  JsonObject *copy = NULL;
  JsonArray *roles;

  if (g_hash_table_size (person_ids) == 0 || !json_object_has_member (doc, "roles"))
    return NULL;
  roles = json_object_get_array_member (doc, "roles");
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      const char *person_id = role != NULL ? json_object_get_string_member_with_default (role, "person_id", NULL) : NULL;
      const char *linked = person_id != NULL ? g_hash_table_lookup (person_ids, person_id) : NULL;

      if (linked == NULL)
        continue;
      if (copy == NULL)
        {
          copy = copy_object (doc);
          roles = json_object_get_array_member (copy, "roles");
          role = json_array_get_object_element (roles, i);
        }
      json_object_set_string_member (role, "person_id", linked);
    }
  return copy;
}

static gboolean
import_one (CaucusStore        *store,
            JsonObject         *doc,
            const char         *now,
            const char         *actor,
            GHashTable         *person_ids,
            CaucusImportReport *report,
            GError            **error)
{
  g_autoptr(JsonObject) relinked = NULL;
  const char *id = json_object_get_string_member_with_default (doc, "_id", NULL);
  const char *type = json_object_get_string_member_with_default (doc, "type", NULL);
  const char *title = json_object_get_string_member_with_default (doc, "title", id);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) merged = NULL;
  CaucusImportItem *item;

  if (id == NULL || type == NULL)
    {
      g_set_error_literal (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                           "An imported document has no _id or type");
      return FALSE;
    }
  existing = get_existing (store, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Could not read ‘%s’: ", id);
      return FALSE;
    }
  if (existing != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (existing, "type", NULL), type) != 0)
    {
      g_set_error (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_INVALID,
                   "The import would overwrite ‘%s’, whose type is ‘%s’, not ‘%s’", id,
                   json_object_get_string_member_with_default (existing, "type", "document without type"), type);
      return FALSE;
    }

  if (strcmp (type, "person") == 0)
    {
      if (existing != NULL)
        {
          report->n_persons_existing++;
          return TRUE;
        }
      if (g_hash_table_contains (person_ids, id))
        {
          report->n_persons_existing++;   /* found by name, see link_people() */
          return TRUE;
        }
      merged = copy_object (doc);
      stamp (merged, now, actor, TRUE);
      if (!put (store, merged, error))
        return FALSE;
      report->n_persons_added++;
      return TRUE;
    }

  relinked = relink_roles (doc, person_ids);
  if (relinked != NULL)
    doc = relinked;
  if (existing == NULL)
    {
      merged = copy_object (doc);
      stamp (merged, now, actor, TRUE);
      if (!put (store, merged, error))
        return FALSE;
      g_ptr_array_add (report->added, item_new (id, title));
      return TRUE;
    }

  item = item_new (id, title);
  diff_event (item, existing, doc);
  if (item->changes->len == 0)
    {
      item_free (item);
      report->n_unchanged++;
      return TRUE;
    }
  merged = copy_object (existing);
  for (guint i = 0; i < G_N_ELEMENTS (event_members); i++)
    {
      JsonNode *value = member (doc, event_members[i]);

      if (value != NULL)
        json_object_set_member (merged, event_members[i], json_node_copy (value));
      else
        json_object_remove_member (merged, event_members[i]);
    }
  stamp (merged, now, actor, FALSE);
  if (!put (store, merged, error))
    {
      item_free (item);
      return FALSE;
    }
  g_ptr_array_add (report->updated, item);
  return TRUE;
}

/* Sessions of @conference_id in the store that the feed no longer lists. */
static gboolean
cancel_missing (CaucusStore        *store,
                const char         *conference_id,
                GHashTable         *imported,
                const char         *now,
                const char         *actor,
                CaucusImportReport *report,
                GError            **error)
{
  g_autofree char *prefix = g_strconcat (conference_id, ":", NULL);
  g_autofree char *endkey = g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);   /* U+10FFFF */
  CaucusAllDocsOptions opts = { 0 };
  g_autoptr(JsonObject) result = NULL;
  JsonArray *rows;

  opts.startkey = prefix;
  opts.endkey = endkey;
  opts.limit = -1;
  opts.include_docs = TRUE;
  result = caucus_store_all_docs (store, &opts, error);
  if (result == NULL)
    return FALSE;
  rows = json_object_get_array_member (result, "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc = json_object_has_member (row, "doc") ? json_object_get_object_member (row, "doc") : NULL;
      const char *id = json_object_get_string_member_with_default (row, "id", "");
      g_autoptr(JsonObject) merged = NULL;

      if (doc == NULL || !g_str_has_prefix (id, prefix) || g_hash_table_contains (imported, id) ||
          g_strcmp0 (json_object_get_string_member_with_default (doc, "parent_id", NULL), conference_id) != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (doc, "status", NULL), "cancelled") == 0)
        continue;
      merged = copy_object (doc);
      json_object_set_string_member (merged, "status", "cancelled");
      stamp (merged, now, actor, FALSE);
      if (!put (store, merged, error))
        return FALSE;
      g_ptr_array_add (report->cancelled,
                       item_new (id, json_object_get_string_member_with_default (doc, "title", id)));
    }
  return TRUE;
}

gboolean
caucus_import_docs (CaucusStore         *store,
                    GPtrArray           *docs,
                    const char          *format,
                    const char          *source,
                    CaucusImportReport **report,
                    GError             **error)
{
  g_autoptr(CaucusImportReport) result = NULL;
  g_autoptr(GHashTable) imported = NULL;
  g_autoptr(GHashTable) person_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();
  g_autofree char *now = caucus_time_format_instant (now_dt);
  g_autofree char *actor = NULL;
  JsonObject *first;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (report != NULL && *report == NULL, FALSE);

  result = caucus_import_report_new (format, source);
  actor = g_strconcat ("import:", format, NULL);
  imported = g_hash_table_new (g_str_hash, g_str_equal);

  /* A schedule starts with its conference: its sessions missing from the feed get cancelled. */
  first = docs->len > 0 ? g_ptr_array_index (docs, 0) : NULL;
  if (first != NULL && g_str_has_prefix (format, "frab") &&
      g_strcmp0 (json_object_get_string_member_with_default (first, "kind", NULL), "conference") == 0)
    result->conference_id = g_strdup (json_object_get_string_member (first, "_id"));

  if (!caucus_store_begin (store, error))
    return FALSE;
  if (!link_people (store, docs, person_ids, error))
    goto fail;
  /* Speakers first, so the sessions can point at directory entries found by name. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < docs->len; i++)
      {
        JsonObject *doc = g_ptr_array_index (docs, i);
        gboolean person = g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), "person") == 0;

        if (person != (pass == 0))
          continue;
        if (!import_one (store, doc, now, actor, person_ids, result, error))
          goto fail;
        g_hash_table_add (imported, (gpointer) json_object_get_string_member (doc, "_id"));
      }
  if (result->conference_id != NULL &&
      !cancel_missing (store, result->conference_id, imported, now, actor, result, error))
    goto fail;
  if (!caucus_store_commit (store, error))
    goto fail;
  *report = g_steal_pointer (&result);
  return TRUE;

fail:
  caucus_store_rollback (store);
  return FALSE;
}
