/* caucus-document-list-update.c — a CaucusDocumentList kept in step with its index.
 *
 * Updates: before the index applies a batch of changes, the list records where each
 * changed id sits (a counting query per id); afterwards it asks where they sit now.
 * Unchanged documents keep their relative order, so the difference between the two lists
 * is a set of "gaps" between unchanged items, each of which becomes one items-changed
 * (position, removed, added).  While those signals are emitted, get_n_items() follows
 * the intermediate counts and every position before the end of the current gap already
 * shows its final item, which is what handlers that read the new items need. */
#include "caucus-document-list-private.h"

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

void
_caucus_document_list_before_update (CaucusDocumentList *self,
                                     GPtrArray          *ids)
{
  self->updating = TRUE;
  self->update_reset = ids == NULL;
  /* Changed documents get fresh summaries (and so a fresh row); the others keep theirs. */
  if (ids == NULL)
    g_hash_table_remove_all (self->summaries);
  else
    for (guint i = 0; i < ids->len; i++)
      g_hash_table_remove (self->summaries, ids->pdata[i]);
  self->old_n = self->n_items;
  g_clear_pointer (&self->update_ids, g_ptr_array_unref);
  g_clear_pointer (&self->old_positions, g_array_unref);
  if (ids == NULL)
    return;

  self->update_ids = g_ptr_array_new_with_free_func (g_free);
  self->old_positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 pos = _caucus_model_index_position (self->index, &self->query, ids->pdata[i], &error);

      if (pos < -1)
        {
          self->update_reset = TRUE;
          return;
        }
      g_ptr_array_add (self->update_ids, g_strdup (ids->pdata[i]));
      if (pos >= 0)
        g_array_append_val (self->old_positions, pos);
    }
}

void
_caucus_document_list_after_update (CaucusDocumentList *self)
{
  g_autoptr(GArray) new_positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;
  gboolean was_truncated = self->search_truncated;
  gint64 n;
  guint old_n = self->old_n;

  if (!self->updating)
    return;
  self->updating = FALSE;
  _caucus_document_list_clear_pages (self);

  if (!_caucus_document_list_refresh_hits (self, &error) ||
      (n = _caucus_model_index_count (self->index, &self->query, &error)) < 0)
    {
      _caucus_document_list_set_error (self, error);
      n = 0;
      self->update_reset = TRUE;
    }
  /* A truncated search may gain or lose unchanged documents at its edge; a list of what
   * an organisation's people take part in changes when a person changes organisation. */
  if (was_truncated || self->search_truncated ||
      (self->query.involves_people_of != NULL && *self->query.involves_people_of != '\0'))
    self->update_reset = TRUE;

  if (!self->update_reset)
    for (guint i = 0; i < self->update_ids->len; i++)
      {
        g_autoptr(GError) local = NULL;
        gint64 pos = _caucus_model_index_position (self->index, &self->query, self->update_ids->pdata[i], &local);
        if (pos < -1)
          {
            self->update_reset = TRUE;
            break;
          }
        if (pos >= 0)
          g_array_append_val (new_positions, pos);
      }

  if (!self->update_reset &&
      (gint64) old_n - (gint64) self->old_positions->len + (gint64) new_positions->len != n)
    self->update_reset = TRUE;   /* the index moved under us: stay correct, if coarse */

  if (self->update_reset)
    {
      self->n_items = (guint) n;
      if (old_n != 0 || n != 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, (guint) n);
    }
  else
    {
      GArray *old_positions = self->old_positions;
      guint i = 0, j = 0, inserted_before = 0;

      g_array_sort (old_positions, compare_positions);
      g_array_sort (new_positions, compare_positions);
      self->n_items = old_n;
      /* Gap u = the number of unchanged items before it, the same in both lists. */
      while (i < old_positions->len || j < new_positions->len)
        {
          gint64 uo = i < old_positions->len ? g_array_index (old_positions, gint64, i) - i : G_MAXINT64;
          gint64 un = j < new_positions->len ? g_array_index (new_positions, gint64, j) - j : G_MAXINT64;
          gint64 u = MIN (uo, un);
          guint removed = 0, added = 0;

          while (i < old_positions->len && g_array_index (old_positions, gint64, i) - (gint64) i == u)
            removed++, i++;
          while (j < new_positions->len && g_array_index (new_positions, gint64, j) - (gint64) j == u)
            added++, j++;
          self->n_items = self->n_items - removed + added;
          g_list_model_items_changed (G_LIST_MODEL (self), (guint) u + inserted_before, removed, added);
          inserted_before += added;
        }
      g_assert (self->n_items == (guint) n);
    }

  g_clear_pointer (&self->update_ids, g_ptr_array_unref);
  g_clear_pointer (&self->old_positions, g_array_unref);
  if (old_n != self->n_items)
    _caucus_document_list_notify_n_items (self);
}
