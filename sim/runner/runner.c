/* The runner's setup: the platform, the host built from it (models/host/
 * host.h), the trace file, and the timeline printed as things happen. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/core/record.h"
#include "config.h"
#include "sim/runner/runner_internal.h"
#include "sim/core/escape.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/core/trace_limit.h"
#include "sim/core/tracefile_write.h"

/* One timeline line. What it quotes (uart lines, channel and device
 * names, paths) comes from the firmware or the scenario: the whole line is
 * escaped (sim/core/escape.h). */
static void say_line(FILE *out, sim_time_t t, const char *who, const char *msg)
{
	char ts[SIMTIME_BUFLEN], w[SIM_ESCAPE_SIZE(64)];
	sim_escape(w, sizeof(w), who, strlen(who), 0);
	fprintf(out, "[%s] %-12s ", simtime_format_fixed(t, ts, sizeof(ts)), w);
	sim_escape_write(out, msg, strlen(msg), 0);
	fputc('\n', out);
}

void runner_say(struct runner *run, sim_time_t t, const char *who, const char *fmt, ...)
{
	if (run->opt.verbosity < 1)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	say_line(run->opt.out, t, who, msg);
}

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

static void on_log(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *component, const char *msg)
{
	(void)comp_id;
	struct runner *run = ctx;
	if (run->opt.verbosity >= 2 || (run->opt.verbosity >= 1 && cat == SIM_LOG_GUEST_ERROR)) {
		const char *who = component ? component : "sim";
		if (cat == SIM_LOG_INFO) {
			say_line(run->opt.out, t, who, msg);
		} else {
			say_line(run->opt.out, t, who, sim_log_cat_name(cat));
			fprintf(run->opt.out, "%*s ", 30, "");
			sim_escape_write(run->opt.out, msg, strlen(msg), 0);
			fputc('\n', run->opt.out);
		}
	}
}

static void on_state(void *ctx, unsigned remote, const char *dev_name, enum rproc_state old,
		     enum rproc_state now, sim_time_t t)
{
	struct runner *run = ctx;
	runner_say(run, t, dev_name, "state %s -> %s", rproc_state_name(old), rproc_state_name(now));
	unsigned i = remote;
	if (i < SCENARIO_MAX_RPROCS && run->states[i].n < RUNNER_MAX_STATES)
		run->states[i].seen[run->states[i].n++] = (uint8_t)now;
	runner_steps_poke(run, t);
}

static void on_uart_line(void *ctx, unsigned remote, const char *line, sim_time_t t)
{
	struct runner *run = ctx;
	runner_say(run, t, run->remotes[remote].pr->name, "| %s", line);
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
	runner_say(run, t, dev_name, "rpmsg channel %s %s", devname, created ? "created" : "removed");
	runner_steps_poke(run, t);
}

static void on_tx_ready(void *ctx, sim_time_t t)
{
	runner_steps_poke(ctx, t);
}

static void on_dev_created(void *ctx, const char *path, sim_time_t t)
{
	struct runner *run = ctx;
	runner_say(run, t, "host", "%s created", path);
	runner_steps_poke(run, t);
}

static void on_dev_removed(void *ctx, const char *path, sim_time_t t)
{
	struct runner *run = ctx;
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
	host_core_fatal(run->host, remote, f, cpu_local_time(run->remotes[remote].pr->core));
}

/* --- setup --- */

static int preload(struct runner *run, struct runner_remote *rr, struct diag *d);

static int setup_remote(struct runner *run, unsigned i, struct diag *d)
{
	const struct scenario *sc = run->sc;
	const struct platform_remote_desc *rc = &sc->platform.remotes[i];
	struct runner_remote *rr = &run->remotes[i];
	rr->run = run;
	rr->index = i;
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
		},
		.firmware = rc->firmware,
		.search = rr->search,
		.recovery_disabled = rc->recovery_disabled,
		.coredump = rc->coredump,
		.coredump_dir = rc->coredump_dir,
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
	unsigned ns = 0;
	for (unsigned k = 0; k < sc->nfw_dirs && ns < 15; k++)
		rr->search[ns++] = sc->fw_dirs[k];
	rr->search[ns] = NULL;
	if (rc->preloaded && preload(run, rr, d) != 0)
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
 * remoteproc finds the remote running and attaches to it. */
