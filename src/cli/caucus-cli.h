/* caucus-cli.h — the caucusctl command framework.
 *
 * Each subcommand is one CaucusCliCommand in its own file (caucus-cli-<name>.c), listed
 * once in caucus-cli-commands.c.  The framework parses the global options and the
 * command's GOptionEntry table, opens the store on demand, prints JSON, and maps
 * failures to the exit codes scripts rely on. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "caucus-store.h"

G_BEGIN_DECLS

typedef enum {
  CAUCUS_CLI_EXIT_OK    = 0,
  CAUCUS_CLI_EXIT_ERROR = 1,   /* the command ran and failed: not found, conflict, I/O … */
  CAUCUS_CLI_EXIT_USAGE = 2,   /* the command line itself is wrong */
} CaucusCliExit;

typedef struct {
  const char *store_path;      /* --store PATH (or $CAUCUS_STORE) */
  CaucusStore *store;          /* opened by caucus_cli_context_get_store() */
} CaucusCliContext;

typedef struct {
  const char   *name;          /* "get" */
  const char   *parameters;    /* "ID" — shown in --help */
  const char   *summary;       /* one line, shown in the command list and --help */
  const char   *description;   /* optional longer text for --help, or NULL */
  GOptionEntry *entries;       /* the command's options (static storage), or NULL */
  gboolean      needs_store;   /* fail with a usage error when no --store was given */
  guint         min_args;      /* positional arguments after the options */
  guint         max_args;
  /* @args: the positional arguments (NULL-terminated, @n_args of them).  Returns a
   * CaucusCliExit; on failure it has already printed the error (caucus_cli_fail). */
  int         (*run)          (CaucusCliContext *ctx,
                               char            **args,
                               guint             n_args);
  /* Instead of @run, for a command whose option parsing lives in its own layer (sync):
   * gets the command's argv untouched (@argv[0] is the command name). */
  int         (*run_raw)      (CaucusCliContext *ctx,
                               int               argc,
                               char            **argv);
} CaucusCliCommand;

/* NULL-terminated, in the order `caucusctl --help` lists them (caucus-cli-commands.c). */
extern const CaucusCliCommand *const caucus_cli_commands[];

int           caucus_cli_main                (int               argc,
                                              char            **argv);
CaucusStore  *caucus_cli_context_get_store   (CaucusCliContext *ctx,
                                              GError          **error);
/* Prints @node as compact JSON and a newline on stdout. */
void          caucus_cli_print_json          (JsonNode         *node);
void          caucus_cli_print_object        (JsonObject       *object);
/* Prints "caucusctl: <message>" on stderr and returns CAUCUS_CLI_EXIT_ERROR. */
int           caucus_cli_fail                (const GError     *error);
/* Prints "caucusctl: <command>: <message>" and a hint; returns CAUCUS_CLI_EXIT_USAGE. */
int           caucus_cli_usage_error         (const char       *command,
                                              const char       *format,
                                              ...) G_GNUC_PRINTF (2, 3);
/* Reads a whole file, or stdin for "-". */
char         *caucus_cli_read_input          (const char       *path,
                                              gsize            *length,
                                              GError          **error);

G_END_DECLS
