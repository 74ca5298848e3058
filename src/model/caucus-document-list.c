/* caucus-document-list.c — a lazy, paged GListModel over the model index: pages of ids
 * loaded on demand (keyset paging when scrolling forward), documents and summaries made
 * when a row asks, filters and sort as properties.  How an index update becomes
 * items-changed is in caucus-document-list-update.c. */
#include "caucus-document-list-private.h"
#include "caucus-document-summary.h"
#include "caucus-document-types.h"
#include "caucus-model-error.h"

#include <glib/gi18n-lib.h>

#define PAGE_SIZE 64
#define MAX_PAGES 8

typedef struct {
  guint      number;
  GPtrArray *ids;    /* char* */
  GPtrArray *docs;   /* CaucusDocument* or NULL, parallel to ids */
  GPtrArray *summaries;  /* CaucusDocumentSummary*, parallel to ids, or NULL */
} Page;

static void caucus_document_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CaucusDocumentList, caucus_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, caucus_document_list_model_init))

GType
caucus_list_sort_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { CAUCUS_LIST_SORT_NAME, "CAUCUS_LIST_SORT_NAME", "name" },
    { CAUCUS_LIST_SORT_UPDATED, "CAUCUS_LIST_SORT_UPDATED", "updated" },
    { CAUCUS_LIST_SORT_START, "CAUCUS_LIST_SORT_START", "start" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("CaucusListSort", values));
  return type;
}

enum {
  PROP_0,
  PROP_INDEX,
  PROP_DOC_TYPE,
  PROP_SORT,
  PROP_KIND,
  PROP_STATUS,
  PROP_REGIONAL_GROUP,
  PROP_COUNTRY,
  PROP_EXPERTISE,
  PROP_ACCREDITATION,
  PROP_TAG,
  PROP_REF_ID,
  PROP_INVOLVES,
  PROP_INVOLVES_PEOPLE_OF,
  PROP_START_FROM,
  PROP_START_TO,
  PROP_SEARCH,
  PROP_PROBLEMS_ONLY,
  PROP_CONFLICTS_ONLY,
  PROP_N_ITEMS,
  PROP_SEARCH_TRUNCATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->ids);
  g_ptr_array_unref (page->docs);
  g_clear_pointer (&page->summaries, g_ptr_array_unref);
  g_free (page);
}

void
_caucus_document_list_clear_pages (CaucusDocumentList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_lru);
}

void
_caucus_document_list_set_error (CaucusDocumentList *self,
                                 GError             *error)
{
  g_clear_error (&self->error);
  self->error = error;
  if (error != NULL)
    g_warning ("%s", error->message);
}

static Page *
load_page (CaucusDocumentList *self,
           guint               number)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  Page *previous;
  GError *error = NULL;
  GPtrArray *ids;
  GPtrArray *summaries = NULL;

  if (page != NULL)
    {
      g_queue_remove (&self->page_lru, GUINT_TO_POINTER (number));
      g_queue_push_head (&self->page_lru, GUINT_TO_POINTER (number));
      return page;
    }

  /* Scrolling forward: continue after the previous page's last row (keyset), which
   * costs the same at row 90 000 as at row 0; otherwise skip with OFFSET. */
  previous = number > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number - 1)) : NULL;
  if (previous != NULL && previous->ids->len == PAGE_SIZE)
    ids = _caucus_model_index_ids (self->index, &self->query,
                                   g_ptr_array_index (previous->ids, PAGE_SIZE - 1), 0, PAGE_SIZE, &summaries, &error);
  else
    ids = _caucus_model_index_ids (self->index, &self->query, NULL, number * PAGE_SIZE, PAGE_SIZE, &summaries, &error);
  if (ids == NULL)
    {
      _caucus_document_list_set_error (self, error);
      return NULL;
    }

  page = g_new0 (Page, 1);
  page->number = number;
  page->ids = ids;
  page->summaries = summaries;
  page->docs = g_ptr_array_new_with_free_func (unref_if_set);
  g_ptr_array_set_size (page->docs, ids->len);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (number), page);
  g_queue_push_head (&self->page_lru, GUINT_TO_POINTER (number));
  while (g_queue_get_length (&self->page_lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_lru));
  return page;
}

