/* caucus-sync-error.h — errors of the replicator and the sync service. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_SYNC_ERROR (caucus_sync_error_quark ())

typedef enum {
  CAUCUS_SYNC_ERROR_INVALID_URL,   /* the remote URL cannot be used */
  CAUCUS_SYNC_ERROR_NETWORK,       /* cannot connect, connection lost, timed out (retried) */
  CAUCUS_SYNC_ERROR_AUTH,          /* 401/403: the server refused these credentials (never retried) */
  CAUCUS_SYNC_ERROR_NOT_FOUND,     /* 404: no such database or document */
  CAUCUS_SYNC_ERROR_CONFLICT,      /* 409 */
  CAUCUS_SYNC_ERROR_TOO_LARGE,     /* 413 */
  CAUCUS_SYNC_ERROR_UNSUPPORTED,   /* 400/405/501 on an optional endpoint (e.g. _bulk_get) */
  CAUCUS_SYNC_ERROR_SERVER,        /* 5xx and other unexpected statuses (retried) */
  CAUCUS_SYNC_ERROR_PROTOCOL,      /* malformed or hostile response: bad JSON, wrong shape, too large */
  CAUCUS_SYNC_ERROR_LOCAL,         /* the local store refused a batch (rolled back) */
} CaucusSyncError;

GQuark   caucus_sync_error_quark      (void);

/* TRUE for errors worth retrying after a back-off (network trouble, 5xx, 429). */
gboolean caucus_sync_error_is_transient (const GError *error);

G_END_DECLS
