#pragma once

#include <libical/ical.h>

#include "caucus-ical.h"

G_BEGIN_DECLS

/* libical's zone for an IANA id ("UTC" included), or NULL. Owned by libical. */
icaltimezone *_caucus_ical_zone_for_id   (const char *zone_id);
/* The IANA id a TZID stands for: itself, without libical's "/…/" prefixes, or the
 * X-LIC-LOCATION of @vtimezone; NULL if none is a zone this system knows. */
char         *_caucus_ical_iana_for_tzid (const char    *tzid,
                                          icalcomponent *vtimezone);
void          _caucus_ical_init          (void);

G_END_DECLS
