#include "caucus-pack-error.h"

G_DEFINE_QUARK (caucus-pack-error-quark, caucus_pack_error)
