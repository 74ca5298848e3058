/* caucus-checkpoint.c — see caucus-checkpoint.h */
#include "caucus-checkpoint.h"
#include "caucus-sync-error.h"

#include <string.h>

char *
caucus_replication_id (const char *local_uuid,
                       const char *direction,
                       const char *remote_url,
                       const char *filter)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { "caucus-replication-1", local_uuid, direction, remote_url,
                          filter ? filter : "" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      /* Length-prefixed so that no two different tuples hash the same text. */
      g_autofree char *len = g_strdup_printf ("%zu:", strlen (parts[i]));
      g_checksum_update (sum, (const guchar *) len, -1);
      g_checksum_update (sum, (const guchar *) parts[i], -1);
    }
  return g_strndup (g_checksum_get_string (sum), 32);
}

CaucusCheckpoint *
caucus_checkpoint_new (const char *replication_id)
{
  CaucusCheckpoint *self = g_new0 (CaucusCheckpoint, 1);

  self->doc_id = g_strconcat ("_local/", replication_id, NULL);
  self->session_id = g_uuid_string_random ();
  self->remote_writable = TRUE;
  return self;
}

void
caucus_checkpoint_free (CaucusCheckpoint *self)
{
  if (self == NULL)
    return;
  g_free (self->doc_id);
  g_free (self->session_id);
  g_free (self->local_rev);
  g_free (self->remote_rev);
  g_clear_pointer (&self->history, json_array_unref);
  g_free (self);
}

gboolean
caucus_seq_is_valid (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node) >= 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node)[0] != '\0';
  return FALSE;
}

char *
caucus_seq_to_param (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("0");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_uri_escape_string (json_node_get_string (node), NULL, FALSE);
}

static gboolean
history_has_session (JsonArray  *history,
                     const char *session_id)
{
  guint n = history ? json_array_get_length (history) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (history, i);
      if (JSON_NODE_HOLDS_OBJECT (e) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (e),
                                                                 "session_id", NULL),
                     session_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static JsonArray *
doc_history (JsonObject *doc)
{
  JsonNode *h = doc ? json_object_get_member (doc, "history") : NULL;

  return h && JSON_NODE_HOLDS_ARRAY (h) ? json_node_get_array (h) : NULL;
}

/* The local checkpoint's sequence for the newest session both sides know, or NULL. */
static JsonNode *
agreed_seq (JsonObject *local,
            JsonObject *remote)
{
  const char *ls = json_object_get_string_member_with_default (local, "session_id", NULL);
  const char *rs = json_object_get_string_member_with_default (remote, "session_id", NULL);
  JsonArray *lh = doc_history (local);
  JsonArray *rh = doc_history (remote);
  guint n = lh ? json_array_get_length (lh) : 0;
  JsonNode *seq;

  if (ls != NULL && g_strcmp0 (ls, rs) == 0)
    {
      seq = json_object_get_member (local, "last_seq");
      return caucus_seq_is_valid (seq) ? json_node_copy (seq) : NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (lh, i);
      JsonObject *eo;
      const char *sid;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      eo = json_node_get_object (e);
      sid = json_object_get_string_member_with_default (eo, "session_id", NULL);
      if (sid == NULL)
        continue;
      if (g_strcmp0 (sid, rs) == 0 || history_has_session (rh, sid))
        {
          seq = json_object_get_member (eo, "last_seq");
          return caucus_seq_is_valid (seq) ? json_node_copy (seq) : NULL;
        }
    }
  return NULL;
}

static JsonObject *
build_doc (CaucusCheckpoint *self,
           JsonNode         *last_seq,
           const char       *rev)
{
  JsonObject *doc = json_object_new ();
  JsonArray *history = json_array_new ();
  JsonObject *entry = json_object_new ();
  guint n = self->history ? json_array_get_length (self->history) : 0;

  json_object_set_string_member (doc, "_id", self->doc_id);
  if (rev != NULL)
    json_object_set_string_member (doc, "_rev", rev);
  json_object_set_string_member (doc, "session_id", self->session_id);
  json_object_set_member (doc, "last_seq", json_node_copy (last_seq));

  json_object_set_string_member (entry, "session_id", self->session_id);
  json_object_set_member (entry, "last_seq", json_node_copy (last_seq));
  json_array_add_object_element (history, entry);
  for (guint i = 0; i < n && json_array_get_length (history) < CAUCUS_CHECKPOINT_HISTORY_MAX; i++)
    {
      JsonNode *e = json_array_get_element (self->history, i);
      if (!JSON_NODE_HOLDS_OBJECT (e) ||
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (e),
                                                                 "session_id", NULL),
                     self->session_id) == 0)
        continue;
      json_array_add_element (history, json_node_copy (e));
    }
  json_object_set_array_member (doc, "history", history);
  json_object_set_string_member (doc, "replicator", "caucus");
  json_object_set_int_member (doc, "version", 1);
  return doc;
}

