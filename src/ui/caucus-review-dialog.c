/* caucus-review-dialog.c — the review queue (see caucus-review-dialog.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "caucus-redline-view.h"
#include "caucus-resolve.h"
#include "caucus-review-dialog.h"
#include "caucus-sync-controller.h"

typedef struct
{
  CaucusConflict *conflict;
  GtkCheckButton *ours;
  GtkCheckButton *theirs;
  GtkCheckButton *edited;      /* text fields only */
  GtkTextBuffer *buffer;       /* text fields only: the merged result, editable */
} FieldChoice;

struct _CaucusReviewDialog
{
  AdwWindow parent_instance;

  CaucusStore *store;
  char *doc_id;
  GPtrArray *fields;           /* FieldChoice* of the open document */

  AdwWindowTitle *title;
  GtkWidget *back_button;
  GtkWidget *resolve_button;
  GtkStack *stack;
  GtkListBox *list;
  AdwStatusPage *empty;
  GtkBox *fields_box;
  GtkLabel *banner;          /* why the last step failed */
  guint n_waiting;
};

G_DEFINE_FINAL_TYPE (CaucusReviewDialog, caucus_review_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_choice_free (FieldChoice *choice)
{
  caucus_conflict_free (choice->conflict);
  g_free (choice);
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

/* A value as a person reads it: strings as they are, the rest as compact JSON. */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(removed)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, TRUE);
}

static char *
doc_title (JsonObject *doc,
           const char *id)
{
  const char *t = str_member (doc, "name") ? str_member (doc, "name") : str_member (doc, "title");

  return g_strdup (t ? t : id);
}

static char *
who_and_when (JsonObject *doc)
{
  const char *by = str_member (doc, "updated_by");
  const char *when = str_member (doc, "updated");

  if (by && when)
    return g_strdup_printf (_("by %s, %s"), by, when);
  if (by)
    return g_strdup_printf (_("by %s"), by);
  return g_strdup (when ? when : _("no author recorded"));
}

/* ---- the list ------------------------------------------------------------------------ */

static void show_document_cb (CaucusReviewDialog *self, GtkListBoxRow *row);

static void
refresh_list (CaucusReviewDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = caucus_list_conflicted_documents (self->store, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_waiting = 0;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(JsonObject) doc = caucus_store_get (self->store, ids[i], NULL, NULL);
      g_autofree char *title = doc_title (doc, ids[i]);
      const char *type = str_member (doc, "type");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), type ? type : ids[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "doc-id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (self->list, row);
      self->n_waiting++;
    }
  if (error != NULL)
    {
      adw_status_page_set_title (self->empty, _("The Review Queue Could Not Be Read"));
      adw_status_page_set_description (self->empty, error->message);
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_waiting > 0 ? "list" : "empty");
  adw_window_title_set_subtitle (self->title, NULL);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_set_visible (self->resolve_button, FALSE);
}

static void
row_activated_cb (CaucusReviewDialog *self,
                  GtkListBoxRow      *row)
{
  show_document_cb (self, row);
}

/* ---- one document -------------------------------------------------------------------- */

static void
use_passage_cb (GtkButton   *button,
                FieldChoice *choice)
{
  CaucusTextConflict *hunk = g_object_get_data (G_OBJECT (button), "hunk");
  GtkTextIter start, match_start, match_end;
  gboolean found;

  gtk_text_buffer_get_start_iter (choice->buffer, &start);
  found = hunk->ours && *hunk->ours &&
          gtk_text_iter_forward_search (&start, hunk->ours, GTK_TEXT_SEARCH_TEXT_ONLY,
                                        &match_start, &match_end, NULL);
  if (found)
    {
      gtk_text_buffer_delete (choice->buffer, &match_start, &match_end);
      gtk_text_buffer_insert (choice->buffer, &match_start, hunk->theirs, -1);
      gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
      gtk_button_set_label (button, _("Other passage used"));
    }
  else
    gtk_button_set_label (button, _("Passage not found in the text; edit it by hand"));
  gtk_check_button_set_active (choice->edited, TRUE);
}

