/* caucus-briefing-page.c — the Briefing Packs page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the workspace's packs (a lazy CaucusDocumentList over the model index, most
 * recently changed first, filtered by the header bar's search), offers a new pack for a
 * conference or meeting (CaucusPackEventChooser), and opens a pack in the composer
 * (CaucusPackEditor) in place of the list.  The paper size and the reader's zone come
 * from the settings ("paper-size", "home-time-zone") and follow their changes.
 */
#include <glib/gi18n.h>

#include "caucus-application.h"
#include "caucus-bidi.h"
#include "caucus-briefing-page.h"
#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-pack-event-chooser.h"

struct _CaucusBriefingPage
{
  CaucusPage parent_instance;

  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkStack *content_stack;
  GtkListBox *packs_list;
  CaucusPackEditor *editor;
  AdwToastOverlay *toast_overlay;

  CaucusModelIndex *index;
  CaucusDocumentList *packs;
  GSettings *settings;
  gboolean editing;
};

G_DEFINE_FINAL_TYPE (CaucusBriefingPage, caucus_briefing_page, CAUCUS_TYPE_PAGE)

static const char * const default_sections[] = {
  "agenda", "people", "organisations", "statements", "deadlines", "background-papers",
};

static void
update_visible (CaucusBriefingPage *self)
{
  gboolean has_packs = self->packs != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->packs)) > 0;
  const char *search = caucus_page_get_search_text (CAUCUS_PAGE (self));

  gtk_stack_set_visible_child_name (self->content_stack, self->editing ? "editor" : "list");
  if (self->editing || has_packs || (search != NULL && *search != '\0'))
    gtk_stack_set_visible_child_name (self->stack, "content");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_error (CaucusBriefingPage *self,
            const char         *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
apply_settings (CaucusBriefingPage *self)
{
  g_autofree char *zone = NULL;
  CaucusPackPaper paper = CAUCUS_PACK_PAPER_A4;

  if (self->settings != NULL)
    {
      g_autofree char *size = g_settings_get_string (self->settings, "paper-size");

      if (g_strcmp0 (size, "us-letter") == 0)
        paper = CAUCUS_PACK_PAPER_LETTER;
      zone = g_settings_get_string (self->settings, "home-time-zone");
    }
  caucus_pack_editor_set_options (self->editor, paper, zone);
}

static GSettings *
find_settings (void)
{
  GApplication *app = g_application_get_default ();
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (CAUCUS_IS_APPLICATION (app) && caucus_application_get_settings (CAUCUS_APPLICATION (app)) != NULL)
    return g_object_ref (caucus_application_get_settings (CAUCUS_APPLICATION (app)));
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CAUCUS_APP_ID, TRUE);
  return schema != NULL ? g_settings_new (CAUCUS_APP_ID) : NULL;
}

/* “Best Bits — a strategic gathering … · changed 27 October 2012” */
static char *
describe_pack (CaucusBriefingPage *self,
               CaucusDocument     *pack)
{
  const char *event_id = caucus_document_get_string (pack, "event_id");
  const char *updated = caucus_document_get_updated (pack);
  g_autoptr(CaucusDocument) event = NULL;
  g_autoptr(GDateTime) when = updated != NULL ? g_date_time_new_from_iso8601 (updated, NULL) : NULL;
  GString *text = g_string_new (NULL);

  if (event_id != NULL)
    event = caucus_document_load (caucus_model_index_get_store (self->index), event_id, NULL);
  if (event != NULL)
    g_string_append (text, caucus_document_get_display_name (event));
  if (when != NULL)
    {
      g_autofree char *date = g_date_time_format (when, "%-d %B %Y");

      /* Translators: when a briefing pack was last changed */
      g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("changed"));
      g_string_append_printf (text, " %s", date);
    }
  return g_string_free (text, FALSE);
}

/* The row's title and subtitle labels (libadwaita's own) start on the UI's side: in
 * Arabic an English pack title and its English event start at the right. */
static void
start_labels_on_ui_side (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) &&
          (gtk_widget_has_css_class (child, "title") || gtk_widget_has_css_class (child, "subtitle")))
        caucus_label_start_on_ui_side (GTK_LABEL (child));
      else
        start_labels_on_ui_side (child);
    }
}

