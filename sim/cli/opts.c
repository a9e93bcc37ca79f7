/* Option tables -> getopt_long and --help (see opts.h). */
#define _GNU_SOURCE /* getopt_long's RETURN_IN_ORDER ("-" in optstring) */
#include "sim/cli/opts.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/simtime.h"

#define CLI_MAX_OPTS 32
/* getopt_long's code for a long-only option: past every char */
#define CLI_LONG_CODE 256
#define CLI_HELP_COL_MAX 26 /* a longer option puts its help on the next line */
#define CLI_WIDTH 79

static const struct cli_opt help_opt = CLI_FLAG("help", 'h', "show this help", NULL);

/* A table that breaks the rules is a bug of the command, not bad usage:
 * say so and abort (an assert would vanish under NDEBUG). */
static void bug(const char *what)
{
	fprintf(stderr, "rpsim: internal error: %s; please report it\n", what);
	abort();
}

static int count(const struct cli_opt *opts)
{
	int n = 0;
	while (opts[n].kind != CLI_OPT_END) {
		if ((!opts[n].name && !opts[n].short_name) || opts[n].short_name == 'h')
			bug("an option without a name, or a second -h");
		n++;
	}
	if (n >= CLI_MAX_OPTS)
		bug("more options in a table than CLI_MAX_OPTS");
	return n;
}

static int code_of(const struct cli_opt *opts, int i)
{
	return opts[i].short_name ? (unsigned char)opts[i].short_name : CLI_LONG_CODE + i;
}

/* The table entry getopt returned (or named in optopt), or NULL. */
static const struct cli_opt *find_code(const struct cli_opt *opts, int n, int code)
{
	for (int i = 0; i < n; i++)
		if (code_of(opts, i) == code)
			return &opts[i];
	return code == 'h' ? &help_opt : NULL;
}

/* arg spells out --name in full ("--name" or "--name=..."), not one of
 * the abbreviations getopt_long would accept. */
static bool spelled_out(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, "--", 2) == 0 && strncmp(arg + 2, name, n) == 0 &&
	       (arg[2 + n] == '\0' || arg[2 + n] == '=');
}

/* "rpsim run" or "rpsim" */
static const char *prog(const struct cli_command *cmd, char *buf, size_t len)
{
	snprintf(buf, len, "rpsim%s%s", cmd->name ? " " : "", cmd->name ? cmd->name : "");
	return buf;
}

/* One line on err: "rpsim run: " and the message. */
static void say(FILE *err, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(FILE *err, const struct cli_command *cmd, const char *fmt, ...)
{
	char p[64];
	va_list ap;
	va_start(ap, fmt);
	fprintf(err, "%s: ", prog(cmd, p, sizeof(p)));
	vfprintf(err, fmt, ap);
	fputc('\n', err);
	va_end(ap);
}

static void unknown(FILE *err, const struct cli_command *cmd, const char *what)
{
	char p[64];
	say(err, cmd, "unknown option '%s'; see '%s --help'", what, prog(cmd, p, sizeof(p)));
}

/* The option as the user wrote it, for messages: "--name" or "-c". */
static const char *as_typed(const struct cli_opt *o, const char *arg, char *buf, size_t len)
{
	if (o->name && arg && strncmp(arg, "--", 2) == 0)
		snprintf(buf, len, "--%s", o->name);
	else
		snprintf(buf, len, "-%c", o->short_name);
	return buf;
}

static int store(const struct cli_command *cmd, const struct cli_opt *o, const char *typed,
		 const char *arg, const char *arg2, FILE *err)
{
	switch (o->kind) {
	case CLI_OPT_FLAG:
		*(bool *)o->dst = true;
		return 0;
	case CLI_OPT_SET:
		*(int *)o->dst = o->value;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)o->dst = arg;
		return 0;
	case CLI_OPT_CALL: {
		char msg[512] = "";
		if (o->fn(o, arg, msg, sizeof(msg)) == 0)
			return 0;
		if (msg[0])
			say(err, cmd, "%s: %s", typed, msg);
		else
			say(err, cmd, "%s needs %s", typed, o->hint ? o->hint : o->arg);
		return -1;
	}
	case CLI_OPT_CALL2: {
		char msg[512] = "";
		if (arg2 && o->fn2(o, arg, arg2, msg, sizeof(msg)) == 0)
			return 0;
		if (msg[0])
			say(err, cmd, "%s: %s", typed, msg);
		else
			say(err, cmd, "%s needs %s", typed, o->hint ? o->hint : o->arg);
		return -1;
	}
	case CLI_OPT_END:
		break;
	}
	bug("an option of no known kind");
	return -1;
}

