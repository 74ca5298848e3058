/* caucus-document.c — the base of every domain document: a JSON object with properties.
 *
 * Why the JSON object is the storage and not C fields: a document that came from a newer
 * peer carries members we do not know, and a round trip through this version must give
 * them back byte for byte.  Keeping the object and reading/writing members in place makes
 * that property hold by construction instead of by discipline. */
#include "caucus-document-private.h"
#include "caucus-model-error.h"
#include "caucus-json.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  JsonObject *json;
  GPtrArray  *problems;   /* CaucusProblem*, recomputed after every change */
} CaucusDocumentPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CaucusDocument, caucus_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_DOC_TYPE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_UPDATED_BY,
  PROP_IS_VALID,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Members of the base class, in property order (PROP_ID..PROP_UPDATED_BY). */
static const char * const base_members[] = { NULL, "_id", "_rev", "type", "created", "updated", "updated_by" };

typedef struct
{
  const char            *type_name;
  const CaucusFieldSpec *fields;
  guint                  n_fields;
  GParamSpec           **pspecs;    /* n_fields */
} FieldTable;

static GQuark      field_table_quark;
static GHashTable *types_by_name;   /* type name → GType */
G_LOCK_DEFINE_STATIC (types_by_name);

static const FieldTable *
field_table_for_type (GType type)
{
  for (; type != G_TYPE_INVALID && type != CAUCUS_TYPE_DOCUMENT; type = g_type_parent (type))
    {
      const FieldTable *table = g_type_get_qdata (type, field_table_quark);
      if (table != NULL)
        return table;
    }
  return NULL;
}

const CaucusFieldSpec *
_caucus_document_class_get_fields (GType  type,
                                   guint *n_fields)
{
  const FieldTable *table = field_table_for_type (type);

  *n_fields = table ? table->n_fields : 0;
  return table ? table->fields : NULL;
}

const char *
caucus_document_class_get_type_name (CaucusDocumentClass *klass)
{
  const FieldTable *table;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT_CLASS (klass), NULL);
  table = field_table_for_type (G_TYPE_FROM_CLASS (klass));
  return table ? table->type_name : NULL;
}

GType
caucus_document_type_for_name (const char *type_name)
{
  gpointer type = NULL;

  if (type_name == NULL)
    return G_TYPE_INVALID;
  _caucus_document_types_ensure ();
  G_LOCK (types_by_name);
  if (types_by_name != NULL)
    type = g_hash_table_lookup (types_by_name, type_name);
  G_UNLOCK (types_by_name);
  return type ? (GType) GPOINTER_TO_SIZE (type) : G_TYPE_INVALID;
}

const CaucusFieldSpec *
_caucus_field_spec_lookup (const char *type_name,
                           const char *member)
{
  GType type = caucus_document_type_for_name (type_name);
  const FieldTable *table;

  if (type == G_TYPE_INVALID)
    return NULL;
  /* The class must exist for its table to be registered. */
  g_type_class_unref (g_type_class_ref (type));
  table = field_table_for_type (type);
  for (guint i = 0; table != NULL && i < table->n_fields; i++)
    if (g_str_equal (table->fields[i].member, member))
      return &table->fields[i];
  return NULL;
}

/* ---- validity ------------------------------------------------------------------ */

static GPtrArray *
compute_problems (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);
  CaucusDocumentClass *klass = CAUCUS_DOCUMENT_GET_CLASS (self);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_problem_free);
  const FieldTable *table = field_table_for_type (G_OBJECT_TYPE (self));

  _caucus_validate_common (priv->json, problems);
  if (table != NULL)
    _caucus_validate_fields (priv->json, table->fields, table->n_fields, problems);
  if (klass->validate != NULL)
    klass->validate (self, problems);
  return problems;
}

static void
revalidate (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);
  gboolean was_valid = priv->problems == NULL || priv->problems->len == 0;
  gboolean valid;

  g_clear_pointer (&priv->problems, g_ptr_array_unref);
  priv->problems = compute_problems (self);
  valid = priv->problems->len == 0;
  if (valid != was_valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_VALID]);
}

