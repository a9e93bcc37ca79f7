/* The firmware panel under the timeline: disassembly around the PC with
 * ELF symbols, the register file (changed registers highlighted), the
 * memory view of the ELF image and the selected event or message. */
#include <stdio.h>
#include <string.h>

#include "sim/core/escape.h"
#include "sim/core/le.h"
#include "sim/viewer/viewer_ui.h"

static const SDL_Color P_HOT = { 255, 120, 90, 255 };
static const SDL_Color P_PCBG = { 70, 60, 30, 255 };

static const struct cpu_isa *panel_isa(const struct viewer_ui *u)
{
	return viewer_core_isa(u->m, u->cpu.core);
}

/* Disassembles the instruction at addr from the ELF image into dis: its
 * length, 0 if it is not there. */
static unsigned insn_at(struct viewer_ui *u, uint32_t addr, char *dis, size_t cap)
{
	const struct cpu_isa *isa = panel_isa(u);
	uint8_t b[8];
	bool v[8];
	size_t max = isa->insn_max_len <= sizeof(b) ? isa->insn_max_len : sizeof(b);
	viewer_elf_read(u->elf, addr, b, v, max);
	size_t have = 0;
	while (have < max && v[have])
		have++;
	return have ? isa->disasm(b, have, addr, dis, cap) : 0;
}

static void disasm_line(struct viewer_ui *u, int x, int y, uint32_t addr, const char *dis,
			bool at_pc)
{
	if (at_pc)
		ui_fill(u, x - 2, y, 46 * u->char_w, u->line_h, P_PCBG);
	ui_textf(u, x, y, at_pc ? VIEWER_ACCENT : VIEWER_TEXT, "%08x  %s", (unsigned)addr, dis);
}

static void draw_disasm(struct viewer_ui *u, int x, int y, int rows)
{
	ui_text(u, x, y, VIEWER_DIM, "disassembly");
	y += u->line_h;
	if (!u->cpu_valid) {
		ui_text(u, x, y, VIEWER_DIM, u->m->has_insns ? "no instruction at the cursor"
							: "trace has no instructions (--trace-insns)");
		return;
	}
	uint32_t pc = u->cpu.pc, off;
	const char *sym = viewer_elf_symbol(u->elf, pc, &off);
	char dis[96];
	if (!u->elf || !insn_at(u, pc, dis, sizeof(dis))) {
		if (sym)
			ui_textf(u, x, y, VIEWER_LINK, "<%s+0x%x>", sym, (unsigned)off);
		/* the traced encoding (its bytes, little-endian) */
		uint8_t b[4];
		le32_store(b, u->cpu.word);
		panel_isa(u)->disasm(b, sizeof(b), pc, dis, sizeof(dis));
		disasm_line(u, x, y + u->line_h, pc, dis, true);
		ui_text(u, x, y + 2 * u->line_h, VIEWER_DIM,
			u->elf ? "(pc outside the ELF image)" : "(no ELF: --elf FILE)");
		return;
	}
	/* walk from the function start (or a little before pc) so the
	 * instruction boundaries before pc are right despite 16-bit ones */
	uint32_t start = sym && off <= 512 ? pc - off : pc;
	uint32_t before[64];
	unsigned nb = 0;
	for (uint32_t a = start; a < pc;) {
		unsigned len = insn_at(u, a, dis, sizeof(dis));
		if (!len)
			break;
		before[nb++ % 64] = a;
		a += len;
	}
	unsigned keep = (unsigned)rows / 3 < 64 ? (unsigned)rows / 3 : 64;
	unsigned first = nb > keep ? nb - keep : 0;
	int line = 0;
	for (unsigned i = first; i < nb && line < rows; i++, line++) {
		uint32_t a = before[i % 64];
		insn_at(u, a, dis, sizeof(dis));
		disasm_line(u, x, y + line * u->line_h, a, dis, false);
	}
	for (uint32_t a = pc; line < rows; line++) {
		uint32_t o;
		const char *s = viewer_elf_symbol(u->elf, a, &o);
		if (s && o == 0 && line + 1 < rows) {
			ui_textf(u, x, y + line * u->line_h, VIEWER_LINK, "<%s>:", s);
			line++;
		}
		unsigned len = insn_at(u, a, dis, sizeof(dis));
		if (!len)
			break;
		disasm_line(u, x, y + line * u->line_h, a, dis, a == pc);
		a += len;
	}
	if (sym)
		ui_textf(u, x + 12 * u->char_w, y - u->line_h, VIEWER_LINK, "<%s+0x%x>", sym, (unsigned)off);
}

static void draw_regs(struct viewer_ui *u, int x, int y)
{
	char t[SIMTIME_BUFLEN];
	if (!u->cpu_valid) {
		ui_text(u, x, y, VIEWER_DIM, "registers");
		return;
	}
	char cn[SIM_ESCAPE_SIZE(40)];
	const struct viewer_core *c = &u->m->cores[u->cpu.core];
	ui_textf(u, x, y, VIEWER_DIM, "%s  insn %llu/%llu  pc %08x  at %s",
		 viewer_component_name(u->m, c->component, cn, sizeof(cn)),
		 (unsigned long long)u->cpu.insn, (unsigned long long)c->ninsns,
		 (unsigned)u->cpu.pc, simtime_format(u->cpu.time, t, sizeof(t)));
	y += u->line_h;
	/* the general registers before pc, as the trace carries them */
	const struct cpu_isa *isa = panel_isa(u);
	unsigned n = isa->pc_regnum < 32 ? isa->pc_regnum : 32;
	for (unsigned r = 0; r < n && r < isa->nregs; r++) {
		int col = (int)(r / 8), row = (int)(r % 8);
		bool hot = (u->cpu.changed >> r) & 1;
		ui_textf(u, x + col * 15 * u->char_w, y + row * u->line_h, hot ? P_HOT : VIEWER_TEXT,
			 "%-4s %08x", isa->regs[r].name, (unsigned)u->cpu.x[r]);
	}
}

