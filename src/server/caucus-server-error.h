#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_SERVER_ERROR (caucus_server_error_quark ())

typedef enum {
  CAUCUS_SERVER_ERROR_INVALID,     /* a bad name, role, address or option */
  CAUCUS_SERVER_ERROR_EXISTS,      /* the user or database already exists */
  CAUCUS_SERVER_ERROR_NOT_FOUND,   /* no such user, database or membership */
  CAUCUS_SERVER_ERROR_IO,          /* the data directory or the users file failed */
  CAUCUS_SERVER_ERROR_TLS,         /* the certificate or key cannot be used */
  CAUCUS_SERVER_ERROR_LISTEN,      /* an address cannot be listened on */
} CaucusServerError;

GQuark caucus_server_error_quark (void);

G_END_DECLS
