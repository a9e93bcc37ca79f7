/* Memory for the core: the decode cache (pages of pre-decoded slots, kept
 * coherent through the RAM code-page watchers), instruction fetch, and the
 * slow path of loads, stores and AMOs (alignment, PMP, devices), which
 * also refills the fast-path windows the interpreter uses. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32_priv.h"
#include "sim/core/le.h"

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
	rv32_jit_flush(c);
	for (unsigned h = 0; h < RV32_PAGE_HASH; h++)
		for (struct rv32_dpage *p = c->ptab[h]; p; p = p->hnext)
			page_reset(c, p, 0, RV32_PAGE_SLOTS);
}

void rv32_free_decoded(struct rv32_core *c)
{
	rv32_jit_flush(c);
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
	rv32_jit_code_changed(c, lo, hi);
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

static void invalidate_view(void *ctx, uint64_t lo, uint64_t hi)
{
	invalidate_guest(ctx, lo, hi);
}

void rv32_code_write(void *ctx, uint64_t off, uint64_t len)
{
	struct rv32_watch *w = ctx;
	/* the RAM may appear at several addresses of the core's view */
	bus_ram_views(w->core->bus, w->ram, off, len, invalidate_view, w->core);
}

/* A store window that reaches [off, off + len) of ram (or a granule
 * around it) would let stores to new code go unseen: empty it. */
static void drop_store_windows(struct rv32_core *c, const struct ram *ram, uint64_t off,
			       uint64_t len)
{
	struct rv32_dwin *w[2] = { &c->wwin, &c->wwin2 };
	for (unsigned k = 0; k < 2; k++) {
		uint64_t lo = w[k]->ram_off, hi = lo + w[k]->size;
		if (w[k]->size && w[k]->ram == ram && off < hi + RAM_PAGE_SIZE &&
		    lo < off + len + RAM_PAGE_SIZE)
			w[k]->size = 0;
	}
}

void rv32_check_store_windows(struct rv32_core *c)
{
	if (c->wwin.size && c->wwin.gen != c->wwin.ram->code_gen)
		c->wwin.size = 0;
	if (c->wwin2.size && c->wwin2.gen != c->wwin2.ram->code_gen)
		c->wwin2.size = 0;
}

static void mark_page(struct ram *ram, uint64_t off)
{
	uint8_t *p = &ram->code_pages[off >> RAM_PAGE_SHIFT];
	if (!*p) {
		*p = 1;
		ram->code_gen++;
	}
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
		c->watch[i].aliased = bus_ram_aliased(c->bus, ram);
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
		/* the windows were cut before this core watched the RAM */
		rv32_invalidate_windows(c);
	}
	uint8_t *l0 = &c->watch[i].lines[off >> RV32_LINE_SHIFT];
	uint8_t *l1 = &c->watch[i].lines[(off + len - 1) >> RV32_LINE_SHIFT];
	if (*l0 && *l1)
		return; /* nothing new: the common case (a decoded page refilled) */
	mark_page(ram, off);
	mark_page(ram, off + len - 1);
	*l0 = 1;
	*l1 = 1;
	drop_store_windows(c, ram, off, len);
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
	memset(c->dev, 0, sizeof(c->dev));
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

/* granules a store window's cut looks at on each side of the access
 * (64-byte lines: 4 MiB each way) */
#define CUT_SCAN 65536

/* The first marked granule in [from, to), or `to`: eight at a time. */
static uint64_t scan_up(const uint8_t *map, uint64_t from, uint64_t to)
{
	while (from < to && (from & 7))
		if (map[from++])
			return from - 1;
	for (; from + 8 <= to; from += 8) {
		uint64_t w;
		memcpy(&w, map + from, 8);
		if (w)
			break;
	}
	for (; from < to; from++)
		if (map[from])
			return from;
	return to;
}

/* One past the last marked granule in [to, from), or `to`. */
static uint64_t scan_down(const uint8_t *map, uint64_t from, uint64_t to)
{
	while (from > to && (from & 7))
		if (map[--from])
			return from + 1;
	for (; from >= to + 8; from -= 8) {
		uint64_t w;
		memcpy(&w, map + from - 8, 8);
		if (w)
			break;
	}
	for (; from > to; from--)
		if (map[from - 1])
			return from;
	return to;
}

