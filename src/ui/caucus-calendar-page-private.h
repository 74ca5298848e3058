/* caucus-calendar-page-private.h — what the Calendar page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * caucus-calendar-page.c (the page), caucus-calendar-agenda.c (the agenda),
 * caucus-calendar-filters.c (filters), caucus-calendar-views.c (day and month),
 * caucus-calendar-io.c (import and export), caucus-event-detail.c (the event page).
 */
#pragma once

#include "caucus-application.h"
#include "caucus-calendar-page.h"
#include "caucus-document-list.h"
#include "caucus-formats.h"
#include "caucus-model.h"
#include "caucus-model-index.h"

G_BEGIN_DECLS

struct _CaucusCalendarPage
{
  CaucusPage parent_instance;

  /* Template widgets */
  GtkStack *stack;
  AdwStatusPage *empty_page;
  AdwToastOverlay *toast_overlay;
  GtkStack *view_stack;
  GtkToggleButton *agenda_button;
  GtkToggleButton *day_button;
  GtkToggleButton *month_button;
  GtkButton *today_button;
  GtkButton *previous_button;
  GtkButton *next_button;
  GtkMenuButton *filter_button;
  GtkLabel *range_label;
  GtkSwitch *my_time_switch;
  GtkStack *views;
  GtkStack *agenda_stack;
  GtkScrolledWindow *agenda_scroller;
  GtkScrolledWindow *day_scroller;
  GtkScrolledWindow *month_scroller;
  AdwBin *detail_bin;

  /* The workspace */
  GApplication *application;          /* weak */
  CaucusStore *store;
  CaucusModelIndex *index;
  GSettings *settings;
  CaucusCalendarContext *ctx;

  /* Agenda */
  CaucusDocumentList *agenda;
  CaucusDocumentList *all_events;     /* unfiltered, for the empty state */
  GtkGridView *agenda_view;          /* one column: see setup_workspace */
  GHashTable *bound_items;            /* GtkListItem → NULL */
  guint refresh_idle_id;
  gboolean scrolled_to_today;

  /* Filters */
  char *conference_id;
  char *kind;
  char *tag;
  GtkDropDown *conference_dropdown;
  GtkDropDown *kind_dropdown;
  GtkDropDown *tag_dropdown;
  GPtrArray *conference_ids;          /* parallel to the dropdown, [0] = NULL */
  GPtrArray *tag_values;
  gboolean updating_filters;

  /* Day and month */
  GDate date;
  CaucusDocumentList *probe;          /* re-filtered per day of the month view */
  GPtrArray *day_rooms;                /* the day's rooms, in name order */
  GListStore *day_store;              /* placeholders, one per position */
  GPtrArray *day_events;              /* JsonObject per position: by room, then start */
  GPtrArray *day_item_rooms;          /* parallel: each event's room */
  GHashTable *day_bound;              /* GtkListItem → NULL: the day rows GTK has bound */
  GtkGridView *day_view;              /* one column, recycled rows (owned) */
  GtkWidget *day_list;                /* the clamp around day_view (owned) */
  GtkWidget *day_empty;               /* "Nothing This Day" (owned) */
  gboolean focus_day_pending;         /* a day picked in the month: focus its first row */
  guint month_counts[32];
  guint views_dirty : 1;
  guint rows_dirty : 1;               /* the agenda's bound rows need rebinding */

  /* Keeping the agenda's place over a filter change */
  char *keep_start;                   /* the first visible row's start */
  char *keep_id;                      /* … and its id */
  GdkFrameClock *forget_clock;        /* whose after-paint forgets the kept place */
  gulong forget_place_id;

  /* Event page */
  char *detail_id;

  /* Import */
  GCancellable *import_cancellable;
  gboolean importing;
  GtkWindow *import_dialog;           /* weak */
  AdwToast *import_toast;             /* weak: "Importing …" while it runs */
};

