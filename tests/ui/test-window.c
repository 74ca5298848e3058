/* test-window.c — display tests of the application shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application object and window against the build's compiled
 * schema (GSETTINGS_SCHEMA_DIR, memory backend) under Xvfb and a session bus,
 * and asserts on the widget tree.
 */
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>

#include "caucus-application.h"
#include "caucus-connect-dialog.h"
#include "caucus-preferences-window.h"
#include "caucus-renderer.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"
#include "caucus-window.h"

static CaucusApplication *app;

static const char * const page_names[] = { "directory", "calendar", "statements", "briefing" };

/* Widget-tree helpers ----------------------------------------------------- */

static GtkWindow *
find_toplevel (GType type)
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

typedef struct
{
  GType type;
} ToplevelWait;

static gboolean
toplevel_mapped (gpointer data)
{
  GtkWindow *window = find_toplevel (((ToplevelWait *) data)->type);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (((ToplevelWait *) data)->type) == NULL;
}

static CaucusWindow *
open_window (int width,
             int height)
{
  CaucusWindow *window = caucus_window_new (app);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  caucus_test_wait_until (caucus_test_is_mapped, window, 10, "the window is mapped");

  return window;
}

static void
destroy_window (CaucusWindow *window)
{
  ToplevelWait wait = { CAUCUS_TYPE_WINDOW };

  gtk_window_destroy (GTK_WINDOW (window));
  caucus_test_wait_until (toplevel_gone, &wait, 10, "the window is gone");
}

/* Tests ------------------------------------------------------------------- */

static void
test_window_opens (void)
{
  CaucusWindow *window = open_window (-1, -1);
  GSettings *settings = caucus_application_get_settings (app);
  g_autofree char *selected = g_settings_get_string (settings, "selected-page");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Caucus");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, selected);
  g_assert_nonnull (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_LEAFLET))));

  destroy_window (window);
}

/* On software OpenGL (Xvfb's llvmpipe, the CI machine) the window draws with cairo;
 * with a GPU GTK keeps its GL renderer; GSK_RENDERER set by the user always wins. */
