/* test-briefing.c — display tests of the Briefing Packs page and the pack composer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace store loaded with the sample (whose Best Bits meeting in Baku has a pack),
 * the model's index over it, and the page in a window under Xvfb.  The assertions go
 * through the widgets (the section's switch, the row's menu actions) and read the results
 * back from the store and, for the export, from the PDF with poppler-glib.
 */
#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "caucus-briefing-page.h"
#include "caucus-document-io.h"
#include "caucus-following.h"
#include "caucus-pack-event-chooser.h"
#include "caucus-pack-section-rows.h"
#include "caucus-sample.h"
#include "caucus-test-util.h"
#include "caucus-test-widgets.h"

#define PACK_ID "pack:best-bits-2012"

typedef struct
{
  char *dir;
  CaucusStore *store;
  CaucusModelIndex *index;
  GtkWidget *window;
  CaucusBriefingPage *page;
} Fixture;

static gboolean
preview_ready (gpointer data)
{
  CaucusPackPreview *preview = data;

  return !caucus_pack_preview_get_busy (preview) &&
         (caucus_pack_preview_get_layout (preview) != NULL || caucus_pack_preview_get_error (preview) != NULL);
}

static gboolean
export_done (gpointer data)
{
  return !caucus_pack_editor_get_exporting (CAUCUS_PACK_EDITOR (data));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gboolean load_sample = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  f->dir = caucus_test_make_tmp_dir ("caucus-briefing-XXXXXX");
  f->store = caucus_test_open_store (f->dir, "workspace.caucus");
  if (load_sample)
    {
      CaucusSampleReport report = { 0 };

      g_assert_true (caucus_sample_load (f->store, &report, &error));
      g_assert_no_error (error);
    }
  f->index = caucus_model_index_open (f->store, NULL, &error);
  g_assert_no_error (error);

  f->page = CAUCUS_BRIEFING_PAGE (caucus_briefing_page_new ());
  caucus_briefing_page_set_model_index (f->page, f->index);
  f->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  caucus_test_wait_until (caucus_test_is_mapped, f->page, 30, "the page is shown");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  caucus_test_iterate_ms (50);
  g_clear_object (&f->index);
  g_clear_object (&f->store);
  caucus_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Every widget of @type under @root, depth first. */
static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The first list box that has rows (preference groups hold an empty one of their own). */
static GtkWidget *
find_list_with_rows (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (root), 0) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_with_rows (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
visible_child_name (GtkWidget *page)
{
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (page));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The stored pack's sections. */
static JsonArray *
stored_sections (Fixture    *f,
                 const char *id,
                 JsonObject **doc_out)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = caucus_store_get (f->store, id, NULL, &error);

  g_assert_no_error (error);
  *doc_out = doc;
  return json_object_get_array_member (doc, "sections");
}

static guint
open_sample_pack (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  CaucusPackPreview *preview = caucus_pack_editor_get_preview (editor);

  g_assert_true (caucus_briefing_page_open_pack (f->page, PACK_ID, &error));
  g_assert_no_error (error);
  caucus_test_wait_until (preview_ready, preview, 30, "the preview is laid out");
  g_assert_null (caucus_pack_preview_get_error (preview));
  return caucus_pack_layout_get_n_pages (caucus_pack_preview_get_layout (preview));
}

static void
test_lists_sample_pack (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *packs = caucus_briefing_page_get_packs (f->page);
  g_autoptr(CaucusDocument) pack = NULL;
  GtkWidget *list;
  GtkWidget *row;

  g_assert_cmpuint (g_list_model_get_n_items (packs), ==, 1);
  pack = g_list_model_get_item (packs, 0);
  g_assert_cmpstr (caucus_document_get_id (pack), ==, PACK_ID);
  g_assert_cmpstr (visible_child_name (GTK_WIDGET (f->page)), ==, "content");
  g_assert_false (caucus_page_get_is_empty (CAUCUS_PAGE (f->page)));

  list = find_list_with_rows (GTK_WIDGET (f->page));
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Best Bits — briefing pack for delegates");

  /* activating the row opens the composer */
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_nonnull (caucus_pack_editor_get_document (caucus_briefing_page_get_editor (f->page)));
  g_assert_cmpstr (caucus_document_get_id (caucus_pack_editor_get_document (caucus_briefing_page_get_editor (f->page))),
                   ==, PACK_ID);

  /* the search narrows the list */
  caucus_page_set_search_text (CAUCUS_PAGE (f->page), "nothing-matches-this");
  caucus_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (packs), ==, 0);
  caucus_page_set_search_text (CAUCUS_PAGE (f->page), "");
  caucus_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (packs), ==, 1);
}

