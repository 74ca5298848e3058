/* fuzz-rev.c — revision ids (caucus_rev_parse) and document ids
 * (caucus_store_validate_id): both read text that arrives from peers. */
#include "fuzz-common.h"
#include "caucus-store.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  guint64 gen = 0;
  const char *hash = NULL;

  if (caucus_rev_parse (text, &gen, &hash))
    {
      /* A parsed revision has a positive generation and a hash inside the text. */
      g_assert (gen > 0 || g_str_has_prefix (text, "0-"));
      g_assert (hash != NULL && hash >= text && hash <= text + strlen (text));
    }
  if (!caucus_store_validate_id (text, &error))
    g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
  return 0;
}
