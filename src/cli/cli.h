/* cli.h — the operator's subcommands that are more than a call or two
 * (main.c dispatches to them). Each parses its own arguments, prints its
 * results on stdout and its errors on stderr, and returns the exit code. */
#ifndef MIDAD_CLI_H
#define MIDAD_CLI_H

#include "store/store.h"

/* midad comments list|approve|spam|trash|stats …  (argv[0] is "comments") */
int cli_comments(int argc, char **argv);

/* midad user add|passwd|disable|enable|list …  (argv[0] is "user") */
int cli_user(int argc, char **argv);

/* midad related rebuild|pin|exclude|unpin|show …  (argv[0] is "related") */
int cli_related(int argc, char **argv);

/* Recompute every "see also" list of the open store s with one thread per
 * core, a progress bar on a terminal and the time taken on stdout (what
 * `midad related rebuild` does; `midad import md` uses it after many
 * files). Returns the exit code. */
int cli_related_rebuild(store *s);

/* midad duplicates [--db FILE]: the near-duplicate clusters  (argv[0] is "duplicates") */
int cli_duplicates(int argc, char **argv);

#endif
