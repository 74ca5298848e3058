/* caucus-test-util.h — what the test programs share: turning the main loop, waiting for a
 * condition, temporary folders and user folders of their own, stores and JSON fixtures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every helper asserts (g_assert_no_error, g_error on a timeout): a test that cannot set
 * itself up fails where it happened, with the reason.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "caucus-store.h"

G_BEGIN_DECLS

/* Runs the default main context for @ms milliseconds (its sources dispatch meanwhile). */
void         caucus_test_iterate_ms          (guint               ms);

typedef gboolean (*CaucusTestCondition) (gpointer data);

/* Turns the default main context until @condition (@data) holds; after @timeout_s seconds
 * the test fails with "Timed out waiting until @what". */
void         caucus_test_wait_until          (CaucusTestCondition condition,
                                              gpointer            data,
                                              guint               timeout_s,
                                              const char         *what);

/* A new folder in the temporary folder (g_dir_make_tmp's @tmpl, "…-XXXXXX"). */
char        *caucus_test_make_tmp_dir        (const char         *tmpl);

/* Removes @path and everything below it; symbolic links are removed, not followed. */
void         caucus_test_remove_tree         (const char         *path);

/* Gives the process user folders of its own, before GLib first reads them: a new
 * temporary folder (@tmpl) with one folder each for HOME, XDG_DATA_HOME, XDG_CONFIG_HOME,
 * XDG_CACHE_HOME and XDG_STATE_HOME, set in the environment.  Returns the temporary folder
 * (for caucus_test_remove_tree at the end). */
char        *caucus_test_isolate_user_dirs   (const char         *tmpl);

/* The store @name ("a.db") in @dir, opened (created when missing). */
CaucusStore *caucus_test_open_store          (const char         *dir,
                                              const char         *name);

/* Writes @json (with its _id) to @store; returns nothing, asserts it was written. */
void         caucus_test_put_json            (CaucusStore        *store,
                                              const char         *json);

/* Writes @doc to @store as a replicated revision (caucus_store_put_with_history): its _rev
 * is "@start-@hash" and its _revisions list @hash, then the ancestors' hashes that follow
 * (NULL-terminated), newest first. */
void         caucus_test_put_revision        (CaucusStore        *store,
                                              JsonObject         *doc,
                                              guint               start,
                                              const char         *hash,
                                              ...) G_GNUC_NULL_TERMINATED;

/* @json parsed by json-glib as an object (a new reference); NULL for NULL. */
JsonObject  *caucus_test_parse_object        (const char         *json);

G_END_DECLS
