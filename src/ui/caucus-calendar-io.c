/* caucus-calendar-io.c — "Import Schedule…" and "Export to iCalendar…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import runs caucus_formats_import_file_async (its own store connection on a worker
 * thread, one transaction); the page's lists update from the store's "changed" signal,
 * and a dialog lists what changed: added, updated with each field's change, cancelled.
 * A feed that names no zone (FOSDEM 2021) asks for the venue's zone and imports again;
 * any other error is shown with the file, line and reason, and nothing was written.
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-time-zones.h"

#define REPORT_ROWS 300

typedef struct {
  CaucusCalendarPage *page;   /* strong */
  GFile *file;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->page);
  g_clear_object (&job->file);
  g_free (job);
}

static void start_import (CaucusCalendarPage *self,
                          GFile              *file,
                          const char         *zone);

static GtkWindow *
page_window (CaucusCalendarPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_report_rows (GtkListBox *list,
                 GPtrArray  *items,
                 const char *what,
                 guint      *shown)
{
  for (guint i = 0; i < items->len && *shown < REPORT_ROWS; i++, (*shown)++)
    {
      CaucusImportItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (what);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title != NULL ? item->title : item->id);
      for (guint j = 0; item->changes != NULL && j < item->changes->len; j++)
        {
          CaucusImportChange *change = g_ptr_array_index (item->changes, j);

          g_string_append_c (subtitle, '\n');
          g_string_append (subtitle, change->text != NULL ? change->text : change->field);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (list, row);
    }
}

static void
show_report (CaucusCalendarPage *self,
             CaucusImportReport *report)
{
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *list;
  guint shown = 0;
  guint total = report->added->len + report->updated->len + report->cancelled->len;
  g_autofree char *body = NULL;
  g_autofree char *source = g_path_get_basename (report->source != NULL ? report->source : "");

  dialog = adw_message_dialog_new (page_window (self), _("Schedule Imported"), NULL);
  body = g_strdup_printf (_("%s: %u added, %u updated, %u cancelled, %u unchanged; %u new people in the directory."),
                          source,
                          report->added->len, report->updated->len, report->cancelled->len,
                          report->n_unchanged, report->n_persons_added);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);

  if (total > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      add_report_rows (GTK_LIST_BOX (list), report->updated, _("Updated"), &shown);
      add_report_rows (GTK_LIST_BOX (list), report->cancelled, _("Cancelled"), &shown);
      add_report_rows (GTK_LIST_BOX (list), report->added, _("Added"), &shown);
      if (total > shown)
        {
          g_autofree char *more = g_strdup_printf (_("and %u more"), total - shown);
          GtkWidget *label = gtk_label_new (more);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_margin_top (label, 6);
          gtk_widget_set_margin_bottom (label, 6);
          gtk_list_box_append (GTK_LIST_BOX (list), label);
        }
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (report->conference_id != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "show", _("_Show Programme"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show",
                                                  ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "conference-id", g_strdup (report->conference_id), g_free);
    }
  g_set_weak_pointer (&self->import_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CaucusCalendarPage *self)
{
  const char *conference = g_object_get_data (G_OBJECT (dialog), "conference-id");

  if (g_strcmp0 (response, "show") == 0 && conference != NULL)
    {
      caucus_calendar_page_set_filter (self, "conference", conference);
      caucus_calendar_page_set_view (self, "agenda");
    }
}

static void
zone_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  ImportJob        *job)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "zones");
  GtkStringObject *zone = GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (dropdown));

  if (g_strcmp0 (response, "import") == 0 && zone != NULL)
    start_import (job->page, job->file, gtk_string_object_get_string (zone));
}

