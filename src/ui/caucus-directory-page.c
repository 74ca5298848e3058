/* caucus-directory-page.c — the Directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Organisations or people in a GtkListView over the model's lazy CaucusDocumentList
 * (only the rows on screen are loaded), filtered from the filter popover and searched
 * from the window's search bar (the store's full-text index: accent-insensitive,
 * prefix on the last word).  Beside the list, in an AdwLeaflet that folds below
 * ~660 px, one pane at a time: a detail, the editor, or the balance table.
 *
 * Deleting writes a tombstone and offers Undo in a toast; Undo writes the previous
 * body back on top of the tombstone, so the undo replicates like any edit.
 */
#include <glib/gi18n.h>

#include "caucus-application.h"
#include "caucus-directory-page-private.h"
#include "caucus-directory-row.h"
#include "caucus-document-io.h"
#include "caucus-summary-slots.h"


G_DEFINE_FINAL_TYPE (CaucusDirectoryPage, caucus_directory_page, CAUCUS_TYPE_PAGE)

enum {
  PROP_0,
  PROP_DOC_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- state ---------------------------------------------------------------------- */

void
_caucus_directory_page_update_empty (CaucusDirectoryPage *self)
{
  gboolean loading = self->app != NULL && caucus_application_get_sample_loading (self->app);
  gboolean empty = TRUE;

  if (self->index == NULL)
    {
      const GError *error = self->app != NULL ? caucus_application_get_store_error (self->app) : NULL;

      if (error != NULL)
        {
          adw_status_page_set_title (self->empty_page, _("The Workspace Could Not Be Opened"));
          adw_status_page_set_description (self->empty_page, error->message);
        }
      gtk_widget_set_visible (self->empty_actions, FALSE);
    }
  else
    {
      empty = g_list_model_get_n_items (G_LIST_MODEL (self->all_orgs)) == 0
              && g_list_model_get_n_items (G_LIST_MODEL (self->all_people)) == 0;
      gtk_widget_set_visible (self->empty_actions, TRUE);
    }

  gtk_widget_set_sensitive (self->sample_button, !loading);
  gtk_widget_set_visible (GTK_WIDGET (self->sample_spinner), loading);
  gtk_spinner_set_spinning (self->sample_spinner, loading);

  /* The editor may be open on an empty directory (the first organisation). */
  if (!empty || g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "editor"))
    gtk_stack_set_visible_child_name (self->stack, "content");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
_caucus_directory_page_update_balance (CaucusDirectoryPage *self)
{
  g_autoptr(CaucusBalance) balance = NULL;
  g_autoptr(GError) error = NULL;
  CaucusDocumentList *list;

  if (self->list == NULL)
    return;

  if (caucus_balance_view_get_scope (self->balance_view) == CAUCUS_BALANCE_SCOPE_FILTER)
    list = self->list;
  else
    list = g_str_equal (self->doc_type, "person") ? self->all_people : self->all_orgs;

  balance = caucus_document_list_compute_balance (list, &error);
  if (balance == NULL)
    g_warning ("Could not count the balance: %s", error->message);
  caucus_balance_view_set_balance (self->balance_view, balance);
}

static void
update_status (CaucusDirectoryPage *self)
{
  g_autofree char *text = NULL;
  guint n;
  gboolean is_person;
  gboolean narrowed;

  if (self->list == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  is_person = g_str_equal (self->doc_type, "person");
  narrowed = *caucus_page_get_search_text (CAUCUS_PAGE (self)) != '\0'
             || caucus_filter_popover_count_active (self->filter_popover) > 0;

  if (caucus_document_list_get_search_truncated (self->list))
    text = g_strdup_printf (_("Showing %u matches — type more to narrow the search"), n);
  else if (narrowed)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  else if (is_person)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u organisation", "%u organisations", n), n);

  gtk_label_set_label (self->status_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "no-results");

  if (caucus_filter_popover_count_active (self->filter_popover) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
list_items_changed_cb (CaucusDirectoryPage *self)
{
  update_status (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "balance"))
    _caucus_directory_page_update_balance (self);
}

/* The filter menus of country, expertise, accreditation and tag list the values in
 * use with their counts: one GROUP BY each, and a drop-down whose popup list builds a
 * row per value (up to 200 each) when the page is put in a window.  Nobody sees them
 * before the filter popover opens, so they are filled then (and when a test or an
 * action asks for the popover), and again on the next opening when the data, the
 * index or the type changed since.  Once filled, a change of type refills them at
 * once so that a chosen value and the list's filter stay in step.  The first frame
 * of the page then costs the same whatever the directory holds. */
static void
ensure_filter_values (CaucusDirectoryPage *self)
{
  if (self->index == NULL || !self->filter_values_stale)
    return;
  self->filter_values_stale = FALSE;
  self->filter_values_filled = TRUE;
  caucus_filter_popover_set_source (self->filter_popover, self->index, self->doc_type);
}

static void
filter_popover_show_cb (CaucusDirectoryPage *self)
{
  ensure_filter_values (self);
}

static void
all_items_changed_cb (CaucusDirectoryPage *self)
{
  self->filter_values_stale = TRUE;
  _caucus_directory_page_update_empty (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "balance"))
    _caucus_directory_page_update_balance (self);
}

void
_caucus_directory_page_show_pane (CaucusDirectoryPage *self,
           const char          *pane)
{
  gtk_stack_set_visible_child_name (self->detail_stack, pane);
  if (!g_str_equal (pane, "none"))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  _caucus_directory_page_update_actions (self);
}

/* Rebuilds the list for the current type, keeping the search and the filters. */
static void
rebuild_list (CaucusDirectoryPage *self)
{
  const char *search = caucus_page_get_search_text (CAUCUS_PAGE (self));

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (self->index == NULL)
    return;

  self->list = caucus_document_list_new (self->index, self->doc_type);
  caucus_filter_popover_apply (self->filter_popover, self->list);
  caucus_document_list_set_filter (self->list, "search", *search != '\0' ? search : NULL);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (list_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Rows bind position-stable slots showing summaries from the index (a search keeps
   * the rows); the document is loaded only for the detail. */
  {
    g_autoptr(CaucusSlotModel) slots = caucus_slot_model_new (self->list);

    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (slots));
  }
  update_status (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "balance"))
    _caucus_directory_page_update_balance (self);
}

void
_caucus_directory_page_update_actions (CaucusDirectoryPage *self)
{
  gboolean has_document = caucus_document_detail_get_document (self->detail) != NULL
                          && g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack),
                                          "detail");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.edit", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.undo-delete", self->undo_body != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.new", self->index != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.load-sample", self->app != NULL
                                 && caucus_application_get_store (self->app) != NULL);
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, caucus_directory_row_new ());
}