static GtkWidget *
create_pack_row_cb (gpointer item,
                    gpointer user_data)
{
  CaucusBriefingPage *self = user_data;
  CaucusDocument *pack = item;
  g_autofree char *title = g_markup_escape_text (caucus_document_get_display_name (pack), -1);
  g_autofree char *subtitle = describe_pack (self, pack);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("x-office-document-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  start_labels_on_ui_side (row);
  g_object_set_data_full (G_OBJECT (row), "pack-id", g_strdup (caucus_document_get_id (pack)), g_free);
  return row;
}

static void
pack_activated_cb (CaucusBriefingPage *self,
                   GtkListBoxRow      *row)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_briefing_page_open_pack (self, g_object_get_data (G_OBJECT (row), "pack-id"), &error))
    show_error (self, error->message);
}

static void
editor_back_cb (CaucusBriefingPage *self)
{
  self->editing = FALSE;
  update_visible (self);
}

gboolean
caucus_briefing_page_open_pack (CaucusBriefingPage  *self,
                                const char          *pack_id,
                                GError             **error)
{
  g_return_val_if_fail (CAUCUS_IS_BRIEFING_PAGE (self), FALSE);
  g_return_val_if_fail (pack_id != NULL, FALSE);

  if (self->index == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return FALSE;
    }
  apply_settings (self);
  if (!caucus_pack_editor_load (self->editor, self->index, pack_id, error))
    return FALSE;
  self->editing = TRUE;
  update_visible (self);
  return TRUE;
}

static const char *
who (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && *name != '\0' && g_strcmp0 (name, "Unknown") != 0 ? name : g_get_user_name ();
}

gboolean
caucus_briefing_page_new_pack (CaucusBriefingPage  *self,
                               const char          *event_id,
                               GError             **error)
{
  g_autoptr(CaucusDocument) event = NULL;
  g_autoptr(CaucusDocument) pack = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *title = NULL;
  JsonArray *sections;
  CaucusStore *store;

  g_return_val_if_fail (CAUCUS_IS_BRIEFING_PAGE (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  if (self->index == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No workspace is open"));
      return FALSE;
    }
  store = caucus_model_index_get_store (self->index);
  event = caucus_document_load (store, event_id, error);
  if (event == NULL)
    return FALSE;

  pack = caucus_document_new_of_type ("pack", who ());
  /* Translators: the title of a new briefing pack; %s is the event's title */
  title = g_strdup_printf (_("%s — briefing pack"), caucus_document_get_display_name (event));
  caucus_document_set_string (pack, "title", title);
  caucus_document_set_string (pack, "event_id", event_id);
  sections = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (default_sections); i++)
    {
      JsonObject *section = json_object_new ();

      json_object_set_string_member (section, "kind", default_sections[i]);
      json_object_set_boolean_member (section, "enabled", TRUE);
      json_array_add_object_element (sections, section);
    }
  node = json_node_init_array (json_node_alloc (), sections);
  json_array_unref (sections);
  caucus_document_set_member (pack, "sections", node);
  if (!caucus_document_save (pack, store, who (), error))
    return FALSE;
  return caucus_briefing_page_open_pack (self, caucus_document_get_id (pack), error);
}

static void
event_chosen_cb (CaucusPackEventChooser *chooser,
                 const char             *event_id,
                 CaucusBriefingPage     *self)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_briefing_page_new_pack (self, event_id, &error))
    show_error (self, error->message);
}