static GtkWidget *
side_column (const char *heading,
             const char *who,
             const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *h = gtk_label_new (heading);
  GtkWidget *w = gtk_label_new (who);
  GtkWidget *t = gtk_label_new (text);

  gtk_widget_add_css_class (h, "heading");
  gtk_widget_add_css_class (w, "dim-label");
  gtk_widget_add_css_class (w, "caption");
  gtk_label_set_xalign (GTK_LABEL (h), 0);
  gtk_label_set_xalign (GTK_LABEL (w), 0);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_label_set_wrap (GTK_LABEL (t), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (t), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), h);
  gtk_box_append (GTK_BOX (box), w);
  gtk_box_append (GTK_BOX (box), t);
  return box;
}

/* A field's name as a person reads it ("location.room" → "Location: room"). */
static char *
field_label (const char *path)
{
  static const struct { const char *path; const char *label; } known[] = {
    { "body", N_("Text") }, { "title", N_("Title") }, { "name", N_("Name") },
    { "status", N_("Status") }, { "start", N_("Start") }, { "end", N_("End") },
    { "location.room", N_("Room") }, { "location.venue", N_("Venue") },
    { "email", N_("Email") }, { "notes", N_("Notes") }, { "kind", N_("Kind") },
  };
  g_autofree char *spaced = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].path, path))
      return g_strdup (gettext (known[i].label));
  spaced = g_strdelimit (g_strdup (path), "._", ' ');
  return g_steal_pointer (&spaced);
}

/* The difference between the two sides, as a redline (kept → other). */
static GtkWidget *
difference_view (const char *kept,
                 const char *other)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label = gtk_label_new (_("Differences (kept → other)"));
  GtkWidget *redline = caucus_redline_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  caucus_redline_view_set_texts (CAUCUS_REDLINE_VIEW (redline), kept ? kept : "",
                                 other ? other : "");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), redline);
  return box;
}

static GtkWidget *
build_field (CaucusReviewDialog *self,
             FieldChoice        *choice,
             JsonObject         *winner,
             JsonObject         *loser)
{
  CaucusConflict *c = choice->conflict;
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *name = field_label (c->path);
  GtkWidget *heading = gtk_label_new (name);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *ours = value_text (c->ours);
  g_autofree char *theirs = value_text (c->theirs);
  g_autofree char *ours_who = who_and_when (winner);
  g_autofree char *theirs_who = who_and_when (loser);
  g_autofree char *base = c->base ? value_text (c->base) : NULL;
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (heading, "title-4");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (group), heading);
  if (base != NULL && c->hunks == NULL)
    {
      g_autofree char *was = g_strdup_printf (_("Before both changes: %s"), base);
      GtkWidget *l = gtk_label_new (was);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_widget_add_css_class (l, "dim-label");
      gtk_box_append (GTK_BOX (group), l);
    }

  if (c->hunks == NULL)
    {
      gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
      gtk_box_append (GTK_BOX (sides), side_column (_("Kept for now"), ours_who, ours));
      gtk_box_append (GTK_BOX (sides), side_column (_("Other change"), theirs_who, theirs));
      gtk_box_append (GTK_BOX (group), sides);
      if (c->ours && JSON_NODE_HOLDS_VALUE (c->ours) &&
          json_node_get_value_type (c->ours) == G_TYPE_STRING &&
          c->theirs && JSON_NODE_HOLDS_VALUE (c->theirs) &&
          json_node_get_value_type (c->theirs) == G_TYPE_STRING)
        gtk_box_append (GTK_BOX (group), difference_view (ours, theirs));
    }
  else
    {
      /* Texts: each conflicting passage side by side, with a button to take the other. */
      for (guint i = 0; i < c->hunks->len; i++)
        {
          CaucusTextConflict *hunk = c->hunks->pdata[i];
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          GtkWidget *use = gtk_button_new_with_label (_("Use the Other Passage"));
          g_autofree char *label = g_strdup_printf (_("Passage %u (line %u)"), i + 1,
                                                    hunk->base_line + 1);
          GtkWidget *pl = gtk_label_new (label);

          gtk_label_set_xalign (GTK_LABEL (pl), 0);
          gtk_widget_add_css_class (pl, "heading");
          gtk_box_append (GTK_BOX (group), pl);
          gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
          gtk_box_append (GTK_BOX (row), side_column (_("Kept for now"), ours_who, hunk->ours));
          gtk_box_append (GTK_BOX (row), side_column (_("Other change"), theirs_who,
                                                      hunk->theirs));
          gtk_box_append (GTK_BOX (group), row);
          gtk_box_append (GTK_BOX (group), difference_view (hunk->ours, hunk->theirs));
          g_object_set_data (G_OBJECT (use), "hunk", hunk);
          g_signal_connect (use, "clicked", G_CALLBACK (use_passage_cb), choice);
          gtk_widget_set_halign (use, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (group), use);
        }
    }

  choice->ours = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Keep the version kept for now")));
  choice->theirs = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Take the other change")));
  gtk_check_button_set_group (choice->theirs, choice->ours);
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (choice->ours));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (choice->theirs));
  if (c->hunks != NULL ||
      (c->ours && JSON_NODE_HOLDS_VALUE (c->ours) &&
       json_node_get_value_type (c->ours) == G_TYPE_STRING))
    {
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *frame = gtk_frame_new (NULL);

      choice->edited = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Use this merged text:")));
      gtk_check_button_set_group (choice->edited, choice->ours);
      gtk_box_append (GTK_BOX (choices), GTK_WIDGET (choice->edited));
      choice->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      gtk_text_buffer_set_text (choice->buffer, ours, -1);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Merged text"), -1);
      {
        GtkWidget *scroll = gtk_scrolled_window_new ();

        gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                        GTK_POLICY_AUTOMATIC);
        gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 160);
        gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 360);
        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), view);
        gtk_frame_set_child (GTK_FRAME (frame), scroll);
      }
      gtk_box_append (GTK_BOX (choices), frame);
    }
  gtk_box_append (GTK_BOX (group), choices);
  return group;
}

