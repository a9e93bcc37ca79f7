/* rpsim subcommands. Each lives in its own file with its description
 * (struct cli_command, shown by --help and in 'rpsim --help') and is
 * listed in the command table in main.c; each parses its command line
 * with an option table (opts.h). Exit status convention for all of them:
 * 0 success / all expectations met, 1 an expectation failed (or the
 * simulated program reported failure), 2 bad input (command line, file). */
#ifndef RPSIM_CLI_H
#define RPSIM_CLI_H

#include "sim/cli/opts.h"

#include "sim/core/exit.h"

/* argv[0] is the subcommand name. */
typedef int (*rpsim_cmd_fn)(int argc, char **argv);

struct rpsim_command {
	const struct cli_command *cli; /* name, synopsis, summary, help */
	rpsim_cmd_fn fn;
};

int cmd_run(int argc, char **argv);
extern const struct cli_command cmd_run_cli;
int cmd_test(int argc, char **argv);
extern const struct cli_command cmd_test_cli;
int cmd_inspect(int argc, char **argv);
extern const struct cli_command cmd_inspect_cli;
int cmd_exec(int argc, char **argv);
extern const struct cli_command cmd_exec_cli;
int cmd_trace(int argc, char **argv);
extern const struct cli_command cmd_trace_cli;
int cmd_view(int argc, char **argv);      /* rpsim: runs rpsim-view (view_exec.c) */
int cmd_view_main(int argc, char **argv); /* rpsim-view: the viewer (cmd_view.c) */
extern const struct cli_command cmd_view_cli;
int cmd_dts(int argc, char **argv);
extern const struct cli_command cmd_dts_cli;

#endif
