/* caucus-statement-versions.c — named and automatic versions of a statement, and status
 * changes that keep the text they leave behind. */
#include "caucus-statement-versions.h"

#include <glib/gi18n-lib.h>

#include "caucus-diff3.h"
#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-model-error.h"
#include "caucus-problem.h"

/* A new, unsaved version of @statement's text. */
static CaucusDocument *
new_version (CaucusStatement *statement,
             const char      *name,
             const char      *role,
             const char      *who,
             GError         **error)
{
  CaucusDocument *version;
  g_autofree char *stripped = NULL;
  const char *id, *body, *rev;

  id = caucus_document_get_id (CAUCUS_DOCUMENT (statement));
  if (id == NULL)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Save the statement before making a version of it"));
      return NULL;
    }
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("A version needs a name, such as “Zero draft”"));
      return NULL;
    }
  body = caucus_document_get_string (CAUCUS_DOCUMENT (statement), "body");
  rev = caucus_document_get_rev (CAUCUS_DOCUMENT (statement));

  version = caucus_document_new_of_type ("statement-version", who);
  caucus_document_set_string (version, "statement_id", id);
  caucus_document_set_string (version, "name", stripped);
  caucus_document_set_string (version, "role", role);
  caucus_document_set_string (version, "body", body != NULL ? body : "");
  if (rev != NULL)
    caucus_document_set_string (version, "statement_rev", rev);
  return version;
}

CaucusStatementVersion *
caucus_statement_create_version_full (CaucusStore     *store,
                                      CaucusStatement *statement,
                                      const char      *name,
                                      const char      *role,
                                      const char      *who,
                                      GError         **error)
{
  g_autoptr(CaucusDocument) version = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  version = new_version (statement, name, role, who, error);
  if (version == NULL || !caucus_document_save (version, store, who, error))
    return NULL;
  return CAUCUS_STATEMENT_VERSION (g_steal_pointer (&version));
}

CaucusStatementVersion *
caucus_statement_create_version (CaucusStore      *store,
                                 CaucusStatement  *statement,
                                 const char       *name,
                                 const char       *who,
                                 GError          **error)
{
  return caucus_statement_create_version_full (store, statement, name, "named", who, error);
}

gboolean
caucus_statement_change_status (CaucusStore      *store,
                                CaucusStatement  *statement,
                                const char       *status,
                                const char       *who,
                                GError          **error)
{
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(CaucusDocument) copy = NULL;
  g_autoptr(CaucusDocument) version = NULL;
  g_autofree char *name = NULL;
  const char *old_status;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), FALSE);

  if (status == NULL || !g_strv_contains (caucus_statement_statuses, status))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) caucus_statement_statuses);
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("‘%s’ is not a statement status (one of %s)"),
                   status != NULL ? status : "", allowed);
      return FALSE;
    }
  old_status = caucus_document_get_string (CAUCUS_DOCUMENT (statement), "status");
  if (g_strcmp0 (old_status, status) == 0)
    return TRUE;

  /* Work on a copy, so a failed write leaves the caller's statement as it was. */
  json = caucus_document_to_json (CAUCUS_DOCUMENT (statement));
  copy = caucus_document_new_from_json (json);
  caucus_document_set_string (copy, "status", status);
  if (!caucus_document_check (copy, error))
    return FALSE;

  if (!caucus_store_begin (store, error))
    return FALSE;
  if (caucus_document_get_id (copy) == NULL)
    {
      /* A statement never saved gets its id first, so that the version can name it. */
      caucus_document_set_string (copy, "status", old_status);
      if (!caucus_document_save (copy, store, who, error))
        goto fail;
    }
  /* The version keeps the text the old status leaves behind. */
  name = g_strdup_printf ("Before status change from %s to %s",
                          old_status != NULL ? old_status : "none", status);
  version = new_version (CAUCUS_STATEMENT (copy), name, "before-status-change", who, error);
  if (version == NULL)
    goto fail;
  if (old_status != NULL)
    caucus_document_set_string (version, "from_status", old_status);
  caucus_document_set_string (version, "to_status", status);
  if (!caucus_document_save (version, store, who, error))
    goto fail;
  caucus_document_set_string (copy, "status", status);
  if (!caucus_document_save (copy, store, who, error))
    goto fail;
  if (!caucus_store_commit (store, error))
    goto fail;

  g_clear_pointer (&json, json_object_unref);
  json = caucus_document_to_json (copy);
  return caucus_document_replace_json (CAUCUS_DOCUMENT (statement), json, error);

fail:
  caucus_store_rollback (store);
  return FALSE;
}

