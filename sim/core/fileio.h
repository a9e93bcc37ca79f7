/* Whole-file reads for every input rpsim takes (scenarios, payload files,
 * firmware images). */
#ifndef RPSIM_FILEIO_H
#define RPSIM_FILEIO_H

#include <stddef.h>

/* Reads the file at path into a malloc'd buffer followed by one NUL byte
 * (text can be parsed in place; the NUL is not counted in *len). Returns
 * the buffer, or NULL with errno set: fopen's or fread's errno, EFBIG when
 * the file holds more than max bytes (nothing past max+1 bytes is read),
 * ENOMEM. */
char *sim_read_file(const char *path, size_t max, size_t *len);

#endif
