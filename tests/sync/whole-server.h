/* whole-server.h — an in-process caucus-server on its own thread, for the app-level tests
 * (connection probe, end-to-end sync between two workspaces). */
#pragma once

#include <glib.h>

typedef struct _WholeServer WholeServer;

/* Starts a server over a fresh data directory with users "ana" (password "s3cret-ana")
 * and "zoe" ("s3cret-zoe") and the database "coalition", where ana is an editor and zoe
 * has no role. */
WholeServer *whole_server_start   (void);
void         whole_server_stop    (WholeServer *ws);
/* "http://127.0.0.1:PORT" */
const char  *whole_server_get_url (WholeServer *ws);
/* "http://127.0.0.1:PORT/@db" */
char        *whole_server_db_url  (WholeServer *ws,
                                   const char  *db);
