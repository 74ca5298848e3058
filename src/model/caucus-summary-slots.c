/* caucus-summary-slots.c — position-stable list items over a CaucusDocumentList.
 *
 * The model keeps a table position → slot of *weak* references: a slot exists while
 * somebody (a row of a view, a selection) holds it, and it is the same object for its
 * position until a precise change moves it or removes it.  Slots nobody holds cost
 * nothing, so a list of 100,000 people has as many slots as the view has rows. */
#include "caucus-summary-slots.h"

struct _CaucusSummarySlot
{
  GObject                parent_instance;

  guint                  position;
  CaucusDocumentSummary *summary;
};

G_DEFINE_FINAL_TYPE (CaucusSummarySlot, caucus_summary_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_SUMMARY,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
caucus_summary_slot_dispose (GObject *object)
{
  g_clear_object (&CAUCUS_SUMMARY_SLOT (object)->summary);
  G_OBJECT_CLASS (caucus_summary_slot_parent_class)->dispose (object);
}

static void
caucus_summary_slot_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_SUMMARY:
      g_value_set_object (value, CAUCUS_SUMMARY_SLOT (object)->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_summary_slot_class_init (CaucusSummarySlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_summary_slot_dispose;
  object_class->get_property = caucus_summary_slot_get_property;
  slot_properties[SLOT_PROP_SUMMARY] =
    g_param_spec_object ("summary", "Summary", "The summary of the document at this position",
                         CAUCUS_TYPE_DOCUMENT_SUMMARY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
caucus_summary_slot_init (CaucusSummarySlot *self)
{
}

static void
slot_set_summary (CaucusSummarySlot     *self,
                  CaucusDocumentSummary *summary)
{
  if (g_set_object (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_SUMMARY]);
}

CaucusDocumentSummary *
caucus_summary_slot_get_summary (CaucusSummarySlot *self)
{
  g_return_val_if_fail (CAUCUS_IS_SUMMARY_SLOT (self), NULL);
  return self->summary;
}

guint
caucus_summary_slot_get_position (CaucusSummarySlot *self)
{
  g_return_val_if_fail (CAUCUS_IS_SUMMARY_SLOT (self), 0);
  return self->position;
}

/* ---- the model ------------------------------------------------------------------- */

struct _CaucusSlotModel
{
  GObject             parent_instance;

  CaucusDocumentList *list;
  GHashTable         *slots;     /* position → CaucusSummarySlot*, weak */
  guint               n_items;   /* as the signals emitted so far say */
};

static void caucus_slot_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusSlotModel, caucus_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, caucus_slot_model_list_init))

/* Weak notify: runs in the slot's dispose, its fields still readable. */
static void
slot_gone_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  CaucusSlotModel *self = data;
  CaucusSummarySlot *slot = (CaucusSummarySlot *) where_the_object_was;
  gpointer key = GUINT_TO_POINTER (slot->position);

  if (g_hash_table_lookup (self->slots, key) == slot)
    g_hash_table_remove (self->slots, key);
}

static void
forget_slot (CaucusSlotModel   *self,
             CaucusSummarySlot *slot)
{
  g_object_weak_unref (G_OBJECT (slot), slot_gone_cb, self);
}

static GType
caucus_slot_model_get_item_type (GListModel *model)
{
  return CAUCUS_TYPE_SUMMARY_SLOT;
}

static guint
caucus_slot_model_get_n_items (GListModel *model)
{
  return CAUCUS_SLOT_MODEL (model)->n_items;
}

static gpointer
caucus_slot_model_get_item (GListModel *model,
                            guint       position)
{
  CaucusSlotModel *self = CAUCUS_SLOT_MODEL (model);
  g_autoptr(CaucusDocumentSummary) summary = NULL;
  CaucusSummarySlot *slot;

  if (position >= self->n_items)
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot == NULL)
    {
      slot = g_object_new (CAUCUS_TYPE_SUMMARY_SLOT, NULL);
      slot->position = position;
      g_object_weak_ref (G_OBJECT (slot), slot_gone_cb, self);
      g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
    }
  else
    g_object_ref (slot);
  /* Current content: after a replacement, this is where a kept slot learns it. */
  summary = caucus_document_list_get_summary (self->list, position);
  slot_set_summary (slot, summary);
  return slot;
}

static void
caucus_slot_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = caucus_slot_model_get_item_type;
  iface->get_n_items = caucus_slot_model_get_n_items;
  iface->get_item = caucus_slot_model_get_item;
}

static void
list_items_changed_cb (GListModel      *list,
                       guint            position,
                       guint            removed,
                       guint            added,
                       CaucusSlotModel *self)
{
  guint new_n = self->n_items - removed + added;
  GHashTableIter iter;
  gpointer key, value;

  if (position == 0 && removed == self->n_items && removed + added > 0)
    {
      /* Everything was replaced (a search, a filter, a large update).  The slots keep
       * their positions and are told their new content now; those past the new end are
       * gone.  So the change, as items, is only at the end: the view keeps every row
       * before it without looking at them again (GTK 4.8 otherwise asks for every added
       * item, 100,000 of them when a search is cleared, to find where its anchor row
       * went). */
      guint old_n = self->n_items;

      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (key) >= new_n)
          {
            forget_slot (self, value);
            g_hash_table_iter_remove (&iter);
          }
      self->n_items = new_n;
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(CaucusDocumentSummary) summary = caucus_document_list_get_summary (self->list, GPOINTER_TO_UINT (key));

          slot_set_summary (value, summary);
        }
      if (new_n < old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
      else if (new_n > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
      return;
    }
  else
    {
      /* A precise change: slots after it move with their documents. */
      g_autoptr(GHashTable) moved = g_hash_table_new (NULL, NULL);

      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          CaucusSummarySlot *slot = value;
          guint pos = GPOINTER_TO_UINT (key);

          if (pos < position)
            continue;
          g_hash_table_iter_remove (&iter);
          if (pos < position + removed)
            forget_slot (self, slot);
          else
            {
              slot->position = pos - removed + added;
              g_hash_table_insert (moved, GUINT_TO_POINTER (slot->position), slot);
            }
        }
      g_hash_table_iter_init (&iter, moved);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->slots, key, value);
    }
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
caucus_slot_model_dispose (GObject *object)
{
  CaucusSlotModel *self = CAUCUS_SLOT_MODEL (object);
  GHashTableIter iter;
  gpointer value;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  if (self->slots != NULL)
    {
      g_hash_table_iter_init (&iter, self->slots);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        forget_slot (self, value);
      g_hash_table_remove_all (self->slots);
    }
  G_OBJECT_CLASS (caucus_slot_model_parent_class)->dispose (object);
}

static void
caucus_slot_model_finalize (GObject *object)
{
  g_clear_pointer (&CAUCUS_SLOT_MODEL (object)->slots, g_hash_table_unref);
  G_OBJECT_CLASS (caucus_slot_model_parent_class)->finalize (object);
}

static void
caucus_slot_model_class_init (CaucusSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = caucus_slot_model_dispose;
  object_class->finalize = caucus_slot_model_finalize;
}

static void
caucus_slot_model_init (CaucusSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

CaucusSlotModel *
caucus_slot_model_new (CaucusDocumentList *list)
{
  CaucusSlotModel *self;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (list), NULL);

  self = g_object_new (CAUCUS_TYPE_SLOT_MODEL, NULL);
  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  return self;
}

CaucusDocumentList *
caucus_slot_model_get_list (CaucusSlotModel *self)
{
  g_return_val_if_fail (CAUCUS_IS_SLOT_MODEL (self), NULL);
  return self->list;
}
