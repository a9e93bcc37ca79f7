/* Fuzz target: a scenario file through the loader and, when it loads,
 * through the runner: every step against the host model with the sample
 * firmware, bounded to 1 ms of simulated time (the scenario may ask for
 * less), with a trace written.  Relative paths (payload files, firmware
 * directories, core dumps) resolve in a private temporary directory. */
#include <dirent.h>
#include <sys/stat.h>

#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz.h"

#define MAX_DIRS 32
#define FUZZ_RUN_STEPS 1100000u

/* the sample firmware's folders in the build tree, searched last as
 * `rpsim run` searches them: $top_builddir/firmware-samples/NAME (make check
 * and run-fuzz.sh set top_builddir; else the current directory, the build
 * directory run-fuzz.sh runs from) */
static unsigned sample_dirs(const char **out, unsigned max)
{
	static char *dirs[MAX_DIRS];
	static unsigned n;
	static int done;
	if (!done) {
		done = 1;
		const char *top = getenv("top_builddir");
		char base[1024];
		snprintf(base, sizeof(base), "%s/firmware-samples", top && top[0] ? top : ".");
		DIR *d = opendir(base);
		struct dirent *e;
		while (d && (e = readdir(d)) && n < MAX_DIRS) {
			if (e->d_name[0] == '.')
				continue;
			char p[2048];
			struct stat st;
			snprintf(p, sizeof(p), "%s/%s", base, e->d_name);
			if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
				dirs[n++] = strdup(p);
		}
		if (d)
			closedir(d);
	}
	unsigned k = 0;
	for (; k < n && k < max; k++)
		out[k] = dirs[k];
	return k;
}

FUZZ_TARGET(scenario)
{
	const char *dirs[MAX_DIRS];
	struct scenario_options o = { .fallback_dirs = dirs };
	o.nfallback_dirs = sample_dirs(dirs, MAX_DIRS);
	char path[512], tr[512];
	snprintf(path, sizeof(path), "%s/fuzz.json", fuzz_tmpdir());
	snprintf(tr, sizeof(tr), "%s/fuzz.trace", fuzz_tmpdir());
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	int rc = scenario_load_buffer(path, (const char *)data, size, &o, &sc, &d);
	diag_print(&d, fuzz_null_stream());
	diag_free(&d);
	/* at most FUZZ_RUN_STEPS steps are run: rpsim takes 10^8 (the load
	 * refuses more), minutes under the sanitizers, where a step costs up
	 * to 13 us; the livelock limit (10^6 steps) stays within reach (the
	 * livelock seeds are 1 x 10^6 zero-time steps) */
	if (rc != 0 || sc->run_steps > FUZZ_RUN_STEPS) {
		scenario_free(sc);
		return 0;
	}
	for (unsigned k = 0; k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir);
		sc->platform.remotes[k].coredump_dir = strdup(fuzz_tmpdir());
	}
	/* the timeline (verbosity 1, as `rpsim run`): at 2 every step of a
	 * repeat is formatted, which makes the livelock seeds too slow to fuzz */
	struct runner_options opt = {
		.verbosity = 1, .out = fuzz_null_stream(), .trace_path = tr,
		.time_limit = sc->time_limit < SIM_MS ? sc->time_limit : SIM_MS,
	};
	struct runner_result res;
	runner_run(sc, &opt, &res);
	scenario_free(sc);
	return 0;
}
