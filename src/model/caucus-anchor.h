/* caucus-anchor.h — comments anchored to a passage of a statement.
 *
 * An anchor is the quoted passage plus where it was: {"quote", "paragraph", "offset"},
 * paragraph being the index of the non-empty line (a Markdown paragraph, heading or list
 * item; 0-based) and offset the character offset of the quote in it.  (A bare string
 * anchor, the quote alone, is read too.)
 *
 * Against the current text an anchor is found
 *   1. exactly: the occurrence of the quote nearest to where it was;
 *   2. fuzzily: the stretch of as many words as the quote sharing the most words with it
 *      (at least 60 %, case-insensitive, in any order), nearest to where it was among
 *      equals, trimmed to the shared words at its ends;
 *   3. or not at all: orphaned — the comment still lists, with its quote, as orphaned.
 * The stored anchor is never rewritten, so repeated edits do not make it drift. */
#pragma once

#include "caucus-document-types.h"
#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_ANCHOR_EXACT,
  CAUCUS_ANCHOR_FUZZY,
  CAUCUS_ANCHOR_ORPHANED,
} CaucusAnchorMatch;

/* The anchor for bytes [@start, @end) of @text (a new object node), or NULL with
 * @error when the range is empty, out of the text or not on character boundaries. */
JsonNode          *caucus_anchor_new_for_range (const char  *text,
                                                gsize        start,
                                                gsize        end,
                                                GError     **error);

/* Reads an anchor node; @quote is borrowed from it.  FALSE when it has no quote. */
gboolean           caucus_anchor_parse         (JsonNode    *anchor,
                                                const char **quote,
                                                guint       *paragraph,
                                                guint       *offset);

/* Where @anchor is in @text now: [@start, @end) in bytes, unless ORPHANED. */
CaucusAnchorMatch  caucus_anchor_locate        (JsonNode    *anchor,
                                                const char  *text,
                                                gsize       *start,
                                                gsize       *end);

/* Writes a comment by @author on bytes [@start, @end) of @text, the text of
 * @statement (which must be saved). */
CaucusComment     *caucus_comment_add          (CaucusStore      *store,
                                                CaucusStatement  *statement,
                                                const char       *text,
                                                gsize             start,
                                                gsize             end,
                                                const char       *body,
                                                const char       *author,
                                                GError          **error);

/* Marks @comment resolved (with "resolved_at") and saves it. */
gboolean           caucus_comment_resolve      (CaucusStore      *store,
                                                CaucusComment    *comment,
                                                const char       *who,
                                                GError          **error);

G_END_DECLS
