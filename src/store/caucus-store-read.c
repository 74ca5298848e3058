/* caucus-store-read.c — reading documents: get with CouchDB's options, open_revs,
 * leaves, merge bases, revs_diff. */
#include "caucus-store-private.h"

#include <string.h>

static JsonObject *
attachments_object (CaucusStore            *self,
                    GPtrArray              *revs,
                    CaucusRevRow           *row,
                    const CaucusGetOptions *opts,
                    GError                **error)
{
  g_autoptr(GPtrArray) atts = caucus_store_load_attachments (self, row->rev_id, error);
  JsonObject *map;
  gint64 since_gen = -1;

  if (atts == NULL)
    return NULL;
  if (atts->len == 0)
    return json_object_new ();

  /* atts_since: the newest of those revisions that is an ancestor of (or is) @row;
   * attachments not changed since then go out as stubs */
  if (opts != NULL && opts->attachments && opts->atts_since != NULL)
    {
      for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        {
          g_autofree char *s = caucus_rev_row_to_string (r);

          if (g_strv_contains (opts->atts_since, s))
            {
              since_gen = (gint64) r->gen;
              break;
            }
        }
    }

  map = json_object_new ();
  for (guint i = 0; i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);
      JsonObject *entry = json_object_new ();
      gboolean inline_data = opts != NULL && opts->attachments && att->revpos > since_gen;

      json_object_set_string_member (entry, "content_type", att->content_type);
      json_object_set_string_member (entry, "digest", att->digest);
      json_object_set_int_member (entry, "length", att->length);
      json_object_set_int_member (entry, "revpos", att->revpos);
      if (inline_data)
        {
          g_autoptr(GBytes) bytes = caucus_store_get_blob (self, att->digest, error);
          g_autofree char *b64 = NULL;

          if (bytes == NULL)
            {
              json_object_unref (entry);
              json_object_unref (map);
              return NULL;
            }
          b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          json_object_set_string_member (entry, "data", b64);
        }
      else
        json_object_set_boolean_member (entry, "stub", TRUE);
      json_object_set_object_member (map, att->name, entry);
    }
  return map;
}

gint64
caucus_store_doc_seq (CaucusStore *self,
         gint64       doc_id)
{
  sqlite3_stmt *stmt = caucus_store_stmt (self, "SELECT seq FROM docs WHERE doc_id = ?", NULL);
  gint64 seq = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, doc_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

/* Builds the JSON of revision @row of document @id with the options asked for. */
static JsonObject *
build_doc (CaucusStore            *self,
           const char             *id,
           gint64                  doc_id,
           GPtrArray              *revs,
           CaucusRevRow           *row,
           const CaucusGetOptions *opts,
           GError                **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) atts = NULL;
  g_autofree char *rev = caucus_rev_row_to_string (row);
  JsonObject *doc;
  GList *members;
  int rc;

  if (!row->has_body)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "The body of revision %s of “%s” is no longer stored (missing)", rev, id);
      return NULL;
    }
  stmt = caucus_store_stmt (self, "SELECT body FROM revs WHERE rev_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, row->rev_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    body = caucus_json_parse_trusted ((const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  if (body == NULL)
    {
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                     "The body of revision %s of “%s” is no longer stored (missing)", rev, id);
      else
        caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision");
      return NULL;
    }
  atts = attachments_object (self, revs, row, opts, error);
  if (atts == NULL)
    return NULL;

  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "_rev", rev);
  members = json_object_get_members (body);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (doc, l->data, json_node_ref (json_object_get_member (body, l->data)));
  g_list_free (members);
  if (row->deleted)
    json_object_set_boolean_member (doc, "_deleted", TRUE);
  if (json_object_get_size (atts) > 0)
    json_object_set_object_member (doc, "_attachments", g_steal_pointer (&atts));

  if (opts != NULL && (opts->conflicts || opts->deleted_conflicts))
    {
      g_autoptr(GPtrArray) leaves = caucus_revs_leaves (revs);
      JsonArray *conflicts = json_array_new ();
      JsonArray *deleted = json_array_new ();

      for (guint i = 0; i < leaves->len; i++)
        {
          CaucusRevRow *leaf = g_ptr_array_index (leaves, i);

          g_autofree char *s = NULL;

          if (leaf == row)
            continue;
          s = caucus_rev_row_to_string (leaf);
          json_array_add_string_element (leaf->deleted ? deleted : conflicts, s);
        }
      if (opts->conflicts && json_array_get_length (conflicts) > 0)
        json_object_set_array_member (doc, "_conflicts", json_array_ref (conflicts));
      if (opts->deleted_conflicts && json_array_get_length (deleted) > 0)
        json_object_set_array_member (doc, "_deleted_conflicts", json_array_ref (deleted));
      json_array_unref (conflicts);
      json_array_unref (deleted);
    }
  if (opts != NULL && opts->local_seq)
    json_object_set_int_member (doc, "_local_seq", caucus_store_doc_seq (self, doc_id));
  if (opts != NULL && opts->revs)
    {
      JsonObject *revisions = json_object_new ();
      JsonArray *ids = json_array_new ();

      for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        json_array_add_string_element (ids, r->hash);
      json_object_set_int_member (revisions, "start", (gint64) row->gen);
      json_object_set_array_member (revisions, "ids", ids);
      json_object_set_object_member (doc, "_revisions", revisions);
    }
  if (opts != NULL && opts->revs_info)
    {
      JsonArray *info = json_array_new ();

      for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        {
          JsonObject *entry = json_object_new ();
          g_autofree char *s = caucus_rev_row_to_string (r);

          json_object_set_string_member (entry, "rev", s);
          json_object_set_string_member (entry, "status",
                                         r->deleted ? "deleted" : r->has_body ? "available" : "missing");
          json_array_add_object_element (info, entry);
        }
      json_object_set_array_member (doc, "_revs_info", info);
    }
  return doc;
}

