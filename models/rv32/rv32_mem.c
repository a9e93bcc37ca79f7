/* Memory for the core: the decode cache (pages of pre-decoded slots, kept
 * coherent through the RAM code-page watchers), instruction fetch, and the
 * slow path of loads, stores and AMOs (alignment, PMP, devices), which
 * also refills the fast-path windows the interpreter uses. */
#include <inttypes.h>
#include <stdlib.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/le.h"

sim_time_t rv32_now(const struct rv32_core *c)
{
	return c->time + c->slice_cyc * c->period;
}

static unsigned page_hash(uint32_t base)
{
	return (base >> RV32_PAGE_SHIFT) & (RV32_PAGE_HASH - 1);
}

static struct rv32_dpage *page_find(struct rv32_core *c, uint32_t base)
{
	for (struct rv32_dpage *p = c->ptab[page_hash(base)]; p; p = p->hnext)
		if (p->base == base)
			return p;
	return NULL;
}

static void page_reset(struct rv32_core *c, struct rv32_dpage *p, unsigned from, unsigned to)
{
	/* meta stays: an instruction that overwrote itself still needs its
	 * length to step past */
	for (unsigned i = from; i < to; i++)
		p->slots[i].h = c->h_decode;
}


static void free_pages(struct rv32_core *c)
{
	for (unsigned h = 0; h < RV32_PAGE_HASH; h++) {
		struct rv32_dpage *p = c->ptab[h];
		while (p) {
			struct rv32_dpage *n = p->hnext;
			free(p);
			p = n;
		}
		c->ptab[h] = NULL;
	}
	c->last_page = NULL;
	c->npages = 0;
}

void rv32_flush_decoded(struct rv32_core *c)
{
	for (unsigned h = 0; h < RV32_PAGE_HASH; h++)
		for (struct rv32_dpage *p = c->ptab[h]; p; p = p->hnext)
			page_reset(c, p, 0, RV32_PAGE_SLOTS);
}

void rv32_free_decoded(struct rv32_core *c)
{
	free_pages(c);
}

static struct rv32_dpage *page_new(struct rv32_core *c, uint32_t base)
{
	/* Only called from the loop's lookup, which uses no other page
	 * afterwards: dropping every page here is safe. */
	if (c->npages >= RV32_MAX_PAGES)
		free_pages(c);
	struct rv32_dpage *p = malloc(sizeof(*p));
	if (!p) {
		free_pages(c);
		p = malloc(sizeof(*p));
		if (!p)
			return NULL;
	}
	p->base = base;
	for (unsigned i = 0; i < RV32_PAGE_SLOTS + 2; i++) {
		p->slots[i] = (struct rv32_slot){ .h = i < RV32_PAGE_SLOTS ? c->h_decode : c->h_page_end };
	}
	unsigned h = page_hash(base);
	p->hnext = c->ptab[h];
	c->ptab[h] = p;
	c->npages++;
	return p;
}

struct rv32_slot *rv32_page_lookup(struct rv32_core *c, uint32_t pc, struct rv32_dpage **pgp)
{
	uint32_t base = pc & ~(RV32_PAGE_SIZE - 1);
	if (c->priv != PRV_M || c->pmp_any_locked) {
		uint64_t lo, hi;
		if (!rv32_pmp_allows(c, pc, ACC_X, c->priv, &lo, &hi)) {
			c->pc = pc;
			rv32_trap(c, CAUSE_FETCH_ACCESS, pc);
			return NULL;
		}
		/* the cached page is checked once; a page PMP splits runs in
		 * single steps, each checked */
		if (!c->stepping && (lo > base || hi < (uint64_t)base + RV32_PAGE_SIZE)) {
			c->pc = pc;
			c->pmp_step = true;
			return NULL;
		}
	}
	struct rv32_dpage *p = c->last_page;
	if (!p || p->base != base) {
		p = page_find(c, base);
		if (!p)
			p = page_new(c, base);
		if (!p) {
			c->pc = pc;
			rv32_halt(c, "out of host memory for decoded instructions");
			return NULL;
		}
		c->last_page = p;
	}
	*pgp = p;
	return &p->slots[(pc - base) >> 1];
}

