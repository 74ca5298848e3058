/* test-window.c — display tests of the application shell: the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application object and window against the build's compiled
 * schema (GSETTINGS_SCHEMA_DIR, memory backend) under Xvfb and a session bus,
 * and asserts on the widget tree: the window, its pages, search, the sync state, narrow
 * widths and the state kept between runs.  The application's actions, dialogs and
 * quitting are in test-app.c.
 */
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-fixture.h"
#include "caucus-application.h"
#include "caucus-renderer.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"
#include "caucus-window.h"

static CaucusApplication *app;

static const char * const page_names[] = { "directory", "calendar", "statements", "briefing" };

static void
test_window_opens (void)
{
  CaucusWindow *window = app_fixture_open_window (-1, -1);
  GSettings *settings = caucus_application_get_settings (app);
  g_autofree char *selected = g_settings_get_string (settings, "selected-page");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Caucus");
  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_cmpstr (caucus_window_get_visible_page_name (window), ==, selected);
  g_assert_nonnull (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window),
                                                                    ADW_TYPE_LEAFLET))));

  caucus_test_destroy_window (GTK_WINDOW (window));
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

  window = app_fixture_open_window (-1, -1);
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
  caucus_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_pages (void)
{
  CaucusWindow *window = app_fixture_open_window (1000, 700);
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

  caucus_test_destroy_window (GTK_WINDOW (window));
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
  CaucusWindow *window = app_fixture_open_window (1000, 700);
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

  caucus_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_sync_state (void)
{
  CaucusWindow *window = app_fixture_open_window (1000, 700);
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

  caucus_test_destroy_window (GTK_WINDOW (window));
}

static void
test_window_narrow (void)
{
  CaucusWindow *window = app_fixture_open_window (360, 640);
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
  caucus_test_destroy_window (GTK_WINDOW (window));

  window = app_fixture_open_window (1000, 700);
  leaflet = ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  caucus_test_iterate_ms (50);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  caucus_test_destroy_window (GTK_WINDOW (window));
}

/* The sidebar's rows: moving the cursor (what the arrow keys do, a11y-walk.py
 * presses them) leaves the page and the selected row alone; activating a row, as
 * Return, Space and a click do, switches to its page; folded, it also leaves the
 * list for the page, with no row marked. */
static void
test_window_sidebar_rows (void)
{
  CaucusWindow *window = app_fixture_open_window (1000, 700);
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
  caucus_test_destroy_window (GTK_WINDOW (window));

  window = app_fixture_open_window (360, 640);
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
  caucus_test_destroy_window (GTK_WINDOW (window));
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

int
main (int   argc,
      char *argv[])
{
  app = app_fixture_init (&argc, &argv, "test-window-XXXXXX");

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/pages", test_window_pages);
  g_test_add_func ("/ui/window/renderer", test_window_renderer);
  g_test_add_func ("/ui/window/search", test_window_search);
  g_test_add_func ("/ui/window/sync-state", test_window_sync_state);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/window/sidebar-rows", test_window_sidebar_rows);
  g_test_add_func ("/ui/window/state-persists", test_window_state_persists);

  return app_fixture_run ();
}
