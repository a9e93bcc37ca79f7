/* The runner's setup: the platform, the host built from it (models/host/
 * host.h), the trace file (runner_trace.c), and the model hooks that feed
 * the timeline (runner_out.c prints it). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/record.h"
#include "config.h"
#include "sim/runner/runner_internal.h"
#include "sim/core/escape.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/core/trace_limit.h"
#include "sim/core/snap.h"
#include "sim/core/tracefile_write.h"

void runner_fail(struct runner *run, sim_time_t t, const char *fmt, ...)
{
	if (run->res->verdict != RUNNER_PASS)
		return; /* the first failure is the one reported */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(run->res->message, sizeof(run->res->message), fmt, ap);
	va_end(ap);
	run->res->verdict = RUNNER_FAIL;
	run->res->end_time = t;
	record_expect(run->sim.trace, t, false, run->res->message);
	run->done = true;
	sim_stop(&run->sim, 1);
}

struct runner_file *runner_file_find(struct runner *run, const char *path)
{
	for (unsigned i = 0; i < RUNNER_MAX_FILES; i++)
		if (run->files[i].f && strcmp(run->files[i].path, path) == 0)
			return &run->files[i];
	return NULL;
}

/* --- model hooks: timeline and waking a blocked step --- */

/* The uart's own log lines repeat what on_uart_line shows. */
static bool is_uart(const struct runner *run, uint16_t comp)
{
	if (comp >= run->sim.ncomponents)
		return false;
	const void *obj = run->sim.components[comp].obj;
	for (unsigned i = 0; run->plat && i < run->plat->nremotes; i++)
		if (obj && obj == run->plat->remotes[i].uart)
			return true;
	return false;
}

/* One line per message: guest errors always (in the error style), the
 * rest with -v. */
static void on_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *component, const char *msg)
{
	struct runner *run = ctx;
	if (run->quiet)
		return;
	if (run->opt.verbosity < 2 && !(run->opt.verbosity >= 1 && cat == SIM_LOG_GUEST_ERROR))
		return;
	if (cat == SIM_LOG_INFO && is_uart(run, comp_id))
		return;
	const char *who = component ? component : "sim";
	if (cat == SIM_LOG_INFO)
		runner_line(run, t, RUNNER_STYLE_PLAIN, who, "%s", msg);
	else
		runner_line(run, t, cat == SIM_LOG_DEBUG ? RUNNER_STYLE_PLAIN : RUNNER_STYLE_ERROR, who, "%s: %s",
			    sim_log_cat_name(cat), msg);
}

static void on_state(void *ctx, unsigned remote, const char *dev_name, enum rproc_state old,
		     enum rproc_state now, sim_time_t t)
{
	struct runner *run = ctx;
	runner_line(run, t, now == RPROC_CRASHED ? RUNNER_STYLE_ERROR : RUNNER_STYLE_STATE, dev_name, "state %s -> %s",
		    rproc_state_name(old), rproc_state_name(now));
	unsigned i = remote;
	if (i < SCENARIO_MAX_RPROCS && run->states[i].n < RUNNER_MAX_STATES)
		run->states[i].seen[run->states[i].n++] = (uint8_t)now;
	if (now == RPROC_CRASHED && i < run->nremotes)
		runner_note_crash(run, i, t);
	runner_steps_poke(run, t);
}

static void on_uart_line(void *ctx, unsigned remote, const char *line, sim_time_t t)
{
	struct runner *run = ctx;
	runner_line(run, t, RUNNER_STYLE_FIRMWARE, run->remotes[remote].pr->name, "| %s", line);
	if (run->nlines < RUNNER_MAX_LINES)
		run->lines[run->nlines++] = strdup(line);
	runner_steps_poke(run, t);
}

bool runner_channel_live(const struct runner *run, const char *name)
{
	for (unsigned i = 0; i < run->nchannels; i++)
		if (strcmp(run->channels[i], name) == 0)
			return true;
	return false;
}

