/* Snapshots of the RV32 core (sim/core/snap.h): one section "rv32" with
 * the architectural state (registers, privilege, CSRs, PMP, counters, the
 * LR reservation), the run state and its pending run event, the fatal
 * rule's memory of the last trap and the instruction budget.  The decode
 * cache and the fast-path windows are not saved: a restore flushes them
 * and they refill lazily, which changes no result.
 *
 * Restoring checks every value a running core could not hold (a bit
 * outside a CSR's mask, a privilege without a mode, a running core with
 * no run event) so a corrupt snapshot is refused with a message instead
 * of making the core do what the hardware cannot.  A refused snapshot
 * leaves the core as it was. */
#include <inttypes.h>
#include <string.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/snap.h"

#define RV32_SNAP_VERSION 1
#define MSTATUS_MASK (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TW)
#define MIP_MASK ((1u << RV32_IRQ_MSI) | (1u << RV32_IRQ_MTI) | (1u << RV32_IRQ_MEI))

/* What a snapshot holds, read completely before the core is touched. */
struct image {
	uint8_t state, priv;
	uint32_t pc, x[32];
	uint32_t mstatus, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
	uint32_t mcounteren, mcountinhibit;
	uint64_t cycle_off, instret_off, cycle_frozen, instret_frozen;
	uint8_t pmpcfg[16];
	uint32_t pmpaddr[16];
	uint32_t trap_target;
	uint64_t trap_instret;
	bool trap_armed;
	bool resv_valid;
	uint32_t resv_addr;
	sim_time_t time, reset_time;
	uint64_t instret, instret_past, insn_budget;
	bool pmp_step;
};

