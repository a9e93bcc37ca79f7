/* The record table (sim/core/record.h): every encoder's bytes decode back
 * to what was encoded, short payloads are refused, names come from one
 * table. */
#include <check.h>
#include <string.h>

#include "sim/core/cpu.h"
#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "tests/unit/check_main.h"

struct cap {
	struct trace_sink sink;
	uint16_t type, comp;
	uint8_t data[2048];
	uint32_t len;
	sim_time_t t;
};

static void cap_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		     const void *data, uint32_t len)
{
	struct cap *c = (struct cap *)s;
	c->t = t;
	c->type = type;
	c->comp = comp;
	c->len = len;
	memcpy(c->data, data, len);
}

static struct sim sim;
static struct cap cap;
static struct record r;

static void setup(void)
{
	sim_init(&sim);
	memset(&cap, 0, sizeof(cap));
	cap.sink.emit = cap_emit;
	sim.trace = &cap.sink;
}

static void teardown(void)
{
	sim_destroy(&sim);
}

static void decode(uint16_t type)
{
	ck_assert_uint_eq(cap.type, type);
	ck_assert_int_eq(record_decode(cap.type, cap.data, cap.len, &r), RECORD_OK);
	/* one byte short of the minimum is refused */
	if (record_min_len(type))
		ck_assert_int_eq(record_decode(type, cap.data, record_min_len(type) - 1, &r), RECORD_SHORT);
	ck_assert_int_eq(record_decode(cap.type, cap.data, cap.len, &r), RECORD_OK);
}

START_TEST(round_trips)
{
	record_state(sim.trace, 5, 3, RECORD_RPROC_OFFLINE, RECORD_RPROC_RUNNING);
	decode(TRACE_STATE);
	ck_assert_uint_eq(cap.t, 5);
	ck_assert_uint_eq(cap.comp, 3);
	ck_assert_uint_eq(r.u.state.old, 0);
	ck_assert_uint_eq(r.u.state.now, 2);
	record_mbox(sim.trace, 1, 0, RECORD_TO_HOST, 2, RECORD_MBOX_OVERFLOW, 0xdeadbeef);
	decode(TRACE_MBOX);
	ck_assert_uint_eq(r.u.mbox.dir, RECORD_TO_HOST);
	ck_assert_uint_eq(r.u.mbox.chan, 2);
	ck_assert_uint_eq(r.u.mbox.op, RECORD_MBOX_OVERFLOW);
	ck_assert_uint_eq(r.u.mbox.value, 0xdeadbeef);
	record_irq(sim.trace, 1, 0, 17, true);
	decode(TRACE_IRQ);
	ck_assert_uint_eq(r.u.irq.line, 17);
	ck_assert_uint_eq(r.u.irq.level, 1);
	record_kick(sim.trace, 1, 0, RECORD_TO_REMOTE, 9);
	decode(TRACE_KICK);
	ck_assert_uint_eq(r.u.kick.notifyid, 9);
	uint8_t big[RECORD_TEXT_MAX + 100];
	memset(big, 'z', sizeof(big));
	record_rpmsg(sim.trace, 1, 0, 1, 1024, 53, "hello", 5);
	decode(TRACE_RPMSG);
	ck_assert_uint_eq(r.u.rpmsg.src, 1024);
	ck_assert_uint_eq(r.u.rpmsg.dst, 53);
	ck_assert_uint_eq(r.u.rpmsg.len, 5);
	ck_assert_int_eq(memcmp(r.u.rpmsg.data, "hello", 5), 0);
	record_rpmsg(sim.trace, 1, 0, 0, 1, 2, big, (uint16_t)sizeof(big)); /* cut, its own length kept */
	decode(TRACE_RPMSG);
	ck_assert_uint_eq(r.u.rpmsg.len, sizeof(big));
	ck_assert_uint_eq(r.u.rpmsg.nbytes, RECORD_TEXT_MAX);
	record_text(sim.trace, 1, TRACE_UART, 0, "line", 4);
	decode(TRACE_UART);
	ck_assert_uint_eq(r.u.text.len, 4);
	record_core(sim.trace, 1, 0, CPU_STATE_WFI);
	decode(TRACE_CORE);
	ck_assert_uint_eq(r.u.core.state, CPU_STATE_WFI);
	record_insn(sim.trace, 1, 0, 0x100, 0x13, 5, 42);
	decode(TRACE_INSN);
	ck_assert_uint_eq(r.u.insn.pc, 0x100);
	ck_assert_uint_eq(r.u.insn.rd, 5);
	ck_assert_uint_eq(r.u.insn.value, 42);
	record_trap(sim.trace, 1, 0, 7, 0x200, 0x2000);
	decode(TRACE_TRAP);
	ck_assert_uint_eq(r.u.trap.tval, 0x2000);
	record_host_step(sim.trace, 1, 4, "open /dev/rpmsg0");
	decode(TRACE_HOST_STEP);
	ck_assert_uint_eq(r.u.step.index, 4);
	ck_assert_uint_eq(cap.comp, SIM_NO_COMPONENT);
	record_expect(sim.trace, 1, false, "nope");
	decode(TRACE_EXPECT);
	ck_assert_uint_eq(r.u.expect.ok, 0);
	record_channel(sim.trace, 1, 0, true, 0x400, "rpmsg-raw");
	decode(TRACE_CHANNEL);
	ck_assert_uint_eq(r.u.channel.addr, 0x400);
	ck_assert_uint_eq(r.u.channel.len, 9);
	ck_assert_int_eq(record_decode(99, cap.data, 4, &r), RECORD_UNKNOWN);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(record_type_name(TRACE_MBOX), "MBOX");
	ck_assert_str_eq(record_type_name(TRACE_HOST_STEP), "HOST_STEP");
	ck_assert_ptr_null(record_type_name(999));
	ck_assert_str_eq(record_rproc_state_name(RECORD_RPROC_ATTACHED), "attached");
	ck_assert_str_eq(record_rproc_state_name(77), "invalid");
	ck_assert_int_eq(record_rproc_state_by_name("crashed"), RECORD_RPROC_CRASHED);
	ck_assert_int_eq(record_rproc_state_by_name("invalid"), -1);
	ck_assert_str_eq(record_core_state_name(CPU_STATE_HALTED), "halted");
	ck_assert_str_eq(record_core_state_name(9), "?");
	ck_assert_str_eq(record_mbox_op_name(RECORD_MBOX_UNDERFLOW), "underflow");
	ck_assert_str_eq(record_dir_name(RECORD_TO_HOST), "to-host");
	ck_assert_str_eq(record_log_cat_name(SIM_LOG_GUEST_ERROR), "guest-error");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("table");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trips);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	return s;
}
