/* caucus-statement-saver.h — the editor's autosave, written on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A statement's text is written by caucus_statement_save_text (validated save, merge
 * with edits saved elsewhere, search index) on one worker thread that has its own store
 * connection (caucus_store_open_worker), so a 20,000-word save does not hold up the
 * frame being drawn.  One write is in flight at a time.  Its result is delivered on the
 * main thread exactly once: from an idle callback, or at once from
 * caucus_statement_saver_wait(), which the editor calls before any synchronous write
 * (close, a version, a status change, a signature), so writes never overtake each other. */
#pragma once

#include <glib-object.h>

#include "caucus-document-types.h"
#include "caucus-store.h"

G_BEGIN_DECLS

#define CAUCUS_TYPE_STATEMENT_SAVER (caucus_statement_saver_get_type ())
G_DECLARE_FINAL_TYPE (CaucusStatementSaver, caucus_statement_saver, CAUCUS, STATEMENT_SAVER, GObject)

/* Called on the main thread when a write finished: @saved is the statement as written
 * (its new _rev), @saved_text the text stored (differs from the text given when edits
 * saved elsewhere were merged in); on failure both are NULL and @error says why. */
typedef void (*CaucusStatementSaverDone) (CaucusStatement *saved,
                                          const char      *text,
                                          const char      *saved_text,
                                          const GError    *error,
                                          gpointer         user_data);

CaucusStatementSaver *caucus_statement_saver_new       (CaucusStore              *store);
CaucusStore          *caucus_statement_saver_get_store (CaucusStatementSaver     *self);
/* TRUE while a write is in flight or its result not yet delivered. */
gboolean              caucus_statement_saver_is_busy   (CaucusStatementSaver     *self);
/* Starts writing @text as the body of a copy of @statement (@base: the text last
 * written, the base of a merge).  Refused (FALSE) while busy. */
gboolean              caucus_statement_saver_start     (CaucusStatementSaver     *self,
                                                        CaucusStatement          *statement,
                                                        const char               *base,
                                                        char                     *text,
                                                        const char               *who,
                                                        CaucusStatementSaverDone  done,
                                                        gpointer                  user_data);
/* Blocks until the write in flight (if any) finished and delivers its result now. */
void                  caucus_statement_saver_wait      (CaucusStatementSaver     *self);
/* Main-thread time the last start took (copying the document), in microseconds. */
gint64                caucus_statement_saver_get_last_start_usec (CaucusStatementSaver *self);

G_END_DECLS
