/* caucus-pack-async.c: laying out and writing packs on a worker thread, for the composer.
 *
 * Progress is reported on the caller's main context (the thread-default context when the
 * call was made), so a progress bar can be updated directly from the callback.  A layout
 * serialises its drawing with a recursive lock, so the preview may draw pages while an
 * export of the same layout runs.
 */
#include "caucus-pack-layout-private.h"
#include "caucus-main-context.h"

typedef struct
{
  GMainContext          *context;
  CaucusPackProgressFunc func;
  gpointer               data;
} Relay;

typedef struct
{
  Relay  *relay;       /* GRcBox */
  double  fraction;
  char   *stage;
} RelayCall;

static void
relay_clear (gpointer data)
{
  Relay *relay = data;

  g_main_context_unref (relay->context);
}

static Relay *
relay_new (CaucusPackProgressFunc func,
           gpointer               data)
{
  Relay *relay;

  if (func == NULL)
    return NULL;
  relay = g_rc_box_new0 (Relay);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->data = data;
  return relay;
}

static void
relay_release (Relay *relay)
{
  if (relay != NULL)
    g_rc_box_release_full (relay, relay_clear);
}

static gboolean
relay_call_cb (gpointer data)
{
  RelayCall *call = data;

  call->relay->func (call->fraction, call->stage, call->relay->data);
  return G_SOURCE_REMOVE;
}

static void
relay_call_free (gpointer data)
{
  RelayCall *call = data;

  relay_release (call->relay);
  g_free (call->stage);
  g_free (call);
}

static void
relay_progress_cb (double      fraction,
                   const char *stage,
                   gpointer    user_data)
{
  Relay *relay = user_data;
  RelayCall *call = g_new0 (RelayCall, 1);

  call->relay = g_rc_box_acquire (relay);
  call->fraction = fraction;
  call->stage = g_strdup (stage);
  caucus_main_context_call (relay->context, G_PRIORITY_DEFAULT, "[caucus-pack] progress",
                            relay_call_cb, call, relay_call_free);
}

/* Layout ------------------------------------------------------------------------------- */

typedef struct
{
  CaucusPackSources *sources;
  char              *pack_id;
  CaucusPackOptions  options;    /* strings owned below */
  char              *home_zone;
  char              *locale;
  char              *author;
  Relay             *relay;
} LayoutJob;

static void
layout_job_free (gpointer data)
{
  LayoutJob *job = data;

  g_object_unref (job->sources);
  g_free (job->pack_id);
  g_free (job->home_zone);
  g_free (job->locale);
  g_free (job->author);
  g_clear_pointer (&job->options.creation_date, g_date_time_unref);
  relay_release (job->relay);
  g_free (job);
}

static void
layout_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LayoutJob *job = task_data;
  GError *error = NULL;
  CaucusPackLayout *layout;

  layout = caucus_pack_layout_new (job->sources, job->pack_id, &job->options, cancellable,
                                   job->relay != NULL ? relay_progress_cb : NULL, job->relay, &error);
  if (layout == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layout, g_object_unref);
}

/* Lays the pack out on a worker thread.  Do not change @sources until it completes. */
void
caucus_pack_layout_new_async (CaucusPackSources       *sources,
                              const char              *pack_id,
                              const CaucusPackOptions *options,
                              GCancellable            *cancellable,
                              CaucusPackProgressFunc   progress,
                              gpointer                 progress_data,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  LayoutJob *job;

  g_return_if_fail (CAUCUS_IS_PACK_SOURCES (sources));
  g_return_if_fail (pack_id != NULL);

  job = g_new0 (LayoutJob, 1);
  job->sources = g_object_ref (sources);
  job->pack_id = g_strdup (pack_id);
  if (options != NULL)
    job->options = *options;
  else
    caucus_pack_options_init (&job->options);
  job->home_zone = g_strdup (job->options.home_zone);
  job->locale = g_strdup (job->options.locale);
  job->author = g_strdup (job->options.author);
  job->options.home_zone = job->home_zone;
  job->options.locale = job->locale;
  job->options.author = job->author;
  if (job->options.creation_date != NULL)
    g_date_time_ref (job->options.creation_date);
  job->relay = relay_new (progress, progress_data);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_pack_layout_new_async);
  g_task_set_task_data (task, job, layout_job_free);
  g_task_run_in_thread (task, layout_thread_cb);
}

CaucusPackLayout *
caucus_pack_layout_new_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writing ------------------------------------------------------------------------------ */

typedef struct
{
  char  *path;
  Relay *relay;
} WriteJob;

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_free (job->path);
  relay_release (job->relay);
  g_free (job);
}

static void
write_thread_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (caucus_pack_layout_write_pdf (source_object, job->path, cancellable,
                                    job->relay != NULL ? relay_progress_cb : NULL, job->relay, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
caucus_pack_layout_write_pdf_async (CaucusPackLayout       *self,
                                    const char             *path,
                                    GCancellable           *cancellable,
                                    CaucusPackProgressFunc  progress,
                                    gpointer                progress_data,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (CAUCUS_IS_PACK_LAYOUT (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (WriteJob, 1);
  job->path = g_strdup (path);
  job->relay = relay_new (progress, progress_data);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, caucus_pack_layout_write_pdf_async);
  g_task_set_task_data (task, job, write_job_free);
  g_task_run_in_thread (task, write_thread_cb);
}

gboolean
caucus_pack_layout_write_pdf_finish (CaucusPackLayout  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
