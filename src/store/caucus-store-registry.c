/* caucus-store-registry.c — the per-process registry that turns every connection's
 * commits into "changed" signals on every CaucusStore open on the same file, each in the
 * main context that was thread-default when it was opened. */
#include "caucus-store-private.h"
#include "caucus-main-context.h"

/* ---- the per-process registry of open stores, keyed by canonical path ------------------
 *
 * Every store has a mailbox: the ids committed (by any connection to its file) since its
 * last "changed", and whether an idle is scheduled in its context to deliver them.
 * Commits made before that context runs are delivered together, so a context that is
 * busy, or never iterated, does not pile up one source per commit.
 *
 * No strong reference to a store is ever taken or dropped under registry_lock: dropping
 * the last one would run dispose, which takes the lock. */

typedef struct {
  gint          refcount;
  GWeakRef      store;
  GMainContext *context;
  GHashTable   *ids;      /* under registry_lock; non-NULL while an emission is scheduled */
} Mailbox;

typedef struct {
  gpointer  owner;        /* identity only, never dereferenced */
  Mailbox  *mailbox;
} RegistryEntry;

static GMutex registry_lock;
static GHashTable *registry; /* key → GPtrArray of RegistryEntry* */

static Mailbox *
mailbox_ref (Mailbox *mailbox)
{
  g_atomic_int_inc (&mailbox->refcount);
  return mailbox;
}

static void
mailbox_unref (gpointer data)
{
  Mailbox *mailbox = data;

  if (!g_atomic_int_dec_and_test (&mailbox->refcount))
    return;
  g_weak_ref_clear (&mailbox->store);
  g_main_context_unref (mailbox->context);
  g_clear_pointer (&mailbox->ids, g_hash_table_unref);
  g_free (mailbox);
}

static void
registry_entry_free (gpointer data)
{
  RegistryEntry *entry = data;

  mailbox_unref (entry->mailbox);
  g_free (entry);
}

void
caucus_store_registry_add (CaucusStore *self)
{
  RegistryEntry *entry = g_new0 (RegistryEntry, 1);
  GPtrArray *list;

  entry->owner = self;
  entry->mailbox = g_new0 (Mailbox, 1);
  entry->mailbox->refcount = 1;
  g_weak_ref_init (&entry->mailbox->store, self);
  entry->mailbox->context = g_main_context_ref (self->context);

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  list = g_hash_table_lookup (registry, self->key);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (registry_entry_free);
      g_hash_table_insert (registry, g_strdup (self->key), list);
    }
  g_ptr_array_add (list, entry);
  g_mutex_unlock (&registry_lock);
}

void
caucus_store_registry_remove (CaucusStore *self)
{
  GPtrArray *list;

  g_mutex_lock (&registry_lock);
  list = registry != NULL ? g_hash_table_lookup (registry, self->key) : NULL;
  if (list != NULL)
    {
      for (guint i = list->len; i > 0; i--)
        if (((RegistryEntry *) g_ptr_array_index (list, i - 1))->owner == (gpointer) self)
          g_ptr_array_remove_index_fast (list, i - 1);
      if (list->len == 0)
        g_hash_table_remove (registry, self->key);
    }
  g_mutex_unlock (&registry_lock);
}

static gboolean
emit_changed_cb (gpointer data)
{
  Mailbox *mailbox = data;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(CaucusStore) store = NULL;

  g_mutex_lock (&registry_lock);
  ids = g_steal_pointer (&mailbox->ids);
  g_mutex_unlock (&registry_lock);

  store = g_weak_ref_get (&mailbox->store);
  if (store != NULL && ids != NULL && g_hash_table_size (ids) > 0)
    {
      g_autofree GStrv strv = (GStrv) g_hash_table_get_keys_as_array (ids, NULL);

      caucus_store_emit_changed (store, strv);
    }
  return G_SOURCE_REMOVE;
}

void
caucus_store_registry_notify (const char *key,
                 GStrv       ids)
{
  g_autoptr(GPtrArray) to_schedule = g_ptr_array_new ();
  GPtrArray *list;

  g_mutex_lock (&registry_lock);
  list = registry != NULL ? g_hash_table_lookup (registry, key) : NULL;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      Mailbox *mailbox = ((RegistryEntry *) g_ptr_array_index (list, i))->mailbox;

      if (mailbox->ids == NULL)
        {
          mailbox->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_ptr_array_add (to_schedule, mailbox_ref (mailbox));
        }
      for (guint j = 0; ids[j] != NULL; j++)
        if (!g_hash_table_contains (mailbox->ids, ids[j]))
          g_hash_table_add (mailbox->ids, g_strdup (ids[j]));
    }
  g_mutex_unlock (&registry_lock);

  for (guint i = 0; i < to_schedule->len; i++)
    {
      Mailbox *mailbox = g_ptr_array_index (to_schedule, i);

      /* the source owns the reference taken above, and may drop it (and the mailbox's
       * context with it) as soon as it is attached */
      caucus_main_context_call (mailbox->context, G_PRIORITY_DEFAULT, "[caucus] store changed",
                                emit_changed_cb, mailbox, mailbox_unref);
    }
}
