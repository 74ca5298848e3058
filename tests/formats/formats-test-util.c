#include "formats-test-util.h"

char *
test_schedule_path (const char *name)
{
  const char *shared = g_getenv ("CAUCUS_SHARED_DIR");
  g_autofree char *path = NULL;

  if (shared == NULL)
    {
      g_test_skip ("CAUCUS_SHARED_DIR is not set: the real schedules are not available");
      return NULL;
    }
  path = g_build_filename (shared, "data", "schedules", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf ("%s is absent: skipping", path);
      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&path);
}

char *
test_fixture_path (const char *name)
{
  return g_build_filename (FORMATS_FIXTURES_DIR, name, NULL);
}

char *
test_read_file (const char *path,
                gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

JsonObject *
test_find_doc (GPtrArray  *docs,
               const char *id)
{
  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), id) == 0)
        return doc;
    }
  return NULL;
}

guint
test_count_kind (GPtrArray  *docs,
                 const char *type,
                 const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), type) == 0 &&
          (kind == NULL ||
           g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", NULL), kind) == 0))
        n++;
    }
  return n;
}

const char *
test_location_room (JsonObject *doc)
{
  JsonObject *location = json_object_get_object_member (doc, "location");

  return location != NULL ? json_object_get_string_member_with_default (location, "room", NULL) : NULL;
}
