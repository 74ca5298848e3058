/* caucus-sample-task.h — loading the sample workspace off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "caucus-store.h"

G_BEGIN_DECLS

/* Writes the sample workspace's documents into @store from a worker thread, through a
 * connection of its own (caucus_store_open_worker); the store's "changed" signal then
 * updates every list in the main loop. */
void     caucus_sample_load_async  (CaucusStore          *store,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* Returns the number of documents written, or -1 with @error set. */
gint     caucus_sample_load_finish (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
