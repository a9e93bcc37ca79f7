/* UART: line buffering into the log, the trace and on_line; escaping,
 * long lines, flush on reset and destroy, registers and bad accesses. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/uart.h"
#include "sim/core/sim.h"

#define BASE 0x03000000u
#include "tests/unit/device_fixture.h"

struct lines {
	char text[8][1100];
	sim_time_t t[8];
	unsigned n;
};

static struct lines got, logged, traced;

static void on_line(void *ctx, const char *line, sim_time_t t)
{
	struct lines *l = ctx;
	ck_assert_uint_lt(l->n, 8);
	snprintf(l->text[l->n], sizeof(l->text[0]), "%s", line);
	l->t[l->n++] = t;
}

static void log_sink(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp_id, const char *comp,
		     const char *msg)
{
	(void)comp_id;
	(void)ctx;
	if (cat != SIM_LOG_INFO)
		return;
	ck_assert_str_eq(comp, "console");
	on_line(&logged, msg, t);
}

static void temit(struct trace_sink *s, sim_time_t t, uint16_t type, uint16_t comp,
		  const void *data, uint32_t len)
{
	(void)s;
	(void)comp;
	if (type != TRACE_UART)
		return;
	ck_assert_uint_lt(traced.n, 8);
	ck_assert_uint_lt(len, sizeof(traced.text[0]));
	memcpy(traced.text[traced.n], data, len);
	traced.text[traced.n][len] = '\0';
	traced.t[traced.n++] = t;
}

static struct uart *u;
static struct trace_sink ts = { .emit = temit };

static void setup(void)
{
	char err[128];
	dfx_setup();
	sim.log_fn = log_sink;
	sim.trace = &ts;
	memset(&got, 0, sizeof(got));
	memset(&logged, 0, sizeof(logged));
	memset(&traced, 0, sizeof(traced));
	struct uart_config cfg = { .on_line = on_line, .ctx = &got };
	u = uart_create(&sim, "console", &cfg);
	ck_assert_ptr_nonnull(u);
	ck_assert_int_eq(uart_map(u, &bus, BASE, err, sizeof(err)), 0);
}

static void teardown(void)
{
	dfx_teardown();
}

static void puts_at(const char *s, sim_time_t t)
{
	for (; *s; s++)
		ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 1, (uint8_t)*s, t), BUS_OK);
}

START_TEST(registers)
{
	uint64_t v = 9;
	ck_assert_int_eq(bus_read(&bus, BASE + UART_STATUS, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, UART_STATUS_TX_READY);
	ck_assert_int_eq(bus_read(&bus, BASE + UART_STATUS, 1, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, UART_STATUS_TX_READY);
	ck_assert_int_eq(bus_read(&bus, BASE + UART_TXDATA, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0);
	ck_assert_uint_eq(guest_errors(), 0);
}
END_TEST

START_TEST(bad_accesses)
{
	uint64_t v;
	ck_assert_int_eq(bus_read(&bus, BASE + UART_TXDATA, 8, &v, 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 8, 'x', 0), BUS_BAD_SIZE);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x1, 4, 'x', 0), BUS_MISALIGNED);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x2, 2, 'x', 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_STATUS, 4, 1, 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x1, 1, 'x', 0), BUS_DEVICE_ERROR);
	ck_assert_int_eq(bus_read(&bus, BASE + 0x8, 4, &v, 0), BUS_DEVICE_ERROR);
	ck_assert_uint_eq(guest_errors(), 4);
	/* nothing reached the console */
	uart_flush(u, 0);
	ck_assert_uint_eq(got.n, 0);
}
END_TEST

START_TEST(lines_reach_log_trace_and_callback)
{
	puts_at("hello", 10);
	ck_assert_uint_eq(got.n, 0); /* buffered */
	puts_at(" world\n", 20);
	puts_at("second\r\n", 30);
	ck_assert_uint_eq(got.n, 2);
	ck_assert_str_eq(got.text[0], "hello world");
	ck_assert_uint_eq(got.t[0], 20);
	ck_assert_str_eq(got.text[1], "second");
	ck_assert_uint_eq(got.t[1], 30);
	ck_assert_uint_eq(logged.n, 2);
	ck_assert_str_eq(logged.text[0], "hello world");
	ck_assert_uint_eq(logged.t[0], 20);
	ck_assert_uint_eq(traced.n, 2);
	ck_assert_str_eq(traced.text[1], "second");
	ck_assert_uint_eq(traced.t[1], 30);
}
END_TEST

