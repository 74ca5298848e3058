/* caucus-window.c — the main window: sidebar, pages, header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwLeaflet holds the sidebar and the page stack; below 600 px or so it
 * folds, the sidebar becomes the first screen and a back button appears over
 * the pages.  The sidebar is built from the pages themselves (each CaucusPage
 * knows its title and icon), the window's size and the selected page live in
 * GSettings, and the header bar's search text is offered to the visible page.
 */
#include <glib/gi18n.h>

#include "caucus-briefing-page.h"
#include "caucus-calendar-page.h"
#include "caucus-directory-page.h"
#include "caucus-statements-page.h"
#include "caucus-window-private.h"

struct _CaucusWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  CaucusPage *searched_page;

  /* Template widgets */
  AdwLeaflet *leaflet;
  GtkListBox *sidebar_list;
  AdwHeaderBar *sidebar_header;
  CaucusSyncButton *sync_button;
  GtkMenuButton *primary_menu_button;
  AdwWindowTitle *content_title;
  GtkButton *back_button;
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
};

G_DEFINE_FINAL_TYPE (CaucusWindow, caucus_window, ADW_TYPE_APPLICATION_WINDOW)

const char * const _caucus_window_page_names[CAUCUS_WINDOW_N_PAGES] = {
  "directory",
  "calendar",
  "statements",
  "briefing",
};

static int
page_index (const char *name)
{
  for (int i = 0; i < CAUCUS_WINDOW_N_PAGES; i++)
    if (g_strcmp0 (_caucus_window_page_names[i], name) == 0)
      return i;

  return -1;
}

