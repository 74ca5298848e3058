#include "caucus-server-error.h"

G_DEFINE_QUARK (caucus-server-error-quark, caucus_server_error)
