/* test-directory.c — display tests of the Directory page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application (its store in a fresh data folder) and window under
 * Xvfb, loads the sample workspace through the page's button, and drives the page
 * through its actions, asserting on the model lists, the widgets and the store.
 */
#include <gtk/gtk.h>
#include <locale.h>

#include "caucus-application.h"
#include "caucus-directory-page.h"
#include "caucus-directory-row.h"
#include "caucus-document-io.h"
#include "caucus-document-types.h"
#include "caucus-json.h"
#include "caucus-org-chooser.h"
#include "caucus-sample.h"
#include "caucus-summary-slots.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"
#include "caucus-window.h"

static CaucusApplication *app;
static CaucusWindow *window;
static CaucusDirectoryPage *page;
static GPtrArray *sample_docs;

/* Widget helpers ----------------------------------------------------------- */

/* How many mapped widgets of @type there are below @root (@root included). */
static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  caucus_test_find_mapped (root, type, found);
  return found->len;
}

/* Sample and list helpers -------------------------------------------------- */

static guint
count_sample (const char *type,
              const char *member,
              const char *value)
{
  guint n = 0;

  for (guint i = 0; i < sample_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (sample_docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), type) != 0)
        continue;
      if (member == NULL
          || g_strcmp0 (json_object_get_string_member_with_default (doc, member, NULL), value) == 0)
        n++;
    }

  return n;
}

static CaucusDocumentList *
list (void)
{
  return caucus_directory_page_get_list (page);
}

static guint
n_listed (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list ()));
}

static gboolean
list_has (const char *id)
{
  return caucus_document_list_find (list (), id) >= 0;
}

typedef struct {
  const char *id;
  gboolean present;
} ListWait;

static gboolean
list_has_cond (gpointer data)
{
  ListWait *wait = data;

  return list_has (wait->id) == wait->present;
}

static gboolean
list_count_is (gpointer data)
{
  return n_listed () == GPOINTER_TO_UINT (data);
}

static void
search (const char *text)
{
  caucus_page_set_search_text (CAUCUS_PAGE (page), text);
  caucus_test_iterate_ms (20);
}

static CaucusStore *
store (void)
{
  return caucus_application_get_store (app);
}

static void
set_row_text (CaucusDocumentEditor *editor,
              const char           *member,
              const char           *text)
{
  GtkWidget *row = caucus_document_editor_get_row (editor, member);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Tests ------------------------------------------------------------------- */

static void
test_sample_loads (void)
{
  CaucusStoreInfo info;
  guint n_orgs = count_sample ("org", NULL, NULL);

  g_assert_nonnull (store ());
  g_assert_true (caucus_page_get_is_empty (CAUCUS_PAGE (page)));
  g_assert_nonnull (caucus_application_get_model_index (app));

  /* The empty page offers the sample; its button is an action of the page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.load-sample", NULL));
  caucus_test_wait_until (list_count_is, GUINT_TO_POINTER (n_orgs), 15, "the sample's organisations are listed");

  g_assert_false (caucus_page_get_is_empty (CAUCUS_PAGE (page)));
  g_assert_cmpuint (n_orgs, ==, 24);
  g_assert_true (caucus_store_get_info (store (), &info, NULL));
  g_assert_cmpint (info.doc_count, ==, sample_docs->len);

  /* Only the rows on screen are built: fewer row widgets than organisations, but some. */
  caucus_test_iterate_ms (100);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (page), CAUCUS_TYPE_DIRECTORY_ROW), >, 0);

  /* Activating a row, as a click does, shows that organisation beside the list. */
  g_signal_emit_by_name (caucus_directory_page_get_list_view (page), "activate", 0);
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "detail");
  g_assert_cmpstr (caucus_document_get_id (caucus_document_detail_get_document (caucus_directory_page_get_detail (page))),
                   ==, caucus_document_list_get_id (list (), 0));

  caucus_directory_page_set_doc_type (page, "person");
  g_assert_cmpuint (n_listed (), ==, count_sample ("person", NULL, NULL));
  caucus_directory_page_set_doc_type (page, "org");
  g_assert_cmpuint (n_listed (), ==, n_orgs);
}

