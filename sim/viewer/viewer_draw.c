/* Drawing the timeline: title, time axis, one lane per component, message
 * arrows, the cursor, the status line and the help overlay.  Everything
 * drawn comes from a model query bounded by the window's width. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/viewer/viewer_ui.h"

static const SDL_Color C_BG = { 24, 26, 32, 255 };
static const SDL_Color C_LANE_A = { 32, 35, 43, 255 };
static const SDL_Color C_LANE_B = { 38, 41, 50, 255 };

/* remoteproc states 0 offline .. 6 detached, 7 invalid */
static const SDL_Color C_RPROC[8] = {
	{ 90, 90, 100, 255 }, { 200, 180, 60, 255 }, { 70, 170, 90, 255 },
	{ 210, 60, 60, 255 }, { 60, 60, 60, 255 },   { 70, 120, 210, 255 },
	{ 150, 90, 190, 255 }, { 255, 0, 255, 255 },
};
/* core: 0 run, 1 wfi, 2 halted, 3 reset */
static const SDL_Color C_CORE[4] = {
	{ 70, 170, 90, 255 }, { 55, 70, 100, 255 }, { 210, 60, 60, 255 }, { 90, 90, 100, 255 },
};
static const SDL_Color C_KIND[VIEWER_NLANE_KINDS] = {
	[VIEWER_LANE_HOST] = { 230, 230, 230, 255 }, [VIEWER_LANE_RPROC] = { 0 },
	[VIEWER_LANE_RPMSG] = { 120, 200, 255, 255 }, [VIEWER_LANE_KICK] = { 255, 160, 80, 255 },
	[VIEWER_LANE_MBOX] = { 230, 120, 200, 255 }, [VIEWER_LANE_CORE] = { 0 },
	[VIEWER_LANE_TRAP] = { 255, 90, 90, 255 },   [VIEWER_LANE_TEXT] = { 180, 230, 120, 255 },
	[VIEWER_LANE_LOG] = { 170, 170, 170, 255 },  [VIEWER_LANE_IRQ] = { 140, 140, 220, 255 },
};

int ui_timeline_top(const struct viewer_ui *u)
{
	(void)u;
	return UI_TITLE_H + UI_AXIS_H;
}

int ui_timeline_bottom(const struct viewer_ui *u)
{
	int lanes_h = (int)u->m->nlanes * UI_LANE_H;
	int max = u->h - UI_STATUS_H - UI_PANEL_MIN;
	if (max < ui_timeline_top(u) + 3 * UI_LANE_H)
		max = ui_timeline_top(u) + 3 * UI_LANE_H;
	int b = ui_timeline_top(u) + lanes_h;
	return b < max ? b : max;
}

int ui_lanes_visible(const struct viewer_ui *u)
{
	return (ui_timeline_bottom(u) - ui_timeline_top(u)) / UI_LANE_H;
}

static int lane_y(const struct viewer_ui *u, unsigned lane)
{
	return ui_timeline_top(u) + ((int)lane - u->lane_scroll) * UI_LANE_H;
}

static bool lane_shown(const struct viewer_ui *u, unsigned lane)
{
	return (int)lane >= u->lane_scroll && (int)lane < u->lane_scroll + ui_lanes_visible(u);
}

/* A tick step of 1, 2 or 5 times a power of ten picoseconds, about 110
 * pixels apart. */
static sim_time_t tick_step(sim_time_t span, int width)
{
	double want = (double)span * 110.0 / (width > 0 ? width : 1);
	for (sim_time_t step = 1; step < SIM_TIME_MAX / 10; step *= 10) {
		if ((double)step >= want)
			return step;
		if ((double)step * 2 >= want)
			return step * 2;
		if ((double)step * 5 >= want)
			return step * 5;
	}
	return SIM_TIME_MAX / 10;
}

static void draw_axis(struct viewer_ui *u, int x0, int width)
{
	int y = UI_TITLE_H;
	ui_fill(u, 0, y, u->w, UI_AXIS_H, C_LANE_B);
	sim_time_t span = u->t1 - u->t0;
	sim_time_t step = tick_step(span, width);
	/* the first multiple of step at or after t0, without wrapping past
	 * 2^64 (then there is none) */
	sim_time_t t = u->t0 % step ? simtime_add(u->t0, step - u->t0 % step) : u->t0;
	SDL_SetRenderDrawColor(u->ren, VIEWER_DIM.r, VIEWER_DIM.g, VIEWER_DIM.b, 255);
	for (; t < u->t1; t += step) {
		int x = x0 + viewer_time_to_x(t, u->t0, u->t1, width);
		SDL_RenderDrawLine(u->ren, x, y + UI_AXIS_H - 6, x, y + UI_AXIS_H);
		char buf[SIMTIME_BUFLEN];
		ui_text(u, x + 3, y + 2, VIEWER_DIM, simtime_format(t, buf, sizeof(buf)));
		if (t > SIM_TIME_MAX - step)
			break;
	}
	ui_text(u, 6, y + 2, VIEWER_DIM, "time");
}

