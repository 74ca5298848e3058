/* whole-screenshots.c — screenshots of each main page with the sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: run it under Xvfb to refresh data/screenshots/whole-*.png
 *   xvfb-run -a dbus-run-session -- env GSETTINGS_SCHEMA_DIR=<build>/data \
 *     <build>/tests/ui/whole-screenshots <source>/data/screenshots [--large-text|--high-contrast|--locale]
 * It starts the real application in a fresh data folder, loads the sample workspace,
 * and renders the window (the way GTK draws it) for every page, in light and dark style
 * and at 360 px wide.
 *
 * --large-text and --high-contrast (issue 10) render every page, a session's page (with
 * its roles) and a statement with its sign-on panel at 1200×780 instead, into
 * large-text-*.png and high-contrast-*.png: large text is GNOME's text-scaling-factor of
 * 1.5 (what the Accessibility panel's Large Text sets, and the settings daemon passes to
 * GTK as gtk-xft-dpi 144), high contrast is libadwaita's (ADW_DEBUG_HIGH_CONTRAST, as
 * the desktop's high-contrast setting would give it).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "caucus-test-util.h"
#include "caucus-json.h"

#include "caucus-application.h"
#include "caucus-connect-dialog.h"
#include "caucus-digest.h"
#include "caucus-digest-view.h"
#include "caucus-review-dialog.h"
#include "caucus-calendar-page.h"
#include "caucus-search-everywhere.h"
#include "caucus-statement-editor.h"
#include "caucus-statements-page.h"
#include "caucus-window.h"
#include "caucus-window-workspace.h"

static const char * const pages[] = { "directory", "calendar", "statements", "briefing" };

static void
save_window (GtkWindow  *window,
             const char *dir,
             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

static void
resize (GtkWindow *window,
        int        width,
        int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_widget_set_size_request (GTK_WIDGET (window), width, height);
  caucus_test_iterate_ms (400);
}

/* Every page, a session with its roles and a statement with its sign-on panel, under
 * large text or high contrast (@prefix "large-text" or "high-contrast"). */
static void
accessibility_shots (CaucusApplication *app,
                     CaucusWindow      *window,
                     const char        *out,
                     const char        *prefix)
{
  g_autoptr(GError) error = NULL;
  CaucusStatementsPage *statements;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  resize (GTK_WINDOW (window), 1200, 780);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", prefix, pages[i]);

      caucus_window_show_page (window, pages[i]);
      caucus_test_iterate_ms (600);
      save_window (GTK_WINDOW (window), out, name);
    }

  {
    /* a session with people in roles: the People group, its Role drop-down and Add Person */
    g_autofree char *name = g_strdup_printf ("%s-session.png", prefix);
    CaucusCalendarPage *calendar = CAUCUS_CALENDAR_PAGE (caucus_window_get_page (window, "calendar"));

    caucus_window_show_page (window, "calendar");
    if (!caucus_calendar_page_show_event (calendar, "event:best-bits-2012:wcit-drafting"))
      g_error ("The sample has no session event:best-bits-2012:wcit-drafting");
    caucus_test_iterate_ms (600);
    {
      /* scrolled to the People group */
      GtkWidget *focus = gtk_widget_get_first_child (GTK_WIDGET (calendar));
      GtkWidget *found = NULL;
      GPtrArray *stack = g_ptr_array_new ();

      g_ptr_array_add (stack, focus);
      while (stack->len > 0 && found == NULL)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

          if (g_strcmp0 (gtk_widget_get_name (w), "add-person") == 0)
            found = w;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
      g_ptr_array_unref (stack);
      if (found != NULL)
        gtk_widget_grab_focus (found);
      caucus_test_iterate_ms (400);
    }
    save_window (GTK_WINDOW (window), out, name);
  }

  {
    g_autofree char *name = g_strdup_printf ("%s-sign-on.png", prefix);

    caucus_window_show_page (window, "statements");
    statements = CAUCUS_STATEMENTS_PAGE (caucus_window_get_page (window, "statements"));
    if (!caucus_statements_page_open (statements, "statement:wcit-unity", &error))
      g_error ("Could not open the sample statement: %s", error->message);
    caucus_statement_editor_show_panel (caucus_statements_page_get_editor (statements), "sign-on");
    caucus_test_iterate_ms (800);
    save_window (GTK_WINDOW (window), out, name);
  }
}

