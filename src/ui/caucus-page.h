/* caucus-page.h — base class of the workspace pages shown beside the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CAUCUS_TYPE_PAGE (caucus_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CaucusPage, caucus_page, CAUCUS, PAGE, AdwBin)

struct _CaucusPageClass
{
  AdwBinClass parent_class;

  /* Called when the window offers new search text to the page. */
  void (*search_changed) (CaucusPage *self,
                          const char *text);

  gpointer padding[8];
};

const char *caucus_page_get_title              (CaucusPage *self);
const char *caucus_page_get_icon_name          (CaucusPage *self);
const char *caucus_page_get_search_placeholder (CaucusPage *self);
const char *caucus_page_get_search_text        (CaucusPage *self);
void        caucus_page_set_search_text        (CaucusPage *self,
                                                const char *text);
gboolean    caucus_page_get_is_empty           (CaucusPage *self);

G_END_DECLS
