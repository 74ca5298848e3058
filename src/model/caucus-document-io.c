/* caucus-document-io.c — load, validated save and delete of domain documents. */
#include "caucus-document-io.h"
#include "caucus-json.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>

CaucusDocument *
caucus_document_load (CaucusStore *store,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(JsonObject) json = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  json = caucus_store_get (store, id, NULL, error);
  if (json == NULL)
    return NULL;
  return caucus_document_new_from_json (json);
}

gboolean
caucus_document_save (CaucusDocument *self,
                      CaucusStore    *store,
                      const char     *who,
                      GError        **error)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!caucus_document_check (self, error))
    return FALSE;

  before = caucus_document_to_json (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (caucus_document_get_id (self) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *id = g_strdup_printf ("%s:%s", caucus_document_get_doc_type (self), uuid);
      caucus_document_set_id (self, id);
    }
  caucus_document_touch (self, who);

  json = caucus_document_to_json (self);
  rev = caucus_store_put (store, json, error);
  if (rev == NULL)
    {
      caucus_document_replace_json (self, before, NULL);
      g_object_thaw_notify (G_OBJECT (self));
      return FALSE;
    }
  caucus_document_set_rev (self, rev);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

gboolean
caucus_document_delete (CaucusDocument *self,
                        CaucusStore    *store,
                        GError        **error)
{
  g_autofree char *rev = NULL;
  const char *id;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);

  id = caucus_document_get_id (self);
  if (id == NULL || caucus_document_get_rev (self) == NULL)
    {
      g_set_error_literal (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                           _("This document was never saved, so there is nothing to delete"));
      return FALSE;
    }
  rev = caucus_store_delete (store, id, caucus_document_get_rev (self), error);
  if (rev == NULL)
    return FALSE;
  caucus_document_set_rev (self, rev);
  return TRUE;
}
