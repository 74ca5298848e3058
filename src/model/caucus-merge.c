/* caucus-merge.c — three-way merge rules over JSON documents.
 *
 * Determinism matters more than cleverness here: two replicas that see the same three
 * bodies must write byte-identical results (the store derives the revision id from the
 * body), so every choice below is a function of the values, never of argument order,
 * time, or hash-table iteration. */
#include "caucus-merge.h"
#include "caucus-json.h"
#include "caucus-document-private.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (CaucusConflict, caucus_conflict, caucus_conflict_copy, caucus_conflict_free)

CaucusConflict *
caucus_conflict_copy (const CaucusConflict *conflict)
{
  CaucusConflict *copy = g_new0 (CaucusConflict, 1);

  copy->path = g_strdup (conflict->path);
  copy->base = conflict->base ? caucus_json_node_deep_copy (conflict->base) : NULL;
  copy->ours = conflict->ours ? caucus_json_node_deep_copy (conflict->ours) : NULL;
  copy->theirs = conflict->theirs ? caucus_json_node_deep_copy (conflict->theirs) : NULL;
  if (conflict->hunks != NULL)
    {
      copy->hunks = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_text_conflict_free);
      for (guint i = 0; i < conflict->hunks->len; i++)
        g_ptr_array_add (copy->hunks, caucus_text_conflict_copy (g_ptr_array_index (conflict->hunks, i)));
    }
  return copy;
}

