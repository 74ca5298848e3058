#pragma once

/* Internal structures shared by the pack layer's files: the flow of blocks that the section
 * builders produce and the paginator places on pages.  Not installed, not for other layers. */

#include <locale.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "caucus-pack-sources.h"

/* cairo shares FreeType faces between every font map in the process, and FT_Face is not
 * thread-safe: an export on a worker thread crashed inside FT_Get_First_Char while another
 * thread laid out or drew a pack.  Laying out, drawing and writing therefore take this
 * (recursive) lock; packs are rendered one at a time. */
extern GRecMutex caucus_pack_cairo_lock;
#include "caucus-pack-layout.h"

G_BEGIN_DECLS

/* FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, in UTF-8. */
#define PACK_FSI "\xe2\x81\xa8"
#define PACK_PDI "\xe2\x81\xa9"

typedef enum
{
  PACK_STYLE_BODY,
  PACK_STYLE_SECTION,      /* the title that opens a section */
  PACK_STYLE_H2,
  PACK_STYLE_H3,
  PACK_STYLE_H4,
  PACK_STYLE_META,         /* small sans grey lines under a heading */
  PACK_STYLE_SMALL,
  PACK_STYLE_CODE,
  PACK_STYLE_QUOTE,
  PACK_STYLE_TOC1,
  PACK_STYLE_TOC2,
  PACK_STYLE_CELL,
  PACK_STYLE_AGENDA_TIME,
  PACK_STYLE_DAY,          /* agenda day heading */
  PACK_N_STYLES
} PackStyle;

typedef enum
{
  PACK_BLOCK_TEXT,
  PACK_BLOCK_RULE,
  PACK_BLOCK_TABLE,
  PACK_BLOCK_PDF_PAGE,
  PACK_BLOCK_PAGE_BREAK,
  PACK_BLOCK_TOC_ENTRY,
} PackBlockKind;

typedef struct
{
  guint  start;   /* byte range in the layout's text (not the markup) */
  guint  end;
  char  *uri;     /* external target, or NULL */
  char  *dest;    /* internal named destination, or NULL */
} PackLink;

typedef struct
{
  double top;        /* relative to the layout's top */
  double baseline;
  double height;
  double x;          /* logical x of the line, alignment included */
} PackLine;

/* A piece of text with its links, turned into a PangoLayout at pagination. */
typedef struct
{
  char        *markup;
  GArray      *links;     /* PackLink */
  PangoLayout *layout;
  GArray      *lines;     /* PackLine */
  double       height;
  gboolean     fixed_dir; /* table cells, list items: the document's direction, not the
                           * first strong character's */
} PackText;

typedef struct
{
  GPtrArray *cells;       /* PackText, one per column */
  double     height;
} PackRow;

typedef struct _PackBlock PackBlock;
struct _PackBlock
{
  PackBlockKind kind;
  PackStyle     style;
  PackText     *text;           /* TEXT, TOC_ENTRY */
  double        indent;         /* from the start edge */
  char         *marker;         /* list bullet or number, drawn in the indent gutter */
  guint         quote_depth;    /* block-quote bars to draw beside the text */
  gboolean      shaded;         /* code blocks: a tinted background */
  gboolean      keep_with_next;
  gboolean      measured;
  gboolean      tight;          /* an item of a tight list: little space after */
  char         *dest;           /* named destination emitted where the block starts */
  char         *running_title;  /* overrides the running header from here on */
  PackBlock    *continued;      /* (unowned) marker set at the top of a page that this block
                                 * (part of a programme session) continues onto */

  /* TABLE */
  GPtrArray    *rows;           /* PackRow */
  guint         n_cols;
  gboolean      header_row;
  gboolean      grid;           /* hairlines under the rows (the agenda's session rows) */
  gboolean      open_end;       /* grid: no hairline under the last row, a rule follows later */
  double       *col_frac;       /* optional fixed column fractions */
  double       *col_width;      /* computed */
  PangoAlignment *col_align;    /* optional, per column */

  /* PDF_PAGE */
  PopplerPage  *pdf_page;

  /* TOC_ENTRY: the destination whose page number is printed */
  char         *toc_dest;
};

typedef struct
{
  char      *title;
  char      *dest;
  GPtrArray *blocks;      /* PackBlock */
  GPtrArray *children;    /* PackEntry: sub-entries for the contents and the outline */
  GPtrArray *aux;         /* PackBlock: blocks placed on demand (continuation markers) */
  gboolean   empty;       /* nothing but a sentence saying there is nothing */
} PackSection;

typedef struct
{
  char *title;
  char *dest;
} PackEntry;

/* Blocks */
PackBlock   *pack_block_new          (PackBlockKind kind,
                                      PackStyle     style);
void         pack_block_free         (PackBlock    *block);
PackText    *pack_text_new           (char         *markup,
                                      GArray       *links);
void         pack_text_free          (PackText     *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PackText, pack_text_free)
GArray      *pack_links_new          (void);
void         pack_links_add          (GArray       *links,
                                      guint         start,
                                      guint         end,
                                      const char   *uri,
                                      const char   *dest);

PackSection *pack_section_new        (const char   *title,
                                      const char   *dest);
void         pack_section_free       (PackSection  *section);
void         pack_section_add_child  (PackSection  *section,
                                      const char   *title,
                                      const char   *dest);