static void on_channel(void *ctx, unsigned remote, const char *dev_name, const char *name,
		       const char *devname, bool created, sim_time_t t)
{
	struct runner *run = ctx;
	(void)remote;
	if (created && run->nchannels < RUNNER_MAX_LINES) {
		run->channels[run->nchannels++] = strdup(name);
	} else if (!created) {
		for (unsigned i = 0; i < run->nchannels; i++) {
			if (strcmp(run->channels[i], name) == 0) {
				free(run->channels[i]);
				run->channels[i] = run->channels[--run->nchannels];
				break;
			}
		}
	}
	runner_line(run, t, RUNNER_STYLE_STATE, dev_name, "rpmsg channel %s %s", devname,
		    created ? "created" : "removed");
	runner_steps_poke(run, t);
}

static void on_tx_ready(void *ctx, sim_time_t t)
{
	runner_steps_poke(ctx, t);
}

static void on_dev_created(void *ctx, const char *path, sim_time_t t)
{
	struct runner *run = ctx;
	if (run->opt.verbosity == 1) /* with -v, the driver's own log line says it */
		runner_say(run, t, "host", "%s created", path);
	runner_steps_poke(run, t);
}

static void on_dev_removed(void *ctx, const char *path, sim_time_t t)
{
	struct runner *run = ctx;
	if (run->opt.verbosity == 1)
		runner_say(run, t, "host", "%s removed", path);
	/* Linux: the file stays open but every operation fails (-EPIPE) */
	runner_steps_poke(run, t);
}

static void on_readable(void *ctx, const char *path, sim_time_t t)
{
	struct runner *run = ctx;
	(void)path;
	runner_steps_poke(run, t);
}

/* The platform's fault hook, to the host, stamped with the core's local
 * time (the fault happened there, ahead of sim->now). */
static void on_core_fatal(void *ctx, unsigned remote, const struct cpu_fault *f)
{
	struct runner *run = ctx;
	sim_time_t t = cpu_local_time(run->remotes[remote].pr->core);
	runner_note_fatal(run, remote, f, t);
	host_core_fatal(run->host, remote, f, t);
}

/* --- setup --- */

static int preload(struct runner *run, struct runner_remote *rr, struct rproc_plat_res *res,
		   bool load, struct diag *d);