void
caucus_conflict_free (CaucusConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->path);
  g_clear_pointer (&conflict->base, json_node_unref);
  g_clear_pointer (&conflict->ours, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_clear_pointer (&conflict->hunks, g_ptr_array_unref);
  g_free (conflict);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ---- strategies ------------------------------------------------------------------ */

typedef enum {
  RULE_VALUE,       /* whole value: a conflict when both changed it differently */
  RULE_SET,
  RULE_TEXT,
  RULE_OBJECT,      /* recurse per member */
  RULE_EARLIEST,    /* the earliest timestamp (created, withdrawn_at) */
  RULE_LATEST,      /* updated */
  RULE_FOLLOWS_UPDATED, /* updated_by */
  RULE_TRUE_WINS,   /* resolved */
  RULE_DROP,        /* CouchDB bookkeeping, never part of a body */
} Rule;

static gboolean
type_is_immutable (const char *type_name)
{
  return g_strcmp0 (type_name, "statement-version") == 0 ||
         g_strcmp0 (type_name, "signature") == 0 ||
         g_strcmp0 (type_name, "comment") == 0;
}

static Rule
rule_for_member (const char *type_name,
                 const char *member,
                 gboolean    top_level)
{
  const CaucusFieldSpec *spec;
  gboolean immutable = type_is_immutable (type_name);

  if (top_level)
    {
      if (g_str_equal (member, "_attachments"))
        return RULE_OBJECT;
      if (member[0] == '_' && !g_str_equal (member, "_id"))
        return RULE_DROP;
      if (g_str_equal (member, "created"))
        return RULE_EARLIEST;
      if (g_str_equal (member, "updated"))
        return RULE_LATEST;
      if (g_str_equal (member, "updated_by"))
        return RULE_FOLLOWS_UPDATED;
      if (immutable && (g_str_equal (member, "withdrawn_at") || g_str_equal (member, "resolved_at")))
        return RULE_EARLIEST;
      if (immutable && g_str_equal (member, "resolved"))
        return RULE_TRUE_WINS;

      spec = _caucus_field_spec_lookup (type_name, member);
      if (spec != NULL)
        {
          if (spec->kind == CAUCUS_FIELD_STRV)
            return RULE_SET;
          if (spec->check == CAUCUS_CHECK_ROLES || spec->check == CAUCUS_CHECK_ACCREDITATIONS)
            return RULE_SET;
          /* Immutable snapshots are never edited, so their text is never diff3'd. */
          if (spec->kind == CAUCUS_FIELD_TEXT && !immutable)
            return RULE_TEXT;
          if (spec->kind == CAUCUS_FIELD_JSON && spec->check != CAUCUS_CHECK_SECTIONS)
            return RULE_OBJECT;
          return RULE_VALUE;
        }
    }
  return RULE_OBJECT;   /* unknown members: per member if objects, else whole value */
}

typedef struct {
  const char *type_name;
  GPtrArray  *conflicts;
  /* for updated_by */
  JsonObject *ours_top;
  JsonObject *theirs_top;
  GHashTable *choices;   /* path → JsonNode* (NULL: drop the member), or NULL */
} MergeState;

/* A true conflict at @path: the person's choice if there is one, else recorded. */
static JsonNode *
conflict_at (MergeState *state,
             const char *path,
             JsonNode   *base,
             JsonNode   *ours,
             JsonNode   *theirs,
             GPtrArray  *hunks)
{
  CaucusConflict *c;
  gpointer chosen;

  if (state->choices != NULL && g_hash_table_lookup_extended (state->choices, path, NULL, &chosen))
    return chosen != NULL ? caucus_json_node_deep_copy (chosen) : NULL;

  c = g_new0 (CaucusConflict, 1);
  c->path = g_strdup (path);
  c->base = base ? caucus_json_node_deep_copy (base) : NULL;
  c->ours = ours ? caucus_json_node_deep_copy (ours) : NULL;
  c->theirs = theirs ? caucus_json_node_deep_copy (theirs) : NULL;
  c->hunks = hunks ? g_ptr_array_ref (hunks) : NULL;
  g_ptr_array_add (state->conflicts, c);
  return ours ? caucus_json_node_deep_copy (ours) : NULL;
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Elements of an array, keyed canonically, first occurrence kept, in order. */
static void
set_keys (JsonNode   *node,
          GPtrArray  *keys,
          GHashTable *nodes)
{
  JsonArray *array;

  if (node == NULL)
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char *key = caucus_json_canonical (element);
      if (g_hash_table_contains (nodes, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_insert (nodes, key, element);
      g_ptr_array_add (keys, key);
    }
}

static JsonNode *
merge_sets (JsonNode *base,
            JsonNode *ours,
            JsonNode *theirs)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kb = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ko = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kt = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) in_o = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_t = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_o = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_t = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GHashTable) added_set = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *result = json_array_new ();
  JsonNode *out;

  /* Each array is keyed with its own table so that the node kept for a key does not
   * depend on which side saw it first; equal keys are equal values anyway. */
  {
    g_autoptr(GHashTable) nb = g_hash_table_new (g_str_hash, g_str_equal);
    set_keys (base, kb, nb);
    set_keys (ours, ko, seen_o);
    set_keys (theirs, kt, seen_t);
    for (guint i = 0; i < kb->len; i++)
      g_hash_table_insert (nodes, kb->pdata[i], g_hash_table_lookup (nb, kb->pdata[i]));
  }
  for (guint i = 0; i < kb->len; i++) g_hash_table_add (in_b, kb->pdata[i]);
  for (guint i = 0; i < ko->len; i++) g_hash_table_add (in_o, ko->pdata[i]);
  for (guint i = 0; i < kt->len; i++) g_hash_table_add (in_t, kt->pdata[i]);

  /* Kept base elements, in base order: removed by neither side. */
  for (guint i = 0; i < kb->len; i++)
    if (g_hash_table_contains (in_o, kb->pdata[i]) && g_hash_table_contains (in_t, kb->pdata[i]))
      json_array_add_element (result, caucus_json_node_deep_copy (g_hash_table_lookup (nodes, kb->pdata[i])));

  /* Additions of either side, in canonical order so the sides are interchangeable. */
  for (guint i = 0; i < ko->len; i++)
    if (!g_hash_table_contains (in_b, ko->pdata[i]) && g_hash_table_add (added_set, ko->pdata[i]))
      g_ptr_array_add (added, ko->pdata[i]);
  for (guint i = 0; i < kt->len; i++)
    if (!g_hash_table_contains (in_b, kt->pdata[i]) && g_hash_table_add (added_set, kt->pdata[i]))
      g_ptr_array_add (added, kt->pdata[i]);
  g_ptr_array_sort (added, compare_strings);
  for (guint i = 0; i < added->len; i++)
    {
      JsonNode *n = g_hash_table_lookup (seen_o, added->pdata[i]);
      if (n == NULL)
        n = g_hash_table_lookup (seen_t, added->pdata[i]);
      json_array_add_element (result, caucus_json_node_deep_copy (n));
    }

  out = json_node_init_array (json_node_alloc (), result);
  json_array_unref (result);
  return out;
}

static JsonNode *merge_value (MergeState *state, const char *path, const char *member, gboolean top_level,
                              JsonNode *base, JsonNode *ours, JsonNode *theirs);

