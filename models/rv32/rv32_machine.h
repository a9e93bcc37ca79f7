/* A lone RV32 core with RAM where an ELF's segments are, the HTIF
 * tohost/fromhost device of the RISC-V test suites and Spike, and a
 * Spike-compatible CLINT (msip 0x02000000, mtimecmp 0x02004000, mtime
 * 0x0200bff8) when it does not collide with the ELF.  Used by `rpsim exec`
 * and the benchmarks.
 *
 * HTIF: a write of the high word of tohost (or a 64-bit write; or the low
 * word when the tohost symbol is 4 bytes) hands the 64-bit value to the
 * host; a low-word write that no high-word write follows within 1 us of
 * simulated time is handed over then (older riscv-tests environments): device 0 command 0 with bit 0 set ends the run with exit code
 * value >> 1; with bit 0 clear it is the address of a syscall block
 * (write to fd 1/2, exit); device 1 command 1 prints a character. */
#ifndef RPSIM_RV32_MACHINE_H
#define RPSIM_RV32_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "models/rv32/rv32.h"

struct rv32_machine;

struct rv32_machine_opts {
	uint64_t clock_hz;     /* 0: 100 MHz */
	sim_time_t quantum;    /* 0: core default */
	uint64_t max_insns;    /* 0: no limit */
	bool trace_insns;      /* print each retired instruction to trace_out */
	FILE *out, *err;       /* HTIF console and fd 1/2; NULL: stdout/stderr */
	FILE *trace_out;       /* NULL: stdout */
	/* at the end, write the words from begin_signature to end_signature
	 * there, one "%08x" line each (Spike's +signature, riscv-arch-test) */
	const char *signature_path;
};

/* Loads path into a new machine inside sim. Returns NULL with a message in
 * err when the file is bad (the caller exits with status 2). */
struct rv32_machine *rv32_machine_create(struct sim *sim, const char *path,
					 const struct rv32_machine_opts *o,
					 char *err, size_t errlen);

/* Runs until the firmware reports through tohost, the core halts, or
 * nothing is left to do. Returns the exit status: the tohost code (0 =
 * pass), or 1 with a message on err if the run did not end cleanly. */
int rv32_machine_run(struct rv32_machine *m);

struct rv32_core *rv32_machine_core(struct rv32_machine *m);

#endif
