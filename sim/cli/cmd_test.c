/* rpsim test PATH... [-j N] [--junit FILE] [--json FILE] [-k PATTERN]
 *                     [--timeout TIME] [--rerun-failed] [--shard I/N]
 *
 * CI regression of firmware images: every scenario (*.json) found in the
 * files and directories given runs as its own `rpsim run` process, N at a
 * time. One line per scenario in a stable (sorted) order: PASS, FAIL (an
 * expectation) or ERROR (it could not run: bad input, a crash, the wall
 * timeout), each with its duration; a closing count; JUnit XML and a JSON
 * summary (test_report.c); exit 1 if any did not pass. A child process per
 * scenario keeps a crash or a hang of one from taking the others with it,
 * and --timeout kills one that runs too long. */
#define _GNU_SOURCE /* dirent d_type, strdup */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fnmatch.h>

#include "sim/cli/cli.h"
#include "sim/cli/test_report.h"
#include "sim/core/escape.h"
#include "sim/core/simtime.h"

/* A scenario's process. Its stdout (the timeline) and stderr (bad-input
 * messages) are kept apart: JUnit's <system-out> and <system-err>. */
struct job {
	char *path;
	pid_t pid;
	int fd[2];         /* read ends: stdout, stderr; -1 once at EOF */
	char *buf[2];      /* what it printed on each */
	size_t len[2], cap[2];
	bool cut[2];       /* more than TEST_MAX_OUTPUT: the rest dropped */
	int status;        /* exit status, or -signal */
	bool done, timed_out;
	double wall;       /* seconds (reported, never judged) */
	struct timespec start;
};

/* a scenario's output kept for the reports, per stream */
#define TEST_MAX_OUTPUT ((size_t)8 << 20)

struct list {
	char **v;
	size_t n, cap;
};

static int list_add(struct list *l, const char *s)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		char **nv = realloc(l->v, nc * sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n] = strdup(s);
	return l->v[l->n++] ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_json(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Scenarios under a directory, recursively; hidden entries skipped. */
static int collect(const char *path, struct list *out, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "rpsim test: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return list_add(out, path);
	if (depth > 16)
		return 0;
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "rpsim test: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct list names = { 0 };
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4096];
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		struct stat es;
		if (stat(sub, &es) != 0)
			continue;
		if (S_ISDIR(es.st_mode) || is_json(e->d_name))
			list_add(&names, sub);
	}
	closedir(d);
	int ret = 0;
	for (size_t i = 0; i < names.n; i++) {
		struct stat es;
		if (stat(names.v[i], &es) == 0 && S_ISDIR(es.st_mode))
			ret |= collect(names.v[i], out, depth + 1);
		else
			ret |= list_add(out, names.v[i]);
		free(names.v[i]);
	}
	free(names.v);
	return ret;
}

const struct cli_command cmd_test_cli = {
	.name = "test",
	.synopsis = "[PATH...] [options] [-- RUN-OPTIONS]",
	.summary = "run many scenarios in parallel for CI: PASS/FAIL/ERROR, JUnit, JSON",
	.intro =
		"Runs every scenario (*.json) in the files and directories given, N at a\n"
		"time (default: the number of processors), each as its own 'rpsim run'.\n"
		"Prints one line per scenario, in sorted order, with its wall time:\n"
		"PASS; FAIL (an expectation failed or timed out: the reason follows); or\n"
		"ERROR (the scenario could not run: bad input, a crash, --timeout). Then\n"
		"'N passed, N failed, N errors'. RUN-OPTIONS after -- go to every\n"
		"'rpsim run' (e.g. --firmware-dir DIR).\n",
	.outro =
		"Each run writes the scenarios that did not pass to the state file;\n"
		"--rerun-failed runs those again (without PATH: all of them), or, when\n"
		"there is no state file, the failing testcases of the --junit FILE of\n"
		"the last run.\n"
		"Exit status: 0 all passed, 1 any failed or could not run, 2 bad command\n"
		"line or nothing to run.\n",
	.rest = CLI_REST_AFTER_DASHDASH,
};

