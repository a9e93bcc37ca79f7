/* Trace file exporters: text dump, Chrome/Perfetto JSON, VCD.  They read
 * only the trace file.  Payload layouts: sim/trace.h, doc/trace-format.md. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/escape.h"
#include "sim/core/le.h"
#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/trace/tracefile.h"

#define PREVIEW 32

/* The first max bytes as C-like escaped text between quotes
 * (sim/core/escape.h). */
static size_t escape(char *out, size_t cap, const uint8_t *p, size_t n, size_t max)
{
	return sim_escape(out, cap, p, n < max ? n : max, SIM_ESC_QUOTE);
}

void tracefile_describe(const struct tracefile_record *rec, char *buf, size_t len)
{
	const uint8_t *p = rec->data;
	uint32_t n = rec->len;
	char text[512];
	struct record r;
	enum record_decode_result dr = record_decode(rec->type, p, n, &r);
	if (dr == RECORD_SHORT) {
		escape(text, sizeof(text), p, n, 64);
		snprintf(buf, len, "malformed: %u bytes, %u expected \"%s\"", n,
			 record_min_len(rec->type), text);
		return;
	}
	switch (dr == RECORD_OK ? rec->type : 0) {
	case TRACE_LOG:
		escape(text, sizeof(text), r.u.log.text, r.u.log.len, SIZE_MAX);
		snprintf(buf, len, "%s: %s", record_log_cat_name(r.u.log.cat), text);
		return;
	case TRACE_COMPONENT:
		escape(text, sizeof(text), r.u.component.name, r.u.component.len, SIZE_MAX);
		snprintf(buf, len, "id=%u name=%s", r.u.component.id, text);
		return;
	case TRACE_STATE:
		snprintf(buf, len, "%s -> %s", record_rproc_state_name(r.u.state.old),
			 record_rproc_state_name(r.u.state.now));
		return;
	case TRACE_MBOX:
		snprintf(buf, len, "%s chan=%u %s value=0x%08" PRIx32, record_dir_name(r.u.mbox.dir),
			 r.u.mbox.chan, record_mbox_op_name(r.u.mbox.op), r.u.mbox.value);
		return;
	case TRACE_IRQ:
		snprintf(buf, len, "line=%" PRIu32 " level=%u", r.u.irq.line, r.u.irq.level);
		return;
	case TRACE_KICK:
		snprintf(buf, len, "%s notifyid=%" PRIu32, record_dir_name(r.u.kick.dir), r.u.kick.notifyid);
		return;
	case TRACE_RPMSG:
		escape(text, sizeof(text), r.u.rpmsg.data, r.u.rpmsg.nbytes, PREVIEW);
		snprintf(buf, len, "%s src=0x%" PRIx32 " dst=0x%" PRIx32 " len=%u \"%s\"%s",
			 record_rpmsg_dir_name(r.u.rpmsg.dir), r.u.rpmsg.src, r.u.rpmsg.dst, r.u.rpmsg.len,
			 text, r.u.rpmsg.nbytes > PREVIEW ? "..." : "");
		return;
	case TRACE_UART:
	case TRACE_FWTRACE:
	case TRACE_FWLOAD:
		escape(text, sizeof(text), r.u.text.text, r.u.text.len, SIZE_MAX);
		snprintf(buf, len, "%s", text);
		return;
	case TRACE_CORE:
		snprintf(buf, len, "%s", record_core_state_name(r.u.core.state));
		return;
	case TRACE_INSN:
		snprintf(buf, len, "pc=0x%08" PRIx32 " insn=0x%08" PRIx32 " x%u=0x%08" PRIx32,
			 r.u.insn.pc, r.u.insn.insn, r.u.insn.rd, r.u.insn.value);
		return;
	case TRACE_TRAP:
		snprintf(buf, len, "cause=0x%" PRIx32 " epc=0x%08" PRIx32 " tval=0x%08" PRIx32,
			 r.u.trap.cause, r.u.trap.epc, r.u.trap.tval);
		return;
	case TRACE_HOST_STEP:
		escape(text, sizeof(text), r.u.step.text, r.u.step.len, SIZE_MAX);
		snprintf(buf, len, "step %" PRIu32 ": %s", r.u.step.index, text);
		return;
	case TRACE_EXPECT:
		escape(text, sizeof(text), r.u.expect.text, r.u.expect.len, SIZE_MAX);
		snprintf(buf, len, "%s: %s", r.u.expect.ok ? "ok" : "FAILED", text);
		return;
	case TRACE_CHANNEL:
		escape(text, sizeof(text), r.u.channel.name, r.u.channel.len, SIZE_MAX);
		snprintf(buf, len, "%s addr=0x%" PRIx32 " name=%s", r.u.channel.created ? "created" : "destroyed",
			 r.u.channel.addr, text);
		return;
	default:
		break;
	}
	if (rec->type == TRACEFILE_REC_IDENTITY) {
		enum tracefile_id_kind kind;
		uint64_t hash, size;
		const char *path;
		size_t plen;
		if (tracefile_parse_identity(rec, &kind, &hash, &size, &path, &plen) == 0) {
			escape(text, sizeof(text), (const uint8_t *)path, plen, SIZE_MAX);
			snprintf(buf, len, "%s fnv1a64=%016" PRIx64 " size=%" PRIu64 " %s",
				 record_id_kind_name(kind), hash, size, text);
			return;
		}
	}
	/* unknown or undecodable: hex */
	size_t o = 0;
	buf[0] = '\0';
	for (uint32_t i = 0; i < n && i < 64 && o + 4 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%02x", i ? " " : "", p[i]);
	if (n > 64 && o + 16 < len)
		snprintf(buf + o, len - o, " (+%u bytes)", n - 64);
}

/* The component's name as the trace gave it, escaped into tmp (names come
 * from the file: a crafted trace must not reach the terminal raw). */
static const char *comp_name(struct tracefile_reader *r, uint16_t id, char *tmp, size_t len)
{
	if (id == TRACEFILE_NO_COMPONENT)
		return "-";
	const char *n = tracefile_component_name(r, id);
	if (n)
		return sim_escape_str(tmp, len, n);
	snprintf(tmp, len, "#%u", id);
	return tmp;
}

static int out_error(FILE *out, char *err, size_t errlen)
{
	if (ferror(out)) {
		snprintf(err, errlen, "writing the output failed");
		return -1;
	}
	return 0;
}

int tracefile_dump(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	tracefile_rewind(r);
	fprintf(out, "# rpsim trace, format version %u, flags 0x%04x%s, %" PRIu64 " records\n",
		tracefile_version(r), tracefile_flags(r),
		tracefile_flags(r) & TRACEFILE_FLAG_INSNS ? " (instructions)" : "",
		tracefile_record_count(r));
	struct tracefile_record rec;
	int rc;
	char desc[1024], ts[SIMTIME_BUFLEN], cn[SIM_ESCAPE_SIZE(TRACEFILE_NAME_MAX)], tn[16];
	while ((rc = tracefile_next(r, &rec, err, errlen)) > 0) {
		const char *type = tracefile_type_name(rec.type);
		if (!type) {
			snprintf(tn, sizeof(tn), "TYPE%u", rec.type);
			type = tn;
		}
		tracefile_describe(&rec, desc, sizeof(desc));
		fprintf(out, "%s %-12s %-9s %s\n", simtime_format_fixed(rec.time, ts, sizeof(ts)),
			comp_name(r, rec.component, cn, sizeof(cn)), type, desc);
	}
	if (rc < 0)
		return -1;
	return out_error(out, err, errlen);
}

/* ---- Perfetto / Chrome trace-event JSON ---- */

static void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* microseconds with picosecond precision, exact */
static void json_ts(FILE *out, sim_time_t t)
{
	fprintf(out, "%" PRIu64 ".%06" PRIu64, t / SIM_US, t % SIM_US);
}

/* A message (or a kick) whose flow arrow has a start but no end yet.
 * Both ends are written when the end is found (trace-event JSON need not
 * be in time order), so no arrow is left dangling. */
struct flow_start {
	uint32_t src, dst;
	uint16_t component;
	unsigned tid;
	sim_time_t time;
};

#define MAX_PENDING 4096

struct flows {
	struct flow_start *sent; /* RPMSG sent, oldest first */
	size_t nsent;
	struct flow_start kick;  /* the latest mailbox message to the host */
	bool kick_open;
	uint64_t next_id;
};

static void flow_pair(FILE *out, struct flows *f, const struct flow_start *from,
		      sim_time_t t, unsigned tid)
{
	uint64_t id = f->next_id++;
	fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"s\",\"id\":%" PRIu64 ",\"ts\":", id);
	json_ts(out, from->time);
	fprintf(out, ",\"pid\":1,\"tid\":%u}", from->tid);
	fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%" PRIu64 ",\"ts\":", id);
	json_ts(out, t);
	fprintf(out, ",\"pid\":1,\"tid\":%u}", tid);
}

