/* Command-line options, after git's parse-options: each command describes
 * its options once, in a table, and that table drives both the parsing
 * (getopt_long) and the --help text, so the two cannot disagree.
 *
 *	bool quiet = false;
 *	const char *trace = NULL;
 *	const struct cli_opt opts[] = {
 *		CLI_FLAG("quiet", 'q', "print the verdict only", &quiet),
 *		CLI_STRING("trace", 0, "FILE", "write the binary trace", &trace),
 *		CLI_END,
 *	};
 *	struct cli_args args;
 *	int rc = cli_parse(&run_cli, opts, argc, argv, &args);
 *	if (rc >= 0)
 *		return rc;   (0 after --help, 2 after bad usage)
 *
 * Every command also gets -h/--help.  Long options are spelled out in full
 * (getopt's abbreviations are refused, so adding an option never makes an
 * old command line ambiguous); "--name=VALUE" and "--name VALUE" are the
 * same, and so are "-jN" and "-j N".  Operands (arguments that are not
 * options) keep their order; "--" ends the options.
 *
 * Messages name the command and say what to do: "rpsim run: unknown
 * option '--bogus'; see 'rpsim run --help'", "rpsim run: --trace needs
 * FILE; see 'rpsim run --help'". */
#ifndef RPSIM_CLI_OPTS_H
#define RPSIM_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cli_opt_kind {
	CLI_OPT_END = 0, /* ends a table */
	CLI_OPT_FLAG,    /* sets *(bool *)dst */
	CLI_OPT_SET,     /* stores value in *(int *)dst */
	CLI_OPT_STRING,  /* stores the value in *(const char **)dst */
	CLI_OPT_CALL,    /* hands the value (or NULL) to fn */
	CLI_OPT_CALL2,   /* takes two values (the next argument too) and hands them to fn2 */
};

struct cli_opt;

/* Stores arg (NULL for an option without a value); returns 0, or -1 with
 * what is wrong in err ("" makes the message "OPTION needs HINT"; the
 * module prefixes "rpsim CMD: OPTION: " to anything else). */
typedef int (*cli_opt_fn)(const struct cli_opt *o, const char *arg, char *err, size_t errlen);
typedef int (*cli_opt_fn2)(const struct cli_opt *o, const char *arg, const char *arg2, char *err,
			   size_t errlen);

struct cli_opt {
	enum cli_opt_kind kind;
	const char *name;  /* long name without "--", NULL: short only */
	char short_name;   /* 0: long only */
	const char *arg;   /* what the value is called ("FILE"); NULL: no value */
	const char *help;  /* for --help, a sentence or two; wrapped at 79 columns */
	void *dst;         /* where the value goes; CLI_OPT_CALL: fn's context */
	int value;         /* CLI_OPT_SET: what is stored */
	cli_opt_fn fn;     /* CLI_OPT_CALL */
	const char *hint;  /* what a value looks like, for messages; NULL: arg */
	cli_opt_fn2 fn2;   /* CLI_OPT_CALL2 */
};

#define CLI_FLAG(l, s, h, p) \
	{ .kind = CLI_OPT_FLAG, .name = (l), .short_name = (s), .help = (h), .dst = (p) }
#define CLI_SET(l, s, h, p, v) \
	{ .kind = CLI_OPT_SET, .name = (l), .short_name = (s), .help = (h), .dst = (p), .value = (v) }
#define CLI_STRING(l, s, a, h, p) \
	{ .kind = CLI_OPT_STRING, .name = (l), .short_name = (s), .arg = (a), .help = (h), .dst = (p) }
/* hint: what a value looks like ("a number from 1 to 256"), for the
 * messages about a missing or refused value; NULL: the arg name. */
#define CLI_CALL(l, s, a, h, f, p, hnt)                                                      \
	{ .kind = CLI_OPT_CALL, .name = (l), .short_name = (s), .arg = (a), .help = (h), \
	  .fn = (f), .dst = (p), .hint = (hnt) }
/* An option with two values, "--name A B" (arg names both: "TIME FILE");
 * the second is the argument after the option's own. */
#define CLI_CALL2(l, s, a, h, f, p, hnt)                                                      \
	{ .kind = CLI_OPT_CALL2, .name = (l), .short_name = (s), .arg = (a), .help = (h), \
	  .fn2 = (f), .dst = (p), .hint = (hnt) }
#define CLI_END { .kind = CLI_OPT_END }

/* Ready-made handlers: dst is a sim_time_t * (a duration with a unit,
 * "10us"), the same but more than 0, or a uint64_t * of Hz ("100MHz"). */
int cli_opt_time(const struct cli_opt *o, const char *arg, char *err, size_t errlen);
int cli_opt_time_positive(const struct cli_opt *o, const char *arg, char *err, size_t errlen);
int cli_opt_hz(const struct cli_opt *o, const char *arg, char *err, size_t errlen);

/* What "--" does. */
enum cli_rest {
	CLI_REST_OPERANDS = 0,   /* what follows it is more operands */
	CLI_REST_AFTER_DASHDASH, /* what follows it is the command's (args->rest) */
	CLI_REST_FIRST_OPERAND,  /* the options end at the first operand too
				  * (a command that runs a subcommand) */
};

/* A command, as --help and 'rpsim --help' show it. */
struct cli_command {
	const char *name;     /* "run"; NULL: the rpsim program itself */
	const char *synopsis; /* after "rpsim run ": "[SCENARIO.json] [options]" */
	const char *summary;  /* one line for the list of commands */
	const char *intro;    /* what it does: paragraphs between the usage and the options */
	const char *outro;    /* paragraphs after the options (search order, exit status) */
	enum cli_rest rest;
	/* a section of its own after the intro (the list of commands); NULL: none */
	void (*more)(FILE *f);
};

struct cli_args {
	char **operands; /* in order, moved to argv[1..] */
	int noperands;
	char **rest;     /* see enum cli_rest; NULL when there is none */
	int nrest;
};

/* Parses argv[1..argc) (argv[0] names the command) against opts (ended by
 * CLI_END), storing values as they come; operands go to args.  Returns
 * -1 when the command should go on, or the exit status it should return
 * at once: 0 after --help (printed to stdout), 2 after bad usage (one
 * message on stderr).  Not reentrant: getopt's state is global. */
int cli_parse(const struct cli_command *cmd, const struct cli_opt *opts, int argc, char **argv,
	      struct cli_args *args);
/* The same, with the help and the messages going to out and err. */
int cli_parse_to(const struct cli_command *cmd, const struct cli_opt *opts, int argc, char **argv,
		 struct cli_args *args, FILE *out, FILE *err);

/* The --help text: usage line, intro, more(), options (with -h/--help),
 * outro. */
void cli_usage(FILE *f, const struct cli_command *cmd, const struct cli_opt *opts);
/* One entry of such a list: left, then text from column col (on the next
 * line when left is too wide), wrapped at 79 columns. */
void cli_print_item(FILE *f, const char *left, const char *text, int col);

#endif
