/* caucus-application.c — the Caucus application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the command line (--workspace, --sample, --version), makes sure the
 * workspace folder exists before any window opens, and opens the main window.
 */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "caucus-application-private.h"
#include "caucus-index-progress.h"
#include "caucus-renderer.h"
#include "caucus-sample-task.h"
#include "caucus-window.h"
#include "caucus-workspaces.h"

struct _CaucusApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *workspace_dir;
  gboolean sample_requested;

  /* The workspace's store and the model's index over it, opened at startup; when
   * opening fails the error is kept and shown once a window is up. */
  CaucusStore *store;
  CaucusModelIndex *model_index;
  GError *store_error;
  gboolean sample_loading;
  gboolean sample_started;

  /* While the model index is opened on a worker (a rebuild can take minutes): the store
   * it is opened over (published with the index, since every page needs both), what
   * stops it, and the window that says how far it is. */
  CaucusStore *opening_store;
  GCancellable *index_cancellable;
  CaucusIndexProgress *progress_window;   /* weak */
  guint64 index_done;
  guint64 index_total;

  /* The registered workspaces (loaded on first use); NULL when the list is unreadable. */
  CaucusWorkspaceList *workspaces;
  GError *workspaces_error;
};

G_DEFINE_FINAL_TYPE (CaucusApplication, caucus_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_WORKSPACE_DIR,
  PROP_SAMPLE_REQUESTED,
  PROP_SAMPLE_LOADING,
  PROP_INDEX_OPENING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "workspace", 'w', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the workspace’s data in DIR (default: the “caucus” folder in your data folder)"),
    N_("DIR") },
  { "sample", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open the sample workspace"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

/* Creates @path if needed and checks that it is a folder we can write to. */
static gboolean
prepare_workspace_dir (const char  *path,
                       GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   _("The workspace “%s” is a file, not a folder; choose a folder with --workspace"),
                   path);
      return FALSE;
    }

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the workspace folder “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_access (path, W_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The workspace folder “%s” cannot be written to: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static int
caucus_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  CaucusApplication *self = CAUCUS_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *workspace = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("caucus %s\n", CAUCUS_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "workspace", "^ay", &workspace))
    {
      g_autofree char *absolute = g_canonicalize_filename (workspace, NULL);

      g_free (self->workspace_dir);
      self->workspace_dir = g_steal_pointer (&absolute);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_DIR]);
    }
  else
    {
      /* Without --workspace the app opens the workspace chosen last time. */
      CaucusWorkspaceList *list = caucus_application_get_workspaces (self);
      CaucusWorkspace *selected = list ? caucus_workspace_list_get_selected (list) : NULL;

      if (selected != NULL)
        {
          g_free (self->workspace_dir);
          self->workspace_dir = g_strdup (caucus_workspace_get_dir (selected));
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_DIR]);
        }
    }

  if (!prepare_workspace_dir (self->workspace_dir, &error))
    {
      g_printerr ("caucus: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The sample workspace is loaded into the store at activation, once a window
   * shows the directory filling up. */
  if (g_variant_dict_contains (options, "sample"))
    {
      self->sample_requested = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_REQUESTED]);
    }

  return G_APPLICATION_CLASS (caucus_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

static void present_workspace (CaucusApplication *self);

/* Up to this many changes to read, the index is opened on the main thread before the
 * window: one batch, tens of milliseconds (an up-to-date index opens in about one), less
 * than a progress window that flashes by would cost.  Beyond, on a worker. */
#define SYNC_OPEN_LIMIT 1000

static void
index_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  CaucusApplication *self = user_data;

  self->index_done = done;
  self->index_total = total;
  if (self->progress_window != NULL)
    caucus_index_progress_set_progress (self->progress_window, done, total);
}

static gboolean
progress_window_close_request_cb (GtkWindow *window,
                                  gpointer   user_data)
{
  CaucusApplication *self = user_data;

  /* Closing it while the index opens quits, which stops the worker (shutdown). */
  if (self->index_cancellable != NULL)
    g_application_quit (G_APPLICATION (self));
  return FALSE;
}

static const char *
workspace_name (CaucusApplication *self)
{
  CaucusWorkspaceList *list = caucus_application_get_workspaces (self);
  CaucusWorkspace *workspace = NULL;

  if (list != NULL)
    workspace = caucus_workspace_list_find_dir (list, self->workspace_dir);
  return workspace != NULL ? caucus_workspace_get_name (workspace) : NULL;
}

