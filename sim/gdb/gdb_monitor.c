/* monitor commands (qRcmd): what the host's user could look at or do
 * while GDB holds the simulation.  The files are the host's (sysfs,
 * debugfs: models/host/host.h), read and written at the simulated time
 * the simulation stands at, as the scenario's echo and cat steps do (the
 * same words).  Output goes to GDB's console. */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "models/host/host.h"
#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/gdb/gdb_internal.h"
#include "sim/scenario/scenario.h"

#define OUT_MAX 4096

struct out {
	char buf[OUT_MAX];
	size_t n;
};

static void say(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct out *o, const char *fmt, ...)
{
	if (o->n + 1 >= sizeof(o->buf))
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->n, sizeof(o->buf) - o->n, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->n = o->n + (size_t)n < sizeof(o->buf) ? o->n + (size_t)n : sizeof(o->buf) - 1;
}

static const char *word(enum scenario_step_kind k)
{
	return scenario_step_kind_name(k);
}

static void help(struct out *o)
{
	say(o, "rpsim monitor commands:\n"
	       "  time                  the simulated time, and each core's local time\n"
	       "  state                 each remoteproc's state and each core's state and pc\n"
	       "  channels              the rpmsg channels (/sys/bus/rpmsg/devices)\n"
	       "  %s VALUE > FILE     write a sysfs or debugfs attribute, as echo would\n"
	       "  %s FILE              read one\n"
	       "  history               what reverse execution can go back to\n"
	       "  help                  this list\n"
	       "GDB holds the whole simulation while it is stopped: simulated time stands still.\n",
	    word(SCENARIO_STEP_ECHO), word(SCENARIO_STEP_CAT));
}

static void show_time(struct gdb_session *s, struct out *o)
{
	char ts[SIMTIME_BUFLEN];
	say(o, "simulated time: %s\n", simtime_format(s->t->sim->now, ts, sizeof(ts)));
	for (unsigned i = 0; i < s->t->ncores; i++) {
		struct cpu *c = s->t->cores[i];
		say(o, "  thread %u %s (%s): local time %s, %" PRIu64 " instructions since reset\n", i + 1,
		    s->t->names[i], c->name, simtime_format(cpu_local_time(c), ts, sizeof(ts)), cpu_insns(c));
	}
}

static void show_state(struct gdb_session *s, struct out *o)
{
	for (unsigned i = 0; i < s->t->ncores; i++) {
		struct cpu *c = s->t->cores[i];
		enum rproc_state rs;
		if (s->t->host && host_state(s->t->host, i, &rs) == 0)
			say(o, "%s: %s; ", s->t->names[i], rproc_state_name(rs));
		else
			say(o, "%s: ", s->t->names[i]);
		say(o, "core %s %s, pc 0x%08" PRIx64 "\n", c->name, record_core_state_name(cpu_state(c)),
		    cpu_pc(c));
	}
}

static void show_history(struct gdb_session *s, struct out *o)
{
	if (!s->reverse) {
		say(o, "reverse execution is off: %s\n",
		    s->t->save ? "a checkpoint could not be taken" : "this run writes a trace file (one history), "
		    "or its simulation cannot be saved");
		return;
	}
	char ts[SIMTIME_BUFLEN];
	say(o, "reverse execution: %u checkpoints, %.1f MiB", s->nckpts, (double)s->ckpt_bytes / (1 << 20));
	if (s->nckpts)
		say(o, ", back to t=%s", simtime_format(s->ckpts[0].now, ts, sizeof(ts)));
	say(o, "\n");
}

static void show_channels(struct gdb_session *s, struct out *o)
{
	struct host_channel ch;
	unsigned i;
	for (i = 0; host_channel(s->t->host, i, &ch) == 0; i++)
		say(o, "%s: name %s, src 0x%" PRIx32 ", dst 0x%" PRIx32 ", driver %s\n", ch.devname, ch.name,
		    ch.src, ch.dst, ch.driver ? ch.driver : "(none)");
	if (!i)
		say(o, "no rpmsg channel\n");
}