static void
test_window_renderer (void)
{
  CaucusWindow *window;
  GdkDisplay *display = gdk_display_get_default ();
  const char *chosen = g_object_get_data (G_OBJECT (display), "gsk-renderer");
  GskRenderer *renderer;

  g_assert_true (caucus_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (caucus_renderer_is_software ("Software Rasterizer"));
  g_assert_true (caucus_renderer_is_software ("softpipe"));
  g_assert_false (caucus_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (caucus_renderer_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)"));
  g_assert_false (caucus_renderer_is_software (NULL));

  window = open_window (-1, -1);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);
  if (g_getenv ("GSK_RENDERER") != NULL)
    g_assert_null (chosen);
  else if (g_strcmp0 (chosen, "cairo") == 0)
    g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
  g_test_message ("renderer: %s (chosen by the app: %s)", G_OBJECT_TYPE_NAME (renderer),
                  chosen ? chosen : "none");
  /* A second call changes nothing and reports the same choice. */
  g_assert_cmpstr (caucus_renderer_choose (display), ==, chosen);
  destroy_window (window);
}

static void
test_window_pages (void)
{
  CaucusWindow *window = open_window (1000, 700);
  GSettings *settings = caucus_application_get_settings (app);
  GtkListBox *sidebar = GTK_LIST_BOX (caucus_test_find_named (GTK_WIDGET (window), "sidebar"));

  g_assert_nonnull (sidebar);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);
      CaucusPage *page;
      AdwStatusPage *status;
      g_autofree char *selected = NULL;

      g_assert_nonnull (row);
      g_test_message ("page %s", page_names[i]);
      /* Choosing the row, as a click does, shows the page. */
      g_signal_emit_by_name (row, "activate");
      caucus_test_iterate_ms (20);

      g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, page_names[i]);
      page = caucus_window_get_visible_page (window);
      g_assert_true (page == caucus_window_get_page (window, page_names[i]));
      g_assert_true (caucus_page_get_is_empty (page));
      g_assert_nonnull (caucus_page_get_title (page));
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);

      status = ADW_STATUS_PAGE (caucus_test_find_type (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
      g_assert_nonnull (status);
      caucus_test_wait_until (caucus_test_is_mapped, status, 10, "the empty state is shown");
      g_assert_cmpuint (strlen (adw_status_page_get_title (status)), >, 0);
      g_assert_cmpuint (strlen (adw_status_page_get_description (status)), >, 40);
      g_assert_nonnull (adw_status_page_get_icon_name (status));

      selected = g_settings_get_string (settings, "selected-page");
      g_assert_cmpstr (selected, ==, page_names[i]);
    }

  /* The Alt+n actions reach the same pages. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "calendar");
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "calendar");
  g_assert_false (caucus_window_show_page (window, "nowhere"));
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "calendar");

  destroy_window (window);
}

typedef struct
{
  CaucusPage *page;
  const char *text;
} SearchWait;

static gboolean
page_has_search_text (gpointer data)
{
  SearchWait *wait = data;

  return g_strcmp0 (caucus_page_get_search_text (wait->page), wait->text) == 0;
}

static void
test_window_search (void)
{
  CaucusWindow *window = open_window (1000, 700);
  GtkSearchBar *bar = GTK_SEARCH_BAR (caucus_test_find_type (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  GtkWidget *entry = caucus_test_find_type (GTK_WIDGET (bar), GTK_TYPE_SEARCH_ENTRY);
  CaucusPage *directory = caucus_window_get_page (window, "directory");
  CaucusPage *calendar = caucus_window_get_page (window, "calendar");
  SearchWait wait = { directory, "genève" };

  caucus_window_show_page (window, "directory");
  g_assert_false (gtk_search_bar_get_search_mode (bar));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (bar));

  gtk_editable_set_text (GTK_EDITABLE (entry), "genève");
  caucus_test_wait_until (page_has_search_text, &wait, 10, "the directory receives the search text");

  /* Another page starts with a fresh search; the old one lets go of its text. */
  caucus_window_show_page (window, "calendar");
  g_assert_cmpstr (caucus_page_get_search_text (directory), ==, "");
  g_assert_cmpstr (caucus_page_get_search_text (calendar), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  wait.page = calendar;
  wait.text = "baku";
  gtk_editable_set_text (GTK_EDITABLE (entry), "baku");
  caucus_test_wait_until (page_has_search_text, &wait, 10, "the calendar receives the search text");

  /* Closing the search bar ends the search. */
  gtk_search_bar_set_search_mode (bar, FALSE);
  g_assert_cmpstr (caucus_page_get_search_text (calendar), ==, "");

  destroy_window (window);
}

static void
test_window_sync_state (void)
{
  CaucusWindow *window = open_window (1000, 700);
  CaucusSyncButton *button =
    CAUCUS_SYNC_BUTTON (caucus_test_find_type (GTK_WIDGET (window), CAUCUS_TYPE_SYNC_BUTTON));
  GtkWidget *menu_button;

  g_assert_nonnull (button);
  menu_button = caucus_test_find_type (GTK_WIDGET (button), GTK_TYPE_MENU_BUTTON);
  g_assert_true (gtk_widget_get_mapped (menu_button));

  g_assert_cmpint (caucus_window_get_sync_state (window), ==, CAUCUS_SYNC_STATUS_LOCAL_ONLY);
  g_assert_cmpstr (caucus_window_get_sync_title (window), ==, "Local only — no server");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Local only — no server");

  caucus_window_set_sync_state (window, CAUCUS_SYNC_STATUS_ERROR,
                                "The server refused the password for ‘alice’.");
  g_assert_cmpint (caucus_window_get_sync_state (window), ==, CAUCUS_SYNC_STATUS_ERROR);
  g_assert_cmpstr (caucus_window_get_sync_title (window), ==, "Sync failed");
  g_assert_cmpstr (caucus_sync_button_get_detail (button), ==,
                   "The server refused the password for ‘alice’.");
  g_assert_true (gtk_widget_has_css_class (menu_button, "warning"));

  caucus_window_set_sync_state (window, CAUCUS_SYNC_STATUS_UP_TO_DATE, NULL);
  g_assert_cmpstr (caucus_window_get_sync_title (window), ==, "Up to date");
  g_assert_null (caucus_sync_button_get_detail (button));
  g_assert_false (gtk_widget_has_css_class (menu_button, "warning"));

  caucus_window_set_sync_state (window, CAUCUS_SYNC_STATUS_LOCAL_ONLY, NULL);
  g_assert_cmpstr (caucus_window_get_sync_title (window), ==, "Local only — no server");

  destroy_window (window);
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
open_and_close (const char *action,
                GType       type)
{
  ToplevelWait wait = { type };

  g_assert_null (find_toplevel (type));
  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  caucus_test_wait_until (toplevel_mapped, &wait, 10, action);
  gtk_window_destroy (find_toplevel (type));
  caucus_test_wait_until (toplevel_gone, &wait, 10, "the window is closed");
}

static void
collect_accelerators (GtkWidget *root,
                      GPtrArray *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      char *accel = NULL;

      g_object_get (root, "accelerator", &accel, NULL);
      if (accel != NULL)
        g_ptr_array_add (accels, accel);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accels);
}

/* The widgets GTK or libadwaita build inside a window without a name of their own:
 * label-less buttons (icons), search entries, menu buttons and text views. */
static void
collect_unlabelled_parts (GtkWidget *root,
                          GPtrArray *found)
{
  if (GTK_IS_SEARCH_ENTRY (root) || GTK_IS_MENU_BUTTON (root) || GTK_IS_TEXT_VIEW (root) ||
      (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (root) &&
       gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
       !gtk_widget_has_css_class (root, "close") && !gtk_widget_has_css_class (root, "minimize") &&
       !gtk_widget_has_css_class (root, "maximize")))
    {
      g_ptr_array_add (found, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unlabelled_parts (child, found);
}

/* The shortcuts window must list every key the app and window bind. */
static void
test_shortcuts_listed (void)
{
  static const char *expected[] = {
    "<Control>f", "<Control>q", "<Control>comma", "<Control>question", "F10",
    "<Alt>1", "<Alt>2", "<Alt>3", "<Alt>4", "<Alt>Left",
  };
  static const char *app_actions[] = { "app.quit", "app.preferences", "app.shortcuts" };
  CaucusWindow *window = open_window (1000, 700);
  ToplevelWait wait = { GTK_TYPE_SHORTCUTS_WINDOW };
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  caucus_test_wait_until (toplevel_mapped, &wait, 10, "the shortcuts window is shown");
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  collect_accelerators (GTK_WIDGET (shortcuts), accels);
  g_ptr_array_add (accels, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_strv_contains ((const char * const *) accels->pdata, expected[i]))
      g_error ("The shortcuts window does not list %s", expected[i]);

  /* Every key the window class binds to one of its actions is listed too, and
   * Alt+1…4 lead to the pages in sidebar order. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    guint n_window_bindings = 0;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;

        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
            g_autofree char *trigger = NULL;
            const char *name;
            GVariant *args;

            if (!GTK_IS_NAMED_ACTION (action))
              continue;
            name = gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
            if (!g_str_has_prefix (name, "win."))
              continue;

            trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            if (!g_strv_contains ((const char * const *) accels->pdata, trigger))
              g_error ("%s is bound to %s, which the shortcuts window does not list", name, trigger);
            n_window_bindings++;

            args = gtk_shortcut_get_arguments (shortcut);
            if (g_str_equal (name, "win.show-page"))
              {
                g_autofree char *expected_trigger = NULL;
                int index = -1;

                for (guint k = 0; k < G_N_ELEMENTS (page_names); k++)
                  if (g_str_equal (page_names[k], g_variant_get_string (args, NULL)))
                    index = k;
                g_assert_cmpint (index, >=, 0);
                expected_trigger = g_strdup_printf ("<Alt>%d", index + 1);
                g_assert_cmpstr (trigger, ==, expected_trigger);
              }
          }
      }
    /* Ctrl+F, Alt+1…4, Alt+Left and Ctrl+K (search everything) */
    g_assert_cmpuint (n_window_bindings, ==, 7);
  }

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_auto(GStrv) bound = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   app_actions[i]);

      g_assert_cmpuint (g_strv_length (bound), >, 0);
    }

  /* Every accelerator registered with the application, whatever its action. */
  {
    g_auto(GStrv) described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

    for (guint i = 0; described[i] != NULL; i++)
      {
        g_auto(GStrv) bound = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     described[i]);

        for (guint j = 0; bound[j] != NULL; j++)
          if (!g_strv_contains ((const char * const *) accels->pdata, bound[j]))
            g_error ("%s is bound to %s, which the shortcuts window does not list",
                     described[i], bound[j]);
      }
  }

  /* GTK builds the search toggle, the search entry and the section menu itself,
   * without names; the application names them. */
  {
    g_autoptr(GPtrArray) parts = g_ptr_array_new ();

    collect_unlabelled_parts (GTK_WIDGET (shortcuts), parts);
    g_assert_cmpuint (parts->len, >=, 3);
    for (guint i = 0; i < parts->len; i++)
      if (!gtk_test_accessible_has_property (parts->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("the shortcuts window's %s has no accessible name",
                 G_OBJECT_TYPE_NAME (parts->pdata[i]));
  }

  gtk_window_destroy (shortcuts);
  caucus_test_wait_until (toplevel_gone, &wait, 10, "the shortcuts window is closed");
  destroy_window (window);
}

/* The About window's Back buttons, version button and text views (libadwaita builds
 * them without names) are named. */
static void
test_about_named (void)
{
  CaucusWindow *window = open_window (1000, 700);
  ToplevelWait wait = { ADW_TYPE_ABOUT_WINDOW };
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GtkWindow *about;
  guint n_views = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  caucus_test_wait_until (toplevel_mapped, &wait, 10, "the About window is shown");
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  collect_unlabelled_parts (GTK_WIDGET (about), parts);
  g_assert_cmpuint (parts->len, >=, 4);
  for (guint i = 0; i < parts->len; i++)
    {
      if (GTK_IS_TEXT_VIEW (parts->pdata[i]))
        n_views++;
      if (!gtk_test_accessible_has_property (parts->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("the About window's %s (tooltip “%s”) has no accessible name",
                 G_OBJECT_TYPE_NAME (parts->pdata[i]),
                 gtk_widget_get_tooltip_text (parts->pdata[i]));
    }
  g_assert_cmpuint (n_views, >=, 1);

  gtk_window_destroy (about);
  caucus_test_wait_until (toplevel_gone, &wait, 10, "the About window is closed");
  destroy_window (window);
}

static void
collect_selectable_labels (GtkWidget *root,
                           GPtrArray *found)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_selectable (GTK_LABEL (root)))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_selectable_labels (child, found);
}

/* The connect dialog: the password row's icon-only Show/Hide Text button is named by
 * its tooltip as it switches, and the status line, a selectable label (a Tab stop),
 * is hidden while it says nothing. */
static void
test_connect_dialog_named (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-connect-XXXXXX", &error);
  g_autofree char *registry = NULL, *root = NULL, *def = NULL;
  g_autoptr(CaucusWorkspaceList) list = NULL;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  CaucusConnectDialog *dialog;
  GtkWidget *row, *peek = NULL;
  ToplevelWait wait = { CAUCUS_TYPE_CONNECT_DIALOG };
  char *problem;

  g_assert_no_error (error);
  registry = g_build_filename (dir, "workspaces.json", NULL);
  root = g_build_filename (dir, "workspaces", NULL);
  def = g_build_filename (dir, "default", NULL);
  list = caucus_workspace_list_new (registry, root, def, &error);
  g_assert_no_error (error);
  dialog = caucus_connect_dialog_new (NULL, list, caucus_workspace_list_get_selected (list));
  gtk_window_present (GTK_WINDOW (dialog));
  caucus_test_wait_until (toplevel_mapped, &wait, 10, "the connect dialog is shown");

  row = caucus_test_find_type (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (row);
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_unlabelled_parts (row, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (GTK_IS_BUTTON (buttons->pdata[i]) && gtk_widget_get_visible (buttons->pdata[i]) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Show Text") == 0)
        peek = buttons->pdata[i];
  }
  g_assert_nonnull (peek);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Show Text");
  g_assert_null (problem);
  g_signal_emit_by_name (peek, "clicked");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (peek), ==, "Hide Text");
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Hide Text");
  g_assert_null (problem);

  collect_selectable_labels (GTK_WIDGET (dialog), statuses);
  g_assert_cmpuint (statuses->len, ==, 1);
  g_assert_cmpstr (caucus_connect_dialog_get_status_text (dialog), ==, "");
  g_assert_false (gtk_widget_get_visible (statuses->pdata[0]));

  gtk_window_destroy (GTK_WINDOW (dialog));
  caucus_test_wait_until (toplevel_gone, &wait, 10, "the connect dialog is closed");
  g_remove (registry);
  g_rmdir (dir);
}

static GtkWidget *
find_menu_button_with_model (GtkWidget *root)
{
  /* The primary menu (F10), not the workspace switcher or a page's own menus. */
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL &&
      gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button_with_model (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_menu_actions (GMenuModel *menu,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, g_steal_pointer (&action));
      if (section != NULL)
        collect_menu_actions (section, actions);
    }
}

static void
test_app_actions (void)
{
  CaucusWindow *window = open_window (1000, 700);
  static const char *actions[] = { "preferences", "shortcuts", "about", "quit" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), actions[i]));

  /* The primary menu offers them, in this order. */
  {
    static const char *menu_actions[] = { "app.preferences", "app.shortcuts", "app.about" };
    GtkWidget *button = find_menu_button_with_model (GTK_WIDGET (window));
    GMenuModel *menu;
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    collect_menu_actions (menu, found);
    g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (menu_actions));
    for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
      g_assert_cmpstr (g_ptr_array_index (found, i), ==, menu_actions[i]);
    g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  }

  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.shortcuts", "<Control>question");

  open_and_close ("preferences", CAUCUS_TYPE_PREFERENCES_WINDOW);
  open_and_close ("shortcuts", GTK_TYPE_SHORTCUTS_WINDOW);
  open_and_close ("about", ADW_TYPE_ABOUT_WINDOW);

  destroy_window (window);
}

