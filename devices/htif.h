/* HTIF, the host-target interface of the RISC-V test suites and Spike: two
 * 64-bit words in the target's memory, tohost and fromhost, which a bare
 * machine finds by symbol and maps as 8-byte device windows cut out of the
 * RAM around them.  `rpsim exec` uses it to end runs and print.
 *
 * Commands: a 64-bit value written to tohost is device (bits 63:56),
 * command (55:48) and payload (47:0).
 *   - device 0 command 0, payload bit 0 set: the target exits with code
 *     payload >> 1 (0 = pass; riscv-tests: the failing test number).  The
 *     device records it (htif_exited) and stops the simulation
 *     (sim_stop(sim, 0)).
 *   - device 0 command 0, bit 0 clear: payload is the address of a
 *     syscall block of 8 u64 (number, a0, a1, a2, ...): 64 write(fd 1 or
 *     2, buf, len) and 93 exit(code); others return -ENOSYS.  The result
 *     goes to the block's first word and fromhost becomes 1.
 *   - device 1 command 1: prints the payload's low byte on the console;
 *     fromhost becomes 0x0101000000000000.
 *   - anything else is logged as unimplemented.
 * tohost reads back 0 once a command has been handled.
 *
 * When a command is complete: a 64-bit write, or a write of the high word
 * (riscv-tests write low then high).  A low-word write that no high-word
 * write follows within 1 us of simulated time is handled then, for
 * environments that only ever write the low word; with a 4-byte tohost
 * symbol (cfg.low_word_completes) the low word completes it at once.
 *
 * Syscall blocks and write buffers are read through cfg.mem (the target's
 * view), RAM only, as a debugger would: a block that is not in RAM is a
 * guest error and is ignored; a buffer that is not gives -EFAULT.
 *
 * Ownership: htif_create registers the device as a component of the sim;
 * sim_destroy calls htif_destroy. */
#ifndef RPSIM_DEVICES_HTIF_H
#define RPSIM_DEVICES_HTIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

#define HTIF_WORD_SIZE 8u /* each window: one 64-bit word, 4- and 8-byte accesses */

struct htif_config {
	struct bus *mem;          /* the target's view, for syscall blocks */
	FILE *out, *err;          /* console and fd 1, fd 2; NULL: stdout, stderr */
	bool low_word_completes;  /* tohost is a 4-byte symbol */
};

struct htif;

/* NULL out of memory, without cfg->mem, or with a full component table. */
struct htif *htif_create(struct sim *sim, const char *name, const struct htif_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void htif_destroy(void *htif);
/* Both words 0, no exit recorded, a pending low-word command dropped. */
void htif_reset(struct htif *h, sim_time_t t);

/* The two windows; either may be left unmapped (a target without a
 * fromhost symbol, or with fromhost == tohost). */
int htif_map_tohost(struct htif *h, struct bus *bus, uint64_t base, char *err, size_t errlen);
int htif_map_fromhost(struct htif *h, struct bus *bus, uint64_t base, char *err, size_t errlen);

/* Whether the target has exited through tohost, and with which code. */
bool htif_exited(const struct htif *h, uint64_t *code);

#endif
