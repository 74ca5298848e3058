#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_FORMATS_ERROR (caucus_formats_error_quark ())

GQuark caucus_formats_error_quark (void);

G_END_DECLS
