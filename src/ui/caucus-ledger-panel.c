/* caucus-ledger-panel.c — who signed the statement, and which text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger (caucus-sign-on.h) judged against the text in the editor: a signature
 * of a text that has changed since shows "Signed an earlier version", with the
 * redline since that version and a re-confirm one click away.  Withdrawn signatures
 * stay listed.  Organisations come from the directory through its chooser; "Sign for a
 * Person" chooses a person instead, whose organisation signs with that person recorded
 * (by id) as the one who authorised it. */
#include "caucus-ledger-panel.h"

#include <glib/gi18n.h>

#include "caucus-document-io.h"
#include "caucus-org-chooser.h"
#include "caucus-statement-editor.h"

struct _CaucusLedgerPanel
{
  AdwBin parent_instance;

  GtkLabel *summary_label;
  GtkLabel *regions_label;
  GtkEntry *signed_by_entry;
  GtkMenuButton *add_button;
  GtkMenuButton *person_button;
  GtkButton *copy_button;
  GtkListBox *list;

  CaucusStatementEditor *editor;   /* weak: the editor owns the panel */
  CaucusOrgChooser *chooser;
  CaucusOrgChooser *person_chooser;
  GPtrArray *entries;              /* CaucusSignOnEntry* */
  GHashTable *badges;              /* org id → badge text shown */
  char *summary;
};

G_DEFINE_FINAL_TYPE (CaucusLedgerPanel, caucus_ledger_panel, ADW_TYPE_BIN)

static const char *
badge_text (CaucusSignOnState state)
{
  switch (state)
    {
    case CAUCUS_SIGN_ON_CURRENT:
      return _("Signed");
    case CAUCUS_SIGN_ON_EARLIER:
      return _("Signed an earlier version");
    case CAUCUS_SIGN_ON_WITHDRAWN:
    default:
      return _("Withdrawn");
    }
}

static CaucusModelIndex *
get_index (CaucusLedgerPanel *self)
{
  return self->editor != NULL ? caucus_statement_editor_get_index (self->editor) : NULL;
}

static void
report (CaucusLedgerPanel *self,
        GError            *error)
{
  if (error != NULL && self->editor != NULL)
    caucus_statement_editor_show_message (self->editor, error->message);
}

static void
entry_action_cb (GtkButton         *button,
                 CaucusLedgerPanel *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "action");
  const char *org_id = g_object_get_data (G_OBJECT (button), "org-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (action, "redline") == 0)
    {
      const char *version_id = g_object_get_data (G_OBJECT (button), "version-id");

      if (!caucus_statement_editor_show_redline (self->editor, version_id, NULL, &error))
        report (self, error);
    }
  else if (g_strcmp0 (action, "withdraw") == 0)
    {
      if (!caucus_ledger_panel_withdraw (self, org_id, &error))
        report (self, error);
    }
  else
    {
      g_autoptr(CaucusSignature) sig = NULL;
      CaucusSignature *last = g_object_get_data (G_OBJECT (button), "signature");

      sig = caucus_ledger_panel_sign (self, org_id,
                                      caucus_document_get_string (CAUCUS_DOCUMENT (last), "signed_by"), &error);
      if (sig == NULL)
        report (self, error);
    }
}

static GtkWidget *
action_button (CaucusLedgerPanel *self,
               const char        *label,
               const char        *tooltip,
               const char        *action,
               CaucusSignOnEntry *entry)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "action", g_strdup (action), g_free);
  g_object_set_data_full (G_OBJECT (button), "org-id", g_strdup (entry->org_id), g_free);
  g_object_set_data_full (G_OBJECT (button), "signature", g_object_ref (entry->signature), g_object_unref);
  if (entry->version != NULL)
    g_object_set_data_full (G_OBJECT (button), "version-id",
                            g_strdup (caucus_document_get_id (CAUCUS_DOCUMENT (entry->version))), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (entry_action_cb), self);
  return button;
}

