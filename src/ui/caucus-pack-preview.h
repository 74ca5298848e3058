/* caucus-pack-preview.h — the live preview of a briefing pack's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "caucus-pack-layout.h"
#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_PACK_PREVIEW (caucus_pack_preview_get_type ())
G_DECLARE_FINAL_TYPE (CaucusPackPreview, caucus_pack_preview, CAUCUS, PACK_PREVIEW, GtkWidget)

GtkWidget        *caucus_pack_preview_new          (void);
/* Lays @pack out again (after a short pause, so typing does not restart it on every key)
 * on a worker thread, with the documents of @store it refers to.  @pack is copied. */
void              caucus_pack_preview_update       (CaucusPackPreview       *self,
                                                    CaucusStore             *store,
                                                    JsonObject              *pack,
                                                    const CaucusPackOptions *options);
/* The newest finished layout, or NULL. */
CaucusPackLayout *caucus_pack_preview_get_layout   (CaucusPackPreview       *self);
/* Why the last layout failed, or NULL. */
const GError     *caucus_pack_preview_get_error    (CaucusPackPreview       *self);
gboolean          caucus_pack_preview_get_busy     (CaucusPackPreview       *self);
guint             caucus_pack_preview_get_page     (CaucusPackPreview       *self);
void              caucus_pack_preview_set_page     (CaucusPackPreview       *self,
                                                    guint                    page);

G_END_DECLS
