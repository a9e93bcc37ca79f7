/* The timeline as people read it: one line per event, simulated time with
 * its unit in an aligned column, who did it, what happened; colour on a
 * terminal; a progress line on stderr during long runs. Also the trace
 * sink the runner puts in front of the trace file, which shows the
 * records a user must see (which firmware file was loaded). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sim/core/escape.h"
#include "sim/core/record.h"
#include "sim/runner/runner_internal.h"

static const struct {
	const char *name;
	enum runner_time_format f;
} time_formats[] = {
	{ "auto", RUNNER_TIME_AUTO }, { "ps", RUNNER_TIME_PS }, { "ns", RUNNER_TIME_NS },
	{ "us", RUNNER_TIME_US },     { "ms", RUNNER_TIME_MS }, { "s", RUNNER_TIME_S },
};

int runner_time_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(time_formats) / sizeof(time_formats[0]); i++)
		if (strcmp(name, time_formats[i].name) == 0)
			return (int)time_formats[i].f;
	return -1;
}

char *runner_format_time(sim_time_t t, enum runner_time_format f, char *buf, size_t len)
{
	unsigned long long v = (unsigned long long)t;
	switch (f) {
	case RUNNER_TIME_PS:
		snprintf(buf, len, "%15llu ps", v);
		return buf;
	case RUNNER_TIME_NS:
		snprintf(buf, len, "%12llu.%03llu ns", v / SIM_NS, v % SIM_NS);
		return buf;
	case RUNNER_TIME_US:
		snprintf(buf, len, "%9llu.%06llu us", v / SIM_US, v % SIM_US);
		return buf;
	case RUNNER_TIME_MS:
		snprintf(buf, len, "%6llu.%09llu ms", v / SIM_MS, v % SIM_MS);
		return buf;
	case RUNNER_TIME_S:
		snprintf(buf, len, "%3llu.%012llu s ", v / SIM_S, v % SIM_S);
		return buf;
	case RUNNER_TIME_AUTO:
		break;
	}
	/* the unit by magnitude, three decimals (cut, not rounded, so a line
	 * never shows a later time than the event's) */
	sim_time_t unit = t < SIM_US ? SIM_NS : t < SIM_MS ? SIM_US : t < SIM_S ? SIM_MS : SIM_S;
	const char *name = unit == SIM_NS ? "ns" : unit == SIM_US ? "us" : unit == SIM_MS ? "ms" : "s ";
	snprintf(buf, len, "%6llu.%03llu %s", v / unit, (v % unit) / (unit / 1000), name);
	return buf;
}

const char *runner_style_on(enum runner_style s, bool color)
{
	if (!color)
		return "";
	switch (s) {
	case RUNNER_STYLE_STATE: return "\033[36m";    /* cyan */
	case RUNNER_STYLE_ERROR: return "\033[1;31m";  /* bold red */
	case RUNNER_STYLE_FIRMWARE: return "\033[32m"; /* green */
	case RUNNER_STYLE_PASS: return "\033[1;32m";   /* bold green */
	case RUNNER_STYLE_DIM: return "\033[2m";
	case RUNNER_STYLE_PLAIN: break;
	}
	return "";
}

const char *runner_style_off(bool color)
{
	return color ? "\033[0m" : "";
}

/* The progress line shares the terminal with the timeline: erase it
 * before a timeline line; the next update draws it again. */
static void progress_clear(struct runner *run)
{
	if (!run->progress_visible)
		return;
	fputs("\r\033[K", stderr);
	run->progress_visible = false;
}

/* What a line quotes (uart lines, channel and device names, log messages,
 * paths) comes from the firmware or the scenario: the who and the text are
 * escaped (sim/core/escape.h); only the styles are rpsim's own bytes. */
