/* caucus-briefing-page.c — the Briefing Packs page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now the page shows its empty state; the template's stack has room for a
 * "content" child beside "empty", which the page switches to once it has data.
 */
#include "caucus-briefing-page.h"

struct _CaucusBriefingPage
{
  CaucusPage parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (CaucusBriefingPage, caucus_briefing_page, CAUCUS_TYPE_PAGE)

static void
caucus_briefing_page_class_init (CaucusBriefingPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-briefing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, empty_page);
}

static void
caucus_briefing_page_init (CaucusBriefingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
caucus_briefing_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_BRIEFING_PAGE, NULL);
}
