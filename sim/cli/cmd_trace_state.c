/* rpsim trace state TRACE (--insn N | --at TIME) [--mem ADDR:LEN]
 * [--core NAME]: the state of the run at one instant, reached by
 * re-executing from the nearest snapshot of a seekable trace
 * (sim/trace/replay.h): the core's pc and the instruction it retired
 * last, its registers and system registers (names and groups from the
 * ISA description), memory through the core's view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/cli/cli.h"
#include "sim/cli/cmd_trace_state.h"
#include "sim/core/debuginfo.h"
#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "sim/core/record.h"
#include "sim/trace/replay.h"

#define STATE_MEM_MAX (1u << 20)

struct symbols {
	uint8_t *data;
	struct elf_image *img;
	struct debuginfo *di;
};

static void sym_open(struct symbols *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	size_t n = 0;
	s->data = path && path[0] ? (uint8_t *)sim_read_file(path, (size_t)256 << 20, &n) : NULL;
	if (!s->data)
		return;
	struct diag d;
	diag_init(&d, NULL);
	s->img = elf_image_open(s->data, n, NULL, &d);
	diag_free(&d);
	if (s->img)
		s->di = debuginfo_open(s->img);
}

static void sym_close(struct symbols *s)
{
	debuginfo_close(s->di);
	elf_image_free(s->img);
	free(s->data);
}

static void where(struct symbols *s, uint64_t addr, char *buf, size_t cap)
{
	if (!s->img) {
		buf[0] = '\0';
		return;
	}
	debuginfo_where(s->img, s->di, addr, buf, cap);
}

static void print_regs(FILE *out, struct cpu *c, unsigned group, const char *title)
{
	const struct cpu_isa *isa = c->isa;
	unsigned col = 0;
	bool any = false;
	for (unsigned r = 0; r < isa->nregs; r++) {
		if (isa->regs[r].group != group || r == isa->pc_regnum)
			continue;
		uint64_t v = 0;
		if (cpu_get_reg(c, r, &v) < 0)
			continue;
		if (!any)
			fprintf(out, "  %s\n", title);
		any = true;
		fprintf(out, "%s%-8s 0x%0*llx", col == 0 ? "    " : "  ", isa->regs[r].name,
			isa->regs[r].bits / 4, (unsigned long long)v);
		if (++col == 4) {
			fputc('\n', out);
			col = 0;
		}
	}
	if (col)
		fputc('\n', out);
}

static void print_mem(FILE *out, struct cpu *c, uint64_t addr, uint64_t len)
{
	fprintf(out, "memory 0x%08llx..0x%08llx (%s's view)\n", (unsigned long long)addr,
		(unsigned long long)(addr + len - 1), c->name);
	for (uint64_t off = 0; off < len; off += 16) {
		uint8_t b[16];
		unsigned n = len - off < 16 ? (unsigned)(len - off) : 16;
		fprintf(out, "  0x%08llx ", (unsigned long long)(addr + off));
		bool ok = cpu_read_mem(c, addr + off, b, n) == 0;
		for (unsigned i = 0; i < 16; i++) {
			if (i >= n)
				fprintf(out, "   ");
			else if (ok)
				fprintf(out, " %02x", b[i]);
			else
				fprintf(out, " --");
		}
		fprintf(out, "  |");
		for (unsigned i = 0; i < n; i++)
			fputc(ok && b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.', out);
		fprintf(out, "|%s\n", ok ? "" : " (not RAM)");
	}
}


static double ms_since(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

int trace_state(const char *file, const struct trace_state_opts *o, FILE *out)
{
	char err[1024];
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct replay_options ro = { .scenario = o->scenario, .firmware_dirs = o->firmware_dirs,
				     .nfirmware_dirs = o->nfirmware_dirs };
	struct replay *rp = replay_open(file, &ro, err, sizeof(err));
	if (!rp) {
		fprintf(stderr, "rpsim trace: %s\n", err);
		return RPSIM_EXIT_USAGE;
	}
	double open_ms = ms_since(&t0);
	int c = 0;
	if (o->core) {
		c = replay_core_by_name(rp, o->core);
		if (c < 0) {
			fprintf(stderr, "rpsim trace: --core %s: no such core in %s; it has:", o->core, file);
			for (unsigned i = 0; i < replay_ncores(rp); i++)
				fprintf(stderr, " %s", replay_core_name(rp, i));
			fputc('\n', stderr);
			replay_close(rp);
			return RPSIM_EXIT_USAGE;
		}
	}
	struct cpu *core = replay_core(rp, (unsigned)c);
	struct replay_insn last;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = o->has_insn ? replay_goto_insn(rp, (unsigned)c, o->insn, &last, err, sizeof(err))
			     : replay_goto_time(rp, o->at, err, sizeof(err));
	double seek_ms = ms_since(&t0);
	if (rc < 0) {
		fprintf(stderr, "rpsim trace: %s\n", err);
		replay_close(rp);
		return RPSIM_EXIT_USAGE;
	}
	struct symbols sy;
	sym_open(&sy, replay_firmware(rp, (unsigned)c));
	char ts[SIMTIME_BUFLEN], lt[SIMTIME_BUFLEN], w[256], dis[96];
	struct sim *sim = replay_sim(rp);
	if (o->has_insn)
		fprintf(out, "instant: instruction %llu of %s\n", (unsigned long long)o->insn, core->name);
	else
		fprintf(out, "instant: %s\n", simtime_format(o->at, ts, sizeof(ts)));
	fprintf(out, "time:    %s\n", simtime_format_fixed(sim->now, ts, sizeof(ts)));
	fprintf(out, "%s: state %s, %llu instructions since power-on, local time %s\n", core->name,
		record_core_state_name((unsigned)cpu_state(core)), (unsigned long long)cpu_insns_total(core),
		simtime_format_fixed(cpu_local_time(core), lt, sizeof(lt)));
	if (o->has_insn) {
		uint8_t bytes[8];
		for (unsigned i = 0; i < 4; i++)
			bytes[i] = (uint8_t)(last.insn >> (8 * i));
		if (!core->isa->disasm(bytes, last.len, last.pc, dis, sizeof(dis)))
			snprintf(dis, sizeof(dis), "(not decodable)");
		where(&sy, last.pc, w, sizeof(w));
		fprintf(out, "  last     0x%08llx: %0*x  %-28s %s\n", (unsigned long long)last.pc,
			(int)last.len * 2, last.insn, dis, w);
	}
	uint64_t pc = cpu_pc(core);
	where(&sy, pc, w, sizeof(w));
	fprintf(out, "  pc       0x%08llx  %s\n", (unsigned long long)pc, w);
	print_regs(out, core, CPU_REG_GENERAL, "registers");
	print_regs(out, core, CPU_REG_STATUS, "status");
	print_regs(out, core, CPU_REG_SYSTEM, "system registers");
	print_regs(out, core, CPU_REG_FLOAT, "floating point");
	if (o->mem_len)
		print_mem(out, core, o->mem_addr, o->mem_len);
	if (o->stats) {
		struct replay_stats st;
		replay_last_stats(rp, &st);
		fprintf(stderr, "rpsim trace: opened in %.1f ms; seek: snapshot %zu, %u restored, %llu "
			"instructions re-executed, %.1f ms\n", open_ms, st.snapshot, st.restores,
			(unsigned long long)st.insns, seek_ms);
	}
	sym_close(&sy);
	replay_close(rp);
	return RPSIM_EXIT_OK;
}
