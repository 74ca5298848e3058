#pragma once

#include "caucus-pack-private.h"

G_BEGIN_DECLS

typedef enum
{
  PACK_PAGE_COVER,
  PACK_PAGE_FRONT,
  PACK_PAGE_BODY,
} PackPageKind;

typedef struct
{
  PackBlock *block;
  double     y;
  guint      first;           /* first line (text) or row (table) */
  guint      last;            /* one past the last */
  gboolean   repeat_header;   /* table continued from an earlier page */
  gboolean   starts_block;
} PackPlacement;

typedef struct
{
  PackPageKind kind;
  GArray      *placements;    /* PackPlacement */
  char        *running;       /* running header: the current section */
} PackPage;

typedef struct
{
  guint  page;
  double y;
} PackDestPos;

typedef struct
{
  const char     *font;
  const char     *color;
  double          space_before;
  double          space_after;
  double          line_spacing;
} PackStyleInfo;

struct _CaucusPackLayout
{
  GObject            parent_instance;

  CaucusPackSources *sources;
  char              *pack_id;
  char              *title;
  char              *subtitle;       /* the event's title */
  char              *dates;          /* the event's dates, in its zone */
  char              *venue;
  char              *author;
  char              *subject;
  char              *home_zone_id;
  char              *venue_zone_id;
  GDateTime         *creation_date;

  double             page_width;
  double             page_height;
  double             margin_left;
  double             margin_right;
  double             content_top;
  double             content_bottom;

  PangoFontMap      *font_map;
  PangoContext      *context;
  PangoFontDescription *fonts[PACK_N_STYLES];

  GPtrArray         *sections;       /* PackSection */
  GPtrArray         *front_blocks;   /* PackBlock: the contents */
  GPtrArray         *papers;         /* PopplerDocument */
  GPtrArray         *pages;          /* PackPage */
  GHashTable        *dests;          /* name → PackDestPos */
  guint              n_front;        /* cover + contents pages */
  gboolean           rtl;            /* the document's direction, from its language */
  GRecMutex          draw_lock;      /* drawing uses the shared PangoLayouts */
};

extern const PackStyleInfo pack_styles[PACK_N_STYLES];

double  pack_layout_content_width (CaucusPackLayout *self);
void    pack_layout_prepare_text  (CaucusPackLayout *self,
                                   PackText         *text,
                                   PackStyle         style,
                                   double            width,
                                   PangoAlignment    align);
gboolean pack_layout_paginate     (CaucusPackLayout *self,
                                   GCancellable     *cancellable,
                                   CaucusPackProgressFunc progress,
                                   gpointer          user_data,
                                   GError          **error);
void    pack_page_free            (gpointer          data);
char   *pack_layout_label_for     (CaucusPackLayout *self,
                                   guint             page);
int     pack_layout_dest_page     (CaucusPackLayout *self,
                                   const char       *dest);
char   *pack_tag_escape           (const char       *value);

G_END_DECLS
