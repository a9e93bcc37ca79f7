/* Failure reports: where each core was.  When a run fails (a timeout, a
 * crash, an expectation not met) the verdict ends with each core's state,
 * pc, symbol+offset and source line (from the firmware's DWARF, libdw),
 * and, for a core that crashed, the exception, its cause registers and a
 * backtrace from the faulting instruction where the call frame
 * information allows one.  A crash the scenario did not inject is noted
 * when it happens (the core is reset by a recovery afterwards) and names
 * the failure: "remoteproc0 crashed at t=... (load access fault at
 * 0x20000000, fault+0x18 crash.c:41): $.steps[4] read: ...". */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/fileio.h"
#include "sim/core/record.h"
#include "sim/runner/runner_internal.h"

#define REPORT_MAX_FRAMES 12
#define REPORT_FW_MAX ((size_t)256 << 20)

/* appends to a fixed buffer, truncating */
static void add(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(buf);
	if (n + 1 >= cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + n, cap - n, fmt, ap);
	va_end(ap);
}

/* The firmware's symbols and DWARF for remote i: the file it loaded last. */
static void open_syms(struct runner *run, struct runner_remote *rr)
{
	const char *path = runner_firmware(run, rr->index);
	if (!path || strcmp(path, rr->syms_path) == 0)
		return;
	debuginfo_close(rr->di);
	elf_image_free(rr->img);
	rr->di = NULL;
	rr->img = NULL;
	snprintf(rr->syms_path, sizeof(rr->syms_path), "%s", path);
	size_t n = 0;
	uint8_t *data = (uint8_t *)sim_read_file(path, REPORT_FW_MAX, &n);
	if (!data)
		return; /* no symbols: addresses only */
	struct diag d;
	diag_init(&d, path);
	rr->img = elf_image_open(data, n, NULL, &d);
	diag_free(&d);
	free(data);
	rr->di = rr->img ? debuginfo_open(rr->img) : NULL;
}

static char *where(struct runner_remote *rr, uint64_t pc, bool ret, char *buf, size_t cap)
{
	return ret ? debuginfo_where_return(rr->img, rr->di, pc, buf, cap)
		   : debuginfo_where(rr->img, rr->di, pc, buf, cap);
}

static int read_core(void *ctx, uint64_t addr, void *buf, size_t len)
{
	return cpu_read_mem(ctx, addr, buf, len);
}

/* Frames from (pc, regs) into out, one "    #N 0x... where" line each. */
static void backtrace(struct runner_remote *rr, uint64_t pc, const uint64_t *regs, unsigned nregs,
		      char *out, size_t cap)
{
	struct cpu *core = rr->pr->core;
	struct debuginfo_frame f = { .pc = pc };
	for (unsigned r = 0; r < nregs && r < DEBUGINFO_NREGS; r++) {
		f.regs[r] = regs[r];
		f.valid |= 1u << r;
	}
	unsigned word = core->isa->elf_class / 8;
	for (unsigned k = 0; k < REPORT_MAX_FRAMES; k++) {
		char w[160];
		add(out, cap, "    #%u 0x%08" PRIx64 " %s\n", k, f.pc, where(rr, f.pc, f.caller, w, sizeof(w)));
		if (debuginfo_unwind(rr->di, &f, core->isa->sp_regnum, word, read_core, core) != 0)
			break;
	}
}

static void current_regs(struct cpu *core, uint64_t *regs, unsigned *n)
{
	*n = core->isa->nregs < 32 ? core->isa->nregs : 32;
	for (unsigned r = 0; r < *n; r++)
		if (cpu_get_reg(core, r, &regs[r]) != 0)
			regs[r] = 0;
}

void runner_note_fatal(struct runner *run, unsigned remote, const struct cpu_fault *f, sim_time_t t)
{
	(void)t;
	if (remote >= run->nremotes)
		return;
	struct runner_remote *rr = &run->remotes[remote];
	rr->fatal_seen = true;
	rr->fatal = *f;
}

