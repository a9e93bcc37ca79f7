/* Device-tree source -> blob with dtc (device-tree-compiler), the
 * reference compiler Linux builds its trees with: rpsim does not parse
 * DTS itself.  dtc runs as a child process (stdin /dev/null, the blob on
 * stdout, messages on stderr); its messages are relayed with its own
 * positions in rpsim's FILE:LINE:COL form.  The source is untrusted: an
 * /include/ of a device that never ends or a runaway output is cut off
 * (DT_DTC_SECONDS of wall time, DT_FILE_MAX bytes): that bounds the
 * tool, it never touches simulated time. */
#include "sim/platform/dt.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#define DT_DTC_SECONDS 20
#define DT_DTC_ERR_MAX (64u << 10)

/* "FILE:12.5-7: rest" or "Error: FILE:12.5-14 rest" -> "FILE:12:5: rest" */
void dt_dtc_line(const char *line, char *out, size_t len)
{
	char clean[1024];
	size_t o = 0;
	for (const char *c = line; *c && o + 5 < sizeof(clean); c++) {
		unsigned char u = (unsigned char)*c;
		if (u >= 0x20 && u < 0x7f)
			clean[o++] = (char)u;
		else if (u != '\n' && u != '\r')
			o += (size_t)snprintf(clean + o, sizeof(clean) - o, "\\x%02x", u);
	}
	clean[o] = '\0';
	/* find ":<digits>.<digits>" preceded by a file name */
	for (char *p = strchr(clean, ':'); p; p = strchr(p + 1, ':')) {
		char *q = p + 1;
		if (!isdigit((unsigned char)*q))
			continue;
		char *l = q;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q != '.' || !isdigit((unsigned char)q[1]))
			continue;
		char *col = q + 1;
		char *e = col;
		while (isdigit((unsigned char)*e))
			e++;
		size_t lline = (size_t)(q - l), lcol = (size_t)(e - col);
		/* the end of the range ("-14" or "-4.3") and a ':' after it */
		if (*e == '-') {
			e++;
			while (isdigit((unsigned char)*e) || *e == '.')
				e++;
		}
		if (*e == ':')
			e++;
		while (*e == ' ')
			e++;
		/* the file: back to the start or a space */
		char *f = p;
		while (f > clean && f[-1] != ' ')
			f--;
		snprintf(out, len, "%.*s:%.*s:%.*s: %s", (int)(p - f), f, (int)lline, l, (int)lcol, col, e);
		return;
	}
	snprintf(out, len, "dtc: %s", clean);
}

/* What dtc said: errors on failure, its warnings on success; the lines
 * that only say a check was skipped are noise. */
static void relay(const char *text, size_t n, bool failed, struct diag *d)
{
	const char *s = text, *end = text + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t l = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char line[1024], msg[1200];
		snprintf(line, sizeof(line), "%.*s", (int)(l < sizeof(line) - 1 ? l : sizeof(line) - 1), s);
		s += l + 1;
		if (!line[0] || strstr(line, "Failed prerequisite"))
			continue;
		dt_dtc_line(line, msg, sizeof(msg));
		if (failed)
			diag_error(d, "%s", msg);
		else
			diag_warning(d, "%s", msg);
	}
}

static int append(char **buf, size_t *n, size_t *cap, const char *data, size_t k, size_t max)
{
	if (*n + k > max)
		return -1;
	if (*n + k + 1 > *cap) {
		size_t nc = *cap ? *cap * 2 : 65536;
		while (nc < *n + k + 1)
			nc *= 2;
		char *nb = realloc(*buf, nc);
		if (!nb)
			return -1;
		*buf = nb;
		*cap = nc;
	}
	memcpy(*buf + *n, data, k);
	*n += k;
	return 0;
}

static double elapsed(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

void *dt_compile(const char *path, size_t *size, struct diag *d)
{
	int out[2], err[2];
	if (pipe(out) != 0 || pipe(err) != 0) {
		diag_error(d, "%s: cannot run dtc: %s", path, strerror(errno));
		return NULL;
	}
	pid_t pid = fork();
	if (pid < 0) {
		diag_error(d, "%s: cannot run dtc: %s", path, strerror(errno));
		close(out[0]), close(out[1]), close(err[0]), close(err[1]);
		return NULL;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]), close(err[0]);
		execl(RPSIM_DTC, "dtc", "-I", "dts", "-O", "dtb", "-o", "-", path, (char *)NULL);
		fprintf(stderr, "cannot run %s: %s\n", RPSIM_DTC, strerror(errno));
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	char *blob = NULL, *msgs = NULL;
	size_t nb = 0, cb = 0, nm = 0, cm = 0;
	bool cut = false;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct pollfd fds[2] = { { .fd = out[0], .events = POLLIN }, { .fd = err[0], .events = POLLIN } };
	while ((fds[0].fd >= 0 || fds[1].fd >= 0) && !cut) {
		if (elapsed(&t0) > DT_DTC_SECONDS) {
			cut = true;
			break;
		}
		int r = poll(fds, 2, 500);
		if (r < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2 && r > 0; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char chunk[65536];
			ssize_t k = read(fds[i].fd, chunk, sizeof(chunk));
			if (k <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
			} else if (i == 0 && append(&blob, &nb, &cb, chunk, (size_t)k, DT_FILE_MAX) != 0) {
				cut = true;
			} else if (i == 1) {
				/* past the cap, messages are dropped, not the run */
				append(&msgs, &nm, &cm, chunk, (size_t)k, DT_DTC_ERR_MAX);
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	if (cut)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	bool failed = cut || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	relay(msgs ? msgs : "", nm, failed, d);
	free(msgs);
	if (cut) {
		diag_error(d, "%s: dtc ran longer than %d s or wrote more than %u MiB: an /include/ of "
			   "something endless?", path, DT_DTC_SECONDS, DT_FILE_MAX >> 20);
	} else if (failed && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		diag_error(d, "%s: dtc (%s) could not run: install device-tree-compiler", path, RPSIM_DTC);
	} else if (failed && !diag_has_errors(d)) {
		diag_error(d, "%s: dtc failed (exit status %d) without a message", path,
			   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	if (failed) {
		free(blob);
		return NULL;
	}
	*size = nb;
	return blob;
}