static void
new_pack_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CaucusBriefingPage *self = CAUCUS_BRIEFING_PAGE (widget);
  GtkWidget *chooser;

  if (self->index == NULL)
    return;
  chooser = caucus_pack_event_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->index);
  g_signal_connect_object (chooser, "event-chosen", G_CALLBACK (event_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
packs_changed_cb (CaucusBriefingPage *self)
{
  update_visible (self);
}

void
caucus_briefing_page_set_model_index (CaucusBriefingPage *self,
                                      CaucusModelIndex   *index)
{
  g_return_if_fail (CAUCUS_IS_BRIEFING_PAGE (self));
  g_return_if_fail (index == NULL || CAUCUS_IS_MODEL_INDEX (index));

  if (self->index == index)
    return;
  if (self->packs != NULL)
    g_signal_handlers_disconnect_by_func (self->packs, packs_changed_cb, self);
  g_clear_object (&self->packs);
  g_set_object (&self->index, index);
  if (index != NULL)
    {
      const char *search = caucus_page_get_search_text (CAUCUS_PAGE (self));

      self->packs = caucus_document_list_new (index, "pack");
      caucus_document_list_set_sort (self->packs, CAUCUS_LIST_SORT_UPDATED);
      if (search != NULL && *search != '\0')
        caucus_document_list_set_filter (self->packs, "search", search);
      g_signal_connect_swapped (self->packs, "items-changed", G_CALLBACK (packs_changed_cb), self);
    }
  if (self->packs != NULL)
    gtk_list_box_bind_model (self->packs_list, G_LIST_MODEL (self->packs), create_pack_row_cb, self, NULL);
  else
    gtk_list_box_bind_model (self->packs_list, NULL, NULL, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.new-pack", index != NULL);
  self->editing = FALSE;
  update_visible (self);
}

CaucusModelIndex *
caucus_briefing_page_get_model_index (CaucusBriefingPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_BRIEFING_PAGE (self), NULL);
  return self->index;
}

GListModel *
caucus_briefing_page_get_packs (CaucusBriefingPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_BRIEFING_PAGE (self), NULL);
  return self->packs != NULL ? G_LIST_MODEL (self->packs) : NULL;
}

CaucusPackEditor *
caucus_briefing_page_get_editor (CaucusBriefingPage *self)
{
  g_return_val_if_fail (CAUCUS_IS_BRIEFING_PAGE (self), NULL);
  return self->editor;
}

static void
caucus_briefing_page_search_changed (CaucusPage *page,
                                     const char *text)
{
  CaucusBriefingPage *self = CAUCUS_BRIEFING_PAGE (page);

  if (self->packs != NULL)
    caucus_document_list_set_filter (self->packs, "search", text);
  update_visible (self);
}

static void
caucus_briefing_page_root (GtkWidget *widget)
{
  CaucusBriefingPage *self = CAUCUS_BRIEFING_PAGE (widget);
  GApplication *app = g_application_get_default ();

  GTK_WIDGET_CLASS (caucus_briefing_page_parent_class)->root (widget);

  if (self->index == NULL && CAUCUS_IS_APPLICATION (app) &&
      caucus_application_get_model_index (CAUCUS_APPLICATION (app)) != NULL)
    caucus_briefing_page_set_model_index (self, caucus_application_get_model_index (CAUCUS_APPLICATION (app)));
}

static void
caucus_briefing_page_dispose (GObject *object)
{
  CaucusBriefingPage *self = CAUCUS_BRIEFING_PAGE (object);

  if (self->packs != NULL)
    g_signal_handlers_disconnect_by_func (self->packs, packs_changed_cb, self);
  g_clear_object (&self->packs);
  g_clear_object (&self->index);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (caucus_briefing_page_parent_class)->dispose (object);
}

static void
caucus_briefing_page_class_init (CaucusBriefingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CaucusPageClass *page_class = CAUCUS_PAGE_CLASS (klass);

  object_class->dispose = caucus_briefing_page_dispose;
  widget_class->root = caucus_briefing_page_root;
  page_class->search_changed = caucus_briefing_page_search_changed;

  g_type_ensure (CAUCUS_TYPE_PACK_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-briefing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, packs_list);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, editor);
  gtk_widget_class_bind_template_child (widget_class, CaucusBriefingPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, pack_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_back_cb);
  gtk_widget_class_install_action (widget_class, "briefing.new-pack", NULL, new_pack_action);
}

static void
caucus_briefing_page_init (CaucusBriefingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "briefing.new-pack", FALSE);
  self->settings = find_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::paper-size", G_CALLBACK (apply_settings), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::home-time-zone", G_CALLBACK (apply_settings), self,
                               G_CONNECT_SWAPPED);
    }
  apply_settings (self);
}

GtkWidget *
caucus_briefing_page_new (void)
{
  return g_object_new (CAUCUS_TYPE_BRIEFING_PAGE, NULL);
}