/* No unbind handler: a row keeps following its slot until it is bound to another one
 * (GTK 4.8 unbinds and rebinds a row it keeps across items-changed; the row then sees
 * the same slot and summary and skips the work). */
static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  caucus_directory_row_set_slot (CAUCUS_DIRECTORY_ROW (gtk_list_item_get_child (item)),
                                 gtk_list_item_get_item (item));
}

void
_caucus_directory_page_show_detail (CaucusDirectoryPage *self,
             CaucusDocument      *document)
{
  caucus_document_detail_set_document (self->detail, document);
  _caucus_directory_page_show_pane (self, document != NULL ? "detail" : "none");
}

static void
list_activated_cb (CaucusDirectoryPage *self,
                   guint                position)
{
  g_autoptr(CaucusDocument) document = NULL;

  if (self->list == NULL)
    return;

  document = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  gtk_single_selection_set_selected (self->selection, position);
  _caucus_directory_page_show_detail (self, document);
}

static void
open_document_cb (CaucusDirectoryPage *self,
                  const char          *id)
{
  caucus_directory_page_show_document (self, id);
}

static void
editor_saved_cb (CaucusDirectoryPage *self,
                 const char          *id)
{
  caucus_directory_page_show_document (self, id);
}

static void
editor_cancelled_cb (CaucusDirectoryPage *self)
{
  if (caucus_document_detail_get_document (self->detail) != NULL)
    _caucus_directory_page_show_pane (self, "detail");
  else
    {
      _caucus_directory_page_show_pane (self, "none");
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  _caucus_directory_page_update_empty (self);
}

/* The id of the highlighted row, or NULL. */
static char *
dup_selected_id (CaucusDirectoryPage *self)
{
  CaucusSummarySlot *slot = gtk_single_selection_get_selected_item (self->selection);
  CaucusDocumentSummary *summary = slot != NULL ? caucus_summary_slot_get_summary (slot) : NULL;

  return summary != NULL ? g_strdup (caucus_document_summary_get_id (summary)) : NULL;
}

/* After a search or filter change replaced the list's content: the highlight follows
 * the entry it was on while that entry is still listed, and goes away otherwise (the
 * rows keep their positions across a replacement, so a highlight left alone would
 * stay on whatever entry now sits at its position). */
static void
reselect (CaucusDirectoryPage *self,
          const char          *id)
{
  gint position = -1;

  if (id != NULL && self->list != NULL)
    position = caucus_document_list_find (self->list, id);
  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
}

static void
filters_changed_cb (CaucusDirectoryPage *self)
{
  g_autofree char *selected = NULL;

  if (self->list == NULL)
    return;

  selected = dup_selected_id (self);
  caucus_filter_popover_apply (self->filter_popover, self->list);
  reselect (self, selected);
  update_status (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "balance"))
    _caucus_directory_page_update_balance (self);
}