static void
test_preferences_bound (void)
{
  GSettings *settings = caucus_application_get_settings (app);
  GtkWindow *prefs = caucus_preferences_window_new (settings);
  GtkSwitch *metered;
  AdwComboRow *paper;
  GtkSpinButton *lead;
  GtkDropDown *zone;
  GListModel *zones;
  g_autofree char *chosen = NULL;
  guint n;
  guint nairobi = G_MAXUINT;

  gtk_window_present (prefs);
  caucus_test_wait_until (caucus_test_is_mapped, prefs, 10, "the preferences are shown");

  metered = GTK_SWITCH (caucus_test_find_type (GTK_WIDGET (prefs), GTK_TYPE_SWITCH));
  paper = ADW_COMBO_ROW (caucus_test_find_type (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  lead = GTK_SPIN_BUTTON (caucus_test_find_type (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON));
  zone = GTK_DROP_DOWN (caucus_test_find_type (GTK_WIDGET (prefs), GTK_TYPE_DROP_DOWN));

  /* Both ways: the widgets follow the settings, the settings follow the widgets. */
  g_settings_set_boolean (settings, "sync-on-metered", TRUE);
  g_assert_true (gtk_switch_get_active (metered));
  gtk_switch_set_active (metered, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "sync-on-metered"));

  adw_combo_row_set_selected (paper, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "paper-size"), ==, 1);
  g_settings_set_string (settings, "paper-size", "a4");
  g_assert_cmpuint (adw_combo_row_get_selected (paper), ==, 0);

  gtk_spin_button_set_value (lead, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "reminder-lead-minutes"), ==, 30);

  /* The zones come from the tz database; the first row follows the device. */
  zones = gtk_drop_down_get_model (zone);
  n = g_list_model_get_n_items (zones);
  g_assert_cmpuint (n, >, 200);
  g_assert_cmpuint (gtk_drop_down_get_selected (zone), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (zones, i);

      if (g_str_equal (gtk_string_object_get_string (item), "Africa/Nairobi"))
        nairobi = i;
    }
  g_assert_cmpuint (nairobi, <, n);
  gtk_drop_down_set_selected (zone, nairobi);
  chosen = g_settings_get_string (settings, "home-time-zone");
  g_assert_cmpstr (chosen, ==, "Africa/Nairobi");

  g_settings_reset (settings, "home-time-zone");
  g_settings_reset (settings, "reminder-lead-minutes");
  g_settings_reset (settings, "sync-on-metered");
  gtk_window_destroy (prefs);
}

