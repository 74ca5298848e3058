/* caucus-statements-page.c — the Statements page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statements of the workspace (a lazy CaucusDocumentList by title) with their
 * status and sign-on deadline, and the editor of the one selected.  The page shows its
 * empty state until the workspace has a statement.
 */
#include "caucus-statements-page.h"

#include <glib/gi18n.h>

#include "caucus-application.h"
#include "caucus-bidi.h"
#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-statement-labels.h"

struct _CaucusStatementsPage
{
  CaucusPage parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkButton *empty_new_button;
  GtkLabel *count_label;
  GtkButton *new_button;
  GtkListView *list_view;
  AdwLeaflet *leaflet;
  GtkButton *back_button;
  CaucusStatementEditor *editor;

  CaucusModelIndex *index;
  CaucusDocumentList *list;
  GtkSingleSelection *selection;
  CaucusApplication *app;   /* weak */
};

G_DEFINE_FINAL_TYPE (CaucusStatementsPage, caucus_statements_page, CAUCUS_TYPE_PAGE)

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *deadline = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  /* in Arabic an English title starts at the right like the others (caucus-bidi.c) */
  caucus_label_start_on_ui_side (GTK_LABEL (title));
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_widget_add_css_class (status, "statement-status");
  gtk_label_set_xalign (GTK_LABEL (deadline), 0);
  gtk_label_set_ellipsize (GTK_LABEL (deadline), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (deadline, "caption");
  gtk_widget_add_css_class (deadline, "dim-label");
  gtk_box_append (GTK_BOX (line), status);
  gtk_box_append (GTK_BOX (line), deadline);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  CaucusDocument *doc = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *line = gtk_widget_get_next_sibling (title);
  GtkWidget *status = gtk_widget_get_first_child (line);
  GtkWidget *deadline = gtk_widget_get_next_sibling (status);
  const char *state = doc != NULL ? caucus_document_get_string (doc, "status") : NULL;
  g_autofree char *when = doc != NULL ? caucus_statement_dup_deadline_label (doc, FALSE, NULL) : NULL;
  static const char *classes[] = { "accent", "warning", "success", "dim-label", "error" };

  gtk_label_set_label (GTK_LABEL (title), doc != NULL ? caucus_document_get_display_name (doc) : "");
  gtk_label_set_label (GTK_LABEL (status), caucus_statement_status_label (state));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (status, classes[i]);
  if (g_strcmp0 (state, "consultation") == 0)
    gtk_widget_add_css_class (status, "warning");
  else if (g_strcmp0 (state, "final") == 0 || g_strcmp0 (state, "published") == 0)
    gtk_widget_add_css_class (status, "success");
  else if (g_strcmp0 (state, "withdrawn") == 0)
    gtk_widget_add_css_class (status, "dim-label");
  else
    gtk_widget_add_css_class (status, "accent");
  gtk_label_set_label (GTK_LABEL (deadline), when != NULL ? when : "");
}

static void
update_state (CaucusStatementsPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u statement", "%u statements", n), n);
  gboolean was_empty = caucus_page_get_is_empty (CAUCUS_PAGE (self));

  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->empty_new_button), self->index != NULL);
  const char *search = caucus_page_get_search_text (CAUCUS_PAGE (self));

  /* A search that finds nothing keeps the list (and its "no results"); no search is the
   * empty string (caucus_page_get_search_text never returns NULL). */
  gtk_stack_set_visible_child_name (self->stack, n > 0 || *search != '\0' ? "content" : "empty");
  if (was_empty != caucus_page_get_is_empty (CAUCUS_PAGE (self)))
    g_object_notify (G_OBJECT (self), "is-empty");
}

static void
selection_changed_cb (CaucusStatementsPage *self)
{
  CaucusDocument *doc = gtk_single_selection_get_selected_item (self->selection);
  CaucusStatement *open = caucus_statement_editor_get_statement (self->editor);
  g_autoptr(GError) error = NULL;

  if (doc == NULL)
    return;
  if (open != NULL && g_strcmp0 (caucus_document_get_id (CAUCUS_DOCUMENT (open)), caucus_document_get_id (doc)) == 0)
    return;   /* the same statement, refreshed after a save */
  if (!caucus_statement_editor_open (self->editor, caucus_document_get_id (doc), &error))
    caucus_statement_editor_show_message (self->editor, error->message);
}

