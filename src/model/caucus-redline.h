/* caucus-redline.h — word-level redline between two texts (the one implementation).
 *
 * Texts are cut into tokens: words (letters, digits and combining marks of any script,
 * with an apostrophe inside a word kept in it), single punctuation or symbol characters,
 * runs of whitespace, and paragraph breaks (a blank line).  Scripts written without
 * spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) count each character as a
 * word.  Whitespace is compared by kind only, so re-wrapping or a double space is not a
 * change, while a new paragraph is.
 *
 * The diff goes paragraph by paragraph first (caucus_line_diff), then word by word
 * (Myers) inside the paragraphs that changed, so a long statement with a few edited
 * paragraphs costs little.  The result is made readable: within one change the deletion
 * comes before the insertion, and a stretch of only spaces or punctuation between two
 * changes is folded into them ("[-the quick-]{+a slow+}" rather than three changes). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CAUCUS_REDLINE_EQUAL,
  CAUCUS_REDLINE_DELETE,
  CAUCUS_REDLINE_INSERT,
} CaucusRedlineOp;

typedef struct {
  CaucusRedlineOp  op;
  char            *text;   /* exact text: from the new side for EQUAL and INSERT */
} CaucusRedlineRun;

typedef enum {
  CAUCUS_REDLINE_FLAGS_NONE        = 0,
  /* Widen every change to whole space-separated words ("[-fox-]{+fox.+}" instead of
   * "fox{+.+}"), for renderers that set each run as space-separated words. */
  CAUCUS_REDLINE_FLAGS_WHOLE_WORDS = 1 << 0,
} CaucusRedlineFlags;

/* The runs turning @old_text into @new_text (CaucusRedlineRun*, freed with the array).
 * Concatenating the EQUAL and DELETE runs gives @old_text up to whitespace; EQUAL and
 * INSERT give @new_text exactly.  NULL counts as "". */
GPtrArray *caucus_redline_compute      (const char         *old_text,
                                        const char         *new_text,
                                        CaucusRedlineFlags  flags);

/* Words inserted and deleted (what a "12 words added, 3 removed" summary shows). */
void       caucus_redline_count_words  (GPtrArray          *runs,
                                        guint              *n_inserted,
                                        guint              *n_deleted);
gboolean   caucus_redline_has_changes  (GPtrArray          *runs);

/* HTML: one <p> per paragraph, <ins>/<del> around changes, text escaped, single line
 * breaks as <br>.  For briefing packs, mail and the clipboard. */
char      *caucus_redline_to_html      (GPtrArray          *runs);
/* Markdown with CriticMarkup marks: {++inserted++} and {--deleted--}, never spanning a
 * paragraph break, so the text stays readable Markdown. */
char      *caucus_redline_to_markdown  (GPtrArray          *runs);

/* Number of words (as the redline counts them) in @text: the editor's word count. */
guint      caucus_text_count_words     (const char         *text);

G_END_DECLS
