/* A remoteproc node of a device tree -> one remote of the platform
 * description: its name, core and clock, its memories (reg + reg-names,
 * with the device addresses ranges/dma-ranges give), its memory-region
 * regions, its mailbox (mboxes + mbox-names), its sysctl (resets), its
 * firmware and watchdog interrupt, and the devices in its own address
 * space (its children, "rpsim,<device>" of the device table). */
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/mailbox.h"
#include "sim/platform/dt_internal.h"
#include "sim/platform/platform_profile.h"

#define DT_MAX_XLATE 16
#define DT_MAX_MBOXES 8

/* da <-> pa entries of a remote: (child = da, parent = host pa, size). */
struct xlate {
	struct dt_range e[DT_MAX_XLATE];
	unsigned n;
};

static int add_xlate(struct dt *t, int node, const char *prop, struct xlate *x, bool *found)
{
	struct dt_range r[DT_MAX_XLATE];
	bool present = false;
	int n = dt_ranges(t, node, prop, r, DT_MAX_XLATE, &present);
	if (n < 0)
		return -1;
	*found = present;
	for (int i = 0; i < n && x->n < DT_MAX_XLATE; i++) {
		uint64_t pa;
		/* the parent side is an address on node's parent bus */
		if (dt_translate(t, node, r[i].parent, r[i].size, prop, &pa) != 0)
			return -1;
		x->e[x->n++] = (struct dt_range){ .child = r[i].child, .parent = pa, .size = r[i].size };
	}
	return 0;
}

/* The remote's view of host memory: its own dma-ranges and ranges, then
 * the first dma-ranges of an ancestor (of_dma_get_range's walk up). */
static int read_xlate(struct dt *t, int node, struct xlate *x)
{
	bool found = false;
	if (add_xlate(t, node, "dma-ranges", x, &found) != 0 || add_xlate(t, node, "ranges", x, &found) != 0)
		return -1;
	for (int a = dt_parent(t, node); a >= 0; a = dt_parent(t, a)) {
		if (add_xlate(t, a, "dma-ranges", x, &found) != 0)
			return -1;
		if (found)
			break;
	}
	return 0;
}

/* pa -> da: the entry covering [pa, pa+size); none: da == pa. -1 when
 * an entry covers only part of it. */
static int to_da(const struct xlate *x, uint64_t pa, uint64_t size, uint64_t *da)
{
	for (unsigned k = 0; k < x->n; k++) {
		const struct dt_range *e = &x->e[k];
		if (pa >= e->parent && pa - e->parent < e->size) {
			if (size > e->size - (pa - e->parent))
				return -1;
			*da = e->child + (pa - e->parent);
			return 0;
		}
	}
	*da = pa;
	return 0;
}

static bool valid_name(const char *s)
{
	if (!s[0] || strlen(s) >= PLATFORM_NAME_MAX)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      *c == '_' || *c == '-' || *c == '.'))
			return false;
	return true;
}

static void read_memories(struct dt *t, int node, struct platform_remote_desc *r,
			  const struct xlate *x, const char *path)
{
	struct dt_range reg[PLATFORM_MAX_MEMORIES];
	int n = dt_reg(t, node, "reg", reg, PLATFORM_MAX_MEMORIES);
	r->nmemories = 0;
	for (int i = 0; i < n; i++) {
		struct platform_mem_desc *m = &r->memories[r->nmemories];
		memset(m, 0, sizeof(*m));
		char name[64];
		int has = dt_string(t, node, "reg-names", (unsigned)i, name, sizeof(name));
		if (has < 0)
			return;
		if (has == 0)
			snprintf(name, sizeof(name), "mem%d", i);
		if (!valid_name(name)) {
			dt_err(t, node, "reg-names[%d] \"%s\": a memory's name has 1 to %d letters, digits, "
			       "'_', '-' or '.'", i, name, PLATFORM_NAME_MAX - 1);
			continue;
		}
		memcpy(m->name, name, strlen(name) + 1); /* valid_name: it fits */
		snprintf(m->where, sizeof(m->where), "%s: reg[%d] (%.31s)", path, i, name);
		uint64_t pa, da;
		char what[96];
		snprintf(what, sizeof(what), "reg[%d] (%s)", i, name);
		if (dt_translate(t, node, reg[i].child, reg[i].size, what, &pa) != 0)
			continue;
		if (to_da(x, pa, reg[i].size, &da) != 0) {
			dt_err(t, node, "%s [pa 0x%" PRIx64 ", +0x%" PRIx64 ") is only partly inside an entry "
			       "of ranges/dma-ranges: give it one entry that covers it", what, pa, reg[i].size);
			continue;
		}
		if (reg[i].size == 0 || reg[i].size % 4096 || pa + reg[i].size > (1ULL << 32) ||
		    da + reg[i].size > (1ULL << 32)) {
			dt_err(t, node, "%s [pa 0x%" PRIx64 ", da 0x%" PRIx64 ", +0x%" PRIx64 "): a memory is "
			       "a whole number of 4 KiB pages inside the 32-bit address spaces", what, pa,
			       da, reg[i].size);
			continue;
		}
		m->pa = (uint32_t)pa;
		m->da = (uint32_t)da;
		m->size = (uint32_t)reg[i].size;
		r->nmemories++;
	}
}

