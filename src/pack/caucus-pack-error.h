#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_PACK_ERROR (caucus_pack_error_quark ())

typedef enum
{
  CAUCUS_PACK_ERROR_INVALID,        /* a document is missing or malformed */
  CAUCUS_PACK_ERROR_NOT_FOUND,      /* a referenced document or attachment does not exist */
  CAUCUS_PACK_ERROR_ATTACHMENT,     /* a background paper cannot be read */
  CAUCUS_PACK_ERROR_TIME_ZONE,      /* an unknown IANA zone */
  CAUCUS_PACK_ERROR_LOCALE,         /* a locale that is not installed */
  CAUCUS_PACK_ERROR_WRITE,          /* the PDF could not be written */
} CaucusPackError;

GQuark caucus_pack_error_quark (void);

G_END_DECLS
