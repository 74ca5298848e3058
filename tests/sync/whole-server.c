/* whole-server.c — see whole-server.h */
#include "whole-server.h"
#include "caucus-server.h"
#include "sync-test-util.h"

struct _WholeServer {
  char       *data_dir;
  char       *url;
  GMainLoop  *loop;
  GThread    *thread;
  GMutex      lock;
  GCond       ready;
};

/* The server runs in the thread-default context of its own thread, so that blocking
 * replications and probes in the test thread never starve it. */
static gpointer
server_thread (gpointer data)
{
  WholeServer *ws = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusServer) server = NULL;
  GMainLoop *loop;

  g_main_context_push_thread_default (context);
  server = g_initable_new (CAUCUS_TYPE_SERVER, NULL, &error, "data-dir", ws->data_dir,
                           "log-requests", FALSE, "login-delay-ms", 0, NULL);
  g_assert_no_error (error);
  g_assert_true (caucus_server_listen (server, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  loop = g_main_loop_new (context, FALSE);
  g_mutex_lock (&ws->lock);
  ws->url = caucus_server_get_url (server);
  ws->loop = loop;
  g_cond_broadcast (&ws->ready);
  g_mutex_unlock (&ws->lock);
  g_main_loop_run (loop);
  g_clear_object (&server);
  g_main_context_pop_thread_default (context);
  return NULL;
}

WholeServer *
whole_server_start (void)
{
  g_autoptr(GError) error = NULL;
  WholeServer *ws = g_new0 (WholeServer, 1);

  g_mutex_init (&ws->lock);
  g_cond_init (&ws->ready);
  ws->data_dir = g_dir_make_tmp ("caucus-whole-server-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CaucusUsers) users = caucus_users_open (ws->data_dir, &error);
    g_assert_no_error (error);
    g_assert_true (caucus_users_add (users, "ana", "s3cret-ana", &error));
    g_assert_true (caucus_users_add (users, "zoe", "s3cret-zoe", &error));
    g_assert_true (caucus_users_db_create (users, "coalition", &error));
    g_assert_true (caucus_users_grant (users, "coalition", "ana", CAUCUS_ROLE_EDITOR, &error));
    g_assert_no_error (error);
  }
  ws->thread = g_thread_new ("caucus-server", server_thread, ws);
  g_mutex_lock (&ws->lock);
  while (ws->loop == NULL)
    g_cond_wait (&ws->ready, &ws->lock);
  g_mutex_unlock (&ws->lock);
  return ws;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
whole_server_stop (WholeServer *ws)
{
  if (ws == NULL)
    return;
  g_main_context_invoke (g_main_loop_get_context (ws->loop), quit_cb, ws->loop);
  g_thread_join (ws->thread);
  g_main_loop_unref (ws->loop);
  test_rm_rf (ws->data_dir);
  g_free (ws->data_dir);
  g_free (ws->url);
  g_mutex_clear (&ws->lock);
  g_cond_clear (&ws->ready);
  g_free (ws);
}

const char *
whole_server_get_url (WholeServer *ws)
{
  return ws->url;
}

char *
whole_server_db_url (WholeServer *ws,
                     const char  *db)
{
  return g_strdup_printf ("%s/%s", ws->url, db);
}