/* The children: the devices in the remote's own address space. */
static void read_devices(struct dt *t, int node, struct platform_remote_desc *r)
{
	bool seen[DEV_COUNT] = { false };
	int child;
	fdt_for_each_subnode(child, t->fdt, node) {
		if (!dt_available(t, child))
			continue;
		int k = 0;
		while (k < DEV_COUNT) {
			char c[48];
			snprintf(c, sizeof(c), "rpsim,%s", dev_table[k].name);
			if (dev_table[k].in[DEV_REMOTE] && dt_compatible(t, child, c))
				break;
			k++;
		}
		if (k == DEV_COUNT)
			continue; /* not a device of the remote's: unknown nodes are ignored */
		if (seen[k]) {
			dt_err(t, child, "a second %s of this remote", dev_table[k].name);
			continue;
		}
		seen[k] = true;
		const char *why = platform_profile_absent_why(platform_profile_find(r->core), (enum dev_id)k);
		if (why) {
			dt_err(t, child, "a %s remote has no %s: %s; remove the node", r->core,
			       dev_table[k].name, why);
			continue;
		}
		struct dt_range reg[1];
		int n = dt_reg(t, child, "reg", reg, 1);
		if (n < 0)
			continue;
		if (n == 0) {
			dt_err(t, child, "no \"reg\": give the window's device address, e.g. reg = <0x%08"
			       PRIx32 " 0x%" PRIx64 ">;", dev_table[k].base[DEV_REMOTE], dev_table[k].window);
			continue;
		}
		if (reg[0].child % 4 || reg[0].size < dev_table[k].window ||
		    reg[0].child + dev_table[k].window > (1ULL << 32)) {
			dt_err(t, child, "reg [0x%" PRIx64 ", +0x%" PRIx64 "): the %s's window takes 0x%" PRIx64
			       " bytes at a word-aligned device address below 4 GiB", reg[0].child,
			       reg[0].size, dev_table[k].name, dev_table[k].window);
			continue;
		}
		r->dev_base[k][DEV_REMOTE] = (uint32_t)reg[0].child;
		dt_path(t, child, r->dev_where[k][DEV_REMOTE], PLATFORM_WHERE_LEN);
		uint64_t hz;
		uint32_t irq;
		if (k == DEV_TIMER && dt_u64(t, child, "clock-frequency", &hz) > 0) {
			if (hz == 0)
				dt_err(t, child, "clock-frequency: 0 Hz");
			else
				r->timer_hz = hz;
		}
		const uint32_t *cells = NULL;
		if (k == DEV_MAILBOX && dt_cells(t, child, "interrupts", &cells) > 0) {
			memcpy(&irq, cells, 4);
			irq = fdt32_to_cpu(irq);
			unsigned lo, hi;
			const char *what;
			platform_profile_irq_range(platform_profile_find(r->core), &lo, &hi, &what);
			if (irq < lo || irq > hi)
				dt_err(t, child, "interrupts: %" PRIu32 " is not an %s of the %s core (%u..%u)",
				       irq, what, r->core, lo, hi);
			else
				r->mailbox.remote_irq = irq;
		}
	}
}

/* memory-region: each phandle a /reserved-memory region, seen by the
 * remote in DRAM at da == pa or inside one of its memories. */