const char *
caucus_document_list_get_id (CaucusDocumentList *self,
                             guint               position)
{
  Page *page;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), NULL);
  if (position >= self->n_items)
    return NULL;
  page = load_page (self, position / PAGE_SIZE);
  if (page == NULL || position % PAGE_SIZE >= page->ids->len)
    return NULL;
  return g_ptr_array_index (page->ids, position % PAGE_SIZE);
}

/* ---- summaries -------------------------------------------------------------------- */

/* The summary cache holds weak references: an entry lives exactly as long as somebody
 * (a row) holds the summary.  A summary that goes away removes its own entry; an entry
 * that goes away (the document changed, the list is disposed) drops its weak reference. */
static void
summary_gone_cb (gpointer  data,
                 GObject  *where_the_object_was)
{
  CaucusDocumentList *self = data;
  CaucusDocumentSummary *summary = (CaucusDocumentSummary *) where_the_object_was;

  gpointer key = NULL;

  /* Still readable: weak notifies run before finalize. */
  if (g_hash_table_steal_extended (self->summaries, caucus_document_summary_get_id (summary), &key, NULL))
    g_free (key);
}

static void
summary_unwatch (gpointer data)
{
  CaucusDocumentSummary *summary = data;
  CaucusDocumentList *self = g_object_get_data (G_OBJECT (summary), "caucus-list");

  g_object_weak_unref (G_OBJECT (summary), summary_gone_cb, self);
}

CaucusDocumentSummary *
caucus_document_list_get_summary (CaucusDocumentList *self,
                                  guint               position)
{
  g_autoptr(GError) error = NULL;
  CaucusDocumentSummary *summary;
  const char *id;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), NULL);

  id = caucus_document_list_get_id (self, position);
  if (id == NULL)
    return NULL;
  summary = g_hash_table_lookup (self->summaries, id);
  if (summary != NULL)
    return g_object_ref (summary);

  {
    Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
    guint slot = position % PAGE_SIZE;

    summary = NULL;
    if (page != NULL && page->summaries != NULL && slot < page->summaries->len)
      {
        summary = g_ptr_array_index (page->summaries, slot);
        if (summary != NULL)
          g_object_ref (summary);   /* the page keeps its own reference */
      }
  }
  if (summary == NULL)
    summary = _caucus_model_index_summary (self->index, id, &error);
  if (summary == NULL)
    {
      /* Deleted by a commit whose "changed" has not been delivered yet: the
       * items-changed that follows replaces this placeholder, which is not kept. */
      return caucus_document_summary_new (id, self->query.type, "", "", "", "", "", TRUE);
    }
  g_object_set_data (G_OBJECT (summary), "caucus-list", self);
  g_object_weak_ref (G_OBJECT (summary), summary_gone_cb, self);
  g_hash_table_insert (self->summaries, g_strdup (id), summary);
  return summary;
}

/* ---- GListModel ------------------------------------------------------------------ */

static GType
caucus_document_list_get_item_type (GListModel *model)
{
  return CAUCUS_TYPE_DOCUMENT;
}

static guint
caucus_document_list_get_n_items (GListModel *model)
{
  return CAUCUS_DOCUMENT_LIST (model)->n_items;
}

static gpointer
caucus_document_list_get_item (GListModel *model,
                               guint       position)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (model);
  Page *page;
  guint slot;
  CaucusDocument *doc;

  if (position >= self->n_items)
    return NULL;
  page = load_page (self, position / PAGE_SIZE);
  slot = position % PAGE_SIZE;
  if (page == NULL || slot >= page->ids->len)
    return NULL;

  doc = g_ptr_array_index (page->docs, slot);
  if (doc == NULL)
    {
      const char *id = g_ptr_array_index (page->ids, slot);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) json = caucus_store_get (caucus_model_index_get_store (self->index), id, NULL, &error);

      if (json == NULL)
        {
          /* Deleted by a commit whose "changed" has not been delivered yet: the
           * items-changed that follows replaces this placeholder. */
          json = json_object_new ();
          json_object_set_string_member (json, "_id", id);
          json_object_set_string_member (json, "type", self->query.type);
        }
      doc = caucus_document_new_from_json (json);
      g_ptr_array_index (page->docs, slot) = doc;
    }
  return g_object_ref (doc);
}

