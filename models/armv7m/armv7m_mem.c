/* Memory for the Cortex-M4F core: the decode cache (pages of pre-decoded
 * slots, coherent through the RAM code-page watchers, as in the RV32
 * core), instruction fetch with the execute checks of the default memory
 * map and the MPU, and the slow path of loads and stores (alignment, MPU,
 * the private peripheral bus, devices), which refills the fast-path
 * windows the interpreter uses. */
#include <inttypes.h>
#include <stdlib.h>

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/le.h"

sim_time_t armv7m_now(const struct m_core *c)
{
	return c->time + c->slice_cyc * c->period;
}

static unsigned page_hash(uint32_t base)
{
	return (base >> M_PAGE_SHIFT) & (M_PAGE_HASH - 1);
}

static struct m_dpage *page_find(struct m_core *c, uint32_t base)
{
	for (struct m_dpage *p = c->ptab[page_hash(base)]; p; p = p->hnext)
		if (p->base == base)
			return p;
	return NULL;
}

static void page_reset(struct m_core *c, struct m_dpage *p, unsigned from, unsigned to)
{
	/* meta and it stay: an instruction that overwrote itself still needs
	 * its length to step past, and a slot of an IT block its condition */
	for (unsigned i = from; i < to; i++)
		p->slots[i].h = c->h_decode;
}

static void free_pages(struct m_core *c)
{
	for (unsigned h = 0; h < M_PAGE_HASH; h++) {
		struct m_dpage *p = c->ptab[h];
		while (p) {
			struct m_dpage *n = p->hnext;
			free(p);
			p = n;
		}
		c->ptab[h] = NULL;
	}
	c->last_page = NULL;
	c->npages = 0;
}

void armv7m_flush_decoded(struct m_core *c)
{
	for (unsigned h = 0; h < M_PAGE_HASH; h++)
		for (struct m_dpage *p = c->ptab[h]; p; p = p->hnext)
			page_reset(c, p, 0, M_PAGE_SLOTS);
}

void armv7m_free_decoded(struct m_core *c)
{
	free_pages(c);
}

static struct m_dpage *page_new(struct m_core *c, uint32_t base)
{
	/* only called from the loop's lookup, which uses no other page
	 * afterwards: dropping every page here is safe */
	if (c->npages >= M_MAX_PAGES)
		free_pages(c);
	struct m_dpage *p = malloc(sizeof(*p));
	if (!p) {
		free_pages(c);
		p = malloc(sizeof(*p));
		if (!p)
			return NULL;
	}
	p->base = base;
	for (unsigned i = 0; i < M_PAGE_SLOTS + 2; i++)
		p->slots[i] = (struct m_slot){ .h = i < M_PAGE_SLOTS ? c->h_decode : c->h_page_end,
					       .meta = sizeof(struct m_slot) };
	unsigned h = page_hash(base);
	p->hnext = c->ptab[h];
	c->ptab[h] = p;
	c->npages++;
	return p;
}

/* May instructions be fetched at pc: the default map's execute-never
 * regions and, when enabled, the MPU.  Refills the executable range. */
static bool exec_allowed(struct m_core *c, uint32_t pc)
{
	if ((uint64_t)(uint32_t)(pc - c->xbase) < c->xsize)
		return true;
	uint64_t lo = 0, hi = (uint64_t)1 << 32;
	if (!armv7m_mpu_allows(c, pc, M_MPU_X, m_privileged(c), &lo, &hi))
		return false;
	c->xbase = (uint32_t)lo;
	c->xsize = hi - lo;
	return true;
}

struct m_slot *armv7m_page_lookup(struct m_core *c, uint32_t pc, struct m_dpage **pgp)
{
	uint32_t base = pc & ~(M_PAGE_SIZE - 1);
	if (!exec_allowed(c, pc)) {
		c->pc = pc;
		armv7m_fault(c, EXC_MEMMANAGE, CFSR_IACCVIOL, 0);
		return NULL;
	}
	/* a page the MPU splits runs in single steps, each checked */
	if (!c->stepping && ((uint64_t)c->xbase > base ||
			     (uint64_t)c->xbase + c->xsize < (uint64_t)base + M_PAGE_SIZE)) {
		c->pc = pc;
		c->mpu_step = true;
		return NULL;
	}
	struct m_dpage *p = c->last_page;
	if (!p || p->base != base) {
		p = page_find(c, base);
		if (!p)
			p = page_new(c, base);
		if (!p) {
			c->pc = pc;
			armv7m_halt(c, "out of host memory for decoded instructions");
			return NULL;
		}
		c->last_page = p;
	}
	*pgp = p;
	return &p->slots[(pc - base) >> 1];
}

