/* caucus-window.h — the main window: sidebar, pages, header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-application.h"
#include "caucus-page.h"
#include "caucus-sync-button.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_WINDOW (caucus_window_get_type ())
G_DECLARE_FINAL_TYPE (CaucusWindow, caucus_window, CAUCUS, WINDOW, AdwApplicationWindow)

CaucusWindow    *caucus_window_new                   (CaucusApplication *application);
const char      *caucus_window_get_visible_page_name (CaucusWindow      *self);
CaucusPage      *caucus_window_get_visible_page      (CaucusWindow      *self);
CaucusPage      *caucus_window_get_page              (CaucusWindow      *self,
                                                      const char        *name);
gboolean         caucus_window_show_page             (CaucusWindow      *self,
                                                      const char        *name);
void             caucus_window_set_sync_state        (CaucusWindow      *self,
                                                      CaucusSyncStatus   state,
                                                      const char        *detail);
CaucusSyncStatus caucus_window_get_sync_state        (CaucusWindow      *self);
const char      *caucus_window_get_sync_title        (CaucusWindow      *self);

G_END_DECLS