/* The leaf descending from @row that wins among those descendants (@row itself if leaf). */
CaucusRevRow *
caucus_revs_latest_of (GPtrArray    *revs,
           CaucusRevRow *row)
{
  g_autoptr(GPtrArray) leaves = NULL;

  if (row->leaf)
    return row;
  leaves = caucus_revs_leaves (revs);
  for (guint i = 0; i < leaves->len; i++)
    {
      CaucusRevRow *leaf = g_ptr_array_index (leaves, i);

      for (CaucusRevRow *r = leaf; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        if (r == row)
          return leaf;
    }
  return row;
}

CaucusRevRow *
caucus_revs_pick (GPtrArray              *revs,
                  const char             *id,
                  const CaucusGetOptions *opts,
                  GError                **error)
{
  CaucusRevRow *row;

  if (opts != NULL && opts->rev != NULL)
    {
      row = caucus_revs_find_rev (revs, id, opts->rev, error);
      if (row != NULL && opts->latest)
        row = caucus_revs_latest_of (revs, row);
      return row;
    }
  else
    {
      g_autoptr(GPtrArray) leaves = caucus_revs_leaves (revs);

      row = leaves->len > 0 ? g_ptr_array_index (leaves, 0) : NULL;
      if (row == NULL)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                       "Document “%s” has no leaf revision", id);
          return NULL;
        }
      if (row->deleted)
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED,
                       "Document “%s” is deleted", id);
          return NULL;
        }
      return row;
    }
}

GPtrArray *
caucus_store_load_doc (CaucusStore *self,
          const char  *id,
          gint64      *doc_id,
          GError     **error)
{
  *doc_id = caucus_store_lookup_doc (self, id, error);
  if (*doc_id < 0)
    return NULL;
  if (*doc_id == 0)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No document “%s” (missing)", id);
      return NULL;
    }
  return caucus_store_load_revs (self, *doc_id, error);
}

