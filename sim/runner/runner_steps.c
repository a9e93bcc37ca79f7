/* The step machine: plays the scenario's steps as the host's user space. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/runner/runner_internal.h"

static const struct {
	int e;
	const char *name;
} errnames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" }, { ENXIO, "ENXIO" },
	{ EBADF, "EBADF" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
	{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENODEV, "ENODEV" },
	{ EINVAL, "EINVAL" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" }, { EPIPE, "EPIPE" },
	{ ERANGE, "ERANGE" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { EMSGSIZE, "EMSGSIZE" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { ENOBUFS, "ENOBUFS" }, { ENOTTY, "ENOTTY" },
	{ ENETRESET, "ENETRESET" }, { HOST_ERESTARTSYS, "ERESTARTSYS" },
};

static const char *errname(int e, char *buf, size_t len)
{
	if (e == 0)
		return "success";
	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].e == e)
			return errnames[i].name;
	snprintf(buf, len, "errno %d", e);
	return buf;
}

static sim_time_t latency(const struct runner *run, const struct scenario_step *s)
{
	return scenario_step_latency(run->sc, s);
}

static struct runner_frame *top(struct runner *run)
{
	return &run->stack[run->depth];
}

/* The repeat iteration and size the current step sees. */
static void payload_context(struct runner *run, uint32_t *iter, uint32_t *size)
{
	*iter = 0;
	*size = 0;
	for (int k = run->depth; k > 0; k--) {
		if (run->stack[k].repeat) {
			*iter = run->stack[k].iter;
			*size = run->stack[k].size;
			return;
		}
	}
}

static bool in_repeat(const struct runner *run)
{
	return run->depth > 0;
}

/* Describes a byte string for messages: printable text quoted, else hex. */
static void describe(const uint8_t *b, size_t n, char *out, size_t cap)
{
	bool text = true;
	for (size_t i = 0; i < n; i++)
		if (b[i] < 0x20 || b[i] > 0x7e)
			text = false;
	size_t show = n < 48 ? n : 48;
	size_t used = 0;
	if (text) {
		used = (size_t)snprintf(out, cap, "\"%.*s\"", (int)show, (const char *)b);
	} else {
		for (size_t i = 0; i < show && used + 4 < cap; i++)
			used += (size_t)snprintf(out + used, cap - used, "%s%02x", i ? " " : "", b[i]);
	}
	if (show < n && used + 16 < cap)
		snprintf(out + used, cap - used, "... (%zu bytes)", n);
}

/* --- completion and sequencing --- */

/* Whether the timeline shows the current step (steps inside a repeat
 * only with -v): what is not shown is not formatted either. */
static bool step_shown(const struct runner *run)
{
	return run->opt.verbosity >= 1 && (!in_repeat(run) || run->opt.verbosity >= 2);
}

/* After the call's own cost, or when the kernel work it started ends
 * (`echo start` returns once the virtio devices are probed). */
static void schedule_next(struct runner *run, sim_time_t delay)
{
	sim_time_t at = simtime_add(run->sim.now, delay);
	sim_time_t busy = host_busy_until(run->host);
	sim_schedule(&run->sim, &run->step_ev, busy > at ? busy : at);
}

/* The current step is done and met its expectations. `what` is an
 * optional printf format for the timeline, formatted only when printed
 * (a repeat runs thousands of steps nobody reads about). */
static void step_ok(struct runner *run, const char *what, ...) __attribute__((format(printf, 2, 3)));
static void step_ok(struct runner *run, const char *what, ...)
{
	const struct scenario_step *s = run->cur;
	run->res->steps_run++;
	if (step_shown(run)) {
		char buf[320] = "";
		if (what) {
			va_list ap;
			va_start(ap, what);
			buf[0] = ' ';
			vsnprintf(buf + 1, sizeof(buf) - 1, what, ap);
			va_end(ap);
		}
		runner_say(run, run->sim.now, "host", "%s %s: ok%s", s->where, scenario_step_kind_name(s->kind), buf);
	}
	run->blocked = false;
	run->cur = NULL;
	sim_cancel(&run->sim, &run->timeout_ev);
	sim_cancel(&run->sim, &run->poll_ev);
	sim_cancel(&run->sim, &run->poke_ev);
	top(run)->i++;
	schedule_next(run, latency(run, s));
}