static void
test_search (void)
{
  search ("reporters");
  g_assert_cmpuint (n_listed (), ==, 1);
  g_assert_true (list_has ("org:rsf"));

  /* Accent-insensitive, and the last word matches as a prefix. */
  search ("frontieres");
  g_assert_true (list_has ("org:rsf"));
  search ("fronti");
  g_assert_true (list_has ("org:rsf"));
  g_assert_true (list_has ("org:eff"));
  search ("FRONTIÈRES");
  g_assert_true (list_has ("org:rsf"));
  g_assert_false (list_has ("org:eff"));

  search ("zzzqqq");
  g_assert_cmpuint (n_listed (), ==, 0);

  /* Any script. */
  search ("مامفاكينش");
  g_assert_true (list_has ("org:mamfakinch"));

  caucus_directory_page_set_doc_type (page, "person");
  search ("veronica");
  g_assert_true (list_has ("person:veronica-ferrari"));
  g_assert_cmpuint (n_listed (), ==, 1);
  search ("Pavlína");
  g_assert_true (list_has ("person:pavlina-pavlova"));

  search (NULL);
  g_assert_cmpuint (n_listed (), ==, count_sample ("person", NULL, NULL));
  caucus_directory_page_set_doc_type (page, "org");
  g_assert_cmpuint (n_listed (), ==, count_sample ("org", NULL, NULL));
}

/* The id of the highlighted row, or NULL. */
static const char *
selected_id (void)
{
  GtkSelectionModel *model = gtk_grid_view_get_model (caucus_directory_page_get_list_view (page));
  CaucusSummarySlot *slot = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
  CaucusDocumentSummary *summary = slot != NULL ? caucus_summary_slot_get_summary (slot) : NULL;

  return summary != NULL ? caucus_document_summary_get_id (summary) : NULL;
}

static guint
selected_position (void)
{
  GtkSelectionModel *model = gtk_grid_view_get_model (caucus_directory_page_get_list_view (page));

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
}

static const char *
sample_string (const char *id,
               const char *member)
{
  for (guint i = 0; i < sample_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (sample_docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "_id", NULL), id) == 0)
        return json_object_get_string_member_with_default (doc, member, NULL);
    }
  return NULL;
}

/* A search or a filter keeps the highlighted entry highlighted while it is among the
 * results (at its new position), and highlights nothing once it is not. */
static void
test_selection_follows_results (void)
{
  CaucusFilterPopover *filters = caucus_directory_page_get_filter_popover (page);
  const char *group = sample_string ("org:rsf", "regional_group");
  const char *other_group = g_strcmp0 (group, "African") == 0 ? "GRULAC" : "African";
  guint before;

  g_assert_nonnull (group);
  g_assert_true (caucus_directory_page_show_document (page, "org:rsf"));
  g_assert_cmpstr (selected_id (), ==, "org:rsf");
  before = selected_position ();

  search ("fronti");
  g_assert_cmpuint (n_listed (), >=, 2);
  g_assert_cmpstr (selected_id (), ==, "org:rsf");
  g_assert_cmpint (selected_position (), ==, caucus_document_list_find (list (), "org:rsf"));
  g_assert_cmpuint (selected_position (), !=, before);   /* it moved, and the highlight with it */

  search ("reporters");
  g_assert_cmpuint (selected_position (), ==, 0);
  g_assert_cmpstr (selected_id (), ==, "org:rsf");

  search ("zealand");
  g_assert_false (list_has ("org:rsf"));
  g_assert_cmpuint (selected_position (), ==, GTK_INVALID_LIST_POSITION);
  search (NULL);
  g_assert_cmpuint (selected_position (), ==, GTK_INVALID_LIST_POSITION);
  /* The detail beside the list stays. */
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "detail");

  /* Filters: kept by its own group, gone with another one. */
  g_assert_true (caucus_directory_page_show_document (page, "org:rsf"));
  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", group));
  g_assert_cmpstr (selected_id (), ==, "org:rsf");
  g_assert_cmpint (selected_position (), ==, caucus_document_list_find (list (), "org:rsf"));
  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", other_group));
  g_assert_cmpuint (selected_position (), ==, GTK_INVALID_LIST_POSITION);
  caucus_filter_popover_clear (filters);
  g_assert_cmpuint (n_listed (), ==, count_sample ("org", NULL, NULL));
}