int rv32_save(struct cpu *cpu, struct snap_writer *w)
{
	struct rv32_core *c = rv32_of(cpu);
	if (c->in_run)
		return -1; /* only between events: the loop's state is not in the core */
	snap_begin(w, "rv32");
	snap_put_u8(w, RV32_SNAP_VERSION);
	snap_put_u64(w, c->period); /* the clock: a check, not state */
	snap_put_u8(w, (uint8_t)c->state);
	snap_put_u8(w, (uint8_t)c->priv);
	snap_put_u32(w, c->pc);
	for (unsigned i = 1; i < 32; i++)
		snap_put_u32(w, c->x[i]);
	snap_put_u32(w, c->mstatus);
	snap_put_u32(w, c->mie);
	snap_put_u32(w, c->mip);
	snap_put_u32(w, c->mtvec);
	snap_put_u32(w, c->mscratch);
	snap_put_u32(w, c->mepc);
	snap_put_u32(w, c->mcause);
	snap_put_u32(w, c->mtval);
	snap_put_u32(w, c->mcounteren);
	snap_put_u32(w, c->mcountinhibit);
	snap_put_u64(w, c->cycle_off);
	snap_put_u64(w, c->instret_off);
	snap_put_u64(w, c->cycle_frozen);
	snap_put_u64(w, c->instret_frozen);
	snap_put_bytes(w, c->pmpcfg, sizeof(c->pmpcfg));
	for (unsigned i = 0; i < 16; i++)
		snap_put_u32(w, c->pmpaddr[i]);
	snap_put_u32(w, c->trap_target);
	snap_put_u64(w, c->trap_instret);
	snap_put_bool(w, c->trap_armed);
	snap_put_bool(w, c->resv_valid);
	snap_put_u32(w, c->resv_addr);
	snap_put_u64(w, c->time);
	snap_put_u64(w, c->reset_time);
	snap_put_u64(w, c->instret);
	snap_put_u64(w, c->instret_past);
	snap_put_u64(w, c->insn_budget);
	snap_put_bool(w, c->pmp_step);
	snap_put_event(w, &c->ev);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static void read_image(struct snap_reader *r, struct image *im)
{
	im->state = snap_get_u8(r);
	im->priv = snap_get_u8(r);
	im->pc = snap_get_u32(r);
	im->x[0] = 0;
	for (unsigned i = 1; i < 32; i++)
		im->x[i] = snap_get_u32(r);
	im->mstatus = snap_get_u32(r);
	im->mie = snap_get_u32(r);
	im->mip = snap_get_u32(r);
	im->mtvec = snap_get_u32(r);
	im->mscratch = snap_get_u32(r);
	im->mepc = snap_get_u32(r);
	im->mcause = snap_get_u32(r);
	im->mtval = snap_get_u32(r);
	im->mcounteren = snap_get_u32(r);
	im->mcountinhibit = snap_get_u32(r);
	im->cycle_off = snap_get_u64(r);
	im->instret_off = snap_get_u64(r);
	im->cycle_frozen = snap_get_u64(r);
	im->instret_frozen = snap_get_u64(r);
	snap_get_bytes(r, im->pmpcfg, sizeof(im->pmpcfg));
	for (unsigned i = 0; i < 16; i++)
		im->pmpaddr[i] = snap_get_u32(r);
	im->trap_target = snap_get_u32(r);
	im->trap_instret = snap_get_u64(r);
	im->trap_armed = snap_get_bool(r);
	im->resv_valid = snap_get_bool(r);
	im->resv_addr = snap_get_u32(r);
	im->time = snap_get_u64(r);
	im->reset_time = snap_get_u64(r);
	im->instret = snap_get_u64(r);
	im->instret_past = snap_get_u64(r);
	im->insn_budget = snap_get_u64(r);
	im->pmp_step = snap_get_bool(r);
}

/* Values no core could hold. */
static void check_image(struct snap_reader *r, const struct image *im)
{
	if (im->state >= CPU_NSTATES)
		snap_fail(r, "rv32: run state %u is not a state", im->state);
	if (im->priv != PRV_M && im->priv != PRV_U)
		snap_fail(r, "rv32: privilege %u is neither M (3) nor U (0)", im->priv);
	if (im->pc & 1)
		snap_fail(r, "rv32: pc 0x%08" PRIx32 " is odd", im->pc);
	uint32_t mpp = im->mstatus & MSTATUS_MPP;
	if ((im->mstatus & ~MSTATUS_MASK) || (mpp != 0 && mpp != MSTATUS_MPP))
		snap_fail(r, "rv32: mstatus 0x%08" PRIx32 " has bits this core does not implement",
			  im->mstatus);
	if ((im->mie | im->mip) & ~MIP_MASK)
		snap_fail(r, "rv32: mie 0x%08" PRIx32 " / mip 0x%08" PRIx32 " name interrupts this core "
			  "does not have", im->mie, im->mip);
	if ((im->mtvec & 2) || (im->mepc & 1) || (im->mcounteren & ~7u) || (im->mcountinhibit & ~5u))
		snap_fail(r, "rv32: mtvec, mepc, mcounteren or mcountinhibit holds a value no write "
			  "can give it");
	for (unsigned i = 0; i < 16; i++) {
		uint8_t b = im->pmpcfg[i];
		if ((b & 0x60) || ((b & 2) && !(b & 1)))
			snap_fail(r, "rv32: pmp%ucfg 0x%02x is not a legal value", i, b);
	}
	if (im->time < im->reset_time)
		snap_fail(r, "rv32: local time is before the last reset");
}

static void apply_image(struct rv32_core *c, const struct image *im)
{
	c->state = (enum cpu_state)im->state;
	c->priv = im->priv;
	c->pc = im->pc;
	memcpy(c->x, im->x, sizeof(im->x));
	c->x[32] = 0;
	c->mstatus = im->mstatus;
	c->mie = im->mie;
	c->mip = im->mip;
	c->mtvec = im->mtvec;
	c->mscratch = im->mscratch;
	c->mepc = im->mepc;
	c->mcause = im->mcause;
	c->mtval = im->mtval;
	c->mcounteren = im->mcounteren;
	c->mcountinhibit = im->mcountinhibit;
	c->cycle_off = im->cycle_off;
	c->instret_off = im->instret_off;
	c->cycle_frozen = im->cycle_frozen;
	c->instret_frozen = im->instret_frozen;
	memcpy(c->pmpcfg, im->pmpcfg, sizeof(im->pmpcfg));
	memcpy(c->pmpaddr, im->pmpaddr, sizeof(im->pmpaddr));
	c->pmp_any_on = c->pmp_any_locked = false;
	for (unsigned i = 0; i < 16; i++) {
		if (c->pmpcfg[i] & 0x18) {
			c->pmp_any_on = true;
			c->pmp_any_locked |= (c->pmpcfg[i] & 0x80) != 0;
		}
	}
	c->trap_target = im->trap_target;
	c->trap_instret = im->trap_instret;
	c->trap_armed = im->trap_armed;
	c->trap_x_valid = false; /* not in the stream */
	c->resv_valid = im->resv_valid;
	c->resv_addr = im->resv_addr;
	c->time = im->time;
	c->reset_time = im->reset_time;
	c->instret = im->instret;
	c->instret_past = im->instret_past;
	c->insn_budget = im->insn_budget;
	c->pmp_step = im->pmp_step;
	c->slice_cyc = c->slice_insns = 0;
	c->stepping = false;
	c->pend_reset = false;
	/* caches: rebuilt on demand */
	rv32_free_decoded(c);
	rv32_invalidate_windows(c);
}

int rv32_restore(struct cpu *cpu, struct snap_reader *r)
{
	struct rv32_core *c = rv32_of(cpu);
	if (c->in_run) {
		snap_fail(r, "rv32: %s cannot be restored while it runs", c->name);
		return -1;
	}
	snap_enter(r, "rv32");
	uint8_t version = snap_get_u8(r);
	if (!r->failed && version != RV32_SNAP_VERSION)
		snap_fail(r, "rv32: snapshot format %u; this build reads %u", version, RV32_SNAP_VERSION);
	uint64_t period = snap_get_u64(r);
	if (!r->failed && period != c->period)
		snap_fail(r, "rv32: the snapshot's core has a %" PRIu64 " ps clock period, %s has %" PRIu64
			  " ps", period, c->name, (uint64_t)c->period);
	struct image im;
	read_image(r, &im);
	if (r->failed)
		return -1;
	check_image(r, &im);
	if (r->failed)
		return -1;
	/* the run event is the last field: remember where it was, so a
	 * section with trailing bytes can be refused without a trace */
	bool was_pending = event_pending(&c->ev);
	sim_time_t was_time = c->ev.time;
	uint64_t was_seq = c->ev.seq;
	snap_get_event(r, &c->cpu.sim->cq, &c->ev);
	snap_leave(r);
	if (!r->failed && im.state == CPU_STATE_RUNNING && !event_pending(&c->ev))
		snap_fail(r, "rv32: a running core without a pending run event");
	if (!r->failed && im.state != CPU_STATE_RUNNING && event_pending(&c->ev))
		snap_fail(r, "rv32: a core that is not running with a pending run event");
	if (!r->failed && event_pending(&c->ev) && (c->ev.time < c->cpu.sim->now || c->ev.time < im.time))
		snap_fail(r, "rv32: the run event is before the simulation's or the core's time");
	if (r->failed) {
		sim_core_cancel(c->cpu.sim, &c->ev);
		if (was_pending)
			eventq_restore(&c->cpu.sim->cq, &c->ev, was_time, was_seq);
		return -1;
	}
	apply_image(c, &im);
	return 0;
}