/* Crashed, offline, deleted (a halted core): a tick even when the band
 * is thinner than a pixel (a crash recovered in microseconds), and the
 * state's name beside it where it fits before the next mark. */
static void draw_marks(struct viewer_ui *u, unsigned lane, int x0, int width, int y,
		       struct viewer_item *items, size_t cap)
{
	const struct viewer_lane *l = &u->m->lanes[lane];
	size_t n = viewer_lane_marks(u->m, lane, u->t0, u->t1, width, items, cap);
	for (size_t i = 0; i < n; i++) {
		const struct viewer_event *e = &u->m->events[items[i].ev];
		SDL_Color c = l->kind == VIEWER_LANE_RPROC ? C_RPROC[e->sub & 7] : C_CORE[e->sub & 3];
		int x = x0 + items[i].x0;
		ui_fill(u, x - 2, y, 5, UI_LANE_H, C_BG);
		ui_fill(u, x - 1, y + 1, 3, UI_LANE_H - 2, c);
		const char *s = l->kind == VIEWER_LANE_RPROC ? record_rproc_state_name(e->sub)
							     : record_core_state_name(e->sub);
		char label[32];
		if (items[i].count > 1)
			snprintf(label, sizeof(label), "%s x%u", s, items[i].count);
		else
			snprintf(label, sizeof(label), "%s", s);
		int tw = (int)strlen(label) * u->char_w + 6;
		int next = i + 1 < n ? x0 + items[i + 1].x0 : x0 + width;
		if (x + 3 + tw < next - 2) {
			ui_fill(u, x + 3, y + 2, tw, UI_LANE_H - 4, C_BG);
			ui_text(u, x + 6, y + 2, c, label);
		}
	}
}

static void draw_lane(struct viewer_ui *u, unsigned lane, int x0, int width,
		      struct viewer_item *items, size_t cap)
{
	const struct viewer_lane *l = &u->m->lanes[lane];
	int y = lane_y(u, lane);
	ui_fill(u, 0, y, u->w, UI_LANE_H, lane % 2 ? C_LANE_B : C_LANE_A);
	int core = viewer_core_of_lane(u->m, lane);
	ui_text(u, 6, y + 2, core >= 0 && (unsigned)core == u->core ? VIEWER_ACCENT : VIEWER_TEXT, l->name);
	size_t n = viewer_lane_items(u->m, lane, u->t0, u->t1, width, items, cap);
	for (size_t i = 0; i < n; i++) {
		const struct viewer_item *it = &items[i];
		const struct viewer_event *e = &u->m->events[it->ev];
		if (l->kind == VIEWER_LANE_RPROC || l->kind == VIEWER_LANE_CORE) {
			SDL_Color c = l->kind == VIEWER_LANE_RPROC ? C_RPROC[e->sub & 7]
								   : C_CORE[e->sub & 3];
			ui_fill(u, x0 + it->x0, y + 3, it->x1 - it->x0, UI_LANE_H - 6, c);
		} else {
			SDL_Color c = C_KIND[l->kind];
			if (l->kind == VIEWER_LANE_MBOX && e->sub >= 2)
				c = C_RPROC[3]; /* overflow / underflow */
			if (e->type == TRACE_EXPECT || (e->type == TRACE_LOG && e->component ==
							TRACEFILE_NO_COMPONENT))
				c = VIEWER_DIM;
			int hgt = it->count > 1 ? UI_LANE_H - 4 : UI_LANE_H - 8;
			ui_fill(u, x0 + it->x0, y + (UI_LANE_H - hgt) / 2, 2, hgt, c);
		}
	}
	/* bands change colour at a state change; name the state in wide bands */
	if (l->kind == VIEWER_LANE_RPROC || l->kind == VIEWER_LANE_CORE) {
		for (size_t i = 0; i < n; i++) {
			const struct viewer_event *e = &u->m->events[items[i].ev];
			const char *s = l->kind == VIEWER_LANE_RPROC ? record_rproc_state_name(e->sub)
								     : record_core_state_name(e->sub);
			if (items[i].x1 - items[i].x0 > (int)strlen(s) * u->char_w + 6)
				ui_text(u, x0 + items[i].x0 + 3, y + 2, C_BG, s);
		}
		draw_marks(u, lane, x0, width, y, items, cap);
	}
}

static void draw_arrows(struct viewer_ui *u, int x0, int width)
{
	struct viewer_arrow arrows[2048];
	size_t n = viewer_arrows(u->m, u->t0, u->t1, width, arrows, 2048);
	/* denser than one every few pixels they would paint over the lanes
	 * between; the message marks remain */
	if ((int)n > width / 6)
		return;
	SDL_SetRenderDrawColor(u->ren, VIEWER_LINK.r, VIEWER_LINK.g, VIEWER_LINK.b, 255);
	for (size_t i = 0; i < n; i++) {
		const struct viewer_msg *g = &u->m->msgs[arrows[i].msg];
		unsigned la = u->m->events[g->from].lane, lb = u->m->events[g->to].lane;
		if (!lane_shown(u, la) || !lane_shown(u, lb))
			continue;
		int xa = x0 + arrows[i].x0, xb = x0 + arrows[i].x1;
		int ya = lane_y(u, la) + UI_LANE_H / 2, yb = lane_y(u, lb) + UI_LANE_H / 2;
		SDL_RenderDrawLine(u->ren, xa, ya, xb, yb);
		int dy = yb > ya ? -5 : 5;
		SDL_RenderDrawLine(u->ren, xb, yb, xb - 4, yb + dy);
		SDL_RenderDrawLine(u->ren, xb, yb, xb + 4, yb + dy);
	}
}