static void flow_drop(struct flows *f, size_t i)
{
	memmove(f->sent + i, f->sent + i + 1, (f->nsent - i - 1) * sizeof(*f->sent));
	f->nsent--;
}

/* The pairing rule of doc/trace-format.md. */
static void flow_record(FILE *out, struct flows *f, const struct tracefile_record *rec, unsigned tid)
{
	struct record r;
	if (record_decode(rec->type, rec->data, rec->len, &r) != RECORD_OK)
		return;
	if (rec->type == TRACE_RPMSG) {
		uint32_t src = r.u.rpmsg.src, dst = r.u.rpmsg.dst;
		if (r.u.rpmsg.dir == 0) {
			if (f->nsent == MAX_PENDING) /* never received: forget the oldest */
				flow_drop(f, 0);
			f->sent[f->nsent++] = (struct flow_start){ src, dst, rec->component, tid, rec->time };
			return;
		}
		for (size_t i = 0; i < f->nsent; i++) {
			if (f->sent[i].src == src && f->sent[i].dst == dst &&
			    f->sent[i].component != rec->component) {
				flow_pair(out, f, &f->sent[i], rec->time, tid);
				flow_drop(f, i);
				return;
			}
		}
		if (f->kick_open && f->kick.component != rec->component) {
			flow_pair(out, f, &f->kick, rec->time, tid);
			f->kick_open = false;
		}
		return;
	}
	/* MBOX: the remote's side of a message, seen through the mailbox */
	if (r.u.mbox.dir == RECORD_TO_REMOTE && r.u.mbox.op == RECORD_MBOX_RECV) {
		/* the remote takes the kick: every message sent before it is
		 * in the vring it is about to read */
		for (size_t i = 0; i < f->nsent;) {
			if (f->sent[i].component != rec->component) {
				flow_pair(out, f, &f->sent[i], rec->time, tid);
				flow_drop(f, i);
			} else {
				i++;
			}
		}
	} else if (r.u.mbox.dir == RECORD_TO_HOST && r.u.mbox.op == RECORD_MBOX_SEND) {
		f->kick = (struct flow_start){ 0, 0, rec->component, tid, rec->time };
		f->kick_open = true;
	}
}

