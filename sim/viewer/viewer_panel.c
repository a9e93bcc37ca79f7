/* The firmware panel under the timeline: disassembly around the PC with
 * ELF symbols and source lines (DWARF), the register file and the system
 * registers (changed ones highlighted), memory at the cursor (bytes the
 * last step changed highlighted; the ELF image when the trace cannot be
 * re-executed) and the selected event or message. */
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

/* One line of disassembly, with its source line number (the file is in
 * the heading) where the line changes. */
static void disasm_line(struct viewer_ui *u, int x, int y, uint32_t addr, const char *dis,
			bool at_pc, const char **last_file, unsigned *last_line)
{
	if (at_pc)
		ui_fill(u, x - 2, y, 46 * u->char_w, u->line_h, P_PCBG);
	ui_textf(u, x, y, at_pc ? VIEWER_ACCENT : VIEWER_TEXT, "%08x  %.29s", (unsigned)addr, dis);
	const char *file;
	unsigned line;
	if (viewer_elf_line(u->elf, addr, &file, &line) < 0 || (*last_file == file && *last_line == line))
		return;
	ui_textf(u, x + 40 * u->char_w, y, VIEWER_DIM, ":%u", line);
	*last_file = file;
	*last_line = line;
}

static void draw_disasm(struct viewer_ui *u, int x, int y, int rows)
{
	ui_text(u, x, y, VIEWER_DIM, "disassembly");
	y += u->line_h;
	if (!u->cpu_valid) {
		ui_text(u, x, y, VIEWER_DIM, u->m->has_insns || u->m->rp
			? "no instruction at the cursor"
			: "no stepping: no snapshots to re-execute, no --trace-insns");
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
		const char *lf = NULL;
		unsigned ll = 0;
		disasm_line(u, x, y + u->line_h, pc, dis, true, &lf, &ll);
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
	const char *lf = NULL;
	unsigned ll = 0;
	for (unsigned i = first; i < nb && line < rows; i++, line++) {
		uint32_t a = before[i % 64];
		insn_at(u, a, dis, sizeof(dis));
		disasm_line(u, x, y + line * u->line_h, a, dis, false, &lf, &ll);
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
		disasm_line(u, x, y + line * u->line_h, a, dis, a == pc, &lf, &ll);
		a += len;
	}
	/* the function and the source line, in the 35 columns before the
	 * registers' heading: the file goes first when it does not fit */
	char head[160] = "", where[120] = "";
	const char *file;
	unsigned sline;
	if (sym)
		snprintf(head, sizeof(head), "<%s+0x%x>", sym, (unsigned)off);
	if (viewer_elf_line(u->elf, pc, &file, &sline) == 0) {
		snprintf(where, sizeof(where), "%s:%u", file, sline);
		if (strlen(head) + 2 + strlen(where) > 35)
			snprintf(where, sizeof(where), ":%u", sline);
		snprintf(head + strlen(head), sizeof(head) - strlen(head), "%s%s", head[0] ? "  " : "",
			 where);
	}
	head[35] = '\0';
	ui_text(u, x + 12 * u->char_w, y - u->line_h, VIEWER_LINK, head);
}

/* The status and system registers after the general ones, when the ISA
 * has them in the numbers the trace follows (Cortex-M: xPSR, MSP, PSP,
 * PRIMASK, BASEPRI, FAULTMASK, CONTROL from REG records), and an xPSR
 * decoded beside them: the flags (upper case: set), GE, the exception
 * number and the Thumb bit.  Whether there was any. */
static bool draw_status(struct viewer_ui *u, const struct cpu_isa *isa, int x, int y)
{
	int row = 0;
	int xpsr = -1;
	for (unsigned r = isa->pc_regnum + 1; r < isa->nregs && r < VIEWER_NREGS && row < 8; r++) {
		uint8_t g = isa->regs[r].group;
		if (g != CPU_REG_STATUS && g != CPU_REG_SYSTEM)
			continue;
		bool hot = (u->cpu.changed >> r) & 1;
		ui_textf(u, x, y + row * u->line_h, hot ? P_HOT : VIEWER_TEXT, "%-9s %08x",
			 isa->regs[r].name, (unsigned)u->cpu.x[r]);
		row++;
		if (g == CPU_REG_STATUS && strcmp(isa->regs[r].name, "xpsr") == 0)
			xpsr = (int)r;
	}
	if (xpsr < 0)
		return row > 0;
	uint32_t v = u->cpu.x[xpsr];
	int xf = x + 19 * u->char_w;
	const char *f = "NZCVQ", *lf = "nzcvq";
	char flags[6];
	for (int i = 0; i < 5; i++)
		flags[i] = (v >> (31 - i)) & 1 ? f[i] : lf[i];
	flags[5] = '\0';
	ui_textf(u, xf, y, VIEWER_TEXT, "%s", flags);
	ui_textf(u, xf, y + u->line_h, VIEWER_DIM, "GE %u%u%u%u", (unsigned)(v >> 19) & 1,
		 (unsigned)(v >> 18) & 1, (unsigned)(v >> 17) & 1, (unsigned)(v >> 16) & 1);
	unsigned exc = v & 0x1FFu;
	if (exc)
		ui_textf(u, xf, y + 2 * u->line_h, VIEWER_DIM, "exc %u", exc);
	else
		ui_text(u, xf, y + 2 * u->line_h, VIEWER_DIM, "thread");
	ui_textf(u, xf, y + 3 * u->line_h, VIEWER_DIM, "T %u", (unsigned)(v >> 24) & 1);
	return true;
}

/* The state before the one shown, when it is of the same core (for
 * highlighting what changed). */
static const struct viewer_cpu *before(const struct viewer_ui *u)
{
	return u->prev_valid && u->prev.core == u->cpu.core ? &u->prev : NULL;
}

static void draw_regs(struct viewer_ui *u, int x, int y, int rows)
{
	char t[SIMTIME_BUFLEN];
	if (!u->cpu_valid) {
		ui_text(u, x, y, VIEWER_DIM, "registers");
		return;
	}
	char cn[SIM_ESCAPE_SIZE(40)];
	const struct viewer_core *c = &u->m->cores[u->cpu.core];
	/* the heading stays inside the column (the count out of all of them
	 * is in the status line after a step) */
	char head[120];
	snprintf(head, sizeof(head), "%s  insn %llu  pc %08x  at %s",
		 viewer_component_name(u->m, c->component, cn, sizeof(cn)),
		 (unsigned long long)u->cpu.insn, (unsigned)u->cpu.pc,
		 simtime_format(u->cpu.time, t, sizeof(t)));
	head[60] = '\0';
	ui_text(u, x, y, VIEWER_DIM, head);
	y += u->line_h;
	/* the general registers (after the instruction) */
	const struct cpu_isa *isa = panel_isa(u);
	unsigned n = isa->pc_regnum < 32 ? isa->pc_regnum : 32;
	for (unsigned r = 0; r < n && r < isa->nregs; r++) {
		int col = (int)(r / 8), row = (int)(r % 8);
		bool hot = (u->cpu.changed >> r) & 1;
		ui_textf(u, x + col * 15 * u->char_w, y + row * u->line_h, hot ? P_HOT : VIEWER_TEXT,
			 "%-4s %08x", isa->regs[r].name, (unsigned)u->cpu.x[r]);
	}
	y += 8 * u->line_h;
	rows -= 9;
	if (rows < 2)
		return;
	if (!u->cpu.full) {
		/* the status and system registers the trace carries (REG
		 * records: Cortex-M), beside the general ones */
		if (!draw_status(u, isa, x + (int)((n + 7) / 8) * 15 * u->char_w, y - 8 * u->line_h))
			ui_text(u, x, y, VIEWER_DIM, "system registers: re-executed traces only (with snapshots)");
		return;
	}
	/* system registers from the ISA description: the non-zero ones first
	 * (a microcontroller core has dozens, most of them 0), changed ones
	 * highlighted */
	const struct viewer_cpu *pv = before(u);
	unsigned per = 3, shown = 0, cap = (unsigned)(rows - 1) * per;
	ui_textf(u, x, y, VIEWER_DIM, "system registers (%s)", u->cpu.nsys > cap ? "zeros left out" : "all");
	y += u->line_h;
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned i = 0; i < u->cpu.nsys && shown < cap; i++) {
			uint64_t v = u->cpu.sys[i];
			if ((pass == 0) != (v != 0) || (pass == 1 && u->cpu.nsys > cap))
				continue;
			bool hot = pv && i < pv->nsys && pv->sysnum[i] == u->cpu.sysnum[i] && pv->sys[i] != v;
			const struct cpu_reg_info *ri = &isa->regs[u->cpu.sysnum[i]];
			ui_textf(u, x + (int)(shown % per) * 20 * u->char_w,
				 y + (int)(shown / per) * u->line_h, hot ? P_HOT : VIEWER_TEXT, "%-9.9s %0*llx",
				 ri->name, ri->bits == 64 ? 16 : 8, (unsigned long long)v);
			shown++;
		}
	}
}

