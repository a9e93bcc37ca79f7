# sim/cli/: the rpsim program, one file per command. opts.c (option tables
# -> getopt_long and --help), home.c (where rpsim's own files are) and
# test_report.c (rpsim test's JUnit, JSON and state files) are a library
# so their unit tests link them alone.
noinst_LIBRARIES += libcli.a
libcli_a_SOURCES = sim/cli/opts.c sim/cli/opts.h \
	sim/cli/home.c sim/cli/home.h \
	sim/cli/test_report.c sim/cli/test_report.h

bin_PROGRAMS += rpsim
rpsim_SOURCES = sim/cli/main.c sim/cli/cli.h \
	sim/cli/cmd_run.c sim/cli/cmd_test.c sim/cli/cmd_exec.c \
	sim/cli/cmd_inspect.c sim/cli/cmd_trace.c sim/cli/view_exec.c sim/cli/cmd_dts.c \
	sim/cli/cmd_trace_state.c sim/cli/cmd_trace_state.h
rpsim_LDADD = libcli.a $(RPSIM_LIBS)

# The viewer is a program of its own, run by `rpsim view` (view_exec.c):
# rpsim does not load SDL2 and its libraries for its other commands.
pkglibexec_PROGRAMS = rpsim-view
rpsim_view_SOURCES = sim/cli/view_main.c sim/cli/cmd_view.c sim/cli/view_exec.c
rpsim_view_LDADD = libcli.a libviewerui.a libviewer.a $(RPSIM_LIBS) \
	$(SDL2_LIBS) $(SDL2_TTF_LIBS) $(SDL2_IMAGE_LIBS)
