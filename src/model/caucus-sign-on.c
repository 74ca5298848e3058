/* caucus-sign-on.c — signatures given, judged against the current text, and withdrawn
 * without being deleted. */
#include "caucus-sign-on.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "caucus-document-io.h"
#include "caucus-model-error.h"
#include "caucus-problem.h"
#include "caucus-statement-versions.h"

void
caucus_sign_on_entry_free (CaucusSignOnEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->org_id);
  g_clear_object (&entry->signature);
  g_clear_object (&entry->version);
  g_free (entry);
}

/* Whether @a was given after @b (signed_at, then created, then id). */
static gboolean
is_later (CaucusDocument *a,
          CaucusDocument *b)
{
  int cmp = caucus_timestamp_compare (caucus_document_get_string (a, "signed_at"),
                                      caucus_document_get_string (b, "signed_at"));

  if (cmp == 0)
    cmp = caucus_timestamp_compare (caucus_document_get_created (a), caucus_document_get_created (b));
  if (cmp == 0)
    cmp = g_strcmp0 (caucus_document_get_id (a), caucus_document_get_id (b));
  return cmp > 0;
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 ((*(CaucusSignOnEntry **) a)->org_id, (*(CaucusSignOnEntry **) b)->org_id);
}

GPtrArray *
caucus_sign_on_ledger (CaucusModelIndex *index,
                       CaucusStatement  *statement,
                       GError          **error)
{
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GHashTable) by_org = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_sign_on_entry_free);
  CaucusStore *store;
  const char *id, *body;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), NULL);

  id = caucus_document_get_id (CAUCUS_DOCUMENT (statement));
  if (id == NULL)
    return g_steal_pointer (&entries);   /* never saved: nobody signed it */
  store = caucus_model_index_get_store (index);
  body = caucus_document_get_string (CAUCUS_DOCUMENT (statement), "body");
  signatures = caucus_statement_list_related (index, "signature", id, error);
  if (signatures == NULL)
    return NULL;

  for (guint i = 0; i < signatures->len; i++)
    {
      CaucusDocument *sig = g_ptr_array_index (signatures, i);
      const char *org_id = caucus_document_get_string (sig, "org_id");
      CaucusSignOnEntry *entry;

      if (org_id == NULL)
        continue;
      entry = g_hash_table_lookup (by_org, org_id);
      if (entry == NULL)
        {
          entry = g_new0 (CaucusSignOnEntry, 1);
          entry->org_id = g_strdup (org_id);
          g_hash_table_insert (by_org, entry->org_id, entry);
          g_ptr_array_add (entries, entry);
        }
      entry->n_signatures++;
      if (entry->signature == NULL || is_later (sig, CAUCUS_DOCUMENT (entry->signature)))
        g_set_object (&entry->signature, CAUCUS_SIGNATURE (sig));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      CaucusSignOnEntry *entry = g_ptr_array_index (entries, i);
      const char *version_id = caucus_document_get_string (CAUCUS_DOCUMENT (entry->signature), "version_id");

      if (version_id != NULL)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(CaucusDocument) version = caucus_document_load (store, version_id, &local);

          /* A version not here (yet: sync brings it) leaves the text unknown. */
          if (version != NULL && CAUCUS_IS_STATEMENT_VERSION (version))
            entry->version = CAUCUS_STATEMENT_VERSION (g_steal_pointer (&version));
        }
      if (caucus_signature_is_withdrawn (entry->signature))
        entry->state = CAUCUS_SIGN_ON_WITHDRAWN;
      else if (entry->version != NULL &&
               g_strcmp0 (caucus_document_get_string (CAUCUS_DOCUMENT (entry->version), "body"),
                          body != NULL ? body : "") == 0)
        entry->state = CAUCUS_SIGN_ON_CURRENT;
      else
        entry->state = CAUCUS_SIGN_ON_EARLIER;
    }
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

static CaucusSignOnEntry *
find_entry (GPtrArray  *entries,
            const char *org_id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      CaucusSignOnEntry *entry = g_ptr_array_index (entries, i);
      if (g_strcmp0 (entry->org_id, org_id) == 0)
        return entry;
    }
  return NULL;
}

CaucusSignature *
caucus_sign_on_sign (CaucusModelIndex *index,
                     CaucusStatement  *statement,
                     const char       *org_id,
                     const char       *signed_by,
                     const char       *who,
                     GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(CaucusDocument) org = NULL;
  g_autoptr(CaucusDocument) signature = NULL;
  g_autoptr(CaucusStatementVersion) written = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *now = caucus_timestamp_now ();
  CaucusStatementVersion *version;
  CaucusSignOnEntry *entry;
  CaucusStore *store;
  const char *statement_id;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), NULL);

  store = caucus_model_index_get_store (index);
  statement_id = caucus_document_get_id (CAUCUS_DOCUMENT (statement));
  if (statement_id == NULL)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Save the statement before collecting signatures"));
      return NULL;
    }
  if (org_id == NULL || *org_id == '\0')
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("Choose the organisation that signs"));
      return NULL;
    }
  org = caucus_document_load (store, org_id, &local);
  if (org == NULL || !CAUCUS_IS_ORG (org))
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("‘%s’ is not an organisation in the directory"), org_id);
      return NULL;
    }

  entries = caucus_sign_on_ledger (index, statement, error);
  if (entries == NULL)
    return NULL;
  entry = find_entry (entries, org_id);
  if (entry != NULL && entry->state == CAUCUS_SIGN_ON_CURRENT)
    return g_object_ref (entry->signature);

  versions = caucus_statement_list_versions (index, statement_id, error);
  if (versions == NULL)
    return NULL;

  if (!caucus_store_begin (store, error))
    return NULL;
  version = caucus_statement_versions_find_body (versions,
                                                 caucus_document_get_string (CAUCUS_DOCUMENT (statement), "body"));
  if (version == NULL)
    {
      written = caucus_statement_create_version_full (store, statement, "Signed text", "signed", who, error);
      if (written == NULL)
        goto fail;
      version = written;
    }
  signature = caucus_document_new_of_type ("signature", who);
  caucus_document_set_string (signature, "statement_id", statement_id);
  caucus_document_set_string (signature, "org_id", org_id);
  caucus_document_set_string (signature, "version_id", caucus_document_get_id (CAUCUS_DOCUMENT (version)));
  if (signed_by != NULL && *signed_by != '\0')
    caucus_document_set_string (signature, "signed_by", signed_by);
  caucus_document_set_string (signature, "signed_at", now);
  if (!caucus_document_save (signature, store, who, error))
    goto fail;
  if (!caucus_store_commit (store, error))
    goto fail;
  return CAUCUS_SIGNATURE (g_steal_pointer (&signature));

