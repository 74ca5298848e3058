/* caucus-pack-section-rows.c — the rows of the pack editor's section list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row edits one entry of the pack's "sections" array in place, with the members the
 * renderer reads (docs/layers/pack.md): "enabled" and "title" for every kind; agenda
 * "session_ids" (absent: every session) and "descriptions"; statements "redline" and
 * "items" ({statement_id, version_id, annex}); free text "body".  Background papers are
 * the pack's PDF attachments, which the renderer takes by default, so that row adds and
 * removes attachments through the editor instead of writing the section.
 */
#include <glib/gi18n.h>

#include "caucus-document-io.h"
#include "caucus-document-list.h"
#include "caucus-following.h"
#include "caucus-pack-section-rows.h"
#include "caucus-pack-section-rows-private.h"

static void
row_data_free (gpointer data)
{
  SectionRow *rd = data;

  json_object_unref (rd->section);
  g_clear_pointer (&rd->session_checks, g_ptr_array_unref);
  g_clear_pointer (&rd->statement_rows, g_ptr_array_unref);
  g_free (rd);
}

static const struct
{
  const char *kind;
  const char *title;
  const char *description;
} kinds[] = {
  { "introduction", N_("Introduction"), N_("The introduction written above") },
  { "agenda", N_("Programme"), N_("The sessions, grouped by day, in the venue’s time and yours") },
  { "people", N_("People"), N_("Speakers, moderators and organisers with their roles") },
  { "organisations", N_("Organisations"), N_("The organisations of the people and the event") },
  { "statements", N_("Statements"), N_("Draft language, with redlines and signatories") },
  { "deadlines", N_("Deadlines"), N_("The event’s deadlines and milestones") },
  { "background-papers", N_("Background Papers"), N_("PDF documents, embedded page by page") },
  { "free-text", N_("Free Text"), N_("Practical information or anything else, in Markdown") },
};

const char *
caucus_pack_section_kind_title (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return _(kinds[i].title);
  return kind;
}

static const char *
kind_description (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return _(kinds[i].description);
  return NULL;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  return button;
}

/* ---- agenda ----------------------------------------------------------------------- */

static void
write_session_ids (SectionRow *rd)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < rd->session_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (rd->session_checks, i);

      if (gtk_check_button_get_active (check))
        json_array_add_string_element (ids, g_object_get_data (G_OBJECT (check), "session-id"));
    }
  json_object_set_array_member (rd->section, "session_ids", ids);
}

enum {
  SESSIONS_ALL,
  SESSIONS_CHOSEN,
  SESSIONS_FOLLOWED,
};

static void
session_toggled_cb (GtkCheckButton *check,
                    SectionRow        *rd)
{
  if (rd->updating_checks)
    return;
  write_session_ids (rd);
  _caucus_pack_section_notify_changed (rd);
}

static void
sessions_mode_cb (AdwComboRow *combo,
                  GParamSpec  *pspec,
                  SectionRow     *rd)
{
  guint mode = adw_combo_row_get_selected (combo);
  gboolean chosen = mode == SESSIONS_CHOSEN || mode == SESSIONS_FOLLOWED;

  /* the sessions followed on this device, as a choice the pack keeps (a pack is shared,
   * following is not): the check rows then show it and can adjust it */
  if (mode == SESSIONS_FOLLOWED)
    {
      CaucusFollowing *following = caucus_following_get_for_store (caucus_model_index_get_store (rd->context->index));

      rd->updating_checks = TRUE;
      for (guint i = 0; i < rd->session_checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (rd->session_checks, i);

          gtk_check_button_set_active (check, caucus_following_contains (following,
                                                                         g_object_get_data (G_OBJECT (check), "session-id")));
        }
      rd->updating_checks = FALSE;
    }
  for (guint i = 0; i < rd->session_checks->len; i++)
    gtk_widget_set_visible (gtk_widget_get_ancestor (g_ptr_array_index (rd->session_checks, i),
                                                     ADW_TYPE_ACTION_ROW), chosen);
  json_object_remove_member (rd->section, "selection");
  if (chosen)
    write_session_ids (rd);
  else
    json_object_remove_member (rd->section, "session_ids");
  _caucus_pack_section_notify_changed (rd);
}