int tracefile_perfetto(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	tracefile_rewind(r);
	struct flows f = { .sent = malloc(MAX_PENDING * sizeof(*f.sent)), .next_id = 1 };
	if (!f.sent) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	fprintf(out, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"rpsim trace perfetto\","
		"\"format_version\":%u},\"traceEvents\":[\n", tracefile_version(r));
	fprintf(out, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"rpsim\"}},\n");
	fprintf(out, "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"trace\"}}");
	struct tracefile_record rec;
	int rc;
	char desc[1024], tn[16];
	while ((rc = tracefile_next(r, &rec, err, errlen)) > 0) {
		unsigned tid = rec.component == TRACEFILE_NO_COMPONENT ? 0 : rec.component + 1u;
		const char *type = tracefile_type_name(rec.type);
		if (!type) {
			snprintf(tn, sizeof(tn), "TYPE%u", rec.type);
			type = tn;
		}
		struct record d;
		enum record_decode_result dr = record_decode(rec.type, rec.data, rec.len, &d);
		if (rec.type == TRACE_COMPONENT && dr == RECORD_OK) {
			const char *name = tracefile_component_name(r, d.u.component.id);
			fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":",
				d.u.component.id + 1u);
			json_str(out, name ? name : "?");
			fprintf(out, "}}");
		}
		tracefile_describe(&rec, desc, sizeof(desc));
		bool flow = dr == RECORD_OK && (rec.type == TRACE_RPMSG || rec.type == TRACE_MBOX);
		/* a zero-length slice: flow arrows bind to slices, not instants */
		fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"%s\",%s\"ts\":", type, type,
			flow ? "X" : "i", flow ? "\"dur\":0," : "\"s\":\"t\",");
		json_ts(out, rec.time);
		fprintf(out, ",\"pid\":1,\"tid\":%u,\"args\":{\"detail\":", tid);
		json_str(out, desc);
		fprintf(out, "}}");
		if (flow)
			flow_record(out, &f, &rec, tid);
	}
	free(f.sent);
	fprintf(out, "\n]}\n");
	if (rc < 0)
		return -1;
	return out_error(out, err, errlen);
}