static void
test_window_narrow (void)
{
  CaucusWindow *window = open_window (360, 640);
  AdwLeaflet *leaflet = ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  int minimum = 0;

  caucus_test_wait_until (caucus_test_is_mapped, window, 10, "the window is mapped");
  caucus_test_iterate_ms (50);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      int page_minimum = 0;

      gtk_widget_measure (GTK_WIDGET (caucus_window_get_page (window, page_names[i])),
                          GTK_ORIENTATION_HORIZONTAL, -1, &page_minimum, NULL, NULL, NULL);
      g_test_message ("page %s needs %d px", page_names[i], page_minimum);
      g_assert_cmpint (page_minimum, <=, 360);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  /* The content, not the window: client-side decorations add their shadow. */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Choosing a page leaves the list; the back button returns to it. */
  caucus_window_show_page (window, "statements");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.navigate-back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Searching from the sidebar searches the page, so the page comes forward. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  /* A wide window does not fold. */
  destroy_window (window);

  window = open_window (1000, 700);
  leaflet = ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  caucus_test_iterate_ms (50);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  destroy_window (window);
}

/* The sidebar's rows: moving the cursor (what the arrow keys do, a11y-walk.py
 * presses them) leaves the page and the selected row alone; activating a row, as
 * Return, Space and a click do, switches to its page; folded, it also leaves the
 * list for the page, with no row marked. */