gboolean
_caucus_window_get_folded (CaucusWindow *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

void
_caucus_window_navigate_back (CaucusWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
_caucus_window_begin_search (CaucusWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Offers the entry's text to the visible page, and takes it back from the
 * page that was searched before, so a page never keeps a stale filter. */
static void
offer_search_text (CaucusWindow *self)
{
  CaucusPage *page = caucus_window_get_visible_page (self);
  const char *text = "";

  if (gtk_search_bar_get_search_mode (self->search_bar))
    text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->searched_page != NULL && self->searched_page != page)
    caucus_page_set_search_text (self->searched_page, NULL);

  self->searched_page = page;
  if (page != NULL)
    caucus_page_set_search_text (page, text);
}

static void
search_changed_cb (CaucusWindow *self)
{
  offer_search_text (self);
}

static void
search_stopped_cb (CaucusWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
search_mode_changed_cb (CaucusWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else if (adw_leaflet_get_folded (self->leaflet))
    /* Typing on the folded sidebar searches the page: show it. */
    adw_leaflet_set_visible_child_name (self->leaflet, "content");

  offer_search_text (self);
}

static void
leaflet_folded_changed_cb (CaucusWindow *self)
{
  /* Folded, the list is a menu of screens: a highlighted row would suggest
   * the page is beside it. */
  gtk_list_box_set_selection_mode (self->sidebar_list,
                                   adw_leaflet_get_folded (self->leaflet)
                                     ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  if (!adw_leaflet_get_folded (self->leaflet))
    {
      int index = page_index (caucus_window_get_visible_page_name (self));
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, index);

      gtk_list_box_select_row (self->sidebar_list, row);
    }

  _caucus_window_update_actions (self);
}

static void
stack_visible_child_changed_cb (CaucusWindow *self)
{
  CaucusPage *page = caucus_window_get_visible_page (self);
  int index;

  if (page == NULL)
    return;

  adw_window_title_set_title (self->content_title, caucus_page_get_title (page));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_object_set (self->search_entry,
                "placeholder-text", caucus_page_get_search_placeholder (page),
                NULL);
  offer_search_text (self);

  index = page_index (caucus_window_get_visible_page_name (self));
  if (!adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_select_row (self->sidebar_list,
                             gtk_list_box_get_row_at_index (self->sidebar_list, index));
}

static void
sidebar_row_selected_cb (CaucusWindow  *self,
                         GtkListBoxRow *row)
{
  if (row == NULL)
    return;

  gtk_stack_set_visible_child_name (self->stack,
                                    _caucus_window_page_names[gtk_list_box_row_get_index (row)]);
}

static void
sidebar_row_activated_cb (CaucusWindow  *self,
                          GtkListBoxRow *row)
{
  caucus_window_show_page (self, _caucus_window_page_names[gtk_list_box_row_get_index (row)]);
}

/* The sidebar is one stop in the Tab chain, as a GNOME sidebar is: Tab and
 * Shift+Tab leave it, the arrow keys move the focus between its rows without
 * choosing one, and Return, Space or a click chooses the focused row.
 *
 * GtkListBox (GTK 4.8) does neither by itself: Tab steps from row to row like
 * Down, and both select the row they land on, and selecting switches the page,
 * so a keyboard user could not Tab past the sidebar without changing page. */

/* Moves the focus out of the sidebar in DIRECTION with GTK's own focus chain:
 * for that one move, no other row can take the focus, so the list box lets it
 * leave from the focused row instead of stepping to (and selecting) the next. */
static void
leave_sidebar (CaucusWindow     *self,
               GtkDirectionType  direction)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autoptr(GPtrArray) closed = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row != focus && gtk_widget_get_can_focus (row))
      {
        gtk_widget_set_can_focus (row, FALSE);
        g_ptr_array_add (closed, row);
      }

  if (!gtk_widget_child_focus (GTK_WIDGET (self), direction))
    {
      /* The end of the chain: start again from the other end, as GtkWindow does. */
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_widget_child_focus (GTK_WIDGET (self), direction);
    }

  for (guint i = 0; i < closed->len; i++)
    gtk_widget_set_can_focus (g_ptr_array_index (closed, i), TRUE);
}

static gboolean
sidebar_key_pressed_cb (CaucusWindow    *self,
                        guint            keyval,
                        guint            keycode,
                        GdkModifierType  state)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  GtkMovementStep step;
  int count;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if ((modifiers & ~GDK_SHIFT_MASK) != 0)
        return GDK_EVENT_PROPAGATE;
      leave_sidebar (self, (modifiers & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                             ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = GTK_MOVEMENT_DISPLAY_LINES;
      count = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = GTK_MOVEMENT_DISPLAY_LINES;
      count = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      step = GTK_MOVEMENT_BUFFER_ENDS;
      count = -1;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      step = GTK_MOVEMENT_BUFFER_ENDS;
      count = 1;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = GTK_MOVEMENT_PAGES;
      count = -1;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = GTK_MOVEMENT_PAGES;
      count = 1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (modifiers != 0)
    return GDK_EVENT_PROPAGATE;

  /* What Ctrl+arrow does in a list box: move the cursor, keep the selection. */
  g_signal_emit_by_name (self->sidebar_list, "move-cursor", step, count, FALSE, TRUE);
  return GDK_EVENT_STOP;
}

static GtkWidget *
create_sidebar_row (CaucusPage *page)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (caucus_page_get_icon_name (page));
  GtkWidget *label = gtk_label_new (caucus_page_get_title (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* Accessible names that GTK 4.8 / libadwaita 1.2 get wrong, put right for every
 * window and dialog of the app at once (the widgets are built in many pages'
 * files), from one emission hook on `map`, installed once:
 *
 * - a button whose label has a mnemonic ("_Save") is announced "_Save Save": GTK 4.8
 *   sets the label as written, underscore included, as the button's accessible
 *   label, and its label widget (whose mnemonic widget the button is) names it too.
 *   Such buttons drop the accessible label, whenever it is set again, and are named
 *   by their label widget alone; a check button, which its label widget does not
 *   name, gets the text without the underscore as its accessible label.  (An
 *   explicit accessible label on a mnemonic button set before it is first shown is
 *   dropped as well: it would be announced before the text, "Save Save"; none of
 *   ours differs from the text.)
 * - libadwaita 1.2's AdwEntryRow keeps its GtkText (the focusable part) at the
 *   accessible role NONE with no name, and GTK 4.8 then never tells AT-SPI that the
 *   focus arrived there: Tab into an entry row and a screen reader hears nothing.
 *   libadwaita 1.4 fixed it upstream, with GTK 4.10's accessible platform state,
 *   which we cannot use at our pinned versions.  Until then every entry row's text
 *   gets the role and name a GtkEntry's would have, the row's title, when the row is
 *   first mapped.  GTK 4.8 lets the role change until an assistive technology has
 *   asked for the text, which it cannot have done before the row is on screen
 *   (set_parent maps a child in the same main-loop turn).
 *
 * a11y-walk.py proves both (docs/layers/i18n-a11y.md). */
static char *
strip_mnemonic (const char *text,
                gboolean    use_underline,
                gboolean    use_markup)
{
  char *plain = NULL;

  if (use_markup)
    pango_parse_markup (text, -1, 0, NULL, &plain, NULL, NULL);
  if (plain == NULL)
    plain = g_strdup (text);
  if (use_underline)
    {
      /* "_Name" → "Name"; "__" stands for one underscore. */
      char *out = plain;

      for (const char *in = plain; *in != '\0'; in++)
        {
          if (*in == '_' && in[1] != '\0')
            in++;
          *out++ = *in;
        }
      *out = '\0';
    }

  return plain;
}

static void
update_entry_text_label (GtkWidget         *text,
                         GParamSpec        *pspec,
                         AdwPreferencesRow *row)
{
  g_autofree char *plain = strip_mnemonic (adw_preferences_row_get_title (row),
                                           adw_preferences_row_get_use_underline (row),
                                           adw_preferences_row_get_use_markup (row));

  gtk_accessible_update_property (GTK_ACCESSIBLE (text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
}

static void
update_mnemonic_button_label (GtkWidget *button)
{
  if (GTK_IS_CHECK_BUTTON (button))
    {
      /* A check button is named by its accessible label alone: the text, then. */
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (button));
      g_autofree char *plain = NULL;

      if (label == NULL || !gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (button)))
        return;
      plain = strip_mnemonic (label, TRUE, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                      -1);
    }
  else if (gtk_button_get_use_underline (GTK_BUTTON (button)))
    {
      /* A button is named by its label widget too (labelled-by, through the mnemonic). */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

static void
expose_entry_row_text (AdwEntryRow *row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

  /* Fixed in libadwaita 1.4 (AdwEntryRow reports its text's focus itself). */
  if (adw_get_major_version () > 1 || adw_get_minor_version () >= 4)
    return;
  if (!GTK_IS_TEXT (text)
      || gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) != GTK_ACCESSIBLE_ROLE_NONE)
    return;

  g_object_set (text, "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX, NULL);
  update_entry_text_label (GTK_WIDGET (text), NULL, ADW_PREFERENCES_ROW (row));
  g_signal_connect_object (row, "notify::title", G_CALLBACK (update_entry_text_label),
                           text, G_CONNECT_SWAPPED);
}

static gboolean
widget_mapped_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  static GQuark seen = 0;

  if (!ADW_IS_ENTRY_ROW (object) && !GTK_IS_BUTTON (object) && !GTK_IS_CHECK_BUTTON (object))
    return TRUE;

  if (seen == 0)
    seen = g_quark_from_static_string ("caucus-accessible-name-fixed");
  if (g_object_get_qdata (object, seen) != NULL)
    return TRUE;
  g_object_set_qdata (object, seen, GINT_TO_POINTER (TRUE));

  if (ADW_IS_ENTRY_ROW (object))
    {
      expose_entry_row_text (ADW_ENTRY_ROW (object));
    }
  else
    {
      update_mnemonic_button_label (GTK_WIDGET (object));
      g_signal_connect (object, "notify::label", G_CALLBACK (update_mnemonic_button_label), NULL);
      g_signal_connect (object, "notify::use-underline",
                        G_CALLBACK (update_mnemonic_button_label), NULL);
    }

  return TRUE;
}

static void
fix_accessible_names_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  widget_mapped_hook_cb, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

static void
restore_window_state (CaucusWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CaucusWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* A maximized window's size says nothing about the size to restore to. */
  if (!maximized)
    {
      int width = 0;
      int height = 0;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
}

static gboolean
caucus_window_close_request (GtkWindow *window)
{
  save_window_state (CAUCUS_WINDOW (window));

  return GTK_WINDOW_CLASS (caucus_window_parent_class)->close_request (window);
}

static void
caucus_window_dispose (GObject *object)
{
  CaucusWindow *self = CAUCUS_WINDOW (object);

  self->searched_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CAUCUS_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (caucus_window_parent_class)->dispose (object);
}

static void
caucus_window_class_init (CaucusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = caucus_window_dispose;
  window_class->close_request = caucus_window_close_request;

  g_type_ensure (CAUCUS_TYPE_SYNC_BUTTON);
  g_type_ensure (CAUCUS_TYPE_DIRECTORY_PAGE);
  g_type_ensure (CAUCUS_TYPE_CALENDAR_PAGE);
  g_type_ensure (CAUCUS_TYPE_STATEMENTS_PAGE);
  g_type_ensure (CAUCUS_TYPE_BRIEFING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_changed_cb);

  fix_accessible_names_once ();

  _caucus_window_class_install_actions (widget_class);
  _caucus_window_workspace_class_init (widget_class);
}

static void
caucus_window_init (CaucusWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_strcmp0 (CAUCUS_PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  for (int i = 0; i < CAUCUS_WINDOW_N_PAGES; i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->stack, _caucus_window_page_names[i]);

      g_assert (CAUCUS_IS_PAGE (child));
      gtk_list_box_append (self->sidebar_list, create_sidebar_row (CAUCUS_PAGE (child)));
    }

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the list box's own key bindings, which select as they move. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (sidebar_key_pressed_cb),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), keys);
  }

  /* Typing anywhere in the window starts a search of the visible page. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  self->settings = g_settings_new (CAUCUS_APP_ID);
  restore_window_state (self);
  g_settings_bind (self->settings, "selected-page",
                   self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  stack_visible_child_changed_cb (self);
  leaflet_folded_changed_cb (self);

  /* Start with the keyboard in the sidebar, on the page being shown. */
  {
    int index = page_index (caucus_window_get_visible_page_name (self));
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, MAX (index, 0));

    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (row));
  }

  /* Workspaces, sync, review queue, digest and search everywhere (caucus-window-workspace.c). */
  _caucus_window_workspace_init (self);
}

AdwHeaderBar *
_caucus_window_get_sidebar_header (CaucusWindow *self)
{
  return self->sidebar_header;
}

CaucusWindow *
caucus_window_new (CaucusApplication *application)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (application), NULL);

  return g_object_new (CAUCUS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * caucus_window_get_visible_page_name:
 * @self: a #CaucusWindow
 *
 * Returns: the name of the page beside the sidebar: "directory", "calendar",
 *   "statements" or "briefing"
 */
const char *
caucus_window_get_visible_page_name (CaucusWindow *self)
{
  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

CaucusPage *
caucus_window_get_visible_page (CaucusWindow *self)
{
  GtkWidget *child;

  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), NULL);

  child = gtk_stack_get_visible_child (self->stack);
  return CAUCUS_IS_PAGE (child) ? CAUCUS_PAGE (child) : NULL;
}

/**
 * caucus_window_get_page:
 * @self: a #CaucusWindow
 * @name: a page name, as caucus_window_get_visible_page_name() returns
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 */
CaucusPage *
caucus_window_get_page (CaucusWindow *self,
                        const char   *name)
{
  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (page_index (name) < 0)
    return NULL;

  return CAUCUS_PAGE (gtk_stack_get_child_by_name (self->stack, name));
}

/**
 * caucus_window_show_page:
 * @self: a #CaucusWindow
 * @name: a page name
 *
 * Shows the page; on a narrow (folded) window this also leaves the sidebar.
 *
 * Returns: %FALSE if there is no page called @name
 */
gboolean
caucus_window_show_page (CaucusWindow *self,
                         const char   *name)
{
  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (page_index (name) < 0)
    return FALSE;

  gtk_stack_set_visible_child_name (self->stack, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  return TRUE;
}

/**
 * caucus_window_set_sync_state:
 * @self: a #CaucusWindow
 * @state: what the sync service is doing
 * @detail: (nullable): a sentence shown in place of the state's general
 *   description, such as the reason of an error
 *
 * The sync service drives the header bar's sync button through this.
 */
void
caucus_window_set_sync_state (CaucusWindow    *self,
                              CaucusSyncStatus  state,
                              const char      *detail)
{
  g_return_if_fail (CAUCUS_IS_WINDOW (self));

  caucus_sync_button_set_state (self->sync_button, state, detail);
}

CaucusSyncStatus
caucus_window_get_sync_state (CaucusWindow *self)
{
  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), CAUCUS_SYNC_STATUS_LOCAL_ONLY);

  return caucus_sync_button_get_state (self->sync_button);
}

/**
 * caucus_window_get_sync_title:
 * @self: a #CaucusWindow
 *
 * Returns: the words the sync button shows, e.g. "Local only — no server"
 */
const char *
caucus_window_get_sync_title (CaucusWindow *self)
{
  g_return_val_if_fail (CAUCUS_IS_WINDOW (self), NULL);

  return caucus_sync_button_get_title (self->sync_button);
}
