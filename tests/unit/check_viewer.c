/* Check tests of the viewer model: the trace index (lanes, events,
 * message pairing, the bounded timeline query), the stepping model (the
 * register file at instruction N equals the one recorded live, forward
 * and backward) and the firmware ELF reader. Bad inputs are refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/le.h"
#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/core/tracefile_write.h"
#include "sim/platform/bare.h"
#include "sim/platform/isa.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/tracefile.h"
#include "sim/viewer/viewer_elf.h"
#include "sim/viewer/viewer_model.h"
#include "tests/unit/check_main.h"
#include "tests/unit/check_paths.h"

static char err[1024];

static void emit(struct tracefile_writer *w, sim_time_t t, uint16_t type, uint16_t comp,
		 const void *data, uint32_t len)
{
	trace_emit(tracefile_sink(w), t, type, comp, data, len);
}

static void emit_name(struct tracefile_writer *w, uint16_t id, const char *name)
{
	uint8_t b[64];
	le16_store(b, id);
	size_t n = strlen(name);
	memcpy(b + 2, name, n);
	emit(w, 0, TRACE_COMPONENT, id, b, (uint32_t)(2 + n));
}

static void emit_state(struct tracefile_writer *w, sim_time_t t, uint16_t c, uint32_t o, uint32_t n)
{
	uint8_t b[8];
	le32_store(b, o);
	le32_store(b + 4, n);
	emit(w, t, TRACE_STATE, c, b, 8);
}

static void emit_mbox(struct tracefile_writer *w, sim_time_t t, uint16_t c, uint8_t dir, uint8_t op)
{
	uint8_t b[7] = { dir, 0, op, 0, 0, 0, 0 };
	emit(w, t, TRACE_MBOX, c, b, 7);
}

static void emit_rpmsg(struct tracefile_writer *w, sim_time_t t, uint16_t c, uint8_t dir,
		       const char *text)
{
	uint8_t b[64];
	size_t n = strlen(text);
	b[0] = dir;
	le32_store(b + 1, 0x400);
	le32_store(b + 5, 0x35);
	le16_store(b + 9, (uint16_t)n);
	memcpy(b + 11, text, n);
	emit(w, t, TRACE_RPMSG, c, b, (uint32_t)(11 + n));
}

static void emit_core(struct tracefile_writer *w, sim_time_t t, uint16_t c, uint8_t st)
{
	emit(w, t, TRACE_CORE, c, &st, 1);
}

static void emit_insn(struct tracefile_writer *w, sim_time_t t, uint16_t c, uint32_t pc,
		      uint8_t rd, uint32_t v)
{
	uint8_t b[13];
	le32_store(b, pc);
	le32_store(b + 4, 0x00000013);
	b[8] = rd;
	le32_store(b + 9, v);
	emit(w, t, TRACE_INSN, c, b, 13);
}

enum { C_RPROC = 0, C_MBOX = 1, C_CORE = 2 };

/* A small trace: a remoteproc that goes running, one message each way,
 * a core with 3000 instructions (x5 = instruction number) and a reset. */