static void
test_filters (void)
{
  CaucusFilterPopover *filters = caucus_directory_page_get_filter_popover (page);

  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", "African"));
  g_assert_cmpuint (n_listed (), ==, count_sample ("org", "regional_group", "African"));
  g_assert_true (list_has ("org:apc"));
  g_assert_false (list_has ("org:eff"));

  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", "Asia-Pacific"));
  g_assert_cmpuint (n_listed (), ==, count_sample ("org", "regional_group", "Asia-Pacific"));

  /* Filters combine with each other and with the search. */
  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", "WEOG"));
  g_assert_true (caucus_filter_popover_set_value (filters, "kind", "government"));
  g_assert_cmpuint (n_listed (), ==, 2);
  search ("zealand");
  g_assert_cmpuint (n_listed (), ==, 1);
  g_assert_true (list_has ("org:nz-mfat"));
  search (NULL);

  /* Values offered come from the documents: a tag of the sample is offered. */
  caucus_filter_popover_clear (filters);
  g_assert_true (caucus_filter_popover_set_value (filters, "tag", "wcit-statement"));
  g_assert_true (list_has ("org:rsf"));
  g_assert_false (caucus_filter_popover_set_value (filters, "tag", "no-such-tag"));
  g_assert_true (caucus_filter_popover_set_value (filters, "country", "CA"));
  g_assert_true (list_has ("org:cippic"));

  caucus_filter_popover_clear (filters);
  g_assert_cmpuint (n_listed (), ==, count_sample ("org", NULL, NULL));

  /* People are filtered by their organisation's kind. */
  caucus_directory_page_set_doc_type (page, "person");
  filters = caucus_directory_page_get_filter_popover (page);
  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", "GRULAC"));
  g_assert_cmpuint (n_listed (), ==, count_sample ("person", "regional_group", "GRULAC"));
  caucus_filter_popover_clear (filters);
  caucus_directory_page_set_doc_type (page, "org");
}

static void
test_balance (void)
{
  CaucusBalanceView *view = caucus_directory_page_get_balance_view (page);
  CaucusFilterPopover *filters = caucus_directory_page_get_filter_popover (page);
  const CaucusBalance *balance;
  guint weog_cs = 0;
  GtkLabel *cell;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.show-balance", NULL));
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "balance");

  balance = caucus_balance_view_get_balance (view);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, count_sample ("org", NULL, NULL));
  for (guint i = 0; i < sample_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (sample_docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "org") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (doc, "kind", ""), "civil-society") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (doc, "regional_group", ""), "WEOG") == 0)
        weog_cs++;
    }
  g_assert_cmpuint (caucus_balance_get (balance, "WEOG", "civil-society"), ==, weog_cs);
  g_assert_cmpuint (caucus_balance_get (balance, "African", "media"), ==, 1);

  cell = caucus_balance_view_get_cell (view, caucus_balance_group_index ("WEOG"),
                                       caucus_balance_kind_index ("civil-society"));
  g_assert_cmpuint (g_ascii_strtoull (gtk_label_get_label (cell), NULL, 10), ==, weog_cs);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cell), "caucus-gap"));

  /* No GRULAC organisation in the sample: a gap, marked. */
  cell = caucus_balance_view_get_cell (view, caucus_balance_group_index ("GRULAC"),
                                       caucus_balance_kind_index ("civil-society"));
  g_assert_cmpstr (gtk_label_get_label (cell), ==, "0");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "caucus-gap"));
  g_assert_cmpuint (caucus_balance_count_gaps (balance), >, 0);

  /* The current filter's balance counts only what the list shows. */
  g_assert_true (caucus_filter_popover_set_value (filters, "regional_group", "African"));
  caucus_balance_view_set_scope (view, CAUCUS_BALANCE_SCOPE_FILTER);
  balance = caucus_balance_view_get_balance (view);
  g_assert_cmpuint (caucus_balance_get_total (balance), ==, count_sample ("org", "regional_group", "African"));
  g_assert_cmpuint (caucus_balance_get_group_total (balance, "WEOG"), ==, 0);
  caucus_balance_view_set_scope (view, CAUCUS_BALANCE_SCOPE_ALL);
  g_assert_cmpuint (caucus_balance_get_total (caucus_balance_view_get_balance (view)), ==,
                    count_sample ("org", NULL, NULL));
  caucus_filter_popover_clear (filters);
}

