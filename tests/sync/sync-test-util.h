/* sync-test-util.h — servers, stores and comparisons shared by the sync tests. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "caucus-replicator.h"
#include "caucus-store.h"

/* The exit code meson reads as "skipped". */
#define TEST_SKIP_EXIT 77

/* TRUE when node and the pinned node_modules (tests/interop) are there. */
gboolean     test_have_node        (void);

typedef struct {
  GSubprocess *proc;
  guint        port;
  char        *base;      /* http://127.0.0.1:PORT */
} TestPouch;

/* Starts tests/sync/pouchdb-server.js; @env NULL-terminated "NAME=value" extras or NULL. */
TestPouch   *test_pouch_start      (const char * const *env);
void         test_pouch_stop       (TestPouch   *pouch);
/* Creates database @name; returns its URL. */
char        *test_pouch_new_db     (TestPouch   *pouch,
                                    const char  *name);

/* A blocking HTTP request for checks; returns the parsed answer or NULL. */
JsonNode    *test_http             (const char  *method,
                                    const char  *url,
                                    const char  *body,
                                    guint       *status);

typedef struct {
  char        *dir;
  char        *path;
  CaucusStore *store;
} TestStore;

TestStore   *test_store_new        (void);
void         test_store_free       (TestStore   *ts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestStore, test_store_free)
void         test_rm_rf            (const char  *dir);

/* One blocking replication with @batch_size; returns FALSE with @error on failure. */
gboolean     test_replicate        (CaucusStore                *store,
                                    const char                 *url,
                                    CaucusReplicationDirection  direction,
                                    guint                       batch_size,
                                    GError                    **error);

/* Every document of @store: id → sorted leaves (GStrv). */
GHashTable  *test_leaves_map       (CaucusStore *store);
/* Asserts @a and @b hold the same documents: same leaves, same winner, same bodies and
 * attachment bytes for every leaf. */
void         test_assert_same_docs (CaucusStore *a,
                                    CaucusStore *b);

JsonObject  *test_parse            (const char  *json);
char        *test_put              (CaucusStore *store,
                                    const char  *json);

/* Five documents of every kind (edited, deleted, with an attachment, an id needing
 * escaping) and one local document. */
void         test_fill_store       (CaucusStore *store);
