#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_PACK_ERROR (caucus_pack_error_quark ())

GQuark caucus_pack_error_quark (void);

G_END_DECLS
