/* caucus-window-private.h — what the window's action file needs from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-window.h"

G_BEGIN_DECLS

/* The sidebar pages, in sidebar order; Alt+1 … Alt+4 follow it. */
extern const char * const _caucus_window_page_names[];
#define CAUCUS_WINDOW_N_PAGES 4

void _caucus_window_class_install_actions (GtkWidgetClass *widget_class);
void _caucus_window_begin_search          (CaucusWindow   *self);
void _caucus_window_navigate_back         (CaucusWindow   *self);
void _caucus_window_update_actions        (CaucusWindow   *self);
gboolean _caucus_window_get_folded        (CaucusWindow   *self);
AdwHeaderBar *_caucus_window_get_sidebar_header (CaucusWindow *self);

/* caucus-window-workspace.c */
void _caucus_window_workspace_class_init  (GtkWidgetClass *widget_class);
void _caucus_window_workspace_init        (CaucusWindow   *self);

G_END_DECLS
