/* Re-execution of a seekable trace (replay.h). */
#define _GNU_SOURCE /* asprintf */
#include "sim/trace/replay.h"

#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/compress.h"
#include "sim/core/snap.h"
#include "sim/core/trace_limit.h"
#include "sim/core/tracefile_write.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/tracefile.h"

#define REPLAY_MAX_FW 16
#define REPLAY_CACHE_BYTES ((size_t)256 << 20)

struct fw_id {
	char *path;
	uint64_t hash, size;
};

struct replay {
	struct tracefile_reader *r;
	char *trace;
	char *scenario_path;
	uint64_t sc_hash, sc_size;
	struct fw_id fw[REPLAY_MAX_FW];
	unsigned nfw;
	/* where the run's remotes wrote core dumps, as it named the folders */
	char *coredump_dir[PLATFORM_MAX_REMOTES];
	/* the cores' ISAs, in the order the platform built them (the
	 * CORE_ISA records of the preamble): a run with --core is re-executed
	 * with it */
	char core_isa[PLATFORM_MAX_REMOTES][32];
	unsigned ncore_isa;
	char *dirs[REPLAY_MAX_FW + 32];
	unsigned ndirs;
	struct scenario *sc;
	FILE *devnull;
	struct runner *run;
	struct runner_result res;
	/* decompressed snapshot streams */
	struct cached {
		uint8_t *data;
		size_t len;
	} *cache;
	size_t cached_bytes;
	struct event stop_ev;
	struct replay_stats last;
	/* retire hook state for the last instruction */
	bool got_last;
	struct replay_insn last_insn;
};

