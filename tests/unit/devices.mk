# Check tests of the devices (mailbox, intc, timer, uart, sysctl, watchdog,
# htif).
DEVICE_TESTS = \
	tests/unit/check_mailbox \
	tests/unit/check_intc \
	tests/unit/check_timer \
	tests/unit/check_uart \
	tests/unit/check_sysctl \
	tests/unit/check_watchdog \
	tests/unit/check_htif

check_PROGRAMS += $(DEVICE_TESTS)
TESTS += $(DEVICE_TESTS)

tests_unit_check_mailbox_SOURCES = tests/unit/check_mailbox.c
tests_unit_check_mailbox_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_mailbox_LDADD = $(TEST_LIBS)

tests_unit_check_intc_SOURCES = tests/unit/check_intc.c
tests_unit_check_intc_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_intc_LDADD = $(TEST_LIBS)

tests_unit_check_timer_SOURCES = tests/unit/check_timer.c
tests_unit_check_timer_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_timer_LDADD = $(TEST_LIBS)

tests_unit_check_uart_SOURCES = tests/unit/check_uart.c
tests_unit_check_uart_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_uart_LDADD = $(TEST_LIBS)

tests_unit_check_sysctl_SOURCES = tests/unit/check_sysctl.c
tests_unit_check_sysctl_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_sysctl_LDADD = $(TEST_LIBS)

tests_unit_check_watchdog_SOURCES = tests/unit/check_watchdog.c
tests_unit_check_watchdog_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_watchdog_LDADD = $(TEST_LIBS)

tests_unit_check_htif_SOURCES = tests/unit/check_htif.c
tests_unit_check_htif_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_htif_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/check_devtab
TESTS += tests/unit/check_devtab
tests_unit_check_devtab_SOURCES = tests/unit/check_devtab.c
tests_unit_check_devtab_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_devtab_LDADD = $(TEST_LIBS)
