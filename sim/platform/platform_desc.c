#include "sim/platform/platform_desc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/platform/isa.h"
#include "sim/platform/platform_profile.h"

void platform_remote_default(struct platform_remote_desc *r, unsigned index, const char *where,
			     const char *core)
{
	const struct platform_profile *pf = platform_profile_find(core);
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s%u", pf->name_prefix, index);
	snprintf(r->core, sizeof(r->core), "%s", core && core[0] ? core : ISA_DEFAULT);
	snprintf(r->where, sizeof(r->where), "%s", where);
	r->clock_hz = 100000000;
	r->quantum = 10 * SIM_US;
	for (unsigned m = 0; m < pf->nmem && m < PLATFORM_MAX_MEMORIES; m++) {
		const struct platform_mem_default *md = &pf->mem[m];
		struct platform_mem_desc *mem = &r->memories[r->nmemories++];
		snprintf(mem->name, sizeof(mem->name), "%s", md->name);
		mem->da = md->da;
		mem->pa = md->pa + index * md->pa_stride;
		mem->size = md->size;
		mem->dram_alias = md->dram_alias;
		snprintf(mem->where, sizeof(mem->where), "%s.memories[%u]", where, m);
	}
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		if (!platform_profile_has(pf, (enum dev_id)k))
			continue;
		for (unsigned s = 0; s < DEV_NSPACES; s++) {
			if (!dev->in[s])
				continue;
			r->dev_base[k][s] = platform_profile_base(pf, (enum dev_id)k, (enum dev_space)s, index);
			/* the mailbox's two windows are keys of its own object */
			if (k == DEV_MAILBOX)
				snprintf(r->dev_where[k][s], PLATFORM_WHERE_LEN, "%s.mailbox.%s", where,
					 s == DEV_HOST ? "host_base" : "remote_base");
			else
				snprintf(r->dev_where[k][s], PLATFORM_WHERE_LEN, "%s.devices.%s", where,
					 dev->name);
		}
	}
	r->mailbox = (struct platform_mbox_desc){
		.channels = 2, .depth = 4, .latency = 100 * SIM_NS, .host_irq = 0,
		.remote_irq = pf->mbox_remote_irq, .tx_chan = 0, .rx_chan = 0, .crash_chan = -1,
	};
	r->timer_hz = pf->timer_hz;
	r->wdt_irq = 1;
	r->recovery_disabled = false;
	r->coredump = RPROC_COREDUMP_DISABLED;
}

void platform_remote_set_core(struct platform_remote_desc *r, unsigned index, const char *core)
{
	const struct platform_profile *pf = platform_profile_find(core);
	snprintf(r->core, sizeof(r->core), "%s", pf->core);
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		if (!dev_table[k].in[DEV_REMOTE])
			continue;
		r->dev_base[k][DEV_REMOTE] = platform_profile_has(pf, (enum dev_id)k) ?
			platform_profile_base(pf, (enum dev_id)k, DEV_REMOTE, index) : 0;
		snprintf(r->dev_where[k][DEV_REMOTE], PLATFORM_WHERE_LEN, "%.200s (the %s default %s window)",
			 r->where, pf->core, dev_table[k].name);
	}
	r->mailbox.remote_irq = pf->mbox_remote_irq;
	r->timer_hz = pf->timer_hz;
}

bool platform_remote_has(const struct platform_remote_desc *r, enum dev_id k)
{
	return platform_profile_has(platform_profile_find(r->core), k);
}

bool platform_mem_in_dram(const struct platform_desc *p, const struct platform_mem_desc *m)
{
	return m->dram_alias && m->size && m->pa >= p->dram_base && m->pa - p->dram_base < p->dram_size &&
	       m->size <= p->dram_size - (m->pa - p->dram_base);
}