static char *dup_n(const char *p, size_t n)
{
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* The identities: the records before the first event. */
static int read_identities(struct replay *rp, char *err, size_t errlen)
{
	struct tracefile_record rec;
	int got;
	tracefile_rewind(rp->r);
	while ((got = tracefile_next(rp->r, &rec, err, errlen)) == 1) {
		if (rec.type != TRACEFILE_REC_IDENTITY)
			break;
		enum tracefile_id_kind kind;
		uint64_t hash, size;
		const char *p;
		size_t n;
		if (tracefile_parse_identity(&rec, &kind, &hash, &size, &p, &n) < 0)
			continue;
		if (memchr(p, 0, n))
			continue;
		if (kind == TRACEFILE_ID_SCENARIO && !rp->scenario_path) {
			rp->scenario_path = dup_n(p, n);
			rp->sc_hash = hash;
			rp->sc_size = size;
		} else if (kind == TRACEFILE_ID_FIRMWARE && rp->nfw < REPLAY_MAX_FW) {
			rp->fw[rp->nfw] = (struct fw_id){ .path = dup_n(p, n), .hash = hash, .size = size };
			rp->nfw++;
		} else if (kind == TRACEFILE_ID_COREDUMP_DIR && size < PLATFORM_MAX_REMOTES &&
			   !rp->coredump_dir[size]) {
			rp->coredump_dir[size] = dup_n(p, n);
		}
	}
	/* then the components and their cores' ISAs, up to the first event */
	while (got == 1 && (rec.type == TRACE_COMPONENT || rec.type == TRACE_CORE_ISA)) {
		if (rec.type == TRACE_CORE_ISA && rp->ncore_isa < PLATFORM_MAX_REMOTES) {
			size_t n = rec.len < 31 ? rec.len : 31;
			memcpy(rp->core_isa[rp->ncore_isa], rec.data, n);
			rp->core_isa[rp->ncore_isa++][n] = '\0';
		}
		got = tracefile_next(rp->r, &rec, err, errlen);
	}
	if (got < 0)
		return -1;
	if (!rp->scenario_path) {
		snprintf(err, errlen, "%s: the trace names no scenario: it cannot be re-executed", rp->trace);
		return -1;
	}
	return 0;
}

/* path as written, else relative to the trace's folder. */
static char *locate(const struct replay *rp, const char *path)
{
	if (access(path, R_OK) == 0 || path[0] == '/')
		return strdup(path);
	char *t = strdup(rp->trace);
	char *out = NULL;
	if (t && asprintf(&out, "%s/%s", dirname(t), path) < 0)
		out = NULL;
	free(t);
	return out;
}

static bool same_file(const char *path, uint64_t hash, uint64_t size)
{
	uint64_t h, n;
	return tracefile_hash_file(path, &h, &n) == 0 && h == hash && n == size;
}

static int load_scenario(struct replay *rp, const struct replay_options *o, char *err, size_t errlen)
{
	char *path = o && o->scenario ? strdup(o->scenario) : locate(rp, rp->scenario_path);
	if (!path || !same_file(path, rp->sc_hash, rp->sc_size)) {
		snprintf(err, errlen, "%s: the scenario it was recorded with, %s, %s; give it with "
			 "--scenario FILE", rp->trace, path ? path : rp->scenario_path,
			 path && access(path, R_OK) == 0 ? "is not the same file any more" : "cannot be read");
		free(path);
		return -1;
	}
	for (unsigned i = 0; o && i < o->nfirmware_dirs && rp->ndirs < REPLAY_MAX_FW; i++)
		rp->dirs[rp->ndirs++] = strdup(o->firmware_dirs[i]);
	for (unsigned i = 0; i < rp->nfw; i++) {
		char *fw = locate(rp, rp->fw[i].path);
		if (fw)
			rp->dirs[rp->ndirs++] = strdup(dirname(fw));
		free(fw);
	}
	struct scenario_options so = { .firmware_dirs = (const char *const *)rp->dirs,
				       .nfirmware_dirs = rp->ndirs };
	struct diag d;
	diag_init(&d, NULL);
	int rc = scenario_load(path, &so, &rp->sc, &d);
	/* recorded with every remote on another core (`rpsim run --core`):
	 * the same again */
	if (rc == 0 && rp->ncore_isa == rp->sc->platform.nremotes) {
		bool one = true, differs = false;
		for (unsigned i = 0; i < rp->ncore_isa; i++) {
			one = one && strcmp(rp->core_isa[i], rp->core_isa[0]) == 0;
			differs = differs || strcmp(rp->core_isa[i], rp->sc->platform.remotes[i].core) != 0;
		}
		if (one && differs) {
			scenario_free(rp->sc);
			rp->sc = NULL;
			so.core = rp->core_isa[0];
			diag_free(&d);
			diag_init(&d, NULL);
			rc = scenario_load(path, &so, &rp->sc, &d);
		}
	}
	if (rc != 0)
		snprintf(err, errlen, "%s: %s", path, d.n ? d.msgs[0].text : "cannot be loaded");
	diag_free(&d);
	free(path);
	if (rc != 0)
		return -1;
	unsigned k = 0;
	for (unsigned i = 0; i < rp->sc->platform.nremotes; i++) {
		const char *f = rp->sc->platform.remotes[i].firmware_file;
		if (!f)
			continue;
		if (k >= rp->nfw || !same_file(f, rp->fw[k].hash, rp->fw[k].size)) {
			snprintf(err, errlen, "%s: firmware %s is not the file the trace was recorded with "
				 "(%s)", rp->trace, f, k < rp->nfw ? rp->fw[k].path : "none named");
			return -1;
		}
		k++;
	}
	/* its dumps are made and reported where the run wrote them (the
	 * re-execution writes no file: runner_options.no_files) */
	for (unsigned i = 0; i < rp->sc->platform.nremotes && i < PLATFORM_MAX_REMOTES; i++) {
		if (!rp->coredump_dir[i])
			continue;
		char *d = strdup(rp->coredump_dir[i]);
		if (!d) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		free(rp->sc->platform.remotes[i].coredump_dir);
		rp->sc->platform.remotes[i].coredump_dir = d;
	}
	return 0;
}

static void stop_at(struct event *ev, void *ctx)
{
	(void)ev;
	sim_stop(ctx, 0);
}

static int build(struct replay *rp, char *err, size_t errlen)
{
	if (rp->run)
		runner_close(rp->run);
	struct runner_options opt = { .verbosity = 0, .out = rp->devnull, .restoring = true,
				      .no_files = true };
	rp->run = runner_open(rp->sc, &opt, &rp->res);
	if (!rp->run) {
		snprintf(err, errlen, "%s", rp->res.message);
		return -1;
	}
	event_init(&rp->stop_ev, "replay-stop", stop_at, runner_sim(rp->run));
	return 0;
}

struct replay *replay_open(const char *trace, const struct replay_options *o, char *err,
			   size_t errlen)
{
	struct replay *rp = calloc(1, sizeof(*rp));
	if (!rp || !(rp->trace = strdup(trace))) {
		free(rp);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	rp->r = tracefile_open(trace, err, errlen);
	if (!rp->r)
		goto fail;
	if (!(tracefile_flags(rp->r) & TRACEFILE_FLAG_SNAPSHOTS) || !tracefile_nsnapshots(rp->r)) {
		snprintf(err, errlen, "%s: the trace holds no snapshots, so it cannot be re-executed; "
			 "record it with rpsim run --trace FILE (without --snapshot-every 0)", trace);
		goto fail;
	}
	rp->cache = calloc(tracefile_nsnapshots(rp->r), sizeof(*rp->cache));
	rp->devnull = fopen("/dev/null", "w");
	if (!rp->cache || !rp->devnull) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (read_identities(rp, err, errlen) < 0 || load_scenario(rp, o, err, errlen) < 0 ||
	    build(rp, err, errlen) < 0)
		goto fail;
	unsigned nc = tracefile_snapshot_info(rp->r, 0)->ncores;
	if (nc != runner_ncores(rp->run)) {
		snprintf(err, errlen, "%s: its snapshots count %u cores, the scenario builds %u", trace, nc,
			 runner_ncores(rp->run));
		goto fail;
	}
	return rp;
fail:
	replay_close(rp);
	return NULL;
}

static void drop_cache(struct replay *rp)
{
	for (size_t i = 0; rp->cache && i < tracefile_nsnapshots(rp->r); i++) {
		free(rp->cache[i].data);
		rp->cache[i].data = NULL;
	}
	rp->cached_bytes = 0;
}

void replay_close(struct replay *rp)
{
	if (!rp)
		return;
	if (rp->run)
		runner_close(rp->run);
	if (rp->r)
		drop_cache(rp);
	free(rp->cache);
	tracefile_close(rp->r);
	if (rp->sc)
		scenario_free(rp->sc);
	if (rp->devnull)
		fclose(rp->devnull);
	for (unsigned i = 0; i < rp->nfw; i++)
		free(rp->fw[i].path);
	for (unsigned i = 0; i < PLATFORM_MAX_REMOTES; i++)
		free(rp->coredump_dir[i]);
	for (unsigned i = 0; i < rp->ndirs; i++)
		free(rp->dirs[i]);
	free(rp->scenario_path);
	free(rp->trace);
	free(rp);
}

unsigned replay_ncores(const struct replay *rp)
{
	return runner_ncores(rp->run);
}

struct cpu *replay_core(const struct replay *rp, unsigned i)
{
	return runner_core(rp->run, i);
}

const char *replay_core_name(const struct replay *rp, unsigned i)
{
	struct cpu *c = runner_core(rp->run, i);
	return c ? c->name : NULL;
}

int replay_core_by_name(const struct replay *rp, const char *name)
{
	unsigned n;
	char tail;
	if (sscanf(name, "remoteproc%u%c", &n, &tail) == 1 && n < replay_ncores(rp))
		return (int)n;
	for (unsigned i = 0; i < replay_ncores(rp); i++) {
		const char *cn = replay_core_name(rp, i);
		size_t n = strlen(name);
		if (strcmp(cn, name) == 0 || (strncmp(cn, name, n) == 0 && strcmp(cn + n, ".core") == 0))
			return (int)i;
	}
	return -1;
}

struct sim *replay_sim(struct replay *rp)
{
	return runner_sim(rp->run);
}

const char *replay_firmware(const struct replay *rp, unsigned i)
{
	const char *f = i < rp->sc->platform.nremotes ? rp->sc->platform.remotes[i].firmware_file : NULL;
	return f ? f : "";
}

sim_time_t replay_end_time(const struct replay *rp)
{
	size_t n;
	const struct tracefile_index_entry *ix = tracefile_index(rp->r, &n);
	sim_time_t t = 0;
	for (size_t i = 0; i < n; i++)
		if (ix[i].max_time > t)
			t = ix[i].max_time;
	return t;
}

void replay_last_stats(const struct replay *rp, struct replay_stats *st)
{
	*st = rp->last;
}

static int stream(struct replay *rp, size_t i, const uint8_t **data, size_t *len, char *err,
		  size_t errlen)
{
	if (!rp->cache[i].data) {
		if (rp->cached_bytes > REPLAY_CACHE_BYTES)
			drop_cache(rp);
		if (tracefile_read_snapshot(rp->r, i, &rp->cache[i].data, &rp->cache[i].len, err,
					    errlen) < 0)
			return -1;
		rp->cached_bytes += rp->cache[i].len;
	}
	*data = rp->cache[i].data;
	*len = rp->cache[i].len;
	return 0;
}

/* Snapshot i back: its keyframe, then each delta up to it. */
static int restore(struct replay *rp, size_t i, char *err, size_t errlen)
{
	const struct tracefile_snap *s = tracefile_snapshot_info(rp->r, i);
	rp->last = (struct replay_stats){ .snapshot = i };
	for (size_t k = s->keyframe; k <= i; k++) {
		const uint8_t *data;
		size_t len;
		if (stream(rp, k, &data, &len, err, errlen) < 0)
			return -1;
		struct snap_reader r;
		snap_reader_init(&r, data, len);
		if (runner_restore(rp->run, &r) < 0 || r.pos != r.len) {
			snprintf(err, errlen, "%s: snapshot %zu cannot be restored: %s", rp->trace, k,
				 r.failed ? r.err : "bytes left after it");
			build(rp, err + strlen(err), errlen - strlen(err)); /* a sane runner again */
			return -1;
		}
		rp->last.restores++;
	}
	return 0;
}

static void on_retire(void *ctx, struct cpu *cpu, uint64_t pc, uint32_t insn, unsigned len,
		      unsigned reg, uint64_t value)
{
	(void)cpu;
	struct replay *rp = ctx;
	rp->got_last = true;
	rp->last_insn = (struct replay_insn){ .pc = pc, .insn = insn, .len = len, .reg = reg,
					      .value = value };
}

/* Runs core c up to n instructions since power-on (asked: what the user
 * asked for, for the message). */
static int run_to(struct replay *rp, struct cpu *c, uint64_t n, uint64_t asked, char *err,
		  size_t errlen)
{
	uint64_t have = cpu_insns_total(c);
	if (have == n)
		return 0;
	cpu_set_pause(c, n - have);
	runner_advance(rp->run, SIM_TIME_MAX);
	cpu_set_pause(c, 0);
	rp->last.insns += cpu_insns_total(c) - have;
	if (cpu_insns_total(c) != n) {
		snprintf(err, errlen, "%s retires %llu instructions in this run, not %llu", c->name,
			 (unsigned long long)cpu_insns_total(c), (unsigned long long)asked);
		return -1;
	}
	return 0;
}

int replay_goto_insn(struct replay *rp, unsigned c, uint64_t n, struct replay_insn *last,
		     char *err, size_t errlen)
{
	if (c >= replay_ncores(rp) || n == 0) {
		snprintf(err, errlen, c >= replay_ncores(rp) ? "no core %u" : "instructions count from 1",
			 c);
		return -1;
	}
	/* the last snapshot taken before instruction n - 1 retired */
	size_t ns = tracefile_nsnapshots(rp->r), i = 0;
	while (i + 1 < ns && tracefile_snapshot_info(rp->r, i + 1)->insns[c] <= n - 1)
		i++;
	if (restore(rp, i, err, errlen) < 0)
		return -1;
	struct cpu *core = replay_core(rp, c);
	if (cpu_insns_total(core) > n - 1) {
		snprintf(err, errlen, "%s: the trace's snapshots do not reach instruction %llu of %s",
			 rp->trace, (unsigned long long)n, core->name);
		return -1;
	}
	if (run_to(rp, core, n - 1, n, err, errlen) < 0)
		return -1;
	/* the last one with the retire hook, to say what it was */
	rp->got_last = false;
	cpu_set_retire_hook(core, on_retire, rp);
	int rc = run_to(rp, core, n, n, err, errlen);
	cpu_set_retire_hook(core, NULL, NULL);
	if (rc == 0 && last)
		*last = rp->last_insn;
	return rc;
}

int replay_goto_time(struct replay *rp, sim_time_t t, char *err, size_t errlen)
{
	size_t ns = tracefile_nsnapshots(rp->r), i = 0;
	while (i + 1 < ns && tracefile_snapshot_info(rp->r, i + 1)->time <= t)
		i++;
	if (restore(rp, i, err, errlen) < 0)
		return -1;
	struct sim *sim = replay_sim(rp);
	uint64_t before = 0;
	for (unsigned k = 0; k < replay_ncores(rp); k++)
		before += cpu_insns_total(replay_core(rp, k));
	if (t > sim->now) {
		sim_schedule(sim, &rp->stop_ev, t);
		runner_advance(rp->run, t);
		sim_cancel(sim, &rp->stop_ev);
	}
	for (unsigned k = 0; k < replay_ncores(rp); k++)
		rp->last.insns += cpu_insns_total(replay_core(rp, k));
	rp->last.insns -= before;
	if (sim->now < t) {
		char a[SIMTIME_BUFLEN], b[SIMTIME_BUFLEN];
		snprintf(err, errlen, "%s: the run ends at %s, before %s", rp->trace,
			 simtime_format(sim->now, a, sizeof(a)), simtime_format(t, b, sizeof(b)));
		return -1;
	}
	return 0;
}

/* ---- looking for a pc ---- */

struct finder {
	struct replay *rp;
	uint64_t addr;
	uint64_t limit;     /* only instructions up to this count */
	uint64_t found;     /* the count of the last hit (0: none) */
	bool stop_at_hit;
};

static void on_find(void *ctx, struct cpu *cpu, uint64_t pc, uint32_t insn, unsigned len,
		    unsigned reg, uint64_t value)
{
	(void)insn, (void)len, (void)reg, (void)value;
	struct finder *f = ctx;
	uint64_t n = cpu_insns_total(cpu);
	if (pc != f->addr || n > f->limit)
		return;
	f->found = n;
	if (f->stop_at_hit)
		sim_stop(cpu->sim, CPU_STOP_PAUSE);
}

int replay_find_pc(struct replay *rp, unsigned c, uint64_t from, uint64_t addr, bool forward,
		   uint64_t *n, char *err, size_t errlen)
{
	if (c >= replay_ncores(rp)) {
		snprintf(err, errlen, "no core %u", c);
		return -1;
	}
	struct cpu *core = replay_core(rp, c);
	struct finder f = { .rp = rp, .addr = addr };
	size_t ns = tracefile_nsnapshots(rp->r);
	if (forward) {
		if (from ? replay_goto_insn(rp, c, from, NULL, err, errlen) < 0
			 : restore(rp, 0, err, errlen) < 0)
			return -1;
		f.limit = UINT64_MAX;
		f.stop_at_hit = true;
		cpu_set_retire_hook(core, on_find, &f);
		runner_advance(rp->run, SIM_TIME_MAX);
		cpu_set_retire_hook(core, NULL, NULL);
		if (!f.found)
			return 1;
		*n = f.found;
		return 0;
	}
	if (from <= 1)
		return 1;
	/* backward: each snapshot's stretch before from, latest first */
	size_t k = 0;
	while (k + 1 < ns && tracefile_snapshot_info(rp->r, k + 1)->insns[c] < from - 1)
		k++;
	for (;;) {
		if (restore(rp, k, err, errlen) < 0)
			return -1;
		uint64_t start = cpu_insns_total(core);
		uint64_t end = k + 1 < ns ? tracefile_snapshot_info(rp->r, k + 1)->insns[c] : from - 1;
		if (end > from - 1)
			end = from - 1;
		f.limit = from - 1;
		f.found = 0;
		if (end > start) {
			cpu_set_retire_hook(core, on_find, &f);
			cpu_set_pause(core, end - start);
			runner_advance(rp->run, SIM_TIME_MAX);
			cpu_set_pause(core, 0);
			cpu_set_retire_hook(core, NULL, NULL);
		}
		if (f.found) {
			*n = f.found;
			return replay_goto_insn(rp, c, f.found, NULL, err, errlen);
		}
		if (k == 0)
			return 1;
		k--;
	}
}

/* ---- events recomputed (TRACEFILE_FLAG_RECOMPUTED) ---- */

#define TOOL "rpsim " PACKAGE_VERSION /* as the runner's identity record says */

/* Writes to w the trace `rpsim run --trace-events` writes of the same
 * run: the records before the first snapshot as they are, then those of a
 * re-execution from that snapshot to the end of the run, with the trace's
 * snapshots at their times.  The records go through the same volume bound
 * as in the run, fed the same records before the snapshot. */
static int materialize(struct replay *rp, struct tracefile_writer *w, char *err, size_t errlen)
{
	struct trace_sink *sink = tracefile_sink(w);
	struct trace_limit *lim = trace_limit_create(sink, false);
	if (!lim) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	tracefile_set_limit(w, lim);
	struct tracefile_record rec;
	int got;
	bool same_tool = false;
	tracefile_rewind(rp->r);
	while ((got = tracefile_next(rp->r, &rec, err, errlen)) == 1 && rec.type != TRACEFILE_REC_SNAPSHOT) {
		enum tracefile_id_kind kind;
		uint64_t hash, size;
		const char *p;
		size_t n;
		if (tracefile_parse_identity(&rec, &kind, &hash, &size, &p, &n) == 0 && kind == TRACEFILE_ID_TOOL)
			same_tool = n == strlen(TOOL) && memcmp(p, TOOL, n) == 0;
		trace_emit(sink, rec.time, rec.type, rec.component, rec.data, rec.len);
	}
	if (got >= 0 && !same_tool) {
		/* another rpsim may not run the firmware alike */
		snprintf(err, errlen, "%s: its events are recomputed by re-executing the run, and it was "
			 "not recorded by this rpsim (%s); read it with the rpsim that recorded it, or "
			 "record it again with --trace-events", rp->trace, TOOL);
		got = -1;
	}
	int rc = got < 0 || restore(rp, 0, err, errlen) < 0 ? -1 : 0;
	struct sim *sim = replay_sim(rp);
	for (size_t i = 0; rc == 0 && i < tracefile_nsnapshots(rp->r); i++) {
		const struct tracefile_snap *s = tracefile_snapshot_info(rp->r, i);
		runner_advance(rp->run, s->time);
		uint8_t *data;
		size_t len;
		if (tracefile_read_snapshot(rp->r, i, &data, &len, err, errlen) < 0) {
			rc = -1;
			break;
		}
		tracefile_snapshot(w, s->time, s->is_keyframe, (uint32_t)i, s->keyframe, s->ncores, s->insns,
				   data, len);
		free(data);
		sim->trace = sink; /* from the first snapshot on: what the run did not record */
	}
	sim_time_t end = sim->now;
	if (rc == 0) {
		runner_advance(rp->run, SIM_TIME_MAX);
		end = sim->now;
		/* the run's end, as its last snapshot counted it: the same
		 * instructions on every core, or the re-execution went another way */
		const struct tracefile_snap *last = tracefile_snapshot_info(rp->r, tracefile_nsnapshots(rp->r) - 1);
		for (unsigned c = 0; c < replay_ncores(rp) && c < last->ncores && rc == 0; c++) {
			uint64_t got_n = cpu_insns_total(replay_core(rp, c));
			if (got_n != last->insns[c]) {
				snprintf(err, errlen, "%s: the re-execution does not repeat the run: %s retires "
					 "%llu instructions, the trace says %llu (a scenario input that is not in "
					 "its identities changed?)", rp->trace, replay_core_name(rp, c),
					 (unsigned long long)got_n, (unsigned long long)last->insns[c]);
				rc = -1;
			}
		}
		runner_close(rp->run); /* its last records (the log's summary) too */
		rp->run = NULL;
	} else {
		sim->trace = NULL;
	}
	tracefile_set_limit(w, NULL);
	trace_limit_finish(lim, end);
	return rc;
}

struct tracefile_reader *replay_open_events(const char *trace, const struct replay_options *o,
					    char *err, size_t errlen)
{
	struct tracefile_reader *r = tracefile_open(trace, err, errlen);
	/* a run that ended before its first snapshot (it could not build its
	 * platform) recorded every event it had */
	if (!r || !(tracefile_flags(r) & TRACEFILE_FLAG_RECOMPUTED) || !tracefile_nsnapshots(r))
		return r;
	tracefile_close(r);
	r = NULL;
	const char *td = getenv("TMPDIR");
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s/rpsim-events-XXXXXX", td && td[0] ? td : "/tmp");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: its events are recomputed into a temporary file, which cannot be "
			 "made (%s): %s", trace, tmp, strerror(errno));
		return NULL;
	}
	close(fd);
	struct replay *rp = replay_open(trace, o, err, errlen);
	if (rp) {
		/* as --trace-events writes it: no instructions (a re-execution
		 * records none, and --trace-insns never recomputes) */
		struct tracefile_opts to = { .compress = true, .level = COMPRESS_FASTEST };
		struct tracefile_writer *w = tracefile_create_opts(tmp, &to, err, errlen);
		if (w) {
			char werr[256];
			int rc = materialize(rp, w, err, errlen);
			if (tracefile_finish(w, werr, sizeof(werr)) < 0 && rc == 0) {
				snprintf(err, errlen, "%s: writing its recomputed events: %s", trace, werr);
				rc = -1;
			}
			if (rc == 0 && (r = tracefile_open(tmp, err, errlen)))
				tracefile_set_name(r, trace);
		}
		replay_close(rp);
	}
	unlink(tmp); /* the reader keeps it open */
	return r;
}
