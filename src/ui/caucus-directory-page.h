/* caucus-directory-page.h — the Directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-page.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_DIRECTORY_PAGE (caucus_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (CaucusDirectoryPage, caucus_directory_page, CAUCUS, DIRECTORY_PAGE, CaucusPage)

GtkWidget *caucus_directory_page_new (void);

G_END_DECLS