static JsonObject *
get_remote (CaucusCheckpoint  *self,
            CaucusCouchClient *client,
            gboolean          *refused,
            GCancellable      *cancellable,
            GError           **error)
{
  g_autofree char *path = caucus_couch_escape_doc_id (self->doc_id);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;

  *refused = FALSE;
  node = caucus_couch_client_request (client, "GET", path, NULL, NULL, cancellable, &local_error);
  if (node == NULL)
    {
      if (g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NOT_FOUND))
        return NULL;
      if (g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH))
        {
          *refused = TRUE;
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* A garbled checkpoint is no checkpoint: start over rather than trust it. */
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

gboolean
caucus_checkpoint_start (CaucusCheckpoint  *self,
                         CaucusStore       *store,
                         CaucusCouchClient *client,
                         JsonNode         **since,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) remote = NULL;
  gboolean refused = FALSE;
  JsonArray *history;

  *since = NULL;
  local = caucus_store_get_local (store, self->doc_id, &local_error);
  if (local == NULL)
    {
      if (!g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }
  else
    {
      g_free (self->local_rev);
      self->local_rev = g_strdup (json_object_get_string_member_with_default (local, "_rev", NULL));
      history = doc_history (local);
      if (history != NULL)
        self->history = json_array_ref (history);
    }

  remote = get_remote (self, client, &refused, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (remote != NULL)
    {
      g_free (self->remote_rev);
      self->remote_rev = g_strdup (json_object_get_string_member_with_default (remote, "_rev", NULL));
    }

  if (local == NULL)
    return TRUE;

  if (refused)
    {
      self->remote_writable = FALSE;
      *since = agreed_seq (local, local);
      return TRUE;
    }
  if (remote == NULL)
    {
      JsonNode *seq = json_object_get_member (local, "last_seq");
      g_autoptr(JsonNode) zero = json_node_init_int (json_node_alloc (), 0);

      /* Either the remote never accepted a checkpoint (read-only: keep ours), or the
       * database there is new (its sequences mean nothing to us: start over). Asking it to
       * take a checkpoint tells the two apart. */
      if (!caucus_checkpoint_write_remote (self, client, zero, cancellable, error))
        return FALSE;
      if (!self->remote_writable && caucus_seq_is_valid (seq))
        *since = json_node_copy (seq);
      return TRUE;
    }
  *since = agreed_seq (local, remote);
  return TRUE;
}

char *
caucus_checkpoint_write_local (CaucusCheckpoint *self,
                               CaucusStore      *store,
                               JsonNode         *last_seq,
                               GError          **error)
{
  g_autoptr(JsonObject) doc = build_doc (self, last_seq, self->local_rev);

  return caucus_store_put_local (store, doc, error);
}

gboolean
caucus_checkpoint_write_remote (CaucusCheckpoint  *self,
                                CaucusCouchClient *client,
                                JsonNode          *last_seq,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autofree char *path = caucus_couch_escape_doc_id (self->doc_id);

  if (!self->remote_writable)
    return TRUE;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(JsonObject) doc = build_doc (self, last_seq, self->remote_rev);
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), doc);
      gsize len = 0;
      char *text = caucus_json_to_string (root, &len);
      g_autoptr(GBytes) body = g_bytes_new_take (text, len);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) answer = NULL;
      gboolean refused = FALSE;

      answer = caucus_couch_client_request (client, "PUT", path, body, NULL, cancellable,
                                            &local_error);
      if (answer != NULL)
        {
          const char *rev = NULL;

          if (JSON_NODE_HOLDS_OBJECT (answer))
            rev = json_object_get_string_member_with_default (json_node_get_object (answer),
                                                              "rev", NULL);
          if (rev == NULL)
            {
              g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_PROTOCOL,
                           "The server at %s accepted the checkpoint but sent no revision back",
                           caucus_couch_client_get_url (client));
              return FALSE;
            }
          g_free (self->remote_rev);
          self->remote_rev = g_strdup (rev);
          return TRUE;
        }
      if (g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_AUTH))
        {
          g_debug ("remote refuses checkpoints: %s", local_error->message);
          self->remote_writable = FALSE;
          return TRUE;
        }
      if (attempt == 0 && g_error_matches (local_error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_CONFLICT))
        {
          /* Someone else (an older run of ours) moved it: take its revision and retry. */
          g_autoptr(GError) get_error = NULL;
          g_autoptr(JsonObject) current = get_remote (self, client, &refused, cancellable,
                                                      &get_error);

          if (get_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&get_error));
              return FALSE;
            }
          g_free (self->remote_rev);
          self->remote_rev = current ? g_strdup (json_object_get_string_member_with_default (current, "_rev", NULL))
                                     : NULL;
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_set_error (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_CONFLICT,
               "Another replication keeps rewriting the checkpoint %s on %s",
               self->doc_id, caucus_couch_client_get_url (client));
  return FALSE;
}