static void
balance_scope_changed_cb (CaucusDirectoryPage *self)
{
  _caucus_directory_page_update_balance (self);
}

static void
leaflet_folded_cb (CaucusDirectoryPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  caucus_document_detail_set_show_back (self->detail, folded);
  gtk_widget_set_visible (self->balance_back_button, folded);
  /* Folded, a highlighted row would suggest its detail is beside it. */
  if (folded)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
sample_loading_changed_cb (CaucusDirectoryPage *self)
{
  _caucus_directory_page_update_empty (self);
  _caucus_directory_page_update_actions (self);
}

static void
caucus_directory_page_search_changed (CaucusPage *page,
                                      const char *text)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (page);
  g_autofree char *selected = NULL;

  if (self->list == NULL)
    return;

  /* The detail beside the list stays whatever the result; the highlight stays on its
   * entry while the entry is among the results. */
  selected = dup_selected_id (self);
  caucus_document_list_set_filter (self->list, "search", *text != '\0' ? text : NULL);
  reselect (self, selected);
  update_status (self);
}

/* ---- GObject -------------------------------------------------------------------- */

/* Takes the index of the application of the window the page is in.  The window's
 * template builds its pages before the window gets its application, so this runs
 * again when the window's "application" changes. */
static void
attach_to_application (CaucusDirectoryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application;

  if (self->app != NULL)
    return;

  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (!CAUCUS_IS_APPLICATION (application))
    return;

  self->app = CAUCUS_APPLICATION (application);
  g_object_add_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
  g_signal_connect_object (self->app, "notify::sample-loading",
                           G_CALLBACK (sample_loading_changed_cb), self, G_CONNECT_SWAPPED);

  if (self->index == NULL && caucus_application_get_model_index (self->app) != NULL)
    caucus_directory_page_set_model_index (self, caucus_application_get_model_index (self->app));
  else
    {
      _caucus_directory_page_update_empty (self);
      _caucus_directory_page_update_actions (self);
    }
}

static void
caucus_directory_page_root (GtkWidget *widget)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (caucus_directory_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::application", G_CALLBACK (attach_to_application),
                             self, G_CONNECT_SWAPPED);
  attach_to_application (self);
}

static void
caucus_directory_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOC_TYPE:
      g_value_set_string (value, self->doc_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_directory_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOC_TYPE:
      caucus_directory_page_set_doc_type (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_directory_page_dispose (GObject *object)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (object);

  if (self->app != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
      self->app = NULL;
    }
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->all_orgs != NULL)
    g_signal_handlers_disconnect_by_data (self->all_orgs, self);
  if (self->all_people != NULL)
    g_signal_handlers_disconnect_by_data (self->all_people, self);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->all_orgs);
  g_clear_object (&self->all_people);
  g_clear_object (&self->index);
  g_clear_pointer (&self->undo_body, json_object_unref);

  G_OBJECT_CLASS (caucus_directory_page_parent_class)->dispose (object);
}

static void
caucus_directory_page_finalize (GObject *object)
{
  CaucusDirectoryPage *self = CAUCUS_DIRECTORY_PAGE (object);

  g_free (self->doc_type);

  G_OBJECT_CLASS (caucus_directory_page_parent_class)->finalize (object);
}

static void
caucus_directory_page_class_init (CaucusDirectoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaucusPageClass *page_class = CAUCUS_PAGE_CLASS (klass);

  object_class->dispose = caucus_directory_page_dispose;
  object_class->finalize = caucus_directory_page_finalize;
  object_class->get_property = caucus_directory_page_get_property;
  object_class->set_property = caucus_directory_page_set_property;
  widget_class->root = caucus_directory_page_root;
  page_class->search_changed = caucus_directory_page_search_changed;

  properties[PROP_DOC_TYPE] =
    g_param_spec_string ("doc-type", NULL, NULL, "org",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CAUCUS_TYPE_BALANCE_VIEW);
  g_type_ensure (CAUCUS_TYPE_DOCUMENT_DETAIL);
  g_type_ensure (CAUCUS_TYPE_DOCUMENT_EDITOR);
  g_type_ensure (CAUCUS_TYPE_FILTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, empty_actions);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, editor);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, balance_view);
  gtk_widget_class_bind_template_child (widget_class, CaucusDirectoryPage, balance_back_button);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_document_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, balance_scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_property_action (widget_class, "directory.show-type", "doc-type");
  _caucus_directory_page_install_actions (widget_class);
}