static JsonObject *
merge_objects (MergeState *state,
               const char *prefix,
               gboolean    top_level,
               JsonObject *base,
               JsonObject *ours,
               JsonObject *theirs)
{
  JsonObject *result = json_object_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  JsonObject *sides[3] = { base, ours, theirs };

  /* Member order: the base's first (shared by every replica), then new ones sorted. */
  if (base != NULL)
    {
      GList *members = json_object_get_members (base);
      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (listed, l->data))
          g_ptr_array_add (names, l->data);
      g_list_free (members);
    }
  for (int s = 1; s < 3; s++)
    {
      GList *members;
      if (sides[s] == NULL)
        continue;
      members = json_object_get_members (sides[s]);
      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (listed, l->data))
          g_ptr_array_add (extra, l->data);
      g_list_free (members);
    }
  g_ptr_array_sort (extra, compare_strings);
  g_ptr_array_extend (names, extra, NULL, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *member = g_ptr_array_index (names, i);
      g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, member) : g_strdup (member);
      JsonNode *merged;

      if (top_level && rule_for_member (state->type_name, member, TRUE) == RULE_DROP)
        continue;
      merged = merge_value (state, path, member, top_level,
                            base ? json_object_get_member (base, member) : NULL,
                            ours ? json_object_get_member (ours, member) : NULL,
                            theirs ? json_object_get_member (theirs, member) : NULL);
      if (merged != NULL)
        json_object_set_member (result, member, merged);
    }
  return result;
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node ? caucus_json_node_deep_copy (node) : NULL;
}

/* The present value that sorts first (or last) as a time; absent loses. */
static JsonNode *
pick_time (JsonNode *a,
           JsonNode *b,
           gboolean  earliest)
{
  int cmp;

  if (a == NULL || !holds_string (a))
    return copy_or_null (b ? b : a);
  if (b == NULL || !holds_string (b))
    return copy_or_null (a);
  cmp = caucus_timestamp_compare (json_node_get_string (a), json_node_get_string (b));
  if (cmp == 0)
    {
      g_autofree char *ca = caucus_json_canonical (a);
      g_autofree char *cb = caucus_json_canonical (b);
      cmp = strcmp (ca, cb);
    }
  return caucus_json_node_deep_copy (earliest ? (cmp <= 0 ? a : b) : (cmp >= 0 ? a : b));
}

