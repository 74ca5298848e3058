/* caucus-pack-diff.h — the pack's view of a redline: runs of whole words.
 *
 * The diff itself is the model layer's (caucus-redline.h); this adapter hands it to the
 * pack renderers in the shape they lay out: each run's words joined by single spaces,
 * with "\n\n" where a paragraph breaks, and changes widened to whole words. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CAUCUS_DIFF_EQUAL,
  CAUCUS_DIFF_INSERT,
  CAUCUS_DIFF_DELETE,
} CaucusDiffOp;

typedef struct
{
  CaucusDiffOp op;
  char        *text;   /* the words of this run, joined by single spaces */
} CaucusDiffChunk;

/* CaucusDiffChunk*, freed with the array. */
GPtrArray *caucus_pack_diff_words (const char *old_text,
                                   const char *new_text);

G_END_DECLS
