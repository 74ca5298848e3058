/* caucus-calendar-page.h — the Calendar page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_CALENDAR_PAGE (caucus_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusCalendarPage, caucus_calendar_page, CAUCUS, CALENDAR_PAGE, CaucusPage)

GtkWidget *caucus_calendar_page_new (void);

G_END_DECLS
