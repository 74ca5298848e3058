/* caucus-test-widgets.c — what the display tests share (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "caucus-test-widgets.h"
#include "caucus-test-util.h"

#include <gtksourceview/gtksource.h>
#include <locale.h>

char *
caucus_test_init_display (int         *argc,
                          char      ***argv,
                          const char  *data_home_tmpl)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) style_dirs = g_ptr_array_new_with_free_func (g_free);
  char *data_home = g_dir_make_tmp (data_home_tmpl, &error);

  if (data_home == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* Read before g_test_init replaces XDG_DATA_DIRS. */
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    {
      g_ptr_array_add (icon_dirs, g_build_filename (*dir, "icons", NULL));
      g_ptr_array_add (style_dirs, g_build_filename (*dir, "gtksourceview-5", "styles", NULL));
    }
  g_ptr_array_add (icon_dirs, NULL);
  /* …and the MIME database that tells GdkPixbuf an icon is SVG. */
  g_content_type_set_mime_dirs (NULL);

  /* gtk_test_init() with isolated folders: GTK 4.8's gtk_test_init() ignores its options
   * (it passes none to g_test_init()), so do what it does by hand. */
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  caucus_test_init_gtk ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icon_dirs->pdata);
  gtk_source_init ();
  for (guint i = 0; i < style_dirs->len; i++)
    gtk_source_style_scheme_manager_append_search_path (gtk_source_style_scheme_manager_get_default (),
                                                        g_ptr_array_index (style_dirs, i));
  return data_home;
}

void
caucus_test_init_gtk (void)
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

gboolean
caucus_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

void
caucus_test_find_mapped (GtkWidget *root,
                         GType      type,
                         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    caucus_test_find_mapped (child, type, found);
}

GtkWidget *
caucus_test_find_type (GtkWidget *root,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = caucus_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
caucus_test_find_named (GtkWidget  *root,
                        const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = caucus_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
caucus_test_register_app (GApplication *app)
{
  g_autoptr(GError) error = NULL;

  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (app, NULL, &error))
    g_error ("Could not register the application: %s", error->message);
}

GtkWindow *
caucus_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
toplevel_mapped (gpointer data)
{
  GtkWindow *window = caucus_test_find_toplevel (*(GType *) data);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
toplevel_gone (gpointer data)
{
  return caucus_test_find_toplevel (*(GType *) data) == NULL;
}

void
caucus_test_wait_toplevel_shown (GType       type,
                                 const char *what)
{
  caucus_test_wait_until (toplevel_mapped, &type, 10, what);
}

void
caucus_test_wait_toplevel_gone (GType       type,
                                const char *what)
{
  caucus_test_wait_until (toplevel_gone, &type, 10, what);
}

void
caucus_test_present_window (GtkWindow *window,
                            int        width,
                            int        height)
{
  if (width > 0)
    gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  caucus_test_wait_until (caucus_test_is_mapped, window, 10, "the window is mapped");
}

void
caucus_test_destroy_window (GtkWindow *window)
{
  GType type = G_OBJECT_TYPE (window);

  gtk_window_destroy (window);
  caucus_test_wait_toplevel_gone (type, "the window is gone");
}