static int setup_remote(struct runner *run, unsigned i, struct diag *d)
{
	const struct scenario *sc = run->sc;
	const struct platform_remote_desc *rc = &sc->platform.remotes[i];
	struct runner_remote *rr = &run->remotes[i];
	rr->run = run;
	rr->index = i;
	snprintf(rr->dev_name, sizeof(rr->dev_name), "remoteproc%u", i);
	rr->pr = &run->plat->remotes[i];
	struct host_remote_config hc = {
		.name = rr->pr->name,
		/* the platform driver's hardware */
		.res = {
			.bus = &run->plat->pa,
			.mbox_base = rc->dev_base[DEV_MAILBOX][DEV_HOST],
			.mbox_chan = rc->mailbox.tx_chan,
			.mbox_rx_chan = rc->mailbox.rx_chan,
			.mbox_crash = rc->mailbox.crash_chan >= 0,
			.mbox_crash_chan = rc->mailbox.crash_chan >= 0 ? (unsigned)rc->mailbox.crash_chan : 0,
			.sysctl_base = rc->dev_base[DEV_SYSCTL][DEV_HOST],
			.mbox_irq = rr->pr->host_mbox_irq,
			.wdt_irq = rr->pr->host_wdt_irq,
			.core = rr->pr->core,
		},
		.firmware = rc->firmware,
		.search = (const char *const *)rr->search,
		.recovery_disabled = rc->recovery_disabled,
		.coredump = rc->coredump,
		.coredump_dir = rc->coredump_dir,
		.coredump_no_regs = rc->coredump_no_regs,
		.coredump_dry = run->opt.no_files,
		.preloaded = rc->preloaded,
	};
	/* the host's view of the remote's memories, for da -> pa */
	hc.plat.machine = rr->pr->core->isa->elf_machine;
	for (unsigned k = 0; k < rc->nmemories && k < RPROC_PLAT_MAX_MEMS; k++) {
		hc.plat.mems[k].name = rc->memories[k].name;
		hc.plat.mems[k].da = rc->memories[k].da;
		hc.plat.mems[k].pa = rc->memories[k].pa;
		hc.plat.mems[k].size = rc->memories[k].size;
		hc.plat.nmems++;
	}
	/* its memory-region, as its platform driver registers them */
	for (unsigned k = 0; k < rc->nregions && k < RPROC_PLAT_MAX_REGIONS; k++) {
		const struct platform_region_desc *g = &sc->platform.regions[rc->regions[k].region];
		hc.plat.regions[k].name = g->name;
		hc.plat.regions[k].da = rc->regions[k].da;
		hc.plat.regions[k].pa = g->pa;
		hc.plat.regions[k].size = g->size;
		hc.plat.nregions++;
	}
	hc.plat.dram_base = sc->platform.dram_base;
	hc.plat.dram_size = sc->platform.dram_size;
	if (rc->iommu)
		hc.plat.iommu = (struct rproc_iommu){ .present = true, .map = platform_iommu_map,
						      .unmap = platform_iommu_unmap, .ctx = rr->pr };
	/* the search path for this remote's core (its builds' subfolders
	 * first: scenario_firmware_dirs) */
	char *dirs[SCENARIO_MAX_FW_DIRS];
	unsigned nd = scenario_firmware_dirs(sc, rc->core, dirs, SCENARIO_MAX_FW_DIRS);
	unsigned ns = 0;
	for (unsigned k = 0; k < nd; k++) {
		if ((rr->search[ns] = runner_abs_path(dirs[k])))
			ns++;
		free(dirs[k]);
	}
	rr->search[ns] = NULL;
	/* restoring: only where the table is (the platform driver's setting);
	 * memory and the core come from the snapshot */
	if (rc->preloaded && preload(run, rr, &hc.res, !run->opt.restoring, d) != 0)
		return -1;
	if (host_add_remote(run->host, &hc, d) != 0)
		return -1;
	rr->pr->on_fatal = on_core_fatal;
	rr->pr->fatal_ctx = run;
	return 0;
}

/* A boot stage before Linux (a boot loader) loaded the firmware and
 * started the core: segments copied by p_paddr into the remote's memories,
 * then the boot address and the reset line programmed through the sysctl.
 * It tells the platform driver where the resource table is (as a device
 * tree's reserved memory or STM32's TAMP register would): remoteproc finds
 * the remote running and attaches to it without reading the file. */
static int preload(struct runner *run, struct runner_remote *rr, struct rproc_plat_res *res,
		   bool load, struct diag *d)
{
	const struct platform_remote_desc *rc = rr->pr->cfg;
	const char *path = rc->firmware_file;
	size_t n = 0;
	char err[512] = "no firmware given";
	uint8_t *data = path ? (uint8_t *)sim_file_read(path, SIM_FILE_FIRMWARE, &n, err, sizeof(err)) : NULL;
	if (!data) {
		diag_error(d, "%s: the preloaded firmware cannot be read: %s", rr->pr->name, err);
		return -1;
	}
	int ret = -1;
	struct rproc_elf *elf = rproc_elf_open(data, n, rr->pr->core->isa->elf_machine, d);
	if (!elf)
		goto out;
	for (unsigned i = 0; load && i < elf->nsegs; i++) {
		const struct rproc_elf_seg *seg = &elf->segs[i];
		uint64_t pa;
		if (seg->memsz == 0)
			continue;
		if (platform_da_to_pa(rr->pr, seg->da, seg->memsz, &pa) != 0) {
			diag_error(d, "%s: preloading %s: segment %u (da 0x%llx, 0x%llx bytes) is not in the remote's memory",
				   rr->pr->name, path, seg->index, (unsigned long long)seg->da,
				   (unsigned long long)seg->memsz);
			goto out;
		}
		bus_write_block(&run->plat->pa, pa, rproc_elf_seg_data(elf, seg), seg->filesz);
		bus_fill_block(&run->plat->pa, pa + seg->filesz, 0, seg->memsz - seg->filesz);
	}
	if (elf->has_rsc && elf->rsc_size <= UINT32_MAX) {
		res->rsc_table_da = elf->rsc_da;
		res->rsc_table_size = (uint32_t)elf->rsc_size;
	}
	ret = 0;
	if (!load)
		goto out;
	bus_write(&run->plat->pa, rc->dev_base[DEV_SYSCTL][DEV_HOST] + SYSCTL_BOOT_ADDR, 4, (uint32_t)elf->entry, 0);
	bus_write(&run->plat->pa, rc->dev_base[DEV_SYSCTL][DEV_HOST] + SYSCTL_RESET, 4, 0, 0);
	runner_say(run, 0, rr->pr->name, "preloaded %s, started at 0x%08x (before Linux)", path, (unsigned)elf->entry);
out:
	rproc_elf_free(elf);
	free(data);
	return ret;
}

