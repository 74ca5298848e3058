/* caucus-store-read-json.c — documents read as JSON text.
 *
 * caucus_store_get() builds a json-glib tree: the stored canonical body is parsed, its
 * members copied under _id/_rev, and the caller serialises the tree again.  A server
 * answering _bulk_get or _changes?include_docs only wants the text, so here the stored
 * body text is spliced as it is between the reserved members written as text.  The
 * result is byte for byte what caucus_json_to_string() makes of caucus_store_get()'s
 * object (tested on every option): the stored body is already compact, with the
 * canonical writer's escapes and numbers, which is also how caucus_json_to_string()
 * writes them.  No JSON is parsed here, so no parser is involved.
 */
#include "caucus-store-private.h"

#include <string.h>

/* A revision id "N-hash": the hash is lowercase hex (caucus_rev_parse), nothing to escape. */
static void
append_rev (GString            *out,
            const CaucusRevRow *row)
{
  g_string_append_printf (out, "\"%" G_GUINT64_FORMAT "-%s\"", row->gen, row->hash);
}

static gboolean
append_attachments (CaucusStore            *self,
                    GPtrArray              *revs,
                    CaucusRevRow           *row,
                    const CaucusGetOptions *opts,
                    GString                *out,
                    GError                **error)
{
  g_autoptr(GPtrArray) atts = caucus_store_load_attachments (self, row->rev_id, error);
  gint64 since_gen = -1;

  if (atts == NULL)
    return FALSE;
  if (atts->len == 0)
    return TRUE;

  /* atts_since: as caucus_store_get(), the newest of those revisions that is an ancestor
   * of (or is) @row; attachments not changed since then go out as stubs */
  if (opts != NULL && opts->attachments && opts->atts_since != NULL)
    for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
      {
        g_autofree char *s = caucus_rev_row_to_string (r);

        if (g_strv_contains (opts->atts_since, s))
          {
            since_gen = (gint64) r->gen;
            break;
          }
      }

  g_string_append (out, ",\"_attachments\":{");
  for (guint i = 0; i < atts->len; i++)
    {
      CaucusAttRow *att = g_ptr_array_index (atts, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (!caucus_json_append_string (out, att->name, error))
        return FALSE;
      g_string_append (out, ":{\"content_type\":");
      if (!caucus_json_append_string (out, att->content_type, error))
        return FALSE;
      g_string_append (out, ",\"digest\":");
      if (!caucus_json_append_string (out, att->digest, error))
        return FALSE;
      g_string_append_printf (out, ",\"length\":%" G_GINT64_FORMAT ",\"revpos\":%" G_GINT64_FORMAT,
                              att->length, att->revpos);
      if (opts != NULL && opts->attachments && att->revpos > since_gen)
        {
          g_autoptr(GBytes) bytes = caucus_store_get_blob (self, att->digest, error);
          g_autofree char *b64 = NULL;

          if (bytes == NULL)
            return FALSE;
          b64 = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          g_string_append (out, ",\"data\":\"");
          g_string_append (out, b64);   /* base64: nothing to escape */
          g_string_append (out, "\"}");
        }
      else
        g_string_append (out, ",\"stub\":true}");
    }
  g_string_append_c (out, '}');
  return TRUE;
}

/* Appends revision @row of @id with the options asked for, in the member order of
 * caucus_store_get(); on failure @out may hold part of it (the caller cuts it off). */
static gboolean
append_doc (CaucusStore            *self,
            const char             *id,
            gint64                  doc_id,
            GPtrArray              *revs,
            CaucusRevRow           *row,
            const CaucusGetOptions *opts,
            GString                *out,
            GError                **error)
{
  sqlite3_stmt *stmt;
  gboolean have_body = FALSE;
  int rc;

  if (row->has_body)
    {
      stmt = caucus_store_stmt (self, "SELECT body FROM revs WHERE rev_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->rev_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          const char *body = (const char *) sqlite3_column_text (stmt, 0);
          int len = sqlite3_column_bytes (stmt, 0);

          if (body == NULL || len < 2 || body[0] != '{' || body[len - 1] != '}')
            {
              sqlite3_reset (stmt);
              g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CORRUPT,
                           "The stored body of a revision of “%s” is not a JSON object", id);
              return FALSE;
            }
          g_string_append (out, "{\"_id\":");
          if (!caucus_json_append_string (out, id, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          g_string_append (out, ",\"_rev\":");
          append_rev (out, row);
          if (len > 2)
            {
              g_string_append_c (out, ',');
              g_string_append_len (out, body + 1, len - 2);
            }
          have_body = TRUE;
        }
      sqlite3_reset (stmt);
      if (!have_body && rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          caucus_store_set_sqlite_error (self, rc, error, "Could not read a revision");
          return FALSE;
        }
    }
  if (!have_body)
    {
      g_autofree char *rev = caucus_rev_row_to_string (row);

      g_set_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND,
                   "The body of revision %s of “%s” is no longer stored (missing)", rev, id);
      return FALSE;
    }

  if (row->deleted)
    g_string_append (out, ",\"_deleted\":true");
  if (!append_attachments (self, revs, row, opts, out, error))
    return FALSE;

  if (opts != NULL && (opts->conflicts || opts->deleted_conflicts))
    {
      g_autoptr(GPtrArray) leaves = caucus_revs_leaves (revs);

      for (int pass = 0; pass < 2; pass++)
        {
          gboolean want = pass == 0 ? opts->conflicts : opts->deleted_conflicts;
          guint written = 0;

          if (!want)
            continue;
          for (guint i = 0; i < leaves->len; i++)
            {
              CaucusRevRow *leaf = g_ptr_array_index (leaves, i);

              if (leaf == row || leaf->deleted != (pass == 1))
                continue;
              g_string_append (out, written == 0
                                    ? (pass == 0 ? ",\"_conflicts\":[" : ",\"_deleted_conflicts\":[")
                                    : ",");
              append_rev (out, leaf);
              written++;
            }
          if (written > 0)
            g_string_append_c (out, ']');
        }
    }
  if (opts != NULL && opts->local_seq)
    g_string_append_printf (out, ",\"_local_seq\":%" G_GINT64_FORMAT,
                            caucus_store_doc_seq (self, doc_id));
  if (opts != NULL && opts->revs)
    {
      g_string_append_printf (out, ",\"_revisions\":{\"start\":%" G_GUINT64_FORMAT ",\"ids\":[",
                              row->gen);
      for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        {
          if (r != row)
            g_string_append_c (out, ',');
          g_string_append_c (out, '"');
          g_string_append (out, r->hash);
          g_string_append_c (out, '"');
        }
      g_string_append (out, "]}");
    }
  if (opts != NULL && opts->revs_info)
    {
      g_string_append (out, ",\"_revs_info\":[");
      for (CaucusRevRow *r = row; r != NULL; r = caucus_revs_by_id (revs, r->parent_id))
        {
          if (r != row)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"rev\":");
          append_rev (out, r);
          g_string_append_printf (out, ",\"status\":\"%s\"}",
                                  r->deleted ? "deleted" : r->has_body ? "available" : "missing");
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
get_json (CaucusStore            *self,
          const char             *id,
          const CaucusGetOptions *opts,
          GString                *out,
          GError                **error)
{
  g_autoptr(GPtrArray) revs = NULL;
  gint64 doc_id;
  CaucusRevRow *row;

  if (!caucus_store_validate_id (id, error))
    return FALSE;
  if (g_str_has_prefix (id, "_local/"))
    {
      g_autoptr(JsonObject) local = caucus_store_get_local (self, id, error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      if (local == NULL)
        return FALSE;
      node = json_node_init_object (json_node_alloc (), local);
      text = caucus_json_to_string (node, &length);
      g_string_append_len (out, text, length);
      return TRUE;
    }
  revs = caucus_store_load_doc (self, id, &doc_id, error);
  if (revs == NULL)
    return FALSE;

  row = caucus_revs_pick (revs, id, opts, error);
  if (row == NULL)
    return FALSE;
  return append_doc (self, id, doc_id, revs, row, opts, out, error);
}

gboolean
caucus_store_get_json (CaucusStore            *self,
                       const char             *id,
                       const CaucusGetOptions *opts,
                       GString                *out,
                       GError                **error)
{
  gsize len;

  g_return_val_if_fail (CAUCUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  len = out->len;
  if (!get_json (self, id, opts, out, error))
    {
      g_string_truncate (out, len);
      return FALSE;
    }
  return TRUE;
}
