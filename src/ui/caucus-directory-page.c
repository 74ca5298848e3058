/* caucus-directory-page.c — the Directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now the page shows its empty state; the template's stack has room for a
 * "content" child beside "empty", which the page switches to once it has data.
 */
#include "caucus-directory-page.h"

struct _CaucusDirectoryPage
{
  CaucusPage parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (CaucusDirectoryPage, caucus_directory_page, CAUCUS_TYPE_PAGE)

static void
caucus_directory_page_class_init (CaucusDirectoryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, empty_page);
}

static void
caucus_directory_page_init (CaucusDirectoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
caucus_directory_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_DIRECTORY_PAGE, NULL);
}
