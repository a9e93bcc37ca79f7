# `rpsim run` and `rpsim test` end to end: failures and refusals with their
# exit status and message.
TESTS += tests/scenario-fail.sh tests/scenario-bad.sh tests/dts-bad.sh
EXTRA_DIST += tests/run-scenario-table.sh tests/scenario-fail.sh tests/scenario-bad.sh \
	tests/scenario-fail tests/dts-bad.sh tests/dts-bad
TESTS += tests/scenarios.sh tests/trace-determinism.sh tests/coredump.sh tests/dts-export.sh
EXTRA_DIST += tests/scenarios.sh tests/trace-determinism.sh tests/coredump.sh tests/dts-export.sh \
	tests/coredump-linux.json
clean-local: clean-runner-tests
clean-runner-tests:
	rm -rf tests/scenarios.out tests/scenario-host.out tests/determinism tests/coredump \
		tests/sdk-build.out tests/dts-export tests/coredump-cm4 tests/trace-recompute
.PHONY: clean-runner-tests
TESTS += tests/scenario-host.sh
EXTRA_DIST += tests/scenario-host.sh tests/scenario-host
TESTS += tests/corpus-boot.sh
EXTRA_DIST += tests/corpus-boot.sh
# Untrusted input end to end: FIFOs, devices and directories given as
# inputs, crafted traces (tests/tracetool.py writes them).
TESTS += tests/bad-files.sh
EXTRA_DIST += tests/bad-files.sh tests/tracetool.py
clean-local: clean-bad-files
clean-bad-files:
	rm -rf tests/bad-files.out
.PHONY: clean-bad-files
# Failure reports: where each core was (crash, hang in a loop, hang in WFI,
# no usable trap handler).
TESTS += tests/report.sh
EXTRA_DIST += tests/report.sh tests/scenario-report
# The same on a Cortex-M remote, and its coredump in gdb-multiarch
# (skipped while the platform has no Cortex-M remote: rpsim run --core)
TESTS += tests/coredump-cm4.sh
EXTRA_DIST += tests/coredump-cm4.sh
# rpsim test as CI sees it: PASS/FAIL/ERROR, JUnit against tests/junit.xsd,
# --timeout, -k, --rerun-failed, --json.
TESTS += tests/rpsim-test.sh
EXTRA_DIST += tests/rpsim-test.sh tests/junit.xsd
# The timeline: golden output (tests/tesh.py, tests/timeline/*.tesh) and
# the firmware search, counters, hints, colour, progress.
TESTS += tests/timeline.sh
EXTRA_DIST += tests/timeline.sh tests/tesh.py tests/timeline
# The trace exports against the trace: Perfetto JSON as trace_processor
# needs it, the VCD parsed back (tests/exports.py).
TESTS += tests/exports.sh
EXTRA_DIST += tests/exports.sh tests/exports.py
# Checkpoint files: restore = never stopped for every scenario, bad files
# refused; and across builds (-O0, -O2, sanitizers) when another build is
# there (RPSIM_CROSS_BUILDS, or the other build*/ dirs of the checkout).
TESTS += tests/checkpoint.sh tests/checkpoint-cross.sh
EXTRA_DIST += tests/checkpoint.sh tests/checkpoint-cross.sh tests/checkpoint-lib.sh
# rpsim trace state and the instruction trace options from the command line
TESTS += tests/trace-state.sh
EXTRA_DIST += tests/trace-state.sh
# Traces whose events are recomputed read as those that recorded them
TESTS += tests/trace-recompute.sh
EXTRA_DIST += tests/trace-recompute.sh
# by hand, not in make check: needs Xvfb and xdotool
EXTRA_DIST += tests/viewer-xvfb.sh

# The firmware SDK as third-party stacks use it: headers alone, TLS, heap.
TESTS += tests/sdk-build.sh
EXTRA_DIST += tests/sdk-build.sh tests/sdk/tls-heap.c
