/* test-store-crash.c — kill a writer process with SIGKILL in the middle of its
 * transactions, over and over, and check that the store is intact and holds every
 * write the writer acknowledged. */
#include "store-test-util.h"

#include <signal.h>
#include <stdlib.h>

#define ROUNDS 20

static void
test_crash_loop (StoreFixture *f, gconstpointer data)
{
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-crash-writer", NULL);
  guint64 acked = 0;
  g_autoptr(GError) error = NULL;

  /* the fixture's own connection must not hold the file while the children write */
  g_clear_object (&f->store);

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autofree char *start = g_strdup_printf ("%" G_GUINT64_FORMAT, acked);
      const char *argv[] = { writer, f->path, start, NULL };
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      guint wanted = (guint) g_random_int_range (1, 4);
      guint seen = 0;

      child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      while (seen < wanted)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (line);   /* the writer must not die by itself */
          g_assert_true (g_str_has_prefix (line, "ack "));
          acked = MAX (acked, g_ascii_strtoull (line + 4, NULL, 10));
          seen++;
        }
      /* let it get into its next transaction, then kill it without warning */
      g_usleep (g_random_int_range (0, 20000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      /* read what it acknowledged before dying */
      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, NULL);
          if (line == NULL)
            break;
          if (g_str_has_prefix (line, "ack "))
            acked = MAX (acked, g_ascii_strtoull (line + 4, NULL, 10));
        }
      g_test_message ("round %d: %" G_GUINT64_FORMAT " documents acknowledged", round, acked);
    }

  f->store = caucus_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (caucus_store_integrity_check (f->store, &error));
  g_assert_no_error (error);
  for (guint64 i = 0; i < acked; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%06" G_GUINT64_FORMAT, i);
      g_autoptr(JsonObject) doc = caucus_store_get (f->store, id, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc);
    }
  {
    g_autoptr(GPtrArray) hits = caucus_store_search (f->store, "geneve", NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >=, acked);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/crash-loop", StoreFixture, NULL, store_fixture_setup, test_crash_loop,
              store_fixture_teardown);
  return g_test_run ();
}
