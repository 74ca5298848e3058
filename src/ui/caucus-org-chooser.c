/* caucus-org-chooser.c — a popover to choose an organisation (or a person)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry over the lazy list of organisations (the same full-text search as
 * the directory), so choosing among twenty thousand organisations loads only the
 * rows on screen.  Emits "chosen" with the organisation's id, or NULL for none.
 *
 * The view shows the list as the Directory page does, and for the same reasons (GTK
 * 4.8, see docs/layers/ui-directory.md): a one-column GtkGridView (about 33 rows
 * alive, not GtkListView's 200) over a CaucusSlotModel whose rows show index
 * summaries.  A search replaces the list's content; over the list itself GTK 4.8
 * asked for every added item to find its anchor row, a document loaded from the store
 * for each of up to 1,000 hits per keystroke and 20,000 when the search was cleared.
 * The slots keep their positions, the live ones learn their new summary, and nothing
 * else is looked up.
 * Made with caucus_org_chooser_new_for_people it offers the directory's people
 * instead (a session's speaker, who authorised a signature), without "No
 * Organisation".  The popover opens with the focus in its search entry; Return
 * chooses the first match, Down moves into the list: a keyboard user types a few
 * letters and presses Return.
 */
#include <glib/gi18n.h>

#include "caucus-directory-page-private.h"
#include "caucus-org-chooser.h"
#include "caucus-summary-slots.h"

struct _CaucusOrgChooser
{
  GtkPopover parent_instance;

  CaucusDocumentList *list;
  GtkNoSelection *selection;        /* over a CaucusSlotModel of list */
  gboolean people;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkGridView *list_view;           /* one column: GTK 4.8 keeps ~33 rows, not 200 */
  GtkWidget *none_button;
};

G_DEFINE_FINAL_TYPE (CaucusOrgChooser, caucus_org_chooser, GTK_TYPE_POPOVER)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
show_slot (GtkLabel          *label,
           CaucusSummarySlot *slot)
{
  CaucusDocumentSummary *summary = caucus_summary_slot_get_summary (slot);

  gtk_label_set_label (label, summary != NULL ? caucus_document_summary_get_name (summary) : "");
}

static void
slot_summary_changed_cb (CaucusSummarySlot *slot,
                         GParamSpec        *pspec,
                         GtkLabel          *label)
{
  show_slot (label, slot);
}

/* The row follows its slot's summary until it is unbound (GTK 4.8 unbinds and binds
 * again a row it keeps across items-changed). */
static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CaucusSummarySlot *slot = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  g_signal_connect_object (slot, "notify::summary", G_CALLBACK (slot_summary_changed_cb), label, 0);
  show_slot (GTK_LABEL (label), slot);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GObject *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, slot_summary_changed_cb, gtk_list_item_get_child (item));
}

static void
search_changed_cb (CaucusOrgChooser *self)
{
  if (self->list != NULL)
    caucus_document_list_set_filter (self->list, "search",
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
list_activated_cb (CaucusOrgChooser *self,
                   guint             position)
{
  caucus_org_chooser_choose (self, position);
}

static void
search_activated_cb (CaucusOrgChooser *self)
{
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    caucus_org_chooser_choose (self, 0);
}

/* Down from the search entry goes to the matches. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       CaucusOrgChooser      *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

/* The popover opens with the focus in its search entry. */
static void
map_cb (CaucusOrgChooser *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
none_clicked_cb (CaucusOrgChooser *self)
{
  caucus_org_chooser_choose (self, G_MAXUINT);
}

static void
caucus_org_chooser_dispose (GObject *object)
{
  CaucusOrgChooser *self = CAUCUS_ORG_CHOOSER (object);

  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_ORG_CHOOSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (caucus_org_chooser_parent_class)->dispose (object);
}

static void
caucus_org_chooser_class_init (CaucusOrgChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_org_chooser_dispose;

  /* ("chosen", const char *org_id or NULL) */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-org-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusOrgChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusOrgChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, CaucusOrgChooser, none_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, none_clicked_cb);
}

static void
caucus_org_chooser_init (CaucusOrgChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  _caucus_directory_page_load_css ();

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
caucus_org_chooser_new (void)
{
  return g_object_new (CAUCUS_TYPE_ORG_CHOOSER, NULL);
}

GtkWidget *
caucus_org_chooser_new_for_people (void)
{
  CaucusOrgChooser *self = g_object_new (CAUCUS_TYPE_ORG_CHOOSER, NULL);

  self->people = TRUE;
  g_object_set (self->search_entry, "placeholder-text", _("Search people"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search people"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People"), -1);
  gtk_widget_set_visible (self->none_button, FALSE);
  return GTK_WIDGET (self);
}

void
caucus_org_chooser_set_index (CaucusOrgChooser *self,
                              CaucusModelIndex *index)
{
  g_return_if_fail (CAUCUS_IS_ORG_CHOOSER (self));
  g_return_if_fail (CAUCUS_IS_MODEL_INDEX (index));

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  self->list = caucus_document_list_new (index, self->people ? "person" : "org");
  self->selection = gtk_no_selection_new (G_LIST_MODEL (caucus_slot_model_new (self->list)));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

CaucusDocumentList *
caucus_org_chooser_get_list (CaucusOrgChooser *self)
{
  g_return_val_if_fail (CAUCUS_IS_ORG_CHOOSER (self), NULL);

  return self->list;
}

void
caucus_org_chooser_choose (CaucusOrgChooser *self,
                           guint             position)
{
  g_autofree char *id = NULL;

  g_return_if_fail (CAUCUS_IS_ORG_CHOOSER (self));

  /* Copied: popping down may let the list drop the page holding the id. */
  if (position != G_MAXUINT && self->list != NULL)
    {
      id = g_strdup (caucus_document_list_get_id (self->list, position));
      if (id == NULL)
        return;
    }

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, id);
}