GPtrArray *
caucus_document_get_problems (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  if (priv->problems == NULL)
    priv->problems = compute_problems (self);
  return priv->problems;
}

gboolean
caucus_document_is_valid (CaucusDocument *self)
{
  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), FALSE);
  return caucus_document_get_problems (self)->len == 0;
}

gboolean
caucus_document_check (CaucusDocument *self,
                       GError        **error)
{
  GPtrArray *problems;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), FALSE);
  problems = caucus_document_get_problems (self);
  if (problems->len == 0)
    return TRUE;
  text = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const CaucusProblem *problem = g_ptr_array_index (problems, i);
      if (i > 0)
        g_string_append (text, " ");
      g_string_append (text, problem->message);
    }
  g_set_error_literal (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID, text->str);
  return FALSE;
}

GPtrArray *
caucus_validate_json (JsonObject *json)
{
  g_autoptr(CaucusDocument) doc = NULL;
  GPtrArray *problems;

  g_return_val_if_fail (json != NULL, NULL);
  doc = caucus_document_new_from_json (json);
  problems = caucus_document_get_problems (doc);
  return g_ptr_array_ref (problems);
}

/* ---- member access ---------------------------------------------------------------- */

static GParamSpec *
pspec_for_member (CaucusDocument *self,
                  const char     *member)
{
  const FieldTable *table = field_table_for_type (G_OBJECT_TYPE (self));

  for (guint i = PROP_ID; i <= PROP_UPDATED_BY; i++)
    if (g_str_equal (base_members[i], member))
      return properties[i];
  for (guint i = 0; table != NULL && i < table->n_fields; i++)
    if (g_str_equal (table->fields[i].member, member))
      return table->pspecs[i];
  return NULL;
}

static void
member_changed (CaucusDocument *self,
                const char     *member)
{
  GParamSpec *pspec = pspec_for_member (self, member);

  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  if (g_str_equal (member, "name") || g_str_equal (member, "title") || g_str_equal (member, "_id"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  revalidate (self);
}

JsonObject *
caucus_document_peek_json (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  return priv->json;
}

JsonNode *
caucus_document_peek_member (CaucusDocument *self,
                             const char     *member)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return json_object_get_member (priv->json, member);
}

void
caucus_document_set_member (CaucusDocument *self,
                            const char     *member,
                            JsonNode       *node)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);
  JsonNode *old;

  g_return_if_fail (CAUCUS_IS_DOCUMENT (self));
  g_return_if_fail (member != NULL);

  old = json_object_get_member (priv->json, member);
  if (node == NULL && old == NULL)
    return;
  if (node != NULL && old != NULL && caucus_json_equal (node, old))
    return;
  if (node == NULL)
    json_object_remove_member (priv->json, member);
  else
    json_object_set_member (priv->json, member, caucus_json_node_deep_copy (node));
  member_changed (self, member);
}

const char *
caucus_document_get_string (CaucusDocument *self,
                            const char     *member)
{
  JsonNode *node = caucus_document_peek_member (self, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

void
caucus_document_set_string (CaucusDocument *self,
                            const char     *member,
                            const char     *value)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (CAUCUS_IS_DOCUMENT (self));
  if (value != NULL)
    node = json_node_init_string (json_node_alloc (), value);
  caucus_document_set_member (self, member, node);
}

GStrv
caucus_document_dup_strv (CaucusDocument *self,
                          const char     *member)
{
  JsonNode *node = caucus_document_peek_member (self, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

void
caucus_document_set_strv (CaucusDocument     *self,
                          const char         *member,
                          const char * const *value)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (CAUCUS_IS_DOCUMENT (self));
  if (value != NULL)
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; value[i] != NULL; i++)
        json_array_add_string_element (array, value[i]);
      node = json_node_init_array (json_node_alloc (), array);
      json_array_unref (array);
    }
  caucus_document_set_member (self, member, node);
}

