/* caucus-resolve.c — auto-merging conflicting leaves in the store. */
#include "caucus-resolve.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>

static JsonArray *
string_array_member (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* An automatic merge of a statement becomes a named version (issue 7: "the result is a
 * new version").  Its id and body derive from the merged revision only, so replicas that
 * resolve the same conflict write the same version document, which then replicates
 * without conflicting. */
static gboolean
write_merge_version (CaucusStore *store,
                     const char  *id,
                     JsonObject  *merged,
                     const char  *merged_rev,
                     GError     **error)
{
  g_autoptr(JsonObject) version = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *version_id = NULL;
  g_autofree char *rev = NULL;
  JsonNode *type = json_object_get_member (merged, "type");
  JsonNode *body = json_object_get_member (merged, "body");
  JsonNode *updated = json_object_get_member (merged, "updated");

  if (type == NULL || !JSON_NODE_HOLDS_VALUE (type) || json_node_get_value_type (type) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (type), "statement") != 0)
    return TRUE;

  version_id = g_strdup_printf ("%s:merge:%s", id, merged_rev);
  version = json_object_new ();
  json_object_set_string_member (version, "_id", version_id);
  json_object_set_string_member (version, "type", "statement-version");
  json_object_set_string_member (version, "statement_id", id);
  /* Not translated: replicas in different languages must write identical bodies.  The
   * UI recognises these versions by merged_rev and shows a translated name. */
  json_object_set_string_member (version, "name", "Automatic merge");
  json_object_set_string_member (version, "merged_rev", merged_rev);
  if (body != NULL)
    json_object_set_member (version, "body", caucus_json_node_deep_copy (body));
  else
    json_object_set_string_member (version, "body", "");
  if (updated != NULL && JSON_NODE_HOLDS_VALUE (updated) && json_node_get_value_type (updated) == G_TYPE_STRING)
    {
      json_object_set_string_member (version, "created", json_node_get_string (updated));
      json_object_set_string_member (version, "updated", json_node_get_string (updated));
    }
  rev = caucus_store_put (store, version, &local);
  if (rev == NULL)
    {
      /* Already written here (or received from a replica that merged first). */
      if (g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
caucus_resolve_document (CaucusStore          *store,
                         const char           *id,
                         CaucusResolveOutcome *outcome,
                         char                **new_rev,
                         GPtrArray           **conflicts,
                         char                **conflict_rev,
                         GError              **error)
{
  CaucusGetOptions opts = { 0 };
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) winner = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) losers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *written = NULL;
  const char *winner_rev;
  JsonArray *revs;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  *outcome = CAUCUS_RESOLVE_NONE;
  if (new_rev)
    *new_rev = NULL;
  if (conflicts)
    *conflicts = NULL;
  if (conflict_rev)
    *conflict_rev = NULL;

  opts.conflicts = TRUE;
  winner = caucus_store_get (store, id, &opts, &local);
  if (winner == NULL)
    {
      if (g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED) ||
          g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  revs = string_array_member (winner, "_conflicts");
  if (revs == NULL || json_array_get_length (revs) == 0)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (revs); i++)
    g_ptr_array_add (losers, g_strdup (json_array_get_string_element (revs, i)));
  winner_rev = json_object_get_string_member (winner, "_rev");

  /* Fold every losing leaf into the winner, in the store's (deterministic) order. */
  merged = json_object_ref (winner);
  for (guint i = 0; i < losers->len; i++)
    {
      CaucusGetOptions loser_opts = { .rev = losers->pdata[i] };
      g_autoptr(JsonObject) loser = NULL;
      g_autoptr(JsonObject) base = NULL;
      g_autoptr(JsonObject) result = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) merge_error = NULL;

      loser = caucus_store_get (store, id, &loser_opts, error);
      if (loser == NULL)
        return FALSE;
      base = caucus_store_get_merge_base (store, id, winner_rev, losers->pdata[i], &local);
      if (base == NULL)
        {
          /* No common body kept (compacted, or unrelated roots): merge two-way, where
           * only equal values and set unions are safe. */
          if (!g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_clear_error (&local);
        }
      if (!caucus_merge_documents (base, merged, loser, &result, &found, &merge_error))
        {
          if (!g_error_matches (merge_error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_CONFLICT))
            {
              g_propagate_error (error, g_steal_pointer (&merge_error));
              return FALSE;
            }
          *outcome = CAUCUS_RESOLVE_CONFLICT;
          if (conflicts)
            *conflicts = g_steal_pointer (&found);
          if (conflict_rev)
            *conflict_rev = g_strdup (losers->pdata[i]);
          return TRUE;
        }
      g_clear_pointer (&merged, json_object_unref);
      merged = g_steal_pointer (&result);
    }

  /* One revision on top of the winner (none if the losers added nothing), tombstones
   * on the rest, all or nothing. */
  json_object_remove_member (winner, "_conflicts");
  json_object_set_string_member (merged, "_id", id);
  json_object_set_string_member (merged, "_rev", winner_rev);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), merged);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), winner);
    gboolean unchanged = caucus_json_equal (a, b);

    if (!caucus_store_begin (store, error))
      return FALSE;
    written = unchanged ? g_strdup (winner_rev) : caucus_store_put (store, merged, error);
  }
  if (written == NULL)
    {
      caucus_store_rollback (store);
      return FALSE;
    }
  if (!g_str_equal (written, winner_rev) && !write_merge_version (store, id, merged, written, error))
    {
      caucus_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < losers->len; i++)
    {
      g_autofree char *tombstone = caucus_store_delete (store, id, losers->pdata[i], error);
      if (tombstone == NULL)
        {
          caucus_store_rollback (store);
          return FALSE;
        }
    }
  if (!caucus_store_commit (store, error))
    {
      caucus_store_rollback (store);
      return FALSE;
    }

  *outcome = CAUCUS_RESOLVE_MERGED;
  if (new_rev)
    *new_rev = g_steal_pointer (&written);
  return TRUE;
}

gboolean
caucus_resolve_documents (CaucusStore        *store,
                          const char * const *ids,
                          guint              *n_merged,
                          guint              *n_conflicted,
                          GError            **error)
{
  guint merged = 0, conflicted = 0;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      CaucusResolveOutcome outcome;

      if (!caucus_resolve_document (store, ids[i], &outcome, NULL, NULL, NULL, error))
        return FALSE;
      merged += outcome == CAUCUS_RESOLVE_MERGED;
      conflicted += outcome == CAUCUS_RESOLVE_CONFLICT;
    }
  if (n_merged)
    *n_merged = merged;
  if (n_conflicted)
    *n_conflicted = conflicted;
  return TRUE;
}
