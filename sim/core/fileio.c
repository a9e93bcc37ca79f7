#include "sim/core/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

char *sim_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int err = 0;
	while (buf) {
		if (n == cap) {
			if (cap > max) {
				err = EFBIG;
				break;
			}
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				err = ENOMEM;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (!buf)
		err = ENOMEM;
	else if (!err && ferror(f))
		err = errno ? errno : EIO;
	else if (!err && n > max)
		err = EFBIG;
	fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