static int set_jobs(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > 256)
		return -1;
	*(long *)o->dst = v;
	return 0;
}

struct shard {
	unsigned i, n;
};

static int set_shard(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	struct shard *sh = o->dst;
	char tail;
	if (sscanf(arg, "%u/%u%c", &sh->i, &sh->n, &tail) != 2 || sh->n == 0 || sh->i == 0 || sh->i > sh->n)
		return -1;
	return 0;
}

/* -k, repeatable: a scenario runs when its path matches any of them */
#define TEST_MAX_PATTERNS 16
struct patterns {
	const char *v[TEST_MAX_PATTERNS];
	unsigned n;
};

static int add_pattern(const struct cli_opt *o, const char *arg, char *err, size_t errlen)
{
	struct patterns *p = o->dst;
	if (p->n == TEST_MAX_PATTERNS) {
		snprintf(err, errlen, "at most %d patterns", TEST_MAX_PATTERNS);
		return -1;
	}
	if (!arg[0])
		return -1;
	p->v[p->n++] = arg;
	return 0;
}

/* A glob (with * ? [) against the path or its file name; else a part of
 * the path. */
static bool matches(const struct patterns *p, const char *path)
{
	if (p->n == 0)
		return true;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (unsigned i = 0; i < p->n; i++) {
		if (strpbrk(p->v[i], "*?[")) {
			if (fnmatch(p->v[i], path, 0) == 0 || fnmatch(p->v[i], base, 0) == 0)
				return true;
		} else if (strstr(path, p->v[i])) {
			return true;
		}
	}
	return false;
}

