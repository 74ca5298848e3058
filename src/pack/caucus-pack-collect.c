/* caucus-pack-collect.c: filling CaucusPackSources from a workspace store.
 *
 * A pack can name any person, organisation, statement or session of the workspace, so the
 * collector takes every document of the kinds a pack draws on in one _all_docs pass (one
 * query, not one per reference) and the pack's PDF attachments.  Tombstones are not listed
 * by _all_docs, so deleted documents never reach a pack.
 */
#include "caucus-pack-collect.h"
#include "caucus-pack-error.h"

#include <string.h>

static const char *wanted_types[] = {
  "event", "person", "org", "statement", "statement-version", "signature",
};

static gboolean
wanted (JsonObject *doc,
        const char *pack_id)
{
  const char *type = json_object_get_string_member_with_default (doc, "type", NULL);

  if (type == NULL)
    return FALSE;
  if (strcmp (type, "pack") == 0)
    return g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), pack_id) == 0;
  for (guint i = 0; i < G_N_ELEMENTS (wanted_types); i++)
    if (strcmp (type, wanted_types[i]) == 0)
      return TRUE;
  return FALSE;
}

CaucusPackSources *
caucus_pack_sources_new_from_store (CaucusStore  *store,
                                    const char   *pack_id,
                                    GError      **error)
{
  g_autoptr(CaucusPackSources) sources = NULL;
  g_autoptr(JsonObject) pack = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(GError) local_error = NULL;
  CaucusAllDocsOptions opts = { 0 };
  JsonArray *rows;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (pack_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pack = caucus_store_get (store, pack_id, NULL, &local_error);
  if (pack == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   "There is no briefing pack “%s” in this workspace (%s)", pack_id, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (pack, "type", NULL), "pack") != 0)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   "“%s” is not a briefing pack but a document of type “%s”", pack_id,
                   json_object_get_string_member_with_default (pack, "type", "unknown"));
      return NULL;
    }

  opts.limit = -1;
  opts.include_docs = TRUE;
  all = caucus_store_all_docs (store, &opts, &local_error);
  if (all == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   "Could not read the workspace for briefing pack “%s”: %s", pack_id, local_error->message);
      return NULL;
    }

  sources = caucus_pack_sources_new ();
  rows = json_object_get_array_member (all, "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc;

      if (row == NULL || !json_object_has_member (row, "doc") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (row, "doc")))
        continue;
      doc = json_object_get_object_member (row, "doc");
      if (wanted (doc, pack_id) && !caucus_pack_sources_add_doc (sources, doc, error))
        return NULL;
    }

  if (json_object_has_member (pack, "_attachments") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (pack, "_attachments")))
    {
      JsonObject *atts = json_object_get_object_member (pack, "_attachments");
      g_autoptr(GList) names = json_object_get_members (atts);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(GBytes) bytes = caucus_store_get_attachment (store, pack_id, NULL, l->data,
                                                                 NULL, NULL, &local_error);

          if (bytes == NULL)
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_ATTACHMENT,
                           "Background paper “%s” of briefing pack “%s” cannot be read: %s",
                           (const char *) l->data, pack_id, local_error->message);
              return NULL;
            }
          caucus_pack_sources_add_attachment (sources, pack_id, l->data, bytes);
        }
    }
  return g_steal_pointer (&sources);
}