static void free_runner(struct runner *run)
{
	/* the teardown below still calls the hooks: no step may run */
	run->done = true;
	run->blocked = false;
	run->cur = NULL;
	/* a failed restore leaves pointers to files the host dropped: close
	 * only the files the host still has (it frees the rest) */
	for (unsigned i = 0; i < RUNNER_MAX_FILES; i++) {
		if (run->files[i].f && run->host && host_file_index(run->host, run->files[i].f) >= 0)
			host_close(run->files[i].f, run->sim.now);
		run->files[i].f = NULL;
	}
	/* the remoteprocs go with the sim (their vdevs stop, still telling
	 * the host's hooks); the host after them */
	sim_destroy(&run->sim);
	host_destroy(run->host);
	runner_report_free(run);
	for (unsigned i = 0; i < run->nlines; i++)
		free(run->lines[i]);
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS; i++)
		for (unsigned k = 0; run->remotes[i].search[k]; k++)
			free(run->remotes[i].search[k]);
	for (unsigned i = 0; i < run->nchannels; i++)
		free(run->channels[i]);
	free(run);
}

static void limit_reached(struct event *ev, void *ctx)
{
	struct runner *run = ctx;
	(void)ev;
	runner_fail(run, run->sim.now, "%s: time limit reached before the scenario ended (raise \"time_limit\")",
		    run->sc->file);
}

/* Between slices of the run: the wall-clock limit, and events that go on
 * firing without simulated time advancing (steps are counted one by one
 * in runner_steps.c; this catches a livelock outside the steps too). */
static void check_limits(struct runner *run, const struct timespec *start, const struct timespec *now)
{
	/* called every slice (every 100 us of simulated time with snapshots):
	 * the step's name is formatted only for a message */
	const struct scenario_step *s = run->cur ? run->cur : run->last_step;
	char ts[SIMTIME_BUFLEN], wl[SIMTIME_BUFLEN], step[300] = "";
	if (run->sim.now != run->still_at) {
		run->still_at = run->sim.now;
		run->still_steps = 0;
		run->still_events = run->sim.events_fired;
	} else if (run->sim.events_fired - run->still_events > RUNNER_LIVELOCK_EVENTS) {
		if (s)
			snprintf(step, sizeof(step), " (step %s %s)", s->where, scenario_step_kind_name(s->kind));
		runner_fail(run, run->sim.now, "%s: livelock: %llu events fired at t=%s without simulated "
			    "time advancing, the last one \"%s\"%s", run->sc->file,
			    (unsigned long long)(run->sim.events_fired - run->still_events),
			    simtime_format(run->sim.now, ts, sizeof(ts)),
			    run->sim.last_event ? run->sim.last_event : "?", step);
		return;
	}
	if (!run->opt.wall_limit)
		return;
	uint64_t ns = (uint64_t)(now->tv_sec - start->tv_sec) * 1000000000u +
		      (uint64_t)(now->tv_nsec - start->tv_nsec);
	if (ns >= run->opt.wall_limit / 1000u) {
		if (s)
			snprintf(step, sizeof(step), " (step %s %s)", s->where, scenario_step_kind_name(s->kind));
		runner_fail(run, run->sim.now, "%s: the wall-clock limit of %s was reached at simulated "
			    "time %s%s (--wall-limit)", run->sc->file,
			    simtime_format(run->opt.wall_limit, wl, sizeof(wl)),
			    simtime_format(run->sim.now, ts, sizeof(ts)), step);
	}
}