static int preload(struct runner *run, struct runner_remote *rr, struct diag *d)
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
	struct rproc_elf *elf = rproc_elf_open(data, n, RPROC_EM_RISCV, d);
	if (!elf)
		goto out;
	for (unsigned i = 0; i < elf->nsegs; i++) {
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
	bus_write(&run->plat->pa, rc->dev_base[DEV_SYSCTL][DEV_HOST] + SYSCTL_BOOT_ADDR, 4, (uint32_t)elf->entry, 0);
	bus_write(&run->plat->pa, rc->dev_base[DEV_SYSCTL][DEV_HOST] + SYSCTL_RESET, 4, 0, 0);
	runner_say(run, 0, rr->pr->name, "preloaded %s, started at 0x%08x (before Linux)", path, (unsigned)elf->entry);
	ret = 0;
out:
	rproc_elf_free(elf);
	free(data);
	return ret;
}

static void free_runner(struct runner *run)
{
	for (unsigned i = 0; i < RUNNER_MAX_FILES; i++)
		if (run->files[i].f)
			host_close(run->files[i].f, run->sim.now);
	/* the remoteprocs go with the sim (their vdevs stop, still telling
	 * the host's hooks); the host after them */
	sim_destroy(&run->sim);
	host_destroy(run->host);
	for (unsigned i = 0; i < run->nlines; i++)
		free(run->lines[i]);
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
	const struct scenario_step *s = run->cur ? run->cur : run->last_step;
	char ts[SIMTIME_BUFLEN], wl[SIMTIME_BUFLEN], step[300] = "";
	if (s)
		snprintf(step, sizeof(step), " (step %s %s)", s->where, scenario_step_kind_name(s->kind));
	if (run->sim.now != run->still_at) {
		run->still_at = run->sim.now;
		run->still_steps = 0;
		run->still_events = run->sim.events_fired;
	} else if (run->sim.events_fired - run->still_events > RUNNER_LIVELOCK_EVENTS) {
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
	if (ns >= run->opt.wall_limit / 1000u)
		runner_fail(run, run->sim.now, "%s: the wall-clock limit of %s was reached at simulated "
			    "time %s%s (--wall-limit)", run->sc->file,
			    simtime_format(run->opt.wall_limit, wl, sizeof(wl)),
			    simtime_format(run->sim.now, ts, sizeof(ts)), step);
}

static void record_identities(struct runner *run)
{
	uint64_t h, size;
	if (tracefile_hash_file(run->sc->file, &h, &size) == 0)
		tracefile_identity(run->tw, TRACEFILE_ID_SCENARIO, run->sc->file, h, size);
	for (unsigned i = 0; i < run->sc->platform.nremotes; i++) {
		const char *fw = run->sc->platform.remotes[i].firmware_file;
		if (fw && tracefile_hash_file(fw, &h, &size) == 0)
			tracefile_identity(run->tw, TRACEFILE_ID_FIRMWARE, fw, h, size);
	}
	tracefile_identity(run->tw, TRACEFILE_ID_TOOL, "rpsim " PACKAGE_VERSION, 0, 0);
}

enum runner_verdict runner_run(const struct scenario *sc, const struct runner_options *opt,
			       struct runner_result *res)
{
	memset(res, 0, sizeof(*res));
	struct runner *run = calloc(1, sizeof(*run));
	if (!run) {
		snprintf(res->message, sizeof(res->message), "out of memory");
		return res->verdict = RUNNER_ERROR;
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
	if (opt->trace_path) {
		run->tw = tracefile_create(opt->trace_path, opt->trace_insns ? TRACEFILE_FLAG_INSNS : 0, err, sizeof(err));
		if (!run->tw) {
			snprintf(res->message, sizeof(res->message), "%s", err);
			free_runner(run);
			return res->verdict = RUNNER_ERROR;
		}
		record_identities(run);
		/* every record goes through the per-source volume bound */
		run->tlimit = trace_limit_create(tracefile_sink(run->tw), opt->trace_insns);
		if (!run->tlimit) {
			snprintf(res->message, sizeof(res->message), "out of memory");
			tracefile_finish(run->tw, err, sizeof(err));
			free_runner(run);
			return res->verdict = RUNNER_ERROR;
		}
		run->sim.trace = trace_limit_sink(run->tlimit);
	}

	struct diag d;
	diag_init(&d, sc->file);
	run->plat = platform_build(&run->sim, &sc->platform, &d);
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
		for (unsigned i = 0; i < run->nremotes && opt->trace_insns && run->tw; i++)
			cpu_set_trace_insns(run->remotes[i].pr->core, true);
	}
	if (diag_has_errors(&d) || !run->plat || !run->host) {
		snprintf(res->message, sizeof(res->message), "%s: cannot build the platform: %s", sc->file,
			 d.n ? d.msgs[0].text : "out of memory");
		diag_free(&d);
		trace_limit_finish(run->tlimit, run->sim.now);
		if (run->tw)
			tracefile_finish(run->tw, err, sizeof(err));
		run->sim.trace = NULL;
		free_runner(run);
		return res->verdict = RUNNER_ERROR;
	}
	diag_free(&d);

	sim_time_t limit = opt->time_limit ? opt->time_limit : sc->time_limit;
	event_init(&run->limit_ev, "time-limit", limit_reached, run);
	if (limit)
		sim_schedule(&run->sim, &run->limit_ev, limit);
	runner_steps_start(run);
	/* Runs in slices (of simulated time when progress is shown, and of
	 * events) so a long run can show progress, and the wall-clock limit
	 * and the livelock counters are looked at; slicing does not change the
	 * order of events. The wall clock only decides when to print and,
	 * with --wall-limit, when to give up. */
	struct timespec start, last;
	clock_gettime(CLOCK_MONOTONIC, &start);
	last = start;
	bool progress_shown = false;
	while (!run->done) {
		sim_time_t until = opt->progress ? simtime_add(run->sim.now, RUNNER_PROGRESS_SLICE) : SIM_TIME_MAX;
		enum sim_run_result r = sim_run_budget(&run->sim, until, RUNNER_EVENT_SLICE);
		if (r == SIM_RUN_TIME || r == SIM_RUN_BUDGET) {
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (opt->progress &&
			    (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000 >= 500) {
				char ts[SIMTIME_BUFLEN];
				fprintf(stderr, "\rrpsim: %s simulated, %u steps", simtime_format(run->sim.now, ts, sizeof(ts)),
					res->steps_run);
				progress_shown = true;
				last = now;
			}
			check_limits(run, &start, &now);
			continue;
		}
		if (r == SIM_RUN_IDLE && !run->done) {
			/* nothing left to happen and the steps are not finished:
			 * a step is blocked with no timeout (a runner bug) */
			runner_fail(run, run->sim.now, "the simulation went idle before the scenario ended");
		}
	}
	if (progress_shown)
		fprintf(stderr, "\n");
	sim_log_summary(&run->sim);
	if (res->verdict == RUNNER_PASS)
		res->end_time = run->sim.now;
	for (unsigned i = 0; i < run->nremotes; i++)
		res->insns += cpu_insns(run->remotes[i].pr->core); /* since the last reset */
	if (run->tw) {
		uint64_t dropped = trace_limit_finish(run->tlimit, run->sim.now);
		if (dropped)
			runner_say(run, run->sim.now, "trace", "%llu records were not traced: the firmware "
				   "went past the trace rate limit (doc/security.md)", (unsigned long long)dropped);
		run->sim.trace = NULL;
		if (tracefile_finish(run->tw, err, sizeof(err)) != 0 && res->verdict == RUNNER_PASS) {
			snprintf(res->message, sizeof(res->message), "%s", err);
			res->verdict = RUNNER_ERROR;
		}
	}
	free_runner(run);
	return res->verdict;
}