static void write_attr(struct gdb_session *s, struct out *o, const char *args)
{
	const char *gt = strrchr(args, '>');
	if (!gt) {
		say(o, "usage: monitor %s VALUE > FILE, e.g. %s stop > /sys/class/remoteproc/remoteproc0/state\n",
		    word(SCENARIO_STEP_ECHO), word(SCENARIO_STEP_ECHO));
		return;
	}
	char value[256], path[256];
	size_t vn = (size_t)(gt - args);
	while (vn && args[vn - 1] == ' ')
		vn--;
	const char *p = gt + 1;
	while (*p == ' ')
		p++;
	size_t pn = strlen(p);
	while (pn && p[pn - 1] == ' ')
		pn--;
	if (vn >= sizeof(value) - 1 || pn == 0 || pn >= sizeof(path)) {
		say(o, "%s: the value or the file name is missing or too long\n", word(SCENARIO_STEP_ECHO));
		return;
	}
	memcpy(value, args, vn);
	value[vn++] = '\n'; /* echo writes a newline after the value */
	value[vn] = '\0';
	memcpy(path, p, pn);
	path[pn] = '\0';
	int ret = host_write_file(s->t->host, path, value, vn, s->t->sim->now);
	if (ret < 0)
		say(o, "%s: write error: %s\n", path, strerror(-ret));
	else
		say(o, "%s: written\n", path);
}

static void read_attr(struct gdb_session *s, struct out *o, const char *path)
{
	char buf[1024];
	int n = host_read_file(s->t->host, path, buf, sizeof(buf));
	if (n < 0) {
		say(o, "%s: %s\n", path, strerror(-n));
		return;
	}
	/* file contents may hold anything: print only what is printable */
	for (int i = 0; i < n && buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\t')
			buf[i] = '?';
		else if ((unsigned char)buf[i] >= 0x7f)
			buf[i] = '?';
	say(o, "%s", buf);
	if (n == 0 || buf[strlen(buf) - 1] != '\n')
		say(o, "\n");
}

void gdb_monitor(struct gdb_session *s, const char *cmd)
{
	struct out o = { .n = 0 };
	o.buf[0] = '\0';
	while (*cmd == ' ')
		cmd++;
	size_t n = strcspn(cmd, " ");
	const char *args = cmd + n;
	while (*args == ' ')
		args++;
	bool host_cmd = false;
	if (n == 4 && strncmp(cmd, "help", 4) == 0) {
		help(&o);
	} else if (n == 4 && strncmp(cmd, "time", 4) == 0) {
		show_time(s, &o);
	} else if (n == 5 && strncmp(cmd, "state", 5) == 0) {
		show_state(s, &o);
	} else if (n == 7 && strncmp(cmd, "history", 7) == 0) {
		show_history(s, &o);
	} else if (n == 8 && strncmp(cmd, "channels", 8) == 0) {
		host_cmd = true;
		if (s->t->host)
			show_channels(s, &o);
	} else if (n == strlen(word(SCENARIO_STEP_ECHO)) && strncmp(cmd, word(SCENARIO_STEP_ECHO), n) == 0) {
		host_cmd = true;
		if (s->t->host)
			write_attr(s, &o, args);
	} else if (n == strlen(word(SCENARIO_STEP_CAT)) && strncmp(cmd, word(SCENARIO_STEP_CAT), n) == 0) {
		host_cmd = true;
		if (s->t->host)
			read_attr(s, &o, args);
	} else {
		/* the command may be anything: show it without control bytes */
		char shown[64];
		size_t k;
		for (k = 0; k < n && k < sizeof(shown) - 1; k++)
			shown[k] = (unsigned char)cmd[k] < 0x20 || (unsigned char)cmd[k] >= 0x7f ? '?' : cmd[k];
		shown[k] = '\0';
		say(&o, "unknown monitor command '%s'; 'monitor help' lists them\n", shown);
	}
	if (host_cmd && !s->t->host)
		say(&o, "no Linux host in this simulation (rpsim exec): only time, state and help\n");
	gdb_console(s, o.buf);
	gdb_send_str(s, "OK");
}
