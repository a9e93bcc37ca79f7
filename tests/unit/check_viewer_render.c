/* Rendering tests of `rpsim view --screenshot`: the image has the asked
 * size, is not blank, shows the lanes where the layout puts them, is the
 * same bytes twice, and bad command lines are refused with status 2.
 * Runs $RPSIM (the built program) on a trace of scenarios/rpmsg-echo.json
 * made in the build directory. */
#define SDL_MAIN_HANDLED
#include <SDL.h>
#include <SDL_image.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sim/core/tracefile_write.h"
#include "sim/trace/tracefile.h"
#include "tests/unit/check_main.h"

#define TRACE "check_viewer_render.trace"

/* the layout of sim/viewer/viewer_ui.h */
#define TITLE_H 20
#define AXIS_H 22
#define LANE_H 20
#define LABEL_W 170

static char cmd[8192];

static int sh(const char *fmt, const char *arg)
{
	const char *rpsim = getenv("RPSIM");
	char inner[4096];
	snprintf(inner, sizeof(inner), fmt, arg ? arg : "");
	snprintf(cmd, sizeof(cmd), "'%s' %s", rpsim ? rpsim : "./rpsim", inner);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void make_trace(void)
{
	static int done;
	if (done)
		return;
	const char *src = getenv("top_srcdir");
	char args[2048];
	snprintf(args, sizeof(args),
		 "run -q --trace " TRACE " --trace-insns '%s/scenarios/rpmsg-echo.json' >/dev/null",
		 src ? src : "..");
	ck_assert_int_eq(sh("%s", args), 0);
	done = 1;
}

static SDL_Surface *shot(const char *out, const char *extra)
{
	make_trace();
	char args[1024];
	snprintf(args, sizeof(args), "view " TRACE " --screenshot %s %s", out, extra);
	ck_assert_int_eq(sh("%s", args), 0);
	SDL_Surface *raw = IMG_Load(out);
	ck_assert_msg(raw != NULL, "%s: %s", out, IMG_GetError());
	SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(raw);
	ck_assert_ptr_nonnull(s);
	return s;
}

static uint32_t px(SDL_Surface *s, int x, int y)
{
	const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
	uint32_t v;
	memcpy(&v, row + (size_t)x * 4, 4);
	return v & 0xFFFFFFu;
}

static int count_colour(SDL_Surface *s, int y, int x0, int x1, uint32_t rgb)
{
	int n = 0;
	for (int x = x0; x < x1; x++)
		n += px(s, x, y) == rgb;
	return n;
}

static int lane_mid(int lane)
{
	return TITLE_H + AXIS_H + lane * LANE_H + LANE_H / 2;
}

#define RUNNING 0x46AA5Au /* remoteproc running, core run: (70,170,90) */
#define WFI 0x374664u     /* core wfi: (55,70,100) */

START_TEST(test_full_view)
{
	SDL_Surface *s = shot("check_viewer_render_full.png", "--size 800x600");
	ck_assert_int_eq(s->w, 800);
	ck_assert_int_eq(s->h, 600);
	/* not blank: many colours (text, bands, marks) */
	int distinct = 0;
	uint32_t seen[64];
	for (int y = 0; y < s->h && distinct < 64; y += 3)
		for (int x = 0; x < s->w && distinct < 64; x += 3) {
			uint32_t c = px(s, x, y);
			int k = 0;
			while (k < distinct && seen[k] != c)
				k++;
			if (k == distinct)
				seen[distinct++] = c;
		}
	ck_assert_int_ge(distinct, 20);
	/* lane 1 is remoteproc0's state: running over half the trace, from
	 * the end of the virtio probe (the host's vdev_start, 50 us after the
	 * core's release) to the stop at 145 us; the trace ends with the run,
	 * at 175 us, where its last snapshot is */
	int w = 800 - LABEL_W - 8;
	ck_assert_int_ge(count_colour(s, lane_mid(1), LABEL_W, LABEL_W + w, RUNNING), w / 2);
	/* nothing of the kind in the host lane above it */
	ck_assert_int_eq(count_colour(s, lane_mid(0), LABEL_W, LABEL_W + w, RUNNING), 0);
	/* lane 6 is the core (after host, state, rpmsg, kicks, two mailbox lanes): it runs, then waits for interrupts */
	ck_assert_int_ge(count_colour(s, lane_mid(6), LABEL_W, LABEL_W + w, RUNNING), w / 2);
	ck_assert_int_ge(count_colour(s, lane_mid(6), LABEL_W, LABEL_W + w, WFI), 5);
	SDL_FreeSurface(s);
}
END_TEST

START_TEST(test_zoomed_and_same_bytes)
{
	SDL_Surface *s = shot("check_viewer_render_zoom.png", "--at 125us --span 20us");
	ck_assert_int_eq(s->w, 1280);
	ck_assert_int_eq(s->h, 800);
	int w = 1280 - LABEL_W - 8;
	/* 115us..135us: the core wakes at 125.21us, runs, and sleeps again */
	int run = count_colour(s, lane_mid(6), LABEL_W, LABEL_W + w, RUNNING);
	int wfi = count_colour(s, lane_mid(6), LABEL_W, LABEL_W + w, WFI);
	ck_assert_int_ge(run, w / 4);
	ck_assert_int_ge(wfi, w / 10);
	/* the cursor: a yellow column at the middle */
	int cx = LABEL_W + w / 2;
	int yellow = 0;
	for (int x = cx - 1; x <= cx + 1; x++)
		yellow += px(s, x, TITLE_H + AXIS_H + 2) == 0xFFD23Cu;
	ck_assert_int_eq(yellow, 1);
	SDL_FreeSurface(s);
	SDL_Surface *t = shot("check_viewer_render_zoom2.png", "--at 125us --span 20us");
	SDL_FreeSurface(t);
	ck_assert_int_eq(system("cmp -s check_viewer_render_zoom.png check_viewer_render_zoom2.png"), 0);
}
END_TEST

START_TEST(test_help_overlay)
{
	SDL_Surface *a = shot("check_viewer_render_plain.png", "--size 1000x700");
	SDL_Surface *b = shot("check_viewer_render_help.png", "--size 1000x700 --help-overlay");
	/* the overlay box covers the centre; the corners are only dimmed */
	ck_assert_uint_ne(px(a, 500, 350), px(b, 500, 350));
	uint32_t corner_a = px(a, 2, 690), corner_b = px(b, 2, 690);
	ck_assert_uint_ne(corner_a, corner_b);
	ck_assert_uint_lt(corner_b & 0xFF, (corner_a & 0xFF) + 1);
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
}
END_TEST

START_TEST(test_bad_command_lines)
{
	make_trace();
	ck_assert_int_eq(sh("view 2>/dev/null%s", NULL), 2);
	ck_assert_int_eq(sh("view no-such.trace --screenshot x.png 2>/dev/null%s", NULL), 2);
	ck_assert_int_eq(sh("view %s --size 10x10 --screenshot x.png 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s --size wide --screenshot x.png 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s --at 12 --screenshot x.png 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s --span 0us --screenshot x.png 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s --frobnicate 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s " TRACE " 2>/dev/null", TRACE), 2);
	ck_assert_int_eq(sh("view %s --elf 2>/dev/null", TRACE), 2);
	/* a missing or unreadable ELF is a warning: the timeline works without it */
	ck_assert_int_eq(sh("view %s --elf no-such.elf --screenshot x.png 2>x.err && "
			    "grep -q 'warning: no-such.elf: cannot read the firmware ELF' x.err", TRACE), 0);
	/* a trace is not an ELF */
	ck_assert_int_eq(sh("view %s --elf " TRACE " --screenshot x.png 2>x.err && "
			    "grep -q 'warning: .*not a 32-bit ELF' x.err", TRACE), 0);
	/* the PNG cannot be written: a failure, not bad input */
	ck_assert_int_eq(sh("view %s --screenshot /nonexistent-dir/x.png 2>/dev/null", TRACE), 1);
	ck_assert_int_eq(sh("view --help >/dev/null%s", NULL), 0);
}
END_TEST

/* Edge cases render and exit 0: an empty trace, the smallest image, a
 * 1 ps view, a very wide one, a cursor past the end. */
START_TEST(test_edges)
{
	char err[256];
	struct tracefile_writer *w = tracefile_create("check_viewer_render_empty.trace", 0, err,
						      sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	ck_assert_int_eq(tracefile_finish(w, err, sizeof(err)), 0);
	SDL_Surface *s = shot("check_viewer_render_e1.png", "--size 300x200");
	SDL_FreeSurface(s);
	ck_assert_int_eq(sh("view check_viewer_render_empty.trace --screenshot "
			    "check_viewer_render_e2.png%s", ""), 0);
	s = shot("check_viewer_render_e3.png", "--size 200x150 --at 120us");
	ck_assert_int_eq(s->w, 200);
	SDL_FreeSurface(s);
	s = shot("check_viewer_render_e4.png", "--size 4000x300 --span 1ps --at 0ps");
	ck_assert_int_eq(s->w, 4000);
	SDL_FreeSurface(s);
	s = shot("check_viewer_render_e5.png", "--at 1000s --span 1s");
	SDL_FreeSurface(s);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("viewer_render");
	TCase *tc = tcase_create("screenshot");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_full_view);
	tcase_add_test(tc, test_zoomed_and_same_bytes);
	tcase_add_test(tc, test_help_overlay);
	tcase_add_test(tc, test_bad_command_lines);
	tcase_add_test(tc, test_edges);
	suite_add_tcase(s, tc);
	return s;
}
