/* The viewer's event loop: window or headless frame, keys and mouse,
 * cursor movement through the stepping model, screenshots. */
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "sim/core/escape.h"
#include "sim/core/exit.h"
#include "sim/viewer/viewer.h"
#include "sim/viewer/viewer_ui.h"

#define FONT_PT 13

static int view_width(const struct viewer_ui *u)
{
	int w = u->w - UI_LABEL_W - 8;
	return w < 16 ? 16 : w;
}

static void set_status(struct viewer_ui *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_status(struct viewer_ui *u, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->status, sizeof(u->status), fmt, ap);
	va_end(ap);
}

/* The end of the trace as a view's exclusive end: t_max + 1, saturated
 * (a crafted trace may hold a record at 2^64 - 1 ps). */
static sim_time_t trace_end(const struct viewer_ui *u)
{
	return simtime_add(u->m->t_max, 1);
}

/* A time computed in floating point (zoom, drag), clamped into range
 * before the conversion, which is undefined past 2^64. */
static sim_time_t to_time(double d)
{
	if (!(d > 0))
		return 0;
	if (d >= 18446744073709549568.0) /* the largest double below 2^64 */
		return SIM_TIME_MAX;
	return (sim_time_t)d;
}

/* Keeps [t0, t1) inside the trace and at least 8 ps wide. */
static void clamp_view(struct viewer_ui *u)
{
	sim_time_t lo = u->m->t_min, hi = trace_end(u);
	sim_time_t span = u->t1 > u->t0 ? u->t1 - u->t0 : 1;
	if (span < 8)
		span = 8;
	if (span > hi - lo)
		span = hi - lo > 8 ? hi - lo : 8;
	if (u->t0 < lo)
		u->t0 = lo;
	if (u->t0 > hi - (span < hi ? span : hi))
		u->t0 = hi >= span ? hi - span : 0;
	if (u->t0 < lo)
		u->t0 = lo;
	u->t1 = simtime_add(u->t0, span);
}

static void zoom(struct viewer_ui *u, sim_time_t around, double factor)
{
	double span = (double)(u->t1 - u->t0) * factor;
	double left = around >= u->t0 ? (double)(around - u->t0) * factor : 0;
	sim_time_t nspan = span < 8 ? 8 : to_time(span);
	sim_time_t nleft = to_time(left);
	u->t0 = around > nleft ? around - nleft : 0;
	u->t1 = simtime_add(u->t0, nspan);
	clamp_view(u);
}

/* Keeps the cursor visible, panning if needed. */
static void follow_cursor(struct viewer_ui *u)
{
	if (u->cursor >= u->t0 && u->cursor < u->t1)
		return;
	sim_time_t span = u->t1 - u->t0;
	u->t0 = u->cursor > span / 2 ? u->cursor - span / 2 : 0;
	u->t1 = simtime_add(u->t0, span);
	clamp_view(u);
}

/* After a new state: the memory view follows the stack (re-executed
 * traces) or the pc (the ELF image) when it leaves the window, so that
 * while stepping the window stays put and shows what each step changed;
 * re-executed memory is read for the window. */
static void cpu_changed(struct viewer_ui *u)
{
	if (!u->cpu_valid)
		return;
	uint32_t follow = u->cpu.full ? u->cpu.sp : u->cpu.pc;
	if (!u->mem_pinned && (follow < u->mem_addr || follow - u->mem_addr >= 16 * 8))
		u->mem_addr = (follow & ~7u) >= 4 * 8 ? (follow & ~7u) - 4 * 8 : 0;
	viewer_load_memory(u->m, &u->cpu, u->mem_addr);
}

/* The state shown becomes the one before (for the highlights). */
static void keep_previous(struct viewer_ui *u)
{
	u->prev = u->cpu;
	u->prev_valid = u->cpu_valid;
}

static void load_cpu_at_cursor(struct viewer_ui *u)
{
	keep_previous(u);
	u->cpu_valid = false;
	if (u->core >= u->m->ncores)
		return;
	int64_t n = viewer_insn_at_time(u->m, u->core, u->cursor);
	char err[256];
	if (n >= 0 && viewer_goto_insn(u->m, u->core, (uint64_t)n, &u->cpu, err, sizeof(err)) == 0)
		u->cpu_valid = true;
	cpu_changed(u);
}