static void
caucus_document_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = caucus_document_list_get_item_type;
  iface->get_n_items = caucus_document_list_get_n_items;
  iface->get_item = caucus_document_list_get_item;
}

/* ---- queries ------------------------------------------------------------------- */

gboolean
_caucus_document_list_refresh_hits (CaucusDocumentList *self,
                                    GError            **error)
{
  gboolean truncated = FALSE;

  if (self->query.search == NULL || *self->query.search == '\0')
    {
      _caucus_model_index_clear_hits (self->index, self->query.list_id);
      truncated = FALSE;
    }
  else if (!_caucus_model_index_set_hits (self->index, self->query.list_id, self->query.type,
                                          self->query.search, &truncated, error))
    return FALSE;
  if (truncated != self->search_truncated)
    {
      self->search_truncated = truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TRUNCATED]);
    }
  return TRUE;
}

/* After a filter or sort change: everything may have moved, replace it all. */
static void
requery (CaucusDocumentList *self)
{
  GError *error = NULL;
  guint old_n = self->n_items;
  gint64 n;

  _caucus_document_list_clear_pages (self);
  if (!_caucus_document_list_refresh_hits (self, &error))
    {
      _caucus_document_list_set_error (self, error);
      n = 0;
    }
  else if ((n = _caucus_model_index_count (self->index, &self->query, &error)) < 0)
    {
      _caucus_document_list_set_error (self, error);
      n = 0;
    }
  else
    _caucus_document_list_set_error (self, NULL);

  self->n_items = (guint) n;
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
_caucus_document_list_notify_n_items (CaucusDocumentList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gint
caucus_document_list_find (CaucusDocumentList *self,
                           const char         *id)
{
  g_autoptr(GError) error = NULL;
  gint64 pos;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  pos = _caucus_model_index_position (self->index, &self->query, id, &error);
  return pos >= 0 ? (gint) pos : -1;
}

CaucusQuery *
_caucus_document_list_peek_query (CaucusDocumentList *self)
{
  return &self->query;
}

const GError *
caucus_document_list_get_error (CaucusDocumentList *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), NULL);
  return self->error;
}

gboolean
caucus_document_list_get_search_truncated (CaucusDocumentList *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), FALSE);
  return self->search_truncated;
}

/* ---- filters --------------------------------------------------------------------- */

static char **
filter_slot (CaucusDocumentList *self,
             const char         *field,
             guint              *prop)
{
  static const struct { const char *name; guint prop; gsize offset; } slots[] = {
    { "kind", PROP_KIND, G_STRUCT_OFFSET (CaucusQuery, kind) },
    { "status", PROP_STATUS, G_STRUCT_OFFSET (CaucusQuery, status) },
    { "regional_group", PROP_REGIONAL_GROUP, G_STRUCT_OFFSET (CaucusQuery, regional_group) },
    { "country", PROP_COUNTRY, G_STRUCT_OFFSET (CaucusQuery, country) },
    { "expertise", PROP_EXPERTISE, G_STRUCT_OFFSET (CaucusQuery, expertise) },
    { "accreditation", PROP_ACCREDITATION, G_STRUCT_OFFSET (CaucusQuery, accreditation) },
    { "tag", PROP_TAG, G_STRUCT_OFFSET (CaucusQuery, tag) },
    { "ref_id", PROP_REF_ID, G_STRUCT_OFFSET (CaucusQuery, ref_id) },
    { "involves", PROP_INVOLVES, G_STRUCT_OFFSET (CaucusQuery, involves) },
    { "involves_people_of", PROP_INVOLVES_PEOPLE_OF, G_STRUCT_OFFSET (CaucusQuery, involves_people_of) },
    { "start_from", PROP_START_FROM, G_STRUCT_OFFSET (CaucusQuery, start_from) },
    { "start_to", PROP_START_TO, G_STRUCT_OFFSET (CaucusQuery, start_to) },
    { "search", PROP_SEARCH, G_STRUCT_OFFSET (CaucusQuery, search) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_str_equal (slots[i].name, field))
      {
        if (prop)
          *prop = slots[i].prop;
        return G_STRUCT_MEMBER_P (&self->query, slots[i].offset);
      }
  return NULL;
}

const char *
caucus_document_list_get_filter (CaucusDocumentList *self,
                                 const char         *field)
{
  char **slot;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  slot = filter_slot (self, field, NULL);
  g_return_val_if_fail (slot != NULL, NULL);
  return *slot;
}

void
caucus_document_list_set_filter (CaucusDocumentList *self,
                                 const char         *field,
                                 const char         *value)
{
  char **slot;
  guint prop = 0;

  g_return_if_fail (CAUCUS_IS_DOCUMENT_LIST (self));
  g_return_if_fail (field != NULL);
  slot = filter_slot (self, field, &prop);
  g_return_if_fail (slot != NULL);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
caucus_document_list_set_problems_only (CaucusDocumentList *self,
                                        gboolean            problems_only)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_LIST (self));
  if (self->query.problems_only == !!problems_only)
    return;
  self->query.problems_only = !!problems_only;
  requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS_ONLY]);
}

