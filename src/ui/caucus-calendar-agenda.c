/* caucus-calendar-agenda.c — the Calendar page's agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agenda is a one-column GtkGridView over the model's lazy CaucusDocumentList of
 * events (sorted by start, filtered by conference, kind, tag and the window's search), so
 * only the rows on screen load their documents; its rows are recycled CaucusEventRows.
 * GTK 4.8 has no list sections: a row shows the day heading when its conference day
 * differs from the row before it.  A filter change keeps the reader's place: the first
 * row on screen before it is scrolled to again after it.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"

JsonObject *
_caucus_calendar_item_json (GListModel *model,
                            guint       position)
{
  g_autoptr(CaucusDocument) document = g_list_model_get_item (model, position);

  return document != NULL ? json_object_ref (caucus_document_peek_json (document)) : NULL;
}

/* Agenda rows ------------------------------------------------------------------------- */

static gboolean
row_starts_day (CaucusCalendarPage *self,
                guint               position,
                JsonObject         *event)
{
  g_autoptr(JsonObject) previous = NULL;
  g_autofree char *key = NULL;
  g_autofree char *previous_key = NULL;

  const char *cached;

  key = caucus_calendar_context_day_key (self->ctx, event);
  if (position == 0)
    return TRUE;
  /* the row before was usually bound just before: its key is cached, no load */
  cached = caucus_calendar_context_cached_day_key (self->ctx,
                                                   caucus_document_list_get_id (self->agenda, position - 1));
  if (cached != NULL)
    return g_strcmp0 (key, cached) != 0;
  previous = _caucus_calendar_item_json (G_LIST_MODEL (self->agenda), position - 1);
  if (previous == NULL)
    return TRUE;
  previous_key = caucus_calendar_context_day_key (self->ctx, previous);
  return g_strcmp0 (key, previous_key) != 0;
}

static void
bind_item (CaucusCalendarPage *self,
           GtkListItem        *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(JsonObject) event = NULL;

  if (row == NULL)
    return;
  /* the agenda's items are placeholders: a row shows what the list has at its position */
  if (position != GTK_INVALID_LIST_POSITION)
    event = _caucus_calendar_item_json (G_LIST_MODEL (self->agenda), position);
  caucus_event_row_set_event (CAUCUS_EVENT_ROW (row), event,
                              event != NULL && row_starts_day (self, position, event));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CaucusCalendarPage       *self)
{
  gtk_list_item_set_child (item, caucus_event_row_new (self->ctx));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CaucusCalendarPage       *self)
{
  g_hash_table_add (self->bound_items, item);
  bind_item (self, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CaucusCalendarPage       *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_hash_table_remove (self->bound_items, item);
  if (row != NULL)
    caucus_event_row_set_event (CAUCUS_EVENT_ROW (row), NULL, FALSE);
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CaucusCalendarPage       *self)
{
  g_hash_table_remove (self->bound_items, item);
}

/* Rebinds the rows on screen: headings depend on neighbours, texts on zone and clock. */
void
_caucus_calendar_page_refresh_rows (CaucusCalendarPage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  self->rows_dirty = FALSE;
  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_item (self, item);
}

void
_caucus_calendar_page_refresh_now (CaucusCalendarPage *self)
{
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  if (self->rows_dirty)
    _caucus_calendar_page_refresh_rows (self);
  if (self->views_dirty)
    {
      const char *view = gtk_stack_get_visible_child_name (self->views);

      self->views_dirty = FALSE;
      if (g_strcmp0 (view, "day") == 0)
        _caucus_calendar_page_build_day (self);
      else if (g_strcmp0 (view, "month") == 0)
        _caucus_calendar_page_build_month (self);
    }
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CaucusCalendarPage *self = user_data;

  self->refresh_idle_id = 0;
  _caucus_calendar_page_refresh_now (self);
  return G_SOURCE_REMOVE;
}

void
_caucus_calendar_page_queue_refresh (CaucusCalendarPage *self)
{
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add (refresh_idle_cb, self);
}

void
_caucus_calendar_page_update_states (CaucusCalendarPage *self)
{
  gboolean any = self->all_events != NULL &&
                 g_list_model_get_n_items (G_LIST_MODEL (self->all_events)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->agenda_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) > 0
                                      ? "list" : "none");
  _caucus_calendar_page_update_range (self);
}