/* The memory window moved: read it again at the same state. */
static void reload_memory(struct viewer_ui *u)
{
	char err[256];
	if (!u->cpu_valid || !u->cpu.full)
		return;
	u->prev_valid = false; /* another window: nothing to compare */
	if (viewer_goto_insn(u->m, u->cpu.core, u->cpu.insn, &u->cpu, err, sizeof(err)) == 0)
		viewer_load_memory(u->m, &u->cpu, u->mem_addr);
}

static void goto_insn(struct viewer_ui *u, int64_t n)
{
	char err[256];
	if (u->core >= u->m->ncores || n < 0 || (uint64_t)n >= u->m->cores[u->core].ninsns) {
		set_status(u, "no instruction there (the core retired %llu)",
			   u->core < u->m->ncores ? (unsigned long long)u->m->cores[u->core].ninsns : 0ULL);
		return;
	}
	struct viewer_cpu was = u->cpu;
	bool was_valid = u->cpu_valid;
	if (viewer_goto_insn(u->m, u->core, (uint64_t)n, &u->cpu, err, sizeof(err)) < 0) {
		set_status(u, "%s", err);
		return;
	}
	u->prev = was;
	u->prev_valid = was_valid;
	u->cpu_valid = true;
	cpu_changed(u);
	u->cursor = u->cpu.time;
	follow_cursor(u);
	set_status(u, "instruction %lld of %llu", (long long)n,
		   (unsigned long long)u->m->cores[u->core].ninsns);
}

static void step_insn(struct viewer_ui *u, int dir)
{
	if (!u->cpu_valid) {
		if (dir > 0)
			goto_insn(u, 0);
		return;
	}
	goto_insn(u, (int64_t)u->cpu.insn + dir);
}

/* Moves to the next / previous event (of RPMSG type only if msg_only). */
static void step_event(struct viewer_ui *u, int dir, bool msg_only)
{
	const struct viewer_model *m = u->m;
	uint32_t i;
	if (dir > 0) {
		i = u->sel_ev != VIEWER_NO_EVENT && m->events[u->sel_ev].time == u->cursor
			    ? u->sel_ev + 1 : viewer_event_at(m, simtime_add(u->cursor, 1));
		while (i < m->nevents && msg_only && m->events[i].type != TRACE_RPMSG)
			i++;
		if (i >= m->nevents) {
			set_status(u, "no later %s", msg_only ? "message" : "event");
			return;
		}
	} else {
		i = u->sel_ev != VIEWER_NO_EVENT && m->events[u->sel_ev].time == u->cursor
			    ? u->sel_ev : viewer_event_at(m, u->cursor);
		do {
			if (i == 0) {
				set_status(u, "no earlier %s", msg_only ? "message" : "event");
				return;
			}
			i--;
		} while (msg_only && m->events[i].type != TRACE_RPMSG);
	}
	u->sel_ev = i;
	u->cursor = m->events[i].time;
	follow_cursor(u);
	load_cpu_at_cursor(u);
	const char *tn = tracefile_type_name(m->events[i].type);
	set_status(u, "event %u/%u: %s on %s", i + 1, m->nevents, tn ? tn : "?",
		   m->lanes[m->events[i].lane].name);
}

static int parse_addr(struct viewer_ui *u, const char *s, uint32_t *addr)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 16);
	if (s[0] && !*end && !errno && v <= 0xFFFFFFFFul) {
		*addr = (uint32_t)v;
		return 0;
	}
	if (viewer_elf_lookup(u->elf, s, addr) == 0)
		return 0;
	set_status(u, "'%s' is neither a hex address nor a symbol of the ELF", s);
	return -1;
}

static void prompt_done(struct viewer_ui *u)
{
	uint32_t addr;
	char kind = u->prompt_kind;
	u->prompt_kind = 0;
	if (kind == 'g' && !u->prompt[0]) {
		u->mem_pinned = false;
		cpu_changed(u);
		return;
	}
	if (parse_addr(u, u->prompt, &addr) < 0)
		return;
	if (kind == 'g') {
		u->mem_addr = addr;
		u->mem_pinned = true;
		reload_memory(u);
		set_status(u, "memory at %08x (g then Enter on an empty line follows the %s again)",
			   (unsigned)addr, u->cpu.full ? "stack" : "pc");
		return;
	}
	int64_t from = u->cpu_valid ? (int64_t)u->cpu.insn : -1;
	bool back = kind == 'R';
	int64_t n = back ? viewer_find_pc_back(u->m, u->core, from, addr)
			 : viewer_find_pc(u->m, u->core, from, addr);
	if (n < 0) {
		set_status(u, "the core never reaches %08x %s the cursor", (unsigned)addr,
			   back ? "before" : "after");
		if (u->cpu_valid)
			reload_memory(u); /* the search moved the re-execution */
	} else {
		goto_insn(u, n);
	}
}