/* The window is the RAM region clipped to the range where PMP gives the
 * same answer (and to the 32-bit address space); a store window also to
 * the granules around addr that hold no decoded code (none if addr's
 * does). */
static void set_window(struct rv32_core *c, struct rv32_dwin *w, const struct bus_region *r,
		       uint64_t lo, uint64_t hi, uint32_t addr, bool store)
{
	uint64_t start = r->base > lo ? r->base : lo;
	uint64_t end = r->base + r->size < hi ? r->base + r->size : hi;
	if (end > ((uint64_t)1 << 32))
		end = (uint64_t)1 << 32;
	if (start >= end)
		return;
	const uint8_t *map = r->ram->code_pages;
	unsigned shift = RAM_PAGE_SHIFT;
	bool own = false;
	for (unsigned i = 0; i < c->nwatch; i++) {
		const struct rv32_watch *cw = &c->watch[i];
		if (cw->ram == r->ram && cw->lines && !cw->aliased && r->ram->nwatchers == 1 &&
		    r->ram->watchers[0].ctx == cw) {
			map = cw->lines;
			shift = RV32_LINE_SHIFT;
			own = true;
		}
	}
	uint64_t roff = r->ram_offset + (start - r->base); /* RAM offset of start */
	if (store) {
		uint64_t g = (r->ram_offset + (addr - r->base)) >> shift;
		if (map[g]) {
			w->size = 0; /* code: every store there takes the slow path */
			return;
		}
		uint64_t ng = (r->ram->size + ((uint64_t)1 << shift) - 1) >> shift;
		uint64_t glo = scan_down(map, g, g > CUT_SCAN ? g - CUT_SCAN : 0);
		uint64_t ghi = scan_up(map, g + 1, g + CUT_SCAN < ng ? g + CUT_SCAN : ng);
		uint64_t clo = glo << shift, chi = ghi << shift; /* RAM offsets */
		if (clo > roff) {
			start += clo - roff;
			roff = clo;
		}
		if (chi < roff + (end - start))
			end = start + (chi - roff);
	}
	w->base = (uint32_t)start;
	w->size = end - start;
	w->ram = r->ram;
	w->ram_off = roff;
	w->host = r->ram->host + roff;
	w->map = map;
	w->shift = shift;
	w->own_map = own;
	w->gen = r->ram->code_gen;
}

/* PMP for the bytes [addr, addr + size): both ends must be allowed (an
 * entry is at least 4 bytes, so nothing between them can differ); lo/hi
 * the range around addr where the answer holds. */
static bool pmp_ok(const struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc,
		   unsigned priv, uint64_t *lo, uint64_t *hi)
{
	*lo = 0;
	*hi = (uint64_t)1 << 32;
	if (priv == PRV_M && !c->pmp_any_locked)
		return true;
	if (!rv32_pmp_allows(c, addr, acc, priv, lo, hi))
		return false;
	uint64_t last = (uint64_t)addr + size - 1;
	return last < *hi || (last < ((uint64_t)1 << 32) &&
			      rv32_pmp_allows(c, (uint32_t)last, acc, priv, NULL, NULL));
}

/* A misaligned access that crosses from one bus region into another:
 * done byte by byte when every byte is RAM (nothing happens otherwise:
 * the caller raises an access fault). 0 done, -1 not all RAM. */
static int split_ram(struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc, uint32_t *val)
{
	uint8_t *p[4];
	struct ram *ram[4];
	uint64_t off[4];
	for (unsigned i = 0; i < size; i++) {
		if ((uint64_t)addr + i >= ((uint64_t)1 << 32))
			return -1;
		p[i] = bus_ram_ptr(c->bus, addr + i, 1, &ram[i], &off[i]);
		if (!p[i])
			return -1;
	}
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i++) {
		if (acc == ACC_W) {
			*p[i] = (uint8_t)(*val >> (8 * i));
			ram_notify_write(ram[i], off[i], 1);
		} else {
			v |= (uint32_t)*p[i] << (8 * i);
		}
	}
	if (acc == ACC_W)
		c->resv_valid = false;
	else
		*val = v;
	return 0;
}

