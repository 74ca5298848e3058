/* caucus-resolve.c — merging conflicting leaves in the store, automatically or with a
 * person's choices, and writing the result in one transaction. */
#include "caucus-resolve.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Writes one statement-version whose id and content derive only from revisions, so a
 * replica that writes it too (or receives it first) ends with the identical document.
 * Names are not translated for the same reason; the UI recognises them by "role". */
static gboolean
put_version (CaucusStore *store,
             const char  *version_id,
             const char  *statement_id,
             const char  *name,
             const char  *role,
             const char  *rev,
             JsonObject  *source,
             GError     **error)
{
  g_autoptr(JsonObject) version = json_object_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *written = NULL;
  JsonNode *body = json_object_get_member (source, "body");
  const char *updated = string_member (source, "updated");

  json_object_set_string_member (version, "_id", version_id);
  json_object_set_string_member (version, "type", "statement-version");
  json_object_set_string_member (version, "statement_id", statement_id);
  json_object_set_string_member (version, "name", name);
  json_object_set_string_member (version, "role", role);
  json_object_set_string_member (version, "statement_rev", rev);
  if (body != NULL && JSON_NODE_HOLDS_VALUE (body) && json_node_get_value_type (body) == G_TYPE_STRING)
    json_object_set_string_member (version, "body", json_node_get_string (body));
  else
    json_object_set_string_member (version, "body", "");
  if (updated != NULL)
    {
      json_object_set_string_member (version, "created", updated);
      json_object_set_string_member (version, "updated", updated);
    }
  written = caucus_store_put (store, version, &local);
  if (written == NULL)
    {
      /* Already here: written earlier, or replicated from a peer that merged first. */
      if (g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Issue 7: every side's text before a merge is kept as a version, and the result is a
 * new version; so nothing either writer wrote is lost even after compaction. */
static gboolean
write_statement_versions (CaucusStore *store,
                          const char  *id,
                          JsonObject  *winner,
                          GPtrArray   *losers,        /* JsonObject* with _rev */
                          JsonObject  *merged,
                          const char  *merged_rev,
                          gboolean     reviewed,
                          GError     **error)
{
  g_autofree char *merge_id = NULL;

  if (g_strcmp0 (string_member (winner, "type"), "statement") != 0)
    return TRUE;

  for (guint i = 0; i <= losers->len; i++)
    {
      JsonObject *side = i == 0 ? winner : g_ptr_array_index (losers, i - 1);
      const char *rev = string_member (side, "_rev");
      g_autofree char *version_id = g_strdup_printf ("%s:rev:%s", id, rev);

      if (!put_version (store, version_id, id, "Before merge", "before-merge", rev, side, error))
        return FALSE;
    }
  merge_id = g_strdup_printf ("%s:merge:%s", id, merged_rev);
  return put_version (store, merge_id, id, reviewed ? "Merge after review" : "Automatic merge",
                      reviewed ? "reviewed-merge" : "automatic-merge", merged_rev, merged, error);
}

static gboolean
resolve (CaucusStore          *store,
         const char           *id,
         GHashTable           *choices,
         CaucusResolveOutcome *outcome,
         char                **new_rev,
         GPtrArray           **conflicts,
         char                **conflict_rev,
         GError              **conflict_error,
         GError              **error)
{
  CaucusGetOptions opts = { .conflicts = TRUE };
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonObject) winner = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GPtrArray) losers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *written = NULL;
  g_autoptr(JsonArray) revs_ref = NULL;
  const char *winner_rev;
  JsonArray *revs;
  gboolean unchanged;

  *outcome = CAUCUS_RESOLVE_NONE;

  winner = caucus_store_get (store, id, &opts, &local);
  if (winner == NULL)
    {
      if (g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED) ||
          g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  revs = array_member (winner, "_conflicts");
  if (revs == NULL || json_array_get_length (revs) == 0)
    return TRUE;
  revs = revs_ref = json_array_ref (revs);   /* it lives in the member removed below */
  json_object_remove_member (winner, "_conflicts");
  winner_rev = string_member (winner, "_rev");

  /* Fold every losing leaf into the winner, in the store's (deterministic) order. */
  merged = caucus_json_object_deep_copy (winner);
  for (guint i = 0; i < json_array_get_length (revs); i++)
    {
      const char *loser_rev = json_array_get_string_element (revs, i);
      CaucusGetOptions loser_opts = { .rev = loser_rev };
      g_autoptr(JsonObject) loser = NULL;
      g_autoptr(JsonObject) base = NULL;
      g_autoptr(JsonObject) result = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) merge_error = NULL;

      loser = caucus_store_get (store, id, &loser_opts, error);
      if (loser == NULL)
        return FALSE;
      base = caucus_store_get_merge_base (store, id, winner_rev, loser_rev, &local);
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
      if (!caucus_merge_documents_with_choices (base, merged, loser, choices, &result, &found, &merge_error))
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
            *conflict_rev = g_strdup (loser_rev);
          if (conflict_error)
            *conflict_error = g_steal_pointer (&merge_error);
          return TRUE;
        }
      g_clear_pointer (&merged, json_object_unref);
      merged = g_steal_pointer (&result);
      g_ptr_array_add (losers, g_steal_pointer (&loser));
    }

  /* One revision on top of the winner (none if the losers added nothing), versions of a
   * statement, tombstones on the losing leaves: all or nothing. */
  json_object_set_string_member (merged, "_id", id);
  json_object_set_string_member (merged, "_rev", winner_rev);
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), merged);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), winner);
    unchanged = caucus_json_equal (a, b);
  }
  if (!caucus_store_begin (store, error))
    return FALSE;
  written = unchanged ? g_strdup (winner_rev) : caucus_store_put (store, merged, error);
  if (written == NULL ||
      (!unchanged && !write_statement_versions (store, id, winner, losers, merged, written, choices != NULL, error)))
    {
      caucus_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < losers->len; i++)
    {
      g_autofree char *tombstone = caucus_store_delete (store, id, string_member (losers->pdata[i], "_rev"), error);
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
caucus_resolve_document (CaucusStore          *store,
                         const char           *id,
                         CaucusResolveOutcome *outcome,
                         char                **new_rev,
                         GPtrArray           **conflicts,
                         char                **conflict_rev,
                         GError              **error)
{
  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  if (new_rev)
    *new_rev = NULL;
  if (conflicts)
    *conflicts = NULL;
  if (conflict_rev)
    *conflict_rev = NULL;
  return resolve (store, id, NULL, outcome, new_rev, conflicts, conflict_rev, NULL, error);
}

gboolean
caucus_resolve_document_with_choices (CaucusStore *store,
                                      const char  *id,
                                      GHashTable  *choices,
                                      char       **new_rev,
                                      GError     **error)
{
  CaucusResolveOutcome outcome;
  g_autoptr(GError) conflict_error = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);

  if (new_rev)
    *new_rev = NULL;
  if (!resolve (store, id, choices, &outcome, new_rev, NULL, NULL, &conflict_error, error))
    return FALSE;
  if (outcome == CAUCUS_RESOLVE_CONFLICT)
    {
      /* A choice is missing (or the document changed since the review began). */
      g_propagate_error (error, g_steal_pointer (&conflict_error));
      return FALSE;
    }
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

      if (!resolve (store, ids[i], NULL, &outcome, NULL, NULL, NULL, NULL, error))
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