static void
test_toggle_and_save (Fixture       *f,
                      gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  CaucusPackPreview *preview = caucus_pack_editor_get_preview (editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  guint n_pages = open_sample_pack (f);
  guint fewer;
  JsonArray *sections;
  GtkWidget *people;

  g_assert_cmpuint (n_pages, >, 3);
  g_assert_cmpuint (caucus_pack_editor_get_n_sections (editor), ==, 7);
  g_assert_false (caucus_pack_editor_get_modified (editor));

  /* switch the People section off through its row's switch */
  people = caucus_pack_editor_get_section_row (editor, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (people)), ==, "People");
  gtk_switch_set_active (caucus_pack_section_row_get_switch (people), FALSE);
  g_assert_true (caucus_pack_editor_get_modified (editor));

  /* the preview follows: the People page is gone */
  caucus_test_wait_until (preview_ready, preview, 30, "the preview is laid out again");
  fewer = caucus_pack_layout_get_n_pages (caucus_pack_preview_get_layout (preview));
  g_assert_cmpuint (fewer, <, n_pages);

  /* nothing is written before Save */
  sections = stored_sections (f, PACK_ID, &doc);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (sections, 1), "enabled"));
  g_clear_pointer (&doc, json_object_unref);

  g_assert_true (caucus_pack_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_false (caucus_pack_editor_get_modified (editor));
  sections = stored_sections (f, PACK_ID, &doc);
  g_assert_cmpuint (json_array_get_length (sections), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "kind"), ==, "people");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (sections, 1), "enabled"));
  g_clear_pointer (&doc, json_object_unref);

  /* move the programme below the people through the row's menu action, and save */
  g_assert_true (gtk_widget_activate_action (caucus_pack_editor_get_section_row (editor, 0),
                                             "section.move-down", NULL));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (caucus_pack_editor_get_section_row (editor, 0))),
                   ==, "People");
  g_assert_true (caucus_pack_editor_save (editor, &error));
  g_assert_no_error (error);
  sections = stored_sections (f, PACK_ID, &doc);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 0), "kind"), ==, "people");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "kind"), ==, "agenda");
  g_clear_pointer (&doc, json_object_unref);

  /* the cover's "Prepared by" */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, entries);
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "APC delegation");
    g_assert_true (caucus_pack_editor_save (editor, &error));
    g_assert_no_error (error);
    stored_sections (f, PACK_ID, &doc);
    g_assert_cmpstr (json_object_get_string_member (doc, "author"), ==, "APC delegation");
    g_clear_pointer (&doc, json_object_unref);
  }

  /* leaving the composer (the window hidden) saves its changes */
  {
    GtkWidget *intro = caucus_test_find_type (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (intro)), "Welcome to **Baku**.", -1);
    g_assert_true (caucus_pack_editor_get_modified (editor));
    gtk_widget_set_visible (f->window, FALSE);
    g_assert_false (caucus_pack_editor_get_modified (editor));
    stored_sections (f, PACK_ID, &doc);
    g_assert_cmpstr (json_object_get_string_member (doc, "intro"), ==, "Welcome to **Baku**.");
    g_clear_pointer (&doc, json_object_unref);
    gtk_widget_set_visible (f->window, TRUE);
    caucus_test_wait_until (caucus_test_is_mapped, f->page, 30, "the page is shown again");
  }

  /* an invalid pack (no title) is refused and nothing is written */
  {
    GtkWidget *title_row = caucus_test_find_type (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW);
    JsonObject *before;

    gtk_editable_set_text (GTK_EDITABLE (title_row), "");
    g_assert_false (caucus_pack_editor_save (editor, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "title"));
    g_clear_error (&error);
    stored_sections (f, PACK_ID, &before);
    g_assert_cmpstr (json_object_get_string_member (before, "title"), ==, "Best Bits — briefing pack for delegates");
    json_object_unref (before);
  }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  guint n_pages = open_sample_pack (f);
  g_autofree char *path = g_build_filename (f->dir, "baku.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "missing-folder", "baku.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;

  caucus_pack_editor_export (editor, file);
  g_assert_true (caucus_pack_editor_get_exporting (editor));
  caucus_test_wait_until (export_done, editor, 30, "the export ends");
  g_assert_null (caucus_pack_editor_get_export_error (editor));

  uri = g_filename_to_uri (path, NULL, &error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) n_pages);
  g_object_unref (pdf);

  /* Cancel: the export stops, says so, and leaves no file */
  {
    g_autofree char *cancelled = g_build_filename (f->dir, "cancelled.pdf", NULL);
    g_autoptr(GFile) cancelled_file = g_file_new_for_path (cancelled);
    GtkWidget *cancel = NULL;
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    caucus_pack_editor_export (editor, cancelled_file);
    collect_widgets (GTK_WIDGET (editor), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Cancel") == 0)
        cancel = buttons->pdata[i];
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
    caucus_test_wait_until (export_done, editor, 30, "the cancelled export ends");
    g_assert_error (caucus_pack_editor_get_export_error (editor), G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  }

  /* an unwritable place: a clear error, nothing written */
  caucus_pack_editor_export (editor, bad_file);
  caucus_test_wait_until (export_done, editor, 30, "the failed export ends");
  g_assert_nonnull (caucus_pack_editor_get_export_error (editor));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_new_pack (Fixture       *f,
               gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  CaucusPackPreview *preview = caucus_pack_editor_get_preview (editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  CaucusDocument *pack;

  g_assert_true (caucus_briefing_page_new_pack (f->page, "event:igf-2012", &error));
  g_assert_no_error (error);
  caucus_test_iterate_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (caucus_briefing_page_get_packs (f->page)), ==, 2);
  pack = caucus_pack_editor_get_document (editor);
  g_assert_cmpstr (caucus_document_get_string (pack, "event_id"), ==, "event:igf-2012");
  g_assert_true (caucus_document_is_valid (pack));
  g_assert_cmpuint (caucus_pack_editor_get_n_sections (editor), ==, 6);
  stored_sections (f, caucus_document_get_id (pack), &doc);
  g_assert_cmpstr (json_object_get_string_member (doc, "type"), ==, "pack");
  caucus_test_wait_until (preview_ready, preview, 30, "the new pack is laid out");
  g_assert_null (caucus_pack_preview_get_error (preview));
  g_assert_cmpuint (caucus_pack_layout_get_n_pages (caucus_pack_preview_get_layout (preview)), >=, 3);

  /* an event that is not there */
  g_assert_false (caucus_briefing_page_new_pack (f->page, "event:no-such-event", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (caucus_briefing_page_get_packs (f->page)), ==, 2);
}

typedef struct
{
  Fixture *f;
  const char *name;
} AttachmentWait;

static gboolean
has_attachment (gpointer data)
{
  AttachmentWait *w = data;
  g_autoptr(JsonObject) doc = caucus_store_get (w->f->store, PACK_ID, NULL, NULL);
  JsonObject *attachments;

  if (doc == NULL || !json_object_has_member (doc, "_attachments"))
    return FALSE;
  attachments = json_object_get_object_member (doc, "_attachments");
  return json_object_has_member (attachments, w->name);
}

static void
write_paper (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 1; page <= 2; page++)
    {
      cairo_move_to (cr, 72, 100);
      cairo_set_font_size (cr, 18);
      cairo_show_text (cr, page == 1 ? "ITRs background, page one" : "ITRs background, page two");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
test_background_paper (Fixture       *f,
                       gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  CaucusPackPreview *preview = caucus_pack_editor_get_preview (editor);
  guint n_pages = open_sample_pack (f);
  g_autofree char *paper = g_build_filename (f->dir, "itrs-background.pdf", NULL);
  g_autofree char *fake = g_build_filename (f->dir, "not-a-paper.pdf", NULL);
  g_autoptr(GFile) paper_file = g_file_new_for_path (paper);
  g_autoptr(GFile) fake_file = g_file_new_for_path (fake);
  AttachmentWait wait_paper = { f, "itrs-background.pdf" };
  AttachmentWait wait_fake = { f, "not-a-paper.pdf" };

  /* a file that is not a PDF is refused and nothing is attached */
  g_assert_true (g_file_set_contents (fake, "just some text", -1, NULL));
  caucus_pack_editor_add_paper (editor, fake_file);
  caucus_test_iterate_ms (300);
  g_assert_false (has_attachment (&wait_fake));

  write_paper (paper);
  caucus_pack_editor_add_paper (editor, paper_file);
  caucus_test_wait_until (has_attachment, &wait_paper, 30, "the paper is attached to the pack");
  g_assert_false (caucus_pack_editor_get_modified (editor));
  caucus_test_wait_until (preview_ready, preview, 30, "the pack is laid out with its paper");
  /* the paper's two pages are embedded */
  g_assert_cmpuint (caucus_pack_layout_get_n_pages (caucus_pack_preview_get_layout (preview)), >=, n_pages + 2);
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static void
test_section_options (Fixture       *f,
                      gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  CaucusPackPreview *preview = caucus_pack_editor_get_preview (editor);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) combos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  GtkWidget *agenda, *statements, *mode, *annex_row;
  JsonArray *sections, *ids, *items;
  JsonObject *item;
  guint n_sessions;

  open_sample_pack (f);
  agenda = caucus_pack_editor_get_section_row (editor, 0);
  statements = caucus_pack_editor_get_section_row (editor, 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (statements)), ==, "Statements");

  /* the programme: chosen sessions, then one left out */
  mode = find_row_titled (agenda, "Sessions");
  g_assert_true (ADW_IS_COMBO_ROW (mode));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mode)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode), 1);
  collect_widgets (agenda, GTK_TYPE_CHECK_BUTTON, checks);
  n_sessions = checks->len;
  g_assert_cmpuint (n_sessions, >, 3);
  gtk_check_button_set_active (checks->pdata[0], FALSE);

  /* the statement: its first listed version, without the annex */
  collect_widgets (statements, ADW_TYPE_COMBO_ROW, combos);
  g_assert_cmpuint (combos->len, ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (combos->pdata[0]), ==, 1);   /* current text */
  /* left out, current text, and the sample's one version ("Final") */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combos->pdata[0])), ==, 3);
  adw_combo_row_set_selected (combos->pdata[0], 2);
  annex_row = find_row_titled (statements, "Signatory annex");
  gtk_switch_set_active (GTK_SWITCH (caucus_test_find_type (annex_row, GTK_TYPE_SWITCH)), FALSE);

  g_assert_true (caucus_pack_editor_save (editor, &error));
  g_assert_no_error (error);
  sections = stored_sections (f, PACK_ID, &doc);
  ids = json_object_get_array_member (json_array_get_object_element (sections, 0), "session_ids");
  g_assert_nonnull (ids);
  g_assert_cmpuint (json_array_get_length (ids), ==, n_sessions - 1);
  g_assert_false (json_object_has_member (json_array_get_object_element (sections, 0), "selection"));
  items = json_object_get_array_member (json_array_get_object_element (sections, 3), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "statement_id"), ==, "statement:wcit-unity");
  g_assert_cmpstr (json_object_get_string_member (item, "version_id"), ==, "statement-version:wcit-unity:final");
  g_assert_false (json_object_get_boolean_member (item, "annex"));
  g_assert_false (json_object_has_member (json_array_get_object_element (sections, 3), "statement_ids"));

  /* "The sessions I follow": the ones followed on this device become the pack's choice */
  {
    CaucusFollowing *following = caucus_following_get_for_store (f->store);
    const char *first = g_object_get_data (G_OBJECT (checks->pdata[1]), "session-id");
    const char *second = g_object_get_data (G_OBJECT (checks->pdata[2]), "session-id");

    g_assert_true (caucus_following_set (following, first, TRUE, &error));
    g_assert_true (caucus_following_set (following, second, TRUE, &error));
    g_assert_no_error (error);
    adw_combo_row_set_selected (ADW_COMBO_ROW (mode), 2);
    g_assert_true (gtk_check_button_get_active (checks->pdata[1]));
    g_assert_false (gtk_check_button_get_active (checks->pdata[3]));
    g_assert_true (caucus_pack_editor_save (editor, &error));
    g_assert_no_error (error);
    g_clear_pointer (&doc, json_object_unref);
    sections = stored_sections (f, PACK_ID, &doc);
    ids = json_object_get_array_member (json_array_get_object_element (sections, 0), "session_ids");
    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, first);
    g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, second);
  }

  /* the renderer accepts what the editor wrote */
  caucus_test_wait_until (preview_ready, preview, 30, "the pack is laid out with its options");
  g_assert_null (caucus_pack_preview_get_error (preview));
}