void
caucus_document_list_set_conflicts_only (CaucusDocumentList *self,
                                         gboolean            conflicts_only)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_LIST (self));
  if (self->query.conflicts_only == !!conflicts_only)
    return;
  self->query.conflicts_only = !!conflicts_only;
  requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS_ONLY]);
}

const char *
caucus_document_list_get_doc_type (CaucusDocumentList *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), NULL);
  return self->query.type;
}

CaucusListSort
caucus_document_list_get_sort (CaucusDocumentList *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_LIST (self), CAUCUS_LIST_SORT_NAME);
  return self->query.sort;
}

void
caucus_document_list_set_sort (CaucusDocumentList *self,
                               CaucusListSort      sort)
{
  g_return_if_fail (CAUCUS_IS_DOCUMENT_LIST (self));
  if (self->query.sort == sort)
    return;
  self->query.sort = sort;
  requery (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

CaucusDocumentList *
caucus_document_list_new (CaucusModelIndex *index,
                          const char       *type)
{
  g_return_val_if_fail (CAUCUS_IS_MODEL_INDEX (index), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  return g_object_new (CAUCUS_TYPE_DOCUMENT_LIST, "index", index, "doc-type", type, NULL);
}

/* ---- GObject --------------------------------------------------------------------- */

static void
caucus_document_list_constructed (GObject *object)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (object);
  GError *error = NULL;
  gint64 n;

  G_OBJECT_CLASS (caucus_document_list_parent_class)->constructed (object);

  g_assert (self->index != NULL && self->query.type != NULL);
  self->query.list_id = _caucus_model_index_new_list_id (self->index);
  _caucus_model_index_add_list (self->index, self);
  n = _caucus_model_index_count (self->index, &self->query, &error);
  if (n < 0)
    {
      _caucus_document_list_set_error (self, error);
      n = 0;
    }
  self->n_items = (guint) n;
}

static void
caucus_document_list_dispose (GObject *object)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (object);

  if (self->index != NULL)
    {
      _caucus_model_index_clear_hits (self->index, self->query.list_id);
      _caucus_model_index_remove_list (self->index, self);
      g_clear_object (&self->index);
    }
  _caucus_document_list_clear_pages (self);
  if (self->summaries != NULL)
    g_hash_table_remove_all (self->summaries);
  G_OBJECT_CLASS (caucus_document_list_parent_class)->dispose (object);
}

static void
caucus_document_list_finalize (GObject *object)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (object);

  _caucus_query_clear (&self->query);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->update_ids, g_ptr_array_unref);
  g_clear_pointer (&self->old_positions, g_array_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (caucus_document_list_parent_class)->finalize (object);
}

static const char *
filter_name_for_prop (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_KIND: return "kind";
    case PROP_STATUS: return "status";
    case PROP_REGIONAL_GROUP: return "regional_group";
    case PROP_COUNTRY: return "country";
    case PROP_EXPERTISE: return "expertise";
    case PROP_ACCREDITATION: return "accreditation";
    case PROP_TAG: return "tag";
    case PROP_REF_ID: return "ref_id";
    case PROP_INVOLVES: return "involves";
    case PROP_INVOLVES_PEOPLE_OF: return "involves_people_of";
    case PROP_START_FROM: return "start_from";
    case PROP_START_TO: return "start_to";
    case PROP_SEARCH: return "search";
    default: return NULL;
    }
}

