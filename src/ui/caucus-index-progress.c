/* caucus-index-progress.c — the window shown while the workspace index is being built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After an update that changes the index's layout, or when the index is missing or
 * damaged, the model rebuilds it from the store on a worker thread (minutes for 120,000
 * documents).  Every page of the main window lists through that index, so until it is
 * ready the application shows this window instead, at the main window's saved size: what
 * is happening, how far it is, and that quitting is safe.  The main window replaces it
 * when the index is ready.
 */
#include <glib/gi18n.h>

#include "caucus-application.h"
#include "caucus-index-progress.h"

struct _CaucusIndexProgress
{
  AdwApplicationWindow parent_instance;

  GtkProgressBar *bar;
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (CaucusIndexProgress, caucus_index_progress, ADW_TYPE_APPLICATION_WINDOW)

/* Before the first batch is read the total is unknown: the bar pulses. */
static gboolean
pulse_cb (gpointer user_data)
{
  CaucusIndexProgress *self = user_data;

  gtk_progress_bar_pulse (self->bar);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulsing (CaucusIndexProgress *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* "120,000" in the user's locale. */
static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

void
caucus_index_progress_set_progress (CaucusIndexProgress *self,
                                    guint64              done,
                                    guint64              total)
{
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CAUCUS_IS_INDEX_PROGRESS (self));

  stop_pulsing (self);
  done = MIN (done, total);
  if (total == 0 || done == total)
    {
      /* The rows are in; the lists' indexes are being built. */
      gtk_progress_bar_set_fraction (self->bar, 1.0);
      gtk_progress_bar_set_text (self->bar, _("Finishing the index…"));
      return;
    }
  done_text = format_count (done);
  total_text = format_count (total);
  /* Translators: "41,200 of 120,000 documents" read so far while the index is rebuilt. */
  text = g_strdup_printf (ngettext ("%s of %s document", "%s of %s documents", (gulong) MIN (total, G_MAXULONG)),
                          done_text, total_text);
  gtk_progress_bar_set_fraction (self->bar, (double) done / (double) total);
  gtk_progress_bar_set_text (self->bar, text);
}

const char *
caucus_index_progress_get_text (CaucusIndexProgress *self)
{
  g_return_val_if_fail (CAUCUS_IS_INDEX_PROGRESS (self), NULL);

  return gtk_progress_bar_get_text (self->bar);
}

static void
caucus_index_progress_dispose (GObject *object)
{
  CaucusIndexProgress *self = CAUCUS_INDEX_PROGRESS (object);

  stop_pulsing (self);
  G_OBJECT_CLASS (caucus_index_progress_parent_class)->dispose (object);
}

static void
caucus_index_progress_class_init (CaucusIndexProgressClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = caucus_index_progress_dispose;
}

static void
caucus_index_progress_init (CaucusIndexProgress *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Caucus"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Caucus"), NULL));
  gtk_box_append (GTK_BOX (toolbar), header);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "content-loading-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Updating the Workspace Index"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Caucus is preparing this workspace’s lists, filters and search. "
                                     "Your documents are not changed. You can quit at any time: the "
                                     "update goes on the next time you open Caucus."));
  gtk_widget_set_vexpand (status, TRUE);

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), _("Checking the workspace…"));
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (bar), 0.1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Workspace index update"),
                                  -1);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 360);
  adw_clamp_set_child (ADW_CLAMP (clamp), bar);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), clamp);
  gtk_box_append (GTK_BOX (toolbar), status);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), toolbar);
  self->bar = GTK_PROGRESS_BAR (bar);
  self->pulse_id = g_timeout_add (200, pulse_cb, self);
}

CaucusIndexProgress *
caucus_index_progress_new (GtkApplication *application,
                           const char     *workspace_name)
{
  CaucusIndexProgress *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (CAUCUS_TYPE_INDEX_PROGRESS, "application", application, NULL);
  if (CAUCUS_IS_APPLICATION (application))
    {
      /* The main window's saved size, so that it takes this window's place unchanged. */
      GSettings *settings = caucus_application_get_settings (CAUCUS_APPLICATION (application));

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  if (workspace_name != NULL)
    {
      AdwHeaderBar *header = ADW_HEADER_BAR (gtk_widget_get_first_child (adw_application_window_get_content (ADW_APPLICATION_WINDOW (self))));

      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (header)), workspace_name);
    }
  return self;
}
