/* caucus-bidi.h — labels that start on the UI's side whatever their text's direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void caucus_label_start_on_ui_side (GtkLabel *label);

G_END_DECLS
