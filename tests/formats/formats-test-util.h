#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Path of a real feed in $CAUCUS_SHARED_DIR/data/schedules, or NULL (test skipped). */
char       *test_schedule_path   (const char *name);
/* Path of a fixture in tests/formats/fixtures. */
char       *test_fixture_path    (const char *name);
char       *test_read_file       (const char *path,
                                  gsize      *length);
JsonObject *test_find_doc        (GPtrArray  *docs,
                                  const char *id);
guint       test_count_kind      (GPtrArray  *docs,
                                  const char *type,
                                  const char *kind);
const char *test_location_room   (JsonObject *doc);

G_END_DECLS