int cli_parse_to(const struct cli_command *cmd, const struct cli_opt *opts, int argc, char **argv,
		 struct cli_args *args, FILE *out, FILE *err)
{
	int n = count(opts);
	struct option longs[CLI_MAX_OPTS + 2];
	char optstring[3 + 2 * (CLI_MAX_OPTS + 1) + 1];
	int nl = 0, ns = 0;
	/* "-": operands come back in order (code 1); ":": a missing value is
	 * ':', not '?', and getopt prints nothing */
	optstring[ns++] = '-';
	optstring[ns++] = ':';
	for (int i = 0; i <= n; i++) {
		const struct cli_opt *o = i < n ? &opts[i] : &help_opt;
		int code = i < n ? code_of(opts, i) : 'h';
		if (o->name)
			longs[nl++] = (struct option){ o->name, o->arg ? required_argument : no_argument,
						       NULL, code };
		if (o->short_name) {
			optstring[ns++] = o->short_name;
			if (o->arg)
				optstring[ns++] = ':';
		}
	}
	longs[nl] = (struct option){ 0 };
	optstring[ns] = '\0';

	*args = (struct cli_args){ .operands = argv + 1 };
	optind = 0; /* glibc: start over, whatever an earlier parse left */
	opterr = 0;
	char typed[64];
	for (;;) {
		int at = optind ? optind : 1; /* the element getopt looks at next */
		int li = -1;
		int c = getopt_long(argc, argv, optstring, longs, &li);
		if (c == -1)
			break;
		if (c == 1) {
			if (cmd->rest == CLI_REST_FIRST_OPERAND) {
				args->rest = argv + optind - 1;
				args->nrest = argc - (optind - 1);
				return -1;
			}
			/* getopt is past this slot and never looks back in this mode */
			args->operands[args->noperands++] = optarg;
			continue;
		}
		/* the element just read: a long option, or the end of a cluster
		 * of short ones (glibc moves optind past it before reporting) */
		const char *last = argv[optind - 1];
		if (c == '?') {
			/* a known code here is "--name=VALUE" for a flag; an unknown
			 * one a short option; none a long one (or an ambiguous prefix) */
			const struct cli_opt *o = optopt ? find_code(opts, n, optopt) : NULL;
			if (o && o->name && spelled_out(last, o->name)) {
				char p[64];
				say(err, cmd, "--%s takes no value; see '%s --help'", o->name,
				    prog(cmd, p, sizeof(p)));
			} else if (optopt && !o) {
				snprintf(typed, sizeof(typed), "-%c", optopt);
				unknown(err, cmd, typed);
			} else {
				unknown(err, cmd, last);
			}
			return 2;
		}
		if (c == ':') {
			const struct cli_opt *o = find_code(opts, n, optopt);
			if (!o)
				bug("getopt reports a missing value for no option of the table");
			if (strncmp(last, "--", 2) == 0 && (!o->name || !spelled_out(last, o->name))) {
				unknown(err, cmd, last);
				return 2;
			}
			char p[64];
			say(err, cmd, "%s needs %s; see '%s --help'", as_typed(o, last, typed, sizeof(typed)),
			    o->hint ? o->hint : o->arg, prog(cmd, p, sizeof(p)));
			return 2;
		}
		const struct cli_opt *o = find_code(opts, n, c);
		if (!o)
			bug("getopt returns an option of no table");
		if (li >= 0 && !spelled_out(argv[at], longs[li].name)) {
			unknown(err, cmd, argv[at]);
			return 2;
		}
		if (o == &help_opt) {
			cli_usage(out, cmd, opts);
			return 0;
		}
		as_typed(o, li >= 0 ? argv[at] : NULL, typed, sizeof(typed));
		const char *arg2 = NULL;
		if (o->kind == CLI_OPT_CALL2 && optind < argc)
			arg2 = argv[optind++]; /* in order mode getopt never looks back */
		if (store(cmd, o, typed, optarg, arg2, err) < 0)
			return 2;
	}
	/* only "--" stops getopt early in this mode */
	if (optind < argc) {
		if (cmd->rest == CLI_REST_OPERANDS) {
			while (optind < argc)
				args->operands[args->noperands++] = argv[optind++];
		} else {
			args->rest = argv + optind;
			args->nrest = argc - optind;
		}
	}
	return -1;
}

