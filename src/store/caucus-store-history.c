/* caucus-store-history.c — replication writes (new_edits=false): put_with_history,
 * grafting a _revisions path onto the revision tree. */
#include "caucus-store-private.h"

#include <string.h>

static GArray *
parse_history (JsonObject  *doc,
               guint64      gen,
               const char  *hash,
               guint        revs_limit,
               GError     **error)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (CaucusPathRev));
  JsonNode *node = json_object_get_member (doc, "_revisions");
  JsonObject *revisions;
  JsonArray *ids;
  gint64 start;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      CaucusPathRev pr = { gen, hash };
      g_array_append_val (path, pr);
      return path;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  revisions = json_node_get_object (node);
  node = json_object_get_member (revisions, "start");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    goto bad;
  start = json_node_get_int (node);
  node = json_object_get_member (revisions, "ids");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  ids = json_node_get_array (node);
  n = json_array_get_length (ids);
  if (n == 0 || start < 1 || (guint64) start != gen || (gint64) n > start)
    goto bad;
  for (guint i = 0; i < n && i < revs_limit; i++)
    {
      JsonNode *id = json_array_get_element (ids, i);
      CaucusPathRev pr;
      gsize len = 0;

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        goto bad;
      pr.gen = (guint64) start - i;
      pr.hash = json_node_get_string (id);
      for (const char *h = pr.hash; *h != '\0'; h++, len++)
        if (!g_ascii_isxdigit (*h) || g_ascii_isupper (*h))
          goto bad;
      if (len == 0 || len > 128)
        goto bad;
      if (i == 0 && strcmp (pr.hash, hash) != 0)
        goto bad;
      g_array_append_val (path, pr);
    }
  return path;

bad:
  g_array_unref (path);
  g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
               "Invalid _revisions: expected {start: N, ids: [newest hash first, …]} "
               "matching _rev %" G_GUINT64_FORMAT "-%s", gen, hash);
  return NULL;
}


void
caucus_prepared_clear (CaucusPrepared *p)
{
  g_clear_pointer (&p->doc, json_object_unref);
  g_clear_pointer (&p->head, json_object_unref);
  g_clear_pointer (&p->path, g_array_unref);
  g_clear_pointer (&p->body, g_free);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  p->text = NULL;
  g_clear_error (&p->error);
}

/* Fills @p from @doc; on bad input sets p->error. */
void
caucus_prepared_fill (CaucusPrepared *p,
                      JsonObject     *doc,
                      guint           revs_limit)
{
  caucus_prepared_fill_full (p, doc, revs_limit, TRUE);
}

void
caucus_prepared_fill_head (CaucusPrepared *p,
                           JsonObject     *doc,
                           guint           revs_limit)
{
  GError **error = &p->error;
  JsonNode *id_node = json_object_get_member (doc, "_id");

  /* the id as given, for error reports even when it is not a valid one */
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_STRING)
    p->id = json_node_get_string (id_node);
  if (caucus_doc_get_id (doc, error) == NULL)
    return;
  if (g_str_has_prefix (p->id, "_local/"))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Local document “%s” cannot be written with new_edits=false; local "
                   "documents do not replicate", p->id);
      return;
    }
  if (!caucus_doc_get_rev (doc, &p->rev, &p->gen, &p->hash, error) ||
      !caucus_doc_get_deleted (doc, &p->deleted, error) ||
      !caucus_doc_check_reserved (doc, error))
    return;
  if (p->rev == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "A replicated document (new_edits=false) needs a _rev");
      return;
    }
  p->path = parse_history (doc, p->gen, p->hash, revs_limit, error);
}

void
caucus_prepared_fill_full (CaucusPrepared *p,
                           JsonObject     *doc,
                           guint           revs_limit,
                           gboolean        with_text)
{
  p->doc = json_object_ref (doc);
  caucus_prepared_fill_head (p, doc, revs_limit);
  if (p->error != NULL)
    return;
  /* the body and, for a live revision, its searchable text in one walk */
  if (!p->deleted && with_text)
    p->text = g_string_sized_new (1024);
  p->body = caucus_doc_canonical_body_text (doc, &p->body_len, p->text, &p->error);
  if (p->body == NULL)
    return;
  caucus_search_doc_meta (p->deleted ? NULL : doc, &p->type, &p->title);
  p->has_atts = json_object_has_member (doc, "_attachments");
}

