#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_SYNC_ERROR (caucus_sync_error_quark ())

GQuark caucus_sync_error_quark (void);

G_END_DECLS
