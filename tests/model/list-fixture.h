/* list-fixture.h — what test-list and test-list-updates share: a store in a folder of
 * its own, the model index over it, and writes that assert they succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-model.h"

G_BEGIN_DECLS

typedef struct {
  char             *dir;
  char             *path;
  CaucusStore      *store;
  CaucusModelIndex *index;
} ListFixture;

/* g_test_add set-up and tear-down: a new store (no index yet); everything removed after. */
void        list_fixture_setup      (ListFixture        *f,
                                     gconstpointer       data);
void        list_fixture_teardown   (ListFixture        *f,
                                     gconstpointer       data);
/* Opens (again) the model index of the fixture's store. */
void        list_fixture_open_index (ListFixture        *f);
/* Lets the store's "changed" reach the index (it is emitted from an idle). */
void        list_fixture_settle     (ListFixture        *f);
/* Writes @json; returns the new revision. */
char       *list_fixture_put        (ListFixture        *f,
                                     const char         *json);
/* Writes an organisation with one tag, "t" and the last character of @id. */
void        list_fixture_put_org    (ListFixture        *f,
                                     const char         *id,
                                     const char         *name,
                                     const char         *kind,
                                     const char         *group);
JsonObject *list_fixture_get        (ListFixture        *f,
                                     const char         *id);
/* Sets the string @member of document @id to @value and writes it. */
void        list_fixture_rename_doc (ListFixture        *f,
                                     const char         *id,
                                     const char         *member,
                                     const char         *value);
void        list_fixture_delete_doc (ListFixture        *f,
                                     const char         *id);
/* The ids @list shows, in order. */
GPtrArray  *list_fixture_ids        (CaucusDocumentList *list);

G_END_DECLS
