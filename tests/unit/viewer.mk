# The trace viewer: Check tests of its model (index, timeline query,
# stepping against the live register file, ELF) and rendering tests
# through `rpsim view --screenshot` (check_viewer_render).
check_PROGRAMS += tests/unit/check_viewer
TESTS += tests/unit/check_viewer
tests_unit_check_viewer_SOURCES = tests/unit/check_viewer.c
tests_unit_check_viewer_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_viewer_LDADD = libviewer.a $(TEST_LIBS)
CLEANFILES += check_viewer_synth.trace check_viewer_live.trace check_viewer_bad.trace \
	check_viewer_bad.elf check_viewer_malformed.trace check_viewer_insns.trace \
	check_viewer_seek.trace check_viewer_crash.trace remoteproc0-coredump-*.elf

check_PROGRAMS += tests/unit/check_viewer_render
TESTS += tests/unit/check_viewer_render
tests_unit_check_viewer_render_SOURCES = tests/unit/check_viewer_render.c
tests_unit_check_viewer_render_CFLAGS = $(TEST_CFLAGS) $(SDL2_CFLAGS) $(SDL2_IMAGE_CFLAGS)
tests_unit_check_viewer_render_LDADD = $(TEST_LIBS) $(SDL2_IMAGE_LIBS) $(SDL2_LIBS)
CLEANFILES += check_viewer_render.trace check_viewer_render_empty.trace check_viewer_render_*.png