char *runner_abs_path(const char *p)
{
	char real[PATH_MAX];
	if (realpath(p, real))
		return strdup(real);
	return strdup(p); /* not there: nothing will be found in it anyway */
}

struct runner *runner_open(const struct scenario *sc, const struct runner_options *opt,
			   struct runner_result *res)
{
	memset(res, 0, sizeof(*res));
	struct runner *run = calloc(1, sizeof(*run));
	if (!run) {
		snprintf(res->message, sizeof(res->message), "out of memory");
		res->verdict = RUNNER_ERROR;
		return NULL;
	}
	run->sc = sc;
	run->opt = *opt;
	if (!run->opt.out)
		run->opt.out = stdout;
	run->res = res;
	sim_init(&run->sim);
	run->sim.log_fn = on_log;
	run->sim.log_ctx = run;
	run->sim.log_level = SIM_LOG_INFO;

	char err[256];
	if (opt->trace_path && runner_trace_open(run, err, sizeof(err)) < 0) {
		snprintf(res->message, sizeof(res->message), "%s", err);
		free_runner(run);
		res->verdict = RUNNER_ERROR;
		return NULL;
	}
	/* the runner's own sink shows firmware loads in the timeline, then
	 * every record goes to the file (which asks the per-source volume
	 * bound first) or to the tests' sink; without a timeline, the file's
	 * sink is the simulation's, one call less per record; with neither a
	 * timeline nor a destination, nothing is encoded at all */
	struct trace_sink *dest = run->tw ? tracefile_sink(run->tw) : opt->sink;
	if (dest || opt->verbosity >= 1) {
		runner_sink_init(run, dest);
		run->sim.trace = run->tw && opt->verbosity < 1 ? dest : &run->sink;
	}

	struct diag d;
	diag_init(&d, sc->file);
	struct platform_desc pd = sc->platform;
	pd.jit = opt->jit;
	run->plat = platform_build(&run->sim, &pd, &d);
	/* the carveout and buffer pool: the board's default CMA region, else
	 * the upper half of DRAM; reserved regions are never handed out */
	uint32_t pool_base, pool_size;
	platform_desc_pool(&sc->platform, &pool_base, &pool_size);
	struct rproc_pool_block reserved[PLATFORM_MAX_REGIONS];
	unsigned nreserved = 0;
	for (unsigned g = 0; g < sc->platform.nregions; g++)
		if (!sc->platform.regions[g].pool)
			reserved[nreserved++] = (struct rproc_pool_block){ .pa = sc->platform.regions[g].pa,
									   .size = sc->platform.regions[g].size };
	run->host = host_create(&run->sim, &(struct host_config){
		.bus = run->plat ? &run->plat->pa : NULL,
		.irq_entry = sc->platform.host.irq_entry,
		.vdev_start = sc->platform.host.vdev_start,
		.pool_base = pool_base,
		.pool_size = pool_size,
		.reserved = reserved,
		.nreserved = nreserved,
		.hooks = {
			.ctx = run, .state = on_state, .channel = on_channel,
			.dev_created = on_dev_created, .dev_removed = on_dev_removed,
			.readable = on_readable, .tx_ready = on_tx_ready,
		},
	});
	if (run->plat && run->host) {
		run->plat->on_uart_line = on_uart_line;
		run->plat->line_ctx = run;
		for (unsigned i = 0; i < sc->platform.nremotes; i++) {
			if (setup_remote(run, i, &d) < 0)
				break;
			run->nremotes++;
		}
		for (unsigned i = 0; i < run->nremotes && opt->trace_insns && run->file_sink; i++)
			cpu_set_trace_insns(run->remotes[i].pr->core, true);
	}
	if (diag_has_errors(&d) || !run->plat || !run->host) {
		snprintf(res->message, sizeof(res->message), "%s: cannot build the platform: %s", sc->file,
			 d.n ? d.msgs[0].text : "out of memory");
		diag_free(&d);
		run->sim.trace = NULL;
		trace_limit_finish(run->tlimit, run->sim.now); /* its notes still admitted */
		if (run->tw)
			tracefile_set_limit(run->tw, NULL);
		run->tlimit = NULL;
		if (run->tw)
			tracefile_finish(run->tw, err, sizeof(err));
		free_runner(run);
		res->verdict = RUNNER_ERROR;
		return NULL;
	}
	diag_free(&d);
	/* after the platform and the host: restored after them */
	runner_snapshot_register(run);

