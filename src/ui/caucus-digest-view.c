/* caucus-digest-view.c — "What changed since I last synced" (see caucus-digest-view.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-digest.h"
#include "caucus-digest-view.h"
#include "caucus-window.h"

struct _CaucusDigestView
{
  AdwWindow parent_instance;

  guint n_groups;
};

G_DEFINE_FINAL_TYPE (CaucusDigestView, caucus_digest_view, ADW_TYPE_WINDOW)

const char *
caucus_page_for_doc_type (const char *doc_type)
{
  if (g_strcmp0 (doc_type, "org") == 0 || g_strcmp0 (doc_type, "person") == 0)
    return "directory";
  if (g_strcmp0 (doc_type, "event") == 0)
    return "calendar";
  if (g_strcmp0 (doc_type, "statement") == 0 || g_strcmp0 (doc_type, "signature") == 0 ||
      g_strcmp0 (doc_type, "statement-version") == 0 || g_strcmp0 (doc_type, "comment") == 0)
    return "statements";
  if (g_strcmp0 (doc_type, "pack") == 0)
    return "briefing";
  return NULL;
}

/* Shows the page and narrows it to the entry's title, then closes the digest. */
static void
entry_activated_cb (AdwActionRow     *row,
                    CaucusDigestView *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *page_name = g_object_get_data (G_OBJECT (row), "page");
  const char *title = g_object_get_data (G_OBJECT (row), "search");

  if (CAUCUS_IS_WINDOW (parent) && page_name != NULL &&
      caucus_window_show_page (CAUCUS_WINDOW (parent), page_name))
    {
      CaucusPage *page = caucus_window_get_page (CAUCUS_WINDOW (parent), page_name);
      if (page != NULL && title != NULL)
        caucus_page_set_search_text (page, title);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

CaucusDigestView *
caucus_digest_view_new (GtkWindow *parent,
                        GPtrArray *entries)
{
  CaucusDigestView *self = g_object_new (CAUCUS_TYPE_DIGEST_VIEW, "transient-for", parent,
                                         "modal", TRUE, "default-width", 520,
                                         "default-height", 560,
                                         "title", _("What Changed"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = NULL;
  int last_kind = -1;

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("What Changed"),
                                                         _("since you last synced")));
  gtk_box_append (GTK_BOX (box), header);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      CaucusDigestEntry *e = entries->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      const char *page_name = caucus_page_for_doc_type (e->doc_type);

      if ((int) e->kind != last_kind)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, caucus_digest_kind_heading (e->kind));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
          last_kind = e->kind;
          self->n_groups++;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->title ? e->title : e->doc_id);
      if (e->detail != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->detail);
      if (page_name != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data (G_OBJECT (row), "page", (gpointer) page_name);
          /* A signature leads to its statement. */
          g_object_set_data_full (G_OBJECT (row), "search",
                                  g_strdup (g_strcmp0 (e->doc_type, "signature") == 0 && e->detail
                                            ? e->detail : e->title), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (entry_activated_cb), self);
        }
      adw_preferences_group_add (group, row);
    }

  if (self->n_groups == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing New"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Nobody else changed anything since you last synced."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (box), status);
      g_object_ref_sink (page);
      g_object_unref (page);
    }
  else
    {
      gtk_widget_set_vexpand (page, TRUE);
      gtk_box_append (GTK_BOX (box), page);
    }
  adw_window_set_content (ADW_WINDOW (self), box);
  return self;
}

guint
caucus_digest_view_get_n_groups (CaucusDigestView *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIGEST_VIEW (self), 0);
  return self->n_groups;
}

static void
caucus_digest_view_class_init (CaucusDigestViewClass *klass)
{
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
caucus_digest_view_init (CaucusDigestView *self)
{
}
