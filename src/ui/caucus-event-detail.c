/* caucus-event-detail.c — the event page: when, where, who, what it links to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for one event id into the Calendar page's detail slot.  A conference shows the
 * size of its programme and opens it in the agenda (filtered by the conference: the
 * lazy list, not every session on this page).  Roles name directory people with their
 * organisation; "Add Person" gives someone from the directory a role (a speaker by default)
 * and each role row can be removed, both written at once.  Delete writes a tombstone and offers Undo in a toast, which writes the
 * same body again on top of the tombstone (a new revision: the delete is undone for
 * every replica, not only here).
 */
#include <glib/gi18n.h>

#include "caucus-calendar-page-private.h"
#include "caucus-calendar-time.h"
#include "caucus-document-detail.h"
#include "caucus-model.h"
#include "caucus-org-chooser.h"

/* The roles a person can be given on an event's page, in the order the drop-down offers them. */
static const char * const role_ids[] = { "speaker", "moderator", "online-moderator", "rapporteur", "organiser", NULL };

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "speaker") == 0)
    return _("Speaker");
  if (g_strcmp0 (role, "moderator") == 0)
    return _("Moderator");
  if (g_strcmp0 (role, "online-moderator") == 0)
    return _("Online moderator");
  if (g_strcmp0 (role, "rapporteur") == 0)
    return _("Rapporteur");
  if (g_strcmp0 (role, "organiser") == 0)
    return _("Organiser");
  return role;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GtkWidget *
info_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* A person of the programme, as the Directory shows them (their organisation, their other
 * sessions, the statements their organisation signed), in a window over the calendar. */
static void
person_activated_cb (AdwActionRow       *row,
                     CaucusCalendarPage *self)
{
  const char *person_id = g_object_get_data (G_OBJECT (row), "person-id");
  g_autoptr(CaucusDocument) person = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *box, *header, *scroller, *clamp, *detail;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  person = caucus_document_load (self->store, person_id, &error);
  if (person == NULL)
    {
      _caucus_calendar_page_toast (self, error->message);
      return;
    }

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), caucus_document_get_display_name (person));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  detail = caucus_document_detail_new ();
  caucus_document_detail_set_index (CAUCUS_DOCUMENT_DETAIL (detail), self->index);
  caucus_document_detail_set_document (CAUCUS_DOCUMENT_DETAIL (detail), person);
  caucus_document_detail_set_show_back (CAUCUS_DOCUMENT_DETAIL (detail), FALSE);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), detail);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
back_cb (CaucusCalendarPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, "views");
}

static void
star_cb (GtkToggleButton    *button,
         CaucusCalendarPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_following_set (self->ctx->following, self->detail_id,
                             gtk_toggle_button_get_active (button), &error))
    _caucus_calendar_page_toast (self, error->message);
  gtk_button_set_icon_name (GTK_BUTTON (button), gtk_toggle_button_get_active (button)
                                                   ? "starred-symbolic" : "non-starred-symbolic");
}

static void
edit_cb (CaucusCalendarPage *self)
{
  _caucus_calendar_page_edit_event (self, self->detail_id);
}

static void
undo_delete_cb (AdwToast           *toast,
                CaucusCalendarPage *self)
{
  CaucusDocument *document = g_object_get_data (G_OBJECT (toast), "document");
  g_autoptr(GError) error = NULL;

  if (document == NULL || self->store == NULL)
    return;
  if (!caucus_document_save (document, self->store, "caucus", &error))
    {
      _caucus_calendar_page_toast (self, error->message);
      return;
    }
  caucus_calendar_page_show_event (self, caucus_document_get_id (document));
}

static void
delete_cb (CaucusCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) document = caucus_document_load (self->store, self->detail_id, &error);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (document == NULL || !caucus_document_delete (document, self->store, &error))
    {
      _caucus_calendar_page_toast (self, error->message);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), caucus_document_get_display_name (document));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "document", g_object_ref (document), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  back_cb (self);
}

static void
show_programme_cb (CaucusCalendarPage *self)
{
  caucus_calendar_page_set_filter (self, "conference", self->detail_id);
  caucus_calendar_page_set_view (self, "agenda");
}

