/* caucus-schedule-private.h — the feed as read, before it becomes documents.
 * The XML and JSON readers fill a CaucusFeed; caucus-schedule.c turns it into documents,
 * so both flavours share every rule about times, ids and persons. */
#pragma once

#include "caucus-schedule.h"

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *uid;      /* the feed's person guid, code or id */
  char *bio;
} CaucusFeedPerson;

typedef struct {
  char      *where;      /* "line 23" or a JSON path, for error messages */
  char      *guid;
  char      *id;
  char      *date;       /* the session's own <date> text, if any */
  char      *day_date;   /* the enclosing day's date */
  char      *start;
  char      *duration;
  char      *room;
  char      *title;
  char      *subtitle;
  char      *track;
  char      *type;
  char      *language;
  char      *abstract;
  char      *description;
  char      *url;
  char      *slug;
  GPtrArray *persons;    /* CaucusFeedPerson */
} CaucusFeedSession;

typedef struct {
  const char *format;    /* "frab-xml" or "frab-json" */
  char       *source_name;
  char       *acronym;
  char       *title;
  char       *start;
  char       *end;
  char       *time_zone_name;
  char       *url;
  char       *base_url;
  char       *venue;
  char       *city;
  char       *day_change;
  GPtrArray  *day_ends;  /* each day's end attribute (frab: <day end=…>, JSON day_end) */
  GPtrArray  *sessions;  /* CaucusFeedSession */
} CaucusFeed;

CaucusFeed         *_caucus_feed_new            (const char  *format,
                                                 const char  *source_name);
void                _caucus_feed_free           (CaucusFeed  *feed);
CaucusFeedSession  *_caucus_feed_add_session    (CaucusFeed  *feed,
                                                 const char  *where);
CaucusFeedPerson   *_caucus_feed_session_add_person (CaucusFeedSession *session);
GPtrArray          *_caucus_feed_to_docs        (CaucusFeed  *feed,
                                                 const char  *default_zone,
                                                 GError     **error);
gboolean            _caucus_formats_check_size  (gsize        length,
                                                 const char  *source_name,
                                                 GError     **error);

/* Pentabarf writes HTML fragments where DOMAIN.md wants Markdown. */
gboolean            _caucus_schedule_looks_like_html  (const char *text);
char               *_caucus_schedule_html_to_markdown (const char *html);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusFeed, _caucus_feed_free)

G_END_DECLS
