/* The session: acknowledgements, the packet dispatch, run control
 * (continue, step, vCont, ^C, detach, kill), breakpoints and watchpoints
 * (Z/z, the same in every core) and stop replies.  Reads and writes of
 * state are in gdb_query.c, monitor commands in gdb_monitor.c. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/sim.h"
#include "sim/gdb/gdb_internal.h"

/* ---- replies ---- */

void gdb_reply_reset(struct gdb_session *s)
{
	s->olen = 0;
	s->overflow = false;
	s->out[0] = '\0';
}

void gdb_reply_bytes(struct gdb_session *s, const void *data, size_t len)
{
	if (s->olen + len > GDB_PACKET_MAX) {
		s->overflow = true;
		return;
	}
	memcpy(s->out + s->olen, data, len);
	s->olen += len;
	s->out[s->olen] = '\0';
}

void gdb_reply_str(struct gdb_session *s, const char *str)
{
	gdb_reply_bytes(s, str, strlen(str));
}

void gdb_reply_fmt(struct gdb_session *s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		s->overflow = true;
		return;
	}
	gdb_reply_bytes(s, buf, (size_t)n);
}

void gdb_reply_hex(struct gdb_session *s, const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const uint8_t *p = data;
	for (size_t i = 0; i < len; i++) {
		char two[2] = { hex[p[i] >> 4], hex[p[i] & 15] };
		gdb_reply_bytes(s, two, 2);
	}
}

void gdb_reply_send(struct gdb_session *s)
{
	if (s->overflow) {
		gdb_reply_reset(s);
		gdb_reply_str(s, "E01");
	}
	s->flen = gdb_frame(s->framed, sizeof(s->framed), s->out, s->olen);
	if (s->flen)
		s->send(s->send_ctx, s->framed, s->flen);
	gdb_reply_reset(s);
}

void gdb_send_str(struct gdb_session *s, const char *str)
{
	gdb_reply_reset(s);
	gdb_reply_str(s, str);
	gdb_reply_send(s);
}

void gdb_console(struct gdb_session *s, const char *text)
{
	/* in pieces that fit a packet */
	size_t len = strlen(text);
	while (len) {
		size_t n = len < GDB_PACKET_MAX / 2 - 1 ? len : GDB_PACKET_MAX / 2 - 1;
		gdb_reply_reset(s);
		gdb_reply_str(s, "O");
		gdb_reply_hex(s, text, n);
		gdb_reply_send(s);
		text += n;
		len -= n;
	}
}

/* ---- parsing ---- */

int gdb_parse_hex(const char **p, uint64_t *v)
{
	const char *q = *p;
	uint64_t x = 0;
	unsigned n = 0;
	for (;; q++, n++) {
		unsigned d;
		if (*q >= '0' && *q <= '9')
			d = (unsigned)(*q - '0');
		else if (*q >= 'a' && *q <= 'f')
			d = (unsigned)(*q - 'a' + 10);
		else if (*q >= 'A' && *q <= 'F')
			d = (unsigned)(*q - 'A' + 10);
		else
			break;
		if (x >> 60)
			return -1; /* more than 64 bits */
		x = (x << 4) | d;
	}
	if (!n)
		return -1;
	*p = q;
	*v = x;
	return 0;
}

long gdb_hex_to_bytes(const char *hex, size_t nhex, uint8_t *out, size_t cap)
{
	if (nhex % 2 || nhex / 2 > cap)
		return -1;
	for (size_t i = 0; i < nhex / 2; i++) {
		const char *p = hex + 2 * i;
		char two[3] = { p[0], p[1], 0 };
		const char *q = two;
		uint64_t v;
		if (gdb_parse_hex(&q, &v) != 0 || q != two + 2)
			return -1;
		out[i] = (uint8_t)v;
	}
	return (long)(nhex / 2);
}

/* ---- breakpoints, watchpoints and the cores' debugging requests ---- */

static void on_core_stop(void *ctx, struct cpu *cpu, const struct cpu_stop *why);

void gdb_sync_cores(struct gdb_session *s)
{
	const struct cpu_debug *d0 = &s->cores[0].dbg;
	for (unsigned i = 0; i < s->t->ncores; i++) {
		struct cpu_debug *d = &s->cores[i].dbg;
		if (i) {
			memcpy(d->breaks, d0->breaks, sizeof(d->breaks));
			d->nbreaks = d0->nbreaks;
			memcpy(d->watches, d0->watches, sizeof(d->watches));
			d->nwatches = d0->nwatches;
		}
		cpu_set_debug(s->t->cores[i], d);
	}
}

