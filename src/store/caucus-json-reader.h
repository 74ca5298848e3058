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

/* A scanner: the same reader one token at a time, for answers whose envelope is read as it
 * goes (a changes feed, a _bulk_get answer) while only some values become trees.  The
 * grammar, limits and errors are exactly caucus_json_read()'s, which is built on it. */
typedef enum {
  CAUCUS_JSON_BEGIN_OBJECT,
  CAUCUS_JSON_END_OBJECT,
  CAUCUS_JSON_BEGIN_ARRAY,
  CAUCUS_JSON_END_ARRAY,
  CAUCUS_JSON_STRING,
  CAUCUS_JSON_INT,       /* an integer that fits in a gint64 */
  CAUCUS_JSON_DOUBLE,    /* every other number */
  CAUCUS_JSON_BOOLEAN,
  CAUCUS_JSON_NULL,
  CAUCUS_JSON_END,       /* the value is over and nothing but spaces follows */
  CAUCUS_JSON_ERROR,     /* with the error set; every later call is an error too */
} CaucusJsonToken;

typedef struct _CaucusJsonScanner CaucusJsonScanner;

/* Scans @data[0..@length) (not necessarily NUL-terminated; it must outlive the scanner). */
CaucusJsonScanner *caucus_json_scanner_new        (const char         *data,
                                                   gsize               length,
                                                   guint               max_depth);
/* Starts over on other text, keeping the scanner's buffers (one scanner for many values). */
void               caucus_json_scanner_reset      (CaucusJsonScanner  *self,
                                                   const char         *data,
                                                   gsize               length);
void               caucus_json_scanner_free       (CaucusJsonScanner  *self);
/* The next token.  After the whole value: CAUCUS_JSON_END, or an error when more text
 * follows. */
CaucusJsonToken    caucus_json_scanner_next       (CaucusJsonScanner  *self,
                                                   GError            **error);
/* For the value (or BEGIN token) next() just returned: its member name when it is a member
 * of an object, else NULL.  Valid until the next call. */
const char        *caucus_json_scanner_get_key    (CaucusJsonScanner  *self);
/* The value of a STRING (valid until the next call), INT, DOUBLE or BOOLEAN token. */
const char        *caucus_json_scanner_get_string (CaucusJsonScanner  *self);
gint64             caucus_json_scanner_get_int    (CaucusJsonScanner  *self);
double             caucus_json_scanner_get_double (CaucusJsonScanner  *self);
gboolean           caucus_json_scanner_get_boolean (CaucusJsonScanner *self);
/* The byte offset just past the token next() returned last: after a BEGIN token its '{' or
 * '[' is at offset - 1, after an END token its '}' or ']' is at offset - 1 (so a container's
 * text is [offset after BEGIN - 1, offset after its END)). */
gsize              caucus_json_scanner_get_offset (CaucusJsonScanner  *self);
/* How many containers are open (1 inside the root object or array). */
guint              caucus_json_scanner_get_depth  (CaucusJsonScanner  *self);
/* The value whose first token @first next() just returned (a scalar, or a BEGIN token:
 * then everything up to the container's end is read) as a tree; NULL with @error. */
JsonNode          *caucus_json_scanner_build      (CaucusJsonScanner  *self,
                                                   CaucusJsonToken     first,
                                                   GError            **error);
/* Reads past the value whose first token @first next() just returned, building nothing. */
gboolean           caucus_json_scanner_skip       (CaucusJsonScanner  *self,
                                                   CaucusJsonToken     first,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusJsonScanner, caucus_json_scanner_free)

G_END_DECLS