static void read_regions(struct dt *t, int node, struct platform_remote_desc *r,
			 const struct xlate *x)
{
	const uint32_t *cells = NULL;
	int n = dt_cells(t, node, "memory-region", &cells);
	if (n > PLATFORM_MAX_REMOTE_REGIONS) {
		dt_err(t, node, "memory-region: %d regions; rpsim reads at most %d", n,
		       PLATFORM_MAX_REMOTE_REGIONS);
		return;
	}
	const struct platform_desc *p = t->p;
	for (int i = 0; i < n; i++) {
		uint32_t ph;
		memcpy(&ph, &cells[i], 4);
		int target = dt_phandle(t, node, "memory-region", fdt32_to_cpu(ph));
		if (target < 0)
			continue;
		char tp[DT_PATH_MAX];
		dt_path(t, target, tp, sizeof(tp));
		int g = dt_region_of(t, target);
		if (g < 0) {
			dt_err(t, node, "memory-region[%d]: %s is not a /reserved-memory region with a "
			       "static reg", i, tp);
			continue;
		}
		const struct platform_region_desc *rg = &p->regions[g];
		if (rg->pool) {
			dt_err(t, node, "memory-region[%d]: %s is the kernel's default DMA pool "
			       "(linux,cma-default), which carveouts come from anyway; remove it here", i, tp);
			continue;
		}
		bool dup = false;
		for (unsigned k = 0; k < r->nregions; k++)
			dup |= strcmp(p->regions[r->regions[k].region].name, rg->name) == 0;
		if (dup) {
			dt_err(t, node, "memory-region[%d]: a second region named \"%s\" (%s): Linux finds "
			       "regions by name, so only the first would count", i, rg->name, tp);
			continue;
		}
		uint64_t da = 0;
		bool ok = false;
		if (rg->pa >= p->dram_base && rg->pa - p->dram_base < p->dram_size) {
			ok = to_da(x, rg->pa, rg->size, &da) == 0 && da == rg->pa;
			if (!ok) {
				dt_err(t, node, "memory-region[%d]: %s lies in DRAM, which rpsim's remotes see at "
				       "da == pa, but ranges/dma-ranges map it elsewhere", i, tp);
				continue;
			}
		}
		for (unsigned m = 0; m < r->nmemories && !ok; m++) {
			const struct platform_mem_desc *mem = &r->memories[m];
			if (rg->pa >= mem->pa && rg->pa - mem->pa < mem->size &&
			    rg->size <= mem->size - (rg->pa - mem->pa)) {
				da = mem->da + (rg->pa - mem->pa);
				ok = true;
			}
		}
		if (!ok) {
			dt_err(t, node, "memory-region[%d]: %s [0x%08" PRIx32 ", +0x%" PRIx32 ") lies neither "
			       "in DRAM nor inside one memory of this remote (its reg)", i, tp, rg->pa, rg->size);
			continue;
		}
		unsigned vn;
		char tail;
		if (da != rg->pa && sscanf(rg->name, "vdev%ubuffe%c", &vn, &tail) == 2) {
			dt_err(t, node, "memory-region[%d]: %s is seen by the remote at da 0x%08" PRIx64 ", not "
			       "at its pa: rpsim's rpmsg transport puts physical addresses in the vrings, so a "
			       "vdev's buffers must be at da == pa (in DRAM)", i, tp, da);
			continue;
		}
		r->regions[r->nregions++] = (struct platform_remote_region){ .region = (unsigned)g,
									    .da = (uint32_t)da };
	}
}

struct mbox_ref {
	int node;
	uint32_t chan;
	char name[16];
};

/* mboxes + mbox-names: the mailbox node and its tx, rx and crash
 * channels (the first #mbox-cells argument; none: channel 0). */
