/* caucus-application-private.h — what the application's action file needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-application.h"

G_BEGIN_DECLS

void     _caucus_application_install_actions  (CaucusApplication *self);
/* The "index-opening" property (the public header belongs to the whole UI). */
gboolean caucus_application_get_index_opening (CaucusApplication *self);

G_END_DECLS