static const char * const user_dirs[] = {
  "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autoptr(CaucusApplication) app = NULL;
  AdwStyleManager *style;
  CaucusWindow *window;
  const char *out;
  const char *mode = NULL;

  if (argc == 3 && g_strcmp0 (argv[2], "--large-text") == 0)
    mode = "large-text";
  else if (argc == 3 && g_strcmp0 (argv[2], "--high-contrast") == 0)
    mode = "high-contrast";
  else if (argc == 3 && g_strcmp0 (argv[2], "--locale") == 0)
    mode = "locale";
  else if (argc != 2)
    {
      g_printerr ("usage: whole-screenshots OUTPUT-DIR [--large-text|--high-contrast|--locale]\n");
      return 2;
    }
  out = argv[1];
  if (g_strcmp0 (mode, "high-contrast") == 0)
    g_setenv ("ADW_DEBUG_HIGH_CONTRAST", "1", TRUE);
  data_home = g_dir_make_tmp ("caucus-screenshots-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (data_home, user_dirs[i], NULL);
      g_mkdir_with_parents (dir, 0700);
      g_setenv (user_dirs[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_disable_setlocale ();
  if (g_strcmp0 (mode, "locale") == 0)
    {
      /* The environment's language (LANGUAGE=ar LANG=ar_EG.UTF-8 for
       * data/screenshots/rtl-arabic-directory.png), with the translations of
       * CAUCUS_LOCALEDIR (a build's po/ folder) or the installed ones. */
      const char *localedir = g_getenv ("CAUCUS_LOCALEDIR");

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  else
    setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (g_strcmp0 (mode, "large-text") == 0)
    {
      /* GNOME's Large Text is text-scaling-factor 1.5, which the settings daemon hands
       * to GTK as Xft/DPI 96 × 1.5 (gtk-xft-dpi is in 1024ths of a dot per inch). */
      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 3 / 2 * 1024, NULL);
    }

  app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  g_application_activate (G_APPLICATION (app));
  window = CAUCUS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  caucus_application_load_sample (app);
  while (caucus_application_get_sample_loading (app))
    caucus_test_iterate_ms (50);
  caucus_test_iterate_ms (500);

  if (mode != NULL)
    {
      accessibility_shots (app, window, out, mode);
      gtk_window_destroy (GTK_WINDOW (window));
      caucus_test_iterate_ms (100);
      return 0;
    }

  style = adw_style_manager_get_default ();
  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      resize (GTK_WINDOW (window), 1200, 780);
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *name = g_strdup_printf ("whole-%s-%s.png", dark ? "dark" : "light",
                                                   pages[i]);
          caucus_window_show_page (window, pages[i]);
          caucus_test_iterate_ms (600);
          save_window (GTK_WINDOW (window), out, name);
        }
    }

  /* Who decides the narrowest width: the window can be no narrower than its widest
   * minimum (GtkStack and AdwLeaflet measure every child). */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int min = 0;
      gtk_widget_measure (GTK_WIDGET (caucus_window_get_page (window, pages[i])),
                          GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_print ("minimum width of the %s page: %d px\n", pages[i], min);
    }

  /* 360 px: the leaflet folds; each page is shown on its own. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  resize (GTK_WINDOW (window), 360, 720);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("whole-narrow-%s.png", pages[i]);
      caucus_window_show_page (window, pages[i]);
      caucus_test_iterate_ms (600);
      save_window (GTK_WINDOW (window), out, name);
    }

  /* The dialogs of this issue, over the wide window. */
  resize (GTK_WINDOW (window), 1200, 780);
  {
    CaucusWorkspaceList *list = caucus_application_get_workspaces (app);
    CaucusConnectDialog *dialog = caucus_connect_dialog_new (GTK_WINDOW (window), list,
                                                             caucus_workspace_list_get_selected (list));
    caucus_connect_dialog_set_fields (dialog, "https://sync.example.org/best-bits", "ana", "");
    gtk_window_present (GTK_WINDOW (dialog));
    caucus_test_iterate_ms (600);
    save_window (GTK_WINDOW (dialog), out, "whole-light-connect.png");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  {
    CaucusSearchEverywhere *search =
      caucus_search_everywhere_new (GTK_WINDOW (window), caucus_application_get_store (app),
                                    caucus_application_get_model_index (app));
    caucus_search_everywhere_search (search, "peter");
    gtk_window_present (GTK_WINDOW (search));
    caucus_test_iterate_ms (600);
    save_window (GTK_WINDOW (search), out, "whole-light-search.png");
    gtk_window_destroy (GTK_WINDOW (search));
  }

  {
    /* What a first sync of the sample would report. */
    g_autoptr(GPtrArray) digest = caucus_digest_compute (caucus_application_get_store (app), 0, -1,
                                                         NULL, &error);
    CaucusDigestView *view;

    g_assert_no_error (error);
    view = caucus_digest_view_new (GTK_WINDOW (window), caucus_application_get_store (app),
                                   digest);
    gtk_window_present (GTK_WINDOW (view));
    caucus_test_iterate_ms (600);
    save_window (GTK_WINDOW (view), out, "whole-light-digest.png");
    gtk_window_destroy (GTK_WINDOW (view));
  }
  {
    /* A statement edited on two devices in the same sentence: the review queue. */
    CaucusStore *store = caucus_application_get_store (app);
    const char *id = "statement:oewg-engagement";
    g_autoptr(JsonObject) doc = caucus_store_get (store, id, NULL, &error);
    g_autoptr(JsonObject) other = NULL;
    g_autofree char *parent = NULL;
    g_autofree char *mine = NULL;
    const char *body;
    g_autofree char *theirs_body = NULL;
    g_autofree char *mine_body = NULL;
    CaucusReviewDialog *review;
    g_auto(GStrv) lines = NULL;

    g_assert_no_error (error);
    parent = g_strdup (json_object_get_string_member (doc, "_rev"));
    body = json_object_get_string_member (doc, "body");
    lines = g_strsplit (body, "\n", 3);
    mine_body = g_strdup_printf ("%s — as agreed in Geneva.\n%s\n%s", lines[0],
                                 lines[1] ? lines[1] : "", lines[1] && lines[2] ? lines[2] : "");
    theirs_body = g_strdup_printf ("%s, with the OEWG Chair's support.\n%s\n%s", lines[0],
                                   lines[1] ? lines[1] : "", lines[1] && lines[2] ? lines[2] : "");
    other = caucus_json_object_deep_copy (doc);
    json_object_set_string_member (doc, "body", mine_body);
    json_object_set_string_member (doc, "updated_by", "Ana (laptop)");
    json_object_set_string_member (doc, "updated", "2024-03-04T09:12:00Z");
    mine = caucus_store_put (store, doc, &error);
    g_assert_no_error (error);
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) revisions = NULL;
      const char *hash = strchr (parent, '-') + 1;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, g_ascii_strtoll (parent, NULL, 10) + 1);
      json_builder_set_member_name (b, "ids");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "00000000000000000000000000000001");
      json_builder_add_string_value (b, hash);
      json_builder_end_array (b);
      json_builder_end_object (b);
      revisions = json_builder_get_root (b);
      json_object_remove_member (other, "_rev");
      {
        g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT "-00000000000000000000000000000001",
                                                g_ascii_strtoll (parent, NULL, 10) + 1);
        json_object_set_string_member (other, "_rev", rev);
      }
      json_object_set_member (other, "_revisions", g_steal_pointer (&revisions));
      json_object_set_string_member (other, "body", theirs_body);
      json_object_set_string_member (other, "updated_by", "Rui (phone)");
      json_object_set_string_member (other, "updated", "2024-03-04T09:15:00Z");
      g_assert_true (caucus_store_put_with_history (store, other, &error));
      g_assert_no_error (error);
    }
    review = caucus_review_dialog_new (GTK_WINDOW (window), store);
    gtk_window_set_default_size (GTK_WINDOW (review), 820, 640);
    gtk_window_present (GTK_WINDOW (review));
    caucus_test_iterate_ms (400);
    save_window (GTK_WINDOW (review), out, "whole-light-review-list.png");
    caucus_review_dialog_open_document (review, id);
    caucus_test_iterate_ms (600);
    save_window (GTK_WINDOW (review), out, "whole-light-review.png");
    gtk_window_destroy (GTK_WINDOW (review));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  caucus_test_iterate_ms (100);
  return 0;
}
