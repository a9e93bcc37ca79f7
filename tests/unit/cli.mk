# Check test of the option tables of the rpsim program (sim/cli/opts.c);
# tests/cli.sh runs every command's options through the program.
check_PROGRAMS += tests/unit/check_cli_opts
TESTS += tests/unit/check_cli_opts
tests_unit_check_cli_opts_SOURCES = tests/unit/check_cli_opts.c
tests_unit_check_cli_opts_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_cli_opts_LDADD = libcli.a $(TEST_LIBS)
# rpsim test's reports (XML text, the rerun list) and home.c's paths.
check_PROGRAMS += tests/unit/check_cli_report
TESTS += tests/unit/check_cli_report
tests_unit_check_cli_report_SOURCES = tests/unit/check_cli_report.c
tests_unit_check_cli_report_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_cli_report_LDADD = libcli.a $(TEST_LIBS)