fail:
  caucus_store_rollback (store);
  return NULL;
}

gboolean
caucus_sign_on_withdraw (CaucusModelIndex *index,
                         CaucusStatement  *statement,
                         const char       *org_id,
                         const char       *who,
                         GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(CaucusDocument) copy = NULL;
  g_autofree char *now = caucus_timestamp_now ();
  CaucusSignOnEntry *entry;

  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STATEMENT (statement), FALSE);

  entries = caucus_sign_on_ledger (index, statement, error);
  if (entries == NULL)
    return FALSE;
  entry = find_entry (entries, org_id);
  if (entry == NULL || entry->state == CAUCUS_SIGN_ON_WITHDRAWN)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("‘%s’ has no signature in force on this statement"), org_id ? org_id : "");
      return FALSE;
    }
  json = caucus_document_to_json (CAUCUS_DOCUMENT (entry->signature));
  copy = caucus_document_new_from_json (json);
  caucus_document_set_string (copy, "withdrawn_at", now);
  return caucus_document_save (copy, caucus_model_index_get_store (index), who, error);
}

void
caucus_sign_on_count (GPtrArray *entries,
                      guint     *n_current,
                      guint     *n_earlier,
                      guint     *n_withdrawn)
{
  guint counts[3] = { 0, 0, 0 };

  g_return_if_fail (entries != NULL);

  for (guint i = 0; i < entries->len; i++)
    counts[((CaucusSignOnEntry *) g_ptr_array_index (entries, i))->state]++;
  if (n_current != NULL)
    *n_current = counts[CAUCUS_SIGN_ON_CURRENT];
  if (n_earlier != NULL)
    *n_earlier = counts[CAUCUS_SIGN_ON_EARLIER];
  if (n_withdrawn != NULL)
    *n_withdrawn = counts[CAUCUS_SIGN_ON_WITHDRAWN];
}

CaucusBalance *
caucus_sign_on_balance (CaucusStore  *store,
                        GPtrArray    *entries,
                        GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      CaucusSignOnEntry *entry = g_ptr_array_index (entries, i);
      if (entry->state != CAUCUS_SIGN_ON_WITHDRAWN)
        g_ptr_array_add (ids, entry->org_id);
    }
  g_ptr_array_add (ids, NULL);
  return caucus_balance_new_for_org_ids (store, (const char * const *) ids->pdata, error);
}

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  const char *v = value != NULL ? value : "";

  if (strpbrk (v, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = v; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, v);
  g_string_append (out, last ? "\r\n" : ",");
}

char *
caucus_sign_on_to_csv (CaucusStore  *store,
                       GPtrArray    *entries,
                       GError      **error)
{
  static const char *states[] = { "signed", "signed an earlier version", "withdrawn" };
  GString *out;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  out = g_string_new ("organisation,regional_group,kind,countries,status,authorised_by,signed_at,version,withdrawn_at\r\n");
  for (guint i = 0; i < entries->len; i++)
    {
      CaucusSignOnEntry *entry = g_ptr_array_index (entries, i);
      CaucusDocument *sig = CAUCUS_DOCUMENT (entry->signature);
      g_autoptr(GError) local = NULL;
      g_autoptr(CaucusDocument) org = caucus_document_load (store, entry->org_id, &local);
      g_auto(GStrv) countries = NULL;
      g_autofree char *joined = NULL;

      if (org == NULL && !g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_string_free (out, TRUE);
          return NULL;
        }
      if (org != NULL)
        countries = caucus_document_dup_strv (org, "countries");
      joined = countries != NULL ? g_strjoinv (" ", countries) : NULL;
      csv_field (out, org != NULL ? caucus_document_get_display_name (org) : entry->org_id, FALSE);
      csv_field (out, org != NULL ? caucus_document_get_string (org, "regional_group") : NULL, FALSE);
      csv_field (out, org != NULL ? caucus_document_get_string (org, "kind") : NULL, FALSE);
      csv_field (out, joined, FALSE);
      csv_field (out, states[entry->state], FALSE);
      csv_field (out, caucus_document_get_string (sig, "signed_by"), FALSE);
      csv_field (out, caucus_document_get_string (sig, "signed_at"), FALSE);
      csv_field (out, entry->version != NULL ? caucus_document_get_string (CAUCUS_DOCUMENT (entry->version), "name") : NULL, FALSE);
      csv_field (out, caucus_document_get_string (sig, "withdrawn_at"), TRUE);
    }
  return g_string_free (out, FALSE);
}