static JsonNode *
merge_value (MergeState *state,
             const char *path,
             const char *member,
             gboolean    top_level,
             JsonNode   *base,
             JsonNode   *ours,
             JsonNode   *theirs)
{
  Rule rule = rule_for_member (state->type_name, member, top_level);

  /* Monotonic members ignore what the base said: a withdrawal or a resolution, once
   * made anywhere, stands. */
  if (rule == RULE_TRUE_WINS)
    {
      gboolean o = ours && JSON_NODE_HOLDS_VALUE (ours) && json_node_get_value_type (ours) == G_TYPE_BOOLEAN && json_node_get_boolean (ours);
      gboolean t = theirs && JSON_NODE_HOLDS_VALUE (theirs) && json_node_get_value_type (theirs) == G_TYPE_BOOLEAN && json_node_get_boolean (theirs);
      if (o || t)
        return json_node_init_boolean (json_node_alloc (), TRUE);
    }
  if (rule == RULE_EARLIEST && (g_str_equal (member, "withdrawn_at") || g_str_equal (member, "resolved_at")))
    return pick_time (ours, theirs, TRUE);

  if (caucus_json_equal (ours, theirs))
    return copy_or_null (ours);
  if (caucus_json_equal (base, ours))
    return copy_or_null (theirs);
  if (caucus_json_equal (base, theirs))
    return copy_or_null (ours);

  /* Both sides changed the member, differently. */
  switch (rule)
    {
    case RULE_EARLIEST:
      if (holds_string (ours) && holds_string (theirs))
        return pick_time (ours, theirs, TRUE);
      break;
    case RULE_LATEST:
      if (holds_string (ours) && holds_string (theirs))
        return pick_time (ours, theirs, FALSE);
      break;
    case RULE_FOLLOWS_UPDATED:
      {
        JsonNode *uo = json_object_get_member (state->ours_top, "updated");
        JsonNode *ut = json_object_get_member (state->theirs_top, "updated");
        int cmp = 0;
        if (holds_string (uo) && holds_string (ut))
          cmp = caucus_timestamp_compare (json_node_get_string (uo), json_node_get_string (ut));
        if (cmp == 0)
          {
            /* Same instant (or unknown): the larger value, so the choice is symmetric. */
            g_autofree char *co = caucus_json_canonical (ours);
            g_autofree char *ct = caucus_json_canonical (theirs);
            cmp = (ours == NULL) ? -1 : (theirs == NULL) ? 1 : strcmp (co, ct);
          }
        return copy_or_null (cmp >= 0 ? ours : theirs);
      }
    case RULE_SET:
      /* A side that dropped the member emptied the set: its removals still apply. */
      if ((base == NULL || JSON_NODE_HOLDS_ARRAY (base)) &&
          (ours == NULL || JSON_NODE_HOLDS_ARRAY (ours)) &&
          (theirs == NULL || JSON_NODE_HOLDS_ARRAY (theirs)))
        {
          g_autoptr(JsonArray) none = json_array_new ();
          g_autoptr(JsonNode) empty = json_node_init_array (json_node_alloc (), none);
          return merge_sets (base, ours ? ours : empty, theirs ? theirs : empty);
        }
      break;
    case RULE_TEXT:
      if ((base == NULL || holds_string (base)) && holds_string (ours) && holds_string (theirs))
        {
          g_autofree char *merged = NULL;
          g_autoptr(GPtrArray) hunks = NULL;
          if (caucus_diff3_merge (base ? json_node_get_string (base) : "",
                                  json_node_get_string (ours), json_node_get_string (theirs),
                                  &merged, &hunks))
            return json_node_init_string (json_node_alloc (), merged);
          return conflict_at (state, path, base, ours, theirs, hunks);
        }
      break;
    case RULE_OBJECT:
      if ((base == NULL || JSON_NODE_HOLDS_OBJECT (base)) &&
          ours != NULL && JSON_NODE_HOLDS_OBJECT (ours) &&
          theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
        {
          JsonObject *merged = merge_objects (state, path, FALSE,
                                              base ? json_node_get_object (base) : NULL,
                                              json_node_get_object (ours),
                                              json_node_get_object (theirs));
          JsonNode *node = json_node_init_object (json_node_alloc (), merged);
          json_object_unref (merged);
          return node;
        }
      break;
    case RULE_VALUE:
    case RULE_TRUE_WINS:
    case RULE_DROP:
    default:
      break;
    }

  return conflict_at (state, path, base, ours, theirs, NULL);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return holds_string (node) ? json_node_get_string (node) : NULL;
}

static int
conflict_compare (gconstpointer a,
                  gconstpointer b)
{
  const CaucusConflict *ca = *(const CaucusConflict * const *) a;
  const CaucusConflict *cb = *(const CaucusConflict * const *) b;

  return strcmp (ca->path, cb->path);
}

gboolean
caucus_merge_documents (JsonObject  *base,
                        JsonObject  *ours,
                        JsonObject  *theirs,
                        JsonObject **result,
                        GPtrArray  **conflicts,
                        GError     **error)
{
  return caucus_merge_documents_with_choices (base, ours, theirs, NULL, result, conflicts, error);
}

gboolean
caucus_merge_documents_with_choices (JsonObject  *base,
                                     JsonObject  *ours,
                                     JsonObject  *theirs,
                                     GHashTable  *choices,
                                     JsonObject **result,
                                     GPtrArray  **conflicts,
                                     GError     **error)
{
  MergeState state = { 0 };
  g_autoptr(JsonObject) merged = NULL;
  const char *type_o, *type_t;

  g_return_val_if_fail (ours != NULL, FALSE);
  g_return_val_if_fail (theirs != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *result = NULL;
  if (conflicts != NULL)
    *conflicts = NULL;

  if (g_strcmp0 (string_member (ours, "_id"), string_member (theirs, "_id")) != 0 ||
      (base != NULL && string_member (base, "_id") != NULL &&
       g_strcmp0 (string_member (base, "_id"), string_member (ours, "_id")) != 0))
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Only revisions of the same document can be merged (‘%s’ and ‘%s’)"),
                   string_member (ours, "_id") ? string_member (ours, "_id") : "",
                   string_member (theirs, "_id") ? string_member (theirs, "_id") : "");
      return FALSE;
    }

  /* The rules follow the type both sides agree on; if they disagree, "type" itself is
   * a conflict and generic rules apply to the rest. */
  type_o = string_member (ours, "type");
  type_t = string_member (theirs, "type");
  state.type_name = g_strcmp0 (type_o, type_t) == 0 ? type_o : NULL;
  state.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_conflict_free);
  state.ours_top = ours;
  state.theirs_top = theirs;
  state.choices = choices;

  merged = merge_objects (&state, NULL, TRUE, base, ours, theirs);

  if (state.conflicts->len > 0)
    {
      g_autoptr(GString) paths = g_string_new (NULL);

      g_ptr_array_sort (state.conflicts, conflict_compare);
      for (guint i = 0; i < state.conflicts->len; i++)
        {
          const CaucusConflict *c = g_ptr_array_index (state.conflicts, i);
          if (i > 0)
            g_string_append (paths, ", ");
          g_string_append (paths, c->path);
        }
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Both sides changed ‘%s’ differently; choose which to keep",
                                "Both sides changed these fields differently; choose which to keep: %s",
                                state.conflicts->len),
                   paths->str);
      if (conflicts != NULL)
        *conflicts = g_steal_pointer (&state.conflicts);
      else
        g_ptr_array_unref (state.conflicts);
      return FALSE;
    }

  g_ptr_array_unref (state.conflicts);
  *result = g_steal_pointer (&merged);
  return TRUE;
}
