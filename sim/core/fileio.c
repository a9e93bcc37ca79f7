/* The one reader of input files: regular files only, sizes capped per
 * kind (fileio.h). */
#include "sim/core/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name;
	uint64_t max;
} kinds[SIM_FILE_NKINDS] = {
	/* a scenario is a page of JSON; 16 MiB holds 100000 steps */
	[SIM_FILE_SCENARIO] = { "scenario", 16u << 20 },
	/* SCENARIO_PAYLOAD_MAX (sim/scenario is above this layer) */
	[SIM_FILE_PAYLOAD] = { "payload", 64u << 10 },
	/* no remote firmware comes near this; it bounds a bad path too */
	[SIM_FILE_FIRMWARE] = { "firmware", (uint64_t)256 << 20 },
	/* read through a window: the file itself is not kept in memory */
	[SIM_FILE_TRACE] = { "trace", UINT64_MAX },
	/* a board's tree is kilobytes (DT_FILE_MAX, sim/platform/dt.h) */
	[SIM_FILE_DEVICE_TREE] = { "device tree", 4u << 20 },
	/* CHECKPOINT_MAX_FILE (sim/core/checkpoint.h): compressed memories
	 * and state; no platform comes close */
	[SIM_FILE_CHECKPOINT] = { "checkpoint", (uint64_t)2 << 30 },
	[SIM_FILE_TEXT] = { "text", 16u << 20 },
};

const char *sim_file_kind_name(enum sim_file_kind kind)
{
	return (unsigned)kind < SIM_FILE_NKINDS ? kinds[kind].name : "file";
}

uint64_t sim_file_max(enum sim_file_kind kind)
{
	return (unsigned)kind < SIM_FILE_NKINDS ? kinds[kind].max : 0;
}

/* What a non-regular file is, for the message. */
static const char *what_is(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static void say_size(char *buf, size_t len, uint64_t n)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(buf, len, "%llu MiB", (unsigned long long)(n >> 20));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, len, "%llu KiB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)n);
}

/* Opens path for reading without blocking and checks it is a regular
 * file. The descriptor, or -1 with errno and a message. */
static int open_checked(const char *path, const char *kind, struct stat *st, char *err,
			size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;
		snprintf(err, errlen, "%s: cannot read the %s file: %s", path, kind, strerror(e));
		errno = e;
		return -1;
	}
	if (fstat(fd, st) != 0) {
		int e = errno;
		snprintf(err, errlen, "%s: cannot read the %s file: %s", path, kind, strerror(e));
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s: is %s, not a regular file; rpsim reads the %s only from a "
			 "regular file", path, what_is(st->st_mode), kind);
		close(fd);
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	return fd;
}

static char *read_capped(const char *path, const char *kind, uint64_t max, size_t *len,
			 char *err, size_t errlen)
{
	struct stat st;
	if (max > SIZE_MAX - 2)
		max = SIZE_MAX - 2; /* the buffer holds max + 1 bytes and a NUL */
	int fd = open_checked(path, kind, &st, err, errlen);
	if (fd < 0)
		return NULL;
	char cap_s[32];
	say_size(cap_s, sizeof(cap_s), max);
	if ((uint64_t)st.st_size > max) {
		snprintf(err, errlen, "%s: the file has %llu bytes, more than the %s a %s file may "
			 "have", path, (unsigned long long)st.st_size, cap_s, kind);
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	/* st_size is a hint (files in /proc say 0): read to the end, at most
	 * max + 1 bytes */
	size_t cap = (size_t)st.st_size + 1, n = 0;
	if (cap < 4096)
		cap = 4096;
	if (cap > max + 1)
		cap = (size_t)max + 1;
	char *buf = malloc(cap + 1);
	int e = buf ? 0 : ENOMEM;
	while (!e) {
		if (n == cap) {
			if (n > max) {
				e = EFBIG;
				break;
			}
			size_t ncap = cap * 2 > max + 1 ? (size_t)max + 1 : cap * 2;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				e = ENOMEM;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (!e && n > max)
		e = EFBIG;
	if (e) {
		if (e == EFBIG)
			snprintf(err, errlen, "%s: the file has more than the %s a %s file may have", path,
				 cap_s, kind);
		else if (e == ENOMEM)
			snprintf(err, errlen, "%s: out of memory reading the %s file", path, kind);
		else
			snprintf(err, errlen, "%s: cannot read the %s file: %s", path, kind, strerror(e));
		free(buf);
		errno = e;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *sim_file_read(const char *path, enum sim_file_kind kind, size_t *len, char *err,
		    size_t errlen)
{
	return read_capped(path, sim_file_kind_name(kind), sim_file_max(kind), len, err, errlen);
}

FILE *sim_file_open(const char *path, enum sim_file_kind kind, uint64_t *size, char *err,
		    size_t errlen)
{
	struct stat st;
	const char *what = sim_file_kind_name(kind);
	int fd = open_checked(path, what, &st, err, errlen);
	if (fd < 0)
		return NULL;
	if ((uint64_t)st.st_size > sim_file_max(kind)) {
		char cap_s[32];
		say_size(cap_s, sizeof(cap_s), sim_file_max(kind));
		snprintf(err, errlen, "%s: the file has %llu bytes, more than the %s a %s file may "
			 "have", path, (unsigned long long)st.st_size, cap_s, what);
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	/* regular files never block: back to plain reads */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		int e = errno;
		snprintf(err, errlen, "%s: cannot read the %s file: %s", path, what, strerror(e));
		close(fd);
		errno = e;
		return NULL;
	}
	*size = (uint64_t)st.st_size;
	return f;
}

char *sim_read_file(const char *path, size_t max, size_t *len)
{
	char err[256];
	return read_capped(path, "input", max, len, err, sizeof(err));
}
