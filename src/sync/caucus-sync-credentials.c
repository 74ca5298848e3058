/* caucus-sync-credentials.c — see caucus-sync-credentials.h */
#include "caucus-sync-credentials.h"

const SecretSchema *
caucus_account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.caucusapp.Caucus.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

void
caucus_sync_resolve_password (CaucusRemote *remote,
                              GCancellable *cancellable)
{
  const char *env;
  g_autoptr(GError) error = NULL;
  char *found;

  g_return_if_fail (remote != NULL);

  if (remote->user == NULL || remote->password != NULL)
    return;
  env = g_getenv ("CAUCUS_PASSWORD");
  if (env != NULL)
    {
      remote->password = g_strdup (env);
      return;
    }
  found = secret_password_lookup_sync (caucus_account_schema (), cancellable, &error,
                                       "server", remote->url, "user", remote->user, NULL);
  if (found == NULL)
    {
      if (error != NULL)
        g_debug ("no password from the keyring for %s at %s: %s", remote->user, remote->url,
                 error->message);
      return;
    }
  remote->password = g_strdup (found);
  secret_password_free (found);
}

gboolean
caucus_sync_save_password (const char    *url,
                           const char    *user,
                           const char    *password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (url != NULL && user != NULL && password != NULL, FALSE);
  label = g_strdup_printf ("Caucus: %s at %s", user, url);
  return secret_password_store_sync (caucus_account_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     password, cancellable, error,
                                     "server", url, "user", user, NULL);
}

gboolean
caucus_sync_forget_password (const char    *url,
                             const char    *user,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (url != NULL && user != NULL, FALSE);
  if (!secret_password_clear_sync (caucus_account_schema (), cancellable, &local_error,
                                   "server", url, "user", user, NULL) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
