/* libFuzzer harness for the GDB stub's packet reader and session: the
 * input is what a client sends, cut into chunks (the first byte sizes
 * them, so packets arrive split anywhere), with the target running a
 * slice between chunks whenever the session lets it run.  The target is a
 * small simulation of two RV32 cores on a shared RAM running a store loop
 * (so breakpoints, watchpoints, steps and stops all happen), with
 * snapshots of its cores for reverse execution; no host (the monitor's
 * host commands say so).  Every run builds it afresh: an input
 * reproduces alone.
 *
 * `make fuzz` builds it with clang's libFuzzer and sanitizers; make
 * check replays its corpus (tests/fuzz/replay.c, README.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"
#include "sim/gdb/gdb_session.h"
#include "tests/fuzz/fuzz.h"

#define RAM_SIZE 0x10000u
#define MAX_SLICES 64

struct fz {
	struct sim sim;
	bool over;
	size_t sent;
	unsigned slices;
};

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *c,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)c, (void)msg;
}

static bool advance(void *ctx, sim_time_t until)
{
	struct fz *f = ctx;
	if (f->over)
		return true;
	if (++f->slices > MAX_SLICES) {
		f->over = true; /* the input's budget of simulated time is spent */
		return true;
	}
	sim_run(&f->sim, until);
	return false;
}

static void kill_run(void *ctx)
{
	((struct fz *)ctx)->over = true;
}

static int status(void *ctx)
{
	(void)ctx;
	return 0;
}

static int save(void *ctx, struct snap_writer *w)
{
	return sim_snapshot_save(&((struct fz *)ctx)->sim, w);
}

static int restore(void *ctx, struct snap_reader *r)
{
	return sim_snapshot_restore(&((struct fz *)ctx)->sim, r);
}

static void sink(void *ctx, const void *out, size_t len)
{
	struct fz *f = ctx;
	const char *p = out;
	/* every reply is framed or an ack */
	if (len && p[0] != '$' && p[0] != '+' && p[0] != '-')
		abort();
	f->sent += len;
}

FUZZ_TARGET(gdb)
{
	static struct fz f;
	memset(&f, 0, sizeof(f));
	sim_init(&f.sim);
	f.sim.log_fn = quiet;
	struct bus bus;
	bus_init(&bus, "fuzz");
	struct ram *ram = ram_create(RAM_SIZE);
	char err[128];
	if (!ram || bus_map_ram(&bus, "ram", 0, ram, 0, RAM_SIZE, err, sizeof(err)) != 0)
		abort();
	/* 0: addi a0,a0,1; 4: sw a0,256(zero); 8: j 0 */
	static const uint32_t prog[] = { 0x00150513, 0x10a02023, 0xff9ff06f };
	for (unsigned i = 0; i < 3; i++) {
		uint8_t b[4];
		le32_store(b, prog[i]);
		ram_write_bytes(ram, 4 * i, b, 4);
	}
	struct gdb_target t = { .sim = &f.sim, .ncores = 2, .ctx = &f, .advance = advance,
				.kill = kill_run, .exit_status = status, .save = save, .restore = restore };
	static const char *const names[2] = { "core0", "core1" };
	for (unsigned i = 0; i < 2; i++) {
		struct cpu_config cfg = { .name = names[i], .quantum = SIM_US };
		t.cores[i] = rv32_isa.create(&f.sim, &bus, &cfg);
		if (!t.cores[i])
			abort();
		t.names[i] = names[i];
		cpu_set_reset(t.cores[i], false, 0, 0);
	}
	struct gdb_session *s = gdb_session_create(&t, sink, &f);
	if (!s)
		abort();
	size_t chunk = size ? (size_t)(data[0] % 61) + 1 : 1;
	size_t off = size ? 1 : 0;
	while (off < size && gdb_session_state(s) != GDB_SESSION_CLOSE) {
		size_t n = size - off < chunk ? size - off : chunk;
		gdb_session_input(s, data + off, n);
		off += n;
		for (unsigned k = 0; k < 4 && gdb_session_state(s) == GDB_SESSION_RUNNING; k++)
			gdb_session_run(s, 2 * SIM_US);
	}
	gdb_session_free(s);
	sim_destroy(&f.sim);
	bus_destroy(&bus);
	ram_destroy(ram);
	return 0;
}