int rv32_dev_fault(struct rv32_core *c, enum bus_status st, uint32_t addr, unsigned size,
		   unsigned acc, uint32_t cause)
{
	sim_log_at(c->cpu.sim, rv32_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "%s of %u bytes at 0x%08" PRIx32 " failed: %s (pc 0x%08" PRIx32 ")",
		   acc == ACC_W ? "store" : "load", size, addr, bus_status_name(st), c->pc);
	rv32_trap(c, cause, addr);
	return -1;
}

/* An access to device region r (the region is known: no second lookup).
 * 1, or -1 after raising the access fault. */
static int dev_access(struct rv32_core *c, const struct bus_region *r, uint32_t addr,
		      unsigned size, unsigned acc, uint32_t *val, uint32_t cause)
{
	enum bus_status st;
	if (acc == ACC_W) {
		st = bus_region_write(r, addr, size, *val, rv32_now(c));
		c->resv_valid = false;
	} else {
		uint64_t v = 0;
		st = bus_region_read(r, addr, size, &v, rv32_now(c));
		*val = (uint32_t)v;
	}
	return st == BUS_OK ? 1 : rv32_dev_fault(c, st, addr, size, acc, cause);
}

/* Remembers device region r: the ops with both read and write only (the
 * others keep the bus's error for the missing one) */
static void dev_remember(struct rv32_core *c, const struct bus_region *r, uint32_t addr)
{
	const struct mmio_ops *ops = r->ops;
	if (!ops->read || !ops->write || r->base > UINT32_MAX)
		return;
	uint8_t sizes = 0;
	for (unsigned s = 1; s <= 4; s <<= 1)
		if (s >= ops->min_size && s <= ops->max_size)
			sizes |= (uint8_t)s;
	uint64_t span = (uint64_t)1 << 32;
	c->dev[(addr >> 12) % RV32_DEV_TLB] = (struct rv32_devtlb){
		.base = (uint32_t)r->base,
		.size = r->size < span - r->base ? r->size : span - r->base,
		.sizes = sizes,
		.unaligned_ok = ops->unaligned_ok,
		.ops = ops,
		.opaque = r->opaque,
	};
}

/* One access on the slow path. acc is ACC_R or ACC_W; fault_cause is the
 * access-fault cause to raise (AMOs raise store faults for their read).
 * Misaligned accesses are done in hardware (doc/rv32.md): in RAM at any
 * address, across two RAM regions byte by byte; a device gets them only
 * if its ops allow unaligned accesses (the bus refuses them otherwise,
 * which is an access fault). */
static int access(struct rv32_core *c, uint32_t addr, unsigned size, unsigned acc,
		  uint32_t *val, uint32_t cause, struct rv32_dwin *win)
{
	unsigned priv = rv32_data_priv(c);
	uint64_t lo, hi;
	if (!pmp_ok(c, addr, size, acc, priv, &lo, &hi)) {
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
			set_window(c, win, r, lo, hi, addr, acc == ACC_W);
		return 0;
	}
	enum bus_status st;
	if (r && (addr & (size - 1)) && size > r->size - (addr - r->base)) {
		/* misaligned, reaching past its region */
		if (split_ram(c, addr, size, acc, val) == 0)
			return 0;
		st = BUS_UNMAPPED;
	} else if (!r) {
		st = BUS_UNMAPPED;
		if (acc == ACC_W)
			c->resv_valid = false;
	} else {
		/* where no PMP check applies, the next accesses to this
		 * device skip the lookups (rv32_invalidate_windows forgets);
		 * not while watchpoints need every access to come here */
		if (priv == PRV_M && !c->pmp_any_locked && !c->dbg_watch)
			dev_remember(c, r, addr);
		return dev_access(c, r, addr, size, acc, val, cause);
	}
	return rv32_dev_fault(c, st, addr, size, acc, cause);
}

int rv32_load_slow(struct rv32_core *c, uint32_t addr, unsigned size, uint32_t *val)
{
	const struct rv32_devtlb *e = rv32_dev_hit(c, addr, size);
	if (e)
		return rv32_dev_load(c, e, addr, size, val);
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
	const struct rv32_devtlb *e = rv32_dev_hit(c, addr, size);
	if (e)
		return rv32_dev_store(c, e, addr, size, val);
	if (win_has(&c->wwin2, addr, size)) {
		swap_win(&c->wwin, &c->wwin2);
		/* a store window holds no code: nothing to tell */
		le_store(c->wwin.host + (uint32_t)(addr - c->wwin.base), size, val);
		c->resv_valid = false;
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