gboolean
caucus_review_dialog_open_document (CaucusReviewDialog *self,
                                    const char         *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *conflict_rev = NULL;
  g_autoptr(JsonObject) winner = NULL;
  g_autoptr(JsonObject) loser = NULL;
  g_autofree char *title = NULL;
  CaucusResolveOutcome outcome = CAUCUS_RESOLVE_NONE;
  GtkWidget *child;

  g_return_val_if_fail (CAUCUS_IS_REVIEW_DIALOG (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!caucus_resolve_document (self->store, id, &outcome, NULL, &conflicts, &conflict_rev,
                                &error))
    {
      gtk_label_set_label (self->banner, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
      return FALSE;
    }
  if (outcome != CAUCUS_RESOLVE_CONFLICT)
    {
      /* It merged on its own meanwhile (or is gone): nothing to decide. */
      refresh_list (self);
      if (outcome == CAUCUS_RESOLVE_MERGED)
        g_signal_emit (self, signals[SIGNAL_RESOLVED], 0, id);
      return FALSE;
    }

  winner = caucus_store_get (self->store, id, NULL, NULL);
  {
    CaucusGetOptions opts = { .rev = conflict_rev };
    loser = caucus_store_get (self->store, id, &opts, NULL);
  }
  g_free (self->doc_id);
  self->doc_id = g_strdup (id);
  g_ptr_array_set_size (self->fields, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box))) != NULL)
    gtk_box_remove (self->fields_box, child);

  for (guint i = 0; i < conflicts->len; i++)
    {
      FieldChoice *choice = g_new0 (FieldChoice, 1);

      choice->conflict = caucus_conflict_copy (conflicts->pdata[i]);
      g_ptr_array_add (self->fields, choice);
      gtk_box_append (self->fields_box, build_field (self, choice, winner, loser));
    }
  title = doc_title (winner, id);
  adw_window_title_set_subtitle (self->title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "document");
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_set_visible (self->resolve_button, TRUE);
  return TRUE;
}

static void
show_document_cb (CaucusReviewDialog *self,
                  GtkListBoxRow      *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "doc-id");

  if (id != NULL)
    caucus_review_dialog_open_document (self, id);
}

guint
caucus_review_dialog_get_n_fields (CaucusReviewDialog *self)
{
  g_return_val_if_fail (CAUCUS_IS_REVIEW_DIALOG (self), 0);
  return self->fields->len;
}

