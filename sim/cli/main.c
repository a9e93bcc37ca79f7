/* rpsim: the command-line front end. Dispatches to subcommands. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "sim/cli/cli.h"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const struct rpsim_command commands[] = {
	{ "help", cmd_help, "[COMMAND]", "show this help, or a command's help" },
	{ "version", cmd_version, "", "print the version" },
	{ "run", cmd_run, "[SCENARIO] [options]", "run a scenario: boot firmware, exchange RPMsg, check expectations" },
	{ "test", cmd_test, "PATH... [options]", "run many scenarios in parallel: -j, --junit, --shard (CI)" },
	{ "exec", cmd_exec, "FIRMWARE.elf [options]", "run a bare-metal ELF on a lone core (ISA tests, benchmarks)" },
	{ "inspect", cmd_inspect, "FIRMWARE.elf", "show what the host sees in a firmware: segments, resource table, problems" },
	{ "trace", cmd_trace, "dump|perfetto|vcd FILE", "convert a trace file: text, Perfetto/Chrome JSON, VCD" },
	{ "view", cmd_view, "TRACE [--elf FW.elf] [--screenshot OUT.png]", "open the trace viewer (SDL2)" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpsim COMMAND [ARGS...]\n"
		"\n"
		"rpsim simulates a Linux host and a remote processor (remoteproc,\n"
		"virtio, RPMsg) so remote firmware can be brought up without a board.\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char syn[64];
		snprintf(syn, sizeof(syn), "%s %s", commands[i].name, commands[i].args);
		fprintf(f, "  %-34s %s\n", syn, commands[i].summary);
	}
	fprintf(f,
		"\n"
		"'rpsim COMMAND --help' describes a command. Exit status: 0 success,\n"
		"1 an expectation or test failed, 2 bad input. See rpsim(1).\n");
}

static const struct rpsim_command *find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		const struct rpsim_command *c = find(argv[1]);
		if (!c) {
			fprintf(stderr, "rpsim help: unknown command '%s'; 'rpsim help' lists them\n", argv[1]);
			return RPSIM_EXIT_USAGE;
		}
		char *args[] = { (char *)c->name, (char *)"--help", NULL };
		return c->fn(2, args);
	}
	usage(stdout);
	return RPSIM_EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("rpsim %s\n", PACKAGE_VERSION);
	return RPSIM_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return RPSIM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv + 1);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv + 1);
	const struct rpsim_command *c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "rpsim: unknown command '%s'; 'rpsim --help' lists the commands\n", argv[1]);
		return RPSIM_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
