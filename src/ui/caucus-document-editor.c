/* caucus-document-editor.c — the form that creates and edits organisations and people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form edits a copy of the document, member by member, so fields a newer peer
 * added survive the edit.  After every keystroke the copy is validated by the model
 * and each problem is shown right under the field it concerns ("‘XX’ is not an ISO
 * 3166 country code" under Countries); Save stays disabled until there are none.  A
 * new form shows a field's problem only once the field has been touched, so an empty
 * form does not open covered in red.
 *
 * Nothing typed is lost: every change also writes the form to a local document of the
 * store (_local/caucus-directory-draft, never replicated) in the same SQLite commit
 * path as everything else, so a closed window or a killed process leaves the draft,
 * and the next start reopens the form with it.  Saving or cancelling removes it.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "caucus-directory-labels.h"
#include "caucus-document-editor.h"
#include "caucus-document-io.h"
#include "caucus-document-types.h"
#include "caucus-org-chooser.h"

#define DRAFT_ID "_local/caucus-directory-draft"

typedef enum {
  FIELD_TEXT,
  FIELD_SET,     /* comma-separated in one entry */
  FIELD_KIND,
  FIELD_GROUP,
  FIELD_ORG,
} FieldKind;

typedef struct {
  const char *member;
  FieldKind kind;
  const char *label;
  const char *section;
} FieldSpec;

static const FieldSpec org_fields[] = {
  { "name", FIELD_TEXT, N_("Name"), N_("Organisation") },
  { "short_name", FIELD_TEXT, N_("Short name"), N_("Organisation") },
  { "kind", FIELD_KIND, N_("Stakeholder group"), N_("Organisation") },
  { "regional_group", FIELD_GROUP, N_("UN regional group"), N_("Organisation") },
  { "countries", FIELD_SET, N_("Countries (ISO codes, comma-separated)"), N_("Organisation") },
  { "website", FIELD_TEXT, N_("Website"), N_("Contact") },
  { "email", FIELD_TEXT, N_("Email"), N_("Contact") },
  { "phone", FIELD_TEXT, N_("Phone"), N_("Contact") },
  { "expertise", FIELD_SET, N_("Expertise (comma-separated)"), N_("Work") },
  { "tags", FIELD_SET, N_("Tags (comma-separated)"), N_("Work") },
  { "notes", FIELD_TEXT, N_("Notes"), N_("Work") },
  { NULL }
};

static const FieldSpec person_fields[] = {
  { "name", FIELD_TEXT, N_("Name"), N_("Person") },
  { "title", FIELD_TEXT, N_("Job title"), N_("Person") },
  { "org_id", FIELD_ORG, N_("Organisation"), N_("Person") },
  { "country", FIELD_TEXT, N_("Country (ISO code)"), N_("Person") },
  { "regional_group", FIELD_GROUP, N_("UN regional group"), N_("Person") },
  { "languages", FIELD_SET, N_("Languages (BCP 47 tags, comma-separated)"), N_("Person") },
  { "email", FIELD_TEXT, N_("Email"), N_("Contact") },
  { "phone", FIELD_TEXT, N_("Phone"), N_("Contact") },
  { "expertise", FIELD_SET, N_("Expertise (comma-separated)"), N_("Work") },
  { "tags", FIELD_SET, N_("Tags (comma-separated)"), N_("Work") },
  { "bio", FIELD_TEXT, N_("Biography"), N_("Work") },
  { "notes", FIELD_TEXT, N_("Notes"), N_("Work") },
  { NULL }
};

typedef struct {
  CaucusDocumentEditor *editor;
  const FieldSpec *spec;
  GtkWidget *row;
  GtkWidget *chooser;     /* FIELD_ORG: the organisation chooser */
  GtkWidget *problem_row;
  GtkLabel *problem_label;
  gboolean touched;
} Field;

struct _CaucusDocumentEditor
{
  GtkBox parent_instance;