gboolean
caucus_review_dialog_choose (CaucusReviewDialog *self,
                             const char         *path,
                             guint               side)
{
  g_return_val_if_fail (CAUCUS_IS_REVIEW_DIALOG (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldChoice *choice = self->fields->pdata[i];

      if (g_strcmp0 (choice->conflict->path, path) == 0)
        {
          gtk_check_button_set_active (side == 0 ? choice->ours : choice->theirs, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
caucus_review_dialog_resolve (CaucusReviewDialog  *self,
                              GError             **error)
{
  g_autoptr(GHashTable) choices = NULL;
  g_autoptr(GString) undecided = g_string_new (NULL);
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CAUCUS_IS_REVIEW_DIALOG (self), FALSE);
  g_return_val_if_fail (self->doc_id != NULL, FALSE);

  choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldChoice *choice = self->fields->pdata[i];
      CaucusConflict *c = choice->conflict;
      JsonNode *value = NULL;

      if (gtk_check_button_get_active (choice->ours))
        value = c->ours ? json_node_copy (c->ours) : NULL;
      else if (gtk_check_button_get_active (choice->theirs))
        value = c->theirs ? json_node_copy (c->theirs) : NULL;
      else if (choice->edited != NULL && gtk_check_button_get_active (choice->edited))
        {
          GtkTextIter start, end;
          g_autofree char *text = NULL;

          gtk_text_buffer_get_bounds (choice->buffer, &start, &end);
          text = gtk_text_buffer_get_text (choice->buffer, &start, &end, FALSE);
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, text);
        }
      else
        {
          g_string_append_printf (undecided, "%s%s", undecided->len ? ", " : "", c->path);
          continue;
        }
      /* NULL (the member was removed on that side) drops the member. */
      g_hash_table_insert (choices, g_strdup (c->path), value);
    }
  if (undecided->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Choose a version for: %s. Nothing is discarded without a decision."),
                   undecided->str);
      return FALSE;
    }
  if (!caucus_resolve_document_with_choices (self->store, self->doc_id, choices, &rev, error))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_RESOLVED], 0, self->doc_id);
  return TRUE;
}

static void
resolve_clicked_cb (CaucusReviewDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!caucus_review_dialog_resolve (self, &error))
    {
      gtk_label_set_label (self->banner, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
      return;
    }
  refresh_list (self);
}

static void
back_clicked_cb (CaucusReviewDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
  refresh_list (self);
}

guint
caucus_review_dialog_get_n_waiting (CaucusReviewDialog *self)
{
  g_return_val_if_fail (CAUCUS_IS_REVIEW_DIALOG (self), 0);
  return self->n_waiting;
}

static GtkWidget *
scrolled_clamp (GtkWidget *child)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();

  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 24);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  return scroll;
}

static void
build_content (CaucusReviewDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("These documents were changed here and elsewhere in ways "
                                      "that could not be merged on their own. Both versions "
                                      "are kept until you decide."));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Review Conflicts"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the List"));
  /* An icon alone: a screen reader needs the name (GTK 4.8 does not take the tooltip). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the List"), -1);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  self->resolve_button = gtk_button_new_with_mnemonic (_("_Resolve"));
  gtk_widget_add_css_class (self->resolve_button, "suggested-action");
  g_signal_connect_swapped (self->resolve_button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->resolve_button);
  gtk_box_append (GTK_BOX (box), header);

  self->banner = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->banner, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->banner), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->banner), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->banner), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (list_box), intro);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Documents waiting for a decision"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_box_append (GTK_BOX (list_box), GTK_WIDGET (self->list));
  gtk_stack_add_named (self->stack, scrolled_clamp (list_box), "list");

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "emblem-ok-symbolic");
  adw_status_page_set_title (self->empty, _("Nothing to Review"));
  adw_status_page_set_description (self->empty, _("Every change merged on its own."));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");

  self->fields_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_stack_add_named (self->stack, scrolled_clamp (GTK_WIDGET (self->fields_box)), "document");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

CaucusReviewDialog *
caucus_review_dialog_new (GtkWindow   *parent,
                          CaucusStore *store)
{
  CaucusReviewDialog *self;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);

  self = g_object_new (CAUCUS_TYPE_REVIEW_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 720, "default-height", 560,
                       "title", _("Review Conflicts"), NULL);
  self->store = g_object_ref (store);
  refresh_list (self);
  return self;
}

static void
caucus_review_dialog_finalize (GObject *object)
{
  CaucusReviewDialog *self = CAUCUS_REVIEW_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->doc_id, g_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  G_OBJECT_CLASS (caucus_review_dialog_parent_class)->finalize (object);
}

static void
caucus_review_dialog_class_init (CaucusReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = caucus_review_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[SIGNAL_RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
caucus_review_dialog_init (CaucusReviewDialog *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_choice_free);
  build_content (self);
}
