/* caucus-sample.c — loading the sample workspace into a store. */
#include "caucus-sample.h"

#include "caucus-document.h"
#include "caucus-formats-error.h"
#include "caucus-problem.h"
#include "caucus-sample-resources.h"

#define SAMPLE_RESOURCE "/io/github/caucusapp/Caucus/sample/sample-workspace.json"

GPtrArray *
caucus_sample_get_documents (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *array;
  gsize length;
  const char *data;

  /* Referencing the resource keeps the linker from dropping it from the static library. */
  g_resources_register (caucus_sample_get_resource ());
  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_resources_unregister (caucus_sample_get_resource ());
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  root = caucus_json_parse_object (data, length, CAUCUS_JSON_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;

  if (!json_object_has_member (root, "docs") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "docs")))
    {
      g_set_error_literal (error, CAUCUS_FORMATS_ERROR, 0,
                           "The sample workspace has no “docs” array");
      return NULL;
    }

  array = json_object_get_array_member (root, "docs");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CAUCUS_FORMATS_ERROR, 0,
                       "Document %u of the sample workspace is not a JSON object", i + 1);
          return NULL;
        }
      g_ptr_array_add (docs, json_object_ref (json_node_get_object (node)));
    }

  return g_steal_pointer (&docs);
}

static gboolean
document_exists (CaucusStore *store,
                 const char  *id)
{
  g_auto(GStrv) leaves = caucus_store_get_leaves (store, id, NULL);

  return leaves != NULL && leaves[0] != NULL;
}

gboolean
caucus_sample_load (CaucusStore         *store,
                    CaucusSampleReport  *report,
                    GError             **error)
{
  g_autoptr(GPtrArray) docs = NULL;
  CaucusSampleReport counts = { 0, 0 };

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  docs = caucus_sample_get_documents (error);
  if (docs == NULL)
    return FALSE;

  if (!caucus_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *id = json_object_get_string_member_with_default (doc, "_id", "");
      g_autoptr(GPtrArray) problems = caucus_validate_json (doc);
      g_autofree char *rev = NULL;

      if (problems->len > 0)
        {
          CaucusProblem *problem = g_ptr_array_index (problems, 0);

          caucus_store_rollback (store);
          g_set_error (error, CAUCUS_FORMATS_ERROR, 0,
                       "The sample document “%s” is invalid (%s: %s)",
                       id, problem->field, problem->message);
          return FALSE;
        }

      if (document_exists (store, id))
        {
          counts.present++;
          continue;
        }

      rev = caucus_store_put (store, doc, error);
      if (rev == NULL)
        {
          caucus_store_rollback (store);
          g_prefix_error (error, "Could not load the sample document “%s”: ", id);
          return FALSE;
        }
      counts.added++;
    }

  if (!caucus_store_commit (store, error))
    {
      caucus_store_rollback (store);
      return FALSE;
    }

  if (report != NULL)
    *report = counts;
  return TRUE;
}