static const char *watch_name(uint8_t kind)
{
	return kind == CPU_WATCH_WRITE ? "watch" : kind == CPU_WATCH_READ ? "rwatch" : "awatch";
}

/* Z and z: type,addr,kind[;conditions] (conditions are not announced) */
static void breakpoint(struct gdb_session *s, const char *arg, bool insert)
{
	const char *p = arg;
	uint64_t type, addr, len;
	if (gdb_parse_hex(&p, &type) || *p++ != ',' || gdb_parse_hex(&p, &addr) || *p++ != ',' ||
	    gdb_parse_hex(&p, &len) || (*p && *p != ';') || type > 4) {
		gdb_send_str(s, "E01");
		return;
	}
	struct cpu_debug *d = &s->cores[0].dbg;
	if (type <= 1) {
		unsigned i;
		for (i = 0; i < d->nbreaks && d->breaks[i] != addr; i++)
			;
		if (insert && i == d->nbreaks) {
			if (d->nbreaks == CPU_DEBUG_MAX_BREAK) {
				gdb_send_str(s, "E01");
				return;
			}
			d->breaks[d->nbreaks++] = addr;
		} else if (!insert && i < d->nbreaks) {
			d->breaks[i] = d->breaks[--d->nbreaks];
		}
	} else {
		uint8_t kind = type == 2 ? CPU_WATCH_WRITE : type == 3 ? CPU_WATCH_READ : CPU_WATCH_ACCESS;
		if (len == 0) {
			gdb_send_str(s, "E01");
			return;
		}
		unsigned i;
		for (i = 0; i < d->nwatches; i++)
			if (d->watches[i].addr == addr && d->watches[i].len == len && d->watches[i].kind == kind)
				break;
		if (insert && i == d->nwatches) {
			if (d->nwatches == CPU_DEBUG_MAX_WATCH) {
				gdb_send_str(s, "E01");
				return;
			}
			d->watches[d->nwatches++] = (struct cpu_watchpoint){ addr, len, kind };
		} else if (!insert && i < d->nwatches) {
			d->watches[i] = d->watches[--d->nwatches];
		}
	}
	gdb_sync_cores(s);
	gdb_send_str(s, "OK");
}

/* ---- stops and run control ---- */

void gdb_send_stop(struct gdb_session *s)
{
	/* the stopped thread becomes the current one for g and c, as GDB
	 * assumes after a stop reply naming it */
	s->g_core = s->c_core = s->stop.core;
	gdb_reply_reset(s);
	gdb_reply_fmt(s, "T%02xthread:%x;", s->stop.sig, s->stop.core + 1);
	if (s->stop.watch)
		gdb_reply_fmt(s, "%s:%" PRIx64 ";", s->stop.watch, s->stop.addr);
	if (s->stop.begin)
		gdb_reply_str(s, "replaylog:begin;"); /* GDB: "No more reverse-execution history." */
	gdb_reply_send(s);
}

static void on_core_stop(void *ctx, struct cpu *cpu, const struct cpu_stop *why)
{
	struct gdb_core *gc = ctx;
	struct gdb_session *s = gc->s;
	(void)cpu;
	if (!s->stopped_by_core) {
		s->stopped_by_core = true;
		s->stop = (struct gdb_stop){ .core = gc->index, .reason = why->reason,
					     .sig = why->reason == CPU_STOP_HALTED ? GDB_SIGSEGV : GDB_SIGTRAP };
		if (why->reason == CPU_STOP_WATCH) {
			/* name it as GDB inserted it: the watchpoint's kind, not the access's */
			uint8_t kind = why->kind;
			const struct cpu_debug *d = &gc->dbg;
			for (unsigned i = 0; i < d->nwatches; i++)
				if (d->watches[i].addr == why->addr && (d->watches[i].kind & why->kind))
					kind = d->watches[i].kind;
			s->stop.watch = watch_name(kind);
			s->stop.addr = why->addr;
		}
	}
	sim_stop(s->t->sim, 0);
}

static void resume(struct gdb_session *s, const uint8_t *act)
{
	gdb_reverse_record(s, act); /* where reverse execution can come back to */
	for (unsigned i = 0; i < s->t->ncores; i++) {
		s->cores[i].dbg.step = act[i] == ACT_STEP;
		s->cores[i].dbg.hold = act[i] == ACT_HOLD;
	}
	gdb_sync_cores(s);
	s->stopped_by_core = false;
	s->state = GDB_SESSION_RUNNING;
}

/* c/s/C/S [sig;][addr]: the Hc thread continues or steps from addr (if
 * given), every other thread continues */
