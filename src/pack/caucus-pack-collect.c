/* caucus-pack-collect.c: filling CaucusPackSources from a workspace store.
 *
 * A pack can name any person, organisation, statement or session of the workspace, so the
 * collector takes every document of the kinds a pack draws on in one _all_docs pass (one
 * query, not one per reference) and the pack's PDF attachments.  Tombstones are not listed
 * by _all_docs, so deleted documents never reach a pack.
 */
#include <glib/gi18n-lib.h>
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

static JsonObject *
all_docs (CaucusStore *store,
          const char  *what,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CaucusAllDocsOptions opts = { 0 };
  JsonObject *all;

  opts.limit = -1;
  opts.include_docs = TRUE;
  all = caucus_store_all_docs (store, &opts, &local_error);
  if (all == NULL)
    g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                 _("Could not read the workspace for %s: %s"), what, local_error->message);
  return all;
}

static JsonObject *
row_doc (JsonArray *rows,
         guint      i)
{
  JsonObject *row = json_array_get_object_element (rows, i);

  if (row == NULL || !json_object_has_member (row, "doc") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (row, "doc")))
    return NULL;
  return json_object_get_object_member (row, "doc");
}

/* Adds the documents a pack draws on and the pack's own attachments. */
static CaucusPackSources *
collect (CaucusStore *store,
         JsonObject  *all,
         JsonObject  *pack,
         GError     **error)
{
  g_autoptr(CaucusPackSources) sources = caucus_pack_sources_new ();
  const char *pack_id = json_object_get_string_member (pack, "_id");
  JsonArray *rows = json_object_get_array_member (all, "rows");

  if (!caucus_pack_sources_add_doc (sources, pack, error))
    return NULL;
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *doc = row_doc (rows, i);

      if (doc != NULL && g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), "pack") != 0 &&
          wanted (doc, pack_id) && !caucus_pack_sources_add_doc (sources, doc, error))
        return NULL;
    }

  if (json_object_has_member (pack, "_attachments") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (pack, "_attachments")))
    {
      JsonObject *atts = json_object_get_object_member (pack, "_attachments");
      g_autoptr(GList) names = json_object_get_members (atts);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(GBytes) bytes = caucus_store_get_attachment (store, pack_id, NULL, l->data,
                                                                 NULL, NULL, &local_error);

          if (bytes == NULL)
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_ATTACHMENT,
                           _("Background paper “%s” of briefing pack “%s” cannot be read: %s"),
                           (const char *) l->data, pack_id, local_error->message);
              return NULL;
            }
          caucus_pack_sources_add_attachment (sources, pack_id, l->data, bytes);
        }
    }
  return g_steal_pointer (&sources);
}

CaucusPackSources *
caucus_pack_sources_new_from_store (CaucusStore  *store,
                                    const char   *pack_id,
                                    GError      **error)
{
  g_autoptr(JsonObject) pack = NULL;
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (pack_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pack = caucus_store_get (store, pack_id, NULL, &local_error);
  if (pack == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   _("There is no briefing pack “%s” in this workspace (%s)"), pack_id, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (pack, "type", NULL), "pack") != 0)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   _("“%s” is not a briefing pack but a document of type “%s”"), pack_id,
                   json_object_get_string_member_with_default (pack, "type", "unknown"));
      return NULL;
    }
  all = all_docs (store, "the briefing pack", error);
  if (all == NULL)
    return NULL;
  return collect (store, all, pack, error);
}

/* The pack for an event, in one click: the event's pack (the most recently updated one if
 * there are several) or, when it has none, a default pack with every section.  *@pack_id is
 * set to the id to render. */
CaucusPackSources *
caucus_pack_sources_new_for_event (CaucusStore  *store,
                                   const char   *event_id,
                                   char        **pack_id,
                                   GError      **error)
{
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) made = NULL;
  JsonObject *event = NULL, *pack = NULL;
  CaucusPackSources *sources;
  JsonArray *rows;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);
  g_return_val_if_fail (pack_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  all = all_docs (store, "the event's briefing pack", error);
  if (all == NULL)
    return NULL;
  rows = json_object_get_array_member (all, "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *doc = row_doc (rows, i);
      const char *type = doc != NULL ? json_object_get_string_member_with_default (doc, "type", NULL) : NULL;

      if (g_strcmp0 (type, "event") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), event_id) == 0)
        event = doc;
      else if (g_strcmp0 (type, "pack") == 0 &&
               g_strcmp0 (json_object_get_string_member_with_default (doc, "event_id", NULL), event_id) == 0 &&
               (pack == NULL ||
                g_strcmp0 (json_object_get_string_member_with_default (doc, "updated", ""),
                           json_object_get_string_member_with_default (pack, "updated", "")) > 0))
        pack = doc;
    }
  if (event == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_NOT_FOUND,
                   _("There is no event “%s” in this workspace"), event_id);
      return NULL;
    }
  if (pack == NULL)
    {
      g_autofree char *id = g_strconcat ("pack:default:", event_id, NULL);

      made = json_object_new ();
      json_object_set_string_member (made, "_id", id);
      json_object_set_string_member (made, "type", "pack");
      json_object_set_string_member (made, "event_id", event_id);
      pack = made;
    }
  sources = collect (store, all, pack, error);
  if (sources != NULL)
    *pack_id = g_strdup (json_object_get_string_member (pack, "_id"));
  return sources;
}
