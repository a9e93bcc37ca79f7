/* Fuzz target: checkpoints (sim/core/checkpoint.h, doc/checkpoints.md).
 * The first byte picks what the rest is:
 *   0  a checkpoint file: checkpoint_parse (header, identities, checksum,
 *      the compressed snapshot);
 *   1  a snapshot stream, restored into a fresh simulation of
 *      scenarios/rpmsg-echo.json as `rpsim run --restore` does it (the
 *      checksum and the compression, which stop nearly every mutation at
 *      the file level, are out of the way), then run on for 50 us.
 * Nothing may crash, hang, leak or touch memory it does not own; a bad
 * input gives a message and a -1.  The scenario comes from $top_srcdir,
 * the sample firmware from $top_builddir (make check and run-fuzz.sh set
 * both).
 *
 * With RPSIM_FUZZ_SEEDS=DIR in the environment, the first input makes
 * seeds of both kinds from real runs into DIR and exits (seeds.sh). */
#include "sim/core/checkpoint.h"
#include "sim/core/fileio.h"
#include "sim/core/snap.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz.h"

static struct scenario *sc;

static const char *env_dir(const char *name)
{
	const char *v = getenv(name);
	return v && v[0] ? v : ".";
}

static void load_scenario(void)
{
	char fw[1024], path[1024];
	snprintf(fw, sizeof(fw), "%s/firmware-samples/rpmsg-echo", env_dir("top_builddir"));
	snprintf(path, sizeof(path), "%s/scenarios/rpmsg-echo.json", env_dir("top_srcdir"));
	const char *dirs[] = { fw };
	struct scenario_options o = { .firmware_dirs = dirs, .nfirmware_dirs = 1 };
	struct diag d;
	diag_init(&d, NULL);
	if (scenario_load(path, &o, &sc, &d) != 0) {
		diag_print(&d, stderr);
		abort(); /* the shipped scenario loads: a harness or setup bug */
	}
	diag_free(&d);
	for (unsigned k = 0; k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir);
		sc->platform.remotes[k].coredump_dir = strdup(fuzz_tmpdir());
	}
}

static void write_seed(const char *dir, const char *name, uint8_t mode, const void *p, size_t n)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(&mode, 1, 1, f) != 1 || fwrite(p, 1, n, f) != n || fclose(f) != 0)
		abort();
}

static void make_seeds(const char *dir)
{
	FILE *out = fuzz_null_stream();
	struct runner_options opt = { .verbosity = 0, .out = out };
	struct runner_result res;
	struct runner *run = runner_open(sc, &opt, &res);
	if (!run)
		abort();
	const sim_time_t at[] = { 30 * SIM_US, 115 * SIM_US, 150 * SIM_US };
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		if (runner_advance(run, at[i]))
			break;
		struct snap_writer w;
		snap_writer_init(&w);
		if (runner_save(run, &w) < 0)
			abort();
		char name[64];
		snprintf(name, sizeof(name), "snapshot-%u", i);
		write_seed(dir, name, 1, w.buf, w.len);
		struct checkpoint ck = { .time = at[i], .nids = 1, .snap = w.buf, .snap_len = w.len };
		ck.ids[0].kind = TRACEFILE_ID_TOOL;
		snprintf(ck.ids[0].path, sizeof(ck.ids[0].path), "rpsim fuzz");
		char err[256], tmp[1024];
		snprintf(tmp, sizeof(tmp), "%s/seed.ckpt", fuzz_tmpdir());
		if (checkpoint_write(tmp, &ck, err, sizeof(err)) < 0)
			abort();
		size_t n = 0;
		uint8_t *buf = (uint8_t *)sim_read_file(tmp, (size_t)64 << 20, &n);
		if (!buf)
			abort();
		remove(tmp);
		snprintf(name, sizeof(name), "checkpoint-%u", i);
		write_seed(dir, name, 0, buf, n);
		free(buf);
		snap_writer_free(&w);
	}
	runner_close(run);
}

FUZZ_TARGET(checkpoint)
{
	if (!sc) {
		load_scenario();
		const char *seeds = getenv("RPSIM_FUZZ_SEEDS");
		if (seeds && seeds[0]) {
			make_seeds(seeds);
			exit(0);
		}
	}
	if (size < 1)
		return 0;
	char err[512];
	if (data[0] == 0) {
		struct checkpoint *ck = calloc(1, sizeof(*ck));
		if (ck && checkpoint_parse(data + 1, size - 1, "fuzz", ck, err, sizeof(err)) == 0)
			checkpoint_free(ck);
		free(ck);
		return 0;
	}
	if (data[0] != 1)
		return 0;
	FILE *out = fuzz_null_stream();
	struct runner_options opt = { .verbosity = 1, .out = out, .restoring = true };
	struct runner_result res;
	struct runner *run = runner_open(sc, &opt, &res);
	if (!run)
		abort(); /* the scenario builds: a harness bug */
	struct snap_reader r;
	snap_reader_init(&r, data + 1, size - 1);
	if (runner_restore(run, &r) == 0)
		runner_advance(run, runner_sim(run)->now + 50 * SIM_US);
	runner_close(run);
	return 0;
}
