/* caucus-digest.c — see caucus-digest.h */
#include "caucus-digest.h"
#include "caucus-json.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MARK_ID "_local/caucus-digest"
/* How far back the previous body is looked for (revisions, not time). */
#define MAX_ANCESTORS 64

void
caucus_digest_entry_free (CaucusDigestEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->doc_id);
  g_free (entry->doc_type);
  g_free (entry->title);
  g_free (entry->detail);
  g_free (entry->link_id);
  g_free (entry->old_rev);
  g_free (entry->new_rev);
  g_free (entry);
}

const char *
caucus_digest_kind_heading (CaucusDigestKind kind)
{
  switch (kind)
    {
    case CAUCUS_DIGEST_NEW_SESSION: return _("New sessions");
    case CAUCUS_DIGEST_MOVED_SESSION: return _("Moved sessions");
    case CAUCUS_DIGEST_CANCELLED_EVENT: return _("Cancelled or removed events");
    case CAUCUS_DIGEST_DEADLINE: return _("Deadlines added or changed");
    case CAUCUS_DIGEST_NEW_EVENT: return _("New events");
    case CAUCUS_DIGEST_EDITED_DRAFT: return _("Edited drafts");
    case CAUCUS_DIGEST_NEW_STATEMENT: return _("New statements");
    case CAUCUS_DIGEST_STATEMENT_STATUS: return _("Statements that changed status");
    case CAUCUS_DIGEST_NEW_SIGNATURE: return _("New signatures");
    case CAUCUS_DIGEST_WITHDRAWN_SIGNATURE: return _("Withdrawn signatures");
    case CAUCUS_DIGEST_NEW_PERSON: return _("New people");
    case CAUCUS_DIGEST_NEW_ORG: return _("New organisations");
    case CAUCUS_DIGEST_EDITED: return _("Other changes");
    case CAUCUS_DIGEST_REMOVED: return _("Removed");
    case CAUCUS_DIGEST_N_KINDS:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static const char *
str_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
obj_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, name))
    return NULL;
  node = json_object_get_member (obj, name);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
member_changed (JsonObject *a,
                JsonObject *b,
                const char *name)
{
  JsonNode *na = (a && json_object_has_member (a, name)) ? json_object_get_member (a, name) : NULL;
  JsonNode *nb = (b && json_object_has_member (b, name)) ? json_object_get_member (b, name) : NULL;

  if (na == NULL || nb == NULL)
    return na != nb;
  return !caucus_json_equal (na, nb);
}

/* The body this replica had before: the nearest ancestor of @rev whose body is kept. */
static JsonObject *
previous_body (CaucusStore *store,
               const char  *id,
               const char  *rev,
               char       **prev_rev)
{
  CaucusGetOptions opts = { .rev = rev, .revs = TRUE };
  g_autoptr(JsonObject) doc = caucus_store_get (store, id, &opts, NULL);
  JsonObject *revisions;
  JsonArray *ids;
  gint64 start;

  if (doc == NULL || (revisions = obj_member (doc, "_revisions")) == NULL ||
      !json_object_has_member (revisions, "ids") || !json_object_has_member (revisions, "start"))
    return NULL;
  ids = json_object_get_array_member (revisions, "ids");
  start = json_object_get_int_member (revisions, "start");
  for (guint i = 1; i < json_array_get_length (ids) && i <= MAX_ANCESTORS; i++)
    {
      g_autofree char *anc = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", start - (gint64) i,
                                              json_array_get_string_element (ids, i));
      CaucusGetOptions aopts = { .rev = anc };
      JsonObject *body = caucus_store_get (store, id, &aopts, NULL);

      if (body != NULL)
        {
          if (json_object_get_boolean_member_with_default (body, "_deleted", FALSE))
            {
              json_object_unref (body);
              return NULL;   /* it was deleted before: this is a new life */
            }
          *prev_rev = g_steal_pointer (&anc);
          return body;
        }
    }
  return NULL;
}

static char *
title_of (CaucusStore *store,
          const char  *id)
{
  g_autoptr(JsonObject) doc = NULL;
  const char *t;

  if (id == NULL)
    return NULL;
  doc = caucus_store_get (store, id, NULL, NULL);
  if (doc == NULL)
    return NULL;
  t = str_member (doc, "name");
  if (t == NULL)
    t = str_member (doc, "title");
  return g_strdup (t);
}

static char *
format_when (const char *instant,
             const char *zone_id)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (instant == NULL)
    return g_strdup (_("no time"));
  utc = g_date_time_new_from_iso8601 (instant, NULL);
  if (utc == NULL)
    return g_strdup (instant);
  if (zone_id != NULL)
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%a %-d %b %H:%M %Z");
}

static const char *
room_of (JsonObject *event)
{
  JsonObject *loc = obj_member (event, "location");
  const char *room = str_member (loc, "room");

  return room ? room : str_member (loc, "venue");
}

