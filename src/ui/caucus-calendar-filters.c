/* caucus-calendar-filters.c — the Calendar page's filters: conference, kind, tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters are the model list's own (ref_id for a conference's programme, kind, tag),
 * so the agenda stays a lazy list whatever is chosen.  The menus are filled when the
 * popover opens: conferences from a list sorted by start, tags from the index's values.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-calendar-time.h"

/* The agenda's model ------------------------------------------------------------------- */

/* A filter or search change makes the model list replace everything:
 * items-changed (0, old, new).  GTK 4.8's list item manager answers a replacement that
 * removes a tracked row (the scroll anchor, the focus) by asking the model for EVERY
 * added item, looking for the old row's item among them: on 38C3 that loaded and parsed
 * 1,008 documents per keystroke (about 60 % of a filter change).  And for every
 * replacement it releases the ~30 rows it keeps and makes new ones.
 *
 * So the agenda's items are placeholders, one per position, and the rows read what a
 * position shows from the list (the page binds by position).  A replacement keeps the
 * placeholders of the positions both lists have and only adds or removes at the end:
 * GTK keeps its rows, and the page gives the rows it has bound their new events at
 * once (agenda_items_changed_cb, which runs before this model passes the change on).
 * Changes from the store (a few rows) are passed on exactly as they come, with new
 * placeholders for the added positions. */
struct _CaucusAgendaModel
{
  GObject parent_instance;

  CaucusDocumentList *list;
  guint n_items;
  GPtrArray *slots;            /* GObject per position, made when GTK asks (NULL before) */
};

static void caucus_agenda_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusAgendaModel, caucus_agenda_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, caucus_agenda_model_list_init))

static GType
caucus_agenda_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
caucus_agenda_model_get_n_items (GListModel *model)
{
  return CAUCUS_AGENDA_MODEL (model)->n_items;
}

static gpointer
caucus_agenda_model_get_item (GListModel *model,
                              guint       position)
{
  CaucusAgendaModel *self = CAUCUS_AGENDA_MODEL (model);

  if (position >= self->n_items)
    return NULL;
  if (self->slots->len <= position)
    g_ptr_array_set_size (self->slots, position + 1);
  if (g_ptr_array_index (self->slots, position) == NULL)
    g_ptr_array_index (self->slots, position) = g_object_new (G_TYPE_OBJECT, NULL);
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
caucus_agenda_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = caucus_agenda_model_get_item_type;
  iface->get_n_items = caucus_agenda_model_get_n_items;
  iface->get_item = caucus_agenda_model_get_item;
}

static void
list_items_changed_cb (CaucusAgendaModel *self,
                       guint              position,
                       guint              removed,
                       guint              added)
{
  guint old = self->n_items;
  guint now = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (position == 0 && removed == old && added == now)
    {
      /* a replacement: the same placeholders, more or fewer at the end */
      if (self->slots->len > now)
        g_ptr_array_set_size (self->slots, now);
      self->n_items = now;
      if (now < old)
        g_list_model_items_changed (G_LIST_MODEL (self), now, old - now, 0);
      else if (now > old)
        g_list_model_items_changed (G_LIST_MODEL (self), old, 0, now - old);
      return;
    }
  /* new placeholders where items were added, the others move with their rows */
  if (position < self->slots->len)
    {
      g_ptr_array_remove_range (self->slots, position, MIN (removed, self->slots->len - position));
      for (guint i = 0; i < added; i++)
        g_ptr_array_insert (self->slots, (int) position, NULL);
    }
  self->n_items = now;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
caucus_agenda_model_dispose (GObject *object)
{
  CaucusAgendaModel *self = CAUCUS_AGENDA_MODEL (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, list_items_changed_cb, self);
  g_clear_object (&self->list);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (caucus_agenda_model_parent_class)->dispose (object);
}

static void
caucus_agenda_model_class_init (CaucusAgendaModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = caucus_agenda_model_dispose;
}

static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
caucus_agenda_model_init (CaucusAgendaModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}

CaucusAgendaModel *
caucus_agenda_model_new (CaucusDocumentList *list)
{
  CaucusAgendaModel *self = g_object_new (CAUCUS_TYPE_AGENDA_MODEL, NULL);

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (list), NULL);

  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  return self;
}