static void start_job(struct job *j, const char *self, char **run_opts, int nrun_opts, bool quiet)
{
	int po[2], pe[2];
	clock_gettime(CLOCK_MONOTONIC, &j->start);
	j->fd[0] = j->fd[1] = -1;
	if (pipe(po) != 0) {
		j->done = true;
		j->status = 2;
		return;
	}
	if (pipe(pe) != 0) {
		close(po[0]);
		close(po[1]);
		j->done = true;
		j->status = 2;
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		char **argv = calloc((size_t)nrun_opts + 6, sizeof(char *));
		if (!argv)
			_exit(127);
		int k = 0;
		argv[k++] = (char *)"rpsim";
		argv[k++] = (char *)"run";
		argv[k++] = (char *)"--color=never";
		if (quiet)
			argv[k++] = (char *)"-q";
		for (int i = 0; i < nrun_opts; i++)
			argv[k++] = run_opts[i];
		argv[k++] = j->path;
		argv[k] = NULL;
		execv(self, argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	if (pid < 0) {
		close(po[0]);
		close(pe[0]);
		j->done = true;
		j->status = 2;
		return;
	}
	j->pid = pid;
	j->fd[0] = po[0];
	j->fd[1] = pe[0];
}

static void keep(struct job *j, int k, const char *buf, size_t n)
{
	if (j->cut[k])
		return;
	if (j->len[k] + n > TEST_MAX_OUTPUT) {
		n = TEST_MAX_OUTPUT - j->len[k];
		j->cut[k] = true;
	}
	if (j->len[k] + n + 1 > j->cap[k]) {
		size_t nc = j->cap[k] ? j->cap[k] * 2 : 8192;
		while (nc < j->len[k] + n + 1)
			nc *= 2;
		char *no = realloc(j->buf[k], nc);
		if (!no) {
			j->cut[k] = true;
			return;
		}
		j->buf[k] = no;
		j->cap[k] = nc;
	}
	memcpy(j->buf[k] + j->len[k], buf, n);
	j->len[k] += n;
	j->buf[k][j->len[k]] = '\0';
}

static double since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* Reads what is available on stream k; once both are at EOF, reaps the
 * child. */
static void pump(struct job *j, int k)
{
	char buf[4096];
	ssize_t n = read(j->fd[k], buf, sizeof(buf));
	if (n > 0) {
		keep(j, k, buf, (size_t)n);
		return;
	}
	if (n < 0 && errno == EINTR)
		return;
	close(j->fd[k]);
	j->fd[k] = -1;
	if (j->fd[0] >= 0 || j->fd[1] >= 0)
		return;
	int st = 0;
	while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
		;
	j->status = WIFEXITED(st) ? WEXITSTATUS(st) : -(WIFSIGNALED(st) ? WTERMSIG(st) : 1);
	j->wall = since(&j->start);
	j->done = true;
}

/* The last line of s that starts with prefix, without it; NULL if none. */
static const char *last_line(const char *s, const char *prefix, size_t *len)
{
	const char *found = NULL;
	size_t pl = strlen(prefix);
	for (const char *l = s; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, prefix, pl) == 0)
			found = l + pl;
	if (found)
		*len = strcspn(found, "\n");
	return found;
}

/* The outcome and its one-line reason. */
static void judge(const struct job *j, struct test_report_case *r, double timeout)
{
	const char *out = j->buf[0] ? j->buf[0] : "", *err = j->buf[1] ? j->buf[1] : "";
	memset(r, 0, sizeof(*r));
	r->path = j->path;
	r->exit_status = j->status;
	r->wall = j->wall;
	r->out = out;
	r->err = err;
	const char *why = NULL;
	size_t n = 0;
	if (j->timed_out) {
		r->outcome = TEST_ERROR;
		r->kind = "timeout";
		snprintf(r->reason, sizeof(r->reason), "still running after --timeout %gs (wall clock); killed", timeout);
		return;
	}
	if (j->status == 0) {
		r->outcome = TEST_PASS;
		return;
	}
	if (j->status == 1) {
		r->outcome = TEST_FAIL;
		r->kind = "expectation";
		why = last_line(out, "FAIL ", &n);
		/* the message starts with the scenario's name, which the line has */
		size_t pl = strlen(j->path);
		if (why && n > pl + 2 && strncmp(why, j->path, pl) == 0 && why[pl] == ':' && why[pl + 1] == ' ') {
			why += pl + 2;
			n -= pl + 2;
		}
	} else {
		r->outcome = TEST_ERROR;
		if (j->status < 0) {
			r->kind = "signal";
			snprintf(r->reason, sizeof(r->reason), "rpsim run was killed by signal %d", -j->status);
			return;
		}
		r->kind = j->status == 127 ? "not-started" : "bad-input";
		why = err[0] ? err : out;
		n = strcspn(why, "\n");
		if (j->status == 127 && n == 0) {
			snprintf(r->reason, sizeof(r->reason), "rpsim run could not be started");
			return;
		}
	}
	if (!why || n == 0) {
		snprintf(r->reason, sizeof(r->reason), "rpsim run exited with status %d and no message", j->status);
		return;
	}
	snprintf(r->reason, sizeof(r->reason), "%.*s", (int)(n < sizeof(r->reason) ? n : sizeof(r->reason) - 1), why);
}

static bool in_list(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* --rerun-failed: the state file's list, else the last JUnit's failures;
 * narrowed to the PATHs given, if any. Returns 0, or an exit status. */
static int rerun_list(const char *state, const char *junit, struct list *paths)
{
	char **failed = NULL;
	const char *from = state;
	long nf = test_report_read_failed(state, &failed);
	if (nf < 0 && junit) {
		from = junit;
		nf = test_report_read_failed(junit, &failed);
	}
	if (nf < 0) {
		fprintf(stderr, "rpsim test: --rerun-failed: cannot read the state file %s%s%s (%s); it is written "
			"by every 'rpsim test' run: run the suite once first\n", state, junit ? " nor the JUnit file " : "",
			junit ? junit : "", strerror(errno));
		return RPSIM_EXIT_USAGE;
	}
	if (paths->n) {
		struct list keep_ = { 0 };
		for (size_t i = 0; i < paths->n; i++)
			if (in_list(failed, (size_t)nf, paths->v[i]))
				list_add(&keep_, paths->v[i]);
		free_strings(paths->v, paths->n);
		*paths = keep_;
	} else {
		for (long i = 0; i < nf; i++)
			list_add(paths, failed[i]);
	}
	free_strings(failed, (size_t)nf);
	if (paths->n == 0)
		printf("nothing to rerun: no scenario failed in the last run (%s)\n", from);
	return 0;
}

int cmd_test(int argc, char **argv)
{
	long jobs_max = sysconf(_SC_NPROCESSORS_ONLN);
	const char *junit = NULL, *json = NULL, *state = ".rpsim-test-state";
	struct shard shard = { 1, 1 };
	struct list paths = { 0 };
	struct patterns pats = { 0 };
	sim_time_t timeout_t = 0;
	bool rerun = false, all_output = false;

	const struct cli_opt opts[] = {
		CLI_CALL(NULL, 'j', "N", "run N scenarios at once", set_jobs, &jobs_max,
			 "a number from 1 to 256"),
		CLI_STRING("junit", 0, "FILE", "write JUnit XML: a testcase per scenario, <failure> for a failed "
			   "expectation, <error> for one that could not run, the timeline in <system-out>", &junit),
		CLI_FLAG("junit-all-output", 0, "with --junit: the timeline of every scenario, not only of those "
			 "that did not pass", &all_output),
		CLI_STRING("json", 0, "FILE", "write a JSON summary (- for stdout)", &json),
		CLI_CALL("timeout", 0, "TIME", "kill a scenario still running after TIME of wall-clock time "
			 "(e.g. 30s): an ERROR", cli_opt_time_positive, &timeout_t, "a duration above zero, e.g. 30s"),
		CLI_CALL(NULL, 'k', "PATTERN", "run only the scenarios whose path contains PATTERN, or matches it "
			 "as a glob (* ? [...]) by path or file name; repeatable", add_pattern, &pats,
			 "a part of a path, or a glob such as 'crash-*'"),
		CLI_FLAG("rerun-failed", 0, "run only the scenarios that did not pass last time (the state file, "
			 "else the --junit FILE)", &rerun),
		CLI_STRING("state", 0, "FILE", "where to remember what did not pass (default .rpsim-test-state in "
			   "the current directory)", &state),
		CLI_CALL("shard", 0, "I/N", "run only the I-th of N slices (1 <= I <= N) of the sorted "
			 "scenario list, to split a suite across machines", set_shard, &shard,
			 "I/N with 1 <= I <= N, e.g. --shard 2/4"),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_test_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	unsigned shard_i = shard.i, shard_n = shard.n;
	char **run_opts = args.rest;
	int nrun_opts = args.nrest;
	double timeout = (double)timeout_t / (double)SIM_S;
	for (int i = 0; i < args.noperands; i++)
		if (collect(args.operands[i], &paths, 0) != 0)
			return RPSIM_EXIT_USAGE;
	if (rerun) {
		if ((rc = rerun_list(state, junit, &paths)) != 0)
			return rc;
		if (paths.n == 0)
			return RPSIM_EXIT_OK;
	} else if (paths.n == 0) {
		fprintf(stderr, "rpsim test: no scenario files given (PATH... are files or directories of *.json)\n");
		return RPSIM_EXIT_USAGE;
	}
	qsort(paths.v, paths.n, sizeof(char *), cmp_str);

	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (sl <= 0) {
		fprintf(stderr, "rpsim test: cannot find the rpsim program (/proc/self/exe)\n");
		return RPSIM_EXIT_USAGE;
	}
	self[sl] = '\0';

	size_t n = 0;
	struct job *jobs = calloc(paths.n, sizeof(*jobs));
	struct test_report_case *res = calloc(paths.n, sizeof(*res));
	struct pollfd *pfd = calloc(2 * paths.n + 1, sizeof(*pfd));
	size_t *idx = calloc(2 * paths.n + 1, sizeof(*idx));
	if (!jobs || !res || !pfd || !idx) {
		fprintf(stderr, "rpsim test: out of memory\n");
		return RPSIM_EXIT_USAGE;
	}
	for (size_t i = 0, k = 0; i < paths.n; i++) {
		if (!matches(&pats, paths.v[i]))
			continue;
		if (k++ % shard_n == shard_i - 1)
			jobs[n++].path = paths.v[i];
	}
	if (n == 0) {
		fprintf(stderr, "rpsim test: no scenario %s%s\n", pats.n ? "matches -k " : "is in this shard",
			pats.n ? pats.v[0] : "");
		return RPSIM_EXIT_USAGE;
	}
	/* the timeline is only needed for the JUnit report */
	bool quiet = !junit;

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t next = 0, printed = 0;
	size_t count[3] = { 0, 0, 0 };
	FILE *txt = json && strcmp(json, "-") == 0 ? stderr : stdout;
	while (printed < n) {
		size_t running = 0;
		for (size_t i = 0; i < next; i++)
			running += !jobs[i].done;
		while (running < (size_t)jobs_max && next < n) {
			start_job(&jobs[next++], self, run_opts, nrun_opts, quiet);
			running++;
		}
		size_t np = 0;
		double wait_s = -1;
		for (size_t i = 0; i < next; i++) {
			struct job *j = &jobs[i];
			if (j->done)
				continue;
			if (timeout > 0) {
				double left = timeout - since(&j->start);
				if (left <= 0 && !j->timed_out) {
					j->timed_out = true;
					kill(j->pid, SIGKILL); /* its pipes then close: pump reaps it */
				}
				if (left > 0 && (wait_s < 0 || left < wait_s))
					wait_s = left;
			}
			for (int k = 0; k < 2; k++) {
				if (j->fd[k] < 0)
					continue;
				pfd[np] = (struct pollfd){ .fd = j->fd[k], .events = POLLIN };
				idx[np++] = i * 2 + (size_t)k;
			}
		}
		int ms = wait_s < 0 ? -1 : (int)(wait_s * 1000) + 1;
		if (np && poll(pfd, np, ms) > 0)
			for (size_t k = 0; k < np; k++)
				if (pfd[k].revents)
					pump(&jobs[idx[k] / 2], (int)(idx[k] % 2));
		/* report in sorted order as soon as possible */
		while (printed < n && jobs[printed].done) {
			struct test_report_case *r = &res[printed];
			judge(&jobs[printed++], r, timeout);
			count[r->outcome]++;
			fprintf(txt, "%-5s %s (%.2fs)%s", test_outcome_name(r->outcome), r->path, r->wall,
				r->reason[0] ? ": " : "");
			/* the run escaped its own output; this keeps control bytes
			 * of anything else (a crash report) off the terminal */
			sim_escape_write(txt, r->reason, strlen(r->reason), SIM_ESC_KEEP_BACKSLASH);
			fputc('\n', txt);
			fflush(txt);
		}
	}
	double total = since(&t0);
	fprintf(txt, "%zu passed, %zu failed, %zu errors (%.2fs)\n", count[TEST_PASS], count[TEST_FAIL],
		count[TEST_ERROR], total);
	int ret = count[TEST_FAIL] || count[TEST_ERROR] ? RPSIM_EXIT_FAIL : RPSIM_EXIT_OK;
	if (junit && test_report_junit(junit, res, n, total, all_output) != 0)
		ret = RPSIM_EXIT_USAGE;
	if (json && test_report_json(json, res, n, total) != 0)
		ret = RPSIM_EXIT_USAGE;
	if (state[0] && test_report_write_state(state, res, n) != 0)
		fprintf(stderr, "rpsim test: warning: cannot write the state file %s: %s (--rerun-failed needs "
			"it; --state FILE puts it elsewhere)\n", state, strerror(errno));
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].buf[0]);
		free(jobs[i].buf[1]);
	}
	free_strings(paths.v, paths.n);
	free(jobs);
	free(res);
	free(pfd);
	free(idx);
	return ret;
}
