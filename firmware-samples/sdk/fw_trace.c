/* Trace buffer (a text ring, see fw_trace.h) and uart output. */
#include "fw_trace.h"

#include <stdio.h>

#include "fw_platform.h"

char fw_trace_buf[FW_TRACE_BUF_SIZE];
static uint32_t trace_pos;

void fw_trace_write(const char *s, size_t n)
{
	/* interrupts off: the mailbox handler logs too */
	uint32_t st = fw_irq_save();
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			continue; /* a NUL would hide the rest from the reader */
		if (trace_pos >= FW_TRACE_BUF_SIZE - 1)
			trace_pos = 0;
		fw_trace_buf[trace_pos++] = s[i];
	}
	fw_trace_buf[trace_pos] = '\0';
	fw_irq_restore(st);
}

void fw_uart_write(const char *s, size_t n)
{
	uint32_t st = fw_irq_save();
	for (size_t i = 0; i < n; i++) {
		/* always ready in rpsim; a board's uart may not be */
		for (unsigned w = 0; w < 100000; w++)
			if (fw_read32(FW_UART_BASE + FW_UART_STATUS) & FW_UART_STATUS_TX_READY)
				break;
		fw_write32(FW_UART_BASE + FW_UART_TXDATA, (uint8_t)s[i]);
	}
	fw_irq_restore(st);
}

int fw_vprintf(const char *fmt, va_list ap)
{
	char line[FW_PRINTF_MAX];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	fw_trace_write(line, (size_t)n);
	fw_uart_write(line, (size_t)n);
	return n;
}

int fw_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fw_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
