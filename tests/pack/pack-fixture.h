#pragma once

#include "caucus-pack-sources.h"

G_BEGIN_DECLS

GBytes            *pack_fixture_make_pdf     (guint       n_pages,
                                              const char *label);
CaucusPackSources *pack_fixture_new_sources  (void);
const char        *pack_fixture_json         (void);

G_END_DECLS