/* Guest range [lo, hi) changed: forget the decoded slots there, and the
 * 18 bytes before, which may hold a 32-bit instruction reaching in or the
 * IT instruction of a block (whose decoding gives the block's slots
 * their conditions). */
static void invalidate_guest(struct m_core *c, uint64_t lo, uint64_t hi)
{
	lo = lo >= 18 ? lo - 18 : 0;
	if (hi > ((uint64_t)1 << 32))
		hi = (uint64_t)1 << 32;
	for (uint64_t a = lo & ~(uint64_t)(M_PAGE_SIZE - 1); a < hi; a += M_PAGE_SIZE) {
		struct m_dpage *p = page_find(c, (uint32_t)a);
		if (!p)
			continue;
		uint64_t from = lo > a ? lo - a : 0, to = hi - a;
		if (to > M_PAGE_SIZE)
			to = M_PAGE_SIZE;
		page_reset(c, p, (unsigned)(from >> 1), (unsigned)((to + 1) >> 1));
	}
}

void armv7m_store_code(struct m_core *c, uint32_t addr, unsigned size)
{
	if (c->wwin.own_map)
		invalidate_guest(c, addr, (uint64_t)addr + size);
	else
		ram_notify_write(c->wwin.ram, c->wwin.ram_off + (addr - c->wwin.base), size);
}

static void invalidate_view(void *ctx, uint64_t lo, uint64_t hi)
{
	invalidate_guest(ctx, lo, hi);
}

void armv7m_code_write(void *ctx, uint64_t off, uint64_t len)
{
	struct m_watch *w = ctx;
	/* the RAM may appear at several addresses of the core's view */
	bus_ram_views(w->core->bus, w->ram, off, len, invalidate_view, w->core);
}

static void mark_code(struct m_core *c, struct ram *ram, uint64_t off, unsigned len)
{
	unsigned i;
	for (i = 0; i < c->nwatch; i++)
		if (c->watch[i].ram == ram)
			break;
	if (i == c->nwatch) {
		if (i == sizeof(c->watch) / sizeof(c->watch[0])) {
			sim_log(c->cpu.sim, SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
				"code in more than %u RAMs: writes to the others are not seen by the decode cache", i);
			return;
		}
		c->watch[i].core = c;
		c->watch[i].ram = ram;
		c->watch[i].aliased = bus_ram_aliased(c->bus, ram);
		c->watch[i].lines = calloc((size_t)(ram->size >> M_LINE_SHIFT) + 1, 1);
		if (!c->watch[i].lines) {
			sim_log(c->cpu.sim, SIM_LOG_UNIMP, c->cpu.trace_id, c->name, "out of memory for the code line map");
			return;
		}
		if (ram_add_code_watcher(ram, armv7m_code_write, &c->watch[i]) < 0) {
			free(c->watch[i].lines);
			c->watch[i].lines = NULL;
			sim_log(c->cpu.sim, SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
				"RAM has no free code watcher: writes to it are not seen by the decode cache");
			return;
		}
		c->nwatch++;
	}
	ram->code_pages[off >> RAM_PAGE_SHIFT] = 1;
	ram->code_pages[(off + len - 1) >> RAM_PAGE_SHIFT] = 1;
	c->watch[i].lines[off >> M_LINE_SHIFT] = 1;
	c->watch[i].lines[(off + len - 1) >> M_LINE_SHIFT] = 1;
}