/* Filters ---------------------------------------------------------------------------- */

void
_caucus_calendar_page_apply_filters (CaucusCalendarPage *self)
{
  if (self->agenda == NULL)
    return;
  /* the reader keeps their place: a filter narrows what is around it */
  _caucus_calendar_page_remember_place (self);
  caucus_document_list_set_filter (self->agenda, "ref_id", self->conference_id);
  caucus_document_list_set_filter (self->agenda, "kind", self->kind);
  caucus_document_list_set_filter (self->agenda, "tag", self->tag);
  _caucus_calendar_page_restore_place (self);
  gtk_menu_button_set_label (self->filter_button,
                             self->conference_id != NULL || self->kind != NULL || self->tag != NULL
                               ? _("Filtered") : _("Filter"));
  self->views_dirty = TRUE;
  _caucus_calendar_page_update_states (self);
  _caucus_calendar_page_queue_refresh (self);
}

static void
fill_conferences (CaucusCalendarPage *self)
{
  g_autoptr(CaucusDocumentList) conferences = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  guint n;

  if (self->index == NULL)
    return;
  conferences = caucus_document_list_new (self->index, "event");
  caucus_document_list_set_sort (conferences, CAUCUS_LIST_SORT_START);
  caucus_document_list_set_filter (conferences, "kind", "conference");

  g_ptr_array_set_size (self->conference_ids, 0);
  gtk_string_list_append (names, _("All conferences"));
  g_ptr_array_add (self->conference_ids, NULL);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (conferences)), 500);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) conference = g_list_model_get_item (G_LIST_MODEL (conferences), i);

      if (conference == NULL)
        continue;
      gtk_string_list_append (names, caucus_document_get_display_name (conference));
      g_ptr_array_add (self->conference_ids, g_strdup (caucus_document_get_id (conference)));
      if (g_strcmp0 (self->conference_id, caucus_document_get_id (conference)) == 0)
        selected = self->conference_ids->len - 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->conference_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->conference_dropdown, selected);
  self->updating_filters = FALSE;
}

static void
fill_tags (CaucusCalendarPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) values = NULL;
  guint selected = 0;

  if (self->index == NULL)
    return;
  values = caucus_model_index_list_values (self->index, "event", "tag", NULL);
  g_ptr_array_set_size (self->tag_values, 0);
  gtk_string_list_append (names, _("All tags"));
  g_ptr_array_add (self->tag_values, NULL);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      CaucusValueCount *value = g_ptr_array_index (values, i);

      gtk_string_list_append (names, value->value);
      g_ptr_array_add (self->tag_values, g_strdup (value->value));
      if (g_strcmp0 (self->tag, value->value) == 0)
        selected = self->tag_values->len - 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->updating_filters = FALSE;
}

/* Returns whether the value changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  char *copy = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  gboolean changed = g_strcmp0 (*field, copy) != 0;

  g_free (*field);
  *field = copy;
  return changed;
}

/* The day and month views open on the chosen conference's first day. */
static void
go_to_conference_start (CaucusCalendarPage *self)
{
  g_autoptr(JsonObject) conference = NULL;

  if (self->conference_id == NULL || self->store == NULL)
    return;
  conference = caucus_store_get (self->store, self->conference_id, NULL, NULL);
  if (conference != NULL && json_object_has_member (conference, "start"))
    caucus_calendar_local_date (json_object_get_string_member (conference, "start"),
                                _caucus_calendar_page_view_zone (self), &self->date, NULL);
}

