/* caucus-bench-data.h — a deterministic generator of realistic Caucus documents for
 * benchmarks: organisations, people, events and statements shaped as in DOMAIN.md, with
 * names and text in Latin (with accents), Arabic, Chinese and Cyrillic scripts and field
 * sizes like the seed documents'.  Same seed, same documents. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _CaucusBenchData CaucusBenchData;

CaucusBenchData *caucus_bench_data_new        (guint32          seed);
void             caucus_bench_data_free       (CaucusBenchData *data);
/* Document number @index (ids are "<type>:<index>"); the mix is about 15% org, 40% person,
 * 35% event, 10% statement.  Links name documents of lower index (a person's org_id, an
 * event's roles' person_id, a session's parent_id: one conference every 1,000 documents),
 * so that they resolve in a store filled from 0 up, whatever its size.  Has _id but no
 * _rev. */
JsonObject      *caucus_bench_data_document   (CaucusBenchData *data,
                                               guint            index);
/* Document number @index as a peer replicates it (bulk_docs with new_edits=false): with
 * _rev and _revisions, a history of two revisions; one document in 50 is a tombstone
 * (deleted at generation 3) and one in 40 a conflict (two leaves at generation 2 on the
 * same parent, one with an edited name or title).  Appends to @into what to write and
 * returns how many objects it appended. */
guint            caucus_bench_data_replicated (CaucusBenchData *data,
                                               guint            index,
                                               JsonArray       *into);
/* A search-as-you-type query: one or two words from the generated vocabulary, the last
 * one cut to a prefix of 3–6 characters. */
char            *caucus_bench_data_query      (CaucusBenchData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaucusBenchData, caucus_bench_data_free)

G_END_DECLS