static void cont(struct gdb_session *s, const char *arg, bool step, bool has_sig)
{
	const char *p = arg;
	uint64_t v;
	if (has_sig) {
		if (gdb_parse_hex(&p, &v) != 0) {
			gdb_send_str(s, "E01");
			return;
		}
		if (*p == ';')
			p++;
	}
	if (*p) {
		struct cpu *c = s->t->cores[s->c_core];
		if (gdb_parse_hex(&p, &v) != 0 || *p || cpu_set_reg(c, c->isa->pc_regnum, v) != 0) {
			gdb_send_str(s, "E01");
			return;
		}
	}
	uint8_t act[GDB_MAX_CORES];
	for (unsigned i = 0; i < s->t->ncores; i++)
		act[i] = step && i == s->c_core ? ACT_STEP : ACT_RUN;
	resume(s, act);
}

/* vCont;action[:thread]...: the first action naming a thread is its;
 * one without a thread applies to the threads no action named; threads
 * left without any are held. */
static void vcont(struct gdb_session *s, const char *p)
{
	uint8_t act[GDB_MAX_CORES] = { 0 };
	uint8_t dflt = ACT_NONE;
	while (*p == ';') {
		p++;
		char a = *p++;
		if (a == 'C' || a == 'S') {
			uint64_t sig;
			if (gdb_parse_hex(&p, &sig) != 0)
				goto bad;
		} else if (a != 'c' && a != 's') {
			goto bad;
		}
		uint8_t what = (a == 's' || a == 'S') ? ACT_STEP : ACT_RUN;
		int core = -1;
		if (*p == ':') {
			p++;
			core = gdb_q_thread_id(s, p, &p);
			if (core == -3)
				goto bad;
		}
		if (core >= 0) {
			if (act[core] == ACT_NONE)
				act[core] = what;
		} else if (dflt == ACT_NONE) {
			dflt = what; /* all threads (-1, 0 or none named) */
		}
	}
	if (*p)
		goto bad;
	for (unsigned i = 0; i < s->t->ncores; i++)
		if (act[i] == ACT_NONE)
			act[i] = dflt == ACT_NONE ? ACT_HOLD : dflt;
	resume(s, act);
	return;
bad:
	gdb_send_str(s, "E01");
}

/* The target stopped: no step pending, nothing held (nothing runs). */
static void stop_all(struct gdb_session *s)
{
	for (unsigned i = 0; i < s->t->ncores; i++) {
		s->cores[i].dbg.step = s->cores[i].dbg.hold = false;
		s->cores[i].dbg.stop_count = UINT64_MAX;
	}
	gdb_sync_cores(s);
	s->state = GDB_SESSION_STOPPED;
}

static void detach(struct gdb_session *s)
{
	for (unsigned i = 0; i < s->t->ncores; i++) {
		s->cores[i].dbg.nbreaks = s->cores[i].dbg.nwatches = 0;
		s->cores[i].dbg.step = s->cores[i].dbg.hold = false;
		cpu_set_debug(s->t->cores[i], NULL);
	}
}

static void kill_run(struct gdb_session *s)
{
	detach(s);
	s->t->kill(s->t->ctx);
	s->state = GDB_SESSION_CLOSE;
	s->end = "killed the run";
}

static void handle_v(struct gdb_session *s, const char *pkt)
{
	if (strcmp(pkt, "vCont?") == 0)
		gdb_send_str(s, "vCont;c;C;s;S");
	else if (strncmp(pkt, "vCont;", 6) == 0)
		vcont(s, pkt + 5);
	else if (strncmp(pkt, "vKill", 5) == 0) {
		gdb_send_str(s, "OK");
		kill_run(s);
	} else
		gdb_send_str(s, ""); /* vMustReplyEmpty and everything unknown */
}

static void handle(struct gdb_session *s, char *pkt, size_t len)
{
	switch (pkt[0]) {
	case '?': gdb_send_stop(s); break;
	case 'g': gdb_q_regs_read(s); break;
	case 'G': gdb_q_regs_write(s, pkt + 1); break;
	case 'p': gdb_q_reg_read(s, pkt + 1); break;
	case 'P': gdb_q_reg_write(s, pkt + 1); break;
	case 'm': gdb_q_mem_read(s, pkt + 1); break;
	case 'M': gdb_q_mem_write(s, pkt + 1, false, len - 1); break;
	case 'X': gdb_q_mem_write(s, pkt + 1, true, len - 1); break;
	case 'c': cont(s, pkt + 1, false, false); break;
	case 's': cont(s, pkt + 1, true, false); break;
	case 'C': cont(s, pkt + 1, false, true); break;
	case 'S': cont(s, pkt + 1, true, true); break;
	case 'v': handle_v(s, pkt); break;
	case 'H': gdb_q_thread_set(s, pkt + 1); break;
	case 'T': gdb_q_thread_alive(s, pkt + 1); break;
	case 'Z': breakpoint(s, pkt + 1, true); break;
	case 'z': breakpoint(s, pkt + 1, false); break;
	case 'D':
		gdb_send_str(s, "OK");
		detach(s);
		s->state = GDB_SESSION_CLOSE;
		s->end = "detached from the simulation";
		break;
	case 'k': kill_run(s); break;
	case 'b':
		if (s->reverse && strcmp(pkt, "bs") == 0)
			gdb_reverse_step(s);
		else if (s->reverse && strcmp(pkt, "bc") == 0)
			gdb_reverse_continue(s);
		else
			gdb_send_str(s, "");
		break;
	case 'q':
	case 'Q':
		if (strcmp(pkt, "QStartNoAckMode") == 0) {
			gdb_send_str(s, "OK");
			s->noack = true; /* after the OK, which GDB still acknowledges */
			break;
		}
		gdb_q_query(s, pkt);
		break;
	default:
		gdb_send_str(s, ""); /* not supported: the empty reply */
		break;
	}
}

