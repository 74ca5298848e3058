/* caucus-sync-service.h — keeps one workspace in step with its server while the app runs.
 *
 * Pulls continuously (long-poll) while the network is available, pushes about a second
 * after local edits (debounced), stops cleanly when the network goes away and catches up
 * when it comes back.  Failures are retried with exponential back-off and jitter, except
 * refused credentials, which wait for new ones (caucus_sync_service_set_password()).
 *
 * The UI watches the properties: "state" (CaucusSyncState), "error-message", "last-synced",
 * "docs-done", "docs-pending", "conflicts".
 *
 * Signal "conflicts-detected" (GStrv ids): emitted after a pull left these documents with
 * conflicting leaves.  This is where the model layer's merge rules plug in: a handler that
 * resolves a conflict writes the merged revision and tombstones the losers; whatever stays
 * conflicted is counted in "conflicts" (conflicts waiting for review).
 */
#pragma once

#include <gio/gio.h>

#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_SYNC_STATE_STOPPED,     /* not started, or stopped */
  CAUCUS_SYNC_STATE_OFFLINE,     /* no network */
  CAUCUS_SYNC_STATE_CONNECTING,  /* talking to the server, nothing moved yet */
  CAUCUS_SYNC_STATE_SYNCING,     /* documents moving (docs-done / docs-pending) */
  CAUCUS_SYNC_STATE_UP_TO_DATE,  /* both directions caught up (last-synced) */
  CAUCUS_SYNC_STATE_ERROR,       /* error-message says what to do; retried unless credentials */
} CaucusSyncState;

#define CAUCUS_TYPE_SYNC_STATE (caucus_sync_state_get_type ())
GType caucus_sync_state_get_type (void);

#define CAUCUS_TYPE_SYNC_SERVICE (caucus_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSyncService, caucus_sync_service, CAUCUS, SYNC_SERVICE, GObject)

/* @user may be NULL (anonymous, or user info in @remote_url).  @monitor NULL means
 * g_network_monitor_get_default(). */
CaucusSyncService *caucus_sync_service_new          (CaucusStore       *store,
                                                     const char        *remote_url,
                                                     const char        *user,
                                                     GNetworkMonitor   *monitor);

void               caucus_sync_service_start        (CaucusSyncService *self);
void               caucus_sync_service_stop         (CaucusSyncService *self);
/* Uses @password from now on (not saved; see caucus_sync_save_password()) and retries
 * at once, also after refused credentials. */
void               caucus_sync_service_set_password (CaucusSyncService *self,
                                                     const char        *password);
/* Retries now instead of waiting out the back-off. */
void               caucus_sync_service_sync_now     (CaucusSyncService *self);

CaucusSyncState    caucus_sync_service_get_state         (CaucusSyncService *self);
const char        *caucus_sync_service_get_error_message (CaucusSyncService *self);
GDateTime         *caucus_sync_service_get_last_synced   (CaucusSyncService *self);
guint64            caucus_sync_service_get_docs_done     (CaucusSyncService *self);
gint64             caucus_sync_service_get_docs_pending  (CaucusSyncService *self);
guint              caucus_sync_service_get_conflicts     (CaucusSyncService *self);

/* Milliseconds between the last local edit and the push (default 1000). */
void               caucus_sync_service_set_push_delay    (CaucusSyncService *self,
                                                          guint              ms);
/* I/O timeout of the HTTP requests in seconds (default 60; tests use less). */
void               caucus_sync_service_set_timeout       (CaucusSyncService *self,
                                                          guint              seconds);

G_END_DECLS
