/* caucus-redline-private.h — the tokenizer shared by redlines and comment anchors. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CAUCUS_TOKEN_WORD,
  CAUCUS_TOKEN_PUNCT,
  CAUCUS_TOKEN_SPACE,
  CAUCUS_TOKEN_BREAK,   /* whitespace holding a blank line: a paragraph break */
} CaucusTokenKind;

typedef struct {
  gsize           start;   /* byte offset */
  gsize           len;     /* bytes */
  CaucusTokenKind kind;
} CaucusToken;

/* The tokens of @text[0, @len) (CaucusToken), in order, covering every byte. */
GArray *_caucus_tokenize (const char *text,
                          gsize       len);

G_END_DECLS