static void draw_memory(struct viewer_ui *u, int x, int y, int rows)
{
	bool live = u->cpu_valid && u->cpu.full && u->cpu.mem_addr == u->mem_addr;
	const struct viewer_cpu *pv = before(u);
	bool diff = live && pv && pv->full && pv->mem_addr == u->mem_addr;
	if (live)
		ui_textf(u, x, y, VIEWER_DIM, "memory at %08x%s", (unsigned)u->mem_addr,
			 diff ? " (red: the last step's)" : ""); /* fits the column */
	else
		ui_textf(u, x, y, VIEWER_DIM, "memory (ELF image) at %08x", (unsigned)u->mem_addr);
	y += u->line_h;
	if (!live && !u->elf) {
		ui_text(u, x, y, VIEWER_DIM, "no ELF: --elf FILE");
		return;
	}
	if (rows > (int)(VIEWER_MEM_WINDOW / 8))
		rows = VIEWER_MEM_WINDOW / 8;
	for (int row = 0; row < rows; row++) {
		uint32_t a = u->mem_addr + (uint32_t)row * 8;
		uint8_t b[8];
		bool v[8];
		if (live) {
			memcpy(b, u->cpu.mem + row * 8, 8);
			memcpy(v, u->cpu.mem_ok + row * 8, sizeof(v));
		} else {
			viewer_elf_read(u->elf, a, b, v, 8);
		}
		int cx = x;
		ui_textf(u, cx, y + row * u->line_h, VIEWER_DIM, "%08x", (unsigned)a);
		cx += 9 * u->char_w;
		char ascii[9];
		for (int i = 0; i < 8; i++) {
			bool hot = diff && v[i] && pv->mem_ok[row * 8 + i] && pv->mem[row * 8 + i] != b[i];
			if (v[i])
				ui_textf(u, cx + i * 3 * u->char_w, y + row * u->line_h, hot ? P_HOT : VIEWER_TEXT,
					 "%02x", b[i]);
			else
				ui_text(u, cx + i * 3 * u->char_w, y + row * u->line_h, VIEWER_DIM, "--");
			ascii[i] = v[i] && b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '.';
		}
		ascii[8] = '\0';
		ui_text(u, cx + 25 * u->char_w, y + row * u->line_h, VIEWER_TEXT, ascii);
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
	draw_regs(u, xr, y0, xr + 62 * cw + 40 * cw > u->w ? 10 : rows);
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
