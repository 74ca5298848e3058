/* caucus-server-routes-private.h — what the router (caucus-server-routes.c) shares with the
 * database endpoints it dispatches to (caucus-server-database.c); no other piece sees it. */
#pragma once

#include "caucus-server-private.h"

G_BEGIN_DECLS

/* caucus-server-routes.c: method checks every endpoint makes */
/* TRUE when the request's method is @method (HEAD counts as GET). */
gboolean     caucus_route_method_is         (CaucusRequest *req,
                                             const char    *method);
/* Answers 405 with an Allow header listing @allowed. */
void         caucus_route_not_allowed       (CaucusRequest *req,
                                             const char    *allowed);

/* caucus-server-database.c */
void         caucus_route_db_info           (CaucusRequest *req,
                                             CaucusStore   *store,
                                             const char    *instance);
void         caucus_route_db_delete         (CaucusWorker  *worker,
                                             CaucusRequest *req);
void         caucus_route_all_docs          (CaucusRequest *req,
                                             CaucusStore   *store);
void         caucus_route_bulk_docs         (CaucusRequest *req,
                                             CaucusStore   *store);
void         caucus_route_revs_diff         (CaucusRequest *req,
                                             CaucusStore   *store);
void         caucus_route_ensure_full_commit (CaucusRequest *req,
                                              const char    *instance);
void         caucus_route_security          (CaucusWorker  *worker,
                                             CaucusRequest *req,
                                             CaucusRole     role);

G_END_DECLS
