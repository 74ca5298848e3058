#include "caucus-formats-error.h"

G_DEFINE_QUARK (caucus-formats-error-quark, caucus_formats_error)
