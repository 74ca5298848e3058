/* caucus-server-internal.h — the CaucusServer instance, shared by caucus-server.c (intake,
 * workers, responses, shutdown, GObject) and caucus-server-waiters.c (parked long-poll and
 * continuous feeds); no other piece of the server sees it. */
#pragma once

#include "caucus-server-private.h"

G_BEGIN_DECLS

typedef struct {
  CaucusStore *store;     /* opened on the main thread: only for its "changed" signal */
  char        *instance;
  GList       *waiters;   /* CaucusRequest* */
  gulong       handler;
} CaucusWatch;

struct _CaucusServer {
  GObject             parent_instance;

  char               *data_dir;
  CaucusServerLimits  limits;
  guint               n_workers;
  gboolean            log_requests;

  SoupServer         *soup;
  GMainContext       *context;
  CaucusUsers        *users;        /* main-thread connection (welcome uuid) */
  CaucusAuthState    *auth;
  GAsyncQueue        *queue;
  GPtrArray          *threads;
  CaucusWorker        quick;        /* the main thread's own, for quick requests */
  GHashTable         *watches;      /* db name → CaucusWatch */
  GHashTable         *requests;     /* SoupServerMessage → CaucusRequest (live ones) */
  guint               n_in_worker;
  gboolean            shutting_down;
  GTask              *shutdown_task;
  GSource            *shutdown_timeout;
};

/* caucus-server.c */
void     caucus_server_queue_to_worker        (CaucusServer  *self,
                                               CaucusRequest *req);

/* caucus-server-waiters.c: feeds parked on the main loop until their database changes */
void     caucus_server_watch_free             (gpointer       data);
GSource *caucus_server_timeout_attach         (CaucusServer  *self,
                                               guint          ms,
                                               GSourceFunc    func,
                                               gpointer       data,
                                               GDestroyNotify notify);
void     caucus_server_source_clear           (GSource      **source);
void     caucus_server_waiter_clear_sources   (CaucusRequest *req);
void     caucus_server_waiter_remove          (CaucusServer  *self,
                                               CaucusRequest *req);
void     caucus_server_register_waiter        (CaucusServer  *self,
                                               CaucusRequest *req);
void     caucus_server_watch_wake_all         (CaucusWatch   *watch,
                                               gboolean       timed_out);

G_END_DECLS
