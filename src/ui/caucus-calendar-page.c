/* caucus-calendar-page.c — the Calendar page: agenda, filters, "my time"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page itself: set-up over the workspace, the view switcher and range label, "my
 * time" and the clock, actions and the public API.  Times go through the formats layer
 * (see caucus-event-row.c).  The agenda (its recycled rows and keeping the reader's place)
 * is in caucus-calendar-agenda.c, the filters in caucus-calendar-filters.c, the day and
 * month views in caucus-calendar-views.c, import and export in caucus-calendar-io.c, the
 * event page in caucus-event-detail.c.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-calendar-time.h"
#include "caucus-reminders.h"

G_DEFINE_FINAL_TYPE (CaucusCalendarPage, caucus_calendar_page, CAUCUS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_IMPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers ------------------------------------------------------------------------------ */

void
_caucus_calendar_page_toast (CaucusCalendarPage *self,
                             const char         *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
_caucus_calendar_page_view_zone (CaucusCalendarPage *self)
{
  if (self->ctx == NULL)
    return "UTC";
  if (!self->ctx->my_time && self->conference_id != NULL)
    {
      g_autoptr(JsonObject) conference = caucus_store_get (self->store, self->conference_id, NULL, NULL);

      if (conference != NULL && json_object_has_member (conference, "time_zone"))
        {
          const char *zone = json_object_get_string_member (conference, "time_zone");

          if (zone != NULL && caucus_time_zone_is_valid (zone))
            {
              /* kept in the name cache so the pointer outlives the document */
              g_hash_table_replace (self->ctx->names, g_strdup ("\001zone"), g_strdup (zone));
              return g_hash_table_lookup (self->ctx->names, "\001zone");
            }
        }
    }
  return self->ctx->my_zone;
}

/* The range label ---------------------------------------------------------------------- */

void
_caucus_calendar_page_update_range (CaucusCalendarPage *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->views);
  g_autofree char *text = NULL;
  char buffer[128] = "";
  gboolean dated = g_strcmp0 (view, "agenda") != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->previous_button), dated);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), dated);

  if (!dated)
    {
      guint n = self->agenda != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) : 0;

      text = g_strdup_printf (ngettext ("%u event", "%u events", n), n);
    }
  else if (g_date_valid (&self->date))
    {
      if (g_strcmp0 (view, "day") == 0)
        /* Translators: strftime format of the day view's heading */
        g_date_strftime (buffer, sizeof buffer, _("%a %-d %b %Y"), &self->date);
      else
        /* Translators: strftime format of the month view's heading */
        g_date_strftime (buffer, sizeof buffer, _("%B %Y"), &self->date);
      text = g_strdup_printf ("%s · %s", buffer, _caucus_calendar_page_view_zone (self));
    }
  gtk_label_set_text (self->range_label, text != NULL ? text : "");
}

/* "My time" and the clock ------------------------------------------------------------- */

static void
my_time_changed_cb (CaucusCalendarPage *self)
{
  if (self->ctx == NULL)
    return;
  self->ctx->my_time = gtk_switch_get_active (self->my_time_switch);
  caucus_calendar_context_invalidate (self->ctx);
  self->views_dirty = TRUE;
  self->rows_dirty = TRUE;
  _caucus_calendar_page_refresh_now (self);
  _caucus_calendar_page_update_range (self);
}

static void
my_zone_changed_cb (CaucusCalendarPage *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "my-time-zone");

  g_free (self->ctx->my_zone);
  self->ctx->my_zone = caucus_calendar_my_zone (setting);
  caucus_calendar_context_invalidate (self->ctx);
  self->views_dirty = TRUE;
  self->rows_dirty = TRUE;
  _caucus_calendar_page_refresh_now (self);
  _caucus_calendar_page_update_range (self);
}

static void
following_changed_cb (CaucusCalendarPage *self)
{
  self->rows_dirty = TRUE;
  _caucus_calendar_page_queue_refresh (self);
}

/* Actions ------------------------------------------------------------------------------ */

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _caucus_calendar_page_open_import (CAUCUS_CALENDAR_PAGE (widget));
}