CaucusRevRow *
caucus_revs_find_rev (GPtrArray   *revs,
          const char  *id,
          const char  *rev,
          GError     **error)
{
  guint64 gen;
  const char *hash;
  CaucusRevRow *row;

  if (!caucus_rev_parse (rev, &gen, &hash))
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "Invalid rev format “%s” (expected N-hex)", rev);
      return NULL;
    }
  row = caucus_revs_find (revs, gen, hash);
  if (row == NULL)
    g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                 "Document “%s” has no revision %s (missing)", id, rev);
  return row;
}

JsonObject *
caucus_store_get (CaucusStore            *self,
                  const char             *id,
                  const CaucusGetOptions *opts,
                  GError                **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  gint64 doc_id;
  CaucusRevRow *row;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!caucus_store_validate_id (id, error))
    return NULL;
  if (g_str_has_prefix (id, "_local/"))
    return caucus_store_get_local (self, id, error);
  revs = caucus_store_load_doc (self, id, &doc_id, error);
  if (revs == NULL)
    return NULL;

  row = caucus_revs_pick (revs, id, opts, error);
  if (row == NULL)
    return NULL;
  return build_doc (self, id, doc_id, revs, row, opts, error);
}

GPtrArray *
caucus_store_get_open_revs (CaucusStore            *self,
                            const char             *id,
                            const char * const     *revs_wanted,
                            const CaucusGetOptions *opts,
                            GError                **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();   /* index → rev string or NULL */
  gint64 doc_id;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!caucus_store_validate_id (id, error))
    return NULL;
  doc_id = caucus_store_lookup_doc (self, id, error);
  if (doc_id < 0)
    return NULL;
  if (doc_id == 0 && revs_wanted == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "No document “%s” (missing)", id);
      return NULL;
    }
  if (doc_id > 0)
    {
      revs = caucus_store_load_revs (self, doc_id, error);
      if (revs == NULL)
        return NULL;
    }

  if (revs_wanted == NULL)
    {
      g_autoptr(GPtrArray) leaves = caucus_revs_leaves (revs);

      for (guint i = 0; i < leaves->len; i++)
        {
          g_ptr_array_add (rows, g_ptr_array_index (leaves, i));
          g_ptr_array_add (missing, NULL);
        }
    }
  else
    for (guint i = 0; revs_wanted[i] != NULL; i++)
      {
        guint64 gen;
        const char *hash;
        CaucusRevRow *row = NULL;

        if (revs != NULL && caucus_rev_parse (revs_wanted[i], &gen, &hash))
          row = caucus_revs_find (revs, gen, hash);
        if (row != NULL && opts != NULL && opts->latest)
          row = caucus_revs_latest_of (revs, row);
        if (row != NULL && g_ptr_array_find (rows, row, NULL))
          continue;
        g_ptr_array_add (rows, row);
        g_ptr_array_add (missing, row == NULL ? (gpointer) revs_wanted[i] : NULL);
      }

  for (guint i = 0; i < rows->len; i++)
    {
      CaucusRevRow *row = g_ptr_array_index (rows, i);
      JsonObject *entry = json_object_new ();
      JsonObject *doc = NULL;
      g_autoptr(GError) local_error = NULL;

      if (row != NULL)
        {
          doc = build_doc (self, id, doc_id, revs, row, opts, &local_error);
          if (doc == NULL && !g_error_matches (local_error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
            {
              json_object_unref (entry);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
      if (doc != NULL)
        json_object_set_object_member (entry, "ok", doc);
      else
        {
          g_autofree char *s = row != NULL ? caucus_rev_row_to_string (row) : NULL;
          json_object_set_string_member (entry, "missing",
                                         s != NULL ? s : (const char *) g_ptr_array_index (missing, i));
        }
      g_ptr_array_add (result, entry);
    }
  return g_steal_pointer (&result);
}

GStrv
caucus_store_get_leaves (CaucusStore *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  GPtrArray *strv;
  gint64 doc_id;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  revs = caucus_store_load_doc (self, id, &doc_id, error);
  if (revs == NULL)
    return NULL;
  leaves = caucus_revs_leaves (revs);
  strv = g_ptr_array_new ();
  for (guint i = 0; i < leaves->len; i++)
    g_ptr_array_add (strv, caucus_rev_row_to_string (g_ptr_array_index (leaves, i)));
  g_ptr_array_add (strv, NULL);
  return (GStrv) g_ptr_array_free (strv, FALSE);
}

JsonObject *
caucus_store_get_merge_base (CaucusStore *self,
                             const char  *id,
                             const char  *rev_a,
                             const char  *rev_b,
                             GError     **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  CaucusRevRow *a, *b, *base;
  gint64 doc_id;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && rev_a != NULL && rev_b != NULL, NULL);

  revs = caucus_store_load_doc (self, id, &doc_id, error);
  if (revs == NULL)
    return NULL;
  a = caucus_revs_find_rev (revs, id, rev_a, error);
  if (a == NULL)
    return NULL;
  b = caucus_revs_find_rev (revs, id, rev_b, error);
  if (b == NULL)
    return NULL;
  base = caucus_revs_common_ancestor (revs, a, b);
  if (base == NULL)
    {
      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "Revisions %s and %s of “%s” share no ancestor", rev_a, rev_b, id);
      return NULL;
    }
  return build_doc (self, id, doc_id, revs, base, NULL, error);
}

JsonObject *
caucus_store_revs_diff (CaucusStore *self,
                        JsonObject  *request,
                        GError     **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  GList *ids;
  gboolean ok = TRUE;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  ids = json_object_get_members (request);
  for (GList *l = ids; l != NULL && ok; l = l->next)
    {
      const char *id = l->data;
      JsonNode *node = json_object_get_member (request, id);
      g_autoptr(GPtrArray) revs = NULL;
      g_autoptr(GPtrArray) leaves = NULL;
      JsonArray *asked;
      JsonArray *missing;
      JsonArray *ancestors;
      gint64 doc_id;
      guint64 max_missing_gen = 0;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                       "revs_diff: the value for “%s” is not an array of revisions", id);
          ok = FALSE;
          break;
        }
      asked = json_node_get_array (node);
      doc_id = caucus_store_lookup_doc (self, id, error);
      if (doc_id < 0)
        {
          ok = FALSE;
          break;
        }
      if (doc_id > 0)
        {
          revs = caucus_store_load_revs (self, doc_id, error);
          if (revs == NULL)
            {
              ok = FALSE;
              break;
            }
        }
      missing = json_array_new ();
      for (guint i = 0; i < json_array_get_length (asked); i++)
        {
          JsonNode *r = json_array_get_element (asked, i);
          const char *rev, *hash;
          guint64 gen = 0;
          gboolean known = FALSE;

          if (!JSON_NODE_HOLDS_VALUE (r) || json_node_get_value_type (r) != G_TYPE_STRING)
            continue;
          rev = json_node_get_string (r);
          if (caucus_rev_parse (rev, &gen, &hash) && revs != NULL)
            known = caucus_revs_find (revs, gen, hash) != NULL;
          if (!known)
            {
              json_array_add_string_element (missing, rev);
              max_missing_gen = MAX (max_missing_gen, gen);
            }
        }
      if (json_array_get_length (missing) == 0)
        {
          json_array_unref (missing);
          continue;
        }
      {
        JsonObject *entry = json_object_new ();

        json_object_set_array_member (entry, "missing", missing);
        /* as CouchDB: the leaves older than some missing revision may be its ancestors */
        if (revs != NULL)
          {
            leaves = caucus_revs_leaves (revs);
            ancestors = json_array_new ();
            for (guint i = 0; i < leaves->len; i++)
              {
                CaucusRevRow *leaf = g_ptr_array_index (leaves, i);

                if (leaf->gen < max_missing_gen)
                  {
                    g_autofree char *s = caucus_rev_row_to_string (leaf);
                    json_array_add_string_element (ancestors, s);
                  }
              }
            if (json_array_get_length (ancestors) > 0)
              json_object_set_array_member (entry, "possible_ancestors", ancestors);
            else
              json_array_unref (ancestors);
          }
        json_object_set_object_member (result, id, entry);
      }
    }
  g_list_free (ids);
  if (!ok)
    return NULL;
  return g_steal_pointer (&result);
}
