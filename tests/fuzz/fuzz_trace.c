/* libFuzzer harness for the trace reader (`make fuzz`, tests/fuzz/local.mk):
 * the input is a trace file (written to a memory file and opened by path,
 * as rpsim opens one).  Every record is read and described as `rpsim trace
 * dump` would, every snapshot the directory names is read and decompressed
 * (what `rpsim trace state` and the viewer restore), and a few seeks by
 * record number and time are made.  Nothing may crash, hang, leak or read
 * memory it does not own; a bad file gives "FILE: byte offset N: ...".
 *
 * With RPSIM_FUZZ_SEEDS=DIR in the environment it writes seed traces made
 * by real runs (plain, with snapshots, compressed instructions, a window)
 * into DIR and exits (make-seeds.sh). */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/tracefile.h"

static void record(const char *dir, const char *name, bool insns, sim_time_t window, uint64_t every)
{
	static const char *dirs[] = { RPSIM_BUILD_FIRMWARE_DIR "/rpmsg-echo" };
	struct scenario_options o = { .firmware_dirs = dirs, .nfirmware_dirs = 1 };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(RPSIM_SRCDIR "/scenarios/rpmsg-echo.json", &o, &sc, &d) != 0)
		abort();
	diag_free(&d);
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *null = fopen("/dev/null", "w");
	struct runner_options ro = { .out = null, .trace_path = path, .trace_insns = insns,
				     .trace_window = window, .snapshot_every = every };
	struct runner_result res;
	if (runner_run(sc, &ro, &res) != RUNNER_PASS)
		abort();
	fclose(null);
	scenario_free(sc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *dir = getenv("RPSIM_FUZZ_SEEDS");
	if (!dir)
		return 0;
	record(dir, "plain.trace", false, 0, 0);
	record(dir, "seekable.trace", false, 0, 3000);
	record(dir, "insns.trace", true, 0, 5000);
	record(dir, "window.trace", true, 20 * SIM_US, 0);
	exit(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz.trace", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	char path[64], err[512], desc[512];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	struct tracefile_reader *r = tracefile_open(path, err, sizeof(err));
	if (r) {
		struct tracefile_record rec;
		while (tracefile_next(r, &rec, err, sizeof(err)) == 1)
			tracefile_describe(&rec, desc, sizeof(desc));
		for (size_t i = 0; i < tracefile_nsnapshots(r) && i < 64; i++) {
			uint8_t *snap;
			size_t len;
			if (tracefile_read_snapshot(r, i, &snap, &len, err, sizeof(err)) == 0)
				free(snap);
		}
		uint64_t n = tracefile_record_count(r);
		tracefile_seek_record(r, n / 2, err, sizeof(err));
		tracefile_next(r, &rec, err, sizeof(err));
		tracefile_seek_time(r, (sim_time_t)n * 1000);
		tracefile_next(r, &rec, err, sizeof(err));
		tracefile_close(r);
	}
	close(fd);
	return 0;
}