  CaucusModelIndex *index;
  CaucusDocument *document;
  GPtrArray *fields;      /* Field*, freed with g_free */
  GPtrArray *groups;      /* the AdwPreferencesGroups of the current form */
  AdwPreferencesGroup *general_group;
  gboolean loading;
  char *draft_rev;        /* the draft's local revision, once written */

  /* Template widgets */
  GtkLabel *title_label;
  GtkBox *form_box;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (CaucusDocumentEditor, caucus_document_editor, GTK_TYPE_BOX)

enum {
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Field *
find_field (CaucusDocumentEditor *self,
            const char           *member)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->spec->member, member) == 0)
        return field;
    }

  return NULL;
}

static gboolean
is_new (CaucusDocumentEditor *self)
{
  return caucus_document_get_rev (self->document) == NULL;
}

static CaucusStore *
get_store (CaucusDocumentEditor *self)
{
  return self->index != NULL ? caucus_model_index_get_store (self->index) : NULL;
}

static char *
put_draft (CaucusStore  *store,
           JsonObject   *document,
           const char   *rev,
           GError      **error)
{
  g_autoptr(JsonObject) draft = json_object_new ();

  json_object_set_string_member (draft, "_id", DRAFT_ID);
  if (rev != NULL)
    json_object_set_string_member (draft, "_rev", rev);
  json_object_set_object_member (draft, "document", json_object_ref (document));

  return caucus_store_put_local (store, draft, error);
}

/* Keeps what is typed in the store, so it survives the window and the process. */
static void
write_draft (CaucusDocumentEditor *self)
{
  CaucusStore *store = get_store (self);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  char *rev;

  if (store == NULL || self->document == NULL)
    return;

  document = caucus_document_to_json (self->document);
  rev = put_draft (store, document, self->draft_rev, &error);
  if (rev == NULL)
    {
      /* Another form (an earlier run) left a draft with another revision: replace it. */
      g_autoptr(JsonObject) current = caucus_store_get_local (store, DRAFT_ID, NULL);
      const char *current_rev = current != NULL
        ? json_object_get_string_member_with_default (current, "_rev", NULL) : NULL;

      g_clear_error (&error);
      rev = put_draft (store, document, current_rev, &error);
    }
  if (rev == NULL)
    {
      g_warning ("Could not keep the unsaved form: %s", error->message);
      return;
    }

  g_free (self->draft_rev);
  self->draft_rev = rev;
}

static void
clear_draft (CaucusDocumentEditor *self)
{
  CaucusStore *store = get_store (self);
  g_autoptr(JsonObject) current = NULL;

  g_clear_pointer (&self->draft_rev, g_free);
  if (store == NULL)
    return;

  current = caucus_store_get_local (store, DRAFT_ID, NULL);
  if (current != NULL)
    caucus_store_delete_local (store, DRAFT_ID,
                               json_object_get_string_member_with_default (current, "_rev", NULL),
                               NULL);
}

/* Shows each problem under its field (or at the top for problems of fields the form
 * does not edit, such as accreditations) and enables Save when there are none. */
static void
update_problems (CaucusDocumentEditor *self)
{
  GPtrArray *problems = caucus_document_get_problems (self->document);
  g_autoptr(GString) general = g_string_new (NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      gtk_widget_set_visible (field->problem_row, FALSE);
      gtk_widget_remove_css_class (field->row, "error");
    }

  for (guint i = 0; i < problems->len; i++)
    {
      CaucusProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *member = g_strndup (problem->field, strcspn (problem->field, "[."));
      Field *field = find_field (self, member);

      if (field == NULL)
        {
          if (general->len > 0)
            g_string_append_c (general, '\n');
          g_string_append (general, problem->message);
          continue;
        }

      if (!field->touched)
        continue;

      /* The first problem of a field is the one to fix first. */
      if (!gtk_widget_get_visible (field->problem_row))
        {
          gtk_label_set_label (field->problem_label, problem->message);
          gtk_widget_set_visible (field->problem_row, TRUE);
          gtk_widget_add_css_class (field->row, "error");
        }
    }

  gtk_label_set_label (self->error_label, general->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), general->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", problems->len == 0);
}

