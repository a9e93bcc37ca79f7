/* The bare machine of `rpsim exec` and the benchmarks: one core, chosen
 * through the ISA registry by the ELF's machine, built from the same
 * devices as the platform:
 *   - RAM where the ELF's loadable segments are (segments closer than
 *     1 MiB share one RAM, the gap included), loaded from the file;
 *   - the HTIF device (devices/htif.h) at the tohost/fromhost symbols, as
 *     8-byte windows cut out of that RAM (so the core's RAM fast path
 *     never tests for them);
 *   - the platform timer (devices/timer.h) as Spike's CLINT at 0x02000000
 *     (msip +0, mtimecmp +0x4000, mtime +0xbff8, 10 MHz), wired to the
 *     core's timer and software inputs, unless the ELF or the HTIF words
 *     use that range.  The core's time CSR reads its counter.
 * For an Arm ELF (the Cortex-M4F) it is QEMU's mps2-an386 instead: 4 MiB
 * of RAM at 0x00000000 and at 0x20000000, 16 MiB at 0x21000000, the
 * vector table at 0, the program's semihosting calls as its console and
 * exit.  --ram (bare_opts.ram) replaces either map.
 * The run ends when the firmware exits through tohost or semihosting,
 * the core halts, or nothing is left to do. */
#ifndef RPSIM_PLATFORM_BARE_H
#define RPSIM_PLATFORM_BARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/core/cpu.h"
#include "sim/core/sim.h"

#define BARE_CLINT_BASE 0x02000000u
/* `rpsim exec` stops a program after this many instructions unless told
 * otherwise (--max-insns; 0 for none): a spinning ELF must not run
 * forever. A few seconds of wall time at the interpreter's speed, far
 * more than any ISA test needs. */
#define BARE_DEFAULT_MAX_INSNS 1000000000ull
#define BARE_MAX_RAM 8

struct bare;

struct bare_opts {
	uint64_t clock_hz;     /* 0: the core's default (100 MHz) */
	sim_time_t quantum;    /* 0: the core's default */
	uint64_t max_insns;    /* 0: no limit */
	bool trace_insns;      /* print each retired instruction to trace_out */
	FILE *out, *err;       /* HTIF console and fd 1/2; NULL: stdout/stderr */
	FILE *trace_out;       /* NULL: stdout */
	/* at the end, write the words from begin_signature to end_signature
	 * there, one "%08x" line each (Spike's +signature, riscv-arch-test) */
	const char *signature_path;
	/* --ram: these RAM regions replace the machine's map (RISC-V: RAM
	 * shaped after the ELF; Arm: mps2-an386's); every loadable segment
	 * must lie inside one.  Sizes are multiples of 4 KiB. */
	struct { uint64_t base, size; } ram[BARE_MAX_RAM];
	unsigned nram;
};

/* Loads path into a new machine inside sim. NULL with a message in err
 * when the file is bad (the caller exits with status 2). */
struct bare *bare_create(struct sim *sim, const char *path, const struct bare_opts *o, char *err,
			 size_t errlen);

/* Runs until the firmware reports through tohost, the core halts, or
 * nothing is left to do. Returns the exit status: the tohost code (0 =
 * pass), or 1 with a message on err if the run did not end cleanly. */
int bare_run(struct bare *m);

struct cpu *bare_cpu(struct bare *m);

#endif