static void
dropdown_changed_cb (CaucusCalendarPage *self)
{
  guint conference, kind, tag;

  if (self->updating_filters)
    return;

  conference = gtk_drop_down_get_selected (self->conference_dropdown);
  kind = gtk_drop_down_get_selected (self->kind_dropdown);
  tag = gtk_drop_down_get_selected (self->tag_dropdown);

  if (replace_string (&self->conference_id, conference < self->conference_ids->len
                                              ? g_ptr_array_index (self->conference_ids, conference) : NULL))
    go_to_conference_start (self);
  replace_string (&self->kind, kind > 0 && kind != GTK_INVALID_LIST_POSITION
                                 ? caucus_event_kinds[kind - 1] : NULL);
  replace_string (&self->tag, tag < self->tag_values->len ? g_ptr_array_index (self->tag_values, tag) : NULL);
  _caucus_calendar_page_apply_filters (self);
}

static void
filter_popover_show_cb (CaucusCalendarPage *self)
{
  fill_conferences (self);
  fill_tags (self);
}

static void
clear_filters_cb (CaucusCalendarPage *self)
{
  caucus_calendar_page_set_filter (self, "conference", NULL);
  caucus_calendar_page_set_filter (self, "kind", NULL);
  caucus_calendar_page_set_filter (self, "tag", NULL);
}

static GtkWidget *
filter_row (const char *label,
            GtkWidget  *dropdown)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), dropdown);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), dropdown);
  return box;
}

void
_caucus_calendar_page_build_filter_popover (CaucusCalendarPage *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkExpression *expression;

  /* GTK 4.8 reads a mnemonic label's underscore out to screen readers */
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clear Filters"), -1);
  gtk_string_list_append (kinds, _("All kinds"));
  gtk_string_list_append (kinds, _("Conferences"));
  gtk_string_list_append (kinds, _("Sessions"));
  gtk_string_list_append (kinds, _("Meetings"));
  gtk_string_list_append (kinds, _("Deadlines"));
  gtk_string_list_append (kinds, _("Milestones"));
  g_assert (g_strv_length ((char **) caucus_event_kinds) == 5);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->conference_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, gtk_expression_ref (expression)));
  gtk_drop_down_set_enable_search (self->conference_dropdown, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->conference_dropdown), 260, -1);
  self->kind_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  self->tag_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, expression));

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), filter_row (_("_Conference"), GTK_WIDGET (self->conference_dropdown)));
  gtk_box_append (GTK_BOX (box), filter_row (_("_Kind"), GTK_WIDGET (self->kind_dropdown)));
  gtk_box_append (GTK_BOX (box), filter_row (_("_Tag"), GTK_WIDGET (self->tag_dropdown)));
  gtk_box_append (GTK_BOX (box), clear);
  gtk_label_set_use_underline (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (box))), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child))
      gtk_label_set_use_underline (GTK_LABEL (gtk_widget_get_first_child (child)), TRUE);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->filter_button, popover);

  g_signal_connect_swapped (popover, "show", G_CALLBACK (filter_popover_show_cb), self);
  g_signal_connect_swapped (self->conference_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self);
  g_signal_connect_swapped (self->tag_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), self);
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_filters_cb), self);
}

void
caucus_calendar_page_set_filter (CaucusCalendarPage *self,
                                 const char         *field,
                                 const char         *value)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (field != NULL);

  if (g_str_equal (field, "conference"))
    {
      replace_string (&self->conference_id, value);
      go_to_conference_start (self);
    }
  else if (g_str_equal (field, "kind"))
    replace_string (&self->kind, value);
  else if (g_str_equal (field, "tag"))
    replace_string (&self->tag, value);
  else
    g_return_if_reached ();

  _caucus_calendar_page_update_actions (self);
  _caucus_calendar_page_apply_filters (self);
  if (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (self->filter_button))))
    filter_popover_show_cb (self);
  else
    {
      self->updating_filters = TRUE;
      if (g_str_equal (field, "kind"))
        {
          guint selected = 0;

          for (guint i = 0; caucus_event_kinds[i] != NULL; i++)
            if (g_strcmp0 (caucus_event_kinds[i], self->kind) == 0)
              selected = i + 1;
          gtk_drop_down_set_selected (self->kind_dropdown, selected);
        }
      self->updating_filters = FALSE;
    }
  _caucus_calendar_page_show_view (self, gtk_stack_get_visible_child_name (self->views));
}