static void
entry_changed_cb (GtkEditable *editable,
                  Field       *field)
{
  CaucusDocumentEditor *self = field->editor;
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (self->loading)
    return;

  if (field->spec->kind == FIELD_SET)
    {
      g_auto(GStrv) values = caucus_strv_split_display (text);

      caucus_document_set_strv (self->document, field->spec->member,
                                values[0] != NULL ? (const char * const *) values : NULL);
    }
  else
    caucus_document_set_string (self->document, field->spec->member,
                                *trimmed != '\0' ? trimmed : NULL);

  field->touched = TRUE;
  update_problems (self);
  write_draft (self);
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  CaucusDocumentEditor *self = field->editor;
  const char * const *values = field->spec->kind == FIELD_KIND ? caucus_org_kinds
                                                               : caucus_regional_groups;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;

  caucus_document_set_string (self->document, field->spec->member,
                              selected > 0 && selected != GTK_INVALID_LIST_POSITION
                                ? values[selected - 1] : NULL);
  field->touched = TRUE;
  update_problems (self);
  write_draft (self);
}

static void
update_org_row (CaucusDocumentEditor *self,
                Field                *field)
{
  const char *org_id = caucus_document_get_string (self->document, "org_id");
  g_autoptr(CaucusDocument) org = NULL;

  if (org_id != NULL && self->index != NULL)
    org = caucus_document_load (caucus_model_index_get_store (self->index), org_id, NULL);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                               org != NULL ? caucus_document_get_display_name (org)
                               : org_id != NULL ? org_id : _("None"));
}

static void
org_chosen_cb (CaucusOrgChooser *chooser,
               const char       *org_id,
               Field            *field)
{
  caucus_document_editor_set_org (field->editor, org_id);
}

static AdwPreferencesGroup *
group_for_section (CaucusDocumentEditor *self,
                   const char           *section)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (adw_preferences_group_get_title (group), _(section)) == 0)
        return group;
    }

  {
    GtkWidget *group = adw_preferences_group_new ();

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(section));
    gtk_box_append (self->form_box, group);
    g_ptr_array_add (self->groups, group);
    return ADW_PREFERENCES_GROUP (group);
  }
}

static GtkWidget *
make_choice_row (CaucusDocumentEditor *self,
                 Field                *field)
{
  gboolean is_kind = field->spec->kind == FIELD_KIND;
  const char * const *values = is_kind ? caucus_org_kinds : caucus_regional_groups;
  const char *current = caucus_document_get_string (self->document, field->spec->member);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  gtk_string_list_append (labels, _("Not recorded"));
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (labels, is_kind ? caucus_kind_label (values[i])
                                              : caucus_regional_group_label (values[i]));
      if (g_strcmp0 (values[i], current) == 0)
        selected = i + 1;
    }
  /* A value from a newer peer that this version does not know stays visible. */
  if (current != NULL && selected == 0)
    {
      gtk_string_list_append (labels, current);
      selected = g_list_model_get_n_items (G_LIST_MODEL (labels)) - 1;
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), field);

  return row;
}

static GtkWidget *
make_org_row (CaucusDocumentEditor *self,
              Field                *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *chooser = caucus_org_chooser_new ();

  /* The subtitle is the organisation's name ("Global Partners & Associates"), not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), chooser);
  if (self->index != NULL)
    caucus_org_chooser_set_index (CAUCUS_ORG_CHOOSER (chooser), self->index);
  g_signal_connect (chooser, "chosen", G_CALLBACK (org_chosen_cb), field);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "caucus-org-chooser", chooser);

  return row;
}

static GtkWidget *
make_entry_row (CaucusDocumentEditor *self,
                Field                *field)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = NULL;

  if (field->spec->kind == FIELD_SET)
    {
      g_auto(GStrv) values = caucus_document_dup_strv (self->document, field->spec->member);

      text = caucus_strv_join_display ((const char * const *) values);
    }
  else
    text = g_strdup (caucus_document_get_string (self->document, field->spec->member));

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), field);

  return row;
}

static void
clear_form (CaucusDocumentEditor *self)
{
  /* The rows go with their groups; their handlers must not outlive the fields. */
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      g_signal_handlers_disconnect_by_data (field->row, field);
      if (field->chooser != NULL)
        g_signal_handlers_disconnect_by_data (field->chooser, field);
    }

  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    gtk_box_remove (self->form_box, g_ptr_array_index (self->groups, i));
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
}

