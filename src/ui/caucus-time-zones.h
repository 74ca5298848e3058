/* caucus-time-zones.h — the IANA time zones a person can choose from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv caucus_time_zones_list (GError **error);

G_END_DECLS