static void
test_create_and_invalid_edit (void)
{
  CaucusDocumentEditor *editor = caucus_directory_page_get_editor (page);
  CaucusDocument *created;
  g_autoptr(CaucusDocument) stored = NULL;
  g_autoptr(CaucusDocument) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *rev = NULL;
  ListWait wait = { NULL, TRUE };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.new", NULL));
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "editor");
  /* An untouched new form shows no problem, but cannot be saved without a name. */
  g_assert_null (caucus_document_editor_get_problem (editor, "name"));
  g_assert_false (caucus_document_editor_get_can_save (editor));

  set_row_text (editor, "name", "Asociación Pública de Prueba");
  set_row_text (editor, "countries", "NZ, xx");
  g_assert_nonnull (caucus_document_editor_get_problem (editor, "countries"));
  g_assert_null (caucus_document_editor_get_problem (editor, "name"));
  g_assert_false (caucus_document_editor_get_can_save (editor));
  set_row_text (editor, "countries", "NZ, CL");
  g_assert_null (caucus_document_editor_get_problem (editor, "countries"));
  set_row_text (editor, "expertise", "privacy, content moderation");
  g_assert_true (caucus_document_editor_get_can_save (editor));

  /* What is typed is already in the store, before any save. */
  {
    g_autoptr(JsonObject) draft = caucus_store_get_local (store (), "_local/caucus-directory-draft", NULL);

    g_assert_nonnull (draft);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (draft, "document"), "name"),
                     ==, "Asociación Pública de Prueba");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  created = caucus_document_editor_get_document (editor);
  id = g_strdup (caucus_document_get_id (created));
  g_assert_nonnull (id);
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "detail");

  g_assert_null (caucus_store_get_local (store (), "_local/caucus-directory-draft", NULL));
  stored = caucus_document_load (store (), id, NULL);
  g_assert_nonnull (stored);
  g_assert_true (caucus_document_is_valid (stored));
  g_assert_cmpstr (caucus_document_get_string (stored, "name"), ==, "Asociación Pública de Prueba");
  wait.id = id;
  caucus_test_wait_until (list_has_cond, &wait, 15, "the new organisation is listed");
  search ("asociacion");
  g_assert_true (list_has (id));
  search (NULL);

  /* Sorted by most recently changed, the new organisation comes first. */
  {
    GtkDropDown *sort = NULL;
    CaucusFilterPopover *filters = caucus_directory_page_get_filter_popover (page);

    sort = GTK_DROP_DOWN (caucus_test_find_type (GTK_WIDGET (filters), GTK_TYPE_DROP_DOWN));
    gtk_drop_down_set_selected (sort, 1);
    g_assert_cmpint (caucus_document_list_get_sort (list ()), ==, CAUCUS_LIST_SORT_UPDATED);
    g_assert_cmpstr (caucus_document_list_get_id (list (), 0), ==, id);
    gtk_drop_down_set_selected (sort, 0);
    g_assert_cmpint (caucus_document_list_get_sort (list ()), ==, CAUCUS_LIST_SORT_NAME);
  }

  /* An invalid edit is refused, the problem shown beside the field, nothing written. */
  rev = g_strdup (caucus_document_get_rev (stored));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.edit", NULL));
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "editor");
  set_row_text (editor, "website", "not a web address");
  g_assert_nonnull (caucus_document_editor_get_problem (editor, "website"));
  g_assert_null (caucus_document_editor_get_problem (editor, "name"));
  g_assert_false (caucus_document_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  after = caucus_document_load (store (), id, NULL);
  g_assert_cmpstr (caucus_document_get_rev (after), ==, rev);
  g_assert_null (caucus_document_get_string (after, "website"));

  set_row_text (editor, "name", "");
  g_assert_nonnull (caucus_document_editor_get_problem (editor, "name"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "detail");
}

static void
test_delete_undo (void)
{
  g_autoptr(CaucusDocument) before = caucus_document_load (store (), "org:rsf", NULL);
  g_autoptr(CaucusDocument) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) gone = NULL;
  ListWait wait = { "org:rsf", FALSE };

  g_assert_nonnull (before);
  g_assert_true (caucus_directory_page_show_document (page, "org:rsf"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.delete", NULL));
  caucus_test_wait_until (list_has_cond, &wait, 15, "the deleted organisation leaves the list");

  gone = caucus_store_get (store (), "org:rsf", NULL, &error);
  g_assert_null (gone);
  g_assert_error (error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_DELETED);
  g_assert_nonnull (caucus_test_find_type (GTK_WIDGET (page), ADW_TYPE_TOAST_OVERLAY));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.undo-delete", NULL));
  wait.present = TRUE;
  caucus_test_wait_until (list_has_cond, &wait, 15, "the restored organisation is listed again");

  restored = caucus_document_load (store (), "org:rsf", NULL);
  g_assert_nonnull (restored);
  g_assert_cmpstr (caucus_document_get_string (restored, "name"), ==,
                   caucus_document_get_string (before, "name"));
  {
    /* The previous body, member for member. */
    g_autoptr(JsonObject) oa = caucus_document_to_json (before);
    g_autoptr(JsonObject) ob = caucus_document_to_json (restored);
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), oa);
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), ob);

    json_object_remove_member (json_node_get_object (a), "_rev");
    json_object_remove_member (json_node_get_object (b), "_rev");
    g_assert_true (caucus_json_equal (a, b));
  }
  g_assert_cmpstr (caucus_directory_page_get_pane (page), ==, "detail");
}

