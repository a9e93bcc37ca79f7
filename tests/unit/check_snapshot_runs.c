/* Snapshots of whole runs (sim_snapshot_save/restore over every part:
 * memories, devices, cores, the host model, the runner): for every
 * shipped scenario, at several instants, a snapshot restored and run on
 * gives exactly the trace records, the timeline and the verdict of the
 * run that never stopped, both in a fresh simulation built from the same
 * scenario and in the same simulation after it ran to its end.
 *
 * This is the test that catches a piece of state someone added without
 * saving it: the restored run then differs, and the failure names the
 * scenario, the instant and the first record that differs. */
#define _GNU_SOURCE /* open_memstream */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/core/snap.h"
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "tests/unit/check_main.h"
#include "tests/unit/check_paths.h"

#define NPOINTS 12
#define MAX_DIRS 32

/* ---- a sink that keeps every record ---- */

struct capture {
	struct trace_sink sink;
	uint8_t *buf;
	size_t len, cap;
	size_t *off; /* start of each record */
	size_t n, ncap;
};

static void cap_emit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		     const void *data, uint32_t len)
{
	struct capture *c = (struct capture *)s;
	size_t need = 16 + (size_t)len;
	if (c->len + need > c->cap) {
		size_t ncap = c->cap ? c->cap : 1 << 16;
		while (ncap < c->len + need)
			ncap *= 2;
		c->buf = realloc(c->buf, ncap);
		ck_assert_ptr_nonnull(c->buf);
		c->cap = ncap;
	}
	if (c->n == c->ncap) {
		c->ncap = c->ncap ? 2 * c->ncap : 1024;
		c->off = realloc(c->off, c->ncap * sizeof(*c->off));
		ck_assert_ptr_nonnull(c->off);
	}
	c->off[c->n++] = c->len;
	uint8_t *p = c->buf + c->len;
	memcpy(p, &t, 8);
	memcpy(p + 8, &type, 2);
	memcpy(p + 10, &comp, 2);
	memcpy(p + 12, &len, 4);
	if (len)
		memcpy(p + 16, data, len);
	c->len += need;
}

static void cap_init(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->sink.emit = cap_emit;
}

static void cap_free(struct capture *c)
{
	free(c->buf);
	free(c->off);
}

static size_t rec_len(const struct capture *c, size_t i)
{
	return (i + 1 < c->n ? c->off[i + 1] : c->len) - c->off[i];
}

/* Records [af, at) of a must be exactly records [bf, bt) of b. */
static void cap_same(const struct capture *a, size_t af, size_t at, const struct capture *b,
		     size_t bf, size_t bt, const char *what)
{
	size_t na = at - af, nb = bt - bf;
	size_t m = na < nb ? na : nb;
	for (size_t i = 0; i < m; i++) {
		const uint8_t *pa = a->buf + a->off[af + i], *pb = b->buf + b->off[bf + i];
		size_t la = rec_len(a, af + i), lb = rec_len(b, bf + i);
		if (la == lb && memcmp(pa, pb, la) == 0)
			continue;
		uint64_t ta, tb;
		uint16_t ya, yb;
		memcpy(&ta, pa, 8);
		memcpy(&tb, pb, 8);
		memcpy(&ya, pa + 8, 2);
		memcpy(&yb, pb + 8, 2);
		ck_abort_msg("%s: record %zu after the snapshot differs: %s at %llu ps in the run "
			     "that never stopped, %s at %llu ps after the restore", what, i,
			     record_type_name(ya) ? record_type_name(ya) : "?", (unsigned long long)ta,
			     record_type_name(yb) ? record_type_name(yb) : "?", (unsigned long long)tb);
	}
	ck_assert_msg(na == nb, "%s: %zu records after the snapshot, %zu after the restore", what,
		      na, nb);
}