static const char *synth_trace(void)
{
	static const char *path = "check_viewer_synth.trace";
	struct tracefile_writer *w = tracefile_create(path, TRACEFILE_FLAG_INSNS, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	tracefile_identity(w, TRACEFILE_ID_FIRMWARE, "fw/demo.elf", 1, 2);
	emit_name(w, C_RPROC, "remoteproc0");
	emit_name(w, C_MBOX, "rv0.mbox");
	emit_name(w, C_CORE, "rv0.core");
	emit_core(w, 1000, C_CORE, 0);
	emit_state(w, 1000, C_RPROC, 0, 2);
	for (uint32_t i = 0; i < 3000; i++) {
		if (i == 2000) {
			emit_core(w, 2000 * 10 + 1000, C_CORE, 3);
			emit_core(w, 2000 * 10 + 1000, C_CORE, 0);
		}
		emit_insn(w, 1000 + i * 10, C_CORE, 0x100 + 4 * (i % 50), 5, i);
		if (i == 100)
			emit_insn(w, 1000 + i * 10, C_CORE, 0x100, 6, 0xabc);
	}
	/* host sends; the remote takes the kick (rule 2a) */
	emit_rpmsg(w, 40000, C_RPROC, 0, "ping");
	emit_mbox(w, 40000, C_MBOX, 0, 0);
	emit_mbox(w, 40100, C_MBOX, 0, 1);
	/* the remote kicks; the host receives (rule 2b) */
	emit_mbox(w, 50000, C_MBOX, 1, 0);
	emit_rpmsg(w, 52000, C_RPROC, 1, "pong");
	emit_state(w, 60000, C_RPROC, 2, 3);
	/* out of time order on purpose: the index sorts */
	emit_state(w, 59000, C_RPROC, 2, 2);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	return path;
}

static int find_lane(const struct viewer_model *m, enum viewer_lane_kind k, const char *name)
{
	for (unsigned i = 0; i < m->nlanes; i++)
		if (m->lanes[i].kind == k && strcmp(m->lanes[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* A Cortex-M4F core: its CORE_ISA record, r0 written by INSN records (not
 * hardwired), other registers by REG records before their INSN, a
 * checkpoint every 4 instructions starting at an instruction's REG
 * records.  Instruction i writes r0 = i and, every third one, xPSR
 * (16) = i << 24 and MSP (34) = 0x1000 + i through REG records. */
static const char *synth_cm4_trace(void)
{
	static const char *path = "check_viewer_cm4.trace";
	struct tracefile_writer *w = tracefile_create(path, TRACEFILE_FLAG_INSNS, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	emit_name(w, C_CORE, "cm0.core");
	emit(w, 0, TRACE_CORE_ISA, C_CORE, "cortex-m4f", 10);
	emit_core(w, 0, C_CORE, 0);
	for (uint32_t i = 0; i < 40; i++) {
		if (i % 3 == 0) {
			uint8_t b[5] = { 16 };
			le32_store(b + 1, i << 24);
			emit(w, 10 * i, TRACE_REG, C_CORE, b, 5);
			b[0] = 34;
			le32_store(b + 1, 0x1000 + i);
			emit(w, 10 * i, TRACE_REG, C_CORE, b, 5);
		}
		emit_insn(w, 10 * i, C_CORE, 0x100 + 2 * i, 0, i);
	}
	/* a REG for a register the viewer does not follow: ignored */
	uint8_t big[5] = { 200, 1, 2, 3, 4 };
	emit(w, 400, TRACE_REG, C_CORE, big, 5);
	emit_insn(w, 400, C_CORE, 0x200, 0xFF, 0);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	return path;
}

START_TEST(test_step_cm4)
{
	struct viewer_model *m = viewer_model_open_every(synth_cm4_trace(), 4, err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_uint_eq(m->ncores, 1);
	ck_assert_str_eq(viewer_core_isa(m, 0)->name, "cortex-m4f");
	ck_assert(!viewer_core_zero_reg(m, 0));
	ck_assert_uint_eq(m->cores[0].ninsns, 41);
	struct viewer_cpu c;
	for (uint64_t n = 0; n < 40; n++) {
		ck_assert_int_eq(viewer_goto_insn(m, 0, n, &c, err, sizeof(err)), 0);
		ck_assert_uint_eq(c.x[0], n); /* r0 is a register */
		uint32_t last3 = (uint32_t)(n - n % 3);
		ck_assert_uint_eq(c.x[16], last3 << 24);
		ck_assert_uint_eq(c.x[34], 0x1000 + last3);
		uint64_t want = (uint64_t)1 << 0;
		if (n % 3 == 0)
			want |= (uint64_t)1 << 16 | (uint64_t)1 << 34;
		ck_assert_uint_eq(c.changed, want);
	}
	ck_assert_int_eq(viewer_goto_insn(m, 0, 40, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.changed, 0);
	viewer_model_close(m);
	/* without a CORE_ISA record: the default ISA, x0 hardwired */
	m = viewer_model_open(synth_trace(), err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_str_eq(viewer_core_isa(m, 0)->name, ISA_DEFAULT);
	ck_assert(viewer_core_zero_reg(m, 0));
	viewer_model_close(m);
}
END_TEST

START_TEST(test_index)
{
	struct viewer_model *m = viewer_model_open(synth_trace(), err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_str_eq(m->fw_path, "fw/demo.elf");
	ck_assert(m->has_insns);
	ck_assert_uint_eq(m->t_min, 0);
	ck_assert_uint_eq(m->t_max, 60000);
	ck_assert_int_ge(find_lane(m, VIEWER_LANE_RPROC, "remoteproc0 state"), 0);
	ck_assert_int_ge(find_lane(m, VIEWER_LANE_MBOX, "rv0.mbox to remote"), 0);
	ck_assert_int_ge(find_lane(m, VIEWER_LANE_MBOX, "rv0.mbox to host"), 0);
	ck_assert_int_ge(find_lane(m, VIEWER_LANE_RPMSG, "remoteproc0 rpmsg"), 0);
	ck_assert_int_ge(find_lane(m, VIEWER_LANE_CORE, "rv0.core"), 0);
	/* lanes in display order: remoteproc state above the core */
	ck_assert_int_lt(find_lane(m, VIEWER_LANE_RPROC, "remoteproc0 state"),
			 find_lane(m, VIEWER_LANE_CORE, "rv0.core"));
	/* 3 CORE + 3 STATE + 3 MBOX + 2 RPMSG; instructions are not events */
	ck_assert_uint_eq(m->nevents, 11);
	for (uint32_t i = 1; i < m->nevents; i++)
		ck_assert_uint_le(m->events[i - 1].time, m->events[i].time);
	ck_assert_uint_eq(m->ncores, 1);
	ck_assert_uint_eq(m->cores[0].ninsns, 3001);
	ck_assert_uint_eq(m->cores[0].nckpt, 3);
	/* the two messages, each paired with the mailbox on the other side */
	ck_assert_uint_eq(m->nmsgs, 2);
	ck_assert_uint_eq(m->events[m->msgs[0].from].type, TRACE_RPMSG);
	ck_assert_uint_eq(m->events[m->msgs[0].to].time, 40100);
	ck_assert_uint_eq(m->events[m->msgs[1].from].time, 50000);
	ck_assert_uint_eq(m->events[m->msgs[1].to].type, TRACE_RPMSG);
	ck_assert_uint_eq(viewer_event_at(m, 40000), viewer_event_at(m, 39999));
	ck_assert_uint_eq(m->events[viewer_event_at(m, 40001)].time, 40100);
	ck_assert_uint_eq(viewer_event_at(m, 1000000), m->nevents);
	struct tracefile_record rec;
	ck_assert_int_eq(viewer_event_record(m, viewer_event_at(m, 52000), &rec, err, sizeof(err)), 0);
	ck_assert_uint_eq(rec.type, TRACE_RPMSG);
	ck_assert_int_eq(memcmp(rec.data + 11, "pong", 4), 0);
	ck_assert_int_eq(viewer_event_record(m, m->nevents, &rec, err, sizeof(err)), -1);
	viewer_model_close(m);
}
END_TEST

START_TEST(test_lane_items)
{
	struct viewer_model *m = viewer_model_open(synth_trace(), err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	struct viewer_item it[64];
	int rp = find_lane(m, VIEWER_LANE_RPROC, "remoteproc0 state");
	/* whole trace over 600 px: 100 ps a pixel */
	size_t n = viewer_lane_items(m, (unsigned)rp, 0, 60001, 600, it, 64);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(it[0].x0, 9);
	ck_assert_uint_eq(m->events[it[0].ev].sub, 2); /* running */
	ck_assert_int_eq(it[0].x1, 589);
	ck_assert_uint_eq(m->events[it[2].ev].sub, 3); /* crashed at the end */
	/* zoomed in on the band: one band covering the whole width */
	n = viewer_lane_items(m, (unsigned)rp, 20000, 30000, 500, it, 64);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(it[0].x0, 0);
	ck_assert_int_eq(it[0].x1, 500);
	/* marks: both mailbox events to the remote fall in one pixel at 10 px */
	int mb = find_lane(m, VIEWER_LANE_MBOX, "rv0.mbox to remote");
	n = viewer_lane_items(m, (unsigned)mb, 0, 60001, 10, it, 64);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(it[0].count, 2);
	n = viewer_lane_items(m, (unsigned)mb, 0, 60001, 6000, it, 64);
	ck_assert_uint_eq(n, 2);
	/* bounded by cap and by width whatever the number of events */
	n = viewer_lane_items(m, (unsigned)mb, 0, 60001, 6000, it, 1);
	ck_assert_uint_eq(n, 1);
	int core = find_lane(m, VIEWER_LANE_CORE, "rv0.core");
	n = viewer_lane_items(m, (unsigned)core, 0, 60001, 3, it, 64);
	ck_assert_uint_le(n, 3);
	/* nothing for bad arguments */
	ck_assert_uint_eq(viewer_lane_items(m, 999, 0, 60001, 600, it, 64), 0);
	ck_assert_uint_eq(viewer_lane_items(m, (unsigned)rp, 100, 100, 600, it, 64), 0);
	ck_assert_uint_eq(viewer_lane_items(m, (unsigned)rp, 0, 100, 0, it, 64), 0);
	struct viewer_arrow ar[8];
	ck_assert_uint_eq(viewer_arrows(m, 0, 60001, 600, ar, 8), 2);
	ck_assert_uint_eq(viewer_arrows(m, 45000, 60001, 600, ar, 8), 1);
	ck_assert_uint_eq(viewer_arrows(m, 40050, 40060, 600, ar, 8), 1); /* spans the view */
	ck_assert_uint_eq(viewer_arrows(m, 0, 30000, 600, ar, 8), 0);
	viewer_model_close(m);
}
END_TEST

START_TEST(test_time_x)
{
	ck_assert_int_eq(viewer_time_to_x(0, 0, 1000, 100), 0);
	ck_assert_int_eq(viewer_time_to_x(999, 0, 1000, 100), 99);
	ck_assert_int_eq(viewer_time_to_x(1000, 0, 1000, 100), 100);
	ck_assert_int_lt(viewer_time_to_x(10, 20, 1000, 100), 0);
	ck_assert_int_eq(viewer_time_to_x(5, 10, 10, 100), 0); /* empty view */
	for (int x = 0; x < 100; x++) {
		sim_time_t t = viewer_x_to_time(x, 123, 777, 100);
		ck_assert_int_eq(viewer_time_to_x(t, 123, 777, 100), x);
	}
	ck_assert_uint_eq(viewer_x_to_time(-5, 50, 100, 10), 50);
	/* times near 2^64 (a crafted trace): exact, no overflow, and the
	 * pixel loop's x -> time -> x round trip still advances (the viewer
	 * hung there, and UBSan saw a float-to-integer overflow) */
	const sim_time_t M = SIM_TIME_MAX;
	ck_assert_int_eq(viewer_time_to_x(M, 0, M, 1280), 1280);
	ck_assert_int_eq(viewer_time_to_x(M - 1, 0, M, 1280), 1279);
	ck_assert_int_eq(viewer_time_to_x(0, M - 1000, M, 1000), -1000000);
	ck_assert_int_eq(viewer_time_to_x(M - 500, M - 1000, M, 1000), 500);
	ck_assert_uint_eq(viewer_x_to_time(5000, M - 1000, M, 1000), M); /* saturates */
	const sim_time_t spans[][2] = { { 0, M }, { M - 4096, M }, { M / 2, M }, { 1, 3 } };
	for (size_t k = 0; k < sizeof(spans) / sizeof(spans[0]); k++) {
		sim_time_t a = spans[k][0], b = spans[k][1];
		sim_time_t prev = a;
		for (int x = 1; x < 1280; x += 37) {
			sim_time_t t = viewer_x_to_time(x, a, b, 1280);
			ck_assert_uint_ge(t, prev);
			ck_assert_int_ge(viewer_time_to_x(t, a, b, 1280), x);
			if (t > a)
				ck_assert_int_lt(viewer_time_to_x(t - 1, a, b, 1280), x);
			prev = t;
		}
	}
}
END_TEST

/* a lane whose last event is at 2^64 - 1 ps: the query ends, bounded by
 * the width */
START_TEST(test_time_extremes)
{
	struct tracefile_writer *w = tracefile_create("check_viewer.extremes.trace", 0, err, sizeof(err));
	ck_assert_ptr_nonnull(w);
	struct trace_sink *s = tracefile_sink(w);
	for (uint32_t i = 0; i < 50; i++)
		record_mbox(s, i == 49 ? SIM_TIME_MAX : (sim_time_t)i * 1000, 1, RECORD_TO_HOST, 0,
			    RECORD_MBOX_SEND, i);
	record_state(s, SIM_TIME_MAX - 1, 2, 0, 2);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	struct viewer_model *m = viewer_model_open("check_viewer.extremes.trace", err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_uint_eq(m->t_max, SIM_TIME_MAX);
	struct viewer_item items[1300];
	for (unsigned l = 0; l < m->nlanes; l++) {
		size_t n = viewer_lane_items(m, l, 0, SIM_TIME_MAX, 1280, items, 1300);
		ck_assert_uint_le(n, 1281);
		n = viewer_lane_items(m, l, SIM_TIME_MAX - 100, SIM_TIME_MAX, 1280, items, 1300);
		ck_assert_uint_le(n, 1281);
	}
	viewer_model_close(m);
	remove("check_viewer.extremes.trace");
}
END_TEST

START_TEST(test_step_synth)
{
	struct viewer_model *m = viewer_model_open(synth_trace(), err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	struct viewer_cpu c;
	ck_assert_int_eq(viewer_goto_insn(m, 0, 101, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.x[5], 100);
	ck_assert_uint_eq(c.x[6], 0xabc);
	ck_assert_uint_eq(c.changed, 1u << 6);
	ck_assert_uint_eq(c.rd, 6);
	/* the core left reset before instruction 2001 (2000 plus the extra) */
	ck_assert_int_eq(viewer_goto_insn(m, 0, 2001, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.x[6], 0);
	ck_assert_uint_eq(c.x[5], 2000);
	ck_assert_uint_eq(c.changed, 0xFFFFFFFEu);
	ck_assert_int_eq(viewer_goto_insn(m, 0, 2000, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.x[6], 0xabc);
	ck_assert_int_eq(viewer_insn_at_time(m, 0, 1000 + 500 * 10), 501);
	ck_assert_int_eq(viewer_insn_at_time(m, 0, 1000 + 500 * 10 + 9), 501);
	ck_assert_int_eq(viewer_insn_at_time(m, 0, 999), -1);
	ck_assert_int_eq(viewer_insn_at_time(m, 0, SIM_TIME_MAX), 3000);
	ck_assert_int_eq(viewer_find_pc(m, 0, -1, 0x100 + 4 * 7), 7);
	ck_assert_int_eq(viewer_find_pc(m, 0, 7, 0x100 + 4 * 7), 57);
	ck_assert_int_eq(viewer_find_pc(m, 0, -1, 0x4), -1);
	/* refused */
	ck_assert_int_eq(viewer_goto_insn(m, 0, 3001, &c, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no instruction 3001"));
	ck_assert_int_eq(viewer_goto_insn(m, 1, 0, &c, err, sizeof(err)), -1);
	ck_assert_int_eq(viewer_find_pc(m, 0, 3000, 0x100), -1);
	ck_assert_int_eq(viewer_find_pc(m, 0, -2, 0x100), -1);
	viewer_model_close(m);
}
END_TEST

/* ---- the state at instruction N equals the state recorded live ---- */

#define NWANT 12

struct live {
	struct trace_sink sink;
	struct trace_sink *file;
	struct cpu *core;
	uint64_t n;
	uint64_t want[NWANT];
	uint32_t x[NWANT][32];
	uint32_t pc[NWANT];
};

/* Forwards to the file and snapshots the core's registers when the
 * wanted instructions retire (the record is emitted just after). */
static void live_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		      const void *data, uint32_t len)
{
	struct live *l = (struct live *)s;
	trace_emit(l->file, t, type, comp, data, len);
	if (type != TRACE_INSN)
		return;
	for (int i = 0; i < NWANT; i++)
		if (l->want[i] == l->n) {
			for (unsigned r = 0; r < 32; r++) {
				uint64_t v = 0;
				ck_assert_int_eq(cpu_get_reg(l->core, r, &v), 0);
				l->x[i][r] = (uint32_t)v;
			}
			l->pc[i] = le32_load(data);
		}
	l->n++;
}

static const char *const elfs[] = { "alu.elf", "csr.elf", "irq.elf", "comp.elf" };

START_TEST(test_step_live)
{
	const char *top = getenv("top_builddir");
	char elf[2048];
	snprintf(elf, sizeof(elf), "%s/tests/isa/%s", top ? top : ".", elfs[_i]);
	const char *trace = "check_viewer_live.trace";
	struct sim sim;
	sim_init(&sim);
	struct bare_opts o = { 0 };
	o.max_insns = 100000;
	struct bare *mach = bare_create(&sim, elf, &o, err, sizeof(err));
	ck_assert_msg(mach != NULL, "%s (run from the build directory or set top_builddir)", err);
	struct tracefile_writer *w = tracefile_create(trace, TRACEFILE_FLAG_INSNS, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	struct live l = { .sink = { live_emit }, .file = tracefile_sink(w),
			  .core = bare_cpu(mach) };
	static const uint64_t want[NWANT] = { 0, 1, 2, 15, 16, 17, 31, 32, 100, 150, 200, 221 };
	memcpy(l.want, want, sizeof(want));
	sim.trace = &l.sink;
	cpu_set_trace_insns(l.core, true);
	bare_run(mach);
	sim.trace = NULL;
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	uint64_t total = l.n;
	sim_destroy(&sim);
	ck_assert_uint_gt(total, 222);

	/* a checkpoint every 16 instructions: replays cross many of them */
	unsigned everies[] = { 16, 7, VIEWER_CKPT_EVERY };
	for (unsigned e = 0; e < 3; e++) {
		struct viewer_model *m = viewer_model_open_every(trace, everies[e], err, sizeof(err));
		ck_assert_msg(m != NULL, "%s", err);
		ck_assert_uint_eq(m->ncores, 1);
		ck_assert_uint_eq(m->cores[0].ninsns, total);
		struct viewer_cpu c;
		/* forward, then backward */
		for (int pass = 0; pass < 2; pass++)
			for (int k = 0; k < NWANT; k++) {
				int i = pass == 0 ? k : NWANT - 1 - k;
				ck_assert_int_eq(viewer_goto_insn(m, 0, want[i], &c, err, sizeof(err)), 0);
				ck_assert_uint_eq(c.insn, want[i]);
				ck_assert_uint_eq(c.pc, l.pc[i]);
				for (unsigned r = 0; r < 32; r++)
					ck_assert_msg(c.x[r] == l.x[i][r],
						      "%s every %u: insn %llu x%u: trace %08x live %08x",
						      elfs[_i], everies[e], (unsigned long long)want[i],
						      r, c.x[r], l.x[i][r]);
			}
		/* stepping one by one backward agrees with going there directly */
		struct viewer_cpu d;
		for (uint64_t n = 60; n > 40; n--) {
			ck_assert_int_eq(viewer_goto_insn(m, 0, n, &c, err, sizeof(err)), 0);
			ck_assert_int_eq(viewer_goto_insn(m, 0, n - 1, &d, err, sizeof(err)), 0);
			for (unsigned r = 1; r < 32; r++)
				if (!((c.changed >> r) & 1))
					ck_assert_uint_eq(c.x[r], d.x[r]);
			ck_assert_int_ge(viewer_insn_at_time(m, 0, c.time), (int64_t)n);
		}
		viewer_model_close(m);
	}
}
END_TEST

/* ---- bad input ---- */

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* A seekable trace (snapshots, no instruction records) steps by
 * re-execution: the same instructions and registers as the records of an
 * instruction trace of the same run, plus system registers and memory;
 * finding a pc works both ways; the crash of crash-recovery is a mark of
 * the state lane. */
static void record_run(const char *scenario, const char *fwdir, const char *trace, bool insns)
{
	const char *dirs[] = { fwdir };
	struct scenario_options so = { .firmware_dirs = dirs, .nfirmware_dirs = 1 };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	ck_assert_int_eq(scenario_load(scenario, &so, &sc, &d), 0);
	diag_free(&d);
	for (unsigned k = 0; k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir);
		sc->platform.remotes[k].coredump_dir = strdup(".");
	}
	FILE *null = fopen("/dev/null", "w");
	struct runner_options o = { .out = null, .trace_path = trace, .trace_insns = insns,
				    .snapshot_every = insns ? 0 : 3000 };
	struct runner_result res;
	ck_assert_int_eq(runner_run(sc, &o, &res), RUNNER_PASS);
	fclose(null);
	scenario_free(sc);
}

START_TEST(test_step_reexecuted)
{
	char *echo = check_src("/scenarios/rpmsg-echo.json");
	char *fw = check_build("/firmware-samples/rpmsg-echo");
	record_run(echo, fw, "check_viewer_insns.trace", true);
	record_run(echo, fw, "check_viewer_seek.trace", false);
	struct viewer_model *a = viewer_model_open("check_viewer_insns.trace", err, sizeof(err));
	struct viewer_model *b = viewer_model_open("check_viewer_seek.trace", err, sizeof(err));
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(!b->has_insns);
	ck_assert_msg(viewer_model_attach(b, NULL, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(b->ncores, 1);
	ck_assert_uint_eq(b->cores[0].ninsns, a->cores[0].ninsns);
	uint64_t total = a->cores[0].ninsns;
	struct viewer_cpu ca, cb;
	for (uint64_t n = 0; n < total; n += total / 37 + 1) {
		ck_assert_int_eq(viewer_goto_insn(a, 0, n, &ca, err, sizeof(err)), 0);
		ck_assert_msg(viewer_goto_insn(b, 0, n, &cb, err, sizeof(err)) == 0, "%s", err);
		ck_assert_uint_eq(ca.pc, cb.pc);
		ck_assert_uint_eq(ca.word, cb.word);
		ck_assert_mem_eq(ca.x, cb.x, sizeof(ca.x));
		ck_assert(cb.full && cb.nsys > 10);
		ck_assert_int_eq(viewer_load_memory(b, &cb, (cb.sp & ~7u) - 8), 0);
		ck_assert(!cb.sp || cb.mem_ok[0]); /* the stack is RAM, once there is one */
		/* the instruction at its time is itself (or one retired at the
		 * same instant) */
		int64_t k = viewer_insn_at_time(b, 0, cb.time);
		ck_assert_int_ge(k, (int64_t)n);
	}
	ck_assert_int_eq(viewer_load_memory(a, &ca, 0), -1); /* records: no memory */
	/* run to an address, forward and back, as the records say */
	ck_assert_int_eq(viewer_goto_insn(a, 0, total / 2, &ca, err, sizeof(err)), 0);
	uint32_t pc = ca.pc;
	int64_t fa = viewer_find_pc(a, 0, (int64_t)(total / 4), pc);
	int64_t fb = viewer_find_pc(b, 0, (int64_t)(total / 4), pc);
	ck_assert_int_ge(fa, 0);
	ck_assert_int_eq(fa, fb);
	int64_t ba = viewer_find_pc_back(a, 0, (int64_t)total - 1, pc);
	int64_t bb = viewer_find_pc_back(b, 0, (int64_t)total - 1, pc);
	ck_assert_int_ge(ba, 0);
	ck_assert_int_eq(ba, bb);
	ck_assert_int_eq(viewer_find_pc_back(b, 0, 1, 0xfffffff0u), -1);
	ck_assert_int_eq(viewer_find_pc(b, 0, 0, 0xfffffff0u), -1);
	viewer_model_close(a);
	viewer_model_close(b);

	/* a crash recovered within microseconds is a mark on the state lane */
	free(echo);
	free(fw);
	echo = check_src("/scenarios/crash-recovery.json");
	fw = check_build("/firmware-samples/crash");
	record_run(echo, fw, "check_viewer_crash.trace", false);
	free(echo);
	free(fw);
	struct viewer_model *c = viewer_model_open("check_viewer_crash.trace", err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	bool crashed = false;
	for (unsigned l = 0; l < c->nlanes; l++) {
		if (c->lanes[l].kind != VIEWER_LANE_RPROC)
			continue;
		struct viewer_item items[64];
		size_t n = viewer_lane_marks(c, l, c->t_min, c->t_max + 1, 300, items, 64);
		for (size_t i = 0; i < n; i++)
			crashed |= c->events[items[i].ev].sub == 3;
	}
	ck_assert(crashed);
	/* a trace whose scenario is gone cannot be re-executed: a message */
	struct replay_options ro = { .scenario = "check_viewer_no_such.json" };
	ck_assert_int_eq(viewer_model_attach(c, &ro, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "cannot be read"));
	viewer_model_close(c);
}
END_TEST

START_TEST(test_bad_traces)
{
	ck_assert_ptr_null(viewer_model_open("no/such/file.trace", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "no/such/file.trace"));
	write_file("check_viewer_bad.trace", "hello, not a trace at all", 25);
	ck_assert_ptr_null(viewer_model_open("check_viewer_bad.trace", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "check_viewer_bad.trace"));
	/* a valid trace cut short */
	const char *p = synth_trace();
	FILE *f = fopen(p, "rb");
	ck_assert_ptr_nonnull(f);
	static uint8_t buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	write_file("check_viewer_bad.trace", buf, n / 2);
	ck_assert_ptr_null(viewer_model_open("check_viewer_bad.trace", err, sizeof(err)));
	/* a corrupt byte in the middle of the records: refused, no crash */
	buf[n / 3] ^= 0xFF;
	buf[n / 3 + 1] ^= 0x80;
	write_file("check_viewer_bad.trace", buf, n);
	struct viewer_model *m = viewer_model_open("check_viewer_bad.trace", err, sizeof(err));
	viewer_model_close(m);
}
END_TEST

/* Malformed payloads are shown, not trusted: short INSN, STATE, MBOX,
 * RPMSG and CORE records, unknown types, a huge state number. */
START_TEST(test_malformed_payloads)
{
	const char *path = "check_viewer_malformed.trace";
	struct tracefile_writer *w = tracefile_create(path, 0, err, sizeof(err));
	ck_assert_ptr_nonnull(w);
	uint8_t b[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 99, 1, 2, 3, 4 };
	emit(w, 1, TRACE_INSN, 3, b, 5);
	emit(w, 2, TRACE_STATE, 0, b, 3);
	emit(w, 3, TRACE_STATE, 0, b, 8); /* state 0xffffffff */
	emit(w, 4, TRACE_MBOX, 1, b, 2);
	emit(w, 5, TRACE_RPMSG, 0, b, 4);
	emit(w, 6, TRACE_CORE, 3, b, 0);
	emit(w, 7, 50, 3, b, 16);
	emit(w, 8, TRACE_INSN, 3, b, 13); /* rd 99 */
	emit(w, 9, TRACE_KICK, 0, b, 1);
	emit(w, 10, TRACE_TRAP, 3, b, 2);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	struct viewer_model *m = viewer_model_open(path, err, sizeof(err));
	ck_assert_msg(m != NULL, "%s", err);
	ck_assert_uint_eq(m->cores[0].ninsns, 1);
	struct viewer_cpu c;
	ck_assert_int_eq(viewer_goto_insn(m, 0, 0, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(c.changed, 0);
	struct viewer_item it[64];
	for (unsigned l = 0; l < m->nlanes; l++)
		viewer_lane_items(m, l, 0, 11, 100, it, 64);
	ck_assert_uint_eq(m->nmsgs, 0);
	viewer_model_close(m);
}
END_TEST

START_TEST(test_elf)
{
	const char *top = getenv("top_builddir");
	char elf[2048];
	snprintf(elf, sizeof(elf), "%s/tests/isa/alu.elf", top ? top : ".");
	struct viewer_elf *e = viewer_elf_open(elf, err, sizeof(err));
	ck_assert_msg(e != NULL, "%s", err);
	uint32_t a, off;
	ck_assert_int_eq(viewer_elf_lookup(e, "_start", &a), 0);
	ck_assert_str_eq(viewer_elf_symbol(e, a, &off), "_start");
	ck_assert_uint_eq(off, 0);
	uint8_t buf[8];
	bool v[8];
	ck_assert_uint_eq(viewer_elf_read(e, a, buf, v, 4), 4);
	ck_assert(v[0] && v[3]);
	ck_assert_uint_eq(viewer_elf_read(e, 0xFFFFFFF0u, buf, v, 8), 0);
	ck_assert(!v[0]);
	ck_assert_int_eq(viewer_elf_lookup(e, "no_such_symbol", &a), -1);
	viewer_elf_close(e);
	/* refused */
	ck_assert_ptr_null(viewer_elf_open("no/such.elf", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "no/such.elf"));
	write_file("check_viewer_bad.elf", "\177ELF garbage", 12);
	ck_assert_ptr_null(viewer_elf_open("check_viewer_bad.elf", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "not a 32-bit ELF"));
	write_file("check_viewer_bad.elf", "", 0);
	ck_assert_ptr_null(viewer_elf_open("check_viewer_bad.elf", err, sizeof(err)));
	/* NULL elf: lookups fail quietly */
	ck_assert_ptr_null(viewer_elf_symbol(NULL, 0, &off));
	ck_assert_uint_eq(viewer_elf_read(NULL, 0, buf, v, 8), 0);
}
END_TEST

/* The firmware a trace names, found from anywhere: next to the recorded
 * scenario, then in the current directory, then by its name alone; --elf
 * decides when given; a scenario path without a folder part means ".". */
START_TEST(test_elf_find)
{
	char out[1200], cwd[1024];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(system("rm -rf check_viewer_find && mkdir -p check_viewer_find/sc check_viewer_find/fw && "
				"touch check_viewer_find/fw/upper.elf check_viewer_find/sc/flat.elf"), 0);
	/* absolute, as recorded by rpsim run */
	char abs[1200];
	snprintf(abs, sizeof(abs), "%s/check_viewer_find/fw/upper.elf", cwd);
	ck_assert_int_eq(viewer_elf_find(NULL, abs, "/elsewhere/x.json", out, sizeof(out)), 0);
	ck_assert_str_eq(out, abs);
	/* relative to the scenario's folder, not doubled */
	ck_assert_int_eq(viewer_elf_find(NULL, "../fw/upper.elf", "check_viewer_find/sc/x.json", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "check_viewer_find/sc/../fw/upper.elf");
	/* then the current directory */
	ck_assert_int_eq(viewer_elf_find(NULL, "check_viewer_find/fw/upper.elf", "nowhere/x.json", out, sizeof(out)),
			 0);
	ck_assert_str_eq(out, "check_viewer_find/fw/upper.elf");
	/* a scenario without a folder part: ".", never "/" */
	ck_assert_int_eq(viewer_elf_find(NULL, "openamp-echo.elf", "x.json", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "./openamp-echo.elf");
	/* a trace from another machine: the file's name next to the scenario */
	ck_assert_int_eq(viewer_elf_find(NULL, "/build/of/ci/flat.elf", "check_viewer_find/sc/x.json", out,
					 sizeof(out)), 0);
	ck_assert_str_eq(out, "check_viewer_find/sc/flat.elf");
	/* --elf decides; a missing one is reported (the caller warns) */
	ck_assert_int_eq(viewer_elf_find("check_viewer_find/sc/flat.elf", abs, "x.json", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "check_viewer_find/sc/flat.elf");
	ck_assert_int_eq(viewer_elf_find("no/such.elf", abs, "x.json", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "no/such.elf");
	/* nothing named: nothing to open */
	ck_assert_int_eq(viewer_elf_find(NULL, "", "x.json", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(system("rm -rf check_viewer_find"), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("viewer");
	TCase *tc = tcase_create("model");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_index);
	tcase_add_test(tc, test_lane_items);
	tcase_add_test(tc, test_time_x);
	tcase_add_test(tc, test_time_extremes);
	tcase_add_test(tc, test_step_synth);
	tcase_add_test(tc, test_step_cm4);
	tcase_add_loop_test(tc, test_step_live, 0, (int)(sizeof(elfs) / sizeof(elfs[0])));
	tcase_add_test(tc, test_step_reexecuted);
	tcase_add_test(tc, test_bad_traces);
	tcase_add_test(tc, test_malformed_payloads);
	tcase_add_test(tc, test_elf);
	tcase_add_test(tc, test_elf_find);
	suite_add_tcase(s, tc);
	return s;
}