/* In a narrow window the list and the editor take turns. */
static void
show_editor_cb (CaucusStatementsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
show_list_cb (CaucusStatementsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
items_changed_cb (CaucusStatementsPage *self)
{
  update_state (self);
}

void
caucus_statements_page_set_model_index (CaucusStatementsPage *self,
                                        CaucusModelIndex     *index)
{
  g_return_if_fail (CAUCUS_IS_STATEMENTS_PAGE (self));

  if (!g_set_object (&self->index, index))
    return;
  caucus_statement_editor_set_index (self->editor, index);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (index != NULL)
    {
      self->list = caucus_document_list_new (index, "statement");
      caucus_document_list_set_sort (self->list, CAUCUS_LIST_SORT_NAME);
      if (*caucus_page_get_search_text (CAUCUS_PAGE (self)) != '\0')
        caucus_document_list_set_filter (self->list, "search", caucus_page_get_search_text (CAUCUS_PAGE (self)));
      g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (items_changed_cb), self);
    }
  gtk_single_selection_set_model (self->selection, self->list != NULL ? G_LIST_MODEL (self->list) : NULL);
  update_state (self);
}

gboolean
caucus_statements_page_open (CaucusStatementsPage *self,
                             const char           *statement_id,
                             GError              **error)
{
  CaucusStatement *open;
  gint position;

  g_return_val_if_fail (CAUCUS_IS_STATEMENTS_PAGE (self), FALSE);

  if (self->list != NULL && (position = caucus_document_list_find (self->list, statement_id)) >= 0)
    gtk_single_selection_set_selected (self->selection, (guint) position);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  /* Selecting it may have opened it already. */
  open = caucus_statement_editor_get_statement (self->editor);
  if (open != NULL && g_strcmp0 (caucus_document_get_id (CAUCUS_DOCUMENT (open)), statement_id) == 0)
    return TRUE;
  return caucus_statement_editor_open (self->editor, statement_id, error);
}

static void
new_statement_cb (CaucusStatementsPage *self)
{
  g_autoptr(CaucusDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *who = caucus_statement_editor_get_who (self->editor);

  if (self->index == NULL)
    return;
  doc = caucus_document_new_of_type ("statement", who);
  caucus_document_set_string (doc, "title", _("Untitled statement"));
  caucus_document_set_string (doc, "status", "draft");
  caucus_document_set_string (doc, "body", "");
  if (!caucus_document_save (doc, caucus_model_index_get_store (self->index), who, &error) ||
      !caucus_model_index_refresh (self->index, &error) ||
      !caucus_statements_page_open (self, caucus_document_get_id (doc), &error))
    {
      caucus_statement_editor_show_message (self->editor, error->message);
      return;
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (caucus_statement_editor_get_view (self->editor)));
}

static void
caucus_statements_page_search_changed (CaucusPage *page,
                                       const char *text)
{
  CaucusStatementsPage *self = CAUCUS_STATEMENTS_PAGE (page);

  if (self->list != NULL)
    caucus_document_list_set_filter (self->list, "search", text);
  update_state (self);
}

CaucusStatementEditor *
caucus_statements_page_get_editor (CaucusStatementsPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENTS_PAGE (self), NULL);
  return self->editor;
}

GListModel *
caucus_statements_page_get_list (CaucusStatementsPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_STATEMENTS_PAGE (self), NULL);
  return self->list != NULL ? G_LIST_MODEL (self->list) : NULL;
}

/* The window's template builds its pages before the window has its application, so
 * the index is taken when the page is rooted and again when "application" changes. */
static void
attach_to_application (CaucusStatementsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (self->app != NULL || !CAUCUS_IS_APPLICATION (application))
    return;
  self->app = CAUCUS_APPLICATION (application);
  g_object_add_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
  if (self->index == NULL && caucus_application_get_model_index (self->app) != NULL)
    caucus_statements_page_set_model_index (self, caucus_application_get_model_index (self->app));
}

static void
caucus_statements_page_root (GtkWidget *widget)
{
  CaucusStatementsPage *self = CAUCUS_STATEMENTS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (caucus_statements_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::application", G_CALLBACK (attach_to_application),
                             self, G_CONNECT_SWAPPED);
  attach_to_application (self);
}

static void
caucus_statements_page_dispose (GObject *object)
{
  CaucusStatementsPage *self = CAUCUS_STATEMENTS_PAGE (object);

  if (self->app != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
      self->app = NULL;
    }
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  /* The list view keeps the selection (and the list) a while longer: a store change that
   * arrives meanwhile must not reach the editor, which the template disposes next. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->index);
  G_OBJECT_CLASS (caucus_statements_page_parent_class)->dispose (object);
}

static void
caucus_statements_page_class_init (CaucusStatementsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaucusPageClass *page_class = CAUCUS_PAGE_CLASS (klass);

  object_class->dispose = caucus_statements_page_dispose;
  widget_class->root = caucus_statements_page_root;
  page_class->search_changed = caucus_statements_page_search_changed;

  g_type_ensure (CAUCUS_TYPE_STATEMENT_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-statements-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusStatementsPage, editor);
}

static void
caucus_statements_page_init (CaucusStatementsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->new_button, "clicked", G_CALLBACK (new_statement_cb), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (show_editor_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (show_list_cb), self);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->empty_new_button, "clicked", G_CALLBACK (new_statement_cb), self);
  update_state (self);
}

GtkWidget *
caucus_statements_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_STATEMENTS_PAGE, NULL);
}
