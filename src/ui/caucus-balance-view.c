/* caucus-balance-view.c — counts by UN regional group × stakeholder kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "mapping exercise and gap analysis": a small grid, one row per stakeholder kind,
 * one column per UN regional group, with totals, and the empty cells among the known groups and
 * kinds marked so the gaps show at a glance.  The view only draws; whoever owns the
 * list computes the balance (in the index, without loading documents).
 */
#include <glib/gi18n.h>
#include <string.h>

#include "caucus-balance-view.h"
#include "caucus-directory-labels.h"

struct _CaucusBalanceView
{
  GtkBox parent_instance;

  CaucusBalance balance;
  CaucusBalanceScope scope;
  GtkLabel *cells[CAUCUS_BALANCE_N_GROUPS][CAUCUS_BALANCE_N_KINDS];
  GtkLabel *group_totals[CAUCUS_BALANCE_N_GROUPS];
  GtkLabel *kind_totals[CAUCUS_BALANCE_N_KINDS];
  GtkLabel *total;

  /* Template widgets */
  GtkGrid *grid;
  GtkToggleButton *all_button;
  GtkToggleButton *filter_button;
  GtkLabel *summary_label;
};

G_DEFINE_FINAL_TYPE (CaucusBalanceView, caucus_balance_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SCOPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkLabel *
add_label (CaucusBalanceView *self,
           const char        *text,
           int                column,
           int                row,
           const char        *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_grid_attach (self->grid, label, column, row, 1, 1);

  return GTK_LABEL (label);
}

/* Kinds are rows and groups columns: stacked kind names take less width than eight
 * columns, so the table fits a 400 px pane.  Only the known groups and kinds have
 * cells; what has no group or kind recorded is counted in the totals and the summary. */
static void
build_grid (CaucusBalanceView *self)
{
  int column = 1;
  int row = 1;

  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
    {
      const char *name = caucus_balance_group_name (g);
      GtkLabel *header;

      if (name == NULL)
        continue;
      header = add_label (self, name, column++, 0, "caption-heading");
      /* "Asia-Pacific" breaks at its hyphen rather than widening every row. */
      gtk_label_set_wrap (header, TRUE);
      gtk_label_set_max_width_chars (header, 7);
      gtk_label_set_justify (header, GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (GTK_WIDGET (header), GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (GTK_WIDGET (header), caucus_regional_group_label (name));
    }
  add_label (self, _("Total"), column, 0, "caption-heading");
  gtk_widget_set_valign (gtk_grid_get_child_at (self->grid, column, 0), GTK_ALIGN_END);

  for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
    {
      const char *name = caucus_balance_kind_name (k);
      GtkLabel *header;

      if (name == NULL)
        continue;
      header = add_label (self, caucus_kind_short_label (name), 0, row, "caption-heading");
      gtk_widget_set_tooltip_text (GTK_WIDGET (header), caucus_kind_label (name));
      column = 1;
      for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
        {
          if (caucus_balance_group_name (g) == NULL)
            continue;
          self->cells[g][k] = add_label (self, "0", column++, row, "numeric");
          gtk_widget_add_css_class (GTK_WIDGET (self->cells[g][k]), "caucus-balance-cell");
        }
      self->kind_totals[k] = add_label (self, "0", column, row, "numeric");
      row++;
    }

  add_label (self, _("Total"), 0, row, "caption-heading");
  column = 1;
  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
    if (caucus_balance_group_name (g) != NULL)
      self->group_totals[g] = add_label (self, "0", column++, row, "numeric");
  self->total = add_label (self, "0", column, row, "heading");
}

static void
set_number (GtkLabel *label,
            guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (label, text);
}

static void
update (CaucusBalanceView *self)
{
  const CaucusBalance *b = &self->balance;
  guint gaps = caucus_balance_count_gaps (b);
  guint total = caucus_balance_get_total (b);
  guint unrecorded = 0;
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
    {
      guint column_total = 0;

      for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
        {
          GtkWidget *cell = GTK_WIDGET (self->cells[g][k]);

          column_total += b->counts[g][k];
          if (cell == NULL)
            {
              unrecorded += b->counts[g][k];
              continue;
            }
          set_number (self->cells[g][k], b->counts[g][k]);
          if (b->counts[g][k] == 0)
            gtk_widget_add_css_class (cell, "caucus-gap");
          else
            gtk_widget_remove_css_class (cell, "caucus-gap");
        }
      if (self->group_totals[g] != NULL)
        set_number (self->group_totals[g], column_total);
    }

  for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
    {
      guint row_total = 0;

      for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
        row_total += b->counts[g][k];
      if (self->kind_totals[k] != NULL)
        set_number (self->kind_totals[k], row_total);
    }
  set_number (self->total, total);

  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u counted; %u gap among the five groups and seven kinds.",
                                       "%u counted; %u gaps among the five groups and seven kinds.",
                                       gaps),
                          total, gaps);
  if (unrecorded > 0)
    {
      g_string_append_c (summary, ' ');
      g_string_append_printf (summary,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u has no regional group or kind recorded.",
                                           "%u have no regional group or kind recorded.",
                                           unrecorded),
                              unrecorded);
    }
  gtk_label_set_label (self->summary_label, summary->str);
}