static void
ask_for_zone (CaucusCalendarPage *self,
              ImportJob          *job,
              const GError       *error)
{
  g_autoptr(GError) list_error = NULL;
  g_auto(GStrv) zones = caucus_time_zones_list (&list_error);
  GtkWidget *dialog;
  GtkWidget *dropdown;
  g_autofree char *basename = g_file_get_basename (job->file);
  guint selected = 0;

  dialog = adw_message_dialog_new (page_window (self), _("In Which Time Zone Is the Venue?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” does not say in which time zone its times are. Choose the venue’s zone to import it."),
                                  basename);
  if (zones == NULL)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), list_error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      import_job_free (job);
      return;
    }
  for (guint i = 0; zones[i] != NULL; i++)
    if (g_strcmp0 (zones[i], self->ctx->my_zone) == 0)
      selected = i;
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) zones);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown),  TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  g_object_set_data (G_OBJECT (dialog), "zones", dropdown);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (zone_response_cb), job,
                         (GClosureNotify) import_job_free, 0);
  g_set_weak_pointer (&self->import_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportJob *job = user_data;
  CaucusCalendarPage *self = job->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusImportReport) report = NULL;

  report = caucus_formats_import_file_finish (CAUCUS_STORE (source), result, &error);
  g_clear_object (&self->import_cancellable);
  if (self->import_toast != NULL)
    adw_toast_dismiss (self->import_toast);
  _caucus_calendar_page_set_importing (self, FALSE);

  if (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_job_free (job);
      return;
    }
  if (report == NULL && g_error_matches (error, CAUCUS_FORMATS_ERROR, CAUCUS_FORMATS_ERROR_NO_ZONE))
    {
      ask_for_zone (self, job, error);
      return;
    }
  if (report == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (page_window (self), _("The Schedule Was Not Imported"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("%s\n\nNothing was changed in the calendar."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      g_set_weak_pointer (&self->import_dialog, GTK_WINDOW (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      import_job_free (job);
      return;
    }

  show_report (self, report);
  g_signal_connect_object (self->import_dialog, "response", G_CALLBACK (report_response_cb), self, 0);
  import_job_free (job);
}

static void
start_import (CaucusCalendarPage *self,
              GFile              *file,
              const char         *zone)
{
  ImportJob *job;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (self->store == NULL || self->importing)
    return;
  if (path == NULL)
    {
      _caucus_calendar_page_toast (self, _("Only files on this computer can be imported"));
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->page = g_object_ref (self);
  job->file = g_object_ref (file);
  self->import_cancellable = g_cancellable_new ();
  _caucus_calendar_page_set_importing (self, TRUE);
  text = g_strdup_printf (_("Importing “%s”…"), basename);
  g_clear_weak_pointer (&self->import_toast);
  {
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_timeout (toast, 0);
    g_set_weak_pointer (&self->import_toast, toast);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
  caucus_formats_import_file_async (self->store, path, NULL, zone, self->import_cancellable,
                                    import_done_cb, job);
}

void
caucus_calendar_page_import_file (CaucusCalendarPage *self,
                                  GFile              *file)
{
  g_return_if_fail (CAUCUS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  start_import (self, file, NULL);
}

static void
import_chooser_response_cb (GtkNativeDialog    *chooser,
                            int                 response,
                            CaucusCalendarPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        start_import (self, file, NULL);
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

void
_caucus_calendar_page_open_import (CaucusCalendarPage *self)
{
  static const char * const all[] = { "*.xml", "*.json", "*.ics", "*.ical", NULL };
  static const char * const schedules[] = { "*.xml", "*.json", NULL };
  static const char * const calendars[] = { "*.ics", "*.ical", NULL };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Schedule"), page_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Schedules and calendars"), all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Conference schedules (frab, pretalx)"), schedules);
  add_filter (GTK_FILE_CHOOSER (chooser), _("iCalendar files"), calendars);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export ------------------------------------------------------------------------------- */

typedef struct {
  CaucusCalendarPage *page;
  CaucusExportKind kind;
  char *event_id;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->page);
  g_free (job->event_id);
  g_free (job);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            ExportJob       *job)
{
  CaucusCalendarPage *self = job->page;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) ids = NULL;
      CaucusExportSelection selection = { job->kind, job->event_id, NULL };

      if (job->kind == CAUCUS_EXPORT_IDS)
        {
          ids = caucus_following_dup_ids (self->ctx->following);
          selection.ids = (const char * const *) ids;
        }
      if (path != NULL && caucus_formats_export_ical (self->store, &selection, path, &error))
        {
          g_autofree char *basename = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), basename);

          _caucus_calendar_page_toast (self, text);
        }
      else if (path != NULL)
        {
          GtkWidget *dialog = adw_message_dialog_new (page_window (self), _("The Calendar Was Not Saved"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  export_job_free (job);
  g_object_unref (chooser);
}

void
_caucus_calendar_page_export (CaucusCalendarPage *self,
                              CaucusExportKind    kind,
                              const char         *event_id)
{
  GtkFileChooserNative *chooser;
  ExportJob *job;
  const char *name = "calendar.ics";
  g_autofree char *event_name = NULL;

  if (self->store == NULL)
    return;
  if (kind == CAUCUS_EXPORT_EVENT && event_id == NULL)
    {
      _caucus_calendar_page_toast (self, _("Choose a conference in the filter first"));
      return;
    }
  if (kind == CAUCUS_EXPORT_IDS && caucus_following_get_count (self->ctx->following) == 0)
    {
      _caucus_calendar_page_toast (self, _("Nothing is followed yet: star sessions to follow them"));
      return;
    }

  if (kind == CAUCUS_EXPORT_EVENT)
    {
      const char *colon = strrchr (event_id, ':');

      event_name = g_strdup_printf ("%s.ics", colon != NULL ? colon + 1 : event_id);
      name = event_name;
    }
  else if (kind == CAUCUS_EXPORT_IDS)
    name = _("following.ics");
  else
    name = _("deadlines.ics");

  job = g_new0 (ExportJob, 1);
  job->page = g_object_ref (self);
  job->kind = kind;
  job->event_id = g_strdup (event_id);

  chooser = gtk_file_chooser_native_new (_("Export to iCalendar"), page_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