static void
descriptions_cb (GtkSwitch  *sw,
                 GParamSpec *pspec,
                 SectionRow    *rd)
{
  json_object_set_boolean_member (rd->section, "descriptions", gtk_switch_get_active (sw));
  _caucus_pack_section_notify_changed (rd);
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static JsonArray *
section_array (JsonObject *section,
               const char *member)
{
  JsonNode *node = json_object_get_member (section, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* “Sat 3 Nov, 09:00” in the session's own zone. */
static char *
session_time (CaucusDocument *session)
{
  const char *start = caucus_document_get_string (session, "start");
  const char *zone_id = caucus_document_get_string (session, "time_zone");
  g_autoptr(GDateTime) utc = start != NULL ? g_date_time_new_from_iso8601 (start, NULL) : NULL;
  g_autoptr(GTimeZone) zone = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = zone != NULL ? g_date_time_to_timezone (utc, zone) : g_date_time_ref (utc);
  return g_date_time_format (local, "%a %-d %b, %H:%M");
}

static void
build_agenda (GtkWidget *row,
              SectionRow   *rd)
{
  const char * const modes[] = { N_("All sessions"), N_("Chosen sessions"), N_("The sessions I follow"), NULL };
  g_autoptr(GtkStringList) mode_model = gtk_string_list_new (NULL);
  g_autoptr(CaucusDocumentList) sessions = NULL;
  JsonArray *chosen = section_array (rd->section, "session_ids");
  GtkWidget *descriptions = adw_action_row_new ();
  GtkWidget *sw;
  GtkWidget *combo = adw_combo_row_new ();

  for (guint i = 0; modes[i] != NULL; i++)
    gtk_string_list_append (mode_model, _(modes[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Sessions"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (mode_model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), chosen != NULL ? SESSIONS_CHOSEN : SESSIONS_ALL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);
  rd->sessions_mode = ADW_COMBO_ROW (combo);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (descriptions), _("Session descriptions"));
  sw = _caucus_pack_section_new_switch (_caucus_pack_section_bool (rd->section, "descriptions", TRUE), _("Session descriptions"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (descriptions), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (descriptions), sw);
  g_signal_connect (sw, "notify::active", G_CALLBACK (descriptions_cb), rd);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), descriptions);

  rd->session_checks = g_ptr_array_new ();
  if (rd->context->event_id != NULL)
    {
      sessions = caucus_document_list_new (rd->context->index, "event");
      caucus_document_list_set_filter (sessions, "ref_id", rd->context->event_id);
      caucus_document_list_set_sort (sessions, CAUCUS_LIST_SORT_START);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sessions)); i++)
        {
          g_autoptr(CaucusDocument) session = g_list_model_get_item (G_LIST_MODEL (sessions), i);
          g_autofree char *when = session_time (session);
          g_autofree char *title = g_markup_escape_text (caucus_document_get_display_name (session), -1);
          GtkWidget *session_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (session_row), title);
          if (when != NULL)
            adw_action_row_set_subtitle (ADW_ACTION_ROW (session_row), when);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       chosen == NULL || array_has_string (chosen, caucus_document_get_id (session)));
          g_object_set_data_full (G_OBJECT (check), "session-id",
                                  g_strdup (caucus_document_get_id (session)), g_free);
          adw_action_row_add_prefix (ADW_ACTION_ROW (session_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (session_row), check);
          gtk_widget_set_visible (session_row, chosen != NULL);
          g_signal_connect (check, "toggled", G_CALLBACK (session_toggled_cb), rd);
          g_ptr_array_add (rd->session_checks, check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), session_row);
        }
    }
  g_signal_connect (combo, "notify::selected", G_CALLBACK (sessions_mode_cb), rd);
}

/* ---- statements ------------------------------------------------------------------- */

static void
write_items (SectionRow *rd)
{
  JsonArray *items = json_array_new ();
  gboolean annex = gtk_switch_get_active (rd->annex);

  for (guint i = 0; i < rd->statement_rows->len; i++)
    {
      AdwComboRow *combo = g_ptr_array_index (rd->statement_rows, i);
      GStrv version_ids = g_object_get_data (G_OBJECT (combo), "version-ids");
      guint selected = adw_combo_row_get_selected (combo);
      JsonObject *item;

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;   /* left out */
      item = json_object_new ();
      json_object_set_string_member (item, "statement_id", g_object_get_data (G_OBJECT (combo), "statement-id"));
      if (selected >= 2)
        json_object_set_string_member (item, "version_id", version_ids[selected - 2]);
      json_object_set_boolean_member (item, "annex", annex);
      json_array_add_object_element (items, item);
    }
  json_object_remove_member (rd->section, "statement_ids");
  json_object_remove_member (rd->section, "annex");
  json_object_set_array_member (rd->section, "items", items);
}

