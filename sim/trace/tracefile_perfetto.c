/* Trace file -> Chrome trace-event JSON, as Perfetto's trace_processor and
 * ui.perfetto.dev import it (doc/trace-format.md has the layout):
 *   - per core, its run states as slices (running, wfi, halted, reset) and
 *     each trap as a slice nested in them;
 *   - per remoteproc, its states as slices;
 *   - each RPMsg message as a slice from when it was sent (or kicked) to
 *     when the other side took it, on a lane of its own, with a flow arrow
 *     from the sender to the receiver;
 *   - IRQ lines and mailbox FIFO depths as counters;
 *   - everything else as instants; instructions only when asked for.
 * trace_processor needs, per thread, slices that nest (never a partial
 * overlap) and flow ends inside a slice of their thread; both hold by
 * construction here, and tests/exports.sh checks them. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/trace/tracefile_perfetto_internal.h"

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

static void hex_arg(FILE *out, const char *key, uint32_t v, bool first)
{
	fprintf(out, "%s\"%s\":\"0x%" PRIx32 "\"", first ? "" : ",", key, v);
}

static void write_slice(FILE *out, const struct pf *p, const struct pf_slice *s)
{
	const char *name = "?", *cat = "?";
	switch (s->kind) {
	case PF_SL_CORE:
		name = record_core_state_name(p->cores.v[s->idx].state);
		cat = "core";
		break;
	case PF_SL_RPROC:
		name = record_rproc_state_name(p->rprocs.v[s->idx].state);
		cat = "remoteproc";
		break;
	case PF_SL_TRAP:
		name = "trap";
		cat = "trap";
		break;
	case PF_SL_MSG:
		name = "rpmsg";
		cat = "rpmsg";
		break;
	}
	if (s->instant) {
		fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"ts\":", name, cat);
		json_ts(out, s->t);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", s->tid);
		return;
	}
	fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"X\",\"ts\":", name, cat);
	json_ts(out, s->t);
	fprintf(out, ",\"dur\":");
	json_ts(out, s->dur);
	fprintf(out, ",\"pid\":1,\"tid\":%u", s->tid);
	if (s->kind == PF_SL_TRAP) {
		const struct pf_trap *t = &p->traps.v[s->idx];
		fprintf(out, ",\"args\":{");
		hex_arg(out, "cause", t->cause, true);
		hex_arg(out, "epc", t->epc, false);
		hex_arg(out, "tval", t->tval, false);
		fprintf(out, "}");
	} else if (s->kind == PF_SL_MSG) {
		const struct pf_msg *m = &p->msgs.v[s->idx];
		char text[4 * PF_PREVIEW + 8];
		size_t o = 0;
		for (uint32_t i = 0; i < m->nbytes; i++) {
			uint8_t c = m->data[i];
			o += (size_t)snprintf(text + o, sizeof(text) - o, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
		}
		fprintf(out, ",\"args\":{");
		hex_arg(out, "src", m->src, true);
		hex_arg(out, "dst", m->dst, false);
		fprintf(out, ",\"len\":%u,\"delivered\":%s,\"data\":", m->len, m->ended ? "true" : "false");
		json_str(out, text);
		fprintf(out, "}");
	}
	fprintf(out, "}");
}

/* Flow arrows, after every slice (an end binds to the slice around it):
 * to the remote, from where the message's slice starts to its receiver
 * when it takes it; to the host, from the remote's kick to where the
 * message's slice starts. */
static void write_flows(FILE *out, const struct pf *p)
{
	uint64_t id = 1;
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct pf_msg *m = &p->msgs.v[i];
		uint32_t fc = pf_resolve(p, m->from_comp), tc = pf_resolve(p, m->to_comp);
		if (!m->ended || m->lane >= PF_MAX_LANES || fc == PF_NO_COMP || tc == PF_NO_COMP || m->end == m->start)
			continue;
		sim_time_t tf = tc == PF_MSG_LANE ? m->start : m->end;
		/* each end inside a slice of its thread: the message's own (it
		 * lasts), or the component's states */
		if ((fc != PF_MSG_LANE && !pf_covered(p, (uint16_t)fc, m->start)) ||
		    (tc != PF_MSG_LANE && !pf_covered(p, (uint16_t)tc, tf)))
			continue;
		unsigned from = fc == PF_MSG_LANE ? pf_msg_tid(m) : pf_tid_of((uint16_t)fc);
		unsigned to = tc == PF_MSG_LANE ? pf_msg_tid(m) : pf_tid_of((uint16_t)tc);
		fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"s\",\"id\":%" PRIu64 ",\"ts\":", id);
		json_ts(out, m->start);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", from);
		fprintf(out, ",\n{\"name\":\"rpmsg\",\"cat\":\"rpmsg\",\"ph\":\"f\",\"bp\":\"e\",\"id\":%" PRIu64 ",\"ts\":",
			id);
		json_ts(out, tf);
		fprintf(out, ",\"pid\":1,\"tid\":%u}", to);
		id++;
	}
}