static void
show_progress_window (CaucusApplication *self)
{
  if (self->progress_window == NULL)
    {
      g_autofree char *basename = g_path_get_basename (self->workspace_dir);
      const char *name = workspace_name (self);

      self->progress_window = caucus_index_progress_new (GTK_APPLICATION (self), name ? name : basename);
      g_object_add_weak_pointer (G_OBJECT (self->progress_window), (gpointer *) &self->progress_window);
      g_signal_connect_object (self->progress_window, "close-request",
                               G_CALLBACK (progress_window_close_request_cb), self, 0);
      if (self->index_total > 0)
        caucus_index_progress_set_progress (self->progress_window, self->index_done, self->index_total);
    }
  gtk_window_present (GTK_WINDOW (self->progress_window));
}

static void
index_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaucusApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  CaucusModelIndex *index = caucus_model_index_open_finish (result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&self->index_cancellable);
  if (index != NULL)
    {
      self->store = g_steal_pointer (&self->opening_store);
      self->model_index = index;
    }
  else
    {
      g_clear_object (&self->opening_store);
      /* The index's messages name the file, the reason and that deleting it is safe. */
      if (!cancelled)
        self->store_error = g_steal_pointer (&error);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX_OPENING]);

  /* Cancelled: the application is quitting (shutdown waits for this). */
  if (!cancelled)
    present_workspace (self);
  g_application_release (G_APPLICATION (self));
}

/* Opens <workspace>/workspace.caucus, then the model's index beside it on a worker
 * (present_workspace() follows when it is ready).  Done at the primary instance's first
 * activation rather than in startup, which tests that only register the application
 * also run: nothing is written to a workspace folder until a window is about to show it. */
static void
open_store (CaucusApplication *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (self->workspace_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (&self->store_error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the workspace folder “%s”: %s"),
                   self->workspace_dir, g_strerror (saved_errno));
      return;
    }

  path = g_build_filename (self->workspace_dir, "workspace.caucus", NULL);
  self->opening_store = caucus_store_open (path, &error);
  /* The store's messages already name the file and the reason. */
  if (self->opening_store == NULL)
    {
      self->store_error = g_steal_pointer (&error);
      return;
    }
  /* caucusctl (an import, a scripted sync) may write while the window is open: its
   * commits reach the lists like the app's own.  Without it they show after a restart. */
  if (!caucus_store_watch_other_processes (self->opening_store, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }

  if (caucus_model_index_count_pending (self->opening_store, NULL) <= SYNC_OPEN_LIMIT)
    {
      self->model_index = caucus_model_index_open (self->opening_store, NULL, &error);
      if (self->model_index == NULL)
        {
          g_clear_object (&self->opening_store);
          self->store_error = g_steal_pointer (&error);
          return;
        }
      self->store = g_steal_pointer (&self->opening_store);
      return;
    }

  /* A first build, a rebuild after an update that changed the index's layout, or a long
   * catch-up: every document may be read (minutes for 120,000), so on a worker, with the
   * progress window meanwhile. */
  self->index_done = self->index_total = 0;
  self->index_cancellable = g_cancellable_new ();
  g_application_hold (G_APPLICATION (self));
  caucus_model_index_open_async (self->opening_store, NULL,
                                 index_progress_cb, g_object_ref (self), g_object_unref,
                                 self->index_cancellable, index_opened_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX_OPENING]);
}

static void
store_error_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
show_store_error (CaucusApplication *self,
                  GtkWindow         *parent)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("The Workspace Could Not Be Opened"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nChoose another folder with --workspace, or free "
                                    "the disk and start Caucus again."),
                                  self->store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (store_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sample_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CaucusApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->sample_loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_LOADING]);

  if (caucus_sample_load_finish (result, &error) < 0)
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
      GtkWidget *dialog = adw_message_dialog_new (window,
                                                  _("The Sample Workspace Could Not Be Loaded"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * caucus_application_load_sample:
 * @self: a #CaucusApplication
 *
 * Writes the sample workspace's documents into the store on a worker thread
 * (documents already present are left as they are); "sample-loading" is %TRUE
 * meanwhile.  Does nothing without a store or while a load is running.
 */
void
caucus_application_load_sample (CaucusApplication *self)
{
  g_return_if_fail (CAUCUS_IS_APPLICATION (self));

  if (self->store == NULL || self->sample_loading)
    return;

  self->sample_loading = TRUE;
  self->sample_started = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_LOADING]);
  caucus_sample_load_async (self->store, NULL, sample_loaded_cb, g_object_ref (self));
}

