/* caucus-store-bulk-text.c — a replicated document prepared from its JSON text, without
 * a tree.
 *
 * A sync server receives a replication batch as text, and the tree path built a json-glib
 * tree of every document only to serialise it again canonically and free it: measured in
 * caucus-server, the tree, its freeing and the second walk were ~40 % of a 100-document
 * _bulk_docs.  For a plain document (its own data plus _id, _rev, _revisions and _deleted:
 * what PouchDB and CouchDB replicate when there are no attachments) the canonical body is
 * written here straight from the scanner's tokens: each object's members into a scratch
 * buffer, then sorted by name (the last of equal names wins, as in the tree), through the
 * same string and number writers.  The reserved members and the few the search columns
 * read (type, name, title, short_name) are built as small trees into a head object, on which
 * caucus_prepared_fill_head() runs the very checks the tree path runs.  Anything else
 * (attachments, other reserved members, nesting past the store's limit, a body too large, a
 * store that keeps its search index) takes the tree path unchanged: errors are the tree
 * path's.  tests/store/test-store-bulk-text.c checks that both paths store the same rows. */
#include "caucus-store-private.h"
#include "caucus-json-reader.h"

#include <string.h>

typedef struct {
  char  *name;
  gsize  start;   /* the value's text in the object's scratch buffer */
  gsize  len;
  guint  index;   /* order of appearance: the last of equal names wins */
} Member;

static int
member_compare (gconstpointer a,
                gconstpointer b)
{
  const Member *x = a, *y = b;
  int c = strcmp (x->name, y->name);

  if (c != 0)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gboolean is_head_member (const char *name);


static gboolean canon_value (CaucusJsonScanner *sc, CaucusJsonToken token, GString *out,
                             guint depth, JsonObject *head);

/* An object whose '{' the scanner just returned, at @depth (the document is 1); @head is
 * set for the document itself only. */
static gboolean
canon_object (CaucusJsonScanner *sc,
              GString           *out,
              guint              depth,
              JsonObject        *head)
{
  g_autoptr(GString) values = g_string_sized_new (512);
  g_autoptr(GArray) members = g_array_sized_new (FALSE, FALSE, sizeof (Member), 16);
  gboolean ok = FALSE;
  guint written = 0;

  for (;;)
    {
      CaucusJsonToken token = caucus_json_scanner_next (sc, NULL);
      const char *key;
      Member m;

      if (token == CAUCUS_JSON_END_OBJECT)
        break;
      if (token == CAUCUS_JSON_ERROR || token == CAUCUS_JSON_END)
        goto out;
      key = caucus_json_scanner_get_key (sc);
      if (head != NULL && key[0] == '_')
        {
          g_autofree char *name = NULL;
          JsonNode *node;

          /* the tree path's business: attachments, _conflicts, unknown ones (refused) */
          if (!is_head_member (key))
            goto out;
          name = g_strdup (key);   /* building reads the value's own member names */
          node = caucus_json_scanner_build (sc, token, NULL);
          if (node == NULL)
            goto out;
          json_object_set_member (head, name, node);
          continue;   /* reserved members are not part of the body */
        }
      m.name = g_strdup (key);
      m.start = values->len;
      m.index = members->len;
      g_array_append_val (members, m);
      if (head != NULL && is_head_member (key))
        {
          /* read by the search columns: a scalar, kept in the head as well (building a
           * scalar leaves the scanner on it, for the body's copy) */
          JsonNode *node;

          if (token == CAUCUS_JSON_BEGIN_OBJECT || token == CAUCUS_JSON_BEGIN_ARRAY ||
              (node = caucus_json_scanner_build (sc, token, NULL)) == NULL)
            goto out;
          json_object_set_member (head, m.name, node);
          if (!canon_value (sc, token, values, depth + 1, NULL))
            goto out;
        }
      else if (!canon_value (sc, token, values, depth + 1, NULL))
        goto out;
      g_array_index (members, Member, members->len - 1).len =
        values->len - g_array_index (members, Member, members->len - 1).start;
    }

  g_array_sort (members, member_compare);
  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = &g_array_index (members, Member, i);

      if (i + 1 < members->len && strcmp (m->name, g_array_index (members, Member, i + 1).name) == 0)
        continue;   /* a later member of the same name replaced it */
      if (written++ > 0)
        g_string_append_c (out, ',');
      if (!caucus_json_append_string (out, m->name, NULL))
        goto out;
      g_string_append_c (out, ':');
      g_string_append_len (out, values->str + m->start, m->len);
    }
  g_string_append_c (out, '}');
  ok = TRUE;

out:
  for (guint i = 0; i < members->len; i++)
    g_free (g_array_index (members, Member, i).name);
  return ok;
}