static GtkWidget *
make_row (CaucusLedgerPanel *self,
          CaucusSignOnEntry *entry)
{
  CaucusDocument *sig = CAUCUS_DOCUMENT (entry->signature);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusDocument) org = caucus_document_load (caucus_model_index_get_store (get_index (self)),
                                                        entry->org_id, &error);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *name, *badge, *meta;
  g_autoptr(GDateTime) signed_at = caucus_document_get_datetime (sig, "signed_at");
  g_autofree char *when = signed_at != NULL ? g_date_time_format (signed_at, "%e %b %Y") : g_strdup ("");
  g_autofree char *by = caucus_statement_dup_person_label (caucus_model_index_get_store (get_index (self)),
                                                           caucus_document_get_string (sig, "signed_by"));
  g_autofree char *meta_text = NULL;

  name = gtk_label_new (org != NULL ? caucus_document_get_display_name (org) : entry->org_id);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  badge = gtk_label_new (badge_text (entry->state));
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, entry->state == CAUCUS_SIGN_ON_CURRENT ? "success"
                                   : entry->state == CAUCUS_SIGN_ON_EARLIER ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (top), name);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (box), top);

  if (entry->state == CAUCUS_SIGN_ON_WITHDRAWN)
    {
      g_autoptr(GDateTime) withdrawn = caucus_document_get_datetime (sig, "withdrawn_at");
      g_autofree char *out = withdrawn != NULL ? g_date_time_format (withdrawn, "%e %b %Y") : g_strdup ("");
      meta_text = g_strdup_printf (_("Signed %s, withdrawn %s"), g_strstrip (when), g_strstrip (out));
    }
  else if (by != NULL)
    meta_text = g_strdup_printf (_("Authorised by %s · %s"), by, g_strstrip (when));
  else
    meta_text = g_strdup_printf (_("Signed %s"), g_strstrip (when));
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (box), meta);

  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  if (entry->state == CAUCUS_SIGN_ON_EARLIER)
    {
      /* The redline since their version gets a line of its own, so the row stays narrow. */
      if (entry->version != NULL)
        {
          GtkWidget *changes = action_button (self, _("Changes Since Their Version"),
                                              _("Redline from the text they signed to the current text"),
                                              "redline", entry);
          gtk_widget_set_halign (changes, GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (box), changes);
        }
      gtk_box_append (GTK_BOX (actions),
                      action_button (self, _("_Re-confirm"), _("They confirmed the current text"), "sign", entry));
    }
  if (entry->state == CAUCUS_SIGN_ON_WITHDRAWN)
    gtk_box_append (GTK_BOX (actions),
                    action_button (self, _("Sign _Again"), _("They sign the current text again"), "sign", entry));
  else
    gtk_box_append (GTK_BOX (actions),
                    action_button (self, _("_Withdraw"), _("Record that they withdrew their signature"), "withdraw", entry));
  gtk_box_append (GTK_BOX (box), actions);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_hash_table_insert (self->badges, g_strdup (entry->org_id), (gpointer) badge_text (entry->state));
  return row;
}

