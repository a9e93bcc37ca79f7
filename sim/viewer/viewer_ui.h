/* State shared by the viewer's event loop (viewer_app.c) and its drawing
 * (viewer_draw.c, viewer_panel.c). Internal to sim/viewer/. */
#ifndef RPSIM_VIEWER_UI_H
#define RPSIM_VIEWER_UI_H

#include <SDL.h>
#include <SDL_ttf.h>

/* The palette the timeline and the panel share. */
static const SDL_Color VIEWER_TEXT = { 220, 220, 220, 255 };
static const SDL_Color VIEWER_DIM = { 140, 145, 155, 255 };
static const SDL_Color VIEWER_ACCENT = { 255, 210, 60, 255 }; /* cursor, headings */
static const SDL_Color VIEWER_LINK = { 120, 200, 255, 255 };   /* message arrows, symbols */

#include "sim/viewer/viewer_elf.h"
#include "sim/viewer/viewer_model.h"

#define UI_LABEL_W 170
#define UI_LANE_H 20
#define UI_AXIS_H 22
#define UI_TITLE_H 20
#define UI_STATUS_H 18
#define UI_PANEL_MIN 260

struct viewer_ui {
	struct viewer_model *m;
	struct viewer_elf *elf;
	char elf_path[1024];
	SDL_Renderer *ren;
	TTF_Font *font;
	int char_w, line_h;
	int w, h;

	sim_time_t t0, t1;     /* visible range */
	sim_time_t cursor;
	unsigned core;         /* selected core (m->cores index) */
	bool cpu_valid;
	struct viewer_cpu cpu;
	uint32_t sel_ev;       /* selected event (VIEWER_NO_EVENT: none) */
	uint32_t mem_addr;
	bool mem_pinned;       /* set with 'g': no longer follows the pc */
	/* the state shown before the current one, for highlighting what the
	 * last step changed (re-executed traces) */
	bool prev_valid;
	struct viewer_cpu prev;
	bool help;
	/* text prompt: 'g' go to memory address, 'r' run to address */
	char prompt_kind;
	char prompt[64];
	char status[256];
	int lane_scroll;       /* first lane shown */
	bool swallow_text;     /* the text of a key that was a command */
};

/* Geometry */
int ui_timeline_top(const struct viewer_ui *u);
int ui_timeline_bottom(const struct viewer_ui *u);
int ui_lanes_visible(const struct viewer_ui *u);

void ui_draw(struct viewer_ui *u);
void ui_draw_panel(struct viewer_ui *u, int y0);

/* Helpers for the drawing files (viewer_gfx.c) */
void ui_text(struct viewer_ui *u, int x, int y, SDL_Color c, const char *s);
void ui_textf(struct viewer_ui *u, int x, int y, SDL_Color c, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void ui_fill(struct viewer_ui *u, int x, int y, int w, int h, SDL_Color c);

#endif
