/* caucus-sample-task.c — loading the sample workspace off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample is about ninety documents written in one transaction: quick, but it
 * parses JSON and updates the full-text index, so it runs on a worker with its own
 * connection, as the store requires of other threads.
 */
#include "caucus-sample-task.h"

#include "caucus-sample.h"

static void
load_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CaucusStore *worker = task_data;
  CaucusSampleReport report = { 0 };
  GError *error = NULL;

  if (!caucus_sample_load (worker, &report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, report.added);
}

void
caucus_sample_load_async (CaucusStore         *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CaucusStore *worker;

  g_return_if_fail (CAUCUS_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_sample_load_async);

  worker = caucus_store_open_worker (store, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, worker, g_object_unref);
  g_task_run_in_thread (task, load_thread_cb);
}

gint
caucus_sample_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), -1);

  return (gint) g_task_propagate_int (G_TASK (result), error);
}