static void
caucus_application_startup (GApplication *application)
{
  CaucusApplication *self = CAUCUS_APPLICATION (application);

  G_APPLICATION_CLASS (caucus_application_parent_class)->startup (application);

  /* Before the first window: on software OpenGL our pages draw faster with cairo. */
  caucus_renderer_choose (gdk_display_get_default ());

  /* Dark mode follows the system: prefer-light means "light unless the
   * desktop asks for dark". */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_PREFER_LIGHT);

  gtk_window_set_default_icon_name (CAUCUS_ICON_NAME);
  _caucus_application_install_actions (self);
}

/* The main window over the opened workspace (or its error), in place of the progress
 * window if that was shown. */
static void
present_workspace (CaucusApplication *self)
{
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CAUCUS_IS_WINDOW (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL)
    window = GTK_WINDOW (caucus_window_new (self));

  gtk_window_present (window);
  if (self->progress_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->progress_window));

  if (self->store_error != NULL)
    show_store_error (self, window);
  else if (self->sample_requested && !self->sample_started)
    caucus_application_load_sample (self);
}

static void
caucus_application_activate (GApplication *application)
{
  CaucusApplication *self = CAUCUS_APPLICATION (application);

  /* The first activation opens the workspace, before the window that shows it. */
  if (self->store == NULL && self->store_error == NULL && self->index_cancellable == NULL)
    open_store (self);

  if (self->index_cancellable != NULL)
    {
      show_progress_window (self);
      return;
    }

  present_workspace (self);
}

/* Quitting while the index opens: the worker stops at its next batch (what it wrote is a
 * checkpoint the next start goes on from); wait for it so that its connections are
 * closed before the process ends. */