static gboolean
canon_value (CaucusJsonScanner *sc,
             CaucusJsonToken    token,
             GString           *out,
             guint              depth,
             JsonObject        *head)
{
  /* caucus_json_write()'s limits: past them the tree path says what is wrong */
  if (depth > CAUCUS_JSON_MAX_DEPTH || out->len > CAUCUS_STORE_MAX_DOC_SIZE)
    return FALSE;
  switch (token)
    {
    case CAUCUS_JSON_BEGIN_OBJECT:
      return canon_object (sc, out, depth, head);
    case CAUCUS_JSON_BEGIN_ARRAY:
      {
        guint n = 0;

        g_string_append_c (out, '[');
        for (;;)
          {
            CaucusJsonToken next = caucus_json_scanner_next (sc, NULL);

            if (next == CAUCUS_JSON_END_ARRAY)
              break;
            if (next == CAUCUS_JSON_ERROR || next == CAUCUS_JSON_END)
              return FALSE;
            if (n++ > 0)
              g_string_append_c (out, ',');
            if (!canon_value (sc, next, out, depth + 1, NULL))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }
    case CAUCUS_JSON_STRING:
      return caucus_json_append_string (out, caucus_json_scanner_get_string (sc), NULL);
    case CAUCUS_JSON_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, caucus_json_scanner_get_int (sc));
      return TRUE;
    case CAUCUS_JSON_DOUBLE:
      return caucus_json_append_double (out, caucus_json_scanner_get_double (sc), NULL);
    case CAUCUS_JSON_BOOLEAN:
      g_string_append (out, caucus_json_scanner_get_boolean (sc) ? "true" : "false");
      return TRUE;
    case CAUCUS_JSON_NULL:
      g_string_append (out, "null");
      return TRUE;
    case CAUCUS_JSON_END_OBJECT:
    case CAUCUS_JSON_END_ARRAY:
    case CAUCUS_JSON_END:
    case CAUCUS_JSON_ERROR:
    default:
      return FALSE;
    }
}

/* The members caucus_prepared_fill_head() and caucus_search_doc_meta() read. */
static gboolean
is_head_member (const char *name)
{
  static const char *const names[] = {
    "_id", "_rev", "_revisions", "_deleted", "type", "name", "title", "short_name", NULL
  };

  return g_strv_contains (names, name);
}

gboolean
caucus_prepared_fill_text (CaucusPrepared    *p,
                           CaucusJsonScanner *sc,
                           const char        *text,
                           gsize              length,
                           guint              revs_limit)
{
  g_autoptr(JsonObject) head = json_object_new ();
  GString *body = g_string_sized_new (length);

  caucus_json_scanner_reset (sc, text, length);
  if (caucus_json_scanner_next (sc, NULL) != CAUCUS_JSON_BEGIN_OBJECT ||
      !canon_object (sc, body, 1, head) ||
      caucus_json_scanner_next (sc, NULL) != CAUCUS_JSON_END ||
      body->len > CAUCUS_STORE_MAX_DOC_SIZE)
    {
      g_string_free (body, TRUE);
      return FALSE;
    }

  p->head = g_steal_pointer (&head);
  p->src = text;
  p->src_len = length;
  caucus_prepared_fill_head (p, p->head, revs_limit);
  if (p->error != NULL)
    {
      g_string_free (body, TRUE);
      return TRUE;
    }
  p->body_len = body->len;
  p->body = g_string_free (body, FALSE);
  caucus_search_doc_meta (p->deleted ? NULL : p->head, &p->type, &p->title);
  p->has_atts = FALSE;
  return TRUE;
}

gboolean
caucus_prepared_ensure_tree (CaucusPrepared *p,
                             guint           revs_limit,
                             guint           max_depth)
{
  const char *src = p->src;
  gsize len = p->src_len;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (p->doc != NULL)
    return TRUE;
  g_return_val_if_fail (src != NULL, FALSE);
  node = caucus_json_read (src, len, max_depth, &error);
  caucus_prepared_clear (p);
  memset (p, 0, sizeof *p);
  p->src = src;
  p->src_len = len;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (&p->error, CAUCUS_STORE_ERROR, CAUCUS_STORE_ERROR_INVALID,
                   "A document of the batch is not a JSON object%s%s",
                   error != NULL ? ": " : "", error != NULL ? error->message : "");
      return FALSE;
    }
  caucus_prepared_fill_full (p, json_node_get_object (node), revs_limit, FALSE);
  return TRUE;
}
