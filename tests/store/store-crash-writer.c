/* store-crash-writer.c — helper of test-store-crash: writes batches of documents into
 * the store given as argv[1], starting at document number argv[2], and after every
 * commit prints "ack N" (every document below N is committed).  Runs until killed. */
#include <stdio.h>
#include <stdlib.h>

#include "caucus-store.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaucusStore) store = NULL;
  guint64 next;

  if (argc != 3)
    {
      g_printerr ("usage: store-crash-writer STORE START\n");
      return 2;
    }
  store = caucus_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("store-crash-writer: %s\n", error->message);
      return 1;
    }
  next = g_ascii_strtoull (argv[2], NULL, 10);
  for (;;)
    {
      guint batch = 50 + g_random_int_range (0, 200);

      if (!caucus_store_begin (store, &error))
        break;
      for (guint i = 0; i < batch; i++, next++)
        {
          g_autofree char *json = NULL;
          g_autoptr(JsonObject) doc = NULL;

          /* deterministic revisions: a batch re-sent after a kill is a no-op */
          json = g_strdup_printf ("{\"_id\":\"c%06" G_GUINT64_FORMAT "\",\"_rev\":\"1-%032" G_GINT64_MODIFIER "x\","
                                  "\"type\":\"person\",\"name\":\"Crash Test %" G_GUINT64_FORMAT " Genève\","
                                  "\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\","
                                  "\"data\":\"aGVsbG8gd29ybGQ=\"}}}", next, next, next);
          doc = caucus_json_parse_object (json, -1, CAUCUS_JSON_MAX_DEPTH, &error);
          if (doc == NULL || !caucus_store_put_with_history (store, doc, &error))
            goto fail;
        }
      if (!caucus_store_commit (store, &error))
        break;
      printf ("ack %" G_GUINT64_FORMAT "\n", next);
      fflush (stdout);
    }
fail:
  g_printerr ("store-crash-writer: %s\n", error != NULL ? error->message : "stopped");
  return 1;
}
