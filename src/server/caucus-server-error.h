#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_SERVER_ERROR (caucus_server_error_quark ())

GQuark caucus_server_error_quark (void);

G_END_DECLS
