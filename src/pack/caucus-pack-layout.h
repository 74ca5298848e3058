#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "caucus-pack-sources.h"

G_BEGIN_DECLS

typedef enum
{
  CAUCUS_PACK_PAPER_A4,
  CAUCUS_PACK_PAPER_LETTER,
} CaucusPackPaper;

/* Caller-owned; the layout copies what it needs. */
typedef struct
{
  CaucusPackPaper  paper;
  const char      *home_zone;      /* IANA id of the reader's zone; NULL: venue times only */
  const char      *locale;         /* e.g. "fr_FR.UTF-8" for dates; NULL: the process locale */
  GDateTime       *creation_date;  /* fixed date for reproducible output; NULL: now */
  const char      *author;         /* NULL: the pack's "author", else its "updated_by" */
} CaucusPackOptions;

typedef void (*CaucusPackProgressFunc) (double      fraction,
                                        const char *stage,
                                        gpointer    user_data);

#define CAUCUS_TYPE_PACK_LAYOUT (caucus_pack_layout_get_type ())

G_DECLARE_FINAL_TYPE (CaucusPackLayout, caucus_pack_layout, CAUCUS, PACK_LAYOUT, GObject)

void              caucus_pack_options_init            (CaucusPackOptions      *options);

CaucusPackLayout *caucus_pack_layout_new              (CaucusPackSources      *sources,
                                                       const char             *pack_id,
                                                       const CaucusPackOptions *options,
                                                       GCancellable           *cancellable,
                                                       CaucusPackProgressFunc  progress,
                                                       gpointer                user_data,
                                                       GError                **error);
guint             caucus_pack_layout_get_n_pages      (CaucusPackLayout       *self);
guint             caucus_pack_layout_get_n_front_pages (CaucusPackLayout      *self);
void              caucus_pack_layout_get_page_size    (CaucusPackLayout       *self,
                                                       double                 *width,
                                                       double                 *height);
char             *caucus_pack_layout_get_page_label   (CaucusPackLayout       *self,
                                                       guint                   page);
const char       *caucus_pack_layout_get_title        (CaucusPackLayout       *self);
guint             caucus_pack_layout_get_n_sections   (CaucusPackLayout       *self);
const char       *caucus_pack_layout_get_section_title (CaucusPackLayout      *self,
                                                       guint                   section);
guint             caucus_pack_layout_get_section_page (CaucusPackLayout       *self,
                                                       guint                   section);
void              caucus_pack_layout_render_page      (CaucusPackLayout       *self,
                                                       cairo_t                *cr,
                                                       guint                   page,
                                                       double                  width,
                                                       double                  height);
gboolean          caucus_pack_layout_write_pdf        (CaucusPackLayout       *self,
                                                       const char             *path,
                                                       GCancellable           *cancellable,
                                                       CaucusPackProgressFunc  progress,
                                                       gpointer                user_data,
                                                       GError                **error);

void              caucus_pack_layout_new_async        (CaucusPackSources      *sources,
                                                       const char             *pack_id,
                                                       const CaucusPackOptions *options,
                                                       GCancellable           *cancellable,
                                                       CaucusPackProgressFunc  progress,
                                                       gpointer                progress_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
CaucusPackLayout *caucus_pack_layout_new_finish       (GAsyncResult           *result,
                                                       GError                **error);
void              caucus_pack_layout_write_pdf_async  (CaucusPackLayout       *self,
                                                       const char             *path,
                                                       GCancellable           *cancellable,
                                                       CaucusPackProgressFunc  progress,
                                                       gpointer                progress_data,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean          caucus_pack_layout_write_pdf_finish (CaucusPackLayout       *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);

gboolean          caucus_pack_render_to_file          (CaucusPackSources      *sources,
                                                       const char             *pack_id,
                                                       const CaucusPackOptions *options,
                                                       const char             *path,
                                                       GCancellable           *cancellable,
                                                       CaucusPackProgressFunc  progress,
                                                       gpointer                user_data,
                                                       GError                **error);

G_END_DECLS