/* A free-text section's body: its row is named for assistive technologies (it stays
 * a list item in the AT-SPI tree, collapsed or not) and is no focus stop of its own,
 * so Tab from the heading goes straight into the text. */
static void
test_free_text_accessible (Fixture       *f,
                           gconstpointer  data)
{
  CaucusPackEditor *editor = caucus_briefing_page_get_editor (f->page);
  GtkWidget *section = NULL, *view, *body_row, *heading, *header, *focus;
  GtkRoot *root;
  char *problem;

  open_sample_pack (f);
  for (guint i = 0; section == NULL && caucus_pack_editor_get_section_row (editor, i) != NULL; i++)
    {
      GtkWidget *row = caucus_pack_editor_get_section_row (editor, i);

      if (caucus_test_find_type (row, GTK_TYPE_TEXT_VIEW) != NULL && ADW_IS_EXPANDER_ROW (row))
        section = row;
    }
  g_assert_nonnull (section);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (section)));
  view = caucus_test_find_type (section, GTK_TYPE_TEXT_VIEW);
  body_row = gtk_widget_get_ancestor (view, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (body_row);
  g_assert_false (gtk_widget_get_focusable (body_row));
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (body_row),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Section text (Markdown)");
  g_assert_null (problem);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Section text (Markdown)");
  g_assert_null (problem);

  /* The header row (where the focus goes) tells whether the section is expanded. */
  header = caucus_test_find_type (section, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (header);
  problem = gtk_test_accessible_check_state (GTK_ACCESSIBLE (header),
                                             GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  g_assert_null (problem);

  /* Expanded: Tab from the heading's text lands in the body's text view. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (section), TRUE);
  problem = gtk_test_accessible_check_state (GTK_ACCESSIBLE (header),
                                             GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
  g_assert_null (problem);
  caucus_test_wait_until (caucus_test_is_mapped, view, 30, "the section's text is shown");
  heading = find_row_titled (section, "Heading");
  g_assert_nonnull (heading);
  g_assert_true (gtk_widget_grab_focus (heading));
  root = gtk_widget_get_root (view);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (root);
  g_assert_true (focus == view);
}

/* The dialog "New Pack for an Event…" opens, or NULL. */
static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CAUCUS_IS_PACK_EVENT_CHOOSER (window))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static void
test_new_pack_from_chooser (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *chooser;
  GtkWidget *list;
  GtkListBoxRow *row;
  guint n_rows = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "briefing.new-pack", NULL));
  caucus_test_iterate_ms (100);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  list = find_list_with_rows (chooser);
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n_rows) != NULL)
    n_rows++;
  /* the sample's five conferences, sessions and deadlines left out */
  g_assert_cmpuint (n_rows, ==, 5);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (list, "row-activated", row);
  caucus_test_iterate_ms (100);
  g_assert_null (find_chooser ());
  g_assert_cmpuint (g_list_model_get_n_items (caucus_briefing_page_get_packs (f->page)), ==, 2);
  g_assert_nonnull (caucus_pack_editor_get_document (caucus_briefing_page_get_editor (f->page)));
}