static const char *const help_lines[] = {
	"rpsim view: keys",
	"",
	"F1 or ?          this help (any key closes it)",
	"+ / - , wheel    zoom in / out (around the cursor / the mouse)",
	"0                zoom to the whole trace",
	"Left / Right     pan; drag with the mouse to pan",
	"click            put the cursor there (on a core lane: select it)",
	"n / p            next / previous instruction of the selected core",
	"] / [            next / previous event",
	"m / M            next / previous RPMsg message (shown in the panel)",
	"r / R            run to an address (hex or symbol), forward / backward",
	"g                memory view: go to an address (hex or symbol)",
	"PageUp/PageDown  scroll the memory view",
	"Tab              select the next core",
	"Up / Down        scroll the lanes",
	"F12              save a screenshot (viewer-screenshot.png)",
	"q or Escape      quit",
	"",
	"Stepping re-executes the run from the trace's nearest snapshot: registers,",
	"system registers and memory at the cursor (red: changed by the last step).",
	"A trace with --trace-insns and no snapshots replays its own records instead.",
};

static void draw_help(struct viewer_ui *u)
{
	int n = (int)(sizeof(help_lines) / sizeof(help_lines[0]));
	int w = 80 * u->char_w + 24, h = n * u->line_h + 24;
	int x = (u->w - w) / 2, y = (u->h - h) / 2;
	SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_BLEND);
	ui_fill(u, 0, 0, u->w, u->h, (SDL_Color){ 0, 0, 0, 140 });
	ui_fill(u, x, y, w, h, (SDL_Color){ 45, 50, 62, 250 });
	SDL_SetRenderDrawBlendMode(u->ren, SDL_BLENDMODE_NONE);
	for (int i = 0; i < n; i++)
		ui_text(u, x + 12, y + 12 + i * u->line_h, i == 0 ? VIEWER_ACCENT : VIEWER_TEXT, help_lines[i]);
}

void ui_draw(struct viewer_ui *u)
{
	SDL_SetRenderDrawColor(u->ren, C_BG.r, C_BG.g, C_BG.b, 255);
	SDL_RenderClear(u->ren);
	int x0 = UI_LABEL_W, width = u->w - UI_LABEL_W - 8;
	if (width < 16)
		width = 16;
	char a[SIMTIME_BUFLEN], b[SIMTIME_BUFLEN], c[SIMTIME_BUFLEN];
	ui_textf(u, 6, 2, VIEWER_TEXT, "%s   view %s .. %s   cursor %s   %llu records", u->m->path,
		 simtime_format(u->t0, a, sizeof(a)), simtime_format(u->t1, b, sizeof(b)),
		 simtime_format(u->cursor, c, sizeof(c)), (unsigned long long)u->m->nrecords);
	draw_axis(u, x0, width);
	struct viewer_item items[8192 + 16]; /* one per pixel column at most */
	size_t cap = sizeof(items) / sizeof(items[0]);
	for (unsigned i = 0; i < u->m->nlanes; i++)
		if (lane_shown(u, i))
			draw_lane(u, i, x0, width, items, cap);
	SDL_Rect clip = { x0, ui_timeline_top(u), width + 1,
			  ui_timeline_bottom(u) - ui_timeline_top(u) };
	SDL_RenderSetClipRect(u->ren, &clip);
	draw_arrows(u, x0, width);
	int cx = x0 + viewer_time_to_x(u->cursor, u->t0, u->t1, width);
	ui_fill(u, cx, UI_TITLE_H, 1, ui_timeline_bottom(u) - UI_TITLE_H, VIEWER_ACCENT);
	SDL_RenderSetClipRect(u->ren, NULL);
	ui_fill(u, 0, ui_timeline_bottom(u), u->w, 1, VIEWER_DIM);
	ui_draw_panel(u, ui_timeline_bottom(u) + 2);
	ui_fill(u, 0, u->h - UI_STATUS_H, u->w, UI_STATUS_H, C_LANE_B);
	if (u->prompt_kind)
		ui_textf(u, 6, u->h - UI_STATUS_H + 1, VIEWER_ACCENT, "%s: %s_",
			 u->prompt_kind == 'g' ? "memory address" : "run to address", u->prompt);
	else
		ui_text(u, 6, u->h - UI_STATUS_H + 1, VIEWER_DIM,
			u->status[0] ? u->status : "F1 or ? for help");
	if (u->help)
		draw_help(u);
}
