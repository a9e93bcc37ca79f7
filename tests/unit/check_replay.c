/* Seekable traces (sim/trace/replay.h) against what --trace-insns records:
 * for every shipped scenario, the same run is recorded twice, once with
 * every instruction and once with snapshots only (small intervals, so
 * that seeks cross keyframes and chains of deltas), and at many instants
 * (instruction numbers of each core, simulated times) the state the
 * re-execution reaches must be the one the instruction trace gives: the
 * instruction retired last (pc, encoding) and the register file.  A
 * trace whose events are recomputed is refused when another rpsim wrote
 * it or the re-execution ends elsewhere than the run did. */
#define _GNU_SOURCE /* asprintf */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/elf.h"
#include "sim/core/le.h"
#include "sim/core/tracefile_write.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/replay.h"
#include "sim/trace/tracefile.h"
#include "tests/unit/check_main.h"
#include "tests/unit/check_paths.h"

#define MAX_CORES 8
#define NSAMPLES 24
#define NTIMES 10
#define MAX_Q (MAX_CORES * (NSAMPLES + 8) + NTIMES * MAX_CORES)

static const char *fw_dirs[40];
static unsigned nfw_dirs;
static char tmpdir[] = "/tmp/rpsim-replay-test-XXXXXX";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned list_dir(const char *dir, const char *suffix, char **out, unsigned max)
{
	DIR *d = opendir(dir);
	unsigned n = 0;
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name), s = strlen(suffix);
		if (e->d_name[0] == '.' || l < s || strcmp(e->d_name + l - s, suffix) != 0)
			continue;
		if (asprintf(&out[n], "%s/%s", dir, e->d_name) < 0)
			exit(1);
		n++;
	}
	closedir(d);
	qsort(out, n, sizeof(*out), cmp_str);
	return n;
}

/* A question: the state after instruction n of core c (component comp). */
struct q {
	unsigned core;
	uint16_t comp;
	uint64_t n;
	bool found;
	uint32_t pc, insn;
	uint32_t x[32];
};

