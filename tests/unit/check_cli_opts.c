/* The option tables of sim/cli/opts.c: values stored as they come,
 * operands in order, "--", unknown options, missing and refused values,
 * abbreviations refused, and --help listing every option of the table
 * with its help, wrapped, between the command's paragraphs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/opts.h"
#include "sim/core/simtime.h"
#include "tests/unit/check_main.h"

static const struct cli_command demo_cli = {
	.name = "demo",
	.synopsis = "FILE... [options]",
	.summary = "a command for the tests",
	.intro = "Does nothing, carefully.\n",
	.outro = "Exit status: 0 always.\n",
};

/* What a parse stored, and what it printed. */
struct demo {
	bool flag;
	int level;
	const char *file;
	long count;
	sim_time_t at;
	char *out, *err;
	size_t outlen, errlen;
	struct cli_args args;
};

static int set_count(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end)
		return -1; /* the module says "-n needs HINT" */
	if (v > 9) {
		snprintf(err, errlen, "%ld is more than 9", v);
		return -1;
	}
	*(long *)o->dst = v;
	return 0;
}

/* Parses the NULL-terminated words after "demo" with the demo table. */
static int parse(struct demo *d, const struct cli_command *cmd, const char *const *words)
{
	static char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)"demo";
	for (; *words; words++)
		argv[argc++] = (char *)*words;
	argv[argc] = NULL;
	const struct cli_opt opts[] = {
		CLI_FLAG("flag", 'f', "set the flag", &d->flag),
		CLI_SET("loud", 'l', "level 2", &d->level, 2),
		CLI_SET("quiet", 0, "level 0", &d->level, 0),
		CLI_STRING("file", 0, "FILE", "a file to name", &d->file),
		CLI_CALL(NULL, 'n', "N", "a count from 0 to 9", set_count, &d->count, "a number from 0 to 9"),
		CLI_CALL("at", 0, "TIME", "a time; this help is long enough to be wrapped at the end of "
			 "the line, twice over, so that the test sees continuation lines indented under "
			 "the help column", cli_opt_time_positive, &d->at, "a duration, e.g. 5us"),
		CLI_END,
	};
	FILE *out = open_memstream(&d->out, &d->outlen);
	FILE *err = open_memstream(&d->err, &d->errlen);
	int rc = cli_parse_to(cmd, opts, argc, argv, &d->args, out, err);
	fclose(out);
	fclose(err);
	return rc;
}

static void done(struct demo *d)
{
	free(d->out);
	free(d->err);
}

#define PARSE(d, ...) parse((d), &demo_cli, (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(values_and_operands)
{
	struct demo d = { .level = 1 };
	ck_assert_int_eq(PARSE(&d, "a", "-f", "--file", "x.txt", "b", "-n3", "--at=2us", "-", "-l"), -1);
	ck_assert(d.flag);
	ck_assert_int_eq(d.level, 2);
	ck_assert_str_eq(d.file, "x.txt");
	ck_assert_int_eq(d.count, 3);
	ck_assert_uint_eq(d.at, 2 * SIM_US);
	ck_assert_int_eq(d.args.noperands, 3);
	ck_assert_str_eq(d.args.operands[0], "a");
	ck_assert_str_eq(d.args.operands[1], "b");
	ck_assert_str_eq(d.args.operands[2], "-"); /* stdin by convention: an operand */
	ck_assert_ptr_null(d.args.rest);
	ck_assert_str_eq(d.err, "");
	done(&d);

	/* "-n 4", "--file=y", a cluster of flags, the last option wins */
	struct demo e = { .level = 1 };
	ck_assert_int_eq(PARSE(&e, "-n", "4", "--file=y", "-fl", "--quiet"), -1);
	ck_assert_int_eq(e.count, 4);
	ck_assert_str_eq(e.file, "y");
	ck_assert(e.flag);
	ck_assert_int_eq(e.level, 0);
	ck_assert_int_eq(e.args.noperands, 0);
	done(&e);
}
END_TEST

