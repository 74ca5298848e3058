/* caucus-balance.c — regional group × stakeholder kind counts. */
#include "caucus-balance.h"
#include "caucus-document-types.h"
#include "caucus-model-index-private.h"

G_DEFINE_BOXED_TYPE (CaucusBalance, caucus_balance, caucus_balance_copy, caucus_balance_free)

CaucusBalance *
caucus_balance_new (void)
{
  return g_new0 (CaucusBalance, 1);
}

CaucusBalance *
caucus_balance_copy (const CaucusBalance *balance)
{
  return g_memdup2 (balance, sizeof *balance);
}

void
caucus_balance_free (CaucusBalance *balance)
{
  g_free (balance);
}

static guint
index_in (const char * const *values,
          guint               unknown,
          const char         *value)
{
  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i;
  return unknown;
}

guint
caucus_balance_group_index (const char *regional_group)
{
  return index_in (caucus_regional_groups, CAUCUS_BALANCE_N_GROUPS - 1, regional_group);
}

guint
caucus_balance_kind_index (const char *kind)
{
  return index_in (caucus_org_kinds, CAUCUS_BALANCE_N_KINDS - 1, kind);
}

const char *
caucus_balance_group_name (guint index)
{
  g_return_val_if_fail (index < CAUCUS_BALANCE_N_GROUPS, NULL);
  return index < CAUCUS_BALANCE_N_GROUPS - 1 ? caucus_regional_groups[index] : NULL;
}

const char *
caucus_balance_kind_name (guint index)
{
  g_return_val_if_fail (index < CAUCUS_BALANCE_N_KINDS, NULL);
  return index < CAUCUS_BALANCE_N_KINDS - 1 ? caucus_org_kinds[index] : NULL;
}

void
caucus_balance_add (CaucusBalance *balance,
                    const char    *regional_group,
                    const char    *kind,
                    guint          count)
{
  g_return_if_fail (balance != NULL);
  balance->counts[caucus_balance_group_index (regional_group)][caucus_balance_kind_index (kind)] += count;
}

guint
caucus_balance_get (const CaucusBalance *balance,
                    const char          *regional_group,
                    const char          *kind)
{
  g_return_val_if_fail (balance != NULL, 0);
  return balance->counts[caucus_balance_group_index (regional_group)][caucus_balance_kind_index (kind)];
}

guint
caucus_balance_get_total (const CaucusBalance *balance)
{
  guint total = 0;

  g_return_val_if_fail (balance != NULL, 0);
  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
    for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
      total += balance->counts[g][k];
  return total;
}

guint
caucus_balance_get_group_total (const CaucusBalance *balance,
                                const char          *regional_group)
{
  guint g = caucus_balance_group_index (regional_group), total = 0;

  g_return_val_if_fail (balance != NULL, 0);
  for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
    total += balance->counts[g][k];
  return total;
}

guint
caucus_balance_get_kind_total (const CaucusBalance *balance,
                               const char          *kind)
{
  guint k = caucus_balance_kind_index (kind), total = 0;

  g_return_val_if_fail (balance != NULL, 0);
  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
    total += balance->counts[g][k];
  return total;
}

guint
caucus_balance_count_gaps (const CaucusBalance *balance)
{
  guint gaps = 0;

  g_return_val_if_fail (balance != NULL, 0);
  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS - 1; g++)
    for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS - 1; k++)
      gaps += balance->counts[g][k] == 0;
  return gaps;
}

static const char *
string_of (JsonObject *object,
           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

CaucusBalance *
caucus_balance_new_for_documents (GPtrArray  *docs,
                                  GHashTable *orgs_by_id)
{
  CaucusBalance *balance = caucus_balance_new ();

  g_return_val_if_fail (docs != NULL, balance);
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      const char *group = string_of (doc, "regional_group");
      const char *kind = string_of (doc, "kind");

      if (g_strcmp0 (string_of (doc, "type"), "person") == 0)
        {
          JsonObject *org = NULL;
          const char *org_id = string_of (doc, "org_id");
          if (orgs_by_id != NULL && org_id != NULL)
            org = g_hash_table_lookup (orgs_by_id, org_id);
          kind = string_of (org, "kind");
          if (group == NULL || *group == '\0')
            group = string_of (org, "regional_group");
        }
      caucus_balance_add (balance, group, kind, 1);
    }
  return balance;
}

CaucusBalance *
caucus_balance_new_for_org_ids (CaucusStore        *store,
                                const char * const *org_ids,
                                GError            **error)
{
  g_autoptr(CaucusBalance) balance = caucus_balance_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (org_ids != NULL, NULL);

  for (guint i = 0; org_ids[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonObject) org = NULL;

      if (!g_hash_table_add (seen, (gpointer) org_ids[i]))
        continue;
      org = caucus_store_get (store, org_ids[i], NULL, &local);
      if (org == NULL)
        {
          if (g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_NOT_FOUND) ||
              g_error_matches (local, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      caucus_balance_add (balance, string_of (org, "regional_group"), string_of (org, "kind"), 1);
    }
  return g_steal_pointer (&balance);
}

static void
add_count_cb (const char *group,
              const char *kind,
              guint       count,
              gpointer    data)
{
  caucus_balance_add (data, group, kind, count);
}

CaucusBalance *
caucus_document_list_compute_balance (CaucusDocumentList *list,
                                      GError            **error)
{
  g_autoptr(CaucusBalance) balance = caucus_balance_new ();
  g_autoptr(CaucusModelIndex) index = NULL;
  CaucusQuery *query;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (list), NULL);
  g_object_get (list, "index", &index, NULL);
  query = _caucus_document_list_peek_query (list);
  if (!_caucus_model_index_group_counts (index, query, add_count_cb, balance, error))
    return NULL;
  return g_steal_pointer (&balance);
}