START_TEST(word_writes_send_the_low_byte)
{
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 4, 'A', 0), BUS_OK);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 4, 0x142, 0), BUS_OK);
	ck_assert_uint_eq(guest_errors(), 1);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 4, '\n', 0), BUS_OK);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_str_eq(got.text[0], "AB");
}
END_TEST

START_TEST(empty_lines_and_escapes)
{
	puts_at("\n", 5);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_str_eq(got.text[0], "");
	ck_assert_uint_eq(traced.n, 1);
	ck_assert_str_eq(traced.text[0], "");
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 1, 0x00, 6), BUS_OK);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 1, 0xFF, 6), BUS_OK);
	ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 1, 0x1B, 6), BUS_OK);
	puts_at("\tok\\\n", 6);
	ck_assert_uint_eq(got.n, 2);
	ck_assert_str_eq(got.text[1], "\\x00\\xff\\x1b\tok\\");
	ck_assert_str_eq(logged.text[1], got.text[1]);
	ck_assert_str_eq(traced.text[1], got.text[1]);
}
END_TEST

START_TEST(long_line_is_split)
{
	char buf[UART_LINE_MAX + 11];
	memset(buf, 'x', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	puts_at(buf, 100); /* 266 bytes, no newline */
	ck_assert_uint_eq(got.n, 1);
	ck_assert_uint_eq(strlen(got.text[0]), UART_LINE_MAX);
	ck_assert_uint_eq(got.t[0], 100);
	puts_at("\n", 200);
	ck_assert_uint_eq(got.n, 2);
	ck_assert_uint_eq(strlen(got.text[1]), 10);
	/* the worst case for escaping: a full line of unprintable bytes */
	for (unsigned i = 0; i < UART_LINE_MAX; i++)
		ck_assert_int_eq(bus_write(&bus, BASE + UART_TXDATA, 1, 0x80, 300), BUS_OK);
	ck_assert_uint_eq(got.n, 3);
	ck_assert_uint_eq(strlen(got.text[2]), 4 * UART_LINE_MAX);
	ck_assert_uint_eq(strlen(traced.text[2]), 4 * UART_LINE_MAX);
}
END_TEST

START_TEST(flush_on_reset)
{
	puts_at("partial", 10);
	uart_reset(u, 50);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_str_eq(got.text[0], "partial");
	ck_assert_uint_eq(got.t[0], 50);
	uart_reset(u, 60); /* nothing buffered: no line */
	uart_flush(u, 60);
	ck_assert_uint_eq(got.n, 1);
}
END_TEST

START_TEST(flush_on_destroy)
{
	puts_at("bye", 10);
	ck_assert_int_eq(sim_run(&sim, 70), SIM_RUN_IDLE);
	sim.now = 70;
	sim.trace = NULL;
	sim_destroy(&sim);
	ck_assert_uint_eq(got.n, 1);
	ck_assert_str_eq(got.text[0], "bye");
	ck_assert_uint_eq(got.t[0], 70);
	sim_init(&sim); /* for teardown */
}
END_TEST

START_TEST(no_callback_is_fine)
{
	struct uart_config cfg = { 0 };
	struct uart *u2 = uart_create(&sim, "console", &cfg);
	ck_assert_ptr_nonnull(u2);
	char err[128];
	ck_assert_int_eq(uart_map(u2, &bus, BASE + 0x1000, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x1000, 1, 'q', 1), BUS_OK);
	ck_assert_int_eq(bus_write(&bus, BASE + 0x1000, 1, '\n', 2), BUS_OK);
	ck_assert_uint_eq(logged.n, 1);
	ck_assert_str_eq(logged.text[0], "q");
	ck_assert_uint_eq(got.n, 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("uart");
	TCase *tc = tcase_create("uart");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, registers);
	tcase_add_test(tc, bad_accesses);
	tcase_add_test(tc, lines_reach_log_trace_and_callback);
	tcase_add_test(tc, word_writes_send_the_low_byte);
	tcase_add_test(tc, empty_lines_and_escapes);
	tcase_add_test(tc, long_line_is_split);
	tcase_add_test(tc, flush_on_reset);
	tcase_add_test(tc, flush_on_destroy);
	tcase_add_test(tc, no_callback_is_fine);
	suite_add_tcase(s, tc);
	return s;
}

#include "tests/unit/check_main.h"