void gdb_session_input(struct gdb_session *s, const uint8_t *data, size_t len)
{
	while (len && s->state != GDB_SESSION_CLOSE) {
		size_t used = 0;
		enum gdb_rx_event ev = gdb_rx_feed(&s->rx, data, len, &used);
		data += used;
		len -= used;
		switch (ev) {
		case GDB_RX_NONE:
		case GDB_RX_ACK:
			break;
		case GDB_RX_NACK:
			if (!s->noack && s->flen)
				s->send(s->send_ctx, s->framed, s->flen);
			break;
		case GDB_RX_BAD:
			if (!s->noack)
				s->send(s->send_ctx, "-", 1);
			break;
		case GDB_RX_TOO_LONG:
			if (!s->noack)
				s->send(s->send_ctx, "+", 1);
			gdb_send_str(s, "E01");
			break;
		case GDB_RX_INTERRUPT:
			if (s->state == GDB_SESSION_RUNNING) {
				/* the slices stopped: the simulation is between events */
				s->stop = (struct gdb_stop){ .core = s->c_core, .sig = GDB_SIGINT, .by_time = true };
				stop_all(s);
				gdb_send_stop(s);
			}
			break;
		case GDB_RX_PACKET:
			if (!s->noack)
				s->send(s->send_ctx, "+", 1);
			if (s->rx.len)
				handle(s, s->rx.buf, s->rx.len);
			else
				gdb_send_str(s, "");
			break;
		}
	}
}

enum gdb_session_state gdb_session_state(const struct gdb_session *s)
{
	return s->state;
}

void gdb_session_run(struct gdb_session *s, sim_time_t slice)
{
	if (s->state != GDB_SESSION_RUNNING)
		return;
	struct sim *sim = s->t->sim;
	sim_time_t until = sim->now + slice < sim->now ? SIM_TIME_MAX : sim->now + slice;
	bool over = s->t->advance(s->t->ctx, until);
	if (s->stopped_by_core) {
		s->stopped_by_core = false;
		stop_all(s);
		gdb_send_stop(s);
		return;
	}
	if (over) {
		gdb_reply_reset(s);
		gdb_reply_fmt(s, "W%02x", s->t->exit_status(s->t->ctx) & 0xff);
		gdb_reply_send(s);
		detach(s);
		s->state = GDB_SESSION_CLOSE;
		s->end = "saw the run end";
	}
}

bool gdb_session_partial(const struct gdb_session *s)
{
	return gdb_rx_partial(&s->rx);
}

const char *gdb_session_end(const struct gdb_session *s)
{
	return s->end ? s->end : "closed";
}

struct gdb_session *gdb_session_create(struct gdb_target *t, gdb_send_fn send, void *ctx)
{
	struct gdb_session *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->t = t;
	s->send = send;
	s->send_ctx = ctx;
	gdb_rx_init(&s->rx);
	s->state = GDB_SESSION_STOPPED;
	s->stop = (struct gdb_stop){ .core = 0, .sig = GDB_SIGTRAP, .by_time = true };
	for (unsigned i = 0; i < t->ncores && i < GDB_MAX_CORES; i++) {
		struct gdb_core *gc = &s->cores[i];
		gc->s = s;
		gc->index = i;
		gc->dbg.stop_count = UINT64_MAX;
		gc->dbg.stop = on_core_stop;
		gc->dbg.ctx = gc;
	}
	gdb_sync_cores(s);
	gdb_reverse_init(s);
	return s;
}

void gdb_session_free(struct gdb_session *s)
{
	if (!s)
		return;
	detach(s);
	gdb_reverse_free(s);
	free(s);
}
