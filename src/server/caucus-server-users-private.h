/* caucus-server-users-private.h — the CaucusUsers connection as its two files see it:
 * caucus-server-users.c (the file, settings, users, databases, read transactions) and
 * caucus-server-members.c (memberships); no other piece of the server sees it. */
#pragma once

#include <sqlite3.h>

#include "caucus-server-users.h"

G_BEGIN_DECLS

/* The queries every request makes (authentication, database, role) are prepared once per
 * connection and reset after use instead of being prepared and finalised each time. */
typedef enum {
  HOT_HASH,
  HOT_DB,
  HOT_ROLE,
  HOT_BEGIN,
  HOT_COMMIT,
  N_HOT
} HotQuery;

struct _CaucusUsers {
  char         *data_dir;
  sqlite3      *db;
  GBytes       *secret;
  char         *uuid;
  sqlite3_stmt *hot[N_HOT];
  gboolean      in_read;
};

/* caucus-server-users.c: the connection's helpers */
/* Sets @error to what failed (@what) in the users file, with SQLite's message; FALSE. */
gboolean      caucus_users_sqlite_error    (CaucusUsers  *self,
                                            GError      **error,
                                            const char   *what);
sqlite3_stmt *caucus_users_prepare         (CaucusUsers  *self,
                                            const char   *sql,
                                            GError      **error);
/* A prepared statement of the hot queries, ready to bind; release it with
 * caucus_users_hot_done(). */
sqlite3_stmt *caucus_users_hot             (CaucusUsers  *self,
                                            HotQuery      which);
void          caucus_users_hot_done        (sqlite3_stmt *stmt);
gboolean      caucus_users_exec            (CaucusUsers  *self,
                                            const char   *sql,
                                            GError      **error);
gboolean      caucus_users_exists          (CaucusUsers  *self,
                                            const char   *name);
/* The first column of every row of @stmt (finalized here). */
GStrv         caucus_users_collect_strings (CaucusUsers  *self,
                                            sqlite3_stmt *stmt,
                                            GError      **error);

G_END_DECLS