void
caucus_ledger_panel_reload (CaucusLedgerPanel *self)
{
  CaucusStatement *statement;
  CaucusModelIndex *index;
  g_autoptr(CaucusStatement) current = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CaucusBalance) balance = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) regions = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget *child;
  guint n_current = 0, n_earlier = 0, n_withdrawn = 0;

  g_return_if_fail (CAUCUS_IS_LEDGER_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->badges);
  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  index = get_index (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), statement != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->person_button), statement != NULL);
  if (statement == NULL || index == NULL)
    return;
  if (self->chooser != NULL)
    caucus_org_chooser_set_index (self->chooser, index);
  if (self->person_chooser != NULL)
    caucus_org_chooser_set_index (self->person_chooser, index);

  /* Judge against the text in the editor, which autosave is about to write. */
  {
    g_autoptr(JsonObject) json = caucus_document_to_json (CAUCUS_DOCUMENT (statement));
    text = caucus_statement_editor_dup_text (self->editor);
    current = CAUCUS_STATEMENT (caucus_document_new_from_json (json));
    caucus_document_set_string (CAUCUS_DOCUMENT (current), "body", text);
  }
  entries = caucus_sign_on_ledger (index, current, &error);
  if (entries == NULL)
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      g_ptr_array_add (self->entries, entries->pdata[i]);
      entries->pdata[i] = NULL;
    }
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, make_row (self, self->entries->pdata[i]));

  caucus_sign_on_count (self->entries, &n_current, &n_earlier, &n_withdrawn);
  g_free (self->summary);
  if (self->entries->len == 0)
    self->summary = g_strdup (_("No signatories yet"));
  else
    self->summary = g_strdup_printf (_("%u signed the current text · %u an earlier version · %u withdrawn"),
                                     n_current, n_earlier, n_withdrawn);
  gtk_label_set_label (self->summary_label, self->summary);

  balance = caucus_sign_on_balance (caucus_model_index_get_store (index), self->entries, &error);
  if (balance != NULL)
    for (guint g = 0; g < CAUCUS_BALANCE_N_GROUPS; g++)
      {
        const char *group = caucus_balance_group_name (g);
        guint n = caucus_balance_get_group_total (balance, group);

        if (group == NULL && n == 0)
          continue;
        g_string_append_printf (regions, "%s%s %u", regions->len > 0 ? " · " : "",
                                group != NULL ? group : _("not recorded"), n);
      }
  /* Then by stakeholder kind, the kinds that signed. */
  if (balance != NULL && caucus_balance_get_total (balance) > 0)
    {
      gboolean first = TRUE;

      g_string_append_c (regions, '\n');
      for (guint k = 0; k < CAUCUS_BALANCE_N_KINDS; k++)
        {
          const char *kind = caucus_balance_kind_name (k);
          guint n = caucus_balance_get_kind_total (balance, kind);

          if (n == 0)
            continue;
          g_string_append_printf (regions, "%s%s %u", first ? "" : " · ", kind != NULL ? kind : _("not recorded"), n);
          first = FALSE;
        }
    }
  gtk_label_set_label (self->regions_label, regions->str);
}

CaucusSignature *
caucus_ledger_panel_sign (CaucusLedgerPanel *self,
                          const char        *org_id,
                          const char        *signed_by,
                          GError           **error)
{
  CaucusStatement *statement;
  CaucusSignature *sig;

  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), NULL);

  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  if (statement == NULL || get_index (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a statement first"));
      return NULL;
    }
  /* The text signed is the text saved. */
  if (!caucus_statement_editor_save (self->editor, error))
    return NULL;
  sig = caucus_sign_on_sign (get_index (self), statement, org_id, signed_by,
                             caucus_statement_editor_get_who (self->editor), error);
  if (sig != NULL)
    caucus_statement_editor_reload_panels (self->editor);
  return sig;
}

gboolean
caucus_ledger_panel_withdraw (CaucusLedgerPanel *self,
                              const char        *org_id,
                              GError           **error)
{
  CaucusStatement *statement;

  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), FALSE);

  statement = self->editor != NULL ? caucus_statement_editor_get_statement (self->editor) : NULL;
  if (statement == NULL || get_index (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a statement first"));
      return FALSE;
    }
  if (!caucus_sign_on_withdraw (get_index (self), statement, org_id,
                                caucus_statement_editor_get_who (self->editor), error))
    return FALSE;
  caucus_ledger_panel_reload (self);
  return TRUE;
}

static void
org_chosen_cb (CaucusLedgerPanel *self,
               const char        *org_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusSignature) sig = NULL;
  const char *by = gtk_editable_get_text (GTK_EDITABLE (self->signed_by_entry));

  gtk_menu_button_popdown (self->add_button);
  if (org_id == NULL)
    return;
  sig = caucus_ledger_panel_sign (self, org_id, *by != '\0' ? by : NULL, &error);
  if (sig == NULL)
    report (self, error);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->signed_by_entry), "");
}

