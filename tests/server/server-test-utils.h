/* server-test-utils.h — an in-process caucus-server on 127.0.0.1 (free port) in its own
 * thread and main context, and a synchronous libsoup client for the tests. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "caucus-server.h"
#include "caucus-store.h"

G_BEGIN_DECLS

/* Users created in every test data directory, all with password "pw-<name>":
 * alice (admin of "ws"), ed (editor), rita (reader), nora (no membership). */
#define TEST_DB "ws"

typedef struct {
  guint64  max_body_bytes;      /* 0: default */
  guint64  max_doc_bytes;
  guint    max_bulk_docs;
  guint    login_max_failures;
  guint    login_delay_ms;      /* G_MAXUINT: default */
  guint    login_lockout_seconds;
  guint    session_timeout;
  guint    worker_threads;      /* 0: default */
  const char *tls_cert;         /* PEM files: the server speaks HTTPS */
  const char *tls_key;
} TestServerOptions;

typedef struct {
  char         *dir;
  char         *url;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  CaucusServer *server;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  gboolean      stopped;
  TestServerOptions options;
  SoupSession  *session;
} TestServer;

typedef struct {
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  JsonNode           *json;
} TestResponse;

/* A data directory with the four users and database "ws" (reused: hashing is slow). */
const char   *test_template_dir       (void);
TestServer   *test_server_start       (const TestServerOptions *options);
/* Graceful shutdown from the server thread; returns when the thread has ended. */
void          test_server_stop        (TestServer *ts);
void          test_server_free        (TestServer *ts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

/* @user: NULL for anonymous, else Basic with "pw-<user>" (or @password when given). */
TestResponse *test_request_full       (TestServer  *ts,
                                       SoupSession *session,
                                       const char  *method,
                                       const char  *path,
                                       const char  *user,
                                       const char  *password,
                                       const char  *content_type,
                                       const void  *body,
                                       gssize       length,
                                       const char * const *headers);
TestResponse *test_request            (TestServer  *ts,
                                       const char  *method,
                                       const char  *path,
                                       const char  *user,
                                       const char  *json_body);
void          test_response_free      (TestResponse *resp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestResponse, test_response_free)

JsonObject   *test_response_object    (TestResponse *resp);
const char   *test_response_error     (TestResponse *resp);
char         *test_fixture_path       (const char   *name);
/* Sends @request verbatim on a new connection; returns the response status (0: none). */
guint         test_raw_request        (TestServer   *ts,
                                       const char   *request);
/* Writes a doc through HTTP as alice and returns its rev. */
char         *test_put_doc            (TestServer   *ts,
                                       const char   *id,
                                       const char   *json);

G_END_DECLS