static gboolean
related_has_person (gpointer data)
{
  CaucusDocumentDetail *detail = caucus_directory_page_get_detail (page);
  GListModel *people = caucus_document_detail_get_related (detail, "people");

  return people != NULL
         && caucus_document_list_find (CAUCUS_DOCUMENT_LIST (people),
                                       caucus_document_get_id (CAUCUS_DOCUMENT (data))) >= 0;
}

static void
test_org_detail_and_link (void)
{
  CaucusDocumentDetail *detail = caucus_directory_page_get_detail (page);
  CaucusDocumentEditor *editor = caucus_directory_page_get_editor (page);
  GListModel *people;
  GListModel *signatures;
  g_autoptr(CaucusDocument) person = NULL;
  guint signed_by_access_now = 0;

  g_assert_true (caucus_directory_page_show_document (page, "org:access-now"));
  people = caucus_document_detail_get_related (detail, "people");
  g_assert_nonnull (people);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==,
                    count_sample ("person", "org_id", "org:access-now"));
  g_assert_nonnull (caucus_document_detail_get_related (detail, "sessions"));

  for (guint i = 0; i < sample_docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (sample_docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "signature") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (doc, "org_id", ""), "org:access-now") == 0)
        signed_by_access_now++;
    }
  signatures = caucus_document_detail_get_related (detail, "signatures");
  g_assert_cmpuint (g_list_model_get_n_items (signatures), ==, signed_by_access_now);

  /* A new person linked to an organisation through the editor's chooser. */
  caucus_directory_page_set_doc_type (page, "person");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.new", NULL));
  set_row_text (editor, "name", "Ngozi Testperson");
  set_row_text (editor, "country", "NG");
  set_row_text (editor, "languages", "en, ha");
  /* The organisation chooser: searched like the directory, chosen as a click does. */
  {
    GtkWidget *button = caucus_test_find_type (caucus_document_editor_get_row (editor, "org_id"),
                                     GTK_TYPE_MENU_BUTTON);
    CaucusOrgChooser *chooser = CAUCUS_ORG_CHOOSER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    GtkWidget *entry = caucus_test_find_type (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY);

    GtkGridView *view = GTK_GRID_VIEW (caucus_test_find_type (GTK_WIDGET (chooser), GTK_TYPE_GRID_VIEW));
    GListModel *shown = gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_grid_view_get_model (view)));
    g_autoptr(CaucusSummarySlot) first = NULL;

    /* The view shows position-stable slots of index summaries, not loaded documents:
     * a search tells the slots their new content instead of replacing the items. */
    g_assert_true (g_list_model_get_item_type (shown) == CAUCUS_TYPE_SUMMARY_SLOT);
    first = g_list_model_get_item (shown, 0);
    gtk_editable_set_text (GTK_EDITABLE (entry), "access now");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (caucus_org_chooser_get_list (chooser))), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
    g_assert_cmpstr (caucus_document_summary_get_id (caucus_summary_slot_get_summary (first)), ==, "org:access-now");
    caucus_org_chooser_choose (chooser, 0);
    g_assert_cmpstr (caucus_document_get_string (caucus_document_editor_get_document (editor), "org_id"),
                     ==, "org:access-now");
  }
  g_assert_true (caucus_document_editor_get_can_save (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  person = caucus_document_load (store (), caucus_document_get_id (caucus_document_editor_get_document (editor)), NULL);
  g_assert_cmpstr (caucus_document_get_string (person, "org_id"), ==, "org:access-now");

  caucus_directory_page_set_doc_type (page, "org");
  g_assert_true (caucus_directory_page_show_document (page, "org:access-now"));
  people = caucus_document_detail_get_related (detail, "people");
  caucus_test_wait_until (related_has_person, person, 15, "the organisation lists its new person");
  g_assert_cmpuint (g_list_model_get_n_items (people), ==,
                    count_sample ("person", "org_id", "org:access-now") + 1);
}

static void
test_invalid_from_sync (void)
{
  CaucusDocumentDetail *detail = caucus_directory_page_get_detail (page);
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  ListWait wait = { "org:arrived-invalid", TRUE };
  int position;

  /* A peer wrote it: the store takes it without the model's validation. */
  json_object_set_string_member (doc, "_id", "org:arrived-invalid");
  json_object_set_string_member (doc, "type", "org");
  json_object_set_string_member (doc, "name", "Arrived Invalid");
  json_object_set_string_member (doc, "website", "ftp:nothing");
  rev = caucus_store_put (store (), doc, &error);
  g_assert_no_error (error);
  caucus_test_wait_until (list_has_cond, &wait, 15, "the invalid organisation is listed");

  position = caucus_document_list_find (list (), "org:arrived-invalid");
  {
    g_autoptr(CaucusDocument) item = g_list_model_get_item (G_LIST_MODEL (list ()), position);
    GtkWidget *row = caucus_directory_row_new ();

    g_object_ref_sink (row);
    caucus_directory_row_set_document (CAUCUS_DIRECTORY_ROW (row), item);
    g_assert_false (caucus_document_is_valid (item));
    g_assert_nonnull (caucus_test_find_type (row, GTK_TYPE_IMAGE));
    g_object_unref (row);
  }

  g_assert_true (caucus_directory_page_show_document (page, "org:arrived-invalid"));
  g_assert_true (gtk_widget_get_visible (caucus_document_detail_get_problems_group (detail)));

  /* The problems-only filter lists it. */
  g_assert_true (caucus_filter_popover_get_problems_only (caucus_directory_page_get_filter_popover (page)) == FALSE);
  caucus_document_list_set_problems_only (list (), TRUE);
  g_assert_true (list_has ("org:arrived-invalid"));
  g_assert_false (list_has ("org:rsf"));
  caucus_document_list_set_problems_only (list (), FALSE);
}

/* Collects the bounds, in the root node's coordinates, of every text node that is not
 * drawn in white (the badge's initials are). */
static void
collect_text_bounds (GskRenderNode *node,
                     GskTransform  *transform,
                     GArray        *bounds)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text_bounds (gsk_container_node_get_child (node, i), transform, bounds);
      break;
    case GSK_TRANSFORM_NODE:
      {
        g_autoptr(GskTransform) inner = gsk_transform_transform (gsk_transform_ref (transform),
                                                                 gsk_transform_node_get_transform (node));

        collect_text_bounds (gsk_transform_node_get_child (node), inner, bounds);
      }
      break;
    case GSK_CLIP_NODE:
      collect_text_bounds (gsk_clip_node_get_child (node), transform, bounds);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_text_bounds (gsk_rounded_clip_node_get_child (node), transform, bounds);
      break;
    case GSK_OPACITY_NODE:
      collect_text_bounds (gsk_opacity_node_get_child (node), transform, bounds);
      break;
    case GSK_DEBUG_NODE:
      collect_text_bounds (gsk_debug_node_get_child (node), transform, bounds);
      break;
    case GSK_TEXT_NODE:
      {
        const GdkRGBA *color = gsk_text_node_get_color (node);
        graphene_rect_t local, root;

        if (color->red == 1 && color->green == 1 && color->blue == 1)
          break;
        gsk_render_node_get_bounds (node, &local);
        gsk_transform_transform_bounds (transform, &local, &root);
        g_array_append_val (bounds, root);
      }
      break;
    default:
      break;
    }
}

