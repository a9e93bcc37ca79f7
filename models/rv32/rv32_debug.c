/* The core interface's debugging hooks (sim/core/cpu.h, "Debugging") and
 * the last trap for failure reports.  Everything here runs on the core's
 * single-step path, which run_slices() takes while a debugger asks for
 * anything, or from the data slow path, which the empty fast-path windows
 * force while watchpoints exist: the interpreter loop itself is
 * untouched. */
#include <stdio.h>

#include "models/rv32/rv32_priv.h"

void rv32_op_set_debug(struct cpu *cpu, struct cpu_debug *dbg)
{
	struct rv32_core *c = rv32_of(cpu);
	c->dbg = dbg;
	c->dbg_active = cpu_debug_active(dbg);
	c->dbg_skip = true; /* until it executes something */
	c->dbg_skip_pc = c->pc;
	c->dbg_watch = dbg && dbg->nwatches > 0;
	if (c->dbg_watch) {
		/* every load and store must reach access(): windows stay empty
		 * (access() does not refill them while watching) */
		rv32_invalidate_windows(c);
	}
	if (!c->dbg_watch)
		c->dbg_hit = false;
	if (c->dbg_held && !(dbg && dbg->hold)) {
		/* released: it goes on from where it was, now */
		c->dbg_held = false;
		if (c->state == CPU_STATE_RUNNING) {
			struct sim *sim = c->cpu.sim;
			sim_core_cancel(sim, &c->ev);
			sim_core_schedule(sim, &c->ev, c->time > sim->now ? c->time : sim->now);
		}
	}
}

static void stop(struct rv32_core *c, enum cpu_stop_reason reason, uint64_t addr, uint8_t kind)
{
	struct cpu_stop why = { .reason = reason, .pc = c->pc, .addr = addr, .kind = kind };
	if (c->dbg && c->dbg->stop)
		c->dbg->stop(c->dbg->ctx, &c->cpu, &why);
}

bool rv32_debug_count(struct rv32_core *c)
{
	if (c->dbg->stop_count != c->instret_past + c->instret + c->dbg->traps)
		return false;
	stop(c, CPU_STOP_COUNT, 0, 0);
	return true;
}

bool rv32_debug_irq(struct rv32_core *c)
{
	if (c->dbg->step) {
		stop(c, CPU_STOP_STEP, 0, 0);
		return true;
	}
	return rv32_debug_count(c);
}

bool rv32_debug_break(struct rv32_core *c)
{
	if (c->dbg_skip && c->pc == c->dbg_skip_pc)
		return false; /* resumed here: this instruction executes */
	if (!cpu_debug_break_at(c->dbg, c->pc))
		return false;
	stop(c, CPU_STOP_BREAK, 0, 0);
	return true;
}

bool rv32_debug_after(struct rv32_core *c, uint64_t instret_before, uint32_t pc_before)
{
	if (c->dbg_hit) {
		c->dbg_hit = false;
		stop(c, CPU_STOP_WATCH, c->dbg_hit_addr, c->dbg_hit_kind);
		return true;
	}
	/* an instruction retired, or trapped (the pc moved to the handler) */
	if (c->dbg->step && (c->instret != instret_before || c->pc != pc_before)) {
		stop(c, CPU_STOP_STEP, 0, 0);
		return true;
	}
	/* the count reached right after the step that reached it, as a step
	 * stop sees it (the loop's top checks it again for a resumed core) */
	return rv32_debug_count(c);
}

void rv32_debug_access(struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc)
{
	if (c->dbg_hit || !c->dbg)
		return; /* the first hit of the instruction is the one reported */
	unsigned kind = acc == ACC_W ? CPU_WATCH_WRITE : CPU_WATCH_READ;
	const struct cpu_watchpoint *w = cpu_debug_watch_hit(c->dbg, addr, size, kind);
	if (!w)
		return;
	c->dbg_hit = true;
	c->dbg_hit_addr = w->addr;
	c->dbg_hit_kind = (uint8_t)kind;
}

void rv32_debug_halted(struct rv32_core *c)
{
	if (c->dbg)
		stop(c, CPU_STOP_HALTED, 0, 0);
}

int rv32_op_last_trap(struct cpu *cpu, struct cpu_trap_info *out)
{
	const struct rv32_core *c = rv32_of(cpu);
	if (!c->trap_armed)
		return -1; /* no trap since reset: the cause registers say nothing */
	*out = (struct cpu_trap_info){ .cause = c->mcause, .addr = c->mtval, .pc = c->mepc };
	out->interrupt = (c->mcause & CAUSE_INTERRUPT) != 0;
	snprintf(out->regs_text, sizeof(out->regs_text), "mcause 0x%x, mtval 0x%08x, mepc 0x%08x",
		 (unsigned)c->mcause, (unsigned)c->mtval, (unsigned)c->mepc);
	if (out->interrupt) {
		static const char *const irq[] = { [3] = "machine software interrupt",
						   [7] = "machine timer interrupt",
						   [11] = "machine external interrupt" };
		unsigned n = c->mcause & 0x7fffffffu;
		snprintf(out->what, sizeof(out->what), "%s", n < 12 && irq[n] ? irq[n] : "interrupt");
		return 0;
	}
	snprintf(out->what, sizeof(out->what), "%s", rv32_cause_name(c->mcause));
	out->regs_valid = c->trap_x_valid;
	for (unsigned i = 0; c->trap_x_valid && i < 32; i++)
		out->regs[i] = c->trap_x[i];
	switch (c->mcause) {
	case CAUSE_FETCH_ACCESS: case CAUSE_LOAD_ACCESS: case CAUSE_STORE_ACCESS:
		out->has_addr = true; /* mtval is the address */
		out->signal = 11;     /* SIGSEGV, as Linux/RISC-V sends */
		break;
	case CAUSE_FETCH_MISALIGNED: case CAUSE_LOAD_MISALIGNED: case CAUSE_STORE_MISALIGNED:
		out->has_addr = true;
		out->signal = 7;      /* SIGBUS */
		break;
	case CAUSE_ILLEGAL:
		out->signal = 4;      /* SIGILL; mtval is the encoding */
		break;
	default:
		out->signal = 5;      /* SIGTRAP: ebreak, ecall */
		break;
	}
	return 0;
}
