/* Snapshots of the Cortex-M4F core (sim/core/snap.h): one section
 * "armv7m" with the architectural state (registers, special registers,
 * FP registers, the exclusive monitor and event register), the System
 * Control Space (NVIC, SCB, SysTick and its event, DWT, MPU, ITM, FP
 * control), the run state with its pending run event and the instruction
 * budget.  The decode cache and the fast-path windows are not saved: a
 * restore flushes them and they refill lazily.
 *
 * Restoring reads everything before touching the core and refuses values
 * a running core could not hold (an exception number past the NVIC's,
 * CONTROL bits that do not exist, a running core with no run event), so a
 * corrupt snapshot leaves the core as it was, with a message. */
#include <inttypes.h>
#include <string.h>

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/snap.h"

#define ARMV7M_SNAP_VERSION 1

static void put_words(struct snap_writer *w, const uint32_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		snap_put_u32(w, v[i]);
}

static void get_words(struct snap_reader *r, uint32_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		v[i] = snap_get_u32(r);
}

/* The core's state in stream order; save and restore share it. */
#define SCS_WORDS(X, s) \
	X((s).vtor) X((s).aircr_prigroup) X((s).scr) X((s).ccr) X((s).shcsr_ena) X((s).cfsr) \
	X((s).hfsr) X((s).dfsr) X((s).mmfar) X((s).bfar) X((s).cpacr) X((s).fpccr) X((s).fpcar) \
	X((s).fpdscr) X((s).demcr) X((s).st_csr) X((s).st_rvr) X((s).st_cvr) X((s).dwt_ctrl) \
	X((s).cyccnt) X((s).mpu_ctrl) X((s).mpu_rnr) X((s).itm_ter) X((s).itm_tcr) X((s).itm_tpr)

int armv7m_save(struct cpu *cpu, struct snap_writer *w)
{
	struct m_core *c = m_of(cpu);
	if (c->in_run)
		return -1; /* only between events: the loop's state is not in the core */
	snap_begin(w, "armv7m");
	snap_put_u8(w, ARMV7M_SNAP_VERSION);
	snap_put_u64(w, c->period);
	snap_put_u32(w, c->cfg.nirq);
	snap_put_u8(w, (uint8_t)c->state);
	put_words(w, c->r, 16);
	snap_put_u32(w, c->pc);
	const uint32_t flags[6] = { m_flag_n(c), m_flag_z(c), c->fc, c->fv, c->fq, c->ge };
	put_words(w, flags, 6);
	snap_put_u8(w, c->itstate);
	snap_put_bool(w, c->tbit);
	snap_put_u32(w, c->ipsr);
	snap_put_u32(w, c->sp_other);
	snap_put_u32(w, c->control);
	snap_put_u32(w, c->primask);
	snap_put_u32(w, c->faultmask);
	snap_put_u32(w, c->basepri);
	put_words(w, c->s, 32);
	snap_put_u32(w, c->fpscr);
	snap_put_bool(w, c->excl_valid);
	snap_put_u32(w, c->excl_addr);
	snap_put_u8(w, c->excl_size);
	snap_put_bool(w, c->event_reg);
	snap_put_bool(w, c->sleeping_wfe);
	snap_put_bool(w, c->exc_check);
	snap_put_bool(w, c->locked_up);
	snap_put_u8(w, c->semi_feat_pos);
	snap_put_u32(w, c->boot_addr);
	snap_put_u32(w, c->last_fault_exc);
	snap_put_bytes(w, c->last_fault, sizeof(c->last_fault));
	put_words(w, c->scs.pend, EXC_MAX / 32);
	put_words(w, c->scs.act, EXC_MAX / 32);
	put_words(w, c->scs.ena, EXC_MAX / 32);
	put_words(w, c->scs.level, EXC_MAX / 32);
	snap_put_bytes(w, c->scs.prio, sizeof(c->scs.prio));
#define PUT(f) snap_put_u32(w, f);
	SCS_WORDS(PUT, c->scs)
#undef PUT
	put_words(w, c->scs.rbar, 8);
	put_words(w, c->scs.rasr, 8);
	snap_put_bool(w, c->scs.st_countflag);
	snap_put_u64(w, c->scs.st_time);
	snap_put_u64(w, c->scs.cyc_time);
	snap_put_u64(w, c->time);
	snap_put_u64(w, c->reset_time);
	snap_put_u64(w, c->instret);
	snap_put_u64(w, c->instret_past);
	snap_put_u64(w, c->insn_budget);
	snap_put_bool(w, c->mpu_step);
	snap_put_event(w, &c->ev);
	snap_put_event(w, &c->st_ev);
	snap_end(w);
	return w->failed ? -1 : 0;
}

