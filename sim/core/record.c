/* The record table (record.h): names, encoders, decoder. */
#include "sim/core/record.h"

#include <string.h>

#include "sim/core/cpu.h"
#include "sim/core/le.h"
#include "sim/core/tracefile_format.h"

static const struct {
	const char *name;
	uint32_t min_len;
} types[] = {
#define RECORD(NAME, value, min, layout) [value] = { #NAME, min },
#include "sim/core/record.def"
#undef RECORD
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

const char *record_type_name(uint16_t type)
{
	return type < NTYPES ? types[type].name : NULL;
}

uint32_t record_min_len(uint16_t type)
{
	return type < NTYPES ? types[type].min_len : 0;
}

/* The name tables.  Each name is spelled here and nowhere else. */
static const char *const rproc_states[RECORD_RPROC_NSTATES + 1] = {
	[RECORD_RPROC_OFFLINE] = "offline",
	[RECORD_RPROC_SUSPENDED] = "suspended",
	[RECORD_RPROC_RUNNING] = "running",
	[RECORD_RPROC_CRASHED] = "crashed",
	[RECORD_RPROC_DELETED] = "deleted",
	[RECORD_RPROC_ATTACHED] = "attached",
	[RECORD_RPROC_DETACHED] = "detached",
	[RECORD_RPROC_NSTATES] = "invalid",
};
static const char *const core_states[CPU_NSTATES] = {
	[CPU_STATE_RUNNING] = "running",
	[CPU_STATE_WFI] = "wfi",
	[CPU_STATE_HALTED] = "halted",
	[CPU_STATE_RESET] = "reset",
};
static const char *const mbox_ops[RECORD_MBOX_NOPS] = {
	[RECORD_MBOX_SEND] = "send",
	[RECORD_MBOX_RECV] = "recv",
	[RECORD_MBOX_OVERFLOW] = "overflow",
	[RECORD_MBOX_UNDERFLOW] = "underflow",
};
static const char *const dirs[] = { [RECORD_TO_REMOTE] = "to-remote", [RECORD_TO_HOST] = "to-host" };
static const char *const rpmsg_dirs[] = { "sent", "received" };
static const char *const log_cats[SIM_LOG_NCAT] = {
	[SIM_LOG_GUEST_ERROR] = "guest-error",
	[SIM_LOG_UNIMP] = "unimplemented",
	[SIM_LOG_INFO] = "info",
	[SIM_LOG_DEBUG] = "debug",
};

static const char *const id_kinds[] = {
	[TRACEFILE_ID_SCENARIO] = "scenario",
	[TRACEFILE_ID_FIRMWARE] = "firmware",
	[TRACEFILE_ID_TOOL] = "tool",
	[TRACEFILE_ID_COREDUMP_DIR] = "coredump-dir",
};

#define PICK(arr, v) ((unsigned)(v) < sizeof(arr) / sizeof(arr[0]) ? arr[v] : "?")

const char *record_rproc_state_name(unsigned st)
{
	return st < RECORD_RPROC_NSTATES ? rproc_states[st] : rproc_states[RECORD_RPROC_NSTATES];
}

int record_rproc_state_by_name(const char *name)
{
	for (unsigned i = 0; i < RECORD_RPROC_NSTATES; i++)
		if (strcmp(rproc_states[i], name) == 0)
			return (int)i;
	return -1;
}

const char *record_core_state_name(unsigned st) { return PICK(core_states, st); }
const char *record_mbox_op_name(unsigned op) { return PICK(mbox_ops, op); }
const char *record_dir_name(unsigned dir) { return PICK(dirs, dir); }
const char *record_rpmsg_dir_name(unsigned dir) { return PICK(rpmsg_dirs, dir); }
const char *record_log_cat_name(unsigned cat) { return PICK(log_cats, cat); }
const char *record_id_kind_name(unsigned kind) { return PICK(id_kinds, kind); }

enum record_decode_result record_decode(uint16_t type, const uint8_t *p, uint32_t n,
					struct record *r)
{
	memset(r, 0, sizeof(*r));
	r->type = type;
	if (type >= NTYPES || !types[type].name)
		return RECORD_UNKNOWN;
	if (n < types[type].min_len)
		return RECORD_SHORT;
	switch (type) {
	case TRACE_LOG:
		r->u.log.cat = p[0];
		r->u.log.text = p + 1;
		r->u.log.len = n - 1;
		break;
	case TRACE_COMPONENT:
		r->u.component.id = le16_load(p);
		r->u.component.name = p + 2;
		r->u.component.len = n - 2;
		break;
	case TRACE_STATE:
		r->u.state.old = le32_load(p);
		r->u.state.now = le32_load(p + 4);
		break;
	case TRACE_MBOX:
		r->u.mbox.dir = p[0];
		r->u.mbox.chan = p[1];
		r->u.mbox.op = p[2];
		r->u.mbox.value = le32_load(p + 3);
		break;
	case TRACE_IRQ:
		r->u.irq.line = le32_load(p);
		r->u.irq.level = p[4];
		break;
	case TRACE_KICK:
		r->u.kick.dir = p[0];
		r->u.kick.notifyid = le32_load(p + 1);
		break;
	case TRACE_RPMSG:
		r->u.rpmsg.dir = p[0];
		r->u.rpmsg.src = le32_load(p + 1);
		r->u.rpmsg.dst = le32_load(p + 5);
		r->u.rpmsg.len = le16_load(p + 9);
		r->u.rpmsg.data = p + 11;
		r->u.rpmsg.nbytes = n - 11;
		break;
	case TRACE_UART:
	case TRACE_FWTRACE:
	case TRACE_FWLOAD:
	case TRACE_CORE_ISA:
		r->u.text.text = p;
		r->u.text.len = n;
		break;
	case TRACE_CORE:
		r->u.core.state = p[0];
		break;
	case TRACE_INSN:
		r->u.insn.pc = le32_load(p);
		r->u.insn.insn = le32_load(p + 4);
		r->u.insn.rd = p[8];
		r->u.insn.value = le32_load(p + 9);
		break;
	case TRACE_TRAP:
		r->u.trap.cause = le32_load(p);
		r->u.trap.epc = le32_load(p + 4);
		r->u.trap.tval = le32_load(p + 8);
		break;
	case TRACE_HOST_STEP:
		r->u.step.index = le32_load(p);
		r->u.step.text = p + 4;
		r->u.step.len = n - 4;
		break;
	case TRACE_EXPECT:
		r->u.expect.ok = p[0];
		r->u.expect.text = p + 1;
		r->u.expect.len = n - 1;
		break;
	case TRACE_REG:
		r->u.reg.reg = p[0];
		r->u.reg.value = le32_load(p + 1);
		break;
	case TRACE_CHANNEL:
		r->u.channel.created = p[0];
		r->u.channel.addr = le32_load(p + 1);
		r->u.channel.name = p + 5;
		r->u.channel.len = n - 5;
		break;
	}
	return RECORD_OK;
}

/* ---- encoders ---- */

static void emit(struct trace_sink *ts, sim_time_t t, uint16_t type, uint16_t comp,
		 const void *data, uint32_t len)
{
	if (ts)
		trace_emit(ts, t, type, comp, data, len);
}

void record_state(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t old, uint32_t now)
{
	uint8_t b[8];
	le32_store(b, old);
	le32_store(b + 4, now);
	emit(ts, t, TRACE_STATE, comp, b, sizeof(b));
}

void record_mbox(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint8_t chan,
		 uint8_t op, uint32_t value)
{
	uint8_t b[7] = { dir, chan, op };
	le32_store(b + 3, value);
	emit(ts, t, TRACE_MBOX, comp, b, sizeof(b));
}

void record_irq(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t line, bool level)
{
	uint8_t b[5];
	le32_store(b, line);
	b[4] = level;
	emit(ts, t, TRACE_IRQ, comp, b, sizeof(b));
}

void record_kick(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint32_t notifyid)
{
	uint8_t b[5] = { dir };
	le32_store(b + 1, notifyid);
	emit(ts, t, TRACE_KICK, comp, b, sizeof(b));
}

void record_rpmsg(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t dir, uint32_t src,
		  uint32_t dst, const void *data, uint16_t len)
{
	if (!ts)
		return;
	uint8_t b[11 + RECORD_TEXT_MAX];
	uint32_t n = len < RECORD_TEXT_MAX ? len : RECORD_TEXT_MAX;
	b[0] = dir;
	le32_store(b + 1, src);
	le32_store(b + 5, dst);
	le16_store(b + 9, len);
	if (n)
		memcpy(b + 11, data, n);
	emit(ts, t, TRACE_RPMSG, comp, b, 11 + n);
}

void record_text(struct trace_sink *ts, sim_time_t t, uint16_t type, uint16_t comp, const char *text,
		 size_t len)
{
	emit(ts, t, type, comp, text, (uint32_t)(len < RECORD_TEXT_MAX ? len : RECORD_TEXT_MAX));
}

void record_core(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t state)
{
	emit(ts, t, TRACE_CORE, comp, &state, 1);
}

void record_insn(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t pc, uint32_t insn,
		 uint8_t rd, uint32_t value)
{
	uint8_t b[13];
	le32_store(b, pc);
	le32_store(b + 4, insn);
	b[8] = rd;
	le32_store(b + 9, value);
	emit(ts, t, TRACE_INSN, comp, b, sizeof(b));
}

void record_reg(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint8_t reg, uint32_t value)
{
	uint8_t b[5];
	b[0] = reg;
	le32_store(b + 1, value);
	emit(ts, t, TRACE_REG, comp, b, sizeof(b));
}

void record_trap(struct trace_sink *ts, sim_time_t t, uint16_t comp, uint32_t cause, uint32_t epc,
		 uint32_t tval)
{
	uint8_t b[12];
	le32_store(b, cause);
	le32_store(b + 4, epc);
	le32_store(b + 8, tval);
	emit(ts, t, TRACE_TRAP, comp, b, sizeof(b));
}

/* u32/u8 header then text, cut to RECORD_TEXT_MAX */
static void header_text(struct trace_sink *ts, sim_time_t t, uint16_t type, const uint8_t *hdr,
			size_t hlen, const char *text)
{
	if (!ts)
		return;
	uint8_t b[4 + RECORD_TEXT_MAX];
	size_t n = strnlen(text, RECORD_TEXT_MAX);
	memcpy(b, hdr, hlen);
	memcpy(b + hlen, text, n);
	emit(ts, t, type, SIM_NO_COMPONENT, b, (uint32_t)(hlen + n));
}

void record_host_step(struct trace_sink *ts, sim_time_t t, uint32_t index, const char *text)
{
	uint8_t h[4];
	le32_store(h, index);
	header_text(ts, t, TRACE_HOST_STEP, h, 4, text);
}

void record_expect(struct trace_sink *ts, sim_time_t t, bool ok, const char *text)
{
	uint8_t h[1] = { ok };
	header_text(ts, t, TRACE_EXPECT, h, 1, text);
}

void record_channel(struct trace_sink *ts, sim_time_t t, uint16_t comp, bool created, uint32_t addr,
		    const char *name)
{
	if (!ts)
		return;
	uint8_t b[5 + 64];
	size_t n = strnlen(name, 64);
	b[0] = created;
	le32_store(b + 1, addr);
	memcpy(b + 5, name, n);
	emit(ts, t, TRACE_CHANNEL, comp, b, (uint32_t)(5 + n));
}