/* ---- scenarios ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned list_json(const char *dir, char **out, unsigned max)
{
	DIR *d = opendir(dir);
	unsigned n = 0;
	if (!d) {
		fprintf(stderr, "%s: cannot list it\n", dir);
		exit(1);
	}
	struct dirent *e;
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
			char *p = NULL;
			if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
				exit(1);
			out[n++] = p;
		}
	}
	closedir(d);
	qsort(out, n, sizeof(*out), cmp_str);
	return n;
}

static const char *fw_dirs[MAX_DIRS];
static unsigned nfw_dirs;
static char tmpdir[] = "/tmp/rpsim-snapruns-XXXXXX";

static void setup(void)
{
	static char *fwdir; /* for the program's life */
	fwdir = check_build("/firmware-samples");
	DIR *d = opendir(fwdir);
	if (!mkdtemp(tmpdir) || !d) {
		fprintf(stderr, "no temporary folder, or no firmware in %s\n", fwdir);
		exit(1);
	}
	struct dirent *e;
	while ((e = readdir(d)) && nfw_dirs < MAX_DIRS - 2) {
		if (e->d_name[0] == '.')
			continue;
		char *p = NULL;
		if (asprintf(&p, "%s/%s", fwdir, e->d_name) < 0)
			exit(1);
		fw_dirs[nfw_dirs++] = p;
	}
	closedir(d);
	qsort(fw_dirs, nfw_dirs, sizeof(*fw_dirs), cmp_str);
	fw_dirs[nfw_dirs++] = check_build("/tests/corpus"); /* tests/scenario-host */
	fw_dirs[nfw_dirs++] = check_build("/tests/corpus/out"); /* made by make check */
}