static void
test_window_sidebar_rows (void)
{
  CaucusWindow *window = open_window (1000, 700);
  GtkListBox *sidebar = GTK_LIST_BOX (caucus_test_find_named (GTK_WIDGET (window), "sidebar"));
  AdwLeaflet *leaflet;

  caucus_window_show_page (window, "calendar");
  caucus_test_iterate_ms (20);
  g_assert_true (gtk_list_box_get_selected_row (sidebar) == gtk_list_box_get_row_at_index (sidebar, 1));

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, 1)));
  g_signal_emit_by_name (sidebar, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 2, FALSE, TRUE);
  caucus_test_iterate_ms (20);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window))
                 == GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, 3)));
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "calendar");
  g_assert_true (gtk_list_box_get_selected_row (sidebar) == gtk_list_box_get_row_at_index (sidebar, 1));

  g_signal_emit_by_name (sidebar, "activate-cursor-row");
  caucus_test_iterate_ms (20);
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "briefing");
  g_assert_true (gtk_list_box_get_selected_row (sidebar) == gtk_list_box_get_row_at_index (sidebar, 3));
  destroy_window (window);

  window = open_window (360, 640);
  sidebar = GTK_LIST_BOX (caucus_test_find_named (GTK_WIDGET (window), "sidebar"));
  leaflet = ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  caucus_test_iterate_ms (50);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (sidebar, 2), "activate");
  caucus_test_iterate_ms (20);
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "statements");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_null (gtk_list_box_get_selected_row (sidebar));
  destroy_window (window);
}

