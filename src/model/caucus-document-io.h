/* caucus-document-io.h — reading and writing domain documents through the store.
 *
 * Local edits are validated before they are written: an invalid document is refused
 * with every problem in the message and nothing is written.  (Documents that arrive by
 * sync or replication bypass this on purpose: they are stored and flagged.) */
#pragma once

#include "caucus-document.h"
#include "caucus-store.h"

G_BEGIN_DECLS

/* The winning revision of @id as its domain type. */
CaucusDocument *caucus_document_load   (CaucusStore    *store,
                                        const char     *id,
                                        GError        **error);
/* Validates @self, gives it an id ("<type>:<uuid>") if it has none, stamps
 * created/updated/updated_by, writes it on top of its _rev and stores the new _rev.
 * On any failure the document is left exactly as it was. */
gboolean        caucus_document_save   (CaucusDocument *self,
                                        CaucusStore    *store,
                                        const char     *who,
                                        GError        **error);
/* Writes a tombstone on top of @self's _rev and stores the tombstone's _rev. */
gboolean        caucus_document_delete (CaucusDocument *self,
                                        CaucusStore    *store,
                                        GError        **error);

G_END_DECLS
