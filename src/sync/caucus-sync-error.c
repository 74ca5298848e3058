#include "caucus-sync-error.h"

G_DEFINE_QUARK (caucus-sync-error-quark, caucus_sync_error)

gboolean
caucus_sync_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;
  return g_error_matches (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_NETWORK) ||
         g_error_matches (error, CAUCUS_SYNC_ERROR, CAUCUS_SYNC_ERROR_SERVER);
}
