/* caucus-preferences-window.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_PREFERENCES_WINDOW (caucus_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPreferencesWindow, caucus_preferences_window, CAUCUS, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *caucus_preferences_window_new (GSettings *settings);

G_END_DECLS
