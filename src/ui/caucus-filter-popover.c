/* caucus-filter-popover.c — the directory's filters and sort order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drop-down per filter of DOMAIN.md's directory: stakeholder group (kind), UN
 * regional group, country, expertise, accreditation and tag.  Kinds and groups are
 * the fixed lists of the model; the others offer the values documents actually have,
 * most used first, from the model's index (caucus_model_index_list_values), so a menu
 * never lists a value that would give an empty list.
 */
#include <glib/gi18n.h>

#include "caucus-directory-labels.h"
#include "caucus-document-types.h"
#include "caucus-filter-popover.h"

const char * const caucus_filter_popover_fields[] = {
  "kind", "regional_group", "country", "expertise", "accreditation", "tag", NULL
};
#define N_FIELDS 6

struct _CaucusFilterPopover
{
  GtkPopover parent_instance;

  CaucusModelIndex *index;
  char *type;
  gboolean updating;

  GtkDropDown *sort_dropdown;
  GtkDropDown *dropdowns[N_FIELDS];
  GPtrArray *values[N_FIELDS];   /* the stored value of each menu item; [0] is NULL (any) */

  /* Template widgets */
  GtkGrid *grid;
  GtkCheckButton *problems_check;
};

G_DEFINE_FINAL_TYPE (CaucusFilterPopover, caucus_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
field_index (const char *field)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (caucus_filter_popover_fields[i], field) == 0)
      return i;

  return -1;
}

static const char *
field_label (int i)
{
  switch (i)
    {
    case 0: return _("Stakeholder group");
    case 1: return _("Regional group");
    case 2: return _("Country");
    case 3: return _("Expertise");
    case 4: return _("Accreditation");
    case 5: return _("Tag");
    default: g_assert_not_reached ();
    }
}

static void
choice_changed_cb (CaucusFilterPopover *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_clicked_cb (CaucusFilterPopover *self)
{
  caucus_filter_popover_clear (self);
}

/* Rebuilds one menu from @values (owned strings) and @labels, keeping the choice. */
static void
fill_menu (CaucusFilterPopover *self,
           int                  i,
           GPtrArray           *values,
           GPtrArray           *labels)
{
  g_autofree char *previous = g_strdup (caucus_filter_popover_get_value (self, caucus_filter_popover_fields[i]));
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (strings, _("Any"));
  g_ptr_array_insert (values, 0, NULL);
  for (guint j = 1; j < values->len; j++)
    {
      gtk_string_list_append (strings, g_ptr_array_index (labels, j - 1));
      if (g_strcmp0 (previous, g_ptr_array_index (values, j)) == 0)
        selected = j;
    }

  g_clear_pointer (&self->values[i], g_ptr_array_unref);
  self->values[i] = g_ptr_array_ref (values);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->dropdowns[i], G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (self->dropdowns[i], selected);
  self->updating = FALSE;
}

void
caucus_filter_popover_refresh_values (CaucusFilterPopover *self)
{
  g_return_if_fail (CAUCUS_IS_FILTER_POPOVER (self));

  for (int i = 0; i < N_FIELDS; i++)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      const char *field = caucus_filter_popover_fields[i];

      if (g_str_equal (field, "kind") || g_str_equal (field, "regional_group"))
        {
          gboolean is_kind = g_str_equal (field, "kind");
          const char * const *fixed = is_kind ? caucus_org_kinds : caucus_regional_groups;

          for (guint j = 0; fixed[j] != NULL; j++)
            {
              g_ptr_array_add (values, g_strdup (fixed[j]));
              g_ptr_array_add (labels, g_strdup (is_kind ? caucus_kind_label (fixed[j])
                                                         : caucus_regional_group_label (fixed[j])));
            }
        }
      else if (self->index != NULL && self->type != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) counts = caucus_model_index_list_values (self->index, self->type,
                                                                        field, &error);

          if (counts == NULL)
            g_warning ("Could not list the values of %s: %s", field, error->message);
          for (guint j = 0; counts != NULL && j < counts->len; j++)
            {
              CaucusValueCount *vc = g_ptr_array_index (counts, j);

              g_ptr_array_add (values, g_strdup (vc->value));
              g_ptr_array_add (labels, g_strdup_printf ("%s (%u)", vc->value, vc->count));
            }
        }

      fill_menu (self, i, values, labels);
    }
}