static void save_screenshot(struct viewer_ui *u, const char *path)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (s && SDL_RenderReadPixels(u->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
				      s->pitch) == 0 && IMG_SavePNG(s, path) == 0)
		set_status(u, "saved %s", path);
	else
		set_status(u, "cannot save %s: %s", path, SDL_GetError());
	SDL_FreeSurface(s);
}

static void key(struct viewer_ui *u, SDL_Keysym k, bool *quit)
{
	if (u->prompt_kind) {
		size_t n = strlen(u->prompt);
		if (k.sym == SDLK_RETURN || k.sym == SDLK_KP_ENTER)
			prompt_done(u);
		else if (k.sym == SDLK_ESCAPE)
			u->prompt_kind = 0;
		else if (k.sym == SDLK_BACKSPACE && n)
			u->prompt[n - 1] = '\0';
		return;
	}
	/* a printable key that is a command must not reach a prompt or
	 * toggle help through its text event */
	u->swallow_text = k.sym >= 0x20 && k.sym < 0x7f;
	if (u->help) {
		u->help = false;
		return;
	}
	sim_time_t span = u->t1 - u->t0;
	switch (k.sym) {
	case SDLK_q:
	case SDLK_ESCAPE: *quit = true; break;
	case SDLK_F1: u->help = true; break;
	case SDLK_SLASH:
	case SDLK_QUESTION:
		if (k.sym == SDLK_QUESTION || (k.mod & KMOD_SHIFT))
			u->help = true;
		break;
	case SDLK_PLUS:
	case SDLK_EQUALS:
	case SDLK_KP_PLUS: zoom(u, u->cursor, 0.5); break;
	case SDLK_MINUS:
	case SDLK_KP_MINUS: zoom(u, u->cursor, 2.0); break;
	case SDLK_0:
		u->t0 = u->m->t_min;
		u->t1 = trace_end(u);
		clamp_view(u);
		break;
	case SDLK_LEFT:
		u->t0 = u->t0 > span / 8 ? u->t0 - span / 8 : 0;
		u->t1 = simtime_add(u->t0, span);
		clamp_view(u);
		break;
	case SDLK_RIGHT:
		u->t0 = simtime_add(u->t0, span / 8);
		u->t1 = simtime_add(u->t0, span);
		clamp_view(u);
		break;
	case SDLK_UP: if (u->lane_scroll > 0) u->lane_scroll--; break;
	case SDLK_DOWN:
		if (u->lane_scroll + ui_lanes_visible(u) < (int)u->m->nlanes)
			u->lane_scroll++;
		break;
	case SDLK_n: step_insn(u, 1); break;
	case SDLK_p: step_insn(u, -1); break;
	case SDLK_RIGHTBRACKET: step_event(u, 1, false); break;
	case SDLK_LEFTBRACKET: step_event(u, -1, false); break;
	case SDLK_m: step_event(u, (k.mod & KMOD_SHIFT) ? -1 : 1, true); break;
	case SDLK_r:
	case SDLK_g:
		u->prompt_kind = k.sym == SDLK_r && (k.mod & KMOD_SHIFT) ? 'R' : (char)k.sym;
		u->prompt[0] = '\0';
		break;
	case SDLK_PAGEUP:
		u->mem_addr -= 8 * 8;
		u->mem_pinned = true;
		reload_memory(u);
		break;
	case SDLK_PAGEDOWN:
		u->mem_addr += 8 * 8;
		u->mem_pinned = true;
		reload_memory(u);
		break;
	case SDLK_TAB:
		if (u->m->ncores) {
			u->core = (u->core + 1) % u->m->ncores;
			load_cpu_at_cursor(u);
		}
		break;
	case SDLK_F12: save_screenshot(u, "viewer-screenshot.png"); break;
	default: break;
	}
}