static void
statement_choice_cb (AdwComboRow *combo,
                     GParamSpec  *pspec,
                     SectionRow     *rd)
{
  write_items (rd);
  _caucus_pack_section_notify_changed (rd);
}

static void
annex_cb (GtkSwitch  *sw,
          GParamSpec *pspec,
          SectionRow    *rd)
{
  write_items (rd);
  _caucus_pack_section_notify_changed (rd);
}

static void
redline_cb (GtkSwitch  *sw,
            GParamSpec *pspec,
            SectionRow    *rd)
{
  json_object_set_boolean_member (rd->section, "redline", gtk_switch_get_active (sw));
  _caucus_pack_section_notify_changed (rd);
}

/* The statement's current item in the section: 0 left out, 1 current text, 2+ a version. */
static guint
statement_choice (SectionRow    *rd,
                  const char *statement_id,
                  GStrv       version_ids,
                  gboolean   *annex)
{
  JsonArray *items = section_array (rd->section, "items");
  JsonArray *ids = section_array (rd->section, "statement_ids");

  if (items != NULL)
    {
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *version;

          if (item == NULL ||
              g_strcmp0 (json_object_get_string_member_with_default (item, "statement_id", NULL), statement_id) != 0)
            continue;
          *annex = _caucus_pack_section_bool (item, "annex", TRUE);
          version = json_object_get_string_member_with_default (item, "version_id", NULL);
          for (guint v = 0; version != NULL && version_ids[v] != NULL; v++)
            if (g_strcmp0 (version_ids[v], version) == 0)
              return v + 2;
          return 1;
        }
      return 0;
    }
  if (ids != NULL)
    return array_has_string (ids, statement_id) ? 1 : 0;
  return 1;   /* by default every statement of the event, current text */
}

static void
add_statement_row (GtkWidget      *row,
                   SectionRow        *rd,
                   CaucusDocument *statement,
                   gboolean       *annex)
{
  g_autoptr(CaucusDocumentList) versions = caucus_document_list_new (rd->context->index, "statement-version");
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) version_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = g_markup_escape_text (caucus_document_get_display_name (statement), -1);
  GtkWidget *combo = adw_combo_row_new ();
  guint n;

  caucus_document_list_set_filter (versions, "ref_id", caucus_document_get_id (statement));
  caucus_document_list_set_sort (versions, CAUCUS_LIST_SORT_UPDATED);
  gtk_string_list_append (choices, _("Left out"));
  gtk_string_list_append (choices, _("Current text"));
  n = g_list_model_get_n_items (G_LIST_MODEL (versions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaucusDocument) version = g_list_model_get_item (G_LIST_MODEL (versions), i);

      gtk_string_list_append (choices, caucus_document_get_display_name (version));
      g_ptr_array_add (version_ids, g_strdup (caucus_document_get_id (version)));
    }
  g_ptr_array_add (version_ids, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo),
                              statement_choice (rd, caucus_document_get_id (statement),
                                                (GStrv) version_ids->pdata, annex));
  g_object_set_data_full (G_OBJECT (combo), "statement-id", g_strdup (caucus_document_get_id (statement)), g_free);
  g_object_set_data_full (G_OBJECT (combo), "version-ids",
                          g_ptr_array_free (g_steal_pointer (&version_ids), FALSE), (GDestroyNotify) g_strfreev);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (statement_choice_cb), rd);
  g_ptr_array_add (rd->statement_rows, combo);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);
}

