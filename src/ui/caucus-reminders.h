/* caucus-reminders.h — desktop notifications before followed sessions and deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "caucus-model-index.h"

G_BEGIN_DECLS

typedef struct {
  char   *event_id;
  char   *title;
  char   *kind;        /* "session", "deadline", … */
  char   *start;       /* the instant reminded of (stored form): a start or a due time */
  char   *time_zone;   /* the event's home */
  gint64  fire_at;     /* Unix time (UTC) the notification is due */
} CaucusReminder;

void            caucus_reminder_free   (CaucusReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusReminder, caucus_reminder_free)

/* The pure part, testable without a display.  From event documents (JsonObject),
 * the reminders still to come at @now, soonest first: each fires @lead_minutes before
 * the event's stored UTC start (a recurring event: its next occurrence, from
 * caucus_ical_expand), so zones and daylight-saving changes never move it.  One whose
 * fire instant has passed but whose start has not fires at once (fire_at = @now).
 * Cancelled and done items, items already started and keys in @fired
 * (caucus_reminder_key) are left out.  @lead_minutes 0 plans nothing. */
GPtrArray      *caucus_reminders_plan  (GPtrArray   *events,
                                        guint        lead_minutes,
                                        GDateTime   *now,
                                        GHashTable  *fired);
/* "<id>@<start>": a reminder is shown once per occurrence. */
char           *caucus_reminder_key    (const CaucusReminder *reminder);
/* The notification's body: the time in the event's zone with its offset, and in
 * @my_zone beside it when that differs ("10:00 (UTC+1) · 05:00 (UTC-4) your time"). */
char           *caucus_reminder_body   (const CaucusReminder *reminder,
                                        const char           *my_zone);

#define CAUCUS_TYPE_REMINDERS (caucus_reminders_get_type ())
G_DECLARE_FINAL_TYPE (CaucusReminders, caucus_reminders, CAUCUS, REMINDERS, GObject)

/* Watches the followed sessions and the deadlines of @index's store, the lead time in
 * @settings ("reminder-lead-minutes") and the system's zone (/etc/localtime), and sends
 * a GNotification through @application at each reminder's instant. */
CaucusReminders *caucus_reminders_new      (GApplication     *application,
                                            CaucusModelIndex *index,
                                            GSettings        *settings);
/* Plans again now (also done by itself when anything it watches changes). */
void             caucus_reminders_replan   (CaucusReminders  *self);
/* The reminders planned (CaucusReminder, soonest first), borrowed. */
GPtrArray       *caucus_reminders_get_plan (CaucusReminders  *self);

G_END_DECLS