	sim_time_t limit = opt->time_limit ? opt->time_limit : sc->time_limit;
	event_init(&run->limit_ev, "time-limit", limit_reached, run);
	if (limit && !opt->restoring)
		sim_schedule(&run->sim, &run->limit_ev, limit);
	runner_steps_init(run);
	if (!opt->restoring)
		runner_steps_start(run);
	runner_progress_start(run);
	clock_gettime(CLOCK_MONOTONIC, &run->wall_start);
	return run;
}

struct sim *runner_sim(struct runner *run)
{
	return &run->sim;
}

bool runner_done(const struct runner *run)
{
	return run->done;
}

unsigned runner_ncores(const struct runner *run)
{
	return run->nremotes;
}

struct cpu *runner_core(const struct runner *run, unsigned i)
{
	return i < run->nremotes ? run->remotes[i].pr->core : NULL;
}

/* Runs in slices (of simulated time, and of events) so a long run can show
 * progress, a trace can take its snapshots, and the wall-clock limit and
 * the livelock counters are looked at; slicing does not change the order
 * of events.  The wall clock only decides when to print and, with
 * --wall-limit, when to give up. */
bool runner_advance(struct runner *run, sim_time_t until)
{
	bool snaps = run->tw && run->opt.snapshot_every;
	if (snaps && !run->nsnaps)
		runner_trace_first_snapshot(run);
	while (!run->done && run->sim.now < until) {
		sim_time_t stop = until;
		if (run->opt.progress && simtime_add(run->sim.now, RUNNER_PROGRESS_SLICE) < stop)
			stop = simtime_add(run->sim.now, RUNNER_PROGRESS_SLICE);
		if (snaps) {
			/* look at the work done every slice, and straight at the next
			 * event when nothing happens before it */
			sim_time_t next = eventq_next_time(&run->sim.q);
			sim_time_t cnext = eventq_next_time(&run->sim.cq);
			if (cnext < next)
				next = cnext;
			sim_time_t slice = simtime_add(run->sim.now, RUNNER_SNAPSHOT_SLICE);
			if (next > slice)
				slice = next;
			if (slice < stop)
				stop = slice;
		}
		enum sim_run_result r = sim_run_budget(&run->sim, stop, RUNNER_EVENT_SLICE);
		if (run->tw)
			runner_trace_size_warning(run);
		/* snapshots where slices of time end (an event budget that ends a
		 * slice early moves none) */
		if (snaps && !run->done && r != SIM_RUN_STOPPED && r != SIM_RUN_BUDGET)
			runner_trace_maybe_snapshot(run);
		if (r == SIM_RUN_TIME || r == SIM_RUN_BUDGET) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (run->opt.progress)
				runner_progress(run);
			check_limits(run, &run->wall_start, &now);
			continue;
		}
		if (r == SIM_RUN_IDLE && !run->done) {
			/* nothing left to happen and the steps are not finished:
			 * a step is blocked with no timeout (a runner bug) */
			runner_fail(run, run->sim.now, "the simulation went idle before the scenario ended");
		}
		if (r == SIM_RUN_STOPPED && !run->done)
			return false; /* someone else stopped it (an instruction limit, a pause) */
	}
	return run->done;
}

