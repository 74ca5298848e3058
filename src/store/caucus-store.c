#include "caucus-store.h"

G_DEFINE_QUARK (caucus-store-error-quark, caucus_store_error)