static void
test_empty_workspace (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *chooser;
  GtkWidget *stack;

  g_assert_cmpstr (visible_child_name (GTK_WIDGET (f->page)), ==, "empty");
  g_assert_true (caucus_page_get_is_empty (CAUCUS_PAGE (f->page)));

  /* the empty state's button offers the events, and there are none */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "briefing.new-pack", NULL));
  caucus_test_iterate_ms (100);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  stack = caucus_test_find_type (chooser, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (chooser));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/briefing/lists-sample-pack", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_lists_sample_pack, fixture_teardown);
  g_test_add ("/briefing/toggle-and-save", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_toggle_and_save, fixture_teardown);
  g_test_add ("/briefing/export", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_export, fixture_teardown);
  g_test_add ("/briefing/background-paper", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_background_paper, fixture_teardown);
  g_test_add ("/briefing/section-options", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_section_options, fixture_teardown);
  g_test_add ("/briefing/free-text-accessible", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_free_text_accessible, fixture_teardown);
  g_test_add ("/briefing/new-pack", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_new_pack, fixture_teardown);
  g_test_add ("/briefing/new-pack-from-chooser", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_new_pack_from_chooser, fixture_teardown);
  g_test_add ("/briefing/empty-workspace", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_empty_workspace, fixture_teardown);
  return g_test_run ();
}
