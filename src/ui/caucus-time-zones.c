/* caucus-time-zones.c — the IANA time zones a person can choose from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib can open a zone by name but cannot list the names.  The tz database
 * ships its own index, zone.tab (one populated zone per country, which is what
 * a person looks for), in the same folder GLib reads zones from; we read the
 * third column of that tab-separated file and keep only the names GLib can
 * actually open.  zone1970.tab is the fallback for systems that drop zone.tab.
 */
#include <glib/gi18n.h>

#include "caucus-time-zones.h"

static char *
zoneinfo_dir (void)
{
  const char *tzdir = g_getenv ("TZDIR");

  return g_strdup (tzdir != NULL && *tzdir != '\0' ? tzdir : "/usr/share/zoneinfo");
}

static gboolean
is_known_zone (const char *identifier)
{
  GTimeZone *zone = g_time_zone_new_identifier (identifier);

  if (zone == NULL)
    return FALSE;

  g_time_zone_unref (zone);
  return TRUE;
}

static int
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * caucus_time_zones_list:
 * @error: return location for a #GError
 *
 * Lists the IANA time zone identifiers of the system's tz database, sorted,
 * with "UTC" included.
 *
 * Returns: (transfer full): the identifiers, or %NULL with @error set when
 *   the tz database's index cannot be read
 */
GStrv
caucus_time_zones_list (GError **error)
{
  static const char *index_files[] = { "zone.tab", "zone1970.tab" };
  g_autofree char *dir = zoneinfo_dir ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (index_files) && contents == NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, index_files[i], NULL);

      g_clear_error (&local_error);
      g_file_get_contents (path, &contents, NULL, &local_error);
    }

  if (contents == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("Could not read the list of time zones in “%s” (%s); install the "
                     "tzdata package or set TZDIR to its folder"),
                   dir, local_error->message);
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) < 3 || !g_utf8_validate (fields[2], -1, NULL))
        continue;
      if (g_hash_table_contains (seen, fields[2]) || !is_known_zone (fields[2]))
        continue;

      g_ptr_array_add (names, g_strdup (fields[2]));
      g_hash_table_add (seen, g_ptr_array_index (names, names->len - 1));
    }

  if (!g_hash_table_contains (seen, "UTC"))
    g_ptr_array_add (names, g_strdup ("UTC"));

  g_ptr_array_sort (names, compare_names_cb);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}