/* Guest range [lo, hi) changed: forget the decoded slots there, and the
 * slot two bytes before, which may hold a 4-byte instruction reaching in. */
static void invalidate_guest(struct rv32_core *c, uint64_t lo, uint64_t hi)
{
	if (lo >= 2)
		lo -= 2;
	if (hi > ((uint64_t)1 << 32))
		hi = (uint64_t)1 << 32;
	for (uint64_t a = lo & ~(uint64_t)(RV32_PAGE_SIZE - 1); a < hi; a += RV32_PAGE_SIZE) {
		struct rv32_dpage *p = page_find(c, (uint32_t)a);
		if (!p)
			continue;
		uint64_t from = lo > a ? lo - a : 0, to = hi - a;
		if (to > RV32_PAGE_SIZE)
			to = RV32_PAGE_SIZE;
		page_reset(c, p, (unsigned)(from >> 1), (unsigned)((to + 1) >> 1));
	}
}

/* A store of the core itself hit memory that may hold decoded code: with
 * the core's own line map (it is the RAM's only watcher and the RAM
 * appears once in its view), only its own slots need a look; otherwise
 * every watcher is told. */
void rv32_store_code(struct rv32_core *c, uint32_t addr, unsigned size)
{
	if (c->wwin.own_map)
		invalidate_guest(c, addr, (uint64_t)addr + size);
	else
		ram_notify_write(c->wwin.ram, c->wwin.ram_off + (addr - c->wwin.base), size);
}

void rv32_code_write(void *ctx, uint64_t off, uint64_t len)
{
	struct rv32_watch *w = ctx;
	struct rv32_core *c = w->core;
	const struct bus *bus = c->bus;
	/* the RAM may appear at several addresses of the core's view */
	for (unsigned i = 0; i < bus->nregions; i++) {
		const struct bus_region *r = &bus->regions[i];
		if (r->ram != w->ram)
			continue;
		uint64_t lo = off > r->ram_offset ? off : r->ram_offset;
		uint64_t hi = off + len < r->ram_offset + r->size ? off + len : r->ram_offset + r->size;
		if (lo < hi)
			invalidate_guest(c, r->base + (lo - r->ram_offset), r->base + (hi - r->ram_offset));
	}
}

/* Whether some byte of ram appears at two addresses of the view (windows
 * of one RAM side by side, as around the HTIF words, are no alias). */
static bool ram_aliased(const struct bus *bus, const struct ram *ram)
{
	for (unsigned i = 0; i < bus->nregions; i++) {
		const struct bus_region *a = &bus->regions[i];
		if (a->ram != ram)
			continue;
		for (unsigned k = i + 1; k < bus->nregions; k++) {
			const struct bus_region *b = &bus->regions[k];
			if (b->ram == ram && a->ram_offset < b->ram_offset + b->size &&
			    b->ram_offset < a->ram_offset + a->size)
				return true;
		}
	}
	return false;
}

static void mark_code(struct rv32_core *c, struct ram *ram, uint64_t off, unsigned len)
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
		c->watch[i].aliased = ram_aliased(c->bus, ram);
		c->watch[i].lines = calloc((size_t)(ram->size >> RV32_LINE_SHIFT) + 1, 1);
		if (!c->watch[i].lines) {
			sim_log(c->cpu.sim, SIM_LOG_UNIMP, c->cpu.trace_id, c->name, "out of memory for the code line map");
			return;
		}
		if (ram_add_code_watcher(ram, rv32_code_write, &c->watch[i]) < 0) {
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
	c->watch[i].lines[off >> RV32_LINE_SHIFT] = 1;
	c->watch[i].lines[(off + len - 1) >> RV32_LINE_SHIFT] = 1;
}

int rv32_fetch(struct rv32_core *c, uint32_t pc, uint32_t *raw, uint32_t *fault)
{
	struct ram *ram;
	uint64_t off;
	uint8_t *p = bus_ram_ptr(c->bus, pc, 2, &ram, &off);
	if (!p) {
		*fault = pc;
		return -1;
	}
	uint32_t lo = le16_load(p);
	mark_code(c, ram, off, 2);
	if ((lo & 3) != 3) {
		*raw = lo;
		return 0;
	}
	p = bus_ram_ptr(c->bus, pc + 2, 2, &ram, &off);
	if (!p) {
		*fault = pc + 2;
		return -1;
	}
	mark_code(c, ram, off, 2);
	*raw = lo | ((uint32_t)le16_load(p) << 16);
	return 0;
}