static void click(struct viewer_ui *u, int x, int y)
{
	if (x < UI_LABEL_W || y < UI_TITLE_H || y >= ui_timeline_bottom(u))
		return;
	u->cursor = viewer_x_to_time(x - UI_LABEL_W, u->t0, u->t1, view_width(u));
	if (y >= ui_timeline_top(u)) {
		int lane = u->lane_scroll + (y - ui_timeline_top(u)) / UI_LANE_H;
		int c = lane < (int)u->m->nlanes ? viewer_core_of_lane(u->m, (unsigned)lane) : -1;
		if (c >= 0)
			u->core = (unsigned)c;
	}
	u->sel_ev = VIEWER_NO_EVENT;
	load_cpu_at_cursor(u);
}

static int run_window(struct viewer_ui *u)
{
	SDL_Window *win = SDL_CreateWindow("rpsim view", SDL_WINDOWPOS_UNDEFINED,
					   SDL_WINDOWPOS_UNDEFINED, u->w, u->h,
					   SDL_WINDOW_RESIZABLE);
	if (!win) {
		fprintf(stderr, "rpsim view: cannot open a window: %s; is DISPLAY set? "
				"--screenshot renders without a display\n", SDL_GetError());
		return RPSIM_EXIT_FAIL;
	}
	u->ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_PRESENTVSYNC);
	if (!u->ren)
		u->ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	if (!u->ren) {
		fprintf(stderr, "rpsim view: no renderer: %s\n", SDL_GetError());
		SDL_DestroyWindow(win);
		return RPSIM_EXIT_FAIL;
	}
	bool quit = false, dirty = true, dragging = false;
	int drag_x = 0;
	sim_time_t drag_t0 = 0;
	while (!quit) {
		SDL_Event ev;
		if (!SDL_WaitEventTimeout(&ev, dirty ? 0 : 250)) {
			if (dirty) {
				SDL_GetRendererOutputSize(u->ren, &u->w, &u->h);
				ui_draw(u);
				SDL_RenderPresent(u->ren);
				dirty = false;
			}
			continue;
		}
		dirty = true;
		switch (ev.type) {
		case SDL_QUIT: quit = true; break;
		case SDL_KEYDOWN: key(u, ev.key.keysym, &quit); break;
		case SDL_TEXTINPUT:
			if (u->swallow_text) {
				u->swallow_text = false;
			} else if (u->prompt_kind) {
				size_t n = strlen(u->prompt);
				if (n + strlen(ev.text.text) < sizeof(u->prompt))
					strcat(u->prompt, ev.text.text);
			} else if (strcmp(ev.text.text, "?") == 0) {
				u->help = !u->help;
			}
			break;
		case SDL_MOUSEWHEEL: {
			int mx, my;
			SDL_GetMouseState(&mx, &my);
			sim_time_t at = viewer_x_to_time(mx - UI_LABEL_W, u->t0, u->t1, view_width(u));
			zoom(u, at, ev.wheel.y > 0 ? 0.8 : 1.25);
			break;
		}
		case SDL_MOUSEBUTTONDOWN:
			if (ev.button.button == SDL_BUTTON_LEFT) {
				dragging = true;
				drag_x = ev.button.x;
				drag_t0 = u->t0;
			}
			break;
		case SDL_MOUSEMOTION:
			if (dragging && (ev.motion.state & SDL_BUTTON_LMASK)) {
				sim_time_t span = u->t1 - u->t0;
				double dt = (double)span * (drag_x - ev.motion.x) / view_width(u);
				double t = (double)drag_t0 + dt;
				u->t0 = to_time(t);
				u->t1 = simtime_add(u->t0, span);
				clamp_view(u);
			}
			break;
		case SDL_MOUSEBUTTONUP:
			if (ev.button.button == SDL_BUTTON_LEFT && dragging) {
				dragging = false;
				if (abs(ev.button.x - drag_x) < 3)
					click(u, ev.button.x, ev.button.y);
			}
			break;
		default: break;
		}
	}
	SDL_DestroyRenderer(u->ren);
	SDL_DestroyWindow(win);
	return RPSIM_EXIT_OK;
}

