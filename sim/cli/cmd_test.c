/* rpsim test PATH... [-j N] [--junit FILE] [--shard I/N]
 *
 * CI regression of firmware images: every scenario (*.json) found in the
 * files and directories given runs as its own `rpsim run -q` process, N at
 * a time. One line per scenario in a stable (sorted) order, a closing line
 * "N passed, N failed", optional JUnit XML, exit 1 if any failed. A child
 * process per scenario keeps a crash or a hang of one from taking the
 * others with it. */
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

#include "sim/cli/cli.h"
#include "sim/core/escape.h"

/* what is kept of one run's output (the end, where the verdict is) */
#define TEST_OUT_MAX (1u << 20)

struct job {
	char *path;
	pid_t pid;
	int fd;          /* read end of the child's stdout+stderr */
	char *out;       /* what it printed */
	size_t len, cap;
	int status;      /* exit status, or -signal */
	bool done;
	double wall;     /* seconds (reported, never judged) */
	struct timespec start;
};

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
	.synopsis = "PATH... [options] [-- RUN-OPTIONS]",
	.summary = "run many scenarios in parallel: -j, --junit, --shard (CI)",
	.intro =
		"Runs every scenario (*.json) in the files and directories given, N at a\n"
		"time (default: the number of processors), each as 'rpsim run -q'.\n"
		"Prints one line per scenario and a closing line 'N passed, N failed'.\n"
		"RUN-OPTIONS after -- go to every 'rpsim run' (e.g. --firmware-dir DIR).\n",
	.outro = "Exit status: 0 all passed, 1 any failed, 2 bad command line.\n",
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

static void start_job(struct job *j, const char *self, char **run_opts, int nrun_opts)
{
	int p[2];
	clock_gettime(CLOCK_MONOTONIC, &j->start);
	if (pipe(p) != 0) {
		j->done = true;
		j->status = 2;
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		dup2(p[1], STDERR_FILENO);
		close(p[0]);
		close(p[1]);
		char **argv = calloc((size_t)nrun_opts + 5, sizeof(char *));
		int k = 0;
		argv[k++] = (char *)"rpsim";
		argv[k++] = (char *)"run";
		argv[k++] = (char *)"-q";
		for (int i = 0; i < nrun_opts; i++)
			argv[k++] = run_opts[i];
		argv[k++] = j->path;
		argv[k] = NULL;
		execv(self, argv);
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		j->done = true;
		j->status = 2;
		return;
	}
	j->pid = pid;
	j->fd = p[0];
}

/* Reads what is available; on EOF reaps the child. */
static void pump(struct job *j)
{
	char buf[4096];
	ssize_t n = read(j->fd, buf, sizeof(buf));
	if (n > 0) {
		if (j->len + (size_t)n > TEST_OUT_MAX) {
			/* a chatty run (-v): keep the end, where the verdict is */
			size_t drop = j->len + (size_t)n - TEST_OUT_MAX / 2;
			if (drop > j->len)
				drop = j->len;
			memmove(j->out, j->out + drop, j->len - drop);
			j->len -= drop;
		}
		if (j->len + (size_t)n + 1 > j->cap) {
			size_t nc = (j->cap ? j->cap * 2 : 8192);
			while (nc < j->len + (size_t)n + 1)
				nc *= 2;
			char *no = realloc(j->out, nc);
			if (!no)
				return;
			j->out = no;
			j->cap = nc;
		}
		memcpy(j->out + j->len, buf, (size_t)n);
		j->len += (size_t)n;
		j->out[j->len] = '\0';
		return;
	}
	if (n < 0 && errno == EINTR)
		return;
	close(j->fd);
	int st = 0;
	waitpid(j->pid, &st, 0);
	j->status = WIFEXITED(st) ? WEXITSTATUS(st) : -(WIFSIGNALED(st) ? WTERMSIG(st) : 1);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	j->wall = (double)(now.tv_sec - j->start.tv_sec) + (double)(now.tv_nsec - j->start.tv_nsec) * 1e-9;
	j->done = true;
}

/* The line that explains a failure: the FAIL line, else the first line. */
static const char *reason(const struct job *j, char *buf, size_t cap)
{
	const char *s = j->out ? j->out : "";
	const char *f = strstr(s, "FAIL ");
	const char *start = f ? f + 5 : s;
	/* the message starts with the scenario's name, which the line has */
	size_t pl = strlen(j->path);
	if (strncmp(start, j->path, pl) == 0 && start[pl] == ':' && start[pl + 1] == ' ')
		start += pl + 2;
	size_t n = strcspn(start, "\n");
	if (n == 0 && j->status < 0) {
		snprintf(buf, cap, "killed by signal %d", -j->status);
		return buf;
	}
	snprintf(buf, cap, "%.*s", (int)(n < cap ? n : cap - 1), start);
	return buf;
}