void rv32_invalidate_windows(struct rv32_core *c)
{
	c->rwin = (struct rv32_dwin){ 0 };
	c->wwin = (struct rv32_dwin){ 0 };
	c->rwin2 = (struct rv32_dwin){ 0 };
	c->wwin2 = (struct rv32_dwin){ 0 };
}

static inline bool win_has(const struct rv32_dwin *w, uint32_t addr, unsigned size)
{
	uint64_t o = (uint32_t)(addr - w->base);
	return w->size && o + size <= w->size;
}

static inline void swap_win(struct rv32_dwin *a, struct rv32_dwin *b)
{
	struct rv32_dwin t = *a;
	*a = *b;
	*b = t;
}

/* The window is the RAM region clipped to the range where PMP gives the
 * same answer (and to the 32-bit address space). */
static void set_window(struct rv32_core *c, struct rv32_dwin *w, const struct bus_region *r,
		       uint64_t lo, uint64_t hi)
{
	uint64_t start = r->base > lo ? r->base : lo;
	uint64_t end = r->base + r->size < hi ? r->base + r->size : hi;
	if (end > ((uint64_t)1 << 32))
		end = (uint64_t)1 << 32;
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
		const struct rv32_watch *cw = &c->watch[i];
		if (cw->ram == r->ram && cw->lines && !cw->aliased && r->ram->nwatchers == 1 &&
		    r->ram->watchers[0].ctx == cw) {
			w->map = cw->lines;
			w->shift = RV32_LINE_SHIFT;
			w->own_map = true;
		}
	}
}

/* One access on the slow path. acc is ACC_R or ACC_W; fault_cause is the
 * access-fault cause to raise (AMOs raise store faults for their read). */
static int access(struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc,
		  uint32_t *val, uint32_t cause, struct rv32_dwin *win)
{
	unsigned priv = rv32_data_priv(c);
	uint64_t lo = 0, hi = (uint64_t)1 << 32;
	if ((priv != PRV_M || c->pmp_any_locked) &&
	    !rv32_pmp_allows(c, addr, acc, priv, &lo, &hi)) {
		sim_log_at(c->cpu.sim, rv32_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
			   "%s of %u bytes at 0x%08" PRIx32 " denied by PMP (pc 0x%08" PRIx32 ", %s mode)",
			   acc == ACC_W ? "store" : "load", size, addr, c->pc, priv == PRV_M ? "M" : "U");
		rv32_trap(c, cause, addr);
		return -1;
	}
	if (c->dbg_watch)
		rv32_debug_access(c, addr, size, acc);
	const struct bus_region *r = bus_find(c->bus, addr);
	if (r && r->ram && size <= r->size - (addr - r->base)) {
		uint64_t off = r->ram_offset + (addr - r->base);
		uint8_t *p = r->ram->host + off;
		if (acc == ACC_W) {
			le_store(p, size, *val);
			c->resv_valid = false;
			ram_notify_write(r->ram, off, size);
		} else {
			*val = (uint32_t)le_load(p, size);
		}
		if (win && !c->dbg_watch)
			set_window(c, win, r, lo, hi);
		return 0;
	}
	enum bus_status st;
	uint64_t v = *val;
	if (acc == ACC_W) {
		st = bus_write(c->bus, addr, size, v, rv32_now(c));
		c->resv_valid = false;
	} else {
		st = bus_read(c->bus, addr, size, &v, rv32_now(c));
		*val = (uint32_t)v;
	}
	if (st != BUS_OK) {
		sim_log_at(c->cpu.sim, rv32_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
			   "%s of %u bytes at 0x%08" PRIx32 " failed: %s (pc 0x%08" PRIx32 ")",
			   acc == ACC_W ? "store" : "load", size, addr, bus_status_name(st), c->pc);
		rv32_trap(c, cause, addr);
		return -1;
	}
	return 1;
}