static void draw_memory(struct viewer_ui *u, int x, int y, int rows)
{
	ui_textf(u, x, y, VIEWER_DIM, "memory (ELF image) at %08x", (unsigned)u->mem_addr);
	y += u->line_h;
	if (!u->elf) {
		ui_text(u, x, y, VIEWER_DIM, "no ELF: --elf FILE");
		return;
	}
	for (int row = 0; row < rows; row++) {
		uint32_t a = u->mem_addr + (uint32_t)row * 8;
		uint8_t b[8];
		bool v[8];
		viewer_elf_read(u->elf, a, b, v, 8);
		char line[96], *p = line;
		p += sprintf(p, "%08x ", (unsigned)a);
		for (int i = 0; i < 8; i++)
			p += v[i] ? sprintf(p, " %02x", b[i]) : sprintf(p, " --");
		p += sprintf(p, "  ");
		for (int i = 0; i < 8; i++)
			*p++ = v[i] && b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
		*p = '\0';
		ui_text(u, x, y + row * u->line_h, VIEWER_TEXT, line);
	}
}

static void draw_selected(struct viewer_ui *u, int x, int y, int rows)
{
	ui_text(u, x, y, VIEWER_DIM, "selected event");
	y += u->line_h;
	if (u->sel_ev == VIEWER_NO_EVENT || rows < 1) {
		ui_text(u, x, y, VIEWER_DIM, "none (] [ m M select one)");
		return;
	}
	struct tracefile_record rec;
	char err[256];
	if (viewer_event_record(u->m, u->sel_ev, &rec, err, sizeof(err)) < 0) {
		ui_text(u, x, y, P_HOT, err);
		return;
	}
	char cn[SIM_ESCAPE_SIZE(40)], t[SIMTIME_BUFLEN];
	const char *tn = tracefile_type_name(rec.type);
	ui_textf(u, x, y, VIEWER_ACCENT, "%s %s %s", simtime_format(rec.time, t, sizeof(t)),
		 viewer_component_name(u->m, rec.component, cn, sizeof(cn)), tn ? tn : "?");
	if (rec.type == TRACE_RPMSG && rec.len >= 11) {
		uint16_t len = le16_load(rec.data + 9);
		ui_textf(u, x, y + u->line_h, VIEWER_TEXT, "%s src=0x%x dst=0x%x len=%u",
			 rec.data[0] ? "received" : "sent", (unsigned)le32_load(rec.data + 1),
			 (unsigned)le32_load(rec.data + 5), (unsigned)len);
		uint32_t have = rec.len - 11;
		for (int row = 0; row + 2 < rows && (uint32_t)row * 8 < have; row++) {
			char line[96], *p = line;
			p += sprintf(p, "%04x ", (unsigned)row * 8);
			for (uint32_t i = 0; i < 8; i++) {
				uint32_t k = (uint32_t)row * 8 + i;
				p += k < have ? sprintf(p, " %02x", rec.data[11 + k]) : sprintf(p, "   ");
			}
			p += sprintf(p, "  ");
			for (uint32_t i = 0; i < 8 && (uint32_t)row * 8 + i < have; i++) {
				uint8_t c = rec.data[11 + (uint32_t)row * 8 + i];
				*p++ = c >= 0x20 && c < 0x7f ? (char)c : '.';
			}
			*p = '\0';
			ui_text(u, x, y + (row + 2) * u->line_h, VIEWER_TEXT, line);
		}
		return;
	}
	char desc[512];
	tracefile_describe(&rec, desc, sizeof(desc));
	int per = 46;
	size_t n = strlen(desc);
	for (int row = 0; row + 1 < rows && (size_t)row * (size_t)per < n; row++) {
		char line[64];
		snprintf(line, sizeof(line), "%.*s", per, desc + (size_t)row * (size_t)per);
		ui_text(u, x, y + (row + 1) * u->line_h, VIEWER_TEXT, line);
	}
}

void ui_draw_panel(struct viewer_ui *u, int y0)
{
	int rows = (u->h - UI_STATUS_H - y0 - 4) / u->line_h - 1;
	if (rows < 3)
		return;
	int cw = u->char_w;
	draw_disasm(u, 6, y0, rows);
	int xr = 6 + 48 * cw;
	draw_regs(u, xr, y0);
	int xm = xr + 62 * cw;
	if (xm + 40 * cw > u->w) {
		/* narrow window: memory and message under the registers */
		int ym = y0 + 10 * u->line_h;
		draw_memory(u, xr, ym, (rows - 10) / 2 - 1);
		draw_selected(u, xr, ym + ((rows - 10) / 2 + 1) * u->line_h, (rows - 10) / 2 - 1);
		return;
	}
	int mrows = rows / 2 - 1;
	draw_memory(u, xm, y0, mrows);
	draw_selected(u, xm, y0 + (mrows + 2) * u->line_h, rows - mrows - 3);
}