static void step_fail(struct runner *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void step_fail(struct runner *run, const char *fmt, ...)
{
	const struct scenario_step *s = run->cur;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	char ts[SIMTIME_BUFLEN];
	uint32_t iter, size;
	payload_context(run, &iter, &size);
	char rep[64] = "";
	if (in_repeat(run))
		snprintf(rep, sizeof(rep), " (repeat iteration %u%s)", iter, size ? ", size" : "");
	if (in_repeat(run) && size)
		snprintf(rep, sizeof(rep), " (repeat iteration %u, size %u)", iter, size);
	runner_fail(run, run->sim.now, "%s: %s %s%s: %s, at t=%s", run->sc->file, s->where,
		    scenario_step_kind_name(s->kind), rep, msg, simtime_format(run->sim.now, ts, sizeof(ts)));
}

/* Checks a call's result against the step's errno expectation; returns
 * true when it matched (the step may go on to check data). */
static bool check_errno(struct runner *run, int ret)
{
	const struct scenario_step *s = run->cur;
	int got = ret < 0 ? -ret : 0;
	if (got == s->expect_errno)
		return true;
	char b1[32], b2[32];
	step_fail(run, "expected %s, got %s", errname(s->expect_errno, b1, sizeof(b1)), errname(got, b2, sizeof(b2)));
	return false;
}

static void block(struct runner *run, sim_time_t timeout)
{
	if (!timeout)
		timeout = run->sc->default_timeout ? run->sc->default_timeout : 10 * SIM_MS;
	if (!run->blocked) {
		run->blocked = true;
		run->deadline = simtime_add(run->sim.now, timeout);
		sim_schedule(&run->sim, &run->timeout_ev, run->deadline);
	}
}

/* --- the steps --- */

static bool step_rproc(struct runner *run, unsigned idx)
{
	return idx < host_nremotes(run->host);
}

/* /sys/class/devcoredump/devcdN/data: whichever remoteproc holds dump N.
 * A read only checks the dump is there (its bytes are the ELF core, in
 * coredump_dir); a write releases it. */
static int devcd_access(struct runner *run, const struct scenario_step *s, bool write)
{
	char buf[16];
	return write ? host_write_file(run->host, s->u.attr.file, "1\n", 2, run->sim.now)
		     : host_read_file(run->host, s->u.attr.file, buf, sizeof(buf));
}

/* echo VALUE > an rpmsg file: the value and a newline, as written */
static int rpmsg_echo(struct runner *run, const struct scenario_step *s)
{
	size_t n = strlen(s->u.attr.value);
	char *buf = malloc(n + 2);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, s->u.attr.value, n);
	buf[n] = '\n';
	int ret = host_write_file(run->host, s->u.attr.file, buf, n + 1, run->sim.now);
	free(buf);
	return ret;
}

static void do_echo(struct runner *run, const struct scenario_step *s)
{
	if (s->u.attr.dir == SCENARIO_ATTR_RPMSG) {
		if (check_errno(run, rpmsg_echo(run, s)))
			step_ok(run, "(echo %s > %s)", s->u.attr.value, s->u.attr.file);
		return;
	}
	if (s->u.attr.dir == SCENARIO_ATTR_DEVCOREDUMP) {
		if (check_errno(run, devcd_access(run, s, true)))
			step_ok(run, "(echo %s > %s)", s->u.attr.value, s->u.attr.file);
		return;
	}
	int ret;
	if (!step_rproc(run, s->u.attr.rproc)) {
		ret = -ENOENT;
	} else {
		/* echo writes the value and a newline */
		size_t n = strlen(s->u.attr.value);
		char *buf = malloc(n + 2);
		if (!buf) {
			step_fail(run, "out of memory");
			return;
		}
		memcpy(buf, s->u.attr.value, n);
		buf[n] = '\n';
		buf[n + 1] = '\0';
		ret = host_write_file(run->host, s->u.attr.file, buf, n + 1, run->sim.now);
		free(buf);
		const char *why = host_last_error(run->host, s->u.attr.rproc);
		if (ret && why && !s->expect_errno)
			step_fail(run, "expected success, got %s: %s", errname(-ret, (char[32]){ 0 }, 32),
				  why);
	}
	if (run->done)
		return;
	if (check_errno(run, ret))
		step_ok(run, "(echo %s > %s)", s->u.attr.value, s->u.attr.file);
}

static void strip_nl(char *s)
{
	size_t n = strlen(s);
	if (n && s[n - 1] == '\n')
		s[n - 1] = '\0';
}