/* Wall-clock milliseconds, for --stats only: never feeds what is drawn. */
static double wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static int run_screenshot(struct viewer_ui *u, const char *out, bool stats)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s || !(u->ren = SDL_CreateSoftwareRenderer(s))) {
		fprintf(stderr, "rpsim view: cannot render %dx%d: %s\n", u->w, u->h, SDL_GetError());
		SDL_FreeSurface(s);
		return RPSIM_EXIT_FAIL;
	}
	double t0 = wall_ms();
	ui_draw(u);
	SDL_RenderPresent(u->ren);
	if (stats)
		fprintf(stderr, "frame: %.1f ms (%dx%d, %u lanes)\n", wall_ms() - t0, u->w, u->h,
			u->m->nlanes);
	/* without the (opaque) alpha channel the file is a quarter smaller */
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	int rc = IMG_SavePNG(rgb ? rgb : s, out);
	SDL_FreeSurface(rgb);
	SDL_DestroyRenderer(u->ren);
	SDL_FreeSurface(s);
	if (rc != 0) {
		fprintf(stderr, "rpsim view: %s: cannot write the PNG: %s\n", out, SDL_GetError());
		return RPSIM_EXIT_FAIL;
	}
	return RPSIM_EXIT_OK;
}

/* --elf, else the firmware the trace names (viewer_elf_find has the
 * order). A missing or unreadable ELF is a warning: the timeline works
 * without it; the panel goes without symbols and memory. */
static void open_elf(struct viewer_ui *u, const struct viewer_opts *o)
{
	char err[1200];
	if (!o->elf && u->m->rp && replay_firmware(u->m->rp, 0)[0]) {
		/* the firmware the re-execution found (checked by hash) */
		snprintf(u->elf_path, sizeof(u->elf_path), "%s", replay_firmware(u->m->rp, 0));
	} else if (viewer_elf_find(o->elf, u->m->fw_path, u->m->scenario_path, u->elf_path,
				   sizeof(u->elf_path)) != 0) {
		/* paths from the trace, and the user's: escaped */
		char e1[SIM_ESCAPE_SIZE(1024)], e2[SIM_ESCAPE_SIZE(1024)];
		if (o->elf)
			fprintf(stderr, "rpsim view: warning: %s: cannot read the firmware ELF given with --elf; "
				"the panel goes without symbols and memory\n",
				sim_escape_str(e1, sizeof(e1), u->elf_path));
		else if (u->elf_path[0])
			fprintf(stderr, "rpsim view: warning: the trace's firmware %s is not found (looked next to "
				"the scenario %s and in the current directory); pass --elf FILE for symbols and "
				"memory\n", sim_escape_str(e1, sizeof(e1), u->m->fw_path),
				sim_escape_str(e2, sizeof(e2), u->m->scenario_path[0] ? u->m->scenario_path : "(none)"));
		u->elf_path[0] = '\0';
		return;
	}
	/* the trace's path is a hint: only the very file it recorded, through
	 * the checked reader (a FIFO or a device is refused, not read) */
	struct viewer_elf_expect x = { .size = u->m->fw_size, .hash = u->m->fw_hash };
	u->elf = viewer_elf_open_expect(u->elf_path, o->elf ? NULL : &x, err, sizeof(err));
	if (!u->elf) {
		/* the path may come from the trace: escaped */
		char e[SIM_ESCAPE_SIZE(sizeof(err))];
		fprintf(stderr, "rpsim view: warning: %s (the panel goes without symbols and memory)\n",
			sim_escape_str(e, sizeof(e), err));
	}
}

