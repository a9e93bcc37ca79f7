/* Trace file -> Value Change Dump (IEEE 1364), for GTKWave: per component,
 * a core's run state and pc, IRQ lines, mailbox channels. One scope per
 * component, 1 ps time steps, changes in time order (stable for equal
 * times). A trace with none of these records gives a VCD with no signals. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/cpu.h"
#include "sim/core/record.h"
#include "sim/trace/tracefile.h"

enum vcd_kind {
	VCD_STATE, /* a core's run state: enum cpu_state, 8 bits */
	VCD_PC,    /* a core's pc: INSN records (or a trap's epc), 32 bits */
	VCD_IRQ,   /* an IRQ line, 1 bit */
	VCD_MBOX,  /* the last value sent on a mailbox channel, 32 bits */
};

struct vcd_signal {
	uint16_t component;
	uint8_t kind;
	uint8_t dir;   /* VCD_MBOX: 0 to the remote, 1 to the host */
	uint32_t num;  /* line or channel */
	uint32_t value;
	bool known;    /* a value was written (state and pc start unknown) */
	char *scope;   /* sanitised component name */
};

struct vcd_change {
	sim_time_t t;
	uint64_t seq;
	uint32_t signal;
	uint32_t value;
};

struct vcd_state {
	struct vcd_signal *sig;
	uint32_t nsig, capsig;
	struct vcd_change *ch;
	uint64_t nch, capch;
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

/* Identifiers: printable ASCII from '!', base 94. */
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
		o[i] = (c == 0 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '_') ? c : '_';
	}
	return o;
}

static int64_t vcd_signal(struct tracefile_reader *r, struct vcd_state *v, uint16_t comp, uint8_t kind,
			  uint8_t dir, uint32_t num)
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
	char tmp[16];
	const char *name = comp == TRACEFILE_NO_COMPONENT ? "trace" : tracefile_component_name(r, comp);
	if (!name) {
		snprintf(tmp, sizeof(tmp), "c%u", comp);
		name = tmp;
	}
	v->sig[v->nsig] = (struct vcd_signal){ comp, kind, dir, num, 0, false, sanitise(name) };
	if (!v->sig[v->nsig].scope)
		return -1;
	return v->nsig++;
}

static int vcd_change(struct vcd_state *v, sim_time_t t, uint64_t seq, uint32_t sig, uint32_t value)
{
	if (v->nch == v->capch) {
		uint64_t nc = v->capch ? v->capch * 2 : 256;
		struct vcd_change *n = realloc(v->ch, nc * sizeof(*n));
		if (!n)
			return -1;
		v->ch = n;
		v->capch = nc;
	}
	v->ch[v->nch++] = (struct vcd_change){ t, seq, sig, value };
	return 0;
}

