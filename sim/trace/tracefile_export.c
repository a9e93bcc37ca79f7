/* The text exporter (rpsim trace dump) and the payload descriptions every
 * exporter shares; Perfetto JSON is tracefile_perfetto.c, VCD
 * tracefile_vcd.c.  They read only the trace file.  Payload layouts:
 * sim/core/record.def, doc/trace-format.md. */
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
	case TRACE_CORE_ISA:
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
	case TRACE_REG:
		snprintf(buf, len, "reg=%u value=0x%08" PRIx32, r.u.reg.reg, r.u.reg.value);
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
