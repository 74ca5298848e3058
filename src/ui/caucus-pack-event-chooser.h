/* caucus-pack-event-chooser.h — choosing the event a new briefing pack is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-model-index.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_PACK_EVENT_CHOOSER (caucus_pack_event_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPackEventChooser, caucus_pack_event_chooser, CAUCUS, PACK_EVENT_CHOOSER, AdwWindow)

/* A dialog listing the workspace's conferences and meetings; emits "event-chosen" with
 * the event's id and closes when one is activated. */
GtkWidget *caucus_pack_event_chooser_new (GtkWindow        *parent,
                                          CaucusModelIndex *index);

G_END_DECLS
