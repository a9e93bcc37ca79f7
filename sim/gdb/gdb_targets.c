/* The simulations the stub serves, as struct gdb_target: a scenario's run
 * (sim/runner: the cores of the remotes, the host for the monitor) and
 * rpsim exec's bare machine (sim/platform/bare.h: one core, no host). */
#include "sim/core/sim.h"
#include "sim/gdb/gdb.h"
#include "sim/platform/bare.h"
#include "sim/runner/runner.h"

struct runner_ctx {
	struct runner *run;
	const struct runner_result *res;
};

static bool runner_adv(void *ctx, sim_time_t until)
{
	return runner_advance(((struct runner_ctx *)ctx)->run, until);
}

static void runner_kill(void *ctx)
{
	runner_abort(((struct runner_ctx *)ctx)->run, "the run was killed from GDB");
}

static int runner_snap_save(void *ctx, struct snap_writer *w)
{
	return runner_save(((struct runner_ctx *)ctx)->run, w);
}

static int runner_snap_restore(void *ctx, struct snap_reader *r)
{
	return runner_restore(((struct runner_ctx *)ctx)->run, r);
}

static void runner_quiet(void *ctx, bool on)
{
	runner_set_quiet(((struct runner_ctx *)ctx)->run, on);
}

static int runner_status(void *ctx)
{
	const struct runner_result *res = ((struct runner_ctx *)ctx)->res;
	return res->verdict == RUNNER_PASS ? 0 : res->verdict == RUNNER_FAIL ? 1 : 2;
}

int gdb_serve_runner(struct gdb_server *srv, struct runner *run, const struct runner_result *res,
		     bool wait, FILE *log)
{
	struct runner_ctx rc = { run, res };
	struct gdb_target t = {
		.sim = runner_sim(run), .host = runner_host(run), .ctx = &rc,
		.advance = runner_adv, .kill = runner_kill, .exit_status = runner_status,
		.quiet = runner_quiet,
	};
	if (!runner_tracing(run)) {
		/* a trace file holds one history: going back would write a second */
		t.save = runner_snap_save;
		t.restore = runner_snap_restore;
	}
	for (unsigned i = 0; i < runner_ncores(run) && i < GDB_MAX_CORES; i++) {
		t.cores[t.ncores] = runner_core(run, i);
		t.names[t.ncores++] = runner_core_name(run, i);
	}
	if (!t.ncores) {
		fprintf(log, "rpsim: the scenario has no core to debug\n");
		return -1;
	}
	return gdb_server_run(srv, &t, wait, log);
}

static bool bare_adv(void *ctx, sim_time_t until)
{
	return bare_advance(ctx, until);
}

static void bare_killed(void *ctx)
{
	bare_kill(ctx);
}

/* Reverse execution: snapshots of the whole machine (its memories, the
 * core, the devices), as the runner's */
static int bare_snap_save(void *ctx, struct snap_writer *w)
{
	return sim_snapshot_save(bare_cpu(ctx)->sim, w);
}

static int bare_snap_restore(void *ctx, struct snap_reader *r)
{
	return sim_snapshot_restore(bare_cpu(ctx)->sim, r);
}

static void bare_quiet(void *ctx, bool on)
{
	bare_set_quiet(ctx, on);
}

static int bare_status(void *ctx)
{
	return bare_exit_status(ctx);
}

int gdb_serve_bare(struct gdb_server *srv, struct bare *m, const char *name, bool wait, FILE *log)
{
	bare_start(m);
	struct gdb_target t = {
		.sim = bare_cpu(m)->sim, .ncores = 1, .ctx = m,
		.advance = bare_adv, .kill = bare_killed, .exit_status = bare_status,
		.save = bare_snap_save, .restore = bare_snap_restore, .quiet = bare_quiet,
	};
	t.cores[0] = bare_cpu(m);
	t.names[0] = name;
	return gdb_server_run(srv, &t, wait, log);
}
