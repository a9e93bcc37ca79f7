/* `rpsim view`: the SDL2 trace viewer (window or one headless frame). */
#ifndef RPSIM_VIEWER_H
#define RPSIM_VIEWER_H

#include <stdbool.h>

#include "sim/core/simtime.h"

struct viewer_opts {
	const char *trace;
	const char *elf;        /* NULL: the firmware the trace names, if readable */
	const char *screenshot; /* render one frame to this PNG and exit */
	sim_time_t at;          /* cursor */
	bool have_at;
	sim_time_t span;        /* visible duration centred on the cursor, 0: all */
	int width, height;
	bool help;              /* show the help overlay at start */
	bool stats;             /* print indexing and drawing times (wall clock) */
	/* re-executing a seekable trace: its scenario when it moved, more
	 * firmware folders */
	const char *scenario;
	const char *const *firmware_dirs;
	unsigned nfirmware_dirs;
};

/* Returns the exit status (0, 1 on a display or I/O failure, 2 bad input). */
int viewer_main(const struct viewer_opts *o);

#endif
