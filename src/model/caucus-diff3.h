/* caucus-diff3.h — three-way merge of text by lines (diff3).
 *
 * Lines are the unit (a Markdown paragraph is one line or a few): edits to different
 * lines merge; edits to the same lines, or insertions at the same place, that differ are
 * true conflicts.  The result does not depend on which side is "ours" (swapping the sides
 * swaps ours/theirs in the conflicts and nothing else). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  guint  base_line;   /* 0-based line in the base where the conflicting region starts */
  guint  base_lines;  /* how many base lines it covers (0: competing insertions) */
  char  *base;        /* the base text of the region */
  char  *ours;
  char  *theirs;
} CaucusTextConflict;

#define CAUCUS_TYPE_TEXT_CONFLICT (caucus_text_conflict_get_type ())
GType               caucus_text_conflict_get_type (void) G_GNUC_CONST;
CaucusTextConflict *caucus_text_conflict_copy     (const CaucusTextConflict *conflict);
void                caucus_text_conflict_free     (CaucusTextConflict       *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusTextConflict, caucus_text_conflict_free)

/* Returns TRUE and sets @merged when every edit merges; otherwise FALSE and sets
 * @conflicts to the CaucusTextConflict* regions (in base order).  Either out-parameter
 * may be NULL. */
gboolean caucus_diff3_merge (const char  *base,
                             const char  *ours,
                             const char  *theirs,
                             char       **merged,
                             GPtrArray  **conflicts);

/* A line diff of @old → @new as (old_start, old_end, new_start, new_end) quadruples of
 * changed regions, guint each (exposed for redlines and tests). */
GArray  *caucus_line_diff   (const char  *old_text,
                             const char  *new_text);

G_END_DECLS
