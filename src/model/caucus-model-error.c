#include "caucus-model-error.h"

G_DEFINE_QUARK (caucus-model-error-quark, caucus_model_error)