/* The agenda's model (caucus-calendar-filters.c): @list as it is, except that a filter
 * change's full replacement reaches the view as "all removed" then "all added". */
#define CAUCUS_TYPE_AGENDA_MODEL (caucus_agenda_model_get_type ())
G_DECLARE_FINAL_TYPE (CaucusAgendaModel, caucus_agenda_model, CAUCUS, AGENDA_MODEL, GObject)

CaucusAgendaModel *caucus_agenda_model_new (CaucusDocumentList *list);

/* The document at @position of @model as JSON (a new reference), NULL past the end. */
JsonObject *_caucus_calendar_item_json            (GListModel         *model,
                                                   guint               position);
/* The agenda (caucus-calendar-agenda.c): its view, built once the workspace is there;
 * rebinding the rows on screen; forgetting a kept place (dispose). */
void        _caucus_calendar_page_setup_agenda    (CaucusCalendarPage *self);
void        _caucus_calendar_page_refresh_rows    (CaucusCalendarPage *self);
/* Now, not at idle: the rows, then the day or month view, when marked dirty (and no
 * queued refresh left behind). */
void        _caucus_calendar_page_refresh_now     (CaucusCalendarPage *self);
void        _caucus_calendar_page_forget_place    (CaucusCalendarPage *self);
void        _caucus_calendar_page_update_states   (CaucusCalendarPage *self);
void        _caucus_calendar_page_queue_refresh   (CaucusCalendarPage *self);
void        _caucus_calendar_page_update_actions  (CaucusCalendarPage *self);
void        _caucus_calendar_page_show_view       (CaucusCalendarPage *self,
                                                   const char         *view);
void        _caucus_calendar_page_view_button_toggled_cb (CaucusCalendarPage *self,
                                                          GtkToggleButton    *button);
void        _caucus_calendar_page_step_cb         (CaucusCalendarPage *self,
                                                   GtkButton          *button);
void        _caucus_calendar_page_today_date      (CaucusCalendarPage *self,
                                                   GDate              *date);
/* The first agenda position starting at or after @instant (binary search). */
guint       _caucus_calendar_page_agenda_position_at (CaucusCalendarPage *self,
                                                      const char         *instant);
void        _caucus_calendar_page_apply_filters   (CaucusCalendarPage *self);
void        _caucus_calendar_page_build_filter_popover (CaucusCalendarPage *self);
void        _caucus_calendar_page_toast        (CaucusCalendarPage *self,
                                                const char         *text);
/* The zone days of the day and month views are cut in. */
const char *_caucus_calendar_page_view_zone    (CaucusCalendarPage *self);
void        _caucus_calendar_page_update_range (CaucusCalendarPage *self);
void        _caucus_calendar_page_build_day    (CaucusCalendarPage *self);
void        _caucus_calendar_page_build_month  (CaucusCalendarPage *self);
/* Frees what the day view holds (dispose). */
void        _caucus_calendar_page_clear_day    (CaucusCalendarPage *self);
/* Before a filter change: remember the agenda's first visible row; after it: scroll so
 * that row (or the first one starting at or after it) is on screen again. */
void        _caucus_calendar_page_remember_place (CaucusCalendarPage *self);
void        _caucus_calendar_page_restore_place  (CaucusCalendarPage *self);
void        _caucus_calendar_page_open_import  (CaucusCalendarPage *self);
void        _caucus_calendar_page_export       (CaucusCalendarPage *self,
                                                CaucusExportKind    kind,
                                                const char         *event_id);
void        _caucus_calendar_page_set_importing (CaucusCalendarPage *self,
                                                 gboolean            importing);
/* Builds the event page for self->detail_id into detail_bin; FALSE if it is gone. */
gboolean    _caucus_calendar_page_build_detail (CaucusCalendarPage *self);
void        _caucus_calendar_page_edit_event   (CaucusCalendarPage *self,
                                                const char         *event_id);

G_END_DECLS