void runner_abort(struct runner *run, const char *why)
{
	char ts[SIMTIME_BUFLEN];
	runner_fail(run, run->sim.now, "%s, at t=%s", why, simtime_format(run->sim.now, ts, sizeof(ts)));
}

int runner_save(struct runner *run, struct snap_writer *w)
{
	return sim_snapshot_save(&run->sim, w);
}

int runner_restore(struct runner *run, struct snap_reader *r)
{
	return sim_snapshot_restore(&run->sim, r);
}

enum runner_verdict runner_close(struct runner *run)
{
	struct runner_result *res = run->res;
	if (run->tw)
		runner_trace_last_snapshot(run);
	runner_progress_end(run);
	sim_log_summary(&run->sim);
	if (res->verdict == RUNNER_PASS)
		res->end_time = run->sim.now;
	res->insns = runner_insns(run); /* over resets: a recovery does not restart the count */
	if (res->verdict == RUNNER_FAIL)
		runner_report(run);
	if (run->tw) {
		char err[256];
		if (runner_trace_finish(run, err, sizeof(err)) != 0 && res->verdict == RUNNER_PASS) {
			snprintf(res->message, sizeof(res->message), "%s", err);
			res->verdict = RUNNER_ERROR;
		}
	}
	run->sim.trace = NULL;
	enum runner_verdict v = res->verdict;
	snap_delta_free(run->chain);
	snap_writer_free(&run->snapw);
	free_runner(run);
	return v;
}

struct host *runner_host(struct runner *run)
{
	return run->host;
}

void runner_set_quiet(struct runner *run, bool quiet)
{
	run->quiet = quiet;
}

bool runner_tracing(const struct runner *run)
{
	return run->tw != NULL;
}

const char *runner_core_name(const struct runner *run, unsigned i)
{
	return i < run->nremotes ? run->remotes[i].dev_name : NULL;
}

const char *runner_firmware(const struct runner *run, unsigned i)
{
	if (i >= run->nremotes)
		return NULL;
	const char *p = host_firmware_path(run->host, i);
	return p ? p : run->sc->platform.remotes[i].firmware_file;
}

enum runner_verdict runner_run(const struct scenario *sc, const struct runner_options *opt,
			       struct runner_result *res)
{
	struct runner_options o = *opt;
	o.restoring = opt->restore != NULL;
	struct runner *run = runner_open(sc, &o, res);
	if (!run)
		return res->verdict;
	char err[sizeof(res->message)];
	if (opt->restore &&
	    runner_checkpoint_restore(run, opt->restore, opt->restore_name ? opt->restore_name : "checkpoint",
				      err, sizeof(err)) < 0)
		goto error;
	if (opt->checkpoint_path) {
		if (runner_advance(run, opt->checkpoint_at) || run->sim.now < opt->checkpoint_at) {
			char t1[SIMTIME_BUFLEN], t2[SIMTIME_BUFLEN];
			snprintf(err, sizeof(err), "%s: the scenario ended at %s, before --checkpoint-at %s: "
				 "no checkpoint written", opt->checkpoint_path,
				 simtime_format(run->sim.now, t1, sizeof(t1)),
				 simtime_format(opt->checkpoint_at, t2, sizeof(t2)));
			goto error;
		}
		if (runner_checkpoint_write(run, opt->checkpoint_path, err, sizeof(err)) < 0)
			goto error;
	}
	runner_advance(run, SIM_TIME_MAX);
	return runner_close(run);
error:
	runner_close(run);
	snprintf(res->message, sizeof(res->message), "%s", err);
	return res->verdict = RUNNER_ERROR;
}