static void
new_event_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _caucus_calendar_page_edit_event (CAUCUS_CALENDAR_PAGE (widget), NULL);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (widget);

  if (g_strcmp0 (action_name, "calendar.export-conference") == 0)
    _caucus_calendar_page_export (self, CAUCUS_EXPORT_EVENT,
                                  self->detail_id != NULL &&
                                  g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "detail") == 0
                                    ? self->detail_id : self->conference_id);
  else if (g_strcmp0 (action_name, "calendar.export-following") == 0)
    _caucus_calendar_page_export (self, CAUCUS_EXPORT_IDS, NULL);
  else
    _caucus_calendar_page_export (self, CAUCUS_EXPORT_DEADLINES, NULL);
}

void
_caucus_calendar_page_update_actions (CaucusCalendarPage *self)
{
  gboolean ready = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", ready && !self->importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new-event", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.export-conference",
                                 ready && self->conference_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.export-following", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.export-deadlines", ready);
}

/* Set-up once the window has an application with a store --------------------------------- */

static void
setup_workspace (CaucusCalendarPage *self,
                 CaucusApplication  *application)
{
  CaucusReminders *reminders;

  if (self->store != NULL || application == NULL ||
      caucus_application_get_store (application) == NULL ||
      caucus_application_get_model_index (application) == NULL)
    return;

  g_set_weak_pointer (&self->application, G_APPLICATION (application));
  self->store = g_object_ref (caucus_application_get_store (application));
  self->index = g_object_ref (caucus_application_get_model_index (application));
  self->settings = g_object_ref (caucus_application_get_settings (application));
  self->ctx = caucus_calendar_context_new (self->store);
  {
    g_autofree char *setting = g_settings_get_string (self->settings, "my-time-zone");

    g_free (self->ctx->my_zone);
    self->ctx->my_zone = caucus_calendar_my_zone (setting);
  }
  g_signal_connect_object (self->settings, "changed::my-time-zone",
                           G_CALLBACK (my_zone_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ctx->following, "changed",
                           G_CALLBACK (following_changed_cb), self, G_CONNECT_SWAPPED);

  self->all_events = caucus_document_list_new (self->index, "event");
  g_signal_connect_object (self->all_events, "items-changed",
                           G_CALLBACK (_caucus_calendar_page_update_states), self, G_CONNECT_SWAPPED);
  self->agenda = caucus_document_list_new (self->index, "event");
  caucus_document_list_set_sort (self->agenda, CAUCUS_LIST_SORT_START);
  self->probe = caucus_document_list_new (self->index, "event");
  caucus_document_list_set_sort (self->probe, CAUCUS_LIST_SORT_START);
  _caucus_calendar_page_apply_filters (self);
  caucus_document_list_set_filter (self->agenda, "search", caucus_page_get_search_text (CAUCUS_PAGE (self)));

  _caucus_calendar_page_setup_agenda (self);

  /* One reminder scheduler per application, whichever window made it. */
  reminders = g_object_get_data (G_OBJECT (application), "caucus-reminders");
  if (reminders == NULL)
    {
      reminders = caucus_reminders_new (G_APPLICATION (application), self->index, self->settings);
      g_object_set_data_full (G_OBJECT (application), "caucus-reminders", reminders, g_object_unref);
    }
  /* a new device zone changes "my time" when the setting follows the device */
  g_signal_connect_object (reminders, "system-zone-changed",
                           G_CALLBACK (my_zone_changed_cb), self, G_CONNECT_SWAPPED);

  _caucus_calendar_page_today_date (self, &self->date);
  _caucus_calendar_page_update_actions (self);
  _caucus_calendar_page_update_states (self);
}

static void
window_application_changed_cb (CaucusCalendarPage *self,
                               GParamSpec         *pspec,
                               GtkWindow          *window)
{
  GtkApplication *application = gtk_window_get_application (window);

  if (CAUCUS_IS_APPLICATION (application))
    setup_workspace (self, CAUCUS_APPLICATION (application));
}

static void
root_changed_cb (CaucusCalendarPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root) || self->store != NULL)
    return;
  g_signal_connect_object (root, "notify::application",
                           G_CALLBACK (window_application_changed_cb), self, G_CONNECT_SWAPPED);
  window_application_changed_cb (self, NULL, GTK_WINDOW (root));
}