int rv32_load_slow(struct rv32_core *c, uint32_t addr, unsigned size, uint32_t *val)
{
	if (addr & (size - 1)) {
		rv32_trap(c, CAUSE_LOAD_MISALIGNED, addr);
		return -1;
	}
	if (win_has(&c->rwin2, addr, size)) {
		swap_win(&c->rwin, &c->rwin2);
		*val = (uint32_t)le_load(c->rwin.host + (uint32_t)(addr - c->rwin.base), size);
		return 0;
	}
	struct rv32_dwin old = c->rwin;
	int r = access(c, addr, size, ACC_R, val, CAUSE_LOAD_ACCESS, &c->rwin);
	if (r == 0 && old.size && old.base != c->rwin.base)
		c->rwin2 = old;
	return r;
}

int rv32_store_slow(struct rv32_core *c, uint32_t addr, unsigned size, uint32_t val)
{
	if (addr & (size - 1)) {
		rv32_trap(c, CAUSE_STORE_MISALIGNED, addr);
		return -1;
	}
	if (win_has(&c->wwin2, addr, size)) {
		swap_win(&c->wwin, &c->wwin2);
		uint32_t o = (uint32_t)(addr - c->wwin.base);
		le_store(c->wwin.host + o, size, val);
		c->resv_valid = false;
		if (c->wwin.map[(c->wwin.ram_off + o) >> c->wwin.shift])
			rv32_store_code(c, addr, size);
		return 0;
	}
	struct rv32_dwin old = c->wwin;
	int r = access(c, addr, size, ACC_W, &val, CAUSE_STORE_ACCESS, &c->wwin);
	if (r == 0 && old.size && old.base != c->wwin.base)
		c->wwin2 = old;
	return r;
}

int rv32_amo(struct rv32_core *c, unsigned op, unsigned rd, uint32_t addr, uint32_t src)
{
	if (addr & 3) {
		rv32_trap(c, op == RV32_OP_LR_W ? CAUSE_LOAD_MISALIGNED : CAUSE_STORE_MISALIGNED, addr);
		return -1;
	}
	if (op == RV32_OP_LR_W) {
		uint32_t v;
		int r = access(c, addr, 4, ACC_R, &v, CAUSE_LOAD_ACCESS, NULL);
		if (r < 0)
			return -1;
		c->x[rd] = v;
		c->resv_valid = true;
		c->resv_addr = addr;
		return r;
	}
	if (op == RV32_OP_SC_W) {
		if (!c->resv_valid || c->resv_addr != addr) {
			c->resv_valid = false;
			c->x[rd] = 1;
			return 0;
		}
		int r = access(c, addr, 4, ACC_W, &src, CAUSE_STORE_ACCESS, NULL);
		if (r < 0)
			return -1;
		c->resv_valid = false;
		c->x[rd] = 0;
		return r;
	}
	/* an AMO needs both permissions; its faults are store/AMO faults */
	unsigned priv = rv32_data_priv(c);
	if ((priv != PRV_M || c->pmp_any_locked) &&
	    !rv32_pmp_allows(c, addr, ACC_W, priv, NULL, NULL)) {
		rv32_trap(c, CAUSE_STORE_ACCESS, addr);
		return -1;
	}
	uint32_t old;
	int r = access(c, addr, 4, ACC_R, &old, CAUSE_STORE_ACCESS, NULL);
	if (r < 0)
		return -1;
	uint32_t v;
	switch (op) {
	case RV32_OP_AMOSWAP_W: v = src; break;
	case RV32_OP_AMOADD_W: v = old + src; break;
	case RV32_OP_AMOXOR_W: v = old ^ src; break;
	case RV32_OP_AMOAND_W: v = old & src; break;
	case RV32_OP_AMOOR_W: v = old | src; break;
	case RV32_OP_AMOMIN_W: v = (int32_t)old < (int32_t)src ? old : src; break;
	case RV32_OP_AMOMAX_W: v = (int32_t)old > (int32_t)src ? old : src; break;
	case RV32_OP_AMOMINU_W: v = old < src ? old : src; break;
	default: v = old > src ? old : src; break;
	}
	int w = access(c, addr, 4, ACC_W, &v, CAUSE_STORE_ACCESS, NULL);
	if (w < 0)
		return -1;
	c->x[rd] = old;
	return (r | w) ? 1 : 0;
}