static void
build_form (CaucusDocumentEditor *self)
{
  const char *type = caucus_document_get_doc_type (self->document);
  const FieldSpec *specs = g_strcmp0 (type, "person") == 0 ? person_fields : org_fields;

  clear_form (self);
  self->groups = g_ptr_array_new ();
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;

  for (const FieldSpec *spec = specs; spec->member != NULL; spec++)
    {
      Field *field = g_new0 (Field, 1);
      AdwPreferencesGroup *group = group_for_section (self, spec->section);
      GtkWidget *label;

      field->editor = self;
      field->spec = spec;
      field->touched = !is_new (self);
      g_ptr_array_add (self->fields, field);

      switch (spec->kind)
        {
        case FIELD_KIND:
        case FIELD_GROUP:
          field->row = make_choice_row (self, field);
          break;

        case FIELD_ORG:
          field->row = make_org_row (self, field);
          field->chooser = GTK_WIDGET (g_object_get_data (G_OBJECT (field->row), "caucus-org-chooser"));
          break;

        case FIELD_TEXT:
        case FIELD_SET:
        default:
          field->row = make_entry_row (self, field);
          break;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _(spec->label));
      if (spec->kind == FIELD_ORG)
        update_org_row (self, field);
      adw_preferences_group_add (group, field->row);

      /* The problem sits right under its field, as a row of its own that is only
       * there while the problem is. */
      field->problem_row = adw_preferences_row_new ();
      label = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (field->problem_row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->problem_row), FALSE);
      gtk_widget_set_visible (field->problem_row, FALSE);
      field->problem_label = GTK_LABEL (label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
      adw_preferences_group_add (group, field->problem_row);
    }

  self->loading = FALSE;
  update_problems (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaucusDocumentEditor *self = CAUCUS_DOCUMENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!caucus_document_editor_save (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  clear_draft (CAUCUS_DOCUMENT_EDITOR (widget));
  g_signal_emit (widget, signals[CANCELLED], 0);
}

static void
caucus_document_editor_dispose (GObject *object)
{
  CaucusDocumentEditor *self = CAUCUS_DOCUMENT_EDITOR (object);

  clear_form (self);
  g_clear_object (&self->document);
  g_clear_object (&self->index);
  g_clear_pointer (&self->draft_rev, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), CAUCUS_TYPE_DOCUMENT_EDITOR);

  G_OBJECT_CLASS (caucus_document_editor_parent_class)->dispose (object);
}

static void
caucus_document_editor_class_init (CaucusDocumentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = caucus_document_editor_dispose;

  /* ("saved", const char *id): the document was written. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The person left the form without saving. */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-document-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentEditor, form_box);
  gtk_widget_class_bind_template_child (widget_class, CaucusDocumentEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
caucus_document_editor_init (CaucusDocumentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

GtkWidget *
caucus_document_editor_new (void)
{
  return g_object_new (CAUCUS_TYPE_DOCUMENT_EDITOR, NULL);
}

void
caucus_document_editor_set_index (CaucusDocumentEditor *self,
                                  CaucusModelIndex     *index)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self));
  g_return_if_fail (index == NULL || CAUCUS_IS_MODEL_INDEX (index));

  g_set_object (&self->index, index);
}

