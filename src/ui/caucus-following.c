/* caucus-following.c — the sessions and deadlines a delegate follows on this device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept in the store's local document _local/following rather than as a tag on the
 * events: following is personal and per device (two delegates of one coalition follow
 * different sessions), a tag would replicate to everyone and change the shared event's
 * revision on every click, and local documents never replicate.
 */
#include <glib/gi18n.h>

#include "caucus-following.h"

struct _CaucusFollowing
{
  GObject parent_instance;

  CaucusStore *store;     /* weak: the store owns us through its data */
  GHashTable *ids;        /* event id → itself */
  char *rev;              /* of the local document, or NULL before the first write */
};

G_DEFINE_FINAL_TYPE (CaucusFollowing, caucus_following, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
caucus_following_finalize (GObject *object)
{
  CaucusFollowing *self = CAUCUS_FOLLOWING (object);

  g_clear_weak_pointer (&self->store);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->rev, g_free);

  G_OBJECT_CLASS (caucus_following_parent_class)->finalize (object);
}

static void
caucus_following_class_init (CaucusFollowingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = caucus_following_finalize;

  /* CaucusFollowing::changed: (event_id) one id was followed or unfollowed. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
caucus_following_init (CaucusFollowing *self)
{
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
load (CaucusFollowing *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = caucus_store_get_local (self->store, CAUCUS_FOLLOWING_LOCAL_ID,
                                                       &error);
  JsonNode *member;

  if (doc == NULL)
    {
      if (!g_error_matches (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
        g_warning ("The followed sessions could not be read: %s", error->message);
      return;
    }

  if (json_object_has_member (doc, "_rev"))
    self->rev = g_strdup (json_object_get_string_member (doc, "_rev"));
  member = json_object_get_member (doc, "event_ids");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_hash_table_add (self->ids, g_strdup (json_node_get_string (element)));
        }
    }
}

CaucusFollowing *
caucus_following_new (CaucusStore *store)
{
  CaucusFollowing *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  self = g_object_new (CAUCUS_TYPE_FOLLOWING, NULL);
  g_set_weak_pointer (&self->store, store);
  load (self);
  return self;
}

CaucusFollowing *
caucus_following_get_for_store (CaucusStore *store)
{
  CaucusFollowing *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "caucus-following");
  if (self == NULL)
    {
      self = caucus_following_new (store);
      g_object_set_data_full (G_OBJECT (store), "caucus-following", self, g_object_unref);
    }
  return self;
}

gboolean
caucus_following_contains (CaucusFollowing *self,
                           const char      *event_id)
{
  g_return_val_if_fail (CAUCUS_IS_FOLLOWING (self), FALSE);

  return event_id != NULL && g_hash_table_contains (self->ids, event_id);
}

static int
compare_strings_cb (gconstpointer a,
                    gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
caucus_following_dup_ids (CaucusFollowing *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CAUCUS_IS_FOLLOWING (self), NULL);

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings_cb);
  for (guint i = 0; i < keys->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (keys, i));
  return g_strv_builder_end (builder);
}

guint
caucus_following_get_count (CaucusFollowing *self)
{
  g_return_val_if_fail (CAUCUS_IS_FOLLOWING (self), 0);

  return g_hash_table_size (self->ids);
}

gboolean
caucus_following_set (CaucusFollowing *self,
                      const char      *event_id,
                      gboolean         following,
                      GError         **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  JsonArray *array = json_array_new ();
  GHashTableIter iter;
  gpointer key;
  char *rev;

  g_return_val_if_fail (CAUCUS_IS_FOLLOWING (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  if (following == g_hash_table_contains (self->ids, event_id))
    {
      json_array_unref (array);
      return TRUE;
    }
  if (self->store == NULL)
    {
      json_array_unref (array);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The workspace is closed; the followed sessions cannot be saved"));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (following || g_strcmp0 (key, event_id) != 0)
      g_ptr_array_add (sorted, key);
  if (following)
    g_ptr_array_add (sorted, (gpointer) event_id);
  g_ptr_array_sort (sorted, compare_strings_cb);
  for (guint i = 0; i < sorted->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (sorted, i));

  json_object_set_string_member (doc, "_id", CAUCUS_FOLLOWING_LOCAL_ID);
  if (self->rev != NULL)
    json_object_set_string_member (doc, "_rev", self->rev);
  json_object_set_array_member (doc, "event_ids", array);

  rev = caucus_store_put_local (self->store, doc, error);
  if (rev == NULL)
    return FALSE;

  g_free (self->rev);
  self->rev = rev;
  if (following)
    g_hash_table_add (self->ids, g_strdup (event_id));
  else
    g_hash_table_remove (self->ids, event_id);

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, event_id);
  return TRUE;
}
