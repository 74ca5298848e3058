/* caucus-summary-slots.h — list items that stay the same object at the same position.
 *
 * GTK 4.8's list and grid views keep a row widget only while its item is the same
 * object: when a search or a filter replaces a list's content (items-changed (0, old,
 * new)), every row whose item is a new object is destroyed and a new one is built, which
 * is most of what a keystroke costs on a large directory.  CaucusSlotModel presents a
 * CaucusDocumentList as a GListModel of CaucusSummarySlot: each slot shows the summary
 * of the document at its position.  On a replacement the slots keep their positions,
 * the live ones are given their new summary at once ("notify::summary", which a row
 * follows), and the model signals only the change of length at the end — as items, the
 * positions before it did not change — so the view keeps its rows and does not walk the
 * new content.  On a precise change (p, removed, added) the slots after it move with
 * their documents, exactly as the list's signal says. */
#pragma once

#include "caucus-document-list.h"
#include "caucus-document-summary.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_SUMMARY_SLOT (caucus_summary_slot_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSummarySlot, caucus_summary_slot, CAUCUS, SUMMARY_SLOT, GObject)

/* The summary of the document at the slot's position (NULL once it left the list). */
CaucusDocumentSummary *caucus_summary_slot_get_summary  (CaucusSummarySlot *self);
guint                  caucus_summary_slot_get_position (CaucusSummarySlot *self);

#define CAUCUS_TYPE_SLOT_MODEL (caucus_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (CaucusSlotModel, caucus_slot_model, CAUCUS, SLOT_MODEL, GObject)

/* A GListModel of CaucusSummarySlot over @list, with @list's items-changed. */
CaucusSlotModel       *caucus_slot_model_new            (CaucusDocumentList *list);
CaucusDocumentList    *caucus_slot_model_get_list       (CaucusSlotModel    *self);

G_END_DECLS