static void
export_cb (CaucusCalendarPage *self)
{
  _caucus_calendar_page_export (self, CAUCUS_EXPORT_EVENT, self->detail_id);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static char *
when_text (CaucusCalendarPage *self,
           JsonObject         *event,
           const char         *zone,
           gboolean            mark)
{
  const char *start = string_member (event, "start");
  const char *end = string_member (event, "end");
  const char *home = string_member (event, "time_zone");
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *day_mark = NULL;
  GDate date;
  char buffer[96] = "";
  int offset = 0;

  if (start == NULL || !caucus_calendar_local_date (start, zone, &date, NULL))
    return NULL;
  /* Translators: strftime format of an event's date on its page */
  g_date_strftime (buffer, sizeof buffer, _("%A %-d %B %Y"), &date);
  if (json_object_has_member (event, "all_day") && json_object_get_boolean_member (event, "all_day"))
    return g_strdup_printf (_("%s, all day"), buffer);

  from = caucus_time_format_in_zone (start, zone, mark ? home : NULL, &offset, NULL);
  if (end != NULL && g_strcmp0 (end, start) != 0)
    {
      GDate end_date;
      g_autofree char *end_time = caucus_time_format_in_zone (end, zone, NULL, NULL, NULL);

      /* an event over several days names its last day */
      if (end_time != NULL && caucus_calendar_local_date (end, zone, &end_date, NULL) &&
          g_date_compare (&end_date, &date) != 0)
        {
          char end_buffer[96] = "";

          g_date_strftime (end_buffer, sizeof end_buffer, _("%A %-d %B %Y"), &end_date);
          to = g_strdup_printf ("%s, %s", end_buffer, end_time);
        }
      else
        to = g_steal_pointer (&end_time);
    }
  day_mark = mark ? caucus_time_day_mark (offset) : NULL;
  return g_strdup_printf ("%s, %s%s%s%s%s", buffer, from != NULL ? from : start,
                          to != NULL ? " – " : "", to != NULL ? to : "",
                          day_mark != NULL ? " " : "", day_mark != NULL ? day_mark : "");
}

/* The focusable descendant of @widget named @name, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Writes @roles as the event's roles and shows the page again, with the keyboard focus
 * back on the widget named @focus_name (the page is rebuilt, so the focused widget is gone). */
static gboolean
save_roles (CaucusCalendarPage *self,
            CaucusDocument     *document,
            JsonArray          *roles,
            const char         *focus_name)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), roles);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (caucus_document_get_id (document));
  GtkWidget *focus;

  caucus_document_set_member (document, "roles", json_array_get_length (roles) > 0 ? node : NULL);
  if (!caucus_document_save (document, self->store, "caucus", &error))
    {
      _caucus_calendar_page_toast (self, error->message);
      return FALSE;
    }
  caucus_calendar_page_show_event (self, id);
  focus = find_named (GTK_WIDGET (self->detail_bin), focus_name);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  return TRUE;
}

/* The event's roles, copied (an empty array when it has none). */
static JsonArray *
dup_roles (CaucusDocument *document)
{
  JsonNode *node = caucus_document_peek_member (document, "roles");
  JsonArray *copy = json_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *roles = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (roles); i++)
        json_array_add_element (copy, json_node_copy (json_array_get_element (roles, i)));
    }
  return copy;
}

static void
person_chosen_cb (CaucusOrgChooser   *chooser,
                  const char         *person_id,
                  CaucusCalendarPage *self)
{
  GtkDropDown *role_choice = g_object_get_data (G_OBJECT (chooser), "role-choice");
  guint index = gtk_drop_down_get_selected (role_choice);
  const char *role = index < G_N_ELEMENTS (role_ids) - 1 ? role_ids[index] : "speaker";
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) document = NULL;
  g_autoptr(CaucusDocument) person = NULL;
  g_autoptr(JsonArray) roles = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autofree char *text = NULL;

  if (person_id == NULL || self->detail_id == NULL)
    return;
  document = caucus_document_load (self->store, self->detail_id, &error);
  person = document != NULL ? caucus_document_load (self->store, person_id, &error) : NULL;
  if (person == NULL)
    {
      _caucus_calendar_page_toast (self, error->message);
      return;
    }
  roles = dup_roles (document);
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonNode *element = json_array_get_element (roles, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (string_member (json_node_get_object (element), "person_id"), person_id) == 0 &&
          g_strcmp0 (string_member (json_node_get_object (element), "role"), role) == 0)
        {
          /* Translators: a person's name and a role ("Speaker") */
          text = g_strdup_printf (_("%s is already %s here"), caucus_document_get_display_name (person),
                                  role_label (role));
          _caucus_calendar_page_toast (self, text);
          return;
        }
    }
  entry = json_object_new ();
  json_object_set_string_member (entry, "person_id", person_id);
  json_object_set_string_member (entry, "role", role);
  json_array_add_object_element (roles, g_steal_pointer (&entry));
  if (!save_roles (self, document, roles, "add-person"))
    return;
  /* Translators: a person's name and a role ("Speaker") */
  text = g_strdup_printf (_("%s added as %s"), caucus_document_get_display_name (person), role_label (role));
  _caucus_calendar_page_toast (self, text);
}