static void
caucus_calendar_page_map (GtkWidget *widget)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (widget);

  GTK_WIDGET_CLASS (caucus_calendar_page_parent_class)->map (widget);

  root_changed_cb (self);
  /* The agenda opens on what is coming up. */
  if (!self->scrolled_to_today && self->agenda != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) > 0)
    {
      g_autoptr(GDateTime) now = caucus_calendar_context_now (self->ctx);
      g_autofree char *text = caucus_time_format_instant (now);
      guint position = _caucus_calendar_page_agenda_position_at (self, text);

      self->scrolled_to_today = TRUE;
      if (position < g_list_model_get_n_items (G_LIST_MODEL (self->agenda)))
        gtk_widget_activate_action (GTK_WIDGET (self->agenda_view), "list.scroll-to-item", "u", position);
    }
}

static void
caucus_calendar_page_search_changed (CaucusPage *page,
                                     const char *text)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (page);

  if (self->agenda == NULL)
    return;
  caucus_document_list_set_filter (self->agenda, "search", text);
  /* a search shows its results from the top (the agenda keeps its rows: say so) */
  if (self->agenda_view != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->agenda)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->agenda_view), "list.scroll-to-item", "u", 0);
  /* a search looks through the agenda */
  if (text != NULL && *text != '\0')
    {
      gtk_toggle_button_set_active (self->agenda_button, TRUE);
      gtk_stack_set_visible_child_name (self->view_stack, "views");
    }
  _caucus_calendar_page_update_states (self);
  _caucus_calendar_page_queue_refresh (self);
}

/* GObject ------------------------------------------------------------------------------ */

static void
caucus_calendar_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_IMPORTING:
      g_value_set_boolean (value, self->importing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_calendar_page_dispose (GObject *object)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (object);

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  _caucus_calendar_page_forget_place (self);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_weak_pointer (&self->import_dialog);
  g_clear_weak_pointer (&self->import_toast);
  if (self->agenda_view != NULL)
    gtk_grid_view_set_model (self->agenda_view, NULL);
  self->agenda_view = NULL;
  if (self->bound_items != NULL)
    g_hash_table_remove_all (self->bound_items);
  _caucus_calendar_page_clear_day (self);

  G_OBJECT_CLASS (caucus_calendar_page_parent_class)->dispose (object);

  g_clear_object (&self->agenda);
  g_clear_object (&self->all_events);
  g_clear_object (&self->probe);
  g_clear_object (&self->settings);
  g_clear_object (&self->index);
  g_clear_pointer (&self->ctx, caucus_calendar_context_free);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->application);
}

static void
caucus_calendar_page_finalize (GObject *object)
{
  CaucusCalendarPage *self = CAUCUS_CALENDAR_PAGE (object);

  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  g_clear_pointer (&self->conference_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tag_values, g_ptr_array_unref);
  g_clear_pointer (&self->day_rooms, g_ptr_array_unref);
  g_clear_pointer (&self->keep_start, g_free);
  g_clear_pointer (&self->keep_id, g_free);
  g_clear_pointer (&self->conference_id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->detail_id, g_free);

  G_OBJECT_CLASS (caucus_calendar_page_parent_class)->finalize (object);
}

static void
caucus_calendar_page_class_init (CaucusCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaucusPageClass *page_class = CAUCUS_PAGE_CLASS (klass);

  object_class->dispose = caucus_calendar_page_dispose;
  object_class->finalize = caucus_calendar_page_finalize;
  object_class->get_property = caucus_calendar_page_get_property;
  widget_class->map = caucus_calendar_page_map;
  page_class->search_changed = caucus_calendar_page_search_changed;

  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, day_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, today_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, my_time_switch);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, views);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, agenda_stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, agenda_scroller);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, day_scroller);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, month_scroller);
  gtk_widget_class_bind_template_child (widget_class, CaucusCalendarPage, detail_bin);

  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.new-event", NULL, new_event_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.export-conference", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.export-following", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.export-deadlines", NULL, export_action_cb);
}

