/* main.c — caucusctl: the headless command line of Caucus. */
#include "caucus-cli.h"

int
main (int   argc,
      char *argv[])
{
  return caucus_cli_main (argc, argv);
}