static void read_mboxes(struct dt *t, int node, struct platform_remote_desc *r, unsigned index)
{
	const uint32_t *cells = NULL;
	int n = dt_cells(t, node, "mboxes", &cells);
	if (n < 0)
		return;
	if (n == 0) {
		dt_err(t, node, "no mailbox: add mboxes = <&mbox0 0>, <&mbox0 0>; mbox-names = \"tx\", "
		       "\"rx\"; pointing at an rpsim,mailbox node");
		return;
	}
	struct mbox_ref refs[DT_MAX_MBOXES];
	unsigned nref = 0;
	for (int i = 0; i < n;) {
		uint32_t ph;
		memcpy(&ph, &cells[i], 4);
		int target = dt_phandle(t, node, "mboxes", fdt32_to_cpu(ph));
		if (target < 0)
			return;
		uint32_t nargs = 0;
		if (dt_u32(t, target, "#mbox-cells", &nargs) < 0)
			return;
		if (nargs > 4 || (uint32_t)(n - i - 1) < nargs || nref == DT_MAX_MBOXES) {
			dt_err(t, node, "mboxes: entry %u does not fit the #mbox-cells (%" PRIu32 ") of its "
			       "mailbox, or there are more than %d entries", nref, nargs, DT_MAX_MBOXES);
			return;
		}
		struct mbox_ref *m = &refs[nref];
		m->node = target;
		m->chan = 0;
		if (nargs > 0) {
			memcpy(&m->chan, &cells[i + 1], 4);
			m->chan = fdt32_to_cpu(m->chan);
		}
		int has = dt_string(t, node, "mbox-names", nref, m->name, sizeof(m->name));
		if (has < 0)
			return;
		if (has == 0 && fdt_getprop(t->fdt, node, "mbox-names", NULL))
			snprintf(m->name, sizeof(m->name), "(unnamed)");
		else if (has == 0)
			snprintf(m->name, sizeof(m->name), "%s", nref == 0 ? "tx" : nref == 1 ? "rx" : "(unnamed)");
		nref++;
		i += 1 + (int)nargs;
	}
	int tx = -1, rx = -1, crash = -1;
	for (unsigned k = 0; k < nref; k++) {
		if (refs[k].node != refs[0].node) {
			char a[DT_PATH_MAX], b[DT_PATH_MAX];
			dt_err(t, node, "mboxes: entries point at %s and %s; an rpsim remote has one mailbox",
			       dt_path(t, refs[0].node, a, sizeof(a)), dt_path(t, refs[k].node, b, sizeof(b)));
			return;
		}
		if (strcmp(refs[k].name, "tx") == 0)
			tx = (int)k;
		else if (strcmp(refs[k].name, "rx") == 0)
			rx = (int)k;
		else if (strcmp(refs[k].name, "crash") == 0)
			crash = (int)k;
	}
	if (rx < 0 && tx >= 0 && !fdt_getprop(t->fdt, node, "mbox-names", NULL))
		rx = tx; /* one unnamed entry: both directions on its channel */
	if (tx < 0 || rx < 0) {
		dt_err(t, node, "mbox-names: no \"%s\" channel; name the mboxes entries \"tx\", \"rx\" "
		       "(and \"crash\" if the remote has one)", tx < 0 ? "tx" : "rx");
		return;
	}
	if (dt_read_mailbox(t, node, refs[0].node, r, index) != 0)
		return;
	const unsigned nch = r->mailbox.channels;
	const int which[3] = { tx, rx, crash };
	for (unsigned k = 0; k < 3; k++) {
		if (which[k] >= 0 && refs[which[k]].chan >= nch) {
			dt_err(t, node, "mboxes: the %s channel %" PRIu32 " does not exist: the mailbox has "
			       "%u (rpsim,channels)", refs[which[k]].name, refs[which[k]].chan, nch);
			return;
		}
	}
	if (crash >= 0 && refs[crash].chan == refs[rx].chan) {
		dt_err(t, node, "mboxes: the crash channel is the rx channel (%" PRIu32 "): give the crash "
		       "report a channel of its own", refs[rx].chan);
		return;
	}
	r->mailbox.tx_chan = refs[tx].chan;
	r->mailbox.rx_chan = refs[rx].chan;
	r->mailbox.crash_chan = crash >= 0 ? (int)refs[crash].chan : -1;
}

static void read_resets(struct dt *t, int node, struct platform_remote_desc *r, unsigned index)
{
	const uint32_t *cells = NULL;
	int n = dt_cells(t, node, "resets", &cells);
	if (n <= 0)
		return; /* the sysctl at its default address */
	uint32_t ph;
	memcpy(&ph, cells, 4);
	int target = dt_phandle(t, node, "resets", fdt32_to_cpu(ph));
	if (target >= 0)
		dt_read_sysctl(t, node, target, r, index);
}