static void
caucus_calendar_page_init (CaucusCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_items = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->conference_ids = g_ptr_array_new_with_free_func (g_free);
  self->tag_values = g_ptr_array_new_with_free_func (g_free);
  self->day_rooms = g_ptr_array_new_with_free_func (g_free);
  g_date_clear (&self->date, 1);

  _caucus_calendar_page_build_filter_popover (self);
  g_signal_connect_swapped (self->agenda_button, "toggled", G_CALLBACK (_caucus_calendar_page_view_button_toggled_cb), self);
  g_signal_connect_swapped (self->day_button, "toggled", G_CALLBACK (_caucus_calendar_page_view_button_toggled_cb), self);
  g_signal_connect_swapped (self->month_button, "toggled", G_CALLBACK (_caucus_calendar_page_view_button_toggled_cb), self);
  g_signal_connect_swapped (self->today_button, "clicked", G_CALLBACK (caucus_calendar_page_jump_to_today), self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (_caucus_calendar_page_step_cb), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (_caucus_calendar_page_step_cb), self);
  g_signal_connect_swapped (self->my_time_switch, "notify::active", G_CALLBACK (my_time_changed_cb), self);
  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed_cb), NULL);

  _caucus_calendar_page_update_actions (self);
  _caucus_calendar_page_update_range (self);
}

GtkWidget *
caucus_calendar_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_CALENDAR_PAGE, NULL);
}

/* Public API --------------------------------------------------------------------------- */

void
caucus_calendar_page_set_view (CaucusCalendarPage *self,
                               const char         *view)
{
  GtkToggleButton *button;

  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));

  if (g_strcmp0 (view, "day") == 0)
    button = self->day_button;
  else if (g_strcmp0 (view, "month") == 0)
    button = self->month_button;
  else
    button = self->agenda_button;
  /* a button that becomes active shows its view (the "toggled" handler): once, not twice */
  if (!gtk_toggle_button_get_active (button))
    {
      gtk_toggle_button_set_active (button, TRUE);
      return;
    }
  _caucus_calendar_page_show_view (self, view != NULL && (g_str_equal (view, "day") || g_str_equal (view, "month"))
                     ? view : "agenda");
}

const char *
caucus_calendar_page_get_view (CaucusCalendarPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "detail") == 0)
    return "event";
  return gtk_stack_get_visible_child_name (self->views);
}

void
caucus_calendar_page_set_my_time (CaucusCalendarPage *self,
                                  gboolean            my_time)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));

  gtk_switch_set_active (self->my_time_switch, my_time);
}

void
caucus_calendar_page_set_now (CaucusCalendarPage *self,
                              GDateTime          *now)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (self->ctx != NULL);

  g_clear_pointer (&self->ctx->now, g_date_time_unref);
  if (now != NULL)
    self->ctx->now = g_date_time_ref (now);
  _caucus_calendar_page_refresh_rows (self);
}

void
caucus_calendar_page_show_date (CaucusCalendarPage *self,
                                GDate              *date)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->date = *date;
  _caucus_calendar_page_show_view (self, gtk_stack_get_visible_child_name (self->views));
}

GListModel *
caucus_calendar_page_get_agenda (CaucusCalendarPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), NULL);

  return self->agenda != NULL ? G_LIST_MODEL (self->agenda) : NULL;
}

GStrv
caucus_calendar_page_dup_day_rooms (CaucusCalendarPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), NULL);

  for (guint i = 0; i < self->day_rooms->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->day_rooms, i));
  return g_strv_builder_end (builder);
}

guint
caucus_calendar_page_get_month_count (CaucusCalendarPage *self,
                                      guint               day_of_month)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), 0);

  return day_of_month < G_N_ELEMENTS (self->month_counts) ? self->month_counts[day_of_month] : 0;
}

gboolean
caucus_calendar_page_show_event (CaucusCalendarPage *self,
                                 const char         *event_id)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  g_free (self->detail_id);
  self->detail_id = g_strdup (event_id);
  if (!_caucus_calendar_page_build_detail (self))
    return FALSE;
  gtk_stack_set_visible_child_name (self->view_stack, "detail");
  return TRUE;
}

gboolean
caucus_calendar_page_get_importing (CaucusCalendarPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), FALSE);

  return self->importing;
}

GtkWindow *
caucus_calendar_page_get_import_dialog (CaucusCalendarPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_CALENDAR_PAGE (self), NULL);

  return self->import_dialog;
}

void
_caucus_calendar_page_set_importing (CaucusCalendarPage *self,
                                     gboolean            importing)
{
  if (self->importing == importing)
    return;
  self->importing = importing;
  _caucus_calendar_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}
