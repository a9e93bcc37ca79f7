/* rpsim view: command line of the SDL2 trace viewer (sim/viewer/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/cli/cli.h"
#include "sim/viewer/viewer.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpsim view TRACE [--elf FW.elf] [--screenshot OUT.png [--at TIME]\n"
		"                  [--span DURATION] [--size WxH] [--help-overlay]] [--stats]\n"
		"\n"
		"Opens a window on a trace written by 'rpsim run --trace FILE' (add\n"
		"--trace-insns to step through instructions): a timeline lane per\n"
		"component, the firmware panel at the cursor (disassembly, registers,\n"
		"memory, the selected message). F1 or ? in the window lists the keys.\n"
		"\n"
		"options:\n"
		"  --elf FILE          firmware for symbols and memory (default: the\n"
		"                      firmware the trace names, if it can be read)\n"
		"  --screenshot FILE   render one frame to a PNG without a display, exit\n"
		"  --at TIME           cursor time, e.g. 120us (default: the start)\n"
		"  --span DURATION     visible time range around the cursor (default: all)\n"
		"  --size WxH          window or image size (default 1280x800)\n"
		"  --help-overlay      start with the key help shown\n"
		"  --stats             print the time to index the trace and draw a frame\n"
		"\n"
		"Exit status: 0 ok, 1 no display or the PNG cannot be written, 2 bad input.\n");
}

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

int cmd_view(int argc, char **argv)
{
	struct viewer_opts o = { 0 };
	char err[256];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return RPSIM_EXIT_OK;
		} else if (strcmp(a, "--help-overlay") == 0) {
			o.help = true;
		} else if (strcmp(a, "--stats") == 0) {
			o.stats = true;
		} else if (strcmp(a, "--elf") == 0 || strcmp(a, "--screenshot") == 0 ||
			   strcmp(a, "--at") == 0 || strcmp(a, "--span") == 0 ||
			   strcmp(a, "--size") == 0) {
			if (!v) {
				fprintf(stderr, "rpsim view: %s needs a value; 'rpsim view --help' shows it\n", a);
				return RPSIM_EXIT_USAGE;
			}
			i++;
			if (strcmp(a, "--elf") == 0) {
				o.elf = v;
			} else if (strcmp(a, "--screenshot") == 0) {
				o.screenshot = v;
			} else if (strcmp(a, "--size") == 0) {
				if (parse_size(v, &o.width, &o.height) < 0) {
					fprintf(stderr, "rpsim view: --size '%s': give WIDTHxHEIGHT, e.g. 1280x800 (200x150 to 8192x8192)\n", v);
					return RPSIM_EXIT_USAGE;
				}
			} else {
				sim_time_t t;
				if (simtime_parse(v, &t, err, sizeof(err)) < 0) {
					fprintf(stderr, "rpsim view: %s '%s': %s\n", a, v, err);
					return RPSIM_EXIT_USAGE;
				}
				if (strcmp(a, "--at") == 0) {
					o.at = t;
					o.have_at = true;
				} else if (t == 0) {
					fprintf(stderr, "rpsim view: --span must be more than 0, e.g. 20us\n");
					return RPSIM_EXIT_USAGE;
				} else {
					o.span = t;
				}
			}
		} else if (a[0] == '-') {
			fprintf(stderr, "rpsim view: unknown option '%s'; 'rpsim view --help' lists them\n", a);
			return RPSIM_EXIT_USAGE;
		} else if (o.trace) {
			fprintf(stderr, "rpsim view: one trace file only ('%s' and '%s' given)\n", o.trace, a);
			return RPSIM_EXIT_USAGE;
		} else {
			o.trace = a;
		}
	}
	if (!o.trace) {
		fprintf(stderr, "rpsim view: no trace file given; usage: rpsim view TRACE [--elf FW.elf] "
				"(make one with 'rpsim run --trace FILE --trace-insns SCENARIO')\n");
		return RPSIM_EXIT_USAGE;
	}
	return viewer_main(&o);
}