static void
test_window_state_persists (void)
{
  GSettings *settings = caucus_application_get_settings (app);
  CaucusWindow *window;
  int width = 0;
  int height = 0;

  g_settings_set_int (settings, "window-width", 720);
  g_settings_set_int (settings, "window-height", 520);
  g_settings_set_string (settings, "selected-page", "statements");

  window = caucus_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 520);
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, "statements");

  gtk_window_present (GTK_WINDOW (window));
  caucus_test_wait_until (caucus_test_is_mapped, window, 10, "the window is mapped");
  caucus_window_show_page (window, "briefing");
  gtk_window_set_default_size (GTK_WINDOW (window), 810, 610);
  caucus_test_iterate_ms (50);

  /* Closing, as the window manager or Ctrl+Q would, saves the state. */
  gtk_window_close (GTK_WINDOW (window));
  caucus_test_iterate_ms (20);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 810);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_enum (settings, "selected-page"), ==, 3);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "selected-page");
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

/* Last: quitting closes every window. */
static void
test_app_quit (void)
{
  open_window (1000, 700);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  caucus_test_wait_until (no_windows, NULL, 10, "quit closes the windows");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) source_style_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_home = NULL;
  int status;

  /* The application picks its workspace folder when it is created, before any test's
   * isolated folders exist: give it a fresh data folder, never the user's own. */
  data_home = g_dir_make_tmp ("test-window-XXXXXX", &error);
  if (data_home == NULL)
    g_error ("%s", error->message);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* Isolation replaces XDG_DATA_DIRS; the icon theme still comes from the system. */
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (icon_dirs, g_build_filename (*dir, "icons", NULL));
  g_ptr_array_add (icon_dirs, NULL);
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (source_style_dirs, g_build_filename (*dir, "gtksourceview-5", "styles", NULL));
  g_ptr_array_add (source_style_dirs, NULL);
  /* …and so does the MIME database that tells GdkPixbuf an icon is SVG. */
  g_content_type_set_mime_dirs (NULL);

  /* gtk_test_init() with isolated dirs: GTK 4.8's gtk_test_init() ignores its
   * options (it passes none to g_test_init()), so do what it does by hand. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icon_dirs->pdata);
  /* …and so do GtkSourceView's style schemes (the statement editor's search highlighting
   * needs one; without it GtkSourceView warns, and warnings are fatal here). */
  gtk_source_init ();
  for (guint i = 0; g_ptr_array_index (source_style_dirs, i) != NULL; i++)
    gtk_source_style_scheme_manager_append_search_path (gtk_source_style_scheme_manager_get_default (),
                                                        g_ptr_array_index (source_style_dirs, i));
  /* Animations would make every state change wait for a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/pages", test_window_pages);
  g_test_add_func ("/ui/window/renderer", test_window_renderer);
  g_test_add_func ("/ui/window/search", test_window_search);
  g_test_add_func ("/ui/window/sync-state", test_window_sync_state);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/window/sidebar-rows", test_window_sidebar_rows);
  g_test_add_func ("/ui/window/state-persists", test_window_state_persists);
  g_test_add_func ("/ui/app/actions", test_app_actions);
  g_test_add_func ("/ui/app/preferences", test_preferences_bound);
  g_test_add_func ("/ui/app/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/ui/app/about-named", test_about_named);
  g_test_add_func ("/ui/app/connect-dialog-named", test_connect_dialog_named);
  g_test_add_func ("/ui/app/quit", test_app_quit);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
