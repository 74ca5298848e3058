/* caucus-formats.h — import and export of calendars (frab/pretalx schedules, iCalendar).
 * One include for the layers above (cli, ui, pack). */
#pragma once

#include "caucus-formats-error.h"
#include "caucus-time.h"
#include "caucus-schedule.h"
#include "caucus-ical.h"
