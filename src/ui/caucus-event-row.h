/* caucus-event-row.h — one event in the agenda, and the texts every calendar view shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "caucus-following.h"
#include "caucus-store.h"

G_BEGIN_DECLS

/* What the views share: owned by the calendar page, borrowed by rows. */
typedef struct {
  CaucusStore     *store;
  CaucusFollowing *following;
  char            *my_zone;      /* IANA id of "my time" */
  gboolean         my_time;      /* show everything in my_zone */
  GDateTime       *now;          /* injected clock, or NULL for the real one */
  GHashTable      *names;        /* id → display name (orgs, people, statements) */
  GHashTable      *day_changes;  /* conference id → GINT_TO_POINTER (minutes + 1) */
  GHashTable      *zones;        /* zone id → GTimeZone, held so GLib's zone cache hits */
  GHashTable      *day_keys;     /* event id → its day key, for the current zone settings */
} CaucusCalendarContext;

CaucusCalendarContext *caucus_calendar_context_new   (CaucusStore           *store);
void                   caucus_calendar_context_free  (CaucusCalendarContext *ctx);
/* A new reference to "now": the injected clock or the real one. */
GDateTime             *caucus_calendar_context_now   (CaucusCalendarContext *ctx);
/* The display name of a document id (cached), or the id itself. */
const char            *caucus_calendar_context_name  (CaucusCalendarContext *ctx,
                                                      const char            *id);
/* The conference day of @event in the grouping zone ("YYYY-MM-DD"), or NULL. */
char                  *caucus_calendar_context_day_key (CaucusCalendarContext *ctx,
                                                        JsonObject            *event);
/* The day key of @event_id, cached (NULL when not known yet). */
const char            *caucus_calendar_context_cached_day_key (CaucusCalendarContext *ctx,
                                                               const char            *event_id);
/* Forgets cached day keys: the zone settings or the events changed. */
void                   caucus_calendar_context_invalidate (CaucusCalendarContext *ctx);
/* The zone days are grouped in: the event's own, or my_zone with "my time" on. */
const char            *caucus_calendar_context_zone_for (CaucusCalendarContext *ctx,
                                                         JsonObject            *event);

typedef struct {
  char *day_key;     /* "YYYY-MM-DD": the conference day in the grouping zone */
  char *day_title;   /* "Saturday 3 November 2012" */
  char *time;        /* "09:00 (UTC+4)" or "All day" */
  char *day_mark;    /* "+1 day" or NULL */
  char *secondary;   /* "05:00 (UTC) your time" / "09:00 (UTC+4) in Asia/Baku", or NULL */
  char *title;
  char *subtitle;    /* room · venue, or kind · status · owners */
  char *countdown;   /* deadlines and milestones: "in 3 days", or NULL */
} CaucusEventTexts;

void  caucus_event_texts_clear (CaucusEventTexts *texts);
/* Fills @texts for @event; FALSE when the event has no usable start or zone. */
gboolean caucus_event_texts_compute (CaucusCalendarContext *ctx,
                                     JsonObject            *event,
                                     CaucusEventTexts      *texts);

#define CAUCUS_TYPE_EVENT_ROW (caucus_event_row_get_type ())
G_DECLARE_FINAL_TYPE (CaucusEventRow, caucus_event_row, CAUCUS, EVENT_ROW, GtkBox)

GtkWidget  *caucus_event_row_new        (CaucusCalendarContext *ctx);
/* Shows @event (NULL: nothing); the day heading only when @show_day. */
void        caucus_event_row_set_event  (CaucusEventRow        *self,
                                         JsonObject            *event,
                                         gboolean               show_day);
/* Shows @event under @heading (NULL: none) instead of its day: the day view's rooms. */
void        caucus_event_row_set_event_with_heading (CaucusEventRow *self,
                                                     JsonObject     *event,
                                                     const char     *heading);
const char *caucus_event_row_get_event_id (CaucusEventRow      *self);
/* Refreshes the texts (zone switch, new "now", follow changes). */
void        caucus_event_row_update     (CaucusEventRow        *self);
/* For tests: the labels as shown. */
const char *caucus_event_row_get_text   (CaucusEventRow        *self,
                                         const char            *which);
GtkToggleButton *caucus_event_row_get_star (CaucusEventRow     *self);

G_END_DECLS