START_TEST(dashdash)
{
	struct demo d = { 0 };
	ck_assert_int_eq(PARSE(&d, "a", "--", "-f", "b"), -1);
	ck_assert(!d.flag);
	ck_assert_int_eq(d.args.noperands, 3);
	ck_assert_str_eq(d.args.operands[1], "-f");
	done(&d);

	struct cli_command rest = demo_cli;
	rest.rest = CLI_REST_AFTER_DASHDASH;
	struct demo e = { 0 };
	ck_assert_int_eq(parse(&e, &rest, (const char *const[]){ "a", "-f", "--", "--run", "x", NULL }), -1);
	ck_assert(e.flag);
	ck_assert_int_eq(e.args.noperands, 1);
	ck_assert_int_eq(e.args.nrest, 2);
	ck_assert_str_eq(e.args.rest[0], "--run");
	done(&e);

	/* a command running a subcommand: its options end at the first operand */
	rest.rest = CLI_REST_FIRST_OPERAND;
	struct demo f = { 0 };
	ck_assert_int_eq(parse(&f, &rest, (const char *const[]){ "-f", "sub", "-l", "--bogus", NULL }), -1);
	ck_assert(f.flag);
	ck_assert_int_eq(f.level, 0);
	ck_assert_int_eq(f.args.nrest, 3);
	ck_assert_str_eq(f.args.rest[0], "sub");
	ck_assert_str_eq(f.args.rest[2], "--bogus");
	done(&f);
}
END_TEST

START_TEST(unknown_options)
{
	struct demo d = { 0 };
	ck_assert_int_eq(PARSE(&d, "a", "--bogus", "b"), 2);
	ck_assert_str_eq(d.err, "rpsim demo: unknown option '--bogus'; see 'rpsim demo --help'\n");
	done(&d);
	struct demo e = { 0 };
	ck_assert_int_eq(PARSE(&e, "-fx"), 2);
	ck_assert_str_eq(e.err, "rpsim demo: unknown option '-x'; see 'rpsim demo --help'\n");
	done(&e);
	/* getopt would take "--fi" for --file: refused, so a new option never
	 * makes an old command line mean something else */
	struct demo f = { 0 };
	ck_assert_int_eq(PARSE(&f, "--fi", "x"), 2);
	ck_assert_str_eq(f.err, "rpsim demo: unknown option '--fi'; see 'rpsim demo --help'\n");
	ck_assert_ptr_null(f.file);
	done(&f);
	struct demo g = { 0 };
	ck_assert_int_eq(PARSE(&g, "--fla"), 2);
	ck_assert_ptr_nonnull(strstr(g.err, "unknown option '--fla'"));
	done(&g);
	/* no message on stdout, none from getopt itself */
	struct demo h = { 0 };
	ck_assert_int_eq(PARSE(&h, "--flag=yes"), 2);
	ck_assert_str_eq(h.err, "rpsim demo: --flag takes no value; see 'rpsim demo --help'\n");
	ck_assert_str_eq(h.out, "");
	done(&h);
}
END_TEST

START_TEST(missing_and_refused_values)
{
	struct demo d = { 0 };
	ck_assert_int_eq(PARSE(&d, "a", "--file"), 2);
	ck_assert_str_eq(d.err, "rpsim demo: --file needs FILE; see 'rpsim demo --help'\n");
	done(&d);
	struct demo e = { 0 };
	ck_assert_int_eq(PARSE(&e, "-fn"), 2);
	ck_assert_str_eq(e.err, "rpsim demo: -n needs a number from 0 to 9; see 'rpsim demo --help'\n");
	done(&e);
	struct demo f = { 0 };
	ck_assert_int_eq(PARSE(&f, "-n", "x"), 2);
	ck_assert_str_eq(f.err, "rpsim demo: -n needs a number from 0 to 9\n");
	done(&f);
	struct demo g = { 0 };
	ck_assert_int_eq(PARSE(&g, "-n", "12"), 2);
	ck_assert_str_eq(g.err, "rpsim demo: -n: 12 is more than 9\n");
	done(&g);
	struct demo h = { 0 };
	ck_assert_int_eq(PARSE(&h, "--at", "0ps"), 2);
	ck_assert_str_eq(h.err, "rpsim demo: --at: must be more than 0\n");
	done(&h);
	struct demo i = { 0 };
	ck_assert_int_eq(PARSE(&i, "--at", "5"), 2);
	ck_assert_ptr_nonnull(strstr(i.err, "rpsim demo: --at: \"5\" has no unit"));
	done(&i);
	/* an abbreviation that lacks its value is still an unknown option */
	struct demo j = { 0 };
	ck_assert_int_eq(PARSE(&j, "--fil"), 2);
	ck_assert_str_eq(j.err, "rpsim demo: unknown option '--fil'; see 'rpsim demo --help'\n");
	done(&j);
}
END_TEST

