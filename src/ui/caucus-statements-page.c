/* caucus-statements-page.c — the Statements page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now the page shows its empty state; the template's stack has room for a
 * "content" child beside "empty", which the page switches to once it has data.
 */
#include "caucus-statements-page.h"

struct _CaucusStatementsPage
{
  CaucusPage parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (CaucusStatementsPage, caucus_statements_page, CAUCUS_TYPE_PAGE)

static void
caucus_statements_page_class_init (CaucusStatementsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-statements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, empty_page);
}

static void
caucus_statements_page_init (CaucusStatementsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
caucus_statements_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_STATEMENTS_PAGE, NULL);
}