static void
build_statements (GtkWidget *row,
                  SectionRow   *rd)
{
  CaucusStore *store = caucus_model_index_get_store (rd->context->index);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *items = section_array (rd->section, "items");
  JsonArray *ids = section_array (rd->section, "statement_ids");
  GtkWidget *redline = adw_action_row_new ();
  GtkWidget *annex_row = adw_action_row_new ();
  GtkWidget *sw;
  gboolean annex = _caucus_pack_section_bool (rd->section, "annex", TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (redline), _("Redline since the previous version"));
  sw = _caucus_pack_section_new_switch (_caucus_pack_section_bool (rd->section, "redline", FALSE), _("Redline since the previous version"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (redline), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (redline), sw);
  g_signal_connect (sw, "notify::active", G_CALLBACK (redline_cb), rd);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), redline);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (annex_row), _("Signatory annex"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (annex_row), _("The organisations that signed, by region"));
  sw = _caucus_pack_section_new_switch (TRUE, _("Signatory annex"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (annex_row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (annex_row), sw);
  rd->annex = GTK_SWITCH (sw);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), annex_row);

  rd->statement_rows = g_ptr_array_new ();
  /* the statements the section names (they may belong to another forum), then the event's */
  for (guint i = 0; i < (items != NULL ? json_array_get_length (items) : ids != NULL ? json_array_get_length (ids) : 0); i++)
    {
      const char *id;
      g_autoptr(CaucusDocument) statement = NULL;

      if (items != NULL)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          id = item != NULL ? json_object_get_string_member_with_default (item, "statement_id", NULL) : NULL;
        }
      else
        id = json_array_get_string_element (ids, i);
      if (id == NULL || g_hash_table_contains (seen, id))
        continue;
      statement = caucus_document_load (store, id, NULL);
      if (statement == NULL)
        continue;   /* deleted since: the renderer would refuse it, so it is dropped on the next edit */
      g_hash_table_add (seen, g_strdup (id));
      add_statement_row (row, rd, statement, &annex);
    }
  if (rd->context->event_id != NULL)
    {
      g_autoptr(CaucusDocumentList) statements = caucus_document_list_new (rd->context->index, "statement");

      caucus_document_list_set_filter (statements, "ref_id", rd->context->event_id);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (statements)); i++)
        {
          g_autoptr(CaucusDocument) statement = g_list_model_get_item (G_LIST_MODEL (statements), i);

          if (g_hash_table_contains (seen, caucus_document_get_id (statement)))
            continue;
          g_hash_table_add (seen, g_strdup (caucus_document_get_id (statement)));
          add_statement_row (row, rd, statement, &annex);
        }
    }
  gtk_switch_set_active (rd->annex, annex);
  g_signal_connect (sw, "notify::active", G_CALLBACK (annex_cb), rd);
  if (rd->statement_rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No statements are attached to this event"));
      gtk_widget_add_css_class (none, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), none);
    }
}

/* ---- background papers ------------------------------------------------------------ */

static void
add_paper_cb (GtkButton *button,
              SectionRow   *rd)
{
  rd->context->add_paper (rd->context->editor);
}

static void
remove_paper_cb (GtkButton *button,
                 SectionRow   *rd)
{
  rd->context->remove_paper (rd->context->editor, g_object_get_data (G_OBJECT (button), "paper"));
}

static void
build_papers (GtkWidget *row,
              SectionRow   *rd)
{
  GtkWidget *add_row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add PDF…"));

  for (guint i = 0; rd->context->papers != NULL && i < rd->context->papers->len; i++)
    {
      const char *name = g_ptr_array_index (rd->context->papers, i);
      g_autofree char *title = g_markup_escape_text (name, -1);
      GtkWidget *paper = adw_action_row_new ();
      GtkWidget *remove = icon_button ("user-trash-symbolic", _("Remove Paper"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (paper), title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (paper), gtk_image_new_from_icon_name ("x-office-document-symbolic"));
      g_object_set_data_full (G_OBJECT (remove), "paper", g_strdup (name), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_paper_cb), rd);
      adw_action_row_add_suffix (ADW_ACTION_ROW (paper), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), paper);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row),
                                 rd->context->papers != NULL && rd->context->papers->len > 0
                                 ? _("Another paper") : _("No papers yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row), _("Every PDF attached to the pack is embedded"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect (add, "clicked", G_CALLBACK (add_paper_cb), rd);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_row);
}

/* ---- free text -------------------------------------------------------------------- */

static void
heading_changed_cb (GtkEditable *editable,
                    SectionRow     *rd)
{
  const char *text = gtk_editable_get_text (editable);

  if (*text == '\0')
    json_object_remove_member (rd->section, "title");
  else
    json_object_set_string_member (rd->section, "title", text);
  _caucus_pack_section_notify_changed (rd);
}