/* What a cat read, for the timeline: the first line (control bytes as
 * \xNN, cut at 100 characters), and how many lines follow. */
static void show_read(const char *buf, char *out, size_t cap)
{
	size_t used = 0, i = 0;
	out[0] = '\0';
	used += (size_t)snprintf(out, cap, "\"");
	for (; buf[i] && buf[i] != '\n' && i < 100 && used + 6 < cap; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[used++] = (char)c;
		else
			used += (size_t)snprintf(out + used, cap - used, "\\x%02x", c);
	}
	out[used] = '\0';
	unsigned more = 0;
	for (const char *p = strchr(buf + i, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
		more++;
	snprintf(out + used, cap - used, "%s\"%s", buf[i] && buf[i] != '\n' ? "..." : "", "");
	if (more) {
		size_t n = strlen(out);
		snprintf(out + n, cap - n, " (+%u more line%s)", more, more == 1 ? "" : "s");
	}
}

static void do_cat(struct runner *run, const struct scenario_step *s)
{
	if (s->u.attr.dir == SCENARIO_ATTR_DEVCOREDUMP) {
		if (check_errno(run, devcd_access(run, s, false)))
			step_ok(run, "(%s is there)", s->u.attr.file);
		return;
	}
	static char buf[65536];
	buf[0] = '\0';
	int ret = s->u.attr.dir == SCENARIO_ATTR_RPMSG
			  ? host_read_file(run->host, s->u.attr.file, buf, sizeof(buf))
		  : !step_rproc(run, s->u.attr.rproc)
			  ? -ENOENT
			  : host_read_file(run->host, s->u.attr.file, buf, sizeof(buf));
	if (!check_errno(run, ret < 0 ? ret : 0))
		return;
	if (ret < 0) {
		step_ok(run, NULL);
		return;
	}
	char shown[200];
	show_read(buf, shown, sizeof(shown));
	if (s->u.attr.value) {
		char want[1024];
		snprintf(want, sizeof(want), "%s", s->u.attr.value);
		strip_nl(want);
		char got[sizeof(buf)];
		snprintf(got, sizeof(got), "%s", buf);
		strip_nl(got);
		if (strcmp(want, got) != 0) {
			step_fail(run, "%s reads \"%.200s\", expected \"%s\"", s->u.attr.file, got, want);
			return;
		}
	}
	step_ok(run, "(cat %s: %s)", s->u.attr.file, shown);
}

struct runner_file *runner_file_open(struct runner *run, const char *path, bool nonblock, int *ret)
{
	struct runner_file *rf = runner_file_find(run, path);
	if (rf) {
		*ret = 0;
		return rf;
	}
	for (unsigned i = 0; i < RUNNER_MAX_FILES; i++) {
		if (run->files[i].f)
			continue;
		*ret = host_open(run->host, path, &run->files[i].f, run->sim.now);
		if (*ret < 0) {
			run->files[i].f = NULL;
			return NULL;
		}
		snprintf(run->files[i].path, sizeof(run->files[i].path), "%s", path);
		run->files[i].nonblock = nonblock;
		return &run->files[i];
	}
	*ret = -EMFILE;
	return NULL;
}

/* read and write open the device if the scenario has not (and keep it
 * open, as a test program holding its fd would). NULL when the open
 * failed: the step is then finished, checked against its errno. */
static struct runner_file *step_file(struct runner *run, const struct scenario_step *s)
{
	int ret;
	struct runner_file *rf = runner_file_open(run, s->u.dev.dev, false, &ret);
	if (!rf && check_errno(run, ret))
		step_ok(run, NULL);
	return rf;
}

static void do_open(struct runner *run, const struct scenario_step *s)
{
	int ret;
	struct runner_file *rf = runner_file_find(run, s->u.dev.dev);
	if (rf) {
		/* a second open of the same device: the model answers (EBUSY) */
		struct host_file *f2 = NULL;
		ret = host_open(run->host, s->u.dev.dev, &f2, run->sim.now);
		if (ret == 0 && f2)
			host_close(f2, run->sim.now);
	} else {
		rf = runner_file_open(run, s->u.dev.dev, s->u.dev.nonblock, &ret);
		/* open, then tcsetattr(cfmakeraw), as `stty raw -echo` would */
		if (rf && s->u.dev.raw)
			ret = host_tty_set_raw(rf->f, true);
	}
	if (check_errno(run, ret))
		step_ok(run, NULL);
}

static void do_close(struct runner *run, const struct scenario_step *s)
{
	struct runner_file *rf = runner_file_find(run, s->u.dev.dev);
	if (!check_errno(run, rf ? 0 : -EBADF))
		return;
	if (rf) {
		host_close(rf->f, run->sim.now);
		rf->f = NULL;
	}
	step_ok(run, NULL);
}

static void do_write(struct runner *run, const struct scenario_step *s)
{
	struct runner_file *rf = step_file(run, s);
	if (!rf)
		return;
	uint32_t iter, size;
	payload_context(run, &iter, &size);
	static uint8_t buf[SCENARIO_PAYLOAD_MAX];
	long n = scenario_payload_fill(&s->u.dev.payload, size, buf, sizeof(buf));
	if (n < 0) {
		step_fail(run, "payload larger than %u bytes", SCENARIO_PAYLOAD_MAX);
		return;
	}
	long w = host_write(rf->f, buf, (size_t)n, rf->nonblock, run->sim.now);
	if (w == RPMSG_WOULD_BLOCK) {
		/* retried when a TX buffer frees, and when rpmsg_send gives up */
		run->deadline = host_write_deadline(rf->f);
		if (!run->blocked) {
			run->blocked = true;
			sim_schedule(&run->sim, &run->timeout_ev, run->deadline);
		}
		return;
	}
	if (!check_errno(run, w < 0 ? (int)w : 0))
		return;
	if (w >= 0 && step_shown(run)) {
		char what[300];
		describe(buf, (size_t)n, what, sizeof(what));
		step_ok(run, "(%ld bytes: %s)", n, what);
	} else {
		step_ok(run, NULL);
	}
}

static void do_read(struct runner *run, const struct scenario_step *s)
{
	struct runner_file *rf = step_file(run, s);
	if (!rf)
		return;
	static uint8_t buf[SCENARIO_PAYLOAD_MAX];
	uint32_t cap = s->u.dev.max_len ? s->u.dev.max_len : 512;
	if (cap > sizeof(buf))
		cap = sizeof(buf);
	long n = host_read(rf->f, buf, cap, rf->nonblock);
	if (n == RPMSG_WOULD_BLOCK) {
		block(run, s->u.dev.timeout);
		return;
	}
	if (!check_errno(run, n < 0 ? (int)n : 0))
		return;
	if (n >= 0 && s->u.dev.payload.kind != SCENARIO_PAYLOAD_NONE) {
		uint32_t iter, size;
		payload_context(run, &iter, &size);
		static uint8_t want[SCENARIO_PAYLOAD_MAX];
		long wn = scenario_payload_fill(&s->u.dev.payload, size, want, sizeof(want));
		char got_s[300], want_s[300];
		if (s->u.dev.payload.kind == SCENARIO_PAYLOAD_SIZE_ONLY) {
			if (n != wn) {
				step_fail(run, "expected a message of %ld bytes, read %ld bytes", wn, n);
				return;
			}
		} else if (n != wn || memcmp(buf, want, (size_t)n) != 0) {
			describe(buf, (size_t)n, got_s, sizeof(got_s));
			describe(want, (size_t)(wn < 0 ? 0 : wn), want_s, sizeof(want_s));
			long at = 0;
			while (at < n && at < wn && buf[at] == want[at])
				at++;
			step_fail(run, "read %ld bytes %s, expected %ld bytes %s (first difference at byte %ld)", n,
				  got_s, wn, want_s, at);
			return;
		}
	}
	if (n >= 0 && step_shown(run)) {
		char what[300];
		describe(buf, (size_t)n, what, sizeof(what));
		step_ok(run, "(%ld bytes: %s)", n, what);
	} else {
		step_ok(run, NULL);
	}
}

static void do_ioctl(struct runner *run, const struct scenario_step *s)
{
	int ret;
	struct runner_file *rf = runner_file_open(run, s->u.dev.dev, false, &ret);
	if (!rf) {
		if (check_errno(run, ret))
			step_ok(run, NULL);
		return;
	}
	struct rpmsg_endpoint_info info;
	memset(&info, 0, sizeof(info));
	snprintf(info.name, sizeof(info.name), "%s", s->u.dev.ept_name ? s->u.dev.ept_name : "");
	info.src = s->u.dev.ept_src;
	info.dst = s->u.dev.ept_dst;
	int32_t val = s->u.dev.ioctl_value;
	int minor = -1;
	switch (s->u.dev.ioctl) {
	case SCENARIO_IOCTL_CREATE_EPT:
		ret = host_ioctl_create_ept(rf->f, &info, &minor, run->sim.now);
		break;
	case SCENARIO_IOCTL_DESTROY_EPT:
		ret = host_ioctl_destroy_ept(rf->f, run->sim.now);
		break;
	case SCENARIO_IOCTL_CREATE_DEV:
	case SCENARIO_IOCTL_RELEASE_DEV:
		ret = host_ioctl_dev(rf->f, s->u.dev.ioctl == SCENARIO_IOCTL_CREATE_DEV, &info,
				     run->sim.now);
		break;
	case SCENARIO_IOCTL_SET_SHUTDOWN:
	case SCENARIO_IOCTL_GET_SHUTDOWN:
		ret = host_ioctl_shutdown_on_release(rf->f, s->u.dev.ioctl == SCENARIO_IOCTL_SET_SHUTDOWN,
						     &val);
		break;
	}
	if (!check_errno(run, ret))
		return;
	if (ret == 0 && s->u.dev.ioctl == SCENARIO_IOCTL_GET_SHUTDOWN && val != s->u.dev.ioctl_value) {
		step_fail(run, "RPROC_GET_SHUTDOWN_ON_RELEASE gave %d, expected %d", (int)val,
			  (int)s->u.dev.ioctl_value);
		return;
	}
	if (ret == 0 && s->u.dev.ioctl == SCENARIO_IOCTL_GET_SHUTDOWN)
		step_ok(run, "(%d)", (int)val);
	else
		step_ok(run, NULL);
}

/* "POLLIN|POLLRDNORM", or "nothing" */
static void poll_names(unsigned mask, char *out, size_t cap)
{
	size_t used = 0;
	out[0] = '\0';
	for (unsigned bit = 1; bit && bit <= mask; bit <<= 1) {
		if (!(mask & bit))
			continue;
		const char *n = scenario_poll_name(bit);
		char tmp[16];
		if (!n) {
			snprintf(tmp, sizeof(tmp), "0x%x", bit);
			n = tmp;
		}
		int k = snprintf(out + used, cap - used, "%s%s", used ? "|" : "", n);
		if (k < 0 || (size_t)k >= cap - used)
			break;
		used += (size_t)k;
	}
	if (!used)
		snprintf(out, cap, "nothing (timed out)");
}

/* The poll returned revents (0: it timed out): checked against expect. */
static void poll_done(struct runner *run, const struct scenario_step *s, unsigned revents)
{
	char got[160], want[160];
	poll_names(revents, got, sizeof(got));
	if (s->u.dev.poll_expect >= 0 && revents != (unsigned)s->u.dev.poll_expect) {
		poll_names((unsigned)s->u.dev.poll_expect, want, sizeof(want));
		step_fail(run, "poll on %s returned %s, expected %s", s->u.dev.dev, got, want);
		return;
	}
	step_ok(run, "(%s)", got);
}

/* poll(2) of one file: the events asked for, plus POLLERR, POLLHUP and
 * POLLNVAL which poll always reports; blocks until one of them or the
 * timeout, which ends the step with nothing (not a failure). */
static void do_poll(struct runner *run, const struct scenario_step *s)
{
	struct runner_file *rf = step_file(run, s);
	if (!rf)
		return;
	if (!check_errno(run, 0))
		return;
	unsigned want = s->u.dev.poll_events | HOST_POLLERR | HOST_POLLHUP | HOST_POLLNVAL;
	unsigned revents = host_poll(rf->f) & want;
	if (revents || !s->u.dev.timeout) {
		poll_done(run, s, revents);
		return;
	}
	block(run, s->u.dev.timeout);
}

static void poll_trace(struct event *ev, void *ctx);

static void do_wait(struct runner *run, const struct scenario_step *s)
{
	char seen[768];
	if (runner_wait_met(run, s, seen, sizeof(seen))) {
		step_ok(run, NULL);
		return;
	}
	if (s->u.wait.what == SCENARIO_WAIT_TIME) {
		/* not a timeout: come back exactly then */
		run->blocked = true;
		sim_schedule(&run->sim, &run->poll_ev, s->u.wait.time);
		return;
	}
	block(run, s->u.wait.timeout);
	if (s->u.wait.what == SCENARIO_WAIT_TRACE && !event_pending(&run->poll_ev))
		sim_schedule(&run->sim, &run->poll_ev, simtime_add(run->sim.now, RUNNER_TRACE_POLL));
}

static void do_crash(struct runner *run, const struct scenario_step *s)
{
	bool rp = step_rproc(run, s->u.crash.rproc);
	if (!check_errno(run, rp ? 0 : -ENOENT))
		return;
	if (rp && s->u.crash.rproc < run->nremotes)
		run->remotes[s->u.crash.rproc].crash_injected = true; /* expected: not news */
	if (rp)
		host_report_crash(run->host, s->u.crash.rproc, (enum rproc_crash_type)s->u.crash.type,
				  run->sim.now);
	step_ok(run, NULL);
}

static void run_step(struct runner *run, const struct scenario_step *s)
{
	run->cur = s;
	switch (s->kind) {
	case SCENARIO_STEP_ECHO: do_echo(run, s); break;
	case SCENARIO_STEP_CAT: do_cat(run, s); break;
	case SCENARIO_STEP_OPEN: do_open(run, s); break;
	case SCENARIO_STEP_CLOSE: do_close(run, s); break;
	case SCENARIO_STEP_WRITE: do_write(run, s); break;
	case SCENARIO_STEP_READ: do_read(run, s); break;
	case SCENARIO_STEP_IOCTL: do_ioctl(run, s); break;
	case SCENARIO_STEP_POLL: do_poll(run, s); break;
	case SCENARIO_STEP_WAIT: do_wait(run, s); break;
	case SCENARIO_STEP_CRASH: do_crash(run, s); break;
	case SCENARIO_STEP_RUN:
		run->res->steps_run++;
		run->cur = NULL;
		top(run)->i++;
		schedule_next(run, s->u.run.duration);
		break;
	case SCENARIO_STEP_REPEAT: {
		const struct scenario_step *r = s;
		uint32_t count = r->u.repeat.by_size
			? (r->u.repeat.size_to - r->u.repeat.size_from) / r->u.repeat.size_by + 1
			: r->u.repeat.count;
		run->cur = NULL;
		if (count == 0 || r->u.repeat.nsteps == 0 || run->depth + 1 >= (int)(sizeof(run->stack) / sizeof(run->stack[0]))) {
			top(run)->i++;
			schedule_next(run, 0);
			break;
		}
		run->depth++;
		*top(run) = (struct runner_frame){
			.steps = r->u.repeat.steps, .n = r->u.repeat.nsteps, .i = 0, .iter = 0, .count = count,
			.size = r->u.repeat.by_size ? r->u.repeat.size_from : 0, .repeat = r,
		};
		schedule_next(run, 0);
		break;
	}
	}
}

/* A step about to start: a livelock when too many steps went by without
 * simulated time advancing (repeats of steps that take no time nest up to
 * 10^48 iterations: the time limit alone would never end such a run). */
static bool livelock(struct runner *run, const struct scenario_step *s)
{
	if (run->sim.now != run->still_at) {
		run->still_at = run->sim.now;
		run->still_steps = 0;
		run->still_events = run->sim.events_fired;
	}
	run->last_step = s;
	if (++run->still_steps <= RUNNER_LIVELOCK_STEPS)
		return false;
	char ts[SIMTIME_BUFLEN];
	runner_fail(run, run->sim.now, "%s: %s %s: livelock: %u steps ran at t=%s without simulated "
		    "time advancing; steps that take no time (\"run\": \"0ps\", waits for a time "
		    "already passed, zero host latencies) repeated without end; give the repeat a "
		    "step that takes time", run->sc->file, s->where, scenario_step_kind_name(s->kind),
		    RUNNER_LIVELOCK_STEPS, simtime_format(run->sim.now, ts, sizeof(ts)));
	return true;
}

/* Fires when it is time for the next step. */
static void next_step(struct event *ev, void *ctx)
{
	struct runner *run = ctx;
	(void)ev;
	if (run->done)
		return;
	for (;;) {
		struct runner_frame *f = top(run);
		if (f->i < f->n)
			break;
		if (run->depth == 0) {
			run->done = true;
			sim_stop(&run->sim, 0);
			return;
		}
		/* end of a repeat body: next iteration or pop */
		f->iter++;
		if (f->iter < f->count) {
			f->i = 0;
			if (f->repeat->u.repeat.by_size)
				f->size += f->repeat->u.repeat.size_by;
			continue;
		}
		const struct scenario_step *r = f->repeat;
		run->depth--;
		runner_say(run, run->sim.now, "host", "%s repeat: ok (%u iterations)", r->where, f->count);
		top(run)->i++;
	}
	if (livelock(run, &top(run)->steps[top(run)->i]))
		return;
	run_step(run, &top(run)->steps[top(run)->i]);
}

void runner_steps_poke(struct runner *run, sim_time_t t)
{
	if (!run->blocked || run->done || !run->cur)
		return;
	/* A model reports a change at a time ahead of now (its own
	 * latency): the host sees it then, not before. */
	if (t > run->sim.now) {
		if (!event_pending(&run->poke_ev) || run->poke_ev.time > t)
			sim_schedule(&run->sim, &run->poke_ev, t);
		return;
	}
	/* re-run the blocked step at the current time: it either completes
	 * or blocks again (the timeout stays armed) */
	const struct scenario_step *s = run->cur;
	if (s->kind == SCENARIO_STEP_WAIT) {
		char seen[768];
		if (runner_wait_met(run, s, seen, sizeof(seen)))
			step_ok(run, NULL);
		return;
	}
	run_step(run, s);
}

static void timed_out(struct event *ev, void *ctx)
{
	struct runner *run = ctx;
	(void)ev;
	if (!run->blocked || !run->cur)
		return;
	const struct scenario_step *s = run->cur;
	char seen[768] = "nothing happened";
	if (s->kind == SCENARIO_STEP_WAIT && runner_wait_met(run, s, seen, sizeof(seen))) {
		step_ok(run, NULL);
		return;
	}
	if (s->kind == SCENARIO_STEP_POLL) {
		poll_done(run, s, 0); /* poll returned 0: nothing happened */
		return;
	}
	if (s->kind == SCENARIO_STEP_WRITE) {
		/* rpmsg_send's 15 s are over: the write now says so */
		run_step(run, s);
		return;
	}
	if (s->kind == SCENARIO_STEP_WAIT && s->u.wait.what == SCENARIO_WAIT_CHANNEL)
		runner_channel_hint(run, s, seen, sizeof(seen));
	if (s->kind == SCENARIO_STEP_READ)
		snprintf(seen, sizeof(seen), "no message arrived on %s", s->u.dev.dev);
	step_fail(run, "timed out: %s", seen);
}

static void poll_trace(struct event *ev, void *ctx)
{
	struct runner *run = ctx;
	(void)ev;
	if (!run->blocked || !run->cur)
		return;
	const struct scenario_step *s = run->cur;
	if (s->kind == SCENARIO_STEP_WAIT && s->u.wait.what == SCENARIO_WAIT_TIME) {
		run->blocked = false;
		step_ok(run, NULL);
		return;
	}
	runner_steps_poke(run, run->sim.now);
	if (run->blocked && run->cur == s && s->kind == SCENARIO_STEP_WAIT && s->u.wait.what == SCENARIO_WAIT_TRACE)
		sim_schedule(&run->sim, &run->poll_ev, simtime_add(run->sim.now, RUNNER_TRACE_POLL));
}

static void poke_later(struct event *ev, void *ctx)
{
	struct runner *run = ctx;
	(void)ev;
	runner_steps_poke(run, run->sim.now);
}

void runner_steps_init(struct runner *run)
{
	event_init(&run->poke_ev, "step-poke", poke_later, run);
	event_init(&run->step_ev, "step", next_step, run);
	event_init(&run->timeout_ev, "step-timeout", timed_out, run);
	event_init(&run->poll_ev, "step-poll", poll_trace, run);
	run->depth = 0;
	run->stack[0] = (struct runner_frame){ .steps = run->sc->steps, .n = run->sc->nsteps };
}

void runner_steps_start(struct runner *run)
{
	run->depth = 0;
	run->stack[0] = (struct runner_frame){ .steps = run->sc->steps, .n = run->sc->nsteps };
	for (unsigned i = 0; i < run->nremotes; i++) {
		if (!run->sc->platform.remotes[i].auto_boot)
			continue;
		int ret = host_boot(run->host, i, 0);
		if (ret)
			runner_fail(run, 0, "%s: auto boot of remoteproc%u failed (%d)", run->sc->file, i, ret);
	}
	schedule_next(run, 0);
}