/* A row's name and context start beside its badge in either direction, whatever the
 * direction of the text: an English organisation in an Arabic window is right-aligned
 * next to its badge, not left at the far side of the row (issue 10, mixed direction). */
/* Whether @data (a GtkWidget) has been given a size: a paintable of it before then
 * draws nothing. */
static gboolean
row_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0 && gtk_widget_get_height (GTK_WIDGET (data)) > 0;
}

static void
test_row_text_starts_on_ui_side (void)
{
  int position = caucus_document_list_find (list (), "org:rsf");
  g_autoptr(CaucusDocument) item = NULL;

  g_assert_cmpint (position, >=, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list ()), position);
  for (guint d = 0; d < 2; d++)
    {
      GtkTextDirection direction = d == 0 ? GTK_TEXT_DIR_LTR : GTK_TEXT_DIR_RTL;
      GtkWidget *win = gtk_window_new ();
      GtkWidget *row = caucus_directory_row_new ();
      g_autoptr(GdkPaintable) paintable = NULL;
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      int width;

      gtk_widget_set_direction (row, direction);
      caucus_directory_row_set_document (CAUCUS_DIRECTORY_ROW (row), item);
      gtk_window_set_child (GTK_WINDOW (win), row);
      gtk_window_set_default_size (GTK_WINDOW (win), 640, 80);
      gtk_window_present (GTK_WINDOW (win));
      caucus_test_wait_until (caucus_test_is_mapped, row, 15, "the row is shown");
      caucus_test_wait_until (row_allocated, row, 15, "the row has its size");
      caucus_test_iterate_ms (50);

      width = gtk_widget_get_width (row);
      paintable = gtk_widget_paintable_new (row);
      gdk_paintable_snapshot (paintable, snapshot, width, gtk_widget_get_height (row));
      node = gtk_snapshot_to_node (snapshot);
      g_assert_nonnull (node);
      collect_text_bounds (node, NULL, bounds);
      g_assert_cmpuint (bounds->len, >=, 2);   /* the name and the context line */
      for (guint i = 0; i < bounds->len; i++)
        {
          const graphene_rect_t *r = &g_array_index (bounds, graphene_rect_t, i);

          /* Short lines in a 640 px row: beside the badge (36 px + 12) on the UI's start
           * side, far from the other side. */
          g_assert_cmpfloat (r->size.width, <, width / 2.0);
          if (direction == GTK_TEXT_DIR_LTR)
            g_assert_cmpfloat (r->origin.x, <, 80);
          else
            g_assert_cmpfloat (r->origin.x + r->size.width, >, width - 80);
        }
      gtk_window_destroy (GTK_WINDOW (win));
    }
}

