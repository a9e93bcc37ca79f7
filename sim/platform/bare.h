/* The bare machine of `rpsim exec` and the benchmarks: one core, chosen
 * through the ISA registry by the ELF's machine, built from the same
 * devices as the platform:
 *   - RAM as Spike gives it: 2 GiB at 0x80000000, sparse, so a program
 *     costs only the pages it touches (riscv-tests' crt.S puts the stack
 *     past _end); every loadable segment must lie inside RAM;
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
#define BARE_RAM_BASE 0x80000000u /* Spike's and QEMU's DRAM */
#define BARE_RAM_SIZE 0x80000000u /* 2 GiB, the rest of the 32-bit space */
#define BARE_MAX_RAM 8

struct bare;

/* A RAM region: base and size multiples of 4 KiB, size > 0. */
struct bare_ram {
	uint64_t base, size;
};

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
	/* --ram: these RAM regions (no overlap) replace the machine's map
	 * (RISC-V: Spike's 2 GiB at 0x80000000; Arm: mps2-an386's); every
	 * loadable segment must lie inside one.  Sizes are multiples of
	 * 4 KiB. */
	struct bare_ram ram[BARE_MAX_RAM];
	unsigned nram;
	/* enum cpu_jit: --no-jit, --jit-eager (an ISA without a JIT
	 * ignores it) */
	uint8_t jit;
};

/* Parses "BASE:SIZE" (numbers in C syntax, SIZE with an optional K, M or
 * G suffix) into r; 0, or -1 with what is wrong in err. */
int bare_parse_ram(const char *arg, struct bare_ram *r, char *err, size_t errlen);

/* Loads path into a new machine inside sim. NULL with a message in err
 * when the file is bad (the caller exits with status 2). */
struct bare *bare_create(struct sim *sim, const char *path, const struct bare_opts *o, char *err,
			 size_t errlen);

/* Runs until the firmware reports through tohost, the core halts, or
 * nothing is left to do. Returns the exit status: the tohost code (0 =
 * pass), or 1 with a message on err if the run did not end cleanly. */
int bare_run(struct bare *m);

/* The same run in pieces, for a debugger that holds it (sim/gdb):
 * bare_start() releases the core's reset (bare_advance does it too);
 * bare_advance() runs up to simulated time until or until something
 * stops the simulation, and says whether the run is over; bare_kill()
 * ends it; bare_finish() writes the signature and the messages and
 * returns the exit status, which bare_exit_status() tells beforehand. */
void bare_start(struct bare *m);
bool bare_advance(struct bare *m, sim_time_t until);
void bare_kill(struct bare *m);
/* Quiet: the program's semihosting output is dropped (a debugger
 * re-executing what was already printed); HTIF output is not. */
void bare_set_quiet(struct bare *m, bool quiet);
int bare_finish(struct bare *m);
int bare_exit_status(struct bare *m);

struct cpu *bare_cpu(struct bare *m);

#endif
