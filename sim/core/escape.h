/* Escaping untrusted text for terminals and logs: the one helper every
 * place uses that prints text a firmware or an input file controls
 * (channel names, uart lines, trace-buffer and log text, resource and
 * carveout names, component names read from a trace, FAIL lines).
 *
 * Printable ASCII (0x20-0x7e) passes unchanged, except the backslash,
 * written "\\" so an escape in the output is never ambiguous.  Newline,
 * tab and carriage return become "\n", "\t", "\r"; every other byte
 * (other control characters, ESC, DEL, 0x80-0xff) becomes "\xNN".  So a
 * firmware cannot move the cursor, change colours, set the window title or
 * fake a line of rpsim's own output. */
#ifndef RPSIM_ESCAPE_H
#define RPSIM_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum {
	SIM_ESC_QUOTE = 1u,   /* also '"' as \" (text shown between quotes) */
	SIM_ESC_KEEP_NL = 2u, /* newline and tab pass as they are (a program's
			       * own multi-line output) */
	SIM_ESC_KEEP_BACKSLASH = 4u, /* '\\' passes (text escaped once already) */
};

/* Escapes n bytes of s into out (at most cap - 1 characters, then a NUL;
 * an escape is never cut in half).  Returns the length written. */
size_t sim_escape(char *out, size_t cap, const void *s, size_t n, unsigned flags);

/* The same for a NUL-terminated string (NULL gives ""); returns out. */
const char *sim_escape_str(char *out, size_t cap, const char *s);

/* Writes n bytes of s to f, escaped, whatever their length. */
void sim_escape_write(FILE *f, const void *s, size_t n, unsigned flags);

/* How many bytes sim_escape needs for n bytes in the worst case, with the
 * NUL. */
#define SIM_ESCAPE_SIZE(n) (4 * (n) + 1)

#endif
