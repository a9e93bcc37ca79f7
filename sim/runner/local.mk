# sim/runner/: plays a scenario's steps as the host's user space; reports.
noinst_LIBRARIES += librunner.a
librunner_a_SOURCES = \
	sim/runner/runner.c sim/runner/runner.h sim/runner/runner_internal.h \
	sim/runner/runner_steps.c sim/runner/runner_wait.c sim/runner/runner_out.c \
	sim/runner/runner_report.c \
	sim/runner/runner_snap.c sim/runner/runner_ckpt.c sim/runner/runner_trace.c
