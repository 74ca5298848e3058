/* caucus-pack-section-header.c — what every row of the pack editor's section list
 * carries: the drag handle, the "included" switch and the Move/Remove menu, plus the small
 * helpers the section rows share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-pack-section-rows-private.h"

void
_caucus_pack_section_notify_changed (SectionRow *rd)
{
  rd->context->changed (rd->context->editor);
}

gboolean
_caucus_pack_section_bool (JsonObject *section,
              const char *member,
              gboolean    fallback)
{
  JsonNode *node = json_object_get_member (section, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

GtkWidget *
_caucus_pack_section_new_switch (gboolean    active,
            const char *label)
{
  GtkWidget *sw = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return sw;
}

/* ---- header: drag handle, enabled switch, menu ----------------------------------- */

static void
enabled_cb (GtkSwitch  *sw,
            GParamSpec *pspec,
            SectionRow    *rd)
{
  json_object_set_boolean_member (rd->section, "enabled", gtk_switch_get_active (sw));
  _caucus_pack_section_notify_changed (rd);
}

static void
move_up_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  SectionRow *rd = user_data;

  if (rd->index > 0)
    rd->context->move (rd->context->editor, rd->index, rd->index - 1);
}

static void
move_down_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SectionRow *rd = user_data;

  rd->context->move (rd->context->editor, rd->index, rd->index + 1);
}

static void
remove_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  SectionRow *rd = user_data;

  rd->context->remove (rd->context->editor, rd->index);
}

/* Drag and drop: the handle carries the section's index; a row accepts it and the
 * section moves to that row's place. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 SectionRow       *rd)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, rd->index);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 24, 24);
}

typedef struct
{
  const CaucusPackSectionContext *context;
  GObject *editor;
  guint from;
  guint to;
} DeferredMove;

static gboolean
deferred_move_cb (gpointer data)
{
  DeferredMove *move = data;

  move->context->move (move->editor, move->from, move->to);
  return G_SOURCE_REMOVE;
}

static void
deferred_move_free (gpointer data)
{
  DeferredMove *move = data;

  g_object_unref (move->editor);
  g_free (move);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SectionRow       *rd)
{
  guint from = g_value_get_uint (value);
  DeferredMove *move;

  if (from == rd->index)
    return FALSE;
  /* moving rebuilds the rows, this drop target's among them: not while it delivers */
  move = g_new0 (DeferredMove, 1);
  move->context = rd->context;
  move->editor = g_object_ref (rd->context->editor);
  move->from = from;
  move->to = rd->index;
  g_idle_add_full (G_PRIORITY_DEFAULT, deferred_move_cb, move, deferred_move_free);
  return TRUE;
}

void
_caucus_pack_section_add_header (GtkWidget  *row,
                                 SectionRow *rd,
                                 guint       n_sections)
{
  const char *kind = json_object_get_string_member_with_default (rd->section, "kind", "");
  const GActionEntry entries[] = {
    { "move-up", move_up_cb, NULL, NULL, NULL, { 0 } },
    { "move-down", move_down_cb, NULL, NULL, NULL, { 0 } },
    { "remove", remove_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *sw = _caucus_pack_section_new_switch (_caucus_pack_section_bool (rd->section, "enabled", TRUE), _("Include this section"));
  GtkWidget *more = gtk_menu_button_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  gboolean removable = g_strcmp0 (kind, "free-text") == 0;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), rd);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "move-up")),
                               rd->index > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "move-down")),
                               rd->index + 1 < n_sections);
  gtk_widget_insert_action_group (row, "section", G_ACTION_GROUP (group));

  g_menu_append (menu, _("Move _Up"), "section.move-up");
  g_menu_append (menu, _("Move _Down"), "section.move-down");
  /* free-text sections are the user's own: they can be removed, the others switched off */
  if (removable)
    g_menu_append (menu, _("_Remove"), "section.remove");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
  gtk_widget_set_tooltip_text (more, _("Move or Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move or Remove"), -1);
  gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (more, "flat");

  gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), rd);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), row);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), rd);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  g_signal_connect (sw, "notify::active", G_CALLBACK (enabled_cb), rd);
  rd->enabled = GTK_SWITCH (sw);

  if (ADW_IS_EXPANDER_ROW (row))
    {
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), handle);
      /* actions are packed from the end: the switch sits next to the arrow */
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), more);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), sw);
    }
  else
    {
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), handle);
      GtkWidget *arrow_space = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
      /* as wide as an expander row's arrow, so every row's switch lines up */
      gtk_widget_set_size_request (arrow_space, 28, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow_space);
    }
}
