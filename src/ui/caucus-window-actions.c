/* caucus-window-actions.c — the window's actions and their shortcuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Installed on the class so every window carries them, and bound to keys
 * with binding actions so they work wherever the focus is in the window.
 */
#include "caucus-window-private.h"

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _caucus_window_begin_search (CAUCUS_WINDOW (widget));
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  if (!caucus_window_show_page (CAUCUS_WINDOW (widget), name))
    g_warning ("There is no page called “%s”; the pages are directory, calendar, "
               "statements and briefing", name);
}

static void
navigate_back_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _caucus_window_navigate_back (CAUCUS_WINDOW (widget));
}

void
_caucus_window_update_actions (CaucusWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.navigate-back",
                                 _caucus_window_get_folded (self));
}

void
_caucus_window_class_install_actions (GtkWidgetClass *widget_class)
{
  static const guint page_keys[CAUCUS_WINDOW_N_PAGES] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.navigate-back", NULL, navigate_back_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  for (guint i = 0; i < CAUCUS_WINDOW_N_PAGES; i++)
    gtk_widget_class_add_binding_action (widget_class, page_keys[i], GDK_ALT_MASK,
                                         "win.show-page", "s", _caucus_window_page_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.navigate-back", NULL);
}