static void
caucus_filter_popover_dispose (GObject *object)
{
  CaucusFilterPopover *self = CAUCUS_FILTER_POPOVER (object);

  g_clear_object (&self->index);
  for (int i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->values[i], g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (caucus_filter_popover_parent_class)->dispose (object);
}

static void
caucus_filter_popover_finalize (GObject *object)
{
  CaucusFilterPopover *self = CAUCUS_FILTER_POPOVER (object);

  g_free (self->type);

  G_OBJECT_CLASS (caucus_filter_popover_parent_class)->finalize (object);
}

static void
caucus_filter_popover_class_init (CaucusFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_filter_popover_dispose;
  object_class->finalize = caucus_filter_popover_finalize;

  /* Emitted when any choice changes. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusFilterPopover, grid);
  gtk_widget_class_bind_template_child (widget_class, CaucusFilterPopover, problems_check);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static GtkDropDown *
add_menu (CaucusFilterPopover *self,
          const char          *label_text,
          int                  row)
{
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_grid_attach (self->grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->grid, dropdown, 1, row, 1, 1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (choice_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return GTK_DROP_DOWN (dropdown);
}

static void
caucus_filter_popover_init (CaucusFilterPopover *self)
{
  const char *sorts[] = { _("Name"), _("Recently changed"), NULL };
  g_autoptr(GtkStringList) sort_strings = gtk_string_list_new (sorts);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sort_dropdown = add_menu (self, _("Sort by"), 0);
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sort_strings));
  for (int i = 0; i < N_FIELDS; i++)
    self->dropdowns[i] = add_menu (self, field_label (i), i + 1);

  caucus_filter_popover_refresh_values (self);
}

GtkWidget *
caucus_filter_popover_new (void)
{
  return g_object_new (CAUCUS_TYPE_FILTER_POPOVER, NULL);
}

void
caucus_filter_popover_set_source (CaucusFilterPopover *self,
                                  CaucusModelIndex    *index,
                                  const char          *type)
{
  g_return_if_fail (CAUCUS_IS_FILTER_POPOVER (self));
  g_return_if_fail (index == NULL || CAUCUS_IS_MODEL_INDEX (index));

  g_set_object (&self->index, index);
  g_free (self->type);
  self->type = g_strdup (type);
  caucus_filter_popover_refresh_values (self);
}

const char *
caucus_filter_popover_get_value (CaucusFilterPopover *self,
                                 const char          *field)
{
  int i;
  guint selected;

  g_return_val_if_fail (CAUCUS_IS_FILTER_POPOVER (self), NULL);

  i = field_index (field);
  g_return_val_if_fail (i >= 0, NULL);

  if (self->values[i] == NULL)
    return NULL;

  selected = gtk_drop_down_get_selected (self->dropdowns[i]);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->values[i]->len)
    return NULL;

  return g_ptr_array_index (self->values[i], selected);
}

gboolean
caucus_filter_popover_set_value (CaucusFilterPopover *self,
                                 const char          *field,
                                 const char          *value)
{
  int i;

  g_return_val_if_fail (CAUCUS_IS_FILTER_POPOVER (self), FALSE);

  i = field_index (field);
  g_return_val_if_fail (i >= 0, FALSE);

  for (guint j = 0; self->values[i] != NULL && j < self->values[i]->len; j++)
    if (g_strcmp0 (g_ptr_array_index (self->values[i], j), value) == 0)
      {
        gtk_drop_down_set_selected (self->dropdowns[i], j);
        return TRUE;
      }

  return FALSE;
}

gboolean
caucus_filter_popover_get_problems_only (CaucusFilterPopover *self)
{
  g_return_val_if_fail (CAUCUS_IS_FILTER_POPOVER (self), FALSE);

  return gtk_check_button_get_active (self->problems_check);
}

CaucusListSort
caucus_filter_popover_get_sort (CaucusFilterPopover *self)
{
  g_return_val_if_fail (CAUCUS_IS_FILTER_POPOVER (self), CAUCUS_LIST_SORT_NAME);

  return gtk_drop_down_get_selected (self->sort_dropdown) == 1 ? CAUCUS_LIST_SORT_UPDATED
                                                               : CAUCUS_LIST_SORT_NAME;
}

guint
caucus_filter_popover_count_active (CaucusFilterPopover *self)
{
  guint n = 0;

  g_return_val_if_fail (CAUCUS_IS_FILTER_POPOVER (self), 0);

  for (int i = 0; i < N_FIELDS; i++)
    if (caucus_filter_popover_get_value (self, caucus_filter_popover_fields[i]) != NULL)
      n++;
  if (caucus_filter_popover_get_problems_only (self))
    n++;

  return n;
}

void
caucus_filter_popover_apply (CaucusFilterPopover *self,
                             CaucusDocumentList  *list)
{
  g_return_if_fail (CAUCUS_IS_FILTER_POPOVER (self));
  g_return_if_fail (CAUCUS_IS_DOCUMENT_LIST (list));

  for (int i = 0; i < N_FIELDS; i++)
    caucus_document_list_set_filter (list, caucus_filter_popover_fields[i],
                                     caucus_filter_popover_get_value (self,
                                                                      caucus_filter_popover_fields[i]));
  caucus_document_list_set_problems_only (list, caucus_filter_popover_get_problems_only (self));
  caucus_document_list_set_sort (list, caucus_filter_popover_get_sort (self));
}

void
caucus_filter_popover_clear (CaucusFilterPopover *self)
{
  g_return_if_fail (CAUCUS_IS_FILTER_POPOVER (self));

  self->updating = TRUE;
  for (int i = 0; i < N_FIELDS; i++)
    gtk_drop_down_set_selected (self->dropdowns[i], 0);
  gtk_check_button_set_active (self->problems_check, FALSE);
  self->updating = FALSE;

  g_signal_emit (self, signals[CHANGED], 0);
}