gboolean
caucus_document_get_boolean (CaucusDocument *self,
                             const char     *member)
{
  JsonNode *node = caucus_document_peek_member (self, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

void
caucus_document_set_boolean (CaucusDocument *self,
                             const char     *member,
                             gboolean        value)
{
  g_autoptr(JsonNode) node = json_node_init_boolean (json_node_alloc (), value);

  caucus_document_set_member (self, member, node);
}

const char *caucus_document_get_id (CaucusDocument *self) { return caucus_document_get_string (self, "_id"); }
const char *caucus_document_get_rev (CaucusDocument *self) { return caucus_document_get_string (self, "_rev"); }
const char *caucus_document_get_doc_type (CaucusDocument *self) { return caucus_document_get_string (self, "type"); }
const char *caucus_document_get_created (CaucusDocument *self) { return caucus_document_get_string (self, "created"); }
const char *caucus_document_get_updated (CaucusDocument *self) { return caucus_document_get_string (self, "updated"); }
const char *caucus_document_get_updated_by (CaucusDocument *self) { return caucus_document_get_string (self, "updated_by"); }

void
caucus_document_set_id (CaucusDocument *self,
                        const char     *id)
{
  caucus_document_set_string (self, "_id", id);
}

void
caucus_document_set_rev (CaucusDocument *self,
                         const char     *rev)
{
  caucus_document_set_string (self, "_rev", rev);
}

void
caucus_document_touch (CaucusDocument *self,
                       const char     *who)
{
  g_autofree char *now = caucus_timestamp_now ();

  g_return_if_fail (CAUCUS_IS_DOCUMENT (self));
  g_object_freeze_notify (G_OBJECT (self));
  if (caucus_document_get_created (self) == NULL)
    caucus_document_set_string (self, "created", now);
  caucus_document_set_string (self, "updated", now);
  if (who != NULL)
    caucus_document_set_string (self, "updated_by", who);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
caucus_document_get_display_name (CaucusDocument *self)
{
  const char *text;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  if ((text = caucus_document_get_string (self, "name")) != NULL && *text)
    return text;
  if ((text = caucus_document_get_string (self, "title")) != NULL && *text)
    return text;
  if ((text = caucus_document_get_string (self, "short_name")) != NULL && *text)
    return text;
  return caucus_document_get_id (self);
}

JsonObject *
caucus_document_to_json (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), NULL);
  return caucus_json_object_deep_copy (priv->json);
}

gboolean
caucus_document_replace_json (CaucusDocument *self,
                              JsonObject     *json,
                              GError        **error)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(GHashTable) members = NULL;
  GHashTableIter iter;
  gpointer key;
  const char *new_type;
  GList *old_list;
  GList *new_list;

  g_return_val_if_fail (CAUCUS_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  new_type = json_object_has_member (json, "type") && JSON_NODE_HOLDS_VALUE (json_object_get_member (json, "type"))
             ? json_object_get_string_member (json, "type") : NULL;
  if (g_strcmp0 (new_type, caucus_document_get_doc_type (self)) != 0)
    {
      g_set_error (error, CAUCUS_MODEL_ERROR, CAUCUS_MODEL_ERROR_INVALID,
                   _("A document of type ‘%s’ cannot be replaced by one of type ‘%s’"),
                   caucus_document_get_doc_type (self) ? caucus_document_get_doc_type (self) : "",
                   new_type ? new_type : "");
      return FALSE;
    }

  old = g_steal_pointer (&priv->json);
  priv->json = caucus_json_object_deep_copy (json);

  members = g_hash_table_new (g_str_hash, g_str_equal);
  old_list = json_object_get_members (old);
  new_list = json_object_get_members (priv->json);
  for (GList *l = old_list; l != NULL; l = l->next)
    g_hash_table_add (members, l->data);
  for (GList *l = new_list; l != NULL; l = l->next)
    g_hash_table_add (members, l->data);

  g_object_freeze_notify (G_OBJECT (self));
  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      JsonNode *a = json_object_get_member (old, key);
      JsonNode *b = json_object_get_member (priv->json, key);
      if (!caucus_json_equal (a, b))
        {
          GParamSpec *pspec = pspec_for_member (self, key);
          if (pspec != NULL)
            g_object_notify_by_pspec (G_OBJECT (self), pspec);
          if (g_str_equal (key, "name") || g_str_equal (key, "title"))
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
        }
    }
  revalidate (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_list_free (old_list);
  g_list_free (new_list);
  return TRUE;
}

/* ---- construction ------------------------------------------------------------------ */

CaucusDocument *
caucus_document_new_from_json (JsonObject *json)
{
  CaucusDocument *self;
  CaucusDocumentPrivate *priv;
  JsonNode *type_node;
  GType type = G_TYPE_INVALID;

  g_return_val_if_fail (json != NULL, NULL);

  type_node = json_object_get_member (json, "type");
  if (type_node != NULL && JSON_NODE_HOLDS_VALUE (type_node) &&
      json_node_get_value_type (type_node) == G_TYPE_STRING)
    type = caucus_document_type_for_name (json_node_get_string (type_node));
  if (type == G_TYPE_INVALID)
    type = CAUCUS_TYPE_DOCUMENT;

  self = g_object_new (type, NULL);
  priv = caucus_document_get_instance_private (self);
  json_object_unref (priv->json);
  priv->json = caucus_json_object_deep_copy (json);
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
  return self;
}

CaucusDocument *
caucus_document_new_of_type (const char *type_name,
                             const char *updated_by)
{
  g_autoptr(JsonObject) json = json_object_new ();
  CaucusDocument *self;

  g_return_val_if_fail (caucus_document_type_for_name (type_name) != G_TYPE_INVALID, NULL);
  json_object_set_string_member (json, "type", type_name);
  self = caucus_document_new_from_json (json);
  caucus_document_touch (self, updated_by);
  return self;
}

/* ---- field properties (installed on subclasses) -------------------------------------- */

static const FieldTable *
table_of_pspec (GParamSpec *pspec)
{
  return g_type_get_qdata (pspec->owner_type, field_table_quark);
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  CaucusDocument *self = CAUCUS_DOCUMENT (object);
  const FieldTable *table = table_of_pspec (pspec);
  const CaucusFieldSpec *field;

  if (table == NULL || prop_id == 0 || prop_id > table->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &table->fields[prop_id - 1];
  switch (field->kind)
    {
    case CAUCUS_FIELD_STRING:
    case CAUCUS_FIELD_TEXT:
      g_value_set_string (value, caucus_document_get_string (self, field->member));
      break;
    case CAUCUS_FIELD_STRV:
      g_value_take_boxed (value, caucus_document_dup_strv (self, field->member));
      break;
    case CAUCUS_FIELD_BOOLEAN:
      g_value_set_boolean (value, caucus_document_get_boolean (self, field->member));
      break;
    case CAUCUS_FIELD_JSON:
      {
        /* A deep copy: the boxed copy of a JsonNode shares its object with the document. */
        JsonNode *node = caucus_document_peek_member (self, field->member);
        g_value_take_boxed (value, node ? caucus_json_node_deep_copy (node) : NULL);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  CaucusDocument *self = CAUCUS_DOCUMENT (object);
  const FieldTable *table = table_of_pspec (pspec);
  const CaucusFieldSpec *field;

  if (table == NULL || prop_id == 0 || prop_id > table->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &table->fields[prop_id - 1];
  switch (field->kind)
    {
    case CAUCUS_FIELD_STRING:
    case CAUCUS_FIELD_TEXT:
      caucus_document_set_string (self, field->member, g_value_get_string (value));
      break;
    case CAUCUS_FIELD_STRV:
      caucus_document_set_strv (self, field->member, g_value_get_boxed (value));
      break;
    case CAUCUS_FIELD_BOOLEAN:
      caucus_document_set_boolean (self, field->member, g_value_get_boolean (value));
      break;
    case CAUCUS_FIELD_JSON:
      caucus_document_set_member (self, field->member, g_value_get_boxed (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
_caucus_document_class_install_fields (CaucusDocumentClass   *klass,
                                       const char            *type_name,
                                       const CaucusFieldSpec *fields,
                                       guint                  n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);
  FieldTable *table;

  table = g_new0 (FieldTable, 1);   /* lives as long as the type: forever */
  table->type_name = type_name;
  table->fields = fields;
  table->n_fields = n_fields;
  table->pspecs = g_new0 (GParamSpec *, n_fields);

  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (fields[i].member), "_", '-');
      const char *nick = fields[i].label;
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;
      GParamSpec *pspec;

      switch (fields[i].kind)
        {
        case CAUCUS_FIELD_STRING:
        case CAUCUS_FIELD_TEXT:
          pspec = g_param_spec_string (name, nick, nick, NULL, flags);
          break;
        case CAUCUS_FIELD_STRV:
          pspec = g_param_spec_boxed (name, nick, nick, G_TYPE_STRV, flags);
          break;
        case CAUCUS_FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, nick, nick, FALSE, flags);
          break;
        case CAUCUS_FIELD_JSON:
          pspec = g_param_spec_boxed (name, nick, nick, JSON_TYPE_NODE, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      table->pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }

  g_type_set_qdata (type, field_table_quark, table);

  G_LOCK (types_by_name);
  if (types_by_name == NULL)
    types_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (types_by_name, (gpointer) type_name, GSIZE_TO_POINTER (type));
  G_UNLOCK (types_by_name);
}

/* ---- GObject --------------------------------------------------------------------- */

static void
caucus_document_finalize (GObject *object)
{
  CaucusDocument *self = CAUCUS_DOCUMENT (object);
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  g_clear_pointer (&priv->json, json_object_unref);
  g_clear_pointer (&priv->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (caucus_document_parent_class)->finalize (object);
}

static void
caucus_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CaucusDocument *self = CAUCUS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
    case PROP_REV:
    case PROP_DOC_TYPE:
    case PROP_CREATED:
    case PROP_UPDATED:
    case PROP_UPDATED_BY:
      g_value_set_string (value, caucus_document_get_string (self, base_members[prop_id]));
      break;
    case PROP_IS_VALID:
      g_value_set_boolean (value, caucus_document_is_valid (self));
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, caucus_document_get_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CaucusDocument *self = CAUCUS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
    case PROP_REV:
    case PROP_CREATED:
    case PROP_UPDATED:
    case PROP_UPDATED_BY:
      caucus_document_set_string (self, base_members[prop_id], g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_document_class_init (CaucusDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  field_table_quark = g_quark_from_static_string ("caucus-document-fields");

  object_class->finalize = caucus_document_finalize;
  object_class->get_property = caucus_document_get_property;
  object_class->set_property = caucus_document_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", "Id", "The document id (_id)", NULL, rw);
  properties[PROP_REV] = g_param_spec_string ("rev", "Revision", "The revision (_rev)", NULL, rw);
  properties[PROP_DOC_TYPE] = g_param_spec_string ("doc-type", "Type", "The type member", NULL, ro);
  properties[PROP_CREATED] = g_param_spec_string ("created", "Created", "RFC 3339 UTC", NULL, rw);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", "Updated", "RFC 3339 UTC", NULL, rw);
  properties[PROP_UPDATED_BY] = g_param_spec_string ("updated-by", "Updated by", "Who edited last", NULL, rw);
  properties[PROP_IS_VALID] = g_param_spec_boolean ("is-valid", "Is valid", "No validation problems", TRUE, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", "Display name", "Name, title or id", NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_document_init (CaucusDocument *self)
{
  CaucusDocumentPrivate *priv = caucus_document_get_instance_private (self);

  priv->json = json_object_new ();
}
