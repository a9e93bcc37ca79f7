# sim/viewer/: the SDL2 trace viewer, `rpsim view`.  Its SDL-free model
# (trace index, timeline query, stepping, firmware ELF) is a library of its
# own so the Check tests link it without SDL; the drawing is libviewerui.a.
noinst_LIBRARIES += libviewer.a libviewerui.a
libviewer_a_SOURCES = \
	sim/viewer/viewer_model.c sim/viewer/viewer_model.h \
	sim/viewer/viewer_query.c \
	sim/viewer/viewer_elf.c sim/viewer/viewer_elf.h
libviewer_a_CFLAGS = $(AM_CFLAGS) $(LIBELF_CFLAGS) $(LIBDW_CFLAGS)
libviewerui_a_SOURCES = \
	sim/viewer/viewer.h sim/viewer/viewer_ui.h \
	sim/viewer/viewer_app.c sim/viewer/viewer_draw.c sim/viewer/viewer_panel.c \
	sim/viewer/viewer_gfx.c
libviewerui_a_CFLAGS = $(AM_CFLAGS) $(SDL2_CFLAGS) $(SDL2_TTF_CFLAGS) $(SDL2_IMAGE_CFLAGS)
