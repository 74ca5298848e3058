#pragma once

#include "caucus-pack-private.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *open;            /* Pango tag names (static strings) opened by HTML */
  guint      skip_depth;      /* inside <script> or <style> */
  gboolean   at_line_start;
  gboolean   pending_newline;
  gboolean   pending_bullet;
} PackHtmlState;

void pack_html_state_init  (PackHtmlState *state);
void pack_html_state_clear (PackHtmlState *state);
void pack_html_close_to    (PackHtmlState *state,
                            PackMarkup    *m,
                            guint          depth);
void pack_html_text        (PackHtmlState *state,
                            PackMarkup    *m,
                            const char    *text);
void pack_html_flush       (PackHtmlState *state,
                            PackMarkup    *m);
char *pack_html_to_plain   (const char    *html);
void pack_html_render      (PackHtmlState *state,
                            PackMarkup    *m,
                            guint          floor,
                            const char    *html);

G_END_DECLS
