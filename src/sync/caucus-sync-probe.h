/* caucus-sync-probe.h — "Test connection": what exactly stands between this device and a
 * workspace's remote database.
 *
 * The probe asks the server root (GET /, no credentials) whether it is there and speaks
 * CouchDB ({"couchdb":"Welcome"}), then the database itself with the credentials (GET
 * /db), and turns the answers into one outcome a person can act on.  It runs on a worker
 * thread of its own (GTask), so the UI never waits on the network, and needs no display,
 * so it is tested headless against a real caucus-server.
 */
#pragma once

#include <gio/gio.h>

#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_PROBE_OK,              /* reachable, CouchDB-compatible, credentials accepted */
  CAUCUS_PROBE_INVALID_URL,     /* the address cannot be used at all */
  CAUCUS_PROBE_UNREACHABLE,     /* host unknown, connection refused, timed out */
  CAUCUS_PROBE_TLS_UNTRUSTED,   /* https and the certificate is not trusted */
  CAUCUS_PROBE_NOT_COUCHDB,     /* something answers, but GET / is not CouchDB's welcome */
  CAUCUS_PROBE_WRONG_PASSWORD,  /* 401 on the database: name or password refused */
  CAUCUS_PROBE_NOT_MEMBER,      /* 403 on the database: signed in, but no access */
  CAUCUS_PROBE_NO_DATABASE,     /* 404: the server has no database of that name */
  CAUCUS_PROBE_SERVER_ERROR,    /* the server answered with another failure */
} CaucusProbeOutcome;

#define CAUCUS_TYPE_PROBE_OUTCOME (caucus_probe_outcome_get_type ())
GType caucus_probe_outcome_get_type (void);

typedef struct {
  CaucusProbeOutcome  outcome;
  char               *message;      /* one or two sentences for the person (never NULL) */
  char               *server_url;   /* the server root that was asked, or NULL */
  char               *vendor;       /* e.g. "caucus-server 0.1" / "CouchDB 3.3.3", or NULL */
  char               *db_name;      /* when OK */
  gint64              doc_count;    /* when OK and reported, else -1 */
  guint               http_status;  /* of the last answer, 0 when none */
} CaucusProbeResult;

#define CAUCUS_TYPE_PROBE_RESULT (caucus_probe_result_get_type ())
GType              caucus_probe_result_get_type (void);
CaucusProbeResult *caucus_probe_result_copy     (const CaucusProbeResult *result);
void               caucus_probe_result_free     (CaucusProbeResult       *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusProbeResult, caucus_probe_result_free)

/* Probes the database at @url (http or https; user info in the URL is used unless @user
 * is given).  @password NULL: none.  @timeout_s 0 means 15 s.  Never fails with a GError
 * except when cancelled: every other outcome is a result. */
void               caucus_sync_probe_async      (const char           *url,
                                                 const char           *user,
                                                 const char           *password,
                                                 guint                 timeout_s,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CaucusProbeResult *caucus_sync_probe_finish     (GAsyncResult         *result,
                                                 GError              **error);

/* The same, blocking (for caucusctl and tests). */
CaucusProbeResult *caucus_sync_probe            (const char           *url,
                                                 const char           *user,
                                                 const char           *password,
                                                 guint                 timeout_s,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS

G_BEGIN_DECLS

/* How many documents changed in @store since its last push to @url (the push
 * checkpoint's sequence against the changes feed): what would be lost if the workspace
 * were removed now.  @url NULL (no server): every document is only here.  Never touches
 * the network. */
gboolean caucus_sync_count_unpushed (CaucusStore  *store,
                                     const char   *url,
                                     guint        *n_unpushed,
                                     GError      **error);

G_END_DECLS
