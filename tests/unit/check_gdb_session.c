/* A GDB session (sim/gdb/gdb_session.h) on a small simulation, without a
 * socket: two RV32 cores on one RAM running a store loop.  The replies to
 * the handshake, registers and memory by thread, breakpoints, steps,
 * watchpoints, ^C, the target description and thread list, monitor
 * commands without a host, reverse-stepi and reverse-continue, detach and
 * kill. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"
#include "sim/gdb/gdb_packet.h"
#include "sim/gdb/gdb_session.h"
#include "tests/unit/check_main.h"

#define RAM_SIZE 0x10000u

struct fx {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct gdb_target t;
	struct gdb_session *s;
	char out[1 << 16];
	size_t olen;
	bool killed;
};

static struct fx f;

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *c,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)c, (void)msg;
}

static bool advance(void *ctx, sim_time_t until)
{
	(void)ctx;
	if (f.killed)
		return true;
	sim_run(&f.sim, until);
	return false;
}

static void kill_run(void *ctx)
{
	(void)ctx;
	f.killed = true;
}

static int status(void *ctx)
{
	(void)ctx;
	return 3;
}

static int save(void *ctx, struct snap_writer *w)
{
	(void)ctx;
	return sim_snapshot_save(&f.sim, w);
}

static int restore(void *ctx, struct snap_reader *r)
{
	(void)ctx;
	return sim_snapshot_restore(&f.sim, r);
}

static void sink(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	ck_assert_uint_lt(f.olen + len, sizeof(f.out));
	memcpy(f.out + f.olen, data, len);
	f.olen += len;
}

static void setup(void)
{
	memset(&f, 0, sizeof(f));
	sim_init(&f.sim);
	f.sim.log_fn = quiet;
	bus_init(&f.bus, "test");
	f.ram = ram_create(RAM_SIZE);
	char err[128];
	ck_assert_int_eq(bus_map_ram(&f.bus, "ram", 0, f.ram, 0, RAM_SIZE, err, sizeof(err)), 0);
	/* 0: addi a0,a0,1; 4: sw a0,256(zero); 8: addi a1,a1,2; c: j 0 */
	static const uint32_t prog[] = { 0x00150513, 0x10a02023, 0x00258593, 0xff5ff06f };
	for (unsigned i = 0; i < 4; i++) {
		uint8_t b[4];
		le32_store(b, prog[i]);
		ram_write_bytes(f.ram, 4 * i, b, 4);
	}
	f.t = (struct gdb_target){ .sim = &f.sim, .ncores = 2, .advance = advance, .kill = kill_run,
				   .exit_status = status, .save = save, .restore = restore };
	static const char *const names[2] = { "core0", "core1" };
	for (unsigned i = 0; i < 2; i++) {
		struct cpu_config cfg = { .name = names[i], .quantum = SIM_US };
		f.t.cores[i] = rv32_isa.create(&f.sim, &f.bus, &cfg);
		ck_assert_ptr_nonnull(f.t.cores[i]);
		f.t.names[i] = names[i];
		cpu_set_reset(f.t.cores[i], false, 0, 0);
	}
	f.s = gdb_session_create(&f.t, sink, NULL);
	ck_assert_ptr_nonnull(f.s);
}

static void teardown(void)
{
	gdb_session_free(f.s);
	sim_destroy(&f.sim);
	bus_destroy(&f.bus);
	ram_destroy(f.ram);
}

/* Sends payload, lets the target run while the session says so, and
 * returns the payload of the last reply (static). */
static const char *ask_len(const char *payload, size_t len)
{
	char framed[4096];
	size_t n = gdb_frame(framed, sizeof(framed), payload, len);
	ck_assert_uint_gt(n, 0);
	f.olen = 0;
	gdb_session_input(f.s, (const uint8_t *)framed, n);
	for (unsigned k = 0; k < 10000 && gdb_session_state(f.s) == GDB_SESSION_RUNNING; k++)
		gdb_session_run(f.s, 10 * SIM_US);
	static char last[1 << 16];
	last[0] = '\0';
	struct gdb_rx rx;
	gdb_rx_init(&rx);
	size_t off = 0;
	while (off < f.olen) {
		size_t used;
		enum gdb_rx_event ev = gdb_rx_feed(&rx, (const uint8_t *)f.out + off, f.olen - off, &used);
		off += used;
		if (ev == GDB_RX_PACKET) {
			size_t m = gdb_unescape(rx.buf, rx.len);
			memcpy(last, rx.buf, m);
			last[m] = '\0';
		}
	}
	return last;
}

static const char *ask(const char *payload)
{
	return ask_len(payload, strlen(payload));
}

