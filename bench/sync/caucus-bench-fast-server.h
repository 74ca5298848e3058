/* caucus-bench-fast-server.h — a CouchDB endpoint that costs (almost) nothing, so that a
 * benchmark measures the replication clients and not the server.  "/fast" serves N
 * precomputed documents (changes pages and _bulk_get from memory); "/sink" accepts
 * everything (_revs_diff says all missing, _bulk_docs stores nothing). */
#pragma once

#include <glib.h>

/* Starts the server on 127.0.0.1 in a thread of its own; returns "http://127.0.0.1:PORT". */
char *caucus_bench_fast_server_start (guint n_docs,
                                      const char *filler);
/* Documents received by /sink so far. */
guint64 caucus_bench_fast_server_sunk (void);