int armv7m_fetch(struct m_core *c, uint32_t pc, uint32_t *raw, unsigned *len, bool raise)
{
	struct ram *ram;
	uint64_t off;
	uint8_t *p = bus_ram_ptr(c->bus, pc, 2, &ram, &off);
	if (!p)
		goto fault;
	uint32_t hw = le16_load(p);
	mark_code(c, ram, off, 2);
	if (armv7m_insn_len((uint16_t)hw) == 2) {
		*raw = hw;
		*len = 2;
		return 0;
	}
	p = bus_ram_ptr(c->bus, pc + 2, 2, &ram, &off);
	if (!p)
		goto fault;
	mark_code(c, ram, off, 2);
	*raw = hw << 16 | le16_load(p);
	*len = 4;
	return 0;
fault:
	if (raise) {
		sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
			   "instruction fetch at 0x%08" PRIx32 ": no RAM there (BusFault IBUSERR)", pc);
		armv7m_fault(c, EXC_BUSFAULT, CFSR_IBUSERR, 0);
	}
	return -1;
}

void armv7m_invalidate_windows(struct m_core *c)
{
	c->rwin = (struct m_dwin){ 0 };
	c->wwin = (struct m_dwin){ 0 };
	c->rwin2 = (struct m_dwin){ 0 };
	c->wwin2 = (struct m_dwin){ 0 };
	c->xbase = 0;
	c->xsize = 0;
	c->last_page = NULL;
}

/* The window is the RAM region clipped to where the MPU gives the same
 * answer, and never over the private peripheral bus. */
static void set_window(struct m_core *c, struct m_dwin *w, const struct bus_region *r, uint64_t lo,
		       uint64_t hi)
{
	if ((c->scs.ccr & 8) || c->dbg_watch)
		return; /* UNALIGN_TRP, or watchpoints: every access takes the checked path */
	uint64_t start = r->base > lo ? r->base : lo;
	uint64_t end = r->base + r->size < hi ? r->base + r->size : hi;
	if (end > ((uint64_t)1 << 32))
		end = (uint64_t)1 << 32;
	if (start < M_PPB_END && end > M_PPB_BASE) {
		if (start < M_PPB_BASE)
			end = M_PPB_BASE;
		else
			start = M_PPB_END;
	}
	if (start >= end)
		return;
	w->base = (uint32_t)start;
	w->size = end - start;
	w->ram = r->ram;
	w->ram_off = r->ram_offset + (start - r->base);
	w->host = r->ram->host + w->ram_off;
	w->map = r->ram->code_pages;
	w->shift = RAM_PAGE_SHIFT;
	w->own_map = false;
	for (unsigned i = 0; i < c->nwatch; i++) {
		const struct m_watch *cw = &c->watch[i];
		if (cw->ram == r->ram && cw->lines && !cw->aliased && r->ram->nwatchers == 1 &&
		    r->ram->watchers[0].ctx == cw) {
			w->map = cw->lines;
			w->shift = M_LINE_SHIFT;
			w->own_map = true;
		}
	}
}

/* One access on the slow path.  Returns 0 (RAM), 1 (device or system
 * register), -1 (faulted: raised unless M_ACC_NOFAULT, c->acc_err says
 * why). */