static void
body_changed_cb (GtkTextBuffer *buffer,
                 SectionRow       *rd)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  json_object_remove_member (rd->section, "text");
  json_object_set_string_member (rd->section, "body", text);
  _caucus_pack_section_notify_changed (rd);
}

static void
build_free_text (GtkWidget *row,
                 SectionRow   *rd)
{
  GtkWidget *heading = adw_entry_row_new ();
  GtkWidget *body_row = gtk_list_box_row_new ();
  GtkWidget *view = gtk_text_view_new ();
  const char *body = json_object_get_string_member_with_default (rd->section, "body",
                     json_object_get_string_member_with_default (rd->section, "text", ""));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (heading), _("Heading"));
  gtk_editable_set_text (GTK_EDITABLE (heading),
                         json_object_get_string_member_with_default (rd->section, "title", ""));
  g_signal_connect (heading, "changed", G_CALLBACK (heading_changed_cb), rd);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), heading);

  gtk_text_buffer_set_text (buffer, body, -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Section text (Markdown)"), -1);
  g_signal_connect (buffer, "changed", G_CALLBACK (body_changed_cb), rd);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (body_row), view);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (body_row), FALSE);
  /* The row only holds the text: Tab goes straight into the text (the row is no
   * focus stop of its own), and the row, still a list item to assistive technologies,
   * carries the text's name rather than none. */
  gtk_widget_set_focusable (body_row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (body_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Section text (Markdown)"), -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body_row);
}

/* ---- the row ---------------------------------------------------------------------- */

/* The first AdwActionRow inside WIDGET, depth first: an expander row's header. */
static GtkWidget *
find_header_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ADW_IS_ACTION_ROW (child) ? child : find_header_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
expanded_changed_cb (AdwExpanderRow *row,
                     GParamSpec     *pspec,
                     GtkWidget      *header)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_STATE_EXPANDED,
                               adw_expander_row_get_expanded (row), -1);
}

/* libadwaita 1.2's expander row takes the focus on its header row, which tells
 * assistive technologies nothing about expanding (no expandable or expanded state):
 * a screen reader cannot know Space opens the section's options.  The header carries
 * the state, kept in step with the row. */
static void
expose_expanded_state (GtkWidget *row)
{
  GtkWidget *header = find_header_row (row);

  if (header == NULL)
    return;
  expanded_changed_cb (ADW_EXPANDER_ROW (row), NULL, header);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_changed_cb), header, 0);
}

GtkWidget *
caucus_pack_section_row_new (const CaucusPackSectionContext *context,
                             JsonObject                     *section,
                             guint                           index,
                             guint                           n_sections)
{
  const char *kind = json_object_get_string_member_with_default (section, "kind", "");
  const char *custom_title = json_object_get_string_member_with_default (section, "title", NULL);
  g_autofree char *title = NULL;
  gboolean has_options = g_strcmp0 (kind, "agenda") == 0 || g_strcmp0 (kind, "statements") == 0 ||
                         g_strcmp0 (kind, "background-papers") == 0 || g_strcmp0 (kind, "free-text") == 0;
  GtkWidget *row = has_options ? adw_expander_row_new () : adw_action_row_new ();
  SectionRow *rd = g_new0 (SectionRow, 1);

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (section != NULL, NULL);

  rd->context = context;
  rd->section = json_object_ref (section);
  rd->index = index;
  g_object_set_data_full (G_OBJECT (row), "caucus-section-row", rd, row_data_free);

  title = g_markup_escape_text (custom_title != NULL && *custom_title != '\0'
                                ? custom_title : caucus_pack_section_kind_title (kind), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (has_options)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), kind_description (kind));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind_description (kind));
  _caucus_pack_section_add_header (row, rd, n_sections);

  if (g_strcmp0 (kind, "agenda") == 0)
    build_agenda (row, rd);
  else if (g_strcmp0 (kind, "statements") == 0)
    build_statements (row, rd);
  else if (g_strcmp0 (kind, "background-papers") == 0)
    build_papers (row, rd);
  else if (g_strcmp0 (kind, "free-text") == 0)
    build_free_text (row, rd);
  if (has_options)
    expose_expanded_state (row);
  return row;
}

GtkSwitch *
caucus_pack_section_row_get_switch (GtkWidget *row)
{
  SectionRow *rd = g_object_get_data (G_OBJECT (row), "caucus-section-row");

  g_return_val_if_fail (rd != NULL, NULL);
  return rd->enabled;
}
