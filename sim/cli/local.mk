# sim/cli/: the rpsim program, one file per command; opts.c (option tables
# -> getopt_long and --help) is a library so its unit test links it alone.
noinst_LIBRARIES += libcli.a
libcli_a_SOURCES = sim/cli/opts.c sim/cli/opts.h

bin_PROGRAMS += rpsim
rpsim_SOURCES = sim/cli/main.c sim/cli/cli.h \
	sim/cli/cmd_run.c sim/cli/cmd_test.c sim/cli/cmd_exec.c \
	sim/cli/cmd_inspect.c sim/cli/cmd_trace.c sim/cli/cmd_view.c sim/cli/cmd_dts.c
rpsim_LDADD = libcli.a libviewerui.a libviewer.a $(RPSIM_LIBS) \
	$(SDL2_LIBS) $(SDL2_TTF_LIBS) $(SDL2_IMAGE_LIBS)
