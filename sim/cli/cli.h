/* rpsim subcommands. Each lives in its own file and is listed in the
 * command table in sim/main.c. Exit status convention for all of them:
 * 0 success / all expectations met, 1 an expectation failed (or the
 * simulated program reported failure), 2 bad input (command line, file). */
#ifndef RPSIM_CLI_H
#define RPSIM_CLI_H

enum { RPSIM_EXIT_OK = 0, RPSIM_EXIT_FAIL = 1, RPSIM_EXIT_USAGE = 2 };

/* argv[0] is the subcommand name. */
typedef int (*rpsim_cmd_fn)(int argc, char **argv);

struct rpsim_command {
	const char *name;
	rpsim_cmd_fn fn;
	const char *args;    /* synopsis of the arguments */
	const char *summary; /* one line */
};

int cmd_run(int argc, char **argv);
int cmd_test(int argc, char **argv);

int cmd_inspect(int argc, char **argv);

int cmd_exec(int argc, char **argv);

int cmd_trace(int argc, char **argv);

int cmd_view(int argc, char **argv);

#endif
