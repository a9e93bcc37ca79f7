/* The one reader of every file rpsim takes as input: scenarios, payload
 * files, firmware images (the loader, `rpsim exec`, `rpsim inspect`, the
 * viewer), trace files, device trees, checkpoints.  A new reader of an
 * input file goes through here (doc/security.md).
 *
 * What it guarantees, whatever the path names:
 *   - only regular files are read.  A FIFO, a character or block device
 *     (/dev/zero, a terminal), a socket or a directory is refused with a
 *     message naming the file and what it is, before a byte is read:
 *     opening does not block (O_NONBLOCK) and the check is on the opened
 *     file (fstat), so nothing can be swapped in between;
 *   - sizes are capped per kind (sim_file_max): a file above its kind's
 *     cap is refused without being read, and a file that grows while it is
 *     read is cut off at the cap plus one byte and refused too. */
#ifndef RPSIM_FILEIO_H
#define RPSIM_FILEIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a file is for: its cap, and the word messages use. */
enum sim_file_kind {
	SIM_FILE_SCENARIO,    /* scenario JSON */
	SIM_FILE_PAYLOAD,     /* a write/read payload named by a scenario */
	SIM_FILE_FIRMWARE,    /* an ELF image */
	SIM_FILE_TRACE,       /* a binary trace (read through a window) */
	SIM_FILE_DEVICE_TREE, /* a flattened device tree or its source */
	SIM_FILE_CHECKPOINT,  /* a saved simulation */
	SIM_FILE_TEXT,        /* anything else (docs read by tests) */
	SIM_FILE_NKINDS
};

/* "scenario", "firmware", ... ("file" for a value out of range). */
const char *sim_file_kind_name(enum sim_file_kind kind);
/* The largest file of that kind rpsim reads, in bytes. */
uint64_t sim_file_max(enum sim_file_kind kind);

/* Reads the file at path into a malloc'd buffer followed by one NUL byte
 * (text can be parsed in place; the NUL is not counted in *len).  NULL
 * with a message in err ("PATH: is a FIFO (named pipe), not a regular
 * file; ..."; every message starts with the path) when the file cannot be
 * opened, is not a regular file, is larger than the kind's cap, or
 * reading fails.  errno is set too: open's or read's, EISDIR for a
 * directory, EINVAL for another non-regular file (as Linux's
 * kernel_read_file), EFBIG when too large, ENOMEM. */
char *sim_file_read(const char *path, enum sim_file_kind kind, size_t *len, char *err,
		    size_t errlen);

/* The same checks for a reader that windows over a file instead of
 * reading it whole (traces): the opened stream and its size (not capped:
 * the reader bounds what it keeps), or NULL with a message and errno. */
FILE *sim_file_open(const char *path, enum sim_file_kind kind, uint64_t *size, char *err,
		    size_t errlen);

/* sim_file_read with an explicit cap and errno only (no message), for
 * callers that word their own; refuses what sim_file_read refuses.
 * max must not exceed the largest cap of a kind. */
char *sim_read_file(const char *path, size_t max, size_t *len);

#endif