static void xml_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			/* XML 1.0 has no way to write other control characters,
			 * nor bytes that are not UTF-8: as rpsim escapes them */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				sim_escape_write(f, s, 1, SIM_ESC_KEEP_BACKSLASH);
			else if ((unsigned char)*s >= 0x7f)
				sim_escape_write(f, s, 1, SIM_ESC_KEEP_BACKSLASH);
			else
				fputc(*s, f);
		}
	}
}

static int write_junit(const char *path, struct job *jobs, size_t n, unsigned failed, double total)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "rpsim test: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites tests=\"%zu\" failures=\"%u\" time=\"%.3f\">\n", n, failed, total);
	fprintf(f, "  <testsuite name=\"rpsim\" tests=\"%zu\" failures=\"%u\" time=\"%.3f\">\n", n, failed, total);
	for (size_t i = 0; i < n; i++) {
		char why[1024];
		fprintf(f, "    <testcase classname=\"rpsim.scenario\" name=\"");
		xml_escape(f, jobs[i].path);
		fprintf(f, "\" time=\"%.3f\"", jobs[i].wall);
		if (jobs[i].status == 0) {
			fprintf(f, "/>\n");
			continue;
		}
		fprintf(f, ">\n      <failure message=\"");
		xml_escape(f, reason(&jobs[i], why, sizeof(why)));
		fprintf(f, "\" type=\"%s\">", jobs[i].status == 1 ? "expectation" : "error");
		xml_escape(f, jobs[i].out ? jobs[i].out : "");
		fprintf(f, "</failure>\n    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	return fclose(f) == 0 ? 0 : -1;
}

int cmd_test(int argc, char **argv)
{
	long jobs_max = sysconf(_SC_NPROCESSORS_ONLN);
	const char *junit = NULL;
	struct shard shard = { 1, 1 };
	struct list paths = { 0 };

	const struct cli_opt opts[] = {
		CLI_CALL(NULL, 'j', "N", "run N scenarios at once", set_jobs, &jobs_max,
			 "a number from 1 to 256"),
		CLI_STRING("junit", 0, "FILE", "write JUnit XML: one testcase per scenario", &junit),
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
	for (int i = 0; i < args.noperands; i++)
		if (collect(args.operands[i], &paths, 0) != 0)
			return RPSIM_EXIT_USAGE;
	if (paths.n == 0) {
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
	for (size_t i = 0; i < paths.n; i++)
		if (i % shard_n == shard_i - 1)
			jobs[n++].path = paths.v[i];

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t next = 0, printed = 0;
	unsigned passed = 0, failed = 0;
	struct pollfd *pfd = calloc(n ? n : 1, sizeof(*pfd));
	while (printed < n) {
		size_t running = 0;
		for (size_t i = 0; i < next; i++)
			running += !jobs[i].done;
		while (running < (size_t)jobs_max && next < n) {
			start_job(&jobs[next++], self, run_opts, nrun_opts);
			running++;
		}
		size_t np = 0;
		size_t idx[1024];
		for (size_t i = 0; i < next && np < 1024; i++)
			if (!jobs[i].done) {
				pfd[np] = (struct pollfd){ .fd = jobs[i].fd, .events = POLLIN };
				idx[np++] = i;
			}
		if (np && poll(pfd, np, -1) > 0)
			for (size_t k = 0; k < np; k++)
				if (pfd[k].revents)
					pump(&jobs[idx[k]]);
		/* report in sorted order as soon as possible */
		while (printed < n && jobs[printed].done) {
			struct job *j = &jobs[printed++];
			char why[1024];
			if (j->status == 0) {
				passed++;
				printf("PASS %s (%.2fs)\n", j->path, j->wall);
			} else {
				failed++;
				/* the child escaped its output already; this
				 * only keeps control bytes of anything else (a
				 * crash report) off the terminal */
				printf("FAIL %s: ", j->path);
				const char *r = reason(j, why, sizeof(why));
				sim_escape_write(stdout, r, strlen(r), SIM_ESC_KEEP_BACKSLASH);
				putchar('\n');
			}
			fflush(stdout);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double total = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	printf("%u passed, %u failed\n", passed, failed);
	int ret = failed ? RPSIM_EXIT_FAIL : RPSIM_EXIT_OK;
	if (junit && write_junit(junit, jobs, n, failed, total) != 0)
		ret = RPSIM_EXIT_USAGE;
	for (size_t i = 0; i < n; i++)
		free(jobs[i].out);
	for (size_t i = 0; i < paths.n; i++)
		free(paths.v[i]);
	free(paths.v);
	free(jobs);
	free(pfd);
	return ret;
}