/* A form left by a session that was killed comes back, and cancelling it forgets it. */
static void
test_draft_restored (void)
{
  CaucusDocumentEditor *editor = caucus_directory_page_get_editor (page);
  g_autoptr(JsonObject) draft = json_object_new ();
  g_autoptr(JsonObject) document = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (document, "type", "person");
  json_object_set_string_member (document, "name", "Half-typed Name");
  json_object_set_string_member (draft, "_id", "_local/caucus-directory-draft");
  json_object_set_object_member (draft, "document", json_object_ref (document));
  rev = caucus_store_put_local (store (), draft, &error);
  g_assert_no_error (error);

  g_assert_true (caucus_document_editor_restore_draft (editor));
  g_assert_cmpstr (caucus_document_get_string (caucus_document_editor_get_document (editor), "name"),
                   ==, "Half-typed Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (caucus_document_editor_get_row (editor, "name"))),
                   ==, "Half-typed Name");

  /* Typing goes on updating the same draft. */
  set_row_text (editor, "name", "Half-typed Name, finished");
  {
    g_autoptr(JsonObject) kept = caucus_store_get_local (store (), "_local/caucus-directory-draft", NULL);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (kept, "document"), "name"),
                     ==, "Half-typed Name, finished");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  g_assert_null (caucus_store_get_local (store (), "_local/caucus-directory-draft", NULL));
  g_assert_false (caucus_document_editor_restore_draft (editor));
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static void
test_narrow (void)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (caucus_test_find_type (GTK_WIDGET (page), ADW_TYPE_LEAFLET));
  int minimum;

  g_assert_nonnull (leaflet);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  caucus_test_wait_until (leaflet_folded, leaflet, 15, "the directory folds at 360 px");

  /* The page fits the window's 360 px content column, whatever pane was shown last. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  g_assert_true (caucus_directory_page_show_document (page, "org:apc"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "directory.back", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_home = NULL;
  int status;

  /* Every user folder, the application's workspace among them, is a fresh folder of
   * this run.  First of all: GLib reads them once, on first use.
   * (G_TEST_OPTION_ISOLATE_DIRS only applies inside test cases, and the application
   * chooses its workspace when it is created, outside them.) */
  data_home = caucus_test_isolate_user_dirs ("caucus-test-directory-XXXXXX");

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (icon_dirs, g_build_filename (*dir, "icons", NULL));
  g_ptr_array_add (icon_dirs, NULL);
  g_content_type_set_mime_dirs (NULL);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  gtk_init ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char * const *) icon_dirs->pdata);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  sample_docs = caucus_sample_get_documents (&error);
  g_assert_no_error (error);

  app = caucus_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  /* Activation opens the workspace's store and the window, as a start does. */
  g_application_activate (G_APPLICATION (app));
  window = CAUCUS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  caucus_test_wait_until (caucus_test_is_mapped, window, 15, "the window is mapped");
  caucus_window_show_page (window, "directory");
  page = CAUCUS_DIRECTORY_PAGE (caucus_window_get_page (window, "directory"));

  /* In order: each test builds on the workspace the previous ones left. */
  g_test_add_func ("/ui/directory/sample-loads", test_sample_loads);
  g_test_add_func ("/ui/directory/search", test_search);
  g_test_add_func ("/ui/directory/selection-follows-results", test_selection_follows_results);
  g_test_add_func ("/ui/directory/filters", test_filters);
  g_test_add_func ("/ui/directory/balance", test_balance);
  g_test_add_func ("/ui/directory/create-and-invalid-edit", test_create_and_invalid_edit);
  g_test_add_func ("/ui/directory/delete-undo", test_delete_undo);
  g_test_add_func ("/ui/directory/org-detail-and-link", test_org_detail_and_link);
  g_test_add_func ("/ui/directory/invalid-from-sync", test_invalid_from_sync);
  g_test_add_func ("/ui/directory/draft-restored", test_draft_restored);
  g_test_add_func ("/ui/directory/narrow", test_narrow);
  g_test_add_func ("/ui/directory/row-text-starts-on-ui-side", test_row_text_starts_on_ui_side);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  caucus_test_iterate_ms (50);
  g_clear_object (&app);
  g_clear_pointer (&sample_docs, g_ptr_array_unref);

  caucus_test_remove_tree (data_home);

  return status;
}
