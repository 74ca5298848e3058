/* caucus-sample.h — the sample workspace built from the seed documents (data/sample/).
 *
 * The sample is compiled into this library as a GResource, so the app (`caucus --sample`,
 * the "Load sample" button of an empty workspace) and `caucusctl sample` load the very
 * same documents without looking for files on disk. */
#pragma once

#include <json-glib/json-glib.h>
#include "caucus-store.h"

G_BEGIN_DECLS

typedef struct {
  guint added;     /* documents written */
  guint present;   /* documents the store already had (left untouched) */
} CaucusSampleReport;

/* The sample's documents, as a new array of JsonObject. */
GPtrArray *caucus_sample_get_documents (GError             **error);

/* Writes every sample document the store does not have yet, in one transaction.  Loading
 * twice is harmless: documents that exist (including ones the user edited or deleted since)
 * are never overwritten. */
gboolean   caucus_sample_load          (CaucusStore         *store,
                                        CaucusSampleReport  *report,
                                        GError             **error);

G_END_DECLS
