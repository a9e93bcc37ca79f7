#include "sim/platform/platform_desc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/platform/isa.h"

void platform_remote_default(struct platform_remote_desc *r, unsigned index, const char *where)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "rv%u", index);
	snprintf(r->core, sizeof(r->core), "%s", ISA_DEFAULT);
	snprintf(r->where, sizeof(r->where), "%s", where);
	r->clock_hz = 100000000;
	r->quantum = 10 * SIM_US;
	r->nmemories = 1;
	r->memories[0] = (struct platform_mem_desc){ .name = "tcm", .da = 0x00000000,
						     .pa = 0x40000000u + index * 0x01000000u,
						     .size = 256u << 10 };
	snprintf(r->memories[0].where, sizeof(r->memories[0].where), "%s.memories[0]", where);
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		for (unsigned s = 0; s < DEV_NSPACES; s++) {
			if (!dev->in[s])
				continue;
			r->dev_base[k][s] = dev_default_base(dev, (enum dev_space)s, index);
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
		.channels = 2, .depth = 4, .latency = 100 * SIM_NS, .host_irq = 0, .remote_irq = 1,
		.tx_chan = 0, .rx_chan = 0, .crash_chan = -1,
	};
	r->timer_hz = 10000000;
	r->wdt_irq = 1;
	r->recovery_disabled = false;
	r->coredump = RPROC_COREDUMP_DISABLED;
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
	platform_remote_default(&p->remotes[0], 0, "$.platform.rprocs[0]");
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
		for (unsigned m = 0; m < rp->nmemories; m++)
			add_range(r, &n, rp->memories[m].pa, rp->memories[m].size, rp->memories[m].where, " (pa)");
		/* the host-side windows: the mailbox's, and the sysctl its
		 * remoteproc driver programs */
		for (unsigned k = 0; k < DEV_COUNT; k++)
			if (dev_table[k].in[DEV_HOST])
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
			if (dev_table[k].in[DEV_REMOTE])
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