static void read_firmware(struct dt *t, int node, struct platform_remote_desc *r)
{
	char fw[256], seed[256];
	int a = dt_string(t, node, "firmware-name", 0, fw, sizeof(fw));
	int b = dt_string(t, node, "firmware", 0, seed, sizeof(seed));
	if (a < 0 || b < 0)
		return;
	if (a > 0 && b > 0 && strcmp(fw, seed) != 0)
		dt_warn(t, node, "both firmware-name \"%s\" and firmware \"%s\": firmware-name is used", fw,
			seed);
	const char *name = a > 0 ? fw : b > 0 ? seed : NULL;
	if (!name)
		return;
	if (!name[0]) {
		dt_err(t, node, "%s: the firmware name is empty", a > 0 ? "firmware-name" : "firmware");
		return;
	}
	free(r->firmware);
	r->firmware = strdup(name);
}

static void read_irq(struct dt *t, int node, struct platform_remote_desc *r)
{
	const uint32_t *cells = NULL;
	const char *prop = "interrupts";
	int n = dt_cells(t, node, prop, &cells);
	if (n == 0) {
		prop = "interrupt"; /* the founding description's spelling */
		n = dt_cells(t, node, prop, &cells);
	}
	if (n <= 0)
		return;
	uint32_t v;
	memcpy(&v, cells, 4);
	v = fdt32_to_cpu(v);
	if (v > 1023)
		dt_err(t, node, "%s: %" PRIu32 " is not a host interrupt number (0..1023)", prop, v);
	else
		r->wdt_irq = v;
}

int dt_read_remote(struct dt *t, int node, const char *core)
{
	struct platform_desc *p = t->p;
	if (p->nremotes == PLATFORM_MAX_REMOTES) {
		dt_err(t, node, "more than %d remote processors", PLATFORM_MAX_REMOTES);
		return -1;
	}
	unsigned idx = p->nremotes++;
	struct platform_remote_desc *r = &p->remotes[idx];
	char path[DT_PATH_MAX];
	dt_path(t, node, path, sizeof(path));
	platform_remote_default(r, idx, path, core);
	for (unsigned k = 0; k < DEV_COUNT; k++)
		for (unsigned s = 0; s < DEV_NSPACES; s++)
			snprintf(r->dev_where[k][s], PLATFORM_WHERE_LEN, "%s (default %s %s window)", path,
				 dev_table[k].name, s == DEV_HOST ? "host" : "remote");
	snprintf(r->core, sizeof(r->core), "%s", core);
	unsigned before = t->errors;

	/* the rproc's name: the node's, as stm32_rproc_probe names it (np->name) */
	char name[64];
	dt_base_name(t, node, name, sizeof(name));
	if (!valid_name(name))
		dt_err(t, node, "the node name \"%s\" is the remote's name: use 1 to %d letters, digits, "
		       "'_', '-' or '.'", name, PLATFORM_NAME_MAX - 1);
	else
		memcpy(r->name, name, strlen(name) + 1); /* valid_name: it fits */
	for (unsigned k = 0; k < idx; k++)
		if (strcmp(p->remotes[k].name, r->name) == 0)
			dt_err(t, node, "the name \"%s\" is already %s's: give the nodes different names",
			       r->name, p->remotes[k].where);
	uint64_t hz;
	if (dt_u64(t, node, "clock-frequency", &hz) > 0) {
		if (hz == 0)
			dt_err(t, node, "clock-frequency: 0 Hz");
		else
			r->clock_hz = hz;
	}
	struct xlate x = { .n = 0 };
	if (read_xlate(t, node, &x) == 0)
		read_memories(t, node, r, &x, path);
	read_devices(t, node, r);
	read_regions(t, node, r, &x);
	read_mboxes(t, node, r, idx);
	read_resets(t, node, r, idx);
	read_firmware(t, node, r);
	read_irq(t, node, r);
	/* omap_rproc_probe: rproc->has_iommu = of_property_read_bool(np,
	 * "iommus"); the IOMMU node itself is not modelled, only its presence */
	r->iommu = fdt_getprop(t->fdt, node, "iommus", NULL) != NULL;
	if (t->errors == before && r->nmemories == 0 && r->nregions == 0)
		dt_err(t, node, "no memory for the firmware: give the remote's memories in reg (with "
		       "reg-names) or regions in memory-region");
	return t->errors == before ? 0 : -1;
}