/* --help lists every option of the table, each with its help, and -h,
 * between the command's paragraphs; nothing past 79 columns. */
START_TEST(help_lists_every_option)
{
	struct demo d = { 0 };
	ck_assert_int_eq(PARSE(&d, "a", "--help", "--bogus"), 0);
	ck_assert_str_eq(d.err, "");
	const char *o = d.out;
	ck_assert_ptr_nonnull(strstr(o, "usage: rpsim demo FILE... [options]\n\nDoes nothing, carefully.\n"));
	static const char *const want[] = {
		"  -f, --flag ", "  -l, --loud ", "      --quiet ", "      --file FILE ", "  -n N ",
		"      --at TIME ", "  -h, --help ", "set the flag", "a file to name", "show this help",
	};
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		ck_assert_msg(strstr(o, want[k]) != NULL, "--help lacks \"%s\":\n%s", want[k], o);
	ck_assert_ptr_nonnull(strstr(o, "\n\nExit status: 0 always.\n"));
	/* the options in table order, under "options:" */
	const char *opts = strstr(o, "\noptions:\n");
	ck_assert_ptr_nonnull(opts);
	ck_assert(strstr(opts, "--flag") < strstr(opts, "--at") && strstr(opts, "--at") < strstr(opts, "--help"));
	/* wrapped: no line over 79 columns, continuation lines under the help */
	unsigned lines = 0;
	for (const char *l = o; *l; lines++) {
		size_t n = strcspn(l, "\n");
		ck_assert_msg(n <= 79, "line over 79 columns: %.*s", (int)n, l);
		l += n + (l[n] == '\n');
	}
	ck_assert_uint_gt(lines, 12);
	const char *at = strstr(o, "      --at TIME");
	const char *col = strstr(at, "a time;");
	const char *cont = strchr(at, '\n') + 1;
	ck_assert_int_eq(strspn(cont, " "), col - at);

	struct demo e = { 0 };
	ck_assert_int_eq(PARSE(&e, "-h"), 0);
	ck_assert_str_eq(e.out, d.out);
	done(&e);
	done(&d);
}
END_TEST

/* cli_usage alone prints what --help prints; the program itself (no
 * name) is "rpsim". */
START_TEST(usage_of_the_program)
{
	static const struct cli_command prog = {
		.synopsis = "COMMAND [ARGS...]",
		.intro = "Top.\n",
		.rest = CLI_REST_FIRST_OPERAND,
	};
	struct demo d = { 0 };
	ck_assert_int_eq(parse(&d, &prog, (const char *const[]){ "--nope", NULL }), 2);
	ck_assert_str_eq(d.err, "rpsim: unknown option '--nope'; see 'rpsim --help'\n");
	done(&d);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const struct cli_opt none[] = { CLI_END };
	cli_usage(f, &prog, none);
	fclose(f);
	ck_assert_str_eq(buf, "usage: rpsim COMMAND [ARGS...]\n\nTop.\n\noptions:\n  -h, --help  show this help\n");
	free(buf);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("cli_opts");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, values_and_operands);
	tcase_add_test(tc, dashdash);
	tcase_add_test(tc, unknown_options);
	tcase_add_test(tc, missing_and_refused_values);
	tcase_add_test(tc, help_lists_every_option);
	tcase_add_test(tc, usage_of_the_program);
	suite_add_tcase(s, tc);
	return s;
}