gboolean
caucus_statement_save_text (CaucusStore      *store,
                            CaucusStatement  *statement,
                            const char       *base,
                            const char       *text,
                            const char       *who,
                            char            **saved_text,
                            GError          **error)
{
  CaucusDocument *doc = CAUCUS_DOCUMENT (statement);
  g_autoptr(GError) local = NULL;
  g_autoptr(CaucusDocument) latest = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *old_body = NULL;
  const char *theirs;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  old_body = g_strdup (caucus_document_get_string (doc, "body"));
  caucus_document_set_string (doc, "body", text);
  if (caucus_document_save (doc, store, who, &local))
    {
      if (saved_text != NULL)
        *saved_text = g_strdup (text);
      return TRUE;
    }
  if (!g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_CONFLICT) ||
      caucus_document_get_id (doc) == NULL)
    {
      caucus_document_set_string (doc, "body", old_body);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* Someone else saved since: take their revision and bring the text along. */
  g_clear_error (&local);
  latest = caucus_document_load (store, caucus_document_get_id (doc), error);
  if (latest == NULL || !CAUCUS_IS_STATEMENT (latest))
    {
      caucus_document_set_string (doc, "body", old_body);
      if (latest != NULL)
        g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                     _("‘%s’ is no longer a statement"), caucus_document_get_id (doc));
      return FALSE;
    }
  theirs = caucus_document_get_string (latest, "body");
  if (!caucus_diff3_merge (base != NULL ? base : "", text, theirs != NULL ? theirs : "", &merged, NULL))
    {
      g_autoptr(CaucusStatementVersion) kept = NULL;

      kept = caucus_statement_create_version_full (store, CAUCUS_STATEMENT (latest), "Changed elsewhere",
                                                   "before-merge", who, error);
      if (kept == NULL)
        {
          caucus_document_set_string (doc, "body", old_body);
          return FALSE;
        }
      merged = g_strdup (text);
    }
  json = caucus_document_to_json (latest);
  if (!caucus_document_replace_json (doc, json, error))
    return FALSE;
  caucus_document_set_string (doc, "body", merged);
  if (!caucus_document_save (doc, store, who, error))
    return FALSE;
  if (saved_text != NULL)
    *saved_text = g_steal_pointer (&merged);
  return TRUE;
}

GPtrArray *
caucus_statement_list_related (CaucusModelIndex *index,
                               const char       *type,
                               const char       *statement_id,
                               GError          **error)
{
  g_autoptr(CaucusDocumentList) list = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);
  g_return_val_if_fail (type != NULL && statement_id != NULL, NULL);

  if (!caucus_model_index_refresh (index, error))
    return NULL;
  list = caucus_document_list_new (index, type);
  caucus_document_list_set_filter (list, "ref_id", statement_id);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) doc = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (doc != NULL)
        g_ptr_array_add (out, g_steal_pointer (&doc));
    }
  if (caucus_document_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (caucus_document_list_get_error (list)));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The generation of the statement revision a version was taken from ("3-abc" → 3). */
static gint64
rev_generation (CaucusDocument *version)
{
  const char *rev = caucus_document_get_string (version, "statement_rev");

  return rev != NULL ? g_ascii_strtoll (rev, NULL, 10) : 0;
}

static gint
compare_created (gconstpointer a,
                 gconstpointer b)
{
  CaucusDocument *x = *(CaucusDocument **) a;
  CaucusDocument *y = *(CaucusDocument **) b;
  int cmp = caucus_timestamp_compare (caucus_document_get_created (x), caucus_document_get_created (y));

  /* Made in the same millisecond: the one of the earlier statement revision first. */
  if (cmp == 0)
    cmp = (int) CLAMP (rev_generation (x) - rev_generation (y), -1, 1);
  return cmp != 0 ? cmp : g_strcmp0 (caucus_document_get_id (x), caucus_document_get_id (y));
}

GPtrArray *
caucus_statement_list_versions (CaucusModelIndex *index,
                                const char       *statement_id,
                                GError          **error)
{
  GPtrArray *versions = caucus_statement_list_related (index, "statement-version", statement_id, error);

  if (versions != NULL)
    g_ptr_array_sort (versions, compare_created);
  return versions;
}

CaucusStatementVersion *
caucus_statement_versions_find_body (GPtrArray  *versions,
                                     const char *body)
{
  g_return_val_if_fail (versions != NULL, NULL);

  for (guint i = versions->len; i > 0; i--)
    {
      CaucusDocument *v = g_ptr_array_index (versions, i - 1);

      if (g_strcmp0 (caucus_document_get_string (v, "body"), body != NULL ? body : "") == 0)
        return CAUCUS_STATEMENT_VERSION (v);
    }
  return NULL;
}

const char *
caucus_statement_version_get_role (CaucusStatementVersion *version)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENT_VERSION (version), NULL);
  return caucus_document_get_string (CAUCUS_DOCUMENT (version), "role");
}