/* Convenience builders used by the section writers. */
PackBlock   *pack_add_text           (GPtrArray    *blocks,
                                      PackStyle     style,
                                      const char   *markup);
PackBlock   *pack_add_plain          (GPtrArray    *blocks,
                                      PackStyle     style,
                                      const char   *text);
PackBlock   *pack_add_table          (GPtrArray    *blocks,
                                      guint         n_cols,
                                      gboolean      header_row);
void         pack_table_add_row      (PackBlock    *table,
                                      const char  **cell_markups);
void         pack_table_add_row_texts (PackBlock   *table,
                                       PackText   **cells);
void         pack_table_add_row_headers (PackBlock *table,
                                         const char **labels,
                                         guint       n);

/* Markup helpers that track the plain-text length of what they produce, so links can be
 * found in the laid-out text. */
typedef struct
{
  GString *markup;
  gsize    plain_len;
  GArray  *links;
} PackMarkup;

void         pack_markup_init        (PackMarkup   *m);
void         pack_markup_clear       (PackMarkup   *m);
void         pack_markup_text        (PackMarkup   *m,
                                      const char   *text);
void         pack_markup_tag         (PackMarkup   *m,
                                      const char   *tag);
void         pack_markup_isolated    (PackMarkup   *m,
                                      const char   *text);
void         pack_markup_link        (PackMarkup   *m,
                                      const char   *text,
                                      const char   *uri);
PackText    *pack_markup_finish      (PackMarkup   *m);

/* Markdown (caucus-pack-markdown.c) */
void         pack_markdown_to_blocks (const char   *markdown,
                                      GPtrArray    *blocks,
                                      double        indent,
                                      guint         heading_offset);
char        *pack_markdown_to_plain_paragraphs (const char *markdown);
PackText    *pack_markdown_inline    (const char   *markdown);

/* Drawing text (caucus-pack-renderer.c) */
void         pack_show_layout_line   (cairo_t         *cr,
                                      PangoLayoutLine *line,
                                      double           x,
                                      double           y);
void         pack_show_layout        (cairo_t         *cr,
                                      PangoLayout     *layout,
                                      double           x,
                                      double           y);

/* Styles (caucus-pack-layout.c) */
const char  *pack_style_font         (PackStyle     style);

/* Document building (caucus-pack-sections.c, caucus-pack-agenda.c, caucus-pack-statements.c) */
typedef struct
{
  CaucusPackSources *sources;
  JsonObject        *pack;
  JsonObject        *event;
  GTimeZone         *home_zone;     /* NULL: venue zone only */
  char              *home_zone_id;
  locale_t           locale;        /* (locale_t) 0: process locale */
  GPtrArray         *papers;        /* PopplerDocument, kept alive for the pages */
  guint              dest_serial;
  double             content_width;
  GPtrArray         *sessions;      /* JsonObject: the event's sessions, by start */
  GHashTable        *indexes;       /* "type\nmember" → (value → GPtrArray of JsonObject) */
  GHashTable        *roles_by_person; /* person id → GString: "Speaker — Session; …" */
} PackBuild;

gboolean     pack_build_sections     (PackBuild    *build,
                                      GPtrArray    *sections,
                                      GCancellable *cancellable,
                                      GError      **error);
void         pack_build_free_indexes (PackBuild    *build);
PackSection *pack_build_people       (PackBuild    *build,
                                      JsonObject   *spec,
                                      const char   *title,
                                      GPtrArray    *people_out,
                                      GError      **error);
PackSection *pack_build_organisations (PackBuild   *build,
                                       JsonObject  *spec,
                                       const char  *title,
                                       GPtrArray   *people,
                                       GError     **error);
PackSection *pack_build_agenda       (PackBuild    *build,
                                      JsonObject   *spec,
                                      GError      **error);
PackSection *pack_build_deadlines    (PackBuild    *build,
                                      JsonObject   *spec,
                                      GError      **error);
PackSection *pack_build_statements   (PackBuild    *build,
                                      JsonObject   *spec,
                                      GError      **error);
char        *pack_build_next_dest    (PackBuild    *build,
                                      const char   *prefix);
char        *pack_format_date        (PackBuild    *build,
                                      GDateTime    *dt,
                                      const char   *format);
GDateTime   *pack_parse_instant      (const char   *text);
const char  *pack_str                (JsonObject   *doc,
                                      const char   *member);
char        *pack_org_name           (PackBuild    *build,
                                      const char   *org_id);
char        *pack_person_name        (PackBuild    *build,
                                      JsonObject   *role);
char        *pack_display_name       (PackBuild    *build,
                                      const char   *value);
JsonObject  *pack_obj                (JsonObject   *doc,
                                      const char   *member);
GPtrArray   *pack_str_array          (JsonObject   *doc,
                                      const char   *member);
GPtrArray   *pack_docs_where         (PackBuild    *build,
                                      const char   *type,
                                      const char   *member,
                                      const char   *value);
GPtrArray   *pack_event_children     (PackBuild    *build,
                                      const char   *kind1,
                                      const char   *kind2);
GTimeZone   *pack_zone_for           (PackBuild    *build,
                                      JsonObject   *item,
                                      GError      **error);
char        *pack_format_when        (PackBuild    *build,
                                      GDateTime    *utc,
                                      GTimeZone    *zone,
                                      const char   *zone_id,
                                      gboolean      with_date);

G_END_DECLS
