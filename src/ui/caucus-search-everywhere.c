/* caucus-search-everywhere.c — one search across the workspace (see the header)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-digest-view.h"
#include "caucus-document-list.h"
#include "caucus-search-everywhere.h"
#include "caucus-window.h"

/* Results per type: enough to find something, few enough to scan. */
#define PER_TYPE_LIMIT 8

static const struct {
  const char *type;
  const char *heading;
} groups[] = {
  { "org", N_("Organisations") },
  { "person", N_("People") },
  { "event", N_("Events") },
  { "statement", N_("Statements") },
};

struct _CaucusSearchEverywhere
{
  AdwWindow parent_instance;

  CaucusStore *store;
  CaucusModelIndex *index;     /* may be NULL */
  GtkSearchEntry *entry;
  GtkListBox *list;
  GtkStack *stack;
  AdwStatusPage *status;
  GPtrArray *types;            /* the type of each row, in order (borrowed statics) */
};

G_DEFINE_FINAL_TYPE (CaucusSearchEverywhere, caucus_search_everywhere, ADW_TYPE_WINDOW)

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *heading = g_object_get_data (G_OBJECT (row), "heading");
  const char *prev = before ? g_object_get_data (G_OBJECT (before), "heading") : NULL;

  if (g_strcmp0 (heading, prev) != 0)
    {
      GtkWidget *label = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static const char *
str_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
title_of (CaucusStore *store,
          const char  *id)
{
  g_autoptr(JsonObject) doc = id ? caucus_store_get (store, id, NULL, NULL) : NULL;
  const char *t = str_member (doc, "name") ? str_member (doc, "name") : str_member (doc, "title");

  return g_strdup (t);
}

static void go_to (CaucusSearchEverywhere *self, const char *type, const char *title);

static void
linked_row_activated_cb (AdwActionRow           *row,
                         CaucusSearchEverywhere *self)
{
  go_to (self, g_object_get_data (G_OBJECT (row), "type"),
         g_object_get_data (G_OBJECT (row), "title"));
}

static void
add_linked_row (AdwExpanderRow         *expander,
                CaucusSearchEverywhere *self,
                const char             *prefix,
                const char             *type,
                const char             *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), prefix);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "type", (gpointer) type);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (linked_row_activated_cb), self);
  adw_expander_row_add_row (expander, row);
  g_object_set_data (G_OBJECT (expander), "n-linked",
                     GUINT_TO_POINTER (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander),
                                                                            "n-linked")) + 1));
}

/* A person leads to their sessions and to the statements their organisation signed. */
static GtkWidget *
person_row (CaucusSearchEverywhere *self,
            CaucusSearchHit        *hit)
{
  g_autoptr(JsonObject) person = caucus_store_get (self->store, hit->id, NULL, NULL);
  const char *org_id = str_member (person, "org_id");
  g_autofree char *org = title_of (self->store, org_id);
  g_autoptr(CaucusDocumentList) sessions = NULL;
  g_autoptr(CaucusDocumentList) signatures = NULL;
  guint n_sessions = 0, n_signed = 0;
  GtkWidget *row;

  if (self->index == NULL)
    return adw_action_row_new ();

  sessions = caucus_document_list_new (self->index, "event");
  caucus_document_list_set_filter (sessions, "involves", hit->id);
  n_sessions = g_list_model_get_n_items (G_LIST_MODEL (sessions));
  if (org_id != NULL)
    {
      signatures = caucus_document_list_new (self->index, "signature");
      caucus_document_list_set_filter (signatures, "involves", org_id);
      n_signed = g_list_model_get_n_items (G_LIST_MODEL (signatures));
    }
  if (n_sessions == 0 && n_signed == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (org != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), org);
      return row;
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  {
    g_autofree char *sessions_text = g_strdup_printf (ngettext ("%u session", "%u sessions",
                                                                n_sessions), n_sessions);
    g_autofree char *signed_text = g_strdup_printf (ngettext ("%u statement signed",
                                                              "%u statements signed", n_signed),
                                                    n_signed);
    g_autofree char *subtitle = g_strdup_printf ("%s%s%s · %s", org ? org : "", org ? " · " : "",
                                                 sessions_text, signed_text);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  }
  for (guint i = 0; i < MIN (n_sessions, 6u); i++)
    {
      g_autofree char *title = title_of (self->store,
                                         caucus_document_list_get_id (sessions, i));
      if (title != NULL)
        add_linked_row (ADW_EXPANDER_ROW (row), self, _("Session"), "event", title);
    }
  for (guint i = 0; i < MIN (n_signed, 6u); i++)
    {
      g_autoptr(JsonObject) sig = caucus_store_get (self->store,
                                                    caucus_document_list_get_id (signatures, i),
                                                    NULL, NULL);
      g_autofree char *title = title_of (self->store, str_member (sig, "statement_id"));
      if (title != NULL && str_member (sig, "withdrawn_at") == NULL)
        add_linked_row (ADW_EXPANDER_ROW (row), self, _("Signed by their organisation"),
                        "statement", title);
    }
  return row;
}

static void search_changed_cb (CaucusSearchEverywhere *self);