void runner_note_crash(struct runner *run, unsigned remote, sim_time_t t)
{
	struct runner_remote *rr = &run->remotes[remote];
	bool injected = rr->crash_injected;
	rr->crash_injected = false;
	if (injected || rr->crash_seen)
		return; /* injected by the scenario, or not the first: not news */
	open_syms(run, rr);
	struct cpu *core = rr->pr->core;
	enum rproc_crash_type type = RPROC_FATAL_ERROR;
	unsigned count;
	host_last_crash(run->host, remote, &type, &count);
	char ts[SIMTIME_BUFLEN], w[160];
	rr->crash_seen = true;
	rr->crash[0] = rr->crash_bt[0] = '\0';
	add(rr->crash, sizeof(rr->crash), "%s crashed at t=%s (", rr->dev_name,
	    simtime_format(t, ts, sizeof(ts)));
	struct cpu_trap_info ti;
	bool exc = cpu_last_trap(core, &ti) == 0 && !ti.interrupt;
	if (exc) {
		/* the exception that led to the crash (the firmware's handler
		 * reported it, or it had no usable handler) */
		if (ti.has_addr)
			add(rr->crash, sizeof(rr->crash), "%s at 0x%08" PRIx64 ", ", ti.what, ti.addr);
		else
			add(rr->crash, sizeof(rr->crash), "%s, ", ti.what);
		add(rr->crash, sizeof(rr->crash), "%s", where(rr, ti.pc, false, w, sizeof(w)));
		if (rr->fatal_seen)
			add(rr->crash, sizeof(rr->crash), "; no usable trap handler: %s at pc 0x%08" PRIx64,
			    rr->fatal.what, rr->fatal.pc);
		add(rr->crash_bt, sizeof(rr->crash_bt), "  %s: %s\n", rr->dev_name, ti.regs_text);
		if (ti.regs_valid) {
			add(rr->crash_bt, sizeof(rr->crash_bt), "  backtrace from the exception:\n");
			backtrace(rr, ti.pc, ti.regs, 32, rr->crash_bt, sizeof(rr->crash_bt));
		}
	} else {
		/* no exception: a watchdog, or the firmware reported it */
		add(rr->crash, sizeof(rr->crash), "%s, %s",
		    type == RPROC_WATCHDOG ? "watchdog expired" : rproc_crash_name(type),
		    where(rr, cpu_pc(core), false, w, sizeof(w)));
		uint64_t regs[32];
		unsigned n;
		current_regs(core, regs, &n);
		add(rr->crash_bt, sizeof(rr->crash_bt), "  backtrace when the crash was handled:\n");
		backtrace(rr, cpu_pc(core), regs, n, rr->crash_bt, sizeof(rr->crash_bt));
	}
	add(rr->crash, sizeof(rr->crash), ")");
}

/* The core's state by the record table's name, with what it means for
 * someone wondering why nothing happens. */
static const char *state_note(enum cpu_state st)
{
	switch (st) {
	case CPU_STATE_WFI: return " (waiting for an interrupt)";
	case CPU_STATE_HALTED: return " (stopped until reset)";
	case CPU_STATE_RESET: return " (held in reset)";
	default: return "";
	}
}

void runner_report(struct runner *run)
{
	struct runner_result *res = run->res;
	char *out = res->report;
	size_t cap = sizeof(res->report);
	out[0] = '\0';
	/* the first unexpected crash names the failure */
	for (unsigned i = 0; i < run->nremotes; i++) {
		struct runner_remote *rr = &run->remotes[i];
		if (!rr->crash_seen)
			continue;
		/* after the scenario's name, which the message starts with */
		char msg[sizeof(res->message)] = "";
		const char *rest = res->message;
		size_t fl = strlen(run->sc->file);
		if (strncmp(rest, run->sc->file, fl) == 0 && strncmp(rest + fl, ": ", 2) == 0) {
			add(msg, sizeof(msg), "%s: ", run->sc->file);
			rest += fl + 2;
		}
		add(msg, sizeof(msg), "%s: %s", rr->crash, rest);
		snprintf(res->message, sizeof(res->message), "%s", msg);
		break;
	}
	add(out, cap, "where each core was:\n");
	for (unsigned i = 0; i < run->nremotes; i++) {
		struct runner_remote *rr = &run->remotes[i];
		struct cpu *core = rr->pr->core;
		open_syms(run, rr);
		enum rproc_state rs = RPROC_OFFLINE;
		host_state(run->host, i, &rs);
		char w[160], ts[SIMTIME_BUFLEN];
		uint64_t pc = cpu_pc(core);
		enum cpu_state st = cpu_state(core);
		add(out, cap, "  %s (%s, %s): core %s%s at t=%s, pc 0x%08" PRIx64 " %s\n", rr->dev_name,
		    rproc_state_name(rs), core->name, record_core_state_name(st), state_note(st),
		    simtime_format(cpu_local_time(core), ts, sizeof(ts)), pc, where(rr, pc, false, w, sizeof(w)));
		if (rr->crash_seen) {
			add(out, cap, "  %s\n", rr->crash);
			add(out, cap, "%s", rr->crash_bt);
		}
		if (cpu_state(core) == CPU_STATE_RESET)
			continue; /* nothing runs: no frames to show */
		if (cpu_state(core) == CPU_STATE_HALTED && rr->fatal_seen)
			add(out, cap, "  halted by %s at pc 0x%08" PRIx64 " with no usable trap handler\n",
			    rr->fatal.what, rr->fatal.pc);
		uint64_t regs[32];
		unsigned n;
		current_regs(core, regs, &n);
		add(out, cap, "  backtrace:\n");
		backtrace(rr, pc, regs, n, out, cap);
	}
}

void runner_report_free(struct runner *run)
{
	for (unsigned i = 0; i < SCENARIO_MAX_RPROCS; i++) {
		debuginfo_close(run->remotes[i].di);
		elf_image_free(run->remotes[i].img);
		run->remotes[i].di = NULL;
		run->remotes[i].img = NULL;
	}
}
