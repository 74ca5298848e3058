/* caucus-calendar-page.h — the Calendar page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-event-row.h"
#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_CALENDAR_PAGE (caucus_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusCalendarPage, caucus_calendar_page, CAUCUS, CALENDAR_PAGE, CaucusPage)

GtkWidget  *caucus_calendar_page_new             (void);

/* "agenda", "day", "month" (the event page is shown with _show_event). */
void        caucus_calendar_page_set_view        (CaucusCalendarPage *self,
                                                  const char         *view);
const char *caucus_calendar_page_get_view        (CaucusCalendarPage *self);
/* @field: "conference" (an event id), "kind" or "tag"; NULL or "" clears it. */
void        caucus_calendar_page_set_filter      (CaucusCalendarPage *self,
                                                  const char         *field,
                                                  const char         *value);
void        caucus_calendar_page_set_my_time     (CaucusCalendarPage *self,
                                                  gboolean            my_time);
/* Injects the clock (countdowns, "today"); NULL goes back to the real one. */
void        caucus_calendar_page_set_now         (CaucusCalendarPage *self,
                                                  GDateTime          *now);
/* Shows @date in the day and month views. */
void        caucus_calendar_page_show_date       (CaucusCalendarPage *self,
                                                  GDate              *date);
void        caucus_calendar_page_jump_to_today   (CaucusCalendarPage *self);

/* The agenda's lazy list (CaucusDocument, sorted by start). */
GListModel *caucus_calendar_page_get_agenda      (CaucusCalendarPage *self);
/* The texts the agenda row at @position shows; *@starts_day says whether it carries
 * the day heading.  FALSE past the end. */
gboolean    caucus_calendar_page_get_agenda_texts (CaucusCalendarPage *self,
                                                   guint               position,
                                                   CaucusEventTexts   *texts,
                                                   gboolean           *starts_day);
/* The rooms the day view shows, in order. */
GStrv       caucus_calendar_page_dup_day_rooms   (CaucusCalendarPage *self);
/* The number of events the day view lists. */
guint       caucus_calendar_page_get_day_n_events (CaucusCalendarPage *self);
/* Clicks the Month view's cell of @day_of_month; FALSE if the grid has no such cell. */
gboolean    caucus_calendar_page_activate_month_day (CaucusCalendarPage *self,
                                                     guint               day_of_month);
/* The agenda's first row on screen, or GTK_INVALID_LIST_POSITION. */
guint       caucus_calendar_page_get_agenda_first_visible (CaucusCalendarPage *self);
/* The number of events the month view counts on @day_of_month (0 when not shown). */
guint       caucus_calendar_page_get_month_count (CaucusCalendarPage *self,
                                                  guint               day_of_month);

/* Opens the event page of @event_id. */
gboolean    caucus_calendar_page_show_event      (CaucusCalendarPage *self,
                                                  const char         *event_id);
/* Imports @file (frab XML/JSON, iCalendar) on a worker thread; "importing" is TRUE
 * meanwhile and the result dialog lists what changed. */
void        caucus_calendar_page_import_file     (CaucusCalendarPage *self,
                                                  GFile              *file);
gboolean    caucus_calendar_page_get_importing   (CaucusCalendarPage *self);
/* The dialog of the last import (result or error), or NULL. */
GtkWindow  *caucus_calendar_page_get_import_dialog (CaucusCalendarPage *self);

G_END_DECLS