/* Keeping the reader's place ------------------------------------------------------------ */

/* The start and id of the agenda's first row on screen; FALSE when none is. */
static gboolean
find_first_visible (CaucusCalendarPage *self,
                    char              **start,
                    char              **id,
                    guint              *position)
{
  GHashTableIter iter;
  gpointer item;
  guint first = G_MAXUINT;
  gpointer first_item = NULL;
  g_autoptr(JsonObject) event = NULL;

  if (self->agenda_view == NULL || self->bound_items == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->agenda_view)))
    return FALSE;

  /* the bound row with the smallest position whose bottom is below the view's top */
  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      GtkWidget *row = gtk_list_item_get_child (item);
      guint at = gtk_list_item_get_position (item);
      double x, y;

      /* rows GTK keeps for its trackers outside the view are not child-visible */
      if (row == NULL || at == GTK_INVALID_LIST_POSITION || at >= first ||
          !gtk_widget_get_mapped (row) || gtk_widget_get_parent (row) == NULL ||
          !gtk_widget_get_child_visible (gtk_widget_get_parent (row)) ||
          !gtk_widget_translate_coordinates (row, GTK_WIDGET (self->agenda_view), 0, 0, &x, &y))
        continue;
      if (y + gtk_widget_get_height (row) > 0 && y < gtk_widget_get_height (GTK_WIDGET (self->agenda_view)))
        {
          first = at;
          first_item = item;
        }
    }
  if (first == G_MAXUINT)
    return FALSE;
  /* the row's own event (the list may already hold the next filter's items) */
  {
    GtkWidget *row = gtk_list_item_get_child (first_item);
    const char *row_id = CAUCUS_IS_EVENT_ROW (row) ? caucus_event_row_get_event_id (CAUCUS_EVENT_ROW (row)) : NULL;

    event = row_id != NULL ? caucus_store_get (self->store, row_id, NULL, NULL) : NULL;
  }
  if (event == NULL || !json_object_has_member (event, "start"))
    return FALSE;
  *start = g_strdup (json_object_get_string_member (event, "start"));
  *id = g_strdup (json_object_get_string_member_with_default (event, "_id", ""));
  *position = first;
  return TRUE;
}

void
_caucus_calendar_page_forget_place (CaucusCalendarPage *self)
{
  if (self->forget_place_id != 0 && self->forget_clock != NULL)
    g_signal_handler_disconnect (self->forget_clock, self->forget_place_id);
  self->forget_place_id = 0;
  g_clear_object (&self->forget_clock);
  g_clear_pointer (&self->keep_start, g_free);
  g_clear_pointer (&self->keep_id, g_free);
}

/* The frame that laid the agenda out at its kept place has been drawn: from now on the
 * rows on screen say where the reader is. */
static void
forget_place_after_paint_cb (GdkFrameClock      *clock,
                             CaucusCalendarPage *self)
{
  _caucus_calendar_page_forget_place (self);
}

void
_caucus_calendar_page_remember_place (CaucusCalendarPage *self)
{
  guint position;

  /* a place is kept until the agenda has been laid out again: filter changes in a row
   * (before a frame) keep the reader's first place, not the new list's top */
  if (self->keep_start != NULL)
    return;
  if (find_first_visible (self, &self->keep_start, &self->keep_id, &position))
    g_debug ("Agenda: keeping the place of row %u (%s)", position, self->keep_id);
}