static int by_count(const void *a, const void *b)
{
	const struct q *x = a, *y = b;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* One pass over the instruction trace answers every question. */
static void answer(const char *trace, struct q *qs, unsigned nq, uint64_t *total, unsigned ncores,
		   const uint16_t *comp, const bool *zero)
{
	char err[512];
	struct tracefile_reader *r = tracefile_open(trace, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	qsort(qs, nq, sizeof(*qs), by_count);
	uint32_t regs[MAX_CORES][32];
	uint8_t state[MAX_CORES];
	memset(regs, 0, sizeof(regs));
	memset(state, 3, sizeof(state));
	memset(total, 0, ncores * sizeof(*total));
	struct tracefile_record rec;
	int got;
	while ((got = tracefile_next(r, &rec, err, sizeof(err))) == 1) {
		unsigned c = 0;
		while (c < ncores && comp[c] != rec.component)
			c++;
		if (c == ncores)
			continue;
		if (rec.type == TRACE_CORE && rec.len >= 1) {
			if (rec.data[0] == 0 && state[c] == 3) /* out of reset: zeros */
				memset(regs[c], 0, sizeof(regs[c]));
			state[c] = rec.data[0];
		}
		/* the other registers the next instruction wrote (Cortex-M) */
		if (rec.type == TRACE_REG && rec.len >= 5 && rec.data[0] < 32)
			regs[c][rec.data[0]] = le32_load(rec.data + 1);
		if (rec.type != TRACE_INSN || rec.len < 13)
			continue;
		uint32_t pc = le32_load(rec.data), insn = le32_load(rec.data + 4);
		uint8_t rd = rec.data[8];
		if ((rd || !zero[c]) && rd < 32) /* RISC-V's x0 is no write */
			regs[c][rd] = le32_load(rec.data + 9);
		total[c]++;
		for (unsigned i = 0; i < nq; i++) {
			if (qs[i].core == c && qs[i].n == total[c]) {
				qs[i].found = true;
				qs[i].pc = pc;
				qs[i].insn = insn;
				memcpy(qs[i].x, regs[c], sizeof(qs[i].x));
			}
		}
	}
	ck_assert_msg(got == 0, "%s", err);
	tracefile_close(r);
}

static sim_time_t record(const struct scenario *sc, const char *path, bool insns, uint64_t every)
{
	struct runner_options opt = { .verbosity = 0, .out = NULL, .trace_path = path,
				      .trace_insns = insns, .snapshot_every = insns ? 0 : every };
	FILE *null = fopen("/dev/null", "w");
	opt.out = null;
	struct runner_result res;
	enum runner_verdict v = runner_run(sc, &opt, &res);
	fclose(null);
	ck_assert_msg(v == RUNNER_PASS, "%s: %s", sc->file, res.message);
	return res.end_time;
}

/* core: every remote on that core (`rpsim run --core`), NULL: as is */
static void check_scenario(const char *path, const char *core)
{
	struct scenario_options so = { .firmware_dirs = fw_dirs, .nfirmware_dirs = nfw_dirs,
				       .core = core };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	ck_assert_msg(scenario_load(path, &so, &sc, &d) == 0, "%s does not load", path);
	diag_free(&d);
	for (unsigned k = 0; k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir);
		sc->platform.remotes[k].coredump_dir = strdup(tmpdir);
	}
	char a[1200], b[1200], err[1024];
	const char *base = strrchr(path, '/') + 1;
	snprintf(a, sizeof(a), "%s/%s%s.insns.trace", tmpdir, base, core ? core : "");
	snprintf(b, sizeof(b), "%s/%s%s.seek.trace", tmpdir, base, core ? core : "");
	record(sc, a, true, 0);
	sim_time_t end = record(sc, b, false, 20000);

	/* the firmware the trace names is found where it was */
	struct replay_options ro = { 0 };
	struct replay *rp = replay_open(b, &ro, err, sizeof(err));
	ck_assert_msg(rp != NULL, "%s", err);
	unsigned ncores = replay_ncores(rp);
	ck_assert_uint_le(ncores, MAX_CORES);
	uint16_t comp[MAX_CORES] = { 0 };
	bool zero[MAX_CORES] = { false };
	for (unsigned c = 0; c < ncores; c++) {
		comp[c] = replay_core(rp, c)->trace_id;
		zero[c] = replay_core(rp, c)->isa->elf_machine == ELF_EM_RISCV;
	}

	/* how many instructions each core retires */
	uint64_t total[MAX_CORES];
	static struct q qs[MAX_Q];
	answer(a, qs, 0, total, ncores, comp, zero);
	unsigned nq = 0;
	for (unsigned c = 0; c < ncores; c++) {
		if (!total[c])
			continue;
		for (unsigned k = 0; k < NSAMPLES; k++) {
			uint64_t n = 1 + (total[c] - 1) * k / (NSAMPLES - 1);
			qs[nq++] = (struct q){ .core = c, .comp = comp[c], .n = n };
		}
		/* around the snapshots: the first instruction after one */
		for (unsigned k = 1; k < 9 && total[c] > 20000 * k; k++)
			qs[nq++] = (struct q){ .core = c, .comp = comp[c], .n = 20000 * k + 1 };
	}
	/* simulated times: where each core then is */
	unsigned first_time_q = nq;
	for (unsigned k = 0; k < NTIMES; k++) {
		sim_time_t t = end / (NTIMES + 1) * (k + 1) + 13 * k;
		ck_assert_msg(replay_goto_time(rp, t, err, sizeof(err)) == 0, "%s at %llu ps: %s", path,
			      (unsigned long long)t, err);
		for (unsigned c = 0; c < ncores; c++) {
			struct cpu *core = replay_core(rp, c);
			uint64_t n = cpu_insns_total(core);
			if (!n)
				continue;
			struct q *q = &qs[nq++];
			*q = (struct q){ .core = c, .comp = comp[c], .n = n };
			/* the replay's registers, checked after the answers */
			for (unsigned r = 1; r < 32; r++) {
				uint64_t v;
				cpu_get_reg(core, r, &v);
				q->x[r] = (uint32_t)v;
			}
			q->insn = 1; /* marks a time question */
		}
	}
	static struct q tq[MAX_Q];
	memcpy(tq, qs + first_time_q, (nq - first_time_q) * sizeof(*qs));
	unsigned ntq = nq - first_time_q;
	answer(a, qs, nq, total, ncores, comp, zero);
	for (unsigned i = 0; i < ntq; i++) {
		/* find the answer for the time question's count */
		bool ok = false;
		for (unsigned k = 0; k < nq && !ok; k++) {
			if (qs[k].core != tq[i].core || qs[k].n != tq[i].n || !qs[k].found)
				continue;
			ok = true;
			/* what the instruction trace carries: the general and
			 * status registers but the pc (Cortex-M's r15; INSN has
			 * the pc of the instruction, not the next one's), not
			 * the FP registers */
			const struct cpu_isa *isa = replay_core(rp, tq[i].core)->isa;
			for (unsigned r = 1; r < 32; r++) {
				if (r >= isa->nregs || r == isa->pc_regnum ||
				    (isa->regs[r].group != CPU_REG_GENERAL && isa->regs[r].group != CPU_REG_STATUS))
					continue;
				ck_assert_msg(qs[k].x[r] == tq[i].x[r], "%s: %s at a time, after instruction "
					      "%llu: x%u is 0x%08x re-executed, 0x%08x in the instruction trace",
					      path, replay_core_name(rp, tq[i].core),
					      (unsigned long long)tq[i].n, r, tq[i].x[r], qs[k].x[r]);
			}
		}
		ck_assert_msg(ok, "%s: instruction %llu is not in the instruction trace", path,
			      (unsigned long long)tq[i].n);
	}
	for (unsigned i = 0; i < nq; i++) {
		const struct q *q = &qs[i];
		ck_assert_msg(q->found, "%s: instruction %llu of core %u not in the trace", path,
			      (unsigned long long)q->n, q->core);
		struct replay_insn last;
		ck_assert_msg(replay_goto_insn(rp, q->core, q->n, &last, err, sizeof(err)) == 0,
			      "%s: instruction %llu: %s", path, (unsigned long long)q->n, err);
		struct cpu *core = replay_core(rp, q->core);
		ck_assert_uint_eq(cpu_insns_total(core), q->n);
		ck_assert_msg(last.pc == q->pc && last.insn == q->insn, "%s: %s instruction %llu is "
			      "0x%08x at 0x%08llx re-executed, 0x%08x at 0x%08x in the instruction trace",
			      path, core->name, (unsigned long long)q->n, last.insn,
			      (unsigned long long)last.pc, q->insn, q->pc);
		for (unsigned r = 1; r < 32; r++) {
			uint64_t v;
			ck_assert_int_eq(cpu_get_reg(core, r, &v), 0);
			/* as above: what the instruction trace carries */
			if (r >= core->isa->nregs || r == core->isa->pc_regnum ||
			    (core->isa->regs[r].group != CPU_REG_GENERAL &&
			     core->isa->regs[r].group != CPU_REG_STATUS))
				continue;
			ck_assert_msg((uint32_t)v == q->x[r], "%s: %s after instruction %llu: x%u is 0x%08x "
				      "re-executed, 0x%08x in the instruction trace", path, core->name,
				      (unsigned long long)q->n, r, (uint32_t)v, q->x[r]);
		}
	}
	/* past the end: a message, not a crash */
	ck_assert_int_eq(replay_goto_insn(rp, 0, total[0] + 1000, NULL, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "retires"));
	ck_assert_int_eq(replay_goto_time(rp, end + SIM_S, err, sizeof(err)), -1);
	replay_close(rp);
	remove(a);
	remove(b);
	scenario_free(sc);
}

static char *scenarios[64];
static unsigned nscenarios;

/* A copy of the recomputed trace in, its tool identity naming tool and
 * core 0's count in its last snapshot plus extra: what another rpsim, or
 * a run that went another way, would have left. */
static void rewrite(const char *in, const char *out, const char *tool, uint64_t extra)
{
	char err[512];
	struct tracefile_reader *r = tracefile_open(in, err, sizeof(err));
	struct tracefile_reader *snaps = tracefile_open(in, err, sizeof(err));
	ck_assert_msg(r && snaps, "%s", err);
	struct tracefile_opts to = { .compress = true };
	struct tracefile_writer *w = tracefile_create_opts(out, &to, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	if (tracefile_flags(r) & TRACEFILE_FLAG_RECOMPUTED)
		tracefile_set_recomputed(w);
	struct tracefile_record rec;
	size_t ns = tracefile_nsnapshots(r), k = 0;
	while (tracefile_next(r, &rec, err, sizeof(err)) == 1) {
		enum tracefile_id_kind kind;
		uint64_t h, size;
		const char *p;
		size_t n;
		if (rec.type == TRACEFILE_REC_SNAPSHOT) {
			const struct tracefile_snap *sn = tracefile_snapshot_info(snaps, k);
			uint8_t *data;
			size_t len;
			ck_assert_int_eq(tracefile_read_snapshot(snaps, k, &data, &len, err, sizeof(err)), 0);
			uint64_t insns[MAX_CORES];
			ck_assert_uint_le(sn->ncores, MAX_CORES);
			memcpy(insns, sn->insns, sn->ncores * sizeof(*insns));
			if (k == ns - 1)
				insns[0] += extra;
			tracefile_snapshot(w, sn->time, sn->is_keyframe, (uint32_t)k, sn->keyframe, sn->ncores,
					   insns, data, len);
			free(data);
			k++;
		} else if (tracefile_parse_identity(&rec, &kind, &h, &size, &p, &n) == 0 &&
			   kind == TRACEFILE_ID_TOOL) {
			tracefile_identity(w, kind, tool, 0, 0);
		} else {
			trace_emit(tracefile_sink(w), rec.time, rec.type, rec.component, rec.data, rec.len);
		}
	}
	ck_assert_uint_eq(k, ns);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	tracefile_close(r);
	tracefile_close(snaps);
}

/* Reads trace's events; NULL: err says why. */
static bool reads(const char *trace, char *err, size_t errlen, uint64_t *records)
{
	struct replay_options ro = { 0 };
	struct tracefile_reader *r = replay_open_events(trace, &ro, err, errlen);
	if (r) {
		*records = tracefile_record_count(r);
		tracefile_close(r);
	}
	return r != NULL;
}

/* The recomputed trace of the echo reads with its events; a copy made
 * faithfully too; one naming another rpsim, or whose last snapshot counts
 * another end, is refused with what is wrong. */
START_TEST(recomputed_refused)
{
	char *path = check_src("/scenarios/rpmsg-echo.json");
	struct scenario_options so = { .firmware_dirs = fw_dirs, .nfirmware_dirs = nfw_dirs };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	ck_assert_int_eq(scenario_load(path, &so, &sc, &d), 0);
	diag_free(&d);
	char t[1200], c[1200], err[1024];
	snprintf(t, sizeof(t), "%s/recomputed.trace", tmpdir);
	snprintf(c, sizeof(c), "%s/copy.trace", tmpdir);
	record(sc, t, false, 20000);
	uint64_t as_read, records;
	{
		struct tracefile_reader *r = tracefile_open(t, err, sizeof(err));
		ck_assert_msg(r != NULL, "%s", err);
		ck_assert(tracefile_flags(r) & TRACEFILE_FLAG_RECOMPUTED);
		as_read = tracefile_record_count(r);
		tracefile_close(r);
	}
	ck_assert_msg(reads(t, err, sizeof(err), &records), "%s", err);
	ck_assert_uint_gt(records, as_read + 50); /* the events are back */
	rewrite(t, c, "rpsim " PACKAGE_VERSION, 0);
	ck_assert_msg(reads(c, err, sizeof(err), &records), "%s", err);
	rewrite(t, c, "rpsim 0.0.1-other", 0);
	ck_assert(!reads(c, err, sizeof(err), &records));
	ck_assert_msg(strstr(err, "not recorded by this rpsim") != NULL, "%s", err);
	rewrite(t, c, "rpsim " PACKAGE_VERSION, 1);
	ck_assert(!reads(c, err, sizeof(err), &records));
	ck_assert_msg(strstr(err, "the re-execution does not repeat the run") != NULL, "%s", err);
	remove(t);
	remove(c);
	scenario_free(sc);
	free(path);
}
END_TEST

START_TEST(every_scenario)
{
	check_scenario(scenarios[_i], NULL);
}
END_TEST

/* recorded with --core cortex-m4f: the replay finds the cores in the
 * trace's CORE_ISA records */
START_TEST(on_cortex_m)
{
	static const char *const names[] = { "/scenarios/rpmsg-echo.json", "/scenarios/crash-recovery.json" };
	char *path = check_src(names[_i]);
	check_scenario(path, "cortex-m4f");
	free(path);
}
END_TEST

Suite *make_suite(void)
{
	if (!mkdtemp(tmpdir))
		exit(1);
	static char *fwdir, *scdir, *hostdir; /* for the program's life */
	fwdir = check_build("/firmware-samples");
	scdir = check_src("/scenarios");
	hostdir = check_src("/tests/scenario-host");
	char *dirs[32];
	unsigned n = list_dir(fwdir, "", dirs, 32);
	for (unsigned i = 0; i < n; i++) {
		if (!strstr(dirs[i], "/sdk")) /* remoteproc searches 8 folders at most */
			fw_dirs[nfw_dirs++] = dirs[i];
		else
			free(dirs[i]);
	}
	fw_dirs[nfw_dirs++] = check_build("/tests/corpus");
	fw_dirs[nfw_dirs++] = check_build("/tests/corpus/out"); /* made by make check */
	nscenarios = list_dir(scdir, ".json", scenarios, 64);
	nscenarios += list_dir(hostdir, ".json", scenarios + nscenarios,
			       64 - nscenarios);
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("re-executed = recorded");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, every_scenario, 0, (int)nscenarios);
	tcase_add_loop_test(tc, on_cortex_m, 0, 2);
	tcase_add_test(tc, recomputed_refused);
	suite_add_tcase(s, tc);
	return s;
}