void platform_desc_default(struct platform_desc *p)
{
	memset(p, 0, sizeof(*p));
	p->dram_base = 0x80000000u;
	p->dram_size = 256u << 20;
	snprintf(p->dram_where, sizeof(p->dram_where), "$.platform.dram");
	p->host = (struct platform_host_desc){
		.irq_entry = 2 * SIM_US, .sysfs_write = 20 * SIM_US,
		.sysfs_read = 10 * SIM_US, .open = 10 * SIM_US, .close = 5 * SIM_US,
		.write = 5 * SIM_US, .read = 5 * SIM_US, .ioctl = 20 * SIM_US,
		.mbox_op = 100 * SIM_NS, .vdev_start = 50 * SIM_US,
	};
	p->nremotes = 1;
	platform_remote_default(&p->remotes[0], 0, "$.platform.rprocs[0]", NULL);
}

void platform_desc_free_strings(struct platform_desc *p)
{
	for (unsigned i = 0; i < PLATFORM_MAX_REMOTES; i++) {
		struct platform_remote_desc *r = &p->remotes[i];
		free(r->firmware);
		free(r->firmware_file);
		free(r->coredump_dir);
		r->firmware = r->firmware_file = r->coredump_dir = NULL;
	}
}

/* ---- the address maps ---- */

struct range {
	uint64_t start, end; /* [start, end) */
	char what[PLATFORM_WHERE_LEN + 32];
};

static unsigned check_overlaps(const struct range *r, unsigned n, const char *space,
			       const char *prefix, struct diag *d)
{
	unsigned found = 0;
	for (unsigned a = 0; a < n; a++)
		for (unsigned b = a + 1; b < n; b++)
			if (r[a].start < r[b].end && r[b].start < r[a].end) {
				diag_error(d, "%s: %s 0x%08" PRIx64 "-0x%08" PRIx64 " of %s overlaps "
					   "0x%08" PRIx64 "-0x%08" PRIx64 " of %s: move one of them",
					   prefix, space, r[b].start, r[b].end - 1, r[b].what, r[a].start,
					   r[a].end - 1, r[a].what);
				found++;
			}
	return found;
}

static bool inside(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && a >= b && a - b < blen && alen <= blen - (a - b);
}

static void add_range(struct range *r, unsigned *n, uint64_t start, uint64_t size,
		      const char *where, const char *extra)
{
	r[*n].start = start;
	r[*n].end = start + size;
	snprintf(r[*n].what, sizeof(r[*n].what), "%s%s", where, extra);
	(*n)++;
}