void
_caucus_calendar_page_restore_place (CaucusCalendarPage *self)
{
  guint n, position;

  if (self->keep_start == NULL || self->agenda_view == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda));
  if (n == 0 || gtk_widget_get_frame_clock (GTK_WIDGET (self->agenda_view)) == NULL)
    {
      _caucus_calendar_page_forget_place (self);
      return;
    }
  /* kept (for further changes before a frame) until the next frame has been drawn */
  if (self->forget_place_id == 0)
    {
      self->forget_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->agenda_view)));
      self->forget_place_id = g_signal_connect (self->forget_clock, "after-paint",
                                                G_CALLBACK (forget_place_after_paint_cb), self);
    }
  /* the same row when the filter kept it, else the first one starting at or after it */
  position = _caucus_calendar_page_agenda_position_at (self, self->keep_start);
  for (guint i = position; i < n && i < position + 50; i++)
    {
      g_autoptr(JsonObject) event = _caucus_calendar_item_json (G_LIST_MODEL (self->agenda), i);

      if (event == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (event, "start", ""), self->keep_start) != 0)
        break;
      if (g_strcmp0 (json_object_get_string_member_with_default (event, "_id", ""), self->keep_id) == 0)
        {
          position = i;
          break;
        }
    }
  g_debug ("Agenda: back to row %u of %u (%s)", MIN (position, n - 1), n, self->keep_id);
  gtk_widget_activate_action (GTK_WIDGET (self->agenda_view), "list.scroll-to-item", "u",
                              MIN (position, n - 1));
}

guint
caucus_calendar_page_get_agenda_first_visible (CaucusCalendarPage *self)
{
  g_autofree char *start = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), GTK_INVALID_LIST_POSITION);

  if (!find_first_visible (self, &start, &id, &position))
    return GTK_INVALID_LIST_POSITION;
  return position;
}

static void
agenda_items_changed_cb (CaucusCalendarPage *self,
                         guint               position,
                         guint               removed,
                         guint               added)
{
  /* a start may have moved */
  caucus_calendar_context_invalidate (self->ctx);
  _caucus_calendar_page_update_states (self);
  self->views_dirty = TRUE;
  /* A full replacement (a filter or search): the rows GTK keeps show their position's new
   * event now, before the agenda model passes the change on (caucus-calendar-filters.c).
   * A few rows changed (a store change): the headings of their neighbours may have too. */
  if (position == 0 && added == g_list_model_get_n_items (G_LIST_MODEL (self->agenda)))
    _caucus_calendar_page_refresh_rows (self);
  else
    self->rows_dirty = TRUE;
  _caucus_calendar_page_queue_refresh (self);
}

static void
row_activated_cb (GtkGridView        *view,
                  guint               position,
                  CaucusCalendarPage *self)
{
  const char *id = caucus_document_list_get_id (self->agenda, position);

  if (id != NULL)
    caucus_calendar_page_show_event (self, id);
}

/* Set-up ------------------------------------------------------------------------------- */

/* Builds the agenda's view over self->agenda into the agenda scroller. */
void
_caucus_calendar_page_setup_agenda (CaucusCalendarPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  g_signal_connect_object (self->agenda, "items-changed",
                           G_CALLBACK (agenda_items_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (caucus_agenda_model_new (self->agenda)));
  self->agenda_view = GTK_GRID_VIEW (gtk_grid_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_grid_view_set_max_columns (self->agenda_view, 1);
  gtk_grid_view_set_single_click_activate (self->agenda_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->agenda_view), "caucus-agenda");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  g_signal_connect (self->agenda_view, "activate", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (self->agenda_scroller, GTK_WIDGET (self->agenda_view));
}

gboolean
caucus_calendar_page_get_agenda_texts (CaucusCalendarPage *self,
                                       guint               position,
                                       CaucusEventTexts   *texts,
                                       gboolean           *starts_day)
{
  g_autoptr(JsonObject) event = NULL;

  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), FALSE);

  if (self->agenda == NULL)
    return FALSE;
  event = _caucus_calendar_item_json (G_LIST_MODEL (self->agenda), position);
  if (event == NULL)
    return FALSE;
  if (starts_day != NULL)
    *starts_day = row_starts_day (self, position, event);
  return caucus_event_texts_compute (self->ctx, event, texts);
}