void runner_vline(struct runner *run, sim_time_t t, enum runner_style st, const char *who, const char *fmt,
		  va_list ap)
{
	FILE *out = run->opt.out;
	bool c = run->opt.color;
	if (run->quiet)
		return; /* a debugger re-executing what was shown */
	char ts[RUNNER_TIME_BUFLEN], w[SIM_ESCAPE_SIZE(64)], msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	sim_escape(w, sizeof(w), who, strlen(who), 0);
	progress_clear(run);
	fprintf(out, "%s%s%s  %-12s %s", runner_style_on(RUNNER_STYLE_DIM, c),
		runner_format_time(t, run->opt.time_format, ts, sizeof(ts)), runner_style_off(c), w,
		runner_style_on(st, c));
	sim_escape_write(out, msg, strlen(msg), 0);
	fprintf(out, "%s\n", st == RUNNER_STYLE_PLAIN ? "" : runner_style_off(c));
}

void runner_line(struct runner *run, sim_time_t t, enum runner_style st, const char *who, const char *fmt, ...)
{
	if (run->opt.verbosity < 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	runner_vline(run, t, st, who, fmt, ap);
	va_end(ap);
}

void runner_say(struct runner *run, sim_time_t t, const char *who, const char *fmt, ...)
{
	if (run->opt.verbosity < 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	runner_vline(run, t, RUNNER_STYLE_PLAIN, who, fmt, ap);
	va_end(ap);
}

/* --- progress --- */

static double wall_s(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

uint64_t runner_insns(const struct runner *run)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < run->nremotes; i++)
		n += cpu_insns_total(run->remotes[i].pr->core);
	return n;
}

void runner_progress_start(struct runner *run)
{
	clock_gettime(CLOCK_MONOTONIC, &run->prog_start);
	run->prog_last = run->prog_start;
	run->prog_insns = 0;
}

/* Called between slices of simulated time; draws at most twice a second
 * (the wall clock decides only when to print, never what is simulated). */
void runner_progress(struct runner *run)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double dt = wall_s(&run->prog_last, &now);
	if (dt < 0.5)
		return;
	uint64_t insns = runner_insns(run);
	double mips = (double)(insns - run->prog_insns) / dt / 1e6;
	char ts[SIMTIME_BUFLEN];
	fprintf(stderr, "\r\033[Krpsim: %s simulated, %" PRIu64 " instructions, %.1f MIPS, %u steps, %.1f s",
		simtime_format(run->sim.now, ts, sizeof(ts)), insns, mips, run->res->steps_run,
		wall_s(&run->prog_start, &now));
	fflush(stderr);
	run->progress_visible = true;
	run->prog_last = now;
	run->prog_insns = insns;
}

void runner_progress_end(struct runner *run)
{
	progress_clear(run);
}

/* --- the runner's trace sink --- */

static const char *comp_name(const struct runner *run, uint16_t id)
{
	for (unsigned i = 0; i < run->sim.ncomponents; i++)
		if (run->sim.components[i].id == id)
			return run->sim.components[i].name;
	return "sim";
}

/* Out of line: every record of a traced run passes through sink_emit,
 * which then needs no stack frame of its own. */
__attribute__((noinline)) static void show_fwload(struct runner *run, sim_time_t t, uint16_t component,
						  const void *data, uint32_t len)
{
	struct record r;
	if (record_decode(TRACE_FWLOAD, data, len, &r) == RECORD_OK)
		runner_line(run, t, RUNNER_STYLE_STATE, comp_name(run, component), "firmware %.*s",
			    (int)r.u.text.len, (const char *)r.u.text.text);
}

static void sink_emit(struct trace_sink *sink, sim_time_t t, uint16_t type, uint16_t component, const void *data,
		      uint32_t len)
{
	struct runner *run = (struct runner *)((char *)sink - offsetof(struct runner, sink));
	if (type == TRACE_FWLOAD && run->opt.verbosity >= 1)
		show_fwload(run, t, component, data, len);
	if (run->file_sink)
		trace_emit(run->file_sink, t, type, component, data, len);
}

void runner_sink_init(struct runner *run, struct trace_sink *file_sink)
{
	run->sink.emit = sink_emit;
	run->file_sink = file_sink;
}
