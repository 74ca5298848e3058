/* cli-test-util.h — what every test of the real caucusctl binary needs: a temporary
 * folder with a store path, the binary from the build, and a run that captures the exit
 * status, stdout and stderr. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;      /* a fresh temporary folder, removed with everything in it */
  char *store;    /* dir/store.db */
  char *binary;   /* the caucusctl of this build */
} CliFixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} CliResult;

void        cli_fixture_setup     (CliFixture   *f,
                                   const char   *name);
void        cli_fixture_teardown  (CliFixture   *f);
void        cli_result_clear      (CliResult    *r);
/* A fixture and a store whose file is named @store_name (e.g. "workspace.caucus"). */
void        cli_fixture_setup_named (CliFixture *f,
                                     const char *name,
                                     const char *store_name);
/* caucusctl --store STORE FIRST…, NULL-terminated; CAUCUS_STORE is unset for the child. */
CliResult   cli_run_with_store    (CliFixture   *f,
                                   const char   *store,
                                   const char   *first,
                                   ...) G_GNUC_NULL_TERMINATED;
CliResult   cli_run_with_store_va (CliFixture   *f,
                                   const char   *store,
                                   const char   *first,
                                   va_list       ap);
/* caucusctl FIRST…, NULL-terminated, with no --store added; @input (may be NULL) is fed
 * on stdin.  CAUCUS_STORE is unset for the child. */
CliResult   cli_run               (CliFixture   *f,
                                   const char   *input,
                                   const char   *first,
                                   ...) G_GNUC_NULL_TERMINATED;
/* stdout parsed as one JSON object (asserts that it is one). */
JsonObject *cli_parse_output      (const CliResult *r);
/* report.counts.NAME of an import report. */
gint64      cli_report_count      (JsonObject   *report,
                                   const char   *name);
/* doc_count of `caucusctl --store STORE info` (exit status 0 asserted). */
gint64      cli_doc_count         (CliFixture   *f,
                                   const char   *store);
/* A refusal: nothing on stdout, one line on stderr starting "caucusctl: ". */
void        cli_assert_one_error_line (const CliResult *r);

G_END_DECLS
