/* test-main-context.c — caucus_main_context_call(): a worker thread hands a call to
 * another thread's main context.
 *
 * The case that matters is the last call of a piece of work: its owner runs it, drops
 * its last reference to the context and frees it, while the worker thread may still be
 * inside g_source_unref(), which locks the source's context.  GLib is not built with the
 * sanitizers, so ASan does not see that use of freed memory; Valgrind found it in the
 * replicator's sync wrapper (test-faults, which crashed once in CI with "malloc():
 * unaligned tcache chunk detected").  Without the helper's reference, the second test
 * here hangs (a freed mutex taken) or crashes in 5 runs out of 6. */
#include "caucus-main-context.h"

typedef struct {
  GMainContext *context;
  gint          priority;
  gboolean      ran;
  gboolean      ran_in_owner;
  GThread      *owner;
  guint         released;
} Round;

static gboolean
call_cb (gpointer data)
{
  Round *round = data;
  GSource *source = g_main_current_source ();

  round->ran = TRUE;
  round->ran_in_owner = g_thread_self () == round->owner;
  round->priority = source != NULL ? g_source_get_priority (source) : 0;
  return G_SOURCE_REMOVE;
}

static void
release_cb (gpointer data)
{
  Round *round = data;

  round->released++;
}

static gpointer
caller_thread (gpointer data)
{
  Round *round = data;

  caucus_main_context_call (round->context, G_PRIORITY_HIGH_IDLE, "[test] call",
                            call_cb, round, release_cb);
  return NULL;
}

/* The call runs once, in the context's own thread, at the priority asked for, and its
 * data is released once. */
static void
test_call_runs_in_owner (void)
{
  Round round = { .owner = g_thread_self () };
  GThread *thread;

  round.context = g_main_context_new ();
  thread = g_thread_new ("caller", caller_thread, &round);
  g_thread_join (thread);
  g_assert_false (round.ran);
  while (g_main_context_pending (round.context))
    g_main_context_iteration (round.context, FALSE);
  g_assert_true (round.ran);
  g_assert_true (round.ran_in_owner);
  g_assert_cmpint (round.priority, ==, G_PRIORITY_HIGH_IDLE);
  g_assert_cmpuint (round.released, ==, 1);
  g_main_context_unref (round.context);
}

/* The owner frees its context the moment the call has run, while the caller may still
 * be in GLib.  The owner spins on its context instead of sleeping in poll(), so that it
 * dispatches the call as soon as the caller has queued it; and many rounds, so that some
 * land in that window. */
static void
test_owner_frees_context (void)
{
  guint rounds = g_test_slow () ? 20000 : 2000;

  for (guint i = 0; i < rounds; i++)
    {
      Round round = { .owner = g_thread_self () };
      GThread *thread;

      round.context = g_main_context_new ();
      thread = g_thread_new ("caller", caller_thread, &round);
      while (!round.ran)
        g_main_context_iteration (round.context, FALSE);
      g_main_context_unref (round.context);   /* the owner's last reference */
      g_thread_join (thread);
      g_assert_cmpuint (round.released, ==, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/main-context/call-runs-in-owner", test_call_runs_in_owner);
  g_test_add_func ("/main-context/owner-frees-context", test_owner_frees_context);
  return g_test_run ();
}