static void
classify_event (CaucusDigestEntry *e,
                JsonObject        *now,
                JsonObject        *before)
{
  const char *kind = str_member (now, "kind");
  gboolean session = g_strcmp0 (kind, "session") == 0 || g_strcmp0 (kind, "meeting") == 0;
  gboolean deadline = g_strcmp0 (kind, "deadline") == 0 || g_strcmp0 (kind, "milestone") == 0;
  const char *zone = str_member (now, "time_zone");

  if (g_strcmp0 (str_member (now, "status"), "cancelled") == 0 &&
      (before == NULL || g_strcmp0 (str_member (before, "status"), "cancelled") != 0))
    {
      e->kind = CAUCUS_DIGEST_CANCELLED_EVENT;
      return;
    }
  if (before == NULL)
    {
      g_autofree char *when = format_when (str_member (now, "start"), zone);
      e->kind = session ? CAUCUS_DIGEST_NEW_SESSION
              : deadline ? CAUCUS_DIGEST_DEADLINE : CAUCUS_DIGEST_NEW_EVENT;
      e->detail = room_of (now) ? g_strdup_printf ("%s, %s", when, room_of (now))
                                : g_steal_pointer (&when);
      return;
    }
  if (member_changed (before, now, "start") || member_changed (before, now, "end") ||
      g_strcmp0 (room_of (before), room_of (now)) != 0)
    {
      g_autoptr(GString) detail = g_string_new (NULL);

      if (member_changed (before, now, "start") || member_changed (before, now, "end"))
        {
          g_autofree char *a = format_when (str_member (before, "start"), zone);
          g_autofree char *b = format_when (str_member (now, "start"), zone);
          g_string_append_printf (detail, "%s → %s", a, b);
        }
      if (g_strcmp0 (room_of (before), room_of (now)) != 0)
        g_string_append_printf (detail, "%s%s → %s", detail->len ? "; " : "",
                                room_of (before) ? room_of (before) : _("no room"),
                                room_of (now) ? room_of (now) : _("no room"));
      e->kind = session ? CAUCUS_DIGEST_MOVED_SESSION
              : deadline ? CAUCUS_DIGEST_DEADLINE : CAUCUS_DIGEST_EDITED;
      e->detail = g_string_free (g_steal_pointer (&detail), FALSE);
      return;
    }
  e->kind = CAUCUS_DIGEST_EDITED;
}

/* Returns FALSE when the change is not worth a line (statement versions, comments …). */
static gboolean
classify (CaucusStore       *store,
          CaucusDigestEntry *e,
          JsonObject        *now,
          JsonObject        *before)
{
  const char *type = e->doc_type;

  if (g_strcmp0 (type, "event") == 0)
    classify_event (e, now, before);
  else if (g_strcmp0 (type, "statement") == 0)
    {
      if (before == NULL)
        e->kind = CAUCUS_DIGEST_NEW_STATEMENT;
      else if (member_changed (before, now, "body"))
        {
          e->kind = CAUCUS_DIGEST_EDITED_DRAFT;
          if (member_changed (before, now, "status"))
            e->detail = g_strdup_printf (_("Text edited; %s → %s"),
                                         str_member (before, "status"), str_member (now, "status"));
        }
      else if (member_changed (before, now, "status"))
        {
          e->kind = CAUCUS_DIGEST_STATEMENT_STATUS;
          e->detail = g_strdup_printf ("%s → %s", str_member (before, "status"),
                                       str_member (now, "status"));
        }
      else
        e->kind = CAUCUS_DIGEST_EDITED;
    }
  else if (g_strcmp0 (type, "signature") == 0)
    {
      const char *statement_id = str_member (now, "statement_id");
      g_autofree char *org = title_of (store, str_member (now, "org_id"));
      g_autofree char *statement = title_of (store, statement_id);
      gboolean withdrawn = str_member (now, "withdrawn_at") != NULL;

      if (withdrawn && (before == NULL || str_member (before, "withdrawn_at") == NULL))
        e->kind = CAUCUS_DIGEST_WITHDRAWN_SIGNATURE;
      else if (!withdrawn && (before == NULL || str_member (before, "withdrawn_at") != NULL))
        e->kind = CAUCUS_DIGEST_NEW_SIGNATURE;
      else
        return FALSE;
      g_free (e->title);
      e->title = g_strdup (org ? org : str_member (now, "org_id"));
      e->detail = g_strdup (statement ? statement : statement_id);
      g_free (e->link_id);
      e->link_id = g_strdup (statement_id);
    }
  else if (g_strcmp0 (type, "person") == 0)
    {
      e->kind = before == NULL ? CAUCUS_DIGEST_NEW_PERSON : CAUCUS_DIGEST_EDITED;
      if (before == NULL)
        e->detail = title_of (store, str_member (now, "org_id"));
    }
  else if (g_strcmp0 (type, "org") == 0)
    e->kind = before == NULL ? CAUCUS_DIGEST_NEW_ORG : CAUCUS_DIGEST_EDITED;
  else if (g_strcmp0 (type, "pack") == 0)
    e->kind = CAUCUS_DIGEST_EDITED;
  else
    return FALSE;   /* versions, comments: they show with their statement */
  return TRUE;
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const CaucusDigestEntry *ea = *(CaucusDigestEntry * const *) a;
  const CaucusDigestEntry *eb = *(CaucusDigestEntry * const *) b;

  if (ea->kind != eb->kind)
    return ea->kind < eb->kind ? -1 : 1;
  return g_utf8_collate (ea->title ? ea->title : "", eb->title ? eb->title : "");
}

