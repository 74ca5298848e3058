#pragma once

#include "caucus-store.h"
#include "caucus-pack-sources.h"

G_BEGIN_DECLS

CaucusPackSources *caucus_pack_sources_new_from_store (CaucusStore  *store,
                                                       const char   *pack_id,
                                                       GError      **error);
CaucusPackSources *caucus_pack_sources_new_for_event  (CaucusStore  *store,
                                                       const char   *event_id,
                                                       char        **pack_id,
                                                       GError      **error);

G_END_DECLS