static void
remove_role_cb (GtkButton          *button,
                CaucusCalendarPage *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "role-index"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) document = NULL;
  g_autoptr(JsonArray) roles = NULL;

  if (self->detail_id == NULL)
    return;
  document = caucus_document_load (self->store, self->detail_id, &error);
  if (document == NULL)
    {
      _caucus_calendar_page_toast (self, error->message);
      return;
    }
  roles = dup_roles (document);
  if (position >= json_array_get_length (roles))
    return;
  json_array_remove_element (roles, position);
  save_roles (self, document, roles, "add-person");
}

/* Role drop-down and "Add Person" (a popover over the directory's people), in the
 * header of the People group. */
static GtkWidget *
add_person_controls (CaucusCalendarPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *role_choice, *add, *chooser;

  for (guint i = 0; role_ids[i] != NULL; i++)
    gtk_string_list_append (labels, role_label (role_ids[i]));
  role_choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_widget_set_name (role_choice, "role-choice");
  gtk_widget_set_valign (role_choice, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (role_choice, _("The role of the person added"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (role_choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Role"), -1);
  chooser = caucus_org_chooser_new_for_people ();
  caucus_org_chooser_set_index (CAUCUS_ORG_CHOOSER (chooser), self->index);
  g_object_set_data (G_OBJECT (chooser), "role-choice", role_choice);
  g_signal_connect (chooser, "chosen", G_CALLBACK (person_chosen_cb), self);
  add = gtk_menu_button_new ();
  gtk_widget_set_name (add, "add-person");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (add), _("Add _Person"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (add), TRUE);
  gtk_widget_set_tooltip_text (add, _("Someone from the directory takes the chosen role"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (add), chooser);
  gtk_box_append (GTK_BOX (box), role_choice);
  gtk_box_append (GTK_BOX (box), add);
  return box;
}

gboolean
_caucus_calendar_page_build_detail (CaucusCalendarPage *self)
{
  g_autoptr(CaucusDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *event;
  GtkWidget *outer, *bar, *back, *star, *edit, *delete, *scroller, *clamp, *box, *title, *kind_label;
  AdwPreferencesGroup *group;
  const char *kind, *zone, *status;
  JsonNode *node;
  g_autoptr(GString) kind_text = g_string_new (NULL);

  if (self->store == NULL || self->detail_id == NULL)
    return FALSE;
  document = caucus_document_load (self->store, self->detail_id, &error);
  if (document == NULL || !CAUCUS_IS_EVENT (document))
    return FALSE;
  event = caucus_document_peek_json (document);
  kind = string_member (event, "kind");
  zone = string_member (event, "time_zone");
  status = string_member (event, "status");

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  back = icon_button ("go-previous-symbolic", _("Back to the calendar"));
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (back_cb), self);
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), g_object_new (GTK_TYPE_BOX, "hexpand", TRUE, NULL));

  star = gtk_toggle_button_new ();
  gtk_widget_add_css_class (star, "flat");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star),
                                caucus_following_contains (self->ctx->following, self->detail_id));
  gtk_button_set_icon_name (GTK_BUTTON (star), gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (star))
                                                 ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (star, _("Follow"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Follow"), -1);
  g_signal_connect (star, "toggled", G_CALLBACK (star_cb), self);
  gtk_widget_set_name (star, "follow");
  gtk_box_append (GTK_BOX (bar), star);
  if (g_strcmp0 (kind, "conference") == 0)
    {
      GtkWidget *export = icon_button ("document-save-symbolic", _("Export to iCalendar"));

      g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_cb), self);
      gtk_box_append (GTK_BOX (bar), export);
    }
  edit = icon_button ("document-edit-symbolic", _("Edit"));
  g_signal_connect_swapped (edit, "clicked", G_CALLBACK (edit_cb), self);
  gtk_box_append (GTK_BOX (bar), edit);
  delete = icon_button ("user-trash-symbolic", _("Delete"));
  gtk_widget_set_name (delete, "delete");
  g_signal_connect_swapped (delete, "clicked", G_CALLBACK (delete_cb), self);
  gtk_box_append (GTK_BOX (bar), delete);
  gtk_box_append (GTK_BOX (outer), bar);
  gtk_box_append (GTK_BOX (outer), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);

  title = gtk_label_new (caucus_document_get_display_name (document));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);
  g_string_append (kind_text, kind != NULL ? kind : "");
  if (status != NULL)
    g_string_append_printf (kind_text, " · %s", status);
  if (string_member (event, "format") != NULL)
    g_string_append_printf (kind_text, " · %s", string_member (event, "format"));
  kind_label = gtk_label_new (kind_text->str);
  gtk_label_set_xalign (GTK_LABEL (kind_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (kind_label), TRUE);
  gtk_widget_add_css_class (kind_label, "dim-label");
  gtk_box_append (GTK_BOX (box), kind_label);

  /* problems of a document that arrived invalid */
  if (!caucus_document_is_valid (document))
    {
      GPtrArray *problems = caucus_document_get_problems (document);

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Problems"));
      for (guint i = 0; i < problems->len; i++)
        {
          CaucusProblem *problem = g_ptr_array_index (problems, i);
          GtkWidget *row = info_row (problem->message, problem->field);

          gtk_widget_add_css_class (row, "error");
          adw_preferences_group_add (group, row);
        }
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  /* When */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("When"));
  if (zone != NULL && caucus_time_zone_is_valid (zone))
    {
      g_autofree char *home = when_text (self, event, zone, FALSE);

      if (home != NULL)
        adw_preferences_group_add (group, info_row (home, zone));
      if (g_strcmp0 (self->ctx->my_zone, zone) != 0)
        {
          g_autofree char *mine = when_text (self, event, self->ctx->my_zone, TRUE);
          g_autofree char *subtitle = g_strdup_printf (_("Your time (%s)"), self->ctx->my_zone);

          if (mine != NULL)
            adw_preferences_group_add (group, info_row (mine, subtitle));
        }
      if ((g_strcmp0 (kind, "deadline") == 0 || g_strcmp0 (kind, "milestone") == 0) &&
          g_strcmp0 (status, "done") != 0 && g_strcmp0 (status, "cancelled") != 0 &&
          string_member (event, "start") != NULL)
        {
          g_autoptr(GDateTime) now = caucus_calendar_context_now (self->ctx);
          g_autofree char *countdown = caucus_calendar_countdown_text (string_member (event, "start"),
                                                                       zone, now, NULL);
          g_autofree char *subtitle = g_strdup_printf (_("Days counted in %s, the issuing body’s zone"), zone);

          if (countdown != NULL)
            adw_preferences_group_add (group, info_row (countdown, subtitle));
        }
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));

  /* Where */
  node = json_object_get_member (event, "location");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *location = json_node_get_object (node);
      g_autoptr(GString) place = g_string_new (NULL);
      const char *parts[] = { "room", "venue", "city", "country" };
      const char *url = string_member (location, "online_url");

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (string_member (location, parts[i]) != NULL)
          g_string_append_printf (place, "%s%s", place->len > 0 ? ", " : "", string_member (location, parts[i]));

      if (place->len > 0 || url != NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _("Where"));
          if (place->len > 0)
            adw_preferences_group_add (group, info_row (place->str, NULL));
          if (url != NULL)
            {
              GtkWidget *row = info_row (_("Online"), url);
              GtkWidget *link = gtk_link_button_new_with_label (url, _("Open"));

              gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
              adw_preferences_group_add (group, row);
            }
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
        }
    }

  /* Programme of a conference: its size here, the sessions in the agenda */
  if (g_strcmp0 (kind, "conference") == 0)
    {
      g_autoptr(CaucusDocumentList) sessions = caucus_document_list_new (self->index, "event");
      guint n;
      g_autofree char *count = NULL;
      GtkWidget *row, *button;

      caucus_document_list_set_filter (sessions, "ref_id", self->detail_id);
      n = g_list_model_get_n_items (G_LIST_MODEL (sessions));
      count = g_strdup_printf (ngettext ("%u item in the programme", "%u items in the programme", n), n);
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Programme"));
      row = info_row (count, NULL);
      button = gtk_button_new_with_mnemonic (_("_Show in Agenda"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, n > 0);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (show_programme_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }
  else if (string_member (event, "parent_id") != NULL)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Part of"));
      adw_preferences_group_add (group, info_row (caucus_calendar_context_name (self->ctx,
                                                                                string_member (event, "parent_id")),
                                                  NULL));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  /* Responsible organisations of a deadline or milestone */
  node = json_object_get_member (event, "owner_ids");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *owners = json_node_get_array (node);

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Responsible"));
      for (guint i = 0; i < json_array_get_length (owners); i++)
        {
          const char *id = json_array_get_string_element (owners, i);

          if (id != NULL)
            adw_preferences_group_add (group, info_row (caucus_calendar_context_name (self->ctx, id), NULL));
        }
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  /* People and their roles, with their organisation from the directory.  Deadlines and
   * milestones have responsible organisations instead. */
  node = json_object_get_member (event, "roles");
  if (g_strcmp0 (kind, "deadline") != 0 && g_strcmp0 (kind, "milestone") != 0)
    {
      JsonArray *roles = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      guint n_roles = roles != NULL ? json_array_get_length (roles) : 0;

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("People"));
      if (n_roles == 0)
        adw_preferences_group_set_description (group, _("No speakers or other roles yet"));
      adw_preferences_group_set_header_suffix (group, add_person_controls (self));
      for (guint i = 0; i < n_roles; i++)
        {
          JsonNode *element = json_array_get_element (roles, i);
          JsonObject *role;
          const char *person_id, *name;
          g_autoptr(JsonObject) person = NULL;
          g_autofree char *subtitle = NULL;
          g_autofree char *remove_label = NULL;
          const char *org = NULL;
          GtkWidget *row, *remove;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          role = json_node_get_object (element);
          person_id = string_member (role, "person_id");
          name = person_id != NULL ? caucus_calendar_context_name (self->ctx, person_id) : string_member (role, "name");
          if (person_id != NULL)
            person = caucus_store_get (self->store, person_id, NULL, NULL);
          if (person != NULL && string_member (person, "org_id") != NULL)
            org = caucus_calendar_context_name (self->ctx, string_member (person, "org_id"));
          subtitle = org != NULL ? g_strdup_printf ("%s · %s", role_label (string_member (role, "role")), org)
                                 : g_strdup (role_label (string_member (role, "role")));
          row = info_row (name != NULL ? name : "", subtitle);
          /* Translators: the button that takes a person off an event; %s is their name */
          remove_label = g_strdup_printf (_("Remove %s"), name != NULL ? name : "");
          remove = icon_button ("list-remove-symbolic", remove_label);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (remove), "role-index", GUINT_TO_POINTER (i));
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_role_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          if (person != NULL)
            {
              /* the person's page from the Directory */
              g_object_set_data_full (G_OBJECT (row), "person-id", g_strdup (person_id), g_free);
              gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
              g_signal_connect (row, "activated", G_CALLBACK (person_activated_cb), self);
            }
          adw_preferences_group_add (group, row);
        }
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  /* Linked statements */
  node = json_object_get_member (event, "statement_ids");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *statements = json_node_get_array (node);

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Statements"));
      for (guint i = 0; i < json_array_get_length (statements); i++)
        {
          const char *id = json_array_get_string_element (statements, i);

          if (id != NULL)
            adw_preferences_group_add (group, info_row (caucus_calendar_context_name (self->ctx, id), NULL));
        }
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  if (string_member (event, "description") != NULL)
    {
      GtkWidget *description = gtk_label_new (string_member (event, "description"));

      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_xalign (GTK_LABEL (description), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (description), TRUE);
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Description"));
      adw_preferences_group_add (group, description);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));
    }

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (outer), scroller);

  adw_bin_set_child (self->detail_bin, outer);
  return TRUE;
}