GPtrArray *
caucus_digest_compute (CaucusStore  *store,
                       gint64        since,
                       gint64        until,
                       const char   *me,
                       GError      **error)
{
  CaucusChangesOptions opts = { .since = since, .limit = -1 };
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) caucus_digest_entry_free);
  JsonArray *results;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), NULL);
  g_return_val_if_fail (since >= 0, NULL);

  changes = caucus_store_changes (store, &opts, error);
  if (changes == NULL)
    return NULL;
  results = json_object_get_array_member (changes, "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *row = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (row, "id");
      gint64 seq = json_object_get_int_member (row, "seq");
      gboolean deleted = json_object_get_boolean_member_with_default (row, "deleted", FALSE);
      JsonArray *revs = json_object_get_array_member (row, "changes");
      const char *rev = json_object_get_string_member (json_array_get_object_element (revs, 0), "rev");
      g_autoptr(JsonObject) now = NULL;
      g_autoptr(JsonObject) before = NULL;
      g_autoptr(CaucusDigestEntry) e = NULL;
      g_autofree char *prev_rev = NULL;
      CaucusGetOptions gopts = { .rev = rev };

      if (until >= 0 && seq > until)
        continue;
      now = caucus_store_get (store, id, &gopts, NULL);
      if (now == NULL)
        continue;
      if (!deleted && me != NULL && g_strcmp0 (str_member (now, "updated_by"), me) == 0)
        continue;
      before = previous_body (store, id, rev, &prev_rev);

      e = g_new0 (CaucusDigestEntry, 1);
      e->doc_id = g_strdup (id);
      e->seq = seq;
      e->new_rev = g_strdup (rev);
      e->old_rev = g_strdup (prev_rev);
      e->link_id = g_strdup (id);
      if (deleted)
        {
          JsonObject *shown = before;
          const char *t;

          if (shown == NULL)
            continue;   /* created and deleted since: nothing the delegate ever saw */
          e->doc_type = g_strdup (str_member (shown, "type"));
          t = str_member (shown, "name") ? str_member (shown, "name") : str_member (shown, "title");
          e->title = g_strdup (t ? t : id);
          if (g_strcmp0 (e->doc_type, "signature") == 0)
            continue;   /* withdrawals keep the document; a deletion is housekeeping */
          if (g_strcmp0 (e->doc_type, "statement-version") == 0 ||
              g_strcmp0 (e->doc_type, "comment") == 0)
            continue;
          e->kind = g_strcmp0 (e->doc_type, "event") == 0 ? CAUCUS_DIGEST_CANCELLED_EVENT
                                                          : CAUCUS_DIGEST_REMOVED;
        }
      else
        {
          const char *t = str_member (now, "name") ? str_member (now, "name")
                                                   : str_member (now, "title");
          e->doc_type = g_strdup (str_member (now, "type"));
          e->title = g_strdup (t ? t : id);
          if (before != NULL)
            {
              /* Only the synced fields count: bookkeeping alone is not news. */
              g_autoptr(JsonObject) a = caucus_json_object_deep_copy (before);
              g_autoptr(JsonObject) b = caucus_json_object_deep_copy (now);
              static const char *ignore[] = { "_id", "_rev", "_revisions", "updated",
                                              "updated_by", "_attachments" };
              g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
              g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

              for (guint k = 0; k < G_N_ELEMENTS (ignore); k++)
                {
                  json_object_remove_member (a, ignore[k]);
                  json_object_remove_member (b, ignore[k]);
                }
              json_node_set_object (na, a);
              json_node_set_object (nb, b);
              if (caucus_json_equal (na, nb))
                continue;
            }
          if (!classify (store, e, now, before))
            continue;
        }
      g_ptr_array_add (entries, g_steal_pointer (&e));
    }
  g_ptr_array_sort (entries, entry_compare);
  return g_steal_pointer (&entries);
}

gint64
caucus_digest_get_mark (CaucusStore *store)
{
  g_autoptr(JsonObject) doc = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), 0);
  doc = caucus_store_get_local (store, MARK_ID, NULL);
  if (doc == NULL || !json_object_has_member (doc, "seq"))
    return 0;
  return MAX (json_object_get_int_member (doc, "seq"), 0);
}

gboolean
caucus_digest_set_mark (CaucusStore  *store,
                        gint64        seq,
                        GError      **error)
{
  g_autoptr(JsonObject) old = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CAUCUS_IS_STORE (store), FALSE);
  g_return_val_if_fail (seq >= 0, FALSE);

  old = caucus_store_get_local (store, MARK_ID, NULL);
  json_object_set_string_member (doc, "_id", MARK_ID);
  if (old != NULL && json_object_has_member (old, "_rev"))
    json_object_set_string_member (doc, "_rev", json_object_get_string_member (old, "_rev"));
  json_object_set_int_member (doc, "seq", seq);
  rev = caucus_store_put_local (store, doc, error);
  return rev != NULL;
}