static gboolean
put_history_locked (CaucusStore *self,
                    CaucusPrepared    *p,
                    GError     **error)
{
  JsonObject *doc = p->doc;
  const char *id = p->id;
  gboolean deleted = p->deleted;
  GArray *path = p->path;
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) atts = NULL;
  g_autofree char *old_rev = NULL;
  gint64 doc_id, parent_id = 0, rev_id = 0;
  guint graft;
  gboolean old_deleted = FALSE;
  gboolean is_new;

  if (p->error != NULL)
    {
      g_propagate_error (error, g_error_copy (p->error));
      return FALSE;
    }

  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return FALSE;
  is_new = doc_id == 0;

  /* find the newest revision of the path the tree already has: the graft point */
  graft = path->len;
  if (!is_new)
    {
      revs = caucus_store_load_revs (self, doc_id, error);
      if (revs == NULL)
        return FALSE;
      for (guint i = 0; i < path->len; i++)
        {
          CaucusPathRev *pr = &g_array_index (path, CaucusPathRev, i);
          CaucusRevRow *row = caucus_revs_find (revs, pr->gen, pr->hash);

          if (row != NULL)
            {
              graft = i;
              parent_id = row->rev_id;
              break;
            }
        }
      if (graft == 0)
        return TRUE;  /* already known: a no-op */
      old_rev = caucus_store_read_doc_rev (self, doc_id, &old_deleted, error);
      if (old_rev == NULL)
        return FALSE;
    }

  atts = caucus_store_resolve_attachments (self, doc, parent_id, p->gen, TRUE, error);
  if (atts == NULL)
    return FALSE;

  if (is_new)
    {
      gint64 seq = caucus_store_next_seq (self, error);

      if (seq < 0)
        return FALSE;
      doc_id = caucus_store_insert_doc_row (self, id, seq, p->rev, deleted, doc, error);
      if (doc_id < 0)
        return FALSE;
    }
  /* the revisions between the graft point and the new leaf, oldest first, without bodies */
  for (guint i = graft; i > 0; i--)
    {
      CaucusPathRev *pr = &g_array_index (path, CaucusPathRev, i - 1);
      gboolean is_leaf = i == 1;

      rev_id = caucus_store_insert_rev (self, doc_id, parent_id, pr->gen, pr->hash,
                           is_leaf ? deleted : FALSE, is_leaf, TRUE,
                           is_leaf ? p->body : NULL, p->body_len, error);
      if (rev_id < 0)
        return FALSE;
      if (i == graft && parent_id > 0 && !caucus_store_clear_leaf (self, parent_id, error))
        return FALSE;
      parent_id = rev_id;
    }
  if (!caucus_store_insert_attachments (self, rev_id, atts, error))
    return FALSE;
  if (is_new)
    {
      if (!caucus_store_index_doc (self, doc_id, NULL, deleted ? NULL : doc, p->text, error))
        return FALSE;
    }
  else if (!caucus_store_update_existing_doc (self, doc_id, old_rev, old_deleted, rev_id, deleted ? NULL : doc,
                                 p->text, error) ||
           !caucus_store_stem (self, doc_id, error))
    return FALSE;
  if (is_new && path->len >= self->revs_limit && !caucus_store_stem (self, doc_id, error))
    return FALSE;
  caucus_store_note_changed (self, id);
  return TRUE;
}

gboolean
caucus_store_write_prepared (CaucusStore *self,
                CaucusPrepared    *p,
                GError     **error)
{
  gboolean ok;

  if (p->error != NULL)
    {
      g_propagate_error (error, g_error_copy (p->error));
      return FALSE;
    }
  if (!caucus_store_write_begin (self, error))
    return FALSE;
  ok = put_history_locked (self, p, error);
  return caucus_store_write_end (self, ok, ok ? error : NULL) && ok;
}

gboolean
caucus_store_put_with_history (CaucusStore *self,
                               JsonObject  *doc,
                               GError     **error)
{
  CaucusPrepared p = { NULL };
  gboolean ok;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  caucus_prepared_fill_full (&p, doc, self->revs_limit, !self->search_off);
  ok = caucus_store_write_prepared (self, &p, error);
  caucus_prepared_clear (&p);
  return ok;
}