CaucusSignature *
caucus_ledger_panel_sign_for_person (CaucusLedgerPanel *self,
                                     const char        *person_id,
                                     GError           **error)
{
  g_autoptr(CaucusDocument) person = NULL;
  const char *org_id;

  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  if (get_index (self) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Open a statement first"));
      return NULL;
    }
  person = caucus_document_load (caucus_model_index_get_store (get_index (self)), person_id, error);
  if (person == NULL)
    return NULL;
  org_id = caucus_document_get_string (person, "org_id");
  if (org_id == NULL || *org_id == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s has no organisation in the directory: give them one, or choose the organisation with Add Signatory"),
                   caucus_document_get_display_name (person));
      return NULL;
    }
  return caucus_ledger_panel_sign (self, org_id, person_id, error);
}

static void
person_chosen_cb (CaucusLedgerPanel *self,
                  const char        *person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusSignature) sig = NULL;

  gtk_menu_button_popdown (self->person_button);
  if (person_id == NULL)
    return;
  sig = caucus_ledger_panel_sign_for_person (self, person_id, &error);
  if (sig == NULL)
    report (self, error);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->person_button));
}

static void
copy_csv_cb (CaucusLedgerPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  if (get_index (self) == NULL)
    return;
  csv = caucus_sign_on_to_csv (caucus_model_index_get_store (get_index (self)), self->entries, &error);
  if (csv == NULL)
    {
      report (self, error);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), csv);
  caucus_statement_editor_show_message (self->editor, _("Signatory list copied as CSV"));
}

GPtrArray *
caucus_ledger_panel_get_entries (CaucusLedgerPanel *self)
{
  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), NULL);
  return self->entries;
}

const char *
caucus_ledger_panel_get_badge (CaucusLedgerPanel *self,
                               const char        *org_id)
{
  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), NULL);
  return g_hash_table_lookup (self->badges, org_id);
}

const char *
caucus_ledger_panel_get_summary (CaucusLedgerPanel *self)
{
  g_return_val_if_fail (CAUCUS_IS_LEDGER_PANEL (self), NULL);
  return self->summary;
}

void
caucus_ledger_panel_set_editor (CaucusLedgerPanel     *self,
                                CaucusStatementEditor *editor)
{
  g_return_if_fail (CAUCUS_IS_LEDGER_PANEL (self));
  self->editor = editor;
}

static void
caucus_ledger_panel_finalize (GObject *object)
{
  CaucusLedgerPanel *self = CAUCUS_LEDGER_PANEL (object);

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->badges);
  g_free (self->summary);
  G_OBJECT_CLASS (caucus_ledger_panel_parent_class)->finalize (object);
}

static void
caucus_ledger_panel_class_init (CaucusLedgerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = caucus_ledger_panel_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caucusapp/Caucus/caucus-ledger-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, regions_label);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, signed_by_entry);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, person_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CaucusLedgerPanel, list);
}

static void
caucus_ledger_panel_init (CaucusLedgerPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_sign_on_entry_free);
  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->chooser = CAUCUS_ORG_CHOOSER (caucus_org_chooser_new ());
  gtk_menu_button_set_popover (self->add_button, GTK_WIDGET (self->chooser));
  g_signal_connect_swapped (self->chooser, "chosen", G_CALLBACK (org_chosen_cb), self);
  self->person_chooser = CAUCUS_ORG_CHOOSER (caucus_org_chooser_new_for_people ());
  gtk_menu_button_set_popover (self->person_button, GTK_WIDGET (self->person_chooser));
  g_signal_connect_swapped (self->person_chooser, "chosen", G_CALLBACK (person_chosen_cb), self);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (copy_csv_cb), self);
}