int cli_parse(const struct cli_command *cmd, const struct cli_opt *opts, int argc, char **argv,
	      struct cli_args *args)
{
	return cli_parse_to(cmd, opts, argc, argv, args, stdout, stderr);
}

/* ---- --help ---- */

/* "  -q, --quiet", "      --trace FILE", "  -j N" */
static void left_part(const struct cli_opt *o, char *buf, size_t len)
{
	const char *arg = o->arg ? o->arg : "";
	const char *sp = o->arg ? " " : "";
	if (o->short_name && o->name)
		snprintf(buf, len, "  -%c, --%s%s%s", o->short_name, o->name, sp, arg);
	else if (o->short_name)
		snprintf(buf, len, "  -%c%s%s", o->short_name, sp, arg);
	else
		snprintf(buf, len, "      --%s%s%s", o->name, sp, arg);
}

/* text from column col, wrapped at CLI_WIDTH; the first line continues
 * where the cursor is (at col). */
static void wrapped(FILE *f, const char *text, int col)
{
	int x = col;
	const char *p = text;
	while (*p) {
		size_t w = strcspn(p, " ");
		if (x > col && x + 1 + (int)w > CLI_WIDTH) {
			fprintf(f, "\n%*s", col, "");
			x = col;
		} else if (x > col) {
			fputc(' ', f);
			x++;
		}
		fwrite(p, 1, w, f);
		x += (int)w;
		p += w;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

void cli_print_item(FILE *f, const char *left, const char *text, int col)
{
	int w = (int)strlen(left);
	if (w + 2 > col)
		fprintf(f, "%s\n%*s", left, col, "");
	else
		fprintf(f, "%-*s", col, left);
	wrapped(f, text, col);
}

static void print_option(FILE *f, const struct cli_opt *o, int col)
{
	char left[96];
	left_part(o, left, sizeof(left));
	cli_print_item(f, left, o->help, col);
}

void cli_usage(FILE *f, const struct cli_command *cmd, const struct cli_opt *opts)
{
	int n = count(opts);
	int col = 0;
	char left[96];
	for (int i = 0; i <= n; i++) {
		left_part(i < n ? &opts[i] : &help_opt, left, sizeof(left));
		int w = (int)strlen(left) + 2;
		if (w > col && w <= CLI_HELP_COL_MAX)
			col = w;
	}
	char p[64];
	fprintf(f, "usage: %s%s%s\n", prog(cmd, p, sizeof(p)), cmd->synopsis[0] ? " " : "",
		cmd->synopsis);
	if (cmd->intro)
		fprintf(f, "\n%s", cmd->intro);
	if (cmd->more) {
		fputc('\n', f);
		cmd->more(f);
	}
	fprintf(f, "\noptions:\n");
	for (int i = 0; i < n; i++)
		print_option(f, &opts[i], col);
	print_option(f, &help_opt, col);
	if (cmd->outro)
		fprintf(f, "\n%s", cmd->outro);
}

/* ---- ready-made handlers ---- */

int cli_opt_time(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	return simtime_parse(arg, (sim_time_t *)o->dst, err, errlen) < 0 ? -1 : 0;
}

int cli_opt_time_positive(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	if (cli_opt_time(o, arg, err, errlen) < 0)
		return -1;
	if (*(sim_time_t *)o->dst == 0) {
		snprintf(err, errlen, "must be more than 0");
		return -1;
	}
	return 0;
}

int cli_opt_hz(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	return simtime_parse_hz(arg, (uint64_t *)o->dst, err, errlen) < 0 ? -1 : 0;
}
