#include "caucus-sync-error.h"

G_DEFINE_QUARK (caucus-sync-error-quark, caucus_sync_error)
