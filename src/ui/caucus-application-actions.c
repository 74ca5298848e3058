/* caucus-application-actions.c — the application's actions: the primary menu and quit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-application-private.h"
#include "caucus-preferences-window.h"

static GtkWindow *
active_window (CaucusApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CaucusApplication *self = CAUCUS_APPLICATION (user_data);
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     (GCopyFunc) g_object_ref, NULL);

  /* Closing (not destroying) lets each window save its size first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CaucusApplication *self = CAUCUS_APPLICATION (user_data);
  GtkWindow *window = caucus_preferences_window_new (caucus_application_get_settings (self));

  gtk_window_set_transient_for (window, active_window (self));
  gtk_window_present (window);
}

/* GtkShortcutsWindow (GTK 4.8) builds its header bar's search toggle (an icon
 * only), its search entry and its section menu button privately and names none of
 * them, so a screen reader announces "toggle button", "entry", "button".  They are
 * found by type once the window is built and given the names their tooltips or
 * placeholders would carry (the menu button's inner toggle is GtkMenuButton's own and
 * takes the menu button's name). */
static void
name_shortcuts_window_parts (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("shortcut window", "Search shortcuts"),
                                      -1);
      return;
    }
  if (GTK_IS_MENU_BUTTON (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("shortcut window", "Shortcut sections"),
                                      -1);
      return;
    }
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL)
    {
      /* The header bar's only toggle: it shows and hides the search bar. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      C_("shortcut window", "Search shortcuts"),
                                      -1);
      gtk_widget_set_tooltip_text (widget, C_("shortcut window", "Search shortcuts"));
      return;
    }

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_shortcuts_window_parts (child);
}

static void
shortcuts_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CaucusApplication *self = CAUCUS_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/caucusapp/Caucus/caucus-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  name_shortcuts_window_parts (GTK_WIDGET (window));
  gtk_window_set_transient_for (window, active_window (self));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

/* The title of the AdwWindowTitle inside WIDGET, or NULL. */
static const char *
window_title_in (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return adw_window_title_get_title (ADW_WINDOW_TITLE (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *title = window_title_in (child);

      if (title != NULL && *title != '\0')
        return title;
    }
  return NULL;
}

/* The title of the subpage WIDGET lies in: its page is a header bar followed by the
 * page's content, so the title is the one in the nearest header bar before it. */
static const char *
subpage_title (GtkWidget *widget)
{
  for (GtkWidget *node = widget; node != NULL; node = gtk_widget_get_parent (node))
    for (GtkWidget *prev = gtk_widget_get_prev_sibling (node);
         prev != NULL;
         prev = gtk_widget_get_prev_sibling (prev))
      if (ADW_IS_HEADER_BAR (prev) || GTK_IS_HEADER_BAR (prev))
        return window_title_in (prev);
  return NULL;
}

/* AdwAboutWindow (libadwaita 1.2) builds its subpages' Back buttons (an icon with a
 * "Back" tooltip), the version button (a label inside, no button label) and the text
 * views of "What's New" and "Debugging Information" without names.  Each gets the name
 * a sighted user reads: the tooltip, the button's text, the subpage's title. */
static void
name_about_window_parts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        {
          GtkWidget *inner = gtk_button_get_child (GTK_BUTTON (child));
          const char *name = gtk_widget_get_tooltip_text (child);

          if (name == NULL && GTK_IS_LABEL (inner))
            name = gtk_label_get_text (GTK_LABEL (inner));
          if (name != NULL && *name != '\0')
            gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            name, -1);
          continue;
        }
      if (GTK_IS_TEXT_VIEW (child))
        {
          const char *title = subpage_title (child);

          if (title != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            title, -1);
          continue;
        }
      name_about_window_parts (child);
    }
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CaucusApplication *self = CAUCUS_APPLICATION (user_data);
  static const char *developers[] = { "The Caucus developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Caucus"),
                        "application-icon", CAUCUS_ICON_NAME,
                        "developer-name", _("The Caucus developers"),
                        "version", CAUCUS_VERSION,
                        "copyright", _("© 2026 The Caucus developers"),
                        "comments", _("Prepare for multi-stakeholder meetings with your coalition: "
                                      "a shared directory, conference calendars, joint statements "
                                      "and briefing packs that work offline."),
                        "website", "https://github.com/caucusapp/caucus",
                        "issue-url", "https://github.com/caucusapp/caucus/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name(s), one a line. */
                        "translator-credits", _("translator-credits"),
                        "transient-for", active_window (self),
                        "application", self,
                        NULL);
  name_about_window_parts (about);
  gtk_window_present (GTK_WINDOW (about));
}

void
_caucus_application_install_actions (CaucusApplication *self)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action_cb },
    { "preferences", preferences_action_cb },
    { "shortcuts", shortcuts_action_cb },
    { "about", about_action_cb },
  };
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}