void
caucus_search_everywhere_search (CaucusSearchEverywhere *self,
                                 const char             *query)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (CAUCUS_IS_SEARCH_EVERYWHERE (self));

  /* Called from outside: the entry shows what was searched for. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), query ? query : "") != 0)
    {
      g_signal_handlers_block_by_func (self->entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), query ? query : "");
      g_signal_handlers_unblock_by_func (self->entry, search_changed_cb, self);
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->types, 0);

  if (*trimmed == '\0')
    {
      adw_status_page_set_title (self->status, _("Search Everything"));
      adw_status_page_set_description (self->status,
                                       _("Organisations, people, events and statements."));
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = caucus_store_search (self->store, trimmed, groups[g].type,
                                                       PER_TYPE_LIMIT, &error);

      if (hits == NULL)
        {
          adw_status_page_set_title (self->status, _("Search Failed"));
          adw_status_page_set_description (self->status, error->message);
          gtk_stack_set_visible_child_name (self->stack, "status");
          return;
        }
      for (guint i = 0; i < hits->len; i++)
        {
          CaucusSearchHit *hit = hits->pdata[i];
          GtkWidget *row = g_str_equal (groups[g].type, "person")
                           ? person_row (self, hit) : adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         hit->title ? hit->title : hit->id);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !ADW_IS_EXPANDER_ROW (row));
          g_object_set_data (G_OBJECT (row), "heading", (gpointer) gettext (groups[g].heading));
          g_object_set_data (G_OBJECT (row), "type", (gpointer) groups[g].type);
          g_object_set_data_full (G_OBJECT (row), "title",
                                  g_strdup (hit->title ? hit->title : hit->id), g_free);
          gtk_list_box_append (self->list, row);
          g_ptr_array_add (self->types, (gpointer) groups[g].type);
          n++;
        }
    }

  if (n == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing matches “%s”."), trimmed);

      adw_status_page_set_title (self->status, _("No Results"));
      adw_status_page_set_description (self->status, text);
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
search_changed_cb (CaucusSearchEverywhere *self)
{
  caucus_search_everywhere_search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
row_activated_cb (CaucusSearchEverywhere *self,
                  GtkListBoxRow          *row)
{
  go_to (self, g_object_get_data (G_OBJECT (row), "type"),
         g_object_get_data (G_OBJECT (row), "title"));
}

static void
go_to (CaucusSearchEverywhere *self,
       const char             *type,
       const char             *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *page_name = caucus_page_for_doc_type (type);

  if (CAUCUS_IS_WINDOW (parent) && page_name != NULL &&
      caucus_window_show_page (CAUCUS_WINDOW (parent), page_name))
    {
      CaucusPage *page = caucus_window_get_page (CAUCUS_WINDOW (parent), page_name);
      if (page != NULL)
        caucus_page_set_search_text (page, title);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter in the entry opens the first result. */
static void
activate_cb (CaucusSearchEverywhere *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    row_activated_cb (self, first);
}

/* Down from the entry moves into the results. */
static gboolean
entry_key_cb (GtkEventControllerKey  *controller,
              guint                   keyval,
              guint                   keycode,
              GdkModifierType         state,
              CaucusSearchEverywhere *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && first != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first));
      return TRUE;
    }
  return FALSE;
}

CaucusSearchEverywhere *
caucus_search_everywhere_new (GtkWindow        *parent,
                              CaucusStore      *store,
                              CaucusModelIndex *index)
{
  CaucusSearchEverywhere *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  self = g_object_new (CAUCUS_TYPE_SEARCH_EVERYWHERE, "transient-for", parent, "modal", TRUE,
                       "default-width", 560, "default-height", 520,
                       "title", _("Search Everything"), NULL);
  self->store = g_object_ref (store);
  if (index != NULL)
    self->index = g_object_ref (index);
  return self;
}

guint
caucus_search_everywhere_get_n_results (CaucusSearchEverywhere *self)
{
  g_return_val_if_fail (CAUCUS_IS_SEARCH_EVERYWHERE (self), 0);
  return self->types->len;
}

const char *
caucus_search_everywhere_get_result_type (CaucusSearchEverywhere *self,
                                          guint                   index)
{
  g_return_val_if_fail (CAUCUS_IS_SEARCH_EVERYWHERE (self), NULL);
  return index < self->types->len ? self->types->pdata[index] : NULL;
}

guint
caucus_search_everywhere_get_n_linked (CaucusSearchEverywhere *self,
                                       guint                   index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CAUCUS_IS_SEARCH_EVERYWHERE (self), 0);
  row = gtk_list_box_get_row_at_index (self->list, index);
  return row ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "n-linked")) : 0;
}

static void
caucus_search_everywhere_finalize (GObject *object)
{
  CaucusSearchEverywhere *self = CAUCUS_SEARCH_EVERYWHERE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->index);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  G_OBJECT_CLASS (caucus_search_everywhere_parent_class)->finalize (object);
}

static void
caucus_search_everywhere_class_init (CaucusSearchEverywhereClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_search_everywhere_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
caucus_search_everywhere_init (CaucusSearchEverywhere *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->types = g_ptr_array_new ();
  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  g_object_set (self->entry, "placeholder-text",
                _("Search organisations, people, events, statements"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search everything"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (activate_cb), self);
  /* Escape in the entry (where the focus starts) closes the window, as it does
   * anywhere else in it: GtkSearchEntry would otherwise take the key for itself. */
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (gtk_window_close), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status, "edit-find-symbolic");
  /* Nothing in it to act on: without this its scrolled window is a Tab stop
   * that shows no focus and that a screen reader announces without a name. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->status), FALSE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status), "status");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Results"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_stack_add_named (self->stack, scroll, "results");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  caucus_search_everywhere_search (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
