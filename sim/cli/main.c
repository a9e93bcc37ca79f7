/* rpsim: the command-line front end. Dispatches to subcommands. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "sim/cli/cli.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);
static void list_commands(FILE *f);

static const struct cli_command rpsim_cli = {
	.name = NULL,
	.synopsis = "COMMAND [ARGS...]",
	.intro =
		"rpsim simulates a Linux host and a remote processor (remoteproc,\n"
		"virtio, RPMsg) so remote firmware can be brought up without a board.\n",
	.more = list_commands,
	.outro =
		"'rpsim COMMAND --help' describes a command. Exit status: 0 success,\n"
		"1 an expectation or test failed, 2 bad input. See rpsim(1).\n",
	.rest = CLI_REST_FIRST_OPERAND,
};

static const struct cli_command help_cli = {
	.name = "help",
	.synopsis = "[COMMAND]",
	.summary = "show this help, or a command's help",
	.intro = "Lists the commands, or shows COMMAND's help ('rpsim COMMAND --help').\n",
};

static const struct cli_command version_cli = {
	.name = "version",
	.synopsis = "",
	.summary = "print the version",
	.intro = "Prints rpsim's version (also 'rpsim --version').\n",
};

static const struct rpsim_command commands[] = {
	{ &help_cli, cmd_help },
	{ &version_cli, cmd_version },
	{ &cmd_run_cli, cmd_run },
	{ &cmd_test_cli, cmd_test },
	{ &cmd_exec_cli, cmd_exec },
	{ &cmd_inspect_cli, cmd_inspect },
	{ &cmd_dts_cli, cmd_dts },
	{ &cmd_trace_cli, cmd_trace },
	{ &cmd_view_cli, cmd_view },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* name and synopsis, the summary below */
static void list_commands(FILE *f)
{
	fprintf(f, "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char syn[128];
		const struct cli_command *c = commands[i].cli;
		snprintf(syn, sizeof(syn), "  %s%s%s", c->name, c->synopsis[0] ? " " : "", c->synopsis);
		cli_print_item(f, syn, c->summary, 6);
	}
}

static const struct rpsim_command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].cli->name, name) == 0)
			return &commands[i];
	return NULL;
}

/* rpsim's own options, before the command: returns cli_parse's verdict,
 * with the command and its arguments in args->rest. */
static int parse_rpsim(int argc, char **argv, bool *version, struct cli_args *args)
{
	const struct cli_opt opts[] = {
		CLI_FLAG("version", 0, "print the version", version),
		CLI_END,
	};
	if (argc < 2) {
		cli_usage(stderr, &rpsim_cli, opts);
		return RPSIM_EXIT_USAGE;
	}
	return cli_parse(&rpsim_cli, opts, argc, argv, args);
}

static int print_version(void)
{
	printf("rpsim %s\n", PACKAGE_VERSION);
	return RPSIM_EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
	const struct cli_opt opts[] = { CLI_END };
	struct cli_args args;
	int rc = cli_parse(&help_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	if (args.noperands > 0) {
		const struct rpsim_command *c = find(args.operands[0]);
		if (!c) {
			fprintf(stderr, "rpsim help: unknown command '%s'; 'rpsim help' lists them\n",
				args.operands[0]);
			return RPSIM_EXIT_USAGE;
		}
		char *cargs[] = { (char *)c->cli->name, (char *)"--help", NULL };
		return c->fn(2, cargs);
	}
	bool version;
	char *help[] = { (char *)"rpsim", (char *)"--help", NULL };
	return parse_rpsim(2, help, &version, &args);
}

static int cmd_version(int argc, char **argv)
{
	const struct cli_opt opts[] = { CLI_END };
	struct cli_args args;
	int rc = cli_parse(&version_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	return print_version();
}

int main(int argc, char **argv)
{
	struct cli_args args;
	bool version = false;
	int rc = parse_rpsim(argc, argv, &version, &args);
	if (rc >= 0)
		return rc;
	if (version)
		return print_version();
	if (args.nrest == 0) /* "rpsim --" */
		return parse_rpsim(1, argv, &version, &args);
	const struct rpsim_command *c = find(args.rest[0]);
	if (!c) {
		fprintf(stderr, "rpsim: unknown command '%s'; 'rpsim --help' lists the commands\n",
			args.rest[0]);
		return RPSIM_EXIT_USAGE;
	}
	return c->fn(args.nrest, args.rest);
}