static void vcd_value(FILE *out, const struct vcd_signal *s, uint32_t value, bool known, const char *id)
{
	if (s->kind == VCD_IRQ) {
		fprintf(out, "%c%s\n", known ? (value ? '1' : '0') : 'x', id);
		return;
	}
	if (!known) {
		fprintf(out, "bx %s\n", id);
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

/* The records that drive a signal, as (kind, dir, num, value). */
static bool signal_of(const struct tracefile_record *rec, const struct record *d, uint8_t *kind, uint8_t *dir,
		      uint32_t *num, uint32_t *value)
{
	*dir = 0;
	*num = 0;
	switch (rec->type) {
	case TRACE_CORE:
		*kind = VCD_STATE;
		*value = d->u.core.state;
		return true;
	case TRACE_INSN:
		*kind = VCD_PC;
		*value = d->u.insn.pc;
		return true;
	case TRACE_TRAP: /* without instructions traced, the pc is known at traps */
		*kind = VCD_PC;
		*value = d->u.trap.epc;
		return true;
	case TRACE_IRQ:
		*kind = VCD_IRQ;
		*num = d->u.irq.line;
		*value = d->u.irq.level != 0;
		return true;
	case TRACE_MBOX:
		if (d->u.mbox.op != RECORD_MBOX_SEND)
			return false;
		*kind = VCD_MBOX;
		*dir = d->u.mbox.dir ? 1 : 0;
		*num = d->u.mbox.chan;
		*value = d->u.mbox.value;
		return true;
	default:
		return false;
	}
}

static void declare(FILE *out, const struct vcd_signal *sorted, uint32_t n)
{
	char id[8];
	for (uint32_t i = 0; i < n; i++) {
		const struct vcd_signal *s = &sorted[i];
		if (i == 0 || s->component != sorted[i - 1].component)
			fprintf(out, "%s$scope module %s $end\n", i ? "$upscope $end\n" : "", s->scope);
		vcd_id(id, i);
		switch (s->kind) {
		case VCD_STATE:
			fprintf(out, "$var reg 8 %s state $end\n", id);
			break;
		case VCD_PC:
			fprintf(out, "$var reg 32 %s pc $end\n", id);
			break;
		case VCD_IRQ:
			fprintf(out, "$var wire 1 %s irq%" PRIu32 " $end\n", id, s->num);
			break;
		default:
			fprintf(out, "$var reg 32 %s mbox_%s%" PRIu32 " $end\n", id, s->dir ? "to_host" : "to_remote",
				s->num);
		}
	}
	if (n)
		fprintf(out, "$upscope $end\n");
}

int tracefile_vcd(struct tracefile_reader *r, FILE *out, char *err, size_t errlen)
{
	tracefile_rewind(r);
	struct vcd_state v = { 0 };
	struct tracefile_record rec;
	uint32_t *order = NULL;
	struct vcd_signal *sorted = NULL;
	int rc;
	while ((rc = tracefile_next(r, &rec, err, errlen)) > 0) {
		struct record d;
		uint8_t kind, dir;
		uint32_t num, value;
		if (record_decode(rec.type, rec.data, rec.len, &d) != RECORD_OK ||
		    !signal_of(&rec, &d, &kind, &dir, &num, &value))
			continue;
		int64_t s = vcd_signal(r, &v, rec.component, kind, dir, num);
		if (s < 0 || vcd_change(&v, rec.time, rec.number, (uint32_t)s, value) < 0) {
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
	}
	if (rc < 0)
		goto done;
	/* declare in a stable order, then renumber the changes */
	order = malloc((v.nsig + 1) * sizeof(*order));
	sorted = malloc((v.nsig + 1) * sizeof(*sorted));
	if (!order || !sorted) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
		goto done;
	}
	if (v.nsig) { /* no signals: sig is NULL, and memcpy/qsort must not see it */
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

	fprintf(out, "$version rpsim trace vcd (format version %u) $end\n$timescale 1ps $end\n",
		tracefile_version(r));
	fprintf(out, "$comment state:");
	for (unsigned st = 0; st < CPU_NSTATES; st++)
		fprintf(out, " %u %s", st, record_core_state_name(st));
	fprintf(out, "; pc: from traced instructions, else each trap's epc $end\n");
	fprintf(out, "$scope module rpsim $end\n");
	declare(out, sorted, v.nsig);
	fprintf(out, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
	char id[8];
	for (uint32_t i = 0; i < v.nsig; i++) {
		vcd_id(id, i);
		/* lines and channels start at 0; a core's state and pc unknown */
		bool known = sorted[i].kind == VCD_IRQ || sorted[i].kind == VCD_MBOX;
		sorted[i].known = known;
		vcd_value(out, &sorted[i], 0, known, id);
	}
	fprintf(out, "$end\n");
	sim_time_t last = 0;
	for (uint64_t i = 0; i < v.nch; i++) {
		struct vcd_change *c = &v.ch[i];
		struct vcd_signal *s = &sorted[c->signal];
		if (s->known && s->value == c->value)
			continue;
		s->value = c->value;
		s->known = true;
		if (c->t != last) {
			fprintf(out, "#%" PRIu64 "\n", c->t);
			last = c->t;
		}
		vcd_id(id, c->signal);
		vcd_value(out, s, c->value, true, id);
	}
	rc = ferror(out) ? -1 : 0;
	if (rc)
		snprintf(err, errlen, "writing the output failed");
done:
	free(order);
	free(sorted);
	for (uint32_t i = 0; i < v.nsig; i++)
		free(v.sig[i].scope);
	free(v.sig);
	free(v.ch);
	return rc < 0 ? -1 : 0;
}