void
caucus_document_editor_edit (CaucusDocumentEditor *self,
                             CaucusDocument       *document,
                             const char           *type)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self));
  g_return_if_fail (document != NULL || type != NULL);

  g_clear_object (&self->document);
  if (document != NULL)
    {
      g_autoptr(JsonObject) json = caucus_document_to_json (document);

      self->document = caucus_document_new_from_json (json);
    }
  else
    self->document = caucus_document_new_of_type (type, g_get_user_name ());

  if (document != NULL)
    gtk_label_set_label (self->title_label, caucus_document_get_display_name (document));
  else
    gtk_label_set_label (self->title_label, g_strcmp0 (type, "person") == 0
                                              ? _("New Person") : _("New Organisation"));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  build_form (self);
}

CaucusDocument *
caucus_document_editor_get_document (CaucusDocumentEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), NULL);

  return self->document;
}

GtkWidget *
caucus_document_editor_get_row (CaucusDocumentEditor *self,
                                const char           *member)
{
  Field *field;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), NULL);

  field = find_field (self, member);
  return field != NULL ? field->row : NULL;
}

const char *
caucus_document_editor_get_problem (CaucusDocumentEditor *self,
                                    const char           *member)
{
  Field *field;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), NULL);

  field = find_field (self, member);
  if (field == NULL || !gtk_widget_get_visible (field->problem_row))
    return NULL;

  return gtk_label_get_label (field->problem_label);
}

void
caucus_document_editor_set_org (CaucusDocumentEditor *self,
                                const char           *org_id)
{
  Field *field;

  g_return_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self));

  field = find_field (self, "org_id");
  g_return_if_fail (field != NULL);

  caucus_document_set_string (self->document, "org_id", org_id);
  field->touched = TRUE;
  update_org_row (self, field);
  update_problems (self);
  write_draft (self);
}

gboolean
caucus_document_editor_get_can_save (CaucusDocumentEditor *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), FALSE);

  return self->document != NULL && caucus_document_is_valid (self->document);
}

gboolean
caucus_document_editor_save (CaucusDocumentEditor  *self,
                             GError               **error)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  if (self->index == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no open workspace to save into"));
      return FALSE;
    }

  /* Every field's problems count now, touched or not. */
  for (guint i = 0; i < self->fields->len; i++)
    ((Field *) g_ptr_array_index (self->fields, i))->touched = TRUE;
  update_problems (self);

  if (!caucus_document_save (self->document, caucus_model_index_get_store (self->index),
                             g_get_user_name (), error))
    return FALSE;

  clear_draft (self);
  g_signal_emit (self, signals[SAVED], 0, caucus_document_get_id (self->document));
  return TRUE;
}

/**
 * caucus_document_editor_restore_draft:
 * @self: a #CaucusDocumentEditor
 *
 * Reopens the form a previous session left unsaved (the window closed or the process
 * was killed while editing), if there is one.
 *
 * Returns: %TRUE if a draft was restored
 */
gboolean
caucus_document_editor_restore_draft (CaucusDocumentEditor *self)
{
  CaucusStore *store;
  g_autoptr(JsonObject) draft = NULL;
  JsonObject *document;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_EDITOR (self), FALSE);

  store = get_store (self);
  if (store == NULL)
    return FALSE;

  draft = caucus_store_get_local (store, DRAFT_ID, NULL);
  if (draft == NULL || !json_object_has_member (draft, "document")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (draft, "document")))
    return FALSE;

  document = json_object_get_object_member (draft, "document");
  g_clear_object (&self->document);
  self->document = caucus_document_new_from_json (document);
  g_free (self->draft_rev);
  self->draft_rev = g_strdup (json_object_get_string_member_with_default (draft, "_rev", NULL));

  gtk_label_set_label (self->title_label, caucus_document_get_display_name (self->document));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  build_form (self);
  for (guint i = 0; i < self->fields->len; i++)
    ((Field *) g_ptr_array_index (self->fields, i))->touched = TRUE;
  update_problems (self);

  return TRUE;
}