unsigned platform_desc_check(const struct platform_desc *p, const char *prefix, struct diag *d)
{
	enum { MAXR = 1 + PLATFORM_MAX_REGIONS + PLATFORM_MAX_REMOTES * (PLATFORM_MAX_MEMORIES + DEV_COUNT) };
	struct range *r = malloc(MAXR * sizeof(*r));
	if (!r) {
		diag_error(d, "%s: out of memory checking the address map", prefix);
		return 1;
	}
	unsigned n = 0, found = 0;
	add_range(r, &n, p->dram_base, p->dram_size, p->dram_where, "");
	for (unsigned i = 0; i < p->nremotes; i++) {
		const struct platform_remote_desc *rp = &p->remotes[i];
		/* a DRAM alias is a window of DRAM, not RAM of its own in the
		 * host's map; it must lie inside DRAM */
		for (unsigned m = 0; m < rp->nmemories; m++) {
			const struct platform_mem_desc *mem = &rp->memories[m];
			if (platform_mem_in_dram(p, mem))
				continue;
			if (mem->dram_alias) {
				diag_error(d, "%s: %s: a DRAM alias, but pa 0x%08" PRIx32 "-0x%08" PRIx64
					   " is not inside DRAM 0x%08" PRIx32 "-0x%08" PRIx64 ": move it "
					   "into DRAM or drop \"dram_alias\"", prefix, mem->where, mem->pa,
					   (uint64_t)mem->pa + mem->size - 1, p->dram_base,
					   (uint64_t)p->dram_base + p->dram_size - 1);
				found++;
				continue;
			}
			add_range(r, &n, mem->pa, mem->size, mem->where, " (pa)");
		}
		/* the host-side windows: the mailbox's, and the sysctl its
		 * remoteproc driver programs */
		for (unsigned k = 0; k < DEV_COUNT; k++)
			if (dev_table[k].in[DEV_HOST] && platform_remote_has(rp, (enum dev_id)k))
				add_range(r, &n, rp->dev_base[k][DEV_HOST], dev_table[k].window,
					  rp->dev_where[k][DEV_HOST], "");
	}
	found += check_overlaps(r, n, "host address range", prefix, d);

	/* reserved regions: each inside RAM the platform builds, none over
	 * another (Linux refuses overlapping reserved-memory nodes) */
	n = 0;
	for (unsigned g = 0; g < p->nregions; g++) {
		const struct platform_region_desc *rg = &p->regions[g];
		add_range(r, &n, rg->pa, rg->size, rg->where, "");
		if (inside(rg->pa, rg->size, p->dram_base, p->dram_size))
			continue;
		if (rg->pool) {
			diag_error(d, "%s: %s: the default DMA pool [0x%08" PRIx32 ", +0x%" PRIx32 ") must lie "
				   "inside DRAM [0x%08" PRIx32 ", +0x%" PRIx32 ")", prefix, rg->where, rg->pa,
				   rg->size, p->dram_base, p->dram_size);
			found++;
			continue;
		}
		bool in_mem = false;
		for (unsigned i = 0; i < p->nremotes && !in_mem; i++)
			for (unsigned m = 0; m < p->remotes[i].nmemories && !in_mem; m++)
				in_mem = inside(rg->pa, rg->size, p->remotes[i].memories[m].pa,
						p->remotes[i].memories[m].size);
		if (!in_mem) {
			diag_error(d, "%s: %s: region [0x%08" PRIx32 ", +0x%" PRIx32 ") lies neither inside "
				   "DRAM [0x%08" PRIx32 ", +0x%" PRIx32 ") nor inside one memory of a remote: "
				   "there is no RAM behind it; move it into one of them", prefix, rg->where,
				   rg->pa, rg->size, p->dram_base, p->dram_size);
			found++;
		}
	}
	found += check_overlaps(r, n, "reserved region", prefix, d);

	for (unsigned i = 0; i < p->nremotes; i++) {
		const struct platform_remote_desc *rp = &p->remotes[i];
		n = 0;
		add_range(r, &n, p->dram_base, p->dram_size, p->dram_where, " (seen at da = pa)");
		for (unsigned m = 0; m < rp->nmemories; m++)
			add_range(r, &n, rp->memories[m].da, rp->memories[m].size, rp->memories[m].where, " (da)");
		for (unsigned k = 0; k < DEV_COUNT; k++)
			if (dev_table[k].in[DEV_REMOTE] && platform_remote_has(rp, (enum dev_id)k))
				add_range(r, &n, rp->dev_base[k][DEV_REMOTE], dev_table[k].window,
					  rp->dev_where[k][DEV_REMOTE], "");
		found += check_overlaps(r, n, "device address range", prefix, d);
	}
	free(r);
	return found;
}

void platform_desc_pool(const struct platform_desc *p, uint32_t *base, uint32_t *size)
{
	for (unsigned g = 0; g < p->nregions; g++) {
		if (p->regions[g].pool) {
			*base = p->regions[g].pa;
			*size = p->regions[g].size;
			return;
		}
	}
	*base = p->dram_base + p->dram_size / 2;
	*size = p->dram_size / 2;
}

const struct platform_remote_region *platform_remote_region(const struct platform_desc *p,
							    const struct platform_remote_desc *r,
							    const char *name)
{
	for (unsigned k = 0; k < r->nregions; k++)
		if (r->regions[k].region < p->nregions &&
		    strcmp(p->regions[r->regions[k].region].name, name) == 0)
			return &r->regions[k];
	return NULL;
}
