/* caucus-digest-view.c — "What changed since I last synced" (see caucus-digest-view.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page.h"
#include "caucus-digest.h"
#include "caucus-digest-view.h"
#include "caucus-redline-view.h"
#include "caucus-statements-page.h"
#include "caucus-window.h"

struct _CaucusDigestView
{
  AdwWindow parent_instance;

  CaucusStore *store;
  GPtrArray *entries;          /* CaucusDigestEntry*, borrowed from the controller, ref'd */
  guint n_groups;
  GtkStack *stack;
  GtkWidget *back_button;
  CaucusRedlineView *redline;
  char *redline_statement;
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

/* Shows what the entry is about, then closes the digest. */
static void
go_to (CaucusDigestView *self,
       const char       *doc_type,
       const char       *link_id,
       const char       *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *page_name = caucus_page_for_doc_type (doc_type);
  CaucusPage *page;
  gboolean shown = FALSE;

  if (!CAUCUS_IS_WINDOW (parent) || page_name == NULL ||
      !caucus_window_show_page (CAUCUS_WINDOW (parent), page_name))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  page = caucus_window_get_page (CAUCUS_WINDOW (parent), page_name);
  if (CAUCUS_IS_CALENDAR_PAGE (page) && link_id != NULL)
    shown = caucus_calendar_page_show_event (CAUCUS_CALENDAR_PAGE (page), link_id);
  else if (CAUCUS_IS_STATEMENTS_PAGE (page) && link_id != NULL)
    shown = caucus_statements_page_open (CAUCUS_STATEMENTS_PAGE (page), link_id, NULL);
  if (!shown && page != NULL && title != NULL)
    caucus_page_set_search_text (page, title);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
entry_activated_cb (AdwActionRow     *row,
                    CaucusDigestView *self)
{
  CaucusDigestEntry *e = g_object_get_data (G_OBJECT (row), "entry");
  /* A signature leads to its statement; a removed document to a search for its name. */
  const char *type = g_strcmp0 (e->doc_type, "signature") == 0 ? "statement" : e->doc_type;
  const char *link = e->kind == CAUCUS_DIGEST_CANCELLED_EVENT || e->kind == CAUCUS_DIGEST_REMOVED
                     ? NULL : e->link_id;

  go_to (self, type, link, g_strcmp0 (e->doc_type, "signature") == 0 && e->detail
                             ? e->detail : e->title);
}

static char *
body_at (CaucusStore *store,
         const char  *id,
         const char  *rev)
{
  CaucusGetOptions opts = { .rev = rev };
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, &opts, NULL);
  JsonNode *node = doc ? json_object_get_member (doc, "body") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gboolean
caucus_digest_view_show_redline (CaucusDigestView *self,
                                 guint             index)
{
  CaucusDigestEntry *e;
  g_autofree char *old_body = NULL;
  g_autofree char *new_body = NULL;

  g_return_val_if_fail (CAUCUS_IS_DIGEST_VIEW (self), FALSE);

  if (self->store == NULL || self->entries == NULL || index >= self->entries->len)
    return FALSE;
  e = self->entries->pdata[index];
  if (e->kind != CAUCUS_DIGEST_EDITED_DRAFT || e->old_rev == NULL)
    return FALSE;
  old_body = body_at (self->store, e->doc_id, e->old_rev);
  new_body = body_at (self->store, e->doc_id, e->new_rev);
  if (old_body == NULL || new_body == NULL)
    return FALSE;
  caucus_redline_view_set_texts (self->redline, old_body, new_body);
  g_free (self->redline_statement);
  self->redline_statement = g_strdup (e->doc_id);
  gtk_stack_set_visible_child_name (self->stack, "redline");
  gtk_widget_set_visible (self->back_button, TRUE);
  return TRUE;
}

const char *
caucus_digest_view_get_redline_summary (CaucusDigestView *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIGEST_VIEW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "redline") != 0)
    return NULL;
  return caucus_redline_view_get_summary (self->redline);
}

static void
redline_clicked_cb (GtkButton        *button,
                    CaucusDigestView *self)
{
  caucus_digest_view_show_redline (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                              "index")));
}

static void
back_clicked_cb (CaucusDigestView *self)
{
  gtk_stack_set_visible_child_name (self->stack, "digest");
  gtk_widget_set_visible (self->back_button, FALSE);
}

static void
open_statement_clicked_cb (CaucusDigestView *self)
{
  g_autofree char *id = g_strdup (self->redline_statement);

  go_to (self, "statement", id, NULL);
}

CaucusDigestView *
caucus_digest_view_new (GtkWindow   *parent,
                        CaucusStore *store,
                        GPtrArray   *entries)
{
  CaucusDigestView *self = g_object_new (CAUCUS_TYPE_DIGEST_VIEW, "transient-for", parent,
                                         "modal", TRUE, "default-width", 520,
                                         "default-height", 560,
                                         "title", _("What Changed"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *redline_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *open_button = gtk_button_new_with_mnemonic (_("_Open the Statement"));
  GtkWidget *redline_scroll = gtk_scrolled_window_new ();
  AdwPreferencesGroup *group = NULL;
  int last_kind = -1;

  if (store != NULL)
    self->store = g_object_ref (store);
  if (entries != NULL)
    self->entries = g_ptr_array_ref (entries);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("What Changed"),
                                                         _("since you last synced")));
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the Changes"));
  /* An icon alone: a screen reader needs the name (GTK 4.8 does not take the tooltip). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the Changes"), -1);
  gtk_widget_set_visible (self->back_button, FALSE);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  gtk_box_append (GTK_BOX (box), header);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->redline = CAUCUS_REDLINE_VIEW (caucus_redline_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->redline), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (redline_scroll), GTK_WIDGET (self->redline));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (redline_scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (redline_scroll, TRUE);
  gtk_box_append (GTK_BOX (redline_box), redline_scroll);
  gtk_widget_set_halign (open_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (open_button, 12);
  gtk_widget_add_css_class (open_button, "pill");
  g_signal_connect_swapped (open_button, "clicked", G_CALLBACK (open_statement_clicked_cb), self);
  gtk_box_append (GTK_BOX (redline_box), open_button);

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
      if (e->kind == CAUCUS_DIGEST_EDITED_DRAFT && e->old_rev != NULL && store != NULL)
        {
          GtkWidget *redline = gtk_button_new_with_label (_("Redline"));

          gtk_widget_set_valign (redline, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (redline, _("Show what changed in the text"));
          g_object_set_data (G_OBJECT (redline), "index", GUINT_TO_POINTER (i));
          g_signal_connect (redline, "clicked", G_CALLBACK (redline_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), redline);
        }
      if (page_name != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data (G_OBJECT (row), "entry", e);
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
      gtk_stack_add_named (self->stack, status, "digest");
      g_object_ref_sink (page);
      g_object_unref (page);
    }
  else
    gtk_stack_add_named (self->stack, page, "digest");
  gtk_stack_add_named (self->stack, redline_box, "redline");
  gtk_stack_set_visible_child_name (self->stack, "digest");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
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
caucus_digest_view_finalize (GObject *object)
{
  CaucusDigestView *self = CAUCUS_DIGEST_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->redline_statement, g_free);
  G_OBJECT_CLASS (caucus_digest_view_parent_class)->finalize (object);
}

static void
caucus_digest_view_class_init (CaucusDigestViewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_digest_view_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
caucus_digest_view_init (CaucusDigestView *self)
{
}
