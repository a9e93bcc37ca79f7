/* Fuzz target: a firmware file through `rpsim exec` (sim/platform/bare.h):
 * the ELF read and checked, the machine its ELF machine names built
 * (RISC-V: RAM after the segments, HTIF, CLINT; Cortex-M4F: mps2-an386's
 * map, semihosting) and the program run for EXEC_INSNS instructions, its
 * console and errors thrown away.  The seeds are ISA test programs of
 * both cores; mutations reach the decoders, the exception paths and the
 * host calls with any operands. */
#include "sim/platform/bare.h"
#include "tests/fuzz/fuzz.h"

/* enough for the seeds to print, take interrupts and exit; few enough
 * that an input that spins costs milliseconds */
#define EXEC_INSNS 20000u

static void quiet_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp,
		      const char *who, const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who, (void)msg;
}

FUZZ_TARGET(exec)
{
	char path[512];
	fuzz_write_file("exec.elf", data, size, path, sizeof(path));
	FILE *null = fuzz_null_stream();
	struct bare_opts o = { .max_insns = EXEC_INSNS, .out = null, .err = null, .trace_out = null };
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet_log;
	char err[512];
	struct bare *m = bare_create(&sim, path, &o, err, sizeof(err));
	if (m)
		bare_run(m);
	sim_destroy(&sim);
	return 0;
}
