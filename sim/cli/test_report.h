/* What `rpsim test` reports about a run of many scenarios, for people and
 * for CI: the JUnit XML that Jenkins and GitLab read (an <error> for a
 * scenario that could not run, a <failure> for an expectation, the
 * timeline in <system-out>), a JSON summary, and the state file that
 * --rerun-failed reads back (or the failures of a previous JUnit file). */
#ifndef RPSIM_CLI_TEST_REPORT_H
#define RPSIM_CLI_TEST_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum test_outcome {
	TEST_PASS,
	TEST_FAIL,  /* an expectation failed or timed out (rpsim run exit 1) */
	TEST_ERROR, /* it could not run: bad input, a crash, the wall timeout */
};

struct test_report_case {
	const char *path;       /* the scenario, as found */
	enum test_outcome outcome;
	const char *kind;       /* ERROR: "bad-input", "timeout", "signal", "not-started"; FAIL: "expectation" */
	char reason[1024];      /* one line: why it did not pass ("" when it did) */
	int exit_status;        /* rpsim run's, or -signal */
	double wall;            /* seconds */
	const char *out;        /* what it printed on stdout (the timeline), may be NULL */
	const char *err;        /* and on stderr */
};

/* "PASS", "FAIL", "ERROR" */
const char *test_outcome_name(enum test_outcome o);

/* JUnit XML (checked against tests/junit.xsd): one testsuite, one
 * testcase per scenario; <system-out>/<system-err> for the scenarios that
 * did not pass, or for all when all_output. 0, or -1 with a message. */
int test_report_junit(const char *file, const struct test_report_case *r, size_t n, double total, bool all_output);
/* The JSON summary (file "-": stdout). 0, or -1 with a message. */
int test_report_json(const char *file, const struct test_report_case *r, size_t n, double total);

/* The state file: the scenarios that did not pass, one path a line. */
int test_report_write_state(const char *file, const struct test_report_case *r, size_t n);
/* The scenarios to run again: from a state file, or the testcases with a
 * <failure> or <error> in a JUnit file this command wrote. Returns the
 * number found (*out malloc'd, each path malloc'd), or -1 when the file
 * cannot be read (errno set). */
long test_report_read_failed(const char *file, char ***out);

/* Text as valid XML character data (also inside attribute values):
 * markup escaped, bytes that are not valid UTF-8 or not allowed in XML
 * 1.0 (control characters) written as "\xNN". Exposed for the test. */
void test_report_xml_text(FILE *f, const char *s, size_t len);

#endif