int viewer_main(const struct viewer_opts *o)
{
	char err[1024];
	struct viewer_ui u;
	memset(&u, 0, sizeof(u));
	double t_open = wall_ms();
	struct replay_options ro = { .scenario = o->scenario, .firmware_dirs = o->firmware_dirs,
				     .nfirmware_dirs = o->nfirmware_dirs };
	u.m = viewer_model_open_with(o->trace, 0, &ro, err, sizeof(err));
	if (!u.m) {
		char e[SIM_ESCAPE_SIZE(1024)];
		fprintf(stderr, "rpsim view: %s\n", sim_escape_str(e, sizeof(e), err));
		return RPSIM_EXIT_USAGE;
	}
	if (tracefile_flags(u.m->r) & TRACEFILE_FLAG_SNAPSHOTS) {
		double t = wall_ms();
		if (viewer_model_attach(u.m, &ro, err, sizeof(err)) < 0) {
			/* it quotes paths and names from the trace: escaped */
			char e[SIM_ESCAPE_SIZE(1024)];
			fprintf(stderr, "rpsim view: %s\nrpsim view: stepping %s\n",
				sim_escape_str(e, sizeof(e), err),
				u.m->has_insns ? "uses the trace's instruction records"
					       : "is not possible on this trace");
			snprintf(u.status, sizeof(u.status), "no re-execution: %.200s", err);
		} else if (o->stats) {
			fprintf(stderr, "re-execution ready: %.1f ms (scenario and firmware loaded, "
					"platform built)\n", wall_ms() - t);
		}
	}
	if (o->stats) {
		uint64_t insns = 0;
		for (unsigned i = 0; i < u.m->ncores; i++)
			insns += u.m->cores[i].ninsns;
		fprintf(stderr, "open and index: %.1f ms (%llu records, %llu instructions, "
				"%u events, %u messages)\n", wall_ms() - t_open,
			(unsigned long long)u.m->nrecords, (unsigned long long)insns, u.m->nevents,
			u.m->nmsgs);
		if (u.m->ncores && u.m->cores[0].ninsns) {
			/* the worst case of a replay from records: the farthest from a
			 * register checkpoint; of a re-execution: about anywhere */
			struct viewer_cpu c;
			uint64_t n = u.m->cores[0].ninsns / 2 + VIEWER_CKPT_EVERY - 1;
			if (n >= u.m->cores[0].ninsns)
				n = u.m->cores[0].ninsns - 1;
			double t = wall_ms();
			int ok = viewer_goto_insn(u.m, 0, n, &c, err, sizeof(err));
			double t2 = wall_ms();
			int64_t k = viewer_insn_at_time(u.m, 0, c.time);
			fprintf(stderr, "go to instruction %llu (%s): %.2f ms%s; "
					"instruction at a time: %.2f ms\n", (unsigned long long)n,
				u.m->rp ? "re-executed from a snapshot" : "replayed from records", t2 - t,
				ok == 0 ? "" : " FAILED", wall_ms() - t2);
			(void)k;
		}
	}
	open_elf(&u, o);
	u.w = o->width > 0 ? o->width : 1280;
	u.h = o->height > 0 ? o->height : 800;
	u.sel_ev = VIEWER_NO_EVENT;
	u.help = o->help;
	u.t0 = u.m->t_min;
	u.t1 = trace_end(&u);
	u.cursor = o->have_at ? o->at : u.m->t_min;
	if (o->span) {
		u.t0 = u.cursor > o->span / 2 ? u.cursor - o->span / 2 : 0;
		u.t1 = simtime_add(u.t0, o->span);
	}
	clamp_view(&u);
	load_cpu_at_cursor(&u);
	if (o->have_at) {
		uint32_t i = viewer_event_at(u.m, u.cursor);
		if (i < u.m->nevents)
			u.sel_ev = i;
	}
	int rc = RPSIM_EXIT_FAIL;
	if (o->screenshot) {
		/* no display needed: draw into a surface */
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen,dummy");
	}
	if (SDL_Init(o->screenshot ? 0 : SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "rpsim view: cannot start SDL video: %s; is DISPLAY (or "
				"WAYLAND_DISPLAY) set? --screenshot OUT.png renders without a display\n",
			SDL_GetError());
		goto out_model;
	}
	const char *drv = SDL_GetCurrentVideoDriver();
	if (!o->screenshot && drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
		/* a window nobody sees would wait forever for keys */
		fprintf(stderr, "rpsim view: no display (SDL picked the '%s' video driver); set "
				"DISPLAY, or use --screenshot OUT.png to render without one\n", drv);
		goto out_sdl;
	}
	if (TTF_Init() != 0 || !(u.font = TTF_OpenFont(RPSIM_FONT, FONT_PT))) {
		fprintf(stderr, "rpsim view: cannot open the font %s: %s; install fonts-dejavu-core\n",
			RPSIM_FONT, TTF_GetError());
		goto out_sdl;
	}
	TTF_SizeUTF8(u.font, "0", &u.char_w, NULL);
	u.line_h = TTF_FontLineSkip(u.font);
	if (u.char_w <= 0)
		u.char_w = 8;
	rc = o->screenshot ? run_screenshot(&u, o->screenshot, o->stats) : run_window(&u);
	TTF_CloseFont(u.font);
out_sdl:
	TTF_Quit();
	SDL_Quit();
out_model:
	viewer_elf_close(u.elf);
	viewer_model_close(u.m);
	return rc;
}
