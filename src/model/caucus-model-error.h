#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_MODEL_ERROR (caucus_model_error_quark ())

GQuark caucus_model_error_quark (void);

G_END_DECLS
