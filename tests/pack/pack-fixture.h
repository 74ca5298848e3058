#pragma once

#include "caucus-pack-sources.h"

G_BEGIN_DECLS

GBytes            *pack_fixture_make_pdf     (guint       n_pages,
                                              const char *label);
CaucusPackSources *pack_fixture_new_sources  (void);
const char        *pack_fixture_json         (void);

/* Fails the test, naming the first entry, when @dir holds anything. */
void               pack_fixture_assert_dir_empty    (const char        *dir);
/* Asserts that rendering @pack_id (@home_zone: NULL for the default) to a file fails with
 * CAUCUS_PACK_ERROR @code and a message that mentions @fragment, leaving nothing behind. */
void               pack_fixture_assert_render_fails (CaucusPackSources *sources,
                                                     const char        *pack_id,
                                                     const char        *home_zone,
                                                     gint               code,
                                                     const char        *fragment);

G_END_DECLS