/* ---- VCD ---- */

struct vcd_signal {
	uint16_t component;
	uint8_t kind;  /* 0 IRQ line, 1 mailbox channel */
	uint8_t dir;
	uint32_t num;  /* line or channel */
	uint32_t value;
	char *scope;   /* sanitised component name */
};

struct vcd_change {
	sim_time_t t;
	uint64_t seq;
	uint32_t signal;
	uint32_t value;
};

static int cmp_signal(const void *a, const void *b)
{
	const struct vcd_signal *x = a, *y = b;
	if (x->component != y->component)
		return x->component < y->component ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return x->num < y->num ? -1 : x->num > y->num;
}

static int cmp_change(const void *a, const void *b)
{
	const struct vcd_change *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void vcd_id(char *buf, uint32_t i)
{
	size_t n = 0;
	do {
		buf[n++] = (char)(33 + i % 94);
		i /= 94;
	} while (i);
	buf[n] = '\0';
}

static char *sanitise(const char *s)
{
	size_t n = strlen(s);
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];
		o[i] = (c == 0 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_') ? c : '_';
	}
	return o;
}

struct vcd_state {
	struct vcd_signal *sig;
	uint32_t nsig, capsig;
	struct vcd_change *ch;
	uint64_t nch, capch;
};

static int64_t vcd_signal(struct tracefile_reader *r, struct vcd_state *v, uint16_t comp,
			  uint8_t kind, uint8_t dir, uint32_t num)
{
	for (uint32_t i = 0; i < v->nsig; i++)
		if (v->sig[i].component == comp && v->sig[i].kind == kind && v->sig[i].dir == dir &&
		    v->sig[i].num == num)
			return i;
	if (v->nsig == v->capsig) {
		uint32_t nc = v->capsig ? v->capsig * 2 : 16;
		struct vcd_signal *ns = realloc(v->sig, nc * sizeof(*ns));
		if (!ns)
			return -1;
		v->sig = ns;
		v->capsig = nc;
	}
	char tmp[SIM_ESCAPE_SIZE(TRACEFILE_NAME_MAX)];
	const char *name = comp_name(r, comp, tmp, sizeof(tmp));
	v->sig[v->nsig] = (struct vcd_signal){ comp, kind, dir, num, 0, sanitise(name) };
	if (!v->sig[v->nsig].scope)
		return -1;
	return v->nsig++;
}

static int vcd_change(struct vcd_state *v, sim_time_t t, uint32_t sig, uint32_t value)
{
	if (v->nch == v->capch) {
		uint64_t nc = v->capch ? v->capch * 2 : 256;
		struct vcd_change *n = realloc(v->ch, nc * sizeof(*n));
		if (!n)
			return -1;
		v->ch = n;
		v->capch = nc;
	}
	v->ch[v->nch] = (struct vcd_change){ t, v->nch, sig, value };
	v->nch++;
	return 0;
}

static void vcd_value(FILE *out, const struct vcd_signal *s, uint32_t value, const char *id)
{
	if (s->kind == 0) {
		fprintf(out, "%u%s\n", value ? 1 : 0, id);
		return;
	}
	fputc('b', out);
	bool started = false;
	for (int b = 31; b >= 0; b--) {
		unsigned bit = (value >> b) & 1;
		if (bit)
			started = true;
		if (started || b == 0)
			fputc('0' + (int)bit, out);
	}
	fprintf(out, " %s\n", id);
}