static struct scenario *load(const char *path)
{
	struct scenario_options o = { .firmware_dirs = fw_dirs, .nfirmware_dirs = nfw_dirs };
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	int rc = scenario_load(path, &o, &sc, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	diag_free(&d);
	ck_assert_msg(rc == 0, "%s does not load", path);
	for (unsigned k = 0; k < sc->platform.nremotes; k++) {
		free(sc->platform.remotes[k].coredump_dir);
		sc->platform.remotes[k].coredump_dir = strdup(tmpdir);
	}
	return sc;
}

struct out {
	char *text;
	size_t len;
	FILE *f;
};

static struct runner *open_run(const struct scenario *sc, struct capture *cap, struct out *o,
			       bool restoring, struct runner_result *res)
{
	o->f = open_memstream(&o->text, &o->len);
	ck_assert_ptr_nonnull(o->f);
	struct runner_options opt = { .verbosity = 1, .out = o->f, .sink = &cap->sink,
				      .restoring = restoring };
	struct runner *run = runner_open(sc, &opt, res);
	ck_assert_msg(run != NULL, "%s: %s", sc->file, res->message);
	return run;
}

static void check_scenario(const char *path)
{
	struct scenario *sc = load(path);
	/* pass 1: how long it runs */
	struct capture c0;
	cap_init(&c0);
	struct out o0;
	struct runner_result r0;
	struct runner *run = open_run(sc, &c0, &o0, false, &r0);
	runner_advance(run, SIM_TIME_MAX);
	sim_time_t end = runner_sim(run)->now;
	runner_close(run);
	fclose(o0.f);
	free(o0.text);
	cap_free(&c0);

	/* pass 2: the run that never stops, with snapshots on the way */
	sim_time_t at[NPOINTS];
	for (unsigned k = 0; k < NPOINTS; k++)
		at[k] = end / (NPOINTS + 1) * (k + 1) + k; /* not on round instants only */
	struct capture ca;
	cap_init(&ca);
	struct out oa;
	struct runner_result ra;
	run = open_run(sc, &ca, &oa, false, &ra);
	struct snap_writer w[NPOINTS];
	size_t nrec[NPOINTS], tl[NPOINTS];
	unsigned taken = 0;
	for (unsigned k = 0; k < NPOINTS; k++) {
		if (runner_advance(run, at[k]))
			break;
		snap_writer_init(&w[k]);
		ck_assert_msg(runner_save(run, &w[k]) == 0, "%s: snapshot at %llu ps fails", path,
			      (unsigned long long)at[k]);
		nrec[k] = ca.n;
		fflush(oa.f);
		tl[k] = oa.len;
		taken++;
	}
	ck_assert_msg(taken > 0, "%s: no snapshot taken", path);
	runner_advance(run, SIM_TIME_MAX);
	fflush(oa.f);
	size_t a_end_len = oa.len;
	char *a_text = malloc(a_end_len + 1);
	memcpy(a_text, oa.text, a_end_len);
	a_text[a_end_len] = 0;
	struct runner_result ra_end = ra;
	size_t a_nrec = ca.n;
	sim_time_t a_now = runner_sim(run)->now;

	for (unsigned k = 0; k < taken; k++) {
		char what[1200];
		snprintf(what, sizeof(what), "%s at %llu ps (fresh)", path, (unsigned long long)at[k]);
		/* a fresh simulation of the same scenario */
		struct capture cb;
		cap_init(&cb);
		struct out ob;
		struct runner_result rb;
		struct runner *b = open_run(sc, &cb, &ob, true, &rb);
		size_t b_built = cb.n; /* what building emits (component names) */
		struct snap_reader rd;
		snap_reader_init(&rd, w[k].buf, w[k].len);
		ck_assert_msg(runner_restore(b, &rd) == 0, "%s: %s", what, rd.err);
		ck_assert_msg(rd.pos == rd.len, "%s: %zu bytes of the snapshot left", what, rd.len - rd.pos);
		runner_advance(b, SIM_TIME_MAX);
		ck_assert_uint_eq(runner_sim(b)->now, a_now);
		fflush(ob.f);
		size_t b_len = ob.len; /* closing stops the vdevs: not part of the run */
		runner_close(b);
		fclose(ob.f);
		ob.len = b_len;
		cap_same(&ca, nrec[k], a_nrec, &cb, b_built, cb.n, what);
		ck_assert_msg(rb.verdict == ra_end.verdict && rb.steps_run == ra_end.steps_run,
			      "%s: verdict %d after %u steps, %d after %u steps never stopped", what,
			      rb.verdict, rb.steps_run, ra_end.verdict, ra_end.steps_run);
		ck_assert_msg(ob.len == a_end_len - tl[k] && memcmp(ob.text, a_text + tl[k], ob.len) == 0,
			      "%s: the timeline differs:\n--- never stopped:\n%s\n--- restored:\n%s", what,
			      a_text + tl[k], ob.text);
		free(ob.text);
		cap_free(&cb);
	}
	/* the same simulation, after it ran to its end: the restore must
	 * undo everything that happened since */
	for (unsigned k = taken; k-- > 0;) {
		char what[1200];
		snprintf(what, sizeof(what), "%s at %llu ps (in place)", path, (unsigned long long)at[k]);
		size_t before = ca.n, before_len = ca.len;
		struct snap_reader rd;
		snap_reader_init(&rd, w[k].buf, w[k].len);
		ck_assert_msg(runner_restore(run, &rd) == 0, "%s: %s", what, rd.err);
		fflush(oa.f);
		size_t tl0 = oa.len;
		runner_advance(run, SIM_TIME_MAX);
		fflush(oa.f);
		ck_assert_uint_eq(runner_sim(run)->now, a_now);
		cap_same(&ca, nrec[k], before, &ca, before, ca.n, what);
		ck_assert_msg(oa.len - tl0 == a_end_len - tl[k] &&
			      memcmp(oa.text + tl0, a_text + tl[k], oa.len - tl0) == 0,
			      "%s: the timeline differs:\n--- never stopped:\n%s\n--- restored:\n%.*s", what,
			      a_text + tl[k], (int)(oa.len - tl0), oa.text + tl0);
		/* forget this run's records: the next restore compares again */
		ca.n = before;
		ca.len = before_len;
	}
	ck_assert(ra.verdict == ra_end.verdict);
	runner_close(run);
	fclose(oa.f);
	free(oa.text);
	free(a_text);
	cap_free(&ca);
	for (unsigned k = 0; k < taken; k++)
		snap_writer_free(&w[k]);
	scenario_free(sc);
}

static char *scenarios[64];
static unsigned nscenarios;

START_TEST(every_scenario)
{
	check_scenario(scenarios[_i]);
}
END_TEST

Suite *make_suite(void)
{
	setup();
	static char *scdir, *hostdir;
	scdir = check_src("/scenarios");
	hostdir = check_src("/tests/scenario-host");
	nscenarios = list_json(scdir, scenarios, 64);
	nscenarios += list_json(hostdir, scenarios + nscenarios,
				64 - nscenarios);
	Suite *s = suite_create("snapshot_runs");
	TCase *tc = tcase_create("restore = never stopped");
	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, every_scenario, 0, (int)nscenarios);
	suite_add_tcase(s, tc);
	return s;
}
