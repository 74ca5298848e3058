/* caucus-cli.c — global options, command dispatch, shared output helpers. */
#include "caucus-cli.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

CaucusStore *
caucus_cli_context_get_store (CaucusCliContext *ctx,
                              GError          **error)
{
  if (ctx->store == NULL)
    ctx->store = caucus_store_open (ctx->store_path, error);
  return ctx->store;
}

void
caucus_cli_print_json (JsonNode *node)
{
  g_autofree char *text = caucus_json_to_string (node, NULL);

  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
caucus_cli_print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  caucus_cli_print_json (node);
}

int
caucus_cli_fail (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* one line, whatever the message holds */
  g_strdelimit (line, "\n\r", ' ');
  fprintf (stderr, "caucusctl: %s\n", line);
  return CAUCUS_CLI_EXIT_ERROR;
}

int
caucus_cli_usage_error (const char *command,
                        const char *format,
                        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (command != NULL)
    fprintf (stderr, "caucusctl: %s: %s (see caucusctl %s --help)\n", command, message, command);
  else
    fprintf (stderr, "caucusctl: %s (see caucusctl --help)\n", message);
  return CAUCUS_CLI_EXIT_USAGE;
}

char *
caucus_cli_read_input (const char *path,
                       gsize      *length,
                       GError    **error)
{
  char *contents = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        {
          g_prefix_error (error, "Could not read standard input: ");
          return NULL;
        }
      *length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      /* NUL-terminate */
      contents = g_malloc (*length + 1);
      memcpy (contents, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), *length);
      contents[*length] = '\0';
      return contents;
    }
  if (!g_file_get_contents (path, &contents, length, error))
    return NULL;
  return contents;
}

static void
print_commands (FILE *stream)
{
  fprintf (stream,
           "Usage: caucusctl [--store PATH] COMMAND [OPTIONS…] [ARGUMENTS…]\n"
           "\n"
           "The Caucus command line: documents in CouchDB's JSON shapes on stdout,\n"
           "errors as one line on stderr; exit 0 ok, 1 error, 2 usage.\n"
           "\n"
           "Global options:\n"
           "  --store PATH   the store file (default: $CAUCUS_STORE)\n"
           "  --help         this help; COMMAND --help for a command's\n"
           "  --version      the Caucus version\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; caucus_cli_commands[i] != NULL; i++)
    fprintf (stream, "  %-12s %s\n", caucus_cli_commands[i]->name, caucus_cli_commands[i]->summary);
}

static const CaucusCliCommand *
find_command (const char *name)
{
  for (guint i = 0; caucus_cli_commands[i] != NULL; i++)
    if (strcmp (caucus_cli_commands[i]->name, name) == 0)
      return caucus_cli_commands[i];
  return NULL;
}

static int
run_command (const CaucusCliCommand *command,
             CaucusCliContext       *ctx,
             int                     argc,
             char                  **argv)
{
  g_autofree char *parameter_string = g_strdup_printf ("%s%s— %s", command->parameters,
                                                       *command->parameters != '\0' ? " " : "",
                                                       command->summary);
  g_autoptr(GOptionContext) options = g_option_context_new (parameter_string);
  g_autofree char *prgname = g_strdup_printf ("caucusctl %s", command->name);
  g_autoptr(GError) error = NULL;
  char **args;
  guint n_args;

  g_set_prgname (prgname);
  if (command->run_raw != NULL)
    {
      if (command->needs_store && ctx->store_path == NULL)
        return caucus_cli_usage_error (command->name, "No store given: use --store PATH before "
                                       "the command, or set CAUCUS_STORE");
      return command->run_raw (ctx, argc, argv);
    }
  if (command->entries != NULL)
    g_option_context_add_main_entries (options, command->entries, NULL);
  if (command->description != NULL)
    g_option_context_set_description (options, command->description);
  /* parse from argv[0] = the command name; positional arguments remain */
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return caucus_cli_usage_error (command->name, "%s", error->message);

  args = argv + 1;
  n_args = (guint) argc - 1;
  for (guint i = 0; i < n_args; i++)
    if (strcmp (args[i], "--") != 0 && args[i][0] == '-' && args[i][1] != '\0')
      return caucus_cli_usage_error (command->name, "Unknown option %s", args[i]);
  if (n_args > 0 && strcmp (args[0], "--") == 0)
    {
      args++;
      n_args--;
    }
  if (n_args < command->min_args)
    return caucus_cli_usage_error (command->name, "Missing %s", command->parameters);
  if (n_args > command->max_args)
    return caucus_cli_usage_error (command->name, "Too many arguments (“%s”)", args[command->max_args]);
  for (guint i = 0; i < n_args; i++)
    if (!g_utf8_validate (args[i], -1, NULL))
      return caucus_cli_usage_error (command->name, "Argument %u is not valid UTF-8", i + 1);
  if (command->needs_store && ctx->store_path == NULL)
    return caucus_cli_usage_error (command->name, "No store given: use --store PATH before the "
                                   "command, or set CAUCUS_STORE");
  return command->run (ctx, args, n_args);
}

int
caucus_cli_main (int    argc,
                 char **argv)
{
  CaucusCliContext ctx = { NULL, NULL };
  const CaucusCliCommand *command;
  int i = 1;
  int status;

  setlocale (LC_ALL, "");
  /* Packs print headings in the reader's language. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  ctx.store_path = g_getenv ("CAUCUS_STORE");

  /* global options come before the command */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--store") == 0)
        {
          if (i + 1 >= argc || *argv[i + 1] == '\0')
            return caucus_cli_usage_error (NULL, "--store needs a PATH");
          ctx.store_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--store="))
        {
          ctx.store_path = argv[i] + strlen ("--store=");
          if (*ctx.store_path == '\0')
            return caucus_cli_usage_error (NULL, "--store needs a PATH");
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_commands (stdout);
          return CAUCUS_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("caucusctl %s\n", CAUCUS_VERSION);
          return CAUCUS_CLI_EXIT_OK;
        }
      else
        return caucus_cli_usage_error (NULL, "Unknown global option %s", argv[i]);
    }
  if (i >= argc)
    {
      print_commands (stderr);
      return CAUCUS_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[i], "help") == 0)
    {
      if (i + 1 < argc && find_command (argv[i + 1]) != NULL)
        {
          char *help_argv[] = { argv[i + 1], (char *) "--help", NULL };
          return run_command (find_command (argv[i + 1]), &ctx, 2, help_argv);
        }
      print_commands (stdout);
      return CAUCUS_CLI_EXIT_OK;
    }
  command = find_command (argv[i]);
  if (command == NULL)
    return caucus_cli_usage_error (NULL, "Unknown command “%s”", argv[i]);

  status = run_command (command, &ctx, argc - i, argv + i);
  g_clear_object (&ctx.store);
  return status;
}