void
_caucus_directory_page_load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/caucusapp/Caucus/caucus-directory.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static void
caucus_directory_page_init (CaucusDirectoryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->doc_type = g_strdup ("org");
  gtk_widget_init_template (GTK_WIDGET (self));
  _caucus_directory_page_load_css ();

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);

  g_signal_connect_object (self->filter_popover, "show", G_CALLBACK (filter_popover_show_cb),
                           self, G_CONNECT_SWAPPED);

  leaflet_folded_cb (self);
  _caucus_directory_page_update_actions (self);
}

/* ---- public --------------------------------------------------------------------- */

GtkWidget *
caucus_directory_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_DIRECTORY_PAGE, NULL);
}

void
caucus_directory_page_set_model_index (CaucusDirectoryPage *self,
                                       CaucusModelIndex    *index)
{
  g_return_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (CAUCUS_IS_MODEL_INDEX (index));

  if (self->index == index)
    return;

  g_set_object (&self->index, index);
  if (self->all_orgs != NULL)
    g_signal_handlers_disconnect_by_data (self->all_orgs, self);
  if (self->all_people != NULL)
    g_signal_handlers_disconnect_by_data (self->all_people, self);
  g_clear_object (&self->all_orgs);
  g_clear_object (&self->all_people);
  self->all_orgs = caucus_document_list_new (index, "org");
  self->all_people = caucus_document_list_new (index, "person");
  g_signal_connect_object (self->all_orgs, "items-changed", G_CALLBACK (all_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->all_people, "items-changed", G_CALLBACK (all_items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  caucus_document_detail_set_index (self->detail, index);
  caucus_document_editor_set_index (self->editor, index);
  self->filter_values_stale = TRUE;
  if (self->filter_values_filled || gtk_widget_get_visible (GTK_WIDGET (self->filter_popover)))
    ensure_filter_values (self);
  rebuild_list (self);

  /* A form left unsaved by the last session (closed, or killed) comes back as it was. */
  if (caucus_document_editor_restore_draft (self->editor))
    {
      g_autofree char *title = NULL;
      CaucusDocument *draft = caucus_document_editor_get_document (self->editor);
      const char *name = caucus_document_get_string (draft, "name");

      if (name != NULL && *name != '\0')
        title = g_strdup_printf (_("Your unsaved changes to “%s” were kept"), name);
      else
        title = g_strdup (_("Your unsaved form was kept"));
      _caucus_directory_page_show_pane (self, "editor");
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }

  _caucus_directory_page_update_empty (self);
  _caucus_directory_page_update_actions (self);
}

const char *
caucus_directory_page_get_doc_type (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->doc_type;
}

void
caucus_directory_page_set_doc_type (CaucusDirectoryPage *self,
                                    const char          *type)
{
  g_return_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (g_strcmp0 (type, "org") == 0 || g_strcmp0 (type, "person") == 0);

  if (g_strcmp0 (self->doc_type, type) == 0)
    return;

  g_free (self->doc_type);
  self->doc_type = g_strdup (type);
  self->filter_values_stale = TRUE;
  if (self->filter_values_filled || gtk_widget_get_visible (GTK_WIDGET (self->filter_popover)))
    ensure_filter_values (self);
  rebuild_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOC_TYPE]);
}

gboolean
caucus_directory_page_show_document (CaucusDirectoryPage *self,
                                     const char          *id)
{
  g_autoptr(CaucusDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint position = -1;

  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->index == NULL)
    return FALSE;

  document = caucus_document_load (caucus_model_index_get_store (self->index), id, &error);
  if (document == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }

  if (self->list != NULL)
    position = caucus_document_list_find (self->list, id);
  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 && !adw_leaflet_get_folded (self->leaflet)
                                       ? (guint) position : GTK_INVALID_LIST_POSITION);
  _caucus_directory_page_show_detail (self, document);
  _caucus_directory_page_update_empty (self);
  return TRUE;
}

CaucusDocumentList *
caucus_directory_page_get_list (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->list;
}

GtkGridView *
caucus_directory_page_get_list_view (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->list_view;
}

CaucusFilterPopover *
caucus_directory_page_get_filter_popover (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  ensure_filter_values (self);
  return self->filter_popover;
}

CaucusDocumentDetail *
caucus_directory_page_get_detail (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->detail;
}

CaucusDocumentEditor *
caucus_directory_page_get_editor (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->editor;
}

CaucusBalanceView *
caucus_directory_page_get_balance_view (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return self->balance_view;
}

const char *
caucus_directory_page_get_pane (CaucusDirectoryPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_DIRECTORY_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->detail_stack);
}
