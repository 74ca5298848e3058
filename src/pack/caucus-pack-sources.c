/* caucus-pack-sources.c: the documents a briefing pack is rendered from.
 *
 * The renderer reads plain store documents (JsonObjects shaped per DOMAIN.md) rather than
 * model objects, so that a store-backed collector, a test fixture or the CLI can all fill the
 * same container.  Documents keep their insertion order so listings are deterministic.
 */
#include <glib/gi18n-lib.h>
#include "caucus-pack-sources.h"
#include "caucus-pack-error.h"

struct _CaucusPackSources
{
  GObject     parent_instance;
  GHashTable *docs;         /* id → JsonObject */
  GPtrArray  *order;        /* JsonObject, insertion order */
  GHashTable *attachments;  /* "doc_id\nname" → GBytes */
};

G_DEFINE_FINAL_TYPE (CaucusPackSources, caucus_pack_sources, G_TYPE_OBJECT)

static void
caucus_pack_sources_finalize (GObject *object)
{
  CaucusPackSources *self = CAUCUS_PACK_SOURCES (object);

  g_clear_pointer (&self->docs, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_hash_table_unref);

  G_OBJECT_CLASS (caucus_pack_sources_parent_class)->finalize (object);
}

static void
caucus_pack_sources_class_init (CaucusPackSourcesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_pack_sources_finalize;
}

static void
caucus_pack_sources_init (CaucusPackSources *self)
{
  self->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) json_object_unref);
  self->order = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
}

CaucusPackSources *
caucus_pack_sources_new (void)
{
  return g_object_new (CAUCUS_TYPE_PACK_SOURCES, NULL);
}

/* Adds (or replaces) one document.  It must carry a string `_id` and `type`. */
gboolean
caucus_pack_sources_add_doc (CaucusPackSources  *self,
                             JsonObject         *doc,
                             GError            **error)
{
  const char *id;
  JsonObject *old;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = json_object_get_string_member_with_default (doc, "_id", NULL);
  if (id == NULL || *id == '\0')
    {
      g_set_error_literal (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                           "A document given to the briefing pack has no “_id”");
      return FALSE;
    }
  if (json_object_get_string_member_with_default (doc, "type", NULL) == NULL)
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   _("Document “%s” has no “type”, so the briefing pack cannot place it"), id);
      return FALSE;
    }

  old = g_hash_table_lookup (self->docs, id);
  if (old != NULL)
    g_ptr_array_remove (self->order, old);
  g_hash_table_replace (self->docs, g_strdup (id), json_object_ref (doc));
  g_ptr_array_add (self->order, json_object_ref (doc));
  return TRUE;
}

/* Convenience for fixtures and the CLI: a JSON object, or an array of objects. */
gboolean
caucus_pack_sources_add_json (CaucusPackSources  *self,
                              const char         *json,
                              GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                   _("Briefing pack documents are not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    return caucus_pack_sources_add_doc (self, json_node_get_object (root), error);
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                           _("Element %u of the briefing pack documents is not an object"), i);
              return FALSE;
            }
          if (!caucus_pack_sources_add_doc (self, json_node_get_object (node), error))
            return FALSE;
        }
      return TRUE;
    }
  g_set_error_literal (error, CAUCUS_PACK_ERROR, CAUCUS_PACK_ERROR_INVALID,
                       "Briefing pack documents must be a JSON object or an array of objects");
  return FALSE;
}

void
caucus_pack_sources_add_attachment (CaucusPackSources *self,
                                    const char        *doc_id,
                                    const char        *name,
                                    GBytes            *bytes)
{
  g_return_if_fail (CAUCUS_IS_PACK_SOURCES (self));
  g_return_if_fail (doc_id != NULL && name != NULL && bytes != NULL);

  g_hash_table_replace (self->attachments, g_strconcat (doc_id, "\n", name, NULL),
                        g_bytes_ref (bytes));
}

JsonObject *
caucus_pack_sources_lookup (CaucusPackSources *self,
                            const char        *id)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->docs, id);
}

/* Like lookup(), but only answers when the document has the expected type. */
JsonObject *
caucus_pack_sources_lookup_typed (CaucusPackSources *self,
                                  const char        *id,
                                  const char        *type)
{
  JsonObject *doc = caucus_pack_sources_lookup (self, id);

  if (doc == NULL)
    return NULL;
  if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), type) != 0)
    return NULL;
  return doc;
}

GBytes *
caucus_pack_sources_lookup_attachment (CaucusPackSources *self,
                                       const char        *doc_id,
                                       const char        *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), NULL);
  if (doc_id == NULL || name == NULL)
    return NULL;
  key = g_strconcat (doc_id, "\n", name, NULL);
  return g_hash_table_lookup (self->attachments, key);
}

/* Returns a new array (borrowed JsonObjects) of every document of @type, in insertion order. */
GPtrArray *
caucus_pack_sources_list_type (CaucusPackSources *self,
                               const char        *type)
{
  GPtrArray *result;

  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->order->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (self->order, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), type) == 0)
        g_ptr_array_add (result, doc);
    }
  return result;
}

guint
caucus_pack_sources_get_n_docs (CaucusPackSources *self)
{
  g_return_val_if_fail (CAUCUS_IS_PACK_SOURCES (self), 0);
  return self->order->len;
}
