/* The exit statuses of every rpsim command (and of `rpsim view`, which is
 * the viewer layer's): one convention for the whole program. */
#ifndef RPSIM_EXIT_H
#define RPSIM_EXIT_H

enum {
	RPSIM_EXIT_OK = 0,    /* success, every expectation met */
	RPSIM_EXIT_FAIL = 1,  /* an expectation or test failed; the simulated program failed */
	RPSIM_EXIT_USAGE = 2, /* bad input: command line, scenario, firmware, file */
};

#endif
