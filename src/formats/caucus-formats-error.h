#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CAUCUS_FORMATS_ERROR (caucus_formats_error_quark ())

typedef enum {
  CAUCUS_FORMATS_ERROR_PARSE,         /* malformed or truncated XML/JSON/iCalendar */
  CAUCUS_FORMATS_ERROR_INVALID,       /* well-formed, but not a schedule / a bad value */
  CAUCUS_FORMATS_ERROR_BAD_TIME,      /* a date, time or duration that cannot be read */
  CAUCUS_FORMATS_ERROR_UNKNOWN_ZONE,  /* a zone id the system does not know */
  CAUCUS_FORMATS_ERROR_NO_ZONE,       /* the input names no zone and none was given */
  CAUCUS_FORMATS_ERROR_TOO_LARGE,     /* input over the size limit */
  CAUCUS_FORMATS_ERROR_UNSUPPORTED,   /* a format or feature this layer does not read */
  CAUCUS_FORMATS_ERROR_NOT_FOUND,     /* an exported id that is not in the store */
} CaucusFormatsError;

GQuark caucus_formats_error_quark (void);

G_END_DECLS
