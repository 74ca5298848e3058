/* caucus-pack-editor-private.h — what the editor's export and print file needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "caucus-pack-editor.h"
#include "caucus-store.h"

G_BEGIN_DECLS

struct _CaucusPackEditor
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *content;
  GtkLabel *title_label;
  GtkButton *save_button;
  GtkRevealer *export_revealer;
  GtkProgressBar *export_progress;
  GtkLabel *export_label;
  AdwEntryRow *title_row;
  AdwEntryRow *author_row;
  AdwActionRow *event_row;
  GtkTextView *intro_view;
  GtkListBox *sections_list;
  CaucusPackPreview *preview;
  AdwLeaflet *leaflet;
  GtkWidget *form;
  GtkToggleButton *preview_button;

  CaucusModelIndex *index;
  CaucusDocument *document;
  char *event_id;
  JsonArray *sections;
  GPtrArray *section_rows;
  GPtrArray *papers;
  gboolean modified;
  gboolean loading;

  CaucusPackPaper paper;
  char *home_zone;

  /* export */
  GCancellable *export_cancellable;
  GFile *export_file;
  GError *export_error;
  gboolean exporting;
};

CaucusStore *_caucus_pack_editor_get_store  (CaucusPackEditor *self);
void         _caucus_pack_editor_toast      (CaucusPackEditor *self,
                                             AdwToast         *toast);
/* The sources for the pack as edited (main thread). */
CaucusPackSources *_caucus_pack_editor_collect (CaucusPackEditor *self,
                                                GError          **error);
void         _caucus_pack_editor_notify_exporting (CaucusPackEditor *self);
void         _caucus_pack_editor_notify_document  (CaucusPackEditor *self);
void         _caucus_pack_editor_toast_error      (CaucusPackEditor *self,
                                                   const char       *message);
void         _caucus_pack_editor_update_preview   (CaucusPackEditor *self);
void         _caucus_pack_editor_rebuild_sections (CaucusPackEditor *self);
const char  *_caucus_pack_editor_who              (void);
/* Background papers (caucus-pack-editor-papers.c). */
void         _caucus_pack_editor_read_papers      (CaucusPackEditor *self);
void         _caucus_pack_editor_add_paper_dialog (gpointer          editor);
void         _caucus_pack_editor_remove_paper     (gpointer          editor,
                                                   const char       *name);
/* Output actions: export (file chooser), print, cancel export. */
void         _caucus_pack_editor_export_dialog (CaucusPackEditor *self);
void         _caucus_pack_editor_print        (CaucusPackEditor *self);
void         _caucus_pack_editor_cancel_export (CaucusPackEditor *self);
void         _caucus_pack_editor_output_finalize (CaucusPackEditor *self);

G_END_DECLS