/* The O packets of the last exchange, decoded */
static void console(char *text, size_t cap)
{
	size_t t = 0;
	text[0] = '\0';
	for (const char *p = f.out; (p = strstr(p, "$O")) != NULL; p += 2) {
		for (const char *q = p + 2; q[0] != '#' && q[1] && t + 1 < cap; q += 2) {
			unsigned v;
			if (sscanf(q, "%2x", &v) != 1)
				break;
			text[t++] = (char)v;
		}
		text[t] = '\0';
	}
}

static uint32_t reg(const char *thread, unsigned n)
{
	char cmd[32];
	snprintf(cmd, sizeof(cmd), "Hg%s", thread);
	ck_assert_str_eq(ask(cmd), "OK");
	snprintf(cmd, sizeof(cmd), "p%x", n);
	const char *r = ask(cmd);
	ck_assert_uint_eq(strlen(r), 8);
	unsigned b[4];
	ck_assert_int_eq(sscanf(r, "%2x%2x%2x%2x", &b[0], &b[1], &b[2], &b[3]), 4);
	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

START_TEST(handshake)
{
	const char *r = ask("qSupported:multiprocess+;swbreak+");
	ck_assert_ptr_nonnull(strstr(r, "PacketSize=4000"));
	ck_assert_ptr_nonnull(strstr(r, "qXfer:features:read+"));
	ck_assert_ptr_nonnull(strstr(r, "ReverseStep+;ReverseContinue+"));
	ck_assert_str_eq(ask("?"), "T05thread:1;");
	ck_assert_str_eq(ask("qfThreadInfo"), "m1,2");
	ck_assert_str_eq(ask("qsThreadInfo"), "l");
	ck_assert_str_eq(ask("qAttached"), "1");
	ck_assert_str_eq(ask("vMustReplyEmpty"), "");
	ck_assert_str_eq(ask("vCont?"), "vCont;c;C;s;S");
	r = ask("qXfer:features:read:target.xml:0,40");
	ck_assert(r[0] == 'm' && strncmp(r + 1, "<?xml", 5) == 0);
	ck_assert_uint_eq(strlen(r), 0x41);
	r = ask("qXfer:threads:read::0,1000");
	ck_assert_ptr_nonnull(strstr(r, "<thread id=\"2\" name=\"core1\"/>"));
	ck_assert_str_eq(ask("T2"), "OK");
	ck_assert_str_eq(ask("T3"), "E01");
	ck_assert_str_eq(ask("QStartNoAckMode"), "OK");
	f.olen = 0;
	gdb_session_input(f.s, (const uint8_t *)"$qC#b4", 6);
	ck_assert(f.olen > 0 && f.out[0] == '$'); /* no '+' any more */
}
END_TEST

START_TEST(registers_and_memory_by_thread)
{
	const char *r = ask("g");
	ck_assert_uint_eq(strlen(r), 8 * rv32_isa.nregs);
	ck_assert_str_eq(ask("P5=efbeadde"), "OK");
	ck_assert_uint_eq(reg("1", 5), 0xdeadbeef);
	ck_assert_uint_eq(reg("2", 5), 0); /* the other core's t0 */
	ck_assert_str_eq(ask("P20=0c000000"), "OK"); /* thread 2's pc */
	ck_assert_uint_eq(cpu_pc(f.t.cores[1]), 0xc);
	ck_assert_str_eq(ask("M200,4:deadbeef"), "OK");
	ck_assert_str_eq(ask("m200,4"), "deadbeef");
	const char bin[] = "X204,2:#$"; /* binary: gdb_frame escapes them */
	ck_assert_str_eq(ask_len(bin, sizeof(bin) - 1), "OK");
	ck_assert_str_eq(ask("m204,2"), "2324");
	ck_assert_str_eq(ask("mfffff000,4"), "E14");
	ck_assert_str_eq(ask("p9999"), "E01");
	ck_assert_str_eq(ask("P5=zz"), "E01");
}
END_TEST

START_TEST(breakpoints_steps_watchpoints)
{
	ck_assert_str_eq(ask("Z0,c,4"), "OK");
	ck_assert_str_eq(ask("vCont;c"), "T05thread:1;");
	ck_assert_uint_eq(reg("1", 32), 0xc);
	ck_assert_str_eq(ask("z0,c,4"), "OK");
	/* a step of thread 2 while thread 1 is held */
	uint32_t pc2 = (uint32_t)cpu_pc(f.t.cores[1]);
	uint64_t n1 = cpu_insns(f.t.cores[0]);
	ck_assert_str_eq(ask("vCont;s:2"), "T05thread:2;");
	ck_assert_uint_ne(cpu_pc(f.t.cores[1]), pc2);
	ck_assert_uint_eq(cpu_insns(f.t.cores[0]), n1); /* held */
	/* a store watchpoint */
	ck_assert_str_eq(ask("Z2,100,4"), "OK");
	ck_assert_ptr_nonnull(strstr(ask("c"), "watch:100;"));
	ck_assert_str_eq(ask("z2,100,4"), "OK");
	ck_assert_str_eq(ask("Z9,0,0"), "E01");
}
END_TEST

START_TEST(interrupt_and_end)
{
	ck_assert_str_eq(ask("Hc1"), "OK");
	f.olen = 0;
	gdb_session_input(f.s, (const uint8_t *)"$c#63", 5);
	ck_assert_int_eq(gdb_session_state(f.s), GDB_SESSION_RUNNING);
	gdb_session_run(f.s, 10 * SIM_US);
	gdb_session_input(f.s, (const uint8_t *)"\x03", 1);
	ck_assert_int_eq(gdb_session_state(f.s), GDB_SESSION_STOPPED);
	ck_assert_ptr_nonnull(strstr(f.out, "$T02thread:1;#"));
	/* the end of the run while GDB lets it run: the exit status */
	f.killed = true;
	ck_assert_str_eq(ask("c"), "W03");
	ck_assert_int_eq(gdb_session_state(f.s), GDB_SESSION_CLOSE);
}
END_TEST

START_TEST(monitor_without_host)
{
	char text[4096];
	ck_assert_str_eq(ask("qRcmd,68656c70"), "OK"); /* help */
	console(text, sizeof(text));
	ck_assert_ptr_nonnull(strstr(text, "rpsim monitor commands"));
	ck_assert_str_eq(ask("qRcmd,6368616e6e656c73"), "OK"); /* channels */
	console(text, sizeof(text));
	ck_assert_ptr_nonnull(strstr(text, "no Linux host"));
	ck_assert_str_eq(ask("qRcmd,7374617465"), "OK"); /* state */
	console(text, sizeof(text));
	ck_assert_ptr_nonnull(strstr(text, "core1: core core1 running"));
}
END_TEST

START_TEST(reverse_step_and_continue)
{
	ck_assert_str_eq(ask("Hc1"), "OK");
	ck_assert_str_eq(ask("Z0,8,4"), "OK");
	ck_assert_str_eq(ask("vCont;c:1"), "T05thread:1;"); /* first hit, a0 = 1 */
	uint32_t a0_first = reg("1", 10);
	ck_assert_str_eq(ask("z0,8,4"), "OK");
	ck_assert_str_eq(ask("vCont;s:1"), "T05thread:1;");
	ck_assert_str_eq(ask("Z0,8,4"), "OK");
	ck_assert_str_eq(ask("vCont;c:1"), "T05thread:1;"); /* second hit */
	ck_assert_uint_eq(reg("1", 10), a0_first + 1);
	uint32_t a1 = reg("1", 11);
	/* one step back: before the step that arrived at 8, the sw at 4 */
	ck_assert_str_eq(ask("Hc1"), "OK");
	ck_assert_str_eq(ask("bs"), "T05thread:1;");
	ck_assert_uint_eq(reg("1", 32), 4);
	ck_assert_uint_eq(reg("1", 11), a1);
	/* back to the previous hit: the first */
	ck_assert_str_eq(ask("Hc1"), "OK");
	ck_assert_str_eq(ask("bc"), "T05thread:1;");
	ck_assert_uint_eq(reg("1", 32), 8);
	ck_assert_uint_eq(reg("1", 10), a0_first);
	/* and then no more */
	ck_assert_str_eq(ask("Hc1"), "OK");
	const char *r = ask("bc");
	ck_assert_ptr_nonnull(strstr(r, "replaylog:begin;"));
	ck_assert_uint_eq(reg("1", 32), 0);
	/* forward again: the same hits */
	ck_assert_str_eq(ask("vCont;c:1"), "T05thread:1;");
	ck_assert_uint_eq(reg("1", 10), a0_first);
}
END_TEST

START_TEST(detach_and_kill)
{
	ck_assert_str_eq(ask("Z0,8,4"), "OK");
	ck_assert_str_eq(ask("D"), "OK");
	ck_assert_int_eq(gdb_session_state(f.s), GDB_SESSION_CLOSE);
	ck_assert_str_eq(gdb_session_end(f.s), "detached from the simulation");
	gdb_session_free(f.s);
	f.s = gdb_session_create(&f.t, sink, NULL);
	f.olen = 0;
	gdb_session_input(f.s, (const uint8_t *)"$k#6b", 5);
	ck_assert(f.killed);
	ck_assert_int_eq(gdb_session_state(f.s), GDB_SESSION_CLOSE);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("gdb_session");
	TCase *tc = tcase_create("session");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, handshake);
	tcase_add_test(tc, registers_and_memory_by_thread);
	tcase_add_test(tc, breakpoints_steps_watchpoints);
	tcase_add_test(tc, interrupt_and_end);
	tcase_add_test(tc, monitor_without_host);
	tcase_add_test(tc, reverse_step_and_continue);
	tcase_add_test(tc, detach_and_kill);
	suite_add_tcase(s, tc);
	return s;
}
