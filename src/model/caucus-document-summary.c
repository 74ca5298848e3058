/* caucus-document-summary.c — a list row's fields from the model index, and a
 * GListModel of them over a CaucusDocumentList. */
#include "caucus-document-summary.h"

struct _CaucusDocumentSummary
{
  GObject  parent_instance;

  char    *id;
  char    *doc_type;
  char    *name;
  char    *detail;
  char    *kind;
  char    *regional_group;
  char    *country;
  gboolean is_valid;
};

G_DEFINE_FINAL_TYPE (CaucusDocumentSummary, caucus_document_summary, G_TYPE_OBJECT)

static void
caucus_document_summary_finalize (GObject *object)
{
  CaucusDocumentSummary *self = CAUCUS_DOCUMENT_SUMMARY (object);

  g_free (self->id);
  g_free (self->doc_type);
  g_free (self->name);
  g_free (self->detail);
  g_free (self->kind);
  g_free (self->regional_group);
  g_free (self->country);
  G_OBJECT_CLASS (caucus_document_summary_parent_class)->finalize (object);
}

static void
caucus_document_summary_class_init (CaucusDocumentSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = caucus_document_summary_finalize;
}

static void
caucus_document_summary_init (CaucusDocumentSummary *self)
{
}

CaucusDocumentSummary *
caucus_document_summary_new (const char *id,
                             const char *doc_type,
                             const char *name,
                             const char *detail,
                             const char *kind,
                             const char *regional_group,
                             const char *country,
                             gboolean    is_valid)
{
  CaucusDocumentSummary *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (CAUCUS_TYPE_DOCUMENT_SUMMARY, NULL);
  self->id = g_strdup (id);
  self->doc_type = g_strdup (doc_type ? doc_type : "");
  self->name = g_strdup (name ? name : "");
  self->detail = g_strdup (detail ? detail : "");
  self->kind = g_strdup (kind ? kind : "");
  self->regional_group = g_strdup (regional_group ? regional_group : "");
  self->country = g_strdup (country ? country : "");
  self->is_valid = is_valid;
  return self;
}

#define GETTER(field) \
  const char * \
  caucus_document_summary_get_##field (CaucusDocumentSummary *self) \
  { \
    g_return_val_if_fail (CAUCUS_IS_DOCUMENT_SUMMARY (self), NULL); \
    return self->field; \
  }

GETTER (id)
GETTER (doc_type)
GETTER (name)
GETTER (detail)
GETTER (kind)
GETTER (regional_group)
GETTER (country)

#undef GETTER

gboolean
caucus_document_summary_get_is_valid (CaucusDocumentSummary *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_SUMMARY (self), FALSE);
  return self->is_valid;
}

/* ---- the model ------------------------------------------------------------------- */

struct _CaucusSummaryModel
{
  GObject             parent_instance;

  CaucusDocumentList *list;
};

static void caucus_summary_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusSummaryModel, caucus_summary_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, caucus_summary_model_list_init))

static GType
caucus_summary_model_get_item_type (GListModel *model)
{
  return CAUCUS_TYPE_DOCUMENT_SUMMARY;
}

static guint
caucus_summary_model_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CAUCUS_SUMMARY_MODEL (model)->list));
}

static gpointer
caucus_summary_model_get_item (GListModel *model,
                               guint       position)
{
  return caucus_document_list_get_summary (CAUCUS_SUMMARY_MODEL (model)->list, position);
}

static void
caucus_summary_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = caucus_summary_model_get_item_type;
  iface->get_n_items = caucus_summary_model_get_n_items;
  iface->get_item = caucus_summary_model_get_item;
}

static void
list_items_changed_cb (GListModel         *list,
                       guint               position,
                       guint               removed,
                       guint               added,
                       CaucusSummaryModel *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
caucus_summary_model_dispose (GObject *object)
{
  CaucusSummaryModel *self = CAUCUS_SUMMARY_MODEL (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  G_OBJECT_CLASS (caucus_summary_model_parent_class)->dispose (object);
}

static void
caucus_summary_model_class_init (CaucusSummaryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = caucus_summary_model_dispose;
}

static void
caucus_summary_model_init (CaucusSummaryModel *self)
{
}

CaucusSummaryModel *
caucus_summary_model_new (CaucusDocumentList *list)
{
  CaucusSummaryModel *self;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (list), NULL);

  self = g_object_new (CAUCUS_TYPE_SUMMARY_MODEL, NULL);
  self->list = g_object_ref (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (list_items_changed_cb), self);
  return self;
}

CaucusDocumentList *
caucus_summary_model_get_list (CaucusSummaryModel *self)
{
  g_return_val_if_fail (CAUCUS_IS_SUMMARY_MODEL (self), NULL);
  return self->list;
}