static int cmp_mbox(const void *a, const void *b)
{
	const struct pf_mbox_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_irq(const void *a, const void *b)
{
	const struct pf_irq_ev *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *cname(const struct pf *p, uint16_t comp, char *tmp, size_t len)
{
	const char *n = comp == TRACEFILE_NO_COMPONENT ? "trace" : tracefile_component_name(p->r, comp);
	if (n)
		return n;
	snprintf(tmp, len, "#%u", comp);
	return tmp;
}

static void counter(FILE *out, const char *name, sim_time_t t, const char *key, unsigned v)
{
	fprintf(out, ",\n{\"name\":");
	json_str(out, name);
	fprintf(out, ",\"ph\":\"C\",\"ts\":");
	json_ts(out, t);
	fprintf(out, ",\"pid\":1,\"args\":{\"%s\":%u}}", key, v);
}

/* IRQ levels, and mailbox FIFO depths (+1 per send, -1 per receive). */
static void write_counters(FILE *out, struct pf *p)
{
	char tmp[16], name[128];
	pf_sort(p->irqs.v, p->irqs.n, sizeof(*p->irqs.v), cmp_irq);
	for (size_t i = 0; i < p->irqs.n; i++) {
		const struct pf_irq_ev *e = &p->irqs.v[i];
		snprintf(name, sizeof(name), "%s irq%" PRIu32, cname(p, e->comp, tmp, sizeof(tmp)), e->line);
		counter(out, name, e->t, "level", e->level);
	}
	pf_sort(p->mbox.v, p->mbox.n, sizeof(*p->mbox.v), cmp_mbox);
	struct fifo {
		uint16_t comp;
		uint8_t dir, chan;
		unsigned depth;
	} f[64];
	unsigned nf = 0;
	for (size_t i = 0; i < p->mbox.n; i++) {
		const struct pf_mbox_ev *e = &p->mbox.v[i];
		if (e->op != RECORD_MBOX_SEND && e->op != RECORD_MBOX_RECV)
			continue;
		unsigned k = 0;
		while (k < nf && !(f[k].comp == e->comp && f[k].dir == e->dir && f[k].chan == e->chan))
			k++;
		if (k == nf) {
			if (nf == sizeof(f) / sizeof(f[0]))
				continue;
			f[nf++] = (struct fifo){ e->comp, e->dir, e->chan, 0 };
		}
		if (e->op == RECORD_MBOX_SEND)
			f[k].depth++;
		else if (f[k].depth)
			f[k].depth--;
		snprintf(name, sizeof(name), "%s %s chan%u depth", cname(p, e->comp, tmp, sizeof(tmp)),
			 record_dir_name(e->dir), e->chan);
		counter(out, name, e->t, "depth", f[k].depth);
	}
}

/* ---- instants (pass 2) ---- */

static bool as_instant(const struct pf *p, const struct tracefile_record *rec, enum record_decode_result dr,
		       const struct record *d)
{
	if (dr != RECORD_OK)
		return true; /* malformed or unknown: shown as they are */
	switch (rec->type) {
	case TRACE_CORE: case TRACE_STATE: case TRACE_TRAP: case TRACE_RPMSG: case TRACE_IRQ:
		return false;
	case TRACE_MBOX: /* sends and receives are the depth counters */
		return d->u.mbox.op != RECORD_MBOX_SEND && d->u.mbox.op != RECORD_MBOX_RECV;
	case TRACE_INSN:
	case TRACE_REG: /* an instruction's other register writes: with it */
		return p->insns;
	default:
		return true;
	}
}

static int write_instants(FILE *out, struct pf *p, char *err, size_t errlen)
{
	tracefile_rewind(p->r);
	struct tracefile_record rec;
	int rc;
	char desc[1024], tn[16];
	while ((rc = tracefile_next(p->r, &rec, err, errlen)) > 0) {
		struct record d;
		enum record_decode_result dr = record_decode(rec.type, rec.data, rec.len, &d);
		if (!as_instant(p, &rec, dr, &d))
			continue;
		const char *type = tracefile_type_name(rec.type);
		if (!type) {
			snprintf(tn, sizeof(tn), "TYPE%u", rec.type);
			type = tn;
		}
		if (rec.type == TRACE_INSN && dr == RECORD_OK) {
			fprintf(out, ",\n{\"name\":\"insn\",\"cat\":\"INSN\",\"ph\":\"i\",\"s\":\"t\",\"ts\":");
			json_ts(out, rec.time);
			fprintf(out, ",\"pid\":1,\"tid\":%u,\"args\":{", pf_tid_of(rec.component));
			hex_arg(out, "pc", d.u.insn.pc, true);
			hex_arg(out, "insn", d.u.insn.insn, false);
			fprintf(out, "}}");
			continue;
		}
		tracefile_describe(&rec, desc, sizeof(desc));
		fprintf(out, ",\n{\"name\":\"%s\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"t\",\"ts\":", type, type);
		json_ts(out, rec.time);
		fprintf(out, ",\"pid\":1,\"tid\":%u,\"args\":{\"detail\":", pf_tid_of(rec.component));
		json_str(out, desc);
		fprintf(out, "}}");
	}
	return rc;
}

static void write_threads(FILE *out, const struct pf *p)
{
	char tmp[16], name[160];
	fprintf(out, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"rpsim\"}},\n");
	fprintf(out, "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"trace\"}}");
	for (size_t i = 0; i < p->comps.n; i++) {
		uint16_t c = p->comps.v[i];
		fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":", pf_tid_of(c));
		json_str(out, cname(p, c, tmp, sizeof(tmp)));
		fprintf(out, "}}");
		fprintf(out, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
			"\"args\":{\"sort_index\":%u}}", pf_tid_of(c), pf_tid_of(c));
	}
	/* one thread per message lane, each named once */
	for (size_t i = 0; i < p->msgs.n; i++) {
		const struct pf_msg *m = &p->msgs.v[i];
		bool named = m->lane >= PF_MAX_LANES;
		for (size_t k = 0; k < i && !named; k++)
			named = pf_msg_tid(&p->msgs.v[k]) == pf_msg_tid(m) && p->msgs.v[k].lane < PF_MAX_LANES;
		if (named)
			continue;
		snprintf(name, sizeof(name), "%s rpmsg %s #%u", cname(p, m->comp, tmp, sizeof(tmp)),
			 m->dir ? "received" : "sent", m->lane + 1);
		fprintf(out, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":", pf_msg_tid(m));
		json_str(out, name);
		fprintf(out, "}}");
		fprintf(out, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%u,"
			"\"args\":{\"sort_index\":%u}}", pf_msg_tid(m), pf_tid_of(m->comp));
	}
}

int tracefile_perfetto_ex(struct tracefile_reader *r, FILE *out, bool insns, char *err, size_t errlen)
{
	tracefile_rewind(r);
	struct pf *p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	p->r = r;
	p->insns = insns;
	struct pf_slice *s = NULL;
	size_t ns = 0;
	int rc = pf_collect(p, err, errlen);
	if (rc >= 0 && pf_build_slices(p, &s, &ns) != 0) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	if (rc >= 0) {
		fprintf(out, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"rpsim trace perfetto\","
			"\"format_version\":%u,\"instructions\":%s},\"traceEvents\":[\n", tracefile_version(r),
			insns ? "true" : "false");
		write_threads(out, p);
		for (size_t i = 0; i < ns; i++)
			write_slice(out, p, &s[i]);
		write_flows(out, p);
		write_counters(out, p);
		rc = write_instants(out, p, err, errlen);
		fprintf(out, "\n]}\n");
	}
	free(s);
	pf_free(p);
	if (rc < 0)
		return -1;
	if (ferror(out)) {
		snprintf(err, errlen, "writing the output failed");
		return -1;
	}
	return 0;
}

int tracefile_perfetto(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	return tracefile_perfetto_ex(r, out, false, err, errlen);
}
