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

/* The instant of the wall-clock time @t (its zone and is_daylight ignored) in @zone, by
 * RFC 5545 §3.3.5: a time that happens twice is the first occurrence, a time in a gap is
 * read with the offset before the gap.  (libical's icaltime_as_timet_with_zone picks the
 * second occurrence and the offset after a gap.) */
gint64        _caucus_ical_local_to_unix (struct icaltimetype  t,
                                          icaltimezone        *zone);

/* Where a VEVENT/VTODO and its properties are in the text (libical keeps no lines). */
typedef struct {
  int         begin;        /* the BEGIN: line */
  GHashTable *properties;   /* upper-case name → line of its first occurrence */
} CaucusIcalItemLines;

void          _caucus_ical_item_lines_clear (gpointer item_lines);
/* Checks @data as RFC 5545 content lines and fills @item_lines (CaucusIcalItemLines,
 * one per VEVENT/VTODO of the calendar, in order).  Errors name the line. */
gboolean      _caucus_ical_scan_lines    (const char  *data,
                                          gsize        length,
                                          const char  *name,
                                          GArray      *item_lines,
                                          GError     **error);

G_END_DECLS
