/* test-app.c — display tests of the application shell: the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application object and window against the build's compiled
 * schema (GSETTINGS_SCHEMA_DIR, memory backend) under Xvfb and a session bus,
 * and asserts on the widget tree: the actions and their accelerators, the shortcuts,
 * About, connect and preferences windows (every part named for assistive technologies)
 * and quitting.  The window itself is in test-window.c.
 */
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-fixture.h"
#include "caucus-application.h"
#include "caucus-connect-dialog.h"
#include "caucus-preferences-window.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"
#include "caucus-window.h"

static CaucusApplication *app;

static const char * const page_names[] = { "directory", "calendar", "statements", "briefing" };

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
  g_assert_null (caucus_test_find_toplevel (type));
  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  caucus_test_wait_toplevel_shown (type, action);
  gtk_window_destroy (caucus_test_find_toplevel (type));
  caucus_test_wait_toplevel_gone (type, "the window is closed");
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
  CaucusWindow *window = app_fixture_open_window (1000, 700);
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  caucus_test_wait_toplevel_shown (GTK_TYPE_SHORTCUTS_WINDOW, "the shortcuts window is shown");
  shortcuts = caucus_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
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
  caucus_test_wait_toplevel_gone (GTK_TYPE_SHORTCUTS_WINDOW, "the shortcuts window is closed");
  caucus_test_destroy_window (GTK_WINDOW (window));
}

/* The About window's Back buttons, version button and text views (libadwaita builds
 * them without names) are named. */
static void
test_about_named (void)
{
  CaucusWindow *window = app_fixture_open_window (1000, 700);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  GtkWindow *about;
  guint n_views = 0;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  caucus_test_wait_toplevel_shown (ADW_TYPE_ABOUT_WINDOW, "the About window is shown");
  about = caucus_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
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
  caucus_test_wait_toplevel_gone (ADW_TYPE_ABOUT_WINDOW, "the About window is closed");
  caucus_test_destroy_window (GTK_WINDOW (window));
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
  char *problem;

  g_assert_no_error (error);
  registry = g_build_filename (dir, "workspaces.json", NULL);
  root = g_build_filename (dir, "workspaces", NULL);
  def = g_build_filename (dir, "default", NULL);
  list = caucus_workspace_list_new (registry, root, def, &error);
  g_assert_no_error (error);
  dialog = caucus_connect_dialog_new (NULL, list, caucus_workspace_list_get_selected (list));
  gtk_window_present (GTK_WINDOW (dialog));
  caucus_test_wait_toplevel_shown (CAUCUS_TYPE_CONNECT_DIALOG, "the connect dialog is shown");

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
  caucus_test_wait_toplevel_gone (CAUCUS_TYPE_CONNECT_DIALOG, "the connect dialog is closed");
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
  CaucusWindow *window = app_fixture_open_window (1000, 700);
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

  caucus_test_destroy_window (GTK_WINDOW (window));
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

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

/* Last: quitting closes every window. */
static void
test_app_quit (void)
{
  app_fixture_open_window (1000, 700);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  caucus_test_wait_until (no_windows, NULL, 10, "quit closes the windows");
}

int
main (int   argc,
      char *argv[])
{
  app = app_fixture_init (&argc, &argv, "test-app-XXXXXX");

  g_test_add_func ("/ui/app/actions", test_app_actions);
  g_test_add_func ("/ui/app/preferences", test_preferences_bound);
  g_test_add_func ("/ui/app/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/ui/app/about-named", test_about_named);
  g_test_add_func ("/ui/app/connect-dialog-named", test_connect_dialog_named);
  g_test_add_func ("/ui/app/quit", test_app_quit);

  return app_fixture_run ();
}