int armv7m_restore(struct cpu *cpu, struct snap_reader *r)
{
	struct m_core *c = m_of(cpu);
	struct m_core im = *c; /* everything is read into a copy first */
	snap_enter(r, "armv7m");
	unsigned ver = snap_get_u8(r);
	if (!r->failed && ver != ARMV7M_SNAP_VERSION)
		snap_fail(r, "armv7m snapshot version %u; this core reads version %d", ver, ARMV7M_SNAP_VERSION);
	uint64_t period = snap_get_u64(r);
	uint32_t nirq = snap_get_u32(r);
	if (!r->failed && (period != c->period || nirq != c->cfg.nirq))
		snap_fail(r, "the snapshot is of a core with another clock or interrupt count");
	unsigned st = snap_get_u8(r);
	get_words(r, im.r, 16);
	im.pc = snap_get_u32(r);
	uint32_t flags[6];
	get_words(r, flags, 6);
	m_set_nz(&im, flags[0] & 1, flags[1] & 1); im.fc = flags[2] & 1; im.fv = flags[3] & 1;
	im.fq = flags[4] & 1; im.ge = flags[5] & 15;
	im.itstate = snap_get_u8(r);
	im.tbit = snap_get_bool(r);
	im.ipsr = snap_get_u32(r);
	im.sp_other = snap_get_u32(r);
	im.control = snap_get_u32(r);
	im.primask = snap_get_u32(r);
	im.faultmask = snap_get_u32(r);
	im.basepri = snap_get_u32(r);
	get_words(r, im.s, 32);
	im.fpscr = snap_get_u32(r);
	im.excl_valid = snap_get_bool(r);
	im.excl_addr = snap_get_u32(r);
	im.excl_size = snap_get_u8(r);
	im.event_reg = snap_get_bool(r);
	im.sleeping_wfe = snap_get_bool(r);
	im.exc_check = snap_get_bool(r);
	im.locked_up = snap_get_bool(r);
	im.semi_feat_pos = snap_get_u8(r);
	im.boot_addr = snap_get_u32(r);
	im.last_fault_exc = snap_get_u32(r);
	snap_get_bytes(r, im.last_fault, sizeof(im.last_fault));
	im.last_fault[sizeof(im.last_fault) - 1] = 0;
	get_words(r, im.scs.pend, EXC_MAX / 32);
	get_words(r, im.scs.act, EXC_MAX / 32);
	get_words(r, im.scs.ena, EXC_MAX / 32);
	get_words(r, im.scs.level, EXC_MAX / 32);
	snap_get_bytes(r, im.scs.prio, sizeof(im.scs.prio));
#define GET(f) f = snap_get_u32(r);
	SCS_WORDS(GET, im.scs)
#undef GET
	get_words(r, im.scs.rbar, 8);
	get_words(r, im.scs.rasr, 8);
	im.scs.st_countflag = snap_get_bool(r);
	im.scs.st_time = snap_get_u64(r);
	im.scs.cyc_time = snap_get_u64(r);
	im.time = snap_get_u64(r);
	im.reset_time = snap_get_u64(r);
	im.instret = snap_get_u64(r);
	im.instret_past = snap_get_u64(r);
	im.insn_budget = snap_get_u64(r);
	im.mpu_step = snap_get_bool(r);
	if (r->failed)
		return -1;
	const char *bad = NULL;
	if (st >= CPU_NSTATES)
		bad = "a core state that does not exist";
	else if (im.ipsr >= EXC_IRQ0 + c->cfg.nirq || im.ipsr == EXC_RESET || (im.ipsr > 6 && im.ipsr < 11) || im.ipsr == 13)
		bad = "an exception number the core does not have";
	else if (im.control > 7 || im.primask > 1 || im.faultmask > 1 || im.basepri > 0xff)
		bad = "special-register bits that do not exist";
	else if (im.scs.aircr_prigroup > 7 || im.scs.mpu_rnr > 0xff || im.excl_size > 4 || im.semi_feat_pos > 5)
		bad = "system-register values a core cannot hold";
	else if ((im.pc & 1) || (im.r[13] & 3) || (im.sp_other & 3))
		bad = "a misaligned pc or stack pointer";
	if (bad) {
		snap_fail(r, "armv7m snapshot holds %s", bad);
		return -1;
	}
	im.state = (enum cpu_state)st;
	/* the events are the last fields: remember where they were, so a
	 * refused section leaves the queues as they were */
	struct sim *sim = c->cpu.sim;
	bool ev_was = event_pending(&c->ev), st_was = event_pending(&c->st_ev);
	sim_time_t ev_t = c->ev.time, st_t = c->st_ev.time;
	uint64_t ev_seq = c->ev.seq, st_seq = c->st_ev.seq;
	snap_get_event(r, &sim->cq, &c->ev);
	snap_get_event(r, &sim->q, &c->st_ev);
	snap_leave(r);
	if (!r->failed && (im.state == CPU_STATE_RUNNING) != event_pending(&c->ev))
		snap_fail(r, "armv7m snapshot: the run event does not match the core's state");
	if (!r->failed && event_pending(&c->ev) && (c->ev.time < sim->now || c->ev.time < im.time))
		snap_fail(r, "armv7m snapshot: the run event is before the simulation's or the core's time");
	if (!r->failed && event_pending(&c->st_ev) && c->st_ev.time < sim->now)
		snap_fail(r, "armv7m snapshot: the SysTick event is in the past");
	if (r->failed) {
		sim_cancel(sim, &c->ev);
		sim_cancel(sim, &c->st_ev);
		if (ev_was)
			eventq_restore(&sim->cq, &c->ev, ev_t, ev_seq);
		if (st_was)
			eventq_restore(&sim->q, &c->st_ev, st_t, st_seq);
		return -1;
	}
	/* commit: the architectural state, then the caches rebuilt lazily */
	memcpy(c->r, im.r, sizeof(c->r));
	c->r[M_R_ZERO] = 0;
	c->pc = im.pc;
	c->nf = im.nf; c->zf = im.zf; c->fc = im.fc; c->fv = im.fv; c->fq = im.fq; c->ge = im.ge;
	c->itstate = im.itstate;
	c->tbit = im.tbit;
	c->ipsr = im.ipsr;
	c->sp_other = im.sp_other;
	c->control = im.control;
	c->primask = im.primask;
	c->faultmask = im.faultmask;
	c->basepri = im.basepri;
	memcpy(c->s, im.s, sizeof(c->s));
	c->fpscr = im.fpscr;
	c->excl_valid = im.excl_valid;
	c->excl_addr = im.excl_addr;
	c->excl_size = im.excl_size;
	c->event_reg = im.event_reg;
	c->sleeping_wfe = im.sleeping_wfe;
	c->exc_check = im.exc_check;
	c->locked_up = im.locked_up;
	c->semi_feat_pos = im.semi_feat_pos;
	c->boot_addr = im.boot_addr;
	c->last_fault_exc = im.last_fault_exc;
	memcpy(c->last_fault, im.last_fault, sizeof(c->last_fault));
	c->scs = im.scs;
	c->time = im.time;
	c->reset_time = im.reset_time;
	c->instret = im.instret;
	c->instret_past = im.instret_past;
	c->insn_budget = im.insn_budget;
	c->mpu_step = im.mpu_step;
	c->state = im.state;
	armv7m_free_decoded(c);
	armv7m_invalidate_windows(c);
	armv7m_fp_update_ready(c);
	return 0;
}