static int access(struct m_core *c, uint32_t addr, unsigned size, bool write, uint32_t *val,
		  unsigned flags, struct m_dwin *win)
{
	c->acc_err = 0;
	if ((addr & (size - 1)) && ((flags & M_ACC_ALIGNED) || (c->scs.ccr & 8))) {
		if (flags & M_ACC_NOFAULT)
			return c->acc_err = 2, -1;
		armv7m_fault(c, EXC_USAGEFAULT, CFSR_UNALIGNED, 0);
		return -1;
	}
	bool priv = (flags & M_ACC_UNPRIV) ? false : m_privileged(c);
	uint64_t lo = 0, hi = (uint64_t)1 << 32;
	if (!armv7m_mpu_allows(c, addr, write ? M_MPU_W : M_MPU_R, priv, &lo, &hi)) {
		c->acc_err = 1;
		if (flags & M_ACC_NOFAULT)
			return -1;
		sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
			   "%s of %u bytes at 0x%08" PRIx32 " denied by the MPU (pc 0x%08" PRIx32 ", %s)",
			   write ? "store" : "load", size, addr, c->pc, priv ? "privileged" : "unprivileged");
		armv7m_fault(c, EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID, addr);
		return -1;
	}
	if (c->dbg_watch && !(flags & M_ACC_NOFAULT))
		armv7m_debug_access(c, addr, size, write); /* not stacking, not vector reads */
	int st;
	if (addr >= M_PPB_BASE && addr < M_PPB_END) {
		/* the SCS and its neighbours: privileged only (B3.1) */
		if (!priv && !(write && addr == 0xE000EF00u && (c->scs.ccr & 2)))
			st = -1;
		else
			st = write ? armv7m_ppb_write(c, addr, size, *val) : armv7m_ppb_read(c, addr, size, val);
		if (st == 0)
			return 1;
	} else {
		const struct bus_region *r = bus_find(c->bus, addr);
		if (r && r->ram && size <= r->size - (addr - r->base)) {
			uint64_t off = r->ram_offset + (addr - r->base);
			uint8_t *p = r->ram->host + off;
			if (write) {
				le_store(p, size, *val);
				ram_notify_write(r->ram, off, size);
			} else {
				*val = (uint32_t)le_load(p, size);
			}
			if (win)
				set_window(c, win, r, lo, hi);
			return 0;
		}
		uint64_t v = *val;
		enum bus_status bs = write ? bus_write(c->bus, addr, size, v, armv7m_now(c))
					   : bus_read(c->bus, addr, size, &v, armv7m_now(c));
		if (!write)
			*val = (uint32_t)v;
		if (bs == BUS_OK)
			return 1;
		st = -1;
	}
	c->acc_err = 2;
	if (flags & M_ACC_NOFAULT)
		return -1;
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "%s of %u bytes at 0x%08" PRIx32 " failed: %s (pc 0x%08" PRIx32 ")",
		   write ? "store" : "load", size, addr,
		   addr >= M_PPB_BASE && addr < M_PPB_END
			   ? "the System Control Space takes privileged word accesses (bytes where "
			     "the register allows them)"
			   : "no memory or device answers there, or it refused",
		   c->pc);
	armv7m_fault(c, EXC_BUSFAULT, CFSR_PRECISERR | CFSR_BFARVALID, addr);
	return st;
}

/* An access the windows may serve: no special flag, and an alignment
 * the access is allowed (the windows hold only with UNALIGN_TRP clear). */
static bool plain(const struct m_core *c, uint32_t addr, unsigned size, unsigned flags)
{
	if (flags & ~(unsigned)M_ACC_ALIGNED)
		return false;
	return !(addr & (size - 1)) || (!(flags & M_ACC_ALIGNED) && !(c->scs.ccr & 8));
}

int armv7m_load(struct m_core *c, uint32_t addr, unsigned size, uint32_t *val, unsigned flags)
{
	bool p = plain(c, addr, size, flags);
	if (p && m_win_has(&c->rwin, addr, size)) {
		*val = (uint32_t)le_load(c->rwin.host + (uint32_t)(addr - c->rwin.base), size);
		return 0;
	}
	if (p && m_win_has(&c->rwin2, addr, size)) {
		m_win_swap(&c->rwin, &c->rwin2);
		*val = (uint32_t)le_load(c->rwin.host + (uint32_t)(addr - c->rwin.base), size);
		return 0;
	}
	struct m_dwin old = c->rwin;
	int r = access(c, addr, size, false, val, flags, p ? &c->rwin : NULL);
	if (r == 0 && p && old.size && old.base != c->rwin.base)
		c->rwin2 = old;
	return r;
}

int armv7m_store(struct m_core *c, uint32_t addr, unsigned size, uint32_t val, unsigned flags)
{
	bool p = plain(c, addr, size, flags);
	if (p && m_win_has(&c->wwin, addr, size)) {
		uint32_t o = (uint32_t)(addr - c->wwin.base);
		le_store(c->wwin.host + o, size, val);
		if (c->wwin.map[(c->wwin.ram_off + o) >> c->wwin.shift])
			armv7m_store_code(c, addr, size);
		return 0;
	}
	if (p && m_win_has(&c->wwin2, addr, size)) {
		m_win_swap(&c->wwin, &c->wwin2);
		uint32_t o = (uint32_t)(addr - c->wwin.base);
		le_store(c->wwin.host + o, size, val);
		if (c->wwin.map[(c->wwin.ram_off + o) >> c->wwin.shift])
			armv7m_store_code(c, addr, size);
		return 0;
	}
	struct m_dwin old = c->wwin;
	int r = access(c, addr, size, true, &val, flags, p ? &c->wwin : NULL);
	if (r == 0 && p && old.size && old.base != c->wwin.base)
		c->wwin2 = old;
	return r;
}
