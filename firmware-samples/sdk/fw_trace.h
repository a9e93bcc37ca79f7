/* Firmware log: printf into the trace buffer (the resource table's
 * RSC_TRACE entry, shown by Linux as debugfs remoteproc/remoteprocN/trace0)
 * and, line for line, on the uart.
 *
 * The trace buffer is a ring of text: when it is full, writing restarts at
 * its beginning.  A NUL always follows the newest byte, so a reader that
 * stops at the first NUL (Linux does) sees what was written since the last
 * wrap; older text after the NUL is stale. */
#ifndef FW_TRACE_H
#define FW_TRACE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifndef FW_TRACE_BUF_SIZE
#define FW_TRACE_BUF_SIZE 4096
#endif
#define FW_PRINTF_MAX 160 /* longer output of one call is cut */

/* The buffer the standard resource table points at (FW_RSC_TABLE_STD). */
extern char fw_trace_buf[FW_TRACE_BUF_SIZE];

/* Appends raw bytes to the trace buffer only / to the uart only. */
void fw_trace_write(const char *s, size_t n);
void fw_uart_write(const char *s, size_t n);

/* Formats (picolibc vsnprintf) into both; returns the length written. */
int fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fw_vprintf(const char *fmt, va_list ap);

#endif