static void
caucus_document_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (object);
  const char *filter = filter_name_for_prop (prop_id);

  if (filter != NULL)
    {
      g_value_set_string (value, caucus_document_list_get_filter (self, filter));
      return;
    }
  switch (prop_id)
    {
    case PROP_INDEX: g_value_set_object (value, self->index); break;
    case PROP_DOC_TYPE: g_value_set_string (value, self->query.type); break;
    case PROP_SORT: g_value_set_enum (value, self->query.sort); break;
    case PROP_PROBLEMS_ONLY: g_value_set_boolean (value, self->query.problems_only); break;
    case PROP_CONFLICTS_ONLY: g_value_set_boolean (value, self->query.conflicts_only); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->n_items); break;
    case PROP_SEARCH_TRUNCATED: g_value_set_boolean (value, self->search_truncated); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_document_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CaucusDocumentList *self = CAUCUS_DOCUMENT_LIST (object);
  const char *filter = filter_name_for_prop (prop_id);

  if (filter != NULL)
    {
      caucus_document_list_set_filter (self, filter, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_INDEX: self->index = g_value_dup_object (value); break;
    case PROP_DOC_TYPE: self->query.type = g_value_dup_string (value); break;
    case PROP_SORT: caucus_document_list_set_sort (self, g_value_get_enum (value)); break;
    case PROP_PROBLEMS_ONLY: caucus_document_list_set_problems_only (self, g_value_get_boolean (value)); break;
    case PROP_CONFLICTS_ONLY: caucus_document_list_set_conflicts_only (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_document_list_class_init (CaucusDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = caucus_document_list_constructed;
  object_class->dispose = caucus_document_list_dispose;
  object_class->finalize = caucus_document_list_finalize;
  object_class->get_property = caucus_document_list_get_property;
  object_class->set_property = caucus_document_list_set_property;

  properties[PROP_INDEX] = g_param_spec_object ("index", "Index", "The model index", CAUCUS_TYPE_MODEL_INDEX,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOC_TYPE] = g_param_spec_string ("doc-type", "Type", "The document type listed", NULL,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] = g_param_spec_enum ("sort", "Sort", "The order", CAUCUS_TYPE_LIST_SORT, CAUCUS_LIST_SORT_NAME, rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", "Kind", "Filter", NULL, rw);
  properties[PROP_STATUS] = g_param_spec_string ("status", "Status", "Filter", NULL, rw);
  properties[PROP_REGIONAL_GROUP] = g_param_spec_string ("regional-group", "Regional group", "Filter", NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", "Country", "Filter", NULL, rw);
  properties[PROP_EXPERTISE] = g_param_spec_string ("expertise", "Expertise", "Filter", NULL, rw);
  properties[PROP_ACCREDITATION] = g_param_spec_string ("accreditation", "Accreditation", "Filter", NULL, rw);
  properties[PROP_TAG] = g_param_spec_string ("tag", "Tag", "Filter", NULL, rw);
  properties[PROP_REF_ID] = g_param_spec_string ("ref-id", "Reference", "Filter by parent document", NULL, rw);
  properties[PROP_INVOLVES] = g_param_spec_string ("involves", "Involves", "Documents naming this id (speaker, owner, signer)", NULL, rw);
  properties[PROP_INVOLVES_PEOPLE_OF] = g_param_spec_string ("involves-people-of", "Involves people of",
                                                             "Documents naming a person of this organisation", NULL, rw);
  properties[PROP_START_FROM] = g_param_spec_string ("start-from", "Start from", "Events starting at or after (RFC 3339 UTC)", NULL, rw);
  properties[PROP_START_TO] = g_param_spec_string ("start-to", "Start to", "Events starting before (RFC 3339 UTC)", NULL, rw);
  properties[PROP_SEARCH] = g_param_spec_string ("search", "Search", "Search text", NULL, rw);
  properties[PROP_PROBLEMS_ONLY] = g_param_spec_boolean ("problems-only", "Problems only", "Invalid documents only", FALSE, rw);
  properties[PROP_CONFLICTS_ONLY] = g_param_spec_boolean ("conflicts-only", "Conflicts only", "Conflicted documents only", FALSE, rw);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", "Items", "Number of items", 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TRUNCATED] = g_param_spec_boolean ("search-truncated", "Search truncated",
                                                            "More matches than listed", FALSE,
                                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_document_list_init (CaucusDocumentList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, summary_unwatch);
  g_queue_init (&self->page_lru);
}