static void
scope_toggled_cb (CaucusBalanceView *self)
{
  caucus_balance_view_set_scope (self, gtk_toggle_button_get_active (self->filter_button)
                                         ? CAUCUS_BALANCE_SCOPE_FILTER
                                         : CAUCUS_BALANCE_SCOPE_ALL);
}

static void
caucus_balance_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CaucusBalanceView *self = CAUCUS_BALANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_int (value, self->scope);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_balance_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CaucusBalanceView *self = CAUCUS_BALANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      caucus_balance_view_set_scope (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_balance_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_BALANCE_VIEW);

  G_OBJECT_CLASS (caucus_balance_view_parent_class)->dispose (object);
}

static void
caucus_balance_view_class_init (CaucusBalanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_balance_view_dispose;
  object_class->get_property = caucus_balance_view_get_property;
  object_class->set_property = caucus_balance_view_set_property;

  properties[PROP_SCOPE] =
    g_param_spec_int ("scope", NULL, NULL,
                      CAUCUS_BALANCE_SCOPE_ALL, CAUCUS_BALANCE_SCOPE_FILTER,
                      CAUCUS_BALANCE_SCOPE_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-balance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusBalanceView, grid);
  gtk_widget_class_bind_template_child (widget_class, CaucusBalanceView, all_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusBalanceView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusBalanceView, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, scope_toggled_cb);
}

static void
caucus_balance_view_init (CaucusBalanceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_grid (self);
  update (self);
}

GtkWidget *
caucus_balance_view_new (void)
{
  return g_object_new (CAUCUS_TYPE_BALANCE_VIEW, NULL);
}

void
caucus_balance_view_set_balance (CaucusBalanceView   *self,
                                 const CaucusBalance *balance)
{
  g_return_if_fail (CAUCUS_IS_BALANCE_VIEW (self));

  if (balance != NULL)
    self->balance = *balance;
  else
    memset (&self->balance, 0, sizeof self->balance);
  update (self);
}

const CaucusBalance *
caucus_balance_view_get_balance (CaucusBalanceView *self)
{
  g_return_val_if_fail (CAUCUS_IS_BALANCE_VIEW (self), NULL);

  return &self->balance;
}

CaucusBalanceScope
caucus_balance_view_get_scope (CaucusBalanceView *self)
{
  g_return_val_if_fail (CAUCUS_IS_BALANCE_VIEW (self), CAUCUS_BALANCE_SCOPE_ALL);

  return self->scope;
}

void
caucus_balance_view_set_scope (CaucusBalanceView  *self,
                               CaucusBalanceScope  scope)
{
  g_return_if_fail (CAUCUS_IS_BALANCE_VIEW (self));

  if (self->scope == scope)
    return;

  self->scope = scope;
  gtk_toggle_button_set_active (scope == CAUCUS_BALANCE_SCOPE_FILTER ? self->filter_button
                                                                     : self->all_button, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
}

GtkLabel *
caucus_balance_view_get_cell (CaucusBalanceView *self,
                              guint              group,
                              guint              kind)
{
  g_return_val_if_fail (CAUCUS_IS_BALANCE_VIEW (self), NULL);
  g_return_val_if_fail (group < CAUCUS_BALANCE_N_GROUPS && kind < CAUCUS_BALANCE_N_KINDS, NULL);

  return self->cells[group][kind];
}
