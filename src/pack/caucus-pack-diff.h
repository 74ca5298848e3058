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

GPtrArray *caucus_pack_diff_words (const char *old_text,
                                   const char *new_text);

G_END_DECLS