int tracefile_vcd(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	tracefile_rewind(r);
	struct vcd_state v = { 0 };
	struct tracefile_record rec;
	int rc;
	while ((rc = tracefile_next(r, &rec, err, errlen)) > 0) {
		int64_t s = -1;
		uint32_t value = 0;
		struct record d;
		if (record_decode(rec.type, rec.data, rec.len, &d) != RECORD_OK)
			continue;
		if (rec.type == TRACE_IRQ) {
			s = vcd_signal(r, &v, rec.component, 0, 0, d.u.irq.line);
			value = d.u.irq.level != 0;
		} else if (rec.type == TRACE_MBOX && d.u.mbox.op == RECORD_MBOX_SEND) {
			s = vcd_signal(r, &v, rec.component, 1, d.u.mbox.dir ? 1 : 0, d.u.mbox.chan);
			value = d.u.mbox.value;
		} else {
			continue;
		}
		if (s < 0 || vcd_change(&v, rec.time, (uint32_t)s, value) < 0) {
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
	}
	if (rc < 0)
		goto done;
	/* declare in a stable order, then renumber the changes */
	uint32_t *order = malloc((v.nsig + 1) * sizeof(*order));
	struct vcd_signal *sorted = malloc((v.nsig + 1) * sizeof(*sorted));
	if (!order || !sorted) {
		free(order);
		free(sorted);
		snprintf(err, errlen, "out of memory");
		rc = -1;
		goto done;
	}
	/* a trace with no signal has no array at all: memcpy and qsort must
	 * not see its NULL (undefined behaviour even for 0 elements) */
	if (v.nsig) {
		memcpy(sorted, v.sig, v.nsig * sizeof(*sorted));
		qsort(sorted, v.nsig, sizeof(*sorted), cmp_signal);
	}
	for (uint32_t i = 0; i < v.nsig; i++)
		for (uint32_t k = 0; k < v.nsig; k++)
			if (cmp_signal(&v.sig[i], &sorted[k]) == 0)
				order[i] = k;
	for (uint64_t i = 0; i < v.nch; i++)
		v.ch[i].signal = order[v.ch[i].signal];
	if (v.nch)
		qsort(v.ch, v.nch, sizeof(*v.ch), cmp_change);

	fprintf(out, "$version rpsim trace vcd (format version %u) $end\n$timescale 1ps $end\n"
		"$scope module rpsim $end\n", tracefile_version(r));
	char id[8];
	for (uint32_t i = 0; i < v.nsig; i++) {
		const struct vcd_signal *s = &sorted[i];
		if (i == 0 || s->component != sorted[i - 1].component)
			fprintf(out, "%s$scope module %s $end\n", i ? "$upscope $end\n" : "", s->scope);
		vcd_id(id, i);
		if (s->kind == 0)
			fprintf(out, "$var wire 1 %s irq%" PRIu32 " $end\n", id, s->num);
		else
			fprintf(out, "$var reg 32 %s mbox_%s%" PRIu32 " $end\n", id,
				s->dir ? "to_host" : "to_remote", s->num);
	}
	if (v.nsig)
		fprintf(out, "$upscope $end\n");
	fprintf(out, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
	for (uint32_t i = 0; i < v.nsig; i++) {
		vcd_id(id, i);
		vcd_value(out, &sorted[i], 0, id);
	}
	fprintf(out, "$end\n");
	sim_time_t last = 0;
	for (uint64_t i = 0; i < v.nch; i++) {
		struct vcd_change *c = &v.ch[i];
		struct vcd_signal *s = &sorted[c->signal];
		if (s->value == c->value)
			continue;
		s->value = c->value;
		if (c->t != last) {
			fprintf(out, "#%" PRIu64 "\n", c->t);
			last = c->t;
		}
		vcd_id(id, c->signal);
		vcd_value(out, s, c->value, id);
	}
	free(order);
	free(sorted);
	rc = out_error(out, err, errlen);
done:
	for (uint32_t i = 0; i < v.nsig; i++)
		free(v.sig[i].scope);
	free(v.sig);
	free(v.ch);
	return rc < 0 ? -1 : 0;
}