static void
caucus_application_shutdown (GApplication *application)
{
  CaucusApplication *self = CAUCUS_APPLICATION (application);

  if (self->index_cancellable != NULL)
    {
      g_cancellable_cancel (self->index_cancellable);
      while (self->index_cancellable != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  G_APPLICATION_CLASS (caucus_application_parent_class)->shutdown (application);
}

static void
caucus_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaucusApplication *self = CAUCUS_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_DIR:
      g_value_set_string (value, self->workspace_dir);
      break;

    case PROP_SAMPLE_REQUESTED:
      g_value_set_boolean (value, self->sample_requested);
      break;

    case PROP_SAMPLE_LOADING:
      g_value_set_boolean (value, self->sample_loading);
      break;

    case PROP_INDEX_OPENING:
      g_value_set_boolean (value, self->index_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
caucus_application_finalize (GObject *object)
{
  CaucusApplication *self = CAUCUS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->workspace_dir, g_free);
  g_clear_object (&self->model_index);
  g_clear_object (&self->store);
  g_clear_object (&self->opening_store);
  g_clear_object (&self->index_cancellable);
  g_clear_error (&self->store_error);
  g_clear_object (&self->workspaces);
  g_clear_error (&self->workspaces_error);

  G_OBJECT_CLASS (caucus_application_parent_class)->finalize (object);
}

static void
caucus_application_class_init (CaucusApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = caucus_application_finalize;
  object_class->get_property = caucus_application_get_property;

  app_class->handle_local_options = caucus_application_handle_local_options;
  app_class->startup = caucus_application_startup;
  app_class->activate = caucus_application_activate;
  app_class->shutdown = caucus_application_shutdown;

  properties[PROP_WORKSPACE_DIR] =
    g_param_spec_string ("workspace-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAMPLE_REQUESTED] =
    g_param_spec_boolean ("sample-requested", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAMPLE_LOADING] =
    g_param_spec_boolean ("sample-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the model index is opened (possibly rebuilt) on a worker; the store and
   * the index are published together when it turns FALSE. */
  properties[PROP_INDEX_OPENING] =
    g_param_spec_boolean ("index-opening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
caucus_application_init (CaucusApplication *self)
{
  self->workspace_dir = g_build_filename (g_get_user_data_dir (), "caucus", NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Prepare for multi-stakeholder meetings with your coalition."));
}

CaucusApplication *
caucus_application_new (void)
{
  /* One resource path for both profiles: the .Devel id must not move the
   * templates, the CSS or the icons. */
  return g_object_new (CAUCUS_TYPE_APPLICATION,
                       "application-id", CAUCUS_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/caucusapp/Caucus",
                       NULL);
}

/**
 * caucus_application_get_workspace_dir:
 * @self: a #CaucusApplication
 *
 * Returns: the absolute path of the folder holding the workspace's data
 */
const char *
caucus_application_get_workspace_dir (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  return self->workspace_dir;
}

/**
 * caucus_application_get_sample_requested:
 * @self: a #CaucusApplication
 *
 * Returns: %TRUE if the app was started with --sample
 */
gboolean
caucus_application_get_sample_requested (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), FALSE);

  return self->sample_requested;
}

/**
 * caucus_application_get_settings:
 * @self: a #CaucusApplication
 *
 * Returns: (transfer none): the application's settings (schema id = app id)
 */
GSettings *
caucus_application_get_settings (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (CAUCUS_APP_ID);

  return self->settings;
}

/**
 * caucus_application_get_store:
 * @self: a #CaucusApplication
 *
 * Returns: (transfer none) (nullable): the workspace's store, or %NULL when it
 *   could not be opened (see caucus_application_get_store_error())
 */
CaucusStore *
caucus_application_get_store (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * caucus_application_get_model_index:
 * @self: a #CaucusApplication
 *
 * Returns: (transfer none) (nullable): the model's index over the workspace's store
 */
CaucusModelIndex *
caucus_application_get_model_index (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  return self->model_index;
}

/**
 * caucus_application_get_store_error:
 * @self: a #CaucusApplication
 *
 * Returns: (transfer none) (nullable): why the store could not be opened
 */
const GError *
caucus_application_get_store_error (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * caucus_application_get_index_opening:
 * @self: a #CaucusApplication
 *
 * Returns: %TRUE while the workspace's model index is opened or rebuilt on a worker
 *   (the store and the index are %NULL until then)
 */
gboolean
caucus_application_get_index_opening (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), FALSE);

  return self->index_cancellable != NULL;
}

/**
 * caucus_application_get_sample_loading:
 * @self: a #CaucusApplication
 *
 * Returns: %TRUE while the sample workspace is being written
 */
gboolean
caucus_application_get_sample_loading (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), FALSE);

  return self->sample_loading;
}

/**
 * caucus_application_get_workspaces:
 * @self: a #CaucusApplication
 *
 * Returns: (transfer none) (nullable): the registered workspaces, loaded on first use;
 *   %NULL when the list cannot be read (the reason is logged once)
 */
CaucusWorkspaceList *
caucus_application_get_workspaces (CaucusApplication *self)
{
  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), NULL);

  if (self->workspaces == NULL && self->workspaces_error == NULL)
    {
      self->workspaces = caucus_workspace_list_new_default (&self->workspaces_error);
      if (self->workspaces == NULL)
        g_warning ("%s", self->workspaces_error->message);
    }
  return self->workspaces;
}

/**
 * caucus_application_switch_workspace:
 * @self: a #CaucusApplication
 * @workspace: a workspace of caucus_application_get_workspaces()
 * @error: where to say why not
 *
 * Remembers @workspace as the selected one, closes the windows over the current store,
 * opens @workspace's store and a window on it.  Refused while the sample is loading.
 */
gboolean
caucus_application_switch_workspace (CaucusApplication  *self,
                                     CaucusWorkspace    *workspace,
                                     GError            **error)
{
  g_autoptr(GList) windows = NULL;

  g_return_val_if_fail (CAUCUS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (CAUCUS_IS_WORKSPACE (workspace), FALSE);

  if (self->sample_loading)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The sample workspace is still being loaded; switch when it is done"));
      return FALSE;
    }
  if (self->index_cancellable != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The workspace index is still being updated; switch when it is done"));
      return FALSE;
    }
  if (self->workspaces == NULL ||
      !caucus_workspace_list_select (self->workspaces, workspace, error))
    return FALSE;

  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));

  g_clear_object (&self->model_index);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  self->sample_started = FALSE;
  self->sample_requested = FALSE;
  g_free (self->workspace_dir);
  self->workspace_dir = g_strdup (caucus_workspace_get_dir (workspace));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE_DIR]);

  g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
  return TRUE;
}
