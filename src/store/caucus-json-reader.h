/* caucus-json-reader.h — a strict, non-recursive JSON reader for what servers answer and
 * clients send.
 *
 * In the store layer (moved from src/sync in session 3) so that both the replicator and
 * caucus-server, which may only use the store, read JSON with it.  The replicator reads
 * every answer of a remote through this, and caucus-server every request body, instead of
 * json-glib's JsonParser: it builds the same JsonNode trees (so the validation code and the store take
 * them unchanged), but in one pass over the bytes without a tokenizer object per call,
 * with an explicit stack (so nesting is bounded by @max_depth instead of by the C stack),
 * and it refuses everything RFC 8259 refuses (comments, trailing commas, leading zeros,
 * single quotes, bare words, bad escapes, lone surrogates, control characters in strings,
 * invalid UTF-8, anything after the value).  Why it is hand-written: docs/layers/sync.md,
 * "The JSON reader"; tests/sync/test-json-reader.c and the libFuzzer target
 * tests/fuzz/fuzz-json-reader.c check it against json-glib.
 *
 * Numbers: an integer literal that fits in a gint64 becomes an int node; every other
 * number (fractions, exponents, integers beyond 64 bits) a double node, as json-glib does
 * for the first two.  Non-finite results (1e400) are refused.  Strings holding U+0000 are
 * refused: JsonNode strings are C strings and would silently lose everything after it.
 * Duplicate member names: the last one wins, as with JsonParser.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAUCUS_JSON_READER_ERROR (caucus_json_reader_error_quark ())

typedef enum {
  CAUCUS_JSON_READER_ERROR_SYNTAX,   /* not JSON, or not valid UTF-8 */
  CAUCUS_JSON_READER_ERROR_DEPTH,    /* nested deeper than allowed */
} CaucusJsonReaderError;

GQuark    caucus_json_reader_error_quark (void);

/* Reads the JSON value in @data[0..@length) (it need not be NUL-terminated).  Returns a
 * new tree, or NULL with an error naming the byte offset and what is wrong there. */
JsonNode *caucus_json_read               (const char  *data,
                                          gsize        length,
                                          guint        max_depth,
                                          GError     **error);

G_END_DECLS
