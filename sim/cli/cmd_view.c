/* rpsim view: command line of the SDL2 trace viewer (sim/viewer/), in the
 * rpsim-view program (view_exec.c says why); its description,
 * cmd_view_cli, is shared with rpsim. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/viewer/viewer.h"

static int parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return -1;
	const char *p = end + 1;
	long b = strtol(p, &end, 10);
	if (end == p || *end || a < 200 || b < 150 || a > 8192 || b > 8192)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int set_size(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct viewer_opts *v = o->dst;
	if (parse_size(arg, &v->width, &v->height) == 0)
		return 0;
	snprintf(err, errlen, "'%s': give WIDTHxHEIGHT, e.g. 1280x800 (200x150 to 8192x8192)", arg);
	return -1;
}

static int set_at(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct viewer_opts *v = o->dst;
	if (simtime_parse(arg, &v->at, err, errlen) < 0)
		return -1;
	v->have_at = true;
	return 0;
}

#define VIEW_MAX_FW_DIRS 16

struct view_dirs {
	const char **v;
	unsigned n;
};

static int add_dir(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct view_dirs *d = o->dst;
	if (d->n == VIEW_MAX_FW_DIRS) {
		snprintf(err, errlen, "at most %d of them", VIEW_MAX_FW_DIRS);
		return -1;
	}
	d->v[d->n++] = arg;
	return 0;
}

int cmd_view_main(int argc, char **argv)
{
	struct viewer_opts o = { 0 };
	const char *dirv[VIEW_MAX_FW_DIRS];
	struct view_dirs dirs = { .v = dirv };
	const struct cli_opt opts[] = {
		CLI_STRING("elf", 0, "FILE", "firmware for symbols and memory (default: the firmware the "
			   "trace names, looked for next to the trace's scenario, then in the current "
			   "directory; without one the panel has no symbols, with a warning)", &o.elf),
		CLI_STRING("screenshot", 0, "FILE", "render one frame to a PNG without a display, exit",
			   &o.screenshot),
		CLI_CALL("at", 0, "TIME", "cursor time, e.g. 120us (default: the start)", set_at, &o,
			 "a time, e.g. 120us"),
		CLI_CALL("span", 0, "DURATION", "visible time range around the cursor (default: all)",
			 cli_opt_time_positive, &o.span, "a duration, e.g. 20us"),
		CLI_CALL("size", 0, "WxH", "window or image size (default 1280x800)", set_size, &o,
			 "WIDTHxHEIGHT, e.g. 1280x800"),
		CLI_FLAG("help-overlay", 0, "start with the key help shown", &o.help),
		CLI_FLAG("stats", 0, "print the time to index the trace and draw a frame", &o.stats),
		CLI_STRING("scenario", 0, "FILE", "the scenario the trace was recorded with, when it is "
			   "not where the trace says (for stepping by re-execution)", &o.scenario),
		CLI_CALL("firmware-dir", 0, "DIR", "search DIR for firmware first when re-executing "
			 "(repeatable)", add_dir, &dirs, NULL),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_view_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	if (args.noperands > 1) {
		fprintf(stderr, "rpsim view: one trace file only ('%s' and '%s' given)\n",
			args.operands[0], args.operands[1]);
		return RPSIM_EXIT_USAGE;
	}
	if (args.noperands == 0) {
		fprintf(stderr, "rpsim view: no trace file given; usage: rpsim view TRACE [--elf FW.elf] "
				"(make one with 'rpsim run --trace FILE --trace-insns SCENARIO')\n");
		return RPSIM_EXIT_USAGE;
	}
	o.trace = args.operands[0];
	o.firmware_dirs = dirs.v;
	o.nfirmware_dirs = dirs.n;
	return viewer_main(&o);
}
